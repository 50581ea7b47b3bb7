// SPDX-License-Identifier: BSD-3-Clause
/**
 * Test support for the lifecycle tests (not exported by the package): start entities from the samples,
 * random inputs per event, and a deep freeze.
 */
import { addDays, type IsoDate, type Result } from '@riuso-sociale/core';
import type { AuditEvent } from '../audit.js';
import type { Actor, Instant } from '../base.js';
import { SAMPLE_ACTOR, SAMPLE_IDS, SAMPLE_INSTANT, sample } from '../entities/samples.js';
import type { LifecycleIssueCode, TransitionInput } from '../machine.js';
import type { LifecycleKind } from '../states.js';
import { STATES } from '../states.js';
import { LIFECYCLES } from './registry.js';

export const ACTOR: Actor = SAMPLE_ACTOR;
export const T0: Instant = '2025-05-01T08:00:00Z' as Instant;
export const OTHER = '00000000-0000-4000-8000-0000000000ff';

/** An instant `minutes` after T0. */
export function at(minutes: number): Instant {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString() as Instant;
}

/** A calendar date `days` after 2025-03-03. */
export function day(days: number): IsoDate {
  return addDays('2025-03-03' as IsoDate, days);
}

type Entity = Record<string, unknown> & { readonly id: string; readonly status: string; readonly version: number; readonly updatedAt: string; readonly history: readonly unknown[] };

/** Calls a machine of `LIFECYCLES` with loose types (samples are the schemas' output types). */
export function run(kind: LifecycleKind, entity: unknown, event: string, actor: Actor, when: Instant, input?: object): Result<{ readonly entity: Entity; readonly audit: AuditEvent }, LifecycleIssueCode> {
  const m = LIFECYCLES[kind].machine as unknown as {
    transition(e: unknown, ev: string, a: Actor, t: Instant, i?: TransitionInput<never, never>): Result<{ readonly entity: Entity; readonly audit: AuditEvent }, LifecycleIssueCode>;
  };
  return m.transition(entity, event, actor, when, input as TransitionInput<never, never> | undefined);
}

/** The sample of `kind`, rewritten to its machine's initial state (with the extra overrides). */
export function initial(kind: LifecycleKind, overrides: Record<string, unknown> = {}): Entity {
  const status = LIFECYCLES[kind].machine.initial;
  return sample(kind, {
    status,
    history: [{ status, at: SAMPLE_INSTANT, by: SAMPLE_IDS.operatore, event: 'crea' }],
    version: 1,
    updatedAt: SAMPLE_INSTANT,
    ...overrides,
  } as never) as unknown as Entity;
}

/** The sample of `kind` in state `status` (history: created in that state), with the extra overrides. */
function inState(kind: LifecycleKind, status: string, overrides: Record<string, unknown> = {}): Entity {
  return initial(kind, { status, history: [{ status, at: SAMPLE_INSTANT, by: SAMPLE_IDS.operatore, event: 'crea' }], ...overrides });
}

/** Start entities of each kind for the property tests: the initial state, the sample, and variants. */
export function starts(kind: LifecycleKind): Entity[] {
  const out = [initial(kind), sample(kind) as unknown as Entity];
  switch (kind) {
    case 'presa-in-carico':
      out.push(inState(kind, 'sospesa'));
      out.push(inState(kind, 'trasferita', { chiusaIl: '2025-04-01', trasferitaA: { belfiore: 'H501' }, motivoChiusura: MOTIVI[0] }));
      break;
    case 'persona':
      out.push(
        initial(kind, {
          status: 'unita',
          unitaA: OTHER,
          dataDecesso: '2025-03-01',
          history: [{ status: 'unita', at: SAMPLE_INSTANT, by: SAMPLE_IDS.operatore, event: 'crea' }],
        }),
      );
      break;
    case 'erogazione':
      out.push(inState(kind, 'liquidata'));
      out.push(initial(kind, { valutazioneData: undefined }));
      out.push(inState(kind, 'annullata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: SAMPLE_INSTANT, tipoOperazione: 'I' } }));
      out.push(
        initial(kind, {
          status: 'esportata',
          esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: SAMPLE_INSTANT, tipoOperazione: 'I' },
          history: [{ status: 'esportata', at: SAMPLE_INSTANT, by: SAMPLE_IDS.operatore, event: 'crea' }],
        }),
      );
      out.push(inState(kind, 'da-correggere', { scarto: { flusso: SAMPLE_IDS['flusso-siuss'], codice: 'ERRORE_GENERICO', at: SAMPLE_INSTANT } }));
      break;
    case 'accesso':
      out[0] = initial(kind, { esito: undefined, esitoIl: undefined, presaInCarico: undefined });
      break;
    case 'intervento':
      out.push(initial(kind, { senzaPresaInCarico: true, presaInCarico: undefined }));
      out.push(inState(kind, 'sospeso'));
      break;
    case 'consenso':
      out.push(sample(kind, { scadenza: '2025-04-30' } as never) as unknown as Entity);
      break;
    case 'diario':
      out.push(initial(kind, { addendumDi: OTHER }));
      // not valid for the schema (blank text): only to reach the guard of `firma`
      out.push({ ...initial(kind), testo: '  ' });
      break;
    case 'documento':
      out.push(initial(kind, { conservazione: { classe: 'illimitata', vincoloLegale: true }, protocollo: undefined }));
      break;
    case 'valutazione':
      out.push(initial(kind, { sina: undefined }));
      break;
    case 'progetto':
      out.push(initial(kind, { sottoscrizioni: undefined }));
      break;
    case 'appuntamento':
      // an appointment three days after T0: confirmable at first, with an outcome only later
      out.push(initial(kind, { inizio: '2025-05-04T08:00:00Z', fine: '2025-05-04T09:00:00Z' }));
      break;
    default:
      break;
  }
  return out;
}

/** Random knobs of one step. */
export interface Knobs {
  readonly b1: boolean;
  readonly b2: boolean;
  readonly b3: boolean;
  readonly d: number;
  readonly n: number;
  readonly m: number;
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

const MOTIVI = [
  { system: 'locale.motivo-chiusura', version: '1', code: 'OBR' },
  { system: 'siuss.sinba.motivazione-chiusura', version: 'SINBA', code: '4' },
  { system: 'siuss.sinba.motivazione-chiusura', version: 'SINBA', code: '99' },
  { system: '', version: '1', code: 'x' },
];
const SITUAZIONE = { system: 'siuss.sinba.situazione-chiusura', version: 'SINBA', code: '1' };

/** The input of a random step: data and context built from the knobs and the entity. */
export function inputFor(kind: LifecycleKind, event: string, e: Entity, k: Knobs, reason: string | undefined): object {
  const base = reason === undefined ? {} : { reason };
  const date = day(k.d);
  const id = (key: string): unknown => (k.b2 ? e[key] : OTHER);
  switch (`${kind}:${event}`) {
    case 'persona:registra-decesso':
      return { ...base, ...(k.b1 ? { data: { dataDecesso: date } } : {}) };
    case 'persona:unisci':
      return {
        ...base,
        data: { unitaA: k.b1 ? OTHER : e.id },
        ...(k.b2 ? { context: { sopravvissuta: { id: k.b3 ? OTHER : e.id, status: pick(STATES.persona, k.n) } } } : {}),
      };
    case 'cartella:chiudi':
      return {
        ...base,
        ...(k.b1 ? { data: { chiusaIl: date } } : {}),
        ...(k.b3 ? { context: { preseInCarico: k.b2 ? [] : [{ id: OTHER, cartella: e.id, status: pick(STATES['presa-in-carico'], k.n) }] } } : {}),
      };
    case 'accesso:esita':
      return {
        ...base,
        ...(k.b1 ? { data: { esito: pick(['informazione', 'invio-altro-servizio', 'presa-in-carico', 'nessun-seguito', 'boh'], k.n), esitoIl: date, ...(k.b2 ? { inviatoA: 'Consultorio' } : {}) } } : {}),
      };
    case 'presa-in-carico:attiva':
      return { ...base, ...(k.b1 ? { context: { cartella: { id: id('cartella'), status: pick(STATES.cartella, k.n) } } } : {}) };
    case 'presa-in-carico:chiudi':
    case 'presa-in-carico:trasferisci':
      return {
        ...base,
        ...(k.b1
          ? {
              data: {
                motivoChiusura: pick(MOTIVI, k.n),
                ...(k.b2 ? { situazioneChiusura: SITUAZIONE } : {}),
                chiusaIl: date,
                trasferitaA: pick([{ belfiore: 'H501' }, { belfiore: 'H501' }, { belfiore: 'F205' }, { belfiore: 'bad' }], k.n >> 2),
              },
            }
          : {}),
        ...(k.m % 5 !== 4 ? { context: { interventi: k.m % 2 === 0 ? [] : [{ id: OTHER, presaInCarico: e.id, status: pick(STATES.intervento, k.m >> 1) }] } } : {}),
      };
    case 'valutazione:supera':
      return { ...base, data: { superataDa: k.b1 ? OTHER : e.id } };
    case 'progetto:sottoscrivi':
      return { ...base, ...(k.b1 ? { data: { sottoscrizioni: [{ firmatario: 'beneficiario', persona: e.persona, data: '2025-03-20' }] } } : {}) };
    case 'progetto:concludi':
    case 'progetto:interrompi':
    case 'intervento:concludi':
    case 'intervento:revoca':
    case 'provvedimento:cessa':
    case 'assegnazione:termina':
      return { ...base, ...(k.b1 ? { data: { al: date } } : {}) };
    case 'obiettivo:esito-raggiunto':
    case 'obiettivo:esito-parziale':
    case 'obiettivo:esito-non-raggiunto':
      return { ...base, ...(k.b1 ? { data: { esitoIl: date, ...(k.b2 ? { noteEsito: 'nota' } : {}) } } : {}) };
    case 'intervento:metti-in-lista':
      return { ...base, ...(k.b1 ? { data: { listaAttesa: { dal: date, posizione: k.n % 3 } } } : {}) };
    case 'intervento:autorizza':
    case 'intervento:avvia':
    case 'intervento:riprendi':
      return {
        ...base,
        ...(k.b3 ? { data: { attoAutorizzativo: { numero: k.b1 ? 'DD 1/2025' : ' ', data: date } } } : {}),
        ...(k.b1 ? { context: { presaInCarico: { id: id('presaInCarico'), status: k.m % 2 === 0 ? 'attiva' : pick(STATES['presa-in-carico'], k.n) } } } : {}),
      };
    case 'erogazione:valida':
      return {
        ...base,
        ...(k.b1
          ? {
              context: {
                ...(k.m % 3 !== 0 ? { valutazione: { id: id('valutazione'), data: day(k.d % 60) } } : {}),
                ...(k.b3 ? { intervento: { id: e.intervento, status: pick(STATES.intervento, k.n), history: [{ status: k.m % 2 === 0 ? 'in-erogazione' : 'autorizzato' }] } } : {}),
              },
            }
          : {}),
      };
    case 'erogazione:esporta':
    case 'erogazione:annulla':
    case 'erogazione:registra-cancellazione':
      return { ...base, ...(k.b1 ? { data: { flusso: k.b2 ? OTHER : 'not-an-id' } } : {}) };
    case 'erogazione:acquisisci':
    case 'erogazione:respingi':
      return {
        ...base,
        ...(k.b1
          ? {
              data: {
                flusso: k.b2 ? ((e['esportazione'] as { flusso?: string } | undefined)?.flusso ?? OTHER) : pick([OTHER, 'not-an-id'], k.n),
                ...(k.b3 ? { idAcquisizione: pick(['22738', ' ', 'A-1'], k.m) } : {}),
                codice: pick(['RICHIESTA_INVALIDA', 'DATI_NON_TROVATI', 'ERRORE_GENERICO', 'OK'], k.n),
                ...(k.m % 2 === 0 ? { descrizione: 'Dati non coerenti' } : {}),
              },
            }
          : {}),
      };
    case 'erogazione:correggi':
      return {
        ...base,
        ...(k.b1 ? { data: pick([{ importoCents: 12_000 }, { dal: '2020-01-01' }, { persona: OTHER }, {}], k.n) } : {}),
      };
    case 'diario:firma':
      return { ...base, ...(k.b1 ? { context: { originale: { id: id('addendumDi'), status: pick(STATES.diario, k.n), persona: k.b3 ? e.persona : OTHER } } } : {}) };
    case 'documento:protocolla':
      return { ...base, ...(k.b1 ? { data: { protocollo: { numero: '1234', data: date, direzione: 'entrata' } } } : {}) };
    case 'consenso:revoca':
      return { ...base, ...(k.b1 ? { data: { revocatoIl: date } } : {}) };
    case 'flusso-siuss:accetta':
    case 'flusso-siuss:scarta':
      return {
        ...base,
        ...(k.b1 ? { data: { esito: { codice: pick(['OK', 'DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO'], k.n), at: k.b2 ? at(k.n) : '2020-01-01T00:00:00Z' } } } : {}),
      };
    default:
      return base;
  }
}

/** Freezes an object and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
