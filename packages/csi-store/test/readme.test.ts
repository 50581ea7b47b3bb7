// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every ```ts block of README.md compiles and runs.
 *
 * Each block is kept, byte for byte, in test/readme-examples/NN-name.ts (after its SPDX line): the
 * first tests (the shared harness, test/support/readme-examples.ts at the repository root) check that
 * the README and the files agree, in order, and that the examples import only public entry points;
 * `npm run typecheck` compiles the files with the package's strict settings; the tests below run them
 * — the top-level ones by importing them (with `console.log(x); // expected` comments checked against
 * what they print), the ones that define functions by calling them on a store seeded with
 * test/support/fixture.ts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInItaly, type IsoDate } from '@riuso-sociale/core';
import { describeReadmeExamples, expectedLogs, runTopLevel } from '../../../test/support/readme-examples.js';
import type { SessionScope, Store } from '../src/index.js';
import { addErogazioni, CF, ITALIANA, must, run, seedEnte, type Seeded } from './support/fixture.js';
import { addMinore } from './support/sinba.js';
import { closeAll, freshDatabase, PG_URL, TARGETS } from './support/targets.js';

afterAll(closeAll);

const PKG = join(import.meta.dirname, '..');
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

const { text: readme, blocks, files, example } = describeReadmeExamples({
  readme: join(PKG, 'README.md'),
  examplesDir: join(import.meta.dirname, 'readme-examples'),
  allowedImports: /^(@riuso-sociale\/(core|csi-store)|pg|node:[a-z/]+)$/,
});

describe('README and the site pages point to what exists', () => {
  it('every test file the README names exists', () => {
    const named = [...new Set([...readme.matchAll(/`(test\/[a-z0-9-]+\.test\.ts)`/g)].map((m) => m[1] as string))];
    expect(named.length).toBeGreaterThan(5);
    for (const f of named) expect(existsSync(join(PKG, f)), f).toBe(true);
  });

  // VitePress leaves an include whose file or region is missing as an HTML comment, silently.
  it.each(['docs/guida/persistenza.md', 'docs/en/guide/persistence.md'])('%s includes every README example and the diagram region, all present', (page) => {
    const path = join(PKG, '..', '..', page);
    const text = readFileSync(path, 'utf8');
    const included: string[] = [];
    for (const m of text.matchAll(/<!--\s*@include:\s*(.*?)\s*-->/g)) {
      const spec = m[1] as string;
      const region = /#([\w-]+)/.exec(spec)?.[1];
      const file = join(path, '..', spec.replace(/#[\w-]+/, '').replace(/\{\d*,\d*\}$/, ''));
      expect(existsSync(file), `${page}: ${spec}`).toBe(true);
      if (region !== undefined) {
        const target = readFileSync(file, 'utf8');
        expect(target, `${page}: region ${region}`).toContain(`<!-- #region ${region} -->`);
        expect(target, `${page}: region ${region}`).toContain(`<!-- #endregion ${region} -->`);
      }
      if (spec.includes('readme-examples/')) {
        expect(spec, `${page}: examples are shown without their SPDX line`).toMatch(/\{2,\}$/);
        included.push(file.split('/').pop() as string);
      }
    }
    expect(sorted(included)).toEqual(files);
    expect(text).toContain('docs/schema.md#er-diagram');
  });
});

describe('README: quick start and opening a store', () => {
  it('01: the in-memory store, a session that creates, another that reads', async () => {
    expect(await runTopLevel(example(1))).toEqual(expectedLogs(blocks[0] as string));
  }, 180_000);

  it(`02: on disk (dataDir)${PG_URL === undefined ? '' : ', on a server (connectionString) and with the vendor’s pool'}, with the key from CSI_STORE_AUDIT_KEY`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csi-store-readme-'));
    const cwd = process.cwd();
    const env = { key: process.env.CSI_STORE_AUDIT_KEY, url: process.env.DATABASE_URL };
    const server = PG_URL === undefined ? undefined : await freshDatabase();
    try {
      process.chdir(dir);
      process.env.CSI_STORE_AUDIT_KEY = `readme-2026:${randomBytes(32).toString('hex')}`;
      if (server === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = server.url;
      expect(await runTopLevel(example(2))).toEqual(expectedLogs(blocks[1] as string));
      expect(existsSync(join(dir, 'dati-cartella', 'PG_VERSION'))).toBe(true);
    } finally {
      process.chdir(cwd);
      if (env.key === undefined) delete process.env.CSI_STORE_AUDIT_KEY;
      else process.env.CSI_STORE_AUDIT_KEY = env.key;
      if (env.url === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = env.url;
      await server?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('README: the functions of the examples, on a seeded store', () => {
  let store: Store;
  let seeded: Seeded;
  let scope: SessionScope;

  beforeAll(async () => {
    store = await (TARGETS[0] as (typeof TARGETS)[number]).open();
    seeded = await seedEnte(store);
    scope = { ente: seeded.ente, actor: seeded.as };
  }, 300_000);

  it('03: a failed Result rolls back everything the session wrote; an ok one commits', async () => {
    const { apriCartella } = (await import(example(3))) as typeof import('./readme-examples/03-tutto-o-niente.js');
    const persona = {
      id: '3f0e6a52-6a4c-4e7a-9d43-2b8f1c1f0a01',
      codiceFiscale: CF.persona2, cognome: 'Ferri', nome: 'Carlo', sesso: '1', dataNascita: '1975-01-20', luogoNascita: 'H501',
      cittadinanza: ITALIANA, residenza: { codiceComuneIstat: '037006', codiceRegione: '08', codiceNazione: '380' }, capacitaGiuridica: { tipo: 'piena' },
    } as const;
    const failed = await apriCartella(store, scope, persona, '2025-02-30');
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.issues[0].code).toBe('store.invalid');
    const rows = async () => Number((await store.executor.query<{ n: string }>('select count(*)::text as n from persona where id = $1', [persona.id])).rows[0]?.n);
    expect(await rows()).toBe(0); // the persona created before the failure is gone
    const done = must(await apriCartella(store, scope, persona, '2025-03-10'));
    expect(done.persona.id).toBe(persona.id);
    expect(done.cartella.status).toBe('aperta');
    expect(await rows()).toBe(1);
  }, 120_000);

  it('04: the vendor’s SQL without WHERE ente sees the Comune of the session, or the Comuni of its Ambito', async () => {
    const { contaPersone } = (await import(example(4))) as typeof import('./readme-examples/04-tra-comuni.js');
    const other = await seedEnte(store, 'F205', CF.persona3);
    const count = async (ente: string) => Number((await store.executor.query<{ n: string }>('select count(*)::text as n from persona where ente = $1', [ente])).rows[0]?.n);
    const inA944 = await count('A944');
    const inF205 = await count('F205');
    expect(inA944).toBeGreaterThan(0);
    expect(inF205).toBeGreaterThan(0);
    expect(must(await contaPersone(store, scope))).toBe(inA944);
    expect(must(await contaPersone(store, { ente: 'F205', actor: other.as }))).toBe(inF205);
    must(await store.defineAmbito('BO-01', ['A944', 'F205']));
    expect(must(await contaPersone(store, { ...scope, ambito: 'BO-01' }))).toBe(inA944 + inF205);
    must(await store.defineAmbito('BO-02', ['A944']));
    expect(must(await contaPersone(store, { ...scope, ambito: 'BO-02' }))).toBe(inA944);
  }, 180_000);

  it('06: the audit chain verifies, also against a head kept earlier; a forged head does not', async () => {
    const { verificaAudit } = (await import(example(6))) as typeof import('./readme-examples/06-audit.js');
    const first = must(await verificaAudit(store, 'A944'));
    expect(first.ente).toBe('A944');
    expect(first.seq).toBeGreaterThan(0);
    await run(store, 'A944', seeded.as, (s) => s.get('cartella', seeded.cartella)); // one more event (a read)
    const second = must(await verificaAudit(store, 'A944', { seq: first.seq, hash: first.hash }));
    expect(second.seq).toBe(first.seq + 1);
    const forged = await verificaAudit(store, 'A944', { seq: first.seq, hash: 'f'.repeat(64) });
    expect(forged.ok).toBe(false);
    if (!forged.ok) expect(forged.issues[0].code).toBe('store.audit');
  }, 120_000);

  it('07: export, flows after a cursor with ts_flusso increasing, esito recorded once', async () => {
    const { esportaSiuss, flussiDopo, registraEsito } = (await import(example(7))) as typeof import('./readme-examples/07-siuss.js');
    await addErogazioni(store, seeded, 2);
    const sys: SessionScope = { ente: seeded.ente, actor: seeded.sys };
    const report = must(await esportaSiuss(store, sys, '2025-12-31' as IsoDate));
    expect(report.skipped).toEqual([]);
    expect(report.exported).toBe(2);
    expect(report.flows).toHaveLength(2); // cooperazione: one erogazione per flow
    expect(must(await esportaSiuss(store, sys, '2025-12-31' as IsoDate)).exported).toBe(0); // nothing new
    const flows = must(await flussiDopo(store, sys, 0));
    expect(flows.map((f) => f.idFlusso).sort()).toEqual(report.flows.map((f) => f.idFlusso).sort());
    expect(flows[1]?.tsFlusso).toBeGreaterThan(flows[0]?.tsFlusso ?? Infinity);
    const [first] = flows;
    expect(first?.status).toBe('generato');
    expect(must(await registraEsito(store, sys, first?.idFlusso ?? '', '4242'))).toBe('recorded');
    expect(must(await registraEsito(store, sys, first?.idFlusso ?? '', '4242'))).toBe('duplicate');
    expect(must(await registraEsito(store, sys, 'A944.PS.20990101.0000001', '1'))).toBe('unknown-flow');
    const after = must(await flussiDopo(store, sys, 0)).find((f) => f.id === first?.id);
    expect(after?.status).toBe('accettato');
    expect(after?.esito).toEqual({ codice: 'OK', idAcquisizione: '4242' });
    expect(after?.tsFlusso).toBe(first?.tsFlusso); // a change of state never moves ts_flusso
    expect(must(await flussiDopo(store, sys, flows[1]?.tsFlusso ?? 0))).toEqual([]);
    // SINBA: a minor's validated assessment, one pseudonymous file flow; the key is required.
    const { esportaSinba } = (await import(example(7))) as typeof import('./readme-examples/07-siuss.js');
    await addMinore(store, seeded);
    const sinba = must(await esportaSinba(store, sys, '2025-12-31' as IsoDate, randomBytes(32)));
    expect(sinba).toMatchObject({ exported: 1, skipped: [] });
    expect(sinba.flows[0]?.idFlusso).toMatch(/^A944\.SINBA\./);
    expect(must(await esportaSinba(store, sys, '2025-12-31' as IsoDate, randomBytes(32))).exported).toBe(0);
    const short = await esportaSinba(store, sys, '2025-12-31' as IsoDate, randomBytes(8));
    expect(short.ok || short.issues[0].code).toBe('store.invalid');
  }, 180_000);

  it('05: read, transition with the version read; on store.conflict read again and retry', async () => {
    const { sospendiPresa } = (await import(example(5))) as typeof import('./readme-examples/05-conflitti.js');
    // Someone else changes the presa in carico between the read and the write of the first attempt.
    let calls = 0;
    const racing: Store = {
      ...store,
      async withSession(sc, fn) {
        calls += 1;
        if (calls === 2) {
          const p = await run(store, seeded.ente, seeded.as, (s) => s.get('presa-in-carico', seeded.presa));
          await run(store, seeded.ente, seeded.as, async (s) => {
            const sospesa = must(await s.transition('presa-in-carico', seeded.presa, 'sospendi', { expectedVersion: p.version, reason: 'verifica' }));
            return s.transition('presa-in-carico', seeded.presa, 'riprendi', { expectedVersion: sospesa.version });
          });
        }
        return store.withSession(sc, fn);
      },
    };
    const before = await run(store, seeded.ente, seeded.as, (s) => s.get('presa-in-carico', seeded.presa));
    const r = must(await sospendiPresa(racing, scope, seeded.presa, 'ricovero ospedaliero'));
    expect(calls).toBe(4); // read, conflict, read again, write
    expect(r.status).toBe('sospesa');
    expect(r.version).toBe(before.version + 3);
    // Without a race it succeeds at once; an event the lifecycle refuses is returned as it is.
    const again = await sospendiPresa(store, scope, seeded.presa, 'ancora');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.issues[0].code).toMatch(/^csi\.lifecycle\./);
    expect(must(await store.verifyAudit({ ente: seeded.ente })).events).toBeGreaterThan(0);
  }, 180_000);

  it('08: the operator’s answer, a review decision that changes the next one, the citizen’s own view', async () => {
    const { rispostaAccesso, trattieni, areaPersonale } = (await import(example(8))) as typeof import('./readme-examples/08-fascicolo.js');
    const oggi = todayInItaly(new Date());
    const nota = await run(store, seeded.ente, seeded.as, async (s) => {
      const d = must(await s.create('diario', {
        persona: seeded.persona, presaInCarico: seeded.presa, tipo: 'visita-domiciliare', data: '2025-03-12', autore: seeded.as.operatoreId,
        partecipanti: ['assistente sociale'], testo: 'Colloquio.', riservatezza: 'normale',
      } as never));
      return { ok: true as const, value: d.id };
    });
    // The service manager joins the case, to decide on its items.
    await run(store, seeded.ente, seeded.rs, async (s) => {
      must(await s.create('assegnazione', { operatore: seeded.rs.operatoreId, presaInCarico: seeded.presa, persona: seeded.persona, ruolo: 'equipe', dal: '2025-03-03' } as never));
      return { ok: true as const, value: true };
    });
    const prima = must(await rispostaAccesso(store, scope, seeded.persona, CF.persona, oggi));
    expect(prima.complete).toBe(true);
    expect(prima.view.needsReview.map((x) => x.ref)).toContain(`diario:${nota}`);
    must(await trattieni(store, { ente: seeded.ente, actor: seeded.rs }, seeded.persona, `diario:${nota}`));
    const dopo = must(await rispostaAccesso(store, scope, seeded.persona, CF.persona, oggi));
    expect(dopo.decisions).toBe(1);
    expect(dopo.view.needsReview.map((x) => x.ref)).not.toContain(`diario:${nota}`);
    const chiave = randomBytes(32);
    const mia = must(await areaPersonale(store, seeded.ente, seeded.persona, CF.persona, oggi, chiave));
    expect(mia.view.purpose).toBe('portal');
    const altrui = await areaPersonale(store, seeded.ente, seeded.persona, CF.persona2, oggi, chiave);
    expect(altrui.ok).toBe(false);
    if (!altrui.ok) expect(altrui.issues[0]).toMatchObject({ code: 'store.denied', params: { rule: 'not-the-subject' } });
    expect(must(await store.verifyAudit({ ente: seeded.ente })).events).toBeGreaterThan(0);
  }, 180_000);
});
