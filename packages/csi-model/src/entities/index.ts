// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every entity schema by kind (`ENTITY_SCHEMAS`), their types, and their JSON Schema
 * (`entityJsonSchema`, draft 2020-12, the input shape: what a client sends).
 * @module
 */
import type { z } from 'zod';
import { toJSONSchema } from 'zod';
import { auditEventSchema, type AuditEvent } from '../audit.js';
import { dateSchema, instantSchema } from '../base.js';
import { isUuid, type EntityKind } from '../ids.js';
import { accessoSchema } from './accesso.js';
import { appuntamentoSchema } from './appuntamento.js';
import { assegnazioneSchema } from './assegnazione.js';
import { cartellaSchema } from './cartella.js';
import { consensoSchema } from './consenso.js';
import { diarioSchema } from './diario.js';
import { documentoSchema } from './documento.js';
import { enteSchema } from './ente.js';
import { erogazioneSchema } from './erogazione.js';
import { flussoSiussSchema } from './flusso-siuss.js';
import { interventoSchema } from './intervento.js';
import { nucleoFamiliareSchema } from './nucleo-familiare.js';
import { obiettivoSchema } from './obiettivo.js';
import { operatoreSchema } from './operatore.js';
import { personaSchema } from './persona.js';
import { presaInCaricoSchema } from './presa-in-carico.js';
import { progettoSchema } from './progetto.js';
import { provvedimentoSchema } from './provvedimento.js';
import { reteSocialeSchema } from './rete-sociale.js';
import { servizioSchema } from './servizio.js';
import { valutazioneSchema } from './valutazione.js';

export { accessoSchema, type Accesso } from './accesso.js';
export { appuntamentoSchema, type Appuntamento } from './appuntamento.js';
export { assegnazioneSchema, type Assegnazione } from './assegnazione.js';
export { cartellaSchema, type Cartella } from './cartella.js';
export { ENTITY_CODE_SYSTEMS, type EntityCodeSystemId, type XsdCodeSystem } from './common.js';
export { consensoSchema, type Consenso } from './consenso.js';
export { diarioSchema, type Diario } from './diario.js';
export { documentoSchema, type Documento } from './documento.js';
export { enteSchema, type Ente } from './ente.js';
export { erogazioneSchema, type Erogazione } from './erogazione.js';
export { flussoSiussSchema, type FlussoSiuss } from './flusso-siuss.js';
export { interventoSchema, type Intervento } from './intervento.js';
export { nucleoFamiliareSchema, type ComponenteNucleo, type NucleoFamiliare } from './nucleo-familiare.js';
export { obiettivoSchema, type Obiettivo } from './obiettivo.js';
export { operatoreSchema, type Operatore } from './operatore.js';
export { personaSchema, type Persona } from './persona.js';
export { presaInCaricoSchema, type PresaInCarico } from './presa-in-carico.js';
export { progettoSchema, type Progetto } from './progetto.js';
export { provvedimentoSchema, type Provvedimento } from './provvedimento.js';
export { reteSocialeSchema, type ReteSociale } from './rete-sociale.js';
export { servizioSchema, type Servizio } from './servizio.js';
export { sinaSchema, sinbaSchema, valutazioneSchema, type Sina, type Sinba, type Valutazione } from './valutazione.js';

/**
 * The zod schema of every entity kind (`audit-event` → `auditEventSchema`).
 *
 * @example
 * ```ts
 * import { ENTITY_SCHEMAS } from '@riuso-sociale/csi-model';
 * const r = ENTITY_SCHEMAS['presa-in-carico'].safeParse(input);
 * if (!r.success) console.log(r.error.issues.map((i) => i.path.join('.')));
 * ```
 */
export const ENTITY_SCHEMAS = {
  /** `persona` → `personaSchema`. */
  persona: personaSchema,
  /** `nucleo-familiare` → `nucleoFamiliareSchema`. */
  'nucleo-familiare': nucleoFamiliareSchema,
  /** `rete-sociale` → `reteSocialeSchema`. */
  'rete-sociale': reteSocialeSchema,
  /** `cartella` → `cartellaSchema`. */
  cartella: cartellaSchema,
  /** `accesso` → `accessoSchema`. */
  accesso: accessoSchema,
  /** `presa-in-carico` → `presaInCaricoSchema`. */
  'presa-in-carico': presaInCaricoSchema,
  /** `valutazione` → `valutazioneSchema`. */
  valutazione: valutazioneSchema,
  /** `progetto` → `progettoSchema`. */
  progetto: progettoSchema,
  /** `obiettivo` → `obiettivoSchema`. */
  obiettivo: obiettivoSchema,
  /** `intervento` → `interventoSchema`. */
  intervento: interventoSchema,
  /** `erogazione` → `erogazioneSchema`. */
  erogazione: erogazioneSchema,
  /** `diario` → `diarioSchema`. */
  diario: diarioSchema,
  /** `documento` → `documentoSchema`. */
  documento: documentoSchema,
  /** `provvedimento` → `provvedimentoSchema`. */
  provvedimento: provvedimentoSchema,
  /** `consenso` → `consensoSchema`. */
  consenso: consensoSchema,
  /** `operatore` → `operatoreSchema`. */
  operatore: operatoreSchema,
  /** `assegnazione` → `assegnazioneSchema`. */
  assegnazione: assegnazioneSchema,
  /** `ente` → `enteSchema`. */
  ente: enteSchema,
  /** `servizio` → `servizioSchema`. */
  servizio: servizioSchema,
  /** `audit-event` → `auditEventSchema`. */
  'audit-event': auditEventSchema,
  /** `flusso-siuss` → `flussoSiussSchema`. */
  'flusso-siuss': flussoSiussSchema,
  /** `appuntamento` → `appuntamentoSchema`. */
  appuntamento: appuntamentoSchema,
} as const satisfies { readonly [K in EntityKind]: z.ZodType };

/**
 * The entity of kind `K` (what its schema outputs: branded identifiers, upper-case codice fiscale).
 *
 * @example
 * ```ts
 * import type { EntityOf } from '@riuso-sociale/csi-model';
 * type P = EntityOf<'persona'>['cognome']; // string
 * ```
 */
export type EntityOf<K extends EntityKind> = K extends 'audit-event' ? AuditEvent : z.output<(typeof ENTITY_SCHEMAS)[K]>;

/**
 * What the schema of kind `K` accepts (plain strings for identifiers and dates).
 *
 * @example
 * ```ts
 * import type { EntityInput } from '@riuso-sociale/csi-model';
 * type I = EntityInput<'persona'>['dataNascita']; // string
 * ```
 */
export type EntityInput<K extends EntityKind> = K extends 'audit-event' ? AuditEvent : z.input<(typeof ENTITY_SCHEMAS)[K]>;

/**
 * The JSON Schema dialect of {@link entityJsonSchema}.
 *
 * @example
 * ```ts
 * import { ENTITY_JSON_SCHEMA_DIALECT, entityJsonSchema } from '@riuso-sociale/csi-model';
 * entityJsonSchema('persona').$schema === ENTITY_JSON_SCHEMA_DIALECT; // true
 * ```
 */
export const ENTITY_JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** A JSON Schema document (draft 2020-12), as a plain JSON object. */
export type EntityJsonSchema = Readonly<Record<string, unknown>> & {
  /** The dialect, {@link ENTITY_JSON_SCHEMA_DIALECT}. */
  readonly $schema: string;
  /** The entity kind. */
  readonly title: string;
};

/** `true` when a zod schema carries the UUID check of `idSchema`. */
function isIdSchema(schema: unknown): boolean {
  const checks = (schema as { _zod?: { def?: { checks?: readonly { _zod?: { def?: { fn?: unknown } } }[] } } })._zod?.def?.checks;
  return Array.isArray(checks) && checks.some((c) => c?._zod?.def?.fn === isUuid);
}

const cache = new Map<EntityKind, EntityJsonSchema>();

/**
 * The JSON Schema (draft 2020-12) of the input of an entity kind: types, required fields, enumerations,
 * lengths and patterns, `additionalProperties: false`. Identifiers are marked `format: uuid`, dates
 * `format: date`, instants `format: date-time`. Cross-field rules (periods, states, codes) and the
 * check character of a codice fiscale are not expressible in JSON Schema: validate with
 * {@link ENTITY_SCHEMAS} for the full check. The result is cached and frozen; it is plain JSON.
 *
 * @example
 * ```ts
 * import { entityJsonSchema } from '@riuso-sociale/csi-model';
 * const s = entityJsonSchema('cartella');
 * (s.required as string[]).includes('persona'); // true
 * ```
 */
export function entityJsonSchema(kind: EntityKind): EntityJsonSchema {
  const cached = cache.get(kind);
  if (cached !== undefined) return cached;
  const schema = ENTITY_SCHEMAS[kind] as z.ZodType;
  const json = toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if ((zodSchema as unknown) === dateSchema) Object.assign(jsonSchema, { format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
      else if ((zodSchema as unknown) === instantSchema) Object.assign(jsonSchema, { format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' });
      else if (isIdSchema(zodSchema)) Object.assign(jsonSchema, { format: 'uuid' });
    },
  }) as Record<string, unknown>;
  const result = deepFreeze({ ...json, $schema: ENTITY_JSON_SCHEMA_DIALECT, title: kind }) as EntityJsonSchema;
  cache.set(kind, result);
  return result;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
