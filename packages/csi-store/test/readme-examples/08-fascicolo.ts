// SPDX-License-Identifier: BSD-3-Clause
import type { IsoDate } from '@riuso-sociale/core';
import type { CitizenViewRequest, SessionScope, Store } from '@riuso-sociale/csi-store';

// L'operatore prepara la risposta a una richiesta di accesso (GDPR art. 15), con i propri permessi.
export async function rispostaAccesso(store: Store, scope: SessionScope, personaId: string, codiceFiscale: string, oggi: IsoDate) {
  return store.withSession(scope, async (s) => {
    const r = await s.citizenView(personaId, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale }, asOf: oggi });
    // !r.value.complete: record che l'operatore non può leggere (r.value.unreadableByKind): la risposta
    // va completata da chi può leggerli, mai inviata a metà. r.value.view.needsReview: le voci da decidere.
    return r;
  });
}

// Il responsabile del servizio decide su una voce in revisione, con il motivo (niente dati personali inutili).
export async function trattieni(store: Store, scope: SessionScope, personaId: string, ref: string) {
  return store.withSession(scope, (s) => s.recordReviewDecision({ personaId, ref, decision: 'withhold', ground: 'annotazione che riguarda terzi' }));
}

// L'area personale: la persona autenticata con SPID/CIE vede la propria cartella, senza operatore.
// La chiave degli pseudonimi (almeno 32 byte) viene da un archivio di segreti, mai dal database.
export async function areaPersonale(store: Store, ente: string, personaId: string, codiceFiscale: string, oggi: IsoDate, chiave: Uint8Array) {
  const richiesta: CitizenViewRequest = {
    ente, personaId, asOf: oggi, purpose: 'portal', pseudonymKey: chiave,
    actor: { kind: 'cittadino', codiceFiscale, requester: { kind: 'interessato' } },
  };
  return store.citizenView(richiesta); // store.denied con params.rule (not-the-subject, title-expired, …)
}
