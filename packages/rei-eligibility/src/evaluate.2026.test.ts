// SPDX-License-Identifier: BSD-3-Clause
/**
 * The law of 2026, hand-computed, each case with its source: the ISEE «per specifiche prestazioni
 * familiari e per l'inclusione» that ADI and SFL read from 1-01-2026 (L. 199/2025 art. 1 c.208), its home
 * exclusion, the SFL income threshold from 2025, a date after the verified period (warning), and dated
 * parameter overrides.
 */
import { describe, expect, it } from 'vitest';
import {
  allParameters,
  evaluate,
  ISEE_HOME_EXCLUSION,
  ISEE_HOME_EXCLUSION_2026,
  PARAMETERS_VERIFIED_THROUGH,
  RULE_PARAMETERS,
  type HouseholdInput,
  type ParameterOverride,
} from './index.js';
import { LONE_PARENT_RENTING } from './fixtures/support.js';

const ok = (r: ReturnType<typeof evaluate>) => {
  if (!r.ok) throw new Error(r.issues.map((i) => i.messageEn).join('; '));
  return r.value;
};

/** Two parents and two children (8 and 5) in a home they own in Rome; every ADI fact known but the ISEE. */
const base = (isee: NonNullable<HouseholdInput['isee']>): HouseholdInput => ({
  members: [
    { birthDate: '1985-02-01', relation: 'richiedente', disability: 'none', certifiedCareProgramme: false, workedSixMonths: false },
    { birthDate: '1986-03-01', relation: 'coniuge', disability: 'none', certifiedCareProgramme: false, workedSixMonths: false },
    { birthDate: '2017-06-01', relation: 'figlio', disability: 'none' },
    { birthDate: '2020-09-01', relation: 'figlio', disability: 'none' },
  ],
  applicant: { citizenship: 'italiana', residence: { since: '1985-02-01', continuousSince: '1985-02-01' } },
  isee,
  householdIncomeCents: 400_000,
  financialAssetsCents: 100_000,
  realEstateExcludingHomeCents: 0,
  homeImuValueCents: 11_000_000,
  housing: { tenure: 'proprieta' },
  vehicles: [],
  ownsBoats: false,
  ownsAircraft: false,
});

describe('ADI from 2026 reads the ISEE per specifiche prestazioni familiari e per l’inclusione (L. 199/2025 c.208)', () => {
  it('the rule is a dated parameter: ordinary until 31-12-2025, the new kind from 1-01-2026 (ADI and SFL)', () => {
    for (const p of [RULE_PARAMETERS.adi.iseeKind, RULE_PARAMETERS.sfl.iseeKind]) {
      expect(p.periods.map((q) => [q.from, q.to ?? null, q.value, q.ref.article])).toEqual([
        [p.periods[0]!.from, '2025-12-31', 'ordinario', p.periods[0]!.ref.article],
        ['2026-01-01', null, 'prestazioni-familiari-inclusione', 'art. 1 c.208'],
      ]);
    }
  });

  it('a 2026 household with the new ISEE at 9.800 €: eligible, no kind warning (≤ 10.140 €, L. 207/2024 c.198)', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2026-03-02', household: base({ valueCents: 980_000, kind: 'prestazioni-familiari-inclusione' }) }));
    expect(e.status).toBe('eligible');
    expect(e.warnings.map((w) => w.code)).not.toContain('eligibility.isee_kind');
    // ADI scale 1 + 0,15 + 0,15 = 1,30 (two minors; no care duties: no child under 3); 6.500 × 1,30 − 4.000 = 4.450 € a year.
    expect(e.benefit?.annualCents).toBe(445_000);
  });

  it('the ordinary ISEE within the ceiling decides for the new one too (never above it), with a warning', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2026-03-02', household: base({ valueCents: 980_000, kind: 'ordinario' }) }));
    expect(e.requirements.find((q) => q.id === 'adi.isee')?.outcome).toBe('pass');
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: 'eligibility.isee_kind', params: { expected: 'prestazioni-familiari-inclusione', given: 'ordinario' } }));
  });

  it('the ordinary ISEE above the ceiling does not decide: the new one is asked (INPS suspends and re-examines, msg. 102/2026)', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2026-03-02', household: base({ valueCents: 1_050_000, kind: 'ordinario' }) }));
    expect(e.status).toBe('needs-info');
    expect(e.missing).toEqual(['isee.valueCents', 'isee.kind']);
  });

  it('… unless the DSU components are given: the new ISEE is computed (home exclusion and scale of c.208), and traced', () => {
    // The ordinary DSU: ISR 20.000 €, ISP 50.000 €, which counts the home (value 110.000 €, no mortgage) as
    //   (110.000 − 52.500) × 2/3 = 38.333,33 € (ordinary exclusion 52.500 €: two children, none after the second).
    // 2026, Rome (a metropolitan-city capital): 120.000 € + 2.500 € (one child after the first) = 122.500 € → the home counts 0:
    //   ISP 2026 = 50.000 − 38.333,33 = 11.666,67 €.
    // Scale: ordinary 2,46 (four members, magg. a) none for two children); 2026: 2,46 + 0,10 = 2,56.
    //   Ordinary ISEE = (20.000 + 0,2 × 50.000) ÷ 2,46 = 12.195,12 € (> 10.140);
    //   2026 ISEE = (20.000 + 0,2 × 11.666,67) ÷ 2,56 = 8.723,96 € (≤ 10.140): eligible on the ISEE.
    const h = base({ valueCents: 1_219_512, kind: 'ordinario', isrCents: 2_000_000, ispCents: 5_000_000, homeValueCents: 11_000_000, metropolitanCapital: true });
    const e = ok(evaluate({ measure: 'adi', date: '2026-03-02', household: h }));
    const req = e.requirements.find((q) => q.id === 'adi.isee');
    expect([req?.outcome, req?.actual]).toEqual(['pass', 872_396]);
    expect(e.trace?.derived).toContainEqual(expect.objectContaining({ path: 'isee.valueCents', value: 872_396 }));
    // Outside a metropolitan-city capital the 2026 threshold is 91.500 + 2.500 = 94.000 €: (110.000 − 94.000) × 2/3 = 10.666,67 counted,
    // ISP 2026 = 50.000 − 38.333,33 + 10.666,67 = 22.333,33; ISEE = (20.000 + 4.466,67) ÷ 2,56 = 9.557,29 €.
    const town = ok(evaluate({ measure: 'adi', date: '2026-03-02', household: base({ ...h.isee, metropolitanCapital: false }) }));
    expect(town.requirements.find((q) => q.id === 'adi.isee')?.actual).toBe(955_729);
    // Whether the home is in a capoluogo is asked when it decides (value above 91.500 €).
    const unknownCity = ok(evaluate({ measure: 'adi', date: '2026-03-02', household: base({ valueCents: 1_219_512, kind: 'ordinario', isrCents: 2_000_000, ispCents: 5_000_000, homeValueCents: 11_000_000 }) }));
    expect(unknownCity.requirements.find((q) => q.id === 'adi.isee')?.outcome).toBe('unknown');
  });

  it('before 2026 the new kind cannot decide a pass (it is never above the ordinary one): asked, with a warning', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2025-06-02', household: base({ valueCents: 980_000, kind: 'prestazioni-familiari-inclusione' }) }));
    expect(e.requirements.find((q) => q.id === 'adi.isee')?.outcome).toBe('unknown');
    expect(e.warnings.map((w) => w.code)).toContain('eligibility.isee_kind');
  });

  it('the home exclusion is two dated parameters with their acts', () => {
    expect(ISEE_HOME_EXCLUSION.periods[0]?.value).toEqual({ baseCents: 5_250_000, metroCents: 5_250_000, perChildCents: 250_000, childrenBefore: 2 });
    expect(ISEE_HOME_EXCLUSION_2026.periods[0]).toMatchObject({ from: '2026-01-01', value: { baseCents: 9_150_000, metroCents: 12_000_000, perChildCents: 250_000, childrenBefore: 1 }, ref: { article: 'art. 1 c.208' }, status: 'confirmed-primary' });
  });
});

describe('SFL income threshold from 2025: 10.140 € × ISEE scale (INPS msg. 148/2025, secondary)', () => {
  it('is 10.140 €, secondary, with the scale multiplication marked unverified in the note', () => {
    const p = RULE_PARAMETERS.sfl.incomeBelowCents.periods[1]!;
    expect([p.from, p.value, p.status]).toEqual(['2025-01-01', 1_014_000, 'secondary']);
    expect(p.note).toMatch(/UNVERIFIED/);
  });
});

describe('a date after the last verified period (PARAMETERS_VERIFIED_THROUGH)', () => {
  it('2030: the answer comes with eligibility.parameters_unverified_after naming the date', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2030-03-01', household: base({ valueCents: 980_000, kind: 'prestazioni-familiari-inclusione' }) }));
    expect(e.status).toBe('eligible');
    const w = e.warnings.find((x) => x.code === 'eligibility.parameters_unverified_after');
    expect(w?.params).toMatchObject({ date: '2030-03-01', verifiedThrough: PARAMETERS_VERIFIED_THROUGH });
    expect(String(w?.params?.['parameters'])).toContain('adi.access.isee.max');
    expect(w?.message.it).toContain('1° marzo 2030');
    expect(e.trace?.warnings).toContain('eligibility.parameters_unverified_after');
  });
  it('a date in 2026 has no such warning', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2026-12-31', household: base({ valueCents: 980_000, kind: 'prestazioni-familiari-inclusione' }) }));
    expect(e.warnings.map((w) => w.code)).not.toContain('eligibility.parameters_unverified_after');
  });
});

describe('overrides for a law that lands before a release', () => {
  const raise: ParameterOverride = {
    name: 'adi.access.isee.max',
    from: '2027-01-01',
    value: 1_100_000,
    ref: { act: 'legge di bilancio 2027 (esempio)', article: 'art. 1 c.1' },
    source: 'testo in GU letto dal Comune',
  };
  const h = base({ valueCents: 1_050_000, kind: 'prestazioni-familiari-inclusione' });

  it('replaces the value from its date, marks it in the trace and warns; before its date the package value applies', () => {
    const without = ok(evaluate({ measure: 'adi', date: '2027-03-01', household: h }));
    const withIt = ok(evaluate({ measure: 'adi', date: '2027-03-01', household: h, parameters: [raise] }));
    expect(without.requirements.find((q) => q.id === 'adi.isee')?.outcome).toBe('fail'); // 10.500 > 10.140
    expect(withIt.requirements.find((q) => q.id === 'adi.isee')).toMatchObject({ outcome: 'pass', threshold: 1_100_000, ref: raise.ref, status: 'unverified' });
    expect(withIt.trace?.parameters.find((p) => p.name === raise.name)).toMatchObject({ overridden: true, value: 1_100_000, source: raise.source });
    expect(withIt.warnings).toContainEqual(expect.objectContaining({ code: 'eligibility.parameter_overridden', params: { parameter: raise.name } }));
    // Overridden values are not "unverified after": the caller vouched for them.
    expect(String(withIt.warnings.find((w) => w.code === 'eligibility.parameters_unverified_after')?.params?.['parameters'])).not.toContain(raise.name);
    const before = ok(evaluate({ measure: 'adi', date: '2026-12-01', household: h, parameters: [raise] }));
    expect(before.trace?.parameters.find((p) => p.name === raise.name)?.overridden).toBeUndefined();
  });

  it('an unknown name is a typed error (also a prototype key), and nothing is evaluated', () => {
    for (const name of ['adi.access.isee.maximum', '__proto__', 'constructor', 'toString', '']) {
      const r = evaluate({ measure: 'adi', date: '2027-03-01', household: h, parameters: [{ ...raise, name }] });
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['rei.evaluate.unknown_parameter', 'parameters.0.name']]);
    }
  });

  it('malformed overrides are refused, field by field', () => {
    const cases: [Partial<ParameterOverride> & Record<string, unknown>, string][] = [
      [{ from: '2027-02-30' }, 'from'],
      [{ from: '27-01-01' }, 'from'],
      [{ to: '2026-12-31' }, 'to'],
      [{ value: '1100000' }, 'value'],
      [{ value: 11_000.5 }, 'value'],
      [{ value: -1 }, 'value'],
      [{ value: Number.NaN }, 'value'],
      [{ ref: { act: '', article: 'art. 1' } }, 'ref'],
      [{ ref: undefined as never }, 'ref'],
      [{ source: '   ' }, 'source'],
      [{ status: 'verified' as never }, 'status'],
    ];
    for (const [patch, field] of cases) {
      const r = evaluate({ measure: 'adi', date: '2027-03-01', household: h, parameters: [{ ...raise, ...patch }] });
      expect(!r.ok && r.issues.map((i) => [i.code, i.path.join('.')]), JSON.stringify(patch)).toEqual([['rei.evaluate.invalid_parameter', `parameters.0.${field}`]]);
    }
    const shape = evaluate({ measure: 'adi', date: '2027-03-01', household: h, parameters: [{ ...raise, name: 'adi.benefit', value: { integrationCents: 1 } }] });
    expect(!shape.ok && shape.issues[0].path.join('.')).toBe('parameters.0.value');
    const overlap = evaluate({ measure: 'adi', date: '2027-03-01', household: h, parameters: [raise, { ...raise, from: '2027-06-01' }] });
    expect(!overlap.ok && overlap.issues[0].path.join('.')).toBe('parameters.1.from');
    expect(evaluate({ measure: 'adi', date: '2027-03-01', household: h, parameters: 'x' as never }).ok).toBe(false);
  });

  it('every parameter of the package can be overridden with its own latest value and gives the same answer', () => {
    const household = base({ valueCents: 980_000, kind: 'prestazioni-familiari-inclusione' });
    const plain = ok(evaluate({ measure: 'adi', date: '2026-06-01', household }));
    const parameters: ParameterOverride[] = allParameters().map((p) => {
      const last = p.periods[p.periods.length - 1]!;
      return { name: p.name, from: '2026-06-01', to: '2026-06-01', value: last.value, ref: last.ref, source: last.source, status: last.status };
    });
    const same = ok(evaluate({ measure: 'adi', date: '2026-06-01', household, parameters }));
    expect(same.status).toBe(plain.status);
    expect(same.benefit?.monthlyCents).toBe(plain.benefit?.monthlyCents);
  });
});

describe('ADI renewals: suspension, the first renewal month at 50 % and the one-off contribution', () => {
  // The README's lone parent with a child under 3, renting (registered, 4.800 €/year), income 3.000 €: 892,92 € a month in 2025 and 2026
  // ((6.500 × 1,55 − 3.000 + 3.640) ÷ 12; the 2025 values are unchanged in 2026, L. 199/2025 changes none of them).
  const mother = (eighteenthMonth?: string): HouseholdInput => ({
    ...LONE_PARENT_RENTING,
    ...(eighteenthMonth === undefined ? {} : { adiRenewal: { eighteenthMonth } }),
  });

  it('18th month in September 2025: October is the suspension, November the first renewal month, paid in full; one-off 500 € (D.L. 92/2025 art. 10-ter, INPS msg. 2458/2025)', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2025-10-15', household: mother('2025-09') }));
    expect(e.benefit?.monthlyCents).toBe(89_292);
    expect(e.benefit?.duration.firstRenewalMonth).toBe('2025-11');
    expect(e.benefit?.duration.firstRenewalMonthCents).toBeUndefined();
    expect(e.benefit?.oneOffCents).toBe(50_000); // min(892,92, 500)
    expect(e.benefit?.components.find((c) => c.id === 'one-off')).toMatchObject({ per: 'once', cents: 50_000, status: 'confirmed-quoted', ref: { article: 'art. 10-ter cc. 1–2' } });
  });

  it('18th month in November 2025 (L. 199/2025 c.159): December is still a suspension, January 2026 is at 50 % = 446,46 €, and so is the one-off, marked unverified', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2025-12-10', household: mother('2025-11') }));
    expect(e.benefit?.duration.firstRenewalMonth).toBe('2026-01');
    expect(e.benefit?.duration.firstRenewalMonthCents).toBe(44_646); // 892,92 × 50 %
    expect(e.benefit?.oneOffCents).toBe(44_646);
    expect(e.benefit?.components.find((c) => c.id === 'one-off')).toMatchObject({ status: 'unverified', ref: { article: 'art. 1 c.159' } });
  });

  it('18th month in December 2025: no suspension (c.158 from 1-01-2026), January at 50 %, no one-off contribution', () => {
    const e = ok(evaluate({ measure: 'adi', date: '2026-01-05', household: mother('2025-12') }));
    expect(e.benefit?.duration.firstRenewalMonth).toBe('2026-01');
    expect(e.benefit?.duration.firstRenewalMonthCents).toBe(44_646);
    expect(e.benefit?.oneOffCents).toBeUndefined();
    expect(e.benefit?.components.some((c) => c.id === 'one-off')).toBe(false);
  });

  it('the one-off is paid once: in neither total, and kept with explain: false', () => {
    const lean = ok(evaluate({ measure: 'adi', date: '2025-10-15', household: mother('2025-09'), explain: false }));
    expect(lean.benefit?.oneOffCents).toBe(50_000);
    expect(lean.benefit?.annualCents).toBe(ok(evaluate({ measure: 'adi', date: '2025-10-15', household: mother() })).benefit?.annualCents);
  });

  it('a malformed month is refused by the schema', () => {
    for (const m of ['2025-13', '2025-9', '25-09', '2025-09-01', '']) {
      expect(evaluate({ measure: 'adi', date: '2025-10-15', household: mother(m) }).ok, m).toBe(false);
    }
  });
});
