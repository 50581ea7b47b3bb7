// SPDX-License-Identifier: BSD-3-Clause
/**
 * The `codice-fiscale` command: validate, decode, compute. Exit codes: 0 all valid, 1 some invalid,
 * 2 usage error or unreadable input.
 * @module
 */
import { createHmac, randomBytes } from 'node:crypto';
import { formatDate, maskFiscalCode, type IsoDate, type Issue } from '@riuso-sociale/core';
import { countOf, handleCommonOptions, langOfArgv, parseCommandLine, UsageError, usageText, exitQuietlyOnEpipe, type CommandLine } from '@riuso-sociale/core/cli';
import { createProgress, inputSize, trackBytes, type Progress, type ProgressStream } from '@riuso-sociale/core/cli';
import { computeFiscalCode, type PersonData } from './compute.js';
import { decodeFiscalCode } from './decode.js';
import { FiscalCodeError } from './errors.js';
import { throwIssue } from './internal/messages.js';
import { validateFiscalCode } from './validate.js';

/** Where the CLI writes and reads; injectable for tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /**
   * Lines of standard input, or `null` when stdin is a terminal; with `progress`, the bytes read are
   * added to it (stdin redirected from a file, whose size is the total).
   */
  readonly stdinLines: (progress?: Progress) => AsyncIterable<string> | null;
  /** Where `validate` over stdin shows its progress line: standard error, used only when it is a terminal (absent: no progress). */
  readonly progress?: ProgressStream;
  /** The environment, for {@link TAG_KEY_ENV} (default: none, so a random key per run). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The environment variable with the key of the tags of masked codes, for tags that stay the same
 * across runs (to follow one code through several reports): at least 32 characters, kept secret
 * like a password (whoever holds it can find the code behind a tag by trying the few codes that
 * share its mask). Without it every run draws a random key, and tags are comparable only within
 * one run.
 */
export const TAG_KEY_ENV = 'CODICE_FISCALE_TAG_KEY';

/** Shortest key accepted in {@link TAG_KEY_ENV}. */
const MIN_TAG_KEY_LENGTH = 32;

/** Crockford's base32 alphabet, lower-case (no i, l, o, u): unlike the upper-case codes. */
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * How the CLI shows a code: whole with `--show-codes`, else masked and tagged
 * (`RSSMRA******501U#k3f9qa`): the tag is the first 30 bits, in 6 base32 characters, of the
 * HMAC-SHA256 of the whole code under the run's key, so two different codes sharing a mask print
 * differently (up to a chance of 2^-30 for each pair), and one code prints the same every time.
 * @internal
 */
export function codePrinter(show: boolean, env: Readonly<Record<string, string | undefined>> = {}): (code: string) => string {
  if (show) return (code) => code;
  const fromEnv = env[TAG_KEY_ENV];
  if (fromEnv !== undefined && Array.from(fromEnv).length < MIN_TAG_KEY_LENGTH) {
    throw usage(
      `${TAG_KEY_ENV} troppo corta: servono almeno ${MIN_TAG_KEY_LENGTH} caratteri (es. openssl rand -hex 32)`,
      `${TAG_KEY_ENV} too short: at least ${MIN_TAG_KEY_LENGTH} characters are needed (e.g. openssl rand -hex 32)`,
    );
  }
  const key = fromEnv === undefined ? randomBytes(32) : Buffer.from(fromEnv, 'utf8');
  return (code) => {
    const bits = createHmac('sha256', key).update(code, 'utf8').digest().readUInt32BE(0) >>> 2;
    let tag = '';
    for (let shift = 25; shift >= 0; shift -= 5) tag += BASE32[(bits >>> shift) & 31];
    return maskFiscalCode(code, { tag });
  };
}

const HELP = `codice-fiscale — calcola, valida e decodifica codici fiscali / compute, validate and decode fiscal codes

Uso / Usage:
  codice-fiscale validate [CODICE...] [--json] [--strict-place] [--show-codes] [--reference-date AAAA-MM-GG] [--quiet]
      senza codici legge un codice per riga da stdin / with no codes, reads one code per line from stdin
      su un terminale mostra l'avanzamento su stderr (--quiet o --json lo tolgono) /
      on a terminal shows its progress on stderr (--quiet or --json turn it off)
  codice-fiscale decode CODICE [--json] [--show-codes] [--reference-date AAAA-MM-GG]
  codice-fiscale compute --surname S --name N --sex M|F --birth-date AAAA-MM-GG
                         (--birth-place CODICE_BELFIORE | --birth-place NOME [--province XX]) [--json]
                         [--reference-date AAAA-MM-GG]
Opzioni comuni / common options: --lang it|en, --help, --version
Uscita / exit: 0 tutti validi / all valid, 1 qualche non valido / some invalid, 2 uso errato / usage error

validate e decode mascherano i codici, con un'etichetta che distingue codici diversi
(RSSMRA******501U#k3f9qa; chiave da CODICE_FISCALE_TAG_KEY, o nuova a ogni esecuzione);
--show-codes li mostra interi. compute stampa intero il codice calcolato.
validate and decode mask codes, tagged so that different codes differ (key from
CODICE_FISCALE_TAG_KEY, or new on every run); --show-codes prints them whole. compute prints its code whole.`;

type Lang = 'it' | 'en';

function usage(it: string, en: string): UsageError {
  return new UsageError({ it, en });
}

/** The line printed after a usage error, instead of the whole help. */
const HELP_HINT = { it: "codice-fiscale --help per l'uso", en: 'codice-fiscale --help for usage' } as const;

/** A word that could be a codice fiscale (16 characters, or 11 for a numeric code). */
const CODE_LIKE = /^(?:[A-Za-z0-9]{16}|\d{11})$/;

/** The options of every command (besides `--lang`, `--help`, `--version`). */
const OPTIONS = {
  'reference-date': { type: 'string' },
  surname: { type: 'string' },
  name: { type: 'string' },
  sex: { type: 'string' },
  'birth-date': { type: 'string' },
  'birth-place': { type: 'string' },
  province: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'strict-place': { type: 'boolean' },
  'show-codes': { type: 'boolean' },
} as const;

type Parsed = CommandLine<typeof OPTIONS>;

/** A validity period in words: `dal 17 marzo 1861 al 2 agosto 1927`, `from 1 January 1871`, `fino al …`; empty when both ends are unknown. */
function periodText(from: IsoDate | null, to: IsoDate | null, lang: Lang): string {
  if (from === null) return to === null ? '' : `${lang === 'en' ? 'until' : 'fino'} ${formatDate(to, { lang, preposition: 'to' }).replace(/^to /, '')}`;
  const start = formatDate(from, { lang, preposition: 'from' });
  return to === null ? start : `${start} ${formatDate(to, { lang, preposition: 'to' })}`;
}

function message(issue: Issue, lang: 'it' | 'en'): string {
  return `${issue.code}: ${lang === 'en' ? issue.messageEn : issue.message}`;
}

async function validateCommand(p: Parsed, io: CliIo, lang: 'it' | 'en'): Promise<number> {
  const json = p.values.json === true;
  const print = codePrinter(p.values['show-codes'] === true, io.env);
  const ref = p.values['reference-date'];
  const options = { strictPlace: p.values['strict-place'] === true, ...(ref === undefined ? {} : { referenceDate: ref }) };
  let source: Iterable<string> | AsyncIterable<string>;
  // Over stdin, a progress line on a terminal (not with --quiet or --json): the bytes read when stdin
  // is a file (its size is the total), else the codes checked. Codes given as arguments are few: none.
  let progress: Progress = createProgress({ stream: undefined, unit: 'records' });
  let countCodes = false;
  if (p.positional.length > 0) source = p.positional;
  else {
    const enabled = io.progress?.isTTY === true && p.values.quiet !== true && !json;
    const size = enabled ? await inputSize('-') : undefined;
    countCodes = size === undefined;
    progress = createProgress({
      stream: io.progress, lang, enabled, total: size, unit: countCodes ? 'records' : 'bytes',
      noun: lang === 'en' ? ['code', 'codes'] : ['codice', 'codici'],
    });
    const lines = io.stdinLines(countCodes ? undefined : progress);
    if (lines === null) throw usage('nessun codice: passarli come argomenti o su stdin', 'no codes: pass them as arguments or on stdin');
    source = lines;
  }
  // stdout may be the same terminal: every line goes on a clean one.
  const out = (text: string): void => {
    progress.clear();
    io.out(text);
  };
  try {
    return await validateAll(source, p, io, lang, out, print, options, progress, countCodes);
  } finally {
    progress.finish();
  }
}

async function validateAll(
  source: Iterable<string> | AsyncIterable<string>, p: Parsed, io: CliIo, lang: Lang, out: (text: string) => void,
  print: (code: string) => string, options: Parameters<typeof validateFiscalCode>[1], progress: Progress, countCodes: boolean,
): Promise<number> {
  const json = p.values.json === true;
  let total = 0;
  let valid = 0;
  let invalid = 0;
  let warned = 0;
  let line = 0;
  for await (const raw of source) {
    line++;
    if (raw.trim() === '' && p.positional.length === 0) continue;
    total++;
    if (countCodes) progress.update(total);
    const r = validateFiscalCode(raw, options);
    const shown = print(raw.trim().toUpperCase());
    if (r.ok) {
      valid++;
      if (r.value.warnings.length > 0) warned++;
      if (json) out(JSON.stringify({ line, code: shown, valid: true, kind: r.value.kind, omocodeLevel: r.value.omocodeLevel, warnings: r.value.warnings }));
      else {
        out(`${line}\tOK\t${shown}`);
        for (const w of r.value.warnings) out(`\t\t${lang === 'en' ? 'warning' : 'avviso'} ${message(w, lang)}`);
      }
    } else {
      invalid++;
      if (json) out(JSON.stringify({ line, code: shown, valid: false, issues: r.issues }));
      else out(`${line}\t${lang === 'en' ? 'ERROR' : 'ERRORE'}\t${shown}\t${r.issues.map((i) => message(i, lang)).join('; ')}`);
    }
  }
  const summary = lang === 'en'
    ? `${countOf(total, 'code', 'codes')}: ${valid} valid (${warned} with warnings), ${invalid} invalid`
    : `${countOf(total, 'codice', 'codici')}: ${countOf(valid, 'valido', 'validi')} (${warned} con avvisi), ${countOf(invalid, 'non valido', 'non validi')}`;
  progress.finish(); // the summary starts on a clean line
  if (json) io.err(summary);
  else io.out(summary);
  return invalid > 0 ? 1 : 0;
}

function decodeCommand(p: Parsed, io: CliIo, lang: Lang): number {
  if (p.positional.length !== 1) throw usage('decode vuole un codice', 'decode takes one code');
  const print = codePrinter(p.values['show-codes'] === true, io.env);
  const ref = p.values['reference-date'];
  const d = decodeFiscalCode(p.positional[0] as string, ref === undefined ? {} : { referenceDate: ref });
  const code = print(d.code);
  const canonical = print(d.canonical);
  if (p.values.json === true) io.out(JSON.stringify({ ...d, code, canonical }, null, 2));
  else {
    const place = d.birthPlace;
    const en = lang === 'en';
    const label = (it: string, english: string): string => `${en ? english : it}:`.padEnd(17);
    io.out(`${label('codice', 'code')}${code}`);
    io.out(`${label('sesso', 'sex')}${d.sex}`);
    const date = (day: IsoDate): string => formatDate(day, { lang });
    io.out(`${label('data di nascita', 'born')}${d.birthDate === null ? '?' : date(d.birthDate)}${d.birthDateCandidates.length > 1 ? `  (${en ? 'candidates' : 'candidate'}: ${d.birthDateCandidates.map(date).join(', ')})` : ''}`);
    const period = place === null ? '' : periodText(place.validFrom, place.validTo, lang);
    io.out(`${label('luogo', 'place')}${place === null ? '?' : `${place.name} (${place.province ?? place.countryCode ?? ''}) ${place.code}, ${en ? (place.kind === 'comune' ? 'municipality' : 'foreign state') : place.kind}${period === '' ? '' : `, ${period}`}`}${d.birthPlaceValidOnDate ? '' : en ? '  [not valid on that date]' : '  [non valido alla data]'}`);
    io.out(`${label('omocodia', 'omocode level')}${d.omocodeLevel}${d.omocodeLevel > 0 ? `  (base ${canonical})` : ''}`);
  }
  return 0;
}

function computeCommand(p: Parsed, io: CliIo): number {
  const place = p.values['birth-place'];
  if (place === undefined) throw usage('manca --birth-place', 'missing --birth-place');
  const sex = p.values.sex;
  if (sex !== undefined && !/^[MF]$/i.test(sex.trim())) throw usage(`--sex: M o F, non ${JSON.stringify(sex.slice(0, 20))}`, `--sex: M or F, not ${JSON.stringify(sex.slice(0, 20))}`);
  const province = p.values.province;
  const birthPlace = /^[A-Za-z]\d{3}$/.test(place.trim()) ? place : province === undefined ? { name: place } : { name: place, province };
  const person = {
    surname: p.values.surname,
    name: p.values.name,
    sex: sex?.trim().toUpperCase(),
    birthDate: p.values['birth-date'],
    birthPlace,
  } as unknown as PersonData;
  const ref = p.values['reference-date'];
  const code = computeFiscalCode(person, ref === undefined ? {} : { referenceDate: ref });
  io.out(p.values.json === true ? JSON.stringify({ code }) : code);
  return 0;
}

/**
 * Runs the CLI with arguments (without `node` and the script) and returns the exit code.
 * @internal
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let lang: Lang = langOfArgv(argv);
  try {
    const p = parseCommandLine(argv, OPTIONS);
    const common = handleCommonOptions(p, io.out, { version: VERSION, help: HELP });
    lang = common.lang;
    if (common.exitCode !== null) return common.exitCode;
    switch (p.command) {
      case 'validate':
        return await validateCommand(p, io, lang);
      case 'decode':
        return decodeCommand(p, io, lang);
      case 'compute':
        return computeCommand(p, io);
      default:
        // someone typing `codice-fiscale RSSMRA80A01H501U` must not see the code echoed whole
        if (p.command === undefined) return 2; // handleCommonOptions printed the help
        {
          const shown = CODE_LIKE.test(p.command) ? codePrinter(false, io.env)(p.command.toUpperCase()) : p.command.slice(0, 40);
          throw usage(`comando sconosciuto: ${shown} (comandi: validate, decode, compute)`, `unknown command: ${shown} (commands: validate, decode, compute)`);
        }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`codice-fiscale: ${usageText(e, lang)}`);
      io.err(HELP_HINT[lang]);
      return 2;
    }
    if (e instanceof FiscalCodeError) {
      for (const issue of e.issues) io.err(message(issue, lang));
      return e.code === 'cf.option' || e.code === 'cf.line_length' ? 2 : 1;
    }
    io.err(`errore imprevisto / unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

/**
 * Longest line read from standard input, in characters. A line holds one code (16 characters, or
 * 11 digits) with some spacing; 4096 is far above that and keeps memory bounded whatever is piped
 * in (a 256 MB line without newlines once crashed the command with "Invalid array length").
 */
export const MAX_LINE_LENGTH = 4096;

/**
 * The lines of a stream (`\n` or `\r\n`), decoded as UTF-8; throws `cf.line_length` as soon as a
 * line grows past `maxLength` characters, holding at most one line and one chunk in memory.
 * @internal
 */
export async function* readLinesCapped(input: AsyncIterable<string | Uint8Array>, maxLength = MAX_LINE_LENGTH): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  let line = 0;
  const tooLong = (): never => throwIssue('cf.line_length', { line: line + 1, max: maxLength });
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (pending.length + nl - start > maxLength + 1) tooLong();
      const full = pending + text.slice(start, nl);
      pending = '';
      start = nl + 1;
      const l = full.endsWith('\r') ? full.slice(0, -1) : full;
      if (l.length > maxLength) tooLong();
      line++;
      yield l;
    }
    if (pending.length + text.length - start > maxLength + 1) tooLong();
    pending += text.slice(start);
  }
  pending += decoder.decode();
  if (pending.endsWith('\r')) pending = pending.slice(0, -1);
  if (pending.length > maxLength) tooLong();
  if (pending !== '') yield pending;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/**
 * Entry point of the `codice-fiscale` binary.
 * @internal
 */
export async function main(): Promise<void> {
  // A reader that closes early (`| head -1`): stop quietly, keeping the exit code set so far.
  exitQuietlyOnEpipe(process.stdout, () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0));
  const io: CliIo = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    stdinLines: (progress) => (process.stdin.isTTY ? null : readLinesCapped(progress === undefined ? process.stdin : trackBytes(process.stdin as AsyncIterable<Buffer>, progress))),
    progress: process.stderr,
    env: process.env,
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
