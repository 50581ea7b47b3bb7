// SPDX-License-Identifier: BSD-3-Clause
/**
 * The migration runner: applies `migrations/NNNN_name.sql` in order, each in its own transaction,
 * records every applied file with its SHA-256, refuses a file edited after it was applied, and takes
 * a transaction-level advisory lock so that two processes never migrate at once.
 * @module
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIssue, fail, ok, type Result } from '@riuso-sociale/core';
import type { SqlExecutor } from './executor.js';

/** The constant of the migration advisory lock (`pg_advisory_xact_lock`): "riuso-csi" in hex digits. */
const MIGRATION_LOCK = 0x7269_7573_6f63;

/**
 * One migration file.
 *
 * @example
 * ```ts
 * import { migrationFiles } from '@riuso-sociale/csi-store';
 * migrationFiles()[0]?.name; // '0001_cartella.sql'
 * ```
 */
export interface MigrationFile {
  /** File name, `NNNN_name.sql`. */
  readonly name: string;
  /** The SQL. */
  readonly sql: string;
  /** SHA-256 of the file, lower-case hex. */
  readonly checksum: string;
}

/** What `store.migrate()` did: the files applied now and those applied before. */
export interface MigrationReport {
  /** Files applied now. */
  readonly applied: readonly string[];
  /** Files already applied before. */
  readonly alreadyApplied: readonly string[];
}

/**
 * The folder of the package's SQL files (`migrations/`, beside `src/` and `dist/`): vendors who apply
 * the schema with their own tools read the files from here.
 *
 * @example
 * ```ts
 * import { migrationsDir } from '@riuso-sociale/csi-store';
 * migrationsDir().endsWith('migrations'); // true
 * ```
 */
export function migrationsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
}

/**
 * The migration files shipped with the package, in order.
 *
 * @example
 * ```ts
 * import { migrationFiles } from '@riuso-sociale/csi-store';
 * migrationFiles().map((f) => f.name); // ['0001_cartella.sql', '0002_audit.sql', …]
 * ```
 */
export function migrationFiles(dir: string = migrationsDir()): readonly MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** @internal Applies the pending migrations (see the module notes). */
export async function migrate(db: SqlExecutor, files: readonly MigrationFile[] = migrationFiles()): Promise<Result<MigrationReport, 'store.migration'>> {
  // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can both try to create it (duplicate pg_type row).
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS riuso_migration (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: string[] = [];
  const already: string[] = [];
  for (const file of files) {
    const outcome = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query<{ checksum: string }>('SELECT checksum FROM riuso_migration WHERE name = $1', [file.name]);
      const row = done.rows[0];
      if (row !== undefined) return row.checksum === file.checksum ? 'already' : 'edited';
      // A file is one script (DO blocks, several statements): no parameters, so it goes as one simple query.
      await tx.exec(file.sql);
      await tx.query('INSERT INTO riuso_migration (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
      return 'applied';
    });
    if (outcome === 'edited') {
      return fail([
        createIssue(
          'store.migration',
          {
            it: `La migrazione ${file.name} è stata modificata dopo essere stata applicata: non si modifica una migrazione, se ne aggiunge una nuova`,
            en: `Migration ${file.name} was edited after it was applied: never edit a migration, add a new one`,
          },
          { params: { file: file.name } },
        ),
      ]);
    }
    (outcome === 'applied' ? applied : already).push(file.name);
  }
  return ok({ applied, alreadyApplied: already });
}
