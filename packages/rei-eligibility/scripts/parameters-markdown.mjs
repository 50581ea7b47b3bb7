// SPDX-License-Identifier: BSD-3-Clause
/**
 * Renders the table of every dated parameter (value, period, act and article, verification status) for
 * the README, and rewrites the README section between the markers:
 *   node scripts/parameters-markdown.mjs --write   (after `npm run build`)
 * `src/readme.test.ts` fails when the README table differs from the parameters.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export const START = '<!-- parameters:start (generated: node scripts/parameters-markdown.mjs --write) -->';
export const END = '<!-- parameters:end -->';

const STATUS = { 'confirmed-primary': 'P', 'confirmed-quoted': 'Q', secondary: 'S', unverified: '**U**' };

function show(value) {
  if (typeof value === 'number') return String(value);
  if (value === true) return 'sì';
  return JSON.stringify(value).replaceAll('"', '').replaceAll(',', ', ').replaceAll(':', ': ');
}

const cell = (s) => String(s).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** @param {readonly { name: string; periods: readonly { from: string; to?: string; value: unknown; ref: { act: string; article: string }; status: string }[] }[]} parameters */
export function render(parameters) {
  const lines = ['| parametro | valore (centesimi o centesimi di punto) | dal | al | atto, articolo | stato |', '|---|---|---|---|---|---|'];
  for (const p of parameters) {
    for (const x of p.periods) {
      lines.push(`| \`${p.name}\` | ${cell(show(x.value))} | ${x.from} | ${x.to ?? '—'} | ${cell(`${x.ref.act}, ${x.ref.article}`)} | ${STATUS[x.status] ?? x.status} |`);
    }
  }
  return lines.join('\n');
}

export function replaceSection(readme, table) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README: parameter markers not found');
  return `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(b)}`;
}

if (process.argv.includes('--write')) {
  const { allParameters } = await import('../dist/index.js');
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, replaceSection(readFileSync(path, 'utf8'), render(allParameters())));
  console.log('README parameter table written');
}
