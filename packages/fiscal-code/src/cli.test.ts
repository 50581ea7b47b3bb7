// SPDX-License-Identifier: BSD-3-Clause
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_ONCE, withBundledCli } from '../../../test/support/bundled-cli.js';
import { codePrinter, MAX_LINE_LENGTH, readLinesCapped, runCli, TAG_KEY_ENV, type CliIo } from './cli.js';

async function run(args: string[], stdin: string[] | null = null, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    stdinLines: () => (stdin === null ? null : (async function* () { yield* stdin; })()),
    env,
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
    expect(r.out).toContain('1 codice: 1 valido (0 con avvisi), 0 non validi');
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
    expect(r.out).toMatch(/^4\tERROR\tJUNK\tcf\.length: The fiscal code/m);
    expect(r.out).not.toContain('ERRORE');
  });
  it('validate --json: one JSON object per line, summary on stderr', async () => {
    const r = await run(['validate', '--json', 'RSSMRA80A01Z999Y']);
    expect(r.code).toBe(1);
    const obj = JSON.parse(r.out) as { valid: boolean; issues: { code: string }[] };
    expect(obj.valid).toBe(false);
    expect(obj.issues[0]?.code).toBe('cf.place_unknown');
    expect(r.err).toBe('1 codice: 0 validi (0 con avvisi), 1 non valido');
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
    // dates in words (the JSON keeps ISO): the birth date, its candidates, the place's validity
    expect(r.out).toMatch(/^data di nascita: 1° gennaio 1907 {2}\(candidate: 1° gennaio 2007, 1° gennaio 1907\)$/m);
    expect(r.out).toMatch(/^luogo: +Gallico \(RC\) D877, comune, dal 17 marzo 1861 al 2 agosto 1927 {2}\[non valido alla data\]$|^luogo: +Gallico \(RC\) D877, comune, dal 17 marzo 1861 al 2 agosto 1927$/m);
    const en = await run(['decode', 'MCHFDA07A01D877A', '--reference-date', '2026-11-27', '--lang', 'en']);
    expect(en.out).toMatch(/^born: +1 January 1907 {2}\(candidates: 1 January 2007, 1 January 1907\)$/m);
    expect(en.out).toMatch(/, municipality, from 17 March 1861 to 2 August 1927/);
    const j = await run(['decode', 'RSSMRA80A01H501U', '--json']);
    expect(JSON.parse(j.out).birthPlace.code).toBe('H501');
    expect(JSON.parse(j.out).birthDate).toBe('1980-01-01');
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
    expect(future.err).toBe('cf.birth_date_future: La data di nascita è nel futuro (dopo il 27/11/2026)');
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

describe('codice-fiscale CLI: usage errors, languages, plurals', () => {
  const PERSON = ['--surname', 'Rossi', '--name', 'Mario', '--birth-date', '1980-01-01', '--birth-place', 'H501'];
  it.each([
    [['validate', '--x'], 'opzione sconosciuta: --x', 'unknown option: --x'],
    [['validate', '--reference-date'], 'manca il valore di --reference-date', 'missing value for --reference-date'],
    [['frob'], 'comando sconosciuto: frob (comandi: validate, decode, compute)', 'unknown command: frob (commands: validate, decode, compute)'],
    [['validate'], 'nessun codice: passarli come argomenti o su stdin', 'no codes: pass them as arguments or on stdin'],
    [['decode'], 'decode vuole un codice', 'decode takes one code'],
    [['compute', ...PERSON.slice(0, -2)], 'manca --birth-place', 'missing --birth-place'],
    [['compute', '--sex', 'X', ...PERSON], '--sex: M o F, non "X"', '--sex: M or F, not "X"'],
    [['compute', '--sex', 'male', ...PERSON], '--sex: M o F, non "male"', '--sex: M or F, not "male"'],
    [['compute', '--sex', '', ...PERSON], '--sex: M o F, non ""', '--sex: M or F, not ""'],
  ])('%j: one line in the chosen language and a hint, exit 2', async (args, it, en) => {
    const ri = await run(args);
    expect(ri).toEqual({ code: 2, out: '', err: `codice-fiscale: ${it}\ncodice-fiscale --help per l'uso` });
    const re = await run(['--lang', 'en', ...args]);
    expect(re).toEqual({ code: 2, out: '', err: `codice-fiscale: ${en}\ncodice-fiscale --help for usage` });
  });
  it('--lang with a wrong value: one line and the hint', async () => {
    expect(await run(['validate', 'X', '--lang', 'de'])).toEqual({ code: 2, out: '', err: "codice-fiscale: --lang it|en\ncodice-fiscale --help per l'uso" });
  });
  it('--sex m, f, M, F are accepted', async () => {
    for (const sex of ['m', 'M', ' F ', 'f']) expect((await run(['compute', '--sex', sex, ...PERSON])).code).toBe(0);
  });
  it.each([
    [['RSSMRA80A01H501U'], '1 codice: 1 valido (0 con avvisi), 0 non validi', '1 code: 1 valid (0 with warnings), 0 invalid'],
    [['RSSMRA80A01H501U', 'RSSMRA80A01H501U'], '2 codici: 2 validi (0 con avvisi), 0 non validi', '2 codes: 2 valid (0 with warnings), 0 invalid'],
    [['RSSMRA80A01H501U', 'JUNK'], '2 codici: 1 valido (0 con avvisi), 1 non valido', '2 codes: 1 valid (0 with warnings), 1 invalid'],
    [['JUNK', 'JUNK2'], '2 codici: 0 validi (0 con avvisi), 2 non validi', '2 codes: 0 valid (0 with warnings), 2 invalid'],
  ])('summary of %j: singular and plural in both languages', async (codes, it, en) => {
    expect((await run(['validate', ...codes, '--reference-date', '2026-11-27'])).out.split('\n').at(-1)).toBe(it);
    expect((await run(['validate', ...codes, '--reference-date', '2026-11-27', '--lang', 'en'])).out.split('\n').at(-1)).toBe(en);
  });
  it('--lang en: status words, warnings and decode labels in English only', async () => {
    const bad = await run(['validate', 'RSSMRA80A32H501C', '--lang', 'en']);
    expect(bad.out).toMatch(/^1\tERROR\t/m);
    expect(bad.out).not.toMatch(/ERRORE|codici|validi/);
    const warned = await run(['validate', 'RSSMRA53A01F059D', '--reference-date', '2026-11-27', '--lang', 'en']);
    expect(warned.out).toMatch(/^\t\twarning cf\./m);
    expect(warned.out).not.toContain('avviso');
    const d = await run(['decode', 'RSSMRA80A01H501U', '--reference-date', '2026-11-27', '--lang', 'en']);
    expect(d.out.split('\n').map((l) => l.split(':')[0])).toEqual(['code', 'sex', 'born', 'place', 'omocode level']);
    expect(d.out).toMatch(/^place: +Roma \(RM\) H501, municipality, /m);
    const foreign = (await run(['compute', '--surname', 'Rossi', '--name', 'Mario', '--sex', 'M', '--birth-date', '1980-01-01', '--birth-place', 'Z404'])).out;
    expect((await run(['decode', foreign, '--reference-date', '2026-11-27', '--lang', 'en'])).out).toMatch(/, foreign state\b/);
    expect((await run(['decode', foreign, '--reference-date', '2026-11-27'])).out).toMatch(/, stato-estero\b/);
    const di = await run(['decode', 'RSSMRA80A01H501U', '--reference-date', '2026-11-27']);
    expect(di.out.split('\n').map((l) => l.split(':')[0])).toEqual(['codice', 'sesso', 'data di nascita', 'luogo', 'omocodia']);
    expect(di.out).toMatch(/^luogo: +Roma \(RM\) H501, comune, /m);
  });
});

describe('codice-fiscale CLI: masked codes, with a keyed tag', () => {
  const REF = ['--reference-date', '2026-11-27'];
  const KEY = 'k'.repeat(32);
  const MASKED = /[A-Z0-9*]{16}#[0-9a-z]{6}|[0-9*]{11}#[0-9a-z]{6}/g;
  /** Every string of 11 or 16 letters and digits in the text: none may be a whole code. */
  const wholeCodes = (text: string) => text.match(/(?<![A-Za-z0-9])(?:[A-Za-z0-9]{16}|\d{11})(?![A-Za-z0-9])/g) ?? [];
  // two invalid codes with the same mask (day 32 and day 33): before, both printed RSSMRA******501C
  const BAD = ['RSSMRA80A32H501C', 'RSSMRA80A33H501C'];
  const OMOCODE = 'RSSMRA80A01H50MM'; // base RSSMRA80A01H501U

  it('validate: two different invalid codes with one mask print differently, human and JSON', async () => {
    const human = await run(['validate', ...BAD, ...REF]);
    const shown = human.out.match(MASKED) ?? [];
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/^RSSMRA\*{6}501C#/);
    expect(shown[0]).not.toBe(shown[1]);
    const json = await run(['validate', '--json', ...BAD, ...REF]);
    const codes = json.out.split('\n').map((l) => (JSON.parse(l) as { code: string }).code);
    expect(codes[0]).toMatch(/^RSSMRA\*{6}501C#[0-9a-z]{6}$/);
    expect(codes[0]).not.toBe(codes[1]);
  });
  it('one code prints the same within a run, however it was typed', async () => {
    const r = await run(['validate', '--json', ...REF], ['RSSMRA80A01H501U', ' rssmra80a01h501u ', 'RSSMRA80A41H501Y', 'RSSMRA80A01H501U']);
    const codes = r.out.split('\n').map((l) => (JSON.parse(l) as { code: string }).code);
    expect(codes[0]).toBe(codes[1]);
    expect(codes[0]).toBe(codes[3]);
    expect(codes[2]).not.toBe(codes[0]);
  });
  it('no whole code in the output of validate and decode (stdout and stderr), human and JSON', async () => {
    const runs = [
      await run(['validate', 'RSSMRA80A01H501U', OMOCODE, ...BAD, '00743110157', 'RSSMRA80A01Z999Y', ...REF]),
      await run(['validate', '--json', 'RSSMRA80A01H501U', OMOCODE, ...BAD, '00743110157', 'RSSMRA80A01Z999Y', ...REF]),
      await run(['validate', '--lang', 'en', ...REF], ['RSSMRA80A01H501U', 'rssmra80a01h501u', OMOCODE]),
      await run(['decode', 'RSSMRA80A01H501U', ...REF]),
      await run(['decode', OMOCODE, ...REF]),
      await run(['decode', OMOCODE, '--json', ...REF]),
      await run(['decode', BAD[0] as string, ...REF]),
      await run(['decode', '00743110157', ...REF]),
      await run(['RSSMRA80A01H501U']),
    ];
    for (const r of runs) {
      expect(wholeCodes(`${r.out}\n${r.err}`)).toEqual([]);
      expect(`${r.out}\n${r.err}`).not.toMatch(/RSSMRA80A|H50MM|H501U(?!#)|00743110157/i);
    }
    expect(runs[8]?.err).toMatch(/^codice-fiscale: comando sconosciuto: RSSMRA\*{6}501U#[0-9a-z]{6} \(comandi: validate, decode, compute\)$/m);
  });
  it('decode masks the code and its base, and tags them; --show-codes prints them whole', async () => {
    const human = await run(['decode', OMOCODE, ...REF]);
    expect(human.out).toMatch(/^codice: +RSSMRA\*{6}50MM#[0-9a-z]{6}$/m);
    expect(human.out).toMatch(/omocodia: +1 {2}\(base RSSMRA\*{6}501U#[0-9a-z]{6}\)$/m);
    expect(human.out).toContain('1° gennaio 1980');
    const json = JSON.parse((await run(['decode', OMOCODE, '--json', ...REF])).out) as { code: string; canonical: string; birthPlace: { code: string } };
    expect(json.code).toMatch(/^RSSMRA\*{6}50MM#[0-9a-z]{6}$/);
    expect(json.canonical).toMatch(/^RSSMRA\*{6}501U#[0-9a-z]{6}$/);
    expect(json.birthPlace.code).toBe('H501');
    const shown = await run(['decode', OMOCODE, '--json', '--show-codes', ...REF]);
    expect(JSON.parse(shown.out)).toMatchObject({ code: OMOCODE, canonical: 'RSSMRA80A01H501U' });
    expect((await run(['decode', OMOCODE, '--show-codes', ...REF])).out).toContain(`codice:          ${OMOCODE}`);
    expect((await run(['validate', 'RSSMRA80A01H501U', '--show-codes', ...REF])).out).toMatch(/^1\tOK\tRSSMRA80A01H501U$/m);
  });
  it('compute prints the code it computed, whole (it is the result asked for)', async () => {
    const r = await run(['compute', '--surname', 'Rossi', '--name', 'Mario', '--sex', 'M', '--birth-date', '1980-01-01', '--birth-place', 'H501']);
    expect(r.out).toBe('RSSMRA80A01H501U');
  });
  it(`${TAG_KEY_ENV}: the same tags in every run; without it, a new key per run; a short key is a usage error`, async () => {
    const tagged = async (env: Record<string, string>) => (await run(['validate', 'RSSMRA80A01H501U', ...REF], null, env)).out.match(MASKED)?.[0];
    const a = await tagged({ [TAG_KEY_ENV]: KEY });
    expect(a).toMatch(/^RSSMRA\*{6}501U#[0-9a-z]{6}$/);
    expect(await tagged({ [TAG_KEY_ENV]: KEY })).toBe(a);
    expect(await tagged({ [TAG_KEY_ENV]: 'j'.repeat(32) })).not.toBe(a); // keyed: not a hash of the code alone
    const random = new Set([await tagged({}), await tagged({}), await tagged({})]);
    expect(random.size).toBeGreaterThan(1);
    const short = await run(['validate', 'RSSMRA80A01H501U'], null, { [TAG_KEY_ENV]: 'secret-but-short' });
    expect(short.code).toBe(2);
    expect(short.err).toBe(`codice-fiscale: ${TAG_KEY_ENV} troppo corta: servono almeno 32 caratteri (es. openssl rand -hex 32)\ncodice-fiscale --help per l'uso`);
    expect(short.err).not.toContain('secret-but-short');
    expect((await run(['validate', 'RSSMRA80A01H501U', '--show-codes', ...REF], null, { [TAG_KEY_ENV]: 'x' })).code).toBe(0);
  });
  it('property: within a run, different codes never print alike, one code always prints alike, no code shows whole', () => {
    const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    const code = fc.oneof(
      fc.string({ unit: letter, minLength: 16, maxLength: 16 }),
      fc.tuple(fc.constant('RSSMRA'), fc.string({ unit: alnum, minLength: 6, maxLength: 6 }), fc.constant('H501U')).map((p) => p.join('').slice(0, 16)),
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 11 }),
      fc.string({ unit: alnum, maxLength: 20 }),
    );
    fc.assert(fc.property(fc.uniqueArray(code, { minLength: 2, maxLength: 20 }), fc.option(fc.string({ minLength: 32, maxLength: 40 }), { nil: undefined }), (codes, key) => {
      const print = codePrinter(false, key === undefined ? {} : { [TAG_KEY_ENV]: key });
      const shown = codes.map(print);
      if (new Set(shown).size !== codes.length) return false;
      if (codes.some((c, i) => print(c) !== shown[i])) return false;
      return codes.every((c, i) => (c.length < 11 ? true : !(shown[i] as string).includes(c)) && /#[0-9a-z]{6}$/.test(shown[i] as string));
    }), { numRuns: 300 });
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
  it('a reader that closes early (| head -1, | grep -q) ends it quietly: no EPIPE stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    await withBundledCli(new URL('.', import.meta.url), { 'cli.mjs': MAIN_ONCE }, (dir) => {
      const script = join(dir, 'cli.mjs');
      const input = join(dir, 'codes.txt');
      writeFileSync(input, 'RSSMRA80A01H501U\n'.repeat(200_000));
      for (const reader of ['head -1', 'grep -q OK']) {
        const run = spawnSync('sh', ['-c', `"$0" "$1" validate < "$2" | ${reader}`, process.execPath, script, input], { encoding: 'utf8' });
        expect(run.stderr).toBe('');
        expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
        if (reader === 'head -1') expect(run.stdout).toMatch(/^1\tOK\tRSSMRA\*{6}501U#[0-9a-z]{6}\n/);
      }
    });
  }, 60_000);

  it('a 64 MB stdin line is refused in one line (exit 2), with a 48 MB heap', async () => {
    const { spawnSync } = await import('node:child_process');
    await withBundledCli(new URL('.', import.meta.url), { 'cli.mjs': MAIN_ONCE }, (dir) => {
      const input = Buffer.alloc(64 * 1024 * 1024, 65);
      const run = spawnSync(process.execPath, ['--max-old-space-size=48', join(dir, 'cli.mjs'), 'validate'], { input, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`cf.line_length: Riga 1 dell'ingresso troppo lunga: più di 4096 caratteri (un codice per riga)\n`);
    });
  }, 30_000);
});
