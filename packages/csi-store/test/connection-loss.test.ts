// SPDX-License-Identifier: BSD-3-Clause
/**
 * A PostgreSQL connection that dies in the middle of a session (the backend terminated by an
 * administrator, a restart, a network reset): the session answers `store.unavailable` — transient,
 * retry later — and nothing of it is written; the process survives (no unhandled 'error' event of the
 * checked-out client) and the next session works on a fresh connection. Server only.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { fail, ok } from '@riuso-sociale/core';
import { closeAll, PG_URL, TARGETS } from './support/targets.js';
import { must, seedEnte } from './support/fixture.js';

afterAll(closeAll);

const server = TARGETS.find((t) => t.name === 'postgres');

describe.skipIf(server === undefined || !server.available)('a connection lost during a session (PostgreSQL)', () => {
  it('backend terminated between two statements, or under one: store.unavailable, nothing written, the next session works', async () => {
    const store = await (server as NonNullable<typeof server>).open();
    const seeded = await seedEnte(store, 'C001');
    const admin = new pg.Client({ connectionString: (store as { url?: string }).url ?? PG_URL });
    await admin.connect();
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => {
      uncaught.push(e);
    };
    process.on('uncaughtException', onUncaught);
    try {
      for (const when of ['between', 'under'] as const) {
        const before = must(await store.auditHead({ ente: 'C001' }));
        const r = await store.withSession({ ente: 'C001', actor: seeded.rs }, async (s) => {
          const created = await s.create('servizio', { tipo: 'ufficio', denominazione: `Ufficio ${when}`, areeUtenza: [], attivo: true } as never);
          if (!created.ok) return created;
          const pid = (await s.sql<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
          if (when === 'between') {
            await admin.query('SELECT pg_terminate_backend($1)', [pid]);
            await new Promise((resolve) => setTimeout(resolve, 300));
            await s.sql('SELECT 1');
          } else {
            await Promise.all([s.sql('SELECT pg_sleep(2)'), new Promise((resolve) => setTimeout(resolve, 200)).then(() => admin.query('SELECT pg_terminate_backend($1)', [pid]))]);
          }
          return ok(true);
        }).catch((e: unknown) => fail([{ code: `thrown: ${e instanceof Error ? e.message : String(e)}` } as never]));
        expect(r.ok, when).toBe(false);
        if (!r.ok) expect(r.issues[0].code, when).toBe('store.unavailable');
        expect(must(await store.auditHead({ ente: 'C001' })), when).toEqual(before);
        const names = must(await store.withSession({ ente: 'C001', actor: seeded.rs }, (s) => s.list('servizio'))).map((x) => (x as { denominazione: string }).denominazione);
        expect(names, when).not.toContain(`Ufficio ${when}`);
      }
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
    }
  }, 60_000);
});
