// SPDX-License-Identifier: BSD-3-Clause
import { defineProject } from 'vitest/config';
import { projectDefaults } from '../../vitest.shared.js';

const defaults = projectDefaults('fascicolo');

/**
 * `npm test` runs the suite under three time zones (scripts/test-tz.mjs sets RIUSO_TZ_PASS 0, 1, 2).
 * The browser test (Chromium and axe-core on the rendered HTML) handles no date in the machine's
 * zone: it runs in the first pass only.
 */
const ZONE_INDEPENDENT: string[] = ['test/html-browser.test.ts'];
const laterPass = process.env.RIUSO_TZ_PASS !== undefined && process.env.RIUSO_TZ_PASS !== '0';

export default defineProject({
  ...defaults,
  test: { ...defaults.test, exclude: [...(laterPass ? ZONE_INDEPENDENT : []), '**/node_modules/**'] },
});
