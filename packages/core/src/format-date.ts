// SPDX-License-Identifier: BSD-3-Clause
/**
 * Calendar dates as people read them — "1° marzo 2025", "1 March 2025", "01/03/2025" — from the
 * date's own numbers and a table of month names, with no date-fns code: a browser bundle that writes
 * dates (rei-eligibility's `evaluate`) does not carry date-fns' `format` and locales (~8 KB gzip). The
 * text is the one date-fns' `format` gives with its `it` and `enGB` locales (a property test compares
 * them). For text meant for people only: machine output (JSON, XML, `Issue.params`) stays ISO
 * `YYYY-MM-DD`.
 * @module
 */
import { formatDateNumeric, invalidDate, invalidOption, PREPOSITIONS, prepositionFor, type DatePreposition } from './date-numeric.js';
import { isIsoDate, isoDateParts, type IsoDate } from './iso-date.js';

export type { DatePreposition } from './date-numeric.js';

/**
 * How a date is written: `long` in words ("1° marzo 2025", "1 March 2025"), `numeric` as
 * `dd/MM/yyyy` ("01/03/2025", the form of Italian forms and of British English).
 */
export type DateStyle = 'long' | 'numeric';

/** Options of {@link formatDate}. */
export interface FormatDateOptions {
  /** The language, Italian by default. */
  readonly lang?: 'it' | 'en';
  /** `long` (default) or `numeric`. */
  readonly style?: DateStyle;
  /** A preposition to put before the date, in the right form for the day (see {@link DatePreposition}). */
  readonly preposition?: DatePreposition;
}

// The month names of date-fns' `it` and `enGB` locales (`MMMM`, the formatting context): Italian
// ones in lower case, as Italian writes them inside a sentence.
const MONTHS = {
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

// Italian writes the first day of a month as an ordinal, "1° marzo" (Accademia della Crusca, «Il primo
// del mese», consulenza linguistica); English ("1 March", British usage) does not.
const FIRST_MARK = { it: '°', en: '' } as const;

/**
 * A calendar date written for people, in Italian or English: "1° marzo 2025" (the first of a month as
 * an ordinal, as Italian usage has it), "3 marzo 1980", "1 March 2025", or "01/03/2025" in the
 * `numeric` style; with a preposition in the right form ("dal 1° gennaio 2024", "dall'8 marzo 2024").
 *
 * The date is written from its own year, month and day (the digits of the `IsoDate` and a table of
 * month names), never through a `Date` or the local time zone, so no `TZ` shifts it; every `IsoDate`
 * from 0001 to 9999 is written (years before 1000 without leading zeros in words, as date-fns' `y`
 * writes them, four digits in `numeric`).
 *
 * @param date - An `IsoDate` (`YYYY-MM-DD`).
 * @throws {@link RiusoError} `core.date_invalid` when `date` is not an existing `YYYY-MM-DD` date,
 *   `core.date_format_option` for an option outside its values (both reachable from untyped
 *   JavaScript only); the message does not repeat the value.
 * @example
 * ```ts
 * import { formatDate, makeIsoDate } from '@riuso-sociale/core';
 * const d = makeIsoDate(2025, 3, 1)!;
 * formatDate(d);                                  // '1° marzo 2025'
 * formatDate(d, { lang: 'en' });                  // '1 March 2025'
 * formatDate(d, { style: 'numeric' });            // '01/03/2025'
 * formatDate(d, { preposition: 'from' });         // 'dal 1° marzo 2025'
 * formatDate(makeIsoDate(2024, 3, 8)!, { preposition: 'on' }); // "l'8 marzo 2024"
 * ```
 */
export function formatDate(date: IsoDate, options: FormatDateOptions = {}): string {
  if (!isIsoDate(date)) throw invalidDate();
  const { lang = 'it', style = 'long', preposition } = options;
  if ((lang !== 'it' && lang !== 'en') || (style !== 'long' && style !== 'numeric') ||
    (preposition !== undefined && !Object.hasOwn(PREPOSITIONS.it, preposition))) {
    throw invalidOption();
  }
  if (style === 'numeric') return formatDateNumeric(date, { lang, ...(preposition === undefined ? {} : { preposition }) });
  const { year, month, day } = isoDateParts(date);
  // No cache: these three concatenations cost what a cache hit would (its `lang + date` key and map
  // look-up; ~0.2 µs a form either way in a micro-benchmark), with no memory held. A bounded cache was
  // kept while each form took a date-fns `format` call with a `TZDate`, a few µs.
  const text = `${day}${day === 1 ? FIRST_MARK[lang] : ''} ${MONTHS[lang][month - 1]!} ${year}`;
  return preposition === undefined ? text : prepositionFor(lang, preposition, day) + text;
}

/**
 * A date inside a message text: {@link formatDate} for an `IsoDate`, and any other value shown as
 * given (after the preposition's plain form) instead of thrown on — for messages about input that
 * may itself be the wrong thing (an instant, a date outside 0001–9999, a field that failed its own
 * check). The issue's `params` keep the value as it was.
 *
 * @example
 * ```ts
 * import { dateText } from '@riuso-sociale/core';
 * dateText('2025-03-01', { preposition: 'from' }); // 'dal 1° marzo 2025'
 * dateText('2025-03-11', { preposition: 'of' });   // "dell'11 marzo 2025"
 * dateText('2025-02-30', { preposition: 'on' });   // 'il 2025-02-30'
 * ```
 */
export function dateText(value: string, options: FormatDateOptions = {}): string {
  if (isIsoDate(value)) return formatDate(value, options);
  const lang = options.lang === 'en' ? 'en' : 'it';
  const forms = options.preposition !== undefined && Object.hasOwn(PREPOSITIONS[lang], options.preposition) ? PREPOSITIONS[lang][options.preposition] : undefined;
  return (forms === undefined ? '' : forms[0]) + String(value);
}
