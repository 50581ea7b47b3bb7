// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of an Assegnazione of an operator to a presa in carico (spec §A3 #16: attiva → terminata,
 * with the reason for the change; it drives access rights, spec §A5).
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isDate, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput, type EndDateData } from './define.js';
import type { Assegnazione } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'assegnazione', Assegnazione, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Inputs of the Assegnazione events.
 *
 * @example
 * ```ts
 * import type { AssegnazioneEventInputs } from '@riuso-sociale/csi-model';
 * const i: AssegnazioneEventInputs['termina'] = { reason: 'cambio di case manager' };
 * ```
 */
export interface AssegnazioneEventInputs {
  /** Ends the assignment (the reason becomes `motivoCambio` when that is empty). */
  termina: ReasonInput & {
    /** The end date. */
    data?: EndDateData;
  };
}

const DATA_FINE = 'assegnazione.data-fine';

/**
 * The Assegnazione machine: `termina` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { assegnazioneMachine } from '@riuso-sociale/csi-model';
 * assegnazioneMachine.allowedEvents({ status: 'attiva' }); // ['termina', 'segna-errore']
 * ```
 */
export const assegnazioneMachine = defineMachine<'assegnazione', Assegnazione, keyof AssegnazioneEventInputs>('assegnazione', 'attiva', {
  termina: spec<NonNullable<AssegnazioneEventInputs['termina']['data']>>({
    from: ['attiva'],
    to: 'terminata',
    reasonRequired: true,
    label: { it: 'Termina l\'assegnazione', en: 'End the assignment' },
    guard: (a, { data }, at) => {
      const al = data?.al ?? dateInItaly(at);
      if (!isDate(al)) return refusal(DATA_FINE, 'Data di fine non valida (AAAA-MM-GG)', 'Invalid end date (YYYY-MM-DD)');
      if (al < a.dal) return refusal(DATA_FINE, 'La fine precede l\'inizio dell\'assegnazione', 'The end precedes the start of the assignment');
      return null;
    },
    apply: (a, { data, reason }, at) => ({
      ...a,
      al: data?.al ?? dateInItaly(at),
      ...(a.motivoCambio === undefined && reason !== undefined ? { motivoCambio: reason.trim().slice(0, 1000) } : {}),
    }),
  }),
});

/**
 * Typed transition of an Assegnazione.
 *
 * @example
 * ```ts
 * import { transitionAssegnazione } from '@riuso-sociale/csi-model';
 * // transitionAssegnazione(assegnazione, 'termina', actor, at, { reason: 'trasferimento dell\'operatore' });
 * ```
 */
export const transitionAssegnazione: TypedTransition<Assegnazione, AssegnazioneEventInputs> = typed<'assegnazione', Assegnazione, AssegnazioneEventInputs>(
  assegnazioneMachine,
);

const RULES: readonly LifecycleRule[] = [
  {
    id: DATA_FINE,
    events: ['termina'],
    text: { it: 'La data di fine (predefinita: oggi in Italia) è valida e non precede l\'inizio; il motivo del cambio è obbligatorio.', en: 'The end date (default: today in Italy) is valid and not before the start; the reason for the change is mandatory.' },
    source: 'spec §A3 #16 («assignment to a presa in carico with start/end and reason for change»); UK SSD «involvements»',
  },
];

/**
 * The documented Assegnazione lifecycle.
 *
 * @example
 * ```ts
 * import { ASSEGNAZIONE_LIFECYCLE } from '@riuso-sociale/csi-model';
 * ASSEGNAZIONE_LIFECYCLE.machine.initial; // 'attiva'
 * ```
 */
export const ASSEGNAZIONE_LIFECYCLE: LifecycleDefinition<'assegnazione'> = {
  kind: 'assegnazione',
  machine: assegnazioneMachine as unknown as LifecycleDefinition<'assegnazione'>['machine'],
  title: { it: 'Assegnazione', en: 'Assignment' },
  summary: {
    it: 'L\'assegnazione di un operatore a una presa in carico (case manager, équipe, ente gestore) è attiva dal suo inizio e termina con un motivo; finché è attiva dà accesso ai dati della presa in carico.',
    en: 'The assignment of an operator to a presa in carico (case manager, team, provider) is active from its start and ends with a reason; while active it grants access to the data of the presa in carico.',
  },
  sources: ['shared/specs/csi-and-riuso.md §A3 #16 (attiva → terminata), §A5 (accesso per relazione di cura)'],
  rules: RULES,
};
