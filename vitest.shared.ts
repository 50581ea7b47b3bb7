// SPDX-License-Identifier: BSD-3-Clause
/**
 * Settings every package's vitest project shares: tests read other packages through their
 * source entry (the `@riuso-sociale/source` export condition), so no build is needed first.
 */
import type { UserWorkspaceConfig } from 'vitest/config';

export function projectDefaults(name: string): UserWorkspaceConfig {
  return {
    resolve: { conditions: ['@riuso-sociale/source'] },
    ssr: { resolve: { conditions: ['@riuso-sociale/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      testTimeout: 30_000,
    },
  };
}
