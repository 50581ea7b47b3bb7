// SPDX-License-Identifier: BSD-3-Clause
/**
 * A process killed in the middle of a transaction (SIGKILL: no cleanup, no ROLLBACK sent) leaves no
 * trace on a PostgreSQL server: the child (support/kill-child.mjs) runs the statements of a transition
 * — the versioned UPDATE of the intervento, the INSERT of its audit event, the move of the head — and is
 * killed between two of them; PostgreSQL rolls the transaction back when the connection drops. The
 * row keeps its version, no audit event is added, the chain verifies and the next transition through
 * the store goes through. Server only: PGlite lives inside the process that would be killed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instant } from '@riuso-sociale/csi-model';
import type { Store } from '../src/index.js';
import { closeAll, TARGETS } from './support/targets.js';
import { auditRows, headOf, must, rowState, seedEnte, type Seeded } from './support/fixture.js';

const children: ChildProcessWithoutNullStreams[] = [];
afterAll(async () => {
  // A child left behind by a failed expectation: stop it (only ours, by their handles).
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await closeAll();
});

const CHILD = fileURLToPath(new URL('./support/kill-child.mjs', import.meta.url));
const server = TARGETS.find((t) => t.name === 'postgres');
const t = (s: string) => s as Instant;

/** The child and a way to wait for its next line. */
function startChild(args: readonly string[]): { child: ChildProcessWithoutNullStreams; line(): Promise<string>; send(): void; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    async line() {
      const { value, done } = await lines.next();
      if (done) throw new Error(`child ended early: ${stderr}`);
      return value as string;
    },
    send() {
      child.stdin.write('go\n');
    },
  };
}

/** Whether another connection can take the row lock of the intervento right now (NOWAIT). */
async function rowLocked(url: string, ente: string, id: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT 1 FROM intervento WHERE ente = $1 AND id = $2 FOR UPDATE NOWAIT', [ente, id]);
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === '55P03') return true;
    throw e;
  } finally {
    await c.query('ROLLBACK').catch(() => undefined);
    await c.end();
  }
}

/** Waits until the server has ended the backend of the killed connection (and so rolled back its transaction). */
async function backendGone(url: string, pid: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const r = await c.query<{ n: string }>('SELECT count(*)::text AS n FROM pg_stat_activity WHERE pid = $1', [pid]);
      if (r.rows[0]?.n === '0') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`backend ${pid} still alive after 10 s`);
  } finally {
    await c.end();
  }
}

describe.skipIf(!server?.available)('a process killed mid-transaction on a PostgreSQL server', () => {
  let store: Store & { readonly url?: string };
  let url: string;
  let s: Seeded;

  beforeAll(async () => {
    store = await (server as NonNullable<typeof server>).open();
    url = store.url as string;
    s = await seedEnte(store, 'K001');
  }, 120_000);

  /** Runs the child up to `killAfter`, kills it, and checks that nothing it did survived. */
  async function killAfter(step: 'update' | 'head', next: { event: 'sospendi' | 'riprendi'; at: string; childStatus: string; reason?: string }): Promise<void> {
    const before = await rowState(store, s.ente, 'intervento', s.intervento);
    if (before === undefined) throw new Error('no intervento');
    const head = await headOf(store, s.ente);
    const rows = await auditRows(store, s.ente);

    const c = startChild([url, s.ente, s.intervento, String(before.version), next.childStatus]);
    const ready = await c.line();
    expect(ready).toMatch(/^ready \d+$/);
    const pid = Number(ready.split(' ')[1]);
    for (const name of ['begin', 'update', 'audit', 'head']) {
      c.send();
      expect(await c.line()).toBe(`done ${name}`);
      if (name === step) break;
    }
    // The child holds the row: its UPDATE happened, uncommitted.
    expect(await rowLocked(url, s.ente, s.intervento)).toBe(true);
    expect(await rowState(store, s.ente, 'intervento', s.intervento)).toEqual(before);

    c.child.kill('SIGKILL');
    expect(await c.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await backendGone(url, pid);

    expect(await rowLocked(url, s.ente, s.intervento)).toBe(false);
    expect(await rowState(store, s.ente, 'intervento', s.intervento)).toEqual(before);
    expect(await headOf(store, s.ente)).toEqual(head);
    expect(await auditRows(store, s.ente)).toEqual(rows);
    expect(must(await store.verifyAudit({ ente: s.ente })).head).toEqual({ seq: head.seq, hash: head.hash });

    const done = must(
      await store.withSession({ ente: s.ente, actor: s.as }, (session) =>
        session.transition('intervento', s.intervento, next.event, { expectedVersion: before.version, at: t(next.at), ...(next.reason === undefined ? {} : { reason: next.reason }) }),
      ),
    );
    expect(done.version).toBe(before.version + 1);
    expect((await headOf(store, s.ente)).seq).toBe(head.seq + 1);
    must(await store.verifyAudit({ ente: s.ente }));
  }

  it('killed after the UPDATE of the intervento, before its audit event: nothing remains', async () => {
    await killAfter('update', { event: 'sospendi', at: '2025-06-01T09:00:00Z', childStatus: 'sospeso', reason: 'ricovero' });
  });

  it('killed after the audit INSERT and the move of the head, just before COMMIT: nothing remains', async () => {
    await killAfter('head', { event: 'riprendi', at: '2025-06-02T09:00:00Z', childStatus: 'in-erogazione' });
  });

  it('control: the same child left to COMMIT does change the row and the log (so the kills above are what undid it)', async () => {
    const other = await seedEnte(store, 'K002');
    const before = await rowState(store, other.ente, 'intervento', other.intervento);
    const head = await headOf(store, other.ente);
    const c = startChild([url, other.ente, other.intervento, String(before?.version), 'sospeso']);
    expect(await c.line()).toMatch(/^ready \d+$/);
    for (const name of ['begin', 'update', 'audit', 'head', 'commit']) {
      c.send();
      expect(await c.line()).toBe(`done ${name}`);
    }
    expect(await c.exited).toEqual({ code: 0, signal: null });
    expect(await rowState(store, other.ente, 'intervento', other.intervento)).toEqual({ version: (before?.version ?? 0) + 1, status: 'sospeso' });
    expect((await headOf(store, other.ente)).seq).toBe(head.seq + 1);
    // Its event is not signed with the store's key: the chain says so.
    const v = await store.verifyAudit({ ente: other.ente });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues[0]).toMatchObject({ code: 'csi.audit.unknown_key', params: { seq: head.seq + 1, keyId: 'kill-child' } });
  });
});
