// SPDX-License-Identifier: BSD-3-Clause
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

const require = createRequire(import.meta.url);

// The ESM build takes every source module as an entry, so that each lands in a file (or chunk) of its
// own: a bundle that takes `isIsoDate` alone — the fiscal-code `/lite` entry — then leaves out
// `formatDate` and `todayInItaly`, and with `todayInItaly` the @date-fns/tz modules it imports (which
// are not marked free of side effects, so a bundler keeps whatever sits in the same file as code it
// needs). `formatDate` imports no date-fns: it writes dates from a table of month names.
// Only `index` and `cli` are exported in package.json; the other files are internal.
const modules = Object.fromEntries(
  readdirSync('src')
    .filter((f) => f.endsWith('.ts') && !f.includes('.test') && !f.endsWith('.d.ts'))
    .map((f) => [f.slice(0, -3), `src/${f}`]),
);
// date-fns and @date-fns/tz are bundled (tree-shaken) rather than imported at run time: loading
// their ~60 modules cost every import of core ~55 ms (ESM) / ~30 ms (CommonJS) against ~5 ms for
// the bundled functions. Their MIT licences require the notice to travel with the code. Since
// `formatDate` uses a month table, only @date-fns/tz (`todayInItaly`'s `TZDate`, which imports no
// date-fns) reaches the build; date-fns stays listed, and its notice is still written.
const BUNDLED = ['date-fns', '@date-fns/tz'];
function writeNotices(outDir: string): void {
  const parts = BUNDLED.map((name) => {
    const dir = dirname(require.resolve(`${name}/package.json`));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    const licence = readFileSync(join(dir, 'LICENSE.md'), 'utf8').trim();
    return `## ${name} ${pkg.version}\n\n${licence}\n`;
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'THIRD-PARTY-LICENSES.md'), `# Third-party code bundled in @riuso-sociale/core\n\n${parts.join('\n')}`);
}

const common = { sourcemap: true, target: 'es2022', treeshake: true, noExternal: BUNDLED } as const;

// The notices go to the output folder the build was given (`--out-dir`, as test/packaging.test.ts
// uses), `dist` by default.
export default defineConfig((cli) => [
  { ...common, entry: modules, format: ['esm'], dts: { entry: { index: 'src/index.ts', cli: 'src/cli.ts' } }, onSuccess: async () => writeNotices(cli.outDir ?? 'dist') },
  { ...common, entry: { index: 'src/index.ts', cli: 'src/cli.ts' }, format: ['cjs'], dts: { entry: { index: 'src/index.ts', cli: 'src/cli.ts' } } },
]);
