// SPDX-License-Identifier: BSD-3-Clause
/** Each example runs and prints what it promises (read through the packages' source entry). */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
// @ts-expect-error plain JavaScript example, no declarations
import { main as codiceFiscale } from './01-codice-fiscale.mjs';
// @ts-expect-error plain JavaScript example, no declarations
import { main as siuss } from './03-siuss.mjs';
import { validateFlow } from '@riuso-sociale/siuss-schema';

describe('examples', () => {
  it('01-codice-fiscale: computes, validates, decodes, matches, summarises a CSV', async () => {
    const lines: string[] = [];
    const summary = (await codiceFiscale((l: string) => lines.push(l))) as { total: number; valid: number; withWarnings: number; invalid: number; byIssue: Record<string, number> };
    const out = lines.join('\n');
    expect(out).toContain('Rossi Mario, M, 1980-01-01, H501 → RSSMRA80A01H501U');
    expect(out).toContain("D'Alessandro Noè, M, 2000-02-29, Forlì → DLSNOE00B29D704H");
    expect(out).toContain('nato/a il 1907-01-01');
    expect(out).toContain('"consistent":true');
    expect(out).not.toContain('RSSMRA80A32H501C'); // codes in messages are masked
    expect(summary).toEqual({
      total: 15, valid: 8, withWarnings: 1, invalid: 7,
      byIssue: { 'cf.check_character': 1, 'cf.date': 1, 'cf.day': 1, 'cf.empty': 1, 'cf.length': 1, 'cf.numeric_check_digit': 1, 'cf.place_unknown': 1 },
    });
  });
  it('03-siuss: builds, validates and writes a PS-PSA-SINA and a SINBA flow; catches a decimal comma', async () => {
    const lines: string[] = [];
    const result = (await siuss((l: string) => lines.push(l), { cli: false })) as { written: string[]; brokenErrors: string[] };
    const out = lines.join('\n');
    expect(out).toContain('2025-09-01…2025-12-31 (4 mesi), 2026-01-01…2026-03-31 (3 mesi)');
    expect(out).toContain('PS_PSA_SINA: 0 errori XSD, 0 avvisi');
    expect(out).toContain('SINBA: 0 errori XSD, 0 avvisi');
    expect(result.brokenErrors).toEqual(['siuss.xsd.decimal']);
    expect(result.written).toHaveLength(2);
    for (const file of result.written) {
      expect(existsSync(file)).toBe(true);
      expect(validateFlow(readFileSync(file)).errors).toEqual([]);
    }
  });
});
