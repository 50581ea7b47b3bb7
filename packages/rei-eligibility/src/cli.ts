// SPDX-License-Identifier: BSD-3-Clause
/**
 * The `eligibility` command: evaluates REI, RdC/PdC, ADI and SFL for a household read from a JSON file
 * (requirements one by one with act and article, facts still missing, the benefit line by line) and
 * prints the equivalence scales. The date is always given (`--date`): never an implicit "today", so a
 * decision can be reproduced. Exit codes: 0 the command ran (whatever the outcome: eligible, not
 * eligible, more information needed), 2 usage error, unreadable file, invalid JSON or household.
 * Diagnostics give the path of each wrong value, never the value itself.
 * @module
 */
import { open } from 'node:fs/promises';
import { compareIsoDate, createIssue, formatCents, formatDate, isIsoDate, maskFiscalCode, type Issue, type IsoDate, type IssuePath, type LocalizedText } from '@riuso-sociale/core';
import { handleCommonOptions, langOfArgv, parseCommandLine, UsageError, usageText, exitQuietlyOnEpipe, type CommandLine } from '@riuso-sociale/core/cli';
import {
  adiScale,
  evaluate,
  evaluateAll,
  householdAdiScale,
  householdIssueText,
  householdSchema,
  iseeScale,
  MEASURES,
  rdcScale,
  reiScale,
  toScaleHousehold,
  type Benefit,
  type Evaluation,
  type EvaluationStatus,
  type Household,
  type LegalRef,
  type MeasureId,
  type ParameterStatus,
  type Requirement,
  type RequirementOutcome,
  type ScaleResult,
} from './index.js';

/**
 * Where the CLI writes and reads; injectable for tests.
 *
 * @example
 * ```ts
 * import type { CliIo } from './cli.js';
 * const lines: string[] = [];
 * const io: CliIo = { out: (t) => lines.push(t), err: (t) => lines.push(t) };
 * ```
 */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Standard input as chunks, for the file name `-` (absent: `-` is a usage error). */
  readonly stdin?: () => AsyncIterable<Uint8Array | string>;
}

type Lang = 'it' | 'en';

/** A household file larger than this is refused (a real one is a few kilobytes). */
const MAX_INPUT_BYTES = 1024 * 1024;

/** Household issues printed at most (the count is always given). */
const MAX_ISSUES_SHOWN = 50;

const HELP = `eligibility — requisiti e importi di REI, RdC/PdC, ADI e SFL, spiegati / requirements and amounts of REI, RdC/PdC, ADI and SFL, explained

Uso / Usage:
  eligibility evaluate NUCLEO.json --measure adi|sfl|rei|rdc|pdc --date AAAA-MM-GG [--json]
  eligibility evaluate NUCLEO.json --all --date AAAA-MM-GG [--json]
      Esito, requisiti uno per uno (✓ soddisfatto, ✗ non soddisfatto, ? dato mancante) con atto e articolo,
      dati mancanti, importo riga per riga (scala, componenti, annuo, mensile, arrotondamento, durata).
      Outcome, requirements one by one (✓ met, ✗ not met, ? fact missing) with act and article,
      missing facts, amount line by line (scale, components, annual, monthly, rounding, duration).
      --measure  la misura, maiuscole o minuscole / the measure, any case
      --all      tutte le misure in vigore alla data (senza --measure) / every measure in force on the date
      --date     data della domanda, OBBLIGATORIA: nessun "oggi" implicito, la valutazione deve essere riproducibile
                 date of the application, REQUIRED: no implicit "today", the evaluation must be reproducible
      --json     l'oggetto Evaluation (con --all un elenco) / the Evaluation object (a list with --all)
  eligibility scale NUCLEO.json --date AAAA-MM-GG [--scale isee|rei|rdc|adi|all] [--json]
      Scale di equivalenza con le voci che le compongono (predefinito: tutte e quattro); una scala non in
      vigore alla data lo dice. ADI: carichi di cura ricavati dalla composizione, come in evaluate.
      Equivalence scales with their components (default: all four); a scale not in force on the date says so.
      ADI: care duties derived from the composition, as evaluate does.
  NUCLEO.json: "-" = stdin; importi in centesimi (…Cents), date AAAA-MM-GG; al massimo 1 MiB.
  HOUSEHOLD.json: "-" = stdin; amounts in cents (…Cents), dates YYYY-MM-DD; at most 1 MiB.
Opzioni comuni / common options: --lang it|en, --help, --version
Uscita / exit: 0 eseguito, qualunque esito (ammesso, non ammesso, servono dati) / ran, whatever the outcome
               2 uso errato, file illeggibile, JSON o nucleo non valido / usage error, unreadable file, invalid JSON or household

Valutazione indicativa: la decisione spetta all'INPS. / Indicative assessment: INPS makes the decision.`;

/** An input that cannot be used (exit 2); the message is already in the chosen language. */
class InputError extends Error {}

function usage(it: string, en: string): UsageError {
  return new UsageError({ it, en });
}

/** The line printed after a usage error, instead of the whole help. */
const HELP_HINT: LocalizedText = { it: "eligibility --help per l'uso", en: 'eligibility --help for usage' };

/** The options of both commands (besides `--lang`, `--help`, `--version`); {@link COMMAND_FLAGS} says which command takes which. */
const OPTIONS = {
  measure: { type: 'string' },
  date: { type: 'string' },
  scale: { type: 'string' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
} as const;

type Parsed = CommandLine<typeof OPTIONS>;

/** Only these flags are accepted by each command. */
const COMMAND_FLAGS: Record<string, readonly string[]> = {
  evaluate: ['--measure', '--date', '--json', '--all'],
  scale: ['--date', '--scale', '--json'],
};

const MEASURE_IDS: readonly MeasureId[] = ['rei', 'rdc', 'pdc', 'adi', 'sfl'];
const SCALE_IDS = ['isee', 'rei', 'rdc', 'adi'] as const;
type ScaleId = (typeof SCALE_IDS)[number];

/** Anything shaped like a codice fiscale, for a last masking pass on user-controlled text (key names). */
const CF_LIKE = /[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]/g;

const t = (lang: Lang, text: LocalizedText): string => (lang === 'en' ? text.en : text.it);

// ---------------------------------------------------------------------------------------------
// Input

function ioCode(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

function tooLarge(file: string, lang: Lang): InputError {
  return new InputError(
    lang === 'en'
      ? `${file}: file too large (more than 1 MiB): not a household`
      : `${file}: file troppo grande (oltre 1 MiB): non è un nucleo familiare`,
  );
}

/** Reads at most {@link MAX_INPUT_BYTES} (+1 to detect more) from a file or stdin. */
async function readInput(file: string, io: CliIo, lang: Lang): Promise<Uint8Array> {
  if (file === '-') {
    if (io.stdin === undefined) throw usage('stdin non disponibile', 'stdin not available');
    const parts: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const c of io.stdin()) {
        const bytes = typeof c === 'string' ? new TextEncoder().encode(c) : c;
        size += bytes.length;
        if (size > MAX_INPUT_BYTES) throw tooLarge(file, lang);
        parts.push(bytes);
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`${file}: ${lang === 'en' ? 'cannot read standard input' : 'lettura di stdin impossibile'} (${ioCode(e)})`);
    }
    return Buffer.concat(parts);
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    throw new InputError(`${file}: ${lang === 'en' ? 'cannot read the file' : 'file non leggibile'} (${ioCode(e)})`);
  }
  try {
    const buffer = Buffer.alloc(MAX_INPUT_BYTES + 1);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > MAX_INPUT_BYTES) throw tooLarge(file, lang);
    }
    return buffer.subarray(0, size);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: ${lang === 'en' ? 'cannot read the file' : 'file non leggibile'} (${ioCode(e)})`);
  } finally {
    await handle.close();
  }
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The JSON value of the input. Parser messages are never echoed: they quote the input (personal data). */
function parseJson(file: string, bytes: Uint8Array, lang: Lang): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // also drops a leading BOM
  } catch {
    throw new InputError(`${file}: ${lang === 'en' ? 'not UTF-8 text' : 'non è testo UTF-8'}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(`${file}: ${lang === 'en' ? 'JSON nested too deeply' : 'JSON annidato troppo in profondità'}`);
    const message = e instanceof Error ? e.message : '';
    const at = /position (\d+)/.exec(message)?.[1];
    const where =
      at !== undefined
        ? (({ line, column }) => (lang === 'en' ? ` (line ${line}, column ${column})` : ` (riga ${line}, colonna ${column})`))(lineColumn(text, Number(at)))
        : /end of JSON input/.test(message)
          ? lang === 'en' ? ' (the text ends too early)' : ' (il testo finisce troppo presto)'
          : '';
    throw new InputError(`${file}: ${lang === 'en' ? 'invalid JSON' : 'JSON non valido'}${where}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Household issues

/** A key name written by the user, shown only as much as needed (length cap, codici fiscali masked). */
function keyText(key: string): string {
  const short = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  const shown = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? short : JSON.stringify(short);
  return shown.replace(CF_LIKE, (cf) => maskFiscalCode(cf));
}

/** `['members', 0, 'birthDate']` → `members.0.birthDate` (the form of `Evaluation.missing`). */
function pathText(path: IssuePath, lang: Lang): string {
  if (path.length === 0) return lang === 'en' ? '(root)' : '(radice)';
  return path.map((p) => (typeof p === 'number' ? String(p) : keyText(p))).join('.');
}

const TYPE_NAMES: Record<string, LocalizedText> = {
  object: { it: 'un oggetto {…}', en: 'an object {…}' },
  array: { it: 'un elenco […]', en: 'a list […]' },
  string: { it: 'un testo', en: 'a text' },
  number: { it: 'un numero', en: 'a number' },
  int: { it: 'un numero intero', en: 'an integer' },
  boolean: { it: 'true o false', en: 'true or false' },
};

interface HouseholdProblem {
  readonly path: string;
  readonly message: string;
}

/** The schema's issues as `path: message` lines (unknown keys one by one). */
function checkHousehold(value: unknown, lang: Lang): { readonly ok: true; readonly household: Household } | { readonly ok: false; readonly problems: HouseholdProblem[] } {
  const parsed = householdSchema.safeParse(value);
  if (parsed.success) return { ok: true, household: parsed.data };
  const out: HouseholdProblem[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: pathText([...path, key], lang), message: lang === 'en' ? 'unexpected field (see the household model)' : 'campo non previsto (vedi il modello del nucleo)' });
      }
      continue;
    }
    let message = t(lang, householdIssueText(issue));
    if (issue.code === 'invalid_type') {
      const expected = TYPE_NAMES[issue.expected];
      if (expected !== undefined) message += lang === 'en' ? ` (expected ${expected.en})` : ` (atteso ${expected.it})`;
    }
    out.push({ path: pathText(path, lang), message });
  }
  return { ok: false, problems: out };
}

function printProblems(file: string, problems: readonly HouseholdProblem[], io: CliIo, lang: Lang): void {
  io.err(
    lang === 'en'
      ? `${file}: invalid household (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'})`
      : `${file}: nucleo familiare non valido (${problems.length} ${problems.length === 1 ? 'problema' : 'problemi'})`,
  );
  for (const p of problems.slice(0, MAX_ISSUES_SHOWN)) io.err(`  ${p.path}: ${p.message}`);
  if (problems.length > MAX_ISSUES_SHOWN) {
    const more = problems.length - MAX_ISSUES_SHOWN;
    io.err(lang === 'en' ? `  … and ${more} more` : `  … e altri ${more}`);
  }
}

function printIssues(file: string, issues: readonly Issue[], io: CliIo, lang: Lang): void {
  printProblems(
    file,
    issues.map((i) => ({ path: pathText(i.path[0] === 'household' ? i.path.slice(1) : i.path, lang), message: lang === 'en' ? i.messageEn : i.message })),
    io,
    lang,
  );
}

/** Reads, parses and checks the household file (exit 2 on any problem, reported on stderr). */
async function loadHousehold(file: string, io: CliIo, lang: Lang): Promise<Household | null> {
  const value = parseJson(file, await readInput(file, io, lang), lang);
  const result = checkHousehold(value, lang);
  if (!result.ok) {
    printProblems(file, result.problems, io, lang);
    return null;
  }
  return result.household;
}

/** A member born after `date` makes every calculation meaningless (the check and message of `evaluate`). */
function unbornIssue(household: Household, date: IsoDate): Issue | null {
  const i = (household.members ?? []).findIndex((m) => m.birthDate !== undefined && compareIsoDate(m.birthDate, date) > 0);
  if (i < 0) return null;
  return createIssue(
    'rei.evaluate.member_not_born',
    { it: `Il componente ${i + 1} nasce dopo la data della valutazione`, en: `Member ${i + 1} is born after the evaluation date` },
    { path: ['members', i, 'birthDate'] },
  );
}

// ---------------------------------------------------------------------------------------------
// Options

function oneFile(p: Parsed): string {
  if (p.positional.length !== 1) throw usage(`${p.command ?? ''} vuole un file NUCLEO.json (o "-")`, `${p.command ?? ''} takes one HOUSEHOLD.json file (or "-")`);
  return p.positional[0] as string;
}

function requiredDate(p: Parsed): IsoDate {
  const date = p.values.date;
  if (date === undefined) {
    throw usage('manca --date AAAA-MM-GG: la data è obbligatoria (nessun "oggi" implicito)', 'missing --date YYYY-MM-DD: the date is required (no implicit "today")');
  }
  if (!isIsoDate(date)) throw usage('--date: data non valida, atteso AAAA-MM-GG', '--date: invalid date, expected YYYY-MM-DD');
  return date;
}

// ---------------------------------------------------------------------------------------------
// Rendering

const STATUS_TEXT: Record<EvaluationStatus, LocalizedText> = {
  eligible: { it: 'AMMESSO', en: 'ELIGIBLE' },
  ineligible: { it: 'NON AMMESSO', en: 'NOT ELIGIBLE' },
  'needs-info': { it: 'SERVONO DATI', en: 'MORE INFORMATION NEEDED' },
};

const MARK: Record<RequirementOutcome, string> = { pass: '✓', fail: '✗', unknown: '?' };

const VERIFICATION_TEXT: Record<ParameterStatus, LocalizedText> = {
  'confirmed-primary': { it: 'testo di legge', en: 'law text' },
  'confirmed-quoted': { it: 'testo di legge citato da terzi', en: 'law text quoted by a third party' },
  secondary: { it: 'solo fonti secondarie', en: 'secondary sources only' },
  unverified: { it: 'NON VERIFICATO', en: 'UNVERIFIED' },
};

function refText(ref: LegalRef): string {
  return `${ref.act}, ${ref.article}`;
}

/** `— act, article` plus the verification status when it is not the law text itself. */
function sourceText(ref: LegalRef, status: ParameterStatus, lang: Lang): string {
  const verification = status === 'confirmed-primary' ? '' : ` [${lang === 'en' ? 'verification' : 'verifica'}: ${t(lang, VERIFICATION_TEXT[status])}]`;
  return ` — ${refText(ref)}${verification}`;
}

const money = (cents: number, lang: Lang): string => formatCents(cents, lang);

/** Integer hundredths as a signed decimal: `15` → `+0,15`, `-10` → `-0,10`. */
function hundredthsText(h: number, lang: Lang, signed: boolean): string {
  const a = Math.abs(h);
  const sign = h < 0 ? '-' : signed && h > 0 ? '+' : '';
  return `${sign}${Math.trunc(a / 100)}${lang === 'en' ? '.' : ','}${String(a % 100).padStart(2, '0')}`;
}

function scaleLines(scale: ScaleResult, lang: Lang, indent: string): string[] {
  const amounts = scale.components.map((c) => hundredthsText(c.hundredths, lang, true));
  const width = Math.max(0, ...amounts.map((a) => a.length));
  return scale.components.map((c, i) => {
    const member = c.member === undefined ? '' : lang === 'en' ? ` · member ${c.member + 1}` : ` · componente ${c.member + 1}`;
    return `${indent}${(amounts[i] as string).padStart(width)}  ${t(lang, c.reason)}${member}${sourceText(c.ref, c.status, lang)}`;
  });
}

function benefitLines(b: Benefit, lang: Lang): string[] {
  const en = lang === 'en';
  const lines: string[] = [en ? 'Benefit' : 'Importo'];
  if (b.scale !== null) {
    lines.push(`  ${en ? 'Equivalence scale' : 'Scala di equivalenza'}: ${hundredthsText(b.scale.hundredths, lang, false)}${b.scale.capped ? (en ? ' (at the maximum)' : ' (al massimo)') : ''}`);
    lines.push(...scaleLines(b.scale, lang, '    '));
  }
  if (b.components.length > 0) {
    lines.push(`  ${en ? 'Calculation' : 'Calcolo'}`);
    const amounts = b.components.map((c) => `${money(c.cents, lang)} ${c.per === 'year' ? (en ? 'per year' : "all'anno") : en ? 'per month' : 'al mese'}`);
    const width = Math.max(0, ...amounts.map((a) => a.length));
    b.components.forEach((c, i) => lines.push(`    ${(amounts[i] as string).padStart(width)}  ${t(lang, c.label)}${sourceText(c.ref, c.status, lang)}`));
  }
  lines.push(`  ${en ? 'Annual amount' : 'Importo annuo'}: ${money(b.annualCents, lang)}`);
  lines.push(`  ${en ? 'Monthly amount' : 'Importo mensile'}: ${money(b.monthlyCents, lang)}`);
  lines.push(
    `  ${en ? 'Payment' : 'Pagamento'}: ${
      b.payment === 'monthly' ? (en ? 'monthly' : 'mensile') : en ? 'one annual payment in advance' : "un'unica rata annua anticipata"
    }`,
  );
  const rounding = b.rounding.status === 'confirmed-primary' ? '' : ` [${en ? 'verification' : 'verifica'}: ${t(lang, VERIFICATION_TEXT[b.rounding.status])}]`;
  lines.push(`  ${en ? 'Rounding' : 'Arrotondamento'}: ${t(lang, b.rounding.rule)}${rounding}`);
  const d = b.duration;
  const firstDay = d.firstMonth === undefined ? undefined : `${d.firstMonth}-01`;
  const first = firstDay === undefined || !isIsoDate(firstDay) ? '' : `, ${formatDate(firstDay, { lang, preposition: 'from' })}`;
  lines.push(`  ${en ? 'Duration' : 'Durata'}: ${d.months} ${en ? 'payable months' : 'mensilità pagabili'}${first}. ${t(lang, d.note)}${sourceText(d.ref, d.status, lang)}`);
  if (d.firstRenewalMonthCents !== undefined) {
    lines.push(`  ${en ? 'First month of a renewal' : 'Prima mensilità del rinnovo'}: ${money(d.firstRenewalMonthCents, lang)}`);
  }
  return lines;
}

function requirementLines(requirements: readonly Requirement[], lang: Lang): string[] {
  const width = Math.max(0, ...requirements.map((r) => r.id.length));
  return requirements.map((r) => `  ${MARK[r.outcome]} ${r.id.padEnd(width)}  ${t(lang, r.message)}${sourceText(r.ref, r.status, lang)}`);
}

function evaluationLines(e: Evaluation, lang: Lang): string[] {
  const en = lang === 'en';
  const lines = [
    `${en ? 'Measure' : 'Misura'}: ${t(lang, MEASURES[e.measure].description)}`,
    `${en ? 'Date' : 'Data'}: ${formatDate(e.date, { lang })}`,
    `${en ? 'Outcome' : 'Esito'}: ${t(lang, STATUS_TEXT[e.status])}`,
    '',
    en ? 'Requirements (✓ met, ✗ not met, ? fact missing)' : 'Requisiti (✓ soddisfatto, ✗ non soddisfatto, ? dato mancante)',
    ...requirementLines(e.requirements, lang),
    '',
  ];
  if (e.missing.length === 0) lines.push(en ? 'Missing facts: none' : 'Dati mancanti: nessuno');
  else {
    lines.push(en ? `Missing facts (${e.missing.length})` : `Dati mancanti (${e.missing.length})`);
    for (const m of e.missing) lines.push(`  - ${m}`);
  }
  if (e.warnings.length > 0) {
    lines.push('', en ? `Warnings (${e.warnings.length})` : `Avvisi (${e.warnings.length})`);
    for (const w of e.warnings) lines.push(`  ! ${en ? w.message.en : w.message.it} [${w.code}]`);
  }
  lines.push('');
  if (e.benefit !== null) lines.push(...benefitLines(e.benefit, lang));
  else if (e.status === 'needs-info') lines.push(en ? 'Benefit: not computable until the missing facts are given' : 'Importo: non calcolabile finché mancano dati');
  else lines.push(en ? 'Benefit: none (requirements not met)' : 'Importo: nessuno (requisiti non soddisfatti)');
  return lines;
}

const DISCLAIMER: LocalizedText = {
  it: "Valutazione indicativa: la decisione spetta all'INPS.",
  en: 'Indicative assessment: INPS makes the decision.',
};

// ---------------------------------------------------------------------------------------------
// Commands

function measureOf(p: Parsed): MeasureId {
  const raw = p.values.measure;
  if (raw === undefined) throw usage('manca --measure (o --all)', 'missing --measure (or --all)');
  const id = raw.toLowerCase() as MeasureId;
  if (!MEASURE_IDS.includes(id)) throw usage(`--measure: misura sconosciuta, una tra ${MEASURE_IDS.join('|')}`, `--measure: unknown measure, one of ${MEASURE_IDS.join('|')}`);
  return id;
}

async function evaluateCommand(p: Parsed, io: CliIo, lang: Lang): Promise<number> {
  const file = oneFile(p);
  const date = requiredDate(p);
  const all = p.values.all === true;
  if (all && p.values.measure !== undefined) throw usage('--all e --measure insieme: indicane uno solo', '--all and --measure together: give only one');
  const measure = all ? undefined : measureOf(p);
  const household = await loadHousehold(file, io, lang);
  if (household === null) return 2;
  // evaluate() checks this itself; evaluateAll() skips it on a date with no measure in force.
  const unborn = unbornIssue(household, date);
  if (unborn !== null) {
    printIssues(file, [unborn], io, lang);
    return 2;
  }
  let evaluations: readonly Evaluation[];
  if (measure === undefined) {
    const r = evaluateAll(household, date);
    if (!r.ok) {
      printIssues(file, r.issues, io, lang);
      return 2;
    }
    evaluations = r.value;
  } else {
    const r = evaluate({ measure, date, household });
    if (!r.ok) {
      printIssues(file, r.issues, io, lang);
      return 2;
    }
    evaluations = [r.value];
  }
  if (p.values.json === true) {
    io.out(JSON.stringify(measure === undefined ? evaluations : evaluations[0], null, 2));
    return 0;
  }
  const lines: string[] = [];
  if (measure === undefined) {
    const on = formatDate(date, { lang, preposition: 'on' }); // "il 1° marzo 2025", "l'8 marzo 2025", "on 1 March 2025"
    lines.push(
      evaluations.length === 0
        ? lang === 'en' ? `No measure in force ${on}` : `Nessuna misura in vigore ${on}`
        : lang === 'en'
          ? `Measures in force ${on}: ${evaluations.map((e) => e.measure.toUpperCase()).join(', ')}`
          : `Misure in vigore ${on}: ${evaluations.map((e) => e.measure.toUpperCase()).join(', ')}`,
    );
  }
  evaluations.forEach((e, i) => {
    if (measure === undefined) lines.push('', `${'═'.repeat(3)} ${i + 1}/${evaluations.length} ${'═'.repeat(3)}`);
    lines.push(...evaluationLines(e, lang));
  });
  lines.push('', t(lang, DISCLAIMER));
  io.out(lines.join('\n'));
  return 0;
}

/** One scale in the JSON output of `scale`. */
type ScaleOutcome =
  | { readonly scale: ScaleId; readonly ok: true; readonly value: ScaleResult }
  | { readonly scale: ScaleId; readonly ok: false; readonly issues: readonly Issue[]; readonly missing?: readonly string[] };

const SCALE_NAMES: Record<ScaleId, LocalizedText> = {
  isee: { it: 'Scala ISEE (DPCM 159/2013)', en: 'ISEE scale (DPCM 159/2013)' },
  rei: { it: 'Scala REI (D.Lgs. 147/2017)', en: 'REI scale (D.Lgs. 147/2017)' },
  rdc: { it: 'Scala RdC/PdC (D.L. 4/2019)', en: 'RdC/PdC scale (D.L. 4/2019)' },
  adi: { it: 'Scala ADI (D.L. 48/2023)', en: 'ADI scale (D.L. 48/2023)' },
};

function computeScale(id: ScaleId, household: Household, date: IsoDate): ScaleOutcome {
  const sh = toScaleHousehold(household);
  const r = id === 'isee' ? iseeScale(sh, date) : id === 'rei' ? reiScale(sh, date) : id === 'rdc' ? rdcScale(sh, date) : adiScale(sh, date);
  if (!r.ok) return { scale: id, ok: false, issues: r.issues };
  if (id !== 'adi') return { scale: id, ok: true, value: r.value };
  // ADI: the scale evaluate uses (care duties derived from the composition when no adult declares them,
  // as INPS assigns the 0,40 ex officio), so the two commands never disagree.
  const a = householdAdiScale(household, date);
  if (a.ok) return { scale: id, ok: true, value: a.value };
  // `params.fact`: the path as `Evaluation.missing` writes it (`members[<id>].…` for a member with an id).
  const missing = a.issues.filter((i) => i.code === 'rei.adi_scale.missing_fact').map((i) => (typeof i.params['fact'] === 'string' ? i.params['fact'] : i.path.join('.')));
  if (missing.length === 0) return { scale: id, ok: false, issues: a.issues };
  return {
    scale: id,
    ok: false,
    issues: [createIssue('rei.cli.scale_not_computable', { it: 'Scala di equivalenza ADI non calcolabile: età, disabilità o programmi di cura non noti', en: 'ADI equivalence scale cannot be computed: ages, disabilities or care programmes unknown' })],
    missing,
  };
}

/** ` (in vigore dal 1° aprile 2019 al 31 dicembre 2023)` for a parameter out of its period (the params stay ISO). */
function periodText(issue: Issue, lang: Lang): string {
  const { from, to } = issue.params;
  if (issue.code !== 'rei.parameter.out_of_period' || typeof from !== 'string' || !isIsoDate(from)) return '';
  const until = typeof to === 'string' && isIsoDate(to) ? ` ${formatDate(to, { lang, preposition: 'to' })}` : '';
  return `${lang === 'en' ? ' (in force ' : ' (in vigore '}${formatDate(from, { lang, preposition: 'from' })}${until})`;
}

async function scaleCommand(p: Parsed, io: CliIo, lang: Lang): Promise<number> {
  const file = oneFile(p);
  const date = requiredDate(p);
  const which = (p.values.scale ?? 'all').toLowerCase();
  if (which !== 'all' && !(SCALE_IDS as readonly string[]).includes(which)) throw usage(`--scale ${SCALE_IDS.join('|')}|all`, `--scale ${SCALE_IDS.join('|')}|all`);
  const household = await loadHousehold(file, io, lang);
  if (household === null) return 2;
  const unborn = unbornIssue(household, date);
  if (unborn !== null) {
    printIssues(file, [unborn], io, lang);
    return 2;
  }
  const ids: readonly ScaleId[] = which === 'all' ? SCALE_IDS : [which as ScaleId];
  const outcomes = ids.map((id) => computeScale(id, household, date));
  if (p.values.json === true) {
    io.out(JSON.stringify({ date, scales: outcomes }, null, 2));
    return 0;
  }
  const en = lang === 'en';
  const lines = [en ? `Equivalence scales ${formatDate(date, { lang, preposition: 'on' })}` : `Scale di equivalenza ${formatDate(date, { lang, preposition: 'to' })}`];
  for (const o of outcomes) {
    lines.push('');
    const name = t(lang, SCALE_NAMES[o.scale]);
    if (o.ok) {
      lines.push(`${name}: ${hundredthsText(o.value.hundredths, lang, false)}${o.value.capped ? (en ? ' (at the maximum)' : ' (al massimo)') : ''}`);
      lines.push(...scaleLines(o.value, lang, '  '));
    } else {
      lines.push(`${name}: ${o.issues.map((i) => `${en ? i.messageEn : i.message}${periodText(i, lang)}`).join('; ')}`);
      if (o.missing !== undefined) lines.push(`  ${en ? 'Missing facts' : 'Dati mancanti'}: ${o.missing.join(', ')}`);
    }
  }
  io.out(lines.join('\n'));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * Runs the CLI with arguments (without `node` and the script) and returns the exit code: 0 the
 * command ran (whatever the outcome of the evaluation), 2 usage error or unusable input.
 *
 * @example
 * ```ts
 * import { runCli } from './cli.js';
 * const code = await runCli(['evaluate', 'nucleo.json', '--measure', 'adi', '--date', '2025-03-01'], {
 *   out: (t) => console.log(t),
 *   err: (t) => console.error(t),
 * }); // 0, the explained table printed
 * ```
 * @internal
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let lang: Lang = langOfArgv(argv);
  try {
    const p = parseCommandLine(argv, OPTIONS);
    const common = handleCommonOptions(p, io.out, { version: VERSION, help: HELP });
    lang = common.lang;
    if (common.exitCode !== null || p.command === undefined) return common.exitCode ?? 2;
    const allowed = COMMAND_FLAGS[p.command];
    if (allowed === undefined) throw usage(`comando sconosciuto: ${p.command.slice(0, 40)} (comandi: evaluate, scale)`, `unknown command: ${p.command.slice(0, 40)} (commands: evaluate, scale)`);
    for (const f of p.given) {
      if (f !== '--lang' && !allowed.includes(f)) throw usage(`${f}: non valida per ${p.command}`, `${f}: not valid for ${p.command}`);
    }
    return p.command === 'evaluate' ? await evaluateCommand(p, io, lang) : await scaleCommand(p, io, lang);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`eligibility: ${usageText(e, lang)}`);
      io.err(t(lang, HELP_HINT));
      return 2;
    }
    if (e instanceof InputError) {
      io.err(e.message);
      return 2;
    }
    io.err(`errore imprevisto / unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/**
 * Entry point of the `eligibility` binary: runs {@link runCli} on `process.argv` and sets `process.exitCode`.
 *
 * @example
 * ```js
 * // bin/eligibility.cjs
 * require('../dist/cli.cjs').main();
 * ```
 * @internal
 */
export async function main(): Promise<void> {
  // A reader that closes early (`| head -1`): stop quietly, keeping the exit code set so far.
  exitQuietlyOnEpipe(process.stdout, () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0));
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stdin: () => process.stdin,
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
