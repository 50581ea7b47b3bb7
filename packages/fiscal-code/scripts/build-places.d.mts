// SPDX-License-Identifier: BSD-3-Clause
/** Types of `build-places.mjs` (the functions tests use; the CLI is `main`). */
import type { PlaceRowInput } from './places-codec.mjs';

/** An input error (bilingual message); the CLI exits with code 2. */
export class InputError extends Error {
  constructor(it: string, en: string);
}

/** Default output: `src/internal/places-data.ts`. */
export const DEFAULT_OUT: string;

/** Columns required in ANPR_archivio_comuni.csv. */
export const ANPR_COLUMNS: readonly string[];

/** One ANPR validity period (`to: null` = DATACESSAZIONE 9999-12-31); `line` is the record number. */
export interface AnprPeriod {
  code: string;
  name: string;
  area: string | null;
  from: string;
  to: string | null;
  line: number;
}

/** Parses CSV text (quotes, `""` escapes, BOM, CRLF) into records. */
export function parseCsv(text: string): string[][];

/** Reads ANPR_archivio_comuni.csv; throws InputError on an unreadable file or a wrong header. */
export function readAnprArchive(path: string): { periods: AnprPeriod[]; lastUpdate: string };

/** ANPR periods → table rows (ND skipped, consecutive identical periods merged). */
export function anprPeriodsToRows(periods: readonly AnprPeriod[]): PlaceRowInput[];

/** Repairs UTF-8-read-as-Latin-1 names of marketto 1.2.1. */
export function repairMojibake(name: string): string;

/** Converts one marketto place into a table row. */
export function markettoPlaceToRow(place: {
  belfioreCode: string;
  name: string;
  creationDate: Date;
  expirationDate: Date;
  province?: string | undefined;
  iso3166?: string | undefined;
}): PlaceRowInput;

/** Reads marketto's places as rows (forces TZ=UTC while marketto builds its Dates). */
export function readMarketto(): Promise<{ version: string; rows: PlaceRowInput[] }>;

/** The generated module's text. */
export function renderModule(encoded: string, source: { name: string; version: string; rows: number; codes: number }): string;

/** Builds the table from marketto, or from the ANPR archive plus marketto's foreign states. */
export function buildTable(options?: { anpr?: string }): Promise<{
  encoded: string;
  source: { name: string; version: string; rows: number; codes: number };
  counts: { rows: number; codes: number; comuni: number; ceasedComuni: number; states: number; ceasedStates: number };
}>;

/** CLI entry point; resolves to the exit code. */
export function main(argv: readonly string[]): Promise<number>;
