// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every ```ts block of README.md compiles and runs (as in csi-store's readme.test.ts).
 *
 * Each block is kept, byte for byte, in test/readme-examples/NN-name.ts (after its SPDX line): the
 * shared harness (test/support/readme-examples.ts at the repository root) checks that the README and
 * the files agree, in order, and that the examples import only public entry points; `npm run
 * typecheck` compiles the files with the package's strict settings; the tests below run them, with
 * their `console.log(x); // expected` comments checked against what they print.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReadmeExamples, expectedLogs, runTopLevel } from '../../../test/support/readme-examples.js';

const { blocks, example } = describeReadmeExamples({
  readme: join(import.meta.dirname, '..', 'README.md'),
  examplesDir: join(import.meta.dirname, 'readme-examples'),
  allowedImports: /^@riuso-sociale\/(core|rei-eligibility)$/,
});

describe('README: the examples', () => {
  it('01: evaluate an ADI household typed HouseholdInput: eligible, scale 1.55, 892.92 € a month', async () => {
    const logs = await runTopLevel(example(1));
    expect(logs).toHaveLength(7); // r.ok: every line printed
    expect(logs).toEqual(expectedLogs(blocks[0] as string));
  });

  it('02: a dated parameter override for a law not yet in the package, marked in the trace; an unknown name refused', async () => {
    const logs = await runTopLevel(example(2));
    expect(logs).toHaveLength(5);
    expect(logs).toEqual(expectedLogs(blocks[1] as string));
  });

  it('03: householdSchema, then adiScale (a Result) on toScaleHousehold(r.data)', async () => {
    const logs = await runTopLevel(example(3));
    expect(logs).toHaveLength(2);
    expect(logs).toEqual(expectedLogs(blocks[2] as string));
  });
});
