// SPDX-License-Identifier: BSD-3-Clause
/**
 * Ente (spec §A3 #17): a public body or provider — Comune, Ambito territoriale, union of Comuni,
 * consortium, ASP, health authority, accredited provider (ente gestore) — with its IPA, Belfiore and
 * ISTAT codes, the Ambito it belongs to (SIOSS registry) and the Comuni of an Ambito. No lifecycle in
 * `STATES`: `attivo` and `cessatoIl` (spec: "attivo / cessato").
 * @module
 */
import { z } from 'zod';
import { baseFields, dateSchema } from '../base.js';
import { belfioreSchema, bool, checkBase, checkUnique, issue, istatComuneSchema, list, obj, oneOf, pattern, text } from './common.js';

/** Kinds of body (spec §A3 #17; model vocabulary). */
const TIPI = ['comune', 'ambito', 'unione-comuni', 'consorzio', 'asp', 'azienda-sanitaria', 'ente-gestore', 'altro'] as const;

/**
 * zod schema of an {@link Ente}.
 *
 * @example
 * ```ts
 * import { enteSchema } from '@riuso-sociale/csi-model';
 * enteSchema.shape.tipo.options.includes('ambito'); // true
 * ```
 */
export const enteSchema = obj(
  {
    ...baseFields('ente'),
    /** Kind of body. */
    tipo: oneOf(TIPI, { it: 'Tipo di ente', en: 'Kind of body' }),
    /** Name. */
    denominazione: text({ it: 'Denominazione', en: 'Name' }, 300),
    /** Codice fiscale of the body (11 digits). */
    codiceFiscale: pattern({ it: "Codice fiscale dell'ente", en: 'Fiscal code of the body' }, /^\d{11}$/, { it: '11 cifre', en: '11 digits' }).optional(),
    /** IPA code (indicepa.gov.it), e.g. `c_f205`. */
    codiceIpa: pattern({ it: 'Codice IPA', en: 'IPA code' }, /^[a-z0-9_]{2,20}$/i, { it: '2–20 lettere, cifre o _', en: '2–20 letters, digits or _' }).optional(),
    /** Belfiore code (Comuni; required for a Comune). */
    belfiore: belfioreSchema.optional(),
    /** ISTAT code of the Comune. */
    istat: istatComuneSchema.optional(),
    /** The Ambito territoriale it belongs to (code of the SIOSS registry, free: not shipped). */
    ambito: obj(
      {
        /** Code of the Ambito. */
        codice: text({ it: "Codice dell'Ambito", en: 'Ambito code' }, 40),
        /** Name of the Ambito. */
        denominazione: text({ it: "Denominazione dell'Ambito", en: 'Ambito name' }, 300).optional(),
      },
      { it: 'Ambito territoriale', en: 'Social district' },
    ).optional(),
    /** For an Ambito or union: the Belfiore codes of its Comuni. */
    comuni: list(belfioreSchema, { it: 'Comuni', en: 'Municipalities' }, 500).optional(),
    /** Accredited provider. */
    accreditato: bool({ it: 'Accreditato', en: 'Accredited' }).optional(),
    /** Active. */
    attivo: bool({ it: 'Attivo', en: 'Active' }),
    /** Ceased on (then `attivo` is false). */
    cessatoIl: dateSchema.optional(),
  },
  { it: 'Ente', en: 'Body' },
).superRefine((e, ctx) => {
  checkBase(ctx, e);
  checkUnique(ctx, e.comuni, ['comuni']);
  if (e.tipo === 'comune' && e.belfiore === undefined) issue(ctx, ['belfiore'], 'Comune senza codice Belfiore', 'Comune without a Belfiore code');
  if (e.cessatoIl !== undefined && e.attivo) issue(ctx, ['attivo'], 'Ente cessato ma indicato come attivo', 'Body ceased but marked active');
});

/**
 * An Ente (output of {@link enteSchema}).
 *
 * @example
 * ```ts
 * import type { Ente } from '@riuso-sociale/csi-model';
 * type T = Ente['tipo']; // 'comune' | 'ambito' | …
 * ```
 */
export type Ente = z.output<typeof enteSchema>;
