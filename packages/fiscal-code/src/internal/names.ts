// SPDX-License-Identifier: BSD-3-Clause
/**
 * Surname and name → letters A–Z, and the three-letter codes (DM 23/12/1976, art. 2-3 of the
 * attached rules: consonants first, then vowels, padded with X; a name with four or more consonants
 * takes the 1st, 3rd and 4th).
 *
 * What happens to each character:
 * - letters with accents or other diacritics are folded to their base letter (Noè → NOE, Müller → MULLER,
 *   Žáček → ZACEK), by Unicode canonical decomposition (NFD) with the marks removed: the result must be
 *   one letter A–Z. Compatibility forms are not letters of a name and are refused like any symbol:
 *   Ⅳ (Roman numeral), 𝐑 (mathematical bold), Ⓜ (circled), ﬁ (ligature), ª, ſ, fullwidth letters;
 * - ß → SS, Æ → AE, Œ → OE, Ø → O, Ł → L, Đ/Ð → D, Þ → TH, ı → I (letters with no decomposition);
 * - apostrophes (' ’ ‘ ʼ ` ´), spaces, dashes (- ‐ ‑ ‒ – — ―) and dots are ignored;
 * - anything else (digits, other scripts such as Cyrillic, Greek or Chinese, symbols) is an error
 *   `cf.invalid_character`: the name must be transliterated as in the identity document, and we do
 *   not guess a transliteration. The tax agency documents no rule for these letters.
 * @module
 */
import { FiscalCodeError } from '../errors.js';
import { moreIssue } from './messages.js';

const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'SS', ẞ: 'SS', Æ: 'AE', æ: 'AE', Œ: 'OE', œ: 'OE', Ø: 'O', ø: 'O', Ł: 'L', ł: 'L',
  Đ: 'D', đ: 'D', Ð: 'D', ð: 'D', Þ: 'TH', þ: 'TH', ı: 'I', ĸ: 'K', Ŋ: 'NG', ŋ: 'NG',
};

const IGNORED = new Set([" ", "'", '’', '‘', 'ʼ', '`', '´', '-', '‐', '‑', '‒', '–', '—', '―', '.', '\u00a0']);

const folded = new Map<string, string | null>();

/** The A–Z letters of one non-ASCII character, `''` when ignored, `null` when not foldable (memoised). */
function foldChar(ch: string): string | null {
  const known = folded.get(ch);
  if (known !== undefined) return known;
  let result: string | null;
  if (IGNORED.has(ch)) result = '';
  else if (SPECIAL[ch] !== undefined) result = SPECIAL[ch] as string;
  else {
    // Canonical decomposition only: NFKD (or toUpperCase before the test) would turn Ⅳ into IV
    // and ﬁ into FI.
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    result = /^[A-Za-z]$/.test(base) ? base.toUpperCase() : null;
  }
  if (folded.size < 4096) folded.set(ch, result);
  return result;
}

/** Folds a surname or name to letters A–Z, or throws `cf.invalid_character`. */
export function foldLetters(input: string, field: 'surname' | 'name'): string {
  let out = '';
  let position = 0;
  for (const ch of input) {
    position++;
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) out += ch;
    else if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32);
    else if (c === 32 || c === 39 || c === 45 || c === 46) continue; // space ' - .
    else {
      const letters = c < 128 && c !== 96 ? null : foldChar(ch);
      if (letters === null) {
        const cp = ch.codePointAt(0) ?? 0;
        throw new FiscalCodeError([
          moreIssue('cf.invalid_character', { field, position, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` }, 'error', [field]),
        ]);
      }
      out += letters;
    }
  }
  return out;
}

function isVowel(c: string): boolean {
  return c === 'A' || c === 'E' || c === 'I' || c === 'O' || c === 'U';
}

function split(letters: string): { consonants: string; vowels: string } {
  let consonants = '';
  let vowels = '';
  for (const c of letters) {
    if (isVowel(c)) vowels += c;
    else consonants += c;
  }
  return { consonants, vowels };
}

/** The three letters of the surname (letters already folded). */
export function surnameCode(letters: string): string {
  const { consonants, vowels } = split(letters);
  return (consonants + vowels + 'XXX').slice(0, 3);
}

/** The three letters of the name (letters already folded). */
export function nameCode(letters: string): string {
  const { consonants, vowels } = split(letters);
  if (consonants.length >= 4) return consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
  return (consonants + vowels + 'XXX').slice(0, 3);
}
