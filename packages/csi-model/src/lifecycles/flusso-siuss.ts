// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of a FlussoSIUSS (spec §A3 #19: generato → inviato/prelevato → OK / scartato; the esito
 * codes of the INPS WaaS.Comuni API, spec §A2).
 * @module
 */
import type { Instant } from '../base.js';
import { isInstant } from '../base.js';
import type { GuardRefusal } from '../machine.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition } from './define.js';
import type { FlussoSiuss } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'flusso-siuss', FlussoSiuss, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * The outcome INPS returns for a flow (`POST /esiti` of the WaaS.Comuni API).
 *
 * @example
 * ```ts
 * import type { EsitoFlusso } from '@riuso-sociale/csi-model';
 * const e: EsitoFlusso = { codice: 'OK', idAcquisizione: '123', at: '2025-03-01T09:30:00Z' as never };
 * ```
 */
export interface EsitoFlusso {
  /** Esito code. */
  readonly codice: 'OK' | 'DATI_NON_TROVATI' | 'RICHIESTA_INVALIDA' | 'ERRORE_GENERICO';
  /** `id_acquisizione_siuss`. */
  readonly idAcquisizione?: string;
  /** When the esito was received. */
  readonly at: Instant;
}

/**
 * Inputs of the FlussoSIUSS events.
 *
 * @example
 * ```ts
 * import type { FlussoSiussEventInputs } from '@riuso-sociale/csi-model';
 * const i: FlussoSiussEventInputs['accetta'] = { data: { esito: { codice: 'OK', at: '2025-03-01T09:30:00Z' as never } } };
 * ```
 */
export interface FlussoSiussEventInputs {
  /** The flow was sent (or fetched by INPS through `GET /flussi`). */
  invia: {};
  /** INPS accepted it (esito `OK`). */
  accetta: {
    /** The outcome. */
    data: {
      /** The INPS outcome (`OK`). */
      readonly esito: EsitoFlusso;
    };
  };
  /** INPS rejected it (any esito but `OK`). */
  scarta: {
    /** The outcome. */
    data: {
      /** The INPS outcome (not `OK`). */
      readonly esito: EsitoFlusso;
    };
  };
}

const ESITO = 'flusso-siuss.esito';
const CODES = new Set(['OK', 'DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO']);

function esitoGuard(f: FlussoSiuss, esito: EsitoFlusso | undefined, ok: boolean): GuardRefusal | null {
  if (esito === undefined || !CODES.has(esito.codice) || !isInstant(esito.at)) {
    return refusal(ESITO, 'Esito mancante o non valido (codice WaaS e istante)', 'Outcome missing or invalid (WaaS code and instant)');
  }
  if ((esito.codice === 'OK') !== ok) {
    return ok
      ? refusal(ESITO, `Un flusso si accetta solo con esito OK (ricevuto ${esito.codice})`, `A flow is accepted only with outcome OK (received ${esito.codice})`)
      : refusal(ESITO, 'Un flusso con esito OK non si scarta', 'A flow with outcome OK is not rejected');
  }
  if (Date.parse(esito.at) < Date.parse(f.generatoAt)) return refusal(ESITO, 'Esito precedente alla generazione del flusso', 'Outcome before the flow was generated');
  return null;
}

/**
 * The FlussoSIUSS machine: `invia`, `accetta`, `scarta` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { flussoSiussMachine } from '@riuso-sociale/csi-model';
 * flussoSiussMachine.allowedEvents({ status: 'inviato' }); // ['accetta', 'scarta', 'segna-errore']
 * ```
 */
export const flussoSiussMachine = defineMachine<'flusso-siuss', FlussoSiuss, keyof FlussoSiussEventInputs>('flusso-siuss', 'generato', {
  invia: spec({ from: ['generato'], to: 'inviato', label: { it: 'Inviato / prelevato', en: 'Sent / fetched' } }),
  accetta: spec<FlussoSiussEventInputs['accetta']['data']>({
    from: ['generato', 'inviato'],
    to: 'accettato',
    label: { it: 'Accettato (esito OK)', en: 'Accepted (outcome OK)' },
    guard: (f, { data }) => esitoGuard(f, data?.esito, true),
    apply: (f, { data }) => ({ ...f, esito: data?.esito as EsitoFlusso }),
  }),
  scarta: spec<FlussoSiussEventInputs['scarta']['data']>({
    from: ['generato', 'inviato'],
    to: 'scartato',
    label: { it: 'Scartato', en: 'Rejected' },
    guard: (f, { data }) => esitoGuard(f, data?.esito, false),
    apply: (f, { data }) => ({ ...f, esito: data?.esito as EsitoFlusso }),
  }),
});

/**
 * Typed transition of a FlussoSIUSS.
 *
 * @example
 * ```ts
 * import { transitionFlussoSiuss } from '@riuso-sociale/csi-model';
 * // transitionFlussoSiuss(flusso, 'accetta', actor, at, { data: { esito: { codice: 'OK', at } } });
 * ```
 */
export const transitionFlussoSiuss: TypedTransition<FlussoSiuss, FlussoSiussEventInputs> = typed<'flusso-siuss', FlussoSiuss, FlussoSiussEventInputs>(flussoSiussMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: ESITO,
    events: ['accetta', 'scarta'],
    text: {
      it: 'L\'esito ha un codice WaaS (OK, DATI_NON_TROVATI, RICHIESTA_INVALIDA, ERRORE_GENERICO) e un istante non precedente alla generazione; si accetta solo con OK, si scarta con ogni altro codice.',
      en: 'The outcome has a WaaS code (OK, DATI_NON_TROVATI, RICHIESTA_INVALIDA, ERRORE_GENERICO) and an instant not before the generation; accepted only with OK, rejected with any other code.',
    },
    source: 'spec §A2 (INPS-it/WaaS.Comuni api-comuni.yaml: POST /esiti, codici di esito, id_acquisizione_siuss)',
  },
];

/**
 * The documented FlussoSIUSS lifecycle.
 *
 * @example
 * ```ts
 * import { FLUSSO_SIUSS_LIFECYCLE } from '@riuso-sociale/csi-model';
 * FLUSSO_SIUSS_LIFECYCLE.machine.initial; // 'generato'
 * ```
 */
export const FLUSSO_SIUSS_LIFECYCLE: LifecycleDefinition<'flusso-siuss'> = {
  kind: 'flusso-siuss',
  machine: flussoSiussMachine as unknown as LifecycleDefinition<'flusso-siuss'>['machine'],
  title: { it: 'Flusso SIUSS', en: 'SIUSS flow' },
  summary: {
    it: 'Un flusso SIUSS generato dal Comune è inviato (o prelevato da INPS con GET /flussi); l\'esito di INPS (POST /esiti) lo accetta (OK) o lo scarta. Un flusso scartato non si corregge: se ne genera uno nuovo.',
    en: 'A SIUSS flow generated by the Comune is sent (or fetched by INPS with GET /flussi); the INPS outcome (POST /esiti) accepts it (OK) or rejects it. A rejected flow is not corrected: a new one is generated.',
  },
  sources: ['shared/specs/csi-and-riuso.md §A3 #19 (generato → inviato/prelevato → OK / scartato), §A2 (WaaS.Comuni)'],
  rules: RULES,
  notes: [
    {
      it: 'Poiché INPS preleva i flussi, l\'esito può arrivare senza che il Comune abbia registrato l\'invio: `accetta` e `scarta` partono anche da «generato».',
      en: 'Since INPS fetches the flows, the outcome may arrive before the Comune recorded the sending: `accetta` and `scarta` also start from «generato».',
    },
  ],
};
