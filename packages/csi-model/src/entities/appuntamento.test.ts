// SPDX-License-Identifier: BSD-3-Clause
/**
 * The fields added for the person's own view of their record (Designers Italia area personale,
 * C.SE.1.9–1.10): Accesso `protocollo`, `termineConclusione`, `ufficio`; Documento tipologia
 * `segnalazione-autorita-giudiziaria`; the Appuntamento entity.
 */
import { describe, expect, it } from 'vitest';
import { accessoSchema, appuntamentoSchema, documentoSchema, entityJsonSchema } from './index.js';
import { SAMPLE_IDS, sample, sampleInput } from './samples.js';

/** The issues of a failed parse, as `path: message`. */
function issues(r: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }): string[] {
  return r.success ? [] : (r.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

const T1 = '2025-04-01T10:00:00Z';
const by = SAMPLE_IDS.operatore;

describe('Accesso: protocol registration, deadline for the decision, managing office', () => {
  const full = {
    protocollo: { numero: '2025/0012345', data: '2025-03-03' },
    termineConclusione: '2025-04-02',
    ufficio: SAMPLE_IDS.servizio,
  };

  it('accepts the three fields and keeps them', () => {
    const a = accessoSchema.parse(sampleInput('accesso', full));
    expect(a.protocollo).toEqual({ numero: '2025/0012345', data: '2025-03-03' });
    expect(a.termineConclusione).toBe('2025-04-02');
    expect(a.ufficio).toBe(SAMPLE_IDS.servizio);
  });

  it('they stay optional (an accesso without them is valid, as before)', () => {
    const a = sample('accesso');
    expect(a.protocollo).toBeUndefined();
    expect(a.termineConclusione).toBeUndefined();
    expect(a.ufficio).toBeUndefined();
  });

  it('a protocol registration dated before the contact is accepted (a written request registered first)', () => {
    expect(accessoSchema.safeParse(sampleInput('accesso', { ...full, protocollo: { numero: '77', data: '2025-02-27' } })).success).toBe(true);
  });

  it('refuses a deadline before the date of the contact, at termineConclusione, in both languages', () => {
    const r = accessoSchema.safeParse(sampleInput('accesso', { ...full, termineConclusione: '2025-03-02' }));
    expect(issues(r)).toEqual([
      'termineConclusione: Il termine di conclusione (2 marzo 2025) precede la data di inizio (3 marzo 2025) / The deadline for the decision (2 March 2025) is before the start date (3 March 2025)',
    ]);
  });

  it('a deadline on the day of the contact is accepted', () => {
    expect(accessoSchema.safeParse(sampleInput('accesso', { ...full, termineConclusione: '2025-03-03' })).success).toBe(true);
  });

  it('refuses a malformed protocol registration, deadline or office', () => {
    const bad = (o: Record<string, unknown>) => issues(accessoSchema.safeParse(sampleInput('accesso', { ...full, ...o })));
    expect(bad({ protocollo: { numero: '', data: '2025-03-03' } })).toEqual([
      'protocollo.numero: Numero di protocollo: testo di 1–40 caratteri / Protocol number: text of 1–40 characters',
      'protocollo.numero: Numero di protocollo: testo vuoto / Protocol number: blank text',
    ]);
    expect(bad({ protocollo: { numero: 'x'.repeat(41), data: '2025-03-03' } })).toEqual(['protocollo.numero: Numero di protocollo: testo di 1–40 caratteri / Protocol number: text of 1–40 characters']);
    expect(bad({ protocollo: { numero: '   ', data: '2025-03-03' } })).toEqual(['protocollo.numero: Numero di protocollo: testo vuoto / Protocol number: blank text']);
    expect(bad({ protocollo: { numero: '12', data: '2025-02-30' } })).toEqual(['protocollo.data: Data non valida (AAAA-MM-GG) / Invalid date (YYYY-MM-DD)']);
    expect(bad({ protocollo: { numero: '12', data: '2025-03-03', direzione: 'entrata' } })).toEqual(['protocollo: Protocollo: campi non previsti (direzione) / Protocol registration: unexpected fields (direzione)']);
    expect(bad({ termineConclusione: '2025-04-02T00:00:00Z' })).toEqual(['termineConclusione: Data non valida (AAAA-MM-GG) / Invalid date (YYYY-MM-DD)']);
    expect(bad({ ufficio: 'ufficio-1' })).toEqual(['ufficio: Identificativo (servizio) non è un UUID minuscolo / Identifier (servizio) is not a lower-case UUID']);
  });

  it('the JSON Schema lists the fields, optional, with their formats', () => {
    const s = entityJsonSchema('accesso') as unknown as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(s.properties['termineConclusione']?.['format']).toBe('date');
    expect(s.properties['ufficio']?.['format']).toBe('uuid');
    expect([...(s.properties['protocollo']?.['required'] as string[])].sort()).toEqual(['data', 'numero']);
    expect(s.required).not.toContain('protocollo');
    expect(s.required).not.toContain('termineConclusione');
    expect(s.required).not.toContain('ufficio');
  });
});

describe('Documento: report to the judicial authority', () => {
  it('segnalazione-autorita-giudiziaria is a tipologia', () => {
    expect(documentoSchema.shape.tipologia.options).toContain('segnalazione-autorita-giudiziaria');
    const d = documentoSchema.parse(sampleInput('documento', { tipologia: 'segnalazione-autorita-giudiziaria', oggetto: 'Segnalazione alla Procura presso il Tribunale per i minorenni' }));
    expect(d.tipologia).toBe('segnalazione-autorita-giudiziaria');
  });

  it('an unknown tipologia is still refused, naming the new one among the allowed values', () => {
    const r = documentoSchema.safeParse(sampleInput('documento', { tipologia: 'segnalazione' as never }));
    expect(issues(r)).toHaveLength(1);
    expect(issues(r)[0]).toContain('segnalazione-autorita-giudiziaria');
    expect(issues(r)[0]).toMatch(/^tipologia: Tipologia documentale: uno tra .* \/ Document type: one of /);
  });
});

describe('Appuntamento: schema', () => {
  it('the sample is valid: a confirmed home visit tied to the presa in carico', () => {
    const a = sample('appuntamento');
    expect(a.status).toBe('confermato');
    expect(a.modalita).toBe('domicilio');
    expect(a.presaInCarico).toBe(SAMPLE_IDS['presa-in-carico']);
    expect(a.history.map((h) => h.event)).toEqual(['crea', 'conferma']);
  });

  it('modalità are in-presenza, domicilio, telefono, video; states as in STATES', () => {
    expect(appuntamentoSchema.shape.modalita.options).toEqual(['in-presenza', 'domicilio', 'telefono', 'video']);
    expect(appuntamentoSchema.shape.status.options).toEqual(['programmato', 'confermato', 'svolto', 'annullato', 'non-presentato', 'entered-in-error']);
  });

  it('optional fields may be absent (no presa in carico, no service, no end, no place, no notes)', () => {
    const r = appuntamentoSchema.safeParse(sampleInput('appuntamento', { presaInCarico: undefined, servizio: undefined, fine: undefined }));
    expect(r.success).toBe(true);
  });

  const bad = (o: Record<string, unknown>) => issues(appuntamentoSchema.safeParse(sampleInput('appuntamento', o)));

  it('refuses an end that is not after the start, in both languages', () => {
    const msg = "fine: La fine dell'appuntamento non è successiva all'inizio / The end of the appointment is not after its start";
    expect(bad({ fine: '2025-04-08T08:30:00Z' })).toEqual([msg]);
    expect(bad({ fine: '2025-04-08T08:00:00Z' })).toEqual([msg]);
    expect(bad({ fine: '2025-04-08T08:30:00.001Z' })).toEqual([]);
  });

  it('start and end are UTC instants, not calendar dates or local times', () => {
    expect(bad({ inizio: '2025-04-08' })).toEqual(['inizio: Istante non valido (AAAA-MM-GGThh:mm:ssZ) / Invalid instant (YYYY-MM-DDThh:mm:ssZ)']);
    expect(bad({ fine: '2025-04-08T11:30:00+02:00' })).toEqual(['fine: Istante non valido (AAAA-MM-GGThh:mm:ssZ) / Invalid instant (YYYY-MM-DDThh:mm:ssZ)']);
  });

  it('refuses an unknown modalità and texts over their limits', () => {
    expect(bad({ modalita: 'chat' })).toEqual(["modalita: Modalità dell'appuntamento: uno tra in-presenza, domicilio, telefono, video / Kind of appointment: one of in-presenza, domicilio, telefono, video"]);
    expect(bad({ luogo: 'x'.repeat(301) })).toEqual(['luogo: Luogo: testo di 1–300 caratteri / Place: text of 1–300 characters']);
    expect(bad({ oggetto: 'x'.repeat(501) })).toEqual(['oggetto: Oggetto: testo di 1–500 caratteri / Subject: text of 1–500 characters']);
    expect(bad({ oggetto: ' ' })).toEqual(['oggetto: Oggetto: testo vuoto / Subject: blank text']);
    expect(bad({ note: 'x'.repeat(4001) })).toEqual(['note: Note: testo di 1–4000 caratteri / Notes: text of 1–4000 characters']);
    expect(bad({ luogo: 'x'.repeat(300), note: 'x'.repeat(4000), oggetto: 'x'.repeat(500) })).toEqual([]);
  });

  it('refuses a missing operator or person', () => {
    expect(bad({ operatore: undefined })).toHaveLength(1);
    expect(bad({ persona: undefined })).toHaveLength(1);
  });

  it('a cancelled appointment needs its reason; a reason needs the cancelled state', () => {
    const annullato = { status: 'annullato', history: [{ status: 'programmato', at: '2025-03-03T09:00:00Z', by, event: 'crea' }, { status: 'annullato', at: T1, by, event: 'annulla', reason: 'Ricovero' }] };
    expect(bad(annullato)).toEqual(["motivoAnnullamento: Motivo dell'annullamento: obbligatorio nello stato «annullato» / Reason for cancelling: required in state \"annullato\""]);
    expect(bad({ ...annullato, motivoAnnullamento: 'Ricovero' })).toEqual([]);
    expect(bad({ motivoAnnullamento: 'Ricovero' })).toEqual(["motivoAnnullamento: Motivo dell'annullamento indicato ma lo stato è «confermato» / Reason for cancelling given but the status is \"confermato\""]);
    expect(bad({ motivoAnnullamento: 'x'.repeat(2001), ...annullato })).toEqual(["motivoAnnullamento: Motivo dell'annullamento: testo di 1–2000 caratteri / Reason for cancelling: text of 1–2000 characters"]);
  });

  it('unknown keys are refused', () => {
    expect(bad({ promemoria: true } as never)).toEqual([': Appuntamento: campi non previsti (promemoria) / Appointment: unexpected fields (promemoria)']);
  });

  it('the JSON Schema marks the instants as date-time and requires the mandatory fields', () => {
    const s = entityJsonSchema('appuntamento') as unknown as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(s.properties['inizio']?.['format']).toBe('date-time');
    expect(s.properties['fine']?.['format']).toBe('date-time');
    for (const f of ['persona', 'operatore', 'inizio', 'modalita', 'oggetto']) expect(s.required).toContain(f);
    for (const f of ['presaInCarico', 'servizio', 'fine', 'luogo', 'note', 'motivoAnnullamento']) expect(s.required).not.toContain(f);
  });
});
