// SPDX-License-Identifier: BSD-3-Clause
/**
 * Splitting flows and benefits:
 *
 * - {@link splitForCooperazione}: cooperazione applicativa and WaaS accept ONE `Beneficiario` with
 *   ONE `PrestazioniSociali` per XML (spec §3; XSD annotations of `Beneficiario` and
 *   `PrestazioniSociali`; OpenAPI `Flusso.flusso` note), SINBA one record per flow.
 * - {@link splitByYear}: the spec (Allegato B) wants `DataFinePrestazione` in the same year as
 *   `DataInizioPrestazione`, so a periodic benefit across years becomes one `PrestazioniSociali` per
 *   calendar year, as SISO (Regione Umbria) does.
 * @module
 */
import { createIssue, fail, formatDate, isIsoDate, isoDateParts, ok, type Issue, type IsoDate, type Result } from '@riuso-sociale/core';
import { buildFlow } from './build.js';
import { formatDecimal, monthsTouched, parseDecimalStrict, rescale } from './decimal.js';
import { SiussError } from './errors.js';
import { flowNameTipoMatches, formatFlowName, type FlowNameTipo } from './flow-name.js';
import type { Beneficiario, PrestazioniSociali, SINBA } from './generated/types.js';
import type { PsPsaSinaFlow, SinbaFlow, SiussFlow } from './model.js';

// ---------------------------------------------------------------------------------------------
// splitForCooperazione

/** Options of {@link splitForCooperazione}: everything that names the new flows, explicitly. */
export interface CooperazioneSplitOptions {
  /** Progressivo of the first new flow; the next ones follow (+1 each). 1–9 999 999 in all. */
  readonly startProgressivo: number;
  /** Date written in the new names (`YYYY-MM-DD`, the day of creation): explicit, never "today". */
  readonly date: IsoDate | string;
  /** `TIPO` of the new names. Default `PS` for PS-PSA-SINA flows, `SINBA` for SINBA flows. */
  readonly tipo?: FlowNameTipo;
  /** Codice ente of the new names. Default: `Ente@Codice` of the flow. */
  readonly codiceEnte?: string;
}

function splitIssue(code: string, it: string, en: string, params: Issue['params'] = {}, path: Issue['path'] = []): Issue {
  return createIssue(code, { it, en }, { path, params });
}

function nonEmpty(issues: readonly Issue[]): readonly [Issue, ...Issue[]] {
  const [first, ...rest] = issues;
  if (first === undefined) throw new Error('no issues');
  return [first, ...rest];
}

/** Rewrites the record indexes of a part's issue path to the original flow's. */
function remapPath(path: Issue['path'], recordKey: 'Beneficiario' | 'SINBA', record: number, prestazione: number | null): Issue['path'] {
  if (path[0] !== recordKey || path[1] !== 0) return path;
  const out = [...path];
  out[1] = record;
  if (prestazione !== null && out[2] === 'PrestazioniSociali' && out[3] === 0) out[3] = prestazione;
  return out;
}

/**
 * Splits a flow into flows that cooperazione applicativa and WaaS accept: a PS-PSA-SINA flow into one
 * flow per (Beneficiario, PrestazioniSociali) pair — the same envelope (`Ente`) and the same
 * `Beneficiario` (CodiceFiscale, Anagrafica, Indirizzo) with only that `PrestazioniSociali` (its SINA
 * included) — and a SINBA flow into one flow per `SINBA` record. Order: beneficiaries in order,
 * their benefits in order.
 *
 * Each new flow gets a new `IdentificazioneFlusso@Nome` from {@link formatFlowName}: progressivo
 * `startProgressivo`, `startProgressivo + 1`, … on the explicit `date` (deterministic: the same
 * input gives the same output). Each new flow is checked with `buildFlow` (the official XSD rules).
 *
 * Failures (never thrown): `siuss.split.tipo` (`tipo` does not fit the flow: `SINBA` ↔ SINBA),
 * `siuss.split.empty` (no records), `siuss.flow_name.*` (the names cannot be written, e.g. the last
 * progressivo beyond 9 999 999 or a name over 50 characters), and the `siuss.xsd.*`/`siuss.model.*`
 * findings of the new flows, with paths pointing to the ORIGINAL flow's record and benefit (and
 * `params.part`, the index of the new flow).
 *
 * @example
 * ```ts
 * import { splitForCooperazione, buildWaasEntry } from '@riuso-sociale/siuss-schema';
 * const r = splitForCooperazione(flow, { startProgressivo: 1, date: '2025-05-20' });
 * if (r.ok) for (const f of r.value) console.log(f.IdentificazioneFlusso.Nome); // H501.PS.20250520.0000001, …
 * ```
 */
export function splitForCooperazione(flow: PsPsaSinaFlow, options: CooperazioneSplitOptions): Result<readonly PsPsaSinaFlow[]>;
export function splitForCooperazione(flow: SinbaFlow, options: CooperazioneSplitOptions): Result<readonly SinbaFlow[]>;
export function splitForCooperazione(flow: SiussFlow, options: CooperazioneSplitOptions): Result<readonly SiussFlow[]>;
export function splitForCooperazione(flow: SiussFlow, options: CooperazioneSplitOptions): Result<readonly SiussFlow[]> {
  const kind = flow.kind;
  const tipo: FlowNameTipo = options.tipo ?? (kind === 'SINBA' ? 'SINBA' : 'PS');
  if (!flowNameTipoMatches(tipo, kind)) {
    return fail([splitIssue('siuss.split.tipo', `Tipo ${tipo} non adatto a un flusso ${kind}: SINBA per i flussi SINBA, PS/PSA/SINA per PS-PSA-SINA`,
      `Type ${tipo} does not fit a ${kind} flow: SINBA for SINBA flows, PS/PSA/SINA for PS-PSA-SINA`, { tipo, kind })]);
  }
  const env = flow.IdentificazioneFlusso;
  const codiceEnte = options.codiceEnte ?? env?.Ente?.Codice;

  // The (record, benefit) pairs, in order.
  const pairs: { record: number; prestazione: number | null }[] = [];
  if (kind === 'SINBA') {
    const records: readonly SINBA[] = Array.isArray(flow.SINBA) ? flow.SINBA : [];
    records.forEach((_, record) => pairs.push({ record, prestazione: null }));
  } else {
    const beneficiari: readonly Beneficiario[] = Array.isArray(flow.Beneficiario) ? flow.Beneficiario : [];
    beneficiari.forEach((b, record) => {
      const list: readonly PrestazioniSociali[] = Array.isArray(b.PrestazioniSociali) ? b.PrestazioniSociali : [];
      list.forEach((_, prestazione) => pairs.push({ record, prestazione }));
    });
  }
  if (pairs.length === 0) {
    return fail([splitIssue('siuss.split.empty', 'Il flusso non contiene prestazioni o record SINBA da dividere',
      'The flow holds no benefits or SINBA records to split')]);
  }

  // Names first (all or nothing): the first and the last progressivo bound the rest.
  const nameOf = (i: number): string => formatFlowName({ codiceEnte: codiceEnte as string, tipo, date: options.date, progressivo: options.startProgressivo + i });
  try {
    nameOf(0);
    nameOf(pairs.length - 1);
  } catch (e) {
    if (e instanceof SiussError) return fail(e.issues);
    throw e;
  }

  const out: SiussFlow[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  pairs.forEach(({ record, prestazione }, part) => {
    const IdentificazioneFlusso = { ...env, Nome: nameOf(part) };
    let piece: SiussFlow;
    if (flow.kind === 'SINBA') {
      piece = { kind: 'SINBA', IdentificazioneFlusso, SINBA: [flow.SINBA[record] as SINBA] };
    } else {
      const b = flow.Beneficiario[record] as Beneficiario;
      const p = b.PrestazioniSociali[prestazione as number] as PrestazioniSociali;
      piece = { kind: 'PS_PSA_SINA', IdentificazioneFlusso, Beneficiario: [{ ...b, PrestazioniSociali: [p] }] };
    }
    try {
      buildFlow(piece);
      out.push(piece);
    } catch (e) {
      if (!(e instanceof SiussError)) throw e;
      for (const i of e.issues) {
        const path = remapPath(i.path, kind === 'SINBA' ? 'SINBA' : 'Beneficiario', record, prestazione);
        const key = `${i.code}|${JSON.stringify(path)}|${i.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        issues.push({ ...i, path, params: { ...i.params, part } });
      }
    }
  });
  if (issues.length > 0) return fail(nonEmpty(issues));
  return ok(out);
}

// ---------------------------------------------------------------------------------------------
// Decimal strings with bigint minor units (never floats: src/decimal.ts)

/**
 * Splits a decimal amount into parts proportional to integer weights, exactly: the amount is read as
 * integer minor units at `max(2, its own decimals)` (cents for `"101.23"`), every part but the last is
 * `amount × weight ÷ total weight` truncated to a whole unit, and the LAST part takes the remainder,
 * so the parts always add up to the amount to the unit. Decimal strings in and out, no floats.
 *
 * @returns the parts (as many as the weights), or `null` for an amount that is not an `xs:decimal`
 *   or weights that are not positive integers.
 * @example
 * ```ts
 * import { prorateAmount } from '@riuso-sociale/siuss-schema';
 * prorateAmount('100.00', [1, 1, 1]); // ['33.33', '33.33', '33.34']
 * prorateAmount('17000.0', [3, 9]);   // ['4250.00', '12750.00']
 * ```
 */
export function prorateAmount(amount: string, weights: readonly number[]): string[] | null {
  const d = typeof amount === 'string' ? parseDecimalStrict(amount) : null;
  if (d === null || weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w <= 0)) return null;
  const scale = Math.max(2, d.scale);
  const total = rescale(d, scale);
  const sumWeights = BigInt(weights.reduce((a, b) => a + b, 0));
  const parts: bigint[] = [];
  let assigned = 0n;
  weights.forEach((w, i) => {
    if (i === weights.length - 1) parts.push(total - assigned);
    else {
      const part = (total * BigInt(w)) / sumWeights; // bigint division truncates toward zero
      parts.push(part);
      assigned += part;
    }
  });
  return parts.map((units) => formatDecimal({ units, scale }));
}

// ---------------------------------------------------------------------------------------------
// splitByYear

function yearDate(year: number, monthDay: '01-01' | '12-31'): IsoDate {
  return `${String(year).padStart(4, '0')}-${monthDay}` as IsoDate;
}

/**
 * Splits a periodic benefit (`CaratterePrestazione="1"`) whose `DataInizioPrestazione` …
 * `DataFinePrestazione` spans several calendar years into one `PrestazioniSociali` per year, because
 * the INPS spec (v2.0.1, Allegato B) wants `DataFinePrestazione` in the same year as
 * `DataInizioPrestazione`.
 *
 * The rule, precisely:
 *
 * 1. Periods: the first part runs from `DataInizioPrestazione` to 31 December of its year, the middle
 *    parts from 1 January to 31 December, the last from 1 January to `DataFinePrestazione`: the
 *    parts are contiguous (each starts the day after the previous ends) and cover the original
 *    period exactly.
 * 2. `PeriodoErogazione` of each part = calendar months the part TOUCHES, both ends included
 *    (`(y2 − y1) × 12 + (m2 − m1) + 1`), so 1–12. This is SISO's `differenzaMesi` (Regione Umbria,
 *    `EsportaCasellarioUtils.java`, used for the per-year split in `ripartisciAnnuali`), the only
 *    public producer of these flows. Counting whole months instead would give 0 for a part of a few
 *    days (15–31 December), which the XSD rejects (`PeriodoErogazione` 1–12); months touched are also
 *    additive across the split (year boundaries are month boundaries), so the parts' months add up
 *    to the months the whole period touches. The original `PeriodoErogazione` is not used (the INPS
 *    samples set it inconsistently, e.g. `1` for 2015-08-13 … 2016-08-13).
 * 3. Amounts: `ImportoMensile` is a monthly amount and stays as it is in every part. The quotas
 *    `ImportoQuotaEnte`, `ImportoQuotaUtente`, `ImportoQuotaSSN` are monthly for a periodic benefit
 *    too — the spec's rule is Ente + Utente + SSN = `ImportoMensile` for periodic benefits (=
 *    `ImportoPrestazione` for occasional ones) — so they stay as they are; so do
 *    `ImportoQuotaRichiesta` (the user's share, same nature as the quotas), `ImportoSogliaISEE` (a
 *    threshold) and `OreServizioMensile` (monthly). SISO differs here: its quotas are totals of the
 *    whole period, prorated by months with HALF_UP rounding per part (whose parts need not add up to
 *    the whole). The only TOTAL attribute a periodic benefit may carry is `ImportoPrestazione`
 *    (required only for occasional ones): when present it is prorated by the parts' months with
 *    {@link prorateAmount} — integer minor units (cents, or more decimals if the value has them),
 *    every part truncated, the remainder to the LAST year — so the parts add up exactly to the
 *    original. Decimal strings in and out (`"1265.23"` over 6 + 6 months → `"632.61"`, `"632.62"`), never floats.
 * 4. Everything else (codes, protocol, `DataEvento`, DSU, `SINA`, `TipoOperazione`…) is copied to
 *    every part unchanged.
 *
 * Nothing to split (the benefit is returned alone, unchanged): an occasional benefit
 * (`CaratterePrestazione="2"`), a periodic one without `DataFinePrestazione` (open-ended), or one
 * within a single year.
 *
 * Failures (never thrown): `siuss.split.carattere` (`CaratterePrestazione` missing or not 1/2: the
 * spec makes it mandatory), `siuss.split.data_inizio_missing` (periodic without
 * `DataInizioPrestazione`), `siuss.split.date` (a date that is not an existing `YYYY-MM-DD`),
 * `siuss.split.date_order` (end before start), `siuss.split.decimal` (`ImportoPrestazione` not an
 * `xs:decimal`).
 *
 * @example
 * ```ts
 * import { splitByYear } from '@riuso-sociale/siuss-schema';
 * const r = splitByYear({ ...p, CaratterePrestazione: '1', DataInizioPrestazione: '2015-08-13', DataFinePrestazione: '2016-08-13' });
 * // r.value: 2015-08-13…2015-12-31 (PeriodoErogazione "5"), 2016-01-01…2016-08-13 ("8")
 * ```
 */
export function splitByYear(prestazione: PrestazioniSociali): Result<readonly PrestazioniSociali[]> {
  const p = prestazione;
  const carattere = p.CaratterePrestazione;
  if (carattere === '2') return ok([p]);
  if (carattere !== '1') {
    return fail([splitIssue('siuss.split.carattere',
      'CaratterePrestazione mancante o non valido (1 periodico, 2 occasionale; obbligatorio per la specifica INPS): impossibile dividere per anno',
      'CaratterePrestazione missing or invalid (1 periodic, 2 occasional; mandatory in the INPS spec): cannot split by year',
      {}, ['@CaratterePrestazione'])]);
  }
  const start = p.DataInizioPrestazione;
  if (start === undefined) {
    return fail([splitIssue('siuss.split.data_inizio_missing', 'Prestazione periodica senza DataInizioPrestazione (obbligatoria per la specifica INPS)',
      'Periodic benefit without DataInizioPrestazione (mandatory in the INPS spec)', {}, ['@DataInizioPrestazione'])]);
  }
  const end = p.DataFinePrestazione;
  const bad = [['DataInizioPrestazione', start], ['DataFinePrestazione', end]].filter(([, v]) => v !== undefined && !isIsoDate(v));
  if (bad.length > 0) {
    return fail(nonEmpty(bad.map(([name, v]) => splitIssue('siuss.split.date', `${name}: data «${String(v).slice(0, 20)}» non valida (AAAA-MM-GG)`,
      `${name}: invalid date «${String(v).slice(0, 20)}» (YYYY-MM-DD)`, { attribute: name ?? '' }, [`@${name}`]))));
  }
  if (end === undefined) return ok([p]);
  const from = start as IsoDate;
  const to = end as IsoDate;
  if (to < from) {
    return fail([splitIssue('siuss.split.date_order', `DataFinePrestazione (${formatDate(to)}) precede DataInizioPrestazione (${formatDate(from)})`,
      `DataFinePrestazione (${formatDate(to, { lang: 'en' })}) is before DataInizioPrestazione (${formatDate(from, { lang: 'en' })})`, { start: from, end: to }, ['@DataFinePrestazione'])]);
  }
  const y0 = isoDateParts(from).year;
  const y1 = isoDateParts(to).year;
  if (y0 === y1) return ok([p]);

  const periods: { start: IsoDate; end: IsoDate; months: number }[] = [];
  for (let y = y0; y <= y1; y++) {
    const s = y === y0 ? from : yearDate(y, '01-01');
    const e = y === y1 ? to : yearDate(y, '12-31');
    periods.push({ start: s, end: e, months: monthsTouched(s, e) });
  }
  let amounts: string[] | null = null;
  if (p.ImportoPrestazione !== undefined) {
    amounts = prorateAmount(p.ImportoPrestazione, periods.map((x) => x.months));
    if (amounts === null) {
      return fail([splitIssue('siuss.split.decimal', `ImportoPrestazione «${p.ImportoPrestazione.slice(0, 20)}» non è un importo valido (es. 101.23)`,
        `ImportoPrestazione «${p.ImportoPrestazione.slice(0, 20)}» is not a valid amount (e.g. 101.23)`, {}, ['@ImportoPrestazione'])]);
    }
  }
  return ok(periods.map((x, i) => ({
    ...p,
    DataInizioPrestazione: x.start,
    DataFinePrestazione: x.end,
    PeriodoErogazione: String(x.months),
    ...(amounts !== null ? { ImportoPrestazione: amounts[i] as string } : {}),
  })));
}
