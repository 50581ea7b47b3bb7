// SPDX-License-Identifier: BSD-3-Clause
/**
 * THE PEER of the validation benchmark: a BARE zod parse of the same objects. Plain `z.strictObject`s
 * with the same field names as `cartellaSchema` and `personaSchema` of @riuso-sociale/csi-model and
 * only primitive types — `z.string()`, `z.number()`, `z.boolean()`, nested objects and arrays,
 * `.optional()` where the model has an optional field. Deliberately NOTHING else: no UUID, date,
 * instant or Belfiore patterns, no enumerations (states, sex, kinds are plain strings), no lengths, no
 * integer check, no bilingual error messages, no codice fiscale check (structure, date, place, check
 * character), no cross-field refinements (lifecycle history, closing date, CF xor alternative
 * identifier, residence in Italy…). It is what "just parse the shape with zod" costs; the model's
 * overhead over it is what the issue bounds (≤ 1.5×).
 *
 * Keep the field lists in step with src/entities/cartella.ts, persona.ts and base.ts: a field missing
 * here makes the strict peer reject the generated objects (bench/run.mjs checks that it accepts all).
 */
import { z } from 'zod';

// --- fields of every entity (baseFields) and of lifecycle entities (lifecycleFields), bare ---------
const bareEnte = z.strictObject({ belfiore: z.string(), codiceIpa: z.string().optional(), istat: z.string().optional() });
const bareBase = {
  id: z.string(),
  ente: bareEnte,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  version: z.number(),
};
const bareLifecycle = {
  status: z.string(),
  history: z.array(z.strictObject({ status: z.string(), at: z.string(), by: z.string(), event: z.string(), reason: z.string().optional() })),
};
const bareCoded = z.strictObject({ system: z.string(), version: z.string(), code: z.string(), display: z.strictObject({ it: z.string(), en: z.string() }).optional() });
const bareIndirizzo = z.strictObject({ codiceComuneIstat: z.string().optional(), codiceRegione: z.string().optional(), codiceNazione: z.string(), indirizzo: z.string().optional() });

/**
 * Peer of `cartellaSchema`: same fields, bare types.
 *
 * @example
 * ```js
 * bareCartellaSchema.safeParse(pair.cartella).success; // true
 * ```
 */
export const bareCartellaSchema = z.strictObject({
  ...bareBase,
  ...bareLifecycle,
  persona: z.string(),
  apertaIl: z.string(),
  chiusaIl: z.string().optional(),
  responsabile: z.string(),
  minore: z.boolean(),
  tutelaAutoritaGiudiziaria: z.boolean(),
});

/**
 * Peer of `personaSchema`: same fields, bare types.
 *
 * @example
 * ```js
 * barePersonaSchema.safeParse(pair.persona).success; // true
 * ```
 */
export const barePersonaSchema = z.strictObject({
  ...bareBase,
  ...bareLifecycle,
  codiceFiscale: z.string().optional(),
  identificativoAlternativo: z.strictObject({ tipo: z.string(), valore: z.string() }).optional(),
  cognome: z.string(),
  nome: z.string(),
  sesso: z.string(),
  identitaGenere: z.string().optional(),
  dataNascita: z.string(),
  luogoNascita: z.string(),
  cittadinanza: bareCoded,
  secondaCittadinanza: bareCoded.optional(),
  residenza: bareIndirizzo.optional(),
  domicilio: bareIndirizzo.optional(),
  contatti: z
    .strictObject({ telefono: z.string().optional(), cellulare: z.string().optional(), email: z.string().optional(), pec: z.string().optional(), note: z.string().optional() })
    .optional(),
  capacitaGiuridica: z.strictObject({ tipo: z.string(), rappresentante: z.string().optional() }).optional(),
  dataDecesso: z.string().optional(),
  unitaA: z.string().optional(),
});
