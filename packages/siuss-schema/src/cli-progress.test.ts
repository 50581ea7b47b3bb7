// SPDX-License-Identifier: BSD-3-Clause
/**
 * The progress line of `siuss validate`, `to-json` and `split-cooperazione`, on a real pseudo-terminal
 * (util-linux `script`): shown on a terminal, never with stderr redirected, `--quiet` or `--json`, and
 * stdout the same with and without it. The CLI is bundled with a clock running 100 times faster, so
 * that a 2.5 MB flow (three reads of 1 MiB: the line is redrawn at each read after the first) gives
 * two renderings or more; nothing is asserted about time.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN_ONCE, withBundledCli } from '../../../test/support/bundled-cli.js';
import { fastClock, SKIP_PTY, progressLines, runInPty, shellQuote, withoutProgress } from '../../../test/support/pty.js';

const { flowChunks } = (await import(new URL('../bench/generate-flow.mjs', import.meta.url).href)) as {
  flowChunks(options: { bytes: number; seed?: number; xsdErrorRate?: number }): IterableIterator<string>;
};

if (SKIP_PTY) console.warn('\n*** util-linux `script` not found: the pty tests of the siuss progress line are SKIPPED ***\n');

const NODE = shellQuote(process.execPath);
const SCRIPTS = { 'cli.mjs': fastClock(100) + MAIN_ONCE };
/** Every byte the progress line may write: a carriage return or an escape sequence. */
const CONTROL = /[\r\x1b]/;

describe.skipIf(SKIP_PTY)('siuss: the progress line on a pseudo-terminal', () => {
  it('validate: on a terminal only; not with stderr redirected, --quiet or --json; stdout unchanged', async () => {
    await withBundledCli(new URL('.', import.meta.url), SCRIPTS, (work) => {
      // Valid XML with some XSD errors, so that stdout has finding lines printed while the line is up.
      writeFileSync(join(work, 'big.xml'), [...flowChunks({ bytes: 2_500_000, seed: 61, xsdErrorRate: 0.01 })].join(''));
      const cli = `${NODE} cli.mjs validate big.xml --max-issues 3`;
      const read = (name: string) => readFileSync(join(work, name), 'utf8');

      // stderr is the terminal, stdout a file.
      const tty = runInPty(`${cli} > out-tty.txt`, { cwd: work });
      const lines = progressLines(tty.terminal);
      expect(lines.length, tty.terminal).toBeGreaterThanOrEqual(2);
      for (const l of lines) expect(l).toMatch(/^big\.xml: [\d,]+ (B|kB|MB) \/ 2,5 MB \(\d{1,3},\d%\)( · [\d,]+ (B|kB|MB|GB|TB)\/s)?( · mancano \d+:\d\d(:\d\d)?)?$/);
      expect(tty.terminal.endsWith('\r\x1b[K'), 'the line is cleared at the end').toBe(true);
      expect(withoutProgress(tty.terminal)).toBe('');
      expect(read('out-tty.txt')).toMatch(/\nbig\.xml: PS_PSA_SINA, \d+ record, \d+ errori?, \d+ avvisi? \(mostrate solo le prime 3 per tipo\) — NON VALIDO\n$/);
      expect(read('out-tty.txt')).not.toMatch(CONTROL);

      // stderr redirected to a file: nothing on the terminal, nothing of the line in the file.
      const redirected = runInPty(`${cli} > out-file.txt 2> err.txt`, { cwd: work });
      expect(redirected.terminal).toBe('');
      expect(read('err.txt')).toBe('');
      expect(redirected.status).toBe(tty.status);
      expect(read('out-file.txt')).toBe(read('out-tty.txt'));

      // --quiet and --json: nothing, though stderr is the terminal.
      const quiet = runInPty(`${cli} --quiet > out-quiet.txt`, { cwd: work });
      expect(quiet.terminal).toBe('');
      expect(read('out-quiet.txt')).toBe(read('out-tty.txt'));
      const json = runInPty(`${cli} --json > out-json.txt`, { cwd: work });
      expect(json.terminal).toBe('');
      expect(JSON.parse(read('out-json.txt'))).toMatchObject({ file: 'big.xml', valid: false });

      // stdout and stderr on one terminal: the findings and the summary print on clean lines, so the
      // transcript without the progress line is exactly stdout.
      const both = runInPty(cli, { cwd: work });
      expect(progressLines(both.terminal).length).toBeGreaterThanOrEqual(2);
      expect(withoutProgress(both.terminal)).toBe(read('out-tty.txt'));

      // English, stdin from a file (its size is the total), a narrow terminal (the line is cut to fit: it never wraps).
      const stdin = progressLines(runInPty(`${NODE} cli.mjs validate - --lang en < big.xml > /dev/null`, { cwd: work, columns: 40 }).terminal);
      expect(stdin.length).toBeGreaterThanOrEqual(2);
      for (const l of stdin) {
        expect(l.length).toBeLessThanOrEqual(39);
        expect(l).toMatch(/^(-: )?[\d.]+ (B|kB|MB) \/ 2\.5 MB \(\d{1,3}\.\d%\)/); // no room for the label: dropped
      }
      // stdin from a pipe: no total, so bytes read and time elapsed.
      const pipe = progressLines(runInPty(`cat big.xml | ${NODE} cli.mjs validate - --lang en > /dev/null`, { cwd: work }).terminal);
      expect(pipe.length).toBeGreaterThanOrEqual(2);
      for (const l of pipe) expect(l).toMatch(/^-: [\d.]+ (B|kB|MB)( · [\d.]+ (B|kB|MB|GB|TB)\/s)? · \d+:\d\d elapsed$/);
    });
  }, 60_000);

  it('to-json and split-cooperazione: the bytes parsed, then the flows written; never in the output', async () => {
    await withBundledCli(new URL('.', import.meta.url), SCRIPTS, (work) => {
      writeFileSync(join(work, 'big.xml'), [...flowChunks({ bytes: 2_500_000, seed: 62 })].join(''));
      const read = (name: string) => readFileSync(join(work, name), 'utf8');

      const tty = runInPty(`${NODE} cli.mjs to-json big.xml > tty.json`, { cwd: work });
      const lines = progressLines(tty.terminal);
      expect(lines.length, tty.terminal).toBeGreaterThanOrEqual(2);
      for (const l of lines) expect(l).toMatch(/^big\.xml: [\d,]+ (B|kB|MB) \/ 2,5 MB \(/);
      expect(withoutProgress(tty.terminal)).toBe('');
      expect(tty.status).toBe(0);
      const plain = runInPty(`${NODE} cli.mjs to-json big.xml > file.json 2> err.txt`, { cwd: work });
      expect(plain.terminal).toBe('');
      expect(read('err.txt')).toBe('');
      expect(read('file.json')).toBe(read('tty.json'));
      expect(runInPty(`${NODE} cli.mjs to-json big.xml --quiet > quiet.json`, { cwd: work }).terminal).toBe('');
      expect(read('quiet.json')).toBe(read('tty.json'));

      // A smaller flow for the split (one file per record: writing 3 800 files takes seconds).
      writeFileSync(join(work, 'small.xml'), [...flowChunks({ bytes: 400_000, seed: 63 })].join(''));
      const split = runInPty(`${NODE} cli.mjs split-cooperazione small.xml --out tty --date 2025-06-30 --lang en`, { cwd: work, columns: 100 });
      expect(split.status).toBe(0);
      const splitLines = progressLines(split.terminal);
      expect(splitLines.length, split.terminal).toBeGreaterThanOrEqual(2);
      for (const l of splitLines) expect(l).toMatch(/^(small\.xml: [\d.]+ (B|kB) \/ [\d.]+ kB|tty \((building|writing)\): [\d,]+ \/ [\d,]+ flows) \(\d{1,3}\.\d%\)/);
      expect(splitLines.some((l) => l.startsWith('tty (writing): ')), split.terminal).toBe(true);
      const written = readdirSync(join(work, 'tty')).length;
      expect(withoutProgress(split.terminal)).toBe(`${written} flows written to tty\n`);
      const quiet = runInPty(`${NODE} cli.mjs split-cooperazione small.xml --out quiet --date 2025-06-30 --lang en --quiet`, { cwd: work });
      expect(quiet.terminal).toBe(`${written} flows written to quiet\r\n`);
      expect(readdirSync(join(work, 'quiet'))).toEqual(readdirSync(join(work, 'tty')));
    });
  }, 60_000);
});
