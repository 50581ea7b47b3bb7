// SPDX-License-Identifier: BSD-3-Clause
/**
 * Runs reader + engine over a whole input, turning every kind of failure into issues.
 * @module
 */
import type { Issue } from '@riuso-sociale/core';
import { createDecoder, DecodeError, limits } from './decode.js';
import { FlowEngine, FlowShapeError, type EngineOptions, type EngineSink } from './engine.js';
import { siussIssue } from './messages.js';
import { XmlReader, XmlSyntaxError } from './xml-reader.js';

/** Turns a reader/decoder/shape failure into an issue; rethrows anything else. */
export function failureIssue(e: unknown, line: number): Issue {
  if (e instanceof XmlSyntaxError) {
    if (e.kind === 'unsupported_encoding') return siussIssue('siuss.xml.encoding_unsupported', { encoding: e.detail, line: 1 }, { path: [], line: 1 });
    const code = ({
      syntax: 'siuss.xml.syntax', doctype: 'siuss.xml.doctype', entity: 'siuss.xml.entity', char: 'siuss.xml.char',
      limit: 'siuss.xml.limit', truncated: 'siuss.xml.truncated', encoding: 'siuss.xml.encoding',
    } as const)[e.kind];
    return siussIssue(code, { detail: e.detail, line: e.line }, { path: [], line: e.line });
  }
  if (e instanceof DecodeError) {
    if (e.kind === 'unsupported') return siussIssue('siuss.xml.encoding_unsupported', { encoding: e.encoding, line: 1 }, { path: [], line: 1 });
    if (e.kind === 'size') return siussIssue('siuss.size', { length: e.length, limit: limits.maxStringLength }, { path: [] });
    return siussIssue('siuss.xml.encoding', { detail: e.message, line, column: e.column, encoding: e.encoding }, { path: [], line });
  }
  if (e instanceof FlowShapeError) return e.issue;
  throw e;
}

/**
 * Reads a whole document; fatal problems become the returned `fatal` issue. An invalid byte
 * sequence is reported where it is: the text before it is read first (an earlier error wins, as
 * in the streaming API), then the error names the line and column of the bad bytes.
 */
export function runWhole(input: string | Uint8Array, sink: EngineSink, options: EngineOptions = {}): { fatal: Issue | null; engine: FlowEngine } {
  const engine = new FlowEngine(sink, options);
  const reader = new XmlReader();
  try {
    if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
      return { fatal: siussIssue('siuss.xml.input', { detail: 'string o/or Uint8Array' }, { path: [] }), engine };
    }
    let text: string;
    let broken: DecodeError | null = null;
    try {
      text = createDecoder(true).decode(input, true);
    } catch (e) {
      if (!(e instanceof DecodeError) || e.kind !== 'invalid') throw e;
      broken = e;
      text = e.prefix;
    }
    reader.push(text);
    if (broken === null) reader.end();
    for (let event = reader.next(); event !== null; event = reader.next()) engine.handle(event);
    if (broken !== null) return { fatal: failureIssue(broken, reader.lineAtEnd), engine };
    return { fatal: null, engine };
  } catch (e) {
    return { fatal: failureIssue(e, reader.currentLine), engine };
  }
}
