// SPDX-License-Identifier: BSD-3-Clause
/**
 * ProgettoPersonalizzato (spec §A3 #8): PAI, PaIS, PEI, PID, progetto di vita — the plan agreed with
 * the person inside a presa in carico: the person's commitments (impegni), budget, next review,
 * signatures (with the signer's capacity, spec §A5) and the reviews with their outcome (continue /
 * change / close / reassess, spec §A4). Goals (`Obiettivo.progetto`) and supports (`Intervento.progetto`)
 * point to the project. States `bozza → proposto → attivo → in-revisione → concluso / interrotto`.
 * @module
 */
import { z } from 'zod';
import { baseFields, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { cents, checkLifecycle, checkPeriod, issue, list, obj, oneOf, requireIn, text } from './common.js';

/** Kinds of project named by spec §A3 #8. */
const TIPI = ['pai', 'pais', 'pei', 'pid', 'progetto-di-vita', 'altro'] as const;

/** Who signs (spec §A5: the signer's capacity is recorded). */
const FIRMATARI = ['beneficiario', 'genitore', 'tutore', 'curatore', 'amministratore-di-sostegno', 'componente-nucleo', 'case-manager', 'altro'] as const;

/** Outcome of a review (spec §A4, after the Danish FFB E1–E4: continue / change / close / reassess). */
const ESITI_REVISIONE = ['prosegue', 'modifica', 'chiude', 'rivaluta'] as const;

const impegnoSchema = obj(
  {
    /** What is promised. */
    descrizione: text({ it: 'Impegno', en: 'Commitment' }, 2000),
    /** Who commits. */
    soggetto: oneOf(['beneficiario', 'nucleo', 'servizio', 'altro'] as const, { it: "Chi assume l'impegno", en: 'Who commits' }),
    /** The member who commits, when a Persona. */
    persona: idSchema('persona').optional(),
    /** By when. */
    entro: dateSchema.optional(),
  },
  { it: 'Impegno', en: 'Commitment' },
);

const sottoscrizioneSchema = obj(
  {
    /** Capacity in which they sign. */
    firmatario: oneOf(FIRMATARI, { it: 'Firmatario', en: 'Signer' }),
    /** The signer, when a Persona. */
    persona: idSchema('persona').optional(),
    /** The signer, when an operator. */
    operatore: idSchema('operatore').optional(),
    /** Date of signature. */
    data: dateSchema,
    /** The signed document. */
    documento: idSchema('documento').optional(),
  },
  { it: 'Sottoscrizione', en: 'Signature' },
).superRefine((s, ctx) => {
  if (s.firmatario === 'case-manager' ? s.operatore === undefined : s.persona === undefined && s.operatore === undefined) {
    issue(ctx, [s.firmatario === 'case-manager' ? 'operatore' : 'persona'], 'Manca chi firma', 'The signer is missing');
  }
});

const revisioneSchema = obj(
  {
    /** Date of the review. */
    data: dateSchema,
    /** Outcome. */
    esito: oneOf(ESITI_REVISIONE, { it: 'Esito della revisione', en: 'Outcome of the review' }),
    /** Notes. */
    note: text({ it: 'Note della revisione', en: 'Review notes' }, 4000).optional(),
  },
  { it: 'Revisione', en: 'Review' },
);

/**
 * zod schema of a {@link Progetto}.
 *
 * @example
 * ```ts
 * import { progettoSchema } from '@riuso-sociale/csi-model';
 * progettoSchema.shape.tipo.options; // ['pai', 'pais', 'pei', 'pid', 'progetto-di-vita', 'altro']
 * ```
 */
export const progettoSchema = obj(
  {
    ...baseFields('progetto'),
    ...lifecycleFields(STATES.progetto),
    /** The person the project is for. */
    persona: idSchema('persona'),
    /** The presa in carico. */
    presaInCarico: idSchema('presa-in-carico'),
    /** Kind of project. */
    tipo: oneOf(TIPI, { it: 'Tipo di progetto', en: 'Kind of project' }),
    /** Title. */
    titolo: text({ it: 'Titolo', en: 'Title' }, 200).optional(),
    /** The case manager responsible. */
    caseManager: idSchema('operatore'),
    /** Start date. */
    dal: dateSchema,
    /** End date (when `concluso` or `interrotto`). */
    al: dateSchema.optional(),
    /** Next review date. */
    prossimaRevisione: dateSchema.optional(),
    /** Commitments of the person and the household. */
    impegni: list(impegnoSchema, { it: 'Impegni', en: 'Commitments' }, 100).optional(),
    /** Budget of the project. */
    budgetCents: cents({ it: 'Budget', en: 'Budget' }).optional(),
    /** Signatures (at least one when `attivo`). */
    sottoscrizioni: list(sottoscrizioneSchema, { it: 'Sottoscrizioni', en: 'Signatures' }, 20).optional(),
    /** Reviews. */
    revisioni: list(revisioneSchema, { it: 'Revisioni', en: 'Reviews' }, 200).optional(),
  },
  { it: 'Progetto personalizzato', en: 'Personal plan' },
).superRefine((p, ctx) => {
  checkLifecycle(ctx, p);
  checkPeriod(ctx, p.dal, p.al, ['al']);
  checkPeriod(ctx, p.dal, p.prossimaRevisione, ['prossimaRevisione'], { it: 'La prossima revisione', en: 'The next review' });
  requireIn(ctx, p.status, ['concluso', 'interrotto'], p.al, ['al'], { it: 'Data di fine', en: 'End date' });
  if (p.status === 'attivo' && (p.sottoscrizioni ?? []).length === 0) {
    issue(ctx, ['sottoscrizioni'], 'Progetto attivo senza sottoscrizioni', 'Active plan without signatures');
  }
  p.revisioni?.forEach((r, i) => checkPeriod(ctx, p.dal, r.data, ['revisioni', i, 'data'], { it: 'La revisione', en: 'The review' }));
});

/**
 * A ProgettoPersonalizzato (output of {@link progettoSchema}).
 *
 * @example
 * ```ts
 * import type { Progetto } from '@riuso-sociale/csi-model';
 * type S = Progetto['status']; // 'bozza' | 'proposto' | 'attivo' | 'in-revisione' | 'concluso' | 'interrotto' | 'entered-in-error'
 * ```
 */
export type Progetto = z.output<typeof progettoSchema>;
