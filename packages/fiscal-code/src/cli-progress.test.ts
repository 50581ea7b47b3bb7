// SPDX-License-Identifier: BSD-3-Clause
/**
 * The progress line of `codice-fiscale validate` over stdin, on a real pseudo-terminal (util-linux
 * `script`): bytes of a file given as stdin (its size is the total), codes counted when stdin is a
 * pipe; never with stderr redirected, `--quiet` or `--json`; stdout the same with and without it. The
 * CLI is bundled with a clock running 100 times faster, so that 20 000 codes (340 kB, read 64 kB at a
 * time) give several renderings in a fraction of a second; nothing is asserted about time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN_ONCE, withBundledCli } from '../../../test/support/bundled-cli.js';
import { fastClock, SKIP_PTY, progressLines, runInPty, shellQuote, withoutProgress } from '../../../test/support/pty.js';

if (SKIP_PTY) console.warn('\n*** util-linux `script` not found: the pty tests of the codice-fiscale progress line are SKIPPED ***\n');

const NODE = shellQuote(process.execPath);
/** A fixed tag key: masked codes print the same in every run, so outputs compare. */
const ENV = { CODICE_FISCALE_TAG_KEY: 'progress-test-key-0123456789abcdef' };

describe.skipIf(SKIP_PTY)('codice-fiscale validate: the progress line on a pseudo-terminal', () => {
  it('on a terminal only; not with stderr redirected, --quiet or --json; stdout unchanged', async () => {
    await withBundledCli(new URL('.', import.meta.url), { 'cli.mjs': fastClock(100) + MAIN_ONCE }, (work) => {
      const lines: string[] = [];
      for (let i = 0; i < 20_000; i++) lines.push(i % 10 === 9 ? 'RSSMRA80A01H501X' : i % 2 === 0 ? 'RSSMRA80A01H501U' : 'VRDLGU75M12F205Z');
      writeFileSync(join(work, 'codes.txt'), `${lines.join('\n')}\n`);
      const size = readFileSync(join(work, 'codes.txt')).length;
      const cli = `${NODE} cli.mjs validate`;
      const read = (name: string) => readFileSync(join(work, name), 'utf8');

      // stdin from a file: bytes of a known total.
      const tty = runInPty(`${cli} < codes.txt > out-tty.txt`, { cwd: work, env: ENV });
      const shown = progressLines(tty.terminal);
      expect(shown.length, tty.terminal).toBeGreaterThanOrEqual(2);
      for (const l of shown) expect(l).toMatch(/^[\d,]+ (B|kB|MB) \/ 340,0 kB \(\d{1,3},\d%\)( · [\d,]+ (B|kB|MB|GB|TB)\/s)?( · mancano \d+:\d\d(:\d\d)?)?$/);
      expect(size).toBe(340_000);
      expect(withoutProgress(tty.terminal)).toBe('');
      expect(tty.status).toBe(1);
      const out = read('out-tty.txt');
      expect(out).toMatch(/^1\tOK\tRSSMRA\*{6}501U#[0-9a-z]{6}\n/);
      expect(out).toMatch(/\n20\.000 codici|\n20000 codici/);
      expect(out).not.toMatch(/[\r\x1b]/);

      // stdin from a pipe: codes counted, no total; English.
      const pipe = runInPty(`cat codes.txt | ${cli} --lang en > /dev/null`, { cwd: work, env: ENV });
      const counted = progressLines(pipe.terminal);
      expect(counted.length, pipe.terminal).toBeGreaterThanOrEqual(2);
      for (const l of counted) expect(l).toMatch(/^[\d,]+ codes?( · [\d,.]+ codes\/s)? · \d+:\d\d elapsed$/);

      // stderr redirected (file, pipe), --quiet, --json: nothing of it.
      const redirected = runInPty(`${cli} < codes.txt > out-file.txt 2> err.txt`, { cwd: work, env: ENV });
      expect(redirected.terminal).toBe('');
      expect(read('err.txt')).toBe('');
      expect(read('out-file.txt')).toBe(out);
      expect(runInPty(`${cli} < codes.txt 2>&1 > /dev/null | cat`, { cwd: work, env: ENV }).terminal).toBe('');
      const quiet = runInPty(`${cli} --quiet < codes.txt > out-quiet.txt`, { cwd: work, env: ENV });
      expect(quiet.terminal).toBe('');
      expect(read('out-quiet.txt')).toBe(out);
      // --json: the summary goes to stderr, alone on its line.
      const json = runInPty(`${cli} --json < codes.txt > out-json.txt`, { cwd: work, env: ENV });
      expect(json.terminal).toMatch(/^20\.000 codici: .*\r\n$|^20000 codici: .*\r\n$/);
      expect(json.terminal).not.toMatch(/\x1b/);

      // Everything on one terminal: the transcript without the line is stdout.
      const both = runInPty(`${cli} < codes.txt`, { cwd: work, env: ENV });
      expect(progressLines(both.terminal).length).toBeGreaterThanOrEqual(2);
      expect(withoutProgress(both.terminal)).toBe(out);
    });
  }, 60_000);
});
