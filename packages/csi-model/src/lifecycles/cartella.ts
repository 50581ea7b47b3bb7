// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of a Cartella (spec §A3 #4: aperta → chiusa → riaperta; SISO: "no cartella can be
 * deleted", every closure and re-opening is kept).
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isDate, missingContext, refusal, typed, without, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput } from './define.js';
import type { Cartella, PresaInCarico } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'cartella', Cartella, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Inputs of the Cartella events.
 *
 * @example
 * ```ts
 * import type { CartellaEventInputs } from '@riuso-sociale/csi-model';
 * const i: CartellaEventInputs['chiudi'] = { reason: 'trasferimento di residenza', context: { preseInCarico: [] } };
 * ```
 */
export interface CartellaEventInputs {
  /** Closes the record: a reason, the prese in carico of the record (none may be open), the closing date (default: today in Italy). */
  chiudi: ReasonInput & {
    /** The closing date. */
    data?: {
      /** Closing date (default: today in Italy); not before the opening. */
      readonly chiusaIl?: IsoDate;
    };
    /** The prese in carico to check. */
    context: {
      /** The prese in carico of the person (those of other cartelle are ignored). */
      readonly preseInCarico: readonly Pick<PresaInCarico, 'id' | 'cartella' | 'status'>[];
    };
  };
  /** Reopens a closed record (the closing date is cleared; the history keeps it). */
  riapri: ReasonInput;
}

const PRESE_APERTE = 'cartella.prese-in-carico-aperte';
const DATA_CHIUSURA = 'cartella.data-chiusura';
const CONTESTO = 'cartella.contesto-mancante';
const OPEN_PRESA = new Set<string>(['proposta', 'attiva', 'sospesa']);

/**
 * The Cartella machine: `chiudi`, `riapri` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { cartellaMachine } from '@riuso-sociale/csi-model';
 * cartellaMachine.allowedEvents({ status: 'chiusa' }); // ['riapri', 'segna-errore']
 * ```
 */
export const cartellaMachine = defineMachine<'cartella', Cartella, keyof CartellaEventInputs>('cartella', 'aperta', {
  chiudi: spec<NonNullable<CartellaEventInputs['chiudi']['data']>, CartellaEventInputs['chiudi']['context']>({
    from: ['aperta'],
    to: 'chiusa',
    reasonRequired: true,
    label: { it: 'Chiudi la cartella', en: 'Close the record' },
    guard: (c, { data, context }, at) => {
      if (context?.preseInCarico === undefined) return missingContext('cartella', { it: 'le prese in carico della cartella', en: 'the prese in carico of the record' });
      const open = context.preseInCarico.filter((p) => p.cartella === c.id && OPEN_PRESA.has(p.status));
      if (open.length > 0) {
        return refusal(PRESE_APERTE, `La cartella ha ${open.length} prese in carico aperte: chiuderle, trasferirle o annullarle prima`, `The record has ${open.length} open prese in carico: close, transfer or cancel them first`);
      }
      const d = data?.chiusaIl ?? dateInItaly(at);
      if (!isDate(d)) return refusal(DATA_CHIUSURA, 'Data di chiusura non valida (AAAA-MM-GG)', 'Invalid closing date (YYYY-MM-DD)');
      if (d < c.apertaIl) return refusal(DATA_CHIUSURA, 'La data di chiusura precede l\'apertura', 'The closing date precedes the opening');
      return null;
    },
    apply: (c, { data }, at) => ({ ...c, chiusaIl: data?.chiusaIl ?? dateInItaly(at) }),
  }),
  riapri: spec({
    from: ['chiusa'],
    to: 'aperta',
    reasonRequired: true,
    label: { it: 'Riapri la cartella', en: 'Reopen the record' },
    apply: (c) => without(c, 'chiusaIl'),
  }),
});

/**
 * Typed transition of a Cartella.
 *
 * @example
 * ```ts
 * import { transitionCartella } from '@riuso-sociale/csi-model';
 * // transitionCartella(cartella, 'chiudi', actor, at, { reason: 'trasferita', context: { preseInCarico } });
 * ```
 */
export const transitionCartella: TypedTransition<Cartella, CartellaEventInputs> = typed<'cartella', Cartella, CartellaEventInputs>(cartellaMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: PRESE_APERTE,
    events: ['chiudi'],
    text: { it: 'Una cartella si chiude solo quando nessuna sua presa in carico è proposta, attiva o sospesa.', en: 'A record closes only when none of its prese in carico is proposed, active or suspended.' },
    source: 'spec §A3 #4 e #6 (la cartella contiene le prese in carico); scelta progettuale: una presa in carico aperta su una cartella chiusa non ha senso',
  },
  {
    id: DATA_CHIUSURA,
    events: ['chiudi'],
    text: { it: 'La data di chiusura (predefinita: oggi in Italia) è valida e non precede l\'apertura.', en: 'The closing date (default: today in Italy) is valid and not before the opening.' },
    source: 'spec §A3 #4 (data di apertura; chiusura)',
  },
  {
    id: CONTESTO,
    events: ['chiudi'],
    text: { it: 'La chiusura richiede nel contesto le prese in carico della cartella.', en: 'Closing needs the prese in carico of the record in the context.' },
    source: 'scelta progettuale: le regole che dipendono da altri record li ricevono esplicitamente',
  },
];

/**
 * The documented Cartella lifecycle.
 *
 * @example
 * ```ts
 * import { CARTELLA_LIFECYCLE } from '@riuso-sociale/csi-model';
 * CARTELLA_LIFECYCLE.machine.initial; // 'aperta'
 * ```
 */
export const CARTELLA_LIFECYCLE: LifecycleDefinition<'cartella'> = {
  kind: 'cartella',
  machine: cartellaMachine as unknown as LifecycleDefinition<'cartella'>['machine'],
  title: { it: 'Cartella sociale', en: 'Social-care record' },
  summary: {
    it: 'La cartella di una persona presso un Ente si apre una volta, si chiude e si riapre quando serve, e non si cancella mai (al più «entered-in-error»). Ogni chiusura e riapertura resta nella storia.',
    en: 'The record of a person at an Ente is opened once, closed and reopened as needed, and never deleted (at most «entered-in-error»). Every closure and re-opening stays in the history.',
  },
  sources: ['shared/specs/csi-and-riuso.md §A3 #4 (aperta → chiusa → riaperta)', 'shared/specs/csi-and-riuso.md §A1, SISO: «no cartella can be deleted»'],
  rules: RULES,
};
