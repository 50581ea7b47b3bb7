// SPDX-License-Identifier: BSD-3-Clause
import { evaluate, type HouseholdInput } from '@riuso-sociale/rei-eligibility';

// HouseholdInput: il nucleo come si scrive (date 'AAAA-MM-GG' come stringhe); Household è lo stesso dopo la validazione
const nucleo: HouseholdInput = {
  members: [
    { birthDate: '1990-04-02', relation: 'richiedente', disability: 'none', certifiedCareProgramme: false },
    { birthDate: '2023-05-10', relation: 'figlio', disability: 'none' },
  ],
  applicant: { citizenship: 'italiana', residence: { since: '1990-04-02', continuousSince: '1990-04-02' } },
  isee: { valueCents: 500_000 },
  householdIncomeCents: 300_000,
  financialAssetsCents: 100_000,
  realEstateExcludingHomeCents: 0,
  housing: { tenure: 'affitto', annualRentCents: 480_000, registeredLease: true },
  vehicles: [],
  ownsBoats: false,
  ownsAircraft: false,
};
const r = evaluate({ measure: 'adi', date: '2025-03-01', household: nucleo });
if (r.ok) {
  console.log(r.value.status); // 'eligible'
  // 1 + 0,4 carichi di cura + 0,15 minore
  console.log(r.value.benefit?.scale?.value); // 1.55
  // integrazione 7.075,00 €/anno; quota affitto 3.640,00 €/anno
  console.log(r.value.benefit?.components.map((c) => [c.id, c.cents, c.per])); // [ [ 'integration', 707500, 'year' ], [ 'rent', 364000, 'year' ] ]
  // 892,92 € al mese
  console.log(r.value.benefit?.monthlyCents); // 89292
  // ogni requisito: esito, valore, soglia, atto e articolo, stato di verifica, messaggio italiano e inglese
  const isee = r.value.requirements.find((q) => q.id === 'adi.isee');
  console.log(isee?.outcome, isee?.actual, isee?.threshold); // 'pass' 500000 1014000
  // con fatti ignoti: i percorsi da chiedere, es. [ 'householdIncomeCents' ]
  console.log(r.value.missing); // []
  console.log(r.value.trace?.format); // 'riuso-sociale/eligibility-trace@1'
}
