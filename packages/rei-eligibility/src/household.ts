// SPDX-License-Identifier: BSD-3-Clause
/**
 * The household model: the facts the REI, RdC/PdC, ADI and SFL rules ask about, as a zod 4 schema.
 * Every fact is optional: an unknown fact is simply absent (never `0` or `false`). Objects are strict
 * (unknown keys are rejected), money is in integer cents (`…Cents`), dates are `IsoDate` strings.
 * Only structural checks live here (negative money, due date without pregnancy, continuous residence
 * starting before residence, …); nothing is compared with today's date.
 * Messages are Italian followed by English (`italiano / English`).
 * @module
 */
import { compareIsoDate, isIsoDate, type IsoDate } from '@riuso-sociale/core';
import { z } from 'zod';
import type { DisabilityLevel, ScaleExclusion, ScaleHousehold, ScaleMember } from './scales.js';

const msg = (it: string, en: string): string => `${it} / ${en}`;

const DISABILITY_LEVELS = ['none', 'media', 'grave', 'non-autosufficienza'] as const satisfies readonly DisabilityLevel[];
// Compile-time check that the tuple covers every DisabilityLevel (reuse, not duplicate, the scales' type).
type MissingLevel = Exclude<DisabilityLevel, (typeof DISABILITY_LEVELS)[number]>;
const _allLevels: MissingLevel extends never ? true : never = true;
void _allLevels;

function isoDate(it: string, en: string): z.ZodPipe<z.ZodString, z.ZodTransform<IsoDate, string>> {
  // Input: any string (so a JSON file or a literal type-checks); output: the branded IsoDate.
  return z
    .string({ error: msg(`${it}: data non valida (AAAA-MM-GG)`, `${en}: invalid date (YYYY-MM-DD)`) })
    .refine((v) => isIsoDate(v), { error: msg(`${it}: data non valida (AAAA-MM-GG)`, `${en}: invalid date (YYYY-MM-DD)`) })
    .transform((v) => v as IsoDate);
}

function cents(it: string, en: string) {
  return z
    .int({ error: msg(`${it}: importo in centesimi interi`, `${en}: amount in integer cents`) })
    .min(0, { error: msg(`${it}: l'importo non può essere negativo`, `${en}: the amount cannot be negative`) });
}

function count(it: string, en: string, max: number) {
  return z
    .int({ error: msg(`${it}: numero intero`, `${en}: integer`) })
    .min(0, { error: msg(`${it}: non può essere negativo`, `${en}: cannot be negative`) })
    .max(max, { error: msg(`${it}: al massimo ${max}`, `${en}: at most ${max}`) });
}

function bool(it: string, en: string) {
  return z.boolean({ error: msg(`${it}: vero o falso`, `${en}: true or false`) });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T, it: string, en: string) {
  return z.enum(values, { error: msg(`${it}: uno tra ${values.join(', ')}`, `${en}: one of ${values.join(', ')}`) });
}

function buildHouseholdSchema() {
  const member = z
    .strictObject(
      {
        /** Birth date; when given it wins over `age`. */
        birthDate: isoDate('Data di nascita', 'Birth date').optional(),
        /** Completed years of age on the date of the evaluation. */
        age: count('Età', 'Age', 130).optional(),
        relation: oneOf(
          ['richiedente', 'coniuge', 'unito-civilmente', 'convivente', 'figlio', 'genitore', 'altro-parente', 'altro'] as const,
          'Relazione con il richiedente',
          'Relation to the applicant',
        ).optional(),
        disability: oneOf(DISABILITY_LEVELS, 'Disabilità', 'Disability').optional(),
        pregnant: bool('Gravidanza', 'Pregnancy').optional(),
        dueDate: isoDate('Data presunta del parto', 'Due date').optional(),
        certifiedCareProgramme: bool('Programma di cura certificato', 'Certified care programme').optional(),
        trainingOrActiveLabour: bool(
          'Iscrizione a formazione o politiche attive',
          'Enrolled in training or active-labour measures',
        ).optional(),
        employment: oneOf(
          ['dipendente', 'autonomo', 'disoccupato', 'inoccupato', 'pensionato', 'studente', 'altro'] as const,
          'Condizione occupazionale',
          'Employment status',
        ).optional(),
        workedSixMonths: bool('Ha lavorato almeno 6 mesi (ISEE magg. b)', 'Worked at least 6 months (ISEE incr. b)').optional(),
        hasCareDuties: bool('Carichi di cura (ADI art. 6 c.5)', 'Care duties (ADI art. 6 c.5)').optional(),
        voluntaryResignationWithin12Months: bool(
          'Dimissioni volontarie negli ultimi 12 mesi',
          'Voluntary resignation in the last 12 months',
        ).optional(),
        inPublicInstitution: bool('In istituto a carico pubblico', 'In a publicly funded institution').optional(),
        abroad: bool("All'estero (≥ 2 mesi consecutivi o ≥ 4 in 18)", 'Abroad (≥ 2 consecutive months or ≥ 4 in 18)').optional(),
        unemployedSince: isoDate('Disoccupato dal', 'Unemployed since').optional(),
        unemploymentBenefit: oneOf(
          ['nessuna', 'naspi', 'dis-coll', 'altro'] as const,
          'Prestazione di disoccupazione',
          'Unemployment benefit',
        ).optional(),
      },
      { error: msg('Componente: campo non previsto o valore non valido', 'Member: unexpected field or invalid value') },
    )
    .superRefine((m, ctx) => {
      if (m.dueDate !== undefined && m.pregnant !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['dueDate'],
          message: msg('Data presunta del parto senza gravidanza', 'Due date without pregnancy'),
        });
      }
      if (m.dueDate !== undefined && m.birthDate !== undefined && compareIsoDate(m.dueDate, m.birthDate) <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['dueDate'],
          message: msg('Data presunta del parto non successiva alla nascita', 'Due date not after the birth date'),
        });
      }
    });

  const residence = z
    .strictObject({
      /** Resident in Italy since (first registration). */
      since: isoDate('Residente dal', 'Resident since').optional(),
      /** Resident continuously since. */
      continuousSince: isoDate('Residente continuativamente dal', 'Continuously resident since').optional(),
      /** Completed years of residence, when the dates are unknown. */
      years: count('Anni di residenza', 'Years of residence', 130).optional(),
      /** Completed years of continuous residence, when the dates are unknown. */
      continuousYears: count('Anni di residenza continuativa', 'Years of continuous residence', 130).optional(),
    })
    .superRefine((r, ctx) => {
      if (r.since !== undefined && r.continuousSince !== undefined && compareIsoDate(r.continuousSince, r.since) < 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['continuousSince'],
          message: msg(
            "La residenza continuativa non può iniziare prima dell'inizio della residenza",
            'Continuous residence cannot start before residence',
          ),
        });
      }
      if (r.years !== undefined && r.continuousYears !== undefined && r.continuousYears > r.years) {
        ctx.addIssue({
          code: 'custom',
          path: ['continuousYears'],
          message: msg('Anni continuativi superiori agli anni di residenza', 'Continuous years exceed years of residence'),
        });
      }
    });

  const applicant = z
    .strictObject({
      citizenship: oneOf(['italiana', 'ue', 'familiare-ue', 'extra-ue'] as const, 'Cittadinanza', 'Citizenship').optional(),
      permit: oneOf(
        ['soggiornante-lungo-periodo', 'protezione-internazionale', 'altro', 'nessuno'] as const,
        'Permesso di soggiorno',
        'Residence permit',
      ).optional(),
      residence: residence.optional(),
    })
    .superRefine((a, ctx) => {
      if ((a.citizenship === 'italiana' || a.citizenship === 'ue') && a.permit !== undefined && a.permit !== 'nessuno') {
        ctx.addIssue({
          code: 'custom',
          path: ['permit'],
          message: msg(
            'Un cittadino italiano o UE non ha permesso di soggiorno',
            'An Italian or EU citizen has no residence permit',
          ),
        });
      }
    });

  const isee = z.strictObject({
    valueCents: cents('Valore ISEE', 'ISEE value').optional(),
    kind: oneOf(['ordinario', 'corrente'] as const, 'Tipo di ISEE', 'ISEE kind').optional(),
    minorenni: bool('ISEE per prestazioni ai minorenni', "ISEE for minors' benefits").optional(),
    dsuDate: isoDate('Data della DSU', 'DSU date').optional(),
    isrCents: cents('ISR', 'ISR').optional(),
    isreCents: cents('ISRE', 'ISRE').optional(),
    /** The ISEE scale printed on the attestation, in hundredths (ISRE = ISR ÷ scale). */
    scaleHundredths: z
      .int({ error: msg('Scala ISEE: centesimi interi', 'ISEE scale: integer hundredths') })
      .min(100, { error: msg('Scala ISEE: almeno 1,00', 'ISEE scale: at least 1.00') })
      .optional(),
    ispCents: cents('ISP', 'ISP').optional(),
  });

  const housing = z
    .strictObject({
      tenure: oneOf(['proprieta', 'affitto', 'mutuo', 'altro'] as const, 'Abitazione', 'Housing').optional(),
      annualRentCents: cents('Canone annuo', 'Annual rent').optional(),
      registeredLease: bool('Contratto di locazione registrato', 'Registered lease').optional(),
      annualMortgageInstalmentCents: cents('Rata annua del mutuo', 'Annual mortgage instalment').optional(),
    })
    .superRefine((h, ctx) => {
      if (h.tenure !== undefined && h.tenure !== 'affitto' && (h.annualRentCents !== undefined || h.registeredLease !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [h.annualRentCents !== undefined ? 'annualRentCents' : 'registeredLease'],
          message: msg('Canone indicato ma abitazione non in affitto', 'Rent given but the home is not rented'),
        });
      }
      if (h.tenure !== undefined && h.tenure !== 'mutuo' && h.annualMortgageInstalmentCents !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['annualMortgageInstalmentCents'],
          message: msg('Rata indicata ma nessun mutuo', 'Instalment given but no mortgage'),
        });
      }
    });

  const vehicle = z.strictObject({
    kind: oneOf(['auto', 'moto', 'altro'] as const, 'Tipo di veicolo', 'Vehicle kind').optional(),
    engineCc: z
      .int({ error: msg('Cilindrata: cc interi', 'Engine size: integer cc') })
      .min(1, { error: msg('Cilindrata: almeno 1 cc', 'Engine size: at least 1 cc') })
      .optional(),
    firstRegistration: isoDate('Prima immatricolazione', 'First registration').optional(),
    disabilityConcession: bool('Agevolazione per disabilità', 'Disability concession').optional(),
  });

  const assistanceBenefit = z.strictObject({
    description: z.string({ error: msg('Descrizione: testo', 'Description: text') }).optional(),
    monthlyCents: cents('Importo mensile', 'Monthly amount').optional(),
    meansTested: bool('Sottoposto alla prova dei mezzi', 'Means-tested').optional(),
  });

  return z
    .strictObject(
      {
        members: z.array(member, { error: msg('Componenti: elenco', 'Members: list') }).optional(),
        applicant: applicant.optional(),
        isee: isee.optional(),
        financialAssetsCents: cents('Patrimonio mobiliare', 'Financial assets').optional(),
        realEstateExcludingHomeCents: cents('Patrimonio immobiliare esclusa la casa', 'Real estate excluding the home').optional(),
        homeImuValueCents: cents('Valore IMU della casa di abitazione', 'IMU value of the home').optional(),
        householdIncomeCents: cents('Reddito familiare', 'Household income').optional(),
        housing: housing.optional(),
        vehicles: z.array(vehicle, { error: msg('Veicoli: elenco', 'Vehicles: list') }).optional(),
        ownsBoats: bool('Navi o imbarcazioni da diporto', 'Boats or pleasure craft').optional(),
        ownsAircraft: bool('Aeromobili', 'Aircraft').optional(),
        receivesRdcOrPdc: bool('Percepisce RdC o PdC', 'Receives RdC or PdC').optional(),
        assistanceBenefits: z
          .array(assistanceBenefit, { error: msg('Trattamenti assistenziali: elenco', 'Assistance benefits: list') })
          .optional(),
      },
      { error: msg('Nucleo: campo non previsto o valore non valido', 'Household: unexpected field or invalid value') },
    )
    .superRefine((h, ctx) => {
      const applicants = (h.members ?? []).flatMap((m, i) => (m.relation === 'richiedente' ? [i] : []));
      for (const i of applicants.slice(1)) {
        ctx.addIssue({
          code: 'custom',
          path: ['members', i, 'relation'],
          message: msg('Più di un richiedente nel nucleo', 'More than one applicant in the household'),
        });
      }
    });
}

type HouseholdSchemaType = ReturnType<typeof buildHouseholdSchema>;
let built: HouseholdSchemaType | undefined;
const getSchema = (): HouseholdSchemaType => (built ??= buildHouseholdSchema());

/**
 * zod 4 schema of a {@link Household}. Built on first use (a `z.lazy` wrapper), so importing the
 * package for the scales alone does not construct it. Strict objects; every fact optional; Italian
 * and English messages (`italiano / English`); each issue has the path of the wrong value.
 *
 * @example
 * ```ts
 * import { householdSchema } from '@riuso-sociale/rei-eligibility';
 * const r = householdSchema.safeParse({ members: [{ age: 70, relation: 'richiedente' }], householdIncomeCents: 600_000 });
 * r.success; // true
 * householdSchema.safeParse({ financialAssetsCents: -1 }).success; // false
 * ```
 */
export const householdSchema: z.ZodLazy<HouseholdSchemaType> = /* @__PURE__ */ z.lazy(getSchema);

/**
 * A household as the schema outputs it. Absent fields are unknown facts.
 *
 * @example
 * ```ts
 * import type { Household } from '@riuso-sociale/rei-eligibility';
 * const h: Household = { members: [{ age: 40, relation: 'richiedente' }], housing: { tenure: 'affitto', annualRentCents: 480_000 } };
 * ```
 */
export type Household = z.output<HouseholdSchemaType>;

/**
 * What {@link evaluate} and {@link householdSchema} accept: a {@link Household} whose dates may be plain
 * `AAAA-MM-GG` strings (a JSON file, a literal) — the schema checks them and brands them.
 *
 * @example
 * ```ts
 * import type { HouseholdInput } from '@riuso-sociale/rei-eligibility';
 * const h: HouseholdInput = { members: [{ birthDate: '1990-04-02', relation: 'richiedente' }] };
 * ```
 */
export type HouseholdInput = z.input<HouseholdSchemaType>;

/**
 * One member of a {@link Household}.
 *
 * @example
 * ```ts
 * import type { HouseholdMember } from '@riuso-sociale/rei-eligibility';
 * const m: HouseholdMember = { age: 2, relation: 'figlio' };
 * ```
 */
export type HouseholdMember = NonNullable<Household['members']>[number];

/**
 * Maps a parsed {@link Household} to the input of the scale functions. `role` (ISEE maggiorazioni):
 * `figlio` for members whose relation is `figlio`; `genitore` for the applicant and a spouse, civil
 * partner or cohabitant when the household has at least one `figlio`; `altro` otherwise (an
 * assumption: the ISEE roles are relative to the children of the household, not to the applicant).
 * `excludedFrom` comes from `inPublicInstitution` (`adi-istituto`), `abroad` (`adi-estero`) and
 * `voluntaryResignationWithin12Months` (`rdc-dimissioni`). A household without members maps to an
 * empty one (the scales then fail with `rei.scale.empty_household`).
 *
 * @example
 * ```ts
 * import { adiScale, householdSchema, toScaleHousehold } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const h = householdSchema.parse({ members: [{ age: 30, relation: 'richiedente', hasCareDuties: true }, { age: 2, relation: 'figlio' }] });
 * const r = adiScale(toScaleHousehold(h), makeIsoDate(2025, 3, 1)!);
 * if (r.ok) r.value.value; // 1.55
 * ```
 */
export function toScaleHousehold(household: Household): ScaleHousehold {
  const members = household.members ?? [];
  const hasChildren = members.some((m) => m.relation === 'figlio');
  const parentRelations = new Set(['richiedente', 'coniuge', 'unito-civilmente', 'convivente']);
  return {
    members: members.map((m): ScaleMember => {
      const role: ScaleMember['role'] =
        m.relation === 'figlio' ? 'figlio' : hasChildren && m.relation !== undefined && parentRelations.has(m.relation) ? 'genitore' : 'altro';
      const excludedFrom: ScaleExclusion[] = [];
      if (m.inPublicInstitution === true) excludedFrom.push('adi-istituto');
      if (m.abroad === true) excludedFrom.push('adi-estero');
      if (m.voluntaryResignationWithin12Months === true) excludedFrom.push('rdc-dimissioni');
      return {
        ...(m.age !== undefined ? { age: m.age } : {}),
        ...(m.birthDate !== undefined ? { birthDate: m.birthDate } : {}),
        ...(m.disability !== undefined ? { disability: m.disability } : {}),
        role,
        ...(m.workedSixMonths !== undefined ? { workedSixMonths: m.workedSixMonths } : {}),
        ...(m.certifiedCareProgramme !== undefined ? { certifiedCareProgramme: m.certifiedCareProgramme } : {}),
        ...(m.hasCareDuties !== undefined ? { hasCareDuties: m.hasCareDuties } : {}),
        ...(excludedFrom.length > 0 ? { excludedFrom } : {}),
      };
    }),
  };
}
