// SPDX-License-Identifier: BSD-3-Clause
/**
 * The default policy as the documentation shows it, generated from DEFAULT_POLICY: the README
 * (section «La politica predefinita», in Italian, also included by docs/guida/fascicolo.md) and the
 * English guide (docs/en/guide/fascicolo.md) hold exactly {@link policyTable}'s text between their
 * region markers; test/readme.test.ts checks both. When the policy changes, the test's diff is the new
 * text to paste.
 */
import { DEFAULT_POLICY, ITEM_CLASSES, type Locale, type Policy, type PolicyAction } from '../../src/index.js';

/** The VitePress region of each document: `<!-- #region NAME -->` … `<!-- #endregion NAME -->`. */
export const POLICY_REGION: { readonly [L in Locale]: string } = { it: 'tabella-politica', en: 'policy-table' };

/** The actions in each language's words. */
export const ACTION_WORDS: { readonly [L in Locale]: { readonly [A in PolicyAction]: string } } = {
  it: { show: 'mostra', summary: 'in breve', review: '**revisione**', withhold: '**trattiene**' },
  en: { show: 'show', summary: 'in brief', review: '**review**', withhold: '**withhold**' },
};

const CATEGORY_WORDS = {
  it: { ordinary: 'comuni', special: 'particolari (art. 9)', judicial: 'giudiziari (art. 10)' },
  en: { ordinary: 'ordinary', special: 'special categories (art. 9)', judicial: 'judicial (art. 10)' },
} as const;

/** A table cell: one line, pipes escaped. */
const cell = (s: string): string => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

/** The generated text (without the region markers), one line per row, ending with a newline. */
export function policyTable(locale: Locale, policy: Policy = DEFAULT_POLICY): string {
  const words = ACTION_WORDS[locale];
  const cats = (p: 'portal' | 'access-request') => policy.categories[p].map((c) => CATEGORY_WORDS[locale][c]).join(', ');
  const age = policy.minorOwnViewFromAge;
  const header =
    locale === 'it'
      ? '| classe | area personale (`portal`) | richiesta di accesso (`access-request`) | perché | fonte |'
      : '| class | area personale (`portal`) | access request (`access-request`) | why | source |';
  const footer =
    locale === 'it'
      ? `Categorie di dati che una voce può mostrare: nell'area personale ${cats('portal')}; nella richiesta di accesso ${cats('access-request')}. ` +
        (age === null
          ? 'Un minorenne non ha una vista propria: la chiedono i genitori o il tutore (`minorOwnViewFromAge: null`).'
          : `Un minorenne ha una vista propria dai ${age} anni (\`minorOwnViewFromAge: ${age}\`).`)
      : `Categories of data an item may show: in the area personale ${cats('portal')}; in an access request ${cats('access-request')}. ` +
        (age === null
          ? 'A minor has no view of their own: their parents or guardian ask (`minorOwnViewFromAge: null`).'
          : `A minor has a view of their own from age ${age} (\`minorOwnViewFromAge: ${age}\`).`);
  const lines = [
    header,
    '|---|---|---|---|---|',
    ...ITEM_CLASSES.map((c) => {
      const r = policy.rules[c];
      return `| \`${c}\` | ${words[r.portal]} | ${words[r['access-request']]} | ${cell(r.reason[locale])} | ${cell(r.source)} |`;
    }),
    '',
    footer,
  ];
  return `${lines.join('\n')}\n`;
}

/** The text between a document's region markers (what VitePress includes), or `undefined`. */
export function regionOf(text: string, name: string): string | undefined {
  const start = `<!-- #region ${name} -->\n`;
  const end = `<!-- #endregion ${name} -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  return i < 0 || j < i ? undefined : text.slice(i + start.length, j);
}
