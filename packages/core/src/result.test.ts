// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, expectTypeOf, it } from 'vitest';
import { RiusoError } from './error.js';
import { maskFiscalCode } from './mask.js';
import { createIssue, fail, issueMessage, ok, type Result } from './result.js';

describe('Result and Issue', () => {
  it('builds issues with defaults', () => {
    const issue = createIssue('demo.x', { it: 'Errore', en: 'Error' });
    expect(issue).toEqual({ code: 'demo.x', severity: 'error', path: [], message: 'Errore', messageEn: 'Error', params: {} });
    expect(issueMessage(issue, 'en')).toBe('Error');
    expect(issueMessage(issue)).toBe('Errore');
  });
  it('narrows on ok', () => {
    const r: Result<number> = Math.random() > 2 ? ok(1) : fail([createIssue('demo.y', { it: 'a', en: 'b' })]);
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<number>();
    else expect(r.issues[0].code).toBe('demo.y');
  });
  it('RiusoError carries the first code and a bilingual message', () => {
    const e = new RiusoError([createIssue('demo.z', { it: 'Valore errato', en: 'Bad value' })]);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('demo.z');
    expect(e.message).toBe('Valore errato / Bad value');
  });
});

describe('maskFiscalCode', () => {
  it('hides birth data of personal codes', () => {
    expect(maskFiscalCode('RSSMRA80A01H501U')).toBe('RSSMRA******501U');
  });
  it('hides the middle of numeric codes', () => {
    expect(maskFiscalCode('00743110157')).toBe('00*******57');
  });
  it('never returns more than two characters of other input', () => {
    expect(maskFiscalCode('RSSMRA80A01H501')).toBe('RS*************');
    expect(maskFiscalCode('A')).toBe('*');
    expect(maskFiscalCode('')).toBe('');
    expect(maskFiscalCode('X'.repeat(1000)).length).toBeLessThanOrEqual(18);
  });
});

import { codePointLength } from './text.js';

describe('codePointLength', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('Noè')).toBe(3);
    expect(codePointLength('𝔸bc')).toBe(3);
    expect(codePointLength('\uD835')).toBe(1);
    expect(codePointLength('a\uDC00')).toBe(2);
    expect(codePointLength('\uD835\uD835\uDD38')).toBe(2);
    for (const s of ['abc', '𝔸𝔹', 'è\u0300', '\uD800x']) expect(codePointLength(s)).toBe([...s].length);
  });
});
