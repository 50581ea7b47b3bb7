// SPDX-License-Identifier: BSD-3-Clause
/**
 * Esempio 6 — il fascicolo del cittadino (@riuso-sociale/fascicolo) sull'archivio lasciato dall'esempio
 * 04 (PGlite su disco in examples/output/csi-store/, o il database di DATABASE_URL; `exampleStoreOptions`
 * di 04-csi-lifecycle.mjs). La persona dell'esempio 04, Giovanna Esposito, vede la sua cartella in due
 * modi:
 * - nella sua **area personale**: entra con SPID o CIE, nessun operatore (`store.citizenView`, la regola
 *   `canCitizenAccess` di csi-model, audit con uno pseudonimo e mai con il codice fiscale);
 * - nella **risposta a una richiesta di accesso** (GDPR art. 15) che la sua assistente sociale prepara
 *   in una sessione dell'archivio (`s.citizenView`, con i permessi dell'operatrice).
 * Per ognuna: la linea del tempo, ciò che non è mostrato (quante voci e perché), le voci che attendono la
 * decisione di un operatore o del DPO, la copertura (ogni record in un solo posto); la pagina HTML
 * (`renderHtml`) in examples/output/06-fascicolo-portal.html e 06-fascicolo-accesso.html. Infine i
 * messaggi App IO che il suo percorso avrebbe generato (`ioMessageFor`, ciascuno verificato con
 * `checkIoMessage`), ricavati dai suoi record: richiesta ricevuta, accolta, piano disponibile, servizio
 * attivato, avviso di pagamento della quota a suo carico; gli eventi che non notificano mai (la
 * valutazione) con il motivo. Nessun messaggio è inviato. L'orologio dell'archivio è fisso (15 luglio
 * 2025), così l'output è lo stesso a ogni esecuzione. Dati di fantasia.
 *
 * Example 6 — the citizen's own view of their record, on example 04's store: the person of example 04 in
 * her area personale (citizen path: SPID/CIE, no operator, audited by pseudonym) and in the answer to a
 * GDPR art. 15 request prepared by her social worker (operator session). For each: the timeline, what is
 * withheld and why, what waits for review, the coverage; the HTML page of each in examples/output/. Then
 * the App IO messages her lifecycle would have produced, each checked, none sent; the events that never
 * notify (the assessment) with the reason. The store's clock is fixed, so the output is the same at
 * every run.
 * Run: `npm run examples` (or `node examples/06-fascicolo.mjs` after `npm run build` and example 04).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addDays, formatCents, formatDate, maskFiscalCode, todayInItaly } from '@riuso-sociale/core';
import { openStore } from '@riuso-sociale/csi-store';
import { checkIoMessage, ioMessageFor, KIND_LABELS, renderHtml } from '@riuso-sociale/fascicolo';
import { exampleStoreOptions, STORE_ENTE } from './04-csi-lifecycle.mjs';

const OUTPUT_DIR = fileURLToPath(new URL('./output/', import.meta.url));
const EXAMPLES_DIR = fileURLToPath(new URL('./', import.meta.url));

/** The day of the views: the store's clock (an instant in Italian summer time → 15 July 2025). */
export const VIEW_INSTANT = '2025-07-15T08:00:00Z';

/** The files the example writes in its output folder. */
export const HTML_FILES = { portal: '06-fascicolo-portal.html', accesso: '06-fascicolo-accesso.html' };

/**
 * DEMO KEY — NOT FOR PRODUCTION. The Comune's pseudonym key for the citizen's audit events (≥ 32 bytes),
 * derived from a fixed public string. A real key is random and kept in a secret store, never in the
 * database.
 */
const DEMO_PSEUDONYM_KEY = createHash('sha256').update('riuso-sociale esempio 06: chiave degli pseudonimi dimostrativa').digest();

/**
 * How the Comune names its services in App IO, and its own flag: does the service handle special
 * categories of data (art. 9/10)? Home care and the territorial office do not; a missing flag would count
 * as a doubt (push notification only).
 */
const IO_SERVICES = {
  ufficio: { name: 'Servizio sociale territoriale', sensitive: false },
  sad: { name: 'Assistenza domiciliare', sensitive: false },
};

/** Why the events that never notify stay out of App IO (fascicolo's NeverNotifyEventType). */
const NEVER_NOTIFY_REASON = {
  valutazione: 'contenuto valutativo e dati sulla salute (GDPR art. 9): si legge nella vista o con una richiesta di accesso, mai in una notifica',
  diario: 'note professionali che possono riguardare altre persone: si leggono solo con una richiesta di accesso, dopo la revisione',
  'provvedimento-giudiziario': 'dato giudiziario (GDPR art. 10): una notifica su un telefono condiviso può anticipare un provvedimento',
};

/** The value of an ok Result; otherwise an Error with its issues. */
function must(r, what) {
  if (!r.ok) throw new Error(`${what}: ${r.issues.map((i) => `${i.code} ${i.message}`).join('; ')}`);
  return r.value;
}

const short = (id) => `#${id.slice(-4)}`;
const day = (iso) => formatDate(iso, { lang: 'it' });
/** The calendar day in Italy of a history step's instant. */
const dayOf = (instant) => todayInItaly(new Date(instant));
/** The day of the first step of `history` with `event`, if any. */
const stepDay = (record, event) => {
  const h = (record.history ?? []).find((x) => x.event === event);
  return h === undefined ? undefined : dayOf(h.at);
};

/** A path as printed: under examples/ when it is there, else its name only (never a machine path). */
function shownPath(path) {
  const rel = relative(EXAMPLES_DIR, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path.split(/[\\/]/).pop() : `examples/${rel.split('\\').join('/')}`;
}

/** Prints the short, readable summary of a stored view; returns its counts. */
function printView(print, stored) {
  const v = stored.view;
  print(`  Linea del tempo (${v.timeline.length} voci, dalla più vecchia):`);
  for (const i of v.timeline) {
    const facts = [
      i.status ? i.status.label.it : undefined,
      i.protocol ? `protocollo ${i.protocol.number}` : undefined,
      i.takenInChargeOn && i.kind !== 'presa-in-carico' ? `presa in carico il ${day(i.takenInChargeOn)}` : undefined,
      i.decisionDueBy ? `decisione entro il ${day(i.decisionDueBy)}` : undefined,
      i.period ? `${i.period.to ? `dal ${day(i.period.from)} al ${day(i.period.to)}` : `dal ${day(i.period.from)}`}` : undefined,
      i.amountCents !== undefined ? formatCents(i.amountCents) : undefined,
      i.summary ? 'in breve: solo data, tipo e ufficio' : undefined,
    ].filter((x) => x !== undefined);
    const kind = KIND_LABELS[i.kind].it;
    const title = i.title.it.toLowerCase().startsWith(kind.toLowerCase()) ? i.title.it : `${kind}: ${i.title.it}`;
    print(`    ${day(i.date).padEnd(17)} ${title}${facts.length > 0 ? ` — ${facts.join('; ')}` : ''}`);
  }
  if (v.withheld.length === 0) print('  Non mostrato: nulla');
  else {
    print('  Non mostrato (quante voci e perché, mai il contenuto):');
    for (const w of v.withheld) {
      print(`    ${w.class} (${w.scope === 'record' ? 'record interi' : 'parti di voci mostrate'}): ${w.count} — ${w.ground.text.it} [${w.ground.source}]`);
    }
  }
  if (v.needsReview.length === 0) print('  In revisione: nessuna voce');
  else {
    print(`  In revisione (${v.needsReview.length} voci: le decide un operatore o il DPO prima della consegna):`);
    for (const x of v.needsReview) {
      const [kind, rest] = x.ref.split(':');
      const [id, field] = rest.split('#');
      print(`    ${kind} ${short(id)}${field ? ` (campo ${field})` : ''}${x.date ? `, ${day(x.date)}` : ''}: motivi ${x.reasons.join(', ')}`);
    }
  }
  const c = v.coverage;
  print(`  Copertura: ${c.records} record = ${c.shown} nella linea del tempo + ${c.withheld} trattenuti + ${c.review} in revisione; illeggibili per chi chiede: ${stored.unreadable} (${stored.complete ? 'vista completa' : 'vista INCOMPLETA'})`);
  const count = (scope) => v.withheld.filter((w) => w.scope === scope).reduce((n, w) => n + w.count, 0);
  return { timeline: v.timeline.length, withheldRecords: count('record'), withheldParts: count('field'), review: v.needsReview.length, coverage: { ...c }, complete: stored.complete };
}

/** The events of the person's lifecycle that App IO could notify, from her records, oldest first. */
function lifecycleEvents(records, fiscalCode) {
  const events = [];
  const base = (service) => ({ fiscalCode, service });
  for (const a of records.accesso) {
    events.push({ on: a.data, what: `accesso ${short(a.id)}`, event: { type: 'richiesta-ricevuta', ...base(IO_SERVICES.ufficio), receivedOn: a.data, ...(a.protocollo ? { protocolNumber: a.protocollo.numero } : {}) } });
    if (a.status === 'esitato' && (a.esito === 'presa-in-carico' || a.esito === 'nessun-seguito')) {
      const type = a.esito === 'presa-in-carico' ? 'richiesta-accolta' : 'richiesta-non-accolta';
      events.push({ on: a.esitoIl, what: `accesso ${short(a.id)} (esito)`, event: { type, ...base(IO_SERVICES.ufficio), decidedOn: a.esitoIl } });
    }
  }
  for (const v of records.valutazione) events.push({ on: v.data, what: `valutazione ${short(v.id)}`, event: { type: 'valutazione' } });
  for (const d of records.diario) events.push({ on: d.data, what: `diario ${short(d.id)}`, event: { type: 'diario' } });
  for (const p of records.provvedimento) events.push({ on: p.dal, what: `provvedimento ${short(p.id)}`, event: { type: 'provvedimento-giudiziario' } });
  for (const p of records.progetto) {
    const signed = stepDay(p, 'sottoscrivi');
    if (signed !== undefined) events.push({ on: signed, what: `progetto ${short(p.id)}`, event: { type: 'piano-disponibile', ...base(IO_SERVICES.ufficio) } });
  }
  for (const i of records.intervento) {
    const started = stepDay(i, 'avvia');
    if (started !== undefined) events.push({ on: started, what: `intervento ${short(i.id)}`, event: { type: 'servizio-attivato', ...base(IO_SERVICES.sad), startDate: started } });
  }
  // The user's share of a delivery is billed once the Comune has paid it (liquidata). The pagoPA notice
  // number and the due date come from the Comune's payment system: here a TEST number and 30 days.
  let notice = 0;
  for (const e of records.erogazione) {
    const paid = stepDay(e, 'liquida');
    if (paid === undefined || !(e.quotaUtenteCents > 0)) continue;
    notice++;
    events.push({
      on: paid,
      what: `erogazione ${short(e.id)} (quota a carico)`,
      event: { type: 'avviso-pagamento', ...base(IO_SERVICES.sad), amountCents: e.quotaUtenteCents, noticeNumber: `3${String(notice).padStart(17, '0')}`, dueDate: addDays(paid, 30) },
    });
  }
  return events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/**
 * Runs the example, printing through `print`; returns what it found. `outDir`: where example 04 left
 * its store (and where the HTML pages go); `env`: where DATABASE_URL and CSI_STORE_AUDIT_KEY are read from.
 */
export async function main(print = console.log, { outDir = OUTPUT_DIR, env = process.env } = {}) {
  const target = exampleStoreOptions({ env, outDir });
  if (target.dataDir !== undefined && !existsSync(join(target.dataDir, 'PG_VERSION'))) {
    throw new Error(`Nessun archivio in ${target.where}: eseguire prima l'esempio 04 (node examples/04-csi-lifecycle.mjs) / no store there: run example 04 first`);
  }
  const store = await openStore({ ...target.options, clock: () => new Date(VIEW_INSTANT) });
  try {
    const asOf = todayInItaly(new Date(VIEW_INSTANT));
    // ---------------------------------------------------------------------------------------------
    print("== 1. L'archivio dell'esempio 04 e la persona / example 04's store and the person ==");
    print(target.driver === 'pg' ? `  Archivio: PostgreSQL, il database di DATABASE_URL (${target.where})` : `  Archivio: PGlite su disco in ${target.where}, lasciato dall'esempio 04`);
    // The case manager's account (ids and roles only, as example 05 finds the system account).
    const accounts = await store.executor.query(
      "SELECT id::text AS id, data->>'ruolo' AS ruolo FROM operatore WHERE ente = $1 AND data->>'attivo' = 'true' ORDER BY id",
      [STORE_ENTE],
    );
    const row = accounts.rows.find((r) => r.ruolo === 'assistente-sociale');
    if (row === undefined) throw new Error(`L'Ente ${STORE_ENTE} non ha un'assistente sociale attiva / no active social worker`);
    const AS = { operatoreId: row.id, role: 'assistente-sociale' };
    // The person of example 04: the one whose cartella the social worker holds, and her records.
    const found = must(
      await store.withSession({ ente: STORE_ENTE, actor: AS }, async (s) => {
        const cartelle = await s.list('cartella');
        if (!cartelle.ok) return cartelle;
        const cartella = cartelle.value[0];
        if (cartella === undefined) return { ok: false, issues: [{ code: 'example.no_cartella', message: "Nessuna cartella nell'archivio dell'esempio 04" }] };
        const persona = await s.get('persona', cartella.persona);
        if (!persona.ok) return persona;
        const records = {};
        for (const kind of ['accesso', 'valutazione', 'diario', 'provvedimento', 'progetto', 'intervento', 'erogazione']) {
          const list = await s.list(kind, { persona: persona.value.id });
          if (!list.ok) return list;
          records[kind] = list.value;
        }
        return { ok: true, value: { cartella, persona: persona.value, records } };
      }),
      'persona e record',
    );
    const { persona, records } = found;
    const cf = persona.codiceFiscale;
    print(`  Persona: ${persona.nome} ${persona.cognome} (${maskFiscalCode(cf)}), persona ${short(persona.id)}, cartella ${short(found.cartella.id)}; la sua assistente sociale: operatore ${short(AS.operatoreId)}`);
    print(`  Data delle viste: ${day(asOf)} (orologio dell'archivio fissato dall'esempio: l'output è lo stesso a ogni esecuzione)`);
    mkdirSync(outDir, { recursive: true });

    // ---------------------------------------------------------------------------------------------
    print("\n== 2. Area personale: la persona entra con SPID o CIE, senza operatore / the portal, citizen path ==");
    print(`  store.citizenView({ ente: '${STORE_ENTE}', actor: { kind: 'cittadino', codiceFiscale, requester: { kind: 'interessato' } }, purpose: 'portal', asOf: '${asOf}', pseudonymKey })`);
    print('  Chiave degli pseudonimi DIMOSTRATIVA (in produzione: casuale, di almeno 32 byte, fuori dal database)');
    const portal = must(
      await store.citizenView({
        ente: STORE_ENTE,
        actor: { kind: 'cittadino', codiceFiscale: cf, requester: { kind: 'interessato' } },
        personaId: persona.id,
        asOf,
        purpose: 'portal',
        pseudonymKey: DEMO_PSEUDONYM_KEY,
      }),
      'store.citizenView',
    );
    const portalCounts = printView(print, portal);
    const portalFile = join(outDir, HTML_FILES.portal);
    const portalHtml = renderHtml(portal.view);
    writeFileSync(portalFile, portalHtml);
    print(`  Pagina HTML: ${shownPath(portalFile)} (${Buffer.byteLength(portalHtml)} byte; le voci in revisione vi sono solo contate)`);
    print('  Audit: una lettura registrata con lo pseudonimo della persona, mai con il suo codice fiscale');

    // ---------------------------------------------------------------------------------------------
    print("\n== 3. Richiesta di accesso (GDPR art. 15): l'assistente sociale prepara la risposta / access request, operator session ==");
    print(`  s.citizenView('${short(persona.id)}', { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale }, asOf: '${asOf}' }) nella sessione dell'operatore ${short(AS.operatoreId)}`);
    const access = must(
      await store.withSession({ ente: STORE_ENTE, actor: AS }, (s) =>
        s.citizenView(persona.id, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale: cf }, asOf })),
      's.citizenView',
    );
    const accessCounts = printView(print, access);
    const accessFile = join(outDir, HTML_FILES.accesso);
    const accessHtml = renderHtml(access.view);
    writeFileSync(accessFile, accessHtml);
    print(`  Pagina HTML: ${shownPath(accessFile)} (${Buffer.byteLength(accessHtml)} byte; per l'operatore, con le voci da decidere)`);
    if (access.view.needsReview.length > 0) {
      print('  Prima della consegna il responsabile del servizio decide ogni voce in revisione (s.recordReviewDecision: release, withhold o delay, con il motivo).');
    }

    // ---------------------------------------------------------------------------------------------
    print('\n== 4. Messaggi App IO del suo percorso (costruiti e verificati, mai inviati) / App IO messages ==');
    const events = lifecycleEvents(records, cf);
    const messages = [];
    for (const { on, what, event } of events) {
      const r = ioMessageFor(event);
      const head = `  ${day(on).padEnd(17)} ${event.type.padEnd(22)}`;
      if (!r.ok) {
        messages.push({ type: event.type, on, subject: null, checked: false, issue: r.issues[0].code });
        print(`${head} ERRORE ${r.issues[0].code}: ${r.issues[0].message} (${what})`);
        continue;
      }
      if (r.value === null) {
        messages.push({ type: event.type, on, subject: null, checked: null });
        print(`${head} nessun messaggio: ${NEVER_NOTIFY_REASON[event.type] ?? 'evento che non notifica mai'} (${what})`);
        continue;
      }
      const plan = r.value;
      const c = plan.message.content;
      const checked = checkIoMessage(plan.message);
      messages.push({ type: event.type, on, subject: c.subject, checked: checked.ok, secure: plan.requireSecureChannels, dueDate: c.due_date ?? null, amount: c.payment_data?.amount ?? null });
      const extra = [
        c.due_date ? `scadenza ${c.due_date}` : undefined,
        c.payment_data ? `${formatCents(c.payment_data.amount)}, avviso pagoPA ${c.payment_data.notice_number} (di prova)` : undefined,
        plan.requireSecureChannels ? 'solo notifica push' : 'push ed email',
        `checkIoMessage: ${checked.ok ? 'ok' : checked.issues[0].code}`,
      ].filter((x) => x !== undefined);
      print(`${head} «${c.subject}» — ${extra.join('; ')} (${what})`);
    }
    print('  Nulla è inviato: prima POST /api/v1/profiles { fiscal_code } (mustCheckProfile), e si invia solo con sender_allowed: true.');

    const sent = messages.filter((m) => m.subject !== null);
    const silent = messages.filter((m) => m.checked === null);
    print('\n== Riepilogo / summary ==');
    const shown = (c) => `${c.timeline} voci; non mostrati, con il motivo: ${c.withheldRecords} record e ${c.withheldParts} parti di voci; in revisione: ${c.review}`;
    print(`  Area personale (${day(asOf)}): ${shown(portalCounts)}; ${portalCounts.coverage.records} record, ognuno in un solo posto`);
    print(`  Richiesta di accesso: ${shown(accessCounts)}; vista ${accessCounts.complete ? 'completa' : 'INCOMPLETA'}`);
    print(`  Pagine HTML: ${shownPath(portalFile)}, ${shownPath(accessFile)}`);
    print(`  App IO: ${sent.length} messaggi costruiti, verificati ${sent.filter((m) => m.checked).length} su ${sent.length}; eventi senza messaggio: ${silent.length}; inviati: 0`);

    return {
      asOf,
      personaId: persona.id,
      portal: { ...portalCounts, purpose: portal.view.purpose, file: portalFile, refs: portal.view.timeline.map((i) => i.ref) },
      access: { ...accessCounts, purpose: access.view.purpose, file: accessFile, reviewRefs: access.view.needsReview.map((x) => x.ref) },
      messages,
    };
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const r = await main();
    const ok = r.portal.purpose === 'portal' && r.access.purpose === 'access-request' && r.messages.every((m) => m.checked !== false);
    if (!ok) process.exit(1);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
