// SPDX-License-Identifier: BSD-3-Clause
import type { SessionScope, Store } from '@riuso-sociale/csi-store';

// SQL del fornitore senza «WHERE ente = …»: la Row-Level Security lo limita agli Enti della sessione
// (il Comune, o i Comuni dell'Ambito). Non passa da canAccess né dall'audit: per i report.
export async function contaPersone(store: Store, scope: SessionScope) {
  return store.withSession(scope, async (s) => {
    const r = await s.sql<{ n: string }>('select count(*)::text as n from persona');
    return { ok: true, value: Number(r.rows[0]?.n) };
  });
}
