// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, it } from 'vitest';
import { auditEventSchema } from '../audit.js';
import type { Instant } from '../base.js';
import { ENTITY_SCHEMAS, erogazioneSchema } from '../entities/index.js';
import { SAMPLE_IDS, sample } from '../entities/samples.js';
import type { LifecycleKind } from '../states.js';
import { STATES } from '../states.js';
import { diarioMachine } from './diario.js';
import type { Cartella, Erogazione, Intervento, PresaInCarico } from '../entities/index.js';
import { checkNewDiario } from './diario.js';
import { checkNewErogazione, correctExportedErogazione, erogazioneMachine, needsSiussCancellation, transitionErogazione } from './erogazione.js';
import { ACTOR, OTHER, T0, at, initial, run } from './fixtures.test-support.js';
import { transitionIntervento } from './intervento.js';
import { closePresaInCarico, transitionPresaInCarico } from './presa-in-carico.js';
import { LIFECYCLES, initialHistory } from './registry.js';

type Loose = Record<string, unknown>;

/** The refusal rule of a result (or 'ok', or the issue code when not a guard refusal). */
function outcome(r: { ok: boolean; issues?: readonly { code: string; params: Record<string, unknown> }[] }): string {
  if (r.ok) return 'ok';
  const first = r.issues?.[0];
  return first?.code === 'csi.lifecycle.guard' ? String(first.params['rule']) : String(first?.code);
}

const SINBA_MOTIVO = { system: 'siuss.sinba.motivazione-chiusura', version: 'SINBA', code: '4' };
const SINBA_SITUAZIONE = { system: 'siuss.sinba.situazione-chiusura', version: 'SINBA', code: '1' };
const MOTIVO_LOCALE = { system: 'locale.motivo-chiusura', version: '2025', code: 'BISOGNO-RISOLTO' };

interface Example {
  readonly name: string;
  readonly kind: LifecycleKind;
  readonly entity: () => Loose;
  readonly event: string;
  readonly input?: object;
  /** The refusal rule, or 'ok'. */
  readonly expected: string;
}

const persona = (o: Loose = {}): Loose => initial('persona', o);
const unita = (o: Loose = {}): Loose => initial('persona', { status: 'unita', unitaA: OTHER, history: [{ status: 'unita', at: '2025-03-03T09:00:00Z', by: SAMPLE_IDS.operatore, event: 'crea' }], ...o });
const inState = (kind: LifecycleKind, status: string, o: Loose = {}): Loose =>
  initial(kind, { status, history: [{ status, at: '2025-03-03T09:00:00Z', by: SAMPLE_IDS.operatore, event: 'crea' }], ...o });
const presa = (): Loose => sample('presa-in-carico') as unknown as Loose;
const intervento = (o: Loose = {}): Loose => ({ ...(sample('intervento') as unknown as Loose), ...o });
const erogazione = (o: Loose = {}): Loose => initial('erogazione', o);
const closeData = { motivoChiusura: MOTIVO_LOCALE };
const futuro = (o: Loose = {}): Loose => initial('appuntamento', { inizio: '2025-05-02T08:00:00Z', fine: '2025-05-02T09:00:00Z', ...o });
const openIntervento = { id: SAMPLE_IDS.intervento, presaInCarico: SAMPLE_IDS['presa-in-carico'], status: 'in-erogazione' };

const EXAMPLES: readonly Example[] = [
  // persona
  { name: 'death without a date', kind: 'persona', entity: persona, event: 'registra-decesso', expected: 'persona.data-decesso' },
  { name: 'death before birth', kind: 'persona', entity: persona, event: 'registra-decesso', input: { data: { dataDecesso: '1970-01-01' } }, expected: 'persona.data-decesso' },
  { name: 'death in the future', kind: 'persona', entity: persona, event: 'registra-decesso', input: { data: { dataDecesso: '2099-01-01' } }, expected: 'persona.data-decesso' },
  { name: 'death recorded', kind: 'persona', entity: persona, event: 'registra-decesso', input: { data: { dataDecesso: '2025-04-30' } }, expected: 'ok' },
  { name: 'merge into itself', kind: 'persona', entity: persona, event: 'unisci', input: { reason: 'duplicato', data: { unitaA: SAMPLE_IDS.persona } }, expected: 'persona.unione' },
  {
    name: 'merge into a merged record',
    kind: 'persona',
    entity: persona,
    event: 'unisci',
    input: { reason: 'duplicato', data: { unitaA: OTHER }, context: { sopravvissuta: { id: OTHER, status: 'unita' } } },
    expected: 'persona.unione',
  },
  { name: 'merge', kind: 'persona', entity: persona, event: 'unisci', input: { reason: 'duplicato', data: { unitaA: OTHER }, context: { sopravvissuta: { id: OTHER, status: 'attiva' } } }, expected: 'ok' },
  { name: 'unmerge a deceased person', kind: 'persona', entity: () => unita({ dataDecesso: '2025-03-01' }), event: 'separa', input: { reason: 'unione errata' }, expected: 'persona.separa-deceduta' },
  { name: 'unmerge', kind: 'persona', entity: () => unita(), event: 'separa', input: { reason: 'unione errata' }, expected: 'ok' },
  // cartella
  { name: 'close without the prese in carico', kind: 'cartella', entity: () => initial('cartella'), event: 'chiudi', input: { reason: 'trasferimento' }, expected: 'cartella.contesto-mancante' },
  {
    name: 'close with an active presa in carico',
    kind: 'cartella',
    entity: () => initial('cartella'),
    event: 'chiudi',
    input: { reason: 'trasferimento', context: { preseInCarico: [{ id: SAMPLE_IDS['presa-in-carico'], cartella: SAMPLE_IDS.cartella, status: 'attiva' }] } },
    expected: 'cartella.prese-in-carico-aperte',
  },
  {
    name: 'close: prese in carico of other cartelle do not count',
    kind: 'cartella',
    entity: () => initial('cartella'),
    event: 'chiudi',
    input: { reason: 'trasferimento', context: { preseInCarico: [{ id: OTHER, cartella: OTHER, status: 'attiva' }, { id: SAMPLE_IDS['presa-in-carico'], cartella: SAMPLE_IDS.cartella, status: 'chiusa' }] } },
    expected: 'ok',
  },
  { name: 'close before opening', kind: 'cartella', entity: () => initial('cartella'), event: 'chiudi', input: { reason: 'x', data: { chiusaIl: '2025-01-01' }, context: { preseInCarico: [] } }, expected: 'cartella.data-chiusura' },
  // accesso
  { name: 'outcome missing', kind: 'accesso', entity: () => initial('accesso', { esito: undefined, esitoIl: undefined, presaInCarico: undefined }), event: 'esita', expected: 'accesso.esito' },
  {
    name: 'sent elsewhere without the service',
    kind: 'accesso',
    entity: () => initial('accesso', { esito: undefined, esitoIl: undefined, presaInCarico: undefined }),
    event: 'esita',
    input: { data: { esito: 'invio-altro-servizio' } },
    expected: 'accesso.esito',
  },
  {
    name: 'presa in carico of an unidentified person',
    kind: 'accesso',
    entity: () => initial('accesso', { esito: undefined, esitoIl: undefined, presaInCarico: undefined, persona: undefined }),
    event: 'esita',
    input: { data: { esito: 'presa-in-carico' } },
    expected: 'accesso.esito',
  },
  { name: 'information while a presa in carico is recorded', kind: 'accesso', entity: () => initial('accesso'), event: 'esita', input: { data: { esito: 'informazione' } }, expected: 'accesso.esito' },
  {
    name: 'sent elsewhere',
    kind: 'accesso',
    entity: () => initial('accesso', { esito: undefined, esitoIl: undefined, presaInCarico: undefined }),
    event: 'esita',
    input: { data: { esito: 'invio-altro-servizio', inviatoA: 'Consultorio familiare' } },
    expected: 'ok',
  },
  // presa in carico
  { name: 'activate without the cartella', kind: 'presa-in-carico', entity: () => initial('presa-in-carico'), event: 'attiva', expected: 'presa-in-carico.contesto-mancante' },
  {
    name: 'activate in a closed cartella',
    kind: 'presa-in-carico',
    entity: () => initial('presa-in-carico'),
    event: 'attiva',
    input: { context: { cartella: { id: SAMPLE_IDS.cartella, status: 'chiusa' } } },
    expected: 'presa-in-carico.cartella-aperta',
  },
  {
    name: 'activate in another cartella',
    kind: 'presa-in-carico',
    entity: () => initial('presa-in-carico'),
    event: 'attiva',
    input: { context: { cartella: { id: OTHER, status: 'aperta' } } },
    expected: 'presa-in-carico.cartella-aperta',
  },
  { name: 'activate', kind: 'presa-in-carico', entity: () => initial('presa-in-carico'), event: 'attiva', input: { context: { cartella: { id: SAMPLE_IDS.cartella, status: 'aperta' } } }, expected: 'ok' },
  { name: 'close without a reason', kind: 'presa-in-carico', entity: presa, event: 'chiudi', input: { data: closeData, context: { interventi: [] } }, expected: 'csi.lifecycle.reason_required' },
  { name: 'close without closure code', kind: 'presa-in-carico', entity: presa, event: 'chiudi', input: { reason: 'bisogno risolto', context: { interventi: [] } }, expected: 'presa-in-carico.motivo-chiusura' },
  {
    name: 'close with an unknown SINBA code',
    kind: 'presa-in-carico',
    entity: presa,
    event: 'chiudi',
    input: { reason: 'x', data: { motivoChiusura: { ...SINBA_MOTIVO, code: '99' }, situazioneChiusura: SINBA_SITUAZIONE }, context: { interventi: [] } },
    expected: 'presa-in-carico.motivo-chiusura',
  },
  {
    name: 'close with a SINBA code and no situation',
    kind: 'presa-in-carico',
    entity: presa,
    event: 'chiudi',
    input: { reason: 'x', data: { motivoChiusura: SINBA_MOTIVO }, context: { interventi: [] } },
    expected: 'presa-in-carico.situazione-chiusura',
  },
  {
    name: 'close a minor’s presa in carico without the situation',
    kind: 'presa-in-carico',
    entity: presa,
    event: 'chiudi',
    input: { reason: 'x', data: closeData, context: { interventi: [], cartella: { id: SAMPLE_IDS.cartella, minore: true } } },
    expected: 'presa-in-carico.situazione-chiusura',
  },
  {
    name: 'close a minor’s presa in carico with the situation',
    kind: 'presa-in-carico',
    entity: presa,
    event: 'chiudi',
    input: { reason: 'x', data: { motivoChiusura: SINBA_MOTIVO, situazioneChiusura: SINBA_SITUAZIONE }, context: { interventi: [], cartella: { id: SAMPLE_IDS.cartella, minore: true } } },
    expected: 'ok',
  },
  {
    name: 'close before the start',
    kind: 'presa-in-carico',
    entity: presa,
    event: 'chiudi',
    input: { reason: 'x', data: { ...closeData, chiusaIl: '2025-03-01' }, context: { interventi: [] } },
    expected: 'presa-in-carico.data-chiusura',
  },
  { name: 'close without the interventi', kind: 'presa-in-carico', entity: presa, event: 'chiudi', input: { reason: 'x', data: closeData }, expected: 'presa-in-carico.contesto-mancante' },
  { name: 'close with an open intervento', kind: 'presa-in-carico', entity: presa, event: 'chiudi', input: { reason: 'x', data: closeData, context: { interventi: [openIntervento] } }, expected: 'presa-in-carico.interventi-aperti' },
  {
    name: 'close: interventi closed or of other prese in carico do not count',
    kind: 'presa-in-carico',
    entity: presa,
    event: 'chiudi',
    input: { reason: 'x', data: closeData, context: { interventi: [{ ...openIntervento, status: 'concluso' }, { ...openIntervento, presaInCarico: OTHER }] } },
    expected: 'ok',
  },
  {
    name: 'transfer to the same Ente',
    kind: 'presa-in-carico',
    entity: presa,
    event: 'trasferisci',
    input: { reason: 'cambio residenza', data: { ...closeData, trasferitaA: { belfiore: 'F205' } }, context: { interventi: [] } },
    expected: 'presa-in-carico.ente-destinazione',
  },
  {
    name: 'transfer without the receiving Ente',
    kind: 'presa-in-carico',
    entity: presa,
    event: 'trasferisci',
    input: { reason: 'cambio residenza', data: closeData, context: { interventi: [] } },
    expected: 'presa-in-carico.ente-destinazione',
  },
  {
    name: 'transfer',
    kind: 'presa-in-carico',
    entity: presa,
    event: 'trasferisci',
    input: { reason: 'cambio residenza', data: { ...closeData, trasferitaA: { belfiore: 'H501' } }, context: { interventi: [] } },
    expected: 'ok',
  },
  // valutazione
  { name: 'complete SINA without the dimensions', kind: 'valutazione', entity: () => initial('valutazione', { sina: undefined }), event: 'completa', expected: 'valutazione.dimensioni-siuss' },
  { name: 'complete SINBA without the dimensions', kind: 'valutazione', entity: () => initial('valutazione', { sina: undefined, tipo: 'sinba', strumento: undefined, fonte: undefined }), event: 'completa', expected: 'valutazione.dimensioni-siuss' },
  { name: 'complete', kind: 'valutazione', entity: () => initial('valutazione'), event: 'completa', expected: 'ok' },
  { name: 'superseded by itself', kind: 'valutazione', entity: () => sample('valutazione') as unknown as Loose, event: 'supera', input: { data: { superataDa: SAMPLE_IDS.valutazione } }, expected: 'valutazione.superata-da' },
  { name: 'superseded', kind: 'valutazione', entity: () => sample('valutazione') as unknown as Loose, event: 'supera', input: { data: { superataDa: OTHER } }, expected: 'ok' },
  // progetto
  { name: 'activate unsigned', kind: 'progetto', entity: () => inState('progetto', 'proposto', { sottoscrizioni: undefined }), event: 'sottoscrivi', expected: 'progetto.sottoscrizioni' },
  {
    name: 'activate, signed with the event',
    kind: 'progetto',
    entity: () => inState('progetto', 'proposto', { sottoscrizioni: undefined }),
    event: 'sottoscrivi',
    input: { data: { sottoscrizioni: [{ firmatario: 'beneficiario', persona: SAMPLE_IDS.persona, data: '2025-03-20' }] } },
    expected: 'ok',
  },
  { name: 'conclude before the start', kind: 'progetto', entity: () => sample('progetto') as unknown as Loose, event: 'concludi', input: { reason: 'x', data: { al: '2025-01-01' } }, expected: 'progetto.data-fine' },
  { name: 'interrupt', kind: 'progetto', entity: () => sample('progetto') as unknown as Loose, event: 'interrompi', input: { reason: 'rinuncia' }, expected: 'ok' },
  // obiettivo
  { name: 'outcome before the start', kind: 'obiettivo', entity: () => sample('obiettivo') as unknown as Loose, event: 'esito-raggiunto', input: { data: { esitoIl: '2025-01-01' } }, expected: 'obiettivo.data-esito' },
  { name: 'not achieved without a reason', kind: 'obiettivo', entity: () => sample('obiettivo') as unknown as Loose, event: 'esito-non-raggiunto', expected: 'csi.lifecycle.reason_required' },
  { name: 'partly achieved', kind: 'obiettivo', entity: () => sample('obiettivo') as unknown as Loose, event: 'esito-parziale', input: { data: { noteEsito: '5 giorni su 7' } }, expected: 'ok' },
  // intervento
  { name: 'start without the presa in carico', kind: 'intervento', entity: () => inState('intervento', 'autorizzato'), event: 'avvia', expected: 'intervento.presa-in-carico-attiva' },
  {
    name: 'start with another presa in carico',
    kind: 'intervento',
    entity: () => inState('intervento', 'autorizzato'),
    event: 'avvia',
    input: { context: { presaInCarico: { id: OTHER, status: 'attiva' } } },
    expected: 'intervento.presa-in-carico-attiva',
  },
  {
    name: 'start with a suspended presa in carico',
    kind: 'intervento',
    entity: () => inState('intervento', 'autorizzato'),
    event: 'avvia',
    input: { context: { presaInCarico: { id: SAMPLE_IDS['presa-in-carico'], status: 'sospesa' } } },
    expected: 'intervento.presa-in-carico-attiva',
  },
  {
    name: 'start with the active presa in carico',
    kind: 'intervento',
    entity: () => inState('intervento', 'autorizzato'),
    event: 'avvia',
    input: { context: { presaInCarico: { id: SAMPLE_IDS['presa-in-carico'], status: 'attiva' } } },
    expected: 'ok',
  },
  { name: 'start «senza presa in carico» (PresaCarico=2)', kind: 'intervento', entity: () => inState('intervento', 'autorizzato', { senzaPresaInCarico: true, presaInCarico: undefined }), event: 'avvia', expected: 'ok' },
  { name: 'authorise without the presa in carico', kind: 'intervento', entity: () => initial('intervento'), event: 'autorizza', expected: 'intervento.presa-in-carico-attiva' },
  {
    name: 'authorise with a proposed presa in carico',
    kind: 'intervento',
    entity: () => initial('intervento'),
    event: 'autorizza',
    input: { context: { presaInCarico: { id: SAMPLE_IDS['presa-in-carico'], status: 'proposta' } } },
    expected: 'intervento.presa-in-carico-attiva',
  },
  {
    name: 'authorise with an incomplete act',
    kind: 'intervento',
    entity: () => initial('intervento'),
    event: 'autorizza',
    input: { data: { attoAutorizzativo: { numero: ' ', data: '2025-03-20' } }, context: { presaInCarico: { id: SAMPLE_IDS['presa-in-carico'], status: 'attiva' } } },
    expected: 'intervento.atto-autorizzativo',
  },
  { name: 'resume with a closed presa in carico', kind: 'intervento', entity: () => inState('intervento', 'sospeso'), event: 'riprendi', input: { context: { presaInCarico: { id: SAMPLE_IDS['presa-in-carico'], status: 'chiusa' } } }, expected: 'intervento.presa-in-carico-attiva' },
  { name: 'resume', kind: 'intervento', entity: () => inState('intervento', 'sospeso'), event: 'riprendi', input: { context: { presaInCarico: { id: SAMPLE_IDS['presa-in-carico'], status: 'attiva' } } }, expected: 'ok' },
  { name: 'conclude before the start', kind: 'intervento', entity: intervento, event: 'concludi', input: { data: { al: '2025-03-01' } }, expected: 'intervento.data-fine' },
  { name: 'revoke before the start', kind: 'intervento', entity: intervento, event: 'revoca', input: { reason: 'x', data: { al: '2025-03-01' } }, expected: 'intervento.data-fine' },
  { name: 'waiting list position 0', kind: 'intervento', entity: () => initial('intervento'), event: 'metti-in-lista', input: { data: { listaAttesa: { posizione: 0 } } }, expected: 'intervento.lista-attesa' },
  { name: 'waiting list', kind: 'intervento', entity: () => initial('intervento'), event: 'metti-in-lista', input: { data: { listaAttesa: { posizione: 3 } } }, expected: 'ok' },
  // erogazione
  {
    name: 'validate: delivery before the assessment in the context',
    kind: 'erogazione',
    entity: erogazione,
    event: 'valida',
    input: { context: { valutazione: { id: SAMPLE_IDS.valutazione, data: '2025-04-15' } } },
    expected: 'erogazione.prima-della-valutazione',
  },
  { name: 'validate: delivery before valutazioneData', kind: 'erogazione', entity: () => ({ ...erogazione(), valutazioneData: '2025-04-15' }), event: 'valida', expected: 'erogazione.prima-della-valutazione' },
  { name: 'validate: assessment date unknown', kind: 'erogazione', entity: () => erogazione({ valutazioneData: undefined }), event: 'valida', expected: 'erogazione.data-valutazione-mancante' },
  {
    name: 'validate: assessment date from the context',
    kind: 'erogazione',
    entity: () => erogazione({ valutazioneData: undefined }),
    event: 'valida',
    input: { context: { valutazione: { id: SAMPLE_IDS.valutazione, data: '2025-03-12' } } },
    expected: 'ok',
  },
  { name: 'validate: another assessment', kind: 'erogazione', entity: erogazione, event: 'valida', input: { context: { valutazione: { id: OTHER, data: '2025-03-12' } } }, expected: 'erogazione.valutazione-diversa' },
  {
    name: 'validate: intervento never started',
    kind: 'erogazione',
    entity: erogazione,
    event: 'valida',
    input: { context: { intervento: { id: SAMPLE_IDS.intervento, status: 'autorizzato', history: [{ status: 'proposto' }, { status: 'autorizzato' }] } } },
    expected: 'erogazione.intervento-non-avviato',
  },
  {
    name: 'validate: another intervento',
    kind: 'erogazione',
    entity: erogazione,
    event: 'valida',
    input: { context: { intervento: { id: OTHER, status: 'in-erogazione', history: [{ status: 'in-erogazione' }] } } },
    expected: 'erogazione.intervento-non-avviato',
  },
  {
    name: 'validate: intervento started then revoked',
    kind: 'erogazione',
    entity: erogazione,
    event: 'valida',
    input: { context: { intervento: { id: SAMPLE_IDS.intervento, status: 'revocato', history: [{ status: 'in-erogazione' }, { status: 'revocato' }] } } },
    expected: 'ok',
  },
  { name: 'export without the flow', kind: 'erogazione', entity: () => inState('erogazione', 'validata'), event: 'esporta', expected: 'erogazione.flusso' },
  { name: 'export', kind: 'erogazione', entity: () => inState('erogazione', 'liquidata'), event: 'esporta', input: { data: { flusso: SAMPLE_IDS['flusso-siuss'] } }, expected: 'ok' },
  { name: 'cancel with a bad flow id', kind: 'erogazione', entity: erogazione, event: 'annulla', input: { reason: 'x', data: { flusso: 'x' } }, expected: 'erogazione.flusso' },
  {
    name: 'record the C flow of a cancelled exported erogazione',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'annullata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'I' } }),
    event: 'registra-cancellazione',
    input: { data: { flusso: OTHER } },
    expected: 'ok',
  },
  {
    name: 'esito OK on the flow that carries it',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'esportata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'I' } }),
    event: 'acquisisci',
    input: { data: { flusso: SAMPLE_IDS['flusso-siuss'], idAcquisizione: '22738' } },
    expected: 'ok',
  },
  {
    name: 'esito OK of another flow',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'esportata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'I' } }),
    event: 'acquisisci',
    input: { data: { flusso: OTHER } },
    expected: 'erogazione.esito-flusso',
  },
  {
    name: 'esito OK with a blank acquisition id',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'esportata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'I' } }),
    event: 'acquisisci',
    input: { data: { flusso: SAMPLE_IDS['flusso-siuss'], idAcquisizione: ' ' } },
    expected: 'erogazione.esito-flusso',
  },
  {
    name: 'rejection with OK as its code',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'esportata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'I' } }),
    event: 'respingi',
    input: { reason: 'x', data: { flusso: SAMPLE_IDS['flusso-siuss'], codice: 'OK' } },
    expected: 'erogazione.esito-flusso',
  },
  {
    name: 'rejection RICHIESTA_INVALIDA',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'esportata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'I' } }),
    event: 'respingi',
    input: { reason: 'In cooperazione è possibile inviare solo un beneficiario', data: { flusso: SAMPLE_IDS['flusso-siuss'], codice: 'RICHIESTA_INVALIDA', descrizione: 'In cooperazione è possibile inviare solo un beneficiario' } },
    expected: 'ok',
  },
  {
    name: 'correct a rejected erogazione: the amount',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'da-correggere', { scarto: { flusso: SAMPLE_IDS['flusso-siuss'], codice: 'DATI_NON_TROVATI', at: '2025-03-04T09:00:00Z' } }),
    event: 'correggi',
    input: { data: { importoCents: 12_000 } },
    expected: 'ok',
  },
  {
    name: 'correct a rejected erogazione: not its person',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'da-correggere', { scarto: { flusso: SAMPLE_IDS['flusso-siuss'], codice: 'DATI_NON_TROVATI', at: '2025-03-04T09:00:00Z' } }),
    event: 'correggi',
    input: { data: { persona: OTHER } },
    expected: 'erogazione.correzione-campi',
  },
  {
    name: 'correct a rejected erogazione: a date before its assessment',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'da-correggere', { scarto: { flusso: SAMPLE_IDS['flusso-siuss'], codice: 'DATI_NON_TROVATI', at: '2025-03-04T09:00:00Z' } }),
    event: 'correggi',
    input: { data: { dal: '2020-01-01' } },
    expected: 'erogazione.prima-della-valutazione',
  },
  {
    name: 'record the C flow of an erogazione never exported',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'annullata'),
    event: 'registra-cancellazione',
    input: { data: { flusso: OTHER } },
    expected: 'erogazione.cancellazione-siuss',
  },
  {
    name: 'record the C flow twice',
    kind: 'erogazione',
    entity: () => inState('erogazione', 'annullata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'C' } }),
    event: 'registra-cancellazione',
    input: { data: { flusso: OTHER } },
    expected: 'erogazione.cancellazione-siuss',
  },
  // diario
  { name: 'sign an empty entry', kind: 'diario', entity: () => ({ ...initial('diario'), testo: '   ' }), event: 'firma', expected: 'diario.testo-vuoto' },
  { name: 'sign an addendum without its original', kind: 'diario', entity: () => initial('diario', { addendumDi: OTHER }), event: 'firma', expected: 'diario.addendum' },
  {
    name: 'sign an addendum to a draft',
    kind: 'diario',
    entity: () => initial('diario', { addendumDi: OTHER }),
    event: 'firma',
    input: { context: { originale: { id: OTHER, status: 'bozza', persona: SAMPLE_IDS.persona } } },
    expected: 'diario.addendum',
  },
  {
    name: 'sign an addendum about another person',
    kind: 'diario',
    entity: () => initial('diario', { addendumDi: OTHER }),
    event: 'firma',
    input: { context: { originale: { id: OTHER, status: 'firmato', persona: SAMPLE_IDS.figlia } } },
    expected: 'diario.addendum',
  },
  {
    name: 'sign an addendum',
    kind: 'diario',
    entity: () => initial('diario', { addendumDi: OTHER }),
    event: 'firma',
    input: { context: { originale: { id: OTHER, status: 'firmato', persona: SAMPLE_IDS.persona } } },
    expected: 'ok',
  },
  { name: 'a signed entry is not signed again', kind: 'diario', entity: () => sample('diario') as unknown as Loose, event: 'firma', expected: 'csi.lifecycle.not_allowed' },
  // documento
  { name: 'register without the protocol', kind: 'documento', entity: () => initial('documento', { protocollo: undefined }), event: 'protocolla', expected: 'documento.protocollo' },
  {
    name: 'register before the document date',
    kind: 'documento',
    entity: () => initial('documento', { protocollo: undefined }),
    event: 'protocolla',
    input: { data: { protocollo: { numero: '1', data: '2025-03-01', direzione: 'entrata' } } },
    expected: 'documento.protocollo',
  },
  {
    name: 'register',
    kind: 'documento',
    entity: () => initial('documento', { protocollo: undefined }),
    event: 'protocolla',
    input: { data: { protocollo: { numero: '1', data: '2025-03-13', direzione: 'entrata' } } },
    expected: 'ok',
  },
  {
    name: 'discard under legal hold',
    kind: 'documento',
    entity: () => sample('documento', { conservazione: { classe: 'illimitata', vincoloLegale: true } } as never) as unknown as Loose,
    event: 'scarta',
    input: { reason: 'scarto autorizzato' },
    expected: 'documento.vincolo-legale',
  },
  { name: 'discard', kind: 'documento', entity: () => sample('documento') as unknown as Loose, event: 'scarta', input: { reason: 'scarto autorizzato' }, expected: 'ok' },
  // provvedimento
  { name: 'end before the start', kind: 'provvedimento', entity: () => sample('provvedimento') as unknown as Loose, event: 'cessa', input: { reason: 'x', data: { al: '2025-01-01' } }, expected: 'provvedimento.data-fine' },
  { name: 'end', kind: 'provvedimento', entity: () => sample('provvedimento') as unknown as Loose, event: 'cessa', input: { reason: 'decreto di chiusura' }, expected: 'ok' },
  // consenso
  { name: 'withdraw before the consent', kind: 'consenso', entity: () => sample('consenso') as unknown as Loose, event: 'revoca', input: { data: { revocatoIl: '2025-01-01' } }, expected: 'consenso.data-revoca' },
  { name: 'withdraw without a reason', kind: 'consenso', entity: () => sample('consenso') as unknown as Loose, event: 'revoca', expected: 'ok' },
  { name: 'expire before the expiry date', kind: 'consenso', entity: () => sample('consenso') as unknown as Loose, event: 'scadi', expected: 'consenso.scadenza' },
  { name: 'expire without an expiry date', kind: 'consenso', entity: () => sample('consenso', { scadenza: undefined } as never) as unknown as Loose, event: 'scadi', expected: 'consenso.scadenza' },
  { name: 'expire', kind: 'consenso', entity: () => sample('consenso', { scadenza: '2025-04-30' } as never) as unknown as Loose, event: 'scadi', expected: 'ok' },
  // assegnazione
  { name: 'end before the start', kind: 'assegnazione', entity: () => sample('assegnazione') as unknown as Loose, event: 'termina', input: { reason: 'x', data: { al: '2025-01-01' } }, expected: 'assegnazione.data-fine' },
  { name: 'end without a reason', kind: 'assegnazione', entity: () => sample('assegnazione') as unknown as Loose, event: 'termina', expected: 'csi.lifecycle.reason_required' },
  { name: 'end', kind: 'assegnazione', entity: () => sample('assegnazione') as unknown as Loose, event: 'termina', input: { reason: 'cambio di case manager' }, expected: 'ok' },
  // flusso SIUSS
  { name: 'accept without the outcome', kind: 'flusso-siuss', entity: () => sample('flusso-siuss') as unknown as Loose, event: 'accetta', expected: 'flusso-siuss.esito' },
  { name: 'accept a rejected flow', kind: 'flusso-siuss', entity: () => sample('flusso-siuss') as unknown as Loose, event: 'accetta', input: { data: { esito: { codice: 'RICHIESTA_INVALIDA', at: T0 } } }, expected: 'flusso-siuss.esito' },
  { name: 'reject an OK flow', kind: 'flusso-siuss', entity: () => sample('flusso-siuss') as unknown as Loose, event: 'scarta', input: { data: { esito: { codice: 'OK', at: T0 } } }, expected: 'flusso-siuss.esito' },
  { name: 'outcome before generation', kind: 'flusso-siuss', entity: () => sample('flusso-siuss') as unknown as Loose, event: 'accetta', input: { data: { esito: { codice: 'OK', at: '2025-01-01T00:00:00Z' } } }, expected: 'flusso-siuss.esito' },
  { name: 'accept', kind: 'flusso-siuss', entity: () => sample('flusso-siuss') as unknown as Loose, event: 'accetta', input: { data: { esito: { codice: 'OK', idAcquisizione: 'A1', at: T0 } } }, expected: 'ok' },
  { name: 'reject', kind: 'flusso-siuss', entity: () => sample('flusso-siuss') as unknown as Loose, event: 'scarta', input: { data: { esito: { codice: 'ERRORE_GENERICO', at: T0 } } }, expected: 'ok' },
  // appuntamento (at(0) = 2025-05-01T08:00Z: the sample's start, 2025-04-08, is past; `futuro` starts the next day)
  { name: 'confirm after the start', kind: 'appuntamento', entity: () => initial('appuntamento'), event: 'conferma', expected: 'appuntamento.conferma-prima-dell-inizio' },
  { name: 'confirm', kind: 'appuntamento', entity: () => futuro(), event: 'conferma', expected: 'ok' },
  { name: 'held before the start', kind: 'appuntamento', entity: () => futuro(), event: 'registra-svolto', expected: 'appuntamento.esito-dopo-l-inizio' },
  { name: 'held', kind: 'appuntamento', entity: () => sample('appuntamento') as unknown as Loose, event: 'registra-svolto', expected: 'ok' },
  { name: 'missed before the start', kind: 'appuntamento', entity: () => futuro(), event: 'registra-assenza', expected: 'appuntamento.esito-dopo-l-inizio' },
  { name: 'missed', kind: 'appuntamento', entity: () => initial('appuntamento'), event: 'registra-assenza', expected: 'ok' },
  { name: 'cancel without a reason', kind: 'appuntamento', entity: () => futuro(), event: 'annulla', input: { reason: '  ' }, expected: 'csi.lifecycle.reason_required' },
  { name: 'cancel', kind: 'appuntamento', entity: () => sample('appuntamento') as unknown as Loose, event: 'annulla', input: { reason: 'Ricovero della persona' }, expected: 'ok' },
];

describe('guards: one example per rule, accepted and refused', () => {
  it.each(EXAMPLES.map((e) => [`${e.kind} ${e.event}: ${e.name} → ${e.expected}`, e] as const))('%s', (_name, e) => {
    const entity = e.entity();
    const r = run(e.kind, entity, e.event, ACTOR, at(0), e.input);
    expect(outcome(r)).toBe(e.expected);
    if (r.ok) {
      // an accepted example yields an entity its schema accepts
      const parsed = (ENTITY_SCHEMAS[e.kind] as unknown as { safeParse(v: unknown): { success: boolean; error?: unknown } }).safeParse(r.value.entity);
      expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
    } else if (r.issues[0].code === 'csi.lifecycle.guard') {
      // bilingual message, stable rule id
      expect(r.issues[0].message.length).toBeGreaterThan(0);
      expect(r.issues[0].messageEn.length).toBeGreaterThan(0);
      expect(r.issues[0].message).not.toBe(r.issues[0].messageEn);
      expect(r.issues[0].params['event']).toBe(e.event);
    }
  });

  it('every documented rule has a refusing example (here or in the helper tests below)', () => {
    const helperTested = new Set(['erogazione.correzione-non-esportata']);
    const refused = new Set(EXAMPLES.map((e) => e.expected));
    const rules = Object.values(LIFECYCLES).flatMap((d) => d.rules.map((r) => r.id));
    expect(rules.filter((id) => !refused.has(id) && !helperTested.has(id))).toEqual([]);
    // and every rule id is unique and prefixed by its kind
    expect(new Set(rules).size).toBe(rules.length);
    for (const d of Object.values(LIFECYCLES)) for (const r of d.rules) expect(r.id.startsWith(`${d.kind}.`)).toBe(true);
  });

  it('accepted examples apply their data', () => {
    const death = run('persona', persona(), 'registra-decesso', ACTOR, at(0), { data: { dataDecesso: '2025-04-30' } });
    expect(death.ok && death.value.entity['dataDecesso']).toBe('2025-04-30');
    const undone = death.ok ? run('persona', death.value.entity, 'annulla-decesso', ACTOR, at(1), { reason: 'errore di registrazione' }) : death;
    expect(undone.ok && 'dataDecesso' in undone.value.entity).toBe(false);
    const closed = run('cartella', initial('cartella'), 'chiudi', ACTOR, at(0), { reason: 'x', context: { preseInCarico: [] } });
    expect(closed.ok && closed.value.entity['chiusaIl']).toBe('2025-05-01');
    const reopened = closed.ok ? run('cartella', closed.value.entity, 'riapri', ACTOR, at(1), { reason: 'nuova richiesta' }) : closed;
    expect(reopened.ok && 'chiusaIl' in reopened.value.entity).toBe(false);
    const ended = run('assegnazione', sample('assegnazione'), 'termina', ACTOR, at(0), { reason: 'cambio di case manager' });
    expect(ended.ok && ended.value.entity).toMatchObject({ al: '2025-05-01', motivoCambio: 'cambio di case manager' });
    const exported = run('erogazione', inState('erogazione', 'validata'), 'esporta', ACTOR, at(0), { data: { flusso: SAMPLE_IDS['flusso-siuss'] } });
    expect(exported.ok && exported.value.entity['esportazione']).toEqual({ flusso: SAMPLE_IDS['flusso-siuss'], at: at(0), tipoOperazione: 'I' });
  });

  it('a signed diario entry accepts no event but segna-errore', () => {
    expect(diarioMachine.allowedEvents({ status: 'firmato' })).toEqual(['segna-errore']);
    const r = run('diario', sample('diario'), 'segna-errore', ACTOR, at(0), { reason: 'persona sbagliata' });
    expect(r.ok && r.value.entity.status).toBe('entered-in-error');
  });

  it('an exported erogazione accepts only the esito of its flow, annulla and segna-errore; an acquired one only annulla and segna-errore', () => {
    expect(erogazioneMachine.allowedEvents({ status: 'esportata' })).toEqual(['annulla', 'acquisisci', 'respingi', 'segna-errore']);
    expect(erogazioneMachine.allowedEvents({ status: 'acquisita' })).toEqual(['annulla', 'segna-errore']);
    expect(erogazioneMachine.allowedEvents({ status: 'da-correggere' })).toEqual(['annulla', 'correggi', 'segna-errore']);
    const exported = inState('erogazione', 'esportata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'I' } });
    for (const event of ['valida', 'liquida', 'esporta', 'correggi']) expect(outcome(run('erogazione', exported, event, ACTOR, at(0), { data: { flusso: OTHER } }))).toBe('csi.lifecycle.not_allowed');
  });

  it('the esito closes the loop: OK keeps the export with its acquisition id; a rejection undoes it, the correction validates again, the cancellation of an acquired one needs a C flow', () => {
    const exported = inState('erogazione', 'esportata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'I' } });
    const acquired = run('erogazione', exported, 'acquisisci', ACTOR, at(0), { data: { flusso: SAMPLE_IDS['flusso-siuss'], idAcquisizione: '22738' } });
    expect(acquired.ok && acquired.value.entity).toMatchObject({ status: 'acquisita', esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], tipoOperazione: 'I', idAcquisizione: '22738', acquisitaAt: at(0) } });
    expect(acquired.ok && erogazioneSchema.safeParse(acquired.value.entity).success).toBe(true);
    const cancelled = acquired.ok ? run('erogazione', acquired.value.entity, 'annulla', ACTOR, at(1), { reason: 'doppione' }) : acquired;
    expect(cancelled.ok && needsSiussCancellation(cancelled.value.entity as never)).toBe(true);
    const corrected = acquired.ok ? correctExportedErogazione(acquired.value.entity as unknown as Erogazione, { importoCents: 1 }, ACTOR, at(1), { reason: 'importo errato' }) : acquired;
    expect(corrected.ok && corrected.value.annullata.status).toBe('annullata');

    const rejected = run('erogazione', exported, 'respingi', ACTOR, at(0), { reason: 'RICHIESTA_INVALIDA', data: { flusso: SAMPLE_IDS['flusso-siuss'], codice: 'RICHIESTA_INVALIDA', descrizione: 'ImportoPrestazione errato' } });
    expect(rejected.ok && rejected.value.entity).toMatchObject({ status: 'da-correggere', scarto: { codice: 'RICHIESTA_INVALIDA', descrizione: 'ImportoPrestazione errato', at: at(0) } });
    expect(rejected.ok && 'esportazione' in rejected.value.entity).toBe(false);
    expect(rejected.ok && erogazioneSchema.safeParse(rejected.value.entity).success).toBe(true);
    expect(rejected.ok && needsSiussCancellation(rejected.value.entity as never)).toBe(false);
    const fixed = rejected.ok ? run('erogazione', rejected.value.entity, 'correggi', ACTOR, at(1), { data: { importoCents: 9_900, al: undefined } }) : rejected;
    expect(fixed.ok && fixed.value.entity).toMatchObject({ status: 'validata', importoCents: 9_900, scarto: { codice: 'RICHIESTA_INVALIDA' } });
    expect(fixed.ok && 'al' in fixed.value.entity).toBe(false);
    expect(fixed.ok && erogazioneSchema.safeParse(fixed.value.entity).success).toBe(true);
    // the schema wants the rejection on a da-correggere record, and the export on an acquired one
    expect(erogazioneSchema.safeParse({ ...(rejected.ok ? rejected.value.entity : {}), scarto: undefined }).success).toBe(false);
    expect(erogazioneSchema.safeParse({ ...(acquired.ok ? acquired.value.entity : {}), esportazione: undefined }).success).toBe(false);
    // own keys only: a prototype key is not a correctable field
    const proto = rejected.ok ? run('erogazione', rejected.value.entity, 'correggi', ACTOR, at(1), { data: JSON.parse('{"__proto__": {"importoCents": 1}}') }) : rejected;
    expect(outcome(proto)).toBe('erogazione.correzione-campi');
  });

  it('segna-errore exists in every machine, from every state but entered-in-error, with a reason', () => {
    for (const kind of Object.keys(STATES) as LifecycleKind[]) {
      const m = LIFECYCLES[kind].machine;
      expect(m.events).toContain('segna-errore');
      const spec = m.spec['segna-errore'];
      expect(spec?.reasonRequired).toBe(true);
      expect(spec?.to).toBe('entered-in-error');
      expect([...(spec?.from ?? [])].sort()).toEqual((STATES[kind] as readonly string[]).filter((s) => s !== 'entered-in-error').sort());
    }
  });
});

describe('closePresaInCarico', () => {
  const p = (): PresaInCarico => sample('presa-in-carico') as unknown as PresaInCarico;
  const i = (status: string, o: Loose = {}): Intervento =>
    ({ ...(initial('intervento', { status, history: [{ status, at: '2025-03-03T09:00:00Z', by: SAMPLE_IDS.operatore, event: 'crea' }], ...o }) as Loose) }) as unknown as Intervento;
  const id = (n: number) => `00000000-0000-4000-8000-0000000001${n.toString().padStart(2, '0')}` as Intervento['id'];
  const interventi = (): Intervento[] => [
    i('in-erogazione', { id: id(1) }),
    i('sospeso', { id: id(2) }),
    i('autorizzato', { id: id(3) }),
    i('concluso', { id: id(4), al: '2025-04-30' }),
    i('in-erogazione', { id: id(5), presaInCarico: OTHER }),
    i('proposto', { id: id(6) }),
  ];

  it('closes the presa in carico, concludes running interventi, revokes the others, one audit event each, all valid', () => {
    const r = closePresaInCarico(p(), interventi(), ACTOR, at(0), { reason: 'bisogno risolto', motivoChiusura: MOTIVO_LOCALE, chiusaIl: '2025-04-30' as never });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.presa).toMatchObject({ status: 'chiusa', chiusaIl: '2025-04-30', motivoChiusura: MOTIVO_LOCALE });
    expect(r.value.interventi.map((x) => [x.id, x.status, x.al])).toEqual([
      [id(1), 'concluso', '2025-04-30'],
      [id(2), 'concluso', '2025-04-30'],
      [id(3), 'revocato', '2025-12-31'],
      [id(6), 'revocato', '2025-12-31'],
    ]);
    expect(r.value.audit.map((a) => [a.entity.id, a.transition?.event, a.transition?.to])).toEqual([
      [id(1), 'concludi', 'concluso'],
      [id(2), 'concludi', 'concluso'],
      [id(3), 'revoca', 'revocato'],
      [id(6), 'revoca', 'revocato'],
      [SAMPLE_IDS['presa-in-carico'], 'chiudi', 'chiusa'],
    ]);
    expect(r.value.audit.every((a) => auditEventSchema.safeParse(a).success && a.at === at(0))).toBe(true);
    expect(r.value.audit[0]?.reason).toBe('Chiusura della presa in carico: bisogno risolto');
    expect(r.value.audit.at(-1)?.reason).toBe('bisogno risolto');
    expect(ENTITY_SCHEMAS['presa-in-carico'].safeParse(r.value.presa).success).toBe(true);
    for (const x of r.value.interventi) expect(ENTITY_SCHEMAS.intervento.safeParse(x).success).toBe(true);
  });

  it('transfers to another Ente', () => {
    const r = closePresaInCarico(p(), interventi(), ACTOR, at(0), { reason: 'cambio di residenza', motivoChiusura: MOTIVO_LOCALE, trasferisci: { belfiore: 'H501' } });
    expect(r.ok && r.value.presa).toMatchObject({ status: 'trasferita', trasferitaA: { belfiore: 'H501' }, chiusaIl: '2025-05-01' });
    expect(r.ok && r.value.audit[0]?.reason).toBe('Trasferimento della presa in carico (H501): cambio di residenza');
    expect(r.ok && r.value.audit.at(-1)?.transition?.event).toBe('trasferisci');
  });

  it('with no open intervento, only the presa in carico changes', () => {
    const r = closePresaInCarico(p(), [], ACTOR, at(0), { reason: 'bisogno risolto', motivoChiusura: MOTIVO_LOCALE });
    expect(r.ok && [r.value.interventi.length, r.value.audit.length]).toEqual([0, 1]);
  });

  it('refuses on the presa in carico first (no reason, no closure code, minor without situation), changing nothing', () => {
    const list = interventi();
    const snapshot = JSON.stringify(list);
    expect(outcome(closePresaInCarico(p(), list, ACTOR, at(0), { reason: ' ', motivoChiusura: MOTIVO_LOCALE }))).toBe('csi.lifecycle.reason_required');
    expect(outcome(closePresaInCarico(p(), list, ACTOR, at(0), { reason: 'x' } as never))).toBe('presa-in-carico.motivo-chiusura');
    expect(outcome(closePresaInCarico(p(), list, ACTOR, at(0), { reason: 'x', motivoChiusura: MOTIVO_LOCALE, cartella: { id: SAMPLE_IDS.cartella as Cartella['id'], minore: true } }))).toBe(
      'presa-in-carico.situazione-chiusura',
    );
    expect(outcome(closePresaInCarico(p(), list, ACTOR, at(0), { reason: 'x', motivoChiusura: MOTIVO_LOCALE, trasferisci: { belfiore: 'F205' } }))).toBe('presa-in-carico.ente-destinazione');
    const suspended = { ...p(), status: 'chiusa' } as PresaInCarico;
    expect(outcome(closePresaInCarico(suspended, list, ACTOR, at(0), { reason: 'x', motivoChiusura: MOTIVO_LOCALE }))).toBe('csi.lifecycle.not_allowed');
    expect(JSON.stringify(list)).toBe(snapshot);
  });

  it('is all or nothing: one intervento that cannot close fails the whole closure, naming it', () => {
    const list = [...interventi(), i('in-erogazione', { id: id(7), updatedAt: '2025-06-01T00:00:00Z' })];
    const r = closePresaInCarico(p(), list, ACTOR, at(0), { reason: 'bisogno risolto', motivoChiusura: MOTIVO_LOCALE });
    expect(outcome(r)).toBe('csi.lifecycle.time_order');
    expect(!r.ok && r.issues[0].params['intervento']).toBe(id(7));
    expect(!r.ok && r.issues[0].message).toContain(id(7));
    const early = closePresaInCarico(p(), [i('in-erogazione', { id: id(8), dal: '2025-04-01' })], ACTOR, at(0), { reason: 'x', motivoChiusura: MOTIVO_LOCALE, chiusaIl: '2025-03-20' as never });
    expect(outcome(early)).toBe('intervento.data-fine');
  });
});

describe('correctExportedErogazione, checkNewErogazione, needsSiussCancellation', () => {
  const exported = (): Erogazione =>
    inState('erogazione', 'esportata', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: '2025-03-03T09:00:00Z', tipoOperazione: 'I' } }) as unknown as Erogazione;
  const NEW_ID = '00000000-0000-4000-8000-000000000e01' as Erogazione['id'];

  it('cancels the exported one (C) and creates a corrected registrata copy pointing to it, with two audit events', () => {
    const r = correctExportedErogazione(exported(), { importoCents: 40_000, al: undefined }, ACTOR, at(0), {
      reason: 'importo errato',
      flusso: OTHER as never,
      id: NEW_ID,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.annullata).toMatchObject({ id: SAMPLE_IDS.erogazione, status: 'annullata', esportazione: { flusso: OTHER, tipoOperazione: 'C', at: at(0) } });
    expect(r.value.nuova).toMatchObject({ id: NEW_ID, status: 'registrata', version: 1, importoCents: 40_000, annullaErogazione: SAMPLE_IDS.erogazione, createdAt: at(0), updatedAt: at(0) });
    expect(r.value.nuova.history).toEqual([{ status: 'registrata', at: at(0), by: ACTOR.operatoreId, event: 'crea', reason: 'importo errato' }]);
    expect('al' in r.value.nuova).toBe(false);
    expect('esportazione' in r.value.nuova).toBe(false);
    expect(r.value.audit.map((a) => [a.action, a.entity.id, a.transition])).toEqual([
      ['transition', SAMPLE_IDS.erogazione, { event: 'annulla', from: 'esportata', to: 'annullata' }],
      ['create', NEW_ID, { event: 'crea', from: null, to: 'registrata' }],
    ]);
    for (const a of r.value.audit) expect(auditEventSchema.safeParse(a).success).toBe(true);
    expect(ENTITY_SCHEMAS.erogazione.safeParse(r.value.annullata).success).toBe(true);
    expect(ENTITY_SCHEMAS.erogazione.safeParse(r.value.nuova).success).toBe(true);
    expect(needsSiussCancellation(r.value.annullata)).toBe(false);
  });

  it('without the cancellation flow, SIUSS still has to receive the C record', () => {
    const r = correctExportedErogazione(exported(), { importoCents: 40_000 }, ACTOR, at(0), { reason: 'importo errato' });
    expect(r.ok && r.value.annullata.esportazione?.tipoOperazione).toBe('I');
    expect(r.ok && needsSiussCancellation(r.value.annullata)).toBe(true);
    // later, the flow that carries the cancellation is recorded
    const recorded = r.ok ? transitionErogazione(r.value.annullata, 'registra-cancellazione', ACTOR, at(5), { data: { flusso: OTHER as never } }) : r;
    expect(recorded.ok && recorded.value.entity).toMatchObject({ status: 'annullata', esportazione: { flusso: OTHER, tipoOperazione: 'C', at: at(5) } });
    expect(recorded.ok && needsSiussCancellation(recorded.value.entity)).toBe(false);
    expect(needsSiussCancellation(exported())).toBe(false);
  });

  it('refuses an erogazione not exported, a missing reason, and corrections that predate the assessment (nothing changes)', () => {
    const registrata = initial('erogazione') as unknown as Erogazione;
    expect(outcome(correctExportedErogazione(registrata, {}, ACTOR, at(0), { reason: 'x' }))).toBe('erogazione.correzione-non-esportata');
    expect(outcome(correctExportedErogazione(exported(), {}, ACTOR, at(0), { reason: '' }))).toBe('csi.lifecycle.reason_required');
    const e = exported();
    const snapshot = JSON.stringify(e);
    const r = correctExportedErogazione(e, { dal: '2025-03-01' as never }, ACTOR, at(0), { reason: 'data errata' });
    expect(outcome(r)).toBe('erogazione.prima-della-valutazione');
    expect(!r.ok && r.issues[0].params['event']).toBe('crea');
    expect(JSON.stringify(e)).toBe(snapshot);
  });

  it('checkNewErogazione reports every refusal at once', () => {
    const e = { ...(initial('erogazione') as unknown as Erogazione), dataErogazione: '2025-03-05' as never };
    expect(checkNewErogazione(e).ok).toBe(false);
    const r = checkNewErogazione(e, { valutazione: { id: OTHER as never, data: '2025-03-12' as never }, intervento: { id: SAMPLE_IDS.intervento as never, status: 'proposto', history: [] } });
    expect(!r.ok && r.issues.map((x) => x.params['rule'])).toEqual(['erogazione.valutazione-diversa', 'erogazione.prima-della-valutazione', 'erogazione.intervento-non-avviato']);
    expect(checkNewErogazione(initial('erogazione') as unknown as Erogazione).ok).toBe(true);
  });

  it('the typed wrapper checks the assessment at validation', () => {
    const r = transitionErogazione(initial('erogazione') as unknown as Erogazione, 'valida', ACTOR, at(0), {
      context: { valutazione: { id: SAMPLE_IDS.valutazione as never, data: '2025-04-02' as never } },
    });
    expect(outcome(r)).toBe('erogazione.prima-della-valutazione');
  });
});

describe('checkNewDiario, initialHistory, typed wrappers', () => {
  it('checkNewDiario: an addendum refers to a signed entry about the same person', () => {
    const addendum = initial('diario', { id: OTHER, addendumDi: SAMPLE_IDS.diario }) as never;
    expect(outcome(checkNewDiario(addendum))).toBe('diario.addendum');
    expect(checkNewDiario(addendum, { originale: sample('diario') as never }).ok).toBe(true);
    expect(checkNewDiario(initial('diario') as never).ok).toBe(true);
  });

  it('initialHistory gives the first state, the crea entry and a create audit event, for every kind', () => {
    for (const kind of Object.keys(STATES) as LifecycleKind[]) {
      const h = initialHistory(kind, ACTOR, T0, { persona: SAMPLE_IDS.persona });
      expect(h.status).toBe(LIFECYCLES[kind].machine.initial);
      expect(h.history).toEqual([{ status: h.status, at: T0, by: ACTOR.operatoreId, event: 'crea' }]);
      expect(h.audit).toMatchObject({ action: 'create', entity: { kind, id: h.id }, persona: SAMPLE_IDS.persona, transition: { event: 'crea', from: null, to: h.status }, outcome: 'success' });
      expect(auditEventSchema.safeParse(h.audit).success).toBe(true);
    }
    const given = initialHistory('erogazione', ACTOR, T0, { id: SAMPLE_IDS.erogazione, status: 'validata', reason: 'importazione' });
    expect(given).toMatchObject({ id: SAMPLE_IDS.erogazione, status: 'validata', history: [{ reason: 'importazione' }] });
  });

  it('typed wrappers: data and context are typed per event (see also the @ts-expect-error lines)', () => {
    const i = initial('intervento', { status: 'autorizzato', history: [{ status: 'autorizzato', at: '2025-03-03T09:00:00Z', by: SAMPLE_IDS.operatore, event: 'crea' }] }) as unknown as Intervento;
    const presaRef = { id: SAMPLE_IDS['presa-in-carico'] as Intervento['presaInCarico'] & string, status: 'attiva' } as const;
    const when: Instant = at(0);
    expect(transitionIntervento(i, 'avvia', ACTOR, when, { context: { presaInCarico: presaRef as never } }).ok).toBe(true);
    // @ts-expect-error sospendi requires a reason
    void transitionIntervento(i, 'sospendi', ACTOR, when);
    // @ts-expect-error unknown event
    void transitionIntervento(i, 'cancella', ACTOR, when);
    // @ts-expect-error chiudi requires data and context
    void transitionPresaInCarico(sample('presa-in-carico') as unknown as PresaInCarico, 'chiudi', ActorOf(), when, { reason: 'x' });
  });
});

function ActorOf(): typeof ACTOR {
  return ACTOR;
}
