// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Issue } from '@riuso-sociale/core';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import type { SiussFlow } from './model.js';
import { parseFlow } from './parse.js';
import { validateFlow } from './validate.js';

// A flow shaped like the INPS multi-prestazioni sample, reduced to one periodic benefit that passes every rule
// (with the sample's codici fiscali given their right check characters: T and E, not C and X).
const CF = 'AAABBB39M66A351T';
const PRESTAZIONE = 'CaratterePrestazione="1" AreaUtenza="2" ImportoQuotaUtente="21.71" DataInizioPrestazione="2020-11-14" '
  + 'CodicePrestazione="A2.16" DenominazionePrestazione="Interventi di supporto per reperimento alloggi" ProtocolloDomanda="12356Mari" '
  + 'ImportoMensile="101.23" ImportoQuotaSSN="26.98" PeriodoErogazione="1" PresaCarico="1" DataFinePrestazione="2020-12-13" '
  + 'ImportoQuotaEnte="52.54" PresenzaProvaMezzi="2" OreServizioMensile="2.59"';
const beneficiario = (prestazioni: string[], cf = CF): string => `<Beneficiario CodiceFiscale="${cf}">
<Anagrafica AnnoNascita="1939" Genere="2" CodiceCittadinanza="380" Nome="BBB" LuogoNascita="A351" Cognome="AAA"/>
<Indirizzo CodiceComune="068001" CodiceNazione="380" CodiceRegione="01"/>
${prestazioni.map((p) => `<PrestazioniSociali ${p}/>`).join('\n')}
</Beneficiario>`;
const flow = (body: string, nome = 'H501.PS.20210520.0000002'): string => `<Flusso xmlns="http://inps.it/Casellario">
<IdentificazioneFlusso Nome="${nome}">
<Ente Denominazione="aaaaa" Codice="H501" CFOperatore="CCCDDD25A42H199E" Indirizzo="H501"/>
</IdentificazioneFlusso>
${body}
</Flusso>`;
const GOOD = flow(beneficiario([PRESTAZIONE]));

const summary = (issues: readonly Issue[]): [string, readonly (string | number)[]][] => issues.map((i) => [i.code, i.path]);
const P0 = ['Beneficiario', 0, 'PrestazioniSociali', 0] as const;

describe('validateFlow: XML input', () => {
  it('a valid flow has no errors and no warnings', () => {
    expect(validateFlow(GOOD)).toEqual({ kind: 'PS_PSA_SINA', errors: [], warnings: [], records: 1 });
    expect(validateFlow(new TextEncoder().encode(GOOD))).toEqual({ kind: 'PS_PSA_SINA', errors: [], warnings: [], records: 1 });
  });

  it('accepts UTF-16 with a BOM', () => {
    const units = [0xfeff, ...Array.from(GOOD, (c) => c.charCodeAt(0))];
    const bytes = new Uint8Array(units.length * 2);
    units.forEach((u, i) => { bytes[2 * i] = u & 0xff; bytes[2 * i + 1] = u >> 8; });
    expect(validateFlow(bytes).errors).toEqual([]);
  });

  it('keeps XSD errors and rule warnings apart', () => {
    const xml = flow(beneficiario([PRESTAZIONE.replace('PresaCarico="1" ', '').replace('CaratterePrestazione="1" ', '')]));
    const r = validateFlow(xml);
    expect(summary(r.errors)).toEqual([['siuss.xsd.attribute_missing', [...P0, '@PresaCarico']]]);
    expect(summary(r.warnings)).toEqual([['siuss.rule.carattere_required', [...P0, '@CaratterePrestazione']]]);
    expect(r.warnings[0]?.params).toMatchObject({ recordLine: 5 });
    expect(r.warnings[0]?.message).toContain('riga 5');
  });

  it('runs the rules on XSD-invalid records too (unparsable values stay silent)', () => {
    const xml = flow(beneficiario([PRESTAZIONE.replace('ImportoQuotaEnte="52.54"', 'ImportoQuotaEnte="52,54"').replace('AreaUtenza="2" ', '')]));
    const r = validateFlow(xml);
    expect(summary(r.errors)).toEqual([['siuss.xsd.decimal', [...P0, '@ImportoQuotaEnte']]]);
    expect(summary(r.warnings)).toEqual([['siuss.rule.area_utenza_required', [...P0, '@AreaUtenza']]]);
  });

  it('rules configured as error land in errors; off removes them', () => {
    const xml = flow(beneficiario([PRESTAZIONE.replace('ImportoQuotaSSN="26.98"', 'ImportoQuotaSSN="26.99"')]));
    expect(summary(validateFlow(xml).warnings)).toEqual([['siuss.rule.quota_sum', [...P0, '@ImportoMensile']]]);
    const asError = validateFlow(xml, { severity: { 'siuss.rule.quota_sum': 'error' } });
    expect(summary(asError.errors)).toEqual([['siuss.rule.quota_sum', [...P0, '@ImportoMensile']]]);
    expect(asError.errors[0]?.severity).toBe('error');
    expect(asError.warnings).toEqual([]);
    expect(validateFlow(xml, { severity: { 'siuss.rule.quota_sum': 'off' } })).toMatchObject({ errors: [], warnings: [] });
  });

  it('checks the flow name against Ente@Codice and the flow type', () => {
    expect(summary(validateFlow(flow(beneficiario([PRESTAZIONE]), 'H501.SINBA.20210520.0000002')).warnings))
      .toEqual([['siuss.rule.flow_name_format', ['IdentificazioneFlusso', '@Nome']]]);
  });

  it('cooperazione mode: one Beneficiario with one PrestazioniSociali', () => {
    expect(validateFlow(GOOD, { mode: 'cooperazione' }).warnings).toEqual([]);
    const two = flow(`${beneficiario([PRESTAZIONE])}\n${beneficiario([PRESTAZIONE, PRESTAZIONE])}`);
    expect(validateFlow(two).warnings).toEqual([]);
    const r = validateFlow(two, { mode: 'cooperazione' });
    expect(summary(r.warnings)).toEqual([['siuss.rule.cooperazione_single', []]]);
    expect(r.warnings[0]?.params).toMatchObject({ beneficiari: 2, prestazioni: 3 });
    expect(r.records).toBe(2);
  });

  it('fatal problems are errors, never exceptions', () => {
    const notXml = validateFlow('not xml');
    expect(notXml.kind).toBeNull();
    expect(notXml.errors.map((e) => e.code)).toEqual(['siuss.xml.syntax']);
    expect(notXml.warnings).toEqual([]);
    expect(validateFlow('<Flusso/>').errors.map((e) => e.code)).toEqual(['siuss.xml.root_namespace']);
    expect(validateFlow('<!DOCTYPE x><Flusso xmlns="http://inps.it/Casellario"/>').errors.map((e) => e.code)).toEqual(['siuss.xml.doctype']);
    expect(validateFlow(new Uint8Array([0x3c, 0xff, 0xfe, 0xfd])).errors.map((e) => e.code)).toEqual(['siuss.xml.encoding']);
    expect(validateFlow('').errors.length).toBeGreaterThan(0);
  });

  it('a truncated file: records read before the cut are still checked', () => {
    const xml = flow(`${beneficiario([PRESTAZIONE.replace('AreaUtenza="2" ', '')])}\n${beneficiario([PRESTAZIONE])}`);
    const cut = xml.slice(0, xml.lastIndexOf('<Anagrafica'));
    const r = validateFlow(cut);
    expect(r.kind).toBe('PS_PSA_SINA');
    expect(r.records).toBe(1);
    expect(r.errors.map((e) => e.code)).toEqual(['siuss.xml.truncated']);
    expect(summary(r.warnings)).toEqual([['siuss.rule.area_utenza_required', [...P0, '@AreaUtenza']]]);
  });

  it('caps the rule findings with maxIssues', () => {
    const xml = flow(Array.from({ length: 5 }, () => beneficiario([PRESTAZIONE.replace('AreaUtenza="2" ', '')])).join('\n'));
    expect(validateFlow(xml).warnings).toHaveLength(5);
    const capped = validateFlow(xml, { maxIssues: 2 });
    expect(capped.warnings.map((w) => w.code)).toEqual([
      'siuss.rule.area_utenza_required', 'siuss.rule.area_utenza_required', 'siuss.validate.too_many_warnings',
    ]);
    expect(capped.records).toBe(5);
  });

  it('messages mask codici fiscali (rules and XSD)', () => {
    const badCf = 'RSSMRK66C14H501';
    const xml = flow(`${beneficiario([PRESTAZIONE.replace('AreaUtenza="2" ', '')])}\n${beneficiario([PRESTAZIONE], badCf)}`)
      .replace('CFOperatore="CCCDDD25A42H199E"', 'CFOperatore="CCCDDD25A42H199"');
    const r = validateFlow(xml);
    expect(r.errors.map((e) => e.code)).toEqual(['siuss.xsd.pattern', 'siuss.xsd.pattern']);
    expect(r.warnings.map((e) => e.code)).toEqual(['siuss.rule.area_utenza_required']);
    for (const i of [...r.errors, ...r.warnings]) {
      for (const text of [i.message, i.messageEn, JSON.stringify(i.params)]) {
        for (const secret of [CF, badCf, 'CCCDDD25A42H199', '"AAA"', '"BBB"']) expect(text).not.toContain(secret);
      }
    }
    expect(r.warnings[0]?.message).toContain('AAABBB******351T');
  });
});

describe('validateFlow: object input', () => {
  const object = (): SiussFlow => parseFlow(GOOD);

  it('validates objects exactly like files', () => {
    expect(validateFlow(object())).toEqual({ kind: 'PS_PSA_SINA', errors: [], warnings: [], records: 1 });
    const broken = parseFlow(flow(beneficiario([PRESTAZIONE.replace('AreaUtenza="2" ', '').replace('ImportoQuotaSSN="26.98"', 'ImportoQuotaSSN="0.0"')])));
    const r = validateFlow(broken);
    expect(r.errors).toEqual([]);
    expect(summary(r.warnings)).toEqual([
      ['siuss.rule.quota_positive', [...P0, '@ImportoQuotaSSN']],
      ['siuss.rule.quota_sum', [...P0, '@ImportoMensile']],
      ['siuss.rule.area_utenza_required', [...P0, '@AreaUtenza']],
    ]);
    expect(r.warnings[0]?.params.recordLine).toBeUndefined();
  });

  it('a character XML cannot carry is one shape error, and later errors are still found', () => {
    const f = structuredClone(object()) as unknown as { Beneficiario: { Anagrafica: Record<string, string> }[] };
    const anagrafica = f.Beneficiario[0]!.Anagrafica;
    anagrafica.Cognome = 'ROSSI\u0001';
    anagrafica.Genere = '3';
    const r = validateFlow(f as unknown as SiussFlow);
    expect(summary(r.errors)).toEqual([
      ['siuss.model.char', ['Beneficiario', 0, 'Anagrafica', '@Cognome']],
      ['siuss.xsd.enumeration', ['Beneficiario', 0, 'Anagrafica', '@Genere']],
    ]);
  });

  it('a wrong-typed item keeps its siblings at their indexes', () => {
    const f = structuredClone(object()) as unknown as { Beneficiario: { PrestazioniSociali: { SINA?: unknown }[] }[] };
    f.Beneficiario[0]!.PrestazioniSociali[0]!.SINA = {
      Mobilita: '1', AttivitaVitaQuotidiana: '1', DisturbiComportamentali: '1', AreaReddituale: '1', AreaSupporto: '1',
      FonteDerivazioneValutazione: '1', StrumentoValutazione: '1',
      NecessitaInterventiSociali: { CodicePrestazione: ['A1.01', 5, 'X'] },
    };
    const r = validateFlow(f as unknown as SiussFlow);
    const base = ['Beneficiario', 0, 'PrestazioniSociali', 0, 'SINA', 'NecessitaInterventiSociali', 'CodicePrestazione'];
    expect(summary(r.errors)).toEqual([
      ['siuss.model.type', [...base, 1]],
      ['siuss.xsd.min_length', [...base, 2]],
    ]);
  });

  it('XSD violations in objects are errors', () => {
    const f = object() as unknown as { Beneficiario: { PrestazioniSociali: Record<string, string>[] }[] };
    const p = f.Beneficiario[0]?.PrestazioniSociali[0] as Record<string, string>;
    p.DataInizioPrestazione = '2020-02-30';
    p.CodicePrestazione = 'A1';
    const r = validateFlow(f as unknown as SiussFlow);
    expect(summary(r.errors)).toEqual([
      ['siuss.xsd.min_length', [...P0, '@CodicePrestazione']], // the XSD's attribute order (that of the written XML)
      ['siuss.xsd.date', [...P0, '@DataInizioPrestazione']],
    ]);
    expect(summary(r.warnings)).toEqual([['siuss.rule.prestazione_code_format', [...P0, '@CodicePrestazione']]]);
  });

  it('shape problems are errors, reported once', () => {
    const f = object() as unknown as Record<string, unknown> & { Beneficiario: Record<string, unknown>[] };
    (f.Beneficiario[0] as Record<string, unknown>).CodiceFiscale = 12345;
    (f.Beneficiario[0] as Record<string, unknown>).Extra = 'x';
    const r = validateFlow(f as unknown as SiussFlow);
    expect(summary(r.errors)).toEqual([
      ['siuss.model.type', ['Beneficiario', 0, '@CodiceFiscale']],
      ['siuss.model.unknown_property', ['Beneficiario', 0, 'Extra']],
    ]);
  });

  it('never throws for values that are not flows', () => {
    for (const bad of [null, undefined, 42, 'x'.repeat(0), {}, [], { kind: 'SIP' }]) {
      const r = validateFlow(bad as never);
      expect(r.errors.length, JSON.stringify(bad)).toBeGreaterThan(0);
      expect(r.kind).toBeNull();
    }
    const empty = validateFlow({ kind: 'SINBA', IdentificazioneFlusso: { Nome: 'H501.SINBA.20210520.00000004', Ente: { Codice: 'H501', Indirizzo: 'H501', CFOperatore: CF } }, SINBA: [] } as never);
    expect(empty.errors.map((e) => e.code)).toEqual(['siuss.xsd.records_missing']);
  });
});

describe.skipIf(sharedDir() === null)('validateFlow: the three official INPS samples', () => {
  const sample = (name: string): Uint8Array => readFileSync(sharedFile('data', 'siuss', 'samples', name));
  const MULTI = 'inps-waas-ps_psa_sina-multi-prestazioni.xml';
  const ROSSI = 'inps-waas-ps_psa_sina-rossi.xml';
  const SINBA = 'inps-waas-sinba.xml';
  // The business rules each sample is known to break (samples/SOURCE.txt, spec §0/§8), and nothing else.
  const EXPECTED: Record<string, [string, (string | number)[]][]> = {
    [MULTI]: [
      ['siuss.rule.codice_fiscale_check', ['IdentificazioneFlusso', 'Ente', '@CFOperatore']], // placeholder CCCDDD25A42H199X: check character E
      ['siuss.rule.codice_fiscale_check', ['Beneficiario', 0, '@CodiceFiscale']], // placeholder AAABBB39M66A351C: check character T
      ['siuss.rule.quota_positive', [...P0, '@ImportoQuotaSSN']], // ImportoQuotaSSN="0.0", spec: > 0
      ['siuss.rule.quota_sum', [...P0, '@ImportoMensile']], // 52.54 + 21.71 + 0.0 = 74.25 ≠ 101.23
    ],
    [ROSSI]: [
      ['siuss.rule.end_same_year', [...P0, '@DataFinePrestazione']], // 2015-08-13 → 2016-08-13
      ['siuss.rule.quota_positive', [...P0, '@ImportoQuotaEnte']], // 0.0
      ['siuss.rule.quota_positive', [...P0, '@ImportoQuotaSSN']], // 0.0
      ['siuss.rule.quota_sum', [...P0, '@ImportoMensile']], // 0.0 ≠ 200.0
    ],
    [SINBA]: [],
  };

  for (const name of [MULTI, ROSSI, SINBA]) {
    it(`${name}: no XSD error, exactly the known rule warnings (bytes, text and object)`, () => {
      const bytes = sample(name);
      const r = validateFlow(bytes);
      expect(r.errors).toEqual([]);
      expect(r.kind).toBe(name === SINBA ? 'SINBA' : 'PS_PSA_SINA');
      expect(r.records).toBe(1);
      expect(summary(r.warnings)).toEqual(EXPECTED[name]);
      expect(r.warnings.every((w) => w.severity === 'warning' && typeof w.params.source === 'string')).toBe(true);
      expect(validateFlow(new TextDecoder().decode(bytes))).toEqual(r);
      const fromObject = validateFlow(parseFlow(bytes));
      expect(fromObject.errors).toEqual([]);
      expect(summary(fromObject.warnings)).toEqual(EXPECTED[name]);
    });
  }

  it('the quota findings of multi-prestazioni give the exact sums', () => {
    const [positive, sum] = validateFlow(sample(MULTI)).warnings.filter((w) => w.code.startsWith('siuss.rule.quota_'));
    expect(positive?.params).toMatchObject({ attribute: 'ImportoQuotaSSN', value: '0.0' });
    expect(sum?.params).toMatchObject({ total: '101.23', sum: '74.25', ImportoQuotaEnte: '52.54', ImportoQuotaUtente: '21.71', ImportoQuotaSSN: '0.0' });
    expect(sum?.message).toContain('74.25');
  });

  it('cooperazione mode: multi-prestazioni (3 benefits) breaks the one-benefit rule, the others do not', () => {
    expect(validateFlow(sample(MULTI), { mode: 'cooperazione' }).warnings.map((w) => w.code)).toContain('siuss.rule.cooperazione_single');
    expect(validateFlow(sample(ROSSI), { mode: 'cooperazione' }).warnings.map((w) => w.code)).not.toContain('siuss.rule.cooperazione_single');
    expect(validateFlow(sample(SINBA), { mode: 'cooperazione' }).warnings).toEqual([]);
  });

  it('no message quotes a codice fiscale or a name', () => {
    for (const name of [MULTI, ROSSI]) {
      for (const w of validateFlow(sample(name)).warnings) {
        for (const secret of ['AAABBB39M66A351C', 'RSSMRK66C14H501U', 'ROSSI', 'MIRKO', 'CCCDDD25A42H199X', 'XXXXXX80P20B501B']) {
          expect(w.message).not.toContain(secret);
          expect(w.messageEn).not.toContain(secret);
          expect(JSON.stringify(w.params)).not.toContain(secret);
        }
      }
    }
  });
});
