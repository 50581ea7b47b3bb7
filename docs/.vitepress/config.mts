// SPDX-License-Identifier: BSD-3-Clause
/**
 * VitePress configuration of the riuso-sociale documentation site: Italian at the root, English
 * under /en/. Before `vitepress build`, `npm run build` (docs/) generates the API reference
 * (typedoc → docs/api/, with docs/api/typedoc-sidebar.json), checks that every export is
 * documented, lists the pending changesets and copies the csi-model lifecycle pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';

const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = 'https://github.com/riuso-sociale/riuso-sociale';

/** The csi-model lifecycle pages, with their Italian and English titles, read from the package. */
function lifecycles(): { slug: string; it: string; en: string }[] {
  const dir = join(docsDir, '..', 'packages', 'csi-model', 'docs', 'lifecycles');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const slug = f.replace(/\.md$/, '');
      const it = /^# Ciclo di vita: (.+)$/m.exec(text)?.[1]?.trim() ?? slug;
      const en = /^\*Lifecycle: (.+)\*$/m.exec(text)?.[1]?.trim() ?? it;
      return { slug, it, en };
    });
}

/** The API reference sidebar that typedoc-vitepress-theme writes next to the generated pages. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = join(docsDir, 'api', 'typedoc-sidebar.json');
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
}

const LIFECYCLES = lifecycles();

/** Where the site is served from: "/" by default; e.g. DOCS_BASE=/riuso-sociale/ for a project page. */
const BASE = `/${(process.env.DOCS_BASE ?? '').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

/**
 * vitepress-plugin-mermaid registers its Mermaid component in every page and imports mermaid
 * statically, which puts the whole library (~170 KB gzipped) in the main bundle. This replaces its
 * small helper module (dist/mermaid.ts, same exports) with one that loads mermaid on first use, so
 * only the pages with a diagram download it.
 */
const lazyMermaid = {
  name: 'riuso-sociale:lazy-mermaid',
  enforce: 'pre' as const,
  transform(_code: string, id: string) {
    if (!/vitepress-plugin-mermaid[\\/]dist[\\/]mermaid\.ts$/.test(id.split('?')[0] ?? '')) return undefined;
    return {
      code: [
        "const load = () => import('mermaid').then((m) => m.default);",
        'export const init = async (externalDiagrams) => {',
        '  try {',
        '    const mermaid = await load();',
        '    if (mermaid.registerExternalDiagrams) await mermaid.registerExternalDiagrams(externalDiagrams);',
        '  } catch (e) {',
        '    console.error(e);',
        '  }',
        '};',
        'export const render = async (id, code, config) => {',
        '  const mermaid = await load();',
        '  mermaid.initialize(config);',
        '  const { svg } = await mermaid.render(id, code);',
        '  return svg;',
        '};',
      ].join('\n'),
      map: null,
    };
  },
};

const itSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Introduzione',
    items: [
      { text: 'Che cos’è riuso-sociale', link: '/' },
      { text: 'Avvio rapido', link: '/guida/' },
    ],
  },
  {
    text: 'Guida ai pacchetti',
    items: [
      { text: 'core', link: '/guida/core' },
      { text: 'fiscal-code', link: '/guida/fiscal-code' },
      { text: 'siuss-schema', link: '/guida/siuss-schema' },
      { text: 'rei-eligibility', link: '/guida/rei-eligibility' },
      { text: 'csi-model', link: '/guida/csi-model' },
      { text: 'Persistenza (csi-store)', link: '/guida/persistenza' },
      { text: 'Collegarsi a INPS (WaaS)', link: '/guida/waas-inps' },
      { text: 'Fascicolo del cittadino', link: '/guida/fascicolo' },
    ],
  },
  {
    text: 'Strumenti',
    items: [
      { text: 'Codice fiscale', link: '/strumenti/codice-fiscale' },
      { text: 'Calcolatore ADI e misure', link: '/strumenti/calcolatore' },
    ],
  },
  {
    text: 'Concetti',
    items: [
      { text: 'Panoramica', link: '/concetti/' },
      { text: 'REI e misure successive', link: '/concetti/rei-e-misure-successive' },
      { text: 'ISEE e scale di equivalenza', link: '/concetti/isee-e-scale-di-equivalenza' },
      { text: 'SIUSS', link: '/concetti/siuss' },
      { text: 'Cartella sociale (CSI)', link: '/concetti/cartella-sociale' },
      {
        text: 'Cicli di vita',
        link: '/concetti/cicli-di-vita/',
        collapsed: true,
        items: LIFECYCLES.map((l) => ({ text: l.it, link: `/concetti/cicli-di-vita/${l.slug}` })),
      },
      { text: 'Codice catastale e omocodia', link: '/concetti/codice-catastale-e-omocodia' },
      { text: 'Glossario', link: '/concetti/glossario' },
    ],
  },
  {
    text: 'Riferimenti',
    items: [
      { text: 'Fonti normative e ufficiali', link: '/fonti' },
      { text: 'Riferimento API', link: '/api/' },
      { text: 'Domande frequenti', link: '/faq' },
      { text: 'Riuso: adottare e pubblicare', link: '/riuso' },
      { text: 'Novità (changelog)', link: '/novita' },
    ],
  },
];

const enSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Introduction',
    items: [
      { text: 'What riuso-sociale is', link: '/en/' },
      { text: 'Quick start', link: '/en/guide/' },
    ],
  },
  {
    text: 'Package guides',
    items: [
      { text: 'core', link: '/en/guide/core' },
      { text: 'fiscal-code', link: '/en/guide/fiscal-code' },
      { text: 'siuss-schema', link: '/en/guide/siuss-schema' },
      { text: 'rei-eligibility', link: '/en/guide/rei-eligibility' },
      { text: 'csi-model', link: '/en/guide/csi-model' },
      { text: 'Persistence (csi-store)', link: '/en/guide/persistence' },
      { text: 'Connecting to INPS (WaaS)', link: '/en/guide/waas-inps' },
      { text: 'Citizen view (fascicolo)', link: '/en/guide/fascicolo' },
    ],
  },
  {
    text: 'Tools',
    items: [
      { text: 'Fiscal code', link: '/en/tools/fiscal-code' },
      { text: 'ADI and benefits calculator', link: '/en/tools/calculator' },
    ],
  },
  {
    text: 'Concepts',
    items: [
      { text: 'Overview', link: '/en/concepts/' },
      { text: 'REI and its successors', link: '/en/concepts/rei-and-successors' },
      { text: 'ISEE and equivalence scales', link: '/en/concepts/isee-and-equivalence-scales' },
      { text: 'SIUSS', link: '/en/concepts/siuss' },
      { text: 'Social case record (CSI)', link: '/en/concepts/social-case-record' },
      {
        text: 'Lifecycles',
        link: '/en/concepts/lifecycles/',
        collapsed: true,
        items: LIFECYCLES.map((l) => ({ text: l.en, link: `/en/concepts/lifecycles/${l.slug}` })),
      },
      { text: 'Cadastral code and omocodia', link: '/en/concepts/cadastral-code-and-omocodia' },
      { text: 'Glossary', link: '/en/concepts/glossary' },
    ],
  },
  {
    text: 'Reference',
    items: [
      { text: 'Legal and official sources', link: '/en/sources' },
      { text: 'API reference', link: '/api/' },
      { text: 'FAQ', link: '/en/faq' },
      { text: 'Reuse: adopt and publish', link: '/en/reuse' },
      { text: 'Changelog', link: '/en/changelog' },
    ],
  },
];

const itNav: DefaultTheme.NavItem[] = [
  { text: 'Guida', link: '/guida/', activeMatch: '^/guida/' },
  { text: 'Concetti', link: '/concetti/', activeMatch: '^/concetti/' },
  {
    text: 'Strumenti',
    activeMatch: '^/strumenti/',
    items: [
      { text: 'Codice fiscale', link: '/strumenti/codice-fiscale' },
      { text: 'Calcolatore ADI e misure', link: '/strumenti/calcolatore' },
    ],
  },
  { text: 'Riferimento API', link: '/api/', activeMatch: '^/api/' },
  { text: 'Riuso', link: '/riuso' },
  {
    text: 'Altro',
    items: [
      { text: 'Fonti normative e ufficiali', link: '/fonti' },
      { text: 'Domande frequenti', link: '/faq' },
      { text: 'Glossario', link: '/concetti/glossario' },
      { text: 'Novità (changelog)', link: '/novita' },
    ],
  },
];

const enNav: DefaultTheme.NavItem[] = [
  { text: 'Guide', link: '/en/guide/', activeMatch: '^/en/guide/' },
  { text: 'Concepts', link: '/en/concepts/', activeMatch: '^/en/concepts/' },
  {
    text: 'Tools',
    activeMatch: '^/en/tools/',
    items: [
      { text: 'Fiscal code', link: '/en/tools/fiscal-code' },
      { text: 'ADI and benefits calculator', link: '/en/tools/calculator' },
    ],
  },
  { text: 'API reference', link: '/api/', activeMatch: '^/api/' },
  { text: 'Reuse', link: '/en/reuse' },
  {
    text: 'More',
    items: [
      { text: 'Legal and official sources', link: '/en/sources' },
      { text: 'FAQ', link: '/en/faq' },
      { text: 'Glossary', link: '/en/concepts/glossary' },
      { text: 'Changelog', link: '/en/changelog' },
    ],
  },
];

export default withMermaid(
  defineConfig({
    title: 'riuso-sociale',
    description: 'Librerie TypeScript per il software dei servizi sociali dei Comuni: codice fiscale, misure di sostegno, flussi SIUSS, cartella sociale.',
    base: BASE,
    // Links name the built files (/guida/core.html), so the site works on any static host with no
    // rewrite rule: a reload or a shared link of a deep page never 404s (with clean URLs, /guida/core
    // needs a host that adds ".html" by itself: GitHub Pages, Netlify… but not nginx or Apache as
    // they come, python -m http.server or an object store). Hosts that do add ".html" still serve
    // /guida/core too, and the router accepts both forms.
    cleanUrls: false,
    ignoreDeadLinks: false,
    lastUpdated: false,
    // docs/README.md describes the folder (and its licence) for people browsing the repository.
    srcExclude: ['README.md', 'scripts/**', 'test/**'],
    head: [
      ['meta', { name: 'theme-color', content: '#0066cc' }],
      // docs/public/favicon.svg; apple-touch-icon.png is the same drawing at 180 px, square (iOS rounds it).
      ['link', { rel: 'icon', type: 'image/svg+xml', href: `${BASE}favicon.svg` }],
      ['link', { rel: 'apple-touch-icon', href: `${BASE}apple-touch-icon.png` }],
    ],
    markdown: {
      // typedoc-plugin-markdown output (docs/api/) is plain Markdown: keep Vue from reading `{{ }}` in it.
      config(md) {
        const render = md.render.bind(md);
        md.render = (src, env) => {
          const html = render(src, env);
          const path = String(env?.relativePath ?? '');
          return path.startsWith('api/') ? `<div v-pre>${html}</div>` : html;
        };
      },
    },
    mermaid: {},
    vite: {
      plugins: [lazyMermaid],
      resolve: {
        // The workspace packages export "@riuso-sociale/source": "./src/index.ts": the site (and its
        // interactive pages) read the TypeScript sources, so no build of the packages is needed.
        conditions: ['@riuso-sociale/source', 'browser', 'import', 'module', 'default'],
      },
      ssr: {
        resolve: {
          conditions: ['@riuso-sociale/source', 'import', 'module', 'node', 'default'],
        },
      },
    },
    locales: {
      root: {
        label: 'Italiano',
        lang: 'it-IT',
        themeConfig: {
          nav: itNav,
          sidebar: { '/api/': [{ text: 'Riferimento API', link: '/api/' }, ...apiSidebar()], '/': itSidebar },
          outline: { level: [2, 3], label: 'In questa pagina' },
          docFooter: { prev: 'Pagina precedente', next: 'Pagina successiva' },
          darkModeSwitchLabel: 'Aspetto',
          lightModeSwitchTitle: 'Passa al tema chiaro',
          darkModeSwitchTitle: 'Passa al tema scuro',
          sidebarMenuLabel: 'Menu',
          returnToTopLabel: 'Torna su',
          langMenuLabel: 'Cambia lingua',
          skipToContentLabel: 'Vai al contenuto',
          notFound: {
            title: 'PAGINA NON TROVATA',
            quote: 'L’indirizzo non corrisponde a nessuna pagina della documentazione.',
            linkLabel: 'vai alla pagina iniziale',
            linkText: 'Torna alla pagina iniziale',
          },
          footer: {
            message: 'Codice BSD-3-Clause · Documentazione CC-BY-4.0 · Software pubblicato per il riuso (CAD, artt. 68 e 69)',
            copyright: 'the riuso-sociale contributors',
          },
        },
      },
      en: {
        label: 'English',
        lang: 'en-GB',
        link: '/en/',
        description: 'TypeScript libraries for Italian municipalities’ social-services software: fiscal code, benefits, SIUSS flows, social case records.',
        themeConfig: {
          nav: enNav,
          sidebar: { '/en/': enSidebar },
          outline: { level: [2, 3], label: 'On this page' },
          footer: {
            message: 'Code BSD-3-Clause · Documentation CC-BY-4.0 · Published for reuse under the Italian CAD (arts. 68 and 69)',
            copyright: 'the riuso-sociale contributors',
          },
        },
      },
    },
    themeConfig: {
      // The pages of the two languages have different slugs (guida/guide, concetti/concepts): the
      // language menu leads to the other language's home page instead of a missing page. Each page
      // names its counterpart in the `translation` frontmatter field.
      i18nRouting: false,
      socialLinks: [{ icon: 'github', link: REPO }],
      search: {
        provider: 'local',
        options: {
          // The API pages are indexed by title, signature and summary only (up to their first `##`
          // section): the full tables of parameters and properties tripled the size of the index.
          _render(src, env, md) {
            if (!String(env.relativePath ?? '').startsWith('api/')) return md.render(src, env);
            const cut = src.search(/^## /m);
            return md.render(cut > 0 ? src.slice(0, cut) : src, env);
          },
          locales: {
            root: {
              translations: {
                button: { buttonText: 'Cerca', buttonAriaLabel: 'Cerca' },
                modal: {
                  displayDetails: 'Mostra l’elenco dettagliato',
                  resetButtonTitle: 'Cancella la ricerca',
                  backButtonTitle: 'Chiudi la ricerca',
                  noResultsText: 'Nessun risultato per',
                  footer: { selectText: 'per scegliere', navigateText: 'per spostarti', closeText: 'per chiudere' },
                },
              },
            },
          },
        },
      },
    },
  }),
);
