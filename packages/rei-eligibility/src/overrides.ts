// SPDX-License-Identifier: BSD-3-Clause
/**
 * Checks the dated parameter overrides of `evaluate` (`EvaluateInput.parameters`) and turns them into
 * the engine's map by name. Fails closed: an unknown name, a date that is not `AAAA-MM-GG`, an end before
 * the start, periods of one name that overlap, a missing act, article or source, or a value not shaped
 * like the package's own (same type; integers where the package has integers; the same record keys) is a
 * typed error, and nothing is evaluated. Internal.
 * @module
 */
import { compareIsoDate, createIssue, fail, isIsoDate, ok, type IsoDate, type Issue, type Result } from '@riuso-sociale/core';
import type { EvaluateIssueCode, ParameterOverride } from './model.js';
import type { ParameterPeriod, ParameterStatus } from './parameters.js';
import { allParameters } from './thresholds.js';

const STATUSES: readonly ParameterStatus[] = ['confirmed-primary', 'confirmed-quoted', 'secondary', 'unverified'];
/** At most this many overrides in one call (a real law changes a handful of values). */
const MAX_OVERRIDES = 1000;

let known: ReadonlyMap<string, unknown> | undefined;
/** Every parameter's name → its latest value (the shape an override must have). */
function knownParameters(): ReadonlyMap<string, unknown> {
  if (known === undefined) {
    const m = new Map<string, unknown>();
    for (const p of allParameters()) m.set(p.name, p.periods[p.periods.length - 1]?.value);
    known = m;
  }
  return known;
}

/** Whether `value` has the shape of `model`: same type, integers for integers, same keys, recursively. */
function sameShape(value: unknown, model: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (typeof model === 'number') return typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(model) || Number.isSafeInteger(value)) && value >= 0;
  if (model === null) return value === null || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
  if (typeof model !== 'object') return typeof value === typeof model;
  if (Array.isArray(model)) {
    return Array.isArray(value) && value.length > 0 && value.length <= 64 && value.every((v) => sameShape(v, model[0], depth + 1));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(model as object);
  const got = Object.keys(value);
  return got.length === keys.length && keys.every((k) => Object.hasOwn(value, k) && sameShape((value as Record<string, unknown>)[k], (model as Record<string, unknown>)[k], depth + 1));
}

const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= 2000;

/** The overrides by name, as parameter periods; or the typed issues (one per bad override). */
export function checkOverrides(list: unknown): Result<ReadonlyMap<string, readonly ParameterPeriod<unknown>[]> | undefined, EvaluateIssueCode> {
  if (list === undefined) return ok(undefined);
  const issues: Issue<EvaluateIssueCode>[] = [];
  const bad = (i: number, what: { it: string; en: string }, field?: string): void => {
    issues.push(
      createIssue<EvaluateIssueCode>('rei.evaluate.invalid_parameter', { it: `Parametro ${i + 1}: ${what.it}`, en: `Parameter ${i + 1}: ${what.en}` }, {
        path: ['parameters', i, ...(field === undefined ? [] : [field])],
      }),
    );
  };
  if (!Array.isArray(list) || list.length > MAX_OVERRIDES) {
    return fail([
      createIssue<EvaluateIssueCode>('rei.evaluate.invalid_parameter', { it: `Parametri: un elenco di al massimo ${MAX_OVERRIDES} sostituzioni`, en: `Parameters: a list of at most ${MAX_OVERRIDES} overrides` }, { path: ['parameters'] }),
    ]);
  }
  const byName = new Map<string, ParameterPeriod<unknown>[]>();
  list.forEach((o: unknown, i): void => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return bad(i, { it: 'non è un oggetto', en: 'not an object' });
    const { name, from, to, value, ref, source, status } = o as Partial<Record<keyof ParameterOverride, unknown>>;
    const params = knownParameters();
    if (typeof name !== 'string' || !params.has(name)) {
      issues.push(
        createIssue<EvaluateIssueCode>(
          'rei.evaluate.unknown_parameter',
          { it: `Parametro ${i + 1}: nome sconosciuto (vedi allParameters())`, en: `Parameter ${i + 1}: unknown name (see allParameters())` },
          { path: ['parameters', i, 'name'], params: { name: typeof name === 'string' ? name.slice(0, 80) : null } },
        ),
      );
      return;
    }
    if (!isIsoDate(from)) return bad(i, { it: 'data di inizio non valida (AAAA-MM-GG)', en: 'invalid start date (YYYY-MM-DD)' }, 'from');
    if (to !== undefined && (!isIsoDate(to) || compareIsoDate(to, from) < 0)) return bad(i, { it: 'data di fine non valida o prima dell’inizio', en: 'end date invalid or before the start' }, 'to');
    const r = ref as { act?: unknown; article?: unknown } | null;
    if (r === null || typeof r !== 'object' || !text(r.act) || !text(r.article)) return bad(i, { it: 'atto e articolo obbligatori', en: 'act and article required' }, 'ref');
    if (!text(source)) return bad(i, { it: 'fonte obbligatoria', en: 'source required' }, 'source');
    if (status !== undefined && !STATUSES.includes(status as ParameterStatus)) return bad(i, { it: `stato: uno tra ${STATUSES.join(', ')}`, en: `status: one of ${STATUSES.join(', ')}` }, 'status');
    if (!sameShape(value, params.get(name))) return bad(i, { it: `valore di forma diversa da quella di ${name}`, en: `value not shaped like ${name}'s` }, 'value');
    const period: ParameterPeriod<unknown> = {
      from: from as IsoDate,
      ...(to === undefined ? {} : { to: to as IsoDate }),
      value: structuredClone(value),
      ref: { act: r.act as string, article: r.article as string },
      status: (status as ParameterStatus | undefined) ?? 'unverified',
      source: source as string,
    };
    const periods = byName.get(name) ?? [];
    const overlaps = periods.some((q) => (q.to === undefined || compareIsoDate(period.from, q.to) <= 0) && (period.to === undefined || compareIsoDate(q.from, period.to) <= 0));
    if (overlaps) return bad(i, { it: `periodo sovrapposto a un'altra sostituzione di ${name}`, en: `period overlaps another override of ${name}` }, 'from');
    periods.push(period);
    byName.set(name, periods);
  });
  if (issues.length > 0) return fail(issues as [Issue<EvaluateIssueCode>, ...Issue<EvaluateIssueCode>[]]);
  return ok(byName);
}
