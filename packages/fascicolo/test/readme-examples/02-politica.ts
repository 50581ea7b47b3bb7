// SPDX-License-Identifier: BSD-3-Clause
import { DEFAULT_POLICY, definePolicy } from '@riuso-sociale/fascicolo';

console.log(DEFAULT_POLICY.rules.diario.portal, DEFAULT_POLICY.rules.diario['access-request']); // 'withhold' 'review'

// Il Comune cambia una regola: una regola cambiata vuole il suo motivo e la sua fonte, scelti dal DPO.
const comune = definePolicy({
  rules: {
    valutazione: {
      portal: 'withhold',
      reason: { it: "Le valutazioni si consegnano solo su richiesta, dopo un colloquio con l'assistente sociale.", en: 'Assessments are handed over on request only, after a meeting with the social worker.' },
      source: 'Delibera di Giunta n. 12/2026; GDPR art. 15',
    },
  },
  minorOwnViewFromAge: 14,
});
console.log(comune.ok && comune.value.rules.valutazione.portal); // 'withhold'

// Un errore di battitura non lascia in silenzio la regola predefinita: è un errore con il suo percorso.
const refuso = definePolicy({ rules: { valutazioni: { portal: 'show' } } } as never);
console.log(refuso.ok || refuso.issues.map((i) => `${i.code} ${i.path.join('.')}`)); // [ 'fascicolo.policy_invalid rules.valutazioni' ]
