// SPDX-License-Identifier: BSD-3-Clause
/** Type tests: the public API is typed so that wrong use fails to compile. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  computeFiscalCode, decodeFiscalCode, isValidFiscalCode, validateFiscalCode,
  type FiscalCode, type FiscalCodeIssueCode, type Place, type PersonData,
} from './index.js';

describe('types', () => {
  it('brands computed codes', () => {
    expectTypeOf(computeFiscalCode).returns.toEqualTypeOf<FiscalCode>();
    // A plain string is not a FiscalCode.
    expectTypeOf<string>().not.toMatchTypeOf<FiscalCode>();
  });
  it('narrows with the guard and the result', () => {
    const input: unknown = 'RSSMRA80A01H501U';
    if (isValidFiscalCode(input)) expectTypeOf(input).toEqualTypeOf<FiscalCode>();
    const r = validateFiscalCode('x');
    if (r.ok) {
      expectTypeOf(r.value.code).toEqualTypeOf<FiscalCode>();
      expectTypeOf(r.value.kind).toEqualTypeOf<'personal' | 'numeric'>();
    } else expectTypeOf(r.issues[0].code).toEqualTypeOf<FiscalCodeIssueCode>();
  });
  it('rejects wrong person data at compile time', () => {
    // @ts-expect-error sex must be 'M' or 'F'
    computeFiscalCode({ surname: 'a', name: 'b', sex: 'X', birthDate: '1980-01-01', birthPlace: 'H501' });
    // @ts-expect-error birthPlace is required
    const p: PersonData = { surname: 'a', name: 'b', sex: 'M', birthDate: '1980-01-01' };
    expectTypeOf(p).toMatchTypeOf<PersonData>();
    // @ts-expect-error options are typed
    validateFiscalCode('x', { strict: true });
  });
  it('decodes to dated places', () => {
    expectTypeOf(decodeFiscalCode('x').birthPlace).toEqualTypeOf<Place | null>();
    expectTypeOf<Place['kind']>().toEqualTypeOf<'comune' | 'stato-estero'>();
  });
});
