// SPDX-License-Identifier: BSD-3-Clause
/**
 * OpenFisca-style fixtures: each case gives a date, a household (a base patched), the expected result
 * and its source. The expected amounts are worked out by hand from the law (see each `source`), not
 * copied from the library's output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bases, fixturesDir, householdOf, type Json } from './fixtures/support.js';
import { describe, expect, it } from 'vitest';
import { evaluate, householdSchema, type MeasureId } from './index.js';


interface Expected {
  readonly status: 'eligible' | 'ineligible' | 'needs-info';
  readonly scale?: number;
  readonly annualCents?: number;
  readonly monthlyCents?: number;
  readonly payment?: 'monthly' | 'annual-lump-sum';
  readonly durationMonths?: number;
  readonly gapMonths?: number;
  readonly firstRenewalMonthCents?: number | null;
  readonly firstMonth?: string;
  readonly outcomes?: Readonly<Record<string, 'pass' | 'fail' | 'unknown'>>;
  readonly missing?: readonly string[];
}
interface Case {
  readonly name: string;
  readonly source: string;
  readonly measure: MeasureId;
  readonly date: string;
  readonly base: string;
  readonly patch?: Record<string, unknown>;
  readonly expected: Expected;
}

const files = readdirSync(fixturesDir).filter((f) => f.endsWith('.json') && f !== 'bases.json').sort();

describe('fixture files', () => {
  it('every base household is valid and every measure has a fixture file', () => {
    for (const b of Object.values(bases)) expect(householdSchema.safeParse(b).success).toBe(true);
    expect(files).toEqual(['adi.json', 'rdc.json', 'rei.json', 'sfl.json']);
  });
});

for (const file of files) {
  const { cases } = JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as { cases: Case[] };
  describe(file, () => {
    it('every case names its source', () => {
      for (const c of cases) expect(c.source.length, c.name).toBeGreaterThan(5);
    });
    for (const c of cases) {
      it(`${c.date} ${c.measure}: ${c.name}`, () => {
        const r = evaluate({ measure: c.measure, date: c.date, household: householdOf(c.base, (c.patch ?? {}) as Json) });
        if (!r.ok) throw new Error(r.issues.map((i) => i.messageEn).join('; '));
        const e = r.value;
        const why = `${c.name}\n${e.requirements.filter((q) => q.outcome !== 'pass').map((q) => `${q.outcome} ${q.id}: ${q.message.en} ${q.missing.join(',')}`).join('\n')}`;
        expect(e.status, why).toBe(c.expected.status);
        const x = c.expected;
        if (x.scale !== undefined) expect(e.benefit?.scale?.value).toBe(x.scale);
        if (x.annualCents !== undefined) expect(e.benefit?.annualCents).toBe(x.annualCents);
        if (x.monthlyCents !== undefined) expect(e.benefit?.monthlyCents).toBe(x.monthlyCents);
        if (x.payment !== undefined) expect(e.benefit?.payment).toBe(x.payment);
        if (x.durationMonths !== undefined) expect(e.benefit?.duration.months).toBe(x.durationMonths);
        if (x.gapMonths !== undefined) expect(e.benefit?.duration.rule.gapMonths).toBe(x.gapMonths);
        if (x.firstRenewalMonthCents !== undefined) expect(e.benefit?.duration.firstRenewalMonthCents).toBe(x.firstRenewalMonthCents ?? undefined);
        if (x.firstMonth !== undefined) expect(e.benefit?.duration.firstMonth).toBe(x.firstMonth);
        for (const [id, outcome] of Object.entries(x.outcomes ?? {})) {
          expect(e.requirements.find((q) => q.id === id)?.outcome, `${id}\n${why}`).toBe(outcome);
        }
        if (x.missing !== undefined) expect(e.missing).toEqual(x.missing);
        if (e.status === 'eligible' && e.benefit) {
          expect(e.benefit.annualCents).toBeGreaterThan(0);
          expect(Number.isInteger(e.benefit.monthlyCents)).toBe(true);
        }
      });
    }
  });
}
