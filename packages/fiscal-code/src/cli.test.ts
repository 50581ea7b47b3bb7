// SPDX-License-Identifier: BSD-3-Clause
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_LENGTH, readLinesCapped, runCli, type CliIo } from './cli.js';

async function run(args: string[], stdin: string[] | null = null) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    stdinLines: () => (stdin === null ? null : (async function* () { yield* stdin; })()),
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('codice-fiscale CLI', () => {
  it('validate: exit 0 when all valid, masks codes', async () => {
    const r = await run(['validate', 'RSSMRA80A01H501U', '--reference-date', '2026-11-27']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('RSSMRA******501U');
    expect(r.out).not.toContain('RSSMRA80A01H501U');
    expect(r.out).toContain('1 codici: 1 validi (0 con avvisi), 0 non validi');
  });
  it('validate: exit 1 when some are invalid, with the issue code', async () => {
    const r = await run(['validate', 'RSSMRA80A01H501U', 'RSSMRA80A32H501C']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ERRORE.*cf\.day/);
  });
  it('validate: reads stdin line by line, skips blank lines, prints a summary (English)', async () => {
    const r = await run(['validate', '--lang', 'en', '--show-codes'], ['RSSMRA80A01H501U', '', ' rssmra80a41h501y ', 'junk', '00743110157']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('RSSMRA80A41H501Y');
    expect(r.out).toContain('4 codes: 3 valid (0 with warnings), 1 invalid');
    expect(r.out).toMatch(/^4\tERRORE/m);
  });
  it('validate --json: one JSON object per line, summary on stderr', async () => {
    const r = await run(['validate', '--json', 'RSSMRA80A01Z999Y']);
    expect(r.code).toBe(1);
    const obj = JSON.parse(r.out) as { valid: boolean; issues: { code: string }[] };
    expect(obj.valid).toBe(false);
    expect(obj.issues[0]?.code).toBe('cf.place_unknown');
    expect(r.err).toContain('1 codici');
  });
  it('validate --strict-place turns the place warning into an error', async () => {
    const mattinata = 'RSSMRA53A01F059D'; // Mattinata (created 1955), born 1953
    const lenient = await run(['validate', mattinata, '--reference-date', '2026-11-27']);
    const strict = await run(['validate', mattinata, '--strict-place', '--reference-date', '2026-11-27']);
    expect([lenient.code, strict.code]).toEqual([0, 1]);
    expect(lenient.out).toContain('cf.place_not_valid_on_date');
  });
  it('decode prints the decoding, --json the object', async () => {
    const r = await run(['decode', 'MCHFDA07A01D877A', '--reference-date', '2026-11-27']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1907-01-01');
    expect(r.out).toContain('Gallico');
    const j = await run(['decode', 'RSSMRA80A01H501U', '--json']);
    expect(JSON.parse(j.out).birthPlace.code).toBe('H501');
  });
  it('compute by code or by name', async () => {
    const base = ['compute', '--surname', 'Rossi', '--name', 'Mario', '--sex', 'm', '--birth-date', '1980-01-01'];
    expect((await run([...base, '--birth-place', 'H501'])).out).toBe('RSSMRA80A01H501U');
    expect((await run([...base, '--birth-place', 'Roma', '--json'])).out).toBe('{"code":"RSSMRA80A01H501U"}');
    const bad = await run([...base.slice(0, -1), '1980-02-30', '--birth-place', 'H501']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('cf.birth_date');
    const future = await run([...base.slice(0, -1), '2026-12-01', '--birth-place', 'H501', '--reference-date', '2026-11-27']);
    expect(future.code).toBe(1);
    expect(future.err).toBe('cf.birth_date_future: La data di nascita è nel futuro (dopo il 2026-11-27)');
    expect((await run([...base.slice(0, -1), '2026-11-27', '--birth-place', 'H501', '--reference-date', '2026-11-27'])).code).toBe(0);
  });
  it('usage errors exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['frob'])).code).toBe(2);
    expect((await run(['validate', '--nope'])).code).toBe(2);
    expect((await run(['validate'])).code).toBe(2);
    expect((await run(['decode'])).code).toBe(2);
    expect((await run(['compute', '--surname'])).code).toBe(2);
    expect((await run(['validate', 'X', '--lang', 'de'])).code).toBe(2);
    expect((await run(['validate', 'RSSMRA80A01H501U', '--reference-date', '2026-02-30'])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
  });
});

describe('codice-fiscale CLI: bounded stdin lines', () => {
  const collect = async (it: AsyncIterable<string>) => {
    const out: string[] = [];
    for await (const l of it) out.push(l);
    return out;
  };
  async function* chunks(...parts: (string | Uint8Array)[]) {
    yield* parts;
  }
  it('reads \\n and \\r\\n lines, a last line without newline, UTF-8 split across chunks', async () => {
    const e = new TextEncoder().encode('è\n');
    expect(await collect(readLinesCapped(chunks('a\r\nb', '\n\nc', e.slice(0, 1), e.slice(1), 'd')))).toEqual(['a', 'b', '', 'cè', 'd']);
  });
  it('property: any chunking of any lines gives the same lines back', async () => {
    const line = fc.string({ maxLength: 30, unit: fc.constantFrom('a', 'Z', '0', ' ', 'è', '€', '𝐑') });
    await fc.assert(fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 10 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 5 }), async (lines, crlf, cuts) => {
      const bytes = new TextEncoder().encode(lines.join(crlf ? '\r\n' : '\n'));
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const parts: Uint8Array[] = [];
      let prev = 0;
      for (const p of [...points, bytes.length]) {
        parts.push(bytes.slice(prev, p));
        prev = p;
      }
      const got = await collect(readLinesCapped(chunks(...parts)));
      const expected = lines.at(-1) === '' ? lines.slice(0, -1) : lines;
      return JSON.stringify(got) === JSON.stringify(expected);
    }), { numRuns: 200 });
  });
  it('stops at the first over-long line, having read at most one chunk past the cap', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield new Uint8Array(65536).fill(65);
      }
    }
    await expect(collect(readLinesCapped(endless()))).rejects.toMatchObject({ code: 'cf.line_length', issues: [{ params: { line: 1, max: MAX_LINE_LENGTH } }] });
    expect(pulled).toBe(1);
  });
  it('validate refuses an over-long stdin line with one typed line on stderr, exit 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const big = 'A'.repeat(10 * 1024 * 1024);
    const code = await runCli(['validate', '--lang', 'en'], {
      out: (t) => out.push(t), err: (t) => err.push(t),
      stdinLines: () => readLinesCapped(chunks('RSSMRA80A01H501U\n', big, '\n')),
    });
    expect(code).toBe(2);
    expect(out[0]).toMatch(/^1\tOK/);
    expect(err).toEqual([`cf.line_length: Input line 2 too long: more than ${MAX_LINE_LENGTH} characters (one code per line)`]);
    expect((await run(['validate'], ['X'.repeat(MAX_LINE_LENGTH)])).code).toBe(1);
  });
});

describe('codice-fiscale CLI: the real process', () => {
  it('a 64 MB stdin line is refused in one line (exit 2), with a 48 MB heap', async () => {
    const { build } = await import('esbuild');
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'cf-cli-'));
    try {
      const result = await build({
        stdin: { contents: "import { main } from './cli.js'; void main();", resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
        bundle: true, format: 'esm', platform: 'node', write: false, conditions: ['@riuso-sociale/source'], logLevel: 'silent',
      });
      const script = join(dir, 'cli.mjs');
      writeFileSync(script, result.outputFiles[0]!.text);
      const input = Buffer.alloc(64 * 1024 * 1024, 65);
      const run = spawnSync(process.execPath, ['--max-old-space-size=48', script, 'validate'], { input, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`cf.line_length: Riga 1 dell'ingresso troppo lunga: più di 4096 caratteri (un codice per riga)\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
