// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of a Progetto personalizzato (PAI / PaIS / PEI / PID / progetto di vita; spec §A3 #8:
 * bozza → proposto → sottoscritto/attivo → in revisione → concluso / interrotto; ≈ FHIR R4 CarePlan).
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import type { GuardRefusal } from '../machine.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isDate, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput, type EndDateData } from './define.js';
import type { Progetto } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'progetto', Progetto, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Inputs of the Progetto events.
 *
 * @example
 * ```ts
 * import type { ProgettoEventInputs } from '@riuso-sociale/csi-model';
 * const i: ProgettoEventInputs['rivedi'] = { reason: 'revisione semestrale' };
 * ```
 */
export interface ProgettoEventInputs {
  /** Proposes the draft to the person (and family). */
  proponi: {};
  /** Activates the plan once signed: the signatures already recorded, plus `sottoscrizioni` given here. */
  sottoscrivi: {
    /** Signatures to add. */
    data?: {
      /** Signatures collected now (added to those already recorded). */
      readonly sottoscrizioni?: NonNullable<Progetto['sottoscrizioni']>;
    };
  };
  /** Opens a review. */
  rivedi: ReasonInput;
  /** Closes the review: the plan goes on. */
  'approva-revisione': {};
  /** Concludes the plan. */
  concludi: ReasonInput & {
    /** The end date. */
    data?: EndDateData;
  };
  /** Interrupts the plan. */
  interrompi: ReasonInput & {
    /** The end date. */
    data?: EndDateData;
  };
}

const SOTTOSCRIZIONI = 'progetto.sottoscrizioni';
const DATA_FINE = 'progetto.data-fine';

function endGuard(p: Progetto, al: IsoDate): GuardRefusal | null {
  if (!isDate(al)) return refusal(DATA_FINE, 'Data di fine non valida (AAAA-MM-GG)', 'Invalid end date (YYYY-MM-DD)');
  if (al < p.dal) return refusal(DATA_FINE, 'La data di fine precede l\'inizio del progetto', 'The end date precedes the start of the plan');
  return null;
}

/**
 * The Progetto machine: `proponi`, `sottoscrivi`, `rivedi`, `approva-revisione`, `concludi`, `interrompi`
 * (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { progettoMachine } from '@riuso-sociale/csi-model';
 * progettoMachine.allowedEvents({ status: 'attivo' }); // ['rivedi', 'concludi', 'interrompi', 'segna-errore']
 * ```
 */
export const progettoMachine = defineMachine<'progetto', Progetto, keyof ProgettoEventInputs>('progetto', 'bozza', {
  proponi: spec({ from: ['bozza'], to: 'proposto', label: { it: 'Proponi', en: 'Propose' } }),
  sottoscrivi: spec<NonNullable<ProgettoEventInputs['sottoscrivi']['data']>>({
    from: ['proposto'],
    to: 'attivo',
    label: { it: 'Sottoscrivi e attiva', en: 'Sign and activate' },
    guard: (p, { data }) =>
      (p.sottoscrizioni?.length ?? 0) + (data?.sottoscrizioni?.length ?? 0) > 0
        ? null
        : refusal(SOTTOSCRIZIONI, 'Il progetto si attiva solo sottoscritto (almeno una sottoscrizione)', 'The plan is activated only once signed (at least one signature)'),
    apply: (p, { data }) =>
      data?.sottoscrizioni !== undefined && data.sottoscrizioni.length > 0 ? { ...p, sottoscrizioni: [...(p.sottoscrizioni ?? []), ...data.sottoscrizioni] } : p,
  }),
  rivedi: spec({ from: ['attivo'], to: 'in-revisione', reasonRequired: true, label: { it: 'Avvia la revisione', en: 'Start a review' } }),
  'approva-revisione': spec({ from: ['in-revisione'], to: 'attivo', label: { it: 'Approva la revisione', en: 'Approve the review' } }),
  concludi: spec<NonNullable<ProgettoEventInputs['concludi']['data']>>({
    from: ['attivo', 'in-revisione'],
    to: 'concluso',
    reasonRequired: true,
    label: { it: 'Concludi', en: 'Conclude' },
    guard: (p, { data }, at) => endGuard(p, data?.al ?? dateInItaly(at)),
    apply: (p, { data }, at) => ({ ...p, al: data?.al ?? dateInItaly(at) }),
  }),
  interrompi: spec<NonNullable<ProgettoEventInputs['interrompi']['data']>>({
    from: ['bozza', 'proposto', 'attivo', 'in-revisione'],
    to: 'interrotto',
    reasonRequired: true,
    label: { it: 'Interrompi', en: 'Interrupt' },
    guard: (p, { data }, at) => endGuard(p, data?.al ?? dateInItaly(at)),
    apply: (p, { data }, at) => ({ ...p, al: data?.al ?? dateInItaly(at) }),
  }),
});

/**
 * Typed transition of a Progetto.
 *
 * @example
 * ```ts
 * import { transitionProgetto } from '@riuso-sociale/csi-model';
 * // transitionProgetto(progetto, 'rivedi', actor, at, { reason: 'revisione semestrale' });
 * ```
 */
export const transitionProgetto: TypedTransition<Progetto, ProgettoEventInputs> = typed<'progetto', Progetto, ProgettoEventInputs>(progettoMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: SOTTOSCRIZIONI,
    events: ['sottoscrivi'],
    text: { it: 'Un progetto diventa attivo solo sottoscritto (almeno una sottoscrizione registrata o data con l\'evento).', en: 'A plan becomes active only once signed (at least one signature, recorded or given with the event).' },
    source: 'spec §A3 #8 («signatures (person/tutor, case manager)», stato «sottoscritto/attivo»)',
  },
  {
    id: DATA_FINE,
    events: ['concludi', 'interrompi'],
    text: { it: 'La data di fine (predefinita: oggi in Italia) è valida e non precede l\'inizio.', en: 'The end date (default: today in Italy) is valid and not before the start.' },
    source: 'spec §A3 #8 (periodo del progetto)',
  },
];

/**
 * The documented Progetto lifecycle.
 *
 * @example
 * ```ts
 * import { PROGETTO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * PROGETTO_LIFECYCLE.machine.initial; // 'bozza'
 * ```
 */
export const PROGETTO_LIFECYCLE: LifecycleDefinition<'progetto'> = {
  kind: 'progetto',
  machine: progettoMachine as unknown as LifecycleDefinition<'progetto'>['machine'],
  title: { it: 'Progetto personalizzato', en: 'Personal plan' },
  summary: {
    it: 'Il progetto (PAI, PaIS, PEI, PID, progetto di vita) si scrive in bozza, si propone, si sottoscrive e diventa attivo; si rivede periodicamente e infine si conclude o si interrompe.',
    en: 'The plan (PAI, PaIS, PEI, PID, life project) is drafted, proposed, signed and becomes active; it is reviewed periodically and finally concluded or interrupted.',
  },
  sources: [
    'shared/specs/csi-and-riuso.md §A3 #8 (bozza → proposto → sottoscritto/attivo → in revisione → concluso / interrotto), §A4 (revisione)',
    'HL7 FHIR R4 CarePlan (draft, active, on-hold, revoked, completed, entered-in-error)',
  ],
  rules: RULES,
};
