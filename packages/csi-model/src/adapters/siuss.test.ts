// SPDX-License-Identifier: BSD-3-Clause
import { createHash, randomBytes } from 'node:crypto';
import { addDays, fromEpochDay, toEpochDay, type IsoDate } from '@riuso-sociale/core';
import { parseFlow, validateFlow, type PsPsaSinaFlow } from '@riuso-sociale/siuss-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instant } from '../base.js';
import type { Erogazione } from '../entities/erogazione.js';
import type { Intervento } from '../entities/intervento.js';
import { sample, SAMPLE_ACTOR, SAMPLE_IDS } from '../entities/samples.js';
import { omocodeVariants } from '@riuso-sociale/fiscal-code';
import { pseudonymizeFor } from '../privacy/pseudonym.js';
import { centsToDecimal, markExported, toSiussFlow, type PsPsaSinaInput, type SinbaInput } from './siuss.js';
import {
  anna,
  CF_ANNA,
  CF_GIULIA,
  contributo,
  contributoMaggio,
  educativa,
  ENTE,
  fid,
  giulia,
  hist,
  LATER,
  mario,
  nucleo,
  picGiulia,
  sad,
  sadAprile,
  sinaMario,
  sinbaGiulia,
  xmllint,
  xsdOf,
  xsdOracleReady,
} from './test-support.js';

const DAY = '2025-06-01' as IsoDate;
const NOME = { data: DAY, progressivo: 1 } as const;
const XSD_READY = xsdOracleReady();

/** "123.45" → 12345n (exact). */
function cents(decimal: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(decimal);
  if (m === null) throw new Error(`not a 2-decimal amount: ${decimal}`);
  const v = BigInt(`${m[2]}${m[3]}`);
  return m[1] === '-' ? -v : v;
}

const psInput = (beneficiari: PsPsaSinaInput['beneficiari'], extra: Partial<PsPsaSinaInput> = {}): PsPsaSinaInput => ({ ente: ENTE, nome: NOME, beneficiari, ...extra });

/** A multi-year SAD erogazione (Nov 2025 – Feb 2026, 4 × 440,00 €). */
const sadInverno = (): Erogazione =>
  sadAprile({ id: fid(40), dal: '2025-11-01', al: '2026-02-28', importoCents: 176_000, valutazione: undefined, valutazioneData: undefined });

/** Realistic cartelle, each a flow that must validate. */
const CASES: Record<string, () => PsPsaSinaInput> = {
  'periodica con SINA, DSU, PresaCarico 1': () => psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad(), valutazione: sinaMario() }] }]),
  'una tantum senza presa in carico (PresaCarico 2)': () => psInput([{ persona: anna(), erogazioni: [{ erogazione: contributoMaggio(), intervento: contributo() }] }]),
  'due beneficiari, periodica pluriennale divisa per anno': () =>
    psInput([
      { persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad(), valutazione: sinaMario() }, { erogazione: sadInverno(), intervento: sad() }] },
      { persona: anna(), erogazioni: [{ erogazione: contributoMaggio(), intervento: contributo() }] },
    ]),
  'cancellazione (TipoOperazione C) di un’erogazione esportata': () =>
    psInput(
      [
        {
          persona: mario(),
          erogazioni: [
            {
              erogazione: sadAprile({
                ...hist(['registrata', 'crea'], ['validata', 'valida'], ['esportata', 'esporta']),
                esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: LATER, tipoOperazione: 'I' },
              }),
              intervento: sad(),
              valutazione: sinaMario(),
            },
          ],
        },
      ],
      { tipoOperazione: 'C' },
    ),
};

describe('toSiussFlow: PS-PSA-SINA mapping', () => {
  it('maps every field of a periodic erogazione with SINA, DSU and presa in carico', () => {
    const r = toSiussFlow(CASES['periodica con SINA, DSU, PresaCarico 1']!());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const { flow, xml, name, hashPayload, erogazioni, valutazioni, warnings } = r.value;
    expect(name).toBe('F205.PS.20250601.0000001');
    expect(flow.IdentificazioneFlusso).toEqual({
      Nome: 'F205.PS.20250601.0000001',
      Ente: { Codice: 'F205', Denominazione: 'Comune di Milano', Indirizzo: 'F205', CFOperatore: 'BNCLRA85M41F205C' },
    });
    const b = flow.Beneficiario[0]!;
    expect(b.CodiceFiscale).toBe('RSSMRA80A01H501U');
    expect(b.Anagrafica).toEqual({ Cognome: 'Rossi', Nome: 'Mario', AnnoNascita: '1980', LuogoNascita: 'H501', Genere: '1', CodiceCittadinanza: '380' });
    expect(b.Indirizzo).toEqual([{ CodiceRegione: '03', CodiceComune: '015146', CodiceNazione: '380' }]);
    expect(b.PrestazioniSociali).toEqual([
      {
        TipoOperazione: 'I',
        PresenzaProvaMezzi: '1',
        CaratterePrestazione: '1',
        NumeroProtocolloDSU: 'INPS-ISEE-2025-00000001A-00',
        AnnoProtocolloDSU: '2025',
        DataDSU: '2025-01-20',
        CodicePrestazione: 'A2.07',
        DenominazionePrestazione: 'Assistenza domiciliare (SAD)',
        ProtocolloDomanda: SAMPLE_IDS.intervento.replaceAll('-', ''),
        DataInizioPrestazione: '2025-04-01',
        DataFinePrestazione: '2025-04-30',
        PeriodoErogazione: '1',
        ImportoPrestazione: '440.00',
        ImportoMensile: '440.00',
        ImportoQuotaEnte: '400.00',
        ImportoQuotaUtente: '40.00',
        ImportoSogliaISEE: '20000.00',
        OreServizioMensile: '20.00',
        PresaCarico: '1',
        AreaUtenza: '2',
        SINA: {
          Mobilita: '2',
          AttivitaVitaQuotidiana: '2',
          DisturbiAreaCognitiva: '1',
          DisturbiComportamentali: '1',
          NecessitaCureSanitarie: '2',
          AreaReddituale: '2',
          AreaSupporto: '2',
          FonteDerivazioneValutazione: '1',
          StrumentoValutazione: '1',
          FonteDerivazioneInvalidita: '1',
          NecessitaInterventiSociali: { CodicePrestazione: ['A2.07'] },
          InvaliditaCivile: { InvCiv: ['3', '6'] },
        },
      },
    ]);
    expect(hashPayload).toBe(createHash('sha256').update(xml, 'utf8').digest('hex'));
    expect(erogazioni).toEqual([SAMPLE_IDS.erogazione]);
    expect(valutazioni).toEqual([SAMPLE_IDS.valutazione]);
    expect(warnings).toEqual([]);
    // The XML reads back as the same flow, and siuss-schema's validator finds nothing at all.
    expect(parseFlow(xml)).toEqual(flow);
    const v = validateFlow(xml);
    expect([...v.errors, ...v.warnings]).toEqual([]);
  });

  it('maps a one-off erogazione without presa in carico (PresaCarico 2, date of payment, no DSU)', () => {
    const r = toSiussFlow(CASES['una tantum senza presa in carico (PresaCarico 2)']!());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const b = r.value.flow.Beneficiario[0]!;
    expect(b.CodiceFiscale).toBe(CF_ANNA);
    expect(b.Anagrafica).toMatchObject({ Genere: '2', AnnoNascita: '1950', LuogoNascita: 'F205', CodiceSecondaCittadinanza: '756' });
    expect(b.PrestazioniSociali).toEqual([
      {
        TipoOperazione: 'I',
        PresenzaProvaMezzi: '4',
        CaratterePrestazione: '2',
        CodicePrestazione: 'A1.04',
        DenominazionePrestazione: 'Contributo economico straordinario',
        ProtocolloDomanda: fid(10).replaceAll('-', ''),
        DataErogazionePrestazione: '2025-05-15',
        ImportoPrestazione: '250.50',
        ImportoQuotaEnte: '250.50',
        PresaCarico: '2',
        AreaUtenza: '3',
      },
    ]);
    expect(r.value.valutazioni).toEqual([]);
  });

  it('splits a periodic erogazione across years, keeping the exact total, and keeps beneficiaries apart', () => {
    const r = toSiussFlow(CASES['due beneficiari, periodica pluriennale divisa per anno']!());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const [m, a] = r.value.flow.Beneficiario;
    expect(m!.PrestazioniSociali.map((p) => [p.DataInizioPrestazione, p.DataFinePrestazione, p.PeriodoErogazione, p.ImportoPrestazione, p.ImportoMensile])).toEqual([
      ['2025-04-01', '2025-04-30', '1', '440.00', '440.00'],
      ['2025-11-01', '2025-12-31', '2', '880.00', '440.00'],
      ['2026-01-01', '2026-02-28', '2', '880.00', '440.00'],
    ]);
    expect(m!.PrestazioniSociali[1]!.SINA).toBeUndefined();
    expect(a!.PrestazioniSociali).toHaveLength(1);
    expect(r.value.erogazioni).toEqual([SAMPLE_IDS.erogazione, fid(40), fid(20)]);
  });

  it('writes a cancellation (TipoOperazione C) with the same content as the insertion', () => {
    const c = toSiussFlow(CASES['cancellazione (TipoOperazione C) di un’erogazione esportata']!());
    const i = toSiussFlow(CASES['periodica con SINA, DSU, PresaCarico 1']!());
    if (!c.ok || !i.ok) throw new Error('expected both flows');
    expect(c.value.tipoOperazione).toBe('C');
    const [pc] = c.value.flow.Beneficiario[0]!.PrestazioniSociali;
    const [pi] = i.value.flow.Beneficiario[0]!.PrestazioniSociali;
    expect(pc).toEqual({ ...pi, TipoOperazione: 'C' });
  });

  it('writes amounts from cents exactly', () => {
    expect([0, 5, 99, 100, 12_345, 89_292, -150, Number.MAX_SAFE_INTEGER].map(centsToDecimal)).toEqual([
      '0.00',
      '0.05',
      '0.99',
      '1.00',
      '123.45',
      '892.92',
      '-1.50',
      '90071992547409.91',
    ]);
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
  });

  it('accepts a CF provvisorio (11 digits with its check digit: the XSD pattern allows it)', () => {
    const p = sample('persona', { codiceFiscale: undefined, identificativoAlternativo: { tipo: 'cf-provvisorio', valore: '12345678903' } } as never);
    const r = toSiussFlow(psInput([{ persona: p, erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }]));
    expect(r.ok && r.value.flow.Beneficiario[0]!.CodiceFiscale).toBe('12345678903');
  });
});

describe('toSiussFlow: refusals (typed, bilingual, no personal data, never a partial flow)', () => {
  const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }): string[] => (r.ok ? [] : (r.issues ?? []).map((i) => i.code));

  it('refuses a person without a codice fiscale, naming only the kind of identifier', () => {
    const p = sample('persona', { codiceFiscale: undefined, identificativoAlternativo: { tipo: 'stp', valore: 'STP0150000012345' } } as never);
    const r = toSiussFlow(psInput([{ persona: p, erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['csi.siuss.codice_fiscale_missing', 'beneficiari.0.persona.codiceFiscale']]);
    const text = JSON.stringify(r.issues);
    expect(text).not.toContain('STP0150000012345');
    expect(text).not.toContain('Rossi');
    expect(r.issues[0]!.message).toMatch(/codice fiscale/);
    expect(r.issues[0]!.messageEn).toMatch(/without a codice fiscale/);
  });

  it('refuses an erogazione already exported (insertion), with the CF masked', () => {
    const e = sadAprile({ ...hist(['registrata', 'crea'], ['validata', 'valida'], ['esportata', 'esporta']), esportazione: { flusso: SAMPLE_IDS['flusso-siuss'], at: LATER, tipoOperazione: 'I' } });
    const r = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: e, intervento: sad() }] }]));
    expect(codes(r)).toEqual(['csi.siuss.already_exported']);
    expect(JSON.stringify(r)).not.toContain('RSSMRA80A01H501U');
    expect(JSON.stringify(r)).toContain('RSSMRA******501U');
  });

  it('refuses a draft erogazione, and a cancellation of one never exported', () => {
    const draft = sample('erogazione');
    expect(codes(toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: draft, intervento: sad() }] }])))).toEqual(['csi.siuss.not_exportable']);
    expect(codes(toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }], { tipoOperazione: 'C' })))).toEqual(['csi.siuss.not_exported']);
  });

  it("refuses erogazioni, interventi and valutazioni of another person, and an unusable valutazione", () => {
    const r = toSiussFlow(psInput([{ persona: anna(), erogazioni: [{ erogazione: sadAprile(), intervento: sad(), valutazione: sinaMario() }] }]));
    expect(codes(r)).toEqual(['csi.siuss.persona_mismatch', 'csi.siuss.persona_mismatch', 'csi.siuss.persona_mismatch']);
    const draftSina = sample('valutazione', { ...hist(['bozza', 'crea']), sina: undefined } as never);
    expect(codes(toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad(), valutazione: draftSina }] }])))).toEqual([
      'csi.siuss.valutazione_not_usable',
    ]);
    expect(codes(toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: contributo() }] }])))).toEqual([
      'csi.siuss.intervento_mismatch',
      'csi.siuss.persona_mismatch',
    ]);
  });

  it('is all or nothing: one bad erogazione among good ones gives no flow', () => {
    const r = toSiussFlow(
      psInput([
        { persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad() }, { erogazione: sample('erogazione', { id: fid(41) } as never), intervento: sad() }] },
        { persona: anna(), erogazioni: [{ erogazione: contributoMaggio(), intervento: contributo() }] },
      ]),
    );
    expect(r.ok).toBe(false);
    expect('value' in r).toBe(false);
    expect(codes(r)).toEqual(['csi.siuss.not_exportable']);
  });

  it('refuses duplicates and empty inputs', () => {
    expect(codes(toSiussFlow(psInput([])))).toEqual(['csi.siuss.empty']);
    expect(codes(toSiussFlow(psInput([{ persona: mario(), erogazioni: [] }])))).toEqual(['csi.siuss.empty']);
    const twice = { erogazione: sadAprile(), intervento: sad() };
    expect(codes(toSiussFlow(psInput([{ persona: mario(), erogazioni: [twice, twice] }])))).toEqual(['csi.siuss.duplicate']);
  });

  it("passes siuss-schema's findings through (XSD and business rules), naming the source erogazione", () => {
    const shortName = sample('intervento', { denominazione: 'SAD' } as never);
    const r = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: shortName }] }]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.code).toMatch(/^siuss\.xsd\./);
    expect(r.issues[0]!.path).toEqual(['Beneficiario', 0, 'PrestazioniSociali', 0, '@DenominazionePrestazione']);
    expect(r.issues[0]!.params).toMatchObject({ erogazione: SAMPLE_IDS.erogazione, persona: SAMPLE_IDS.persona });

    // Periodic without the monthly amount: a business rule, an error for a produced flow.
    const r2 = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile({ importoMensileCents: undefined, quotaEnteCents: undefined, quotaUtenteCents: undefined }), intervento: sad() }] }]));
    expect(codes(r2)).toEqual(['siuss.rule.periodic_requires_start_and_monthly']);
    // The same rule as a warning when the caller says so.
    const r3 = toSiussFlow(
      psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile({ importoMensileCents: undefined, quotaEnteCents: undefined, quotaUtenteCents: undefined }), intervento: sad() }] }], {
        validation: { severity: { 'siuss.rule.periodic_requires_start_and_monthly': 'warning' } },
      }),
    );
    expect(r3.ok && r3.value.warnings.map((w) => w.code)).toEqual(['siuss.rule.periodic_requires_start_and_monthly']);

    // Quotas that do not add up.
    const r4 = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile({ quotaUtenteCents: 5_000 }), intervento: sad() }] }]));
    expect(codes(r4)).toEqual(['siuss.rule.quota_sum']);
    // A bad flow name.
    const r5 = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }], { nome: { data: DAY, progressivo: 0 } }));
    expect(r5.ok || r5.issues.map((i) => [i.code, i.path[0]])).toEqual([['siuss.flow_name.progressivo', 'nome']]);
  });

  it('refuses an Ente without a Belfiore code for Ente@Indirizzo', () => {
    const r = toSiussFlow({ ...psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }]), ente: { codice: 'ENTE_X', cfOperatore: 'BNCLRA85M41F205C' }, nome: 'ENTE_X.PS.20250601.0000001' });
    expect(codes(r)).toEqual(['csi.siuss.ente']);
  });
});

// ---------------------------------------------------------------------------------------------------
// SINBA

const KEY = randomBytes(32);
const sinbaInput = (extra: Partial<SinbaInput> = {}): SinbaInput => ({
  tipo: 'SINBA',
  ente: ENTE,
  nome: NOME,
  schede: [{ persona: giulia(), valutazione: sinbaGiulia(), interventi: [educativa()], presaInCarico: picGiulia(), nucleo: nucleo() }],
  idBeneficiario: (p) => pseudonymizeFor('sinba', p.codiceFiscale ?? '', KEY),
  ...extra,
});

describe('toSiussFlow: SINBA (pseudonymous)', () => {
  it('maps the SINBA assessment, with a pseudonym and no identifying data', () => {
    const r = toSiussFlow(sinbaInput());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const { flow, xml, name } = r.value;
    expect(name).toBe('F205.SINBA.20250601.0000001');
    const rec = flow.SINBA[0]!;
    const expectedId = pseudonymizeFor('sinba', CF_GIULIA, KEY);
    expect(expectedId.ok && rec.IDBeneficiario).toBe(expectedId.ok ? expectedId.value : null);
    expect(rec).toMatchObject({
      AnnoNascita: '2013',
      FasciaEtaBeneficiario: '5', // 12 years on 2025-03-20: 12-15
      FasciaISEEBeneficiario: '4', // 8.500,00 €: 6000.01–9000
      NumeroComponentiISEE: '2',
      CodiceNazioneResidenza: '380',
      CodiceRegioneResidenza: '03',
      DataPrimaSegnalazione: '01/2025',
      DataSegnalazione: '02/2025',
      DataProvvedimentoGiudiziario: '03/2025',
      FonteSegnalazione: '13',
      Prestazioni: { CodicePrestazione: ['A2.02'] },
      Famiglia: { ComposizioneFamiglia: ['1', '2'] },
    });
    // No codice fiscale (nor its masked form), no names, no birth date in the XML.
    for (const s of [CF_GIULIA, CF_GIULIA.slice(0, 6), 'Giulia', 'Rossi', '2013-02-10']) expect(xml).not.toContain(s);
    expect(r.value.valutazioni).toEqual([fid(32)]);
    expect(r.value.erogazioni).toEqual([]);
    const v = validateFlow(xml);
    expect([...v.errors, ...v.warnings]).toEqual([]);
  });

  it('writes the SINBA closure codes of a closed presa in carico', () => {
    const closed = picGiulia({
      ...hist(['proposta', 'crea'], ['attiva', 'attiva'], ['chiusa', 'chiudi']),
      chiusaIl: '2025-05-31',
      motivoChiusura: { system: 'siuss.sinba.motivazione-chiusura', version: 'SINBA', code: '4' },
      situazioneChiusura: { system: 'siuss.sinba.situazione-chiusura', version: 'SINBA', code: '1' },
    });
    const r = toSiussFlow(sinbaInput({ schede: [{ persona: giulia(), valutazione: sinbaGiulia(), interventi: [educativa()], presaInCarico: closed }] }));
    expect(r.ok && [r.value.flow.SINBA[0]!.MotivazioneChiusuraCarico, r.value.flow.SINBA[0]!.SituazioneChiusuraCarico]).toEqual(['4', '1']);
  });

  it('refuses a pseudonymizer that returns an identifier, an adult, a record without prestazioni', () => {
    const r1 = toSiussFlow(sinbaInput({ idBeneficiario: (p) => `X${p.codiceFiscale ?? ''}`.slice(0, 20) }));
    expect(r1.ok || r1.issues.map((i) => i.code)).toEqual(['csi.siuss.sinba_not_pseudonymous']);
    expect(JSON.stringify(r1)).not.toContain(CF_GIULIA);
    const r2 = toSiussFlow(sinbaInput({ dataRiferimento: '2031-02-10' as IsoDate }));
    expect(r2.ok || r2.issues.map((i) => i.code)).toEqual(['csi.siuss.sinba_not_minor']);
    expect(r2.ok || [r2.issues[0]!.message, r2.issues[0]!.messageEn, r2.issues[0]!.params['date']]).toEqual([
      expect.stringMatching(/^SINBA riguarda i minori: la persona ha \d+ anni al 10 febbraio 2031$/),
      expect.stringMatching(/^SINBA is about minors: the person is \d+ on 10 February 2031$/),
      '2031-02-10',
    ]);
    const r3 = toSiussFlow(sinbaInput({ schede: [{ persona: giulia(), valutazione: sinbaGiulia(), interventi: [] }] }));
    expect(r3.ok || r3.issues.map((i) => i.code)).toEqual(['csi.siuss.sinba_no_prestazioni']);
    const r4 = toSiussFlow(sinbaInput({ schede: [{ persona: giulia(), valutazione: sinaMario(), interventi: [educativa()] }] }));
    expect(r4.ok || r4.issues.map((i) => i.code)).toEqual(['csi.siuss.persona_mismatch', 'csi.siuss.valutazione_not_usable']);
  });

  it('passes the pseudonymizer failure through (e.g. a key too short)', () => {
    const r = toSiussFlow(sinbaInput({ idBeneficiario: (p) => pseudonymizeFor('sinba', p.codiceFiscale ?? '', 'short') }));
    expect(r.ok || r.issues.map((i) => i.code)).toEqual(['csi.pseudonym.key_too_short']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Amounts: property

/** Random valid erogazioni of one person's interventions: periodic (possibly across years) or one-off. */
const erogazioniArb = fc
  .array(
    fc.record({
      periodic: fc.boolean(),
      start: fc.integer({ min: toEpochDay('2020-01-01' as IsoDate), max: toEpochDay('2026-12-31' as IsoDate) }),
      days: fc.integer({ min: 0, max: 800 }),
      // Periodic totals are at least one cent per month touched (27 at most here): a smaller total
      // cannot be split by year into positive parts (see the test "refuses a split into zero parts").
      importoCents: fc.oneof(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 100, max: 1_000_000_000 })),
      mensileCents: fc.integer({ min: 1, max: 10_000_000 }),
      utenteShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows) =>
    rows.map((row, i) => {
      const dal = fromEpochDay(row.start);
      const al = addDays(dal, row.days);
      const total = row.periodic ? row.mensileCents : row.importoCents;
      const utente = row.utenteShare === undefined ? undefined : Math.floor((total * row.utenteShare) / 101);
      const intervento: Intervento = sample('intervento', { id: fid(100 + i), carattere: row.periodic ? '1' : '2', dal, al: undefined } as never);
      const erogazione: Erogazione = sadAprile({
        id: fid(200 + i),
        intervento: fid(100 + i),
        dal,
        al: row.periodic ? al : undefined,
        dataErogazione: row.periodic ? undefined : dal,
        importoCents: row.periodic ? Math.max(row.importoCents, 27) : row.importoCents,
        importoMensileCents: row.periodic ? row.mensileCents : undefined,
        quotaEnteCents: utente === undefined ? undefined : total - utente,
        quotaUtenteCents: utente,
        valutazione: undefined,
        valutazioneData: undefined,
      });
      return { erogazione, intervento };
    }),
  );

describe('toSiussFlow: amounts', () => {
  it('refuses a multi-year periodic erogazione too small to split into positive yearly parts', () => {
    // 0,01 € over Dec 2025 – Jan 2026: the parts would be 0,00 + 0,01; ImportoPrestazione must be > 0.
    const tiny = sadAprile({ dal: '2025-12-01', al: '2026-01-31', importoCents: 1, valutazione: undefined, valutazioneData: undefined });
    const r = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: tiny, intervento: sad() }] }]));
    expect(r.ok || r.issues.map((i) => [i.code, i.params['erogazione']])).toEqual([['siuss.rule.amount_positive', SAMPLE_IDS.erogazione]]);
  });

  it('property: the flow’s ImportoPrestazione total equals the sum of the erogazioni’ cents, exactly', () => {
    fc.assert(
      fc.property(erogazioniArb, (entries) => {
        const r = toSiussFlow(psInput([{ persona: mario(), erogazioni: entries }]));
        if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 2)));
        const written = r.value.flow.Beneficiario.flatMap((b) => b.PrestazioniSociali).reduce((s, p) => s + cents(p.ImportoPrestazione!), 0n);
        const expected = entries.reduce((s, e) => s + BigInt(e.erogazione.importoCents), 0n);
        expect(written).toBe(expected);
        // And in the XML as written (read back independently of the flow object).
        const back = parseFlow(r.value.xml) as PsPsaSinaFlow;
        expect(back.Beneficiario.flatMap((b) => b.PrestazioniSociali).reduce((s, p) => s + cents(p.ImportoPrestazione!), 0n)).toBe(expected);
      }),
      { numRuns: 150, seed: 20250601 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// The official XSDs (xmllint)

/** School meals for Giulia (A2.12, one more code in her SINBA record). */
const mensa = (): Intervento => sample('intervento', { ...educativa(), id: fid(34), prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A2.12' }, denominazione: 'Mensa scolastica agevolata' } as never);

describe.skipIf(!XSD_READY)('conformance of the adapter’s flows with the official XSDs (xmllint)', () => {
  it('the realistic cartelle (periodic, one-off, SINA, DSU, PresaCarico 1 and 2, cancellation) are valid for PS_PSA_SINA201812.xsd', () => {
    const xmls = Object.entries(CASES).map(([name, build]) => {
      const r = toSiussFlow(build());
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.issues)}`);
      return r.value.xml;
    });
    // The oracle can say no: the same flows with an attribute the XSD does not have are rejected.
    const broken = xmls.map((x) => x.replace('<Anagrafica ', '<Anagrafica Soprannome="x" '));
    const verdicts = xmllint(xsdOf('PS_PSA_SINA'), [...xmls, ...broken]);
    expect(verdicts.slice(0, xmls.length).map((v) => v.messages)).toEqual(xmls.map(() => []));
    expect(verdicts.map((v) => v.valid)).toEqual([...xmls.map(() => true), ...xmls.map(() => false)]);
    // siuss-schema's validator agrees on the XML as written: no XSD error, no business-rule finding.
    for (const x of xmls) {
      const v = validateFlow(x);
      expect([...v.errors, ...v.warnings]).toEqual([]);
    }
    console.info(`adapters: ${xmls.length} PS-PSA-SINA flows validated by xmllint against PS_PSA_SINA201812.xsd`);
  });

  it('the SINBA flows are valid for SINBA.xsd', () => {
    const closed = picGiulia({
      ...hist(['proposta', 'crea'], ['attiva', 'attiva'], ['chiusa', 'chiudi']),
      chiusaIl: '2025-05-31',
      motivoChiusura: { system: 'siuss.sinba.motivazione-chiusura', version: 'SINBA', code: '3' },
      situazioneChiusura: { system: 'siuss.sinba.situazione-chiusura', version: 'SINBA', code: '2' },
    });
    const flows = [sinbaInput(), sinbaInput({ schede: [{ persona: giulia(), valutazione: sinbaGiulia(), interventi: [educativa(), mensa(), educativa()], presaInCarico: closed, nucleo: nucleo() }] })];
    const xmls = flows.map((f) => {
      const r = toSiussFlow(f);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.value.xml;
    });
    expect(parseFlow(xmls[1]!)).toMatchObject({ SINBA: [{ Prestazioni: { CodicePrestazione: ['A2.02', 'A2.12'] }, MotivazioneChiusuraCarico: '3' }] });
    const verdicts = xmllint(xsdOf('SINBA'), xmls);
    expect(verdicts.map((v) => v.messages)).toEqual(xmls.map(() => []));
    expect(verdicts.every((v) => v.valid)).toBe(true);
    for (const x of xmls) {
      const v = validateFlow(x);
      expect([...v.errors, ...v.warnings]).toEqual([]);
      expect(x).not.toContain(CF_GIULIA);
    }
  });

  it('60 random erogazioni sets, as flows, are valid for PS_PSA_SINA201812.xsd', () => {
    const xmls = fc.sample(erogazioniArb, { numRuns: 60, seed: 7 }).map((entries) => {
      const r = toSiussFlow(psInput([{ persona: mario(), erogazioni: entries }, { persona: anna(), erogazioni: [{ erogazione: contributoMaggio(), intervento: contributo() }] }]));
      if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 2)));
      return r.value.xml;
    });
    const verdicts = xmllint(xsdOf('PS_PSA_SINA'), xmls);
    expect(verdicts.filter((v) => !v.valid).map((v) => v.messages)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// markExported

describe('markExported', () => {
  const AT = '2025-06-02T08:00:00Z' as Instant;
  const flusso = (erogazioni: readonly string[]) => sample('flusso-siuss', { erogazioni } as never);

  it('moves the erogazioni of an insertion flow to esportata through the lifecycle (one audit event each)', () => {
    const e1 = sadAprile();
    const e2 = contributoMaggio();
    const r = markExported([e1, e2], flusso([e1.id, e2.id]), SAMPLE_ACTOR, AT);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.erogazioni.map((e) => [e.status, e.esportazione?.flusso, e.esportazione?.tipoOperazione])).toEqual([
      ['esportata', SAMPLE_IDS['flusso-siuss'], 'I'],
      ['esportata', SAMPLE_IDS['flusso-siuss'], 'I'],
    ]);
    expect(r.value.audit.map((a) => a.transition?.event)).toEqual(['esporta', 'esporta']);
  });

  it('cancels exported erogazioni with a C flow (reason required), and refuses unexported ones', () => {
    const exported = sadAprile({ ...hist(['registrata', 'crea'], ['validata', 'valida'], ['esportata', 'esporta']), esportazione: { flusso: fid(90), at: LATER, tipoOperazione: 'I' } });
    const r = markExported([exported], flusso([exported.id]), SAMPLE_ACTOR, AT, { tipoOperazione: 'C', reason: 'importo errato' });
    expect(r.ok && [r.value.erogazioni[0]!.status, r.value.erogazioni[0]!.esportazione?.tipoOperazione]).toEqual(['annullata', 'C']);
    const noReason = markExported([exported], flusso([exported.id]), SAMPLE_ACTOR, AT, { tipoOperazione: 'C' });
    expect(noReason.ok || noReason.issues.map((i) => i.code)).toEqual(['csi.lifecycle.reason_required']);
    const notExported = markExported([sadAprile()], flusso([SAMPLE_IDS.erogazione]), SAMPLE_ACTOR, AT, { tipoOperazione: 'C', reason: 'x' });
    expect(notExported.ok || notExported.issues.map((i) => i.code)).toEqual(['csi.siuss.not_exported']);
  });

  it('is all or nothing: an erogazione not in the flow, or one the lifecycle refuses, changes nothing', () => {
    const r = markExported([sadAprile(), contributoMaggio()], flusso([SAMPLE_IDS.erogazione]), SAMPLE_ACTOR, AT);
    expect(r.ok || r.issues.map((i) => i.code)).toEqual(['csi.siuss.flusso_mismatch']);
    const draft = sample('erogazione');
    const r2 = markExported([draft], flusso([draft.id]), SAMPLE_ACTOR, AT);
    expect(r2.ok || r2.issues.map((i) => i.code)).toEqual(['csi.lifecycle.not_allowed']);
  });

  it('round trip: a generated flow then markExported, then the same erogazioni are refused for insertion', () => {
    const built = toSiussFlow(CASES['periodica con SINA, DSU, PresaCarico 1']!());
    if (!built.ok) throw new Error('flow');
    const f = sample('flusso-siuss', { nome: built.value.name, hashPayload: built.value.hashPayload, erogazioni: [...built.value.erogazioni], valutazioni: [...built.value.valutazioni] } as never);
    const marked = markExported([sadAprile()], f, SAMPLE_ACTOR, AT);
    if (!marked.ok) throw new Error(JSON.stringify(marked.issues));
    const again = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: marked.value.erogazioni[0]!, intervento: sad(), valutazione: sinaMario() }] }]));
    expect(again.ok || again.issues.map((i) => i.code)).toEqual(['csi.siuss.already_exported']);
    const cancel = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: marked.value.erogazioni[0]!, intervento: sad(), valutazione: sinaMario() }] }], { tipoOperazione: 'C' }));
    expect(cancel.ok).toBe(true);
  });
});


// ---------------------------------------------------------------------------------------------------
// Codici fiscali: check characters and omocodia

describe('toSiussFlow: codici fiscali are verified (check character, omocodia)', () => {
  const CF_MARIO = 'RSSMRA80A01H501U';
  const wrongLast = (cf: string): string => `${cf.slice(0, 15)}${cf.endsWith('X') ? 'Y' : 'X'}`;
  const unchecked = (over: Record<string, unknown>) => ({ ...mario(), ...over }) as typeof mario extends () => infer P ? P : never;

  it('refuses a beneficiary whose codice fiscale has a wrong check character, masked', () => {
    const bad = wrongLast(CF_MARIO);
    const r = toSiussFlow(psInput([{ persona: unchecked({ codiceFiscale: bad }), erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['csi.siuss.codice_fiscale_invalid', 'beneficiari.0.persona.codiceFiscale']]);
    expect(r.issues[0].params).toMatchObject({ reason: 'cf.check_character', beneficiario: 'RSSMRA******501X' });
    expect(r.issues[0].message).toMatch(/carattere di controllo|non valido/i);
    expect(r.issues[0].messageEn).toMatch(/invalid/i);
    const text = JSON.stringify(r.issues);
    expect(text).not.toContain(bad);
    expect(text).not.toContain(CF_MARIO);
    // A CF provvisorio with a wrong check digit too.
    const prov = sample('persona', { codiceFiscale: undefined, identificativoAlternativo: { tipo: 'cf-provvisorio', valore: '12345678901' } } as never);
    const r2 = toSiussFlow(psInput([{ persona: prov, erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }]));
    expect(r2.ok || r2.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['csi.siuss.codice_fiscale_invalid', 'beneficiari.0.persona.identificativoAlternativo']]);
    expect(JSON.stringify(r2)).not.toContain('12345678901');
  });

  it('accepts an omocodic codice fiscale (valid), exported as issued', () => {
    const omocodic = 'RSSMRA80A01H50MM';
    const r = toSiussFlow(psInput([{ persona: unchecked({ codiceFiscale: omocodic }), erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }]));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.flow.Beneficiario[0]!.CodiceFiscale).toBe(omocodic);
  });

  it('refuses an ente.cfOperatore with a wrong check character, masked, in both flows', () => {
    const bad = wrongLast(ENTE.cfOperatore);
    const ps = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }], { ente: { ...ENTE, cfOperatore: bad } }));
    expect(ps.ok || ps.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['csi.siuss.codice_fiscale_invalid', 'ente.cfOperatore']]);
    expect(JSON.stringify(ps)).not.toContain(bad);
    const sb = toSiussFlow(sinbaInput({ ente: { ...ENTE, cfOperatore: bad } }));
    expect(sb.ok || sb.issues.map((i) => i.code)).toEqual(['csi.siuss.codice_fiscale_invalid']);
    expect(JSON.stringify(sb)).not.toContain(bad);
    for (const v of ['', 'abc', null, 42]) {
      const r = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }], { ente: { ...ENTE, cfOperatore: v as unknown as string } }));
      expect(r.ok || r.issues[0]?.code, String(v)).toBe('csi.siuss.codice_fiscale_invalid');
    }
    // An omocodic operator code and a lower-case one are valid; the flow carries the normalised code.
    const ok = toSiussFlow(psInput([{ persona: mario(), erogazioni: [{ erogazione: sadAprile(), intervento: sad() }] }], { ente: { ...ENTE, cfOperatore: ` ${'rssmra80a01h50mm'} ` } }));
    expect(ok.ok && ok.value.flow.IdentificazioneFlusso.Ente.CFOperatore).toBe('RSSMRA80A01H50MM');
  });

  it('SINBA: refuses as IDBeneficiario an omocodic variant of the minor\'s own codice fiscale, alone or inside', () => {
    const variants = [...omocodeVariants(CF_GIULIA)];
    expect(variants.length).toBeGreaterThan(0);
    for (const make of [
      (v: string) => v,
      (v: string) => v.toLowerCase(),
      (v: string) => `X${v}`.slice(0, 20),
      (v: string) => `${v.slice(0, 6)}-${v.slice(6, 15)}`,
      (v: string) => v.slice(0, 15),
    ]) {
      for (const v of variants.slice(0, 8)) {
        const r = toSiussFlow(sinbaInput({ idBeneficiario: () => make(v) }));
        expect(r.ok || r.issues.map((i) => i.code), make(v)).toEqual(['csi.siuss.sinba_not_pseudonymous']);
        expect(JSON.stringify(r)).not.toContain(v);
      }
    }
    // A pseudonym still passes.
    expect(toSiussFlow(sinbaInput()).ok).toBe(true);
  });

  it('SINBA property: every omocodic variant, wherever it sits in the id, is refused; random 20-character pseudonyms pass', () => {
    const variants = [CF_GIULIA, ...omocodeVariants(CF_GIULIA)];
    fc.assert(
      fc.property(fc.constantFrom(...variants), fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), maxLength: 4 }), (v, pad) => {
        const cut = pad.length % 3;
        const id = `${pad.slice(0, cut)}${v}${pad.slice(cut)}`.slice(0, 20);
        const r = toSiussFlow(sinbaInput({ idBeneficiario: () => id }));
        expect(r.ok || r.issues.map((i) => i.code)).toEqual(['csi.siuss.sinba_not_pseudonymous']);
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), minLength: 20, maxLength: 20 }), (id) => {
        expect(toSiussFlow(sinbaInput({ idBeneficiario: () => id })).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('SINBA: the minor\'s codice fiscale must be valid too (the pseudonym is derived from it)', () => {
    const bad = wrongLast(CF_GIULIA);
    const r = toSiussFlow(sinbaInput({ schede: [{ persona: { ...giulia(), codiceFiscale: bad } as ReturnType<typeof giulia>, valutazione: sinbaGiulia(), interventi: [educativa()] }], idBeneficiario: () => 'ABCDEFGHIJKLMNOPQRST' }));
    expect(r.ok || r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['csi.siuss.codice_fiscale_invalid', 'schede.0.persona.codiceFiscale']]);
    expect(JSON.stringify(r)).not.toContain(bad);
  });
});
