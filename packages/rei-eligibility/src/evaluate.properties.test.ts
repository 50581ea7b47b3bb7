// SPDX-License-Identifier: BSD-3-Clause
/**
 * Property tests of `evaluate` on generated households where every fact is known: never `needs-info`;
 * more income never raises the benefit; an extra member never lowers the scale; `explain: false` gives
 * the same decision; forgetting a fact never turns an eligible household into an ineligible one; the
 * benefit lines add up to the annual amount.
 */
import { addDays, fromEpochDay, toEpochDay, type IsoDate } from '@riuso-sociale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, householdSchema, type Evaluation, type Household, type HouseholdMember, type MeasureId } from './index.js';

const WINDOWS: Record<MeasureId, readonly [string, string]> = {
  rei: ['2017-12-01', '2019-02-28'],
  rdc: ['2019-04-01', '2023-12-31'],
  pdc: ['2019-04-01', '2023-12-31'],
  adi: ['2024-01-01', '2027-12-31'],
  sfl: ['2023-09-01', '2027-12-31'],
};
const dateIn = ([from, to]: readonly [string, string]): fc.Arbitrary<IsoDate> =>
  fc.integer({ min: toEpochDay(from as IsoDate), max: toEpochDay(to as IsoDate) }).map(fromEpochDay);
const cents = (max: number) => fc.integer({ min: 0, max });
/** Mostly small amounts (where the thresholds are), sometimes anything up to `max`. */
const money = (small: number, max: number) => fc.oneof({ arbitrary: cents(small), weight: 3 }, { arbitrary: cents(max), weight: 1 });
const mostly = <T,>(usual: T, ...rare: T[]) => fc.oneof({ arbitrary: fc.constant(usual), weight: 8 }, { arbitrary: fc.constantFrom(...(rare.length > 0 ? rare : [usual])), weight: 1 });

/** A member born `days` before the date, every fact known. */
const memberArb = (relation: HouseholdMember['relation']) =>
  fc.record({
    days: relation === 'richiedente' ? fc.oneof({ arbitrary: fc.integer({ min: 18 * 366, max: 59 * 365 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 95 * 366 }), weight: 1 }) : fc.integer({ min: 0, max: 95 * 366 }),
    disability: fc.constantFrom('none', 'none', 'none', 'media', 'grave', 'non-autosufficienza'),
    employment: fc.constantFrom('dipendente', 'autonomo', 'disoccupato', 'pensionato', 'studente', 'altro'),
    unemployedDays: fc.integer({ min: 0, max: 2000 }),
    unemploymentBenefit: mostly('nessuna' as const, 'naspi', 'dis-coll', 'altro'),
    trainingOrActiveLabour: fc.boolean(),
    certifiedCareProgramme: mostly(false, true),
    voluntaryResignationWithin12Months: mostly(false, true),
    pregnant: fc.constantFrom(false, false, false, true),
    dueInDays: fc.integer({ min: 1, max: 280 }),
    relation: fc.constant(relation),
  });

type MemberSeed = fc.Arbitrary<ReturnType<typeof memberArb> extends fc.Arbitrary<infer T> ? T : never>;

function member(seed: MemberSeed extends fc.Arbitrary<infer T> ? T : never, date: IsoDate): HouseholdMember {
  const birthDate = addDays(date, -seed.days);
  const m: Record<string, unknown> = {
    birthDate,
    relation: seed.relation,
    disability: seed.disability,
    employment: seed.employment,
    unemploymentBenefit: seed.unemploymentBenefit,
    trainingOrActiveLabour: seed.trainingOrActiveLabour,
    certifiedCareProgramme: seed.certifiedCareProgramme,
    voluntaryResignationWithin12Months: seed.voluntaryResignationWithin12Months,
    pregnant: seed.pregnant,
    hasCareDuties: false,
    inPublicInstitution: false,
    abroad: false,
  };
  if (seed.employment === 'disoccupato') m['unemployedSince'] = addDays(date, -seed.unemployedDays);
  if (seed.pregnant) m['dueDate'] = addDays(date, seed.dueInDays);
  delete m['hasCareDuties']; // care duties are derived from the composition when not declared
  return m as HouseholdMember;
}

const householdArb = (dates: fc.Arbitrary<IsoDate>) =>
  fc
    .record({
      date: dates,
      applicant: memberArb('richiedente'),
      others: fc.array(fc.oneof(memberArb('coniuge'), memberArb('figlio'), memberArb('figlio'), memberArb('genitore'), memberArb('altro')), { maxLength: 5 }),
      citizenship: fc.constantFrom('italiana', 'italiana', 'ue', 'familiare-ue', 'extra-ue'),
      permit: mostly('soggiornante-lungo-periodo' as const, 'protezione-internazionale', 'altro'),
      residenceDays: fc.integer({ min: 0, max: 40 * 366 }),
      continuousShare: fc.integer({ min: 0, max: 100 }),
      iseeCents: money(600_000, 1_500_000),
      isrCents: fc.oneof(fc.constant(0), cents(300_000), cents(1_200_000)),
      scaleHundredths: fc.integer({ min: 100, max: 450 }),
      income: money(400_000, 2_000_000),
      financial: money(500_000, 1_600_000),
      realEstate: fc.oneof(fc.constant(0), cents(4_000_000)),
      tenure: fc.constantFrom('proprieta', 'affitto', 'affitto', 'mutuo', 'altro'),
      rent: cents(800_000),
      lease: fc.boolean(),
      instalment: cents(500_000),
      homeImu: cents(25_000_000),
      vehicles: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: fc.array(
        fc.record({
          kind: fc.constantFrom('auto', 'moto', 'altro'),
          engineCc: fc.integer({ min: 50, max: 3000 }),
          ageDays: fc.integer({ min: 0, max: 3000 }),
          disabilityConcession: fc.constantFrom(false, false, true),
        }),
        { maxLength: 2 },
      ), weight: 1 }),
      boats: mostly(false, true),
      aircraft: mostly(false, true),
      rdcPdc: mostly(false, true),
      assistance: fc.array(fc.record({ monthlyCents: cents(60_000), meansTested: fc.boolean() }), { maxLength: 2 }),
      ids: fc.boolean(),
    })
    .map((s) => {
      const date = s.date;
      const since = addDays(date, -s.residenceDays);
      const continuousSince = addDays(date, -Math.floor((s.residenceDays * s.continuousShare) / 100));
      const h: Household = {
        members: [member(s.applicant, date), ...s.others.map((o) => member(o, date))].map((m, i) => (s.ids ? { id: `m-${i + 7}`, ...m } : m)),
        applicant: {
          citizenship: s.citizenship,
          ...(s.citizenship === 'extra-ue' ? { permit: s.permit as 'altro' } : {}),
          residence: { since, continuousSince },
        },
        isee: { valueCents: s.iseeCents, isrCents: s.isrCents, scaleHundredths: s.scaleHundredths },
        householdIncomeCents: s.income,
        financialAssetsCents: s.financial,
        realEstateExcludingHomeCents: s.realEstate,
        homeImuValueCents: s.tenure === 'proprieta' || s.tenure === 'mutuo' ? s.homeImu : 0,
        housing:
          s.tenure === 'affitto'
            ? { tenure: 'affitto', annualRentCents: s.rent, registeredLease: s.lease }
            : s.tenure === 'mutuo'
              ? { tenure: 'mutuo', annualMortgageInstalmentCents: s.instalment }
              : { tenure: s.tenure },
        vehicles: (s.vehicles as readonly { kind: 'auto' | 'moto' | 'altro'; engineCc: number; ageDays: number; disabilityConcession: boolean }[]).map((v) => ({ kind: v.kind, engineCc: v.engineCc, firstRegistration: addDays(date, -v.ageDays), disabilityConcession: v.disabilityConcession })),
        ownsBoats: s.boats,
        ownsAircraft: s.aircraft,
        receivesRdcOrPdc: s.rdcPdc,
        assistanceBenefits: s.assistance,
      };
      return { date, household: householdSchema.parse(h) };
    });

function run(measure: MeasureId, date: IsoDate, household: Household, explain = true): Evaluation {
  const r = evaluate({ measure, date, household, explain });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path.join('.')}: ${i.messageEn}`).join('; '));
  return r.value;
}
const monthly = (e: Evaluation): number => (e.status === 'eligible' ? (e.benefit?.monthlyCents ?? 0) : 0);

const MEASURE_IDS: readonly MeasureId[] = ['rei', 'rdc', 'pdc', 'adi', 'sfl'];
const RUNS = 300;

describe.each(MEASURE_IDS)('%s', (measure) => {
  const gen = householdArb(dateIn(WINDOWS[measure]));

  it('every fact known → never needs-info', () => {
    fc.assert(
      fc.property(gen, ({ date, household }) => {
        const e = run(measure, date, household);
        expect(e.status, JSON.stringify(e.requirements.filter((q) => q.outcome === 'unknown'))).not.toBe('needs-info');
        expect(e.missing).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('more income (ISR for REI) never raises the benefit', () => {
    fc.assert(
      fc.property(gen, fc.integer({ min: 1, max: 500_000 }), ({ date, household }, extra) => {
        const more: Household =
          measure === 'rei'
            ? { ...household, isee: { ...household.isee, isrCents: (household.isee?.isrCents ?? 0) + extra } }
            : { ...household, householdIncomeCents: (household.householdIncomeCents ?? 0) + extra };
        const before = run(measure, date, household);
        const after = run(measure, date, more);
        // SFL is for people the ADI does not cover (D.L. 48/2023 art. 12 c.2): more income can take a
        // household out of the ADI and so into the SFL. That is the law, so compare only when the ADI
        // test gives the same answer.
        const notAdi = (e: Evaluation) => e.requirements.find((q) => q.id === 'sfl.not-adi')?.outcome;
        if (measure === 'sfl' && notAdi(before) !== notAdi(after)) return;
        expect(monthly(after)).toBeLessThanOrEqual(monthly(before));
      }),
      { numRuns: RUNS },
    );
  });

  it('explain: false gives the same decision, amounts and missing facts', () => {
    fc.assert(
      fc.property(gen, ({ date, household }) => {
        const full = run(measure, date, household, true);
        const lean = run(measure, date, household, false);
        expect(lean.status).toBe(full.status);
        expect(lean.missing).toEqual(full.missing);
        expect(lean.benefit?.monthlyCents).toBe(full.benefit?.monthlyCents);
        expect(lean.benefit?.annualCents).toBe(full.benefit?.annualCents);
        expect(lean.requirements.map((q) => q.id)).toEqual(full.requirements.filter((q) => q.outcome !== 'pass').map((q) => q.id));
        expect(lean.trace).toBeUndefined();
        expect(full.trace?.requirements.length).toBe(full.requirements.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('forgetting one fact never turns an eligible household ineligible', () => {
    fc.assert(
      fc.property(gen, fc.nat(), fc.nat(), ({ date, household }, pick, memberPick) => {
        const complete = run(measure, date, household);
        if (complete.status !== 'eligible') return;
        // A declared ISEE scale that contradicts the composition (the generator draws it at random) is
        // not a fact the household can forget: without it the composition's own scale applies.
        if (complete.warnings.some((w) => w.code === 'eligibility.isee_scale_mismatch')) return;
        const keys = Object.keys(household).filter((k) => k !== 'members') as (keyof Household)[];
        const variants: Household[] = keys.map((k) => {
          const copy = { ...household };
          delete copy[k];
          return copy;
        });
        const members = household.members ?? [];
        const target = members[memberPick % Math.max(1, members.length)];
        if (target) {
          // `voluntaryResignationWithin12Months`, `inPublicInstitution` and `abroad` are declared when true
          // (absent = not declared, README «Fatti ignoti e fatti dichiarati»): dropping one is not forgetting a fact.
          const declaredWhenTrue = new Set(['relation', 'voluntaryResignationWithin12Months', 'inPublicInstitution', 'abroad']);
          const fields = Object.keys(target).filter((k) => !declaredWhenTrue.has(k));
          const field = fields[pick % fields.length] as keyof HouseholdMember;
          const m = { ...target };
          delete m[field];
          variants.push({ ...household, members: members.map((x) => (x === target ? m : x)) });
        }
        for (const v of variants) {
          const parsed = householdSchema.safeParse(v);
          if (!parsed.success) continue; // e.g. dueDate without pregnancy
          expect(run(measure, date, parsed.data).status).not.toBe('ineligible');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the yearly lines add up to the annual amount and the monthly lines to the monthly amount, exactly', () => {
    fc.assert(
      fc.property(gen, ({ date, household }) => {
        const e = run(measure, date, household);
        if (!e.benefit) return;
        const b = e.benefit;
        const year = b.components.filter((c) => c.per === 'year');
        const month = b.components.filter((c) => c.per === 'month');
        expect(year.length + month.length).toBeGreaterThan(0);
        // Every measure but SFL computes a yearly amount line by line; SFL is a flat monthly amount.
        if (measure === 'sfl') {
          expect(year).toEqual([]);
          expect(12 * month.reduce((a, c) => a + c.cents, 0)).toBe(b.annualCents);
        } else {
          expect(year.reduce((a, c) => a + c.cents, 0)).toBe(b.annualCents);
        }
        // Monthly lines (REI, SFL) add up to the monthly amount.
        if (month.length > 0) expect(month.reduce((a, c) => a + c.cents, 0)).toBe(b.monthlyCents);
        if (measure === 'rei') {
          // The monthly amount is the twelfth of the annual one within a cent (published maxima, truncated cap).
          expect(Math.abs(12 * b.monthlyCents - b.annualCents)).toBeLessThan(12);
        } else if (measure !== 'sfl') {
          expect(b.monthlyCents).toBe(Math.floor((2 * b.annualCents + 12) / 24));
        }
        expect(b.components.every((c) => Number.isInteger(c.cents))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the generators reach every outcome (the properties are not vacuous)', () => {
  it.each(MEASURE_IDS)('%s: eligible and ineligible both occur in 400 samples, and some eligible households fail each of several requirements', (measure) => {
    const samples = fc.sample(householdArb(dateIn(WINDOWS[measure])), { numRuns: 400, seed: 42 });
    const statuses = samples.map(({ date, household }) => run(measure, date, household).status);
    const eligible = statuses.filter((s) => s === 'eligible').length;
    expect(eligible, measure).toBeGreaterThanOrEqual(measure === "pdc" ? 1 : 10);
    if (process.env["SHOW_DIST"]) console.log(measure, { eligible, ineligible: statuses.filter((s) => s === "ineligible").length });
    expect(statuses.filter((s) => s === 'ineligible').length).toBeGreaterThan(50);
  });
});

describe('ADI: an extra member never lowers the scale of an eligible household', () => {
  it('holds for generated households and members', () => {
    fc.assert(
      fc.property(householdArb(dateIn(WINDOWS.adi)), memberArb('altro'), ({ date, household }, seed) => {
        const before = run('adi', date, household);
        const after = run('adi', date, { ...household, members: [...(household.members ?? []), member(seed, date)] });
        if (before.benefit?.scale && after.benefit?.scale) expect(after.benefit.scale.hundredths).toBeGreaterThanOrEqual(before.benefit.scale.hundredths);
      }),
      { numRuns: RUNS },
    );
  });
});

/** The household path of a `missing` entry as segments: `members[m-8].disability` → ['members', 1, 'disability']. */
function segments(household: Household, path: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const byId = /^members\[(.+)\]$/.exec(part);
    if (byId) {
      const i = (household.members ?? []).findIndex((m) => m.id === byId[1]);
      if (i < 0) return undefined;
      out.push('members', i);
    } else out.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return out;
}
const get = (o: unknown, path: readonly (string | number)[]): unknown => path.reduce<unknown>((x, k) => (x === null || typeof x !== 'object' ? undefined : (x as Record<string | number, unknown>)[k]), o);
function set(o: Record<string | number, unknown>, path: readonly (string | number)[], value: unknown): void {
  let x: Record<string | number, unknown> = o;
  for (const [i, k] of path.slice(0, -1).entries()) {
    if (x[k] === undefined) x[k] = typeof path[i + 1] === 'number' ? [] : {};
    x = x[k] as Record<string | number, unknown>;
  }
  x[path[path.length - 1]!] = value;
}
function unset(o: Record<string | number, unknown>, path: readonly (string | number)[]): void {
  const parent = get(o, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[path[path.length - 1]!];
}
/** Every fact of a household a form could leave blank: leaves, and the lists as wholes. */
function facts(h: Household): (string | number)[][] {
  const out: (string | number)[][] = [];
  // Declared when true (README «Fatti ignoti e fatti dichiarati»), the applicant's relation and the member ids are not facts to forget.
  const keep = new Set(['relation', 'id', 'voluntaryResignationWithin12Months', 'inPublicInstitution', 'abroad']);
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (Array.isArray(v)) {
      if (path.length > 0) out.push(path);
      v.forEach((x, i) => walk(x, [...path, i]));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (!(path[0] === 'members' && keep.has(k))) walk(x, [...path, k]);
    } else if (path.length > 0) out.push(path);
  };
  walk(h, []);
  return out;
}

describe.each(MEASURE_IDS)('%s: a form contract', (measure) => {
  it('filling exactly the missing facts (with any consistent values) never yields needs-info again', () => {
    fc.assert(
      fc.property(householdArb(dateIn(WINDOWS[measure])), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), ({ date, household }, picks, rate) => {
        // Forget some facts of a complete household (about one in `rate + 1`).
        const all = facts(household);
        const partial = structuredClone(household) as Record<string | number, unknown>;
        all.forEach((path, i) => {
          if ((picks[i % picks.length]! + i) % (rate + 1) === 0) unset(partial, path);
        });
        const parsed = householdSchema.safeParse(partial);
        if (!parsed.success) return; // e.g. a due date left without its pregnancy
        const first = run(measure, date, parsed.data);
        if (first.status !== 'needs-info') return;
        // A form asks exactly `missing`; the answers are the complete household's own (consistent by
        // construction: a fact the complete household does not have, such as the rent of an owned home,
        // stays unanswered, as a form hides a question whose condition does not hold).
        const filled = structuredClone(parsed.data) as Record<string | number, unknown>;
        for (const p of first.missing) {
          const seg = segments(household, p);
          expect(seg, p).toBeDefined();
          const value = get(household, seg!);
          if (value !== undefined) set(filled, seg!, structuredClone(value));
        }
        const second = run(measure, date, householdSchema.parse(filled));
        expect(second.status, `${JSON.stringify(first.missing)} → ${JSON.stringify(second.missing)}`).not.toBe('needs-info');
      }),
      { numRuns: 400 },
    );
  });
});
