// SPDX-License-Identifier: BSD-3-Clause
/**
 * Tests that need a CLI as a real process (a pipe that closes early, a memory limit) bundle its
 * source entry with esbuild into a temporary folder: no build of the packages needed first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs `fn` with a temporary folder holding one bundled script per entry of `scripts` (file name →
 * module source importing `./cli.js` of `cliDir`, e.g. `{ 'cli.mjs': "import { main } from './cli.js'; void main();" }`),
 * then removes the folder.
 */
export async function withBundledCli(cliDir: URL, scripts: Readonly<Record<string, string>>, fn: (dir: string) => Promise<void> | void): Promise<void> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'riuso-cli-'));
  try {
    for (const [name, contents] of Object.entries(scripts)) {
      const result = await build({
        stdin: { contents, resolveDir: fileURLToPath(cliDir), loader: 'ts' },
        bundle: true, format: 'esm', platform: 'node', write: false, conditions: ['@riuso-sociale/source'], logLevel: 'silent',
      });
      writeFileSync(join(dir, name), result.outputFiles[0]?.text ?? '');
    }
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The usual entry: the CLI's `main()` once. */
export const MAIN_ONCE = "import { main } from './cli.js'; void main();";
