// SPDX-License-Identifier: BSD-3-Clause
/**
 * The site theme: VitePress's default theme plus
 * - the two interactive tools, which run the packages in the browser (no server): the codice fiscale
 *   checker and the eligibility calculator. In a page: `<CodiceFiscaleChecker lang="it" />`,
 *   `<EligibilityCalculator lang="en" />`;
 * - above each doc page with a `translation` frontmatter field, a link to that page in the other
 *   language.
 */
import { h } from 'vue';
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import CodiceFiscaleChecker from './components/CodiceFiscaleChecker.vue';
import EligibilityCalculator from './components/EligibilityCalculator.vue';
import TranslationLink from './components/TranslationLink.vue';
import './tools.css';

const theme: Theme = {
  extends: DefaultTheme,
  Layout: () => h(DefaultTheme.Layout, null, { 'doc-before': () => h(TranslationLink) }),
  enhanceApp({ app }) {
    app.component('CodiceFiscaleChecker', CodiceFiscaleChecker);
    app.component('EligibilityCalculator', EligibilityCalculator);
  },
};

export default theme;
