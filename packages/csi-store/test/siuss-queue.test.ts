// SPDX-License-Identifier: BSD-3-Clause
/**
 * The SIUSS export queue, on PGlite and on a PostgreSQL server: flows built from the validated
 * erogazioni (valid for siuss-schema's validator), the erogazioni frozen as `esportata`, nothing
 * exported twice, the WaaS cursor (`ts_flusso`, unique and increasing, allocated at commit), INPS's
 * esiti recorded once, and a bad record left in the queue without holding back the others. The tests
 * of ordering under concurrent sessions run on the server only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@riuso-sociale/core';
import { pseudonymizeFor, type Erogazione, type Instant } from '@riuso-sociale/csi-model';
import { validateFlow } from '@riuso-sociale/siuss-schema';
import type { EsitoInput, ExportSiussReport, Store, StoredFlow } from '../src/index.js';
import { closeAll, TARGETS } from './support/targets.js';
import { addCase, addErogazioni, asOwner, headOf, must, rowState, run, seedEnte, type Seeded } from './support/fixture.js';
import { addMinore, CF_MINORI, SOFIA } from './support/sinba.js';

afterAll(closeAll);

const t = (s: string) => s as Instant;
const EXPORT_AT = t('2025-11-01T02:00:00Z');
const codes = (r: Result<unknown, string>): string[] => (r.ok ? [] : r.issues.map((i) => i.code));

function exportPs(store: Store, s: Seeded, mode: 'file' | 'cooperazione', maxPerFlow?: number): Promise<ExportSiussReport> {
  return run(store, s.ente, s.sys, (session) => session.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode, at: EXPORT_AT, ...(maxPerFlow === undefined ? {} : { maxPerFlow }) }));
}

/** The Ente's pseudonymisation key in the SINBA tests (never stored). */
const PSEUDONYM_KEY = randomBytes(32);

function exportSinba(store: Store, s: Seeded, mode: 'file' | 'cooperazione', maxPerFlow?: number): Promise<ExportSiussReport> {
  return run(store, s.ente, s.sys, (session) =>
    session.exportSiuss({ kind: 'SINBA', upTo: '2025-12-31' as never, mode, at: EXPORT_AT, pseudonymKey: PSEUDONYM_KEY, ...(maxPerFlow === undefined ? {} : { maxPerFlow }) }),
  );
}

const pseudonymOf = (cf: string): string => {
  const p = pseudonymizeFor('sinba', cf, PSEUDONYM_KEY);
  if (!p.ok) throw new Error(p.issues[0].message);
  return p.value;
};

function flows(store: Store, s: Seeded, since = 0, limit = 100): Promise<readonly StoredFlow[]> {
  return run(store, s.ente, s.sys, (session) => session.siussFlows({ since, limit }));
}

function esito(store: Store, s: Seeded, e: EsitoInput) {
  return run(store, s.ente, s.sys, (session) => session.recordEsito(e));
}

async function erogazione(store: Store, s: Seeded, id: string): Promise<Erogazione> {
  return run(store, s.ente, s.as, (session) => session.get('erogazione', id));
}

/** `ts_flusso` and version of every flow of an Ente, read as the owner. */
async function stamps(store: Store, ente: string): Promise<{ nome: string; ts: number; version: number }[]> {
  const r = await asOwner(store, ente, (tx) =>
    tx.query<{ nome: string; ts: string; version: number }>('SELECT nome, ts_flusso::text AS ts, version FROM flusso_siuss WHERE ente = $1 ORDER BY ts_flusso', [ente]),
  );
  return r.rows.map((x) => ({ nome: x.nome, ts: Number(x.ts), version: Number(x.version) }));
}

function expectStrictlyIncreasing(values: readonly number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] as number);
}

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`SIUSS export queue on ${target.name}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await target.open();
    }, 120_000);

    describe('cooperazione, cursor and esiti', () => {
      let s: Seeded;
      let ids: string[];
      let report: ExportSiussReport;

      beforeAll(async () => {
        s = await seedEnte(store, 'E001');
        ids = await addErogazioni(store, s, 3);
        report = await exportPs(store, s, 'cooperazione');
      }, 60_000);

      it('cooperazione: one flow per erogazione, each valid for siuss-schema, the erogazioni esportata in their flow', async () => {
        expect(report.skipped).toEqual([]);
        expect(report.exported).toBe(3);
        expect(report.flows).toHaveLength(3);
        expect(report.flows.every((f) => f.erogazioni === 1)).toBe(true);
        const stored = await flows(store, s);
        expect(stored.map((f) => f.idFlusso).sort()).toEqual(report.flows.map((f) => f.idFlusso).sort());
        for (const f of stored) {
          expect(f).toMatchObject({ ente: s.ente, tipo: 'PS_PSA_SINA', modalita: 'cooperazione', status: 'generato' });
          expect(f.hashPayload).toBe(createHash('sha256').update(f.xml).digest('hex'));
          const v = validateFlow(f.xml, { mode: 'cooperazione' });
          expect(v.errors, f.idFlusso).toEqual([]);
          expect(v.warnings, f.idFlusso).toEqual([]);
          expect(v.records).toBe(1);
        }
        const flowIds = new Set(report.flows.map((f) => f.id));
        const carried = new Set<string>();
        for (const id of ids) {
          const e = await erogazione(store, s, id);
          expect(e.status).toBe('esportata');
          expect(e.esportazione?.tipoOperazione).toBe('I');
          expect(flowIds.has(e.esportazione?.flusso as string)).toBe(true);
          carried.add(e.esportazione?.flusso as string);
        }
        expect(carried.size).toBe(3);
      });

      it('running the export again exports nothing new', async () => {
        const again = await exportPs(store, s, 'cooperazione');
        expect(again).toEqual({ flows: [], exported: 0, skipped: [] });
        expect(await flows(store, s)).toHaveLength(3);
      });

      it('siussFlows: oldest first with unique, strictly increasing tsFlusso; since is exclusive; limit bounds', async () => {
        const all = await flows(store, s);
        expect(all).toHaveLength(3);
        const ts = all.map((f) => f.tsFlusso);
        expect(ts.every((x) => Number.isSafeInteger(x) && x > 0)).toBe(true);
        expectStrictlyIncreasing(ts);
        expect((await flows(store, s, ts[0])).map((f) => f.tsFlusso)).toEqual(ts.slice(1));
        expect((await flows(store, s, ts[1])).map((f) => f.tsFlusso)).toEqual(ts.slice(2));
        expect(await flows(store, s, ts[2])).toEqual([]);
        expect((await flows(store, s, 0, 1)).map((f) => f.tsFlusso)).toEqual(ts.slice(0, 1));
        expect(await flows(store, s, 0, 100)).toHaveLength(3);
        for (const options of [{ since: 0, limit: 0 }, { since: 0, limit: 101 }, { since: 0, limit: 1.5 }, { since: -1 }, { since: 1.5 }, { since: Number.NaN }, { since: '5' }, { since: 2 ** 60 }, {}]) {
          const r = await store.withSession({ ente: s.ente, actor: s.sys }, (session) => session.siussFlows(options as never));
          expect(codes(r), JSON.stringify(options)).toEqual(['store.invalid']);
        }
      });

      it('recordEsito: OK → accettato, RICHIESTA_INVALIDA → scartato; again → duplicate / already-final; unknown flow, other ts_flusso or tipo → no change; ts_flusso never moves', async () => {
        const before = await stamps(store, s.ente);
        const [ok, ko] = before as [(typeof before)[number], (typeof before)[number]];
        expect(await esito(store, s, { idFlusso: ok.nome, codice: 'OK', idAcquisizione: 'ACQ-42', tsFlusso: ok.ts, tipo: 'PS_PSA_SINA' })).toBe('recorded');
        expect(await esito(store, s, { idFlusso: ko.nome, codice: 'RICHIESTA_INVALIDA', descrizione: 'Codice prestazione non ammesso' })).toBe('recorded');
        const listed = await flows(store, s);
        expect(listed.find((f) => f.idFlusso === ok.nome)).toMatchObject({ status: 'accettato', esito: { codice: 'OK', idAcquisizione: 'ACQ-42' } });
        expect(listed.find((f) => f.idFlusso === ko.nome)).toMatchObject({ status: 'scartato', esito: { codice: 'RICHIESTA_INVALIDA', descrizione: 'Codice prestazione non ammesso' } });
        const columns = await asOwner(store, s.ente, (tx) =>
          tx.query<{ nome: string; status: string; esito_codice: string | null; esito_id_acquisizione: string | null; esito_descrizione: string | null; has_at: boolean }>(
            'SELECT nome, status, esito_codice, esito_id_acquisizione, esito_descrizione, esito_at IS NOT NULL AS has_at FROM flusso_siuss WHERE ente = $1 ORDER BY ts_flusso',
            [s.ente],
          ),
        );
        expect(columns.rows).toEqual([
          { nome: ok.nome, status: 'accettato', esito_codice: 'OK', esito_id_acquisizione: 'ACQ-42', esito_descrizione: null, has_at: true },
          { nome: ko.nome, status: 'scartato', esito_codice: 'RICHIESTA_INVALIDA', esito_id_acquisizione: null, esito_descrizione: 'Codice prestazione non ammesso', has_at: true },
          { nome: before[2]?.nome, status: 'generato', esito_codice: null, esito_id_acquisizione: null, esito_descrizione: null, has_at: false },
        ]);
        // The records the flows carry: acquired with its acquisition id; rejected back to the operators.
        const carried = await Promise.all(ids.map((id) => erogazione(store, s, id)));
        const byFlow = new Map(listed.map((f) => [f.id, f.idFlusso]));
        const acquired = carried.find((e) => byFlow.get(e.esportazione?.flusso as string) === ok.nome);
        expect(acquired).toMatchObject({ status: 'acquisita', esportazione: { tipoOperazione: 'I', idAcquisizione: 'ACQ-42' } });
        const rejected = carried.find((e) => e.status === 'da-correggere');
        expect(rejected).toMatchObject({ scarto: { codice: 'RICHIESTA_INVALIDA', descrizione: 'Codice prestazione non ammesso' } });
        expect(rejected?.esportazione).toBeUndefined();
        const afterFirst = await stamps(store, s.ente);
        const head = await headOf(store, s.ente);
        // The same esito delivered again, another one on a final flow, an unknown flow, another ts_flusso or
        // tipo: no record changes; each is audited as a refused transition.
        expect(await esito(store, s, { idFlusso: ok.nome, codice: 'OK', idAcquisizione: 'ACQ-42' })).toBe('duplicate');
        expect(await esito(store, s, { idFlusso: ok.nome, codice: 'ERRORE_GENERICO' })).toBe('already-final');
        expect(await esito(store, s, { idFlusso: ko.nome, codice: 'RICHIESTA_INVALIDA', descrizione: 'Codice prestazione non ammesso' })).toBe('duplicate');
        expect(await esito(store, s, { idFlusso: `${s.ente}.PS.20250101.9999999`, codice: 'OK' })).toBe('unknown-flow');
        expect(await esito(store, s, { idFlusso: before[2]!.nome, codice: 'OK', tsFlusso: before[2]!.ts + 1 })).toBe('mismatch');
        expect(await esito(store, s, { idFlusso: before[2]!.nome, codice: 'OK', tipo: 'SINBA' })).toBe('mismatch');
        expect(await esito(store, s, { idFlusso: 'X'.repeat(100), codice: 'OK' })).toBe('unknown-flow');
        expect(await esito(store, s, { idFlusso: before[2]!.nome, codice: 'OK', idAcquisizione: 'A'.repeat(257) })).toBe('invalid');
        const audited = await headOf(store, s.ente);
        expect(audited.seq).toBe(head.seq + 8);
        expect(await stamps(store, s.ente)).toEqual(afterFirst);
        expect(await Promise.all(ids.map((id) => erogazione(store, s, id)))).toEqual(carried);
        const refused = await asOwner(store, s.ente, (tx) =>
          tx.query<{ outcome: string; reason: string }>("SELECT event->>'outcome' AS outcome, event->>'reason' AS reason FROM audit_event WHERE ente = $1 AND seq > $2 AND seq <= $3 ORDER BY seq", [s.ente, head.seq, audited.seq]),
        );
        expect(refused.rows.map((r) => r.outcome)).toEqual(Array(8).fill('denied'));
        expect(refused.rows.map((r) => r.reason.split(': ').at(-1))).toEqual(['duplicate', 'already-final', 'duplicate', 'unknown-flow', 'mismatch', 'mismatch', 'unknown-flow', 'invalid']);
        // Versions moved once for the two esiti; ts_flusso never.
        expect(afterFirst.map((f) => f.ts)).toEqual(before.map((f) => f.ts));
        expect(afterFirst.map((f) => f.version)).toEqual([before[0]!.version + 1, before[1]!.version + 1, before[2]!.version]);
        must(await store.verifyAudit({ ente: s.ente }));
      });

      it('the correction queue: the rejected erogazione with INPS\'s description; corrected, it goes out again in a NEW flow with a later ts_flusso', async () => {
        const queue = await run(store, s.ente, s.as, (session) => session.siussCorrections());
        expect(queue).toHaveLength(1);
        const [entry] = queue as [(typeof queue)[number]];
        expect(entry).toMatchObject({ kind: 'erogazione', codice: 'RICHIESTA_INVALIDA', descrizione: 'Codice prestazione non ammesso' });
        const scartato = (await flows(store, s)).find((f) => f.status === 'scartato');
        expect(entry.idFlusso).toBe(scartato?.idFlusso);
        // Not yet corrected: the export leaves it alone.
        expect((await exportPs(store, s, 'cooperazione')).exported).toBe(0);
        const wrongField = await store.withSession({ ente: s.ente, actor: s.as }, (session) =>
          session.transition('erogazione', entry.id, 'correggi', { expectedVersion: entry.version, data: { persona: entry.persona } }),
        );
        expect(codes(wrongField)).toEqual(['csi.lifecycle.guard']);
        const fixed = await run(store, s.ente, s.as, (session) => session.transition('erogazione', entry.id, 'correggi', { expectedVersion: entry.version, data: { importoCents: 9_900 } }));
        expect(fixed).toMatchObject({ status: 'validata', importoCents: 9_900, scarto: { codice: 'RICHIESTA_INVALIDA' } });
        expect(await run(store, s.ente, s.as, (session) => session.siussCorrections())).toEqual([]);
        const last = Math.max(...(await stamps(store, s.ente)).map((f) => f.ts));
        // (at the store's clock: after the correction, which is later than EXPORT_AT)
        const again = await run(store, s.ente, s.sys, (session) => session.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione' }));
        expect(again.skipped.map((i) => i.message)).toEqual([]);
        expect(again.exported).toBe(1);
        const [resent] = await flows(store, s, last);
        expect(resent?.idFlusso).not.toBe(entry.idFlusso);
        expect(resent?.tsFlusso).toBeGreaterThan(last);
        expect(validateFlow(resent?.xml ?? '', { mode: 'cooperazione' }).errors).toEqual([]);
        expect((await erogazione(store, s, entry.id)).status).toBe('esportata');
        must(await store.verifyAudit({ ente: s.ente }));
      });

      it('siussFlows with markFetched: generato → inviato once (audited), ts_flusso unchanged; a plain read changes nothing', async () => {
        const before = await stamps(store, s.ente);
        const plain = await flows(store, s);
        expect(plain.filter((f) => f.status === 'generato').length).toBeGreaterThan(0);
        expect(await stamps(store, s.ente)).toEqual(before);
        const pulled = await run(store, s.ente, s.sys, (session) => session.siussFlows({ since: 0, limit: 100, markFetched: true }));
        expect(pulled.filter((f) => f.status === 'generato')).toEqual([]);
        const after = await stamps(store, s.ente);
        expect(after.map((f) => f.ts)).toEqual(before.map((f) => f.ts));
        const moved = plain.filter((f) => f.status === 'generato').map((f) => f.idFlusso);
        for (const f of after) expect(f.version, f.nome).toBe((before.find((b) => b.nome === f.nome)?.version ?? 0) + (moved.includes(f.nome) ? 1 : 0));
        // Pulled again: nothing moves.
        await run(store, s.ente, s.sys, (session) => session.siussFlows({ since: 0, limit: 100, markFetched: true }));
        expect(await stamps(store, s.ente)).toEqual(after);
        // An inviato flow takes its esito like a generato one.
        const sent = pulled.find((f) => moved.includes(f.idFlusso));
        expect(await esito(store, s, { idFlusso: sent?.idFlusso as string, codice: 'OK', idAcquisizione: 'ACQ-7' })).toBe('recorded');
        must(await store.verifyAudit({ ente: s.ente }));
      });
    });

    it('file mode: flows of at most maxPerFlow erogazioni, each valid', async () => {
      const s = await seedEnte(store, 'E002');
      const ids = await addErogazioni(store, s, 5);
      const report = await exportPs(store, s, 'file', 2);
      expect(report.skipped).toEqual([]);
      expect(report.exported).toBe(5);
      expect(report.flows.map((f) => f.erogazioni)).toEqual([2, 2, 1]);
      const stored = await flows(store, s);
      expect(stored).toHaveLength(3);
      expectStrictlyIncreasing(stored.map((f) => f.tsFlusso));
      for (const f of stored) {
        expect(f.modalita).toBe('file');
        const v = validateFlow(f.xml);
        expect(v.errors, f.idFlusso).toEqual([]);
      }
      for (const id of ids) expect((await erogazione(store, s, id)).status).toBe('esportata');
      expect(await exportPs(store, s, 'file', 2)).toEqual({ flows: [], exported: 0, skipped: [] });
    });

    it('an erogazione toSiussFlow refuses (person without residence) is skipped and stays validata; the others export', async () => {
      const s = await seedEnte(store, 'E003');
      const [good] = await addErogazioni(store, s, 1);
      const other = await addCase(store, s, { residenza: false });
      const [bad] = await addErogazioni(store, other, 1);
      const report = await exportPs(store, s, 'cooperazione');
      expect(report.exported).toBe(1);
      expect(report.flows).toHaveLength(1);
      expect(report.skipped.map((i) => i.code)).toContain('csi.siuss.residenza_missing');
      expect(report.skipped.every((i) => i.code.startsWith('csi.siuss.'))).toBe(true);
      expect((await erogazione(store, s, good as string)).status).toBe('esportata');
      expect(await rowState(store, s.ente, 'erogazione', bad as string)).toMatchObject({ status: 'validata', version: 2 });
      // In file mode too: the group fails, each record is retried alone, the good ones go.
      const more = await addErogazioni(store, s, 2);
      const file = await exportPs(store, s, 'file');
      expect(file.exported).toBe(2);
      expect(file.skipped.map((i) => i.code)).toContain('csi.siuss.residenza_missing');
      for (const id of more) expect((await erogazione(store, s, id)).status).toBe('esportata');
      expect(await rowState(store, s.ente, 'erogazione', bad as string)).toMatchObject({ status: 'validata', version: 2 });
      const stored = await flows(store, s);
      expect(stored).toHaveLength(3);
      for (const f of stored) expect(validateFlow(f.xml).errors).toEqual([]);
      must(await store.verifyAudit({ ente: s.ente }));
    });

    describe('SINBA (pseudonymous)', () => {
      it('cooperazione: one flow for the minor, valid for siuss-schema, with the pseudonym and nothing that identifies her; a second run exports nothing', async () => {
        const s = await seedEnte(store, 'E020');
        const minore = await addMinore(store, s);
        const report = await exportSinba(store, s, 'cooperazione');
        expect(report.skipped).toEqual([]);
        expect(report.exported).toBe(1);
        expect(report.flows).toHaveLength(1);
        expect(report.flows[0]).toMatchObject({ erogazioni: 0, valutazioni: 1 });
        expect(report.flows[0]?.idFlusso).toMatch(/^E020\.SINBA\.20251101\.\d+$/);
        const stored = await flows(store, s);
        expect(stored).toHaveLength(1);
        const f = stored[0] as StoredFlow;
        expect(f).toMatchObject({ ente: s.ente, idFlusso: report.flows[0]?.idFlusso, tipo: 'SINBA', modalita: 'cooperazione', status: 'generato' });
        expect(f.hashPayload).toBe(createHash('sha256').update(f.xml).digest('hex'));
        const v = validateFlow(f.xml, { mode: 'cooperazione' });
        expect(v.errors).toEqual([]);
        expect(v.records).toBe(1);
        expect(f.xml).toContain(`IDBeneficiario="${pseudonymOf(CF_MINORI.sofia)}"`);
        expect(f.xml).toContain('AnnoNascita="2013"');
        expect(f.xml).toContain('A2.02');
        for (const x of [SOFIA.codiceFiscale, SOFIA.codiceFiscale.slice(0, 11), SOFIA.cognome, SOFIA.nome, SOFIA.dataNascita, 'Via dei Giardini']) expect(f.xml).not.toContain(x);
        // The flow record carries the assessment; the adult's SINA assessment is not SINBA's business.
        const carried = await asOwner(store, s.ente, (tx) => tx.query<{ valutazioni: string[]; erogazioni: string[] }>("SELECT data->'valutazioni' AS valutazioni, data->'erogazioni' AS erogazioni FROM flusso_siuss WHERE ente = $1", [s.ente]));
        expect(carried.rows).toEqual([{ valutazioni: [minore.valutazione], erogazioni: [] }]);
        expect(await exportSinba(store, s, 'cooperazione')).toEqual({ flows: [], exported: 0, skipped: [] });
        expect(await exportSinba(store, s, 'file')).toEqual({ flows: [], exported: 0, skipped: [] });
        must(await store.verifyAudit({ ente: s.ente }));
      });

      it('without pseudonymKey, or with a short one, store.invalid and nothing exported', async () => {
        const s = await seedEnte(store, 'E021');
        await addMinore(store, s);
        for (const pseudonymKey of [undefined, randomBytes(16), 'short', 42]) {
          const r = await store.withSession({ ente: s.ente, actor: s.sys }, (session) =>
            session.exportSiuss({ kind: 'SINBA', upTo: '2025-12-31' as never, mode: 'cooperazione', at: EXPORT_AT, ...(pseudonymKey === undefined ? {} : { pseudonymKey: pseudonymKey as never }) }),
          );
          expect(codes(r), String(pseudonymKey)).toEqual(['store.invalid']);
          if (!r.ok) {
            expect(r.issues[0].message).toMatch(/pseudonymKey/);
            expect(r.issues[0].messageEn).toMatch(/pseudonymKey/);
          }
        }
        expect(await flows(store, s)).toEqual([]);
      });

      it('file: the minors in one flow, a record without prestazioni skipped (it stays in the queue); a rejected flow gives its assessments back', async () => {
        const s = await seedEnte(store, 'E022');
        const a = await addMinore(store, s);
        const b = await addMinore(store, s, { persona: { codiceFiscale: CF_MINORI.luca, cognome: 'Greco', nome: 'Luca', sesso: '1', dataNascita: '2016-07-21' } });
        const other = await addMinore(store, s, { persona: { codiceFiscale: 'RSSGLI14A41A944V', cognome: 'Rossi', nome: 'Giulia', sesso: '2', dataNascita: '2014-01-01' }, intervento: false });
        const report = await exportSinba(store, s, 'file');
        expect(report.exported).toBe(2);
        expect(report.flows).toHaveLength(1);
        expect(report.flows[0]).toMatchObject({ erogazioni: 0, valutazioni: 2 });
        expect(report.skipped.map((i) => [i.code, i.params.valutazione])).toEqual([['csi.siuss.sinba_no_prestazioni', other.valutazione]]);
        const [f] = await flows(store, s);
        expect(f).toMatchObject({ tipo: 'SINBA', modalita: 'file' });
        expect(validateFlow(f?.xml ?? '').errors).toEqual([]);
        for (const cf of [CF_MINORI.sofia, CF_MINORI.luca]) expect(f?.xml).toContain(`IDBeneficiario="${pseudonymOf(cf)}"`);
        // Again: the refused one is tried again (and refused again), nothing else.
        const again = await exportSinba(store, s, 'file');
        expect(again.exported).toBe(0);
        expect(again.skipped.map((i) => i.code)).toEqual(['csi.siuss.sinba_no_prestazioni']);
        // INPS rejects the flow: its two assessments go back to the queue, into a new flow.
        expect(await esito(store, s, { idFlusso: f?.idFlusso ?? '', codice: 'RICHIESTA_INVALIDA', descrizione: 'Prova' })).toBe('recorded');
        const retry = await exportSinba(store, s, 'cooperazione');
        expect(retry.exported).toBe(2);
        expect(retry.flows).toHaveLength(2);
        const ids = await asOwner(store, s.ente, (tx) => tx.query<{ v: string }>("SELECT jsonb_array_elements_text(data->'valutazioni') AS v FROM flusso_siuss WHERE ente = $1 AND status = 'generato'", [s.ente]));
        expect(ids.rows.map((x) => x.v).sort()).toEqual([a.valutazione, b.valutazione].sort());
        expect((await flows(store, s)).map((x) => x.idFlusso)).toEqual([f?.idFlusso, ...retry.flows.map((x) => x.idFlusso)]);
        must(await store.verifyAudit({ ente: s.ente }));
      });
    });
  });
}

const server = TARGETS.find((x) => x.name === 'postgres');

describe.skipIf(!server?.available)('SIUSS export ordering on a PostgreSQL server', () => {
  it('ts_flusso is allocated at commit: a flow exported early but committed late gets the later stamp; a concurrent export waits and exports nothing twice', async () => {
    let now = Date.parse('2025-11-01T02:00:00Z');
    const store = await (server as NonNullable<typeof server>).open({ clock: () => new Date(now) });
    const s = await seedEnte(store, 'E010');
    await addErogazioni(store, s, 2);
    const exportedAt = now;

    let releaseA!: () => void;
    const holdA = new Promise<void>((r) => (releaseA = r));
    let exportedA!: () => void;
    const aExported = new Promise<void>((r) => (exportedA = r));
    const a = store.withSession({ ente: s.ente, actor: s.sys }, async (session) => {
      const r = await session.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione', at: EXPORT_AT });
      exportedA();
      await holdA; // A stays open: its flows exist but are not committed
      return r;
    });
    await aExported;
    expect(await flows(store, s)).toEqual([]); // nothing visible before A commits

    // Meanwhile a new erogazione is recorded and committed, and B starts its own export.
    const [late] = await addErogazioni(store, s, 1);
    now += 60_000;
    let bDone = false;
    const b = store
      .withSession({ ente: s.ente, actor: s.sys }, (session) => session.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione', at: EXPORT_AT }))
      .finally(() => (bDone = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(bDone).toBe(false); // one export per Ente at a time: B waits for A

    now += 60_000;
    const commitA = now;
    releaseA();
    const ra = must(await a);
    const rb = must(await b);
    expect(ra.exported).toBe(2);
    expect(rb.exported).toBe(1); // only the new one: A's two are esportata when B reads the queue

    const listed = await flows(store, s);
    expect(listed).toHaveLength(3);
    const aTs = listed.filter((f) => ra.flows.some((x) => x.id === f.id)).map((f) => f.tsFlusso);
    const bTs = listed.filter((f) => rb.flows.some((x) => x.id === f.id)).map((f) => f.tsFlusso);
    // Stamped when A committed, not when it exported.
    expect(Math.min(...aTs)).toBeGreaterThanOrEqual(commitA);
    expect(Math.min(...aTs)).toBeGreaterThan(exportedAt);
    expect(Math.min(...bTs)).toBeGreaterThan(Math.max(...aTs));
    expectStrictlyIncreasing(listed.map((f) => f.tsFlusso));
    const carrier = (await erogazione(store, s, late as string)).esportazione?.flusso;
    expect(rb.flows.map((f) => f.id)).toEqual([carrier]);
    // A client that read up to A's last stamp gets B's flow next, and nothing of A again.
    expect((await flows(store, s, Math.max(...aTs))).map((f) => f.id)).toEqual(rb.flows.map((f) => f.id));
  });

  it('a clock returning the same millisecond for every call still yields unique, increasing stamps (also under concurrent exports)', async () => {
    const FIXED = Date.parse('2025-11-01T02:00:00Z');
    const store = await (server as NonNullable<typeof server>).open({ clock: () => new Date(FIXED) });
    const s = await seedEnte(store, 'E011');
    await addErogazioni(store, s, 3);
    expect((await exportPs(store, s, 'cooperazione')).exported).toBe(3);
    await addErogazioni(store, s, 2);
    expect((await exportPs(store, s, 'cooperazione')).exported).toBe(2);
    // Four sessions at once, each with something to export when its turn comes.
    await addErogazioni(store, s, 4);
    const reports = await Promise.all(Array.from({ length: 4 }, () => exportPs(store, s, 'cooperazione')));
    expect(reports.reduce((n, r) => n + r.exported, 0)).toBe(4);
    const listed = await flows(store, s);
    expect(listed).toHaveLength(9);
    expect(listed.map((f) => f.tsFlusso)).toEqual(Array.from({ length: 9 }, (_, i) => FIXED + i));
    expect(new Set(listed.map((f) => f.idFlusso)).size).toBe(9);
    must(await store.verifyAudit({ ente: s.ente }));
  });

  it('recordEsiti: concurrent batches naming the same flows in opposite orders never deadlock; each esito is applied once', async () => {
    const store = await (server as NonNullable<typeof server>).open();
    const s = await seedEnte(store, 'E012');
    await addErogazioni(store, s, 6);
    expect((await exportPs(store, s, 'cooperazione')).exported).toBe(6);
    const listed = await flows(store, s);
    const batch: EsitoInput[] = listed.map((f, i) => (i % 2 === 0 ? { idFlusso: f.idFlusso, codice: 'OK', idAcquisizione: `ACQ-${i}` } : { idFlusso: f.idFlusso, codice: 'DATI_NON_TROVATI', descrizione: 'Beneficiario non trovato' }));
    const reversed = [...batch].reverse();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.withSession({ ente: s.ente, actor: s.sys }, (session) => session.recordEsiti(i % 2 === 0 ? batch : reversed))),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.issues[0].code))).toEqual(Array(8).fill('ok'));
    const outcomes = results.flatMap((r) => (r.ok ? [...r.value] : []));
    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(6);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(6 * 7);
    const after = await flows(store, s);
    expect(after.map((f) => f.status).sort()).toEqual(['accettato', 'accettato', 'accettato', 'scartato', 'scartato', 'scartato']);
    // A bad item refuses the whole batch: nothing of it is written.
    const bad = await store.withSession({ ente: s.ente, actor: s.sys }, (session) => session.recordEsiti([{ idFlusso: 'x', codice: 'OK' }, { idFlusso: 'y', codice: 'KO' as never }]));
    expect(codes(bad)).toEqual(['store.invalid']);
    must(await store.verifyAudit({ ente: s.ente }));
  });
});
