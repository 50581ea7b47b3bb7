// SPDX-License-Identifier: BSD-3-Clause
import { fromEpochDay, toEpochDay, type IsoDate } from '@riuso-sociale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePlaceTable, type PlaceRowInput } from '../../scripts/places-codec.mjs';
import { PLACES_DATA } from '../internal/places-data.js';
import { decodePlaceTable, PLACE_DATE_EPOCH, PLACE_DEFAULT_FROM, type PlaceRow } from './codec.js';

/** Order-independent key of a row set. */
const canon = (rows: readonly PlaceRowInput[]): string[] =>
  rows.map((r) => JSON.stringify([r.code, r.from, r.to, r.area, r.name])).sort();

const row = (code: string, name: string, area: string | null, from: string | null, to: string | null): PlaceRowInput =>
  ({ code, name, area, from, to });

describe('place table codec v1: real table', () => {
  const rows = decodePlaceTable(PLACES_DATA);

  it('decodes the generated table and re-encodes it to the same bytes', () => {
    expect(rows.length).toBeGreaterThan(10_000);
    expect(encodePlaceTable(rows)).toBe(PLACES_DATA);
  });

  it('is sorted by code, then start date', () => {
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1] as PlaceRow;
      const b = rows[i] as PlaceRow;
      expect(a.code <= b.code).toBe(true);
      if (a.code === b.code) expect((a.from ?? '') <= (b.from ?? '')).toBe(true);
    }
  });

  it('holds known places', () => {
    expect(rows.find((r) => r.code === 'H501')).toEqual({ code: 'H501', name: 'Roma', area: 'RM', from: '1884-09-11', to: null });
    // ceased: ANPR DATACESSAZIONE 1928-12-05, marketto expirationDate 1928-12-06T23:59:59.999Z
    expect(rows.find((r) => r.code === 'A003')).toMatchObject({ name: 'Abbadia Alpina', from: '1864-04-01', to: '1928-12-05' });
    // ceased before 1893-11-01: marketto's expirationDate is the last valid day itself
    expect(rows.find((r) => r.code === 'A659')).toMatchObject({ from: PLACE_DEFAULT_FROM, to: '1878-06-21' });
    // foreign states: marketto's 1861-01-01 start is a placeholder, so unknown
    expect(rows.find((r) => r.code === 'Z114')).toEqual({ code: 'Z114', name: 'Regno Unito', area: 'GB', from: null, to: null });
    expect(rows.find((r) => r.code === 'Z105')).toEqual({ code: 'Z105', name: 'Cecoslovacchia', area: null, from: null, to: '1992-12-31' });
    // mojibake repaired
    expect(rows.find((r) => r.code === 'C744')?.name).toBe('Città della Pieve');
    expect(rows.find((r) => r.code === 'M273')?.name).toBe('Santa Maria la Carità');
  });
});

describe('place table codec v1: encoder', () => {
  it('matches the decoder example', () => {
    expect(encodePlaceTable([row('H501', 'Roma', 'RM', '1861-03-17', null)])).toBe('5se|||RM|0Roma');
    expect(encodePlaceTable([])).toBe('');
    expect(decodePlaceTable('')).toEqual([]);
  });

  it('sorts by code then start, whatever the input order', () => {
    const rows = [
      row('H501', 'Roma', 'RM', '1884-09-11', null),
      row('A089', 'Agrigento', 'AG', '1927-07-27', null),
      row('A089', 'Girgenti', 'AG', '1861-03-17', '1927-07-26'),
    ];
    const text = encodePlaceTable(rows);
    expect(text).toBe(encodePlaceTable([...rows].reverse()));
    expect(decodePlaceTable(text).map((r) => `${r.code} ${r.name}`)).toEqual(['A089 Girgenti', 'A089 Agrigento', 'H501 Roma']);
  });

  it('writes dates before the epoch as negative offsets and unknown starts as ?', () => {
    const text = encodePlaceTable([row('A001', 'Prima', null, '1800-01-01', '1860-12-31'), row('Z999', 'Ignoto', 'XX', null, null)]);
    const [first, second] = text.split('\n');
    expect(first).toBe(`2|-${(toEpochDay(PLACE_DATE_EPOCH) - toEpochDay('1800-01-01' as IsoDate)).toString(36)}|-1||0Prima`);
    expect(second?.split('|')[1]).toBe('?');
    expect(decodePlaceTable(text)).toEqual([
      { code: 'A001', name: 'Prima', area: null, from: '1800-01-01', to: '1860-12-31' },
      { code: 'Z999', name: 'Ignoto', area: 'XX', from: null, to: null },
    ]);
  });

  it('caps the shared name prefix at 35 characters', () => {
    const base = 'San Giovanni in Persiceto di Sopra e di Sotto';
    const text = encodePlaceTable([row('A001', `${base} Uno`, null, null, null), row('A002', `${base} Due`, null, null, null)]);
    expect(text.split('\n')[1]).toBe(`|?|||z${base.slice(35)} Due`);
    expect(decodePlaceTable(text).map((r) => r.name)).toEqual([`${base} Uno`, `${base} Due`]);
  });

  it.each([
    ['a lower-case code', row('h501', 'Roma', 'RM', null, null), /code/],
    ['a short code', row('H50', 'Roma', 'RM', null, null), /code/],
    ['a non-date', row('H501', 'Roma', 'RM', '1884-9-11', null), /from/],
    ['an impossible date', row('H501', 'Roma', 'RM', null, '2023-02-29'), /to/],
    ['year 0', row('H501', 'Roma', 'RM', '0000-01-01', null), /from/],
    ['from after to', row('H501', 'Roma', 'RM', '1900-01-02', '1900-01-01'), /from is after to/],
    ['a | in the name', row('H501', 'Ro|ma', 'RM', null, null), /name/],
    ['a newline in the area', row('H501', 'Roma', 'R\nM', null, null), /area/],
    ['an empty name', row('H501', '', 'RM', null, null), /name/],
    ['an empty area', row('H501', 'Roma', '', null, null), /area/],
  ])('rejects %s, naming the row', (_label, bad, why) => {
    const rows = [row('A001', 'Buono', 'PD', null, null), bad];
    expect(() => encodePlaceTable(rows)).toThrow(why);
    expect(() => encodePlaceTable(rows)).toThrow(/place row 1 \{"code"/);
  });
});

describe('place table codec v1: round trip (property)', () => {
  const MIN_DAY = toEpochDay('0001-01-01' as IsoDate);
  const MAX_DAY = toEpochDay('9999-12-31' as IsoDate);
  const PREFIXES = ['', 'S', 'San ', 'Santa Maria ', 'San Giovanni in Persiceto di Sopra e di Sotto ', 'Z'.repeat(60)];

  const code = fc.oneof(
    fc.constantFrom('A001', 'A089', 'H501', 'M438', 'Z100', 'A000', 'Z999'),
    fc.integer({ min: 0, max: 25_999 }).map((n) => String.fromCharCode(65 + Math.floor(n / 1000)) + String(n % 1000).padStart(3, '0')),
  );
  const text = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[|\n]/g, '_'));
  const name = fc.tuple(fc.constantFrom(...PREFIXES), text).map(([p, s]) => p + s).filter((s) => s !== '');
  const area = fc.option(fc.constantFrom('RM', 'AG', 'FU', 'GB', 'Ü', 'X'), { nil: null });
  const day = fc.oneof(
    fc.integer({ min: MIN_DAY, max: MAX_DAY }),
    fc.integer({ min: toEpochDay('1800-01-01' as IsoDate), max: toEpochDay('2030-12-31' as IsoDate) }),
    fc.constant(toEpochDay(PLACE_DEFAULT_FROM)),
    fc.constant(toEpochDay(PLACE_DATE_EPOCH)),
  );
  // A start day (kept, or replaced by "unknown") and an optional length: several periods, dates
  // before 1861 (negative offsets), the default start and unknown starts all occur.
  const period = fc
    .record({ start: day, unknown: fc.boolean(), len: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }) })
    .map(({ start, unknown, len }) => ({
      from: unknown ? null : fromEpochDay(start),
      to: len === null ? null : fromEpochDay(Math.min(MAX_DAY, start + len)),
    }));
  const placeRow = fc.record({ code, name, area, period }).map(({ code, name, area, period }) => row(code, name, area, period.from, period.to));

  it('decode(encode(rows)) returns the same rows, sorted', () => {
    fc.assert(
      fc.property(fc.array(placeRow, { maxLength: 40 }), (rows) => {
        const encoded = encodePlaceTable(rows);
        const decoded = decodePlaceTable(encoded);
        expect(canon(decoded)).toEqual(canon(rows));
        expect(encodePlaceTable(decoded)).toBe(encoded);
        for (let i = 1; i < decoded.length; i++) expect((decoded[i - 1] as PlaceRow).code <= (decoded[i] as PlaceRow).code).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps several periods of one code', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, period), { minLength: 2, maxLength: 8 }), (periods) => {
        const rows = periods.map(([n, p]) => row('H501', n, 'RM', p.from, p.to));
        const decoded = decodePlaceTable(encodePlaceTable(rows));
        expect(decoded).toHaveLength(rows.length);
        expect(canon(decoded)).toEqual(canon(rows));
      }),
      { numRuns: 200 },
    );
  });
});

describe('decodePlaceTable rejects corrupt tables', () => {
  it.each([
    ['too few fields', '5se||RM|0Roma'],
    ['too many fields', '5se|||RM|0Roma|x'],
    ['a negative code delta', '-1|||RM|0Roma'],
    ['a non-base-36 code delta', '!|||RM|0Roma'],
    ['a code past Z999', `${(26_001).toString(36)}|||RM|0Roma`],
    ['a bad start date', '5se|1.5||RM|0Roma'],
    ['an upper-case date', '5se|A||RM|0Roma'],
    ['a bad end date', '5se||x y|RM|0Roma'],
    ['a missing name prefix digit', '5se|||RM|'],
    ['a name prefix longer than the previous name', '5se|||RM|1Roma'],
    ['a bad second row', '5se|||RM|0Roma\n|||RM|!x'],
    ['a trailing newline', '5se|||RM|0Roma\n'],
  ])('%s', (_label, data) => {
    expect(() => decodePlaceTable(data)).toThrow(/place table corrupt at row \d+/);
  });
});
