// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/rei-eligibility`: who may receive REI, RdC/PdC, ADI and SFL on a date, and how
 * much — `evaluate` with its explanation, on dated legal parameters and the four equivalence scales
 * (ISEE, REI, RdC/PdC, ADI), each value with its act, article and verification status; the household
 * model (`householdSchema`, zod 4), the measures in force on a date (`measuresInForce`) and the
 * `eligibility` CLI.
 *
 * @example
 * ```ts
 * import { adiScale } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const r = adiScale({ members: [{ age: 30, hasCareDuties: true }, { age: 2 }] }, makeIsoDate(2025, 3, 1)!);
 * if (r.ok) r.value.value; // 1.55
 * ```
 * @packageDocumentation
 */
export {
  ADI_SCALE,
  ISEE_BASE_SCALE,
  ISEE_CHILDREN_INCREMENT,
  ISEE_CHILDREN_INCREMENT_2026,
  ISEE_HOME_EXCLUSION,
  ISEE_HOME_EXCLUSION_2026,
  type HomeExclusion,
  ISEE_DISABILITY_INCREMENT,
  ISEE_WORKING_PARENTS_INCREMENT,
  parameterAt,
  periodAt,
  RDC_RESIGNATION_EXCLUSION,
  RDC_SCALE,
  REI_SCALE,
  type DatedParameter,
  type LegalRef,
  type ParameterIssueCode,
  type ParameterPeriod,
  type ParameterStatus,
} from './parameters.js';
export {
  adiScale,
  iseeScale,
  rdcScale,
  reiScale,
  type DisabilityLevel,
  type IseeScaleBenefit,
  type IseeScaleOptions,
  type ScaleComponent,
  type ScaleExclusion,
  type ScaleHousehold,
  type ScaleIssueCode,
  type ScaleMember,
  type ScaleResult,
} from './scales.js';
export {
  householdIssueText,
  householdSchema,
  MAX_HOUSEHOLD_MEMBERS,
  toScaleHousehold,
  type Household,
  type HouseholdInput,
  type HouseholdIssueCode,
  type HouseholdMember,
} from './household.js';
export {
  MEASURES,
  measuresInForce,
  type Measure,
  type MeasureBoundary,
  type MeasureId,
  type MeasureIssueCode,
} from './measures.js';
export {
  allParameters,
  PARAMETERS_VERIFIED_THROUGH,
  RULE_PARAMETERS,
  type IseeKindRule,
  type DurationRule,
  type FinancialAssetsLimit,
  type ResidenceRule,
  type VehicleRule,
} from './thresholds.js';
export {
  evaluate,
  evaluateAll,
  householdAdiScale,
  type HouseholdAdiScaleIssueCode,
} from './evaluate.js';
export {
  TRACE_FORMAT,
  type Benefit,
  type BenefitComponent,
  type BenefitDuration,
  type DerivedFact,
  type EvaluateInput,
  type EvaluateIssueCode,
  type Evaluation,
  type EvaluationStatus,
  type EvaluationWarning,
  type EvaluationWarningCode,
  type ParameterOverride,
  type Requirement,
  type RequirementId,
  type RequirementOutcome,
  type RequirementUnit,
  type RequirementValue,
  type Trace,
  type TraceParameter,
} from './model.js';
export { HOUSEHOLD_RELATIONS, HOUSING_TENURES, ISEE_KINDS } from './vocabulary.js';
