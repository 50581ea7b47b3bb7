// SPDX-License-Identifier: BSD-3-Clause
/**
 * The measures (REI, RdC, PdC, ADI, SFL) and the period each is in force, as dated parameters with the
 * act and article of each boundary date and its verification status.
 * @module
 */
import { compareIsoDate, createIssue, fail, isIsoDate, ok, type IsoDate, type Result } from '@riuso-sociale/core';
import type { DatedParameter, LegalRef, ParameterStatus } from './parameters.js';

/**
 * Identifier of a measure.
 *
 * @example
 * ```ts
 * import type { MeasureId } from '@riuso-sociale/rei-eligibility';
 * const m: MeasureId = 'adi';
 * ```
 */
export type MeasureId = 'rei' | 'rdc' | 'pdc' | 'adi' | 'sfl';

/**
 * One boundary date of a measure with its own source (the two ends often rest on different acts).
 *
 * @example
 * ```ts
 * import { MEASURES } from '@riuso-sociale/rei-eligibility';
 * MEASURES.rei.closes?.ref.article; // 'art. 13 c.1'
 * ```
 */
export interface MeasureBoundary {
  /** The date (inclusive). */
  readonly date: IsoDate;
  /** What the date is, Italian and English (e.g. last day to apply, last month paid). */
  readonly meaning: { readonly it: string; readonly en: string };
  /** The act and article. */
  readonly ref: LegalRef;
  /** How well the date was verified. */
  readonly status: ParameterStatus;
  /** Where the verification pass read it. */
  readonly source: string;
}

/**
 * A measure: a {@link DatedParameter} whose single period is the window in force (value = its id;
 * period status = the weaker of the two boundaries), plus the source of each boundary.
 *
 * @example
 * ```ts
 * import { MEASURES } from '@riuso-sociale/rei-eligibility';
 * MEASURES.sfl.opens.date; // '2023-09-01'
 * ```
 */
export interface Measure extends DatedParameter<MeasureId> {
  /** The measure. */
  readonly id: MeasureId;
  /** First day in force. */
  readonly opens: MeasureBoundary;
  /** Last day in force; absent while still in force. */
  readonly closes?: MeasureBoundary;
}

const d = (s: string): IsoDate => s as IsoDate;
const RANK: Record<ParameterStatus, number> = { 'confirmed-primary': 3, 'confirmed-quoted': 2, secondary: 1, unverified: 0 };

function measure(
  id: MeasureId,
  description: { it: string; en: string },
  ref: LegalRef,
  opens: MeasureBoundary,
  closes: MeasureBoundary | undefined,
  note: string,
): Measure {
  const status = closes && RANK[closes.status] < RANK[opens.status] ? closes.status : opens.status;
  return {
    id,
    name: `measure.${id}`,
    description,
    opens,
    ...(closes ? { closes } : {}),
    periods: [
      {
        from: opens.date,
        ...(closes ? { to: closes.date } : {}),
        value: id,
        ref,
        status,
        source: [opens.source, closes?.source].filter((s) => s !== undefined).join('; '),
        note,
      },
    ],
  };
}

const DL4: LegalRef = { act: 'D.L. 28 gennaio 2019, n. 4, conv. L. 28 marzo 2019, n. 26', article: 'art. 13 c.1' };
const DL48_END_RDC: MeasureBoundary = {
  date: d('2023-12-31'),
  meaning: {
    it: 'ultimo giorno: il RdC in corso arriva alla scadenza naturale e comunque non oltre il 31 dicembre 2023',
    en: 'last day: running RdC reaches its natural end, no later than 31 December 2023',
  },
  ref: { act: 'D.L. 4 maggio 2023, n. 48, conv. L. 3 luglio 2023, n. 85', article: 'art. 13 c.1' },
  status: 'confirmed-primary',
  source: 'eligibility-rules.md §2 «2023 phase-out» [P]; abolizione dal 1-01-2024 anche L. 197/2022 art. 1 c.318 [S]',
};
const RDC_OPENS: MeasureBoundary = {
  date: d('2019-04-01'),
  meaning: {
    it: 'prima mensilità (aprile 2019); domande dal 6 marzo 2019 [S], non modellate qui',
    en: 'first monthly payment (April 2019); applications from 6 March 2019 [S], not modelled here',
  },
  ref: { ...DL4, article: 'art. 13 c.1 (da aprile 2019 il REI non è più riconosciuto)' },
  status: 'secondary',
  source: 'eligibility-rules.md §2: «It replaced REI from April 2019» [S]',
};

/** RdC and PdC share their act: D.L. 4/2019, conv. L. 26/2019, artt. 1–3. */
const DL4_RDC_PDC: LegalRef = { act: 'D.L. 28 gennaio 2019, n. 4, conv. L. 28 marzo 2019, n. 26', article: 'artt. 1–3' };

/**
 * The five measures. Windows (both ends inclusive):
 * - REI: 1-12-2017 (applications at the Comune, [S]) – 28-02-2019 (from 1-03-2019 it can no longer be
 *   requested, D.L. 4/2019 art. 13 c.1, [P]); a REI already granted still runs to its end, not modelled;
 * - RdC and PdC: 1-04-2019 (first month, [S]) – 31-12-2023 (D.L. 48/2023 art. 13 c.1, [P]);
 * - ADI: from 1-01-2024 ([S]; applications opened 18-12-2023, [S], not modelled);
 * - SFL: from 1-09-2023 (D.L. 48/2023 art. 12 c.1, [P]).
 * The windows mix meanings (REI: application window; RdC/PdC/ADI: benefit period), as each boundary's
 * `meaning` says; so March 2019 is covered by no measure.
 *
 * @example
 * ```ts
 * import { MEASURES } from '@riuso-sociale/rei-eligibility';
 * MEASURES.rdc.closes?.date; // '2023-12-31'
 * MEASURES.adi.closes; // undefined (still in force)
 * ```
 */

export const MEASURES: Readonly<Record<MeasureId, Measure>> = {
  rei: measure(
    'rei',
    { it: 'Reddito di inclusione (REI)', en: 'Inclusion income (REI)' },
    { act: 'D.Lgs. 15 settembre 2017, n. 147', article: 'artt. 2–4' },
    {
      date: d('2017-12-01'),
      meaning: { it: 'primo giorno per presentare domanda al Comune', en: 'first day to apply at the Comune' },
      ref: {
        act: 'D.Lgs. 15 settembre 2017, n. 147; INPS circ. 172 del 22-11-2017',
        article: 'articolo non indicato nella specifica / article not given in the spec',
      },
      status: 'secondary',
      source: 'eligibility-rules.md §1 «Duration, renewal, dates» [S] (circ. 172/2017 via csvcalabriacentro)',
    },
    {
      date: d('2019-02-28'),
      meaning: {
        it: 'ultimo giorno per presentare domanda (dal 1° marzo 2019 non più richiedibile)',
        en: 'last day to apply (from 1 March 2019 it can no longer be requested)',
      },
      ref: DL4,
      status: 'confirmed-primary',
      source: 'eligibility-rules.md §1 «D.L. 4/2019 art. 13 c.1 [P]»',
    },
    'Finestra delle domande; i REI già concessi proseguono fino alla scadenza (non modellato). / Application window; REI already granted runs to its end (not modelled).',
  ),
  rdc: measure(
    'rdc',
    { it: 'Reddito di cittadinanza (RdC)', en: 'Citizenship income (RdC)' },
    DL4_RDC_PDC,
    RDC_OPENS,
    DL48_END_RDC,
    'Periodo di erogazione, non finestra delle domande. / Benefit period, not the application window.',
  ),
  pdc: measure(
    'pdc',
    { it: 'Pensione di cittadinanza (PdC)', en: 'Citizenship pension (PdC)' },
    DL4_RDC_PDC,
    RDC_OPENS,
    DL48_END_RDC,
    'Stesse date del RdC (la specifica non dà date proprie della PdC). / Same dates as RdC (the spec gives none of its own).',
  ),
  adi: measure(
    'adi',
    { it: 'Assegno di inclusione (ADI)', en: 'Inclusion allowance (ADI)' },
    { act: 'D.L. 4 maggio 2023, n. 48, conv. L. 3 luglio 2023, n. 85', article: 'artt. 1–3' },
    {
      date: d('2024-01-01'),
      meaning: {
        it: 'decorrenza della misura (domande dal 18 dicembre 2023 [S], non modellate)',
        en: 'start of the measure (applications from 18 December 2023 [S], not modelled)',
      },
      ref: {
        act: 'D.L. 4 maggio 2023, n. 48, conv. L. 3 luglio 2023, n. 85',
        article: 'articolo non indicato nella specifica / article not given in the spec',
      },
      status: 'secondary',
      source: 'eligibility-rules.md §3 «ADI from 1-01-2024» [S]/[M]; INPS circ. 105/2023',
    },
    undefined,
    'In vigore; rinnovi senza sospensione dal 2026 (L. 199/2025 c.158). / In force; renewals without suspension from 2026.',
  ),
  sfl: measure(
    'sfl',
    { it: 'Supporto per la formazione e il lavoro (SFL)', en: 'Training and work support (SFL)' },
    { act: 'D.L. 4 maggio 2023, n. 48, conv. L. 3 luglio 2023, n. 85', article: 'art. 12' },
    {
      date: d('2023-09-01'),
      meaning: { it: 'decorrenza della misura', en: 'start of the measure' },
      ref: { act: 'D.L. 4 maggio 2023, n. 48, conv. L. 3 luglio 2023, n. 85', article: 'art. 12 c.1' },
      status: 'confirmed-primary',
      source: 'eligibility-verified.md §4 «Start 1-09-2023 CONFIRMED-P, GU 23G00057 art. 12 c.1 [O]»',
    },
    undefined,
    'In vigore; dal 2025 ISEE ≤ 10.140 e 500 €/mese (L. 207/2024 c.198). / In force.',
  ),
};

/** Issue code of {@link measuresInForce} for a string that is not a valid `AAAA-MM-GG` date. */
export type MeasureIssueCode = 'rei.measure.invalid_date';

/**
 * The measures in force on `date` (both ends of each window inclusive; see {@link MEASURES} for what
 * each window means), in the order REI, RdC, PdC, ADI, SFL. A date covered by no measure (before
 * 1-12-2017, or March 2019) gives an empty list; a string that is not a calendar date `AAAA-MM-GG`
 * gives `rei.measure.invalid_date`. Pure: no clock, no time zone.
 *
 * @param date - the date, an `IsoDate` or a string to check.
 * @example
 * ```ts
 * import { measuresInForce } from '@riuso-sociale/rei-eligibility';
 * const r = measuresInForce('2023-10-15');
 * if (r.ok) r.value.map((m) => m.id); // ['rdc', 'pdc', 'sfl']
 * measuresInForce('2023-02-30').ok; // false
 * ```
 */
export function measuresInForce(date: IsoDate | string): Result<readonly Measure[], MeasureIssueCode> {
  if (!isIsoDate(date)) {
    return fail([
      createIssue(
        'rei.measure.invalid_date',
        { it: `Data non valida: ${String(date)} (atteso AAAA-MM-GG)`, en: `Invalid date: ${String(date)} (expected YYYY-MM-DD)` },
        { params: { date: String(date) } },
      ),
    ]);
  }
  const list = Object.values(MEASURES).filter(
    (m) => compareIsoDate(date, m.opens.date) >= 0 && (m.closes === undefined || compareIsoDate(date, m.closes.date) <= 0),
  );
  return ok(list);
}
