// SPDX-License-Identifier: BSD-3-Clause
// The PRE-OPTIMISATION reference implementation of `src/rules.ts`, kept verbatim (only the relative
// imports changed) to test the fast one: `src/rules.prop.test.ts` checks on random records and options
// that both give deep-equal issues in the same order. For tests only (not exported by the package);
// do not change it when the rules change on purpose — update it to the new behaviour instead.
/**
 * The INPS business rules that the official XSDs do not enforce, as named, configurable checks.
 *
 * Sources: INPS, "WaaS SIUSS – Specifica Tecnica" v2.0.1 (22/05/2025, repository INPS-it/WaaS.Comuni,
 * CC-BY 4.0), Allegato B (tracciato PS-PSA-SINA with its "regole") and Allegato C (SINBA); the
 * annotations of `PS_PSA_SINA201812.xsd`; DM 16/12/2014 n. 206, Tabella 1 (codici prestazione).
 * Each rule names its source in {@link SiussRule.source} and in every issue (`params.source`).
 *
 * Every rule is a **warning** by default: INPS's own example flows are XSD-valid yet break several
 * of them (quotas that do not add up, quotas of `0.0`, a DataFine in the year after DataInizio), so
 * the XSD verdict (errors) and these findings are kept apart; {@link RuleOptions.severity} turns any
 * rule off or into an error.
 *
 * Rules read records as plain objects (attribute values exactly as written) and work on partial or
 * XSD-invalid records: a missing or unparsable value makes the rule that needs it stay silent (the
 * XSD layer reports it), it never throws. Amounts are compared exactly, as decimal integers (no
 * floating point): `33.33 + 33.33 + 33.34` is `100.00`, `0.1 + 0.2` is `0.3`.
 * @module
 */
import { dateText, createIssue, isIsoDate, maskFiscalCode, type Issue, type IssueParams, type IssuePath, type LocalizedText, type Severity } from '@riuso-sociale/core';
import type { RawElement } from '../internal/engine.js';
import type { FlowKind } from '../model.js';
import { validateFiscalCode } from '@riuso-sociale/fiscal-code/lite';
import { flowNameTipoMatches, parseFlowName } from '../flow-name.js';
import { findPrestazione, PRESTAZIONE_CODE_PATTERN } from '../prestazioni.js';
import { CF_PROBLEMS } from '../rules.js';

/** The id (and issue code) of every business rule. */
export type RuleId =
  | 'siuss.rule.carattere_required'
  | 'siuss.rule.periodic_requires_start_and_monthly'
  | 'siuss.rule.occasional_requires_date_and_amount'
  | 'siuss.rule.end_same_year'
  | 'siuss.rule.end_before_start'
  | 'siuss.rule.dsu_all_or_none'
  | 'siuss.rule.quota_sum'
  | 'siuss.rule.quota_positive'
  | 'siuss.rule.amount_positive'
  | 'siuss.rule.amount_non_negative'
  | 'siuss.rule.area_utenza_required'
  | 'siuss.rule.residence_italy'
  | 'siuss.rule.ore_servizio_format'
  | 'siuss.rule.prestazione_code_format'
  | 'siuss.rule.prestazione_code_unknown'
  | 'siuss.rule.sinba_componenti_isee_min'
  | 'siuss.rule.flow_name_format'
  | 'siuss.rule.cooperazione_single'
  | 'siuss.rule.codice_fiscale_check';

/** A business rule: what it checks, where it comes from, how serious it is by default. */
export interface SiussRule {
  /** Stable id, also the `code` of its issues. */
  readonly id: RuleId;
  /** What the rule requires, in Italian and English. */
  readonly description: LocalizedText;
  /** The document (and section) the rule comes from; `[I]` marks a rule inferred from it. */
  readonly source: string;
  /** The flows it applies to. */
  readonly kinds: readonly FlowKind[];
  /** Severity unless {@link RuleOptions.severity} says otherwise: always `warning`. */
  readonly defaultSeverity: Severity;
}

const SPEC = 'INPS WaaS SIUSS Specifica Tecnica v2.0.1';
const ALL_B = `${SPEC}, Allegato B (PS-PSA-SINA)`;
const ALL_C = `${SPEC}, Allegato C (SINBA)`;
const PS: readonly FlowKind[] = Object.freeze(['PS_PSA_SINA'] as const);
const BOTH: readonly FlowKind[] = Object.freeze(['PS_PSA_SINA', 'SINBA'] as const);

const rule = (id: RuleId, kinds: readonly FlowKind[], source: string, it: string, en: string): SiussRule =>
  Object.freeze({ id, description: Object.freeze({ it, en }), source, kinds, defaultSeverity: 'warning' as const });

/**
 * Every business rule, in the order they are checked.
 *
 * @example
 * ```ts
 * import { SIUSS_RULES } from '@riuso-sociale/siuss-schema';
 * for (const r of SIUSS_RULES) console.log(r.id, r.source, r.description.en);
 * ```
 */
export const SIUSS_RULES: readonly SiussRule[] = Object.freeze([
  rule('siuss.rule.carattere_required', PS, `${ALL_B}, CaratterePrestazione ("obbligatorio"; facoltativo nell'XSD)`,
    'CaratterePrestazione (1 periodico, 2 occasionale) è obbligatorio',
    'CaratterePrestazione (1 periodic, 2 one-off) is mandatory'),
  rule('siuss.rule.periodic_requires_start_and_monthly', PS, `${ALL_B}, DataInizioPrestazione e ImportoMensile (obbligatori se CaratterePrestazione=1)`,
    'Una prestazione periodica (CaratterePrestazione=1) ha DataInizioPrestazione e ImportoMensile',
    'A periodic benefit (CaratterePrestazione=1) has DataInizioPrestazione and ImportoMensile'),
  rule('siuss.rule.occasional_requires_date_and_amount', PS, `${ALL_B}, DataErogazionePrestazione e ImportoPrestazione (obbligatori se CaratterePrestazione=2)`,
    'Una prestazione occasionale (CaratterePrestazione=2) ha DataErogazionePrestazione e ImportoPrestazione',
    'A one-off benefit (CaratterePrestazione=2) has DataErogazionePrestazione and ImportoPrestazione'),
  rule('siuss.rule.end_same_year', PS, `${ALL_B}, DataFinePrestazione (stesso anno di DataInizioPrestazione)`,
    "DataFinePrestazione è nello stesso anno di DataInizioPrestazione (le prestazioni pluriennali si dividono per anno)",
    'DataFinePrestazione is in the same year as DataInizioPrestazione (multi-year benefits are split per year)'),
  rule('siuss.rule.end_before_start', PS, `${ALL_B}, DataInizioPrestazione/DataFinePrestazione [I: coerenza delle date]`,
    'DataFinePrestazione non precede DataInizioPrestazione',
    'DataFinePrestazione is not before DataInizioPrestazione'),
  rule('siuss.rule.dsu_all_or_none', PS, `${ALL_B}, NumeroProtocolloDSU, AnnoProtocolloDSU, DataDSU (tutti o nessuno)`,
    'NumeroProtocolloDSU, AnnoProtocolloDSU e DataDSU sono indicati tutti e tre o nessuno',
    'NumeroProtocolloDSU, AnnoProtocolloDSU and DataDSU are given all three or none'),
  rule('siuss.rule.quota_sum', PS, `${ALL_B}, ImportoQuotaEnte/Utente/SSN (somma = ImportoMensile se periodica, = ImportoPrestazione se occasionale)`,
    'Se sono indicate le quote, QuotaEnte + QuotaUtente + QuotaSSN = ImportoMensile (periodica) o ImportoPrestazione (occasionale)',
    'When quotas are given, QuotaEnte + QuotaUtente + QuotaSSN = ImportoMensile (periodic) or ImportoPrestazione (one-off)'),
  rule('siuss.rule.quota_positive', PS, `${ALL_B}, ImportoQuotaEnte e ImportoQuotaSSN (> 0), ImportoQuotaUtente (>= 0)`,
    'ImportoQuotaEnte e ImportoQuotaSSN, se indicati, sono maggiori di zero; ImportoQuotaUtente non è negativo',
    'ImportoQuotaEnte and ImportoQuotaSSN, when given, are greater than zero; ImportoQuotaUtente is not negative'),
  rule('siuss.rule.amount_positive', PS, `${ALL_B}, ImportoMensile e ImportoPrestazione (> 0)`,
    'ImportoMensile e ImportoPrestazione, se indicati, sono maggiori di zero',
    'ImportoMensile and ImportoPrestazione, when given, are greater than zero'),
  rule('siuss.rule.amount_non_negative', PS, `${ALL_B}, ImportoQuotaRichiesta e ImportoSogliaISEE [I: importi, l'XSD ammette valori negativi]`,
    'ImportoQuotaRichiesta e ImportoSogliaISEE, se indicati, non sono negativi',
    'ImportoQuotaRichiesta and ImportoSogliaISEE, when given, are not negative'),
  rule('siuss.rule.area_utenza_required', PS, `${ALL_B}, AreaUtenza (obbligatoria se PresaCarico=1)`,
    'Con presa in carico (PresaCarico=1) va indicata AreaUtenza',
    'With PresaCarico=1 (taken in charge) AreaUtenza is required'),
  rule('siuss.rule.residence_italy', PS, `${ALL_B}, Indirizzo@CodiceRegione e @CodiceComune (obbligatori se CodiceNazione=380)`,
    'Una residenza in Italia (CodiceNazione=380) ha CodiceRegione e CodiceComune',
    'A residence in Italy (CodiceNazione=380) has CodiceRegione and CodiceComune'),
  rule('siuss.rule.ore_servizio_format', PS, `${ALL_B}, OreServizioMensile ("HH,MM": ore e minuti; nell'XSD un decimale, quindi H.MM)`,
    'OreServizioMensile è ore.minuti (H.MM) con minuti da 00 a 59',
    'OreServizioMensile is hours.minutes (H.MM) with minutes 00 to 59'),
  rule('siuss.rule.prestazione_code_format', BOTH, 'DM 16/12/2014 n. 206, Tabella 1 (forma dei codici, es. A1.16, A1.05.01); XSD: solo 5-10 caratteri',
    'Il codice prestazione ha la forma della Tabella 1 (es. A1.16 o A1.05.01)',
    'The codice prestazione has the Tabella 1 shape (e.g. A1.16 or A1.05.01)'),
  rule('siuss.rule.prestazione_code_unknown', BOTH, 'DM 16/12/2014 n. 206, Tabella 1; INPS messaggio n. 1244/2022 (tabella incompleta: vedi SIUSS_PRESTAZIONI)',
    'Il codice prestazione è tra quelli noti (DM 206/2014 Tabella 1 e aggiunte INPS)',
    'The codice prestazione is a known one (DM 206/2014 Tabella 1 and INPS additions)'),
  rule('siuss.rule.sinba_componenti_isee_min', ['SINBA'], `${ALL_C}, NumeroComponentiISEE (minimo 1; l'XSD non fissa un minimo)`,
    'NumeroComponentiISEE, se indicato, è almeno 1',
    'NumeroComponentiISEE, when given, is at least 1'),
  rule('siuss.rule.flow_name_format', BOTH, `${SPEC}, IdentificazioneFlusso@Nome ({CodiceEnte}.{PS|PSA|SINA|SINBA}.{AAAAMMGG}.{progressivo}; ammessa la forma INPS {CodiceEnte}.PS.INPS.{AAAAMMGG}.{progressivo})`,
    'Il nome del flusso è CodiceEnte.TIPO.AAAAMMGG.progressivo, con il CodiceEnte di Ente@Codice e il tipo del flusso',
    'The flow name is CodiceEnte.TYPE.YYYYMMDD.progressive, with the code of Ente@Codice and the type of the flow'),
  rule('siuss.rule.cooperazione_single', BOTH, `PS_PSA_SINA201812.xsd (annotazioni di Beneficiario e PrestazioniSociali); ${SPEC} (WaaS: un beneficiario e una prestazione per flusso; per SINBA [I]: una scheda)`,
    'In cooperazione applicativa / WaaS un flusso contiene un solo beneficiario e una sola prestazione sociale (SINBA: una sola scheda)',
    'In cooperazione applicativa / WaaS a flow holds one beneficiary and one social benefit (SINBA: one record)'),
  rule('siuss.rule.codice_fiscale_check', BOTH, `DM 23/12/1976 (codifica del codice fiscale: carattere di controllo, mese, giorno; cifra di controllo del codice numerico a 11 cifre); ${ALL_B} e ${ALL_C}, Beneficiario@CodiceFiscale e Ente@CFOperatore [I: l'XSD ne controlla solo la forma]`,
    'CodiceFiscale (Beneficiario) e CFOperatore (Ente) sono codici fiscali veri: carattere di controllo giusto, mese e giorno esistenti (o 11 cifre con la cifra di controllo giusta); i codici omocodici valgono',
    'CodiceFiscale (Beneficiario) and CFOperatore (Ente) are real codici fiscali: right check character, existing month and day (or 11 digits with the right check digit); omocodic codes are valid'),
]);

const RULES_BY_ID: ReadonlyMap<RuleId, SiussRule> = new Map(SIUSS_RULES.map((r) => [r.id, r]));

/** How the rules run. */
export interface RuleOptions {
  /** Per-rule severity; `off` disables a rule. Rules not listed keep their default (`warning`). */
  readonly severity?: Partial<Record<RuleId, Severity | 'off'>>;
  /**
   * `upload` (default): web upload of XML files, any number of records; `cooperazione`: cooperazione
   * applicativa or WaaS, one beneficiary and one benefit per flow (`siuss.rule.cooperazione_single`).
   */
  readonly mode?: 'upload' | 'cooperazione';
}

// ---------------------------------------------------------------------------------------------
// Reading values leniently (records may be partial, XSD-invalid or hand-made objects).

type Element = { readonly [name: string]: unknown };

function isElement(value: unknown): value is Element {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attr(el: Element, name: string): string | undefined {
  const v = el[name];
  return typeof v === 'string' ? v : undefined;
}

/** Child elements by name (one or many), each with its index when the child repeats. */
function children(el: Element, name: string): { el: Element; index: number | null }[] {
  const v = el[name];
  if (Array.isArray(v)) return v.flatMap((c, index) => (isElement(c) ? [{ el: c, index }] : []));
  return isElement(v) ? [{ el: v, index: null }] : [];
}

function childTexts(el: Element, name: string): { text: string; index: number | null }[] {
  const v = el[name];
  if (Array.isArray(v)) return v.flatMap((c, index) => (typeof c === 'string' ? [{ text: c, index }] : []));
  return typeof v === 'string' ? [{ text: v, index: null }] : [];
}

const at = (base: IssuePath, name: string, index: number | null): IssuePath => (index === null ? [...base, name] : [...base, name, index]);

/** xs:decimal/xs:date/xs:int collapse white space (XSD Part 2 §4.3.6). */
const collapse = (value: string): string => value.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');

/** An exact decimal: `units / 10^scale`. */
interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;

/** Parses an xs:decimal lexical value exactly; `null` when absent or not a decimal. */
function parseDecimal(raw: string | undefined): Decimal | null {
  if (raw === undefined) return null;
  const text = collapse(raw);
  if (text.length > 1000) return null;
  const m = DECIMAL.exec(text);
  if (m === null) return null;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return null;
  const magnitude = BigInt(`${int}${frac}` || '0');
  return { units: m[1] === '-' ? -magnitude : magnitude, scale: frac.length };
}

const rescale = (d: Decimal, scale: number): bigint => d.units * 10n ** BigInt(scale - d.scale);

function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

function addDecimals(values: readonly Decimal[]): Decimal {
  const scale = values.reduce((s, d) => Math.max(s, d.scale), 0);
  return { units: values.reduce((sum, d) => sum + rescale(d, scale), 0n), scale };
}

/** The decimal written with its scale (`74.25`, `0.0`, `-3`). */
function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const text = d.scale === 0 ? digits : `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
  return negative ? `-${text}` : text;
}

const ZERO: Decimal = { units: 0n, scale: 0 };

/** An xs:date value reduced to its `YYYY-MM-DD` part (a time zone is ignored); `null` if not a date. */
function parseDate(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const m = /^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:Z|[+-][0-9]{2}:[0-9]{2})?$/.exec(collapse(raw));
  return m !== null && isIsoDate(m[1]) ? (m[1] as string) : null;
}

/** A value safe to quote in a message (codes, dates, amounts: never personal data), shortened. */
const shown = (value: string): string => (value.length > 20 ? `${value.slice(0, 20)}…` : value);

// ---------------------------------------------------------------------------------------------
// Findings → issues.

interface Finding {
  readonly rule: RuleId;
  readonly path: IssuePath;
  readonly text: LocalizedText;
  readonly params?: IssueParams;
}

/** Where in the flow, for messages: `Beneficiario 1 (RSSMRK******501U), prestazione 2 (A1.16)`. */
interface Context {
  readonly it: string;
  readonly en: string;
  readonly params: IssueParams;
}

function severityOf(id: RuleId, options: RuleOptions): Severity | 'off' {
  const chosen: unknown = options.severity?.[id];
  return chosen === 'error' || chosen === 'warning' || chosen === 'off' ? chosen : (RULES_BY_ID.get(id) as SiussRule).defaultSeverity;
}

function toIssues(findings: readonly Finding[], context: Context, options: RuleOptions, line: number | undefined): Issue[] {
  const out: Issue[] = [];
  for (const f of findings) {
    const severity = severityOf(f.rule, options);
    if (severity === 'off') continue;
    const source = (RULES_BY_ID.get(f.rule) as SiussRule).source;
    const lineIt = line === undefined ? '' : ` (record alla riga ${line})`;
    const lineEn = line === undefined ? '' : ` (record at line ${line})`;
    const prefixIt = context.it === '' ? '' : `${context.it}: `;
    const prefixEn = context.en === '' ? '' : `${context.en}: `;
    out.push(createIssue(f.rule, { it: `${prefixIt}${f.text.it}${lineIt}`, en: `${prefixEn}${f.text.en}${lineEn}` }, {
      severity,
      path: f.path,
      params: { rule: f.rule, source, ...context.params, ...(f.params ?? {}), ...(line === undefined ? {} : { recordLine: line }) },
    }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The rules.

function codeFindings(code: string, path: IssuePath, attribute: string): Finding[] {
  if (!PRESTAZIONE_CODE_PATTERN.test(code)) {
    return [{
      rule: 'siuss.rule.prestazione_code_format', path,
      text: {
        it: `${attribute} «${shown(code)}» non ha la forma dei codici della Tabella 1 (es. A1.16 o A1.05.01)`,
        en: `${attribute} «${shown(code)}» does not have the Tabella 1 code shape (e.g. A1.16 or A1.05.01)`,
      },
      params: { attribute, value: shown(code) },
    }];
  }
  if (findPrestazione(code) === undefined) {
    return [{
      rule: 'siuss.rule.prestazione_code_unknown', path,
      text: {
        it: `${attribute} «${code}» non è tra i codici noti (DM 206/2014 Tabella 1 e aggiunte INPS): verificarlo sulla tabella del SIUSS`,
        en: `${attribute} «${code}» is not a known code (DM 206/2014 Tabella 1 and INPS additions): check it against the SIUSS table`,
      },
      params: { attribute, value: code },
    }];
  }
  return [];
}

const requiredMissing = (rule: RuleId, base: IssuePath, names: readonly string[], el: Element, why: LocalizedText): Finding[] =>
  names.filter((n) => attr(el, n) === undefined).map((n) => ({
    rule, path: [...base, `@${n}`],
    text: { it: `manca ${n} (${why.it})`, en: `${n} is missing (${why.en})` },
    params: { attribute: n },
  }));

/** Rules of one PrestazioniSociali. */
function prestazioneFindings(p: Element, base: IssuePath): Finding[] {
  const out: Finding[] = [];
  const carattere = attr(p, 'CaratterePrestazione');

  if (carattere === undefined) {
    out.push({
      rule: 'siuss.rule.carattere_required', path: [...base, '@CaratterePrestazione'],
      text: { it: 'manca CaratterePrestazione (1 periodico, 2 occasionale)', en: 'CaratterePrestazione is missing (1 periodic, 2 one-off)' },
      params: { attribute: 'CaratterePrestazione' },
    });
  } else if (carattere === '1') {
    out.push(...requiredMissing('siuss.rule.periodic_requires_start_and_monthly', base, ['DataInizioPrestazione', 'ImportoMensile'], p,
      { it: 'obbligatorio per una prestazione periodica', en: 'required for a periodic benefit' }));
  } else if (carattere === '2') {
    out.push(...requiredMissing('siuss.rule.occasional_requires_date_and_amount', base, ['DataErogazionePrestazione', 'ImportoPrestazione'], p,
      { it: 'obbligatorio per una prestazione occasionale', en: 'required for a one-off benefit' }));
  }

  // Dates.
  const start = parseDate(attr(p, 'DataInizioPrestazione'));
  const end = parseDate(attr(p, 'DataFinePrestazione'));
  if (start !== null && end !== null) {
    if (start.slice(0, 4) !== end.slice(0, 4)) {
      out.push({
        rule: 'siuss.rule.end_same_year', path: [...base, '@DataFinePrestazione'],
        text: {
          it: `DataFinePrestazione (${dateText(end)}) non è nello stesso anno di DataInizioPrestazione (${dateText(start)})`,
          en: `DataFinePrestazione (${dateText(end, { lang: 'en' })}) is not in the same year as DataInizioPrestazione (${dateText(start, { lang: 'en' })})`,
        },
        params: { start, end },
      });
    }
    if (end < start) {
      out.push({
        rule: 'siuss.rule.end_before_start', path: [...base, '@DataFinePrestazione'],
        text: {
          it: `DataFinePrestazione (${dateText(end)}) precede DataInizioPrestazione (${dateText(start)})`,
          en: `DataFinePrestazione (${dateText(end, { lang: 'en' })}) is before DataInizioPrestazione (${dateText(start, { lang: 'en' })})`,
        },
        params: { start, end },
      });
    }
  }

  // DSU: all three or none (an empty NumeroProtocolloDSU, allowed by the XSD, counts as absent).
  const dsu = ['NumeroProtocolloDSU', 'AnnoProtocolloDSU', 'DataDSU'] as const;
  const given = dsu.filter((n) => { const v = attr(p, n); return v !== undefined && collapse(v) !== ''; });
  if (given.length > 0 && given.length < dsu.length) {
    for (const n of dsu) {
      if (given.includes(n)) continue;
      out.push({
        rule: 'siuss.rule.dsu_all_or_none', path: [...base, `@${n}`],
        text: {
          it: `manca ${n}: i dati della DSU (NumeroProtocolloDSU, AnnoProtocolloDSU, DataDSU) vanno indicati tutti o nessuno (presenti: ${given.join(', ')})`,
          en: `${n} is missing: the DSU data (NumeroProtocolloDSU, AnnoProtocolloDSU, DataDSU) go all three or none (given: ${given.join(', ')})`,
        },
        params: { attribute: n, given: given.join(' ') },
      });
    }
  }

  // Amounts.
  const amounts = new Map<string, Decimal | null>();
  for (const n of ['ImportoMensile', 'ImportoPrestazione', 'ImportoQuotaEnte', 'ImportoQuotaUtente', 'ImportoQuotaSSN', 'ImportoQuotaRichiesta', 'ImportoSogliaISEE']) {
    amounts.set(n, parseDecimal(attr(p, n)));
  }
  const sign = (n: string, rule: RuleId, strict: boolean): void => {
    const d = amounts.get(n);
    if (d === null || d === undefined) return;
    const c = compareDecimal(d, ZERO);
    if (strict ? c > 0 : c >= 0) return;
    const value = formatDecimal(d);
    out.push({
      rule, path: [...base, `@${n}`],
      text: strict
        ? { it: `${n} ${value} deve essere maggiore di zero`, en: `${n} ${value} must be greater than zero` }
        : { it: `${n} ${value} non può essere negativo`, en: `${n} ${value} cannot be negative` },
      params: { attribute: n, value },
    });
  };
  sign('ImportoMensile', 'siuss.rule.amount_positive', true);
  sign('ImportoPrestazione', 'siuss.rule.amount_positive', true);
  sign('ImportoQuotaEnte', 'siuss.rule.quota_positive', true);
  sign('ImportoQuotaUtente', 'siuss.rule.quota_positive', false);
  sign('ImportoQuotaSSN', 'siuss.rule.quota_positive', true);
  sign('ImportoQuotaRichiesta', 'siuss.rule.amount_non_negative', false);
  sign('ImportoSogliaISEE', 'siuss.rule.amount_non_negative', false);

  const quotaNames = ['ImportoQuotaEnte', 'ImportoQuotaUtente', 'ImportoQuotaSSN'] as const;
  const quotasWritten = quotaNames.filter((n) => attr(p, n) !== undefined);
  const totalName = carattere === '1' ? 'ImportoMensile' : carattere === '2' ? 'ImportoPrestazione' : null;
  if (quotasWritten.length > 0 && totalName !== null) {
    const total = amounts.get(totalName) ?? null;
    const quotas = quotasWritten.map((n) => amounts.get(n) ?? null);
    if (total !== null && quotas.every((q): q is Decimal => q !== null)) {
      const sum = addDecimals(quotas);
      if (compareDecimal(sum, total) !== 0) {
        const quotaText = quotasWritten.map((n, i) => `${n.slice('ImportoQuota'.length)} ${formatDecimal(quotas[i] as Decimal)}`).join(' + ');
        out.push({
          rule: 'siuss.rule.quota_sum', path: [...base, `@${totalName}`],
          text: {
            it: `le quote (${quotaText} = ${formatDecimal(sum)}) non sommano a ${totalName} ${formatDecimal(total)}`,
            en: `the quotas (${quotaText} = ${formatDecimal(sum)}) do not add up to ${totalName} ${formatDecimal(total)}`,
          },
          params: {
            attribute: totalName, total: formatDecimal(total), sum: formatDecimal(sum),
            ...Object.fromEntries(quotasWritten.map((n, i) => [n, formatDecimal(quotas[i] as Decimal)])),
          },
        });
      }
    }
  }

  // Presa in carico → area utenza.
  if (attr(p, 'PresaCarico') === '1' && attr(p, 'AreaUtenza') === undefined) {
    out.push({
      rule: 'siuss.rule.area_utenza_required', path: [...base, '@AreaUtenza'],
      text: {
        it: 'manca AreaUtenza (obbligatoria con PresaCarico=1: 1 famiglia e minori, 2 disabilità e non autosufficienza, 3 povertà ed esclusione sociale)',
        en: 'AreaUtenza is missing (required with PresaCarico=1: 1 family and minors, 2 disability and dependency, 3 poverty and social exclusion)',
      },
      params: { attribute: 'AreaUtenza' },
    });
  }

  // Ore di servizio: H.MM, minutes 00–59.
  const ore = attr(p, 'OreServizioMensile');
  if (ore !== undefined && parseDecimal(ore) !== null) {
    const text = collapse(ore);
    const m = /^([0-9]+)(?:\.([0-9]*))?$/.exec(text);
    const frac = m?.[2];
    let problem: LocalizedText | null = null;
    if (m === null || frac === '' || (frac !== undefined && frac.length > 2)) {
      problem = { it: 'non è nella forma ore.minuti (es. 2.30 = 2 ore e 30 minuti)', en: 'is not hours.minutes (e.g. 2.30 = 2 hours 30 minutes)' };
    } else if (frac !== undefined && frac.length === 1 && frac !== '0') {
      problem = {
        it: `ha una sola cifra per i minuti: ambiguo (${text}0 = ${m[1]} ore e ${frac}0 minuti; se si intendono ore decimali va convertito, es. 2.5 ore = 2.30)`,
        en: `has a single digit for the minutes: ambiguous (${text}0 = ${m[1]} hours ${frac}0 minutes; decimal hours must be converted, e.g. 2.5 hours = 2.30)`,
      };
    } else if (frac !== undefined && frac.length === 2 && Number(frac) >= 60) {
      problem = { it: `ha ${frac} minuti: i minuti vanno da 00 a 59`, en: `has ${frac} minutes: minutes go from 00 to 59` };
    }
    if (problem !== null) {
      out.push({
        rule: 'siuss.rule.ore_servizio_format', path: [...base, '@OreServizioMensile'],
        text: { it: `OreServizioMensile «${shown(text)}» ${problem.it}`, en: `OreServizioMensile «${shown(text)}» ${problem.en}` },
        params: { attribute: 'OreServizioMensile', value: shown(text) },
      });
    }
  }

  // Codes.
  const code = attr(p, 'CodicePrestazione');
  if (code !== undefined) out.push(...codeFindings(code, [...base, '@CodicePrestazione'], 'CodicePrestazione'));
  for (const sina of children(p, 'SINA')) {
    const sinaPath = at(base, 'SINA', sina.index);
    for (const nis of children(sina.el, 'NecessitaInterventiSociali')) {
      const nisPath = at(sinaPath, 'NecessitaInterventiSociali', nis.index);
      for (const c of childTexts(nis.el, 'CodicePrestazione')) {
        out.push(...codeFindings(c.text, at(nisPath, 'CodicePrestazione', c.index), 'SINA/NecessitaInterventiSociali/CodicePrestazione'));
      }
    }
  }
  return out;
}

/**
 * The codice fiscale finding of an attribute (CodiceFiscale, CFOperatore): only for values the XSD
 * pattern accepts (`\d` is `\p{Nd}`) that `validateFiscalCode` of fiscal-code/lite rejects.
 */
function fiscalCodeFindings(value: string | undefined, attribute: string, where: string, path: IssuePath): Finding[] {
  if (value === undefined) return [];
  const r = validateFiscalCode(value);
  if (r.ok) return [];
  if (!/^(?:[A-Za-z]{6}\p{Nd}{2}[A-Za-z]\p{Nd}{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z]|\p{Nd}{11} {0,5})$/u.test(value)) return [];
  const issue = r.issues[0];
  const masked = maskFiscalCode(value.trim());
  const problems: Readonly<Record<string, LocalizedText>> = CF_PROBLEMS;
  let problem = problems[issue.code];
  if (problem === undefined) {
    const position = issue.params['position'];
    if (issue.code === 'cf.format' && typeof position === 'number') {
      problem = issue.params['expected'] === 'digit'
        ? { it: `il carattere ${position} dev'essere una cifra o una lettera di omocodia (L–V)`, en: `character ${position} must be a digit or an omocodia letter (L–V)` }
        : { it: `il carattere ${position} non è ammesso (solo lettere A–Z e cifre 0–9)`, en: `character ${position} is not allowed (only letters A–Z and digits 0–9)` };
    } else {
      problem = { it: 'non supera i controlli del codice fiscale', en: 'fails the codice fiscale checks' };
    }
  }
  return [{
    rule: 'siuss.rule.codice_fiscale_check', path,
    text: { it: `${where} «${masked}» non è un codice fiscale valido: ${problem.it}`, en: `${where} «${masked}» is not a valid codice fiscale: ${problem.en}` },
    params: { attribute, value: masked, reason: issue.code },
  }];
}

function beneficiarioIssues(b: Element, index: number, options: RuleOptions, line: number | undefined): Issue[] {
  const base: IssuePath = ['Beneficiario', index];
  const cfRaw = attr(b, 'CodiceFiscale');
  const cf = cfRaw === undefined ? null : maskFiscalCode(cfRaw.trim());
  const who = { it: `Beneficiario ${index + 1}${cf === null ? '' : ` (${cf})`}`, en: `Beneficiary ${index + 1}${cf === null ? '' : ` (${cf})`}` };
  const beneficiaryParams: IssueParams = { beneficiario: cf };
  const out: Issue[] = [];

  const residence: Finding[] = fiscalCodeFindings(cfRaw, 'CodiceFiscale', 'CodiceFiscale', [...base, '@CodiceFiscale']);
  for (const ind of children(b, 'Indirizzo')) {
    if (attr(ind.el, 'CodiceNazione') !== '380') continue;
    const indPath = at(base, 'Indirizzo', ind.index);
    for (const n of ['CodiceRegione', 'CodiceComune']) {
      if (attr(ind.el, n) !== undefined) continue;
      residence.push({
        rule: 'siuss.rule.residence_italy', path: [...indPath, `@${n}`],
        text: {
          it: `Indirizzo ${(ind.index ?? 0) + 1}: manca ${n} (obbligatorio per una residenza in Italia, CodiceNazione=380)`,
          en: `Indirizzo ${(ind.index ?? 0) + 1}: ${n} is missing (required for a residence in Italy, CodiceNazione=380)`,
        },
        params: { attribute: n },
      });
    }
  }
  out.push(...toIssues(residence, { ...who, params: beneficiaryParams }, options, line));

  for (const p of children(b, 'PrestazioniSociali')) {
    const code = attr(p.el, 'CodicePrestazione');
    const n = (p.index ?? 0) + 1;
    const what = code === undefined ? '' : ` (${shown(code)})`;
    const context: Context = {
      it: `${who.it}, prestazione ${n}${what}`,
      en: `${who.en}, benefit ${n}${what}`,
      params: { ...beneficiaryParams, prestazione: p.index ?? 0, codicePrestazione: code === undefined ? null : shown(code) },
    };
    out.push(...toIssues(prestazioneFindings(p.el, at(base, 'PrestazioniSociali', p.index)), context, options, line));
  }
  return out;
}

function sinbaIssues(s: Element, index: number, options: RuleOptions, line: number | undefined): Issue[] {
  const base: IssuePath = ['SINBA', index];
  const findings: Finding[] = [];
  const componenti = attr(s, 'NumeroComponentiISEE');
  if (componenti !== undefined) {
    const text = collapse(componenti);
    if (/^[+-]?[0-9]+$/.test(text) && Number(text) < 1) {
      findings.push({
        rule: 'siuss.rule.sinba_componenti_isee_min', path: [...base, '@NumeroComponentiISEE'],
        text: { it: `NumeroComponentiISEE ${shown(text)} deve essere almeno 1`, en: `NumeroComponentiISEE ${shown(text)} must be at least 1` },
        params: { attribute: 'NumeroComponentiISEE', value: shown(text) },
      });
    }
  }
  for (const pr of children(s, 'Prestazioni')) {
    const prPath = at(base, 'Prestazioni', pr.index);
    for (const c of childTexts(pr.el, 'CodicePrestazione')) {
      findings.push(...codeFindings(c.text, at(prPath, 'CodicePrestazione', c.index), 'Prestazioni/CodicePrestazione'));
    }
  }
  return toIssues(findings, { it: `Scheda SINBA ${index + 1}`, en: `SINBA record ${index + 1}`, params: {} }, options, line);
}

/**
 * Checks the business rules of one record: a `Beneficiario` (with its `Indirizzo`, `PrestazioniSociali`
 * and `SINA`) of a PS-PSA-SINA flow, or a `SINBA` record. Works on partial and XSD-invalid records
 * (it never throws for their content); issue paths start at the record (`['Beneficiario', index, …]`),
 * like the XSD issues, and messages mask the codice fiscale.
 *
 * @param kind Which flow the record belongs to.
 * @param record The record as a plain object (attribute values as written), e.g. from `parseFlow`
 *   or the streaming reader.
 * @param index Position of the record in the flow (0-based), used in paths and messages.
 * @param options Severity per rule (`off` disables one) and mode.
 * @param line Line of the record in the file, when known: added to messages and `params.recordLine`.
 * @returns The findings of the enabled rules (`warning` by default), in document order.
 * @example
 * ```ts
 * import { checkRecordRules, parseFlow } from '@riuso-sociale/siuss-schema';
 * const flow = parseFlow(xml);
 * if (flow.kind === 'PS_PSA_SINA') {
 *   flow.Beneficiario.forEach((b, i) => {
 *     for (const issue of checkRecordRules('PS_PSA_SINA', b, i)) console.log(issue.code, issue.message);
 *   });
 * }
 * ```
 */
export function checkRecordRules(
  kind: FlowKind,
  record: RawElement | object,
  index: number,
  options: RuleOptions = {},
  line?: number,
): Issue[] {
  if (!isElement(record)) return [];
  return kind === 'SINBA' ? sinbaIssues(record, index, options, line) : beneficiarioIssues(record, index, options, line);
}

/**
 * Checks the business rules of the flow envelope (`IdentificazioneFlusso`): the flow name
 * `CodiceEnte.TIPO.AAAAMMGG.progressivo` (the older INPS form `CodiceEnte.PS.INPS.AAAAMMGG.progressivo`
 * is accepted), whose code must be `Ente@Codice` and whose type must match the flow.
 *
 * @example
 * ```ts
 * import { checkEnvelopeRules } from '@riuso-sociale/siuss-schema';
 * checkEnvelopeRules('SINBA', { Nome: 'H501.PS.20210520.0000002', Ente: { Codice: 'H501' } });
 * // [{ code: 'siuss.rule.flow_name_format', params: { reason: 'type', … }, … }]
 * ```
 */
export function checkEnvelopeRules(kind: FlowKind, envelope: RawElement | object, options: RuleOptions = {}): Issue[] {
  if (!isElement(envelope)) return [];
  const first = children(envelope, 'Ente')[0];
  const ente = first?.el;
  const cfOperatore = fiscalCodeFindings(ente === undefined ? undefined : attr(ente, 'CFOperatore'), 'CFOperatore', 'IdentificazioneFlusso/Ente@CFOperatore',
    at(['IdentificazioneFlusso'], 'Ente', first?.index ?? null).concat('@CFOperatore'));
  const nome = attr(envelope, 'Nome');
  if (nome === undefined) return toIssues(cfOperatore, { it: '', en: '', params: {} }, options, undefined);
  const codice = ente === undefined ? undefined : attr(ente, 'Codice');
  const parsed = parseFlowName(nome);
  const expectedType = kind === 'SINBA' ? 'SINBA' : 'PS, PSA o/or SINA';
  let reason: 'format' | 'date' | 'type' | 'ente' | null = null;
  let text: LocalizedText = { it: '', en: '' };
  if (!parsed.ok) {
    reason = parsed.issues[0].code === 'siuss.flow_name.date' ? 'date' : 'format';
    text = reason === 'date'
      ? { it: 'IdentificazioneFlusso@Nome: la parte AAAAMMGG non è una data valida', en: 'IdentificazioneFlusso@Nome: the YYYYMMDD part is not a valid date' }
      : {
        it: 'IdentificazioneFlusso@Nome non ha la forma CodiceEnte.TIPO.AAAAMMGG.progressivo (es. H501.PS.20210520.0000002)',
        en: 'IdentificazioneFlusso@Nome is not CodiceEnte.TYPE.YYYYMMDD.progressive (e.g. H501.PS.20210520.0000002)',
      };
  } else if (!flowNameTipoMatches(parsed.value.tipo, kind)) {
    reason = 'type';
    text = {
      it: `IdentificazioneFlusso@Nome: il tipo ${parsed.value.tipo} non corrisponde al flusso ${kind} (atteso ${expectedType})`,
      en: `IdentificazioneFlusso@Nome: type ${parsed.value.tipo} does not match the ${kind} flow (expected ${expectedType})`,
    };
  } else if (codice !== undefined && parsed.value.codiceEnte !== codice) {
    reason = 'ente';
    text = {
      it: `IdentificazioneFlusso@Nome inizia con «${shown(parsed.value.codiceEnte)}», diverso da Ente@Codice «${shown(codice)}»`,
      en: `IdentificazioneFlusso@Nome starts with «${shown(parsed.value.codiceEnte)}», not Ente@Codice «${shown(codice)}»`,
    };
  }
  const nameFindings: Finding[] = reason === null ? [] : [{ rule: 'siuss.rule.flow_name_format', path: ['IdentificazioneFlusso', '@Nome'], text, params: { reason, value: shown(nome) } }];
  return toIssues([...nameFindings, ...cfOperatore], { it: '', en: '', params: {} }, options, undefined);
}

/**
 * Checks the rules about the flow as a whole, from its counts: in `cooperazione` mode (cooperazione
 * applicativa, WaaS) a PS-PSA-SINA flow holds one `Beneficiario` with one `PrestazioniSociali`, and a
 * SINBA flow one `SINBA` record. In `upload` mode (the default) there is nothing to check.
 *
 * @param counts `beneficiari`: records in the flow (`Beneficiario` or `SINBA`); `prestazioni`: all
 *   `PrestazioniSociali` of the flow (ignored for SINBA).
 * @example
 * ```ts
 * import { checkFlowRules } from '@riuso-sociale/siuss-schema';
 * checkFlowRules('PS_PSA_SINA', { beneficiari: 1, prestazioni: 3 }, { mode: 'cooperazione' });
 * // [{ code: 'siuss.rule.cooperazione_single', severity: 'warning', … }]
 * ```
 */
export function checkFlowRules(kind: FlowKind, counts: { readonly beneficiari: number; readonly prestazioni: number }, options: RuleOptions = {}): Issue[] {
  if ((options.mode ?? 'upload') !== 'cooperazione') return [];
  const tooMany = kind === 'SINBA' ? counts.beneficiari > 1 : counts.beneficiari > 1 || counts.prestazioni > 1;
  if (!tooMany) return [];
  const text: LocalizedText = kind === 'SINBA'
    ? {
      it: `In cooperazione è possibile inviare una sola scheda SINBA per flusso: ce ne sono ${counts.beneficiari}`,
      en: `In cooperazione applicativa / WaaS a flow holds one SINBA record: this one has ${counts.beneficiari}`,
    }
    : {
      it: `In cooperazione è possibile inviare solo un beneficiario e una prestazione sociale: il flusso ha ${counts.beneficiari} beneficiari e ${counts.prestazioni} prestazioni`,
      en: `In cooperazione applicativa / WaaS a flow holds one beneficiary and one social benefit: this one has ${counts.beneficiari} beneficiaries and ${counts.prestazioni} benefits`,
    };
  return toIssues([{
    rule: 'siuss.rule.cooperazione_single', path: [], text,
    params: { beneficiari: counts.beneficiari, prestazioni: kind === 'SINBA' ? null : counts.prestazioni },
  }], { it: '', en: '', params: {} }, options, undefined);
}
