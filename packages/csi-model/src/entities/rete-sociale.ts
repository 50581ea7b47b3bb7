// SPDX-License-Identifier: BSD-3-Clause
/**
 * ReteSociale (spec §A3 #3): the informal network around a person — carers, relatives who do not live
 * with them, neighbours, volunteers, the assistente personale — with who gives which support, and the
 * overall presence of the network in the SIUSS SINA terms (`SINA@AreaSupporto`: 1 present, 2 partial or
 * temporary, 3 absent). No lifecycle in `STATES`: the network is active until `conclusaIl`, and each
 * member from `dal` to `al`.
 * @module
 */
import { z } from 'zod';
import { baseFields, dateSchema } from '../base.js';
import { idSchema } from '../ids.js';
import { checkBase, checkPeriod, issue, list, obj, oneOf, siussCode, text } from './common.js';

/**
 * Kinds of member of the network: the model's own vocabulary, from the wording of spec §A3 #3 ("informal
 * carers, non-cohabiting relatives, neighbours, volunteers, assistente personale / caregiver"); not a
 * published code list.
 */
const TIPI_MEMBRO = ['caregiver-familiare', 'parente-non-convivente', 'vicinato', 'amico', 'volontario', 'assistente-personale', 'altro'] as const;

const membroSchema = obj(
  {
    /** The member, when recorded as a Persona. */
    persona: idSchema('persona').optional(),
    /** Name or description, when not recorded as a Persona (e.g. "vicina di casa"). */
    nominativo: text({ it: 'Nominativo', en: 'Name' }, 200).optional(),
    /** Kind of member. */
    tipo: oneOf(TIPI_MEMBRO, { it: 'Tipo di membro della rete', en: 'Kind of network member' }),
    /** The support given (free text: care, company, transport, money…). */
    supporto: text({ it: 'Supporto fornito', en: 'Support given' }, 1000).optional(),
    /** Member since. */
    dal: dateSchema.optional(),
    /** Member until. */
    al: dateSchema.optional(),
  },
  { it: 'Membro della rete sociale', en: 'Social network member' },
).superRefine((m, ctx) => {
  if (m.persona === undefined && m.nominativo === undefined) {
    issue(ctx, ['nominativo'], 'Indicare la persona o il nominativo', 'Give the person or a name');
  }
  checkPeriod(ctx, m.dal, m.al, ['al']);
});

/**
 * zod schema of a {@link ReteSociale}.
 *
 * @example
 * ```ts
 * import { reteSocialeSchema } from '@riuso-sociale/csi-model';
 * reteSocialeSchema.shape.areaSupporto.unwrap().options; // ['1', '2', '3'] (SINA AreaSupporto)
 * ```
 */
export const reteSocialeSchema = obj(
  {
    ...baseFields('rete-sociale'),
    /** The person the network surrounds. */
    persona: idSchema('persona'),
    /** Date the network was recorded. */
    rilevataIl: dateSchema,
    /** The network no longer applies from this date (absent: active). */
    conclusaIl: dateSchema.optional(),
    /** Members. */
    membri: list(membroSchema, { it: 'Membri della rete', en: 'Network members' }, 100),
    /** Overall presence of the network, SINA `AreaSupporto` codes (PS_PSA_SINA201812.xsd). */
    areaSupporto: siussCode('Flusso/Beneficiario/PrestazioniSociali/SINA@AreaSupporto', { it: 'Presenza della rete', en: 'Presence of the network' }).optional(),
    /** Notes. */
    note: text({ it: 'Note', en: 'Notes' }, 4000).optional(),
  },
  { it: 'Rete sociale', en: 'Social network' },
).superRefine((r, ctx) => {
  checkBase(ctx, r);
  checkPeriod(ctx, r.rilevataIl, r.conclusaIl, ['conclusaIl']);
  r.membri.forEach((m, i) => {
    if (m.persona !== undefined && m.persona === r.persona) {
      issue(ctx, ['membri', i, 'persona'], 'La persona non è membro della propria rete', 'The person is not a member of their own network');
    }
  });
});

/**
 * A ReteSociale (output of {@link reteSocialeSchema}).
 *
 * @example
 * ```ts
 * import type { ReteSociale } from '@riuso-sociale/csi-model';
 * type T = ReteSociale['membri'][number]['tipo']; // 'caregiver-familiare' | 'vicinato' | …
 * ```
 */
export type ReteSociale = z.output<typeof reteSocialeSchema>;
