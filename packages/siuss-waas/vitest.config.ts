// SPDX-License-Identifier: BSD-3-Clause
import { defineProject } from 'vitest/config';
import { projectDefaults } from '../../vitest.shared.js';

const defaults = projectDefaults('siuss-waas');

/**
 * `npm test` runs the suite under three time zones (scripts/test-tz.mjs sets RIUSO_TZ_PASS 0, 1, 2).
 * The HTTP and database integration tests below (real sockets, PGlite and PostgreSQL, the security
 * table, faults, the adapters, the command, the voucher's epoch-second claims) never handle a calendar
 * date in the machine's zone: they run in the first pass only. The handler, the simulator and the
 * authority (date-times of ts_flusso and ts_acquisizione) run in all three zones.
 */
const ZONE_INDEPENDENT: string[] = [
  'test/store.integration.test.ts',
  'test/security.test.ts',
  'test/faults.test.ts',
  'test/node.test.ts',
  'test/fastify.test.ts',
  'test/cli.test.ts',
  'test/voucher.test.ts',
  'test/readme.test.ts',
];
const laterPass = process.env.RIUSO_TZ_PASS !== undefined && process.env.RIUSO_TZ_PASS !== '0';

export default defineProject({
  ...defaults,
  test: { ...defaults.test, exclude: [...(laterPass ? ZONE_INDEPENDENT : []), '**/node_modules/**'] },
});
