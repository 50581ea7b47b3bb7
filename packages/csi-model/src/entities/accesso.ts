// SPDX-License-Identifier: BSD-3-Clause
/**
 * Accesso / Segnalazione (spec §A3 #5): a contact with the service or a referral — channel, source
 * (SINBA `FonteSegnalazione` codes for minors), the need as told, and the outcome of the segretariato
 * sociale (information, sent to another service, presa in carico, no follow-up). States
 * `registrato → in-valutazione → esitato`.
 *
 * For the person's own view of their requests (Designers Italia, "area personale", criteria C.SE.1.9
 * and C.SE.1.10: state and stages, date taken in charge, protocol number, latest date for a decision,
 * office in charge) an accesso may also carry its protocol registration (`protocollo`), the latest
 * date for the decision (`termineConclusione`, L. 241/1990 art. 2) and the office that manages it
 * (`ufficio`).
 * @module
 */
import { z } from 'zod';
import { baseFields, codedSchema, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkCode, checkLifecycle, checkPeriod, issue, obj, oneOf, requireIn, text } from './common.js';

/** Channel of the contact (model vocabulary, not a published code list). */
const CANALI = ['sportello', 'telefono', 'email', 'pec', 'domicilio', 'segnalazione-scritta', 'altro'] as const;

/** Outcome of the segretariato sociale (spec §A3 #5). */
const ESITI = ['informazione', 'invio-altro-servizio', 'presa-in-carico', 'nessun-seguito'] as const;

/**
 * zod schema of an {@link Accesso}.
 *
 * @example
 * ```ts
 * import { accessoSchema } from '@riuso-sociale/csi-model';
 * accessoSchema.shape.esito.unwrap().options; // ['informazione', 'invio-altro-servizio', 'presa-in-carico', 'nessun-seguito']
 * ```
 */
export const accessoSchema = obj(
  {
    ...baseFields('accesso'),
    ...lifecycleFields(STATES.accesso),
    /** The person, once identified (a first contact may be anonymous). */
    persona: idSchema('persona').optional(),
    /** Date of the contact or referral. */
    data: dateSchema,
    /** How the contact arrived. */
    canale: oneOf(CANALI, { it: 'Canale di accesso', en: 'Contact channel' }),
    /** Who referred (SINBA `FonteSegnalazione`, system `siuss.sinba.fonte-segnalazione`, for minors; any system otherwise). */
    fonte: codedSchema().optional(),
    /** Who referred, free text (e.g. the school, the GP). */
    segnalante: text({ it: 'Segnalante', en: 'Referrer' }, 200).optional(),
    /** The need as told by the person or the referrer. */
    bisognoRiferito: text({ it: 'Bisogno riferito', en: 'Stated need' }, 4000),
    /** SIUSS user area, when already clear. */
    areaUtenza: codedSchema('siuss.area-utenza').optional(),
    /** The operator who received the contact. */
    operatore: idSchema('operatore'),
    /** Outcome (required when `esitato`). */
    esito: oneOf(ESITI, { it: "Esito dell'accesso", en: 'Outcome of the contact' }).optional(),
    /** Date of the outcome (required when `esitato`). */
    esitoIl: dateSchema.optional(),
    /** The service the person was sent to (for `invio-altro-servizio`). */
    inviatoA: text({ it: 'Servizio a cui è stato inviato', en: 'Service referred to' }, 200).optional(),
    /** The presa in carico that followed (for `presa-in-carico`). */
    presaInCarico: idSchema('presa-in-carico').optional(),
    /**
     * Registration of the request in the Ente's protocol register (DPR 445/2000 art. 53: number and
     * date of registration). Its date may precede `data`: a written request is often registered by the
     * protocol office before the social service records the contact, so no order is required.
     */
    protocollo: obj(
      {
        /** Protocol number. */
        numero: text({ it: 'Numero di protocollo', en: 'Protocol number' }, 40),
        /** Registration date. */
        data: dateSchema,
      },
      { it: 'Protocollo', en: 'Protocol registration' },
    ).optional(),
    /**
     * Latest date for the decision on the request (L. 241/1990 art. 2: 30 days from receipt when no law
     * or rule of the Ente sets another term (c.2); terms set by rule at most 90 days (c.3), or up to
     * 180 in the cases of c.4; the term runs from the receipt of the request (c.6)). Not before `data`.
     */
    termineConclusione: dateSchema.optional(),
    /**
     * The office or service that manages the request: a `Servizio` of `tipo` `ufficio` or `servizio` (not
     * a unità di offerta). The schema checks the identifier only; csi-store's foreign key makes it a
     * servizio of the same Ente, and its `tipo` is the application's to check (the record is not here).
     */
    ufficio: idSchema('servizio').optional(),
  },
  { it: 'Accesso', en: 'Contact' },
).superRefine((a, ctx) => {
  checkLifecycle(ctx, a);
  checkCode(ctx, a.fonte, ['fonte']);
  checkCode(ctx, a.areaUtenza, ['areaUtenza']);
  checkPeriod(ctx, a.data, a.esitoIl, ['esitoIl'], { it: "La data dell'esito", en: 'The outcome date' });
  checkPeriod(ctx, a.data, a.termineConclusione, ['termineConclusione'], { it: 'Il termine di conclusione', en: 'The deadline for the decision' });
  requireIn(ctx, a.status, ['esitato'], a.esito, ['esito'], { it: 'Esito', en: 'Outcome' });
  requireIn(ctx, a.status, ['esitato'], a.esitoIl, ['esitoIl'], { it: "Data dell'esito", en: 'Outcome date' });
  if (a.esito === 'invio-altro-servizio' && a.inviatoA === undefined) {
    issue(ctx, ['inviatoA'], 'Invio ad altro servizio senza il servizio', 'Referred to another service without naming it');
  }
  if (a.esito === 'presa-in-carico' && a.persona === undefined) {
    issue(ctx, ['persona'], 'Presa in carico senza persona identificata', 'Taken into care without an identified person');
  }
  if (a.presaInCarico !== undefined && a.esito !== 'presa-in-carico') {
    issue(ctx, ['presaInCarico'], "Presa in carico indicata ma l'esito non è «presa-in-carico»", 'Case given but the outcome is not "presa-in-carico"');
  }
});

/**
 * An Accesso / Segnalazione (output of {@link accessoSchema}).
 *
 * @example
 * ```ts
 * import type { Accesso } from '@riuso-sociale/csi-model';
 * type S = Accesso['status']; // 'registrato' | 'in-valutazione' | 'esitato' | 'entered-in-error'
 * ```
 */
export type Accesso = z.output<typeof accessoSchema>;
