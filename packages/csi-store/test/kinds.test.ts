// SPDX-License-Identifier: BSD-3-Clause
/** KIND_TABLES (what the store writes in each typed column) and the migrated schema agree, both ways. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_TABLES, STORED_KINDS, openStore, type Store } from '../src/index.js';
import { TEST_KEY } from './support/targets.js';

const BASE = ['ente', 'id', 'version', 'schema_version', 'created_at', 'updated_at', 'data'];
/** Columns of the SIUSS queue (0003_siuss_queue.sql), written by the export queue, not from the entity. */
const QUEUE = ['modalita', 'xml', 'hash_payload', 'ts_flusso', 'esito_codice', 'esito_id_acquisizione', 'esito_descrizione', 'esito_at'];
const SQL_TYPE = { uuid: 'uuid', text: 'text', date: 'date', instant: 'timestamp with time zone' } as const;

let store: Store;
beforeAll(async () => {
  store = await openStore({ auditKey: TEST_KEY });
}, 120_000);
afterAll(async () => store.close());

describe('KIND_TABLES agrees with the migrations', () => {
  for (const kind of STORED_KINDS) {
    it(`${kind}: every typed column exists with its type, nullability and foreign key, and the table has no other`, async () => {
      const { table, lifecycle, columns } = KIND_TABLES[kind];
      const cols = await store.executor.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      const byName = new Map(cols.rows.map((c) => [c.column_name, c]));
      expect(byName.size).toBeGreaterThan(0);
      const expected = [...BASE, ...(lifecycle ? ['status'] : []), ...columns.map((c) => c.column), ...(kind === 'flusso-siuss' ? QUEUE : [])];
      expect([...byName.keys()].sort()).toEqual([...expected].sort());
      for (const c of columns) {
        const col = byName.get(c.column);
        expect(col?.data_type, `${table}.${c.column}`).toBe(SQL_TYPE[c.type]);
        expect(col?.is_nullable, `${table}.${c.column}`).toBe(c.nullable ? 'YES' : 'NO');
      }
      const fks = await store.executor.query<{ def: string }>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY 1`,
        [table],
      );
      const wanted = columns
        .filter((c) => c.references !== undefined)
        .map((c) => `FOREIGN KEY (ente, ${c.column}) REFERENCES ${KIND_TABLES[c.references as keyof typeof KIND_TABLES].table}(ente, id)`)
        .sort();
      expect(fks.rows.map((r) => r.def).sort()).toEqual(wanted);
    });
  }
});
