// SPDX-License-Identifier: BSD-3-Clause
/**
 * The validate-only path must not pull in the place table: bundle the `lite` entry from source with
 * esbuild (minified, tree-shaken) and check what lands in it. Sizes are bytes, not timings, so they
 * are deterministic; `npm run bench` reports them against the peer.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false,
    conditions: ['@riuso-sociale/source'], treeShaking: true, logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('bundles', () => {
  it('validate-only (lite) has no place table and stays within 4 KB gzipped', async () => {
    const code = await bundle(`import { validateFiscalCode } from './lite.js'; console.log(validateFiscalCode('x'));`);
    expect(code).not.toContain('Abano Terme');
    expect(code).not.toContain('zod');
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(4096);
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
