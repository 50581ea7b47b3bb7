// SPDX-License-Identifier: BSD-3-Clause
import type { Store } from '@riuso-sociale/csi-store';
import { createWaasHandler, csiStoreSource, type VoucherVerifier, type WaasFetchHandler } from '@riuso-sociale/siuss-waas';

export interface ComuneServito {
  readonly codice: string; // codice Belfiore
  readonly denominazione: string;
  readonly operatoreSistema: string; // l'operatore «sistema» del Comune nell'archivio
  readonly voucher: VoucherVerifier; // ogni Comune ha il suo e-service su PDND: la sua audience
}

// Un Ambito serve più Comuni da un solo processo: un gestore per Comune, ciascuno sotto
// /waas/v1/<codice> (l'URL del server che ogni Comune dichiara nel suo e-service).
export function servizioAmbito(store: Store, comuni: readonly ComuneServito[]): WaasFetchHandler {
  const gestori = new Map<string, WaasFetchHandler>();
  for (const c of comuni) {
    gestori.set(c.codice, createWaasHandler({
      source: csiStoreSource(store, { ente: c.codice, actor: { operatoreId: c.operatoreSistema, role: 'sistema' } }),
      ente: { codice: c.codice, denominazione: c.denominazione },
      voucher: c.voucher,
      basePath: `/waas/v1/${c.codice}`,
    }));
  }
  return async (request) => {
    const codice = /^\/waas\/v1\/([A-Z]\d{3})\//.exec(new URL(request.url).pathname)?.[1];
    const gestore = codice === undefined ? undefined : gestori.get(codice);
    if (gestore !== undefined) return gestore(request);
    return new Response(JSON.stringify({ status: 404, title: 'Not Found', detail: 'Risorsa inesistente / No such resource' }), {
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
    });
  };
}
