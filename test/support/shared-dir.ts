// SPDX-License-Identifier: BSD-3-Clause
/**
 * The one way tests reach `../shared` (official data and specs, beside the checkout, never committed).
 *
 * - `RIUSO_SHARED_DIR` points at it explicitly; otherwise `<repo>/../shared` is used.
 * - Under `CI=true` a missing folder fails the run loudly: CI must never skip conformance tests.
 * - Elsewhere `sharedDir()` returns `null`, and tests use `describe.skipIf(!sharedDir())` with the
 *   reason printed by {@link sharedDirHint}.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How to make the shared folder available. */
export const sharedDirHint =
  'shared/ non trovata / not found: put the shared folder beside the checkout (../shared) or set RIUSO_SHARED_DIR=/path/to/shared';

/** Absolute path of the shared folder, `null` when absent (outside CI). Throws under `CI=true`. */
export function sharedDir(): string | null {
  const candidate = process.env.RIUSO_SHARED_DIR ? resolve(process.env.RIUSO_SHARED_DIR) : join(repoRoot, '..', 'shared');
  if (existsSync(join(candidate, 'README.md')) || existsSync(join(candidate, 'data'))) return candidate;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`CI=true and ${sharedDirHint} (looked in ${candidate})`);
  }
  return null;
}

/** Path of a file inside the shared folder; throws with the hint when the folder is absent. */
export function sharedFile(...parts: string[]): string {
  const dir = sharedDir();
  if (dir === null) throw new Error(sharedDirHint);
  const file = join(dir, ...parts);
  if (!existsSync(file)) throw new Error(`missing shared file ${join(...parts)} in ${dir}`);
  return file;
}
