// SPDX-License-Identifier: BSD-3-Clause
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { it as itLocale } from 'date-fns/locale/it';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRiusoError } from './error.js';
import { formatDateNumeric } from './date-numeric.js';
import { dateText, formatDate, type FormatDateOptions } from './format-date.js';
import { fromEpochDay, isIsoDate, makeIsoDate, toEpochDay, type IsoDate } from './iso-date.js';
import { todayInItaly } from './today.js';

const d = (s: string): IsoDate => {
  if (!isIsoDate(s)) throw new Error(`bad test date ${s}`);
  return s;
};

describe('formatDate', () => {
  it.each([
    // the first of a month is an ordinal in Italian only
    ['2025-03-01', '1° marzo 2025', '1 March 2025', '01/03/2025'],
    ['2024-01-01', '1° gennaio 2024', '1 January 2024', '01/01/2024'],
    ['1980-03-03', '3 marzo 1980', '3 March 1980', '03/03/1980'],
    // 29 February, leap and centennial leap years
    ['2024-02-29', '29 febbraio 2024', '29 February 2024', '29/02/2024'],
    ['2000-02-29', '29 febbraio 2000', '29 February 2000', '29/02/2000'],
    // year ends and starts
    ['1999-12-31', '31 dicembre 1999', '31 December 1999', '31/12/1999'],
    ['2000-01-01', '1° gennaio 2000', '1 January 2000', '01/01/2000'],
    // years before 1900 (births in old registers, comuni suppressed in the 1800s)
    ['1861-03-17', '17 marzo 1861', '17 March 1861', '17/03/1861'],
    ['1899-12-31', '31 dicembre 1899', '31 December 1899', '31/12/1899'],
    ['1582-10-15', '15 ottobre 1582', '15 October 1582', '15/10/1582'],
    // the ends of the IsoDate range (proleptic Gregorian)
    ['0001-01-01', '1° gennaio 1', '1 January 1', '01/01/0001'],
    ['0099-12-31', '31 dicembre 99', '31 December 99', '31/12/0099'],
    ['9999-12-31', '31 dicembre 9999', '31 December 9999', '31/12/9999'],
  ])('%s → %s / %s / %s', (iso, itLong, enLong, numeric) => {
    expect(formatDate(d(iso))).toBe(itLong);
    expect(formatDate(d(iso), { lang: 'it', style: 'long' })).toBe(itLong);
    expect(formatDate(d(iso), { lang: 'en' })).toBe(enLong);
    expect(formatDate(d(iso), { style: 'numeric' })).toBe(numeric);
    expect(formatDate(d(iso), { lang: 'en', style: 'numeric' })).toBe(numeric);
  });

  it.each([
    ['2024-01-01', 'on', 'il 1° gennaio 2024', 'on 1 January 2024'],
    ['2024-03-08', 'on', "l'8 marzo 2024", 'on 8 March 2024'],
    ['2024-03-11', 'on', "l'11 marzo 2024", 'on 11 March 2024'],
    ['2024-03-18', 'on', 'il 18 marzo 2024', 'on 18 March 2024'],
    ['2024-01-01', 'from', 'dal 1° gennaio 2024', 'from 1 January 2024'],
    ['2024-05-08', 'from', "dall'8 maggio 2024", 'from 8 May 2024'],
    ['2024-05-11', 'from', "dall'11 maggio 2024", 'from 11 May 2024'],
    ['2024-12-31', 'to', 'al 31 dicembre 2024', 'to 31 December 2024'],
    ['2024-12-08', 'to', "all'8 dicembre 2024", 'to 8 December 2024'],
    ['2025-03-12', 'of', 'del 12 marzo 2025', 'of 12 March 2025'],
    ['2025-03-11', 'of', "dell'11 marzo 2025", 'of 11 March 2025'],
    ['2025-03-01', 'of', 'del 1° marzo 2025', 'of 1 March 2025'],
  ] as const)('%s with %s → %s / %s', (iso, preposition, itText, enText) => {
    expect(formatDate(d(iso), { preposition })).toBe(itText);
    expect(formatDate(d(iso), { preposition, lang: 'en' })).toBe(enText);
  });

  it('elides the article before a numeric 08 and 11 as well', () => {
    expect(formatDate(d('2024-03-08'), { style: 'numeric', preposition: 'from' })).toBe("dall'08/03/2024");
    expect(formatDate(d('2024-03-01'), { style: 'numeric', preposition: 'on' })).toBe('il 01/03/2024');
  });

  it('numeric style reads back to the same date, for every date 0001–9999, in every zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, day) => {
        const date = makeIsoDate(y, m, day);
        if (date === null) return;
        const [dd, mm, yyyy] = formatDate(date, { style: 'numeric' }).split('/');
        expect(`${yyyy}-${mm}-${dd}`).toBe(date);
      }),
      { numRuns: 2000 },
    );
  });

  it('long style: day, month word, year; the ordinal mark on day 1 only (Italian)', () => {
    const months = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, day) => {
        const date = makeIsoDate(y, m, day);
        if (date === null) return;
        expect(formatDate(date)).toBe(`${day}${day === 1 ? '°' : ''} ${months[m - 1]} ${y}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not an existing ISO date, with a typed error that does not echo the value', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '01/03/2025', '', '2024-1-1', '10000-01-01', '0000-01-01']) {
      let caught: unknown;
      try {
        formatDate(bad as IsoDate);
      } catch (e) {
        caught = e;
      }
      expect(isRiusoError(caught, 'core.date_invalid')).toBe(true);
      if (bad !== '') expect((caught as Error).message).not.toContain(bad);
    }
    expect(() => formatDate(undefined as unknown as IsoDate)).toThrow(/core|AAAA-MM-GG/);
    expect(() => formatDate(new Date() as unknown as IsoDate)).toThrow(/AAAA-MM-GG/);
  });

  it('refuses options outside their values instead of guessing', () => {
    const date = d('2024-03-01');
    for (const bad of [{ lang: 'fr' }, { style: 'short' }, { preposition: 'since' }, { preposition: '__proto__' }, { lang: 'toString' }]) {
      let caught: unknown;
      try {
        formatDate(date, bad as unknown as FormatDateOptions);
      } catch (e) {
        caught = e;
      }
      expect(isRiusoError(caught, 'core.date_format_option')).toBe(true);
    }
  });
});

describe('long style: the text of date-fns format with its it and enGB locales', () => {
  // The reference formatDate had before its month table (and which must not change): date-fns `format`
  // on a UTC `TZDate` at noon of the date, `d MMMM y` (`d'°' MMMM y` on the first of a month, Italian),
  // after the preposition in its form for the day, the article elided before 8 and 11 ("l'8", "dall'11").
  const byDateFns = (date: IsoDate, lang: 'it' | 'en', preposition?: 'on' | 'from' | 'to' | 'of'): string => {
    const [y, m, day] = date.split('-').map(Number) as [number, number, number];
    const utcNoon = new Date(0);
    utcNoon.setUTCFullYear(y, m - 1, day); // not Date.UTC, which maps years 0–99 to 1900–1999
    utcNoon.setUTCHours(12, 0, 0, 0);
    const pattern = lang === 'it' && day === 1 ? "d'°' MMMM y" : 'd MMMM y';
    const text = format(new TZDate(utcNoon.getTime(), 'UTC'), pattern, { locale: lang === 'it' ? itLocale : enGB });
    const elided = day === 8 || day === 11;
    const forms = {
      it: { on: elided ? "l'" : 'il ', from: elided ? "dall'" : 'dal ', to: elided ? "all'" : 'al ', of: elided ? "dell'" : 'del ' },
      en: { on: 'on ', from: 'from ', to: 'to ', of: 'of ' },
    } as const;
    return (preposition === undefined ? '' : forms[lang][preposition]) + text;
  };
  const options = (lang: 'it' | 'en', preposition?: 'on' | 'from' | 'to' | 'of'): FormatDateOptions =>
    preposition === undefined ? { lang } : { lang, preposition };
  const langs = ['it', 'en'] as const;
  const prepositions = [undefined, 'on', 'from', 'to', 'of'] as const;

  it('the reference is what it should be (not a blind comparison)', () => {
    expect(byDateFns(d('2025-03-01'), 'it')).toBe('1° marzo 2025');
    expect(byDateFns(d('0001-01-01'), 'en', 'from')).toBe('from 1 January 1');
    expect(byDateFns(d('0099-12-08'), 'it', 'of')).toBe("dell'8 dicembre 99");
  });

  it('for random dates 0001-01-01 – 9999-12-31, both languages, with and without each preposition', () => {
    const first = toEpochDay(d('0001-01-01'));
    const last = toEpochDay(d('9999-12-31'));
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.constantFrom(...langs), fc.constantFrom(...prepositions), (epochDay, lang, preposition) => {
        const date = fromEpochDay(epochDay);
        expect(formatDate(date, options(lang, preposition))).toBe(byDateFns(date, lang, preposition));
        expect(formatDate(date, { ...options(lang, preposition), style: 'long' })).toBe(byDateFns(date, lang, preposition));
        expect(dateText(date, options(lang, preposition))).toBe(byDateFns(date, lang, preposition));
      }),
      { numRuns: 5000 },
    );
  });

  it('for every day of 0001, 0099–0100, 0999–1000, 1999–2001 and 9999, both languages, every preposition', () => {
    let days = 0;
    for (const [from, to] of [['0001-01-01', '0001-12-31'], ['0099-01-01', '0100-12-31'], ['0999-01-01', '1000-12-31'], ['1999-01-01', '2001-12-31'], ['9999-01-01', '9999-12-31']] as const) {
      for (let e = toEpochDay(d(from)); e <= toEpochDay(d(to)); e++) {
        const date = fromEpochDay(e);
        for (const lang of langs) {
          for (const preposition of prepositions) {
            const got = formatDate(date, options(lang, preposition));
            const want = byDateFns(date, lang, preposition);
            if (got !== want) expect(got, date).toBe(want); // expect only on a difference: ~36 000 cases
          }
        }
        days++;
      }
    }
    expect(days).toBe(9 * 365 + 1); // nine years; of them only 2000 is a leap year (not 0100 nor 1000)
  });
});

describe('byte-identical in every time zone', () => {
  // Days some zones skipped (Kiritimati 1994-12-31, Apia 2011-12-30), the Rome DST days, year ends.
  const dates = ['1994-12-31', '2011-12-30', '2011-12-31', '2025-03-30', '2025-10-26', '1900-01-01', '0001-01-01', '9999-12-31', '2024-02-29'].map(d);
  const zones = ['UTC', 'Pacific/Kiritimati', 'Pacific/Apia', 'America/Los_Angeles', 'Europe/Rome', 'Asia/Kolkata', 'Australia/Lord_Howe'];
  const instants = ['2025-12-31T23:30:00Z', '2025-03-29T23:00:00Z', '2025-10-25T22:00:00Z'].map((s) => new Date(s));

  it('formats the same text and reads the same day in Italy whatever TZ the process has', () => {
    const saved = process.env.TZ;
    const outputs: string[] = [];
    try {
      for (const zone of zones) {
        process.env.TZ = zone; // Node applies a TZ change at run time
        outputs.push(JSON.stringify([
          dates.map((x) => [formatDate(x), formatDate(x, { lang: 'en' }), formatDate(x, { style: 'numeric' })]),
          instants.map((i) => todayInItaly(i)),
        ]));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(new Set(outputs).size).toBe(1);
    expect(outputs[0]).toContain('31 dicembre 1994');
    expect(outputs[0]).toContain('30 dicembre 2011');
  });
});

describe('dateText', () => {
  it('writes an IsoDate as formatDate does', () => {
    expect(dateText('2025-03-01', { preposition: 'from' })).toBe('dal 1° marzo 2025');
    expect(dateText('2025-03-08', { preposition: 'of', lang: 'en' })).toBe('of 8 March 2025');
  });
  it('shows any other value as given, after the plain preposition, and never throws', () => {
    expect(dateText('2025-02-30', { preposition: 'on' })).toBe('il 2025-02-30');
    expect(dateText('2025-03-08T10:00:00Z', { preposition: 'from', lang: 'en' })).toBe('from 2025-03-08T10:00:00Z');
    expect(dateText('10000-01-01')).toBe('10000-01-01');
    expect(dateText('x', { preposition: '__proto__' as never })).toBe('x');
  });
});

describe('formatDateNumeric (no date-fns)', () => {
  it('gives the text of formatDate numeric, for every date and preposition', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
        fc.constantFrom('it', 'en'), fc.constantFrom(undefined, 'on', 'from', 'to', 'of'),
        (y, m, day, lang, preposition) => {
          const date = makeIsoDate(y, m, day);
          if (date === null) return;
          const options = { lang, ...(preposition === undefined ? {} : { preposition }) } as FormatDateOptions;
          expect(formatDateNumeric(date, options)).toBe(formatDate(date, { ...options, style: 'numeric' }));
        },
      ),
      { numRuns: 1000 },
    );
    expect(formatDateNumeric(d('2024-03-08'), { preposition: 'from' })).toBe("dall'08/03/2024");
    expect(formatDateNumeric(d('0099-12-31'))).toBe('31/12/0099');
  });
  it('refuses what formatDate refuses', () => {
    expect(() => formatDateNumeric('2023-02-29' as IsoDate)).toThrow(/AAAA-MM-GG/);
    expect(() => formatDateNumeric(d('2024-03-01'), { preposition: 'constructor' as never })).toThrow(/preposition/);
  });
});
