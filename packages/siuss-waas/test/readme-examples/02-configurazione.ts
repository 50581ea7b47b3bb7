// SPDX-License-Identifier: BSD-3-Clause
import type { Server } from 'node:http';
import type { Store } from '@riuso-sociale/csi-store';
import { createVoucherVerifier, createWaasHandler, csiStoreSource, serveWaas } from '@riuso-sociale/siuss-waas';

// Una configurazione per ambiente PDND (collaudo, produzione): ogni valore viene dal back office PDND
// (pagina dell'e-service e della finalità) o dall'Ente, mai da una costante nel codice.
export async function avviaServizioWaas(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<Server> {
  const serve = (nome: string): string => {
    const valore = env[nome]?.trim();
    if (!valore) throw new Error(`Manca la variabile ${nome} / ${nome} is not set`);
    return valore;
  };
  const elenco = (nome: string): string[] | undefined => env[nome]?.split(',').map((v) => v.trim()).filter(Boolean);
  const ente = serve('WAAS_ENTE'); // codice Belfiore, es. A944
  const voucher = createVoucherVerifier({
    issuer: serve('WAAS_PDND_ISSUER'), // produzione: interop.pagopa.it
    audience: serve('WAAS_PDND_AUDIENCE'), // l'audience scelta al passo 2 del template
    jwks: { url: serve('WAAS_PDND_JWKS_URL') }, // produzione: https://interop.pagopa.it/.well-known/jwks.json
    allowedClients: elenco('WAAS_INPS_CLIENT_IDS') ?? [], // il client PDND di INPS (vuoto: errore all'avvio)
    purposeIds: elenco('WAAS_INPS_PURPOSE_IDS'), // facoltativi: la finalità di INPS
    producerId: env.WAAS_PDND_PRODUCER_ID, // facoltativi: controllati solo se il voucher li porta
    eserviceId: env.WAAS_PDND_ESERVICE_ID,
    descriptorId: env.WAAS_PDND_DESCRIPTOR_ID,
  });
  const handler = createWaasHandler({
    source: csiStoreSource(store, { ente, actor: { operatoreId: serve('WAAS_OPERATORE_SISTEMA'), role: 'sistema' } }),
    ente: { codice: ente, denominazione: serve('WAAS_DENOMINAZIONE') },
    voucher,
    basePath: env.WAAS_BASE_PATH ?? '/waas/v1', // il percorso dell'URL del server dichiarato su PDND
  });
  // Dietro il proxy inverso dell'Ente, che termina il TLS: in ascolto solo su 127.0.0.1.
  return serveWaas(handler, { host: '127.0.0.1', port: Number(env.WAAS_PORT ?? 8080) });
}
