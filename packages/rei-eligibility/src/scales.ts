// SPDX-License-Identifier: BSD-3-Clause
/**
 * The four equivalence scales (ISEE, REI, RdC/PdC, ADI) as separate pure functions. Each returns
 * the value, the components that make it up (with the reason in Italian and English and the legal
 * reference) and whether the cap cut it, so a social worker sees why. Values are computed in
 * integer hundredths; `value` is exact to two decimals.
 * @module
 */
import { dateText, ageOn, compareIsoDate, createIssue, fail, ok, type Issue, type IsoDate, type LocalizedText, type Result } from '@riuso-sociale/core';
import {
  ADI_SCALE,
  ISEE_BASE_SCALE,
  ISEE_CHILDREN_INCREMENT,
  ISEE_CHILDREN_INCREMENT_2026,
  ISEE_DISABILITY_INCREMENT,
  ISEE_WORKING_PARENTS_INCREMENT,
  periodAt,
  RDC_RESIGNATION_EXCLUSION,
  RDC_SCALE,
  REI_SCALE,
  type LegalRef,
  type ParameterIssueCode,
  type ParameterPeriod,
  type ParameterStatus,
} from './parameters.js';

/**
 * Disability level as the ISEE (DPCM 159/2013 All. 3) classifies it.
 *
 * @example
 * ```ts
 * import type { DisabilityLevel } from '@riuso-sociale/rei-eligibility';
 * const level: DisabilityLevel = 'grave';
 * ```
 */
export type DisabilityLevel = 'none' | 'media' | 'grave' | 'non-autosufficienza';

/**
 * Why a member is not counted in a scale (only the cases the spec gives):
 * - `adi-istituto`: in an institution fully paid by the State or another public body (ADI);
 * - `adi-estero`: abroad ≥ 2 consecutive months or ≥ 4 in 18 (ADI);
 * - `rdc-dimissioni`: unemployed after voluntary resignation (not for just cause) in the last 12 months (RdC).
 *
 * @example
 * ```ts
 * import type { ScaleExclusion } from '@riuso-sociale/rei-eligibility';
 * const e: ScaleExclusion = 'rdc-dimissioni';
 * ```
 */
export type ScaleExclusion = 'adi-istituto' | 'adi-estero' | 'rdc-dimissioni';

/**
 * One member of the household, with only the facts the scales need. Give `age` (completed years on the
 * date of the calculation) or `birthDate` (then the age is computed on that date; `birthDate` wins).
 *
 * @example
 * ```ts
 * import type { ScaleMember } from '@riuso-sociale/rei-eligibility';
 * const mother: ScaleMember = { age: 34, role: 'genitore', workedSixMonths: true, hasCareDuties: true };
 * ```
 */
export interface ScaleMember {
  /** Completed years of age on the date of the calculation. */
  readonly age?: number;
  /** Birth date; when given, the age is computed from it (and `age` is ignored). */
  readonly birthDate?: IsoDate;
  /** Disability level (default `none`). */
  readonly disability?: DisabilityLevel;
  /** For the ISEE maggiorazioni a)–c): parent, child ("figlio") or other member (default `altro`). */
  readonly role?: 'genitore' | 'figlio' | 'altro';
  /** ISEE magg. b): this parent worked (employee or self-employed) ≥ 6 months in the income year. */
  readonly workedSixMonths?: boolean;
  /** ADI +0,3: adult in severe bio-psycho-social hardship in a certified social/health care programme. */
  readonly certifiedCareProgramme?: boolean;
  /** ADI +0,4: adult with care duties as art. 6 c.5 defines them (child under 3, ≥ 3 minors, or a disabled member). Asserted by the caller. */
  readonly hasCareDuties?: boolean;
  /** Scale exclusions that apply to this member. */
  readonly excludedFrom?: readonly ScaleExclusion[];
}

/**
 * The minimal household input of the scale functions.
 *
 * @example
 * ```ts
 * import type { ScaleHousehold } from '@riuso-sociale/rei-eligibility';
 * const h: ScaleHousehold = { members: [{ age: 40 }, { age: 8 }] };
 * ```
 */
export interface ScaleHousehold {
  /** All members of the ISEE household, in any order. */
  readonly members: readonly ScaleMember[];
}

/**
 * One line of the explanation of a scale value.
 *
 * @example
 * ```ts
 * import { rdcScale } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const r = rdcScale({ members: [{ age: 40 }] }, makeIsoDate(2020, 1, 1)!);
 * if (r.ok) r.value.components[0]?.reason.it; // 'Primo componente'
 * ```
 */
export interface ScaleComponent {
  /** Why, in Italian and English. */
  readonly reason: LocalizedText;
  /** The amount (may be 0 for a member not counted, negative for the cap). */
  readonly amount: number;
  /** The same amount in integer hundredths. */
  readonly hundredths: number;
  /** The act and article. */
  readonly ref: LegalRef;
  /** How well the rule was verified. */
  readonly status: ParameterStatus;
  /** Index of the member in `household.members`, when the line is about one member. */
  readonly member?: number;
}

/**
 * A scale value with its explanation. The components always add up to `value`.
 *
 * @example
 * ```ts
 * import { reiScale } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const r = reiScale({ members: [{ age: 40 }, { age: 38 }] }, makeIsoDate(2018, 3, 1)!);
 * if (r.ok) r.value.value; // 1.57
 * ```
 */
export interface ScaleResult {
  /** The scale, exact to two decimals. */
  readonly value: number;
  /** The scale in integer hundredths (`157` = 1,57). */
  readonly hundredths: number;
  /** The lines that make up the value. */
  readonly components: readonly ScaleComponent[];
  /** `true` when the legal maximum reduced the value. */
  readonly capped: boolean;
}

/** Issue codes of the scale functions. */
export type ScaleIssueCode =
  | ParameterIssueCode
  | 'rei.scale.empty_household'
  | 'rei.scale.member_age'
  | 'rei.scale.no_counted_member';

/**
 * Benefits for which L. 199/2025 art. 1 c.208 redetermines ISEE maggiorazione a) from 2026.
 *
 * @example
 * ```ts
 * import type { IseeScaleBenefit } from '@riuso-sociale/rei-eligibility';
 * const b: IseeScaleBenefit = 'adi';
 * ```
 */
export type IseeScaleBenefit = 'adi' | 'sfl' | 'auu' | 'bonus-nido' | 'bonus-l207-2024-c206' | 'altro';

/**
 * Options of {@link iseeScale}.
 *
 * @example
 * ```ts
 * import type { IseeScaleOptions } from '@riuso-sociale/rei-eligibility';
 * const o: IseeScaleOptions = { benefit: 'adi' };
 * ```
 */
export interface IseeScaleOptions {
  /** The benefit the ISEE is for; only matters from 2026 (L. 199/2025 c.208). Default `altro`. */
  readonly benefit?: IseeScaleBenefit;
}

// ---------------------------------------------------------------------------------------------

interface Resolved {
  readonly index: number;
  readonly age: number;
  readonly m: ScaleMember;
}

const fmt = (h: number, sep: string): string => {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.trunc(a / 100)}${sep}${String(a % 100).padStart(2, '0')}`;
};
const it = (h: number): string => fmt(h, ',');
const en = (h: number): string => fmt(h, '.');

function line<T>(
  reason: LocalizedText,
  hundredths: number,
  period: ParameterPeriod<T>,
  member?: number,
  ref: LegalRef = period.ref,
): ScaleComponent {
  return {
    reason,
    amount: hundredths / 100,
    hundredths,
    ref,
    status: period.status,
    ...(member === undefined ? {} : { member }),
  };
}

function finish(components: ScaleComponent[], capped: boolean): ScaleResult {
  const hundredths = components.reduce((s, c) => s + c.hundredths, 0);
  return { value: hundredths / 100, hundredths, components, capped };
}

function resolveMembers(household: ScaleHousehold, date: IsoDate): Result<Resolved[], ScaleIssueCode> {
  if (household.members.length === 0) {
    return fail([
      createIssue('rei.scale.empty_household', {
        it: 'Il nucleo familiare non ha componenti',
        en: 'The household has no members',
      }, { path: ['members'] }),
    ]);
  }
  const out: Resolved[] = [];
  const issues: Issue<ScaleIssueCode>[] = [];
  household.members.forEach((m, index) => {
    let age: number | undefined;
    if (m.birthDate !== undefined) {
      if (compareIsoDate(m.birthDate, date) <= 0) age = ageOn(m.birthDate, date);
    } else if (m.age !== undefined && Number.isInteger(m.age) && m.age >= 0 && m.age <= 150) {
      age = m.age;
    }
    if (age === undefined) {
      issues.push(
        createIssue(
          'rei.scale.member_age',
          {
            it: `Età del componente ${index + 1} mancante o non valida ${dateText(date, { preposition: 'to' })}`,
            en: `Age of member ${index + 1} missing or invalid ${dateText(date, { lang: 'en', preposition: 'on' })}`,
          },
          { path: ['members', index], params: { member: index, date } },
        ),
      );
    } else {
      out.push({ index, age, m });
    }
  });
  const [first, ...rest] = issues;
  if (first) return fail([first, ...rest]);
  return ok(out);
}

const isDisabled = (m: ScaleMember): boolean => (m.disability ?? 'none') !== 'none';
const isSevere = (m: ScaleMember): boolean => m.disability === 'grave' || m.disability === 'non-autosufficienza';
const excluded = (m: ScaleMember, e: ScaleExclusion): boolean => m.excludedFrom?.includes(e) ?? false;

function baseLines(
  n: number,
  period: ParameterPeriod<{ readonly byMembers: readonly number[]; readonly perFurtherMember: number }>,
): ScaleComponent[] {
  const table = period.value.byMembers;
  const k = Math.min(n, table.length);
  const base = table[k - 1] ?? 0;
  const lines = [
    line(
      {
        it: `Parametro base per ${k} ${k === 1 ? 'componente' : 'componenti'}: ${it(base)}`,
        en: `Base parameter for ${k} ${k === 1 ? 'member' : 'members'}: ${en(base)}`,
      },
      base,
      period,
    ),
  ];
  const further = n - table.length;
  if (further > 0) {
    const h = further * period.value.perFurtherMember;
    lines.push(
      line(
        {
          it: further === 1
            ? `${it(period.value.perFurtherMember)} per il componente oltre il ${table.length}°`
            : `${it(period.value.perFurtherMember)} per ciascuno dei ${further} componenti oltre il ${table.length}°`,
          en: further === 1
            ? `${en(period.value.perFurtherMember)} for the member beyond the ${table.length}th`
            : `${en(period.value.perFurtherMember)} for each of the ${further} members beyond the ${table.length}th`,
        },
        h,
        period,
      ),
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------

/**
 * ISEE equivalence scale (DPCM 159/2013 All. 1): base parameter by number of members (+0,35 after the
 * fifth), plus the maggiorazioni the verification pass confirms:
 * a) by number of children ("figli"): +0,2 three, +0,35 four, +0,5 five or more — from 2026, for ADI,
 *    SFL, AUU and bonus nido only, 0,1 two, 0,25 three, 0,40 four, 0,55 five or more (L. 199/2025 c.208);
 * b) +0,2 with minor children, +0,3 with a child under three, when every parent (role `genitore`, at
 *    least one) worked ≥ 6 months; c) the same for a household of only a non-working single parent and minor children;
 * +0,5 per member with medium/severe disability or non-self-sufficiency, from 29-05-2016 (D.L. 42/2016).
 * Not modelled: who belongs to the ISEE household (DPCM art. 3), the ISEE for minors with a parent
 * outside the household (art. 7), the pre-2016 disability franchigie (not a scale item).
 *
 * @param household - the ISEE household members.
 * @param date - the date the scale applies on (selects the parameters in force).
 * @param options - the benefit, which matters only from 2026.
 * @example
 * ```ts
 * import { iseeScale } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const r = iseeScale(
 *   { members: [{ age: 40, role: 'genitore', workedSixMonths: true }, { age: 2, role: 'figlio' }] },
 *   makeIsoDate(2024, 6, 1)!,
 * );
 * if (r.ok) r.value.value; // 1.87 (1,57 + 0,3)
 * ```
 */
export function iseeScale(
  household: ScaleHousehold,
  date: IsoDate,
  options: IseeScaleOptions = {},
): Result<ScaleResult, ScaleIssueCode> {
  const base = periodAt(ISEE_BASE_SCALE, date);
  if (!base.ok) return base;
  const members = resolveMembers(household, date);
  if (!members.ok) return members;
  const all = members.value;
  const components = baseLines(all.length, base.value);

  // a) number of children
  const children = all.filter((r) => r.m.role === 'figlio');
  const benefit = options.benefit ?? 'altro';
  const new2026 = benefit !== 'altro' ? periodAt(ISEE_CHILDREN_INCREMENT_2026, date) : undefined;
  const childrenPeriod = new2026?.ok ? new2026.value : undefined;
  const aPeriodResult = childrenPeriod ? ok(childrenPeriod) : periodAt(ISEE_CHILDREN_INCREMENT, date);
  if (!aPeriodResult.ok) return aPeriodResult;
  const aPeriod = aPeriodResult.value;
  const aTable = aPeriod.value;
  const aH = aTable[Math.min(children.length, aTable.length - 1)] ?? 0;
  if (aH > 0) {
    components.push(
      line(
        { it: `Maggiorazione a): ${children.length} figli`, en: `Increment a): ${children.length} children` },
        aH,
        aPeriod,
      ),
    );
  }

  // b) and c) minor children, working parents or single non-working parent
  const minorChildren = children.filter((r) => r.age < 18);
  if (minorChildren.length > 0) {
    const bc = periodAt(ISEE_WORKING_PARENTS_INCREMENT, date);
    if (!bc.ok) return bc;
    const parents = all.filter((r) => r.m.role === 'genitore');
    const b = parents.length > 0 && parents.every((p) => p.m.workedSixMonths === true);
    const c =
      !b &&
      parents.length === 1 &&
      parents[0]?.m.workedSixMonths !== true &&
      all.every((r) => r.m.role === 'genitore' || (r.m.role === 'figlio' && r.age < 18));
    if (b || c) {
      const underThree = minorChildren.some((r) => r.age < 3);
      const h = underThree ? bc.value.value.underThree : bc.value.value.minors;
      const what = underThree
        ? { it: 'almeno un figlio sotto i tre anni', en: 'at least one child under three' }
        : { it: 'figli minorenni', en: 'minor children' };
      components.push(
        line(
          b
            ? {
                it: `Maggiorazione b): ${what.it}, genitori che hanno lavorato almeno 6 mesi`,
                en: `Increment b): ${what.en}, parents who worked at least 6 months`,
              }
            : {
                it: `Maggiorazione c): ${what.it}, genitore solo non lavoratore`,
                en: `Increment c): ${what.en}, non-working single parent`,
              },
          h,
          bc.value,
        ),
      );
    }
  }

  // disability
  const disabled = all.filter((r) => isDisabled(r.m));
  if (disabled.length > 0) {
    const dp = periodAt(ISEE_DISABILITY_INCREMENT, date);
    if (dp.ok) {
      for (const r of disabled) {
        components.push(
          line(
            {
              it: `Componente con disabilità (${r.m.disability ?? 'none'}): +${it(dp.value.value)}`,
              en: `Member with disability (${r.m.disability ?? 'none'}): +${en(dp.value.value)}`,
            },
            dp.value.value,
            dp.value,
            r.index,
          ),
        );
      }
    }
    // Before 29-05-2016 disability entered the ISEE through franchigie, not through the scale: nothing to add.
  }
  return ok(finish(components, false));
}

/**
 * REI equivalence scale: the ISEE base scale by number of members, WITHOUT any maggiorazione of
 * All. 1 and without the disability +0,5 (D.Lgs. 147/2017 art. 4 c.1: "al netto delle maggiorazioni").
 *
 * @param household - all members of the household (no member is left out of the REI scale).
 * @param date - a date in the REI period (from 1-12-2017).
 * @example
 * ```ts
 * import { reiScale } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const r = reiScale({ members: [{ age: 40 }, { age: 38 }, { age: 10 }, { age: 8 }, { age: 5 }] }, makeIsoDate(2018, 7, 1)!);
 * if (r.ok) r.value.value; // 2.85
 * ```
 */
export function reiScale(household: ScaleHousehold, date: IsoDate): Result<ScaleResult, ScaleIssueCode> {
  const p = periodAt(REI_SCALE, date);
  if (!p.ok) return p;
  const members = resolveMembers(household, date);
  if (!members.ok) return members;
  return ok(finish(baseLines(members.value.length, p.value), false));
}

/**
 * RdC/PdC equivalence scale (D.L. 4/2019 art. 2 c.4): 1 for the first member (an adult when there is
 * one), +0,4 per further adult, +0,2 per further minor, max 2,1, or 2,2 when a counted member has a
 * severe disability or is non-self-sufficient. A member marked `rdc-dimissioni` is left out (INPS circ.
 * 100/2019) and listed with amount 0.
 *
 * @param household - the household members.
 * @param date - a date in the RdC period (April 2019 – 31-12-2023).
 * @example
 * ```ts
 * import { rdcScale } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const r = rdcScale({ members: [{ age: 40 }, { age: 38 }, { age: 10 }] }, makeIsoDate(2020, 1, 1)!);
 * if (r.ok) r.value.value; // 1.6
 * ```
 */
export function rdcScale(household: ScaleHousehold, date: IsoDate): Result<ScaleResult, ScaleIssueCode> {
  const p = periodAt(RDC_SCALE, date);
  if (!p.ok) return p;
  const members = resolveMembers(household, date);
  if (!members.ok) return members;
  const v = p.value.value;
  const resign = periodAt(RDC_RESIGNATION_EXCLUSION, date);
  const components: ScaleComponent[] = [];
  const counted: Resolved[] = [];
  for (const r of members.value) {
    if (resign.ok && excluded(r.m, 'rdc-dimissioni')) {
      components.push(
        line(
          {
            it: 'Escluso dalla scala: dimissioni volontarie negli ultimi 12 mesi',
            en: 'Left out of the scale: voluntary resignation in the last 12 months',
          },
          0,
          resign.value,
          r.index,
        ),
      );
    } else {
      counted.push(r);
    }
  }
  const first = counted.find((r) => r.age >= 18) ?? counted[0];
  if (!first) return fail([noCounted('RdC')]);
  for (const r of counted) {
    if (r === first) {
      components.push(line({ it: 'Primo componente', en: 'First member' }, v.first, p.value, r.index));
    } else if (r.age >= 18) {
      components.push(
        line({ it: 'Ulteriore componente maggiorenne', en: 'Further adult member' }, v.furtherAdult, p.value, r.index),
      );
    } else {
      components.push(
        line({ it: 'Ulteriore componente minorenne', en: 'Further minor member' }, v.furtherMinor, p.value, r.index),
      );
    }
  }
  const severe = counted.some((r) => isSevere(r.m));
  return ok(applyCap(components, severe ? v.capSevere : v.cap, severe, p.value));
}

/**
 * ADI equivalence scale (D.L. 48/2023 art. 2 c.4, as the verification pass states it — CONFIRMED-Q):
 * 1 to one adult; +0,5 per other member with disability or non-self-sufficiency; +0,4 per other member
 * aged ≥ 60; +0,4 once, for ONE adult with care duties (also the adult holding the 1, INPS msg 2388/2025);
 * +0,3 per other adult in a certified care programme; +0,15 per minor up to two, +0,10 after the second;
 * max 2,2, or 2,3 with severe disability / non-self-sufficiency. Members marked `adi-istituto` or
 * `adi-estero` are not counted (listed with 0).
 *
 * Assumptions (not stated in the spec): the 1 goes to the adult whose own increment is lowest (this
 * reproduces INPS circ. 105/2023 example 1, 3 adults with one disabled = 1,9); each other member gets
 * one increment, the highest that applies (disability > ≥ 60 > programme > minor); the care-duty 0,4
 * adds to that member's own parameter.
 *
 * @param household - the household members.
 * @param date - a date from 1-01-2024.
 * @example
 * ```ts
 * import { adiScale } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const r = adiScale({ members: [{ age: 30, hasCareDuties: true }, { age: 2 }] }, makeIsoDate(2024, 3, 1)!);
 * if (r.ok) r.value.value; // 1.55
 * ```
 */
export function adiScale(household: ScaleHousehold, date: IsoDate): Result<ScaleResult, ScaleIssueCode> {
  const p = periodAt(ADI_SCALE, date);
  if (!p.ok) return p;
  const members = resolveMembers(household, date);
  if (!members.ok) return members;
  const v = p.value.value;
  const components: ScaleComponent[] = [];
  const counted: Resolved[] = [];
  for (const r of members.value) {
    const why = excluded(r.m, 'adi-istituto')
      ? { it: 'Non conteggiato: in istituto a carico pubblico', en: 'Not counted: in a publicly funded institution' }
      : excluded(r.m, 'adi-estero')
        ? { it: "Non conteggiato: all'estero (≥ 2 mesi consecutivi o ≥ 4 in 18)", en: 'Not counted: abroad (≥ 2 consecutive months or ≥ 4 in 18)' }
        : undefined;
    if (why) components.push(line(why, 0, p.value, r.index));
    else counted.push(r);
  }
  // Own increment of a member who does not hold the 1 (minors ranked later).
  const own = (r: Resolved): number =>
    isDisabled(r.m) ? v.disabled : r.age >= 60 ? v.aged60 : r.age >= 18 && r.m.certifiedCareProgramme === true ? v.careProgramme : r.age < 18 ? v.minorFirstTwo : 0;
  const adults = counted.filter((r) => r.age >= 18);
  const candidates = adults.length > 0 ? adults : counted;
  let holder: Resolved | undefined;
  for (const r of candidates) if (holder === undefined || own(r) < own(holder)) holder = r;
  if (!holder) return fail([noCounted('ADI')]);

  let minorsSeen = 0;
  for (const r of counted) {
    if (r === holder) {
      components.push(line({ it: 'Parametro 1 (componente di riferimento)', en: 'Parameter 1 (reference member)' }, v.holder, p.value, r.index));
    } else if (isDisabled(r.m)) {
      components.push(line({ it: 'Altro componente con disabilità o non autosufficiente', en: 'Other member with disability or non-self-sufficient' }, v.disabled, p.value, r.index));
    } else if (r.age >= 60) {
      components.push(line({ it: 'Altro componente di età pari o superiore a 60 anni', en: 'Other member aged 60 or more' }, v.aged60, p.value, r.index));
    } else if (r.age >= 18 && r.m.certifiedCareProgramme === true) {
      components.push(line({ it: 'Altro maggiorenne in grave disagio in un programma di cura certificato', en: 'Other adult in severe hardship in a certified care programme' }, v.careProgramme, p.value, r.index));
    } else if (r.age < 18) {
      minorsSeen += 1;
      const h = minorsSeen <= 2 ? v.minorFirstTwo : v.minorFurther;
      components.push(
        line(
          minorsSeen <= 2
            ? { it: `Minorenne (${minorsSeen}° dei primi due)`, en: `Minor (${minorsSeen} of the first two)` }
            : { it: `Minorenne oltre il secondo (${minorsSeen}°)`, en: `Minor beyond the second (${minorsSeen})` },
          h,
          p.value,
          r.index,
        ),
      );
    } else {
      components.push(line({ it: 'Maggiorenne senza condizioni previste: 0', en: 'Adult with none of the listed conditions: 0' }, 0, p.value, r.index));
    }
  }
  const carer = holder.age >= 18 && holder.m.hasCareDuties === true ? holder : adults.find((r) => r.m.hasCareDuties === true);
  if (carer) {
    components.push(
      line(
        { it: 'Un componente maggiorenne con carichi di cura', en: 'One adult member with care duties' },
        v.careDuties,
        p.value,
        carer.index,
      ),
    );
  }
  const severe = counted.some((r) => isSevere(r.m));
  return ok(applyCap(components, severe ? v.capSevere : v.cap, severe, p.value));
}

function applyCap<T>(components: ScaleComponent[], cap: number, severe: boolean, period: ParameterPeriod<T>): ScaleResult {
  const raw = components.reduce((s, c) => s + c.hundredths, 0);
  if (raw <= cap) return finish(components, false);
  components.push(
    line(
      severe
        ? { it: `Ridotto al massimo di ${it(cap)} (disabilità grave o non autosufficienza)`, en: `Reduced to the maximum of ${en(cap)} (severe disability or non-self-sufficiency)` }
        : { it: `Ridotto al massimo di ${it(cap)}`, en: `Reduced to the maximum of ${en(cap)}` },
      cap - raw,
      period,
    ),
  );
  return finish(components, true);
}

function noCounted(measure: string): Issue<ScaleIssueCode> {
  return createIssue(
    'rei.scale.no_counted_member',
    {
      it: `Nessun componente conteggiato nella scala ${measure}`,
      en: `No member is counted in the ${measure} scale`,
    },
    { path: ['members'], params: { measure } },
  );
}
