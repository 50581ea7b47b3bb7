// SPDX-License-Identifier: BSD-3-Clause
/**
 * The `siuss` command: validate SIUSS flows of any size (streamed), convert them to and from JSON,
 * split an upload flow into cooperazione flows. Exit codes: 0 no errors, 1 errors (invalid flow),
 * 2 usage error or unreadable file. Diagnostics never show a whole codice fiscale.
 * @module
 */
import { mkdir, mkdtemp, open, opendir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { maskFiscalCode, todayInItaly, type Issue, type IssuePath } from '@riuso-sociale/core';
import { countOf, handleCommonOptions, langOfArgv, parseCommandLine, UsageError, usageText, exitQuietlyOnEpipe, type CommandLine } from '@riuso-sociale/core/cli';
import { createProgress, inputSize, trackBytes, type Progress, type ProgressOptions, type ProgressStream } from '@riuso-sociale/core/cli';
import { buildFlow } from './build.js';
import { SiussError, throwIssues } from './errors.js';
import type { RawElement } from './internal/engine.js';
import { siussIssue } from './internal/messages.js';
import type { FlowKind, SiussFlow } from './model.js';
import { splitForCooperazione } from './split.js';
import { readFlowEvents, type FlowStreamEvent, type FlowStreamOptions } from './stream.js';
import { availableJobs, readFlowEventsInPieces } from './parallel.js';

/** Where the CLI writes and reads; injectable for tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  /**
   * Writes text to standard output as it is (no line end added), resolving when the stream can take
   * more (backpressure): for long outputs (to-json of a large flow). Absent: `out` is used.
   */
  readonly write?: (text: string) => Promise<void>;
  readonly err: (text: string) => void;
  /** Standard input as chunks, for the file name `-` (absent: `-` is a usage error). */
  readonly stdin?: () => AsyncIterable<Uint8Array | string>;
  /**
   * Where validate, to-json and split-cooperazione show their progress line: standard error, used
   * only when it is a terminal (absent: no progress).
   */
  readonly progress?: ProgressStream;
}

const HELP = `siuss — valida e converte flussi SIUSS (PS-PSA-SINA, SINBA) per l'INPS / validate and convert SIUSS flows for INPS

Uso / Usage:
  siuss validate FILE... [--json] [--strict] [--mode upload|cooperazione] [--max-issues N] [--xsd-only] [--jobs N] [--quiet]
      XSD ufficiale (errori) e regole di business INPS (avvisi), in streaming: file di qualsiasi dimensione.
      Official XSD (errors) and INPS business rules (warnings), streamed: files of any size. FILE "-" = stdin.
      --strict       gli avvisi contano come errori / warnings count as errors
      --mode         upload (predefinito/default) | cooperazione (1 beneficiario e 1 prestazione per flusso)
      --max-issues   segnalazioni mostrate per file, per tipo (predefinito 1000) / findings shown per file and kind
      --json         un oggetto JSON per file / one JSON object per file
      --xsd-only     solo l'XSD, senza regole di business (più veloce) / only the XSD, no business rules (faster)
      --jobs N       thread di validazione (predefinito: i core disponibili, per file da 256 MiB; 1 = un solo thread);
                     stesse segnalazioni / validation threads (default: the available cores, for files from 256 MiB;
                     1 = one thread); the same findings
  siuss to-json FILE.xml [--out FILE.json] [--mask-cf] [--quiet]
      flusso valido → JSON (tipi e nomi dell'XSD); --mask-cf maschera i codici fiscali nei dati
  siuss from-json FILE.json [--out FILE.xml]
      JSON → XML conforme all'XSD (mai un file non valido / never an invalid file)
  siuss split-cooperazione FILE.xml --out DIR [--start N] [--date AAAA-MM-GG] [--force] [--quiet]
      un flusso per beneficiario e prestazione (SINBA: per scheda), file chiamati col Nome del flusso
      (CodiceEnte.TIPO.AAAAMMGG.progressivo; --start primo progressivo, predefinito 1; --date data di invio,
      predefinita oggi in Italia). Cartella non vuota rifiutata senza --force.
      One flow per beneficiary and benefit (SINBA: per record), files named after the flow's Nome; --start first
      progressive (default 1); --date sending date (default: today in Italy). A non-empty DIR is refused without --force.
Su un terminale validate, to-json e split-cooperazione mostrano l'avanzamento su stderr (letti, totale, velocità,
tempo rimanente); --quiet o --json lo tolgono, e non compare mai se stderr non è un terminale.
On a terminal validate, to-json and split-cooperazione show their progress on stderr (read, total, rate, time left);
--quiet or --json turn it off, and it never appears when stderr is not a terminal.
Opzioni comuni / common options: --lang it|en, --help, --version
Uscita / exit: 0 nessun errore / no errors, 1 errori / errors, 2 uso errato o file illeggibile / usage error or unreadable file

I codici fiscali nei messaggi sono mascherati (RSSMRA******501U) / codici fiscali in messages are masked.`;

/**
 * Without `--jobs`, a file is validated on several threads only from this size. Measured with
 * `npm run bench` on a 2-core machine: on a 100 MB flow two threads were slower than one (the
 * second thread's start and warm-up, ~0.5 s of CPU, cost more than it saved), on 1 GB faster.
 * With `--jobs N` the file is cut from two pieces (4 MiB) up.
 */
const DEFAULT_PARALLEL_BYTES = 256 * 1024 * 1024;

/** A file that cannot be read or written (exit 2). */
class IoError extends Error {}

type Lang = 'it' | 'en';

function usage(it: string, en: string): UsageError {
  return new UsageError({ it, en });
}

/** The line printed after a usage error, instead of the whole help. */
const HELP_HINT = { it: "siuss --help per l'uso", en: 'siuss --help for usage' } as const;

/** The options of all commands (besides `--lang`, `--help`, `--version`); {@link COMMAND_FLAGS} says which command takes which. */
const OPTIONS = {
  mode: { type: 'string' },
  'max-issues': { type: 'string' },
  quiet: { type: 'boolean' },
  out: { type: 'string' },
  start: { type: 'string' },
  date: { type: 'string' },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  'xsd-only': { type: 'boolean' },
  force: { type: 'boolean' },
  'mask-cf': { type: 'boolean' },
  jobs: { type: 'string' },
} as const;

type Parsed = CommandLine<typeof OPTIONS>;

/** Only these flags are accepted by each command. */
const COMMAND_FLAGS: Record<string, readonly string[]> = {
  validate: ['--json', '--strict', '--mode', '--max-issues', '--xsd-only', '--jobs', '--quiet'],
  'to-json': ['--out', '--mask-cf', '--quiet'],
  'from-json': ['--out'],
  'split-cooperazione': ['--out', '--start', '--date', '--force', '--quiet'],
};

/** Anything shaped like a codice fiscale (omocodic letters included), for a last masking pass. */
const CF_LIKE = /\b[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]\b/g;

/** Masks every codice fiscale in a diagnostic line (the messages already do; this is a safety net). */
function safe(text: string): string {
  return text.replace(CF_LIKE, (cf) => maskFiscalCode(cf));
}

/** `['Beneficiario', 0, 'PrestazioniSociali', 1, '@ImportoMensile']` → `Beneficiario[1]/PrestazioniSociali[2]/@ImportoMensile` (XPath, 1-based). */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p + 1}]`;
    else out += `${out === '' ? '' : '/'}${p}`;
  }
  return out;
}

function issueLine(issue: Issue): number | null {
  const p = issue.params as Record<string, unknown>;
  const line = typeof p.line === 'number' ? p.line : typeof p.recordLine === 'number' ? p.recordLine : null;
  return line;
}

function describe(file: string, issue: Issue, lang: 'it' | 'en', withLine = true): string {
  const line = withLine ? issueLine(issue) : null;
  const severity = issue.severity === 'error' ? (lang === 'en' ? 'error' : 'errore') : lang === 'en' ? 'warning' : 'avviso';
  const path = formatPath(issue.path);
  return safe(`${file}${line === null ? '' : `:${line}`}: ${severity} ${issue.code}${path === '' ? '' : ` ${path}`} — ${lang === 'en' ? issue.messageEn : issue.message}`);
}

/**
 * A file read in chunks of 1 MiB into one reused buffer. (`fs.createReadStream` allocates a new
 * buffer per chunk, held outside the JavaScript heap until a full garbage collection: on a 100 MB
 * file that alone took the peak RSS from ~80 to ~150 MB.) Reusing the buffer is safe here because
 * the consumer decodes a chunk completely before it asks for the next one.
 */
async function* fileChunks(file: string): AsyncGenerator<Uint8Array, void, undefined> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** A file (or stdin for `-`) as chunks. */
function openSource(file: string, io: CliIo): AsyncIterable<Uint8Array | string> {
  if (file === '-') {
    if (io.stdin === undefined) throw usage('stdin non disponibile', 'stdin not available');
    return io.stdin();
  }
  return fileChunks(file);
}

/**
 * The progress line of a long command on `io.progress`: off with `--quiet` or `--json`, and (in
 * `createProgress`) whenever stderr is not a terminal. With `file`, the input's size is the total
 * (a regular file, or stdin redirected from one).
 */
async function startProgress(io: CliIo, p: Parsed, lang: Lang, options: Omit<ProgressOptions, 'stream' | 'lang' | 'enabled'>, file?: string): Promise<Progress> {
  const enabled = io.progress?.isTTY === true && p.values.quiet !== true && p.values.json !== true;
  const total = enabled && file !== undefined ? await inputSize(file) : options.total;
  return createProgress({ ...options, stream: io.progress, lang, enabled, total });
}

function ioMessage(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

interface FileReport {
  file: string;
  kind: FlowKind | null;
  records: number;
  valid: boolean;
  errorCount: number;
  warningCount: number;
  truncated: boolean;
  errors: Issue[];
  warnings: Issue[];
}

async function validateOne(
  file: string, io: CliIo, options: FlowStreamOptions, strict: boolean, max: number, json: boolean, lang: 'it' | 'en', progress: Progress, jobs: number, minBytes: number,
): Promise<FileReport> {
  const report: FileReport = { file, kind: null, records: 0, valid: true, errorCount: 0, warningCount: 0, truncated: false, errors: [], warnings: [] };
  const add = (issue0: Issue): void => {
    const issue: Issue = strict && issue0.severity !== 'error' ? { ...issue0, severity: 'error' } : issue0;
    const isError = issue.severity === 'error';
    const list = isError ? report.errors : report.warnings;
    if (isError) report.errorCount++;
    else report.warningCount++;
    if (list.length < max) {
      list.push(issue);
      if (!json) {
        progress.clear(); // stdout may be the same terminal: the finding goes on a clean line
        io.out(describe(file, issue, lang));
      }
    } else report.truncated = true;
  };
  // Records are not needed here, only findings: without rules, they are not even built. The
  // progress counts the bytes as they are read (1 MiB at a time from a file). A file (not stdin)
  // is validated in pieces on `jobs` threads, with the same findings; when it has to be read
  // again single-threaded (see parallel.ts), the progress starts over.
  const events = file === '-' || jobs < 2
    ? readFlowEvents(trackBytes(openSource(file, io), progress), options, false, false)
    : readFlowEventsInPieces(file, () => {
      progress.update(0);
      return trackBytes(fileChunks(file), progress);
    }, options, false, { jobs, minBytes, onBytes: (n) => progress.add(n) });
  for await (const event of events as AsyncGenerator<FlowStreamEvent>) {
    if (event.type === 'end') {
      report.kind = event.kind;
      report.records = event.records;
      event.errors.forEach(add);
      event.warnings.forEach(add);
    } else {
      event.issues.forEach(add);
      event.warnings.forEach(add);
    }
  }
  report.valid = report.errorCount === 0;
  return report;
}

async function validateCommand(p: Parsed, io: CliIo, lang: 'it' | 'en'): Promise<number> {
  if (p.positional.length === 0) throw usage('nessun file', 'no file');
  const mode = p.values.mode ?? 'upload';
  if (mode !== 'upload' && mode !== 'cooperazione') throw usage('--mode upload|cooperazione', '--mode upload|cooperazione');
  const maxText = p.values['max-issues'] ?? '1000';
  if (!/^[0-9]{1,9}$/.test(maxText)) throw usage('--max-issues: un intero ≥ 0', '--max-issues: an integer ≥ 0');
  const max = Number(maxText);
  const json = p.values.json === true;
  const strict = p.values.strict === true;
  const jobsText = p.values.jobs;
  if (jobsText !== undefined && !/^[1-9][0-9]{0,2}$/.test(jobsText)) throw usage('--jobs: un intero da 1 a 999', '--jobs: an integer from 1 to 999');
  const jobs = jobsText === undefined ? availableJobs() : Number(jobsText);
  // Without --jobs, files under DEFAULT_PARALLEL_BYTES are validated single-threaded (see there).
  const minBytes = jobsText === undefined ? DEFAULT_PARALLEL_BYTES : 0;
  let exit = 0;
  for (const file of p.positional) {
    let report: FileReport;
    const progress = await startProgress(io, p, lang, { unit: 'bytes', label: file }, file);
    try {
      report = await validateOne(file, io, { mode, rules: p.values['xsd-only'] !== true }, strict, max, json, lang, progress, jobs, minBytes);
    } catch (e) {
      progress.finish();
      // Only I/O errors (they carry a system error code) mean "unreadable"; anything else is a bug.
      if (typeof (e as { code?: unknown }).code !== 'string') throw e;
      io.err(safe(`${file}: ${lang === 'en' ? 'cannot read the file' : 'file non leggibile'} (${ioMessage(e)})`));
      exit = 2;
      continue;
    }
    progress.finish();
    if (!report.valid) exit = Math.max(exit, 1);
    if (json) {
      io.out(safe(JSON.stringify(report)));
      continue;
    }
    const shown = report.truncated
      ? lang === 'en'
        ? max === 1 ? ' (only the first of each kind shown)' : ` (only the first ${max} of each kind shown)`
        : max === 1 ? ' (mostrata solo la prima per tipo)' : ` (mostrate solo le prime ${max} per tipo)`
      : '';
    io.out(safe(lang === 'en'
      ? `${file}: ${report.kind ?? 'not a SIUSS flow'}, ${countOf(report.records, 'record', 'records')}, ${countOf(report.errorCount, 'error', 'errors')}, ${countOf(report.warningCount, 'warning', 'warnings')}${shown} — ${report.valid ? 'VALID' : 'INVALID'}`
      : `${file}: ${report.kind ?? 'non è un flusso SIUSS'}, ${report.records} record, ${countOf(report.errorCount, 'errore', 'errori')}, ${countOf(report.warningCount, 'avviso', 'avvisi')}${shown} — ${report.valid ? 'VALIDO' : 'NON VALIDO'}`));
  }
  return exit;
}

/**
 * Writes a file atomically: a temporary file beside it, then a rename (readers never see a partial
 * file; a crash leaves at most the temporary file).
 */
async function writeAtomically(path: string, data: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new IoError(`${path}: ${ioMessage(e)}`);
  }
}

async function readInput(file: string, io: CliIo): Promise<Uint8Array> {
  try {
    if (file === '-') {
      if (io.stdin === undefined) throw usage('stdin non disponibile', 'stdin not available');
      const parts: Uint8Array[] = [];
      for await (const c of io.stdin()) parts.push(typeof c === 'string' ? new TextEncoder().encode(c) : c);
      return Buffer.concat(parts);
    }
    return await readFile(file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new IoError(`${file}: ${ioMessage(e)}`);
  }
}

/** As many findings as `parseFlow` lists before `siuss.xsd.too_many_errors` (its engine's limit). */
const MAX_PARSE_ISSUES = 1000;

/** What {@link readRecordsStreamed} hands over, one call per event, in document order. */
interface RecordSink {
  /** The envelope and the flow's kind (`null`: no record), before the first record. */
  envelope(kind: FlowKind | null, envelope: RawElement): Promise<void> | void;
  /** One record (index 0-based) that the XSD accepts, as long as no XSD error has been found. */
  record(kind: FlowKind, index: number, record: RawElement): Promise<void> | void;
}

/**
 * A flow read record by record from a file or stdin (bounded memory whatever its size), with the
 * outcome of `parseFlow`: records go to `sink` while the XSD has found nothing wrong (after the
 * first error they are only checked); at the end a SiussError with the fatal error first, then the
 * findings in document order, at most {@link MAX_PARSE_ISSUES} of them and then
 * `siuss.xsd.too_many_errors`, when the XSD does not accept the flow. The progress line follows the
 * bytes as they are read.
 */
async function readRecordsStreamed(file: string, io: CliIo, progress: Progress, sink: RecordSink): Promise<void> {
  const issues: Issue[] = [];
  let seen = 0;
  let errors = 0;
  const add = (issue: Issue): void => {
    if (issue.severity === 'error') errors++;
    seen++;
    if (seen <= MAX_PARSE_ISSUES) issues.push(issue);
    else if (seen === MAX_PARSE_ISSUES + 1) issues.push(siussIssue('siuss.xsd.too_many_errors', { limit: MAX_PARSE_ISSUES }, { path: [] }));
  };
  let fatal: Issue | null = null;
  let envelopeGiven = false;
  const source = trackBytes(openSource(file, io), progress);
  try {
    // inline: the findings outside records come where they occur, and the end event carries only the fatal error.
    for await (const event of readFlowEvents(source, { rules: false }, true)) {
      if (event.type === 'envelope') {
        event.issues.forEach(add);
        if (errors === 0) {
          envelopeGiven = true;
          await sink.envelope(event.kind, event.envelope as unknown as RawElement);
        }
      } else if (event.type === 'record') {
        event.issues.forEach(add);
        if (errors === 0 && envelopeGiven) await sink.record(event.kind, event.index, event.record as unknown as RawElement);
      } else if (event.type === 'issue') add(event.issue);
      else fatal = event.errors[0] ?? null;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof SiussError || e instanceof IoError || typeof (e as { code?: unknown }).code !== 'string') throw e;
    throw new IoError(`${file}: ${ioMessage(e)}`);
  }
  if (fatal !== null) throwIssues([fatal, ...issues]);
  const found = issues.filter((i) => i.severity === 'error');
  if (found.length > 0) throwIssues(found);
}

/**
 * A file written in steps beside its destination (`out`), or in the temporary folder for standard
 * output, and put in place only by `commit`: a reader never sees a partial file, an invalid flow
 * leaves nothing behind.
 */
async function stagedOutput(out: string | undefined): Promise<{ write(text: string): Promise<void>; commit(io: CliIo): Promise<void>; discard(): Promise<void> }> {
  const dir = out === undefined ? await mkdtemp(join(tmpdir(), 'siuss-')) : null;
  const path = out === undefined ? join(dir as string, 'out.json') : join(dirname(out), `.${basename(out)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (e) {
    if (dir !== null) await rm(dir, { recursive: true, force: true });
    throw new IoError(`${out ?? path}: ${ioMessage(e)}`);
  }
  const h = handle;
  const discard = async (): Promise<void> => {
    await h.close().catch(() => undefined);
    await rm(dir ?? path, { recursive: true, force: true });
  };
  return {
    async write(text) {
      try {
        await h.write(text);
      } catch (e) {
        throw new IoError(`${out ?? path}: ${ioMessage(e)}`);
      }
    },
    async commit(io) {
      await h.close();
      if (out !== undefined) {
        try {
          await rename(path, out);
        } catch (e) {
          await rm(path, { force: true });
          throw new IoError(`${out}: ${ioMessage(e)}`);
        }
        return;
      }
      // Standard output: the staged text, a few lines at a time (io.out ends each call with a line end).
      try {
        const input = await open(path, 'r');
        try {
          const buffer = Buffer.allocUnsafe(1 << 20);
          if (io.write !== undefined) {
            // Bytes as they are: the staged text is UTF-8 and ends with a line end.
            const decoder = new TextDecoder();
            for (;;) {
              const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
              const text = decoder.decode(buffer.subarray(0, bytesRead), { stream: bytesRead > 0 });
              if (text !== '') await io.write(text);
              if (bytesRead === 0) return;
            }
          }
          const decoder = new TextDecoder();
          let rest = '';
          for (;;) {
            const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
            const text = rest + decoder.decode(buffer.subarray(0, bytesRead), { stream: bytesRead > 0 });
            const cut = bytesRead === 0 ? text.length : text.lastIndexOf('\n');
            if (cut > 0) io.out(text.slice(0, cut).replace(/\n$/, ''));
            rest = text.slice(cut === -1 ? 0 : cut + 1);
            if (bytesRead === 0) break;
          }
        } finally {
          await input.close();
        }
      } finally {
        await rm(dir as string, { recursive: true, force: true });
      }
    },
    discard,
  };
}

async function output(p: Parsed, io: CliIo, data: string): Promise<void> {
  const out = p.values.out;
  if (out === undefined) io.out(data.endsWith('\n') ? data.slice(0, -1) : data);
  else await writeAtomically(out, data);
}

function maskData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskData);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = (k === 'CodiceFiscale' || k === 'CFOperatore') && typeof v === 'string' ? maskFiscalCode(v) : maskData(v);
  return out;
}

/** `JSON.stringify(value, null, 2)` with every line after the first indented by `pad`. */
function jsonAt(value: unknown, pad: string): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${pad}`);
}

/**
 * `parseFlow` as JSON (`JSON.stringify(flow, null, 2)`, the same text), written record by record:
 * a 1 GB flow in bounded memory. The output is staged and put in place only when the whole flow
 * has been read and the XSD accepts it.
 */
async function toJsonCommand(p: Parsed, io: CliIo, lang: Lang): Promise<number> {
  if (p.positional.length !== 1) throw usage('to-json vuole un file', 'to-json takes one file');
  const file = p.positional[0] as string;
  const mask = p.values['mask-cf'] === true;
  const progress = await startProgress(io, p, lang, { unit: 'bytes', label: file }, file);
  const staged = await stagedOutput(p.values.out);
  let records = 0;
  let kind: FlowKind | null = null;
  try {
    await readRecordsStreamed(file, io, progress, {
      async envelope(k, envelope) {
        kind = k;
        await staged.write(`{\n  "kind": ${JSON.stringify(k)},\n  "IdentificazioneFlusso": ${jsonAt(mask ? maskData(envelope) : envelope, '  ')}`);
      },
      async record(k, _index, record) {
        await staged.write(`${records === 0 ? `,\n  "${k === 'SINBA' ? 'SINBA' : 'Beneficiario'}": [\n    ` : ',\n    '}${jsonAt(mask ? maskData(record) : record, '    ')}`);
        records++;
      },
    });
    // A flow the XSD accepts has at least one record.
    if (kind === null || records === 0) throw new Error('to-json: a valid flow without records');
    await staged.write('\n  ]\n}\n');
  } catch (e) {
    progress.finish();
    await staged.discard();
    throw e;
  }
  progress.finish();
  await staged.commit(io);
  return 0;
}

async function fromJsonCommand(p: Parsed, io: CliIo, lang: 'it' | 'en'): Promise<number> {
  if (p.positional.length !== 1) throw usage('from-json vuole un file', 'from-json takes one file');
  const file = p.positional[0] as string;
  const text = new TextDecoder().decode(await readInput(file, io));
  let flow: unknown;
  try {
    flow = JSON.parse(text);
  } catch (e) {
    // Never echo the parser's message: it quotes the input (names, codici fiscali).
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    io.err(`${file}: ${lang === 'en' ? 'invalid JSON' : 'JSON non valido'}${at === undefined ? '' : ` (${lang === 'en' ? 'at character' : 'al carattere'} ${at})`}`);
    return 1;
  }
  await output(p, io, buildFlow(flow as SiussFlow));
  return 0;
}


/** A flow name usable as a file name (no path separators, no leading dot). */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

async function splitCommand(p: Parsed, io: CliIo, lang: 'it' | 'en'): Promise<number> {
  if (p.positional.length !== 1) throw usage('split-cooperazione vuole un file', 'split-cooperazione takes one file');
  const outDir = p.values.out;
  if (outDir === undefined) throw usage('manca --out DIR', 'missing --out DIR');
  const startText = p.values.start ?? '1';
  if (!/^[0-9]{1,7}$/.test(startText) || Number(startText) < 1) throw usage('--start: un intero ≥ 1', '--start: an integer ≥ 1');
  const date = p.values.date;
  if (date !== undefined && !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date)) throw usage('--date AAAA-MM-GG', '--date YYYY-MM-DD');
  // Refuse a non-empty directory before any work (unless --force).
  let existing: string[] | null = null;
  try {
    if (!(await stat(outDir)).isDirectory()) throw usage(`${outDir}: non è una cartella`, `${outDir}: not a directory`);
    existing = await readdir(outDir);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if ((e as { code?: unknown }).code !== 'ENOENT') throw new IoError(`${outDir}: ${ioMessage(e)}`);
  }
  if (existing !== null && existing.length > 0 && p.values.force !== true) {
    throw usage(`${outDir}: cartella non vuota (--force per scriverci comunque)`, `${outDir}: directory not empty (use --force to write into it)`);
  }
  const file = p.positional[0] as string;
  const startProgressivo = Number(startText);
  // The date of sending that goes into a flow name: today in Italy, whatever the machine's time zone.
  const day = date ?? todayInItaly();
  // Record by record (a 1 GB flow in bounded memory): each record is split and its flows built (so
  // checked against the XSD) and written into a staging folder inside DIR; only when the whole flow
  // has been read, the XSD accepts it and every new flow is valid are the files moved into DIR.
  // Otherwise nothing is left in DIR: the same outcome as splitting the parsed flow at once
  // (splitForCooperazione), whose findings these are (paths of the original flow, params.part).
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw new IoError(`${outDir}: ${ioMessage(e)}`);
  }
  const staging = join(outDir, `.siuss-split-${process.pid}-${Date.now().toString(36)}`);
  try {
    await mkdir(staging);
  } catch (e) {
    throw new IoError(`${outDir}: ${ioMessage(e)}`);
  }
  const progress = await startProgress(io, p, lang, { unit: 'bytes', label: file }, file);
  let written = 0;
  const splitIssues: Issue[] = [];
  const seen = new Set<string>();
  let part = 0;
  let envelope: RawElement = {};
  let moved = false;
  try {
    await readRecordsStreamed(file, io, progress, {
      envelope(_kind, env) {
        envelope = env;
      },
      async record(kind, index, record) {
        const one = (kind === 'SINBA'
          ? { kind, IdentificazioneFlusso: envelope, SINBA: [record] }
          : { kind, IdentificazioneFlusso: envelope, Beneficiario: [record] }) as unknown as SiussFlow;
        const split = splitForCooperazione(one, { startProgressivo: startProgressivo + part, date: day });
        const parts = kind === 'SINBA' ? 1 : Array.isArray(record.PrestazioniSociali) ? record.PrestazioniSociali.length : 0;
        if (!split.ok) {
          for (const issue of split.issues) {
            // This record is number `index` of the flow, its new flows number `part` onwards.
            const path = issue.path.length >= 2 && (issue.path[0] === 'Beneficiario' || issue.path[0] === 'SINBA') ? [issue.path[0], index, ...issue.path.slice(2)] : issue.path;
            const params = typeof issue.params.part === 'number' ? { ...issue.params, part: issue.params.part + part } : issue.params;
            const key = `${issue.code}|${JSON.stringify(path)}|${issue.message}`;
            if (seen.has(key) || issue.code === 'siuss.split.empty') continue;
            seen.add(key);
            splitIssues.push({ ...issue, path, params });
          }
          part += parts;
          return;
        }
        part += split.value.length;
        if (splitIssues.length > 0) return; // checked only: nothing more will be written
        for (const f of split.value) {
          const nome = (f.IdentificazioneFlusso as unknown as RawElement).Nome;
          if (typeof nome !== 'string' || !SAFE_NAME.test(nome)) {
            throw new IoError(`${lang === 'en' ? 'flow name not usable as a file name' : 'nome di flusso non usabile come nome di file'}: ${String(nome).slice(0, 60)}`);
          }
          await writeAtomically(join(staging, `${nome}.xml`), buildFlow(f));
          written++;
        }
      },
    });
    if (splitIssues.length > 0) throw new SiussError(splitIssues as [Issue, ...Issue[]]);
    if (part === 0) {
      const r = splitForCooperazione({ kind: 'PS_PSA_SINA', IdentificazioneFlusso: envelope, Beneficiario: [] } as unknown as SiussFlow, { startProgressivo, date: day });
      if (!r.ok) throw new SiussError(r.issues);
    }
    progress.finish();
    const noun = lang === 'en' ? (['flow', 'flows'] as const) : (['flusso', 'flussi'] as const);
    const writing = await startProgress(io, p, lang, { unit: 'records', noun, total: written, label: `${outDir} (${lang === 'en' ? 'writing' : 'scrittura'})` });
    try {
      // In batches read from the staging folder (no list of every name in memory: a 1 GB flow
      // makes more than a million files), each batch moved before the folder is read again.
      let done = 0;
      for (;;) {
        const batch: string[] = [];
        const folder = await opendir(staging);
        try {
          for await (const entry of folder) {
            if (entry.isFile() && entry.name.endsWith('.xml') && !entry.name.startsWith('.')) batch.push(entry.name);
            if (batch.length === 10_000) break;
          }
        } finally {
          await folder.close().catch(() => undefined);
        }
        if (batch.length === 0) break;
        for (const name of batch) {
          await rename(join(staging, name), join(outDir, name));
          writing.update(++done);
        }
      }
    } finally {
      writing.finish();
    }
    moved = true;
  } catch (e) {
    if (e instanceof IoError || e instanceof SiussError || e instanceof UsageError) throw e;
    if (typeof (e as { code?: unknown }).code === 'string') throw new IoError(`${outDir}: ${ioMessage(e)}`);
    throw e;
  } finally {
    progress.finish();
    await rm(staging, { recursive: true, force: true });
    // A DIR this command created and left empty goes too.
    if (!moved && existing === null) await rm(outDir, { recursive: true, force: true }).catch(() => undefined);
  }
  io.out(lang === 'en'
    ? `${written} ${written === 1 ? 'flow' : 'flows'} written to ${outDir}`
    : `${written} ${written === 1 ? 'flusso scritto' : 'flussi scritti'} in ${outDir}`);
  return 0;
}

/**
 * Runs the CLI with arguments (without `node` and the script) and returns the exit code.
 * @internal
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let lang: Lang = langOfArgv(argv);
  let p: Parsed | undefined;
  try {
    p = parseCommandLine(argv, OPTIONS);
    const common = handleCommonOptions(p, io.out, { version: VERSION, help: HELP });
    lang = common.lang;
    if (common.exitCode !== null || p.command === undefined) return common.exitCode ?? 2;
    const allowed = COMMAND_FLAGS[p.command];
    if (allowed === undefined) throw usage(
      `comando sconosciuto: ${p.command.slice(0, 40)} (comandi: validate, to-json, from-json, split-cooperazione)`,
      `unknown command: ${p.command.slice(0, 40)} (commands: validate, to-json, from-json, split-cooperazione)`,
    );
    for (const f of p.given) {
      if (f !== '--lang' && !allowed.includes(f)) throw usage(`${f}: non valida per ${p.command}`, `${f}: not valid for ${p.command}`);
    }
    switch (p.command) {
      case 'validate':
        return await validateCommand(p, io, lang);
      case 'to-json':
        return await toJsonCommand(p, io, lang);
      case 'from-json':
        return await fromJsonCommand(p, io, lang);
      default:
        return await splitCommand(p, io, lang);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(safe(`siuss: ${usageText(e, lang)}`));
      io.err(HELP_HINT[lang]);
      return 2;
    }
    if (e instanceof IoError) {
      io.err(safe(`${lang === 'en' ? 'cannot read or write' : 'lettura o scrittura impossibile'}: ${e.message}`));
      return 2;
    }
    if (e instanceof SiussError) {
      // from-json: lines would be those of the XML being built, not of the user's JSON.
      const file = p?.positional[0] ?? '';
      for (const issue of e.issues) io.err(describe(file, issue, lang, p?.command !== 'from-json'));
      return 1;
    }
    io.err(safe(`errore imprevisto / unexpected error: ${e instanceof Error ? e.message : String(e)}`));
    return 2;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/**
 * Entry point of the `siuss` binary.
 * @internal
 */
export async function main(): Promise<void> {
  // A reader that closes early (`| head -1`): stop quietly, keeping the exit code set so far.
  exitQuietlyOnEpipe(process.stdout, () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0));
  const io: CliIo = {
    out: (t) => process.stdout.write(`${t}\n`),
    write: (t) => new Promise((resolve) => {
      if (process.stdout.write(t)) resolve();
      else process.stdout.once('drain', () => resolve());
    }),
    err: (t) => process.stderr.write(`${t}\n`),
    stdin: () => process.stdin,
    progress: process.stderr,
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
