// SPDX-License-Identifier: BSD-3-Clause
/**
 * The `csi-store` command: applies the migrations, verifies an Ente's audit chain (against its head
 * row and, when given, a head kept elsewhere), prints the head to keep, and runs the SIUSS export.
 *
 * - The database: `--database-url` (or `DATABASE_URL`) for a PostgreSQL server, or `--data-dir` for
 *   the embedded store on disk — exactly one of them.
 * - The audit key comes from the environment only (`CSI_STORE_AUDIT_KEY`, older keys in
 *   `CSI_STORE_PREVIOUS_AUDIT_KEYS`), never from an option (shell history, `ps`) nor from the database;
 *   so does the SINBA pseudonymisation key (`CSI_STORE_PSEUDONYM_KEY`, for `export-siuss --kind SINBA`).
 * - Exit codes: 0 ok; 1 a finding (audit tampered with, export with skipped records); 2 usage,
 *   configuration, database or file error. Errors are one line plus a hint, never a stack trace, and
 *   never carry personal data (codes, sequence numbers and record ids only).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { access, constants, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { formatDate, isIsoDate, maskFiscalCode, ok, type Issue, type IsoDate, type LocalizedText } from '@riuso-sociale/core';
import { countOf, handleCommonOptions, langOfArgv, parseCommandLine, UsageError, usageText, type CommandLine } from '@riuso-sociale/core/cli';
import { createProgress, type Progress, type ProgressStream } from '@riuso-sociale/core/cli';
import { AUDIT_KEY_MIN_BYTES, isUuid, PSEUDONYM_MIN_KEY_BYTES, RUOLI, type Actor, type AuditHead, type AuditKey, type Ruolo } from '@riuso-sociale/csi-model';
import { pgExecutor, pgliteExecutor, type SqlExecutor } from './executor.js';
import { StoreError } from './issues.js';
import { auditKeysFromEnv } from './keys.js';
import { migrate, migrationFiles } from './migrate.js';
import { openStore, type SessionScope, type Store } from './store.js';

/** Where the CLI writes and what environment it reads; injectable for tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The environment (`DATABASE_URL`, `CSI_STORE_AUDIT_KEY`, `CSI_STORE_PREVIOUS_AUDIT_KEYS`, `CSI_STORE_PSEUDONYM_KEY`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where export-siuss shows its progress line: standard error, used only when it is a terminal (absent: no progress). */
  readonly progress?: ProgressStream;
}

type Lang = 'it' | 'en';

const HELP_IT = `csi-store — la Cartella Sociale Informatizzata su PostgreSQL: migrazioni, verifica dell'audit, esportazione SIUSS

Uso:
  csi-store migrate DB [--json]
      applica le migrazioni in sospeso; stampa quelle applicate e quelle già applicate
  csi-store verify-audit DB --ente A944 [--expected-head FILE.json | SEQ:HASH] [--json]
      verifica la catena di audit dell'Ente (HMAC, testata, e con --expected-head una testata conservata
      altrove, es. l'uscita di audit-head --json); uscita 1 se il registro è stato alterato
  csi-store audit-head DB --ente A944 [--json]
      stampa la testata della catena (con --json: {ente, seq, hash, at}) da pubblicare o conservare altrove
  csi-store export-siuss DB --ente A944 --operatore UUID --ruolo sistema --kind PS|SINBA --up-to AAAA-MM-GG
                         --mode file|cooperazione [--out CARTELLA] [--json] [--quiet]
      esporta le erogazioni validate non ancora esportate (--kind PS) o le valutazioni SINBA validate
      dei minori non ancora esportate (--kind SINBA, pseudonime: serve CSI_STORE_PSEUDONYM_KEY); stampa
      i flussi creati (id_flusso, record, hash) e i record scartati (solo codici e identificativi); con
      --out scrive CARTELLA/<id_flusso>.xml; su un terminale mostra l'avanzamento su stderr (record trattati,
      velocità, tempo rimanente), tolto da --quiet o --json

DB, esattamente uno dei due:
  --database-url postgres://…   un server PostgreSQL ≥ 15 (meglio la variabile DATABASE_URL: la password
                                non finisce nella cronologia della shell)
  --data-dir CARTELLA           l'archivio PGlite incorporato su disco (un solo processo alla volta)

Ambiente:
  CSI_STORE_AUDIT_KEY            <id>:<segreto in base64 o hex, almeno ${AUDIT_KEY_MIN_BYTES} byte> — obbligatoria per
                                 verify-audit ed export-siuss; mai come opzione, mai nel database
  CSI_STORE_PREVIOUS_AUDIT_KEYS  chiavi precedenti, separate da virgole, stesso formato (rotazione)
  CSI_STORE_PSEUDONYM_KEY        chiave di pseudonimizzazione dell'Ente, hex o base64, almeno ${PSEUDONYM_MIN_KEY_BYTES} byte —
                                 obbligatoria per export-siuss --kind SINBA; sempre la stessa (stesso minore,
                                 stesso pseudonimo); mai come opzione, mai nel database
  DATABASE_URL                   come --database-url

Opzioni comuni: --lang it|en, --help, --version, --json
Uscita: 0 tutto bene; 1 registro di audit alterato, o esportazione con record scartati (i flussi creati
restano); 2 uso errato, configurazione, database o file non utilizzabili.`;

const HELP_EN = `csi-store — the Cartella Sociale Informatizzata on PostgreSQL: migrations, audit verification, SIUSS export

Usage:
  csi-store migrate DB [--json]
      applies the pending migrations; prints those applied and those already applied
  csi-store verify-audit DB --ente A944 [--expected-head FILE.json | SEQ:HASH] [--json]
      verifies the Ente's audit chain (HMAC, head row, and with --expected-head a head kept elsewhere,
      e.g. the output of audit-head --json); exit 1 when the log was tampered with
  csi-store audit-head DB --ente A944 [--json]
      prints the head of the chain (with --json: {ente, seq, hash, at}) to publish or keep elsewhere
  csi-store export-siuss DB --ente A944 --operatore UUID --ruolo sistema --kind PS|SINBA --up-to YYYY-MM-DD
                         --mode file|cooperazione [--out DIR] [--json] [--quiet]
      exports the validated erogazioni not yet exported (--kind PS) or the validated SINBA assessments
      of minors not yet exported (--kind SINBA, pseudonymous: needs CSI_STORE_PSEUDONYM_KEY); prints the
      flows created (id_flusso, records, hash) and the skipped records (codes and ids only); with --out
      writes DIR/<id_flusso>.xml; on a terminal shows its progress on stderr (records handled, rate, time
      left), turned off by --quiet or --json

DB, exactly one of:
  --database-url postgres://…   a PostgreSQL ≥ 15 server (better the DATABASE_URL variable: the password
                                stays out of the shell history)
  --data-dir DIR                the embedded PGlite store on disk (one process at a time)

Environment:
  CSI_STORE_AUDIT_KEY            <id>:<secret in base64 or hex, at least ${AUDIT_KEY_MIN_BYTES} bytes> — required by
                                 verify-audit and export-siuss; never an option, never in the database
  CSI_STORE_PREVIOUS_AUDIT_KEYS  previous keys, comma-separated, same format (rotation)
  CSI_STORE_PSEUDONYM_KEY        the Ente's pseudonymisation key, hex or base64, at least ${PSEUDONYM_MIN_KEY_BYTES} bytes —
                                 required by export-siuss --kind SINBA; always the same one (same minor, same
                                 pseudonym); never an option, never in the database
  DATABASE_URL                   like --database-url

Common options: --lang it|en, --help, --version, --json
Exit: 0 all good; 1 audit log tampered with, or export with skipped records (the flows created stay);
2 usage error, configuration, database or files not usable.`;

/** A failure with its exit code, message and hint in both languages. */
class CliFailure extends Error {
  constructor(
    readonly exit: number,
    readonly text: LocalizedText,
    readonly hint?: LocalizedText,
  ) {
    super(text.en);
  }
}

const HELP_HINT: LocalizedText = { it: "csi-store --help per l'uso", en: 'csi-store --help for usage' };

function usage(it: string, en: string, hint: LocalizedText = HELP_HINT): CliFailure {
  return new CliFailure(2, { it, en }, hint);
}

const DB_FLAGS = ['--database-url', '--data-dir'];
/** The options of all commands (besides `--lang`, `--help`, `--version`); {@link COMMAND_FLAGS} says which command takes which. */
const OPTIONS = {
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  ente: { type: 'string' },
  'expected-head': { type: 'string' },
  operatore: { type: 'string' },
  ruolo: { type: 'string' },
  kind: { type: 'string' },
  'up-to': { type: 'string' },
  mode: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

type Parsed = CommandLine<typeof OPTIONS>;

/** Only these flags are accepted by each command (besides --lang). */
const COMMAND_FLAGS: Record<string, readonly string[]> = {
  migrate: [...DB_FLAGS, '--json'],
  'verify-audit': [...DB_FLAGS, '--ente', '--expected-head', '--json'],
  'audit-head': [...DB_FLAGS, '--ente', '--json'],
  'export-siuss': [...DB_FLAGS, '--ente', '--operatore', '--ruolo', '--kind', '--up-to', '--mode', '--out', '--json', '--quiet'],
};

const BELFIORE = /^[A-Z]\d{3}$/;
const KEY_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const HASH = /^[0-9a-f]{64}$/;

/** Anything shaped like a codice fiscale (omocodic letters included), for a last masking pass. */
const CF_LIKE = /\b[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]\b/g;

/** Masks every codice fiscale in an output line (the messages carry none; this is a safety net). */
function safe(text: string): string {
  return text.replace(CF_LIKE, (cf) => maskFiscalCode(cf));
}

function requireEnte(p: Parsed): string {
  const ente = p.values.ente;
  if (ente === undefined) throw usage("manca --ente (codice Belfiore dell'Ente, es. A944)", 'missing --ente (Belfiore code of the Ente, e.g. A944)');
  if (!BELFIORE.test(ente)) throw usage('--ente: serve un codice Belfiore (una lettera maiuscola e tre cifre, es. A944)', '--ente: a Belfiore code is required (a capital letter and three digits, e.g. A944)');
  return ente;
}

// ————————————————————————————————————— database —————————————————————————————————————

type DbChoice = { readonly kind: 'server'; readonly url: string } | { readonly kind: 'dir'; readonly dir: string };

/** Exactly one of --database-url (or DATABASE_URL) and --data-dir. The URL is never echoed (it may hold a password). */
function chooseDatabase(p: Parsed, env: CliIo['env']): DbChoice {
  const flagUrl = p.values['database-url'];
  const dir = p.values['data-dir'];
  const envUrl = env.DATABASE_URL === undefined || env.DATABASE_URL === '' ? undefined : env.DATABASE_URL;
  if (flagUrl !== undefined && dir !== undefined) {
    throw usage('--database-url e --data-dir insieme: indicane uno solo', '--database-url and --data-dir together: give only one', {
      it: "--database-url per un server PostgreSQL, --data-dir per l'archivio PGlite su disco",
      en: '--database-url for a PostgreSQL server, --data-dir for the PGlite store on disk',
    });
  }
  if (dir !== undefined && envUrl !== undefined) {
    throw usage("--data-dir indicata ma c'è anche DATABASE_URL nell'ambiente: quale database?", '--data-dir given but DATABASE_URL is set too: which database?', {
      it: "togli DATABASE_URL dall'ambiente (env -u DATABASE_URL csi-store …) oppure non usare --data-dir",
      en: 'unset DATABASE_URL (env -u DATABASE_URL csi-store …) or drop --data-dir',
    });
  }
  const url = flagUrl ?? envUrl;
  if (url !== undefined) {
    if (!/^postgres(?:ql)?:\/\/./.test(url)) {
      throw usage('--database-url/DATABASE_URL: serve un URL postgres://utente@host:porta/database', '--database-url/DATABASE_URL: a postgres://user@host:port/database URL is required');
    }
    return { kind: 'server', url };
  }
  if (dir !== undefined) {
    if (dir === '') throw usage('--data-dir: percorso vuoto', '--data-dir: empty path');
    return { kind: 'dir', dir };
  }
  throw usage('manca il database: --database-url (o DATABASE_URL) oppure --data-dir', 'no database: --database-url (or DATABASE_URL) or --data-dir', {
    it: 'es. csi-store migrate --data-dir ./cartella, oppure DATABASE_URL=postgres://… csi-store migrate',
    en: 'e.g. csi-store migrate --data-dir ./cartella, or DATABASE_URL=postgres://… csi-store migrate',
  });
}

/** An open connection: the executor the CLI uses directly, and what `openStore` is given. */
interface Connection {
  readonly executor: SqlExecutor;
  readonly handle: { readonly pglite: PGlite } | { readonly pool: Pool };
}

/** `PG_VERSION` marks a PostgreSQL (PGlite) data folder. */
function isDataDir(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

async function connect(db: DbChoice, creating: boolean): Promise<Connection> {
  if (db.kind === 'server') {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: db.url, max: 2, connectionTimeoutMillis: 15_000, application_name: 'csi-store-cli' });
    pool.on('error', () => undefined); // an idle client lost: the next query reports it
    try {
      await pool.query('SELECT 1');
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw e;
    }
    return { executor: pgExecutor(pool, true), handle: { pool } };
  }
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(db.dir);
  } catch {
    stat = undefined;
  }
  if (stat !== undefined && !stat.isDirectory()) throw usage(`--data-dir ${db.dir}: non è una cartella`, `--data-dir ${db.dir}: not a directory`);
  if (!creating && (stat === undefined || !isDataDir(db.dir))) {
    throw new CliFailure(2, { it: `nessun archivio in ${db.dir}`, en: `no store in ${db.dir}` }, {
      it: `crealo con csi-store migrate --data-dir ${db.dir} (o controlla il percorso)`,
      en: `create it with csi-store migrate --data-dir ${db.dir} (or check the path)`,
    });
  }
  if (creating && stat !== undefined && !isDataDir(db.dir)) {
    const { readdirSync } = await import('node:fs');
    if (readdirSync(db.dir).length > 0) {
      throw new CliFailure(2, { it: `${db.dir}: la cartella non è vuota e non contiene un archivio`, en: `${db.dir}: the directory is not empty and holds no store` }, {
        it: 'indica una cartella nuova o vuota', en: 'give a new or empty directory',
      });
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create({ dataDir: db.dir });
  return { executor: pgliteExecutor(pglite, true), handle: { pglite } };
}

/** Migrations not applied yet (`null`: the database was never migrated). */
async function pendingMigrations(db: SqlExecutor): Promise<string[] | null> {
  const t = await db.query<{ r: string | null }>("SELECT to_regclass('public.riuso_migration')::text AS r");
  if (t.rows[0]?.r === null || t.rows[0]?.r === undefined) return null;
  const done = await db.query<{ name: string }>('SELECT name FROM riuso_migration');
  const applied = new Set(done.rows.map((r) => r.name));
  return migrationFiles().map((f) => f.name).filter((n) => !applied.has(n));
}

/** A key nobody keeps, for commands that sign nothing (openStore requires one). */
function throwawayKey(): AuditKey {
  return { id: 'csi-store-cli-unsigned', secret: new Uint8Array(randomBytes(32)) };
}

/** Opens the store without migrating it: a database never migrated, or with pending migrations, is refused. */
async function openExisting(db: DbChoice, keys: { readonly auditKey: AuditKey; readonly previousAuditKeys?: readonly AuditKey[] }): Promise<{ store: Store; close(): Promise<void> }> {
  const conn = await connect(db, false);
  try {
    const pending = await pendingMigrations(conn.executor);
    if (pending === null) {
      throw new CliFailure(2, { it: 'il database non è inizializzato', en: 'the database is not initialised' }, { it: 'esegui prima csi-store migrate', en: 'run csi-store migrate first' });
    }
    if (pending.length > 0) {
      throw new CliFailure(2, { it: `migrazioni in sospeso: ${pending.join(', ')}`, en: `pending migrations: ${pending.join(', ')}` }, {
        it: 'esegui csi-store migrate', en: 'run csi-store migrate',
      });
    }
    const store = await openStore({ ...conn.handle, migrate: false, ...keys });
    return {
      store,
      async close() {
        await store.close();
        await conn.executor.close();
      },
    };
  } catch (e) {
    await conn.executor.close().catch(() => undefined);
    throw e;
  }
}

// ————————————————————————————————————— audit key —————————————————————————————————————

/** The audit key and the older ones, from the environment only (see `auditKeysFromEnv`). */
function auditKeys(env: CliIo['env']): { auditKey: AuditKey; previousAuditKeys: readonly AuditKey[] } {
  const keys = auditKeysFromEnv(env);
  if (keys.ok) return keys.value;
  // The message carries its hint after " (": one line for the message, one for the hint.
  const issue = keys.issues[0];
  const split = (text: string): [string, string] => {
    const i = text.lastIndexOf(' (');
    return i === -1 ? [text, ''] : [text.slice(0, i), text.slice(i + 2, -1)];
  };
  const [it, hintIt] = split(issue.message);
  const [en, hintEn] = split(issue.messageEn);
  throw new CliFailure(2, { it, en }, hintIt === '' ? undefined : { it: hintIt, en: hintEn });
}

/** The SINBA pseudonymisation key, from the environment only (never an option, never in the database). */
function pseudonymKey(env: CliIo['env']): Uint8Array {
  const hint: LocalizedText = {
    it: `CSI_STORE_PSEUDONYM_KEY=<chiave hex o base64 di almeno ${PSEUDONYM_MIN_KEY_BYTES} byte>, es. $(openssl rand -hex 32), da un archivio di segreti; sempre la stessa per l'Ente, mai come opzione né nel database`,
    en: `CSI_STORE_PSEUDONYM_KEY=<hex or base64 key of at least ${PSEUDONYM_MIN_KEY_BYTES} bytes>, e.g. $(openssl rand -hex 32), from a secret store; always the same for the Ente, never an option nor in the database`,
  };
  const text = env.CSI_STORE_PSEUDONYM_KEY?.trim();
  if (text === undefined || text === '') {
    throw new CliFailure(2, {
      it: "manca la chiave di pseudonimizzazione SINBA: la variabile d'ambiente CSI_STORE_PSEUDONYM_KEY non è impostata",
      en: 'no SINBA pseudonymisation key: the CSI_STORE_PSEUDONYM_KEY environment variable is not set',
    }, hint);
  }
  let key: Uint8Array;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) key = new Uint8Array(Buffer.from(text, 'hex'));
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) && text.replace(/=+$/, '').length % 4 !== 1) key = new Uint8Array(Buffer.from(text, 'base64'));
  else throw new CliFailure(2, { it: 'CSI_STORE_PSEUDONYM_KEY non valida: né hex né base64', en: 'CSI_STORE_PSEUDONYM_KEY is invalid: neither hex nor base64' }, hint);
  if (key.length < PSEUDONYM_MIN_KEY_BYTES) {
    throw new CliFailure(2, {
      it: `CSI_STORE_PSEUDONYM_KEY non valida: ${key.length} byte, ne servono almeno ${PSEUDONYM_MIN_KEY_BYTES}`,
      en: `CSI_STORE_PSEUDONYM_KEY is invalid: ${key.length} bytes, at least ${PSEUDONYM_MIN_KEY_BYTES} required`,
    }, hint);
  }
  return key;
}

// ————————————————————————————————————— commands —————————————————————————————————————

function json(value: unknown): string {
  return JSON.stringify(value);
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '—' : names.join(', ');
}

async function migrateCommand(p: Parsed, io: CliIo, lang: Lang): Promise<number> {
  const db = chooseDatabase(p, io.env);
  const conn = await connect(db, true);
  try {
    const report = await migrate(conn.executor);
    if (!report.ok) {
      const issue = report.issues[0];
      throw new CliFailure(2, { it: issue.message, en: issue.messageEn }, {
        it: 'i file di migrazione applicati non si modificano: ripristina quello originale', en: 'applied migration files are never edited: restore the original one',
      });
    }
    // The store opens only when its role cannot bypass Row-Level Security: check it now, not at first use.
    const store = await openStore({ ...conn.handle, migrate: false, auditKey: throwawayKey() });
    await store.close();
    const { applied, alreadyApplied } = report.value;
    if (p.values.json === true) io.out(json({ applied, alreadyApplied }));
    else if (lang === 'en') {
      io.out(`applied (${applied.length}): ${list(applied)}`);
      io.out(`already applied (${alreadyApplied.length}): ${list(alreadyApplied)}`);
    } else {
      io.out(`applicate (${applied.length}): ${list(applied)}`);
      io.out(`già applicate (${alreadyApplied.length}): ${list(alreadyApplied)}`);
    }
    return 0;
  } finally {
    await conn.executor.close();
  }
}

function formatHead(head: AuditHead): string {
  return `${head.seq}:${head.hash ?? 'null'}`;
}

/** `SEQ:HASH` (`0:` or `0:null` for an empty chain), or a JSON file `{ seq, hash[, ente, at] }` (the output of audit-head --json). */
async function readExpectedHead(value: string, ente: string): Promise<AuditHead> {
  const bad = (it: string, en: string) =>
    usage(`--expected-head: ${it}`, `--expected-head: ${en}`, {
      it: "un file JSON {seq, hash} (l'uscita di csi-store audit-head --json) o SEQ:HASH",
      en: 'a JSON file {seq, hash} (the output of csi-store audit-head --json) or SEQ:HASH',
    });
  const literal = /^(\d{1,15}):([0-9a-fA-F]{64}|null)?$/.exec(value);
  let head: { seq: unknown; hash: unknown; ente?: unknown };
  if (literal) {
    head = { seq: Number(literal[1]), hash: literal[2] === undefined || literal[2] === 'null' ? null : literal[2].toLowerCase() };
  } else {
    let text: string;
    try {
      text = await readFile(value, 'utf8');
    } catch (e) {
      throw new CliFailure(2, { it: `--expected-head ${value}: file non leggibile (${ioCode(e)})`, en: `--expected-head ${value}: cannot read the file (${ioCode(e)})` }, {
        it: 'un file JSON {seq, hash} o SEQ:HASH', en: 'a JSON file {seq, hash} or SEQ:HASH',
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw bad('JSON non valido', 'invalid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad('serve un oggetto {seq, hash}', 'an object {seq, hash} is required');
    head = parsed as { seq: unknown; hash: unknown; ente?: unknown };
  }
  const { seq, hash } = head;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) throw bad('seq: un intero ≥ 0', 'seq: an integer ≥ 0');
  if (!(hash === null || (typeof hash === 'string' && HASH.test(hash)))) throw bad('hash: 64 cifre esadecimali (null per seq 0)', 'hash: 64 hex digits (null for seq 0)');
  if ((seq === 0) !== (hash === null)) throw bad('hash null se e solo se seq è 0', 'hash is null exactly when seq is 0');
  if (head.ente !== undefined && head.ente !== ente) {
    throw bad(`la testata è di un altro Ente (${String(head.ente).slice(0, 8)})`, `the head belongs to another Ente (${String(head.ente).slice(0, 8)})`);
  }
  return { seq, hash };
}

async function verifyAuditCommand(p: Parsed, io: CliIo, lang: Lang): Promise<number> {
  const ente = requireEnte(p);
  const db = chooseDatabase(p, io.env);
  const keys = auditKeys(io.env);
  const expectedText = p.values['expected-head'];
  const expectedHead = expectedText === undefined ? undefined : await readExpectedHead(expectedText, ente);
  const opened = await openExisting(db, keys);
  try {
    const r = await opened.store.verifyAudit({ ente, ...(expectedHead === undefined ? {} : { expectedHead }) });
    const asJson = p.values.json === true;
    if (r.ok) {
      const v = r.value;
      if (asJson) io.out(json({ ente, ok: true, head: v.head, events: v.events, ...(expectedHead === undefined ? {} : { expectedHead }) }));
      else {
        const within = expectedHead === undefined ? '' : lang === 'en' ? ` (contains the expected head ${expectedHead.seq})` : ` (contiene la testata attesa ${expectedHead.seq})`;
        io.out(lang === 'en'
          ? `${ente}: audit log OK — ${countOf(v.events, 'event', 'events')} verified, head ${formatHead(v.head)}${within}`
          : `${ente}: registro di audit integro — ${countOf(v.events, 'evento verificato', 'eventi verificati')}, testata ${formatHead(v.head)}${within}`);
      }
      return 0;
    }
    const issue = r.issues[0];
    if (issue.code === 'store.unavailable' || issue.code === 'store.invalid' || issue.code === 'store.config') {
      throw new CliFailure(2, { it: issue.message, en: issue.messageEn });
    }
    const seq = typeof issue.params.seq === 'number' ? issue.params.seq : null;
    const message = lang === 'en' ? issue.messageEn : issue.message;
    if (asJson) io.out(json({ ente, ok: false, seq, code: issue.code, message }));
    else {
      io.out(lang === 'en'
        ? `${ente}: audit log TAMPERED WITH${seq === null ? '' : ` at sequence ${seq}`} — ${message} [${issue.code}]`
        : `${ente}: registro di audit ALTERATO${seq === null ? '' : ` alla sequenza ${seq}`} — ${message} [${issue.code}]`);
    }
    return 1;
  } finally {
    await opened.close();
  }
}

async function auditHeadCommand(p: Parsed, io: CliIo, lang: Lang): Promise<number> {
  const ente = requireEnte(p);
  const db = chooseDatabase(p, io.env);
  // Reading the head signs nothing: the key is not needed (the job that publishes heads need not hold it).
  const opened = await openExisting(db, { auditKey: throwawayKey() });
  try {
    const r = await opened.store.auditHead({ ente });
    if (!r.ok) throw new CliFailure(2, { it: r.issues[0].message, en: r.issues[0].messageEn });
    const at = new Date().toISOString();
    const head = { ente, seq: r.value.seq, hash: r.value.hash, at };
    if (p.values.json === true) io.out(json(head));
    else {
      // "il 6 dicembre 2026 alle 11:03:22 UTC": the day in words, the time as read (UTC, as in the JSON).
      const when = `${formatDate(at.slice(0, 10) as IsoDate, { lang, preposition: 'on' })} ${lang === 'en' ? 'at' : 'alle'} ${at.slice(11, 19)} UTC`;
      io.out(lang === 'en'
        ? `${ente}: head ${formatHead(head)} (read ${when}; keep it and pass it later to verify-audit --expected-head)`
        : `${ente}: testata ${formatHead(head)} (letta ${when}; conservala e passala poi a verify-audit --expected-head)`);
    }
    return 0;
  } finally {
    await opened.close();
  }
}

/** What a skipped record may show: its issue code and identifiers (never values). */
function skippedRecord(issue: Issue): Record<string, string> {
  const out: Record<string, string> = { code: issue.code };
  const params = issue.params as Record<string, unknown>;
  for (const k of ['erogazione', 'id', 'persona', 'intervento', 'valutazione']) {
    if (isUuid(params[k])) out[k] = params[k] as string;
  }
  if (typeof params.kind === 'string' && /^[a-z-]{1,40}$/.test(params.kind)) out.kind = params.kind;
  if (typeof params.rule === 'string' && /^[A-Za-z0-9._-]{1,60}$/.test(params.rule)) out.rule = params.rule;
  return out;
}

/** A flow name usable as a file name (no path separators, no leading dot). */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function ioCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}

/** Writes a file atomically: a temporary file beside it, then a rename. */
async function writeAtomically(path: string, data: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new CliFailure(2, { it: `${path}: scrittura impossibile (${ioCode(e)})`, en: `${path}: cannot write (${ioCode(e)})` }, {
      it: 'i flussi sono comunque salvati nel database (flusso_siuss)', en: 'the flows are saved in the database anyway (flusso_siuss)',
    });
  }
}

async function exportSiussCommand(p: Parsed, io: CliIo, lang: Lang): Promise<number> {
  const ente = requireEnte(p);
  const operatore = p.values.operatore;
  if (operatore === undefined) throw usage("manca --operatore (UUID dell'operatore che esporta)", 'missing --operatore (UUID of the exporting operator)');
  if (!isUuid(operatore)) throw usage('--operatore: serve un UUID', '--operatore: a UUID is required');
  const ruolo = p.values.ruolo;
  if (ruolo === undefined || !(RUOLI as readonly string[]).includes(ruolo)) {
    throw usage(`--ruolo: uno tra ${RUOLI.join(', ')}`, `--ruolo: one of ${RUOLI.join(', ')}`);
  }
  const kind = p.values.kind;
  if (kind !== 'PS' && kind !== 'SINBA') {
    throw usage('--kind PS|SINBA (PS-PSA-SINA: le erogazioni; SINBA: le valutazioni SINBA dei minori)', '--kind PS|SINBA (PS-PSA-SINA: the erogazioni; SINBA: the SINBA assessments of minors)');
  }
  const upTo = p.values['up-to'];
  if (upTo === undefined || !isIsoDate(upTo)) throw usage('--up-to: una data AAAA-MM-GG', '--up-to: a date YYYY-MM-DD');
  const mode = p.values.mode;
  if (mode !== 'file' && mode !== 'cooperazione') throw usage('--mode file|cooperazione', '--mode file|cooperazione');
  const outDir = p.values.out;
  const db = chooseDatabase(p, io.env);
  const keys = auditKeys(io.env);
  const sinbaKey = kind === 'SINBA' ? pseudonymKey(io.env) : undefined;
  // The output folder must be usable before anything is exported (the export commits).
  if (outDir !== undefined) {
    try {
      await mkdir(outDir, { recursive: true });
      await access(outDir, constants.W_OK);
    } catch (e) {
      throw new CliFailure(2, { it: `--out ${outDir}: cartella non utilizzabile (${ioCode(e)})`, en: `--out ${outDir}: directory not usable (${ioCode(e)})` });
    }
  }
  const scope: SessionScope = { ente, actor: { operatoreId: operatore as Actor['operatoreId'], role: ruolo as Ruolo } };
  const opened = await openExisting(db, keys);
  try {
    const started = Date.now();
    // On a terminal (not with --quiet or --json), a progress line: the records handled of those in the
    // queue, started when the store has counted them and erased before the report.
    const showProgress = io.progress?.isTTY === true && p.values.quiet !== true && p.values.json !== true;
    let progress: Progress | undefined;
    const onProgress = ({ handled, total }: { readonly handled: number; readonly total: number }): void => {
      progress ??= createProgress({
        stream: io.progress, unit: 'records', total, lang, label: ente,
        noun: kind === 'SINBA' ? (lang === 'en' ? ['SINBA assessment', 'SINBA assessments'] : ['valutazione SINBA', 'valutazioni SINBA']) : ['erogazione', 'erogazioni'],
      });
      progress.update(handled);
    };
    const progressOption = showProgress ? { onProgress } : {};
    let r;
    try {
      r = await opened.store.withSession(scope, (s) =>
        s.exportSiuss(sinbaKey === undefined
          ? { kind: 'PS', upTo: upTo as IsoDate, mode, ...progressOption }
          : { kind: 'SINBA', upTo: upTo as IsoDate, mode, pseudonymKey: sinbaKey, ...progressOption }),
      );
    } finally {
      progress?.finish();
    }
    if (!r.ok) {
      const issue = r.issues[0];
      throw new CliFailure(2, { it: issue.message, en: issue.messageEn }, issue.code === 'store.denied'
        ? { it: "controlla --operatore e --ruolo: un operatore attivo dell'Ente con quel ruolo", en: 'check --operatore and --ruolo: an active operator of the Ente with that role' }
        : { it: 'nulla è stato esportato', en: 'nothing was exported' });
    }
    const report = r.value;
    // The XML of the flows, read back once committed (their ts_flusso is given at commit, after `started`).
    const files = new Map<string, string>();
    if (outDir !== undefined && report.flows.length > 0) {
      const wanted = new Set(report.flows.map((f) => f.id));
      const xml = new Map<string, string>();
      const back = await opened.store.withSession(scope, async (s) => {
        let since = Math.max(0, started - 1);
        while (xml.size < wanted.size) {
          const page = await s.siussFlows({ since, limit: 100 });
          if (!page.ok) return page;
          if (page.value.length === 0) break;
          for (const f of page.value) {
            if (wanted.has(f.id)) xml.set(f.id, f.xml);
            since = f.tsFlusso;
          }
        }
        return ok(true);
      });
      if (!back.ok || xml.size < wanted.size) {
        throw new CliFailure(2, {
          it: `${report.flows.length} flussi creati ma non riletti per --out${back.ok ? '' : `: ${back.issues[0].message}`}`,
          en: `${report.flows.length} flows created but not read back for --out${back.ok ? '' : `: ${back.issues[0].messageEn}`}`,
        }, { it: 'i flussi sono salvati nel database (flusso_siuss)', en: 'the flows are saved in the database (flusso_siuss)' });
      }
      for (const f of report.flows) {
        if (!SAFE_NAME.test(f.idFlusso)) {
          throw new CliFailure(2, { it: 'nome di flusso non usabile come nome di file', en: 'flow name not usable as a file name' });
        }
        const path = join(outDir, `${f.idFlusso}.xml`);
        await writeAtomically(path, xml.get(f.id) as string);
        files.set(f.id, path);
      }
    }
    const skipped = report.skipped.map(skippedRecord);
    if (p.values.json === true) {
      io.out(json({
        ente,
        exported: report.exported,
        flows: report.flows.map((f) => ({ idFlusso: f.idFlusso, id: f.id, erogazioni: f.erogazioni, valutazioni: f.valutazioni, hashPayload: f.hashPayload, ...(files.has(f.id) ? { file: files.get(f.id) } : {}) })),
        skipped,
      }));
    } else {
      const sinba = kind === 'SINBA';
      const until = formatDate(upTo as IsoDate, { lang, preposition: 'to' }); // "al 31 marzo 2025", "to 31 March 2025"
      io.out(lang === 'en'
        ? `${ente}: ${countOf(report.flows.length, 'flow', 'flows')} created, ${sinba ? countOf(report.exported, 'SINBA assessment', 'SINBA assessments') : countOf(report.exported, 'erogazione', 'erogazioni')} exported, ${skipped.length} skipped (up ${until}, ${mode})`
        : `${ente}: ${countOf(report.flows.length, 'flusso creato', 'flussi creati')}, ${sinba ? countOf(report.exported, 'valutazione SINBA esportata', 'valutazioni SINBA esportate') : countOf(report.exported, 'erogazione esportata', 'erogazioni esportate')}, ${countOf(skipped.length, 'scartata', 'scartate')} (fino ${until}, ${mode})`);
      for (const f of report.flows) {
        const file = files.get(f.id);
        io.out(`  ${f.idFlusso}  ${sinba ? `schede ${f.valutazioni}` : `erogazioni ${f.erogazioni}`}  sha256 ${f.hashPayload}${file === undefined ? '' : `  → ${file}`}`);
      }
      for (const s of skipped) {
        const { code, ...ids } = s;
        io.out(`  ${lang === 'en' ? 'skipped' : 'scartata'}: ${code}${Object.entries(ids).map(([k, v]) => ` ${k}=${v}`).join('')}`);
      }
    }
    return skipped.length > 0 ? 1 : 0;
  } finally {
    await opened.close();
  }
}

// ————————————————————————————————————— errors —————————————————————————————————————

/** What a database or unexpected error becomes: a message and a hint, no text of the error (it may quote data). */
function describeFailure(e: unknown): CliFailure {
  if (e instanceof CliFailure) return e;
  if (e instanceof StoreError) {
    const issue = e.issues[0];
    return new CliFailure(2, { it: issue.message, en: issue.messageEn }, issue.code === 'store.config'
      ? { it: 'controlla la configurazione del database (csi-store migrate la verifica)', en: 'check the database configuration (csi-store migrate checks it)' }
      : undefined);
  }
  const code = ioCode(e);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', '57P01', '57P02', '57P03'].includes(code) || code.startsWith('08')) {
    return new CliFailure(2, { it: `il database non risponde (${code})`, en: `the database does not answer (${code})` }, {
      it: 'controlla host e porta di DATABASE_URL e che il server sia avviato', en: 'check the host and port of DATABASE_URL and that the server is running',
    });
  }
  if (code === '28P01' || code === '28000') {
    return new CliFailure(2, { it: `accesso al database rifiutato (${code})`, en: `access to the database refused (${code})` }, {
      it: 'controlla utente e password in DATABASE_URL', en: 'check the user and password in DATABASE_URL',
    });
  }
  if (code === '3D000') {
    return new CliFailure(2, { it: 'il database indicato non esiste (3D000)', en: 'the database does not exist (3D000)' }, { it: 'crealo (CREATE DATABASE) e poi csi-store migrate', en: 'create it (CREATE DATABASE), then csi-store migrate' });
  }
  if (code === '42501') {
    return new CliFailure(2, { it: 'permessi insufficienti sul database (42501)', en: 'insufficient privileges on the database (42501)' }, {
      it: 'migrate richiede il proprietario dello schema; gli altri comandi un utente che può assumere il ruolo riuso_csi',
      en: 'migrate needs the schema owner; the other commands a user that can take the role riuso_csi',
    });
  }
  if (/^[0-9A-Z]{5}$/.test(code)) {
    return new CliFailure(2, { it: `errore del database (${code})`, en: `database error (${code})` }, { it: 'nessun dato è stato modificato dal comando fallito', en: 'the failed command changed no data' });
  }
  const name = e instanceof Error ? e.name : typeof e;
  return new CliFailure(2, { it: `errore imprevisto (${name}${code === 'error' ? '' : ` ${code}`})`, en: `unexpected error (${name}${code === 'error' ? '' : ` ${code}`})` }, {
    it: 'se il problema resta, segnalalo con il comando usato (senza chiavi né password)', en: 'if it persists, report it with the command used (without keys or passwords)',
  });
}

/**
 * Runs the CLI with arguments (without `node` and the script) and returns the exit code.
 * @internal
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let lang: Lang = langOfArgv(argv);
  const fail = (f: CliFailure): number => {
    io.err(safe(`csi-store: ${lang === 'en' ? f.text.en : f.text.it}`));
    if (f.hint !== undefined) io.err(safe(`${lang === 'en' ? 'hint' : 'suggerimento'}: ${lang === 'en' ? f.hint.en : f.hint.it}`));
    return f.exit;
  };
  try {
    const p = parseCommandLine(argv, OPTIONS);
    const common = handleCommonOptions(p, io.out, { version: VERSION, help: p.values.lang === 'en' ? HELP_EN : HELP_IT });
    lang = common.lang;
    if (common.exitCode !== null || p.command === undefined) return common.exitCode ?? 2;
    const allowed = COMMAND_FLAGS[p.command];
    if (allowed === undefined) throw usage(`comando sconosciuto: ${p.command.slice(0, 40)}`, `unknown command: ${p.command.slice(0, 40)}`, {
      it: 'comandi: migrate, verify-audit, audit-head, export-siuss (csi-store --help)', en: 'commands: migrate, verify-audit, audit-head, export-siuss (csi-store --help)',
    });
    for (const f of p.given) {
      if (f !== '--lang' && !allowed.includes(f)) throw usage(`${f}: non valida per ${p.command}`, `${f}: not valid for ${p.command}`);
    }
    if (p.positional.length > 0) throw usage(`${p.command} non accetta argomenti posizionali`, `${p.command} takes no positional arguments`);
    switch (p.command) {
      case 'migrate':
        return await migrateCommand(p, io, lang);
      case 'verify-audit':
        return await verifyAuditCommand(p, io, lang);
      case 'audit-head':
        return await auditHeadCommand(p, io, lang);
      default:
        return await exportSiussCommand(p, io, lang);
    }
  } catch (e) {
    if (e instanceof UsageError) return fail(new CliFailure(2, { it: usageText(e, 'it'), en: usageText(e, 'en') }, HELP_HINT));
    return fail(describeFailure(e));
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/**
 * Entry point of the `csi-store` binary.
 * @internal
 */
export async function main(): Promise<void> {
  const io: CliIo = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
    progress: process.stderr,
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
