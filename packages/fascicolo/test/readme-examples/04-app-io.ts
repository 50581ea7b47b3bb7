// SPDX-License-Identifier: BSD-3-Clause
import { checkIoMessage, ioMessageFor } from '@riuso-sociale/fascicolo';

// Una quota a carico della persona per l'assistenza domiciliare: l'avviso di pagamento.
const avviso = ioMessageFor({
  type: 'avviso-pagamento', fiscalCode: 'SPSGNN90D42F839H', service: { name: 'Assistenza domiciliare', sensitive: false },
  amountCents: 4000, noticeNumber: '301000000000012345', dueDate: '2026-04-30', link: 'https://www.comune.bologna.it/area-personale',
});
if (avviso.ok && avviso.value !== null) {
  const { message, mustCheckProfile, requireSecureChannels } = avviso.value;
  console.log(message.content.subject); // 'Hai un nuovo avviso di pagamento'
  console.log(message.content.due_date, message.content.payment_data?.amount); // '2026-04-30T21:59:59.000Z' 4000
  console.log(mustCheckProfile, requireSecureChannels); // true false
  console.log(checkIoMessage(message).ok); // true
}

// Un servizio che tratta dati particolari (Ser.D., tutela minori…): nominato in modo generico, solo notifica push.
const piano = ioMessageFor({ type: 'piano-disponibile', fiscalCode: 'SPSGNN90D42F839H', service: { name: 'Ser.D.', sensitive: true } });
if (piano.ok && piano.value !== null) {
  console.log(piano.value.message.content.subject, piano.value.message.content.markdown.includes('Ser.D.'), piano.value.requireSecureChannels); // 'È disponibile il tuo piano assistenziale' false true
}

// Diario, valutazioni, provvedimenti e segnalazioni all'autorità giudiziaria non generano mai un messaggio.
console.log(ioMessageFor({ type: 'segnalazione' })); // { ok: true, value: null }

// Un messaggio scritto a mano si controlla prima di inviarlo: niente dati particolari nel titolo.
const scritto = checkIoMessage({ fiscal_code: 'SPSGNN90D42F839H', content: { subject: 'Esito della tua domanda al SerD', markdown: 'x'.repeat(80) } });
console.log(scritto.ok || scritto.issues[0].code); // 'fascicolo.io_sensitive_subject'
