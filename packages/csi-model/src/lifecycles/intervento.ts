// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of an Intervento (spec §A3 #10: proposto → in lista d'attesa → autorizzato → in erogazione
 * ⇄ sospeso → concluso / revocato / rifiutato; ≈ FHIR R4 ServiceRequest). Starting needs an active
 * presa in carico, or the explicit «senza presa in carico» flag (SIUSS `PresaCarico=2`), spec §A4.
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import type { Instant } from '../base.js';
import type { GuardRefusal } from '../machine.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isDate, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput, type EndDateData } from './define.js';
import type { Intervento, PresaInCarico } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'intervento', Intervento, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * The presa in carico an intervento needs (a `PresaInCarico`, or the fields of it the guard reads).
 *
 * @example
 * ```ts
 * import type { PresaInCaricoRef } from '@riuso-sociale/csi-model';
 * type S = PresaInCaricoRef['status'];
 * ```
 */
export type PresaInCaricoRef = Pick<PresaInCarico, 'id' | 'status'>;

/**
 * Context of the events that (may) start an intervento: its presa in carico. Not needed when the
 * intervento has `senzaPresaInCarico: true`.
 *
 * @example
 * ```ts
 * import type { InterventoPresaContext } from '@riuso-sociale/csi-model';
 * const c: InterventoPresaContext = {};
 * ```
 */
export interface InterventoPresaContext {
  /** The presa in carico the intervento belongs to. */
  readonly presaInCarico?: PresaInCaricoRef;
}

/**
 * Inputs of the Intervento events.
 *
 * @example
 * ```ts
 * import type { InterventoEventInputs } from '@riuso-sociale/csi-model';
 * const i: InterventoEventInputs['revoca'] = { reason: 'rinuncia della persona' };
 * ```
 */
export interface InterventoEventInputs {
  /** Puts the proposal on the waiting list (`listaAttesa` given here, else the one already recorded, else from today in Italy). */
  'metti-in-lista': {
    /** The waiting-list entry. */
    data?: {
      /** Since when and at which position. */
      readonly listaAttesa?: {
        /** On the list since (default: today in Italy). */
        readonly dal?: IsoDate;
        /** Position on the list, from 1. */
        readonly posizione?: number;
      };
    };
  };
  /** Authorises it (optionally with the authorising act): needs an active presa in carico. */
  autorizza: {
    /** The authorising act. */
    data?: {
      /** Number and date of the act (e.g. the determina). */
      readonly attoAutorizzativo?: {
        /** Number of the act. */
        readonly numero: string;
        /** Date of the act. */
        readonly data: IsoDate;
      };
    };
    /** The presa in carico to check. */
    context?: InterventoPresaContext;
  };
  /** Starts the delivery: needs an active presa in carico. */
  avvia: {
    /** The presa in carico to check. */
    context?: InterventoPresaContext;
  };
  /** Suspends the delivery. */
  sospendi: ReasonInput;
  /** Resumes the delivery: needs an active presa in carico. */
  riprendi: {
    /** The presa in carico to check. */
    context?: InterventoPresaContext;
  };
  /** Concludes it; `al` defaults to the planned end when passed, else today in Italy. */
  concludi: {
    /** The end date. */
    data?: EndDateData;
  };
  /** Revokes it (from any open state); `al` closes the period when given. */
  revoca: ReasonInput & {
    /** The end date. */
    data?: EndDateData;
  };
  /** Refuses the proposal (by the service or the person). */
  rifiuta: ReasonInput;
}

const PRESA_ATTIVA = 'intervento.presa-in-carico-attiva';
const DATA_FINE = 'intervento.data-fine';
const ATTO = 'intervento.atto-autorizzativo';
const LISTA = 'intervento.lista-attesa';

/**
 * The states of an intervento still open (neither concluded, revoked, refused nor entered in error).
 *
 * @example
 * ```ts
 * import { INTERVENTO_OPEN_STATES } from '@riuso-sociale/csi-model';
 * INTERVENTO_OPEN_STATES.includes('sospeso'); // true
 * ```
 */
export const INTERVENTO_OPEN_STATES = ['proposto', 'in-lista-attesa', 'autorizzato', 'in-erogazione', 'sospeso'] as const;

function needsActivePresa(i: Intervento, context: InterventoPresaContext | undefined): GuardRefusal | null {
  if (i.senzaPresaInCarico === true) return null;
  const p = context?.presaInCarico;
  if (p === undefined) {
    return refusal(PRESA_ATTIVA, 'Serve una presa in carico attiva (nel contesto) oppure l\'indicazione «senza presa in carico» (SIUSS PresaCarico=2)', 'An active presa in carico (in the context) or the «without presa in carico» flag (SIUSS PresaCarico=2) is needed');
  }
  if (i.presaInCarico === undefined || p.id !== i.presaInCarico) {
    return refusal(PRESA_ATTIVA, 'La presa in carico nel contesto non è quella dell\'intervento', 'The presa in carico in the context is not the one of the intervento');
  }
  if (p.status !== 'attiva') {
    return refusal(PRESA_ATTIVA, `La presa in carico è «${p.status}», non attiva`, `The presa in carico is "${p.status}", not active`);
  }
  return null;
}

function endDate(i: Intervento, al: IsoDate | undefined): GuardRefusal | null {
  if (al === undefined) return null;
  if (!isDate(al)) return refusal(DATA_FINE, 'Data di fine non valida (AAAA-MM-GG)', 'Invalid end date (YYYY-MM-DD)');
  if (al < i.dal) return refusal(DATA_FINE, 'La data di fine precede l\'inizio dell\'intervento', 'The end date precedes the start of the intervento');
  return null;
}

/**
 * The Intervento machine: `metti-in-lista`, `autorizza`, `avvia`, `sospendi`, `riprendi`, `concludi`,
 * `revoca`, `rifiuta` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { interventoMachine } from '@riuso-sociale/csi-model';
 * interventoMachine.allowedEvents({ status: 'autorizzato' }); // ['avvia', 'revoca', 'segna-errore']
 * ```
 */
export const interventoMachine = defineMachine<'intervento', Intervento, keyof InterventoEventInputs>('intervento', 'proposto', {
  'metti-in-lista': spec<NonNullable<InterventoEventInputs['metti-in-lista']['data']>>({
    from: ['proposto'],
    to: 'in-lista-attesa',
    label: { it: 'Metti in lista d\'attesa', en: 'Put on the waiting list' },
    guard: (_i, { data }) => {
      const l = data?.listaAttesa;
      if (l === undefined) return null;
      if (l.dal !== undefined && !isDate(l.dal)) return refusal(LISTA, 'Data di inserimento in lista non valida (AAAA-MM-GG)', 'Invalid waiting-list date (YYYY-MM-DD)');
      if (l.posizione !== undefined && !(Number.isInteger(l.posizione) && l.posizione >= 1)) {
        return refusal(LISTA, 'Posizione in lista: intero da 1', 'Position on the list: integer from 1');
      }
      return null;
    },
    apply: (i, { data }, at) => {
      const l = data?.listaAttesa;
      if (l === undefined && i.listaAttesa !== undefined) return i;
      return { ...i, listaAttesa: { dal: l?.dal ?? dateInItaly(at), ...(l?.posizione !== undefined ? { posizione: l.posizione } : {}) } };
    },
  }),
  autorizza: spec<NonNullable<InterventoEventInputs['autorizza']['data']>, InterventoPresaContext>({
    from: ['proposto', 'in-lista-attesa'],
    to: 'autorizzato',
    label: { it: 'Autorizza', en: 'Authorise' },
    guard: (i, { data, context }) => {
      const atto = data?.attoAutorizzativo;
      if (atto !== undefined && (typeof atto.numero !== 'string' || atto.numero.trim() === '' || !isDate(atto.data))) {
        return refusal(ATTO, 'Atto autorizzativo incompleto: numero e data (AAAA-MM-GG)', 'Incomplete authorising act: number and date (YYYY-MM-DD)');
      }
      return needsActivePresa(i, context);
    },
    apply: (i, { data }) => (data?.attoAutorizzativo ? { ...i, attoAutorizzativo: data.attoAutorizzativo } : i),
  }),
  avvia: spec<unknown, InterventoPresaContext>({
    from: ['autorizzato'],
    to: 'in-erogazione',
    label: { it: 'Avvia l\'erogazione', en: 'Start the delivery' },
    guard: (i, { context }) => needsActivePresa(i, context),
  }),
  sospendi: spec({ from: ['in-erogazione'], to: 'sospeso', reasonRequired: true, label: { it: 'Sospendi', en: 'Suspend' } }),
  riprendi: spec<unknown, InterventoPresaContext>({
    from: ['sospeso'],
    to: 'in-erogazione',
    label: { it: 'Riprendi', en: 'Resume' },
    guard: (i, { context }) => needsActivePresa(i, context),
  }),
  concludi: spec<NonNullable<InterventoEventInputs['concludi']['data']>>({
    from: ['in-erogazione', 'sospeso'],
    to: 'concluso',
    label: { it: 'Concludi', en: 'Conclude' },
    guard: (i, { data }, at) => endDate(i, data?.al ?? defaultEnd(i, at)),
    apply: (i, { data }, at) => ({ ...i, al: data?.al ?? defaultEnd(i, at) }),
  }),
  revoca: spec<NonNullable<InterventoEventInputs['revoca']['data']>>({
    from: ['proposto', 'in-lista-attesa', 'autorizzato', 'in-erogazione', 'sospeso'],
    to: 'revocato',
    reasonRequired: true,
    label: { it: 'Revoca', en: 'Revoke' },
    guard: (i, { data }) => endDate(i, data?.al),
    apply: (i, { data }) => (data?.al !== undefined ? { ...i, al: data.al } : i),
  }),
  rifiuta: spec({ from: ['proposto', 'in-lista-attesa'], to: 'rifiutato', reasonRequired: true, label: { it: 'Rifiuta', en: 'Refuse' } }),
});

function defaultEnd(i: Intervento, at: Instant): IsoDate {
  const today = dateInItaly(at);
  return i.al !== undefined && i.al <= today ? i.al : today;
}

/**
 * Typed transition of an Intervento.
 *
 * @example
 * ```ts
 * import { transitionIntervento } from '@riuso-sociale/csi-model';
 * // transitionIntervento(intervento, 'avvia', actor, at, { context: { presaInCarico } });
 * ```
 */
export const transitionIntervento: TypedTransition<Intervento, InterventoEventInputs> = typed<'intervento', Intervento, InterventoEventInputs>(interventoMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: PRESA_ATTIVA,
    events: ['autorizza', 'avvia', 'riprendi'],
    text: {
      it: 'Un intervento si autorizza, si avvia e riprende solo con la sua presa in carico attiva nel contesto, oppure con `senzaPresaInCarico: true` (SIUSS PresaCarico=2).',
      en: 'An intervento is authorised, started and resumed only with its own active presa in carico in the context, or with `senzaPresaInCarico: true` (SIUSS PresaCarico=2).',
    },
    source: 'spec §A4 («An Intervento can\'t be in erogazione without an active PresaInCarico … or an explicit flag»); PS_PSA_SINA201812.xsd @PresaCarico 1=SI, 2=NO; autorizza: scelta progettuale (GARSIA: presa in carico → progetto → autorizzazione, spec §A1)',
  },
  {
    id: DATA_FINE,
    events: ['concludi', 'revoca'],
    text: { it: 'La data di fine è valida e non precede l\'inizio (`dal`).', en: 'The end date is valid and not before the start (`dal`).' },
    source: 'spec §A3 #10 (periodo dell\'intervento)',
  },
  {
    id: LISTA,
    events: ['metti-in-lista'],
    text: { it: 'L\'inserimento in lista d\'attesa ha una data valida (predefinita: oggi in Italia) e, se data, una posizione intera da 1.', en: 'Putting on the waiting list has a valid date (default: today in Italy) and, when given, an integer position from 1.' },
    source: 'spec §A3 #10 (waiting-list position); GARSIA, liste d\'attesa (spec §A1)',
  },
  {
    id: ATTO,
    events: ['autorizza'],
    text: { it: 'Se indicato, l\'atto autorizzativo ha numero e data.', en: 'When given, the authorising act has a number and a date.' },
    source: 'spec §A3 #10 (authorising act: determina n./data)',
  },
];

/**
 * The documented Intervento lifecycle.
 *
 * @example
 * ```ts
 * import { INTERVENTO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * INTERVENTO_LIFECYCLE.rules[0]?.id; // 'intervento.presa-in-carico-attiva'
 * ```
 */
export const INTERVENTO_LIFECYCLE: LifecycleDefinition<'intervento'> = {
  kind: 'intervento',
  machine: interventoMachine as unknown as LifecycleDefinition<'intervento'>['machine'],
  title: { it: 'Intervento', en: 'Intervention' },
  summary: {
    it: 'Un intervento proposto può andare in lista d\'attesa, essere autorizzato, erogato (con sospensioni e riprese) e infine concluso; può essere revocato o rifiutato. L\'erogazione richiede una presa in carico attiva o l\'indicazione esplicita «senza presa in carico».',
    en: 'A proposed intervention can go on a waiting list, be authorised, delivered (with suspensions and resumptions) and finally concluded; it can be revoked or refused. Delivery needs an active presa in carico or the explicit «without presa in carico» flag.',
  },
  sources: [
    'shared/specs/csi-and-riuso.md §A3 #10 (stati), §A4 (presa in carico attiva o PresaCarico=2)',
    'INPS PS_PSA_SINA201812.xsd, PrestazioniSociali@PresaCarico',
    'HL7 FHIR R4 ServiceRequest (draft, active, on-hold, revoked, completed, entered-in-error)',
  ],
  rules: RULES,
  notes: [
    {
      it: '`closePresaInCarico` conclude gli interventi in erogazione o sospesi e revoca quelli non ancora avviati.',
      en: '`closePresaInCarico` concludes the interventions being delivered or suspended and revokes those not yet started.',
    },
  ],
};
