// SPDX-License-Identifier: BSD-3-Clause
/**
 * to-json and split-cooperazione in bounded memory (issue 14, point 2): the built bin, run with a
 * JavaScript heap smaller than the flow's objects, on flows of 40 MB and 12 MB. Holding the whole
 * flow (as both commands did before) runs out of memory there (checked by hand on the old code:
 * both aborted); streaming record by record gives the same output as parseFlow, JSON.stringify and
 * splitForCooperazione on the whole flow. A 1 GB flow is in `npm run bench -- --big`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFlow } from './build.js';
import { parseFlow } from './parse.js';
import { splitForCooperazione } from './split.js';

const { writeFlow } = (await import(new URL('../bench/generate-flow.mjs', import.meta.url).href)) as {
  writeFlow(path: string, options: { bytes: number; seed?: number; kind?: 'PS_PSA_SINA' | 'SINBA' }): Promise<void>;
};

const pkg = fileURLToPath(new URL('..', import.meta.url));
const bin = join(pkg, 'bin', 'siuss.cjs');
const dir = mkdtempSync(join(tmpdir(), 'siuss-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The built bin with a capped old generation (MB). */
function capped(heapMb: number, args: string[]) {
  return spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
}

// Under CI=true the packages are built before the tests (.ci/run): a missing build fails, never skips.
describe.skipIf(!existsSync(join(pkg, 'dist', 'cli.cjs')) && process.env.CI !== 'true')('bounded memory: the built bin with a small heap', () => {
  it('to-json of a 40 MB flow with a 48 MB heap: the text of JSON.stringify(parseFlow(xml), null, 2), to --out and to stdout', async () => {
    const source = join(dir, 'forty.xml');
    await writeFlow(source, { bytes: 40_000_000, seed: 71 });
    const out = join(dir, 'forty.json');
    const r = capped(48, ['to-json', source, '--out', out]);
    expect(r.status, r.stderr.slice(-500)).toBe(0);
    const expected = `${JSON.stringify(parseFlow(readFileSync(source)), null, 2)}\n`;
    expect(readFileSync(out, 'utf8') === expected).toBe(true);
    const stdout = capped(48, ['to-json', source]);
    expect(stdout.status, stdout.stderr.slice(-500)).toBe(0);
    expect(stdout.stdout === expected).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('split-cooperazione of a 12 MB flow with a 32 MB heap: the files of splitForCooperazione + buildFlow on the whole flow', async () => {
    const source = join(dir, 'twelve.xml');
    await writeFlow(source, { bytes: 12_000_000, seed: 72 });
    const out = join(dir, 'split');
    const r = capped(32, ['split-cooperazione', source, '--out', out, '--start', '7', '--date', '2026-01-15', '--lang', 'en']);
    expect(r.status, r.stderr.slice(-500)).toBe(0);
    const split = splitForCooperazione(parseFlow(readFileSync(source)), { startProgressivo: 7, date: '2026-01-15' });
    if (!split.ok) throw new Error('the generated flow must split');
    const names = readdirSync(out).sort();
    expect(names).toEqual(split.value.map((f) => `${f.IdentificazioneFlusso.Nome}.xml`).sort());
    expect(r.stdout).toBe(`${names.length} flows written to ${out}\n`);
    for (const f of split.value) expect(readFileSync(join(out, `${f.IdentificazioneFlusso.Nome}.xml`), 'utf8')).toBe(buildFlow(f));
  }, 180_000);
});
