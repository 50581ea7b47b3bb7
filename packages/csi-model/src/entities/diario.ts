// SPDX-License-Identifier: BSD-3-Clause
/**
 * DiarioSociale (spec §A3 #12, ≈ FHIR Encounter + Communication): an entry of the social diary —
 * interview, home visit, phone call, team meeting, network meeting — with participants, text and
 * confidentiality level (normal, équipe only, author only: SISO "secondo livello", professional secrecy,
 * spec §A5). States `bozza → firmato`: a signed entry is immutable, corrections are new entries that
 * point to it (`addendumDi`).
 * @module
 */
import { z } from 'zod';
import { baseFields, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { checkLifecycle, checkUnique, issue, list, obj, oneOf, text } from './common.js';

/** Kinds of entry (spec §A3 #12). */
const TIPI = ['colloquio', 'visita-domiciliare', 'telefonata', 'equipe', 'rete', 'altro'] as const;

/** Confidentiality levels (spec §A3 #12). */
const RISERVATEZZA = ['normale', 'equipe', 'solo-autore'] as const;

/**
 * zod schema of a {@link Diario} entry.
 *
 * @example
 * ```ts
 * import { diarioSchema } from '@riuso-sociale/csi-model';
 * diarioSchema.shape.riservatezza.options; // ['normale', 'equipe', 'solo-autore']
 * ```
 */
export const diarioSchema = obj(
  {
    ...baseFields('diario'),
    ...lifecycleFields(STATES.diario),
    /** The person. */
    persona: idSchema('persona'),
    /** The presa in carico. */
    presaInCarico: idSchema('presa-in-carico').optional(),
    /** Kind of entry. */
    tipo: oneOf(TIPI, { it: 'Tipo di annotazione', en: 'Kind of entry' }),
    /** Date of the event recorded. */
    data: dateSchema,
    /** The author. */
    autore: idSchema('operatore'),
    /** Who took part (free text: names or roles). */
    partecipanti: list(text({ it: 'Partecipante', en: 'Participant' }, 200), { it: 'Partecipanti', en: 'Participants' }, 50).optional(),
    /** The text. */
    testo: text({ it: 'Testo', en: 'Text' }, 100_000),
    /** Who may read it. */
    riservatezza: oneOf(RISERVATEZZA, { it: 'Riservatezza', en: 'Confidentiality' }),
    /** Goals the entry refers to. */
    obiettivi: list(idSchema('obiettivo'), { it: 'Obiettivi', en: 'Goals' }, 50).optional(),
    /** The signed entry this one corrects or completes. */
    addendumDi: idSchema('diario').optional(),
  },
  { it: 'Diario sociale', en: 'Social diary' },
).superRefine((d, ctx) => {
  checkLifecycle(ctx, d);
  checkUnique(ctx, d.obiettivi, ['obiettivi']);
  if (d.addendumDi !== undefined && d.addendumDi === d.id) {
    issue(ctx, ['addendumDi'], "Un'annotazione non è addendum di se stessa", 'An entry is not an addendum to itself');
  }
});

/**
 * A DiarioSociale entry (output of {@link diarioSchema}).
 *
 * @example
 * ```ts
 * import type { Diario } from '@riuso-sociale/csi-model';
 * type S = Diario['status']; // 'bozza' | 'firmato' | 'entered-in-error'
 * ```
 */
export type Diario = z.output<typeof diarioSchema>;
