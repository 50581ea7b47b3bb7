// SPDX-License-Identifier: BSD-3-Clause
/**
 * The load benchmark's script (bench/run.mjs) in a SHORT mode — a few clients for two seconds on a
 * few flows — so that `npm run bench` does not break unnoticed. It runs on the built packages (the
 * bench imports dist/, as the root `npm run bench` builds first): skipped when they are not built,
 * except under CI=true, where .ci/run builds before the tests and a missing build fails.
 * Only the correctness fields of its JSON output are asserted, never a timing. On the PostgreSQL
 * server when the suite has one (`RIUSO_TEST_DATABASE_URL`: seconds), else on PGlite (its own
 * start-up takes longer). Zone-independent: run in the first time-zone pass of `npm test` only.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const BUILT = ['siuss-waas/dist/index.js', 'siuss-waas/dist/testing.js', 'csi-store/dist/index.js', 'siuss-schema/dist/index.js', 'csi-model/dist/index.js', 'core/dist/index.js'].every((p) =>
  existsSync(join(pkg, '..', p)),
);
const SERVER = process.env.RIUSO_TEST_DATABASE_URL !== undefined && process.env.RIUSO_TEST_DATABASE_URL !== '';
const LATER_ZONE_PASS = process.env.RIUSO_TZ_PASS !== undefined && process.env.RIUSO_TZ_PASS !== '0';

// Under CI=true the packages are built before the tests (.ci/run): a missing build fails, never skips.
const SKIP_UNBUILT = !BUILT && process.env.CI !== 'true';
if (SKIP_UNBUILT) console.warn('\n*** siuss-waas bench smoke test SKIPPED: the packages are not built (npm run build) ***\n');

interface OpStats {
  readonly requests: number;
  readonly status: Record<string, number>;
}
interface BenchTarget {
  readonly name: string;
  readonly fiveXX: number;
  readonly networkErrors: number;
  readonly seeding: { readonly flows: number };
  readonly store: { readonly ops: { readonly get: OpStats; readonly post: OpStats }; readonly esitiAcked: number };
  readonly peer: { readonly ops: { readonly get: OpStats; readonly post: OpStats } };
  readonly sample: { readonly pages: number; readonly entries: number; readonly invalid: number };
  readonly correctness: {
    readonly ok: boolean;
    readonly checks: Record<string, boolean>;
    readonly counts: { readonly flows: number; readonly acked: number; readonly withEsito: number; readonly lost: number; readonly phantom: number; readonly wrongEsito: number; readonly auditOne: number; readonly auditMissing: number; readonly auditTwiceOrMore: number };
  };
  readonly logged: { readonly esiti: { readonly recorded: number; readonly alreadyFinal: number } };
  readonly audit: { readonly ok: boolean };
}
interface BenchOutput {
  readonly ok: boolean;
  readonly targets: readonly BenchTarget[];
}

function runBench(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(pkg, 'bench', 'run.mjs'), ...args], { cwd: pkg, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(SKIP_UNBUILT || LATER_ZONE_PASS)('bench/run.mjs, short mode', () => {
  it(`runs on ${SERVER ? 'PostgreSQL' : 'PGlite'} and its JSON reports no 5xx and every esito recorded exactly once`, { timeout: SERVER ? 30_000 : 90_000 }, async () => {
    const r = await runBench(['--seconds', '2', '--clients', '4', '--flows', '150', '--peer-seconds', '1', '--json', SERVER ? '--no-pglite' : '--no-server']);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    const out = JSON.parse(r.stdout) as BenchOutput;
    expect(out.ok).toBe(true);
    expect(out.targets).toHaveLength(1);
    const t = out.targets[0] as BenchTarget;
    expect(t.seeding.flows).toBe(150);
    // Load happened, on both servers, and nothing failed.
    expect(t.fiveXX).toBe(0);
    expect(t.networkErrors).toBe(0);
    expect(Object.keys(t.store.ops.get.status)).toEqual(['200']);
    expect(Object.keys(t.store.ops.post.status)).toEqual(['204']);
    expect(t.store.ops.get.requests).toBeGreaterThan(0);
    expect(t.store.ops.post.requests).toBeGreaterThan(0);
    expect(t.peer.ops.get.requests).toBeGreaterThan(0);
    expect(t.peer.ops.post.requests).toBeGreaterThan(0);
    // The payloads are real flows.
    expect(t.sample.pages).toBeGreaterThan(0);
    expect(t.sample.entries).toBeGreaterThan(0);
    expect(t.sample.invalid).toBe(0);
    // Correctness in the store: every acknowledged esito once, none lost, none twice.
    for (const [check, ok] of Object.entries(t.correctness.checks)) expect(ok, check).toBe(true);
    expect(t.correctness.ok).toBe(true);
    const c = t.correctness.counts;
    expect(c.flows).toBe(150);
    expect(c.acked).toBeGreaterThan(0);
    expect(c.withEsito).toBe(c.acked);
    expect(c.lost).toBe(0);
    expect(c.phantom).toBe(0);
    expect(c.wrongEsito).toBe(0);
    expect(c.auditOne).toBe(c.withEsito);
    expect(c.auditMissing).toBe(0);
    expect(c.auditTwiceOrMore).toBe(0);
    expect(t.logged.esiti.recorded).toBe(c.withEsito);
    expect(t.logged.esiti.alreadyFinal).toBe(0);
    expect(t.audit.ok).toBe(true);
  });
});
