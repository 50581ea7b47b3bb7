// SPDX-License-Identifier: BSD-3-Clause
import { defineProject } from 'vitest/config';

/**
 * The packaging gate test packs and lints a copy of core (publint, attw): no calendar date in the
 * machine's zone, so it runs in the first of `npm test`'s three zone passes only.
 */
const ZONE_INDEPENDENT = ['packaging.test.ts'];
const laterPass = process.env.RIUSO_TZ_PASS !== undefined && process.env.RIUSO_TZ_PASS !== '0';

export default defineProject({ test: { name: 'repo', include: ['**/*.test.ts'], exclude: [...(laterPass ? ZONE_INDEPENDENT : []), '**/node_modules/**'] } });
