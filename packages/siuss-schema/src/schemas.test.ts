// SPDX-License-Identifier: BSD-3-Clause
/**
 * zod schemas and JSON Schema export: the INPS samples pass; every kind of facet violation fails
 * with its path; zod agrees with the XSD engine (`validateFlow` / `buildFlow`) on generated valid
 * flows, on the same flows with random defects and on hand-made invalid records; the exported JSON
 * Schema agrees with zod (checked with a small evaluator of the keywords it uses), and its patterns
 * equal the simple-type checks exactly.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { buildFlow } from './build.js';
import { PS_PSA_SINA_ROOT, SINBA_ROOT } from './generated/descriptions.js';
import type { ElementDescription, SimpleTypeDescription } from './internal/description.js';
import { checkSimpleType, isXsdDate } from './internal/simple-types.js';
import type { SiussFlow } from './model.js';
import { parseFlow } from './parse.js';
import { jsonFacets, siussFlowSchema, siussJsonSchemas, siussSchemas, toJsonSchema, type SiussSchemaName } from './schemas.js';
import { siussFlowArbitrary } from './testing/arbitraries.js';
import { validateFlow } from './validate.js';

type Obj = Record<string, unknown>;
type Path = readonly PropertyKey[];

const SAMPLES = ['inps-waas-ps_psa_sina-rossi.xml', 'inps-waas-ps_psa_sina-multi-prestazioni.xml', 'inps-waas-sinba.xml'];

const ENTE = { Codice: '1234', Denominazione: 'Comune di Prova', Indirizzo: 'H501', CFOperatore: 'RSSMRA80A01H501U' };

function psFlow(): Obj {
  return {
    kind: 'PS_PSA_SINA',
    IdentificazioneFlusso: { Nome: 'H501.PS.20240131.0001', Ente: { ...ENTE } },
    Beneficiario: [{
      CodiceFiscale: 'BNCGPP75C41F205X',
      Anagrafica: { Cognome: 'Bianchi', Nome: 'Giuseppina', AnnoNascita: '1975', LuogoNascita: 'F205', Genere: '2', CodiceCittadinanza: '100' },
      Indirizzo: [{ CodiceRegione: '08', CodiceComune: '037006', CodiceNazione: '380' }],
      PrestazioniSociali: [{
        PresenzaProvaMezzi: '1', CodicePrestazione: 'A1.01', DenominazionePrestazione: 'Assistenza domiciliare', ProtocolloDomanda: 'PG/1',
        DataErogazionePrestazione: '2024-01-15', ImportoMensile: '100.50', PeriodoErogazione: '12', PresaCarico: '1',
        SINA: {
          Mobilita: '1', AttivitaVitaQuotidiana: '2', DisturbiComportamentali: '1', AreaReddituale: '1', AreaSupporto: '2',
          FonteDerivazioneValutazione: '1', StrumentoValutazione: '1',
          NecessitaInterventiSociali: { CodicePrestazione: ['A1.02'] }, InvaliditaCivile: { InvCiv: ['1', '5'] },
        },
      }],
    }],
  };
}

function sinbaFlow(): Obj {
  return {
    kind: 'SINBA',
    IdentificazioneFlusso: { Nome: 'H501.SINBA.20240131.0001', Ente: { ...ENTE } },
    SINBA: [{
      IDBeneficiario: 'MIN-1', MinoreStranieroNoAcc: '2', CondizioneMinore: '1', LuogoVita: '1', ScuolaFrequentata: '5', CondizioneLavoro: '1',
      Disabilita: '2', DataPrimaSegnalazione: '01/2023', FonteSegnalazione: '13', ValutazioneMinore: '2', ValutazioneFamigliaMinore: '12',
      SegnalazioneAutoritaGiudiziaria: '2', ProvvedimentoGiudiziario: '2', NumeroComponentiISEE: '4', FasciaEtaBeneficiario: '4',
      AnnoNascita: '2014', CodiceNazioneResidenza: '380', Prestazioni: { CodicePrestazione: ['A1.01'] }, Famiglia: { ComposizioneFamiglia: ['1', '3'] },
    }],
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers: the two verdicts and their paths.

interface ZodVerdict {
  ok: boolean;
  issues: { path: PropertyKey[]; code: string; message: string; params?: Obj }[];
}

function zodVerdict(value: unknown): ZodVerdict {
  const r = siussFlowSchema.safeParse(value);
  return { ok: r.success, issues: r.success ? [] : (r.error.issues as ZodVerdict['issues']) };
}

function engineVerdict(value: unknown): { ok: boolean; errors: ReturnType<typeof validateFlow>['errors'] } {
  const { errors } = validateFlow(value as SiussFlow);
  return { ok: errors.length === 0, errors };
}

function buildAccepts(value: unknown): boolean {
  try {
    buildFlow(value as SiussFlow);
    return true;
  } catch {
    return false;
  }
}

/** Engine path → zod path: attributes lose their `@`. */
const plain = (path: Path): string => JSON.stringify(path.map((p) => (typeof p === 'string' && p.startsWith('@') ? p.slice(1) : p)));

function setAt(root: Obj, path: Path, value: unknown): Obj {
  const copy = structuredClone(root);
  let node: Obj = copy;
  for (const key of path.slice(0, -1)) node = node[key as string] as Obj;
  const last = path[path.length - 1] as string;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy;
}
const DELETE = Symbol('delete');

// ---------------------------------------------------------------------------------------------
// A small evaluator of the JSON Schema keywords the export uses (it fails on any other keyword).

const ANNOTATIONS = new Set(['$schema', '$defs', 'title', 'description']);

function jsonValid(schema: Obj, value: unknown, root: Obj): boolean {
  for (const key of Object.keys(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    const k = schema[key];
    switch (key) {
      case '$ref': {
        const name = (k as string).replace('#/$defs/', '');
        const target = (root.$defs as Record<string, Obj> | undefined)?.[name];
        if (target === undefined) throw new Error(`unresolved ${String(k)}`);
        if (!jsonValid(target, value, root)) return false;
        break;
      }
      case 'type':
        if (k === 'object' && (value === null || typeof value !== 'object' || Array.isArray(value))) return false;
        if (k === 'array' && !Array.isArray(value)) return false;
        if (k === 'string' && typeof value !== 'string') return false;
        if (k !== 'object' && k !== 'array' && k !== 'string') throw new Error(`type ${String(k)}`);
        break;
      case 'const': if (value !== k) return false; break;
      case 'enum': if (!(k as unknown[]).includes(value)) return false; break;
      case 'pattern': if (typeof value === 'string' && !new RegExp(k as string, 'u').test(value)) return false; break;
      case 'minLength': if (typeof value === 'string' && [...value].length < (k as number)) return false; break;
      case 'maxLength': if (typeof value === 'string' && [...value].length > (k as number)) return false; break;
      case 'minItems': if (Array.isArray(value) && value.length < (k as number)) return false; break;
      case 'maxItems': if (Array.isArray(value) && value.length > (k as number)) return false; break;
      case 'items': if (Array.isArray(value) && !value.every((v) => jsonValid(k as Obj, v, root))) return false; break;
      case 'required': if (isObject(value) && !(k as string[]).every((n) => Object.hasOwn(value, n))) return false; break;
      case 'properties':
        if (isObject(value)) {
          for (const [n, s] of Object.entries(k as Record<string, Obj>)) if (Object.hasOwn(value, n) && !jsonValid(s, value[n], root)) return false;
        }
        break;
      case 'additionalProperties':
        if (k !== false) throw new Error('additionalProperties other than false');
        if (isObject(value) && !Object.keys(value).every((n) => Object.hasOwn(schema.properties as Obj, n))) return false;
        break;
      case 'oneOf': if ((k as Obj[]).filter((s) => jsonValid(s, value, root)).length !== 1) return false; break;
      default:
        throw new Error(`keyword ${key} not handled by the test evaluator`);
    }
  }
  return true;
}

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Random defects in a valid flow.

interface Node {
  readonly desc: ElementDescription;
  readonly obj: Obj;
}

function nodesOf(flow: Obj): Node[] {
  const root = flow.kind === 'SINBA' ? SINBA_ROOT : PS_PSA_SINA_ROOT;
  const out: Node[] = [];
  const walk = (desc: ElementDescription, obj: unknown): void => {
    if (!isObject(obj)) return;
    out.push({ desc, obj });
    for (const c of desc.children) {
      if (c.text !== undefined) continue;
      const v = obj[c.name];
      if (Array.isArray(v)) v.forEach((item) => walk(c, item));
      else walk(c, v);
    }
  };
  walk(root, flow);
  return out;
}

/** Values that are wrong (or borderline) for some attribute: lengths, patterns, dates, numbers, XML, types. */
const ODD_VALUES: readonly unknown[] = [
  '', ' ', '1', '01', '0', '-0', '+7', ' 7 ', '9', '10', '12', '13', '2147483648', '-2147483648', '-2147483649', '0012',
  '2020-02-29', '2021-02-29', '1900-02-29', '2000-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-1-01', '0000-01-01',
  '-0001-01-01', '10000-01-01', '010000-01-01', '2024-01-01Z', '2024-01-01+14:00', '2024-01-01+14:01', ' 2024-01-01 ', '2024 -01-01',
  '1.5', '.5', '1.', '+.5', '1,50', '1e3', '- 1', '١٢', 'I', 'C', 'X', 'H501', 'H50', 'H50😀', 'H5011',
  '12345678901', '12345678901     ', '12345678901      ', 'RSSMRA80A01H501U', 'rssmra80a01h501u', 'RSSMRA80A01H501', '١٢٣٤٥٦٧٨٩٠١',
  '12/2020', '13/2020', '12/2120', '1/2020', 'A1.01', 'A1', 'abcdefghijk', 'x'.repeat(20), 'x'.repeat(21), 'x'.repeat(30), 'x'.repeat(31),
  'x'.repeat(32), 'x'.repeat(33), 'x'.repeat(36), 'x'.repeat(37), '😀'.repeat(36), '😀'.repeat(37), 'x'.repeat(50), 'x'.repeat(51),
  'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(200), 'x'.repeat(201), 'a\u0000b', 'a\uFFFEb', '\uD800', 'a\u0007', 'tab\there', 'a\r\nb',
  5, 0, null, true, {}, [], ['1'],
];

interface Mutation {
  readonly target: number;
  readonly op: number;
  readonly which: number;
  readonly value: unknown;
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  op: fc.nat(),
  which: fc.nat(),
  value: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ODD_VALUES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }),
});

/** Applies defects; `valuesOnly` limits them to attribute and simple-content values. */
function mutate(flow: SiussFlow, mutations: readonly Mutation[], valuesOnly: boolean): Obj {
  const copy = structuredClone(flow) as unknown as Obj;
  for (const m of mutations) {
    const nodes = nodesOf(copy);
    const node = nodes[m.target % nodes.length] as Node;
    const { desc, obj } = node;
    const texts = desc.children.filter((c) => c.text !== undefined);
    const structural = ['attribute', 'text', 'delete-attribute', 'unknown', 'delete-child', 'empty', 'overflow', 'shape', 'kind'] as const;
    const op = valuesOnly ? (texts.length > 0 && m.op % 2 === 1 ? 'text' : 'attribute') : structural[m.op % structural.length];
    // Values only: strings (wrong types are covered by the other property).
    const value = valuesOnly && typeof m.value !== 'string' ? JSON.stringify(m.value) : m.value;
    const attr = desc.attributes[m.which % Math.max(1, desc.attributes.length)];
    const child = desc.children[m.which % Math.max(1, desc.children.length)];
    switch (op) {
      case 'attribute':
        if (attr !== undefined) obj[attr.name] = value;
        break;
      case 'text': {
        const c = texts[m.which % Math.max(1, texts.length)];
        const list = c === undefined ? undefined : obj[c.name];
        if (Array.isArray(list) && list.length > 0) list[m.which % list.length] = value;
        break;
      }
      case 'delete-attribute':
        if (attr !== undefined) delete obj[attr.name];
        break;
      case 'unknown':
        obj[m.which % 3 === 0 ? 'kind' : m.which % 3 === 1 ? 'Extra' : (attr?.name ?? 'X').toLowerCase()] = 'x';
        break;
      case 'delete-child':
        if (child !== undefined) delete obj[child.name];
        break;
      case 'empty':
        if (child !== undefined && Array.isArray(obj[child.name])) obj[child.name] = [];
        break;
      case 'overflow': {
        const list = child === undefined ? undefined : obj[child.name];
        if (child !== undefined && Array.isArray(list) && list.length > 0) {
          const max = child.maxOccurs === 'unbounded' ? list.length + 1 : child.maxOccurs + 1;
          while (list.length < max) list.push(structuredClone(list[0]));
        }
        break;
      }
      case 'shape': {
        const v = child === undefined ? undefined : obj[child.name];
        if (child !== undefined && v !== undefined) obj[child.name] = Array.isArray(v) ? v[0] : m.which % 2 === 0 ? [v] : m.value;
        break;
      }
      case 'kind':
        if (m.which % 2 === 0) copy.kind = m.which % 4 === 0 ? 'X' : copy.kind === 'SINBA' ? 'PS_PSA_SINA' : 'SINBA';
        else delete copy.kind;
        break;
    }
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------

describe('siussSchemas', () => {
  it('has one lazily built, cached schema per XSD record, keys in XSD order', () => {
    const names: SiussSchemaName[] = [
      'FlussoPsPsaSina', 'FlussoSinba', 'IdentificazioneFlusso', 'Ente', 'Beneficiario', 'Anagrafica', 'Indirizzo',
      'PrestazioniSociali', 'SINA', 'NecessitaInterventiSociali', 'InvaliditaCivile', 'SINBA', 'Prestazioni', 'Famiglia',
    ];
    expect(Object.keys(siussSchemas)).toEqual(names);
    for (const name of names) expect(typeof Object.getOwnPropertyDescriptor(siussSchemas, name)?.get).toBe('function');
    expect(siussSchemas.Beneficiario).toBe(siussSchemas.Beneficiario);
    // Each record: the XSD attributes then children, in declaration order.
    const walk = (desc: ElementDescription, name: string): void => {
      const shape = (siussSchemas[name as SiussSchemaName] as unknown as { shape: Obj }).shape;
      expect(Object.keys(shape), name).toEqual([...desc.attributes.map((a) => a.name), ...desc.children.map((c) => c.name)]);
      for (const c of desc.children) if (c.text === undefined) walk(c, c.name);
    };
    walk(PS_PSA_SINA_ROOT, 'FlussoPsPsaSina');
    walk(SINBA_ROOT, 'FlussoSinba');
  });

  it('uses one envelope for both flows (identical in the two XSDs)', () => {
    expect(SINBA_ROOT.children[0]).toEqual(PS_PSA_SINA_ROOT.children[0]);
  });

  it('accepts the hand-made flows and returns them unchanged, keys in XSD order', () => {
    for (const flow of [psFlow(), sinbaFlow()]) {
      const r = siussFlowSchema.safeParse(flow);
      expect(r.error?.issues ?? []).toEqual([]);
      expect(r.data).toEqual(flow);
      expect(buildAccepts(flow)).toBe(true);
    }
    const b = siussSchemas.Beneficiario.parse({ PrestazioniSociali: (psFlow().Beneficiario as Obj[])[0]?.PrestazioniSociali, ...((psFlow().Beneficiario as Obj[])[0]) });
    expect(Object.keys(b)).toEqual(['CodiceFiscale', 'Anagrafica', 'Indirizzo', 'PrestazioniSociali']);
  });

  it('counts lengths in code points and reads \\d as any Unicode digit, as XSD does', () => {
    // 'H50😀' is 4 characters (5 UTF-16 units): LuogoNascita has length 4.
    expect(siussSchemas.Anagrafica.safeParse({ ...(psFlow().Beneficiario as Obj[])[0]?.Anagrafica as Obj, LuogoNascita: 'H50😀' }).success).toBe(true);
    expect(siussSchemas.Anagrafica.safeParse({ ...(psFlow().Beneficiario as Obj[])[0]?.Anagrafica as Obj, Cognome: '😀'.repeat(36) }).success).toBe(true);
    // Arabic-Indic digits are \d (\p{Nd}) in the codice fiscale pattern, but not [0-9].
    expect(siussSchemas.Ente.safeParse({ ...ENTE, CFOperatore: '١٢٣٤٥٦٧٨٩٠١' }).success).toBe(true);
    expect(siussSchemas.Indirizzo.safeParse({ CodiceNazione: '٣٨٠' }).success).toBe(false);
    for (const f of [psFlow(), sinbaFlow()]) {
      const odd = setAt(f, ['IdentificazioneFlusso', 'Ente', 'CFOperatore'], '١٢٣٤٥٦٧٨٩٠١');
      expect(zodVerdict(odd).ok).toBe(true);
      expect(engineVerdict(odd).ok).toBe(true);
    }
  });

  it('keeps values as written; white space is judged as the validator does', () => {
    const path = ['Beneficiario', 0, 'PrestazioniSociali', 0];
    const flow = setAt(setAt(psFlow(), [...path, 'ImportoMensile'], ' +100.50\n'), [...path, 'PeriodoErogazione'], '+012');
    const r = siussFlowSchema.parse(flow) as unknown as Obj;
    expect(r).toEqual(flow);
    expect(engineVerdict(flow).ok).toBe(true);
    // Like libxml2, the validator refuses white space around xs:date and xs:int; so does zod.
    for (const [attr, value] of [['DataEvento', ' 2024-02-29'], ['PeriodoErogazione', '12 ']] as const) {
      const odd = setAt(psFlow(), [...path, attr], value);
      expect(zodVerdict(odd).ok).toBe(engineVerdict(odd).ok);
    }
  });});

describe.skipIf(sharedDir() === null)('INPS samples', () => {
  it.each(SAMPLES)('%s passes the flow schema and each record schema', (name) => {
    const flow = parseFlow(readFileSync(sharedFile('data', 'siuss', 'samples', name)));
    const r = siussFlowSchema.safeParse(flow);
    expect(r.error?.issues ?? []).toEqual([]);
    expect(r.data).toEqual(flow);
    const records = flow.kind === 'SINBA' ? flow.SINBA : flow.Beneficiario;
    const schema = flow.kind === 'SINBA' ? siussSchemas.SINBA : siussSchemas.Beneficiario;
    for (const rec of records) expect(schema.safeParse(rec).success).toBe(true);
    expect(siussSchemas.IdentificazioneFlusso.safeParse(flow.IdentificazioneFlusso).success).toBe(true);
    const { kind, ...root } = flow;
    expect((kind === 'SINBA' ? siussSchemas.FlussoSinba : siussSchemas.FlussoPsPsaSina).safeParse(root).success).toBe(true);
    expect(jsonValid(toJsonSchema('SiussFlow') as Obj, JSON.parse(JSON.stringify(flow)), toJsonSchema('SiussFlow') as Obj)).toBe(true);
  });
});

describe('facet violations', () => {
  const B = ['Beneficiario', 0];
  const P = [...B, 'PrestazioniSociali', 0];
  const S = ['SINBA', 0];
  // [what, flow, path, value (DELETE to remove), zod issue code, our params.code (value checks)]
  const cases: [string, () => Obj, Path, unknown, string, string | null][] = [
    ['maxLength', psFlow, ['IdentificazioneFlusso', 'Nome'], 'x'.repeat(51), 'custom', 'siuss.xsd.max_length'],
    ['maxLength in code points', psFlow, [...B, 'Anagrafica', 'Cognome'], '😀'.repeat(37), 'custom', 'siuss.xsd.max_length'],
    ['minLength', psFlow, ['IdentificazioneFlusso', 'Ente', 'Codice'], '', 'custom', 'siuss.xsd.min_length'],
    ['minLength (4..4)', sinbaFlow, ['IdentificazioneFlusso', 'Ente', 'Indirizzo'], 'H50', 'custom', 'siuss.xsd.min_length'],
    ['length', psFlow, [...B, 'Anagrafica', 'LuogoNascita'], 'H5011', 'custom', 'siuss.xsd.length'],
    ['pattern (codice fiscale)', psFlow, [...B, 'CodiceFiscale'], 'RSSMRA80A01H501', 'custom', 'siuss.xsd.pattern'],
    ['pattern (numeric + 6 spaces)', psFlow, [...B, 'CodiceFiscale'], '12345678901      ', 'custom', 'siuss.xsd.pattern'],
    ['pattern ([0-9]{3})', psFlow, [...B, 'Indirizzo', 0, 'CodiceNazione'], '38', 'custom', 'siuss.xsd.pattern'],
    ['pattern (MM/YYYY)', sinbaFlow, [...S, 'DataPrimaSegnalazione'], '13/2023', 'custom', 'siuss.xsd.pattern'],
    ['enumeration', psFlow, [...B, 'Anagrafica', 'Genere'], '3', 'invalid_value', null],
    ['enumeration (repeated element)', sinbaFlow, [...S, 'Famiglia', 'ComposizioneFamiglia', 1], '7', 'invalid_value', null],
    ['enumeration (SINA)', psFlow, [...P, 'SINA', 'Mobilita'], ' 1', 'invalid_value', null],
    ['xs:date calendar', psFlow, [...P, 'DataErogazionePrestazione'], '2023-02-29', 'custom', 'siuss.xsd.date'],
    ['xs:date format', psFlow, [...P, 'DataErogazionePrestazione'], '15/01/2024', 'custom', 'siuss.xsd.date'],
    ['xs:decimal', psFlow, [...P, 'ImportoMensile'], '100,50', 'custom', 'siuss.xsd.decimal'],
    ['xs:int', psFlow, [...P, 'PeriodoErogazione'], '1.0', 'custom', 'siuss.xsd.int'],
    ['maxInclusive', psFlow, [...P, 'PeriodoErogazione'], '13', 'custom', 'siuss.xsd.max_inclusive'],
    ['minInclusive', psFlow, [...P, 'PeriodoErogazione'], '0', 'custom', 'siuss.xsd.min_inclusive'],
    ['maxInclusive (SINBA)', sinbaFlow, [...S, 'NumeroComponentiISEE'], '10', 'custom', 'siuss.xsd.max_inclusive'],
    ['text content length', sinbaFlow, [...S, 'Prestazioni', 'CodicePrestazione', 0], 'A1', 'custom', 'siuss.xsd.min_length'],
    ['text content length (SINA)', psFlow, [...P, 'SINA', 'NecessitaInterventiSociali', 'CodicePrestazione', 0], 'A1.01.02.03.04', 'custom', 'siuss.xsd.max_length'],
    ['XML character', psFlow, [...P, 'DenominazionePrestazione'], 'Assistenza\u0000domiciliare', 'custom', 'siuss.model.char'],
    ['lone surrogate', sinbaFlow, [...S, 'IDBeneficiario'], 'ab\uD800', 'custom', 'siuss.model.char'],
    ['required attribute', psFlow, [...B, 'Anagrafica', 'Nome'], DELETE, 'invalid_type', null],
    ['required attribute (SINBA)', sinbaFlow, [...S, 'FasciaEtaBeneficiario'], DELETE, 'invalid_value', null],
    ['required element', psFlow, [...B, 'Anagrafica'], DELETE, 'invalid_type', null],
    ['required element (SINBA)', sinbaFlow, [...S, 'Famiglia'], DELETE, 'invalid_type', null],
    ['minOccurs', psFlow, [...B, 'PrestazioniSociali'], [], 'too_small', null],
    ['minOccurs (simple content)', psFlow, [...P, 'SINA', 'InvaliditaCivile', 'InvCiv'], [], 'too_small', null],
    ['minOccurs (records)', sinbaFlow, ['SINBA'], [], 'too_small', null],
    ['maxOccurs', psFlow, [...B, 'Indirizzo'], Array.from({ length: 6 }, () => ({ CodiceNazione: '380' })), 'too_big', null],
    ['not a string', psFlow, [...P, 'ImportoMensile'], 100.5, 'invalid_type', null],
    ['not an object', psFlow, [...B, 'Anagrafica'], 'Bianchi', 'invalid_type', null],
    ['not a list', psFlow, [...B, 'Indirizzo'], { CodiceNazione: '380' }, 'invalid_type', null],
    ['a list for one element', psFlow, [...P, 'SINA'], [{}], 'invalid_type', null],
    ['unknown attribute', psFlow, [...B, 'Anagrafica', 'Sesso'], 'F', 'unrecognized_keys', null],
    ['unknown element', sinbaFlow, [...S, 'Scuola'], {}, 'unrecognized_keys', null],
    ['kind inside a record', sinbaFlow, [...S, 'kind'], 'SINBA', 'unrecognized_keys', null],
    ['wrong kind (then SINBA is missing)', psFlow, ['kind'], 'SINBA', 'invalid_type', null],
    ['unknown kind', psFlow, ['kind'], 'PS', 'invalid_union', null],
  ];

  it.each(cases)('%s fails in zod and in the XSD engine, at the same place', (_what, make, path, value, zodCode, ourCode) => {
    const flow = setAt(make(), path, value);
    const z = zodVerdict(flow);
    const e = engineVerdict(flow);
    expect(z.ok).toBe(false);
    expect(e.ok).toBe(false);
    expect(buildAccepts(flow)).toBe(false);
    const issue = z.issues.find((i) => i.code === zodCode);
    expect(issue, JSON.stringify(z.issues)).toBeDefined();
    if (issue === undefined) return;
    // Italian messages, from our checks (not zod's English defaults).
    expect(issue.message).not.toMatch(/\bInvalid (input|option)|expected |Too (small|big)|Unrecognized/);
    if (ourCode !== null) {
      expect(issue.params?.code).toBe(ourCode);
      expect(issue.params?.messageEn).toEqual(expect.any(String));
      expect(issue.path).toEqual(path);
      // The engine reports the same code at the same place.
      expect(e.errors.map((i) => `${i.code} ${plain(i.path)}`)).toContain(`${ourCode} ${plain(path)}`);
    } else if (zodCode === 'unrecognized_keys') {
      expect(issue.path).toEqual(path.slice(0, -1));
    } else if (zodCode === 'invalid_union') {
      expect(issue.path).toEqual(['kind']);
    } else if (path[0] === 'kind') {
      expect(issue.path).toEqual(['SINBA']);
    } else {
      expect(issue.path).toEqual(path);
    }
  });

  it('never quotes names or whole codici fiscali', () => {
    const flow = setAt(setAt(psFlow(), ['Beneficiario', 0, 'CodiceFiscale'], 'BNCGPP75C41F205'), ['Beneficiario', 0, 'Anagrafica', 'Cognome'], 'Bianchissimi'.repeat(4));
    const z = zodVerdict(flow);
    expect(z.issues).toHaveLength(2);
    for (const i of z.issues) {
      expect(i.message).not.toContain('BNCGPP75C41F205');
      expect(i.message).not.toContain('Bianchissimi');
      expect(JSON.stringify(i.params)).not.toMatch(/BNCGPP75C41F205|Bianchissimi/);
    }
    expect(z.issues.map((i) => i.message)).toEqual([
      'Beneficiario@CodiceFiscale: valore non conforme al formato ([A-Za-z]{6}\\d{2}[A-Za-z]\\d{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z])|(\\d{11} {0,5})',
      'Anagrafica@Cognome: lunghezza 48, massimo 36',
    ]);
  });

  it('quotes codes and numbers, and gives English in params', () => {
    const r = siussSchemas.Indirizzo.safeParse({ CodiceNazione: '380', CodiceRegione: '8' });
    expect(r.error?.issues[0]).toMatchObject({
      path: ['CodiceRegione'],
      message: 'Indirizzo@CodiceRegione: valore non conforme al formato ([0-9]{2})',
      params: { code: 'siuss.xsd.pattern', messageEn: 'Indirizzo@CodiceRegione: value does not match ([0-9]{2})', pattern: '([0-9]{2})' },
    });
    const g = siussSchemas.Anagrafica.safeParse({});
    expect(g.error?.issues.map((i) => i.message)).toContain("Manca l'attributo obbligatorio Anagrafica@Cognome");
    const p = siussSchemas.PrestazioniSociali.safeParse({ PeriodoErogazione: '13' });
    expect(p.error?.issues.find((i) => i.path[0] === 'PeriodoErogazione')?.message).toBe('PrestazioniSociali@PeriodoErogazione: valore «13» sopra il massimo 12');
  });
});

describe('agreement with the XSD engine', () => {
  it('accepts every generated valid flow, unchanged', () => {
    fc.assert(fc.property(siussFlowArbitrary({ lexicalVariants: true, maxRecords: 2, maxRepeat: 2 }), (flow) => {
      const r = siussFlowSchema.safeParse(flow);
      expect(r.error?.issues ?? []).toEqual([]);
      expect(r.data).toEqual(flow);
      expect(parseFlow(buildFlow(flow))).toEqual(r.data);
    }), { numRuns: 60 });
  });

  it('rejects a flow with random defects exactly when validateFlow and buildFlow do', () => {
    const flowSchemaJson = toJsonSchema('SiussFlow') as Obj;
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(fc.property(siussFlowArbitrary({ lexicalVariants: true, maxRecords: 2, maxRepeat: 2 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), (flow, mutations) => {
      const bad = mutate(flow, mutations, false);
      const z = zodVerdict(bad);
      const e = engineVerdict(bad);
      expect(z.ok, JSON.stringify({ zod: z.issues, engine: e.errors.map((i) => i.message) })).toBe(e.ok);
      expect(buildAccepts(bad)).toBe(z.ok);
      expect(jsonValid(flowSchemaJson, bad, flowSchemaJson)).toBe(z.ok);
      seen[z.ok ? 'accepted' : 'rejected']++;
    }), { numRuns: 400 });
    // Both verdicts occur (some defects are harmless: an optional attribute removed, a valid value).
    expect(seen.accepted).toBeGreaterThan(20);
    expect(seen.rejected).toBeGreaterThan(200);
  });

  it('reports bad values at the same paths, with the same codes, as the engine', () => {
    fc.assert(fc.property(siussFlowArbitrary({ maxRecords: 2, maxRepeat: 2 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), (flow, mutations) => {
      const bad = mutate(flow, mutations, true);
      const z = zodVerdict(bad);
      const e = engineVerdict(bad);
      const zodPaths = z.issues.map((i) => JSON.stringify(i.path)).sort();
      // A character XML cannot carry: the engine stops reading there (fatal siuss.xml.char at the
      // root), so only the siuss.model.char findings can be compared.
      const fatal = e.errors.some((i) => i.code.startsWith('siuss.xml.'));
      const engineChars = e.errors.filter((i) => i.code === 'siuss.model.char').map((i) => plain(i.path));
      if (fatal) {
        // Every character finding of the engine is a zod finding (an enumeration reports it as a
        // wrong code), and every zod character finding is one of the engine's.
        for (const p of engineChars) expect(zodPaths).toContain(p);
        for (const i of z.issues) if (i.params?.code === 'siuss.model.char') expect(engineChars).toContain(JSON.stringify(i.path));
        return;
      }
      // A value of the wrong type is left out of the XML that validateFlow reads, so the positions of
      // its later siblings shift (and a missing element may be reported one level up): compare
      // only the wrong-type findings then.
      const typed = e.errors.filter((i) => i.code === 'siuss.model.type').map((i) => plain(i.path));
      if (typed.length > 0) {
        for (const p of typed) expect(zodPaths).toContain(p);
        return;
      }
      expect(zodPaths, JSON.stringify({ zod: z.issues, engine: e.errors })).toEqual(e.errors.map((i) => plain(i.path)).sort());
      for (const i of z.issues) {
        if (i.code !== 'custom') continue;
        const match = e.errors.find((x) => plain(x.path) === JSON.stringify(i.path));
        expect(match?.code).toBe(i.params?.code);
      }
    }), { numRuns: 300 });
  });
});

describe('JSON Schema export', () => {
  const all = siussJsonSchemas();
  const patterns = (node: unknown, out: string[] = []): string[] => {
    if (Array.isArray(node)) node.forEach((n) => patterns(n, out));
    else if (isObject(node)) for (const [k, v] of Object.entries(node)) if (k === 'pattern') out.push(v as string); else patterns(v, out);
    return out;
  };

  it('exports every record, both roots and the flow as draft 2020-12, records in $defs by XSD name', () => {
    expect(Object.keys(all)).toEqual([...Object.keys(siussSchemas), 'SiussFlow']);
    expect(siussJsonSchemas()).toEqual(all);
    expect(() => toJsonSchema('Flusso' as SiussSchemaName)).toThrow(RangeError);
    for (const [name, schema] of Object.entries(all)) {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.title).toBe(name);
      if (name !== 'SiussFlow') {
        expect(schema.type).toBe('object');
        expect(schema.additionalProperties).toBe(false);
        expect(schema.$ref).toBeUndefined();
      }
    }
    expect(Object.keys(all.FlussoPsPsaSina.$defs ?? {}).sort()).toEqual(
      ['Anagrafica', 'Beneficiario', 'Ente', 'IdentificazioneFlusso', 'Indirizzo', 'InvaliditaCivile', 'NecessitaInterventiSociali', 'PrestazioniSociali', 'SINA'],
    );
    expect(Object.keys(all.FlussoSinba.$defs ?? {}).sort()).toEqual(['Ente', 'Famiglia', 'IdentificazioneFlusso', 'Prestazioni', 'SINBA']);
    expect(all.Indirizzo.$defs).toBeUndefined();
    const flow = all.SiussFlow as Obj;
    expect((flow.oneOf as Obj[]).map((o) => (o.properties as Record<string, Obj>).kind)).toEqual([
      { type: 'string', const: 'PS_PSA_SINA' }, { type: 'string', const: 'SINBA' },
    ]);
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
  });

  it('carries required, occurrences, lengths, enumerations with labels', () => {
    const b = all.Beneficiario as Obj;
    expect(b.required).toEqual(['CodiceFiscale', 'Anagrafica', 'Indirizzo', 'PrestazioniSociali']);
    expect((b.properties as Obj).Indirizzo).toMatchObject({ type: 'array', minItems: 1, maxItems: 5 });
    expect((b.properties as Obj).PrestazioniSociali).toMatchObject({ type: 'array', minItems: 1 });
    expect(((b.properties as Obj).PrestazioniSociali as Obj).maxItems).toBeUndefined();
    const a = (b.$defs as Record<string, Obj>).Anagrafica?.properties as Record<string, Obj>;
    expect(a.Genere).toEqual({ type: 'string', enum: ['1', '2'], description: '1 = Maschio; 2 = Femmina' });
    expect(a.LuogoNascita).toMatchObject({ minLength: 4, maxLength: 4 });
    expect(a.Cognome).toMatchObject({ minLength: 1, maxLength: 36 });
    const p = (all.PrestazioniSociali.properties ?? {}) as Record<string, Obj>;
    expect(p.PeriodoErogazione?.description).toBe('xs:int (1–12)');
    expect(p.DataDSU?.description).toBe('xs:date');
    expect(p.SINA).toEqual({ $ref: '#/$defs/SINA' });
    expect((all.PrestazioniSociali.required ?? [])).not.toContain('SINA');
    const f = (all.Famiglia.properties as Record<string, Obj>).ComposizioneFamiglia;
    expect(f).toMatchObject({ type: 'array', minItems: 1, items: { type: 'string', enum: ['1', '2', '3', '4', '5', '6'] } });
  });

  it('has patterns that compile as ECMA-262 with the u flag (and need it)', () => {
    const list = patterns(all);
    expect(list.length).toBeGreaterThan(50);
    for (const p of new Set(list)) {
      expect(() => new RegExp(p, 'u'), p).not.toThrow();
      expect(p.startsWith('^') && p.endsWith('$'), p).toBe(true);
    }
    const cf = ((all.Beneficiario.properties as Record<string, Obj>).CodiceFiscale as Obj).pattern as string;
    expect(cf).toContain('\\p{Nd}');
    expect(new RegExp(cf, 'u').test('١٢٣٤٥٦٧٨٩٠١')).toBe(true);
    expect(new RegExp(cf, 'u').test('RSSMRA80A01H501')).toBe(false);
  });

  it('matches checkSimpleType exactly for xs:date', () => {
    const re = new RegExp(jsonFacets({ base: 'date' }).pattern as string, 'u');
    const years = ['0000', '0001', '0004', '0100', '0400', '0800', '1600', '1900', '1996', '2000', '2023', '2024', '2100', '2400', '9996', '9999',
      '10000', '10004', '10100', '10400', '12000', '99999', '010000', '00001', '-0001', '-0004', '-0000', '-2000', '-1900', '123456', '0', '123'];
    const zones = ['', 'Z', '+00:00', '-13:59', '+14:00', '-14:00', '+14:01', '+15:00', '+01:60', '+1:00', 'z', '+0100'];
    let checked = 0;
    for (const y of years) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const base = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          for (const v of [base, `${base}Z`, ` ${base}\t`, `${base} `, `${y}-${m}-${d}`]) {
            expect(re.test(v), v).toBe(isXsdDate(v));
            checked++;
          }
        }
      }
      for (const z of zones) {
        for (const v of [`${y}-02-29${z}`, `${y}-12-31${z}`, `\n${y}-01-01${z} `]) expect(re.test(v), v).toBe(isXsdDate(v));
      }
    }
    expect(checked).toBeGreaterThan(70_000);
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789-+:Z T\t'), maxLength: 16 }), (v) => re.test(v) === isXsdDate(v)), { numRuns: 3000 });
  });

  it('matches checkSimpleType exactly for xs:int with and without bounds', () => {
    const bounds: [number | undefined, number | undefined][] = [
      [1, 12], [undefined, 9], [undefined, undefined], [-5, 5], [-100, -3], [0, 0], [7, 7], [100, 2000], [-2147483648, 2147483647], [5, undefined], [3, 1], [-3, -5], [-9, -1],
    ];
    const values: string[] = [];
    for (let n = -2100; n <= 2100; n++) values.push(String(n));
    values.push('+0', '-0', '-00', '+007', '007', '-007', ' 12 ', '\t\n3\r', '1 2', '', '+', '-', '1.0', '١', '0x1', '1e1', '+-1',
      '2147483647', '2147483648', '-2147483648', '-2147483649', '002147483647', '-0002147483648', '99999999999', '-99999999999');
    for (const [minInclusive, maxInclusive] of bounds) {
      const type: SimpleTypeDescription = { base: 'int', ...(minInclusive === undefined ? {} : { minInclusive }), ...(maxInclusive === undefined ? {} : { maxInclusive }) };
      const re = new RegExp(jsonFacets(type).pattern as string, 'u');
      for (const v of values) expect(re.test(v), `${v} in ${minInclusive}..${maxInclusive}`).toBe(checkSimpleType(v, type) === null);
      fc.assert(fc.property(fc.integer({ min: -2147483648 - 10, max: 2147483647 + 10 }), fc.constantFrom('', '+', '0', ' '), (n, prefix) => {
        const v = n >= 0 || prefix === ' ' ? `${prefix}${n}` : String(n);
        return re.test(v) === (checkSimpleType(v, type) === null);
      }), { numRuns: 500 });
    }
  });

  it('matches checkSimpleType exactly for xs:decimal and plain strings', () => {
    const dec = new RegExp(jsonFacets({ base: 'decimal' }).pattern as string, 'u');
    const decimals = ['1', '+1', '-1.', '.5', '-.5', '1.50', ' 1.5\n', '1 .5', '.', '', '+', '1,5', '1e3', '١', '00.00', '+.', '0.', '000'];
    for (let n = 20; n <= 27; n++) {
      const digits = '1234567890'.repeat(3).slice(0, n);
      for (let dot = 0; dot <= n; dot++) {
        const v = `${digits.slice(0, dot)}.${digits.slice(dot)}`;
        decimals.push(digits, v, `-000${v}`, `+0${v}`, ` 0000${v}0 `, `${v}000`);
      }
    }
    for (const v of decimals) expect(dec.test(v), v).toBe(checkSimpleType(v, { base: 'decimal' }) === null);
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0000123456789.+- '), maxLength: 32 }), (v) => dec.test(v) === (checkSimpleType(v, { base: 'decimal' }) === null)), { numRuns: 3000 });
    const str = new RegExp(jsonFacets({ base: 'string', maxLength: 5 }).pattern as string, 'u');
    for (const v of ['abc', '\t\n\r', '😀', '\u0000', '\u0008', '\uD800', '\uDC00x', '\uFFFE', '\uFFFF', '\uFFFD', '\u{10FFFF}', '\u0085']) {
      expect(str.test(v), JSON.stringify(v)).toBe(siussSchemas.Ente.safeParse({ ...ENTE, Denominazione: v }).success || [...v].length < 1);
    }
  });

  it('agrees with zod on every record schema for generated values', () => {
    // Each record schema on its own (not just through the flow).
    fc.assert(fc.property(siussFlowArbitrary({ maxRecords: 1, maxRepeat: 2 }), fc.array(mutationArbitrary, { maxLength: 2 }), (flow, mutations) => {
      const bad = mutate(flow, mutations, false);
      const records = (bad.kind === 'SINBA' ? bad.SINBA : bad.Beneficiario) as unknown;
      const name: SiussSchemaName = flow.kind === 'SINBA' ? 'SINBA' : 'Beneficiario';
      for (const record of Array.isArray(records) ? records : [records]) {
        const json = all[name] as Obj;
        expect(jsonValid(json, record, json)).toBe(siussSchemas[name].safeParse(record).success);
      }
    }), { numRuns: 150 });
  });
});
