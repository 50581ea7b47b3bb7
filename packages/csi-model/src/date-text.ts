// SPDX-License-Identifier: BSD-3-Clause
/**
 * Dates in message texts, as people read them ("Erogazione dal 1° marzo 2025"). Internal: the
 * issues' params and paths keep the ISO dates.
 * @module
 */
import { formatDate, isIsoDate, isoDateParts, type FormatDateOptions } from '@riuso-sociale/core';

const PLAIN = {
  it: { on: 'il ', from: 'dal ', to: 'al ' },
  en: { on: 'on ', from: 'from ', to: 'to ' },
} as const;

/**
 * {@link formatDate} for a message text; a value that is not a calendar date (an instant, or a field
 * that failed its own check) is shown as given, never thrown on.
 */
export function dateText(date: string, options: FormatDateOptions = {}): string {
  if (isIsoDate(date)) return formatDate(date, options);
  const { lang = 'it', preposition } = options;
  return (preposition === undefined ? '' : PLAIN[lang][preposition]) + String(date);
}

/** "del 1° marzo 2025", "dell'8 marzo 2025" (the article elides before otto and undici); "of 8 March 2025". */
export function dateOf(date: string, lang: 'it' | 'en' = 'it'): string {
  if (lang === 'en') return `of ${dateText(date, { lang })}`;
  const day = isIsoDate(date) ? isoDateParts(date).day : 0;
  return (day === 8 || day === 11 ? "dell'" : 'del ') + dateText(date);
}
