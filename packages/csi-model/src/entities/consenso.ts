// SPDX-License-Identifier: BSD-3-Clause
/**
 * Informativa / Consenso / Autorizzazione (spec §A3 #15, ≈ FHIR Consent): a privacy notice given
 * (GDPR art. 13), a specific consent, a data-sharing authorisation or a delegation — purpose, scope,
 * recipients, who signed and in which capacity (the person, a parent, tutor, curator, amministratore di
 * sostegno: spec §A5), the evidence document, expiry. The CSI's legal basis is not consent (spec §A5:
 * GDPR art. 6(1)(e), 9(2)(g)(h)); these records cover what still needs one. States `proposto → attivo →
 * revocato / scaduto / rifiutato`.
 * @module
 */
import { z } from 'zod';
import { baseFields, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkLifecycle, checkPeriod, issue, list, obj, oneOf, requireIn, text } from './common.js';

/** Kinds (spec §A3 #15). */
const TIPI = ['informativa', 'consenso', 'autorizzazione-condivisione', 'delega'] as const;

/** Capacity of the signer (spec §A5). */
const RUOLI_FIRMATARIO = ['interessato', 'genitore', 'tutore', 'curatore', 'amministratore-di-sostegno', 'delegato'] as const;

/**
 * zod schema of a {@link Consenso}.
 *
 * @example
 * ```ts
 * import { consensoSchema } from '@riuso-sociale/csi-model';
 * consensoSchema.shape.tipo.options; // ['informativa', 'consenso', 'autorizzazione-condivisione', 'delega']
 * ```
 */
export const consensoSchema = obj(
  {
    ...baseFields('consenso'),
    ...lifecycleFields(STATES.consenso),
    /** The data subject. */
    persona: idSchema('persona'),
    /** Kind of record. */
    tipo: oneOf(TIPI, { it: 'Tipo', en: 'Kind' }),
    /** Purpose. */
    finalita: text({ it: 'Finalità', en: 'Purpose' }, 1000),
    /** Scope: which data or records. */
    ambito: text({ it: 'Ambito', en: 'Scope' }, 1000).optional(),
    /** Recipients (for sharing authorisations). */
    destinatari: list(text({ it: 'Destinatario', en: 'Recipient' }, 200), { it: 'Destinatari', en: 'Recipients' }, 50).optional(),
    /** The delegate (for a delegation). */
    delegato: idSchema('persona').optional(),
    /** Who signed, in which capacity. */
    firmatario: obj(
      {
        /** Capacity in which they sign. */
        ruolo: oneOf(RUOLI_FIRMATARIO, { it: 'Ruolo del firmatario', en: "Signer's capacity" }),
        /** The signer, when a Persona (required unless `interessato`, or give `nominativo`). */
        persona: idSchema('persona').optional(),
        /** The signer's name, when not recorded as a Persona. */
        nominativo: text({ it: 'Nominativo del firmatario', en: "Signer's name" }, 200).optional(),
      },
      { it: 'Firmatario', en: 'Signer' },
    ),
    /** Date given or signed. */
    data: dateSchema,
    /** Expiry. */
    scadenza: dateSchema.optional(),
    /** Date revoked (required when `revocato`). */
    revocatoIl: dateSchema.optional(),
    /** Evidence (the signed form, the notice given). */
    documento: idSchema('documento').optional(),
  },
  { it: 'Consenso', en: 'Consent' },
).superRefine((c, ctx) => {
  checkLifecycle(ctx, c);
  checkPeriod(ctx, c.data, c.scadenza, ['scadenza'], { it: 'La scadenza', en: 'The expiry' });
  checkPeriod(ctx, c.data, c.revocatoIl, ['revocatoIl'], { it: 'La revoca', en: 'The revocation' });
  requireIn(ctx, c.status, ['revocato'], c.revocatoIl, ['revocatoIl'], { it: 'Data della revoca', en: 'Revocation date' });
  requireIn(ctx, c.status, ['scaduto'], c.scadenza, ['scadenza'], { it: 'Scadenza', en: 'Expiry' });
  if (c.firmatario.ruolo !== 'interessato' && c.firmatario.persona === undefined && c.firmatario.nominativo === undefined) {
    issue(ctx, ['firmatario', 'persona'], "Firmatario diverso dall'interessato: indicare la persona o il nominativo", 'Signer other than the data subject: give the person or the name');
  }
  if (c.firmatario.ruolo === 'interessato' && c.firmatario.persona !== undefined && c.firmatario.persona !== c.persona) {
    issue(ctx, ['firmatario', 'persona'], "Firmatario «interessato» diverso dalla persona", 'Signer "interessato" differs from the data subject');
  }
  if (c.tipo === 'delega' && c.delegato === undefined) issue(ctx, ['delegato'], 'Delega senza delegato', 'Delegation without a delegate');
});

/**
 * An Informativa / Consenso / Autorizzazione (output of {@link consensoSchema}).
 *
 * @example
 * ```ts
 * import type { Consenso } from '@riuso-sociale/csi-model';
 * type R = Consenso['firmatario']['ruolo']; // 'interessato' | 'genitore' | 'tutore' | …
 * ```
 */
export type Consenso = z.output<typeof consensoSchema>;
