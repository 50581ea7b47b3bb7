// SPDX-License-Identifier: BSD-3-Clause
import type { IsoDate } from '@riuso-sociale/core';
import type { SessionScope, Store } from '@riuso-sociale/csi-store';

// Il lavoro notturno, come operatore con ruolo «sistema»: le erogazioni validate non ancora esportate
// diventano flussi (in «cooperazione»: uno per beneficiario e prestazione, come li preleva INPS).
export async function esportaSiuss(store: Store, scope: SessionScope, finoAl: IsoDate) {
  return store.withSession(scope, (s) => s.exportSiuss({ kind: 'PS', upTo: finoAl, mode: 'cooperazione' }));
}

// Ciò che serve al servizio WaaS: GET /flussi?since=<ultimo ts_flusso acquisito> …
export async function flussiDopo(store: Store, scope: SessionScope, since: number) {
  return store.withSession(scope, (s) => s.siussFlows({ since, limit: 10 }));
}

// … e POST /esiti: idempotente, un esito ripetuto non cambia nulla ('duplicate').
export async function registraEsito(store: Store, scope: SessionScope, idFlusso: string, idAcquisizione: string) {
  return store.withSession(scope, (s) => s.recordEsito({ idFlusso, codice: 'OK', idAcquisizione }));
}

// SINBA: le valutazioni SINBA validate dei minori, in schede pseudonime. La chiave dell'Ente (almeno
// 32 byte, sempre la stessa) viene da un archivio di segreti, mai dal database.
export async function esportaSinba(store: Store, scope: SessionScope, finoAl: IsoDate, chiave: Uint8Array) {
  return store.withSession(scope, (s) => s.exportSiuss({ kind: 'SINBA', upTo: finoAl, mode: 'file', pseudonymKey: chiave }));
}
