// SPDX-License-Identifier: BSD-3-Clause
/**
 * FlussoSIUSS (spec §A3 #19): a flow sent to INPS through the WaaS API — its `id_flusso`, kind
 * (`PS_PSA_SINA` or `SINBA`), when it was generated, the SHA-256 of the payload, the erogazioni and
 * valutazioni it carries, and the outcome INPS returned (`POST /esiti`: `OK`, `DATI_NON_TROVATI`,
 * `RICHIESTA_INVALIDA`, `ERRORE_GENERICO`, with `id_acquisizione_siuss`). States `generato → inviato →
 * accettato / scartato`.
 * @module
 */
import { flowNameTipoMatches, parseFlowName, WAAS_CODICI_ESITO } from '@riuso-sociale/siuss-schema';
import { z } from 'zod';
import { baseFields, instantSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkLifecycle, checkUnique, issue, list, obj, oneOf, sha256Schema, text } from './common.js';

/**
 * zod schema of a {@link FlussoSiuss}.
 *
 * @example
 * ```ts
 * import { flussoSiussSchema } from '@riuso-sociale/csi-model';
 * flussoSiussSchema.shape.tipo.options; // ['PS_PSA_SINA', 'SINBA']
 * ```
 */
export const flussoSiussSchema = obj(
  {
    ...baseFields('flusso-siuss'),
    ...lifecycleFields(STATES['flusso-siuss']),
    /** Kind of flow (WaaS `tipo`). */
    tipo: oneOf(['PS_PSA_SINA', 'SINBA'] as const, { it: 'Tipo di flusso', en: 'Kind of flow' }),
    /** `id_flusso` / `IdentificazioneFlusso@Nome` (e.g. `F205.PS.20250301.0000001`). */
    nome: text({ it: 'Nome del flusso', en: 'Flow name' }, 64),
    /** When the flow was generated. */
    generatoAt: instantSchema,
    /** SHA-256 of the XML payload, lower-case hex. */
    hashPayload: sha256Schema,
    /** Erogazioni carried (PS_PSA_SINA flows). */
    erogazioni: list(idSchema('erogazione'), { it: 'Erogazioni', en: 'Deliveries' }, 100_000),
    /** Valutazioni carried (SINA inside PS_PSA_SINA, SINBA records). */
    valutazioni: list(idSchema('valutazione'), { it: 'Valutazioni', en: 'Assessments' }, 100_000),
    /** The outcome returned by INPS. */
    esito: obj(
      {
        /** WaaS `codice_esito`. */
        codice: oneOf(WAAS_CODICI_ESITO, { it: "Codice dell'esito", en: 'Outcome code' }),
        /** `id_acquisizione_siuss`. */
        idAcquisizione: text({ it: 'Identificativo di acquisizione', en: 'Acquisition identifier' }, 100).optional(),
        /** When the outcome arrived. */
        at: instantSchema,
      },
      { it: 'Esito', en: 'Outcome' },
    ).optional(),
  },
  { it: 'Flusso SIUSS', en: 'SIUSS flow' },
).superRefine((f, ctx) => {
  checkLifecycle(ctx, f);
  const name = parseFlowName(f.nome);
  if (!name.ok) {
    const first = name.issues[0];
    issue(ctx, ['nome'], first.message, first.messageEn);
  } else if (!flowNameTipoMatches(name.value.tipo, f.tipo)) {
    issue(ctx, ['nome'], `Nome di flusso di tipo ${name.value.tipo} per un flusso ${f.tipo}`, `Flow name of type ${name.value.tipo} for a ${f.tipo} flow`);
  }
  if (f.tipo === 'SINBA') {
    if (f.erogazioni.length > 0) issue(ctx, ['erogazioni'], 'Un flusso SINBA non porta erogazioni', 'A SINBA flow carries no deliveries');
    if (f.valutazioni.length === 0) issue(ctx, ['valutazioni'], 'Un flusso SINBA porta almeno una valutazione', 'A SINBA flow carries at least one assessment');
  } else if (f.erogazioni.length === 0) {
    issue(ctx, ['erogazioni'], 'Un flusso PS_PSA_SINA porta almeno una erogazione', 'A PS_PSA_SINA flow carries at least one delivery');
  }
  checkUnique(ctx, f.erogazioni, ['erogazioni']);
  checkUnique(ctx, f.valutazioni, ['valutazioni']);
  if (f.esito !== undefined && Date.parse(f.esito.at) < Date.parse(f.generatoAt)) {
    issue(ctx, ['esito', 'at'], 'Esito precedente alla generazione del flusso', 'Outcome before the flow was generated');
  }
  if (f.status === 'accettato' && f.esito?.codice !== 'OK') {
    issue(ctx, ['esito'], 'Flusso accettato senza esito OK', 'Flow accepted without an OK outcome');
  }
  if (f.status === 'scartato' && f.esito !== undefined && f.esito.codice === 'OK') {
    issue(ctx, ['esito'], 'Flusso scartato con esito OK', 'Flow rejected with an OK outcome');
  }
});

/**
 * A FlussoSIUSS (output of {@link flussoSiussSchema}).
 *
 * @example
 * ```ts
 * import type { FlussoSiuss } from '@riuso-sociale/csi-model';
 * type C = NonNullable<FlussoSiuss['esito']>['codice']; // 'OK' | 'DATI_NON_TROVATI' | 'RICHIESTA_INVALIDA' | 'ERRORE_GENERICO'
 * ```
 */
export type FlussoSiuss = z.output<typeof flussoSiussSchema>;
