// SPDX-License-Identifier: BSD-3-Clause
/**
 * The two databases every store test runs on: embedded PGlite and a real PostgreSQL server (the
 * throwaway cluster `npm test` starts: RIUSO_TEST_DATABASE_URL). Each store on the server gets a fresh
 * database of its own. Under CI=true a missing server is a failure (see `server.test.ts`), never a skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type OpenStoreOptions, type Store } from '../../src/index.js';

/** The test server's URL, when there is one. */
export const PG_URL = process.env.RIUSO_TEST_DATABASE_URL;
/** CI runs must have the server. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
/** Why the server half is skipped outside CI. */
export const NO_SERVER = 'RIUSO_TEST_DATABASE_URL is not set: the csi-store tests on a real PostgreSQL server are SKIPPED (npm test starts one when PostgreSQL is installed)';

if (PG_URL === undefined && !IN_CI) console.warn(`\n*** ${NO_SERVER} ***\n`);

/** A fixed test key for the audit chain (test only). */
export const TEST_KEY = { id: 'test-2026', secret: new Uint8Array(32).fill(7) };

/** A fresh database on the test server, and how to drop it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (PG_URL === undefined) throw new Error(NO_SERVER);
  const name = `riuso_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A store target: its name and how to open a fresh store on it. */
export interface Target {
  readonly name: 'pglite' | 'postgres';
  readonly available: boolean;
  open(options?: OpenStoreOptions): Promise<Store & { readonly url?: string }>;
}

const opened: (() => Promise<void>)[] = [];

/** Closes every store opened by the targets (call in afterAll). */
export async function closeAll(): Promise<void> {
  for (const close of opened.splice(0)) await close();
}

/** PGlite and, when available, the server. */
export const TARGETS: readonly Target[] = [
  {
    name: 'pglite',
    available: true,
    async open(options = {}) {
      const store = await openStore({ auditKey: TEST_KEY, ...options });
      opened.push(() => store.close());
      return store;
    },
  },
  {
    name: 'postgres',
    available: PG_URL !== undefined,
    async open(options = {}) {
      const db = await freshDatabase();
      const store = await openStore({ connectionString: db.url, auditKey: TEST_KEY, maxConnections: 60, ...options });
      opened.push(async () => {
        await store.close();
        await db.drop();
      });
      return Object.assign(store, { url: db.url });
    },
  },
];
