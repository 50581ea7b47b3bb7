// SPDX-License-Identifier: BSD-3-Clause
import { defineProject } from 'vitest/config';
import { projectDefaults } from '../../vitest.shared.js';

const defaults = projectDefaults('csi-store');

/**
 * `npm test` runs the suite under three time zones (scripts/test-tz.mjs sets RIUSO_TZ_PASS 0, 1, 2).
 * The store's database integration tests below (tenancy, access, hostile input, migrations, audit
 * tampering, concurrency, killed process, CLI processes, README and ER diagram) exercise SQL, roles and
 * processes, never a calendar date, and take most of the suite's time on real databases: they run in the
 * first pass only. The tests that handle calendar dates and instants (the SIUSS queue names flows after
 * the day in Italy, the lifecycles compare dates, the smoke path) run in all three zones.
 */
const ZONE_INDEPENDENT = [
  'test/tenancy.test.ts',
  'test/access.test.ts',
  'test/hostile.test.ts',
  'test/migrations.test.ts',
  'test/audit.test.ts',
  'test/concurrency.test.ts',
  'test/kill.test.ts',
  'test/cli.test.ts',
  'test/readme.test.ts',
  'test/er-diagram.test.ts',
  'test/kinds.test.ts',
  'test/connection-loss.test.ts',
  'test/keys.test.ts',
  'test/cli-progress.test.ts',
  'test/export-progress.test.ts',
  'test/citizen-view.test.ts',
];
const laterPass = process.env.RIUSO_TZ_PASS !== undefined && process.env.RIUSO_TZ_PASS !== '0';

export default defineProject({
  ...defaults,
  test: { ...defaults.test, exclude: [...(laterPass ? ZONE_INDEPENDENT : []), '**/node_modules/**'] },
});
