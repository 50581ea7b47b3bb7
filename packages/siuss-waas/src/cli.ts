// SPDX-License-Identifier: BSD-3-Clause
/**
 * The `siuss-waas` command: `siuss-waas serve` runs the Comune's WaaS endpoint on its csi-store
 * archive — no code to write. The database as for `csi-store` (`--database-url`/`DATABASE_URL` of a
 * PostgreSQL server, or `--data-dir` of the embedded store), migrated beforehand with
 * `csi-store migrate`; the audit key from `CSI_STORE_AUDIT_KEY` only (every esito is audited); the
 * PDND settings of the environment (issuer, audience, JWKS, INPS's client ids) as options. Log lines
 * (JSON, no tokens, no personal data) on standard error; SIGINT/SIGTERM close the server, then the
 * store. Exit codes: 0 stopped cleanly; 2 usage, configuration or a store that is not ready.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIssue, fail, type LocalizedText } from '@riuso-sociale/core';
import { handleCommonOptions, langOfArgv, parseCommandLine, UsageError, usageText, type CommandLine } from '@riuso-sociale/core/cli';
import { csiStoreSource } from './csi-store-source.js';
import { createWaasHandler, type WaasFetchHandler } from './handler.js';
import { serveWaas } from './node.js';
import type { WaasLogger, WaasSource } from './types.js';
import { createVoucherVerifier, type VoucherJwksSource } from './voucher.js';

/** Where the command writes, what environment it reads, and how it is stopped; injectable for tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** `DATABASE_URL`, `CSI_STORE_AUDIT_KEY`, `CSI_STORE_PREVIOUS_AUDIT_KEYS`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Stops the server (default: SIGINT and SIGTERM). */
  readonly signal?: AbortSignal;
  /** Where log lines go (default: JSON lines on standard error). */
  readonly logger?: WaasLogger;
}

type Lang = 'it' | 'en';

const HELP_IT = `siuss-waas — l'endpoint WaaS del Comune che INPS chiama su PDND (GET /flussi, POST /esiti, GET /status)

Uso:
  siuss-waas serve DB --ente A944 --denominazione "Comune di Bologna" --operatore UUID
                   --issuer interop.pagopa.it --audience AUDIENCE (--jwks-url URL | --jwks-file FILE)
                   --client-id ID[,ID…] [--purpose-id ID,…] [--consumer-id ID,…]
                   [--producer-id ID] [--eservice-id ID] [--descriptor-id ID] [--clock-tolerance S]
                   [--host 127.0.0.1] [--port 8080] [--base-path /waas/v1]
                   [--tls-cert FILE --tls-key FILE] [--rate-limit N|off] [--max-body-bytes N]
      serve i flussi della coda SIUSS dell'archivio e registra gli esiti di INPS; si ferma con Ctrl-C
      (SIGINT) o SIGTERM

DB, esattamente uno dei due (l'archivio va migrato prima con csi-store migrate):
  --database-url postgres://…   un server PostgreSQL ≥ 15 (meglio la variabile DATABASE_URL)
  --data-dir CARTELLA           l'archivio PGlite incorporato su disco (un solo processo alla volta)

Voucher PDND (valori dal back office PDND, diversi tra collaudo e produzione):
  --issuer        iss atteso (produzione: interop.pagopa.it)
  --audience      aud dell'e-service (scelto dal Comune al passo 2 del template)
  --jwks-url      chiavi di PDND (produzione: https://interop.pagopa.it/.well-known/jwks.json)
  --jwks-file     le stesse chiavi da un file JSON (riletto su un kid sconosciuto)
  --client-id     client PDND di INPS ammessi (separati da virgole); gli altri ricevono 403
  --operatore     l'operatore con ruolo «sistema» dell'Ente nell'archivio (UUID)

Ambiente:
  CSI_STORE_AUDIT_KEY            <id>:<segreto hex o base64, almeno 32 byte> — obbligatoria
  CSI_STORE_PREVIOUS_AUDIT_KEYS  chiavi precedenti (rotazione)
  DATABASE_URL                   come --database-url

Opzioni comuni: --lang it|en, --help, --version
Uscita: 0 fermato; 2 uso errato, configurazione, archivio non pronto.`;

const HELP_EN = `siuss-waas — the Comune's WaaS endpoint INPS calls on PDND (GET /flussi, POST /esiti, GET /status)

Usage:
  siuss-waas serve DB --ente A944 --denominazione "Comune di Bologna" --operatore UUID
                   --issuer interop.pagopa.it --audience AUDIENCE (--jwks-url URL | --jwks-file FILE)
                   --client-id ID[,ID…] [--purpose-id ID,…] [--consumer-id ID,…]
                   [--producer-id ID] [--eservice-id ID] [--descriptor-id ID] [--clock-tolerance S]
                   [--host 127.0.0.1] [--port 8080] [--base-path /waas/v1]
                   [--tls-cert FILE --tls-key FILE] [--rate-limit N|off] [--max-body-bytes N]
      serves the flows of the store's SIUSS queue and records INPS's esiti; stops on Ctrl-C (SIGINT)
      or SIGTERM

DB, exactly one of (migrate the store first with csi-store migrate):
  --database-url postgres://…   a PostgreSQL ≥ 15 server (better the DATABASE_URL variable)
  --data-dir DIR                the embedded PGlite store on disk (one process at a time)

PDND voucher (values from the PDND back office; collaudo and produzione differ):
  --issuer        expected iss (production: interop.pagopa.it)
  --audience      the e-service's aud (chosen by the Comune at step 2 of the template)
  --jwks-url      PDND's keys (production: https://interop.pagopa.it/.well-known/jwks.json)
  --jwks-file     the same keys from a JSON file (re-read on an unknown kid)
  --client-id     INPS's PDND clients allowed (comma-separated); others get 403
  --operatore     the Ente's operator with role "sistema" in the store (UUID)

Environment:
  CSI_STORE_AUDIT_KEY            <id>:<hex or base64 secret, at least 32 bytes> — required
  CSI_STORE_PREVIOUS_AUDIT_KEYS  previous keys (rotation)
  DATABASE_URL                   like --database-url

Common options: --lang it|en, --help, --version
Exit: 0 stopped; 2 usage error, configuration, store not ready.`;

/** A failure with its message and hint in both languages (exit 2). */
class CliFailure extends Error {
  constructor(
    readonly text: LocalizedText,
    readonly hint?: LocalizedText,
  ) {
    super(text.en);
  }
}

const HELP_HINT: LocalizedText = { it: "siuss-waas --help per l'uso", en: 'siuss-waas --help for usage' };

function usage(it: string, en: string, hint: LocalizedText = HELP_HINT): CliFailure {
  return new CliFailure({ it, en }, hint);
}

/** The options of `serve` (besides `--lang`, `--help`, `--version`): all take a value. */
const OPTIONS = {
  'database-url': { type: 'string' }, 'data-dir': { type: 'string' }, ente: { type: 'string' }, denominazione: { type: 'string' },
  operatore: { type: 'string' }, issuer: { type: 'string' }, audience: { type: 'string' }, 'jwks-url': { type: 'string' },
  'jwks-file': { type: 'string' }, 'client-id': { type: 'string' }, 'purpose-id': { type: 'string' }, 'consumer-id': { type: 'string' },
  'producer-id': { type: 'string' }, 'eservice-id': { type: 'string' }, 'descriptor-id': { type: 'string' },
  'clock-tolerance': { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, 'base-path': { type: 'string' },
  'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'rate-limit': { type: 'string' }, 'max-body-bytes': { type: 'string' },
} as const;

type Parsed = CommandLine<typeof OPTIONS>;
type Option = keyof typeof OPTIONS;

function required(p: Parsed, name: Option, it: string, en: string): string {
  const v = p.values[name];
  if (v === undefined || v.trim() === '') throw usage(`manca --${name} (${it})`, `missing --${name} (${en})`);
  return v.trim();
}

function list(p: Parsed, name: Option): string[] | undefined {
  const v = p.values[name];
  if (v === undefined) return undefined;
  const items = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw usage(`--${name}: elenco vuoto`, `--${name}: empty list`);
  return items;
}

function integer(p: Parsed, name: Option, min: number, max: number): number | undefined {
  const v = p.values[name];
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) throw usage(`--${name}: intero da ${min} a ${max}`, `--${name}: integer from ${min} to ${max}`);
  return Number(v);
}

function readText(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new CliFailure({ it: `${name}: file non leggibile`, en: `${name}: file not readable` }, { it: 'controlla percorso e permessi', en: 'check the path and permissions' });
  }
}

/** Runs a constructor of the library; its TypeError (a bad option, "it / en") becomes a usage failure. */
function configured<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    const [it, en] = e.message.includes(' / ') ? (e.message.split(' / ', 2) as [string, string]) : [e.message, e.message];
    throw new CliFailure({ it, en }, HELP_HINT);
  }
}

/** `await` until the signal fires (or at once when already aborted). */
function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

async function serveCommand(p: Parsed, io: CliIo, lang: Lang): Promise<number> {
  // Database: exactly one of --database-url (or DATABASE_URL) and --data-dir. The URL is never echoed.
  const flagUrl = p.values['database-url'];
  const dir = p.values['data-dir'];
  const envUrl = io.env.DATABASE_URL === undefined || io.env.DATABASE_URL === '' ? undefined : io.env.DATABASE_URL;
  if (flagUrl !== undefined && dir !== undefined) throw usage('--database-url e --data-dir insieme: indicane uno solo', '--database-url and --data-dir together: give only one');
  if (dir !== undefined && envUrl !== undefined) throw usage("--data-dir indicata ma c'è anche DATABASE_URL nell'ambiente: quale database?", '--data-dir given but DATABASE_URL is set too: which database?');
  const url = flagUrl ?? (dir === undefined ? envUrl : undefined);
  if (url === undefined && dir === undefined) throw usage('manca il database: --database-url (o DATABASE_URL) oppure --data-dir', 'no database: --database-url (or DATABASE_URL) or --data-dir');
  if (url !== undefined && !/^postgres(?:ql)?:\/\/./.test(url)) throw usage('--database-url/DATABASE_URL: serve un URL postgres://…', '--database-url/DATABASE_URL: a postgres://… URL is required');
  if (dir !== undefined && dir.trim() === '') throw usage('--data-dir: percorso vuoto', '--data-dir: empty path');

  const ente = required(p, 'ente', "codice Belfiore dell'Ente, es. A944", "the Ente's Belfiore code, e.g. A944");
  const denominazione = required(p, 'denominazione', "es. «Comune di Bologna»", 'e.g. "Comune di Bologna"');
  const operatore = required(p, 'operatore', "UUID dell'operatore «sistema» dell'Ente", "UUID of the Ente's «sistema» operator");
  const issuer = required(p, 'issuer', 'produzione: interop.pagopa.it', 'production: interop.pagopa.it');
  const audience = required(p, 'audience', "l'audience dell'e-service su PDND", "the e-service's audience on PDND");
  const jwksUrl = p.values['jwks-url'];
  const jwksFile = p.values['jwks-file'];
  if ((jwksUrl === undefined) === (jwksFile === undefined)) {
    throw usage('serve uno e uno solo tra --jwks-url e --jwks-file', 'exactly one of --jwks-url and --jwks-file is required');
  }
  const jwks: VoucherJwksSource = jwksUrl !== undefined ? { url: jwksUrl } : { file: jwksFile as string };
  const allowedClients = list(p, 'client-id');
  if (allowedClients === undefined) throw usage('manca --client-id (i client PDND di INPS ammessi)', "missing --client-id (INPS's PDND clients allowed)");
  const producerId = p.values['producer-id'];
  const eserviceId = p.values['eservice-id'];
  const descriptorId = p.values['descriptor-id'];
  const purposeIds = list(p, 'purpose-id');
  const consumerIds = list(p, 'consumer-id');
  const clockToleranceSec = integer(p, 'clock-tolerance', 0, 60);
  const port = integer(p, 'port', 0, 65535) ?? 8080;
  const host = p.values.host ?? '127.0.0.1';
  const basePath = p.values['base-path'] ?? '';
  const maxBodyBytes = integer(p, 'max-body-bytes', 1024, 64 * 1024 * 1024);
  const rate = p.values['rate-limit'];
  let rateLimit: { requests: number; windowSec: number } | false | undefined;
  if (rate === 'off') rateLimit = false;
  else if (rate !== undefined) rateLimit = { requests: integer(p, 'rate-limit', 1, 100_000) as number, windowSec: 60 };
  const cert = p.values['tls-cert'];
  const key = p.values['tls-key'];
  if ((cert === undefined) !== (key === undefined)) throw usage('--tls-cert e --tls-key vanno insieme', '--tls-cert and --tls-key go together');
  const https = cert !== undefined && key !== undefined ? { cert: readText(cert, '--tls-cert'), key: readText(key, '--tls-key') } : undefined;

  let csiStore: typeof import('@riuso-sociale/csi-store');
  try {
    csiStore = await import('@riuso-sociale/csi-store');
  } catch {
    throw new CliFailure(
      { it: 'serve il pacchetto @riuso-sociale/csi-store (dipendenza facoltativa di siuss-waas)', en: 'the @riuso-sociale/csi-store package is required (an optional dependency of siuss-waas)' },
      { it: 'installalo accanto a @riuso-sociale/siuss-waas', en: 'install it next to @riuso-sociale/siuss-waas' },
    );
  }
  const { auditKeysFromEnv, openStore } = csiStore;
  const keys = auditKeysFromEnv(io.env);
  if (!keys.ok) throw new CliFailure({ it: keys.issues[0].message, en: keys.issues[0].messageEn });

  /** The handler on a source: every PDND and HTTP option checked by the library's own validation. */
  const build = (source: WaasSource): WaasFetchHandler =>
    createWaasHandler({
      source,
      voucher: createVoucherVerifier({
        issuer, audience, jwks, allowedClients,
        ...(purposeIds === undefined ? {} : { purposeIds }),
        ...(consumerIds === undefined ? {} : { consumerIds }),
        ...(producerId === undefined ? {} : { producerId }),
        ...(eserviceId === undefined ? {} : { eserviceId }),
        ...(descriptorId === undefined ? {} : { descriptorId }),
        ...(clockToleranceSec === undefined ? {} : { clockToleranceSec }),
      }),
      ente: { codice: ente, denominazione },
      basePath,
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
      ...(rateLimit === undefined ? {} : { rateLimit }),
      ...(io.logger === undefined ? {} : { logger: io.logger }),
    });
  // The options are checked before the database is opened (a typo costs no connection), on a source
  // that is never called.
  const notOpen = fail([createIssue('waas.source.unavailable', { it: 'archivio non aperto', en: 'store not open' })]);
  configured(() => build({ listFlows: async () => notOpen, recordEsiti: async () => notOpen, ping: async () => notOpen }));

  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ ...(url !== undefined ? { connectionString: url } : { dataDir: dir as string }), ...keys.value, migrate: false });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new CliFailure(
      { it: `archivio non apribile${typeof code === 'string' ? ` (${code})` : ''}`, en: `the store cannot be opened${typeof code === 'string' ? ` (${code})` : ''}` },
      { it: "controlla il database e le migrazioni (csi-store migrate); l'URL non si stampa", en: 'check the database and the migrations (csi-store migrate); the URL is not printed' },
    );
  }
  let server: Server | undefined;
  try {
    const source = configured(() => csiStoreSource(store, { ente, actor: { operatoreId: operatore, role: 'sistema' } }));
    const ready = await source.ping();
    if (!ready.ok) {
      throw new CliFailure(
        { it: `archivio non pronto per l'Ente ${ente}: ${ready.issues[0].message}`, en: `store not ready for Ente ${ente}: ${ready.issues[0].messageEn}` },
        { it: "--operatore dev'essere un operatore attivo dell'Ente con ruolo «sistema»", en: '--operatore must be an active operator of the Ente with role «sistema»' },
      );
    }
    const handler = build(source);
    try {
      server = await serveWaas(handler, { port, host, ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }), ...(https === undefined ? {} : { https }) });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new CliFailure(
        { it: `non riesco ad ascoltare su ${host}:${port}${typeof code === 'string' ? ` (${code})` : ''}`, en: `cannot listen on ${host}:${port}${typeof code === 'string' ? ` (${code})` : ''}` },
        { it: 'porta occupata o indirizzo non valido', en: 'port in use or invalid address' },
      );
    }
    const address = server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    io.out(
      lang === 'en'
        ? `siuss-waas: Ente ${ente} listening on ${https ? 'https' : 'http'}://${shown}:${address.port}${basePath} (/flussi, /esiti, /status); Ctrl-C to stop`
        : `siuss-waas: Ente ${ente} in ascolto su ${https ? 'https' : 'http'}://${shown}:${address.port}${basePath} (/flussi, /esiti, /status); Ctrl-C per fermare`,
    );
    let signal = io.signal;
    let detach = (): void => undefined;
    if (signal === undefined) {
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      detach = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      };
      signal = controller.signal;
    }
    await stopped(signal);
    detach();
    return 0;
  } finally {
    if (server !== undefined) {
      const s = server;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections?.();
      });
    }
    await store.close();
    io.out(lang === 'en' ? 'siuss-waas: stopped' : 'siuss-waas: fermato');
  }
}

/**
 * Runs the `siuss-waas` command line (`argv` without `node` and the script); resolves with the exit
 * code once the server has stopped.
 *
 * @example
 * ```ts
 * // what bin/siuss-waas.cjs runs (not a public entry point):
 * // const code = await runCli(['--version'], { out: console.log, err: console.error, env: {} }); // 0
 * ```
 * @internal
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let lang: Lang = langOfArgv(argv);
  const failWith = (f: CliFailure): number => {
    io.err(`siuss-waas: ${f.text[lang]}`);
    if (f.hint) io.err(`  ${f.hint[lang]}`);
    return 2;
  };
  try {
    const p = parseCommandLine(argv, OPTIONS);
    const common = handleCommonOptions(p, io.out, { version: VERSION, help: lang === 'en' ? HELP_EN : HELP_IT });
    lang = common.lang;
    if (common.exitCode !== null || p.command === undefined) return common.exitCode ?? 2;
    if (p.command !== 'serve') {
      throw usage(`comando sconosciuto: ${p.command.slice(0, 40)}`, `unknown command: ${p.command.slice(0, 40)}`, { it: 'comandi: serve (siuss-waas --help)', en: 'commands: serve (siuss-waas --help)' });
    }
    if (p.positional.length > 0) throw usage('serve non accetta argomenti posizionali', 'serve takes no positional arguments');
    return await serveCommand(p, io, lang);
  } catch (e) {
    if (e instanceof CliFailure) return failWith(e);
    if (e instanceof UsageError) return failWith(new CliFailure({ it: usageText(e, 'it'), en: usageText(e, 'en') }, HELP_HINT));
    // Never a stack trace, never a connection string: the kind of error only.
    const name = e instanceof Error ? e.name : 'Error';
    return failWith(new CliFailure({ it: `errore inatteso (${name})`, en: `unexpected error (${name})` }));
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/**
 * Entry point of the `siuss-waas` binary.
 * @internal
 */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
  });
}
