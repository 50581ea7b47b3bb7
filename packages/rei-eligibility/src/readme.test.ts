// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain JavaScript helper of the package scripts, no types
import { END, render, START } from '../scripts/parameters-markdown.mjs';
import { allParameters } from './index.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('the parameter table is the one the parameters produce (node scripts/parameters-markdown.mjs --write)', () => {
    const a = readme.indexOf(START as string);
    const b = readme.indexOf(END as string);
    expect(a).toBeGreaterThan(0);
    expect(readme.slice(a + (START as string).length, b).trim()).toBe((render as (p: unknown) => string)(allParameters()).trim());
  });
  it('names every unverified parameter in its list of open points', () => {
    for (const p of allParameters()) {
      if (p.periods.some((x) => x.status === 'unverified')) expect(readme.split(END as string)[1]).toContain(p.name);
    }
  });
});
