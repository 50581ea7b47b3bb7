// SPDX-License-Identifier: BSD-3-Clause
import { ok } from '@riuso-sociale/core';
import { createVoucherVerifier, createWaasHandler, type WaasEsitoOutcome, type WaasFlow, type WaasSource } from '@riuso-sociale/siuss-waas';
import { createTestAuthority, simulateInps } from '@riuso-sociale/siuss-waas/testing';

// L'archivio di un fornitore (qui un array) dietro l'interfaccia WaasSource.
const flussi: WaasFlow[] = [{ idFlusso: 'A944.PS.20250603.0000001', tsFlusso: Date.UTC(2025, 5, 3, 2), tipo: 'PS_PSA_SINA', xml: '<Flusso/>' }];
const esiti = new Map<string, string>();
const source: WaasSource = {
  async listFlows({ since, limit }) {
    return ok(flussi.filter((f) => f.tsFlusso > since).slice(0, limit));
  },
  async recordEsiti(elenco) {
    return ok(elenco.map((e): WaasEsitoOutcome => {
      if (!flussi.some((f) => f.idFlusso === e.idFlusso)) return 'unknown-flow';
      const prima = esiti.get(e.idFlusso);
      if (prima !== undefined) return prima === e.codice ? 'duplicate' : 'already-final';
      esiti.set(e.idFlusso, e.codice);
      return 'recorded';
    }));
  },
  async ping() {
    return ok(true as const);
  },
};

// Un'autorità PDND DI PROVA (chiave in memoria) e il gestore configurato per fidarsi di lei.
const authority = await createTestAuthority();
const handler = createWaasHandler({
  source,
  ente: { codice: 'A944', denominazione: 'Comune di Bologna' },
  voucher: createVoucherVerifier(authority.verifierOptions()),
  logger: () => {},
});

// L'INPS simulato, senza socket (fetch: il gestore stesso): l'XML «<Flusso/>» non supera l'XSD, quindi
// risponde RICHIESTA_INVALIDA con il primo errore trovato.
const report = await simulateInps({ fetch: handler, voucher: () => authority.issue() });
console.log(report.flows.map((f) => f.esito?.codice_esito), report.errors); // [ 'RICHIESTA_INVALIDA' ] []
console.log([...esiti]); // [ [ 'A944.PS.20250603.0000001', 'RICHIESTA_INVALIDA' ] ]

// Voucher contraffatti, scaduti o di un client non ammesso: 401 o 403, e l'archivio non cambia.
const prova = async (voucher: string) =>
  (await handler(new Request('http://127.0.0.1/flussi?since=0', { headers: { authorization: `Bearer ${voucher}` } }))).status;
const stati = [
  await prova(await authority.forge.unsigned()), // alg: none
  await prova(await authority.forge.hs256WithPublicKey()), // HS256 con la chiave pubblica come segreto
  await prova(await authority.forge.withForeignKey()), // firmato da un'altra chiave, stesso kid
  await prova(await authority.issue({ now: Date.UTC(2020, 0, 1) })), // scaduto
  await prova(await authority.issue({ header: { typ: 'JWT' } })), // typ diverso da at+jwt
  await prova(await authority.issue({ sub: 'altro-client', client_id: 'altro-client' })), // client non ammesso
];
console.log(stati); // [ 401, 401, 401, 401, 401, 403 ]
console.log(esiti.size); // 1
