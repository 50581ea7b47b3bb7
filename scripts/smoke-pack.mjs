#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Smoke test of the published artefacts, as a user gets them: `npm pack` every published package
 * (see `listPackages` in check-packages.mjs), install all the tarballs in one command into a
 * scratch project under the OS temp folder, then
 *
 *  1. import every entry point of every package with `import` and with `require`, and compare the
 *     export names of the two formats;
 *  2. run real calls through ESM (`smoke.mjs`) and CommonJS (`smoke.cjs`);
 *  3. type-check a TypeScript consumer with the repository's tsc, under `node16` and under
 *     `bundler` resolution, with `// @ts-expect-error` lines proving that wrong calls do not compile
 *     (a CommonJS `.cts` consumer is checked under node16 too, so the `.d.cts` files are used);
 *  4. run the installed bins (`codice-fiscale validate`, `eligibility evaluate`, `siuss-waas serve` refusing an
 *     Ente without its operator, `csi-store migrate` on a
 *     PGlite folder).
 *
 * Needs the packages built (`npm run build`) and the npm registry for third-party dependencies
 * (zod), which are installed the way a user gets them: from the tarballs' `dependencies`.
 * Exits 1 at the first failure; the temp folder is always removed.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, listPackages, missingBuildOutput } from './check-packages.mjs';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/** Environment for child processes: without the variables `npm run` sets about the repository. */
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_config_workspaces?$|npm_command$|INIT_CWD$)/i.test(k),
  ),
);

class StepError extends Error {}

/**
 * Runs a command; throws a StepError with its output unless it exits with `expect`.
 * @param {string} cmd @param {string[]} args @param {string} cwd @param {number} [expect]
 */
function sh(cmd, args, cwd, expect = 0) {
  const r = spawnSync(cmd, args, { cwd, env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new StepError(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== expect) {
    throw new StepError(
      `${cmd} ${args.join(' ')} exited ${r.status ?? r.signal} (expected ${expect})\n${r.stdout}${r.stderr}`.trimEnd(),
    );
  }
  return r;
}

/** @param {string} title @param {() => string | void} fn */
function step(title, fn) {
  const t = performance.now();
  /** @type {string | void} */ let note;
  try {
    note = fn();
  } catch (err) {
    console.error(`  FAIL ${title} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    throw err;
  }
  console.log(`  ok  ${title}${note ? ` — ${note}` : ''} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

const packages = listPackages();
if (packages.length === 0) {
  console.error('smoke-pack: no published package found under packages/*');
  process.exit(1);
}
const notBuilt = packages.flatMap((p) => missingBuildOutput(p.dir, p.pkg).map((f) => `${relative(ROOT, p.dir)}/${f}`));
if (notBuilt.length > 0) {
  console.error(`smoke-pack: packages not built (missing ${notBuilt.join(', ')}): run \`npm run build\` first`);
  process.exit(1);
}

/**
 * Subpaths of a package's exports map that a consumer can import (no patterns, no package.json).
 * @param {Record<string, any>} pkg
 */
function entryPoints(pkg) {
  const ex = pkg.exports;
  if (ex === undefined) return [pkg.name];
  if (typeof ex === 'string' || Array.isArray(ex) || !Object.keys(ex).some((k) => k.startsWith('.'))) return [pkg.name];
  return Object.keys(ex)
    .filter((k) => !k.includes('*') && !k.endsWith('.json'))
    .map((k) => (k === '.' ? pkg.name : `${pkg.name}${k.slice(1)}`));
}

/** The real calls, shared by the ESM and the CommonJS runs. */
const BODY = `
const code = computeFiscalCode({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501' });
assert.equal(code, 'RSSMRA80A01H501U');
const full = validateFiscalCode(code);
assert.equal(full.ok, true, JSON.stringify(full));
assert.equal(validateFiscalCode('RSSMRA80A32H501C').ok, false);
const decoded = decodeFiscalCode(code, { referenceDate: '2026-01-01' });
assert.equal(decoded.birthPlace?.name, 'Roma');
assert.equal(decoded.birthDate, '1980-01-01');
assert.equal(decoded.sex, 'M');
const lite = v('rssmra80a01h501u');
assert.equal(lite.ok, true, JSON.stringify(lite));
assert.equal(v('RSSMRA80A01H501X').ok, false);
assert.equal(findPlaces({ name: 'Roma' })[0]?.code, 'H501');
assert.equal(isIsoDate('2024-02-29'), true);
assert.equal(isIsoDate('2023-02-29'), false);
`;

const ESM_TEST = `import assert from 'node:assert/strict';
import { validateFiscalCode, computeFiscalCode, decodeFiscalCode } from '@riuso-sociale/fiscal-code';
import { validateFiscalCode as v } from '@riuso-sociale/fiscal-code/lite';
import { findPlaces } from '@riuso-sociale/fiscal-code/places';
import { isIsoDate, isRiusoError, RiusoError } from '@riuso-sociale/core';
import { createRequire } from 'node:module';
${BODY}
// One error class across module systems: an error thrown through the CommonJS build is an instance of
// the ESM build's RiusoError, and isRiusoError recognises it.
const cjsFiscal = createRequire(import.meta.url)('@riuso-sociale/fiscal-code');
assert.notEqual(cjsFiscal.computeFiscalCode, computeFiscalCode);
let thrown;
try {
  cjsFiscal.computeFiscalCode({ surname: '', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501' });
} catch (e) {
  thrown = e;
}
assert.ok(thrown instanceof RiusoError, 'a CommonJS error is instanceof the ESM RiusoError');
assert.ok(isRiusoError(thrown), 'isRiusoError recognises a CommonJS error');
console.log('esm ok:', code);
`;

const CJS_TEST = `'use strict';
const assert = require('node:assert/strict');
const { validateFiscalCode, computeFiscalCode, decodeFiscalCode } = require('@riuso-sociale/fiscal-code');
const { validateFiscalCode: v } = require('@riuso-sociale/fiscal-code/lite');
const { findPlaces } = require('@riuso-sociale/fiscal-code/places');
const { isIsoDate } = require('@riuso-sociale/core');
${BODY}
console.log('cjs ok:', code);
`;

/** Type-level consumer: valid uses compile; each @ts-expect-error line must be an error. */
const TS_TEST = `import { computeFiscalCode, decodeFiscalCode, validateFiscalCode, type FiscalCode, type PersonData } from '@riuso-sociale/fiscal-code';
import { validateFiscalCode as validateLite } from '@riuso-sociale/fiscal-code/lite';
import { findPlaces, type Place } from '@riuso-sociale/fiscal-code/places';
import { isIsoDate, type IsoDate } from '@riuso-sociale/core';

const person: PersonData = { surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501' };
const code: FiscalCode = computeFiscalCode(person);
const r = validateFiscalCode(code);
if (r.ok) {
  const c: string = r.value.code;
  void c;
} else {
  const first: string = r.issues[0].code;
  void first;
}
const lite = validateLite('RSSMRA80A01H501U');
const ok: boolean = lite.ok;
const place: Place | undefined = findPlaces({ name: 'Roma' })[0];
const name: string | undefined = decodeFiscalCode(code).birthPlace?.name;
const raw: unknown = '2024-02-29';
if (isIsoDate(raw)) {
  const d: IsoDate = raw;
  void d;
}
void ok; void place; void name;

// @ts-expect-error missing name, sex, birthDate and birthPlace
computeFiscalCode({ surname: 'x' });
// @ts-expect-error sex is 'M' | 'F'
computeFiscalCode({ ...person, sex: 'X' });
// @ts-expect-error a plain string is not a branded FiscalCode
const notBranded: FiscalCode = 'RSSMRA80A01H501U';
void notBranded;
// @ts-expect-error findPlaces takes a query object
findPlaces('Roma');
`;

const CTS_TEST = `import fc = require('@riuso-sociale/fiscal-code');
import lite = require('@riuso-sociale/fiscal-code/lite');
import places = require('@riuso-sociale/fiscal-code/places');
import core = require('@riuso-sociale/core');

const code: string = fc.computeFiscalCode({ surname: 'Rossi', name: 'Mario', sex: 'F', birthDate: '1980-01-01', birthPlace: 'H501' });
const ok: boolean = lite.validateFiscalCode(code).ok && places.findPlaces({ name: 'Roma' }).length > 0 && core.isIsoDate('2024-01-01');
void ok;
// @ts-expect-error sex is 'M' | 'F'
fc.computeFiscalCode({ surname: 'Rossi', name: 'Mario', sex: 'X', birthDate: '1980-01-01', birthPlace: 'H501' });
`;

/** @param {Record<string, unknown>} options @param {string[]} files */
function tsconfig(options, files) {
  return JSON.stringify(
    {
      compilerOptions: {
        // Default libs for ES2022 (with DOM, as most consumers have): zod's declarations name URL.
        target: 'ES2022',
        strict: true,
        noEmit: true,
        types: [],
        skipLibCheck: false,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        ...options,
      },
      files,
    },
    null,
    2,
  );
}

const work = mkdtempSync(join(tmpdir(), 'riuso-smoke-'));
// RIUSO_SMOKE_KEEP=1 keeps the scratch folder to look into after a failure.
const cleanup = () => {
  if (process.env.RIUSO_SMOKE_KEEP === '1') console.log(`smoke-pack: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
};
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

let exitCode = 0;
try {
  console.log(`smoke-pack: ${packages.map((p) => `${p.name}@${p.version}`).join(', ')} in ${work}`);
  const tarballs = join(work, 'tarballs');
  const app = join(work, 'app');
  mkdirSync(tarballs);
  mkdirSync(app);

  /** @type {string[]} */
  const files = [];
  step('npm pack', () => {
    for (const p of packages) {
      const r = sh('npm', ['pack', '--json', '--pack-destination', tarballs], p.dir);
      const [info] = JSON.parse(r.stdout);
      files.push(join(tarballs, info.filename));
    }
    return files.map((f) => relative(work, f)).join(', ');
  });

  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'riuso-smoke-app', version: '0.0.0', private: true, type: 'module' }, null, 2));
  step('npm install <tarballs>', () => {
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...files], app);
  });

  const all = packages.flatMap((p) => entryPoints(p.pkg));
  writeFileSync(
    join(app, 'entries.cjs'),
    `'use strict';
const entries = ${JSON.stringify(all)};
(async () => {
  const out = [];
  for (const id of entries) {
    const esm = Object.keys(await import(id)).filter((k) => k !== 'default' && k !== 'module.exports').sort();
    const cjs = Object.keys(require(id)).filter((k) => k !== 'default').sort();
    if (esm.length === 0) throw new Error(id + ': no named export through import');
    if (esm.join() !== cjs.join()) throw new Error(id + ': import and require expose different names\\n  esm: ' + esm + '\\n  cjs: ' + cjs);
    out.push(id + ' (' + esm.length + ')');
  }
  console.log(out.join(', '));
})().catch((e) => { console.error(e); process.exit(1); });
`,
  );
  step(`import and require every entry point`, () => sh(process.execPath, ['entries.cjs'], app).stdout.trim());

  writeFileSync(join(app, 'smoke.mjs'), ESM_TEST);
  writeFileSync(join(app, 'smoke.cjs'), CJS_TEST);
  step('ESM: node smoke.mjs', () => sh(process.execPath, ['smoke.mjs'], app).stdout.trim());
  step('CommonJS: node smoke.cjs', () => sh(process.execPath, ['smoke.cjs'], app).stdout.trim());

  writeFileSync(join(app, 'consumer.ts'), TS_TEST);
  writeFileSync(join(app, 'consumer.cts'), CTS_TEST);
  writeFileSync(join(app, 'tsconfig.node16.json'), tsconfig({ module: 'node16', moduleResolution: 'node16' }, ['consumer.ts', 'consumer.cts']));
  writeFileSync(join(app, 'tsconfig.bundler.json'), tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, ['consumer.ts']));
  const tsVersion = sh(process.execPath, [TSC, '--version'], app).stdout.trim();
  for (const mode of ['node16', 'bundler']) {
    step(`tsc (${tsVersion}) --project tsconfig.${mode}.json`, () => {
      sh(process.execPath, [TSC, '--project', `tsconfig.${mode}.json`], app);
    });
  }

  const bins = packages.flatMap((p) => Object.keys(typeof p.pkg.bin === 'string' ? { [p.name.split('/').pop()]: p.pkg.bin } : p.pkg.bin ?? {}));
  step('bins installed', () => {
    const missing = bins.filter((b) => !existsSync(join(app, 'node_modules', '.bin', b)));
    if (missing.length) throw new StepError(`not in node_modules/.bin: ${missing.join(', ')}`);
    return bins.join(', ') || 'none';
  });
  // --no: never fetch a same-named package from the registry if the local bin is missing.
  step('npx codice-fiscale validate RSSMRA80A01H501U → exit 0', () =>
    sh('npx', ['--no', 'codice-fiscale', 'validate', 'RSSMRA80A01H501U'], app, 0).stdout.trim().replace(/\s*\n\s*/g, ' / '),
  );
  step('npx codice-fiscale validate RSSMRA80A32H501C → exit 1', () => {
    const r = sh('npx', ['--no', 'codice-fiscale', 'validate', 'RSSMRA80A32H501C'], app, 1);
    return `${r.stdout}${r.stderr}`.trim().replace(/\s*\n\s*/g, ' / ');
  });
  step('npx eligibility evaluate household.json --measure adi --date 2025-03-01 --json → eligible, exit 0', () => {
    const household = join(ROOT, 'packages', 'rei-eligibility', 'src', 'fixtures', 'cli', 'adi-eligible.json');
    const r = sh('npx', ['--no', 'eligibility', 'evaluate', household, '--measure', 'adi', '--date', '2025-03-01', '--json'], app, 0);
    const e = JSON.parse(r.stdout);
    if (e.status !== 'eligible' || e.benefit?.monthlyCents !== 89292) throw new StepError(`unexpected evaluation: ${e.status} ${e.benefit?.monthlyCents}`);
    return `${e.status}, ${e.benefit.monthlyCents} cents a month`;
  });
  step('npx eligibility evaluate without --date → exit 2', () => {
    const household = join(ROOT, 'packages', 'rei-eligibility', 'src', 'fixtures', 'cli', 'adi-eligible.json');
    const r = sh('npx', ['--no', 'eligibility', 'evaluate', household, '--measure', 'adi'], app, 2);
    return `${r.stderr}`.trim().split('\n')[0];
  });
  // csi-store: its own environment, without DATABASE_URL (with --data-dir it would be a usage error) or keys.
  const csiEnv = Object.fromEntries(Object.entries(childEnv).filter(([k]) => k !== 'DATABASE_URL' && !k.startsWith('CSI_STORE_')));
  /** @param {string[]} args @param {number} expect @param {Record<string, string>} [env] */
  const csiStore = (args, expect, env = {}) => {
    // `--`: npx would take --version (and others) for itself.
    const r = spawnSync('npx', ['--no', '--', 'csi-store', ...args], { cwd: app, env: { ...csiEnv, ...env }, encoding: 'utf8' });
    if (r.error) throw new StepError(`csi-store ${args.join(' ')}: ${r.error.message}`);
    if (r.status !== expect) throw new StepError(`csi-store ${args.join(' ')} exited ${r.status ?? r.signal} (expected ${expect})\n${r.stdout}${r.stderr}`.trimEnd());
    return r;
  };
  const csiData = join(work, 'csi-store-data');
  step('npx csi-store --version → the package version, exit 0', () => {
    const version = csiStore(['--version'], 0).stdout.trim();
    const expected = packages.find((p) => p.name === '@riuso-sociale/csi-store')?.version;
    if (version !== expected) throw new StepError(`csi-store --version printed ${version}, expected ${expected}`);
    return version;
  });
  step('npx csi-store migrate --data-dir <tmp> twice → all applied, then none (PGlite, migrations folder shipped)', () => {
    const first = JSON.parse(csiStore(['migrate', '--data-dir', csiData, '--json'], 0).stdout);
    const second = JSON.parse(csiStore(['migrate', '--data-dir', csiData, '--json'], 0).stdout);
    if (first.applied.length === 0 || first.alreadyApplied.length !== 0 || second.applied.length !== 0 || second.alreadyApplied.join() !== first.applied.join()) {
      throw new StepError(`unexpected migrate reports: ${JSON.stringify(first)} then ${JSON.stringify(second)}`);
    }
    return `${first.applied.length} applied, then ${second.alreadyApplied.length} already applied`;
  });
  step('npx csi-store verify-audit --ente A944 with CSI_STORE_AUDIT_KEY → exit 0; without → exit 2', () => {
    const key = `smoke:${randomBytes(32).toString('hex')}`;
    const ok = csiStore(['verify-audit', '--ente', 'A944', '--data-dir', csiData], 0, { CSI_STORE_AUDIT_KEY: key }).stdout.trim();
    const missing = csiStore(['verify-audit', '--ente', 'A944', '--data-dir', csiData], 2).stderr.trim().split('\n')[0];
    return `${ok} / ${missing}`;
  });
  // siuss-waas: the packed bin reaches the packed csi-store (an optional peer dependency, installed here).
  step('npx siuss-waas --version → the package version; serve on the migrated store without an operator of the Ente → exit 2', () => {
    /** @param {string[]} args @param {Record<string, string>} [env] */
    const waas = (args, env = {}) => spawnSync('npx', ['--no', '--', 'siuss-waas', ...args], { cwd: app, env: { ...csiEnv, ...env }, encoding: 'utf8' });
    const version = waas(['--version']);
    const expected = packages.find((p) => p.name === '@riuso-sociale/siuss-waas')?.version;
    if (version.status !== 0 || version.stdout.trim() !== expected) throw new StepError(`siuss-waas --version: exit ${version.status}, printed ${version.stdout.trim()}, expected ${expected}`);
    const key = `smoke:${randomBytes(32).toString('hex')}`;
    const serve = waas(
      ['serve', '--data-dir', csiData, '--ente', 'A944', '--denominazione', 'Comune di Bologna', '--operatore', '0f8fad5b-d9cb-469f-a165-70867728950e',
        '--issuer', 'interop.pagopa.it', '--audience', 'https://comune.example.invalid/waas/v1', '--jwks-url', 'https://interop.pagopa.it/.well-known/jwks.json',
        '--client-id', 'inps', '--port', '0'],
      { CSI_STORE_AUDIT_KEY: key },
    );
    if (serve.status !== 2 || !serve.stderr.includes('non pronto')) throw new StepError(`siuss-waas serve: exit ${serve.status}\n${serve.stdout}${serve.stderr}`.trimEnd());
    return `${version.stdout.trim()} / ${serve.stderr.trim().split('\n')[0]}`;
  });
  console.log(`smoke-pack: all steps ok (${elapsed()})`);
} catch (err) {
  exitCode = 1;
  console.error(`  FAIL ${err instanceof StepError ? err.message : err instanceof Error ? err.stack : err}`);
  console.error(`smoke-pack: failed (${elapsed()})`);
} finally {
  cleanup();
}
process.exit(exitCode);
