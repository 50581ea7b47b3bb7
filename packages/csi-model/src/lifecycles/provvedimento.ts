// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of a Provvedimento giudiziario (spec §A3 #14: attivo → modificato → cessato).
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isDate, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput, type EndDateData } from './define.js';
import type { Provvedimento } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'provvedimento', Provvedimento, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Inputs of the Provvedimento events.
 *
 * @example
 * ```ts
 * import type { ProvvedimentoEventInputs } from '@riuso-sociale/csi-model';
 * const i: ProvvedimentoEventInputs['cessa'] = { reason: 'raggiunta maggiore età' };
 * ```
 */
export interface ProvvedimentoEventInputs {
  /** The order has been modified by a later order (recorded as a new provvedimento with `modificaDi`). */
  modifica: ReasonInput;
  /** The order ceases. */
  cessa: ReasonInput & {
    /** The end date. */
    data?: EndDateData;
  };
}

const DATA_FINE = 'provvedimento.data-fine';

/**
 * The Provvedimento machine: `modifica`, `cessa` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { provvedimentoMachine } from '@riuso-sociale/csi-model';
 * provvedimentoMachine.allowedEvents({ status: 'modificato' }); // ['cessa', 'segna-errore']
 * ```
 */
export const provvedimentoMachine = defineMachine<'provvedimento', Provvedimento, keyof ProvvedimentoEventInputs>('provvedimento', 'attivo', {
  modifica: spec({ from: ['attivo'], to: 'modificato', reasonRequired: true, label: { it: 'Segna come modificato', en: 'Mark as modified' } }),
  cessa: spec<NonNullable<ProvvedimentoEventInputs['cessa']['data']>>({
    from: ['attivo', 'modificato'],
    to: 'cessato',
    reasonRequired: true,
    label: { it: 'Cessa', en: 'End' },
    guard: (p, { data }, at) => {
      const al = data?.al ?? dateInItaly(at);
      if (!isDate(al)) return refusal(DATA_FINE, 'Data di cessazione non valida (AAAA-MM-GG)', 'Invalid end date (YYYY-MM-DD)');
      if (al < p.dal) return refusal(DATA_FINE, 'La cessazione precede la decorrenza del provvedimento', 'The end precedes the start of the order');
      return null;
    },
    apply: (p, { data }, at) => ({ ...p, al: data?.al ?? dateInItaly(at) }),
  }),
});

/**
 * Typed transition of a Provvedimento.
 *
 * @example
 * ```ts
 * import { transitionProvvedimento } from '@riuso-sociale/csi-model';
 * // transitionProvvedimento(provvedimento, 'cessa', actor, at, { reason: 'decreto di chiusura' });
 * ```
 */
export const transitionProvvedimento: TypedTransition<Provvedimento, ProvvedimentoEventInputs> = typed<'provvedimento', Provvedimento, ProvvedimentoEventInputs>(
  provvedimentoMachine,
);

const RULES: readonly LifecycleRule[] = [
  {
    id: DATA_FINE,
    events: ['cessa'],
    text: { it: 'La data di cessazione (predefinita: oggi in Italia) è valida e non precede la decorrenza.', en: 'The end date (default: today in Italy) is valid and not before the start.' },
    source: 'spec §A3 #14 (date del provvedimento)',
  },
];

/**
 * The documented Provvedimento lifecycle.
 *
 * @example
 * ```ts
 * import { PROVVEDIMENTO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * PROVVEDIMENTO_LIFECYCLE.machine.initial; // 'attivo'
 * ```
 */
export const PROVVEDIMENTO_LIFECYCLE: LifecycleDefinition<'provvedimento'> = {
  kind: 'provvedimento',
  machine: provvedimentoMachine as unknown as LifecycleDefinition<'provvedimento'>['machine'],
  title: { it: 'Provvedimento giudiziario', en: 'Court order' },
  summary: {
    it: 'Un provvedimento dell\'autorità giudiziaria è attivo dalla decorrenza; un provvedimento successivo lo modifica (il nuovo richiama il vecchio con `modificaDi`); infine cessa.',
    en: 'An order of the judicial authority is active from its start; a later order modifies it (the new one points to the old with `modificaDi`); finally it ends.',
  },
  sources: ['shared/specs/csi-and-riuso.md §A3 #14 (attivo → modificato → cessato)', 'INPS SINBA.xsd (AutoritaProvvedimento, TipoProvvedimentoGiudiziario)'],
  rules: RULES,
};
