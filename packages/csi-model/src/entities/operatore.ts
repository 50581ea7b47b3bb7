// SPDX-License-Identifier: BSD-3-Clause
/**
 * Operatore (spec §A3 #16): a member of staff — social worker, educator, psychologist, clerk,
 * coordinator, provider staff — with the role that drives what they may do (access also needs an
 * active Assegnazione, spec §A5) and the services they work in. No lifecycle: `attivo` says whether they
 * still work for the Ente.
 * @module
 */
import { z } from 'zod';
import { baseFields, RUOLI, type Ruolo } from '../base.js';
import { idSchema } from '../ids.js';
import { bool, checkBase, checkUnique, codiceFiscaleSchema, list, obj, oneOf, pattern, text } from './common.js';

/**
 * zod schema of an {@link Operatore}.
 *
 * @example
 * ```ts
 * import { operatoreSchema } from '@riuso-sociale/csi-model';
 * operatoreSchema.shape.ruolo.options.includes('assistente-sociale'); // true
 * ```
 */
export const operatoreSchema = obj(
  {
    ...baseFields('operatore'),
    /** Codice fiscale. */
    codiceFiscale: codiceFiscaleSchema,
    /** Surname. */
    cognome: text({ it: 'Cognome', en: 'Surname' }, 100),
    /** Given name. */
    nome: text({ it: 'Nome', en: 'Given name' }, 100),
    /** Professional role. */
    ruolo: oneOf(RUOLI as unknown as readonly [Ruolo, ...Ruolo[]], { it: 'Ruolo', en: 'Role' }),
    /** Services (offices) they work in. */
    servizi: list(idSchema('servizio'), { it: 'Servizi', en: 'Services' }, 50),
    /** Organisation, for provider staff (ente gestore). */
    organizzazione: text({ it: 'Organizzazione', en: 'Organisation' }, 200).optional(),
    /** Work email. */
    email: pattern({ it: 'Email', en: 'Email' }, /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/, { it: 'indirizzo email', en: 'email address' }).optional(),
    /** Still working for the Ente. */
    attivo: bool({ it: 'Attivo', en: 'Active' }),
  },
  { it: 'Operatore', en: 'Operator' },
).superRefine((o, ctx) => {
  checkBase(ctx, o);
  checkUnique(ctx, o.servizi, ['servizi']);
});

/**
 * An Operatore (output of {@link operatoreSchema}).
 *
 * @example
 * ```ts
 * import type { Operatore } from '@riuso-sociale/csi-model';
 * type R = Operatore['ruolo']; // Ruolo
 * ```
 */
export type Operatore = z.output<typeof operatoreSchema>;
