#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * `npm run check`: the quality gates of DESIGN.md §5 (and `npm publish --dry-run`, PUBBLICARE.md), in order, stopping at the first failure,
 * then a table of gate → ok/FAIL/skipped → seconds.
 *
 *   npm run check                          every gate
 *   npm run check -- --skip tests          all but these (comma-separated or repeated)
 *   npm run check -- --only build,smoke    only these, still in the order below
 *
 * Each gate is a child process with inherited stdio. A gate whose root npm script does not exist
 * (yet) in package.json FAILS with a message saying so: it is never skipped silently.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackages } from './check-packages.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * `npm publish --dry-run` of every published package (check-packages.mjs's list), one workspace
 * each, after the build: what PUBBLICARE.md's release would publish, packed and checked by npm itself
 * (manifest, files, name and version), without the registry (`--offline`) and without credentials.
 */
const PUBLISH_DRY_RUN = ['publish', '--dry-run', '--offline', ...listPackages().flatMap((p) => ['--workspace', relative(ROOT, p.dir)])];

/**
 * The gates, in order. `script` names the root package.json script the gate needs.
 * @type {{ name: string, cmd: string, args: string[], script?: string }[]}
 */
const GATES = [
  { name: 'typecheck', cmd: NPM, args: ['run', 'typecheck'], script: 'typecheck' },
  { name: 'tests', cmd: NPM, args: ['test'], script: 'test' },
  { name: 'build', cmd: NPM, args: ['run', 'build'], script: 'build' },
  { name: 'packages', cmd: process.execPath, args: ['scripts/check-packages.mjs'] },
  { name: 'publish', cmd: NPM, args: PUBLISH_DRY_RUN },
  { name: 'smoke', cmd: process.execPath, args: ['scripts/smoke-pack.mjs'] },
  { name: 'docs', cmd: NPM, args: ['run', 'docs:build'], script: 'docs:build' },
  { name: 'browser', cmd: NPM, args: ['run', 'test:browser'], script: 'test:browser' },
  { name: 'examples', cmd: NPM, args: ['run', 'examples'], script: 'examples' },
  { name: 'publiccode', cmd: NPM, args: ['run', 'publiccode'], script: 'publiccode' },
];
const NAMES = GATES.map((g) => g.name);

function usage(message) {
  if (message) console.error(`check: ${message}`);
  console.error(`usage: node scripts/check.mjs [--skip <gate>[,<gate>]] [--only <gate>[,<gate>]]\ngates: ${NAMES.join(', ')}`);
  process.exit(2);
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Set<string>} */ const skip = new Set();
  /** @type {Set<string>} */ const only = new Set();
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (arg === '--help' || arg === '-h') usage();
    const m = /^--(skip|only)(?:=(.*))?$/.exec(arg);
    if (!m) usage(`unknown argument ${arg}`);
    const value = m[2] ?? argv[++i];
    if (!value) usage(`--${m[1]} needs a gate name`);
    for (const name of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!NAMES.includes(name)) usage(`unknown gate "${name}"`);
      (m[1] === 'skip' ? skip : only).add(name);
    }
  }
  if (skip.size && only.size) usage('use either --skip or --only, not both');
  return { skip, only };
}

/** @returns {Promise<number>} the exit code (1 when the command could not start) */
function runGate(/** @type {typeof GATES[number]} */ gate) {
  return new Promise((resolvePromise) => {
    const child = spawn(gate.cmd, gate.args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', (err) => {
      console.error(`check: cannot start ${gate.cmd}: ${err.message}`);
      resolvePromise(1);
    });
    child.on('close', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

const { skip, only } = parseArgs(process.argv.slice(2));
const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
/** @type {{ name: string, status: 'ok' | 'FAIL' | 'skipped' | 'not run', seconds?: number, note?: string }[]} */
const rows = [];
const started = performance.now();
let failed = false;

for (const gate of GATES) {
  if (skip.has(gate.name) || (only.size > 0 && !only.has(gate.name))) {
    rows.push({ name: gate.name, status: 'skipped', note: skip.has(gate.name) ? '--skip' : 'not in --only' });
    continue;
  }
  if (failed) {
    rows.push({ name: gate.name, status: 'not run' });
    continue;
  }
  console.log(`\n━━ check: ${gate.name} (${[gate.cmd === process.execPath ? 'node' : 'npm', ...gate.args].join(' ')})`);
  if (gate.script && !(gate.script in scripts)) {
    const note = `root package.json has no "${gate.script}" script yet`;
    console.error(`check: gate ${gate.name} FAILED: ${note} — it must exist for this gate to pass.`);
    rows.push({ name: gate.name, status: 'FAIL', seconds: 0, note });
    failed = true;
    continue;
  }
  const t = performance.now();
  const code = await runGate(gate);
  const seconds = (performance.now() - t) / 1000;
  rows.push({ name: gate.name, status: code === 0 ? 'ok' : 'FAIL', seconds, ...(code === 0 ? {} : { note: `exit ${code}` }) });
  if (code !== 0) failed = true;
}

const total = (performance.now() - started) / 1000;
const width = Math.max(...NAMES.map((n) => n.length), 'total'.length);
console.log('\n━━ check: summary');
console.log(`${'gate'.padEnd(width)}  result   seconds`);
for (const r of rows) {
  const secs = r.seconds === undefined ? '' : r.seconds.toFixed(1).padStart(7);
  console.log(`${r.name.padEnd(width)}  ${r.status.padEnd(7)}  ${secs.padEnd(7)}${r.note ? `  ${r.note}` : ''}`);
}
console.log(`${'total'.padEnd(width)}  ${(failed ? 'FAIL' : 'ok').padEnd(7)}  ${total.toFixed(1).padStart(7)}`);
process.exit(failed ? 1 : 0);
