// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every ```ts block of README.md compiles and runs (as in csi-store's readme.test.ts).
 *
 * Each block is kept, byte for byte, in test/readme-examples/NN-name.ts (after its SPDX line): the
 * shared harness (test/support/readme-examples.ts at the repository root) checks that the README and
 * the files agree, in order, and that the examples import only public entry points; `npm run
 * typecheck` compiles the files with the package's strict settings; the tests below run them — the
 * top-level ones by importing them (with `console.log(x); // expected` comments checked against what
 * they print), the one that defines a function by calling it on the package's sample entities.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReadmeExamples, expectedLogs, runTopLevel } from '../../../test/support/readme-examples.js';
import { sample, SAMPLE_ACTOR } from '../src/entities/samples.js';

const { blocks, example } = describeReadmeExamples({
  readme: join(import.meta.dirname, '..', 'README.md'),
  examplesDir: join(import.meta.dirname, 'readme-examples'),
  allowedImports: /^(@riuso-sociale\/csi-model|node:[a-z/]+)$/,
});

describe('README: the examples', () => {
  it('01: avviaIntervento starts an authorised intervento with its active presa in carico, refuses a suspended one, wants an Instant', async () => {
    const { avviaIntervento } = (await import(example(1))) as typeof import('./readme-examples/01-avvia-intervento.js');
    const delivered = sample('intervento'); // proposto → autorizzato → in-erogazione
    const autorizzato = sample('intervento', { status: 'autorizzato', history: delivered.history.slice(0, 2) });
    const presa = sample('presa-in-carico');
    expect(presa.status).toBe('attiva');
    const r = avviaIntervento(autorizzato, presa, SAMPLE_ACTOR, '2025-04-02T09:00:00Z');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.entity.status).toBe('in-erogazione');
      expect(r.value.audit).toMatchObject({ action: 'transition', transition: { event: 'avvia', from: 'autorizzato', to: 'in-erogazione' }, actor: SAMPLE_ACTOR, at: '2025-04-02T09:00:00Z' });
    }
    const refused = avviaIntervento(autorizzato, { ...presa, status: 'sospesa' }, SAMPLE_ACTOR, '2025-04-02T09:00:00Z');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.issues[0].code).toBe('csi.lifecycle.guard');
      expect(refused.issues[0].params?.rule).toBe('intervento.presa-in-carico-attiva');
    }
    expect(() => avviaIntervento(autorizzato, presa, SAMPLE_ACTOR, '2025-04-02 09:00')).toThrow(RangeError);
  });

  it('02: canAccess allows the assigned operator, refuses a record of another Ente (wrong-ente, audited there)', async () => {
    expect(await runTopLevel(example(2))).toEqual(expectedLogs(blocks[1] as string));
  });

  it('03: appendAudit and verifyAuditChain against the published head', async () => {
    expect(await runTopLevel(example(3))).toEqual(expectedLogs(blocks[2] as string));
  });
});
