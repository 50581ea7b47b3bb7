#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * A throwaway PostgreSQL (≥ 15) cluster for the tests and benchmarks that need a real server
 * (the csi-store suite runs on embedded PGlite and on this; see ../shared/specs/store.md,
 * "The two databases").
 *
 * What it does: finds the server binaries ({@link findPgBin}); creates a temporary directory under
 * `os.tmpdir()`; runs `initdb` (trust authentication, user `postgres`, UTF-8) and `pg_ctl start -w`
 * on a free port of 127.0.0.1 (TCP only on 127.0.0.1, the Unix socket inside the temporary
 * directory); creates the database `riuso_test`. `initdb` refuses to run as root, so when the
 * process is root the directory is given to the `postgres` user and every server command runs
 * through `runuser -u postgres --`; otherwise the commands run as the current user.
 *
 * As a module (`npm test` through scripts/test-tz.mjs, benchmarks):
 *
 *   import { startTestServer } from './pg-test-server.mjs';
 *   const server = await startTestServer({ log: console.error });
 *   // … server.url is postgres://postgres@127.0.0.1:<port>/riuso_test
 *   server.stop(); // pg_ctl -m fast stop, then the directory is removed (synchronous)
 *
 * As a CLI (shell scripts):
 *
 *   eval "$(node scripts/pg-test-server.mjs start)"   # sets RIUSO_TEST_DATABASE_URL, RIUSO_TEST_PG_DIR
 *   …
 *   node scripts/pg-test-server.mjs stop "$RIUSO_TEST_PG_DIR"
 *
 * Errors are one line on stderr with a non-zero exit (2 when no PostgreSQL binaries were found).
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The oldest PostgreSQL major version accepted. */
export const MIN_PG_MAJOR = 15;
/** The database created in every test cluster. */
export const TEST_DATABASE = 'riuso_test';
/** Environment variable carrying the connection URL to the tests. */
export const URL_ENV = 'RIUSO_TEST_DATABASE_URL';
/** Environment variable carrying the cluster's directory (for `stop`). */
export const DIR_ENV = 'RIUSO_TEST_PG_DIR';

/** Name of the temporary directories, so that `stop` never removes anything else. */
const DIR_PREFIX = 'riuso-pg-';
/** The server binaries a cluster needs. */
const NEEDED = ['initdb', 'pg_ctl', 'postgres'];

/**
 * Settings of the throwaway test cluster. fsync, synchronous_commit and full_page_writes are OFF:
 * a crash may lose or corrupt its data, which is acceptable ONLY because the cluster is created
 * for one test run and deleted afterwards. Never use these settings on a server holding real data.
 */
const TEST_SETTINGS = ['max_connections=200', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

/** Thrown when no PostgreSQL server binaries are installed (`code === 'PG_NOT_FOUND'`). */
export class PgNotFoundError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PgNotFoundError';
    this.code = 'PG_NOT_FOUND';
  }
}

/** Whether `dir` holds initdb, pg_ctl and postgres. */
function hasServerBinaries(dir) {
  return NEEDED.every((name) => existsSync(join(dir, name)));
}

/**
 * The directory of the PostgreSQL server binaries (initdb, pg_ctl, postgres), or `null`:
 * `pg_config --bindir` when that directory holds them, else the highest
 * `/usr/lib/postgresql/<major>/bin` (Debian), else the first PATH entry holding them.
 * `RIUSO_PG_BIN=<dir>` overrides the search (that directory or nothing).
 * The version is not checked here ({@link startTestServer} does).
 *
 * @returns {string | null}
 */
export function findPgBin() {
  const override = process.env.RIUSO_PG_BIN;
  if (override) return hasServerBinaries(override) ? resolve(override) : null;
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0) {
    const dir = pgConfig.stdout.trim();
    if (dir && hasServerBinaries(dir)) return dir;
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    for (const major of majors) {
      const dir = join(debian, major, 'bin');
      if (hasServerBinaries(dir)) return dir;
    }
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && hasServerBinaries(dir)) return dir;
  }
  return null;
}

/** The major version of the server in `bin` (from `postgres --version`). */
function serverMajor(bin) {
  const out = spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' });
  const m = /PostgreSQL\)?\s+(\d+)/.exec(out.stdout ?? '');
  if (out.status !== 0 || !m) throw new Error(`cannot read the version of ${join(bin, 'postgres')}: ${oneLine(out.stderr || out.error?.message || '')}`);
  return Number(m[1]);
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** runuser's path: it lives in /usr/sbin, which a root PATH may lack. */
function runuserPath() {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  const found = dirs.map((d) => join(d, 'runuser')).find((p) => existsSync(p));
  if (!found) throw new Error('running as root, but runuser (util-linux) is not installed: it is needed to run initdb and pg_ctl as postgres');
  return found;
}

/** uid and gid of the `postgres` user (needed when running as root). */
function postgresUser() {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('running as root, but there is no "postgres" user to run initdb and pg_ctl (Debian\'s postgresql package creates it)');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Squeezes a command's output into one line (its last meaningful lines). */
function oneLine(text) {
  const lines = String(text)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(-3).join(' | ');
}

/**
 * Runs a server command as `postgres` when root (through runuser), else as the current user.
 * Throws a one-line error on failure.
 */
function runPg(cwd, file, args) {
  const [cmd, argv] = isRoot() ? [runuserPath(), ['-u', 'postgres', '--', file, ...args]] : [file, args];
  // PG* variables of the caller (PGDATA, PGPORT, PGHOST…) must not redirect these commands.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  const out = spawnSync(cmd, argv, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (out.error) throw new Error(`${file.split('/').pop()}: ${out.error.message}`);
  if (out.status !== 0) {
    const err = new Error(`${file.split('/').pop()} failed (exit ${out.status ?? out.signal}): ${oneLine(out.stderr || out.stdout)}`);
    err.output = `${out.stdout}\n${out.stderr}`;
    throw err;
  }
  return out.stdout;
}

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolvePort(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/** Single-quotes a path for the shell command line pg_ctl builds from `-o`. */
function shellQuote(path) {
  if (path.includes("'")) throw new Error(`unsupported character ' in the temporary directory ${path}`);
  return `'${path}'`;
}

/**
 * Stops the cluster in `dir` (made by {@link startTestServer}) with `pg_ctl -m fast stop` and removes
 * `dir`. Synchronous, so that it can run in an `exit` handler. Refuses directories that are not ours.
 *
 * @param {string} dir
 * @param {{ bin?: string | null, log?: (message: string) => void }} [options]
 */
export function stopTestServer(dir, { bin = findPgBin(), log = () => {} } = {}) {
  const abs = resolve(dir);
  if (!abs.split('/').pop()?.startsWith(DIR_PREFIX) || !existsSync(abs)) {
    throw new Error(`not a test cluster directory made by pg-test-server: ${dir}`);
  }
  const data = join(abs, 'data');
  const pidFile = join(data, 'postmaster.pid');
  if (existsSync(pidFile)) {
    try {
      if (!bin) throw new PgNotFoundError('pg_ctl not found');
      runPg(abs, join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      log(`pg-test-server: stopped the cluster in ${abs}`);
    } catch (err) {
      // Last resort: the postmaster's pid is ours (we started it); SIGQUIT is PostgreSQL's immediate stop.
      // Only when that pid still runs a postgres on this data directory (a stale pid may be reused).
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        /* gone, or no /proc */
      }
      if (pid > 0 && cmdline.includes('postgres') && cmdline.includes(data)) {
        try {
          process.kill(pid, 'SIGQUIT');
          log(`pg-test-server: pg_ctl stop failed (${err.message}); sent SIGQUIT to postmaster ${pid}`);
        } catch {
          /* already gone */
        }
      }
    }
  }
  rmSync(abs, { recursive: true, force: true });
}

/**
 * Starts a throwaway PostgreSQL cluster on 127.0.0.1 with a database `riuso_test`.
 * Throws {@link PgNotFoundError} when no server binaries are installed, an Error (one-line message)
 * on any other failure; nothing is left behind in either case.
 *
 * @param {{ log?: (message: string) => void }} [options] `log` receives progress lines (default: silent).
 * @returns {Promise<{ url: string, port: number, dir: string, bin: string, major: number, stop: () => void }>}
 */
export async function startTestServer({ log = () => {} } = {}) {
  const bin = findPgBin();
  if (!bin) {
    const where = process.env.RIUSO_PG_BIN
      ? `in RIUSO_PG_BIN=${process.env.RIUSO_PG_BIN}`
      : 'in `pg_config --bindir`, /usr/lib/postgresql/*/bin or PATH';
    throw new PgNotFoundError(`PostgreSQL server binaries (initdb, pg_ctl, postgres) not found ${where} (Debian: apt-get install postgresql)`);
  }
  const major = serverMajor(bin);
  if (major < MIN_PG_MAJOR) throw new Error(`PostgreSQL ${major} in ${bin} is too old: ${MIN_PG_MAJOR} or later is needed`);

  // realpath: on some systems tmpdir() is a symlink, and the socket path must stay short and stable.
  const dir = mkdtempSync(join(realpathSync(tmpdir()), DIR_PREFIX));
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  let started = false;
  try {
    mkdirSync(sock, { mode: 0o700 });
    if (isRoot()) {
      const { uid, gid } = postgresUser();
      chownSync(dir, uid, gid);
      chownSync(sock, uid, gid);
      const probe = spawnSync(runuserPath(), ['-u', 'postgres', '--', 'test', '-w', dir], { cwd: '/' });
      if (probe.error) throw new Error(`runuser: ${probe.error.message}`);
      if (probe.status !== 0) throw new Error(`the postgres user cannot write ${dir} (a parent directory is not searchable?); set TMPDIR to e.g. /tmp`);
    }

    log(`pg-test-server: initdb (PostgreSQL ${major}, ${bin}) in ${data}`);
    const initdb = (locale) =>
      runPg(dir, join(bin, 'initdb'), ['-D', data, '--auth=trust', '--username=postgres', '-E', 'UTF8', `--locale=${locale}`, '--no-instructions']);
    try {
      initdb('C.UTF-8');
    } catch (err) {
      // A libc without the C.UTF-8 locale: the plain C locale (encoding still UTF8).
      if (!/locale/i.test(err.output ?? err.message)) throw err;
      rmSync(data, { recursive: true, force: true });
      initdb('C');
    }

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = [`-p ${port}`, `-k ${shellQuote(sock)}`, '-c listen_addresses=127.0.0.1', ...TEST_SETTINGS.map((s) => `-c ${s}`)].join(' ');
      try {
        runPg(dir, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
        started = true;
        break;
      } catch (err) {
        // Another process may have taken the port between freePort() and the server's bind.
        const serverLog = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
        if (attempt < 3 && /could not (bind|create listen)|address already in use/i.test(serverLog)) continue;
        throw new Error(`${err.message}${serverLog ? ` — server log: ${oneLine(serverLog)}` : ''}`);
      }
    }
    log(`pg-test-server: listening on 127.0.0.1:${port}`);

    const connect = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'];
    if (existsSync(join(bin, 'createdb'))) runPg(dir, join(bin, 'createdb'), [...connect, TEST_DATABASE]);
    else runPg(dir, join(bin, 'psql'), [...connect, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `create database ${TEST_DATABASE}`]);
    log(`pg-test-server: database ${TEST_DATABASE} created`);

    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/${TEST_DATABASE}`,
      port,
      dir,
      bin,
      major,
      stop() {
        if (stopped) return;
        stopped = true;
        stopTestServer(dir, { bin, log });
      },
    };
  } catch (err) {
    try {
      if (started) stopTestServer(dir, { bin, log });
      else rmSync(dir, { recursive: true, force: true });
    } catch {
      /* the original error matters more */
    }
    throw err;
  }
}

/** Single-quotes a value for `eval` in a POSIX shell. */
const shq = (value) => `'${String(value).replace(/'/g, `'\\''`)}'`;

async function main(argv) {
  const [command, arg] = argv;
  const log = (message) => console.error(message);
  if (command === 'start' && argv.length === 1) {
    const server = await startTestServer({ log });
    console.log(`export ${URL_ENV}=${shq(server.url)}`);
    console.log(`export ${DIR_ENV}=${shq(server.dir)}`);
    return 0;
  }
  if (command === 'stop' && argv.length <= 2) {
    const dir = arg ?? process.env[DIR_ENV];
    if (!dir) throw new Error(`stop needs the cluster directory (argument or ${DIR_ENV})`);
    stopTestServer(dir, { log });
    return 0;
  }
  if (command === 'bin' && argv.length === 1) {
    const bin = findPgBin();
    if (!bin) throw new PgNotFoundError('PostgreSQL server binaries not found');
    console.log(bin);
    return 0;
  }
  console.error('usage: node scripts/pg-test-server.mjs start | stop <dir> | bin');
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`pg-test-server: ${oneLine(err instanceof Error ? err.message : err)}`);
      process.exit(err?.code === 'PG_NOT_FOUND' ? 2 : 1);
    },
  );
}
