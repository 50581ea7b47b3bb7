// SPDX-License-Identifier: BSD-3-Clause
import type { CreateInput, SessionScope, Store } from '@riuso-sociale/csi-store';

// Una sessione è tutto o niente: se la cartella non si può aprire, nemmeno la persona resta.
export async function apriCartella(store: Store, scope: SessionScope, persona: CreateInput<'persona'>, apertaIl: string) {
  return store.withSession(scope, async (s) => {
    const p = await s.create('persona', persona);
    if (!p.ok) return p; // ROLLBACK
    const c = await s.create('cartella', { persona: p.value.id, apertaIl, responsabile: scope.actor.operatoreId, minore: false, tutelaAutoritaGiudiziaria: false });
    if (!c.ok) return c; // ROLLBACK: anche la persona è annullata
    return { ok: true, value: { persona: p.value, cartella: c.value } }; // COMMIT
  });
}
