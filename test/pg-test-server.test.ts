// SPDX-License-Identifier: BSD-3-Clause
/**
 * The real PostgreSQL server of the test run (scripts/pg-test-server.mjs, started by `npm test`
 * through scripts/test-tz.mjs and passed in RIUSO_TEST_DATABASE_URL): it answers, it is
 * PostgreSQL 15 or later, and it is reached on 127.0.0.1.
 *
 * Without RIUSO_TEST_DATABASE_URL the check is skipped with the reason printed, except under
 * CI=true, where it fails: CI must never skip the csi-store tests on a real server.
 */
import { tmpdir } from 'node:os';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { URL_ENV, stopTestServer } from '../scripts/pg-test-server.mjs';

const url = process.env.RIUSO_TEST_DATABASE_URL;
const inCi = process.env.CI === 'true' || process.env.CI === '1';

if (!url && !inCi) {
  console.warn(
    'pg-test-server.test.ts: RIUSO_TEST_DATABASE_URL is not set: the real-PostgreSQL check is SKIPPED ' +
      '(npm test sets it when PostgreSQL is installed: apt-get install postgresql)',
  );
}

describe('the PostgreSQL test server (RIUSO_TEST_DATABASE_URL)', () => {
  it.skipIf(!url && !inCi)(
    'is set, answers, is PostgreSQL >= 15 and is reached on 127.0.0.1',
    async () => {
      expect(url, 'CI=true: RIUSO_TEST_DATABASE_URL must be set (npm test starts the server; install postgresql)').toBeTruthy();
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
      await client.connect();
      try {
        const { rows } = await client.query<{ recent: boolean; addr: string | null; version: string }>(
          `select current_setting('server_version_num')::int >= 150000 as recent,
                  host(inet_server_addr()) as addr,
                  current_setting('server_version') as version`,
        );
        expect(rows[0]?.recent, `server version ${rows[0]?.version}`).toBe(true);
        expect(rows[0]?.addr).toBe('127.0.0.1');
        // Writable: a temporary table round trip.
        await client.query('create temp table probe (n int)');
        await client.query('insert into probe values ($1)', [42]);
        expect((await client.query<{ n: number }>('select n from probe')).rows).toEqual([{ n: 42 }]);
      } finally {
        await client.end();
      }
    },
    30_000,
  );

  it('names the variable the tests read', () => {
    expect(URL_ENV).toBe('RIUSO_TEST_DATABASE_URL');
  });

  it('stop refuses a directory it did not create', () => {
    expect(() => stopTestServer(tmpdir())).toThrow(/not a test cluster directory/);
  });
});
