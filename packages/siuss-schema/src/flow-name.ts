// SPDX-License-Identifier: BSD-3-Clause
/**
 * Flow names: `IdentificazioneFlusso@Nome` in the XML and `id_flusso` in the WaaS API.
 *
 * Written shape (INPS WaaS spec v2.0.1 §3, OpenAPI `Flusso.id_flusso` description
 * `EEEEE.TIPO.AAAAMMGG.NNNNNNN`): `{CodiceEnte}.{PS|PSA|SINA|SINBA}.{YYYYMMDD}.{progressivo, 7 digits}`,
 * e.g. `H501.PS.20250520.0000001`. Limits: `Nome` ≤ 50 characters (XSD `IdentificazioneFlussoType`),
 * `id_flusso` ≤ 64 (OpenAPI; it has no `pattern`, only the structure in its description).
 *
 * Read leniently (shapes observed in official or real files, see `shared/specs/siuss.md` §3):
 * `H501.SINBA.20210520.00000004` (8-digit progressivo, INPS sample), `H501.PS.INPS.20160423.115235`
 * (older INPS sample with an `INPS` segment; its last part looks like a time of day, it is returned
 * as the progressivo), `EEEE.PSA.INPS.AAAAMMGG.NNNNNNN` (SISO, Regione Umbria).
 *
 * Dates are calendar dates (`IsoDate` strings): no `Date` object, no time zone.
 * @module
 */
import { createIssue, fail, isIsoDate, ok, type Issue, type IsoDate, type Result } from '@riuso-sociale/core';
import { throwIssues } from './errors.js';
import type { FlowKind } from './model.js';

/** The `TIPO` segment of a flow name: `PS`, `PSA`, `SINA` (PS-PSA-SINA flows) or `SINBA`. */
export type FlowNameTipo = 'PS' | 'PSA' | 'SINA' | 'SINBA';

/** The parts of a flow name. */
export interface FlowNameParts {
  /** Code of the ente (INPS access-system code; Belfiore code in the INPS samples, e.g. `H501`). */
  readonly codiceEnte: string;
  readonly tipo: FlowNameTipo;
  /** Date of creation of the flow (`AAAAMMGG`), as a calendar date. */
  readonly date: IsoDate;
  /** Daily progressive number. */
  readonly progressivo: number;
}

/** A parsed flow name. */
export interface ParsedFlowName extends FlowNameParts {
  /**
   * `true` when the name is exactly what {@link formatFlowName} writes: four segments, a 7-digit
   * progressivo ≥ 1 and at most 50 characters.
   */
  readonly canonical: boolean;
  /** `true` for the older shape with an `INPS` segment (`H501.PS.INPS.20160423.115235`). */
  readonly inpsSegment: boolean;
}

/** Maximum length of `IdentificazioneFlusso@Nome` (XSD: `xs:maxLength 50`). */
export const FLOW_NAME_MAX_LENGTH = 50;
/** Maximum length of WaaS `id_flusso` (OpenAPI: `maxLength: 64`). */
export const ID_FLUSSO_MAX_LENGTH = 64;
/** Largest progressivo that fits the 7 digits of the written shape. */
export const FLOW_NAME_MAX_PROGRESSIVO = 9_999_999;

const TIPI: readonly FlowNameTipo[] = ['PS', 'PSA', 'SINA', 'SINBA'];
/** Codice ente in a name: letters, digits, `_`, `-` (no dot: it is the separator), 1–32 (`Ente@Codice` ≤ 32). */
const CODICE_ENTE_RE = /^[A-Za-z0-9_-]{1,32}$/;
/** `CODE.TIPO[.INPS].YYYYMMDD.N…` — the INPS segment and the progressivo length are the lenient parts. */
const NAME_RE = /^([A-Za-z0-9_-]{1,32})\.(PS|PSA|SINA|SINBA)\.(INPS\.)?(\d{4})(\d{2})(\d{2})\.(\d{1,15})$/;

type FlowNameCode =
  | 'siuss.flow_name.type'
  | 'siuss.flow_name.format'
  | 'siuss.flow_name.date'
  | 'siuss.flow_name.too_long'
  | 'siuss.flow_name.codice_ente'
  | 'siuss.flow_name.tipo'
  | 'siuss.flow_name.progressivo';

function shown(value: string): string {
  return value.length > ID_FLUSSO_MAX_LENGTH ? `${value.slice(0, ID_FLUSSO_MAX_LENGTH)}…` : value;
}

function issue(code: FlowNameCode, it: string, en: string, params: Issue['params'] = {}): Issue {
  return createIssue(code, { it, en }, { path: [], params });
}

/**
 * Whether a `TIPO` segment belongs to a flow of the given kind: `SINBA` ↔ SINBA flows, `PS`/`PSA`/`SINA`
 * ↔ PS-PSA-SINA flows (spec §3).
 *
 * @example
 * ```ts
 * import { flowNameTipoMatches } from '@riuso-sociale/siuss-schema';
 * flowNameTipoMatches('PSA', 'PS_PSA_SINA'); // true
 * flowNameTipoMatches('PS', 'SINBA');        // false
 * ```
 */
export function flowNameTipoMatches(tipo: FlowNameTipo, kind: FlowKind): boolean {
  return kind === 'SINBA' ? tipo === 'SINBA' : tipo !== 'SINBA';
}

/**
 * Parses a flow name (`IdentificazioneFlusso@Nome` or WaaS `id_flusso`), leniently: the canonical
 * `H501.PS.20250520.0000001`, progressivi of any length (`H501.SINBA.20210520.00000004`) and the older
 * shape with an `INPS` segment (`H501.PS.INPS.20160423.115235`, `EEEE.PSA.INPS.AAAAMMGG.NNNNNNN`).
 * `canonical` tells whether the name is exactly what {@link formatFlowName} writes.
 *
 * Failures (never thrown): `siuss.flow_name.type` (not a string), `siuss.flow_name.too_long`
 * (over 64 characters, the `id_flusso` limit), `siuss.flow_name.format` (no known shape),
 * `siuss.flow_name.date` (the `YYYYMMDD` part is not a real date).
 *
 * @param name - The name, of any type (e.g. `id_flusso` from parsed JSON): anything but a string fails with `siuss.flow_name.type`.
 *
 * @example
 * ```ts
 * import { parseFlowName } from '@riuso-sociale/siuss-schema';
 * const r = parseFlowName('H501.SINBA.20210520.00000004');
 * if (r.ok) console.log(r.value.date, r.value.progressivo, r.value.canonical); // '2021-05-20' 4 false
 * ```
 */
export function parseFlowName(name: unknown): Result<ParsedFlowName> {
  if (typeof name !== 'string') {
    return fail([issue('siuss.flow_name.type', 'Il nome del flusso deve essere una stringa', 'The flow name must be a string')]);
  }
  if (name.length > ID_FLUSSO_MAX_LENGTH) {
    return fail([issue('siuss.flow_name.too_long',
      `Nome del flusso di ${name.length} caratteri: al massimo ${ID_FLUSSO_MAX_LENGTH} (id_flusso), ${FLOW_NAME_MAX_LENGTH} nell'XML`,
      `Flow name of ${name.length} characters: at most ${ID_FLUSSO_MAX_LENGTH} (id_flusso), ${FLOW_NAME_MAX_LENGTH} in the XML`,
      { length: name.length, limit: ID_FLUSSO_MAX_LENGTH })]);
  }
  const m = NAME_RE.exec(name);
  if (m === null) {
    return fail([issue('siuss.flow_name.format',
      `Nome del flusso «${shown(name)}» non riconosciuto: atteso CODICEENTE.TIPO.AAAAMMGG.NNNNNNN (TIPO = PS, PSA, SINA o SINBA)`,
      `Flow name «${shown(name)}» not recognised: expected CODICEENTE.TIPO.YYYYMMDD.NNNNNNN (TIPO = PS, PSA, SINA or SINBA)`,
      { value: shown(name) })]);
  }
  const [, codiceEnte = '', tipo = 'PS', inps, y = '', mo = '', d = '', digits = ''] = m;
  const date = `${y}-${mo}-${d}`;
  if (!isIsoDate(date)) {
    return fail([issue('siuss.flow_name.date',
      `Nome del flusso «${shown(name)}»: ${y}${mo}${d} non è una data valida (AAAAMMGG)`,
      `Flow name «${shown(name)}»: ${y}${mo}${d} is not a valid date (YYYYMMDD)`,
      { value: shown(name), date: `${y}${mo}${d}` })]);
  }
  const progressivo = Number(digits);
  const canonical = inps === undefined && digits.length === 7 && progressivo >= 1 && name.length <= FLOW_NAME_MAX_LENGTH;
  return ok({ codiceEnte, tipo: tipo as FlowNameTipo, date, progressivo, canonical, inpsSegment: inps !== undefined });
}

/**
 * Writes a flow name in the shape of the INPS spec (§3) and OpenAPI (`EEEEE.TIPO.AAAAMMGG.NNNNNNN`):
 * `{codiceEnte}.{tipo}.{YYYYMMDD}.{progressivo on 7 digits}`, at most 50 characters (XSD
 * `IdentificazioneFlusso@Nome`). Deterministic: the date is an explicit calendar date, never "today".
 *
 * @throws {@link SiussError} `siuss.flow_name.codice_ente` (not 1–32 letters, digits, `_` or `-`),
 *   `siuss.flow_name.tipo`, `siuss.flow_name.date` (not an existing `YYYY-MM-DD`),
 *   `siuss.flow_name.progressivo` (not an integer in 1–9 999 999), `siuss.flow_name.too_long` (> 50).
 * @example
 * ```ts
 * import { formatFlowName } from '@riuso-sociale/siuss-schema';
 * formatFlowName({ codiceEnte: 'H501', tipo: 'PS', date: '2025-05-20', progressivo: 1 });
 * // 'H501.PS.20250520.0000001'
 * ```
 */
export function formatFlowName(parts: {
  readonly codiceEnte: string;
  readonly tipo: FlowNameTipo;
  readonly date: IsoDate | string;
  readonly progressivo: number;
}): string {
  const found: Issue[] = [];
  const { codiceEnte, tipo, date, progressivo } = parts;
  if (typeof codiceEnte !== 'string' || !CODICE_ENTE_RE.test(codiceEnte)) {
    found.push(issue('siuss.flow_name.codice_ente',
      'Codice ente non valido per il nome del flusso: da 1 a 32 lettere, cifre, _ o - (niente punti)',
      'Invalid codice ente for the flow name: 1 to 32 letters, digits, _ or - (no dots)'));
  }
  if (!TIPI.includes(tipo)) {
    found.push(issue('siuss.flow_name.tipo', 'Tipo del flusso non valido: PS, PSA, SINA o SINBA', 'Invalid flow type: PS, PSA, SINA or SINBA',
      { allowed: TIPI.join(', ') }));
  }
  if (!isIsoDate(date)) {
    found.push(issue('siuss.flow_name.date', 'Data del flusso non valida: serve una data esistente AAAA-MM-GG',
      'Invalid flow date: an existing YYYY-MM-DD date is required'));
  }
  if (!Number.isInteger(progressivo) || progressivo < 1 || progressivo > FLOW_NAME_MAX_PROGRESSIVO) {
    found.push(issue('siuss.flow_name.progressivo',
      `Progressivo del flusso non valido: intero da 1 a ${FLOW_NAME_MAX_PROGRESSIVO} (7 cifre)`,
      `Invalid flow progressivo: integer from 1 to ${FLOW_NAME_MAX_PROGRESSIVO} (7 digits)`,
      { value: Number.isFinite(progressivo) ? progressivo : String(progressivo), max: FLOW_NAME_MAX_PROGRESSIVO }));
  }
  if (found.length > 0) throwIssues(found);
  const name = `${codiceEnte}.${tipo}.${date.replaceAll('-', '')}.${String(progressivo).padStart(7, '0')}`;
  if (name.length > FLOW_NAME_MAX_LENGTH) {
    throwIssues([issue('siuss.flow_name.too_long',
      `Nome del flusso di ${name.length} caratteri: al massimo ${FLOW_NAME_MAX_LENGTH} (XSD IdentificazioneFlusso@Nome); accorciare il codice ente`,
      `Flow name of ${name.length} characters: at most ${FLOW_NAME_MAX_LENGTH} (XSD IdentificazioneFlusso@Nome); shorten the codice ente`,
      { length: name.length, limit: FLOW_NAME_MAX_LENGTH })]);
  }
  return name;
}
