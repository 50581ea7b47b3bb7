// SPDX-License-Identifier: BSD-3-Clause
/**
 * RdC and PdC — Reddito e Pensione di cittadinanza (D.L. 4/2019 conv. L. 26/2019, artt. 1–3; L. 197/2022
 * art. 1 c.313 for 2023). Benefit period April 2019 – 31-12-2023 (checked by the caller).
 * @module
 */
import { dateText, addMonths, type IsoDate } from '@riuso-sociale/core';
import type { Benefit, BenefitComponent } from '../model.js';
import { RDC_SCALE } from '../parameters.js';
import { rdcScale, type ScaleMember } from '../scales.js';
import { RULE_PARAMETERS } from '../thresholds.js';
import {
  checkCitizenship,
  checkFinancialAssets,
  checkFlagFalse,
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

const P = RULE_PARAMETERS.rdc;

/** PdC household: every member ≥ 67, or ≥ 67 with only members under 67 in severe disability. */
function pdcHousehold(members: readonly MemberInfo[], age: number): { value: boolean | undefined; missing: string[] } {
  const missing: string[] = [];
  let anyOld = false;
  let allOk = true;
  for (const r of members) {
    if (r.age === undefined) {
      // Under the PdC age the disability decides: ask it with the birth date.
      missing.push(`${r.path}.birthDate`);
      if (r.m.disability === undefined) missing.push(`${r.path}.disability`);
      continue;
    }
    if (r.age >= age) {
      anyOld = true;
      continue;
    }
    const d = disabilityOf(r.m);
    if (d === undefined) missing.push(`${r.path}.disability`);
    else if (d !== 'severe') allOk = false;
  }
  if (!allOk) return { value: false, missing: [] };
  if (missing.length > 0) return { value: undefined, missing };
  return { value: anyOld, missing: [] };
}

export function evaluateRdc(ctx: Ctx, pdc: boolean): Benefit | null {
  const h = ctx.household;
  const m = pdc ? 'pdc' : 'rdc';
  const scaleP = ctx.p(RDC_SCALE);
  checkMembers(ctx, `${m}.members`, scaleP);

  const ageP = ctx.p(P.pdcAge);
  const isPdc = pdcHousehold(ctx.members, ageP.value);
  if (pdc) {
    ctx.add(`pdc.age`, isPdc.value === undefined ? 'unknown' : isPdc.value ? 'pass' : 'fail', isPdc.value ?? null, ageP.value, 'years', ageP, () =>
      isPdc.value === true
        ? { it: `Tutti i componenti hanno almeno ${ageP.value} anni (o sono in condizione di disabilità grave)`, en: `Every member is ${ageP.value} or older (or severely disabled)` }
        : isPdc.value === false
          ? { it: `Non tutti i componenti hanno almeno ${ageP.value} anni: spetta eventualmente il RdC`, en: `Not every member is ${ageP.value} or older: RdC may apply instead` }
          : { it: 'Età o disabilità dei componenti non note', en: 'Members’ ages or disabilities unknown' },
      isPdc.missing,
    );
  } else if (isPdc.value !== false) {
    ctx.add('rdc.not-pdc', isPdc.value === undefined ? 'unknown' : 'fail', isPdc.value ?? null, false, 'flag', ageP, () =>
      isPdc.value === true
        ? { it: `Tutti i componenti hanno almeno ${ageP.value} anni: spetta la Pensione di cittadinanza, non il RdC`, en: `Every member is ${ageP.value} or older: the citizenship pension applies, not RdC` }
        : { it: 'Età o disabilità dei componenti non note (RdC o PdC?)', en: 'Members’ ages or disabilities unknown (RdC or PdC?)' },
      isPdc.missing,
    );
  } else if (ctx.explain) {
    ctx.add('rdc.not-pdc', 'pass', false, false, 'flag', ageP, () => ({
      it: `Non tutti i componenti hanno almeno ${ageP.value} anni: RdC`,
      en: `Not every member is ${ageP.value} or older: RdC`,
    }));
  }

  const residence = ctx.p(P.residence);
  checkCitizenship(ctx, `${m}.citizenship`, residence, { protection: false });
  checkResidence(ctx, `${m}.residence.years`, `${m}.residence.continuous`, residence);
  const isee = ctx.p(P.iseeBelowCents);
  checkIsee(ctx, `${m}.isee`, isee.value, false, isee, {
    it: 'ISEE (con minorenni: ISEE per prestazioni ai minorenni)',
    en: "ISEE (with minors: the minors' ISEE)",
  }, 'ordinario', 'altro');
  const re = ctx.p(P.realEstateMaxCents);
  checkMoney(ctx, `${m}.real-estate`, h.realEstateExcludingHomeCents, re.value, true, re, 'realEstateExcludingHomeCents', {
    it: 'Patrimonio immobiliare esclusa la casa (Italia ed estero)',
    en: 'Real estate excluding the home (Italy and abroad)',
  });
  checkFinancialAssets(ctx, `${m}.financial-assets`, ctx.p(P.financialAssets));
  checkVehicles(ctx, `${m}.vehicles`, ctx.p(P.vehicles));
  checkFlagFalse(ctx, `${m}.boats`, h.ownsBoats, ctx.p(P.boats), 'ownsBoats', { it: 'Navi o imbarcazioni da diporto', en: 'Ships or pleasure boats' });

  // Scale: ages (known once members pass), disability (for the 2,2 cap) and resignation flags.
  const scale = computeScale(ctx, m);

  // Household income below threshold × scale; renting (from the DSU) raises the threshold.
  const incomeP = ctx.p(P.incomeBelow);
  const low = pdc ? incomeP.value.pdcCents : incomeP.value.baseCents;
  const high = Math.max(low, incomeP.value.rentCents);
  const tenure = h.housing?.tenure;
  const income = h.householdIncomeCents;
  if (scale === undefined || income === undefined) {
    ctx.add(`${m}.income`, 'unknown', income ?? null, null, 'cents', incomeP, () => ({
      it: `Reddito familiare < ${eur(low).it} × scala (${eur(high).it} × scala in affitto): ${income === undefined ? 'reddito non indicato' : 'scala non calcolabile'}`,
      en: `Household income < ${eur(low).en} × scale (${eur(high).en} × scale when renting): ${income === undefined ? 'income not given' : 'scale cannot be computed'}`,
    }), income === undefined ? ['householdIncomeCents'] : []);
  } else {
    const s = scale.hundredths;
    const lowLimit = (low / 100) * s;
    const highLimit = (high / 100) * s;
    const renting = tenure === undefined ? undefined : tenure === 'affitto';
    const limit = renting === true ? highLimit : lowLimit;
    const outcome = income < lowLimit ? 'pass' : income >= highLimit ? 'fail' : renting === undefined ? 'unknown' : income < limit ? 'pass' : 'fail';
    ctx.add(`${m}.income`, outcome, income, renting === true ? highLimit : lowLimit, 'cents', incomeP, () => ({
      it: `Reddito familiare ${eur(income).it} ${outcome === 'fail' ? '≥' : outcome === 'pass' ? '<' : '?'} ${eur(renting === true ? high : low).it} × ${scaleText(s).it}${renting === true ? ' (in affitto)' : ''}${outcome === 'unknown' ? ': dipende dall’abitazione in affitto' : ''}`,
      en: `Household income ${eur(income).en} ${outcome === 'fail' ? '≥' : outcome === 'pass' ? '<' : '?'} ${eur(renting === true ? high : low).en} × ${scaleText(s).en}${renting === true ? ' (renting)' : ''}${outcome === 'unknown' ? ': depends on whether the home is rented' : ''}`,
    }), ['housing.tenure']);
  }
  if (ctx.anyFail) return null;
  // The housing facts of the amount are asked together with every other one (a form asks once).
  const amountKnown = checkRdcAmountFacts(ctx, m);
  if (ctx.anyUnknown || scale === undefined || income === undefined || !amountKnown) return null;
  return rdcBenefit(ctx, pdc, scale, income);
}

/**
 * The housing facts of the amount (part B: rent or mortgage instalment, D.L. 4/2019 art. 3 c.1 lett. b
 * and c.3): the tenure and, for a rented or mortgaged home, the rent or the instalment. A tenure not
 * given asks both, for the case that applies.
 */
function checkRdcAmountFacts(ctx: Ctx, m: 'rdc' | 'pdc'): boolean {
  const housing = ctx.household.housing;
  const tenure = housing?.tenure;
  const missing: string[] = [];
  if (tenure === undefined) missing.push('housing.tenure', 'housing.annualRentCents', 'housing.annualMortgageInstalmentCents');
  else if (tenure === 'affitto' && housing?.annualRentCents === undefined) missing.push('housing.annualRentCents');
  else if (tenure === 'mutuo' && housing?.annualMortgageInstalmentCents === undefined) missing.push('housing.annualMortgageInstalmentCents');
  if (missing.length === 0) return true;
  ctx.add(`${m}.amount`, 'unknown', null, null, 'cents', ctx.p(P.benefit), () => ({
    it: 'Importo non calcolabile: dati dell’abitazione mancanti',
    en: 'Amount cannot be computed: housing facts missing',
  }), missing);
  return false;
}

function computeScale(ctx: Ctx, m: 'rdc' | 'pdc') {
  const scaleP = ctx.p(RDC_SCALE);
  const missing: string[] = [];
  const members: ScaleMember[] = [];
  for (const r of ctx.members) {
    if (r.age === undefined) {
      // Under the PdC age the disability decides: ask it with the birth date.
      missing.push(`${r.path}.birthDate`);
      if (r.m.disability === undefined) missing.push(`${r.path}.disability`);
      continue;
    }
    if (r.m.disability === undefined) missing.push(`${r.path}.disability`);
    members.push({
      age: r.age,
      disability: r.m.disability ?? 'none',
      ...(r.m.voluntaryResignationWithin12Months === true ? { excludedFrom: ['rdc-dimissioni' as const] } : {}),
    });
  }
  if (missing.length > 0 || members.length === 0) {
    ctx.add(`${m}.scale`, 'unknown', null, null, 'scale', scaleP, () => ({
      it: 'Scala di equivalenza non calcolabile: età o disabilità non note',
      en: 'Equivalence scale cannot be computed: ages or disabilities unknown',
    }), missing);
    return undefined;
  }
  const r = rdcScale({ members }, ctx.date);
  if (!r.ok) {
    ctx.add(`${m}.scale`, 'fail', null, null, 'scale', scaleP, () => ({
      it: r.issues[0].message,
      en: r.issues[0].messageEn,
    }));
    return undefined;
  }
  const value = r.value;
  if (ctx.explain) {
    ctx.add(`${m}.scale`, 'pass', value.hundredths / 100, null, 'scale', scaleP, () => ({
      it: `Scala di equivalenza RdC: ${scaleText(value.hundredths).it}${value.capped ? ' (al massimo)' : ''}`,
      en: `RdC equivalence scale: ${scaleText(value.hundredths).en}${value.capped ? ' (at the maximum)' : ''}`,
    }));
  }
  return value;
}

function monthIndex(d: IsoDate): number {
  return Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
}

function rdcBenefit(ctx: Ctx, pdc: boolean, scale: NonNullable<ReturnType<typeof computeScale>>, income: number): Benefit | null {
  const m = pdc ? 'pdc' : 'rdc';
  const h = ctx.household;
  const bP = ctx.p(P.benefit);
  const b = bP.value;
  const s = scale.hundredths;
  const integration = ((pdc ? b.pdcIntegrationCents : b.integrationCents) / 100) * s;
  const partA = Math.max(0, integration - income);
  const tenure = h.housing?.tenure;
  let partB = 0;
  let partBKind: 'rent' | 'mortgage' | undefined;
  // checkRdcAmountFacts made sure the tenure and its rent or instalment are known.
  const rent = h.housing?.annualRentCents;
  const inst = h.housing?.annualMortgageInstalmentCents;
  if (tenure === 'affitto' && rent !== undefined) {
    partB = Math.min(rent, pdc ? b.pdcRentCapCents : b.rentCapCents);
    partBKind = 'rent';
  } else if (tenure === 'mutuo' && inst !== undefined) {
    partB = Math.min(inst, b.mortgageCapCents);
    partBKind = 'mortgage';
  }
  const totalCap = Math.max(0, (b.totalCapCents / 100) * s - income);
  const beforeFloor = Math.min(partA + partB, totalCap);
  const annual = Math.max(beforeFloor, b.floorCents);
  const monthly = halfUp(annual, 12);

  // Months payable: from the month after the application, at most the rule's months, never after
  // 31-12-2023; in 2023 at most 7 unless the household has minors, disabled members or members ≥ 60.
  const durP = ctx.p(pdc ? P.pdcDuration : P.duration);
  const first = addMonths(ctx.date, 1);
  const firstMonth = first.slice(0, 7);
  const endIndex = monthIndex('2023-12-31' as IsoDate);
  let months = Math.min(durP.value.months, endIndex - monthIndex(first) + 1);
  let limitNote: { it: string; en: string } | undefined;
  const limitP = RULE_PARAMETERS.rdc.monthsLimit2023.periods[0];
  if (limitP && ctx.date >= limitP.from && !pdc) {
    const ageP = ctx.p(P.protected2023Age);
    const protectedHousehold = ctx.members.some((r) => (r.age ?? 0) < 18 || (r.age ?? 0) >= ageP.value || disabilityOf(r.m) !== 'none');
    if (!protectedHousehold) {
      ctx.p(P.monthsLimit2023);
      months = Math.min(months, limitP.value);
      limitNote = {
        it: ` Nel 2023 al massimo ${limitP.value} mensilità in tutto (L. 197/2022 art. 1 c.313), meno quelle già percepite nel 2023.`,
        en: ` In 2023 at most ${limitP.value} monthly payments in all (L. 197/2022 art. 1 c.313), less those already received in 2023.`,
      };
    }
  }
  const payable = months > 0;
  ctx.add(`${m}.payable-months`, payable ? 'pass' : 'fail', Math.max(0, months), 1, 'months', durP, () =>
    payable
      ? { it: `Mensilità pagabili ${dateText(`${firstMonth}-01`, { preposition: 'from' })}: ${months}`, en: `Monthly payments ${dateText(`${firstMonth}-01`, { lang: 'en', preposition: 'from' })}: ${months}` }
      : { it: 'Nessuna mensilità pagabile: il beneficio decorre dal mese successivo e la misura termina il 31 dicembre 2023', en: 'No month payable: the benefit starts the following month and the measure ends on 31 December 2023' },
  );
  if (!payable) return null;

  const components: BenefitComponent[] = [];
  if (ctx.explain) {
    const ref = bP.ref;
    components.push({
      id: 'integration',
      cents: partA,
      per: 'year',
      label: {
        it: `Quota A: ${eur(pdc ? b.pdcIntegrationCents : b.integrationCents).it} × ${scaleText(s).it} − reddito ${eur(income).it} (non negativa)`,
        en: `Part A: ${eur(pdc ? b.pdcIntegrationCents : b.integrationCents).en} × ${scaleText(s).en} − income ${eur(income).en} (not negative)`,
      },
      ref: { ...ref, article: pdc ? 'art. 3 cc. 1–2' : 'art. 3 c.1 lett. a)' },
      status: bP.status,
    });
    if (partBKind) {
      components.push({
        id: partBKind,
        cents: partB,
        per: 'year',
        label:
          partBKind === 'rent'
            ? { it: `Quota B: canone annuo fino a ${eur(pdc ? b.pdcRentCapCents : b.rentCapCents).it}`, en: `Part B: annual rent up to ${eur(pdc ? b.pdcRentCapCents : b.rentCapCents).en}` }
            : { it: `Quota B: rata annua del mutuo fino a ${eur(b.mortgageCapCents).it}`, en: `Part B: annual mortgage instalment up to ${eur(b.mortgageCapCents).en}` },
        ref: { ...ref, article: partBKind === 'rent' ? (pdc ? 'art. 3 c.2' : 'art. 3 c.1 lett. b)') : 'art. 3 c.3' },
        status: bP.status,
      });
    }
    if (beforeFloor < partA + partB) {
      components.push({
        id: 'total-cap',
        cents: beforeFloor - partA - partB,
        per: 'year',
        label: { it: `Tetto: ${eur(b.totalCapCents).it} × ${scaleText(s).it} − reddito = ${eur(totalCap).it}`, en: `Cap: ${eur(b.totalCapCents).en} × ${scaleText(s).en} − income = ${eur(totalCap).en}` },
        ref: { ...ref, article: 'art. 3 c.4' },
        status: bP.status,
      });
    }
    if (annual > beforeFloor) {
      components.push({
        id: 'minimum',
        cents: annual - beforeFloor,
        per: 'year',
        label: { it: `Minimo annuo ${eur(b.floorCents).it}`, en: `Annual minimum ${eur(b.floorCents).en}` },
        ref: { ...ref, article: 'art. 3 c.4' },
        status: bP.status,
      });
    }
  }
  return {
    scale,
    annualCents: annual,
    monthlyCents: monthly,
    payment: 'monthly',
    components,
    rounding: {
      rule: {
        it: 'Importo annuo esatto al centesimo (soglie × scala in centesimi interi); mensile = annuo ÷ 12 arrotondato al centesimo (0,5 per eccesso): assunzione, nessun testo INPS sull’arrotondamento.',
        en: 'Annual amount exact to the cent (thresholds × scale in integer cents); monthly = annual ÷ 12 rounded half up to the cent: an assumption, no INPS text on rounding.',
      },
      status: 'unverified',
    },
    duration: {
      months,
      firstMonth,
      rule: durP.value,
      note: {
        it: `Dal mese successivo alla domanda, fino a ${durP.value.months} mesi e non oltre dicembre 2023; ${pdc ? 'rinnovabile senza sospensione' : `rinnovabile dopo ${durP.value.gapMonths} mese di sospensione`}.${limitNote?.it ?? ''}`,
        en: `From the month after the application, up to ${durP.value.months} months and not beyond December 2023; ${pdc ? 'renewable without suspension' : `renewable after a ${durP.value.gapMonths}-month suspension`}.${limitNote?.en ?? ''}`,
      },
      ref: durP.ref,
      status: durP.status,
    },
  };
}
