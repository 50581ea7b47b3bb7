// SPDX-License-Identifier: BSD-3-Clause
/**
 * Shared pieces of the lifecycles: the documented definition of a lifecycle (machine + rules + sources,
 * from which the Markdown pages are generated), typed transition wrappers, and small guard helpers.
 * @module
 */
import { isIsoDate, todayInItaly, type IsoDate, type LocalizedText, type Result } from '@riuso-sociale/core';
import type { AuditEvent } from '../audit.js';
import type { Actor, Instant } from '../base.js';
import { codedSchema, enteRefSchema } from '../base.js';
import type { Id } from '../ids.js';
import { isUuid } from '../ids.js';
import type { GuardRefusal, LifecycleEntity, LifecycleIssueCode, Machine, TransitionInput } from '../machine.js';
import type { LifecycleKind } from '../states.js';

/**
 * A rule enforced by the guards of a lifecycle: its stable id (the `params.rule` of a refusal), the
 * events that check it, what it says (Italian and English) and where it comes from.
 *
 * @example
 * ```ts
 * import type { LifecycleRule } from '@riuso-sociale/csi-model';
 * const r: LifecycleRule = {
 *   id: 'intervento.presa-in-carico-attiva', events: ['autorizza', 'avvia', 'riprendi'],
 *   text: { it: 'Serve una presa in carico attiva', en: 'An active presa in carico is needed' },
 *   source: 'shared/specs/csi-and-riuso.md §A4',
 * };
 * ```
 */
export interface LifecycleRule {
  /** Stable identifier (`<kind>.<slug>`), the `params.rule` of the refusal issue. */
  readonly id: string;
  /** The events whose guard checks the rule (`crea`: checked on a new record by a `checkNew…` function). */
  readonly events: readonly string[];
  /** Helper functions that also enforce it (e.g. `closePresaInCarico`). */
  readonly helpers?: readonly string[];
  /** The rule, Italian and English. */
  readonly text: LocalizedText;
  /** Where it comes from (spec section, XSD, law, standard) or `scelta progettuale` with the reason. */
  readonly source: string;
}

/**
 * A lifecycle as documented: the machine, its title and summary, the sources of its states and events,
 * and the rules its guards enforce. The Markdown page of each lifecycle is generated from it.
 *
 * @example
 * ```ts
 * import { LIFECYCLES } from '@riuso-sociale/csi-model';
 * LIFECYCLES.intervento.machine.initial; // 'proposto'
 * LIFECYCLES.intervento.rules.map((r) => r.id); // ['intervento.presa-in-carico-attiva', …]
 * ```
 */
export interface LifecycleDefinition<K extends LifecycleKind = LifecycleKind> {
  /** The entity kind. */
  readonly kind: K;
  /** The machine (entity type erased). */
  readonly machine: Machine<K, LifecycleEntity<K>, string>;
  /** Title of the page, Italian and English. */
  readonly title: LocalizedText;
  /** What the lifecycle covers, Italian and English. */
  readonly summary: LocalizedText;
  /** Sources of the states and events. */
  readonly sources: readonly string[];
  /** Rules enforced by the guards. */
  readonly rules: readonly LifecycleRule[];
  /** Notes (design choices, limits), Italian and English. */
  readonly notes?: readonly LocalizedText[];
}

/**
 * Input of a typed transition besides `data` and `context`: the reason and the audit event id.
 *
 * @example
 * ```ts
 * import type { BaseTransitionInput } from '@riuso-sociale/csi-model';
 * const i: BaseTransitionInput = { reason: 'obiettivi raggiunti' };
 * ```
 */
export interface BaseTransitionInput {
  /** Why (kept in the history and the audit event). */
  readonly reason?: string;
  /** Identifier of the audit event (default: a new UUID). */
  readonly auditId?: Id<'audit-event'>;
}

/**
 * The arguments after `at` of a typed transition for an event whose input is `IO` (`{ reason?, data?,
 * context? }`): the input is mandatory when `IO` has a mandatory key (a reason, data or context).
 *
 * @example
 * ```ts
 * import type { TransitionArgs } from '@riuso-sociale/csi-model';
 * type A = TransitionArgs<{ reason: string }>; // [input: BaseTransitionInput & { reason: string }]
 * ```
 */
export type TransitionArgs<IO extends object> = {} extends IO ? [input?: BaseTransitionInput & IO] : [input: BaseTransitionInput & IO];

/**
 * An accepted transition: the new entity and its one audit event.
 *
 * @example
 * ```ts
 * import type { Transitioned } from '@riuso-sociale/csi-model';
 * type A = Transitioned<{ id: string }>['audit']; // AuditEvent
 * ```
 */
export interface Transitioned<E> {
  /** The entity after the transition (new status, history entry, version, updatedAt/By). */
  readonly entity: E;
  /** The audit event of the transition. */
  readonly audit: AuditEvent;
}

/**
 * The outcome of a transition: the new entity and its one audit event, or typed issues.
 *
 * @example
 * ```ts
 * import type { TransitionResult } from '@riuso-sociale/csi-model';
 * type R = TransitionResult<{ id: string }>;
 * ```
 */
export type TransitionResult<E> = Result<Transitioned<E>, LifecycleIssueCode>;

/**
 * The input of an event that needs a reason.
 *
 * @example
 * ```ts
 * import type { ReasonInput } from '@riuso-sociale/csi-model';
 * const i: ReasonInput = { reason: 'rinuncia della persona' };
 * ```
 */
export interface ReasonInput {
  /** Why (mandatory for this event; kept in the history and the audit event). */
  readonly reason: string;
}

/**
 * The data of an event that ends a period.
 *
 * @example
 * ```ts
 * import type { EndDateData } from '@riuso-sociale/csi-model';
 * const d: EndDateData = { al: '2025-06-30' as never };
 * ```
 */
export interface EndDateData {
  /** End date (default: today in Italy); not before the start. */
  readonly al?: IsoDate;
}

/**
 * A typed transition function: `event` picks the input type from the event map `M` (`segna-errore`
 * always takes `{ reason: string }`).
 *
 * @example
 * ```ts
 * import type { TypedTransition } from '@riuso-sociale/csi-model';
 * type T = TypedTransition<{ id: string }, { chiudi: { reason: string } }>;
 * ```
 */
export type TypedTransition<E, M extends { [P in keyof M]: object }> = <Ev extends (keyof M & string) | 'segna-errore'>(
  entity: E,
  event: Ev,
  actor: Actor,
  at: Instant,
  ...args: TransitionArgs<Ev extends keyof M ? M[Ev] : { reason: string }>
) => TransitionResult<E>;

/** @internal Wraps a machine's `transition` into a typed one. */
export function typed<K extends LifecycleKind, E extends LifecycleEntity<K>, M extends { [P in keyof M]: object }>(
  machine: Machine<K, E, keyof M & string>,
): TypedTransition<E, M> {
  return ((entity: E, event: string, actor: Actor, at: Instant, input?: object) =>
    machine.transition(entity, event as keyof M & string, actor, at, input as TransitionInput<never, never> | undefined)) as TypedTransition<E, M>;
}

/** @internal A guard refusal. */
export function refusal(rule: string, it: string, en: string): GuardRefusal {
  return { rule, message: { it, en } };
}

/** @internal The calendar date in Italy of an instant. */
export function dateInItaly(at: Instant): IsoDate {
  return todayInItaly(new Date(at));
}

/** @internal `true` for a valid calendar date string. */
export function isDate(value: unknown): value is IsoDate {
  return isIsoDate(value);
}

const anyCoded = codedSchema();

/** @internal `true` for a well-formed coded value (system, version, code). */
export function isCoded(value: unknown): boolean {
  return anyCoded.safeParse(value).success;
}

/** @internal `true` for a well-formed Ente reference. */
export function isEnteRef(value: unknown): boolean {
  return enteRefSchema.safeParse(value).success;
}

/** @internal `true` for an identifier (a lower-case UUID). */
export function isId(value: unknown): boolean {
  return isUuid(value);
}

/** @internal Removes keys from an object (fields cleared by a transition). */
export function without<T extends object, Key extends string>(value: T, ...keys: Key[]): T {
  const copy = { ...value } as Record<string, unknown>;
  for (const k of keys) delete copy[k];
  return copy as T;
}

/** @internal A missing-context refusal. */
export function missingContext(kind: LifecycleKind, what: LocalizedText): GuardRefusal {
  return refusal(`${kind}.contesto-mancante`, `Contesto mancante: ${what.it}`, `Missing context: ${what.en}`);
}
