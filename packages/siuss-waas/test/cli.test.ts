// SPDX-License-Identifier: BSD-3-Clause
/**
 * `siuss-waas serve` on a real store on disk (PGlite, migrated and seeded by csi-store), over real
 * HTTP with vouchers of the test PDND authority (JWKS from a file): it serves, stops on the signal,
 * closes the store; and every misconfiguration is one bilingual line with exit 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@riuso-sociale/csi-store';
import { createTestAuthority, type TestAuthority } from '../src/testing/index.js';
import { runCli, type CliIo } from '../src/cli.js';
import { addErogazioni, must, run, seedEnte, type Seeded } from '../../csi-store/test/support/fixture.js';

const KEY_HEX = '5a'.repeat(32);
const ENV = { CSI_STORE_AUDIT_KEY: `waas-cli:${KEY_HEX}` };
let dir: string;
let dataDir: string;
let jwksFile: string;
let authority: TestAuthority;
let seeded: Seeded;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siuss-waas-cli-'));
  dataDir = join(dir, 'store');
  jwksFile = join(dir, 'jwks.json');
  authority = await createTestAuthority();
  writeFileSync(jwksFile, JSON.stringify(authority.jwks));
  const store = await openStore({ dataDir, auditKey: { id: 'waas-cli', secret: new Uint8Array(Buffer.from(KEY_HEX, 'hex')) } });
  seeded = await seedEnte(store);
  await addErogazioni(store, seeded, 2);
  await run(store, seeded.ente, seeded.sys, (s) => s.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione', at: '2025-11-01T02:00:00Z' as never }));
  await store.close();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(extra: Partial<CliIo> = {}): CliIo & { lines: string[]; errors: string[]; logs: unknown[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  const logs: unknown[] = [];
  return { out: (t) => lines.push(t), err: (t) => errors.push(t), env: ENV, logger: (e) => logs.push(e), ...extra, lines, errors, logs };
}

const serveArgs = (over: Record<string, string> = {}): string[] =>
  Object.entries({
    '--data-dir': dataDir, '--ente': 'A944', '--denominazione': 'Comune di Bologna', '--operatore': seeded.sys.operatoreId,
    '--issuer': authority.issuer, '--audience': authority.audience, '--jwks-file': jwksFile, '--client-id': authority.clientId,
    '--port': '0', '--base-path': '/waas/v1', ...over,
  }).flatMap(([k, v]) => (v === '' ? [] : [k, v]));

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('siuss-waas serve', () => {
  it('serves the store\'s flows to a valid voucher, refuses a missing one, stops on the signal and closes the store', async () => {
    const controller = new AbortController();
    const console = io({ signal: controller.signal });
    const done = runCli(['serve', ...serveArgs()], console);
    await until(() => console.lines.some((l) => l.includes('in ascolto')));
    const url = /(http:\/\/\S+)/.exec(console.lines[0] ?? '')?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/waas\/v1$/);
    expect((await fetch(`${url}/status`)).status).toBe(200);
    expect((await fetch(`${url}/flussi?since=0`)).status).toBe(401);
    const voucher = await authority.issue();
    const r = await fetch(`${url}/flussi?since=0&limit=100`, { headers: { authorization: `Bearer ${voucher}` } });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { elenco_flussi: { codice_ente: string; denominazione_ente: string }[] };
    expect(body.elenco_flussi).toHaveLength(2);
    expect(body.elenco_flussi[0]).toMatchObject({ codice_ente: 'A944', denominazione_ente: 'Comune di Bologna' });
    controller.abort();
    expect(await done).toBe(0);
    expect(console.lines.at(-1)).toBe('siuss-waas: fermato');
    expect(JSON.stringify(console.logs)).not.toContain(voucher);
    // The store was closed: PGlite on disk opens again (one process at a time).
    const again = await openStore({ dataDir, auditKey: { id: 'waas-cli', secret: new Uint8Array(Buffer.from(KEY_HEX, 'hex')) }, migrate: false });
    const flows = must(await again.withSession({ ente: 'A944', actor: seeded.sys }, (s) => s.siussFlows({ since: 0, limit: 100 })));
    expect(flows.map((f) => f.status)).toEqual(['inviato', 'inviato']);
    must(await again.verifyAudit({ ente: 'A944' }));
    await again.close();
  }, 60_000);

  it.each([
    ['no database', { '--data-dir': '' }, 'manca il database'],
    ['a bad Ente', { '--ente': 'a944' }, 'ente'],
    ['no client id', { '--client-id': '' }, 'manca --client-id'],
    ['both JWKS sources', { '--jwks-url': 'https://interop.pagopa.it/.well-known/jwks.json' }, 'jwks'],
    ['an http JWKS URL', { '--jwks-file': '', '--jwks-url': 'http://example.org/jwks.json' }, 'https'],
    ['a port out of range', { '--port': '70000' }, '--port'],
    ['TLS cert without key', { '--tls-cert': '/nonexistent.pem' }, '--tls-key'],
    ['an operator that is not the Ente\'s sistema', { '--operatore': '0f8fad5b-d9cb-469f-a165-70867728950e' }, 'non pronto'],
  ])('%s: one line, exit 2, nothing served', async (_name, over, needle) => {
    const console = io();
    expect(await runCli(['serve', ...serveArgs(over)], console)).toBe(2);
    expect(console.errors[0]?.toLowerCase()).toContain(needle.toLowerCase());
    expect(console.lines.filter((l) => l.includes('in ascolto'))).toEqual([]);
  }, 60_000);

  it('the audit key comes from the environment only; English with --lang en; --version and --help', async () => {
    const noKey = io({ env: {} });
    expect(await runCli(['serve', ...serveArgs()], noKey)).toBe(2);
    expect(noKey.errors[0]).toContain('CSI_STORE_AUDIT_KEY');
    const en = io({ env: {} });
    expect(await runCli(['serve', ...serveArgs(), '--lang', 'en'], en)).toBe(2);
    expect(en.errors[0]).toContain('no audit key');
    const v = io();
    expect(await runCli(['--version'], v)).toBe(0);
    expect(v.lines[0]).toMatch(/^(dev|\d+\.\d+\.\d+)/);
    const h = io();
    expect(await runCli(['--help'], h)).toBe(0);
    expect(h.lines[0]).toContain('siuss-waas serve');
    const unknown = io();
    expect(await runCli(['start'], unknown)).toBe(2);
    expect(await runCli(['serve', '--bogus', 'x'], unknown)).toBe(2);
    expect(unknown.errors.join('\n')).toContain('--bogus');
  });
});
