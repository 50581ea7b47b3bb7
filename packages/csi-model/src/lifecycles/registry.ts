// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every lifecycle by kind, the states reachable in a machine, and the first history entry (with its
 * `create` audit event) of a new entity.
 * @module
 */
import { auditEvent, type AuditEvent } from '../audit.js';
import type { Actor, Instant, StatusChange } from '../base.js';
import { newId, type Id } from '../ids.js';
import type { LifecycleKind, StateOf } from '../states.js';
import { ACCESSO_LIFECYCLE } from './accesso.js';
import { APPUNTAMENTO_LIFECYCLE } from './appuntamento.js';
import { ASSEGNAZIONE_LIFECYCLE } from './assegnazione.js';
import { CARTELLA_LIFECYCLE } from './cartella.js';
import { CONSENSO_LIFECYCLE } from './consenso.js';
import type { LifecycleDefinition } from './define.js';
import type { MachineTable } from './docs.js';
import { DIARIO_LIFECYCLE } from './diario.js';
import { DOCUMENTO_LIFECYCLE } from './documento.js';
import { EROGAZIONE_LIFECYCLE } from './erogazione.js';
import { FLUSSO_SIUSS_LIFECYCLE } from './flusso-siuss.js';
import { INTERVENTO_LIFECYCLE } from './intervento.js';
import { OBIETTIVO_LIFECYCLE } from './obiettivo.js';
import { PERSONA_LIFECYCLE } from './persona.js';
import { PRESA_IN_CARICO_LIFECYCLE } from './presa-in-carico.js';
import { PROGETTO_LIFECYCLE } from './progetto.js';
import { PROVVEDIMENTO_LIFECYCLE } from './provvedimento.js';
import { VALUTAZIONE_LIFECYCLE } from './valutazione.js';

/**
 * Every documented lifecycle, by entity kind (same order as `STATES`).
 *
 * @example
 * ```ts
 * import { LIFECYCLES } from '@riuso-sociale/csi-model';
 * Object.keys(LIFECYCLES).length; // 16
 * LIFECYCLES.erogazione.machine.allowedEvents({ status: 'esportata' }); // ['annulla', 'segna-errore']
 * ```
 */
export const LIFECYCLES: { readonly [K in LifecycleKind]: LifecycleDefinition<K> } = {
  persona: PERSONA_LIFECYCLE,
  cartella: CARTELLA_LIFECYCLE,
  accesso: ACCESSO_LIFECYCLE,
  'presa-in-carico': PRESA_IN_CARICO_LIFECYCLE,
  valutazione: VALUTAZIONE_LIFECYCLE,
  progetto: PROGETTO_LIFECYCLE,
  obiettivo: OBIETTIVO_LIFECYCLE,
  intervento: INTERVENTO_LIFECYCLE,
  erogazione: EROGAZIONE_LIFECYCLE,
  diario: DIARIO_LIFECYCLE,
  documento: DOCUMENTO_LIFECYCLE,
  provvedimento: PROVVEDIMENTO_LIFECYCLE,
  consenso: CONSENSO_LIFECYCLE,
  assegnazione: ASSEGNAZIONE_LIFECYCLE,
  'flusso-siuss': FLUSSO_SIUSS_LIFECYCLE,
  appuntamento: APPUNTAMENTO_LIFECYCLE,
};

/**
 * The states reachable from the initial state through the machine's table (guards not evaluated), in
 * the order they are first reached.
 *
 * @example
 * ```ts
 * import { reachableStates, diarioMachine } from '@riuso-sociale/csi-model';
 * reachableStates(diarioMachine); // ['bozza', 'firmato', 'entered-in-error']
 * ```
 */
export function reachableStates<M extends Pick<MachineTable, 'initial' | 'spec'>>(machine: M): readonly M['initial'][] {
  const edges = Object.values(machine.spec);
  const seen: M['initial'][] = [machine.initial];
  for (let i = 0; i < seen.length; i++) {
    const state = seen[i] as string;
    for (const e of edges) if (e.from.includes(state) && !seen.includes(e.to)) seen.push(e.to);
  }
  return seen;
}

/**
 * Options of {@link initialHistory}.
 *
 * @example
 * ```ts
 * import type { InitialHistoryOptions } from '@riuso-sociale/csi-model';
 * const o: InitialHistoryOptions<'erogazione'> = { status: 'registrata' };
 * ```
 */
export interface InitialHistoryOptions<K extends LifecycleKind> {
  /** Identifier of the new entity (default: a new UUID). */
  readonly id?: Id<K>;
  /** First state (default: the machine's initial state). */
  readonly status?: Exclude<StateOf<K>, 'entered-in-error'>;
  /** The person the record is about (copied into the audit event). */
  readonly persona?: Id<'persona'>;
  /** Why, when relevant (e.g. a record created as a correction). */
  readonly reason?: string;
  /** Identifier of the audit event (default: a new UUID). */
  readonly auditId?: Id<'audit-event'>;
}

/**
 * What {@link initialHistory} returns.
 *
 * @example
 * ```ts
 * import type { InitialHistory } from '@riuso-sociale/csi-model';
 * type S = InitialHistory<'cartella'>['status']; // 'aperta' | 'chiusa' | 'entered-in-error'
 * ```
 */
export interface InitialHistory<K extends LifecycleKind> {
  /** Identifier of the new entity. */
  readonly id: Id<K>;
  /** Its first state. */
  readonly status: StateOf<K>;
  /** Its history: the `crea` entry. */
  readonly history: readonly [StatusChange<StateOf<K>>];
  /** The `create` audit event (transition from `null`). */
  readonly audit: AuditEvent;
}

/**
 * The first state of a new entity: its id, status, a history with the `crea` entry, and the `create`
 * audit event (transition from `null`).
 *
 * @example
 * ```ts
 * import { initialHistory, newId } from '@riuso-sociale/csi-model';
 * const actor = { operatoreId: newId('operatore'), role: 'assistente-sociale' } as const;
 * const h = initialHistory('cartella', actor, '2025-03-01T09:00:00Z' as never);
 * h.status; // 'aperta'
 * h.audit.action; // 'create'
 * ```
 */
export function initialHistory<K extends LifecycleKind>(
  kind: K,
  actor: Actor,
  at: Instant,
  options: InitialHistoryOptions<K> = {},
): InitialHistory<K> {
  const id = options.id ?? newId(kind);
  const status = (options.status ?? LIFECYCLES[kind].machine.initial) as StateOf<K>;
  const reason = options.reason?.trim();
  const change: StatusChange<StateOf<K>> = { status, at, by: actor.operatoreId, event: 'crea', ...(reason ? { reason } : {}) };
  const audit = auditEvent({
    ...(options.auditId !== undefined ? { id: options.auditId } : {}),
    at,
    actor,
    action: 'create',
    entity: { kind, id },
    ...(options.persona !== undefined ? { persona: options.persona } : {}),
    transition: { event: 'crea', from: null, to: status },
    ...(reason ? { reason } : {}),
    outcome: 'success',
  });
  return { id, status, history: [change], audit };
}
