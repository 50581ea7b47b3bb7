// SPDX-License-Identifier: BSD-3-Clause
/**
 * Appuntamento: an appointment of a person with the service — an interview at the office, a home
 * visit, a phone or video call — with the operator who holds it, when (UTC instants), how and where,
 * and what it is about. The person's own view of their record lists their appointments (the App IO
 * "Assistenza domiciliare" service model has appointment confirmation and reminder). States
 * `programmato → confermato → svolto`, or `annullato` (with the reason) or `non-presentato`.
 * @module
 */
import { z } from 'zod';
import { baseFields, instantSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkLifecycle, issue, obj, oneOf, requireIn, text } from './common.js';

/** How the appointment takes place (model vocabulary, not a published code list). */
const MODALITA = ['in-presenza', 'domicilio', 'telefono', 'video'] as const;

/**
 * zod schema of an {@link Appuntamento}.
 *
 * @example
 * ```ts
 * import { appuntamentoSchema } from '@riuso-sociale/csi-model';
 * appuntamentoSchema.shape.modalita.options; // ['in-presenza', 'domicilio', 'telefono', 'video']
 * ```
 */
export const appuntamentoSchema = obj(
  {
    ...baseFields('appuntamento'),
    ...lifecycleFields(STATES.appuntamento),
    /** The person the appointment is with. */
    persona: idSchema('persona'),
    /** The presa in carico it belongs to (absent for an appointment before any presa in carico). */
    presaInCarico: idSchema('presa-in-carico').optional(),
    /** The office or service where, or with which, it takes place. */
    servizio: idSchema('servizio').optional(),
    /** The operator who holds it. */
    operatore: idSchema('operatore'),
    /** Start (UTC instant). */
    inizio: instantSchema,
    /** Expected end (UTC instant), after `inizio`. */
    fine: instantSchema.optional(),
    /** How it takes place: at the office, at the person's home, by phone, by video call. */
    modalita: oneOf(MODALITA, { it: "Modalità dell'appuntamento", en: 'Kind of appointment' }),
    /** Where (address, room), when it is not the person's home or a call. */
    luogo: text({ it: 'Luogo', en: 'Place' }, 300).optional(),
    /** What it is about. */
    oggetto: text({ it: 'Oggetto', en: 'Subject' }, 500),
    /** Notes. */
    note: text({ it: 'Note', en: 'Notes' }, 4000).optional(),
    /** Why it was cancelled (required when `annullato`). */
    motivoAnnullamento: text({ it: "Motivo dell'annullamento", en: 'Reason for cancelling' }, 2000).optional(),
  },
  { it: 'Appuntamento', en: 'Appointment' },
).superRefine((a, ctx) => {
  checkLifecycle(ctx, a);
  if (a.fine !== undefined && Date.parse(a.fine) <= Date.parse(a.inizio)) {
    issue(ctx, ['fine'], "La fine dell'appuntamento non è successiva all'inizio", 'The end of the appointment is not after its start');
  }
  requireIn(ctx, a.status, ['annullato'], a.motivoAnnullamento, ['motivoAnnullamento'], { it: "Motivo dell'annullamento", en: 'Reason for cancelling' });
  if (a.motivoAnnullamento !== undefined && a.status !== 'annullato' && a.status !== 'entered-in-error') {
    issue(ctx, ['motivoAnnullamento'], `Motivo dell'annullamento indicato ma lo stato è «${a.status}»`, `Reason for cancelling given but the status is "${a.status}"`);
  }
});

/**
 * An Appuntamento (output of {@link appuntamentoSchema}).
 *
 * @example
 * ```ts
 * import type { Appuntamento } from '@riuso-sociale/csi-model';
 * type S = Appuntamento['status']; // 'programmato' | 'confermato' | 'svolto' | 'annullato' | 'non-presentato' | 'entered-in-error'
 * ```
 */
export type Appuntamento = z.output<typeof appuntamentoSchema>;
