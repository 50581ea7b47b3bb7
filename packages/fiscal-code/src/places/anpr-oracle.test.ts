// SPDX-License-Identifier: BSD-3-Clause
/**
 * The ANPR archive of comuni (`../shared/data/anpr/ANPR_archivio_comuni.csv`, 2023-10 snapshot,
 * never committed) used as an ORACLE for the embedded table, which comes from
 * @marketto/belfiore-connector-embedded; and a run of the `--anpr` refresh mode into a temp dir.
 *
 * Every known disagreement is listed below, grouped by reason: a new one, or a listed one that
 * disappears (e.g. after a marketto upgrade), fails the test, so the lists stay true.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDir, sharedDirHint, sharedFile } from '../../../../test/support/shared-dir.js';
import { parseCsv } from '../../scripts/build-places.mjs';
import { PLACES_DATA } from '../internal/places-data.js';
import { decodePlaceTable, type PlaceRow } from './codec.js';

/** One ANPR validity period; `to` 9999-12-31 kept as is (open). */
interface AnprPeriod {
  code: string;
  istat: string;
  name: string;
  area: string;
  from: string;
  to: string;
}

const OPEN = '9999-12-31';
const endOf = (to: string | null): string => to ?? OPEN;

/**
 * "Compatible" — for every Belfiore code in ANPR (code ND excluded), with hull = [first
 * DATAISTITUZIONE, last DATACESSAZIONE] of its ANPR periods (9999-12-31 = still valid):
 * the code is in our table, and each of our periods of it (a) lies within the hull (an unknown
 * start is not checked; an open end needs an open hull) and (b) overlaps at least one ANPR period
 * (so it does not sit in a gap between periods).
 *
 * Known incompatibilities, all one cause: marketto 1.2.1 keeps one record per ISTAT code
 * (CODISTAT), while ANPR gives each Belfiore code its own history, and ISTAT codes pass from a
 * ceased comune to its successor. The test checks the cause for each listed code.
 */
const KNOWN_INCOMPATIBLE: Record<string, readonly string[]> = {
  // 22 codes missing from marketto: each is a ceased comune whose CODISTAT is (at some time) also
  // the CODISTAT of a code marketto does have, e.g. E667 LONATO → M312 LONATO DEL GARDA (017092).
  missingSharedIstat: [
    'B113', 'B226', 'B449', 'B700', 'C171', 'D055', 'D308', 'D778', 'E186', 'E315', 'E511',
    'E545', 'E556', 'E667', 'G027', 'G550', 'G845', 'G918', 'H234', 'I521', 'L637', 'M305',
  ],
  // 81 codes whose marketto start is before ANPR's first DATAISTITUZIONE: the start is that of
  // another code sharing the CODISTAT, e.g. M312 starts 1861-03-17 (E667's start) instead of
  // 2007-11-02; A346 Aquileia 1866-11-19 instead of 1921-01-05.
  startsBeforeSharedIstat: [
    'A346', 'A553', 'B250', 'B309', 'B444', 'B545', 'B738', 'B745', 'C175', 'C197', 'C389',
    'C556', 'C641', 'C772', 'D056', 'D199', 'D307', 'D323', 'D627', 'D799', 'E022', 'E185',
    'E290', 'E314', 'E440', 'E555', 'E584', 'E799', 'E820', 'E847', 'E910', 'F569', 'F689',
    'F748', 'F756', 'F832', 'F941', 'F983', 'F991', 'G198', 'G268', 'G287', 'G383', 'G389',
    'G446', 'G506', 'G512', 'G966', 'H029', 'H040', 'H089', 'H118', 'H629', 'H816', 'H856',
    'H867', 'H928', 'H990', 'I092', 'I122', 'I320', 'I404', 'I522', 'I582', 'I718', 'I765',
    'L044', 'L057', 'L144', 'L215', 'L309', 'L381', 'M073', 'M209', 'M254', 'M278', 'M288',
    'M291', 'M303', 'M311', 'M312',
  ],
};

/**
 * Exact last day of ceased comuni (stricter than compatibility): our last `to` against ANPR's last
 * DATACESSAZIONE. Expected equal for every code but these.
 */
const KNOWN_END_DIFFERENCES: Record<string, readonly string[]> = {
  // 9 comuni ceased after the ANPR snapshot (2023-10): marketto (2024 data) has the mergers of
  // 2023-11-17, 2023-12-31 and 2024-01-21; ANPR still has them valid.
  ceasedAfterAnprSnapshot: ['A121', 'A134', 'B749', 'D902', 'H521', 'I879', 'L487', 'L878', 'M332'],
  // 6 comuni for which marketto keeps an earlier ANPR period and drops the later ones (our `to` is
  // the DATACESSAZIONE of a non-final ANPR period), e.g. D800 ends 1929-04-12, not 1952-02-29.
  endsAtEarlierAnprPeriod: ['D800', 'F763', 'F834', 'G313', 'I719', 'I733'],
};
/** Ceased comuni (in ANPR and ours) whose last day matches ANPR exactly, and those before 1893-11-01. */
const EXACT_END_MATCHES = 1930;
const EXACT_END_MATCHES_BEFORE_1893 = 50;

/**
 * Start dates inside the hull but not ANPR's first DATAISTITUZIONE: compatible, so only counted.
 * - laterAnprPeriodStart: marketto starts at the start of a later ANPR period of the same code,
 *   typically a change of province (e.g. A097 Aidomaggiore from 1974-08-20, the birth of the
 *   province of Oristano);
 * - sharedIstatStart: the start of another code sharing the CODISTAT (the collapse above).
 */
const START_DIFFERENCE_COUNTS = { laterAnprPeriodStart: 122, sharedIstatStart: 45 };

/** Our name equals (ignoring case) one of ANPR's names for the code, except: */
const KNOWN_NAME_DIFFERENCES: Record<string, readonly string[]> = {
  // marketto's data is newer than the 2023-10 ANPR snapshot: names not yet in it
  // (Campospinoso Albaredo, Montemagno Monferrato, Popoli Terme)
  newerThanAnprSnapshot: ['B567', 'F556', 'G878'],
  // spelling: marketto Novilara, ANPR NOVILLARA
  spelling: ['F969'],
  // marketto keeps only the Italian part of a bilingual name (SAN DORLIGO DELLA VALLE-DOLINA,
  // SAN GIOVANNI DI FASSA-SÈN JAN)
  bilingualNameShortened: ['D324', 'M390'],
};

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) map.set(k, [item]);
    else list.push(item);
  }
  return map;
}

/** Groups with their codes deduplicated and sorted, for comparison. */
function sorted(groups: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, [...new Set(v)].sort()]));
}
const asSorted = (known: Record<string, readonly string[]>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(known).map(([k, v]) => [k, [...v].sort()]));

function readAnpr(file: string): AnprPeriod[] {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'));
  const col = (name: string): number => {
    const i = (header ?? []).indexOf(name);
    if (i < 0) throw new Error(`ANPR column ${name} not found`);
    return i;
  };
  const c = {
    from: col('DATAISTITUZIONE'), to: col('DATACESSAZIONE'), istat: col('CODISTAT'), code: col('CODCATASTALE'),
    name: col('DENOMINAZIONE_IT'), area: col('SIGLAPROVINCIA'),
  };
  return records
    .filter((r) => r.length > 1)
    .map((r) => ({
      code: r[c.code] ?? '', istat: r[c.istat] ?? '', name: r[c.name] ?? '', area: r[c.area] ?? '',
      from: r[c.from] ?? '', to: r[c.to] ?? '',
    }));
}

const skip = sharedDir() === null;

describe.skipIf(skip)(`ANPR archive as oracle${skip ? ` — skipped: ${sharedDirHint}` : ''}`, () => {
  let csv: string;
  let anpr: AnprPeriod[];
  let anprByCode: Map<string, AnprPeriod[]>;
  let codesByIstat: Map<string, Set<string>>;
  let ours: Map<string, PlaceRow[]>;

  beforeAll(() => {
    csv = sharedFile('data', 'anpr', 'ANPR_archivio_comuni.csv');
    anpr = readAnpr(csv);
    anprByCode = groupBy(anpr.filter((p) => p.code !== 'ND'), (p) => p.code);
    codesByIstat = new Map();
    for (const p of anpr) {
      if (p.code === 'ND') continue;
      let set = codesByIstat.get(p.istat);
      if (set === undefined) codesByIstat.set(p.istat, (set = new Set()));
      set.add(p.code);
    }
    ours = groupBy(decodePlaceTable(PLACES_DATA), (r) => r.code);
  });

  /** Codes sharing a CODISTAT with `code` (any period), `code` excluded. */
  const sharingIstat = (code: string): string[] => {
    const out = new Set<string>();
    for (const p of anprByCode.get(code) ?? []) for (const other of codesByIstat.get(p.istat) ?? []) if (other !== code) out.add(other);
    return [...out];
  };
  const hull = (code: string): { from: string; to: string } => {
    const ps = anprByCode.get(code) ?? [];
    return { from: ps.map((p) => p.from).sort()[0] ?? '', to: ps.map((p) => p.to).sort().at(-1) ?? '' };
  };

  it('reads the archive as expected (sanity)', () => {
    expect(anpr.length).toBe(19_352);
    expect(anpr.filter((p) => p.code === 'ND')).toHaveLength(28);
    expect(anprByCode.size).toBe(9_859);
  });

  it('knows every ANPR Belfiore code with compatible dates, except the listed ones', () => {
    const groups: Record<string, string[]> = {};
    const add = (reason: string, code: string): void => void (groups[reason] ??= []).push(code);
    for (const code of anprByCode.keys()) {
      const h = hull(code);
      const rows = ours.get(code);
      if (rows === undefined) {
        add(sharingIstat(code).some((c) => ours.has(c)) ? 'missingSharedIstat' : 'missingOther', code);
        continue;
      }
      for (const r of rows) {
        if (r.from !== null && r.from < h.from) {
          const sharedStart = sharingIstat(code).some((c) => anprByCode.get(c)?.some((p) => p.from === r.from));
          add(sharedStart ? 'startsBeforeSharedIstat' : 'startsBeforeOther', code);
        } else if (endOf(r.to) > h.to) {
          add('endsAfterAnpr', code);
        } else if (!(anprByCode.get(code) ?? []).some((p) => (r.from ?? '0001-01-01') <= p.to && p.from <= endOf(r.to))) {
          add('inAnprGap', code);
        }
      }
    }
    expect(sorted(groups)).toEqual(asSorted(KNOWN_INCOMPATIBLE));
    const listed = Object.values(KNOWN_INCOMPATIBLE).flat().length;
    expect(listed).toBe(22 + 81);
  });

  it('ends ceased comuni on ANPR’s last day (DATACESSAZIONE), except the listed ones', () => {
    const groups: Record<string, string[]> = {};
    let exact = 0;
    let exactBefore1893 = 0;
    for (const [code, rows] of ours) {
      const ps = anprByCode.get(code);
      if (ps === undefined) continue; // Z codes and the 4 comuni created in 2024 (M435–M438)
      const ourEnd = rows.map((r) => endOf(r.to)).sort().at(-1) ?? '';
      const h = hull(code);
      if (ourEnd === h.to) {
        if (h.to !== OPEN) exact++;
        if (h.to < '1893-11-01') exactBefore1893++;
        continue;
      }
      const reason =
        h.to === OPEN ? 'ceasedAfterAnprSnapshot' : ps.some((p) => p.to === ourEnd) ? 'endsAtEarlierAnprPeriod' : 'other';
      (groups[reason] ??= []).push(code);
    }
    expect(sorted(groups)).toEqual(asSorted(KNOWN_END_DIFFERENCES));
    expect(exact).toBe(EXACT_END_MATCHES);
    expect(exactBefore1893).toBe(EXACT_END_MATCHES_BEFORE_1893);
  });

  it('counts start dates that differ from ANPR inside the hull', () => {
    const counts = { laterAnprPeriodStart: 0, sharedIstatStart: 0, other: 0 };
    for (const [code, ps] of anprByCode) {
      const rows = ours.get(code);
      if (rows === undefined) continue;
      const h = hull(code);
      for (const r of rows) {
        if (r.from === null || r.from <= h.from) continue; // equal, or before the hull (listed above)
        if (ps.some((p) => p.from === r.from)) counts.laterAnprPeriodStart++;
        else if (sharingIstat(code).some((c) => anprByCode.get(c)?.some((p) => p.from === r.from))) counts.sharedIstatStart++;
        else counts.other++;
      }
    }
    expect(counts).toEqual({ ...START_DIFFERENCE_COUNTS, other: 0 });
  });

  it('names each comune as ANPR does in one of its periods (case aside), except the listed ones', () => {
    const differences: string[] = [];
    for (const [code, rows] of ours) {
      const ps = anprByCode.get(code);
      if (ps === undefined) continue;
      for (const r of rows) if (!ps.some((p) => p.name.toUpperCase() === r.name.toUpperCase())) differences.push(code);
    }
    expect(differences.sort()).toEqual(Object.values(KNOWN_NAME_DIFFERENCES).flat().sort());
  });

  describe('refresh mode (--anpr) into a temp dir', () => {
    let dir: string;
    let rows: PlaceRow[];
    let byCode: Map<string, PlaceRow[]>;
    let module: string;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'riuso-places-'));
      const out = join(dir, 'places-data.ts');
      const script = fileURLToPath(new URL('../../scripts/build-places.mjs', import.meta.url));
      const run = spawnSync(process.execPath, [script, '--anpr', csv, '--out', out], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      module = readFileSync(out, 'utf8');
      const literal = /^export const PLACES_DATA = (".*");$/m.exec(module)?.[1];
      expect(literal).toBeDefined();
      rows = decodePlaceTable(JSON.parse(literal as string) as string);
      byCode = groupBy(rows, (r) => r.code);
    });
    afterAll(() => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    });

    it('writes a licensed module whose table decodes', () => {
      expect(module.split('\n')[0]).toBe('// SPDX-License-Identifier: CC-BY-4.0 AND CC-BY-3.0-IT');
      expect(module).toMatch(/^export const PLACES_SOURCE: \{[^}]*\} = \{ name: "ANPR_archivio_comuni\.csv \+ .*", version: ".*", rows: \d+, codes: \d+ \};$/m);
      expect(module).toContain(`rows: ${rows.length}, codes: ${byCode.size} }`);
    });

    it('has every ANPR code (ND aside), no other comune, and the foreign states', () => {
      const comuni = [...byCode.keys()].filter((c) => !c.startsWith('Z')).sort();
      expect(comuni).toEqual([...anprByCode.keys()].sort());
      const states = (table: Iterable<string>): string[] => [...table].filter((c) => c.startsWith('Z')).sort();
      expect(states(byCode.keys())).toEqual(states(ours.keys()));
      expect(states(byCode.keys())).toHaveLength(222);
    });

    it('covers every ANPR period with a row of the same name and province', () => {
      for (const p of anpr) {
        if (p.code === 'ND') continue;
        const covered = (byCode.get(p.code) ?? []).some(
          (r) => r.name === p.name && r.area === p.area && r.from !== null && r.from <= p.from && p.to <= endOf(r.to),
        );
        if (!covered) expect.fail(`ANPR period not covered: ${JSON.stringify(p)}`);
      }
      // consecutive periods with the same name and province are merged
      expect(rows.filter((r) => !r.code.startsWith('Z')).length).toBeLessThan(anpr.length - 28);
    });

    it('keeps several periods where name or province change', () => {
      expect(byCode.get('A089')).toEqual([
        { code: 'A089', name: 'GIRGENTI', area: 'AG', from: '1861-03-17', to: '1927-07-26' },
        { code: 'A089', name: 'AGRIGENTO', area: 'AG', from: '1927-07-27', to: null },
      ]);
      // Forgaria (UD) → Forgaria nel Friuli (UD) → (PN) → (UD)
      expect(byCode.get('D700')?.map((r) => `${r.name} ${r.area} ${r.from}..${r.to ?? ''}`)).toEqual([
        'FORGARIA UD 1866-11-19..1938-01-12',
        'FORGARIA NEL FRIULI UD 1938-01-13..1968-04-05',
        'FORGARIA NEL FRIULI PN 1968-04-06..1969-04-22',
        'FORGARIA NEL FRIULI UD 1969-04-23..',
      ]);
      // H501: 11 ANPR periods, all ROMA (RM) and consecutive, so one row
      expect(anprByCode.get('H501')).toHaveLength(11);
      expect(byCode.get('H501')).toEqual([{ code: 'H501', name: 'ROMA', area: 'RM', from: '1884-09-11', to: null }]);
      // a gap in ANPR stays a gap: A007 Abbasanta 1927-07-28..1934-11-01
      expect(byCode.get('A007')?.map((r) => `${r.area} ${r.from}..${r.to ?? ''}`)).toEqual([
        'CA 1861-03-17..1927-07-27',
        'CA 1934-11-02..1974-08-19',
        'OR 1974-08-20..',
      ]);
    });
  });
});
