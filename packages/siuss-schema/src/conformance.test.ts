// SPDX-License-Identifier: BSD-3-Clause
/**
 * Conformance against the official XSDs with a real validator (libxml2's xmllint):
 * - flows drawn from the description-driven arbitraries, written by `buildFlow`, all validate
 *   against the right XSD (PS_PSA_SINA201812.xsd or SINBA.xsd), and read back losslessly;
 * - the three INPS samples: parse → build → valid for xmllint, with the same values, which also
 *   equal what an independent parser (fast-xml-parser) reads from the sample;
 * - the committed description equals what `scripts/generate-schema.mjs` derives from the XSDs.
 * Under CI=true a missing shared folder or a missing xmllint fails the run (never a skip).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { buildFlow } from './build.js';
import { PS_PSA_SINA_ROOT, SINBA_ROOT } from './generated/descriptions.js';
import type { ElementDescription } from './internal/description.js';
import type { SiussFlow } from './model.js';
import { parseFlow } from './parse.js';
import { psPsaSinaFlowArbitrary, siussFlowArbitrary, sinbaFlowArbitrary } from './testing/arbitraries.js';
import { requireXmllint, xmllintValidate } from './testing/xmllint.js';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ready = sharedDir() !== null && requireXmllint();
const xsd = (kind: SiussFlow['kind']): string => sharedFile('data', 'siuss', kind === 'SINBA' ? 'SINBA.xsd' : 'PS_PSA_SINA201812.xsd');
const SAMPLES = ['inps-waas-ps_psa_sina-rossi.xml', 'inps-waas-ps_psa_sina-multi-prestazioni.xml', 'inps-waas-sinba.xml'];

/** Builds flows, then validates them with xmllint against the XSD of their kind (one process per kind). */
function buildAndValidate(flows: readonly SiussFlow[]): { built: number; failures: string[] } {
  const failures: string[] = [];
  for (const kind of ['PS_PSA_SINA', 'SINBA'] as const) {
    const mine = flows.filter((f) => f.kind === kind);
    const xmls: string[] = [];
    for (const flow of mine) {
      try {
        xmls.push(buildFlow(flow));
      } catch (e) {
        failures.push(`buildFlow refused an XSD-valid flow: ${(e as Error).message}\n${JSON.stringify(flow)}`);
      }
    }
    xmllintValidate(xsd(kind), xmls).forEach((v, i) => {
      if (!v.valid) failures.push(`xmllint rejects a built ${kind} flow:\n${v.messages.join('\n')}\n${xmls[i]}`);
    });
  }
  return { built: flows.length, failures };
}

describe.skipIf(!ready)('conformance with the official XSDs (xmllint)', () => {
  it('300 generated flows, written by buildFlow, are valid for xmllint', () => {
    const flows: SiussFlow[] = [
      ...fc.sample(psPsaSinaFlowArbitrary({ maxRecords: 2 }), { numRuns: 75, seed: 20241 }),
      ...fc.sample(psPsaSinaFlowArbitrary({ maxRecords: 2, lexicalVariants: true }), { numRuns: 75, seed: 20242 }),
      ...fc.sample(sinbaFlowArbitrary({ maxRecords: 2 }), { numRuns: 75, seed: 20243 }),
      ...fc.sample(sinbaFlowArbitrary({ maxRecords: 2, lexicalVariants: true }), { numRuns: 75, seed: 20244 }),
    ];
    const { built, failures } = buildAndValidate(flows);
    console.info(`conformance: ${built} generated flows built and checked by xmllint, ${failures.length} rejected`);
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('the generated flows cover every attribute and element of both XSDs', () => {
    const seen = new Set<string>();
    const visit = (value: unknown, path: string): void => {
      if (Array.isArray(value)) for (const v of value) visit(v, path);
      else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          seen.add(`${path}/${k}`);
          visit(v, `${path}/${k}`);
        }
      }
    };
    for (const f of fc.sample(siussFlowArbitrary({ maxRecords: 2 }), { numRuns: 300, seed: 7 })) visit(f, f.kind);
    const expected: string[] = [];
    const walk = (d: ElementDescription, path: string): void => {
      for (const a of d.attributes) expected.push(`${path}/${a.name}`);
      for (const c of d.children) {
        expected.push(`${path}/${c.name}`);
        walk(c, `${path}/${c.name}`);
      }
    };
    walk(PS_PSA_SINA_ROOT, 'PS_PSA_SINA');
    walk(SINBA_ROOT, 'SINBA');
    expect(expected.filter((p) => !seen.has(p))).toEqual([]);
  });

  it('the INPS samples: parse → build is valid for xmllint and keeps every value', () => {
    const parsed = SAMPLES.map((name) => parseFlow(readFileSync(sharedFile('data', 'siuss', 'samples', name))));
    for (const kind of ['PS_PSA_SINA', 'SINBA'] as const) {
      const flows = parsed.filter((f) => f.kind === kind);
      const xmls = flows.map((f) => buildFlow(f));
      const verdicts = xmllintValidate(xsd(kind), xmls);
      expect(verdicts.map((v) => v.messages)).toEqual(xmls.map(() => []));
      expect(verdicts.every((v) => v.valid)).toBe(true);
      flows.forEach((f, i) => expect(parseFlow(xmls[i] as string)).toEqual(f));
    }
  });

  it('the INPS samples read as an independent parser (fast-xml-parser) reads them', () => {
    const repeated = new Set<string>();
    const collect = (d: ElementDescription): void => {
      for (const c of d.children) {
        if (c.maxOccurs === 'unbounded' || c.maxOccurs > 1) repeated.add(c.name);
        collect(c);
      }
    };
    collect(PS_PSA_SINA_ROOT);
    collect(SINBA_ROOT);
    const fxp = new XMLParser({
      ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, trimValues: true,
      processEntities: true, ignoreDeclaration: true,
      isArray: (name, _jpath, _leaf, isAttribute) => !isAttribute && repeated.has(name),
    });
    for (const name of SAMPLES) {
      const text = readFileSync(sharedFile('data', 'siuss', 'samples', name), 'utf8');
      const { Flusso } = fxp.parse(text) as { Flusso: Record<string, unknown> };
      const expected = Object.fromEntries(Object.entries(Flusso).filter(([k]) => !k.startsWith('xmlns') && !k.startsWith('xsi:')));
      const { kind, ...flow } = parseFlow(text);
      expect(kind).toBe(name.includes('sinba') ? 'SINBA' : 'PS_PSA_SINA');
      expect(flow).toEqual(expected);
    }
  });

  it('the committed description equals what scripts/generate-schema.mjs derives from the XSDs', () => {
    const run = spawnSync(process.execPath, [join(pkg, 'scripts', 'generate-schema.mjs'), '--check', '--xsd-dir', dirname(xsd('SINBA'))], {
      cwd: pkg, encoding: 'utf8',
    });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  });
});

describe('lossless round trip of generated flows', () => {
  it('parseFlow(buildFlow(f)) deep-equals f (both kinds, usual and unusual lexical forms)', () => {
    fc.assert(
      fc.property(fc.oneof(siussFlowArbitrary({ maxRecords: 2 }), siussFlowArbitrary({ maxRecords: 2, lexicalVariants: true })), (flow) => {
        expect(parseFlow(buildFlow(flow))).toEqual(flow);
      }),
      { numRuns: 300, seed: 4242 },
    );
  });
});
