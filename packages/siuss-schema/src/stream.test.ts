// SPDX-License-Identifier: BSD-3-Clause
import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { readFlowRecords, validateFlowStream, type FlowSource, type FlowStreamEvent } from './stream.js';
import { validateFlow } from './validate.js';
import { requireXmllint, xmllintValidate } from './testing/xmllint.js';

interface GeneratorOptions {
  readonly bytes: number;
  readonly seed?: number;
  readonly kind?: 'PS_PSA_SINA' | 'SINBA';
  readonly xsdErrorRate?: number;
  readonly batchBytes?: number;
  readonly records?: number;
}
/** The benchmark's generator (bench/generate-flow.mjs): realistic flows, lazily, without touching the disk. */
const { flowChunks } = (await import(new URL('../bench/generate-flow.mjs', import.meta.url).href)) as {
  flowChunks(options: GeneratorOptions): IterableIterator<string>;
};

function generated(options: GeneratorOptions): string {
  return [...flowChunks(options)].join('');
}

/** The bytes in chunks of `size`. */
function* chunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(source: FlowSource, options = {}): Promise<FlowStreamEvent[]> {
  const out: FlowStreamEvent[] = [];
  for await (const e of readFlowRecords(source, options)) out.push(e);
  return out;
}

/** validateFlow's verdict in the shape validateFlowStream returns (no cap reached). */
function wholeVerdict(input: string | Uint8Array, options = {}) {
  const v = validateFlow(input, { ...options, maxIssues: Number.MAX_SAFE_INTEGER });
  return { kind: v.kind, errors: v.errors, warnings: v.warnings, records: v.records };
}

async function streamVerdict(source: FlowSource, options = {}) {
  const v = await validateFlowStream(source, { ...options, maxIssues: Number.MAX_SAFE_INTEGER });
  expect(v.truncated).toBe(false);
  expect(v.errorCount).toBe(v.errors.length);
  expect(v.warningCount).toBe(v.warnings.length);
  return { kind: v.kind, errors: v.errors, warnings: v.warnings, records: v.records };
}

const enc = new TextEncoder();

describe.skipIf(sharedDir() === null)('streaming on the INPS samples', () => {
  const names = ['inps-waas-ps_psa_sina-multi-prestazioni.xml', 'inps-waas-ps_psa_sina-rossi.xml', 'inps-waas-sinba.xml'];
  it.each(names)('%s: same findings as validateFlow, from a file stream, in both modes', async (name) => {
    const file = sharedFile('data', 'siuss', 'samples', name);
    const bytes = readFileSync(file);
    for (const mode of ['upload', 'cooperazione'] as const) {
      const whole = wholeVerdict(bytes, { mode });
      expect(await streamVerdict(createReadStream(file, { highWaterMark: 64 }), { mode })).toEqual(whole);
      expect(await streamVerdict(chunks(bytes, 1), { mode })).toEqual(whole);
    }
  });
  it('events: envelope, records with line and index, end', async () => {
    const file = sharedFile('data', 'siuss', 'samples', 'inps-waas-ps_psa_sina-multi-prestazioni.xml');
    const events = await collect(createReadStream(file));
    expect(events.map((e) => e.type)).toEqual(['envelope', 'record', 'end']);
    const [envelope, record, end] = events;
    expect(envelope).toMatchObject({ type: 'envelope', kind: 'PS_PSA_SINA', envelope: { Nome: 'H501.PS.20210520.0000002', Ente: { Codice: 'H501' } }, issues: [] });
    if (record?.type !== 'record' || record.kind !== 'PS_PSA_SINA') throw new Error('record expected');
    expect(record.index).toBe(0);
    expect(record.line).toBe(5);
    expect(record.record.PrestazioniSociali).toHaveLength(3);
    expect(record.issues).toEqual([]);
    expect(record.warnings.length).toBeGreaterThan(0); // the INPS sample breaks the quota rules
    expect(end).toEqual({ type: 'end', kind: 'PS_PSA_SINA', records: 1, errors: [], warnings: [] });
    // The whole-document findings are the union of the events' findings (the envelope's: the
    // sample's placeholder CFOperatore, whose check character is wrong).
    const whole = validateFlow(readFileSync(file));
    const envelopeWarnings = envelope?.type === 'envelope' ? envelope.warnings : [];
    expect(envelopeWarnings.map((w) => [w.code, w.path])).toEqual([['siuss.rule.codice_fiscale_check', ['IdentificazioneFlusso', 'Ente', '@CFOperatore']]]);
    expect([...envelopeWarnings, ...record.warnings]).toEqual(whole.warnings);
  });
});

describe('streaming on generated flows', () => {
  const ps = generated({ bytes: 200_000, seed: 7, xsdErrorRate: 0.08 });
  const sinba = generated({ bytes: 60_000, seed: 3, kind: 'SINBA', xsdErrorRate: 0.1 });
  const psBytes = enc.encode(ps);

  it('the generator writes XSD-valid flows (xmllint) unless asked for errors', { skip: !requireXmllint() || sharedDir() === null }, () => {
    const valid = generated({ bytes: 300_000, seed: 11 });
    const validSinba = generated({ bytes: 100_000, seed: 12, kind: 'SINBA' });
    expect(xmllintValidate(sharedFile('data', 'siuss', 'PS_PSA_SINA201812.xsd'), [valid, ps]).map((v) => v.valid)).toEqual([true, false]);
    expect(xmllintValidate(sharedFile('data', 'siuss', 'SINBA.xsd'), [validSinba, sinba]).map((v) => v.valid)).toEqual([true, false]);
  });

  it('same findings as validateFlow (XSD errors and rule warnings, both kinds, both modes)', async () => {
    for (const doc of [ps, sinba]) {
      for (const mode of ['upload', 'cooperazione'] as const) {
        const whole = wholeVerdict(doc, { mode });
        expect(whole.errors.length).toBeGreaterThan(0);
        expect(await streamVerdict([doc], { mode })).toEqual(whole);
      }
    }
    const whole = wholeVerdict(ps);
    expect(whole.warnings.length).toBeGreaterThan(0);
  });

  it('rule severities: off and error, like validateFlow', async () => {
    const severity = { 'siuss.rule.end_same_year': 'error', 'siuss.rule.carattere_required': 'off' } as const;
    const whole = wholeVerdict(ps, { severity });
    expect(whole.errors.some((e) => e.code === 'siuss.rule.end_same_year')).toBe(true);
    expect(whole.warnings.some((e) => e.code === 'siuss.rule.carattere_required')).toBe(false);
    expect(await streamVerdict([ps], { severity })).toEqual(whole);
  });

  it('chunk sizes from 1 byte to 1 MB give the same result', async () => {
    const small = enc.encode(generated({ bytes: 25_000, seed: 5, xsdErrorRate: 0.2 }));
    const smallWhole = wholeVerdict(small);
    expect(await streamVerdict(chunks(small, 1))).toEqual(smallWhole);
    expect(await streamVerdict(chunks(small, 2))).toEqual(smallWhole);
    const whole = wholeVerdict(psBytes);
    for (const size of [3, 7, 64, 1000, 4096, 65_536, 1 << 20]) {
      expect(await streamVerdict(chunks(psBytes, size))).toEqual(whole);
    }
    // Text chunks too (a split may fall between a surrogate pair or a CR and its LF).
    expect(await streamVerdict(chunks(psBytes, 777), {})).toEqual(whole);
    const text: string[] = [];
    for (let i = 0; i < ps.length; i += 333) text.push(ps.slice(i, i + 333));
    expect(await streamVerdict(text)).toEqual(whole);
  });

  it('records come with their index, line and the findings inside them', async () => {
    const events = await collect(chunks(psBytes, 4096));
    const records = events.filter((e) => e.type === 'record');
    const whole = validateFlow(psBytes, { maxIssues: Number.MAX_SAFE_INTEGER });
    expect(records.map((r) => r.index)).toEqual(records.map((_, i) => i));
    expect(records.length).toBe(whole.records);
    const lines = ps.split('\n');
    for (const r of records) expect(lines[r.line - 1]).toMatch(/^ {2}<Beneficiario /);
    expect(records.flatMap((r) => r.issues)).toEqual(whole.errors);
    const broken = records.find((r) => r.issues.length > 0);
    expect(broken?.issues[0]?.path[1]).toBe(broken?.index);
  });

  it('a web ReadableStream, a reader-only stream, a string and bytes are sources too', async () => {
    const whole = wholeVerdict(psBytes);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks(psBytes, 10_000)) controller.enqueue(c);
        controller.close();
      },
    });
    expect(await streamVerdict(web)).toEqual(whole);
    const web2 = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks(psBytes, 10_000)) controller.enqueue(c);
        controller.close();
      },
    });
    const readerOnly = { getReader: () => web2.getReader() };
    expect(await streamVerdict(readerOnly)).toEqual(whole);
    expect(await streamVerdict(ps)).toEqual(whole);
    expect(await streamVerdict(psBytes)).toEqual(whole);
  });

  it('UTF-16 with BOM and CR LF line ends, split anywhere', async () => {
    const crlf = ps.replace(/\n/g, '\r\n');
    const le = new Uint8Array(2 + crlf.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < crlf.length; i++) {
      const c = crlf.charCodeAt(i);
      le[2 + 2 * i] = c & 0xff;
      le[3 + 2 * i] = c >> 8;
    }
    const whole = wholeVerdict(le);
    expect(whole.records).toBeGreaterThan(10);
    expect(await streamVerdict(chunks(le, 4099))).toEqual(whole);
  });

  it('rules: false checks the XSD only', async () => {
    const v = await validateFlowStream([ps], { rules: false, maxIssues: Number.MAX_SAFE_INTEGER });
    expect(v.warnings).toEqual([]);
    expect(v.errors).toEqual(wholeVerdict(ps).errors.filter((e) => !e.code.startsWith('siuss.rule.')));
  });

  it('keeps at most maxIssues findings of each kind, with exact counts', async () => {
    const whole = validateFlow(ps, { maxIssues: Number.MAX_SAFE_INTEGER });
    const v = await validateFlowStream([ps], { maxIssues: 3 });
    expect(v.errors).toEqual(whole.errors.slice(0, 3));
    expect(v.warnings).toEqual(whole.warnings.slice(0, 3));
    expect([v.errorCount, v.warningCount, v.truncated]).toEqual([whole.errors.length, whole.warnings.length, true]);
    const none = await validateFlowStream([ps], { maxIssues: 0 });
    expect([none.errors.length, none.warnings.length, none.errorCount]).toEqual([0, 0, whole.errors.length]);
    await expect(validateFlowStream([ps], { maxIssues: -1 })).rejects.toThrow(RangeError);
  });
});

describe('streaming: broken input', () => {
  const doc = generated({ bytes: 20_000, seed: 9 });

  it('a truncated flow: the complete records, then the fatal error in the end event', async () => {
    const cut = doc.slice(0, Math.floor(doc.length * 0.6));
    const events = await collect(chunks(enc.encode(cut), 512));
    const end = events.at(-1);
    if (end?.type !== 'end') throw new Error('end expected');
    expect(end.errors.map((e) => e.code)).toEqual(['siuss.xml.truncated']);
    expect(end.records).toBe(events.filter((e) => e.type === 'record').length);
    expect(await streamVerdict([cut])).toEqual(wholeVerdict(cut));
  });

  it.each([
    ['not XML', 'hello'],
    ['DOCTYPE', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Flusso xmlns="http://inps.it/Casellario"/>'],
    ['wrong root', '<Flow xmlns="http://inps.it/Casellario"/>'],
    ['wrong namespace', '<Flusso xmlns="urn:x"><IdentificazioneFlusso Nome="x"/></Flusso>'],
    ['no records', '<Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="H501.PS.20250101.1"><Ente Codice="H501" Indirizzo="H501" CFOperatore="RSSMRA80A01H501U"/></IdentificazioneFlusso></Flusso>'],
    ['bad UTF-8', new Uint8Array([0x3c, 0x46, 0xff, 0xfe, 0x3e])],
    ['empty', ''],
    ['garbage after the root', `${doc}<x/>`],
    ['mismatched tags', doc.replace('</Beneficiario>', '</Beneficiari>')],
  ])('%s: same verdict as validateFlow, never a throw', async (_name, input) => {
    const bytes = typeof input === 'string' ? enc.encode(input) : input;
    const whole = wholeVerdict(bytes);
    expect(whole.errors.length).toBeGreaterThan(0);
    expect(await streamVerdict(chunks(bytes, 3))).toEqual(whole);
    const events = await collect(chunks(bytes, 3));
    expect(events.at(-1)?.type).toBe('end');
  });

  it('a fatal error releases the source (return() is called)', async () => {
    let closed = false;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]() {
        const parts = ['<Flusso xmlns="http://inps.it/Casellario"><a></b>', doc];
        return {
          next: async () => (parts.length > 0 ? { done: false, value: parts.shift() as string } : { done: true, value: undefined }),
          return: async () => {
            closed = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    const v = await validateFlowStream(source);
    expect(v.errors.at(-1)?.code).toBe('siuss.xml.syntax');
    expect(closed).toBe(true);
  });

  it('an I/O error of the source is thrown, not reported', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield enc.encode(doc.slice(0, 1000));
      throw new Error('disk on fire');
    }
    await expect(validateFlowStream(failing())).rejects.toThrow('disk on fire');
  });
});

describe('streaming: backpressure and bounded memory', () => {
  it('reads a chunk only when the consumer asks, and closes the source on break', async () => {
    const doc = enc.encode(generated({ bytes: 100_000, seed: 4 }));
    let pulled = 0;
    let closed = false;
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]() {
        const it = chunks(doc, 1024);
        return {
          async next() {
            pulled++;
            return it.next();
          },
          async return() {
            closed = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    const stream = readFlowRecords(source);
    const first = await stream.next();
    expect(first.value?.type).toBe('envelope');
    const afterEnvelope = pulled;
    expect(afterEnvelope).toBeLessThanOrEqual(2);
    let records = 0;
    for await (const e of stream) {
      if (e.type === 'record' && ++records === 3) break;
    }
    expect(pulled).toBeLessThan(12); // three records of ~1 KB, not the whole 100 KB
    expect(closed).toBe(true);
  });

  it('streams a ~50 MB flow with a bounded heap', async () => {
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let records = 0;
    let bytes = 0;
    const source = (function* () {
      for (const chunk of flowChunks({ bytes: 50 * 1024 * 1024, seed: 21, batchBytes: 1 << 20 })) {
        bytes += Buffer.byteLength(chunk);
        yield chunk;
      }
    })();
    for await (const e of readFlowRecords(source)) {
      if (e.type === 'record' && ++records % 2000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (e.type === 'end') expect(e.errors).toEqual([]);
    }
    expect(bytes).toBeGreaterThan(50 * 1024 * 1024 - 10_000);
    expect(records).toBeGreaterThan(20_000);
    expect((peak - before) / 1048576).toBeLessThan(100);
  }, 60_000);
});
