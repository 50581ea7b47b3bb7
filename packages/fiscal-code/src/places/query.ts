// SPDX-License-Identifier: BSD-3-Clause
/**
 * Place names as operators type them: "Torino (TO)", "Torino, Italia", "TORINO TO", a Belfiore
 * code in the name field; a bounded echo of the typed name for messages; suggestions for a name
 * that matches nothing, derived from the table (no hand-made aliases).
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import type { Place } from '../types.js';
import { foldPlaceName, placeStore, validOn } from './store.js';

/** Longest typed place name echoed in messages (the longest name in the table has 47 characters). */
export const PLACE_ECHO_MAX = 64;

/**
 * Longest typed place name that is looked up at all: longer ones match nothing, without folding
 * (a 10 MB "name" costs nothing). Four times the longest name of the table, for the readings
 * ("Torino (TO), Italia") and generous spacing.
 */
export const PLACE_NAME_MAX = 200;

/** The typed place name for a message: controls removed, spaces collapsed, at most {@link PLACE_ECHO_MAX} characters. */
export function echoPlaceName(name: string): string {
  const head = name.length > PLACE_ECHO_MAX * 4 ? name.slice(0, PLACE_ECHO_MAX * 4) : name;
  const clean = head.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  return chars.length > PLACE_ECHO_MAX || name.length > head.length ? `${chars.slice(0, PLACE_ECHO_MAX - 1).join('')}…` : clean;
}

/** One reading of a typed place name. */
export interface PlaceReading {
  readonly name: string;
  /** Province written next to the name (`TO`). */
  readonly province?: string;
  /** `comune` when the name was followed by ", Italia" / ", Italy". */
  readonly kind?: 'comune';
}

let provinces: ReadonlySet<string> | undefined;
function knownProvinces(): ReadonlySet<string> {
  return (provinces ??= new Set(placeStore().all.flatMap((p) => (p.province === null ? [] : [p.province]))));
}

const ITALY = /^(.*\S)\s*,\s*(?:italia|italy)\.?$/i;
const PAREN_PROVINCE = /^(.*\S)\s*\(\s*([A-Za-z]{2})\s*\)$/;
const COMMA_PROVINCE = /^(.*\S)\s*,\s*([A-Za-z]{2})$/;
const SPACE_PROVINCE = /^(.*\S)\s+([A-Za-z]{2})$/;

/**
 * Other readings of a typed name, to try when it matches nothing as written: without ", Italia",
 * with a province in parentheses, after a comma or as a last two-letter word ("TORINO TO", only
 * when the two letters are a province of the table: "Arena Po" is a comune and matches as written).
 */
export function placeReadings(raw: string): PlaceReading[] {
  if (raw.length > PLACE_ECHO_MAX * 2) return [];
  let name = raw.trim();
  let kind: 'comune' | undefined;
  const italy = ITALY.exec(name);
  if (italy !== null) {
    name = italy[1] as string;
    kind = 'comune';
  }
  const out: PlaceReading[] = [];
  const withKind = (r: { name: string; province?: string }): PlaceReading => (kind === undefined ? r : { ...r, kind });
  const m = PAREN_PROVINCE.exec(name) ?? COMMA_PROVINCE.exec(name) ?? SPACE_PROVINCE.exec(name);
  if (m !== null) {
    const province = (m[2] as string).toUpperCase();
    if (knownProvinces().has(province)) out.push(withKind({ name: m[1] as string, province }));
  }
  if (kind !== undefined) out.push(withKind({ name }));
  return out;
}

/** Whether a string has letters outside ASCII (an accent the operator took the trouble to type). */
export function hasAccent(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return true;
  return false;
}

/** Case-insensitive comparison of names as written (accents count). */
export function sameWritten(a: string, b: string): boolean {
  return a.normalize('NFC').toLocaleLowerCase('it') === b.normalize('NFC').toLocaleLowerCase('it');
}

function words(name: string): string[] {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().split(/[^A-Z0-9]+/).filter((w) => w !== '');
}

/** Damerau–Levenshtein (optimal string alignment) distance, or `limit + 1` once it exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * Up to `limit` places whose name is close to a name that matched nothing, best first: names that
 * start with it ("Stati Uniti" → Stati Uniti d'America) or contain each of its words ("Reggio
 * Emilia" → Reggio nell'Emilia), then names within a small edit distance (typos). Places valid on
 * `date` come first among equals.
 */
export function suggestPlaces(raw: string, date: IsoDate | null, limit = 3): Place[] {
  const reading = placeReadings(raw)[0];
  const typed = reading?.name ?? raw;
  const key = foldPlaceName(typed.length > PLACE_ECHO_MAX * 2 ? '' : typed);
  if (key.length < 3 || key.length > PLACE_ECHO_MAX) return [];
  const typedWords = words(typed);
  const maxEdits = key.length <= 5 ? 1 : key.length <= 10 ? 2 : 3;
  const scored: { place: Place; score: number }[] = [];
  for (const periods of placeStore().byCode.values()) {
    const place = (date === null ? undefined : periods.find((p) => validOn(p, date))) ?? (periods[periods.length - 1] as Place);
    if (reading?.province !== undefined && place.province !== reading.province) continue;
    if (reading?.kind !== undefined && place.kind !== reading.kind) continue;
    const name = foldPlaceName(place.name);
    let score: number;
    if (name.startsWith(key)) score = name.length - key.length;
    else {
      const placeWords = words(place.name);
      if (typedWords.length > 1 && typedWords.every((w) => placeWords.some((pw) => pw.startsWith(w)))) score = name.length - key.length;
      else {
        const d = distance(key, name, maxEdits);
        if (d > maxEdits) continue;
        score = 1000 + d;
      }
    }
    if (date !== null && !validOn(place, date)) score += 500;
    scored.push({ place, score });
  }
  scored.sort((a, b) => a.score - b.score || a.place.name.localeCompare(b.place.name, 'it') || (a.place.code < b.place.code ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.place);
}

/** A place for a message: `Reggio nell'Emilia (RE) H223`, with its validity when asked. */
export function describePlace(p: Place, withPeriod = false): string {
  const area = p.province ?? p.countryCode;
  const period = withPeriod ? ` ${p.validFrom ?? '…'} – ${p.validTo ?? '…'}` : '';
  return `${p.name}${area === null ? '' : ` (${area})`} ${p.code}${period}`;
}
