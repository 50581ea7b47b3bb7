// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every ```ts block of README.md compiles and runs (as in csi-store's readme.test.ts).
 *
 * Each block is kept, byte for byte, in test/readme-examples/NN-name.ts (after its SPDX line): the
 * shared harness (test/support/readme-examples.ts at the repository root) checks that the README and
 * the files agree, in order, and that the examples import only public entry points; `npm run
 * typecheck` compiles the files with the package's strict settings; the test below runs them, with
 * their `console.log(x); // expected` comments checked against what they print.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReadmeExamples, expectedLogs, runTopLevel } from '../../../test/support/readme-examples.js';

const { blocks, example } = describeReadmeExamples({
  readme: join(import.meta.dirname, '..', 'README.md'),
  examplesDir: join(import.meta.dirname, 'readme-examples'),
  allowedImports: /^@riuso-sociale\/fiscal-code(\/(lite|places))?$/,
});

describe('README: the example', () => {
  it('01: compute, validate (cf.day), decode with the century from the dated birthplace (Gallico), match an omocodic code', async () => {
    const logs = await runTopLevel(example(1));
    expect(logs).toHaveLength(5); // r.ok is false: every line printed
    expect(logs).toEqual(expectedLogs(blocks[0] as string));
  });
});
