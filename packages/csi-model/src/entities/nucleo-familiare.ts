// SPDX-License-Identifier: BSD-3-Clause
/**
 * NucleoFamiliare and its Relazioni (spec §A3 #2): the household as registered (`anagrafico`, ANPR), as
 * declared in a DSU (`isee`) or as it actually lives (`di-fatto`), with the members and their relation
 * to the applicant, and the economic data of the ISEE attestation that the eligibility rules read
 * (`@riuso-sociale/rei-eligibility` `Household`). No lifecycle: every change is a new versioned
 * snapshot (`validoDal`/`validoAl`).
 * @module
 */
import { HOUSEHOLD_RELATIONS, HOUSING_TENURES, ISEE_KINDS } from '@riuso-sociale/rei-eligibility';
import { z } from 'zod';
import { baseFields, dateSchema } from '../base.js';
import { idSchema } from '../ids.js';
import { bool, cents, checkBase, checkPeriod, int, issue, list, obj, oneOf, text } from './common.js';

/**
 * Relation of a member to the applicant (spec §A3 #2, model vocabulary): the rei-eligibility list, so
 * the adapter to its `Household` passes the relation through unchanged. Tenure and ISEE kind likewise.
 */
const RELAZIONI = HOUSEHOLD_RELATIONS;

const componenteSchema = obj(
  {
    /** The member. */
    persona: idSchema('persona'),
    /** Relation to the applicant. */
    relazione: oneOf(RELAZIONI, { it: 'Relazione con il richiedente', en: 'Relation to the applicant' }),
    /** Member since. */
    dal: dateSchema,
    /** Member until. */
    al: dateSchema.optional(),
  },
  { it: 'Componente del nucleo', en: 'Household member' },
);

const abitazioneSchema = obj(
  {
    /** Tenure of the home. */
    titolo: oneOf(HOUSING_TENURES, { it: "Titolo di godimento dell'abitazione", en: 'Tenure of the home' }),
    /** Annual rent (when rented). */
    canoneAnnuoCents: cents({ it: 'Canone annuo', en: 'Annual rent' }).optional(),
    /** The lease is registered (when rented). */
    contrattoRegistrato: bool({ it: 'Contratto di locazione registrato', en: 'Registered lease' }).optional(),
    /** Annual mortgage instalment (when mortgaged). */
    rataMutuoAnnuaCents: cents({ it: 'Rata annua del mutuo', en: 'Annual mortgage instalment' }).optional(),
  },
  { it: 'Abitazione', en: 'Home' },
).superRefine((a, ctx) => {
  if (a.titolo !== 'affitto' && (a.canoneAnnuoCents !== undefined || a.contrattoRegistrato !== undefined)) {
    issue(ctx, [a.canoneAnnuoCents !== undefined ? 'canoneAnnuoCents' : 'contrattoRegistrato'], 'Canone indicato ma abitazione non in affitto', 'Rent given but the home is not rented');
  }
  if (a.titolo !== 'mutuo' && a.rataMutuoAnnuaCents !== undefined) {
    issue(ctx, ['rataMutuoAnnuaCents'], 'Rata indicata ma nessun mutuo', 'Instalment given but no mortgage');
  }
});

const datiEconomiciSchema = obj(
  {
    /** ISEE value. */
    iseeCents: cents({ it: 'Valore ISEE', en: 'ISEE value' }).optional(),
    /** Kind of ISEE. */
    iseeTipo: oneOf(ISEE_KINDS, { it: 'Tipo di ISEE', en: 'ISEE kind' }).optional(),
    /** The ISEE is the one for benefits to minors. */
    iseeMinorenni: bool({ it: 'ISEE per prestazioni ai minorenni', en: "ISEE for minors' benefits" }).optional(),
    /** Date the DSU was filed. */
    dsuData: dateSchema.optional(),
    /** ISR (indicatore della situazione reddituale). */
    isrCents: cents({ it: 'ISR', en: 'ISR' }).optional(),
    /** ISRE (ISR ÷ scala di equivalenza). */
    isreCents: cents({ it: 'ISRE', en: 'ISRE' }).optional(),
    /** Equivalence scale of the attestation, in hundredths (2.04 → 204); at least 1.00. */
    scalaIseeCentesimi: int({ it: 'Scala di equivalenza ISEE in centesimi', en: 'ISEE equivalence scale in hundredths' }, 100, 10_000).optional(),
    /** ISP (indicatore della situazione patrimoniale). */
    ispCents: cents({ it: 'ISP', en: 'ISP' }).optional(),
    /** Household income. */
    redditoFamiliareCents: cents({ it: 'Reddito familiare', en: 'Household income' }).optional(),
    /** Financial assets. */
    patrimonioMobiliareCents: cents({ it: 'Patrimonio mobiliare', en: 'Financial assets' }).optional(),
    /** Real estate other than the home. */
    patrimonioImmobiliareEsclusaCasaCents: cents({ it: 'Patrimonio immobiliare esclusa la casa', en: 'Real estate excluding the home' }).optional(),
    /** IMU value of the home. */
    valoreImuCasaCents: cents({ it: 'Valore IMU della casa di abitazione', en: 'IMU value of the home' }).optional(),
    /** The home. */
    abitazione: abitazioneSchema.optional(),
  },
  { it: 'Dati economici del nucleo', en: 'Household economic data' },
);

/**
 * zod schema of a {@link NucleoFamiliare}.
 *
 * @example
 * ```ts
 * import { nucleoFamiliareSchema } from '@riuso-sociale/csi-model';
 * nucleoFamiliareSchema.shape.tipo.options; // ['anagrafico', 'isee', 'di-fatto']
 * ```
 */
export const nucleoFamiliareSchema = obj(
  {
    ...baseFields('nucleo-familiare'),
    /** Which household: registered (ANPR), declared in the DSU (ISEE), or de facto. */
    tipo: oneOf(['anagrafico', 'isee', 'di-fatto'] as const, { it: 'Tipo di nucleo', en: 'Kind of household' }),
    /** This snapshot is valid from. */
    validoDal: dateSchema,
    /** This snapshot is valid until (absent: current). */
    validoAl: dateSchema.optional(),
    /** Protocol number of the DSU (required for an `isee` household). */
    protocolloDsu: text({ it: 'Protocollo della DSU', en: 'DSU protocol number' }, 40).optional(),
    /** Members, with their relation to the applicant. */
    componenti: list(componenteSchema, { it: 'Componenti', en: 'Members' }, 50, 1),
    /** Economic data (ISEE attestation, housing). */
    datiEconomici: datiEconomiciSchema.optional(),
  },
  { it: 'Nucleo familiare', en: 'Household' },
).superRefine((n, ctx) => {
  checkBase(ctx, n);
  checkPeriod(ctx, n.validoDal, n.validoAl, ['validoAl']);
  if (n.tipo === 'isee' && n.protocolloDsu === undefined) {
    issue(ctx, ['protocolloDsu'], 'Nucleo ISEE senza protocollo della DSU', 'ISEE household without the DSU protocol number');
  }
  const overlap = (a: { dal: string; al?: string | undefined }, b: { dal: string; al?: string | undefined }): boolean =>
    (a.al === undefined || a.al >= b.dal) && (b.al === undefined || b.al >= a.dal);
  n.componenti.forEach((c, i) => {
    checkPeriod(ctx, c.dal, c.al, ['componenti', i, 'al']);
    for (let j = 0; j < i; j++) {
      const o = n.componenti[j];
      if (o === undefined || !overlap(o, c)) continue;
      // One applicant at a time.
      if (c.relazione === 'richiedente' && o.relazione === 'richiedente' && o.persona !== c.persona) {
        issue(ctx, ['componenti', i, 'relazione'], 'Più di un richiedente nel nucleo', 'More than one applicant in the household');
        break;
      }
      // The same person twice only for periods that do not overlap (left and came back).
      if (o.persona === c.persona) {
        issue(ctx, ['componenti', i, 'persona'], 'Persona presente due volte nel nucleo nello stesso periodo', 'Person listed twice in the household for the same period');
        break;
      }
    }
  });
});

/**
 * A NucleoFamiliare (output of {@link nucleoFamiliareSchema}).
 *
 * @example
 * ```ts
 * import type { NucleoFamiliare } from '@riuso-sociale/csi-model';
 * type R = NucleoFamiliare['componenti'][number]['relazione']; // 'richiedente' | 'coniuge' | …
 * ```
 */
export type NucleoFamiliare = z.output<typeof nucleoFamiliareSchema>;

/**
 * A member of a NucleoFamiliare with the relation to the applicant (the Relazione of spec §A3 #2).
 *
 * @example
 * ```ts
 * import type { ComponenteNucleo } from '@riuso-sociale/csi-model';
 * type P = ComponenteNucleo['persona']; // Id<'persona'>
 * ```
 */
export type ComponenteNucleo = NucleoFamiliare['componenti'][number];
