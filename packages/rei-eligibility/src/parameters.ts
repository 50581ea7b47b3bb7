// SPDX-License-Identifier: BSD-3-Clause
/**
 * Dated legal parameters: each value carries the period it was in force, the act that set it and
 * how well the value was verified (the status tags of `eligibility-verified.md`).
 * Only the parameters the equivalence scales need are here. Scale values are integer
 * hundredths (`157` = 1,57) so no floating-point sum ever drifts.
 * @module
 */
import { dateText, compareIsoDate, createIssue, fail, ok, type IsoDate, type LocalizedText, type Result } from '@riuso-sociale/core';

/**
 * How well a value was verified (tags of `eligibility-verified.md`):
 * - `confirmed-primary`: read in the law text itself (GU article page or verbatim GU mirror) — CONFIRMED-P;
 * - `confirmed-quoted`: a third party quotes the law/INPS/Ministry text verbatim — CONFIRMED-Q;
 * - `secondary`: only consistent summaries (CAF, patronato, press) — SECONDARY;
 * - `unverified`: no text found — UNVERIFIED.
 *
 * @example
 * ```ts
 * import type { ParameterStatus } from '@riuso-sociale/rei-eligibility';
 * const s: ParameterStatus = 'confirmed-quoted';
 * ```
 */
export type ParameterStatus = 'confirmed-primary' | 'confirmed-quoted' | 'secondary' | 'unverified';

/**
 * The legal reference of a value.
 *
 * @example
 * ```ts
 * import type { LegalRef } from '@riuso-sociale/rei-eligibility';
 * const ref: LegalRef = { act: 'D.L. 4/2019 conv. L. 26/2019', article: 'art. 2 c.4' };
 * ```
 */
export interface LegalRef {
  /** The act, e.g. `DPCM 5 dicembre 2013, n. 159`. */
  readonly act: string;
  /** Article, comma, annex, e.g. `art. 4 c.1`, `Allegato 1`. */
  readonly article: string;
  /** The page of the law text, only where the verification pass gives one. */
  readonly url?: string;
}

/**
 * One period of a parameter: the value in force from `from` to `to` (both inclusive; no `to` = still in force).
 *
 * @example
 * ```ts
 * import type { ParameterPeriod } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const p: ParameterPeriod<number> = {
 *   from: makeIsoDate(2016, 5, 29)!, value: 50, status: 'confirmed-quoted',
 *   ref: { act: 'D.L. 42/2016 conv. L. 89/2016', article: 'art. 2-sexies' },
 *   source: 'INPS circ. 137/2016 (sommario), via news.ilcaso.it/news_1590/10-09-16/',
 * };
 * ```
 */
export interface ParameterPeriod<T> {
  /** First day in force (inclusive). */
  readonly from: IsoDate;
  /** Last day in force (inclusive); absent while still in force. */
  readonly to?: IsoDate;
  /** The value. */
  readonly value: T;
  /** The act that sets it. */
  readonly ref: LegalRef;
  /** How well the value was verified. */
  readonly status: ParameterStatus;
  /** Where the verification pass read it (spec source letters and pages). */
  readonly source: string;
  /** Caveats, e.g. a start date taken from a weaker source than the value. */
  readonly note?: string;
}

/**
 * A named parameter: its periods in date order, never overlapping.
 *
 * @example
 * ```ts
 * import { RDC_SCALE, parameterAt } from '@riuso-sociale/rei-eligibility';
 * RDC_SCALE.name; // 'rdc.scale'
 * ```
 */
export interface DatedParameter<T> {
  /** Stable identifier, e.g. `isee.scale.base`. */
  readonly name: string;
  /** What it is, Italian and English. */
  readonly description: LocalizedText;
  /** Periods in date order. */
  readonly periods: readonly ParameterPeriod<T>[];
}

/** Issue code of {@link parameterAt} when no period covers the date. */
export type ParameterIssueCode = 'rei.parameter.out_of_period';

/**
 * The period of a parameter in force on `date`, or a typed failure when no period covers it.
 *
 * @example
 * ```ts
 * import { periodAt, RDC_SCALE } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * const r = periodAt(RDC_SCALE, makeIsoDate(2020, 6, 1)!);
 * if (r.ok) r.value.ref.article; // 'art. 2 c.4'
 * ```
 */
export function periodAt<T>(param: DatedParameter<T>, date: IsoDate): Result<ParameterPeriod<T>, ParameterIssueCode> {
  for (const p of param.periods) {
    if (compareIsoDate(date, p.from) >= 0 && (p.to === undefined || compareIsoDate(date, p.to) <= 0)) return ok(p);
  }
  const first = param.periods[0];
  const last = param.periods[param.periods.length - 1];
  return fail([
    createIssue(
      'rei.parameter.out_of_period',
      {
        it: `Il parametro ${param.name} non è in vigore ${dateText(date, { preposition: 'on' })}`,
        en: `Parameter ${param.name} is not in force ${dateText(date, { lang: 'en', preposition: 'on' })}`,
      },
      { params: { parameter: param.name, date, from: first?.from ?? null, to: last?.to ?? null } },
    ),
  ]);
}

/**
 * The value of a parameter in force on `date`, or a typed failure when no period covers it.
 *
 * @example
 * ```ts
 * import { parameterAt, ISEE_DISABILITY_INCREMENT } from '@riuso-sociale/rei-eligibility';
 * import { makeIsoDate } from '@riuso-sociale/core';
 * parameterAt(ISEE_DISABILITY_INCREMENT, makeIsoDate(2020, 1, 1)!); // { ok: true, value: 50 }
 * parameterAt(ISEE_DISABILITY_INCREMENT, makeIsoDate(2016, 1, 1)!).ok; // false
 * ```
 */
export function parameterAt<T>(param: DatedParameter<T>, date: IsoDate): Result<T, ParameterIssueCode> {
  const r = periodAt(param, date);
  return r.ok ? ok(r.value.value) : r;
}

// ---------------------------------------------------------------------------------------------
// The parameters. Dates are typed literals: the `d` helper only brands strings checked by tests.

const d = (s: string): IsoDate => s as IsoDate;

const DPCM_159: LegalRef = { act: 'DPCM 5 dicembre 2013, n. 159', article: 'Allegato 1' };
const ISEE_FROM = d('2015-01-01');
const ISEE_FROM_NOTE =
  'Data di inizio non presente nella specifica verificata (avvio del nuovo ISEE); il valore è CONFIRMED-P. / Start date not in the verified spec (start of the new ISEE); the value is CONFIRMED-P.';

/**
 * ISEE base scale (DPCM 159/2013 All. 1), hundredths: `byMembers[n-1]` for 1–5 members, then
 * `perFurtherMember` for each member after the fifth. CONFIRMED-P.
 *
 * @example
 * ```ts
 * import { ISEE_BASE_SCALE } from '@riuso-sociale/rei-eligibility';
 * ISEE_BASE_SCALE.periods[0]?.value.byMembers; // [100, 157, 204, 246, 285]
 * ```
 */
export const ISEE_BASE_SCALE: DatedParameter<{ readonly byMembers: readonly number[]; readonly perFurtherMember: number }> = {
  name: 'isee.scale.base',
  description: { it: 'Scala di equivalenza ISEE, parametri base', en: 'ISEE equivalence scale, base parameters' },
  periods: [
    {
      from: ISEE_FROM,
      value: { byMembers: [100, 157, 204, 246, 285], perFurtherMember: 35 },
      ref: DPCM_159,
      status: 'confirmed-primary',
      source: 'GU 14G00009 Allegato 1 [R]',
      note: ISEE_FROM_NOTE,
    },
  ],
};

/**
 * ISEE maggiorazione a) by number of children ("figli", not only minors), hundredths, indexed by
 * the number of children (index 5 = five or more). Two periods: the DPCM original, and from
 * 2026 the L. 199/2025 art. 1 c.208 values, which apply ONLY to ADI, SFL, AUU, bonus nido and the
 * L. 207/2024 c.206 bonus (see {@link ISEE_CHILDREN_INCREMENT_2026}). CONFIRMED-P.
 *
 * @example
 * ```ts
 * import { ISEE_CHILDREN_INCREMENT } from '@riuso-sociale/rei-eligibility';
 * ISEE_CHILDREN_INCREMENT.periods[0]?.value; // [0, 0, 0, 20, 35, 50]
 * ```
 */
export const ISEE_CHILDREN_INCREMENT: DatedParameter<readonly number[]> = {
  name: 'isee.scale.children',
  description: { it: 'Maggiorazione a) per numero di figli', en: 'Increment a) by number of children' },
  periods: [
    {
      from: ISEE_FROM,
      value: [0, 0, 0, 20, 35, 50],
      ref: { ...DPCM_159, article: 'Allegato 1, lett. a)' },
      status: 'confirmed-primary',
      source: 'GU 14G00009 Allegato 1 [R]',
      note: ISEE_FROM_NOTE,
    },
  ],
};

/**
 * ISEE maggiorazione a) as redetermined by L. 199/2025 art. 1 c.208, for ADI, SFL, AUU, bonus nido
 * and the L. 207/2024 c.206 bonus only, "nelle more dell'adeguamento" of the DPCM. Hundredths by
 * number of children (index 5 = five or more). CONFIRMED-P; start date 1-01-2026 (the 2026
 * budget law), taken from the spec's "2026" heading.
 *
 * @example
 * ```ts
 * import { ISEE_CHILDREN_INCREMENT_2026 } from '@riuso-sociale/rei-eligibility';
 * ISEE_CHILDREN_INCREMENT_2026.periods[0]?.value; // [0, 0, 10, 25, 40, 55]
 * ```
 */
export const ISEE_CHILDREN_INCREMENT_2026: DatedParameter<readonly number[]> = {
  name: 'isee.scale.children.l199-2025',
  description: {
    it: 'Maggiorazione a) rideterminata (ADI, SFL, AUU, bonus nido)',
    en: 'Increment a) as redetermined (ADI, SFL, AUU, nursery bonus)',
  },
  periods: [
    {
      from: d('2026-01-01'),
      value: [0, 0, 10, 25, 40, 55],
      ref: { act: 'L. 30 dicembre 2025, n. 199', article: 'art. 1 c.208' },
      status: 'confirmed-primary',
      source: 'GitHub andreasavia/gazzetta-civica, commit 5786f1a, L. 199/2025 [J]',
      note: 'Decorrenza 1-01-2026 dedotta dalla legge di bilancio 2026 (GU 30-12-2025). / Start 1-01-2026 inferred from the 2026 budget law.',
    },
  ],
};

/**
 * The home exclusion of the ISEE (DPCM 159/2013 art. 5 c.2, fourth and fifth periods): the value of the
 * home the household owns and lives in, net of the residual mortgage, does not count below a threshold
 * (`baseCents`; `metroCents` for households resident in the capoluogo of a città metropolitana, L. 56/2014)
 * raised by `perChildCents` for each cohabiting child after the `childrenBefore`-th; above it, two thirds
 * of the excess count. The ordinary ISEE: 52.500 €, +2.500 € per child after the second. CONFIRMED-P.
 *
 * @example
 * ```ts
 * import { ISEE_HOME_EXCLUSION } from '@riuso-sociale/rei-eligibility';
 * ISEE_HOME_EXCLUSION.periods[0]?.value.baseCents; // 5_250_000
 * ```
 */
export const ISEE_HOME_EXCLUSION: DatedParameter<HomeExclusion> = {
  name: 'isee.home-exclusion',
  description: { it: 'ISEE: franchigia della casa di abitazione', en: 'ISEE: exclusion of the home' },
  periods: [
    {
      from: ISEE_FROM,
      value: { baseCents: 5_250_000, metroCents: 5_250_000, perChildCents: 250_000, childrenBefore: 2 },
      ref: { act: 'DPCM 5 dicembre 2013, n. 159', article: 'art. 5 c.2' },
      status: 'confirmed-primary',
      source:
        "GU n. 19 del 24-01-2014 (14G00009, art. 5): «non rileva … se inferiore alla soglia di 52.500 euro, incrementata di 2.500 euro per ogni figlio convivente successivo al secondo. Se superiore alle predette soglie, il valore rileva in misura pari a due terzi della parte eccedente.»",
      note: ISEE_FROM_NOTE,
    },
  ],
};

/**
 * The home exclusion of the ISEE «per specifiche prestazioni familiari e per l'inclusione» (ADI, SFL,
 * assegno unico, bonus nido, bonus nuovi nati) from 1-01-2026: 91.500 €, 120.000 € for households
 * resident in the capoluogo of a città metropolitana, +2.500 € per cohabiting child after the first
 * (L. 199/2025 art. 1 c.208). The mortgage netting and the two thirds of the excess stay as in the DPCM.
 * CONFIRMED-P.
 *
 * @example
 * ```ts
 * import { ISEE_HOME_EXCLUSION_2026 } from '@riuso-sociale/rei-eligibility';
 * ISEE_HOME_EXCLUSION_2026.periods[0]?.value.metroCents; // 12_000_000
 * ```
 */
export const ISEE_HOME_EXCLUSION_2026: DatedParameter<HomeExclusion> = {
  name: 'isee.home-exclusion.l199-2025',
  description: {
    it: "ISEE per specifiche prestazioni familiari e per l'inclusione: franchigia della casa",
    en: 'ISEE for specific family and inclusion benefits: exclusion of the home',
  },
  periods: [
    {
      from: d('2026-01-01'),
      value: { baseCents: 9_150_000, metroCents: 12_000_000, perChildCents: 250_000, childrenBefore: 1 },
      ref: { act: 'L. 30 dicembre 2025, n. 199', article: 'art. 1 c.208' },
      status: 'confirmed-primary',
      source:
        "GitHub andreasavia/gazzetta-civica, commit 5786f1a, L. 199/2025 c.208: «la soglia … è innalzata a 91.500 euro e a 120.000 euro per i nuclei familiari residenti nei comuni capoluogo delle città metropolitane …, incrementata di 2.500 euro per ogni figlio convivente successivo al primo»",
      note: "Che il mutuo residuo si detragga ancora e che l'eccedenza conti per due terzi è la lettura del testo del DPCM, non modificato dal c.208. Decorrenza 1-01-2026 (entrata in vigore della legge). / Mortgage netting and the two thirds are the unchanged DPCM text (a reading); from 1-01-2026.",
    },
  ],
};

/**
 * A home-exclusion rule of the ISEE (see {@link ISEE_HOME_EXCLUSION}).
 *
 * @example
 * ```ts
 * import type { HomeExclusion } from '@riuso-sociale/rei-eligibility';
 * const h: HomeExclusion = { baseCents: 5_250_000, metroCents: 5_250_000, perChildCents: 250_000, childrenBefore: 2 };
 * ```
 */
export interface HomeExclusion {
  /** Threshold below which the home does not count (cents). */
  readonly baseCents: number;
  /** The threshold for households resident in a metropolitan-city capital. */
  readonly metroCents: number;
  /** Added for each cohabiting child after the `childrenBefore`-th. */
  readonly perChildCents: number;
  /** Children that do not raise the threshold (2 in the DPCM, 1 from 2026). */
  readonly childrenBefore: number;
}

/**
 * ISEE maggiorazioni b) and c): hundredths for households with minor children (`minors`) and with a
 * child under three (`underThree`), when both parents (or the only one) worked ≥ 6 months, or the
 * household is only a non-working single parent with minor children (c). CONFIRMED-P (c: end of the
 * sentence CONFIRMED-Q).
 *
 * @example
 * ```ts
 * import { ISEE_WORKING_PARENTS_INCREMENT } from '@riuso-sociale/rei-eligibility';
 * ISEE_WORKING_PARENTS_INCREMENT.periods[0]?.value; // { minors: 20, underThree: 30 }
 * ```
 */
export const ISEE_WORKING_PARENTS_INCREMENT: DatedParameter<{ readonly minors: number; readonly underThree: number }> = {
  name: 'isee.scale.working-parents',
  description: {
    it: 'Maggiorazioni b) e c): figli minorenni con genitori lavoratori o genitore solo',
    en: 'Increments b) and c): minor children with working parents or a single parent',
  },
  periods: [
    {
      from: ISEE_FROM,
      value: { minors: 20, underThree: 30 },
      ref: { ...DPCM_159, article: 'Allegato 1, lett. b) e c)' },
      status: 'confirmed-primary',
      source: 'GU 14G00009 Allegato 1 [R]; fine della lett. c) via indebitati.it/risposta/385310/ [S]',
      note: ISEE_FROM_NOTE,
    },
  ],
};

/**
 * ISEE increment per member with medium or severe disability or non-self-sufficiency: +0,5 each
 * (hundredths), replacing the disability expenses and franchigie, from 29-05-2016. CONFIRMED-Q.
 *
 * @example
 * ```ts
 * import { ISEE_DISABILITY_INCREMENT } from '@riuso-sociale/rei-eligibility';
 * ISEE_DISABILITY_INCREMENT.periods[0]?.from; // '2016-05-29'
 * ```
 */
export const ISEE_DISABILITY_INCREMENT: DatedParameter<number> = {
  name: 'isee.scale.disability',
  description: {
    it: 'Maggiorazione per componente con disabilità media, grave o non autosufficiente',
    en: 'Increment per member with medium or severe disability or non-self-sufficiency',
  },
  periods: [
    {
      from: d('2016-05-29'),
      value: 50,
      ref: { act: 'D.L. 29 marzo 2016, n. 42, conv. L. 89/2016', article: 'art. 2-sexies' },
      status: 'confirmed-quoted',
      source: 'INPS circ. 137 del 25-07-2016, sommario, via news.ilcaso.it/news_1590/10-09-16/ [T]',
    },
  ],
};

/**
 * REI scale: the ISEE base scale by number of members, WITHOUT the maggiorazioni of All. 1 and the
 * disability +0,5 (D.Lgs. 147/2017 art. 4 c.1). Hundredths, as {@link ISEE_BASE_SCALE}.
 * CONFIRMED-P (art. 4 c.1); the INPS table [b] agrees (CONFIRMED-Q).
 *
 * @example
 * ```ts
 * import { REI_SCALE } from '@riuso-sociale/rei-eligibility';
 * REI_SCALE.periods[0]?.value.byMembers[1]; // 157
 * ```
 */
export const REI_SCALE: DatedParameter<{ readonly byMembers: readonly number[]; readonly perFurtherMember: number }> = {
  name: 'rei.scale',
  description: { it: 'Scala di equivalenza del REI (ISEE senza maggiorazioni)', en: 'REI equivalence scale (ISEE without increments)' },
  periods: [
    {
      from: d('2017-12-01'),
      value: { byMembers: [100, 157, 204, 246, 285], perFurtherMember: 35 },
      ref: {
        act: 'D.Lgs. 15 settembre 2017, n. 147',
        article: 'art. 4 c.1',
        url: 'https://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.versione=1&art.idGruppo=2&art.flagTipoArticolo=0&art.codiceRedazionale=17G00161&art.idArticolo=4&art.idSottoArticolo=1&art.idSottoArticolo1=10&art.dataPubblicazioneGazzetta=2017-10-13&art.progressivo=0',
      },
      status: 'confirmed-primary',
      source: 'GU art. 4 c.1 [a]; tabella INPS via eurekaprevidenza.it [b]',
      note: 'Dal 1-12-2017 (domande ai Comuni) [S]; nessuna data finale: i REI in corso arrivano alla scadenza naturale (D.L. 4/2019 art. 13 c.1). / From 1-12-2017 (applications) [S]; no end date: running REI reach their natural end.',
    },
  ],
};

/**
 * RdC/PdC scale (D.L. 4/2019 conv. L. 26/2019, art. 2 c.4), hundredths: 1 for the first member,
 * +0,4 per further adult, +0,2 per further minor, max 2,1, raised to 2,2 with a member with severe
 * disability or non-self-sufficiency. CONFIRMED-Q. In force for RdC from April 2019 to 31-12-2023.
 *
 * @example
 * ```ts
 * import { RDC_SCALE } from '@riuso-sociale/rei-eligibility';
 * RDC_SCALE.periods[0]?.value.cap; // 210
 * ```
 */
export const RDC_SCALE: DatedParameter<{
  readonly first: number;
  readonly furtherAdult: number;
  readonly furtherMinor: number;
  readonly cap: number;
  readonly capSevere: number;
}> = {
  name: 'rdc.scale',
  description: { it: 'Scala di equivalenza del Reddito/Pensione di cittadinanza', en: 'RdC/PdC equivalence scale' },
  periods: [
    {
      from: d('2019-04-01'),
      to: d('2023-12-31'),
      value: { first: 100, furtherAdult: 40, furtherMinor: 20, cap: 210, capSevere: 220 },
      ref: { act: 'D.L. 28 gennaio 2019, n. 4, conv. L. 28 marzo 2019, n. 26', article: 'art. 2 c.4' },
      status: 'confirmed-quoted',
      source: 'legge citata da indebitati.it/risposta/384531/ e /365105/ [s]; INPS citata da ilmattino.it [t]',
      note: 'Periodo: prima mensilità aprile 2019 [S]; fine 31-12-2023 (D.L. 48/2023 art. 13 c.1) [P]. / Period: first month April 2019 [S]; end 31-12-2023 [P].',
    },
  ],
};

/**
 * RdC: a member unemployed after voluntary resignation (not for just cause) in the last 12 months is
 * left out of the scale; the household stays eligible (after L. 26/2019; INPS circ. 100/2019:
 * "0,4 punti del parametro"). CORRECTED in the verification pass; CONFIRMED-Q. Value `true` = rule applies.
 *
 * @example
 * ```ts
 * import { RDC_RESIGNATION_EXCLUSION } from '@riuso-sociale/rei-eligibility';
 * RDC_RESIGNATION_EXCLUSION.periods[0]?.status; // 'confirmed-quoted'
 * ```
 */
export const RDC_RESIGNATION_EXCLUSION: DatedParameter<true> = {
  name: 'rdc.scale.resignation-exclusion',
  description: {
    it: 'RdC: esclusione dalla scala del componente dimissionario',
    en: 'RdC: member who resigned voluntarily left out of the scale',
  },
  periods: [
    {
      from: d('2019-04-01'),
      to: d('2023-12-31'),
      value: true,
      ref: { act: 'D.L. 4/2019 conv. L. 26/2019; INPS circ. 100 del 5-07-2019', article: 'art. 2 c.3' },
      status: 'confirmed-quoted',
      source:
        'art. 2 c.3 citato da termometropolitico.it/1474816_reddito-di-cittadinanza-dimissioni-volontarie.html e previdenzafacile.com; circ. 100/2019 via ilpatronato.it [w]',
      note: '«Non ha diritto al Rdc il componente … disoccupato a seguito di dimissioni volontarie, nei dodici mesi successivi … fatte salve le dimissioni per giusta causa.»',
    },
  ],
};

/**
 * ADI scale (D.L. 48/2023 conv. L. 85/2023, art. 2 c.4), hundredths: 1 (to one adult); +0,5 per
 * other member with disability or non-self-sufficiency; +0,4 per other member aged ≥ 60; +0,4 for ONE
 * adult with care duties; +0,3 per other adult in severe hardship in a certified care programme;
 * +0,15 per minor up to two, +0,10 per minor after the second; max 2,2, or 2,3 with severe disability
 * or non-self-sufficiency. CONFIRMED-Q: the GU page was cut before c.4; CAF CISL, Agenzia Nova and
 * diritto.it agree. No 2026 change to the scale is confirmed in the spec.
 *
 * @example
 * ```ts
 * import { ADI_SCALE } from '@riuso-sociale/rei-eligibility';
 * ADI_SCALE.periods[0]?.value.capSevere; // 230
 * ```
 */
export const ADI_SCALE: DatedParameter<{
  readonly holder: number;
  readonly disabled: number;
  readonly aged60: number;
  readonly careDuties: number;
  readonly careProgramme: number;
  readonly minorFirstTwo: number;
  readonly minorFurther: number;
  readonly cap: number;
  readonly capSevere: number;
}> = {
  name: 'adi.scale',
  description: { it: "Scala di equivalenza dell'Assegno di inclusione", en: 'ADI equivalence scale' },
  periods: [
    {
      from: d('2024-01-01'),
      value: {
        holder: 100,
        disabled: 50,
        aged60: 40,
        careDuties: 40,
        careProgramme: 30,
        minorFirstTwo: 15,
        minorFurther: 10,
        cap: 220,
        capSevere: 230,
      },
      ref: {
        act: 'D.L. 4 maggio 2023, n. 48, conv. L. 3 luglio 2023, n. 85',
        article: 'art. 2 c.4',
        url: 'https://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.codiceRedazionale=23A03800&art.dataPubblicazioneGazzetta=2023-07-03&art.flagTipoArticolo=0&art.idArticolo=2&art.idGruppo=1&art.idSottoArticolo=1&art.idSottoArticolo1=10&art.progressivo=0&art.versione=1',
      },
      status: 'confirmed-quoted',
      source: 'cafcisl.it/schede-10647-scala_di_equivalenza_adi [F]; agenzianova.com [G]; INPS msg 592/2025 e 2388/2025 via terzi [H]',
      note: 'Pagina GU letta solo fino a c.2 lett. b n.1: c.4 non letto. Decorrenza ADI 1-01-2024 [S]. / GU page read only up to c.2 b)1: c.4 not read. ADI start 1-01-2024 [S].',
    },
  ],
};
