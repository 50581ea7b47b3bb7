// SPDX-License-Identifier: BSD-3-Clause
/**
 * A strict, incremental XML 1.0 reader for SIUSS flows: text in, events out, with line numbers.
 *
 * Why our own: SIUSS files are attributes-only records that can be 1 GB; fast-xml-parser does not
 * stream and peaks near 20× the input in memory (shared/specs/security.md). This reader keeps only
 * the unread tail of the input, so memory is bounded by the largest single token.
 *
 * What it enforces (XML 1.0 5th ed. well-formedness, with namespaces):
 * - DOCTYPE is refused outright (no DTD, no entity expansion, no external entity: XXE and billion
 *   laughs cannot happen); only the five predefined entities and character references are known;
 * - tags balance, one root element, unique attributes, names are XML names, `<` never in attribute
 *   values, only XML characters (no control characters, no U+FFFE/U+FFFF, no lone surrogates);
 * - attribute values are normalised as XML 1.0 §3.3.3 says for CDATA attributes (a literal tab,
 *   line feed or carriage return becomes a space; character references are kept as written);
 * - line ends are normalised (CR LF and CR → LF) before counting lines;
 * - limits: element depth ≤ 64, attributes per element ≤ 256, name length ≤ 1,000; a tag, comment,
 *   CDATA section or processing instruction ≤ 10 MiB, however the input is cut into chunks (libxml2
 *   refuses comments, processing instructions and attribute values over 10,000,000 bytes too);
 * - time linear in the input whatever the chunk size: a long token arriving in many chunks is held
 *   back and scanned once per chunk, not copied and rescanned at every chunk.
 * - a run of character data (white space between elements included) ≤ 10 MiB, the same limit,
 *   however the input is cut into chunks (libxml2's XML_MAX_TEXT_LENGTH is 10,000,000).
 * Comments and processing instructions are skipped; the XML declaration is checked (version 1.0,
 * an encoding we decode: see `decode.ts`; the text arrives already decoded).
 *
 * Events are pulled with `next` (an object per event) or, allocation-free, with `read` (the event
 * in the reader's fields; a start tag's attribute values as ranges of the reader's buffer): `next`
 * is `read` plus the objects, so both give the same events and errors.
 * @module
 */
import { encodingOf } from './decode.js';

/** An attribute as read: qualified name and normalised value. */
export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
}

/** What the reader produces. */
export type XmlEvent =
  | { readonly type: 'start'; readonly name: string; readonly attributes: readonly XmlAttribute[]; readonly selfClosing: boolean; readonly line: number }
  | { readonly type: 'end'; readonly name: string; readonly line: number }
  /** Character data; `cdata` marks a CDATA section (XSD validators treat it as content even when blank). */
  | { readonly type: 'text'; readonly value: string; readonly line: number; readonly cdata?: true };

/** A well-formedness error, with the line where it was found. */
export class XmlSyntaxError extends Error {
  constructor(
    /** `unsupported_encoding`: `detail` is the declared name. */
    readonly kind: 'syntax' | 'doctype' | 'entity' | 'char' | 'limit' | 'truncated' | 'encoding' | 'unsupported_encoding',
    readonly detail: string,
    readonly line: number,
  ) {
    super(`${kind} at line ${line}: ${detail}`);
    this.name = 'XmlSyntaxError';
  }
}

const MAX_DEPTH = 64;
/** Longest single tag (start tag with its attributes), comment, CDATA section or PI: 10 MiB. A SIUSS tag is under 4 KB. */
const MAX_TAG = 10 * 1024 * 1024;
/** An incomplete token longer than this is held back chunk by chunk (see `XmlReader.hold`). */
const HOLD_FROM = 4 * 1024;
const MAX_ATTRIBUTES = 256;
const MAX_NAME = 1000;

const NAME_START = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_RE = /^[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDBFF][A-Za-z0-9_:.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]*$/;
/** Characters that XML 1.0 forbids anywhere (surrogate pairing is checked separately). */
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** Quick screen: anything that may need a closer look (bad characters or surrogates). */
const SUSPECT_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What {@link XmlReader.read} returns: no event (more input needed, or done), a start tag, an end tag, text. */
export const NO_EVENT = 0;
export const START_EVENT = 1;
export const END_EVENT = 2;
export const TEXT_EVENT = 3;

/**
 * The start tag just read by {@link XmlReader.read}, in storage the reader reuses: valid until its
 * next `read`, `next` or `end`. Attribute `k` (`k < count`) is `names[k]`, its value (normalised,
 * references resolved) `texts[k].slice(from[k], to[k])` — often a range of the reader's buffer, so
 * that a consumer can check a value without making a string of it.
 */
export interface StartTag {
  name: string;
  count: number;
  readonly names: string[];
  /**
   * `ids[k]`: a number that stands for `names[k]` in this reader (the same name, the same number;
   * small integers from 0), or −1 (the name was not interned: read by the general path).
   */
  readonly ids: Int32Array;
  readonly texts: string[];
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** No attribute name has a ':' or is `xmlns` (no namespace declaration, no prefixed attribute). */
  plain: boolean;
  selfClosing: boolean;
  line: number;
}

/** An interned name and the last tag it was seen in. */
interface KnownName {
  readonly name: string;
  /** Its UTF-16 code units. */
  readonly codes: Uint16Array;
  /** `StartTag.ids`. */
  readonly id: number;
  /** No ':' and not `xmlns` (see `StartTag.plain`). */
  readonly plain: boolean;
  stamp: number;
  /**
   * As an element name: the attribute names seen in its start tags, merged in the order they come
   * in (for a file written in the XSD's order, the order of the declarations); null before any.
   */
  order: KnownName[] | null;
  /** As an element name: the element of the start tag that came next, last time. */
  nextStart: KnownName | null;
}

/** Most attribute names remembered per element in `KnownName.order`. */
const MAX_ORDER = 64;
/** How many names of `KnownName.order` are tried from the expected one. */
const LOOKAHEAD = 16;

/**
 * What a character of an attribute value is to the fast path: 0 an ordinary character; QUOTE a
 * quote (closing the value if it is the opening one); AMP a reference to resolve; GT a '>' (the
 * tag may go on past the '>' found first); BAD anything the general path must judge (control
 * characters including tab and line feed, which are normalised, '<', U+D800 and above).
 */
const QUOTE = 1;
const AMP = 2;
const GT = 3;
const BAD = 4;
const VALUE_CLASS = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x20; c++) t[c] = BAD;
  t[0x22] = QUOTE;
  t[0x27] = QUOTE;
  t[0x26] = AMP;
  t[0x3e] = GT;
  t[0x3c] = BAD;
  t.fill(BAD, 0xd800);
  return t;
})();

/** `[A-Za-z_:]`: an ASCII character that may start an XML name. */
function isAsciiNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

/** `[A-Za-z0-9_:.-]`: an ASCII character that may continue an XML name. */
function isAsciiNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x5f || c === 0x2e || c === 0x2d;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Whether a code point may appear in an XML 1.0 document. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Incremental reader. `push` text (already decoded), call `end` after the last chunk, and pull
 * events with `next` until it returns `null` (need more input, or done after `end`).
 */
export class XmlReader {
  private buf = '';
  private pos = 0;
  private line = 1;
  private ended = false;
  private depth = 0;
  private readonly open: string[] = [];
  private seenRoot = false;
  private rootClosed = false;
  private seenAnything = false;
  /** A CR at the very end of a chunk: its LF may come with the next one. */
  private pendingCR = false;

  /** Adds decoded text. */
  push(chunk: string): void {
    if (this.ended) throw new Error('push after end');
    let text = chunk;
    if (this.pendingCR) {
      text = `\r${text}`;
      this.pendingCR = false;
    }
    if (text.endsWith('\r') && !this.ended) {
      text = text.slice(0, -1);
      this.pendingCR = true;
    }
    if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n');
    if (this.hold(text)) return;
    // Compact: drop what was consumed.
    const held = this.takeHeld();
    const rest = this.pos === 0 ? this.buf : this.buf.slice(this.pos);
    // Array#join builds a flat string; `+` would build a rope, through which every charCodeAt of
    // the scan then has to go (measured ~35 % slower reading when fed in chunks).
    this.buf = rest === '' && held === '' ? text : [rest, held, text].join('');
    this.pos = 0;
  }

  /** No more input. */
  end(): void {
    const held = this.takeHeld();
    if (held !== '' || this.pendingCR) {
      this.buf = this.buf.slice(this.pos) + held + (this.pendingCR ? '\n' : '');
      this.pos = 0;
      this.pendingCR = false;
    }
    this.ended = true;
  }

  /**
   * Chunks held back while the token at `pos` — a tag, comment, CDATA section or processing
   * instruction already longer than HOLD_FROM — is incomplete. Appending every chunk to `buf` would
   * copy and rescan the whole token each time: quadratic in the number of chunks (a 4 MB attribute
   * in 4 KB chunks took 7 s). Each held chunk is scanned once for the token's end instead, and the
   * token is assembled when it ends, or at `end`. Found by xml-reader.test.ts.
   */
  private held: string[] = [];
  private heldLength = 0;
  /** What ends the held token: `''` for a start tag ('>' outside quotes), else the closing string. */
  private holdClose: string | null = null;
  private holdQuote = 0;
  private holdTail = '';

  private takeHeld(): string {
    this.holdClose = null;
    this.holdQuote = 0;
    this.holdTail = '';
    if (this.held.length === 0) return '';
    const held = this.held.join('');
    this.held = [];
    this.heldLength = 0;
    return held;
  }

  /** Whether `text` leaves the token at `pos` incomplete, and was therefore held back. */
  private hold(text: string): boolean {
    const pending = this.buf.length - this.pos;
    if (this.holdClose === null) {
      if (pending < HOLD_FROM || this.buf.charCodeAt(this.pos) !== 0x3c) return false;
      const buf = this.buf;
      const at = this.pos;
      const [close, open]: [string | null, number] = buf.startsWith('<!--', at) ? ['-->', 4] : buf.startsWith('<![CDATA[', at) ? [']]>', 9]
        : buf.startsWith('<?', at) ? ['?>', 2] : buf.startsWith('</', at) ? ['>', 2] : buf.startsWith('<!', at) ? [null, 0] : ['', 1];
      if (close === null) return false;
      if (close === '') {
        this.holdQuote = 0;
        if (this.scanTag(buf, at + 1)) return false;
      } else {
        if (buf.indexOf(close, at + open) !== -1) return false;
        this.holdTail = buf.slice(Math.max(at + open, buf.length - close.length + 1));
      }
      this.holdClose = close;
    }
    const close = this.holdClose;
    if (close === '') {
      if (this.scanTag(text, 0)) return false;
    } else {
      const probe = this.holdTail + text;
      if (probe.includes(close)) return false;
      this.holdTail = probe.slice(Math.max(0, probe.length - close.length + 1));
    }
    this.held.push(text);
    this.heldLength += text.length;
    if (pending + this.heldLength > MAX_TAG) this.fail('limit', `a tag, comment, CDATA section or processing instruction longer than ${MAX_TAG} characters`);
    return true;
  }

  /** Scans `text` from `from` with the quote state of the held start tag; true at its closing '>'. */
  private scanTag(text: string, from: number): boolean {
    let quote = this.holdQuote;
    let i = from;
    while (i < text.length) {
      if (quote !== 0) {
        const q = text.indexOf(quote === 0x22 ? '"' : "'", i);
        if (q === -1) break;
        quote = 0;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x3e) return true;
      if (c === 0x22 || c === 0x27) quote = c;
      i++;
    }
    this.holdQuote = quote;
    return false;
  }

  /** Fails when a token from `start` to `end` (its close, or the end of the buffer) is over MAX_TAG. */
  private checkTokenLength(start: number, end: number, what: string): void {
    if (end - start > MAX_TAG) this.fail('limit', `${what} longer than ${MAX_TAG} characters`);
  }

  /** The line of the next unread character. */
  get currentLine(): number {
    return this.line;
  }

  /** The line of the character after all the text pushed so far (read or not). */
  get lineAtEnd(): number {
    let n = this.line + (this.pendingCR ? 1 : 0);
    const buf = this.buf;
    for (let i = this.pos; i < buf.length; i++) if (buf.charCodeAt(i) === 0x0a) n++;
    for (const text of this.held) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) n++;
    return n;
  }

  /**
   * Moves the line count by `delta` (may be negative): a reader resumed in the middle of a
   * document (see `internal/pieces.ts`) counts from the line where its piece starts.
   * @internal
   */
  shiftLines(delta: number): void {
    this.line += delta;
  }

  /**
   * Whether everything pushed and not yet read is white space (spaces, tabs, line ends) with no
   * token held back: the reader stands between two tags, and the text it still owes is blank.
   * @internal
   */
  get blankTail(): boolean {
    if (this.held.length > 0) return false;
    const buf = this.buf;
    for (let i = this.pos; i < buf.length; i++) if (!isSpace(buf.charCodeAt(i))) return false;
    return true;
  }

  /**
   * Whether the run of character data pending at the end of the input so far (its part already
   * read included) is within the limit that the next '<' will hold it to (see `read`: the run is
   * measured whole only when it ends). A piece of a flow cut just before a '<'
   * (`internal/pieces.ts`) never sees that '<', so it checks this instead.
   * @internal
   */
  get tailRunWithinLimit(): boolean {
    return this.textRun + (this.buf.length - this.pos) + this.heldLength + (this.pendingCR ? 1 : 0) <= MAX_TAG;
  }

  /** Open elements (0 before the root and after it). @internal */
  get openElements(): number {
    return this.open.length;
  }

  private fail(kind: XmlSyntaxError['kind'], detail: string, line = this.line): never {
    throw new XmlSyntaxError(kind, detail, line);
  }

  private countLines(from: number, to: number): void {
    // A bounded scan: indexOf would search past `to` up to the next line end, which on a file
    // written as one line means the rest of the buffer, for every event.
    const buf = this.buf;
    let n = 0;
    for (let i = from; i < to; i++) if (buf.charCodeAt(i) === 0x0a) n++;
    this.line += n;
  }

  private checkChars(text: string, line: number): void {
    if (SUSPECT_CHAR.test(text) && (BAD_CHAR.test(text) || LONE_SURROGATE.test(text))) {
      this.fail('char', 'character not allowed in XML', line);
    }
  }

  /** Names already checked against the XML name production. */
  private readonly goodNames = new Set<string>();

  private checkName(name: string, what: string, line: number): void {
    if (this.goodNames.has(name)) return;
    if (name.length === 0 || name.length > MAX_NAME || !NAME_RE.test(name)) this.fail('syntax', `bad ${what} name`, line);
    if (this.goodNames.size < 4096) this.goodNames.add(name);
  }

  /** The current start tag, after `read` returned START_EVENT (reused storage: see {@link StartTag}). */
  readonly tag: StartTag = {
    name: '', count: 0, names: new Array<string>(MAX_ATTRIBUTES).fill(''), ids: new Int32Array(MAX_ATTRIBUTES),
    texts: new Array<string>(MAX_ATTRIBUTES).fill(''), from: new Int32Array(MAX_ATTRIBUTES), to: new Int32Array(MAX_ATTRIBUTES),
    plain: true, selfClosing: false, line: 0,
  };
  /** After END_EVENT: the element name. */
  endName = '';
  /** After TEXT_EVENT: the text (resolved), whether it is a CDATA section, whether it is only white space (space, tab, LF) read by the fast path. */
  text = '';
  cdata = false;
  blank = false;
  /** After END_EVENT or TEXT_EVENT: the line of the event (a start tag's is `tag.line`). */
  eventLine = 0;

  /** Next event, or `null` when more input is needed (or, after `end`, when the document is done). */
  next(): XmlEvent | null {
    const kind = this.read();
    if (kind === START_EVENT) {
      const { name, count, names, texts, from, to, selfClosing, line } = this.tag;
      const attributes: XmlAttribute[] = [];
      for (let k = 0; k < count; k++) {
        const text = texts[k] as string;
        const f = from[k] as number;
        const t = to[k] as number;
        attributes.push({ name: names[k] as string, value: f === 0 && t === text.length ? text : text.slice(f, t) });
      }
      return { type: 'start', name, attributes, selfClosing, line };
    }
    if (kind === END_EVENT) return { type: 'end', name: this.endName, line: this.eventLine };
    if (kind === TEXT_EVENT) return this.cdata ? { type: 'text', value: this.text, line: this.eventLine, cdata: true } : { type: 'text', value: this.text, line: this.eventLine };
    return null;
  }

  private textEvent(value: string, line: number, cdata: boolean, blank: boolean): number {
    this.text = value;
    this.eventLine = line;
    this.cdata = cdata;
    this.blank = blank;
    return TEXT_EVENT;
  }

  private endEvent(name: string, line: number): number {
    this.endName = name;
    this.eventLine = line;
    return END_EVENT;
  }

  /**
   * Reads the next event into the reader's fields (see START_EVENT…); NO_EVENT when more input is
   * needed (or, after `end`, when the document is done). The allocation-free form of `next`.
   */
  read(): number {
    // A held token is incomplete by definition: nothing to do until a chunk completes it.
    if (this.holdClose !== null) return NO_EVENT;
    for (;;) {
      const buf = this.buf;
      const start = this.pos;
      if (start >= buf.length) {
        if (!this.ended) return NO_EVENT;
        if (!this.seenRoot) this.fail(this.seenAnything ? 'truncated' : 'syntax', 'no root element');
        if (!this.rootClosed) this.fail('truncated', `end of input inside <${this.open[this.open.length - 1] ?? '?'}>`);
        return NO_EVENT;
      }
      if (buf.charCodeAt(start) !== 0x3c /* < */) {
        // Resume the search for '<' where the previous call stopped (text arriving in small chunks).
        const lt = buf.indexOf('<', start + this.textScanned);
        let endText = lt === -1 ? buf.length : lt;
        if (lt === -1 && !this.ended) {
          // Text may continue in the next chunk: emit nothing yet unless it is large, and never cut a reference.
          this.textScanned = buf.length - start;
          if (buf.length - start < 65536) return NO_EVENT;
          const amp = buf.lastIndexOf('&');
          if (amp > endText - 40 && buf.indexOf(';', amp) === -1) endText = amp;
        }
        const line = this.line;
        // A run of character data counts against MAX_TAG like a tag, white space included (50 MB
        // of blanks between two elements was accepted): summed over the pieces of a long run, so
        // the whole-document and streaming APIs fail alike, at the line where the run starts.
        if (this.textRun === 0) this.textRunLine = line;
        this.textRun += endText - start;
        // (Text outside the root is a syntax error first, as it is when it comes in pieces.)
        if (this.textRun > MAX_TAG && !(this.depth === 0 && /[^ \t\n\r]/.test(buf.slice(start, endText)))) this.fail('limit', `character data (white space included) longer than ${MAX_TAG} characters`, this.textRunLine);
        if (lt !== -1 || this.ended) this.textRun = 0;
        if (this.depth > 0) {
          // White space between tags (most text of a flow): nothing to check, nothing to slice.
          const ws = this.whiteSpace(buf, start, endText);
          if (ws !== null) {
            this.pos = endText;
            this.textScanned = 0;
            this.seenAnything = true;
            return this.textEvent(ws, line, false, true);
          }
        }
        const raw = buf.slice(start, endText);
        this.countLines(start, endText);
        this.pos = endText;
        this.textScanned = 0;
        this.seenAnything = true;
        if (this.depth === 0) {
          // Only XML white space (S: space, tab, line end) may surround the root; not String#trim's
          // Unicode spaces (no-break space, U+FEFF, U+3000…). Found by differential.test.ts.
          if (/[^ \t\n\r]/.test(raw)) this.fail('syntax', 'text outside the root element', line);
          continue;
        }
        return this.textEvent(this.decodeText(raw, line), line, false, false);
      }
      // Markup. Most of it is start and end tags: dispatch on the character after '<' (when there
      // is one: reading past the end of a string makes optimised code start over).
      if (start + 1 >= buf.length && !this.ended) return NO_EVENT;
      const next = buf.charCodeAt(start + 1);
      if (next !== 0x21 /* ! */ && next !== 0x3f /* ? */ && next !== 0x2f /* / */) {
        if (this.fastStartTag(buf, start)) return START_EVENT;
      } else if (buf.startsWith('<!--', start)) {
        const close = buf.indexOf('-->', start + 4);
        this.checkTokenLength(start, close === -1 ? buf.length : close, 'a comment');
        if (close === -1) {
          if (!this.ended) return NO_EVENT;
          this.fail('truncated', 'comment not closed');
        }
        const body = buf.slice(start + 4, close);
        if (body.includes('--') || body.endsWith('-')) this.fail('syntax', "'--' inside a comment");
        this.checkChars(body, this.line);
        this.countLines(start, close + 3);
        this.pos = close + 3;
        this.seenAnything = true;
        continue;
      }
      if (buf.startsWith('<![CDATA[', start)) {
        const close = buf.indexOf(']]>', start + 9);
        this.checkTokenLength(start, close === -1 ? buf.length : close, 'a CDATA section');
        if (close === -1) {
          if (!this.ended) return NO_EVENT;
          this.fail('truncated', 'CDATA section not closed');
        }
        if (this.depth === 0) this.fail('syntax', 'CDATA outside the root element');
        const line = this.line;
        const value = buf.slice(start + 9, close);
        this.checkChars(value, line);
        this.countLines(start, close + 3);
        this.pos = close + 3;
        return this.textEvent(value, line, true, false);
      }
      if (buf.startsWith('<!', start)) {
        if (buf.length - start < 9 && !this.ended) return NO_EVENT;
        if (buf.startsWith('<!DOCTYPE', start)) this.fail('doctype', 'DOCTYPE is not allowed in a SIUSS flow (no DTD, no entities)');
        this.fail('syntax', 'unexpected markup declaration');
      }
      if (buf.startsWith('<?', start)) {
        const close = buf.indexOf('?>', start + 2);
        this.checkTokenLength(start, close === -1 ? buf.length : close, 'a processing instruction');
        if (close === -1) {
          if (!this.ended) return NO_EVENT;
          this.fail('truncated', 'processing instruction not closed');
        }
        const body = buf.slice(start + 2, close);
        // XML white space only (not \s, which also matches U+00A0, U+3000…): found by differential.test.ts.
        const target = /^[^ \t\n\r?]+/.exec(body)?.[0] ?? '';
        if (target.toLowerCase() === 'xml') {
          // seenAnything, not start === 0: a comment or white space may have come in an earlier chunk.
          if (target !== 'xml' || this.seenAnything || this.line !== 1) this.fail('syntax', 'XML declaration not at the start');
          this.checkDeclaration(body);
        } else if (target === '' || !NAME_RE.test(target)) this.fail('syntax', 'bad processing instruction');
        this.countLines(start, close + 2);
        this.pos = close + 2;
        this.seenAnything = true;
        continue;
      }
      if (next === 0x2f /* / */) {
        // The usual case: exactly the name of the open element, then '>'.
        const top = this.open[this.open.length - 1];
        if (top !== undefined && start + 2 + top.length < buf.length && buf.charCodeAt(start + 2 + top.length) === 0x3e && buf.startsWith(top, start + 2)) {
          const line = this.line;
          this.open.pop();
          this.pos = start + 3 + top.length;
          this.depth--;
          if (this.depth === 0) this.rootClosed = true;
          return this.endEvent(top, line);
        }
        const close = buf.indexOf('>', start + 2);
        this.checkTokenLength(start, close === -1 ? buf.length : close, 'an end tag');
        if (close === -1) {
          if (!this.ended) return NO_EVENT;
          this.fail('truncated', 'end tag not closed');
        }
        const name = buf.slice(start + 2, close).replace(/[ \t\n]+$/, '');
        const line = this.line;
        const expected = this.open.pop();
        if (expected === undefined || expected !== name) {
          this.fail('syntax', expected === undefined ? `end tag </${name.slice(0, 50)}> without start tag` : `end tag </${name.slice(0, 50)}> does not match <${expected}>`, line);
        }
        this.countLines(start, close + 1);
        this.pos = close + 1;
        this.depth--;
        if (this.depth === 0) this.rootClosed = true;
        return this.endEvent(name, line);
      }
      // Start tag: find its '>' outside quotes.
      const close = this.findTagEnd(start + 1);
      if (close === -1) {
        if (!this.ended) return NO_EVENT;
        this.fail('truncated', 'start tag not closed');
      }
      const line = this.line;
      this.readStartTag(start + 1, close, line);
      this.countLines(start, close + 1);
      this.pos = close + 1;
      this.seenAnything = true;
      return START_EVENT;
    }
  }

  /** White-space strings of the usual shapes (line feed + indentation), shared instead of sliced. */
  private static readonly INDENTS: readonly string[] = Array.from({ length: 65 }, (_, k) => `\n${' '.repeat(k)}`);

  /**
   * If `buf[from, to)` is only spaces, tabs and line feeds (the text between the tags of a flow),
   * counts its lines and returns it (without the checks other text needs: there is nothing to
   * check); otherwise `null`, and nothing changes.
   */
  private whiteSpace(buf: string, from: number, to: number): string | null {
    let lines = 0;
    let spaces = 0;
    for (let i = from; i < to; i++) {
      const c = buf.charCodeAt(i);
      if (c === 0x0a) lines++;
      else if (c === 0x20) spaces++;
      else if (c !== 0x09) return null;
    }
    this.line += lines;
    const n = to - from;
    if (lines === 1 && spaces === n - 1 && n <= 65 && buf.charCodeAt(from) === 0x0a) return XmlReader.INDENTS[n - 1] as string;
    return buf.slice(from, to);
  }

  /** Known names (interned), by length; each already checked against the XML name production. */
  private readonly namesByLength: (KnownName[] | undefined)[] = [];
  private knownNames = 0;
  /** The element of the last start tag read by the fast path (for predicting the next one). */
  private lastStart: KnownName | null = null;
  /** Marks the attributes of the tag being read (repetition check without a set). */
  private tagStamp = 0;
  /** Which values of the tag being read by the fast path have a reference to resolve. */
  private readonly withReference = new Uint8Array(MAX_ATTRIBUTES);

  /**
   * The known name written at `buf[from, to)` (added on first sight), or `null` when it is not a
   * valid XML name or the table is full (the caller then takes the general path).
   */
  private knownName(buf: string, from: number, to: number): KnownName | null {
    const length = to - from;
    let list = this.namesByLength[length];
    if (list !== undefined) {
      for (let k = 0; k < list.length; k++) {
        const known = list[k] as KnownName;
        // Compared with its char codes: faster than startsWith (a builtin call each time).
        const codes = known.codes;
        let m = 0;
        while (m < length && codes[m] === buf.charCodeAt(from + m)) m++;
        if (m === length) return known;
      }
    }
    if (this.knownNames >= 4096 || length > MAX_NAME) return null;
    const name = buf.slice(from, to);
    if (!NAME_RE.test(name)) return null;
    const codes = new Uint16Array(length);
    for (let k = 0; k < length; k++) codes[k] = name.charCodeAt(k);
    // An internalized copy (a property key): a flat string with its hash computed once, not a
    // slice that keeps the chunk it came from alive; the engine's map lookups by name are faster.
    const known: KnownName = {
      name: Object.keys({ [name]: 0 })[0] as string, codes, id: this.knownNames, plain: name !== 'xmlns' && !name.includes(':'), stamp: 0,
      order: null, nextStart: null,
    };
    if (list === undefined) this.namesByLength[length] = list = [];
    list.push(known);
    this.knownNames++;
    return known;
  }

  /**
   * A start tag in the common form — ASCII names, `name="value"` separated by spaces, tabs or line
   * feeds, values without `<`, control characters or characters from U+D800 up — read in one pass
   * into `tag`, with interned names, no per-attribute object or string (values are ranges of `buf`)
   * and no set or regular expression. Anything else (including an incomplete or wrong tag) returns
   * `false` with nothing read (position, line and open elements unchanged; only `tag`'s storage and
   * the predictions may have changed), and the general path reads the tag: same events, same
   * errors. Values with references are decoded once the whole tag is known to be regular, in order,
   * by the same function as the general path (so a bad reference throws the same error it would).
   *
   * No character past the end of `buf` is ever read: each chunk ends inside some tag, and reading
   * past the end of a string makes V8 throw away the optimised code of the function — again at each
   * new place (the reader took 1.3 s on the 100 MB benchmark flow in a fresh process, 0.6 s once it
   * stopped). `gt` is the first '>' not yet passed: every scan outside values stops at it or before,
   * and a value scan stops at each '>' to look for the next.
   */
  private fastStartTag(buf: string, start: number): boolean {
    if (this.rootClosed) return false;
    let gt = buf.indexOf('>', start + 1);
    if (gt === -1) return false;
    let i = start + 1;
    // Predicted element: the one whose start tag followed the previous start tag last time.
    let element: KnownName | null = null;
    const predicted = this.lastStart === null ? null : this.lastStart.nextStart;
    if (predicted !== null) {
      const codes = predicted.codes;
      const n = codes.length;
      if (i + n <= gt) {
        let m = 0;
        while (m < n && codes[m] === buf.charCodeAt(i + m)) m++;
        if (m === n && !isAsciiNameChar(buf.charCodeAt(i + n))) {
          element = predicted;
          i += n;
        }
      }
    }
    if (element === null) {
      if (!isAsciiNameStart(buf.charCodeAt(i))) return false;
      do i++;
      while (isAsciiNameChar(buf.charCodeAt(i)));
      element = this.knownName(buf, start + 1, i);
      if (element === null) return false;
    }
    const stamp = ++this.tagStamp;
    const tag = this.tag;
    const names = tag.names;
    const ids = tag.ids;
    const texts = tag.texts;
    const from = tag.from;
    const to = tag.to;
    const withReference = this.withReference;
    const order = (element.order ??= []);
    /** Where in `order` the next name is expected. */
    let cursor = 0;
    let count = 0;
    let plain = true;
    let references = false;
    let lines = 0;
    let selfClosing = false;
    let c = buf.charCodeAt(i);
    for (;;) {
      if (c === 0x3e /* > */) break;
      if (c === 0x2f /* / */) {
        if (buf.charCodeAt(i + 1) !== 0x3e) return false;
        selfClosing = true;
        i++;
        break;
      }
      if (c !== 0x20 && c !== 0x0a && c !== 0x09) return false;
      do {
        if (c === 0x0a) lines++;
        c = buf.charCodeAt(++i);
      } while (c === 0x20 || c === 0x0a || c === 0x09);
      if (c === 0x3e || c === 0x2f) continue;
      // Predicted name: the one after the previous attribute in the order of this element, or one
      // of the next ones (optional attributes come and go). A match is the name followed by '=':
      // exactly what scanning the name would find, in one comparison instead of two passes.
      let name: KnownName | null = null;
      const until = Math.min(order.length, cursor + LOOKAHEAD);
      for (let q = cursor; q < until; q++) {
        const candidate = order[q] as KnownName;
        const codes = candidate.codes;
        const n = codes.length;
        if (i + n >= gt || buf.charCodeAt(i + n) !== 0x3d /* = */) continue;
        let m = 0;
        while (m < n && codes[m] === buf.charCodeAt(i + m)) m++;
        if (m === n) {
          name = candidate;
          cursor = q + 1;
          i += n;
          break;
        }
      }
      if (name === null) {
        if (!isAsciiNameStart(c)) return false;
        const nameStart = i;
        do c = buf.charCodeAt(++i);
        while (isAsciiNameChar(c));
        if (c !== 0x3d /* = */) return false;
        name = this.knownName(buf, nameStart, i);
        if (name === null) return false;
        const at = order.indexOf(name);
        if (at !== -1) cursor = at + 1;
        else if (order.length < MAX_ORDER) {
          // A name not seen before in this element: after the previous one.
          order.splice(cursor, 0, name);
          cursor++;
        }
      }
      // buf[i] is '=', before gt.
      const quote = buf.charCodeAt(i + 1);
      if (quote !== 0x22 && quote !== 0x27) return false;
      if (name.stamp === stamp || count >= MAX_ATTRIBUTES) return false;
      name.stamp = stamp;
      const valueStart = i + 2;
      let j = valueStart;
      let reference = 0;
      for (;;) {
        let kind: number;
        // Stops at gt at the latest ('>' is not ordinary): never past the end of buf.
        while ((kind = VALUE_CLASS[buf.charCodeAt(j)] as number) === 0) j++;
        if (kind === QUOTE) {
          if (buf.charCodeAt(j) === quote) break;
        } else if (kind === AMP) reference = 1;
        else if (kind === GT) {
          gt = buf.indexOf('>', j + 1);
          if (gt === -1) return false;
        } else return false;
        j++;
      }
      names[count] = name.name;
      ids[count] = name.id;
      if (!name.plain) plain = false;
      texts[count] = buf;
      from[count] = valueStart;
      to[count] = j;
      withReference[count] = reference;
      if (reference !== 0) references = true;
      count++;
      i = j + 1;
      c = buf.charCodeAt(i);
    }
    if (i - start > MAX_TAG) return false; // the general path reports it
    const line = this.line;
    if (references) {
      for (let k = 0; k < count; k++) {
        if (withReference[k] === 0) continue;
        const value = this.decodeAttribute(buf.slice(from[k], to[k]), line);
        texts[k] = value;
        from[k] = 0;
        to[k] = value.length;
      }
    }
    if (!selfClosing && this.depth >= MAX_DEPTH) return false;
    if (this.depth === 0) this.seenRoot = true;
    if (!selfClosing) {
      this.open.push(element.name);
      this.depth++;
    } else if (this.depth === 0) this.rootClosed = true;
    this.line += lines;
    this.pos = i + 1;
    this.seenAnything = true;
    this.scanOffset = 0;
    this.scanQuote = 0;
    if (this.lastStart !== null) this.lastStart.nextStart = element;
    this.lastStart = element;
    tag.name = element.name;
    tag.count = count;
    tag.plain = plain;
    tag.selfClosing = selfClosing;
    tag.line = line;
    return true;
  }

  /** How far past `pos` the text being read has been searched for '<' without finding one. */
  private textScanned = 0;
  /** Characters of the run of character data being read, in the events given so far (0: none), and its first line. */
  private textRun = 0;
  private textRunLine = 0;

  /** Where the scan of an incomplete start tag stopped (offset from the tag start) and inside which quote. */
  private scanOffset = 0;
  private scanQuote = 0;

  /**
   * Index of the '>' that closes the start tag beginning at `from` (quoted values skipped), or −1
   * when the buffer ends first. Resumes where the previous call stopped, so a huge tag arriving in
   * many chunks is scanned once.
   */
  private findTagEnd(from: number): number {
    const buf = this.buf;
    let i = from + this.scanOffset;
    let quote = this.scanQuote;
    while (i < buf.length) {
      if (quote !== 0) {
        const close = buf.indexOf(quote === 0x22 ? '"' : "'", i);
        if (close === -1) {
          i = buf.length;
          break;
        }
        quote = 0;
        i = close + 1;
        continue;
      }
      const c = buf.charCodeAt(i);
      if (c === 0x3e) {
        this.scanOffset = 0;
        this.scanQuote = 0;
        if (i - from > MAX_TAG) this.fail('limit', `a tag longer than ${MAX_TAG} characters`);
        return i;
      }
      if (c === 0x22 || c === 0x27) quote = c;
      i++;
    }
    this.scanOffset = i - from;
    this.scanQuote = quote;
    if (i - from > MAX_TAG) this.fail('limit', `a tag longer than ${MAX_TAG} characters`);
    return -1;
  }

  private readStartTag(from: number, to: number, line: number): void {
    const buf = this.buf;
    let end = to;
    let selfClosing = false;
    if (buf.charCodeAt(end - 1) === 0x2f) {
      selfClosing = true;
      end--;
    }
    let i = from;
    while (i < end && !isSpace(buf.charCodeAt(i))) i++;
    const name = buf.slice(from, i);
    this.checkName(name, 'element', line);
    if (this.rootClosed) this.fail('syntax', 'a second root element', line);
    const tag = this.tag;
    const names = tag.names;
    let count = 0;
    let plain = true;
    const seen = new Set<string>();
    for (;;) {
      const before = i;
      while (i < end && isSpace(buf.charCodeAt(i))) i++;
      if (i >= end) break;
      if (i === before) this.fail('syntax', 'attributes must be separated by white space', line);
      const eq = buf.indexOf('=', i);
      if (eq === -1 || eq >= end) this.fail('syntax', 'attribute without value', line);
      let nameEnd = eq;
      while (nameEnd > i && isSpace(buf.charCodeAt(nameEnd - 1))) nameEnd--;
      const attrName = buf.slice(i, nameEnd);
      this.checkName(attrName, 'attribute', line);
      i = eq + 1;
      while (i < end && isSpace(buf.charCodeAt(i))) i++;
      const quote = buf.charAt(i);
      if (quote !== '"' && quote !== "'") this.fail('syntax', `value of ${attrName.slice(0, 50)} not quoted`, line);
      const closeQuote = buf.indexOf(quote, i + 1);
      if (closeQuote === -1 || closeQuote >= end + (selfClosing ? 1 : 0)) this.fail('syntax', 'attribute value not closed', line);
      const raw = buf.slice(i + 1, closeQuote);
      if (raw.includes('<')) this.fail('syntax', `'<' in the value of ${attrName.slice(0, 50)}`, line);
      if (seen.has(attrName)) this.fail('syntax', `attribute ${attrName.slice(0, 50)} repeated`, line);
      seen.add(attrName);
      if (count >= MAX_ATTRIBUTES) this.fail('limit', `more than ${MAX_ATTRIBUTES} attributes`, line);
      const value = this.decodeAttribute(raw, line);
      tag.texts[count] = value;
      tag.from[count] = 0;
      tag.to[count] = value.length;
      names[count] = attrName;
      tag.ids[count] = -1;
      count++;
      if (attrName === 'xmlns' || attrName.includes(':')) plain = false;
      i = closeQuote + 1;
    }
    if (this.depth === 0) this.seenRoot = true;
    if (!selfClosing) {
      if (this.depth >= MAX_DEPTH) this.fail('limit', `elements nested deeper than ${MAX_DEPTH}`, line);
      this.open.push(name);
      this.depth++;
    } else if (this.depth === 0) this.rootClosed = true;
    tag.name = name;
    tag.count = count;
    tag.plain = plain;
    tag.selfClosing = selfClosing;
    tag.line = line;
  }

  private checkDeclaration(body: string): void {
    // [ \t\n] is XML's S (line ends are already normalised); \s would also accept Unicode spaces.
    const m = /^xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(yes|no)\4)?[ \t\n]*$/.exec(body);
    if (!m) this.fail('syntax', 'malformed XML declaration', 1);
    // The bytes were decoded by decode.ts (which refuses an unknown name first); text given as a
    // string is already decoded, but its declaration must still name an encoding we know.
    if (m[3] !== undefined && encodingOf(m[3]) === null) this.fail('unsupported_encoding', m[3], 1);
  }

  /** Resolves the five predefined entities and character references. */
  private resolveReferences(raw: string, line: number): string {
    if (!raw.includes('&')) return raw;
    // Character references may have any number of leading zeros (`&#x0000041;` is `A`): found by differential.test.ts.
    return raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[^;&\s]{0,32});|&/g, (whole, ref: string | undefined) => {
      if (ref === undefined) this.fail('syntax', "'&' not part of a reference (write &amp;)", line);
      switch (ref) {
        case 'lt': return '<';
        case 'gt': return '>';
        case 'amp': return '&';
        case 'quot': return '"';
        case 'apos': return "'";
        default: break;
      }
      let cp = Number.NaN;
      const hex = /^#x0*([0-9A-Fa-f]{1,6})$/.exec(ref);
      const dec = hex === null ? /^#0*([0-9]{1,7})$/.exec(ref) : null;
      if (hex !== null) cp = parseInt(hex[1] as string, 16);
      else if (dec !== null) cp = parseInt(dec[1] as string, 10);
      else if (ref.startsWith('#')) this.fail('syntax', 'malformed character reference', line);
      else this.fail('entity', `undefined entity &${ref.slice(0, 32)}; (no DTD)`, line);
      if (!isXmlChar(cp)) this.fail('char', 'character reference to a character not allowed in XML', line);
      return String.fromCodePoint(cp);
    });
  }

  private decodeAttribute(raw: string, line: number): string {
    this.checkChars(raw, line);
    // XML 1.0 §3.3.3: literal white space characters become spaces (line ends already normalised).
    const spaced = /[\t\n]/.test(raw) ? raw.replace(/[\t\n]/g, ' ') : raw;
    return this.resolveReferences(spaced, line);
  }

  private decodeText(raw: string, line: number): string {
    this.checkChars(raw, line);
    if (raw.includes(']]>')) this.fail('syntax', "']]>' in text", line);
    return this.resolveReferences(raw, line);
  }
}

/** Whether a name may start an XML name (exported for tests). */
export function isNameStart(ch: string): boolean {
  return NAME_START.test(ch);
}
