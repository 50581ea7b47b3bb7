#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Browser test of the documentation site (`npm run test:browser`, and the `browser` gate of
 * `npm run check`). It serves the built site (docs/.vitepress/dist) with a tiny static server and
 * drives Chromium (Debian's /usr/bin/chromium, headless, through playwright-core; no browser is ever
 * downloaded) to check:
 *
 *   1. the Italian and English home pages load with no console error, page error or failed request
 *      (the favicon included: the page names it, so Chromium never asks for a missing /favicon.ico);
 *   2. the codice fiscale checker (IT and EN) decodes RSSMRA80A01H501U (male, 1980-01-01, Roma),
 *      shows the bilingual message of an invalid code, a former comune's validity period as words
 *      (Gallico, D877), an omocodic code's base code, and computes a code;
 *   3. the eligibility calculator (IT and EN) shows the prefilled ADI example (2 March 2026) as
 *      eligible, 892,92 € a month, scale 1,55, with every requirement's legal reference; with income
 *      20.000 € it is NOT eligible because of the income requirement; without the ISEE it asks for it;
 *      with an ordinary ISEE (the 2026 one is read) it warns in the page's language, and still passes
 *      within the ceiling but asks for the 2026 ISEE above it; a date after the verified period warns;
 *      its one-line outcome is in view (not under the site's bars) when the page opens and next to a
 *      field far down the form, on a desktop and on a phone;
 *   4. no client script imports a Node.js built-in (`node:…`);
 *   5. every internal link of every built HTML page resolves (HTTP 200, and the #anchor exists), and
 *      names a file, so a plain static host with no rewrite serves it too;
 *   6. deep links (an Italian and an English guide page, an API page) followed from the site and then
 *      reloaded on a plain static server (no extensionless URLs, no rewrites) answer 200 with the page;
 *
 * and saves screenshots to docs/.artifacts/screenshots/. Exits 1 with the list of failures.
 *
 *   node docs/test/browser.mjs            builds the site first only if dist is missing
 *   node docs/test/browser.mjs --build    always runs `npm run docs:build` first
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), DOCS_DIST (default docs/.vitepress/dist).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST as DEFAULT_DIST, fileFor, startServer } from './static-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DOCS = resolve(HERE, '..');
const ROOT = resolve(DOCS, '..');
const DIST = resolve(process.env.DOCS_DIST ?? DEFAULT_DIST);
const SHOTS = join(DOCS, '.artifacts', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TIMEOUT = 15_000;

/** The pages under test, relative to the site's base. */
const PAGES = {
  it: { home: '', checker: 'strumenti/codice-fiscale', calculator: 'strumenti/calcolatore' },
  en: { home: 'en/', checker: 'en/tools/fiscal-code', calculator: 'en/tools/calculator' },
};

/** What each language's pages must show. */
const EXPECT = {
  it: {
    invalidDay: 'Giorno di nascita non valido (32)',
    male: 'maschile',
    level0: 'livello 0',
    level1: 'livello 1',
    eligible: 'AMMESSO',
    ineligible: 'NON AMMESSO',
    needsInfo: 'SERVONO DATI',
    monthly: '892,92 €',
    annual: '10.715,00 €',
    scale: '1,55',
    incomePass: 'Reddito familiare 3.000,00 €',
    incomeFail: 'Reddito familiare 20.000,00 €',
    born: '1° gennaio 1980',
    gallicoValidity: 'codice valido dal 17 marzo 1861 al 2 agosto 1927',
    title: 'Assegno di inclusione (ADI) — 2 marzo 2026',
    inForce: 'in vigore il 2 marzo 2026',
    iseeKindWarning: "La misura richiede l'ISEE per specifiche prestazioni familiari e per l'inclusione; il nucleo indica l'ISEE ordinario",
    iseeKindMissing: 'Tipo di ISEE',
    oneWarning: '(1 avviso)',
    unverifiedAfter: 'successiva all\'ultimo periodo verificato (fino al 31 dicembre 2026)',
  },
  en: {
    invalidDay: 'Invalid birth day (32)',
    male: 'male',
    level0: 'level 0',
    level1: 'level 1',
    eligible: 'ELIGIBLE',
    ineligible: 'NOT ELIGIBLE',
    needsInfo: 'MORE INFORMATION NEEDED',
    monthly: '€892.92',
    annual: '€10,715.00',
    scale: '1.55',
    incomePass: 'Household income €3,000.00',
    incomeFail: 'Household income €20,000.00',
    born: '1 January 1980',
    gallicoValidity: 'code valid from 17 March 1861 to 2 August 1927',
    title: 'Inclusion allowance (ADI) — 2 March 2026',
    inForce: 'in force on 2 March 2026',
    iseeKindWarning: 'The measure reads the ISEE for specific family and inclusion benefits; the household gives the ordinary ISEE',
    iseeKindMissing: 'Kind of ISEE',
    oneWarning: '(1 warning)',
    unverifiedAfter: 'is after the last verified period (up to 31 December 2026)',
  },
};

const started = performance.now();
/** @type {string[]} */
const failures = [];
let passed = 0;

/** Records one check. */
function check(ok, what, detail = '') {
  if (ok) {
    passed++;
    console.log(`  ✓ ${what}`);
  } else {
    failures.push(detail ? `${what}: ${detail}` : what);
    console.log(`  ✗ ${what}${detail ? ` — ${detail}` : ''}`);
  }
  return ok;
}

const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------
// 0. The built site and the browser

function buildSite(reason) {
  console.log(`browser: ${reason}: npm run docs:build`);
  const r = spawnSync(NPM, ['run', 'docs:build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`browser: FAILED: npm run docs:build exited with ${r.status ?? r.signal}`);
    process.exit(1);
  }
}

if (process.argv.includes('--build')) buildSite('--build');
else if (!existsSync(join(DIST, 'index.html'))) buildSite(`${relative(ROOT, DIST)} has no index.html`);
else console.log(`browser: using the existing build in ${relative(ROOT, DIST) || DIST} (pass --build to rebuild)`);

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`browser: FAILED: ${DIST}/index.html does not exist after the build`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`browser: FAILED: Chromium not found at ${CHROMIUM}. Install the Debian package (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const { chromium } = await import('playwright-core');
const server = await startServer({ dist: DIST });
const base = server.base;
console.log(`browser: serving ${relative(ROOT, DIST) || DIST} at ${server.url} (base ${base})`);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
rmSync(SHOTS, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });
/** @type {string[]} */
const screenshots = [];

/**
 * Opens a page and records console errors, page errors, failed requests and HTTP errors.
 * @param {string} path relative to the base
 * @param {'it' | 'en'} [lang] the browser's language
 */
async function open(path, lang = 'it') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'en' ? 'en-GB' : 'it-IT', timezoneId: 'Europe/Rome' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  /** @type {string[]} */
  const problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    problems.push(`console error: ${m.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const url = `${server.url}${path}`;
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle').catch(() => {});
  return { page, context, problems, url, status: response?.status() ?? 0 };
}

/** Checks the page loaded (200) and logged no problem. */
function checkClean(lang, name, opened) {
  check(opened.status === 200, `${lang} ${name}: ${opened.url} answers 200`, `status ${opened.status}`);
  check(opened.problems.length === 0, `${lang} ${name}: no console errors, page errors or failed requests`, opened.problems.join('; '));
}

async function screenshot(page, name, fullPage = true) {
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  screenshots.push(relative(ROOT, file));
}

const textOf = async (page, selector) => ((await page.locator(selector).first().textContent({ timeout: TIMEOUT })) ?? '').replace(/\s+/g, ' ').trim();

/**
 * Whether the calculator's one-line outcome is in the viewport and not covered (by the site's bars).
 * @param {import('playwright-core').Page} page
 */
async function summaryInView(page) {
  const r = await page.locator('[data-field="summary"]').evaluate((el) => {
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + Math.min(40, box.width / 2), box.top + box.height / 2);
    return { top: Math.round(box.top), bottom: Math.round(box.bottom), vh: window.innerHeight, onTop: hit !== null && el.contains(hit), scrollY: Math.round(window.scrollY), text: el.textContent ?? '' };
  });
  const ok = r.top >= 0 && r.bottom <= r.vh && r.onTop;
  return { ok, scrollY: r.scrollY, text: r.text, detail: `summary at ${r.top}–${r.bottom} px of ${r.vh}, ${r.onTop ? 'on top' : 'covered'}, page scrolled ${r.scrollY} px: "${r.text.trim()}"` };
}

/** Runs a block of checks; an exception (a timeout, a missing element) is one failure, not a crash. */
async function step(what, fn) {
  try {
    await fn();
  } catch (e) {
    check(false, what, (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '');
  }
}

// ---------------------------------------------------------------------------------------------
// 1–3. Pages

for (const lang of /** @type {const} */ (['it', 'en'])) {
  const pages = PAGES[lang];
  const x = EXPECT[lang];
  console.log(`\n━━ ${lang === 'it' ? 'Italiano' : 'English'}`);

  // Home
  await step(`${lang} home`, async () => {
    const o = await open(pages.home, lang);
    check((await o.page.title()).trim() !== '', `${lang} home: has a title`);
    const icon = await o.page.locator('head link[rel="icon"]').evaluateAll((ls) => ls.map((l) => /** @type {HTMLLinkElement} */ (l).href));
    const iconRes = icon[0] ? await fetch(icon[0]) : null;
    check(
      iconRes !== null && iconRes.status === 200 && /^image\//.test(iconRes.headers.get('content-type') ?? ''),
      `${lang} home: has a favicon (${icon[0]?.slice(server.origin.length) ?? 'none'}) that answers 200 as an image`,
      iconRes ? `HTTP ${iconRes.status} ${iconRes.headers.get('content-type')}` : 'no <link rel="icon">',
    );
    checkClean(lang, 'home', o);
    await screenshot(o.page, `${lang}-home`, false);
    await o.context.close();
  });

  // Codice fiscale checker
  await step(`${lang} codice fiscale checker`, async () => {
    const o = await open(pages.checker, lang);
    const { page } = o;
    await page.locator('.rs-cf[data-ready="true"]').waitFor();
    const input = page.locator('#rs-cf-input');

    await input.fill('rssmra80a32h501c');
    await page.locator('[data-verdict="invalid"]').waitFor();
    const dayIssue = await textOf(page, '.rs-cf li[data-code="cf.day"]');
    check(dayIssue.includes(x.invalidDay), `${lang} checker: RSSMRA80A32H501C is not valid, with the ${lang} message of cf.day`, dayIssue);

    await input.fill('RSSMRA80A01H501U');
    await page.locator('[data-verdict="valid"]').waitFor();
    const sex = await textOf(page, '[data-field="sex"]');
    const birth = await textOf(page, '[data-field="birthDate"]');
    const place = await textOf(page, '[data-field="birthPlace"]');
    const level = await textOf(page, '[data-field="omocodeLevel"]');
    check(sex.startsWith(x.male), `${lang} checker: RSSMRA80A01H501U decodes as ${x.male}`, sex);
    check(birth.includes(x.born) && !birth.includes('1980-01-01'), `${lang} checker: born ${x.born} (in words, not ISO)`, birth);
    check(place.includes('Roma') && place.includes('(RM)') && place.includes('H501'), `${lang} checker: born in Roma (RM), H501`, place);
    check(level.includes(x.level0), `${lang} checker: omocodia ${x.level0}`, level);
    await screenshot(page, `${lang}-${lang === 'it' ? 'codice-fiscale' : 'fiscal-code'}`);

    // A comune that no longer exists: its validity period reads as words, not "D877dal 1861-03-17al 1927-08-02",
    // and its dates as people write them.
    await input.fill('RSSMRA00E01D877K');
    await page.locator('[data-verdict="valid"]').waitFor();
    const gallico = await page.locator('[data-field="birthPlace"]').first().innerText();
    check(
      new RegExp(`^Gallico \\(RC\\) — \\S.*, D877 \\(${x.gallicoValidity}\\) — \\S`).test(gallico),
      `${lang} checker: Gallico's code D877 reads "D877 (${x.gallicoValidity})", words apart`,
      gallico,
    );

    await input.fill('RSSMRA80A01H50MM');
    await page.locator('[data-verdict="valid"]').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-field="canonical"]')?.textContent?.includes('RSSMRA80A01H501U'));
    check((await textOf(page, '[data-field="omocodeLevel"]')).includes(x.level1), `${lang} checker: RSSMRA80A01H50MM is omocodic (${x.level1}) with base code RSSMRA80A01H501U`);

    await page.locator('.rs-compute summary').click();
    await page.locator('#rs-cf-surname').fill('Rossi');
    await page.locator('#rs-cf-name').fill('Mario');
    await page.locator('#rs-cf-sex').selectOption('M');
    await page.locator('#rs-cf-birth').fill('1980-01-01');
    await page.locator('#rs-cf-place').fill('Roma');
    await page.locator('.rs-compute button[type="submit"]').click();
    const computed = await textOf(page, '[data-field="computed"]');
    check(computed === 'RSSMRA80A01H501U', `${lang} checker: computes RSSMRA80A01H501U for Rossi Mario, M, 1980-01-01, Roma`, computed);

    checkClean(lang, 'checker', o);
    await o.context.close();
  });

  // Eligibility calculator
  await step(`${lang} eligibility calculator`, async () => {
    const o = await open(pages.calculator, lang);
    const { page } = o;
    await page.locator('.rs-el[data-ready="true"]').waitFor();
    const adi = page.locator('article[data-measure="adi"]');
    await page.locator('article[data-measure="adi"][data-status="eligible"]').waitFor();
    const status = await textOf(page, 'article[data-measure="adi"] [data-field="status"]');
    const monthly = await textOf(page, 'article[data-measure="adi"] [data-field="monthly"]');
    const scale = await textOf(page, 'article[data-measure="adi"] [data-field="scale"]');
    const summary = await textOf(page, '[data-field="summary"]');
    check(status.includes(x.eligible) && !status.includes(x.ineligible), `${lang} calculator: the example is ${x.eligible}`, status);
    check(monthly.includes(x.monthly) && monthly.includes(x.annual), `${lang} calculator: ${x.monthly} a month, ${x.annual} a year`, monthly);
    check(scale.startsWith(x.scale), `${lang} calculator: ADI scale ${x.scale}`, scale);
    const title = await textOf(page, 'article[data-measure="adi"] .rs-eval-title');
    const period = await textOf(page, 'article[data-measure="adi"] li[data-id="adi.period"]');
    check(title === x.title && period.includes(x.inForce), `${lang} calculator: the date in words ("${x.title}", "${x.inForce}")`, `${title} | ${period}`);
    check(summary.includes(x.monthly), `${lang} calculator: the live summary says ${x.monthly}`, summary);
    check((await page.locator('[data-field="summary"][aria-live="polite"]').count()) === 1, `${lang} calculator: the summary is an aria-live region`);

    const reqs = adi.locator('.rs-reqs > li[data-id]');
    const n = await reqs.count();
    const rows = await reqs.evaluateAll((lis) =>
      lis.map((li) => ({ id: li.getAttribute('data-id'), outcome: li.getAttribute('data-outcome'), mark: li.querySelector('.rs-mark')?.textContent ?? '', ref: li.querySelector('.rs-ref')?.textContent ?? '' })),
    );
    check(n >= 10, `${lang} calculator: lists the ADI requirements (${n})`);
    const noRef = rows.filter((r) => !/—\s*\S.*,\s*(artt?\.|Allegato)/.test(r.ref));
    check(noRef.length === 0, `${lang} calculator: every requirement has its act and article`, noRef.map((r) => r.id).join(', '));
    const notPassed = rows.filter((r) => r.outcome !== 'pass' || r.mark.trim() !== '✓');
    check(notPassed.length === 0, `${lang} calculator: every requirement ✓ for the example`, notPassed.map((r) => `${r.id} ${r.outcome} ${r.mark}`).join(', '));
    const income = await textOf(page, 'article[data-measure="adi"] li[data-id="adi.income"]');
    check(income.includes(x.incomePass) && income.includes('L. 30 dicembre 2024, n. 207'), `${lang} calculator: income requirement with its reference (L. 207/2024 art. 1 c.198)`, income);
    await screenshot(page, `${lang}-${lang === 'it' ? 'calcolatore' : 'calculator'}`);

    const shown = await summaryInView(page);
    check(shown.ok, `${lang} calculator: the outcome is in view when the page opens, without scrolling`, shown.detail);

    // Income 20.000 € → not eligible because of the income requirement.
    await page.locator('#rs-el-income').fill('20000');
    await page.locator('article[data-measure="adi"][data-status="ineligible"]').waitFor();
    const shownAfter = await summaryInView(page);
    check(
      shownAfter.ok && shownAfter.scrollY > 0 && shownAfter.text.includes(x.ineligible),
      `${lang} calculator: next to the income field, scrolled down the form, the outcome in view says ${x.ineligible}`,
      shownAfter.detail,
    );
    const status2 = await textOf(page, 'article[data-measure="adi"] [data-field="status"]');
    const incomeFail = page.locator('article[data-measure="adi"] li[data-id="adi.income"][data-outcome="fail"]');
    const incomeText = (await incomeFail.count()) === 1 ? await textOf(page, 'article[data-measure="adi"] li[data-id="adi.income"]') : '';
    const failed = await adi.locator('.rs-reqs > li[data-outcome="fail"]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')));
    check(status2.includes(x.ineligible), `${lang} calculator: with income 20.000 € it is ${x.ineligible}`, status2);
    check(incomeText.startsWith('✗') && incomeText.includes(x.incomeFail), `${lang} calculator: ✗ because of the income (${x.incomeFail} …)`, incomeText);
    check(failed.length === 1 && failed[0] === 'adi.income', `${lang} calculator: the income is the only failed requirement`, failed.join(', '));
    check((await adi.locator('[data-field="monthly"]').count()) === 0, `${lang} calculator: no amount when not eligible`);

    // Back to 3.000 €, without the ISEE → more information needed, and the ISEE is asked.
    await page.locator('#rs-el-income').fill('3000');
    await page.locator('#rs-el-isee').fill('');
    await page.locator('article[data-measure="adi"][data-status="needs-info"]').waitFor();
    const missing = await textOf(page, 'article[data-measure="adi"] .rs-missing');
    check((await textOf(page, 'article[data-measure="adi"] [data-field="status"]')).includes(x.needsInfo) && missing.includes('isee.valueCents'), `${lang} calculator: without the ISEE, ${x.needsInfo} and isee.valueCents is missing`, missing);
    check((await adi.locator('[data-field="warnings"]').count()) === 0, `${lang} calculator: the example has no warning (the kind of ISEE is not given)`);

    // An ordinary ISEE in 2026, when ADI reads the ISEE per specifiche prestazioni familiari e per l'inclusione:
    // within the ceiling it decides (the 2026 ISEE is never above it), with a warning in the page's language.
    await page.locator('#rs-el-isee').fill('5000');
    await page.locator('#rs-el-iseekind').selectOption('ordinario');
    await page.locator('article[data-measure="adi"][data-status="eligible"] [data-field="warnings"] li[data-code="eligibility.isee_kind"]').waitFor();
    const kindWarning = await textOf(page, 'article[data-measure="adi"] [data-field="warnings"] li[data-code="eligibility.isee_kind"]');
    check(kindWarning.includes(x.iseeKindWarning), `${lang} calculator: an ordinary ISEE in 2026 is ${x.eligible} within the ceiling, with the eligibility.isee_kind warning in the page's language`, kindWarning);
    const warnedSummary = await textOf(page, '[data-field="summary"]');
    check(warnedSummary.includes(x.monthly) && warnedSummary.includes(x.oneWarning), `${lang} calculator: the live summary counts the warning ${x.oneWarning}`, warnedSummary);
    // Above the ceiling the ordinary ISEE does not decide: the 2026 one is asked (value and kind).
    await page.locator('#rs-el-isee').fill('10500');
    await page.locator('article[data-measure="adi"][data-status="needs-info"]').waitFor();
    const kindMissing = await textOf(page, 'article[data-measure="adi"] .rs-missing');
    check(kindMissing.includes('isee.kind') && kindMissing.includes(x.iseeKindMissing), `${lang} calculator: an ordinary ISEE of 10.500 € in 2026 does not decide: ${x.needsInfo}, isee.kind asked ("${x.iseeKindMissing}")`, kindMissing);
    await page.locator('#rs-el-iseekind').selectOption({ value: '' });
    await page.locator('#rs-el-isee').fill('5000');
    await page.locator('article[data-measure="adi"][data-status="eligible"]').waitFor();

    // Every measure in force on the date.
    await page.locator('#rs-el-measure').selectOption('all');
    await page.locator('article[data-measure="sfl"]').waitFor();
    const measures = await page.locator('article[data-measure]').evaluateAll((as) => as.map((a) => a.getAttribute('data-measure')));
    check(measures.join(',') === 'adi,sfl', `${lang} calculator: "all" on 2026-03-02 evaluates ADI and SFL`, measures.join(','));

    // A date after the last verified period: the last known values apply, with a warning.
    await page.locator('#rs-el-measure').selectOption('adi');
    await page.locator('#rs-el-date').fill('2027-03-01');
    await page.locator('article[data-measure="adi"] [data-field="warnings"] li[data-code="eligibility.parameters_unverified_after"]').waitFor();
    const after = await textOf(page, 'article[data-measure="adi"] [data-field="warnings"] li[data-code="eligibility.parameters_unverified_after"]');
    check(after.includes(x.unverifiedAfter), `${lang} calculator: on 2027-03-01 it warns that the date ${x.unverifiedAfter}`, after);

    checkClean(lang, 'calculator', o);
    await o.context.close();
  });
}

// On a phone the site's top bar is the sticky "Menu" bar: the outcome must stay in view under it.
await step('calculator on a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${server.url}${PAGES.it.calculator}`, { waitUntil: 'load' });
  await page.locator('.rs-el[data-ready="true"]').waitFor();
  await page.locator('#rs-el-income').fill('20000');
  await page.locator('article[data-measure="adi"][data-status="ineligible"]').waitFor();
  const shown = await summaryInView(page);
  check(shown.ok && shown.scrollY > 0 && shown.text.includes(EXPECT.it.ineligible), `phone (390 px) calculator: next to the income field, the outcome in view says ${EXPECT.it.ineligible}`, shown.detail);
  await screenshot(page, 'it-calcolatore-telefono', false);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// 4. The client bundle runs in a browser: no Node.js built-in is imported

console.log('\n━━ Bundle');
{
  const assets = join(DIST, 'assets');
  const scripts = existsSync(assets)
    ? readdirSync(assets, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.js')).map((d) => join(d.parentPath ?? d.path, d.name))
    : [];
  const nodeImports = scripts.filter((f) => /(?:from\s*|import\s*\(?\s*)["']node:[a-z_/]+["']/.test(readFileSync(f, 'utf8'))).map((f) => relative(DIST, f));
  check(scripts.length > 0 && nodeImports.length === 0, `${scripts.length} client scripts import no node: module`, nodeImports.join(', '));
}

// ---------------------------------------------------------------------------------------------
// 5. Internal links of every built page

console.log('\n━━ Links');
/** @param {string} dir @returns {string[]} */
function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath ?? d.path, d.name));
}

const decodeEntities = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
/** @type {Map<string, { status: number, html: string }>} */
const fetched = new Map();
async function get(pathname) {
  let r = fetched.get(pathname);
  if (!r) {
    const res = await fetch(`${server.origin}${pathname}`);
    const type = res.headers.get('content-type') ?? '';
    r = { status: res.status, html: type.startsWith('text/html') ? await res.text() : (await res.arrayBuffer(), '') };
    fetched.set(pathname, r);
  }
  return r;
}

const hasId = (html, id) => html.includes(`id="${id}"`) || html.includes(`id="${id.replace(/&/g, '&amp;')}"`) || html.includes(`name="${id}"`);

const files = htmlFiles(DIST);
let linkCount = 0;
/** @type {string[]} */
const broken = [];
for (const file of files) {
  const rel = relative(DIST, file).split(sep).join('/');
  if (rel === '404.html') continue;
  const pageUrl = new URL(`${base}${rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel}`, server.origin);
  const html = readFileSync(file, 'utf8');
  for (const m of html.matchAll(/<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const href = decodeEntities(m[1] ?? m[2] ?? '');
    if (href === '' || /^(mailto|tel|javascript|data):/i.test(href)) continue;
    let target;
    try {
      target = new URL(href, pageUrl);
    } catch {
      broken.push(`${rel}: unparsable href "${href}"`);
      continue;
    }
    if (target.origin !== server.origin) continue;
    linkCount++;
    if (!target.pathname.startsWith(base)) {
      broken.push(`${rel}: "${href}" leaves the site base ${base}`);
      continue;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(target.pathname);
    } catch {
      broken.push(`${rel}: "${href}" has a malformed path`);
      continue;
    }
    const r = await get(target.pathname);
    if (r.status !== 200 || fileFor(DIST, base, pathname) === null) {
      broken.push(`${rel}: "${href}" → HTTP ${r.status}`);
      continue;
    }
    if (fileFor(DIST, base, pathname, true) === null) {
      broken.push(`${rel}: "${href}" is not a file: a plain static host answers 404 (only hosts that add ".html" serve it)`);
      continue;
    }
    const hash = target.hash.slice(1);
    if (hash !== '') {
      let id;
      try {
        id = decodeURIComponent(hash);
      } catch {
        id = hash;
      }
      if (!hasId(r.html, id) && !hasId(r.html, hash)) broken.push(`${rel}: "${href}" → no element with id "${id}"`);
    }
  }
}
check(files.length > 0, `found ${files.length} built HTML pages`);
check(broken.length === 0, `${linkCount} internal links in ${files.length} pages resolve (200, anchors exist)`, broken.length > 0 ? `${broken.length} broken:\n      ${broken.slice(0, 50).join('\n      ')}${broken.length > 50 ? `\n      … and ${broken.length - 50} more` : ''}` : '');

// ---------------------------------------------------------------------------------------------
// 6. Deep links survive a reload on a plain static server (no rewrites, no extensionless URLs):
//    follow a link of the site (client-side navigation), then reload the address it leads to.

console.log('\n━━ Deep links on a plain static server');
const plainServer = await startServer({ dist: DIST, plain: true });
console.log(`  (plain server at ${plainServer.url}: a path is a file, "/x/" is x/index.html, nothing else)`);

/** The deep links: where to start, the link to follow (its path relative to the base, with or without `.html`) and the heading it leads to. */
const DEEP = [
  { name: 'it guide page', from: '', to: 'guida/fiscal-code', heading: /fiscal-code/ },
  { name: 'en guide page', from: 'en/', to: 'en/guide/csi-model', heading: /csi-model/ },
  { name: 'API page', from: 'api/', to: 'api/fiscal-code/functions/validateFiscalCode', heading: /validateFiscalCode/ },
];

for (const d of DEEP) {
  await step(`deep link: ${d.name}`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`${plainServer.url}${d.from}`, { waitUntil: 'load' });
    const link = page.locator(`a[href$="${base}${d.to}"], a[href$="${base}${d.to}.html"]`).first();
    await link.waitFor({ state: 'attached' });
    // Collapsed sidebar groups hide their links: a click through the DOM is what the router sees anyway.
    await link.evaluate((a) => /** @type {HTMLAnchorElement} */ (a).click());
    await page.waitForURL((u) => u.pathname === `${base}${d.to}` || u.pathname === `${base}${d.to}.html`);
    const address = page.url();
    await page.locator('.vp-doc h1', { hasText: d.heading }).first().waitFor().catch(() => {});
    const before = await textOf(page, '.vp-doc h1');
    check(d.heading.test(before), `${d.name}: following the link to ${address.slice(plainServer.origin.length)} shows it`, before);
    const response = await page.reload({ waitUntil: 'load' });
    const status = response?.status() ?? 0;
    const after = status === 200 ? await textOf(page, '.vp-doc h1').catch(() => '') : '';
    check(status === 200 && d.heading.test(after) && page.url() === address, `${d.name}: a reload of ${address.slice(plainServer.origin.length)} on a plain static server answers 200 with the same page`, `HTTP ${status}, heading "${after}"`);
    await context.close();
  });
}

await browser.close();
await server.close();
await plainServer.close();

console.log('\n━━ Screenshots');
for (const s of screenshots) console.log(`  ${s}`);

console.log(`\nbrowser: ${passed} passed, ${failures.length} failed in ${seconds()} s`);
if (failures.length > 0) {
  console.error('\nbrowser: FAILED:');
  for (const f of failures) console.error(`  - ${f}`);
  process.exit(1);
}
