// SPDX-License-Identifier: BSD-3-Clause
/**
 * The loop cartella → SIUSS flow → INPS → esito → cartella on a REAL csi-store (PGlite and the
 * PostgreSQL server), over real HTTP (serveWaas on 127.0.0.1) with real PDND test vouchers; every
 * response validated against the INPS OpenAPI. The simulated INPS pulls every page; the esiti land on
 * the records, idempotently and audited; a corrected erogazione goes out again in a new flow. On the
 * server: the cursor is safe against transactions committing out of order and flows committed after
 * INPS pulled. Two Comuni (an Ambito) on one store: each endpoint serves only its own flows.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWaasEntry } from '@riuso-sociale/siuss-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@riuso-sociale/csi-store';
import { addErogazioni, asOwner, must, run } from '../../csi-store/test/support/fixture.js';
import { closeAll, TARGETS } from '../../csi-store/test/support/targets.js';
import { serveWaas } from '../src/node.js';
import { simulateInps, type InpsSimulationReport } from '../src/testing/index.js';
import { expectConformant } from './support/openapi.js';
import {
  bearer, call, checkedFetch, closeServer, erogazioneRows, esitoFor, EXPORT_AT, exportCooperazione, flowRows, openStoreEndpoint, snapshot, type StoreEndpoint,
} from './support/store-endpoint.js';

afterAll(closeAll);

const EMPTY = '{"elenco_flussi":[]}';

function tsOf(report: InpsSimulationReport): number[] {
  return report.flows.map((f) => Date.parse(f.entry.ts_flusso));
}

function expectStrictlyIncreasing(values: readonly number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] as number);
}

/** Pulls with the simulated INPS, every response checked against the OpenAPI; esiti not posted unless asked. */
async function pull(ep: StoreEndpoint, options: { since?: number; limit?: number; postEsiti?: boolean } = {}): Promise<InpsSimulationReport & { checked: number }> {
  const send = checkedFetch();
  const report = await simulateInps({ baseUrl: ep.baseUrl, fetch: send, voucher: () => ep.voucher(), limit: options.limit ?? 100, since: options.since ?? 0, postEsiti: options.postEsiti ?? false });
  return { ...report, checked: send.checked.count };
}

/** The audit events of an Ente after `seq`, as the owner. */
async function auditAfter(store: Store, ente: string, seq: number): Promise<{ action: string; entityKind: string; entityId: string; outcome: string; reason: string | null; event: string | null }[]> {
  const r = await asOwner(store, ente, (tx) =>
    tx.query<{ action: string; entity_kind: string; entity_id: string; outcome: string; reason: string | null; ev: string | null }>(
      "SELECT action, entity_kind, entity_id, outcome, event->>'reason' AS reason, event->'transition'->>'event' AS ev FROM audit_event WHERE ente = $1 AND seq > $2 ORDER BY seq",
      [ente, seq],
    ),
  );
  return r.rows.map((x) => ({ action: x.action, entityKind: x.entity_kind, entityId: x.entity_id, outcome: x.outcome, reason: x.reason, event: x.ev }));
}

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`WaaS endpoint on csi-store (${target.name}), over HTTP`, () => {
    /** One store for the loop and the Ambito (different Enti); the cursor tests open their own (fixed clock). */
    let store: Store;
    beforeAll(async () => {
      store = await target.open();
    }, 60_000);

    describe('the loop: flows out, esiti back, a correction out again', () => {
      let ep: StoreEndpoint;
      let first: Awaited<ReturnType<typeof pull>>;
      let cursor: number;

      beforeAll(async () => {
        ep = await openStoreEndpoint(target, { store, ente: 'A944', denominazione: 'Comune di Bologna', erogazioni: 5 });
      }, 60_000);
      afterAll(() => ep?.close());

      it('INPS pulls every page (limit 2, 5 flows) from since=0: each flow decodes and validates, no repeated or out-of-order ts_flusso; the flows are inviato, ts_flusso unchanged; a second pull is empty', async () => {
        expect(ep.exported.flows).toHaveLength(5);
        const before = await flowRows(ep.store, ep.seeded.ente);
        expect(before.map((f) => f.status)).toEqual(Array(5).fill('generato'));
        first = await pull(ep, { limit: 2 });
        expect(first.errors).toEqual([]);
        expect(first.pages).toBe(4); // 2 + 2 + 1 + the empty page
        expect(first.checked).toBe(4);
        expect(first.flows).toHaveLength(5);
        for (const f of first.flows) {
          expect(f.flow, f.entry.id_flusso).toBeDefined();
          expect(f.issues.filter((i) => i.severity === 'error')).toEqual([]);
          expect(f.entry).toMatchObject({ codice_ente: 'A944', denominazione_ente: 'Comune di Bologna', tipo: 'PS_PSA_SINA' });
          const decoded = decodeWaasEntry(f.entry);
          expect(decoded.ok).toBe(true);
        }
        const ts = tsOf(first);
        expectStrictlyIncreasing(ts);
        expect(first.flows.map((f) => f.entry.id_flusso)).toEqual(before.map((f) => f.nome));
        expect(ts).toEqual(before.map((f) => f.ts));
        expect(first.since).toBe(ts.at(-1));
        cursor = first.since;

        const after = await flowRows(ep.store, ep.seeded.ente);
        expect(after.map((f) => f.status)).toEqual(Array(5).fill('inviato'));
        expect(after.map((f) => f.ts)).toEqual(before.map((f) => f.ts));
        expect(after.map((f) => f.version)).toEqual(before.map((f) => f.version + 1));

        // The next poll from the final cursor: exactly the empty list.
        const response = await fetch(`${ep.baseUrl}/flussi?since=${cursor}&limit=2`, { headers: bearer(await ep.voucher()) });
        expect(response.status).toBe(200);
        expect(await response.clone().text()).toBe(EMPTY);
        expect(await expectConformant(response, 'Flussi')).toEqual({ elenco_flussi: [] });
        expect(await flowRows(ep.store, ep.seeded.ente)).toEqual(after);
      });

      it('esiti: OK → accettato / acquisita, RICHIESTA_INVALIDA → scartato / da-correggere in the correction queue; redelivery changes nothing (duplicate); unknown id_flusso 204 and logged; codice_siuss accepted; all audited', async () => {
        const flows = await flowRows(ep.store, ep.seeded.ente);
        const [okFlow, koFlow, aliasFlow] = flows as [(typeof flows)[number], (typeof flows)[number], (typeof flows)[number]];
        const head0 = (await snapshot(ep.store, ep.seeded.ente)).head.seq;
        const body = JSON.stringify({
          elenco_esiti: [
            esitoFor(okFlow, 'OK', { id_acquisizione_siuss: 'ACQ-0001' }),
            esitoFor(koFlow, 'RICHIESTA_INVALIDA', { descrizione_esito: 'Codice prestazione non ammesso in cooperazione' }),
          ],
        });
        const token = await ep.voucher();
        const posted = await call(`${ep.baseUrl}/esiti`, { method: 'POST', headers: bearer(token, true), body });
        expect(posted.status).toBe(204);

        const rows = await flowRows(ep.store, ep.seeded.ente);
        const ok = rows.find((f) => f.nome === okFlow.nome);
        const ko = rows.find((f) => f.nome === koFlow.nome);
        expect(ok).toMatchObject({ status: 'accettato', esitoCodice: 'OK', esitoIdAcquisizione: 'ACQ-0001', ts: okFlow.ts, version: okFlow.version + 1 });
        expect(ko).toMatchObject({ status: 'scartato', esitoCodice: 'RICHIESTA_INVALIDA', esitoDescrizione: 'Codice prestazione non ammesso in cooperazione', ts: koFlow.ts });
        const erogazioni = await erogazioneRows(ep.store, ep.seeded.ente);
        const acquired = erogazioni.find((e) => e.flusso === okFlow.id);
        expect(acquired).toMatchObject({ status: 'acquisita', data: { esportazione: { idAcquisizione: 'ACQ-0001' } } });
        const rejected = erogazioni.find((e) => (e.data.scarto as { flusso?: string } | undefined)?.flusso === koFlow.id);
        expect(rejected).toMatchObject({ status: 'da-correggere', data: { scarto: { codice: 'RICHIESTA_INVALIDA', descrizione: 'Codice prestazione non ammesso in cooperazione' } } });
        const queue = await run(ep.store, ep.seeded.ente, ep.seeded.as, (s) => s.siussCorrections());
        expect(queue).toEqual([expect.objectContaining({ kind: 'erogazione', id: rejected?.id, idFlusso: koFlow.nome, codice: 'RICHIESTA_INVALIDA', descrizione: 'Codice prestazione non ammesso in cooperazione' })]);

        // The same body again (INPS redelivers): 204 and nothing changes but the audit trail.
        const stable = await snapshot(ep.store, ep.seeded.ente);
        const logStart = ep.logs.length;
        const again = await call(`${ep.baseUrl}/esiti`, { method: 'POST', headers: bearer(token, true), body });
        expect(again.status).toBe(204);
        const redelivered = await snapshot(ep.store, ep.seeded.ente);
        expect(redelivered.flows).toEqual(stable.flows);
        expect(redelivered.erogazioni).toEqual(stable.erogazioni);
        expect(redelivered.head.seq).toBe(stable.head.seq + 2);
        const outcomes = ep.logs.slice(logStart).filter((l) => l.event === 'esito');
        expect(outcomes.map((l) => [l.id_flusso, l.outcome])).toEqual([[okFlow.nome, 'duplicate'], [koFlow.nome, 'duplicate']]);
        expect(ep.logs.slice(logStart).find((l) => l.event === 'esiti')).toMatchObject({ received: 2, recorded: 0, duplicate: 2 });

        // An esito for a flow this Ente never had: 204, logged for operators, nothing changed.
        const unknown = { ...esitoFor(okFlow, 'OK', { id_acquisizione_siuss: 'ACQ-9' }), id_flusso: 'A944.PS.20251101.9999999' };
        const logUnknown = ep.logs.length;
        const u = await call(`${ep.baseUrl}/esiti`, { method: 'POST', headers: bearer(token, true), body: JSON.stringify({ elenco_esiti: [unknown] }) });
        expect(u.status).toBe(204);
        expect(ep.logs.slice(logUnknown).filter((l) => l.event === 'esito')).toEqual([
          expect.objectContaining({ level: 'warn', outcome: 'unknown-flow', id_flusso: 'A944.PS.20251101.9999999', codice: 'OK' }),
        ]);
        const afterUnknown = await snapshot(ep.store, ep.seeded.ente);
        expect(afterUnknown.flows).toEqual(stable.flows);
        expect(afterUnknown.erogazioni).toEqual(stable.erogazioni);

        // The spec example's alias codice_siuss for id_acquisizione_siuss.
        const alias = await call(`${ep.baseUrl}/esiti`, { method: 'POST', headers: bearer(token, true), body: JSON.stringify({ elenco_esiti: [esitoFor(aliasFlow, 'OK', { codice_siuss: 'ACQ-ALIAS-7' })] }) });
        expect(alias.status).toBe(204);
        expect((await flowRows(ep.store, ep.seeded.ente)).find((f) => f.nome === aliasFlow.nome)).toMatchObject({ status: 'accettato', esitoIdAcquisizione: 'ACQ-ALIAS-7' });
        expect((await erogazioneRows(ep.store, ep.seeded.ente)).find((e) => e.flusso === aliasFlow.id)).toMatchObject({ status: 'acquisita', data: { esportazione: { idAcquisizione: 'ACQ-ALIAS-7' } } });

        // Every esito in the Ente's audit chain: 2 recorded (flow + erogazione each), 2 duplicates, 1 unknown flow, 1 alias recorded.
        const events = await auditAfter(ep.store, ep.seeded.ente, head0);
        const onFlows = events.filter((e) => e.entityKind === 'flusso-siuss');
        expect(onFlows.map((e) => [e.entityId, e.outcome, e.event, e.reason?.split(': ').at(-1) ?? null])).toEqual([
          [okFlow.id, 'success', 'accetta', null],
          [koFlow.id, 'success', 'scarta', 'Codice prestazione non ammesso in cooperazione'],
          [okFlow.id, 'denied', 'accetta', 'duplicate'],
          [koFlow.id, 'denied', 'scarta', 'duplicate'],
          ['A944.PS.20251101.9999999', 'denied', null, 'unknown-flow'],
          [aliasFlow.id, 'success', 'accetta', null],
        ]);
        const onErogazioni = events.filter((e) => e.entityKind === 'erogazione' && e.action === 'transition');
        expect(onErogazioni.map((e) => [e.entityId, e.event])).toEqual([
          [acquired?.id, 'acquisisci'],
          [rejected?.id, 'respingi'],
          [(await erogazioneRows(ep.store, ep.seeded.ente)).find((e) => e.flusso === aliasFlow.id)?.id, 'acquisisci'],
        ]);
        must(await ep.store.verifyAudit({ ente: ep.seeded.ente }));
      });

      it('the corrected erogazione goes out again in a NEW flow with a larger ts_flusso, which INPS pulls from its cursor', async () => {
        const [entry] = await run(ep.store, ep.seeded.ente, ep.seeded.as, (s) => s.siussCorrections());
        expect(entry).toBeDefined();
        if (entry === undefined) return;
        const fixed = await run(ep.store, ep.seeded.ente, ep.seeded.as, (s) => s.transition('erogazione', entry.id, 'correggi', { expectedVersion: entry.version, data: { importoCents: 9_900 } }));
        expect(fixed.status).toBe('validata');
        const again = await exportCooperazione(ep.store, ep.seeded, '2025-12-31', null);
        expect(again.exported).toBe(1);
        const [resent] = again.flows;
        expect(resent?.idFlusso).not.toBe(entry.idFlusso);

        const report = await pull(ep, { since: cursor, limit: 2, postEsiti: true });
        expect(report.errors).toEqual([]);
        expect(report.flows.map((f) => f.entry.id_flusso)).toEqual([resent?.idFlusso]);
        expect(report.flows[0]?.flow).toBeDefined();
        expect(tsOf(report)[0]).toBeGreaterThan(cursor);
        expect(report.esitiPosted).toBe(1); // the simulator's default: OK for a flow that decodes
        expect(report.since).toBeGreaterThan(cursor);
        expect((await erogazioneRows(ep.store, ep.seeded.ente)).find((e) => e.id === entry.id)).toMatchObject({ status: 'acquisita', flusso: resent?.id });
        expect(await run(ep.store, ep.seeded.ente, ep.seeded.as, (s) => s.siussCorrections())).toEqual([]);
        // Nothing older comes back: the whole history from 0 is the six flows, each once.
        const all = await pull(ep, { limit: 100 });
        expect(all.errors).toEqual([]);
        expect(all.flows.map((f) => f.entry.id_flusso)).toEqual([...first.flows.map((f) => f.entry.id_flusso), resent?.idFlusso]);
        must(await ep.store.verifyAudit({ ente: ep.seeded.ente }));
      });
    });

    describe('two Comuni of an Ambito on one store', () => {
      let a: StoreEndpoint;
      let b: StoreEndpoint;
      let ambito: Server;
      let ambitoUrl: string;

      beforeAll(async () => {
        a = await openStoreEndpoint(target, { store, ente: 'C573', denominazione: 'Comune di Casalecchio di Reno', erogazioni: 2, authority: { audience: 'https://ambito.example.invalid/waas/v1/C573' } });
        b = await openStoreEndpoint(target, { store, ente: 'G467', denominazione: 'Comune di Pianoro', erogazioni: 1, authority: { audience: 'https://ambito.example.invalid/waas/v1/G467' } });
        // One server for the Ambito, one handler per Comune by path.
        ambito = await serveWaas((request) => (new URL(request.url).pathname.startsWith(`${b.basePath}/`) ? b.handler(request) : a.handler(request)), { port: 0 });
        ambitoUrl = `http://127.0.0.1:${(ambito.address() as AddressInfo).port}`;
      }, 60_000);
      afterAll(async () => {
        await closeServer(ambito);
        await a?.close();
        await b?.close();
      });

      it("each handler serves only its own Comune's flows; a voucher-valid call on B's path never returns A's flows", async () => {
        const aNames = a.exported.flows.map((f) => f.idFlusso);
        const bNames = b.exported.flows.map((f) => f.idFlusso);
        expect(aNames).toHaveLength(2);
        expect(bNames).toHaveLength(1);
        for (const [ep, names, codice] of [[a, aNames, 'C573'], [b, bNames, 'G467']] as const) {
          const send = checkedFetch();
          const report = await simulateInps({ baseUrl: `${ambitoUrl}${ep.basePath}`, fetch: send, voucher: () => ep.voucher(), limit: 1, postEsiti: false });
          expect(report.errors).toEqual([]);
          expect(report.flows.map((f) => f.entry.id_flusso)).toEqual(names);
          for (const f of report.flows) {
            expect(f.entry.codice_ente).toBe(codice);
            expect(f.flow).toBeDefined();
          }
        }
        // B's path, B's valid voucher, every since: never one of A's flows; an esito for A's flow is unknown to B.
        for (const since of [0, 1]) {
          const r = await call(`${ambitoUrl}${b.basePath}/flussi?since=${since}&limit=100`, { headers: bearer(await b.voucher()) });
          expect(r.status).toBe(200);
          const ids = (r.body as { elenco_flussi: { id_flusso: string }[] }).elenco_flussi.map((e) => e.id_flusso);
          for (const name of aNames) expect(ids).not.toContain(name);
        }
        const aFlow = (await flowRows(a.store, 'C573'))[0];
        if (aFlow === undefined) throw new Error('no flow');
        const before = await snapshot(a.store, 'C573');
        const crossed = await call(`${ambitoUrl}${b.basePath}/esiti`, { method: 'POST', headers: bearer(await b.voucher(), true), body: JSON.stringify({ elenco_esiti: [esitoFor(aFlow, 'OK', { id_acquisizione_siuss: 'X' })] }) });
        expect(crossed.status).toBe(204);
        expect(b.logs.filter((l) => l.event === 'esito').map((l) => l.outcome)).toEqual(['unknown-flow']);
        expect(await snapshot(a.store, 'C573')).toEqual(before);
        // A's voucher (its audience) is refused on B's path, and the reverse.
        expect((await call(`${ambitoUrl}${b.basePath}/flussi?since=0`, { headers: bearer(await a.voucher()) })).status).toBe(401);
        expect((await call(`${ambitoUrl}${a.basePath}/flussi?since=0`, { headers: bearer(await b.voucher()) })).status).toBe(401);
        must(await a.store.verifyAudit({ ente: 'C573' }));
        must(await a.store.verifyAudit({ ente: 'G467' }));
      });
    });

    describe.skipIf(target.name !== 'postgres')('cursor safety on the server (a clock returning the same millisecond)', () => {
      const FIXED = Date.parse('2025-11-01T02:00:00Z');
      let ep: StoreEndpoint;

      beforeAll(async () => {
        ep = await openStoreEndpoint(target, { ente: 'H501', erogazioni: 0, exportFlows: false, open: { clock: () => new Date(FIXED) } });
      }, 60_000);
      afterAll(() => ep?.close());

      it('(a) two exports committing in the opposite order of their start: paged with limit 1, none skipped, none repeated', async () => {
        await addErogazioni(ep.store, ep.seeded, 1);
        // A starts first and keeps its transaction open; B starts later, exports the April one and commits.
        let startedA!: () => void;
        const aStarted = new Promise<void>((r) => (startedA = r));
        let releaseA!: () => void;
        const holdA = new Promise<void>((r) => (releaseA = r));
        const a = ep.store.withSession({ ente: ep.seeded.ente, actor: ep.seeded.sys }, async (s) => {
          must(await s.siussFlows({ since: 0, limit: 10 })); // A is under way
          startedA();
          await holdA;
          return s.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione', at: EXPORT_AT });
        });
        await aStarted;
        const b = await exportCooperazione(ep.store, ep.seeded, '2025-04-30');
        expect(b.exported).toBe(1);
        // INPS polls while A is still open: B's flow, then nothing.
        const early = await pull(ep, { limit: 1 });
        expect(early.errors).toEqual([]);
        expect(early.flows.map((f) => f.entry.id_flusso)).toEqual(b.flows.map((f) => f.idFlusso));
        // Another erogazione is committed meanwhile; A (READ COMMITTED) exports it and commits last.
        await addErogazioni(ep.store, ep.seeded, 1);
        releaseA();
        const ra = must(await a);
        expect(ra.exported).toBe(1);
        const rows = await flowRows(ep.store, ep.seeded.ente);
        expect(rows.map((f) => f.ts)).toEqual([FIXED, FIXED + 1]);
        expect(rows.map((f) => f.nome)).toEqual([b.flows[0]?.idFlusso, ra.flows[0]?.idFlusso]);
        // From INPS's cursor: A's flow, committed later with the same clock millisecond, comes next.
        const next = await pull(ep, { since: early.since, limit: 1 });
        expect(next.errors).toEqual([]);
        expect(next.flows.map((f) => f.entry.id_flusso)).toEqual(ra.flows.map((f) => f.idFlusso));
        // And from 0, page by page: both, once each, in commit order.
        const all = await pull(ep, { limit: 1 });
        expect(all.errors).toEqual([]);
        expect(all.pages).toBe(3);
        expect(all.flows.map((f) => f.entry.id_flusso)).toEqual(rows.map((f) => f.nome));
        expect(tsOf(all)).toEqual([FIXED, FIXED + 1]);
      });

      it('(b) a flow exported before INPS pulled but committed after: its ts_flusso is above the cursor, served on the next pull', async () => {
        await addErogazioni(ep.store, ep.seeded, 2);
        // A exports now and holds its transaction open.
        let exportedA!: () => void;
        const aExported = new Promise<void>((r) => (exportedA = r));
        let releaseA!: () => void;
        const holdA = new Promise<void>((r) => (releaseA = r));
        const a = ep.store.withSession({ ente: ep.seeded.ente, actor: ep.seeded.sys }, async (s) => {
          const r = await s.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione', at: EXPORT_AT });
          exportedA();
          await holdA;
          return r;
        });
        await aExported;
        // INPS pulls everything committed: up to the last ts, A's flows invisible.
        const before = await pull(ep, { limit: 1 });
        expect(before.errors).toEqual([]);
        const committed = await flowRows(ep.store, ep.seeded.ente);
        expect(before.flows.map((f) => f.entry.id_flusso)).toEqual(committed.map((f) => f.nome));
        const cursorTs = before.since;
        expect(cursorTs).toBe(Math.max(...committed.map((f) => f.ts)));
        releaseA();
        const ra = must(await a);
        expect(ra.exported).toBe(2);
        const next = await pull(ep, { since: cursorTs, limit: 1 });
        expect(next.errors).toEqual([]);
        expect(next.flows.map((f) => f.entry.id_flusso)).toEqual(ra.flows.map((f) => f.idFlusso));
        for (const ts of tsOf(next)) expect(ts).toBeGreaterThan(cursorTs);
        expect(next.pages).toBe(3);
        must(await ep.store.verifyAudit({ ente: ep.seeded.ente }));
      });
    });
  });
}
