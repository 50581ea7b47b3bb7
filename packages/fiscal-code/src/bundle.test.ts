// SPDX-License-Identifier: BSD-3-Clause
/**
 * The validate-only path must not pull in the place table, nor date-fns code (core's `todayInItaly`
 * reads the time in Rome with `@date-fns/tz`, which `/lite` never calls; `formatDate` uses a table of
 * month names, no date-fns): bundle the `lite` entry from source with esbuild (minified, tree-shaken)
 * and check what lands in it — the text, and the metafile's inputs that put bytes in the output. Sizes are bytes, not timings, so they are deterministic; `npm run
 * bench` reports them against the peer (and core's bench the formatter's own bundle).
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

async function bundleWithInputs(contents: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true,
    conditions: ['@riuso-sociale/source'], treeShaking: true, logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k);
  return { code: result.outputFiles[0]!.text, inputs };
}

async function bundle(contents: string): Promise<string> {
  return (await bundleWithInputs(contents)).code;
}

/** Inputs of date-fns or @date-fns/tz (a path under node_modules/date-fns or node_modules/@date-fns). */
const dateFns = (inputs: readonly string[]): string[] => inputs.filter((i) => /date-fns/.test(i));

describe('bundles', () => {
  it('validate-only (lite) has no place table and stays within 4 KB gzipped', async () => {
    const code = await bundle(`import { validateFiscalCode } from './lite.js'; console.log(validateFiscalCode('x'));`);
    expect(code).not.toContain('Abano Terme');
    expect(code).not.toContain('zod');
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(4096);
  });
  it('validate-only (lite) takes no date-fns code and stays within 4 KB gzipped', async () => {
    const { code, inputs } = await bundleWithInputs(`import { validateFiscalCode, isValidFiscalCode, omocodeVariants } from './lite.js'; console.log(validateFiscalCode('x'), isValidFiscalCode('x'), omocodeVariants('RSSMRA80A01H501U'));`);
    expect(inputs.some((i) => i.includes('core/src/'))).toBe(true); // core's isIsoDate and friends are in
    expect(dateFns(inputs)).toEqual([]);
    expect(inputs.filter((i) => /core\/src\/(format-date|today)\.ts$/.test(i))).toEqual([]);
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(4096);
  });
  it('the date-fns check is not blind: core todayInItaly alone brings @date-fns/tz in', async () => {
    const { inputs } = await bundleWithInputs(`import { todayInItaly } from '@riuso-sociale/core'; console.log(todayInItaly());`);
    expect(dateFns(inputs).some((i) => /node_modules\/@date-fns\/tz\//.test(i))).toBe(true);
    expect(inputs.filter((i) => /core\/src\/today\.ts$/.test(i))).toHaveLength(1); // the same core path /lite must not take
  });
  it('the full validation with the place table stays within 80 KB gzipped', async () => {
    const code = await bundle(`import { validateFiscalCode } from './index.js'; console.log(validateFiscalCode('x'));`);
    expect(code).toContain('Abano Terme');
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(80 * 1024);
  });
  it('importing only the places API does not pull in zod', async () => {
    const code = await bundle(`import { findPlaces } from './places.js'; console.log(findPlaces({ name: 'Roma' }));`);
    expect(code).not.toMatch(/ZodError|\$ZodType/);
  });
});
