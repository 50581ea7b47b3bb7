// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every ```ts block of README.md compiles and runs (as in csi-store's readme.test.ts).
 *
 * Each block is kept, byte for byte, in test/readme-examples/NN-name.ts (after its SPDX line): the
 * shared harness (test/support/readme-examples.ts at the repository root) checks that the README and
 * the files agree, in order, and that the examples import only public entry points; `npm run
 * typecheck` compiles the files with the package's strict settings; the tests below run them, with
 * their `console.log(x); // expected` comments checked against what they print.
 *
 * The blocks read the reader's own files by name (`flusso.xml`, `flusso-1GB.xml`): each runs in a fresh
 * folder under os.tmpdir() holding them, a valid one-record PS-PSA-SINA flow written by buildFlow (the
 * flow of the guide's «Costruire un flusso», as in test/docs-guide-blocks.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeReadmeExamples, expectedLogs, runTopLevel } from '../../../test/support/readme-examples.js';
import { buildFlow, type PsPsaSinaFlow } from '../src/index.js';
import { GUIDE_FLOW } from '../../../test/support/siuss-guide-flow.js';

const { blocks, example } = describeReadmeExamples({
  readme: join(import.meta.dirname, '..', 'README.md'),
  examplesDir: join(import.meta.dirname, 'readme-examples'),
  allowedImports: /^(@riuso-sociale\/siuss-schema|node:[a-z/]+)$/,
});

const FLOW = GUIDE_FLOW as unknown as PsPsaSinaFlow;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'siuss-schema-readme-'));
  const xml = buildFlow(FLOW);
  for (const name of ['flusso.xml', 'flusso-1GB.xml']) writeFileSync(join(dir, name), xml);
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Runs example n in the folder holding the flows, and returns what it printed. */
async function runInFlowDir(n: number): Promise<string[]> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await runTopLevel(example(n));
  } finally {
    process.chdir(cwd);
  }
}

describe('README: the examples, on a valid one-record flow', () => {
  it('01: validateFlow, parseFlow, buildFlow: the flow rebuilt has no errors', async () => {
    const logs = await runInFlowDir(1);
    expect(logs).toHaveLength(1);
    expect(logs).toEqual(expectedLogs(blocks[0] as string));
  });

  it('02: buildFlow(flow, { validate: true }): the validation with the XML; a wrong CFOperatore an error at the severity chosen', async () => {
    const logs = await runInFlowDir(2);
    expect(logs).toHaveLength(4);
    expect(logs).toEqual(expectedLogs(blocks[1] as string));
  });

  it('03: validateFlowStream and readFlowRecords read the flows as streams, one record at a time', async () => {
    const logs = await runInFlowDir(3);
    expect(logs).toHaveLength(2); // the summary, then the one record
    expect(logs).toEqual(expectedLogs(blocks[2] as string));
  });
});
