// SPDX-License-Identifier: BSD-3-Clause
import type { AddressInfo } from 'node:net';
import { todayInItaly, type Result } from '@riuso-sociale/core';
import { openStore } from '@riuso-sociale/csi-store';
import { createVoucherVerifier, createWaasHandler, csiStoreSource, serveWaas } from '@riuso-sociale/siuss-waas';
import { createTestAuthority, simulateInps } from '@riuso-sociale/siuss-waas/testing';

const must = <T>(r: Result<T, string>): T => {
  if (!r.ok) throw new Error(r.issues[0].message);
  return r.value;
};

// 1. Una cartella in memoria (PGlite) con due erogazioni validate di un servizio domiciliare.
const store = await openStore();
const rs = must(await store.bootstrapEnte({
  ente: { belfiore: 'A944' },
  operatore: { codiceFiscale: 'GLLMRC70R04A944Q', cognome: 'Gallo', nome: 'Marco', ruolo: 'responsabile-servizio', servizi: [], attivo: true },
}));
const responsabile = { ente: 'A944', actor: { operatoreId: rs.id, role: 'responsabile-servizio' } } as const;
const area = { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' };
const caso = must(await store.withSession(responsabile, async (s) => {
  const servizio = must(await s.create('servizio', { tipo: 'ufficio', denominazione: 'Servizio sociale territoriale', areeUtenza: [area], attivo: true }));
  // L'account con cui il servizio WaaS legge la coda SIUSS e registra gli esiti (ruolo «sistema»).
  const sistema = must(await s.create('operatore', { codiceFiscale: 'RNLSRA82E63A944Y', cognome: 'Rinaldi', nome: 'Sara', ruolo: 'sistema', servizi: [servizio.id], attivo: true }));
  const persona = must(await s.create('persona', {
    codiceFiscale: 'SPSGNN90D42F839H', cognome: 'Esposito', nome: 'Giovanna', sesso: '2', dataNascita: '1990-04-02', luogoNascita: 'F839',
    cittadinanza: { system: 'iso3166.numerico', version: 'esterno', code: '380' },
    residenza: { codiceComuneIstat: '037006', codiceRegione: '08', codiceNazione: '380' }, capacitaGiuridica: { tipo: 'piena' },
  }));
  const cartella = must(await s.create('cartella', { persona: persona.id, apertaIl: '2025-03-03', responsabile: rs.id, minore: false, tutelaAutoritaGiudiziaria: false }));
  const presa = must(await s.create('presa-in-carico', { cartella: cartella.id, persona: persona.id, areaUtenza: area, servizio: servizio.id, caseManager: rs.id, avviataIl: '2025-03-03' }));
  must(await s.create('assegnazione', { operatore: rs.id, presaInCarico: presa.id, persona: persona.id, ruolo: 'case-manager', dal: '2025-03-03' }));
  return { ok: true, value: { sistema: sistema.id, persona: persona.id, presa: presa.id } };
}));
// Una nuova sessione: vi vale l'assegnazione appena creata (csi-model canAccess).
must(await store.withSession(responsabile, async (s) => {
  must(await s.transition('presa-in-carico', caso.presa, 'attiva', { expectedVersion: 1 }));
  const valutazione = must(await s.create('valutazione', {
    persona: caso.persona, presaInCarico: caso.presa, tipo: 'sina', data: '2025-03-06',
    strumento: { system: 'siuss.sina.strumento-valutazione', version: 'PS_PSA_SINA201812', code: '1' },
    fonte: { system: 'siuss.sina.fonte-derivazione', version: 'PS_PSA_SINA201812', code: '1' },
    sina: {
      mobilita: '2', attivitaVitaQuotidiana: '2', disturbiAreaCognitiva: '1', disturbiComportamentali: '1', necessitaCureSanitarie: '2',
      areaReddituale: '3', areaSupporto: '2', fonteDerivazioneValutazione: '1', strumentoValutazione: '1', necessitaInterventiSociali: ['A2.07'],
    },
  }));
  must(await s.transition('valutazione', valutazione.id, 'completa', { expectedVersion: 1 }));
  must(await s.transition('valutazione', valutazione.id, 'valida', { expectedVersion: 2 }));
  const intervento = must(await s.create('intervento', {
    persona: caso.persona, presaInCarico: caso.presa, senzaPresaInCarico: false, denominazione: 'Assistenza domiciliare socio-assistenziale (SAD)',
    prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A2.07' }, areaUtenza: area, carattere: '1', provaMezzi: '1',
    dsu: { numeroProtocollo: 'INPS-ISEE-2025-00001234X-00', anno: 2025, data: '2025-02-10' }, sogliaIseeCents: 2_000_000,
    dal: '2025-04-01', al: '2025-09-30', quantitaOreMese: 20, enteGestore: 'Cooperativa sociale Esempio',
  }));
  must(await s.transition('intervento', intervento.id, 'autorizza', { expectedVersion: 1, data: { attoAutorizzativo: { numero: 'DD 1234/2025', data: '2025-03-14' } } }));
  must(await s.transition('intervento', intervento.id, 'avvia', { expectedVersion: 2 }));
  for (const [dal, al] of [['2025-04-01', '2025-04-30'], ['2025-05-01', '2025-05-31']] as const) {
    const erogazione = must(await s.create('erogazione', {
      intervento: intervento.id, persona: caso.persona, dal, al, importoCents: 44_000, importoMensileCents: 44_000,
      quotaEnteCents: 40_000, quotaUtenteCents: 4_000, oreErogate: 20, valutazione: valutazione.id, valutazioneData: '2025-03-06',
    }));
    must(await s.transition('erogazione', erogazione.id, 'valida', { expectedVersion: 1 }));
  }
  return { ok: true, value: true };
}));
const sistema = { operatoreId: caso.sistema, role: 'sistema' } as const;

// 2. Il lavoro notturno: un flusso per erogazione («cooperazione»), come li preleva INPS.
const esportati = must(await store.withSession({ ente: 'A944', actor: sistema }, (s) => s.exportSiuss({ kind: 'PS', upTo: todayInItaly(), mode: 'cooperazione' })));
console.log(esportati.flows.length); // 2

// 3. Il servizio WaaS. L'autorità PDND qui è DI PROVA: in produzione issuer, audience e JWKS sono quelli di PDND.
const authority = await createTestAuthority();
const handler = createWaasHandler({
  source: csiStoreSource(store, { ente: 'A944', actor: sistema }),
  ente: { codice: 'A944', denominazione: 'Comune di Bologna' },
  voucher: createVoucherVerifier(authority.verifierOptions()),
  basePath: '/waas/v1/A944',
});
const server = await serveWaas(handler, { port: 0 }); // 127.0.0.1, una porta libera
const { port } = server.address() as AddressInfo;

// 4. L'INPS simulato preleva ogni pagina di GET /flussi, valida ogni flusso e risponde con POST /esiti.
let n = 0;
const report = await simulateInps({
  baseUrl: `http://127.0.0.1:${port}/waas/v1/A944`,
  voucher: await authority.issue(), // un voucher per tutte le chiamate, come fa INPS finché non scade
  decide: () => (++n === 1
    ? { codiceEsito: 'OK', idAcquisizioneSiuss: '22738' }
    : { codiceEsito: 'RICHIESTA_INVALIDA', descrizioneEsito: 'Quota utente non coerente' }),
});
console.log(report.flows.length, report.esitiPosted, report.errors); // 2 2 []

// 5. Che cosa trova l'operatore: una erogazione acquisita, l'altra da correggere con la descrizione di INPS.
const vista = must(await store.withSession(responsabile, async (s) => {
  const erogazioni = must(await s.list('erogazione'));
  const correzioni = must(await s.siussCorrections());
  return { ok: true, value: { stati: erogazioni.map((e) => e.status).sort(), correzioni } };
}));
console.log(vista.stati); // [ 'acquisita', 'da-correggere' ]
console.log(vista.correzioni.map((c) => `${c.codice}: ${c.descrizione}`)); // [ 'RICHIESTA_INVALIDA: Quota utente non coerente' ]

server.closeAllConnections();
server.close();
await store.close();
