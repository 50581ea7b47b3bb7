#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * `npm test`: the whole vitest suite under three time zones (UTC, UTC+14 and UTC−8/−7), so that
 * no calendar date is ever shifted by the machine's zone. Extra arguments go to vitest
 * (e.g. `npm test -- --project fiscal-code`). Prints one closing line: `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'];
const extra = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'riuso-tests-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;

for (const tz of ZONES) {
  console.log(`\n=== TZ=${tz} ===`);
  const report = join(dir, `${tz.replace(/\W/g, '_')}.json`);
  const run = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
    { stdio: 'inherit', env: { ...process.env, TZ: tz } },
  );
  if (run.status !== 0) exitCode = 1;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (r.numTotalTests === 0) {
      console.error(`TZ=${tz}: no test ran`);
      exitCode = 1;
    }
  } catch {
    console.error(`TZ=${tz}: vitest wrote no report (exit ${run.status})`);
    exitCode = 1;
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`\nThree time zones (UTC, Pacific/Kiritimati, America/Los_Angeles), totals:`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
