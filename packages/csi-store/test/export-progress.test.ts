// SPDX-License-Identifier: BSD-3-Clause
/**
 * `exportSiuss({ onProgress })`: told the size of the queue once and the records handled as the
 * export goes (what `csi-store export-siuss` shows on a terminal); a callback that throws changes
 * nothing; without it, nothing is counted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Instant } from '@riuso-sociale/csi-model';
import type { Store } from '../src/index.js';
import { closeAll, TARGETS } from './support/targets.js';
import { addErogazioni, run, seedEnte } from './support/fixture.js';

afterAll(closeAll);

const AT = '2025-11-01T02:00:00Z' as Instant;

describe.each(TARGETS)('exportSiuss onProgress ($name)', (target) => {
  // One store for both tests (opening one runs the migrations: the slow part), one Ente each.
  let opened: Promise<Store> | undefined;
  const store = (): Promise<Store> => (opened ??= target.open());

  it.skipIf(!target.available)('PS: the total once, handled counts rising to the total; the report unchanged', async () => {
    const seeded = await seedEnte(await store());
    await addErogazioni(await store(), seeded, 5);
    const seen: { handled: number; total: number }[] = [];
    const report = await run(await store(), seeded.ente, seeded.sys, (s) =>
      s.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione', at: AT, onProgress: (p) => seen.push({ ...p }) }),
    );
    expect(report.exported).toBe(5);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen.map((p) => p.total))).toEqual(new Set([5]));
    const handled = seen.map((p) => p.handled);
    expect(handled).toEqual([...handled].sort((a, b) => a - b));
    expect(handled[handled.length - 1]).toBe(5);
  });

  it.skipIf(!target.available)('a callback that throws changes nothing: the export completes', async () => {
    const seeded = await seedEnte(await store(), 'H501');
    await addErogazioni(await store(), seeded, 3);
    const report = await run(await store(), seeded.ente, seeded.sys, (s) =>
      s.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'file', at: AT, onProgress: () => { throw new Error('display failed'); } }),
    );
    expect(report.exported).toBe(3);
    expect(report.flows).toHaveLength(1);
  });
});
