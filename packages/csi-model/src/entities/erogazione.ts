// SPDX-License-Identifier: BSD-3-Clause
/**
 * Erogazione (spec §A3 #11): one delivery or payment of an Intervento — period, amounts (total,
 * monthly, shares of Ente, user and health service), hours or accesses, the assessment it relies on,
 * its SIUSS export. States `registrata → validata → liquidata → esportata`; once exported it is frozen
 * and corrected only by a cancellation (SIUSS `TipoOperazione` = C) and a new insertion that points to
 * the cancelled one (`annullaErogazione`, spec §A4). No erogazione is dated before the assessment it
 * relies on (SISO rule SISO-985, spec §A4).
 * @module
 */
import { dateText } from '@riuso-sociale/core';
import { z } from 'zod';
import { baseFields, dateSchema, instantSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { cents, checkLifecycle, checkPeriod, int, issue, msg, obj, requireIn, siussCode, text } from './common.js';

/** Hours in the longest month (31 × 24). */
const MAX_ORE = 744;
const ORE_ERROR = msg(`Ore erogate: numero tra 0 e ${MAX_ORE}`, `Hours delivered: number between 0 and ${MAX_ORE}`);

/**
 * zod schema of an {@link Erogazione}.
 *
 * @example
 * ```ts
 * import { erogazioneSchema } from '@riuso-sociale/csi-model';
 * erogazioneSchema.shape.status.options.includes('esportata'); // true
 * ```
 */
export const erogazioneSchema = obj(
  {
    ...baseFields('erogazione'),
    ...lifecycleFields(STATES.erogazione),
    /** The intervention. */
    intervento: idSchema('intervento'),
    /** The person. */
    persona: idSchema('persona'),
    /** Start of the period (SIUSS `DataInizioPrestazione`). */
    dal: dateSchema,
    /** End of the period (SIUSS `DataFinePrestazione`). */
    al: dateSchema.optional(),
    /** Date of a one-off payment (SIUSS `DataErogazionePrestazione`). */
    dataErogazione: dateSchema.optional(),
    /** Amount (SIUSS `ImportoPrestazione`). */
    importoCents: cents({ it: 'Importo', en: 'Amount' }),
    /** Monthly amount (SIUSS `ImportoMensile`, periodic benefits). */
    importoMensileCents: cents({ it: 'Importo mensile', en: 'Monthly amount' }).optional(),
    /** Share paid by the Ente (SIUSS `ImportoQuotaEnte`). */
    quotaEnteCents: cents({ it: "Quota dell'Ente", en: "Ente's share" }).optional(),
    /** Share paid by the user (SIUSS `ImportoQuotaUtente`). */
    quotaUtenteCents: cents({ it: "Quota dell'utente", en: "User's share" }).optional(),
    /** Share paid by the health service (SIUSS `ImportoQuotaSSN`). */
    quotaSsnCents: cents({ it: 'Quota del SSN', en: "Health service's share" }).optional(),
    /** Hours delivered in the period. */
    oreErogate: z.number({ error: ORE_ERROR }).min(0, { error: ORE_ERROR }).max(MAX_ORE, { error: ORE_ERROR }).optional(),
    /** Accesses (visits, meals…) delivered in the period. */
    accessi: int({ it: 'Accessi', en: 'Accesses' }, 0, 100_000).optional(),
    /** The provider's report or invoice. */
    documento: idSchema('documento').optional(),
    /** The assessment it relies on. */
    valutazione: idSchema('valutazione').optional(),
    /** Date of that assessment: the erogazione may not start before it. */
    valutazioneData: dateSchema.optional(),
    /** The SIUSS export (required when `esportata`). */
    esportazione: obj(
      {
        /** The flow that carried it. */
        flusso: idSchema('flusso-siuss'),
        /** When it was exported. */
        at: instantSchema,
        /** SIUSS `TipoOperazione`: I insertion, C cancellation. */
        tipoOperazione: siussCode('Flusso/Beneficiario/PrestazioniSociali@TipoOperazione', { it: 'Tipo di operazione', en: 'Kind of operation' }),
        /** `id_acquisizione_siuss` of the esito `OK` (WaaS `POST /esiti`), once SIUSS acquired the flow. */
        idAcquisizione: text({ it: 'Identificativo di acquisizione SIUSS', en: 'SIUSS acquisition id' }, 256).optional(),
        /** When the esito `OK` was recorded (state `acquisita`). */
        acquisitaAt: instantSchema.optional(),
      },
      { it: 'Esportazione SIUSS', en: 'SIUSS export' },
    ).optional(),
    /**
     * The last rejection by INPS (WaaS `POST /esiti` with `RICHIESTA_INVALIDA`, `DATI_NON_TROVATI` or
     * `ERRORE_GENERICO`): the flow, the code and INPS's description, shown to the operator who corrects
     * the erogazione (state `da-correggere`). Kept after the correction, as the record of what was wrong.
     */
    scarto: obj(
      {
        /** The rejected flow. */
        flusso: idSchema('flusso-siuss'),
        /** `codice_esito`. */
        codice: z.enum(['DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO'], { error: msg('Codice di esito di scarto non valido', 'Invalid rejection code') }),
        /** `descrizione_esito`, when INPS gave one. */
        descrizione: text({ it: "Descrizione dell'esito", en: 'Description of the outcome' }, 2000).optional(),
        /** When the rejection was recorded. */
        at: instantSchema,
      },
      { it: 'Scarto SIUSS', en: 'SIUSS rejection' },
    ).optional(),
    /** For a re-insertion: the cancelled erogazione it replaces. */
    annullaErogazione: idSchema('erogazione').optional(),
  },
  { it: 'Erogazione', en: 'Delivery' },
).superRefine((e, ctx) => {
  checkLifecycle(ctx, e);
  checkPeriod(ctx, e.dal, e.al, ['al']);
  checkPeriod(ctx, e.dal, e.dataErogazione, ['dataErogazione'], { it: "La data dell'erogazione", en: 'The payment date' });
  if (e.valutazioneData !== undefined) {
    if (e.dal < e.valutazioneData) {
      issue(ctx, ['dal'], `Erogazione ${dateText(e.dal, { preposition: 'from' })}, prima della valutazione ${dateText(e.valutazioneData, { preposition: 'of' })}`, `Delivery ${dateText(e.dal, { lang: 'en', preposition: 'from' })}, before the assessment ${dateText(e.valutazioneData, { lang: 'en', preposition: 'of' })}`);
    }
    if (e.dataErogazione !== undefined && e.dataErogazione < e.valutazioneData) {
      issue(ctx, ['dataErogazione'], `Erogazione ${dateText(e.dataErogazione, { preposition: 'of' })}, prima della valutazione ${dateText(e.valutazioneData, { preposition: 'of' })}`, `Payment ${dateText(e.dataErogazione, { lang: 'en', preposition: 'of' })}, before the assessment ${dateText(e.valutazioneData, { lang: 'en', preposition: 'of' })}`);
    }
  }
  if (e.valutazioneData !== undefined && e.valutazione === undefined) {
    issue(ctx, ['valutazione'], 'Data della valutazione senza la valutazione', 'Assessment date without the assessment');
  }
  requireIn(ctx, e.status, ['esportata', 'acquisita'], e.esportazione, ['esportazione'], { it: 'Esportazione SIUSS', en: 'SIUSS export' });
  requireIn(ctx, e.status, ['da-correggere'], e.scarto, ['scarto'], { it: 'Scarto SIUSS', en: 'SIUSS rejection' });
  if (e.annullaErogazione !== undefined && e.annullaErogazione === e.id) {
    issue(ctx, ['annullaErogazione'], "Un'erogazione non sostituisce se stessa", 'A delivery does not replace itself');
  }
});

/**
 * An Erogazione (output of {@link erogazioneSchema}).
 *
 * @example
 * ```ts
 * import type { Erogazione } from '@riuso-sociale/csi-model';
 * type T = NonNullable<Erogazione['esportazione']>['tipoOperazione']; // 'I' | 'C'
 * ```
 */
export type Erogazione = z.output<typeof erogazioneSchema>;
