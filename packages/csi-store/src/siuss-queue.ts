// SPDX-License-Identifier: BSD-3-Clause
/**
 * The SIUSS export queue. `exportSiuss` selects the erogazioni not yet exported, builds the flows with
 * csi-model's `toSiussFlow` (one file, or in "cooperazione" one beneficiary and one prestazione per
 * flow, as INPS pulls them through WaaS), stores each flow (its `id_flusso`, XML, SHA-256) and marks the
 * erogazioni exported — all in the session's transaction, so running it twice exports nothing new.
 * With `kind: 'SINBA'` it selects instead the validated SINBA assessments of minors that no live SINBA
 * flow carries yet, and writes pseudonymous SINBA records (DM 206/2014 art. 5 c.4): `IDBeneficiario` is
 * `pseudonymizeFor('sinba', codice fiscale, pseudonymKey)`, the key given by the caller and never stored.
 * Each flow then gets its `ts_flusso` at commit (`allocateFlowStamps`): unique and strictly increasing
 * per Ente in commit order. `siussFlows` lists committed flows after a cursor; `recordEsito` records
 * what INPS answered (idempotent: a redelivered esito changes nothing).
 * @module
 */
import { createHash } from 'node:crypto';
import { fail, ok, todayInItaly, type IsoDate, type Issue } from '@riuso-sociale/core';
import {
  auditEvent,
  derivePurposeKey,
  PSEUDONYM_MIN_KEY_BYTES,
  markExported,
  pseudonymize,
  toSiussFlow,
  LIFECYCLES,
  type Cartella,
  type Erogazione,
  type FlussoSiuss,
  type Instant,
  type Intervento,
  type NucleoFamiliare,
  type Persona,
  type PresaInCarico,
  type PseudonymKey,
  type SiussBeneficiarioInput,
  type SiussEnteInput,
  type SinbaSchedaInput,
  type Valutazione,
} from '@riuso-sociale/csi-model';
import type { SqlQueryable } from './executor.js';
import { storeIssue } from './issues.js';
import type { Session, StoreResult } from './session.js';

/**
 * Options of {@link Session.exportSiuss}.
 *
 * @example
 * ```ts
 * import type { ExportSiussOptions } from '@riuso-sociale/csi-store';
 * const o: ExportSiussOptions = { kind: 'PS', upTo: '2025-06-30' as never, mode: 'cooperazione' };
 * ```
 */
export interface ExportSiussOptions {
  /**
   * Which flows: `PS` (PS-PSA-SINA: the erogazioni) or `SINBA` (the validated SINBA assessments of
   * minors, pseudonymous: needs `pseudonymKey`).
   */
  readonly kind: 'PS' | 'SINBA';
  /** `PS`: erogazioni that start on or before this date; `SINBA`: assessments dated on or before it. */
  readonly upTo: IsoDate;
  /**
   * `file`: flows of up to `maxPerFlow` records; `cooperazione`: one record per flow (`PS`: one
   * beneficiary and one prestazione; `SINBA`: one minor and one assessment).
   */
  readonly mode: 'file' | 'cooperazione';
  /**
   * `SINBA` only, and required there: the Ente's pseudonymisation key (at least 32 bytes,
   * `PSEUDONYM_MIN_KEY_BYTES` of csi-model). `IDBeneficiario` is `pseudonymizeFor('sinba', codice
   * fiscale, pseudonymKey)`: the same minor gets the same pseudonym in every flow made with the same
   * key. Keep it outside the database (GDPR art. 4(5)); the store never writes it anywhere.
   */
  readonly pseudonymKey?: PseudonymKey;
  /** The sending Ente as INPS knows it (default: the session's Belfiore code and the operator's codice fiscale). */
  readonly ente?: Partial<SiussEnteInput>;
  /** Largest number of records (erogazioni, SINBA assessments) in one flow in `file` mode (default 5 000). */
  readonly maxPerFlow?: number;
  /** When (default: the store's clock); the flows are named after its date in Italy. */
  readonly at?: Instant;
  /**
   * Told how far the export has gone, for a progress display (the `csi-store export-siuss` command
   * shows it on a terminal): `handled` records so far (exported or skipped), of `total` in the queue
   * when the export began (counted once, only when this option is given). Called after each batch of
   * records read and each flow stored; an exception it throws is ignored.
   */
  readonly onProgress?: ((progress: { readonly handled: number; readonly total: number }) => void) | undefined;
}

/**
 * What {@link Session.exportSiuss} did.
 *
 * @example
 * ```ts
 * import type { ExportSiussReport } from '@riuso-sociale/csi-store';
 * type N = ExportSiussReport['flows'][number]['idFlusso']; // string
 * ```
 */
export interface ExportSiussReport {
  /**
   * The flows created (their ts_flusso is given at commit): `erogazioni` carried (0 in SINBA flows) and
   * `valutazioni` carried (the SINA blocks of a PS flow; the records of a SINBA flow).
   */
  readonly flows: readonly { readonly id: string; readonly idFlusso: string; readonly erogazioni: number; readonly valutazioni: number; readonly hashPayload: string }[];
  /** Records exported: erogazioni (`PS`) or SINBA assessments (`SINBA`). */
  readonly exported: number;
  /** Records left out, with why (not exportable, access denied): they stay in the queue. */
  readonly skipped: readonly Issue[];
}

/**
 * A stored flow, as the WaaS endpoint serves it.
 *
 * @example
 * ```ts
 * import type { StoredFlow } from '@riuso-sociale/csi-store';
 * type T = StoredFlow['tsFlusso']; // number
 * ```
 */
export interface StoredFlow {
  /** Record id. */
  readonly id: string;
  /** The holder Ente. */
  readonly ente: string;
  /** `id_flusso` (`IdentificazioneFlusso@Nome`). */
  readonly idFlusso: string;
  /** `ts_flusso`: milliseconds since the epoch, unique and increasing per Ente in commit order. */
  readonly tsFlusso: number;
  /** Kind of flow. */
  readonly tipo: 'PS_PSA_SINA' | 'SINBA';
  /** `file` or `cooperazione`. */
  readonly modalita: 'file' | 'cooperazione';
  /** The XML. */
  readonly xml: string;
  /** SHA-256 of the XML. */
  readonly hashPayload: string;
  /** Lifecycle state (`generato`, `inviato`, `accettato`, `scartato`). */
  readonly status: string;
  /** The esito INPS returned, when it did. */
  readonly esito?: { readonly codice: string; readonly idAcquisizione?: string; readonly descrizione?: string };
}

/**
 * An esito from INPS (`POST /esiti`).
 *
 * @example
 * ```ts
 * import type { EsitoInput } from '@riuso-sociale/csi-store';
 * const e: EsitoInput = { idFlusso: 'A944.PS.20250603.0000001', codice: 'OK', idAcquisizione: '123' };
 * ```
 */
export interface EsitoInput {
  /** `id_flusso` (any text up to 4 096 characters; no flow has a name over 64: `unknown-flow`). */
  readonly idFlusso: string;
  /** `codice_esito`. */
  readonly codice: 'OK' | 'DATI_NON_TROVATI' | 'RICHIESTA_INVALIDA' | 'ERRORE_GENERICO';
  /** `id_acquisizione_siuss` (with `OK`; over 256 characters the esito is `invalid`). */
  readonly idAcquisizione?: string;
  /** `descrizione_esito` (why a flow was rejected), shown to operators (at most 2 000 characters are kept). */
  readonly descrizione?: string;
  /**
   * `ts_flusso` of the esito in milliseconds, when known: an esito whose `ts_flusso` differs from the
   * stored flow's is about another flow and changes nothing (`mismatch`).
   */
  readonly tsFlusso?: number;
  /** `tipo` of the esito, when known (`PS_PSA_SINA` or `SINBA`): another `tipo` is a `mismatch`. */
  readonly tipo?: string;
  /** When it arrived (default: the store's clock). */
  readonly at?: Instant;
}

/**
 * What {@link Session.recordEsito} did. Only `recorded` changed the records; the others are esiti
 * that can never be processed, audited as refused transitions and answered as delivered by the WaaS
 * endpoint (INPS retries anything but a 2xx):
 * - `recorded`: the flow is `accettato` (OK) or `scartato`, and its erogazioni `acquisita` or
 *   `da-correggere` (SINBA: the assessments of a rejected flow go back to the SINBA queue);
 * - `duplicate`: the same esito (code and acquisition id) was already recorded — a redelivery;
 * - `already-final`: the flow already has another final esito (or was entered in error);
 * - `unknown-flow`: no flow of the Ente has that `id_flusso`;
 * - `mismatch`: the flow exists but its `ts_flusso` or `tipo` is not the esito's;
 * - `invalid`: its `id_acquisizione_siuss` is over 256 characters (more than the record holds).
 *
 * @example
 * ```ts
 * import type { EsitoOutcome } from '@riuso-sociale/csi-store';
 * const o: EsitoOutcome = 'duplicate';
 * ```
 */
export type EsitoOutcome = 'recorded' | 'duplicate' | 'already-final' | 'unknown-flow' | 'mismatch' | 'invalid';

/**
 * One entry of the SIUSS correction queue ({@link Session.siussCorrections}): a record INPS rejected,
 * with its code and description, for the operator who corrects it.
 *
 * @example
 * ```ts
 * import type { SiussCorrection } from '@riuso-sociale/csi-store';
 * type K = SiussCorrection['kind']; // 'erogazione' | 'valutazione'
 * ```
 */
export interface SiussCorrection {
  /** `erogazione` (state `da-correggere`: correct it with the `correggi` transition, or cancel it) or `valutazione` (a SINBA assessment: it is in the SINBA queue again; supersede it with a corrected one, or the next export sends it as it is). */
  readonly kind: 'erogazione' | 'valutazione';
  /** The record's id. */
  readonly id: string;
  /** The record's version (for the `expectedVersion` of its correction). */
  readonly version: number;
  /** The person it is about. */
  readonly persona: string;
  /** `id_flusso` of the rejected flow. */
  readonly idFlusso: string;
  /** `codice_esito`. */
  readonly codice: 'DATI_NON_TROVATI' | 'RICHIESTA_INVALIDA' | 'ERRORE_GENERICO';
  /** `descrizione_esito`, when INPS gave one. */
  readonly descrizione?: string;
  /** When the rejection was recorded. */
  readonly at: string;
}

const ESPORTABILI = ['validata', 'liquidata'];
const BATCH = 2000;

/** @internal Gives the flows created in a transaction their ts_flusso, at commit, under the Ente's clock row. */
export async function allocateFlowStamps(tx: SqlQueryable, flows: readonly { readonly ente: string; readonly id: string }[], clock: () => Date): Promise<void> {
  if (flows.length === 0) return;
  for (const ente of [...new Set(flows.map((f) => f.ente))].sort()) {
    await tx.query('INSERT INTO siuss_clock (ente, last_ts) VALUES ($1, 0) ON CONFLICT (ente) DO NOTHING', [ente]);
    const r = await tx.query<{ last: string }>('SELECT last_ts::text AS last FROM siuss_clock WHERE ente = $1 FOR UPDATE', [ente]);
    let ts = Math.max(clock().getTime(), Number(r.rows[0]?.last ?? 0) + 1);
    const stamps = flows.filter((f) => f.ente === ente).map((f, i) => ({ id: f.id, ts: ts + i }));
    ts += stamps.length - 1;
    await tx.query(
      'UPDATE flusso_siuss f SET ts_flusso = x.ts FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, ts bigint) WHERE f.ente = $1 AND f.id = x.id',
      [ente, JSON.stringify(stamps)],
    );
    await tx.query('UPDATE siuss_clock SET last_ts = $2 WHERE ente = $1', [ente, ts]);
  }
}

interface QueueRow {
  readonly erogazione: Erogazione;
  readonly intervento: Intervento;
  readonly persona: Persona;
  readonly valutazione: Valutazione | null;
  readonly version: number;
}

/** @internal See {@link Session.exportSiuss}. */
export async function exportSiuss(s: Session, options: ExportSiussOptions): Promise<StoreResult<ExportSiussReport>> {
  if (options === null || typeof options !== 'object' || (options.kind !== 'PS' && options.kind !== 'SINBA') || (options.mode !== 'file' && options.mode !== 'cooperazione') || typeof options.upTo !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(options.upTo)) {
    return fail([storeIssue('store.invalid', { it: "Esportazione: { kind: 'PS' | 'SINBA', upTo: AAAA-MM-GG, mode: 'file' | 'cooperazione' }", en: "Export: { kind: 'PS' | 'SINBA', upTo: YYYY-MM-DD, mode: 'file' | 'cooperazione' }" })]);
  }
  const maxPerFlow = options.maxPerFlow ?? 5000;
  if (!Number.isInteger(maxPerFlow) || maxPerFlow < 1 || maxPerFlow > 100_000) {
    return fail([storeIssue('store.invalid', { it: 'maxPerFlow: da 1 a 100 000', en: 'maxPerFlow: 1 to 100 000' }, {}, ['maxPerFlow'])]);
  }
  // SINBA: the purpose key is derived (and the master key checked) before anything is read or locked.
  let sinbaKey: Uint8Array | undefined;
  if (options.kind === 'SINBA') {
    const key = (options as { pseudonymKey?: unknown }).pseudonymKey;
    if (key === undefined || key === null) {
      return fail([
        storeIssue(
          'store.invalid',
          {
            it: `Esportazione SINBA: serve pseudonymKey, la chiave di pseudonimizzazione dell'Ente (almeno ${PSEUDONYM_MIN_KEY_BYTES} byte, tenuta fuori dal database): SINBA è pseudonimo (DM 206/2014 art. 5 c.4)`,
            en: `SINBA export: pseudonymKey is required, the Ente's pseudonymisation key (at least ${PSEUDONYM_MIN_KEY_BYTES} bytes, kept outside the database): SINBA is pseudonymous (DM 206/2014 art. 5 c.4)`,
          },
          { min: PSEUDONYM_MIN_KEY_BYTES },
          ['pseudonymKey'],
        ),
      ]);
    }
    const derived = derivePurposeKey('sinba', key as PseudonymKey);
    if (!derived.ok) {
      const first = derived.issues[0];
      return fail([
        storeIssue(
          'store.invalid',
          { it: `Esportazione SINBA, pseudonymKey: ${first.message}`, en: `SINBA export, pseudonymKey: ${first.messageEn}` },
          { cause: first.code, min: PSEUDONYM_MIN_KEY_BYTES },
          ['pseudonymKey'],
        ),
      ]);
    }
    sinbaKey = derived.value;
  }
  const tx = s.tx;
  const ente = s.ente;
  const at = s.instant(options.at);
  const day = todayInItaly(new Date(at));
  const enteInput: SiussEnteInput = {
    codice: options.ente?.codice ?? ente,
    cfOperatore: options.ente?.cfOperatore ?? s.operatore?.codiceFiscale ?? '',
    ...(options.ente?.denominazione === undefined ? {} : { denominazione: options.ente.denominazione }),
    ...(options.ente?.indirizzo === undefined ? {} : { indirizzo: options.ente.indirizzo }),
  };
  // One export at a time per Ente: flow names take the next daily progressive number.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('riuso.siuss.export.' || $1))", [ente]);
  const prefix = `${enteInput.codice}.${options.kind === 'SINBA' ? 'SINBA' : 'PS'}.${day.replace(/-/g, '')}.`;
  const last = await tx.query<{ nome: string | null }>('SELECT max(nome) AS nome FROM flusso_siuss WHERE ente = $1 AND starts_with(nome, $2)', [ente, prefix]);
  const progressivo = last.rows[0]?.nome ? Number(last.rows[0].nome.slice(prefix.length)) : 0;
  const run: ExportRun = { ente: enteInput, day, at, mode: options.mode, upTo: options.upTo, maxPerFlow, progressivo, progress: () => undefined };
  const onProgress = options.onProgress;
  if (typeof onProgress === 'function') {
    // The size of the queue, for the progress only: the same conditions as the reading queries below.
    const counted = sinbaKey === undefined
      ? await tx.query<{ n: string }>('SELECT count(*) AS n FROM erogazione e WHERE e.ente = $1 AND e.status = ANY($2::text[]) AND e.dal <= $3::date', [ente, ESPORTABILI, options.upTo])
      : await tx.query<{ n: string }>(
        `SELECT count(*) AS n FROM valutazione v
         WHERE v.ente = $1 AND v.tipo = 'sinba' AND v.status = 'validata' AND v.data->>'data' <= $2
           AND NOT EXISTS (SELECT 1 FROM flusso_siuss f
                           WHERE f.ente = v.ente AND f.tipo = 'SINBA' AND f.status <> ALL($3::text[])
                             AND f.data->'valutazioni' @> jsonb_build_array(v.id::text))`,
        [ente, options.upTo, SINBA_DEAD],
      );
    const total = Number(counted.rows[0]?.n ?? 0);
    run.progress = (handled) => {
      try {
        onProgress({ handled, total });
      } catch {
        // a display must never stop an export
      }
    };
  }
  if (sinbaKey !== undefined) return exportSinba(s, run, sinbaKey);
  return exportPs(s, run);
}

/** What one export run shares between its flows. */
interface ExportRun {
  readonly ente: SiussEnteInput;
  readonly day: IsoDate;
  readonly at: Instant;
  readonly mode: 'file' | 'cooperazione';
  readonly upTo: IsoDate;
  readonly maxPerFlow: number;
  /** The last daily progressive number used (the next flow takes `progressivo + 1`). */
  progressivo: number;
  /** Tells `onProgress` how many records have been handled (a no-op without it). */
  progress: (handled: number) => void;
}

type FlowReport = ExportSiussReport['flows'][number];

async function exportPs(s: Session, runState: ExportRun): Promise<StoreResult<ExportSiussReport>> {
  const tx = s.tx;
  const ente = s.ente;
  const { at, day, maxPerFlow } = runState;
  const enteInput = runState.ente;
  const options = { mode: runState.mode, upTo: runState.upTo };
  let progressivo = runState.progressivo;
  const flows: FlowReport[] = [];
  const skipped: Issue[] = [];
  let exported = 0;
  /** Records read whose fate is settled (denied, or in a group taken to a flow), for `onProgress`. */
  let handled = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  const waiting: QueueRow[] = [];
  for (;;) {
    const r = await tx.query<QueueRow>(
      `SELECT e.data AS erogazione, e.version, i.data AS intervento, p.data AS persona, v.data AS valutazione
       FROM erogazione e
       JOIN intervento i ON i.ente = e.ente AND i.id = e.intervento
       JOIN persona p ON p.ente = e.ente AND p.id = e.persona
       LEFT JOIN valutazione v ON v.ente = e.ente AND v.id = e.valutazione AND v.tipo = 'sina'
       WHERE e.ente = $1 AND e.status = ANY($2::text[]) AND e.dal <= $3::date AND e.id > $4::uuid
       ORDER BY e.id LIMIT $5`,
      [ente, ESPORTABILI, options.upTo, after, BATCH],
    );
    if (r.rows.length === 0) {
      if (waiting.length === 0) break;
    } else after = (r.rows[r.rows.length - 1] as QueueRow).erogazione.id;
    const allowed: QueueRow[] = [];
    for (const row of r.rows) {
      const d = await s.decide('export', 'erogazione', row.erogazione, at);
      s.recordDecision(d, ente);
      if (d.allowed) allowed.push({ ...row, version: Number(row.version) });
      else skipped.push(storeIssue('store.denied', { it: `Esportazione negata: ${d.reason.it}`, en: `Export denied: ${d.reason.en}` }, { kind: 'erogazione', id: row.erogazione.id, rule: d.rule }));
    }
    // In file mode records wait across batches until a flow is full, so flows hold maxPerFlow records.
    const groups: QueueRow[][] = [];
    if (options.mode === 'cooperazione') for (const row of allowed) groups.push([row]);
    else {
      waiting.push(...allowed);
      while (waiting.length >= maxPerFlow) groups.push(waiting.splice(0, maxPerFlow));
    }
    const done = r.rows.length < BATCH;
    if (done && waiting.length > 0) groups.push(waiting.splice(0));
    handled += r.rows.length - allowed.length;
    for (const group of groups) {
      runState.progress(handled);
      handled += group.length;
      const built = await buildAndStore(s, group, enteInput, ++progressivo, day, at, options.mode);
      if (!built.ok) {
        progressivo--;
        if (options.mode === 'cooperazione' || group.length === 1) {
          skipped.push(...built.issues);
          continue;
        }
        // One bad record must not hold back a whole file: retry the group one record at a time.
        for (const row of group) {
          const single = await buildAndStore(s, [row], enteInput, ++progressivo, day, at, options.mode);
          if (single.ok) {
            flows.push(single.value);
            exported += 1;
          } else {
            progressivo--;
            skipped.push(...single.issues);
          }
        }
        continue;
      }
      flows.push(built.value);
      exported += group.length;
    }
    runState.progress(handled);
    if (done) break;
  }
  return ok({ flows, exported, skipped });
}

async function buildAndStore(
  s: Session,
  group: readonly QueueRow[],
  ente: SiussEnteInput,
  progressivo: number,
  day: IsoDate,
  at: Instant,
  mode: 'file' | 'cooperazione',
): Promise<StoreResult<FlowReport>> {
  const byPersona = new Map<string, SiussBeneficiarioInput & { erogazioni: SiussBeneficiarioInput['erogazioni'][number][] }>();
  for (const row of group) {
    let b = byPersona.get(row.persona.id);
    if (b === undefined) {
      b = { persona: row.persona, erogazioni: [] };
      byPersona.set(row.persona.id, b);
    }
    b.erogazioni.push({ erogazione: row.erogazione, intervento: row.intervento, ...(row.valutazione === null ? {} : { valutazione: row.valutazione }) });
  }
  const built = toSiussFlow({ ente, nome: { data: day, progressivo }, beneficiari: [...byPersona.values()] });
  if (!built.ok) return built as StoreResult<never>;
  const out = built.value;
  const flusso = await s.create(
    'flusso-siuss',
    { tipo: 'PS_PSA_SINA', nome: out.name, generatoAt: at, hashPayload: out.hashPayload, erogazioni: [...out.erogazioni], valutazioni: [...out.valutazioni] } as never,
    { at },
  );
  if (!flusso.ok) return flusso;
  const f = flusso.value as FlussoSiuss;
  await s.tx.query('UPDATE flusso_siuss SET modalita = $3, xml = $4, hash_payload = $5 WHERE ente = $1 AND id = $2', [s.ente, f.id, mode, out.xml, out.hashPayload]);
  const marked = markExported(
    group.map((g) => g.erogazione),
    f,
    s.actor,
    at,
  );
  if (!marked.ok) return marked as StoreResult<never>;
  const versions = new Map(group.map((g) => [g.erogazione.id as string, g.version]));
  const rows: unknown[] = [];
  for (const e of marked.value.erogazioni) {
    const valid = s.validate('erogazione', e);
    if (!valid.ok) return valid;
    rows.push({ id: e.id, expected: versions.get(e.id) ?? 0, status: e.status, flusso: f.id, version: e.version, updated_at: e.updatedAt, data: valid.value });
  }
  // Every erogazione of the flow in one compare-and-swap statement: all rows must still have the version read.
  const w = await s.tx.query(
    `UPDATE erogazione e SET status = x.status, flusso = x.flusso, version = x.version, updated_at = x.updated_at, data = x.data
     FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, expected integer, status text, flusso uuid, version integer, updated_at timestamptz, data jsonb)
     WHERE e.ente = $1 AND e.id = x.id AND e.version = x.expected`,
    [s.ente, JSON.stringify(rows)],
  );
  if (w.rowCount !== rows.length) {
    return fail([
      storeIssue(
        'store.conflict',
        { it: 'Esportazione: alcune erogazioni sono state modificate da altri durante l\'esportazione; riprova', en: 'Export: some erogazioni were changed by someone else during the export; retry' },
        { kind: 'erogazione', expected: rows.length, written: w.rowCount },
      ),
    ]);
  }
  for (const a of marked.value.audit) s.pending.push({ ...a, ente: s.ente });
  s.flows.push({ ente: s.ente, id: f.id });
  return ok({ id: f.id, idFlusso: out.name, erogazioni: group.length, valutazioni: out.valutazioni.length, hashPayload: createHash('sha256').update(out.xml).digest('hex') });
}

// ---------------------------------------------------------------------------------------------------
// SINBA

/** Interventi whose prestazione the minor received (or is receiving): not proposed, waiting, refused or in error. */
const RICEVUTI = ['autorizzato', 'in-erogazione', 'sospeso', 'concluso', 'revocato'];
/** SINBA flows that still count: a flow INPS rejected (or one entered in error) leaves its assessments in the queue. */
const SINBA_DEAD = ['scartato', 'entered-in-error'];

interface SinbaRow {
  readonly valutazione: Valutazione;
  readonly persona: Persona;
  readonly presa: PresaInCarico | null;
  readonly cartella: Cartella | null;
  readonly interventi: Intervento[];
  readonly nucleo: NucleoFamiliare | null;
}

/**
 * The SINBA queue: validated `sinba` assessments dated on or before `upTo` that no live SINBA flow
 * carries, each with its minor, the interventi received up to `upTo`, the presa in carico and its
 * cartella, and the minor's latest ISEE household (read only when the operator may export it).
 */
async function exportSinba(s: Session, runState: ExportRun, key: Uint8Array): Promise<StoreResult<ExportSiussReport>> {
  const { at, mode, maxPerFlow } = runState;
  const flows: FlowReport[] = [];
  const skipped: Issue[] = [];
  let exported = 0;
  /** Records read whose fate is settled (denied, or in a group taken to a flow), for `onProgress`. */
  let handled = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  const waiting: SinbaRow[] = [];
  for (;;) {
    const r = await s.tx.query<SinbaRow>(
      `SELECT v.data AS valutazione, p.data AS persona, pic.data AS presa, c.data AS cartella,
         COALESCE((SELECT jsonb_agg(i.data ORDER BY i.id) FROM intervento i
                   WHERE i.ente = v.ente AND i.persona = v.persona AND i.status = ANY($2::text[]) AND i.data->>'dal' <= $3), '[]'::jsonb) AS interventi,
         (SELECT n.data FROM nucleo_familiare n
           WHERE n.ente = v.ente AND n.data->>'tipo' = 'isee' AND n.data->'componenti' @> jsonb_build_array(jsonb_build_object('persona', v.persona::text))
           ORDER BY n.updated_at DESC, n.id LIMIT 1) AS nucleo
       FROM valutazione v
       JOIN persona p ON p.ente = v.ente AND p.id = v.persona
       LEFT JOIN presa_in_carico pic ON pic.ente = v.ente AND pic.id = v.presa_in_carico
       LEFT JOIN cartella c ON c.ente = pic.ente AND c.id = pic.cartella
       WHERE v.ente = $1 AND v.tipo = 'sinba' AND v.status = 'validata' AND v.data->>'data' <= $3 AND v.id > $4::uuid
         AND NOT EXISTS (SELECT 1 FROM flusso_siuss f
                         WHERE f.ente = v.ente AND f.tipo = 'SINBA' AND f.status <> ALL($5::text[])
                           AND f.data->'valutazioni' @> jsonb_build_array(v.id::text))
       ORDER BY v.id LIMIT $6`,
      [s.ente, RICEVUTI, runState.upTo, after, SINBA_DEAD, BATCH],
    );
    if (r.rows.length === 0) {
      if (waiting.length === 0) break;
    } else after = (r.rows[r.rows.length - 1] as SinbaRow).valutazione.id;
    const allowed: SinbaRow[] = [];
    for (const row of r.rows) {
      const d = await s.decide('export', 'valutazione', row.valutazione, at);
      s.recordDecision(d, s.ente);
      if (!d.allowed) {
        skipped.push(storeIssue('store.denied', { it: `Esportazione negata: ${d.reason.it}`, en: `Export denied: ${d.reason.en}` }, { kind: 'valutazione', id: row.valutazione.id, rule: d.rule }));
        continue;
      }
      // The household only gives FasciaISEEBeneficiario and NumeroComponentiISEE (optional): left out
      // when the operator may not export it, without a finding.
      let nucleo = row.nucleo;
      if (nucleo !== null) {
        const n = await s.decide('export', 'nucleo-familiare', nucleo, at);
        if (n.allowed) s.recordDecision(n, s.ente);
        else nucleo = null;
      }
      allowed.push({ ...row, nucleo });
    }
    const groups: SinbaRow[][] = [];
    if (mode === 'cooperazione') for (const row of allowed) groups.push([row]);
    else {
      waiting.push(...allowed);
      for (let g = takeSinbaGroup(waiting, maxPerFlow, false); g !== null; g = takeSinbaGroup(waiting, maxPerFlow, false)) groups.push(g);
    }
    const done = r.rows.length < BATCH;
    if (done) for (let g = takeSinbaGroup(waiting, maxPerFlow, true); g !== null; g = takeSinbaGroup(waiting, maxPerFlow, true)) groups.push(g);
    handled += r.rows.length - allowed.length;
    for (const group of groups) {
      runState.progress(handled);
      handled += group.length;
      const built = await buildAndStoreSinba(s, group, runState, key);
      if (built.ok) {
        flows.push(built.value);
        exported += group.length;
        continue;
      }
      if (mode === 'cooperazione' || group.length === 1) {
        skipped.push(...built.issues);
        continue;
      }
      // One bad record must not hold back a whole file. The adapter names the assessment of each
      // refusal: build the file once more without those; if a refusal names none, or the second
      // build fails too, retry the group one record at a time.
      const refused = new Set(built.issues.map((i) => i.params.valutazione));
      const rest = group.filter((row) => !refused.has(row.valutazione.id));
      if (!refused.has(undefined) && rest.length > 0 && rest.length < group.length) {
        const second = await buildAndStoreSinba(s, rest, runState, key);
        if (second.ok) {
          flows.push(second.value);
          exported += rest.length;
          skipped.push(...built.issues);
          continue;
        }
      }
      for (const row of group) {
        const single = await buildAndStoreSinba(s, [row], runState, key);
        if (single.ok) {
          flows.push(single.value);
          exported += 1;
        } else skipped.push(...single.issues);
      }
    }
    runState.progress(handled);
    if (done) break;
  }
  return ok({ flows, exported, skipped });
}

/**
 * The next group of a file: up to `max` records of distinct minors (two records of one minor would
 * share an `IDBeneficiario` in one flow, which SINBA forbids; the second waits for the next flow).
 * Without `force` only a full group is taken; `null` when there is none to take.
 */
function takeSinbaGroup(waiting: SinbaRow[], max: number, force: boolean): SinbaRow[] | null {
  const seen = new Set<string>();
  const picked: number[] = [];
  for (let i = 0; i < waiting.length && picked.length < max; i++) {
    const p = (waiting[i] as SinbaRow).persona.id;
    if (seen.has(p)) continue;
    seen.add(p);
    picked.push(i);
  }
  if (picked.length === 0 || (!force && picked.length < max)) return null;
  const group = picked.map((i) => waiting[i] as SinbaRow);
  for (const i of picked.reverse()) waiting.splice(i, 1);
  return group;
}

/** Builds one SINBA flow (the next progressive number) and stores it; on failure the number is given back. */
async function buildAndStoreSinba(s: Session, group: readonly SinbaRow[], runState: ExportRun, key: Uint8Array): Promise<StoreResult<FlowReport>> {
  const schede: SinbaSchedaInput[] = group.map((row) => ({
    persona: row.persona,
    valutazione: row.valutazione,
    interventi: row.interventi,
    ...(row.presa === null ? {} : { presaInCarico: row.presa }),
    ...(row.cartella === null ? {} : { cartella: row.cartella }),
    ...(row.nucleo === null ? {} : { nucleo: row.nucleo }),
  }));
  const progressivo = runState.progressivo + 1;
  const built = toSiussFlow({
    tipo: 'SINBA',
    ente: runState.ente,
    nome: { data: runState.day, progressivo },
    schede,
    // pseudonymizeFor('sinba', cf, master key) = pseudonymize(cf, the 'sinba' key derived once above).
    idBeneficiario: (p) => pseudonymize(p.codiceFiscale ?? '', key),
  });
  if (!built.ok) return built as StoreResult<never>;
  const out = built.value;
  const flusso = await s.create(
    'flusso-siuss',
    { tipo: 'SINBA', nome: out.name, generatoAt: runState.at, hashPayload: out.hashPayload, erogazioni: [], valutazioni: [...out.valutazioni] } as never,
    { at: runState.at },
  );
  if (!flusso.ok) return flusso;
  runState.progressivo = progressivo;
  const f = flusso.value as FlussoSiuss;
  await s.tx.query('UPDATE flusso_siuss SET modalita = $3, xml = $4, hash_payload = $5 WHERE ente = $1 AND id = $2', [s.ente, f.id, runState.mode, out.xml, out.hashPayload]);
  s.flows.push({ ente: s.ente, id: f.id });
  return ok({ id: f.id, idFlusso: out.name, erogazioni: 0, valutazioni: out.valutazioni.length, hashPayload: createHash('sha256').update(out.xml).digest('hex') });
}

/** Options of {@link Session.siussFlows}. */
export interface SiussFlowsOptions {
  /** `ts_flusso` of the last flow already taken (milliseconds, ≥ 0; `0` the first time). */
  readonly since: number;
  /** At most this many flows (1–100, default 10). */
  readonly limit?: number;
  /**
   * Record that the flows were fetched (WaaS `GET /flussi`): each `generato` flow becomes `inviato`
   * (the lifecycle's `invia`, audited), its `ts_flusso` unchanged. Default `false` (a plain read).
   */
  readonly markFetched?: boolean;
}

type FlowRow = { id: string; ente: string; nome: string; ts: string; tipo: 'PS_PSA_SINA' | 'SINBA'; modalita: 'file' | 'cooperazione'; xml: string; hash_payload: string; status: string; version: number; data: FlussoSiuss; esito_codice: string | null; esito_id_acquisizione: string | null; esito_descrizione: string | null };

/** @internal See {@link Session.siussFlows}. */
export async function siussFlows(s: Session, options: SiussFlowsOptions): Promise<StoreResult<readonly StoredFlow[]>> {
  const limit = options?.limit ?? 10;
  const markFetched = options?.markFetched ?? false;
  if (!Number.isSafeInteger(options?.since) || options.since < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100 || typeof markFetched !== 'boolean') {
    return fail([storeIssue('store.invalid', { it: 'since: intero ≥ 0 (ms); limit: da 1 a 100; markFetched: sì/no', en: 'since: integer ≥ 0 (ms); limit: 1 to 100; markFetched: true/false' })]);
  }
  const r = await s.tx.query<FlowRow>(
    `SELECT id, ente, nome, ts_flusso::text AS ts, tipo, modalita, xml, hash_payload, status, version, data, esito_codice, esito_id_acquisizione, esito_descrizione
     FROM flusso_siuss WHERE ente = $1 AND ts_flusso > $2 ORDER BY ts_flusso LIMIT $3`,
    [s.ente, options.since, limit],
  );
  const at = s.instant(undefined);
  const out: StoredFlow[] = [];
  for (const row of r.rows) {
    const d = await s.decide('read', 'flusso-siuss', { id: row.id }, at);
    s.recordDecision(d, row.ente);
    if (!d.allowed) return s.denied(d, 'flusso-siuss', row.id);
  }
  // Fetched: generato → inviato. Rows locked in ts_flusso order (the order recordEsito locks them in:
  // no deadlock between concurrent pulls and esiti); a concurrent pull that got there first leaves
  // nothing to do.
  const sent = new Set<string>();
  const fresh = markFetched ? r.rows.filter((row) => row.status === 'generato').map((row) => row.id) : [];
  if (fresh.length > 0) {
    const locked = await s.tx.query<{ id: string; version: number; status: string; data: FlussoSiuss }>(
      'SELECT id, version, status, data FROM flusso_siuss WHERE ente = $1 AND id = ANY($2::uuid[]) ORDER BY ts_flusso FOR UPDATE',
      [s.ente, fresh],
    );
    for (const row of locked.rows) {
      if (row.status !== 'generato') continue;
      const d = await s.decide('transition', 'flusso-siuss', { id: row.id }, at);
      if (!d.allowed) {
        s.recordDecision(d, s.ente);
        return s.denied(d, 'flusso-siuss', row.id);
      }
      const t = LIFECYCLES['flusso-siuss'].machine.transition(row.data as never, 'invia' as never, s.actor, at, {});
      if (!t.ok) return t;
      const valid = s.validate('flusso-siuss', t.value.entity);
      if (!valid.ok) return valid;
      const w = await s.update('flusso-siuss', s.ente, Number(row.version), valid.value as unknown as Record<string, unknown>, false);
      if (!w.ok) return w;
      s.pending.push({ ...t.value.audit, ente: s.ente });
      sent.add(row.id);
    }
  }
  for (const row of r.rows) {
    out.push({
      id: row.id,
      ente: row.ente,
      idFlusso: row.nome,
      tsFlusso: Number(row.ts),
      tipo: row.tipo,
      modalita: row.modalita,
      xml: row.xml,
      hashPayload: row.hash_payload,
      status: sent.has(row.id) ? 'inviato' : row.status,
      ...(row.esito_codice === null
        ? {}
        : { esito: { codice: row.esito_codice, ...(row.esito_id_acquisizione === null ? {} : { idAcquisizione: row.esito_id_acquisizione }), ...(row.esito_descrizione === null ? {} : { descrizione: row.esito_descrizione }) } }),
    });
  }
  return ok(out);
}

const FINAL = new Set(['accettato', 'scartato', 'entered-in-error']);
const CODES: readonly string[] = ['OK', 'DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO'];

function esitoInvalid(esito: EsitoInput): boolean {
  return (
    esito === null ||
    typeof esito !== 'object' ||
    typeof esito.idFlusso !== 'string' ||
    esito.idFlusso.length === 0 ||
    esito.idFlusso.length > 4096 ||
    !CODES.includes(esito.codice) ||
    (esito.idAcquisizione !== undefined && (typeof esito.idAcquisizione !== 'string' || esito.idAcquisizione.length > 4096)) ||
    (esito.descrizione !== undefined && typeof esito.descrizione !== 'string') ||
    (esito.tsFlusso !== undefined && !Number.isSafeInteger(esito.tsFlusso)) ||
    (esito.tipo !== undefined && typeof esito.tipo !== 'string')
  );
}

/** An esito that changed nothing, in the audit trail: a refused transition of the flow, with why. */
function auditNoop(s: Session, esito: EsitoInput, at: Instant, entityId: string, status: string | null, outcome: EsitoOutcome): void {
  s.pending.push({
    ...auditEvent({
      at,
      actor: s.actor,
      action: 'transition',
      entity: { kind: 'flusso-siuss', id: entityId },
      ...(status === null ? {} : { transition: { event: esito.codice === 'OK' ? 'accetta' : 'scarta', from: status, to: status } }),
      reason: `esito ${esito.codice} non applicato / not applied: ${outcome}`,
      outcome: 'denied',
    }),
    ente: s.ente,
  });
}

/** @internal See {@link Session.recordEsito}. */
export async function recordEsito(s: Session, esito: EsitoInput): Promise<StoreResult<EsitoOutcome>> {
  if (esitoInvalid(esito)) {
    return fail([storeIssue('store.invalid', { it: 'Esito: { idFlusso (testo), codice, idAcquisizione?, descrizione?, tsFlusso?, tipo? }', en: 'Esito: { idFlusso (text), codice, idAcquisizione?, descrizione?, tsFlusso?, tipo? }' })]);
  }
  const at = s.instant(esito.at);
  // No flow is named with more than 64 characters (OpenAPI Flusso.id_flusso maxLength).
  if (esito.idFlusso.length > 64) {
    auditNoop(s, esito, at, `${esito.idFlusso.slice(0, 64)}…`, null, 'unknown-flow');
    return ok('unknown-flow');
  }
  const r = await s.tx.query<{ id: string; version: number; status: string; data: FlussoSiuss; ts: string | null; tipo: string; esito_codice: string | null; esito_id_acquisizione: string | null }>(
    'SELECT id, version, status, data, ts_flusso::text AS ts, tipo, esito_codice, esito_id_acquisizione FROM flusso_siuss WHERE ente = $1 AND nome = $2 FOR UPDATE',
    [s.ente, esito.idFlusso],
  );
  const row = r.rows[0];
  if (row === undefined) {
    auditNoop(s, esito, at, esito.idFlusso, null, 'unknown-flow');
    return ok('unknown-flow');
  }
  const d = await s.decide('transition', 'flusso-siuss', { id: row.id }, at);
  if (!d.allowed) {
    s.recordDecision(d, s.ente);
    return s.denied(d, 'flusso-siuss', row.id);
  }
  if ((esito.tsFlusso !== undefined && String(esito.tsFlusso) !== row.ts) || (esito.tipo !== undefined && esito.tipo !== row.tipo)) {
    auditNoop(s, esito, at, row.id, row.status, 'mismatch');
    return ok('mismatch');
  }
  // The esito's values must fit the record (erogazione.esportazione.idAcquisizione: 1–256 characters).
  if (esito.idAcquisizione !== undefined && esito.idAcquisizione.length > 256) {
    auditNoop(s, esito, at, row.id, row.status, 'invalid');
    return ok('invalid');
  }
  if (FINAL.has(row.status)) {
    const same = row.esito_codice === esito.codice && (row.esito_id_acquisizione ?? undefined) === (esito.idAcquisizione || undefined);
    const outcome: EsitoOutcome = same ? 'duplicate' : 'already-final';
    auditNoop(s, esito, at, row.id, row.status, outcome);
    return ok(outcome);
  }
  const idAcquisizione = esito.idAcquisizione !== undefined && /\S/.test(esito.idAcquisizione) ? esito.idAcquisizione : undefined;
  const descrizione = esito.descrizione !== undefined && /\S/.test(esito.descrizione) ? esito.descrizione.slice(0, 2000) : undefined;
  const event = esito.codice === 'OK' ? 'accetta' : 'scarta';
  const data = { esito: { codice: esito.codice, at, ...(idAcquisizione === undefined ? {} : { idAcquisizione }) } };
  const t = LIFECYCLES['flusso-siuss'].machine.transition(row.data as never, event as never, s.actor, at, { data: data as never, ...(descrizione === undefined ? {} : { reason: descrizione }) });
  if (!t.ok) return t;
  const valid = s.validate('flusso-siuss', t.value.entity);
  if (!valid.ok) return valid;
  const w = await s.update('flusso-siuss', s.ente, Number(row.version), valid.value as unknown as Record<string, unknown>, false);
  if (!w.ok) return w;
  await s.tx.query(
    'UPDATE flusso_siuss SET esito_codice = $3, esito_id_acquisizione = $4, esito_descrizione = $5, esito_at = $6 WHERE ente = $1 AND id = $2',
    [s.ente, row.id, esito.codice, idAcquisizione ?? null, descrizione ?? null, at],
  );
  s.pending.push({ ...t.value.audit, ente: s.ente });
  // The erogazioni the flow carries (as an insertion): acquisita with OK, back to the operators otherwise.
  const erogazioni = await s.tx.query<{ version: number; data: Erogazione }>(
    `SELECT version, data FROM erogazione WHERE ente = $1 AND flusso = $2 AND status = 'esportata' ORDER BY id FOR UPDATE`,
    [s.ente, row.id],
  );
  for (const e of erogazioni.rows) {
    const de = await s.decide('transition', 'erogazione', e.data, at);
    if (!de.allowed) {
      s.recordDecision(de, s.ente);
      return s.denied(de, 'erogazione', e.data.id);
    }
    const te =
      esito.codice === 'OK'
        ? LIFECYCLES.erogazione.machine.transition(e.data as never, 'acquisisci' as never, s.actor, at, { data: { flusso: row.id, ...(idAcquisizione === undefined ? {} : { idAcquisizione }) } as never })
        : LIFECYCLES.erogazione.machine.transition(e.data as never, 'respingi' as never, s.actor, at, {
            reason: descrizione ?? esito.codice,
            data: { flusso: row.id, codice: esito.codice, ...(descrizione === undefined ? {} : { descrizione }) } as never,
          });
    if (!te.ok) return te;
    const ve = s.validate('erogazione', te.value.entity);
    if (!ve.ok) return ve;
    // The flusso column keeps pointing at the flow of the last export (the history has every one).
    const we = await s.update('erogazione', s.ente, Number(e.version), ve.value as unknown as Record<string, unknown>, false);
    if (!we.ok) return we;
    s.pending.push({ ...te.value.audit, ente: s.ente });
  }
  return ok('recorded');
}

/** @internal See {@link Session.recordEsiti}. */
export async function recordEsiti(s: Session, esiti: readonly EsitoInput[]): Promise<StoreResult<readonly EsitoOutcome[]>> {
  if (!Array.isArray(esiti) || esiti.length > 1000 || esiti.some(esitoInvalid)) {
    return fail([storeIssue('store.invalid', { it: 'Esiti: da 0 a 1000 { idFlusso, codice, … }', en: 'Esiti: 0 to 1000 { idFlusso, codice, … }' })]);
  }
  // Every flow the batch names is locked first, in ts_flusso order — the order siussFlows locks them
  // in — so that concurrent batches (and pulls) naming the same flows in another order never deadlock.
  const names = [...new Set(esiti.map((e) => e.idFlusso).filter((n) => n.length <= 64))];
  if (names.length > 0) {
    await s.tx.query('SELECT id FROM flusso_siuss WHERE ente = $1 AND nome = ANY($2::text[]) ORDER BY ts_flusso, id FOR UPDATE', [s.ente, names]);
  }
  const outcomes: EsitoOutcome[] = [];
  for (const esito of esiti) {
    const r = await recordEsito(s, esito);
    if (!r.ok) return r;
    outcomes.push(r.value);
  }
  return ok(outcomes);
}

/** @internal See {@link Session.siussCorrections}. */
export async function siussCorrections(s: Session, options: { readonly limit?: number } = {}): Promise<StoreResult<readonly SiussCorrection[]>> {
  const limit = options?.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return fail([storeIssue('store.invalid', { it: 'limit: da 1 a 1000', en: 'limit: 1 to 1000' }, {}, ['limit'])]);
  }
  const at = s.instant(undefined);
  const out: SiussCorrection[] = [];
  const rejected = await s.tx.query<{ version: number; data: Erogazione; nome: string }>(
    `SELECT e.version, e.data, f.nome FROM erogazione e JOIN flusso_siuss f ON f.ente = e.ente AND f.id = (e.data->'scarto'->>'flusso')::uuid
     WHERE e.ente = $1 AND e.status = 'da-correggere' ORDER BY e.data->'scarto'->>'at', e.id LIMIT $2`,
    [s.ente, limit],
  );
  for (const row of rejected.rows) {
    const d = await s.decide('read', 'erogazione', row.data, at);
    s.recordDecision(d, s.ente);
    const scarto = row.data.scarto;
    if (!d.allowed || scarto === undefined) continue;
    out.push({
      kind: 'erogazione', id: row.data.id, version: Number(row.version), persona: row.data.persona, idFlusso: row.nome, codice: scarto.codice,
      ...(scarto.descrizione === undefined ? {} : { descrizione: scarto.descrizione }), at: scarto.at,
    });
  }
  // SINBA: validated assessments whose last SINBA flow was rejected and that no live flow carries.
  const sinba = await s.tx.query<{ version: number; data: Valutazione; nome: string; codice: SiussCorrection['codice']; descrizione: string | null; at: string }>(
    `SELECT v.version, v.data, f.nome, f.esito_codice AS codice, f.esito_descrizione AS descrizione,
            to_char(f.esito_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
     FROM valutazione v
     JOIN LATERAL (SELECT * FROM flusso_siuss x WHERE x.ente = v.ente AND x.tipo = 'SINBA' AND x.data->'valutazioni' @> jsonb_build_array(v.id::text)
                   ORDER BY x.ts_flusso DESC NULLS LAST LIMIT 1) f ON true
     WHERE v.ente = $1 AND v.tipo = 'sinba' AND v.status = 'validata' AND f.status = 'scartato'
     ORDER BY f.esito_at, v.id LIMIT $2`,
    [s.ente, limit],
  );
  for (const row of sinba.rows) {
    if (out.length >= limit) break;
    const d = await s.decide('read', 'valutazione', row.data, at);
    s.recordDecision(d, s.ente);
    if (!d.allowed) continue;
    out.push({ kind: 'valutazione', id: row.data.id, version: Number(row.version), persona: row.data.persona, idFlusso: row.nome, codice: row.codice, ...(row.descrizione === null ? {} : { descrizione: row.descrizione }), at: row.at });
  }
  return ok(out);
}
