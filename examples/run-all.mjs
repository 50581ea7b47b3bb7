#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Runs every example in order and says which succeeded. `npm run examples` runs it with `--build`:
 * first the packages' build (`npm run build` at the repository root), its output kept and printed only
 * if it fails, otherwise one line "build: ok (N s)". Other arguments are passed to every example, e.g.
 * `npm run examples -- --detail` (example 02's explained evaluations; or EXAMPLES_DETAIL=1).
 * Exit code: the build's if it fails, otherwise 0 when every example succeeded, 1 if not.
 * Examples of the packages still in development are added with their packages.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);

if (args.includes('--build')) {
  // npm itself when run by npm (npm_execpath), else the npm on the PATH.
  const npm = process.env.npm_execpath;
  const [cmd, cmdArgs] = npm && /\.[cm]?js$/.test(npm) ? [process.execPath, [npm, 'run', 'build']] : ['npm', ['run', 'build']];
  const tmp = mkdtempSync(join(tmpdir(), 'riuso-examples-build-'));
  const logFile = join(tmp, 'build.log');
  const fd = openSync(logFile, 'w');
  const started = performance.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: join(dir, '..'), stdio: ['ignore', fd, fd], shell: process.platform === 'win32' && cmd === 'npm' });
  closeSync(fd);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const output = readFileSync(logFile, 'utf8');
  rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0) {
    process.stdout.write(output);
    if (r.error) console.error(r.error.message);
    console.error(`build: FAILED (exit ${r.status ?? r.signal ?? '?'}, ${seconds} s)`);
    process.exit(r.status || 1);
  }
  console.log(`build: ok (${seconds} s)`);
}

const forwarded = args.filter((a) => a !== '--build');
const examples = readdirSync(dir).filter((f) => /^\d\d-.*\.mjs$/.test(f)).sort();
const results = [];
for (const file of examples) {
  console.log(`\n##### ${file} #####`);
  const started = performance.now();
  const r = spawnSync(process.execPath, [file, ...forwarded], { cwd: dir, stdio: 'inherit' });
  results.push({ file, ok: r.status === 0, ms: Math.round(performance.now() - started) });
}
console.log('\nEsempi / examples:');
for (const r of results) console.log(`  ${r.ok ? 'OK    ' : 'ERRORE'} ${r.file} (${r.ms} ms)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`examples: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
