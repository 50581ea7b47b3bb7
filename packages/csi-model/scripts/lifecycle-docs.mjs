// SPDX-License-Identifier: BSD-3-Clause
/**
 * Writes one Markdown page per lifecycle (docs/lifecycles/<kind>.md) from the machines of
 * src/lifecycles (no build needed: the sources are bundled on the fly with esbuild).
 *   node packages/csi-model/scripts/lifecycle-docs.mjs           write the pages
 *   node packages/csi-model/scripts/lifecycle-docs.mjs --check   exit 1 when a page differs
 * src/lifecycles/docs.test.ts fails when a page is not the one the machines produce.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(pkg, 'docs', 'lifecycles');

const tmp = mkdtempSync(join(tmpdir(), 'csi-lifecycle-docs-'));
try {
  const bundle = join(tmp, 'lifecycles.mjs');
  await build({
    entryPoints: [join(pkg, 'src', 'lifecycles', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@riuso-sociale/source'],
    outfile: bundle,
    logLevel: 'error',
  });
  const { LIFECYCLES, lifecycleMarkdown } = await import(pathToFileURL(bundle).href);
  const check = process.argv.includes('--check');
  const stale = [];
  mkdirSync(outDir, { recursive: true });
  for (const [kind, def] of Object.entries(LIFECYCLES)) {
    const file = join(outDir, `${kind}.md`);
    const page = lifecycleMarkdown(def);
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== page) stale.push(file);
    } else {
      writeFileSync(file, page);
    }
  }
  if (check && stale.length > 0) {
    console.error(`Pagine dei cicli di vita non aggiornate / stale lifecycle pages:\n${stale.map((f) => `  ${f}`).join('\n')}\nnode packages/csi-model/scripts/lifecycle-docs.mjs`);
    process.exitCode = 1;
  } else {
    console.log(check ? 'lifecycle pages up to date' : `${Object.keys(LIFECYCLES).length} lifecycle pages written to ${outDir}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
