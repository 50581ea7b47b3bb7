// SPDX-License-Identifier: BSD-3-Clause
/**
 * Obiettivo (spec §A3 #9, ≈ FHIR Goal): a goal of a ProgettoPersonalizzato — description, domain,
 * target date, indicator, who owns it. States `proposto → attivo → raggiunto / parzialmente-raggiunto /
 * non-raggiunto / annullato`; an outcome state needs the date it was assessed.
 * @module
 */
import { z } from 'zod';
import { baseFields, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkLifecycle, checkPeriod, obj, requireIn, text } from './common.js';

/**
 * zod schema of an {@link Obiettivo}.
 *
 * @example
 * ```ts
 * import { obiettivoSchema } from '@riuso-sociale/csi-model';
 * obiettivoSchema.shape.status.options.includes('parzialmente-raggiunto'); // true
 * ```
 */
export const obiettivoSchema = obj(
  {
    ...baseFields('obiettivo'),
    ...lifecycleFields(STATES.obiettivo),
    /** The project. */
    progetto: idSchema('progetto'),
    /** The person the project is for. */
    persona: idSchema('persona'),
    /** The goal. */
    descrizione: text({ it: 'Obiettivo', en: 'Goal' }, 2000),
    /** Life domain (free text: housing, work, health, school…; no national list). */
    dominio: text({ it: 'Dominio', en: 'Domain' }, 100).optional(),
    /** Start date. */
    dal: dateSchema,
    /** Target date. */
    dataTarget: dateSchema.optional(),
    /** How achievement is measured. */
    indicatore: text({ it: 'Indicatore', en: 'Indicator' }, 1000).optional(),
    /** Expected value of the indicator. */
    risultatoAtteso: text({ it: 'Risultato atteso', en: 'Expected result' }, 1000).optional(),
    /** The member who owns the goal (the person or a member of the household). */
    titolare: idSchema('persona').optional(),
    /** The operator who follows the goal. */
    operatore: idSchema('operatore').optional(),
    /** Date the outcome was assessed (required in an outcome state). */
    esitoIl: dateSchema.optional(),
    /** Notes on the outcome. */
    noteEsito: text({ it: "Note sull'esito", en: 'Notes on the outcome' }, 4000).optional(),
  },
  { it: 'Obiettivo', en: 'Goal' },
).superRefine((o, ctx) => {
  checkLifecycle(ctx, o);
  checkPeriod(ctx, o.dal, o.dataTarget, ['dataTarget'], { it: 'La data obiettivo', en: 'The target date' });
  checkPeriod(ctx, o.dal, o.esitoIl, ['esitoIl'], { it: "La data dell'esito", en: 'The outcome date' });
  requireIn(ctx, o.status, ['raggiunto', 'parzialmente-raggiunto', 'non-raggiunto'], o.esitoIl, ['esitoIl'], { it: "Data dell'esito", en: 'Outcome date' });
});

/**
 * An Obiettivo (output of {@link obiettivoSchema}).
 *
 * @example
 * ```ts
 * import type { Obiettivo } from '@riuso-sociale/csi-model';
 * type S = Obiettivo['status']; // 'proposto' | 'attivo' | 'raggiunto' | …
 * ```
 */
export type Obiettivo = z.output<typeof obiettivoSchema>;
