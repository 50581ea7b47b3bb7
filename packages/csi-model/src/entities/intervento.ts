// SPDX-License-Identifier: BSD-3-Clause
/**
 * Intervento (spec §A3 #10, SISO "foglio amministrativo", ≈ FHIR ServiceRequest): a support granted to
 * a person — the SIUSS codice prestazione (DM 206/2014 Tabella 1), user area, periodic or one-off,
 * means test and DSU, provider, hours per month, authorising act, waiting list. It belongs to a presa in
 * carico, or says explicitly that there is none (SIUSS `PresaCarico` = 2, spec §A4). States `proposto →
 * in-lista-attesa → autorizzato → in-erogazione ⇄ sospeso → concluso / revocato / rifiutato`.
 * @module
 */
import { z } from 'zod';
import { baseFields, codedSchema, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { bool, cents, checkCode, checkLifecycle, checkPeriod, int, issue, msg, obj, requireIn, siussCode, text } from './common.js';

const PS = 'Flusso/Beneficiario/PrestazioniSociali' as const;

/** Hours in the longest month (31 × 24): the upper bound of `quantitaOreMese`. */
const MAX_ORE_MESE = 744;
const ORE_ERROR = msg(`Ore mensili: numero tra 0 e ${MAX_ORE_MESE}`, `Monthly hours: number between 0 and ${MAX_ORE_MESE}`);

/**
 * zod schema of an {@link Intervento}.
 *
 * @example
 * ```ts
 * import { interventoSchema } from '@riuso-sociale/csi-model';
 * interventoSchema.shape.provaMezzi.options; // ['1', '2', '3', '4'] (SIUSS PresenzaProvaMezzi)
 * ```
 */
export const interventoSchema = obj(
  {
    ...baseFields('intervento'),
    ...lifecycleFields(STATES.intervento),
    /** The person. */
    persona: idSchema('persona'),
    /** The presa in carico (absent only with `senzaPresaInCarico`). */
    presaInCarico: idSchema('presa-in-carico').optional(),
    /** Given without a presa in carico (SIUSS `PresaCarico` = 2). */
    senzaPresaInCarico: bool({ it: 'Senza presa in carico', en: 'Without a case' }),
    /** The project it supports. */
    progetto: idSchema('progetto').optional(),
    /** SIUSS codice prestazione (system `siuss.prestazione`, DM 206/2014 Tabella 1). */
    prestazione: codedSchema('siuss.prestazione'),
    /** Name of the benefit as the Ente calls it (SIUSS `DenominazionePrestazione`). */
    denominazione: text({ it: 'Denominazione della prestazione', en: 'Name of the benefit' }, 200),
    /** SIUSS user area. */
    areaUtenza: codedSchema('siuss.area-utenza'),
    /** SIUSS `CaratterePrestazione`: 1 periodic, 2 one-off. */
    carattere: siussCode(`${PS}@CaratterePrestazione`, { it: 'Carattere della prestazione', en: 'Kind of benefit' }),
    /** SIUSS `PresenzaProvaMezzi`: 1 ISEE, 2 other means test, 3 ISEE-exempt, 4 none. */
    provaMezzi: siussCode(`${PS}@PresenzaProvaMezzi`, { it: 'Prova dei mezzi', en: 'Means test' }),
    /** The DSU the ISEE comes from (SIUSS `NumeroProtocolloDSU`, `AnnoProtocolloDSU`, `DataDSU`: all three or none). */
    dsu: obj(
      {
        /** SIUSS `NumeroProtocolloDSU`. */
        numeroProtocollo: text({ it: 'Numero di protocollo della DSU', en: 'DSU protocol number' }, 40),
        /** SIUSS `AnnoProtocolloDSU`. */
        anno: int({ it: 'Anno del protocollo della DSU', en: 'DSU protocol year' }, 1900, 2999),
        /** SIUSS `DataDSU`. */
        data: dateSchema,
      },
      { it: 'DSU', en: 'DSU' },
    ).optional(),
    /** ISEE threshold of the benefit (SIUSS `ImportoSogliaISEE`). */
    sogliaIseeCents: cents({ it: 'Soglia ISEE', en: 'ISEE threshold' }).optional(),
    /** Start date. */
    dal: dateSchema,
    /** End date (required when `concluso`). */
    al: dateSchema.optional(),
    /** Hours of service per month, in hours (2.5 = 2 h 30'; SIUSS `OreServizioMensile` writes H.MM). */
    quantitaOreMese: z
      .number({ error: ORE_ERROR })
      .min(0, { error: ORE_ERROR })
      .max(MAX_ORE_MESE, { error: ORE_ERROR })
      .optional(),
    /** The provider (ente gestore, e.g. a social cooperative). */
    enteGestore: text({ it: 'Ente gestore', en: 'Provider' }, 200).optional(),
    /** The act that authorised it (determina). */
    attoAutorizzativo: obj(
      {
        /** Number of the act. */
        numero: text({ it: "Numero dell'atto", en: 'Act number' }, 40),
        /** Date of the act. */
        data: dateSchema,
      },
      { it: 'Atto autorizzativo', en: 'Authorising act' },
    ).optional(),
    /** Waiting list. */
    listaAttesa: obj(
      {
        /** On the list since. */
        dal: dateSchema,
        /** Position on the list. */
        posizione: int({ it: 'Posizione in lista', en: 'Position on the list' }, 1, 1_000_000).optional(),
      },
      { it: "Lista d'attesa", en: 'Waiting list' },
    ).optional(),
  },
  { it: 'Intervento', en: 'Intervention' },
).superRefine((i, ctx) => {
  checkLifecycle(ctx, i);
  checkCode(ctx, i.prestazione, ['prestazione']);
  checkCode(ctx, i.areaUtenza, ['areaUtenza']);
  checkPeriod(ctx, i.dal, i.al, ['al']);
  requireIn(ctx, i.status, ['concluso'], i.al, ['al'], { it: 'Data di fine', en: 'End date' });
  requireIn(ctx, i.status, ['in-lista-attesa'], i.listaAttesa, ['listaAttesa'], { it: "Lista d'attesa", en: 'Waiting list' });
  if (i.senzaPresaInCarico && i.presaInCarico !== undefined) {
    issue(ctx, ['presaInCarico'], 'Presa in carico indicata ma intervento «senza presa in carico»', 'Case given but the intervention is "without a case"');
  }
  if (!i.senzaPresaInCarico && i.presaInCarico === undefined) {
    issue(ctx, ['presaInCarico'], 'Manca la presa in carico (o va dichiarato «senza presa in carico»)', 'The case is missing (or the intervention must be declared "without a case")');
  }
  if (i.dsu !== undefined && Number(i.dsu.data.slice(0, 4)) < i.dsu.anno) {
    issue(ctx, ['dsu', 'data'], 'Data della DSU precedente al suo anno di protocollo', 'DSU date before its protocol year');
  }
});

/**
 * An Intervento (output of {@link interventoSchema}).
 *
 * @example
 * ```ts
 * import type { Intervento } from '@riuso-sociale/csi-model';
 * type C = Intervento['carattere']; // '1' (periodic) | '2' (one-off)
 * ```
 */
export type Intervento = z.output<typeof interventoSchema>;
