// SPDX-License-Identifier: BSD-3-Clause
import { evaluate, type ParameterOverride } from '@riuso-sociale/rei-eligibility';

// Una legge (qui immaginaria) porta la soglia ISEE dell'ADI a 11.000 € dal 2027, prima di un rilascio del pacchetto
const soglia2027: ParameterOverride = {
  name: 'adi.access.isee.max',
  from: '2027-01-01',
  value: 1_100_000,
  ref: { act: 'L. 30 dicembre 2026, n. 000 (esempio)', article: 'art. 1 c.1' },
  source: 'testo in Gazzetta Ufficiale letto dal Comune',
};
const nucleo = { isee: { valueCents: 1_050_000, kind: 'prestazioni-familiari-inclusione' as const } };
const senza = evaluate({ measure: 'adi', date: '2027-03-01', household: nucleo });
const con = evaluate({ measure: 'adi', date: '2027-03-01', household: nucleo, parameters: [soglia2027] });
if (senza.ok && con.ok) {
  console.log(senza.value.requirements.find((q) => q.id === 'adi.isee')?.outcome); // 'fail'
  console.log(con.value.requirements.find((q) => q.id === 'adi.isee')?.outcome); // 'pass'
  console.log(con.value.trace?.parameters.find((p) => p.name === 'adi.access.isee.max')?.overridden); // true
  // l'avviso della sostituzione, poi quello della data oltre il 2026-12-31
  console.log(con.value.warnings.map((w) => w.code).includes('eligibility.parameter_overridden'), con.value.warnings.length); // true 2
}
const sbagliato = evaluate({ measure: 'adi', date: '2027-03-01', household: nucleo, parameters: [{ ...soglia2027, name: 'adi.isee.max' }] });
if (!sbagliato.ok) console.log(sbagliato.issues[0].code); // 'rei.evaluate.unknown_parameter'
