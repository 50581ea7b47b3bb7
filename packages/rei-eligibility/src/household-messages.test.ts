// SPDX-License-Identifier: BSD-3-Clause
/**
 * One way to carry the household schema's bilingual messages: the zod message is the Italian text, its
 * English twin is registered with the schema, and `householdIssueText` gives both.
 */
import type { LocalizedText } from '@riuso-sociale/core';
import { describe, expect, it, vi } from 'vitest';
import { z as zc } from 'zod';
import type * as zm from 'zod/mini';
import { householdMessages, message } from './household.js';
import { householdIssueText, householdSchema, MAX_HOUSEHOLD_MEMBERS } from './index.js';

/** Messages whose Italian and English texts are the same on purpose (none today). */
const DELIBERATELY_EQUAL: ReadonlySet<string> = new Set<string>();

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** Wrong values tried on every leaf of the schema: wrong types, negative, fractional, too big, bad text. */
const WRONG: readonly unknown[] = ['x', 'a b', '1990-13-01', -1, 0, 1.5, 99, 1_000_000, true, null, {}, []];

/**
 * Every input that makes one check of the schema fail, found by walking the schema (objects, arrays,
 * optionals, pipes): for each object a wrong type and an unknown key, for each list a wrong type, for
 * each leaf the {@link WRONG} values; `wrap` puts the value back at its place in a household.
 */
function wrongInputs(schema: unknown, wrap: (v: unknown) => unknown): unknown[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'lazy':
      return wrongInputs((def['getter'] as () => unknown)(), wrap);
    case 'optional':
      return wrongInputs(def['innerType'], wrap);
    case 'pipe': {
      // A date (string → IsoDate) is a leaf; the members' pipe (bound, then list) is walked through its list.
      const out = defOf(def['out']);
      return out.type === 'transform' ? WRONG.map(wrap) : wrongInputs(def['out'], wrap);
    }
    case 'object': {
      const shape = def['shape'] as Record<string, unknown>;
      return [
        wrap('x'),
        wrap({ unknownKey: 1 }),
        ...Object.entries(shape).flatMap(([key, field]) => wrongInputs(field, (v) => wrap({ [key]: v }))),
      ];
    }
    case 'array':
      return [wrap('x'), ...wrongInputs(def['element'], (v) => wrap([v]))];
    default:
      return WRONG.map(wrap);
  }
}

/** The refinements: checks that only a combination of valid values makes fail. */
const REFINEMENTS: readonly unknown[] = [
  { members: [{ dueDate: '2025-05-01' }] },
  { members: [{ birthDate: '1990-01-01', pregnant: true, dueDate: '1989-01-01' }] },
  { members: [{ id: 'a' }, { id: 'a' }] },
  { members: [{ relation: 'richiedente' }, { relation: 'richiedente' }] },
  { applicant: { residence: { since: '2010-01-01', continuousSince: '2009-12-31' } } },
  { applicant: { residence: { years: 3, continuousYears: 4 } } },
  { applicant: { citizenship: 'italiana', permit: 'altro' } },
  { housing: { tenure: 'proprieta', annualRentCents: 100 } },
  { housing: { tenure: 'affitto', annualMortgageInstalmentCents: 100 } },
];

function issuesOf(input: unknown): zm.core.$ZodIssue[] {
  const r = householdSchema.safeParse(input);
  return r.success ? [] : r.error.issues;
}

describe('householdIssueText: every message of the schema has its two texts', () => {
  const produced = [...wrongInputs(householdSchema, (v) => v), ...REFINEMENTS].flatMap(issuesOf);

  it('the walk reaches the schema (not vacuous)', () => {
    expect(produced.length).toBeGreaterThan(200);
    expect(householdMessages().size).toBeGreaterThan(50);
  });

  it('every issue the schema produces: its message is the Italian text, with a non-empty English twin that differs', () => {
    for (const issue of produced) {
      const text = householdIssueText(issue);
      expect(text.it, JSON.stringify(issue.path)).toBe(issue.message);
      expect(text.it.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
      if (!DELIBERATELY_EQUAL.has(text.it)) expect(text.en, text.it).not.toBe(text.it);
      expect(issue.message).not.toContain(' / '); // no packed "italiano / English" any more
    }
  });

  it('the table holds exactly the messages the schema produces (each registered message is reachable, each produced one registered)', () => {
    const messages = new Set(produced.map((i) => i.message));
    expect([...householdMessages().keys()].filter((m) => !messages.has(m))).toEqual([]);
    expect([...messages].filter((m) => !householdMessages().has(m))).toEqual([]);
  });

  it('every entry of the table: non-empty texts that differ (or are deliberately equal), keyed by its Italian text', () => {
    for (const [it, text] of householdMessages()) {
      expect(text.it).toBe(it);
      expect(it.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
      expect(it).not.toContain(' / ');
      expect(text.en).not.toContain(' / ');
      if (!DELIBERATELY_EQUAL.has(it)) expect(text.en, it).not.toBe(it);
    }
  });

  it('some texts, as a reader sees them', () => {
    const text = (input: unknown): LocalizedText[] => issuesOf(input).map(householdIssueText);
    expect(text({ financialAssetsCents: -1 })).toEqual([
      { it: "Patrimonio mobiliare: l'importo non può essere negativo", en: 'Financial assets: the amount cannot be negative' },
    ]);
    expect(text({ members: [{ dueDate: '2025-05-01' }] })).toEqual([{ it: 'Data presunta del parto senza gravidanza', en: 'Due date without pregnancy' }]);
    expect(text({ members: [{ birthDate: '1990-13-01' }] })).toEqual([
      { it: 'Data di nascita: data non valida (AAAA-MM-GG)', en: 'Birth date: invalid date (YYYY-MM-DD)' },
    ]);
    expect(text({ reddito: 1 })).toEqual([{ it: 'Nucleo: campo non previsto o valore non valido', en: 'Household: unexpected field or invalid value' }]);
  });
});

describe('householdIssueText: too many members', () => {
  it('rebuilt from params (max, count): both counts with the thousands separator of each language', () => {
    const [issue, ...rest] = issuesOf({ members: Array.from({ length: 10_001 }, () => ({})) });
    expect(rest).toEqual([]);
    expect(issue?.code === 'custom' ? issue.params : undefined).toEqual({ code: 'rei.household.too_many_members', max: MAX_HOUSEHOLD_MEMBERS, count: 10_001 });
    expect(issue && householdIssueText(issue)).toEqual({
      it: 'Componenti: al massimo 10.000 (ne sono indicati 10.001)',
      en: 'Members: at most 10,000 (10,001 given)',
    });
    expect(issue?.message).toBe('Componenti: al massimo 10.000 (ne sono indicati 10.001)');
  });
  it('a million members', () => {
    const [issue] = issuesOf({ members: new Array<object>(1_234_567).fill({}) });
    expect(issue && householdIssueText(issue)).toEqual({
      it: 'Componenti: al massimo 10.000 (ne sono indicati 1.234.567)',
      en: 'Members: at most 10,000 (1,234,567 given)',
    });
  });
});

describe('householdIssueText: a message that is not the schema’s', () => {
  it('maps to itself in both languages', () => {
    const issue: zm.core.$ZodIssue = { code: 'custom', path: [], message: 'Qualcosa non va' };
    expect(householdIssueText(issue)).toEqual({ it: 'Qualcosa non va', en: 'Qualcosa non va' });
  });
  it('zod’s own message of a larger schema', () => {
    const r = zc.object({ id: zc.string(), household: householdSchema }).safeParse({ household: { ownsBoats: 'no' } });
    expect(r.success).toBe(false);
    if (r.success) return;
    const id = r.error.issues.find((i) => i.path[0] === 'id');
    expect(id && householdIssueText(id)).toEqual({ it: id?.message, en: id?.message });
    const boats = r.error.issues.find((i) => i.path[0] === 'household');
    expect(boats && householdIssueText(boats)).toEqual({ it: 'Navi o imbarcazioni da diporto: vero o falso', en: 'Boats or pleasure craft: true or false' });
  });
  it('a custom issue with a foreign params.code is looked up by its message', () => {
    const issue: zm.core.$ZodIssue = { code: 'custom', path: [], message: 'Componenti: elenco', params: { code: 'x', max: 1, count: 2 } };
    expect(householdIssueText(issue)).toEqual({ it: 'Componenti: elenco', en: 'Members: list' });
  });
});

describe('the message table: one English text per Italian text', () => {
  it('building the schema in a fresh module registers every message without a clash', async () => {
    vi.resetModules();
    const fresh = await import('./household.js');
    expect(() => fresh.householdSchema.safeParse({})).not.toThrow();
    expect(fresh.householdMessages().size).toBe(householdMessages().size);
  });
  it('the same Italian text with the same English text is one entry; with another English text it throws', () => {
    const table = new Map<string, LocalizedText>();
    expect(message('Età: numero intero', 'Age: integer', table)).toBe('Età: numero intero');
    expect(message('Età: numero intero', 'Age: integer', table)).toBe('Età: numero intero');
    expect([...table]).toEqual([['Età: numero intero', { it: 'Età: numero intero', en: 'Age: integer' }]]);
    expect(() => message('Età: numero intero', 'Age: whole number', table)).toThrow(/two English texts/);
  });
});
