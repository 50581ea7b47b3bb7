#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lists the pending changesets (/.changeset/*.md except README.md) for the site's changelog pages.
 * Writes docs/.vitepress/generated/changesets.it.md and changesets.en.md, which docs/novita.md and
 * docs/en/changelog.md include (`<!--@include: …-->`). No release exists yet: once
 * `changeset version` has run, the packages' CHANGELOG.md files are the record, and this list
 * shows only what is still pending. Run by `npm run build` and `npm run dev` (docs/).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(docs, '..');
const dir = join(root, '.changeset');
const out = join(docs, '.vitepress', 'generated');

const BUMPS = ['patch', 'minor', 'major'];

/** Parses one changeset: the `"package": bump` lines of its frontmatter and the text after it. */
export function parseChangeset(text, file = 'changeset') {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: no frontmatter`);
  const releases = [];
  for (const line of m[1].split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const r = /^\s*["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line);
    if (!r) throw new Error(`${file}: cannot read "${line}"`);
    releases.push({ name: r[1], bump: r[2] });
  }
  return { releases, summary: m[2].trim() };
}

/** The version `changeset version` would give to `version` with the given bump. */
export function nextVersion(version, bump) {
  const [major, minor, patch] = version.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

function packageVersions() {
  const versions = new Map();
  for (const d of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', d, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (!pkg.private) versions.set(pkg.name, pkg.version);
  }
  return versions;
}

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort() : [];
const changesets = files.map((file) => ({ file, ...parseChangeset(readFileSync(join(dir, file), 'utf8'), file) }));
const versions = packageVersions();

// All published packages are one `fixed` group (.changeset/config.json): they move together, to
// the version the highest pending bump gives to the current one.
const highest = changesets.flatMap((c) => c.releases.map((r) => r.bump)).reduce((a, b) => (BUMPS.indexOf(b) > BUMPS.indexOf(a) ? b : a), 'patch');
const current = [...new Set(versions.values())];
const next = changesets.length > 0 && current.length === 1 ? nextVersion(current[0], highest) : null;

const byPackage = new Map([...versions.keys()].sort().map((name) => [name, []]));
for (const c of changesets) for (const r of c.releases) (byPackage.get(r.name) ?? byPackage.set(r.name, []).get(r.name)).push({ ...c, bump: r.bump });

const code = (s) => `\`${s}\``;
const indent = (s) => s.replace(/\n/g, '\n  ');

function render(lang) {
  const t = lang === 'it'
    ? { none: 'Nessun changeset in attesa.', count: (n) => `${n} changeset in attesa`, next: (v, b) => `: alla prossima versione tutti i pacchetti passerebbero a **${v}** (modifica più ampia: ${code(b)}).`, nothing: '_nessuna modifica in attesa_', file: 'file' }
    : { none: 'No pending changesets.', count: (n) => `${n} pending changeset${n === 1 ? '' : 's'}`, next: (v, b) => `: at the next release every package would move to **${v}** (largest change: ${code(b)}).`, nothing: '_no pending change_', file: 'file' };
  if (changesets.length === 0) return `${t.none}\n`;
  const lines = [`${t.count(changesets.length)}${next ? t.next(next, highest) : '.'}`, ''];
  for (const [name, entries] of byPackage) {
    lines.push(`### ${code(name)}`, '');
    if (entries.length === 0) lines.push(t.nothing, '');
    for (const e of entries) lines.push(`- **${e.bump}** — ${indent(e.summary)} <small>(${t.file} ${code(`.changeset/${e.file}`)})</small>`);
    if (entries.length > 0) lines.push('');
  }
  return lines.join('\n');
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'changesets.it.md'), render('it'));
writeFileSync(join(out, 'changesets.en.md'), render('en'));
console.log(`changelog: ${changesets.length} pending changesets${next ? `, next version ${next}` : ''}`);
