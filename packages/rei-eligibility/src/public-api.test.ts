// SPDX-License-Identifier: BSD-3-Clause
/** The additions of issue 13 to the public API: the ADI scale of a household and the vocabularies. */
import { makeIsoDate, type IsoDate } from '@riuso-sociale/core';
import { describe, expect, it } from 'vitest';
import { LONE_PARENT_RENTING } from './fixtures/support.js';
import * as api from './index.js';
import { evaluate, HOUSEHOLD_RELATIONS, householdAdiScale, householdSchema, HOUSING_TENURES, ISEE_KINDS, type HouseholdInput } from './index.js';

const DATE = makeIsoDate(2025, 3, 1) as IsoDate;

describe('householdAdiScale', () => {
  const input: HouseholdInput = LONE_PARENT_RENTING;

  it('is the scale evaluate uses for the ADI (care duties derived from a child under 3)', () => {
    const r = householdAdiScale(householdSchema.parse(input), DATE);
    const e = evaluate({ measure: 'adi', date: DATE, household: input });
    expect(r.ok && r.value.hundredths).toBe(155);
    expect(e.ok && e.value.benefit?.scale).toEqual(r.ok ? r.value : null);
  });

  it('lists each missing fact as an issue with its household path', () => {
    const r = householdAdiScale(householdSchema.parse({ members: [{ age: 40 }, { age: 2, disability: 'none' }] }), DATE);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      // The care programme is asked with the disability: a non-disabled adult under 60 may be in one.
      expect(r.issues.map((i) => [i.code, i.path])).toEqual([
        ['rei.adi_scale.missing_fact', ['members', 0, 'disability']],
        ['rei.adi_scale.missing_fact', ['members', 0, 'certifiedCareProgramme']],
      ]);
      expect(r.issues[0].messageEn).toBe('ADI scale: members.0.disability needed');
    }
  });

  it('names a member by its id, and the issue path still points into the household', () => {
    const r = householdAdiScale(householdSchema.parse({ members: [{ id: 'RSSMRA80A01H501U', age: 40, certifiedCareProgramme: false }, { id: 'k-2', age: 2, disability: 'none' }] }), DATE);
    expect(!r.ok && r.issues.map((i) => [i.path, i.messageEn])).toEqual([[['members', 0, 'disability'], 'ADI scale: members[RSSMRA80A01H501U].disability needed']]);
  });

  it('refuses a date before the ADI scale with a typed error, not an exception', () => {
    const r = householdAdiScale(householdSchema.parse({ members: [{ age: 40, disability: 'none' }] }), makeIsoDate(2020, 1, 1) as IsoDate);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['rei.adi_scale.not_computable']);
  });
});

describe('vocabularies', () => {
  it.each([
    ['HOUSEHOLD_RELATIONS', HOUSEHOLD_RELATIONS, (v: string) => ({ members: [{ relation: v }] })],
    ['HOUSING_TENURES', HOUSING_TENURES, (v: string) => ({ housing: { tenure: v } })],
    ['ISEE_KINDS', ISEE_KINDS, (v: string) => ({ isee: { kind: v } })],
  ] as const)('%s: every value is accepted by householdSchema, a value outside is not', (_, list, wrap) => {
    expect(new Set(list).size).toBe(list.length);
    for (const v of list) expect(householdSchema.safeParse(wrap(v)).success, v).toBe(true);
    expect(householdSchema.safeParse(wrap('nessuno-di-questi')).success).toBe(false);
  });
});

describe('public API', () => {
  it('keeps every name it had before the engine split, plus the additions', () => {
    const before = [
      'ADI_SCALE', 'ISEE_BASE_SCALE', 'ISEE_CHILDREN_INCREMENT', 'ISEE_CHILDREN_INCREMENT_2026', 'ISEE_DISABILITY_INCREMENT',
      'ISEE_WORKING_PARENTS_INCREMENT', 'MEASURES', 'RDC_RESIGNATION_EXCLUSION', 'RDC_SCALE', 'REI_SCALE', 'RULE_PARAMETERS',
      'TRACE_FORMAT', 'adiScale', 'allParameters', 'evaluate', 'evaluateAll', 'householdSchema', 'iseeScale', 'measuresInForce',
      'parameterAt', 'periodAt', 'rdcScale', 'reiScale', 'toScaleHousehold',
    ];
    const added = ['HOUSEHOLD_RELATIONS', 'HOUSING_TENURES', 'ISEE_KINDS', 'householdAdiScale'];
    expect(Object.keys(api)).toEqual(expect.arrayContaining([...before, ...added]));
    expect(Object.keys(api)).not.toContain('run');
    expect(Object.keys(api)).not.toContain('Ctx');
  });
});
