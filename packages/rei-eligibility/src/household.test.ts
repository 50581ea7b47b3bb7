// SPDX-License-Identifier: BSD-3-Clause
import { isIsoDate, type IsoDate } from '@riuso-sociale/core';
import { describe, expect, it } from 'vitest';
import { z as zc } from 'zod';
import * as zm from 'zod/mini';
import { adiScale, evaluate, householdIssueText, householdSchema, iseeScale, MAX_HOUSEHOLD_MEMBERS, rdcScale, toScaleHousehold, type Household, type HouseholdIssueCode } from './index.js';

const d = (s: string): IsoDate => {
  if (!isIsoDate(s)) throw new Error(`bad test date ${s}`);
  return s;
};
const parse = (input: unknown): Household => {
  const r = householdSchema.safeParse(input);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
};
const scale = (r: { ok: boolean; value?: { value: number } }): number => {
  if (!r.ok || !r.value) throw new Error(`expected ok: ${JSON.stringify(r)}`);
  return r.value.value;
};

const familyOfFourRenting = {
  members: [
    { birthDate: '1984-03-12', relation: 'richiedente', employment: 'dipendente', workedSixMonths: true, hasCareDuties: true },
    { birthDate: '1986-07-01', relation: 'coniuge', employment: 'disoccupato', workedSixMonths: true, unemploymentBenefit: 'naspi' },
    { birthDate: '2014-09-20', relation: 'figlio', employment: 'studente' },
    { birthDate: '2023-05-10', relation: 'figlio' },
  ],
  applicant: { citizenship: 'italiana', residence: { since: '1984-03-12', continuousSince: '1984-03-12' } },
  isee: { valueCents: 850_000, kind: 'ordinario', dsuDate: '2025-01-15', isrCents: 1_200_000, scaleHundredths: 276 },
  financialAssetsCents: 300_000,
  realEstateExcludingHomeCents: 0,
  householdIncomeCents: 1_100_000,
  housing: { tenure: 'affitto', annualRentCents: 600_000, registeredLease: true },
  vehicles: [{ kind: 'auto', engineCc: 1200, firstRegistration: '2015-06-01' }],
  ownsBoats: false,
  assistanceBenefits: [{ description: 'Assegno unico', monthlyCents: 40_000, meansTested: false }],
};

const lonePensioner = {
  members: [{ birthDate: '1950-02-01', relation: 'richiedente', employment: 'pensionato' }],
  applicant: { citizenship: 'extra-ue', permit: 'soggiornante-lungo-periodo', residence: { years: 25, continuousYears: 12 } },
  isee: { valueCents: 540_000, kind: 'corrente', dsuDate: '2025-02-01' },
  financialAssetsCents: 450_000,
  homeImuValueCents: 8_000_000,
  householdIncomeCents: 480_000,
  housing: { tenure: 'proprieta' },
  assistanceBenefits: [{ description: 'Pensione sociale', monthlyCents: 53_834, meansTested: true }],
};

const withSeverelyDisabled = {
  members: [
    { age: 52, relation: 'richiedente', employment: 'autonomo', hasCareDuties: true },
    { age: 21, relation: 'figlio', disability: 'grave', certifiedCareProgramme: false },
    { age: 17, relation: 'figlio', trainingOrActiveLabour: true },
  ],
  housing: { tenure: 'mutuo', annualMortgageInstalmentCents: 540_000 },
  vehicles: [{ kind: 'auto', engineCc: 1900, firstRegistration: '2024-02-01', disabilityConcession: true }],
};

describe('householdSchema: realistic households', () => {
  it('a family of four renting', () => {
    const h = parse(familyOfFourRenting);
    expect(h.members).toHaveLength(4);
    expect(h.housing?.annualRentCents).toBe(600_000);
    const s = toScaleHousehold(h);
    expect(s.members.map((m) => m.role)).toEqual(['genitore', 'genitore', 'figlio', 'figlio']);
    // ADI: 1 (applicant) + 0,4 care duties + 0 (employable spouse) + 0,15 + 0,15 = 1,7
    expect(scale(adiScale(s, d('2025-03-01')))).toBe(1.7);
    // ISEE: 2,46 + 0,3 (b: both parents worked ≥ 6 months, a child under three)
    expect(scale(iseeScale(s, d('2025-03-01')))).toBe(2.76);
  });
  it('a lone pensioner aged ≥ 67', () => {
    const h = parse(lonePensioner);
    const s = toScaleHousehold(h);
    expect(s.members).toEqual([{ birthDate: '1950-02-01', role: 'altro' }]);
    expect(scale(adiScale(s, d('2025-03-01')))).toBe(1);
    expect(scale(rdcScale(s, d('2020-03-01')))).toBe(1);
  });
  it('a household with a severely disabled member (ADI cap 2,3 available)', () => {
    const h = parse(withSeverelyDisabled);
    const s = toScaleHousehold(h);
    // 1 + 0,5 (disabled) + 0,15 (minor) + 0,4 (care duties) = 2,05
    expect(scale(adiScale(s, d('2024-06-01')))).toBe(2.05);
    expect(s.members[1]?.disability).toBe('grave');
  });
  it('exclusions map to the scales’ excludedFrom', () => {
    const h = parse({
      members: [
        { age: 40, relation: 'richiedente', voluntaryResignationWithin12Months: true },
        { age: 45, relation: 'coniuge' },
        { age: 80, relation: 'genitore', inPublicInstitution: true, abroad: true },
      ],
    });
    const s = toScaleHousehold(h);
    expect(s.members[0]?.excludedFrom).toEqual(['rdc-dimissioni']);
    expect(s.members[2]?.excludedFrom).toEqual(['adi-istituto', 'adi-estero']);
    expect(scale(rdcScale(s, d('2021-01-01')))).toBe(1.4); // resigning member left out
    expect(scale(adiScale(s, d('2024-02-01')))).toBe(1); // member in an institution not counted
  });
});

describe('householdSchema: unknown facts are accepted', () => {
  it.each([
    ['empty household', {}],
    ['members with no facts', { members: [{}, {}] }],
    ['ISEE without value', { isee: { kind: 'corrente' } }],
    ['housing without tenure, with rent', { housing: { annualRentCents: 100 } }],
    ['vehicle without engine size', { vehicles: [{ kind: 'moto' }] }],
    ['residence in years only', { applicant: { residence: { years: 10 } } }],
    ['pregnancy without due date', { members: [{ pregnant: true }] }],
  ])('%s', (_name, input) => {
    expect(householdSchema.safeParse(input).success).toBe(true);
  });
  it('a household without members maps to an empty scale household (the scales say why)', () => {
    const s = toScaleHousehold(parse({}));
    expect(s.members).toEqual([]);
    const r = adiScale(s, d('2024-02-01'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('rei.scale.empty_household');
  });
});

describe('householdSchema: impossible values are rejected with a path', () => {
  const cases: [string, unknown, (string | number)[]][] = [
    ['negative financial assets', { financialAssetsCents: -1 }, ['financialAssetsCents']],
    ['fractional cents', { householdIncomeCents: 10.5 }, ['householdIncomeCents']],
    ['negative ISEE', { isee: { valueCents: -100 } }, ['isee', 'valueCents']],
    ['negative ISR', { isee: { isrCents: -1 } }, ['isee', 'isrCents']],
    ['ISEE scale below 1', { isee: { scaleHundredths: 99 } }, ['isee', 'scaleHundredths']],
    ['unknown ISEE kind', { isee: { kind: 'minorenni' } }, ['isee', 'kind']],
    ['invalid DSU date', { isee: { dsuDate: '2025-02-30' } }, ['isee', 'dsuDate']],
    ['negative rent', { housing: { tenure: 'affitto', annualRentCents: -5 } }, ['housing', 'annualRentCents']],
    ['rent for an owner', { housing: { tenure: 'proprieta', annualRentCents: 100 } }, ['housing', 'annualRentCents']],
    ['instalment without mortgage', { housing: { tenure: 'affitto', annualMortgageInstalmentCents: 100 } }, ['housing', 'annualMortgageInstalmentCents']],
    ['due date without pregnancy', { members: [{ dueDate: '2025-05-01' }] }, ['members', 0, 'dueDate']],
    ['due date with pregnant false', { members: [{ age: 30 }, { pregnant: false, dueDate: '2025-05-01' }] }, ['members', 1, 'dueDate']],
    ['due date before birth', { members: [{ birthDate: '1990-01-01', pregnant: true, dueDate: '1989-01-01' }] }, ['members', 0, 'dueDate']],
    ['negative age', { members: [{ age: -1 }] }, ['members', 0, 'age']],
    ['age 131', { members: [{ age: 131 }] }, ['members', 0, 'age']],
    ['fractional age', { members: [{ age: 4.5 }] }, ['members', 0, 'age']],
    ['invalid birth date', { members: [{ birthDate: '1990-13-01' }] }, ['members', 0, 'birthDate']],
    ['Date object as birth date', { members: [{ birthDate: new Date(0) }] }, ['members', 0, 'birthDate']],
    ['unknown disability level', { members: [{ disability: 'lieve' }] }, ['members', 0, 'disability']],
    ['two applicants', { members: [{ relation: 'richiedente' }, { relation: 'richiedente' }] }, ['members', 1, 'relation']],
    ['boolean as string', { members: [{ pregnant: 'sì' }] }, ['members', 0, 'pregnant']],
    ['continuous residence before residence', { applicant: { residence: { since: '2010-01-01', continuousSince: '2009-12-31' } } }, ['applicant', 'residence', 'continuousSince']],
    ['continuous years above years', { applicant: { residence: { years: 3, continuousYears: 4 } } }, ['applicant', 'residence', 'continuousYears']],
    ['permit for an Italian citizen', { applicant: { citizenship: 'italiana', permit: 'altro' } }, ['applicant', 'permit']],
    ['engine size 0', { vehicles: [{ engineCc: 0 }] }, ['vehicles', 0, 'engineCc']],
    ['invalid first registration', { vehicles: [{ firstRegistration: '2020-1-1' }] }, ['vehicles', 0, 'firstRegistration']],
    ['negative monthly assistance', { assistanceBenefits: [{ monthlyCents: -10 }] }, ['assistanceBenefits', 0, 'monthlyCents']],
    ['negative IMU value of the home', { homeImuValueCents: -1 }, ['homeImuValueCents']],
    ['negative real estate', { realEstateExcludingHomeCents: -1 }, ['realEstateExcludingHomeCents']],
    ['boats as number', { ownsBoats: 1 }, ['ownsBoats']],
  ];
  it.each(cases)('%s', (_name, input, path) => {
    const r = householdSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => i.path)).toContainEqual(path);
    for (const i of r.error.issues) {
      // The message is the Italian text alone; householdIssueText adds its English twin.
      const text = householdIssueText(i);
      expect(text.it).toBe(i.message);
      expect(text.en).not.toBe(text.it);
      expect(i.message).not.toContain(' / ');
    }
  });
  it.each([
    ['household', { reddito: 1 }, []],
    ['member', { members: [{ eta: 3 }] }, ['members', 0]],
    ['housing', { housing: { rent: 1 } }, ['housing']],
  ] as [string, unknown, (string | number)[]][])('unknown key in %s (strict objects)', (_name, input, path) => {
    const r = householdSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]?.code).toBe('unrecognized_keys');
      expect(r.error.issues[0]?.path).toEqual(path);
    }
  });
  it('non-object input', () => {
    expect(householdSchema.safeParse(null).success).toBe(false);
    expect(householdSchema.safeParse([]).success).toBe(false);
  });
});

describe('householdSchema: at most MAX_HOUSEHOLD_MEMBERS members', () => {
  const adults = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ age: 40, relation: i === 0 ? 'richiedente' : 'altro' }));
  /** An object that counts every operation done on it (get, ownKeys, has, getPrototypeOf, …). */
  const probe = (): { value: object; touched: () => number } => {
    let n = 0;
    const handler = new Proxy({}, { get: (_t, trap: keyof typeof Reflect) => (...args: unknown[]) => { n++; return (Reflect[trap] as (...a: unknown[]) => unknown)(...args); } });
    return { value: new Proxy({}, handler), touched: () => n };
  };

  it('the bound is 10 000', () => {
    expect(MAX_HOUSEHOLD_MEMBERS).toBe(10_000);
  });
  it('10 000 members are accepted', () => {
    const r = householdSchema.safeParse({ members: adults(10_000) });
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.members).toHaveLength(10_000);
  });
  it('10 001 members are refused with one typed, bilingual issue on members, and no per-member issue', () => {
    // Every member is invalid too (age −1, two applicants): only the bound is reported.
    const members = Array.from({ length: 10_001 }, () => ({ age: -1, relation: 'richiedente' }));
    const r = householdSchema.safeParse({ members, financialAssetsCents: 5 });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues).toHaveLength(1);
    const [issue] = r.error.issues;
    expect(issue?.code).toBe('custom');
    expect(issue?.path).toEqual(['members']);
    expect(issue?.code === 'custom' ? issue.params : undefined).toEqual({ code: 'rei.household.too_many_members' satisfies HouseholdIssueCode, max: 10_000, count: 10_001 });
    expect(issue?.message).toBe('Componenti: al massimo 10.000 (ne sono indicati 10.001)');
    expect(issue && householdIssueText(issue)).toEqual({
      it: 'Componenti: al massimo 10.000 (ne sono indicati 10.001)',
      en: 'Members: at most 10,000 (10,001 given)',
    });
  });
  it('the bound does not hide the other fields’ issues', () => {
    const r = householdSchema.safeParse({ members: adults(10_001), financialAssetsCents: -1 });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path)).toEqual([['members'], ['financialAssetsCents']]);
  });
  it('a 1 000 000-element list is refused without reading a single member', () => {
    const p = probe();
    const r = householdSchema.safeParse({ members: new Array<object>(1_000_000).fill(p.value) });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues.map((i) => i.path)).toEqual([['members']]);
      expect(r.error.issues[0]?.message).toContain('1.000.000');
      expect(r.error.issues[0] && householdIssueText(r.error.issues[0]).en).toBe('Members: at most 10,000 (1,000,000 given)');
    }
    expect(p.touched()).toBe(0);
  });
  it('the probe is not blind: a list within the bound reads its members', () => {
    const p = probe();
    householdSchema.safeParse({ members: [p.value] });
    expect(p.touched()).toBeGreaterThan(0);
  });
  it('evaluate refuses it the same way (rei.evaluate.invalid_household on household.members), without reading a member', () => {
    const p = probe();
    const r = evaluate({ measure: 'adi', date: '2025-03-01', household: { members: new Array(1_000_000).fill(p.value) } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['rei.evaluate.invalid_household', ['household', 'members']]]);
    expect(r.issues[0]?.message).toContain('al massimo 10.000');
    expect(r.issues[0]?.messageEn).toContain('at most 10,000');
    expect(p.touched()).toBe(0);
  });
  it('a non-list is still “Members: list”, not the bound', () => {
    const r = householdSchema.safeParse({ members: { length: 20_000 } });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues.map((i) => [i.code, i.message])).toEqual([['invalid_type', 'Componenti: elenco']]);
      expect(r.error.issues.map(householdIssueText)).toEqual([{ it: 'Componenti: elenco', en: 'Members: list' }]);
    }
  });
});

describe('householdSchema: the public contract (a zod/mini schema)', () => {
  it('parse returns the household, and throws a zod error with the issues', () => {
    expect(householdSchema.parse({ members: [{ birthDate: '2000-01-01' }] }).members?.[0]?.birthDate).toBe('2000-01-01');
    let thrown: unknown;
    try {
      householdSchema.parse({ financialAssetsCents: -1 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(zc.core.$ZodError);
    expect((thrown as zc.core.$ZodError).issues.map((i) => i.path)).toEqual([['financialAssetsCents']]);
  });
  it('is a field of a classic zod object, and wraps with zod/mini functions', () => {
    const form = zc.object({ id: zc.string(), household: householdSchema });
    const r = form.safeParse({ id: 'x', household: { financialAssetsCents: -1 } });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues.map((i) => i.path)).toEqual([['household', 'financialAssetsCents']]);
      expect(zc.flattenError(r.error).fieldErrors).toEqual({ household: ["Patrimonio mobiliare: l'importo non può essere negativo"] });
      // The issue keeps its text when the schema is a field of a larger one.
      expect(r.error.issues.map(householdIssueText)).toEqual([
        { it: "Patrimonio mobiliare: l'importo non può essere negativo", en: 'Financial assets: the amount cannot be negative' },
      ]);
    }
    const h: Household | undefined = form.parse({ id: 'x', household: { members: [{ age: 3 }] } }).household;
    expect(h?.members).toEqual([{ age: 3 }]);
    expect(zm.optional(householdSchema).safeParse(undefined).success).toBe(true);
    expect(zm.optional(householdSchema).safeParse({ ownsBoats: 'no' }).success).toBe(false);
  });
});
