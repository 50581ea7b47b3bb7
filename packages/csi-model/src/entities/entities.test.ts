// SPDX-License-Identifier: BSD-3-Clause
import { SIUSS_CODE_LISTS, type SiussCodeListKey } from '@riuso-sociale/siuss-schema';
import { describe, expect, it } from 'vitest';
import { CODE_SYSTEMS } from '../codes.js';
import { ENTITY_KINDS, type EntityKind } from '../ids.js';
import { ENTITY_CODE_SYSTEMS, ENTITY_JSON_SCHEMA_DIALECT, ENTITY_SCHEMAS, entityJsonSchema, sinaSchema, sinbaSchema } from './index.js';
import { SAMPLE_IDS, sample, sampleEntities, sampleInput, sampleSina, sampleSinba } from './samples.js';

type Json = Record<string, unknown>;

/** A small validator for the JSON Schema keywords our export uses (enough to cross-check zod). */
function validate(schema: Json, value: unknown, path = ''): string[] {
  const errors: string[] = [];
  const type = schema['type'];
  const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  if (typeof type === 'string') {
    const t = typeOf(value);
    if (!(t === type || (type === 'number' && t === 'integer'))) return [`${path}: type ${t} ≠ ${type}`];
  }
  if ('const' in schema && schema['const'] !== value) errors.push(`${path}: const`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) errors.push(`${path}: enum`);
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) errors.push(`${path}: minLength`);
    if (typeof schema['maxLength'] === 'number' && value.length > schema['maxLength']) errors.push(`${path}: maxLength`);
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) errors.push(`${path}: pattern`);
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) errors.push(`${path}: minimum`);
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) errors.push(`${path}: maximum`);
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) errors.push(`${path}: minItems`);
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) errors.push(`${path}: maxItems`);
    const items = schema['items'];
    if (items !== undefined && typeof items === 'object') value.forEach((v, i) => errors.push(...validate(items as Json, v, `${path}/${i}`)));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const props = (schema['properties'] ?? {}) as Record<string, Json>;
    for (const r of (schema['required'] ?? []) as string[]) if (!(r in value)) errors.push(`${path}: required ${r}`);
    for (const [k, v] of Object.entries(value)) {
      const p = props[k];
      if (p === undefined) {
        if (schema['additionalProperties'] === false) errors.push(`${path}: additional ${k}`);
      } else errors.push(...validate(p, v, `${path}/${k}`));
    }
  }
  return errors;
}

const xsdAttribute = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

describe('entities: samples and the schema registry', () => {
  it('ENTITY_SCHEMAS has a schema for every entity kind, and nothing else', () => {
    expect(Object.keys(ENTITY_SCHEMAS).sort()).toEqual([...ENTITY_KINDS].sort());
  });

  it.each(ENTITY_KINDS.map((k) => [k]))('the sample of %s parses', (kind) => {
    const r = ENTITY_SCHEMAS[kind].safeParse(sampleInput(kind));
    expect(r.error?.issues ?? []).toEqual([]);
    expect(r.success).toBe(true);
  });

  it('sampleEntities() is one coherent case', () => {
    const all = sampleEntities();
    expect(all.erogazione.intervento).toBe(all.intervento.id);
    expect(all.intervento.presaInCarico).toBe(all['presa-in-carico'].id);
    expect(all['presa-in-carico'].cartella).toBe(all.cartella.id);
    expect(all.cartella.persona).toBe(all.persona.id);
    expect(all.assegnazione.operatore).toBe(all.operatore.id);
    expect(all['flusso-siuss'].erogazioni).toEqual([all.erogazione.id]);
    expect(all.persona.codiceFiscale).toBe('RSSMRA80A01H501U');
    expect(all.valutazione.sina?.mobilita).toBe('2');
    expect(all.provvedimento.persona).toBe(SAMPLE_IDS.figlia);
  });

  it('builders return fresh objects; overrides replace, undefined removes', () => {
    const a = sampleInput('persona');
    const b = sampleInput('persona');
    expect(a).not.toBe(b);
    expect(a.history).not.toBe(b.history);
    expect(sample('persona', { nome: 'Luigi' }).nome).toBe('Luigi');
    expect('contatti' in sampleInput('persona', { contatti: undefined })).toBe(false);
    expect(sampleSina({ mobilita: '3' }).mobilita).toBe('3');
    expect(sinbaSchema.safeParse(sampleSinba()).success).toBe(true);
  });

  it('sample() throws a TypeError naming the path when the overrides make it invalid', () => {
    expect(() => sample('cartella', { chiusaIl: '2000-01-01' })).toThrow(/chiusaIl/);
  });

  it('the codice fiscale is normalised (trimmed, upper case) on output', () => {
    expect(sample('persona', { codiceFiscale: ' rssmra80a01h501u ' }).codiceFiscale).toBe('RSSMRA80A01H501U');
  });

  it('the SINBA and SINA sample blocks parse inside a valutazione of the right kind', () => {
    const v = sample('valutazione', { tipo: 'sinba', sina: undefined, sinba: sampleSinba(), strumento: undefined, fonte: undefined });
    expect(v.sinba?.luogoVita).toBe('1');
  });
});

describe('entities: unknown keys', () => {
  it.each(ENTITY_KINDS.map((k) => [k]))('%s rejects an unknown top-level key', (kind) => {
    const r = ENTITY_SCHEMAS[kind].safeParse({ ...sampleInput(kind), campoInventato: 1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it.each([
    ['persona', 'residenza'],
    ['persona', 'contatti'],
    ['nucleo-familiare', 'datiEconomici'],
    ['valutazione', 'sina'],
    ['intervento', 'dsu'],
    ['erogazione', 'ente'],
    ['documento', 'conservazione'],
    ['consenso', 'firmatario'],
    ['flusso-siuss', 'ente'],
  ] as const)('%s rejects an unknown key inside %s', (kind, field) => {
    const input = sampleInput(kind) as Record<string, unknown>;
    const nested = { ...(input[field] as Record<string, unknown>), extra: true };
    const r = ENTITY_SCHEMAS[kind].safeParse({ ...input, [field]: nested });
    expect(r.success).toBe(false);
    const i = r.error?.issues.find((x) => x.code === 'unrecognized_keys');
    expect(i?.path).toEqual([field]);
  });

  it('the message of an unknown key is bilingual and names the key', () => {
    const r = ENTITY_SCHEMAS.persona.safeParse({ ...sampleInput('persona'), campoInventato: 1 });
    const m = r.error?.issues.find((x) => x.code === 'unrecognized_keys')?.message ?? '';
    expect(m).toMatch(/campi non previsti \(campoInventato\) \/ .*unexpected fields \(campoInventato\)/);
  });
});

describe('entities: JSON Schema export', () => {
  it.each(ENTITY_KINDS.map((k) => [k]))('%s: plain JSON, draft 2020-12, strict, lists the required fields, accepts the sample', (kind: EntityKind) => {
    const s = entityJsonSchema(kind);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.$schema).toBe(ENTITY_JSON_SCHEMA_DIALECT);
    expect(s.title).toBe(kind);
    expect(s['type']).toBe('object');
    expect(s['additionalProperties']).toBe(false);
    const schema = ENTITY_SCHEMAS[kind] as unknown as { shape?: Record<string, { safeParse(v: unknown): { success: boolean } }> };
    const required = s['required'] as string[];
    expect(required).toEqual(expect.arrayContaining(['id']));
    if (schema.shape !== undefined) {
      const expected = Object.entries(schema.shape)
        .filter(([, f]) => !f.safeParse(undefined).success)
        .map(([k]) => k);
      expect([...required].sort()).toEqual(expected.sort());
    }
    expect(validate(s as Json, JSON.parse(JSON.stringify(sampleInput(kind))))).toEqual([]);
    expect(entityJsonSchema(kind)).toBe(s); // cached
    expect(Object.isFrozen(s)).toBe(true);
  });

  it('marks identifiers, dates and instants with their format', () => {
    const props = entityJsonSchema('erogazione')['properties'] as Record<string, Json>;
    expect(props['intervento']?.['format']).toBe('uuid');
    expect(props['dal']?.['format']).toBe('date');
    expect(props['createdAt']?.['format']).toBe('date-time');
    const persona = entityJsonSchema('persona')['properties'] as Record<string, Json>;
    expect(persona['sesso']?.['enum']).toEqual(['1', '2']);
  });

  it('rejects through JSON Schema what zod rejects structurally (a missing required field)', () => {
    const { persona: _, ...rest } = sampleInput('cartella');
    expect(validate(entityJsonSchema('cartella') as Json, JSON.parse(JSON.stringify(rest)))).toContain(': required persona');
  });
});

describe('entities: codes come from the XSDs, never invented', () => {
  const SINA = 'Flusso/Beneficiario/PrestazioniSociali/SINA';
  const codes = (key: string): string[] => (SIUSS_CODE_LISTS[key as SiussCodeListKey] ?? []).map((e) => e.code);
  const optionsOf = (field: unknown): string[] | undefined => {
    const f = field as { options?: string[]; unwrap?: () => unknown; element?: unknown };
    if (Array.isArray(f.options)) return f.options;
    if (typeof f.unwrap === 'function') return optionsOf(f.unwrap());
    if (f.element !== undefined) return optionsOf(f.element);
    return undefined;
  };

  it('every coded field of the SINA block has exactly the codes of its XSD enumeration', () => {
    for (const [name, field] of Object.entries(sinaSchema.shape)) {
      if (name === 'necessitaInterventiSociali') continue; // DM 206/2014 codes (findPrestazione)
      const key = name === 'invaliditaCivile' ? `${SINA}/InvaliditaCivile/InvCiv` : `${SINA}@${xsdAttribute(name)}`;
      expect(optionsOf(field), name).toEqual(codes(key));
    }
  });

  it('every coded field of the SINBA block has exactly the codes of its XSD enumeration', () => {
    let checked = 0;
    for (const [name, field] of Object.entries(sinbaSchema.shape)) {
      const options = optionsOf(field);
      if (options === undefined) continue; // dates and ISTAT codes
      const key = name === 'composizioneFamiglia' ? 'Flusso/SINBA/Famiglia/ComposizioneFamiglia' : `Flusso/SINBA@${xsdAttribute(name)}`;
      expect(options, name).toEqual(codes(key));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('the extra code systems copy their XSD list and do not collide with CODE_SYSTEMS', () => {
    for (const [id, system] of Object.entries(ENTITY_CODE_SYSTEMS)) {
      expect(system.id).toBe(id);
      expect(system.codes).toEqual(SIUSS_CODE_LISTS[system.key]);
      expect(Object.hasOwn(CODE_SYSTEMS, id)).toBe(false);
      expect(system.version === 'SINBA' ? system.key.startsWith('Flusso/SINBA') : system.key.startsWith(SINA)).toBe(true);
    }
  });
});
