// SPDX-License-Identifier: BSD-3-Clause
/**
 * Runs reader + engine over a whole input, turning every kind of failure into issues.
 * @module
 */
import type { Issue } from '@riuso-sociale/core';
import { createDecoder, DecodeError } from './decode.js';
import { FlowEngine, FlowShapeError, type EngineOptions, type EngineSink } from './engine.js';
import { siussIssue } from './messages.js';
import { XmlReader, XmlSyntaxError } from './xml-reader.js';

/** Turns a reader/decoder/shape failure into an issue; rethrows anything else. */
export function failureIssue(e: unknown, line: number): Issue {
  if (e instanceof XmlSyntaxError) {
    const code = ({
      syntax: 'siuss.xml.syntax', doctype: 'siuss.xml.doctype', entity: 'siuss.xml.entity', char: 'siuss.xml.char',
      limit: 'siuss.xml.limit', truncated: 'siuss.xml.truncated', encoding: 'siuss.xml.encoding',
    } as const)[e.kind];
    return siussIssue(code, { detail: e.detail, line: e.line }, { path: [], line: e.line });
  }
  if (e instanceof DecodeError) return siussIssue('siuss.xml.encoding', { detail: e.message, line }, { path: [] });
  if (e instanceof FlowShapeError) return e.issue;
  throw e;
}

/** Reads a whole document; fatal problems become the returned `fatal` issue. */
export function runWhole(input: string | Uint8Array, sink: EngineSink, options: EngineOptions = {}): { fatal: Issue | null; engine: FlowEngine } {
  const engine = new FlowEngine(sink, options);
  const reader = new XmlReader();
  try {
    if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
      return { fatal: siussIssue('siuss.xml.input', { detail: 'string o/or Uint8Array' }, { path: [] }), engine };
    }
    const text = createDecoder().decode(input, true);
    reader.push(text);
    reader.end();
    for (let event = reader.next(); event !== null; event = reader.next()) engine.handle(event);
    return { fatal: null, engine };
  } catch (e) {
    return { fatal: failureIssue(e, reader.currentLine), engine };
  }
}
