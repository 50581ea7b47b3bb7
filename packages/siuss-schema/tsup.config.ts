// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'validate-worker': 'src/validate-worker.ts' },
  // import.meta.url in the CommonJS build too (parallel.ts finds validate-worker.js beside it).
  shims: true,
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  splitting: true,
  define: { __VERSION__: JSON.stringify(version) },
});
