// SPDX-License-Identifier: BSD-3-Clause
/**
 * The household model: the facts the REI, RdC/PdC, ADI and SFL rules ask about, as a zod 4 schema
 * (written with `zod/mini`, the tree-shakable API of zod 4: a browser bundle of `evaluate` takes only
 * the checks it uses, not zod's classic API and its locales).
 * Every fact is optional: an unknown fact is simply absent (never `0` or `false`). Objects are strict
 * (unknown keys are rejected), money is in integer cents (`…Cents`), dates are `IsoDate` strings.
 * Only structural checks live here (negative money, due date without pregnancy, continuous residence
 * starting before residence, …) and one bound ({@link MAX_HOUSEHOLD_MEMBERS} members); nothing is
 * compared with today's date.
 * The zod message of each check is the Italian text alone; its English twin is kept in a table built
 * with the schema, and {@link householdIssueText} gives both texts of an issue (`{ it, en }`).
 * @module
 */
import { compareIsoDate, isIsoDate, type IsoDate, type LocalizedText } from '@riuso-sociale/core';
import * as z from 'zod/mini';
import type { DisabilityLevel, ScaleExclusion, ScaleHousehold, ScaleMember } from './scales.js';

/** Italian message → its two texts; filled by {@link message} while the schema is built. */
const MESSAGES = new Map<string, LocalizedText>();

/**
 * @internal The zod message of a check: returns the Italian text and registers its English twin in
 * `table` (the schema's table by default), at schema build time. The same Italian text given two
 * different English texts is a programming error: it throws.
 */
export function message(it: string, en: string, table: Map<string, LocalizedText> = MESSAGES): string {
  const known = table.get(it);
  if (known === undefined) table.set(it, Object.freeze({ it, en }));
  else if (known.en !== en) throw new Error(`householdSchema: the message "${it}" has two English texts: "${known.en}" and "${en}"`);
  return it;
}

const DISABILITY_LEVELS = ['none', 'media', 'grave', 'non-autosufficienza'] as const satisfies readonly DisabilityLevel[];
// Compile-time check that the tuple covers every DisabilityLevel (reuse, not duplicate, the scales' type).
type MissingLevel = Exclude<DisabilityLevel, (typeof DISABILITY_LEVELS)[number]>;
const _allLevels: MissingLevel extends never ? true : never = true;
void _allLevels;

function isoDate(it: string, en: string): z.ZodMiniPipe<z.ZodMiniString<string>, z.ZodMiniTransform<IsoDate, string>> {
  // Input: any string (so a JSON file or a literal type-checks); output: the branded IsoDate.
  const error = message(`${it}: data non valida (AAAA-MM-GG)`, `${en}: invalid date (YYYY-MM-DD)`);
  return z.pipe(
    z.string({ error }).check(z.refine((v: string) => isIsoDate(v), { error })),
    z.transform((v: string) => v as IsoDate),
  );
}

function cents(it: string, en: string) {
  return z
    .int({ error: message(`${it}: importo in centesimi interi`, `${en}: amount in integer cents`) })
    .check(z.minimum(0, { error: message(`${it}: l'importo non può essere negativo`, `${en}: the amount cannot be negative`) }));
}

function count(it: string, en: string, max: number) {
  return z
    .int({ error: message(`${it}: numero intero`, `${en}: integer`) })
    .check(
      z.minimum(0, { error: message(`${it}: non può essere negativo`, `${en}: cannot be negative`) }),
      z.maximum(max, { error: message(`${it}: al massimo ${max}`, `${en}: at most ${max}`) }),
    );
}

function bool(it: string, en: string) {
  return z.boolean({ error: message(`${it}: vero o falso`, `${en}: true or false`) });
}

/** The error of an object: a wrong type or an unexpected field (`unrecognized_keys`). */
function objectError(it: string, en: string): { error: string } {
  return { error: message(`${it}: campo non previsto o valore non valido`, `${en}: unexpected field or invalid value`) };
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T, it: string, en: string) {
  return z.enum(values, { error: message(`${it}: uno tra ${values.join(', ')}`, `${en}: one of ${values.join(', ')}`) });
}

/**
 * Most members a household may have: {@link householdSchema} refuses a longer `members` list with one
 * issue (params `{ code: 'rei.household.too_many_members', max, count }`) before it looks at any
 * member, so a huge input is refused at once. A real household has a handful of members; the bound
 * only keeps a wrong or hostile input (a whole register pasted as one household) from costing time.
 *
 * @example
 * ```ts
 * import { MAX_HOUSEHOLD_MEMBERS } from '@riuso-sociale/rei-eligibility';
 * MAX_HOUSEHOLD_MEMBERS; // 10_000
 * ```
 */
export const MAX_HOUSEHOLD_MEMBERS = 10_000;

/**
 * Stable codes of the household issues that carry one in their `params.code` (the other issues are
 * zod's own: `invalid_type`, `too_small`, `unrecognized_keys`, `custom`, … with the path of the value).
 *
 * @example
 * ```ts
 * import { householdSchema, type HouseholdIssueCode } from '@riuso-sociale/rei-eligibility';
 * const r = householdSchema.safeParse({ members: Array.from({ length: 10_001 }, () => ({})) });
 * const code = r.error?.issues[0]?.code === 'custom' ? (r.error.issues[0].params?.code as HouseholdIssueCode) : undefined;
 * code; // 'rei.household.too_many_members'
 * ```
 */
export type HouseholdIssueCode = 'rei.household.too_many_members';

/** A member id: short, and free of the `.`, `[` and `]` that would make a `missing` path ambiguous. */
const MEMBER_ID = /^[A-Za-z0-9_:-]{1,64}$/;

/** `10000` → `10.000` (it) / `10,000` (en), without Intl. */
const thousands = (n: number, sep: string): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

const TOO_MANY_MEMBERS = 'rei.household.too_many_members' satisfies HouseholdIssueCode;

/** The texts of the too-many-members issue (the one message with a number in it, so not in the table). */
const tooManyMembersText = (max: number, count: number): LocalizedText => ({
  it: `Componenti: al massimo ${thousands(max, '.')} (ne sono indicati ${thousands(count, '.')})`,
  en: `Members: at most ${thousands(max, ',')} (${thousands(count, ',')} given)`,
});

function buildHouseholdSchema() {
  // The messages of the refinements are made here, with the schema, so that every message is in the
  // table before the first parse.
  const dueDateWithoutPregnancy = message('Data presunta del parto senza gravidanza', 'Due date without pregnancy');
  const dueDateNotAfterBirth = message('Data presunta del parto non successiva alla nascita', 'Due date not after the birth date');
  const continuousBeforeResidence = message(
    "La residenza continuativa non può iniziare prima dell'inizio della residenza",
    'Continuous residence cannot start before residence',
  );
  const continuousYearsExceed = message('Anni continuativi superiori agli anni di residenza', 'Continuous years exceed years of residence');
  const permitForCitizen = message('Un cittadino italiano o UE non ha permesso di soggiorno', 'An Italian or EU citizen has no residence permit');
  const rentNotRented = message('Canone indicato ma abitazione non in affitto', 'Rent given but the home is not rented');
  const instalmentNoMortgage = message('Rata indicata ma nessun mutuo', 'Instalment given but no mortgage');
  const memberIdRepeated = message('Identificativo del componente ripetuto', 'Member id repeated');
  const twoApplicants = message('Più di un richiedente nel nucleo', 'More than one applicant in the household');

  const member = z
    .strictObject(
      {
        /**
         * A stable key of the member (the vendor's key or a codice fiscale): `missing` and the messages
         * name the member by it (`members[<id>].birthDate`), by position otherwise. 1–64 letters, digits,
         * `_`, `-` or `:`; unique in the household.
         */
        id: z.optional(
          z
            .string({ error: message('Identificativo del componente: testo', 'Member id: text') })
            .check(
              z.regex(MEMBER_ID, {
                error: message(
                  'Identificativo del componente: da 1 a 64 lettere, cifre, _ - :',
                  'Member id: 1 to 64 letters, digits, _ - :',
                ),
              }),
            ),
        ),
        /** Birth date; when given it wins over `age`. */
        birthDate: z.optional(isoDate('Data di nascita', 'Birth date')),
        /** Completed years of age on the date of the evaluation. */
        age: z.optional(count('Età', 'Age', 130)),
        relation: z.optional(
          oneOf(
            ['richiedente', 'coniuge', 'unito-civilmente', 'convivente', 'figlio', 'genitore', 'altro-parente', 'altro'] as const,
            'Relazione con il richiedente',
            'Relation to the applicant',
          ),
        ),
        disability: z.optional(oneOf(DISABILITY_LEVELS, 'Disabilità', 'Disability')),
        pregnant: z.optional(bool('Gravidanza', 'Pregnancy')),
        dueDate: z.optional(isoDate('Data presunta del parto', 'Due date')),
        certifiedCareProgramme: z.optional(bool('Programma di cura certificato', 'Certified care programme')),
        trainingOrActiveLabour: z.optional(
          bool('Iscrizione a formazione o politiche attive', 'Enrolled in training or active-labour measures'),
        ),
        employment: z.optional(
          oneOf(
            ['dipendente', 'autonomo', 'disoccupato', 'inoccupato', 'pensionato', 'studente', 'altro'] as const,
            'Condizione occupazionale',
            'Employment status',
          ),
        ),
        workedSixMonths: z.optional(bool('Ha lavorato almeno 6 mesi (ISEE magg. b)', 'Worked at least 6 months (ISEE incr. b)')),
        hasCareDuties: z.optional(bool('Carichi di cura (ADI art. 6 c.5)', 'Care duties (ADI art. 6 c.5)')),
        voluntaryResignationWithin12Months: z.optional(
          bool('Dimissioni volontarie negli ultimi 12 mesi', 'Voluntary resignation in the last 12 months'),
        ),
        inPublicInstitution: z.optional(bool('In istituto a carico pubblico', 'In a publicly funded institution')),
        abroad: z.optional(bool("All'estero (≥ 2 mesi consecutivi o ≥ 4 in 18)", 'Abroad (≥ 2 consecutive months or ≥ 4 in 18)')),
        unemployedSince: z.optional(isoDate('Disoccupato dal', 'Unemployed since')),
        unemploymentBenefit: z.optional(
          oneOf(['nessuna', 'naspi', 'dis-coll', 'altro'] as const, 'Prestazione di disoccupazione', 'Unemployment benefit'),
        ),
      },
      objectError('Componente', 'Member'),
    )
    .check(
      z.superRefine((m, ctx) => {
        if (m.dueDate !== undefined && m.pregnant !== true) {
          ctx.addIssue({
            code: 'custom',
            path: ['dueDate'],
            message: dueDateWithoutPregnancy,
          });
        }
        if (m.dueDate !== undefined && m.birthDate !== undefined && compareIsoDate(m.dueDate, m.birthDate) <= 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['dueDate'],
            message: dueDateNotAfterBirth,
          });
        }
      }),
    );

  const memberList = z.array(member, { error: message('Componenti: elenco', 'Members: list') });
  // The bound comes first (a pipe stops at the first failing step, and the issue aborts the household's
  // own checks), so an overlong list is refused without parsing, or even reading, a single member.
  // The issue carries the count in its params (a refinement, not `z.custom`'s static params), so
  // householdIssueText rebuilds both texts from them; `continue: false` aborts like `abort: true`.
  const members = z.pipe(
    z.custom<z.input<typeof memberList>>().check(
      z.superRefine((v, ctx) => {
        if (!Array.isArray(v) || v.length <= MAX_HOUSEHOLD_MEMBERS) return;
        ctx.addIssue({
          code: 'custom',
          continue: false,
          params: { code: TOO_MANY_MEMBERS, max: MAX_HOUSEHOLD_MEMBERS, count: v.length },
          message: tooManyMembersText(MAX_HOUSEHOLD_MEMBERS, v.length).it,
        });
      }),
    ),
    memberList,
  );

  const residence = z
    .strictObject({
      /** Resident in Italy since (first registration). */
      since: z.optional(isoDate('Residente dal', 'Resident since')),
      /** Resident continuously since. */
      continuousSince: z.optional(isoDate('Residente continuativamente dal', 'Continuously resident since')),
      /** Completed years of residence, when the dates are unknown. */
      years: z.optional(count('Anni di residenza', 'Years of residence', 130)),
      /** Completed years of continuous residence, when the dates are unknown. */
      continuousYears: z.optional(count('Anni di residenza continuativa', 'Years of continuous residence', 130)),
    }, objectError('Residenza', 'Residence'))
    .check(
      z.superRefine((r, ctx) => {
        if (r.since !== undefined && r.continuousSince !== undefined && compareIsoDate(r.continuousSince, r.since) < 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['continuousSince'],
            message: continuousBeforeResidence,
          });
        }
        if (r.years !== undefined && r.continuousYears !== undefined && r.continuousYears > r.years) {
          ctx.addIssue({
            code: 'custom',
            path: ['continuousYears'],
            message: continuousYearsExceed,
          });
        }
      }),
    );

  const applicant = z
    .strictObject({
      citizenship: z.optional(oneOf(['italiana', 'ue', 'familiare-ue', 'extra-ue'] as const, 'Cittadinanza', 'Citizenship')),
      permit: z.optional(
        oneOf(
          ['soggiornante-lungo-periodo', 'protezione-internazionale', 'altro', 'nessuno'] as const,
          'Permesso di soggiorno',
          'Residence permit',
        ),
      ),
      residence: z.optional(residence),
    }, objectError('Richiedente', 'Applicant'))
    .check(
      z.superRefine((a, ctx) => {
        if ((a.citizenship === 'italiana' || a.citizenship === 'ue') && a.permit !== undefined && a.permit !== 'nessuno') {
          ctx.addIssue({
            code: 'custom',
            path: ['permit'],
            message: permitForCitizen,
          });
        }
      }),
    );

  const isee = z.strictObject({
    valueCents: z.optional(cents('Valore ISEE', 'ISEE value')),
    /**
     * The kind of attestation: `ordinario`, `corrente` (DPCM 159/2013 art. 9), or the ISEE «per specifiche
     * prestazioni familiari e per l'inclusione» that L. 199/2025 art. 1 c.208 brings in from 2026 for ADI,
     * SFL, assegno unico and the nursery and newborn bonuses (`prestazioni-familiari-inclusione`).
     */
    kind: z.optional(
      oneOf(['ordinario', 'corrente', 'prestazioni-familiari-inclusione'] as const, 'Tipo di ISEE', 'ISEE kind'),
    ),
    minorenni: z.optional(bool('ISEE per prestazioni ai minorenni', "ISEE for minors' benefits")),
    dsuDate: z.optional(isoDate('Data della DSU', 'DSU date')),
    isrCents: z.optional(cents('ISR', 'ISR')),
    isreCents: z.optional(cents('ISRE', 'ISRE')),
    /** The ISEE scale printed on the attestation, in hundredths (ISRE = ISR ÷ scale). */
    scaleHundredths: z.optional(
      z
        .int({ error: message('Scala ISEE: centesimi interi', 'ISEE scale: integer hundredths') })
        .check(z.minimum(100, { error: message('Scala ISEE: almeno 1,00', 'ISEE scale: at least 1.00') })),
    ),
    ispCents: z.optional(cents('ISP', 'ISP')),
    /**
     * The home's value as the DSU counts it (DPCM 159/2013 art. 5 c.2: IMU value net of the residual
     * mortgage), for a household living in a home it owns: with `isrCents`, `ispCents` and the scale it
     * lets the engine compute the ISEE of the other kind (the home exclusion differs).
     */
    homeValueCents: z.optional(cents("Valore della casa di abitazione ai fini ISEE", 'Value of the home for the ISEE')),
    /** The household lives in the capoluogo of a città metropolitana (L. 56/2014): the 2026 home exclusion is higher. */
    metropolitanCapital: z.optional(bool('Residente in un capoluogo di città metropolitana', 'Resident in a metropolitan-city capital')),
  }, objectError('ISEE', 'ISEE'));

  const housing = z
    .strictObject({
      tenure: z.optional(oneOf(['proprieta', 'affitto', 'mutuo', 'altro'] as const, 'Abitazione', 'Housing')),
      annualRentCents: z.optional(cents('Canone annuo', 'Annual rent')),
      registeredLease: z.optional(bool('Contratto di locazione registrato', 'Registered lease')),
      annualMortgageInstalmentCents: z.optional(cents('Rata annua del mutuo', 'Annual mortgage instalment')),
    }, objectError('Abitazione', 'Housing'))
    .check(
      z.superRefine((h, ctx) => {
        if (h.tenure !== undefined && h.tenure !== 'affitto' && (h.annualRentCents !== undefined || h.registeredLease !== undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: [h.annualRentCents !== undefined ? 'annualRentCents' : 'registeredLease'],
            message: rentNotRented,
          });
        }
        if (h.tenure !== undefined && h.tenure !== 'mutuo' && h.annualMortgageInstalmentCents !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['annualMortgageInstalmentCents'],
            message: instalmentNoMortgage,
          });
        }
      }),
    );

  const vehicle = z.strictObject({
    kind: z.optional(oneOf(['auto', 'moto', 'altro'] as const, 'Tipo di veicolo', 'Vehicle kind')),
    engineCc: z.optional(
      z
        .int({ error: message('Cilindrata: cc interi', 'Engine size: integer cc') })
        .check(z.minimum(1, { error: message('Cilindrata: almeno 1 cc', 'Engine size: at least 1 cc') })),
    ),
    firstRegistration: z.optional(isoDate('Prima immatricolazione', 'First registration')),
    disabilityConcession: z.optional(bool('Agevolazione per disabilità', 'Disability concession')),
  }, objectError('Veicolo', 'Vehicle'));

  const assistanceBenefit = z.strictObject({
    description: z.optional(z.string({ error: message('Descrizione: testo', 'Description: text') })),
    monthlyCents: z.optional(cents('Importo mensile', 'Monthly amount')),
    meansTested: z.optional(bool('Sottoposto alla prova dei mezzi', 'Means-tested')),
  }, objectError('Trattamento assistenziale', 'Assistance benefit'));

  const monthError = message('Mese: AAAA-MM', 'Month: YYYY-MM');
  const adiRenewal = z.strictObject({
    /**
     * The month (`AAAA-MM`) of the 18th monthly payment of the ADI this application renews: it decides
     * the suspension month (until 2025), the first renewal month and its 50 % (from 2026), and the one-off
     * contribution (D.L. 92/2025 art. 10-ter; L. 199/2025 c.159).
     */
    eighteenthMonth: z.string({ error: monthError }).check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: monthError })),
  }, objectError('Rinnovo ADI', 'ADI renewal'));

  return z
    .strictObject(
      {
        members: z.optional(members),
        applicant: z.optional(applicant),
        isee: z.optional(isee),
        financialAssetsCents: z.optional(cents('Patrimonio mobiliare', 'Financial assets')),
        realEstateExcludingHomeCents: z.optional(cents('Patrimonio immobiliare esclusa la casa', 'Real estate excluding the home')),
        homeImuValueCents: z.optional(cents('Valore IMU della casa di abitazione', 'IMU value of the home')),
        householdIncomeCents: z.optional(cents('Reddito familiare', 'Household income')),
        housing: z.optional(housing),
        vehicles: z.optional(z.array(vehicle, { error: message('Veicoli: elenco', 'Vehicles: list') })),
        ownsBoats: z.optional(bool('Navi o imbarcazioni da diporto', 'Boats or pleasure craft')),
        ownsAircraft: z.optional(bool('Aeromobili', 'Aircraft')),
        receivesRdcOrPdc: z.optional(bool('Percepisce RdC o PdC', 'Receives RdC or PdC')),
        assistanceBenefits: z.optional(
          z.array(assistanceBenefit, { error: message('Trattamenti assistenziali: elenco', 'Assistance benefits: list') }),
        ),
        /** The application renews an ADI (see `eighteenthMonth`); absent: a first application, or not known. */
        adiRenewal: z.optional(adiRenewal),
      },
      objectError('Nucleo', 'Household'),
    )
    .check(
      z.superRefine((h, ctx) => {
        const ids = new Set<string>();
        (h.members ?? []).forEach((m, i) => {
          if (m.id === undefined) return;
          if (ids.has(m.id)) {
            ctx.addIssue({
              code: 'custom',
              path: ['members', i, 'id'],
              message: memberIdRepeated,
            });
          }
          ids.add(m.id);
        });
        const applicants = (h.members ?? []).flatMap((m, i) => (m.relation === 'richiedente' ? [i] : []));
        for (const i of applicants.slice(1)) {
          ctx.addIssue({
            code: 'custom',
            path: ['members', i, 'relation'],
            message: twoApplicants,
          });
        }
      }),
    );
}

type HouseholdSchemaType = ReturnType<typeof buildHouseholdSchema>;
let built: HouseholdSchemaType | undefined;
const getSchema = (): HouseholdSchemaType => (built ??= buildHouseholdSchema());

/**
 * zod 4 schema of a {@link Household}. Built on first use (a `z.lazy` wrapper), so importing the
 * package for the scales alone does not construct it. Strict objects; every fact optional; each issue
 * has the path of the wrong value. The `message` of an issue is Italian; {@link householdIssueText}
 * gives its Italian and English texts.
 *
 * At most {@link MAX_HOUSEHOLD_MEMBERS} (10 000) members: a longer list gets one issue on `members`
 * (code `custom`, `params` `{ code: 'rei.household.too_many_members', max, count }`, see
 * {@link HouseholdIssueCode}), found before any member is read, and no issue per member.
 *
 * A `zod/mini` schema (`ZodMiniLazy`): `parse`, `safeParse`, `parseAsync`, `safeParseAsync` as with any
 * zod schema, and it can be a field of a `zod` or `zod/mini` object (`z.object({ household:
 * householdSchema })`). It has no chained methods (`.optional()`, `.refine()`, …): wrap it with the
 * functions instead (`z.optional(householdSchema)`). Its errors are zod's core `$ZodError` (`issues`;
 * `z.flattenError(error)`, `z.treeifyError(error)` for the other shapes).
 *
 * @example
 * ```ts
 * import { householdSchema } from '@riuso-sociale/rei-eligibility';
 * const r = householdSchema.safeParse({ members: [{ age: 70, relation: 'richiedente' }], householdIncomeCents: 600_000 });
 * r.success; // true
 * householdSchema.safeParse({ financialAssetsCents: -1 }).success; // false
 * ```
 */
export const householdSchema: z.ZodMiniLazy<HouseholdSchemaType> = /* @__PURE__ */ z.lazy(getSchema);

/**
 * The Italian and English texts of an issue of {@link householdSchema} (one of
 * `householdSchema.safeParse(…).error.issues`, also when the schema is a field of a larger `zod`
 * object). The issue's `message` is the Italian text; the English one comes from the table built with
 * the schema. The too-many-members issue (`params.code` `'rei.household.too_many_members'`) is rebuilt
 * from its `params.max` and `params.count` (`10.000` in Italian, `10,000` in English). A message that
 * is not the schema's (zod's own default, or a check of a larger schema) is returned as both texts.
 *
 * @param issue - a zod issue, as found in `error.issues`.
 * @returns `{ it, en }`, without the value that was wrong.
 * @example
 * ```ts
 * import { householdIssueText, householdSchema } from '@riuso-sociale/rei-eligibility';
 * const r = householdSchema.safeParse({ financialAssetsCents: -1 });
 * if (!r.success) {
 *   const issue = r.error.issues[0]!;
 *   issue.message; // "Patrimonio mobiliare: l'importo non può essere negativo"
 *   householdIssueText(issue); // { it: "Patrimonio mobiliare: l'importo non può essere negativo", en: 'Financial assets: the amount cannot be negative' }
 * }
 * ```
 */
export function householdIssueText(issue: z.core.$ZodIssue): LocalizedText {
  const params = issue.code === 'custom' ? issue.params : undefined;
  if (params?.['code'] === TOO_MANY_MEMBERS && typeof params['max'] === 'number' && typeof params['count'] === 'number') {
    return tooManyMembersText(params['max'], params['count']);
  }
  getSchema(); // the table is filled when the schema is built
  return MESSAGES.get(issue.message) ?? { it: issue.message, en: issue.message };
}

/** @internal Every message of the schema (Italian → both texts), the schema built first. For the tests. */
export function householdMessages(): ReadonlyMap<string, LocalizedText> {
  getSchema();
  return MESSAGES;
}

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
