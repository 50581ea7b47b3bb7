// SPDX-License-Identifier: BSD-3-Clause
/** Each example runs and prints what it promises (read through the packages' source entry). */
import { describe, expect, it, onTestFinished } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain JavaScript example, no declarations
import { main as codiceFiscale } from './01-codice-fiscale.mjs';
// @ts-expect-error plain JavaScript example, no declarations
import { main as eligibility } from './02-eligibility.mjs';
// @ts-expect-error plain JavaScript example, no declarations
import { main as siuss } from './03-siuss.mjs';
// @ts-expect-error plain JavaScript example, no declarations
import { main as csiLifecycle, exampleStoreOptions, STORE_DIR, STORE_ENTE } from './04-csi-lifecycle.mjs';
// @ts-expect-error plain JavaScript example, no declarations
import { main as waasInps } from './05-waas-inps.mjs';
// @ts-expect-error plain JavaScript example, no declarations
import { main as fascicolo, HTML_FILES } from './06-fascicolo.mjs';
import { validateFlow } from '@riuso-sociale/siuss-schema';
import { openStore } from '@riuso-sociale/csi-store';

describe('examples', () => {
  it('01-codice-fiscale: computes, validates, decodes, matches, summarises a CSV', async () => {
    const lines: string[] = [];
    const summary = (await codiceFiscale((l: string) => lines.push(l))) as { total: number; valid: number; withWarnings: number; invalid: number; byIssue: Record<string, number> };
    const out = lines.join('\n');
    expect(out).toContain('Rossi Mario, M, 1° gennaio 1980, H501 → RSSMRA80A01H501U');
    expect(out).toContain("D'Alessandro Noè, M, 29 febbraio 2000, Forlì → DLSNOE00B29D704H");
    expect(out).toContain('nato/a il 1° gennaio 1907 [candidate: 01/01/2007, 01/01/1907]');
    expect(out).toContain('"consistent":true');
    expect(out).toContain('RSSMRA80A01H501U vs Russo, 2 gennaio 1980: cognome match, data mismatch');
    expect(out).not.toContain('RSSMRA80A32H501C'); // codes in messages are masked
    expect(summary).toEqual({
      total: 15, valid: 8, withWarnings: 1, invalid: 7,
      byIssue: { 'cf.check_character': 1, 'cf.date': 1, 'cf.day': 1, 'cf.empty': 1, 'cf.length': 1, 'cf.numeric_check_digit': 1, 'cf.place_unknown': 1 },
    });
    // It ends with a short summary.
    expect(lines.slice(-3)).toEqual([
      '\n== Riepilogo / summary ==',
      '  4 codici calcolati; 6 validati a livelli (3 validi, 3 no); 4 decodificati; 2 confronti con la persona',
      '  CSV examples/data/codici-fiscali.csv: 15 codici, 8 validi (1 con avvisi), 7 non validi, 7 tipi di errore',
    ]);
  });
  it('02-eligibility: by default a compact table of monthly amounts and a summary, no explanations', async () => {
    const lines: string[] = [];
    type Outcome = { status: string };
    const { results } = (await eligibility((l: string) => lines.push(l))) as { results: Outcome[] };
    const out = lines.join('\n');
    expect(results).toHaveLength(12); // every evaluation still runs
    expect(out.split('\n').length).toBeLessThan(25);
    expect(out).toContain('--detail o EXAMPLES_DETAIL=1');
    expect(out).not.toContain('Requisiti (');
    expect(out).not.toContain('Importo mensile: ');
    expect(out).toMatch(/^genitore-solo-con-figlio +294,38 € +850,00 € +872,92 €$/m);
    expect(out).toMatch(/^adulto-solo-in-affitto +187,50 € +780,00 € +no \(adi\.categorical\)$/m);
    expect(out).toMatch(/^famiglia-isee-alto +no \(rei\.isee, rei\.isre\) +no \(rdc\.isee, rdc\.income\) +no \(adi\.isee, adi\.income\)$/m);
    expect(lines.slice(-4)).toEqual([
      '\n== Riepilogo / summary ==',
      '  4 nuclei × 3 misure = 12 valutazioni: 8 ammesse, 4 non ammesse, 0 con dati mancanti',
      '  Importo mensile più alto: 951,33 € (coppia-di-anziani, ADI); senza un fatto: SERVONO DATI, da chiedere members.0.certifiedCareProgramme',
      "  Valutazione indicativa: la decisione spetta all'INPS.",
    ]);
  });
  it('02-eligibility --detail: explains REI, RdC and ADI for each household, with hand-computed amounts', async () => {
    const lines: string[] = [];
    type Outcome = { household: string; measure: string; date: string; status: string; monthlyCents: number | null; annualCents: number | null; failed: string[]; missing: string[] };
    const { results, needsInfo } = (await eligibility((l: string) => lines.push(l), { detail: true })) as { results: Outcome[]; needsInfo: { status: string; missing: string[] } };
    const out = lines.join('\n');
    const get = (household: string, measure: string) => results.find((r) => r.household === household && r.measure === measure)!;
    expect(results).toHaveLength(12);
    // Amounts computed by hand (the package's fixtures and README give the same):
    // REI 2018, 2 members, ISR 0: official 2018 table maximum 3.000 × 1,57 × 75 % ÷ 12 = 294,375 → 294,38.
    expect(get('genitore-solo-con-figlio', 'rei')).toMatchObject({ status: 'eligible', monthlyCents: 29_438 });
    // RdC 2019, scale 1,2 (adult + minor), income 0: 6.000 × 1,2 + rent 3.000 = 10.200 €/year → 850,00.
    expect(get('genitore-solo-con-figlio', 'rdc')).toMatchObject({ status: 'eligible', annualCents: 1_020_000, monthlyCents: 85_000 });
    // ADI 2025, scale 1,15, income 0: 6.500 × 1,15 + rent 3.000 (≤ 3.640) = 10.475 €/year ÷ 12 = 872,916… → 872,92.
    expect(get('genitore-solo-con-figlio', 'adi')).toMatchObject({ status: 'eligible', annualCents: 1_047_500, monthlyCents: 87_292 });
    // REI 2018, 1 member, ISR 0: 187,50; RdC 2019, single adult renting, income 0: 6.000 + 3.360 = 9.360 ÷ 12 = 780,00.
    expect(get('adulto-solo-in-affitto', 'rei')).toMatchObject({ status: 'eligible', monthlyCents: 18_750 });
    expect(get('adulto-solo-in-affitto', 'rdc')).toMatchObject({ status: 'eligible', annualCents: 936_000, monthlyCents: 78_000 });
    // ADI: a 45-year-old alone, no disability, not in a care programme: not in the categories of the law.
    expect(get('adulto-solo-in-affitto', 'adi')).toMatchObject({ status: 'ineligible', failed: ['adi.categorical'], monthlyCents: null });
    // REI 2018, elderly couple, ISR 2.000: (3.532,50 − 2.000) ÷ 12 = 127,708… → 127,71.
    expect(get('coppia-di-anziani', 'rei')).toMatchObject({ status: 'eligible', monthlyCents: 12_771 });
    // RdC 2019 (one spouse under 67: RdC, not PdC), scale 1,4: 6.000 × 1,4 − 2.000 + 2.000 = 8.400 → 700,00.
    expect(get('coppia-di-anziani', 'rdc')).toMatchObject({ status: 'eligible', monthlyCents: 70_000 });
    // ADI 2025, both ≥ 67: 8.190 × 1,4 − 2.000 + rent min(2.000, 1.950) = 11.416 €/year → 951,33.
    expect(get('coppia-di-anziani', 'adi')).toMatchObject({ status: 'eligible', annualCents: 1_141_600, monthlyCents: 95_133 });
    for (const measure of ['rei', 'rdc', 'adi']) {
      expect(get('famiglia-isee-alto', measure)).toMatchObject({ status: 'ineligible', failed: [`${measure}.isee`, measure === 'rei' ? 'rei.isre' : `${measure}.income`] });
    }
    expect(results.every((r) => r.missing.length === 0)).toBe(true); // every fact the rules ask for is in households.json
    expect(needsInfo).toEqual({ status: 'needs-info', missing: ['members.0.certifiedCareProgramme'] });
    // The explained table.
    expect(out).toContain('── Reddito di inclusione (REI), domanda presentata il 1° settembre 2018 ──');
    expect(out).toContain('  Importo mensile: 294,38 €');
    expect(out).toContain('  Importo mensile: 850,00 €');
    expect(out).toContain('  Importo mensile: 872,92 €');
    expect(out).toContain('  Importo annuo: 10.475,00 €');
    expect(out).toContain('  Durata: 18 mensilità, dal 1° luglio 2019.');
    expect(out).toMatch(/✓ adi\.isee +ISEE \(con minorenni: ISEE per prestazioni ai minorenni\): 3\.000,00 € ≤ 10\.140,00 € — L\. 30 dicembre 2024, n\. 207, art\. 1 c\.198/);
    expect(out).toMatch(/✗ adi\.categorical +Nessun componente disabile, minorenne, con almeno 60 anni o in un programma di cura certificato/);
    expect(out).toMatch(/✗ rei\.isee +ISEE: 13\.000,00 € > 6\.000,00 €/);
    expect(out).toContain('Importo: nessuno (requisiti non soddisfatti)');
    expect(out).toContain('Arrotondamento: ');
    expect(out).toContain('Da chiedere: members.0.certifiedCareProgramme');
    expect(out).toMatch(/^genitore-solo-con-figlio +294,38 € +850,00 € +872,92 €$/m);
    expect(out).toMatch(/^adulto-solo-in-affitto +187,50 € +780,00 € +no \(adi\.categorical\)$/m);
    expect(out).toContain('== Riepilogo / summary ==');
  });
  it('03-siuss: builds, validates and writes a PS-PSA-SINA and a SINBA flow; catches a decimal comma', async () => {
    const lines: string[] = [];
    const result = (await siuss((l: string) => lines.push(l), { cli: false })) as { written: string[]; brokenErrors: string[] };
    const out = lines.join('\n');
    expect(out).toContain('Prestazione periodica dal 1° settembre 2025 al 31 marzo 2026 divisa per anno: 01/09/2025–31/12/2025 (4 mesi), 01/01/2026–31/03/2026 (3 mesi)');
    expect(out).toContain('PS_PSA_SINA: 0 errori XSD, 0 avvisi');
    expect(out).toContain('SINBA: 0 errori XSD, 0 avvisi');
    expect(result.brokenErrors).toEqual(['siuss.xsd.decimal']);
    expect(result.written).toHaveLength(2);
    expect(lines.slice(-3)).toEqual([
      '\n== Riepilogo / summary ==',
      "  2 flussi scritti in examples/output/ (PS_PSA_SINA, SINBA), validi per l'XSD e riletti senza perdite",
      "  Errore tipico rilevato prima dell'invio: siuss.xsd.decimal",
    ]);
    for (const file of result.written) {
      expect(existsSync(file)).toBe(true);
      expect(validateFlow(readFileSync(file)).errors).toEqual([]);
    }
  });
  it('04-csi-lifecycle: from the front desk to SIUSS, with one audit event per step and a verified chain; then in the csi-store', async () => {
    const lines: string[] = [];
    type Summary = {
      adi: { before: string; missingBefore: string[]; status: string; monthlyCents: number | null; annualCents: number | null };
      refused: { code: string; rule: string; message: string };
      access: { denied: string; breakGlass: boolean; otherEnte: string };
      siuss: { file: string; name: string; errors: number; warnings: number; exportAgain: string | null };
      states: Record<string, string>;
      counts: { created: number; transitions: number; accessDecisions: number; refused: number };
      auditEvents: number;
      chainVerified: boolean;
      tamperDetected: boolean;
      recomputedDetected: string | null;
      truncationDetected: string | null;
      store: {
        driver: string; dataDir: string; keySource: string; seeded: boolean; records: number; transitions: number; sessions: number;
        flows: string[]; listed: { idFlusso: string; tsFlusso: number }[]; auditHead: { seq: number }; auditEvents: number | null; verified: boolean;
        headFile: string; conflict: string | null; denied: string | null; deniedRule: string | null; deniedAudited: number;
      };
    };
    // A temporary output folder (the store is embedded PGlite there: env without DATABASE_URL).
    const outDir = `${mkdtempSync(join(tmpdir(), 'riuso-example-04-'))}/`;
    onTestFinished(() => rmSync(outDir, { recursive: true, force: true }));
    const r = (await csiLifecycle((l: string) => lines.push(l), { outDir, env: {} })) as Summary;
    const out = lines.join('\n');
    // Eligibility on the way: the Cartella alone is not enough, the interview facts are.
    expect(r.adi.before).toBe('needs-info');
    expect(r.adi.missingBefore).toContain('members.0.disability');
    // ADI 2025, lone parent renting, child under 3: scale 1 + 0,15 + 0,4 = 1,55;
    // 6.500 × 1,55 − 3.000 = 7.075 + rent min(4.800, 3.640) = 10.715 €/year ÷ 12 = 892,916… → 892,92.
    expect(r.adi).toMatchObject({ status: 'eligible', annualCents: 1_071_500, monthlyCents: 89_292 });
    expect(out).toContain("Importo: 10.715,00 € all'anno, 892,92 € al mese per 18 mesi");
    // The refused transition and its rule.
    expect(r.refused).toEqual({ code: 'csi.lifecycle.guard', rule: 'intervento.presa-in-carico-attiva', message: 'La presa in carico è «sospesa», non attiva' });
    expect(out).toContain('RIFIUTATO csi.lifecycle.guard (regola intervento.presa-in-carico-attiva): La presa in carico è «sospesa», non attiva');
    // Access control.
    expect(r.access).toEqual({ denied: 'no-active-assignment', breakGlass: true, otherEnte: 'wrong-ente' });
    expect(out).toContain('read valutazione #000e: NEGATO (wrong-ente)');
    expect(out).toContain('read valutazione #000e: NEGATO (no-active-assignment)');
    expect(out).toContain('read valutazione #000e: CONSENTITO (break-glass)');
    // SIUSS: the written file is valid; the exported erogazione is frozen.
    expect(r.siuss).toMatchObject({ name: 'A944.PS.20250603.0000001', errors: 0, warnings: 0, exportAgain: 'csi.siuss.already_exported' });
    expect(out).toContain('validateFlow sul file: 0 errori, 0 avvisi');
    expect(validateFlow(readFileSync(r.siuss.file)).errors).toEqual([]);
    expect(r.states).toEqual({ accesso: 'esitato', presa: 'attiva', valutazione: 'validata', progetto: 'attivo', intervento: 'in-erogazione', erogazione: 'esportata' });
    // The audit trail: one event per accepted step (creations included) and per access decision, none for the refusal.
    expect(r.counts).toEqual({ created: 18, transitions: 14, accessDecisions: 5, refused: 1 });
    expect(r.auditEvents).toBe(r.counts.created + r.counts.transitions + r.counts.accessDecisions);
    const trail = lines.slice(lines.findIndex((l) => l.includes('REGISTRO DI AUDIT')) + 2).filter((l) => /^ +\d+ {2}\d{4}-/.test(l));
    expect(trail).toHaveLength(r.auditEvents);
    expect(trail.filter((l) => /  (create|transition) /.test(l))).toHaveLength(r.counts.created + r.counts.transitions);
    expect(trail.some((l) => /educatore +access-denied +valutazione #000e +accesso negato +read: no-active-assignment/.test(l))).toBe(true);
    expect(trail.some((l) => /presa-in-carico #000b +attiva → sospesa \(sospendi\) +Ricovero ospedaliero/.test(l))).toBe(true);
    expect(trail.some((l) => /sistema +transition +erogazione #0011 +liquidata → esportata \(esporta\)/.test(l))).toBe(true);
    expect(r.chainVerified).toBe(true);
    expect(out).toContain(`Catena HMAC-SHA256: verificata fino all'evento n. ${r.auditEvents}`);
    expect(out).toContain('chiave DIMOSTRATIVA');
    // Tampering: an edit, the break-glass dropped with the chain recomputed without the key, a cut tail.
    expect(r.tamperDetected).toBe(true);
    expect(out).toContain("Se qualcuno modifica l'evento 6: Registro di audit alterato all'evento n. 6");
    expect(r.recomputedDetected).toBe('csi.audit.chain_broken');
    expect(out).toContain("ricalcola la catena senza la chiave: Registro di audit alterato all'evento n. 1");
    expect(r.truncationDetected).toBe('csi.audit.head_mismatch');
    expect(out).toContain(`taglia gli ultimi 3 eventi: da sola la catena sembra integra; contro la testa pubblicata: Registro di audit: l'ultimo evento (n. ${r.auditEvents - 3}) non corrisponde alla testa pubblicata (n. ${r.auditEvents})`);
    expect(out).not.toContain('SPSGNN90D42F839H'); // codici fiscali are masked in the output
    // It ends with a short summary.
    expect(lines.slice(-5)).toEqual([
      '\n== Riepilogo / summary ==',
      `  Dall'accesso al SIUSS: 18 record, 14 passaggi di stato, 5 decisioni di accesso, passaggi rifiutati: 1; ADI AMMESSO, 892,92 € al mese`,
      '  Flusso SIUSS A944.PS.20250603.0000001: 0 errori, 0 avvisi; erogazione «esportata»',
      `  Registro di audit: ${r.auditEvents} eventi, catena verificata; manomissioni rilevate 3 su 3`,
      `  csi-store (pglite): 17 record, 13 passaggi; conflitto di versione rilevato, accesso negato e registrato; audit verificato fino al n. ${r.store.auditHead.seq}`,
    ]);

    // 9. The same cartella in the csi-store, on disk in the output folder.
    expect(String(STORE_DIR).replace(/\\/g, '/')).toMatch(/examples\/output\/csi-store$/);
    expect(r.store).toMatchObject({ driver: 'pglite', dataDir: join(outDir, 'csi-store'), keySource: 'demo', seeded: true });
    expect(existsSync(join(r.store.dataDir, 'PG_VERSION'))).toBe(true);
    // The 16 records of sections 1–5 but the ISEE household, plus the service manager's équipe assignment; their 13 accepted steps.
    expect(r.store).toMatchObject({ records: 17, transitions: 13 });
    // One flow per exported erogazione ("cooperazione"): the one erogazione, under the name of section 6; ts_flusso from the example's clock.
    expect(r.store.flows).toEqual([r.siuss.name]);
    expect(r.store.listed).toEqual([{ idFlusso: r.siuss.name, tsFlusso: Date.parse('2025-06-03T02:00:00Z') }]);
    expect(out).toContain('exportSiuss (cooperazione): 1 erogazione esportata, 1 flusso creato');
    // The conflict (second payment from a stale version) and the denial (educator without an assignment), audited.
    expect(r.store).toMatchObject({ conflict: 'store.conflict', denied: 'store.denied', deniedRule: 'no-active-assignment', deniedAudited: 1 });
    expect(out).toMatch(/assistente-sociale +erogazione #0011 liquida dalla versione 2: RIFIUTATA store\.conflict/);
    expect(out).toMatch(/educatore +legge valutazione #000e: NEGATO store\.denied \(no-active-assignment\)/);
    // The store's audit chain verifies up to its head, which is published in a file.
    expect(r.store.verified).toBe(true);
    expect(r.store.auditEvents).toBe(r.store.auditHead.seq);
    expect(out).toContain(`verifyAudit: OK, catena HMAC-SHA256 verificata, ${r.store.auditHead.seq} eventi fino al n. ${r.store.auditHead.seq}`);
    const published = JSON.parse(readFileSync(r.store.headFile, 'utf8')) as { ente: string; seq: number; hash: string };
    expect(published).toMatchObject({ ente: STORE_ENTE, seq: r.store.auditHead.seq });
    // A later example opens the same store from disk and finds the cartella and the published head.
    const again = await openStore(exampleStoreOptions({ env: {}, outDir }).options);
    try {
      const laura = { operatoreId: '00000000-0000-4000-8000-000000000003' as never, role: 'assistente-sociale' as const };
      const cartella = await again.withSession({ ente: STORE_ENTE, actor: laura }, (s) => s.get('cartella', '00000000-0000-4000-8000-00000000000a'));
      expect(cartella).toMatchObject({ ok: true, value: { persona: '00000000-0000-4000-8000-000000000007', version: 1 } });
      expect(await again.verifyAudit({ ente: STORE_ENTE, expectedHead: { seq: published.seq, hash: published.hash } })).toMatchObject({ ok: true });
    } finally {
      await again.close();
    }
  }, 180_000);

  it('05-waas-inps: the endpoint over example 04\'s store; the simulated INPS pulls two flows page by page, one OK and one RICHIESTA_INVALIDA land on the records; forged vouchers refused; run twice', async () => {
    type Summary = {
      driver: string; added: boolean; sistema: string;
      flows: { idFlusso: string; status: string; esito: string | null }[];
      pages: number; esitiPosted: number; recorded: number; duplicate: number; simulatorErrors: string[];
      erogazioni: { id: string; status: string }[];
      corrections: { id: string; idFlusso: string; codice: string; descrizione: string | null }[];
      refused: { what: string; status: number; reason: string }[];
      storeUnchangedByRefusals: boolean; leaked: boolean; verified: boolean;
    };
    // Example 04 first, in a temporary output folder (embedded PGlite: env without DATABASE_URL).
    const outDir = `${mkdtempSync(join(tmpdir(), 'riuso-example-05-'))}/`;
    onTestFinished(() => rmSync(outDir, { recursive: true, force: true }));
    await csiLifecycle(() => undefined, { outDir, env: {} });
    const lines: string[] = [];
    const r = (await waasInps((l: string) => lines.push(l), { outDir, env: {} })) as Summary;
    const out = lines.join('\n');
    // The sistema operator of example 04 (its sixth id) is the account the endpoint acts as.
    expect(r.sistema).toBe('00000000-0000-4000-8000-000000000006');
    expect(out).toContain("Il servizio WaaS agisce come l'operatore «sistema» #0006");
    // Example 04 exports one flow: the example adds May's erogazione and exports it (a second flow).
    expect(r.added).toBe(true);
    expect(out).toContain("L'esempio 04 ha esportato un solo flusso");
    expect(out).toContain('exportSiuss (cooperazione): A944.PS.20250703.0000001');
    // A TEST authority, said loudly.
    expect(out).toContain('!!! ATTENZIONE: autorità PDND DI PROVA');
    expect(out).toContain('WARNING: a TEST PDND authority');
    // The endpoint on a free port (the only variable part with the jti and instance ids, not printed).
    expect(out).toMatch(/In ascolto su http:\/\/127\.0\.0\.1:\d+\/waas\/v1\/A944 /);
    expect(out).toContain('GET /status senza voucher: 200 application/problem+json {"status":200,"title":"OK"}');
    // Paging: limit 1, the cursor moved to each page's last ts_flusso, an empty page at the end.
    expect(r.pages).toBe(3);
    expect(out).toContain('GET /flussi?since=0&limit=1 → 200, 1 flusso');
    expect(out).toContain(`GET /flussi?since=${Date.parse('2025-06-03T02:00:00Z')}&limit=1 → 200, 1 flusso`);
    expect(out).toContain(`GET /flussi?since=${Date.parse('2025-07-03T02:00:00Z')}&limit=1 → 200, 0 flussi`);
    expect(r.simulatorErrors).toEqual([]);
    expect(out).toMatch(/A944\.PS\.20250603\.0000001 {2}ts_flusso 2025-06-03T02:00:00\.000Z {2}valido .*→ OK id_acquisizione_siuss SIUSS-2025-000001/);
    expect(out).toMatch(/A944\.PS\.20250703\.0000001 {2}ts_flusso 2025-07-03T02:00:00\.000Z {2}valido .*→ RICHIESTA_INVALIDA «Esito simulato: /);
    expect(r).toMatchObject({ esitiPosted: 2, recorded: 2, duplicate: 0 });
    // What the operator sees: flows accettato / scartato, erogazioni acquisita / da-correggere with INPS's description.
    expect(r.flows).toEqual([
      { idFlusso: 'A944.PS.20250603.0000001', status: 'accettato', esito: 'OK' },
      { idFlusso: 'A944.PS.20250703.0000001', status: 'scartato', esito: 'RICHIESTA_INVALIDA' },
    ]);
    expect(r.erogazioni.map((e) => e.status).sort()).toEqual(['acquisita', 'da-correggere']);
    expect(r.corrections).toEqual([
      { id: '00000000-0000-4000-8000-000000002505', idFlusso: 'A944.PS.20250703.0000001', codice: 'RICHIESTA_INVALIDA', descrizione: "Esito simulato: quota a carico dell'utente da verificare" },
    ]);
    expect(out).toContain('erogazione #0011 (02/04/2025–30/04/2025): acquisita da SIUSS il 2025-07-04T06:00:00.000Z, id_acquisizione_siuss SIUSS-2025-000001');
    expect(out).toContain("erogazione #2505 (02/05/2025–30/05/2025): DA CORREGGERE: RICHIESTA_INVALIDA «Esito simulato: quota a carico dell'utente da verificare»");
    // The log: ids and counts, never the voucher nor the descrizione.
    expect(r.leaked).toBe(false);
    expect(out).toContain('event=esiti received=2 recorded=2 duplicate=0');
    // Refused: no voucher, a foreign key, alg none, HS256 keyed with the public key; nothing changed in the store.
    expect(r.refused.map((x) => [x.status, x.reason])).toEqual([[401, 'missing'], [401, 'signature'], [401, 'alg'], [401, 'alg']]);
    expect(out).toContain('401 Unauthorized, WWW-Authenticate: Bearer error="invalid_token"');
    expect(r.storeUnchangedByRefusals).toBe(true);
    // The audit chain verifies, with example 04's published head in it.
    expect(r.verified).toBe(true);
    expect(out).toMatch(/verifyAudit: OK, catena HMAC-SHA256 verificata, (\d+) eventi fino al n\. \1; contiene la testa pubblicata dall'esempio 04/);
    // It ends with a short summary.
    expect(lines.slice(-4)).toEqual([
      '\n== Riepilogo / summary ==',
      '  INPS simulato: 3 pagine, 2 flussi (accettati 1, scartati 1); esiti consegnati 2, registrati 2, già presenti 0; errori 0',
      '  Erogazioni da correggere: 1; richieste con voucher non valido respinte: 4 su 4, archivio invariato; voucher o descrizioni nel log: no',
      expect.stringMatching(/^ {2}Registro di audit: verificato fino al n\. \d+$/),
    ]);

    // Run again on the same store: nothing added, the same esiti redelivered change nothing.
    const again = (await waasInps(() => undefined, { outDir, env: {} })) as Summary;
    expect(again).toMatchObject({ added: false, esitiPosted: 2, recorded: 0, duplicate: 2, simulatorErrors: [], verified: true, leaked: false, storeUnchangedByRefusals: true });
    expect(again.flows).toEqual(r.flows);
    expect(again.corrections).toEqual(r.corrections);
  }, 240_000);

  it('06-fascicolo: the person of example 04 in her area personale (citizen path) and in an access-request answer (operator session); both HTML pages; the App IO messages of her lifecycle, each checked, the assessment never notified', async () => {
    type Counts = { timeline: number; withheldRecords: number; withheldParts: number; review: number; coverage: { records: number; shown: number; withheld: number; review: number }; complete: boolean; purpose: string; file: string };
    type Summary = {
      asOf: string; personaId: string;
      portal: Counts & { refs: string[] };
      access: Counts & { reviewRefs: string[] };
      messages: { type: string; on: string; subject: string | null; checked: boolean | null; secure?: boolean; dueDate?: string | null; amount?: number | null }[];
    };
    // Without example 04's store it explains and stops (the command line exits 1).
    const empty = `${mkdtempSync(join(tmpdir(), 'riuso-example-06-empty-'))}/`;
    onTestFinished(() => rmSync(empty, { recursive: true, force: true }));
    await expect(fascicolo(() => undefined, { outDir: empty, env: {} })).rejects.toThrow("eseguire prima l'esempio 04");

    // Example 04 first, in a temporary output folder (embedded PGlite: env without DATABASE_URL).
    const outDir = `${mkdtempSync(join(tmpdir(), 'riuso-example-06-'))}/`;
    onTestFinished(() => rmSync(outDir, { recursive: true, force: true }));
    await csiLifecycle(() => undefined, { outDir, env: {} });
    const lines: string[] = [];
    const r = (await fascicolo((l: string) => lines.push(l), { outDir, env: {} })) as Summary;
    const out = lines.join('\n');
    // Giovanna Esposito, example 04's person, on the day of the store's fixed clock.
    expect(r.personaId).toBe('00000000-0000-4000-8000-000000000007');
    expect(r.asOf).toBe('2025-07-15');
    expect(out).toContain('Persona: Giovanna Esposito (SPSGNN******839H), persona #0007, cartella #000a');
    expect(out).not.toContain('SPSGNN90D42F839H'); // the codice fiscale is masked in the output
    // The portal (citizen path): status facts only; the assessment in brief; free texts withheld as parts, with their ground.
    expect(r.portal).toMatchObject({ purpose: 'portal', complete: true, withheldRecords: 0, withheldParts: 3, review: 0 });
    expect(r.portal.coverage).toEqual({ records: 7, shown: 7, withheld: 0, review: 0 });
    expect(r.portal.refs).toEqual([
      'accesso:00000000-0000-4000-8000-000000000009',
      'accesso:00000000-0000-4000-8000-000000000009#esito',
      'cartella:00000000-0000-4000-8000-00000000000a',
      'presa-in-carico:00000000-0000-4000-8000-00000000000b',
      'valutazione:00000000-0000-4000-8000-00000000000e',
      'progetto:00000000-0000-4000-8000-00000000000f',
      'intervento:00000000-0000-4000-8000-000000000010',
      'erogazione:00000000-0000-4000-8000-000000000011',
    ]);
    expect(out).toContain('    3 marzo 2025      Esito della richiesta — Accolta');
    expect(out).toContain('    6 marzo 2025      Valutazione della non autosufficienza (SINA) — Conclusa; in breve: solo data, tipo e ufficio');
    expect(out).toContain('    2 aprile 2025     Prestazione erogata: Assistenza domiciliare socio-assistenziale (SAD) — Pagato; dal 2 aprile 2025 al 30 aprile 2025; 440,00 €');
    expect(out).toMatch(/testo-libero \(parti di voci mostrate\): 3 — I testi liberi .* \[GDPR art\. 9, 15\(4\)\]/);
    // The access request (operator session): the assessment in full, the free texts to review, nothing unreadable.
    expect(r.access).toMatchObject({ purpose: 'access-request', complete: true, withheldRecords: 0, withheldParts: 0, review: 3 });
    expect(r.access.reviewRefs).toEqual([
      'accesso:00000000-0000-4000-8000-000000000009#bisognoRiferito',
      'progetto:00000000-0000-4000-8000-00000000000f#impegni.0',
      'progetto:00000000-0000-4000-8000-00000000000f#titolo',
    ]);
    expect(out).toContain('    6 marzo 2025      Valutazione della non autosufficienza (SINA) — Conclusa\n');
    expect(out).toContain('    accesso #0009 (campo bisognoRiferito), 3 marzo 2025: motivi policy, free-text');
    // Both pages written, in their language, self-contained.
    for (const [file, name] of [[r.portal.file, HTML_FILES.portal], [r.access.file, HTML_FILES.accesso]] as const) {
      expect(file).toBe(join(outDir, name));
      const html = readFileSync(file, 'utf8');
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain('<html lang="it">');
      expect(html).toContain('Giovanna Esposito');
      expect(html).not.toMatch(/<script/i);
    }
    // App IO: every event of her lifecycle, in order; the assessment never notifies; every message checked; nothing sent.
    expect(r.messages.map((m) => [m.on, m.type, m.subject])).toEqual([
      ['2025-03-03', 'richiesta-ricevuta', 'Abbiamo ricevuto la tua richiesta'],
      ['2025-03-03', 'richiesta-accolta', 'La tua richiesta è stata accolta'],
      ['2025-03-06', 'valutazione', null],
      ['2025-03-10', 'piano-disponibile', 'È disponibile il tuo piano assistenziale'],
      ['2025-04-02', 'servizio-attivato', 'Attivazione del servizio'],
      ['2025-05-20', 'avviso-pagamento', 'Hai un nuovo avviso di pagamento'],
    ]);
    expect(r.messages.filter((m) => m.subject !== null).every((m) => m.checked === true)).toBe(true);
    // Care events go by push only; the payment notice: the user's share (40,00 €), due 30 days later at the end of the day in Italy.
    expect(r.messages.find((m) => m.type === 'piano-disponibile')?.secure).toBe(true);
    expect(r.messages.find((m) => m.type === 'avviso-pagamento')).toMatchObject({ amount: 4000, dueDate: '2025-06-19T21:59:59.000Z' });
    expect(out).toMatch(/6 marzo 2025 +valutazione +nessun messaggio: contenuto valutativo/);
    // It ends with a short summary.
    expect(lines.slice(-5)).toEqual([
      '\n== Riepilogo / summary ==',
      '  Area personale (15 luglio 2025): 8 voci; non mostrati, con il motivo: 0 record e 3 parti di voci; in revisione: 0; 7 record, ognuno in un solo posto',
      '  Richiesta di accesso: 8 voci; non mostrati, con il motivo: 0 record e 0 parti di voci; in revisione: 3; vista completa',
      '  Pagine HTML: 06-fascicolo-portal.html, 06-fascicolo-accesso.html',
      '  App IO: 5 messaggi costruiti, verificati 5 su 5; eventi senza messaggio: 1; inviati: 0',
    ]);
  }, 240_000);
});
