// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LifecycleKind } from '../states.js';
import { STATES } from '../states.js';
import { lifecycleMarkdown, mermaidBlock, toMermaid } from './docs.js';
import { LIFECYCLES } from './registry.js';

const KINDS = Object.keys(STATES) as LifecycleKind[];
const page = (kind: LifecycleKind): string => readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'lifecycles', `${kind}.md`), 'utf8');
const REGENERATE = 'regenerate with: node packages/csi-model/scripts/lifecycle-docs.mjs';

describe('docs/lifecycles: one generated page per lifecycle', () => {
  it.each(KINDS)('%s.md holds exactly the diagram toMermaid produces', (kind) => {
    expect(mermaidBlock(page(kind)), REGENERATE).toBe(toMermaid(LIFECYCLES[kind].machine));
  });

  it.each(KINDS)('%s.md is the page the machine and its rules produce', (kind) => {
    expect(page(kind), REGENERATE).toBe(lifecycleMarkdown(LIFECYCLES[kind]));
  });

  it('the diagram has one arrow per (from, to) pair of the table, and the initial and final states', () => {
    const d = toMermaid(LIFECYCLES.diario.machine);
    expect(d.split('\n')).toEqual([
      'stateDiagram-v2',
      '    state "entered-in-error" as entered_in_error',
      '    [*] --> bozza',
      '    bozza --> firmato: firma',
      '    bozza --> entered_in_error: segna-errore',
      '    firmato --> entered_in_error: segna-errore',
      '    firmato --> [*]',
      '    entered_in_error --> [*]',
    ]);
    for (const kind of KINDS) {
      const m = LIFECYCLES[kind].machine;
      const arrows = toMermaid(m)
        .split('\n')
        .filter((l) => l.includes(': '))
        .flatMap((l) => (l.split(': ')[1] ?? '').split(', ').map((ev) => `${l.trim().split(' --> ')[0]} ${ev}`));
      const table = m.events.flatMap((ev) => (m.spec[ev]?.from ?? []).map((from) => `${from.replaceAll('-', '_')} ${ev}`));
      expect(arrows.sort()).toEqual(table.sort());
    }
  });

  it('each page is Italian first with the English after, and lists every event and rule', () => {
    for (const kind of KINDS) {
      const text = page(kind);
      const def = LIFECYCLES[kind];
      expect(text.indexOf(`# Ciclo di vita: ${def.title.it}`)).toBeLessThan(text.indexOf(`*Lifecycle: ${def.title.en}*`));
      for (const ev of def.machine.events) expect(text).toContain(`| \`${ev}\` |`);
      for (const r of def.rules) expect(text).toContain(`### \`${r.id}\``);
    }
  });
});
