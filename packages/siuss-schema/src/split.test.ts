// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import { addDays, fromEpochDay, isoDateParts, toEpochDay, type IsoDate } from '@riuso-sociale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { buildFlow } from './build.js';
import type { PrestazioniSociali, SINBA } from './generated/types.js';
import type { PsPsaSinaFlow, SinbaFlow } from './model.js';
import { parseFlow } from './parse.js';
import { prorateAmount, splitByYear, splitForCooperazione } from './split.js';

// Real-shaped fixtures (values of the official INPS WaaS samples, fictitious persons).
const PERIODICA: PrestazioniSociali = {
  TipoOperazione: 'I', PresenzaProvaMezzi: '2', CaratterePrestazione: '1', CodicePrestazione: 'A2.16',
  DenominazionePrestazione: 'Interventi di supporto per reperimento alloggi', ProtocolloDomanda: 'Protocollo fittizio',
  DataEvento: '2016-10-13', DataInizioPrestazione: '2015-08-13', DataFinePrestazione: '2016-08-13', PeriodoErogazione: '1',
  ImportoMensile: '200.0', ImportoQuotaEnte: '150.00', ImportoQuotaUtente: '50.00', ImportoQuotaSSN: '0.0', ImportoQuotaRichiesta: '0.0',
  ImportoSogliaISEE: '0.0', OreServizioMensile: '2', PresaCarico: '1', AreaUtenza: '2',
  SINA: {
    Mobilita: '1', AttivitaVitaQuotidiana: '1', DisturbiComportamentali: '1', NecessitaCureSanitarie: '1', AreaReddituale: '1',
    AreaSupporto: '1', FonteDerivazioneValutazione: '1', StrumentoValutazione: '1', FonteDerivazioneInvalidita: '1',
    NecessitaInterventiSociali: { CodicePrestazione: ['A1.01', 'A1.02'] }, InvaliditaCivile: { InvCiv: ['1', '2'] },
  },
};
const OCCASIONALE: PrestazioniSociali = {
  TipoOperazione: 'I', PresenzaProvaMezzi: '2', CaratterePrestazione: '2', CodicePrestazione: 'A1.09',
  DenominazionePrestazione: 'Telesoccorso e teleassistenza', ProtocolloDomanda: 'test', DataEvento: '2020-10-13',
  DataErogazionePrestazione: '2020-12-01', ImportoPrestazione: '1265.23', ImportoQuotaEnte: '967.69', ImportoQuotaUtente: '155.56',
  ImportoQuotaSSN: '141.98', PresaCarico: '2',
};
const STESSO_ANNO: PrestazioniSociali = { ...PERIODICA, CodicePrestazione: 'A1.16', DataInizioPrestazione: '2020-10-14', DataFinePrestazione: '2020-11-13' };
const ENVELOPE = {
  Nome: 'H501.PS.20210520.0000002',
  Ente: { Codice: 'H501', Denominazione: 'Comune di Roma', Indirizzo: 'H501', CFOperatore: 'CCCDDD25A42H199X' },
};
const anagrafica = (Cognome: string) => ({ Cognome, Nome: 'BBB', AnnoNascita: '1939', LuogoNascita: 'A351', Genere: '2' as const, CodiceCittadinanza: '380' });
const INDIRIZZO = [{ CodiceRegione: '01', CodiceComune: '068001', CodiceNazione: '380' }];
const FLOW: PsPsaSinaFlow = {
  kind: 'PS_PSA_SINA', IdentificazioneFlusso: ENVELOPE,
  Beneficiario: [
    { CodiceFiscale: 'AAABBB39M66A351C', Anagrafica: anagrafica('AAA'), Indirizzo: INDIRIZZO, PrestazioniSociali: [STESSO_ANNO, OCCASIONALE] },
    { CodiceFiscale: 'RSSMRK66C14H501U', Anagrafica: anagrafica('ROSSI'), Indirizzo: INDIRIZZO, PrestazioniSociali: [PERIODICA] },
  ],
};
const SINBA_RECORD: SINBA = {
  IDBeneficiario: 'PROVA BENEF', MinoreStranieroNoAcc: '1', CondizioneMinore: '1', LuogoVita: '1', ScuolaFrequentata: '1',
  CondizioneLavoro: '1', Disabilita: '1', DataPrimaSegnalazione: '01/2010', FonteSegnalazione: '1', ValutazioneMinore: '1',
  ValutazioneFamigliaMinore: '1', SegnalazioneAutoritaGiudiziaria: '1', ProvvedimentoGiudiziario: '1', FasciaEtaBeneficiario: '2',
  AnnoNascita: '2005', CodiceNazioneResidenza: '380', Prestazioni: { CodicePrestazione: ['A1.02', 'A2.06'] }, Famiglia: { ComposizioneFamiglia: ['1', '2'] },
};
const SINBA_FLOW: SinbaFlow = {
  kind: 'SINBA', IdentificazioneFlusso: { ...ENVELOPE, Nome: 'H501.SINBA.20210520.0000004' },
  SINBA: [SINBA_RECORD, { ...SINBA_RECORD, IDBeneficiario: 'H501-0002' }],
};
const OPTIONS = { startProgressivo: 1, date: '2025-05-20' };
const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }): string[] => (r.issues ?? []).map((i) => i.code);

describe('splitForCooperazione', () => {
  it('one flow per (Beneficiario, PrestazioniSociali), same envelope, new names, each XSD-valid', () => {
    const r = splitForCooperazione(FLOW, OPTIONS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => f.IdentificazioneFlusso.Nome)).toEqual(['H501.PS.20250520.0000001', 'H501.PS.20250520.0000002', 'H501.PS.20250520.0000003']);
    expect(r.value.map((f) => [f.Beneficiario.length, f.Beneficiario[0]?.CodiceFiscale, f.Beneficiario[0]?.PrestazioniSociali.map((p) => p.CodicePrestazione)])).toEqual([
      [1, 'AAABBB39M66A351C', ['A1.16']], [1, 'AAABBB39M66A351C', ['A1.09']], [1, 'RSSMRK66C14H501U', ['A2.16']],
    ]);
    for (const f of r.value) {
      expect(f.kind).toBe('PS_PSA_SINA');
      expect(f.IdentificazioneFlusso.Ente).toEqual(ENVELOPE.Ente);
      expect(f.Beneficiario[0]?.Anagrafica).toEqual(FLOW.Beneficiario.find((b) => b.CodiceFiscale === f.Beneficiario[0]?.CodiceFiscale)?.Anagrafica);
      expect(() => buildFlow(f)).not.toThrow();
    }
    expect(r.value[2]?.Beneficiario[0]?.PrestazioniSociali[0]?.SINA).toEqual(PERIODICA.SINA);
    // the input is not modified
    expect(FLOW.IdentificazioneFlusso.Nome).toBe('H501.PS.20210520.0000002');
    expect(FLOW.Beneficiario[0]?.PrestazioniSociali).toHaveLength(2);
  });

  it('is deterministic and honours the options', () => {
    expect(splitForCooperazione(FLOW, OPTIONS)).toEqual(splitForCooperazione(FLOW, OPTIONS));
    const r = splitForCooperazione(FLOW, { startProgressivo: 41, date: '2024-12-31', tipo: 'PSA', codiceEnte: 'F205' });
    expect(r.ok && r.value.map((f) => f.IdentificazioneFlusso.Nome)).toEqual(['F205.PSA.20241231.0000041', 'F205.PSA.20241231.0000042', 'F205.PSA.20241231.0000043']);
  });

  it('SINBA: one record per flow', () => {
    const r = splitForCooperazione(SINBA_FLOW, OPTIONS);
    expect(r.ok && r.value.map((f) => [f.IdentificazioneFlusso.Nome, f.SINBA.map((s) => s.IDBeneficiario)])).toEqual([
      ['H501.SINBA.20250520.0000001', ['PROVA BENEF']], ['H501.SINBA.20250520.0000002', ['H501-0002']],
    ]);
  });

  it('typed failures', () => {
    expect(codes(splitForCooperazione(FLOW, { ...OPTIONS, tipo: 'SINBA' }))).toEqual(['siuss.split.tipo']);
    expect(codes(splitForCooperazione(SINBA_FLOW, { ...OPTIONS, tipo: 'PS' }))).toEqual(['siuss.split.tipo']);
    expect(codes(splitForCooperazione(FLOW, { ...OPTIONS, startProgressivo: 9_999_998 }))).toEqual(['siuss.flow_name.progressivo']);
    expect(codes(splitForCooperazione(FLOW, { ...OPTIONS, startProgressivo: 0 }))).toEqual(['siuss.flow_name.progressivo']);
    expect(codes(splitForCooperazione(FLOW, { ...OPTIONS, date: '2025-13-01' }))).toEqual(['siuss.flow_name.date']);
    expect(codes(splitForCooperazione(FLOW, { ...OPTIONS, codiceEnte: 'X'.repeat(31) }))).toEqual(['siuss.flow_name.too_long']);
    expect(codes(splitForCooperazione({ ...FLOW, Beneficiario: [] }, OPTIONS))).toEqual(['siuss.split.empty']);
    expect(splitForCooperazione(FLOW, { ...OPTIONS, startProgressivo: 9_999_997 }).ok).toBe(true); // …9999999 is the last
  });

  it('XSD findings point to the original record and benefit', () => {
    const bad: PsPsaSinaFlow = {
      ...FLOW,
      Beneficiario: [FLOW.Beneficiario[0]!, { ...FLOW.Beneficiario[1]!, PrestazioniSociali: [PERIODICA, { ...PERIODICA, CodicePrestazione: 'A2' }] }],
    };
    const r = splitForCooperazione(bad, OPTIONS);
    expect(codes(r)).toEqual(['siuss.xsd.min_length']);
    expect(!r.ok && r.issues[0].path).toEqual(['Beneficiario', 1, 'PrestazioniSociali', 1, '@CodicePrestazione']);
    expect(!r.ok && r.issues[0].params.part).toBe(3);
    // an envelope problem is reported once, not once per new flow
    const env: PsPsaSinaFlow = { ...FLOW, IdentificazioneFlusso: { ...ENVELOPE, Ente: { ...ENVELOPE.Ente, CFOperatore: 'bad' } } };
    expect(codes(splitForCooperazione(env, OPTIONS))).toEqual(['siuss.xsd.pattern']);
  });
});

describe('prorateAmount', () => {
  it('integer minor units, truncated parts, remainder to the last', () => {
    expect(prorateAmount('100.00', [1, 1, 1])).toEqual(['33.33', '33.33', '33.34']);
    expect(prorateAmount('17000.0', [3, 9])).toEqual(['4250.00', '12750.00']);
    expect(prorateAmount('1265.23', [6, 6])).toEqual(['632.61', '632.62']);
    expect(prorateAmount('0.01', [5, 7])).toEqual(['0.00', '0.01']);
    expect(prorateAmount('100.005', [1, 2])).toEqual(['33.335', '66.670']); // keeps the value's 3 decimals
    expect(prorateAmount('7', [1])).toEqual(['7.00']);
    expect(prorateAmount('.5', [1, 1])).toEqual(['0.25', '0.25']);
    expect(prorateAmount('-10.00', [1, 2])).toEqual(['-3.33', '-6.67']);
    expect(prorateAmount('+12345678901234567890.99', [1, 1])).toEqual(['6172839450617283945.49', '6172839450617283945.50']);
  });
  it('refuses non-decimals and bad weights', () => {
    for (const bad of ['', '.', '1,50', '1e3', 'abc', ' 1.00']) expect(prorateAmount(bad, [1])).toBeNull();
    expect(prorateAmount('1.00', [])).toBeNull();
    expect(prorateAmount('1.00', [0, 1])).toBeNull();
    expect(prorateAmount('1.00', [1.5])).toBeNull();
  });
});

describe('splitByYear', () => {
  it('splits the INPS "rossi" benefit (2015-08-13 … 2016-08-13) per calendar year', () => {
    const r = splitByYear(PERIODICA);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((p) => [p.DataInizioPrestazione, p.DataFinePrestazione, p.PeriodoErogazione])).toEqual([
      ['2015-08-13', '2015-12-31', '5'], ['2016-01-01', '2016-08-13', '8'],
    ]);
    for (const p of r.value) {
      // monthly amounts unchanged; everything else copied
      expect(p).toEqual({ ...PERIODICA, DataInizioPrestazione: p.DataInizioPrestazione, DataFinePrestazione: p.DataFinePrestazione, PeriodoErogazione: p.PeriodoErogazione });
      const flow: PsPsaSinaFlow = { ...FLOW, Beneficiario: [{ ...FLOW.Beneficiario[1]!, PrestazioniSociali: [p] }] };
      expect(() => buildFlow(flow)).not.toThrow();
    }
  });

  it('prorates a total ImportoPrestazione by months, exactly, remainder to the last year', () => {
    const r = splitByYear({ ...PERIODICA, DataInizioPrestazione: '2023-11-15', DataFinePrestazione: '2025-02-03', ImportoPrestazione: '1000.00' });
    expect(r.ok && r.value.map((p) => [p.DataInizioPrestazione, p.DataFinePrestazione, p.PeriodoErogazione, p.ImportoPrestazione])).toEqual([
      ['2023-11-15', '2023-12-31', '2', '125.00'],
      ['2024-01-01', '2024-12-31', '12', '750.00'],
      ['2025-01-01', '2025-02-03', '2', '125.00'],
    ]);
    const odd = splitByYear({ ...PERIODICA, DataInizioPrestazione: '2023-12-31', DataFinePrestazione: '2024-01-01', ImportoPrestazione: '0.05' });
    expect(odd.ok && odd.value.map((p) => [p.PeriodoErogazione, p.ImportoPrestazione])).toEqual([['1', '0.02'], ['1', '0.03']]);
  });

  it('nothing to split: returned alone, unchanged', () => {
    expect(splitByYear(OCCASIONALE)).toEqual({ ok: true, value: [OCCASIONALE] });
    expect(splitByYear(STESSO_ANNO)).toEqual({ ok: true, value: [STESSO_ANNO] });
    const { DataFinePrestazione: _d, ...open } = PERIODICA;
    expect(splitByYear(open)).toEqual({ ok: true, value: [open] });
  });

  it('typed failures', () => {
    const { CaratterePrestazione: _c, ...noCarattere } = PERIODICA;
    expect(codes(splitByYear(noCarattere))).toEqual(['siuss.split.carattere']);
    expect(codes(splitByYear({ ...PERIODICA, CaratterePrestazione: '3' as '1' }))).toEqual(['siuss.split.carattere']);
    const { DataInizioPrestazione: _s, ...noStart } = PERIODICA;
    expect(codes(splitByYear(noStart))).toEqual(['siuss.split.data_inizio_missing']);
    expect(codes(splitByYear({ ...PERIODICA, DataFinePrestazione: '2016-02-30' }))).toEqual(['siuss.split.date']);
    expect(codes(splitByYear({ ...PERIODICA, DataInizioPrestazione: '13/08/2015', DataFinePrestazione: '2016-02-30' }))).toEqual(['siuss.split.date', 'siuss.split.date']);
    expect(codes(splitByYear({ ...PERIODICA, DataFinePrestazione: '2015-08-12' }))).toEqual(['siuss.split.date_order']);
    expect(codes(splitByYear({ ...PERIODICA, ImportoPrestazione: '1.000,00' }))).toEqual(['siuss.split.decimal']);
    const r = splitByYear({ ...PERIODICA, DataFinePrestazione: '2015-08-12' });
    expect(!r.ok && r.issues[0].path).toEqual(['@DataFinePrestazione']);
    expect(!r.ok && [r.issues[0].message, r.issues[0].messageEn, r.issues[0].params]).toEqual([
      'DataFinePrestazione (12 agosto 2015) precede DataInizioPrestazione (13 agosto 2015)',
      'DataFinePrestazione (12 August 2015) is before DataInizioPrestazione (13 August 2015)',
      { start: '2015-08-13', end: '2015-08-12' },
    ]);
  });

  it('properties: exact sums, one year per part, contiguous coverage, PeriodoErogazione 1–12 (fast-check)', () => {
    const base = toEpochDay('2000-01-01' as IsoDate);
    const day = fc.integer({ min: 0, max: 365 * 40 }).map((n) => fromEpochDay(base + n));
    const cents = fc.bigInt({ min: 0n, max: 10n ** 15n });
    const amount = fc.tuple(cents, fc.constantFrom(0, 1, 2, 3)).map(([c, extra]) => {
      const scale = 2 + extra; // 2–5 decimals, as strings
      const s = c.toString().padStart(scale + 1, '0');
      return `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
    });
    fc.assert(fc.property(day, day, fc.option(amount, { nil: undefined }), (a, b, total) => {
      const [start, end] = a <= b ? [a, b] : [b, a];
      const input: PrestazioniSociali = {
        ...PERIODICA, DataInizioPrestazione: start, DataFinePrestazione: end,
        ...(total !== undefined ? { ImportoPrestazione: total } : {}),
      };
      const r = splitByYear(input);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const parts = r.value;
      const y0 = isoDateParts(start).year;
      const y1 = isoDateParts(end).year;
      expect(parts).toHaveLength(y1 - y0 + 1);
      if (parts.length === 1) {
        expect(parts[0]).toBe(input);
        return;
      }
      // coverage: first starts at start, last ends at end, each starts the day after the previous ends
      expect(parts[0]?.DataInizioPrestazione).toBe(start);
      expect(parts.at(-1)?.DataFinePrestazione).toBe(end);
      let monthsSum = 0;
      parts.forEach((p, i) => {
        const s = p.DataInizioPrestazione as IsoDate;
        const e = p.DataFinePrestazione as IsoDate;
        expect(isoDateParts(s).year).toBe(y0 + i); // within one year (spec: DataFine same year as DataInizio)
        expect(isoDateParts(e).year).toBe(y0 + i);
        expect(s <= e).toBe(true);
        if (i > 0) expect(s).toBe(addDays(parts[i - 1]?.DataFinePrestazione as IsoDate, 1));
        const months = Number(p.PeriodoErogazione);
        expect(Number.isInteger(months) && months >= 1 && months <= 12).toBe(true);
        expect(months).toBe(isoDateParts(e).month - isoDateParts(s).month + 1);
        monthsSum += months;
        // monthly amounts unchanged
        expect([p.ImportoMensile, p.ImportoQuotaEnte, p.ImportoQuotaUtente, p.ImportoQuotaSSN]).toEqual(
          [PERIODICA.ImportoMensile, PERIODICA.ImportoQuotaEnte, PERIODICA.ImportoQuotaUtente, PERIODICA.ImportoQuotaSSN]);
      });
      const sp = isoDateParts(start);
      const ep = isoDateParts(end);
      expect(monthsSum).toBe((ep.year - sp.year) * 12 + ep.month - sp.month + 1);
      if (total !== undefined) {
        // parts add up to the whole exactly (compared as integers at the value's scale)
        const scale = total.split('.')[1]?.length ?? 0;
        const units = (v: string): bigint => {
          const [i = '', f = ''] = v.split('.');
          return BigInt(`${i}${f.padEnd(scale, '0')}`);
        };
        const sum = parts.reduce((acc, p) => acc + units(p.ImportoPrestazione as string), 0n);
        expect(sum).toBe(units(total));
        for (const p of parts) expect(p.ImportoPrestazione?.split('.')[1]).toHaveLength(scale);
        // every part but the last is the truncated share; the last is within (parts − 1) units of its share
        parts.slice(0, -1).forEach((p, i) => {
          expect(units(p.ImportoPrestazione as string)).toBe((units(total) * BigInt(Number(parts[i]?.PeriodoErogazione))) / BigInt(monthsSum));
        });
      } else {
        for (const p of parts) expect(p).not.toHaveProperty('ImportoPrestazione');
      }
    }), { numRuns: 250 });
  });
});

describe.skipIf(sharedDir() === null)('official INPS samples', () => {
  const sample = (name: string): string => readFileSync(sharedFile('data', 'siuss', 'samples', name), 'utf8');

  it('multi-prestazioni: 1 beneficiary × 3 benefits → 3 cooperazione flows that round-trip', () => {
    const flow = parseFlow(sample('inps-waas-ps_psa_sina-multi-prestazioni.xml'));
    const r = splitForCooperazione(flow, OPTIONS);
    expect(r.ok).toBe(true);
    if (!r.ok || flow.kind !== 'PS_PSA_SINA') return;
    expect(r.value).toHaveLength(3);
    r.value.forEach((f, i) => {
      const back = parseFlow(buildFlow(f));
      expect(back).toEqual(f);
      expect(f.kind === 'PS_PSA_SINA' && f.Beneficiario[0]?.PrestazioniSociali[0]).toEqual(flow.Beneficiario[0]?.PrestazioniSociali[i]);
    });
  });

  it('rossi: the cross-year benefit is split in two, both XSD-valid', () => {
    const flow = parseFlow(sample('inps-waas-ps_psa_sina-rossi.xml'));
    if (flow.kind !== 'PS_PSA_SINA') throw new Error('kind');
    const p = flow.Beneficiario[0]?.PrestazioniSociali[0] as PrestazioniSociali;
    const r = splitByYear(p);
    expect(r.ok && r.value.map((x) => [x.DataInizioPrestazione, x.DataFinePrestazione, x.PeriodoErogazione, x.ImportoMensile])).toEqual([
      ['2015-08-13', '2015-12-31', '5', '200.0'], ['2016-01-01', '2016-08-13', '8', '200.0'],
    ]);
    if (!r.ok) return;
    const split: PsPsaSinaFlow = { ...flow, Beneficiario: [{ ...flow.Beneficiario[0]!, PrestazioniSociali: r.value }] };
    expect(() => buildFlow(split)).not.toThrow();
  });

  it('SINBA sample: a single record stays a single flow', () => {
    const flow = parseFlow(sample('inps-waas-sinba.xml'));
    const r = splitForCooperazione(flow, OPTIONS);
    expect(r.ok && r.value.map((f) => f.IdentificazioneFlusso.Nome)).toEqual(['H501.SINBA.20250520.0000001']);
  });
});
