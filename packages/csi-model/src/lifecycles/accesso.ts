// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of an Accesso / Segnalazione (spec §A3 #5: registrato → in valutazione → esitato, with the
 * outcome of the segretariato sociale).
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import type { Id } from '../ids.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isDate, isId, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition } from './define.js';
import type { Accesso } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'accesso', Accesso, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Outcomes of an accesso (spec §A3 #5: information, sent elsewhere, presa in carico, no follow-up).
 *
 * @example
 * ```ts
 * import { ESITI_ACCESSO } from '@riuso-sociale/csi-model';
 * ESITI_ACCESSO.includes('presa-in-carico'); // true
 * ```
 */
export const ESITI_ACCESSO = ['informazione', 'invio-altro-servizio', 'presa-in-carico', 'nessun-seguito'] as const;

/**
 * The outcome recorded by `esita`.
 *
 * @example
 * ```ts
 * import type { EsitoAccesso } from '@riuso-sociale/csi-model';
 * const e: EsitoAccesso = { esito: 'invio-altro-servizio', inviatoA: 'Consultorio familiare' };
 * ```
 */
export interface EsitoAccesso {
  /** The outcome. */
  readonly esito: (typeof ESITI_ACCESSO)[number];
  /** Date of the outcome (default: today in Italy). */
  readonly esitoIl?: IsoDate;
  /** The service the person was sent to (required for `invio-altro-servizio`). */
  readonly inviatoA?: string;
  /** The presa in carico opened (for `presa-in-carico`). */
  readonly presaInCarico?: Id<'presa-in-carico'>;
}

/**
 * Inputs of the Accesso events.
 *
 * @example
 * ```ts
 * import type { AccessoEventInputs } from '@riuso-sociale/csi-model';
 * const i: AccessoEventInputs['esita'] = { data: { esito: 'informazione' } };
 * ```
 */
export interface AccessoEventInputs {
  /** The service starts assessing the request. */
  valuta: {};
  /** Records the outcome. */
  esita: {
    /** The outcome. */
    data: EsitoAccesso;
  };
}

const ESITO = 'accesso.esito';

/**
 * The Accesso machine: `valuta`, `esita` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { accessoMachine } from '@riuso-sociale/csi-model';
 * accessoMachine.allowedEvents({ status: 'registrato' }); // ['valuta', 'esita', 'segna-errore']
 * ```
 */
export const accessoMachine = defineMachine<'accesso', Accesso, keyof AccessoEventInputs>('accesso', 'registrato', {
  valuta: spec({ from: ['registrato'], to: 'in-valutazione', label: { it: 'Prendi in valutazione', en: 'Start assessing' } }),
  esita: spec<EsitoAccesso>({
    from: ['registrato', 'in-valutazione'],
    to: 'esitato',
    label: { it: 'Registra l\'esito', en: 'Record the outcome' },
    guard: (a, { data }, at) => {
      if (data === undefined || !(ESITI_ACCESSO as readonly string[]).includes(data.esito)) {
        return refusal(ESITO, `Esito mancante o non valido (uno tra ${ESITI_ACCESSO.join(', ')})`, `Outcome missing or invalid (one of ${ESITI_ACCESSO.join(', ')})`);
      }
      const d = data.esitoIl ?? dateInItaly(at);
      if (!isDate(d) || d < a.data) return refusal(ESITO, 'Data dell\'esito non valida o precedente all\'accesso', 'Outcome date invalid or before the contact');
      const inviatoA = data.inviatoA ?? a.inviatoA;
      if (data.esito === 'invio-altro-servizio' && (typeof inviatoA !== 'string' || inviatoA.trim() === '')) {
        return refusal(ESITO, 'Invio ad altro servizio: indicare il servizio (inviatoA)', 'Sent to another service: name the service (inviatoA)');
      }
      if (data.esito === 'presa-in-carico' && a.persona === undefined) {
        return refusal(ESITO, 'Presa in carico: l\'accesso deve riguardare una persona identificata', 'Presa in carico: the contact must be about an identified person');
      }
      const presa = data.presaInCarico ?? a.presaInCarico;
      if (presa !== undefined && (data.esito !== 'presa-in-carico' || !isId(presa))) {
        return refusal(ESITO, 'Una presa in carico si indica solo con l\'esito «presa-in-carico»', 'A presa in carico is given only with the outcome «presa-in-carico»');
      }
      return null;
    },
    apply: (a, { data }, at) => {
      const e = data as EsitoAccesso;
      return {
        ...a,
        esito: e.esito,
        esitoIl: e.esitoIl ?? dateInItaly(at),
        ...(e.inviatoA !== undefined ? { inviatoA: e.inviatoA } : {}),
        ...(e.presaInCarico !== undefined ? { presaInCarico: e.presaInCarico } : {}),
      };
    },
  }),
});

/**
 * Typed transition of an Accesso.
 *
 * @example
 * ```ts
 * import { transitionAccesso } from '@riuso-sociale/csi-model';
 * // transitionAccesso(accesso, 'esita', actor, at, { data: { esito: 'informazione' } });
 * ```
 */
export const transitionAccesso: TypedTransition<Accesso, AccessoEventInputs> = typed<'accesso', Accesso, AccessoEventInputs>(accessoMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: ESITO,
    events: ['esita'],
    text: {
      it: 'L\'esito è uno tra informazione, invio ad altro servizio (con il servizio), presa in carico (di una persona identificata), nessun seguito; la sua data non precede l\'accesso.',
      en: 'The outcome is one of information, sent to another service (naming it), presa in carico (of an identified person), no follow-up; its date is not before the contact.',
    },
    source: 'spec §A3 #5 («segretariato outcome (information, sent elsewhere, presa in carico, no follow-up)»)',
  },
];

/**
 * The documented Accesso lifecycle.
 *
 * @example
 * ```ts
 * import { ACCESSO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * ACCESSO_LIFECYCLE.machine.initial; // 'registrato'
 * ```
 */
export const ACCESSO_LIFECYCLE: LifecycleDefinition<'accesso'> = {
  kind: 'accesso',
  machine: accessoMachine as unknown as LifecycleDefinition<'accesso'>['machine'],
  title: { it: 'Accesso / segnalazione', en: 'Contact / referral' },
  summary: {
    it: 'Un accesso al segretariato sociale (o una segnalazione) si registra, si prende in esame e si chiude con un esito: informazione, invio ad altro servizio, presa in carico, nessun seguito.',
    en: 'A contact with the front office (or a referral) is recorded, examined and closed with an outcome: information, sent to another service, presa in carico, no follow-up.',
  },
  sources: ['shared/specs/csi-and-riuso.md §A3 #5 (registrato → in valutazione → esitato)', 'Regione Lombardia, Linee guida CSI (processo A «Accesso e orientamento», spec §A1)'],
  rules: RULES,
};
