// SPDX-License-Identifier: BSD-3-Clause
/**
 * PresaInCarico (spec §A3 #6, ≈ FHIR EpisodeOfCare): an episode of care of one person inside a
 * Cartella — user area, service, case manager, équipe, start and end, the reason for closing and the
 * situation at closing (SINBA `MotivazioneChiusuraCarico` / `SituazioneChiusuraCarico` codes for
 * minors), the Ente it was transferred to. States `proposta → attiva ⇄ sospesa → chiusa / trasferita /
 * annullata`. Closing requires the reason (and, with a SINBA reason, the situation: mandatory in SINBA,
 * spec §A4); transferring requires the receiving Ente.
 * @module
 */
import { z } from 'zod';
import { baseFields, codedSchema, dateSchema, enteRefSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkCode, checkLifecycle, checkPeriod, checkUnique, issue, list, obj, requireIn } from './common.js';

/**
 * zod schema of a {@link PresaInCarico}.
 *
 * @example
 * ```ts
 * import { presaInCaricoSchema } from '@riuso-sociale/csi-model';
 * presaInCaricoSchema.shape.status.options.includes('trasferita'); // true
 * ```
 */
export const presaInCaricoSchema = obj(
  {
    ...baseFields('presa-in-carico'),
    ...lifecycleFields(STATES['presa-in-carico']),
    /** The Cartella it belongs to. */
    cartella: idSchema('cartella'),
    /** The person in care. */
    persona: idSchema('persona'),
    /** SIUSS user area (1 famiglia e minori, 2 disabilità e non autosufficienza, 3 povertà). */
    areaUtenza: codedSchema('siuss.area-utenza'),
    /** The service (office) in charge. */
    servizio: idSchema('servizio'),
    /** The case manager (responsabile del caso). */
    caseManager: idSchema('operatore'),
    /** Other members of the équipe. */
    equipe: list(idSchema('operatore'), { it: 'Équipe', en: 'Team' }, 50).optional(),
    /** Start date. */
    avviataIl: dateSchema,
    /** End date (when `chiusa` or `trasferita`). */
    chiusaIl: dateSchema.optional(),
    /** Reason for closing: SINBA `MotivazioneChiusuraCarico` (system `siuss.sinba.motivazione-chiusura`) for minors; any system otherwise. */
    motivoChiusura: codedSchema().optional(),
    /** Situation at closing: SINBA `SituazioneChiusuraCarico` (system `siuss.sinba.situazione-chiusura`) for minors. */
    situazioneChiusura: codedSchema().optional(),
    /** The Ente the case was transferred to (when `trasferita`). */
    trasferitaA: enteRefSchema.optional(),
  },
  { it: 'Presa in carico', en: 'Case' },
).superRefine((p, ctx) => {
  checkLifecycle(ctx, p);
  checkCode(ctx, p.areaUtenza, ['areaUtenza']);
  checkCode(ctx, p.motivoChiusura, ['motivoChiusura']);
  checkCode(ctx, p.situazioneChiusura, ['situazioneChiusura']);
  checkUnique(ctx, p.equipe, ['equipe']);
  checkPeriod(ctx, p.avviataIl, p.chiusaIl, ['chiusaIl'], { it: 'La data di chiusura', en: 'The closing date' });
  requireIn(ctx, p.status, ['chiusa', 'trasferita'], p.chiusaIl, ['chiusaIl'], { it: 'Data di chiusura', en: 'Closing date' });
  requireIn(ctx, p.status, ['chiusa'], p.motivoChiusura, ['motivoChiusura'], { it: 'Motivo della chiusura', en: 'Reason for closing' });
  requireIn(ctx, p.status, ['trasferita'], p.trasferitaA, ['trasferitaA'], { it: 'Ente di destinazione', en: 'Receiving Ente' });
  if (p.motivoChiusura?.system === 'siuss.sinba.motivazione-chiusura' && p.situazioneChiusura === undefined) {
    issue(ctx, ['situazioneChiusura'], 'Con un motivo di chiusura SINBA va indicata la situazione alla chiusura', 'With a SINBA closing reason the situation at closing is required');
  }
});

/**
 * A PresaInCarico (output of {@link presaInCaricoSchema}).
 *
 * @example
 * ```ts
 * import type { PresaInCarico } from '@riuso-sociale/csi-model';
 * type S = PresaInCarico['status']; // 'proposta' | 'attiva' | 'sospesa' | 'chiusa' | 'trasferita' | 'annullata' | 'entered-in-error'
 * ```
 */
export type PresaInCarico = z.output<typeof presaInCaricoSchema>;
