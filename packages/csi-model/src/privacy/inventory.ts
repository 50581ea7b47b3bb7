// SPDX-License-Identifier: BSD-3-Clause
/**
 * The data inventory of the model: one row per field of every entity, with its GDPR category, purpose
 * and legal basis. It feeds the Comune's DPIA — mandatory here: Garante, delibera n. 467 of 11 Oct 2018
 * (GU n. 269 of 19 Nov 2018), list of processing needing a DPIA, "non-occasional processing of data of
 * vulnerable subjects (minors, disabled, elderly…)" — and the record of processing activities
 * (GDPR art. 30(1)(b)–(d), (f)). Built from {@link FIELD_CLASSIFICATION}, so it never drifts from the model.
 * @module
 */
import type { LocalizedText } from '@riuso-sociale/core';
import { ENTITY_KINDS, type EntityKind } from '../ids.js';
import { categoriesOf, FIELD_CLASSIFICATION, type FieldClassification, type Sensitivity } from './sensitivity.js';

/**
 * One row of the data inventory.
 *
 * @example
 * ```ts
 * import type { InventoryRow } from '@riuso-sociale/csi-model';
 * type S = InventoryRow['sensitivity']; // 'ordinary' | 'special' | 'judicial'
 * ```
 */
export interface InventoryRow {
  /** Entity kind. */
  readonly entity: EntityKind;
  /** Top-level field. */
  readonly field: string;
  /** The category that governs the field. */
  readonly sensitivity: Sensitivity;
  /** Every category the field may hold (the governing one first). */
  readonly categories: readonly Sensitivity[];
  /** Purpose. */
  readonly purpose: LocalizedText;
  /** Legal basis. */
  readonly legalBasis: string;
  /** Retention hint, when a source gives one. */
  readonly retention?: LocalizedText;
  /** Direct identifier kind, if any. */
  readonly identifier?: FieldClassification['identifier'];
  /** Why the category was chosen, when not obvious. */
  readonly note?: LocalizedText;
}

/**
 * Every field of every entity kind, in model order (ENTITY_KINDS, then the fields of each kind), with
 * category, purpose and legal basis: the input of the DPIA (Garante delibera 467/2018) and of the art. 30
 * register.
 *
 * @example
 * ```ts
 * import { dataInventory } from '@riuso-sociale/csi-model';
 * const special = dataInventory().filter((r) => r.sensitivity === 'special');
 * special.some((r) => r.entity === 'diario' && r.field === 'testo'); // true
 * ```
 */
export function dataInventory(): readonly InventoryRow[] {
  const rows: InventoryRow[] = [];
  for (const entity of ENTITY_KINDS) {
    const table = FIELD_CLASSIFICATION[entity];
    for (const [field, c] of Object.entries(table)) {
      rows.push({
        entity,
        field,
        sensitivity: c.sensitivity,
        categories: categoriesOf(c),
        purpose: c.purpose,
        legalBasis: c.legalBasis,
        ...(c.retention === undefined ? {} : { retention: c.retention }),
        ...(c.identifier === undefined ? {} : { identifier: c.identifier }),
        ...(c.note === undefined ? {} : { note: c.note }),
      });
    }
  }
  return rows;
}

/**
 * Options of {@link dataInventoryCsv}.
 *
 * @example
 * ```ts
 * import type { InventoryCsvOptions } from '@riuso-sociale/csi-model';
 * const o: InventoryCsvOptions = { separator: ',', bom: true };
 * ```
 */
export interface InventoryCsvOptions {
  /** Field separator: `;` (default, what spreadsheets in the Italian locale expect, since `,` is the decimal mark) or `,`. */
  readonly separator?: ';' | ',';
  /** Start with a UTF-8 byte order mark (U+FEFF), so that Excel reads the accents (default `false`). */
  readonly bom?: boolean;
}

/** The columns of the CSV, in order. */
const COLUMNS = [
  'entita',
  'campo',
  'sensibilita',
  'categorie',
  'finalita',
  'purpose',
  'base_giuridica',
  'conservazione',
  'retention',
  'identificativo',
  'nota',
  'note',
] as const;

function cell(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The data inventory as CSV (RFC 4180: CRLF line ends, a header row, fields with the separator, quotes
 * or line breaks quoted, quotes doubled). Separator `;` by default (Italian spreadsheets), `,` on request.
 * Columns: `entita; campo; sensibilita; categorie` (`|`-separated); `finalita; purpose` (it, en);
 * `base_giuridica`; `conservazione; retention`; `identificativo`; `nota; note`.
 *
 * @example
 * ```ts
 * import { dataInventoryCsv } from '@riuso-sociale/csi-model';
 * const csv = dataInventoryCsv();
 * csv.split('\r\n')[0]; // 'entita;campo;sensibilita;categorie;finalita;purpose;base_giuridica;conservazione;retention;identificativo;nota;note'
 * ```
 */
export function dataInventoryCsv(options: InventoryCsvOptions = {}): string {
  const separator = options.separator ?? ';';
  if (separator !== ';' && separator !== ',') throw new RangeError('dataInventoryCsv: separator is ";" or ","');
  const lines = [COLUMNS.join(separator)];
  for (const r of dataInventory()) {
    const values = [
      r.entity,
      r.field,
      r.sensitivity,
      r.categories.join('|'),
      r.purpose.it,
      r.purpose.en,
      r.legalBasis,
      r.retention?.it ?? '',
      r.retention?.en ?? '',
      r.identifier ?? '',
      r.note?.it ?? '',
      r.note?.en ?? '',
    ];
    lines.push(values.map((v) => cell(v, separator)).join(separator));
  }
  return `${options.bom === true ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
