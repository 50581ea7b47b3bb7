// SPDX-License-Identifier: BSD-3-Clause
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { MAIN_ONCE, withBundledCli } from '../../../test/support/bundled-cli.js';
import { buildFlow } from './build.js';
import { formatPath, runCli, type CliIo } from './cli.js';
import { parseFlow } from './parse.js';

const { flowChunks } = (await import(new URL('../bench/generate-flow.mjs', import.meta.url).href)) as {
  flowChunks(options: { bytes: number; seed?: number; kind?: 'PS_PSA_SINA' | 'SINBA'; xsdErrorRate?: number; records?: number }): IterableIterator<string>;
};

const dir = mkdtempSync(join(tmpdir(), 'siuss-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(args: string[], stdin: string | null = null) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    ...(stdin === null ? {} : { stdin: () => (async function* () { yield new TextEncoder().encode(stdin); })() }),
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Anything shaped like a whole codice fiscale. */
const WHOLE_CF = /\b[A-Z]{6}[0-9]{2}[A-Z][0-9]{2}[A-Z][0-9]{3}[A-Z]\b/;

const valid = file('valid.xml', [...flowChunks({ bytes: 40_000, seed: 31 })].join(''));
/** XSD-valid, with business-rule warnings. */
const warned = file('warned.xml', [...flowChunks({ bytes: 150_000, seed: 33 })].join(''));
const brokenText = [...flowChunks({ bytes: 40_000, seed: 32, xsdErrorRate: 0.3 })].join('');
const broken = file('broken.xml', brokenText);

describe('siuss validate', () => {
  it('a valid flow: exit 0, a summary, codici fiscali masked', async () => {
    const r = await run(['validate', valid]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid\.xml: PS_PSA_SINA, \d+ record, 0 errori, \d+ avvisi — VALIDO$/);
    expect(r.out).not.toMatch(WHOLE_CF);
  });

  it('XSD errors: exit 1, one line per finding with file:line, path with attribute, code and message', async () => {
    const r = await run(['validate', broken]);
    expect(r.code).toBe(1);
    const lines = brokenText.split('\n');
    const findings = r.out.split('\n').filter((l) => l.includes(': errore siuss.xsd.'));
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) {
      const m = /^(.+):(\d+): errore (siuss\.xsd\.\w+) (Beneficiario\[\d+\]\/PrestazioniSociali\[\d+\]\/@\w+) — (.+)$/.exec(f);
      expect(m, f).not.toBeNull();
      const [, name, line, , path, message] = m as unknown as string[];
      expect(name).toBe(broken);
      const attribute = (path as string).split('@')[1] as string;
      expect(message).toContain(attribute);
      // The line is the one of the element with the attribute (or, when it is missing, of that element).
      expect(lines[Number(line) - 1]).toContain('<PrestazioniSociali ');
    }
    expect(r.out).toMatch(/broken\.xml: PS_PSA_SINA, \d+ record, \d+ errori, \d+ avvisi — NON VALIDO$/);
    expect(r.out).not.toMatch(WHOLE_CF);
  });

  it('--lang en, --max-issues caps the lines but not the counts', async () => {
    const all = await run(['validate', broken, '--lang', 'en']);
    const errors = Number(/(\d+) errors/.exec(all.out)?.[1]);
    expect(errors).toBeGreaterThan(2);
    const r = await run(['validate', broken, '--max-issues', '2', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter((l) => l.includes(': error ')).length).toBe(2);
    expect(r.out).toContain(`${errors} errors`);
    expect(r.out).toContain('(only the first 2 of each kind shown)');
    expect(r.out).toMatch(/— INVALID$/);
  });

  it('--json: one object per file with counts and findings', async () => {
    const r = await run(['validate', valid, broken, '--json', '--max-issues', '5']);
    expect(r.code).toBe(1);
    const [a, b] = r.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toMatchObject({ file: valid, kind: 'PS_PSA_SINA', valid: true, errorCount: 0, errors: [] });
    expect(b).toMatchObject({ file: broken, valid: false, truncated: true });
    expect((b?.errors as unknown[]).length).toBe(5);
    expect(b?.errorCount as number).toBeGreaterThan(5);
    expect(r.out).not.toMatch(WHOLE_CF);
  });

  it('--strict turns rule warnings into errors; --mode cooperazione adds the one-record rule', async () => {
    const lenient = await run(['validate', warned]);
    expect(lenient.code).toBe(0);
    const warnings = Number(/(\d+) avvisi/.exec(lenient.out)?.[1]);
    expect(warnings).toBeGreaterThan(0);
    expect(lenient.out).toMatch(/^.*warned\.xml:\d+: avviso siuss\.rule\.\w+ Beneficiario\[\d+\]/m);
    const strict = await run(['validate', warned, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(`${warnings} errori, 0 avvisi`);
    expect(strict.out).not.toContain(': avviso ');
    const coop = await run(['validate', warned, '--mode', 'cooperazione', '--max-issues', '0']);
    expect(coop.code).toBe(0);
    expect(Number(/(\d+) avvisi/.exec(coop.out)?.[1])).toBe(warnings + 1);
    const xsdOnly = await run(['validate', warned, '--xsd-only', '--strict']);
    expect(xsdOnly.code).toBe(0);
    expect(xsdOnly.out).toContain('0 errori, 0 avvisi');
  });

  it('a codice fiscale with a wrong check character (RSSMRK66C14H501X): a masked warning, an error with --strict', async () => {
    const text = readFileSync(valid, 'utf8');
    const wrongCf = file('wrong-cf.xml', text.replace(/(<Beneficiario CodiceFiscale=")[^"]*"/, '$1RSSMRK66C14H501X"'));
    const line = text.slice(0, text.indexOf('<Beneficiario ')).split('\n').length;
    const before = Number(/(\d+) avvis[oi]/.exec((await run(['validate', valid])).out)?.[1]);
    const r = await run(['validate', wrongCf]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${wrongCf}:${line}: avviso siuss.rule.codice_fiscale_check Beneficiario[1]/@CodiceFiscale — Beneficiario 1 (RSSMRK******501X): CodiceFiscale «RSSMRK******501X» non è un codice fiscale valido: il carattere di controllo`);
    expect(r.out).toMatch(new RegExp(`0 errori, ${before + 1} avvis[oi] — VALIDO$`));
    expect(r.out).not.toContain('RSSMRK66C14H501X');
    const strict = await run(['validate', wrongCf, '--strict', '--lang', 'en']);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(`${wrongCf}:${line}: error siuss.rule.codice_fiscale_check Beneficiario[1]/@CodiceFiscale — Beneficiary 1 (RSSMRK******501X): CodiceFiscale «RSSMRK******501X» is not a valid codice fiscale`);
    expect(strict.out).not.toContain('RSSMRK66C14H501X');
    const json = await run(['validate', wrongCf, '--json']);
    const report = JSON.parse(json.out) as { warnings: { code: string; params: Record<string, unknown> }[] };
    expect(report.warnings.find((w) => w.code === 'siuss.rule.codice_fiscale_check')?.params).toMatchObject({ attribute: 'CodiceFiscale', value: 'RSSMRK******501X', reason: 'cf.check_character' });
    expect(json.out).not.toContain('RSSMRK66C14H501X');
  });

  it('reads stdin for "-"', async () => {
    const r = await run(['validate', '-'], readFileSync(broken, 'utf8'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^-:\d+: errore siuss\.xsd\./m);
  });

  it('not XML, not SIUSS: exit 1 with the fatal error', async () => {
    const r = await run(['validate', file('junk.xml', '<Flusso xmlns="http://inps.it/Casellario"><b></Flusso>')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/junk\.xml:1: errore siuss\.xml\.syntax — /);
    expect(r.out).toContain('non è un flusso SIUSS');
    const other = await run(['validate', file('other.xml', '<html/>')]);
    expect(other.out).toContain('siuss.xml.root');
  });

  it('unreadable files: exit 2, the other files are still checked', async () => {
    const r = await run(['validate', join(dir, 'missing.xml'), valid, dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing.xml: file non leggibile (ENOENT)');
    expect(r.err).toContain('(EISDIR)');
    expect(r.out).toContain('VALIDO');
  });

  it('usage errors exit 2', async () => {
    for (const args of [[], ['frob'], ['validate'], ['validate', valid, '--mode', 'x'], ['validate', valid, '--max-issues', '-1'],
      ['validate', valid, '--out', 'x'], ['validate', valid, '--lang', 'de'], ['validate', valid, '--nope'], ['to-json'],
      ['split-cooperazione', valid], ['split-cooperazione', valid, '--out', dir, '--start', '0'], ['validate', '-']]) {
      expect((await run(args)).code, args.join(' ')).toBe(2);
    }
    expect((await run(['--help'])).code).toBe(0);
    expect((await run(['--version'])).out).toMatch(/^(dev|\d+\.\d+\.\d+.*)$/);
  });
});

describe('siuss: usage errors, languages, plurals', () => {
  it.each([
    [['validate', valid, '--x'], 'opzione sconosciuta: --x', 'unknown option: --x'],
    [['validate', valid, '--mode'], 'manca il valore di --mode', 'missing value for --mode'],
    [['frob'], 'comando sconosciuto: frob (comandi: validate, to-json, from-json, split-cooperazione)', 'unknown command: frob (commands: validate, to-json, from-json, split-cooperazione)'],
    [['validate'], 'nessun file', 'no file'],
    [['validate', valid, '--mode', 'x'], '--mode upload|cooperazione', '--mode upload|cooperazione'],
    [['validate', valid, '--max-issues=-1'], '--max-issues: un intero ≥ 0', '--max-issues: an integer ≥ 0'],
    // util.parseArgs: a value starting with "-" after a space is not taken as the value
    [['validate', valid, '--max-issues', '-1'], 'manca il valore di --max-issues (un valore che inizia con "-" si scrive --max-issues=-1)',
      'missing value for --max-issues (a value starting with "-" is written --max-issues=-1)'],
    [['validate', valid, '--json=yes'], '--json non accetta un valore', '--json takes no value'],
    [['validate', valid, '--out', 'x'], '--out: non valida per validate', '--out: not valid for validate'],
    [['validate', '-'], 'stdin non disponibile', 'stdin not available'],
    [['to-json'], 'to-json vuole un file', 'to-json takes one file'],
    [['from-json'], 'from-json vuole un file', 'from-json takes one file'],
    [['split-cooperazione', valid], 'manca --out DIR', 'missing --out DIR'],
    [['split-cooperazione', valid, '--out', dir, '--start', '0'], '--start: un intero ≥ 1', '--start: an integer ≥ 1'],
    [['split-cooperazione', valid, '--out', dir, '--date', '30/06/2025'], '--date AAAA-MM-GG', '--date YYYY-MM-DD'],
    [['split-cooperazione', valid, '--out', valid], `${valid}: non è una cartella`, `${valid}: not a directory`],
  ])('%j: one line in the chosen language and a hint, not the help', async (args, it, en) => {
    expect(await run(args)).toEqual({ code: 2, out: '', err: `siuss: ${it}\nsiuss --help per l'uso` });
    expect(await run(['--lang', 'en', ...args])).toEqual({ code: 2, out: '', err: `siuss: ${en}\nsiuss --help for usage` });
  });

  it('--lang with a wrong value: one line and the hint', async () => {
    expect(await run(['validate', valid, '--lang', 'de'])).toEqual({ code: 2, out: '', err: "siuss: --lang it|en\nsiuss --help per l'uso" });
  });

  /** Every count in a summary agrees with its noun. */
  function checkCounts(line: string): void {
    for (const [, n, noun] of line.matchAll(/\b(\d+) (records?|errors?|warnings?|errori|errore|avvisi|avviso|flows?|flussi|flusso)\b/g)) {
      const singular = ['record', 'error', 'warning', 'errore', 'avviso', 'flow', 'flusso'].includes(noun as string);
      const italian = / (errori|errore|avvisi|avviso|flussi|flusso)\b/.test(line);
      expect(singular, line).toBe(n === '1' || (noun === 'record' && italian)); // "record" is invariable in Italian
    }
  }

  it('singular and plural in the validate summary and in split-cooperazione, both languages', async () => {
    const one = file('one.xml', [...flowChunks({ bytes: Infinity, seed: 1, records: 1 })].join(''));
    expect((await run(['validate', one, '--lang', 'en'])).out).toBe(`${one}: PS_PSA_SINA, 1 record, 0 errors, 0 warnings — VALID`);
    expect((await run(['validate', one])).out).toBe(`${one}: PS_PSA_SINA, 1 record, 0 errori, 0 avvisi — VALIDO`);
    const lines: string[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const f = file(`err-${seed}.xml`, [...flowChunks({ bytes: Infinity, seed, records: 1 + (seed % 3), xsdErrorRate: 0.05 * seed })].join(''));
      for (const lang of ['it', 'en']) lines.push((await run(['validate', f, '--lang', lang, '--max-issues', '0'])).out);
    }
    lines.push((await run(['validate', warned, '--lang', 'en'])).out.split('\n').at(-1) as string);
    for (const line of lines) checkCounts(line);
    expect(lines.join('\n')).toMatch(/\b1 (errore|error|avviso|warning)\b/);
    const split = (lang: string) => run(['split-cooperazione', one, '--out', join(dir, `split-one-${lang}`), '--lang', lang]);
    const it = await split('it');
    expect(it.out).toBe(`1 flusso scritto in ${join(dir, 'split-one-it')}`);
    expect((await split('en')).out).toBe(`1 flow written to ${join(dir, 'split-one-en')}`);
  });
});

describe('siuss: the real process', () => {
  it('a reader that closes early (| head -1, | grep -q) ends it quietly: no EPIPE stack trace', async () => {
    await withBundledCli(new URL('.', import.meta.url), { 'cli.mjs': MAIN_ONCE }, (work) => {
      const big = join(work, 'big.xml');
      writeFileSync(big, [...flowChunks({ bytes: 3_000_000, seed: 50, xsdErrorRate: 0.5 })].join(''));
      for (const reader of ['head -1', 'grep -q errore']) {
        const r = spawnSync('sh', ['-c', `"$0" "$1" validate "$2" --max-issues 100000 | ${reader}`, process.execPath, join(work, 'cli.mjs'), big], { encoding: 'utf8' });
        expect(r.stderr, reader).toBe('');
        if (reader === 'head -1') expect(r.stdout).toMatch(/big\.xml:\d+: (errore|avviso) /);
      }
    });
  }, 60_000);
});

describe('siuss to-json / from-json', () => {
  it('to-json prints parseFlow as JSON; --out writes it; from-json gives buildFlow back', async () => {
    const xml = readFileSync(valid, 'utf8');
    const r = await run(['to-json', valid]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(JSON.stringify(parseFlow(xml), null, 2));
    const jsonFile = join(dir, 'valid.json');
    expect((await run(['to-json', valid, '--out', jsonFile])).code).toBe(0);
    expect(JSON.parse(readFileSync(jsonFile, 'utf8'))).toEqual(parseFlow(xml));
    const back = await run(['from-json', jsonFile]);
    expect(back.code).toBe(0);
    expect(`${back.out}\n`).toBe(buildFlow(parseFlow(xml)));
    const xmlFile = join(dir, 'back.xml');
    expect((await run(['from-json', jsonFile, '--out', xmlFile])).code).toBe(0);
    expect(readFileSync(xmlFile, 'utf8')).toBe(buildFlow(parseFlow(xml)));
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('to-json --mask-cf masks the codici fiscali in the data', async () => {
    const r = await run(['to-json', valid, '--mask-cf']);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(WHOLE_CF);
    expect(r.out).toContain('******');
  });

  it('to-json of an invalid flow: exit 1, the errors (masked) on stderr, no output file', async () => {
    const out = join(dir, 'never.json');
    const r = await run(['to-json', broken, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.xml:\d+: errore siuss\.xsd\./);
    expect(r.err).not.toMatch(WHOLE_CF);
    expect(existsSync(out)).toBe(false);
  });

  it('from-json: invalid JSON (never echoed) and invalid flows exit 1', async () => {
    const bad = await run(['from-json', file('bad.json', '{"kind":"PS_PSA_SINA","CodiceFiscale":"RSSMRA80A01H501U",}')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/JSON non valido/);
    expect(bad.err).not.toContain('RSSMRA80A01H501U');
    const flow = parseFlow(readFileSync(valid, 'utf8')) as unknown as { Beneficiario: { CodiceFiscale: string }[] };
    const invalid = { ...flow, Beneficiario: [{ ...flow.Beneficiario[0], CodiceFiscale: 'RSSMRA80A01H501' }] };
    const r = await run(['from-json', file('invalid.json', JSON.stringify(invalid)), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/invalid\.json: error siuss\.xsd\.pattern Beneficiario\[1\]\/@CodiceFiscale — /);
    expect(r.err).not.toMatch(WHOLE_CF);
  });
});

describe('siuss split-cooperazione', () => {
  it('one file per beneficiary and benefit, named after its Nome, written atomically', async () => {
    const source = file('multi.xml', [...flowChunks({ bytes: Infinity, seed: 40, records: 4 })].join(''));
    const flow = parseFlow(readFileSync(source)) as unknown as { Beneficiario: { PrestazioniSociali: unknown[] }[] };
    const pairs = flow.Beneficiario.reduce((n, b) => n + b.PrestazioniSociali.length, 0);
    const out = join(dir, 'split');
    const r = await run(['split-cooperazione', source, '--out', out, '--start', '41', '--date', '2025-06-30']);
    expect(r.code, r.err).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toHaveLength(pairs);
    expect(names[0]).toBe('H501.PS.20250630.0000041.xml');
    for (const name of names) {
      const part = parseFlow(readFileSync(join(out, name)));
      expect(`${part.IdentificazioneFlusso.Nome}.xml`).toBe(name);
      if (part.kind !== 'PS_PSA_SINA') throw new Error('PS expected');
      expect(part.Beneficiario).toHaveLength(1);
      expect(part.Beneficiario[0]?.PrestazioniSociali).toHaveLength(1);
    }
    expect(r.out).toBe(`${pairs} flussi scritti in ${out}`);
    // A non-empty directory is refused (exit 2) unless --force.
    const again = await run(['split-cooperazione', source, '--out', out, '--date', '2025-06-30']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('cartella non vuota');
    expect((await run(['split-cooperazione', source, '--out', out, '--date', '2025-06-30', '--force'])).code).toBe(0);
    expect(readdirSync(out).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('an invalid flow: exit 1, nothing written', async () => {
    const out = join(dir, 'split-broken');
    const r = await run(['split-cooperazione', broken, '--out', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it('new flows that cannot be named (progressivo past 9 999 999): exit 1 with siuss.flow_name.*, nothing left in a DIR it created or in one that existed', async () => {
    const source = file('multi-overflow.xml', [...flowChunks({ bytes: Infinity, seed: 41, records: 3 })].join(''));
    const out = join(dir, 'split-overflow');
    const r = await run(['split-cooperazione', source, '--out', out, '--start', '9999999', '--date', '2025-06-30', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error siuss\.flow_name\./);
    expect(existsSync(out)).toBe(false);
    mkdirSync(out);
    const again = await run(['split-cooperazione', source, '--out', out, '--start', '9999999', '--date', '2025-06-30']);
    expect(again.code).toBe(1);
    expect(readdirSync(out)).toEqual([]);
    // One progressivo fewer than the overflow: every flow fits.
    const flow = parseFlow(readFileSync(source)) as unknown as { Beneficiario: { PrestazioniSociali: unknown[] }[] };
    const pairs = flow.Beneficiario.reduce((n, b) => n + b.PrestazioniSociali.length, 0);
    const fits = await run(['split-cooperazione', source, '--out', out, '--start', String(10_000_000 - pairs), '--date', '2025-06-30']);
    expect(fits.code, fits.err).toBe(0);
    expect(readdirSync(out)).toHaveLength(pairs);
  });

  it('a file in the way of --out: exit 2', async () => {
    mkdirSync(join(dir, 'x'), { recursive: true });
    const r = await run(['split-cooperazione', valid, '--out', valid]);
    expect(r.code).toBe(2);
  });
});

describe.skipIf(sharedDir() === null)('siuss on the INPS samples', () => {
  it('valid per XSD, with rule warnings; masked codici fiscali', async () => {
    const sample = sharedFile('data', 'siuss', 'samples', 'inps-waas-ps_psa_sina-multi-prestazioni.xml');
    const r = await run(['validate', sample, '--mode', 'cooperazione']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('siuss.rule.cooperazione_single');
    expect(r.out).not.toContain('AAABBB39M66A351C');
    expect(r.out).not.toMatch(WHOLE_CF);
    expect((await run(['validate', sample, '--strict'])).code).toBe(1);
    const out = join(dir, 'split-sample');
    const s = await run(['split-cooperazione', sample, '--out', out, '--date', '2025-05-20']);
    expect(s.code, s.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['H501.PS.20250520.0000001.xml', 'H501.PS.20250520.0000002.xml', 'H501.PS.20250520.0000003.xml']);
  });
});

describe('formatPath', () => {
  it('XPath-like, 1-based', () => {
    expect(formatPath(['Beneficiario', 0, 'PrestazioniSociali', 1, '@ImportoMensile'])).toBe('Beneficiario[1]/PrestazioniSociali[2]/@ImportoMensile');
    expect(formatPath([])).toBe('');
    expect(formatPath(['IdentificazioneFlusso', '@Nome'])).toBe('IdentificazioneFlusso/@Nome');
  });
});

const pkg = fileURLToPath(new URL('..', import.meta.url));
// Under CI=true the packages are built before the tests (.ci/run): a missing build fails, never skips.
describe.skipIf(!existsSync(join(pkg, 'dist', 'cli.cjs')) && process.env.CI !== 'true')('the built bin', () => {
  it('bin/siuss.cjs runs: --version, validate with exit codes', () => {
    const bin = join(pkg, 'bin', 'siuss.cjs');
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version);
    const ok = spawnSync(process.execPath, [bin, 'validate', valid, '--lang', 'en'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/— VALID\n$/);
    const ko = spawnSync(process.execPath, [bin, 'validate', broken], { encoding: 'utf8' });
    expect(ko.status).toBe(1);
    expect(spawnSync(process.execPath, [bin, 'validate', join(dir, 'missing.xml')], { encoding: 'utf8' }).status).toBe(2);
  });
});

describe('siuss validate --jobs', () => {
  /** A flow of ~5 MB (more than two pieces of the default 2 MiB) with XSD errors and rule warnings. */
  let bigFlow: string | undefined;
  const big = (): string => (bigFlow ??= file('jobs-big.xml', [...flowChunks({ bytes: 5_000_000, seed: 60, xsdErrorRate: 0.02 })].join('')));

  it.each([['0'], ['x'], ['1000'], ['-1'], ['1.5'], ['']])('--jobs %j: usage error, exit 2', async (jobs) => {
    expect(await run(['validate', valid, `--jobs=${jobs}`])).toEqual({ code: 2, out: '', err: "siuss: --jobs: un intero da 1 a 999\nsiuss --help per l'uso" });
    expect((await run(['validate', valid, '--jobs', jobs, '--lang', 'en'])).err.split('\n')[0]).toMatch(/^siuss: (--jobs: an integer from 1 to 999|missing value for --jobs.*)$/);
  });

  it('--jobs 2 and --jobs 1 print the same bytes (text and --json) on a flow with errors and warnings', async () => {
    // In this process the worker script (validate-worker.js beside src/parallel.ts) does not exist:
    // the workers fail and the flow is read again single-threaded, a real failure mode that must
    // keep the output unchanged.
    const flow = big();
    for (const extra of [[], ['--json'], ['--xsd-only', '--mode', 'cooperazione', '--lang', 'en']]) {
      const one = await run(['validate', flow, '--max-issues', '100000', '--jobs', '1', ...extra]);
      const two = await run(['validate', flow, '--max-issues', '100000', '--jobs', '2', ...extra]);
      expect(one.code, extra.join(' ')).toBe(1);
      expect(two).toEqual(one);
      if (extra.length === 0) {
        expect(one.out).toMatch(/: errore siuss\.xsd\./);
        expect(one.out).toMatch(/: avviso siuss\.rule\./);
      }
    }
    // A small flow (one piece) and a flow with a fatal error in its second half.
    const text = readFileSync(flow, 'utf8');
    const fatal = file('jobs-fatal.xml', `${text.slice(0, Math.floor(text.length * 0.7))}</Beneficiario>`);
    for (const f of [broken, warned, fatal]) {
      expect(await run(['validate', f, '--jobs', '3'])).toEqual(await run(['validate', f, '--jobs', '1']));
    }
    expect((await run(['validate', fatal, '--jobs', '2'])).out).toMatch(/jobs-fatal\.xml:\d+: errore siuss\.xml\./);
  }, 60_000);

  // Under CI=true the packages are built before the tests: a missing build fails, never skips.
  it.skipIf(!existsSync(join(pkg, 'dist', 'cli.cjs')) && process.env.CI !== 'true')('the built bin: --jobs 2 and --jobs 1 give the same stdout and exit code on a 5 MB flow', () => {
    const bin = join(pkg, 'bin', 'siuss.cjs');
    const flow = big();
    for (const extra of [[], ['--json']]) {
      const args = (jobs: string) => [bin, 'validate', flow, '--max-issues', '100000', '--jobs', jobs, ...extra];
      const one = spawnSync(process.execPath, args('1'), { encoding: 'utf8', maxBuffer: 1 << 28 });
      const two = spawnSync(process.execPath, args('2'), { encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(one.status, one.stderr).toBe(1);
      expect(two.status, two.stderr).toBe(1);
      expect(two.stderr).toBe('');
      expect(two.stdout).toBe(one.stdout);
      expect(one.stdout.length).toBeGreaterThan(10_000);
    }
  }, 60_000);
});
