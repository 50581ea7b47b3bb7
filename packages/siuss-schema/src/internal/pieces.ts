// SPDX-License-Identifier: BSD-3-Clause
/**
 * One piece of a flow validated on its own, for a validation on several cores (`src/parallel.ts`).
 *
 * A flow is cut at the start tags of its records (`<Beneficiario`, or `<SINBA` in SINBA flows).
 * Piece 0 starts the document and is read as the streaming driver reads it. Every later piece is
 * read by a fresh reader and engine that first replay the document's prefix — everything before
 * the first record: the XML declaration, the root with its namespaces, the envelope — with their
 * findings muted, and are then put in the state they would have after the records before the
 * piece ({@link FlowEngine.resumeAfterRecords}), at the line where the piece starts. Record
 * indices and line numbers are therefore the document's own, in every finding and message.
 *
 * That state is an assumption, and each piece checks it for the next one: a piece is `clean` when
 * it ends between two records of the root — no token open, only white space unread, no finding
 * outside its records (which could change the root's state), no fatal error — having read exactly
 * the records the cutter counted in it. If every piece before piece k is clean, piece k started
 * from the true state (by induction from piece 0, which starts the document), so its findings are
 * exactly those the single-threaded reading gives for the same bytes. Anything else (a cut inside a
 * comment, a record nested where it should not be, text between records, a fatal error) makes the
 * piece not clean, and the caller falls back to the single-threaded reading.
 * @module
 */
import type { Issue } from '@riuso-sociale/core';
import type { FlowKind } from '../model.js';
import { flowSink, newSinkState, type FlowStreamEvent, type FlowStreamOptions, type OutsideIssueEvent } from '../stream.js';
import { createDecoder } from './decode.js';
import { FlowEngine, type EngineSink } from './engine.js';
import { NO_EVENT, XmlReader } from './xml-reader.js';

/** A piece to validate. Structured-cloneable (sent to a worker thread). */
export interface PieceTask {
  /** Position of the piece in the document (0: the one that starts it). */
  readonly piece: number;
  /** The bytes of the piece: from the start tag of a record (or the document start) to the next cut. */
  readonly bytes: Uint8Array;
  /** Line of the piece's first byte. */
  readonly line: number;
  /** Records before the piece: the index of its first record. */
  readonly recordsBefore: number;
  /** Record start tags the cutter found in the piece: the records it must read. */
  readonly records: number;
  /** The piece ends the document. */
  readonly last: boolean;
}

/** What every piece of one validation shares. Structured-cloneable. */
export interface PieceContext {
  /** The bytes before the first record (replayed by every piece but the first). */
  readonly prefix: Uint8Array;
  /** The kind the cut names (`<Beneficiario`: PS_PSA_SINA, `<SINBA`: SINBA). */
  readonly kind: FlowKind;
  readonly options: FlowStreamOptions;
  /** As in the streaming driver: findings outside records as `issue` events (else gathered). */
  readonly inline: boolean;
}

/** The outcome of one piece. Structured-cloneable. */
export interface PieceResult {
  readonly piece: number;
  /**
   * The next piece may start from the assumed state (see the module comment); for the last piece,
   * no fatal error. When `false`, the events are not to be used.
   */
  readonly clean: boolean;
  /** Envelope, record and (with `inline`) outside-finding events, in document order, records without their objects. */
  readonly events: readonly (FlowStreamEvent | OutsideIssueEvent)[];
  /** Without `inline`: the findings outside records. */
  readonly outside: readonly Issue[];
  /** Records read and their PrestazioniSociali. */
  readonly beneficiari: number;
  readonly prestazioni: number;
  /** The flow kind as the piece's engine knows it at its end. */
  readonly kind: FlowKind | null;
}

/** Largest part of a piece decoded and read at once (as in the streaming driver). */
const STEP = 64 * 1024;

/** A result that tells the caller to read the flow single-threaded. */
export function notClean(piece: number): PieceResult {
  return { piece, clean: false, events: [], outside: [], beneficiari: 0, prestazioni: 0, kind: null };
}

/** Validates one piece (see the module comment). Never throws for the content of the piece. */
export function runPiece(task: PieceTask, context: PieceContext): PieceResult {
  const state = newSinkState();
  const inner = flowSink(context.options, context.inline, false, state);
  let muted = task.piece !== 0;
  let outsideFindings = 0;
  const sink: EngineSink = {
    envelope(kind, envelope, issues) {
      if (!muted) inner.envelope?.(kind, envelope, issues);
    },
    record(kind, index, record, issues, line) {
      if (!muted) inner.record?.(kind, index, record, issues, line);
    },
    issue(issue) {
      if (muted) return;
      outsideFindings++;
      inner.issue?.(issue);
    },
  };
  const engine = new FlowEngine(sink, { maxIssues: Number.MAX_SAFE_INTEGER, buildObjects: context.options.rules !== false, shaped: true });
  const reader = new XmlReader();
  const decoder = createDecoder();
  const feed = (bytes: Uint8Array, last: boolean): void => {
    for (let from = 0; from < bytes.length || (last && from === 0); from += STEP) {
      const to = Math.min(bytes.length, from + STEP);
      const end = last && to === bytes.length;
      reader.push(decoder.decode(bytes.subarray(from, to), end));
      if (end) reader.end();
      for (let kind = reader.read(); kind !== NO_EVENT; kind = reader.read()) engine.take(reader, kind);
      if (end) break;
    }
  };
  const between = (): boolean => engine.openDepth === 1 && reader.openElements === 1 && reader.blankTail;
  try {
    if (task.piece !== 0) {
      feed(context.prefix, false);
      // The prefix must leave the reader inside the root, before any record.
      if (!between() || engine.records !== 0 || engine.flowKind !== null) return notClean(task.piece);
      engine.resumeAfterRecords(context.kind, task.recordsBefore);
      reader.shiftLines(task.line - reader.lineAtEnd);
      muted = false;
    }
    feed(task.bytes, task.last);
    // The next piece starts with '<'. Two checks the single-threaded reading makes when that '<'
    // arrives, which this piece would otherwise skip (both found by parallel.test.ts; without them
    // a flow with a fatal error was reported valid):
    // - an incomplete byte sequence held by the decoder (a lone 0xC3 before the cut) is an
    //   encoding error there: flushing the decoder throws (caught below) or yields text;
    // - a run of white space before the cut longer than the reader's limit is a fatal error there.
    if (!task.last && (decoder.decode(new Uint8Array(0), true) !== '' || !reader.tailRunWithinLimit)) return notClean(task.piece);
  } catch {
    // A fatal error (not well-formed, bad bytes, not a SIUSS flow): the single-threaded reading
    // reports it, with its exact line and column.
    return notClean(task.piece);
  }
  const clean = task.last || (outsideFindings === 0 && between() && state.beneficiari === task.records && engine.flowKind === context.kind);
  if (!clean) return notClean(task.piece);
  // Records travel without their objects (only the findings are wanted).
  const events = state.queue.map((e) => (e.type === 'record' ? { ...e, record: {} } as unknown as FlowStreamEvent : e));
  return { piece: task.piece, clean, events, outside: state.outside, beneficiari: state.beneficiari, prestazioni: state.prestazioni, kind: engine.flowKind };
}
