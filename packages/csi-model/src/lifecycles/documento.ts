// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of a Documento (spec §A3 #13: acquisito → protocollato → in conservazione → scartato;
 * AgID Linee guida sulla formazione, gestione e conservazione dei documenti informatici, 2021).
 * @module
 */
import { defineMachine, type EventSpec } from '../machine.js';
import { isDate, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput } from './define.js';
import type { Documento } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'documento', Documento, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Inputs of the Documento events.
 *
 * @example
 * ```ts
 * import type { DocumentoEventInputs } from '@riuso-sociale/csi-model';
 * const i: DocumentoEventInputs['protocolla'] = { data: { protocollo: { numero: '12345', data: '2025-03-01' as never, direzione: 'entrata' } } };
 * ```
 */
export interface DocumentoEventInputs {
  /** Registers it in the protocol (the registration, unless already on the document). */
  protocolla: {
    /** The registration. */
    data?: {
      /** Protocol number, date and direction. */
      readonly protocollo?: NonNullable<Documento['protocollo']>;
    };
  };
  /** Sends it to long-term preservation (conservazione). */
  conserva: {};
  /** Discards it (scarto d'archivio): never under a legal hold. */
  scarta: ReasonInput;
}

const PROTOCOLLO = 'documento.protocollo';
const VINCOLO = 'documento.vincolo-legale';

/**
 * The Documento machine: `protocolla`, `conserva`, `scarta` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { documentoMachine } from '@riuso-sociale/csi-model';
 * documentoMachine.allowedEvents({ status: 'acquisito' }); // ['protocolla', 'conserva', 'scarta', 'segna-errore']
 * ```
 */
export const documentoMachine = defineMachine<'documento', Documento, keyof DocumentoEventInputs>('documento', 'acquisito', {
  protocolla: spec<NonNullable<DocumentoEventInputs['protocolla']['data']>>({
    from: ['acquisito'],
    to: 'protocollato',
    label: { it: 'Protocolla', en: 'Register in the protocol' },
    guard: (d, { data }) => {
      const p = data?.protocollo ?? d.protocollo;
      if (p === undefined || typeof p.numero !== 'string' || p.numero.trim() === '' || !isDate(p.data)) {
        return refusal(PROTOCOLLO, 'Serve la registrazione di protocollo (numero e data)', 'The protocol registration (number and date) is needed');
      }
      if (p.data < d.dataDocumento) return refusal(PROTOCOLLO, 'Protocollato prima della data del documento', 'Registered before the date of the document');
      return null;
    },
    apply: (d, { data }) => (data?.protocollo !== undefined ? { ...d, protocollo: data.protocollo } : d),
  }),
  conserva: spec({ from: ['acquisito', 'protocollato'], to: 'in-conservazione', label: { it: 'Versa in conservazione', en: 'Send to preservation' } }),
  scarta: spec({
    from: ['acquisito', 'protocollato', 'in-conservazione'],
    to: 'scartato',
    reasonRequired: true,
    label: { it: 'Scarta', en: 'Discard' },
    guard: (d) =>
      d.conservazione?.vincoloLegale === true ? refusal(VINCOLO, 'Documento con vincolo legale (legal hold): non si scarta', 'Document under legal hold: it is not discarded') : null,
  }),
});

/**
 * Typed transition of a Documento.
 *
 * @example
 * ```ts
 * import { transitionDocumento } from '@riuso-sociale/csi-model';
 * // transitionDocumento(documento, 'scarta', actor, at, { reason: 'scarto autorizzato' });
 * ```
 */
export const transitionDocumento: TypedTransition<Documento, DocumentoEventInputs> = typed<'documento', Documento, DocumentoEventInputs>(documentoMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: PROTOCOLLO,
    events: ['protocolla'],
    text: { it: 'La protocollazione registra numero e data di protocollo, non precedente alla data del documento.', en: 'Registration records the protocol number and date, not before the date of the document.' },
    source: 'spec §A3 #13 (protocol no.); DPR 445/2000 art. 53 (elementi obbligatori della registrazione di protocollo) (recall)',
  },
  {
    id: VINCOLO,
    events: ['scarta'],
    text: { it: 'Un documento con vincolo legale non si scarta.', en: 'A document under legal hold is not discarded.' },
    source: 'spec §A5 («Support legal hold, then anonymise or discard»)',
  },
];

/**
 * The documented Documento lifecycle.
 *
 * @example
 * ```ts
 * import { DOCUMENTO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * DOCUMENTO_LIFECYCLE.machine.initial; // 'acquisito'
 * ```
 */
export const DOCUMENTO_LIFECYCLE: LifecycleDefinition<'documento'> = {
  kind: 'documento',
  machine: documentoMachine as unknown as LifecycleDefinition<'documento'>['machine'],
  title: { it: 'Documento', en: 'Document' },
  summary: {
    it: 'Un documento acquisito si protocolla (se serve), si versa in conservazione e, al termine della conservazione prevista dal massimario, si scarta, salvo vincolo legale.',
    en: 'An acquired document is registered in the protocol (when needed), sent to preservation and, when the retention set by the retention schedule ends, discarded, unless under legal hold.',
  },
  sources: [
    'shared/specs/csi-and-riuso.md §A3 #13 (acquisito → protocollato → in conservazione → scartato), §A5 (conservazione, legal hold)',
    'AgID, Linee guida sulla formazione, gestione e conservazione dei documenti informatici (2021)',
  ],
  rules: RULES,
  notes: [
    {
      it: 'Lo scarto d\'archivio di un ente pubblico richiede l\'autorizzazione della Soprintendenza archivistica (D.Lgs. 42/2004 art. 21, recall): il motivo dello scarto dovrebbe citarla.',
      en: 'Discarding public records needs the authorisation of the Soprintendenza archivistica (D.Lgs. 42/2004 art. 21, recall): the reason for discarding should cite it.',
    },
  ],
};
