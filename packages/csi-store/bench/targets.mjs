// SPDX-License-Identifier: BSD-3-Clause
/**
 * The two databases of the csi-store benchmark: embedded PGlite (in memory, in this process) and a
 * real PostgreSQL server — RIUSO_TEST_DATABASE_URL when set, else a throwaway cluster started here
 * with `startTestServer` of scripts/pg-test-server.mjs (when PostgreSQL is installed) and stopped at
 * exit. Every store on the server gets a FRESH database of its own, dropped afterwards.
 *
 * The test cluster runs with fsync, synchronous_commit and full_page_writes OFF (see
 * scripts/pg-test-server.mjs): commits cost no disk flush, so the server numbers measure the store's
 * round trips and CPU, not the disk — for the store and its peer alike.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SERVER_SCRIPT = fileURLToPath(new URL('../../../scripts/pg-test-server.mjs', import.meta.url));

/** The audit key of every bench store (a bench-only constant, never a real key). */
export const BENCH_KEY = { id: 'bench-2026', secret: new Uint8Array(32).fill(11) };

/**
 * A PostgreSQL server to measure on: `{ url, started, stop() }`, or `{ url: undefined, why }` when there
 * is none (the caller must say so LOUDLY).
 */
export async function ensureServer(log) {
  const given = process.env.RIUSO_TEST_DATABASE_URL;
  if (given) return { url: given, started: false, stop() {} };
  let mod;
  try {
    mod = await import(SERVER_SCRIPT);
  } catch (e) {
    return { url: undefined, why: `cannot load scripts/pg-test-server.mjs: ${e.message}` };
  }
  if (mod.findPgBin() === null) return { url: undefined, why: 'RIUSO_TEST_DATABASE_URL is not set and no PostgreSQL server binaries are installed (Debian: apt-get install postgresql)' };
  try {
    const server = await mod.startTestServer({ log });
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      try {
        server.stop();
      } catch (e) {
        console.error(`could not stop the throwaway cluster in ${server.dir}: ${e.message}`);
      }
    };
    process.on('exit', stop);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.once(signal, () => {
        stop();
        process.exit(130);
      });
    }
    return { url: server.url, started: true, major: server.major, stop };
  } catch (e) {
    return { url: undefined, why: `could not start a throwaway PostgreSQL cluster: ${e.message}` };
  }
}

/** A fresh database on the server at `adminUrl`: `{ url, drop() }`. */
export async function freshDatabase(adminUrl) {
  const name = `riuso_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The server's version string (for the report). */
export async function serverVersion(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await c.end();
  }
}
