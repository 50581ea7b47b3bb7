// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, it } from 'vitest';
import type { EntityKind } from '../ids.js';
import { ENTITY_SCHEMAS } from './index.js';
import { SAMPLE_IDS, sampleInput, sampleSina, sampleSinba } from './samples.js';

const T1 = '2025-04-01T10:00:00Z';
const T0 = '2025-03-03T09:00:00Z';
const by = SAMPLE_IDS.operatore;

/** History that ends in `status` (two steps). */
const ends = (first: string, status: string) => [
  { status: first, at: T0, by, event: 'crea' },
  { status, at: T1, by, event: 'cambia' },
];
/** Status fields for a record that moved to `status` (same updatedAt as the history). */
const moved = (first: string, status: string) => ({ status, history: ends(first, status), updatedAt: T1, version: 2 });

const SINBA_MOTIVO = { system: 'siuss.sinba.motivazione-chiusura', version: 'SINBA', code: '4' };
const SINBA_SITUAZIONE = { system: 'siuss.sinba.situazione-chiusura', version: 'SINBA', code: '1' };

/** [title, kind, overrides, path of the expected issue]. */
const BAD: readonly (readonly [string, EntityKind, Record<string, unknown>, readonly PropertyKey[]])[] = [
  // Shared lifecycle and base checks.
  ['status differs from the last history entry', 'assegnazione', { status: 'terminata', al: '2025-03-04' }, ['status']],
  ['history out of time order', 'presa-in-carico', { history: [{ status: 'proposta', at: T1, by, event: 'crea' }, { status: 'attiva', at: T0, by, event: 'attiva' }] }, ['history', 1, 'at']],
  ['last history entry after updatedAt', 'diario', { history: [{ status: 'firmato', at: '2026-01-01T00:00:00Z', by, event: 'crea' }] }, ['history', 0, 'at']],
  ['updatedAt before createdAt', 'ente', { updatedAt: '2020-01-01T00:00:00Z' }, ['updatedAt']],
  ['an unknown state', 'persona', { status: 'cancellata' }, ['status']],
  ['version 0', 'servizio', { version: 0 }, ['version']],

  // Persona.
  ['persona with both CF and alternative id', 'persona', { identificativoAlternativo: { tipo: 'stp', valore: 'STP0000000000001' } }, ['identificativoAlternativo']],
  ['persona with neither identifier', 'persona', { codiceFiscale: undefined }, ['codiceFiscale']],
  ['persona: CF with a wrong check character', 'persona', { codiceFiscale: 'RSSMRA80A01H501X' }, ['codiceFiscale']],
  ['persona: CF provvisorio not 11 digits', 'persona', { codiceFiscale: undefined, identificativoAlternativo: { tipo: 'cf-provvisorio', valore: '1234' } }, ['identificativoAlternativo', 'valore']],
  ['persona: death before birth', 'persona', { dataDecesso: '1970-01-01' }, ['dataDecesso']],
  ['persona: deceased without date of death', 'persona', moved('attiva', 'deceduta'), ['dataDecesso']],
  ['persona: merged without target', 'persona', moved('attiva', 'unita'), ['unitaA']],
  ['persona: merged into itself', 'persona', { unitaA: SAMPLE_IDS.persona }, ['unitaA']],
  ['persona: Italian residence without Comune', 'persona', { residenza: { codiceNazione: '380', codiceRegione: '03' } }, ['residenza', 'codiceComuneIstat']],
  ['persona: citizenship not an ISTAT code', 'persona', { cittadinanza: { system: 'iso3166.numerico', version: 'esterno', code: 'ITA' } }, ['cittadinanza', 'code']],
  ['persona: sex 3 (SIUSS has only 1 and 2)', 'persona', { sesso: '3' }, ['sesso']],
  ['persona: impossible birth date', 'persona', { dataNascita: '1980-02-30' }, ['dataNascita']],
  ['persona: blank surname', 'persona', { cognome: '   ' }, ['cognome']],

  // NucleoFamiliare.
  ['nucleo: validoAl before validoDal', 'nucleo-familiare', { validoAl: '2024-01-01' }, ['validoAl']],
  ['nucleo: ISEE household without DSU protocol', 'nucleo-familiare', { protocolloDsu: undefined }, ['protocolloDsu']],
  [
    'nucleo: two applicants',
    'nucleo-familiare',
    { componenti: [{ persona: SAMPLE_IDS.persona, relazione: 'richiedente', dal: '2025-01-20' }, { persona: SAMPLE_IDS.figlia, relazione: 'richiedente', dal: '2025-01-20' }] },
    ['componenti', 1, 'relazione'],
  ],
  [
    'nucleo: same person twice in overlapping periods',
    'nucleo-familiare',
    { componenti: [{ persona: SAMPLE_IDS.persona, relazione: 'richiedente', dal: '2025-01-20' }, { persona: SAMPLE_IDS.persona, relazione: 'altro', dal: '2025-02-01' }] },
    ['componenti', 1, 'persona'],
  ],
  ['nucleo: no members', 'nucleo-familiare', { componenti: [] }, ['componenti']],
  ['nucleo: negative ISEE', 'nucleo-familiare', { datiEconomici: { iseeCents: -1 } }, ['datiEconomici', 'iseeCents']],
  ['nucleo: ISEE in euro with decimals', 'nucleo-familiare', { datiEconomici: { iseeCents: 8500.5 } }, ['datiEconomici', 'iseeCents']],
  ['nucleo: rent on an owned home', 'nucleo-familiare', { datiEconomici: { abitazione: { titolo: 'proprieta', canoneAnnuoCents: 1 } } }, ['datiEconomici', 'abitazione', 'canoneAnnuoCents']],
  ['nucleo: scale below 1.00', 'nucleo-familiare', { datiEconomici: { scalaIseeCentesimi: 99 } }, ['datiEconomici', 'scalaIseeCentesimi']],

  // ReteSociale.
  ['rete: member without person or name', 'rete-sociale', { membri: [{ tipo: 'vicinato' }] }, ['membri', 0, 'nominativo']],
  ['rete: ended before it was recorded', 'rete-sociale', { conclusaIl: '2020-01-01' }, ['conclusaIl']],
  ['rete: the person in their own network', 'rete-sociale', { membri: [{ persona: SAMPLE_IDS.persona, tipo: 'altro' }] }, ['membri', 0, 'persona']],
  ['rete: AreaSupporto 4 (not in the XSD)', 'rete-sociale', { areaSupporto: '4' }, ['areaSupporto']],

  // Cartella.
  ['cartella: closed without closing date', 'cartella', moved('aperta', 'chiusa'), ['chiusaIl']],

  // Accesso.
  ['accesso: esitato without outcome', 'accesso', { esito: undefined, presaInCarico: undefined }, ['esito']],
  ['accesso: sent elsewhere without the service', 'accesso', { esito: 'invio-altro-servizio', presaInCarico: undefined }, ['inviatoA']],
  ['accesso: SINBA source code 15', 'accesso', { fonte: { system: 'siuss.sinba.fonte-segnalazione', version: 'SINBA', code: '15' } }, ['fonte', 'code']],
  ['accesso: outcome before the contact', 'accesso', { esitoIl: '2025-01-01' }, ['esitoIl']],

  // PresaInCarico.
  ['presa in carico: closed without reason', 'presa-in-carico', { ...moved('attiva', 'chiusa'), chiusaIl: '2025-04-01' }, ['motivoChiusura']],
  ['presa in carico: closed without date', 'presa-in-carico', { ...moved('attiva', 'chiusa'), motivoChiusura: SINBA_MOTIVO, situazioneChiusura: SINBA_SITUAZIONE }, ['chiusaIl']],
  ['presa in carico: SINBA reason without situation', 'presa-in-carico', { ...moved('attiva', 'chiusa'), chiusaIl: '2025-04-01', motivoChiusura: SINBA_MOTIVO }, ['situazioneChiusura']],
  ['presa in carico: SINBA reason code 10', 'presa-in-carico', { motivoChiusura: { ...SINBA_MOTIVO, code: '10' } }, ['motivoChiusura', 'code']],
  ['presa in carico: SINBA code of the wrong version', 'presa-in-carico', { motivoChiusura: { ...SINBA_MOTIVO, version: 'SINBA2030' } }, ['motivoChiusura', 'code']],
  ['presa in carico: transferred without the Ente', 'presa-in-carico', { ...moved('attiva', 'trasferita'), chiusaIl: '2025-04-01' }, ['trasferitaA']],
  ['presa in carico: area utenza 9', 'presa-in-carico', { areaUtenza: { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '9' } }, ['areaUtenza', 'code']],
  ['presa in carico: area utenza of another system', 'presa-in-carico', { areaUtenza: { system: 'altro', version: '1', code: '2' } }, ['areaUtenza', 'system']],
  ['presa in carico: closed before it began', 'presa-in-carico', { chiusaIl: '2025-01-01' }, ['chiusaIl']],

  // Valutazione.
  ['valutazione: SINA block in a UVM assessment', 'valutazione', { tipo: 'uvm', strumento: undefined, fonte: undefined }, ['sina']],
  ['valutazione: completed SINA without the block', 'valutazione', { sina: undefined }, ['sina']],
  ['valutazione: SINA mobilità 4', 'valutazione', { sina: sampleSina({ mobilita: '4' as never }) }, ['sina', 'mobilita']],
  ['valutazione: SINA needs an unknown benefit code', 'valutazione', { sina: sampleSina({ necessitaInterventiSociali: ['A9.98'] }) }, ['sina', 'necessitaInterventiSociali', 0]],
  ['valutazione: SINA invalidità repeated', 'valutazione', { sina: sampleSina({ invaliditaCivile: ['3', '3'] }) }, ['sina', 'invaliditaCivile', 1]],
  ['valutazione: SINA missing a required dimension', 'valutazione', { sina: sampleSina({ areaReddituale: undefined }) }, ['sina', 'areaReddituale']],
  ['valutazione: instrument differs from the SINA one', 'valutazione', { strumento: { system: 'siuss.sina.strumento-valutazione', version: 'PS_PSA_SINA201812', code: '2' } }, ['strumento', 'code']],
  ['valutazione: SINBA block in a SINA assessment', 'valutazione', { sinba: sampleSinba() }, ['sinba']],
  [
    'valutazione: SINBA disability details with Disabilita = 2',
    'valutazione',
    { tipo: 'sinba', sina: undefined, strumento: undefined, fonte: undefined, sinba: sampleSinba({ tipoDisabilita: '1' }) },
    ['sinba', 'tipoDisabilita'],
  ],
  [
    'valutazione: SINBA order details without an order',
    'valutazione',
    { tipo: 'sinba', sina: undefined, strumento: undefined, fonte: undefined, sinba: sampleSinba({ provvedimentoGiudiziario: '2' }) },
    ['sinba', 'autoritaProvvedimento'],
  ],
  [
    'valutazione: SINBA without family composition',
    'valutazione',
    { tipo: 'sinba', sina: undefined, strumento: undefined, fonte: undefined, sinba: sampleSinba({ composizioneFamiglia: [] }) },
    ['sinba', 'composizioneFamiglia'],
  ],
  ['valutazione: replaced by itself', 'valutazione', { superataDa: SAMPLE_IDS.valutazione }, ['superataDa']],

  // Progetto.
  ['progetto: active without signatures', 'progetto', { sottoscrizioni: undefined }, ['sottoscrizioni']],
  ['progetto: ends before it starts', 'progetto', { al: '2025-01-01' }, ['al']],
  ['progetto: concluded without end date', 'progetto', moved('attivo', 'concluso'), ['al']],
  ['progetto: case manager signature without the operator', 'progetto', { sottoscrizioni: [{ firmatario: 'case-manager', data: '2025-03-15' }] }, ['sottoscrizioni', 0, 'operatore']],
  ['progetto: next review before start', 'progetto', { prossimaRevisione: '2025-01-01' }, ['prossimaRevisione']],

  // Obiettivo.
  ['obiettivo: reached without outcome date', 'obiettivo', moved('attivo', 'raggiunto'), ['esitoIl']],
  ['obiettivo: target before start', 'obiettivo', { dataTarget: '2025-01-01' }, ['dataTarget']],

  // Intervento.
  ['intervento: with a case and "without a case"', 'intervento', { senzaPresaInCarico: true }, ['presaInCarico']],
  ['intervento: neither a case nor "without a case"', 'intervento', { presaInCarico: undefined }, ['presaInCarico']],
  ['intervento: unknown benefit code', 'intervento', { prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A9.98' } }, ['prestazione', 'code']],
  ['intervento: ends before it starts', 'intervento', { al: '2025-01-01' }, ['al']],
  ['intervento: CaratterePrestazione 3', 'intervento', { carattere: '3' }, ['carattere']],
  ['intervento: PresenzaProvaMezzi 5', 'intervento', { provaMezzi: '5' }, ['provaMezzi']],
  ['intervento: more hours than a month has', 'intervento', { quantitaOreMese: 745 }, ['quantitaOreMese']],
  ['intervento: DSU dated before its year', 'intervento', { dsu: { numeroProtocollo: 'X', anno: 2025, data: '2024-12-31' } }, ['dsu', 'data']],
  ['intervento: concluded without end date', 'intervento', { ...moved('in-erogazione', 'concluso'), al: undefined }, ['al']],

  // Erogazione.
  ['erogazione: before the assessment it relies on (SISO-985)', 'erogazione', { dal: '2025-03-01' }, ['dal']],
  ['erogazione: payment before the assessment', 'erogazione', { dataErogazione: '2025-03-11', dal: '2025-03-12' }, ['dataErogazione']],
  ['erogazione: exported without export data', 'erogazione', moved('registrata', 'esportata'), ['esportazione']],
  ['erogazione: negative amount', 'erogazione', { importoCents: -1 }, ['importoCents']],
  ['erogazione: amount not in cents', 'erogazione', { importoCents: 440.5 }, ['importoCents']],
  ['erogazione: amount NaN', 'erogazione', { importoCents: Number.NaN }, ['importoCents']],
  ['erogazione: replaces itself', 'erogazione', { annullaErogazione: SAMPLE_IDS.erogazione }, ['annullaErogazione']],
  ['erogazione: export operation U', 'erogazione', { esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: T1, tipoOperazione: 'U' } }, ['esportazione', 'tipoOperazione']],

  // Diario.
  ['diario: addendum to itself', 'diario', { addendumDi: SAMPLE_IDS.diario }, ['addendumDi']],
  ['diario: blank text', 'diario', { testo: ' \n ' }, ['testo']],
  ['diario: unknown confidentiality', 'diario', { riservatezza: 'segreta' }, ['riservatezza']],

  // Documento.
  ['documento: registered without protocol', 'documento', { protocollo: undefined }, ['protocollo']],
  ['documento: discarded under legal hold', 'documento', { ...moved('acquisito', 'scartato'), protocollo: undefined, conservazione: { classe: 'x', vincoloLegale: true } }, ['status']],
  ['documento: upper-case hash', 'documento', { sha256: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' }, ['sha256']],
  ['documento: not a media type', 'documento', { formato: 'pdf' }, ['formato']],
  ['documento: registered before it was written', 'documento', { protocollo: { numero: '1', data: '2025-03-01', direzione: 'uscita' } }, ['protocollo', 'data']],

  // Provvedimento.
  ['provvedimento: ceased without end date', 'provvedimento', moved('attivo', 'cessato'), ['al']],
  ['provvedimento: SINBA authority 9', 'provvedimento', { autorita: { system: 'siuss.sinba.autorita-provvedimento', version: 'SINBA', code: '9' } }, ['autorita', 'code']],
  ['provvedimento: affido esito 10', 'provvedimento', { affido: { esito: '10' } }, ['affido', 'esito']],

  // Consenso.
  ['consenso: revoked without date', 'consenso', moved('attivo', 'revocato'), ['revocatoIl']],
  ['consenso: parent signs without name', 'consenso', { firmatario: { ruolo: 'genitore' } }, ['firmatario', 'persona']],
  ['consenso: delegation without delegate', 'consenso', { tipo: 'delega' }, ['delegato']],
  ['consenso: expires before it is given', 'consenso', { scadenza: '2025-01-01' }, ['scadenza']],
  ['consenso: "interessato" is someone else', 'consenso', { firmatario: { ruolo: 'interessato', persona: SAMPLE_IDS.figlia } }, ['firmatario', 'persona']],

  // Operatore.
  ['operatore: invalid CF', 'operatore', { codiceFiscale: 'BNCLRA85M41F205X' }, ['codiceFiscale']],
  ['operatore: service listed twice', 'operatore', { servizi: [SAMPLE_IDS.servizio, SAMPLE_IDS.servizio] }, ['servizi', 1]],
  ['operatore: unknown role', 'operatore', { ruolo: 'sindaco' }, ['ruolo']],

  // Assegnazione.
  ['assegnazione: ended without end date', 'assegnazione', moved('attiva', 'terminata'), ['al']],
  ['assegnazione: ends before it starts', 'assegnazione', { al: '2025-01-01' }, ['al']],

  // Ente and Servizio.
  ['ente: Comune without Belfiore', 'ente', { belfiore: undefined }, ['belfiore']],
  ['ente: ceased but active', 'ente', { cessatoIl: '2025-01-01' }, ['attivo']],
  ['servizio: user area repeated', 'servizio', { areeUtenza: [{ system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' }, { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' }] }, ['areeUtenza', 1]],
  ['servizio: part of itself', 'servizio', { parteDi: SAMPLE_IDS.servizio }, ['parteDi']],

  // FlussoSIUSS.
  ['flusso: SINBA name for a PS flow', 'flusso-siuss', { nome: 'F205.SINBA.20250501.0000001' }, ['nome']],
  ['flusso: malformed name', 'flusso-siuss', { nome: 'flusso-1' }, ['nome']],
  ['flusso: SINBA flow with deliveries', 'flusso-siuss', { tipo: 'SINBA', nome: 'F205.SINBA.20250501.0000001' }, ['erogazioni']],
  ['flusso: PS flow without deliveries', 'flusso-siuss', { erogazioni: [] }, ['erogazioni']],
  ['flusso: accepted without OK', 'flusso-siuss', moved('generato', 'accettato'), ['esito']],
  ['flusso: rejected with OK', 'flusso-siuss', { ...moved('generato', 'scartato'), esito: { codice: 'OK', at: T1 } }, ['esito']],
  ['flusso: outcome before generation', 'flusso-siuss', { esito: { codice: 'ERRORE_GENERICO', at: '2025-01-01T00:00:00Z' } }, ['esito', 'at']],
  ['flusso: unknown outcome code', 'flusso-siuss', { esito: { codice: 'KO', at: T1 } }, ['esito', 'codice']],
  ['flusso: payload hash not SHA-256', 'flusso-siuss', { hashPayload: 'abc' }, ['hashPayload']],
];

const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

describe('entities: refinements reject bad cases with a bilingual message at the right path', () => {
  it.each(BAD.map(([title, kind, overrides, path]) => [title, kind, overrides, path] as const))('%s', (_title, kind, overrides, path) => {
    const input = sampleInput(kind, overrides as never);
    const r = ENTITY_SCHEMAS[kind].safeParse(input);
    expect(r.success).toBe(false);
    const issues = r.error?.issues ?? [];
    const hit = issues.find((i) => samePath(i.path, path));
    expect(hit, JSON.stringify(issues.map((i) => [i.path, i.message]))).toBeDefined();
    expect(hit?.message).toMatch(/ \/ /); // "italiano / English"
  });

  it('the CF messages carry both languages and never echo the code', () => {
    const r = ENTITY_SCHEMAS.persona.safeParse(sampleInput('persona', { codiceFiscale: 'RSSMRA80A01H501X' }));
    const m = r.error?.issues.find((i) => i.path[0] === 'codiceFiscale')?.message ?? '';
    expect(m).toContain('Carattere di controllo');
    expect(m).toContain('check character');
    expect(m).not.toContain('RSSMRA80A01H501');
  });

  it('dates in the messages are written for people (1°, the elided article), the paths stay the fields', () => {
    const message = (kind: EntityKind, overrides: Record<string, unknown>, path: string): string => {
      const r = ENTITY_SCHEMAS[kind].safeParse(sampleInput(kind, overrides as never));
      return (r.error?.issues ?? []).filter((i) => i.path.join('.') === path).map((i) => i.message).join('\n');
    };
    expect(message('erogazione', { dal: '2025-03-01' }, 'dal')).toContain(
      'Erogazione dal 1° marzo 2025, prima della valutazione del 12 marzo 2025 / Delivery from 1 March 2025, before the assessment of 12 March 2025',
    );
    expect(message('erogazione', { dataErogazione: '2025-03-11', dal: '2025-03-12', valutazioneData: '2025-03-08' }, 'dataErogazione')).toBe(
      "La data dell'erogazione (11 marzo 2025) precede la data di inizio (12 marzo 2025) / The payment date (11 March 2025) is before the start date (12 March 2025)",
    );
    expect(message('erogazione', { dataErogazione: '2025-03-11', dal: '2025-03-12' }, 'dataErogazione')).toContain(
      "Erogazione dell'11 marzo 2025, prima della valutazione del 12 marzo 2025 / Payment of 11 March 2025, before the assessment of 12 March 2025",
    );
  });
});

describe('entities: valid variants the refinements must not reject', () => {
  const GOOD: readonly (readonly [string, EntityKind, Record<string, unknown>])[] = [
    ['persona with an alternative identifier only', 'persona', { codiceFiscale: undefined, identificativoAlternativo: { tipo: 'msna', valore: 'MSNA-2025-0001' } }],
    ['persona with a CF provvisorio', 'persona', { codiceFiscale: undefined, identificativoAlternativo: { tipo: 'cf-provvisorio', valore: '12345678901' } }],
    ['deceased persona with date', 'persona', { ...moved('attiva', 'deceduta'), dataDecesso: '2025-03-31' }],
    ['persona living abroad (no Comune needed)', 'persona', { residenza: { codiceNazione: '215' } }],
    ['closed presa in carico with SINBA reason and situation', 'presa-in-carico', { ...moved('attiva', 'chiusa'), chiusaIl: '2025-04-01', motivoChiusura: SINBA_MOTIVO, situazioneChiusura: SINBA_SITUAZIONE }],
    ['closed presa in carico with a free reason', 'presa-in-carico', { ...moved('attiva', 'chiusa'), chiusaIl: '2025-04-01', motivoChiusura: { system: 'ente.motivi-chiusura', version: '2025', code: 'obiettivi-raggiunti' } }],
    ['intervento without a case', 'intervento', { presaInCarico: undefined, senzaPresaInCarico: true }],
    ['draft SINA assessment without the block yet', 'valutazione', { status: 'bozza', history: [{ status: 'bozza', at: T0, by, event: 'crea' }], updatedAt: T0, version: 1, sina: undefined }],
    ['SINBA assessment', 'valutazione', { tipo: 'sinba', sina: undefined, strumento: undefined, fonte: undefined, sinba: sampleSinba() }],
    ['same person twice in the household, periods apart', 'nucleo-familiare', { componenti: [{ persona: SAMPLE_IDS.persona, relazione: 'richiedente', dal: '2025-01-20', al: '2025-02-01' }, { persona: SAMPLE_IDS.persona, relazione: 'richiedente', dal: '2025-03-01' }] }],
    ['exported erogazione', 'erogazione', { ...moved('registrata', 'esportata'), esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: T1, tipoOperazione: 'I' } }],
    ['accepted flow', 'flusso-siuss', { ...moved('generato', 'accettato'), esito: { codice: 'OK', idAcquisizione: 'ACQ-1', at: T1 } }],
    ['SINBA flow', 'flusso-siuss', { tipo: 'SINBA', nome: 'F205.SINBA.20250501.0000001', erogazioni: [] }],
    ['entered-in-error record', 'cartella', { ...moved('aperta', 'entered-in-error'), history: [{ status: 'aperta', at: T0, by, event: 'crea' }, { status: 'entered-in-error', at: T1, by, event: 'segna-errore', reason: 'persona sbagliata' }] }],
    ['instant with milliseconds', 'ente', { updatedAt: '2025-03-03T09:00:00.500Z' }],
  ];
  it.each(GOOD.map(([t, k, o]) => [t, k, o] as const))('%s', (_t, kind, overrides) => {
    const r = ENTITY_SCHEMAS[kind].safeParse(sampleInput(kind, overrides as never));
    expect(r.error?.issues ?? []).toEqual([]);
  });
});
