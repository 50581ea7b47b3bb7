// SPDX-License-Identifier: BSD-3-Clause
/**
 * Cartella: the social-care record of one person at one Ente (spec §A3 #4). Opened once, closed and
 * reopened as needed, never deleted (`entered-in-error` instead).
 * @module
 */
import { z } from 'zod';
import { baseFields, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkLifecycle } from './common.js';

const msg = (it: string, en: string): string => `${it} / ${en}`;

/**
 * zod schema of a {@link Cartella}.
 *
 * @example
 * ```ts
 * import { cartellaSchema } from '@riuso-sociale/csi-model';
 * cartellaSchema.safeParse({}).success; // false
 * ```
 */
export const cartellaSchema = z
  .strictObject({
    ...baseFields('cartella'),
    ...lifecycleFields(STATES.cartella),
    /** The person the record is about. */
    persona: idSchema('persona'),
    /** Opening date. */
    apertaIl: dateSchema,
    /** Closing date (when `chiusa`). */
    chiusaIl: dateSchema.optional(),
    /** The operator responsible for the record. */
    responsabile: idSchema('operatore'),
    /** The person is a minor (wider protections, SINBA). */
    minore: z.boolean({ error: msg('Minore: vero o falso', 'Minor: true or false') }),
    /** Under a measure of the judicial authority (tutela AG). */
    tutelaAutoritaGiudiziaria: z.boolean({ error: msg('Tutela dell\'autorità giudiziaria: vero o falso', 'Judicial protection: true or false') }),
  })
  .superRefine((c, ctx) => {
    checkLifecycle(ctx, c);
    if (c.chiusaIl !== undefined && c.chiusaIl < c.apertaIl) {
      ctx.addIssue({ code: 'custom', path: ['chiusaIl'], message: msg('Chiusura prima dell\'apertura', 'Closed before it was opened') });
    }
    if (c.status === 'chiusa' && c.chiusaIl === undefined) {
      ctx.addIssue({ code: 'custom', path: ['chiusaIl'], message: msg('Cartella chiusa senza data di chiusura', 'Closed record without a closing date') });
    }
  });

/**
 * A Cartella Sociale (output of {@link cartellaSchema}).
 *
 * @example
 * ```ts
 * import type { Cartella } from '@riuso-sociale/csi-model';
 * type S = Cartella['status']; // 'aperta' | 'chiusa' | 'entered-in-error'
 * ```
 */
export type Cartella = z.output<typeof cartellaSchema>;
