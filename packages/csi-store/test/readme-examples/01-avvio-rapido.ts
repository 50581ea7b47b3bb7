// SPDX-License-Identifier: BSD-3-Clause
import { openStore } from '@riuso-sociale/csi-store';

// In memoria (PGlite), con una chiave di audit casuale: per provare e per i test.
const store = await openStore();

// Il primo operatore di un Ente (Bologna, A944): un responsabile del servizio, che crea gli altri.
const primo = await store.bootstrapEnte({
  ente: { belfiore: 'A944' },
  operatore: { codiceFiscale: 'GLLMRC70R04A944Q', cognome: 'Gallo', nome: 'Marco', ruolo: 'responsabile-servizio', servizi: [], attivo: true },
});
if (!primo.ok) throw new Error(primo.issues[0].message);
const responsabile = { operatoreId: primo.value.id, role: 'responsabile-servizio' } as const;

// Una sessione è una transazione: un operatore, un Ente. Un Result ok fa COMMIT.
const aperta = await store.withSession({ ente: 'A944', actor: responsabile }, async (s) => {
  const area = { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' };
  const servizio = await s.create('servizio', { tipo: 'ufficio', denominazione: 'Servizio sociale territoriale', areeUtenza: [area], attivo: true });
  if (!servizio.ok) return servizio;
  const persona = await s.create('persona', {
    codiceFiscale: 'SPSGNN90D42F839H', cognome: 'Esposito', nome: 'Giovanna', sesso: '2', dataNascita: '1990-04-02', luogoNascita: 'F839',
    cittadinanza: { system: 'iso3166.numerico', version: 'esterno', code: '380' },
    residenza: { codiceComuneIstat: '037006', codiceRegione: '08', codiceNazione: '380' }, capacitaGiuridica: { tipo: 'piena' },
  });
  if (!persona.ok) return persona;
  const cartella = await s.create('cartella', { persona: persona.value.id, apertaIl: '2025-03-03', responsabile: primo.value.id, minore: false, tutelaAutoritaGiudiziaria: false });
  if (!cartella.ok) return cartella;
  const presa = await s.create('presa-in-carico', {
    cartella: cartella.value.id, persona: persona.value.id, areaUtenza: area, servizio: servizio.value.id, caseManager: primo.value.id, avviataIl: '2025-03-03',
  });
  if (!presa.ok) return presa;
  // Chi legge deve essere assegnato alla presa in carico (csi-model canAccess).
  const assegnazione = await s.create('assegnazione', { operatore: primo.value.id, presaInCarico: presa.value.id, persona: persona.value.id, ruolo: 'case-manager', dal: '2025-03-03' });
  if (!assegnazione.ok) return assegnazione;
  return { ok: true, value: { cartella: cartella.value.id, presa: presa.value.id } };
});
if (!aperta.ok) throw new Error(aperta.issues[0].message);

// Un'altra sessione legge (ogni lettura è registrata nell'audit).
const letta = await store.withSession({ ente: 'A944', actor: responsabile }, (s) => s.get('cartella', aperta.value.cartella));
console.log(letta.ok && letta.value.status); // 'aperta'
console.log(letta.ok && letta.value.version); // 1

await store.close();
