#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Builds the birthplace table `src/internal/places-data.ts` (format v1, see `src/places/codec.ts`).
 *
 *   node scripts/build-places.mjs
 *       Italian comuni and foreign states from @marketto/belfiore-connector-embedded (the table this
 *       repository commits).
 *   node scripts/build-places.mjs --anpr ANPR_archivio_comuni.csv [--out file.ts]
 *       Refresh for adopters: Italian comuni from the ANPR archive (every validity period), foreign
 *       states still from marketto. The output of this mode is never committed to this repository
 *       (see data/ATTRIBUTION.md).
 *
 * The output is deterministic: same input, same bytes. Exit codes: 0 done, 2 bad input or usage
 * (nothing written), 1 unexpected failure.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dayNumber, encodePlaceTable } from './places-codec.mjs';

const MARKETTO = '@marketto/belfiore-connector-embedded';
/** Where the generated module goes by default. */
export const DEFAULT_OUT = fileURLToPath(new URL('../src/internal/places-data.ts', import.meta.url));

/**
 * marketto's `expirationDate` of a ceased place is ANPR's DATACESSAZIONE (last valid day) + 1 day,
 * at 23:59:59.999Z — but only for cessations from the 20th century on: for the 50 comuni ANPR
 * says ceased in 1865–1883, marketto's date equals DATACESSAZIONE (verified against the ANPR
 * archive; no cessation in marketto's data falls between 1883-09-26 and 1902-07-22). The cut-over
 * is put at 1893-11-01, when Italy left Rome mean time (UTC+0:49:56) for CET: our guess at the
 * cause, a time-zone effect in marketto's generator. Any cut-over in that gap gives the same table.
 */
const EXPIRATION_SHIFT_FROM = '1893-11-01';
/** marketto's placeholder start date of foreign states: not a fact, so written as unknown. */
const STATE_PLACEHOLDER_FROM = '1861-01-01';
/**
 * marketto writes `UK` (only "exceptionally reserved" in ISO 3166-1) for the United Kingdom; the
 * table promises ISO 3166-1 alpha-2, so it becomes `GB`. Withdrawn codes of ceased states (DD, SU,
 * YU, YD) are kept: they were those states' codes.
 */
const STATE_AREA_FIXES = new Map([['UK', 'GB']]);

/** An input error: reported in Italian and English, exit code 2, nothing written. */
export class InputError extends Error {
  /** @param {string} it @param {string} en */
  constructor(it, en) {
    super(`${it} / ${en}`);
    this.name = 'InputError';
  }
}

// ---------------------------------------------------------------------------------------------
// Dates (integer day numbers; never a local-time Date)

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), via Date.UTC-based arithmetic. */
function isoOfDay(day) {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  if (y < 1 || y > 9999) throw new RangeError(`day out of range: ${day}`);
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function addDays(iso, days) {
  const n = dayNumber(iso);
  if (n === null) throw new RangeError(`not a date: ${iso}`);
  return isoOfDay(n + days);
}

/** UTC calendar date of a JS Date, checking the time of day marketto is known to use. */
function utcDate(date, expectedTime, what) {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error(`${what}: not a Date`);
  const iso = date.toISOString();
  if (iso.length !== 24 || iso.slice(10) !== expectedTime) {
    throw new Error(`${what}: expected a time of ${expectedTime}, got ${iso} (has marketto's data format changed?)`);
  }
  return iso.slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// marketto

/**
 * Repairs the few marketto names whose UTF-8 bytes were read as Latin-1 (`CittÃ  della Pieve`,
 * `MolliÃ¨res`) or Windows-1250 (`CaritĂ`), sometimes with the trailing byte 0xA0 (a no-break
 * space once decoded) trimmed away (`ContÃ`). Names that do not decode as clean UTF-8 are left
 * unchanged.
 */
export function repairMojibake(name) {
  if (!/[ÃĂ]/.test(name)) return name;
  let latin1 = name.replace(/Ă/g, 'Ã');
  if (latin1.endsWith('Ã')) latin1 += '\u00a0';
  for (let i = 0; i < latin1.length; i++) if (latin1.charCodeAt(i) > 0xff) return name;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(latin1, 'latin1'));
  } catch {
    return name;
  }
}

/** Converts one marketto place into a table row. */
export function markettoPlaceToRow(place) {
  const code = place.belfioreCode;
  const what = `marketto ${code}`;
  const isState = code.startsWith('Z');
  const created = utcDate(place.creationDate, 'T00:00:00.000Z', `${what} creationDate`);
  const expires = utcDate(place.expirationDate, 'T23:59:59.999Z', `${what} expirationDate`);
  let area = String((isState ? place.iso3166 : place.province) ?? '').trim();
  if (isState) area = STATE_AREA_FIXES.get(area) ?? area;
  return {
    code,
    name: repairMojibake(place.name),
    area: area === '' ? null : area,
    from: isState && created === STATE_PLACEHOLDER_FROM ? null : created,
    to: expires.startsWith('9999-') ? null : expires >= EXPIRATION_SHIFT_FROM ? addDays(expires, -1) : expires,
  };
}

/** Reads every marketto place (via its public API) as table rows, with the package version. */
export async function readMarketto() {
  const mod = await import(MARKETTO);
  const connector = mod.belfioreConnector ?? mod.default?.belfioreConnector ?? mod.default;
  // marketto builds its Dates at local midnight / local end of day (dayjs), so the instants
  // depend on the process time zone. Under UTC they are whole UTC days; Node applies a runtime
  // change of process.env.TZ immediately.
  const savedTz = process.env.TZ;
  let places;
  process.env.TZ = 'UTC';
  try {
    places = await connector.toArray();
  } finally {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  }
  const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`${MARKETTO}/package.json`), 'utf8'));
  return { version: String(pkg.version), rows: places.map(markettoPlaceToRow) };
}

// ---------------------------------------------------------------------------------------------
// ANPR archive

/**
 * Parses CSV text (RFC 4180: `,` separators, `"` quoting with `""` escapes, quoted newlines;
 * CRLF or LF line ends; a leading BOM is dropped). Returns records as arrays of strings; a final
 * line end does not make an empty record.
 */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let started = false; // the current field has begun (a character or an opening quote)
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const endField = () => {
    record.push(field);
    field = '';
    started = false;
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && !started) {
      started = true;
      i++;
      for (;;) {
        if (i >= n) throw new InputError(`CSV: virgolette non chiuse (riga ${line})`, `CSV: unterminated quote (line ${line})`);
        const c = text[i++];
        if (c === '"') {
          if (text[i] !== '"') break;
          i++;
        } else if (c === '\n') {
          line++;
        }
        field += c;
      }
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        throw new InputError(`CSV: carattere inatteso dopo le virgolette (riga ${line})`, `CSV: unexpected character after a closing quote (line ${line})`);
      }
    } else if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endField();
      records.push(record);
      record = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else if (ch === '"') {
      throw new InputError(`CSV: virgolette dentro un campo non quotato (riga ${line})`, `CSV: quote inside an unquoted field (line ${line})`);
    } else {
      field += ch;
      started = true;
      i++;
    }
  }
  if (started || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}

/** Columns the refresh mode needs from ANPR_archivio_comuni.csv. */
export const ANPR_COLUMNS = ['DATAISTITUZIONE', 'DATACESSAZIONE', 'CODCATASTALE', 'DENOMINAZIONE_IT', 'SIGLAPROVINCIA'];

/**
 * Reads the validity periods of ANPR_archivio_comuni.csv: `{ code, name, area, from, to, line }`
 * with `to: null` for DATACESSAZIONE 9999-12-31 (ANPR's dates are first and last valid day,
 * both inclusive). Rows with code `ND` are kept here (the caller decides). Throws InputError.
 */
export function readAnprArchive(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const why = err && typeof err === 'object' && 'code' in err ? err.code : String(err);
    throw new InputError(`impossibile leggere il file ANPR ${path} (${why})`, `cannot read the ANPR file ${path} (${why})`);
  }
  const records = parseCsv(text);
  const header = records[0] ?? [];
  const missing = ANPR_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      `${path} non è ANPR_archivio_comuni.csv: mancano le colonne ${missing.join(', ')}`,
      `${path} is not ANPR_archivio_comuni.csv: missing columns ${missing.join(', ')}`,
    );
  }
  const col = Object.fromEntries(ANPR_COLUMNS.map((c) => [c, header.indexOf(c)]));
  const periods = [];
  let lastUpdate = '';
  const updateCol = header.indexOf('DATAULTIMOAGG');
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    const line = r + 1;
    if (rec.length === 1 && rec[0] === '') continue; // blank line
    if (rec.length !== header.length) {
      throw new InputError(`record ${line}: ${rec.length} campi invece di ${header.length}`, `record ${line}: ${rec.length} fields instead of ${header.length}`);
    }
    const from = rec[col.DATAISTITUZIONE];
    const toRaw = rec[col.DATACESSAZIONE];
    if (dayNumber(from) === null || dayNumber(toRaw) === null) {
      throw new InputError(`record ${line}: data non valida (${from}, ${toRaw})`, `record ${line}: invalid date (${from}, ${toRaw})`);
    }
    const area = rec[col.SIGLAPROVINCIA].trim();
    periods.push({
      code: rec[col.CODCATASTALE].trim(),
      name: rec[col.DENOMINAZIONE_IT],
      area: area === '' ? null : area,
      from,
      to: toRaw === '9999-12-31' ? null : toRaw,
      line,
    });
    if (updateCol >= 0 && dayNumber(rec[updateCol]) !== null && rec[updateCol] > lastUpdate) lastUpdate = rec[updateCol];
  }
  return { periods, lastUpdate };
}

/**
 * Table rows of the ANPR periods: code `ND` skipped; per code, periods sorted by start and
 * consecutive ones (the next starts the day after the previous ends) with identical name and
 * province merged into one.
 */
export function anprPeriodsToRows(periods) {
  const byCode = new Map();
  for (const p of periods) {
    if (p.code === 'ND') continue;
    let list = byCode.get(p.code);
    if (list === undefined) byCode.set(p.code, (list = []));
    list.push(p);
  }
  const rows = [];
  for (const [code, list] of byCode) {
    list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.line - b.line));
    let cur = null;
    for (const p of list) {
      if (
        cur !== null && cur.to !== null && cur.name === p.name && cur.area === p.area &&
        dayNumber(cur.to) + 1 === dayNumber(p.from)
      ) {
        cur.to = p.to;
        continue;
      }
      if (cur !== null) rows.push(cur);
      cur = { code, name: p.name, area: p.area, from: p.from, to: p.to };
    }
    if (cur !== null) rows.push(cur);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Output

/** The generated module's text. */
export function renderModule(encoded, source) {
  const src = `{ name: ${JSON.stringify(source.name)}, version: ${JSON.stringify(source.version)}, rows: ${source.rows}, codes: ${source.codes} }`;
  return [
    '// SPDX-License-Identifier: CC-BY-4.0 AND CC-BY-3.0-IT',
    '// Generated by scripts/build-places.mjs — do not edit. Sources, licences and attribution: data/ATTRIBUTION.md',
    '/** The place table, format v1 (see src/places/codec.ts). */',
    `export const PLACES_DATA = ${JSON.stringify(encoded)};`,
    '/**',
    ' * Where the embedded place table comes from: the npm package it was generated from (or the ANPR',
    ' * archive, in a refreshed table), its version, and how many rows and Belfiore codes it holds.',
    ' * Attribution (CC BY 4.0, CC BY 3.0 IT): `data/ATTRIBUTION.md` in the package.',
    ' *',
    ' * @example',
    ' * ```ts',
    " * import { PLACES_SOURCE } from '@riuso-sociale/fiscal-code/places';",
    ' * console.log(`${PLACES_SOURCE.name} ${PLACES_SOURCE.version}: ${PLACES_SOURCE.codes} codes`);',
    ' * ```',
    ' */',
    `export const PLACES_SOURCE: { readonly name: string; readonly version: string; readonly rows: number; readonly codes: number } = ${src};`,
    '',
  ].join('\n');
}

/** Writes through a temporary file in the same folder and a rename: never a partial file. */
function writeAtomically(file, content) {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, content, 'utf8');
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    const why = err && typeof err === 'object' && 'code' in err ? err.code : String(err);
    throw new InputError(`impossibile scrivere ${file} (${why})`, `cannot write ${file} (${why})`);
  }
}

function summary(rows) {
  const comuni = rows.filter((r) => !r.code.startsWith('Z'));
  const states = rows.filter((r) => r.code.startsWith('Z'));
  const codes = (list) => new Set(list.map((r) => r.code)).size;
  const stillValid = (list) => new Set(list.filter((r) => r.to === null).map((r) => r.code));
  const ceased = (list) => codes(list) - stillValid(list).size;
  return {
    rows: rows.length,
    codes: codes(rows),
    comuni: codes(comuni),
    ceasedComuni: ceased(comuni),
    states: codes(states),
    ceasedStates: ceased(states),
  };
}

/** Builds the table: `{ encoded, source, counts }`. */
export async function buildTable({ anpr } = {}) {
  // The ANPR archive first: a bad file fails before marketto is loaded.
  const archive = anpr === undefined ? undefined : readAnprArchive(anpr);
  const marketto = await readMarketto();
  let rows;
  let source;
  if (archive === undefined) {
    rows = marketto.rows;
    source = { name: MARKETTO, version: marketto.version };
  } else {
    const { periods, lastUpdate } = archive;
    rows = [...anprPeriodsToRows(periods), ...marketto.rows.filter((r) => r.code.startsWith('Z'))];
    source = {
      name: `ANPR_archivio_comuni.csv + ${MARKETTO} (foreign states)`,
      version: `${lastUpdate === '' ? 'unknown' : lastUpdate} + ${marketto.version}`,
    };
  }
  let encoded;
  try {
    encoded = encodePlaceTable(rows);
  } catch (err) {
    throw new InputError(`dati non validi: ${err.message}`, `invalid data: ${err.message}`);
  }
  const counts = summary(rows);
  return { encoded, source: { ...source, rows: counts.rows, codes: counts.codes }, counts };
}

const USAGE = `uso / usage: node scripts/build-places.mjs [--anpr ANPR_archivio_comuni.csv] [--out file.ts]`;

/** CLI entry point; returns the exit code. */
export async function main(argv) {
  let anpr;
  let out = DEFAULT_OUT;
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--help' || a === '-h') {
        console.log(USAGE);
        return 0;
      }
      if (a === '--anpr' || a === '--out') {
        const v = argv[++i];
        if (v === undefined || v === '') throw new InputError(`manca il valore di ${a}`, `missing value for ${a}`);
        if (a === '--anpr') anpr = v;
        else out = resolve(v);
        continue;
      }
      throw new InputError(`argomento sconosciuto ${a}`, `unknown argument ${a}`);
    }
    const { encoded, source, counts } = await buildTable(anpr === undefined ? {} : { anpr });
    writeAtomically(out, renderModule(encoded, source));
    const bytes = Buffer.byteLength(encoded, 'utf8');
    console.log(`${out}: ${JSON.stringify(counts)}, ${bytes} bytes`);
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      console.error(`build-places: ${err.message}`);
      if (/argomento|valore di/.test(err.message)) console.error(USAGE);
      return 2;
    }
    console.error(err);
    return 1;
  }
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isMain()) process.exitCode = await main(process.argv.slice(2));
