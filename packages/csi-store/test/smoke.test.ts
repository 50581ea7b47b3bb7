// SPDX-License-Identifier: BSD-3-Clause
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, TARGETS } from './support/targets.js';
import { addErogazioni, must, run, seedEnte } from './support/fixture.js';

afterAll(closeAll);

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`smoke on ${target.name}`, () => {
    it('seeds, exports and verifies', async () => {
      const store = await target.open();
      const seeded = await seedEnte(store);
      await addErogazioni(store, seeded, 2);
      const report = await run(store, seeded.ente, seeded.sys, (s) => s.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione', at: '2025-11-01T02:00:00Z' as never }));
      expect(report.skipped).toEqual([]);
      expect(report.exported).toBe(2);
      const v = must(await store.verifyAudit({ ente: seeded.ente }));
      expect(v.events).toBeGreaterThan(10);
    });
  });
}
