// SPDX-License-Identifier: BSD-3-Clause
import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'repo', include: ['**/*.test.ts'] } });
