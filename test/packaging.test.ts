// SPDX-License-Identifier: BSD-3-Clause
/**
 * The packaging gate (scripts/check-packages.mjs: publint --strict and attw --pack) can fail: a
 * copy of @riuso-sociale/core with a broken exports map is rejected, the intact copy passes.
 *
 * The copy lives in the OS temp folder. It takes packages/core/dist when built; otherwise it builds
 * core with tsup straight into the copy (the repository's dist/ is left alone). If that build
 * cannot run, the tests are skipped with the reason, except under CI=true, where they fail.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkPackage } from '../scripts/check-packages.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = join(root, 'packages', 'core');
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const TIMEOUT = 120_000;

let work = '';
let pristine = '';
let skipReason: string | null = null;

/** A fresh copy of the prepared core package, with `edit` applied to its package.json. */
function copyWith(name: string, edit: (pkg: Record<string, any>) => void): string {
  const dir = join(work, name);
  cpSync(pristine, dir, { recursive: true });
  const file = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  edit(pkg);
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  return dir;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'riuso-packaging-'));
  pristine = join(work, 'core');
  cpSync(coreDir, pristine, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|dist)$/.test(src) && !src.endsWith('.tgz'),
  });
  if (existsSync(join(coreDir, 'dist', 'index.js'))) {
    cpSync(join(coreDir, 'dist'), join(pristine, 'dist'), { recursive: true });
    return;
  }
  // Not built (e.g. `npm test` in a fresh clone): build core into the copy, not into the repo.
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--out-dir', join(pristine, 'dist')], {
    cwd: coreDir,
    encoding: 'utf8',
  });
  if (build.status !== 0 || !existsSync(join(pristine, 'dist', 'index.js'))) {
    const reason = `packages/core is not built and building it failed (exit ${build.status}): run \`npm run build\` first\n${build.stdout}${build.stderr}`;
    if (inCi) throw new Error(`CI=true: ${reason}`);
    skipReason = reason;
  }
}, TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.concurrent('scripts/check-packages.mjs checkPackage()', () => {
  it('passes the intact package', async ({ expect, skip }) => {
    if (skipReason) skip(skipReason);
    const result = await checkPackage(copyWith('intact', () => {}), { log: () => {} });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  }, TIMEOUT);

  it('fails when exports["."].import.default points at a missing file (publint)', async ({ expect, skip }) => {
    if (skipReason) skip(skipReason);
    const dir = copyWith('missing-file', (pkg) => {
      pkg.exports['.'].import.default = './dist/does-not-exist.js';
    });
    const result = await checkPackage(dir, { log: () => {} });
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/publint error FILE_DOES_NOT_EXIST/);
  }, TIMEOUT);

  it('fails when the require condition gets the ESM declarations (attw)', async ({ expect, skip }) => {
    if (skipReason) skip(skipReason);
    const dir = copyWith('cjs-with-esm-types', (pkg) => {
      pkg.exports['.'].require.types = './dist/index.d.ts';
    });
    const result = await checkPackage(dir, { log: () => {} });
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/attw FalseESM/);
  }, TIMEOUT);

  it('reports a package without dist/ as not built', async ({ expect, skip }) => {
    if (skipReason) skip(skipReason);
    const dir = copyWith('unbuilt', () => {});
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    const result = await checkPackage(dir, { log: () => {} });
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/not built: no dist\//);
  }, TIMEOUT);
});
