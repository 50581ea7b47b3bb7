// SPDX-License-Identifier: BSD-3-Clause
/**
 * Unit tests of the incremental XML reader (src/internal/xml-reader.ts): events, line numbers
 * (LF, CRLF, CR), attribute-value normalisation, references, CDATA, comments, processing
 * instructions, the XML declaration, limits, and chunked input: the same events (or the same error)
 * at every split point, and linear time for huge tokens arriving in many chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlReader, XmlSyntaxError, isNameStart, type XmlEvent } from './internal/xml-reader.js';

interface Outcome {
  events: XmlEvent[];
  error: { kind: XmlSyntaxError['kind']; line: number } | null;
}

/** Feeds the chunks (draining events after each), then ends. */
function read(chunks: readonly string[]): Outcome {
  const reader = new XmlReader();
  const events: XmlEvent[] = [];
  const drain = (): void => {
    for (let e = reader.next(); e !== null; e = reader.next()) events.push(e);
  };
  try {
    for (const c of chunks) {
      reader.push(c);
      drain();
    }
    reader.end();
    drain();
    return { events, error: null };
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    return { events, error: { kind: e.kind, line: e.line } };
  }
}
const whole = (xml: string): Outcome => read([xml]);
const events = (xml: string): XmlEvent[] => {
  const out = whole(xml);
  if (out.error !== null) throw new Error(`unexpected ${out.error.kind} at line ${out.error.line}`);
  return out.events;
};
const errorOf = (xml: string): Outcome['error'] => whole(xml).error;
const attrs = (xml: string): Record<string, string> => {
  const start = events(xml).find((e) => e.type === 'start');
  return start?.type === 'start' ? Object.fromEntries(start.attributes.map((a) => [a.name, a.value])) : {};
};
const texts = (xml: string): string[] => events(xml).flatMap((e) => (e.type === 'text' ? [e.value] : []));
const splitAt = (s: string, points: readonly number[]): string[] => {
  const sorted = [...new Set(points)].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of sorted) {
    out.push(s.slice(from, p));
    from = p;
  }
  out.push(s.slice(from));
  return out;
};
const chunksOf = (s: string, size: number): string[] => Array.from({ length: Math.ceil(s.length / size) }, (_, i) => s.slice(i * size, (i + 1) * size));

describe('events', () => {
  it('start (with attributes, self-closing), end and text, with their lines', () => {
    expect(events('<a x="1" y=\'2\'>\n  <b/>\n  t\n</a>')).toEqual([
      { type: 'start', name: 'a', attributes: [{ name: 'x', value: '1' }, { name: 'y', value: '2' }], selfClosing: false, line: 1 },
      { type: 'text', value: '\n  ', line: 1 },
      { type: 'start', name: 'b', attributes: [], selfClosing: true, line: 2 },
      { type: 'text', value: '\n  t\n', line: 2 },
      { type: 'end', name: 'a', line: 4 },
    ]);
  });

  it('names with namespaces and non-ASCII letters; white space inside tags', () => {
    expect(events('<c:Flusso xmlns:c="urn:x"\n\tà="1" ><c:Ente\n/></c:Flusso >').map((e) => [e.type, 'name' in e ? e.name : '', e.line])).toEqual([
      ['start', 'c:Flusso', 1], ['start', 'c:Ente', 2], ['end', 'c:Flusso', 3],
    ]);
    expect(isNameStart('à')).toBe(true);
    expect(isNameStart('1')).toBe(false);
  });

  it('a root alone, comments and PIs around it, nothing else', () => {
    expect(events('<?xml version="1.0"?>\n<!-- c -->\n<?pi x?>\n<r/>\n<!-- d -->\n')).toEqual([
      { type: 'start', name: 'r', attributes: [], selfClosing: true, line: 4 },
    ]);
  });
});

describe('line numbers', () => {
  const doc = '<r>\n<a\n  x="1"\n  y="2"/>\n<!-- one\ntwo -->\n<b>t\nu</b>\n<![CDATA[\n]]>\n<c/>\n</r>\n';
  const lines = (xml: string): [string, number][] => events(xml).filter((e) => e.type !== 'text').map((e) => [`${e.type}:${'name' in e ? e.name : ''}`, e.line]);
  const expected: [string, number][] = [['start:r', 1], ['start:a', 2], ['start:b', 7], ['end:b', 8], ['start:c', 11], ['end:r', 12]];

  it('LF, CRLF and CR count the same lines', () => {
    expect(lines(doc)).toEqual(expected);
    expect(lines(doc.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(lines(doc.replace(/\n/g, '\r'))).toEqual(expected);
  });

  it('a CR at the end of a chunk and its LF at the start of the next make one line end', () => {
    const crlf = doc.replace(/\n/g, '\r\n');
    for (let i = 0; i <= crlf.length; i++) {
      const out = read(splitAt(crlf, [i]));
      expect(out.events.filter((e) => e.type !== 'text').map((e) => [`${e.type}:${'name' in e ? e.name : ''}`, e.line])).toEqual(expected);
    }
  });

  it('text keeps its line ends as LF', () => {
    expect(texts('<r>a\r\nb\rc</r>')).toEqual(['a\nb\nc']);
  });

  it('errors carry the line where they are found', () => {
    expect(errorOf('<r>\r\n<a>\r\n</b>\r\n</r>')).toEqual({ kind: 'syntax', line: 3 });
    expect(errorOf('<r>\n\n<a x="&nope;"/></r>')).toEqual({ kind: 'entity', line: 3 });
    expect(errorOf('<r>\n<a\n x="1"\n x="2"/></r>')).toEqual({ kind: 'syntax', line: 2 });
    expect(errorOf('<r>\n<!-- a -- b -->\n</r>')).toEqual({ kind: 'syntax', line: 2 });
  });
});

describe('attribute values (XML 1.0 §3.3.3, CDATA attributes)', () => {
  it('a literal tab, line feed or CR LF becomes one space; character references are kept', () => {
    expect(attrs('<r a="x\ty\nz" b="x\r\ny" c="x&#9;y&#10;z&#13;" d="&#x20;&#32;"/>')).toEqual({ a: 'x y z', b: 'x y', c: 'x\ty\nz\r', d: '  ' });
  });

  it('no other normalisation: leading, trailing and repeated spaces stay', () => {
    expect(attrs('<r a="  x   y  " b=""/>')).toEqual({ a: '  x   y  ', b: '' });
  });

  it('quotes, > and the predefined entities', () => {
    expect(attrs(`<r a='"' b="'" c=">" d="&lt;&gt;&amp;&quot;&apos;"/>`)).toEqual({ a: '"', b: "'", c: '>', d: `<>&"'` });
  });

  it('refused: < in a value, a bare &, unquoted or unclosed values, repeated attributes, no space between them', () => {
    for (const bad of ['<r a="<"/>', '<r a="&"/>', '<r a="a & b"/>', '<r a=1/>', '<r a="1" a="2"/>', '<r a="1"b="2"/>', '<r a/>', '<r ="1"/>']) {
      expect(errorOf(bad)?.kind, bad).toBe('syntax');
    }
    expect(errorOf('<r a="1/>')?.kind).toBe('truncated'); // the quote never closes, so neither does the tag
  });
});

describe('references', () => {
  it('character references: decimal, hexadecimal, leading zeros, astral', () => {
    expect(texts('<r>&#65;&#x42;&#x0000000043;&#0000068;&#x1F600;&#128512;</r>')).toEqual(['ABCD😀😀']);
  });

  it('refused: undefined entities (no DTD), references to forbidden characters, malformed references', () => {
    expect(errorOf('<r>&nbsp;</r>')?.kind).toBe('entity');
    expect(errorOf('<r>&xxe;</r>')?.kind).toBe('entity');
    for (const ref of ['&#0;', '&#xD800;', '&#xFFFE;', '&#x110000;', '&#1;']) expect(errorOf(`<r>${ref}</r>`)?.kind, ref).toBe('char');
    for (const ref of ['&#X41;', '&#x;', '&#;', '&#12a;', '&amp', '&#99999999;']) expect(errorOf(`<r>${ref}</r>`)?.kind, ref).toMatch(/^(syntax|char)$/);
  });
});

describe('CDATA, comments, processing instructions', () => {
  it('CDATA: raw content, marked as such', () => {
    expect(events('<r><![CDATA[<a> & ]] ]>]]></r>')).toEqual([
      { type: 'start', name: 'r', attributes: [], selfClosing: false, line: 1 },
      { type: 'text', value: '<a> & ]] ]>', line: 1, cdata: true },
      { type: 'end', name: 'r', line: 1 },
    ]);
    expect(events('<r><![CDATA[]]></r>')[1]).toEqual({ type: 'text', value: '', line: 1, cdata: true });
  });

  it('refused: CDATA outside the root, ]]> in text, unclosed sections', () => {
    expect(errorOf('<![CDATA[x]]><r/>')?.kind).toBe('syntax');
    expect(errorOf('<r>a]]>b</r>')?.kind).toBe('syntax');
    expect(errorOf('<r><![CDATA[x</r>')?.kind).toBe('truncated');
  });

  it('comments are skipped; -- inside and a final - are refused', () => {
    expect(texts('<r>a<!-- x - y -->b<!---->c</r>')).toEqual(['a', 'b', 'c']);
    expect(errorOf('<r><!-- a -- b --></r>')?.kind).toBe('syntax');
    expect(errorOf('<r><!-- a ---></r>')?.kind).toBe('syntax');
    expect(errorOf('<r><!-- a </r>')?.kind).toBe('truncated');
  });

  it('processing instructions are skipped; bad targets are refused', () => {
    expect(texts('<r>a<?pi data?>b<?xml-stylesheet href="x"?>c<?p?>d</r>')).toEqual(['a', 'b', 'c', 'd']);
    for (const bad of ['<r><??></r>', '<r><?1pi?></r>', '<r><?pi\u00a0x?></r>', '<r><?XML x?></r>', '<r><?xml version="1.0"?></r>']) {
      expect(errorOf(bad)?.kind, bad).toBe('syntax');
    }
  });

  it('DOCTYPE and other declarations are refused', () => {
    expect(errorOf('<!DOCTYPE r><r/>')?.kind).toBe('doctype');
    expect(errorOf('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>')).toEqual({ kind: 'doctype', line: 2 });
    expect(errorOf('<r><!ELEMENT r ANY></r>')?.kind).toBe('syntax');
  });
});

describe('the XML declaration', () => {
  it('accepted forms', () => {
    for (const decl of [
      '<?xml version="1.0"?>', "<?xml version='1.0'?>", '<?xml version="1.1"?>', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="utf-8"?>',
      '<?xml version="1.0" encoding="UTF-16"?>', '<?xml version="1.0" encoding="utf8"?>', '<?xml version="1.0" standalone="yes"?>',
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>', '<?xml  version = "1.0"  encoding = "UTF-8"  ?>', '<?xml version="1.0"\n encoding="UTF-8"?>',
    ]) {
      expect(whole(`${decl}<r/>`).error, decl).toBeNull();
    }
  });

  it('refused forms', () => {
    for (const decl of [
      '<?xml?>', '<?xml encoding="UTF-8"?>', '<?xml version="2.0"?>', '<?xml version="1.0" standalone="yes" encoding="UTF-8"?>', '<?xml version="1.0" standalone="maybe"?>',
      '<?xml version="1.0" encoding="UTF-8" foo="bar"?>', '<?xml version="1.0\'?>', '<?xml\u00a0version="1.0"?>', '<?xml version="1.0"\u3000?>',
      ' <?xml version="1.0"?>', '<!-- c --><?xml version="1.0"?>', '<?xml version="1.0"?><?xml version="1.0"?>',
    ]) {
      expect(whole(`${decl}<r/>`).error?.kind, decl).toBe('syntax');
    }
    // The text is already decoded (decode.ts): a declared encoding only has to be one we know.
    expect(whole('<?xml version="1.0" encoding="ISO-8859-1"?><r/>').error).toBeNull();
    expect(whole('<?xml version="1.0" encoding="windows-1252"?><r/>').error).toBeNull();
    expect(whole('<?xml version="1.0" encoding="KOI8-R"?><r/>').error?.kind).toBe('unsupported_encoding');
  });

  it('a declaration after a comment is refused even when the comment came in an earlier chunk', () => {
    expect(read(['<!-- c -->', '<?xml version="1.0"?><r/>']).error?.kind).toBe('syntax');
    expect(read([' ', '<?xml version="1.0"?><r/>']).error?.kind).toBe('syntax');
  });
});

describe('document structure and limits', () => {
  it('one root; only XML white space around it', () => {
    expect(errorOf('<r/><r/>')?.kind).toBe('syntax');
    expect(errorOf('<r/>x')?.kind).toBe('syntax');
    expect(errorOf('x<r/>')?.kind).toBe('syntax');
    for (const space of ['\u00a0', '\u3000', '\u2028', '\ufeff', '\u200b']) expect(errorOf(`${space}<r/>`)?.kind, escape(space)).toBe('syntax');
    expect(errorOf(' \t\r\n<r/> \t\r\n')).toBeNull();
    expect(errorOf('')?.kind).toBe('syntax');
    expect(errorOf('<r>')?.kind).toBe('truncated');
    expect(errorOf('<r></s>')?.kind).toBe('syntax');
    expect(errorOf('</r>')?.kind).toBe('syntax');
  });

  it('characters XML forbids', () => {
    for (const c of ['\u0000', '\u0008', '\u000b', '\u001f', '\ufffe', '\uffff', '\ud800', '\udc00']) {
      expect(errorOf(`<r a="${c}"/>`)?.kind, escape(c)).toBe('char');
      expect(errorOf(`<r>${c}</r>`)?.kind, escape(c)).toBe('char');
    }
    expect(texts('<r>😀\u0085\u2028</r>')).toEqual(['😀\u0085\u2028']);
  });

  it('depth 64, 256 attributes, names of 1,000 characters', () => {
    const nest = (n: number): string => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;
    expect(errorOf(nest(64))).toBeNull();
    expect(errorOf(nest(65))?.kind).toBe('limit');
    const many = (n: number): string => `<r ${Array.from({ length: n }, (_, i) => `a${i}="1"`).join(' ')}/>`;
    expect(errorOf(many(256))).toBeNull();
    expect(errorOf(many(257))?.kind).toBe('limit');
    expect(errorOf(`<${'n'.repeat(1000)}/>`)).toBeNull();
    expect(errorOf(`<${'n'.repeat(1001)}/>`)?.kind).toBe('syntax');
  });
});

describe('chunked input gives the same events as one push', () => {
  const DOCS = [
    // Declaration, comment, PI, namespaces, CRLF, tabs and line feeds in values, references, CDATA, non-ASCII.
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- intestazione -->\r\n<?pi dati?>\r\n<c:Flusso xmlns:c="http://inps.it/Casellario"\r\n  a="x\ty\r\nz" b=\'&lt;&#10;&amp;\'>\r\n'
      + '<c:Ente Nome="Forlì &amp; Cantù 😀" Codice="&#x0041;&#66;"/>\r\n<c:T>a&amp;b<![CDATA[ ]] <x> ]]>c\rd</c:T>\r\n<c:V/>\r<!---->\n</c:Flusso>\r\n<!-- fine -->\n',
    '<r\n>\n<a\tx="1"\n/>text &#x1F600; more<b>é</b>\n</r\n>',
    // Errors: each must be found at the same line whatever the chunks.
    '<r>\r\n<a>\r\n</b>\r\n</r>',
    '<r>\n<a x="1" x="2"/>\n</r>',
    '<r>\n\n<a x="&bad;"/>\n</r>',
    '<?xml version="1.0"?>\n<!DOCTYPE r>\n<r/>',
    '<r>\n<!-- a -- b -->\n</r>',
    '<r>\n<a>\n</a>\n</r>\ntesto',
    '<r>\n<a>\n</a>',
    '<r>\u0001</r>',
  ];

  it('at every single split point', () => {
    for (const doc of DOCS) {
      const expected = whole(doc);
      for (let i = 0; i <= doc.length; i++) expect(read(splitAt(doc, [i])), `${JSON.stringify(doc.slice(0, 30))} split at ${i}`).toEqual(expected);
    }
  });

  it('at every pair of split points of a small document', () => {
    const doc = '<r a="x\r\ny">\r\n&#65;<![CDATA[]]]><!---->\r<b/></r>\r\n';
    const expected = whole(doc);
    for (let i = 0; i <= doc.length; i++) {
      for (let j = i; j <= doc.length; j++) expect(read(splitAt(doc, [i, j]))).toEqual(expected);
    }
  });

  it('at random sets of split points (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOCS), fc.array(fc.nat(), { maxLength: 12 }), (doc, points) => {
        expect(read(splitAt(doc, points.map((p) => p % (doc.length + 1))))).toEqual(whole(doc));
      }),
      { numRuns: 500, seed: 99 },
    );
  });

  it('one character per chunk', () => {
    for (const doc of DOCS) expect(read(Array.from(doc.replace(/[\ud800-\udbff][\udc00-\udfff]/g, 'x')))).toEqual(whole(doc.replace(/[\ud800-\udbff][\udc00-\udfff]/g, 'x')));
  });
});

describe('huge tokens across chunks: linear time, bounded size', () => {
  const HANG_GUARD_MS = 10_000;

  it('a 5 MB attribute value in 1 KB chunks is one event, read in linear time', () => {
    const value = 'àx'.repeat(2.5 * 1024 * 1024);
    const doc = `<r>\n<a v="${value}" w='1'/>\n</r>`;
    const started = performance.now();
    const out = read(chunksOf(doc, 1024));
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(out.error).toBeNull();
    const a = out.events.find((e) => e.type === 'start' && e.name === 'a');
    expect(a?.type === 'start' && a.attributes.map((x) => [x.name, x.value.length])).toEqual([['v', value.length], ['w', 1]]);
    expect(out.events.at(-1)).toEqual({ type: 'end', name: 'r', line: 3 });
  });

  it('5 MB comments, PIs and CDATA sections in 1 KB chunks', () => {
    const big = 'y'.repeat(5 * 1024 * 1024);
    for (const token of [`<!--${big}-->`, `<?pi ${big}?>`, `<![CDATA[${big}]]>`, `</r${' '.repeat(5 * 1024 * 1024)}>`]) {
      const doc = token.startsWith('</') ? `<r>${token}` : `<r>${token}</r>`;
      const started = performance.now();
      const out = read(chunksOf(doc, 1024));
      expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
      expect(out).toEqual(whole(doc));
      expect(out.error).toBeNull();
    }
  });

  it('tokens over 10 MiB are refused, in one push or in chunks', () => {
    const big = 'z'.repeat(11 * 1024 * 1024);
    for (const doc of [`<r a="${big}"/>`, `<r><!--${big}--></r>`, `<r><?pi ${big}?></r>`, `<r><![CDATA[${big}]]></r>`, `<r>${'<a b="1"' + ' '.repeat(11 * 1024 * 1024)}/></r>`]) {
      const started = performance.now();
      expect(whole(doc).error?.kind).toBe('limit');
      expect(read(chunksOf(doc, 4096)).error?.kind).toBe('limit');
      expect(read(chunksOf(doc, 4096 * 1024)).error?.kind).toBe('limit');
      expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    }
  });

  it('a tag with many quotes and > inside values, in 1 KB chunks', () => {
    const value = '>">\''.repeat(256 * 1024);
    const doc = `<r a='${value.replace(/'/g, '&apos;')}' b="${value.replace(/"/g, '&quot;')}"/>`;
    const started = performance.now();
    const out = read(chunksOf(doc, 1024));
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(out.error).toBeNull();
    expect(out.events[0]?.type === 'start' && out.events[0].attributes.map((a) => a.value === value)).toEqual([true, true]);
  });

  it('long text arrives in pieces (memory bounded) and joins to the same text', () => {
    const text = 'testo '.repeat(500_000);
    const out = read(chunksOf(`<r>${text}</r>`, 1000));
    const pieces = out.events.filter((e) => e.type === 'text');
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((e) => (e.type === 'text' ? e.value : '')).join('')).toBe(text);
  });
});
