// SPDX-License-Identifier: BSD-3-Clause
/**
 * Servizio / UnitàOfferta (spec §A3 #17): an office or service of an Ente (servizio sociale
 * professionale, segretariato, tutela minori…) or a unit of offer (a day centre, a residence), with its
 * code in the CISIS nomenclatore (external system, not shipped), the SIUSS user areas it serves and the
 * Ente that runs it. No lifecycle in `STATES`: `attivo` and `cessatoIl`.
 * @module
 */
import { z } from 'zod';
import { baseFields, codedSchema, dateSchema } from '../base.js';
import { idSchema } from '../ids.js';
import { bool, checkBase, checkCode, issue, list, obj, oneOf, text } from './common.js';

/**
 * zod schema of a {@link Servizio}.
 *
 * @example
 * ```ts
 * import { servizioSchema } from '@riuso-sociale/csi-model';
 * servizioSchema.shape.tipo.options; // ['ufficio', 'servizio', 'unita-offerta']
 * ```
 */
export const servizioSchema = obj(
  {
    ...baseFields('servizio'),
    /** An office, a service, or a unit of offer. */
    tipo: oneOf(['ufficio', 'servizio', 'unita-offerta'] as const, { it: 'Tipo', en: 'Kind' }),
    /** Name. */
    denominazione: text({ it: 'Denominazione', en: 'Name' }, 300),
    /** Code in the CISIS nomenclatore or another catalogue (any system: not shipped). */
    codiceNomenclatore: codedSchema().optional(),
    /** SIUSS user areas served. */
    areeUtenza: list(codedSchema('siuss.area-utenza'), { it: 'Aree utenza', en: 'User areas' }, 3).optional(),
    /** The body that runs it (when not the holder Ente, e.g. an accredited provider). */
    gestore: idSchema('ente').optional(),
    /** The service a unit of offer belongs to. */
    parteDi: idSchema('servizio').optional(),
    /** Address. */
    indirizzo: text({ it: 'Indirizzo', en: 'Address' }, 300).optional(),
    /** Active. */
    attivo: bool({ it: 'Attivo', en: 'Active' }),
    /** Ceased on (then `attivo` is false). */
    cessatoIl: dateSchema.optional(),
  },
  { it: 'Servizio', en: 'Service' },
).superRefine((s, ctx) => {
  checkBase(ctx, s);
  checkCode(ctx, s.codiceNomenclatore, ['codiceNomenclatore']);
  s.areeUtenza?.forEach((a, i) => checkCode(ctx, a, ['areeUtenza', i]));
  const seen = new Set<string>();
  s.areeUtenza?.forEach((a, i) => {
    if (seen.has(a.code)) issue(ctx, ['areeUtenza', i], 'Area utenza ripetuta', 'Repeated user area');
    seen.add(a.code);
  });
  if (s.parteDi !== undefined && s.parteDi === s.id) issue(ctx, ['parteDi'], 'Un servizio non è parte di se stesso', 'A service is not part of itself');
  if (s.cessatoIl !== undefined && s.attivo) issue(ctx, ['attivo'], 'Servizio cessato ma indicato come attivo', 'Service ceased but marked active');
});

/**
 * A Servizio / UnitàOfferta (output of {@link servizioSchema}).
 *
 * @example
 * ```ts
 * import type { Servizio } from '@riuso-sociale/csi-model';
 * type T = Servizio['tipo']; // 'ufficio' | 'servizio' | 'unita-offerta'
 * ```
 */
export type Servizio = z.output<typeof servizioSchema>;
