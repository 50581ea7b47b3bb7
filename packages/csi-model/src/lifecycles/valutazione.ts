// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of a Valutazione multidimensionale (spec §A3 #7: bozza → completata → validata → superata).
 * @module
 */
import type { Id } from '../ids.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { isId, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput } from './define.js';
import type { Valutazione } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'valutazione', Valutazione, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Inputs of the Valutazione events.
 *
 * @example
 * ```ts
 * import type { ValutazioneEventInputs } from '@riuso-sociale/csi-model';
 * const i: ValutazioneEventInputs['riapri'] = { reason: 'dati da integrare' };
 * ```
 */
export interface ValutazioneEventInputs {
  /** Completes the draft (a SINA/SINBA assessment needs its dimensions). */
  completa: {};
  /** Reopens a completed, not yet validated assessment. */
  riapri: ReasonInput;
  /** Validates it (e.g. by the équipe or the UVM). */
  valida: {};
  /** Marks it superseded by a newer assessment `superataDa`. */
  supera: {
    /** The newer assessment. */
    data: {
      /** The assessment that replaces this one. */
      readonly superataDa: Id<'valutazione'>;
    };
  };
}

const DIMENSIONI = 'valutazione.dimensioni-siuss';
const SUPERATA_DA = 'valutazione.superata-da';

/**
 * The Valutazione machine: `completa`, `riapri`, `valida`, `supera` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { valutazioneMachine } from '@riuso-sociale/csi-model';
 * valutazioneMachine.allowedEvents({ status: 'completata' }); // ['riapri', 'valida', 'supera', 'segna-errore']
 * ```
 */
export const valutazioneMachine = defineMachine<'valutazione', Valutazione, keyof ValutazioneEventInputs>('valutazione', 'bozza', {
  completa: spec({
    from: ['bozza'],
    to: 'completata',
    label: { it: 'Completa', en: 'Complete' },
    guard: (v) => {
      if (v.tipo === 'sina' && v.sina === undefined) return refusal(DIMENSIONI, 'Una valutazione SINA si completa con le dimensioni SINA', 'A SINA assessment is completed with the SINA dimensions');
      if (v.tipo === 'sinba' && v.sinba === undefined) return refusal(DIMENSIONI, 'Una valutazione SINBA si completa con le dimensioni SINBA', 'A SINBA assessment is completed with the SINBA dimensions');
      return null;
    },
  }),
  riapri: spec({ from: ['completata'], to: 'bozza', reasonRequired: true, label: { it: 'Riapri', en: 'Reopen' } }),
  valida: spec({ from: ['completata'], to: 'validata', label: { it: 'Valida', en: 'Validate' } }),
  supera: spec<ValutazioneEventInputs['supera']['data']>({
    from: ['completata', 'validata'],
    to: 'superata',
    label: { it: 'Segna come superata', en: 'Mark as superseded' },
    guard: (v, { data }) =>
      isId(data?.superataDa) && data?.superataDa !== v.id ? null : refusal(SUPERATA_DA, 'Indicare la valutazione che la sostituisce (diversa da sé)', 'Name the assessment that replaces it (not itself)'),
    apply: (v, { data }) => ({ ...v, superataDa: data?.superataDa as Id<'valutazione'> }),
  }),
});

/**
 * Typed transition of a Valutazione.
 *
 * @example
 * ```ts
 * import { transitionValutazione } from '@riuso-sociale/csi-model';
 * // transitionValutazione(valutazione, 'supera', actor, at, { data: { superataDa: nuova.id } });
 * ```
 */
export const transitionValutazione: TypedTransition<Valutazione, ValutazioneEventInputs> = typed<'valutazione', Valutazione, ValutazioneEventInputs>(valutazioneMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: DIMENSIONI,
    events: ['completa'],
    text: { it: 'Una valutazione SINA o SINBA si completa solo con le sue dimensioni SIUSS.', en: 'A SINA or SINBA assessment is completed only with its SIUSS dimensions.' },
    source: 'PS_PSA_SINA201812.xsd (SINA: Mobilita, AttivitaVitaQuotidiana, DisturbiComportamentali … obbligatori); SINBA.xsd; spec §A2',
  },
  {
    id: SUPERATA_DA,
    events: ['supera'],
    text: { it: 'Una valutazione superata indica quella che la sostituisce.', en: 'A superseded assessment names the one that replaces it.' },
    source: 'spec §A3 #7 (stato superata); scelta progettuale: il collegamento rende tracciabile la sostituzione',
  },
];

/**
 * The documented Valutazione lifecycle.
 *
 * @example
 * ```ts
 * import { VALUTAZIONE_LIFECYCLE } from '@riuso-sociale/csi-model';
 * VALUTAZIONE_LIFECYCLE.machine.initial; // 'bozza'
 * ```
 */
export const VALUTAZIONE_LIFECYCLE: LifecycleDefinition<'valutazione'> = {
  kind: 'valutazione',
  machine: valutazioneMachine as unknown as LifecycleDefinition<'valutazione'>['machine'],
  title: { it: 'Valutazione multidimensionale', en: 'Multidimensional assessment' },
  summary: {
    it: 'Una valutazione (segretariato, analisi preliminare, quadro di analisi, UVM, SINA, SINBA) si scrive in bozza, si completa, si valida; una valutazione più recente la supera. Una valutazione completata si può riaprire prima della validazione.',
    en: 'An assessment (front office, preliminary analysis, in-depth analysis, UVM, SINA, SINBA) is drafted, completed and validated; a newer assessment supersedes it. A completed assessment can be reopened before validation.',
  },
  sources: ['shared/specs/csi-and-riuso.md §A3 #7 (bozza → completata → validata → superata)', 'DM 206/2014 art. 5 (SINA, SINBA, SIP); spec §A1 (GePI/ADI: analisi preliminare, quadro di analisi)'],
  rules: RULES,
};
