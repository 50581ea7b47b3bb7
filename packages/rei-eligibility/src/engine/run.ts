// SPDX-License-Identifier: BSD-3-Clause
/**
 * The engine: runs the rules of one measure in a fresh {@link Ctx} and assembles the {@link Evaluation}
 * (status, requirements, missing facts, benefit, trace). Internal. The rules import only the context
 * (`engine/context.ts`) and the model, never this module: the import graph has no cycle.
 * @module
 */
import { compareIsoDate, dateText, type IsoDate } from '@riuso-sociale/core';
import type { Household } from '../household.js';
import { MEASURES, type MeasureId } from '../measures.js';
import { TRACE_FORMAT, type Evaluation, type EvaluationStatus } from '../model.js';
import type { ParameterPeriod } from '../parameters.js';
import { PARAMETERS_VERIFIED_THROUGH } from '../thresholds.js';
import { evaluateAdi } from '../rules/adi.js';
import { evaluateRdc } from '../rules/rdc.js';
import { evaluateRei } from '../rules/rei.js';
import { evaluateSfl } from '../rules/sfl.js';
import { Ctx, ParameterGapError } from './context.js';

/**
 * Runs the rules of one measure on a checked household and date (internal: {@link evaluate} checks the
 * input first). SFL needs the ADI outcome of the same household: it gets it as a callback, so no rule
 * imports the engine.
 */
export function run(
  measure: MeasureId,
  date: IsoDate,
  household: Household,
  explain: boolean,
  overrides?: ReadonlyMap<string, readonly ParameterPeriod<unknown>[]>,
): Evaluation {
  const ctx = new Ctx(date, household, explain);
  ctx.overrides = overrides;
  const m = MEASURES[measure];
  const period = m.periods[0];
  let benefit: Evaluation['benefit'] = null;
  const inForce = compareIsoDate(date, m.opens.date) >= 0 && (m.closes === undefined || compareIsoDate(date, m.closes.date) <= 0);
  if (period) {
    ctx.add(`${measure}.period`, inForce ? 'pass' : 'fail', date, `${m.opens.date}…${m.closes?.date ?? ''}`, 'date', period, () =>
      inForce
        ? { it: `${m.description.it}: in vigore ${dateText(date, { preposition: 'on' })}`, en: `${m.description.en}: in force ${dateText(date, { lang: 'en', preposition: 'on' })}` }
        : compareIsoDate(date, m.opens.date) < 0 || m.closes === undefined
          ? {
            it: `${m.description.it}: non ancora in vigore ${dateText(date, { preposition: 'on' })} (${dateText(m.opens.date, { preposition: 'from' })}: ${m.opens.meaning.it})`,
            en: `${m.description.en}: not yet in force ${dateText(date, { lang: 'en', preposition: 'on' })} (${dateText(m.opens.date, { lang: 'en', preposition: 'from' })}: ${m.opens.meaning.en})`,
          }
          : {
            it: `${m.description.it}: non più in vigore ${dateText(date, { preposition: 'on' })} (fino ${dateText(m.closes.date, { preposition: 'to' })}: ${m.closes.meaning.it})`,
            en: `${m.description.en}: no longer in force ${dateText(date, { lang: 'en', preposition: 'on' })} (until ${dateText(m.closes.date, { lang: 'en' })}: ${m.closes.meaning.en})`,
          },
    );
  }
  if (inForce) {
    try {
      benefit =
        measure === 'rei' ? evaluateRei(ctx)
        : measure === 'rdc' ? evaluateRdc(ctx, false)
        : measure === 'pdc' ? evaluateRdc(ctx, true)
        : measure === 'adi' ? evaluateAdi(ctx)
        : evaluateSfl(ctx, () => run('adi', date, household, false, overrides));
    } catch (e) {
      if (e instanceof ParameterGapError) throw new Error(`rei-eligibility: ${e.message} (bug in the parameter data)`);
      throw e;
    }
  }
  if (ctx.unverifiedAfter.length > 0) {
    const names = ctx.unverifiedAfter;
    ctx.warn(
      'eligibility.parameters_unverified_after',
      {
        it: `La data ${dateText(date)} è successiva all'ultimo periodo verificato (fino ${dateText(PARAMETERS_VERIFIED_THROUGH, { preposition: 'to' })}): applicati gli ultimi valori noti di ${names.length} parametri (${names.join(', ')}); una legge successiva può averli cambiati`,
        en: `The date ${dateText(date, { lang: 'en' })} is after the last verified period (up to ${dateText(PARAMETERS_VERIFIED_THROUGH, { lang: 'en' })}): the last known values of ${names.length} parameters were applied (${names.join(', ')}); a later law may have changed them`,
      },
      undefined,
      { date, verifiedThrough: PARAMETERS_VERIFIED_THROUGH, parameters: names.join(',') },
    );
  }
  const status: EvaluationStatus = ctx.anyFail ? 'ineligible' : ctx.anyUnknown ? 'needs-info' : 'eligible';
  if (status !== 'eligible') benefit = null;
  const evaluation: Evaluation = {
    measure,
    date,
    status,
    requirements: ctx.requirements,
    missing: ctx.missing,
    benefit,
    warnings: ctx.warnings,
    ...(explain
      ? {
          trace: {
            format: TRACE_FORMAT,
            measure,
            date,
            status,
            parameters: ctx.parameters ?? [],
            requirements: ctx.requirements.map((r) => ({ id: r.id, outcome: r.outcome })),
            benefit: benefit ? benefit.components.map((c) => ({ id: c.id, cents: c.cents, per: c.per })) : null,
            derived: ctx.derived,
            warnings: ctx.warnings.map((w) => w.code),
          },
        }
      : {}),
  };
  return evaluation;
}
