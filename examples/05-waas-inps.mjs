// SPDX-License-Identifier: BSD-3-Clause
/**
 * Esempio 5 — il servizio WaaS del Comune che INPS chiama su PDND (@riuso-sociale/siuss-waas), sopra
 * l'archivio lasciato dall'esempio 04 (PGlite su disco in examples/output/csi-store/, o il database di
 * DATABASE_URL; `exampleStoreOptions` di 04-csi-lifecycle.mjs). L'operatore «sistema» dell'Ente è
 * l'account con cui il servizio legge la coda SIUSS e registra gli esiti. L'esempio 04 esporta un solo
 * flusso; per avere un esito positivo e uno negativo, qui l'assistente sociale registra l'erogazione di
 * maggio e il lavoro notturno la esporta (solo se in coda ci sono meno di due flussi). Poi: il servizio
 * parte su 127.0.0.1 (porta libera) con un'autorità PDND DI PROVA (in produzione le chiavi sono quelle
 * pubblicate da PDND); l'INPS simulato preleva tutti i flussi pagina per pagina (GET /flussi), li valida
 * e risponde con un esito OK e uno RICHIESTA_INVALIDA (POST /esiti); si vede che cosa trova l'operatore
 * sui record (flussi accettato/scartato, erogazioni acquisita/da-correggere con la descrizione di INPS),
 * la catena di audit verificata, e tre richieste respinte (senza voucher, con voucher contraffatti).
 * Rieseguito senza rieseguire l'esempio 04, non aggiunge nulla: gli stessi esiti arrivano di nuovo e non
 * cambiano nulla (idempotenza, «duplicate»).
 *
 * Example 5 — the Comune's WaaS endpoint that INPS calls over PDND, on the store example 04 left: the
 * Ente's `sistema` operator is the account the endpoint acts as. Example 04 exports a single flow, so
 * this example registers May's delivery and exports it (only when fewer than two flows are queued). The
 * endpoint starts on 127.0.0.1 with a TEST PDND authority (in production the keys are PDND's); the
 * simulated INPS pulls every flow page by page, validates them and posts one OK and one
 * RICHIESTA_INVALIDA; then what the operator sees on each record, the audit chain verified, and three
 * refused requests (no voucher, forged vouchers). Run again without example 04, it adds nothing: the
 * same esiti arrive again and change nothing (idempotence, `duplicate`).
 * Run: `npm run examples` (or `node examples/05-waas-inps.mjs` after `npm run build` and example 04).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatDate } from '@riuso-sociale/core';
import { openStore } from '@riuso-sociale/csi-store';
import { createVoucherVerifier, createWaasHandler, csiStoreSource, serveWaas } from '@riuso-sociale/siuss-waas';
import { createTestAuthority, simulateInps } from '@riuso-sociale/siuss-waas/testing';
import { exampleStoreOptions, STORE_ENTE } from './04-csi-lifecycle.mjs';

const OUTPUT_DIR = fileURLToPath(new URL('./output/', import.meta.url));
const ENTE = { codice: STORE_ENTE, denominazione: 'Comune di Bologna' };
const BASE_PATH = `/waas/v1/${STORE_ENTE}`;
/** May's delivery of the home care of example 04 (a fixed id: the same at every run). */
const MAGGIO_ID = '00000000-0000-4000-8000-000000002505';
/** The description of the simulated rejection: shown to the operators as INPS would send it. */
const DESCRIZIONE_SCARTO = 'Esito simulato: quota a carico dell\'utente da verificare';

/** The value of an ok Result; otherwise an Error with its issues. */
function must(r, what) {
  if (!r.ok) throw new Error(`${what}: ${r.issues.map((i) => `${i.code} ${i.message}`).join('; ')}`);
  return r.value;
}

const short = (id) => `#${id.slice(-4)}`;

/**
 * Runs the example, printing through `print`; returns what it found. `outDir`: where example 04 left
 * its store and published head; `env`: where DATABASE_URL and CSI_STORE_AUDIT_KEY are read from.
 */
export async function main(print = console.log, { outDir = OUTPUT_DIR, env = process.env } = {}) {
  const target = exampleStoreOptions({ env, outDir });
  if (target.dataDir !== undefined && !existsSync(join(target.dataDir, 'PG_VERSION'))) {
    throw new Error(`Nessun archivio in ${target.where}: eseguire prima l'esempio 04 / no store there: run example 04 first`);
  }
  // The store's clock is moved by the example (the export, INPS's esiti): the output is the same at every run.
  let now = '2025-07-03T01:55:00Z';
  const store = await openStore({ ...target.options, clock: () => new Date(now) });
  let server;
  try {
    // ---------------------------------------------------------------------------------------------
    print('== 1. L\'archivio dell\'esempio 04 e l\'operatore «sistema» / example 04\'s store and its system operator ==');
    print(
      target.driver === 'pg'
        ? `  Archivio: PostgreSQL, il database di DATABASE_URL (${target.where})`
        : `  Archivio: PGlite su disco in ${target.where}, lasciato dall'esempio 04`,
    );
    // The operator accounts of the Ente (ids and roles only): the Comune's administrator picks, once, the
    // account the endpoint acts as, and puts its id in the endpoint's configuration.
    const accounts = await store.executor.query(
      "SELECT id::text AS id, data->>'ruolo' AS ruolo FROM operatore WHERE ente = $1 AND data->>'attivo' = 'true' ORDER BY id",
      [ENTE.codice],
    );
    const byRole = (ruolo) => {
      const row = accounts.rows.find((r) => r.ruolo === ruolo);
      if (row === undefined) throw new Error(`L'Ente ${ENTE.codice} non ha un operatore ${ruolo} attivo / no active ${ruolo} operator`);
      return { operatoreId: row.id, role: ruolo };
    };
    const SYS = byRole('sistema');
    const AS = byRole('assistente-sociale');
    print(`  Operatori attivi dell'Ente ${ENTE.codice}: ${accounts.rows.map((r) => `${r.ruolo} ${short(r.id)}`).join(', ')}`);
    print(`  Il servizio WaaS agisce come l'operatore «sistema» ${short(SYS.operatoreId)}: csiStoreSource(store, { ente: '${ENTE.codice}', actor: { operatoreId, role: 'sistema' } })`);

    const queued = must(await store.withSession({ ente: ENTE.codice, actor: SYS }, (s) => s.siussFlows({ since: 0, limit: 100 })), 'siussFlows');
    print(`  Flussi nella coda SIUSS: ${queued.length} (${queued.map((f) => `${f.idFlusso} ${f.status}`).join(', ')})`);
    let added = false;
    if (queued.length < 2) {
      // Example 04 exported one erogazione (April). May's delivery of the same home care: registered and
      // validated by the case manager, exported by the night job; one flow per erogazione (cooperazione).
      print(`  L'esempio 04 ha esportato ${queued.length === 1 ? 'un solo flusso' : `${queued.length} flussi`}: servono due flussi (un esito OK e uno RICHIESTA_INVALIDA).`);
      const aprile = must(await store.withSession({ ente: ENTE.codice, actor: AS }, (s) => s.list('erogazione')), 'list erogazione')[0];
      if (aprile === undefined) throw new Error('Nessuna erogazione nell\'archivio dell\'esempio 04 / no erogazione in example 04\'s store');
      now = '2025-06-05T09:00:00Z';
      const maggio = must(
        await store.withSession({ ente: ENTE.codice, actor: AS }, async (s) => {
          const created = await s.create('erogazione', {
            id: MAGGIO_ID, intervento: aprile.intervento, persona: aprile.persona, dal: '2025-05-02', al: '2025-05-30',
            importoCents: 44_000, importoMensileCents: 44_000, quotaEnteCents: 40_000, quotaUtenteCents: 4_000, oreErogate: 20,
            ...(aprile.valutazione === undefined ? {} : { valutazione: aprile.valutazione, valutazioneData: aprile.valutazioneData }),
          }, { at: '2025-06-05T09:00:00Z' });
          if (!created.ok) return created;
          return s.transition('erogazione', MAGGIO_ID, 'valida', { expectedVersion: created.value.version, at: '2025-06-06T09:00:00Z' });
        }),
        'erogazione di maggio',
      );
      print(`  2025-06-05T09:00:00Z  assistente-sociale    +erogazione ${short(maggio.id)} (maggio 2025, ${maggio.oreErogate} ore), poi valida → ${maggio.status}`);
      now = '2025-07-03T02:00:00Z';
      const report = must(
        await store.withSession({ ente: ENTE.codice, actor: SYS }, (s) =>
          s.exportSiuss({ kind: 'PS', upTo: '2025-07-03', mode: 'cooperazione', at: now, ente: { denominazione: ENTE.denominazione } }),
        ),
        'exportSiuss',
      );
      print(`  2025-07-03T02:00:00Z  sistema               exportSiuss (cooperazione): ${report.flows.map((f) => f.idFlusso).join(', ')}`);
      added = true;
    }
    const flows = must(await store.withSession({ ente: ENTE.codice, actor: SYS }, (s) => s.siussFlows({ since: 0, limit: 100 })), 'siussFlows');
    if (flows.length < 2) throw new Error(`Servono almeno due flussi in coda, ce ne sono ${flows.length} / at least two queued flows are needed`);
    for (const f of flows) print(`    ${f.idFlusso}  ts_flusso ${new Date(f.tsFlusso).toISOString()}  ${f.status}${f.esito ? ` (esito ${f.esito.codice})` : ''}`);
    const headBefore = must(await store.auditHead({ ente: ENTE.codice }), 'auditHead');

    // ---------------------------------------------------------------------------------------------
    print('\n== 2. Autorità PDND DI PROVA / TEST PDND authority ==');
    const authority = await createTestAuthority();
    print('  !!! ATTENZIONE: autorità PDND DI PROVA — chiave RSA generata in memoria a ogni esecuzione, issuer');
    print(`  !!! «${authority.issuer}». In produzione i voucher li firma PDND: issuer e JWKS dell'ambiente`);
    print('  !!! (produzione: interop.pagopa.it, https://interop.pagopa.it/.well-known/jwks.json), audience e client');
    print('  !!! id di INPS dal back office PDND. / WARNING: a TEST PDND authority; in production the JWKS is PDND\'s.');
    print(`  Voucher di prova: typ at+jwt, RS256, kid «${authority.kid}», aud «${authority.audience}», client_id ${authority.clientId}, durata ${authority.lifetimeSec / 3600} h`);

    // ---------------------------------------------------------------------------------------------
    print('\n== 3. Il servizio WaaS su 127.0.0.1 / the endpoint ==');
    const log = [];
    const handler = createWaasHandler({
      source: csiStoreSource(store, { ente: ENTE.codice, actor: SYS }),
      ente: ENTE,
      voucher: createVoucherVerifier(authority.verifierOptions()),
      basePath: BASE_PATH,
      logger: (event) => log.push(event),
    });
    server = await serveWaas(handler, { port: 0 });
    const { port } = server.address();
    const base = `http://127.0.0.1:${port}${BASE_PATH}`;
    print(`  In ascolto su ${base} (GET /flussi, POST /esiti, GET /status), porta scelta dal sistema`);
    const status = await fetch(`${base}/status`);
    print(`  GET /status senza voucher: ${status.status} ${status.headers.get('content-type')} ${await status.text()}`);

    // ---------------------------------------------------------------------------------------------
    print('\n== 4. INPS simulato: preleva e risponde / the simulated INPS pulls and answers ==');
    now = '2025-07-04T06:00:00Z';
    // One voucher for every call, as INPS reuses it until it expires (24 h with the WaaS template).
    const voucher = await authority.issue();
    let index = 0;
    const report = await simulateInps({
      baseUrl: base,
      voucher,
      limit: 1, // one flow per page, to show the paging: INPS moves `since` to the last ts_flusso of each page
      tsAcquisizione: () => new Date(now),
      decide: (entry, decoded) => {
        index++;
        if (!decoded.ok) return { codiceEsito: 'RICHIESTA_INVALIDA', descrizioneEsito: decoded.issues[0].message };
        return index === 2
          ? { codiceEsito: 'RICHIESTA_INVALIDA', descrizioneEsito: DESCRIZIONE_SCARTO }
          : { codiceEsito: 'OK', idAcquisizioneSiuss: `SIUSS-2025-${String(index).padStart(6, '0')}` };
      },
    });
    const requests = log.filter((e) => e.event === 'request' && e.path === `${BASE_PATH}/flussi`);
    for (const r of requests) print(`  GET /flussi?since=${r.since}&limit=${r.limit} → ${r.status}, ${r.flows} fluss${r.flows === 1 ? 'o' : 'i'}`);
    for (const f of report.flows) {
      const check = f.flow !== undefined ? `valido (XSD, un beneficiario e una prestazione), ${f.issues.length} avvisi` : `NON valido: ${f.issues[0]?.message}`;
      const esito = f.esito === undefined ? 'nessun esito' : `${f.esito.codice_esito}${f.esito.id_acquisizione_siuss ? ` id_acquisizione_siuss ${f.esito.id_acquisizione_siuss}` : ''}${f.esito.descrizione_esito ? ` «${f.esito.descrizione_esito}»` : ''}`;
      print(`    ${f.entry.id_flusso}  ts_flusso ${f.entry.ts_flusso}  ${check} → ${esito}`);
    }
    const posted = log.find((e) => e.event === 'esiti');
    print(`  POST /esiti: ${report.esitiPosted} esiti consegnati (204); registrati ${posted?.recorded ?? 0}, già presenti ${posted?.duplicate ?? 0} (duplicate), ignorati ${(posted?.alreadyFinal ?? 0) + (posted?.unknownFlow ?? 0) + (posted?.mismatch ?? 0) + (posted?.invalid ?? 0)}`);
    if ((posted?.duplicate ?? 0) > 0) print('  Gli esiti erano già registrati (un\'esecuzione precedente di questo esempio): ripetuti, non cambiano nulla.');
    print(`  Pagine lette ${report.pages} (l'ultima vuota: INPS si ferma fino al prossimo giro); cursore finale since=${report.since}; errori ${report.errors.length}`);
    for (const e of report.errors) print(`    ERRORE: ${e}`);
    // What the endpoint logged: ids and counts, never the voucher nor a descrizione (no personal data).
    const shownLog = log
      .filter((e) => e.event === 'request' || e.event === 'esiti')
      .map((e) => Object.entries(e).filter(([k]) => !['level', 'ms', 'jti', 'instance'].includes(k)).map(([k, v]) => `${k}=${v}`).join(' '));
    print(`  Log del servizio (${log.length} righe JSON; qui senza ms, jti e instance):`);
    for (const line of shownLog) print(`    ${line}`);
    const leaked = log.some((e) => JSON.stringify(e).includes(voucher) || JSON.stringify(e).includes(DESCRIZIONE_SCARTO));
    print(`  Nel log il voucher o la descrizione dell'esito? ${leaked ? 'SÌ (!)' : 'no'}`);

    // ---------------------------------------------------------------------------------------------
    print('\n== 5. Che cosa vede l\'operatore / what the operator sees ==');
    now = '2025-07-04T08:30:00Z';
    const after = must(await store.withSession({ ente: ENTE.codice, actor: SYS }, (s) => s.siussFlows({ since: 0, limit: 100 })), 'siussFlows');
    for (const f of after) {
      const e = f.esito;
      print(`  flusso ${f.idFlusso}: ${f.status}${e ? ` — esito ${e.codice}${e.idAcquisizione ? `, id_acquisizione_siuss ${e.idAcquisizione}` : ''}${e.descrizione ? `, «${e.descrizione}»` : ''}` : ''}`);
    }
    const seen = must(
      await store.withSession({ ente: ENTE.codice, actor: AS }, async (s) => {
        const erogazioni = await s.list('erogazione');
        if (!erogazioni.ok) return erogazioni;
        const corrections = await s.siussCorrections();
        if (!corrections.ok) return corrections;
        return { ok: true, value: { erogazioni: erogazioni.value, corrections: corrections.value } };
      }),
      'vista dell\'operatore',
    );
    print(`  L'assistente sociale ${short(AS.operatoreId)} (case manager) apre le erogazioni:`);
    for (const e of seen.erogazioni) {
      const sent = e.esportazione;
      const detail =
        e.status === 'acquisita'
          ? `acquisita da SIUSS il ${sent?.acquisitaAt}, id_acquisizione_siuss ${sent?.idAcquisizione}`
          : e.status === 'da-correggere'
            ? `DA CORREGGERE: ${e.scarto?.codice} «${e.scarto?.descrizione ?? ''}»`
            : e.status;
      print(`    erogazione ${short(e.id)} (${formatDate(e.dal, { style: 'numeric' })}–${e.al === undefined ? '…' : formatDate(e.al, { style: 'numeric' })}): ${detail}`);
    }
    print(`  Coda delle correzioni SIUSS (siussCorrections): ${seen.corrections.length}`);
    for (const c of seen.corrections) print(`    ${c.kind} ${short(c.id)} v${c.version}: flusso ${c.idFlusso}, ${c.codice} «${c.descrizione ?? ''}» (${c.at}) → correggerla (correggi) o annullarla`);

    // ---------------------------------------------------------------------------------------------
    print('\n== 6. Richieste respinte / refused requests ==');
    const headMid = must(await store.auditHead({ ente: ENTE.codice }), 'auditHead');
    const attempts = [
      ['senza voucher / no voucher', null],
      ['voucher firmato con un\'altra chiave, stesso kid / signed by another key', `Bearer ${await authority.forge.withForeignKey()}`],
      ['alg none, senza firma / unsigned', `Bearer ${await authority.forge.unsigned()}`],
      ['HS256 con la chiave pubblica come segreto / key confusion', `Bearer ${await authority.forge.hs256WithPublicKey()}`],
    ];
    const refused = [];
    for (const [what, authorization] of attempts) {
      const before = log.length;
      const r = await fetch(`${base}/flussi?since=0`, authorization === null ? {} : { headers: { authorization } });
      const body = await r.json();
      const reason = log.slice(before).find((e) => e.event === 'voucher.refused')?.reason ?? '?';
      refused.push({ what, status: r.status, reason });
      print(`  GET /flussi ${what}: ${r.status} ${body.title}, WWW-Authenticate: ${r.headers.get('www-authenticate')}`);
      print(`    detail: ${body.detail}  (nel log per gli operatori: reason=${reason})`);
    }
    const headAfter = must(await store.auditHead({ ente: ENTE.codice }), 'auditHead');
    print(`  Archivio dopo le richieste respinte: ${headAfter.seq === headMid.seq ? 'nulla è cambiato' : 'CAMBIATO (!)'} (testa del registro n. ${headAfter.seq})`);

    // ---------------------------------------------------------------------------------------------
    print('\n== 7. Registro di audit / audit trail ==');
    const headFile = join(outDir, 'csi-store.head.json');
    const published = existsSync(headFile) ? JSON.parse(readFileSync(headFile, 'utf8')) : null;
    const verified = await store.verifyAudit({ ente: ENTE.codice, ...(published === null ? {} : { expectedHead: { seq: published.seq, hash: published.hash } }) });
    print(`  Eventi di audit aggiunti dal servizio WaaS e dalle letture dell'operatore: ${headAfter.seq - headBefore.seq} (letture della coda, flussi inviati, esiti, passaggi acquisita/da-correggere)`);
    print(
      `  verifyAudit: ${verified.ok ? `OK, catena HMAC-SHA256 verificata, ${verified.value.events} eventi fino al n. ${verified.value.head.seq}` : `${verified.issues[0].code} ${verified.issues[0].message}`}` +
        (published === null ? '' : `; contiene la testa pubblicata dall'esempio 04 (n. ${published.seq})`),
    );

    const byStatus = (status) => after.filter((f) => f.status === status).length;
    print('\n== Riepilogo / summary ==');
    print(`  INPS simulato: ${report.pages} pagine, ${after.length} flussi (accettati ${byStatus('accettato')}, scartati ${byStatus('scartato')}); esiti consegnati ${report.esitiPosted}, registrati ${posted?.recorded ?? 0}, già presenti ${posted?.duplicate ?? 0}; errori ${report.errors.length}`);
    print(`  Erogazioni da correggere: ${seen.corrections.length}; richieste con voucher non valido respinte: ${refused.filter((x) => x.status === 401).length} su ${refused.length}, archivio ${headAfter.seq === headMid.seq ? 'invariato' : 'CAMBIATO (!)'}; voucher o descrizioni nel log: ${leaked ? 'SÌ (!)' : 'no'}`);
    print(`  Registro di audit: ${verified.ok ? `verificato fino al n. ${verified.value.head.seq}` : 'NON verificato'}`);

    return {
      driver: store.driver,
      added,
      sistema: SYS.operatoreId,
      flows: after.map((f) => ({ idFlusso: f.idFlusso, status: f.status, esito: f.esito?.codice ?? null })),
      pages: report.pages,
      esitiPosted: report.esitiPosted,
      recorded: posted?.recorded ?? 0,
      duplicate: posted?.duplicate ?? 0,
      simulatorErrors: [...report.errors],
      erogazioni: seen.erogazioni.map((e) => ({ id: e.id, status: e.status })),
      corrections: seen.corrections.map((c) => ({ id: c.id, idFlusso: c.idFlusso, codice: c.codice, descrizione: c.descrizione ?? null })),
      refused,
      storeUnchangedByRefusals: headAfter.seq === headMid.seq,
      leaked,
      verified: verified.ok,
    };
  } finally {
    if (server !== undefined) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    }
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await main();
  const ok = r.verified && r.simulatorErrors.length === 0 && !r.leaked && r.storeUnchangedByRefusals && r.refused.every((x) => x.status === 401);
  if (!ok) process.exit(1);
}
