// SPDX-License-Identifier: BSD-3-Clause
/**
 * The progress line of `csi-store export-siuss` on a real pseudo-terminal (util-linux `script`): the
 * erogazioni handled of those in the queue, on a terminal only; nothing with stderr redirected,
 * `--quiet` or `--json`; stdout the same with and without it. Each run exports from its own copy of
 * one seeded PGlite folder (four runs: each opens PGlite, the slow part). The CLI is bundled (as in cli.test.ts) with a clock running 100 times
 * faster, so that a few erogazioni give several renderings; nothing is asserted about time.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fastClock, SKIP_PTY, progressLines, runInPty, shellQuote, withoutProgress } from '../../../test/support/pty.js';
import { openStore } from '../src/index.js';
import { addErogazioni, seedEnte, type Seeded } from './support/fixture.js';
import { bundleStoreCli, cliBaseEnv } from './support/cli-runner.js';
import { TEST_KEY } from './support/targets.js';

if (SKIP_PTY) console.warn('\n*** util-linux `script` not found: the pty test of the export-siuss progress line is SKIPPED ***\n');

const work = mkdtempSync(join(tmpdir(), 'csi-store-progress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

/** The environment of a run: no database or key of the caller's, the fixture's audit key. */
function env(): Record<string, string> {
  return { ...cliBaseEnv(), CSI_STORE_AUDIT_KEY: `${TEST_KEY.id}:${Buffer.from(TEST_KEY.secret).toString('hex')}` };
}

/** Flow ids and hashes differ from run to run (new UUIDs, a generation time in the XML): masked to compare. */
const normalise = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID').replace(/[0-9a-f]{64}/g, 'SHA256');

describe.skipIf(SKIP_PTY)('csi-store export-siuss: the progress line on a pseudo-terminal', () => {
  it('on a terminal only; not with stderr redirected, --quiet or --json; stdout unchanged', { timeout: 300_000 }, async () => {
    const entry = await bundleStoreCli(work, fastClock(100));

    const seededDir = join(work, 'seeded');
    let seeded: Seeded;
    const store = await openStore({ dataDir: seededDir, auditKey: TEST_KEY });
    try {
      seeded = await seedEnte(store);
      await addErogazioni(store, seeded, 8);
    } finally {
      await store.close();
    }
    const copy = (name: string): string => {
      const dir = join(work, name);
      cpSync(seededDir, dir, { recursive: true });
      return dir;
    };
    const command = (dir: string, extra = '') =>
      `${shellQuote(process.execPath)} ${shellQuote(entry)} export-siuss --ente A944 --data-dir ${shellQuote(dir)} --operatore ${seeded.sys.operatoreId} --ruolo sistema --kind PS --up-to 2025-12-31 --mode cooperazione${extra}`;
    const read = (name: string) => readFileSync(join(work, name), 'utf8');

    const tty = runInPty(`${command(copy('tty'))} > out-tty.txt`, { cwd: work, env: env() });
    expect(tty.status, tty.terminal).toBe(0);
    const lines = progressLines(tty.terminal);
    expect(lines.length, tty.terminal).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(/^A944: \d+ \/ 8 erogazioni \(\d{1,3},\d%\)( · [\d,]+ erogazioni\/s)?( · mancano \d+:\d\d(:\d\d)?)?$/);
    expect(withoutProgress(tty.terminal)).toBe('');
    const out = read('out-tty.txt');
    expect(out).toMatch(/^A944: 8 flussi creati, 8 erogazioni esportate, 0 scartate/);

    const redirected = runInPty(`${command(copy('file'))} > out-file.txt 2> err.txt`, { cwd: work, env: env() });
    expect(redirected.terminal).toBe('');
    expect(read('err.txt')).toBe('');
    expect(normalise(read('out-file.txt'))).toBe(normalise(out));

    const quiet = runInPty(`${command(copy('quiet'), ' --quiet')} > out-quiet.txt`, { cwd: work, env: env() });
    expect(quiet.terminal).toBe('');
    expect(normalise(read('out-quiet.txt'))).toBe(normalise(out));
    const json = runInPty(`${command(copy('json'), ' --json')} > out-json.txt`, { cwd: work, env: env() });
    expect(json.terminal).toBe('');
    expect(JSON.parse(read('out-json.txt'))).toMatchObject({ ente: 'A944', exported: 8 });
  });
});
