// SPDX-License-Identifier: BSD-3-Clause
/**
 * {@link buildCitizenView}: a person's social-care record as they (or their representative) may see
 * it — in the area personale (`portal`) or in the answer to a GDPR art. 15 request
 * (`access-request`) — with every record accounted for: in the timeline, withheld (counted, with
 * its ground) or waiting for review. Pure: no clock (the day is `asOf`), no network, no database.
 * @module
 */
import { createIssue, fail, formatCents, formatDate, isIsoDate, ok, type IsoDate, type Issue, type LocalizedText, type Result } from '@riuso-sociale/core';
import { ENTITY_SCHEMAS, sensitivitiesOf, SENSITIVITIES, type EntityKind, type Persona, type Sensitivity } from '@riuso-sociale/csi-model';
import { buildArt15 } from './art15.js';
import { CANALE, CONSENSO_TIPO, DOCUMENTO_TIPOLOGIA, KIND_LABELS, labelOf, MEMBRO_RETE, MODALITA, NUCLEO_TIPO, PROGETTO_TIPO, RELAZIONE, STATUS_LABELS, VALUTAZIONE_TIPO } from './labels.js';
import {
  PURPOSES,
  type CitizenRecord,
  type CitizenView,
  type CitizenViewOptions,
  type Detail,
  type ItemClass,
  type Policy,
  type PolicyAction,
  type Purpose,
  type RecordKind,
  type ReviewDecision,
  type ReviewItem,
  type ReviewReason,
  type StatusCode,
  type TimelineItem,
  type TimelineKind,
  type WithheldEntry,
} from './model.js';
import { DEFAULT_POLICY, isPolicy } from './policy.js';
import { checkRequester, checkSubject, type RequesterIssueCode } from './requester.js';

/** Issue codes of {@link buildCitizenView}. */
export type CitizenViewIssueCode =
  | RequesterIssueCode
  | 'fascicolo.options_invalid'
  | 'fascicolo.record_invalid'
  | 'fascicolo.record_too_large';

/**
 * Most records a view reads (all kinds together). A person followed for decades has a few thousand;
 * beyond this bound the input is refused with a typed error rather than read without limit.
 */
export const MAX_RECORDS = 50_000;

/** The record kinds a view reads, in the order they are read. */
export const RECORD_KINDS: readonly RecordKind[] = [
  'cartella',
  'accesso',
  'presa-in-carico',
  'valutazione',
  'progetto',
  'obiettivo',
  'intervento',
  'erogazione',
  'documento',
  'appuntamento',
  'diario',
  'provvedimento',
  'consenso',
  'rete-sociale',
  'nucleo-familiare',
  'servizio',
];

type AnyRecord = Record<string, unknown> & { readonly id: string; readonly status?: string; readonly ente: { readonly belfiore: string } };

/** A part of a record the policy decides on apart (a free text, a referrer's identity). */
interface Part {
  readonly field: string;
  readonly cls: Extract<ItemClass, 'testo-libero' | 'segnalante'>;
  readonly detail: Detail;
}

/** A record (or an outcome of a request) before the policy: what it would show. */
interface Candidate {
  readonly ref: string;
  readonly kind: TimelineKind;
  /** The csi-model kind whose fields it shows. */
  readonly model: EntityKind;
  readonly cls: ItemClass;
  readonly date: IsoDate;
  readonly controller: string;
  /** `true` for the outcome of a request: it is part of the request's record, not a record of its own. */
  readonly derived: boolean;
  readonly status?: StatusCode | undefined;
  /** The item with the details of `show`; `summary` keeps only date, kind, title and office. */
  readonly item: Omit<TimelineItem, 'ref' | 'kind' | 'date' | 'controller' | 'categories' | 'summary' | 'status'>;
  /** csi-model fields the `summary` form shows, and the `show` form adds. */
  readonly summaryFields: readonly string[];
  readonly showFields: readonly string[];
  readonly parts: readonly Part[];
}

const t = (it: string, en: string): LocalizedText => ({ it, en });
const d = (label: LocalizedText, value: LocalizedText): Detail => ({ label, value });
const same = (s: string): LocalizedText => ({ it: s, en: s });
/** A date in words in both languages ("3 marzo 2025", "3 March 2025"). */
const day = (x: unknown): LocalizedText => (isIsoDate(x) ? { it: formatDate(x, { lang: 'it' }), en: formatDate(x, { lang: 'en' }) } : same(String(x)));

/**
 * The citizen view of a person's record.
 *
 * Checks, in order (the first that fails decides, as a typed error in both languages that names no
 * personal data): the options (a real `asOf` date, a known purpose, a well-formed policy); the subject
 * (the record's person, not entered in error, merged or deceased); the requester's title on `asOf`
 * (see {@link Requester}); every record against its csi-model schema (a malformed record refuses the
 * whole view: nothing is shown from a record that cannot be read). Records about another person are
 * ignored and counted in a notice.
 *
 * Then each record is placed by the policy ({@link DEFAULT_POLICY} unless given): `show` or
 * `summary` in the timeline, `review` in `needsReview`, `withhold` counted in `withheld` with its
 * ground. An item holding a category of data the policy does not allow for the purpose is withheld
 * (portal) or sent to review (access request). Parts of a shown record — free texts, a referrer's
 * identity — are decided apart. Review decisions already taken (`decisions`) release, withhold or
 * delay items. `coverage` proves that every record is in exactly one place.
 *
 * @example
 * ```ts
 * import { buildCitizenView, type CitizenRecord } from '@riuso-sociale/fascicolo';
 * declare const record: CitizenRecord; // the person and their records, from csi-store or your own store
 * const persona = record.persona;
 * const r = buildCitizenView(record, {
 *   subject: persona.id,
 *   requester: { kind: 'interessato', codiceFiscale: persona.codiceFiscale },
 *   purpose: 'portal',
 *   asOf: '2026-03-01',
 * });
 * if (r.ok) console.log(r.value.timeline.length, r.value.coverage);
 * ```
 */
export function buildCitizenView(record: CitizenRecord, options: CitizenViewOptions): Result<CitizenView, CitizenViewIssueCode> {
  const bad = (path: readonly (string | number)[], it: string, en: string): Result<never, CitizenViewIssueCode> =>
    fail([createIssue('fascicolo.options_invalid' as CitizenViewIssueCode, { it, en }, { path })]);
  if (options === null || typeof options !== 'object') return bad([], 'Opzioni mancanti', 'Missing options');
  if (!isIsoDate(options.asOf)) return bad(['asOf'], 'Data della vista non valida: attesa AAAA-MM-GG', 'Invalid date of the view: YYYY-MM-DD expected');
  if (!(PURPOSES as readonly unknown[]).includes(options.purpose)) return bad(['purpose'], "Scopo non valido: 'portal' o 'access-request'", "Invalid purpose: 'portal' or 'access-request'");
  if (options.locale !== undefined && options.locale !== 'it' && options.locale !== 'en') return bad(['locale'], "Lingua non valida: 'it' o 'en'", "Invalid language: 'it' or 'en'");
  const policy = options.policy ?? DEFAULT_POLICY;
  if (!isPolicy(policy)) return bad(['policy'], 'Politica non valida: costruirla con definePolicy', 'Invalid policy: build it with definePolicy');
  const decisions = checkDecisions(options.decisions);
  if (!decisions.ok) return decisions;
  if (record === null || typeof record !== 'object' || record.persona === null || typeof record.persona !== 'object') {
    return fail([createIssue('fascicolo.record_invalid', t('Cartella mancante: attesa { persona, … }', 'Missing record: { persona, … } expected'), { path: ['record'] })]);
  }
  const persona = ENTITY_SCHEMAS.persona.safeParse(record.persona);
  if (!persona.success) return invalidRecord('persona', 0);
  const subject = checkSubject(persona.data as Persona, options.subject);
  if (!subject.ok) return subject;
  const asOf = options.asOf as IsoDate;
  const purpose = options.purpose;
  // Every record, checked against its schema, bounded.
  // Earlier records merged into the subject: their records are the subject's history.
  const merged = readMerged(record.merged, persona.data.id);
  if (!merged.ok) return merged;
  const read = readRecords(record, new Set([persona.data.id, ...merged.value]));
  if (!read.ok) return read;
  const { records, foreign, duplicates } = read.value;
  const title = checkRequester(
    options.requester,
    { persona: persona.data as Persona, provvedimento: records.provvedimento as unknown as CitizenRecord['provvedimento'] & object },
    asOf,
    purpose,
    policy,
  );
  if (!title.ok) return title;
  const offices = new Map<string, string>();
  for (const s of records.servizio) offices.set(s.id, String(s.denominazione));

  const candidates = collect(records, offices);
  const placed = place(candidates, policy, purpose, asOf, decisions.value);
  const notices: Issue[] = [];
  if (foreign > 0) {
    notices.push(
      createIssue('fascicolo.foreign_records_ignored', t(`${foreign} record di altre persone ignorati`, `${foreign} records of other people ignored`), {
        severity: 'warning',
        params: { count: foreign },
      }),
    );
  }
  if (merged.value.length > 0) {
    notices.push(
      createIssue('fascicolo.history_merged', t(`Storia unita da ${merged.value.length} registrazioni precedenti della stessa persona`, `History merged from ${merged.value.length} earlier registrations of the same person`), {
        severity: 'warning',
        params: { count: merged.value.length },
      }),
    );
  }
  if (duplicates > 0) {
    notices.push(createIssue('fascicolo.duplicate_records_ignored', t(`${duplicates} record ripetuti letti una volta`, `${duplicates} repeated records read once`), { severity: 'warning', params: { count: duplicates } }));
  }
  const p = persona.data as Persona;
  const view: CitizenView = {
    format: 'riuso-sociale/citizen-view@1',
    purpose,
    asOf,
    locale: options.locale ?? 'it',
    subject: {
      personaId: p.id,
      name: `${p.nome} ${p.cognome}`,
      ...(p.codiceFiscale !== undefined ? { codiceFiscale: p.codiceFiscale } : {}),
      ...(p.identificativoAlternativo !== undefined ? { alternativeId: p.identificativoAlternativo.tipo } : {}),
      birthDate: p.dataNascita,
      minor: asOf < addYears(p.dataNascita, 18),
    },
    requester: title.value.requester,
    operatorPrintable: p.codiceFiscale === undefined,
    timeline: placed.timeline,
    art15: buildArt15(p, placed.timeline, records, placed.shownFields),
    withheld: placed.withheld,
    needsReview: placed.needsReview,
    wholeViewReview: title.value.parentalReview ? ['parental-responsibility'] : [],
    coverage: placed.coverage,
    notices,
  };
  return ok(view);
}

function addYears(date: IsoDate, years: number): IsoDate {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}` as IsoDate;
}

function invalidRecord(kind: string, index: number): Result<never, CitizenViewIssueCode> {
  return fail([
    createIssue(
      'fascicolo.record_invalid',
      t(`Record non valido (${kind} n. ${index + 1}): la vista non si costruisce su dati che non si possono leggere`, `Invalid record (${kind} no. ${index + 1}): the view is not built on data that cannot be read`),
      { path: ['record', kind, index] },
    ),
  ]);
}

type Records = { readonly [K in RecordKind]: readonly AnyRecord[] };

function readRecords(record: CitizenRecord, subject: ReadonlySet<string>): Result<{ readonly records: Records; readonly foreign: number; readonly duplicates: number }, CitizenViewIssueCode> {
  for (const key of Object.keys(record)) {
    if (key !== 'persona' && key !== 'merged' && !(RECORD_KINDS as readonly string[]).includes(key)) {
      return fail([createIssue('fascicolo.record_invalid', t('Tipo di record sconosciuto nella cartella', 'Unknown record kind in the bundle'), { path: ['record', key.slice(0, 40)] })]);
    }
  }
  let total = 0;
  let foreign = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  const out: Record<string, AnyRecord[]> = {};
  for (const kind of RECORD_KINDS) {
    const list = (record as unknown as Record<string, unknown>)[kind];
    out[kind] = [];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return fail([createIssue('fascicolo.record_invalid', t(`Attesa una lista di record (${kind})`, `A list of records expected (${kind})`), { path: ['record', kind] })]);
    total += list.length;
    if (total > MAX_RECORDS) {
      return fail([
        createIssue('fascicolo.record_too_large', t(`Cartella oltre ${MAX_RECORDS} record: dividerla per periodo`, `Record bundle over ${MAX_RECORDS} records: split it by period`), {
          path: ['record', kind],
          params: { max: MAX_RECORDS },
        }),
      ]);
    }
    const schema = (ENTITY_SCHEMAS as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } } | undefined>)[kind];
    for (let i = 0; i < list.length; i++) {
      let value: AnyRecord;
      if (schema === undefined) return invalidRecord(kind, i);
      const parsed = schema.safeParse(list[i]);
      if (!parsed.success) return invalidRecord(kind, i);
      value = parsed.data as AnyRecord;
      if (kind !== 'servizio' && !isAbout(kind, value, subject)) {
        foreign++;
        continue;
      }
      const key = `${kind}:${value.id}`;
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      out[kind]?.push(value);
    }
  }
  return ok({ records: out as unknown as Records, foreign, duplicates });
}

function isAbout(kind: RecordKind, r: AnyRecord, subject: ReadonlySet<string>): boolean {
  if (kind === 'nucleo-familiare') {
    const members = (r.componenti ?? []) as readonly { persona: string }[];
    return members.some((c) => subject.has(c.persona));
  }
  return typeof r.persona === 'string' && subject.has(r.persona);
}

/** The ids of the persons merged into the subject: each must be `unita` into it (else refused). */
function readMerged(list: unknown, subject: string): Result<readonly string[], CitizenViewIssueCode> {
  if (list === undefined) return ok([]);
  if (!Array.isArray(list) || list.length > 100) {
    return fail([createIssue('fascicolo.record_invalid', t('Persone unite: attesa una lista (al più 100)', 'Merged persons: a list expected (at most 100)'), { path: ['record', 'merged'] })]);
  }
  const ids: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = ENTITY_SCHEMAS.persona.safeParse(list[i]);
    if (!p.success) return invalidRecord('merged', i);
    // Only a record merged into this very subject joins its history (fail closed: another person's
    // record named "merged" would otherwise leak into the view).
    if (p.data.status !== 'unita' || p.data.unitaA !== subject) {
      return fail([createIssue('fascicolo.record_invalid', t(`La persona unita n. ${i + 1} non risulta unita a questa persona`, `Merged person no. ${i + 1} is not recorded as merged into this person`), { path: ['record', 'merged', i] })]);
    }
    ids.push(p.data.id);
  }
  return ok(ids);
}

function checkDecisions(input: unknown): Result<ReadonlyMap<string, ReviewDecision>, CitizenViewIssueCode> {
  const map = new Map<string, ReviewDecision>();
  if (input === undefined) return ok(map);
  const bad = (i: number): Result<never, CitizenViewIssueCode> =>
    fail([createIssue('fascicolo.options_invalid', t('Decisione di revisione non valida: { ref, decision, ground, until? }', 'Invalid review decision: { ref, decision, ground, until? }'), { path: ['decisions', i] })]);
  if (!Array.isArray(input)) return bad(0);
  for (let i = 0; i < input.length; i++) {
    const x = input[i] as Record<string, unknown> | null;
    if (x === null || typeof x !== 'object') return bad(i);
    if (typeof x.ref !== 'string' || x.ref.length === 0 || x.ref.length > 300) return bad(i);
    if (typeof x.ground !== 'string' || x.ground.trim() === '' || x.ground.length > 2000) return bad(i);
    if (x.decision === 'delay') {
      if (!isIsoDate(x.until)) return bad(i);
    } else if (x.decision !== 'release' && x.decision !== 'withhold') return bad(i);
    // A later decision on the same item supersedes an earlier one (the store passes them in order).
    map.set(x.ref, x as unknown as ReviewDecision);
  }
  return ok(map);
}

/**
 * The Designers Italia status of each lifecycle state, by record kind (csi-model `STATES`). A state
 * not listed (entered in error) has no status: the item says so in its correction note.
 */
export const STATUS_OF_STATE: { readonly [K in string]?: Readonly<Record<string, StatusCode>> } = {
  cartella: { aperta: 'attiva', chiusa: 'conclusa' },
  accesso: { registrato: 'in-attesa', 'in-valutazione': 'in-elaborazione', esitato: 'conclusa' },
  'presa-in-carico': { proposta: 'in-attesa', attiva: 'presa-in-carico', sospesa: 'in-sospeso', chiusa: 'conclusa', trasferita: 'conclusa', annullata: 'annullata' },
  valutazione: { bozza: 'in-elaborazione', completata: 'conclusa', validata: 'conclusa', superata: 'conclusa' },
  progetto: { bozza: 'in-elaborazione', proposto: 'da-completare', attivo: 'attiva', 'in-revisione': 'in-elaborazione', concluso: 'conclusa', interrotto: 'conclusa' },
  obiettivo: { proposto: 'in-attesa', attivo: 'attiva', raggiunto: 'conclusa', 'parzialmente-raggiunto': 'conclusa', 'non-raggiunto': 'conclusa', annullato: 'annullata' },
  intervento: {
    proposto: 'in-attesa',
    'in-lista-attesa': 'in-attesa',
    autorizzato: 'accolta',
    'in-erogazione': 'attiva',
    sospeso: 'in-sospeso',
    concluso: 'conclusa',
    revocato: 'conclusa',
    rifiutato: 'non-accolta',
  },
  erogazione: { registrata: 'in-elaborazione', validata: 'in-elaborazione', 'da-correggere': 'in-elaborazione', liquidata: 'pagato', esportata: 'pagato', acquisita: 'pagato', annullata: 'annullata' },
  appuntamento: { programmato: 'programmato', confermato: 'programmato', svolto: 'conclusa', 'non-presentato': 'conclusa', annullato: 'annullata' },
  provvedimento: { attivo: 'attiva', modificato: 'attiva', cessato: 'conclusa' },
  consenso: { proposto: 'da-completare', attivo: 'attiva', rifiutato: 'non-accolta', revocato: 'conclusa', scaduto: 'conclusa' },
};

function statusOf(kind: string, state: unknown): StatusCode | undefined {
  const table = STATUS_OF_STATE[kind];
  return table !== undefined && typeof state === 'string' && Object.hasOwn(table, state) ? table[state] : undefined;
}

// ------------------------------------------------------------------------------------------------
// Records → candidates.

function collect(r: Records, offices: ReadonlyMap<string, string>): Candidate[] {
  const out: Candidate[] = [];
  const office = (id: unknown): { office?: string } => (typeof id === 'string' && offices.has(id) ? { office: offices.get(id) as string } : {});
  const presaById = new Map<string, AnyRecord>();
  for (const p of r['presa-in-carico']) presaById.set(p.id, p);
  const base = (kind: TimelineKind, model: EntityKind, cls: ItemClass, x: AnyRecord, date: unknown) => ({
    ref: `${model}:${x.id}`,
    kind,
    model,
    cls: x.status === 'entered-in-error' ? ('entered-in-error' as const) : cls,
    date: date as IsoDate,
    controller: x.ente.belfiore,
    derived: false,
  });
  const error = (x: AnyRecord) =>
    x.status === 'entered-in-error' ? { correction: t('Registrazione inserita per errore: non vale, ma resta trattata ed è qui elencata.', 'Record entered in error: it does not count, but it is still processed and listed here.') } : {};

  for (const c of r.cartella) {
    const closed = c.chiusaIl as IsoDate | undefined;
    out.push({
      ...base('cartella', 'cartella', 'cartella', c, c.apertaIl),
      status: statusOf('cartella', c.status),
      item: {
        title: KIND_LABELS.cartella,
        text: closed === undefined ? t('La cartella sociale è aperta.', 'The social-care record is open.') : t(`La cartella sociale è stata chiusa il ${day(closed).it}.`, `The social-care record was closed on ${day(closed).en}.`),
        ...(closed !== undefined ? { period: { from: c.apertaIl as IsoDate, to: closed } } : { period: { from: c.apertaIl as IsoDate } }),
        details: [],
        ...error(c),
      },
      summaryFields: ['apertaIl', 'status'],
      showFields: ['apertaIl', 'chiusaIl', 'status'],
      parts: [],
    });
  }

  for (const a of r.accesso) {
    const protocollo = a.protocollo as { numero: string; data: IsoDate } | undefined;
    const termine = a.termineConclusione as IsoDate | undefined;
    const presa = typeof a.presaInCarico === 'string' ? presaById.get(a.presaInCarico) : undefined;
    const status = statusOf('accesso', a.status);
    const parts: Part[] = [
      { field: 'bisognoRiferito', cls: 'testo-libero', detail: d(t('Bisogno riferito', 'Stated need'), same(String(a.bisognoRiferito))) },
    ];
    if (typeof a.segnalante === 'string') parts.push({ field: 'segnalante', cls: 'segnalante', detail: d(t('Segnalante', 'Referrer'), same(a.segnalante)) });
    if (typeof a.inviatoA === 'string') parts.push({ field: 'inviatoA', cls: 'testo-libero', detail: d(t('Servizio a cui è stata inviata', 'Service referred to'), same(a.inviatoA)) });
    const fonte = a.fonte as { display?: LocalizedText; code: string } | undefined;
    const details: Detail[] = [d(t('Canale', 'Channel'), labelOf(CANALE, String(a.canale)))];
    // Art. 15(1)(g): the category of the source, never the referrer's identity.
    if (fonte !== undefined) details.push(d(t('Fonte della segnalazione (categoria)', 'Source of the referral (category)'), fonte.display ?? same(fonte.code)));
    out.push({
      ...base('accesso', 'accesso', 'accesso', a, a.data),
      status,
      item: {
        title: t('Richiesta ai servizi sociali', 'Request to the social services'),
        text: t(`Richiesta registrata ${labelOf(CANALE, String(a.canale)).it}.`, `Request recorded ${labelOf(CANALE, String(a.canale)).en}.`),
        ...(protocollo !== undefined ? { protocol: { number: protocollo.numero, date: protocollo.data } } : {}),
        ...(termine !== undefined ? { decisionDueBy: termine } : {}),
        ...(presa !== undefined ? { takenInChargeOn: presa.avviataIl as IsoDate } : {}),
        ...(typeof a.esitoIl === 'string' ? { decidedOn: a.esitoIl as IsoDate } : {}),
        ...office(a.ufficio),
        details,
        ...error(a),
      },
      summaryFields: ['data', 'status', 'protocollo', 'termineConclusione', 'ufficio', 'esitoIl'],
      showFields: ['data', 'status', 'protocollo', 'termineConclusione', 'ufficio', 'esitoIl', 'canale', ...(fonte !== undefined ? ['fonte'] : [])],
      parts,
    });
    if (a.status === 'esitato' && typeof a.esito === 'string' && typeof a.esitoIl === 'string') {
      const esito = a.esito;
      const [st, it, en]: [StatusCode, string, string] =
        esito === 'presa-in-carico'
          ? ['accolta', 'La richiesta è stata accolta: il servizio ti ha preso in carico.', 'The request was accepted: the service has taken you into care.']
          : esito === 'nessun-seguito'
            ? ['non-accolta', 'La richiesta si è chiusa senza un seguito.', 'The request was closed with no follow-up.']
            : esito === 'invio-altro-servizio'
              ? ['conclusa', 'La richiesta è stata inviata a un altro servizio.', 'The request was referred to another service.']
              : ['conclusa', 'La richiesta si è chiusa con le informazioni date.', 'The request was closed with the information given.'];
      out.push({
        ...base('esito', 'accesso', 'accesso', a, a.esitoIl),
        ref: `accesso:${a.id}#esito`,
        derived: true,
        status: st,
        item: {
          title: KIND_LABELS.esito,
          text: t(it, en),
          decidedOn: a.esitoIl as IsoDate,
          ...(protocollo !== undefined ? { protocol: { number: protocollo.numero, date: protocollo.data } } : {}),
          ...office(a.ufficio),
          details: [],
          ...error(a),
        },
        summaryFields: ['esito', 'esitoIl'],
        showFields: ['esito', 'esitoIl'],
        parts: [],
      });
    }
  }

  for (const p of r['presa-in-carico']) {
    const st = statusOf('presa-in-carico', p.status);
    const to = p.chiusaIl as IsoDate | undefined;
    out.push({
      ...base('presa-in-carico', 'presa-in-carico', 'presa-in-carico', p, p.avviataIl),
      status: st,
      item: {
        title: KIND_LABELS['presa-in-carico'],
        text:
          p.status === 'trasferita'
            ? t('La presa in carico è passata a un altro Ente.', 'Your care was transferred to another Ente.')
            : to !== undefined
              ? t('La presa in carico si è conclusa.', 'Your care has ended.')
              : t('Il servizio ti ha preso in carico.', 'The service has taken you into care.'),
        takenInChargeOn: p.avviataIl as IsoDate,
        period: to !== undefined ? { from: p.avviataIl as IsoDate, to } : { from: p.avviataIl as IsoDate },
        ...office(p.servizio),
        details: [],
        ...error(p),
      },
      summaryFields: ['avviataIl', 'status', 'servizio'],
      showFields: ['avviataIl', 'chiusaIl', 'status', 'servizio'],
      parts: [],
    });
  }

  for (const v of r.valutazione) {
    const tipo = labelOf(VALUTAZIONE_TIPO, String(v.tipo));
    const presa = typeof v.presaInCarico === 'string' ? presaById.get(v.presaInCarico) : undefined;
    const details: Detail[] = [d(t('Tipo', 'Kind'), tipo)];
    const strumento = v.strumento as { code: string; display?: LocalizedText } | undefined;
    if (strumento !== undefined) details.push(d(t('Strumento', 'Instrument'), strumento.display ?? same(strumento.code)));
    const fonte = v.fonte as { code: string; display?: LocalizedText } | undefined;
    if (fonte !== undefined) details.push(d(t('Fonte della valutazione', 'Source of the assessment'), fonte.display ?? same(fonte.code)));
    out.push({
      ...base('valutazione', 'valutazione', 'valutazione', v, v.data),
      status: statusOf('valutazione', v.status),
      item: {
        title: tipo,
        text: v.status === 'superata' ? t('Valutazione sostituita da una successiva.', 'Assessment replaced by a later one.') : t('Il servizio ha svolto una valutazione.', 'The service carried out an assessment.'),
        ...office(presa?.servizio),
        details,
        ...error(v),
      },
      summaryFields: ['data', 'status'],
      showFields: ['data', 'status', 'tipo', 'strumento', 'fonte', 'sina', 'sinba', 'dimensioni', 'punteggio'].filter((f) => f in v || f === 'data' || f === 'status'),
      parts: [],
    });
  }

  for (const p of r.progetto) {
    const tipo = labelOf(PROGETTO_TIPO, String(p.tipo));
    const st = statusOf('progetto', p.status);
    const presa = typeof p.presaInCarico === 'string' ? presaById.get(p.presaInCarico) : undefined;
    const details: Detail[] = [d(t('Tipo', 'Kind'), tipo)];
    if (typeof p.prossimaRevisione === 'string') details.push(d(t('Prossima verifica', 'Next review'), day(p.prossimaRevisione)));
    const parts: Part[] = [];
    if (typeof p.titolo === 'string') parts.push({ field: 'titolo', cls: 'testo-libero', detail: d(t('Titolo', 'Title'), same(p.titolo)) });
    const impegni = (p.impegni ?? []) as readonly { descrizione: string }[];
    impegni.forEach((x, i) => parts.push({ field: `impegni.${i}`, cls: 'testo-libero', detail: d(t('Impegno', 'Commitment'), same(x.descrizione)) }));
    out.push({
      ...base('progetto', 'progetto', 'progetto', p, p.dal),
      status: st,
      item: {
        title: tipo,
        text: p.status === 'proposto' ? t('Il progetto ti è stato proposto: va sottoscritto.', 'The plan was proposed to you: it needs your signature.') : t('Il progetto personalizzato con il servizio.', 'Your personal plan with the service.'),
        period: typeof p.al === 'string' ? { from: p.dal as IsoDate, to: p.al as IsoDate } : { from: p.dal as IsoDate },
        ...office(presa?.servizio),
        details,
        ...error(p),
      },
      summaryFields: ['dal', 'status', 'tipo'],
      showFields: ['dal', 'al', 'status', 'tipo', 'prossimaRevisione'],
      parts,
    });
  }

  for (const o of r.obiettivo) {
    const st = statusOf('obiettivo', o.status);
    const esito: Readonly<Record<string, LocalizedText>> = {
      raggiunto: t('Obiettivo raggiunto.', 'Goal achieved.'),
      'parzialmente-raggiunto': t('Obiettivo raggiunto in parte.', 'Goal partly achieved.'),
      'non-raggiunto': t('Obiettivo non raggiunto.', 'Goal not achieved.'),
    };
    out.push({
      ...base('obiettivo', 'obiettivo', 'progetto', o, o.dal),
      status: st,
      item: {
        title: KIND_LABELS.obiettivo,
        text: esito[String(o.status)] ?? t('Un obiettivo del tuo progetto.', 'A goal of your plan.'),
        period: typeof o.dataTarget === 'string' ? { from: o.dal as IsoDate, to: o.dataTarget as IsoDate } : { from: o.dal as IsoDate },
        ...(typeof o.esitoIl === 'string' ? { decidedOn: o.esitoIl as IsoDate } : {}),
        details: [],
        ...error(o),
      },
      summaryFields: ['dal', 'status'],
      showFields: ['dal', 'dataTarget', 'esitoIl', 'status'],
      parts: [
        { field: 'descrizione', cls: 'testo-libero', detail: d(t('Obiettivo', 'Goal'), same(String(o.descrizione))) },
        ...(typeof o.noteEsito === 'string' ? [{ field: 'noteEsito', cls: 'testo-libero' as const, detail: d(t("Note sull'esito", 'Notes on the outcome'), same(o.noteEsito)) }] : []),
      ],
    });
  }

  for (const i of r.intervento) {
    const st = statusOf('intervento', i.status);
    const presa = typeof i.presaInCarico === 'string' ? presaById.get(i.presaInCarico) : undefined;
    const details: Detail[] = [];
    const lista = i.listaAttesa as { dal: string; posizione?: number } | undefined;
    if (i.status === 'in-lista-attesa' && lista !== undefined) {
      details.push(d(t("In lista d'attesa dal", 'On the waiting list since'), day(lista.dal)));
      if (lista.posizione !== undefined) details.push(d(t('Posizione in lista', 'Position on the list'), same(String(lista.posizione))));
    }
    if (typeof i.enteGestore === 'string') details.push(d(t('Ente gestore', 'Provider'), same(i.enteGestore)));
    const atto = i.attoAutorizzativo as { numero: string; data: string } | undefined;
    if (atto !== undefined) details.push(d(t('Atto di autorizzazione', 'Authorising act'), t(`n. ${atto.numero} del ${day(atto.data).it}`, `no. ${atto.numero} of ${day(atto.data).en}`)));
    out.push({
      ...base('intervento', 'intervento', 'intervento', i, i.dal),
      status: st,
      item: {
        title: same(String(i.denominazione)),
        text:
          i.status === 'revocato'
            ? t("L'intervento è stato revocato.", 'The intervention was revoked.')
            : i.status === 'rifiutato'
              ? t("L'intervento non è stato concesso.", 'The intervention was not granted.')
              : t("Un intervento del servizio per te.", 'An intervention of the service for you.'),
        period: typeof i.al === 'string' ? { from: i.dal as IsoDate, to: i.al as IsoDate } : { from: i.dal as IsoDate },
        ...office(presa?.servizio),
        details,
        ...error(i),
      },
      summaryFields: ['dal', 'status', 'denominazione'],
      showFields: ['dal', 'al', 'status', 'denominazione', ...(lista !== undefined ? ['listaAttesa'] : []), ...(typeof i.enteGestore === 'string' ? ['enteGestore'] : []), ...(atto !== undefined ? ['attoAutorizzativo'] : [])],
      parts: [],
    });
  }

  const cancelledBy = new Map<string, string>();
  for (const e of r.erogazione) if (typeof e.annullaErogazione === 'string') cancelledBy.set(e.annullaErogazione, e.id);
  const interventoById = new Map<string, AnyRecord>();
  for (const i of r.intervento) interventoById.set(i.id, i);
  for (const e of r.erogazione) {
    const paid = statusOf('erogazione', e.status) === 'pagato';
    const st = statusOf('erogazione', e.status);
    const intervento = typeof e.intervento === 'string' ? interventoById.get(e.intervento) : undefined;
    const details: Detail[] = [];
    if (typeof e.quotaUtenteCents === 'number' && e.quotaUtenteCents > 0) details.push(d(t('Quota a tuo carico', 'Your share'), { it: formatCents(e.quotaUtenteCents, 'it'), en: formatCents(e.quotaUtenteCents, 'en') }));
    if (typeof e.oreErogate === 'number') details.push(d(t('Ore', 'Hours'), same(String(e.oreErogate))));
    const correction =
      e.status === 'annullata' || cancelledBy.has(e.id)
        ? { correction: t('Registrazione annullata e sostituita da una corretta (anche nella comunicazione a INPS).', 'Record cancelled and replaced by a corrected one (also in the report to INPS).') }
        : typeof e.annullaErogazione === 'string'
          ? { correction: t('Questa registrazione corregge una precedente (anche nella comunicazione a INPS).', 'This record corrects an earlier one (also in the report to INPS).') }
          : {};
    out.push({
      ...base('erogazione', 'erogazione', 'erogazione', e, typeof e.dataErogazione === 'string' ? e.dataErogazione : e.dal),
      status: st,
      item: {
        title: intervento !== undefined ? same(String(intervento.denominazione)) : KIND_LABELS.erogazione,
        text: paid ? t('Prestazione erogata.', 'Benefit delivered.') : t('Prestazione registrata, in corso di verifica.', 'Benefit recorded, being checked.'),
        period: typeof e.al === 'string' ? { from: e.dal as IsoDate, to: e.al as IsoDate } : { from: e.dal as IsoDate },
        amountCents: e.importoCents as number,
        details,
        ...correction,
        ...error(e),
      },
      summaryFields: ['dal', 'status', 'importoCents'],
      showFields: ['dal', 'al', 'dataErogazione', 'status', 'importoCents', ...(typeof e.quotaUtenteCents === 'number' ? ['quotaUtenteCents'] : []), ...(typeof e.oreErogate === 'number' ? ['oreErogate'] : [])],
      parts: [],
    });
  }

  for (const doc of r.documento) {
    const tipologia = String(doc.tipologia);
    const cls: ItemClass = tipologia === 'segnalazione-autorita-giudiziaria' ? 'segnalazione-autorita-giudiziaria' : tipologia === 'decreto-autorita-giudiziaria' ? 'provvedimento' : doc.riservato === true ? 'documento-riservato' : 'documento';
    const protocollo = doc.protocollo as { numero: string; data: IsoDate } | undefined;
    out.push({
      ...base('documento', 'documento', cls, doc, doc.dataDocumento),
      item: {
        title: labelOf(DOCUMENTO_TIPOLOGIA, tipologia),
        text: t('Un documento della tua cartella. Puoi chiederne copia al Comune.', 'A document in your record. You can ask the Comune for a copy.'),
        ...(protocollo !== undefined ? { protocol: { number: protocollo.numero, date: protocollo.data } } : {}),
        details: [d(t('Formato', 'Format'), same(String(doc.formato)))],
        ...(doc.status === 'scartato' ? { correction: t('Il documento è stato scartato secondo il piano di conservazione.', 'The document was disposed of under the retention plan.') } : {}),
        ...error(doc),
      },
      summaryFields: ['dataDocumento', 'tipologia', 'protocollo'],
      showFields: ['dataDocumento', 'tipologia', 'protocollo', 'formato', 'status'],
      parts: [{ field: 'oggetto', cls: 'testo-libero', detail: d(t('Oggetto', 'Subject'), same(String(doc.oggetto))) }],
    });
  }

  for (const a of r.appuntamento) {
    const on = romeDay(String(a.inizio));
    if (on === null) continue;
    const st = statusOf('appuntamento', a.status);
    const details: Detail[] = [d(t('Modalità', 'How'), labelOf(MODALITA, String(a.modalita))), d(t('Ora (Italia)', 'Time (Italy)'), same(romeTime(String(a.inizio))))];
    const parts: Part[] = [{ field: 'oggetto', cls: 'testo-libero', detail: d(t('Oggetto', 'Subject'), same(String(a.oggetto))) }];
    if (typeof a.luogo === 'string') parts.push({ field: 'luogo', cls: 'testo-libero', detail: d(t('Luogo', 'Place'), same(a.luogo)) });
    out.push({
      ...base('appuntamento', 'appuntamento', 'appuntamento', a, on),
      status: st,
      item: {
        title: KIND_LABELS.appuntamento,
        text: a.status === 'non-presentato' ? t("L'appuntamento non si è svolto: risulti assente.", 'The appointment did not take place: you are recorded as absent.') : t('Appuntamento con il servizio.', 'Appointment with the service.'),
        ...office(a.servizio),
        details,
        ...error(a),
      },
      summaryFields: ['inizio', 'status', 'servizio'],
      showFields: ['inizio', 'fine', 'status', 'servizio', 'modalita'],
      parts,
    });
  }

  for (const n of r.diario) {
    out.push({
      ...base('diario', 'diario', 'diario', n, n.data),
      item: {
        title: KIND_LABELS.diario,
        text: t('Annotazione professionale del servizio.', 'Professional note of the service.'),
        details: [],
        ...error(n),
      },
      summaryFields: ['data', 'tipo'],
      showFields: ['data', 'tipo', 'status'],
      parts: [{ field: 'testo', cls: 'testo-libero', detail: d(t('Testo', 'Text'), same(String(n.testo))) }],
    });
  }

  for (const p of r.provvedimento) {
    const autorita = p.autorita as { code: string; display?: LocalizedText };
    const tipo = p.tipo as { code: string; display?: LocalizedText };
    out.push({
      ...base('provvedimento', 'provvedimento', 'provvedimento', p, p.data),
      status: statusOf('provvedimento', p.status),
      item: {
        title: tipo.display ?? KIND_LABELS.provvedimento,
        text: t('Provvedimento dell’autorità giudiziaria che riguarda la tua situazione.', 'An order of the judicial authority about your situation.'),
        period: typeof p.al === 'string' ? { from: p.dal as IsoDate, to: p.al as IsoDate } : { from: p.dal as IsoDate },
        details: [d(t('Autorità', 'Authority'), autorita.display ?? same(autorita.code)), ...(typeof p.numero === 'string' ? [d(t('Numero', 'Number'), same(p.numero))] : [])],
        ...error(p),
      },
      summaryFields: ['data'],
      showFields: ['data', 'dal', 'al', 'status', 'autorita', 'tipo', ...(typeof p.numero === 'string' ? ['numero'] : [])],
      parts: ((p.prescrizioni ?? []) as readonly string[]).map((x, i) => ({ field: `prescrizioni.${i}`, cls: 'testo-libero' as const, detail: d(t('Prescrizione', 'Prescription'), same(x)) })),
    });
  }

  for (const c of r.consenso) {
    const st = statusOf('consenso', c.status);
    out.push({
      ...base('consenso', 'consenso', 'consenso', c, c.data),
      status: st,
      item: {
        title: labelOf(CONSENSO_TIPO, String(c.tipo)),
        text: c.status === 'revocato' ? t('Revocato.', 'Revoked.') : c.status === 'scaduto' ? t('Scaduto.', 'Expired.') : t('Registrato nella tua cartella.', 'Recorded in your file.'),
        ...(typeof c.scadenza === 'string' ? { period: { from: c.data as IsoDate, to: c.scadenza as IsoDate } } : {}),
        details: [],
        ...error(c),
      },
      summaryFields: ['data', 'tipo', 'status'],
      showFields: ['data', 'tipo', 'status', 'scadenza', 'revocatoIl'],
      parts: [{ field: 'finalita', cls: 'testo-libero', detail: d(t('Finalità', 'Purpose'), same(String(c.finalita))) }],
    });
  }

  for (const rete of r['rete-sociale']) {
    const membri = (rete.membri ?? []) as readonly { tipo: string }[];
    // Members by role, never by name (art. 15(4)): a count per role.
    const counts = new Map<string, number>();
    for (const m of membri) counts.set(m.tipo, (counts.get(m.tipo) ?? 0) + 1);
    const roles = [...counts].map(([tipo, n]) => ({ it: `${labelOf(MEMBRO_RETE, tipo).it}${n > 1 ? ` (${n})` : ''}`, en: `${labelOf(MEMBRO_RETE, tipo).en}${n > 1 ? ` (${n})` : ''}` }));
    out.push({
      ...base('rete-sociale', 'rete-sociale', 'rete-sociale', rete, rete.rilevataIl),
      item: {
        title: KIND_LABELS['rete-sociale'],
        text: t('Le persone che ti sostengono, per ruolo.', 'The people who support you, by role.'),
        details: [d(t('Ruoli', 'Roles'), { it: roles.map((x) => x.it).join(', ') || '—', en: roles.map((x) => x.en).join(', ') || '—' })],
      },
      summaryFields: ['rilevataIl'],
      showFields: ['rilevataIl', 'conclusaIl'],
      parts: [],
    });
  }

  for (const n of r['nucleo-familiare']) {
    const comp = (n.componenti ?? []) as readonly { persona: string; relazione: string }[];
    const rel = comp.map((c) => labelOf(RELAZIONE, c.relazione));
    const econ = n.datiEconomici as { iseeCents?: number; iseeTipo?: string } | undefined;
    const details: Detail[] = [d(t('Componenti (per relazione)', 'Members (by relation)'), { it: rel.map((x) => x.it).join(', '), en: rel.map((x) => x.en).join(', ') })];
    if (econ?.iseeCents !== undefined) details.push(d(t('Valore ISEE dichiarato', 'Declared ISEE value'), { it: formatCents(econ.iseeCents, 'it'), en: formatCents(econ.iseeCents, 'en') }));
    out.push({
      ...base('nucleo-familiare', 'nucleo-familiare', 'nucleo-familiare', n, n.validoDal),
      item: {
        title: labelOf(NUCLEO_TIPO, String(n.tipo)),
        text: t(`Nucleo di ${comp.length} persone.`, `Household of ${comp.length} people.`),
        period: typeof n.validoAl === 'string' ? { from: n.validoDal as IsoDate, to: n.validoAl as IsoDate } : { from: n.validoDal as IsoDate },
        details,
      },
      summaryFields: ['validoDal', 'tipo'],
      showFields: ['validoDal', 'validoAl', 'tipo', 'componenti', ...(econ?.iseeCents !== undefined ? ['datiEconomici'] : [])],
      parts: [],
    });
  }
  return out;
}

const ROME_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });
const ROME_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The calendar day in Italy of a UTC instant (`null` when not one). */
function romeDay(instant: string): IsoDate | null {
  const ms = Date.parse(instant);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(instant) || Number.isNaN(ms)) return null;
  const day = ROME_DAY.format(ms);
  return isIsoDate(day) ? day : null;
}

/** The time of day in Italy (`hh:mm`) of a UTC instant. */
function romeTime(instant: string): string {
  return ROME_TIME.format(Date.parse(instant));
}

// ------------------------------------------------------------------------------------------------
// Candidates → the view.

const GROUNDS: Readonly<Record<string, { readonly text: LocalizedText; readonly source: string }>> = {
  category: {
    text: t('Contiene categorie di dati che la politica non mostra per questo scopo.', 'Holds categories of data the policy does not show for this purpose.'),
    source: 'GDPR art. 9, 10; D.Lgs. 196/2003 art. 2-sexies, 2-octies',
  },
  delayed: {
    text: t('Risposta differita con comunicazione motivata.', 'Answer delayed with a reasoned communication.'),
    source: 'D.Lgs. 196/2003 art. 2-undecies c.3',
  },
  summary: {
    text: t('Parte di un elemento mostrato solo in sintesi: il contenuto si chiede al Comune.', 'Part of an item shown only in summary: its content is asked of the Comune.'),
    source: 'GDPR art. 15(1), 15(3)',
  },
  decided: {
    text: t('Trattenuto dopo la revisione, con il motivo registrato.', 'Withheld after review, with the recorded ground.'),
    source: 'GDPR art. 15(4); D.Lgs. 196/2003 art. 2-undecies',
  },
};

const REVIEW_REASON: { readonly [C in ItemClass]?: ReviewReason } = {
  diario: 'diary',
  provvedimento: 'judicial',
  'segnalazione-autorita-giudiziaria': 'judicial',
  'documento-riservato': 'confidential-document',
  segnalante: 'referrer-identity',
  'testo-libero': 'free-text',
  'entered-in-error': 'entered-in-error',
};

interface Placed {
  readonly timeline: TimelineItem[];
  readonly withheld: WithheldEntry[];
  readonly needsReview: ReviewItem[];
  readonly coverage: CitizenView['coverage'];
  /** The csi-model fields the timeline shows, by kind (for the art. 15 information). */
  readonly shownFields: ReadonlyMap<string, ReadonlySet<string>>;
}

function place(candidates: readonly Candidate[], policy: Policy, purpose: Purpose, asOf: IsoDate, decisions: ReadonlyMap<string, ReviewDecision>): Placed {
  const timeline: TimelineItem[] = [];
  const needsReview: ReviewItem[] = [];
  const withheldCounts = new Map<string, { cls: ItemClass; scope: 'record' | 'field'; count: number; ground: WithheldEntry['ground'] }>();
  const shownFields = new Map<string, Set<string>>();
  let records = 0;
  let shown = 0;
  let withheldN = 0;
  let reviewN = 0;
  const allowed = policy.categories[purpose];
  const withhold = (cls: ItemClass, scope: 'record' | 'field', groundCode: string): void => {
    const g =
      GROUNDS[groundCode] !== undefined
        ? { code: groundCode, text: (GROUNDS[groundCode] as { text: LocalizedText }).text, source: (GROUNDS[groundCode] as { source: string }).source }
        : { code: 'policy', text: policy.rules[cls].reason, source: policy.rules[cls].source };
    const key = `${cls}|${scope}|${g.code}`;
    const e = withheldCounts.get(key);
    if (e !== undefined) e.count++;
    else withheldCounts.set(key, { cls, scope, count: 1, ground: g });
  };
  /** The action for an item after the review decisions; a `delay` still running withholds. */
  const decide = (ref: string, action: PolicyAction): { action: PolicyAction; ground?: string } => {
    if (action !== 'review') return { action };
    const dcs = decisions.get(ref);
    if (dcs === undefined) return { action };
    if (dcs.decision === 'release') return { action: 'show' };
    if (dcs.decision === 'withhold') return { action: 'withhold', ground: 'decided' };
    return dcs.until >= asOf ? { action: 'withhold', ground: 'delayed' } : { action: 'review' };
  };
  const categoriesOf = (model: EntityKind, fields: readonly string[]): readonly Sensitivity[] => (fields.length === 0 ? ['ordinary'] : sensitivitiesOf(model, fields));
  const fits = (cats: readonly Sensitivity[]): boolean => cats.every((c) => allowed.includes(c));
  const reasonsFor = (cls: ItemClass, base: ItemClass): ReviewReason[] => {
    const out = new Set<ReviewReason>(['policy']);
    const r1 = REVIEW_REASON[cls];
    const r2 = REVIEW_REASON[base];
    if (r1 !== undefined) out.add(r1);
    if (r2 !== undefined) out.add(r2);
    return [...out];
  };
  for (const c of candidates) {
    if (!c.derived) records++;
    const baseCls = c.cls;
    let { action, ground } = decide(c.ref, policy.rules[c.cls][purpose]);
    let fields = action === 'summary' ? c.summaryFields : c.showFields;
    let cats = categoriesOf(c.model, fields);
    let categoryReview = false;
    // Details holding a category the purpose does not allow: the summary form, if it fits, and the
    // details counted as withheld (portal) or sent to review (access request) — never dropped silently.
    if (action === 'show' && !fits(cats) && decisions.get(c.ref)?.decision !== 'release') {
      const summaryCats = categoriesOf(c.model, c.summaryFields);
      if (fits(summaryCats)) {
        action = 'summary';
        fields = c.summaryFields;
        cats = summaryCats;
        if (purpose === 'portal') withhold(c.cls, 'field', 'category');
        else needsReview.push({ ref: `${c.ref}#details`, class: c.cls, scope: 'field', date: c.date, reasons: ['policy'] });
      }
    }
    if ((action === 'show' || action === 'summary') && !fits(cats)) {
      if (purpose === 'portal') {
        action = 'withhold';
        ground = 'category';
      } else if (decisions.get(c.ref)?.decision !== 'release') {
        action = 'review';
        categoryReview = true;
      }
    }
    if (action === 'withhold') {
      // The outcome of a request follows its request; counted with it.
      if (!c.derived) {
        withhold(c.cls, 'record', ground ?? 'policy');
        withheldN++;
      }
      continue;
    }
    if (action === 'review') {
      needsReview.push({ ref: c.ref, class: c.cls, scope: c.derived ? 'field' : 'record', date: c.date, reasons: categoryReview ? [...reasonsFor(c.cls, baseCls), ...(cats.includes('judicial') ? (['judicial'] as const) : [])].filter((x, i, a) => a.indexOf(x) === i) : reasonsFor(c.cls, baseCls) });
      if (!c.derived) reviewN++;
      continue;
    }
    if (!c.derived) shown++;
    const summary = action === 'summary';
    const details: Detail[] = summary ? [] : [...c.item.details];
    let itemCats = new Set<Sensitivity>(cats);
    const used = new Set(fields);
    {
      for (const part of c.parts) {
        const ref = `${c.ref}#${part.field}`;
        let pa = decide(ref, policy.rules[part.cls][purpose]);
        const field = part.field.split('.')[0] as string;
        const pc = sensitivitiesOf(c.model, [field]);
        if (pa.action === 'show' || pa.action === 'summary') {
          if (!pc.every((x) => allowed.includes(x)) && decisions.get(ref)?.decision !== 'release') pa = purpose === 'portal' ? { action: 'withhold', ground: 'category' } : { action: 'review' };
        }
        // In the summary form no part is shown: what the policy would show is counted as withheld.
        if (summary && (pa.action === 'show' || pa.action === 'summary')) withhold(part.cls, 'field', 'summary');
        else if (pa.action === 'show' || pa.action === 'summary') {
          details.push(part.detail);
          used.add(field);
          for (const x of pc) itemCats.add(x);
        } else if (pa.action === 'review') {
          needsReview.push({ ref, class: part.cls, scope: 'field', date: c.date, reasons: reasonsFor(part.cls, part.cls) });
        } else withhold(part.cls, 'field', pa.ground ?? 'policy');
      }
    }
    itemCats = new Set(SENSITIVITIES.filter((x) => itemCats.has(x)));
    const fieldsOf = shownFields.get(c.model) ?? new Set<string>();
    for (const f of used) fieldsOf.add(f);
    shownFields.set(c.model, fieldsOf);
    const item = c.item;
    timeline.push({
      ref: c.ref,
      kind: c.kind,
      date: c.date,
      title: item.title,
      text: summary ? t('Ne puoi chiedere il contenuto al Comune.', 'You can ask the Comune for its content.') : item.text,
      ...(c.status !== undefined ? { status: { code: c.status, label: STATUS_LABELS[c.status] } } : {}),
      ...(item.protocol !== undefined ? { protocol: item.protocol } : {}),
      ...(item.takenInChargeOn !== undefined ? { takenInChargeOn: item.takenInChargeOn } : {}),
      ...(item.decisionDueBy !== undefined ? { decisionDueBy: item.decisionDueBy } : {}),
      ...(item.decidedOn !== undefined ? { decidedOn: item.decidedOn } : {}),
      ...(item.office !== undefined ? { office: item.office } : {}),
      ...(!summary && item.period !== undefined ? { period: item.period } : {}),
      ...(!summary && item.amountCents !== undefined ? { amountCents: item.amountCents } : {}),
      details,
      ...(item.correction !== undefined ? { correction: item.correction } : {}),
      categories: [...itemCats],
      controller: c.controller,
      summary,
    });
  }
  timeline.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  needsReview.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  const withheld = [...withheldCounts.values()].map((e) => ({ class: e.cls, scope: e.scope, count: e.count, ground: e.ground }));
  withheld.sort((a, b) => (a.class < b.class ? -1 : a.class > b.class ? 1 : a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : a.ground.code < b.ground.code ? -1 : 1));
  return { timeline, withheld, needsReview, coverage: { records, shown, withheld: withheldN, review: reviewN }, shownFields };
}
