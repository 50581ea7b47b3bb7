// SPDX-License-Identifier: BSD-3-Clause
import type { SessionScope, Store } from '@riuso-sociale/csi-store';

// Leggi, decidi, scrivi con la versione letta: se intanto qualcuno ha cambiato il record, la scrittura
// non avviene (store.conflict) e si ricomincia dalla lettura.
export async function sospendiPresa(store: Store, scope: SessionScope, id: string, motivo: string) {
  for (let tentativo = 1; ; tentativo++) {
    const letta = await store.withSession(scope, (s) => s.get('presa-in-carico', id));
    if (!letta.ok) return letta;
    const r = await store.withSession(scope, (s) => s.transition('presa-in-carico', id, 'sospendi', { expectedVersion: letta.value.version, reason: motivo }));
    if (r.ok || r.issues[0].code !== 'store.conflict' || tentativo === 3) return r;
  }
}
