// SPDX-License-Identifier: BSD-3-Clause
/**
 * Building blocks shared by every entity: instants, calendar dates, coded values (each names its code
 * system and version), the reference to the Ente that holds the record, actors, and the common fields
 * (id, ente, who and when created/updated, version, status history, entered-in-error).
 * @module
 */
import { isIsoDate, type IsoDate, type LocalizedText } from '@riuso-sociale/core';
import { z } from 'zod';
import { idSchema, type EntityKind, type Id } from './ids.js';

const msg = (it: string, en: string): string => `${it} / ${en}`;

declare const instantBrand: unique symbol;

/**
 * An instant in UTC, ISO 8601 with `Z` (`2025-03-01T09:30:00Z`, milliseconds optional): when something
 * happened (audit, transitions). Calendar facts (birth, start of an intervention) are `IsoDate`s.
 *
 * @example
 * ```ts
 * import { toInstant, type Instant } from '@riuso-sociale/csi-model';
 * const at: Instant = toInstant(new Date('2025-03-01T09:30:00Z')); // '2025-03-01T09:30:00.000Z'
 * ```
 */
export type Instant = string & { readonly [instantBrand]: 'Instant' };

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;

/**
 * `true` for a UTC instant `AAAA-MM-GGThh:mm:ss[.sss]Z` on a real calendar day.
 *
 * @param value - Any value, e.g. a field of parsed JSON: only a string in exactly that form gives `true`.
 *
 * @example
 * ```ts
 * import { isInstant } from '@riuso-sociale/csi-model';
 * isInstant('2025-03-01T09:30:00Z'); // true
 * isInstant('2025-02-30T09:30:00Z'); // false
 * ```
 */
export function isInstant(value: unknown): value is Instant {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  return m !== null && isIsoDate(`${m[1]}-${m[2]}-${m[3]}`);
}

/**
 * The instant of a `Date`, in UTC with milliseconds.
 *
 * @example
 * ```ts
 * import { toInstant } from '@riuso-sociale/csi-model';
 * toInstant(new Date(0)); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function toInstant(date: Date): Instant {
  const s = date.toISOString();
  if (!isInstant(s)) throw new RangeError('toInstant: date outside years 0000–9999');
  return s;
}

/**
 * The calendar date (in UTC) of an instant. To get the date in Italy use `todayInItaly` of core.
 *
 * @example
 * ```ts
 * import { instantDate } from '@riuso-sociale/csi-model';
 * instantDate('2025-03-01T23:30:00Z' as never); // '2025-03-01'
 * ```
 */
export function instantDate(at: Instant): IsoDate {
  return at.slice(0, 10) as IsoDate;
}

/**
 * zod schema of an {@link Instant}.
 *
 * @example
 * ```ts
 * import { instantSchema } from '@riuso-sociale/csi-model';
 * instantSchema.safeParse('2025-03-01 09:30').success; // false
 * ```
 */
export const instantSchema: z.ZodType<Instant, string> = z
  .string({ error: msg('Istante: stringa ISO 8601 UTC', 'Instant: ISO 8601 UTC string') })
  .refine(isInstant, { error: msg('Istante non valido (AAAA-MM-GGThh:mm:ssZ)', 'Invalid instant (YYYY-MM-DDThh:mm:ssZ)') }) as unknown as z.ZodType<
  Instant,
  string
>;

/**
 * zod schema of a calendar date `AAAA-MM-GG` (never shifted by a time zone).
 *
 * @example
 * ```ts
 * import { dateSchema } from '@riuso-sociale/csi-model';
 * dateSchema.safeParse('2024-02-29').success; // true
 * ```
 */
export const dateSchema: z.ZodType<IsoDate, string> = z
  .string({ error: msg('Data: stringa AAAA-MM-GG', 'Date: YYYY-MM-DD string') })
  .refine(isIsoDate, { error: msg('Data non valida (AAAA-MM-GG)', 'Invalid date (YYYY-MM-DD)') }) as unknown as z.ZodType<IsoDate, string>;

/**
 * A coded value: the code, the code system it belongs to and the version of that system, so a code read
 * years later is still understood. `display` is optional (the system defines it).
 *
 * @example
 * ```ts
 * import type { Coded } from '@riuso-sociale/csi-model';
 * const area: Coded = { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '3' };
 * ```
 */
export interface Coded<S extends string = string> {
  /** Code system identifier (see {@link CODE_SYSTEMS}). */
  readonly system: S;
  /** Version of the code system. */
  readonly version: string;
  /** The code. */
  readonly code: string;
  /** Label, Italian and English. */
  readonly display?: LocalizedText;
}

/**
 * zod schema of a {@link Coded} value of `system` (any system when omitted). The code itself is checked
 * against the system by the rules that use it, not here.
 *
 * @example
 * ```ts
 * import { codedSchema } from '@riuso-sociale/csi-model';
 * codedSchema('siuss.area-utenza').safeParse({ system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '3' }).success; // true
 * codedSchema('siuss.area-utenza').safeParse({ system: 'altro', version: '1', code: '3' }).success; // false
 * ```
 */
export function codedSchema<S extends string>(system?: S): z.ZodType<Coded<S>> {
  return z.strictObject({
    system: (system === undefined ? z.string().min(1) : z.literal(system, { error: msg(`Sistema di codifica atteso: ${system}`, `Expected code system: ${system}`) })) as z.ZodType<S>,
    version: z.string().min(1, { error: msg('Versione del sistema di codifica obbligatoria', 'Code system version required') }),
    code: z.string({ error: msg('Codice: testo', 'Code: text') }).min(1, { error: msg('Codice vuoto', 'Empty code') }).max(40, { error: msg('Codice oltre 40 caratteri', 'Code over 40 characters') }),
    display: z.strictObject({ it: z.string(), en: z.string() }, { error: msg('Etichetta: { it, en }', 'Label: { it, en }') }).optional(),
  }, { error: msg('Valore codificato: { system, version, code }', 'Coded value: { system, version, code }') }) as unknown as z.ZodType<Coded<S>>;
}

/**
 * The Ente that holds a record: Belfiore code of the Comune (always), IPA code and ISTAT code when known.
 *
 * @example
 * ```ts
 * import type { EnteRef } from '@riuso-sociale/csi-model';
 * const milano: EnteRef = { belfiore: 'F205', codiceIpa: 'c_f205', istat: '015146' };
 * ```
 */
export interface EnteRef {
  /** Codice catastale (Belfiore) of the Comune, `A000`–`Z999`. */
  readonly belfiore: string;
  /** IPA code (indicepa.gov.it), e.g. `c_f205`. */
  readonly codiceIpa?: string;
  /** ISTAT code of the Comune, 6 digits. */
  readonly istat?: string;
}

/**
 * zod schema of an {@link EnteRef}.
 *
 * @example
 * ```ts
 * import { enteRefSchema } from '@riuso-sociale/csi-model';
 * enteRefSchema.safeParse({ belfiore: 'F205' }).success; // true
 * ```
 */
export const enteRefSchema: z.ZodType<EnteRef> = z.strictObject(
  {
  belfiore: z.string().regex(/^[A-Z]\d{3}$/, { error: msg('Codice Belfiore: lettera e tre cifre', 'Belfiore code: a letter and three digits') }),
  codiceIpa: z.string().regex(/^[a-z0-9_]{2,20}$/i, { error: msg('Codice IPA non valido', 'Invalid IPA code') }).optional(),
  istat: z.string().regex(/^\d{6}$/, { error: msg('Codice ISTAT: sei cifre', 'ISTAT code: six digits') }).optional(),
  },
  { error: msg('Ente: { belfiore, codiceIpa?, istat? }', 'Ente: { belfiore, codiceIpa?, istat? }') },
) as z.ZodType<EnteRef>;

/**
 * Professional role of an operator (drives what they may do; access also needs an active assignment).
 *
 * @example
 * ```ts
 * import type { Ruolo } from '@riuso-sociale/csi-model';
 * const r: Ruolo = 'assistente-sociale';
 * ```
 */
export type Ruolo =
  | 'assistente-sociale'
  | 'educatore'
  | 'psicologo'
  | 'amministrativo'
  | 'coordinatore'
  | 'responsabile-servizio'
  | 'operatore-ente-gestore'
  | 'dpo'
  | 'sistema';

/** Every {@link Ruolo}. */
export const RUOLI: readonly Ruolo[] = [
  'assistente-sociale',
  'educatore',
  'psicologo',
  'amministrativo',
  'coordinatore',
  'responsabile-servizio',
  'operatore-ente-gestore',
  'dpo',
  'sistema',
];

/**
 * Who acts: the operator, the role they act in, and on whose behalf (delegation) when relevant.
 *
 * @example
 * ```ts
 * import { newId, type Actor } from '@riuso-sociale/csi-model';
 * const actor: Actor = { operatoreId: newId('operatore'), role: 'assistente-sociale' };
 * ```
 */
export interface Actor {
  /** The operator. */
  readonly operatoreId: Id<'operatore'>;
  /** The role they act in. */
  readonly role: Ruolo;
  /** The operator on whose behalf they act, if any. */
  readonly onBehalfOf?: Id<'operatore'>;
}

/**
 * zod schema of an {@link Actor}.
 *
 * @example
 * ```ts
 * import { actorSchema } from '@riuso-sociale/csi-model';
 * actorSchema.safeParse({ operatoreId: 'x', role: 'educatore' }).success; // false (not a UUID)
 * ```
 */
export const actorSchema: z.ZodType<Actor, unknown> = z.strictObject({
  operatoreId: idSchema('operatore'),
  role: z.enum(RUOLI as unknown as [Ruolo, ...Ruolo[]]),
  onBehalfOf: idSchema('operatore').optional(),
}) as unknown as z.ZodType<Actor, unknown>;

/**
 * One entry of an entity's status history: the state entered, when, by whom, through which event.
 *
 * @example
 * ```ts
 * import type { StatusChange } from '@riuso-sociale/csi-model';
 * const c: StatusChange<'aperta' | 'chiusa'> = { status: 'chiusa', at: '2025-03-01T09:30:00Z' as never, by: 'f0b8…' as never, event: 'chiudi', reason: 'obiettivi raggiunti' };
 * ```
 */
export interface StatusChange<S extends string = string> {
  /** State entered. */
  readonly status: S;
  /** When. */
  readonly at: Instant;
  /** By whom. */
  readonly by: Id<'operatore'>;
  /** The lifecycle event (`crea` for the first state). */
  readonly event: string;
  /** The reason, when the event needs one. */
  readonly reason?: string | undefined;
}

/**
 * Fields common to every entity (the lifecycle ones add `status` and `history`).
 *
 * @example
 * ```ts
 * import type { EntityBase } from '@riuso-sociale/csi-model';
 * type X = EntityBase<'cartella'>['id']; // Id<'cartella'>
 * ```
 */
export interface EntityBase<K extends EntityKind> {
  /** Identifier. */
  readonly id: Id<K>;
  /** The Ente that holds the record. */
  readonly ente: EnteRef;
  /** When the record was created. */
  readonly createdAt: Instant;
  /** Who created it. */
  readonly createdBy: Id<'operatore'>;
  /** Last change. */
  readonly updatedAt: Instant;
  /** Who made the last change. */
  readonly updatedBy: Id<'operatore'>;
  /** Incremented at every change (optimistic concurrency), from 1. */
  readonly version: number;
}

/**
 * The zod fields of {@link EntityBase} for kind `kind`, to spread into an entity schema.
 *
 * @example
 * ```ts
 * import { baseFields } from '@riuso-sociale/csi-model';
 * import { z } from 'zod';
 * const s = z.strictObject({ ...baseFields('ente'), denominazione: z.string() });
 * ```
 */
export function baseFields<K extends EntityKind>(kind: K) {
  return {
    /** Identifier (UUID). */
    id: idSchema(kind),
    /** The Ente that holds the record. */
    ente: enteRefSchema,
    /** When the record was created. */
    createdAt: instantSchema,
    /** Who created it. */
    createdBy: idSchema('operatore'),
    /** Last change. */
    updatedAt: instantSchema,
    /** Who made the last change. */
    updatedBy: idSchema('operatore'),
    /** Incremented at every change, from 1. */
    version: z.int({ error: msg('Versione: intero', 'Version: integer') }).min(1, { error: msg('Versione: almeno 1', 'Version: at least 1') }),
  };
}

/**
 * The zod fields of a lifecycle entity: `status` among `states` and the `history` of changes.
 *
 * @example
 * ```ts
 * import { lifecycleFields, STATES } from '@riuso-sociale/csi-model';
 * const f = lifecycleFields(STATES.cartella);
 * ```
 */
export function lifecycleFields<const S extends readonly [string, ...string[]]>(states: S) {
  const status = z.enum(states as unknown as [S[number], ...S[number][]], {
    error: msg(`Stato: uno tra ${states.join(', ')}`, `Status: one of ${states.join(', ')}`),
  });
  return {
    /** Current state of the lifecycle. */
    status,
    /** Every state change, oldest first (the last one is the current state). */
    history: z
      .array(
        z.strictObject(
          {
            /** State entered. */
            status,
            /** When. */
            at: instantSchema,
            /** By whom. */
            by: idSchema('operatore'),
            /** The lifecycle event (`crea` for the first state). */
            event: z.string().min(1, { error: msg('Evento obbligatorio', 'Event required') }),
            /** Why, when the event needs a reason. */
            reason: z
              .string()
              .min(1, { error: msg('Motivo vuoto', 'Empty reason') })
              .max(2000, { error: msg('Motivo oltre 2000 caratteri', 'Reason over 2000 characters') })
              .optional(),
          },
          { error: msg('Voce della storia degli stati non valida', 'Invalid status history entry') },
        ),
      )
      .min(1, { error: msg('La storia degli stati ha almeno lo stato iniziale', 'The status history holds at least the initial state') }),
  };
}
