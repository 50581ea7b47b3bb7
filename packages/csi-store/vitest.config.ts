// SPDX-License-Identifier: BSD-3-Clause
import { defineProject } from 'vitest/config';
import { projectDefaults } from '../../vitest.shared.js';

export default defineProject(projectDefaults('csi-store'));
