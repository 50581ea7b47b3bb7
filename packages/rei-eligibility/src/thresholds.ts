// SPDX-License-Identifier: BSD-3-Clause
/**
 * The access thresholds and benefit amounts of each measure as dated parameters. Money is in integer
 * cents; a value that the law multiplies by the equivalence scale is stored as the base amount (the
 * rule multiplies it by the scale in hundredths, which is always exact to the cent).
 *
 * Each period carries the act and article, the verification status (tags of
 * `eligibility-verified.md`) and where the value was read. The date switches are data, not code:
 * REI composition test until 31-05-2018, REI cap +10 % from 2018, ADI/SFL values of 2025
 * (L. 207/2024 art. 1 c.198), ADI renewal without suspension from 2026 (L. 199/2025 art. 1 c.158).
 * @module
 */
import type { IsoDate, LocalizedText } from '@riuso-sociale/core';
import {
  ADI_SCALE,
  ISEE_BASE_SCALE,
  ISEE_CHILDREN_INCREMENT,
  ISEE_CHILDREN_INCREMENT_2026,
  ISEE_HOME_EXCLUSION,
  ISEE_HOME_EXCLUSION_2026,
  ISEE_DISABILITY_INCREMENT,
  ISEE_WORKING_PARENTS_INCREMENT,
  RDC_RESIGNATION_EXCLUSION,
  RDC_SCALE,
  REI_SCALE,
  type DatedParameter,
  type LegalRef,
  type ParameterPeriod,
} from './parameters.js';

const d = (s: string): IsoDate => s as IsoDate;

function param<T>(name: string, description: LocalizedText, periods: readonly ParameterPeriod<T>[]): DatedParameter<T> {
  return { name, description, periods };
}

// ---------------------------------------------------------------------------------------------
// Acts

const GU_147_ART3 =
  'https://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.versione=1&art.idGruppo=2&art.flagTipoArticolo=0&art.codiceRedazionale=17G00161&art.idArticolo=3&art.idSottoArticolo=1&art.idSottoArticolo1=10&art.dataPubblicazioneGazzetta=2017-10-13&art.progressivo=0';
const GU_147_ART4 =
  'https://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.versione=1&art.idGruppo=2&art.flagTipoArticolo=0&art.codiceRedazionale=17G00161&art.idArticolo=4&art.idSottoArticolo=1&art.idSottoArticolo1=10&art.dataPubblicazioneGazzetta=2017-10-13&art.progressivo=0';
const GU_48_ART2 =
  'https://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.codiceRedazionale=23A03800&art.dataPubblicazioneGazzetta=2023-07-03&art.flagTipoArticolo=0&art.idArticolo=2&art.idGruppo=1&art.idSottoArticolo=1&art.idSottoArticolo1=10&art.progressivo=0&art.versione=1';
const GU_48_ART3 =
  'https://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.codiceRedazionale=23A03800&art.dataPubblicazioneGazzetta=2023-07-03&art.flagTipoArticolo=0&art.idArticolo=3&art.idGruppo=1&art.idSottoArticolo=1&art.idSottoArticolo1=10&art.progressivo=0&art.versione=1';

const D147 = (article: string, url?: string): LegalRef => ({
  act: 'D.Lgs. 15 settembre 2017, n. 147',
  article,
  ...(url === undefined ? {} : { url }),
});
const L205 = (article: string): LegalRef => ({ act: 'L. 27 dicembre 2017, n. 205', article });
const DL4 = (article: string): LegalRef => ({ act: 'D.L. 28 gennaio 2019, n. 4, conv. L. 28 marzo 2019, n. 26', article });
const DL48 = (article: string, url?: string): LegalRef => ({
  act: 'D.L. 4 maggio 2023, n. 48, conv. L. 3 luglio 2023, n. 85',
  article,
  ...(url === undefined ? {} : { url }),
});
const L207 = (article = 'art. 1 c.198'): LegalRef => ({ act: 'L. 30 dicembre 2024, n. 207', article });
const L199 = (article: string): LegalRef => ({ act: 'L. 30 dicembre 2025, n. 199', article });
/** The verbatim GU mirror of L. 199/2025 read by the 2026 verification pass (the law's text, Normattiva HTML). */
const L199_SOURCE =
  "GitHub andreasavia/gazzetta-civica, commit 5786f1a, content/leggi/2025/12/30/n. 199/LEGGE 30 dicembre 2025, n. 199.md (GU 30-12-2025 n. 301 SO 42), letto il 6-12-2026";
const Y2026 = '2026-01-01' as IsoDate;

/**
 * The last day the package's parameter values are known to describe: the law in force for 2026 (the 2026
 * budget law, L. 199/2025, and the INPS messages on it up to March 2026), read in the verification pass
 * of December 2026. A later evaluation date still applies the last values, with the warning
 * `eligibility.parameters_unverified_after` naming this date: a new budget law usually changes them from
 * 1 January.
 *
 * @example
 * ```ts
 * import { PARAMETERS_VERIFIED_THROUGH } from '@riuso-sociale/rei-eligibility';
 * PARAMETERS_VERIFIED_THROUGH; // '2026-12-31'
 * ```
 */
export const PARAMETERS_VERIFIED_THROUGH = '2026-12-31' as IsoDate;

/**
 * The kind of ISEE a measure reads: the ordinary one (DPCM 159/2013), or from 1-01-2026, for ADI and SFL,
 * the ISEE «per specifiche prestazioni familiari e per l'inclusione» (L. 199/2025 art. 1 c.208).
 */
export type IseeKindRule = 'ordinario' | 'prestazioni-familiari-inclusione';

const REI_FROM = d('2017-12-01');
const RDC_FROM = d('2019-04-01');
const RDC_TO = d('2023-12-31');
const ADI_FROM = d('2024-01-01');
const SFL_FROM = d('2023-09-01');
/**
 * The ADI requirements of D.L. 48/2023 art. 2 c.2 apply to the SFL from its start (D.M. 23A04814 art. 2
 * c.4), so those parameters start on 1-09-2023; the ADI itself starts on 1-01-2024.
 */
const ADI_REQUIREMENTS_FROM = SFL_FROM;
const Y2024_END = d('2024-12-31');
const Y2025 = d('2025-01-01');

// ---------------------------------------------------------------------------------------------
// Shapes

/**
 * Financial-assets (patrimonio mobiliare) ceiling: `base` + `perFurtherMember` for each member after
 * the first, up to `max`; then the increments that do not count toward `max`.
 *
 * @example
 * ```ts
 * import type { FinancialAssetsLimit } from '@riuso-sociale/rei-eligibility';
 * const rei: FinancialAssetsLimit = { baseCents: 600_000, perFurtherMemberCents: 200_000, maxCents: 1_000_000 };
 * ```
 */
export interface FinancialAssetsLimit {
  /** Ceiling for one member. */
  readonly baseCents: number;
  /** Added for each member after the first. */
  readonly perFurtherMemberCents: number;
  /** Ceiling of base + per-member part. */
  readonly maxCents: number;
  /** Added per child (RdC: "figlio") or per minor (ADI) after the second. */
  readonly perChildAfterSecondCents?: number;
  /** Who the previous increment counts: children (`figli`, RdC) or minors (ADI). */
  readonly childrenAre?: 'figli' | 'minorenni';
  /** Added per member with a disability (`media`). */
  readonly perDisabledCents?: number;
  /** Added per member with severe disability or non-self-sufficiency (instead of `perDisabledCents`). */
  readonly perSevereCents?: number;
}

/**
 * Residence requirement of the applicant: completed years of residence in Italy, of which the last
 * `continuousYears` continuous.
 *
 * @example
 * ```ts
 * import type { ResidenceRule } from '@riuso-sociale/rei-eligibility';
 * const adi: ResidenceRule = { years: 5, continuousYears: 2 };
 * ```
 */
export interface ResidenceRule {
  /** Years resident in Italy in all (0 = no such test). */
  readonly years: number;
  /** Of which the last years continuously. */
  readonly continuousYears: number;
}

/**
 * Vehicle test: no member may own or have full use of the vehicles described, first registered in
 * the months before the application (vehicles with a disability concession are exempt).
 *
 * @example
 * ```ts
 * import type { VehicleRule } from '@riuso-sociale/rei-eligibility';
 * const adi: VehicleRule = { anyCarMonths: 0, anyMotoMonths: 0, bigMonths: 36, carCc: 1600, motoCc: 250 };
 * ```
 */
export interface VehicleRule {
  /** Any car first registered in these months is excluded (0 = no such test). */
  readonly anyCarMonths: number;
  /** Any motorbike first registered in these months is excluded (0 = no such test). */
  readonly anyMotoMonths: number;
  /** Cars over `carCc` and motorbikes over `motoCc` first registered in these months are excluded (0 = none). */
  readonly bigMonths: number;
  /** Engine size above which a car is "big". */
  readonly carCc: number;
  /** Engine size above which a motorbike is "big". */
  readonly motoCc: number;
}

/**
 * Duration and renewal of a measure.
 *
 * @example
 * ```ts
 * import type { DurationRule } from '@riuso-sociale/rei-eligibility';
 * const adi2026: DurationRule = { months: 18, renewalMonths: 12, renewals: 'unlimited', gapMonths: 0, firstRenewalMonthPercent: 50 };
 * ```
 */
export interface DurationRule {
  /** Months of the first grant. */
  readonly months: number;
  /** Months of each renewal (0 = not renewable). */
  readonly renewalMonths: number;
  /** How many renewals. */
  readonly renewals: 'none' | 'once' | 'unlimited';
  /** Months without payment before a renewal (suspension, or REI's gap). */
  readonly gapMonths: number;
  /** Percentage paid in the first month of a renewal. */
  readonly firstRenewalMonthPercent: number;
}

// ---------------------------------------------------------------------------------------------
// REI

const REI = {
  iseeMaxCents: param<number>(
    'rei.access.isee.max',
    { it: 'REI: ISEE massimo (incluso)', en: 'REI: maximum ISEE (inclusive)' },
    [
      {
        from: REI_FROM,
        value: 600_000,
        ref: D147('art. 3 c.1 lett. b) n. 1', GU_147_ART3),
        status: 'confirmed-primary',
        source: 'eligibility-verified.md §1 «Access» [f]',
      },
    ],
  ),
  isreMaxCents: param<number>('rei.access.isre.max', { it: 'REI: ISRE massimo (incluso)', en: 'REI: maximum ISRE (inclusive)' }, [
    {
      from: REI_FROM,
      value: 300_000,
      ref: D147('art. 3 c.1 lett. b) n. 2', GU_147_ART3),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §1 «Access» [f]',
    },
  ]),
  realEstateMaxCents: param<number>(
    'rei.access.real-estate.max',
    { it: 'REI: patrimonio immobiliare esclusa la casa, massimo', en: 'REI: real estate excluding the home, maximum' },
    [
      {
        from: REI_FROM,
        value: 2_000_000,
        ref: D147('art. 3 c.1 lett. b) n. 3', GU_147_ART3),
        status: 'confirmed-primary',
        source: 'eligibility-verified.md §1 «Access» [f]',
      },
    ],
  ),
  financialAssets: param<FinancialAssetsLimit>(
    'rei.access.financial-assets',
    { it: 'REI: patrimonio mobiliare massimo', en: 'REI: maximum financial assets' },
    [
      {
        from: REI_FROM,
        value: { baseCents: 600_000, perFurtherMemberCents: 200_000, maxCents: 1_000_000 },
        ref: D147('art. 3 c.1 lett. b) n. 4', GU_147_ART3),
        status: 'confirmed-primary',
        source: 'eligibility-verified.md §1 «Access» [f]',
      },
    ],
  ),
  residence: param<ResidenceRule>('rei.access.residence', { it: 'REI: residenza', en: 'REI: residence' }, [
    {
      from: REI_FROM,
      value: { years: 0, continuousYears: 2 },
      ref: D147('art. 3 c.1 lett. a)', GU_147_ART3),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §1 «Residence» [f]',
    },
  ]),
  vehicles: param<VehicleRule>('rei.access.vehicles', { it: 'REI: autoveicoli e motoveicoli', en: 'REI: cars and motorbikes' }, [
    {
      from: REI_FROM,
      value: { anyCarMonths: 24, anyMotoMonths: 24, bigMonths: 0, carCc: 0, motoCc: 0 },
      ref: D147('art. 3 c.1 lett. c)', GU_147_ART3),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §1 «Vehicles» [f] (testo GU troncato a «fa[tti salvi]»; esenzione disabilità da pagine dei Comuni [m])',
      note: 'Esenzione dei veicoli con agevolazioni per disabilità: fonte secondaria. / Disability-concession exemption: secondary source.',
    },
  ]),
  boats: param<true>('rei.access.boats', { it: 'REI: nessuna imbarcazione da diporto', en: 'REI: no pleasure boats' }, [
    {
      from: REI_FROM,
      value: true,
      ref: D147('art. 3 c.1 lett. c) (navi e imbarcazioni, art. 3 c.1 d.lgs. 171/2005)'),
      status: 'secondary',
      source: 'eligibility-rules.md §1 c) «nor boats» ([P] inizio del testo, [S] il resto)',
    },
  ]),
  unemploymentBenefit: param<true>(
    'rei.access.unemployment-benefit',
    { it: 'REI: incompatibile con NASpI o altri ammortizzatori', en: 'REI: incompatible with NASpI or other unemployment benefits' },
    [
      {
        from: REI_FROM,
        value: true,
        ref: D147('art. 3 c.3'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §1 «NASpI» [g] (slide del Ministero)',
        note: 'Comma indicato per deduzione: la specifica cita il testo ma non il comma. / Comma inferred: the spec quotes the text, not the comma.',
      },
    ],
  ),
  composition: param<true>(
    'rei.access.composition',
    { it: 'REI: requisiti familiari (fino al 31 maggio 2018)', en: 'REI: household-composition test (until 31 May 2018)' },
    [
      {
        from: REI_FROM,
        to: d('2018-05-31'),
        value: true,
        ref: L205('art. 1 c.192 (abroga dal 1-07-2018); INPS msg. 1972 dell’11-05-2018 (domande senza requisiti dal 1-06-2018)'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §1 «Composition test» [h], «Applications without composition» [i]',
        note: 'Abrogato dal 1-07-2018 (L. 205/2017 c.192); INPS accetta le domande senza requisito dal 1-06-2018, quindi il test vale fino al 31-05-2018. / Repealed from 1-07-2018; INPS accepts applications without it from 1-06-2018.',
      },
    ],
  ),
  base: param<{ readonly annualCents: number; readonly percent: number }>(
    'rei.benefit.base',
    { it: 'REI: soglia annua × scala × percentuale', en: 'REI: annual threshold × scale × percentage' },
    [
      {
        from: REI_FROM,
        value: { annualCents: 300_000, percent: 75 },
        ref: D147('art. 4 c.1', GU_147_ART4),
        status: 'confirmed-primary',
        source: 'eligibility-verified.md §1 «Benefit base» [a]',
      },
    ],
  ),
  cap: param<{ readonly assegnoSocialeAnnualCents: number; readonly increasePercent: number }>(
    'rei.benefit.cap',
    { it: 'REI: tetto (assegno sociale annuo, +10 % dal 2018)', en: 'REI: cap (annual assegno sociale, +10 % from 2018)' },
    [
      {
        from: REI_FROM,
        to: d('2017-12-31'),
        value: { assegnoSocialeAnnualCents: 582_491, increasePercent: 0 },
        ref: D147('art. 4 c.1', GU_147_ART4),
        status: 'secondary',
        source:
          'eligibility-verified.md §1 «Cap 2017» [k] (tabella marketmovers 2017: 485,41/mese); assegno sociale 2017 448,07 €/mese × 13 (perequazione 0 %, INPS circ. 8 del 17-01-2017, via lavorofacile.it e diritto-lavoro.com)',
      },
      {
        from: d('2018-01-01'),
        to: d('2018-12-31'),
        value: { assegnoSocialeAnnualCents: 588_900, increasePercent: 10 },
        ref: L205('art. 1 c.193'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §1 «Cap 2018» [b] (453,00 × 13 = 5.889,00; tabella INPS 6.477,90/539,82)',
      },
      {
        from: d('2019-01-01'),
        value: { assegnoSocialeAnnualCents: 595_387, increasePercent: 10 },
        ref: L205('art. 1 c.193'),
        status: 'secondary',
        source:
          'assegno sociale 2019 457,99 €/mese, 5.953,87 €/anno (INPS circ. 122 del 27-12-2018, via studiolegalecerasoli.com); non presente nella specifica verificata',
        note: 'Circolare INPS non letta direttamente. / The INPS circular itself was not read.',
      },
    ],
  ),
  monthlyMaxima: param<readonly number[]>(
    'rei.benefit.monthly-maxima',
    {
      it: 'REI: importi mensili massimi pubblicati per 1–6 componenti (tabella ufficiale)',
      en: 'REI: published monthly maxima for 1–6 members (official table)',
    },
    [
      {
        from: REI_FROM,
        to: d('2017-12-31'),
        value: [18_750, 29_438, 38_250, 46_125, 48_541, 48_541],
        ref: D147('art. 4 c.1', GU_147_ART4),
        status: 'secondary',
        source: 'eligibility-rules.md §1 tabella (485,41 con il tetto della prima applicazione, tabella 2017) [S]',
      },
      {
        from: d('2018-01-01'),
        to: d('2018-12-31'),
        value: [18_750, 29_438, 38_250, 46_125, 53_437, 53_982],
        ref: L205('art. 1 c.193'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §1 «Monthly maxima 2018» [b], [c] (tabella INPS, slide del Ministero)',
        note: 'La tabella mescola arrotondamenti (294,375 → 294,38; 534,375 → 534,37; 539,825 → 539,82): si usano i valori pubblicati. / The table mixes roundings: the published values are used.',
      },
    ],
  ),
  lumpSumMaxMonthlyCents: param<number>(
    'rei.benefit.lump-sum',
    {
      it: 'REI: importo mensile fino al quale il beneficio è erogato in unica soluzione annua anticipata',
      en: 'REI: monthly amount up to which the benefit is paid once a year in advance',
    },
    [
      {
        from: d('2018-01-01'),
        value: 2_000,
        ref: { act: 'L. 27 dicembre 2017, n. 205; INPS circ. 57 del 28-03-2018', article: 'art. 1 c.192 ss.' },
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §1 «≤ 20 €/month» [j]',
        note: 'Decorrenza dalla L. 205/2017 (1-01-2018); il comma esatto non è nella specifica. / From L. 205/2017; exact comma not in the spec.',
      },
    ],
  ),
  duration: param<DurationRule>('rei.duration', { it: 'REI: durata e rinnovo', en: 'REI: duration and renewal' }, [
    {
      from: REI_FROM,
      value: { months: 18, renewalMonths: 12, renewals: 'once', gapMonths: 6, firstRenewalMonthPercent: 100 },
      ref: D147('art. 4 c.5'),
      status: 'confirmed-quoted',
      source: 'eligibility-verified.md §1 «Duration» [n], [o]; intervallo di 6 mesi: eligibility-rules.md §1 [S]',
      note: 'I mesi di SIA già goduti si sottraggono (non modellato); intervallo di 6 mesi prima del rinnovo [S]. / SIA months already received are deducted (not modelled); the 6-month gap is [S].',
    },
  ]),
} as const;

// ---------------------------------------------------------------------------------------------
// RdC / PdC

const RDC_BENEFIT_SOURCE = 'eligibility-verified.md §2 «Benefit (art. 3)» [x] (GU 19A02239 art. 3)';

const RDC = {
  iseeBelowCents: param<number>('rdc.access.isee.below', { it: 'RdC/PdC: ISEE inferiore a', en: 'RdC/PdC: ISEE below' }, [
    {
      from: RDC_FROM,
      to: RDC_TO,
      value: 936_000,
      ref: DL4('art. 2 c.1 lett. b) n. 1'),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §2 «ISEE» [p] (GU 19A02424 art. 2)',
    },
  ]),
  realEstateMaxCents: param<number>(
    'rdc.access.real-estate.max',
    { it: 'RdC/PdC: patrimonio immobiliare esclusa la casa, massimo', en: 'RdC/PdC: real estate excluding the home, maximum' },
    [
      {
        from: RDC_FROM,
        to: RDC_TO,
        value: 3_000_000,
        ref: DL4('art. 2 c.1 lett. b) n. 2'),
        status: 'confirmed-primary',
        source: 'eligibility-verified.md §2 «Property excl. home» [p]',
      },
    ],
  ),
  financialAssets: param<FinancialAssetsLimit>(
    'rdc.access.financial-assets',
    { it: 'RdC/PdC: patrimonio mobiliare massimo', en: 'RdC/PdC: maximum financial assets' },
    [
      {
        from: RDC_FROM,
        to: RDC_TO,
        value: {
          baseCents: 600_000,
          perFurtherMemberCents: 200_000,
          maxCents: 1_000_000,
          perChildAfterSecondCents: 100_000,
          childrenAre: 'figli',
          perDisabledCents: 500_000,
          perSevereCents: 750_000,
        },
        ref: DL4('art. 2 c.1 lett. b) n. 3'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §2 «Financial assets» [p] (base, CONFIRMED-P), [q], [r] (maggiorazioni, CONFIRMED-Q)',
      },
    ],
  ),
  incomeBelow: param<{ readonly baseCents: number; readonly pdcCents: number; readonly rentCents: number }>(
    'rdc.access.income.below',
    {
      it: 'RdC/PdC: reddito familiare inferiore a soglia × scala (PdC; in affitto)',
      en: 'RdC/PdC: household income below threshold × scale (PdC; renting)',
    },
    [
      {
        from: RDC_FROM,
        to: RDC_TO,
        value: { baseCents: 600_000, pdcCents: 756_000, rentCents: 936_000 },
        ref: DL4('art. 2 c.1 lett. b) n. 4'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §2 «Household income» [s]',
      },
    ],
  ),
  residence: param<ResidenceRule>('rdc.access.residence', { it: 'RdC/PdC: residenza', en: 'RdC/PdC: residence' }, [
    {
      from: RDC_FROM,
      to: RDC_TO,
      value: { years: 10, continuousYears: 2 },
      ref: DL4('art. 2 c.1 lett. a) n. 2'),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §2 «Residence» [p]',
    },
  ]),
  vehicles: param<VehicleRule>('rdc.access.vehicles', { it: 'RdC/PdC: autoveicoli e motoveicoli', en: 'RdC/PdC: cars and motorbikes' }, [
    {
      from: RDC_FROM,
      to: RDC_TO,
      value: { anyCarMonths: 6, anyMotoMonths: 0, bigMonths: 24, carCc: 1600, motoCc: 250 },
      ref: DL4('art. 2 c.1 lett. c) n. 1'),
      status: 'confirmed-quoted',
      source: 'eligibility-verified.md §2 «Vehicles (c.1 lett. c)» [v]',
    },
  ]),
  boats: param<true>('rdc.access.boats', { it: 'RdC/PdC: nessuna nave o imbarcazione da diporto', en: 'RdC/PdC: no ships or pleasure boats' }, [
    {
      from: RDC_FROM,
      to: RDC_TO,
      value: true,
      ref: DL4('art. 2 c.1 lett. c) n. 2'),
      status: 'confirmed-quoted',
      source: 'eligibility-verified.md §2 «Vehicles (c.1 lett. c)» [v] («no boats»)',
    },
  ]),
  pdcAge: param<number>('pdc.age', { it: 'PdC: età minima di tutti i componenti', en: 'PdC: minimum age of every member' }, [
    {
      from: RDC_FROM,
      to: RDC_TO,
      value: 67,
      ref: DL4('art. 1 c.2'),
      status: 'confirmed-quoted',
      source: 'eligibility-verified.md §2 «PdC» [y]',
      note: '67 anni «adeguato agli incrementi della speranza di vita»: nessun adeguamento nel periodo 2019-2023. / 67, indexed to life expectancy: no change in 2019-2023.',
    },
  ]),
  benefit: param<{
    readonly integrationCents: number;
    readonly pdcIntegrationCents: number;
    readonly rentCapCents: number;
    readonly pdcRentCapCents: number;
    readonly mortgageCapCents: number;
    readonly totalCapCents: number;
    readonly floorCents: number;
  }>('rdc.benefit', { it: 'RdC/PdC: quote A e B, tetto, minimo', en: 'RdC/PdC: parts A and B, cap, floor' }, [
    {
      from: RDC_FROM,
      to: RDC_TO,
      value: {
        integrationCents: 600_000,
        pdcIntegrationCents: 756_000,
        rentCapCents: 336_000,
        pdcRentCapCents: 180_000,
        mortgageCapCents: 180_000,
        totalCapCents: 936_000,
        floorCents: 48_000,
      },
      ref: {
        ...DL4('art. 3 cc. 1–4'),
        url: 'https://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.versione=1&art.idGruppo=1&art.flagTipoArticolo=0&art.codiceRedazionale=19A02239&art.idArticolo=3&art.idSottoArticolo=1&art.idSottoArticolo1=10&art.dataPubblicazioneGazzetta=2019-03-29&art.progressivo=0',
      },
      status: 'confirmed-primary',
      source: RDC_BENEFIT_SOURCE,
      note: 'Quota B: canone «come dichiarato a fini ISEE» fino a 3.360 (PdC 1.800, c.2); rata del mutuo fino a 1.800 per chi vive in casa di proprietà con mutuo (c.3); minimo 480 (c.4). / Part B: rent as declared for the ISEE; mortgage instalment (c.3); floor (c.4).',
    },
  ]),
  monthsLimit2023: param<number>(
    'rdc.2023.months-limit',
    {
      it: 'RdC 2023: al massimo 7 mensilità (salvo nuclei con minorenni, disabili o componenti ≥ 60 anni)',
      en: 'RdC 2023: at most 7 monthly payments (except households with minors, disabled members or members aged 60+)',
    },
    [
      {
        from: d('2023-01-01'),
        to: RDC_TO,
        value: 7,
        ref: { act: 'L. 29 dicembre 2022, n. 197', article: 'art. 1 c.313' },
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §2 «2023 limit» [z], [z2] (INPS circ. 61/2023)',
      },
    ],
  ),
  protected2023Age: param<number>(
    'rdc.2023.protected-age',
    { it: 'RdC 2023: età che esenta dal limite di 7 mensilità', en: 'RdC 2023: age exempting from the 7-month limit' },
    [
      {
        from: d('2023-01-01'),
        to: RDC_TO,
        value: 60,
        ref: { act: 'L. 29 dicembre 2022, n. 197', article: 'art. 1 c.313' },
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §2 «2023 limit» [z], [z2]',
      },
    ],
  ),
  duration: param<DurationRule>('rdc.duration', { it: 'RdC: durata e rinnovo', en: 'RdC: duration and renewal' }, [
    {
      from: RDC_FROM,
      to: RDC_TO,
      value: { months: 18, renewalMonths: 18, renewals: 'unlimited', gapMonths: 1, firstRenewalMonthPercent: 100 },
      ref: DL4('art. 3 c.6'),
      status: 'confirmed-quoted',
      source: 'eligibility-verified.md §2 «Duration» [z] (sintesi della circ. 61/2023)',
      note: 'Durata del rinnovo (18 mesi) dedotta da «rinnovabile» nello stesso comma: da verificare. / Renewal length (18 months) inferred: to be checked.',
    },
  ]),
  pdcDuration: param<DurationRule>('pdc.duration', { it: 'PdC: durata e rinnovo', en: 'PdC: duration and renewal' }, [
    {
      from: RDC_FROM,
      to: RDC_TO,
      value: { months: 18, renewalMonths: 18, renewals: 'unlimited', gapMonths: 0, firstRenewalMonthPercent: 100 },
      ref: DL4('art. 3 c.6'),
      status: 'secondary',
      source: 'eligibility-verified.md §2 «Duration» [y2] (la PdC si rinnova senza sospensione)',
    },
  ]),
} as const;

// ---------------------------------------------------------------------------------------------
// ADI

const ADI_2025_SOURCE =
  'eligibility-verified.md §3 «2025 values» [L], [M] (msg. INPS 148/2025 in sintesi; L. 207/2024 art. 1 c.198)';

const ISEE_KIND_2026_NOTE =
  "Il nome «ISEE per specifiche prestazioni familiari e per l'inclusione» è dell'INPS (msg. 102 del 12-01-2026, in sintesi: caafemiliaromagna.it/isee-2026, cgil.it); la legge dice solo che per queste prestazioni la soglia della casa e le maggiorazioni a) cambiano. Per l'INPS le domande respinte con l'ISEE ordinario sono sospese e riesaminate con il nuovo (SECONDARY). / The name is INPS's (msg. 102/2026, summarised); applications that would fail on the ordinary ISEE are suspended and re-examined (SECONDARY).";

const ADI = {
  iseeKind: param<IseeKindRule>('adi.access.isee.kind', { it: "ADI: tipo di ISEE", en: 'ADI: kind of ISEE' }, [
    { from: ADI_FROM, to: d('2025-12-31'), value: 'ordinario', ref: DL48('art. 2 c.2 lett. b) n. 1', GU_48_ART2), status: 'confirmed-primary', source: 'eligibility-verified.md §3 «ISEE 2024» [A]' },
    { from: Y2026, value: 'prestazioni-familiari-inclusione', ref: L199('art. 1 c.208'), status: 'confirmed-primary', source: L199_SOURCE, note: ISEE_KIND_2026_NOTE },
  ]),
  iseeMaxCents: param<number>('adi.access.isee.max', { it: 'ADI: ISEE massimo (incluso)', en: 'ADI: maximum ISEE (inclusive)' }, [
    {
      from: ADI_FROM,
      to: Y2024_END,
      value: 936_000,
      ref: DL48('art. 2 c.2 lett. b) n. 1', GU_48_ART2),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §3 «ISEE 2024» [A]',
    },
    { from: Y2025, value: 1_014_000, ref: L207(), status: 'confirmed-quoted', source: ADI_2025_SOURCE },
  ]),
  incomeBelow: param<{ readonly baseCents: number; readonly elderlyCents: number; readonly rentCents: number | null }>(
    'adi.access.income.below',
    {
      it: 'ADI: reddito familiare inferiore a soglia × scala (anziani; in affitto dal 2025)',
      en: 'ADI: household income below threshold × scale (elderly; renting from 2025)',
    },
    [
      {
        from: ADI_FROM,
        to: Y2024_END,
        value: { baseCents: 600_000, elderlyCents: 756_000, rentCents: null },
        ref: DL48('art. 2 c.2 lett. b) n. 2', GU_48_ART2),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §3 «Income 2024» [B], [C]',
      },
      {
        from: Y2025,
        value: { baseCents: 650_000, elderlyCents: 819_000, rentCents: 1_014_000 },
        ref: L207(),
        status: 'secondary',
        source: `${ADI_2025_SOURCE}; soglia per l'affitto × scala: tuttolavoro24.it/?p=156754 [N] (cita INPS msg. 595 del 17-02-2025)`,
        note: 'Le soglie 6.500/8.190 × scala sono CONFIRMED-Q; che la soglia di 10.140 per chi è in affitto sia moltiplicata per la scala lo dice solo una fonte secondaria (testo di legge non letto). / 6,500/8,190 × scale are CONFIRMED-Q; 10,140 × scale for renters rests on a secondary source only.',
      },
    ],
  ),
  realEstate: param<{ readonly maxCents: number; readonly homeImuExemptCents: number }>(
    'adi.access.real-estate',
    {
      it: 'ADI: patrimonio immobiliare esclusa la casa (casa esclusa fino a un valore IMU)',
      en: 'ADI: real estate excluding the home (home excluded up to an IMU value)',
    },
    [
      {
        from: ADI_REQUIREMENTS_FROM,
        value: { maxCents: 3_000_000, homeImuExemptCents: 15_000_000 },
        ref: DL48('art. 2 c.2 lett. b) n. 3'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §3 «Property» [D], [E]',
        note: 'Lettera del comma dedotta (la pagina GU è troncata). / Letter of the comma inferred (GU page cut).',
      },
    ],
  ),
  financialAssets: param<FinancialAssetsLimit>(
    'adi.access.financial-assets',
    { it: 'ADI: patrimonio mobiliare massimo', en: 'ADI: maximum financial assets' },
    [
      {
        from: ADI_REQUIREMENTS_FROM,
        value: {
          baseCents: 600_000,
          perFurtherMemberCents: 200_000,
          maxCents: 1_000_000,
          perChildAfterSecondCents: 100_000,
          childrenAre: 'minorenni',
          perDisabledCents: 500_000,
          perSevereCents: 750_000,
        },
        ref: DL48('art. 2 c.2 lett. b) n. 4'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §3 «Financial assets» [E]',
        note: 'Numero del comma dedotto (pagina GU troncata). / Comma number inferred (GU page cut).',
      },
    ],
  ),
  residence: param<ResidenceRule>('adi.access.residence', { it: 'ADI: residenza', en: 'ADI: residence' }, [
    {
      from: ADI_REQUIREMENTS_FROM,
      value: { years: 5, continuousYears: 2 },
      ref: DL48('art. 2 c.2 lett. a) n. 2', GU_48_ART2),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §3 «Applicant» [A]',
    },
  ]),
  vehicles: param<VehicleRule>('adi.access.vehicles', { it: 'ADI: autoveicoli e motoveicoli', en: 'ADI: cars and motorbikes' }, [
    {
      from: ADI_REQUIREMENTS_FROM,
      value: { anyCarMonths: 0, anyMotoMonths: 0, bigMonths: 36, carCc: 1600, motoCc: 250 },
      ref: DL48('art. 2 c.2 lett. c) n. 1'),
      status: 'confirmed-quoted',
      source: 'eligibility-verified.md §3 «Vehicles, boats» [E]; testo citato da bonusepagamenti.it/assegno-di-inclusione-e-veicoli e agenzianova.com (24-12-2023)',
    },
  ]),
  boatsAircraft: param<true>(
    'adi.access.boats-aircraft',
    { it: 'ADI: nessuna nave, imbarcazione o aeromobile', en: 'ADI: no ships, boats or aircraft' },
    [
      {
        from: ADI_REQUIREMENTS_FROM,
        value: true,
        ref: DL48('art. 2 c.2 lett. c) n. 2'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §3 «Vehicles, boats» [E]; numerazione dalle note della legge di conversione in GU',
      },
    ],
  ),
  categorical: param<{ readonly age: number }>(
    'adi.access.categorical',
    {
      it: 'ADI: almeno un componente disabile, minorenne, con almeno 60 anni o in un programma di cura certificato',
      en: 'ADI: at least one member who is disabled, a minor, aged 60+ or in a certified care programme',
    },
    [
      {
        from: ADI_FROM,
        value: { age: 60 },
        ref: DL48('art. 1 c.2; art. 2 c.1', GU_48_ART2),
        status: 'confirmed-primary',
        source: 'eligibility-verified.md §3 «Categorical requirement» [A]',
      },
    ],
  ),
  elderlyAge: param<number>(
    'adi.elderly-age',
    { it: 'ADI: età per le soglie maggiorate (nucleo di anziani)', en: 'ADI: age for the higher thresholds (elderly household)' },
    [
      {
        from: ADI_FROM,
        value: 67,
        ref: DL48('art. 3 c.1', GU_48_ART3),
        status: 'confirmed-primary',
        source: 'eligibility-verified.md §3 «Benefit (art. 3 c.1)» [C]',
      },
    ],
  ),
  resignation: param<true>(
    'adi.access.resignation',
    {
      it: 'ADI: nessun componente dimessosi volontariamente negli ultimi 12 mesi',
      en: 'ADI: no member resigned voluntarily in the last 12 months',
    },
    [
      {
        from: ADI_FROM,
        value: true,
        ref: DL48('art. 2 c.3'),
        status: 'confirmed-quoted',
        source: 'eligibility-verified.md §3 «Resignation» [E]',
        note: 'Comma dedotto; salvo giusta causa o risoluzione consensuale. / Comma inferred; just cause or consensual termination excepted.',
      },
    ],
  ),
  benefit: param<{
    readonly integrationCents: number;
    readonly elderlyIntegrationCents: number;
    readonly rentCapCents: number;
    readonly elderlyRentCapCents: number;
  }>('adi.benefit', { it: 'ADI: integrazione del reddito e quota affitto', en: 'ADI: income top-up and rent part' }, [
    {
      from: ADI_FROM,
      to: Y2024_END,
      value: { integrationCents: 600_000, elderlyIntegrationCents: 756_000, rentCapCents: 336_000, elderlyRentCapCents: 180_000 },
      ref: DL48('art. 3 c.1', GU_48_ART3),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §3 «Benefit (art. 3 c.1)» [C]',
      note: 'Quota affitto solo con «contratto ritualmente registrato» (art. 3 c.1, testo GU). / Rent part only with a duly registered lease.',
    },
    {
      from: Y2025,
      value: { integrationCents: 650_000, elderlyIntegrationCents: 819_000, rentCapCents: 364_000, elderlyRentCapCents: 195_000 },
      ref: L207(),
      status: 'confirmed-quoted',
      source: ADI_2025_SOURCE,
    },
  ]),
  floorCents: param<number>('adi.benefit.floor', { it: 'ADI: importo minimo annuo', en: 'ADI: annual minimum' }, [
    {
      from: ADI_FROM,
      value: 48_000,
      ref: DL48('art. 3 (comma non trovato)'),
      status: 'secondary',
      source: 'eligibility-verified.md §3 «Floor» [I] (spicgilbrianza.it, lametasociale.it)',
    },
  ]),
  oneOffContribution: param<{ readonly maxCents: number; readonly eighteenthMonthFrom: string; readonly eighteenthMonthTo: string }>(
    'adi.benefit.one-off',
    {
      it: "ADI: contributo straordinario aggiuntivo al rinnovo (pari alla prima mensilità di rinnovo, al massimo 500 €)",
      en: 'ADI: one-off extra contribution on renewal (equal to the first renewal instalment, at most €500)',
    },
    [
      {
        from: d('2025-08-06'),
        to: d('2025-12-31'),
        value: { maxCents: 50_000, eighteenthMonthFrom: '2024-01', eighteenthMonthTo: '2025-10' },
        ref: { act: 'D.L. 26 giugno 2025, n. 92, conv. L. 1 agosto 2025, n. 113', article: 'art. 10-ter cc. 1–2' },
        status: 'confirmed-quoted',
        source:
          "INPS msg. 2458 dell'8-08-2025, riprodotto su paefficace.it: «spetta un contributo straordinario aggiuntivo pari all'importo della prima mensilità di rinnovo e, comunque, non superiore a 500 euro»; erogato con la prima mensilità di rinnovo e comunque entro dicembre 2025 (nota INPS citata da Radiocor)",
        note: "In vigore dal 6-08-2025 (conversione, fonte secondaria). Per i nuclei sospesi nel 2025 dopo le prime 18 mensilità: il primo mese di fruizione è il gennaio 2024, quindi il 18° mese cade da giugno 2025. / From 6-08-2025 (secondary); for households suspended in 2025 after their first 18 months.",
      },
      {
        from: Y2026,
        to: d('2026-12-31'),
        value: { maxCents: 50_000, eighteenthMonthFrom: '2025-11', eighteenthMonthTo: '2025-11' },
        ref: L199('art. 1 c.159'),
        status: 'confirmed-primary',
        source: `${L199_SOURCE}: c.159 «si applicano ai nuclei familiari per cui il diciottesimo mese di percezione del beneficio … ricade nel mese di novembre 2025»`,
        note: "Quando l'INPS paghi il contributo a questi nuclei, e se la loro prima mensilità di rinnovo del 2026 sia anch'essa al 50 %, non è scritto in alcun testo letto (UNVERIFIED): il contributo è calcolato sulla prima mensilità di rinnovo secondo la regola in vigore a gennaio 2026. La fine del periodo (31-12-2026) è una scelta del pacchetto. / When INPS pays these households and whether their 2026 first renewal instalment is halved too is UNVERIFIED; the end date is the package's choice.",
      },
    ],
  ),
  duration: param<DurationRule>('adi.duration', { it: 'ADI: durata e rinnovo', en: 'ADI: duration and renewal' }, [
    {
      from: ADI_FROM,
      to: d('2025-12-31'),
      value: { months: 18, renewalMonths: 12, renewals: 'unlimited', gapMonths: 1, firstRenewalMonthPercent: 100 },
      ref: DL48('art. 3 c.2', GU_48_ART3),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §3 «Duration 2024–25» [C]',
    },
    {
      from: d('2026-01-01'),
      value: { months: 18, renewalMonths: 12, renewals: 'unlimited', gapMonths: 0, firstRenewalMonthPercent: 50 },
      ref: { act: 'L. 30 dicembre 2025, n. 199', article: 'art. 1 c.158 (sostituisce il D.L. 48/2023 art. 3 c.2)' },
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §3 «Duration from 2026» [J]',
    },
  ]),
} as const;

// ---------------------------------------------------------------------------------------------
// SFL

const SFL = {
  iseeKind: param<IseeKindRule>('sfl.access.isee.kind', { it: 'SFL: tipo di ISEE', en: 'SFL: kind of ISEE' }, [
    { from: SFL_FROM, to: d('2025-12-31'), value: 'ordinario', ref: DL48('art. 12 c.2'), status: 'confirmed-primary', source: 'eligibility-verified.md §4 «Who» [O]' },
    { from: Y2026, value: 'prestazioni-familiari-inclusione', ref: L199('art. 1 c.208'), status: 'confirmed-primary', source: L199_SOURCE, note: ISEE_KIND_2026_NOTE },
  ]),
  iseeMaxCents: param<number>('sfl.access.isee.max', { it: 'SFL: ISEE massimo (incluso)', en: 'SFL: maximum ISEE (inclusive)' }, [
    {
      from: SFL_FROM,
      to: Y2024_END,
      value: 600_000,
      ref: DL48('art. 12 c.2'),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §4 «Who» [O] (GU 23G00057 art. 12)',
    },
    { from: Y2025, value: 1_014_000, ref: L207(), status: 'confirmed-quoted', source: 'eligibility-verified.md §4 «2025» [Q], [M]' },
  ]),
  incomeBelowCents: param<number>(
    'sfl.access.income.below',
    {
      it: 'SFL: reddito familiare inferiore a soglia × scala ISEE',
      en: 'SFL: household income below threshold × ISEE scale',
    },
    [
      {
        from: SFL_FROM,
        to: Y2024_END,
        value: 600_000,
        ref: {
          act: 'D.M. Lavoro 8 agosto 2023 (GU 25-08-2023, 23A04814)',
          article: 'art. 2 c.4',
          url: 'https://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.versione=1&art.idGruppo=0&art.flagTipoArticolo=0&art.codiceRedazionale=23A04814&art.idArticolo=2&art.idSottoArticolo=1&art.idSottoArticolo1=10&art.dataPubblicazioneGazzetta=2023-08-25&art.progressivo=0',
        },
        status: 'confirmed-primary',
        source:
          'D.M. art. 2 c.4: requisiti del D.L. 48/2023 art. 2 c.2 esclusa la lett. b) n. 1; «la soglia dei 6.000 euro annui si intende moltiplicata per il … parametro della scala di equivalenza, come definita ai fini dell\'ISEE»',
        note: 'Data del decreto non verificata (solo la pubblicazione in GU). / Decree date not checked (only the GU publication).',
      },
      {
        from: Y2025,
        value: 1_014_000,
        ref: L207(),
        status: 'secondary',
        source:
          "INPS msg. 148 del 15-01-2025 in sintesi: informazionefiscale.it («Anche la soglia massima del reddito familiare viene portata a 10.140 euro») e sergiocriveller.it («innalzamento del valore Isee e del valore del reddito familiare da 6.000 euro a 10.140 euro»); nessuna fonte per 6.500 € (valore ADI)",
        note: "Che la soglia di 10.140 € resti moltiplicata per la scala ISEE (D.M. 8-08-2023 art. 2 c.4) non è scritto in alcun testo letto: la moltiplicazione è UNVERIFIED. Prima di questo passaggio il pacchetto usava 6.500 € per analogia con l'ADI, senza fonte. / Whether 10,140 is still multiplied by the ISEE scale is UNVERIFIED; the package used 6,500 by analogy before, with no source.",
      },
    ],
  ),
  age: param<{ readonly min: number; readonly max: number }>('sfl.access.age', { it: 'SFL: età', en: 'SFL: age' }, [
    {
      from: SFL_FROM,
      value: { min: 18, max: 59 },
      ref: DL48('art. 12 c.2'),
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §4 «Who» [O]',
    },
  ]),
  monthlyCents: param<number>('sfl.benefit.monthly', { it: 'SFL: importo mensile', en: 'SFL: monthly amount' }, [
    {
      from: SFL_FROM,
      to: Y2024_END,
      value: 35_000,
      ref: DL48('art. 12 c.7'),
      status: 'confirmed-quoted',
      source: 'eligibility-verified.md §4 «Amount, duration» [P]',
      note: 'Comma dedotto. / Comma inferred.',
    },
    { from: Y2025, value: 50_000, ref: L207(), status: 'confirmed-quoted', source: 'eligibility-verified.md §4 «2025» [Q], [M]' },
  ]),
  duration: param<DurationRule>('sfl.duration', { it: 'SFL: durata', en: 'SFL: duration' }, [
    {
      from: SFL_FROM,
      to: Y2024_END,
      value: { months: 12, renewalMonths: 0, renewals: 'none', gapMonths: 0, firstRenewalMonthPercent: 100 },
      ref: DL48('art. 12 c.7'),
      status: 'confirmed-quoted',
      source: 'eligibility-verified.md §4 «Amount, duration» [P]',
    },
    {
      from: Y2025,
      value: { months: 12, renewalMonths: 12, renewals: 'once', gapMonths: 0, firstRenewalMonthPercent: 100 },
      ref: { ...L207(), article: 'art. 1 c.198 (D.L. 48/2023 art. 12 c.7-bis)' },
      status: 'confirmed-quoted',
      source: 'eligibility-verified.md §4 «2025» [Q] (proroga di 12 mesi se a 12 mesi frequenta un corso di formazione)',
    },
  ]),
} as const;

/**
 * Every dated access threshold and benefit amount, by measure (PdC shares the RdC parameters; its own
 * are `rdc.pdcAge`, `rdc.pdcDuration` and the `pdc…` fields). Money in integer cents. The scales are
 * separate ({@link ISEE_BASE_SCALE}, {@link REI_SCALE}, {@link RDC_SCALE}, {@link ADI_SCALE}).
 * Read a value on a date with {@link parameterAt}.
 *
 * @example
 * ```ts
 * import { RULE_PARAMETERS, parameterAt } from '@riuso-sociale/rei-eligibility';
 * parameterAt(RULE_PARAMETERS.adi.iseeMaxCents, '2025-03-01' as never); // { ok: true, value: 1014000 }
 * RULE_PARAMETERS.adi.incomeBelow.periods[1]?.status; // 'unverified' (renters' threshold × scale)
 * ```
 */
export const RULE_PARAMETERS = { rei: REI, rdc: RDC, adi: ADI, sfl: SFL } as const;

/**
 * Every parameter of the package in one list (scales and thresholds), e.g. to print the sources or to
 * list what is still unverified.
 *
 * @example
 * ```ts
 * import { allParameters } from '@riuso-sociale/rei-eligibility';
 * allParameters().filter((p) => p.periods.some((x) => x.status === 'unverified')).map((p) => p.name);
 * ```
 */
export function allParameters(): readonly DatedParameter<unknown>[] {
  const out: DatedParameter<unknown>[] = [
    ISEE_BASE_SCALE,
    ISEE_CHILDREN_INCREMENT,
    ISEE_CHILDREN_INCREMENT_2026,
    ISEE_HOME_EXCLUSION,
    ISEE_HOME_EXCLUSION_2026,
    ISEE_WORKING_PARENTS_INCREMENT,
    ISEE_DISABILITY_INCREMENT,
    REI_SCALE,
    RDC_SCALE,
    RDC_RESIGNATION_EXCLUSION,
    ADI_SCALE,
  ];
  for (const group of Object.values(RULE_PARAMETERS)) {
    for (const p of Object.values(group) as DatedParameter<unknown>[]) out.push(p);
  }
  return out;
}
