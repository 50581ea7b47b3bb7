// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import { addDays, fromEpochDay, toEpochDay, type IsoDate } from '@riuso-sociale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { SiussError } from './errors.js';
import { flowNameTipoMatches, formatFlowName, parseFlowName, type FlowNameTipo } from './flow-name.js';
import { parseFlow } from './parse.js';

function codesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof SiussError) return e.issues.map((i) => i.code);
    throw e;
  }
  return [];
}

describe('formatFlowName', () => {
  it('writes CODICE.TIPO.YYYYMMDD.NNNNNNN (spec §3, OpenAPI EEEEE.TIPO.AAAAMMGG.NNNNNNN)', () => {
    expect(formatFlowName({ codiceEnte: 'H501', tipo: 'PS', date: '2025-05-20', progressivo: 1 })).toBe('H501.PS.20250520.0000001');
    expect(formatFlowName({ codiceEnte: 'H501', tipo: 'SINBA', date: '2021-05-20', progressivo: 4 })).toBe('H501.SINBA.20210520.0000004');
    expect(formatFlowName({ codiceEnte: 'F205', tipo: 'PSA', date: '2024-02-29', progressivo: 9_999_999 })).toBe('F205.PSA.20240229.9999999');
  });

  it('refuses what it cannot write, with typed issues', () => {
    const base = { codiceEnte: 'H501', tipo: 'PS' as FlowNameTipo, date: '2025-05-20', progressivo: 1 };
    expect(codesOf(() => formatFlowName({ ...base, progressivo: 0 }))).toEqual(['siuss.flow_name.progressivo']);
    expect(codesOf(() => formatFlowName({ ...base, progressivo: 10_000_000 }))).toEqual(['siuss.flow_name.progressivo']);
    expect(codesOf(() => formatFlowName({ ...base, progressivo: 1.5 }))).toEqual(['siuss.flow_name.progressivo']);
    expect(codesOf(() => formatFlowName({ ...base, progressivo: Number.NaN }))).toEqual(['siuss.flow_name.progressivo']);
    expect(codesOf(() => formatFlowName({ ...base, date: '2025-02-29' }))).toEqual(['siuss.flow_name.date']);
    expect(codesOf(() => formatFlowName({ ...base, date: '20250520' }))).toEqual(['siuss.flow_name.date']);
    expect(codesOf(() => formatFlowName({ ...base, codiceEnte: 'H.501' }))).toEqual(['siuss.flow_name.codice_ente']);
    expect(codesOf(() => formatFlowName({ ...base, codiceEnte: '' }))).toEqual(['siuss.flow_name.codice_ente']);
    expect(codesOf(() => formatFlowName({ ...base, tipo: 'XX' as FlowNameTipo }))).toEqual(['siuss.flow_name.tipo']);
    // Ente@Codice may be 32 characters, but the whole Nome must stay within 50 (XSD).
    expect(codesOf(() => formatFlowName({ ...base, codiceEnte: 'A'.repeat(32) }))).toEqual(['siuss.flow_name.too_long']);
    expect(formatFlowName({ ...base, codiceEnte: 'A'.repeat(30) })).toHaveLength(50);
    // all problems at once
    expect(codesOf(() => formatFlowName({ codiceEnte: 'a b', tipo: 'X' as FlowNameTipo, date: 'x', progressivo: -1 }))).toHaveLength(4);
  });

  it('messages are bilingual', () => {
    try {
      formatFlowName({ codiceEnte: 'H501', tipo: 'PS', date: '2025-05-20', progressivo: 0 });
    } catch (e) {
      const issue = (e as SiussError).issues[0];
      expect(issue.message).toMatch(/Progressivo/);
      expect(issue.messageEn).toMatch(/progressivo/);
    }
  });
});

describe('parseFlowName', () => {
  it('reads the canonical shape', () => {
    const r = parseFlowName('H501.PS.20210520.0000002');
    expect(r).toEqual({ ok: true, value: { codiceEnte: 'H501', tipo: 'PS', date: '2021-05-20', progressivo: 2, canonical: true, inpsSegment: false } });
  });

  it('reads the observed older shapes leniently (canonical: false)', () => {
    // INPS WaaS SINBA sample: 8-digit progressivo
    expect(parseFlowName('H501.SINBA.20210520.00000004')).toEqual({
      ok: true, value: { codiceEnte: 'H501', tipo: 'SINBA', date: '2021-05-20', progressivo: 4, canonical: false, inpsSegment: false },
    });
    // INPS "rossi" sample: INPS segment, last part looks like a time of day
    expect(parseFlowName('H501.PS.INPS.20160423.115235')).toEqual({
      ok: true, value: { codiceEnte: 'H501', tipo: 'PS', date: '2016-04-23', progressivo: 115235, canonical: false, inpsSegment: true },
    });
    // SISO (Regione Umbria): EEEE.PSA.INPS.AAAAMMGG.NNNNNNN
    expect(parseFlowName('G478.PSA.INPS.20190131.0000012')).toEqual({
      ok: true, value: { codiceEnte: 'G478', tipo: 'PSA', date: '2019-01-31', progressivo: 12, canonical: false, inpsSegment: true },
    });
    // OpenAPI example id_flusso of the SINBA entry (PS type with 8 digits)
    const r = parseFlowName('H501.PS.20210520.00000004');
    expect(r.ok && r.value.canonical).toBe(false);
    // progressivo 0 is read but is not canonical
    const zero = parseFlowName('H501.PS.20210520.0000000');
    expect(zero.ok && zero.value).toMatchObject({ progressivo: 0, canonical: false });
  });

  it('fails with typed issues', () => {
    const code = (v: unknown): string | undefined => {
      const r = parseFlowName(v);
      return r.ok ? undefined : r.issues[0].code;
    };
    expect(code(42)).toBe('siuss.flow_name.type');
    expect(code('H501.PS.20210231.0000001')).toBe('siuss.flow_name.date');
    expect(code('H501.XX.20210520.0000001')).toBe('siuss.flow_name.format');
    expect(code('H501.PS.2021052.0000001')).toBe('siuss.flow_name.format');
    expect(code('H501.ps.20210520.0000001')).toBe('siuss.flow_name.format');
    expect(code('H501.PS.20210520')).toBe('siuss.flow_name.format');
    expect(code('')).toBe('siuss.flow_name.format');
    expect(code(`${'A'.repeat(60)}.PS.20210520.0000001`)).toBe('siuss.flow_name.too_long');
    const r = parseFlowName('bogus');
    expect(r.ok ? '' : r.issues[0].message).toContain('«bogus»');
  });

  it('canonical requires ≤ 50 characters (XSD Nome), ≤ 64 is still readable (id_flusso)', () => {
    const name = `${'A'.repeat(31)}.PS.20210520.0000001`; // 51
    const r = parseFlowName(name);
    expect(r.ok && r.value.canonical).toBe(false);
  });

  it('round trip: parse(format(x)) gives x back, canonical (property)', () => {
    const start = toEpochDay('1990-01-01' as IsoDate);
    fc.assert(fc.property(
      fc.stringMatching(/^[A-Za-z0-9_-]{1,27}$/),
      fc.constantFrom<FlowNameTipo>('PS', 'PSA', 'SINA', 'SINBA'),
      fc.integer({ min: 0, max: 365 * 60 }).map((n) => fromEpochDay(start + n)),
      fc.integer({ min: 1, max: 9_999_999 }),
      (codiceEnte, tipo, date, progressivo) => {
        const name = formatFlowName({ codiceEnte, tipo, date, progressivo });
        expect(name.length).toBeLessThanOrEqual(50);
        const r = parseFlowName(name);
        expect(r).toEqual({ ok: true, value: { codiceEnte, tipo, date, progressivo, canonical: true, inpsSegment: false } });
      },
    ), { numRuns: 300 });
  });

  it('dates are calendar dates, independent of the time zone', () => {
    const r = parseFlowName('H501.PS.20241231.0000001');
    expect(r.ok && r.value.date).toBe('2024-12-31');
    expect(r.ok && addDays(r.value.date, 1)).toBe('2025-01-01');
  });
});

describe('flowNameTipoMatches', () => {
  it('SINBA ↔ SINBA, PS/PSA/SINA ↔ PS_PSA_SINA', () => {
    expect(flowNameTipoMatches('SINBA', 'SINBA')).toBe(true);
    expect(flowNameTipoMatches('PS', 'SINBA')).toBe(false);
    for (const t of ['PS', 'PSA', 'SINA'] as const) expect(flowNameTipoMatches(t, 'PS_PSA_SINA')).toBe(true);
    expect(flowNameTipoMatches('SINBA', 'PS_PSA_SINA')).toBe(false);
  });
});

describe.skipIf(sharedDir() === null)('official INPS samples', () => {
  const sample = (name: string): string => readFileSync(sharedFile('data', 'siuss', 'samples', name), 'utf8');
  it.each([
    ['inps-waas-ps_psa_sina-multi-prestazioni.xml', { codiceEnte: 'H501', tipo: 'PS', date: '2021-05-20', progressivo: 2, canonical: true }],
    ['inps-waas-ps_psa_sina-rossi.xml', { codiceEnte: 'H501', tipo: 'PS', date: '2016-04-23', progressivo: 115235, canonical: false }],
    ['inps-waas-sinba.xml', { codiceEnte: 'H501', tipo: 'SINBA', date: '2021-05-20', progressivo: 4, canonical: false }],
  ])('%s: Nome is read', (file, expected) => {
    const flow = parseFlow(sample(file));
    const r = parseFlowName(flow.IdentificazioneFlusso.Nome);
    expect(r.ok && r.value).toMatchObject(expected);
    expect(r.ok && flowNameTipoMatches(r.value.tipo, flow.kind)).toBe(true);
  });
});
