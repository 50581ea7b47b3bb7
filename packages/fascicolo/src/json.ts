// SPDX-License-Identifier: BSD-3-Clause
/**
 * The citizen view as JSON: the "commonly used electronic form" of the copy GDPR art. 15(3) gives
 * the person (portability, art. 20, does not apply to processing for a public task: art. 20(3)),
 * with its JSON Schema (draft 2020-12) for whoever reads it.
 * @module
 */
import { createIssue, RiusoError } from '@riuso-sociale/core';
import { toJSONSchema, z } from 'zod';
import { ITEM_CLASSES, REQUESTER_KINDS, REVIEW_REASONS, STATUS_CODES, TIMELINE_KINDS, type CitizenView } from './model.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = z.strictObject({ it: z.string(), en: z.string() });
const sensitivity = z.enum(['ordinary', 'special', 'judicial']);
const itemClass = z.enum(ITEM_CLASSES);
const reviewReason = z.enum(REVIEW_REASONS);
const requesterKind = z.enum(REQUESTER_KINDS);

/**
 * The zod schema of a {@link CitizenView} (what {@link toJson} writes). Useful to read a view back.
 *
 * @example
 * ```ts
 * import { citizenViewSchema } from '@riuso-sociale/fascicolo';
 * citizenViewSchema.safeParse({}).success; // false
 * ```
 */
export const citizenViewSchema = z.strictObject({
  format: z.literal('riuso-sociale/citizen-view@1'),
  purpose: z.enum(['portal', 'access-request']),
  asOf: date,
  locale: z.enum(['it', 'en']),
  subject: z.strictObject({
    personaId: z.string(),
    name: z.string(),
    codiceFiscale: z.string().optional(),
    alternativeId: z.string().optional(),
    birthDate: date,
    minor: z.boolean(),
  }),
  requester: z.strictObject({
    kind: requesterKind,
    label: text,
    validTo: date.optional(),
    basis: z.strictObject({ act: z.string(), reference: z.string().optional(), date, issuedBy: z.string().optional() }).optional(),
  }),
  operatorPrintable: z.boolean(),
  timeline: z.array(
    z.strictObject({
      ref: z.string(),
      kind: z.enum(TIMELINE_KINDS),
      date,
      title: text,
      text,
      status: z
        .strictObject({
          code: z.enum(STATUS_CODES),
          label: text,
        })
        .optional(),
      protocol: z.strictObject({ number: z.string(), date }).optional(),
      takenInChargeOn: date.optional(),
      decisionDueBy: date.optional(),
      decidedOn: date.optional(),
      office: z.string().optional(),
      period: z.strictObject({ from: date, to: date.optional() }).optional(),
      amountCents: z.int().optional(),
      details: z.array(z.strictObject({ label: text, value: text })),
      correction: text.optional(),
      categories: z.array(sensitivity),
      controller: z.string(),
      summary: z.boolean(),
    }),
  ),
  art15: z.strictObject({
    controllers: z.array(z.strictObject({ ente: z.string(), role: text })),
    purposes: z.array(text),
    legalBases: z.array(text),
    categories: z.array(z.strictObject({ category: sensitivity, text })),
    recipients: z.array(text),
    retention: z.array(text),
    sources: z.array(text),
    automatedDecisions: text,
    rights: z.array(text),
    complaint: text,
  }),
  withheld: z.array(
    z.strictObject({
      class: itemClass,
      scope: z.enum(['record', 'field']),
      count: z.int().min(1),
      ground: z.strictObject({ code: z.string(), text, source: z.string() }),
    }),
  ),
  needsReview: z.array(z.strictObject({ ref: z.string(), class: itemClass, scope: z.enum(['record', 'field']), date: date.optional(), reasons: z.array(reviewReason) })),
  wholeViewReview: z.array(reviewReason),
  coverage: z.strictObject({ records: z.int().min(0), shown: z.int().min(0), withheld: z.int().min(0), review: z.int().min(0) }),
  notices: z.array(
    z.strictObject({
      code: z.string(),
      severity: z.enum(['error', 'warning']),
      path: z.array(z.union([z.string(), z.number()])),
      message: z.string(),
      messageEn: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    }),
  ),
});

/**
 * The JSON Schema (draft 2020-12) of {@link toJson}'s output: the format of the art. 15(3)
 * electronic copy. Frozen plain JSON.
 *
 * @example
 * ```ts
 * import { citizenViewJsonSchema } from '@riuso-sociale/fascicolo';
 * citizenViewJsonSchema.$schema; // 'https://json-schema.org/draft/2020-12/schema'
 * ```
 */
export const citizenViewJsonSchema: Readonly<Record<string, unknown>> & { readonly $schema: string } = deepFreeze({
  ...(toJSONSchema(citizenViewSchema, { target: 'draft-2020-12' }) as Record<string, unknown>),
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Citizen view (riuso-sociale/citizen-view@1)',
  description: 'Copia elettronica dei dati della cartella sociale (GDPR art. 15(3)) / Electronic copy of the social-care record data (GDPR art. 15(3))',
});

/**
 * The view as JSON text (UTF-8, two-space indentation, keys in the view's order): the electronic
 * copy of GDPR art. 15(3). Deterministic: the same view gives the same text. The view is checked
 * against {@link citizenViewSchema} first, so a hand-edited view that would not read back is refused
 * with a `RiusoError` (`fascicolo.view_invalid`) naming the first wrong path.
 *
 * @example
 * ```ts
 * import { toJson, type CitizenView } from '@riuso-sociale/fascicolo';
 * declare const view: CitizenView;
 * const copy = toJson(view); // JSON.parse(copy) reads the view back
 * ```
 */
export function toJson(view: CitizenView): string {
  const r = citizenViewSchema.safeParse(view);
  if (!r.success) {
    const first = r.error.issues[0];
    const path = (first?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
    throw new RiusoError([createIssue('fascicolo.view_invalid', { it: 'Non è una vista del cittadino (toJson)', en: 'Not a citizen view (toJson)' }, { path })]);
  }
  return `${JSON.stringify(view, null, 2)}\n`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
