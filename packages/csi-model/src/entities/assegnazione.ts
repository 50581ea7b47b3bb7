// SPDX-License-Identifier: BSD-3-Clause
/**
 * Assegnazione (spec §A3 #16, UK SSD "involvement"): an operator assigned to a presa in carico, in a
 * role, from a date to a date, with the reason when the operator changes. Drives access rights: only
 * staff with an active assignment see the person's records, and only while it lasts (spec §A5). States
 * `attiva → terminata`.
 * @module
 */
import { z } from 'zod';
import { baseFields, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkLifecycle, checkPeriod, obj, oneOf, requireIn, text } from './common.js';

/**
 * zod schema of an {@link Assegnazione}.
 *
 * @example
 * ```ts
 * import { assegnazioneSchema } from '@riuso-sociale/csi-model';
 * assegnazioneSchema.shape.ruolo.options; // ['case-manager', 'equipe', 'ente-gestore']
 * ```
 */
export const assegnazioneSchema = obj(
  {
    ...baseFields('assegnazione'),
    ...lifecycleFields(STATES.assegnazione),
    /** The operator. */
    operatore: idSchema('operatore'),
    /** The presa in carico. */
    presaInCarico: idSchema('presa-in-carico'),
    /** The person in care (denormalised for access checks). */
    persona: idSchema('persona'),
    /** Role in the case. */
    ruolo: oneOf(['case-manager', 'equipe', 'ente-gestore'] as const, { it: 'Ruolo nella presa in carico', en: 'Role in the case' }),
    /** From. */
    dal: dateSchema,
    /** Until (required when `terminata`). */
    al: dateSchema.optional(),
    /** Why the operator changed. */
    motivoCambio: text({ it: 'Motivo del cambio', en: 'Reason for the change' }, 1000).optional(),
  },
  { it: 'Assegnazione', en: 'Assignment' },
).superRefine((a, ctx) => {
  checkLifecycle(ctx, a);
  checkPeriod(ctx, a.dal, a.al, ['al']);
  requireIn(ctx, a.status, ['terminata'], a.al, ['al'], { it: 'Data di fine', en: 'End date' });
});

/**
 * An Assegnazione (output of {@link assegnazioneSchema}).
 *
 * @example
 * ```ts
 * import type { Assegnazione } from '@riuso-sociale/csi-model';
 * type S = Assegnazione['status']; // 'attiva' | 'terminata' | 'entered-in-error'
 * ```
 */
export type Assegnazione = z.output<typeof assegnazioneSchema>;
