// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, it } from 'vitest';
import { expectTypeOf } from 'vitest';
import { handleCommonOptions, parseCommandLine, UsageError, usageText } from './command-line.js';

const spec = { out: { type: 'string' }, json: { type: 'boolean' } } as const;

/** The usage error thrown for `argv`, in both languages. */
function usageOf(argv: string[], options = spec): { it: string; en: string } {
  try {
    parseCommandLine(argv, options);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return { it: usageText(e as UsageError, 'it'), en: usageText(e as UsageError, 'en') };
  }
  throw new Error('no error');
}

describe('parseCommandLine (util.parseArgs, strict)', () => {
  it('splits command, positionals, options with a value (--out dir, --out=dir) and switches; "-" is a positional', () => {
    const cl = parseCommandLine(['validate', 'a.xml', '-', '--out', 'dir', '--lang=en', '--json', 'b.xml'], spec);
    expect(cl.command).toBe('validate');
    expect(cl.positional).toEqual(['a.xml', '-', 'b.xml']);
    expect(cl.values).toEqual({ out: 'dir', lang: 'en', json: true });
    expect(cl.given).toEqual(['--out', '--lang', '--json']);
    expect(parseCommandLine(['x', '--out=', '--out=a=b'], spec).values.out).toBe('a=b');
    expect(parseCommandLine(['x', '--out', '-'], spec).values.out).toBe('-');
    expect(parseCommandLine([], spec).command).toBeUndefined();
    expect(parseCommandLine(['x', '-h'], spec).given).toEqual(['--help']);
  });
  it('types the values by kind: string | undefined for an option with a value, boolean | undefined for a switch', () => {
    const cl = parseCommandLine([], spec);
    expectTypeOf(cl.values.out).toEqualTypeOf<string | undefined>();
    expectTypeOf(cl.values.json).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(cl.values.lang).toEqualTypeOf<string | undefined>();
    expectTypeOf(cl.values.help).toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error an option the spec does not declare
    void cl.values.bogus;
    // @ts-expect-error a switch is not a string
    void cl.values.json?.toUpperCase();
    // @ts-expect-error an option spec needs its type
    void (() => parseCommandLine([], { out: { short: 'o' } }));
  });
  it('"--" ends the options', () => {
    const cl = parseCommandLine(['validate', '--', '--json', '-x'], spec);
    expect(cl.positional).toEqual(['--json', '-x']);
    expect(cl.values.json).toBeUndefined();
  });
  it('maps the ERR_PARSE_ARGS_* errors to bilingual usage errors, never Node\'s English text', () => {
    expect(usageOf(['--nope'])).toEqual({ it: 'opzione sconosciuta: --nope', en: 'unknown option: --nope' });
    expect(usageOf(['x', '-hz'])).toEqual({ it: 'opzione sconosciuta: -z', en: 'unknown option: -z' });
    expect(usageOf(['x', '--no-json'])).toEqual({ it: 'opzione sconosciuta: --no-json', en: 'unknown option: --no-json' });
    expect(usageOf(['--json=1'])).toEqual({ it: '--json non accetta un valore', en: '--json takes no value' });
    expect(usageOf(['--out'])).toEqual({ it: 'manca il valore di --out', en: 'missing value for --out' });
    expect(usageOf(['--out', '--json'])).toEqual({
      it: 'manca il valore di --out (un valore che inizia con "-" si scrive --out=--json)',
      en: 'missing value for --out (a value starting with "-" is written --out=--json)',
    });
    expect(usageOf(['--lang'])).toEqual({ it: 'manca il valore di --lang', en: 'missing value for --lang' });
    expect(usageOf([`--${'x'.repeat(100)}`]).en).toBe(`unknown option: --${'x'.repeat(38)}…`);
  });
  it('a negative switch is an option of its own, declared and read explicitly (Node 20 has none)', () => {
    const negatable = { color: { type: 'boolean' }, 'no-color': { type: 'boolean' } } as const;
    const cl = parseCommandLine(['x', '--no-color'], negatable);
    expect(cl.values['no-color']).toBe(true);
    expect(cl.values.color).toBeUndefined();
  });
});

describe('handleCommonOptions', () => {
  const texts = { version: '1.2.3', help: 'HELP' };
  const run = (argv: string[]) => {
    const out: string[] = [];
    const r = handleCommonOptions(parseCommandLine(argv, {}), (t) => out.push(t), texts);
    return { ...r, out };
  };
  it('prints version and help, and asks for exit 2 without a command', () => {
    expect(run(['--version'])).toEqual({ lang: 'it', exitCode: 0, out: ['1.2.3'] });
    expect(run(['x', '--help', '--lang', 'en'])).toEqual({ lang: 'en', exitCode: 0, out: ['HELP'] });
    expect(run(['x', '-h'])).toEqual({ lang: 'it', exitCode: 0, out: ['HELP'] });
    expect(run([])).toEqual({ lang: 'it', exitCode: 2, out: ['HELP'] });
    expect(run(['validate'])).toEqual({ lang: 'it', exitCode: null, out: [] });
  });
  it('refuses an unknown language', () => {
    expect(() => run(['validate', '--lang', 'de'])).toThrow(UsageError);
  });
});

describe('one language for a usage error, the language of a line that does not parse, counts', () => {
  it('usageText: the text given for the language, or the message given alone', () => {
    const mine = new UsageError({ it: 'manca --out', en: 'missing --out' });
    expect(mine.message).toBe('manca --out / missing --out');
    expect([usageText(mine, 'it'), usageText(mine, 'en')]).toEqual(['manca --out', 'missing --out']);
    expect(usageText(new UsageError('solo testo'), 'en')).toBe('solo testo');
  });

  it('langOfArgv and countOf', async () => {
    const { langOfArgv, countOf } = await import('./command-line.js');
    expect(langOfArgv(['x', '--lang', 'en'])).toBe('en');
    expect(langOfArgv(['--lang=en'])).toBe('en');
    expect(langOfArgv(['--lang', 'it', '--bogus'])).toBe('it');
    expect(langOfArgv(['--lang'])).toBe('it');
    expect(langOfArgv(['x', '--', '--lang', 'en'])).toBe('it');
    expect([countOf(0, 'codice', 'codici'), countOf(1, 'codice', 'codici'), countOf(2, 'codice', 'codici')]).toEqual(['0 codici', '1 codice', '2 codici']);
  });
});

describe('exitQuietlyOnEpipe', () => {
  it('EPIPE calls exit; any other stream error is rethrown; registered once per stream', async () => {
    const { exitQuietlyOnEpipe } = await import('./command-line.js');
    const listeners: ((e: Error & { code?: unknown }) => void)[] = [];
    const stream = { on: (_event: 'error', l: (e: Error & { code?: unknown }) => void) => listeners.push(l) };
    let exits = 0;
    exitQuietlyOnEpipe(stream, () => {
      exits++;
    });
    exitQuietlyOnEpipe(stream, () => {
      exits += 100;
    });
    expect(listeners).toHaveLength(1);
    listeners[0]?.(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toBe(1);
    expect(() => listeners[0]?.(Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow('disk full');
  });
});
