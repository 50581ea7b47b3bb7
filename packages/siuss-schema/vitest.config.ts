// SPDX-License-Identifier: BSD-3-Clause
import { defineProject } from 'vitest/config';
import { projectDefaults } from '../../vitest.shared.js';

const defaults = projectDefaults('siuss-schema');

/**
 * `npm test` runs the suite under three time zones (scripts/test-tz.mjs sets RIUSO_TZ_PASS 0, 1, 2).
 * The tests below never handle a calendar date in the machine's zone (real processes on a
 * pseudo-terminal, the 1 GB CLI runs, and the byte/token/XSD-verdict tests named below): they run in
 * the first pass only.
 */
const ZONE_INDEPENDENT: string[] = [
  'src/cli-progress.test.ts',
  'src/cli-big.test.ts',
  // Cutting and merging pieces (--jobs) against the single-threaded reading, both in the same zone.
  'src/parallel.test.ts',
  // Bytes, tokens and XSD verdicts: dates are compared as the XSD's strings, never as calendar days.
  'src/encodings.test.ts',
  'src/xml-reader.test.ts',
  'src/differential.test.ts',
  'src/hostile.test.ts',
];
const laterPass = process.env.RIUSO_TZ_PASS !== undefined && process.env.RIUSO_TZ_PASS !== '0';

export default defineProject({
  ...defaults,
  test: { ...defaults.test, exclude: [...(laterPass ? ZONE_INDEPENDENT : []), '**/node_modules/**'] },
});
