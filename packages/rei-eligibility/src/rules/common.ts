// SPDX-License-Identifier: BSD-3-Clause
/**
 * The checks shared by several measures. Internal: the public types are in `model.ts`, the context
 * in `engine/context.ts`. Every check adds one requirement with an outcome (`pass`, `fail`, `unknown`), the
 * actual value and the threshold, the parameter period it read (act, article, status) and, when the
 * outcome is `unknown`, the household paths of the missing facts.
 * @module
 */
import { addMonths, compareIsoDate, formatCents, type IsoDate, type LocalizedText } from '@riuso-sociale/core';
import type { Ctx, MemberInfo, Source } from '../engine/context.js';
import { toScaleHousehold, type Household, type HouseholdMember } from '../household.js';
import { iseeScale, type IseeScaleBenefit } from '../scales.js';
import type { RequirementId, RequirementOutcome } from '../model.js';
import { ISEE_HOME_EXCLUSION, ISEE_HOME_EXCLUSION_2026, type HomeExclusion, type ParameterPeriod } from '../parameters.js';
import type { FinancialAssetsLimit, IseeKindRule, ResidenceRule, VehicleRule } from '../thresholds.js';

export type { Ctx, MemberInfo, Source } from '../engine/context.js';

// ---------------------------------------------------------------------------------------------
// Formatting

/** `123456` → `{ it: '1.234,56 €', en: '€1,234.56' }`. */
export function eur(cents: number): LocalizedText {
  return { it: formatCents(cents, 'it'), en: formatCents(cents, 'en') };
}

/** Scale hundredths → `{ it: '1,55', en: '1.55' }`. */
export function scaleText(h: number): LocalizedText {
  const s = `${Math.trunc(h / 100)}`;
  const c = String(h % 100).padStart(2, '0');
  return { it: `${s},${c}`, en: `${s}.${c}` };
}

export function date(d: IsoDate): LocalizedText {
  return { it: `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`, en: d };
}

/** Round half up to the nearest integer (for non-negative cents). */
export function halfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

// ---------------------------------------------------------------------------------------------
// Shared checks

export function disabilityOf(m: HouseholdMember): 'none' | 'disabled' | 'severe' | undefined {
  switch (m.disability) {
    case undefined:
      return undefined;
    case 'none':
      return 'none';
    case 'media':
      return 'disabled';
    default:
      return 'severe';
  }
}

/** Members whose age is unknown: their missing paths. */
export function missingAges(members: readonly MemberInfo[]): string[] {
  const out: string[] = [];
  for (const r of members) if (r.age === undefined) out.push(`${r.path}.birthDate`);
  return out;
}

/** The household has at least one member. */
export function checkMembers(ctx: Ctx, id: RequirementId, source: Source): RequirementOutcome {
  const n = ctx.members.length;
  if (ctx.household.members === undefined) {
    return ctx.add(id, 'unknown', null, 1, 'count', source, () => ({
      it: 'Componenti del nucleo non indicati',
      en: 'Household members not given',
    }), ['members']);
  }
  if (n === 0) {
    return ctx.add(id, 'fail', 0, 1, 'count', source, () => ({
      it: 'Il nucleo non ha componenti',
      en: 'The household has no members',
    }));
  }
  const missing = missingAges(ctx.members);
  return ctx.add(
    id,
    missing.length > 0 ? 'unknown' : 'pass',
    n,
    1,
    'count',
    source,
    () =>
      missing.length > 0
        ? { it: `Età non nota per ${missing.length} componenti su ${n}`, en: `Age unknown for ${missing.length} of ${n} members` }
        : { it: `${n} componenti, età note`, en: `${n} members, ages known` },
    missing,
  );
}

export type CitizenshipPolicy = { readonly protection: boolean };

/** Citizenship / permit of the applicant. */
export function checkCitizenship(ctx: Ctx, id: RequirementId, source: Source, policy: CitizenshipPolicy): RequirementOutcome {
  const a = ctx.household.applicant;
  const c = a?.citizenship;
  const permit = a?.permit;
  const allowed = policy.protection
    ? { it: 'cittadino italiano o UE, familiare UE, soggiornante UE di lungo periodo o titolare di protezione internazionale', en: 'Italian or EU citizen, EU family member, EU long-term resident or international-protection holder' }
    : { it: 'cittadino italiano o UE, familiare UE o soggiornante UE di lungo periodo', en: 'Italian or EU citizen, EU family member or EU long-term resident' };
  if (c === undefined) {
    // The permit is asked too: it decides when the citizenship turns out to be non-EU.
    return ctx.add(id, 'unknown', null, 'cittadinanza', 'category', source, () => ({
      it: `Cittadinanza del richiedente non indicata (richiesto: ${allowed.it})`,
      en: `Applicant's citizenship not given (required: ${allowed.en})`,
    }), permit === undefined ? ['applicant.citizenship', 'applicant.permit'] : ['applicant.citizenship']);
  }
  if (c !== 'extra-ue') {
    return ctx.add(id, 'pass', c, 'cittadinanza', 'category', source, () => ({
      it: `Cittadinanza: ${c}`,
      en: `Citizenship: ${c}`,
    }));
  }
  if (permit === undefined) {
    return ctx.add(id, 'unknown', c, 'permesso', 'category', source, () => ({
      it: `Cittadino extra UE: permesso di soggiorno non indicato (richiesto: ${allowed.it})`,
      en: `Non-EU citizen: residence permit not given (required: ${allowed.en})`,
    }), ['applicant.permit']);
  }
  const ok = permit === 'soggiornante-lungo-periodo' || (policy.protection && permit === 'protezione-internazionale');
  return ctx.add(id, ok ? 'pass' : 'fail', `${c}/${permit}`, 'permesso', 'category', source, () =>
    ok
      ? { it: `Cittadino extra UE con permesso: ${permit}`, en: `Non-EU citizen with permit: ${permit}` }
      : { it: `Permesso di soggiorno ${permit} non ammesso (richiesto: ${allowed.it})`, en: `Residence permit ${permit} not accepted (required: ${allowed.en})` },
  );
}

/** Residence of the applicant: total years and continuous years (two requirements). */
export function checkResidence(ctx: Ctx, idTotal: RequirementId, idContinuous: RequirementId, period: ParameterPeriod<ResidenceRule>): boolean {
  const r = ctx.household.applicant?.residence;
  const rule = period.value;
  const years = r?.since !== undefined ? ctx.yearsSince(r.since) : r?.years;
  const cont = r?.continuousSince !== undefined ? ctx.yearsSince(r.continuousSince) : r?.continuousYears;
  let failed = false;
  if (rule.years > 0) {
    const known = years ?? (cont !== undefined && cont >= rule.years ? cont : undefined);
    const outcome: RequirementOutcome = known === undefined ? 'unknown' : known >= rule.years ? 'pass' : 'fail';
    failed ||= outcome === 'fail';
    ctx.add(idTotal, outcome, known ?? null, rule.years, 'years', period, () =>
      outcome === 'unknown'
        ? { it: `Anni di residenza in Italia non noti (richiesti almeno ${rule.years})`, en: `Years of residence in Italy unknown (at least ${rule.years} required)` }
        : { it: `Residente in Italia da ${known} anni (richiesti almeno ${rule.years})`, en: `Resident in Italy for ${known} years (at least ${rule.years} required)` },
      ['applicant.residence.since'],
    );
  }
  // Continuous years cannot exceed total years: a known total below the continuous threshold decides.
  const contKnown = cont ?? (years !== undefined && years < rule.continuousYears ? years : undefined);
  const outcome: RequirementOutcome = contKnown === undefined ? 'unknown' : contKnown >= rule.continuousYears ? 'pass' : 'fail';
  failed ||= outcome === 'fail';
  ctx.add(idContinuous, outcome, contKnown ?? null, rule.continuousYears, 'years', period, () =>
    outcome === 'unknown'
      ? { it: `Anni di residenza continuativa non noti (richiesti almeno ${rule.continuousYears})`, en: `Years of continuous residence unknown (at least ${rule.continuousYears} required)` }
      : { it: `Residente in via continuativa da ${contKnown} anni (richiesti almeno ${rule.continuousYears})`, en: `Continuously resident for ${contKnown} years (at least ${rule.continuousYears} required)` },
    ['applicant.residence.continuousSince'],
  );
  return !failed;
}

/** A money amount compared with a ceiling (`inclusive`: ≤, else <). */
export function checkMoney(
  ctx: Ctx,
  id: RequirementId,
  actual: number | undefined,
  limit: number,
  inclusive: boolean,
  source: Source,
  path: string,
  label: LocalizedText,
): RequirementOutcome {
  const op = inclusive ? '≤' : '<';
  if (actual === undefined) {
    return ctx.add(id, 'unknown', null, limit, 'cents', source, () => ({
      it: `${label.it}: non indicato (deve essere ${op} ${eur(limit).it})`,
      en: `${label.en}: not given (must be ${op} ${eur(limit).en})`,
    }), [path]);
  }
  const ok = inclusive ? actual <= limit : actual < limit;
  return ctx.add(id, ok ? 'pass' : 'fail', actual, limit, 'cents', source, () => {
    const a = eur(actual);
    const l = eur(limit);
    const o = ok ? op : inclusive ? '>' : '≥';
    return { it: `${label.it}: ${a.it} ${o} ${l.it}`, en: `${label.en}: ${a.en} ${o} ${l.en}` };
  });
}

/** Income compared with `baseCents × scale` (strictly below), exactly in integers. */
export function checkIncomeTimesScale(
  ctx: Ctx,
  id: RequirementId,
  baseCents: number,
  scaleHundredths: number | undefined,
  source: Source,
  label: LocalizedText,
  scaleMissing: readonly string[],
): RequirementOutcome {
  const income = ctx.household.householdIncomeCents;
  if (scaleHundredths === undefined || income === undefined) {
    const missing = [...(income === undefined ? ['householdIncomeCents'] : []), ...(scaleHundredths === undefined ? scaleMissing : [])];
    return ctx.add(id, 'unknown', income ?? null, null, 'cents', source, () => ({
      it: `${label.it}: ${income === undefined ? 'reddito familiare non indicato' : 'scala non calcolabile'} (soglia ${eur(baseCents).it} × scala)`,
      en: `${label.en}: ${income === undefined ? 'household income not given' : 'scale cannot be computed'} (threshold ${eur(baseCents).en} × scale)`,
    }), missing);
  }
  // baseCents × scaleHundredths / 100 is exact for every base in the law (multiples of 100 cents).
  const limit = (baseCents / 100) * scaleHundredths;
  const ok = income < limit;
  return ctx.add(id, ok ? 'pass' : 'fail', income, limit, 'cents', source, () => ({
    it: `${label.it}: ${eur(income).it} ${ok ? '<' : '≥'} ${eur(baseCents).it} × ${scaleText(scaleHundredths).it} = ${eur(limit).it}`,
    en: `${label.en}: ${eur(income).en} ${ok ? '<' : '≥'} ${eur(baseCents).en} × ${scaleText(scaleHundredths).en} = ${eur(limit).en}`,
  }));
}

/** Financial assets against the ceiling, with the increments by children/minors and disability. */
export function checkFinancialAssets(ctx: Ctx, id: RequirementId, period: ParameterPeriod<FinancialAssetsLimit>): RequirementOutcome {
  const rule = period.value;
  const n = ctx.members.length;
  const base = Math.min(rule.baseCents + rule.perFurtherMemberCents * Math.max(0, n - 1), rule.maxCents);
  const missing: string[] = [];
  // lo: every unknown fact at its least favourable value; hi: at its most favourable one.
  let lo = base;
  let hi = base;
  if (rule.perChildAfterSecondCents !== undefined) {
    let kidsLo = 0;
    let kidsHi = 0;
    for (const r of ctx.members) {
      const is = rule.childrenAre === 'figli' ? (r.m.relation === undefined ? undefined : r.m.relation === 'figlio') : r.age === undefined ? undefined : r.age < 18;
      if (is === true) {
        kidsLo += 1;
        kidsHi += 1;
      } else if (is === undefined) {
        kidsHi += 1;
        missing.push(rule.childrenAre === 'figli' ? `${r.path}.relation` : `${r.path}.birthDate`);
      }
    }
    lo += rule.perChildAfterSecondCents * Math.max(0, kidsLo - 2);
    hi += rule.perChildAfterSecondCents * Math.max(0, kidsHi - 2);
  }
  if (rule.perDisabledCents !== undefined) {
    const severe = rule.perSevereCents ?? rule.perDisabledCents;
    for (const r of ctx.members) {
      const d = disabilityOf(r.m);
      if (d === 'disabled') {
        lo += rule.perDisabledCents;
        hi += rule.perDisabledCents;
      } else if (d === 'severe') {
        lo += severe;
        hi += severe;
      } else if (d === undefined) {
        hi += severe;
        missing.push(`${r.path}.disability`);
      }
    }
  }
  const v = ctx.household.financialAssetsCents;
  const label = { it: 'Patrimonio mobiliare', en: 'Financial assets' };
  if (v === undefined) {
    return ctx.add(id, 'unknown', null, lo, 'cents', period, () => ({
      it: `${label.it}: non indicato (massimo ${eur(lo).it}${hi > lo ? ` – ${eur(hi).it} secondo le disabilità` : ''})`,
      en: `${label.en}: not given (maximum ${eur(lo).en}${hi > lo ? ` – ${eur(hi).en} depending on disabilities` : ''})`,
    }), ['financialAssetsCents', ...missing]);
  }
  const outcomeFinal: RequirementOutcome = v <= lo ? 'pass' : v > hi ? 'fail' : 'unknown';
  return ctx.add(id, outcomeFinal, v, lo, 'cents', period, () =>
    outcomeFinal === 'unknown'
      ? { it: `${label.it}: ${eur(v).it}; il massimo dipende da fatti non noti (${eur(lo).it} – ${eur(hi).it})`, en: `${label.en}: ${eur(v).en}; the maximum depends on unknown facts (${eur(lo).en} – ${eur(hi).en})` }
      : { it: `${label.it}: ${eur(v).it} ${outcomeFinal === 'pass' ? '≤' : '>'} ${eur(lo).it}`, en: `${label.en}: ${eur(v).en} ${outcomeFinal === 'pass' ? '≤' : '>'} ${eur(lo).en}` },
    missing,
  );
}

/** Vehicles: none of the kinds the rule excludes, first registered within its months before the date. */
export function checkVehicles(ctx: Ctx, id: RequirementId, period: ParameterPeriod<VehicleRule>): RequirementOutcome {
  const rule = period.value;
  const vehicles = ctx.household.vehicles;
  const describe = (): LocalizedText => {
    const it: string[] = [];
    const en: string[] = [];
    if (rule.anyCarMonths > 0) {
      it.push(`autoveicoli immatricolati nei ${rule.anyCarMonths} mesi precedenti`);
      en.push(`cars first registered in the previous ${rule.anyCarMonths} months`);
    }
    if (rule.anyMotoMonths > 0) {
      it.push(`motoveicoli immatricolati nei ${rule.anyMotoMonths} mesi precedenti`);
      en.push(`motorbikes first registered in the previous ${rule.anyMotoMonths} months`);
    }
    if (rule.bigMonths > 0) {
      it.push(`auto oltre ${rule.carCc} cc o moto oltre ${rule.motoCc} cc immatricolate nei ${rule.bigMonths} mesi precedenti`);
      en.push(`cars over ${rule.carCc} cc or motorbikes over ${rule.motoCc} cc first registered in the previous ${rule.bigMonths} months`);
    }
    return { it: it.join('; '), en: en.join('; ') };
  };
  if (vehicles === undefined) {
    return ctx.add(id, 'unknown', null, 0, 'count', period, () => ({
      it: `Veicoli non indicati (esclusi: ${describe().it})`,
      en: `Vehicles not given (excluded: ${describe().en})`,
    }), ['vehicles']);
  }
  const missing: string[] = [];
  let offending = -1;
  vehicles.forEach((v, i) => {
    if (offending >= 0) return;
    if (v.disabilityConcession === true || v.kind === 'altro') return;
    const since = (months: number): IsoDate => addMonths(ctx.date, -months);
    const within = (months: number): boolean | undefined =>
      months <= 0 ? false : v.firstRegistration === undefined ? undefined : compareIsoDate(v.firstRegistration, since(months)) >= 0 && compareIsoDate(v.firstRegistration, ctx.date) <= 0;
    const checks: (boolean | undefined)[] = [];
    const kind = v.kind;
    if (kind === undefined) checks.push(undefined);
    if (kind === 'auto' && rule.anyCarMonths > 0) checks.push(within(rule.anyCarMonths));
    if (kind === 'moto' && rule.anyMotoMonths > 0) checks.push(within(rule.anyMotoMonths));
    if (kind !== undefined && rule.bigMonths > 0) {
      const limit = kind === 'auto' ? rule.carCc : rule.motoCc;
      const big = v.engineCc === undefined ? undefined : v.engineCc > limit;
      const w = within(rule.bigMonths);
      checks.push(big === false || w === false ? false : big === true && w === true ? true : undefined);
    }
    const excluded = checks.some((c) => c === true);
    if (excluded && v.disabilityConcession === false) offending = i;
    else if (excluded || checks.some((c) => c === undefined)) {
      // Undecided: every fact of the vehicle still blank is asked at once (any one may decide).
      if (kind === undefined) missing.push(`vehicles.${i}.kind`);
      if (v.firstRegistration === undefined) missing.push(`vehicles.${i}.firstRegistration`);
      if (v.engineCc === undefined && rule.bigMonths > 0) missing.push(`vehicles.${i}.engineCc`);
      if (v.disabilityConcession === undefined) missing.push(`vehicles.${i}.disabilityConcession`);
    }
  });
  if (offending >= 0) {
    return ctx.add(id, 'fail', offending, 0, 'index', period, () => ({
      it: `Il veicolo ${offending + 1} rientra tra quelli esclusi (${describe().it})`,
      en: `Vehicle ${offending + 1} is of an excluded kind (${describe().en})`,
    }));
  }
  if (missing.length > 0) {
    return ctx.add(id, 'unknown', null, 0, 'count', period, () => ({
      it: `Dati dei veicoli incompleti (esclusi: ${describe().it})`,
      en: `Vehicle data incomplete (excluded: ${describe().en})`,
    }), missing);
  }
  return ctx.add(id, 'pass', vehicles.length, 0, 'count', period, () => ({
    it: `Nessun veicolo escluso (${describe().it})`,
    en: `No excluded vehicle (${describe().en})`,
  }));
}

/** A household flag that must be false (boats, aircraft, …). */
export function checkFlagFalse(
  ctx: Ctx,
  id: RequirementId,
  value: boolean | undefined,
  source: Source,
  path: string,
  label: LocalizedText,
): RequirementOutcome {
  const outcome: RequirementOutcome = value === undefined ? 'unknown' : value ? 'fail' : 'pass';
  return ctx.add(id, outcome, value ?? null, false, 'flag', source, () => ({
    it: `${label.it}: ${value === undefined ? 'non indicato' : value ? 'sì (escluso)' : 'no'}`,
    en: `${label.en}: ${value === undefined ? 'not given' : value ? 'yes (excluded)' : 'no'}`,
  }), [path]);
}

/** No member receives NASpI, DIS-COLL or another unemployment benefit (`only`: just these members). */
export function checkNoUnemploymentBenefit(ctx: Ctx, id: RequirementId, source: Source, only?: readonly MemberInfo[]): RequirementOutcome {
  const who = only ?? ctx.members;
  const missing: string[] = [];
  let receiving = -1;
  let receiver = '';
  for (const r of who) {
    const b = r.m.unemploymentBenefit;
    if (b === undefined) missing.push(`${r.path}.unemploymentBenefit`);
    else if (b !== 'nessuna' && receiving < 0) {
      receiving = r.index;
      receiver = r.name;
    }
  }
  const outcome: RequirementOutcome = receiving >= 0 ? 'fail' : missing.length > 0 ? 'unknown' : 'pass';
  return ctx.add(id, outcome, receiving >= 0 ? receiving : null, null, 'index', source, () =>
    outcome === 'fail'
      ? { it: `Il componente ${receiver} percepisce NASpI o un'altra prestazione di disoccupazione`, en: `Member ${receiver} receives NASpI or another unemployment benefit` }
      : outcome === 'unknown'
        ? { it: 'Prestazioni di disoccupazione non indicate per tutti', en: 'Unemployment benefits not given for everyone' }
        : { it: 'Nessuna prestazione di disoccupazione', en: 'No unemployment benefit' },
    missing,
  );
}

/** Adds the amounts of monthly means-tested assistance benefits; `undefined` + missing paths when unknown. */
export function meansTestedMonthly(h: Household): { cents: number | undefined; missing: string[] } {
  const list = h.assistanceBenefits;
  if (list === undefined) return { cents: undefined, missing: ['assistanceBenefits'] };
  let cents = 0;
  const missing: string[] = [];
  list.forEach((b, i) => {
    if (b.meansTested === undefined) {
      // The amount is asked too: it counts if the benefit turns out to be means-tested.
      missing.push(`assistanceBenefits.${i}.meansTested`);
      if (b.monthlyCents === undefined) missing.push(`assistanceBenefits.${i}.monthlyCents`);
    }
    else if (b.meansTested) {
      if (b.monthlyCents === undefined) missing.push(`assistanceBenefits.${i}.monthlyCents`);
      else cents += b.monthlyCents;
    }
  });
  return missing.length > 0 ? { cents: undefined, missing } : { cents, missing };
}

// ---------------------------------------------------------------------------------------------
// ISEE scale

/**
 * Whether the composition alone decides the ISEE scale (DPCM 159/2013 All. 1): every member's age,
 * disability and relation known, and, with minor children, whether each parent worked six months
 * (maggiorazioni b and c). The household's members are taken to be the DSU's nucleus.
 */
function compositionDecidesIseeScale(ctx: Ctx): boolean {
  const members = ctx.members;
  if (members.length === 0) return false;
  let minorChild = false;
  for (const r of members) {
    if (r.age === undefined || r.m.disability === undefined || r.m.relation === undefined) return false;
    if (r.m.relation === 'figlio' && r.age < 18) minorChild = true;
  }
  if (!minorChild) return true;
  const parents = new Set(['richiedente', 'coniuge', 'unito-civilmente', 'convivente']);
  return members.every((r) => !parents.has(r.m.relation ?? '') || r.m.workedSixMonths !== undefined);
}

/**
 * The ISEE scale of the household in hundredths for the ISEE a measure reads (`benefit`: the measure,
 * whose ISEE from 2026 carries the L. 199/2025 c.208 increments for children; `altro` for the ordinary
 * one). The scale printed on the attestation (`isee.scaleHundredths`) wins; when the composition gives
 * another value for the declared kind of ISEE, a warning says so. Not declared: derived from the
 * composition when it decides it (recorded in the trace), else `undefined`.
 */
export function iseeScaleOf(ctx: Ctx, benefit: IseeScaleBenefit): number | undefined {
  const isee = ctx.household.isee;
  const declared = isee?.scaleHundredths;
  // The declared kind selects the variant: the ordinary (or current) ISEE has the DPCM's increments.
  const variant: IseeScaleBenefit = isee?.kind === 'ordinario' || isee?.kind === 'corrente' ? 'altro' : benefit;
  let computed: number | undefined;
  if (compositionDecidesIseeScale(ctx)) {
    const r = iseeScale(toScaleHousehold(ctx.household), ctx.date, { benefit: variant });
    if (r.ok) computed = r.value.hundredths;
  }
  if (declared !== undefined) {
    if (computed !== undefined && computed !== declared) {
      ctx.warn(
        'eligibility.isee_scale_mismatch',
        {
          it: `La scala ISEE dichiarata (${scaleText(declared).it}) è diversa da quella della composizione del nucleo (${scaleText(computed).it}): si usa la dichiarata, da verificare sull'attestazione`,
          en: `The declared ISEE scale (${scaleText(declared).en}) differs from the household composition's (${scaleText(computed).en}): the declared one is used; check the attestation`,
        },
        'isee.scaleHundredths',
        { declared, computed },
      );
    }
    return declared;
  }
  if (computed !== undefined) {
    const value = computed;
    ctx.derive('isee.scaleHundredths', value, () => ({
      it: `Scala ISEE ${scaleText(value).it} ricavata dalla composizione del nucleo (DPCM 159/2013 All. 1)`,
      en: `ISEE scale ${scaleText(value).en} derived from the household composition (DPCM 159/2013 Annex 1)`,
    }));
  }
  return computed;
}

// ---------------------------------------------------------------------------------------------
// The ISEE and its kind

const KIND_TEXT: Record<IseeKindRule, LocalizedText> = {
  ordinario: { it: 'ISEE ordinario', en: 'ordinary ISEE' },
  'prestazioni-familiari-inclusione': {
    it: "ISEE per specifiche prestazioni familiari e per l'inclusione",
    en: 'ISEE for specific family and inclusion benefits',
  },
};

/** The kind of the household's ISEE (`corrente` is an update of the ordinary one); `undefined` when not given. */
function givenKind(ctx: Ctx): IseeKindRule | undefined {
  const k = ctx.household.isee?.kind;
  return k === undefined ? undefined : k === 'prestazioni-familiari-inclusione' ? k : 'ordinario';
}

/**
 * The ISEE of the other kind, from the DSU's components: same ISR; ISP with the home counted under the
 * other exclusion (DPCM 159/2013 art. 5 c.2: two thirds of the value above the threshold); the scale of
 * the other kind from the composition; ISEE = (ISR + 20 % ISP) ÷ scale (art. 2 c.3). As a fraction
 * `numerator / denominator` in cents, exact; `undefined` when a fact is missing.
 */
function otherKindIsee(ctx: Ctx, from: IseeKindRule, to: IseeKindRule, benefit: IseeScaleBenefit): { numerator: number; denominator: number } | undefined {
  const isee = ctx.household.isee;
  const isr = isee?.isrCents;
  const isp = isee?.ispCents;
  if (isr === undefined || isp === undefined || !compositionDecidesIseeScale(ctx)) return undefined;
  const scale = iseeScale(toScaleHousehold(ctx.household), ctx.date, { benefit: to === 'ordinario' ? 'altro' : benefit });
  if (!scale.ok) return undefined;
  const tenure = ctx.household.housing?.tenure;
  const home = isee?.homeValueCents ?? (tenure !== undefined && tenure !== 'proprieta' && tenure !== 'mutuo' ? 0 : undefined);
  if (home === undefined) return undefined;
  const children = ctx.members.filter((r) => r.m.relation === 'figlio').length;
  const rule = (kind: IseeKindRule): HomeExclusion | undefined => {
    const param = kind === 'ordinario' ? ISEE_HOME_EXCLUSION : ISEE_HOME_EXCLUSION_2026;
    // A kind claimed on a date it did not exist (the 2026 ISEE before 2026) cannot be converted.
    const inForce = param.periods.some((q) => ctx.date >= q.from && (q.to === undefined || ctx.date <= q.to));
    return inForce ? ctx.p(param).value : undefined;
  };
  const threshold = (r: HomeExclusion): number | undefined => {
    const metro = isee?.metropolitanCapital;
    if (metro === undefined && r.metroCents !== r.baseCents && home > r.baseCents) return undefined;
    return (metro === true ? r.metroCents : r.baseCents) + r.perChildCents * Math.max(0, children - r.childrenBefore);
  };
  const rFrom = rule(from);
  const rTo = rule(to);
  const tFrom = rFrom === undefined ? undefined : threshold(rFrom);
  const tTo = rTo === undefined ? undefined : threshold(rTo);
  if (tFrom === undefined || tTo === undefined) return undefined;
  // 3 × ISP of the other kind: the home's counted part changes by 2/3 of the change in its excess.
  const isp3 = Math.max(0, 3 * isp - 2 * (Math.max(0, home - tFrom) - Math.max(0, home - tTo)));
  // ISEE = (ISR + ISP/5) × 100 / scale = 100 × (15 ISR + 3 ISP) / (15 × scale).
  return { numerator: 100 * (15 * isr + isp3), denominator: 15 * scale.value.hundredths };
}

/**
 * The ISEE against its ceiling, for the kind of ISEE the measure reads on the date (`expected`). A value
 * whose kind is not given is taken as the expected kind. Given the other kind, a warning says so and the
 * value decides only where it must: the 2026 ISEE is never above the ordinary one (L. 199/2025 c.208 only
 * raises the home exclusion and the scale), so an ordinary ISEE within the ceiling passes for the 2026
 * one, and a 2026 ISEE above it fails for the ordinary one. Otherwise the ISEE of the expected kind is
 * computed from the DSU's ISR, ISP, home value and composition when they are given (in the trace), else
 * the requirement is `unknown` and asks for it (as INPS suspends such an application, msg. 102/2026).
 */
export function checkIsee(
  ctx: Ctx,
  id: RequirementId,
  limit: number,
  inclusive: boolean,
  source: Source,
  label: LocalizedText,
  expected: IseeKindRule,
  benefit: IseeScaleBenefit,
): RequirementOutcome {
  const value = ctx.household.isee?.valueCents;
  const given = givenKind(ctx);
  if (value === undefined || given === undefined || given === expected) {
    return checkMoney(ctx, id, value, limit, inclusive, source, 'isee.valueCents', label);
  }
  ctx.warn(
    'eligibility.isee_kind',
    {
      it: `La misura richiede l'${KIND_TEXT[expected].it}; il nucleo indica l'${KIND_TEXT[given].it}`,
      en: `The measure reads the ${KIND_TEXT[expected].en}; the household gives the ${KIND_TEXT[given].en}`,
    },
    'isee.kind',
    { expected, given },
  );
  const within = inclusive ? value <= limit : value < limit;
  if (given === 'ordinario' ? within : !within) {
    return checkMoney(ctx, id, value, limit, inclusive, source, 'isee.valueCents', {
      it: `${label.it} (${KIND_TEXT[given].it}, che decide anche per l'altro)`,
      en: `${label.en} (${KIND_TEXT[given].en}, which decides for the other too)`,
    });
  }
  const other = otherKindIsee(ctx, given, expected, benefit);
  if (other === undefined) {
    return ctx.add(id, 'unknown', value, limit, 'cents', source, () => ({
      it: `${label.it}: serve l'${KIND_TEXT[expected].it} (l'${KIND_TEXT[given].it}, ${eur(value).it}, non decide)`,
      en: `${label.en}: the ${KIND_TEXT[expected].en} is needed (the ${KIND_TEXT[given].en}, ${eur(value).en}, does not decide)`,
    }), ['isee.valueCents', 'isee.kind']);
  }
  const ok = inclusive ? other.numerator <= limit * other.denominator : other.numerator < limit * other.denominator;
  const shown = halfUp(other.numerator, other.denominator);
  ctx.derive('isee.valueCents', shown, () => ({
    it: `${KIND_TEXT[expected].it} calcolato da ISR, ISP, valore della casa e scala della composizione (DPCM 159/2013 artt. 2 e 5; L. 199/2025 c.208): ${eur(shown).it}`,
    en: `${KIND_TEXT[expected].en} computed from ISR, ISP, home value and the composition's scale (DPCM 159/2013 arts. 2 and 5; L. 199/2025 c.208): ${eur(shown).en}`,
  }));
  return ctx.add(id, ok ? 'pass' : 'fail', shown, limit, 'cents', source, () => ({
    it: `${label.it} (${KIND_TEXT[expected].it}, calcolato): ${eur(shown).it} ${ok ? (inclusive ? '≤' : '<') : inclusive ? '>' : '≥'} ${eur(limit).it}`,
    en: `${label.en} (${KIND_TEXT[expected].en}, computed): ${eur(shown).en} ${ok ? (inclusive ? '≤' : '<') : inclusive ? '>' : '≥'} ${eur(limit).en}`,
  }));
}
