// SPDX-License-Identifier: BSD-3-Clause
/**
 * Calendar dates as people read them — "1° marzo 2025", "1 March 2025", "01/03/2025" — on date-fns
 * with its `it` and `enGB` locales. For text meant for people only: machine output (JSON, XML,
 * `Issue.params`) stays ISO `YYYY-MM-DD`.
 * @module
 */
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { it } from 'date-fns/locale/it';
import { TZDate } from '@date-fns/tz';
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

// Italian writes the first day of a month as an ordinal, "1° marzo" (Accademia della Crusca, «Il primo
// del mese», consulenza linguistica), which date-fns's `it` locale (`d` → "1") does not do by itself.
// The escaped literal '°' in the pattern adds it on day 1 only.
const PATTERN = {
  it: { long: 'd MMMM y', first: "d'°' MMMM y" },
  en: { long: 'd MMMM y', first: 'd MMMM y' },
} as const;


/**
 * A calendar date written for people, in Italian or English: "1° marzo 2025" (the first of a month as
 * an ordinal, as Italian usage has it), "3 marzo 1980", "1 March 2025", or "01/03/2025" in the
 * `numeric` style; with a preposition in the right form ("dal 1° gennaio 2024", "dall'8 marzo 2024").
 *
 * The date is formatted from its own year, month and day (a UTC `TZDate` at noon), never through the
 * local time zone, so no `TZ` shifts it; every `IsoDate` from 0001 to 9999 is written (years before 1000
 * without leading zeros in words, four digits in `numeric`).
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
  const key = lang + date;
  let text = longForms.get(key);
  if (text === undefined) {
    // `Date.UTC` maps years 0–99 to 1900–1999: set the full year explicitly.
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day);
    utc.setUTCHours(12);
    const pattern = day === 1 ? PATTERN[lang].first : PATTERN[lang].long;
    text = format(new TZDate(utc.getTime(), 'UTC'), pattern, { locale: lang === 'en' ? enGB : it });
    if (longForms.size >= LONG_FORMS_MAX) longForms.clear();
    longForms.set(key, text);
  }
  return preposition === undefined ? text : prepositionFor(lang, preposition, day) + text;
}

/**
 * The long forms already made, by language and date: messages about many records repeat the same
 * dates (a flow's warnings name the same start and end dates thousands of times), and date-fns'
 * `format` with a `TZDate` costs a few microseconds each. Bounded (16 384 forms, about 1 MB: a
 * flow's dates over ten years in both languages fit): emptied when full.
 */
const longForms = new Map<string, string>();
const LONG_FORMS_MAX = 16384;

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
