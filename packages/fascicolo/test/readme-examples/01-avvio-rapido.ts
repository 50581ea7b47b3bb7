// SPDX-License-Identifier: BSD-3-Clause
import { ENTITY_SCHEMAS, initialHistory, type Actor, type Instant } from '@riuso-sociale/csi-model';
import { buildCitizenView } from '@riuso-sociale/fascicolo';

// Una cartella piccola ma valida, costruita con gli schemi di csi-model (di solito la dà csi-store).
const ente = { belfiore: 'A944' };
const operatore: Actor = { operatoreId: '5b0c1a52-3f8e-4c8e-9d1e-0a6f2b7c9d10' as never, role: 'assistente-sociale' };
const at = '2026-03-02T09:00:00Z' as Instant;
// id, stato e storia del nuovo record (l'evento di audit di initialHistory qui non serve)
const vita = ({ id, status, history }: { id: string; status: string; history: readonly unknown[] }) => ({ id, status, history });
const meta = { ente, createdAt: at, createdBy: operatore.operatoreId, updatedAt: at, updatedBy: operatore.operatoreId, version: 1 };
const persona = ENTITY_SCHEMAS.persona.parse({
  ...meta, ...vita(initialHistory('persona', operatore, at)),
  codiceFiscale: 'SPSGNN90D42F839H', cognome: 'Esposito', nome: 'Giovanna', sesso: '2', dataNascita: '1990-04-02', luogoNascita: 'F839',
  cittadinanza: { system: 'iso3166.numerico', version: 'esterno', code: '380' },
  residenza: { codiceComuneIstat: '037006', codiceRegione: '08', codiceNazione: '380' }, capacitaGiuridica: { tipo: 'piena' },
});
const accesso = ENTITY_SCHEMAS.accesso.parse({
  ...meta, ...vita(initialHistory('accesso', operatore, at)),
  persona: persona.id, data: '2026-03-02', canale: 'sportello', operatore: operatore.operatoreId,
  areaUtenza: { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' },
  bisognoRiferito: 'Aiuto a domicilio dopo un incidente.',
  protocollo: { numero: 'PG/2026/0004711', data: '2026-03-02' }, termineConclusione: '2026-04-01',
});

// La persona, autenticata con SPID o CIE, guarda la sua area personale.
const r = buildCitizenView(
  { persona, accesso: [accesso] },
  { subject: persona.id, requester: { kind: 'interessato', codiceFiscale: 'SPSGNN90D42F839H' }, purpose: 'portal', asOf: '2026-03-05' },
);
if (!r.ok) throw new Error(r.issues[0].message);
const richiesta = r.value.timeline[0];
console.log(`${richiesta?.title.it}: ${richiesta?.status?.label.it}`); // 'Richiesta ai servizi sociali: In attesa'
console.log(richiesta?.protocol, richiesta?.decisionDueBy); // { number: 'PG/2026/0004711', date: '2026-03-02' } '2026-04-01'
// il bisogno riferito è testo libero: nell'area personale non si mostra, si conta
console.log(r.value.withheld.map((w) => `${w.class} (${w.scope}): ${w.count}`)); // [ 'testo-libero (field): 1' ]
console.log(r.value.coverage); // { records: 1, shown: 1, withheld: 0, review: 0 }

// Un genitore non vede la cartella di una figlia maggiorenne: rifiutato, con un errore che non nomina nessuno.
const genitore = buildCitizenView(
  { persona, accesso: [accesso] },
  { subject: persona.id, requester: { kind: 'genitore', codiceFiscale: 'RSSMRA80A01H501U' }, purpose: 'portal', asOf: '2026-03-05' },
);
console.log(genitore.ok || genitore.issues[0].code); // 'fascicolo.subject_adult'
