// SPDX-License-Identifier: BSD-3-Clause
import { defineProject } from 'vitest/config';
import { projectDefaults } from '../vitest.shared.js';

const defaults = projectDefaults('examples');
export default defineProject({ ...defaults, test: { ...defaults.test, include: ['*.test.ts'], typecheck: { enabled: false } } });
