// SPDX-License-Identifier: BSD-3-Clause
/**
 * The `csi-store` CLI's source entry for tests in real processes: `src/cli.ts` bundled with esbuild
 * (workspace packages through their source export condition), beside a link to the package's
 * migrations (the store finds them at ../migrations from its own module) and to the repository's
 * node_modules (PGlite and pg stay external).
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles the CLI under `work/runner` and returns the path of the entry to run with `node`;
 * `prelude` is code put before the CLI (e.g. a faster clock).
 */
export async function bundleStoreCli(work: string, prelude = ''): Promise<string> {
  const runner = join(work, 'runner');
  mkdirSync(join(runner, 'bundle'), { recursive: true });
  symlinkSync(join(pkg, 'migrations'), join(runner, 'migrations'), 'dir');
  symlinkSync(join(pkg, '..', '..', 'node_modules'), join(runner, 'node_modules'), 'dir');
  const entry = join(runner, 'bundle', 'cli.mjs');
  await build({
    stdin: { contents: `${prelude}import { main } from './cli.js';\nawait main();\n`, resolveDir: join(pkg, 'src'), loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: entry, write: true, logLevel: 'silent',
    conditions: ['@riuso-sociale/source'], external: ['pg', '@electric-sql/pglite'],
  });
  return entry;
}

/** The environment of a run: the test process's, without anything that would choose a database or a key. */
export function cliBaseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'DATABASE_URL' && !k.startsWith('CSI_STORE_') && !k.startsWith('VITEST') && k !== 'NODE_OPTIONS') env[k] = v;
  }
  return env;
}
