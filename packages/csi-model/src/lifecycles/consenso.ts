// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of an Informativa / Consenso / Autorizzazione (spec §A3 #15: proposto → attivo → revocato /
 * scaduto / rifiutato; ≈ FHIR R4 Consent). Consent is not the legal basis of the CSI (spec §A5): these
 * records cover notices, specific consents, sharing authorisations and delegations.
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isDate, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition } from './define.js';
import type { Consenso } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'consenso', Consenso, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Inputs of the Consenso events.
 *
 * @example
 * ```ts
 * import type { ConsensoEventInputs } from '@riuso-sociale/csi-model';
 * const i: ConsensoEventInputs['revoca'] = {};
 * ```
 */
export interface ConsensoEventInputs {
  /** The consent is given (signed). */
  acquisisci: {};
  /** The person refuses (no reason needed). */
  rifiuta: {};
  /** The person withdraws it, at any time and without a reason. */
  revoca: {
    /** The withdrawal date. */
    data?: {
      /** Date of the withdrawal (default: today in Italy); not before the consent. */
      readonly revocatoIl?: IsoDate;
    };
  };
  /** It expired: its `scadenza` has passed. */
  scadi: {};
}

const REVOCA = 'consenso.data-revoca';
const SCADENZA = 'consenso.scadenza';

/**
 * The Consenso machine: `acquisisci`, `rifiuta`, `revoca`, `scadi` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { consensoMachine } from '@riuso-sociale/csi-model';
 * consensoMachine.allowedEvents({ status: 'attivo' }); // ['revoca', 'scadi', 'segna-errore']
 * ```
 */
export const consensoMachine = defineMachine<'consenso', Consenso, keyof ConsensoEventInputs>('consenso', 'proposto', {
  acquisisci: spec({ from: ['proposto'], to: 'attivo', label: { it: 'Acquisisci', en: 'Record as given' } }),
  rifiuta: spec({ from: ['proposto'], to: 'rifiutato', label: { it: 'Rifiutato', en: 'Refused' } }),
  revoca: spec<NonNullable<ConsensoEventInputs['revoca']['data']>>({
    from: ['attivo'],
    to: 'revocato',
    label: { it: 'Revoca', en: 'Withdraw' },
    guard: (c, { data }, at) => {
      const d = data?.revocatoIl ?? dateInItaly(at);
      return isDate(d) && d >= c.data ? null : refusal(REVOCA, 'Data di revoca non valida o precedente al consenso', 'Withdrawal date invalid or before the consent');
    },
    apply: (c, { data }, at) => ({ ...c, revocatoIl: data?.revocatoIl ?? dateInItaly(at) }),
  }),
  scadi: spec({
    from: ['attivo'],
    to: 'scaduto',
    label: { it: 'Scaduto', en: 'Expired' },
    guard: (c, _input, at) =>
      c.scadenza !== undefined && c.scadenza < dateInItaly(at)
        ? null
        : refusal(SCADENZA, 'Il consenso scade solo dopo la sua data di scadenza', 'The consent expires only after its expiry date'),
  }),
});

/**
 * Typed transition of a Consenso.
 *
 * @example
 * ```ts
 * import { transitionConsenso } from '@riuso-sociale/csi-model';
 * // transitionConsenso(consenso, 'revoca', actor, at);
 * ```
 */
export const transitionConsenso: TypedTransition<Consenso, ConsensoEventInputs> = typed<'consenso', Consenso, ConsensoEventInputs>(consensoMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: REVOCA,
    events: ['revoca'],
    text: { it: 'La revoca non richiede motivo; la sua data (predefinita: oggi in Italia) non precede il consenso.', en: 'Withdrawal needs no reason; its date (default: today in Italy) is not before the consent.' },
    source: 'Reg. (UE) 2016/679 art. 7 par. 3 (revoca in qualsiasi momento); spec §A3 #15',
  },
  {
    id: SCADENZA,
    events: ['scadi'],
    text: { it: 'Un consenso scade solo se ha una scadenza già passata (data in Italia).', en: 'A consent expires only when it has an expiry date already past (date in Italy).' },
    source: 'spec §A3 #15 (expiry)',
  },
];

/**
 * The documented Consenso lifecycle.
 *
 * @example
 * ```ts
 * import { CONSENSO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * CONSENSO_LIFECYCLE.machine.initial; // 'proposto'
 * ```
 */
export const CONSENSO_LIFECYCLE: LifecycleDefinition<'consenso'> = {
  kind: 'consenso',
  machine: consensoMachine as unknown as LifecycleDefinition<'consenso'>['machine'],
  title: { it: 'Informativa, consenso, autorizzazione', en: 'Notice, consent, authorisation' },
  summary: {
    it: 'Un consenso (o autorizzazione, delega) proposto è acquisito o rifiutato; attivo, può essere revocato in ogni momento o scadere.',
    en: 'A proposed consent (or authorisation, delegation) is given or refused; once active it can be withdrawn at any time or expire.',
  },
  sources: [
    'shared/specs/csi-and-riuso.md §A3 #15 (proposto → attivo → revocato / scaduto / rifiutato), §A5 (il consenso non è la base giuridica)',
    'HL7 FHIR R4 Consent (draft, proposed, active, rejected, inactive, entered-in-error; recall nella spec)',
    'Reg. (UE) 2016/679 art. 7 par. 3',
  ],
  rules: RULES,
};
