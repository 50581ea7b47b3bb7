#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Copies the csi-model lifecycle pages (packages/csi-model/docs/lifecycles/*.md, generated from the
 * state machines) into the site, once per language: docs/concetti/cicli-di-vita/ and
 * docs/en/concepts/lifecycles/. The pages are bilingual already; the copies get a frontmatter with
 * the title (in the page's language) and the page in the other language, and a note on where they
 * come from; the two index pages include the generated lists (docs/.vitepress/generated/
 * lifecycles.{it,en}.md). The copies are not versioned (docs/.gitignore): the source of truth stays
 * in the package. Run by `npm run build` and `npm run dev` (docs/).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(docs, '..', 'packages', 'csi-model', 'docs', 'lifecycles');
const targets = [
  {
    dir: join(docs, 'concetti', 'cicli-di-vita'),
    translation: '/en/concepts/lifecycles/',
    title: (d) => `Ciclo di vita: ${d.it}`,
    note: (file) =>
      `::: info Pagina generata\nQuesta pagina è generata dalle macchine a stati di \`@riuso-sociale/csi-model\` ` +
      `(sorgente: \`packages/csi-model/docs/lifecycles/${file}\`); un test del pacchetto verifica che coincida con il codice. ` +
      `Torna all'[elenco dei cicli di vita](./).\n:::\n`,
  },
  {
    dir: join(docs, 'en', 'concepts', 'lifecycles'),
    translation: '/concetti/cicli-di-vita/',
    title: (d) => `Lifecycle: ${d.en}`,
    note: (file) =>
      `::: info Generated page\nThis page is generated from the state machines of \`@riuso-sociale/csi-model\` ` +
      `(source: \`packages/csi-model/docs/lifecycles/${file}\`); a package test checks that it matches the code. ` +
      `The page is bilingual, Italian first. Back to the [list of lifecycles](./).\n:::\n`,
  },
];

/** Title and one-paragraph description, in Italian and English, of a lifecycle page. */
export function describe(text, file) {
  const it = /^# Ciclo di vita: (.+)$/m.exec(text)?.[1]?.trim() ?? file;
  const en = /^\*Lifecycle: (.+)\*$/m.exec(text)?.[1]?.trim() ?? it;
  // The paragraphs between the English subtitle and the "Stato iniziale" line: Italian, then *English*.
  const intro = text.split(/\r?\n\r?\n/).map((p) => p.trim());
  const start = intro.findIndex((p) => p.startsWith('*Lifecycle:'));
  const itText = start >= 0 ? intro[start + 1] ?? '' : '';
  const enText = start >= 0 ? (intro[start + 2] ?? '').replace(/^\*(.*)\*$/s, '$1') : '';
  return { it, en, itText, enText };
}

const files = readdirSync(source).filter((f) => f.endsWith('.md')).sort();
if (files.length === 0) {
  console.error(`lifecycles: no pages in ${source}`);
  process.exit(1);
}

for (const { dir, translation, title: pageTitle, note } of targets) {
  mkdirSync(dir, { recursive: true });
  // Remove stale copies (a lifecycle renamed or removed in the package), never the hand-written index.
  for (const old of readdirSync(dir)) if (old.endsWith('.md') && old !== 'index.md') rmSync(join(dir, old));
  for (const file of files) {
    const text = readFileSync(join(source, file), 'utf8');
    const title = pageTitle(describe(text, file));
    // The note goes right after the page title.
    const body = text.replace(/^(# .+\n)/m, `$1\n${note(file)}`);
    // `translation`: the same page in the other language (the theme links to it above the content).
    const slug = file.replace(/\.md$/, '');
    writeFileSync(join(dir, file), `---\ntitle: ${JSON.stringify(title)}\ntranslation: ${translation}${slug}\n---\n\n${body}`);
  }
}
// The lists the two index pages include (<!--@include: …-->).
const generated = join(docs, '.vitepress', 'generated');
mkdirSync(generated, { recursive: true });
const pages = files.map((file) => ({ slug: file.replace(/\.md$/, ''), ...describe(readFileSync(join(source, file), 'utf8'), file) }));
const list = (lang, base) =>
  pages.map((p) => `- [${lang === 'it' ? p.it : p.en}](${base}${p.slug}) — ${(lang === 'it' ? p.itText : p.enText).replace(/\s+/g, ' ')}`).join('\n') + '\n';
writeFileSync(join(generated, 'lifecycles.it.md'), list('it', '/concetti/cicli-di-vita/'));
writeFileSync(join(generated, 'lifecycles.en.md'), list('en', '/en/concepts/lifecycles/'));

console.log(`lifecycles: ${files.length} pages copied into ${targets.length} languages`);
