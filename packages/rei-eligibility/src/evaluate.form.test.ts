// SPDX-License-Identifier: BSD-3-Clause
/**
 * The form contract on hand-made households: `missing` asks every fact at once (eligibility and
 * amount), names members by their id, nothing derivable is asked, declared care duties never cancel
 * objective ones, and a declared ISEE scale that contradicts the composition is flagged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, type HouseholdInput } from './index.js';

const ok = (r: ReturnType<typeof evaluate>) => {
  if (!r.ok) throw new Error(r.issues.map((i) => i.messageEn).join('; '));
  return r.value;
};

/** A renting mother with a 2-year-old, every access fact known but the aircraft (2025). */
const MOTHER: HouseholdInput = {
  members: [
    { id: 'RSSMRA90D42H501X', birthDate: '1990-04-02', relation: 'richiedente', disability: 'none', certifiedCareProgramme: false },
    { id: 'child-1', birthDate: '2023-05-10', relation: 'figlio', disability: 'none' },
  ],
  applicant: { citizenship: 'italiana', residence: { since: '1990-04-02', continuousSince: '1990-04-02' } },
  isee: { valueCents: 500_000 },
  householdIncomeCents: 300_000,
  financialAssetsCents: 100_000,
  realEstateExcludingHomeCents: 0,
  housing: { tenure: 'affitto' },
  vehicles: [],
  ownsBoats: false,
};

describe('missing asks everything at once', () => {
  it('an ADI household gets the aircraft and the rent facts in one call, not one after the other', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2025-03-01', household: MOTHER }));
    expect(e.status).toBe('needs-info');
    expect(e.missing).toEqual(['ownsAircraft', 'housing.registeredLease', 'housing.annualRentCents']);
    // Filling them decides: (6.500 × 1,55 − 3.000 + 3.640) ÷ 12 = 892,916… → 892,92 € (L. 207/2024 c.198).
    const done = ok(evaluate({ measure: 'adi', date: '2025-03-01', household: { ...MOTHER, ownsAircraft: false, housing: { tenure: 'affitto', registeredLease: true, annualRentCents: 480_000 } } }));
    expect([done.status, done.benefit?.monthlyCents]).toEqual(['eligible', 89_292]);
  });

  it('names members by their id in missing and in the messages, by position without one', () => {
    const members = [{ id: 'RSSMRA90D42H501X', relation: 'richiedente' as const }, { birthDate: '2023-05-10', relation: 'figlio' as const }];
    const e = ok(evaluate({ measure: 'adi', date: '2025-03-01', household: { members } }));
    expect(e.missing).toContain('members[RSSMRA90D42H501X].birthDate');
    expect(e.missing).toContain('members.1.disability');
    expect(e.missing.some((p) => p.startsWith('members.0.'))).toBe(false);
    const resigned = ok(evaluate({ measure: 'adi', date: '2025-03-01', household: { members: [{ id: 'k-9', age: 40, voluntaryResignationWithin12Months: true }] } }));
    expect(resigned.requirements.find((q) => q.id === 'adi.resignation')?.message.it).toMatch(/^Il componente k-9 si è dimesso/);
  });

  it('keeps the schema issue params: too_many_members by its code', () => {
    const r = evaluate({ measure: 'adi', date: '2025-03-01', household: { members: Array.from({ length: 10_001 }, () => ({})) } });
    expect(r.ok || r.issues.map((i) => [i.code, i.path, i.params, i.messageEn])).toEqual([
      ['rei.evaluate.invalid_household', ['household', 'members'], { reason: 'rei.household.too_many_members', max: 10_000, count: 10_001 }, 'Invalid household: Members: at most 10,000 (10,001 given)'],
    ]);
  });

  it('refuses a repeated or malformed member id with a typed, bilingual issue that does not echo it', () => {
    const twice = evaluate({ measure: 'adi', date: '2025-03-01', household: { members: [{ id: 'a' }, { id: 'a' }] } });
    expect(!twice.ok && twice.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['rei.evaluate.invalid_household', 'household.members.1.id']]);
    for (const id of ['', 'a.b', 'x[0]', 'a'.repeat(65), '__proto__ ']) {
      const r = evaluate({ measure: 'adi', date: '2025-03-01', household: { members: [{ id }] } });
      expect(r.ok, id).toBe(false);
      if (!r.ok && id.length > 0) expect(r.issues[0].message).not.toContain(id);
    }
  });
});

describe('nothing derivable is asked', () => {
  const single: HouseholdInput = {
    members: [{ birthDate: '1990-01-01', relation: 'richiedente', disability: 'none', unemploymentBenefit: 'nessuna', trainingOrActiveLabour: true }],
    householdIncomeCents: 500_000,
  };

  it('a single adult without disability: ISEE scale 1,00, derived and traced (DPCM 159/2013 All. 1)', () => {
    const e = ok(evaluate({ measure: 'sfl', date: '2025-03-01', household: single }));
    expect(e.missing).not.toContain('isee.scaleHundredths');
    expect(e.requirements.find((q) => q.id === 'sfl.income')?.threshold).toBe(1_014_000); // 10.140 × 1,00
    expect(e.trace?.derived).toEqual([expect.objectContaining({ path: 'isee.scaleHundredths', value: 100 })]);
  });

  it('with a disability the scale is 1,50 (1 + 0,5, D.L. 42/2016 art. 2-sexies)', () => {
    const e = ok(evaluate({ measure: 'sfl', date: '2025-03-01', household: { ...single, members: [{ ...single.members![0]!, disability: 'media' }] } }));
    expect(e.requirements.find((q) => q.id === 'sfl.income')?.threshold).toBe(1_521_000); // 10.140 × 1,50
  });

  it('ISP zero: the ISEE is the ISRE (REI)', () => {
    const e = ok(evaluate({ measure: 'rei', date: '2018-09-01', household: { isee: { valueCents: 250_000, ispCents: 0 } } }));
    expect(e.requirements.find((q) => q.id === 'rei.isre')?.outcome).toBe('pass');
    expect(e.missing).not.toContain('isee.isreCents');
  });
});

describe('care duties (D.L. 48/2023 art. 6 c.5; INPS msg. 2388/2025)', () => {
  const lone = (hasCareDuties?: boolean): HouseholdInput => ({
    ...MOTHER,
    members: [{ ...MOTHER.members![0]!, ...(hasCareDuties === undefined ? {} : { hasCareDuties }) }, MOTHER.members![1]!],
    ownsAircraft: false,
    housing: { tenure: 'affitto', registeredLease: true, annualRentCents: 480_000 },
  });

  it('hasCareDuties: false does not cancel the care duties of a lone parent of a 2-year-old: 1,55, not 1,15, with a warning', () => {
    const declaredFalse = ok(evaluate({ measure: 'adi', date: '2025-03-01', household: lone(false) }));
    const undeclared = ok(evaluate({ measure: 'adi', date: '2025-03-01', household: lone() }));
    expect(declaredFalse.benefit?.scale?.hundredths).toBe(155);
    expect(declaredFalse.benefit?.monthlyCents).toBe(undeclared.benefit?.monthlyCents);
    expect(declaredFalse.warnings.map((w) => [w.code, w.path])).toEqual([['eligibility.care_duties_contradiction', 'members[RSSMRA90D42H501X].hasCareDuties']]);
    expect(undeclared.warnings).toEqual([]);
  });
});

describe('a declared ISEE scale that contradicts the composition', () => {
  it('Galli (two working parents, three children) declares 3,04; the ordinary scale gives 2,85 + 0,20 + 0,20 = 3,25', () => {
    const galli: HouseholdInput = {
      members: [
        { birthDate: '1981-06-15', relation: 'richiedente', disability: 'none', workedSixMonths: true },
        { birthDate: '1983-09-21', relation: 'coniuge', disability: 'none', workedSixMonths: true },
        { birthDate: '2009-01-30', relation: 'figlio', disability: 'none' },
        { birthDate: '2012-04-18', relation: 'figlio', disability: 'none' },
        { birthDate: '2016-11-02', relation: 'figlio', disability: 'none' },
      ],
      isee: { valueCents: 1_300_000, scaleHundredths: 304 },
    };
    const e = ok(evaluate({ measure: 'sfl', date: '2025-03-01', household: galli }));
    expect(e.warnings).toEqual([expect.objectContaining({ code: 'eligibility.isee_scale_mismatch', path: 'isee.scaleHundredths', params: { declared: 304, computed: 325 } })]);
    // The 2026 ISEE for ADI and SFL has the L. 199/2025 c.208 increment for three children: 2,85 + 0,25 + 0,20 = 3,30.
    const y2026 = ok(evaluate({ measure: 'sfl', date: '2026-03-01', household: { ...galli, isee: { ...galli.isee, kind: 'prestazioni-familiari-inclusione' } } }));
    expect(y2026.warnings.find((w) => w.code === 'eligibility.isee_scale_mismatch')?.params).toEqual({ declared: 304, computed: 330 });
  });
});

describe('the example households of the repository (examples/data/households.json)', () => {
  it('declare the ISEE scale their composition gives (Galli: 3,25, no longer 3,04)', () => {
    const data = JSON.parse(readFileSync(new URL('../../../examples/data/households.json', import.meta.url), 'utf8')) as { households: { id: string; household: HouseholdInput }[] };
    expect(data.households.length).toBeGreaterThan(0);
    for (const { id, household } of data.households) {
      const e = ok(evaluate({ measure: 'sfl', date: '2025-03-01', household }));
      expect(e.warnings.filter((w) => w.code === 'eligibility.isee_scale_mismatch'), id).toEqual([]);
    }
  });
});
