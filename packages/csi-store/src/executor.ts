// SPDX-License-Identifier: BSD-3-Clause
/**
 * The executor: the small interface through which the store sends plain SQL, satisfied by both
 * drivers — embedded PGlite (`@electric-sql/pglite`, PostgreSQL compiled to WASM, in memory or on
 * disk) and a PostgreSQL server through a `pg` Pool. No ORM: the SQL of `migrations/` is the schema.
 * @module
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

/**
 * A row set: the rows (column → value) and the number of rows a write touched.
 *
 * @example
 * ```ts
 * import type { SqlResult } from '@riuso-sociale/csi-store';
 * const r: SqlResult<{ n: number }> = { rows: [{ n: 1 }], rowCount: 1 };
 * ```
 */
export interface SqlResult<R> {
  /** The rows returned. */
  readonly rows: readonly R[];
  /** Rows returned or touched by the statement. */
  readonly rowCount: number;
}

/**
 * Something that runs one SQL statement with `$1…$n` parameters (values never enter the SQL text).
 *
 * @example
 * ```ts
 * import type { SqlQueryable } from '@riuso-sociale/csi-store';
 * async function count(db: SqlQueryable): Promise<number> {
 *   const r = await db.query<{ n: string }>('select count(*)::text as n from persona');
 *   return Number(r.rows[0]?.n ?? 0);
 * }
 * ```
 */
export interface SqlQueryable {
  /** Runs one statement. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Runs a script of several statements, with no parameters (a migration file). */
  exec(script: string): Promise<void>;
}

/**
 * The store's executor: statements, exclusive transactions on one connection, and closing.
 *
 * @example
 * ```ts
 * import type { SqlExecutor } from '@riuso-sociale/csi-store';
 * async function ping(db: SqlExecutor): Promise<boolean> {
 *   return db.transaction(async (tx) => (await tx.query('select 1')).rowCount === 1);
 * }
 * ```
 */
export interface SqlExecutor extends SqlQueryable {
  /** `pglite` (embedded, one statement at a time) or `pg` (a server). */
  readonly driver: 'pglite' | 'pg';
  /** Runs `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Closes what the executor opened itself (a Pool passed in by the caller is left open). */
  close(): Promise<void>;
}

/** @internal An executor over PGlite (its own `transaction` serialises everything). */
export function pgliteExecutor(db: PGlite, owned: boolean): SqlExecutor {
  const wrap = (q: PGlite | Transaction): SqlQueryable => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      const r = await q.query<R>(text, params as unknown[]);
      // PGlite reports affectedRows 0 for a SELECT: the rows returned count, as with pg.
      return { rows: r.rows, rowCount: Math.max(r.rows.length, r.affectedRows ?? 0) };
    },
    async exec(script: string) {
      await q.exec(script);
    },
  });
  const base = wrap(db);
  return {
    driver: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (owned && !db.closed) await db.close();
    },
  };
}

/** @internal An executor over a `pg` Pool. */
export function pgExecutor(pool: Pool, owned: boolean): SqlExecutor {
  const wrap = (c: Pool | PoolClient): SqlQueryable => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      const r = await c.query(text, params as unknown[]);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(script: string) {
      await c.query(script); // no parameters: the simple query protocol, which takes several statements
    },
  });
  const base = wrap(pool);
  return {
    driver: 'pg',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      let broken: unknown;
      // While a client is checked out the pool no longer listens to its 'error' event: a connection
      // that dies mid-transaction (server restarted, backend terminated, network reset) would be an
      // unhandled 'error' and crash the process. Keep it as the reason the client is broken; the
      // statement in flight (or the next one) fails and the session answers store.unavailable.
      const onError = (e: Error): void => {
        broken = e;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        try {
          const value = await fn(wrap(client));
          await client.query('COMMIT');
          return value;
        } catch (e) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackError) {
            broken = rollbackError; // the connection is unusable: do not return it to the pool
          }
          throw e;
        }
      } finally {
        client.off('error', onError);
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}
