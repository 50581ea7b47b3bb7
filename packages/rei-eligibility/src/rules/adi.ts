// SPDX-License-Identifier: BSD-3-Clause
/**
 * ADI — Assegno di inclusione (D.L. 48/2023 conv. L. 85/2023, artt. 1–3; values of L. 207/2024 art. 1
 * c.198 from 2025; renewal of L. 199/2025 art. 1 c.158 from 2026). In force from 1-01-2024.
 * @module
 */
import { addMonths, type IsoDate } from '@riuso-sociale/core';
import type { Benefit, BenefitComponent } from '../model.js';
import { ADI_SCALE, type ParameterPeriod } from '../parameters.js';
import { adiScale, type ScaleMember, type ScaleResult } from '../scales.js';
import { RULE_PARAMETERS } from '../thresholds.js';
import {
  checkCitizenship,
  checkFinancialAssets,
  checkIsee,
  checkMembers,
  checkMoney,
  checkResidence,
  checkVehicles,
  disabilityOf,
  eur,
  halfUp,
  scaleText,
  type Ctx,
  type MemberInfo,
} from './common.js';

const P = RULE_PARAMETERS.adi;

/** The ADI scale of the household, or `undefined` (with a requirement `unknown`) when facts are missing. */
export function adiScaleOf(ctx: Ctx, record: boolean): ScaleResult | undefined {
  const scaleP = ctx.p(ADI_SCALE);
  const missing: string[] = [];
  const counted: MemberInfo[] = [];
  for (const r of ctx.members) {
    if (r.age === undefined) missing.push(`${r.path}.birthDate`);
    if (r.m.disability === undefined) missing.push(`${r.path}.disability`);
    if (r.m.inPublicInstitution !== true && r.m.abroad !== true) counted.push(r);
  }
  // The +0,3 of an adult in a certified care programme matters once there is more than one member.
  if (counted.length > 1) {
    for (const r of counted) {
      // Asked with the age or disability still unknown too: they may turn out to make it count.
      const adult = r.age === undefined || (r.age >= 18 && r.age < 60);
      if (adult && (r.m.disability === undefined || r.m.disability === 'none') && r.m.certifiedCareProgramme === undefined) {
        missing.push(`${r.path}.certifiedCareProgramme`);
      }
    }
  }
  if (missing.length > 0 || counted.length === 0) {
    if (record) {
      ctx.add('adi.scale', 'unknown', null, null, 'scale', scaleP, () => ({
        it: 'Scala di equivalenza ADI non calcolabile: età, disabilità o programmi di cura non noti',
        en: 'ADI equivalence scale cannot be computed: ages, disabilities or care programmes unknown',
      }), missing);
    }
    return undefined;
  }
  // Care duties (art. 6 c.5): a child under 3, three or more minors, or a disabled / non-self-sufficient
  // member. When no adult declares them, they are derived from the composition (INPS assigns the 0,40 ex
  // officio, msg. 2388/2025).
  const minors = counted.filter((r) => (r.age ?? 0) < 18);
  const careDerived =
    minors.some((r) => (r.age ?? 0) < 3) || minors.length >= 3 || counted.some((r) => disabilityOf(r.m) !== 'none');
  // Care duties the composition makes objective are not cancelled by `hasCareDuties: false` (INPS
  // assigns the 0,40 ex officio, msg. 2388/2025): the flag only chooses the adult. Every adult saying
  // `false` against the composition is a contradiction, reported as a warning.
  const adults = counted.filter((r) => (r.age ?? 0) >= 18);
  const chosen = adults.some((r) => r.m.hasCareDuties === true);
  const carer = (r: MemberInfo): boolean =>
    (r.age ?? 0) >= 18 && (r.m.hasCareDuties === true || (careDerived && !chosen));
  if (careDerived && !chosen && adults.length > 0) {
    if (adults.every((r) => r.m.hasCareDuties === false)) {
      ctx.warn('eligibility.care_duties_contradiction', {
        it: 'Carichi di cura dichiarati assenti, ma la composizione li rende oggettivi (figlio sotto i 3 anni, almeno tre minorenni o un componente con disabilità): lo 0,40 è riconosciuto (D.L. 48/2023 art. 6 c.5; INPS msg. 2388/2025)',
        en: 'Care duties declared absent, but the composition makes them objective (a child under 3, three or more minors or a disabled member): the 0.40 is counted (D.L. 48/2023 art. 6 c.5; INPS msg. 2388/2025)',
      }, `${adults[0]!.path}.hasCareDuties`);
    }
    ctx.derive('hasCareDuties', true, () => ({
      it: 'Carichi di cura ricavati dalla composizione (figlio sotto i 3 anni, almeno tre minorenni o un componente con disabilità)',
      en: 'Care duties derived from the composition (a child under 3, three or more minors or a disabled member)',
    }));
  }
  const members: ScaleMember[] = ctx.members.map((r) => ({
    age: r.age ?? 0,
    disability: r.m.disability ?? 'none',
    ...(r.m.certifiedCareProgramme === true ? { certifiedCareProgramme: true } : {}),
    ...(carer(r) ? { hasCareDuties: true } : {}),
    ...(r.m.inPublicInstitution === true || r.m.abroad === true
      ? { excludedFrom: [r.m.inPublicInstitution === true ? ('adi-istituto' as const) : ('adi-estero' as const)] }
      : {}),
  }));
  const res = adiScale({ members }, ctx.date);
  if (!res.ok) {
    if (record) ctx.add('adi.scale', 'fail', null, null, 'scale', scaleP, () => ({ it: res.issues[0].message, en: res.issues[0].messageEn }));
    return undefined;
  }
  const value = res.value;
  if (record && ctx.explain) {
    ctx.add('adi.scale', 'pass', value.hundredths / 100, null, 'scale', scaleP, () => ({
      it: `Scala di equivalenza ADI: ${scaleText(value.hundredths).it}${value.capped ? ' (al massimo)' : ''}`,
      en: `ADI equivalence scale: ${scaleText(value.hundredths).en}${value.capped ? ' (at the maximum)' : ''}`,
    }));
  }
  return value;
}

/** `YYYY-MM` plus `n` months (core's calendar arithmetic on the first of the month). */
function nextMonth(month: string, n: number): string {
  return addMonths(`${month}-01` as IsoDate, n).slice(0, 7);
}

/** The period in force on the first day of `month` (`YYYY-MM`). */
function periodOn<T>(periods: readonly ParameterPeriod<T>[], month: string): ParameterPeriod<T> | undefined {
  const day = `${month}-01`;
  return periods.find((q) => day >= q.from && (q.to === undefined || day <= q.to));
}

/** Elderly household (art. 3 c.1): every member ≥ 67, or ≥ 67 with all others severely disabled. */
function elderly(ctx: Ctx): boolean {
  const age = ctx.p(P.elderlyAge).value;
  let anyOld = false;
  for (const r of ctx.members) {
    if (r.m.inPublicInstitution === true || r.m.abroad === true) continue;
    if ((r.age ?? 0) >= age) anyOld = true;
    else if (disabilityOf(r.m) !== 'severe') return false;
  }
  return anyOld;
}

export function evaluateAdi(ctx: Ctx): Benefit | null {
  const h = ctx.household;
  const scaleP = ctx.p(ADI_SCALE);
  checkMembers(ctx, 'adi.members', scaleP);
  checkCategorical(ctx);
  const residence = ctx.p(P.residence);
  checkCitizenship(ctx, 'adi.citizenship', residence, { protection: true });
  checkResidence(ctx, 'adi.residence.years', 'adi.residence.continuous', residence);
  const isee = ctx.p(P.iseeMaxCents);
  checkIsee(ctx, 'adi.isee', isee.value, true, isee, {
    it: 'ISEE (con minorenni: ISEE per prestazioni ai minorenni)',
    en: "ISEE (with minors: the minors' ISEE)",
  }, ctx.p(P.iseeKind).value, 'adi');
  checkAdiRealEstate(ctx, 'adi.real-estate');
  checkFinancialAssets(ctx, 'adi.financial-assets', ctx.p(P.financialAssets));
  checkVehicles(ctx, 'adi.vehicles', ctx.p(P.vehicles));
  checkBoatsAircraft(ctx, 'adi.boats-aircraft');
  checkResignation(ctx);
  const scale = adiScaleOf(ctx, true);
  const income = checkAdiIncome(ctx, 'adi.income', scale);
  if (ctx.anyFail) return null;
  // The facts of the amount are asked together with every other one (a form asks once).
  const amountKnown = checkAdiAmountFacts(ctx);
  if (ctx.anyUnknown || scale === undefined || income === undefined || !amountKnown) return null;
  return adiBenefit(ctx, scale, income);
}

/**
 * The facts the amount needs beyond the requirements: whether the home is rented and, if it is, the
 * lease registration and the rent (the rent part, D.L. 48/2023 art. 3 c.1). `false` (and an `unknown`
 * requirement) while one is missing; a tenure not given asks the rent facts too, for the case it is rented.
 */
function checkAdiAmountFacts(ctx: Ctx): boolean {
  const housing = ctx.household.housing;
  const tenure = housing?.tenure;
  const missing: string[] = [];
  if (tenure === undefined) missing.push('housing.tenure', 'housing.registeredLease', 'housing.annualRentCents');
  else if (tenure === 'affitto') {
    if (housing?.registeredLease === undefined) missing.push('housing.registeredLease');
    if (housing?.annualRentCents === undefined && housing?.registeredLease !== false) missing.push('housing.annualRentCents');
  }
  if (missing.length === 0) return true;
  ctx.add('adi.amount', 'unknown', null, null, 'cents', ctx.p(P.benefit), () => ({
    it: 'Importo non calcolabile: abitazione, canone o registrazione del contratto mancanti',
    en: 'Amount cannot be computed: housing, rent or lease registration missing',
  }), missing);
  return false;
}

function checkCategorical(ctx: Ctx): void {
  const period = ctx.p(P.categorical);
  const missing: string[] = [];
  let found: { index: number; name: string; why: 'disability' | 'minor' | 'age' | 'programme' } | undefined;
  for (const r of ctx.members) {
    if (r.m.inPublicInstitution === true || r.m.abroad === true) continue;
    const d = disabilityOf(r.m);
    if (d === 'disabled' || d === 'severe') found = { index: r.index, name: r.name, why: 'disability' };
    else if (r.age !== undefined && r.age < 18) found = { index: r.index, name: r.name, why: 'minor' };
    else if (r.age !== undefined && r.age >= period.value.age) found = { index: r.index, name: r.name, why: 'age' };
    else if (r.m.certifiedCareProgramme === true) found = { index: r.index, name: r.name, why: 'programme' };
    if (found) break;
    if (r.age === undefined) missing.push(`${r.path}.birthDate`);
    if (d === undefined) missing.push(`${r.path}.disability`);
    if (r.m.certifiedCareProgramme === undefined) missing.push(`${r.path}.certifiedCareProgramme`);
  }
  if (ctx.household.members === undefined) missing.push('members');
  const outcome = found ? 'pass' : missing.length > 0 ? 'unknown' : 'fail';
  const why = {
    disability: { it: 'con disabilità', en: 'with a disability' },
    minor: { it: 'minorenne', en: 'a minor' },
    age: { it: `con almeno ${period.value.age} anni`, en: `aged ${period.value.age} or more` },
    programme: { it: 'in un programma di cura e assistenza certificato', en: 'in a certified care programme' },
  };
  ctx.add('adi.categorical', outcome, found ? found.why : null, 'categoria', 'category', period, () =>
    found
      ? { it: `Componente ${found.name} ${why[found.why].it}`, en: `Member ${found.name} ${why[found.why].en}` }
      : outcome === 'unknown'
        ? { it: 'Nessun componente disabile, minorenne o con almeno 60 anni tra quelli noti: fatti mancanti', en: 'No disabled, minor or 60+ member among those known: facts missing' }
        : {
            it: `Nessun componente disabile, minorenne, con almeno ${period.value.age} anni o in un programma di cura certificato`,
            en: `No member who is disabled, a minor, aged ${period.value.age}+ or in a certified care programme`,
          },
    missing,
  );
}

/** Real estate excluding the home, plus the home's IMU value above the exemption when the home is owned. */
function checkAdiRealEstate(ctx: Ctx, id: 'adi.real-estate' | 'sfl.real-estate'): void {
  const period = ctx.p(P.realEstate);
  const { maxCents, homeImuExemptCents } = period.value;
  const h = ctx.household;
  const other = h.realEstateExcludingHomeCents;
  const tenure = h.housing?.tenure;
  const imu = h.homeImuValueCents;
  const ownsHome = tenure === 'proprieta' || tenure === 'mutuo';
  const homeExcess = imu !== undefined ? Math.max(0, imu - homeImuExemptCents) : tenure !== undefined && !ownsHome ? 0 : undefined;
  const missing = [
    ...(other === undefined ? ['realEstateExcludingHomeCents'] : []),
    // A tenure not given asks the home's IMU value too, for the case the home is owned.
    ...(homeExcess === undefined ? (tenure === undefined ? ['housing.tenure', 'homeImuValueCents'] : ['homeImuValueCents']) : []),
  ];
  if (other !== undefined && other > maxCents) {
    ctx.add(id, 'fail', other, maxCents, 'cents', period, () => ({
      it: `Patrimonio immobiliare esclusa la casa: ${eur(other).it} > ${eur(maxCents).it}`,
      en: `Real estate excluding the home: ${eur(other).en} > ${eur(maxCents).en}`,
    }));
    return;
  }
  if (other === undefined || homeExcess === undefined) {
    ctx.add(id, 'unknown', other ?? null, maxCents, 'cents', period, () => ({
      it: `Patrimonio immobiliare (casa esclusa fino a un valore IMU di ${eur(homeImuExemptCents).it}): dati mancanti (massimo ${eur(maxCents).it})`,
      en: `Real estate (home excluded up to an IMU value of ${eur(homeImuExemptCents).en}): facts missing (maximum ${eur(maxCents).en})`,
    }), missing);
    return;
  }
  const total = other + homeExcess;
  const ok = total <= maxCents;
  ctx.add(id, ok ? 'pass' : 'fail', total, maxCents, 'cents', period, () => ({
    it: `Patrimonio immobiliare ${eur(other).it}${homeExcess > 0 ? ` + casa oltre ${eur(homeImuExemptCents).it} di valore IMU (${eur(homeExcess).it})` : ''} ${ok ? '≤' : '>'} ${eur(maxCents).it}`,
    en: `Real estate ${eur(other).en}${homeExcess > 0 ? ` + home above the ${eur(homeImuExemptCents).en} IMU value (${eur(homeExcess).en})` : ''} ${ok ? '≤' : '>'} ${eur(maxCents).en}`,
  }));
}

function checkBoatsAircraft(ctx: Ctx, id: 'adi.boats-aircraft' | 'sfl.boats-aircraft'): void {
  const period = ctx.p(P.boatsAircraft);
  const { ownsBoats, ownsAircraft } = ctx.household;
  const outcome = ownsBoats === true || ownsAircraft === true ? 'fail' : ownsBoats === false && ownsAircraft === false ? 'pass' : 'unknown';
  ctx.add(id, outcome, outcome === 'fail', false, 'flag', period, () =>
    outcome === 'fail'
      ? { it: `Il nucleo possiede ${ownsBoats === true ? 'navi o imbarcazioni' : 'aeromobili'} (esclusi)`, en: `The household owns ${ownsBoats === true ? 'ships or boats' : 'aircraft'} (excluded)` }
      : outcome === 'pass'
        ? { it: 'Nessuna nave, imbarcazione o aeromobile', en: 'No ships, boats or aircraft' }
        : { it: 'Navi, imbarcazioni o aeromobili: non indicato', en: 'Ships, boats or aircraft: not given' },
    [...(ownsBoats === undefined ? ['ownsBoats'] : []), ...(ownsAircraft === undefined ? ['ownsAircraft'] : [])],
  );
}

/** No member resigned voluntarily in the last 12 months (flag counts only when `true`). */
function checkResignation(ctx: Ctx): void {
  const period = ctx.p(P.resignation);
  const who = ctx.members.find((r) => r.m.voluntaryResignationWithin12Months === true);
  const outcome = who ? 'fail' : 'pass';
  ctx.add('adi.resignation', outcome, who ? who.index : null, null, 'index', period, () =>
    who
      ? {
          it: `Il componente ${who.name} si è dimesso volontariamente negli ultimi 12 mesi (salvo giusta causa o risoluzione consensuale)`,
          en: `Member ${who.name} resigned voluntarily in the last 12 months (unless for just cause or by mutual agreement)`,
        }
      : { it: 'Nessuna dimissione volontaria dichiarata negli ultimi 12 mesi', en: 'No voluntary resignation declared in the last 12 months' },
  );
}

/** Household income below threshold × scale (elderly; renters from 2025). Returns the income when known. */
function checkAdiIncome(ctx: Ctx, id: 'adi.income', scale: ScaleResult | undefined): number | undefined {
  const period = ctx.p(P.incomeBelow);
  const h = ctx.household;
  const income = h.householdIncomeCents;
  const v = period.value;
  if (scale === undefined || income === undefined) {
    ctx.add(id, 'unknown', income ?? null, null, 'cents', period, () => ({
      it: `Reddito familiare < ${eur(v.baseCents).it} × scala: ${income === undefined ? 'reddito non indicato' : 'scala non calcolabile'}`,
      en: `Household income < ${eur(v.baseCents).en} × scale: ${income === undefined ? 'income not given' : 'scale cannot be computed'}`,
    }), income === undefined ? ['householdIncomeCents'] : []);
    return undefined;
  }
  const s = scale.hundredths;
  const old = elderly(ctx);
  const low = old ? v.elderlyCents : v.baseCents;
  const high = v.rentCents === null ? low : Math.max(low, v.rentCents);
  const lowLimit = (low / 100) * s;
  const highLimit = (high / 100) * s;
  const tenure = h.housing?.tenure;
  const renting = tenure === undefined ? undefined : tenure === 'affitto';
  const outcome = income < lowLimit ? 'pass' : income >= highLimit ? 'fail' : renting === undefined ? 'unknown' : renting && income < highLimit ? 'pass' : 'fail';
  const shown = renting === true ? high : low;
  ctx.add(id, outcome, income, (shown / 100) * s, 'cents', period, () => ({
    it: `Reddito familiare ${eur(income).it} ${outcome === 'pass' ? '<' : outcome === 'fail' ? '≥' : '?'} ${eur(shown).it} × ${scaleText(s).it}${old ? ' (nucleo di anziani)' : ''}${renting === true && high > low ? ' (in affitto)' : ''}${outcome === 'unknown' ? ': dipende dall’abitazione in affitto' : ''}`,
    en: `Household income ${eur(income).en} ${outcome === 'pass' ? '<' : outcome === 'fail' ? '≥' : '?'} ${eur(shown).en} × ${scaleText(s).en}${old ? ' (elderly household)' : ''}${renting === true && high > low ? ' (renting)' : ''}${outcome === 'unknown' ? ': depends on whether the home is rented' : ''}`,
  }), ['housing.tenure']);
  return income;
}

function adiBenefit(ctx: Ctx, scale: ScaleResult, income: number): Benefit | null {
  const h = ctx.household;
  const bP = ctx.p(P.benefit);
  const b = bP.value;
  const s = scale.hundredths;
  const old = elderly(ctx);
  const integrationBase = old ? b.elderlyIntegrationCents : b.integrationCents;
  const integration = (integrationBase / 100) * s;
  const partA = Math.max(0, integration - income);
  const rentCap = old ? b.elderlyRentCapCents : b.rentCapCents;
  let partB = 0;
  // checkAdiAmountFacts made sure the tenure, and for a rented home the lease and rent, are known.
  if (h.housing?.tenure === 'affitto' && h.housing.registeredLease === true && h.housing.annualRentCents !== undefined) {
    partB = Math.min(h.housing.annualRentCents, rentCap);
  }
  const floorP = ctx.p(P.floorCents);
  const annual = Math.max(partA + partB, floorP.value);
  const monthly = halfUp(annual, 12);
  const durP = ctx.p(P.duration);
  const components: BenefitComponent[] = [];
  if (ctx.explain) {
    components.push({
      id: 'integration',
      cents: partA,
      per: 'year',
      label: {
        it: `Integrazione del reddito: ${eur(integrationBase).it} × ${scaleText(s).it} − reddito ${eur(income).it} (non negativa)${old ? ', nucleo di anziani' : ''}`,
        en: `Income top-up: ${eur(integrationBase).en} × ${scaleText(s).en} − income ${eur(income).en} (not negative)${old ? ', elderly household' : ''}`,
      },
      ref: bP.ref,
      status: bP.status,
    });
    if (partB > 0) {
      components.push({
        id: 'rent',
        cents: partB,
        per: 'year',
        label: { it: `Quota affitto (contratto registrato) fino a ${eur(rentCap).it}`, en: `Rent part (registered lease) up to ${eur(rentCap).en}` },
        ref: bP.ref,
        status: bP.status,
      });
    }
    if (annual > partA + partB) {
      components.push({
        id: 'minimum',
        cents: annual - partA - partB,
        per: 'year',
        label: { it: `Minimo annuo ${eur(floorP.value).it}`, en: `Annual minimum ${eur(floorP.value).en}` },
        ref: floorP.ref,
        status: floorP.status,
      });
    }
  }
  // A renewal: the rule of art. 3 c.2 in force in the month after the 18th decides whether that month is a
  // suspension (until 2025); the rule in force in the first renewal month decides its percentage (50 %
  // from 2026, L. 199/2025 c.158). Without `adiRenewal`, the rule in force on the date describes it.
  const renewal = h.adiRenewal?.eighteenthMonth;
  let rule = durP.value;
  let firstRenewalMonth: string | undefined;
  if (renewal !== undefined) {
    const after = nextMonth(renewal, 1);
    const gap = periodOn(ctx.periodsOf(P.duration), after)?.value.gapMonths ?? 0;
    firstRenewalMonth = nextMonth(renewal, 1 + gap);
    rule = periodOn(ctx.periodsOf(P.duration), firstRenewalMonth)?.value ?? rule;
  }
  const firstRenewalInstalment = halfUp(monthly * rule.firstRenewalMonthPercent, 100);
  const firstRenewalMonthCents = rule.firstRenewalMonthPercent !== 100 ? firstRenewalInstalment : undefined;
  // The one-off contribution: for renewals whose 18th month falls in a window of D.L. 92/2025 art. 10-ter
  // (to October 2025) or of L. 199/2025 c.159 (November 2025): the first renewal instalment, at most 500 €.
  const oneOffP = renewal === undefined ? undefined : ctx.periodsOf(P.oneOffContribution).find((q) => renewal >= q.value.eighteenthMonthFrom && renewal <= q.value.eighteenthMonthTo);
  const oneOffCents = oneOffP === undefined ? undefined : Math.min(firstRenewalInstalment, oneOffP.value.maxCents);
  if (oneOffP !== undefined && oneOffCents !== undefined && ctx.explain) {
    // Whether the November-2025 households' first renewal instalment of 2026 is halved too is not in any
    // text read: a contribution computed on a halved instalment is unverified.
    const halved = rule.firstRenewalMonthPercent !== 100;
    components.push({
      id: 'one-off',
      cents: oneOffCents,
      per: 'once',
      label: {
        it: `Contributo straordinario aggiuntivo una tantum: prima mensilità di rinnovo${halved ? ` (al ${rule.firstRenewalMonthPercent} %)` : ''}, al massimo ${eur(oneOffP.value.maxCents).it}`,
        en: `One-off extra contribution: the first renewal instalment${halved ? ` (at ${rule.firstRenewalMonthPercent}%)` : ''}, at most ${eur(oneOffP.value.maxCents).en}`,
      },
      ref: oneOffP.ref,
      status: halved ? 'unverified' : oneOffP.status,
    });
  }
  return {
    scale,
    annualCents: annual,
    monthlyCents: monthly,
    ...(oneOffCents === undefined ? {} : { oneOffCents }),
    payment: 'monthly',
    components,
    rounding: {
      rule: {
        it: 'Importo annuo esatto al centesimo (soglie × scala in centesimi interi); mensile = annuo ÷ 12 arrotondato al centesimo (0,5 per eccesso), come 7.900 € → 658,33 € nell’esempio della circ. INPS 105/2023: la regola non è scritta in un testo INPS letto.',
        en: 'Annual amount exact to the cent (thresholds × scale in integer cents); monthly = annual ÷ 12 rounded half up to the cent, as €7,900 → €658.33 in the INPS circ. 105/2023 example: the rule is not written in an INPS text read.',
      },
      status: 'unverified',
    },
    duration: {
      months: rule.months,
      rule,
      ...(firstRenewalMonthCents === undefined ? {} : { firstRenewalMonthCents }),
      ...(firstRenewalMonth === undefined ? {} : { firstRenewalMonth }),
      note:
        rule.gapMonths > 0
          ? {
              it: `${rule.months} mesi; rinnovabile per ${rule.renewalMonths} mesi alla volta dopo ${rule.gapMonths} mese di sospensione.`,
              en: `${rule.months} months; renewable for ${rule.renewalMonths} months at a time after a ${rule.gapMonths}-month suspension.`,
            }
          : {
              it: `${rule.months} mesi; rinnovabile a domanda per ${rule.renewalMonths} mesi alla volta senza sospensione; la prima mensilità di rinnovo è pagata al ${rule.firstRenewalMonthPercent} %.`,
              en: `${rule.months} months; renewable on application for ${rule.renewalMonths} months at a time with no suspension; the first renewal month is paid at ${rule.firstRenewalMonthPercent}%.`,
            },
      ref: durP.ref,
      status: durP.status,
    },
  };
}

export { checkAdiRealEstate, checkBoatsAircraft };
