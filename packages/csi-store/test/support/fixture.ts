// SPDX-License-Identifier: BSD-3-Clause
/**
 * A realistic cartella in a store (the story of example 04, fictitious data with valid codici fiscali):
 * an Ente bootstrapped with its service manager, a social worker, an educator, the SIUSS export
 * account; a person, her cartella, an active presa in carico with the social worker assigned, a SINA
 * assessment, a care plan, an authorised and started intervento, and validated erogazioni.
 */
import type { Issue, Result } from '@riuso-sociale/core';
import { expect } from 'vitest';
import type { Actor, AuditEvent, Instant } from '@riuso-sociale/csi-model';
import type { Session, SqlQueryable, Store } from '../../src/index.js';

export const AREA = { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' };
export const ITALIANA = { system: 'iso3166.numerico', version: 'esterno', code: '380' };
const RESIDENZA = { codiceComuneIstat: '037006', codiceRegione: '08', codiceNazione: '380', indirizzo: 'Via di Esempio 12' };

/** Unwraps a Result or fails the test with its issues. */
export function must<T>(r: Result<T, string>, what = 'operation'): T {
  if (!r.ok) throw new Error(`${what}: ${r.issues.map((i) => `${i.code} ${i.message} ${JSON.stringify(i.params)} @${i.path.join('.')}`).join('; ')}`);
  return r.value;
}

/** The one issue of a failed Result (fails the test when it succeeded or has several). */
export function only(r: Result<unknown, string>): Issue {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  expect(r.issues).toHaveLength(1);
  return r.issues[0] as Issue;
}

/**
 * The service manager assigns a new case: the social worker as case manager and the SIUSS export
 * account to its équipe, from `dal`.
 */
export async function assignCase(store: Store, seeded: Seeded, intake: { readonly persona: string; readonly presa: string }, dal: string, at: Instant): Promise<void> {
  await run(store, seeded.ente, seeded.rs, async (s) => {
    for (const [operatore, ruolo] of [[seeded.as.operatoreId, 'case-manager'], [seeded.sys.operatoreId, 'equipe']] as const) {
      must(await s.create('assegnazione', { operatore, presaInCarico: intake.presa, persona: intake.persona, ruolo, dal } as never, { at }));
    }
    return { ok: true as const, value: true };
  });
}

/** Runs one session and unwraps its result. */
export async function run<T>(store: Store, ente: string, actor: Actor, fn: (s: Session) => Promise<Result<T, string>>): Promise<T> {
  return must(await store.withSession({ ente, actor }, fn), 'session');
}

/** Codici fiscali of the fixture (computed with @riuso-sociale/fiscal-code). */
export const CF = {
  responsabile: 'GLLMRC70R04A944Q',
  assistente: 'BNCLRA85M41F205C',
  educatore: 'NREPLA79B14A944F',
  sistema: 'RNLSRA82E63A944Y',
  persona: 'SPSGNN90D42F839H',
  persona2: 'FRRCRL75A20H501B',
  persona3: 'CNTLNE88L55H501G',
  persona4: 'GLLLCU80C03H501N',
} as const;

export interface Seeded {
  readonly ente: string;
  readonly rs: Actor;
  readonly as: Actor;
  readonly edu: Actor;
  readonly sys: Actor;
  readonly servizio: string;
  readonly persona: string;
  readonly cartella: string;
  readonly presa: string;
  readonly valutazione: string;
  readonly intervento: string;
}

const staff = (cognome: string, nome: string, codiceFiscale: string, ruolo: string, servizi: string[]) => ({ codiceFiscale, cognome, nome, ruolo, servizi, attivo: true });

/** Seeds an Ente with one person in care (see the module notes). `ente` defaults to Bologna (A944). */
export async function seedEnte(store: Store, ente = 'A944', cf: string = CF.persona): Promise<Seeded> {
  const t = (s: string) => s as Instant;
  const rsRecord = must(
    await store.bootstrapEnte({ ente: { belfiore: ente }, operatore: staff('Gallo', 'Marco', CF.responsabile, 'responsabile-servizio', []) as never, at: t('2025-03-03T08:00:00Z') }),
    'bootstrap',
  );
  const rs: Actor = { operatoreId: rsRecord.id, role: 'responsabile-servizio' };
  const org = await run(store, ente, rs, async (s) => {
    const at = t('2025-03-03T08:01:00Z');
    const servizio = must(await s.create('servizio', { tipo: 'ufficio', denominazione: 'Servizio sociale territoriale', areeUtenza: [AREA], attivo: true } as never, { at }));
    const laura = must(await s.create('operatore', staff('Bianchi', 'Laura', CF.assistente, 'assistente-sociale', [servizio.id]) as never, { at }));
    const paolo = must(await s.create('operatore', staff('Neri', 'Paolo', CF.educatore, 'educatore', [servizio.id]) as never, { at }));
    const sara = must(await s.create('operatore', staff('Rinaldi', 'Sara', CF.sistema, 'sistema', [servizio.id]) as never, { at }));
    return { ok: true as const, value: { servizio: servizio.id, laura: laura.id, paolo: paolo.id, sara: sara.id } };
  });
  const as: Actor = { operatoreId: org.laura as never, role: 'assistente-sociale' };
  const edu: Actor = { operatoreId: org.paolo as never, role: 'educatore' };
  const sys: Actor = { operatoreId: org.sara as never, role: 'sistema' };
  const intake = await run(store, ente, as, async (s) => {
    const at = t('2025-03-03T09:00:00Z');
    const persona = must(
      await s.create('persona', { codiceFiscale: cf, cognome: 'Esposito', nome: 'Giovanna', sesso: '2', dataNascita: '1990-04-02', luogoNascita: 'F839', cittadinanza: ITALIANA, residenza: RESIDENZA, capacitaGiuridica: { tipo: 'piena' } } as never, { at }),
    );
    const cartella = must(await s.create('cartella', { persona: persona.id, apertaIl: '2025-03-03', responsabile: org.laura, minore: false, tutelaAutoritaGiudiziaria: false } as never, { at }));
    const presa = must(await s.create('presa-in-carico', { cartella: cartella.id, persona: persona.id, areaUtenza: AREA, servizio: org.servizio, caseManager: org.laura, avviataIl: '2025-03-03' } as never, { at }));
    return { ok: true as const, value: { persona: persona.id, cartella: cartella.id, presa: presa.id } };
  });
  await run(store, ente, rs, async (s) => {
    const at = t('2025-03-03T09:42:00Z');
    must(await s.create('assegnazione', { operatore: org.laura, presaInCarico: intake.presa, persona: intake.persona, ruolo: 'case-manager', dal: '2025-03-03' } as never, { at }));
    must(await s.create('assegnazione', { operatore: org.sara, presaInCarico: intake.presa, persona: intake.persona, ruolo: 'equipe', dal: '2025-03-03' } as never, { at }));
    return { ok: true as const, value: true };
  });
  const care = await run(store, ente, as, async (s) => {
    must(await s.transition('presa-in-carico', intake.presa, 'attiva', { expectedVersion: 1, at: t('2025-03-04T08:30:00Z') }));
    const sina = {
      mobilita: '2', attivitaVitaQuotidiana: '2', disturbiAreaCognitiva: '1', disturbiComportamentali: '1', necessitaCureSanitarie: '2',
      areaReddituale: '3', areaSupporto: '2', fonteDerivazioneValutazione: '1', strumentoValutazione: '1', necessitaInterventiSociali: ['A2.07'],
    };
    const valutazione = must(
      await s.create('valutazione', {
        persona: intake.persona, presaInCarico: intake.presa, tipo: 'sina', data: '2025-03-06',
        strumento: { system: 'siuss.sina.strumento-valutazione', version: 'PS_PSA_SINA201812', code: '1' },
        fonte: { system: 'siuss.sina.fonte-derivazione', version: 'PS_PSA_SINA201812', code: '1' }, sina,
      } as never, { at: t('2025-03-06T10:00:00Z') }),
    );
    must(await s.transition('valutazione', valutazione.id, 'completa', { expectedVersion: 1, at: t('2025-03-06T12:00:00Z') }));
    must(await s.transition('valutazione', valutazione.id, 'valida', { expectedVersion: 2, at: t('2025-03-07T09:00:00Z') }));
    const intervento = must(
      await s.create('intervento', {
        persona: intake.persona, presaInCarico: intake.presa, senzaPresaInCarico: false,
        prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A2.07' }, denominazione: 'Assistenza domiciliare socio-assistenziale (SAD)',
        areaUtenza: AREA, carattere: '1', provaMezzi: '1', dsu: { numeroProtocollo: 'INPS-ISEE-2025-00001234X-00', anno: 2025, data: '2025-02-10' },
        sogliaIseeCents: 2_000_000, dal: '2025-04-01', al: '2025-09-30', quantitaOreMese: 20, enteGestore: 'Cooperativa sociale Esempio',
      } as never, { at: t('2025-03-12T09:00:00Z') }),
    );
    must(await s.transition('intervento', intervento.id, 'autorizza', { expectedVersion: 1, at: t('2025-03-14T11:00:00Z'), data: { attoAutorizzativo: { numero: 'DD 1234/2025', data: '2025-03-14' } } }));
    must(await s.transition('intervento', intervento.id, 'avvia', { expectedVersion: 2, at: t('2025-04-01T09:00:00Z') }));
    return { ok: true as const, value: { valutazione: valutazione.id, intervento: intervento.id } };
  });
  return { ente, rs, as, edu, sys, servizio: org.servizio, ...intake, ...care };
}

/** Adds `n` validated erogazioni (one per month from April 2025) to the seeded intervento. */
export async function addErogazioni(store: Store, seeded: Seeded, n: number): Promise<string[]> {
  return run(store, seeded.ente, seeded.as, async (s) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const month = 4 + (i % 6);
      const dal = `2025-${String(month).padStart(2, '0')}-01`;
      const e = must(
        await s.create('erogazione', {
          intervento: seeded.intervento, persona: seeded.persona, dal, al: `2025-${String(month).padStart(2, '0')}-28`, importoCents: 44_000 + i, importoMensileCents: 44_000 + i,
          quotaEnteCents: 40_000, quotaUtenteCents: 4_000 + i, oreErogate: 20, valutazione: seeded.valutazione, valutazioneData: '2025-03-06',
        } as never, { at: '2025-10-05T09:00:00Z' as Instant }),
      );
      must(await s.transition('erogazione', e.id, 'valida', { expectedVersion: 1, at: '2025-10-06T09:00:00Z' as Instant }));
      ids.push(e.id);
    }
    return { ok: true as const, value: ids };
  });
}

/**
 * Adds another person in care to a seeded Ente, with the same story as `seedEnte` (cartella, active
 * presa in carico with the social worker and the export account assigned, validated SINA assessment,
 * authorised and started intervento). Returns `seeded` with this person's records in place of the
 * first one's, so `addErogazioni(store, other, n)` adds erogazioni to this person. `residenza: false`
 * leaves the person without a residence (valid for the model, refused by the SIUSS adapter).
 */
export async function addCase(store: Store, seeded: Seeded, options: { readonly cf?: string; readonly residenza?: boolean } = {}): Promise<Seeded> {
  const t = (s: string) => s as Instant;
  const intake = await run(store, seeded.ente, seeded.as, async (s) => {
    const at = t('2025-03-03T09:00:00Z');
    const persona = must(
      await s.create('persona', {
        codiceFiscale: options.cf ?? CF.persona2, cognome: 'Ferrari', nome: 'Carlo', sesso: '1', dataNascita: '1975-01-20', luogoNascita: 'H501', cittadinanza: ITALIANA,
        ...(options.residenza === false ? {} : { residenza: RESIDENZA }), capacitaGiuridica: { tipo: 'piena' },
      } as never, { at }),
    );
    const cartella = must(await s.create('cartella', { persona: persona.id, apertaIl: '2025-03-03', responsabile: seeded.as.operatoreId, minore: false, tutelaAutoritaGiudiziaria: false } as never, { at }));
    const presa = must(await s.create('presa-in-carico', { cartella: cartella.id, persona: persona.id, areaUtenza: AREA, servizio: seeded.servizio, caseManager: seeded.as.operatoreId, avviataIl: '2025-03-03' } as never, { at }));
    return { ok: true as const, value: { persona: persona.id, cartella: cartella.id, presa: presa.id } };
  });
  await assignCase(store, seeded, intake, '2025-03-03', t('2025-03-03T09:42:00Z'));
  const care = await run(store, seeded.ente, seeded.as, async (s) => {
    must(await s.transition('presa-in-carico', intake.presa, 'attiva', { expectedVersion: 1, at: t('2025-03-04T08:30:00Z') }));
    const valutazione = must(
      await s.create('valutazione', {
        persona: intake.persona, presaInCarico: intake.presa, tipo: 'sina', data: '2025-03-06',
        strumento: { system: 'siuss.sina.strumento-valutazione', version: 'PS_PSA_SINA201812', code: '1' },
        fonte: { system: 'siuss.sina.fonte-derivazione', version: 'PS_PSA_SINA201812', code: '1' },
        sina: {
          mobilita: '2', attivitaVitaQuotidiana: '2', disturbiAreaCognitiva: '1', disturbiComportamentali: '1', necessitaCureSanitarie: '2',
          areaReddituale: '3', areaSupporto: '2', fonteDerivazioneValutazione: '1', strumentoValutazione: '1', necessitaInterventiSociali: ['A2.07'],
        },
      } as never, { at: t('2025-03-06T10:00:00Z') }),
    );
    must(await s.transition('valutazione', valutazione.id, 'completa', { expectedVersion: 1, at: t('2025-03-06T12:00:00Z') }));
    must(await s.transition('valutazione', valutazione.id, 'valida', { expectedVersion: 2, at: t('2025-03-07T09:00:00Z') }));
    const intervento = must(await s.create('intervento', interventoInput(intake.persona, intake.presa) as never, { at: t('2025-03-12T09:00:00Z') }));
    must(await s.transition('intervento', intervento.id, 'autorizza', { expectedVersion: 1, at: t('2025-03-14T11:00:00Z'), data: { attoAutorizzativo: { numero: 'DD 1235/2025', data: '2025-03-14' } } }));
    must(await s.transition('intervento', intervento.id, 'avvia', { expectedVersion: 2, at: t('2025-04-01T09:00:00Z') }));
    return { ok: true as const, value: { valutazione: valutazione.id, intervento: intervento.id } };
  });
  return { ...seeded, ...intake, ...care };
}

/** The fields of an intervento like the seeded one (SAD, April–September 2025) for a person and presa in carico. */
export function interventoInput(persona: string, presaInCarico: string): Record<string, unknown> {
  return {
    persona, presaInCarico, senzaPresaInCarico: false,
    prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A2.07' }, denominazione: 'Assistenza domiciliare socio-assistenziale (SAD)',
    areaUtenza: AREA, carattere: '1', provaMezzi: '1', dsu: { numeroProtocollo: 'INPS-ISEE-2025-00001234X-00', anno: 2025, data: '2025-02-10' },
    sogliaIseeCents: 2_000_000, dal: '2025-04-01', al: '2025-09-30', quantitaOreMese: 20, enteGestore: 'Cooperativa sociale Esempio',
  };
}

/**
 * Runs `fn` in one transaction as the connecting user — the database owner, outside any session and
 * its role — with `riuso.enti` set to `ente`: what an administrator (or an attacker with the owner's
 * password) can do with raw SQL.
 */
export async function asOwner<T>(store: Store, ente: string, fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
  return store.executor.transaction(async (tx) => {
    await tx.query("select set_config('riuso.enti', $1, true)", [ente]);
    return fn(tx);
  });
}

/** A stored audit row: its typed columns and the signed event. */
export interface AuditRow {
  readonly seq: number;
  readonly id: string;
  readonly keyId: string;
  readonly prevHash: string | null;
  readonly hash: string;
  readonly action: string;
  readonly entityId: string;
  readonly event: AuditEvent;
}

/** Every audit row of an Ente, in sequence order. */
export async function auditRows(store: Store, ente: string): Promise<AuditRow[]> {
  return asOwner(store, ente, async (tx) => {
    const r = await tx.query<{ seq: string; id: string; key_id: string; prev_hash: string | null; hash: string; action: string; entity_id: string; event: AuditEvent }>(
      'SELECT seq::text AS seq, id, key_id, prev_hash, hash, action, entity_id, event FROM audit_event WHERE ente = $1 ORDER BY audit_event.seq',
      [ente],
    );
    return r.rows.map((x) => ({ seq: Number(x.seq), id: x.id, keyId: x.key_id, prevHash: x.prev_hash, hash: x.hash, action: x.action, entityId: x.entity_id, event: x.event }));
  });
}

/** The audit head of an Ente (`{ ente, seq, hash }`). */
export async function headOf(store: Store, ente: string): Promise<{ readonly ente: string; readonly seq: number; readonly hash: string | null }> {
  return must(await store.auditHead({ ente }), 'auditHead');
}

/** The version and status of a record, read as the owner. */
export async function rowState(store: Store, ente: string, table: string, id: string): Promise<{ readonly version: number; readonly status: string | null } | undefined> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table ${table}`);
  return asOwner(store, ente, async (tx) => {
    const r = await tx.query<{ version: number; status: string | null }>(`SELECT version, data->>'status' AS status FROM ${table} WHERE ente = $1 AND id = $2`, [ente, id]);
    const row = r.rows[0];
    return row === undefined ? undefined : { version: Number(row.version), status: row.status };
  });
}
