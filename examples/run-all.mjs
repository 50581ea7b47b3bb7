#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Runs every example in order (`npm run examples`) and says which succeeded.
 * Examples of the packages still in development are added with their packages.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const examples = readdirSync(dir).filter((f) => /^\d\d-.*\.mjs$/.test(f)).sort();
const results = [];
for (const file of examples) {
  console.log(`\n##### ${file} #####`);
  const started = performance.now();
  const r = spawnSync(process.execPath, [file], { cwd: dir, stdio: 'inherit' });
  results.push({ file, ok: r.status === 0, ms: Math.round(performance.now() - started) });
}
console.log('\nEsempi / examples:');
for (const r of results) console.log(`  ${r.ok ? 'OK    ' : 'ERRORE'} ${r.file} (${r.ms} ms)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`examples: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
