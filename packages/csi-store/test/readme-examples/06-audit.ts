// SPDX-License-Identifier: BSD-3-Clause
import type { Store } from '@riuso-sociale/csi-store';

// Ogni notte: verifica la catena dell'Ente, anche rispetto alla testata conservata fuori dal database
// l'ultima volta, poi restituisce quella nuova da conservare.
export async function verificaAudit(store: Store, ente: string, testataConservata?: { seq: number; hash: string | null }) {
  const v = await store.verifyAudit({ ente, ...(testataConservata === undefined ? {} : { expectedHead: testataConservata }) });
  if (!v.ok) return v; // csi.audit.chain_broken, csi.audit.unknown_key, store.audit, …: il registro è stato alterato
  return store.auditHead({ ente }); // { ente, seq, hash }
}
