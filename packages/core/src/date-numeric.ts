// SPDX-License-Identifier: BSD-3-Clause
/**
 * The numeric form of a date, `dd/MM/yyyy`, on its own: for callers that write dates only as
 * numbers (the fiscal-code main entry, whose messages carry dates), without {@link formatDate}'s
 * option checks for `style` and its month names. Neither carries date-fns code (`formatDate`'s long
 * form is a table of month names).
 * @module
 */
import { RiusoError } from './error.js';
import { isIsoDate, isoDateParts, type IsoDate } from './iso-date.js';
import { createIssue } from './result.js';

// The article before a day elides where the number starts with a vowel sound: "l'8" (otto), "l'11"
// (undici); "il 1°" (primo) does not.
/** @internal Shared with formatDate. */
export const PREPOSITIONS = {
  it: { on: ['il ', "l'"], from: ['dal ', "dall'"], to: ['al ', "all'"], of: ['del ', "dell'"] },
  en: { on: ['on ', 'on '], from: ['from ', 'from '], to: ['to ', 'to '], of: ['of ', 'of '] },
} as const;

/**
 * A date as `dd/MM/yyyy` ("01/03/2025", the form of Italian forms and of British English), optionally
 * after a preposition in the right form for the day ("dal 01/03/2025", "dall'08/03/2025", "from
 * 08/03/2025"). The same text as `formatDate(date, { style: 'numeric' })` (the numeric form needs no
 * locale: it is the three numbers zero-padded).
 *
 * @param date - An `IsoDate` (`YYYY-MM-DD`).
 * @param options - The language (Italian by default) and the preposition (see {@link DatePreposition}).
 * @throws {@link RiusoError} `core.date_invalid` when `date` is not an existing `YYYY-MM-DD` date,
 *   `core.date_format_option` for an option outside its values (untyped JavaScript only).
 * @example
 * ```ts
 * import { formatDateNumeric, makeIsoDate } from '@riuso-sociale/core';
 * formatDateNumeric(makeIsoDate(2025, 3, 1)!);                            // '01/03/2025'
 * formatDateNumeric(makeIsoDate(2024, 3, 8)!, { preposition: 'from' });   // "dall'08/03/2024"
 * formatDateNumeric(makeIsoDate(2024, 3, 8)!, { lang: 'en', preposition: 'to' }); // 'to 08/03/2024'
 * ```
 */
export function formatDateNumeric(
  date: IsoDate,
  options: { readonly lang?: 'it' | 'en'; readonly preposition?: DatePreposition } = {},
): string {
  if (!isIsoDate(date)) throw invalidDate();
  const { lang = 'it', preposition } = options;
  if ((lang !== 'it' && lang !== 'en') || (preposition !== undefined && !Object.hasOwn(PREPOSITIONS.it, preposition))) {
    throw invalidOption();
  }
  const { day } = isoDateParts(date);
  const text = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  return preposition === undefined ? text : prepositionFor(lang, preposition, day) + text;
}

/**
 * The preposition that leads the date, with Italian's articulated forms and elision: `on` gives
 * "il 1° marzo" / "l'8 marzo" / "on 8 March", `from` "dal 1° marzo" / "dall'11 marzo" / "from 11 March",
 * `to` "al 31 marzo" / "all'8 marzo" / "to 8 March", `of` "del 12 marzo" / "dell'11 marzo" / "of 11 March".
 */
export type DatePreposition = 'on' | 'from' | 'to' | 'of';

/** @internal The preposition's form before `day` (elided before 8 and 11 in Italian). */
export function prepositionFor(lang: 'it' | 'en', preposition: DatePreposition, day: number): string {
  const forms = PREPOSITIONS[lang][preposition];
  return day === 8 || day === 11 ? forms[1] : forms[0];
}

/** @internal */
export function invalidDate(): RiusoError {
  return new RiusoError([
    createIssue('core.date_invalid', {
      it: 'Data non valida: attesa una data esistente nella forma AAAA-MM-GG',
      en: 'Invalid date: expected an existing date in the form YYYY-MM-DD',
    }),
  ]);
}

/** @internal */
export function invalidOption(): RiusoError {
  return new RiusoError([
    createIssue('core.date_format_option', {
      it: "Opzione di formato non valida: lang 'it'|'en', style 'long'|'numeric', preposition 'on'|'from'|'to'|'of'",
      en: "Invalid format option: lang 'it'|'en', style 'long'|'numeric', preposition 'on'|'from'|'to'|'of'",
    }),
  ]);
}
