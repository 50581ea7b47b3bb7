// SPDX-License-Identifier: BSD-3-Clause
/**
 * The command-line grammar every CLI of the suite shares, on Node's `util.parseArgs` (strict mode):
 * `command [positional…] [--option value | --option=value | --switch]`, with `-` as a positional
 * (standard input) and `--` ending the options. Unknown options, missing values and values given to
 * a switch are usage errors (exit code 2 in every CLI), in Italian and English.
 * @module
 */
import { parseArgs } from 'node:util';

/**
 * A mistake in how a command was called; CLIs print it in one line with a hint to `--help`, and exit
 * with code 2.
 *
 * @example
 * ```ts
 * import { UsageError } from '@riuso-sociale/core/cli';
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
 * A usage error in one language, for the one line a CLI prints: the text given for that language
 * (every error of {@link parseCommandLine} has both), or the message itself when only one was given.
 *
 * @example
 * ```ts
 * import { UsageError, usageText } from '@riuso-sociale/core/cli';
 * usageText(new UsageError({ it: 'manca --out', en: 'missing --out' }), 'en'); // 'missing --out'
 * usageText(new UsageError('--lang it|en'), 'it');                            // '--lang it|en'
 * ```
 */
export function usageText(error: UsageError, lang: 'it' | 'en'): string {
  return error.texts === undefined ? error.message : error.texts[lang];
}

/**
 * The language a command line asks for (`--lang en` or `--lang=en` anywhere, else Italian), read
 * without parsing it: for the message of a line that does not parse.
 *
 * @example
 * ```ts
 * import { langOfArgv } from '@riuso-sociale/core/cli';
 * langOfArgv(['validate', '--bogus', '--lang', 'en']); // 'en'
 * ```
 */
export function langOfArgv(argv: readonly string[]): 'it' | 'en' {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang=en' || (argv[i] === '--lang' && argv[i + 1] === 'en')) return 'en';
  }
  return 'it';
}

/**
 * A count with its noun in the right number: `1 codice`, `2 codici`.
 *
 * @example
 * ```ts
 * import { countOf } from '@riuso-sociale/core/cli';
 * countOf(1, 'errore', 'errori'); // '1 errore'
 * countOf(3, 'error', 'errors');  // '3 errors'
 * ```
 */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One option of a command line, as `util.parseArgs` takes it: `string` for an option with a value
 * (`--out dir`, `--out=dir`), `boolean` for a switch (`--json`); `short` a one-letter alias (`-h`).
 * Node 20's `parseArgs` has no negative options: a CLI that wants `--no-json` declares it as a switch
 * of its own and reads it explicitly.
 */
export interface OptionSpec {
  /** `string`: the option takes a value; `boolean`: a switch, which takes none. */
  readonly type: 'string' | 'boolean';
  /** A one-letter alias, written `-x`. */
  readonly short?: string;
}

/** The options a CLI accepts, by long name without dashes: `{ out: { type: 'string' }, json: { type: 'boolean' } }`. */
export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

/**
 * The options every CLI of the suite accepts, added by {@link parseCommandLine} to its own:
 * `--lang it|en`, `--help`/`-h`, `--version` (see {@link handleCommonOptions}).
 *
 * @example
 * ```ts
 * import { COMMON_OPTIONS, parseCommandLine } from '@riuso-sociale/core/cli';
 * Object.keys(COMMON_OPTIONS);                     // ['lang', 'help', 'version']
 * parseCommandLine(['x', '-h'], {}).values.help;   // true
 * ```
 */
export const COMMON_OPTIONS = {
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies OptionsSpec;

/** The type of {@link COMMON_OPTIONS}. */
export type CommonOptionsSpec = typeof COMMON_OPTIONS;

/**
 * The values of the options of `S`, typed by their kind: `string` for an option with a value,
 * `boolean` for a switch, absent when not given (`{ out: { type: 'string' } }` →
 * `{ out?: string }`).
 */
export type OptionValues<S extends OptionsSpec> = {
  readonly [K in keyof S]?: S[K]['type'] extends 'string' ? string : S[K]['type'] extends 'boolean' ? boolean : string | boolean;
};

/** The parts of a command line parsed by {@link parseCommandLine} with the options `S`. */
export interface CommandLine<S extends OptionsSpec = OptionsSpec> {
  /** The first positional argument (the sub-command), if any. */
  readonly command: string | undefined;
  /** The other positional arguments, in order. */
  readonly positional: readonly string[];
  /** The options given, typed by their kind (the last one wins when an option is repeated); the common ones included. */
  readonly values: OptionValues<S & CommonOptionsSpec>;
  /** The options given, as written in long form (`--out`, `--help` for `-h`), in the order of their first use: for per-command checks. */
  readonly given: readonly string[];
}

/** What `util.parseArgs` adds to the errors it throws. */
interface ParseArgsError {
  readonly code?: unknown;
}

/** Tokens of a non-strict parse, to find the option an error of the strict one is about. */
type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** An option name as written, capped (the argv may hold anything). */
function shown(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

/** The long form of an option token (`--help` for `-h`), or its raw name for an unknown one. */
function longName(token: Extract<Token, { kind: 'option' }>, spec: OptionsSpec): string {
  return Object.hasOwn(spec, token.name) ? `--${token.name}` : token.rawName;
}

/**
 * The bilingual usage error for an error of `util.parseArgs` (by its `ERR_PARSE_ARGS_*` code): Node's
 * English text never reaches the user, and the option it is about is found again in the tokens of a
 * non-strict parse.
 */
function usageErrorOf(error: unknown, argv: readonly string[], spec: OptionsSpec): UsageError {
  const code = (error as ParseArgsError | null)?.code;
  const { tokens } = parseArgs({ args: [...argv], options: spec, strict: false, allowPositionals: true, tokens: true });
  const options = tokens.filter((t): t is Extract<Token, { kind: 'option' }> => t.kind === 'option');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const t = options.find((o) => !Object.hasOwn(spec, o.name));
    if (t !== undefined) return new UsageError({ it: `opzione sconosciuta: ${shown(t.rawName)}`, en: `unknown option: ${shown(t.rawName)}` });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    for (const t of options) {
      const type = Object.hasOwn(spec, t.name) ? spec[t.name]?.type : undefined;
      const name = longName(t, spec);
      if (type === 'boolean' && t.value !== undefined) {
        return new UsageError({ it: `${name} non accetta un valore`, en: `${name} takes no value` });
      }
      if (type === 'string' && t.value === undefined) {
        return new UsageError({ it: `manca il valore di ${name}`, en: `missing value for ${name}` });
      }
      if (type === 'string' && !t.inlineValue && t.value !== undefined && t.value.length > 1 && t.value.startsWith('-')) {
        return new UsageError({
          it: `manca il valore di ${name} (un valore che inizia con "-" si scrive ${name}=${shown(t.value)})`,
          en: `missing value for ${name} (a value starting with "-" is written ${name}=${shown(t.value)})`,
        });
      }
    }
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const t = tokens.find((o) => o.kind === 'positional');
    const value = t?.kind === 'positional' ? shown(t.value) : '';
    return new UsageError({ it: `argomento inatteso: ${value}`, en: `unexpected argument: ${value}` });
  }
  return new UsageError({ it: 'riga di comando non valida', en: 'invalid command line' });
}

/**
 * Splits a command line (without `node` and the script) with Node's `util.parseArgs` in strict mode:
 * the first positional is the command, `-` is a positional (standard input), `--` ends the options;
 * the options of `options` plus {@link COMMON_OPTIONS}, with their values typed by kind.
 *
 * @param argv - The arguments, e.g. `process.argv.slice(2)`.
 * @param options - The CLI's own options, by long name without dashes (declare it `as const`, or
 *   inline, so that each value gets its type).
 * @throws {@link UsageError} for an unknown option, a value given to a switch, an option without its
 *   value (or followed by another option), in Italian and English — never Node's English message.
 * @example
 * ```ts
 * import { parseCommandLine } from '@riuso-sociale/core/cli';
 * const cl = parseCommandLine(['validate', 'a.xml', '--json', '--mode=upload'], {
 *   mode: { type: 'string' }, json: { type: 'boolean' },
 * });
 * cl.command;     // 'validate'
 * cl.positional;  // ['a.xml']
 * cl.values.mode; // 'upload' (string | undefined)
 * cl.values.json; // true (boolean | undefined)
 * ```
 */
export function parseCommandLine<const S extends OptionsSpec>(argv: readonly string[], options: S): CommandLine<S> {
  const spec: OptionsSpec = { ...options, ...COMMON_OPTIONS };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: spec, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw usageErrorOf(e, argv, spec);
  }
  const given: string[] = [];
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    const name = `--${t.name}`;
    if (!given.includes(name)) given.push(name);
  }
  const [command, ...positional] = parsed.positionals;
  return { command, positional, values: parsed.values as OptionValues<S & CommonOptionsSpec>, given };
}

/** What {@link handleCommonOptions} decided. */
export interface CommonOptions {
  /** The language of messages (`--lang it|en`, Italian by default). */
  readonly lang: 'it' | 'en';
  /** When set, the CLI is done (version or help printed): exit with this code. */
  readonly exitCode: number | null;
}

/**
 * The options every CLI of the suite shares ({@link COMMON_OPTIONS}): `--lang it|en`, `--version`,
 * `--help`/`-h`; with no command the help is printed and the exit code is 2 (usage error).
 *
 * @throws {@link UsageError} for a `--lang` other than `it` or `en`.
 * @example
 * ```ts
 * import { handleCommonOptions, parseCommandLine } from '@riuso-sociale/core/cli';
 * const cl = parseCommandLine(['--version'], {});
 * handleCommonOptions(cl, (t) => console.log(t), { version: '1.0.0', help: 'uso: …' }); // prints 1.0.0 → { lang: 'it', exitCode: 0 }
 * ```
 */
export function handleCommonOptions<S extends OptionsSpec>(
  commandLine: CommandLine<S>,
  out: (text: string) => void,
  texts: { readonly version: string; readonly help: string },
): CommonOptions {
  const { lang: l, version, help } = commandLine.values as OptionValues<CommonOptionsSpec>;
  if (l !== undefined && l !== 'it' && l !== 'en') throw new UsageError('--lang it|en');
  const lang = l === 'en' ? 'en' : 'it';
  if (version === true) {
    out(texts.version);
    return { lang, exitCode: 0 };
  }
  if (help === true || commandLine.command === undefined) {
    out(texts.help);
    return { lang, exitCode: help === true ? 0 : 2 };
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
 * import { exitQuietlyOnEpipe } from '@riuso-sociale/core/cli';
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
