// SPDX-License-Identifier: BSD-3-Clause
/**
 * The HTML citizen view in a real browser: Debian's Chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium) driven through playwright-core — never a downloaded browser. For the sample
 * view in both languages and both purposes:
 *
 * - axe-core (its `axe.source`, injected into the page) with the tags wcag2a, wcag2aa, wcag21a and
 *   wcag21aa finds no violation (the violations are printed when there are some);
 * - the page loads nothing and logs no error (self-contained; its CSP allows no request);
 * - at a 320 px wide viewport there is no horizontal scroll, and the tables (stacked as cards at
 *   that width) keep their table semantics (column and row headers) in the accessibility tree;
 * - in print media the badges and notices lose their backgrounds;
 * - a full-page screenshot is saved to packages/fascicolo/.artifacts/citizen-view-<locale>-<purpose>.png
 *   (800 px wide; the 320 px one next to it with `-320`). `.artifacts/` is git-ignored.
 *
 * Also: a view with markup in every text renders no element of it in the DOM.
 *
 * Without Chromium the test is skipped with the reason printed, except under CI=true, where it fails.
 * It handles no date in the machine's zone: vitest.config.ts runs it in the first time-zone pass only.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../src/html.js';
import { PURPOSES, type CitizenView, type Locale } from '../src/model.js';
import { sampleView } from './support/sample-view.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SKIP = !HAS_CHROMIUM && !IN_CI;
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '.artifacts');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LOCALES: readonly Locale[] = ['it', 'en'];

if (SKIP) {
  console.warn(
    `html-browser.test.ts: Chromium not found at ${CHROMIUM}: the browser and axe-core checks of the HTML view are SKIPPED ` +
      '(install the Debian package, apt-get install chromium, or set CHROMIUM_PATH; under CI=true this is a failure)',
  );
}

/** The few DOM members the page functions use (the package compiles without the DOM library). */
interface PageElement {
  readonly tagName: string;
  readonly textContent: string | null;
  getBoundingClientRect(): { readonly right: number };
}
interface PageGlobals {
  readonly document: {
    readonly documentElement: { readonly lang: string; readonly scrollWidth: number; readonly clientWidth: number };
    querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
    querySelector(selector: string): PageElement | null;
  };
  getComputedStyle(element: PageElement): { readonly backgroundColor: string };
  readonly axe: typeof axe;
  readonly __pwned?: number;
}

/** What axe reports of one violation, enough to find and fix it. */
interface Violation {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly nodes: readonly { readonly target: string; readonly html: string; readonly summary: string | undefined }[];
}

describe.skipIf(SKIP)('renderHtml in Chromium (axe-core, 320 px, print, screenshots)', () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    expect(HAS_CHROMIUM, `CI=true: Chromium must be installed at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`).toBe(true);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the document in a fresh page that records every request and every error. */
  async function open(html: string, width: number): Promise<{ page: Page; requests: string[]; errors: string[]; close: () => Promise<void> }> {
    const context = await browser!.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return { page, requests, errors, close: () => context.close() };
  }

  async function runAxe(page: Page): Promise<Violation[]> {
    // `evaluate` runs through the DevTools protocol: the page's CSP (no script) does not block it.
    await page.evaluate(axe.source);
    return page.evaluate(async (tags) => {
      const a = (globalThis as unknown as PageGlobals).axe;
      const result = await a.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
      }));
    }, WCAG_TAGS);
  }

  const cases = LOCALES.flatMap((locale) => PURPOSES.map((purpose) => ({ locale, purpose })));

  it.each(cases)(
    '$locale $purpose: no WCAG 2.1 A/AA violation, nothing loaded, no horizontal scroll at 320 px, no print backgrounds',
    async ({ locale, purpose }) => {
      const html = renderHtml(sampleView(purpose), { locale });
      const name = `citizen-view-${locale}-${purpose}`;

      const wide = await open(html, 800);
      try {
        const lang = await wide.page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang);
        expect(lang).toBe(locale);
        const violations = await runAxe(wide.page);
        if (violations.length > 0) console.error(`${name}: axe violations:\n${JSON.stringify(violations, null, 2)}`);
        expect(violations).toEqual([]);
        const headings = await wide.page.evaluate(() =>
          [...(globalThis as unknown as PageGlobals).document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName.slice(1))),
        );
        expect(headings[0]).toBe(1);
        expect(headings.filter((h) => h === 1)).toHaveLength(1);
        headings.forEach((h, i) => {
          if (i > 0) expect(h).toBeLessThanOrEqual(headings[i - 1]! + 1);
        });
        await wide.page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

        await wide.page.emulateMedia({ media: 'print' });
        const printBackgrounds = await wide.page.evaluate(() => {
          const g = globalThis as unknown as PageGlobals;
          return [...g.document.querySelectorAll('.badge, .notice, .correction, thead th, tbody th')].map((e) => g.getComputedStyle(e).backgroundColor).filter((c) => c !== 'rgba(0, 0, 0, 0)');
        });
        expect(printBackgrounds).toEqual([]);
        expect(wide.requests).toEqual([]);
        expect(wide.errors).toEqual([]);
      } finally {
        await wide.close();
      }

      const narrow = await open(html, 320);
      try {
        const { scrollWidth, clientWidth } = await narrow.page.evaluate(() => {
          const root = (globalThis as unknown as PageGlobals).document.documentElement;
          return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
        });
        expect(clientWidth).toBe(320);
        expect(scrollWidth, `${name}: ${scrollWidth} px wide at a 320 px viewport`).toBeLessThanOrEqual(clientWidth);
        // No element reaches past the right edge either (e.g. a table cell clipped by overflow).
        const wider = await narrow.page.evaluate(() => {
          const { document } = globalThis as unknown as PageGlobals;
          return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((e) => e.tagName.toLowerCase());
        });
        expect(wider).toEqual([]);
        // The tables are stacked as cards at this width: they must stay tables for assistive technology.
        const tables = narrow.page.locator('table');
        for (let i = 0; i < (await tables.count()); i++) {
          const tree = await tables.nth(i).ariaSnapshot();
          expect(tree).toMatch(/^- table "/);
          expect(tree).toContain('- columnheader "');
          expect(tree).toContain('- rowheader "');
        }
        await narrow.page.screenshot({ path: join(ARTIFACTS, `${name}-320.png`), fullPage: true });
        expect(narrow.errors).toEqual([]);
      } finally {
        await narrow.close();
      }
    },
    60_000,
  );

  it('markup in the texts of a view creates no element and runs nothing', async () => {
    const base = sampleView('access-request');
    const bad = `<script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">`;
    const timeline = base.timeline.map((i) => ({ ...i, title: { it: i.title.it + bad, en: i.title.en + bad }, office: `${i.office ?? ''}${bad}` }));
    const view: CitizenView = { ...base, timeline, subject: { ...base.subject, name: base.subject.name + bad } };
    const page = await open(renderHtml(view), 800);
    try {
      const found = await page.page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        return {
          scripts: g.document.querySelectorAll('script').length,
          images: g.document.querySelectorAll('img').length,
          pwned: g.__pwned ?? null,
          title: g.document.querySelector('h1')?.textContent ?? '',
        };
      });
      expect(found).toEqual({ scripts: 0, images: 0, pwned: null, title: expect.stringContaining('<script>window.__pwned = 1</script>') as unknown as string });
      expect(page.requests).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
