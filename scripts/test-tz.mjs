#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * `npm test`: the whole vitest suite under three time zones (UTC, UTC+14 and UTC−8/−7), so that
 * no calendar date is ever shifted by the machine's zone. Extra arguments go to vitest
 * (e.g. `npm test -- --project fiscal-code`). Prints one closing line: `N passed, N failed`.
 *
 * PostgreSQL: the store tests run on embedded PGlite and on a real server. Unless
 * `RIUSO_TEST_DATABASE_URL` is already set, a throwaway cluster is started first
 * (scripts/pg-test-server.mjs), its URL passed to the three vitest runs in that variable, and the
 * cluster stopped at the end — also on failure and on SIGINT/SIGTERM/SIGHUP. Without PostgreSQL
 * binaries the real-server tests are skipped with a loud notice, except under CI=true, where this
 * is an error (exit 1 before any test runs).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URL_ENV, startTestServer } from './pg-test-server.mjs';

const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'];
const SIGNAL_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
const CI = process.env.CI === 'true' || process.env.CI === '1';
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
/** Failed tests of every zone, repeated at the very end: CI logs keep only the tail. */
const failures = [];

/** @type {{ url: string, stop: () => void } | null} */
let server = null;
/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
/** @type {keyof typeof SIGNAL_CODES | null} */
let interrupted = null;

/** Stops the throwaway cluster, once; synchronous so that it also works in the `exit` handler. */
function stopServer() {
  const s = server;
  server = null;
  if (!s) return;
  try {
    s.stop();
  } catch (err) {
    console.error(`PostgreSQL: could not stop the test cluster: ${err instanceof Error ? err.message : err}`);
  }
}
process.on('exit', stopServer);
for (const signal of /** @type {(keyof typeof SIGNAL_CODES)[]} */ (Object.keys(SIGNAL_CODES))) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = signal;
    console.error(`\n${signal}: stopping`);
    // A terminal's Ctrl-C reaches vitest too (same process group); a `kill` of this process does not.
    // No exit here: the loop below stops at the next step and its `finally` stops the cluster.
    if (child && child.exitCode === null) child.kill(signal);
  });
}

/** Runs one vitest process with inherited stdio; resolves with its exit status. */
function run(args, env) {
  return new Promise((resolveRun) => {
    child = spawn(process.execPath, args, { stdio: 'inherit', env });
    child.on('error', (err) => {
      console.error(`cannot start vitest: ${err.message}`);
      child = null;
      resolveRun(1);
    });
    child.on('close', (code, signal) => {
      child = null;
      resolveRun(code ?? (signal ? 1 : 0));
    });
  });
}

/** The environment of the vitest runs: RIUSO_TEST_DATABASE_URL from the caller or a fresh cluster. */
async function databaseEnv() {
  if (process.env[URL_ENV]) {
    console.log(`PostgreSQL: using ${URL_ENV} from the environment`);
    return {};
  }
  try {
    server = await startTestServer({ log: (message) => console.log(message) });
    console.log(`PostgreSQL: test cluster at ${server.url} (${URL_ENV})`);
    return { [URL_ENV]: server.url };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (CI) {
      console.error(`PostgreSQL: ${message}`);
      console.error('CI=true: the csi-store tests must run on a real PostgreSQL server; not running any test.');
      process.exit(1);
    }
    const notFound = /** @type {{ code?: string }} */ (err).code === 'PG_NOT_FOUND';
    const bar = '!'.repeat(100);
    console.warn(
      [
        '',
        bar,
        notFound ? '!! PostgreSQL non trovato / not found.' : '!! PostgreSQL: il server di test non parte / the test server did not start.',
        `!! ${message}`,
        '!! I test di csi-store su un server reale saranno SALTATI / the csi-store tests on a real server will be SKIPPED.',
        notFound
          ? '!! Installalo / install it with: apt-get install postgresql (or set RIUSO_TEST_DATABASE_URL).'
          : '!! Set RIUSO_TEST_DATABASE_URL to a PostgreSQL >= 15 database on 127.0.0.1 to run them.',
        bar,
        '',
      ].join('\n'),
    );
    return {};
  }
}

const dbEnv = await databaseEnv();
const dir = mkdtempSync(join(tmpdir(), 'riuso-tests-'));
try {
  for (const tz of ZONES) {
    if (interrupted) break;
    console.log(`\n=== TZ=${tz} ===`);
    const report = join(dir, `${tz.replace(/\W/g, '_')}.json`);
    const status = await run(
      ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
      // RIUSO_TZ_PASS: 0 for the first zone. Suites that cannot depend on the zone (e.g. csi-store's
      // database integration tests: SQL, processes, HTTP) run in the first pass only; see their vitest config.
      { ...process.env, ...dbEnv, TZ: tz, RIUSO_TZ_PASS: String(ZONES.indexOf(tz)) },
    );
    if (interrupted) break;
    if (status !== 0) exitCode = 1;
    try {
      const r = JSON.parse(readFileSync(report, 'utf8'));
      passed += r.numPassedTests;
      failed += r.numFailedTests;
      skipped += r.numPendingTests + (r.numTodoTests ?? 0);
      for (const file of r.testResults ?? []) {
        const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
        for (const t of failedTests) {
          failures.push(`TZ=${tz} ${file.name.replace(process.cwd() + '/', '')} > ${t.fullName}\n    ${String(t.failureMessages?.[0] ?? '').split('\n').slice(0, 6).join('\n    ')}`);
        }
        // A file that failed outside any test (import error, failed hook) has no failed assertion.
        if (file.status === 'failed' && failedTests.length === 0) {
          failures.push(`TZ=${tz} ${file.name.replace(process.cwd() + '/', '')}\n    ${String(file.message ?? '').split('\n').slice(0, 6).join('\n    ')}`);
        }
      }
      if (r.numTotalTests === 0) {
        console.error(`TZ=${tz}: no test ran`);
        exitCode = 1;
      }
    } catch {
      console.error(`TZ=${tz}: vitest wrote no report (exit ${status})`);
      exitCode = 1;
    }
  }
} finally {
  stopServer();
  rmSync(dir, { recursive: true, force: true });
}
if (interrupted) {
  console.error(`interrupted by ${interrupted}`);
  process.exit(SIGNAL_CODES[interrupted]);
}
if (failures.length > 0) {
  console.log(`\nFailed (${failures.length}):`);
  for (const f of failures) console.log(`  ✗ ${f}`);
}
console.log(`\nThree time zones (UTC, Pacific/Kiritimati, America/Los_Angeles), totals:`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
