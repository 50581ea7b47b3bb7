// SPDX-License-Identifier: BSD-3-Clause
/**
 * Settings every package's vitest project shares: tests read other packages through their
 * source entry (the `@riuso-sociale/source` export condition), so no build is needed first.
 */
import type { UserWorkspaceConfig } from 'vitest/config';

/**
 * `npm test` runs the suite once per time zone (scripts/test-tz.mjs sets RIUSO_TZ_PASS 0, 1, 2). The
 * type tests (`*.test-d.ts`) check types, which no time zone can change: they run in the first pass
 * only.
 */
const laterPass = process.env.RIUSO_TZ_PASS !== undefined && process.env.RIUSO_TZ_PASS !== '0';

export function projectDefaults(name: string): UserWorkspaceConfig {
  return {
    resolve: { conditions: ['@riuso-sociale/source'] },
    ssr: { resolve: { conditions: ['@riuso-sociale/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      typecheck: { enabled: !laterPass, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      testTimeout: 30_000,
    },
  };
}
