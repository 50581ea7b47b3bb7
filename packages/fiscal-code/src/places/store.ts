// SPDX-License-Identifier: BSD-3-Clause
/**
 * The place table, decoded and indexed on first use (never at import time).
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import { PLACES_DATA } from '../internal/places-data.js';
import type { BelfioreCode, Place } from '../types.js';
import { decodePlaceTable } from './codec.js';

/** Indexes over the table. */
export interface PlaceStore {
  /** Every period, sorted by code then start date. */
  readonly all: readonly Place[];
  /** Periods of each code, oldest first. */
  readonly byCode: ReadonlyMap<string, readonly Place[]>;
  /** Periods by folded name (see {@link foldPlaceName}). */
  readonly byName: ReadonlyMap<string, readonly Place[]>;
}

let store: PlaceStore | undefined;

/**
 * Folds a place name for matching: accents removed, upper case, only letters and digits kept
 * (`Forlì` = `FORLI`, `Sant'Angelo` = `Sant Angelo` = `SANTANGELO`).
 */
export function foldPlaceName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) out += name.charAt(i);
    else if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32);
    else if (c >= 128) {
      // Rare: accents and other scripts take the full Unicode path.
      return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z0-9]/g, '');
    }
  }
  return out;
}

/** Builds the indexes from rows (exported for tests and for adopters' own tables). */
export function buildStore(data: string): PlaceStore {
  const all: Place[] = decodePlaceTable(data).map((r) => {
    const foreign = r.code.charCodeAt(0) === 90; // Z
    return Object.freeze({
      code: r.code as BelfioreCode,
      name: r.name,
      province: foreign ? null : r.area,
      countryCode: foreign ? r.area : null,
      kind: foreign ? 'stato-estero' : 'comune',
      validFrom: r.from,
      validTo: r.to,
    } satisfies Place);
  });
  const byCode = new Map<string, Place[]>();
  const byName = new Map<string, Place[]>();
  for (const p of all) {
    let list = byCode.get(p.code);
    if (list === undefined) byCode.set(p.code, (list = []));
    list.push(p);
    const key = foldPlaceName(p.name);
    let named = byName.get(key);
    if (named === undefined) byName.set(key, (named = []));
    named.push(p);
  }
  return { all, byCode, byName };
}

/** The shared store of the embedded table. */
export function placeStore(): PlaceStore {
  return (store ??= buildStore(PLACES_DATA));
}

/** Whether a period is valid on a date (unknown start counts as always valid before the end). */
export function validOn(place: Place, date: IsoDate): boolean {
  return (place.validFrom === null || place.validFrom <= date) && (place.validTo === null || date <= place.validTo);
}

/**
 * The period of `code` valid on `date`; when none is, the closest one in time (a code issued
 * for a place that did not yet or no longer exist on that day, as the tax agency sometimes did).
 */
export function periodFor(periods: readonly Place[], date: IsoDate | null): { place: Place; valid: boolean } {
  if (date === null) return { place: periods[periods.length - 1] as Place, valid: true };
  let closest = periods[0] as Place;
  for (const p of periods) {
    if (validOn(p, date)) return { place: p, valid: true };
    if (p.validFrom === null || p.validFrom <= date) closest = p;
  }
  // Before every period: the first one; otherwise the latest period that started before the date.
  return { place: closest, valid: false };
}
