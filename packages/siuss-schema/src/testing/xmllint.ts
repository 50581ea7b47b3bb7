// SPDX-License-Identifier: BSD-3-Clause
/**
 * Test helper: validates many documents against an XSD with the real libxml2 validator
 * (`xmllint --noout --nonet --schema <xsd> f1 f2 …`, Debian package libxml2-utils), one process per
 * batch, and returns one verdict per document. The oracle of the conformance and differential tests
 * (`src/conformance.test.ts`, `src/differential.test.ts`).
 *
 * How the verdicts are read: xmllint prints `<file> validates` or `<file> fails to validate` for
 * every well-formed file, and `<file>:<line>: parser error : …` (no verdict line) for a file that is
 * not well-formed; a `namespace error` (e.g. an undeclared prefix) makes the document not
 * namespace-well-formed, so it counts as rejected too.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The verdict of xmllint on one document. */
export interface XmllintVerdict {
  /** Well-formed, namespace-well-formed and valid against the XSD. */
  readonly valid: boolean;
  /** Parsed without a parser or namespace error. */
  readonly wellFormed: boolean;
  /** xmllint's messages about this document (file name replaced by `doc`). */
  readonly messages: readonly string[];
}

/** The xmllint command: `XMLLINT` from the environment, else `xmllint` on the PATH. */
function command(): string {
  return process.env.XMLLINT ?? 'xmllint';
}

let available: boolean | undefined;

/**
 * Whether xmllint can be run here.
 *
 * @example
 * ```ts
 * if (!xmllintAvailable()) console.log('apt-get install libxml2-utils');
 * ```
 */
export function xmllintAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync(command(), ['--version'], { encoding: 'utf8' });
    available = r.error === undefined && r.status === 0;
  }
  return available;
}

/**
 * For `describe.skipIf(!requireXmllint())`: `true` when xmllint is there; `false` when it is not
 * (tests skip with a hint), except under `CI=true`, where a missing xmllint throws: CI must never
 * skip the conformance tests.
 *
 * @example
 * ```ts
 * describe.skipIf(!requireXmllint())('conformance', () => { … });
 * ```
 */
export function requireXmllint(): boolean {
  if (xmllintAvailable()) return true;
  const hint = 'xmllint not found: install the Debian package libxml2-utils (or set XMLLINT=/path/to/xmllint)';
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI=true and ${hint}`);
  console.warn(`${hint}; the xmllint conformance tests are skipped`);
  return false;
}

const VERDICT = /^(d\d{6}\.xml) (validates|fails to validate|validation generated an internal error)$/;
const MESSAGE = /^(d\d{6}\.xml):(\d+): (.*)$/;

/**
 * Validates documents against one XSD; the verdicts are in the order of `docs`.
 * Documents are written to a temporary folder (removed afterwards) and checked by one xmllint
 * process per `batchSize` documents (default 500, well under the argument-length limit).
 *
 * @param xsd - absolute path of the schema
 * @param docs - XML text (written as UTF-8) or bytes (written as they are)
 * @throws Error when xmllint cannot be run or prints no verdict for a document
 * @example
 * ```ts
 * const [verdict] = xmllintValidate('/path/SINBA.xsd', [xml]);
 * console.log(verdict?.valid, verdict?.messages);
 * ```
 */
export function xmllintValidate(xsd: string, docs: readonly (string | Uint8Array)[], options: { readonly batchSize?: number } = {}): XmllintVerdict[] {
  const batchSize = options.batchSize ?? 500;
  const out: XmllintVerdict[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'siuss-xmllint-'));
  try {
    for (let from = 0; from < docs.length; from += batchSize) {
      const names: string[] = [];
      for (let i = from; i < Math.min(docs.length, from + batchSize); i++) {
        const name = `d${String(i).padStart(6, '0')}.xml`;
        writeFileSync(join(dir, name), docs[i] as string | Uint8Array);
        names.push(name);
      }
      const run = spawnSync(command(), ['--noout', '--nonet', '--schema', xsd, ...names], {
        cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
      });
      if (run.error !== undefined) throw new Error(`xmllint could not be run: ${run.error.message}`);
      if (/Schemas parser error|failed to compile|WXS schema .* failed/.test(run.stderr)) {
        throw new Error(`xmllint could not compile ${xsd}:\n${run.stderr.slice(0, 2000)}`);
      }
      const verdicts = new Map<string, string>();
      const messages = new Map<string, string[]>();
      const broken = new Set<string>();
      for (const line of run.stderr.split('\n')) {
        const v = VERDICT.exec(line);
        if (v !== null) {
          verdicts.set(v[1] as string, v[2] as string);
          continue;
        }
        const m = MESSAGE.exec(line);
        if (m !== null) {
          const name = m[1] as string;
          const text = m[3] as string;
          if (/^(?:parser|namespace) error\b/.test(text)) broken.add(name);
          let list = messages.get(name);
          if (list === undefined) messages.set(name, (list = []));
          list.push(`doc:${m[2]}: ${text}`);
        }
      }
      for (const name of names) {
        const verdict = verdicts.get(name);
        const wellFormed = !broken.has(name);
        if (verdict === undefined && wellFormed) {
          throw new Error(`xmllint gave no verdict for ${name} (exit ${run.status}):\n${run.stderr.slice(0, 2000)}`);
        }
        out.push({ valid: wellFormed && verdict === 'validates', wellFormed, messages: messages.get(name) ?? [] });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
