// SPDX-License-Identifier: BSD-3-Clause
/**
 * Branded identifiers: a `CartellaId` is not a `PersonaId`, so passing one for the other fails to
 * compile. Identifiers are UUIDs (RFC 9562, lower case) made with `crypto.randomUUID()`.
 * @module
 */
import { z } from 'zod';

/**
 * The kinds of entity of the model.
 *
 * @example
 * ```ts
 * import type { EntityKind } from '@riuso-sociale/csi-model';
 * const k: EntityKind = 'presa-in-carico';
 * ```
 */
export type EntityKind =
  | 'persona'
  | 'nucleo-familiare'
  | 'rete-sociale'
  | 'cartella'
  | 'accesso'
  | 'presa-in-carico'
  | 'valutazione'
  | 'progetto'
  | 'obiettivo'
  | 'intervento'
  | 'erogazione'
  | 'diario'
  | 'documento'
  | 'provvedimento'
  | 'consenso'
  | 'operatore'
  | 'assegnazione'
  | 'ente'
  | 'servizio'
  | 'audit-event'
  | 'flusso-siuss'
  | 'appuntamento';

/** Every entity kind, in the order of the model (Persona first, FlussoSIUSS, then the kinds added later: Appuntamento). */
export const ENTITY_KINDS: readonly EntityKind[] = [
  'persona',
  'nucleo-familiare',
  'rete-sociale',
  'cartella',
  'accesso',
  'presa-in-carico',
  'valutazione',
  'progetto',
  'obiettivo',
  'intervento',
  'erogazione',
  'diario',
  'documento',
  'provvedimento',
  'consenso',
  'operatore',
  'assegnazione',
  'ente',
  'servizio',
  'audit-event',
  'flusso-siuss',
  'appuntamento',
];

declare const idBrand: unique symbol;

/**
 * The identifier of an entity of kind `K`.
 *
 * @example
 * ```ts
 * import type { Id } from '@riuso-sociale/csi-model';
 * type CartellaId = Id<'cartella'>;
 * ```
 */
export type Id<K extends EntityKind> = string & { readonly [idBrand]: K };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * `true` when `value` is a lower-case RFC 9562 UUID (versions 1–8).
 *
 * @param value - Any value, e.g. a field of parsed JSON or a URL parameter: only a string can be a UUID.
 *
 * @example
 * ```ts
 * import { isUuid } from '@riuso-sociale/csi-model';
 * isUuid('0f8fad5b-d9cb-469f-a165-70867728950e'); // true
 * isUuid('0F8FAD5B-D9CB-469F-A165-70867728950E'); // false (upper case)
 * ```
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * A new identifier for an entity of kind `kind` (a random UUID v4).
 *
 * @example
 * ```ts
 * import { newId } from '@riuso-sociale/csi-model';
 * const id = newId('cartella'); // Id<'cartella'>
 * ```
 */
export function newId<K extends EntityKind>(kind: K): Id<K> {
  void kind;
  return globalThis.crypto.randomUUID() as Id<K>;
}

/**
 * zod schema of an identifier of kind `kind`: a UUID string, branded on output.
 *
 * @example
 * ```ts
 * import { idSchema } from '@riuso-sociale/csi-model';
 * idSchema('persona').safeParse('not-a-uuid').success; // false
 * ```
 */
export function idSchema<K extends EntityKind>(kind: K): z.ZodType<Id<K>, string> {
  return z
    .string({ error: `Identificativo (${kind}): stringa UUID / Identifier (${kind}): UUID string` })
    .refine(isUuid, { error: `Identificativo (${kind}) non è un UUID minuscolo / Identifier (${kind}) is not a lower-case UUID` }) as unknown as z.ZodType<
    Id<K>,
    string
  >;
}
