// SPDX-License-Identifier: BSD-3-Clause
/**
 * How each entity kind of csi-model maps onto its table (`migrations/0001_cartella.sql`, and
 * `0005_fascicolo.sql` for `appuntamento` and `accesso.ufficio`): the table name and the typed columns
 * copied from the validated entity. A test reads the migrated schema and
 * checks that this table and the SQL agree.
 * @module
 */
import { ENTITY_KINDS, STATES, type EntityKind, type LifecycleKind } from '@riuso-sociale/csi-model';

/** Kinds stored in a table of their own (every entity kind but the audit event, which has its own log). */
export type StoredKind = Exclude<EntityKind, 'audit-event'>;

/**
 * Every {@link StoredKind}, in the order of the model.
 *
 * @example
 * ```ts
 * import { STORED_KINDS } from '@riuso-sociale/csi-store';
 * STORED_KINDS.includes('intervento'); // true
 * ```
 */
export const STORED_KINDS: readonly StoredKind[] = ENTITY_KINDS.filter((k): k is StoredKind => k !== 'audit-event');

/** A typed column copied from a field of the entity. */
export interface KindColumn {
  /** Column name (snake_case). */
  readonly column: string;
  /** Field of the entity (a dotted path for a nested one, e.g. `esportazione.flusso`). */
  readonly field: string;
  /** SQL type of the column (`instant`: `timestamptz`, from a UTC instant of the entity). */
  readonly type: 'uuid' | 'text' | 'date' | 'instant';
  /** For a reference: the kind it points to (a foreign key `(ente, column)` in the SQL). */
  readonly references?: StoredKind;
  /** `true` when the field may be absent. */
  readonly nullable: boolean;
}

/** How a kind is stored. */
export interface KindTable {
  /** The table. */
  readonly table: string;
  /** Has a lifecycle (a `status` column). */
  readonly lifecycle: boolean;
  /** Typed columns besides ente, id, status, version, schema_version, timestamps and data. */
  readonly columns: readonly KindColumn[];
}

const ref = (column: string, field: string, references: StoredKind, nullable = false): KindColumn => ({ column, field, type: 'uuid', references, nullable });
const persona = ref('persona', 'persona', 'persona');
const personaOpt = ref('persona', 'persona', 'persona', true);
const presaOpt = ref('presa_in_carico', 'presaInCarico', 'presa-in-carico', true);

const COLUMNS: { readonly [K in StoredKind]: readonly KindColumn[] } = {
  ente: [],
  servizio: [],
  operatore: [],
  persona: [],
  'nucleo-familiare': [], // members are a list (componenti[].persona); access goes through the applicant
  'rete-sociale': [persona],
  cartella: [persona],
  'presa-in-carico': [ref('cartella', 'cartella', 'cartella'), persona, ref('servizio', 'servizio', 'servizio')],
  accesso: [personaOpt, presaOpt, ref('ufficio', 'ufficio', 'servizio', true)],
  assegnazione: [{ column: 'operatore', field: 'operatore', type: 'uuid', nullable: false }, ref('presa_in_carico', 'presaInCarico', 'presa-in-carico'), persona],
  valutazione: [persona, presaOpt, { column: 'tipo', field: 'tipo', type: 'text', nullable: false }],
  progetto: [persona, ref('presa_in_carico', 'presaInCarico', 'presa-in-carico')],
  obiettivo: [ref('progetto', 'progetto', 'progetto'), persona],
  intervento: [persona, presaOpt, ref('progetto', 'progetto', 'progetto', true)],
  'flusso-siuss': [{ column: 'nome', field: 'nome', type: 'text', nullable: false }, { column: 'tipo', field: 'tipo', type: 'text', nullable: false }],
  erogazione: [
    ref('intervento', 'intervento', 'intervento'),
    persona,
    ref('valutazione', 'valutazione', 'valutazione', true),
    ref('flusso', 'esportazione.flusso', 'flusso-siuss', true),
    { column: 'dal', field: 'dal', type: 'date', nullable: false },
    { column: 'al', field: 'al', type: 'date', nullable: true },
  ],
  diario: [persona, presaOpt],
  documento: [personaOpt, ref('cartella', 'cartella', 'cartella', true), presaOpt],
  provvedimento: [persona, presaOpt],
  consenso: [persona],
  appuntamento: [
    persona,
    presaOpt,
    ref('servizio', 'servizio', 'servizio', true),
    // No foreign key (as for assegnazione): in an Ambito the operator may belong to another Comune.
    { column: 'operatore', field: 'operatore', type: 'uuid', nullable: false },
    { column: 'inizio', field: 'inizio', type: 'instant', nullable: false },
  ],
};

/**
 * The table of every stored kind.
 *
 * @example
 * ```ts
 * import { KIND_TABLES } from '@riuso-sociale/csi-store';
 * KIND_TABLES['presa-in-carico'].table; // 'presa_in_carico'
 * ```
 */
export const KIND_TABLES: { readonly [K in StoredKind]: KindTable } = Object.fromEntries(
  STORED_KINDS.map((k) => [k, { table: k.replace(/-/g, '_'), lifecycle: Object.hasOwn(STATES, k), columns: COLUMNS[k] }]),
) as { readonly [K in StoredKind]: KindTable };

/** `true` for a kind stored by the store (own-property check: `__proto__` is not a kind). */
export function isStoredKind(value: unknown): value is StoredKind {
  return typeof value === 'string' && Object.hasOwn(KIND_TABLES, value);
}

/** `true` for a kind with a lifecycle. */
export function isLifecycleKind(kind: StoredKind): kind is StoredKind & LifecycleKind {
  return KIND_TABLES[kind].lifecycle;
}

/**
 * The version of the stored JSON (the csi-model entity shapes). Rows written by an older model keep
 * their number, so a later release can migrate them.
 */
export const ENTITY_SCHEMA_VERSION = 1;
