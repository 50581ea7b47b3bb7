// SPDX-License-Identifier: BSD-3-Clause
/**
 * REI — Reddito di inclusione (D.Lgs. 147/2017 artt. 3–4; L. 205/2017 art. 1 cc. 192–193; INPS circ.
 * 172/2017, 57/2018, msg. 1972/2018). Application window 1-12-2017 – 28-02-2019 (checked by the caller).
 * @module
 */
import type { Benefit, BenefitComponent } from '../model.js';
import { REI_SCALE } from '../parameters.js';
import { reiScale } from '../scales.js';
import { RULE_PARAMETERS } from '../thresholds.js';
import {
  addMonths,
  compareIsoDate,
} from '@riuso-sociale/core';
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
  eur,
  halfUp,
  iseeScaleOf,
  meansTestedMonthly,
  scaleText,
  type Ctx,
  type MemberInfo,
} from './common.js';

const P = RULE_PARAMETERS.rei;

export function evaluateRei(ctx: Ctx): Benefit | null {
  const h = ctx.household;
  const scalePeriod = ctx.p(REI_SCALE);
  const residence = ctx.p(P.residence);
  checkMembers(ctx, 'rei.members', scalePeriod);
  checkCitizenship(
    ctx,
    'rei.citizenship',
    {
      ref: residence.ref,
      status: h.applicant?.permit === 'protezione-internazionale' ? 'secondary' : residence.status,
    },
    { protection: true },
  );
  checkResidence(ctx, 'rei.residence.years', 'rei.residence.continuous', residence);

  const isee = ctx.p(P.iseeMaxCents);
  checkIsee(ctx, 'rei.isee', isee.value, true, isee, { it: 'ISEE', en: 'ISEE' }, 'ordinario', 'altro');
  checkIsre(ctx);
  const re = ctx.p(P.realEstateMaxCents);
  checkMoney(ctx, 'rei.real-estate', h.realEstateExcludingHomeCents, re.value, true, re, 'realEstateExcludingHomeCents', {
    it: 'Patrimonio immobiliare esclusa la casa',
    en: 'Real estate excluding the home',
  });
  checkFinancialAssets(ctx, 'rei.financial-assets', ctx.p(P.financialAssets));
  checkVehicles(ctx, 'rei.vehicles', ctx.p(P.vehicles));
  checkFlagFalse(ctx, 'rei.boats', h.ownsBoats, ctx.p(P.boats), 'ownsBoats', { it: 'Imbarcazioni da diporto', en: 'Pleasure boats' });
  checkNoUnemploymentBenefit(ctx, 'rei.unemployment-benefit', ctx.p(P.unemploymentBenefit));
  if (compareIsoDate(ctx.date, '2018-05-31' as typeof ctx.date) <= 0) checkComposition(ctx);

  if (ctx.anyFail) return null;
  // The facts of the amount (ISR, assistance benefits) are asked together with every other one.
  const isr = h.isee?.isrCents;
  const assistance = meansTestedMonthly(h);
  if (isr === undefined || assistance.cents === undefined) {
    ctx.add('rei.benefit.positive', 'unknown', null, 1, 'cents', ctx.p(P.base), () => ({
      it: 'Importo non calcolabile: servono ISR e trattamenti assistenziali',
      en: 'Amount cannot be computed: ISR and assistance benefits needed',
    }), [...(isr === undefined ? ['isee.isrCents'] : []), ...assistance.missing]);
  }
  if (ctx.anyUnknown) return null;
  return reiBenefit(ctx);
}

function checkIsre(ctx: Ctx): void {
  const period = ctx.p(P.isreMaxCents);
  const isee = ctx.household.isee;
  const max = period.value;
  if (isee?.isreCents !== undefined) {
    checkMoney(ctx, 'rei.isre', isee.isreCents, max, true, period, 'isee.isreCents', { it: 'ISRE', en: 'ISRE' });
    return;
  }
  // ISEE = ISRE + 20 % of ISP ÷ scale (DPCM 159/2013 art. 2 c.3): with no assets part the ISEE is the ISRE.
  if (isee?.ispCents === 0 && isee.valueCents !== undefined) {
    const value = isee.valueCents;
    ctx.derive('isee.isreCents', value, () => ({ it: 'ISRE = ISEE: ISP pari a zero', en: 'ISRE = ISEE: ISP is zero' }));
    checkMoney(ctx, 'rei.isre', value, max, true, period, 'isee.isreCents', { it: 'ISRE (= ISEE, ISP nullo)', en: 'ISRE (= ISEE, no ISP)' });
    return;
  }
  const isr = isee?.isrCents;
  const scale = iseeScaleOf(ctx, 'altro');
  if (isr === undefined || scale === undefined) {
    // Any of these decides: the ISRE itself, or the ISR with the ISEE scale.
    ctx.add('rei.isre', 'unknown', null, max, 'cents', period, () => ({
      it: `ISRE non indicato, né ISR e scala ISEE per ricavarlo (deve essere ≤ ${eur(max).it})`,
      en: `ISRE not given, nor the ISR and ISEE scale to derive it (must be ≤ ${eur(max).en})`,
    }), ['isee.isreCents', ...(isr === undefined ? ['isee.isrCents'] : []), ...(scale === undefined ? ['isee.scaleHundredths'] : [])]);
    return;
  }
  // ISRE = ISR ÷ scale; compared exactly: ISR × 100 ≤ max × scale hundredths.
  const ok = isr * 100 <= max * scale;
  const isre = halfUp(isr * 100, scale);
  ctx.add('rei.isre', ok ? 'pass' : 'fail', isre, max, 'cents', period, () => ({
    it: `ISRE = ISR ${eur(isr).it} ÷ scala ${scaleText(scale).it} ≈ ${eur(isre).it} ${ok ? '≤' : '>'} ${eur(max).it}`,
    en: `ISRE = ISR ${eur(isr).en} ÷ scale ${scaleText(scale).en} ≈ ${eur(isre).en} ${ok ? '≤' : '>'} ${eur(max).en}`,
  }));
}

/**
 * Household-composition test (original art. 3 c.2, until 31-05-2018): a minor; a person with a
 * disability and at least one parent or guardian; a pregnant woman no earlier than 4 months before the
 * due date; or an unemployed person aged ≥ 55 (unemployed ≥ 3 months).
 */
function checkComposition(ctx: Ctx): void {
  const period = ctx.p(P.composition);
  const members = ctx.members;
  const missing: string[] = [];
  let found: string | undefined;
  const hasParent = (r: MemberInfo): boolean | undefined => {
    if (r.m.relation === 'figlio') return true; // the applicant (or partner) is the parent
    if (r.m.relation === undefined) return undefined;
    return members.some((o) => o !== r && o.m.relation === 'genitore');
  };
  for (const r of members) {
    if (found) break;
    if (r.age !== undefined && r.age < 18) {
      found = 'minor';
      break;
    }
    const dis = r.m.disability;
    if (dis !== undefined && dis !== 'none') {
      const parent = hasParent(r);
      if (parent === true) found = 'disability';
      else if (parent === undefined) missing.push(`${r.path}.relation`);
    } else if (dis === undefined) {
      missing.push(`${r.path}.disability`);
      if (r.m.relation === undefined) missing.push(`${r.path}.relation`); // decides if there is a disability
    }
    if (r.m.pregnant === true) {
      if (r.m.dueDate === undefined) missing.push(`${r.path}.dueDate`);
      else if (compareIsoDate(ctx.date, addMonths(r.m.dueDate, -4)) >= 0) found = 'pregnancy';
    } else if (r.m.pregnant === undefined && (r.age === undefined || r.age >= 10)) {
      missing.push(`${r.path}.pregnant`);
      if (r.m.dueDate === undefined) missing.push(`${r.path}.dueDate`); // needed if she is
    }
    if (r.age === undefined || r.age >= 55) {
      // With the age unknown the member may be 55 or older: the employment facts are asked with it.
      if (r.m.employment === undefined) {
        missing.push(`${r.path}.employment`);
        if (r.m.unemployedSince === undefined) missing.push(`${r.path}.unemployedSince`);
      } else if (r.age === undefined) {
        if (r.m.employment === 'disoccupato' && r.m.unemployedSince === undefined) missing.push(`${r.path}.unemployedSince`);
      } else if (r.m.employment === 'disoccupato') {
        if (r.m.unemployedSince === undefined) missing.push(`${r.path}.unemployedSince`);
        else if (compareIsoDate(r.m.unemployedSince, addMonths(ctx.date, -3)) <= 0) found = 'unemployed55';
      }
    }
    if (r.age === undefined) missing.push(`${r.path}.birthDate`);
  }
  const outcome = found ? 'pass' : missing.length > 0 ? 'unknown' : 'fail';
  const what: Record<string, { it: string; en: string }> = {
    minor: { it: 'un componente minorenne', en: 'a minor member' },
    disability: { it: 'una persona con disabilità e almeno un genitore', en: 'a person with a disability and at least one parent' },
    pregnancy: { it: 'una donna in gravidanza (da 4 mesi prima del parto)', en: 'a pregnant woman (from 4 months before the due date)' },
    unemployed55: { it: 'un disoccupato di almeno 55 anni (da almeno 3 mesi)', en: 'an unemployed person aged 55+ (for 3+ months)' },
  };
  ctx.add('rei.composition', outcome, found ?? null, 'composizione', 'category', period, () =>
    outcome === 'pass' && found
      ? { it: `Requisito familiare (fino al 31 maggio 2018): ${what[found]?.it}`, en: `Composition requirement (until 31 May 2018): ${what[found]?.en}` }
      : outcome === 'unknown'
        ? { it: 'Requisito familiare (fino al 31 maggio 2018): fatti mancanti', en: 'Composition requirement (until 31 May 2018): facts missing' }
        : {
            it: 'Requisito familiare (fino al 31 maggio 2018) non soddisfatto: nessun minorenne, disabile con genitore, gravidanza o disoccupato ≥ 55 anni',
            en: 'Composition requirement (until 31 May 2018) not met: no minor, disabled person with a parent, pregnancy or unemployed person aged 55+',
          },
    missing,
  );
}

function reiBenefit(ctx: Ctx): Benefit | null {
  const h = ctx.household;
  const scaleResult = reiScale({ members: ctx.members.map((r) => ({ age: r.age ?? 0 })) }, ctx.date);
  if (!scaleResult.ok) return null;
  const scale = scaleResult.value;
  const s = scale.hundredths;
  const n = ctx.members.length;
  const baseP = ctx.p(P.base);
  const capP = ctx.p(P.cap);
  const baseCents = (baseP.value.annualCents * baseP.value.percent * s) / 10_000; // exact: 2.250 € × s
  const capCents = Math.floor((capP.value.assegnoSocialeAnnualCents * (100 + capP.value.increasePercent)) / 100);
  const capped = baseCents > capCents;
  const maxAnnual = capped ? capCents : baseCents;
  const maximaP = P.monthlyMaxima.periods.find((p) => ctx.date >= p.from && (p.to === undefined || ctx.date <= p.to));
  const published = maximaP?.value[Math.min(n, maximaP.value.length) - 1];
  const maxMonthly = published ?? (capped ? Math.floor(capCents / 12) : halfUp(baseCents, 12));
  if (maximaP) ctx.p(P.monthlyMaxima);

  const isr = h.isee?.isrCents;
  const assistance = meansTestedMonthly(h);
  if (isr === undefined || assistance.cents === undefined) return null; // asked by evaluateRei
  // Rounding rule (REI). The law sets the benefit «su base annua» (D.Lgs. 147/2017 art. 4 c.1: 3.000 € ×
  // scale × 75 %, capped at the annual assegno sociale, less the ISR) and deducts the monthly
  // means-tested assistance benefits (art. 4 c.2); it is paid in monthly instalments. So:
  // - annual amount = the law's annual amount, exact in cents: min(base, cap) − ISR − 12 × assistance;
  //   the yearly lines below add up to it exactly (no rounding);
  // - monthly amount = the published monthly maximum when no resources are deducted, else the twelfth of
  //   (annual maximum − ISR) rounded half up to the cent (an assumption: no INPS text on rounding), never
  //   above the published maximum; less the monthly assistance. The monthly lines add up to it exactly;
  // - 12 × monthly may differ from the annual amount by less than 12 cents (the rounding of the twelfth,
  //   or a published maximum such as 534,37 for 534,375): the annual amount is the law's, not 12 payments.
  const netAnnual = Math.max(0, maxAnnual - isr);
  const gross = isr === 0 ? maxMonthly : Math.min(maxMonthly, halfUp(netAnnual, 12));
  const monthly = Math.max(0, gross - assistance.cents);
  const positive = monthly > 0;
  ctx.add('rei.benefit.positive', positive ? 'pass' : 'fail', monthly, 1, 'cents', baseP, () =>
    positive
      ? { it: `Beneficio mensile ${eur(monthly).it}`, en: `Monthly benefit ${eur(monthly).en}` }
      : {
          it: 'Beneficio nullo: la domanda è respinta (ripresentabile se la situazione cambia; INPS circ. 57/2018)',
          en: 'Zero benefit: the application is rejected (it may be filed again after a change; INPS circ. 57/2018)',
        },
  );
  if (!positive) return null;
  // monthly > 0 implies netAnnual ≥ 12 × assistance + 6, so the annual amount is positive too.
  const annual = netAnnual - 12 * assistance.cents;

  const lumpP = P.lumpSumMaxMonthlyCents.periods.find((p) => ctx.date >= p.from);
  const lumpSum = lumpP !== undefined && monthly <= lumpP.value;
  if (lumpP) ctx.p(P.lumpSumMaxMonthlyCents);
  const components: BenefitComponent[] = [];
  if (ctx.explain) {
    const assistanceSource = {
      ref: { act: 'D.Lgs. 15 settembre 2017, n. 147', article: 'art. 4 c.2' },
      status: 'confirmed-primary' as const,
    };
    // Yearly lines: they add up to `annualCents`.
    components.push({
      id: 'base',
      cents: baseCents,
      per: 'year',
      label: {
        it: `${eur(baseP.value.annualCents).it} × scala ${scaleText(s).it} × ${baseP.value.percent} %`,
        en: `${eur(baseP.value.annualCents).en} × scale ${scaleText(s).en} × ${baseP.value.percent}%`,
      },
      ref: baseP.ref,
      status: baseP.status,
    });
    if (capped) {
      components.push({
        id: 'cap',
        cents: capCents - baseCents,
        per: 'year',
        label: {
          it: `Tetto: assegno sociale annuo ${eur(capP.value.assegnoSocialeAnnualCents).it}${capP.value.increasePercent ? ` + ${capP.value.increasePercent} % = ${eur(capCents).it} (troncato al centesimo)` : ''}`,
          en: `Cap: annual assegno sociale ${eur(capP.value.assegnoSocialeAnnualCents).en}${capP.value.increasePercent ? ` + ${capP.value.increasePercent}% = ${eur(capCents).en} (truncated to the cent)` : ''}`,
        },
        ref: capP.ref,
        status: capP.status,
      });
    }
    if (isr > 0) {
      components.push({
        id: 'resources',
        cents: -isr,
        per: 'year',
        label: { it: `Risorse del nucleo: ISR ${eur(isr).it}`, en: `Household resources: ISR ${eur(isr).en}` },
        ref: { act: 'D.Lgs. 15 settembre 2017, n. 147', article: 'art. 4 (comma non letto)' },
        status: 'secondary',
      });
    }
    if (assistance.cents > 0) {
      components.push({
        id: 'assistance',
        cents: -12 * assistance.cents,
        per: 'year',
        label: {
          it: `Trattamenti assistenziali sottoposti alla prova dei mezzi: 12 × ${eur(assistance.cents).it} al mese`,
          en: `Means-tested assistance benefits: 12 × ${eur(assistance.cents).en} a month`,
        },
        ...assistanceSource,
      });
    }
    // Monthly lines: they add up to `monthlyCents`.
    components.push(
      gross === maxMonthly
        ? {
            id: 'maximum',
            cents: maxMonthly,
            per: 'month',
            label:
              published !== undefined
                ? { it: `Massimo mensile pubblicato per ${n} componenti`, en: `Published monthly maximum for ${n} members` }
                : capped
                  ? { it: 'Massimo mensile: un dodicesimo del tetto annuo, troncato al centesimo', en: 'Monthly maximum: one twelfth of the annual cap, truncated to the cent' }
                  : { it: 'Massimo mensile: un dodicesimo del massimo annuo, arrotondato al centesimo', en: 'Monthly maximum: one twelfth of the annual maximum, rounded to the cent' },
            ref: (maximaP ?? capP).ref,
            status: (maximaP ?? capP).status,
          }
        : {
            id: 'after-resources',
            cents: gross,
            per: 'month',
            label: {
              it: `(${eur(maxAnnual).it} − ${eur(isr).it}) ÷ 12, arrotondato al centesimo`,
              en: `(${eur(maxAnnual).en} − ${eur(isr).en}) ÷ 12, rounded to the cent`,
            },
            ref: baseP.ref,
            status: 'unverified',
          },
    );
    if (assistance.cents > 0) {
      components.push({
        id: 'assistance',
        cents: -assistance.cents,
        per: 'month',
        label: { it: 'Trattamenti assistenziali mensili sottoposti alla prova dei mezzi', en: 'Monthly means-tested assistance benefits' },
        ...assistanceSource,
      });
    }
  }
  const duration = ctx.p(P.duration);
  return {
    scale,
    annualCents: annual,
    monthlyCents: monthly,
    payment: lumpSum ? 'annual-lump-sum' : 'monthly',
    components,
    rounding: {
      rule: {
        it: 'Importo annuo quello della legge, esatto al centesimo (D.Lgs. 147/2017 art. 4 c.1, «su base annua»: base o tetto − ISR − 12 × trattamenti assistenziali mensili); mensile: massimi come nella tabella ufficiale (2018: 294,375 → 294,38 ma 534,375 → 534,37), tetto annuo troncato al centesimo (come INPS msg. 161/2020), importi sotto il massimo arrotondati al centesimo (0,5 per eccesso: assunzione, nessun testo INPS sull’arrotondamento), meno i trattamenti mensili. 12 mensilità possono differire dall’importo annuo di meno di 12 centesimi. Fino a 20 € al mese: unica soluzione annua anticipata.',
        en: 'Annual amount as the law sets it, exact to the cent (D.Lgs. 147/2017 art. 4 c.1, "on an annual basis": base or cap − ISR − 12 × monthly assistance benefits); monthly: maxima as in the official table (2018: 294.375 → 294.38 but 534.375 → 534.37), annual cap truncated to the cent (as INPS msg. 161/2020), amounts below the maximum rounded half up to the cent (an assumption: no INPS text on rounding), less the monthly benefits. 12 monthly payments may differ from the annual amount by less than 12 cents. Up to €20 a month: one annual payment in advance.',
      },
      status: 'unverified',
    },
    duration: {
      months: duration.value.months,
      rule: duration.value,
      note: {
        it: `Fino a ${duration.value.months} mesi (meno i mesi di SIA già goduti, non calcolati); rinnovabile una volta per ${duration.value.renewalMonths} mesi dopo ${duration.value.gapMonths} mesi dall’ultima erogazione.`,
        en: `Up to ${duration.value.months} months (less SIA months already received, not computed); renewable once for ${duration.value.renewalMonths} months, ${duration.value.gapMonths} months after the last payment.`,
      },
      ref: duration.ref,
      status: duration.status,
    },
  };
}
