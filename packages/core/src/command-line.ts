// SPDX-License-Identifier: BSD-3-Clause
/**
 * The command-line grammar every CLI of the suite shares: `command [positional…] [--flag value |
 * --flag=value | --switch]`, with `-` as a positional (standard input). Unknown options and missing
 * values are usage errors (exit code 2 in every CLI).
 * @module
 */

/**
 * A mistake in how a command was called; CLIs print it with their help and exit with code 2.
 *
 * @example
 * ```ts
 * import { UsageError } from '@riuso-sociale/core';
 * try {
 *   throw new UsageError('manca --out / missing --out');
 * } catch (e) {
 *   if (e instanceof UsageError) process.exitCode = 2;
 * }
 * ```
 */
export class UsageError extends Error {
  /** The message in each language, when the CLI gave both (see {@link usageText}). */
  readonly texts: { readonly it: string; readonly en: string } | undefined;

  /** `message`: one bilingual string (`it / en`), or the two texts, of which a CLI prints the one asked for. */
  constructor(message: string | { readonly it: string; readonly en: string }) {
    super(typeof message === 'string' ? message : `${message.it} / ${message.en}`);
    this.name = 'UsageError';
    this.texts = typeof message === 'string' ? undefined : { it: message.it, en: message.en };
  }
}

/**
 * A usage error in one language, for the one line a CLI prints: the text given for that language,
 * or — for the parser's own bilingual messages — its half (`opzione sconosciuta: --x` /
 * `unknown option: --x`).
 *
 * @example
 * ```ts
 * import { UsageError, usageText } from '@riuso-sociale/core';
 * usageText(new UsageError('opzione sconosciuta / unknown option: --x'), 'it'); // 'opzione sconosciuta: --x'
 * usageText(new UsageError({ it: 'manca --out', en: 'missing --out' }), 'en'); // 'missing --out'
 * ```
 */
export function usageText(error: UsageError, lang: 'it' | 'en'): string {
  if (error.texts !== undefined) return error.texts[lang];
  const missing = /^manca il valore di (\S+) \/ missing value for \S+$/.exec(error.message);
  if (missing) return lang === 'en' ? `missing value for ${missing[1]}` : `manca il valore di ${missing[1]}`;
  const unknown = /^opzione sconosciuta \/ unknown option: (\S+)$/.exec(error.message);
  if (unknown) return lang === 'en' ? `unknown option: ${unknown[1]}` : `opzione sconosciuta: ${unknown[1]}`;
  return error.message;
}

/**
 * The language a command line asks for (`--lang en` or `--lang=en` anywhere, else Italian), read
 * without parsing it: for the message of a line that does not parse.
 *
 * @example
 * ```ts
 * import { langOfArgv } from '@riuso-sociale/core';
 * langOfArgv(['validate', '--bogus', '--lang', 'en']); // 'en'
 * ```
 */
export function langOfArgv(argv: readonly string[]): 'it' | 'en' {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang=en' || (argv[i] === '--lang' && argv[i + 1] === 'en')) return 'en';
  }
  return 'it';
}

/**
 * A count with its noun in the right number: `1 codice`, `2 codici`.
 *
 * @example
 * ```ts
 * import { countOf } from '@riuso-sociale/core';
 * countOf(1, 'errore', 'errori'); // '1 errore'
 * countOf(3, 'error', 'errors');  // '3 errors'
 * ```
 */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The parts of a command line. */
export interface CommandLine {
  /** The first positional argument (the sub-command), if any. */
  readonly command: string | undefined;
  /** The other positional arguments, in order. */
  readonly positional: string[];
  /** Options: the value of value flags, `true` for switches. */
  readonly flags: Map<string, string | true>;
}

/** Which options a CLI accepts. */
export interface CommandLineSpec {
  /** Options that take a value (`--out dir` or `--out=dir`). */
  readonly valueFlags: ReadonlySet<string>;
  /** Switches (`--json`). */
  readonly booleanFlags: ReadonlySet<string>;
}

/**
 * Splits a command line (without `node` and the script) according to `spec`.
 *
 * @throws {@link UsageError} for an unknown option, a value given to a switch, or a value flag
 *   without its value (messages in Italian and English).
 * @example
 * ```ts
 * import { parseCommandLine } from '@riuso-sociale/core';
 * const cl = parseCommandLine(['validate', 'a.xml', '--json', '--mode=upload'], {
 *   valueFlags: new Set(['--mode']), booleanFlags: new Set(['--json']),
 * });
 * cl.command;             // 'validate'
 * cl.flags.get('--mode'); // 'upload'
 * ```
 */
export function parseCommandLine(argv: readonly string[], spec: CommandLineSpec): CommandLine {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq);
    const inline = eq === -1 ? undefined : a.slice(eq + 1);
    if (spec.valueFlags.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`manca il valore di ${name} / missing value for ${name}`);
      flags.set(name, value);
    } else if (spec.booleanFlags.has(name) && inline === undefined) flags.set(name, true);
    else throw new UsageError(`opzione sconosciuta / unknown option: ${name}`);
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, flags };
}

/**
 * The value of a value flag, or `undefined` when absent (or given as a switch).
 *
 * @example
 * ```ts
 * import { flagValue, parseCommandLine } from '@riuso-sociale/core';
 * const cl = parseCommandLine(['--lang', 'en'], { valueFlags: new Set(['--lang']), booleanFlags: new Set() });
 * flagValue(cl, '--lang'); // 'en'
 * ```
 */
export function flagValue(commandLine: CommandLine, name: string): string | undefined {
  const v = commandLine.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** What {@link handleCommonOptions} decided. */
export interface CommonOptions {
  /** The language of messages (`--lang it|en`, Italian by default). */
  readonly lang: 'it' | 'en';
  /** When set, the CLI is done (version or help printed): exit with this code. */
  readonly exitCode: number | null;
}

/**
 * The options every CLI of the suite shares: `--lang it|en`, `--version`, `--help`/`-h`; with no
 * command the help is printed and the exit code is 2 (usage error).
 *
 * @throws {@link UsageError} for a `--lang` other than `it` or `en`.
 * @example
 * ```ts
 * import { handleCommonOptions, parseCommandLine } from '@riuso-sociale/core';
 * const cl = parseCommandLine(['--version'], { valueFlags: new Set(['--lang']), booleanFlags: new Set(['--version', '--help', '-h']) });
 * handleCommonOptions(cl, (t) => console.log(t), { version: '1.0.0', help: 'uso: …' }); // prints 1.0.0 → { lang: 'it', exitCode: 0 }
 * ```
 */
export function handleCommonOptions(
  commandLine: CommandLine,
  out: (text: string) => void,
  texts: { readonly version: string; readonly help: string },
): CommonOptions {
  const l = flagValue(commandLine, '--lang');
  if (l !== undefined && l !== 'it' && l !== 'en') throw new UsageError('--lang it|en');
  const lang = l === 'en' ? 'en' : 'it';
  const { flags } = commandLine;
  if (flags.has('--version')) {
    out(texts.version);
    return { lang, exitCode: 0 };
  }
  const helpAsked = flags.has('--help') || flags.has('-h');
  if (helpAsked || commandLine.command === undefined) {
    out(texts.help);
    return { lang, exitCode: helpAsked ? 0 : 2 };
  }
  return { lang, exitCode: null };
}

/** What {@link exitQuietlyOnEpipe} needs of a stream: Node's `process.stdout` has it. */
export interface ErrorEventSource {
  /** Registers an `'error'` listener. */
  on(event: 'error', listener: (error: Error & { readonly code?: unknown }) => void): unknown;
}

const quietStreams = new WeakSet<ErrorEventSource>();

/**
 * A reader that closes early (`| head -1`, `| grep -q`) makes writes to stdout fail with EPIPE: the
 * CLI stops quietly through `exit`, as `cat` and `grep` do, instead of crashing with a stack trace.
 * Any other stream error is rethrown. Registered once per stream.
 *
 * @example
 * ```ts
 * import { exitQuietlyOnEpipe } from '@riuso-sociale/core';
 * // in a CLI's main():
 * // exitQuietlyOnEpipe(process.stdout, () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0));
 * ```
 */
export function exitQuietlyOnEpipe(stream: ErrorEventSource, exit: () => void): void {
  if (quietStreams.has(stream)) return;
  quietStreams.add(stream);
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') {
      exit();
      return;
    }
    throw e;
  });
}
