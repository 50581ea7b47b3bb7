// SPDX-License-Identifier: BSD-3-Clause
/**
 * `siuss validate --jobs N` (src/parallel.ts, src/internal/pieces.ts) against the claim "the same
 * findings as the single-threaded reading": for every flow below, the events of
 * `readFlowEventsInPieces` equal those of `readFlowEvents(source, options, inline, false)` on the
 * same bytes (records stripped of their objects on both sides), with and without `inline`, with
 * and without the rules, in both modes.
 *
 * How the cutter cuts: it reads `pieceBytes` + 1 MiB at a time and ends a piece at the LAST record
 * start of what it read. A flow under 1 MiB is therefore cut once, just before its last record
 * (whatever `pieceBytes`), and a flow of n MiB in about n pieces. The hostile fragments are put
 * where the cuts are: before the last record, in the prefix, or at cuts measured on a clean run
 * of a multi-MB flow. The pieces run in this thread (`run`), except in the test of real workers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { buildFlow } from './build.js';
import { runPiece, type PieceContext, type PieceResult, type PieceTask } from './internal/pieces.js';
import { readFlowEventsInPieces } from './parallel.js';
import { readFlowEvents, type FlowStreamEvent, type FlowStreamOptions, type OutsideIssueEvent } from './stream.js';
import { siussFlowArbitrary } from './testing/arbitraries.js';

interface GeneratorOptions {
  readonly bytes: number;
  readonly seed?: number;
  readonly kind?: 'PS_PSA_SINA' | 'SINBA';
  readonly xsdErrorRate?: number;
  readonly records?: number;
}
/** The benchmark's generator (bench/generate-flow.mjs): realistic flows with rule warnings, XSD errors on request. */
const { flowChunks } = (await import(new URL('../bench/generate-flow.mjs', import.meta.url).href)) as {
  flowChunks(options: GeneratorOptions): IterableIterator<string>;
};
const generated = (options: GeneratorOptions): string => [...flowChunks(options)].join('');

const dir = mkdtempSync(join(tmpdir(), 'siuss-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Event = FlowStreamEvent | OutsideIssueEvent;

/** Records without their objects (the parallel reading carries `{}`, the single one may build them). */
function strip(events: readonly Event[]): unknown[] {
  return events.map((e) => (e.type === 'record' ? { ...e, record: null } : e));
}

async function* chunked(bytes: Uint8Array, size = 65536): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

let files = 0;
function toFile(bytes: Uint8Array): string {
  const path = join(dir, `flow-${files++}.xml`);
  writeFileSync(path, bytes);
  return path;
}

const bytesOf = (x: string | Uint8Array): Uint8Array => (typeof x === 'string' ? Buffer.from(x, 'utf8') : x);

async function single(bytes: Uint8Array, options: FlowStreamOptions, inline: boolean): Promise<unknown[]> {
  const events: Event[] = [];
  for await (const e of readFlowEvents(chunked(bytes), options, inline, false)) events.push(e);
  return strip(events);
}

/** What happened in a parallel reading. */
interface Outcome {
  readonly events: unknown[];
  /** Times the flow was read again single-threaded (0: every piece was clean). */
  readonly reopened: number;
  /** Pieces run, and those not clean. */
  readonly runs: number;
  readonly unclean: number;
  /** The tasks, in the order they were run. */
  readonly tasks: PieceTask[];
  readonly size: number;
  readonly pieceBytes: number;
}

async function inPieces(file: string, bytes: Uint8Array, options: FlowStreamOptions, inline: boolean, pieceBytes: number, run = runPiece): Promise<Outcome> {
  let reopened = 0;
  let runs = 0;
  let unclean = 0;
  const tasks: PieceTask[] = [];
  const events: Event[] = [];
  const inject = async (task: PieceTask, context: PieceContext): Promise<PieceResult> => {
    runs++;
    tasks.push(task);
    const result = run(task, context);
    if (!result.clean) unclean++;
    return result;
  };
  const reopen = (): AsyncIterable<Uint8Array> => {
    reopened++;
    return chunked(bytes);
  };
  for await (const e of readFlowEventsInPieces(file, reopen, options, inline, { jobs: 2, pieceBytes, run: inject })) events.push(e);
  return { events: strip(events), reopened, runs, unclean, tasks, size: bytes.length, pieceBytes };
}

const OPTION_SETS: readonly FlowStreamOptions[] = [{}, { rules: false }, { mode: 'cooperazione' }, { mode: 'cooperazione', rules: false }];
/** For the many hostile cases: rules on (upload) and off (cooperazione). */
const FEW_OPTION_SETS: readonly FlowStreamOptions[] = [{}, { mode: 'cooperazione', rules: false }];
/**
 * Piece sizes. Under 1 MiB every size cuts a flow at the same place (before its last record), so
 * the small flows take two; the multi-MB flows below take others.
 */
const PIECE_BYTES = [1, 4096] as const;

/**
 * The parallel events equal the single-threaded ones for every option set, `inline` or not, and
 * every piece size; returns the outcomes (to check whether the flow was read again).
 */
async function expectSame(input: string | Uint8Array, what: string, { pieceBytes = PIECE_BYTES, optionSets = OPTION_SETS }: { pieceBytes?: readonly number[]; optionSets?: readonly FlowStreamOptions[] } = {}): Promise<Outcome[]> {
  const bytes = bytesOf(input);
  const file = toFile(bytes);
  const outcomes: Outcome[] = [];
  for (const options of optionSets) {
    for (const inline of [false, true]) {
      const expected = await single(bytes, options, inline);
      for (const size of pieceBytes) {
        const o = await inPieces(file, bytes, options, inline, size);
        expect(o.events, `${what}, ${JSON.stringify(options)}, inline ${inline}, pieceBytes ${size}`).toEqual(expected);
        outcomes.push(o);
      }
    }
  }
  return outcomes;
}

/**
 * Every parallel reading was done in pieces: no piece unclean, the flow never read again, ≥ 2
 * pieces. (A file under two pieces may be read single-threaded without cutting it: not checked.)
 */
function expectNoFallback(outcomes: readonly Outcome[], what: string): void {
  for (const o of outcomes) {
    if (o.size < 2 * o.pieceBytes) continue;
    expect(o.reopened, what).toBe(0);
    expect(o.unclean, what).toBe(0);
    expect(o.runs, what).toBeGreaterThanOrEqual(2);
  }
}

/** Every parallel reading had to read the flow again single-threaded. */
function expectFallback(outcomes: readonly Outcome[], what: string): void {
  for (const o of outcomes) expect(o.reopened, what).toBe(1);
}

/** The whole document, with `fragment` inserted just before the last record start (where a small flow is cut). */
function beforeLastRecord(text: string, fragment: string, tag = '<Beneficiario'): string {
  const at = text.lastIndexOf(tag);
  return text.slice(0, at) + fragment + text.slice(at);
}

/** Bytes with raw bytes inserted at `at`. */
function insertBytes(text: string | Uint8Array, at: number, raw: readonly number[]): Uint8Array {
  const b = bytesOf(text);
  return Buffer.concat([b.subarray(0, at), Uint8Array.from(raw), b.subarray(at)]);
}

/** A flow of ~3 MB: about 3 pieces whatever `pieceBytes`. */
let big: string | undefined;
const BIG = (): string => (big ??= generated({ bytes: 3_000_000, seed: 23, xsdErrorRate: 0.01 }));

const FLOW = generated({ bytes: 12_000, seed: 5, xsdErrorRate: 0.3 });
const SINBA_FLOW = generated({ bytes: 12_000, seed: 6, kind: 'SINBA', xsdErrorRate: 0.3 });
const NS = 'http://inps.it/Casellario';

describe('generated flows: the same events as the single-threaded reading, read in pieces', () => {
  it('PS_PSA_SINA and SINBA with XSD errors and rule warnings in records: no fallback', async () => {
    const records: Event[] = [];
    for (const [name, text] of [['PS_PSA_SINA', FLOW], ['SINBA', SINBA_FLOW]] as const) {
      const outcomes = await expectSame(text, name);
      expectNoFallback(outcomes, name);
      records.push(...((await single(bytesOf(text), {}, false)) as Event[]).filter((e) => e.type === 'record'));
    }
    // There are findings to compare: XSD errors and rule warnings in records.
    expect(records.some((e) => e.type === 'record' && e.issues.length > 0)).toBe(true);
    expect(records.some((e) => e.type === 'record' && e.warnings.length > 0)).toBe(true);
  });

  it('a record with an XSD error and a rule warning as the last record (the piece after the cut)', async () => {
    const text = beforeLastRecord(FLOW, '', '</Beneficiario>').replace(/(<Beneficiario CodiceFiscale=")[^"]*(")(?![\s\S]*<Beneficiario )/, '$1RSSMRA80A01H501X$2');
    const last = text.lastIndexOf('<PrestazioniSociali ');
    const broken = `${text.slice(0, last)}<PrestazioniSociali Sconosciuto="1" ${text.slice(last + '<PrestazioniSociali '.length)}`;
    expectNoFallback(await expectSame(broken, 'last record'), 'last record');
    const events = (await single(bytesOf(broken), {}, false)) as Event[];
    const lastRecord = events.filter((e) => e.type === 'record').at(-1);
    expect(lastRecord?.type === 'record' && lastRecord.issues.some((i) => i.code.startsWith('siuss.xsd.'))).toBe(true);
  });

  it('many pieces: a 3 MB flow cut in ~3 pieces, global indices and absolute lines in each', async () => {
    const text = BIG();
    const outcomes = await expectSame(text, '3 MB', { pieceBytes: [1, 300_000], optionSets: FEW_OPTION_SETS });
    expectNoFallback(outcomes, '3 MB');
    expect(Math.min(...outcomes.map((o) => o.runs))).toBeGreaterThanOrEqual(3);
    // The pieces after the first start at the records the cutter counted, with absolute lines.
    const o = outcomes[0] as Outcome;
    const lines = text.split('\n');
    for (const t of o.tasks.slice(1)) {
      expect(lines[t.line - 1]?.trimStart().startsWith('<Beneficiario ')).toBe(true);
      expect(t.recordsBefore).toBeGreaterThan(0);
    }
  }, 30_000);

  it('a record start tag across the end of a read (the cutter decides at the byte after the name)', async () => {
    // With pieceBytes 1 the cutter reads 1 MiB + 1 bytes: put a record's '<' so that its name and
    // the byte after it end just inside that read, just past it, and at its last byte.
    const big = Buffer.from(BIG());
    const read = 1024 * 1024 + 1;
    for (const shift of [-14, -13, 0]) {
      const target = read + shift;
      const at = big.lastIndexOf('\n  <Beneficiario ', target - 100);
      const bytes = Buffer.concat([big.subarray(0, at + 1), Buffer.from(' '.repeat(target - at - 1)), big.subarray(at + 3)]);
      expect(bytes.indexOf('<Beneficiario ', target - 20)).toBe(target);
      const expected = await single(bytes, { rules: false }, false);
      const o = await inPieces(toFile(bytes), bytes, { rules: false }, false, 1);
      expect(o.events, `shift ${shift}`).toEqual(expected);
      expect(o.reopened).toBe(0);
      // The first cut: at that record when its name and the byte after it were read, else before.
      expect(o.tasks[0]?.bytes.length === target, `shift ${shift}`).toBe(shift <= -14);
    }
  }, 30_000);
});

describe.skipIf(sharedDir() === null)('the INPS samples', () => {
  const names = ['inps-waas-ps_psa_sina-multi-prestazioni.xml', 'inps-waas-ps_psa_sina-rossi.xml', 'inps-waas-sinba.xml'];
  it.each(names)('%s as it is (one record: not cut), and with its record repeated 5 times (cut)', async (name) => {
    const text = readFileSync(sharedFile('data', 'siuss', 'samples', name), 'utf8');
    expectFallback(await expectSame(text, name, { pieceBytes: [1, 100] }), name);
    const tag = name.includes('sinba') ? 'SINBA' : 'Beneficiario';
    const start = text.search(new RegExp(`<${tag}[\\s>]`));
    const end = text.lastIndexOf(`</${tag}>`) + `</${tag}>`.length;
    expect(start).toBeGreaterThan(0);
    const record = text.slice(start, end);
    const repeated = text.slice(0, start) + Array.from({ length: 5 }, () => record).join('\n') + text.slice(end);
    const outcomes = await expectSame(repeated, `${name} ×5`);
    expectNoFallback(outcomes, `${name} ×5`);
  });
});

describe('hostile cuts: the same events, read again single-threaded when the cut is not between two records', () => {
  const cases: [string, string, boolean][] = [
    // [what, document, must fall back]
    ['<Beneficiario in a comment between records', beforeLastRecord(FLOW, '<!-- <Beneficiario CodiceFiscale="x"> -->\n  '), true],
    ['<Beneficiario in a comment inside the last record', FLOW.replace(/<Anagrafica (?![\s\S]*<Beneficiario )/, '<!-- <Beneficiario > --><Anagrafica '), true],
    ['<Beneficiario in a comment inside a record, then the cut', beforeLastRecord(FLOW, '', '</Beneficiario>').replace(/(<\/Beneficiario>)(?![\s\S]*<\/Beneficiario>)/, '<!-- <Beneficiario/> -->$1'), true],
    ['<Beneficiario in a comment in the prefix', FLOW.replace('<IdentificazioneFlusso', '<!-- <Beneficiario x="1"> -->\n<IdentificazioneFlusso'), true],
    ['<SINBA in a comment in the prefix of a PS flow', FLOW.replace('<IdentificazioneFlusso', '<!-- <SINBA > -->\n<IdentificazioneFlusso'), true],
    ['<Beneficiario in a CDATA section between records (text in element-only content)', beforeLastRecord(FLOW, '<![CDATA[ <Beneficiario ]]>\n  '), true],
    ['<Beneficiario in a CDATA section inside a record', beforeLastRecord(FLOW, '', '</Beneficiario>').replace(/(<\/Beneficiario>)(?![\s\S]*<\/Beneficiario>)/, '<![CDATA[<Beneficiario ]]>$1'), true],
    ['<Beneficiario in a processing instruction between records', beforeLastRecord(FLOW, '<?pi <Beneficiario ?>\n  '), true],
    ['a processing instruction and a comment between records (clean)', beforeLastRecord(FLOW, '<?pi data?>\n  <!-- note -->\n  '), false],
    ['<Beneficiario in a processing instruction inside a record', FLOW.replace(/<Indirizzo (?![\s\S]*<Beneficiario )/, '<?pi <Beneficiario/> ?><Indirizzo '), true],
    ['a Beneficiario nested in the last record', beforeLastRecord(FLOW, '', '</Beneficiario>').replace(/(<\/Beneficiario>)(?![\s\S]*<\/Beneficiario>)/, '<Beneficiario CodiceFiscale="RSSMRA80A01H501U"/>$1'), true],
    ['a Beneficiario nested in a record, then another record', beforeLastRecord(FLOW, '', '</Beneficiario>').replace(/(<\/Beneficiario>)(?![\s\S]*<\/Beneficiario>)/, '<Beneficiario CodiceFiscale="RSSMRA80A01H501U"/>$1\n  <Beneficiario CodiceFiscale="RSSMRA80A01H501U"/>'), true],
    ['non-blank text between records', beforeLastRecord(FLOW, 'testo\n  '), true],
    ['a character reference to a space between records', beforeLastRecord(FLOW, '&#32;\n  '), true],
    ['an unexpected element between records', beforeLastRecord(FLOW, '<Sconosciuto/>\n  '), true],
    ['a SINBA record in a PS flow', beforeLastRecord(FLOW, '<SINBA IDBeneficiario="x"/>\n  '), true],
    ['a record in another namespace', beforeLastRecord(FLOW, `<Beneficiario xmlns="urn:altro" CodiceFiscale="RSSMRA80A01H501U"/>\n  `), true],
    ['the default namespace redeclared (the same) on the last record', FLOW.replace(/<Beneficiario (?![\s\S]*<Beneficiario )/, `<Beneficiario xmlns="${NS}" `), false],
    ['the default namespace redeclared (another) on the last record', FLOW.replace(/<Beneficiario (?![\s\S]*<Beneficiario )/, '<Beneficiario xmlns="urn:altro" '), false],
    // (A record without its required children: its missing child is a finding of the record. The
    // engine used to report it outside the record, which made every such piece not clean.)
    ['self-closing records (XSD errors) at the cut', beforeLastRecord(FLOW, '<Beneficiario CodiceFiscale="RSSMRA80A01H501U"/>\n  <Beneficiario/>\n  '), false],
    ['a record without its PrestazioniSociali before the cut', beforeLastRecord(FLOW, '<Beneficiario CodiceFiscale="RSSMRA80A01H501U"><Anagrafica Cognome="R" Nome="M" AnnoNascita="1980" LuogoNascita="H501" Genere="1" CodiceCittadinanza="380"/></Beneficiario>\n  '), false],
    ['a self-closing record as the last one', beforeLastRecord(FLOW, '', '</Flusso>').replace(/\s*$/, '').replace(/<\/Flusso>$/, '<Beneficiario\tCodiceFiscale="RSSMRA80A01H501U"/></Flusso>\n'), false],
    ['records separated by tabs, CR and no space at all', FLOW.replace(/<\/Beneficiario>\s*<Beneficiario /g, '</Beneficiario><Beneficiario\t').replace(/<Beneficiario\t(?![\s\S]*<Beneficiario\t)/, '<Beneficiario\r\n'), false],
    ['a record start tag split over lines', FLOW.replace(/<Beneficiario (?![\s\S]*<Beneficiario )/, '<Beneficiario\n\n   '), false],
    ['<BeneficiarioX and <Beneficiario:x are not cuts', beforeLastRecord(FLOW, '<BeneficiarioX/><Beneficiario:x xmlns:Beneficiario="urn:b"/>\n  '), true],
    ['an envelope after the records', FLOW.replace(/<IdentificazioneFlusso[\s\S]*?<\/IdentificazioneFlusso>/, '').replace('</Flusso>', `${/<IdentificazioneFlusso[\s\S]*?<\/IdentificazioneFlusso>/.exec(FLOW)?.[0] ?? ''}</Flusso>`), true],
    ['no envelope', FLOW.replace(/<IdentificazioneFlusso[\s\S]*?<\/IdentificazioneFlusso>/, ''), true],
    ['an envelope with an XSD error and a text before the first record', FLOW.replace('Nome="', 'Nome="x').replace(/\s*<Beneficiario /, '\n  x <Beneficiario '), true],
    ['an unexpected element in the prefix', FLOW.replace('<IdentificazioneFlusso', '<Sconosciuto/><IdentificazioneFlusso'), true],
    ['a record after the root', beforeLastRecord(FLOW, '</Flusso>\n'), true],
    ['a second root after the first', `${FLOW}<Flusso xmlns="${NS}"><Beneficiario/></Flusso>\n`, true],
    ['content after the root', `${FLOW}junk\n`, true],
    ['a comment and blanks after the root (clean)', `${FLOW}<!-- fine -->\n\n`, false],
    ['an unclosed tag in the last record', FLOW.replace(/<Anagrafica (?![\s\S]*<Beneficiario )/, '<Anagrafica <'), true],
    ['a mismatched end tag in the last record', FLOW.replace(/<\/Beneficiario>(?![\s\S]*<\/Beneficiario>)/, '</Beneficiari>'), true],
    ['a mismatched end tag in an earlier record', FLOW.replace('</Beneficiario>', '</Beneficiari>'), true],
    ['a truncated file', FLOW.slice(0, FLOW.lastIndexOf('<Beneficiario') + 300), true],
    ['a file cut right after the last record start', FLOW.slice(0, FLOW.lastIndexOf('<Beneficiario') + '<Beneficiario '.length), true],
    ['a DOCTYPE', FLOW.replace('<Flusso', '<!DOCTYPE Flusso>\n<Flusso'), true],
    ['an undefined entity in the last record', FLOW.replace(/<Anagrafica Cognome="(?![\s\S]*<Beneficiario )/, '<Anagrafica Cognome="&nope;'), true],
    ['a namespace-prefixed root and records', FLOW.replace(/<(\/?)([A-Z][A-Za-z]*)/g, '<$1c:$2').replace(`xmlns="${NS}"`, `xmlns:c="${NS}"`), true],
    ['a prefixed root, unprefixed records that declare the namespace', FLOW.replace('<Flusso xmlns=', '<c:Flusso xmlns:c=').replace('</Flusso>', '</c:Flusso>').replace(/<(\/?)(IdentificazioneFlusso|Ente)\b/g, '<$1c:$2').replace(/<Beneficiario /g, `<Beneficiario xmlns="${NS}" `), false],
    ['a prefixed root, one prefixed record among unprefixed ones', FLOW.replace('<Flusso xmlns=', `<Flusso xmlns:c="${NS}" xmlns=`).replace(/<Beneficiario ([^>]*>[\s\S]*?)<\/Beneficiario>/, '<c:Beneficiario $1</c:Beneficiario>'), true],
  ];
  it.each(cases)('%s', async (what, text, fallback) => {
    const outcomes = await expectSame(text, what, { pieceBytes: [1], optionSets: FEW_OPTION_SETS });
    if (fallback) expectFallback(outcomes, what);
    else expectNoFallback(outcomes, what);
  });

  it("a record's missing children are findings of its record event, not of the end event", async () => {
    const text = beforeLastRecord(FLOW, '<Beneficiario CodiceFiscale="RSSMRA80A01H501U"/>\n  ');
    const events = (await single(bytesOf(text), { rules: false }, false)) as Event[];
    const index = (FLOW.match(/<Beneficiario /g) ?? []).length - 1;
    const record = events.find((e) => e.type === 'record' && e.index === index);
    expect(record?.type === 'record' && record.issues.map((i) => [i.code, i.path])).toEqual([['siuss.xsd.element_missing', ['Beneficiario', index, 'Anagrafica']]]);
    expect(events.at(-1)).toMatchObject({ type: 'end', errors: [] });
    // And the envelope's in the envelope event.
    const noEnte = (await single(bytesOf(FLOW.replace(/<Ente [^>]*\/>/, '')), { rules: false }, false)) as Event[];
    expect(noEnte[0]?.type === 'envelope' && noEnte[0].issues.map((i) => i.code)).toEqual(['siuss.xsd.element_missing']);
  });

  it('SINBA: <SINBA in a comment, CDATA and nested', async () => {
    for (const [what, text, fallback] of [
      ['comment', beforeLastRecord(SINBA_FLOW, '<!-- <SINBA> -->\n  ', '<SINBA'), true],
      ['CDATA in a record', SINBA_FLOW.replace(/<\/Prestazioni>(?![\s\S]*<SINBA )/, '</Prestazioni><![CDATA[<SINBA ]]>'), true],
      ['nested', SINBA_FLOW.replace(/<\/Prestazioni>(?![\s\S]*<SINBA )/, '</Prestazioni><SINBA/>'), true],
      ['a Beneficiario between SINBA records', beforeLastRecord(SINBA_FLOW, '<Beneficiario/>\n  ', '<SINBA'), true],
    ] as const) {
      const outcomes = await expectSame(text, what, { pieceBytes: [1] });
      if (fallback) expectFallback(outcomes, what);
      else expectNoFallback(outcomes, what);
    }
  });

  it('an incomplete UTF-8 sequence just before the cut (0xC3 then <Beneficiario): the encoding error is found', async () => {
    // Found by this test: the piece before the cut ended with the decoder holding 0xC3, and was
    // clean; the single-threaded reading fails there (0xC3 followed by '<').
    const at = FLOW.lastIndexOf('<Beneficiario');
    for (const raw of [[0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98]]) {
      const bytes = insertBytes(FLOW, Buffer.byteLength(FLOW.slice(0, at)), raw);
      const outcomes = await expectSame(bytes, `bytes ${raw.join(' ')}`, { pieceBytes: [1] });
      expectFallback(outcomes, 'incomplete sequence');
      const end = (await single(bytes, {}, false)).at(-1) as { errors: { code: string }[] };
      expect(end.errors.at(-1)?.code).toBe('siuss.xml.encoding');
    }
    // A complete character there is text between records (not clean, same findings).
    expectFallback(await expectSame(beforeLastRecord(FLOW, 'é'), 'é', { pieceBytes: [1] }), 'é');
  });

  it('a run of white space before the cut: over the 10 MiB limit a fatal error, at the limit none', async () => {
    // Found by this test: the part of the run after the last 64 KiB read by the piece was never
    // measured (the '<' that ends it is in the next piece).
    const limit = 10 * 1024 * 1024;
    const at = FLOW.lastIndexOf('<Beneficiario');
    const before = FLOW.slice(0, at).replace(/\s+$/, '');
    for (const [run, fatal] of [[limit, false], [limit + 1, true]] as const) {
      const text = `${before}${' '.repeat(run - 1)}\n${FLOW.slice(at)}`;
      const options = [{ rules: false }];
      const outcomes = await expectSame(text, `run ${run}`, { pieceBytes: [1], optionSets: options });
      const end = (await single(bytesOf(text), { rules: false }, false)).at(-1) as { errors: { code: string }[] };
      expect(end.errors.some((e) => e.code === 'siuss.xml.limit')).toBe(fatal);
      if (fatal) expectFallback(outcomes, 'over the limit');
      else expectNoFallback(outcomes, 'at the limit');
    }
  }, 30_000);

  it('a bad UTF-8 byte in piece 3 of a multi-MB flow: pieces 1–2 given, then the flow read again, events skipped', async () => {
    const text = BIG();
    const clean = await inPieces(toFile(bytesOf(text)), bytesOf(text), {}, false, 1);
    expect(clean.reopened).toBe(0);
    expect(clean.runs).toBeGreaterThanOrEqual(3);
    // Byte offsets of the cuts, from the clean run.
    const cuts: number[] = [];
    let offset = 0;
    for (const t of clean.tasks) {
      offset += t.bytes.length;
      cuts.push(offset);
    }
    const third = (cuts[1] as number) + Math.floor(((cuts[2] as number) - (cuts[1] as number)) / 2);
    const at = Buffer.from(text).indexOf('<Anagrafica ', third) + '<Anagrafica Cognome="'.length;
    const bytes = insertBytes(text, at, [0xff]);
    const file = toFile(bytes);
    for (const options of [{}, { rules: false }] as const) {
      const expected = await single(bytes, options, false);
      const o = await inPieces(file, bytes, options, false, 1);
      expect(o.events).toEqual(expected);
      expect(o.reopened).toBe(1);
      expect(o.unclean).toBeGreaterThanOrEqual(1);
      expect(o.tasks.map((t) => t.piece).slice(0, 3)).toEqual([0, 1, 2]);
      expect((expected.at(-1) as { errors: { code: string }[] }).errors.at(-1)?.code).toBe('siuss.xml.encoding');
    }
    // At a cut of the big flow: the incomplete sequence and the comment.
    const cut = Buffer.from(text).subarray(0, cuts[1]).toString('utf8').length;
    for (const [what, doc] of [
      ['0xC3 at the second cut', insertBytes(text, cuts[1] as number, [0xc3])],
      ['a comment hiding <Beneficiario at the second cut', `${text.slice(0, cut)}<!-- <Beneficiario -->\n  ${text.slice(cut)}`],
    ] as const) {
      const b = bytesOf(doc);
      const expected = await single(b, {}, true);
      const o = await inPieces(toFile(b), b, {}, true, 1);
      expect(o.events, what).toEqual(expected);
      expect(o.reopened, what).toBe(1);
    }
  }, 60_000);
});

/** A string as single bytes (every character below U+0100 or in `extra`). */
function singleBytes(text: string, extra: Readonly<Record<string, number>> = {}): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const b = extra[ch] ?? ch.charCodeAt(0);
    if (b > 0xff) throw new Error(`${ch} has no byte`);
    return b;
  });
}

describe('encodings and line ends: the pieces give the same lines, without reading again', () => {
  const accented = FLOW.replace(/Cognome="[^"]*"/g, 'Cognome="NICCOLÒ D\'ÀLEMÀ"').replace(/Nome="[A-Z]+"/g, 'Nome="ZOË ÑÚÑEZ"');

  it('ISO-8859-1 and windows-1252 with accented names', async () => {
    const latin1 = singleBytes(accented.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'));
    expectNoFallback(await expectSame(latin1, 'latin1', { pieceBytes: [1, 700] }), 'latin1');
    const cp1252Text = accented.replace('encoding="UTF-8"', 'encoding="windows-1252"').replace(/Cognome="[^"]*"/g, 'Cognome="ŠIMIĆ ŒUVRE €"').replace(/Ć/g, 'C');
    const cp1252 = singleBytes(cp1252Text, { Š: 0x8a, Œ: 0x8c, '€': 0x80 });
    expectNoFallback(await expectSame(cp1252, 'windows-1252', { pieceBytes: [1, 700] }), 'windows-1252');
    // An undefined windows-1252 byte (0x81) in the last record: a fatal error, read again.
    const bad = singleBytes(cp1252Text.replace(/Nome="(?![\s\S]*<Beneficiario )/, 'Nome="\u0081'), { Š: 0x8a, Œ: 0x8c, '€': 0x80 });
    expectFallback(await expectSame(bad, 'windows-1252 0x81', { pieceBytes: [1] }), 'windows-1252 0x81');
  });

  it('CRLF, lone CR and mixed line ends: the same record lines', async () => {
    for (const [what, text] of [
      ['CRLF', FLOW.replace(/\n/g, '\r\n')],
      ['CR', FLOW.replace(/\n/g, '\r')],
      ['mixed', FLOW.replace(/\n/g, (_, i: number) => ['\r\n', '\r', '\n', '\r\r\n'][i % 4] as string)],
      ['CR right before the cut', beforeLastRecord(FLOW.replace(/\s+(<Beneficiario )(?![\s\S]*<Beneficiario )/, '$1'), '\r')],
      ['CR as the last byte of the prefix', FLOW.replace(/\s+<Beneficiario /, '\r\r<Beneficiario ')],
    ] as const) {
      const outcomes = await expectSame(text, what);
      expectNoFallback(outcomes, what);
      const events = (await single(bytesOf(text), {}, false)) as Event[];
      const last = events.filter((e) => e.type === 'record').at(-1);
      expect(last?.type === 'record' && last.line > 10, what).toBe(true);
    }
  });

  it('line ends inside tags, attribute values, comments, PIs and CDATA of earlier records; long records; the reader full of names', async () => {
    let n = 0;
    for (const [what, text] of [
      ['line ends in attribute values', FLOW.replace(/Cognome="/g, 'Cognome="\n\r\n\r').replace(/ Nome="/g, '\nNome="')],
      ['line ends in comments, PIs and CDATA inside records', FLOW.replace(/<Indirizzo /g, '<!-- a\nb\r\nc\r --><?pi x\ny?><Indirizzo ').replace(/<InvCiv>/g, '<InvCiv><![CDATA[\n]]>')],
      ['line ends inside tags', FLOW.replace(/ CodiceFiscale=/g, '\n\n CodiceFiscale=').replace(/\/>/g, '\r\n/>')],
      ['character references to line ends', FLOW.replace(/Cognome="/g, 'Cognome="&#10;&#13;')],
      ['a record over 64 KiB', FLOW.replace(/Cognome="[^"]*"/, `Cognome="${'x'.repeat(70_000)}"`)],
      // More than the 4,096 names the reader keeps before the last record: it reads the last record
      // with a full name table, the piece with an empty one.
      ['6,000 unknown element names', FLOW.replace(/<Indirizzo /g, () => `${Array.from({ length: 400 }, () => `<e${n++}/>`).join('')}<Indirizzo `)],
      ['5,000 unknown attribute names', FLOW.replace(/<PrestazioniSociali /g, () => `<PrestazioniSociali ${Array.from({ length: 200 }, () => `a${n++}="1"`).join(' ')} `)],
    ] as const) {
      expectNoFallback(await expectSame(text, what, { pieceBytes: [1], optionSets: FEW_OPTION_SETS }), what);
    }
  });

  it('a UTF-8 BOM is cut like UTF-8; UTF-16 with a BOM is read single-threaded, with the same result', async () => {
    expectNoFallback(await expectSame(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FLOW)]), 'UTF-8 BOM', { pieceBytes: [1] }), 'UTF-8 BOM');
    for (const little of [true, false]) {
      const text = FLOW.replace('encoding="UTF-8"', 'encoding="UTF-16"');
      const units = [0xfeff, ...Array.from(text, (c) => c.charCodeAt(0))];
      const bytes = new Uint8Array(units.length * 2);
      units.forEach((u, i) => {
        bytes[2 * i + (little ? 0 : 1)] = u & 0xff;
        bytes[2 * i + (little ? 1 : 0)] = u >> 8;
      });
      const outcomes = await expectSame(bytes, `UTF-16 ${little ? 'LE' : 'BE'}`, { pieceBytes: [1, 700] });
      for (const o of outcomes) {
        expect(o.reopened).toBe(1);
        expect(o.runs).toBe(0); // not cut at all
      }
    }
  });

  it('an empty file, a blank one, a flow without records, a single record, a flow on one line', async () => {
    const noRecord = FLOW.replace(/<Beneficiario[\s\S]*<\/Beneficiario>/, '');
    for (const [what, text] of [['empty', ''], ['blank', ' \n'], ['no record', noRecord], ['not XML', 'hello <Beneficiario world'], ['one record', generated({ bytes: Infinity, seed: 25, records: 1 })]] as const) {
      const outcomes = await expectSame(text, what, { pieceBytes: [1] });
      expectFallback(outcomes, what);
    }
    const oneLine = FLOW.replace(/\n\s*/g, ' ');
    expect(oneLine.split('\n').length).toBeLessThanOrEqual(2);
    expectNoFallback(await expectSame(oneLine, 'one line'), 'one line');
    expectNoFallback(await expectSame(FLOW.replace(/>\s+</g, '><'), 'no white space at all'), 'no white space at all');
  });
});

describe('the fallback happens when it must, and only then', () => {
  it('a clean flow: every piece clean, none read again; a comment-hidden <Beneficiario: read again', async () => {
    const text = BIG();
    const bytes = bytesOf(text);
    const clean = await inPieces(toFile(bytes), bytes, {}, false, 1);
    expect(clean.runs).toBeGreaterThanOrEqual(3);
    expect(clean.unclean).toBe(0);
    expect(clean.reopened).toBe(0);
    const hidden = bytesOf(beforeLastRecord(text, '<!-- <Beneficiario --> '));
    const h = await inPieces(toFile(hidden), hidden, {}, false, 1);
    expect(h.unclean).toBeGreaterThanOrEqual(1);
    expect(h.reopened).toBe(1);
    expect(h.events).toEqual(await single(hidden, {}, false));
  }, 30_000);

  it('a piece that is not clean stops the pieces: the events are the single-threaded ones, none twice', async () => {
    // A run that says "not clean" for piece 1 although it is: the outcome must not change.
    const bytes = bytesOf(FLOW);
    const liar = (task: PieceTask, context: PieceContext): PieceResult => (task.piece === 1 ? { ...runPiece(task, context), clean: false } : runPiece(task, context));
    for (const inline of [false, true]) {
      const o = await inPieces(toFile(bytes), bytes, {}, inline, 1, liar);
      expect(o.reopened).toBe(1);
      expect(o.events).toEqual(await single(bytes, {}, inline));
    }
  });
});

/** Fragments put at a '<' of a flow: hostile ones, XSD errors in records, line ends, bad bytes. */
const FRAGMENTS: readonly (string | readonly number[])[] = [
  '<!-- <Beneficiario x="1"> -->', '<!-- <SINBA> -->', '<![CDATA[<Beneficiario ]]>', '<?pi <Beneficiario ?>', '<?pi?>', '<!---->',
  '<Beneficiario/>', '<Beneficiario CodiceFiscale="RSSMRA80A01H501U"/>', '<SINBA/>', '<Sconosciuto/>', '<Anagrafica/>',
  `<Beneficiario xmlns="${NS}"/>`, '<Beneficiario xmlns="urn:altro"/>', '<c:Beneficiario xmlns:c="urn:c"/>',
  'testo', '&#32;', '&amp;', '\n', '\r\n', '\r', '\t', '  ', '</Flusso>', '</Beneficiario>', '<Beneficiario>', '<',
  [0xc3], [0xff], [0xe2, 0x82], [0xc3, 0xa9],
];

describe('property: generated flows × hostile fragments × piece sizes', () => {
  it('the parallel events are always the single-threaded ones', async () => {
    const flow = siussFlowArbitrary({ maxRecords: 5, maxRepeat: 2 }).map((f) => buildFlow(f));
    const insertion = fc.record({ where: fc.nat(), lastRecord: fc.boolean(), fragment: fc.constantFrom(...FRAGMENTS) });
    const options = fc.record({ rules: fc.boolean(), mode: fc.constantFrom('upload', 'cooperazione') as fc.Arbitrary<'upload' | 'cooperazione'>, inline: fc.boolean() });
    let cutAndClean = 0;
    let readAgain = 0;
    await fc.assert(
      fc.asyncProperty(flow, fc.array(insertion, { maxLength: 3 }), fc.constantFrom(1, 100, 700, 4096), options, fc.constantFrom('\n', '\r\n', '\r'), async (xml, insertions, pieceBytes, o, eol) => {
        let text = xml.replace(/\n/g, eol);
        const parts: Uint8Array[] = [];
        // Each insertion at a '<' (the last record start, or any), applied from the end.
        const tags = [...text.matchAll(/<(?!\/Flusso)/g)].map((m) => m.index).filter((i) => i > 0);
        const recordStarts = [...text.matchAll(/<(Beneficiario|SINBA)[\s/>]/g)].map((m) => m.index);
        const points = insertions.map((ins) => ({ at: ins.lastRecord ? (recordStarts.at(-1) as number) : (tags[ins.where % tags.length] as number), fragment: ins.fragment })).sort((a, b) => b.at - a.at);
        let tail = text.length;
        for (const p of points) {
          parts.unshift(Buffer.from(text.slice(p.at, tail)));
          parts.unshift(typeof p.fragment === 'string' ? Buffer.from(p.fragment) : Uint8Array.from(p.fragment));
          tail = p.at;
        }
        text = text.slice(0, tail);
        parts.unshift(Buffer.from(text));
        const bytes = Buffer.concat(parts);
        const streamOptions: FlowStreamOptions = { rules: o.rules, mode: o.mode };
        const expected = await single(bytes, streamOptions, o.inline);
        const got = await inPieces(toFile(bytes), bytes, streamOptions, o.inline, pieceBytes);
        expect(got.events).toEqual(expected);
        if (got.reopened === 0 && got.runs >= 2) cutAndClean++;
        else readAgain++;
      }),
      { numRuns: 150 },
    );
    // Both paths were taken many times (else the property says little).
    expect(cutAndClean).toBeGreaterThan(20);
    expect(readAgain).toBeGreaterThan(20);
  }, 60_000);
});

describe('real worker threads', () => {
  it('validate-worker.ts bundled with esbuild: jobs 2 on a 4 MB flow gives the single-threaded events, no fallback', async () => {
    const { build } = await import('esbuild');
    const work = mkdtempSync(join(tmpdir(), 'siuss-worker-'));
    try {
      const result = await build({
        entryPoints: [fileURLToPath(new URL('./validate-worker.ts', import.meta.url))],
        bundle: true, format: 'esm', platform: 'node', write: false, conditions: ['@riuso-sociale/source'], logLevel: 'silent',
      });
      const worker = join(work, 'validate-worker.mjs');
      writeFileSync(worker, result.outputFiles[0]?.text ?? '');
      const text = generated({ bytes: 4_000_000, seed: 27, xsdErrorRate: 0.01 });
      const bytes = bytesOf(text);
      const file = toFile(bytes);
      for (const [options, inline] of [[{}, false], [{ rules: false, mode: 'cooperazione' }, true]] as const) {
        let reopened = 0;
        const events: Event[] = [];
        const reopen = (): AsyncIterable<Uint8Array> => {
          reopened++;
          return chunked(bytes);
        };
        for await (const e of readFlowEventsInPieces(file, reopen, options, inline, { jobs: 2, pieceBytes: 1, workerFile: pathToFileURL(worker) })) events.push(e);
        // A worker that fails makes the pieces "not clean" and the flow is read again: it must not.
        expect(reopened).toBe(0);
        expect(strip(events)).toEqual(await single(bytes, options, inline));
      }
      // A worker script that throws at once, and one that does not listen and exits with code 0
      // (its pieces are never answered; that exit hung the run before it counted as a failure):
      // read again single-threaded, the same events.
      for (const [name, script] of [['broken.mjs', "throw new Error('broken worker');\n"], ['idle.mjs', '// nothing\n']] as const) {
        const worker = join(work, name);
        writeFileSync(worker, script);
        let reopened = 0;
        const events: Event[] = [];
        for await (const e of readFlowEventsInPieces(file, () => {
          reopened++;
          return chunked(bytes);
        }, {}, false, { jobs: 2, pieceBytes: 1, workerFile: pathToFileURL(worker) })) events.push(e);
        expect(reopened, name).toBe(1);
        expect(strip(events), name).toEqual(await single(bytes, {}, false));
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 30_000);
});
