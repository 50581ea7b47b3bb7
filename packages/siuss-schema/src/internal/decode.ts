// SPDX-License-Identifier: BSD-3-Clause
/**
 * From bytes or a string to text: UTF-8 (with or without BOM) or UTF-16 with a BOM, strictly (an
 * invalid byte sequence is an error, never a replacement character).
 * @module
 */

/** Thrown for undecodable input. */
export class DecodeError extends Error {}

/** A decoder for a stream of chunks. */
export interface ChunkDecoder {
  decode(chunk: Uint8Array | string, last?: boolean): string;
}

/** Creates a decoder; the encoding is chosen from the first bytes (BOM). */
export function createDecoder(): ChunkDecoder {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let first = true;
  let pending: Uint8Array | undefined;
  return {
    decode(chunk, last = false) {
      if (typeof chunk === 'string') {
        const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
        first = false;
        return text;
      }
      let bytes = chunk;
      if (pending !== undefined) {
        const joined = new Uint8Array(pending.length + bytes.length);
        joined.set(pending);
        joined.set(bytes, pending.length);
        bytes = joined;
        pending = undefined;
      }
      if (decoder === undefined) {
        if (bytes.length < 2 && !last) {
          pending = bytes;
          return '';
        }
        const label = bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : 'utf-8';
        decoder = new TextDecoder(label, { fatal: true });
      }
      first = false;
      try {
        return decoder.decode(bytes, { stream: !last });
      } catch {
        throw new DecodeError('invalid byte sequence for the encoding (UTF-8 expected, or UTF-16 with BOM)');
      }
    },
  };
}
