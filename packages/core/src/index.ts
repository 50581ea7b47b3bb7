// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/core`: the primitives every package of the suite shares.
 *
 * @example
 * ```ts
 * import { isIsoDate, maskFiscalCode } from '@riuso-sociale/core';
 * isIsoDate('2024-02-29'); // true
 * maskFiscalCode('RSSMRA80A01H501U'); // 'RSSMRA******501U'
 * ```
 * @packageDocumentation
 */
export {
  createIssue,
  fail,
  issueMessage,
  ok,
  type CreateIssueOptions,
  type Issue,
  type IssueParams,
  type IssuePath,
  type LocalizedText,
  type NonEmptyIssues,
  type Result,
  type Severity,
} from './result.js';
export { isRiusoError, RiusoError } from './error.js';
export {
  addDays,
  addMonths,
  ageOn,
  compareIsoDate,
  daysInMonth,
  fromEpochDay,
  isIsoDate,
  isLeapYear,
  isoDateParts,
  isValidCalendarDate,
  makeIsoDate,
  toEpochDay,
  type DateParts,
  type IsoDate,
} from './iso-date.js';
export { todayInItaly } from './today.js';
export { maskFiscalCode } from './mask.js';
export { codePointLength } from './text.js';
export { formatCents } from './money.js';
export { dateText, formatDate, type DateStyle, type FormatDateOptions } from './format-date.js';
export { formatDateNumeric, type DatePreposition } from './date-numeric.js';
