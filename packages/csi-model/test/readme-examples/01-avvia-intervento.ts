// SPDX-License-Identifier: BSD-3-Clause
import { isInstant, transitionIntervento, type Actor, type Intervento, type PresaInCarico } from '@riuso-sociale/csi-model';

// un intervento si avvia solo con la sua presa in carico attiva (o con senzaPresaInCarico: SIUSS PresaCarico=2)
export function avviaIntervento(intervento: Intervento, presaInCarico: PresaInCarico, actor: Actor, quando: string) {
  // l'istante è un Instant (UTC, '…Z'): una stringa si verifica con isInstant, un Date si converte con toInstant
  if (!isInstant(quando)) throw new RangeError('istante non valido');
  const r = transitionIntervento(intervento, 'avvia', actor, quando, { context: { presaInCarico } });
  if (r.ok) {
    r.value.entity.status; // 'in-erogazione'
    r.value.audit;         // { action: 'transition', transition: { event: 'avvia', from: 'autorizzato', to: 'in-erogazione' }, actor, at, … }
  } else {
    r.issues[0].code;      // 'csi.lifecycle.guard' — params.rule: 'intervento.presa-in-carico-attiva'
  }
  return r;
}
