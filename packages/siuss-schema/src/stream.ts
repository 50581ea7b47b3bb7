// SPDX-License-Identifier: BSD-3-Clause
/**
 * Streaming: SIUSS flows of any size (an upload flow can be 1 GB) read record by record, in
 * bounded memory — one chunk of input, the unread tail of the XML reader and one record at a time.
 * Pull-based: the next chunk is read only when the consumer asks for more records, so a slow
 * consumer never makes the input pile up (backpressure).
 * @module
 */
import type { Issue } from '@riuso-sociale/core';
import { createDecoder, DecodeError } from './internal/decode.js';
import { FlowEngine, type EngineSink } from './internal/engine.js';
import { failureIssue } from './internal/run.js';
import { NO_EVENT, XmlReader } from './internal/xml-reader.js';
import type { Beneficiario, IdentificazioneFlusso, SINBA } from './generated/types.js';
import type { FlowKind } from './model.js';
import { checkEnvelopeRules, checkFlowRules, checkRecordRules, type RuleOptions } from './rules.js';

/**
 * What {@link readFlowRecords} and {@link validateFlowStream} read: chunks of bytes or text (an
 * async or sync iterable, or a web `ReadableStream`), or a whole document as one string or bytes.
 */
export type FlowSource =
  | string
  | Uint8Array
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array | string | undefined }>; releaseLock(): void; cancel?(reason?: unknown): Promise<void> } };

/** Options of {@link readFlowRecords}: the business-rule options plus whether to run the rules. */
export interface FlowStreamOptions extends RuleOptions {
  /**
   * Run the business rules (default `true`). With `false` only the XSD is checked: records carry
   * no warnings and the end event no flow-level warnings.
   */
  readonly rules?: boolean;
}

/** The envelope (`IdentificazioneFlusso`), first event of a stream. */
export interface FlowEnvelopeEvent {
  readonly type: 'envelope';
  /** `null` when the flow has no record (or no valid one) to tell the kind. */
  readonly kind: FlowKind | null;
  /** Attribute values as written; shaped as the XSD type when `issues` is empty. */
  readonly envelope: IdentificazioneFlusso;
  /** Errors in the envelope: XSD errors, and business rules configured as `'error'`. */
  readonly issues: readonly Issue[];
  /** Business-rule warnings about the envelope (the flow name). */
  readonly warnings: readonly Issue[];
}

/** One record: a `Beneficiario` (PS-PSA-SINA) or a `SINBA`. */
export type FlowRecordEvent = {
  readonly type: 'record';
  /** 0-based position among the records of the flow. */
  readonly index: number;
  /** Errors in the record: XSD errors, and business rules configured as `'error'`. */
  readonly issues: readonly Issue[];
  /** Business-rule warnings about the record. */
  readonly warnings: readonly Issue[];
  /** Line where the record starts. */
  readonly line: number;
} & (
  | { readonly kind: 'PS_PSA_SINA'; /** Shaped as the XSD type when `issues` has no XSD error. */ readonly record: Beneficiario }
  | { readonly kind: 'SINBA'; /** Shaped as the XSD type when `issues` has no XSD error. */ readonly record: SINBA }
);

/** Last event of a stream. */
export interface FlowEndEvent {
  readonly type: 'end';
  readonly kind: FlowKind | null;
  /** How many records were read. */
  readonly records: number;
  /**
   * Errors outside the envelope and the records (root element, missing records), and the fatal
   * error that stopped the reading, if any (not well-formed XML, wrong root or namespace, bad
   * encoding): it comes last and the stream ends there.
   */
  readonly errors: readonly Issue[];
  /** Business rules about the flow as a whole (e.g. one Beneficiario in cooperazione). */
  readonly warnings: readonly Issue[];
}

/** An event of {@link readFlowRecords}. */
export type FlowStreamEvent = FlowEnvelopeEvent | FlowRecordEvent | FlowEndEvent;

type Chunk = Uint8Array | string;

function isAsyncIterable(x: unknown): x is AsyncIterable<Chunk> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

function isIterable(x: unknown): x is Iterable<Chunk> {
  return typeof x === 'object' && x !== null && Symbol.iterator in x;
}

/** One async iterator over any accepted source. */
function iterate(source: FlowSource): AsyncIterator<Chunk> {
  if (typeof source === 'string' || source instanceof Uint8Array) source = [source];
  if (isAsyncIterable(source)) return source[Symbol.asyncIterator]();
  if (isIterable(source)) {
    const it = source[Symbol.iterator]();
    return {
      next: async () => it.next(),
      return: async () => it.return?.() ?? { done: true, value: undefined },
    };
  }
  if (typeof source === 'object' && source !== null && typeof (source as { getReader?: unknown }).getReader === 'function') {
    // A web ReadableStream without an async iterator (older browsers).
    const reader = source.getReader();
    return {
      next: async () => {
        const r = await reader.read();
        return r.done ? { done: true, value: undefined } : { done: false, value: r.value as Chunk };
      },
      return: async () => {
        await reader.cancel?.();
        reader.releaseLock();
        return { done: true, value: undefined };
      },
    };
  }
  throw new TypeError('source: AsyncIterable/Iterable of Uint8Array | string, or a ReadableStream');
}

/** Largest piece of a chunk decoded and read at once (bytes, or UTF-16 units for text). */
const PIECE = 64 * 1024;

/** Splits rule findings by severity into the two lists. */
function sortFindings(findings: readonly Issue[], errors: Issue[], warnings: Issue[]): void {
  for (const finding of findings) (finding.severity === 'error' ? errors : warnings).push(finding);
}

/**
 * Reads a SIUSS flow record by record from a stream of chunks — a Node `fs.createReadStream`, a web
 * `ReadableStream`, `Blob.stream()`, or any (async) iterable of `Uint8Array`/`string` — in bounded
 * memory whatever the size of the file. Bytes are decoded as the document says (XML 1.0 §4.3.3): a
 * BOM (UTF-8, UTF-16LE/BE), else the XML declaration's `encoding` (UTF-8, ISO-8859-1, ISO-8859-15,
 * windows-1252 and their IANA aliases), else UTF-8; chunk boundaries may fall anywhere, even
 * inside a character.
 *
 * Yields, in order: one `envelope` event (as soon as `IdentificazioneFlusso` is complete; missing
 * only when the input is broken before it), one `record` event per `Beneficiario`/`SINBA` with its
 * XSD errors (`issues`) and business-rule warnings (`warnings`), and one `end` event with the
 * findings outside the records (including the fatal error, if the XML is not well-formed) and the
 * flow-level rules. A fatal error is reported, never thrown; exceptions come only from the source
 * itself (an I/O error) or from a programming error.
 *
 * Pull-based: a chunk is read only when the consumer asks for the next event, and breaking out of
 * the loop closes the source (`return()` is called on its iterator).
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { readFlowRecords } from '@riuso-sociale/siuss-schema';
 * for await (const event of readFlowRecords(createReadStream('flusso.xml'))) {
 *   if (event.type === 'record' && event.issues.length > 0) console.log(event.line, event.issues[0]?.message);
 *   if (event.type === 'end') console.log(`${event.records} records`);
 * }
 * ```
 */
export async function* readFlowRecords(source: FlowSource, options: FlowStreamOptions = {}): AsyncGenerator<FlowStreamEvent, void, undefined> {
  // Without `inline` no `issue` event is produced.
  yield* readFlowEvents(source, options, false) as AsyncGenerator<FlowStreamEvent, void, undefined>;
}

/** Internal event: a finding outside records, in document order. @internal */
export interface OutsideIssueEvent {
  readonly type: 'issue';
  readonly issue: Issue;
}

/** What a {@link flowSink} gathers. @internal */
export interface SinkState {
  /** Events in document order (envelope, records, and with `inline` the findings outside records). */
  readonly queue: (FlowStreamEvent | OutsideIssueEvent)[];
  /** Without `inline`: the findings outside records. */
  readonly outside: Issue[];
  /** Records read, and their PrestazioniSociali (for the flow-level rules). */
  beneficiari: number;
  prestazioni: number;
}

/** @internal */
export function newSinkState(): SinkState {
  return { queue: [], outside: [], beneficiari: 0, prestazioni: 0 };
}

/** The rule options of stream options (severity and mode only). @internal */
export function ruleOptionsOf(options: FlowStreamOptions): RuleOptions {
  return {
    ...(options.severity === undefined ? {} : { severity: options.severity }),
    ...(options.mode === undefined ? {} : { mode: options.mode }),
  };
}

/**
 * The engine sink of the streaming driver: envelope and record events with their rule findings,
 * into `state` (see {@link readFlowEvents} for `inline` and `objects`). Shared with the pieces
 * of a parallel validation, so that both produce the same events.
 * @internal
 */
export function flowSink(options: FlowStreamOptions, inline: boolean, objects: boolean, state: SinkState): EngineSink {
  const runRules = options.rules !== false;
  const ruleOptions = ruleOptionsOf(options);
  const { queue, outside } = state;
  return {
    envelope(kind, envelope, issues) {
      const errors = [...issues];
      const warnings: Issue[] = [];
      if (runRules && kind !== null) sortFindings(checkEnvelopeRules(kind, envelope, ruleOptions), errors, warnings);
      queue.push({ type: 'envelope', kind, envelope: envelope as unknown as IdentificazioneFlusso, issues: errors, warnings });
    },
    record(kind, index, record, issues, line) {
      state.beneficiari++;
      const list = record.PrestazioniSociali;
      if (Array.isArray(list)) state.prestazioni += list.length;
      const errors = [...issues];
      const warnings: Issue[] = [];
      if (runRules) sortFindings(checkRecordRules(kind, record, index, ruleOptions, line), errors, warnings);
      if (!objects && errors.length === 0 && warnings.length === 0) return;
      queue.push({ type: 'record', kind, index, record, issues: errors, warnings, line } as unknown as FlowRecordEvent);
    },
    issue(issue) {
      if (inline) queue.push({ type: 'issue', issue });
      else outside.push(issue);
    },
  };
}

/**
 * The driver shared by {@link readFlowRecords}, {@link validateFlowStream} and the CLI. With
 * `inline`, the findings outside records are yielded as `issue` events where they occur (document
 * order) and the end event carries only the fatal error; otherwise they are gathered in the end
 * event. With `objects: false` the records are not built (empty objects) and a record without
 * findings (no issue, no warning) is not yielded at all: for callers that only want the findings
 * (validation without rules is then much faster, and a clean record costs no trip through the
 * async generators).
 * @internal
 */
export async function* readFlowEvents(
  source: FlowSource,
  options: FlowStreamOptions,
  inline: boolean,
  objects = true,
): AsyncGenerator<FlowStreamEvent | OutsideIssueEvent, void, undefined> {
  const state = newSinkState();
  const { queue, outside } = state;
  const runRules = options.rules !== false;
  const ruleOptions = ruleOptionsOf(options);
  // Without `objects`, records are built for the rules only: shaped (see EngineOptions.shaped).
  const engine = new FlowEngine(flowSink(options, inline, objects, state), { maxIssues: Number.MAX_SAFE_INTEGER, buildObjects: objects || runRules, shaped: !objects });
  const decoder = createDecoder();
  const reader = new XmlReader();
  const input = iterate(source);
  let finished = false;
  /** The source has ended (no `return()` needed to release it). */
  let exhausted = false;
  let fatal: Issue | null = null;
  // The current chunk, handed to the decoder and the reader PIECE units at a time: a 1 MB chunk
  // decoded at once would be a 1 MB string, allocated outside the young generation and kept until
  // a full garbage collection (peak RSS), and the reader's buffer would be a 1 MB concatenation.
  let chunk: Chunk | null = null;
  let offset = 0;

  /**
   * An invalid byte sequence: the text before it is read first (an earlier error wins, as in the
   * whole-document API), then it is reported at its own line and column.
   */
  let broken: DecodeError | null = null;
  const decodeOrBreak = (piece: Chunk, last: boolean): string => {
    try {
      return decoder.decode(piece, last);
    } catch (e) {
      if (!(e instanceof DecodeError) || e.kind !== 'invalid') throw e;
      broken = e;
      finished = true;
      return e.prefix;
    }
  };

  /** Feeds events to the engine until something is queued or the reader needs input; false when done. */
  const pump = async (): Promise<boolean> => {
    try {
      for (;;) {
        const kind = reader.read();
        if (kind !== NO_EVENT) {
          engine.take(reader, kind);
          if (queue.length > 0) return true;
          continue;
        }
        if (broken !== null) throw broken;
        if (finished) return false;
        if (chunk === null) {
          const r = await input.next();
          if (r.done === true) {
            finished = true;
            exhausted = true;
            const text = decodeOrBreak(new Uint8Array(0), true);
            reader.push(text);
            if (broken === null) reader.end();
            continue;
          }
          chunk = r.value;
          offset = 0;
        }
        const end = Math.min(chunk.length, offset + PIECE);
        const piece = offset === 0 && end === chunk.length ? chunk : typeof chunk === 'string' ? chunk.slice(offset, end) : chunk.subarray(offset, end);
        if (end === chunk.length) chunk = null;
        else offset = end;
        reader.push(decodeOrBreak(piece, false));
      }
    } catch (e) {
      fatal = failureIssue(e, e === broken ? reader.lineAtEnd : reader.currentLine);
      finished = true;
      return false;
    }
  };

  try {
    for (;;) {
      const more = await pump();
      while (queue.length > 0) yield queue.shift() as FlowStreamEvent | OutsideIssueEvent;
      if (!more) break;
    }
    const kind = engine.flowKind;
    const flowWarnings: Issue[] = [];
    const flowErrors: Issue[] = [];
    // As validateFlow does: the counts rule runs even after a fatal error (on what was read).
    if (runRules && kind !== null) sortFindings(checkFlowRules(kind, { beneficiari: state.beneficiari, prestazioni: state.prestazioni }, ruleOptions), flowErrors, flowWarnings);
    const errors = [...outside, ...flowErrors, ...(fatal === null ? [] : [fatal])];
    yield { type: 'end', kind, records: engine.records, errors, warnings: flowWarnings };
  } finally {
    // Early exit of the consumer, a fatal error or an exception: release the source (close the file).
    if (!exhausted) await input.return?.();
  }
}

/** Options of {@link validateFlowStream}. */
export interface ValidateStreamOptions extends FlowStreamOptions {
  /** Keep at most this many errors and this many warnings (the counts stay exact). Default 1,000. */
  readonly maxIssues?: number;
}

/** What {@link validateFlowStream} returns: the shape of `validateFlow`'s result plus exact counts. */
export interface FlowStreamValidation {
  /** `null` when the kind could not be told (no record, or input that is not a SIUSS flow). */
  readonly kind: FlowKind | null;
  /** XSD errors, fatal errors and rules configured as errors (at most `maxIssues`). */
  readonly errors: readonly Issue[];
  /** Business-rule warnings (at most `maxIssues`). */
  readonly warnings: readonly Issue[];
  /** How many records were read. */
  readonly records: number;
  /** Exact number of errors, also those not kept. */
  readonly errorCount: number;
  /** Exact number of warnings, also those not kept. */
  readonly warningCount: number;
  /** `true` when some findings were not kept because of `maxIssues`. */
  readonly truncated: boolean;
}

/**
 * Validates a flow from a stream of chunks (see {@link readFlowRecords} for the sources) in
 * bounded memory: the same findings as `validateFlow` on the whole document, with at most
 * `maxIssues` errors and `maxIssues` warnings kept (counts stay exact). Records are built one at a
 * time for the business rules and dropped at once.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { validateFlowStream } from '@riuso-sociale/siuss-schema';
 * const r = await validateFlowStream(createReadStream('flusso.xml'), { mode: 'upload' });
 * console.log(r.records, r.errorCount, r.warningCount);
 * ```
 */
export async function validateFlowStream(source: FlowSource, options: ValidateStreamOptions = {}): Promise<FlowStreamValidation> {
  const max = options.maxIssues ?? 1000;
  if (!(max >= 0)) throw new RangeError('maxIssues must be a number ≥ 0');
  // validateFlow's order: XSD and fatal errors in document order, then rules configured as errors.
  const xsdErrors: Issue[] = [];
  const ruleErrors: Issue[] = [];
  const warnings: Issue[] = [];
  let errorCount = 0;
  let warningCount = 0;
  const add = (issue: Issue): void => {
    if (issue.severity === 'error') {
      errorCount++;
      const list = issue.code.startsWith('siuss.rule.') ? ruleErrors : xsdErrors;
      if (list.length < max) list.push(issue);
    } else {
      warningCount++;
      if (warnings.length < max) warnings.push(issue);
    }
  };
  let kind: FlowKind | null = null;
  let records = 0;
  // Objects only for the rules (built one record at a time and dropped).
  for await (const event of readFlowEvents(source, options, true, false)) {
    switch (event.type) {
      case 'envelope':
      case 'record':
        event.issues.forEach(add);
        event.warnings.forEach(add);
        break;
      case 'issue':
        add(event.issue);
        break;
      case 'end':
        event.errors.forEach(add);
        event.warnings.forEach(add);
        kind = event.kind;
        records = event.records;
        break;
    }
  }
  const errors = [...xsdErrors, ...ruleErrors].slice(0, max);
  return { kind, errors, warnings, records, errorCount, warningCount, truncated: errorCount > errors.length || warningCount > warnings.length };
}
