#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Our own check of `publiccode.yml` against the publiccode.yml standard, version 0.7
 * (https://github.com/publiccodeyml/publiccode.yml, docs/standard/schema.core.rst).
 *
 * There is no publiccode.yml validator on npm; the authoritative one is the Go parser
 * `italia/publiccode-parser-go` (CLI `publiccode-parser`, GitHub Action `italia/publiccode-parser-action`),
 * which cannot run in this environment. This script mirrors its structural rules, offline:
 *
 *  - mandatory keys (publiccodeYmlVersion, name, url, platforms, developmentStatus, softwareType,
 *    description, legal.license, maintenance.type, localisation.localisationReady/availableLanguages);
 *  - enums (developmentStatus, softwareType, maintenance.type, categories, intendedAudience.scope);
 *    platforms is free text but must be a non-empty array of strings;
 *  - description: keys are BCP 47 language tags (syntax only); shortDescription ≤ 150 characters,
 *    longDescription 150–10000 characters, features a non-empty array of strings;
 *  - dates (releaseDate, maintenance.contractors[].until) are YYYY-MM-DD and real calendar dates;
 *  - legal.license is an SPDX expression (AND / OR / WITH / parentheses / "+") built only from the
 *    short allow-list SPDX_ALLOWED below — a valid SPDX id missing from it is reported, add it there;
 *  - organisation.uri must be `urn:x-italian-pa:<codice IPA>` with the IPA code in lowercase
 *    (project policy: the Developers Italia crawler requires this form for Italian PAs; the
 *    standard itself allows other URIs). The code is NOT checked against the IPA list (offline);
 *  - supports[].id is one of the v0.7 aliases (alias:gdpr, …) or another absolute URI;
 *  - maintenance: internal/community need contacts with a name; contract needs contractors with
 *    name and until; contractors are only allowed with type contract;
 *  - deprecated keys are ERRORS here (the Go parser only warns): the whole `IT`/`it` section,
 *    legal.repoOwner, legal.authorsFile, description.<lang>.genericName, monochromeLogo,
 *    inputTypes, outputTypes;
 *  - publiccodeYmlVersion among the accepted ones ("0", "0.2"…"0.5", "0.7", "0.7.x", with patch
 *    versions); a warning for anything but "0" and "0.7.x";
 *  - unknown keys (top level and inside the known sections) are errors.
 *
 * Not checked: that URLs exist (no network), the IPA code list, the full ISO 3166 and BCP 47
 * registries (syntax only), logo size.
 *
 * Usage: node scripts/check-publiccode.mjs [path/to/publiccode.yml] [--json]
 * Exit codes: 0 valid (warnings allowed), 1 invalid, 2 file missing/unreadable or not parseable YAML.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';

// ---------------------------------------------------------------------------------------------
// Vocabularies (publiccode.yml v0.7)
// ---------------------------------------------------------------------------------------------

export const DEVELOPMENT_STATUSES = ['concept', 'development', 'beta', 'stable', 'obsolete'];

export const SOFTWARE_TYPES = [
  'standalone/mobile',
  'standalone/iot',
  'standalone/desktop',
  'standalone/web',
  'standalone/backend',
  'standalone/other',
  'addon',
  'library',
  'configurationFiles',
];

export const MAINTENANCE_TYPES = ['internal', 'contract', 'community', 'none'];

/** `supports[].id` aliases defined by v0.7; any other `alias:` id is an error. */
export const SUPPORTS_ALIASES = [
  'alias:gdpr',
  'alias:eidas',
  'alias:nis2',
  'alias:cra',
  'alias:spid',
  'alias:cie',
  'alias:anpr',
  'alias:pagopa',
  'alias:io',
];

/** intendedAudience.scope (docs/standard/scope-list.rst). */
export const SCOPES = [
  'agriculture',
  'culture',
  'defence',
  'education',
  'emergency-services',
  'employment',
  'energy',
  'environment',
  'finance-and-economic-development',
  'foreign-affairs',
  'government',
  'healthcare',
  'infrastructures',
  'justice',
  'local-authorities',
  'manufacturing',
  'research',
  'science-and-technology',
  'security',
  'society',
  'sport',
  'tourism',
  'transportation',
  'welfare',
];

/**
 * categories (docs/standard/categories-list.rst). The last three entries appear in the v0.7
 * JSON Schema but not in every published copy of the list: accepted here to avoid false errors.
 */
export const CATEGORIES = [
  'accounting', 'agile-project-management', 'applicant-tracking', 'application-development',
  'appointment-scheduling', 'backup', 'billing-and-invoicing', 'blog', 'budgeting',
  'business-intelligence', 'business-process-management', 'cad', 'call-center-management',
  'cloud-management', 'collaboration', 'communications', 'compliance-management',
  'contact-management', 'content-management', 'crm', 'customer-service-and-support',
  'data-analytics', 'data-collection', 'data-visualization', 'design', 'design-system',
  'digital-asset-management', 'digital-citizenship', 'document-management', 'donor-management',
  'e-commerce', 'e-signature', 'educational-content', 'email-management', 'email-marketing',
  'employee-management', 'enterprise-project-management', 'enterprise-social-networking', 'erp',
  'event-management', 'facility-management', 'feedback-and-reviews-management',
  'financial-reporting', 'fleet-management', 'fundraising', 'gamification',
  'geographic-information-systems', 'grant-management', 'graphic-design', 'help-desk', 'hr',
  'ide', 'identity-management', 'instant-messaging', 'inventory-management',
  'it-asset-management', 'it-development', 'it-management', 'it-security',
  'it-service-management', 'knowledge-management', 'learning-management-system', 'marketing',
  'mind-mapping', 'mobile-marketing', 'mobile-payment', 'network-management', 'office',
  'online-booking', 'online-community', 'payment-gateway', 'payroll', 'predictive-analysis',
  'procurement', 'productivity-suite', 'project-collaboration', 'project-management',
  'property-management', 'real-estate-management', 'remote-support', 'resource-management',
  'sales-management', 'seo', 'service-desk', 'social-media-management', 'survey',
  'talent-management', 'task-management', 'taxes-management', 'test-management',
  'time-management', 'time-tracking', 'translation', 'video-conferencing', 'video-editing',
  'visitor-management', 'voip', 'warehouse-management', 'web-collaboration', 'web-conferencing',
  'website-builder', 'whistleblowing', 'workflow-management',
  'integrated-library-system', 'regulations-and-directives', 'other',
];

/**
 * A deliberately SHORT allow-list of common SPDX license ids (https://spdx.org/licenses/):
 * the licences named by the AgID guidelines (BSD-3-Clause, EUPL-1.2, AGPL-3.0-or-later,
 * CC-BY-4.0) and the most common OSI licences. A valid SPDX id that is missing here is reported
 * as "not in the allow-list": add it if you really use it.
 */
export const SPDX_ALLOWED = [
  '0BSD', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-2.0', 'Artistic-2.0', 'BSD-2-Clause',
  'BSD-3-Clause', 'BSD-3-Clause-Clear', 'BSL-1.0', 'CC-BY-3.0-IT', 'CC-BY-4.0', 'CC-BY-SA-4.0',
  'CC0-1.0', 'ECL-2.0', 'EPL-2.0', 'EUPL-1.1', 'EUPL-1.2', 'GPL-2.0-only', 'GPL-2.0-or-later',
  'GPL-3.0-only', 'GPL-3.0-or-later', 'ISC', 'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-3.0-only',
  'LGPL-3.0-or-later', 'MIT', 'MPL-2.0', 'OFL-1.1', 'PostgreSQL', 'Python-2.0', 'Unlicense', 'Zlib',
];

/** SPDX exception ids accepted after WITH. */
export const SPDX_EXCEPTIONS = ['Classpath-exception-2.0', 'LLVM-exception', 'GCC-exception-3.1', 'OpenJDK-assembly-exception-1.0'];

const VERSION_ACCEPTED = /^(?:0|0\.[2-5](?:\.\d+)?|0\.7(?:\.\d+)?)$/;
const VERSION_LATEST = /^(?:0|0\.7(?:\.\d+)?)$/;
const ITALIAN_PA_URI = /^urn:x-italian-pa:[a-z0-9_]+$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/**
 * BCP 47 syntax (RFC 5646 langtag). The primary language subtag must have 2–3 letters (ISO 639):
 * the 4–8 letter forms allowed by the grammar are reserved or unused, and rejecting them catches
 * "italiano" or "english".
 */
const BCP47 =
  /^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?$|^[xX](?:-[A-Za-z0-9]{1,8})+$/;

const TOP_LEVEL_KEYS = [
  'publiccodeYmlVersion', 'name', 'applicationSuite', 'url', 'landingURL', 'isBasedOn',
  'softwareVersion', 'releaseDate', 'logo', 'platforms', 'categories', 'usedBy', 'roadmap',
  'developmentStatus', 'softwareType', 'intendedAudience', 'supports', 'description', 'legal',
  'maintenance', 'localisation', 'dependsOn', 'organisation', 'fundedBy',
];

const DEPRECATED_TOP_LEVEL = {
  IT: 'the whole country-specific `IT` section is deprecated since publiccode.yml 0.7 (removed in 1.0): use organisation.uri "urn:x-italian-pa:<codice IPA>" instead of IT.riuso.codiceIPA and supports[] (alias:spid, alias:pagopa, alias:gdpr, …) instead of IT.conforme / IT.piattaforme',
  it: 'the whole country-specific `it` section is deprecated since publiccode.yml 0.7 (removed in 1.0): use organisation.uri "urn:x-italian-pa:<codice IPA>" and supports[] instead',
  monochromeLogo: 'deprecated key: remove it (keep only `logo`)',
  inputTypes: 'deprecated key: remove it',
  outputTypes: 'deprecated key: remove it',
};

const LANG_KEYS = [
  'localisedName', 'shortDescription', 'longDescription', 'documentation', 'apiDocumentation',
  'features', 'screenshots', 'videos', 'awards',
];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** A plain mapping (not null, not an array, not a Date). */
function isRecord(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function kind(value) {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date object';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function join_(path, key) {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Number of Unicode characters (code points), as the Go parser counts runes. */
function charLength(text) {
  return [...text].length;
}

/** A YYYY-MM-DD string that names a real calendar day. */
export function isCalendarDate(value) {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

export function isBcp47(tag) {
  return typeof tag === 'string' && BCP47.test(tag);
}

function isHttpUrl(value) {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

function isAnyUrl(value) {
  if (typeof value !== 'string' || !ABSOLUTE_URI.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks an SPDX license expression against {@link SPDX_ALLOWED}.
 * @returns {{ errors: string[], warnings: string[] }}
 */
export function checkSpdxExpression(expression) {
  const errors = [];
  const warnings = [];
  if (typeof expression !== 'string' || expression.trim() === '') {
    return { errors: ['must be a non-empty SPDX license expression'], warnings };
  }
  const tokens = expression.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').trim().split(/\s+/);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (msg) => {
    throw new Error(msg);
  };
  const canonical = (id, list) => list.find((known) => known.toLowerCase() === id.toLowerCase());

  function license() {
    const token = peek();
    if (token === undefined) fail('expression ends where a license id was expected');
    if (token === '(') {
      pos++;
      orExpr();
      if (peek() !== ')') fail('missing closing parenthesis');
      pos++;
      return;
    }
    if (token === ')' || token === 'AND' || token === 'OR' || token === 'WITH') fail(`unexpected "${token}"`);
    pos++;
    const id = token.endsWith('+') ? token.slice(0, -1) : token;
    if (/^(?:LicenseRef-|DocumentRef-)/.test(id)) {
      errors.push(`"${id}" is a custom LicenseRef/DocumentRef, not a known open-source SPDX license id`);
    } else if (!/^[A-Za-z0-9.-]+$/.test(id)) {
      errors.push(`"${token}" is not a valid SPDX license id`);
    } else {
      const known = canonical(id, SPDX_ALLOWED);
      if (!known) {
        errors.push(
          `"${id}" is not in this checker's SPDX allow-list (${SPDX_ALLOWED.length} common ids; if it is a valid SPDX id, add it to SPDX_ALLOWED in scripts/check-publiccode.mjs)`,
        );
      } else if (known !== id) {
        warnings.push(`"${id}" should be written "${known}" (canonical SPDX casing)`);
      }
    }
    if (peek() === 'WITH') {
      pos++;
      const exception = peek();
      if (exception === undefined || exception === '(' || exception === ')') fail('WITH must be followed by an exception id');
      pos++;
      if (!canonical(exception, SPDX_EXCEPTIONS)) errors.push(`"${exception}" is not a known SPDX license exception`);
    }
  }
  function andExpr() {
    license();
    while (peek() === 'AND') {
      pos++;
      license();
    }
  }
  function orExpr() {
    andExpr();
    while (peek() === 'OR') {
      pos++;
      andExpr();
    }
  }
  try {
    orExpr();
    if (pos < tokens.length) fail(`unexpected "${tokens[pos]}" (operators AND, OR, WITH are upper case)`);
  } catch (e) {
    errors.push(`not a valid SPDX expression: ${e.message}`);
  }
  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------------------------

/**
 * Checks a parsed publiccode.yml document.
 *
 * @param {unknown} doc the document as plain JS data (e.g. from `yaml`'s `parse()`; YAML 1.2 core
 *   schema, so dates stay strings)
 * @param {{ baseDir?: string }} [options] `baseDir`: folder of the file, to check that a relative
 *   `logo` exists
 * @returns {{ errors: { path: string, message: string }[], warnings: { path: string, message: string }[] }}
 *   `path` is the key path (`description.it.shortDescription`, `maintenance.contractors[0].until`),
 *   the empty string for the document itself.
 */
export function checkPubliccode(doc, options = {}) {
  const errors = [];
  const warnings = [];
  const error = (path, message) => errors.push({ path, message });
  const warn = (path, message) => warnings.push({ path, message });

  const required = (obj, key, path) => {
    if (obj[key] === undefined || obj[key] === null) {
      error(join_(path, key), 'required key is missing');
      return false;
    }
    return true;
  };
  const string = (value, path, { nonEmpty = true } = {}) => {
    if (typeof value !== 'string') {
      error(path, `must be a string, found ${kind(value)}`);
      return false;
    }
    if (nonEmpty && value.trim() === '') {
      error(path, 'must not be empty');
      return false;
    }
    return true;
  };
  const mapping = (value, path) => {
    if (!isRecord(value)) {
      error(path, `must be a mapping, found ${kind(value)}`);
      return false;
    }
    return true;
  };
  const list = (value, path, { nonEmpty = false } = {}) => {
    if (!Array.isArray(value)) {
      error(path, `must be a list, found ${kind(value)}`);
      return false;
    }
    if (nonEmpty && value.length === 0) {
      error(path, 'must be a non-empty list');
      return false;
    }
    return true;
  };
  const stringList = (value, path, opts) => {
    if (!list(value, path, opts)) return;
    value.forEach((item, i) => string(item, join_(path, i)));
  };
  const enumValue = (value, path, allowed) => {
    if (!string(value, path)) return;
    if (allowed.includes(value)) return;
    const choices = allowed.length <= 30 ? `must be one of ${allowed.join(', ')}` : `not in the standard's list (${allowed.length} values)`;
    error(path, `"${value}" is not allowed: ${choices}`);
  };
  const httpUrl = (value, path) => {
    if (!string(value, path)) return;
    if (!isHttpUrl(value)) error(path, `"${value}" is not a valid http(s) URL`);
  };
  const date = (value, path) => {
    if (value instanceof Date) {
      error(path, 'must be a quoted YYYY-MM-DD string, found a YAML timestamp');
      return;
    }
    if (!string(value, path)) return;
    if (!isCalendarDate(value)) error(path, `"${value}" must be a real calendar date in the form YYYY-MM-DD`);
  };
  const noUnknownKeys = (obj, path, known, deprecated = {}) => {
    for (const key of Object.keys(obj)) {
      if (Object.hasOwn(deprecated, key)) error(join_(path, key), deprecated[key]);
      else if (!known.includes(key)) error(join_(path, key), `unknown key "${key}" (not part of publiccode.yml 0.7)`);
    }
  };

  if (!isRecord(doc)) {
    error('', `the document must be a YAML mapping, found ${kind(doc)}`);
    return { errors, warnings };
  }

  noUnknownKeys(doc, '', TOP_LEVEL_KEYS, DEPRECATED_TOP_LEVEL);

  // publiccodeYmlVersion
  if (required(doc, 'publiccodeYmlVersion', '')) {
    let version = doc.publiccodeYmlVersion;
    if (typeof version === 'number') {
      warn('publiccodeYmlVersion', `must be a string: quote it ("${version}")`);
      version = String(version);
    }
    if (string(version, 'publiccodeYmlVersion')) {
      if (!VERSION_ACCEPTED.test(version)) {
        error('publiccodeYmlVersion', `"${version}" is not an accepted version: use "0" (accepted: 0, 0.2–0.5, 0.7, 0.7.x)`);
      } else if (!VERSION_LATEST.test(version)) {
        warn('publiccodeYmlVersion', `"${version}" is not the latest version: use "0"`);
      }
    }
  }

  if (required(doc, 'name', '')) string(doc.name, 'name');
  if (doc.applicationSuite !== undefined) string(doc.applicationSuite, 'applicationSuite');

  if (required(doc, 'url', '') && string(doc.url, 'url')) {
    if (!isAnyUrl(doc.url)) error('url', `"${doc.url}" is not a valid URL of a source code repository`);
    else if (!/^https:\/\//.test(doc.url)) warn('url', 'prefer an https:// URL readable without authentication');
  }
  if (doc.landingURL !== undefined) httpUrl(doc.landingURL, 'landingURL');
  if (doc.roadmap !== undefined) httpUrl(doc.roadmap, 'roadmap');
  if (doc.isBasedOn !== undefined) {
    const bases = Array.isArray(doc.isBasedOn) ? doc.isBasedOn : [doc.isBasedOn];
    bases.forEach((base, i) => {
      const path = Array.isArray(doc.isBasedOn) ? join_('isBasedOn', i) : 'isBasedOn';
      if (string(base, path) && !isAnyUrl(base)) error(path, `"${base}" is not a valid URL`);
    });
  }
  if (doc.softwareVersion !== undefined) {
    if (typeof doc.softwareVersion === 'number') warn('softwareVersion', `must be a string: quote it ("${doc.softwareVersion}")`);
    else string(doc.softwareVersion, 'softwareVersion');
  }
  if (doc.releaseDate !== undefined) date(doc.releaseDate, 'releaseDate');
  if (doc.logo !== undefined && string(doc.logo, 'logo')) {
    const ext = extname(doc.logo.split(/[?#]/)[0] ?? '').toLowerCase();
    if (!['.svg', '.svgz', '.png'].includes(ext)) error('logo', 'must be an SVG, SVGZ or PNG file');
    if (options.baseDir && !isAnyUrl(doc.logo) && !existsSync(resolve(options.baseDir, doc.logo))) {
      error('logo', `file "${doc.logo}" not found in the repository`);
    }
  }

  // platforms: free values, but a non-empty list of strings
  if (required(doc, 'platforms', '')) stringList(doc.platforms, 'platforms', { nonEmpty: true });

  if (doc.categories !== undefined && list(doc.categories, 'categories')) {
    doc.categories.forEach((c, i) => enumValue(c, join_('categories', i), CATEGORIES));
  }
  if (doc.usedBy !== undefined) stringList(doc.usedBy, 'usedBy');

  if (required(doc, 'developmentStatus', '')) enumValue(doc.developmentStatus, 'developmentStatus', DEVELOPMENT_STATUSES);
  if (required(doc, 'softwareType', '')) enumValue(doc.softwareType, 'softwareType', SOFTWARE_TYPES);

  // intendedAudience
  if (doc.intendedAudience !== undefined && mapping(doc.intendedAudience, 'intendedAudience')) {
    const ia = doc.intendedAudience;
    noUnknownKeys(ia, 'intendedAudience', ['countries', 'unsupportedCountries', 'scope']);
    for (const key of ['countries', 'unsupportedCountries']) {
      const path = `intendedAudience.${key}`;
      if (ia[key] === undefined || !list(ia[key], path)) continue;
      ia[key].forEach((code, i) => {
        const p = join_(path, i);
        if (!string(code, p)) return;
        if (/^[a-z]{2}$/.test(code)) warn(p, `lowercase country codes are deprecated: use "${code.toUpperCase()}"`);
        else if (!/^[A-Z]{2}$/.test(code)) error(p, `"${code}" is not an ISO 3166-1 alpha-2 country code`);
      });
    }
    if (ia.scope !== undefined && list(ia.scope, 'intendedAudience.scope')) {
      ia.scope.forEach((s, i) => enumValue(s, join_('intendedAudience.scope', i), SCOPES));
    }
  }

  // supports (v0.7)
  if (doc.supports !== undefined && list(doc.supports, 'supports')) {
    const seen = new Set();
    doc.supports.forEach((item, i) => {
      const path = join_('supports', i);
      if (!mapping(item, path)) return;
      noUnknownKeys(item, path, ['id']);
      if (!required(item, 'id', path) || !string(item.id, `${path}.id`)) return;
      const id = item.id;
      if (id.startsWith('alias:')) {
        if (!SUPPORTS_ALIASES.includes(id)) {
          error(`${path}.id`, `unknown alias "${id}": the v0.7 aliases are ${SUPPORTS_ALIASES.join(', ')}`);
        }
      } else if (!isAnyUrl(id)) {
        error(`${path}.id`, `"${id}" must be a v0.7 alias (${SUPPORTS_ALIASES.join(', ')}) or an absolute URI`);
      }
      if (seen.has(id)) warn(`${path}.id`, `"${id}" is listed twice`);
      seen.add(id);
    });
  }

  // description
  if (required(doc, 'description', '') && mapping(doc.description, 'description')) {
    const langs = Object.keys(doc.description);
    if (langs.length === 0) error('description', 'must contain at least one language');
    for (const lang of langs) {
      const path = join_('description', lang);
      if (!isBcp47(lang)) error(path, `"${lang}" is not a BCP 47 language tag (e.g. it, en, it-IT)`);
      const d = doc.description[lang];
      if (!mapping(d, path)) continue;
      noUnknownKeys(d, path, LANG_KEYS, {
        genericName: 'deprecated key: remove it (describe the software in shortDescription)',
      });
      if (d.localisedName !== undefined) string(d.localisedName, `${path}.localisedName`);
      if (required(d, 'shortDescription', path) && string(d.shortDescription, `${path}.shortDescription`)) {
        const n = charLength(d.shortDescription);
        if (n > 150) error(`${path}.shortDescription`, `is ${n} characters long: at most 150 are allowed`);
        if (/\n/.test(d.shortDescription.trim())) warn(`${path}.shortDescription`, 'should be a single line');
      }
      if (required(d, 'longDescription', path) && string(d.longDescription, `${path}.longDescription`)) {
        const n = charLength(d.longDescription);
        if (n < 150) error(`${path}.longDescription`, `is ${n} characters long: at least 150 are required`);
        if (n > 10000) error(`${path}.longDescription`, `is ${n} characters long: at most 10000 are allowed`);
      }
      if (required(d, 'features', path)) stringList(d.features, `${path}.features`, { nonEmpty: true });
      if (d.documentation !== undefined) httpUrl(d.documentation, `${path}.documentation`);
      if (d.apiDocumentation !== undefined) httpUrl(d.apiDocumentation, `${path}.apiDocumentation`);
      if (d.screenshots !== undefined) stringList(d.screenshots, `${path}.screenshots`);
      if (d.awards !== undefined) stringList(d.awards, `${path}.awards`);
      if (d.videos !== undefined && list(d.videos, `${path}.videos`)) {
        d.videos.forEach((v, i) => httpUrl(v, join_(`${path}.videos`, i)));
      }
    }
  }

  // legal
  if (required(doc, 'legal', '') && mapping(doc.legal, 'legal')) {
    noUnknownKeys(doc.legal, 'legal', ['license', 'mainCopyrightOwner'], {
      repoOwner: 'deprecated key: use organisation.name instead',
      authorsFile: 'deprecated key: remove it (name the copyright holder in legal.mainCopyrightOwner)',
    });
    if (required(doc.legal, 'license', 'legal') && string(doc.legal.license, 'legal.license')) {
      const spdx = checkSpdxExpression(doc.legal.license);
      spdx.errors.forEach((m) => error('legal.license', m));
      spdx.warnings.forEach((m) => warn('legal.license', m));
    }
    if (doc.legal.mainCopyrightOwner !== undefined) string(doc.legal.mainCopyrightOwner, 'legal.mainCopyrightOwner');
  }

  // maintenance
  if (required(doc, 'maintenance', '') && mapping(doc.maintenance, 'maintenance')) {
    const m = doc.maintenance;
    noUnknownKeys(m, 'maintenance', ['type', 'contacts', 'contractors']);
    let type;
    if (required(m, 'type', 'maintenance')) {
      enumValue(m.type, 'maintenance.type', MAINTENANCE_TYPES);
      type = m.type;
    }
    if ((type === 'internal' || type === 'community') && (m.contacts === undefined || m.contacts === null)) {
      error('maintenance.contacts', `required when maintenance.type is "${type}": list at least one real person with a name`);
    }
    if (type === 'contract' && (m.contractors === undefined || m.contractors === null)) {
      error('maintenance.contractors', 'required when maintenance.type is "contract": list the contractors with name and until (YYYY-MM-DD)');
    }
    if (m.contractors !== undefined && m.contractors !== null && type !== undefined && type !== 'contract') {
      error('maintenance.contractors', `only allowed when maintenance.type is "contract" (it is "${type}")`);
    }
    if (m.contacts !== undefined && m.contacts !== null && list(m.contacts, 'maintenance.contacts', { nonEmpty: true })) {
      m.contacts.forEach((c, i) => {
        const path = join_('maintenance.contacts', i);
        if (!mapping(c, path)) return;
        noUnknownKeys(c, path, ['name', 'email', 'affiliation', 'phone']);
        if (required(c, 'name', path)) string(c.name, `${path}.name`);
        if (c.email !== undefined && string(c.email, `${path}.email`) && !EMAIL.test(c.email)) {
          error(`${path}.email`, `"${c.email}" is not a valid e-mail address`);
        }
        if (c.affiliation !== undefined) string(c.affiliation, `${path}.affiliation`);
        if (c.phone !== undefined) string(String(c.phone), `${path}.phone`);
      });
    }
    if (m.contractors !== undefined && m.contractors !== null && list(m.contractors, 'maintenance.contractors', { nonEmpty: true })) {
      m.contractors.forEach((c, i) => {
        const path = join_('maintenance.contractors', i);
        if (!mapping(c, path)) return;
        noUnknownKeys(c, path, ['name', 'until', 'email', 'website']);
        if (required(c, 'name', path)) string(c.name, `${path}.name`);
        if (required(c, 'until', path)) date(c.until, `${path}.until`);
        if (c.email !== undefined && string(c.email, `${path}.email`) && !EMAIL.test(c.email)) {
          error(`${path}.email`, `"${c.email}" is not a valid e-mail address`);
        }
        if (c.website !== undefined) httpUrl(c.website, `${path}.website`);
      });
    }
  }

  // localisation
  if (required(doc, 'localisation', '') && mapping(doc.localisation, 'localisation')) {
    const l = doc.localisation;
    noUnknownKeys(l, 'localisation', ['localisationReady', 'availableLanguages']);
    if (required(l, 'localisationReady', 'localisation') && typeof l.localisationReady !== 'boolean') {
      error('localisation.localisationReady', `must be true or false, found ${kind(l.localisationReady)}`);
    }
    if (required(l, 'availableLanguages', 'localisation') && list(l.availableLanguages, 'localisation.availableLanguages', { nonEmpty: true })) {
      l.availableLanguages.forEach((lang, i) => {
        const path = join_('localisation.availableLanguages', i);
        if (string(lang, path) && !isBcp47(lang)) error(path, `"${lang}" is not a BCP 47 language tag`);
      });
    }
  }

  // dependsOn: runtime / system dependencies only
  if (doc.dependsOn !== undefined && mapping(doc.dependsOn, 'dependsOn')) {
    noUnknownKeys(doc.dependsOn, 'dependsOn', ['open', 'proprietary', 'hardware']);
    for (const group of ['open', 'proprietary', 'hardware']) {
      const path = `dependsOn.${group}`;
      const deps = doc.dependsOn[group];
      if (deps === undefined || !list(deps, path)) continue;
      deps.forEach((dep, i) => {
        const p = join_(path, i);
        if (!mapping(dep, p)) return;
        noUnknownKeys(dep, p, ['name', 'versionMin', 'versionMax', 'version', 'optional']);
        if (required(dep, 'name', p)) string(dep.name, `${p}.name`);
        for (const v of ['versionMin', 'versionMax', 'version']) {
          if (dep[v] !== undefined && typeof dep[v] !== 'string' && typeof dep[v] !== 'number') {
            error(`${p}.${v}`, `must be a version string, found ${kind(dep[v])}`);
          }
        }
        if (dep.optional !== undefined && typeof dep.optional !== 'boolean') error(`${p}.optional`, 'must be true or false');
      });
    }
  }

  // organisation
  if (doc.organisation !== undefined && mapping(doc.organisation, 'organisation')) {
    const o = doc.organisation;
    noUnknownKeys(o, 'organisation', ['uri', 'name']);
    if (required(o, 'uri', 'organisation') && string(o.uri, 'organisation.uri') && !ITALIAN_PA_URI.test(o.uri)) {
      error(
        'organisation.uri',
        `"${o.uri}" must be "urn:x-italian-pa:<codice IPA>" with the IPA code in lower case (e.g. urn:x-italian-pa:c_f205)`,
      );
    }
    if (o.name !== undefined) string(o.name, 'organisation.name');
  }

  // fundedBy
  if (doc.fundedBy !== undefined && list(doc.fundedBy, 'fundedBy')) {
    doc.fundedBy.forEach((f, i) => {
      const path = join_('fundedBy', i);
      if (!mapping(f, path)) return;
      noUnknownKeys(f, path, ['name', 'uri']);
      if (required(f, 'name', path)) string(f.name, `${path}.name`);
      if (f.uri !== undefined && string(f.uri, `${path}.uri`) && !isAnyUrl(f.uri)) error(`${path}.uri`, `"${f.uri}" is not a URI`);
    });
  }

  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------------
// File handling and CLI
// ---------------------------------------------------------------------------------------------

/** Splits "a.b[2].c" back into ["a", "b", 2, "c"]. */
function pathSegments(path) {
  const out = [];
  for (const part of path.split('.')) {
    if (part === '') continue;
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1] !== '') out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Line of the deepest existing node on `path` (1-based), or undefined. */
function lineOf(document, lineCounter, path) {
  let node = document.contents;
  let line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  for (const seg of pathSegments(path)) {
    let next;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key?.value ?? p.key) === seg);
      if (pair?.key?.range) line = lineCounter.linePos(pair.key.range[0]).line;
      next = pair?.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
      if (next?.range) line = lineCounter.linePos(next.range[0]).line;
    }
    if (!next) break;
    node = next;
  }
  return line;
}

/**
 * Reads, parses and checks a publiccode.yml file.
 * @returns {{ file: string, readable: boolean, valid: boolean,
 *   errors: {path: string, message: string, line?: number}[],
 *   warnings: {path: string, message: string, line?: number}[] }}
 */
export function checkPubliccodeFile(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { file, readable: false, valid: false, errors: [{ path: '', message: `cannot read the file: ${e.message}` }], warnings: [] };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      file,
      readable: false,
      valid: false,
      errors: document.errors.map((e) => ({ path: '', message: `YAML syntax: ${e.message.split('\n')[0].replace(/:\s*$/, '')}`, line: e.linePos?.[0]?.line })),
      warnings: [],
    };
  }
  const { errors, warnings } = checkPubliccode(document.toJS(), { baseDir: dirname(resolve(file)) });
  const withLine = (issue) => {
    const line = lineOf(document, lineCounter, issue.path);
    return line === undefined ? issue : { ...issue, line };
  };
  const yamlWarnings = document.warnings.map((w) => ({ path: '', message: `YAML: ${w.message.split('\n')[0]}` }));
  return {
    file,
    readable: true,
    valid: errors.length === 0,
    errors: errors.map(withLine),
    warnings: [...yamlWarnings, ...warnings.map(withLine)],
  };
}

function formatIssue(level, issue) {
  const where = issue.path === '' ? '(document)' : issue.path;
  const line = issue.line === undefined ? '' : ` (line ${issue.line})`;
  return `  ${level.padEnd(7)} ${where}${line}: ${issue.message}`;
}

function main(argv) {
  const args = argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      'Usage: node scripts/check-publiccode.mjs [publiccode.yml] [--json]\n' +
        'Checks a publiccode.yml against the publiccode.yml standard v0.7 (offline subset of italia/publiccode-parser-go).\n' +
        'Exit codes: 0 valid, 1 invalid, 2 unreadable or not YAML.\n',
    );
    return 0;
  }
  const json = args.includes('--json');
  const unknownFlags = args.filter((a) => a.startsWith('-') && a !== '--json');
  if (unknownFlags.length > 0) {
    process.stderr.write(`unknown option(s): ${unknownFlags.join(' ')} (try --help)\n`);
    return 2;
  }
  const positional = args.filter((a) => !a.startsWith('-'));
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const file = positional[0] ? resolve(positional[0]) : join(repoRoot, 'publiccode.yml');
  const result = checkPubliccodeFile(file);
  const shown = isAbsolute(file) && file.startsWith(process.cwd()) ? relative(process.cwd(), file) || file : file;

  if (json) {
    process.stdout.write(`${JSON.stringify({ ...result, file: shown }, null, 2)}\n`);
  } else {
    const status = !result.readable ? 'UNREADABLE' : result.valid ? 'valid' : 'INVALID';
    const out = result.valid ? process.stdout : process.stderr;
    out.write(`${shown}: ${status} (${result.errors.length} error(s), ${result.warnings.length} warning(s)) — publiccode.yml v0.7\n`);
    for (const e of result.errors) out.write(`${formatIssue('error', e)}\n`);
    for (const w of result.warnings) out.write(`${formatIssue('warning', w)}\n`);
  }
  if (!result.readable) return 2;
  return result.valid ? 0 : 1;
}

const invokedDirectly = (() => {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
})();

if (invokedDirectly) process.exitCode = main(process.argv);
