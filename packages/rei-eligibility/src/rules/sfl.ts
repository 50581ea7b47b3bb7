// SPDX-License-Identifier: BSD-3-Clause
/**
 * SFL — Supporto per la formazione e il lavoro (D.L. 48/2023 art. 12; D.M. GU 25-08-2023 23A04814 art. 2;
 * values of L. 207/2024 art. 1 c.198 from 2025). In force from 1-09-2023. The applicant is the person
 * (member with relation `richiedente`, else the first member). D.M. art. 2 c.4: the ADI requirements of
 * D.L. 48/2023 art. 2 c.2 apply except the ISEE one, with the income threshold × the ISEE scale.
 * @module
 */
import type { Benefit, BenefitComponent, Evaluation } from '../model.js';
import { RULE_PARAMETERS } from '../thresholds.js';
import { checkAdiRealEstate, checkBoatsAircraft } from './adi.js';
import {
  checkCitizenship,
  checkFinancialAssets,
  checkFlagFalse,
  checkIsee,
  checkMembers,
  checkMoney,
  checkNoUnemploymentBenefit,
  checkResidence,
  checkVehicles,
  iseeScaleOf,
  eur,
  scaleText,
  type Ctx,
} from './common.js';

const P = RULE_PARAMETERS.sfl;
const ADI = RULE_PARAMETERS.adi;

/**
 * The SFL rules. `adi` evaluates the ADI for the same household and date (the engine passes it, so
 * this module does not import the engine): SFL is not for people the ADI covers.
 */
export function evaluateSfl(ctx: Ctx, adi: () => Evaluation): Benefit | null {
  const h = ctx.household;
  const ageP = ctx.p(P.age);
  checkMembers(ctx, 'sfl.members', ageP);
  const applicant = ctx.applicant;
  const age = applicant?.age;
  const { min, max } = ageP.value;
  const ageOk = age === undefined ? 'unknown' : age >= min && age <= max ? 'pass' : 'fail';
  ctx.add('sfl.age', ageOk, age ?? null, `${min}–${max}`, 'years', ageP, () =>
    age === undefined
      ? { it: `Età del richiedente non nota (${min}–${max} anni)`, en: `Applicant's age unknown (${min}–${max})` }
      : { it: `Età del richiedente: ${age} anni (${min}–${max})`, en: `Applicant's age: ${age} (${min}–${max})` },
    applicant ? [`${applicant.path}.birthDate`] : ['members'],
  );

  const isee = ctx.p(P.iseeMaxCents);
  checkIsee(ctx, 'sfl.isee', isee.value, true, isee, { it: 'ISEE familiare', en: 'Household ISEE' }, ctx.p(P.iseeKind).value, 'sfl');

  // The ADI requirements of art. 2 c.2 except lett. b) n. 1 (D.M. art. 2 c.4).
  const residence = ctx.p(ADI.residence);
  checkCitizenship(ctx, 'sfl.citizenship', residence, { protection: true });
  checkResidence(ctx, 'sfl.residence.years', 'sfl.residence.continuous', residence);
  const incomeP = ctx.p(P.incomeBelowCents);
  const scaleH = iseeScaleOf(ctx, 'sfl');
  const income = h.householdIncomeCents;
  if (income === undefined || scaleH === undefined) {
    ctx.add('sfl.income', 'unknown', income ?? null, null, 'cents', incomeP, () => ({
      it: `Reddito familiare < ${eur(incomeP.value).it} × scala ISEE: ${income === undefined ? 'reddito non indicato' : 'scala ISEE non indicata'}`,
      en: `Household income < ${eur(incomeP.value).en} × ISEE scale: ${income === undefined ? 'income not given' : 'ISEE scale not given'}`,
    }), [...(income === undefined ? ['householdIncomeCents'] : []), ...(scaleH === undefined ? ['isee.scaleHundredths'] : [])]);
  } else {
    const limit = (incomeP.value / 100) * scaleH;
    const ok = income < limit;
    ctx.add('sfl.income', ok ? 'pass' : 'fail', income, limit, 'cents', incomeP, () => ({
      it: `Reddito familiare ${eur(income).it} ${ok ? '<' : '≥'} ${eur(incomeP.value).it} × scala ISEE ${scaleText(scaleH).it} = ${eur(limit).it}`,
      en: `Household income ${eur(income).en} ${ok ? '<' : '≥'} ${eur(incomeP.value).en} × ISEE scale ${scaleText(scaleH).en} = ${eur(limit).en}`,
    }));
  }
  checkAdiRealEstate(ctx, 'sfl.real-estate');
  checkFinancialAssets(ctx, 'sfl.financial-assets', ctx.p(ADI.financialAssets));
  checkVehicles(ctx, 'sfl.vehicles', ctx.p(ADI.vehicles));
  checkBoatsAircraft(ctx, 'sfl.boats-aircraft');

  // Not for people the ADI covers: the household does not meet the ADI requirements, or the applicant
  // is not counted in its scale (art. 12 c.2). Before 2024 there was no ADI: RdC/PdC are incompatible.
  if (ctx.date >= ADI.iseeMaxCents.periods[0]!.from) {
    checkNotAdi(ctx, adi());
  } else {
    checkFlagFalse(ctx, 'sfl.rdc-pdc', h.receivesRdcOrPdc, { ref: ageP.ref, status: ageP.status }, 'receivesRdcOrPdc', {
      it: 'Il nucleo percepisce RdC o PdC (incompatibili)',
      en: 'The household receives RdC or PdC (incompatible)',
    });
  }
  checkNoUnemploymentBenefit(
    ctx,
    'sfl.unemployment-benefit',
    { ref: { act: 'D.M. Lavoro 8 agosto 2023 (GU 25-08-2023, 23A04814)', article: 'art. 2 c.3' }, status: 'confirmed-primary' },
    applicant ? [applicant] : [],
  );
  const activity = applicant?.m.trainingOrActiveLabour;
  ctx.add('sfl.activity', activity === undefined ? 'unknown' : activity ? 'pass' : 'fail', activity ?? null, true, 'flag', ageP, () =>
    activity === undefined
      ? { it: 'Partecipazione a formazione o politiche attive non indicata', en: 'Participation in training or active-labour measures not given' }
      : activity
        ? { it: 'Partecipa a formazione o politiche attive del lavoro', en: 'Takes part in training or active-labour measures' }
        : { it: 'Il beneficio è pagato solo durante la partecipazione a formazione o politiche attive', en: 'The benefit is paid only while taking part in training or active-labour measures' },
    applicant ? [`${applicant.path}.trainingOrActiveLabour`] : ['members'],
  );

  if (ctx.anyFail || ctx.anyUnknown) return null;
  const mP = ctx.p(P.monthlyCents);
  const durP = ctx.p(P.duration);
  const monthly = mP.value;
  const components: BenefitComponent[] = ctx.explain
    ? [{ id: 'flat', cents: monthly, per: 'month', label: { it: 'Importo mensile fisso', en: 'Flat monthly amount' }, ref: mP.ref, status: mP.status }]
    : [];
  const rule = durP.value;
  return {
    scale: null,
    annualCents: monthly * 12,
    monthlyCents: monthly,
    payment: 'monthly',
    components,
    rounding: { rule: { it: 'Importo fisso: nessun arrotondamento.', en: 'Flat amount: no rounding.' }, status: mP.status },
    duration: {
      months: rule.months,
      rule,
      note:
        rule.renewals === 'none'
          ? { it: `Per la durata della misura di attivazione, al massimo ${rule.months} mesi; non rinnovabile.`, en: `For the length of the activation measure, at most ${rule.months} months; not renewable.` }
          : {
              it: `Per la durata della misura di attivazione, al massimo ${rule.months} mesi; prorogabile di ${rule.renewalMonths} mesi se a 12 mesi si frequenta un corso di formazione (art. 12 c.7-bis).`,
              en: `For the length of the activation measure, at most ${rule.months} months; extendable by ${rule.renewalMonths} months when attending a training course at month 12 (art. 12 c.7-bis).`,
            },
      ref: durP.ref,
      status: durP.status,
    },
  };
}

function checkNotAdi(ctx: Ctx, adi: Evaluation): void {
  const period = ctx.p(P.age);
  const applicant = ctx.applicant;
  if (adi.status === 'ineligible') {
    ctx.add('sfl.not-adi', 'pass', 'adi-ineligible', null, 'category', period, () => ({
      it: 'Il nucleo non ha i requisiti per l’ADI',
      en: 'The household does not meet the ADI requirements',
    }));
    return;
  }
  if (adi.status === 'needs-info') {
    ctx.add('sfl.not-adi', 'unknown', null, null, 'category', period, () => ({
      it: 'Non è possibile stabilire se il nucleo ha i requisiti per l’ADI',
      en: 'Cannot tell whether the household meets the ADI requirements',
    }), adi.missing);
    return;
  }
  const line = adi.benefit?.scale?.components.find((c) => c.member === applicant?.index && c.hundredths > 0);
  const counted = line !== undefined;
  ctx.add('sfl.not-adi', counted ? 'fail' : 'pass', counted ? 'adi-counted' : 'adi-not-counted', null, 'category', period, () =>
    counted
      ? { it: 'Il nucleo ha i requisiti per l’ADI e il richiedente è conteggiato nella sua scala: spetta l’ADI', en: 'The household meets the ADI requirements and the applicant counts in its scale: ADI applies' }
      : { it: 'Il nucleo ha i requisiti per l’ADI ma il richiedente non è conteggiato nella sua scala', en: 'The household meets the ADI requirements but the applicant does not count in its scale' },
  );
}
