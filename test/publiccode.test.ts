// SPDX-License-Identifier: BSD-3-Clause
/**
 * The repository's publiccode.yml passes our v0.7 check, and the check rejects what the
 * standard rejects (scripts/check-publiccode.mjs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPubliccode, checkSpdxExpression, isBcp47, isCalendarDate } from '../scripts/check-publiccode.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const script = join(root, 'scripts', 'check-publiccode.mjs');
const original = readFileSync(join(root, 'publiccode.yml'), 'utf8');

type Doc = Record<string, any>;
type Issue = { path: string; message: string };

/** A fresh deep copy of the real publiccode.yml. */
const realDoc = (): Doc => parse(original) as Doc;

/** Applies `change` to a copy of the real file and returns the check result. */
function check(change: (doc: Doc) => void) {
  const doc = realDoc();
  change(doc);
  return checkPubliccode(doc) as { errors: Issue[]; warnings: Issue[] };
}

function deleteAt(doc: Doc, path: string): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let node: Doc = doc;
  for (const k of keys) node = node[k];
  delete node[last];
}

/** Expects an error at `path` whose message matches `message`. */
function expectError(result: { errors: Issue[] }, path: string, message: RegExp): void {
  expect(result.errors, JSON.stringify(result.errors, null, 2)).toContainEqual({ path, message: expect.stringMatching(message) });
}

describe('the real publiccode.yml', () => {
  it('passes with no errors and no warnings', () => {
    const result = checkPubliccode(realDoc(), { baseDir: root });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('uses the values agreed for this repository', () => {
    const doc = realDoc();
    expect(doc.publiccodeYmlVersion).toBe('0');
    expect(doc.url).toBe('https://github.com/riuso-sociale/riuso-sociale');
    expect(doc.softwareType).toBe('library');
    expect(doc.developmentStatus).toBe('development');
    expect(doc.maintenance).toEqual({ type: 'none' }); // no invented contacts
    expect(doc.IT).toBeUndefined();
    expect(doc.it).toBeUndefined();
    expect(Object.keys(doc.description).sort()).toEqual(['en', 'it']);
  });

  it('has the same repository URL as every package.json', () => {
    const url = realDoc().url as string;
    for (const dir of ['packages/core', 'packages/fiscal-code']) {
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { repository?: { url?: string } };
      if (pkg.repository?.url === undefined) continue;
      expect(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')).toBe(url);
    }
  });
});

describe('rejects', () => {
  const mandatory = [
    'publiccodeYmlVersion',
    'name',
    'url',
    'platforms',
    'developmentStatus',
    'softwareType',
    'description',
    'legal',
    'legal.license',
    'maintenance',
    'maintenance.type',
    'localisation',
    'localisation.localisationReady',
    'localisation.availableLanguages',
    'description.it.shortDescription',
    'description.it.longDescription',
    'description.it.features',
  ];

  it.each(mandatory)('a missing mandatory key: %s', (path) => {
    const result = check((doc) => deleteAt(doc, path));
    expectError(result, path, /^required key is missing$/);
  });

  it('an empty description', () => {
    expectError(check((doc) => (doc.description = {})), 'description', /at least one language/);
  });

  it.each([
    ['developmentStatus', 'alpha', /"alpha" is not allowed: must be one of concept, development, beta, stable, obsolete/],
    ['softwareType', 'standalone', /"standalone" is not allowed: must be one of standalone\/mobile/],
    ['maintenance.type', 'paid', /"paid" is not allowed: must be one of internal, contract, community, none/],
  ])('a bad enum value in %s', (path, value, message) => {
    const result = check((doc) => {
      const keys = path.split('.');
      const last = keys.pop()!;
      let node = doc;
      for (const k of keys) node = node[k];
      node[last] = value;
    });
    expectError(result, path, message);
  });

  it('platforms that are not a non-empty list of strings', () => {
    expectError(check((doc) => (doc.platforms = [])), 'platforms', /non-empty list/);
    expectError(check((doc) => (doc.platforms = 'web')), 'platforms', /must be a list/);
    expectError(check((doc) => (doc.platforms = ['web', 3])), 'platforms[1]', /must be a string/);
  });

  it('an unknown category or scope', () => {
    expectError(check((doc) => doc.categories.push('social-services')), 'categories[2]', /"social-services" is not allowed/);
    expectError(check((doc) => doc.intendedAudience.scope.push('social')), 'intendedAudience.scope[3]', /"social" is not allowed/);
  });

  it('a shortDescription longer than 150 characters', () => {
    const result = check((doc) => (doc.description.it.shortDescription = 'x'.repeat(151)));
    expectError(result, 'description.it.shortDescription', /is 151 characters long: at most 150/);
  });

  it('counts characters, not bytes (150 accented letters are fine)', () => {
    const result = check((doc) => (doc.description.it.shortDescription = 'è'.repeat(150)));
    expect(result.errors).toEqual([]);
  });

  it('a longDescription shorter than 150 or longer than 10000 characters', () => {
    expectError(check((doc) => (doc.description.en.longDescription = 'Too short.')), 'description.en.longDescription', /at least 150/);
    expectError(check((doc) => (doc.description.en.longDescription = 'x'.repeat(10001))), 'description.en.longDescription', /at most 10000/);
  });

  it('a description language that is not a BCP 47 tag', () => {
    const result = check((doc) => {
      doc.description.it_IT = doc.description.it;
      delete doc.description.it;
    });
    expectError(result, 'description.it_IT', /not a BCP 47 language tag/);
  });

  it('an empty features list', () => {
    expectError(check((doc) => (doc.description.en.features = [])), 'description.en.features', /non-empty list/);
  });

  it('the deprecated IT: section', () => {
    const result = check((doc) => (doc.IT = { countryExtensionVersion: '1.0', riuso: { codiceIPA: 'c_f205' } }));
    expectError(result, 'IT', /whole country-specific `IT` section is deprecated.*organisation\.uri/);
  });

  it.each([
    ['it', { riuso: { codiceIPA: 'c_f205' } }],
    ['monochromeLogo', 'logo-mono.svg'],
    ['inputTypes', ['text/plain']],
    ['outputTypes', ['text/plain']],
  ])('the deprecated top-level key %s', (key, value) => {
    expectError(check((doc) => (doc[key] = value)), key, /deprecated/);
  });

  it('the deprecated legal.repoOwner, legal.authorsFile and description.*.genericName', () => {
    expectError(check((doc) => (doc.legal.repoOwner = 'Comune')), 'legal.repoOwner', /deprecated key: use organisation\.name/);
    expectError(check((doc) => (doc.legal.authorsFile = 'AUTHORS')), 'legal.authorsFile', /deprecated key/);
    expectError(check((doc) => (doc.description.it.genericName = 'Libreria')), 'description.it.genericName', /deprecated key/);
  });

  it('an unknown top-level key', () => {
    expectError(check((doc) => (doc.codiceIPA = 'c_f205')), 'codiceIPA', /unknown key "codiceIPA"/);
  });

  it.each([
    'c_f205', // not a URN
    'urn:x-italian-pa:C_F205', // upper case
    'urn:x-italian-pa:', // empty code
    'https://www.comune.example/', // not the IPA form
    'urn:x-italian-pa:c f205', // space
  ])('a bad organisation.uri: %s', (uri) => {
    const result = check((doc) => (doc.organisation = { uri, name: 'Comune' }));
    expectError(result, 'organisation.uri', /must be "urn:x-italian-pa:<codice IPA>" with the IPA code in lower case/);
  });

  it('accepts a well-formed organisation.uri (format only: the IPA list is not checked)', () => {
    const result = check((doc) => (doc.organisation = { uri: 'urn:x-italian-pa:c_f205', name: 'Comune di Milano' }));
    expect(result.errors).toEqual([]);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-01', '01/02/2026', '2025-02-29'])('a wrong contractors[].until date: %s', (until) => {
    const result = check((doc) => (doc.maintenance = { type: 'contract', contractors: [{ name: 'Fornitore', until }] }));
    expectError(result, 'maintenance.contractors[0].until', /must be a real calendar date in the form YYYY-MM-DD/);
  });

  it('a wrong releaseDate', () => {
    expectError(check((doc) => (doc.releaseDate = '2026-04-31')), 'releaseDate', /real calendar date/);
  });

  it('maintenance rules: contacts for internal/community, contractors for contract', () => {
    expectError(check((doc) => (doc.maintenance = { type: 'internal' })), 'maintenance.contacts', /required when maintenance\.type is "internal"/);
    expectError(check((doc) => (doc.maintenance = { type: 'community' })), 'maintenance.contacts', /required when maintenance\.type is "community"/);
    expectError(check((doc) => (doc.maintenance = { type: 'contract' })), 'maintenance.contractors', /required when maintenance\.type is "contract"/);
    expectError(
      check((doc) => (doc.maintenance = { type: 'internal', contacts: [{ email: 'a@b.it' }] })),
      'maintenance.contacts[0].name',
      /required key is missing/,
    );
    expectError(
      check((doc) => (doc.maintenance = { type: 'contract', contractors: [{ name: 'Fornitore' }] })),
      'maintenance.contractors[0].until',
      /required key is missing/,
    );
    expectError(
      check((doc) => (doc.maintenance = { type: 'none', contractors: [{ name: 'F', until: '2027-01-01' }] })),
      'maintenance.contractors',
      /only allowed when maintenance\.type is "contract"/,
    );
  });

  it('accepts a complete contract maintenance', () => {
    const result = check((doc) => (doc.maintenance = { type: 'contract', contractors: [{ name: 'Fornitore', until: '2028-02-29' }] }));
    expect(result.errors).toEqual([]);
  });

  it('an unknown supports alias or an id that is neither alias nor URI', () => {
    expectError(check((doc) => doc.supports.push({ id: 'alias:siuss' })), 'supports[2].id', /unknown alias "alias:siuss"/);
    expectError(check((doc) => doc.supports.push({ id: 'gdpr' })), 'supports[2].id', /must be a v0\.7 alias/);
  });

  it('a licence that is not a known SPDX expression', () => {
    expectError(check((doc) => (doc.legal.license = 'BSD')), 'legal.license', /not in this checker's SPDX allow-list/);
    expectError(check((doc) => (doc.legal.license = 'MIT OR')), 'legal.license', /not a valid SPDX expression/);
    expectError(check((doc) => (doc.legal.license = 'LicenseRef-Comune')), 'legal.license', /custom LicenseRef/);
  });

  it('an unaccepted publiccodeYmlVersion, and warns on old accepted ones', () => {
    expectError(check((doc) => (doc.publiccodeYmlVersion = '0.6')), 'publiccodeYmlVersion', /not an accepted version/);
    expectError(check((doc) => (doc.publiccodeYmlVersion = '1.0')), 'publiccodeYmlVersion', /not an accepted version/);
    const old = check((doc) => (doc.publiccodeYmlVersion = '0.4'));
    expect(old.errors).toEqual([]);
    expect(old.warnings).toContainEqual({ path: 'publiccodeYmlVersion', message: expect.stringMatching(/not the latest version: use "0"/) });
    for (const v of ['0', '0.7', '0.7.0', '0.7.1']) expect(check((doc) => (doc.publiccodeYmlVersion = v)).warnings).toEqual([]);
  });

  it('a document that is not a mapping', () => {
    expect(checkPubliccode(null).errors).toEqual([{ path: '', message: expect.stringMatching(/must be a YAML mapping/) }]);
    expect(checkPubliccode(['a']).errors).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('SPDX expressions', () => {
    expect(checkSpdxExpression('BSD-3-Clause').errors).toEqual([]);
    expect(checkSpdxExpression('(MIT OR Apache-2.0) AND CC-BY-4.0').errors).toEqual([]);
    expect(checkSpdxExpression('GPL-2.0-or-later WITH Classpath-exception-2.0').errors).toEqual([]);
    expect(checkSpdxExpression('CC-BY-4.0 AND CC-BY-3.0-IT').errors).toEqual([]);
    expect(checkSpdxExpression('bsd-3-clause').warnings).toEqual([expect.stringMatching(/"BSD-3-Clause"/)]);
    expect(checkSpdxExpression('(MIT').errors).toEqual([expect.stringMatching(/missing closing parenthesis/)]);
    expect(checkSpdxExpression('MIT and ISC').errors.length).toBeGreaterThan(0);
  });

  it('calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2026-06-31')).toBe(false);
    expect(isCalendarDate('2026-00-10')).toBe(false);
  });

  it('BCP 47 tags', () => {
    for (const tag of ['it', 'en', 'it-IT', 'de-CH', 'sr-Latn-RS', 'es-419']) expect(isBcp47(tag)).toBe(true);
    for (const tag of ['it_IT', 'italiano', 'i', 'it-', '']) expect(isBcp47(tag)).toBe(false);
  });
});

describe('command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'publiccode-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => {
    try {
      const stdout = execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { code: 0, stdout, stderr: '' };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { code: err.status, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it('exits 0 on the real file', () => {
    const r = run();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/publiccode\.yml: valid/);
  });

  it('exits 1 on an invalid file and prints each problem with its key path and line', () => {
    const doc = realDoc();
    doc.IT = { riuso: { codiceIPA: 'c_f205' } };
    doc.description.it.shortDescription = 'x'.repeat(200);
    const file = join(dir, 'invalid.yml');
    writeFileSync(file, stringify(doc));
    const r = run(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INVALID \(2 error/);
    expect(r.stderr).toMatch(/error {3}IT \(line \d+\): the whole country-specific/);
    expect(r.stderr).toMatch(/error {3}description\.it\.shortDescription \(line \d+\): is 200 characters long/);
  });

  it('exits 2 on a missing file or broken YAML', () => {
    expect(run(join(dir, 'missing.yml')).code).toBe(2);
    const broken = join(dir, 'broken.yml');
    writeFileSync(broken, 'name: [unclosed\n');
    expect(run(broken).code).toBe(2);
  });

  it('--json prints a machine-readable result', () => {
    const file = join(dir, 'json.yml');
    const doc = realDoc();
    doc.maintenance = { type: 'contract', contractors: [{ name: 'Fornitore', until: '2026-02-30' }] };
    writeFileSync(file, stringify(doc));
    const r = run(file, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { valid: boolean; errors: Issue[] };
    expect(out.valid).toBe(false);
    expect(out.errors).toEqual([
      { path: 'maintenance.contractors[0].until', message: expect.stringMatching(/real calendar date/), line: expect.any(Number) },
    ]);
  });
});
