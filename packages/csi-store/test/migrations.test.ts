// SPDX-License-Identifier: BSD-3-Clause
/**
 * The migrations and the checks `openStore` makes before it lets anyone in: every file applied once
 * (also by concurrent openers), an edited file refused, and a database where Row-Level Security could
 * be bypassed — the session role with BYPASSRLS or SUPERUSER, a table without FORCE ROW LEVEL
 * SECURITY, a table without RLS at all, a table owned by the session role — refused with
 * `store.config`, as is a persistent store without a proper audit key.
 *
 * Each target gets a database of this file's own, broken and repaired test after test. The role
 * riuso_csi is cluster-wide on the server: there its attributes are changed only inside a transaction
 * that is rolled back (the store checks them through a Pool bound to that transaction), so other test
 * files running at the same time never see a BYPASSRLS riuso_csi.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationFiles, openStore, SESSION_ROLE, StoreError, type OpenStoreOptions, type Store } from '../src/index.js';
import { freshDatabase, PG_URL, TEST_KEY } from './support/targets.js';
import { must } from './support/fixture.js';

/** A database of the test's own: open stores on it, run SQL on it as its owner, throw it away. */
interface Db {
  open(options?: OpenStoreOptions): Promise<Store>;
  /** The options that point at this database (no key). */
  readonly where: OpenStoreOptions;
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  /**
   * Runs `fn` with a connection inside a transaction that is rolled back at the end, and a store
   * option (`pool` or `pglite`) that makes `openStore` check the database through that connection.
   */
  inRolledBackTransaction(fn: (run: (sql: string) => Promise<void>, where: OpenStoreOptions) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

async function pgliteDb(): Promise<Db> {
  const db = await PGlite.create();
  const stores: Store[] = [];
  return {
    where: { pglite: db },
    async open(options = {}) {
      const s = await openStore({ pglite: db, auditKey: TEST_KEY, ...options });
      stores.push(s);
      return s;
    },
    async exec(sql) {
      await db.exec(sql);
    },
    async query<R>(sql: string, params: unknown[] = []) {
      return (await db.query<R>(sql, params)).rows;
    },
    async inRolledBackTransaction(fn) {
      // One connection: the store's checks run inside the open transaction.
      await db.exec('begin');
      try {
        // Not migrating: the migrations' own transactions would commit this one.
        await fn(async (sql) => void (await db.exec(sql)), { pglite: db, migrate: false });
      } finally {
        await db.exec('rollback');
      }
    },
    async close() {
      for (const s of stores) await s.close();
      await db.close();
    },
  };
}

async function serverDb(): Promise<Db> {
  const fresh = await freshDatabase();
  const admin = new pg.Client({ connectionString: fresh.url });
  await admin.connect();
  const stores: Store[] = [];
  return {
    where: { connectionString: fresh.url },
    async open(options = {}) {
      const s = await openStore({ connectionString: fresh.url, auditKey: TEST_KEY, maxConnections: 4, ...options });
      stores.push(s);
      return s;
    },
    async exec(sql) {
      await admin.query(sql);
    },
    async query<R>(sql: string, params: unknown[] = []) {
      return (await admin.query(sql, params)).rows as R[];
    },
    async inRolledBackTransaction(fn) {
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      // Only `query` is used when the store does not migrate: every check runs on this one connection.
      const pool = {
        query: (text: string, params?: unknown[]) => client.query(text, params),
        connect: () => Promise.reject(new Error('this test pool runs no transactions')),
        end: () => Promise.resolve(),
        on: () => pool,
      };
      await client.query('begin');
      try {
        await fn(async (sql) => void (await client.query(sql)), { pool: pool as never, migrate: false });
      } finally {
        await client.query('rollback');
        await client.end();
      }
    },
    async close() {
      for (const s of stores) await s.close();
      await admin.end();
      await fresh.drop();
    },
  };
}

const TARGETS = [
  { name: 'pglite', available: true, db: pgliteDb },
  { name: 'postgres', available: PG_URL !== undefined, db: serverDb },
] as const;

/** The StoreError `openStore` throws (fails the test when it opens). */
async function refused(opening: Promise<Store>): Promise<StoreError> {
  const e = await opening.then(
    async (s) => {
      await s.close();
      return new Error('openStore opened a store it should have refused');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

describe('the migration files', () => {
  it('are 0001… in order, consecutively numbered, with SHA-256 checksums of their text', () => {
    const files = migrationFiles();
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.slice(0, 4).map((f) => f.name)).toEqual(['0001_cartella.sql', '0002_audit.sql', '0003_siuss_queue.sql', '0004_security.sql']);
    files.forEach((f, i) => {
      expect(f.name.slice(0, 4)).toBe(String(i + 1).padStart(4, '0'));
      expect(f.name).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
      expect(f.checksum).toBe(createHash('sha256').update(f.sql).digest('hex'));
      expect(f.sql.startsWith('-- SPDX-License-Identifier: BSD-3-Clause')).toBe(true);
    });
    expect(new Set(files.map((f) => f.checksum)).size).toBe(files.length);
  });
});

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`migrations and open-time checks on ${target.name}`, () => {
    let db: Db;
    const names = migrationFiles().map((f) => f.name);

    beforeAll(async () => {
      db = await target.db();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it('opening applies every file once and records it with its checksum; opening again applies nothing', async () => {
      const first = await db.open();
      const recorded = await db.query<{ name: string; checksum: string }>('select name, checksum from riuso_migration order by name');
      expect(recorded).toEqual(migrationFiles().map((f) => ({ name: f.name, checksum: f.checksum })));
      expect(must(await first.migrate())).toEqual({ applied: [], alreadyApplied: names });
      const second = await db.open();
      expect(must(await second.migrate())).toEqual({ applied: [], alreadyApplied: names });
      expect(await db.query('select name from riuso_migration order by name')).toEqual(names.map((name) => ({ name })));
      // The stores work: the schema is there and the session role is set up.
      expect(must(await second.auditHead({ ente: 'A944' })).seq).toBe(0);
    });

    it('an edited migration is refused with store.migration, by migrate() and by openStore', async () => {
      const store = await db.open();
      const real = migrationFiles().find((f) => f.name === '0001_cartella.sql')?.checksum;
      await db.exec("update riuso_migration set checksum = 'x' where name = '0001_cartella.sql'");
      try {
        const r = await store.migrate();
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.issues.map((i) => i.code)).toEqual(['store.migration']);
          expect(r.issues[0]?.params.file).toBe('0001_cartella.sql');
          expect(r.issues[0]?.message).not.toBe(r.issues[0]?.messageEn);
        }
        expect((await refused(db.open())).code).toBe('store.migration');
      } finally {
        await db.exec(`update riuso_migration set checksum = '${real}' where name = '0001_cartella.sql'`);
      }
      // A later file edited: refused as well.
      const last = migrationFiles().at(-1) as { name: string; checksum: string };
      await db.exec(`update riuso_migration set checksum = upper(checksum) where name = '${last.name}'`);
      try {
        expect((await refused(db.open())).code).toBe('store.migration');
      } finally {
        await db.exec(`update riuso_migration set checksum = '${last.checksum}' where name = '${last.name}'`);
      }
      // The record of an applied file lost: re-applying it fails (the objects exist) and the store does not open.
      await db.exec("delete from riuso_migration where name = '0004_security.sql'");
      try {
        await expect(db.open()).rejects.toThrow();
      } finally {
        const f = migrationFiles().find((x) => x.name === '0004_security.sql') as { checksum: string };
        await db.exec(`insert into riuso_migration (name, checksum) values ('0004_security.sql', '${f.checksum}')`);
      }
      expect(must(await (await db.open()).migrate()).applied).toEqual([]);
    });

    it('a table without FORCE ROW LEVEL SECURITY, without RLS, new and unprotected, or owned by the session role: store.config', async () => {
      const breakages: [string, string, string][] = [
        ['alter table persona no force row level security', 'alter table persona force row level security', 'persona'],
        ['alter table audit_event disable row level security', 'alter table audit_event enable row level security', 'audit_event'],
        ['alter table siuss_clock no force row level security', 'alter table siuss_clock force row level security', 'siuss_clock'],
        ['create table public.vendor_notes (ente text, nota text)', 'drop table public.vendor_notes', 'vendor_notes'],
        [`alter table diario owner to ${SESSION_ROLE}`, 'alter table diario owner to current_user', 'diario'],
      ];
      for (const [breakIt, repair, table] of breakages) {
        await db.exec(breakIt);
        try {
          const e = await refused(db.open());
          expect(e.code, breakIt).toBe('store.config');
          expect(e.issues[0].params.table, breakIt).toBe(table);
          // Without migrating too (the check is not part of the migration).
          expect((await refused(db.open({ migrate: false }))).code, breakIt).toBe('store.config');
        } finally {
          await db.exec(repair);
        }
      }
      await db.open();
    });

    it('a persistent store without an audit key, or with a short or malformed one: store.config', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'riuso-store-'));
      try {
        const places: OpenStoreOptions[] = [db.where, ...(target.name === 'pglite' ? [{ dataDir: dir }] : [])];
        for (const where of places) {
          const bad: (OpenStoreOptions['auditKey'] | 'absent')[] = [
            'absent',
            { id: 'k', secret: new Uint8Array(16).fill(1) },
            { id: 'k', secret: new Uint8Array(31).fill(1) },
            { id: '', secret: new Uint8Array(32).fill(1) },
            { id: 'k 1', secret: new Uint8Array(32).fill(1) },
            { id: 'k'.repeat(65), secret: new Uint8Array(32).fill(1) },
            { id: 'k', secret: 'x'.repeat(64) as never },
            { id: 'k', secret: Array.from({ length: 32 }, () => 1) as never },
            null as never,
          ];
          for (const key of bad) {
            const options: OpenStoreOptions = key === 'absent' ? { ...where } : { ...where, auditKey: key as NonNullable<OpenStoreOptions['auditKey']> };
            const e = await refused(openStore(options));
            expect(e.code, JSON.stringify(key)).toBe('store.config');
          }
          // An older key that is too short is refused too.
          const e = await refused(openStore({ ...where, auditKey: TEST_KEY, previousAuditKeys: [{ id: 'old', secret: new Uint8Array(16) }] }));
          expect(e.code).toBe('store.config');
        }
        // Two places at once: which one?
        expect((await refused(openStore({ ...db.where, dataDir: dir, auditKey: TEST_KEY }))).code).toBe('store.config');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    // On its own, after every other test of this database (none runs in parallel with it).
    describe('the session role', () => {
      it('openStore refuses when riuso_csi has BYPASSRLS or is a superuser (changed in a transaction rolled back at the end)', async () => {
        for (const attribute of ['bypassrls', 'superuser']) {
          await db.inRolledBackTransaction(async (run, where) => {
            await run(`alter role ${SESSION_ROLE} ${attribute}`);
            const e = await refused(openStore({ ...where, auditKey: TEST_KEY }));
            expect(e.code, attribute).toBe('store.config');
            expect(e.message, attribute).toContain(SESSION_ROLE);
          });
        }
        // Nothing of it survived: the role is as the migration made it, and the store opens.
        const role = await db.query<{ rolsuper: boolean; rolbypassrls: boolean }>('select rolsuper, rolbypassrls from pg_roles where rolname = $1', [SESSION_ROLE]);
        if (role[0]?.rolbypassrls || role[0]?.rolsuper) await db.exec(`alter role ${SESSION_ROLE} nobypassrls nosuperuser`); // never expected: repair before failing
        expect(role).toEqual([{ rolsuper: false, rolbypassrls: false }]);
        await db.open();
      });
    });
  });
}

describe.skipIf(PG_URL === undefined)('concurrent migrations on postgres', () => {
  it('openers racing on a fresh database all succeed and each file is recorded once (advisory lock)', async () => {
    for (let round = 0; round < 3; round++) {
      const fresh = await freshDatabase();
      const stores: Store[] = [];
      try {
        const opened = await Promise.allSettled([1, 2, 3].map(() => openStore({ connectionString: fresh.url, auditKey: TEST_KEY, maxConnections: 2 })));
        for (const o of opened) if (o.status === 'fulfilled') stores.push(o.value);
        expect(opened.map((o) => (o.status === 'fulfilled' ? 'opened' : String((o.reason as Error).message))), `round ${round}`).toEqual(['opened', 'opened', 'opened']);
        const c = new pg.Client({ connectionString: fresh.url });
        await c.connect();
        const rows = (await c.query<{ name: string; n: number }>('select name, count(*)::int as n from riuso_migration group by name order by name')).rows;
        await c.end();
        expect(rows).toEqual(migrationFiles().map((f) => ({ name: f.name, n: 1 })));
        for (const s of stores) expect(must(await s.migrate()).applied).toEqual([]);
      } finally {
        for (const s of stores) await s.close();
        await fresh.drop();
      }
    }
  }, 60_000);
});
