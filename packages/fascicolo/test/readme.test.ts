// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every ```ts block of README.md compiles and runs (as in csi-model's readme.test.ts), and the README
 * tells the truth about the default policy.
 *
 * Each block is kept, byte for byte, in test/readme-examples/NN-name.ts (after its SPDX line): the
 * shared harness (test/support/readme-examples.ts at the repository root) checks that the README and
 * the files agree, in order, and that the examples import only public entry points; `npm run
 * typecheck` compiles the files with the package's strict settings; the tests below run them — the
 * top-level ones by importing them (with `console.log(x); // expected` comments checked against what
 * they print), the one that defines a function by calling it on a view of csi-model's samples.
 * The policy table between the README's markers must be exactly test/support/policy-table.ts's
 * rendering of DEFAULT_POLICY, and every issue code the README names must exist in the source.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { describeReadmeExamples, expectedLogs, runTopLevel } from '../../../test/support/readme-examples.js';
import { buildCitizenView, citizenViewJsonSchema, type CitizenView } from '../src/index.js';
import { MARIO_CF, SAMPLE_IDS, marioRecord } from './support/records.js';
import { policyTable, POLICY_REGION, regionOf } from './support/policy-table.js';

const README = join(import.meta.dirname, '..', 'README.md');
const { blocks, example, text } = describeReadmeExamples({
  readme: README,
  examplesDir: join(import.meta.dirname, 'readme-examples'),
  allowedImports: /^(@riuso-sociale\/(fascicolo|csi-model)|node:[a-z/]+)$/,
});

/** Mario's answer to an access request (csi-model's samples), with `decisions`. */
function accessView(decisions: 'none' | 'release-all' = 'none'): CitizenView {
  const build = (d: readonly { ref: string; decision: 'release'; ground: string }[]) => {
    const r = buildCitizenView(marioRecord(), {
      subject: SAMPLE_IDS.persona, requester: { kind: 'interessato', codiceFiscale: MARIO_CF }, purpose: 'access-request', asOf: '2026-03-01', decisions: d,
    });
    if (!r.ok) throw new Error(r.issues[0].messageEn);
    return r.value;
  };
  let view = build([]);
  if (decisions !== 'release-all') return view;
  // Releasing a record can bring its parts (a free text) to review: decide until nothing is left.
  const released: { ref: string; decision: 'release'; ground: string }[] = [];
  for (let round = 0; round < 5 && view.needsReview.length > 0; round++) {
    released.push(...view.needsReview.map((x) => ({ ref: x.ref, decision: 'release' as const, ground: 'rivista dal responsabile del servizio' })));
    view = build(released);
  }
  return view;
}

describe('README: the examples', () => {
  it('01: the portal view of a request just registered (protocol, decision deadline, free text withheld); a parent of an adult refused', async () => {
    expect(await runTopLevel(example(1))).toEqual(expectedLogs(blocks[0] as string));
  });

  it('02: the default policy, a Comune\'s change with its reason and source, a typo refused with its path', async () => {
    expect(await runTopLevel(example(2))).toEqual(expectedLogs(blocks[1] as string));
  });

  it('03: consegna writes the JSON copy (reads back as the view), its schema and the HTML page; refuses a view still under review', async () => {
    const { consegna } = (await import(example(3))) as typeof import('./readme-examples/03-copia-e-html.js');
    const dir = mkdtempSync(join(tmpdir(), 'fascicolo-readme-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(() => consegna(accessView(), join(dir, 'prima'))).toThrow('prima si decidono le voci in revisione');
    expect(existsSync(join(dir, 'prima'))).toBe(false);
    const view = accessView('release-all');
    expect(view.needsReview).toEqual([]);
    const files = consegna(view, join(dir, 'dopo'));
    expect(readdirSync(join(dir, 'dopo')).sort()).toEqual(['copia.html', 'copia.json', 'copia.schema.json']);
    expect(JSON.parse(readFileSync(files[0] as string, 'utf8'))).toEqual(view);
    expect(JSON.parse(readFileSync(files[1] as string, 'utf8'))).toEqual(citizenViewJsonSchema);
    const html = readFileSync(files[2] as string, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="it">');
    expect(html).toContain('Mario Rossi');
    expect(html).not.toMatch(/<script/i);
  });

  it('04: App IO messages built and checked (payment, a sensitive service named generically, never-notify events, a hand-written subject refused)', async () => {
    expect(await runTopLevel(example(4))).toEqual(expectedLogs(blocks[3] as string));
  });
});

describe('README: what it says of the code', () => {
  it('the policy table is DEFAULT_POLICY, generated (paste the expected text when the policy changes); the English guide\'s too', () => {
    expect(regionOf(text, POLICY_REGION.it), 'README.md').toBe(policyTable('it'));
    const guide = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'en', 'guide', 'fascicolo.md'), 'utf8');
    expect(regionOf(guide, POLICY_REGION.en), 'docs/en/guide/fascicolo.md').toBe(policyTable('en'));
    // The Italian guide includes the README's region, so it shows the same table.
    const guida = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'guida', 'fascicolo.md'), 'utf8');
    expect(guida).toContain(`<!--@include: ../../packages/fascicolo/README.md#${POLICY_REGION.it}-->`);
  });

  it('every issue code it names exists in the source', () => {
    const source = readdirSync(join(import.meta.dirname, '..', 'src'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(import.meta.dirname, '..', 'src', f), 'utf8'))
      .join('\n');
    const codes = [...new Set([...text.matchAll(/`(fascicolo\.[a-z_]+)`/g)].map((m) => m[1] as string))];
    expect(codes.length).toBeGreaterThanOrEqual(8);
    for (const code of codes) expect(source, code).toContain(`'${code}'`);
  });

  it('every export it names in backticks is exported by the entry point', async () => {
    const entry = (await import('../src/index.js')) as Record<string, unknown>;
    for (const name of ['buildCitizenView', 'DEFAULT_POLICY', 'definePolicy', 'toJson', 'citizenViewJsonSchema', 'citizenViewSchema', 'renderHtml', 'ioMessageFor', 'checkIoMessage', 'MAX_RECORDS']) {
      expect(text, name).toContain(`\`${name}`);
      expect(entry[name], name).toBeDefined();
    }
  });
});
