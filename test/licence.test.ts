// SPDX-License-Identifier: BSD-3-Clause
/**
 * Licence consistency (AgID guidelines, Allegato A; specs B2/B7): LICENSE, every package.json,
 * publiccode.yml `legal.license` and the SPDX header of every source file must agree.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  CODE_LICENSE,
  DATA_LICENSE,
  allowedIdentifiers,
  checkRepositoryHeaders,
  checkSpdxHeaders,
  needsSpdxHeader,
  spdxIdentifier,
} from './support/spdx-headers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
/** Collapses whitespace so that line wrapping does not matter. */
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('LICENSE', () => {
  const licence = read('LICENSE');

  it('is the unmodified BSD-3-Clause text (same body as LICENSES/BSD-3-Clause.txt)', () => {
    const body = (text: string) => words(text.slice(text.indexOf('Redistribution and use')));
    expect(licence).toContain('Redistribution and use in source and binary forms');
    expect(licence).toContain('3. Neither the name of the copyright holder nor the names of its');
    expect(licence).not.toMatch(/patent/i); // that would be BSD-3-Clause-Clear
    expect(body(licence)).toBe(body(read('LICENSES/BSD-3-Clause.txt')));
    expect(words(licence).endsWith('EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.')).toBe(true);
  });

  it('names the contributors, not an invented owner (the adopting Comune updates it, CAD art. 69 c.2)', () => {
    expect(licence).toMatch(/^Copyright \(c\) \d{4}, .+$/m);
  });

  it('ships the REUSE licence texts for code and docs', () => {
    expect(existsSync(join(root, 'LICENSES/BSD-3-Clause.txt'))).toBe(true);
    const ccBy = read('LICENSES/CC-BY-4.0.txt');
    expect(ccBy).toContain('Creative Commons Attribution 4.0 International Public License');
    for (let section = 1; section <= 8; section++) expect(ccBy).toContain(`Section ${section} -- `);
  });
});

describe('declared licences agree', () => {
  const packageDirs = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'packages', d.name, 'package.json')))
    .map((d) => `packages/${d.name}`);

  it('there is at least one package to check', () => {
    expect(packageDirs.length).toBeGreaterThan(0);
  });

  it.each(['.', ...packageDirs])('%s/package.json has "license": "BSD-3-Clause"', (dir) => {
    const pkg = JSON.parse(read(join(dir, 'package.json'))) as { license?: unknown };
    expect(pkg.license).toBe(CODE_LICENSE);
  });

  it('publiccode.yml legal.license is BSD-3-Clause', () => {
    const doc = parse(read('publiccode.yml')) as { legal?: { license?: unknown } };
    expect(doc.legal?.license).toBe(CODE_LICENSE);
  });

  it('docs/ states its CC-BY-4.0 licence in docs/README.md when it holds markdown', () => {
    const docs = join(root, 'docs');
    const hasMarkdown = existsSync(docs) && readdirSync(docs, { recursive: true }).some((f) => String(f).endsWith('.md'));
    if (!hasMarkdown) return;
    expect(read('docs/README.md')).toMatch(/CC[- ]BY[- ]4\.0/);
  });
});

describe('SPDX headers on every source file', () => {
  it('every tracked or untracked-not-ignored source file has an allowed SPDX-License-Identifier', () => {
    const { checked, problems, source } = checkRepositoryHeaders(root);
    expect(checked.length).toBeGreaterThan(0);
    if (problems.length > 0) {
      // Printed so that the offending files are visible in the test log.
      console.error(
        `SPDX header problems (${problems.length} of ${checked.length} files, listed by ${source}):\n` +
          problems.map((p) => `  ${p.file}: ${p.problem}`).join('\n'),
      );
    }
    expect(problems.map((p) => `${p.file}: ${p.problem}`)).toEqual([]);
  });

  describe('the header check itself can fail', () => {
    const fake = [
      { path: 'packages/demo/src/ok.ts', text: '// SPDX-License-Identifier: BSD-3-Clause\nexport {};\n' },
      { path: 'packages/demo/src/shebang.mjs', text: '#!/usr/bin/env node\n// SPDX-License-Identifier: BSD-3-Clause\n' },
      { path: 'packages/demo/src/missing.ts', text: 'export const x = 1;\n' },
      { path: 'packages/demo/src/too-late.ts', text: '\n\n\n// SPDX-License-Identifier: BSD-3-Clause\n' },
      { path: 'packages/demo/src/wrong.ts', text: '// SPDX-License-Identifier: MIT\n' },
      { path: 'packages/demo/src/internal/places-data.ts', text: `// SPDX-License-Identifier: ${DATA_LICENSE}\n` },
      { path: 'packages/demo/src/not-data.ts', text: `// SPDX-License-Identifier: ${DATA_LICENSE}\n` },
      { path: 'packages/demo/bin/tool', text: 'require("../dist/cli.cjs");\n' },
      { path: '.ci/run', text: '#!/bin/sh\n# SPDX-License-Identifier: BSD-3-Clause\n' },
      { path: 'scripts/build.sh', text: '#!/bin/sh\necho no header\n' },
      { path: 'README.md', text: '# no header needed\n' },
      { path: 'packages/demo/package.json', text: '{}\n' },
    ];

    it('reports exactly the files without an allowed header', () => {
      expect(checkSpdxHeaders(fake).map((p) => p.file)).toEqual([
        'packages/demo/src/missing.ts',
        'packages/demo/src/too-late.ts',
        'packages/demo/src/wrong.ts',
        'packages/demo/src/not-data.ts',
        'packages/demo/bin/tool',
        'scripts/build.sh',
      ]);
    });

    it('explains each problem', () => {
      const problems = checkSpdxHeaders(fake);
      expect(problems.find((p) => p.file.endsWith('missing.ts'))?.problem).toMatch(/no "SPDX-License-Identifier:" in the first 3 lines/);
      expect(problems.find((p) => p.file.endsWith('wrong.ts'))?.problem).toMatch(/is "MIT", allowed here: BSD-3-Clause$/);
    });

    it('selects source files and allowed identifiers by path', () => {
      expect(needsSpdxHeader('a/b.cts')).toBe(true);
      expect(needsSpdxHeader('packages/fiscal-code/bin/codice-fiscale.cjs')).toBe(true);
      expect(needsSpdxHeader('packages/fiscal-code/data/ATTRIBUTION.md')).toBe(false);
      expect(allowedIdentifiers('packages/fiscal-code/src/internal/places-data.ts')).toContain(DATA_LICENSE);
      expect(allowedIdentifiers('packages/fiscal-code/src/places-data.ts')).toEqual([CODE_LICENSE]);
      expect(spdxIdentifier('/* SPDX-License-Identifier: BSD-3-Clause */\n')).toBe('BSD-3-Clause');
    });
  });
});
