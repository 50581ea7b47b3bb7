// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '@riuso-sociale/core';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import type { RawElement } from './internal/engine.js';
import { findPrestazione, PRESTAZIONE_CODE_PATTERN, SIUSS_PRESTAZIONI } from './prestazioni.js';
import { checkEnvelopeRules, checkFlowRules, checkRecordRules, SIUSS_RULES, type RuleId, type RuleOptions } from './rules.js';
import { validateFlow } from './validate.js';

// Records shaped like the INPS WaaS samples (multi-prestazioni #2 periodic, #3 one-off): both pass every rule
// (the sample's placeholder codici fiscali get their right check characters: …351T, not …351C; …199E, not …199X).
const CF = 'AAABBB39M66A351T';
const periodic = (): Record<string, string | RawElement | (string | RawElement)[]> => ({
  CaratterePrestazione: '1', AreaUtenza: '2', ImportoQuotaUtente: '21.71', ImportoQuotaRichiesta: '151.64', TipoOperazione: 'I',
  DataInizioPrestazione: '2020-11-14', CodicePrestazione: 'A2.16', DenominazionePrestazione: 'Interventi di supporto per reperimento alloggi',
  ProtocolloDomanda: '12356Mari', DataEvento: '2020-10-13', ImportoMensile: '101.23', ImportoQuotaSSN: '26.98', PeriodoErogazione: '1',
  ImportoSogliaISEE: '17000.0', PresaCarico: '1', DataFinePrestazione: '2020-12-13', ImportoQuotaEnte: '52.54', PresenzaProvaMezzi: '2',
  OreServizioMensile: '2.59',
  SINA: {
    NecessitaCureSanitarie: '1', AreaReddituale: '1', StrumentoValutazione: '1', FonteDerivazioneValutazione: '1', AreaSupporto: '1',
    Mobilita: '1', DisturbiComportamentali: '1', AttivitaVitaQuotidiana: '1',
    NecessitaInterventiSociali: { CodicePrestazione: ['A2.17', 'A2.18'] },
    InvaliditaCivile: { InvCiv: ['1', '3'] },
  },
});
const occasional = (): Record<string, string | RawElement> => ({
  CaratterePrestazione: '2', ImportoQuotaUtente: '155.56', ImportoQuotaRichiesta: '351.64', TipoOperazione: 'I',
  DataErogazionePrestazione: '2020-12-01', ImportoPrestazione: '1265.23', CodicePrestazione: 'A1.09',
  DenominazionePrestazione: 'Telesoccorso e teleassistenza', ProtocolloDomanda: 'test', DataEvento: '2020-10-13', ImportoQuotaSSN: '141.98',
  ImportoSogliaISEE: '34308.0', PresaCarico: '2', ImportoQuotaEnte: '967.69', PresenzaProvaMezzi: '2', OreServizioMensile: '2.59',
});
const beneficiario = (...prestazioni: RawElement[]): RawElement => ({
  CodiceFiscale: CF,
  Anagrafica: { AnnoNascita: '1939', Genere: '2', CodiceCittadinanza: '380', Nome: 'BBB', LuogoNascita: 'A351', Cognome: 'AAA' },
  Indirizzo: [{ CodiceComune: '068001', CodiceNazione: '380', CodiceRegione: '01' }],
  PrestazioniSociali: prestazioni.length > 0 ? prestazioni : [periodic()],
});
/** One Beneficiario with one prestazione changed by `edit`. */
const withPrestazione = (edit: (p: Record<string, unknown>) => void, base: () => Record<string, unknown> = periodic): RawElement => {
  const p = base();
  edit(p);
  return beneficiario(p as RawElement);
};
const sinba = (): Record<string, string | RawElement> => ({
  ValutazioneFamigliaMinore: '1', AnnoNascita: '2005', NumeroComponentiISEE: '9', CodiceNazioneResidenza: '380', InvCivCertificazioni: '1',
  ValutazioneMinore: '1', MinoreStranieroNoAcc: '1', LuogoVita: '1', ProvvedimentoGiudiziario: '1', DataProvvedimentoGiudiziario: '03/2012',
  AutoritaProvvedimento: '1', CondizioneLavoro: '1', CondizioneMinore: '1', Disabilita: '1', TipoDisabilita: '1', FonteSegnalazione: '1',
  DataPrimaSegnalazione: '01/2010', FasciaEtaBeneficiario: '2', SegnalazioneAutoritaGiudiziaria: '1', DataSegnalazione: '06/2016',
  FasciaISEEBeneficiario: '1', ScuolaFrequentata: '1', IDBeneficiario: 'PROVA BENEF',
  Prestazioni: { CodicePrestazione: ['A1.02', 'A2.06'] },
  Famiglia: { ComposizioneFamiglia: ['1', '2'] },
});

const P0 = ['Beneficiario', 0, 'PrestazioniSociali', 0] as const;
const codes = (issues: readonly Issue[]): string[] => issues.map((i) => i.code);
const ps = (record: RawElement, options?: RuleOptions): Issue[] => checkRecordRules('PS_PSA_SINA', record, 0, options);

describe('SIUSS_RULES', () => {
  it('lists every rule once, each with a source, bilingual description and default severity warning', () => {
    const ids = SIUSS_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(19);
    for (const r of SIUSS_RULES) {
      expect(r.id).toMatch(/^siuss\.rule\.[a-z_]+$/);
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.description.it).not.toBe(r.description.en);
      expect(r.defaultSeverity).toBe('warning');
      expect(r.kinds.length).toBeGreaterThan(0);
    }
    expect(Object.isFrozen(SIUSS_RULES)).toBe(true);
  });
});

describe('checkRecordRules: real-shaped records', () => {
  it('the sample-shaped periodic and one-off benefits and SINBA record pass every rule', () => {
    expect(ps(beneficiario(periodic(), occasional()))).toEqual([]);
    expect(checkRecordRules('SINBA', sinba(), 0)).toEqual([]);
  });

  it('issues carry the rule, its source, the path, warning severity and a masked codice fiscale', () => {
    const [issue, ...rest] = ps(withPrestazione((p) => { delete p.CaratterePrestazione; }));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      code: 'siuss.rule.carattere_required', severity: 'warning', path: [...P0, '@CaratterePrestazione'],
      params: { rule: 'siuss.rule.carattere_required', beneficiario: 'AAABBB******351T', prestazione: 0, codicePrestazione: 'A2.16' },
    });
    expect(issue?.params.source).toBe(SIUSS_RULES.find((r) => r.id === 'siuss.rule.carattere_required')?.source);
    expect(issue?.params.source).toContain('Allegato B');
    expect(issue?.message).toContain('AAABBB******351T');
    expect(issue?.message).not.toContain(CF);
    expect(issue?.messageEn).not.toContain(CF);
    expect(issue?.message).not.toContain('BBB ');
  });

  it('adds the record line when given', () => {
    const [issue] = checkRecordRules('PS_PSA_SINA', withPrestazione((p) => { delete p.CaratterePrestazione; }), 0, {}, 42);
    expect(issue?.params.recordLine).toBe(42);
    expect(issue?.message).toContain('riga 42');
    expect(issue?.messageEn).toContain('line 42');
  });

  it('carattere_required', () => {
    expect(codes(ps(withPrestazione((p) => { delete p.CaratterePrestazione; })))).toEqual(['siuss.rule.carattere_required']);
    // An invalid value is the XSD's business (enumeration), not this rule's; dependent rules stay silent.
    expect(ps(withPrestazione((p) => { p.CaratterePrestazione = '3'; }))).toEqual([]);
  });

  it('periodic_requires_start_and_monthly', () => {
    const issues = ps(withPrestazione((p) => { delete p.DataInizioPrestazione; delete p.ImportoMensile; delete p.ImportoQuotaEnte; delete p.ImportoQuotaUtente; delete p.ImportoQuotaSSN; }));
    expect(issues.map((i) => [i.code, i.path.at(-1)])).toEqual([
      ['siuss.rule.periodic_requires_start_and_monthly', '@DataInizioPrestazione'],
      ['siuss.rule.periodic_requires_start_and_monthly', '@ImportoMensile'],
    ]);
    // A one-off benefit does not need them.
    expect(ps(beneficiario(occasional() as RawElement))).toEqual([]);
  });

  it('occasional_requires_date_and_amount', () => {
    const issues = ps(withPrestazione((p) => { delete p.DataErogazionePrestazione; delete p.ImportoPrestazione; delete p.ImportoQuotaEnte; delete p.ImportoQuotaUtente; delete p.ImportoQuotaSSN; }, occasional));
    expect(issues.map((i) => [i.code, i.path.at(-1)])).toEqual([
      ['siuss.rule.occasional_requires_date_and_amount', '@DataErogazionePrestazione'],
      ['siuss.rule.occasional_requires_date_and_amount', '@ImportoPrestazione'],
    ]);
  });

  it('end_same_year and end_before_start', () => {
    expect(codes(ps(withPrestazione((p) => { p.DataInizioPrestazione = '2015-08-13'; p.DataFinePrestazione = '2016-08-13'; }))))
      .toEqual(['siuss.rule.end_same_year']);
    expect(codes(ps(withPrestazione((p) => { p.DataInizioPrestazione = '2020-12-13'; p.DataFinePrestazione = '2020-11-14'; }))))
      .toEqual(['siuss.rule.end_before_start']);
    expect(codes(ps(withPrestazione((p) => { p.DataInizioPrestazione = '2021-01-05'; p.DataFinePrestazione = '2020-12-31'; }))))
      .toEqual(['siuss.rule.end_same_year', 'siuss.rule.end_before_start']);
    // Dates in words in the texts, ISO in the params.
    const [order] = ps(withPrestazione((p) => { p.DataInizioPrestazione = '2020-12-01'; p.DataFinePrestazione = '2020-11-08'; }));
    expect(order?.message).toContain("DataFinePrestazione (8 novembre 2020) precede DataInizioPrestazione (1° dicembre 2020)");
    expect(order?.messageEn).toContain('DataFinePrestazione (8 November 2020) is before DataInizioPrestazione (1 December 2020)');
    expect(order?.params).toMatchObject({ start: '2020-12-01', end: '2020-11-08' });
    // Same day, 31 December, a time zone on the date: fine.
    expect(ps(withPrestazione((p) => { p.DataInizioPrestazione = '2020-01-01'; p.DataFinePrestazione = '2020-01-01'; }))).toEqual([]);
    expect(ps(withPrestazione((p) => { p.DataInizioPrestazione = '2020-01-01Z'; p.DataFinePrestazione = ' 2020-12-31+01:00 '; }))).toEqual([]);
    // Unparsable dates (an XSD error) silence both.
    expect(ps(withPrestazione((p) => { p.DataInizioPrestazione = '2020-02-30'; p.DataFinePrestazione = '2019-01-01'; }))).toEqual([]);
    const [issue] = ps(withPrestazione((p) => { p.DataInizioPrestazione = '2015-08-13'; p.DataFinePrestazione = '2016-08-13'; }));
    expect(issue?.path).toEqual([...P0, '@DataFinePrestazione']);
    expect(issue?.params).toMatchObject({ start: '2015-08-13', end: '2016-08-13' });
  });

  it('dsu_all_or_none', () => {
    const all = { NumeroProtocolloDSU: 'INPS-ISEE-2020-123', AnnoProtocolloDSU: '2020', DataDSU: '2020-01-15' };
    expect(ps(withPrestazione((p) => Object.assign(p, all)))).toEqual([]);
    const issues = ps(withPrestazione((p) => { p.AnnoProtocolloDSU = '2020'; }));
    expect(issues.map((i) => [i.code, i.path.at(-1)])).toEqual([
      ['siuss.rule.dsu_all_or_none', '@NumeroProtocolloDSU'],
      ['siuss.rule.dsu_all_or_none', '@DataDSU'],
    ]);
    // An empty NumeroProtocolloDSU (allowed by the XSD) counts as absent.
    expect(ps(withPrestazione((p) => { p.NumeroProtocolloDSU = ''; }))).toEqual([]);
    expect(codes(ps(withPrestazione((p) => Object.assign(p, all, { NumeroProtocolloDSU: '' }))))).toEqual(['siuss.rule.dsu_all_or_none']);
  });

  it('quota_sum: against ImportoMensile (periodic) or ImportoPrestazione (one-off)', () => {
    const issues = ps(withPrestazione((p) => { p.ImportoQuotaSSN = '0.01'; }));
    expect(codes(issues)).toEqual(['siuss.rule.quota_sum']);
    expect(issues[0]?.path).toEqual([...P0, '@ImportoMensile']);
    expect(issues[0]?.params).toMatchObject({ total: '101.23', sum: '74.26', ImportoQuotaSSN: '0.01' });
    expect(codes(ps(withPrestazione((p) => { p.ImportoQuotaEnte = '967.70'; }, occasional)))).toEqual(['siuss.rule.quota_sum']);
    expect(ps(withPrestazione((p) => { p.ImportoQuotaEnte = '967.70'; }, occasional))[0]?.path).toEqual([...P0, '@ImportoPrestazione']);
    // No quotas at all: nothing to add up. Missing quotas count as zero.
    expect(ps(withPrestazione((p) => { delete p.ImportoQuotaEnte; delete p.ImportoQuotaUtente; delete p.ImportoQuotaSSN; }))).toEqual([]);
    expect(ps(withPrestazione((p) => { p.ImportoQuotaEnte = '101.23'; delete p.ImportoQuotaUtente; delete p.ImportoQuotaSSN; }))).toEqual([]);
    // Unknown carattere or an unparsable amount: silent (other rules / the XSD report it).
    expect(codes(ps(withPrestazione((p) => { delete p.CaratterePrestazione; p.ImportoQuotaEnte = '1'; })))).toEqual(['siuss.rule.carattere_required']);
    expect(ps(withPrestazione((p) => { p.ImportoQuotaEnte = '52,54'; }))).toEqual([]);
  });

  it('quota_sum compares exactly (no floating point)', () => {
    const sum = (total: string, ...quotas: string[]): string[] => codes(ps(withPrestazione((p) => {
      p.ImportoMensile = total;
      delete p.ImportoQuotaSSN;
      p.ImportoQuotaEnte = quotas[0] as string;
      p.ImportoQuotaUtente = quotas[1] as string;
      if (quotas[2] !== undefined) p.ImportoQuotaSSN = quotas[2];
    })));
    expect(sum('100.00', '33.33', '33.33', '33.34')).toEqual([]);
    expect(sum('100', '33.33', '33.33', '33.34')).toEqual([]);
    expect(sum('0.3', '0.1', '0.2')).toEqual([]); // 0.1 + 0.2 !== 0.3 in floating point
    expect(sum('0.30000000000000004', '0.1', '0.2')).toEqual(['siuss.rule.quota_sum']);
    expect(sum('101.33', '101.23', '0.1')).toEqual([]);
    expect(sum('101.3299999', '101.23', '0.1')).toEqual(['siuss.rule.quota_sum']);
    expect(sum('9007199254740993.01', '9007199254740992', '1.01')).toEqual([]); // beyond 2^53
    expect(sum('9007199254740993.01', '9007199254740992', '1.00')).toEqual(['siuss.rule.quota_sum']);
    expect(sum(' +1. ', '.5', '0.50')).toEqual([]); // every xs:decimal lexical form
    expect(sum('1.000', '0.999', '0.0001')).toEqual(['siuss.rule.quota_sum']);
    const [issue] = ps(withPrestazione((p) => { p.ImportoMensile = '0.3'; p.ImportoQuotaEnte = '0.1'; p.ImportoQuotaUtente = '0.25'; delete p.ImportoQuotaSSN; }));
    expect(issue?.params).toMatchObject({ sum: '0.35', total: '0.3' });
  });

  it('quota_positive: Ente and SSN > 0, Utente >= 0', () => {
    const issues = ps(withPrestazione((p) => { p.ImportoQuotaEnte = '0.0'; p.ImportoQuotaSSN = '-0.00'; p.ImportoQuotaUtente = '101.23'; }));
    expect(issues.map((i) => [i.code, i.path.at(-1)])).toEqual([
      ['siuss.rule.quota_positive', '@ImportoQuotaEnte'],
      ['siuss.rule.quota_positive', '@ImportoQuotaSSN'],
    ]);
    expect(codes(ps(withPrestazione((p) => { p.ImportoQuotaUtente = '-0.01'; p.ImportoQuotaEnte = '74.26'; }))))
      .toEqual(['siuss.rule.quota_positive']);
    expect(ps(withPrestazione((p) => { p.ImportoQuotaUtente = '0.00'; p.ImportoQuotaEnte = '74.25'; }))).toEqual([]);
  });

  it('amount_positive and amount_non_negative', () => {
    expect(ps(withPrestazione((p) => { p.ImportoMensile = '0'; delete p.ImportoQuotaEnte; delete p.ImportoQuotaUtente; delete p.ImportoQuotaSSN; })).map((i) => [i.code, i.path.at(-1)]))
      .toEqual([['siuss.rule.amount_positive', '@ImportoMensile']]);
    expect(codes(ps(withPrestazione((p) => { p.ImportoPrestazione = '-5'; delete p.ImportoQuotaEnte; delete p.ImportoQuotaUtente; delete p.ImportoQuotaSSN; }, occasional))))
      .toEqual(['siuss.rule.amount_positive']);
    expect(ps(withPrestazione((p) => { p.ImportoQuotaRichiesta = '-1'; p.ImportoSogliaISEE = '-0.5'; })).map((i) => [i.code, i.path.at(-1)])).toEqual([
      ['siuss.rule.amount_non_negative', '@ImportoQuotaRichiesta'],
      ['siuss.rule.amount_non_negative', '@ImportoSogliaISEE'],
    ]);
    expect(ps(withPrestazione((p) => { p.ImportoQuotaRichiesta = '0.0'; p.ImportoSogliaISEE = '0.0'; }))).toEqual([]);
  });

  it('area_utenza_required', () => {
    expect(ps(withPrestazione((p) => { delete p.AreaUtenza; })).map((i) => [i.code, i.path])).toEqual([
      ['siuss.rule.area_utenza_required', [...P0, '@AreaUtenza']],
    ]);
    expect(ps(withPrestazione((p) => { delete p.AreaUtenza; p.PresaCarico = '2'; }))).toEqual([]);
  });

  it('residence_italy', () => {
    const b = beneficiario();
    b.Indirizzo = [{ CodiceNazione: '380', CodiceRegione: '01', CodiceComune: '068001' }, { CodiceNazione: '380' }, { CodiceNazione: '250' }];
    expect(ps(b).map((i) => [i.code, i.path])).toEqual([
      ['siuss.rule.residence_italy', ['Beneficiario', 0, 'Indirizzo', 1, '@CodiceRegione']],
      ['siuss.rule.residence_italy', ['Beneficiario', 0, 'Indirizzo', 1, '@CodiceComune']],
    ]);
    expect(ps(b)[0]?.message).toContain('Indirizzo 2');
  });

  it('ore_servizio_format: H.MM with minutes below 60', () => {
    const ore = (value: string): string[] => codes(ps(withPrestazione((p) => { p.OreServizioMensile = value; })));
    for (const good of ['2.59', '2', '0.00', '120.30', '2.0', ' 3.15 ']) expect(ore(good), good).toEqual([]);
    for (const bad of ['2.60', '2.99', '2.5', '2.555', '2.', '-1.00', '+2.30']) expect(ore(bad), bad).toEqual(['siuss.rule.ore_servizio_format']);
    expect(ore('2,30')).toEqual([]); // not a decimal: the XSD reports it
  });

  it('prestazione_code_format and prestazione_code_unknown, in PrestazioniSociali, SINA and SINBA', () => {
    expect(codes(ps(withPrestazione((p) => { p.CodicePrestazione = 'A9.99'; })))).toEqual(['siuss.rule.prestazione_code_unknown']);
    expect(codes(ps(withPrestazione((p) => { p.CodicePrestazione = 'a1.16'; })))).toEqual(['siuss.rule.prestazione_code_format']);
    expect(codes(ps(withPrestazione((p) => { p.CodicePrestazione = 'A1.05.01'; })))).toEqual([]);
    const sinaIssues = ps(withPrestazione((p) => {
      (p.SINA as RawElement).NecessitaInterventiSociali = { CodicePrestazione: ['A2.17', 'B1.01', 'A 2.17'] };
    }));
    expect(sinaIssues.map((i) => [i.code, i.path])).toEqual([
      ['siuss.rule.prestazione_code_unknown', [...P0, 'SINA', 'NecessitaInterventiSociali', 'CodicePrestazione', 1]],
      ['siuss.rule.prestazione_code_format', [...P0, 'SINA', 'NecessitaInterventiSociali', 'CodicePrestazione', 2]],
    ]);
    const s = sinba();
    s.Prestazioni = { CodicePrestazione: ['A1.02', 'Z9.98'] };
    expect(checkRecordRules('SINBA', s, 3).map((i) => [i.code, i.path])).toEqual([
      ['siuss.rule.prestazione_code_unknown', ['SINBA', 3, 'Prestazioni', 'CodicePrestazione', 1]],
    ]);
  });

  it('sinba_componenti_isee_min', () => {
    const s = sinba();
    s.NumeroComponentiISEE = '0';
    const [issue, ...rest] = checkRecordRules('SINBA', s, 0);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: 'siuss.rule.sinba_componenti_isee_min', path: ['SINBA', 0, '@NumeroComponentiISEE'] });
    expect(issue?.message).toContain('Scheda SINBA 1');
    for (const v of ['-3', '+0', ' 00 ']) expect(codes(checkRecordRules('SINBA', { ...sinba(), NumeroComponentiISEE: v }, 0)), v).toEqual(['siuss.rule.sinba_componenti_isee_min']);
    for (const v of ['1', '9', 'x']) expect(checkRecordRules('SINBA', { ...sinba(), NumeroComponentiISEE: v }, 0), v).toEqual([]);
    const none = sinba();
    delete none.NumeroComponentiISEE;
    expect(checkRecordRules('SINBA', none, 0)).toEqual([]);
  });
});

describe('severity and mode options', () => {
  const broken = withPrestazione((p) => { delete p.CaratterePrestazione; p.CodicePrestazione = 'A9.99'; });

  it('off disables a rule, error raises it, others keep warning', () => {
    expect(codes(ps(broken))).toEqual(['siuss.rule.carattere_required', 'siuss.rule.prestazione_code_unknown']);
    const issues = ps(broken, { severity: { 'siuss.rule.carattere_required': 'error', 'siuss.rule.prestazione_code_unknown': 'off' } });
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['siuss.rule.carattere_required', 'error']]);
    expect(ps(broken, { severity: { 'siuss.rule.carattere_required': 'warning' } }).map((i) => i.severity)).toEqual(['warning', 'warning']);
    // A value that is not a severity (from untyped configuration) keeps the default.
    expect(ps(broken, { severity: { 'siuss.rule.carattere_required': 'info' as never } }).map((i) => i.severity)).toEqual(['warning', 'warning']);
  });

  it('every rule can be switched off', () => {
    const off = Object.fromEntries(SIUSS_RULES.map((r) => [r.id, 'off'])) as Record<RuleId, 'off'>;
    expect(ps(broken, { severity: off })).toEqual([]);
    expect(checkFlowRules('PS_PSA_SINA', { beneficiari: 2, prestazioni: 2 }, { mode: 'cooperazione', severity: off })).toEqual([]);
  });

  it('cooperazione_single: one Beneficiario and one PrestazioniSociali, only in cooperazione mode', () => {
    expect(checkFlowRules('PS_PSA_SINA', { beneficiari: 1, prestazioni: 3 })).toEqual([]);
    expect(checkFlowRules('PS_PSA_SINA', { beneficiari: 1, prestazioni: 1 }, { mode: 'cooperazione' })).toEqual([]);
    const [issue] = checkFlowRules('PS_PSA_SINA', { beneficiari: 1, prestazioni: 3 }, { mode: 'cooperazione' });
    expect(issue).toMatchObject({ code: 'siuss.rule.cooperazione_single', severity: 'warning', path: [], params: { beneficiari: 1, prestazioni: 3 } });
    expect(issue?.message).toContain('In cooperazione è possibile inviare solo un beneficiario e una prestazione sociale');
    expect(codes(checkFlowRules('PS_PSA_SINA', { beneficiari: 2, prestazioni: 2 }, { mode: 'cooperazione' }))).toEqual(['siuss.rule.cooperazione_single']);
    expect(checkFlowRules('SINBA', { beneficiari: 1, prestazioni: 5 }, { mode: 'cooperazione' })).toEqual([]);
    expect(codes(checkFlowRules('SINBA', { beneficiari: 2, prestazioni: 0 }, { mode: 'cooperazione' }))).toEqual(['siuss.rule.cooperazione_single']);
    expect(checkFlowRules('SINBA', { beneficiari: 2, prestazioni: 0 }, { mode: 'cooperazione', severity: { 'siuss.rule.cooperazione_single': 'error' } })[0]?.severity).toBe('error');
  });
});

describe('checkEnvelopeRules: flow name', () => {
  const env = (Nome: string, Codice = 'H501'): RawElement => ({ Nome, Ente: { Codice, Indirizzo: 'H501', CFOperatore: 'CCCDDD25A42H199E' } });
  it('accepts the shapes of the INPS samples', () => {
    expect(checkEnvelopeRules('PS_PSA_SINA', env('H501.PS.20210520.0000002'))).toEqual([]);
    expect(checkEnvelopeRules('PS_PSA_SINA', env('H501.PS.INPS.20160423.115235'))).toEqual([]);
    expect(checkEnvelopeRules('PS_PSA_SINA', env('H501.PSA.20210520.0000002'))).toEqual([]);
    expect(checkEnvelopeRules('SINBA', env('H501.SINBA.20210520.00000004'))).toEqual([]);
    expect(checkEnvelopeRules('SINBA', {})).toEqual([]);
  });
  it('reports format, date, type and ente', () => {
    const reason = (kind: 'PS_PSA_SINA' | 'SINBA', e: RawElement): unknown => checkEnvelopeRules(kind, e).map((i) => [i.code, i.path, i.params.reason]);
    expect(reason('PS_PSA_SINA', env('flusso di prova'))).toEqual([['siuss.rule.flow_name_format', ['IdentificazioneFlusso', '@Nome'], 'format']]);
    expect(reason('PS_PSA_SINA', env('H501.PS.20210230.0000002'))).toEqual([['siuss.rule.flow_name_format', ['IdentificazioneFlusso', '@Nome'], 'date']]);
    expect(reason('SINBA', env('H501.PS.20210520.0000002'))).toEqual([['siuss.rule.flow_name_format', ['IdentificazioneFlusso', '@Nome'], 'type']]);
    expect(reason('PS_PSA_SINA', env('H501.SINBA.20210520.0000002'))).toEqual([['siuss.rule.flow_name_format', ['IdentificazioneFlusso', '@Nome'], 'type']]);
    expect(reason('PS_PSA_SINA', env('F205.PS.20210520.0000002'))).toEqual([['siuss.rule.flow_name_format', ['IdentificazioneFlusso', '@Nome'], 'ente']]);
    expect(checkEnvelopeRules('PS_PSA_SINA', env('x'), { severity: { 'siuss.rule.flow_name_format': 'off' } })).toEqual([]);
  });
});

describe('robustness: partial, invalid and hand-made records', () => {
  it('never throws and stays silent on what it cannot read', () => {
    expect(ps({})).toEqual([]);
    expect(checkRecordRules('SINBA', {}, 0)).toEqual([]);
    expect(checkRecordRules('PS_PSA_SINA', null as never, 0)).toEqual([]);
    expect(checkRecordRules('PS_PSA_SINA', [] as never, 0)).toEqual([]);
    expect(ps({ PrestazioniSociali: 'x', Indirizzo: [1, null, 'y'] } as never)).toEqual([]);
    expect(ps({ PrestazioniSociali: [{ CaratterePrestazione: 1, SINA: [] }] } as never).map((i) => i.code)).toEqual(['siuss.rule.carattere_required']);
    // A single (non-array) PrestazioniSociali, as a hand-made object might have it.
    expect(ps({ PrestazioniSociali: { CaratterePrestazione: '1' } } as never).map((i) => i.path)).toEqual([
      ['Beneficiario', 0, 'PrestazioniSociali', '@DataInizioPrestazione'],
      ['Beneficiario', 0, 'PrestazioniSociali', '@ImportoMensile'],
    ]);
    expect(checkEnvelopeRules('PS_PSA_SINA', null as never)).toEqual([]);
  });

  it('never throws on arbitrary attribute values (property)', () => {
    const names = ['CaratterePrestazione', 'DataInizioPrestazione', 'DataFinePrestazione', 'ImportoMensile', 'ImportoPrestazione', 'ImportoQuotaEnte',
      'ImportoQuotaUtente', 'ImportoQuotaSSN', 'NumeroProtocolloDSU', 'AnnoProtocolloDSU', 'DataDSU', 'OreServizioMensile', 'CodicePrestazione',
      'PresaCarico', 'AreaUtenza', 'DataErogazionePrestazione', 'ImportoQuotaRichiesta', 'ImportoSogliaISEE'];
    const value = fc.oneof(fc.string(), fc.constantFrom('1', '2', '0.0', '-1', '2020-01-01', '1.', '.5', '2.60', 'A1.16', '1e5', ''));
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...names), value), fc.string(), (p, cf) => {
      const issues = ps({ CodiceFiscale: cf, PrestazioniSociali: [p] });
      for (const i of issues) {
        expect(i.code).toMatch(/^siuss\.rule\./);
        if (cf.length === 16) expect(i.message).not.toContain(cf);
      }
      checkRecordRules('SINBA', { NumeroComponentiISEE: p.ImportoMensile ?? '', Prestazioni: { CodicePrestazione: [p.CodicePrestazione ?? ''] } }, 0);
    }), { numRuns: 300 });
  });
});

describe('SIUSS_PRESTAZIONI', () => {
  it('has unique well-formed codes, sections, sources', () => {
    const codesList = SIUSS_PRESTAZIONI.map((p) => p.code);
    expect(new Set(codesList).size).toBe(codesList.length);
    for (const p of SIUSS_PRESTAZIONI) {
      expect(p.code).toMatch(PRESTAZIONE_CODE_PATTERN);
      expect(p.section).toBe(p.code.slice(0, 2));
      expect(p.source.length).toBeGreaterThan(10);
    }
    expect(findPrestazione('A1.16')?.label).toBe('Contributi economici per servizio trasporto e mobilità');
    expect(findPrestazione('A1.16')?.source).toContain('trascrizione di terzi');
    expect(findPrestazione('A2.17')?.label).toBeNull();
    expect(findPrestazione('a1.16')).toBeUndefined();
  });

  describe.skipIf(sharedDir() === null)('matches the CSVs in shared/data/siuss', () => {
    const rows = (file: string): string[][] => readFileSync(sharedFile('data', 'siuss', file), 'utf8').trim().split('\n').slice(1)
      .map((line) => [...line.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2] ?? ''));
    it('DM 206/2014 Tabella 1: every code with its label', () => {
      const table = rows('prestazioni-dm206-tabella1.csv');
      expect(table).toHaveLength(36);
      for (const [code, section, label] of table) {
        expect(findPrestazione(code as string), code).toMatchObject({ code, section, label });
      }
    });
    it('later SIUSS codes: label and source as the CSV gives them', () => {
      const table = rows('prestazioni-aggiunte-siuss.csv');
      expect(table.length).toBeGreaterThan(0);
      for (const [code, label, source] of table) {
        expect(findPrestazione(code as string), code).toMatchObject({ code, label, source });
      }
    });
  });
});

describe('codice_fiscale_check: CodiceFiscale and CFOperatore through @riuso-sociale/fiscal-code/lite', () => {
  const RULE = 'siuss.rule.codice_fiscale_check';
  const withCf = (cf: unknown): RawElement => ({ ...beneficiario(), CodiceFiscale: cf } as RawElement);
  const cfFindings = (cf: unknown, options?: RuleOptions): Issue[] => ps(withCf(cf), options).filter((i) => i.code === RULE);
  const reasonOf = (cf: string): unknown => cfFindings(cf).map((i) => i.params.reason);

  it('a wrong check character is a warning by default, an error when configured so, nothing when off', () => {
    const [issue, ...rest] = ps(withCf('RSSMRK66C14H501X'));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      code: RULE, severity: 'warning', path: ['Beneficiario', 0, '@CodiceFiscale'],
      params: { rule: RULE, beneficiario: 'RSSMRK******501X', attribute: 'CodiceFiscale', value: 'RSSMRK******501X', reason: 'cf.check_character' },
    });
    expect(issue?.params.source).toContain('DM 23/12/1976');
    expect(cfFindings('RSSMRK66C14H501X', { severity: { [RULE]: 'error' } }).map((i) => i.severity)).toEqual(['error']);
    expect(cfFindings('RSSMRK66C14H501X', { severity: { [RULE]: 'off' } })).toEqual([]);
    // The right code, and the same in lower case (the XSD allows a-z; fiscal-code upper-cases it).
    expect(ps(withCf('RSSMRK66C14H501U'))).toEqual([]);
    expect(ps(withCf('rssmrk66c14h501u'))).toEqual([]);
    expect(reasonOf('rssmrk66c14h501x')).toEqual(['cf.check_character']);
  });

  it('the message masks the code (only the masked form, in both languages and in params) and names the attribute', () => {
    const [issue] = checkRecordRules('PS_PSA_SINA', withCf('RSSMRK66C14H501X'), 4, {}, 12);
    expect(issue?.message).toBe("Beneficiario 5 (RSSMRK******501X): CodiceFiscale «RSSMRK******501X» non è un codice fiscale valido: il carattere di controllo (l'ultimo) non corrisponde agli altri 15 caratteri (un errore di battitura in qualche posizione, o un codice segnaposto) (record alla riga 12)");
    expect(issue?.messageEn).toContain('Beneficiary 5 (RSSMRK******501X): CodiceFiscale «RSSMRK******501X» is not a valid codice fiscale');
    for (const text of [issue?.message, issue?.messageEn, JSON.stringify(issue?.params)]) {
      expect(text).not.toContain('RSSMRK66C14H501X');
      expect(text).not.toContain('66C14'); // nor the birth date part
    }
  });

  it('omocodic codes are valid (levels 1–3, also in an order the Agenzia does not use)', () => {
    for (const cf of ['RSSMRK66C14H50MM', 'RSSMRK66C14H5LMX', 'RSSMRK66C14HRLMS', 'RSSMRK66C14H5M1G']) expect(ps(withCf(cf)), cf).toEqual([]);
  });

  it('the 11-digit form (company or ente codice fiscale, up to five trailing spaces) is valid with its check digit', () => {
    for (const cf of ['12345678903', '12345678903     ', '00000000000']) expect(ps(withCf(cf)), cf).toEqual([]);
    const [issue] = cfFindings('12345678901  ');
    expect(issue?.params).toMatchObject({ reason: 'cf.numeric_check_digit', value: '12*******01' });
    expect(issue?.message).not.toContain('12345678901');
  });

  it('impossible dates and letters: month, day, 30 February, a place code letter outside L–V, non-ASCII XSD digits', () => {
    expect(reasonOf('RSSMRK66X14H501O')).toEqual(['cf.month']);
    expect(reasonOf('RSSMRK66C32H501S')).toEqual(['cf.day']);
    expect(reasonOf('RSSMRK66B30H501J')).toEqual(['cf.date']);
    expect(reasonOf('RSSMRK66C14HA01A')).toEqual(['cf.format']);
    expect(cfFindings('RSSMRK66C14HA01A')[0]?.message).toContain('il carattere 13');
    // XSD \d is \p{Nd}: the XSD accepts these, fiscal-code does not.
    expect(reasonOf('RSSMRK٦٦C14H501U')).toEqual(['cf.format']);
    expect(reasonOf('١٢٣٤٥٦٧٨٩٠١')).toEqual(['cf.format']);
  });

  it('stays silent on what the XSD pattern rejects (the XSD reports it) and on non-strings', () => {
    for (const cf of ['RSSMRK66C14H501X ', ' RSSMRK66C14H501X', 'RSSMRK66C14H501', 'RSSMRK66C14H501UX', '1234567890', '12345678901      ', '', 'ABC', 42, null]) {
      expect(cfFindings(cf), String(cf)).toEqual([]);
    }
  });

  it("SINBA's IDBeneficiario is a pseudonym, never checked as a codice fiscale", () => {
    for (const id of ['RSSMRK66C14H501X', '12345678901', 'RSSMRK66C14H501U', 'PROVA BENEF']) {
      expect(checkRecordRules('SINBA', { ...sinba(), IDBeneficiario: id }, 0), id).toEqual([]);
    }
  });

  it('CFOperatore (Ente, both flows), with or without a flow name', () => {
    for (const kind of ['PS_PSA_SINA', 'SINBA'] as const) {
      const nome = kind === 'SINBA' ? 'H501.SINBA.20210520.00000004' : 'H501.PS.20210520.0000002';
      const [issue, ...rest] = checkEnvelopeRules(kind, { Nome: nome, Ente: { Codice: 'H501', Indirizzo: 'H501', CFOperatore: 'CCCDDD25A42H199X' } });
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({
        code: RULE, severity: 'warning', path: ['IdentificazioneFlusso', 'Ente', '@CFOperatore'],
        params: { attribute: 'CFOperatore', value: 'CCCDDD******199X', reason: 'cf.check_character' },
      });
      expect(issue?.message).toContain('IdentificazioneFlusso/Ente@CFOperatore «CCCDDD******199X»');
      expect(issue?.message).not.toContain('CCCDDD25A42H199X');
      expect(checkEnvelopeRules(kind, { Ente: { CFOperatore: 'CCCDDD25A42H199X' } }, { severity: { [RULE]: 'error' } }).map((i) => i.severity)).toEqual(['error']);
      expect(checkEnvelopeRules(kind, { Nome: nome, Ente: { Codice: 'H501', CFOperatore: 'CCCDDD25A42H199E' } })).toEqual([]);
      expect(checkEnvelopeRules(kind, { Nome: nome, Ente: { Codice: 'H501', CFOperatore: '12345678903  ' } })).toEqual([]);
    }
    // A flow-name finding comes first (document order: Nome, then Ente).
    expect(checkEnvelopeRules('PS_PSA_SINA', { Nome: 'x', Ente: { CFOperatore: 'CCCDDD25A42H199X' } }).map((i) => i.code)).toEqual(['siuss.rule.flow_name_format', RULE]);
  });

  describe.skipIf(sharedDir() === null)("INPS's multi-prestazioni sample: placeholder codes with wrong check characters", () => {
    const xml = (): Uint8Array => readFileSync(sharedFile('data', 'siuss', 'samples', 'inps-waas-ps_psa_sina-multi-prestazioni.xml'));
    it('stays XSD-valid: the two codes are warnings by default, errors only when the rule is configured so', () => {
      const r = validateFlow(xml());
      expect(r.errors).toEqual([]);
      const cf = r.warnings.filter((w) => w.code === RULE);
      expect(cf.map((w) => [w.path, w.params.value, w.params.reason])).toEqual([
        [['IdentificazioneFlusso', 'Ente', '@CFOperatore'], 'CCCDDD******199X', 'cf.check_character'],
        [['Beneficiario', 0, '@CodiceFiscale'], 'AAABBB******351C', 'cf.check_character'],
      ]);
      for (const w of r.warnings) {
        for (const secret of ['CCCDDD25A42H199X', 'AAABBB39M66A351C']) expect(`${w.message} ${w.messageEn} ${JSON.stringify(w.params)}`).not.toContain(secret);
      }
      const strict = validateFlow(xml(), { severity: { [RULE]: 'error' } });
      expect(strict.errors.map((e) => e.code)).toEqual([RULE, RULE]);
      expect(strict.warnings.map((w) => w.code)).not.toContain(RULE);
      expect(validateFlow(xml(), { severity: { [RULE]: 'off' } }).warnings.map((w) => w.code)).not.toContain(RULE);
    });
    it('the other two samples have valid codici fiscali (and SINBA no beneficiary codice fiscale at all)', () => {
      for (const name of ['inps-waas-ps_psa_sina-rossi.xml', 'inps-waas-sinba.xml']) {
        expect(validateFlow(readFileSync(sharedFile('data', 'siuss', 'samples', name))).warnings.map((w) => w.code), name).not.toContain(RULE);
      }
    });
  });
});
