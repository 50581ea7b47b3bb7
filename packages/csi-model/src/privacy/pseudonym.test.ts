// SPDX-License-Identifier: BSD-3-Clause
import { createHmac, randomBytes } from 'node:crypto';
import { omocodeVariants } from '@riuso-sociale/fiscal-code';
import { validateFlow, type SinbaFlow } from '@riuso-sociale/siuss-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivePurposeKey, isPseudonym, PSEUDONYM_LENGTH, pseudonymize, pseudonymizeFor } from './pseudonym.js';

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);
const CF = 'RSSMRA80A01H501U';

function value<T>(r: { ok: true; value: T } | { ok: false; issues: readonly { code: string }[] }): T {
  if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
  return r.value;
}

/** Reference base32 (RFC 4648) through bits, to check the encoder. */
function base32Reference(bytes: Uint8Array): string {
  const bits = Array.from(bytes, (b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i + 5 <= bits.length; i += 5) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.charAt(parseInt(bits.slice(i, i + 5), 2));
  return out;
}

describe('pseudonymize', () => {
  it('is the documented algorithm: base32(HMAC-SHA256(key, canonical CF)) cut to 20 characters', () => {
    const digest = createHmac('sha256', KEY).update(CF, 'ascii').digest();
    expect(value(pseudonymize(CF, KEY))).toBe(base32Reference(digest).slice(0, 20));
  });

  it('is stable, 20 characters of A–Z 2–7', () => {
    const a = value(pseudonymize(CF, KEY));
    expect(value(pseudonymize(CF, KEY))).toBe(a);
    expect(a).toMatch(/^[A-Z2-7]{20}$/);
    expect(a).toHaveLength(PSEUDONYM_LENGTH);
    expect(isPseudonym(a)).toBe(true);
    expect(isPseudonym(CF)).toBe(false);
  });

  it('is keyed: another key gives another pseudonym', () => {
    expect(value(pseudonymize(CF, KEY))).not.toBe(value(pseudonymize(CF, OTHER_KEY)));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 64 }), fc.uint8Array({ minLength: 32, maxLength: 64 }), (k1, k2) => {
        fc.pre(Buffer.compare(Buffer.from(k1), Buffer.from(k2)) !== 0);
        expect(value(pseudonymize(CF, k1))).not.toBe(value(pseudonymize(CF, k2)));
      }),
      { numRuns: 50 },
    );
  });

  it('maps all 127 omocodic variants, and lower case and spaces, to the pseudonym of the base code', () => {
    const base = value(pseudonymize(CF, KEY));
    for (const v of omocodeVariants(CF)) expect(value(pseudonymize(v, KEY))).toBe(base);
    expect(value(pseudonymize(' rssmra80a01h50mm ', KEY))).toBe(base);
  });

  it('distinguishes different people', () => {
    expect(value(pseudonymize('VRDGPP90E45F205Y', KEY))).not.toBe(value(pseudonymize(CF, KEY)));
  });

  it('accepts a provisional 11-digit code', () => {
    expect(value(pseudonymize('00743110157', KEY))).toMatch(/^[A-Z2-7]{20}$/);
  });

  it('refuses a key shorter than 32 bytes with a typed error; a string counts its UTF-8 bytes', () => {
    const r = pseudonymize(CF, new Uint8Array(31));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0].code).toBe('csi.pseudonym.key_too_short');
      expect(r.issues[0].params).toMatchObject({ bytes: 31, min: 32 });
    }
    expect(pseudonymize(CF, 'a'.repeat(31)).ok).toBe(false);
    expect(pseudonymize(CF, 'a'.repeat(32)).ok).toBe(true);
    expect(pseudonymize(CF, '€'.repeat(11)).ok).toBe(true); // 33 bytes
    const bad = pseudonymize(CF, 42 as never);
    expect(!bad.ok && bad.issues[0].code).toBe('csi.pseudonym.key_invalid');
  });

  it('refuses an invalid codice fiscale without echoing it in clear', () => {
    const r = pseudonymize('RSSMRA80A01H501X', KEY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0].code).toBe('csi.pseudonym.fiscal_code_invalid');
      const text = JSON.stringify(r.issues);
      expect(text).not.toContain('RSSMRA80A01H501X');
      expect(text).toContain('RSSMRA******501X');
    }
    expect(pseudonymize(123 as never, KEY).ok).toBe(false);
  });

  it('fits the SINBA IDBeneficiario of SINBA.xsd (xs:string, 1–20 characters): the flow validates', () => {
    const flow = (id: string): SinbaFlow => ({
      kind: 'SINBA',
      IdentificazioneFlusso: {
        Nome: 'H501.SINBA.20210520.0000004',
        Ente: { Codice: 'H501', Denominazione: 'COMUNE DI ROMA', Indirizzo: 'H501', CFOperatore: 'GHBLDE25A42H199X' },
      },
      SINBA: [
        {
          IDBeneficiario: id, MinoreStranieroNoAcc: '1', CondizioneMinore: '1', LuogoVita: '1', ScuolaFrequentata: '1',
          CondizioneLavoro: '1', Disabilita: '1', TipoDisabilita: '1', InvCivCertificazioni: '1', DataPrimaSegnalazione: '01/2010',
          FonteSegnalazione: '1', ValutazioneMinore: '1', ValutazioneFamigliaMinore: '1', SegnalazioneAutoritaGiudiziaria: '1',
          DataSegnalazione: '06/2016', ProvvedimentoGiudiziario: '1', DataProvvedimentoGiudiziario: '03/2012', AutoritaProvvedimento: '1',
          NumeroComponentiISEE: '9', FasciaEtaBeneficiario: '2', FasciaISEEBeneficiario: '1', AnnoNascita: '2005', CodiceNazioneResidenza: '380',
          Prestazioni: { CodicePrestazione: ['A1.02', 'A2.06'] }, Famiglia: { ComposizioneFamiglia: ['1', '2'] },
        },
      ],
    } as SinbaFlow);
    const id = value(pseudonymizeFor('sinba', CF, KEY));
    expect(validateFlow(flow(id)).errors).toEqual([]);
    // Control: one character more breaks the XSD maxLength.
    expect(validateFlow(flow(`${id}A`)).errors.length).toBeGreaterThan(0);
  });
});

describe('pseudonymizeFor', () => {
  it('gives unrelated, stable pseudonyms per purpose, all of the same shape', () => {
    const key = randomBytes(32);
    const sinba = value(pseudonymizeFor('sinba', CF, key));
    expect(value(pseudonymizeFor('sinba', CF, key))).toBe(sinba);
    expect(value(pseudonymizeFor('istat', CF, key))).not.toBe(sinba);
    expect(value(pseudonymize(CF, key))).not.toBe(sinba);
    expect(isPseudonym(sinba)).toBe(true);
  });

  it('derives a 32-byte key with HKDF-SHA256 and refuses bad purposes and short keys', () => {
    expect(value(derivePurposeKey('sinba', KEY))).toHaveLength(32);
    expect(derivePurposeKey('', KEY).ok).toBe(false);
    expect(derivePurposeKey('SINBA', KEY).ok).toBe(false);
    expect(pseudonymizeFor('sinba', CF, new Uint8Array(8)).ok).toBe(false);
    const r = pseudonymizeFor('Con spazi', CF, KEY);
    expect(!r.ok && r.issues[0].code).toBe('csi.pseudonym.purpose_invalid');
  });
});
