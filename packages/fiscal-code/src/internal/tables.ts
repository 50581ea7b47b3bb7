// SPDX-License-Identifier: BSD-3-Clause
/**
 * The official tables of the codice fiscale.
 *
 * Source: DM 23 dicembre 1976 (Ministero delle Finanze), "Sistemi di codificazione dei soggetti da
 * iscrivere nell'anagrafe tributaria", implementing DPR 29 settembre 1973 n. 605 art. 2-3; omocodia
 * rule from the Agenzia delle Entrate practice described there (digit → letter substitution).
 * Cross-checked against three independent implementations (see shared/specs/fiscal-code.md §4).
 * @module
 */

/** Month letters, January → December (DM 23/12/1976). */
export const MONTH_LETTERS = 'ABCDEHLMPRST';

/**
 * Month (1–12) of a month letter by char code, 0 when the letter is not a month.
 * Index: char code − 65.
 */
export const MONTH_OF_LETTER: readonly number[] = [
  1, 2, 3, 4, 5, 0, 0, 6, 0, 0, 0, 7, 8, 0, 0, 9, 0, 10, 11, 12, 0, 0, 0, 0, 0, 0,
];

/**
 * Values of the characters in odd positions (1st, 3rd … 15th) for the check character, indexed by
 * letter A–Z; a digit d counts as the d-th letter (0 = A … 9 = J).
 */
export const ODD_VALUES: readonly number[] = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/** Omocodia: the letter that replaces each digit 0–9 (Agenzia delle Entrate). */
export const OMOCODE_LETTERS = 'LMNPQRSTUV';

/**
 * Digit value (0–9) of an omocode letter by char code − 65, −1 for letters that are not omocode letters.
 */
export const DIGIT_OF_OMOCODE_LETTER: readonly number[] = [
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, -1, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1,
];

/**
 * The 0-based positions that hold digits in a base code and letters in omocodic ones, from the
 * rightmost, which the Agenzia replaces first, to the leftmost: 14, 13, 12, 10, 9, 7, 6.
 */
export const OMOCODE_POSITIONS: readonly number[] = [14, 13, 12, 10, 9, 7, 6];

/** 1 where the 16-character layout has a digit slot (digits or omocode letters), 0 for letters. */
export const LAYOUT_DIGIT_SLOTS: readonly number[] = [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0];
