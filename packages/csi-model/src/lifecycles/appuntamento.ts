// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of an Appuntamento (programmato → confermato → svolto, or annullato with its reason, or
 * non-presentato; the App IO "Assistenza domiciliare" service model confirms appointments and sends
 * reminders).
 * @module
 */
import { defineMachine, type EventSpec } from '../machine.js';
import { refusal, typed, type LifecycleDefinition, type LifecycleRule, type ReasonInput, type TypedTransition } from './define.js';
import type { Appuntamento } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'appuntamento', Appuntamento, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Inputs of the Appuntamento events.
 *
 * @example
 * ```ts
 * import type { AppuntamentoEventInputs } from '@riuso-sociale/csi-model';
 * const i: AppuntamentoEventInputs['annulla'] = { reason: 'La persona è ricoverata' };
 * ```
 */
export interface AppuntamentoEventInputs {
  /** The person (or the service) confirms the appointment, before it starts. */
  conferma: {};
  /** The appointment took place (recorded from its start on). */
  'registra-svolto': {};
  /** Cancelled, by the person or by the service: the reason is required and kept in `motivoAnnullamento`. */
  annulla: ReasonInput;
  /** The person did not come (recorded from its start on). */
  'registra-assenza': {};
}

const PRIMA = 'appuntamento.conferma-prima-dell-inizio';
const DOPO = 'appuntamento.esito-dopo-l-inizio';

const startMs = (a: Pick<Appuntamento, 'inizio'>): number => Date.parse(a.inizio);

/** Refuses when `at` is before the start (an appointment not started yet has no outcome); an unreadable start refuses too (fail closed). */
function notBeforeStart(a: Appuntamento, at: string) {
  const start = startMs(a);
  return Number.isNaN(start) || Date.parse(at) < start
    ? refusal(DOPO, "L'esito di un appuntamento si registra solo dal suo inizio", 'The outcome of an appointment is recorded only from its start')
    : null;
}

/**
 * The Appuntamento machine: `conferma`, `registra-svolto`, `annulla`, `registra-assenza` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { appuntamentoMachine } from '@riuso-sociale/csi-model';
 * appuntamentoMachine.allowedEvents({ status: 'programmato' }); // ['conferma', 'registra-svolto', 'annulla', 'registra-assenza', 'segna-errore']
 * appuntamentoMachine.allowedEvents({ status: 'svolto' }); // ['segna-errore']
 * ```
 */
export const appuntamentoMachine = defineMachine<'appuntamento', Appuntamento, keyof AppuntamentoEventInputs>('appuntamento', 'programmato', {
  conferma: spec({
    from: ['programmato'],
    to: 'confermato',
    label: { it: 'Conferma', en: 'Confirm' },
    guard: (a, _input, at) => {
      const start = startMs(a);
      return Number.isNaN(start) || Date.parse(at) >= start
        ? refusal(PRIMA, "Un appuntamento si conferma solo prima del suo inizio", 'An appointment is confirmed only before its start')
        : null;
    },
  }),
  'registra-svolto': spec({
    from: ['programmato', 'confermato'],
    to: 'svolto',
    label: { it: 'Registra come svolto', en: 'Record as held' },
    guard: (a, _input, at) => notBeforeStart(a, at),
  }),
  annulla: spec<unknown, unknown>({
    from: ['programmato', 'confermato'],
    to: 'annullato',
    reasonRequired: true,
    label: { it: 'Annulla', en: 'Cancel' },
    apply: (a, { reason }) => ({ ...a, motivoAnnullamento: (reason ?? '').trim() }),
  }),
  'registra-assenza': spec({
    from: ['programmato', 'confermato'],
    to: 'non-presentato',
    label: { it: 'Registra la mancata presentazione', en: 'Record as missed' },
    guard: (a, _input, at) => notBeforeStart(a, at),
  }),
});

/**
 * Typed transition of an Appuntamento.
 *
 * @example
 * ```ts
 * import { transitionAppuntamento } from '@riuso-sociale/csi-model';
 * // transitionAppuntamento(appuntamento, 'annulla', actor, at, { reason: 'Richiesta della persona' });
 * ```
 */
export const transitionAppuntamento: TypedTransition<Appuntamento, AppuntamentoEventInputs> = typed<'appuntamento', Appuntamento, AppuntamentoEventInputs>(appuntamentoMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: PRIMA,
    events: ['conferma'],
    text: { it: 'Un appuntamento si conferma solo prima del suo inizio.', en: 'An appointment is confirmed only before its start.' },
    source: 'scelta progettuale: la conferma serve alla persona e al promemoria (modello di servizio App IO «Assistenza domiciliare»); dopo l\'inizio resta da registrare l\'esito',
  },
  {
    id: DOPO,
    events: ['registra-svolto', 'registra-assenza'],
    text: {
      it: 'Che un appuntamento si sia svolto, o che la persona non si sia presentata, si registra solo dal suo inizio.',
      en: 'That an appointment was held, or that the person did not come, is recorded only from its start.',
    },
    source: 'scelta progettuale: un esito prima dell\'inizio sarebbe un errore di registrazione',
  },
];

/**
 * The documented Appuntamento lifecycle.
 *
 * @example
 * ```ts
 * import { APPUNTAMENTO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * APPUNTAMENTO_LIFECYCLE.machine.initial; // 'programmato'
 * ```
 */
export const APPUNTAMENTO_LIFECYCLE: LifecycleDefinition<'appuntamento'> = {
  kind: 'appuntamento',
  machine: appuntamentoMachine as unknown as LifecycleDefinition<'appuntamento'>['machine'],
  title: { it: 'Appuntamento', en: 'Appointment' },
  summary: {
    it: 'Un appuntamento con il servizio (in sede, a domicilio, al telefono, in video) si programma e si può confermare prima dell\'inizio; dall\'inizio si registra se si è svolto o se la persona non si è presentata. Si annulla con un motivo, che resta in `motivoAnnullamento`.',
    en: 'An appointment with the service (at the office, at home, by phone, by video) is scheduled and may be confirmed before its start; from its start on it is recorded as held or as missed. It is cancelled with a reason, kept in `motivoAnnullamento`.',
  },
  sources: [
    'Designers Italia, modello di servizio App IO «Assistenza domiciliare» (conferma e promemoria degli appuntamenti)',
    'Designers Italia, criteri di conformità dell\'area personale C.SE.1.9, C.SE.1.10 (stato e fasi delle richieste della persona)',
  ],
  rules: RULES,
  notes: [
    {
      it: 'Spostare un appuntamento non è un cambio di stato: si aggiornano `inizio` e `fine` finché è programmato o confermato (la versione e l\'audit dell\'aggiornamento tracciano la modifica).',
      en: 'Moving an appointment is not a state change: `inizio` and `fine` are updated while it is scheduled or confirmed (the version and the audit of the update trace the change).',
    },
  ],
};
