// SPDX-License-Identifier: BSD-3-Clause
/**
 * Progress of long work on a terminal: one status line on standard error, rewritten in place
 * (`\r` and the ANSI clear-to-end-of-line `ESC [ K`) at most four times a second, with what is done,
 * the total and the percentage when known, the rate and the time left. Nothing is written unless the
 * stream is a terminal (`isTTY === true`, `TERM` not `dumb`) and the caller enabled it (`--quiet` and
 * `--json` turn it off), so redirected output and logs never see it.
 *
 * Sizes are in decimal SI units, as disks and transfer rates are counted: 1 kB = 1000 bytes, 1 MB =
 * 1000² bytes, 1 GB = 1000³ bytes. Numbers follow the language: `12,3 MB` and `1.234.567 record` in
 * Italian, `12.3 MB` and `1,234,567 records` in English.
 * @module
 */
import { fstatSync } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * Where a progress line goes: a writable stream such as `process.stderr`. Only `isTTY`, `columns`,
 * `write` and (when present) the `error` event are used.
 */
export interface ProgressStream {
  /** `true` for a terminal; anything else (a file, a pipe) turns progress off. */
  readonly isTTY?: boolean | undefined;
  /** The terminal's width: the line is cut to fit it, so it never wraps (a wrapped line cannot be rewritten). */
  readonly columns?: number | undefined;
  /** Writes text; `callback` gets the error of a failed write. */
  write(chunk: string, callback?: (error?: Error | null) => void): unknown;
  /** Adds a listener (used for `error`: a failing stream turns progress off instead of crashing). */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Removes a listener added with `on`. */
  off?(event: 'error', listener: (error: Error) => void): unknown;
}

/** What is counted: bytes read (shown in kB/MB/GB, decimal) or records processed. */
export type ProgressUnit = 'bytes' | 'records';

/**
 * Options of {@link createProgress}.
 */
export interface ProgressOptions {
  /** The stream of the status line, normally `process.stderr`; `undefined`: progress off (an injected I/O without one). */
  readonly stream: ProgressStream | undefined;
  /** What `done` and `total` count. */
  readonly unit: ProgressUnit;
  /** The amount of the whole work (a file's size, a number of records), when known: adds the percentage and the time left. */
  readonly total?: number | undefined;
  /** Language of the line (default Italian). */
  readonly lang?: 'it' | 'en' | undefined;
  /** A short name put before the figures (e.g. the file), shortened first when the terminal is narrow. */
  readonly label?: string | undefined;
  /**
   * For `records`: what a record is, singular and plural, in the line's language (`['codice', 'codici']`,
   * `['erogazione', 'erogazioni']`); default `record` in Italian (invariable), `record`/`records` in English.
   */
  readonly noun?: readonly [one: string, other: string] | undefined;
  /** `false` turns progress off whatever the stream (pass `!quiet && !json`); default `true`. */
  readonly enabled?: boolean | undefined;
  /** The clock in milliseconds, monotonic (default `performance.now`); injected by tests. */
  readonly now?: (() => number) | undefined;
  /** Shortest time between two renderings of the line, in milliseconds (default 250: four a second). */
  readonly intervalMs?: number | undefined;
  /** The environment, for `TERM=dumb` (a terminal without `ESC [ K`: progress off); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * A running progress line, from {@link createProgress}. Every method is cheap when progress is off
 * (a check of one flag), never throws and, once {@link Progress.finish} has run, does nothing.
 */
export interface Progress {
  /** Whether anything may be written at all (a terminal, enabled, not finished, the stream not failed). */
  readonly active: boolean;
  /** Sets the amount done so far (bytes read, records processed); redraws the line if the interval has passed. */
  update(done: number): void;
  /** Adds to the amount done (`update(done + delta)`). */
  add(delta: number): void;
  /** Erases the line if it is shown, so that the caller can print on a clean line; it comes back at the next update. */
  clear(): void;
  /** Erases the line for good (the final report starts on a clean line) and stops the progress. */
  finish(): void;
}

/** The clear-to-end-of-line control sequence (ANSI EL). */
const CLEAR_EOL = '\x1b[K';
/** Time constant of the smoothed rate, in seconds: a change of pace shows within a few seconds, without jitter. */
const RATE_TAU_S = 4;
/** Times left beyond this (100 hours) are not estimates worth printing. */
const MAX_ETA_S = 100 * 3600;
const SI_UNITS = ['kB', 'MB', 'GB', 'TB', 'PB'] as const;

const formats = new Map<string, Intl.NumberFormat>();
/** A cached number format: `lang`, `digits` fraction digits, grouping always (Italian groups 4-digit numbers too: 1.234). */
function numberFormat(lang: 'it' | 'en', digits: number): Intl.NumberFormat {
  const key = `${lang}${digits}`;
  let f = formats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: 'always' as unknown as boolean,
    });
    formats.set(key, f);
  }
  return f;
}

/**
 * A count of bytes in decimal SI units with one decimal (`999 B`, `1,5 kB`, `12,3 MB`, `2,0 GB`), in
 * the language's notation.
 *
 * @example
 * ```ts
 * import { formatBytes } from '@riuso-sociale/core/cli';
 * formatBytes(12_345_678, 'it'); // '12,3 MB'
 * formatBytes(12_345_678, 'en'); // '12.3 MB'
 * formatBytes(512, 'en');        // '512 B'
 * ```
 */
export function formatBytes(bytes: number, lang: 'it' | 'en'): string {
  const n = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  if (n < 1000) return `${numberFormat(lang, 0).format(Math.floor(n))} B`;
  let value = n / 1000;
  let unit = 0;
  // 999.95 kB would print as "1000,0 kB": move up a unit before rounding does.
  while (value >= 999.95 && unit < SI_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${numberFormat(lang, 1).format(value)} ${SI_UNITS[unit]}`;
}

/**
 * A count with thousands separators in the language's notation (`1.234.567` in Italian,
 * `1,234,567` in English), whole.
 *
 * @example
 * ```ts
 * import { formatCount } from '@riuso-sociale/core/cli';
 * formatCount(1_234_567, 'it'); // '1.234.567'
 * formatCount(1_234_567, 'en'); // '1,234,567'
 * ```
 */
export function formatCount(n: number, lang: 'it' | 'en'): string {
  return numberFormat(lang, 0).format(Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
}

/**
 * A duration in whole seconds as a clock reads: `m:ss` under an hour, `h:mm:ss` beyond.
 *
 * @example
 * ```ts
 * import { formatDuration } from '@riuso-sociale/core/cli';
 * formatDuration(62);   // '1:02'
 * formatDuration(3723); // '1:02:03'
 * ```
 */
export function formatDuration(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The amount in its unit: `12,3 MB`, `1.234` (records: the noun comes after the total). */
function amount(n: number, unit: ProgressUnit, lang: 'it' | 'en'): string {
  return unit === 'bytes' ? formatBytes(n, lang) : formatCount(n, lang);
}

type Noun = readonly [one: string, other: string];
/** `record` is invariable in Italian; English has `1 record`, `2 records`. */
const RECORD: Readonly<Record<'it' | 'en', Noun>> = { it: ['record', 'record'], en: ['record', 'records'] };

function rateText(rate: number, unit: ProgressUnit, lang: 'it' | 'en', noun: Noun): string {
  if (unit === 'bytes') return `${formatBytes(rate, lang)}/s`;
  const figure = rate < 10 ? numberFormat(lang, 1).format(rate) : formatCount(rate, lang);
  return `${figure} ${noun[1]}/s`;
}

/** What the line shows at one moment. */
interface Snapshot {
  readonly done: number;
  readonly total: number | undefined;
  readonly rate: number | undefined;
  readonly elapsedS: number;
}

/** The figures of the line, without the label: `12,3 MB / 104,9 MB (11,7%) · 45,2 MB/s · mancano 0:02`. */
function figures(s: Snapshot, unit: ProgressUnit, lang: 'it' | 'en', noun: Noun): string {
  const parts: string[] = [];
  const known = s.total !== undefined;
  const countNoun = unit === 'records' ? ` ${Math.floor(known ? (s.total as number) : s.done) === 1 ? noun[0] : noun[1]}` : '';
  if (known) {
    const total = s.total as number;
    const pct = total > 0 ? Math.min(100, (s.done / total) * 100) : 100;
    parts.push(`${amount(s.done, unit, lang)} / ${amount(total, unit, lang)}${countNoun} (${numberFormat(lang, 1).format(pct)}%)`);
  } else parts.push(`${amount(s.done, unit, lang)}${countNoun}`);
  if (s.rate !== undefined && Number.isFinite(s.rate) && s.rate >= 0) parts.push(rateText(s.rate, unit, lang, noun));
  if (known) {
    const left = (s.total as number) - s.done;
    const eta = s.rate !== undefined && s.rate > 0 && left > 0 ? left / s.rate : undefined;
    if (eta !== undefined && Number.isFinite(eta) && eta <= MAX_ETA_S) parts.push(lang === 'en' ? `${formatDuration(eta)} left` : `mancano ${formatDuration(eta)}`);
  } else parts.push(lang === 'en' ? `${formatDuration(s.elapsedS)} elapsed` : `trascorsi ${formatDuration(s.elapsedS)}`);
  return parts.join(' · ');
}

/** The whole line cut to `width` characters: the label is shortened (its end kept: a file name) before the figures are cut. */
function fitLine(label: string | undefined, text: string, width: number | undefined): string {
  const full = label === undefined || label === '' ? text : `${label}: ${text}`;
  if (width === undefined || full.length <= width) return full;
  if (label !== undefined && label !== '') {
    const room = width - text.length - 3; // ': ' and '…'
    if (room >= 8) return `…${label.slice(label.length - room)}: ${text}`;
  }
  return text.length <= width ? text : text.slice(0, Math.max(0, width));
}

/** A progress that never writes: returned when progress is off. */
const OFF: Progress = Object.freeze({
  active: false,
  update(): void {},
  add(): void {},
  clear(): void {},
  finish(): void {},
});

/**
 * Starts a progress line for long work (bytes read or records processed). Enabled only when
 * `stream.isTTY === true`, `TERM` is not `dumb` and `enabled` is not `false`; otherwise the result
 * writes nothing, ever. The line is rendered at most once per `intervalMs` (250 ms), the first time
 * only after that interval (quick work shows nothing), and shows: the label, what is done (and of
 * what total, with the percentage), the rate smoothed over a few seconds, and the time left — or,
 * with no total, the time elapsed. Rate and time left appear only once measurable (no `Infinity`,
 * no division by zero); past the total the percentage stays at 100% and the time left is dropped.
 * A failing stream (`EPIPE`, `EIO`) turns the progress off instead of throwing. Memory is constant.
 *
 * @example
 * ```ts
 * import { createProgress } from '@riuso-sociale/core/cli';
 * const progress = createProgress({ stream: process.stderr, unit: 'records', total: 50_000, lang: 'en', label: 'codes.txt', enabled: true });
 * for (let i = 1; i <= 50_000; i++) progress.update(i);
 * progress.finish(); // the line is gone: print the summary
 * console.log('50,000 codes checked');
 * ```
 */
export function createProgress(options: ProgressOptions): Progress {
  const { stream, unit } = options;
  const env = options.env ?? (typeof process === 'object' ? process.env : {});
  if (options.enabled === false || stream === undefined || stream.isTTY !== true || env.TERM === 'dumb') return OFF;
  const lang = options.lang === 'en' ? 'en' : 'it';
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs !== undefined && options.intervalMs >= 0 ? options.intervalMs : 250;
  const total = options.total !== undefined && Number.isFinite(options.total) && options.total >= 0 ? options.total : undefined;
  const label = options.label;
  const noun: Noun = options.noun ?? RECORD[lang];
  const startedAt = now();
  let done = 0;
  let lastRenderAt = startedAt;
  let sampleAt = startedAt;
  let sampleDone = 0;
  let rate: number | undefined;
  let shown = false;
  let stopped = false;

  const onError = (): void => {
    stopped = true;
  };
  const detach = (): void => {
    try {
      stream.off?.('error', onError);
    } catch {
      // nothing to undo
    }
  };
  try {
    stream.on?.('error', onError);
  } catch {
    // a stream without events: write errors still arrive through the callback
  }

  const write = (text: string): void => {
    if (stopped) return;
    try {
      stream.write(text, (error) => {
        if (error) stopped = true;
      });
    } catch {
      stopped = true;
    }
  };

  /** Folds the pace since the last sample into the smoothed rate (per second). */
  const sample = (t: number): void => {
    const dt = (t - sampleAt) / 1000;
    if (!(dt > 0)) return;
    const instant = Math.max(0, (done - sampleDone) / dt);
    rate = rate === undefined ? instant : rate + (1 - Math.exp(-dt / RATE_TAU_S)) * (instant - rate);
    sampleAt = t;
    sampleDone = done;
  };

  const render = (t: number): void => {
    const columns = stream.columns;
    const width = typeof columns === 'number' && Number.isFinite(columns) && columns > 1 ? Math.floor(columns) - 1 : undefined;
    const text = figures({ done, total, rate, elapsedS: (t - startedAt) / 1000 }, unit, lang, noun);
    write(`\r${fitLine(label, text, width)}${CLEAR_EOL}`);
    shown = true;
  };

  const progress: Progress = {
    get active(): boolean {
      return !stopped;
    },
    update(value: number): void {
      if (stopped || !Number.isFinite(value) || value < 0) return;
      done = value;
      const t = now();
      if (t - lastRenderAt < interval) return;
      lastRenderAt = t;
      sample(t);
      render(t);
    },
    add(delta: number): void {
      if (stopped || !Number.isFinite(delta)) return;
      progress.update(done + delta);
    },
    clear(): void {
      if (!shown) return;
      write(`\r${CLEAR_EOL}`);
      shown = false;
    },
    finish(): void {
      if (stopped) return;
      progress.clear();
      stopped = true;
      detach();
    },
  };
  return progress;
}

/**
 * Passes the chunks of `source` through unchanged, adding the bytes of each to `progress` as it is
 * read (strings count as their UTF-8 length).
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { createProgress, inputSize, trackBytes } from '@riuso-sociale/core/cli';
 * const progress = createProgress({ stream: process.stderr, unit: 'bytes', total: await inputSize('flusso.xml') });
 * for await (const chunk of trackBytes(createReadStream('flusso.xml'), progress)) void chunk;
 * progress.finish();
 * ```
 */
export async function* trackBytes<T extends Uint8Array | string>(source: AsyncIterable<T>, progress: Progress): AsyncGenerator<T, void, undefined> {
  for await (const chunk of source) {
    if (progress.active) progress.add(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength);
    yield chunk;
  }
}

/**
 * The size in bytes of an input to read, for the total of a progress: a regular file's size, or
 * `undefined` for what has no size known in advance (a pipe, a terminal, a missing file). `-` is
 * standard input, which has a size when it is redirected from a regular file (`< flusso.xml`).
 *
 * @example
 * ```ts
 * import { inputSize } from '@riuso-sociale/core/cli';
 * const total = await inputSize('-'); // undefined when stdin is a pipe
 * ```
 */
export async function inputSize(file: string): Promise<number | undefined> {
  try {
    const s = file === '-' ? fstatSync(0) : await stat(file);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}
