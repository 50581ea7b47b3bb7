// SPDX-License-Identifier: BSD-3-Clause
/**
 * `evaluate`: may this household receive a measure on a date, how much, and why (not). Every
 * requirement carries the actual value, the threshold, the act and article, the verification status and
 * a message in Italian and English; unknown facts make a requirement `unknown` and are listed in
 * `missing`, so a form asks only those. This module checks the input and calls the engine
 * (`engine/run.ts`); the result types are in `model.ts`.
 * @module
 */
import { compareIsoDate, createIssue, dateText, fail, isIsoDate, ok, type IsoDate, type Issue, type Result } from '@riuso-sociale/core';
import { Ctx, ParameterGapError, pathSegments } from './engine/context.js';
import { run } from './engine/run.js';
import { checkOverrides } from './overrides.js';
import { householdIssueText, householdSchema, type Household, type HouseholdInput } from './household.js';
import { MEASURES, type MeasureId } from './measures.js';
import type { EvaluateInput, EvaluateIssueCode, Evaluation } from './model.js';
import { adiScaleOf } from './rules/adi.js';
import type { ScaleResult } from './scales.js';

const MEASURE_IDS: readonly MeasureId[] = ['rei', 'rdc', 'pdc', 'adi', 'sfl'];

/**
 * Evaluates a measure for a household on a date: requirements with legal references and reasons, the
 * facts still missing, and the benefit (scale, annual and monthly amounts line by line, rounding,
 * duration and renewal). A date outside the measure's period gives `ineligible` with the reason, not an
 * error. Errors (as `Result`) only for a date that is not `AAAA-MM-GG`, an unknown measure, a household
 * that does not match {@link householdSchema}, or a member born after the date.
 *
 * Rules per measure: REI (D.Lgs. 147/2017 artt. 3–4), RdC and PdC (D.L. 4/2019 artt. 2–3), ADI (D.L.
 * 48/2023 artt. 2–3, values of L. 207/2024 c.198 from 2025, renewal of L. 199/2025 c.158 from 2026),
 * SFL (D.L. 48/2023 art. 12; D.M. 23A04814 art. 2). Each requirement says how well its source was
 * verified; see {@link RULE_PARAMETERS} and the package README for what is still unverified.
 *
 * @example
 * ```ts
 * import { evaluate } from '@riuso-sociale/rei-eligibility';
 * const r = evaluate({
 *   measure: 'adi',
 *   date: '2025-03-01',
 *   household: {
 *     members: [
 *       { birthDate: '1990-04-02', relation: 'richiedente', disability: 'none' },
 *       { birthDate: '2023-05-10', relation: 'figlio', disability: 'none' },
 *     ],
 *     applicant: { citizenship: 'italiana', residence: { since: '1990-04-02', continuousSince: '1990-04-02' } },
 *     isee: { valueCents: 500_000 },
 *     householdIncomeCents: 300_000,
 *     financialAssetsCents: 100_000,
 *     realEstateExcludingHomeCents: 0,
 *     housing: { tenure: 'affitto', annualRentCents: 480_000, registeredLease: true },
 *     vehicles: [],
 *     ownsBoats: false,
 *     ownsAircraft: false,
 *   },
 * });
 * if (r.ok) {
 *   r.value.status; // 'eligible'
 *   r.value.benefit?.monthlyCents; // 89_292: (6.500 × 1,55 − 3.000 + 3.640) ÷ 12 = 892,916… → 892,92
 * }
 * ```
 */
export function evaluate(input: EvaluateInput): Result<Evaluation, EvaluateIssueCode> {
  const { measure, date } = input;
  if (!isIsoDate(date)) {
    return fail([
      createIssue(
        'rei.evaluate.invalid_date',
        { it: `Data non valida: ${String(date)} (atteso AAAA-MM-GG)`, en: `Invalid date: ${String(date)} (expected YYYY-MM-DD)` },
        { path: ['date'], params: { date: String(date) } },
      ),
    ]);
  }
  if (!MEASURE_IDS.includes(measure)) {
    return fail([
      createIssue(
        'rei.evaluate.unknown_measure',
        { it: `Misura sconosciuta: ${String(measure)} (una tra ${MEASURE_IDS.join(', ')})`, en: `Unknown measure: ${String(measure)} (one of ${MEASURE_IDS.join(', ')})` },
        { path: ['measure'], params: { measure: String(measure) } },
      ),
    ]);
  }
  const overrides = checkOverrides(input.parameters);
  if (!overrides.ok) return overrides;
  let household = input.household as Household;
  if (input.validate !== false) {
    const parsed = householdSchema.safeParse(household);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => {
        const text = householdIssueText(i);
        // `reason`: the schema's own code (`params.code`, e.g. 'rei.household.too_many_members') or else
        // zod's issue code ('invalid_type', 'too_small', …); the other scalar params (`max`, `count`) kept.
        const schemaParams: Readonly<Record<string, unknown>> = (i.code === 'custom' ? i.params : undefined) ?? {};
        const params: Record<string, string | number | boolean | null> = { reason: typeof schemaParams['code'] === 'string' ? schemaParams['code'] : i.code };
        for (const [k, v] of Object.entries(schemaParams)) {
          if (k !== 'code' && (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) params[k] = v;
        }
        return createIssue<EvaluateIssueCode>(
          'rei.evaluate.invalid_household',
          { it: `Nucleo non valido: ${text.it}`, en: `Invalid household: ${text.en}` },
          { path: ['household', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], params },
        );
      });
      return fail(issues as [Issue<EvaluateIssueCode>, ...Issue<EvaluateIssueCode>[]]);
    }
    household = parsed.data;
  }
  const unborn = (household.members ?? []).findIndex((m) => m.birthDate !== undefined && compareIsoDate(m.birthDate, date) > 0);
  if (unborn >= 0) {
    return fail([
      createIssue(
        'rei.evaluate.member_not_born',
        { it: `Il componente ${unborn + 1} nasce dopo la data della valutazione`, en: `Member ${unborn + 1} is born after the evaluation date` },
        { path: ['household', 'members', unborn, 'birthDate'] },
      ),
    ]);
  }
  return ok(run(measure, date, household, input.explain !== false, overrides.value));
}

/**
 * Evaluates every measure in force on `date` (see {@link measuresInForce}), in the order REI, RdC, PdC,
 * ADI, SFL. A date covered by no measure gives an empty list.
 *
 * @example
 * ```ts
 * import { evaluateAll } from '@riuso-sociale/rei-eligibility';
 * const r = evaluateAll({ members: [{ age: 40, relation: 'richiedente' }] }, '2025-03-01');
 * if (r.ok) r.value.map((e) => `${e.measure}: ${e.status}`); // ['adi: …', 'sfl: …']
 * ```
 */
export function evaluateAll(
  household: Household | HouseholdInput,
  date: IsoDate | string,
  options: { readonly explain?: boolean; readonly validate?: boolean; readonly parameters?: EvaluateInput['parameters'] } = {},
): Result<readonly Evaluation[], EvaluateIssueCode> {
  const out: Evaluation[] = [];
  let validate = options.validate;
  for (const measure of MEASURE_IDS) {
    const m = MEASURES[measure];
    if (isIsoDate(date) && (compareIsoDate(date, m.opens.date) < 0 || (m.closes !== undefined && compareIsoDate(date, m.closes.date) > 0))) continue;
    const r = evaluate({
      measure,
      date,
      household,
      ...(options.explain === undefined ? {} : { explain: options.explain }),
      ...(validate === undefined ? {} : { validate }),
      ...(options.parameters === undefined ? {} : { parameters: options.parameters }),
    });
    if (!r.ok) return r;
    validate = false; // validated once
    out.push(r.value);
  }
  if (!isIsoDate(date)) {
    return evaluate({ measure: 'adi', date, household }) as Result<never, EvaluateIssueCode>;
  }
  return ok(out);
}

/**
 * Issue codes of {@link householdAdiScale}: the scale's own (see {@link adiScale}) and
 * `rei.adi_scale.missing_fact`, one per fact the scale needs (its `path` is the household path, as in
 * `Evaluation.missing`).
 *
 * @example
 * ```ts
 * import type { HouseholdAdiScaleIssueCode } from '@riuso-sociale/rei-eligibility';
 * const c: HouseholdAdiScaleIssueCode = 'rei.adi_scale.missing_fact';
 * ```
 */
export type HouseholdAdiScaleIssueCode = 'rei.adi_scale.missing_fact' | 'rei.adi_scale.not_computable';

/**
 * The ADI equivalence scale of a household on a date, exactly as {@link evaluate} computes it for the
 * ADI: members in a publicly funded institution or abroad are not counted; the 0,40 for care duties
 * (D.L. 48/2023 art. 6 c.5: a child under 3, three or more minors, a disabled member) is derived from the
 * composition when no adult declares `hasCareDuties` (INPS assigns it ex officio, msg. 2388/2025).
 * {@link adiScale} instead takes the care duties as declared. Errors: one
 * `rei.adi_scale.missing_fact` per fact still needed (ages, disabilities, care programmes; the issue's
 * `path` is the household path), or `rei.adi_scale.not_computable` with the scale's reason (no member
 * counted, a date before the ADI scale).
 *
 * @param household - a household that went through {@link householdSchema}.
 * @param date - the evaluation date.
 * @example
 * ```ts
 * import { householdAdiScale, householdSchema } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const h = householdSchema.parse({
 *   members: [
 *     { age: 30, relation: 'richiedente', disability: 'none', certifiedCareProgramme: false },
 *     { age: 2, relation: 'figlio', disability: 'none' },
 *   ],
 * });
 * const r = householdAdiScale(h, makeIsoDate(2025, 3, 1)!);
 * if (r.ok) r.value.value; // 1.55: 1 + 0,40 care duties (a child under 3) + 0,15 minor
 * ```
 */
export function householdAdiScale(household: Household, date: IsoDate): Result<ScaleResult, HouseholdAdiScaleIssueCode> {
  const ctx = new Ctx(date, household, false);
  let value: ScaleResult | undefined;
  try {
    value = adiScaleOf(ctx, true);
  } catch (e) {
    if (!(e instanceof ParameterGapError)) throw e;
    return fail([
      createIssue<HouseholdAdiScaleIssueCode>(
        'rei.adi_scale.not_computable',
        { it: `Scala ADI non in vigore ${dateText(date, { preposition: 'on' })}`, en: `ADI scale not in force ${dateText(date, { lang: 'en', preposition: 'on' })}` },
        { params: { date } },
      ),
    ]);
  }
  if (value !== undefined) return ok(value);
  const req = ctx.requirements.find((q) => q.id === 'adi.scale');
  if (req !== undefined && req.outcome === 'unknown' && req.missing.length > 0) {
    const issues = req.missing.map((path) =>
      createIssue<HouseholdAdiScaleIssueCode>(
        'rei.adi_scale.missing_fact',
        { it: `Scala ADI: serve ${path}`, en: `ADI scale: ${path} needed` },
        { path: pathSegments(household, path), params: { fact: path } },
      ),
    );
    return fail(issues as [Issue<HouseholdAdiScaleIssueCode>, ...Issue<HouseholdAdiScaleIssueCode>[]]);
  }
  return fail([
    createIssue<HouseholdAdiScaleIssueCode>('rei.adi_scale.not_computable', req?.message ?? { it: 'Scala ADI non calcolabile: nessun componente conteggiato', en: 'ADI scale cannot be computed: no member counted' }),
  ]);
}
