// SPDX-License-Identifier: BSD-3-Clause
/**
 * The lifecycle engine: a machine is a table of events, each with the states it may start from, the
 * state it leads to, an optional guard (which sees the entity, the input and a context of related
 * records) and an optional update of the entity's fields. `transition` is a pure function
 * `(entity, event, actor, at, input?) → Result<{ entity, audit }>`: an accepted event yields the new
 * entity (status, history, version, updatedAt/By) and exactly one AuditEvent; a refused one yields typed
 * issues and no change. Every machine also has `segna-errore` (entered-in-error, with a reason) from
 * every state: nothing is ever deleted.
 * @module
 */
import { createIssue, fail, ok, type Issue, type LocalizedText, type Result } from '@riuso-sociale/core';
import { auditEvent, type AuditEvent } from './audit.js';
import type { Actor, Instant, StatusChange } from './base.js';
import { isInstant } from './base.js';
import type { Id } from './ids.js';
import type { LifecycleKind, StateOf } from './states.js';
import { STATES } from './states.js';

/**
 * What a lifecycle entity has: identifier, status, history, version and last change.
 *
 * @example
 * ```ts
 * import type { LifecycleEntity } from '@riuso-sociale/csi-model';
 * type E = LifecycleEntity<'cartella'>['status']; // 'aperta' | 'chiusa' | 'entered-in-error'
 * ```
 */
export interface LifecycleEntity<K extends LifecycleKind> {
  readonly id: Id<K>;
  readonly status: StateOf<K>;
  readonly history: readonly StatusChange<StateOf<K>>[];
  readonly version: number;
  readonly updatedAt: Instant;
  readonly updatedBy: Id<'operatore'>;
}

/**
 * Issue codes of a transition.
 *
 * @example
 * ```ts
 * import type { LifecycleIssueCode } from '@riuso-sociale/csi-model';
 * const c: LifecycleIssueCode = 'csi.lifecycle.guard';
 * ```
 */
export type LifecycleIssueCode =
  | 'csi.lifecycle.unknown_event'
  | 'csi.lifecycle.not_allowed'
  | 'csi.lifecycle.reason_required'
  | 'csi.lifecycle.reason_too_long'
  | 'csi.lifecycle.invalid_instant'
  | 'csi.lifecycle.time_order'
  | 'csi.lifecycle.guard';

/**
 * Input of a transition: the reason (mandatory for some events), event data, and the related records
 * the guards may look at (`context`).
 *
 * @example
 * ```ts
 * import type { TransitionInput } from '@riuso-sociale/csi-model';
 * const input: TransitionInput<{ motivo: string }, never> = { reason: 'trasferimento', data: { motivo: 'cambio residenza' } };
 * ```
 */
export interface TransitionInput<D = unknown, C = unknown> {
  /** Why (kept in the history and the audit event). */
  readonly reason?: string;
  /** Event data (e.g. closure codes), checked by the guard and applied by `apply`. */
  readonly data?: D;
  /** Related records the guard needs (e.g. the presa in carico of an intervento). */
  readonly context?: C;
  /** Identifier of the audit event (default: a new UUID). */
  readonly auditId?: Id<'audit-event'>;
}

/**
 * One event of a machine.
 *
 * @example
 * ```ts
 * import type { EventSpec } from '@riuso-sociale/csi-model';
 * const chiudi: EventSpec<'cartella', never> = { from: ['aperta'], to: 'chiusa', reasonRequired: true, label: { it: 'Chiudi', en: 'Close' } };
 * ```
 */
export interface EventSpec<K extends LifecycleKind, E, D = unknown, C = unknown> {
  /** States the event may start from. */
  readonly from: readonly StateOf<K>[];
  /** State it leads to. */
  readonly to: StateOf<K>;
  /** A reason is mandatory. */
  readonly reasonRequired?: boolean;
  /** Name of the event, Italian and English. */
  readonly label: LocalizedText;
  /** Extra condition: a refusal message (with an issue code suffix) or `null` to accept. */
  readonly guard?: (entity: E, input: TransitionInput<D, C>, at: Instant, actor: Actor) => GuardRefusal | null;
  /** Field updates other than status/history/version (e.g. the closure date). */
  readonly apply?: (entity: E, input: TransitionInput<D, C>, at: Instant) => E;
}

/**
 * Why a guard refuses: a stable code suffix (becomes `params.rule`) and the message.
 *
 * @example
 * ```ts
 * import type { GuardRefusal } from '@riuso-sociale/csi-model';
 * const r: GuardRefusal = { rule: 'presa-in-carico-attiva', message: { it: 'Serve una presa in carico attiva', en: 'An active presa in carico is needed' } };
 * ```
 */
export interface GuardRefusal {
  /** Stable identifier of the rule. */
  readonly rule: string;
  /** Message, Italian and English. */
  readonly message: LocalizedText;
}

/**
 * A lifecycle: its kind, initial state and events.
 *
 * @example
 * ```ts
 * import { defineMachine } from '@riuso-sociale/csi-model';
 * const m = defineMachine('assegnazione', 'attiva', {
 *   termina: { from: ['attiva'], to: 'terminata', reasonRequired: true, label: { it: 'Termina', en: 'End' } },
 * });
 * m.events; // ['termina', 'segna-errore']
 * ```
 */
export interface Machine<K extends LifecycleKind, E extends LifecycleEntity<K>, Ev extends string> {
  /** The entity kind. */
  readonly kind: K;
  /** The state of a new entity. */
  readonly initial: StateOf<K>;
  /** Every event, including `segna-errore`. */
  readonly events: readonly (Ev | 'segna-errore')[];
  /** The specification of each event. */
  readonly spec: Readonly<Record<Ev | 'segna-errore', EventSpec<K, E, never, never>>>;
  /** The events allowed from the entity's current state (guards not evaluated). */
  allowedEvents(entity: Pick<E, 'status'>): readonly (Ev | 'segna-errore')[];
  /** Applies an event: the new entity and its one audit event, or typed issues and no change. */
  transition(
    entity: E,
    event: Ev | 'segna-errore',
    actor: Actor,
    at: Instant,
    input?: TransitionInput<never, never>,
  ): Result<{ readonly entity: E; readonly audit: AuditEvent }, LifecycleIssueCode>;
}

const ENTERED_IN_ERROR = 'entered-in-error';
/** Longest reason kept in the history and the audit event (their schemas cap it at 2000). */
const MAX_REASON = 2000;

function refuse(code: LifecycleIssueCode, text: LocalizedText, params: Record<string, string | number | boolean | null>): Issue<LifecycleIssueCode> {
  return createIssue(code, text, { params });
}

/** An event name as shown in a message: a plausible name as is, anything else shortened (never echoed whole). */
function shownEvent(event: unknown): string {
  const s = String(event);
  return /^[a-z][a-z0-9-]{0,39}$/.test(s) ? s : `${s.slice(0, 24).replace(/[^\x20-\x7e]/g, '?')}…`;
}

/**
 * Milliseconds since the epoch of a UTC instant, or `NaN` when it is not one. Instants are compared as
 * points in time, never as strings: `'…09:30:00.5Z' < '…09:30:00Z'` as strings ('.' sorts before 'Z').
 */
function instantMs(value: unknown): number {
  return isInstant(value) ? Date.parse(value) : Number.NaN;
}

/**
 * Defines a lifecycle machine. `segna-errore` (from every state but `entered-in-error`, reason
 * required) is added to every machine. The events' typed inputs are erased in `Machine.spec`; use the
 * machine's own typed wrapper (e.g. `transitionIntervento`) for typed `data`/`context`.
 *
 * @param kind - the entity kind.
 * @param initial - the state of a new entity.
 * @param events - the events by name.
 * @example
 * ```ts
 * import { defineMachine } from '@riuso-sociale/csi-model';
 * const assegnazione = defineMachine('assegnazione', 'attiva', {
 *   termina: { from: ['attiva'], to: 'terminata', reasonRequired: true, label: { it: 'Termina', en: 'End' } },
 * });
 * assegnazione.allowedEvents({ status: 'attiva' }); // ['termina', 'segna-errore']
 * ```
 */
export function defineMachine<K extends LifecycleKind, E extends LifecycleEntity<K>, Ev extends string>(
  kind: K,
  initial: StateOf<K>,
  events: Readonly<Record<Ev, EventSpec<K, E, never, never>>>,
): Machine<K, E, Ev> {
  const states = STATES[kind] as readonly StateOf<K>[];
  const all = {
    ...events,
    'segna-errore': {
      from: states.filter((s) => s !== ENTERED_IN_ERROR),
      to: ENTERED_IN_ERROR as StateOf<K>,
      reasonRequired: true,
      label: { it: 'Segna come inserito per errore', en: 'Mark as entered in error' },
    },
  } as Record<Ev | 'segna-errore', EventSpec<K, E, never, never>>;
  for (const [name, spec] of Object.entries(all) as [string, EventSpec<K, E, never, never>][]) {
    for (const s of [...spec.from, spec.to]) {
      if (!states.includes(s)) throw new Error(`csi-model: machine ${kind}, event ${name}: unknown state ${String(s)}`);
    }
  }
  const names = Object.keys(all) as (Ev | 'segna-errore')[];
  return {
    kind,
    initial,
    events: names,
    spec: all,
    allowedEvents(entity) {
      return names.filter((n) => all[n].from.includes(entity.status));
    },
    transition(entity, event, actor, at, input = {}) {
      // Own keys only: `__proto__`, `constructor`, `toString`… are unknown events, not inherited members.
      const spec = typeof event === 'string' && Object.hasOwn(all, event) ? (all as Record<string, EventSpec<K, E, never, never>>)[event] : undefined;
      if (spec === undefined) {
        const shown = shownEvent(event);
        return fail([refuse('csi.lifecycle.unknown_event', { it: `Evento sconosciuto per ${kind}: ${shown}`, en: `Unknown ${kind} event: ${shown}` }, { event: shown })]);
      }
      if (!isInstant(at)) {
        return fail([refuse('csi.lifecycle.invalid_instant', { it: 'Istante non valido (AAAA-MM-GGThh:mm:ssZ)', en: 'Invalid instant (YYYY-MM-DDThh:mm:ssZ)' }, { event })]);
      }
      if (!spec.from.includes(entity.status)) {
        return fail([
          refuse(
            'csi.lifecycle.not_allowed',
            {
              it: `${spec.label.it}: non ammesso dallo stato «${entity.status}» (ammesso da: ${spec.from.join(', ')})`,
              en: `${spec.label.en}: not allowed from state "${entity.status}" (allowed from: ${spec.from.join(', ')})`,
            },
            { event, from: entity.status },
          ),
        ]);
      }
      // As points in time (an `updatedAt` that is not an instant refuses: fail closed).
      const last = instantMs(entity.updatedAt);
      if (Number.isNaN(last) || Date.parse(at) < last) {
        return fail([
          refuse(
            'csi.lifecycle.time_order',
            { it: `${spec.label.it}: l'istante precede l'ultima modifica`, en: `${spec.label.en}: the instant precedes the last change` },
            { event },
          ),
        ]);
      }
      const reason = input.reason?.trim();
      if (spec.reasonRequired && (reason === undefined || reason.length === 0)) {
        return fail([refuse('csi.lifecycle.reason_required', { it: `${spec.label.it}: motivo obbligatorio`, en: `${spec.label.en}: a reason is required` }, { event })]);
      }
      if (reason !== undefined && reason.length > MAX_REASON) {
        return fail([
          refuse(
            'csi.lifecycle.reason_too_long',
            { it: `${spec.label.it}: motivo oltre ${MAX_REASON} caratteri`, en: `${spec.label.en}: reason over ${MAX_REASON} characters` },
            { event, max: MAX_REASON },
          ),
        ]);
      }
      const refusal = spec.guard?.(entity, input, at, actor) ?? null;
      if (refusal) {
        return fail([refuse('csi.lifecycle.guard', refusal.message, { event, rule: refusal.rule })]);
      }
      const updated = spec.apply ? spec.apply(entity, input, at) : entity;
      const change: StatusChange<StateOf<K>> = {
        status: spec.to,
        at,
        by: actor.operatoreId,
        event,
        ...(reason ? { reason } : {}),
      };
      const next = {
        ...updated,
        status: spec.to,
        history: [...entity.history, change],
        version: entity.version + 1,
        updatedAt: at,
        updatedBy: actor.operatoreId,
      } as E;
      const persona = (entity as unknown as { persona?: Id<'persona'> }).persona;
      const audit = auditEvent({
        ...(input.auditId ? { id: input.auditId } : {}),
        at,
        actor,
        action: 'transition',
        entity: { kind, id: entity.id },
        ...(typeof persona === 'string' ? { persona } : {}),
        transition: { event, from: entity.status, to: spec.to },
        ...(reason ? { reason } : {}),
        outcome: 'success',
      });
      return ok({ entity: next, audit });
    },
  };
}
