// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, it } from 'vitest';
import { flagValue, parseCommandLine, UsageError } from './command-line.js';

const spec = { valueFlags: new Set(['--out', '--lang']), booleanFlags: new Set(['--json', '-h']) };

describe('parseCommandLine', () => {
  it('splits command, positionals, value flags and switches', () => {
    const cl = parseCommandLine(['validate', 'a.xml', '-', '--out', 'dir', '--lang=en', '--json', 'b.xml'], spec);
    expect(cl.command).toBe('validate');
    expect(cl.positional).toEqual(['a.xml', '-', 'b.xml']);
    expect(flagValue(cl, '--out')).toBe('dir');
    expect(flagValue(cl, '--lang')).toBe('en');
    expect(cl.flags.get('--json')).toBe(true);
    expect(flagValue(cl, '--json')).toBeUndefined();
    expect(parseCommandLine([], spec).command).toBeUndefined();
  });
  it('refuses unknown options, values on switches and missing values', () => {
    expect(() => parseCommandLine(['--nope'], spec)).toThrow(UsageError);
    expect(() => parseCommandLine(['--json=1'], spec)).toThrow(/unknown option/);
    expect(() => parseCommandLine(['--out'], spec)).toThrow(/missing value for --out/);
  });
});

import { handleCommonOptions } from './command-line.js';

describe('handleCommonOptions', () => {
  const s = { valueFlags: new Set(['--lang']), booleanFlags: new Set(['--version', '--help', '-h']) };
  const texts = { version: '1.2.3', help: 'HELP' };
  const run = (argv: string[]) => {
    const out: string[] = [];
    const r = handleCommonOptions(parseCommandLine(argv, s), (t) => out.push(t), texts);
    return { ...r, out };
  };
  it('prints version and help, and asks for exit 2 without a command', () => {
    expect(run(['--version'])).toEqual({ lang: 'it', exitCode: 0, out: ['1.2.3'] });
    expect(run(['x', '--help', '--lang', 'en'])).toEqual({ lang: 'en', exitCode: 0, out: ['HELP'] });
    expect(run([])).toEqual({ lang: 'it', exitCode: 2, out: ['HELP'] });
    expect(run(['validate'])).toEqual({ lang: 'it', exitCode: null, out: [] });
  });
  it('refuses an unknown language', () => {
    expect(() => run(['validate', '--lang', 'de'])).toThrow(UsageError);
  });
});

describe('one language for a usage error, the language of a line that does not parse, counts', () => {
  it('usageText: the text given for the language, or the half of the parser\'s bilingual message', async () => {
    const { UsageError, usageText, parseCommandLine } = await import('./command-line.js');
    const spec = { valueFlags: new Set(['--out']), booleanFlags: new Set<string>() };
    const unknown = (() => {
      try {
        parseCommandLine(['--x'], spec);
      } catch (e) {
        return e as InstanceType<typeof UsageError>;
      }
      throw new Error('no error');
    })();
    expect(usageText(unknown, 'it')).toBe('opzione sconosciuta: --x');
    expect(usageText(unknown, 'en')).toBe('unknown option: --x');
    const missing = (() => {
      try {
        parseCommandLine(['--out'], spec);
      } catch (e) {
        return e as InstanceType<typeof UsageError>;
      }
      throw new Error('no error');
    })();
    expect([usageText(missing, 'it'), usageText(missing, 'en')]).toEqual(['manca il valore di --out', 'missing value for --out']);
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
