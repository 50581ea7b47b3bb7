// SPDX-License-Identifier: BSD-3-Clause
/**
 * Esempio 4 — la cartella sociale dall'accesso al SIUSS, con @riuso-sociale/csi-model: operatori,
 * persona e cartella; accesso allo sportello → presa in carico (attiva) → assegnazione; verifica
 * dell'Assegno di inclusione sul nucleo ISEE (toHousehold → evaluate); valutazione SINA (completata,
 * validata) → progetto (PAI) → intervento (autorizzato, avviato con la presa in carico attiva) →
 * erogazione (registrata, validata, liquidata) → flusso SIUSS (toSiussFlow, file XML in
 * examples/output/, validateFlow) → markExported. Lungo la strada: un passaggio rifiutato dalla sua
 * regola, un accesso negato, un accesso di emergenza (break-glass) e un operatore di un altro Comune
 * respinto. Alla fine il REGISTRO DI AUDIT: ogni evento numerato, concatenato e firmato con HMAC-SHA256
 * sotto la chiave dell'Ente (appendAudit), verificato contro la testa pubblicata (verifyAuditChain), con
 * tre manomissioni rilevate. Dati di fantasia.
 * Infine la cartella PERSISTE nel csi-store (@riuso-sociale/csi-store): gli stessi record, con gli stessi
 * identificativi e istanti, riscritti in sessioni dell'archivio (che controlla l'accesso a ogni lettura
 * e scrittura), esportati al SIUSS dalla coda dell'archivio, con un conflitto di versione, un accesso
 * negato e registrato, la catena di audit dell'archivio verificata. L'archivio resta per gli esempi
 * successivi: PGlite incorporato su disco in examples/output/csi-store/ (STORE_DIR, svuotato a ogni
 * esecuzione) oppure, con DATABASE_URL, quel database PostgreSQL; chiave di audit CSI_STORE_AUDIT_KEY se
 * impostata, altrimenti la chiave DIMOSTRATIVA di questo file; Ente A944 (STORE_ENTE); testa del registro
 * in examples/output/csi-store.head.json (STORE_HEAD_FILE). Si apre con
 * `openStore(exampleStoreOptions().options)`, importato da questo file.
 *
 * Example 4 — the social-care record from the front desk to SIUSS: every lifecycle step yields one
 * audit event; a refused transition, a denied access, a break-glass and an operator of another Comune
 * refused; the keyed (HMAC), numbered audit trail checked against its published head: an edit, a chain
 * recomputed without the key and a truncated tail are all detected. Finally the record persists in a
 * csi-store (same ids and instants, sessions that check access on every read and write, the SIUSS export
 * from the store's queue, a version conflict, an audited denial, the store's audit chain verified) that
 * later examples open with `openStore(exampleStoreOptions().options)` imported from this file: embedded
 * PGlite in examples/output/csi-store/ (STORE_DIR), or the PostgreSQL database of DATABASE_URL; audit key
 * from CSI_STORE_AUDIT_KEY or this file's demo key; Ente STORE_ENTE; published head STORE_HEAD_FILE.
 * Run: `npm run examples` (or `node examples/04-csi-lifecycle.mjs` after `npm run build`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatDate, maskFiscalCode } from '@riuso-sociale/core';
import { computeFiscalCode } from '@riuso-sociale/fiscal-code';
import { evaluate } from '@riuso-sociale/rei-eligibility';
import { validateFlow } from '@riuso-sociale/siuss-schema';
import {
  accessResource,
  appendAudit,
  auditEvent,
  auditEventHash,
  canAccess,
  checkNewErogazione,
  ENTITY_SCHEMAS,
  initialHistory,
  markExported,
  STATES,
  toHousehold,
  toSiussFlow,
  transitionAccesso,
  transitionErogazione,
  transitionIntervento,
  transitionPresaInCarico,
  transitionProgetto,
  transitionValutazione,
  verifyAuditChain,
} from '@riuso-sociale/csi-model';
import { openStore } from '@riuso-sociale/csi-store';

/** The Comune di Bologna (Belfiore A944, IPA c_a944, ISTAT 037006). */
const ENTE = { belfiore: 'A944', codiceIpa: 'c_a944', istat: '037006' };
const AREA_DISABILITA = { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' };
const ITALIANA = { system: 'iso3166.numerico', version: 'esterno', code: '380' };
const RESIDENZA = { codiceComuneIstat: '037006', codiceRegione: '08', codiceNazione: '380', indirizzo: 'Via di Esempio 12, Bologna' };

/**
 * DEMO KEY — NOT FOR PRODUCTION. It signs the audit log of this example and is derived from a fixed,
 * public string so that the output is the same at every run. A real key is random
 * (`crypto.randomBytes(32)`), belongs to the Ente and is kept outside the database that holds the log
 * (key manager, HSM, secret store).
 */
const DEMO_AUDIT_KEY = { id: 'A944-demo-1', secret: createHash('sha256').update('riuso-sociale esempio 04: chiave di audit dimostrativa').digest() };

/** The default output folder (the SIUSS file, the store, the published audit head). */
const OUTPUT_DIR = fileURLToPath(new URL('./output/', import.meta.url));
const EXAMPLES_DIR = fileURLToPath(new URL('./', import.meta.url));

/**
 * Where example 04 leaves its csi-store for the examples that follow: the embedded PGlite folder
 * `examples/output/csi-store/` (emptied at every run of this example). With `DATABASE_URL` set, the store
 * is that PostgreSQL database instead. Open it with `openStore(exampleStoreOptions().options)`.
 */
export const STORE_DIR = join(OUTPUT_DIR, 'csi-store');
/** The Ente whose records example 04 writes in the store (Comune di Bologna). */
export const STORE_ENTE = ENTE.belfiore;
/** The audit head of the store after example 04, published outside the database (`{ ente, seq, hash }`). */
export const STORE_HEAD_FILE = join(OUTPUT_DIR, 'csi-store.head.json');

/**
 * The audit key of example 04's store: `CSI_STORE_AUDIT_KEY` from the environment when set (format
 * `<id>:<secret in hex or base64>`, at least 32 bytes, as the csi-store CLI reads it), else the DEMO key
 * of this example. `source` says which; the secret is never printed.
 */
export function storeAuditKey(env = process.env) {
  const spec = env.CSI_STORE_AUDIT_KEY?.trim();
  if (!spec) return { key: DEMO_AUDIT_KEY, source: 'demo' };
  const bad = (why) => new Error(`CSI_STORE_AUDIT_KEY non valida / invalid: ${why} (formato / format <id>:<segreto hex o base64, almeno 32 byte>)`);
  const colon = spec.lastIndexOf(':');
  if (colon <= 0) throw bad('manca <id>: / no <id>:');
  const id = spec.slice(0, colon).trim();
  const text = spec.slice(colon + 1).trim();
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(id)) throw bad('identificativo / identifier');
  let secret;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) secret = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) && text.replace(/=+$/, '').length % 4 !== 1) secret = Buffer.from(text, 'base64');
  else throw bad('il segreto non è né hex né base64 / the secret is neither hex nor base64');
  if (secret.length < 32) throw bad(`segreto di ${secret.length} byte / secret of ${secret.length} bytes`);
  return { key: { id, secret: new Uint8Array(secret) }, source: 'CSI_STORE_AUDIT_KEY' };
}

/**
 * How to open example 04's store: `options` for `openStore` (`{ dataDir, auditKey }` or, with
 * `DATABASE_URL`, `{ connectionString, auditKey }`), the `driver`, a printable `where` (never the
 * password of the URL) and the audit key's `keySource` (`demo` or `CSI_STORE_AUDIT_KEY`).
 */
export function exampleStoreOptions({ env = process.env, outDir = OUTPUT_DIR } = {}) {
  const { key, source } = storeAuditKey(env);
  const url = env.DATABASE_URL?.trim();
  if (url) {
    let where = 'DATABASE_URL';
    try {
      const u = new URL(url);
      where = `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
    } catch {
      // not a URL: pg reports it when connecting
    }
    return { driver: 'pg', options: { connectionString: url, auditKey: key }, where, keySource: source };
  }
  const dataDir = join(outDir, 'csi-store');
  return { driver: 'pglite', dataDir, options: { dataDir, auditKey: key }, where: shownPath(dataDir), keySource: source };
}

/** Integer cents → `1.234,56 €`. */
const euro = (cents) => `${String(Math.trunc(Math.abs(cents) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(Math.abs(cents) % 100).padStart(2, '0')} €`;

/**
 * Runs the example, printing through `print`; returns what it found. `outDir`: where the SIUSS file, the
 * store and its published head go; `env`: where DATABASE_URL and CSI_STORE_AUDIT_KEY are read from.
 */
export async function main(print = console.log, { outDir = fileURLToPath(new URL('./output/', import.meta.url)), env = process.env } = {}) {
  // Fixed identifiers (like the samples of csi-model), so that the output is the same at every run.
  let next = 0;
  const nextId = () => `00000000-0000-4000-8000-${(++next).toString(16).padStart(12, '0')}`;
  const short = (id) => `#${id.slice(-4)}`;

  let log = [];
  const counts = { created: 0, transitions: 0, accessDecisions: 0, refused: 0 };
  /** Every creation and accepted step, in order: section 9 replays them in the csi-store. */
  const journal = [];
  /** Appends an event to the Ente's log (numbered, linked, signed with the demo key). */
  const record = (event) => {
    const r = appendAudit(log, { ...event, ente: event.ente ?? ENTE.belfiore }, DEMO_AUDIT_KEY);
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.message}`).join('; '));
    log = r.value;
  };

  /** A new record of `kind`, checked by its schema, with its `create` audit event (from — to the initial state). */
  function create(kind, fields, actor, at, { persona, id = nextId() } = {}) {
    const about = kind === 'persona' ? id : (persona ?? fields.persona);
    let lifecycle = {};
    let audit;
    if (kind in STATES) {
      const h = initialHistory(kind, actor, at, { id, ...(about === undefined ? {} : { persona: about }) });
      lifecycle = { status: h.status, history: h.history };
      audit = h.audit;
    } else {
      audit = auditEvent({ at, actor, action: 'create', entity: { kind, id }, ...(about === undefined ? {} : { persona: about }), outcome: 'success' });
    }
    const by = actor.operatoreId;
    const r = ENTITY_SCHEMAS[kind].safeParse({ id, ente: ENTE, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by, version: 1, ...lifecycle, ...fields });
    if (!r.success) throw new Error(`${kind}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    record(audit);
    counts.created++;
    journal.push({ kind, id, actor, at, entity: r.data });
    print(`  ${at}  ${actor.role.padEnd(21)} crea ${kind} ${short(id)}${lifecycle.status ? ` (${lifecycle.status})` : ''}`);
    return r.data;
  }

  /** An accepted lifecycle step: the new entity; its audit event goes to the log. Throws on a refusal. */
  function step(transition, entity, event, actor, at, input) {
    const r = transition(entity, event, actor, at, input);
    if (!r.ok) throw new Error(`${event}: ${r.issues.map((i) => `${i.code} ${i.message}`).join('; ')}`);
    record(r.value.audit);
    counts.transitions++;
    journal.push({ kind: r.value.audit.entity.kind, id: entity.id, event, actor, at, input });
    const t = r.value.audit.transition;
    print(`  ${at}  ${actor.role.padEnd(21)} ${r.value.audit.entity.kind} ${short(entity.id)}: ${t.from} → ${t.to} (${event})${input?.reason ? ` — ${input.reason}` : ''}`);
    return r.value.entity;
  }

  /** An access decision (allowed or not): its audit event goes to the log. */
  function access(operatore, action, resource, context) {
    const d = canAccess(operatore, action, resource, context);
    record(d.audit);
    counts.accessDecisions++;
    print(`  ${context.at}  ${operatore.ruolo.padEnd(21)} ${action} ${resource.kind} ${short(resource.id)}: ${d.allowed ? 'CONSENTITO' : 'NEGATO'} (${d.rule}) — ${d.reason.it}`);
    return d;
  }

  // ---------------------------------------------------------------------------------------------
  print('== 1. Operatori e servizio / staff and office ==');
  const setupAt = '2025-03-03T08:00:00Z';
  const cfOf = (surname, name, sex, birthDate, birthPlace) => computeFiscalCode({ surname, name, sex, birthDate, birthPlace });
  // The first operator record is created by its own holder (the service manager who sets up the office).
  const responsabileId = nextId();
  const bootstrap = { operatoreId: responsabileId, role: 'responsabile-servizio' };
  const staff = (cognome, nome, sesso, nascita, luogo, ruolo, servizi) => ({ codiceFiscale: cfOf(cognome, nome, sesso, nascita, luogo), cognome, nome, ruolo, servizi, attivo: true });
  const responsabile = create('operatore', staff('Gallo', 'Marco', 'M', '1970-10-04', 'A944', 'responsabile-servizio', []), bootstrap, setupAt, { id: responsabileId });
  const servizio = create('servizio', {
    tipo: 'ufficio', denominazione: 'Servizio sociale territoriale, Quartiere Navile', areeUtenza: [AREA_DISABILITA], indirizzo: 'Via di Esempio 1, Bologna', attivo: true,
  }, bootstrap, setupAt);
  const laura = create('operatore', staff('Bianchi', 'Laura', 'F', '1985-08-01', 'F205', 'assistente-sociale', [servizio.id]), bootstrap, setupAt);
  const paolo = create('operatore', staff('Neri', 'Paolo', 'M', '1979-02-14', 'A944', 'educatore', [servizio.id]), bootstrap, setupAt);
  const anna = create('operatore', staff('Moretti', 'Anna', 'F', '1968-12-09', 'A944', 'amministrativo', [servizio.id]), bootstrap, setupAt);
  // The account of the SIUSS export job, in the name of the officer who answers for it.
  const sistema = create('operatore', staff('Rinaldi', 'Sara', 'F', '1982-05-23', 'A944', 'sistema', [servizio.id]), bootstrap, setupAt);
  const as = (o) => ({ operatoreId: o.id, role: o.ruolo });
  const [AS, RS, AM, SYS] = [as(laura), as(responsabile), as(anna), as(sistema)];
  print(`  Operatori: ${[responsabile, laura, paolo, anna, sistema].map((o) => `${o.nome} ${o.cognome} (${o.ruolo}, ${maskFiscalCode(o.codiceFiscale)})`).join('; ')}`);

  // ---------------------------------------------------------------------------------------------
  print('\n== 2. Accesso allo sportello, persona, cartella, presa in carico / front desk to case ==');
  const giovannaCf = cfOf('Esposito', 'Giovanna', 'F', '1990-04-02', 'F839');
  const lucaCf = cfOf('Esposito', 'Luca', 'M', '2023-05-10', 'A944');
  print(`  Codici fiscali calcolati: Giovanna Esposito ${maskFiscalCode(giovannaCf)}, Luca Esposito ${maskFiscalCode(lucaCf)}`);
  let giovanna = create('persona', {
    codiceFiscale: giovannaCf, cognome: 'Esposito', nome: 'Giovanna', sesso: '2', dataNascita: '1990-04-02', luogoNascita: 'F839',
    cittadinanza: ITALIANA, residenza: RESIDENZA, contatti: { cellulare: '+39 333 000 0001' }, capacitaGiuridica: { tipo: 'piena' },
  }, AS, '2025-03-03T09:00:00Z');
  const luca = create('persona', {
    codiceFiscale: lucaCf, cognome: 'Esposito', nome: 'Luca', sesso: '1', dataNascita: '2023-05-10', luogoNascita: 'A944', cittadinanza: ITALIANA, residenza: RESIDENZA,
  }, AS, '2025-03-03T09:00:00Z');
  let accesso = create('accesso', {
    persona: giovanna.id, data: '2025-03-03', canale: 'sportello', operatore: laura.id, areaUtenza: AREA_DISABILITA,
    bisognoRiferito: 'Madre sola con un figlio di 22 mesi; dopo un incidente stradale non riesce a gestire la casa e la cura personale. Chiede aiuto a domicilio e un sostegno economico.',
  }, AS, '2025-03-03T09:05:00Z');
  accesso = step(transitionAccesso, accesso, 'valuta', AS, '2025-03-03T09:10:00Z');
  const cartella = create('cartella', { persona: giovanna.id, apertaIl: '2025-03-03', responsabile: laura.id, minore: false, tutelaAutoritaGiudiziaria: false }, AS, '2025-03-03T09:40:00Z');
  let presa = create('presa-in-carico', {
    cartella: cartella.id, persona: giovanna.id, areaUtenza: AREA_DISABILITA, servizio: servizio.id, caseManager: laura.id, avviataIl: '2025-03-03',
  }, AS, '2025-03-03T09:41:00Z');
  const assegnazione = create('assegnazione', { operatore: laura.id, presaInCarico: presa.id, persona: giovanna.id, ruolo: 'case-manager', dal: '2025-03-03' }, RS, '2025-03-03T09:42:00Z');
  accesso = step(transitionAccesso, accesso, 'esita', AS, '2025-03-03T09:45:00Z', { data: { esito: 'presa-in-carico', esitoIl: '2025-03-03', presaInCarico: presa.id } });
  presa = step(transitionPresaInCarico, presa, 'attiva', RS, '2025-03-04T08:30:00Z', { context: { cartella } });
  const assegnazioni = [assegnazione];
  access(laura, 'read', accessResource('cartella', cartella), { at: '2025-03-04T08:45:00Z', assegnazioni });

  // ---------------------------------------------------------------------------------------------
  print('\n== 3. Nucleo ISEE e Assegno di inclusione / household and ADI ==');
  const nucleo = create('nucleo-familiare', {
    tipo: 'isee', validoDal: '2025-02-10', protocolloDsu: 'INPS-ISEE-2025-00001234X-00',
    componenti: [
      { persona: giovanna.id, relazione: 'richiedente', dal: '2025-02-10' },
      { persona: luca.id, relazione: 'figlio', dal: '2025-02-10' },
    ],
    datiEconomici: {
      iseeCents: 500_000, iseeTipo: 'ordinario', dsuData: '2025-02-10', isrCents: 300_000, scalaIseeCentesimi: 157,
      redditoFamiliareCents: 300_000, patrimonioMobiliareCents: 100_000, patrimonioImmobiliareEsclusaCasaCents: 0,
      abitazione: { titolo: 'affitto', canoneAnnuoCents: 480_000, contrattoRegistrato: true },
    },
  }, AS, '2025-03-04T09:00:00Z', { persona: giovanna.id });
  const persone = new Map([[giovanna.id, giovanna], [luca.id, luca]]);
  const date = '2025-03-04';
  const onlyCartella = toHousehold(nucleo, persone, { date });
  if (!onlyCartella.ok) throw new Error(onlyCartella.issues[0].message);
  const before = evaluate({ measure: 'adi', date, household: onlyCartella.value });
  if (!before.ok) throw new Error(before.issues[0].message);
  print(`  ADI ${formatDate(date, { preposition: 'to' })} con i soli dati della cartella: ${before.value.status === 'needs-info' ? 'SERVONO DATI' : before.value.status}`);
  print(`  Dati da chiedere (${before.value.missing.length}): ${before.value.missing.join(', ')}`);
  // The facts given at the interview (no certified disability: the injury is temporary).
  const member = { disability: 'none', certifiedCareProgramme: false, pregnant: false, unemploymentBenefit: 'nessuna' };
  const withFacts = toHousehold(nucleo, persone, {
    date,
    disabilita: { [giovanna.id]: 'none', [luca.id]: 'none' },
    facts: { [giovanna.id]: { ...member, employment: 'disoccupato' }, [luca.id]: member },
    applicant: { citizenship: 'italiana', residence: { since: '1990-04-02', continuousSince: '1990-04-02' } },
    extra: { vehicles: [], ownsBoats: false, ownsAircraft: false, receivesRdcOrPdc: false, assistanceBenefits: [] },
  });
  if (!withFacts.ok) throw new Error(withFacts.issues[0].message);
  const adi = evaluate({ measure: 'adi', date, household: withFacts.value });
  if (!adi.ok) throw new Error(adi.issues[0].message);
  const b = adi.value.benefit;
  print(`  ADI ${formatDate(date, { preposition: 'to' })} dopo il colloquio: ${adi.value.status === 'eligible' ? 'AMMESSO' : adi.value.status}${adi.value.missing.length === 0 ? ', nessun dato mancante' : ''}`);
  if (b !== null) {
    print(`  Scala ADI ${(b.scale.hundredths / 100).toFixed(2).replace('.', ',')}: ${b.scale.components.map((c) => c.reason.it).join(' + ')}`);
    for (const c of b.components) print(`    ${euro(c.cents).padStart(11)} all'anno  ${c.label.it}`);
    print(`  Importo: ${euro(b.annualCents)} all'anno, ${euro(b.monthlyCents)} al mese per ${b.duration.months} mesi`);
  }

  // ---------------------------------------------------------------------------------------------
  print('\n== 4. Valutazione SINA, progetto, intervento / assessment, plan, intervention ==');
  const sina = {
    mobilita: '2', attivitaVitaQuotidiana: '2', disturbiAreaCognitiva: '1', disturbiComportamentali: '1', necessitaCureSanitarie: '2',
    areaReddituale: '3', areaSupporto: '2', fonteDerivazioneValutazione: '1', strumentoValutazione: '1', necessitaInterventiSociali: ['A2.07'],
  };
  let valutazione = create('valutazione', {
    persona: giovanna.id, presaInCarico: presa.id, tipo: 'sina', data: '2025-03-06',
    strumento: { system: 'siuss.sina.strumento-valutazione', version: 'PS_PSA_SINA201812', code: '1' },
    fonte: { system: 'siuss.sina.fonte-derivazione', version: 'PS_PSA_SINA201812', code: '1' },
    sina, puntiDiForza: 'Motivata a recuperare autonomia; una sorella aiuta nei fine settimana.', equipe: [laura.id, responsabile.id],
  }, AS, '2025-03-06T10:00:00Z');
  valutazione = step(transitionValutazione, valutazione, 'completa', AS, '2025-03-06T12:00:00Z');
  valutazione = step(transitionValutazione, valutazione, 'valida', RS, '2025-03-07T09:00:00Z');
  let progetto = create('progetto', {
    persona: giovanna.id, presaInCarico: presa.id, tipo: 'pai', titolo: 'Cura di sé e della casa durante la riabilitazione', caseManager: laura.id,
    dal: '2025-03-10', prossimaRevisione: '2025-09-10', budgetCents: 264_000,
    impegni: [{ descrizione: 'Seguire il programma di fisioterapia', soggetto: 'beneficiario', persona: giovanna.id }],
  }, AS, '2025-03-10T09:00:00Z');
  progetto = step(transitionProgetto, progetto, 'proponi', AS, '2025-03-10T09:30:00Z');
  progetto = step(transitionProgetto, progetto, 'sottoscrivi', AS, '2025-03-10T10:00:00Z', {
    data: { sottoscrizioni: [{ firmatario: 'beneficiario', persona: giovanna.id, data: '2025-03-10' }, { firmatario: 'case-manager', operatore: laura.id, data: '2025-03-10' }] },
  });
  let intervento = create('intervento', {
    persona: giovanna.id, presaInCarico: presa.id, senzaPresaInCarico: false, progetto: progetto.id,
    prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A2.07' }, denominazione: 'Assistenza domiciliare socio-assistenziale (SAD)',
    areaUtenza: AREA_DISABILITA, carattere: '1', provaMezzi: '1', dsu: { numeroProtocollo: 'INPS-ISEE-2025-00001234X-00', anno: 2025, data: '2025-02-10' },
    sogliaIseeCents: 2_000_000, dal: '2025-04-01', al: '2025-09-30', quantitaOreMese: 20, enteGestore: 'Cooperativa sociale Esempio',
  }, AS, '2025-03-12T09:00:00Z');
  intervento = step(transitionIntervento, intervento, 'autorizza', RS, '2025-03-14T11:00:00Z', {
    data: { attoAutorizzativo: { numero: 'DD 1234/2025', data: '2025-03-14' } }, context: { presaInCarico: presa },
  });

  // A hospital stay suspends the presa in carico: the home care cannot start, the rule says why.
  presa = step(transitionPresaInCarico, presa, 'sospendi', AS, '2025-03-20T10:00:00Z', { reason: 'Ricovero ospedaliero per un nuovo intervento chirurgico' });
  print('\n  Tentativo: avviare il SAD con la presa in carico sospesa');
  const refusedResult = transitionIntervento(intervento, 'avvia', AS, '2025-03-31T08:00:00Z', { context: { presaInCarico: presa } });
  if (refusedResult.ok) throw new Error('the intervento started without an active presa in carico');
  counts.refused++;
  const refusal = refusedResult.issues[0];
  print(`  RIFIUTATO ${refusal.code} (regola ${refusal.params.rule}): ${refusal.message}`);
  print(`  L'intervento resta «${intervento.status}»; nessun evento di audit per un passaggio non avvenuto.\n`);
  presa = step(transitionPresaInCarico, presa, 'riprendi', AS, '2025-04-02T08:00:00Z');
  intervento = step(transitionIntervento, intervento, 'avvia', AS, '2025-04-02T09:00:00Z', { context: { presaInCarico: presa } });

  // ---------------------------------------------------------------------------------------------
  print('\n== 5. Erogazione / delivery ==');
  const erogazioneFields = {
    intervento: intervento.id, persona: giovanna.id, dal: '2025-04-02', al: '2025-04-30', importoCents: 44_000, importoMensileCents: 44_000,
    quotaEnteCents: 40_000, quotaUtenteCents: 4_000, oreErogate: 20, valutazione: valutazione.id, valutazioneData: valutazione.data,
  };
  let erogazione = create('erogazione', erogazioneFields, AS, '2025-05-05T09:00:00Z');
  const checked = checkNewErogazione(erogazione, { valutazione, intervento });
  print(`  Controllo dell'erogazione (non prima della valutazione, intervento avviato): ${checked.ok ? 'superato' : checked.issues.map((i) => i.message).join('; ')}`);
  erogazione = step(transitionErogazione, erogazione, 'valida', AS, '2025-05-06T09:00:00Z', { context: { valutazione, intervento } });
  erogazione = step(transitionErogazione, erogazione, 'liquida', AM, '2025-05-20T09:00:00Z');
  print(`  Aprile 2025: ${erogazione.oreErogate} ore, ${euro(erogazione.importoCents)} (Comune ${euro(erogazione.quotaEnteCents)}, utente ${euro(erogazione.quotaUtenteCents)})`);

  // ---------------------------------------------------------------------------------------------
  print('\n== 6. Flusso SIUSS / SIUSS flow ==');
  const exportAt = '2025-06-03T02:00:00Z';
  access(sistema, 'export', accessResource('erogazione', erogazione), { at: exportAt, assegnazioni: [] });
  const built = toSiussFlow({
    ente: { codice: 'A944', denominazione: 'Comune di Bologna', cfOperatore: sistema.codiceFiscale },
    nome: { data: '2025-06-03', progressivo: 1 },
    beneficiari: [{ persona: giovanna, erogazioni: [{ erogazione, intervento, valutazione, protocolloDomanda: 'PG/2025/0004711' }] }],
  });
  if (!built.ok) throw new Error(built.issues.map((i) => `${i.code} ${i.message}`).join('; '));
  mkdirSync(outDir, { recursive: true });
  const file = `${outDir}${built.value.name}.xml`;
  writeFileSync(file, built.value.xml);
  const check = validateFlow(readFileSync(file));
  print(`  Scritto ${built.value.name}.xml (${built.value.xml.length} byte, SHA-256 ${built.value.hashPayload.slice(0, 16)}…)`);
  print(`  validateFlow sul file: ${check.errors.length} errori, ${check.warnings.length} avvisi`);
  const flusso = create('flusso-siuss', {
    tipo: 'PS_PSA_SINA', nome: built.value.name, generatoAt: exportAt, hashPayload: built.value.hashPayload,
    erogazioni: [...built.value.erogazioni], valutazioni: [...built.value.valutazioni],
  }, SYS, exportAt);
  const marked = markExported([erogazione], flusso, SYS, '2025-06-03T02:01:00Z');
  if (!marked.ok) throw new Error(marked.issues.map((i) => `${i.code} ${i.message}`).join('; '));
  for (const a of marked.value.audit) {
    record(a);
    counts.transitions++;
    print(`  ${a.at}  ${a.actor.role.padEnd(21)} ${a.entity.kind} ${short(a.entity.id)}: ${a.transition.from} → ${a.transition.to} (${a.transition.event})`);
  }
  erogazione = marked.value.erogazioni[0];
  const again = toSiussFlow({
    ente: { codice: 'A944', cfOperatore: sistema.codiceFiscale }, nome: { data: '2025-06-04', progressivo: 1 },
    beneficiari: [{ persona: giovanna, erogazioni: [{ erogazione, intervento, valutazione }] }],
  });
  print(`  Una seconda esportazione della stessa erogazione: ${again.ok ? 'accettata (!)' : `rifiutata, ${again.issues[0].code}`}`);

  // ---------------------------------------------------------------------------------------------
  print('\n== 7. Accessi / access control ==');
  const nightAt = '2025-06-10T21:30:00Z';
  const denied = access(paolo, 'read', accessResource('valutazione', valutazione), { at: nightAt, assegnazioni });
  const glass = access(paolo, 'read', accessResource('valutazione', valutazione), {
    at: '2025-06-10T21:31:00Z', assegnazioni, breakGlass: { reason: 'Pronto intervento sociale notturno: la persona è sola in casa con il figlio e sta male' },
  });
  print(`  Il break-glass è registrato con il motivo: il case manager va avvisato (${glass.audit.action}, esito ${glass.audit.outcome}).`);
  // An operator of another Comune (Milano, F205): the record is Bologna's, so neither an assignment nor break-glass opens it.
  const milano = { id: nextId(), ruolo: 'assistente-sociale', attivo: true, ente: { belfiore: 'F205' } };
  const foreign = access(milano, 'read', accessResource('valutazione', valutazione), {
    at: '2025-06-11T09:00:00Z', assegnazioni: [{ ...assegnazione, operatore: milano.id }], breakGlass: { reason: 'Richiesta di un altro Comune' },
  });

  // ---------------------------------------------------------------------------------------------
  print('\n== 8. REGISTRO DI AUDIT / AUDIT TRAIL ==');
  print('  n.  istante (UTC)         ruolo                  azione         record                   da → a (evento)                  motivo');
  log.forEach((e, i) => {
    const t = e.transition
      ? `${e.transition.from ?? '—'} → ${e.transition.to} (${e.transition.event})`
      : e.action === 'create' ? '— (record senza ciclo di vita)' : e.outcome === 'denied' ? 'accesso negato' : 'accesso consentito';
    print(`  ${String(i + 1).padStart(2)}  ${e.at}  ${e.actor.role.padEnd(21)}  ${e.action.padEnd(13)}  ${`${e.entity.kind} ${short(e.entity.id)}`.padEnd(23)}  ${t.padEnd(31)}  ${e.reason ?? ''}`.trimEnd());
  });
  print(`  ${log.length} eventi: ${counts.created} creazioni + ${counts.transitions} passaggi di stato + ${counts.accessDecisions} decisioni di accesso; ${counts.refused} passaggio rifiutato (non registrato)`);
  // The head (last seq and hash) is published outside the log, e.g. in the Ente's protocol register.
  const last = log[log.length - 1];
  const head = { seq: last.seq, hash: last.hash };
  print(`  Testa pubblicata fuori dal registro: evento n. ${head.seq}, HMAC ${head.hash.slice(0, 16)}… (chiave «${last.keyId}», chiave DIMOSTRATIVA)`);
  const keys = new Map([[DEMO_AUDIT_KEY.id, DEMO_AUDIT_KEY.secret]]);
  const verified = verifyAuditChain(log, { keys, expectedHead: head });
  print(`  Catena HMAC-SHA256: ${verified.ok ? `verificata fino all'evento n. ${verified.value.seq}` : verified.issues[0].message}`);
  // 1. An edited event.
  const tamper = verifyAuditChain(log.map((e, i) => (i === 5 ? { ...e, reason: 'modificato dopo' } : e)), { keys, expectedHead: head });
  print(`  Se qualcuno modifica l'evento 6: ${tamper.ok ? 'non rilevato (!)' : tamper.issues[0].message}`);
  // 2. The break-glass event dropped and the chain recomputed from scratch by someone without the key.
  const withoutKey = { id: DEMO_AUDIT_KEY.id, secret: createHash('sha256').update('una chiave qualsiasi').digest() };
  const recomputed = [];
  for (const { seq, keyId, prevHash, hash, ...e } of log.filter((x) => x.action !== 'break-glass')) {
    const chained = { ...e, seq: recomputed.length + 1, keyId, prevHash: recomputed.at(-1)?.hash ?? null };
    recomputed.push({ ...chained, hash: auditEventHash(chained, withoutKey.secret) });
  }
  const forged = verifyAuditChain(recomputed, { keys, expectedHead: head });
  print(`  Se qualcuno toglie il break-glass e ricalcola la catena senza la chiave: ${forged.ok ? 'non rilevato (!)' : forged.issues[0].message}`);
  // 3. The tail cut off: the shorter chain is valid in itself, only the published head shows the loss.
  const truncated = log.slice(0, -3);
  const alone = verifyAuditChain(truncated, { keys });
  const cut = verifyAuditChain(truncated, { keys, expectedHead: head });
  print(`  Se qualcuno taglia gli ultimi 3 eventi: da sola la catena ${alone.ok ? 'sembra integra' : 'è rotta'}; contro la testa pubblicata: ${cut.ok ? 'non rilevato (!)' : cut.issues[0].message}`);

  // ---------------------------------------------------------------------------------------------
  const store = await persistInStore(print, {
    outDir, env, journal, exportAt, short, nextId,
    actors: { RS, AS, SYS, EDU: as(paolo) },
    ids: { assegnazione: assegnazione.id, presa: presa.id, valutazione: valutazione.id, erogazione: erogazione.id },
  });

  const detected = [!tamper.ok, !forged.ok, !cut.ok].filter(Boolean).length;
  print('\n== Riepilogo / summary ==');
  print(`  Dall'accesso al SIUSS: ${counts.created} record, ${counts.transitions} passaggi di stato, ${counts.accessDecisions} decisioni di accesso, passaggi rifiutati: ${counts.refused}; ADI ${adi.value.status === 'eligible' ? 'AMMESSO' : adi.value.status}${b === null ? '' : `, ${euro(b.monthlyCents)} al mese`}`);
  print(`  Flusso SIUSS ${built.value.name}: ${check.errors.length} errori, ${check.warnings.length} avvisi; erogazione «${erogazione.status}»`);
  print(`  Registro di audit: ${log.length} eventi, catena ${verified.ok ? 'verificata' : 'NON verificata'}; manomissioni rilevate ${detected} su 3`);
  print(`  csi-store (${store.driver}): ${store.records} record, ${store.transitions} passaggi; conflitto di versione ${store.conflict === null ? 'NON rilevato (!)' : 'rilevato'}, accesso negato ${store.deniedAudited > 0 ? 'e registrato' : 'NON registrato (!)'}; audit ${store.verified ? 'verificato' : 'NON verificato'} fino al n. ${store.auditHead.seq}`);

  return {
    adi: { before: before.value.status, missingBefore: [...before.value.missing], status: adi.value.status, monthlyCents: b?.monthlyCents ?? null, annualCents: b?.annualCents ?? null },
    refused: { code: refusal.code, rule: refusal.params.rule, message: refusal.message },
    access: { denied: denied.rule, breakGlass: glass.breakGlass, otherEnte: foreign.rule },
    siuss: { file, name: built.value.name, errors: check.errors.length, warnings: check.warnings.length, exportAgain: again.ok ? null : again.issues[0].code },
    states: { accesso: accesso.status, presa: presa.status, valutazione: valutazione.status, progetto: progetto.status, intervento: intervento.status, erogazione: erogazione.status },
    counts: { ...counts },
    auditEvents: log.length,
    chainVerified: verified.ok,
    tamperDetected: !tamper.ok,
    recomputedDetected: forged.ok ? null : forged.issues[0].code,
    truncationDetected: cut.ok ? null : cut.issues[0].code,
    store,
  };
}

/** Fields the store sets itself on a new record (bookkeeping, initial lifecycle state and history). */
const BOOKKEEPING = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'version', 'status', 'history']);
const writable = (entity) => Object.fromEntries(Object.entries(entity).filter(([k]) => !BOOKKEEPING.has(k)));

/** The value of an ok Result; otherwise an Error with its issues. */
function must(r, what) {
  if (!r.ok) throw new Error(`${what}: ${r.issues.map((i) => `${i.code} ${i.message}`).join('; ')}`);
  return r.value;
}

/** A path as printed: under examples/ when it is there, else as it is. */
function shownPath(path) {
  const rel = relative(EXAMPLES_DIR, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : `examples/${rel.split('\\').join('/')}`;
}

/**
 * Section 9: the cartella of sections 1–5 replayed in a csi-store with the same ids and instants (one
 * session, i.e. one transaction, per run of steps by the same operator), exported to SIUSS from the
 * store, a version conflict, an audited denial, the store's audit chain verified and its head published
 * outside the database. The store stays on disk (or in DATABASE_URL) for the examples that follow.
 */
async function persistInStore(print, { outDir, env, journal, exportAt, short, nextId, actors, ids }) {
  print('\n== 9. Persistenza: la cartella nel csi-store / persistence ==');
  const target = exampleStoreOptions({ env, outDir });
  if (target.dataDir !== undefined) rmSync(target.dataDir, { recursive: true, force: true }); // every run starts from an empty store
  // The store's clock (session checks, reads, ts_flusso) is moved by the example: the output is the same at every run.
  let now = journal[0].at;
  const store = await openStore({ ...target.options, clock: () => new Date(now) });
  try {
    const ente = ENTE.belfiore;
    print(
      target.driver === 'pg'
        ? `  Archivio: PostgreSQL, il database di DATABASE_URL (${target.where}); ogni esecuzione vi aggiunge i suoi eventi`
        : `  Archivio: PGlite incorporato, su disco in ${target.where} (svuotato a ogni esecuzione)`,
    );
    print(
      target.keySource === 'demo'
        ? `  Chiave di audit: «${target.options.auditKey.id}», la chiave DIMOSTRATIVA di questo esempio (CSI_STORE_AUDIT_KEY non impostata)`
        : `  Chiave di audit: «${target.options.auditKey.id}» da CSI_STORE_AUDIT_KEY (il segreto non si stampa)`,
    );

    // The first operator: the service manager, who created his own record in section 1.
    const [first, ...rest] = journal;
    const boot = await store.bootstrapEnte({ ente: ENTE, operatore: writable(first.entity), at: first.at });
    if (!boot.ok && boot.issues[0].code !== 'store.conflict') must(boot, 'bootstrapEnte');
    const fresh = boot.ok;
    let records = 0;
    let transitions = 0;
    let sessions = 0;
    const versions = new Map();
    let staleVersion;
    const conflictAt = '2025-05-20T09:00:30Z';
    if (fresh) {
      records++;
      sessions++;
      print(`  ${first.at}  ${first.actor.role.padEnd(21)} bootstrapEnte: operatore ${short(first.id)}, il primo dell'Ente ${ente}`);
      const assignment = rest.find((j) => j.kind === 'assegnazione');
      // The store checks canAccess on every write (the steps in memory above did not): the service manager,
      // who activates, validates, authorises and pays, joins the équipe of the presa in carico. The export
      // account needs no assignment (role sistema, D.Lgs. 147/2017 art. 24).
      const equipe = {
        kind: 'assegnazione', id: nextId(), actor: assignment.actor, at: assignment.at,
        fields: { ente: ENTE, operatore: actors.RS.operatoreId, presaInCarico: assignment.entity.presaInCarico, persona: assignment.entity.persona, ruolo: 'equipe', dal: assignment.entity.dal },
      };
      // The front desk works on the accesso once assigned: its first step (valuta, 09:10) follows the assignment, with its own instant.
      const early = rest.filter((j) => j.kind === 'accesso' && j.event !== undefined && j.at < assignment.at);
      // The payment is replayed below, against a second session that read the same version.
      const liquida = rest.find((j) => j.kind === 'erogazione' && j.event === 'liquida');
      // Left out: the SIUSS flow of section 6 (the store's export makes its own) and the ISEE household
      // (csi-store keeps a household under a `persona` column that NucleoFamiliare has no field for).
      const replay = rest
        .filter((j) => j.kind !== 'flusso-siuss' && j.kind !== 'nucleo-familiare' && j !== liquida && !early.includes(j))
        .flatMap((j) => (j === assignment ? [j, equipe, ...early] : [j]));
      // One session per operator and day (consecutive steps).
      const runs = [];
      for (const j of replay) {
        const last = runs.at(-1);
        if (last?.actor.operatoreId === j.actor.operatoreId && last.steps[0].at.slice(0, 10) === j.at.slice(0, 10)) last.steps.push(j);
        else runs.push({ actor: j.actor, steps: [j] });
      }
      print('  Una riga per sessione (una transazione): + crea un record, «record evento» è un passaggio di stato.');
      for (const { actor, steps } of runs) {
        now = steps.at(-1).at;
        must(
          await store.withSession({ ente, actor }, async (s) => {
            for (const j of steps) {
              const w =
                j.event === undefined
                  ? await s.create(j.kind, j.fields ?? writable(j.entity), { at: j.at })
                  : await s.transition(j.kind, j.id, j.event, {
                      expectedVersion: versions.get(j.id), at: j.at,
                      ...(j.input?.reason === undefined ? {} : { reason: j.input.reason }),
                      ...(j.input?.data === undefined ? {} : { data: j.input.data }),
                    });
              if (!w.ok) return w; // the whole session rolls back
              versions.set(w.value.id, w.value.version);
            }
            return { ok: true, value: steps.length };
          }),
          `sessione di ${actor.role}`,
        );
        sessions++;
        for (const j of steps) if (j.event === undefined) records++; else transitions++;
        const moved = steps.some((j) => early.includes(j)) ? ' (dopo l\'assegnazione, che il csi-store chiede anche per lavorare sull\'accesso)' : '';
        print(`  ${steps[0].at}  ${actor.role.padEnd(21)} ${steps.map((j) => (j.event === undefined ? `+${j.kind} ${short(j.id)}` : `${j.kind} ${short(j.id)} ${j.event}`)).join(', ')}${moved}`);
      }

      // Two sessions from the same version: the service manager records the payment; the case manager, who
      // had opened the erogazione at the same version, records it too — refused, no double payment. (In the
      // store the payment is not the administrative officer's as in section 5: csi-store checks an erogazione
      // as a whole kind, which has special-category fields, and that role sees only ordinary data.)
      now = liquida.at;
      const versionSeen = async (actor) => must(await store.withSession({ ente, actor }, (s) => s.get('erogazione', ids.erogazione)), 'get').version;
      const [seenRs, seenAs] = [await versionSeen(actors.RS), await versionSeen(actors.AS)];
      print(`  ${liquida.at}  responsabile-servizio e assistente-sociale aprono l'erogazione ${short(ids.erogazione)}: versione ${seenRs} e ${seenAs}`);
      const paid = must(await store.withSession({ ente, actor: actors.RS }, (s) => s.transition('erogazione', ids.erogazione, 'liquida', { expectedVersion: seenRs, at: liquida.at })), 'liquida');
      sessions += 3;
      transitions++;
      print(`  ${liquida.at}  ${actors.RS.role.padEnd(21)} erogazione ${short(ids.erogazione)} liquida (versione ${seenRs} → ${paid.version}, ${paid.status}; in memoria l'aveva liquidata l'amministrativa)`);
      staleVersion = seenAs;
    } else {
      print(`  L'Ente ${ente} ha già operatori in questo database (una esecuzione precedente): bootstrapEnte risponde ${boot.issues[0].code}.`);
      print('  La cartella non si riscrive: si esporta ciò che è in coda e si verifica il registro che c\'è.');
      // Nothing replayed: the second session's stale save is shown against the version before the current one.
      now = conflictAt;
      print('  Il conflitto di versione, su questa cartella già scritta: una sessione salva dalla versione precedente a quella attuale.');
      staleVersion = must(await store.withSession({ ente, actor: actors.AS }, (s) => s.get('erogazione', ids.erogazione)), 'get').version - 1;
    }
    const stale = await store.withSession({ ente, actor: actors.AS }, (s) => s.transition('erogazione', ids.erogazione, 'liquida', { expectedVersion: staleVersion, at: conflictAt }));
    const conflict = stale.ok ? null : stale.issues[0];
    print(`  ${conflictAt}  ${actors.AS.role.padEnd(21)} erogazione ${short(ids.erogazione)} liquida dalla versione ${staleVersion}: ${conflict === null ? 'ACCETTATA (!)' : `RIFIUTATA ${conflict.code} — ${conflict.message}`}`);
    if (fresh) {
      print(`  Nessuna doppia liquidazione: chi ha salvato per secondo rilegge il record e lo trova già «liquidata».`);
      print(`  Scritti ${records} record e ${transitions} passaggi di stato in ${sessions} sessioni (stessi identificativi e istanti delle sezioni 1–5).`);
    }

    // The SIUSS export from the store: one flow per erogazione ("cooperazione", as INPS pulls them through WaaS).
    now = exportAt;
    const report = must(
      await store.withSession({ ente, actor: actors.SYS }, (s) =>
        s.exportSiuss({ kind: 'PS', upTo: exportAt.slice(0, 10), mode: 'cooperazione', at: exportAt, ente: { denominazione: 'Comune di Bologna' } }),
      ),
      'exportSiuss',
    );
    print(`  ${exportAt}  ${actors.SYS.role.padEnd(21)} exportSiuss (cooperazione): ${report.exported} erogazion${report.exported === 1 ? 'e esportata' : 'i esportate'}, ${report.flows.length} fluss${report.flows.length === 1 ? 'o creato' : 'i creati'}`);
    for (const f of report.flows) print(`    ${f.idFlusso}: ${f.erogazioni} erogazion${f.erogazioni === 1 ? 'e' : 'i'}, SHA-256 ${f.hashPayload.slice(0, 16)}…`);
    for (const i of report.skipped) print(`    lasciata in coda: ${i.code} ${i.message}`);
    // In a later session, as INPS would see them (WaaS GET /flussi?since=0): ts_flusso was given at commit.
    now = '2025-06-03T02:05:00Z';
    const listed = must(await store.withSession({ ente, actor: actors.SYS }, (s) => s.siussFlows({ since: 0 })), 'siussFlows');
    for (const f of listed) print(`    siussFlows: ${f.idFlusso}  ts_flusso ${f.tsFlusso} (${new Date(f.tsFlusso).toISOString()}), ${f.modalita}, ${f.status}`);

    // The educator without an assignment reads the assessment through the store: refused, and the refusal is in the audit log.
    now = '2025-06-10T21:30:00Z';
    const headBefore = must(await store.auditHead({ ente }), 'auditHead');
    const read = await store.withSession({ ente, actor: actors.EDU }, (s) => s.get('valutazione', ids.valutazione));
    const headAfter = must(await store.auditHead({ ente }), 'auditHead');
    const denial = read.ok ? null : read.issues[0];
    print(
      `  ${now}  ${actors.EDU.role.padEnd(21)} legge valutazione ${short(ids.valutazione)}: ${denial === null ? 'CONSENTITO (!)' : `NEGATO ${denial.code} (${denial.params.rule})`}` +
        ` — registrato: la testa del registro passa da ${headBefore.seq} a ${headAfter.seq} (access-denied)`,
    );

    // The audit chain of the Ente in the store: its head is published outside the database; verifyAudit reads the whole chain.
    const head = must(await store.auditHead({ ente }), 'auditHead');
    const headFile = join(outDir, 'csi-store.head.json');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(headFile, `${JSON.stringify(head)}\n`);
    const verified = await store.verifyAudit({ ente, expectedHead: head });
    print(`  Testa del registro (auditHead): Ente ${head.ente}, evento n. ${head.seq}; pubblicata fuori dal database in ${shownPath(headFile)}`);
    print(`  verifyAudit: ${verified.ok ? `OK, catena HMAC-SHA256 verificata, ${verified.value.events} eventi fino al n. ${verified.value.head.seq}` : `${verified.issues[0].code} ${verified.issues[0].message}`}`);
    print(`  Gli esempi successivi aprono lo stesso archivio: openStore(exampleStoreOptions().options), da 04-csi-lifecycle.mjs (STORE_DIR, STORE_ENTE, STORE_HEAD_FILE).`);
    return {
      driver: store.driver,
      ...(target.dataDir === undefined ? { database: target.where } : { dataDir: target.dataDir }),
      keySource: target.keySource,
      seeded: fresh,
      records,
      transitions,
      sessions,
      flows: report.flows.map((f) => f.idFlusso),
      listed: listed.map((f) => ({ idFlusso: f.idFlusso, tsFlusso: f.tsFlusso })),
      auditHead: { seq: head.seq },
      auditEvents: verified.ok ? verified.value.events : null,
      verified: verified.ok,
      headFile,
      conflict: conflict?.code ?? null,
      denied: denial?.code ?? null,
      deniedRule: denial?.params.rule ?? null,
      deniedAudited: headAfter.seq - headBefore.seq,
    };
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await main();
  if (r.siuss.errors !== 0 || !r.chainVerified || !r.store.verified) process.exit(1);
}
