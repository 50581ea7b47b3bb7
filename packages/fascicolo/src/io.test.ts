// SPDX-License-Identifier: BSD-3-Clause
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkIoMessage,
  IO_LIMITS,
  IO_MESSAGE_TITLES,
  ioDueDate,
  ioLocaleFromProfile,
  ioMessageFor,
  NEVER_NOTIFY_EVENT_TYPES,
  NOTIFYING_EVENT_TYPES,
  type CitizenEvent,
  type IoMessagePlan,
  type NewMessage,
  type NotifyingEventType,
} from './io.js';
import { findSensitiveTerms, hasSensitiveTerm, IO_SENSITIVE_TERMS } from './io-words.js';

const CF = 'RSSMRA80A01H501U';
const NOTICE = '301000000000012345';
const SERVICE = { name: 'Assistenza domiciliare', sensitive: false } as const;

/** Every field any event needs: spread with a type, the extra fields are ignored. */
const FIELDS = {
  fiscalCode: CF,
  service: SERVICE,
  receivedOn: '2026-03-08',
  protocolNumber: '2026/123',
  dueDate: '2026-03-31',
  documents: ['ISEE in corso di validità', 'Documento di identità'],
  decidedOn: '2026-04-01',
  startDate: '2026-04-01',
  start: '2026-03-10T08:30:00Z',
  place: 'Via Roma 1, Lodi',
  amountCents: 4550,
  noticeNumber: NOTICE,
  providedOn: '2026-05-11',
};

function eventOf(type: NotifyingEventType, extra: Record<string, unknown> = {}): CitizenEvent {
  return { ...FIELDS, ...extra, type } as unknown as CitizenEvent;
}

function plan(result: ReturnType<typeof ioMessageFor>): IoMessagePlan {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`);
  if (result.value === null) throw new Error('expected a message, got null');
  return result.value;
}

function codes(result: { ok: boolean; issues?: readonly { code: string }[] }): string[] {
  return result.ok ? [] : (result.issues ?? []).map((i) => i.code);
}

/** Calls with untyped input, as plain JavaScript would. */
const untyped = (event: unknown, options?: unknown) => ioMessageFor(event as CitizenEvent, options as never);

const BODY = 'Testo del messaggio di prova, abbastanza lungo da superare il minimo di ottanta caratteri richiesto.';
function message(content: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return { fiscal_code: CF, content: { subject: 'Un titolo qualunque', markdown: BODY, ...content }, ...rest };
}

describe('ioMessageFor: every notifying event', () => {
  for (const type of NOTIFYING_EVENT_TYPES) {
    for (const locale of ['it', 'en'] as const) {
      it(`${type} (${locale}) gives a valid message with the model's title`, () => {
        const p = plan(ioMessageFor(eventOf(type), { locale }));
        const { content } = p.message;
        expect(p.mustCheckProfile).toBe(true);
        expect(p.message.fiscal_code).toBe(CF);
        expect(content.subject).toBe(IO_MESSAGE_TITLES[type][locale]);
        expect(content.subject.length).toBeGreaterThanOrEqual(IO_LIMITS.subject.min);
        expect(content.subject.length).toBeLessThanOrEqual(IO_LIMITS.subject.max);
        expect(content.markdown.length).toBeGreaterThanOrEqual(IO_LIMITS.markdown.min);
        expect(content.markdown.length).toBeLessThanOrEqual(IO_LIMITS.markdown.max);
        expect(content.require_secure_channels).toBe(p.requireSecureChannels);
        expect(checkIoMessage(p.message).ok).toBe(true);
        expect(findSensitiveTerms(content.subject)).toEqual([]);
        expect(content.markdown).toContain(locale === 'it' ? '«Assistenza domiciliare»' : '“Assistenza domiciliare”');
        expect(p.message).not.toHaveProperty('feature_level_type');
        expect(p.message).not.toHaveProperty('time_to_live');
      });
    }
  }

  it('uses the verbatim Italian titles of the pagoPA models', () => {
    expect(IO_MESSAGE_TITLES['integrazione-richiesta'].it).toBe('Richiesta di integrazione');
    expect(IO_MESSAGE_TITLES['richiesta-accolta'].it).toBe('La tua richiesta è stata accolta');
    expect(IO_MESSAGE_TITLES['richiesta-non-accolta'].it).toBe('La tua richiesta non è stata accolta');
    expect(IO_MESSAGE_TITLES['piano-disponibile'].it).toBe('È disponibile il tuo piano assistenziale');
    expect(IO_MESSAGE_TITLES['servizio-attivato'].it).toBe('Attivazione del servizio');
    expect(IO_MESSAGE_TITLES['appuntamento-confermato'].it).toBe('Il tuo appuntamento');
    expect(IO_MESSAGE_TITLES['appuntamento-promemoria'].it).toBe('Ricordati del tuo appuntamento');
    expect(IO_MESSAGE_TITLES['avviso-pagamento'].it).toBe('Hai un nuovo avviso di pagamento');
    expect(IO_MESSAGE_TITLES['pagamento-in-scadenza'].it).toBe('Hai un pagamento in scadenza');
    expect(IO_MESSAGE_TITLES['pagamento-non-effettuato'].it).toBe('Pagamento non effettuato');
    expect(IO_MESSAGE_TITLES['richiesta-ricevuta'].it).toBe('Abbiamo ricevuto la tua richiesta');
  });

  it('writes feature level and time to live only when asked', () => {
    const p = plan(ioMessageFor(eventOf('richiesta-accolta'), { featureLevel: 'ADVANCED', timeToLiveSeconds: 604_800 }));
    expect(p.message.feature_level_type).toBe('ADVANCED');
    expect(p.message.time_to_live).toBe(604_800);
  });

  it('normalises the codice fiscale (case, spaces)', () => {
    expect(plan(ioMessageFor(eventOf('richiesta-accolta', { fiscalCode: ' rssmra80a01h501u ' }))).message.fiscal_code).toBe(CF);
  });

  it('writes the request receipt with date and protocol', () => {
    const md = plan(ioMessageFor(eventOf('richiesta-ricevuta'))).message.content.markdown;
    expect(md).toContain("Abbiamo ricevuto l'8 marzo 2026 la tua richiesta");
    expect(md).toContain('**Numero di protocollo**: 2026/123');
  });

  it('lists the documents requested, with the due date at the end of the day in Italy', () => {
    const c = plan(ioMessageFor(eventOf('integrazione-richiesta'))).message.content;
    expect(c.markdown).toContain('- ISEE in corso di validità\n- Documento di identità');
    expect(c.markdown).toContain('**Entro il**: 31 marzo 2026');
    expect(c.due_date).toBe('2026-03-31T21:59:59.000Z');
  });

  it('adds the link, https only, with the event label', () => {
    const md = plan(ioMessageFor(eventOf('integrazione-richiesta', { link: 'https://www.comune.lodi.it/area-personale?p=(1)' }))).message.content.markdown;
    expect(md).toContain('[Aggiungi documenti](https://www.comune.lodi.it/area-personale?p=%281%29)');
  });
});

describe('never-notify events', () => {
  for (const type of NEVER_NOTIFY_EVENT_TYPES) {
    it(`${type} → ok(null), whatever else it carries`, () => {
      expect(ioMessageFor({ type })).toEqual({ ok: true, value: null });
      expect(untyped({ type, fiscalCode: 'broken', service: 42, amountCents: Number.NaN })).toEqual({ ok: true, value: null });
      expect(untyped({ type }, { locale: 'xx' })).toEqual({ ok: true, value: null });
    });
  }
});

describe('payments', () => {
  it('carries cents, notice number, due date and the payee when given', () => {
    const c = plan(ioMessageFor(eventOf('avviso-pagamento', { payeeFiscalCode: '00743110157', invalidAfterDueDate: true }))).message.content;
    expect(c.payment_data).toEqual({ amount: 4550, notice_number: NOTICE, invalid_after_due_date: true, payee: { fiscal_code: '00743110157' } });
    expect(c.due_date).toBe('2026-03-31T21:59:59.000Z');
    expect(c.markdown).toContain('**Importo**: 45,50 €');
    expect(c.markdown).toContain('**Entro il**: 31 marzo 2026');
    expect(c.markdown).toContain('Se hai già pagato, ignora questo messaggio.');
  });

  it('notes that IO fills the payee when it is not given', () => {
    const p = plan(ioMessageFor(eventOf('pagamento-in-scadenza')));
    expect(p.message.content.payment_data).toEqual({ amount: 4550, notice_number: NOTICE });
    expect(p.notes.some((n) => n.en.includes('Payee'))).toBe(true);
  });

  it('formats cents in English', () => {
    const md = plan(ioMessageFor(eventOf('avviso-pagamento', { amountCents: 123_456_789 }), { locale: 'en' })).message.content.markdown;
    expect(md).toContain('**Amount**: €1,234,567.89');
  });

  it('the missed payment is not a legally valid notice, and has no due_date', () => {
    const c = plan(ioMessageFor(eventOf('pagamento-non-effettuato'))).message.content;
    expect(c.markdown).toContain('non costituisce un avviso con valore legale');
    expect(c.markdown).toContain('è scaduto il 31 marzo 2026');
    expect(c.due_date).toBeUndefined();
    expect(c.payment_data).toEqual({ amount: 4550, notice_number: NOTICE });
    const en = plan(ioMessageFor(eventOf('pagamento-non-effettuato'), { locale: 'en' })).message.content.markdown;
    expect(en).toContain('is not a legally valid notice');
  });

  it('a missed notice invalid after its due date carries no payment data', () => {
    const p = plan(ioMessageFor(eventOf('pagamento-non-effettuato', { invalidAfterDueDate: true })));
    expect(p.message.content.payment_data).toBeUndefined();
    expect(p.message.content.markdown).toContain('non è più pagabile');
  });

  it('accepts the amount limits and rejects beyond them', () => {
    expect(plan(ioMessageFor(eventOf('avviso-pagamento', { amountCents: 1 }))).message.content.payment_data?.amount).toBe(1);
    expect(plan(ioMessageFor(eventOf('avviso-pagamento', { amountCents: 9_999_999_999 }))).message.content.payment_data?.amount).toBe(9_999_999_999);
    for (const amountCents of [0, -5, 10_000_000_000, 45.5, Number.NaN, Number.POSITIVE_INFINITY, '4550', null]) {
      const r = ioMessageFor(eventOf('avviso-pagamento', { amountCents }));
      expect(codes(r)).toEqual(['fascicolo.io_amount']);
      expect(JSON.stringify(r)).not.toContain('45.5');
    }
  });

  it('rejects malformed notice numbers and payees', () => {
    for (const noticeNumber of ['401000000000012345', '30100000000001234', '3010000000000123456', 301000000000012345, 'x01000000000012345']) {
      expect(codes(ioMessageFor(eventOf('avviso-pagamento', { noticeNumber })))).toEqual(['fascicolo.io_notice_number']);
    }
    expect(codes(ioMessageFor(eventOf('avviso-pagamento', { payeeFiscalCode: CF })))).toEqual(['fascicolo.io_payee']);
  });
});

describe('due dates: the end of the day in Italy, whatever the machine zone', () => {
  const saved = process.env['TZ'];
  afterEach(() => {
    if (saved === undefined) delete process.env['TZ'];
    else process.env['TZ'] = saved;
  });
  const cases: [string, string][] = [
    ['2026-01-15', '2026-01-15T22:59:59.000Z'],
    ['2026-03-28', '2026-03-28T22:59:59.000Z'], // last day of winter time
    ['2026-03-29', '2026-03-29T21:59:59.000Z'], // summer time from 02:00 that day
    ['2026-10-24', '2026-10-24T21:59:59.000Z'],
    ['2026-10-25', '2026-10-25T22:59:59.000Z'], // winter time again from 03:00 that day
    ['2028-02-29', '2028-02-29T22:59:59.000Z'],
    ['2026-12-31', '2026-12-31T22:59:59.000Z'],
  ];
  for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
    it(`TZ=${zone}`, () => {
      process.env['TZ'] = zone;
      for (const [date, due] of cases) {
        expect(ioDueDate(date)).toEqual({ ok: true, value: due });
        expect(plan(ioMessageFor(eventOf('avviso-pagamento', { dueDate: date }))).message.content.due_date).toBe(due);
      }
      const appointment = plan(ioMessageFor(eventOf('appuntamento-confermato', { start: '2026-07-01T22:30:00Z' }))).message.content;
      expect(appointment.markdown).toContain('**Quando**: giovedì 2 luglio 2026, ore 0:30');
      expect(appointment.due_date).toBe('2026-07-01T22:30:00.000Z');
    });
  }

  it('rejects dates that do not exist', () => {
    for (const date of ['2026-02-30', '2026-13-01', '2026-3-1', '', '1899-12-31']) {
      expect(codes(ioDueDate(date))).toEqual(['fascicolo.io_date']);
      expect(codes(ioMessageFor(eventOf('avviso-pagamento', { dueDate: date })))).toEqual(['fascicolo.io_date']);
    }
  });
});

describe('appointments', () => {
  it('writes date and time in Italian time, and the place', () => {
    const md = plan(ioMessageFor(eventOf('appuntamento-confermato', { bookingNumber: 'A-17' }))).message.content.markdown;
    expect(md).toContain('**Quando**: martedì 10 marzo 2026, ore 9:30');
    expect(md).toContain('**Dove**: Via Roma 1, Lodi');
    expect(md).toContain('**Numero di prenotazione**: A-17');
    const en = plan(ioMessageFor(eventOf('appuntamento-promemoria', { start: '2026-03-01T09:05:00Z' }), { locale: 'en' })).message.content.markdown;
    expect(en).toContain('**When**: Sunday 1 March 2026, 10:05 (Italian time)');
  });

  it('a home visit needs no place and does not print one', () => {
    const md = plan(ioMessageFor(eventOf('appuntamento-confermato', { mode: 'domicilio', place: undefined }))).message.content.markdown;
    expect(md).toContain('**Dove**: presso il tuo domicilio');
  });

  it('an appointment in person needs a place; the start must be a UTC instant', () => {
    expect(codes(ioMessageFor(eventOf('appuntamento-confermato', { place: undefined })))).toEqual(['fascicolo.io_text']);
    for (const start of ['2026-03-10 08:30', '2026-03-10T08:30:00+01:00', '2026-02-30T08:30:00Z', 1_773_131_400_000]) {
      expect(codes(ioMessageFor(eventOf('appuntamento-confermato', { start })))).toEqual(['fascicolo.io_instant']);
    }
    expect(codes(ioMessageFor(eventOf('appuntamento-confermato', { mode: 'ufficio' })))).toEqual(['fascicolo.io_event']);
  });

  it('a place with a sensitive term is left out, and the message goes push only', () => {
    const p = plan(ioMessageFor(eventOf('appuntamento-promemoria', { place: 'SerD, via Roma 1' })));
    expect(p.message.content.markdown).not.toContain('SerD');
    expect(p.message.content.markdown).toContain('**Dove**: la sede indicata nella tua area personale');
    expect(p.requireSecureChannels).toBe(true);
    expect(p.notes.some((n) => n.en.startsWith('Place'))).toBe(true);
  });
});

describe('sensitive services and secure channels', () => {
  it('a service flagged sensitive is named generically in the body, never by name', () => {
    for (const type of NOTIFYING_EVENT_TYPES) {
      const p = plan(ioMessageFor(eventOf(type, { service: { name: 'Centro diurno Il Faro', sensitive: true } })));
      expect(p.message.content.markdown).not.toContain('Il Faro');
      expect(p.message.content.subject).not.toContain('Il Faro');
      expect(p.message.content.markdown).toContain('i servizi sociali del Comune');
      expect(p.requireSecureChannels).toBe(true);
      expect(p.message.content.require_secure_channels).toBe(true);
    }
  });

  it('a service whose name holds a listed term is named generically even without the flag', () => {
    for (const name of ['SerD di Lodi', 'Centro di Salute Mentale', 'Servizio Tutela Minori', 'Ufficio DISABILITÀ', 'Sportello antiviolenza']) {
      const p = plan(ioMessageFor(eventOf('richiesta-accolta', { service: { name, sensitive: false } }), { locale: 'en' }));
      expect(p.message.content.markdown).not.toContain(name);
      expect(p.message.content.markdown).toContain("the Comune's social services");
      expect(p.requireSecureChannels).toBe(true);
    }
  });

  it('uses the generic name given in the options, and refuses a sensitive one', () => {
    const generic = { it: "l'Ufficio di Piano", en: 'the Ufficio di Piano' };
    const p = plan(ioMessageFor(eventOf('servizio-attivato', { service: { name: 'Ser.D.', sensitive: true } }), { genericServiceName: generic }));
    expect(p.message.content.markdown).toContain("per l'Ufficio di Piano");
    expect(codes(ioMessageFor(eventOf('servizio-attivato'), { genericServiceName: { it: 'il SerD', en: 'the SerD' } }))).toEqual(['fascicolo.io_option']);
  });

  it('documents with a sensitive name are not listed', () => {
    const p = plan(ioMessageFor(eventOf('integrazione-richiesta', { documents: ['Verbale di invalidità civile', 'ISEE'] })));
    expect(p.message.content.markdown).not.toMatch(/invalidit|ISEE/);
    expect(p.requireSecureChannels).toBe(true);
  });

  it('email is allowed only for a service flagged non-sensitive and an administrative event', () => {
    const admin: NotifyingEventType[] = ['richiesta-ricevuta', 'integrazione-richiesta', 'richiesta-accolta', 'richiesta-non-accolta', 'avviso-pagamento', 'pagamento-in-scadenza', 'pagamento-non-effettuato'];
    for (const type of NOTIFYING_EVENT_TYPES) {
      const p = plan(ioMessageFor(eventOf(type)));
      expect(p.requireSecureChannels).toBe(!admin.includes(type));
      expect(p.notes.some((n) => n.en.startsWith(admin.includes(type) ? 'Email notification allowed' : 'Push notification only'))).toBe(true);
      // no flag: a doubt, push only
      expect(plan(ioMessageFor(eventOf(type, { service: { name: 'Assistenza domiciliare' } }))).requireSecureChannels).toBe(true);
    }
  });
});

describe('malformed input from untyped JavaScript', () => {
  it('rejects non-objects and unknown types', () => {
    for (const event of [null, undefined, 42, 'richiesta-accolta', [], [{ type: 'diario' }]]) {
      expect(codes(untyped(event))).toEqual(['fascicolo.io_event']);
    }
    expect(codes(untyped({ ...FIELDS }))).toEqual(['fascicolo.io_event']);
    expect(codes(untyped({ ...FIELDS, type: 'toString' }))).toEqual(['fascicolo.io_event']);
    expect(codes(untyped({ ...FIELDS, type: 'constructor' }))).toEqual(['fascicolo.io_event']);
  });

  it('reads own properties only (prototype keys find nothing)', () => {
    expect(codes(untyped(JSON.parse('{"__proto__": {"type": "richiesta-accolta"}}')))).toEqual(['fascicolo.io_event']);
    expect(codes(untyped(Object.create({ type: 'diario' })))).toEqual(['fascicolo.io_event']);
    const inherited = Object.assign(Object.create({ fiscalCode: CF }), { type: 'richiesta-accolta', service: SERVICE });
    expect(codes(untyped(inherited))).toEqual(['fascicolo.io_fiscal_code']);
    const proto = JSON.parse(`{"type": "richiesta-accolta", "fiscalCode": "${CF}", "service": {"__proto__": {"name": "X"}}}`);
    expect(codes(untyped(proto))).toEqual(['fascicolo.io_service']);
  });

  it('reports missing fields, each with its path', () => {
    const r = untyped({ type: 'avviso-pagamento' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path.join('.'))).toEqual(['fiscalCode', 'service', 'amountCents', 'noticeNumber', 'dueDate']);
      for (const i of r.issues) {
        expect(i.code).toMatch(/^fascicolo\.io_/);
        expect(i.message.length).toBeGreaterThan(0);
        expect(i.messageEn.length).toBeGreaterThan(0);
      }
    }
  });

  it('rejects malformed fiscal codes without echoing them', () => {
    for (const fiscalCode of ['RSSMRA80A01H501', 'RSSMRA80A01H501UX', '12345678901', 'RSSMRA80Z01H501U', 1234, null]) {
      const r = ioMessageFor(eventOf('richiesta-accolta', { fiscalCode }));
      expect(codes(r)).toEqual(['fascicolo.io_fiscal_code']);
      if (typeof fiscalCode === 'string') expect(JSON.stringify(r)).not.toContain(fiscalCode);
    }
  });

  it('rejects numbers as strings, dates that do not exist, and bad booleans', () => {
    expect(codes(ioMessageFor(eventOf('prestazione-erogata', { amountCents: '2500' })))).toEqual(['fascicolo.io_amount']);
    expect(codes(ioMessageFor(eventOf('servizio-attivato', { startDate: '2026-02-30' })))).toEqual(['fascicolo.io_date']);
    expect(codes(ioMessageFor(eventOf('servizio-attivato', { startDate: 20260301 })))).toEqual(['fascicolo.io_date']);
    expect(codes(ioMessageFor(eventOf('servizio-attivato', { startDate: new Date('2026-03-01') })))).toEqual(['fascicolo.io_date']);
    expect(codes(ioMessageFor(eventOf('avviso-pagamento', { invalidAfterDueDate: 'true' })))).toEqual(['fascicolo.io_event']);
    expect(codes(ioMessageFor(eventOf('richiesta-accolta', { service: { name: 'Pasti', sensitive: 'no' } })))).toEqual(['fascicolo.io_service']);
  });

  it('rejects bad service names, places, documents and references', () => {
    for (const name of ['', '   ', 'x'.repeat(101), 'Servizio *speciale*', 'A<b>', 'Riga\ndue', '[link](https://x.it)', '---']) {
      expect(codes(ioMessageFor(eventOf('richiesta-accolta', { service: { name } })))).toEqual(['fascicolo.io_service']);
    }
    expect(codes(ioMessageFor(eventOf('integrazione-richiesta', { documents: [] })))).toEqual(['fascicolo.io_text']);
    expect(codes(ioMessageFor(eventOf('integrazione-richiesta', { documents: 'ISEE' })))).toEqual(['fascicolo.io_text']);
    expect(codes(ioMessageFor(eventOf('integrazione-richiesta', { documents: ['ISEE', 42] })))).toEqual(['fascicolo.io_text']);
    expect(codes(ioMessageFor(eventOf('richiesta-ricevuta', { protocolNumber: 'n. 12 <b>' })))).toEqual(['fascicolo.io_text']);
  });

  it('accepts https links only, without credentials or the fiscal code', () => {
    for (const link of ['http://www.comune.lodi.it', 'javascript:alert(1)', 'ftp://comune.it', 'www.comune.it', 'https://user:pw@comune.it', `https://comune.it/?cf=${CF}`, 'https://comune.it/a b', 42]) {
      const r = ioMessageFor(eventOf('richiesta-accolta', { link }));
      expect(codes(r)).toEqual(['fascicolo.io_link']);
      expect(JSON.stringify(r)).not.toContain(CF);
    }
  });

  it('rejects bad options', () => {
    expect(codes(untyped(eventOf('richiesta-accolta'), { locale: 'de' }))).toEqual(['fascicolo.io_option']);
    expect(codes(untyped(eventOf('richiesta-accolta'), { featureLevel: 'PREMIUM' }))).toEqual(['fascicolo.io_feature_level']);
    for (const ttl of [3599, 604_801, 3600.5, '3600', Number.NaN]) {
      expect(codes(untyped(eventOf('richiesta-accolta'), { timeToLiveSeconds: ttl }))).toEqual(['fascicolo.io_time_to_live']);
    }
    expect(plan(untyped(eventOf('richiesta-accolta'), { timeToLiveSeconds: 3600 })).message.time_to_live).toBe(3600);
    expect(codes(untyped(eventOf('richiesta-accolta'), 'en'))).toEqual(['fascicolo.io_option']);
    expect(codes(untyped(eventOf('richiesta-accolta'), { genericServiceName: 'servizi' }))).toEqual(['fascicolo.io_option']);
  });
});

describe('checkIoMessage', () => {
  it('accepts a well-formed vendor message', () => {
    const m = message({ due_date: '2026-03-31T21:59:59.000Z', payment_data: { amount: 100, notice_number: NOTICE }, require_secure_channels: true, third_party_data: { id: 'x' } }, { feature_level_type: 'STANDARD', time_to_live: 3600 });
    expect(checkIoMessage(m)).toEqual({ ok: true, value: m });
  });

  it('subject: 10 to 120 characters', () => {
    expect(codes(checkIoMessage(message({ subject: 'a'.repeat(9) })))).toEqual(['fascicolo.io_subject_length']);
    expect(checkIoMessage(message({ subject: 'a'.repeat(10) })).ok).toBe(true);
    expect(checkIoMessage(message({ subject: 'a'.repeat(120) })).ok).toBe(true);
    expect(codes(checkIoMessage(message({ subject: 'a'.repeat(121) })))).toEqual(['fascicolo.io_subject_length']);
    expect(codes(checkIoMessage(message({ subject: undefined })))).toEqual(['fascicolo.io_subject_length']);
    expect(codes(checkIoMessage(message({ subject: 'Titolo su\ndue righe' })))).toEqual(['fascicolo.io_subject_text']);
  });

  it('markdown: 80 to 10 000 characters', () => {
    expect(codes(checkIoMessage(message({ markdown: 'a'.repeat(79) })))).toEqual(['fascicolo.io_markdown_length']);
    expect(checkIoMessage(message({ markdown: 'a'.repeat(80) })).ok).toBe(true);
    expect(checkIoMessage(message({ markdown: 'a'.repeat(10_000) })).ok).toBe(true);
    expect(codes(checkIoMessage(message({ markdown: 'a'.repeat(10_001) })))).toEqual(['fascicolo.io_markdown_length']);
    expect(codes(checkIoMessage(message({ markdown: 80 })))).toEqual(['fascicolo.io_markdown_length']);
  });

  it('markdown: headings, emphasis, lists and https links only', () => {
    const good = `# Titolo\n\n## Sottotitolo\n\n**Grassetto** e *corsivo* e _corsivo_.\n\n- uno\n- due\n\n1. primo\n2. secondo\n\n[Vai al sito](https://www.comune.lodi.it/x?y=1)\n\n${BODY}`;
    expect(checkIoMessage(message({ markdown: good })).ok).toBe(true);
    const bad: Record<string, string> = {
      html: '<b>grassetto</b>',
      autolink: '<https://www.comune.it>',
      image: '![logo](https://www.comune.it/logo.png)',
      code: 'usa `codice`',
      blockquote: '> citazione',
      table: '| a | b |',
      rule: '---',
      strikethrough: '~~barrato~~',
      reference: '[sito]: https://www.comune.it',
      http: '[sito](http://www.comune.it)',
      bare: 'vai su http://www.comune.it',
      javascript: '[clic](javascript:alert(1))',
      ioit: '[apri](ioit://messages)',
      mailto: '[scrivi](mailto:a@b.it)',
    };
    for (const [what, snippet] of Object.entries(bad)) {
      const r = checkIoMessage(message({ markdown: `${BODY}\n\n${snippet}\n` }));
      expect(codes(r), what).toEqual(['fascicolo.io_markdown_syntax']);
    }
  });

  it('due_date: ISO-8601 UTC with milliseconds, an existing instant', () => {
    expect(checkIoMessage(message({ due_date: '2026-03-31T00:00:00.000Z' })).ok).toBe(true);
    for (const due_date of ['2026-03-31', '2026-03-31T00:00:00Z', '2026-03-31T00:00:00.000+01:00', '2026-02-30T00:00:00.000Z', '2026-03-31T24:00:00.000Z', 1_774_915_200_000]) {
      expect(codes(checkIoMessage(message({ due_date }))), String(due_date)).toEqual(['fascicolo.io_due_date']);
    }
  });

  it('payment_data: cents, notice number, payee', () => {
    const pay = (payment_data: unknown) => codes(checkIoMessage(message({ payment_data })));
    expect(pay({ amount: 1, notice_number: NOTICE })).toEqual([]);
    expect(pay({ amount: 9_999_999_999, notice_number: NOTICE, invalid_after_due_date: false, payee: { fiscal_code: '00743110157' } })).toEqual([]);
    expect(pay({ amount: 0, notice_number: NOTICE })).toEqual(['fascicolo.io_amount']);
    expect(pay({ amount: 10_000_000_000, notice_number: NOTICE })).toEqual(['fascicolo.io_amount']);
    expect(pay({ amount: 10.5, notice_number: NOTICE })).toEqual(['fascicolo.io_amount']);
    expect(pay({ amount: '100', notice_number: NOTICE })).toEqual(['fascicolo.io_amount']);
    expect(pay({ amount: 100, notice_number: '40100000000001234' })).toEqual(['fascicolo.io_notice_number']);
    expect(pay({ amount: 100, notice_number: NOTICE, payee: { fiscal_code: CF } })).toEqual(['fascicolo.io_payee']);
    expect(pay({ amount: 100, notice_number: NOTICE, invalid_after_due_date: 'no' })).toEqual(['fascicolo.io_message']);
    expect(pay({ amount: 100, notice_number: NOTICE, amountCents: 100 })).toEqual(['fascicolo.io_message']);
    expect(pay('100')).toEqual(['fascicolo.io_message']);
  });

  it('time_to_live, feature level, fiscal_code, unknown fields', () => {
    expect(checkIoMessage(message({}, { time_to_live: 3600 })).ok).toBe(true);
    expect(checkIoMessage(message({}, { time_to_live: 604_800 })).ok).toBe(true);
    expect(codes(checkIoMessage(message({}, { time_to_live: 3599 })))).toEqual(['fascicolo.io_time_to_live']);
    expect(codes(checkIoMessage(message({}, { time_to_live: 604_801 })))).toEqual(['fascicolo.io_time_to_live']);
    expect(codes(checkIoMessage(message({}, { feature_level_type: 'PREMIUM' })))).toEqual(['fascicolo.io_feature_level']);
    expect(codes(checkIoMessage(message({}, { fiscal_code: undefined })))).toEqual(['fascicolo.io_fiscal_code']);
    expect(codes(checkIoMessage(message({}, { fiscal_code: CF.toLowerCase() })))).toEqual(['fascicolo.io_fiscal_code']);
    expect(codes(checkIoMessage(message({ dueDate: '2026-03-31' })))).toEqual(['fascicolo.io_message']);
    expect(codes(checkIoMessage({ fiscal_code: CF }))).toEqual(['fascicolo.io_message']);
    expect(codes(checkIoMessage(null))).toEqual(['fascicolo.io_message']);
    expect(codes(checkIoMessage(JSON.parse(`{"fiscal_code": "${CF}", "__proto__": {"content": {}}}`)))).toEqual(['fascicolo.io_message', 'fascicolo.io_message']);
  });

  it('a special-category or judicial word in the subject is a typed error', () => {
    for (const subject of [
      'Esito della tua domanda al SerD',
      'Appuntamento al Ser.D. di Lodi',
      'Centro di salute mentale: appuntamento',
      'Visita psichiatrica confermata',
      'Il CSM ti aspetta domani',
      'Pratica di INVALIDITÀ civile',
      'Udienza in Tribunale per i minorenni',
      'Relazione per la Procura',
      'Affido familiare: aggiornamento',
      'Your mental health appointment',
      'Court hearing next week',
    ]) {
      expect(codes(checkIoMessage(message({ subject }))), subject).toEqual(['fascicolo.io_sensitive_subject']);
    }
  });
});

describe('the sensitive-word list', () => {
  it('matches at word starts, case- and accent-insensitively; acronyms as whole words', () => {
    expect(hasSensitiveTerm('DISABILITÀ')).toBe(true);
    expect(hasSensitiveTerm('disabilita')).toBe(true);
    expect(hasSensitiveTerm('Neuropsichiatria infantile')).toBe(true);
    expect(hasSensitiveTerm('tossicodipendenze')).toBe(true);
    expect(hasSensitiveTerm('HIV')).toBe(true);
    expect(hasSensitiveTerm('Servizio Csm')).toBe(true);
    expect(hasSensitiveTerm('Servizio CSMX')).toBe(false);
    expect(hasSensitiveTerm('condizione')).toBe(false);
    expect(hasSensitiveTerm('Assistenza domiciliare')).toBe(false);
    expect(hasSensitiveTerm('Refezione scolastica')).toBe(false);
  });

  it('no title nor default generic name holds a listed term', () => {
    for (const title of Object.values(IO_MESSAGE_TITLES)) {
      expect(findSensitiveTerms(title.it)).toEqual([]);
      expect(findSensitiveTerms(title.en)).toEqual([]);
    }
    expect(hasSensitiveTerm('i servizi sociali del Comune')).toBe(false);
    expect(hasSensitiveTerm("the Comune's social services")).toBe(false);
    expect(IO_SENSITIVE_TERMS.length).toBeGreaterThan(100);
  });
});

describe('ioLocaleFromProfile', () => {
  it('takes the first of Italian or English, Italian by default', () => {
    expect(ioLocaleFromProfile(['en_GB', 'it_IT'])).toBe('en');
    expect(ioLocaleFromProfile(['de_DE', 'it_IT'])).toBe('it');
    expect(ioLocaleFromProfile(['fr_FR'])).toBe('it');
    expect(ioLocaleFromProfile(undefined)).toBe('it');
  });
});

describe('property: every produced message passes checkIoMessage', () => {
  const WORDS = ['Servizio', 'Centro', 'Anziani', 'Famiglie', 'Sportello', 'SerD', 'Salute mentale', 'Tutela minori', 'Disabilità', 'Carcere', "dell'Ambito", 'n. 3', 'Àrea', 'Affido', 'HIV', 'CSM'];
  const CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàèéìòùÀÈ0123456789 '.,-()/".split('');
  const name = fc
    .oneof(
      fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
      fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 100 }),
    )
    .filter((s) => /[\p{L}\p{N}]/u.test(s) && s.trim().length <= 100);
  const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const instant = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const event = fc.record({
    type: fc.constantFrom(...NOTIFYING_EVENT_TYPES),
    service: fc.record({ name, sensitive: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['name'] }),
    receivedOn: date,
    dueDate: date,
    decidedOn: date,
    startDate: date,
    providedOn: date,
    start: instant,
    place: name,
    mode: fc.constantFrom('in-presenza', 'domicilio', 'telefono', 'video'),
    documents: fc.array(name, { minLength: 1, maxLength: 20 }),
    amountCents: fc.integer({ min: 1, max: 9_999_999_999 }),
    noticeNumber: fc.stringMatching(/^[0123][0-9]{17}$/),
    invalidAfterDueDate: fc.boolean(),
    link: fc.constantFrom(undefined, 'https://www.comune.lodi.it/area-personale', 'https://servizi.comune.it/pratiche?id=(42)'),
  });

  it('valid, within limits, no listed word in the subject, sensitive names never printed', () => {
    fc.assert(
      fc.property(event, fc.constantFrom('it' as const, 'en' as const), (e, locale) => {
        const input = { ...e, fiscalCode: CF };
        const r = ioMessageFor(JSON.parse(JSON.stringify(input)) as CitizenEvent, { locale });
        const p = plan(r);
        const m: NewMessage = p.message;
        expect(checkIoMessage(m).ok).toBe(true);
        expect(findSensitiveTerms(m.content.subject)).toEqual([]);
        const trimmed = e.service.name.trim();
        if (e.service.sensitive === true || hasSensitiveTerm(trimmed)) {
          expect(m.content.markdown).not.toContain(locale === 'it' ? `«${trimmed}»` : `“${trimmed}”`);
          expect(p.requireSecureChannels).toBe(true);
        }
        if (e.service.sensitive !== false) expect(p.requireSecureChannels).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('types', () => {
  it('the event union rejects incomplete or mistyped events at compile time', () => {
    const checks = [
      // @ts-expect-error fiscalCode is required
      () => ioMessageFor({ type: 'richiesta-accolta', service: SERVICE }),
      // @ts-expect-error amounts are numbers of cents
      () => ioMessageFor({ type: 'avviso-pagamento', fiscalCode: CF, service: SERVICE, amountCents: '4550', noticeNumber: NOTICE, dueDate: '2026-03-31' }),
      // @ts-expect-error an unknown event type
      () => ioMessageFor({ type: 'richiesta-archiviata', fiscalCode: CF, service: SERVICE }),
      // @ts-expect-error the locale is 'it' or 'en'
      () => ioMessageFor({ type: 'diario' }, { locale: 'de' }),
    ];
    expect(checks).toHaveLength(4);
  });
});
