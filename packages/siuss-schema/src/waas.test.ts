// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { buildFlow } from './build.js';
import { SiussError } from './errors.js';
import type { PrestazioniSociali } from './generated/types.js';
import type { PsPsaSinaFlow, SinbaFlow } from './model.js';
import { parseFlow } from './parse.js';
import { splitForCooperazione } from './split.js';
import {
  buildEsitiBody, buildEsito, buildFlussiResponse, buildWaasEntry, dateTimeToEpochMs, decodeFlusso, decodeWaasEntry,
  parseEsitiBody, parseFlussiResponse, WAAS_FLUSSO_MAX_LENGTH, waasEsitiBodySchema, waasFlussoEntrySchema,
  type WaasEsito, type WaasFlussoEntry,
} from './waas.js';

// Real-shaped fixtures: the values of the official INPS WaaS samples (fictitious persons).
const PRESTAZIONE_A116: PrestazioniSociali = {
  TipoOperazione: 'I', PresenzaProvaMezzi: '2', CaratterePrestazione: '1', CodicePrestazione: 'A1.16',
  DenominazionePrestazione: 'Contributi economici per servizio trasporto e mobilità', ProtocolloDomanda: '12356Mari',
  DataEvento: '2020-10-13', DataInizioPrestazione: '2020-10-14', DataFinePrestazione: '2020-11-13', PeriodoErogazione: '1',
  ImportoMensile: '101.23', ImportoQuotaEnte: '52.54', ImportoQuotaUtente: '21.71', ImportoQuotaSSN: '0.0',
  ImportoQuotaRichiesta: '151.64', ImportoSogliaISEE: '17000.0', OreServizioMensile: '2.59', PresaCarico: '1', AreaUtenza: '2',
  SINA: {
    Mobilita: '1', AttivitaVitaQuotidiana: '1', DisturbiAreaCognitiva: '1', DisturbiComportamentali: '1', NecessitaCureSanitarie: '1',
    AreaReddituale: '1', AreaSupporto: '1', FonteDerivazioneValutazione: '1', StrumentoValutazione: '1', FonteDerivazioneInvalidita: '1',
    NecessitaInterventiSociali: { CodicePrestazione: ['A2.17', 'A2.18'] }, InvaliditaCivile: { InvCiv: ['1', '3'] },
  },
};
const PRESTAZIONE_A109: PrestazioniSociali = {
  TipoOperazione: 'I', PresenzaProvaMezzi: '2', CaratterePrestazione: '2', CodicePrestazione: 'A1.09',
  DenominazionePrestazione: 'Telesoccorso e teleassistenza', ProtocolloDomanda: 'test', DataEvento: '2020-10-13',
  DataErogazionePrestazione: '2020-12-01', ImportoPrestazione: '1265.23', ImportoQuotaEnte: '967.69', ImportoQuotaUtente: '155.56',
  ImportoQuotaSSN: '141.98', ImportoQuotaRichiesta: '351.64', ImportoSogliaISEE: '34308.0', OreServizioMensile: '2.59', PresaCarico: '2',
};
const ENVELOPE = {
  Nome: 'H501.PS.20210520.0000002',
  Ente: { Codice: 'H501', Denominazione: 'Comune di Roma', Indirizzo: 'H501', CFOperatore: 'CCCDDD25A42H199X' },
};
const BENEFICIARIO = {
  CodiceFiscale: 'AAABBB39M66A351C',
  Anagrafica: { Cognome: 'AAA', Nome: 'BBB', AnnoNascita: '1939', LuogoNascita: 'A351', Genere: '2' as const, CodiceCittadinanza: '380' },
  Indirizzo: [{ CodiceRegione: '01', CodiceComune: '068001', CodiceNazione: '380' }],
};
const ONE: PsPsaSinaFlow = { kind: 'PS_PSA_SINA', IdentificazioneFlusso: ENVELOPE, Beneficiario: [{ ...BENEFICIARIO, PrestazioniSociali: [PRESTAZIONE_A116] }] };
const MULTI: PsPsaSinaFlow = {
  kind: 'PS_PSA_SINA', IdentificazioneFlusso: ENVELOPE,
  Beneficiario: [{ ...BENEFICIARIO, PrestazioniSociali: [PRESTAZIONE_A116, PRESTAZIONE_A109] }],
};
const SINBA_RECORD = {
  IDBeneficiario: 'PROVA BENEF', MinoreStranieroNoAcc: '1', CondizioneMinore: '1', LuogoVita: '1', ScuolaFrequentata: '1',
  CondizioneLavoro: '1', Disabilita: '1', TipoDisabilita: '1', InvCivCertificazioni: '1', DataPrimaSegnalazione: '01/2010',
  FonteSegnalazione: '1', ValutazioneMinore: '1', ValutazioneFamigliaMinore: '1', SegnalazioneAutoritaGiudiziaria: '1',
  DataSegnalazione: '06/2016', ProvvedimentoGiudiziario: '1', DataProvvedimentoGiudiziario: '03/2012', AutoritaProvvedimento: '1',
  NumeroComponentiISEE: '9', FasciaEtaBeneficiario: '2', FasciaISEEBeneficiario: '1', AnnoNascita: '2005', CodiceNazioneResidenza: '380',
  Prestazioni: { CodicePrestazione: ['A1.02', 'A2.06'] }, Famiglia: { ComposizioneFamiglia: ['1', '2'] },
} as const;
const SINBA_FLOW: SinbaFlow = {
  kind: 'SINBA',
  IdentificazioneFlusso: { Nome: 'H501.SINBA.20210520.0000004', Ente: { ...ENVELOPE.Ente, Denominazione: 'COMUNE DI ROMA', CFOperatore: 'GHBLDE25A42H199X' } },
  SINBA: [SINBA_RECORD],
};
const TS = Date.UTC(2023, 10, 27, 11, 4, 56, 852); // 2023-11-27T11:04:56.852Z, the OpenAPI example

function entryOf(flow: PsPsaSinaFlow | SinbaFlow, tsFlusso: Date | number = TS): WaasFlussoEntry {
  const r = buildWaasEntry(flow, { tsFlusso });
  if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
  return r.value.entry;
}
const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }): string[] => (r.issues ?? []).map((i) => i.code);

describe('dateTimeToEpochMs', () => {
  it('reads RFC 3339 date-times with pure integer arithmetic', () => {
    expect(dateTimeToEpochMs('2023-11-27T11:04:56.852Z')).toBe(TS);
    expect(dateTimeToEpochMs('2023-11-27T12:04:56.852+01:00')).toBe(TS);
    expect(dateTimeToEpochMs('2023-11-27T06:04:56.852-05:00')).toBe(TS);
    expect(dateTimeToEpochMs('2023-11-27t11:04:56.852999z')).toBe(TS); // sub-ms digits truncated
    expect(dateTimeToEpochMs('1970-01-01T00:00:00Z')).toBe(0);
    expect(dateTimeToEpochMs('2024-02-29T23:59:59.9Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 900));
    expect(dateTimeToEpochMs('0050-06-01T00:00:00Z')).toBe(new Date('0050-06-01T00:00:00Z').getTime()); // no 19xx shift
  });
  it.each(['2023-02-29T00:00:00Z', '2023-11-27T24:00:00Z', '2023-11-27T11:60:00Z', '2023-11-27T11:04:60Z', '2023-11-27T11:04:56',
    '2023-11-27 11:04:56Z', '2023-11-27', '2023-11-27T11:04:56+25:00', 'x'])('refuses %s', (v) => {
    expect(dateTimeToEpochMs(v)).toBeNull();
  });
  it('agrees with Date.parse on valid UTC instants (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
      expect(dateTimeToEpochMs(new Date(ms).toISOString())).toBe(ms);
    }), { numRuns: 500 });
  });
});

describe('buildWaasEntry', () => {
  it('builds an OpenAPI Flusso from a one-beneficiary, one-benefit flow', () => {
    const r = buildWaasEntry(ONE, { tsFlusso: TS });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { entry, warnings } = r.value;
    expect(warnings).toEqual([]);
    expect(entry).toMatchObject({
      codice_ente: 'H501', denominazione_ente: 'Comune di Roma', id_flusso: 'H501.PS.20210520.0000002', tipo: 'PS_PSA_SINA',
      ts_flusso: '2023-11-27T11:04:56.852Z',
    });
    expect(Object.keys(entry).sort()).toEqual(['codice_ente', 'denominazione_ente', 'flusso', 'id_flusso', 'tipo', 'ts_flusso']);
    // flusso = base64 of the UTF-8 XML that buildFlow writes
    expect(entry.flusso).toBe(Buffer.from(buildFlow(ONE), 'utf8').toString('base64'));
    expect(waasFlussoEntrySchema.safeParse(entry).success).toBe(true);
    // and it decodes back to the same flow
    const back = decodeFlusso(entry.flusso);
    expect(back.ok && back.value).toEqual(ONE);
  });

  it('accepts a Date as the instant and never reads the clock', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    try {
      const e = entryOf(ONE, new Date(TS));
      expect(e.ts_flusso).toBe('2023-11-27T11:04:56.852Z');
    } finally {
      vi.useRealTimers();
    }
  });

  it('enforces the cooperazione rule, pointing to splitForCooperazione', () => {
    const r = buildWaasEntry(MULTI, { tsFlusso: TS });
    expect(codes(r)).toEqual(['siuss.waas.cooperazione']);
    const issue = !r.ok ? r.issues[0] : undefined;
    expect(issue?.message).toContain('In cooperazione è possibile inviare solo un beneficiario e una prestazione sociale');
    expect(issue?.message).toContain('splitForCooperazione');
    expect(issue?.params).toMatchObject({ beneficiari: 1, prestazioni: 2 });
    const two: SinbaFlow = { ...SINBA_FLOW, SINBA: [SINBA_RECORD, SINBA_RECORD] };
    expect(codes(buildWaasEntry(two, { tsFlusso: TS }))).toEqual(['siuss.waas.cooperazione']);
    // two codes in one SINBA record are fine (the INPS SINBA sample has two)
    expect(buildWaasEntry(SINBA_FLOW, { tsFlusso: TS }).ok).toBe(true);
  });

  it('codice_ente: Belfiore from Ente@Indirizzo by default, or the option', () => {
    const flow: PsPsaSinaFlow = { ...ONE, IdentificazioneFlusso: { ...ENVELOPE, Ente: { ...ENVELOPE.Ente, Codice: 'COMUNEROMA', Indirizzo: 'H501' } } };
    const r = buildWaasEntry(flow, { tsFlusso: TS, idFlusso: 'COMUNEROMA.PS.20210520.0000002' });
    expect(r.ok && r.value.entry.codice_ente).toBe('H501');
    expect(codes(buildWaasEntry(ONE, { tsFlusso: TS, codiceEnte: 'h501' }))).toEqual(['siuss.waas.codice_ente']);
    expect(codes(buildWaasEntry(ONE, { tsFlusso: TS, codiceEnte: 'H5011' }))).toEqual(['siuss.waas.codice_ente']);
    const other = buildWaasEntry(ONE, { tsFlusso: TS, codiceEnte: 'F205' });
    expect(other.ok && other.value.entry.codice_ente).toBe('F205');
  });

  it('denominazione_ente: required, at most 256', () => {
    const { Denominazione: _omit, ...ente } = ENVELOPE.Ente;
    const bare: PsPsaSinaFlow = { ...ONE, IdentificazioneFlusso: { ...ENVELOPE, Ente: ente } };
    expect(codes(buildWaasEntry(bare, { tsFlusso: TS }))).toEqual(['siuss.waas.denominazione_ente']);
    const withOption = buildWaasEntry(bare, { tsFlusso: TS, denominazioneEnte: 'Roma Capitale' });
    expect(withOption.ok && withOption.value.entry.denominazione_ente).toBe('Roma Capitale');
    expect(codes(buildWaasEntry(ONE, { tsFlusso: TS, denominazioneEnte: 'x'.repeat(257) }))).toEqual(['siuss.waas.denominazione_ente']);
    expect(buildWaasEntry(ONE, { tsFlusso: TS, denominazioneEnte: 'x'.repeat(256) }).ok).toBe(true);
  });

  it('id_flusso: a flow name of the right type; older shapes pass with a warning', () => {
    expect(codes(buildWaasEntry(ONE, { tsFlusso: TS, idFlusso: 'whatever' }))).toEqual(['siuss.waas.id_flusso']);
    expect(codes(buildWaasEntry(ONE, { tsFlusso: TS, idFlusso: `${'A'.repeat(50)}.PS.20210520.0000001` }))).toEqual(['siuss.waas.id_flusso']);
    expect(codes(buildWaasEntry(ONE, { tsFlusso: TS, idFlusso: 'H501.SINBA.20210520.0000001' }))).toEqual(['siuss.waas.id_flusso_tipo']);
    expect(codes(buildWaasEntry(SINBA_FLOW, { tsFlusso: TS, idFlusso: 'H501.PS.20210520.0000001' }))).toEqual(['siuss.waas.id_flusso_tipo']);
    const legacy = buildWaasEntry(SINBA_FLOW, { tsFlusso: TS, idFlusso: 'H501.SINBA.20210520.00000004' });
    expect(legacy.ok).toBe(true);
    if (legacy.ok) {
      expect(legacy.value.entry.id_flusso).toBe('H501.SINBA.20210520.00000004');
      expect(legacy.value.warnings.map((w) => [w.code, w.severity])).toEqual([['siuss.waas.id_flusso_legacy', 'warning']]);
    }
  });

  it('ts_flusso: an explicit, valid instant', () => {
    for (const bad of [Number.NaN, -1, 1.5, 253_402_300_800_000, new Date('nope')]) {
      expect(codes(buildWaasEntry(ONE, { tsFlusso: bad }))).toEqual(['siuss.waas.instant']);
    }
    expect(entryOf(ONE, 0).ts_flusso).toBe('1970-01-01T00:00:00.000Z');
  });

  it('never publishes an XSD-invalid flow (buildFlow findings are returned)', () => {
    const flow: PsPsaSinaFlow = { ...ONE, Beneficiario: [{ ...BENEFICIARIO, CodiceFiscale: 'NOT-A-CF', PrestazioniSociali: [PRESTAZIONE_A116] }] };
    const r = buildWaasEntry(flow, { tsFlusso: TS });
    expect(codes(r)).toEqual(['siuss.xsd.pattern']);
    expect(!r.ok && r.issues[0].path).toEqual(['Beneficiario', 0, '@CodiceFiscale']);
  });

  it('refuses a non-flow', () => {
    expect(codes(buildWaasEntry({} as PsPsaSinaFlow, { tsFlusso: TS }))).toEqual(['siuss.waas.flow']);
  });

  it('refuses a flusso over 10 000 000 base64 characters (typed error)', async () => {
    vi.resetModules();
    vi.doMock('./build.js', () => ({ buildFlow: () => 'x'.repeat(7_500_001) })); // 10 000 004 base64 characters
    try {
      const mod = await import('./waas.js');
      const r = mod.buildWaasEntry(ONE, { tsFlusso: TS });
      expect(codes(r)).toEqual(['siuss.waas.flusso_too_large']);
      expect(!r.ok && r.issues[0].params).toMatchObject({ length: 10_000_004, limit: WAAS_FLUSSO_MAX_LENGTH });
    } finally {
      vi.doUnmock('./build.js');
      vi.resetModules();
    }
  });

  it('base64 is exactly Buffer\'s, whatever the text (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 10, maxLength: 120 }), (text) => {
      const denominazione = text.trim().length >= 10 ? text : `${text}..........`;
      const flow: PsPsaSinaFlow = { ...ONE, Beneficiario: [{ ...BENEFICIARIO, PrestazioniSociali: [{ ...PRESTAZIONE_A116, DenominazionePrestazione: denominazione.slice(0, 200) }] }] };
      let xml: string;
      try {
        xml = buildFlow(flow);
      } catch {
        return; // a value the XSD refuses (length in code points, control characters): nothing to publish
      }
      const e = entryOf(flow);
      expect(e.flusso).toBe(Buffer.from(xml, 'utf8').toString('base64'));
      const back = decodeFlusso(e.flusso);
      expect(back.ok && back.value.kind === 'PS_PSA_SINA' && back.value.Beneficiario[0]?.PrestazioniSociali[0]?.DenominazionePrestazione)
        .toBe(denominazione.slice(0, 200));
    }), { numRuns: 100 });
  });
});

describe('buildFlussiResponse (GET /flussi)', () => {
  const at = (iso: string, nome: string): WaasFlussoEntry => ({ ...entryOf(ONE), ts_flusso: iso, id_flusso: nome });
  const e1 = at('2023-11-27T11:04:56.852Z', 'H501.PS.20231127.0000001');
  const e2 = at('2023-11-27T11:04:57.000Z', 'H501.PS.20231127.0000002');
  const e3 = at('2023-11-27T12:04:57.001+01:00', 'H501.PS.20231127.0000003'); // 11:04:57.001Z
  const e4 = at('2023-11-28T00:00:00Z', 'H501.PS.20231128.0000001');
  const stored = [e4, e2, e1, e3];
  const ids = (r: ReturnType<typeof buildFlussiResponse>): string[] => (r.ok ? r.value.elenco_flussi.map((e) => e.id_flusso) : codes(r));

  it('returns entries strictly after since (ms), oldest first', () => {
    expect(ids(buildFlussiResponse(stored, { since: 0 }))).toEqual([e1, e2, e3, e4].map((e) => e.id_flusso));
    expect(ids(buildFlussiResponse(stored, { since: dateTimeToEpochMs(e1.ts_flusso) as number }))).toEqual([e2, e3, e4].map((e) => e.id_flusso));
    expect(ids(buildFlussiResponse(stored, { since: String(dateTimeToEpochMs(e3.ts_flusso)) }))).toEqual([e4.id_flusso]);
    expect(ids(buildFlussiResponse(stored, { since: BigInt(dateTimeToEpochMs(e4.ts_flusso) as number) }))).toEqual([]);
    expect(ids(buildFlussiResponse(stored, { since: '100000000000000000000' }))).toEqual([]);
  });

  it('an empty list when nothing is new (OpenAPI RispostaVuota)', () => {
    const r = buildFlussiResponse([], { since: 0 });
    expect(r).toEqual({ ok: true, value: { elenco_flussi: [] } });
    expect(JSON.stringify(r.ok && r.value)).toBe('{"elenco_flussi":[]}');
  });

  it('limit: default 10, 0–100, string or number', () => {
    const many = Array.from({ length: 120 }, (_, i) => at(new Date(TS + i * 1000).toISOString(), `H501.PS.20231127.${String(i + 1).padStart(7, '0')}`));
    expect(ids(buildFlussiResponse(many, { since: 0 }))).toHaveLength(10);
    expect(ids(buildFlussiResponse(many, { since: 0, limit: '100' }))).toHaveLength(100);
    expect(ids(buildFlussiResponse(many, { since: 0, limit: 0 }))).toEqual([]);
    expect(ids(buildFlussiResponse(many, { since: 0, limit: 3 }))).toEqual(many.slice(0, 3).map((e) => e.id_flusso));
    // paging by the last ts_flusso delivers everything exactly once
    const seen: string[] = [];
    let since = 0;
    for (;;) {
      const r = buildFlussiResponse(many, { since, limit: 7 });
      if (!r.ok || r.value.elenco_flussi.length === 0) break;
      seen.push(...r.value.elenco_flussi.map((e) => e.id_flusso));
      since = dateTimeToEpochMs(r.value.elenco_flussi.at(-1)?.ts_flusso ?? '') as number;
    }
    expect(seen).toEqual(many.map((e) => e.id_flusso));
  });

  it('invalid query parameters are typed errors', () => {
    expect(codes(buildFlussiResponse(stored, { since: -1 }))).toEqual(['siuss.waas.since']);
    expect(codes(buildFlussiResponse(stored, { since: 'abc' }))).toEqual(['siuss.waas.since']);
    expect(codes(buildFlussiResponse(stored, { since: 1.5 }))).toEqual(['siuss.waas.since']);
    expect(codes(buildFlussiResponse(stored, { since: '100000000000000000001' }))).toEqual(['siuss.waas.since']);
    expect(codes(buildFlussiResponse(stored, { since: 0, limit: 101 }))).toEqual(['siuss.waas.limit']);
    expect(codes(buildFlussiResponse(stored, { since: 0, limit: '-1' }))).toEqual(['siuss.waas.limit']);
    expect(codes(buildFlussiResponse([{ ...e1, ts_flusso: 'yesterday' }], { since: 0 }))).toEqual(['siuss.waas.ts_flusso']);
  });

  it('never splits a group of equal ts_flusso across pages; fails when one group exceeds limit', () => {
    const same = '2023-11-27T11:04:58.000Z';
    const a = at(same, 'H501.PS.20231127.0000010');
    const b = at(same, 'H501.PS.20231127.0000011');
    const list = [e1, e2, a, b, e4];
    expect(ids(buildFlussiResponse(list, { since: 0, limit: 3 }))).toEqual([e1.id_flusso, e2.id_flusso]);
    expect(ids(buildFlussiResponse(list, { since: 0, limit: 4 }))).toEqual([e1.id_flusso, e2.id_flusso, a.id_flusso, b.id_flusso]);
    const r = buildFlussiResponse(list, { since: dateTimeToEpochMs(e2.ts_flusso) as number, limit: 1 });
    expect(codes(r)).toEqual(['siuss.waas.ts_collision']);
  });

  it('sub-millisecond digits are truncated, as INPS\'s millisecond since sees them', () => {
    const fine = at('2023-11-27T11:04:56.852999Z', 'H501.PS.20231127.0000001');
    expect(ids(buildFlussiResponse([fine], { since: TS }))).toEqual([]);
    expect(ids(buildFlussiResponse([fine], { since: TS - 1 }))).toEqual([fine.id_flusso]);
  });

  it('leaves out whatever else the store keeps (additionalProperties: false)', () => {
    const withDbId = { ...e1, db_id: 7, note: 'x' } as WaasFlussoEntry;
    const r = buildFlussiResponse([withDbId], { since: 0 });
    expect(r.ok && Object.keys(r.value.elenco_flussi[0] ?? {}).sort()).toEqual(['codice_ente', 'denominazione_ente', 'flusso', 'id_flusso', 'tipo', 'ts_flusso']);
    expect(parseFlussiResponse(r.ok && r.value).ok).toBe(true);
  });

  it('the response validates against the OpenAPI schema and round-trips', () => {
    const r = buildFlussiResponse(stored, { since: 0 });
    expect(r.ok).toBe(true);
    const parsed = parseFlussiResponse(JSON.stringify(r.ok && r.value));
    expect(parsed.ok && parsed.value.elenco_flussi.length).toBe(4);
  });
});

describe('parseFlussiResponse', () => {
  it('accepts the OpenAPI examples', () => {
    expect(parseFlussiResponse({ elenco_flussi: [] }).ok).toBe(true);
    const example = {
      elenco_flussi: [{
        codice_ente: 'H501', denominazione_ente: 'Comune di Roma', id_flusso: 'H501.PS.20210520.0000002',
        ts_flusso: '2023-11-27T11:04:56.852Z', tipo: 'PS_PSA_SINA', flusso: 'PEZsdXNzby8+',
      }],
    };
    expect(parseFlussiResponse(example).ok).toBe(true);
  });
  it('reports schema violations with JSON paths', () => {
    const good = entryOf(ONE);
    expect(codes(parseFlussiResponse({ elenco_flussi: [{ ...good, extra: 1 }] }))).toEqual(['siuss.waas.json.unknown_property']);
    expect(codes(parseFlussiResponse({ elenco_flussi: [{ ...good, codice_ente: 'Roma' }] }))).toEqual(['siuss.waas.json.format']);
    expect(codes(parseFlussiResponse({ elenco_flussi: [{ ...good, tipo: 'SIP' }] }))).toEqual(['siuss.waas.json.enum']);
    expect(codes(parseFlussiResponse({ elenco_flussi: [{ ...good, flusso: 'not base64!' }] }))).toEqual(['siuss.waas.json.format']);
    expect(codes(parseFlussiResponse({ elenco_flussi: Array(101).fill(good) }))).toEqual(['siuss.waas.json.too_big']);
    const { flusso: _f, ...noFlusso } = good;
    const r = parseFlussiResponse({ elenco_flussi: [noFlusso] });
    expect(codes(r)).toEqual(['siuss.waas.json.required']);
    expect(!r.ok && r.issues[0].path).toEqual(['elenco_flussi', 0, 'flusso']);
    expect(!r.ok && r.issues[0].message).toContain('elenco_flussi[0].flusso');
    expect(!r.ok && r.issues[0].messageEn).toBe('Required field elenco_flussi[0].flusso is missing');
    const fmt = parseFlussiResponse({ elenco_flussi: [{ ...good, codice_ente: 'Roma' }] });
    expect(!fmt.ok && fmt.issues[0].message).toBe('elenco_flussi[0].codice_ente: formato non valido (codice Belfiore: una lettera maiuscola e 3 cifre, es. H501)');
    expect(!fmt.ok && fmt.issues[0].path).toEqual(['elenco_flussi', 0, 'codice_ente']);
    expect(codes(parseFlussiResponse('{'))).toEqual(['siuss.waas.json.syntax']);
  });
});

describe('decodeFlusso / decodeWaasEntry', () => {
  it('decodes, ignoring line breaks in the base64', () => {
    const e = entryOf(ONE);
    const wrapped = e.flusso.replace(/(.{76})/g, '$1\r\n');
    const r = decodeFlusso(wrapped);
    expect(r.ok && r.value).toEqual(ONE);
  });
  it('typed failures', () => {
    expect(codes(decodeFlusso('PEZsdXNzby8+*'))).toEqual(['siuss.waas.base64']);
    expect(codes(decodeFlusso('PEZsdXNzby8'))).toEqual(['siuss.waas.base64']);
    expect(codes(decodeFlusso('A===')).length).toBe(1);
    expect(codes(decodeFlusso(42 as unknown as string))).toEqual(['siuss.waas.base64']);
    // the OpenAPI placeholder decodes to "<Flusso/>": not a SIUSS flow
    expect(codes(decodeFlusso('PEZsdXNzby8+'))[0]).toMatch(/^siuss\.xml\./);
    expect(codes(decodeFlusso('x'.repeat(WAAS_FLUSSO_MAX_LENGTH + 4)))).toEqual(['siuss.waas.flusso_too_large']);
  });
  it('decodeWaasEntry checks tipo, the cooperazione rule and id_flusso like INPS would', () => {
    const e = entryOf(ONE);
    const ok = decodeWaasEntry(e);
    expect(ok.ok && ok.value.flow).toEqual(ONE);
    expect(ok.ok && ok.value.warnings).toEqual([]);
    expect(codes(decodeWaasEntry({ ...e, tipo: 'SINBA' }))).toEqual(['siuss.waas.tipo_mismatch']);
    const multi = { ...e, flusso: Buffer.from(buildFlow(MULTI)).toString('base64') };
    expect(codes(decodeWaasEntry(multi))).toEqual(['siuss.waas.cooperazione']);
    const renamed = decodeWaasEntry({ ...e, id_flusso: 'H501.PS.20210520.0000003' });
    expect(renamed.ok && renamed.value.warnings.map((w) => w.code)).toEqual(['siuss.waas.id_flusso_nome']);
    expect(codes(decodeWaasEntry({ ...e, codice_ente: undefined }))).toEqual(['siuss.waas.json.required']);
  });
});

describe('esiti (POST /esiti)', () => {
  // The OpenAPI requestBody example, verbatim.
  const OPENAPI_EXAMPLE = {
    elenco_esiti: [
      { id_flusso: 'H501.PS.20210520.0000002', ts_flusso: '2023-11-27T11:04:56.852Z', ts_acquisizione: '2023-11-27T11:04:56.852Z', tipo: 'PS_PSA_SINA', codice_esito: 'OK', id_acquisizione_siuss: '22738' },
      { id_flusso: 'H501.PS.20210520.00000004', ts_flusso: '2023-11-27T11:04:56.852Z', ts_acquisizione: '2023-11-27T11:04:56.852Z', tipo: 'SINBA', codice_esito: 'RICHIESTA_INVALIDA', descrizione_esito: 'In cooperazione è possibile inviare solo un beneficiario e una prestazione sociale' },
    ],
  };

  it('parses the OpenAPI example (object or JSON text)', () => {
    for (const body of [OPENAPI_EXAMPLE, JSON.stringify(OPENAPI_EXAMPLE)]) {
      const r = parseEsitiBody(body);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value.warnings).toEqual([]);
      expect(r.value.body.elenco_esiti).toEqual(OPENAPI_EXAMPLE.elenco_esiti);
    }
  });

  it('accepts codice_siuss (the spec example\'s name) as an alias, with a warning', () => {
    const body = { elenco_esiti: [{ ...OPENAPI_EXAMPLE.elenco_esiti[0], id_acquisizione_siuss: undefined, codice_siuss: '22738' }] };
    delete (body.elenco_esiti[0] as Record<string, unknown>).id_acquisizione_siuss;
    const r = parseEsitiBody(body);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.body.elenco_esiti[0]?.id_acquisizione_siuss).toBe('22738');
    expect(r.value.body.elenco_esiti[0]).not.toHaveProperty('codice_siuss');
    expect(r.value.warnings.map((w) => [w.code, w.severity, w.path])).toEqual([['siuss.waas.esito_alias', 'warning', ['elenco_esiti', 0, 'codice_siuss']]]);
    // both present and different: id_acquisizione_siuss wins
    const both = parseEsitiBody({ elenco_esiti: [{ ...OPENAPI_EXAMPLE.elenco_esiti[0], codice_siuss: '1' }] });
    expect(both.ok && both.value.body.elenco_esiti[0]?.id_acquisizione_siuss).toBe('22738');
    expect(both.ok && both.value.warnings.map((w) => w.code)).toEqual(['siuss.waas.esito_alias', 'siuss.waas.esito_alias_conflict']);
    // the caller's object is not modified
    expect(body.elenco_esiti[0]).toHaveProperty('codice_siuss');
  });

  it('a body without elenco_esiti holds no esiti (not required by the OpenAPI)', () => {
    expect(parseEsitiBody({})).toEqual({ ok: true, value: { body: { elenco_esiti: [] }, warnings: [] } });
  });

  it('typed issues with JSON paths', () => {
    const e0 = OPENAPI_EXAMPLE.elenco_esiti[0] as Record<string, unknown>;
    const { ts_acquisizione: _t, ...noTs } = e0;
    const r = parseEsitiBody({ elenco_esiti: [noTs] });
    expect(codes(r)).toEqual(['siuss.waas.json.required']);
    expect(!r.ok && r.issues[0].path).toEqual(['elenco_esiti', 0, 'ts_acquisizione']);
    expect(codes(parseEsitiBody({ elenco_esiti: [{ ...e0, codice_esito: 'KO' }] }))).toEqual(['siuss.waas.json.enum']);
    // EsitoFlusso.tipo is a free string in the OpenAPI: accepted with a warning, never refused (INPS would retry forever).
    const freeTipo = parseEsitiBody({ elenco_esiti: [{ ...e0, tipo: 'PS' }] });
    expect(freeTipo.ok && freeTipo.value.body.elenco_esiti[0]?.tipo).toBe('PS');
    expect(freeTipo.ok && freeTipo.value.warnings.map((w) => w.code)).toContain('siuss.waas.esito_tipo');
    expect(codes(parseEsitiBody({ elenco_esiti: [{ ...e0, tipo: 7 }] }))).toEqual(['siuss.waas.json.type']);
    expect(codes(parseEsitiBody({ elenco_esiti: [{ ...e0, ts_flusso: '27/11/2023' }] }))).toEqual(['siuss.waas.json.date_time']);
    expect(codes(parseEsitiBody({ elenco_esiti: [{ ...e0, id_acquisizione_siuss: 22738 }] }))).toEqual(['siuss.waas.json.type']);
    expect(codes(parseEsitiBody({ elenco_esiti: [], other: true }))).toEqual(['siuss.waas.json.unknown_property']);
    expect(codes(parseEsitiBody({ elenco_esiti: Array(101).fill(e0) }))).toEqual(['siuss.waas.json.too_big']);
    expect(codes(parseEsitiBody({ elenco_esiti: 'none' }))).toEqual(['siuss.waas.json.type']);
    expect(codes(parseEsitiBody('not json'))).toEqual(['siuss.waas.json.syntax']);
    expect(codes(parseEsitiBody(null))).toEqual(['siuss.waas.json.type']);
    // unknown properties of an esito are allowed by the OpenAPI (no additionalProperties: false) and dropped
    const extra = parseEsitiBody({ elenco_esiti: [{ ...e0, note: 'x' }] });
    expect(extra.ok && extra.value.body.elenco_esiti[0]).not.toHaveProperty('note');
  });

  it('warnings: OK without acquisition code, id_flusso that is not a flow name', () => {
    const { id_acquisizione_siuss: _i, ...okNoId } = OPENAPI_EXAMPLE.elenco_esiti[0] as Record<string, unknown>;
    const r = parseEsitiBody({ elenco_esiti: [{ ...okNoId, id_flusso: '42' }] });
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual(['siuss.waas.esito_ok_without_id', 'siuss.waas.esito_id_flusso']);
  });

  it('buildEsito + buildEsitiBody round-trip through parseEsitiBody', () => {
    const entry = entryOf(ONE);
    const ok = buildEsito(entry, { tsAcquisizione: Date.UTC(2023, 10, 28, 8), codiceEsito: 'OK', idAcquisizioneSiuss: '22738' });
    const ko = buildEsito(entry, { tsAcquisizione: new Date(Date.UTC(2023, 10, 28, 8)), codiceEsito: 'RICHIESTA_INVALIDA', descrizioneEsito: 'x' });
    expect(ok).toEqual({
      id_flusso: entry.id_flusso, tipo: 'PS_PSA_SINA', ts_flusso: entry.ts_flusso, ts_acquisizione: '2023-11-28T08:00:00.000Z',
      codice_esito: 'OK', id_acquisizione_siuss: '22738',
    });
    expect(ko).not.toHaveProperty('id_acquisizione_siuss');
    const body = buildEsitiBody([ok, ko]);
    expect(body.ok).toBe(true);
    const back = parseEsitiBody(JSON.stringify(body.ok && body.value));
    expect(back.ok && back.value.body).toEqual(body.ok && body.value);
    expect(waasEsitiBodySchema.safeParse(body.ok && body.value).success).toBe(true);
    expect(codes(buildEsitiBody(Array<WaasEsito>(101).fill(ok)))).toEqual(['siuss.waas.json.too_big']);
    expect(() => buildEsito(entry, { tsAcquisizione: Number.NaN, codiceEsito: 'OK' })).toThrow(SiussError);
    expect(() => buildEsito(entry, { tsAcquisizione: 0, codiceEsito: 'KO' as 'OK' })).toThrow(SiussError);
  });
});

describe('from a multi-benefit flow to WaaS entries', () => {
  it('splitForCooperazione → buildWaasEntry → decodeWaasEntry', () => {
    const parts = splitForCooperazione(MULTI, { startProgressivo: 1, date: '2025-05-20' });
    expect(parts.ok).toBe(true);
    if (!parts.ok) return;
    const entries = parts.value.map((f, i) => entryOf(f, TS + i));
    expect(entries.map((e) => e.id_flusso)).toEqual(['H501.PS.20250520.0000001', 'H501.PS.20250520.0000002']);
    for (const e of entries) expect(decodeWaasEntry(e).ok).toBe(true);
    const page = buildFlussiResponse(entries, { since: 0 });
    expect(page.ok && page.value.elenco_flussi).toHaveLength(2);
  });
});

describe.skipIf(sharedDir() === null)('official INPS samples', () => {
  const sample = (name: string): string => readFileSync(sharedFile('data', 'siuss', 'samples', name), 'utf8');
  it('rossi (one beneficiary, one benefit) and SINBA publish as they are; multi needs a split', () => {
    const rossi = parseFlow(sample('inps-waas-ps_psa_sina-rossi.xml'));
    const r = buildWaasEntry(rossi, { tsFlusso: TS });
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual(['siuss.waas.id_flusso_legacy']);
    const sinba = parseFlow(sample('inps-waas-sinba.xml'));
    const s = buildWaasEntry(sinba, { tsFlusso: TS });
    expect(s.ok && s.value.entry.id_flusso).toBe('H501.SINBA.20210520.00000004');
    const multi = parseFlow(sample('inps-waas-ps_psa_sina-multi-prestazioni.xml'));
    expect(codes(buildWaasEntry(multi, { tsFlusso: TS }))).toEqual(['siuss.waas.cooperazione']);
  });
  it('the OpenAPI file names the esiti property id_acquisizione_siuss', () => {
    const yaml = readFileSync(sharedFile('data', 'siuss', 'waas-api-comuni.yaml'), 'utf8');
    expect(yaml).toContain('id_acquisizione_siuss:');
    expect(yaml).toContain('maxLength: 10000000');
    expect(yaml).toContain("pattern: '^[A-Z][0-9]{3}$'");
  });
});
