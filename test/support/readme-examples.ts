// SPDX-License-Identifier: BSD-3-Clause
/**
 * The harness of the packages' README tests (`packages/<pkg>/test/readme.test.ts`).
 *
 * Every ```ts block of a package README is kept, byte for byte, in `test/readme-examples/NN-name.ts`
 * (after its SPDX line), so that `npm run typecheck` compiles it with the package's strict settings.
 * {@link describeReadmeExamples} registers the two checks every such package makes (README and files
 * agree, in order; the examples import only public entry points); {@link runTopLevel} and
 * {@link expectedLogs} run a top-level example and say what it should print. Each package adds its own
 * tests for the examples that define functions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';

/** The first line of every example file, not part of the README block. */
export const SPDX_LINE = '// SPDX-License-Identifier: BSD-3-Clause\n';

/** The ```ts blocks of a README (given by its path), in order, each without its fences. */
export function readmeBlocks(readmePath: string): string[] {
  return blocksOf(readFileSync(readmePath, 'utf8'));
}

function blocksOf(readme: string): string[] {
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
}

/** The example files of a folder (`NN-name.ts`, names only), sorted: file n is README block n. */
export function exampleFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^\d\d-[a-z0-9-]+\.ts$/.test(f)).sort();
}

/** What each `console.log(…); // expected` line of a block should print, in order. */
export function expectedLogs(block: string): string[] {
  return block.split('\n').flatMap((line) => {
    const m = /console\.log\(.*\);\s*\/\/ (.+)$/.exec(line);
    return m ? [(m[1] as string).trim()] : [];
  });
}

/**
 * Imports an example (absolute path) and returns what it printed, each `console.log` argument as
 * `util.inspect` shows it. `silenceStderr` mutes `process.stderr.write` meanwhile (a logger's lines).
 */
export async function runTopLevel(file: string, options: { silenceStderr?: boolean } = {}): Promise<string[]> {
  const logs: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logs.push(args.map((a) => inspect(a)).join(' '));
  });
  const stderr = options.silenceStderr ? vi.spyOn(process.stderr, 'write').mockImplementation(() => true) : undefined;
  try {
    await import(file);
  } finally {
    spy.mockRestore();
    stderr?.mockRestore();
  }
  return logs;
}

/** A package's README and its examples, as {@link describeReadmeExamples} read them. */
export interface ReadmeExamples {
  /** The README's text. */
  text: string;
  /** Its ```ts blocks, in order. */
  blocks: string[];
  /** The example files (names), sorted. */
  files: string[];
  /** The absolute path of example n (1-based, as in the file names). */
  example(n: number): string;
}

/**
 * Reads the README and the examples folder and registers `describe('README ts blocks =
 * test/readme-examples')` with two tests: one file per block, in order, each the block after
 * {@link SPDX_LINE}; every `from '…'` of the examples matches `allowedImports` (the package's public
 * entry points and the few dependencies the README uses). Call it at the top of the test file.
 */
export function describeReadmeExamples(options: { readme: string; examplesDir: string; allowedImports: RegExp }): ReadmeExamples {
  const { examplesDir, allowedImports } = options;
  const text = readFileSync(options.readme, 'utf8');
  const blocks = blocksOf(text);
  const files = exampleFiles(examplesDir);
  const example = (n: number): string => join(examplesDir, files[n - 1] as string);

  describe('README ts blocks = test/readme-examples', () => {
    it('one file per block, in order, with the same text', () => {
      expect(blocks.length).toBeGreaterThan(0);
      expect(files.length, `test/readme-examples has ${files.length} files, the README ${blocks.length} ts blocks`).toBe(blocks.length);
      for (const [i, block] of blocks.entries()) {
        const source = readFileSync(example(i + 1), 'utf8');
        expect(source.startsWith(SPDX_LINE), files[i]).toBe(true);
        expect(source.slice(SPDX_LINE.length), `${files[i]} differs from the README's ts block n. ${i + 1}`).toBe(block);
      }
    });

    it('the examples use only the public entry points', () => {
      for (const f of files) {
        const imports = [...readFileSync(join(examplesDir, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
        for (const i of imports) expect(i, f).toMatch(allowedImports);
      }
    });
  });

  return { text, blocks, files, example };
}
