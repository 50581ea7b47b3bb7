// SPDX-License-Identifier: BSD-3-Clause
/**
 * renderHtml: the document's structure (language, one h1, heading order, tables with caption and
 * `th scope`, balanced tags), escaping of every text of the view, both languages, statuses in words,
 * exact amounts, the differences between portal and access request, and determinism (no clock, no
 * time zone). The same document in Chromium with axe-core: test/html-browser.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { d, SAMPLE_PAYMENTS_CENTS, sampleView, sampleViewWithoutCodiceFiscale } from '../test/support/sample-view.js';
import { renderHtml } from './html.js';
import { STATUS_LABELS } from './labels.js';
import { PURPOSES, type CitizenView, type Locale, type StatusCode, type TimelineItem } from './model.js';

const LOCALES: readonly Locale[] = ['it', 'en'];

// ---------------------------------------------------------------------------------------------
// A small tokenizer for the renderer's own output: every text is escaped, so `<` only opens a tag
// (the inline CSS holds no `<`), and every attribute value is double-quoted.

interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attrs: Readonly<Record<string, string>>;
  /** Offset in the document. */
  readonly at: number;
}

const VOID = new Set(['meta', 'br']);

function tags(html: string): Tag[] {
  const out: Tag[] = [];
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g;
  for (const m of html.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) attrs[a[1]!.toLowerCase()] = a[2] ?? '';
    out.push({ name: m[2]!.toLowerCase(), closing: m[1] === '/', attrs, at: m.index });
  }
  return out;
}

/** The text inside the element that starts at `open` (tags removed, entities kept). */
function textOf(html: string, open: Tag): string {
  const end = html.indexOf(`</${open.name}>`, open.at);
  const start = html.indexOf('>', open.at) + 1;
  return html.slice(start, end).replace(/<[^>]*>/g, '');
}

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Every element closed, in order; returns the problems. */
function balance(list: readonly Tag[]): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const t of list) {
    if (VOID.has(t.name)) continue;
    if (!t.closing) stack.push(t.name);
    else if (stack.pop() !== t.name) problems.push(`</${t.name}> at ${t.at}`);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

/** The tags the renderer writes: anything else would come from the data. */
const ALLOWED = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'footer', 'section', 'article', 'h1', 'h2', 'h3',
  'p', 'strong', 'span', 'time', 'dl', 'div', 'dt', 'dd', 'ol', 'ul', 'li', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'code',
]);
const ALLOWED_ATTRS = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'aria-labelledby', 'datetime', 'scope', 'data-label']);

function render(purpose: CitizenView['purpose'], locale: Locale, view?: CitizenView): string {
  return renderHtml(view ?? sampleView(purpose), { locale });
}

const cases = PURPOSES.flatMap((purpose) => LOCALES.map((locale) => ({ purpose, locale })));

// ---------------------------------------------------------------------------------------------

describe('renderHtml: one accessible, self-contained document', () => {
  it.each(cases)('$locale $purpose: doctype, lang, charset first, viewport, title = h1', ({ purpose, locale }) => {
    const html = render(purpose, locale);
    expect(html.startsWith(`<!doctype html>\n<html lang="${locale}">\n<head>\n<meta charset="utf-8">\n`)).toBe(true);
    const list = tags(html);
    expect(list.filter((t) => t.name === 'meta' && t.attrs.name === 'viewport').map((t) => t.attrs.content)).toEqual(['width=device-width, initial-scale=1']);
    const title = list.find((t) => t.name === 'title')!;
    const h1s = list.filter((t) => t.name === 'h1' && !t.closing);
    expect(h1s).toHaveLength(1);
    expect(textOf(html, title).length).toBeGreaterThan(10);
    expect(textOf(html, h1s[0]!)).toBe(textOf(html, title));
  });

  it.each(cases)('$locale $purpose: header, main (h1 first), footer; headings h1 → h2 → h3 in order', ({ purpose, locale }) => {
    const html = render(purpose, locale);
    const list = tags(html).filter((t) => !t.closing);
    const count = (name: string): number => list.filter((t) => t.name === name).length;
    expect([count('header'), count('main'), count('footer')]).toEqual([1, 1, 1]);
    const main = list.find((t) => t.name === 'main')!;
    const header = list.find((t) => t.name === 'header')!;
    const headings = list.filter((t) => /^h[1-6]$/.test(t.name));
    expect(header.at).toBeLessThan(main.at);
    expect(headings[0]!.name).toBe('h1');
    expect(headings[0]!.at).toBeGreaterThan(main.at);
    let previous = 1;
    for (const h of headings.slice(1)) {
      const level = Number(h.name.slice(1));
      expect(level, `heading ${h.name} after h${previous}`).toBeLessThanOrEqual(previous + 1);
      expect(level).toBeGreaterThan(1);
      previous = level;
    }
    expect(headings.filter((h) => h.name === 'h2').length).toBeGreaterThanOrEqual(purpose === 'portal' ? 4 : 4);
  });

  it.each(cases)('$locale $purpose: balanced tags, only the renderer’s elements and attributes, unique ids', ({ purpose, locale }) => {
    const html = render(purpose, locale);
    const list = tags(html);
    expect(balance(list)).toEqual([]);
    for (const t of list) {
      expect(ALLOWED.has(t.name), t.name).toBe(true);
      for (const a of Object.keys(t.attrs)) expect(ALLOWED_ATTRS.has(a), `${t.name}[${a}]`).toBe(true);
    }
    const ids = list.flatMap((t) => (t.attrs.id === undefined ? [] : [t.attrs.id]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of list) if (t.attrs['aria-labelledby'] !== undefined) expect(ids).toContain(t.attrs['aria-labelledby']);
  });

  it.each(cases)('$locale $purpose: no script, link, image, font or URL; a CSP that allows nothing but the inline style', ({ purpose, locale }) => {
    const html = render(purpose, locale);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|a|form|svg|base)\b/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|@font-face|url\(/);
    const csp = tags(html).find((t) => t.attrs['http-equiv'] === 'Content-Security-Policy');
    expect(unescape(csp!.attrs.content!)).toContain("default-src 'none'");
    expect(tags(html).filter((t) => t.name === 'style')).toHaveLength(2); // <style> and </style>
  });

  it.each(cases)('$locale $purpose: timeline as an ordered list, one item per entry, each with its h3', ({ purpose, locale }) => {
    const view = sampleView(purpose);
    const html = render(purpose, locale, view);
    const list = tags(html).filter((t) => !t.closing);
    expect(list.filter((t) => t.name === 'ol' && t.attrs.class === 'timeline')).toHaveLength(1);
    expect(list.filter((t) => t.name === 'li' && t.attrs.class === 'item')).toHaveLength(view.timeline.length);
    const h3 = list.filter((t) => t.name === 'h3' && t.attrs.id?.startsWith('item-')).map((t) => unescape(textOf(html, t)));
    expect(h3).toEqual(view.timeline.map((i) => i.title[locale]));
  });

  it.each(cases)('$locale $purpose: every table has a caption first and every th a scope', ({ purpose, locale }) => {
    const html = render(purpose, locale);
    const list = tags(html);
    const tables = list.filter((t) => t.name === 'table' && !t.closing);
    expect(tables.length).toBeGreaterThanOrEqual(purpose === 'portal' ? 1 : 2);
    for (const table of tables) {
      const next = list[list.indexOf(table) + 1]!;
      expect(next.name).toBe('caption');
      expect(textOf(html, next).length).toBeGreaterThan(5);
    }
    const ths = list.filter((t) => t.name === 'th' && !t.closing);
    expect(ths.length).toBeGreaterThan(0);
    for (const th of ths) expect(['col', 'row']).toContain(th.attrs.scope);
  });

  it('print styles: no backgrounds, no entry split across pages; usable at 320 px (no fixed widths)', () => {
    const html = render('portal', 'it');
    const css = html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));
    const print = css.slice(css.indexOf('@media print'));
    expect(print).toContain('background:transparent !important');
    expect(print).toMatch(/\.item[^{]*\{break-inside:avoid;page-break-inside:avoid\}/);
    // No fixed width but the 1 px of the visually hidden table heads (stacked at narrow widths).
    expect([...css.matchAll(/(?<![-a-z])width:\s*(\d+(?:px|rem|em))/g)].map((m) => m[1])).toEqual(['1px']);
    expect(css).toContain('@media (max-width:37.5em){.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)');
    expect(css).toContain('overflow-wrap:anywhere');
  });

  it('colours of text and status badges reach WCAG AA contrast (4.5:1)', () => {
    const html = render('portal', 'it');
    const css = html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));
    const pairs = [...css.matchAll(/\{color:(#[0-9a-f]{6});background:(#[0-9a-f]{6})\}/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    for (const [fg, bg] of pairs) expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    for (const fg of css.matchAll(/(?<![-a-z])color:(#[0-9a-f]{6})/g)) expect(contrast(fg[1]!, '#ffffff'), fg[1]).toBeGreaterThanOrEqual(4.5);
  });
});

describe('renderHtml: every text is escaped', () => {
  const PAYLOAD = `<script>alert(1)</script>"><img src=x onerror=alert(2)>'&amp;`;

  /** Every string of the view poisoned (but the purpose and the locale, which choose the branch). */
  function poison<T>(value: T, key = ''): T {
    if (typeof value === 'string') return (key === 'purpose' || key === 'locale' ? value : `${value}${PAYLOAD}`) as T;
    if (Array.isArray(value)) return value.map((v) => poison(v, key)) as T;
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)])) as T;
    }
    return value;
  }

  function hostile(purpose: CitizenView['purpose']): CitizenView {
    const base = sampleView(purpose, {
      requester: {
        kind: 'tutore',
        label: { it: 'Tutore', en: 'Guardian' },
        validTo: d('2027-08-11'),
        basis: { act: 'decreto del Giudice tutelare', reference: '12/2026', date: d('2026-03-03'), issuedBy: 'Tribunale di Roma' },
      },
    });
    const noCf = sampleViewWithoutCodiceFiscale(purpose);
    return poison({ ...base, timeline: [...base.timeline, { ...base.timeline[0]!, controller: 'F205' }], subject: { ...noCf.subject } });
  }

  it.each(cases)('$locale $purpose: markup in every text field comes out inert', ({ purpose, locale }) => {
    const html = renderHtml(hostile(purpose), { locale, title: `Titolo${PAYLOAD}` });
    const list = tags(html);
    expect(balance(list)).toEqual([]);
    for (const t of list) {
      expect(ALLOWED.has(t.name), `<${t.name}>`).toBe(true);
      for (const a of Object.keys(t.attrs)) expect(ALLOWED_ATTRS.has(a), `${t.name}[${a}]`).toBe(true);
    }
    expect(html).not.toMatch(/<script|<img|onerror=(?!alert\(2\)&gt;)/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&#39;&amp;amp;');
    // Some of the fields, by their escaped text.
    for (const field of ['Giulia Esposito', 'Amina Diallo', 'Segretariato sociale, Municipio I Roma Centro', 'decreto del Giudice tutelare', 'Titolo']) {
      const shown = html.includes(`${field}&lt;script&gt;`);
      if (field === 'Giulia Esposito') expect(shown).toBe(false); // replaced by the person without CF
      else expect(shown, field).toBe(true);
    }
    // A poisoned date is shown as given (escaped), never thrown on.
    expect(html).toContain('2026-03-02&lt;script&gt;');
  });

  it('a purpose that is not "access-request" is rendered as the portal (less detail)', () => {
    const view = { ...sampleView('access-request'), purpose: 'portal<script>' } as unknown as CitizenView;
    const html = renderHtml(view);
    expect(html).not.toContain('diario:dia-0408');
    expect(html).toContain('Ci sono ancora 5 informazioni');
  });
});

describe('renderHtml: languages', () => {
  it('headings, labels, dates and texts in the chosen language', () => {
    const it_ = render('portal', 'it');
    const en = render('portal', 'en');
    for (const s of ['La tua cartella', 'Informazioni sul trattamento dei dati (art. 15 GDPR)', 'Cosa non è mostrato', 'In revisione', '27 maggio 2026', 'Bonifico sul tuo conto corrente.', 'Stato:']) {
      expect(it_).toContain(s);
      expect(en).not.toContain(s);
    }
    for (const s of ['Your record', 'How the data are processed (GDPR art. 15)', 'What is not shown', 'Under review', '27 May 2026', 'Bank transfer to your account.', 'Status:']) {
      expect(en).toContain(s);
      expect(it_).not.toContain(s);
    }
    expect(it_).toContain('<html lang="it">');
    expect(en).toContain('<html lang="en">');
    // Italian names of offices inside an English page are marked.
    expect(en).toContain('<span lang="it">Segretariato sociale, Municipio I Roma Centro</span>');
    expect(it_).not.toContain('<span lang="it">');
  });

  it('the view’s locale by default, the option over it', () => {
    const view = sampleView('portal', { locale: 'en' });
    expect(renderHtml(view)).toContain('<html lang="en">');
    expect(renderHtml(view, { locale: 'it' })).toContain('<html lang="it">');
    expect(renderHtml(sampleView('portal'))).toContain('<html lang="it">');
  });

  it('an empty text in the chosen language falls back to the other one, marked with its language', () => {
    const view = sampleView('portal');
    const first = view.timeline[0]!;
    const timeline: TimelineItem[] = [{ ...first, text: { it: 'Solo in italiano.', en: '' } }, ...view.timeline.slice(1)];
    expect(renderHtml({ ...view, timeline }, { locale: 'en' })).toContain('<p class="text"><span lang="it">Solo in italiano.</span></p>');
  });

  it('the first of a month as an ordinal in Italian, with the right preposition', () => {
    const html = render('portal', 'it');
    expect(html).toContain('dal 1° maggio 2026</time> <time datetime="2026-10-31">al 31 ottobre 2026');
    expect(html).toContain('dall&#39;8 aprile 2026'); // l'8: elided before a vowel sound
    expect(html).toContain('<time datetime="2026-12-01">1° dicembre 2026</time>');
    expect(render('portal', 'en')).toContain('from 1 May 2026</time> <time datetime="2026-10-31">to 31 October 2026');
  });
});

describe('renderHtml: statuses and amounts', () => {
  it.each(LOCALES)('%s: every status is a word in its badge, not a colour only', (locale) => {
    const view = sampleView('access-request');
    const html = renderHtml(view, { locale });
    const badges = tags(html).filter((t) => t.name === 'span' && t.attrs.class?.startsWith('badge '));
    expect(badges).toHaveLength(view.timeline.filter((i) => i.status !== undefined).length);
    for (const b of badges) expect(textOf(html, b).trim().length).toBeGreaterThan(2);
    expect(html).toContain(`<span class="badge tone-ok">${STATUS_LABELS.pagato[locale]}</span>`);
    expect(html).toContain(`<span class="badge tone-bad">${STATUS_LABELS.annullata[locale]}</span>`);
  });

  it('a status with no label gets the shared Designers Italia word', () => {
    const codes = Object.keys(STATUS_LABELS) as StatusCode[];
    const base = sampleView('portal');
    const timeline = codes.map((code, i): TimelineItem => ({ ...base.timeline[0]!, ref: `accesso:x${i}`, status: { code, label: { it: '', en: '' } } }));
    const html = renderHtml({ ...base, timeline }, { locale: 'en' });
    for (const code of codes) expect(html).toContain(`>${STATUS_LABELS[code].en}</span></p>`);
  });

  it('amounts from integer cents, exactly, in each language', () => {
    const base = sampleView('portal');
    const pay = base.timeline.find((i) => i.kind === 'erogazione')!;
    const view = { ...base, timeline: [{ ...pay, amountCents: 1_234_567 }, { ...pay, ref: 'erogazione:y', amountCents: 900_719_925_474_099 }] };
    const it_ = renderHtml(view, { locale: 'it' });
    const en = renderHtml(view, { locale: 'en' });
    expect(it_).toContain('<dd>12.345,67 €</dd>');
    expect(en).toContain('<dd>€12,345.67</dd>');
    expect(it_).toContain('<dd>9.007.199.254.740,99 €</dd>'); // no floating point on the largest safe amounts
    const sample = render('portal', 'it');
    expect(SAMPLE_PAYMENTS_CENTS).toEqual([35_000, 41_275]);
    expect(sample).toContain('<dd>350,00 €</dd>');
    expect(sample).toContain('<dd>412,75 €</dd>');
    expect(render('portal', 'en')).toContain('<dd>€412.75</dd>');
  });

  it('an amount that is not whole cents is refused, never rounded', () => {
    const base = sampleView('portal');
    const view = { ...base, timeline: [{ ...base.timeline[0]!, amountCents: 12.5 }] };
    expect(() => renderHtml(view)).toThrow(RangeError);
  });
});

describe('renderHtml: request facts (Designers Italia C.SE.1.10)', () => {
  it('protocol number and date, date taken in charge, decision deadline, decision date, office', () => {
    const html = render('portal', 'it');
    expect(html).toContain('<dt>Numero di protocollo</dt><dd>2026/0004512 <time datetime="2026-03-03">del 3 marzo 2026</time></dd>');
    expect(html).toContain('<dt>Presa in carico</dt><dd><time datetime="2026-03-05">5 marzo 2026</time></dd>');
    expect(html).toContain('<dt>Termine per la decisione</dt><dd><time datetime="2026-04-02">2 aprile 2026</time></dd>');
    expect(html).toContain('<dt>Data della decisione</dt><dd><time datetime="2026-03-27">27 marzo 2026</time></dd>');
    expect(render('portal', 'en')).toContain('<dt>Protocol number</dt><dd>2026/0004512, registered on <time datetime="2026-03-03">3 March 2026</time></dd>');
  });

  it('a deadline passed on asOf with no decision is said so; a decided request is not', () => {
    const base = sampleView('portal');
    const { decidedOn: _d, ...pending } = base.timeline[0]!;
    const late = renderHtml({ ...base, timeline: [pending] });
    expect(late).toContain('(termine superato');
    expect(renderHtml({ ...base, timeline: [pending], asOf: d('2026-04-02') })).not.toContain('(termine superato');
    expect(render('portal', 'it')).not.toContain('(termine superato');
  });

  it('the summary form, the correction note, the categories of special data', () => {
    const portal = render('portal', 'it');
    expect(portal).toContain('Voce mostrata in breve: solo data, tipo e ufficio.');
    expect(portal).toContain('<strong>Correzione:</strong> <span class="text">La data di inizio era stata registrata');
    const access = render('access-request', 'it');
    expect(access).not.toContain('Voce mostrata in breve');
    expect(access).toContain('<dt>Tipi di dati</dt><dd>dati comuni; dati particolari, ad esempio sulla salute (art. 9 GDPR)</dd>');
  });

  it('the holding Ente is named on each item only when there are several', () => {
    expect(render('portal', 'it')).not.toContain('Ente che tiene i dati');
    const base = sampleView('portal');
    const html = renderHtml({ ...base, timeline: [...base.timeline, { ...base.timeline[0]!, ref: 'accesso:z', controller: 'F205' }] });
    expect(html).toContain('<dt>Ente che tiene i dati</dt><dd>codice ente F205</dd>');
  });
});

describe('renderHtml: portal and access request', () => {
  it('portal: items under review only counted (no reference, type or date); no coverage or notices', () => {
    const view = sampleView('portal');
    const html = renderHtml(view);
    expect(html).toContain('<h2 id="h-review">In revisione</h2>');
    expect(html).toContain('C’è ancora un’informazione che un operatore deve verificare');
    expect(html).not.toContain('appuntamento:app-0300#note');
    expect(html).not.toContain('Testi liberi: note e descrizioni (una parte');
    expect(html).not.toContain('Voci lette dalla cartella');
    expect(html).not.toContain(view.notices[0]!.message);
    expect(html).not.toContain('Bozza da completare');
    expect(html).toContain('<h1>Cartella sociale di Giulia Esposito</h1>');
    expect(renderHtml(view, { locale: 'en' })).toContain('There is still 1 item that an operator must check');
  });

  it('portal with nothing under review: no review section at all', () => {
    const html = renderHtml(sampleView('portal', { needsReview: [] }));
    expect(html).not.toContain('id="h-review"');
  });

  it('access request: every item under review by reference, type, date and reasons; coverage; notices; a draft note', () => {
    const view = sampleView('access-request');
    const html = renderHtml(view);
    for (const r of view.needsReview) expect(html).toContain(`<th scope="row"><code>${r.ref}</code></th>`);
    expect(html).toContain('<td data-label="Tipo di informazione">Documenti riservati</td>');
    expect(html).toContain('<td data-label="Tipo di informazione">Testi liberi: note e descrizioni (una parte della voce)</td>');
    expect(html).toContain('<td data-label="Perché va verificata">documento riservato; contiene informazioni date da altre persone</td>');
    expect(html).toContain('<td data-label="Data">non indicata</td>');
    expect(html).toContain('Voci lette dalla cartella: 14. Nel documento: 10; non mostrate: 1; in revisione: 3.');
    expect(html).not.toContain('i totali non coincidono');
    expect(html).toContain(view.notices[0]!.message);
    expect(renderHtml(view, { locale: 'en' })).toContain(view.notices[0]!.messageEn);
    expect(html).toContain('<strong>Bozza da completare.</strong> 5 voci sono in revisione');
    expect(html).toContain('<h1>Accesso ai dati personali (art. 15 GDPR): cartella sociale di Giulia Esposito</h1>');
  });

  it('access request with nothing left to review: the document says it is complete', () => {
    const html = renderHtml(sampleView('access-request', { needsReview: [] }));
    expect(html).toContain('Nessuna voce è in attesa di revisione: il documento è completo.');
    expect(html).not.toContain('Bozza da completare');
  });

  it('access request that must be reviewed as a whole (a parent of a child placed by a court)', () => {
    const html = renderHtml(sampleView('access-request', { needsReview: [], wholeViewReview: ['parental-responsibility'] }));
    expect(html).toContain('<strong>Tutto il documento va rivisto prima della consegna.</strong>');
    expect(html).toContain('Motivo: riguarda la responsabilità dei genitori.');
    expect(html).not.toContain('il documento è completo');
  });

  it('withheld classes with counts and grounds in both purposes, never content', () => {
    const portal = renderHtml(sampleView('portal'));
    expect(portal).toContain('<th scope="row">Annotazioni del diario sociale</th>\n<td class="num" data-label="Quante">3</td>');
    expect(portal).toContain('<th scope="row">Testi liberi: note e descrizioni (parti di voci mostrate sopra)</th>');
    expect(portal).toContain('<p class="source">Riferimento: GDPR art. 15(4); TAR Lazio 716/2022; Garante 28-09-2001</p>');
    expect(portal).toContain('Puoi chiederle con una richiesta di accesso');
    const access = renderHtml(sampleView('access-request'));
    expect(access).toContain('<th scope="row">Identità di chi ha segnalato la situazione (parti di voci mostrate sopra)</th>');
    expect(access).toContain('presentare reclamo al Garante');
    expect(renderHtml(sampleView('portal', { withheld: [] }))).toContain('Nessuna informazione della cartella è stata esclusa.');
  });

  it('the art. 15 information, every part under its own h3', () => {
    const view = sampleView('portal');
    const html = renderHtml(view);
    for (const h of ['Chi è responsabile dei dati (titolare del trattamento)', 'Perché i dati sono trattati (finalità)', 'Su quale base giuridica', 'Quali tipi di dati', 'A chi sono comunicati (destinatari)', 'Per quanto tempo sono conservati', 'Da dove vengono i dati', 'Decisioni automatizzate', 'I tuoi diritti', 'Reclamo']) {
      expect(html).toMatch(new RegExp(`<h3 id="art15-\\d+">${h.replace(/[()]/g, '\\$&')}</h3>`));
    }
    expect(html).toContain(`${view.art15.controllers[0]!.role.it} (codice ente H501)`);
    expect(html).toContain(`<strong>dati particolari, ad esempio sulla salute (art. 9 GDPR)</strong>: ${view.art15.categories[1]!.text.it}`);
    const empty = renderHtml({ ...view, art15: { ...view.art15, recipients: [], automatedDecisions: { it: '', en: '' } } });
    expect(empty.match(/<p>Nessuna indicazione\.<\/p>/g)).toHaveLength(2);
  });
});

describe('renderHtml: who asks, and a person without codice fiscale', () => {
  it('operatorPrintable: a note that an operator prints and hands over the copy', () => {
    const view = sampleViewWithoutCodiceFiscale('portal');
    const it_ = renderHtml(view);
    expect(it_).toContain('<strong>Copia stampata da un operatore.</strong>');
    expect(it_).toContain('SPID, CIE o l’app IO');
    expect(it_).toContain('<dt>Identificativo</dt><dd>senza codice fiscale (identificativo STP)</dd>');
    expect(renderHtml(view, { locale: 'en' })).toContain('<strong>Copy printed by an operator.</strong>');
    expect(render('portal', 'it')).not.toContain('Copia stampata');
    expect(render('portal', 'it')).toContain('<dt>Codice fiscale</dt><dd>SPSGLI85M52H501Z</dd>');
  });

  it('a representative: their title and its act and end date, the record named after the person', () => {
    const view = sampleView('access-request', {
      subject: { personaId: 'per-1', name: 'Luca Bianchi', birthDate: d('2012-08-12'), minor: true, codiceFiscale: 'BNCLCU12M12H501X' },
      requester: {
        kind: 'genitore',
        label: { it: 'Genitore', en: 'Parent' },
        validTo: d('2030-08-11'),
        basis: { act: 'atto di nascita', reference: '1234/2012', date: d('2012-08-14'), issuedBy: 'Ufficiale dello stato civile di Roma' },
      },
    });
    const html = renderHtml(view);
    expect(html).toContain('<h2 id="h-timeline">La cartella di Luca Bianchi</h2>');
    expect(html).toContain('(minorenne)');
    expect(html).toContain('<dt>Richiesta presentata da</dt><dd>Genitore; atto di nascita n. 1234/2012 <time datetime="2012-08-14">del 14 agosto 2012</time>, Ufficiale dello stato civile di Roma; titolo valido fino <time datetime="2030-08-11">all&#39;11 agosto 2030</time></dd>');
    expect(html).toContain('I diritti della persona interessata');
    const en = renderHtml(view, { locale: 'en' });
    expect(en).toContain('<span lang="it">atto di nascita</span> no. 1234/2012, <time datetime="2012-08-14">14 August 2012</time>');
    expect(en).toContain('entitled until <time datetime="2030-08-11">11 August 2030</time>');
  });

  it('a custom title goes to <title> and h1, escaped', () => {
    const html = renderHtml(sampleView('portal'), { title: 'Fascicolo & "copia"' });
    expect(html).toContain('<title>Fascicolo &amp; &quot;copia&quot;</title>');
    expect(html).toContain('<h1>Fascicolo &amp; &quot;copia&quot;</h1>');
  });
});

describe('renderHtml: deterministic', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(cases)('$locale $purpose: same view → same bytes, whatever the clock and the time zone', ({ purpose, locale }) => {
    const first = render(purpose, locale);
    expect(render(purpose, locale, structuredClone(sampleView(purpose)))).toBe(first);
    vi.useFakeTimers();
    for (const now of ['2001-01-01T00:30:00Z', '2099-12-31T23:30:00Z']) {
      vi.setSystemTime(new Date(now));
      expect(render(purpose, locale)).toBe(first);
    }
    vi.useRealTimers();
    const tz = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Adak', 'Europe/Rome']) {
        process.env.TZ = zone;
        expect(render(purpose, locale)).toBe(first);
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

// ---------------------------------------------------------------------------------------------

/** WCAG 2.1 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}
