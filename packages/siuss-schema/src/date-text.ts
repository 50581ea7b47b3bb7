// SPDX-License-Identifier: BSD-3-Clause
/**
 * Dates in message texts, as people read them ("DataFinePrestazione (5 gennaio 2024) precede …").
 * Internal: the issues' params keep the ISO dates of the flow.
 * @module
 */
import { formatDate, isIsoDate } from '@riuso-sociale/core';

/**
 * {@link formatDate} for a message text; a value outside `0001-01-01`…`9999-12-31` (xs:date allows
 * more) is shown as written, never thrown on.
 */
export function dateText(date: string, lang: 'it' | 'en' = 'it'): string {
  return isIsoDate(date) ? formatDate(date, { lang }) : date;
}
