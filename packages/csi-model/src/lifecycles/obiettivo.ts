// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of an Obiettivo of a progetto (spec §A3 #9: proposto → attivo → raggiunto / parzialmente /
 * non raggiunto / annullato; ≈ FHIR R4 Goal lifecycleStatus and achievementStatus).
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import type { Instant } from '../base.js';
import type { GuardRefusal } from '../machine.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isDate, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput } from './define.js';
import type { Obiettivo } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'obiettivo', Obiettivo, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * The outcome data of a goal: date (default: today in Italy) and notes.
 *
 * @example
 * ```ts
 * import type { EsitoObiettivo } from '@riuso-sociale/csi-model';
 * const e: EsitoObiettivo = { noteEsito: 'autonomia negli spostamenti raggiunta' };
 * ```
 */
export interface EsitoObiettivo {
  /** Date of the outcome. */
  readonly esitoIl?: IsoDate;
  /** Notes on the outcome. */
  readonly noteEsito?: string;
}

/**
 * Inputs of the Obiettivo events.
 *
 * @example
 * ```ts
 * import type { ObiettivoEventInputs } from '@riuso-sociale/csi-model';
 * const i: ObiettivoEventInputs['annulla'] = { reason: 'obiettivo non più pertinente' };
 * ```
 */
export interface ObiettivoEventInputs {
  /** The goal is agreed and pursued. */
  attiva: {};
  /** Outcome: achieved. */
  'esito-raggiunto': {
    /** Date and notes of the outcome. */
    data?: EsitoObiettivo;
  };
  /** Outcome: partly achieved. */
  'esito-parziale': {
    /** Date and notes of the outcome. */
    data?: EsitoObiettivo;
  };
  /** Outcome: not achieved (why is mandatory). */
  'esito-non-raggiunto': ReasonInput & {
    /** Date and notes of the outcome. */
    data?: EsitoObiettivo;
  };
  /** Cancels the goal. */
  annulla: ReasonInput;
}

const DATA_ESITO = 'obiettivo.data-esito';

function outcomeGuard(o: Obiettivo, data: EsitoObiettivo | undefined, at: Instant): GuardRefusal | null {
  const d = data?.esitoIl ?? dateInItaly(at);
  if (!isDate(d)) return refusal(DATA_ESITO, 'Data dell\'esito non valida (AAAA-MM-GG)', 'Invalid outcome date (YYYY-MM-DD)');
  if (d < o.dal) return refusal(DATA_ESITO, 'La data dell\'esito precede l\'inizio dell\'obiettivo', 'The outcome date precedes the start of the goal');
  return null;
}

function outcome(o: Obiettivo, data: EsitoObiettivo | undefined, at: Instant): Obiettivo {
  return { ...o, esitoIl: data?.esitoIl ?? dateInItaly(at), ...(data?.noteEsito !== undefined ? { noteEsito: data.noteEsito } : {}) };
}

const esito = (to: 'raggiunto' | 'parzialmente-raggiunto' | 'non-raggiunto', it: string, en: string, reasonRequired = false): Spec<never, never> =>
  spec<EsitoObiettivo>({
    from: ['attivo'],
    to,
    reasonRequired,
    label: { it, en },
    guard: (o, { data }, at) => outcomeGuard(o, data, at),
    apply: (o, { data }, at) => outcome(o, data, at),
  });

/**
 * The Obiettivo machine: `attiva`, `esito-raggiunto`, `esito-parziale`, `esito-non-raggiunto`, `annulla`
 * (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { obiettivoMachine } from '@riuso-sociale/csi-model';
 * obiettivoMachine.allowedEvents({ status: 'proposto' }); // ['attiva', 'annulla', 'segna-errore']
 * ```
 */
export const obiettivoMachine = defineMachine<'obiettivo', Obiettivo, keyof ObiettivoEventInputs>('obiettivo', 'proposto', {
  attiva: spec({ from: ['proposto'], to: 'attivo', label: { it: 'Attiva', en: 'Activate' } }),
  'esito-raggiunto': esito('raggiunto', 'Esito: raggiunto', 'Outcome: achieved'),
  'esito-parziale': esito('parzialmente-raggiunto', 'Esito: parzialmente raggiunto', 'Outcome: partly achieved'),
  'esito-non-raggiunto': esito('non-raggiunto', 'Esito: non raggiunto', 'Outcome: not achieved', true),
  annulla: spec({ from: ['proposto', 'attivo'], to: 'annullato', reasonRequired: true, label: { it: 'Annulla', en: 'Cancel' } }),
});

/**
 * Typed transition of an Obiettivo.
 *
 * @example
 * ```ts
 * import { transitionObiettivo } from '@riuso-sociale/csi-model';
 * // transitionObiettivo(obiettivo, 'esito-raggiunto', actor, at);
 * ```
 */
export const transitionObiettivo: TypedTransition<Obiettivo, ObiettivoEventInputs> = typed<'obiettivo', Obiettivo, ObiettivoEventInputs>(obiettivoMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: DATA_ESITO,
    events: ['esito-raggiunto', 'esito-parziale', 'esito-non-raggiunto'],
    text: { it: 'La data dell\'esito (predefinita: oggi in Italia) è valida e non precede l\'inizio dell\'obiettivo.', en: 'The outcome date (default: today in Italy) is valid and not before the start of the goal.' },
    source: 'spec §A3 #9 (target date, indicator); HL7 FHIR R4 Goal.statusDate',
  },
];

/**
 * The documented Obiettivo lifecycle.
 *
 * @example
 * ```ts
 * import { OBIETTIVO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * OBIETTIVO_LIFECYCLE.machine.initial; // 'proposto'
 * ```
 */
export const OBIETTIVO_LIFECYCLE: LifecycleDefinition<'obiettivo'> = {
  kind: 'obiettivo',
  machine: obiettivoMachine as unknown as LifecycleDefinition<'obiettivo'>['machine'],
  title: { it: 'Obiettivo', en: 'Goal' },
  summary: {
    it: 'Un obiettivo del progetto è proposto, poi attivo; si chiude con un esito (raggiunto, parzialmente raggiunto, non raggiunto) o si annulla.',
    en: 'A goal of the plan is proposed, then active; it closes with an outcome (achieved, partly achieved, not achieved) or is cancelled.',
  },
  sources: ['shared/specs/csi-and-riuso.md §A3 #9 (proposto → attivo → raggiunto / parzialmente / non raggiunto / annullato)', 'HL7 FHIR R4 Goal (lifecycleStatus, achievementStatus)'],
  rules: RULES,
};
