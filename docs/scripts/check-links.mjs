#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Checks the built site (docs/.vitepress/dist) for broken internal links, anchors included.
 * VitePress already fails the build on a Markdown link to a missing page, but it does not look at
 * `#anchors`, nor at links outside Markdown (hero actions, nav, sidebar, the theme's translation
 * link). This script reads every HTML page, collects the `id`s of each page and checks every
 * `href` that points inside the site, and that it names a file (or a folder with its index.html), so
 * the site works on a static host with no rewrite rule. Exit 1 with the list of broken links.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '.vitepress', 'dist');
// Same normalisation as `base` in .vitepress/config.mts.
const base = `/${(process.env.DOCS_BASE ?? '').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

if (!existsSync(dist)) {
  console.error(`check-links: ${dist} does not exist: run the site build first`);
  process.exit(1);
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, out);
    else if (name.endsWith('.html')) out.push(abs);
  }
  return out;
}

const decode = (s) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
/** Unescapes the few HTML entities that appear in attribute values. */
const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

const pages = walk(dist);
const ids = new Map();
for (const file of pages) {
  const html = readFileSync(file, 'utf8');
  ids.set(file, new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(unescape(m[1])))));
}

/**
 * The built file an internal path points to, as the plainest static host finds it: /a/b/ → a/b/index.html,
 * /a/b.html → a/b.html, and nothing else (no clean URLs: /a/b is a 404 there, and on a reload).
 */
function target(path) {
  let p = decode(path);
  if (!p.startsWith(base)) return { outside: true };
  p = p.slice(base.length);
  const candidates = p === '' || p.endsWith('/') ? [join(dist, p, 'index.html')] : [join(dist, p)];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return { file: found ?? null };
}

const problems = [];
let checked = 0;
for (const file of pages) {
  const html = readFileSync(file, 'utf8');
  const from = relative(dist, file).split(sep).join('/');
  for (const m of html.matchAll(/\shref="([^"]*)"/g)) {
    const href = unescape(m[1]);
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) continue; // external, mailto:, …
    const [pathPart, hash] = href.split('#', 2);
    let file2 = file;
    if (pathPart !== '') {
      const absolute = pathPart.startsWith('/') ? pathPart : new URL(pathPart, `http://x/${from}`).pathname;
      if (/\.(?:css|js|svg|png|ico|json|xml|txt|woff2?)$/.test(absolute)) continue;
      const t = target(absolute);
      if (t.outside) continue;
      checked++;
      if (!t.file) {
        problems.push(`${from}: ${href} — no such file (a plain static host answers 404)`);
        continue;
      }
      file2 = t.file;
    } else if (hash === undefined || hash === '') {
      continue;
    } else {
      checked++;
    }
    if (hash !== undefined && hash !== '' && !ids.get(file2)?.has(decode(hash))) {
      problems.push(`${from}: ${href} — no #${decode(hash)} in ${relative(dist, file2)}`);
    }
  }
}

if (problems.length > 0) {
  console.error(`check-links: ${problems.length} broken internal links / collegamenti interni rotti:`);
  for (const p of [...new Set(problems)]) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-links: ${checked} internal links in ${pages.length} pages, all resolve`);
