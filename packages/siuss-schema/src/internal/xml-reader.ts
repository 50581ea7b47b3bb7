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
 * - limits: element depth ≤ 64, attributes per element ≤ 256, name length ≤ 1,000.
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
  | { readonly type: 'text'; readonly value: string; readonly line: number };

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
/** Longest single tag (start tag with its attributes): 10 MiB. A SIUSS tag is under 4 KB. */
const MAX_TAG = 10 * 1024 * 1024;
const MAX_ATTRIBUTES = 256;
const MAX_NAME = 1000;

const NAME_START = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_RE = /^[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDBFF][A-Za-z0-9_:.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]*$/;
/** Characters that XML 1.0 forbids anywhere (surrogate pairing is checked separately). */
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** Quick screen: anything that may need a closer look (bad characters or surrogates). */
const SUSPECT_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
    text = text.replace(/\r\n?/g, '\n');
    // Compact: drop what was consumed.
    this.buf = this.pos === 0 ? this.buf + text : this.buf.slice(this.pos) + text;
    this.pos = 0;
  }

  /** No more input. */
  end(): void {
    if (this.pendingCR) {
      this.pendingCR = false;
      this.buf = this.buf.slice(this.pos) + '\n';
      this.pos = 0;
    }
    this.ended = true;
  }

  /** The line of the next unread character. */
  get currentLine(): number {
    return this.line;
  }

  private fail(kind: XmlSyntaxError['kind'], detail: string, line = this.line): never {
    throw new XmlSyntaxError(kind, detail, line);
  }

  private countLines(from: number, to: number): void {
    let i = this.buf.indexOf('\n', from);
    while (i !== -1 && i < to) {
      this.line++;
      i = this.buf.indexOf('\n', i + 1);
    }
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
        const lt = buf.indexOf('<', start);
        let endText = lt === -1 ? buf.length : lt;
        if (lt === -1 && !this.ended) {
          // Text may continue in the next chunk: emit nothing yet unless it is large, and never cut a reference.
          if (buf.length - start < 65536) return null;
          const amp = buf.lastIndexOf('&');
          if (amp > endText - 40 && buf.indexOf(';', amp) === -1) endText = amp;
        }
        const raw = buf.slice(start, endText);
        const line = this.line;
        this.countLines(start, endText);
        this.pos = endText;
        this.seenAnything = true;
        if (this.depth === 0) {
          if (raw.trim() !== '') this.fail('syntax', 'text outside the root element', line);
          continue;
        }
        return { type: 'text', value: this.decodeText(raw, line), line };
      }
      // Markup.
      if (buf.startsWith('<!--', start)) {
        const close = buf.indexOf('-->', start + 4);
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
        return { type: 'text', value, line };
      }
      if (buf.startsWith('<!', start)) {
        if (buf.length - start < 9 && !this.ended) return null;
        if (buf.startsWith('<!DOCTYPE', start)) this.fail('doctype', 'DOCTYPE is not allowed in a SIUSS flow (no DTD, no entities)');
        this.fail('syntax', 'unexpected markup declaration');
      }
      if (buf.startsWith('<?', start)) {
        const close = buf.indexOf('?>', start + 2);
        if (close === -1) {
          if (!this.ended) return null;
          this.fail('truncated', 'processing instruction not closed');
        }
        const body = buf.slice(start + 2, close);
        const target = /^[^\s?]+/.exec(body)?.[0] ?? '';
        if (target.toLowerCase() === 'xml') {
          if (target !== 'xml' || start !== 0 || this.line !== 1) this.fail('syntax', 'XML declaration not at the start');
          this.checkDeclaration(body);
        } else if (target === '' || !NAME_RE.test(target)) this.fail('syntax', 'bad processing instruction');
        this.countLines(start, close + 2);
        this.pos = close + 2;
        this.seenAnything = true;
        continue;
      }
      if (buf.charCodeAt(start + 1) === 0x2f /* / */) {
        const close = buf.indexOf('>', start + 2);
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
    const m = /^xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:\s+standalone\s*=\s*(["'])(yes|no)\4)?\s*$/.exec(body);
    if (!m) this.fail('syntax', 'malformed XML declaration', 1);
    const encoding = m[3]?.toLowerCase();
    if (encoding !== undefined && !['utf-8', 'utf8', 'utf-16', 'utf16'].includes(encoding)) {
      this.fail('encoding', `encoding ${m[3]} not supported: use UTF-8`, 1);
    }
  }

  /** Resolves the five predefined entities and character references. */
  private resolveReferences(raw: string, line: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s]{0,32});|&/g, (whole, ref: string | undefined) => {
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
      if (/^#x[0-9A-Fa-f]{1,6}$/.test(ref)) cp = parseInt(ref.slice(2), 16);
      else if (/^#[0-9]{1,7}$/.test(ref)) cp = parseInt(ref.slice(1), 10);
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
