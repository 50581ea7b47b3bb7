// SPDX-License-Identifier: BSD-3-Clause
/**
 * From bytes or a string to text, strictly (an invalid byte sequence is an error, never a
 * replacement character), in the encoding the document says it has:
 * - a byte order mark decides: UTF-8 (EF BB BF), UTF-16BE (FE FF), UTF-16LE (FF FE);
 * - otherwise the `encoding` of the XML declaration: UTF-8, ISO-8859-1, ISO-8859-15, windows-1252
 *   (names case-insensitive, with their IANA aliases: {@link ENCODING_ALIASES});
 * - no BOM and no declaration (or a declaration without `encoding`): UTF-8. XML 1.0 (5th ed.)
 *   §4.3.3 "Character Encoding in Entities": "In the absence of information provided by an
 *   external transport protocol … it is a fatal error for an entity including an encoding
 *   declaration to be presented to the XML processor in an encoding other than that named in the
 *   declaration, or for an entity which begins with neither a Byte Order Mark nor an encoding
 *   declaration to use an encoding other than UTF-8."
 *
 * UTF-8 and UTF-16 are decoded by `TextDecoder` in big pieces (the hot path); the single-byte
 * encodings with a 256-entry table. A declared encoding we do not know is a {@link DecodeError}
 * naming it (`unsupported`).
 * @module
 */

/** Thrown for undecodable input. */
export class DecodeError extends Error {
  constructor(
    message: string,
    /** `invalid`: a byte sequence not valid in the encoding; `unsupported`: a declared encoding we do not decode; `size`: too long for a string. */
    readonly kind: 'invalid' | 'unsupported' | 'size' = 'invalid',
    /** The text decoded before the bad sequence (for `invalid`): feed it to the reader, then report. */
    readonly prefix = '',
    /** 1-based column of the bad sequence on its line, in characters (for `invalid`). */
    readonly column = 0,
    /** The encoding: the declared name for `unsupported`, the encoding used for `invalid`. */
    readonly encoding = '',
    /** For `size`: the length of the text, in UTF-16 code units (at least). */
    readonly length = 0,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** The encodings we decode (canonical names, as in the IANA charset registry). */
export type Encoding = 'UTF-8' | 'UTF-16' | 'ISO-8859-1' | 'ISO-8859-15' | 'windows-1252';

/**
 * Accepted `encoding` names (lower case; names are case-insensitive, XML 1.0 §4.3.3) → encoding.
 * Source: IANA "Character Sets" registry, https://www.iana.org/assignments/character-sets/character-sets.xhtml
 * (Name and Alias columns), plus the spellings libxml2 accepts through iconv that the registry
 * does not list (marked "iconv": checked with xmllint 2.9.14 on Debian, glibc iconv).
 */
export const ENCODING_ALIASES: Readonly<Record<string, Encoding>> = {
  // IANA: UTF-8 (MIBenum 106), alias csUTF8; "utf8": iconv (accepted here before, kept).
  'utf-8': 'UTF-8', csutf8: 'UTF-8', utf8: 'UTF-8',
  // IANA: UTF-16 (1015), alias csUTF16; UTF-16BE (1013) csUTF16BE, UTF-16LE (1014) csUTF16LE; "utf16": iconv (kept).
  'utf-16': 'UTF-16', csutf16: 'UTF-16', utf16: 'UTF-16', 'utf-16be': 'UTF-16', csutf16be: 'UTF-16', 'utf-16le': 'UTF-16', csutf16le: 'UTF-16',
  // IANA: ISO_8859-1:1987 (MIBenum 4; its ':' is not allowed in XML's EncName, so it cannot be
  // declared), preferred MIME name ISO-8859-1; aliases iso-ir-100, ISO_8859-1, latin1, l1, IBM819,
  // CP819, csISOLatin1. "iso8859-1", "iso-latin-1": iconv.
  'iso-8859-1': 'ISO-8859-1', 'iso-ir-100': 'ISO-8859-1', 'iso_8859-1': 'ISO-8859-1', latin1: 'ISO-8859-1',
  l1: 'ISO-8859-1', ibm819: 'ISO-8859-1', cp819: 'ISO-8859-1', csisolatin1: 'ISO-8859-1', 'iso8859-1': 'ISO-8859-1', 'iso-latin-1': 'ISO-8859-1',
  // IANA: ISO-8859-15 (MIBenum 111); aliases ISO_8859-15, Latin-9, csISO885915. "latin9", "iso8859-15": iconv.
  'iso-8859-15': 'ISO-8859-15', 'iso_8859-15': 'ISO-8859-15', 'latin-9': 'ISO-8859-15', csiso885915: 'ISO-8859-15', latin9: 'ISO-8859-15', 'iso8859-15': 'ISO-8859-15',
  // IANA: windows-1252 (MIBenum 2252), alias cswindows1252. "cp1252", "ms-ansi": iconv.
  'windows-1252': 'windows-1252', cswindows1252: 'windows-1252', cp1252: 'windows-1252', 'ms-ansi': 'windows-1252',
};

/** The encoding a declared name stands for, or `null` when we do not decode it. */
export function encodingOf(name: string): Encoding | null {
  return ENCODING_ALIASES[name.toLowerCase()] ?? null;
}

/** Byte → code point of ISO-8859-1: every byte is the code point of the same number (0x80–0x9F: C1 controls, as libxml2 does). */
const LATIN1 = Uint16Array.from({ length: 256 }, (_, b) => b);

/**
 * ISO-8859-15: ISO-8859-1 but for eight positions. Source: Unicode mapping table
 * https://www.unicode.org/Public/MAPPINGS/ISO8859/8859-15.TXT
 */
const LATIN9 = (() => {
  const t = LATIN1.slice();
  const diff: [number, number][] = [
    [0xa4, 0x20ac], // EURO SIGN
    [0xa6, 0x0160], // LATIN CAPITAL LETTER S WITH CARON
    [0xa8, 0x0161], // LATIN SMALL LETTER S WITH CARON
    [0xb4, 0x017d], // LATIN CAPITAL LETTER Z WITH CARON
    [0xb8, 0x017e], // LATIN SMALL LETTER Z WITH CARON
    [0xbc, 0x0152], // LATIN CAPITAL LIGATURE OE
    [0xbd, 0x0153], // LATIN SMALL LIGATURE OE
    [0xbe, 0x0178], // LATIN CAPITAL LETTER Y WITH DIAERESIS
  ];
  for (const [b, cp] of diff) t[b] = cp;
  return t;
})();

/** Marks a byte that has no character in the encoding. */
const UNDEFINED = 0xffff;

/**
 * windows-1252: ISO-8859-1 but for 0x80–0x9F. Source: Unicode (Microsoft) mapping table
 * https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT — bytes 0x81, 0x8D,
 * 0x8F, 0x90, 0x9D are UNDEFINED there, and an encoding error for xmllint (glibc iconv: "input
 * conversion failed due to input error, bytes 0x81 …"): an error here too.
 */
const CP1252 = (() => {
  const t = LATIN1.slice();
  const high = [
    0x20ac, UNDEFINED, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, UNDEFINED, 0x017d, UNDEFINED,
    UNDEFINED, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, UNDEFINED, 0x017e, 0x0178,
  ];
  high.forEach((cp, k) => (t[0x80 + k] = cp));
  return t;
})();

const TABLES: Readonly<Record<'ISO-8859-1' | 'ISO-8859-15' | 'windows-1252', Uint16Array>> = { 'ISO-8859-1': LATIN1, 'ISO-8859-15': LATIN9, 'windows-1252': CP1252 };

/**
 * The longest string the whole-document API may build, in UTF-16 code units: V8's `String::kMaxLength`
 * on 64-bit, 2^29 − 24 (Node's `buffer.constants.MAX_STRING_LENGTH`, checked by decode.test.ts).
 * Mutable only for tests (a 512 MiB input is not allocated to test the limit).
 */
export const limits = { maxStringLength: 2 ** 29 - 24 };

/** A decoder for a stream of chunks. */
export interface ChunkDecoder {
  decode(chunk: Uint8Array | string, last?: boolean): string;
}

/** Where the first invalid UTF-8 sequence of `bytes` starts (WHATWG Encoding Standard, UTF-8 decoder), or −1. */
export function invalidUtf8At(bytes: Uint8Array, last: boolean): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return last ? i : -1;
      const c = bytes[i + k] as number;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Where the first unpaired surrogate of UTF-16 `bytes` starts (byte offset, even), or −1. */
function invalidUtf16At(bytes: Uint8Array, little: boolean, last: boolean): number {
  const unit = (i: number): number => (little ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8) : ((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= bytes.length) return last ? i : -1;
      const v = unit(i + 2);
      if (v < 0xdc00 || v > 0xdfff) return i;
      i += 2;
    }
  }
  return last && i < bytes.length ? i : -1;
}

/** Bytes at the end of `bytes` that begin an incomplete UTF-8 sequence (0 to 3). */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = bytes[n - k] as number;
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return size > k ? k : 0;
    }
  }
  return 0;
}

/** The encoding named by the XML declaration at the start of `bytes` (ASCII-compatible), `''` for none, `null` when more bytes are needed. */
function declaredName(bytes: Uint8Array, last: boolean): string | null {
  const lead = [0x3c, 0x3f, 0x78, 0x6d, 0x6c]; // "<?xml"
  for (let k = 0; k < lead.length; k++) {
    if (k >= bytes.length) return last ? '' : null;
    if (bytes[k] !== lead[k]) return '';
  }
  // The declaration is short: look in its first 512 bytes (a longer one is left to the reader).
  const end = Math.min(bytes.length, 512);
  let head = '';
  let closed = false;
  for (let k = 0; k < end; k++) {
    const b = bytes[k] as number;
    if (b === 0x3e && bytes[k - 1] === 0x3f) {
      closed = true;
      break;
    }
    head += String.fromCharCode(b);
  }
  if (!closed && !last && bytes.length < 512) return null;
  const m = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])[^"']*\1[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([^"']*)\2/.exec(head);
  return m?.[3] ?? '';
}

/** Throws the `size` error when text of `length` code units cannot be a string. */
function checkSize(length: number): void {
  if (length > limits.maxStringLength) {
    throw new DecodeError(`${length} characters, more than the ${limits.maxStringLength} a string can hold`, 'size', '', 0, '', length);
  }
}

/** UTF-16 code units that the UTF-8 `bytes` decode to (exact for valid input). */
function utf16Length(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80 || b >= 0xc0) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

/**
 * Creates a decoder; the encoding is chosen from the first bytes (BOM, else the XML declaration,
 * else UTF-8). `whole`: the input comes in one call (the whole-document API): text that cannot be
 * a string is a `size` error.
 */
export function createDecoder(whole = false): ChunkDecoder {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let table: Uint16Array | undefined;
  let encoding: Encoding = 'UTF-8';
  let little = false;
  let first = true;
  let pending: Uint8Array | undefined;
  /** The incomplete sequence left at the end of the previous piece (UTF-8/UTF-16), for locating an error. */
  let tail: Uint8Array = EMPTY;
  /** Characters decoded since the last line end (the column of the next one is this + 1). */
  let column = 0;
  /** Some bytes were decoded already (a BOM can only come first). */
  let decoded = false;

  const advance = (text: string): void => {
    // Backwards from the end: a few characters in a file with lines (a CR after the last LF is
    // looked for only past it; only a file without LF is scanned for CR).
    const lf = text.lastIndexOf('\n');
    let at = lf;
    if (lf === -1 || text.indexOf('\r', lf + 1) !== -1) at = Math.max(lf, text.lastIndexOf('\r'));
    column = at === -1 ? column + text.length : text.length - at - 1;
  };

  /** The error for an invalid sequence in `joined` (the previous tail + this piece). */
  const invalid = (joined: Uint8Array, last: boolean): DecodeError => {
    let at = encoding === 'UTF-8' ? invalidUtf8At(joined, last) : invalidUtf16At(joined, little, last);
    if (at === -1) at = 0; // cannot happen: the validators follow the WHATWG decoders
    const prefix = new TextDecoder(encoding === 'UTF-8' ? 'utf-8' : little ? 'utf-16le' : 'utf-16be', { ignoreBOM: decoded }).decode(joined.subarray(0, at));
    advance(prefix);
    const shown = `0x${(joined[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
    return new DecodeError(`invalid or incomplete byte sequence for ${encoding === 'UTF-8' ? 'UTF-8' : little ? 'UTF-16LE' : 'UTF-16BE'} (bytes ${shown})`, 'invalid', prefix, column + 1, encoding);
  };

  const single = (bytes: Uint8Array, t: Uint16Array): string => {
    if (whole) checkSize(bytes.length);
    const units = new Uint16Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) {
      const cp = t[bytes[i] as number] as number;
      if (cp === UNDEFINED) {
        const prefix = new TextDecoder('utf-16le').decode(units.subarray(0, i));
        advance(prefix);
        throw new DecodeError(`byte 0x${(bytes[i] as number).toString(16).toUpperCase()} has no character in ${encoding}`, 'invalid', prefix, column + 1, encoding);
      }
      units[i] = cp;
    }
    // Code units to a string without an argument-count limit (String.fromCharCode.apply has one).
    const text = new TextDecoder('utf-16le').decode(units);
    advance(text);
    return text;
  };

  return {
    decode(chunk, last = false) {
      if (typeof chunk === 'string') {
        const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
        first = false;
        return text;
      }
      let bytes = chunk;
      if (pending !== undefined) {
        bytes = concat(pending, bytes);
        pending = undefined;
      }
      if (decoder === undefined && table === undefined) {
        let label: 'utf-8' | 'utf-16be' | 'utf-16le' = 'utf-8';
        if (bytes.length < 3 && !last) {
          pending = bytes;
          return '';
        }
        if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
        else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
        else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
          const name = declaredName(bytes, last);
          if (name === null) {
            pending = bytes;
            return '';
          }
          if (name !== '') {
            const declared = encodingOf(name);
            if (declared === null) throw new DecodeError(`encoding ${name} not supported`, 'unsupported', '', 0, name);
            // A declaration readable byte by byte as ASCII is not UTF-16, and without a byte order
            // mark UTF-16 is not recognised (XML 1.0 §4.3.3: a fatal error to present an entity in
            // an encoding other than the one declared; xmllint: "Document labelled UTF-16 but has
            // UTF-8 content"). Before, such a file was read as UTF-8 and could be declared valid.
            if (declared === 'UTF-16') throw new DecodeError(`the document declares ${name.slice(0, 20)} but its bytes are not UTF-16 (no byte order mark)`, 'invalid', '', 1, 'UTF-16');
            if (declared !== 'UTF-8') {
              encoding = declared;
              table = TABLES[declared];
            }
          }
        }
        if (table === undefined) {
          if (label !== 'utf-8') {
            encoding = 'UTF-16';
            little = label === 'utf-16le';
          }
          decoder = new TextDecoder(label, { fatal: true });
        }
      }
      first = false;
      if (table !== undefined) return single(bytes, table);
      const dec = decoder as InstanceType<typeof TextDecoder>;
      if (whole) checkSize(encoding === 'UTF-8' ? (bytes.length > limits.maxStringLength ? utf16Length(bytes) : 0) : bytes.length >> 1);
      let text: string;
      try {
        text = dec.decode(bytes, { stream: !last });
      } catch (e) {
        if (e instanceof TypeError) {
          throw invalid(concat(tail, bytes), last);
        }
        // Node: "Cannot create a string longer than 0x1fffffe8 characters" (ERR_STRING_TOO_LONG).
        throw new DecodeError(`more characters than a string can hold (${String((e as Error).message)})`, 'size', '', 0, '', bytes.length);
      }
      if (!last) {
        // What the decoder holds back (an incomplete sequence) is where an error may start next time.
        const view = encoding === 'UTF-8' && bytes.length >= 4 ? bytes : concat(tail, bytes);
        const keep = encoding === 'UTF-8' ? incompleteUtf8Tail(view) : keepUtf16(view, little);
        tail = keep === 0 ? EMPTY : view.slice(view.length - keep);
      }
      decoded = true;
      advance(text);
      return text;
    },
  };
}

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Bytes at the end of UTF-16 `bytes` the decoder holds back (an odd byte, a high surrogate). */
function keepUtf16(bytes: Uint8Array, little: boolean): number {
  let keep = bytes.length & 1;
  const i = bytes.length - keep - 2;
  if (i >= 0) {
    const u = little ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8) : ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
    if (u >= 0xd800 && u <= 0xdbff) keep += 2;
  }
  return keep;
}
