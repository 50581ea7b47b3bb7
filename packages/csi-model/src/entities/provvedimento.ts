// SPDX-License-Identifier: BSD-3-Clause
/**
 * ProvvedimentoGiudiziario (spec §A3 #14): an order of a judicial authority about a minor or an adult —
 * authority, type (SINBA codes for minors: `AutoritaProvvedimento`, `TipoProvvedimentoGiudiziario`,
 * `PotestaTutela`), date, prescriptions, and the details and outcome of a foster care (affido) or a
 * residential placement it orders, with the SINBA codes. Judicial data (GDPR art. 10, spec §A5). States
 * `attivo → modificato → cessato`.
 * @module
 */
import { z } from 'zod';
import { baseFields, codedSchema, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkCode, checkLifecycle, checkPeriod, issue, list, obj, requireIn, siussCode, text } from './common.js';

const SINBA = 'Flusso/SINBA' as const;

const affidoSchema = obj(
  {
    /** SINBA `FormaInterventoAffido`: 1 consensual, 2 judicial. */
    forma: siussCode(`${SINBA}@FormaInterventoAffido`, { it: "Forma dell'affido", en: 'Form of foster care' }).optional(),
    /** SINBA `TipoInterventoAffido`: 1 within the family, 2 outside. */
    tipo: siussCode(`${SINBA}@TipoInterventoAffido`, { it: "Tipo di affido", en: 'Kind of foster care' }).optional(),
    /** SINBA `DurataAffido`: 1 full time, 2 part time. */
    durata: siussCode(`${SINBA}@DurataAffido`, { it: "Durata dell'affido", en: 'Foster care time' }).optional(),
    /** SINBA `CarattereAffido`: 1 residential, 2 day. */
    carattere: siussCode(`${SINBA}@CarattereAffido`, { it: "Carattere dell'affido", en: 'Foster care type' }).optional(),
    /** SINBA `EsitoAffido` (1–9). */
    esito: siussCode(`${SINBA}@EsitoAffido`, { it: "Esito dell'affido", en: 'Outcome of foster care' }).optional(),
  },
  { it: 'Affido', en: 'Foster care' },
);

const inserimentoSchema = obj(
  {
    /** SINBA `CarattereInserimentoResidenziale` (1–10). */
    carattere: siussCode(`${SINBA}@CarattereInserimentoResidenziale`, { it: "Carattere dell'inserimento", en: 'Type of placement' }).optional(),
    /** SINBA `FormaInserimentoResidenziale`: 1 consensual, 2 judicial. */
    forma: siussCode(`${SINBA}@FormaInserimentoResidenziale`, { it: "Forma dell'inserimento", en: 'Form of placement' }).optional(),
    /** SINBA `TipoInserimentoResidenziale`: 1 with a parent, 2 without. */
    tipo: siussCode(`${SINBA}@TipoInserimentoResidenziale`, { it: "Tipo di inserimento", en: 'Kind of placement' }).optional(),
    /** SINBA `EsitoInserimentoStruttura` (1–9). */
    esito: siussCode(`${SINBA}@EsitoInserimentoStruttura`, { it: "Esito dell'inserimento", en: 'Outcome of the placement' }).optional(),
  },
  { it: 'Inserimento residenziale', en: 'Residential placement' },
);

/**
 * zod schema of a {@link Provvedimento}.
 *
 * @example
 * ```ts
 * import { provvedimentoSchema } from '@riuso-sociale/csi-model';
 * provvedimentoSchema.shape.status.options; // ['attivo', 'modificato', 'cessato', 'entered-in-error']
 * ```
 */
export const provvedimentoSchema = obj(
  {
    ...baseFields('provvedimento'),
    ...lifecycleFields(STATES.provvedimento),
    /** The person the order concerns. */
    persona: idSchema('persona'),
    /** The presa in carico. */
    presaInCarico: idSchema('presa-in-carico').optional(),
    /** Authority: SINBA `AutoritaProvvedimento` (system `siuss.sinba.autorita-provvedimento`) for minors; any system otherwise. */
    autorita: codedSchema(),
    /** The court or office, free text (e.g. "Tribunale per i minorenni di Milano"). */
    sedeAutorita: text({ it: "Sede dell'autorità", en: 'Court or office' }, 200).optional(),
    /** Type of order: SINBA `TipoProvvedimentoGiudiziario` (system `siuss.sinba.tipo-provvedimento`) for minors; any system otherwise. */
    tipo: codedSchema(),
    /** Measures on parental authority or guardianship: SINBA `PotestaTutela` (system `siuss.sinba.potesta-tutela`). */
    potestaTutela: codedSchema().optional(),
    /** Number of the order (registro generale, cronologico…). */
    numero: text({ it: 'Numero del provvedimento', en: 'Order number' }, 60).optional(),
    /** Date of the order. */
    data: dateSchema,
    /** Effective from. */
    dal: dateSchema,
    /** Effective until (required when `cessato`). */
    al: dateSchema.optional(),
    /** Prescriptions to the service or to the family. */
    prescrizioni: list(text({ it: 'Prescrizione', en: 'Prescription' }, 2000), { it: 'Prescrizioni', en: 'Prescriptions' }, 50).optional(),
    /** Foster care ordered. */
    affido: affidoSchema.optional(),
    /** Residential placement ordered. */
    inserimentoResidenziale: inserimentoSchema.optional(),
    /** The document of the order. */
    documento: idSchema('documento').optional(),
    /** The order this one modifies. */
    modificaDi: idSchema('provvedimento').optional(),
  },
  { it: 'Provvedimento giudiziario', en: 'Court order' },
).superRefine((p, ctx) => {
  checkLifecycle(ctx, p);
  checkCode(ctx, p.autorita, ['autorita']);
  checkCode(ctx, p.tipo, ['tipo']);
  checkCode(ctx, p.potestaTutela, ['potestaTutela']);
  checkPeriod(ctx, p.dal, p.al, ['al']);
  requireIn(ctx, p.status, ['cessato'], p.al, ['al'], { it: 'Data di cessazione', en: 'End date' });
  if (p.modificaDi !== undefined && p.modificaDi === p.id) {
    issue(ctx, ['modificaDi'], 'Un provvedimento non modifica se stesso', 'An order does not modify itself');
  }
});

/**
 * A ProvvedimentoGiudiziario (output of {@link provvedimentoSchema}).
 *
 * @example
 * ```ts
 * import type { Provvedimento } from '@riuso-sociale/csi-model';
 * type E = NonNullable<Provvedimento['affido']>['esito']; // '1' | … | '9' | undefined
 * ```
 */
export type Provvedimento = z.output<typeof provvedimentoSchema>;
