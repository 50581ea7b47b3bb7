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
import { RiusoError } from './error.js';
import { isIsoDate, isoDateParts, type IsoDate } from './iso-date.js';
import { createIssue } from './result.js';

/**
 * How a date is written: `long` in words ("1° marzo 2025", "1 March 2025"), `numeric` as
 * `dd/MM/yyyy` ("01/03/2025", the form of Italian forms and of British English).
 */
export type DateStyle = 'long' | 'numeric';

/**
 * The preposition that leads the date, with Italian's articulated forms and elision: `on` gives
 * "il 1° marzo" / "l'8 marzo" / "on 8 March", `from` "dal 1° marzo" / "dall'11 marzo" / "from 11 March",
 * `to` "al 31 marzo" / "all'8 marzo" / "to 8 March".
 */
export type DatePreposition = 'on' | 'from' | 'to';

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
  it: { long: 'd MMMM y', first: "d'°' MMMM y", numeric: 'dd/MM/yyyy' },
  en: { long: 'd MMMM y', first: 'd MMMM y', numeric: 'dd/MM/yyyy' },
} as const;

// The article before a day elides where the number starts with a vowel sound: "l'8" (otto), "l'11"
// (undici); "il 1°" (primo) does not.
const PREPOSITIONS = {
  it: { on: ['il ', "l'"], from: ['dal ', "dall'"], to: ['al ', "all'"] },
  en: { on: ['on ', 'on '], from: ['from ', 'from '], to: ['to ', 'to '] },
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
  if (!isIsoDate(date)) {
    throw new RiusoError([
      createIssue('core.date_invalid', {
        it: 'Data non valida: attesa una data esistente nella forma AAAA-MM-GG',
        en: 'Invalid date: expected an existing date in the form YYYY-MM-DD',
      }),
    ]);
  }
  const { lang = 'it', style = 'long', preposition } = options;
  if ((lang !== 'it' && lang !== 'en') || (style !== 'long' && style !== 'numeric') ||
    (preposition !== undefined && preposition !== 'on' && preposition !== 'from' && preposition !== 'to')) {
    throw new RiusoError([
      createIssue('core.date_format_option', {
        it: "Opzione di formato non valida: lang 'it'|'en', style 'long'|'numeric', preposition 'on'|'from'|'to'",
        en: "Invalid format option: lang 'it'|'en', style 'long'|'numeric', preposition 'on'|'from'|'to'",
      }),
    ]);
  }
  const { year, month, day } = isoDateParts(date);
  // `Date.UTC` maps years 0–99 to 1900–1999: set the full year explicitly.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(12);
  const pattern = style === 'numeric' ? PATTERN[lang].numeric : day === 1 ? PATTERN[lang].first : PATTERN[lang].long;
  const text = format(new TZDate(utc.getTime(), 'UTC'), pattern, { locale: lang === 'en' ? enGB : it });
  if (preposition === undefined) return text;
  const forms = PREPOSITIONS[lang][preposition];
  return (day === 8 || day === 11 ? forms[1] : forms[0]) + text;
}
