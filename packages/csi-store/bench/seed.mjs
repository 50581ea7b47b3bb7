// SPDX-License-Identifier: BSD-3-Clause
/**
 * Seeding for the csi-store benchmark (bench/run.mjs, bench/export-child.mjs). Everything the timed
 * code touches is a VALID entity, written by the store's own API once and then cloned with raw SQL as
 * the owner (fast, and the clones pass the same schemas: only ids, amounts and dates change).
 *
 * - {@link seedEnte}: the story of test/support/fixture.ts (ported to plain JS, as the bench imports the
 *   built dist/): an Ente (Bologna, A944) with its service manager, a social worker, the SIUSS export
 *   account; one person, her cartella, an active presa in carico with the social worker and the export
 *   account assigned, a SINA assessment, and an intervento authorised and started (`in-erogazione`).
 * - {@link cloneInterventi}: `n` copies of that intervento (new UUIDs, same presa in carico), so that
 *   transitions spread over many rows instead of hammering one.
 * - {@link seedErogazioni}: one erogazione created and validated through the store (`validata`, what
 *   the SIUSS export picks up), then `n` clones with new UUIDs, varied amounts and months, inserted with
 *   `INSERT … SELECT … FROM jsonb_to_recordset($1)` in batches, inside a transaction that sets
 *   `riuso.enti` (Row-Level Security is FORCEd on every table, so even the owner needs it unless it is
 *   a superuser).
 * - {@link analyze}: ANALYZE after a bulk load, as a database in service has statistics. Without them
 *   the planner guesses, and the export's per-erogazione UPDATE got slower with every flow (measured on
 *   PostgreSQL 15: 8 001 erogazioni exported in 35 s without, 8.6 s with) — a property of the fresh
 *   bulk load, not of the store, so the bench does not measure it.
 */
import { randomUUID } from 'node:crypto';
import { ENTITY_SCHEMA_VERSION } from '@riuso-sociale/csi-store';

export const ENTE = 'A944';
export const AREA = { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' };
const ITALIANA = { system: 'iso3166.numerico', version: 'esterno', code: '380' };
const RESIDENZA = { codiceComuneIstat: '037006', codiceRegione: '08', codiceNazione: '380', indirizzo: 'Via di Esempio 12' };

/** Codici fiscali of the fixture (fictitious, valid check characters). */
const CF = { responsabile: 'GLLMRC70R04A944Q', assistente: 'BNCLRA85M41F205C', sistema: 'RNLSRA82E63A944Y', persona: 'SPSGNN90D42F839H' };

/** Unwraps a Result or throws with its issues. */
export function must(r, what = 'operation') {
  if (!r.ok) throw new Error(`${what}: ${r.issues.map((i) => `${i.code} ${i.message} ${JSON.stringify(i.params)} @${(i.path ?? []).join('.')}`).join('; ')}`);
  return r.value;
}

/** Runs one session and unwraps its result. */
export async function run(store, actor, fn, what = 'session') {
  return must(await store.withSession({ ente: ENTE, actor }, fn), what);
}

const staff = (cognome, nome, codiceFiscale, ruolo, servizi) => ({ codiceFiscale, cognome, nome, ruolo, servizi, attivo: true });

/**
 * Seeds the Ente with one person in care and one intervento `in-erogazione` (see the module notes).
 *
 * @returns {Promise<{ rs, as, sys, servizio, persona, cartella, presa, valutazione, intervento }>} ids and actors
 */
export async function seedEnte(store) {
  const rsRecord = must(
    await store.bootstrapEnte({ ente: { belfiore: ENTE }, operatore: staff('Gallo', 'Marco', CF.responsabile, 'responsabile-servizio', []), at: '2025-03-03T08:00:00Z' }),
    'bootstrap',
  );
  const rs = { operatoreId: rsRecord.id, role: 'responsabile-servizio' };
  const org = await run(store, rs, async (s) => {
    const at = '2025-03-03T08:01:00Z';
    const servizio = must(await s.create('servizio', { tipo: 'ufficio', denominazione: 'Servizio sociale territoriale', areeUtenza: [AREA], attivo: true }, { at }), 'servizio');
    const laura = must(await s.create('operatore', staff('Bianchi', 'Laura', CF.assistente, 'assistente-sociale', [servizio.id]), { at }), 'operatore');
    const sara = must(await s.create('operatore', staff('Rinaldi', 'Sara', CF.sistema, 'sistema', [servizio.id]), { at }), 'operatore');
    return { ok: true, value: { servizio: servizio.id, laura: laura.id, sara: sara.id } };
  });
  const as = { operatoreId: org.laura, role: 'assistente-sociale' };
  const sys = { operatoreId: org.sara, role: 'sistema' };
  const intake = await run(store, as, async (s) => {
    const at = '2025-03-03T09:00:00Z';
    const persona = must(
      await s.create(
        'persona',
        { codiceFiscale: CF.persona, cognome: 'Esposito', nome: 'Giovanna', sesso: '2', dataNascita: '1990-04-02', luogoNascita: 'F839', cittadinanza: ITALIANA, residenza: RESIDENZA, capacitaGiuridica: { tipo: 'piena' } },
        { at },
      ),
      'persona',
    );
    const cartella = must(await s.create('cartella', { persona: persona.id, apertaIl: '2025-03-03', responsabile: org.laura, minore: false, tutelaAutoritaGiudiziaria: false }, { at }), 'cartella');
    const presa = must(
      await s.create('presa-in-carico', { cartella: cartella.id, persona: persona.id, areaUtenza: AREA, servizio: org.servizio, caseManager: org.laura, avviataIl: '2025-03-03' }, { at }),
      'presa-in-carico',
    );
    return { ok: true, value: { persona: persona.id, cartella: cartella.id, presa: presa.id } };
  });
  await run(store, rs, async (s) => {
    const at = '2025-03-03T09:42:00Z';
    must(await s.create('assegnazione', { operatore: org.laura, presaInCarico: intake.presa, persona: intake.persona, ruolo: 'case-manager', dal: '2025-03-03' }, { at }), 'assegnazione');
    must(await s.create('assegnazione', { operatore: org.sara, presaInCarico: intake.presa, persona: intake.persona, ruolo: 'equipe', dal: '2025-03-03' }, { at }), 'assegnazione');
    return { ok: true, value: true };
  });
  const care = await run(store, as, async (s) => {
    must(await s.transition('presa-in-carico', intake.presa, 'attiva', { expectedVersion: 1, at: '2025-03-04T08:30:00Z' }), 'attiva');
    const sina = {
      mobilita: '2', attivitaVitaQuotidiana: '2', disturbiAreaCognitiva: '1', disturbiComportamentali: '1', necessitaCureSanitarie: '2',
      areaReddituale: '3', areaSupporto: '2', fonteDerivazioneValutazione: '1', strumentoValutazione: '1', necessitaInterventiSociali: ['A2.07'],
    };
    const valutazione = must(
      await s.create(
        'valutazione',
        {
          persona: intake.persona, presaInCarico: intake.presa, tipo: 'sina', data: '2025-03-06',
          strumento: { system: 'siuss.sina.strumento-valutazione', version: 'PS_PSA_SINA201812', code: '1' },
          fonte: { system: 'siuss.sina.fonte-derivazione', version: 'PS_PSA_SINA201812', code: '1' }, sina,
        },
        { at: '2025-03-06T10:00:00Z' },
      ),
      'valutazione',
    );
    must(await s.transition('valutazione', valutazione.id, 'completa', { expectedVersion: 1, at: '2025-03-06T12:00:00Z' }), 'completa');
    must(await s.transition('valutazione', valutazione.id, 'valida', { expectedVersion: 2, at: '2025-03-07T09:00:00Z' }), 'valida');
    const intervento = must(
      await s.create(
        'intervento',
        {
          persona: intake.persona, presaInCarico: intake.presa, senzaPresaInCarico: false,
          prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A2.07' }, denominazione: 'Assistenza domiciliare socio-assistenziale (SAD)',
          areaUtenza: AREA, carattere: '1', provaMezzi: '1', dsu: { numeroProtocollo: 'INPS-ISEE-2025-00001234X-00', anno: 2025, data: '2025-02-10' },
          sogliaIseeCents: 2_000_000, dal: '2025-04-01', al: '2025-09-30', quantitaOreMese: 20, enteGestore: 'Cooperativa sociale Esempio',
        },
        { at: '2025-03-12T09:00:00Z' },
      ),
      'intervento',
    );
    must(await s.transition('intervento', intervento.id, 'autorizza', { expectedVersion: 1, at: '2025-03-14T11:00:00Z', data: { attoAutorizzativo: { numero: 'DD 1234/2025', data: '2025-03-14' } } }), 'autorizza');
    must(await s.transition('intervento', intervento.id, 'avvia', { expectedVersion: 2, at: '2025-04-01T09:00:00Z' }), 'avvia');
    return { ok: true, value: { valutazione: valutazione.id, intervento: intervento.id } };
  });
  return { rs, as, sys, servizio: org.servizio, ...intake, ...care };
}

/** Runs `fn(tx)` in one owner transaction that sees the Ente's rows (riuso.enti set, role unchanged). */
async function asOwner(store, fn) {
  return store.executor.transaction(async (tx) => {
    await tx.query("select set_config('riuso.enti', $1, true)", [ENTE]);
    return fn(tx);
  });
}

/**
 * `n` clones of the seeded intervento (same person and presa in carico, `in-erogazione`, version 3),
 * new UUIDs. Returns their ids.
 */
export async function cloneInterventi(store, seeded, n) {
  return asOwner(store, async (tx) => {
    const src = await tx.query('SELECT persona, presa_in_carico, progetto, status, version, schema_version, created_at, updated_at, data FROM intervento WHERE ente = $1 AND id = $2', [ENTE, seeded.intervento]);
    const row = src.rows[0];
    if (row === undefined) throw new Error('seeded intervento not found');
    const ids = Array.from({ length: n }, () => randomUUID());
    await tx.query(
      `INSERT INTO intervento (ente, id, persona, presa_in_carico, progetto, status, version, schema_version, created_at, updated_at, data)
       SELECT ente, id, persona, presa_in_carico, progetto, status, version, schema_version, created_at, updated_at, data
       FROM jsonb_to_recordset($1::jsonb) AS x(ente text, id uuid, persona uuid, presa_in_carico uuid, progetto uuid, status text, version integer,
         schema_version integer, created_at timestamptz, updated_at timestamptz, data jsonb)`,
      [
        JSON.stringify(
          ids.map((id) => ({
            ente: ENTE, id, persona: row.persona, presa_in_carico: row.presa_in_carico, progetto: row.progetto, status: row.status, version: row.version,
            schema_version: row.schema_version, created_at: row.created_at, updated_at: row.updated_at, data: { ...row.data, id },
          })),
        ),
      ],
    );
    return ids;
  });
}

/**
 * One erogazione made and validated through the store (the template), then `n` clones in `validata`
 * inserted with raw SQL in batches of `batch`. Month `m` of each clone: `months[i % months.length]`
 * (within the intervento's period, April–September 2025). Returns the seeding time in ms.
 */
export async function seedErogazioni(store, seeded, n, { months = [5, 6, 7, 8, 9], batch = 5000, offset = 0 } = {}) {
  const template = await run(
    store,
    seeded.as,
    async (s) => {
      const e = must(
        await s.create(
          'erogazione',
          {
            intervento: seeded.intervento, persona: seeded.persona, dal: '2025-04-01', al: '2025-04-28', importoCents: 44_000, importoMensileCents: 44_000,
            quotaEnteCents: 40_000, quotaUtenteCents: 4_000, oreErogate: 20, valutazione: seeded.valutazione, valutazioneData: '2025-03-06',
          },
          { at: '2025-10-05T09:00:00Z' },
        ),
        'erogazione',
      );
      return { ok: true, value: must(await s.transition('erogazione', e.id, 'valida', { expectedVersion: 1, at: '2025-10-06T09:00:00Z' }), 'valida') };
    },
    'template erogazione',
  );
  // Validating the template through the store leaves it `validata` too: one more row for the queue.
  const t = performance.now();
  for (let start = 0; start < n; start += batch) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const k = offset + i;
      const month = String(months[k % months.length]).padStart(2, '0');
      const quotaUtente = 1_000 + (k % 7_000);
      const importo = 40_000 + quotaUtente;
      const id = randomUUID();
      const data = { ...template, id, dal: `2025-${month}-01`, al: `2025-${month}-28`, importoCents: importo, importoMensileCents: importo, quotaUtenteCents: quotaUtente };
      rows.push({
        ente: ENTE, id, intervento: seeded.intervento, persona: seeded.persona, valutazione: seeded.valutazione, dal: data.dal, al: data.al, status: data.status,
        version: data.version, created_at: data.createdAt, updated_at: data.updatedAt, data,
      });
    }
    await asOwner(store, (tx) =>
      tx.query(
        `INSERT INTO erogazione (ente, id, intervento, persona, valutazione, dal, al, status, version, schema_version, created_at, updated_at, data)
         SELECT ente, id, intervento, persona, valutazione, dal, al, status, version, $2::integer, created_at, updated_at, data
         FROM jsonb_to_recordset($1::jsonb) AS x(ente text, id uuid, intervento uuid, persona uuid, valutazione uuid, dal date, al date, status text,
           version integer, created_at timestamptz, updated_at timestamptz, data jsonb)`,
        [JSON.stringify(rows), ENTITY_SCHEMA_VERSION],
      ),
    );
  }
  return { template, ms: performance.now() - t };
}

/** ANALYZE every table (as the owner), as after a bulk load in service. */
export async function analyze(store) {
  await store.executor.query('ANALYZE');
}
