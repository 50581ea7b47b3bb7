// SPDX-License-Identifier: BSD-3-Clause
/**
 * The `csi-store` CLI in real processes. Each run is `node` on the CLI's source entry (`src/cli.ts`),
 * bundled once with esbuild when the file loads, so no build is needed; the built bin is checked too
 * when `dist/` exists.
 *
 * The steps share one PGlite data folder and run in order: usage errors, migrate twice, seeding with
 * the fixture, audit-head and verify-audit, the SIUSS export, key rotation, then tampering. PGlite on
 * disk admits one process at a time: the store opened here is always closed before the CLI runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { pseudonymizeFor } from '@riuso-sociale/csi-model';
import { runCli } from '../src/cli.js';
import { migrationFiles, openStore } from '../src/index.js';
import { addErogazioni, CF, seedEnte, type Seeded } from './support/fixture.js';
import { addMinore, CF_MINORI, SOFIA } from './support/sinba.js';
import { bundleStoreCli, cliBaseEnv } from './support/cli-runner.js';
import { freshDatabase, PG_URL, TEST_KEY } from './support/targets.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'csi-store-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The source entry in a real process (see support/cli-runner.ts).
const entry = await bundleStoreCli(work);

const baseEnv = cliBaseEnv;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
/** The fixture's key, as the environment carries it. */
const KEY = `${TEST_KEY.id}:${hex(TEST_KEY.secret)}`;
const WITH_KEY = { CSI_STORE_AUDIT_KEY: KEY };
/** The SINBA pseudonymisation key (base64 in the environment). */
const PSEUDONYM_SECRET = Buffer.alloc(32, 7);

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** `csi-store …` from the source entry, in its own process. */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: work,
      env: { ...baseEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Nothing personal and no stack trace, whatever the outcome. */
function expectClean(r: Run): void {
  const all = `${r.out}\n${r.err}`;
  for (const cf of [...Object.values(CF), ...Object.values(CF_MINORI)]) expect(all).not.toContain(cf);
  expect(all).not.toMatch(/Esposito|Giovanna|Via di Esempio/);
  expect(all).not.toMatch(/\n\s+at .+[:(]/);
  expect(all).not.toContain(hex(TEST_KEY.secret));
  expect(all).not.toContain(PSEUDONYM_SECRET.toString('base64'));
}

/** A usage or configuration error: exit 2, nothing on stdout, one line and a hint on stderr. */
function expectUsage(r: Run, message: RegExp, hintWord: 'suggerimento' | 'hint'): void {
  expect(r.code, r.err).toBe(2);
  expect(r.out).toBe('');
  const lines = r.err.trimEnd().split('\n');
  expect(lines, r.err).toHaveLength(2);
  expect(lines[0]).toMatch(/^csi-store: /);
  expect(lines[0]).toMatch(message);
  expect(lines[1]).toMatch(new RegExp(`^${hintWord}: `));
  expectClean(r);
}

const LONG = { timeout: 300_000 };
const dataDir = join(work, 'cartella');
/** Every migration of the package, in order (0001_cartella.sql, 0002_audit.sql, …). */
const MIGRATIONS = migrationFiles().map((f) => f.name);

describe('csi-store usage and configuration errors (exit 2)', () => {
  it('in real processes: one line and a hint, in Italian and with --lang en', LONG, async () => {
    const cases: [string[], Record<string, string>, RegExp, RegExp][] = [
      [['migrate'], {}, /manca il database: --database-url \(o DATABASE_URL\) oppure --data-dir/, /no database: --database-url \(or DATABASE_URL\) or --data-dir/],
      [['migrate', '--data-dir', dataDir, '--database-url', 'postgres://u:secret@127.0.0.1/x'], {}, /--database-url e --data-dir insieme/, /--database-url and --data-dir together/],
      [['verify-audit', '--ente', 'a944', '--data-dir', dataDir], WITH_KEY, /--ente: serve un codice Belfiore/, /--ente: a Belfiore code is required/],
      [['frobnicate', '--data-dir', dataDir], {}, /comando sconosciuto: frobnicate/, /unknown command: frobnicate/],
      [['verify-audit', '--ente', 'A944', '--data-dir', dataDir], {}, /CSI_STORE_AUDIT_KEY non è impostata/, /CSI_STORE_AUDIT_KEY environment variable is not set/],
    ];
    const runs = await Promise.all(cases.flatMap(([args, env]) => [cli(args, env), cli([...args, '--lang', 'en'], env)]));
    cases.forEach(([, , it, en], i) => {
      expectUsage(runs[2 * i] as Run, it, 'suggerimento');
      expectUsage(runs[2 * i + 1] as Run, en, 'hint');
    });
  });

  it('in process (runCli): the other mistakes, never echoing a password or a key', async () => {
    const missingDir = join(work, 'missing');
    const cases: [string[], Record<string, string>, RegExp, RegExp][] = [
      [['migrate', '--data-dir', dataDir], { DATABASE_URL: 'postgres://u:secret@127.0.0.1/x' }, /c'è anche DATABASE_URL/, /DATABASE_URL is set too/],
      [['migrate', '--database-url', 'mysql://u:secret@h/x'], {}, /serve un URL postgres:\/\//, /a postgres:\/\/.* URL is required/],
      [['audit-head', '--data-dir', dataDir], {}, /manca --ente/, /missing --ente/],
      [['verify-audit', '--ente', 'A944', '--data-dir', dataDir, '--audit-key', 'k:00'], {}, /opzione sconosciuta: --audit-key/, /unknown option: --audit-key/],
      [['verify-audit', '--ente', 'A944', '--data-dir'], {}, /manca il valore di --data-dir/, /missing value for --data-dir/],
      [['verify-audit', '--ente', 'A944', '--data-dir', dataDir], { CSI_STORE_AUDIT_KEY: `k1:${'ab'.repeat(16)}` }, /segreto di 16 byte, ne servono almeno 32/, /secret of 16 bytes, at least 32 required/],
      [['verify-audit', '--ente', 'A944', '--data-dir', dataDir], { CSI_STORE_AUDIT_KEY: 'senza-segreto' }, /CSI_STORE_AUDIT_KEY non valida: manca <id>:/, /CSI_STORE_AUDIT_KEY is invalid: no <id>:/],
      [['verify-audit', '--ente', 'A944', '--data-dir', dataDir], { ...WITH_KEY, CSI_STORE_PREVIOUS_AUDIT_KEYS: `${KEY},old:***` }, /PREVIOUS_AUDIT_KEYS \(n\. 2\) non valida: il segreto non è né hex né base64/, /\(n\. 2\) is invalid: the secret is neither hex nor base64/],
      [['verify-audit', '--ente', 'A944', '--data-dir', missingDir], WITH_KEY, /nessun archivio in .*missing/, /no store in .*missing/],
      [['verify-audit', '--ente', 'A944', '--data-dir', dataDir, '--expected-head', '7:abc'], WITH_KEY, /--expected-head 7:abc: file non leggibile \(ENOENT\)/, /--expected-head 7:abc: cannot read the file \(ENOENT\)/],
      [['verify-audit', '--ente', 'A944', '--data-dir', dataDir, '--expected-head', '0:'.padEnd(66, 'a')], WITH_KEY, /hash null se e solo se seq è 0/, /hash is null exactly when seq is 0/],
      [['export-siuss', '--ente', 'A944', '--data-dir', dataDir, '--operatore', 'x'], WITH_KEY, /--operatore: serve un UUID/, /--operatore: a UUID is required/],
      [['export-siuss', '--ente', 'A944', '--data-dir', dataDir, '--operatore', '0f8fad5b-d9cb-469f-a165-70867728950e', '--ruolo', 'capo'], WITH_KEY, /--ruolo: uno tra assistente-sociale/, /--ruolo: one of assistente-sociale/],
      [['export-siuss', '--ente', 'A944', '--data-dir', dataDir, '--operatore', '0f8fad5b-d9cb-469f-a165-70867728950e', '--ruolo', 'sistema', '--kind', 'PS', '--up-to', '2025-02-30', '--mode', 'file'], WITH_KEY, /--up-to: una data AAAA-MM-GG/, /--up-to: a date YYYY-MM-DD/],
      [['export-siuss', '--ente', 'A944', '--data-dir', dataDir, '--operatore', '0f8fad5b-d9cb-469f-a165-70867728950e', '--ruolo', 'sistema', '--kind', 'SINA', '--up-to', '2025-12-31', '--mode', 'file'], WITH_KEY, /--kind PS\|SINBA/, /--kind PS\|SINBA/],
      [['export-siuss', '--ente', 'A944', '--data-dir', dataDir, '--operatore', '0f8fad5b-d9cb-469f-a165-70867728950e', '--ruolo', 'sistema', '--kind', 'SINBA', '--up-to', '2025-12-31', '--mode', 'file'], WITH_KEY, /CSI_STORE_PSEUDONYM_KEY non è impostata/, /CSI_STORE_PSEUDONYM_KEY environment variable is not set/],
      [['export-siuss', '--ente', 'A944', '--data-dir', dataDir, '--operatore', '0f8fad5b-d9cb-469f-a165-70867728950e', '--ruolo', 'sistema', '--kind', 'SINBA', '--up-to', '2025-12-31', '--mode', 'file'], { ...WITH_KEY, CSI_STORE_PSEUDONYM_KEY: 'ab'.repeat(16) }, /CSI_STORE_PSEUDONYM_KEY non valida: 16 byte, ne servono almeno 32/, /CSI_STORE_PSEUDONYM_KEY is invalid: 16 bytes, at least 32 required/],
      [['audit-head', '--ente', 'A944', '--data-dir', dataDir, '--mode', 'file'], {}, /--mode: non valida per audit-head/, /--mode: not valid for audit-head/],
      [['audit-head', 'extra', '--ente', 'A944', '--data-dir', dataDir], {}, /audit-head non accetta argomenti posizionali/, /audit-head takes no positional arguments/],
    ];
    for (const [args, env, it, en] of cases) {
      for (const [lang, message, hint] of [['it', it, 'suggerimento'], ['en', en, 'hint']] as const) {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(lang === 'en' ? ['--lang', 'en', ...args] : args, { out: (t) => out.push(t), err: (t) => err.push(t), env });
        const r: Run = { code, out: out.join('\n'), err: `${err.join('\n')}\n` };
        expectUsage(r, message, hint);
        expect(r.err, args.join(' ')).not.toMatch(/u:secret|\*\*\*/);
      }
    }
    expect(existsSync(missingDir)).toBe(false);
    const err: string[] = [];
    expect(await runCli(['--lang', 'fr', 'migrate'], { out: () => undefined, err: (t) => err.push(t), env: {} })).toBe(2);
    expect(err[0]).toBe('csi-store: --lang it|en');
  });

  it('--help and --version exit 0; no command prints the help and exits 2', LONG, async () => {
    const [help, helpEn, version, none] = await Promise.all([cli(['--help']), cli(['verify-audit', '--help', '--lang', 'en']), cli(['--version']), cli([])]);
    expect(help.code).toBe(0);
    expect(help.out).toContain('csi-store migrate DB');
    expect(help.out).toContain('CSI_STORE_AUDIT_KEY');
    expect(help.out).toMatch(/Uscita: 0 tutto bene; 1 registro di audit alterato/);
    expect(helpEn.code).toBe(0);
    expect(helpEn.out).toMatch(/Exit: 0 all good; 1 audit log tampered with, or export with skipped records/);
    expect(version.code).toBe(0);
    expect(version.out).toMatch(/^\S+\n$/);
    expect(none.code).toBe(2);
    expect(none.out).toContain('Uso:');
  });
});

describe('csi-store on a PGlite data folder', () => {
  let seeded: Seeded;
  const heads = join(work, 'heads');
  mkdirSync(heads);

  it('migrate twice: the second run applies nothing', LONG, async () => {
    const first = await cli(['migrate', '--data-dir', dataDir]);
    expect(first.code, first.err).toBe(0);
    expect(MIGRATIONS.slice(0, 4)).toEqual(['0001_cartella.sql', '0002_audit.sql', '0003_siuss_queue.sql', '0004_security.sql']);
    expect(first.out).toBe(`applicate (${MIGRATIONS.length}): ${MIGRATIONS.join(', ')}\ngià applicate (0): —\n`);
    const second = await cli(['migrate', '--data-dir', dataDir, '--lang', 'en']);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toBe(`applied (0): —\nalready applied (${MIGRATIONS.length}): ${MIGRATIONS.join(', ')}\n`);
    const none = await cli(['audit-head', '--ente', 'A944', '--data-dir', dataDir, '--json']);
    expect(none.code, none.err).toBe(0);
    expect(JSON.parse(none.out)).toMatchObject({ ente: 'A944', seq: 0, hash: null });
  });

  it('a folder that is not empty and holds no store is refused', LONG, async () => {
    const other = join(work, 'not-a-store');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'x');
    expectUsage(await cli(['migrate', '--data-dir', other]), /la cartella non è vuota e non contiene un archivio/, 'suggerimento');
  });

  // Under CI=true the packages are built before the tests (.ci/run): a missing build fails, never skips.
  describe.skipIf(!existsSync(join(pkg, 'dist', 'cli.cjs')) && process.env.CI !== 'true')('the built bin', () => {
    it('bin/csi-store.cjs runs: --version, migrate, usage error', LONG, () => {
      const bin = join(pkg, 'bin', 'csi-store.cjs');
      const env = baseEnv();
      const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env });
      expect(version.status, version.stderr).toBe(0);
      expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version);
      const migrate = spawnSync(process.execPath, [bin, 'migrate', '--data-dir', dataDir, '--json'], { encoding: 'utf8', env });
      expect(migrate.status, migrate.stderr).toBe(0);
      expect(JSON.parse(migrate.stdout)).toEqual({ applied: [], alreadyApplied: MIGRATIONS });
      const bad = spawnSync(process.execPath, [bin, 'verify-audit', '--ente', 'A944', '--data-dir', dataDir], { encoding: 'utf8', env });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^csi-store: manca la chiave di audit/);
    });
  });

  it('seeded with the fixture (store closed before the CLI runs)', LONG, async () => {
    const store = await openStore({ dataDir, auditKey: TEST_KEY });
    try {
      seeded = await seedEnte(store);
      await addErogazioni(store, seeded, 3);
    } finally {
      await store.close();
    }
  });

  it('audit-head, then verify-audit against it: OK, exit 0', LONG, async () => {
    const head = await cli(['audit-head', '--ente', 'A944', '--data-dir', dataDir, '--json']);
    expect(head.code, head.err).toBe(0);
    const h = JSON.parse(head.out) as { ente: string; seq: number; hash: string; at: string };
    expect(Object.keys(h)).toEqual(['ente', 'seq', 'hash', 'at']);
    expect(h.ente).toBe('A944');
    expect(h.seq).toBeGreaterThan(10);
    expect(h.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isNaN(Date.parse(h.at))).toBe(false);
    writeFileSync(join(heads, 'seeded.json'), head.out);
    const text = await cli(['verify-audit', '--ente', 'A944', '--data-dir', dataDir, '--expected-head', join(heads, 'seeded.json')], WITH_KEY);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toBe(`A944: registro di audit integro — ${h.seq} eventi verificati, testata ${h.seq}:${h.hash} (contiene la testata attesa ${h.seq})\n`);
    expectClean(text);
    const json = await cli(['verify-audit', '--ente', 'A944', '--data-dir', dataDir, '--expected-head', `${h.seq}:${h.hash}`, '--lang', 'en', '--json'], WITH_KEY);
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out)).toEqual({ ente: 'A944', ok: true, head: { seq: h.seq, hash: h.hash }, events: h.seq, expectedHead: { seq: h.seq, hash: h.hash } });
    const en = await cli(['audit-head', '--ente', 'A944', '--data-dir', dataDir, '--lang', 'en']);
    expect(en.code, en.err).toBe(0);
    // the day in words, the time in UTC (the JSON keeps the ISO instant)
    expect(en.out).toMatch(new RegExp(`^A944: head ${h.seq}:${h.hash} \\(read on \\d{1,2} [A-Z][a-z]+ \\d{4} at \\d{2}:\\d{2}:\\d{2} UTC; keep it and pass it later to verify-audit --expected-head\\)\\n$`));
    const italian = await cli(['audit-head', '--ente', 'A944', '--data-dir', dataDir]);
    expect(italian.out).toMatch(/^A944: testata \d+:[0-9a-f]{64} \(letta (il |l')\d{1,2}°? [a-z]+ \d{4} alle \d{2}:\d{2}:\d{2} UTC; conservala/);
  });

  it('export-siuss: an operator without the right skips every record (exit 1, codes and ids only)', LONG, async () => {
    const r = await cli(['export-siuss', '--ente', 'A944', '--data-dir', dataDir, '--operatore', seeded.edu.operatoreId, '--ruolo', 'educatore', '--kind', 'PS', '--up-to', '2025-12-31', '--mode', 'file'], WITH_KEY);
    expect(r.code, r.err).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('A944: 0 flussi creati, 0 erogazioni esportate, 3 scartate (fino al 31 dicembre 2025, file)');
    expect(lines.slice(1)).toHaveLength(3);
    for (const l of lines.slice(1)) expect(l).toMatch(/^  scartata: store\.denied id=[0-9a-f-]{36} kind=erogazione rule=[\w.-]+$/);
    expectClean(r);
  });

  it('export-siuss in cooperazione with --out: the flows, their hashes and XML files (exit 0); a second run exports nothing', LONG, async () => {
    const out = join(work, 'flussi');
    const args = ['export-siuss', '--ente', 'A944', '--data-dir', dataDir, '--operatore', seeded.sys.operatoreId, '--ruolo', 'sistema', '--kind', 'PS', '--up-to', '2025-12-31', '--mode', 'cooperazione', '--out', out];
    const r = await cli(args, WITH_KEY);
    expect(r.code, r.err).toBe(0);
    expectClean(r);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('A944: 3 flussi creati, 3 erogazioni esportate, 0 scartate (fino al 31 dicembre 2025, cooperazione)');
    const flows = lines.slice(1).map((l) => {
      const m = /^  (A944\.PS\.\d{8}\.\d{7})  erogazioni 1  sha256 ([0-9a-f]{64})  → (.+)$/.exec(l);
      expect(m, l).not.toBeNull();
      return { idFlusso: m?.[1] as string, hash: m?.[2] as string, file: m?.[3] as string };
    });
    expect(flows).toHaveLength(3);
    expect(readdirSync(out).sort()).toEqual(flows.map((f) => `${f.idFlusso}.xml`).sort());
    for (const f of flows) {
      expect(f.file).toBe(join(out, `${f.idFlusso}.xml`));
      const xml = readFileSync(f.file, 'utf8');
      expect(createHash('sha256').update(xml).digest('hex')).toBe(f.hash);
      expect(xml).toContain(`Nome="${f.idFlusso}"`);
    }
    const again = await cli([...args.filter((a) => a !== '--out' && a !== out), '--json'], WITH_KEY);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toEqual({ ente: 'A944', exported: 0, flows: [], skipped: [] });
  });

  it('export-siuss --kind SINBA: the key from CSI_STORE_PSEUDONYM_KEY, one pseudonymous flow (exit 0); a second run exports nothing', LONG, async () => {
    const store = await openStore({ dataDir, auditKey: TEST_KEY });
    try {
      await addMinore(store, seeded);
    } finally {
      await store.close();
    }
    const out = join(work, 'sinba');
    const args = ['export-siuss', '--ente', 'A944', '--data-dir', dataDir, '--operatore', seeded.sys.operatoreId, '--ruolo', 'sistema', '--kind', 'SINBA', '--up-to', '2025-12-31', '--mode', 'cooperazione'];
    const env = { ...WITH_KEY, CSI_STORE_PSEUDONYM_KEY: PSEUDONYM_SECRET.toString('base64') };
    const r = await cli([...args, '--out', out], env);
    expect(r.code, r.err).toBe(0);
    expectClean(r);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('A944: 1 flusso creato, 1 valutazione SINBA esportata, 0 scartate (fino al 31 dicembre 2025, cooperazione)');
    const m = /^  (A944\.SINBA\.\d{8}\.\d{7})  schede 1  sha256 ([0-9a-f]{64})  → (.+)$/.exec(lines[1] ?? '');
    expect(m, lines[1]).not.toBeNull();
    const xml = readFileSync(m?.[3] as string, 'utf8');
    expect(createHash('sha256').update(xml).digest('hex')).toBe(m?.[2]);
    for (const x of [SOFIA.codiceFiscale, SOFIA.cognome, SOFIA.nome, SOFIA.dataNascita]) expect(xml).not.toContain(x);
    // The key decoded from base64: the pseudonym csi-model makes with the same 32 bytes.
    const pseudonym = pseudonymizeFor('sinba', SOFIA.codiceFiscale, new Uint8Array(PSEUDONYM_SECRET));
    expect(xml).toContain(`IDBeneficiario="${pseudonym.ok ? pseudonym.value : '?'}"`);
    const again = await cli([...args, '--json'], env);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toEqual({ ente: 'A944', exported: 0, flows: [], skipped: [] });
  });

  it('key rotation: a new key alone does not verify the old events (exit 1); with the old one in CSI_STORE_PREVIOUS_AUDIT_KEYS it does', LONG, async () => {
    const newKey = `k-2027:${Buffer.alloc(40, 9).toString('base64')}`;
    const alone = await cli(['verify-audit', '--ente', 'A944', '--data-dir', dataDir, '--lang', 'en'], { CSI_STORE_AUDIT_KEY: newKey });
    expect(alone.code, alone.err).toBe(1);
    expect(alone.out).toMatch(/^A944: audit log TAMPERED WITH at sequence 1 — .+ \[csi\.audit\.unknown_key\]\n$/);
    const rotated = await cli(['verify-audit', '--ente', 'A944', '--data-dir', dataDir], {
      CSI_STORE_AUDIT_KEY: newKey,
      CSI_STORE_PREVIOUS_AUDIT_KEYS: ` old-unused:${Buffer.alloc(32, 1).toString('base64url')} , ${TEST_KEY.id}:${Buffer.from(TEST_KEY.secret).toString('base64')}`,
    });
    expect(rotated.code, rotated.err).toBe(0);
    expect(rotated.out).toMatch(/^A944: registro di audit integro — \d+ eventi verificati/);
  });

  it('tampering: a deleted last event (exit 1, its sequence named), then a rewritten head caught only by the head kept elsewhere', LONG, async () => {
    const before = await cli(['audit-head', '--ente', 'A944', '--data-dir', dataDir, '--json']);
    expect(before.code, before.err).toBe(0);
    writeFileSync(join(heads, 'before.json'), before.out);
    const head = JSON.parse(before.out) as { seq: number; hash: string };

    // The owner drops the append-only trigger and deletes the last event.
    const store = await openStore({ dataDir, auditKey: TEST_KEY });
    try {
      await store.executor.transaction(async (tx) => {
        await tx.query("select set_config('riuso.enti', 'A944', true)");
        await tx.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
        const d = await tx.query('DELETE FROM audit_event WHERE ente = $1 AND seq = $2', ['A944', head.seq]);
        expect(d.rowCount).toBe(1);
        await tx.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
      });
    } finally {
      await store.close();
    }
    const deleted = await cli(['verify-audit', '--ente', 'A944', '--data-dir', dataDir], WITH_KEY);
    expect(deleted.code, deleted.err).toBe(1);
    expect(deleted.out).toMatch(new RegExp(`^A944: registro di audit ALTERATO alla sequenza ${head.seq} — .+ \\[store\\.audit\\]\\n$`));
    const deletedJson = await cli(['verify-audit', '--ente', 'A944', '--data-dir', dataDir, '--json', '--lang', 'en'], WITH_KEY);
    expect(deletedJson.code).toBe(1);
    expect(JSON.parse(deletedJson.out)).toMatchObject({ ente: 'A944', ok: false, seq: head.seq, code: 'store.audit' });

    // The head row rewritten too: the chain and its head row agree again...
    const again = await openStore({ dataDir, auditKey: TEST_KEY });
    try {
      await again.executor.transaction(async (tx) => {
        await tx.query("select set_config('riuso.enti', 'A944', true)");
        const prev = await tx.query<{ hash: string }>('SELECT hash FROM audit_event WHERE ente = $1 AND seq = $2', ['A944', head.seq - 1]);
        await tx.query('ALTER TABLE audit_head DISABLE TRIGGER USER');
        await tx.query('UPDATE audit_head SET seq = $2, hash = $3 WHERE ente = $1', ['A944', head.seq - 1, prev.rows[0]?.hash]);
        await tx.query('ALTER TABLE audit_head ENABLE TRIGGER USER');
      });
    } finally {
      await again.close();
    }
    const unanchored = await cli(['verify-audit', '--ente', 'A944', '--data-dir', dataDir], WITH_KEY);
    expect(unanchored.code, unanchored.err).toBe(0);
    // ...but not with the head kept elsewhere.
    const anchored = await cli(['verify-audit', '--ente', 'A944', '--data-dir', dataDir, '--expected-head', join(heads, 'before.json'), '--lang', 'en'], WITH_KEY);
    expect(anchored.code, anchored.err).toBe(1);
    expect(anchored.out).toMatch(new RegExp(`^A944: audit log TAMPERED WITH at sequence ${head.seq} — The audit log does not contain the head exported earlier \\(sequence ${head.seq}\\).+\\n$`));
    // A head of another Ente is refused before anything is read.
    writeFileSync(join(heads, 'other.json'), JSON.stringify({ ...head, ente: 'H501' }));
    expectUsage(await cli(['verify-audit', '--ente', 'A944', '--data-dir', dataDir, '--expected-head', join(heads, 'other.json')], WITH_KEY), /la testata è di un altro Ente \(H501\)/, 'suggerimento');
  });
});

describe.skipIf(PG_URL === undefined)('csi-store on a PostgreSQL server (DATABASE_URL)', () => {
  it('migrate, audit-head, verify-audit; a wrong password is one line', LONG, async () => {
    const db = await freshDatabase();
    try {
      const env = { DATABASE_URL: db.url, ...WITH_KEY };
      const first = await cli(['migrate', '--json'], env);
      expect(first.code, first.err).toBe(0);
      expect(JSON.parse(first.out)).toEqual({ applied: MIGRATIONS, alreadyApplied: [] });
      const second = await cli(['migrate', '--database-url', db.url, '--json'], {});
      expect(JSON.parse(second.out)).toEqual({ applied: [], alreadyApplied: MIGRATIONS });
      const head = await cli(['audit-head', '--ente', 'A944', '--json'], env);
      expect(JSON.parse(head.out)).toMatchObject({ ente: 'A944', seq: 0, hash: null });
      const verify = await cli(['verify-audit', '--ente', 'A944', '--expected-head', '0:'], env);
      expect(verify.code, verify.err).toBe(0);
      expect(verify.out).toBe('A944: registro di audit integro — 0 eventi verificati, testata 0:null (contiene la testata attesa 0)\n');
      const url = new URL(db.url);
      url.password = 'surely-wrong-password';
      url.username = 'riuso_no_such_user';
      const refused = await cli(['audit-head', '--ente', 'A944', '--lang', 'en'], { DATABASE_URL: url.toString() });
      expect(refused.code).toBe(2);
      expect(refused.err.trimEnd().split('\n')).toHaveLength(2);
      expect(refused.err).toMatch(/^csi-store: (access to the database refused|the database does not answer) \(\w+\)\n/);
      expect(refused.err).not.toContain('surely-wrong-password');
    } finally {
      await db.drop();
    }
  });
});
