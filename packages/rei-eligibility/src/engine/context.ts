// SPDX-License-Identifier: BSD-3-Clause
/**
 * The evaluation context of the engine: the household with each member's age on the date, the
 * requirements added so far, the missing facts (without duplicates, in linear time) and the parameters
 * read (for the trace); and the error for a parameter that does not cover a date its measure is in
 * force. Internal. Imports no rule, so the rules may import it without a cycle.
 * @module
 */
import type { IsoDate, LocalizedText } from '@riuso-sociale/core';
import type { Household, HouseholdMember } from '../household.js';
import type {
  DerivedFact,
  EvaluationWarning,
  EvaluationWarningCode,
  Requirement,
  RequirementId,
  RequirementOutcome,
  RequirementUnit,
  RequirementValue,
  TraceParameter,
} from '../model.js';
import type { DatedParameter, LegalRef, ParameterPeriod, ParameterStatus } from '../parameters.js';
import { PARAMETERS_VERIFIED_THROUGH } from '../thresholds.js';

/** A member with the age on the evaluation date (undefined when neither birth date nor age is known). */
export interface MemberInfo {
  readonly index: number;
  readonly age: number | undefined;
  readonly m: HouseholdMember;
  /**
   * The member's household path: `members[<id>]` when the member has an `id`, else `members.<index>`
   * (so `missing` names a member by the vendor's key when there is one, by position otherwise).
   */
  readonly path: string;
  /** How messages name the member: its `id`, else its position from 1. */
  readonly name: string;
}

/** Where a rule comes from: a parameter period or a bare reference. */
export interface Source {
  readonly ref: LegalRef;
  readonly status: ParameterStatus;
}

/**
 * A household path as `missing` writes it (`members[<id>].disability`, `members.0.birthDate`,
 * `housing.tenure`) → the segments of the path into the household (`['members', 0, 'disability']`).
 */
export function pathSegments(household: Household, path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    if (part.startsWith('members[') && part.endsWith(']')) {
      const id = part.slice(8, -1);
      out.push('members', (household.members ?? []).findIndex((m) => m.id === id));
    } else out.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return out;
}

/** Internal error: a parameter does not cover a date its measure is in force (a bug in the data). */
export class ParameterGapError extends Error {
  constructor(readonly parameter: string, readonly date: IsoDate) {
    super(`parameter ${parameter} has no value on ${date}`);
    this.name = 'ParameterGapError';
  }
}

const EMPTY: readonly string[] = [];

/** Trace entries are built once per parameter period and shared (they are read-only). */
const traceEntries = new WeakMap<object, TraceParameter>();
function traceEntry(name: string, period: ParameterPeriod<unknown>): TraceParameter {
  let e = traceEntries.get(period);
  if (e === undefined) {
    e = Object.freeze(
      period.to === undefined
        ? { name, from: period.from, value: period.value, ref: period.ref, status: period.status, source: period.source }
        : { name, from: period.from, to: period.to, value: period.value, ref: period.ref, status: period.status, source: period.source },
    );
    traceEntries.set(period, e);
  }
  return e;
}

/** The trace entry of an overridden period (not cached: overrides live for one evaluation). */
function overriddenEntry(name: string, period: ParameterPeriod<unknown>): TraceParameter {
  return { ...traceEntry(name, period), overridden: true };
}

/** Digits of an `AAAA-MM-GG` string as numbers, without allocating. */
const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const yearOf = (s: string): number => digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
const monthDayOf = (s: string): number => digit(s, 5) * 1000 + digit(s, 6) * 100 + digit(s, 8) * 10 + digit(s, 9);

/** The state of one evaluation (one measure, one date, one household). */
export class Ctx {
  readonly requirements: Requirement[] = [];
  /** Household paths of the missing facts, in first-seen order, without duplicates. */
  readonly missing: string[] = [];
  /** The paths already in {@link missing}: one Set lookup per path keeps the merge linear (10 000 members). */
  private readonly missingSeen = new Set<string>();
  readonly parameters: TraceParameter[] | undefined;
  readonly members: readonly MemberInfo[];
  readonly applicant: MemberInfo | undefined;
  private readonly year: number;
  private readonly monthDay: number;
  private readonly read: Set<string> | undefined;

  constructor(
    readonly date: IsoDate,
    readonly household: Household,
    readonly explain: boolean,
  ) {
    this.parameters = explain ? [] : undefined;
    this.read = explain ? new Set() : undefined;
    this.year = yearOf(date);
    this.monthDay = monthDayOf(date);
    const list = household.members ?? [];
    const members: MemberInfo[] = new Array<MemberInfo>(list.length);
    let applicant: MemberInfo | undefined;
    for (let i = 0; i < list.length; i++) {
      const m = list[i] as HouseholdMember;
      const age = m.birthDate !== undefined ? this.yearsSince(m.birthDate) : m.age;
      const info: MemberInfo =
        m.id === undefined
          ? { index: i, age, m, path: `members.${i}`, name: String(i + 1) }
          : { index: i, age, m, path: `members[${m.id}]`, name: m.id };
      members[i] = info;
      if (applicant === undefined && m.relation === 'richiedente') applicant = info;
    }
    this.members = members;
    this.applicant = applicant ?? members[0];
  }

  /** Completed years from `d` to the evaluation date (as `ageOn`: 29 February counts from 1 March). */
  yearsSince(d: IsoDate): number {
    return this.year - yearOf(d) - (this.monthDay < monthDayOf(d) ? 1 : 0);
  }

  /**
   * Dated overrides by parameter name (see `EvaluateInput.parameters`), checked by `evaluate`: a period
   * here that covers the date wins over the package's data, is marked in the trace and warned about.
   */
  overrides: ReadonlyMap<string, readonly ParameterPeriod<unknown>[]> | undefined;
  /** Parameters read whose last known value is applied after {@link PARAMETERS_VERIFIED_THROUGH}. */
  readonly unverifiedAfter: string[] = [];

  /**
   * Every period of `param`, overrides first (a lookup by another date than the evaluation's, such as the
   * first month of a renewal, finds an override before the package's period it replaces).
   */
  periodsOf<T>(param: DatedParameter<T>): readonly ParameterPeriod<T>[] {
    const own = this.overrides?.get(param.name) as readonly ParameterPeriod<T>[] | undefined;
    return own === undefined ? param.periods : [...own, ...param.periods];
  }

  /** The period of `param` in force on the date (recorded in the trace when explaining). */
  p<T>(param: DatedParameter<T>): ParameterPeriod<T> {
    const date = this.date;
    const own = this.overrides?.get(param.name);
    if (own !== undefined) {
      for (const period of own) {
        if (date >= period.from && (period.to === undefined || date <= period.to)) {
          if (!this.read?.has(param.name)) {
            this.read?.add(param.name);
            this.parameters?.push(overriddenEntry(param.name, period));
            this.warn('eligibility.parameter_overridden', {
              it: `Parametro ${param.name}: valore sostituito (${period.ref.act}, ${period.ref.article}), non quello del pacchetto`,
              en: `Parameter ${param.name}: value overridden (${period.ref.act}, ${period.ref.article}), not the package's`,
            }, undefined, { parameter: param.name });
          }
          return period as ParameterPeriod<T>;
        }
      }
    }
    for (const period of param.periods) {
      if (date >= period.from && (period.to === undefined || date <= period.to)) {
        if (this.read !== undefined && this.parameters !== undefined && !this.read.has(param.name)) {
          this.read.add(param.name);
          this.parameters.push(traceEntry(param.name, period));
        }
        if (period.to === undefined && date > PARAMETERS_VERIFIED_THROUGH && !this.unverifiedAfter.includes(param.name)) {
          this.unverifiedAfter.push(param.name);
        }
        return period;
      }
    }
    throw new ParameterGapError(param.name, date);
  }

  /** Adds a requirement. `message` is only called when the requirement is kept (explain, or not passed). */
  add(
    id: RequirementId,
    outcome: RequirementOutcome,
    actual: RequirementValue,
    threshold: RequirementValue,
    unit: RequirementUnit,
    source: Source,
    message: () => LocalizedText,
    missing: readonly string[] = EMPTY,
  ): RequirementOutcome {
    if (outcome === 'unknown') {
      for (const path of missing) {
        if (!this.missingSeen.has(path)) {
          this.missingSeen.add(path);
          this.missing.push(path);
        }
      }
    }
    if (this.explain || outcome !== 'pass') {
      this.requirements.push({
        id,
        outcome,
        actual,
        threshold,
        unit,
        ref: source.ref,
        status: source.status,
        message: message(),
        missing: outcome === 'unknown' ? missing : EMPTY,
      });
    } else {
      this.passed += 1;
    }
    return outcome;
  }

  /** Warnings: the answer stands, but something deserves a look (see {@link EvaluationWarning}). */
  readonly warnings: EvaluationWarning[] = [];
  private readonly warned = new Set<string>();

  /** Adds a warning once per code and path. */
  warn(code: EvaluationWarningCode, message: LocalizedText, path?: string, params?: EvaluationWarning['params']): void {
    const key = `${code} ${path ?? ''}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push({ code, message, ...(path === undefined ? {} : { path }), ...(params === undefined ? {} : { params }) });
  }

  /** Facts the engine derived instead of asking (for the trace), once per path. */
  readonly derived: DerivedFact[] = [];
  private readonly derivedSeen = new Set<string>();

  /** Records a derived fact (only when explaining: the trace is built then). */
  derive(path: string, value: DerivedFact['value'], reason: () => LocalizedText): void {
    if (!this.explain || this.derivedSeen.has(path)) return;
    this.derivedSeen.add(path);
    this.derived.push({ path, value, reason: reason() });
  }

  /** Requirements passed but not kept (explain: false). */
  passed = 0;

  /** `true` once any requirement failed. */
  get anyFail(): boolean {
    return this.requirements.some((r) => r.outcome === 'fail');
  }

  /** `true` once any requirement is unknown. */
  get anyUnknown(): boolean {
    return this.requirements.some((r) => r.outcome === 'unknown');
  }
}
