// SPDX-License-Identifier: BSD-3-Clause
/**
 * Validation on several cores (Node.js only): a flow is cut into pieces at its record start tags
 * and the pieces are validated in worker threads (`siuss validate --jobs N`). The findings are the
 * single-threaded ones, in the same order — global record indices, absolute lines, the envelope
 * and flow-level rules once — because each piece replays the document's prefix and starts from the
 * state the records before it leave, and checks that the next piece may do the same (see
 * `internal/pieces.ts`). When a check fails (a fatal error, a cut that was not between two records,
 * anything outside the records), the flow is read again single-threaded from the start, and the
 * events already given are skipped: the outcome is the same, at the price of a second reading.
 * @module
 */
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Issue } from '@riuso-sociale/core';
import { notClean, runPiece, type PieceContext, type PieceResult, type PieceTask } from './internal/pieces.js';
import type { FlowKind } from './model.js';
import { checkFlowRules } from './rules.js';
import { readFlowEvents, ruleOptionsOf, type FlowStreamEvent, type FlowStreamOptions, type OutsideIssueEvent } from './stream.js';

/** How a parallel validation runs. */
export interface ParallelOptions {
  /** Worker threads (≥ 2 to run in parallel; 1 reads single-threaded). */
  readonly jobs: number;
  /**
   * Target size of a piece in bytes (default 2 MiB): a piece ends at the last record start read
   * once it is past this size (the file is read this size + 1 MiB at a time).
   */
  readonly pieceBytes?: number;
  /**
   * Files smaller than this are validated single-threaded (default: two pieces). A second thread
   * costs its start and its warm-up (loading the module, compiling the hot code: about half a
   * second of CPU measured on a 2-core machine) before it saves anything.
   */
  readonly minBytes?: number;
  /** The worker script (default: `validate-worker.js` beside this module, as built in `dist/`). */
  readonly workerFile?: string | URL;
  /**
   * Runs a piece instead of a worker thread (tests: the same pieces, cut the same way, in this
   * thread).
   * @internal
   */
  readonly run?: (task: PieceTask, context: PieceContext) => Promise<PieceResult>;
}

/** The number of cores this process may use (`os.availableParallelism`): the default of `--jobs`. */
export function availableJobs(): number {
  return availableParallelism();
}

/** Default target size of a piece. */
const PIECE_BYTES = 2 * 1024 * 1024;
/** No record start in this many bytes: not worth cutting (or not a flow); read single-threaded. */
const MAX_PREFIX = 16 * 1024 * 1024;
/**
 * Heap limits of a worker, MB (issue 14: ≤ 64 MB per worker). The young generation's default
 * (semi-spaces of 16 MB) added ~30 MB of RSS per worker for no measurable speed; 8 MB did not
 * slow the validation down (bench/run.mjs, 100 MB and 1 GB flows).
 */
const WORKER_OLD_SPACE_MB = 48;
const WORKER_YOUNG_SPACE_MB = 8;

const RECORD_TAGS: readonly [FlowKind, Buffer][] = [['PS_PSA_SINA', Buffer.from('<Beneficiario')], ['SINBA', Buffer.from('<SINBA')]];

/** A byte that may follow an element name in a start tag: white space, '>' or '/'. */
function endsName(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x3e || b === 0x2f;
}

/**
 * XML line ends in `bytes` (an ASCII-compatible encoding): LF, and CR not followed by LF (XML 1.0
 * §2.11, as the reader counts them). `Buffer#indexOf` per line end: ~0.2 ms per MB of a flow.
 */
function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  for (let i = bytes.indexOf(0x0d); i !== -1; i = bytes.indexOf(0x0d, i + 1)) if (bytes[i + 1] !== 0x0a) n++;
  return n;
}

/** A piece as the cutter gives it. */
interface Cut {
  readonly task: PieceTask;
  /** With piece 0: what every later piece needs. */
  readonly prefix?: Uint8Array;
  readonly kind?: FlowKind;
}

/** The flow cannot be cut (UTF-16, no record start early enough): read it single-threaded. */
class NotCuttable extends Error {}

/**
 * Cuts a flow into pieces at its record start tags. Only ASCII-compatible encodings (UTF-8 and the
 * single-byte ones) are cut: there a `<` byte is always the character '<', and a line end a line
 * end. The first record start found names the tag to cut at. The file is read straight into the
 * buffer of the current piece, which is then sent to a worker as it is (transferred, not copied);
 * a piece ends at the last record start read once it is past `target` bytes, so that only the
 * part of a record after it is copied into the next buffer.
 */
async function* cutPieces(file: string, target: number, onBytes: (n: number) => void): AsyncGenerator<Cut, void, undefined> {
  const room = (need: number): number => Math.max(target + (1 << 20), 2 * need);
  let buf = Buffer.allocUnsafeSlow(room(0));
  let filled = 0;
  /** Record starts found in buf (positions), and how far buf has been searched. */
  let starts: number[] = [];
  let searched = 0;
  let tag: Buffer | null = null;
  let kind: FlowKind | null = null;
  let piece = 0;
  let line = 1;
  let recordsBefore = 0;

  const search = (): void => {
    const view = buf.subarray(0, filled);
    if (tag === null) {
      let best = -1;
      for (const [k, t] of RECORD_TAGS) {
        for (let at = view.indexOf(t, 0); at !== -1 && at + t.length < filled; at = view.indexOf(t, at + 1)) {
          if (!endsName(view[at + t.length])) continue;
          if (best === -1 || at < best) {
            best = at;
            tag = t;
            kind = k;
          }
          break;
        }
      }
      if (tag === null) {
        if (filled > MAX_PREFIX) throw new NotCuttable();
        return;
      }
      starts.push(best);
      searched = best + 1;
    }
    const t = tag;
    for (let at = view.indexOf(t, searched); at !== -1; at = view.indexOf(t, at + 1)) {
      if (at + t.length >= filled) {
        searched = at;
        return;
      }
      if (endsName(view[at + t.length])) starts.push(at);
    }
    searched = Math.max(searched, filled - t.length);
  };

  /** Cuts buf at `at` (a record start, or the end), the piece holding the starts before it. */
  const cut = (at: number, last: boolean): Cut => {
    const bytes = buf.subarray(0, at);
    let records = starts.length;
    if (!last) while (records > 0 && (starts[records - 1] as number) >= at) records--;
    const task: PieceTask = { piece, bytes, line, recordsBefore, records, last };
    const result: Cut = piece === 0
      ? { task, prefix: Uint8Array.prototype.slice.call(buf, 0, starts[0] as number), kind: kind as FlowKind }
      : { task };
    line += countLines(bytes);
    recordsBefore += records;
    piece++;
    if (!last) {
      const rest = filled - at;
      const next = Buffer.allocUnsafeSlow(room(rest));
      buf.copy(next, 0, at, filled);
      buf = next;
      filled = rest;
      starts = starts.slice(records).map((s) => s - at);
      searched -= at;
    }
    return result;
  };

  const handle = await open(file, 'r');
  try {
    for (;;) {
      if (filled === buf.length) {
        // A record larger than the room left: a bigger buffer.
        const bigger = Buffer.allocUnsafeSlow(2 * buf.length);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
      if (bytesRead === 0) break;
      // A UTF-16 byte order mark: not ASCII-compatible.
      if (filled === 0 && piece === 0 && bytesRead >= 2 && ((buf[0] === 0xfe && buf[1] === 0xff) || (buf[0] === 0xff && buf[1] === 0xfe))) throw new NotCuttable();
      filled += bytesRead;
      onBytes(bytesRead);
      search();
      if (filled < target) continue;
      // The last record start read (piece 0 holds at least one record, and every piece one).
      const last = starts.at(-1);
      if (last !== undefined && last > (piece === 0 ? (starts[0] as number) : 0)) yield cut(last, false);
    }
  } finally {
    await handle.close();
  }
  if (tag === null) throw new NotCuttable();
  yield cut(filled, true);
}

/** What the main thread sends a worker: the shared context first, then pieces. */
export type WorkerMessage = { readonly context: PieceContext } | PieceTask;

/**
 * A pool of worker threads running pieces; results by piece number. The workers start at once
 * (loading the module takes a while) and get the context when the first piece has been cut.
 */
class Pool {
  private readonly workers: { readonly worker: Worker; busy: number }[] = [];
  private readonly waiting = new Map<number, { resolve: (r: PieceResult) => void; slot: { busy: number } }>();
  private broken = false;

  constructor(size: number, file: string | URL) {
    for (let i = 0; i < size; i++) {
      let worker: Worker;
      try {
        worker = new Worker(file, {
          resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_SPACE_MB },
          stdout: false,
          stderr: false,
        });
      } catch {
        // No worker (a script that cannot be loaded): the flow is read single-threaded.
        this.broken = true;
        return;
      }
      worker.on('message', (result: PieceResult) => this.settle(result));
      // A worker that dies (out of memory, a bug, a missing script): every piece still waiting
      // is "not clean", and the flow is read single-threaded.
      const fail = (): void => {
        this.broken = true;
        for (const [piece] of this.waiting) this.settle(notClean(piece));
      };
      worker.on('error', fail);
      // Any exit leaves the pieces sent to that worker unanswered (a script that does not listen
      // exits with code 0); the exits of close() come when nothing is waiting.
      worker.on('exit', () => fail());
      this.workers.push({ worker, busy: 0 });
    }
  }

  start(context: PieceContext): void {
    for (const { worker } of this.workers) worker.postMessage({ context } satisfies WorkerMessage);
  }

  private settle(result: PieceResult): void {
    const w = this.waiting.get(result.piece);
    if (w === undefined) return;
    this.waiting.delete(result.piece);
    w.slot.busy--;
    w.resolve(result);
  }

  /** A worker has fewer than two pieces queued (one running, one ready to start). */
  get hasRoom(): boolean {
    return this.broken || this.workers.some((w) => w.busy < 2);
  }

  run(task: PieceTask): Promise<PieceResult> {
    if (this.broken) return Promise.resolve(notClean(task.piece));
    return new Promise((resolve) => {
      let slot = this.workers[0] as { readonly worker: Worker; busy: number };
      for (const w of this.workers) if (w.busy < slot.busy) slot = w;
      slot.busy++;
      this.waiting.set(task.piece, { resolve, slot });
      // The piece's buffer is its own (see cutPieces): moved to the worker, not copied.
      slot.worker.postMessage(task satisfies WorkerMessage, [task.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** The worker script beside this module (in `dist/`, where the build puts it). */
function defaultWorkerFile(): URL {
  return new URL('./validate-worker.js', import.meta.url);
}

/**
 * The streaming driver's events (`readFlowEvents(reopen(), options, inline, false)`) from a
 * validation of `file` in pieces on `parallel.jobs` worker threads; the same events in the same
 * order, records without their objects. `reopen` gives the file's bytes from the start, for when
 * it must be read single-threaded; `onBytes` follows the bytes read for the pieces.
 * @internal
 */
export async function* readFlowEventsInPieces(
  file: string,
  reopen: () => AsyncIterable<Uint8Array>,
  options: FlowStreamOptions,
  inline: boolean,
  parallel: ParallelOptions & { readonly onBytes?: (n: number) => void },
): AsyncGenerator<FlowStreamEvent | OutsideIssueEvent, void, undefined> {
  let given = 0;
  async function* single(): AsyncGenerator<FlowStreamEvent | OutsideIssueEvent, void, undefined> {
    let skip = given;
    for await (const event of readFlowEvents(reopen(), options, inline, false)) {
      if (skip > 0) skip--;
      else yield event;
    }
  }
  if (!(parallel.jobs >= 2)) {
    yield* single();
    return;
  }
  const pieceBytes = parallel.pieceBytes ?? PIECE_BYTES;
  // A file of less than two pieces (or `minBytes`): one thread (no worker to start, nothing to cut).
  if ((await stat(file)).size < Math.max(2 * pieceBytes, parallel.minBytes ?? 0)) {
    yield* single();
    return;
  }
  // The main thread validates pieces too (it only reads and cuts otherwise): jobs − 1 workers,
  // started now, while the first piece is read. One isolate fewer to warm up.
  let pool: Pool | null = parallel.run === undefined ? new Pool(parallel.jobs - 1, parallel.workerFile ?? defaultWorkerFile()) : null;
  const cuts = cutPieces(file, pieceBytes, parallel.onBytes ?? ((): void => undefined));
  const pending = new Map<number, Promise<PieceResult>>();
  try {
    let first: Cut;
    let second: Cut;
    try {
      const a = await cuts.next();
      const b = a.done === true ? a : await cuts.next();
      if (a.done === true || b.done === true) throw new NotCuttable();
      first = a.value;
      second = b.value;
    } catch (e) {
      if (!(e instanceof NotCuttable)) throw e;
      await pool?.close();
      pool = null;
      yield* single();
      return;
    }
    const context: PieceContext = { prefix: first.prefix as Uint8Array, kind: first.kind as FlowKind, options, inline };
    const inject = parallel.run;
    pool?.start(context);
    const run = (task: PieceTask): Promise<PieceResult> => {
      if (inject !== undefined) return inject(task, context);
      if (pool !== null && pool.hasRoom) return pool.run(task);
      // Every worker has a piece running and one waiting: this thread takes the piece.
      let result: PieceResult;
      try {
        result = runPiece(task, context);
      } catch {
        result = notClean(task.piece);
      }
      return Promise.resolve(result);
    };
    const window = 2 * parallel.jobs;
    let dispatched = 0;
    let lastDispatched = false;
    const dispatch = (c: Cut): void => {
      pending.set(c.task.piece, run(c.task));
      dispatched++;
      if (c.task.last) lastDispatched = true;
    };
    dispatch(first);
    dispatch(second);
    const outside: Issue[] = [];
    let beneficiari = 0;
    let prestazioni = 0;
    let kind: FlowKind | null = null;
    for (let next = 0; ; next++) {
      while (!lastDispatched && dispatched - next < window) {
        let r: IteratorResult<Cut>;
        try {
          r = await cuts.next();
        } catch (e) {
          if (!(e instanceof NotCuttable)) throw e;
          break; // cannot happen after two pieces; read single-threaded below
        }
        if (r.done === true) break;
        dispatch(r.value);
      }
      const waiting = pending.get(next);
      if (waiting === undefined) {
        // The cutter stopped early (cannot happen): read single-threaded.
        yield* single();
        return;
      }
      const result = await waiting;
      pending.delete(next);
      if (!result.clean) {
        await pool?.close();
        pool = null;
        yield* single();
        return;
      }
      for (const event of result.events) {
        given++;
        yield event;
      }
      outside.push(...result.outside);
      beneficiari += result.beneficiari;
      prestazioni += result.prestazioni;
      kind = result.kind;
      if (lastDispatched && next === dispatched - 1) break;
    }
    // The end event, as the streaming driver makes it.
    const flowWarnings: Issue[] = [];
    const flowErrors: Issue[] = [];
    if (options.rules !== false && kind !== null) {
      for (const f of checkFlowRules(kind, { beneficiari, prestazioni }, ruleOptionsOf(options))) (f.severity === 'error' ? flowErrors : flowWarnings).push(f);
    }
    yield { type: 'end', kind, records: beneficiari, errors: [...outside, ...flowErrors], warnings: flowWarnings };
  } finally {
    await cuts.return();
    await pool?.close();
  }
}
