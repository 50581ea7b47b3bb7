// SPDX-License-Identifier: BSD-3-Clause
/**
 * The result model of `evaluate`: requirements, benefit, trace and the input and issue codes. Types
 * only (and the trace format name): no rules, no engine, so every module may import it without a cycle.
 * @module
 */
import type { IsoDate, LocalizedText } from '@riuso-sociale/core';
import type { Household, HouseholdInput } from './household.js';
import type { MeasureId } from './measures.js';
import type { LegalRef, ParameterStatus } from './parameters.js';
import type { ScaleResult } from './scales.js';
import type { DurationRule } from './thresholds.js';

/**
 * Outcome of one requirement: `unknown` when a fact it needs is not given.
 *
 * @example
 * ```ts
 * import type { RequirementOutcome } from '@riuso-sociale/rei-eligibility';
 * const o: RequirementOutcome = 'unknown';
 * ```
 */
export type RequirementOutcome = 'pass' | 'fail' | 'unknown';

/**
 * Identifier of a requirement: the measure, then what is tested (`adi.isee`, `rei.composition`, …).
 *
 * @example
 * ```ts
 * import type { RequirementId } from '@riuso-sociale/rei-eligibility';
 * const id: RequirementId = 'adi.income';
 * ```
 */
export type RequirementId = `${MeasureId}.${string}`;

/**
 * A value shown in a requirement: cents, years, a count, a code, a flag, or `null` when unknown.
 *
 * @example
 * ```ts
 * import type { RequirementValue } from '@riuso-sociale/rei-eligibility';
 * const v: RequirementValue = 936_000;
 * ```
 */
export type RequirementValue = number | string | boolean | null;

/**
 * What `actual` and `threshold` measure.
 *
 * @example
 * ```ts
 * import type { RequirementUnit } from '@riuso-sociale/rei-eligibility';
 * const u: RequirementUnit = 'cents';
 * ```
 */
export type RequirementUnit = 'cents' | 'years' | 'count' | 'flag' | 'category' | 'index' | 'date' | 'scale' | 'months';

/**
 * One requirement of a measure, evaluated.
 *
 * @example
 * ```ts
 * import { evaluate } from '@riuso-sociale/rei-eligibility';
 * const r = evaluate({ measure: 'adi', date: '2025-03-01', household: { isee: { valueCents: 1_100_000 } } });
 * if (r.ok) r.value.requirements.find((q) => q.id === 'adi.isee')?.message.it; // 'ISEE: 11.000,00 € > 10.140,00 €'
 * ```
 */
export interface Requirement {
  /** Identifier. */
  readonly id: RequirementId;
  /** Passed, failed, or not decidable with the facts given. */
  readonly outcome: RequirementOutcome;
  /** The household's value (`null` when unknown). */
  readonly actual: RequirementValue;
  /** The legal threshold or condition. */
  readonly threshold: RequirementValue;
  /** What `actual` and `threshold` measure. */
  readonly unit: RequirementUnit;
  /** The act and article. */
  readonly ref: LegalRef;
  /** How well the rule was verified. */
  readonly status: ParameterStatus;
  /** Why, in Italian and English. */
  readonly message: LocalizedText;
  /** Household paths of the facts needed to decide (only when `unknown`). */
  readonly missing: readonly string[];
}

/**
 * One line of a benefit calculation: signed cents (deductions negative) per year or per month.
 *
 * @example
 * ```ts
 * import type { BenefitComponent } from '@riuso-sociale/rei-eligibility';
 * const c: BenefitComponent = {
 *   id: 'rent', cents: 364_000, per: 'year', label: { it: 'Quota affitto', en: 'Rent part' },
 *   ref: { act: 'L. 30 dicembre 2024, n. 207', article: 'art. 1 c.198' }, status: 'confirmed-quoted',
 * };
 * ```
 */
export interface BenefitComponent {
  /** What the line is. */
  readonly id:
    | 'base'
    | 'cap'
    | 'maximum'
    | 'resources'
    | 'after-resources'
    | 'assistance'
    | 'integration'
    | 'rent'
    | 'mortgage'
    | 'total-cap'
    | 'minimum'
    | 'flat'
    | 'one-off';
  /** Signed amount in cents. */
  readonly cents: number;
  /** Whether the amount is annual, monthly, or paid once (the ADI one-off contribution: in no total). */
  readonly per: 'year' | 'month' | 'once';
  /** The calculation, Italian and English. */
  readonly label: LocalizedText;
  /** The act and article. */
  readonly ref: LegalRef;
  /** How well it was verified. */
  readonly status: ParameterStatus;
}

/**
 * How long the benefit lasts and how it is renewed.
 *
 * @example
 * ```ts
 * import { evaluate } from '@riuso-sociale/rei-eligibility';
 * const r = evaluate({ measure: 'sfl', date: '2025-03-01', household: {} });
 * if (r.ok) r.value.benefit?.duration.months; // undefined here: the facts are missing
 * ```
 */
export interface BenefitDuration {
  /** Months payable from the first month (after the limits of the period, e.g. RdC 2023). */
  readonly months: number;
  /** First month paid (`YYYY-MM`), where the law fixes it (RdC: the month after the application). */
  readonly firstMonth?: string;
  /** The duration rule in force. */
  readonly rule: DurationRule;
  /** Amount of the first month of a renewal, where it differs (ADI from 2026: 50 %). */
  readonly firstRenewalMonthCents?: number;
  /**
   * For a renewal (`household.adiRenewal`): the first month paid (`YYYY-MM`), after the suspension month
   * where the rule in force then had one; its rule gives `firstRenewalMonthCents`.
   */
  readonly firstRenewalMonth?: string;
  /** Explanation. */
  readonly note: LocalizedText;
  /** The act and article. */
  readonly ref: LegalRef;
  /** How well it was verified. */
  readonly status: ParameterStatus;
}

/**
 * The benefit of an eligible household.
 *
 * @example
 * ```ts
 * import { evaluate } from '@riuso-sociale/rei-eligibility';
 * const r = evaluate({ measure: 'adi', date: '2024-06-01', household: { members: [] } });
 * if (r.ok) r.value.benefit; // null: not eligible
 * ```
 */
export interface Benefit {
  /** The measure's equivalence scale (`null` for SFL, a flat amount). */
  readonly scale: ScaleResult | null;
  /**
   * Annual amount in cents, as the law sets it per year (exact, no rounding): the `per: 'year'`
   * components add up to it. SFL, a flat monthly amount: 12 × the monthly amount.
   */
  readonly annualCents: number;
  /**
   * Monthly amount in cents: the annual amount ÷ 12 rounded per {@link Benefit.rounding} (REI: the
   * published maximum, less the monthly assistance benefits); the `per: 'month'` components (REI, SFL)
   * add up to it. 12 × it may differ from `annualCents` by less than 12 cents.
   */
  readonly monthlyCents: number;
  /**
   * A one-off payment on top of the monthly amount, in no total: the ADI extra contribution on renewal
   * (D.L. 92/2025 art. 10-ter; L. 199/2025 c.159), equal to the first renewal instalment, at most 500 €.
   */
  readonly oneOffCents?: number;
  /** Monthly payments, or one payment a year in advance (REI ≤ 20 €/month). */
  readonly payment: 'monthly' | 'annual-lump-sum';
  /** The calculation line by line (empty with `explain: false`); yearly lines add up to `annualCents`, monthly lines to `monthlyCents`. */
  readonly components: readonly BenefitComponent[];
  /** The rounding rule of the measure and how well it is sourced. */
  readonly rounding: { readonly rule: LocalizedText; readonly status: ParameterStatus };
  /** Duration and renewal. */
  readonly duration: BenefitDuration;
}

/**
 * A parameter value read during an evaluation, with its period and source (trace format 1).
 *
 * @example
 * ```ts
 * import type { TraceParameter } from '@riuso-sociale/rei-eligibility';
 * const p: TraceParameter = {
 *   name: 'adi.access.isee.max', from: '2025-01-01' as never, value: 1_014_000,
 *   ref: { act: 'L. 30 dicembre 2024, n. 207', article: 'art. 1 c.198' }, status: 'confirmed-quoted', source: '…',
 * };
 * ```
 */
export interface TraceParameter {
  /** Parameter name. */
  readonly name: string;
  /** First day of the period read. */
  readonly from: IsoDate;
  /** Last day of the period read, if it has ended. */
  readonly to?: IsoDate;
  /** The value (cents, hundredths or a record). */
  readonly value: unknown;
  /** The act and article. */
  readonly ref: LegalRef;
  /** Verification status. */
  readonly status: ParameterStatus;
  /** Where the value was read. */
  readonly source: string;
  /** `true` when the value came from an override in `EvaluateInput.parameters`, not the package's data. */
  readonly overridden?: true;
}

/**
 * The versioned record of an evaluation, for audit: parameters read with their periods and sources,
 * requirement outcomes and benefit lines. `format` changes only with an incompatible change.
 *
 * @example
 * ```ts
 * import { evaluate, TRACE_FORMAT } from '@riuso-sociale/rei-eligibility';
 * const r = evaluate({ measure: 'adi', date: '2025-03-01', household: {} });
 * if (r.ok) r.value.trace?.format === TRACE_FORMAT; // true
 * ```
 */
export interface Trace {
  /** {@link TRACE_FORMAT}. */
  readonly format: typeof TRACE_FORMAT;
  /** The measure. */
  readonly measure: MeasureId;
  /** The evaluation date. */
  readonly date: IsoDate;
  /** The outcome. */
  readonly status: EvaluationStatus;
  /** Every parameter read, once, in reading order. */
  readonly parameters: readonly TraceParameter[];
  /** Requirement outcomes in evaluation order. */
  readonly requirements: readonly { readonly id: RequirementId; readonly outcome: RequirementOutcome }[];
  /** Benefit lines, or `null`. */
  readonly benefit: readonly { readonly id: BenefitComponent['id']; readonly cents: number; readonly per: BenefitComponent['per'] }[] | null;
  /** Facts derived instead of asked (an ISEE scale from the composition, care duties, …). */
  readonly derived: readonly DerivedFact[];
  /** The warnings' codes, in order. */
  readonly warnings: readonly EvaluationWarningCode[];
}

/**
 * Code of an {@link EvaluationWarning}:
 * - `eligibility.parameters_unverified_after`: the date is after `PARAMETERS_VERIFIED_THROUGH`,
 *   the last day the package's values are known to describe, and the answer used a value still in force
 *   then; the last value known was applied (params `date`, `verifiedThrough`, `parameters`: the names,
 *   comma-separated);
 * - `eligibility.isee_kind`: the household gives a kind of ISEE other than the one the measure takes on
 *   the date (params `expected`, `given`);
 * - `eligibility.care_duties_contradiction`: `hasCareDuties: false` on every adult, but the composition
 *   makes the care duties objective (a child under 3, three or more minors, a disabled member): the
 *   0,40 is counted anyway;
 * - `eligibility.isee_scale_mismatch`: the ISEE scale declared (`isee.scaleHundredths`) differs from
 *   the one the composition gives for the declared kind of ISEE (params `declared`, `computed`);
 * - `eligibility.parameter_overridden`: a value came from an override in `parameters`, not from the
 *   package's data (params `parameter`).
 *
 * @example
 * ```ts
 * import type { EvaluationWarningCode } from '@riuso-sociale/rei-eligibility';
 * const c: EvaluationWarningCode = 'eligibility.parameters_unverified_after';
 * ```
 */
export type EvaluationWarningCode =
  | 'eligibility.parameters_unverified_after'
  | 'eligibility.isee_kind'
  | 'eligibility.care_duties_contradiction'
  | 'eligibility.isee_scale_mismatch'
  | 'eligibility.parameter_overridden';

/**
 * Something about the answer worth a look; it does not change the status.
 *
 * @example
 * ```ts
 * import { evaluate } from '@riuso-sociale/rei-eligibility';
 * const r = evaluate({ measure: 'adi', date: '2030-03-01', household: {} });
 * if (r.ok) r.value.warnings.map((w) => w.code); // ['eligibility.parameters_unverified_after']
 * ```
 */
export interface EvaluationWarning {
  /** Stable code. */
  readonly code: EvaluationWarningCode;
  /** Italian and English. */
  readonly message: LocalizedText;
  /** The household path it is about, if any. */
  readonly path?: string;
  /** Machine-readable details (ISO dates, codes, hundredths). */
  readonly params?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * A fact the engine derived from others instead of asking for it (recorded in the trace).
 *
 * @example
 * ```ts
 * import type { DerivedFact } from '@riuso-sociale/rei-eligibility';
 * const f: DerivedFact = { path: 'isee.scaleHundredths', value: 100, reason: { it: 'un solo adulto', en: 'one adult' } };
 * ```
 */
export interface DerivedFact {
  /** The household path of the fact, as in `missing`. */
  readonly path: string;
  /** The value used. */
  readonly value: number | string | boolean;
  /** How it was derived. */
  readonly reason: LocalizedText;
}

/**
 * Identifier of the trace format.
 *
 * @example
 * ```ts
 * import { TRACE_FORMAT } from '@riuso-sociale/rei-eligibility';
 * TRACE_FORMAT; // 'riuso-sociale/eligibility-trace@1'
 * ```
 */
export const TRACE_FORMAT = 'riuso-sociale/eligibility-trace@1' as const;

/**
 * The overall outcome.
 *
 * @example
 * ```ts
 * import type { EvaluationStatus } from '@riuso-sociale/rei-eligibility';
 * const s: EvaluationStatus = 'needs-info';
 * ```
 */
export type EvaluationStatus = 'eligible' | 'ineligible' | 'needs-info';

/**
 * The result of {@link evaluate}.
 *
 * @example
 * ```ts
 * import { evaluate } from '@riuso-sociale/rei-eligibility';
 * const r = evaluate({ measure: 'rdc', date: '2024-03-01', household: {} });
 * if (r.ok) r.value.status; // 'ineligible' (RdC ended on 31-12-2023)
 * ```
 */
export interface Evaluation {
  /** The measure. */
  readonly measure: MeasureId;
  /** The evaluation date (the application date). */
  readonly date: IsoDate;
  /** `ineligible` if a requirement fails; else `needs-info` if one is unknown; else `eligible`. */
  readonly status: EvaluationStatus;
  /** The requirements (with `explain: false`, only those not passed). */
  readonly requirements: readonly Requirement[];
  /** Household paths of every fact still needed, without duplicates. */
  readonly missing: readonly string[];
  /** The benefit when `eligible`, else `null`. */
  readonly benefit: Benefit | null;
  /** What deserves a look although the status stands (unverified parameters, ISEE kind, …). */
  readonly warnings: readonly EvaluationWarning[];
  /** The versioned trace (only with `explain`, the default). */
  readonly trace?: Trace;
}

/**
 * Input of {@link evaluate}.
 *
 * @example
 * ```ts
 * import type { EvaluateInput } from '@riuso-sociale/rei-eligibility';
 * const input: EvaluateInput = { measure: 'adi', date: '2025-03-01', household: {}, explain: false };
 * ```
 */
export interface EvaluateInput {
  /** The measure. */
  readonly measure: MeasureId;
  /** The date of the application (`AAAA-MM-GG`). */
  readonly date: IsoDate | string;
  /** The household; absent facts are unknown. Dates may be plain `AAAA-MM-GG` strings (checked by the schema). */
  readonly household: Household | HouseholdInput;
  /** Build messages for passed requirements, benefit lines and the trace (default `true`). */
  readonly explain?: boolean;
  /**
   * Dated overrides of named parameters, for a law that lands before a release of this package: each
   * one replaces the package's value of `name` from `from` to `to`, carries its act and source, is
   * marked `overridden` in the trace and named in a warning. Unknown names, malformed dates, values not
   * shaped like the package's, and overlapping periods are refused with a typed error.
   */
  readonly parameters?: readonly ParameterOverride[];
  /**
   * Check the household against {@link householdSchema} first (default `true`). Pass `false` only for
   * a household that already went through the schema (e.g. in a batch).
   */
  readonly validate?: boolean;
}

/**
 * A dated override of a named parameter (see {@link EvaluateInput.parameters}): the value `name` takes
 * from `from` to `to` (inclusive; open-ended without `to`), with the act that sets it and where it was read.
 *
 * @example
 * ```ts
 * import { evaluate, type ParameterOverride } from '@riuso-sociale/rei-eligibility';
 * const raise: ParameterOverride = {
 *   name: 'adi.access.isee.max', from: '2027-01-01', value: 1_100_000,
 *   ref: { act: 'L. 30 dicembre 2026, n. 999 (ipotetica)', article: 'art. 1 c.1' }, source: 'GU, testo letto dal Comune',
 * };
 * const r = evaluate({ measure: 'adi', date: '2027-03-01', household: {}, parameters: [raise] });
 * if (r.ok) r.value.trace?.parameters.find((p) => p.name === 'adi.access.isee.max')?.overridden; // true
 * ```
 */
export interface ParameterOverride {
  /** The parameter's name, as in {@link allParameters} (`adi.access.isee.max`, `isee.scale.base`, …). */
  readonly name: string;
  /** First day (`AAAA-MM-GG`). */
  readonly from: IsoDate | string;
  /** Last day, inclusive; absent = open-ended. */
  readonly to?: IsoDate | string;
  /** The value, shaped as the package's (integer cents or hundredths, or the same record). */
  readonly value: unknown;
  /** The act and article that set it. */
  readonly ref: LegalRef;
  /** Where it was read. */
  readonly source: string;
  /** How well it was verified (default `unverified`). */
  readonly status?: ParameterStatus;
}

/**
 * Issue codes of {@link evaluate}.
 *
 * @example
 * ```ts
 * import type { EvaluateIssueCode } from '@riuso-sociale/rei-eligibility';
 * const c: EvaluateIssueCode = 'rei.evaluate.invalid_household';
 * ```
 */
export type EvaluateIssueCode =
  | 'rei.evaluate.invalid_date'
  | 'rei.evaluate.unknown_measure'
  | 'rei.evaluate.invalid_household'
  | 'rei.evaluate.member_not_born'
  | 'rei.evaluate.unknown_parameter'
  | 'rei.evaluate.invalid_parameter';
