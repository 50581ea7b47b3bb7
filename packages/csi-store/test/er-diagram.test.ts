// SPDX-License-Identifier: BSD-3-Clause
/**
 * The ER diagram (docs/schema.md, and the same block in README.md) cannot drift from the SQL:
 * - scripts/er-diagram.mjs --check says the committed files are what the migrations produce;
 * - the committed diagram, read back here with a parser of its own, matches a database migrated by
 *   openStore: every table, column (in order, with type and nullability), primary, unique and foreign
 *   key of the diagram exists in information_schema, and vice versa;
 * - every key includes `ente` (the claim that the schema can be distributed by Comune), with the
 *   exceptions named here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error — plain JavaScript generator of the package scripts, no types
import * as generator from '../scripts/er-diagram.mjs';
import type { Store } from '../src/index.js';
import { closeAll, TARGETS } from './support/targets.js';

afterAll(closeAll);

const PKG = join(import.meta.dirname, '..');
const SCRIPT = join(PKG, 'scripts', 'er-diagram.mjs');
const REGENERATE = 'regenerate with: node packages/csi-store/scripts/er-diagram.mjs';
/** Tables the migrations do not create: the runner's own bookkeeping (src/migrate.ts). */
const RUNNER_TABLES = ['riuso_migration'];
/** Tables with a key without `ente`: administrative, no personal data (see README, "Lo schema"). */
const KEYS_WITHOUT_ENTE = ['ambito', 'riuso_migration'];

// ————————————————————————————————— reading the committed diagram —————————————————————————————————

interface DiagramColumn {
  readonly name: string;
  readonly type: string;
  readonly keys: readonly string[];
  readonly nullable: boolean;
}
interface DiagramRelation {
  readonly parent: string;
  readonly child: string;
  readonly optional: boolean;
  readonly label: string;
}
interface Diagram {
  readonly tables: Map<string, DiagramColumn[]>;
  readonly relations: DiagramRelation[];
  readonly text: string;
}

/** The one Mermaid block between the region markers of docs/schema.md. */
function committedDiagram(): string {
  const page = readFileSync(join(PKG, 'docs', 'schema.md'), 'utf8');
  const region = page.split('<!-- #region er-diagram -->')[1]?.split('<!-- #endregion er-diagram -->')[0] ?? '';
  const m = /```mermaid\n([\s\S]*?)\n```/.exec(region);
  if (m?.[1] === undefined) throw new Error(`docs/schema.md: no mermaid block in the er-diagram region (${REGENERATE})`);
  return m[1];
}

/** A parser of the diagram's own (independent of the generator): entities, attributes, relationships. */
function parseDiagram(text: string): Diagram {
  const lines = text.split('\n');
  expect(lines[0]).toBe('erDiagram');
  const tables = new Map<string, DiagramColumn[]>();
  const relations: DiagramRelation[] = [];
  let current: DiagramColumn[] | undefined;
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if (current !== undefined) {
      if (line === '  }') {
        current = undefined;
      } else if ((m = /^ {4}(\S+) (\w+)(?: ((?:PK|UK|FK)(?:, (?:PK|UK|FK))*))?(?: "([^"]*)")?$/.exec(line))) {
        expect(m[4] === undefined || m[4] === 'nullable', line).toBe(true);
        current.push({ type: m[1] as string, name: m[2] as string, keys: m[3]?.split(', ') ?? [], nullable: m[4] === 'nullable' });
      } else {
        throw new Error(`diagram: attribute not understood: ${line}`);
      }
    } else if ((m = /^ {2}(\w+) \{$/.exec(line))) {
      expect(tables.has(m[1] as string), `table ${m[1]} twice`).toBe(false);
      current = [];
      tables.set(m[1] as string, current);
    } else if ((m = /^ {2}(\w+) (\|\||\|o)--o\{ (\w+) : "([^"]*)"$/.exec(line))) {
      relations.push({ parent: m[1] as string, optional: m[2] === '|o', child: m[3] as string, label: m[4] as string });
    } else {
      throw new Error(`diagram: line not understood: ${line}`);
    }
  }
  return { tables, relations, text };
}

// ————————————————————————————————— reading the migrated database —————————————————————————————————

interface DbColumn {
  readonly table_name: string;
  readonly column_name: string;
  readonly data_type: string;
  readonly udt_name: string;
  readonly is_nullable: 'YES' | 'NO';
}
interface DbKey {
  readonly table: string;
  readonly type: 'PRIMARY KEY' | 'UNIQUE' | 'FOREIGN KEY';
  readonly name: string;
  readonly columns: string[];
  readonly refTable?: string;
  readonly refColumns?: string[];
}

async function readDatabase(store: Store): Promise<{ columns: DbColumn[]; keys: DbKey[] }> {
  const db = store.executor;
  const columns = await db.query<DbColumn>(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const keyColumns = await db.query<{ table_name: string; constraint_name: string; constraint_type: DbKey['type']; column_name: string }>(
    `SELECT tc.table_name, tc.constraint_name, tc.constraint_type, kcu.column_name
     FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage kcu
       ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
     WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
     ORDER BY tc.table_name, tc.constraint_name, kcu.ordinal_position`,
  );
  const references = await db.query<{ table_name: string; constraint_name: string; ref_table: string; ref_column: string }>(
    `SELECT kcu.table_name, kcu.constraint_name, ref.table_name AS ref_table, ref.column_name AS ref_column
     FROM information_schema.referential_constraints rc
     JOIN information_schema.key_column_usage kcu
       ON kcu.constraint_schema = rc.constraint_schema AND kcu.constraint_name = rc.constraint_name
     JOIN information_schema.key_column_usage ref
       ON ref.constraint_schema = rc.unique_constraint_schema AND ref.constraint_name = rc.unique_constraint_name
      AND ref.ordinal_position = kcu.position_in_unique_constraint
     WHERE rc.constraint_schema = 'public'
     ORDER BY kcu.table_name, kcu.constraint_name, kcu.ordinal_position`,
  );
  const keys = new Map<string, DbKey & { columns: string[]; refColumns: string[] }>();
  for (const r of keyColumns.rows) {
    const id = `${r.table_name}.${r.constraint_name}`;
    const k = keys.get(id) ?? { table: r.table_name, type: r.constraint_type, name: r.constraint_name, columns: [], refColumns: [] };
    k.columns.push(r.column_name);
    keys.set(id, k);
  }
  for (const r of references.rows) {
    const k = keys.get(`${r.table_name}.${r.constraint_name}`);
    if (k === undefined) throw new Error(`foreign key ${r.constraint_name} of ${r.table_name} not in table_constraints`);
    Object.assign(k, { refTable: r.ref_table });
    k.refColumns.push(r.ref_column);
  }
  return { columns: [...columns.rows], keys: [...keys.values()] };
}

/** information_schema's data_type for a type as the diagram writes it. */
const SQL_TYPES: Record<string, string> = {
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  bool: 'boolean',
  varchar: 'character varying',
};
function dataType(diagramType: string): string {
  if (diagramType.endsWith('[]')) return 'ARRAY';
  const base = diagramType.replace(/\(.*$/, '');
  return SQL_TYPES[base] ?? base.replace(/_/g, ' ');
}

const sorted = <T>(xs: Iterable<T>): T[] => [...xs].sort();

// ————————————————————————————————————————————— tests —————————————————————————————————————————————

describe('the ER diagram is generated from the migrations', () => {
  it('docs/schema.md and the README block are what scripts/er-diagram.mjs --check expects', () => {
    let out = '';
    try {
      out = execFileSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status?: number; stderr?: string };
      throw new Error(`er-diagram --check exited ${err.status}: ${err.stderr} (${REGENERATE})`);
    }
    expect(out).toContain('up to date');
  });

  it('the README holds the same diagram as docs/schema.md', () => {
    const readme = readFileSync(join(PKG, 'README.md'), 'utf8');
    const block = readme.split(generator.README_START as string)[1]?.split(generator.README_END as string)[0] ?? '';
    expect(block.trim(), REGENERATE).toBe(`\`\`\`mermaid\n${committedDiagram()}\n\`\`\``);
  });

  it('Mermaid parses it (the site draws it in the browser)', async () => {
    const { default: mermaid } = await import('mermaid');
    await expect(mermaid.parse(committedDiagram())).resolves.toMatchObject({ diagramType: 'er' });
  });

  it('the parser follows ALTER TABLE and refuses what it does not understand', () => {
    const parse = generator.parseMigrations as (files: { name: string; sql: string }[]) => { name: string; columns: { name: string; type: string; nullable: boolean }[]; primaryKey: string[]; unique: string[][]; foreignKeys: { columns: string[]; table: string }[] }[];
    const tables = parse([
      {
        name: '0001_a.sql',
        sql: `-- a comment; with a semicolon
          CREATE TABLE p (ente text NOT NULL, id uuid NOT NULL, note text DEFAULT 'a, b; c', PRIMARY KEY (ente, id));
          CREATE TABLE c (ente text NOT NULL, id uuid, p uuid, x numeric(10, 2), CONSTRAINT c_pk PRIMARY KEY (ente, id), FOREIGN KEY (ente, p) REFERENCES p (ente, id));
          CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE nope (a int); END $$;`,
      },
      {
        name: '0002_b.sql',
        sql: `ALTER TABLE c ADD COLUMN y bigint, ADD COLUMN z text NOT NULL DEFAULT '', DROP COLUMN x;
          ALTER TABLE c ADD CONSTRAINT c_y UNIQUE (ente, y);
          ALTER TABLE c RENAME COLUMN z TO w;
          ALTER TABLE c ALTER COLUMN p SET NOT NULL;
          ALTER TABLE p ENABLE ROW LEVEL SECURITY;
          DROP TABLE IF EXISTS gone;`,
      },
    ]);
    expect(tables.map((t) => t.name)).toEqual(['p', 'c']);
    const c = tables[1];
    expect(c?.columns.map((x) => `${x.name}:${x.type}:${x.nullable ? 'null' : 'not null'}`)).toEqual([
      'ente:text:not null',
      'id:uuid:not null',
      'p:uuid:not null',
      'y:bigint:null',
      'w:text:not null',
    ]);
    expect(c?.primaryKey).toEqual(['ente', 'id']);
    expect(c?.unique).toEqual([['ente', 'y']]);
    expect(c?.foreignKeys).toEqual([{ columns: ['ente', 'p'], table: 'p', refColumns: ['ente', 'id'] }]);
    expect(() => parse([{ name: '0001_a.sql', sql: 'CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a TYPE bigint;' }])).toThrow(/not understood/);
    expect(() => parse([{ name: '0001_a.sql', sql: 'ALTER TABLE missing ADD COLUMN a int;' }])).toThrow(/does not exist/);
  });
});

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`the committed diagram matches a database migrated on ${target.name}`, () => {
    let diagram: Diagram;
    let db: { columns: DbColumn[]; keys: DbKey[] };

    beforeAll(async () => {
      diagram = parseDiagram(committedDiagram());
      db = await readDatabase(await target.open());
    }, 120_000);

    it('the same tables (besides the runner’s own riuso_migration)', () => {
      const inDb = new Set(db.columns.map((c) => c.table_name));
      for (const t of RUNNER_TABLES) expect(inDb.has(t), `${t} should exist (created by src/migrate.ts)`).toBe(true);
      expect(sorted(diagram.tables.keys())).toEqual(sorted([...inDb].filter((t) => !RUNNER_TABLES.includes(t))));
    });

    it('the same columns in the same order, with the same types and nullability', () => {
      for (const [table, columns] of diagram.tables) {
        const actual = db.columns.filter((c) => c.table_name === table);
        expect(columns.map((c) => c.name), table).toEqual(actual.map((c) => c.column_name));
        for (const [i, c] of columns.entries()) {
          const a = actual[i] as DbColumn;
          expect(dataType(c.type), `${table}.${c.name}: type`).toBe(a.data_type);
          expect(c.nullable, `${table}.${c.name}: nullable`).toBe(a.is_nullable === 'YES');
        }
      }
    });

    it('PK, UK and FK markers are exactly the columns of the primary, unique and foreign keys', () => {
      for (const [table, columns] of diagram.tables) {
        const keys = db.keys.filter((k) => k.table === table);
        const inKeys = (type: DbKey['type']) => sorted(new Set(keys.filter((k) => k.type === type).flatMap((k) => k.columns)));
        const marked = (key: string) => sorted(columns.filter((c) => c.keys.includes(key)).map((c) => c.name));
        expect(marked('PK'), `${table} PK`).toEqual(inKeys('PRIMARY KEY'));
        expect(marked('UK'), `${table} UK`).toEqual(inKeys('UNIQUE'));
        expect(marked('FK'), `${table} FK`).toEqual(inKeys('FOREIGN KEY'));
      }
    });

    it('one relationship per foreign key: referenced table, referencing table, columns, optionality', () => {
      const expected = db.keys
        .filter((k) => k.type === 'FOREIGN KEY')
        .map((k) => {
          const own = k.columns.filter((c) => c !== 'ente');
          const optional = k.columns.some((c) => db.columns.find((x) => x.table_name === k.table && x.column_name === c)?.is_nullable === 'YES');
          return `${k.refTable} ${optional ? '|o' : '||'}--o{ ${k.table} : ${(own.length > 0 ? own : k.columns).join(', ')}`;
        });
      const drawn = diagram.relations.map((r) => `${r.parent} ${r.optional ? '|o' : '||'}--o{ ${r.child} : ${r.label}`);
      expect(sorted(drawn)).toEqual(sorted(expected));
    });

    it('ente is in every primary, unique and foreign key, and foreign keys map ente to ente (so the schema distributes by Comune)', () => {
      const withoutEnte = sorted(new Set(db.keys.filter((k) => !k.columns.includes('ente')).map((k) => k.table)));
      expect(withoutEnte).toEqual(sorted(KEYS_WITHOUT_ENTE));
      for (const k of db.keys.filter((x) => x.type === 'FOREIGN KEY')) {
        expect(k.refColumns?.[k.columns.indexOf('ente')], `${k.table}.${k.name}`).toBe('ente');
      }
      // Every table with personal data has a primary key starting with ente.
      for (const table of diagram.tables.keys()) {
        if (KEYS_WITHOUT_ENTE.includes(table)) continue;
        expect(db.keys.find((k) => k.table === table && k.type === 'PRIMARY KEY')?.columns[0], table).toBe('ente');
      }
    });
  });
}
