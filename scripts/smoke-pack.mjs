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
 *  4. bundle a small browser app with esbuild (`platform: 'browser'`, ESM, minified) from the installed
 *     browser-meant entries (core, fiscal-code, fiscal-code/lite, rei-eligibility, siuss-schema): no error,
 *     no warning about a Node built-in, no `node:` module or built-in among the metafile's inputs; then run
 *     it in Chromium (/usr/bin/chromium through playwright-core, never downloaded; CHROMIUM_PATH to change
 *     it) and check every call's result on the page, and in a `node:vm` context without `process` or
 *     `require`. Without Chromium the page run is a failure under `CI=true` and a printed note elsewhere.
 *     `fiscal-code/lite` alone must stay within 4 KB gzip with no date-fns code (seen through the
 *     source maps: core bundles @date-fns/tz, for `todayInItaly`, into its dist); `core/cli`, the
 *     Node-only CLI kit, must trip the Node built-in check (`csi-model`, Node-only by its README, is reported);
 *  5. run the installed bins (`codice-fiscale validate`, `eligibility evaluate`, `siuss-waas serve` refusing an
 *     Ente without its operator, `csi-store migrate` on a
 *     PGlite folder);
 *  6. a newcomer's tour of the five CLIs: `--help` (exit 0, usage on stdout), `--version` (the package
 *     version), `--bogus` (exit 2, one line and a hint on stderr, nothing on stdout, in Italian; in
 *     English with `--lang en`), and one real command each of codice-fiscale, eligibility and siuss,
 *     in Italian and in English. Wording is not pinned: exit codes, line counts and language are.
 *
 * Needs the packages built (`npm run build`) and the npm registry for third-party dependencies
 * (zod), which are installed the way a user gets them: from the tarballs' `dependencies`.
 * Exits 1 at the first failure; the temp folder is always removed.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
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

/** @param {string} title @param {() => Promise<string | void>} fn */
async function stepAsync(title, fn) {
  const t = performance.now();
  /** @type {string | void} */ let note;
  try {
    note = await fn();
  } catch (err) {
    console.error(`  FAIL ${title} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    throw err;
  }
  console.log(`  ok  ${title}${note ? ` — ${note}` : ''} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
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

// ---------------------------------------------------------------------------------------------
// Browser bundle

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** A tiny PS-PSA-SINA flow (one beneficiary, made-up data) that validates with no error and no warning. */
const SIUSS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Flusso xmlns="http://inps.it/Casellario">
  <IdentificazioneFlusso Nome="A944.PS.20250603.0000001">
    <Ente Codice="A944" Denominazione="Comune di Bologna" Indirizzo="A944" CFOperatore="RNLSRA82E63A944Y"/>
  </IdentificazioneFlusso>
  <Beneficiario CodiceFiscale="SPSGNN90D42F839H">
    <Anagrafica Cognome="Esposito" Nome="Giovanna" AnnoNascita="1990" LuogoNascita="F839" Genere="2" CodiceCittadinanza="380"/>
    <Indirizzo CodiceRegione="08" CodiceComune="037006" CodiceNazione="380"/>
    <PrestazioniSociali TipoOperazione="I" PresenzaProvaMezzi="1" CaratterePrestazione="1" NumeroProtocolloDSU="INPS-ISEE-2025-00001234X-00" AnnoProtocolloDSU="2025" DataDSU="2025-02-10" CodicePrestazione="A2.07" DenominazionePrestazione="Assistenza domiciliare socio-assistenziale (SAD)" ProtocolloDomanda="PG/2025/0004711" DataInizioPrestazione="2025-04-02" DataFinePrestazione="2025-04-30" ImportoPrestazione="440.00" PeriodoErogazione="1" ImportoMensile="440.00" ImportoQuotaEnte="400.00" ImportoQuotaUtente="40.00" ImportoSogliaISEE="20000.00" OreServizioMensile="20.00" PresaCarico="1" AreaUtenza="2">
      <SINA Mobilita="2" AttivitaVitaQuotidiana="2" DisturbiAreaCognitiva="1" DisturbiComportamentali="1" NecessitaCureSanitarie="2" AreaReddituale="3" AreaSupporto="2" FonteDerivazioneValutazione="1" StrumentoValutazione="1">
        <NecessitaInterventiSociali>
          <CodicePrestazione>A2.07</CodicePrestazione>
        </NecessitaInterventiSociali>
      </SINA>
    </PrestazioniSociali>
  </Beneficiario>
</Flusso>
`;

/** The household of the eligibility checks (ADI, eligible on 2025-03-01 for 892,92 € a month). */
const HOUSEHOLD_FILE = join(ROOT, 'packages', 'rei-eligibility', 'src', 'fixtures', 'cli', 'adi-eligible.json');

/**
 * The browser app: one real call of each browser-meant entry point, the results as JSON in `#out`
 * (and in `globalThis.__riusoSmoke` for the `node:vm` run). `csi-model` is left out: it uses
 * `node:crypto` and its README and guide say Node.js only (it is bundled below as a Node-only entry).
 */
const BROWSER_APP = (household) => `import { formatCents, formatDate, isIsoDate, maskFiscalCode, todayInItaly } from '@riuso-sociale/core';
import { computeFiscalCode, decodeFiscalCode, validateFiscalCode } from '@riuso-sociale/fiscal-code';
import { validateFiscalCode as validateLite } from '@riuso-sociale/fiscal-code/lite';
import { evaluate } from '@riuso-sociale/rei-eligibility';
import { parseFlow, validateFlow } from '@riuso-sociale/siuss-schema';

const XML = ${JSON.stringify(SIUSS_XML)};
const household = ${JSON.stringify(household)};
let results;
try {
  const r = evaluate({ measure: 'adi', date: '2025-03-01', household });
  const flow = validateFlow(XML);
  results = {
    formatDate: formatDate('2025-03-01'),
    formatDateEn: formatDate('2025-03-01', { lang: 'en', preposition: 'from' }),
    todayInItaly: todayInItaly(new Date('2025-12-31T23:30:00Z')),
    isIsoDate: [isIsoDate('2024-02-29'), isIsoDate('2023-02-29')],
    formatCents: formatCents(89292),
    mask: maskFiscalCode('RSSMRA80A01H501U'),
    compute: computeFiscalCode({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501' }),
    validate: validateFiscalCode('RSSMRA80A01H501U').ok,
    decodePlace: decodeFiscalCode('RSSMRA80A01H501U', { referenceDate: '2026-01-01' }).birthPlace?.name,
    lite: [validateLite('rssmra80a01h501u').ok, validateLite('RSSMRA80A01H501X').ok],
    eligibility: r.ok ? [r.value.status, r.value.benefit?.monthlyCents] : ['error', r.issues[0]?.code],
    siuss: [flow.kind, flow.errors.length, flow.warnings.length, parseFlow(XML).Beneficiario.length],
  };
} catch (e) {
  results = { error: String(e && e.stack || e) };
}
globalThis.__riusoSmoke = results;
if (typeof document !== 'undefined') {
  const out = document.getElementById('out');
  out.textContent = JSON.stringify(results);
  out.dataset.done = '1';
}
`;

/** What the browser app must compute. */
const BROWSER_EXPECTED = {
  formatDate: '1° marzo 2025',
  formatDateEn: 'from 1 March 2025',
  todayInItaly: '2026-01-01',
  isIsoDate: [true, false],
  formatCents: '892,92 €',
  mask: 'RSSMRA******501U',
  compute: 'RSSMRA80A01H501U',
  validate: true,
  decodePlace: 'Roma',
  lite: [true, false],
  eligibility: ['eligible', 89292],
  siuss: ['PS_PSA_SINA', 0, 0, 1],
};

const BROWSER_HTML = `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>riuso-sociale smoke</title><link rel="icon" href="data:,"></head>
<body><pre id="out"></pre><script type="module" src="./app.js"></script></body></html>
`;

/** @param {string} spec */
const isNodeBuiltin = (spec) => spec.startsWith('node:') || builtinModules.includes(spec) || builtinModules.includes(spec.split('/')[0] ?? '');

/** @param {{ text: string, notes?: { text: string }[] }} m */
const messageText = (m) => [m.text, ...(m.notes ?? []).map((n) => n.text)].join(' ');

/** Whether an esbuild message is about a Node built-in. @param {{ text: string, notes?: { text: string }[] }} m */
const aboutNode = (m) => /\bnode:|built into node|platform: ?["']?node/i.test(messageText(m)) || [...messageText(m).matchAll(/"([^"]+)"/g)].some(([, s]) => isNodeBuiltin(s ?? ''));

/**
 * Bundles `entry` for the browser from the scratch project; never throws for a build error.
 * @param {string} app @param {string} entry
 */
async function browserBundle(app, entry) {
  try {
    const r = await esbuild({
      absWorkingDir: app, entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser',
      target: 'es2022', write: false, metafile: true, outfile: join(app, 'out', 'app.js'), logLevel: 'silent',
    });
    const inputs = r.metafile.inputs;
    const nodeInputs = [
      ...Object.keys(inputs).filter((k) => isNodeBuiltin(k)),
      ...Object.values(inputs).flatMap((i) => i.imports.map((x) => x.path).filter(isNodeBuiltin)),
    ];
    return { ok: true, js: r.outputFiles[0]?.text ?? '', errors: [], warnings: r.warnings, inputs: Object.keys(inputs), nodeInputs };
  } catch (e) {
    const errors = /** @type {{ errors?: any[] }} */ (e).errors;
    if (!Array.isArray(errors)) throw e;
    return { ok: false, js: '', errors, warnings: /** @type {{ warnings?: any[] }} */ (e).warnings ?? [], inputs: [], nodeInputs: [] };
  }
}

/**
 * The Node built-ins a Node-only entry's browser bundle trips on (errors, warnings or metafile imports).
 * @param {Awaited<ReturnType<typeof browserBundle>>} b
 */
const nodeProblems = (b) => [
  ...b.errors.filter(aboutNode).map((m) => `error: ${m.text}`),
  ...b.warnings.filter(aboutNode).map((m) => `warning: ${m.text}`),
  ...b.nodeInputs.map((s) => `imports ${s}`),
];

/** Compares the app's results with BROWSER_EXPECTED; returns the differences. @param {any} got */
function browserDiffs(got) {
  if (got === undefined || got === null) return ['no result'];
  if (got.error) return [`the app threw: ${got.error}`];
  return Object.entries(BROWSER_EXPECTED)
    .filter(([k, v]) => JSON.stringify(got[k]) !== JSON.stringify(v))
    .map(([k, v]) => `${k}: got ${JSON.stringify(got[k])}, expected ${JSON.stringify(v)}`);
}

/**
 * Loads index.html and the bundle in headless Chromium, from an intercepted origin (no server, no
 * network), and reads `#out`. Console errors and page errors are failures.
 * @param {string} js
 */
async function runInChromium(js) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'America/Los_Angeles' });
    const page = await context.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const origin = 'http://riuso-smoke.test';
    await page.route(`${origin}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/' || path === '/index.html') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: BROWSER_HTML });
      if (path === '/app.js') return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: js });
      problems.push(`unexpected request: ${path}`);
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
    await page.waitForSelector('#out[data-done="1"]', { timeout: 15_000, state: 'attached' }).catch(() => {});
    const text = await page.textContent('#out');
    return { results: text ? JSON.parse(text) : undefined, problems, version: browser.version() };
  } finally {
    await browser.close();
  }
}

/**
 * Runs the bundle in a bare `node:vm` context: ECMAScript globals plus the few Web APIs every browser
 * has, and no `process`, `require`, `Buffer` or `module`.
 * @param {string} js
 */
function runInVm(js) {
  /** @type {Record<string, unknown>} */
  const sandbox = { console: { log() {}, info() {}, warn() {}, error() {} }, TextEncoder, TextDecoder, URL, URLSearchParams, queueMicrotask, structuredClone, atob, btoa };
  const context = vm.createContext(sandbox);
  for (const name of ['process', 'require', 'Buffer', 'module', 'global']) {
    if (vm.runInContext(`typeof ${name}`, context) !== 'undefined') throw new StepError(`the vm context has a ${name} global`);
  }
  vm.runInContext(js, context, { filename: 'app.js', timeout: 10_000 });
  return sandbox.__riusoSmoke;
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

  // The browser: the browser-meant entries, bundled from the installed tarballs as a web app would.
  const browserDir = join(app, 'browser');
  mkdirSync(browserDir);
  writeFileSync(join(browserDir, 'app.js'), BROWSER_APP(JSON.parse(readFileSync(HOUSEHOLD_FILE, 'utf8'))));
  /** @type {string} */
  let browserJs = '';
  await stepAsync('esbuild browser bundle (platform browser, ESM, minified) of core, fiscal-code, fiscal-code/lite, rei-eligibility, siuss-schema: no error, no Node built-in', async () => {
    const b = await browserBundle(app, join(browserDir, 'app.js'));
    if (!b.ok) throw new StepError(`the browser bundle fails:\n${b.errors.map((m) => `  ${messageText(m)}`).join('\n')}`);
    const nodeWarnings = b.warnings.filter(aboutNode);
    if (nodeWarnings.length) throw new StepError(`warnings about Node built-ins:\n${nodeWarnings.map((m) => `  ${messageText(m)}`).join('\n')}`);
    if (b.nodeInputs.length) throw new StepError(`Node built-ins in the metafile's inputs: ${[...new Set(b.nodeInputs)].join(', ')}`);
    const fromPackages = b.inputs.filter((i) => i.includes('node_modules/@riuso-sociale/'));
    if (fromPackages.length === 0) throw new StepError('the bundle took nothing from node_modules/@riuso-sociale (not the installed tarballs?)');
    browserJs = b.js;
    const other = b.warnings.length ? `; ${b.warnings.length} other warning(s): ${[...new Set(b.warnings.map((m) => m.text))].join(' | ')}` : '';
    return `${(b.js.length / 1024).toFixed(0)} KB, ${(gzipSync(b.js, { level: 9 }).length / 1024).toFixed(1)} KB gzip, ${b.inputs.length} inputs${other}`;
  });
  step('the browser bundle in node:vm (no process, require, Buffer): every call as expected', () => {
    const diffs = browserDiffs(runInVm(browserJs));
    if (diffs.length) throw new StepError(`node:vm run:\n  ${diffs.join('\n  ')}`);
    return `${Object.keys(BROWSER_EXPECTED).length} results`;
  });
  let chromiumMissing = '';
  if (!existsSync(CHROMIUM)) chromiumMissing = `Chromium not found at ${CHROMIUM}`;
  else {
    try {
      await import('playwright-core');
    } catch {
      chromiumMissing = 'playwright-core is not installed (npm ci at the repository root)';
    }
  }
  if (chromiumMissing && IN_CI) {
    throw new StepError(`${chromiumMissing}: under CI=true the browser run is never skipped. Install the Debian package (apt-get install chromium) or set CHROMIUM_PATH.`);
  } else if (chromiumMissing) {
    console.log(`  note the browser bundle was NOT run in Chromium: ${chromiumMissing} (a failure under CI=true; set CHROMIUM_PATH)`);
  } else {
    await stepAsync(`the browser bundle in headless Chromium (${CHROMIUM}, time zone America/Los_Angeles): every call as expected on the page`, async () => {
      const { results, problems, version } = await runInChromium(browserJs);
      const diffs = [...problems, ...browserDiffs(results)];
      if (diffs.length) throw new StepError(`Chromium run:\n  ${diffs.join('\n  ')}`);
      return `Chromium ${version}: ${results.formatDate}, ${results.compute}, ADI ${results.eligibility.join(' ')}, SIUSS ${results.siuss[1]} errors`;
    });
  }
  // Sizes as a web app gets them from the tarballs. @date-fns/tz (todayInItaly's TZDate) is bundled into
  // core's dist, so its files are not among the metafile's inputs: esbuild follows the dist's source
  // maps, and the bundle's own source map names the date-fns files whose code survived tree shaking.
  // formatDate carries none (a table of month names): todayInItaly alone shows the check is not blind.
  await stepAsync('browser bundle of fiscal-code/lite alone: ≤ 4 KB gzip, no date-fns code; of core todayInItaly alone: reported', async () => {
    /** @param {string} name @param {string} contents */
    const sized = async (name, contents) => {
      const file = join(browserDir, `${name}.js`);
      writeFileSync(file, contents);
      const r = await esbuild({
        absWorkingDir: app, entryPoints: [file], bundle: true, minify: true, format: 'esm', platform: 'browser',
        target: 'es2022', write: false, sourcemap: 'external', outfile: join(app, 'out', `${name}.js`), logLevel: 'silent',
      });
      const js = r.outputFiles.find((f) => f.path.endsWith('.js'));
      const map = JSON.parse(r.outputFiles.find((f) => f.path.endsWith('.map'))?.text ?? '{}');
      if (!js) throw new StepError(`${name}: no output`);
      return { gzip: gzipSync(js.contents, { level: 9 }).length, dateFns: (map.sources ?? []).filter((/** @type {string} */ p) => /date-fns/.test(p)) };
    };
    const lite = await sized('lite-alone', `import { validateFiscalCode } from '@riuso-sociale/fiscal-code/lite';\nglobalThis.__riusoSmoke = validateFiscalCode('RSSMRA80A01H501U').ok;\n`);
    const today = await sized('today-in-italy-alone', `import { todayInItaly } from '@riuso-sociale/core';\nglobalThis.__riusoSmoke = todayInItaly();\n`);
    if (today.dateFns.length === 0) throw new StepError('todayInItaly alone shows no @date-fns/tz source: the date-fns check is blind (source maps missing from the tarball?)');
    if (lite.dateFns.length) throw new StepError(`fiscal-code/lite alone takes date-fns code: ${lite.dateFns.slice(0, 5).join(', ')}`);
    if (lite.gzip > 4096) throw new StepError(`fiscal-code/lite alone is ${lite.gzip} B gzip, over 4096`);
    return `lite ${(lite.gzip / 1024).toFixed(2)} KB gzip, 0 date-fns files; todayInItaly ${(today.gzip / 1024).toFixed(2)} KB gzip, ${today.dateFns.length} date-fns files`;
  });
  // The Node-only entries, bundled the same way. core/cli, the CLI kit (util.parseArgs, node:fs),
  // must trip the check that the main entries pass: the Node code sits in that entry and nowhere
  // else, and the check is not blind. csi-model uses node:crypto (its README says Node.js only): reported.
  await stepAsync('Node-only entries in a browser bundle: @riuso-sociale/core/cli is caught importing Node built-ins (csi-model reported)', async () => {
    /** @type {string[]} */
    const notes = [];
    for (const id of ['@riuso-sociale/core/cli', '@riuso-sociale/csi-model']) {
      const file = join(browserDir, `${id.replace(/[@/]/g, '_')}.js`);
      writeFileSync(file, `import * as m from '${id}';\nglobalThis.__riusoSmoke = Object.keys(m);\n`);
      const found = nodeProblems(await browserBundle(app, file));
      if (found.length === 0 && id.endsWith('/cli')) throw new StepError(`${id} bundles for the browser without any Node built-in: the Node built-in check is blind, or the CLI kit moved`);
      notes.push(found.length ? `${id}: ${found[0]}${found.length > 1 ? ` (+${found.length - 1})` : ''}` : `${id}: no Node built-in reached`);
    }
    return notes.join('; ');
  });

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

  // A newcomer's tour of the CLIs, run as the installed bins (node_modules/.bin, what npx runs).
  // Wording is another matter (the parser is moving to util.parseArgs): exit codes, line counts and
  // language are pinned here, the words are not.
  writeFileSync(join(app, 'household.json'), readFileSync(HOUSEHOLD_FILE));
  writeFileSync(join(app, 'flusso.xml'), SIUSS_XML);
  /** @param {string} bin @param {string[]} args */
  const tour = (bin, args) => {
    const r = spawnSync(join(app, 'node_modules', '.bin', bin), args, { cwd: app, env: csiEnv, encoding: 'utf8' });
    if (r.error) throw new StepError(`${bin} ${args.join(' ')}: ${r.error.message}`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: (/** @type {string} */ t) => t.split('\n').filter((l) => l.trim() !== '') };
  };
  /** @param {string} what @param {{ status: number | null, stdout: string, stderr: string }} r @param {number} expect */
  const expectExit = (what, r, expect) => {
    if (r.status !== expect) throw new StepError(`${what} exited ${r.status} (expected ${expect})\n${r.stdout}${r.stderr}`.trimEnd());
  };
  // Words only one of the two languages uses (command names taken out first).
  const ITALIAN = /\b(sconosciut[ao]|opzione|opzioni|uso|suggerimento|valid[oi]|errore|errori|avvisi|codic[ei]|esito|misura|ammesso|mancante|richiest[oa])\b/i;
  const ENGLISH = /\b(unknown|option|usage|hint|valid|invalid|error|errors|warnings|codes?|outcome|measure|eligible|missing|required)\b/i;
  /** @param {string} bin @param {string} text */
  const language = (bin, text) => {
    const t = text.replaceAll(bin, '');
    const it = ITALIAN.test(t);
    const en = ENGLISH.test(t);
    return it && !en ? 'it' : en && !it ? 'en' : it && en ? 'mixed' : 'unknown';
  };
  /** @param {string} bin @param {string} what @param {string} text @param {'it' | 'en'} want */
  const expectLanguage = (bin, what, text, want) => {
    const got = language(bin, text);
    if (got !== want) throw new StepError(`${what}: expected ${want === 'it' ? 'Italian' : 'English'}, got ${got}:\n${text}`.trimEnd());
  };
  const versionOf = (/** @type {string} */ name) => packages.find((p) => p.name === name)?.version;
  const CLIS = /** @type {const} */ ([
    ['codice-fiscale', '@riuso-sociale/fiscal-code'],
    ['eligibility', '@riuso-sociale/rei-eligibility'],
    ['siuss', '@riuso-sociale/siuss-schema'],
    ['csi-store', '@riuso-sociale/csi-store'],
    ['siuss-waas', '@riuso-sociale/siuss-waas'],
  ]);
  for (const [bin, pkgName] of CLIS) {
    step(`tour: ${bin} --help / --version / --bogus / --bogus --lang en`, () => {
      const help = tour(bin, ['--help']);
      expectExit(`${bin} --help`, help, 0);
      const helpLines = help.lines(help.stdout);
      if (helpLines.length < 5 || !/\b(uso|usage)\b/i.test(help.stdout) || !help.stdout.includes(bin)) throw new StepError(`${bin} --help prints no usage:\n${help.stdout}`);
      if (help.stderr.trim() !== '') throw new StepError(`${bin} --help wrote on stderr:\n${help.stderr}`);
      const version = tour(bin, ['--version']);
      expectExit(`${bin} --version`, version, 0);
      if (version.stdout.trim() !== versionOf(pkgName)) throw new StepError(`${bin} --version printed ${JSON.stringify(version.stdout.trim())}, expected ${versionOf(pkgName)}`);
      /** @type {string[]} */
      const firstLines = [];
      for (const lang of /** @type {const} */ (['it', 'en'])) {
        const args = lang === 'it' ? ['--bogus'] : ['--bogus', '--lang', 'en'];
        const what = `${bin} ${args.join(' ')}`;
        const r = tour(bin, args);
        expectExit(what, r, 2);
        const err = r.lines(r.stderr);
        if (err.length !== 2) throw new StepError(`${what}: expected one line and a hint on stderr, got ${err.length} lines:\n${r.stderr}`.trimEnd());
        if (!err[0]?.includes('--bogus')) throw new StepError(`${what}: the first line does not name the option:\n${r.stderr}`);
        if (!err[1]?.includes('--help')) throw new StepError(`${what}: the hint does not point to --help:\n${r.stderr}`);
        if (r.stdout.trim() !== '') throw new StepError(`${what}: wrote on stdout (the help?):\n${r.stdout}`);
        expectLanguage(bin, what, r.stderr, lang);
        firstLines.push(err[0] ?? '');
      }
      return `${helpLines.length} help lines, ${version.stdout.trim()}, "${firstLines.join('" / "')}"`;
    });
  }
  step('tour: codice-fiscale compute from what an operator types, validate a good and a bad code in Italian and English', () => {
    const compute = tour('codice-fiscale', ['compute', '--surname', 'Rossi', '--name', 'Mario', '--sex', 'M', '--birth-date', '1980-01-01', '--birth-place', 'Roma']);
    expectExit('codice-fiscale compute', compute, 0);
    if (compute.stdout.trim() !== 'RSSMRA80A01H501U') throw new StepError(`codice-fiscale compute printed ${JSON.stringify(compute.stdout)}`);
    /** @type {string[]} */
    const summaries = [];
    for (const lang of /** @type {const} */ (['it', 'en'])) {
      const r = tour('codice-fiscale', ['validate', 'RSSMRA80A01H501U', '--lang', lang]);
      expectExit(`codice-fiscale validate --lang ${lang}`, r, 0);
      if (r.stdout.includes('RSSMRA80A01H501U')) throw new StepError(`codice-fiscale validate prints the code unmasked:\n${r.stdout}`);
      expectLanguage('codice-fiscale', `codice-fiscale validate --lang ${lang}`, r.stdout, lang);
      summaries.push(r.lines(r.stdout).at(-1) ?? '');
      // A bad code: exit 1, and every column in the language asked for (the status too).
      const bad = tour('codice-fiscale', ['validate', 'RSSMRA80A32H501C', '--lang', lang]);
      expectExit(`codice-fiscale validate <bad code> --lang ${lang}`, bad, 1);
      expectLanguage('codice-fiscale', `codice-fiscale validate <bad code> --lang ${lang}`, `${bad.stdout}${bad.stderr}`, lang);
    }
    return `${compute.stdout.trim()}; ${summaries.join(' / ')}`;
  });
  step('tour: eligibility evaluate household.json --measure adi --date 2025-03-01, in Italian and English', () => {
    /** @type {string[]} */
    const outcomes = [];
    for (const lang of /** @type {const} */ (['it', 'en'])) {
      const r = tour('eligibility', ['evaluate', 'household.json', '--measure', 'adi', '--date', '2025-03-01', '--lang', lang]);
      expectExit(`eligibility evaluate --lang ${lang}`, r, 0);
      const money = lang === 'it' ? '892,92' : '892.92';
      if (!r.stdout.includes(money)) throw new StepError(`eligibility evaluate --lang ${lang}: no ${money} in the output:\n${r.stdout}`);
      // The legal references stay in Italian (they are citations): judge the language on the other words.
      expectLanguage('eligibility', `eligibility evaluate --lang ${lang}`, r.stdout.replace(/ — [^\n]*/g, ''), lang);
      outcomes.push(r.lines(r.stdout).slice(0, 3).join(' | '));
    }
    return outcomes.join(' / ');
  });
  step('tour: siuss validate flusso.xml, in Italian and English', () => {
    /** @type {string[]} */
    const out = [];
    for (const lang of /** @type {const} */ (['it', 'en'])) {
      const r = tour('siuss', ['validate', 'flusso.xml', '--lang', lang]);
      expectExit(`siuss validate --lang ${lang}`, r, 0);
      expectLanguage('siuss', `siuss validate --lang ${lang}`, r.stdout.replaceAll('flusso.xml', ''), lang);
      out.push(r.stdout.trim());
    }
    return out.join(' / ');
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
