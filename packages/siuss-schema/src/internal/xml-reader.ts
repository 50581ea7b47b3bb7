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
 * Comments and processing instructions are skipped; the XML declaration is checked (version 1.0,
 * encoding UTF-8 or UTF-16 only).
 * @module
 */

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
    readonly kind: 'syntax' | 'doctype' | 'entity' | 'char' | 'limit' | 'truncated' | 'encoding',
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

/** An interned name and the last tag it was seen in. */
interface KnownName {
  readonly name: string;
  /** Its UTF-16 code units. */
  readonly codes: Uint16Array;
  stamp: number;
  /** As an element name: the attribute names of its last start tag read by the fast path, in order. */
  attributeOrder: readonly KnownName[];
  /** As an element name: the element of the start tag that came next, last time. */
  nextStart: KnownName | null;
}

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

  /** Next event, or `null` when more input is needed (or, after `end`, when the document is done). */
  next(): XmlEvent | null {
    // A held token is incomplete by definition: nothing to do until a chunk completes it.
    if (this.holdClose !== null) return null;
    for (;;) {
      const buf = this.buf;
      const start = this.pos;
      if (start >= buf.length) {
        if (!this.ended) return null;
        if (!this.seenRoot) this.fail(this.seenAnything ? 'truncated' : 'syntax', 'no root element');
        if (!this.rootClosed) this.fail('truncated', `end of input inside <${this.open[this.open.length - 1] ?? '?'}>`);
        return null;
      }
      if (buf.charCodeAt(start) !== 0x3c /* < */) {
        // Resume the search for '<' where the previous call stopped (text arriving in small chunks).
        const lt = buf.indexOf('<', start + this.textScanned);
        let endText = lt === -1 ? buf.length : lt;
        if (lt === -1 && !this.ended) {
          // Text may continue in the next chunk: emit nothing yet unless it is large, and never cut a reference.
          this.textScanned = buf.length - start;
          if (buf.length - start < 65536) return null;
          const amp = buf.lastIndexOf('&');
          if (amp > endText - 40 && buf.indexOf(';', amp) === -1) endText = amp;
        }
        const line = this.line;
        if (this.depth > 0) {
          // White space between tags (most text of a flow): nothing to check, nothing to slice.
          const ws = this.whiteSpace(buf, start, endText);
          if (ws !== null) {
            this.pos = endText;
            this.textScanned = 0;
            this.seenAnything = true;
            return { type: 'text', value: ws, line };
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
        return { type: 'text', value: this.decodeText(raw, line), line };
      }
      // Markup. Most of it is start and end tags: dispatch on the character after '<'.
      const next = buf.charCodeAt(start + 1);
      if (next !== 0x21 /* ! */ && next !== 0x3f /* ? */ && next !== 0x2f /* / */) {
        const event = this.fastStartTag(buf, start);
        if (event !== null) return event;
      } else if (buf.startsWith('<!--', start)) {
        const close = buf.indexOf('-->', start + 4);
        this.checkTokenLength(start, close === -1 ? buf.length : close, 'a comment');
        if (close === -1) {
          if (!this.ended) return null;
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
          if (!this.ended) return null;
          this.fail('truncated', 'CDATA section not closed');
        }
        if (this.depth === 0) this.fail('syntax', 'CDATA outside the root element');
        const line = this.line;
        const value = buf.slice(start + 9, close);
        this.checkChars(value, line);
        this.countLines(start, close + 3);
        this.pos = close + 3;
        return { type: 'text', value, line, cdata: true };
      }
      if (buf.startsWith('<!', start)) {
        if (buf.length - start < 9 && !this.ended) return null;
        if (buf.startsWith('<!DOCTYPE', start)) this.fail('doctype', 'DOCTYPE is not allowed in a SIUSS flow (no DTD, no entities)');
        this.fail('syntax', 'unexpected markup declaration');
      }
      if (buf.startsWith('<?', start)) {
        const close = buf.indexOf('?>', start + 2);
        this.checkTokenLength(start, close === -1 ? buf.length : close, 'a processing instruction');
        if (close === -1) {
          if (!this.ended) return null;
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
        if (top !== undefined && buf.startsWith(top, start + 2) && buf.charCodeAt(start + 2 + top.length) === 0x3e) {
          const line = this.line;
          this.open.pop();
          this.pos = start + 3 + top.length;
          this.depth--;
          if (this.depth === 0) this.rootClosed = true;
          return { type: 'end', name: top, line };
        }
        const close = buf.indexOf('>', start + 2);
        this.checkTokenLength(start, close === -1 ? buf.length : close, 'an end tag');
        if (close === -1) {
          if (!this.ended) return null;
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
        return { type: 'end', name, line };
      }
      // Start tag: find its '>' outside quotes.
      const close = this.findTagEnd(start + 1);
      if (close === -1) {
        if (!this.ended) return null;
        this.fail('truncated', 'start tag not closed');
      }
      const line = this.line;
      const event = this.readStartTag(start + 1, close, line);
      this.countLines(start, close + 1);
      this.pos = close + 1;
      this.seenAnything = true;
      return event;
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
    const known: KnownName = { name: Object.keys({ [name]: 0 })[0] as string, codes, stamp: 0, attributeOrder: [], nextStart: null };
    if (list === undefined) this.namesByLength[length] = list = [];
    list.push(known);
    this.knownNames++;
    return known;
  }

  /**
   * A start tag in the common form — ASCII names, `name="value"` separated by spaces, tabs or line
   * feeds, values without `<`, control characters or characters from U+D800 up — read in one pass,
   * with interned names and no per-attribute set or regular expression. Anything else (including
   * an incomplete or wrong tag) returns `null` with nothing changed, and the general path reads
   * the tag: same events, same errors. Values with references are decoded once the whole tag is
   * known to be regular, in order, by the same function as the general path (so a bad reference
   * throws the same error it would there).
   */
  private fastStartTag(buf: string, start: number): XmlEvent | null {
    if (this.rootClosed) return null;
    const length = buf.length;
    let i = start + 1;
    let c = buf.charCodeAt(i);
    // Predicted element: the one whose start tag followed the previous start tag last time.
    let element: KnownName | null = null;
    const predicted = this.lastStart?.nextStart ?? null;
    if (predicted !== null) {
      const codes = predicted.codes;
      const n = codes.length;
      let m = 0;
      while (m < n && codes[m] === buf.charCodeAt(i + m)) m++;
      const after = buf.charCodeAt(i + n);
      if (m === n && !isAsciiNameChar(after) && after === after /* not past the end */) {
        element = predicted;
        i += n;
        c = after;
      }
    }
    if (element === null) {
      if (!isAsciiNameStart(c)) return null;
      do c = buf.charCodeAt(++i);
      while (isAsciiNameChar(c));
      element = this.knownName(buf, start + 1, i);
      if (element === null) return null;
    }
    const stamp = ++this.tagStamp;
    const attributes: XmlAttribute[] = [];
    /** This tag's attribute names, and the last tag's (for the prediction below). */
    const names: KnownName[] = [];
    const seq = element.attributeOrder;
    let cursor = 0;
    /** Indexes of values with a reference, to decode at the end. */
    let withReferences: number[] | null = null;
    let lines = 0;
    let selfClosing = false;
    for (;;) {
      if (c === 0x3e /* > */) break;
      if (c === 0x2f /* / */) {
        if (buf.charCodeAt(i + 1) !== 0x3e) return null;
        selfClosing = true;
        i++;
        break;
      }
      if (c !== 0x20 && c !== 0x0a && c !== 0x09) return null;
      do {
        if (c === 0x0a) lines++;
        c = buf.charCodeAt(++i);
      } while (c === 0x20 || c === 0x0a || c === 0x09);
      if (c === 0x3e || c === 0x2f) continue;
      // Predicted name: the one after the previous attribute in the last tag of this element, or
      // one of the next five (optional attributes come and go). A match is the name followed by
      // '=': exactly what scanning the name would find, in one comparison instead of two passes.
      let name: KnownName | null = null;
      for (let q = cursor; q < seq.length && q < cursor + 6; q++) {
        const candidate = seq[q] as KnownName;
        const codes = candidate.codes;
        const n = codes.length;
        if (buf.charCodeAt(i + n) !== 0x3d /* = */) continue;
        let m = 0;
        while (m < n && codes[m] === buf.charCodeAt(i + m)) m++;
        if (m === n) {
          name = candidate;
          cursor = q + 1;
          i += n;
          c = 0x3d;
          break;
        }
      }
      if (name === null) {
        if (!isAsciiNameStart(c)) return null;
        const nameStart = i;
        do c = buf.charCodeAt(++i);
        while (isAsciiNameChar(c));
        if (c !== 0x3d /* = */) return null;
        name = this.knownName(buf, nameStart, i);
        if (name !== null) cursor = seq.indexOf(name) + 1;
      }
      const quote = buf.charCodeAt(i + 1);
      if (quote !== 0x22 && quote !== 0x27) return null;
      if (name === null || name.stamp === stamp || attributes.length >= MAX_ATTRIBUTES) return null;
      names.push(name);
      name.stamp = stamp;
      const valueStart = i + 2;
      let j = valueStart;
      for (;;) {
        if (j >= length) return null;
        const v = buf.charCodeAt(j);
        if (v === quote) break;
        if (v < 0x20 || v === 0x3c /* < */ || v >= 0xd800) return null;
        if (v === 0x26 /* & */ && (withReferences === null || withReferences[withReferences.length - 1] !== attributes.length)) {
          (withReferences ??= []).push(attributes.length);
        }
        j++;
      }
      attributes.push({ name: name.name, value: buf.slice(valueStart, j) });
      i = j + 1;
      c = buf.charCodeAt(i);
    }
    if (i - start > MAX_TAG) return null; // the general path reports it
    const line = this.line;
    if (withReferences !== null) {
      for (const k of withReferences) {
        const a = attributes[k] as XmlAttribute;
        attributes[k] = { name: a.name, value: this.decodeAttribute(a.value, line) };
      }
    }
    if (!selfClosing && this.depth >= MAX_DEPTH) return null;
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
    element.attributeOrder = names;
    if (this.lastStart !== null) this.lastStart.nextStart = element;
    this.lastStart = element;
    return { type: 'start', name: element.name, attributes, selfClosing, line };
  }

  /** How far past `pos` the text being read has been searched for '<' without finding one. */
  private textScanned = 0;

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

  private readStartTag(from: number, to: number, line: number): XmlEvent {
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
    const attributes: XmlAttribute[] = [];
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
      if (attributes.length >= MAX_ATTRIBUTES) this.fail('limit', `more than ${MAX_ATTRIBUTES} attributes`, line);
      attributes.push({ name: attrName, value: this.decodeAttribute(raw, line) });
      i = closeQuote + 1;
    }
    if (this.depth === 0) this.seenRoot = true;
    if (!selfClosing) {
      if (this.depth >= MAX_DEPTH) this.fail('limit', `elements nested deeper than ${MAX_DEPTH}`, line);
      this.open.push(name);
      this.depth++;
    } else if (this.depth === 0) this.rootClosed = true;
    return { type: 'start', name, attributes, selfClosing, line };
  }

  private checkDeclaration(body: string): void {
    // [ \t\n] is XML's S (line ends are already normalised); \s would also accept Unicode spaces.
    const m = /^xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(yes|no)\4)?[ \t\n]*$/.exec(body);
    if (!m) this.fail('syntax', 'malformed XML declaration', 1);
    const encoding = m[3]?.toLowerCase();
    if (encoding !== undefined && !['utf-8', 'utf8', 'utf-16', 'utf16'].includes(encoding)) {
      this.fail('encoding', `encoding ${m[3]} not supported: use UTF-8`, 1);
    }
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
