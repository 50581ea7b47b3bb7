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
