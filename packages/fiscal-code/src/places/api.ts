// SPDX-License-Identifier: BSD-3-Clause
/**
 * Look-ups of birthplaces (Italian comuni and foreign states) by Belfiore code or name, as of a date.
 * @module
 */
import { isIsoDate, type IsoDate } from '@riuso-sociale/core';
import { throwIssue } from '../internal/messages.js';
import type { Place, PlaceKind } from '../types.js';
import { hasAccent, PLACE_NAME_MAX, placeReadings, sameWritten } from './query.js';
import { foldPlaceName, periodFor, placeStore, validOn } from './store.js';

/** Options of {@link getPlace}. */
export interface GetPlaceOptions {
  /** Return the period valid on this day (`YYYY-MM-DD`); without it, the latest period. */
  readonly date?: string;
}

function dateOption(date: string | undefined): IsoDate | null {
  if (date === undefined) return null;
  if (!isIsoDate(date)) throwIssue('cf.option', { detail: 'date (YYYY-MM-DD)' });
  return date;
}

/**
 * The place with a Belfiore code: the period valid on `date`, or `null` when the code is unknown
 * or not valid on that day. Without a date, the latest period (current name and province).
 *
 * @example
 * ```ts
 * import { getPlace } from '@riuso-sociale/fiscal-code';
 * getPlace('H501')?.name;                      // 'Roma'
 * getPlace('F059', { date: '1953-01-01' });    // null: Mattinata was created in 1955
 * getPlace('Z110')?.kind;                      // 'stato-estero'
 * ```
 */
export function getPlace(code: string, options: GetPlaceOptions = {}): Place | null {
  const date = dateOption(options.date);
  const periods = placeStore().byCode.get(String(code).trim().toUpperCase());
  if (periods === undefined) return null;
  const found = periodFor(periods, date);
  return found.valid ? found.place : null;
}

/**
 * Every validity period known for a Belfiore code, oldest first (empty when unknown).
 *
 * @example
 * ```ts
 * import { getPlaceHistory } from '@riuso-sociale/fiscal-code';
 * getPlaceHistory('B131').at(-1)?.validTo; // Bregano, suppressed: a date, not null
 * ```
 */
export function getPlaceHistory(code: string): readonly Place[] {
  return placeStore().byCode.get(String(code).trim().toUpperCase()) ?? [];
}

/** A search of {@link findPlaces}. */
export interface PlaceQuery {
  /** The name: accents, case, apostrophes, spaces and dashes do not matter. */
  readonly name: string;
  /** Province abbreviation (`RM`), to tell apart comuni with the same name. */
  readonly province?: string;
  /** Only places valid on this day (`YYYY-MM-DD`). */
  readonly date?: string;
  /** Only comuni or only foreign states. */
  readonly kind?: PlaceKind;
  /** `exact` (default) or `prefix` (for autocompletes). */
  readonly match?: 'exact' | 'prefix';
  /** At most this many results (default: all). */
  readonly limit?: number;
}

/**
 * Places whose name matches, one entry per Belfiore code (the period valid on `date`, or the
 * latest matching period), sorted by name; when the name was typed with accents, the places
 * written exactly so come first (`Paternò` → G371 before Paterno M269; a plain `Paterno` keeps
 * the name order, both are candidates).
 *
 * The name is read as people write it: `Torino (TO)`, `Torino, TO`, `TORINO TO` (a province of
 * the table as last word), `Torino, Italia` / `Torino, Italy` (comuni only), or a Belfiore code
 * (`H501`). A name that matches as written wins over these readings (`Arena Po` is a comune).
 * Names over 200 characters match nothing.
 *
 * @throws {@link FiscalCodeError} `cf.option` when an option has the wrong type or value.
 * @example
 * ```ts
 * import { findPlaces } from '@riuso-sociale/fiscal-code';
 * findPlaces({ name: 'forli' }).map((p) => p.code);           // ['D704'] (Forlì)
 * findPlaces({ name: 'Torino (TO)' }).map((p) => p.code);     // ['L219']
 * findPlaces({ name: 'Fiume' }).length > 1;                    // true: give the province
 * findPlaces({ name: 'sant', match: 'prefix', limit: 5 });     // for an autocomplete
 * ```
 */
export function findPlaces(query: PlaceQuery): Place[] {
  if (query === null || typeof query !== 'object' || typeof query.name !== 'string') {
    throwIssue('cf.option', { detail: 'name' });
  }
  const date = dateOption(query.date);
  if (query.province !== undefined && typeof query.province !== 'string') throwIssue('cf.option', { detail: 'province (string)' });
  if (query.kind !== undefined && query.kind !== 'comune' && query.kind !== 'stato-estero') throwIssue('cf.option', { detail: "kind ('comune' | 'stato-estero')" });
  if (query.match !== undefined && query.match !== 'exact' && query.match !== 'prefix') throwIssue('cf.option', { detail: "match ('exact' | 'prefix')" });
  if (query.limit !== undefined && (typeof query.limit !== 'number' || Number.isNaN(query.limit))) throwIssue('cf.option', { detail: 'limit (number)' });
  const province = query.province === undefined ? undefined : query.province.trim().toUpperCase();
  if (query.name.length > PLACE_NAME_MAX) return [];
  const trimmed = query.name.trim();
  let result: Place[];
  if (BELFIORE_NAME.test(trimmed)) {
    result = byCodeQuery(trimmed.toUpperCase(), province, query.kind, date);
  } else {
    result = search(query.name, query.match === 'prefix', province, query.kind, date);
    if (result.length === 0) {
      for (const r of placeReadings(query.name)) {
        if (province !== undefined && r.province !== undefined && r.province !== province) continue;
        if (query.kind !== undefined && r.kind !== undefined && r.kind !== query.kind) continue;
        result = search(r.name, query.match === 'prefix', province ?? r.province, query.kind ?? r.kind, date);
        if (result.length > 0) break;
      }
    }
    if (hasAccent(trimmed) && result.length > 1) {
      const exact = result.filter((p) => sameWritten(p.name, trimmed));
      if (exact.length > 0 && exact.length < result.length) result = [...exact, ...result.filter((p) => !exact.includes(p))];
    }
  }
  return query.limit === undefined ? result : result.slice(0, Math.max(0, query.limit));
}

const BELFIORE_NAME = /^[A-Za-z]\d{3}$/;

function byCodeQuery(code: string, province: string | undefined, kind: PlaceKind | undefined, date: IsoDate | null): Place[] {
  const periods = placeStore().byCode.get(code);
  if (periods === undefined) return [];
  const found = periodFor(periods, date);
  if (!found.valid) return [];
  const p = found.place;
  if (province !== undefined && p.province !== province) return [];
  if (kind !== undefined && p.kind !== kind) return [];
  return [p];
}

function search(name: string, prefix: boolean, province: string | undefined, kind: PlaceKind | undefined, date: IsoDate | null): Place[] {
  const key = foldPlaceName(name);
  if (key === '') return [];
  const store = placeStore();
  let periods: readonly Place[];
  if (prefix) {
    const found: Place[] = [];
    for (const [n, list] of store.byName) if (n.startsWith(key)) found.push(...list);
    periods = found;
  } else {
    periods = store.byName.get(key) ?? [];
  }
  const byCode = new Map<string, Place>();
  for (const p of periods) {
    if (province !== undefined && p.province !== province) continue;
    if (kind !== undefined && p.kind !== kind) continue;
    if (date !== null && !validOn(p, date)) continue;
    const seen = byCode.get(p.code);
    if (seen === undefined || (seen.validFrom ?? '') < (p.validFrom ?? '')) byCode.set(p.code, p);
  }
  return [...byCode.values()].sort(compareByName);
}

function compareByName(a: Place, b: Place): number {
  return a.name.localeCompare(b.name, 'it') || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Options of {@link listPlaces}. */
export interface ListPlacesOptions {
  /** Only places valid on this day (`YYYY-MM-DD`); without it, every code with its latest period. */
  readonly date?: string;
  /** Only comuni or only foreign states. */
  readonly kind?: PlaceKind;
}

/**
 * The list of places, one entry per code, sorted by name: the source of a birthplace select or
 * autocomplete.
 *
 * @example
 * ```ts
 * import { listPlaces } from '@riuso-sociale/fiscal-code';
 * const comuniOggi = listPlaces({ kind: 'comune', date: '2025-01-01' });
 * const stati = listPlaces({ kind: 'stato-estero' });
 * ```
 */
export function listPlaces(options: ListPlacesOptions = {}): Place[] {
  const date = dateOption(options.date);
  const out: Place[] = [];
  for (const periods of placeStore().byCode.values()) {
    const found = periodFor(periods, date);
    if (!found.valid) continue;
    if (options.kind !== undefined && found.place.kind !== options.kind) continue;
    out.push(found.place);
  }
  return out.sort(compareByName);
}
