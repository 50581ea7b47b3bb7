// SPDX-License-Identifier: BSD-3-Clause
/**
 * Dates in message texts, as people read them ("in vigore dal 1° gennaio 2024"). Internal.
 * @module
 */
import { formatDate, isIsoDate, type FormatDateOptions } from '@riuso-sociale/core';

/**
 * {@link formatDate} for a message text, or the value as given when it is not a calendar date (the
 * public functions that take a date from untyped JavaScript report on it; a message must not throw).
 */
export function dateText(date: string, options: FormatDateOptions = {}): string {
  if (isIsoDate(date)) return formatDate(date, options);
  const { lang = 'it', preposition } = options;
  return (preposition === undefined ? '' : PLAIN[lang][preposition]) + String(date);
}

const PLAIN = {
  it: { on: 'il ', from: 'dal ', to: 'al ' },
  en: { on: 'on ', from: 'from ', to: 'to ' },
} as const;
