// SPDX-License-Identifier: BSD-3-Clause
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskFiscalCode } from './mask.js';

describe('maskFiscalCode with a tag', () => {
  it('appends the tag after #, and leaves the untagged output unchanged', () => {
    expect(maskFiscalCode('RSSMRA80A01H501U', { tag: 'k3f9qa' })).toBe('RSSMRA******501U#k3f9qa');
    expect(maskFiscalCode('00743110157', { tag: '0a1b' })).toBe('00*******57#0a1b');
    expect(maskFiscalCode('', { tag: 'abcdefgh' })).toBe('#abcdefgh');
    expect(maskFiscalCode('RSSMRA80A01H501U', {})).toBe('RSSMRA******501U');
    expect(maskFiscalCode('RSSMRA80A01H501U', { tag: undefined })).toBe('RSSMRA******501U');
  });
  it('refuses a tag that is not 4–8 characters among 0-9 and a-z (a code passed by mistake, for one)', () => {
    for (const tag of ['', 'abc', 'abcdefghi', 'ABCD', 'RSSMRA80A01H501U', 'rssmra80a01h501u', 'ab-d', 'abc#', 'àbcd']) {
      expect(() => maskFiscalCode('RSSMRA80A01H501U', { tag })).toThrow(RangeError);
    }
    expect(() => maskFiscalCode('RSSMRA80A01H501U', { tag: 5 as unknown as string })).toThrow(RangeError);
  });
  it('property: the tagged output is the plain mask, #, the tag; the birth data never shows', () => {
    const code = fc.string({ unit: fc.constantFrom(...'ABCDEFGHILMNPRSTUVXYZ0123456789'), minLength: 16, maxLength: 16 });
    const tag = fc.string({ unit: fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz'), minLength: 4, maxLength: 8 });
    fc.assert(fc.property(code, tag, (c, t) => {
      const out = maskFiscalCode(c, { tag: t });
      return out === `${maskFiscalCode(c)}#${t}` && out.slice(6, 12) === '******' && !out.includes(c);
    }));
  });
});
