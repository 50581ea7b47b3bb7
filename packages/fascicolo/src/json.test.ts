// SPDX-License-Identifier: BSD-3-Clause
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { MARIO_CF, SAMPLE_IDS, marioRecord } from '../test/support/records.js';
import { buildCitizenView, citizenViewJsonSchema, citizenViewSchema, toJson, type CitizenView } from './index.js';
import { isRiusoError } from '@riuso-sociale/core';

function build(purpose: 'portal' | 'access-request'): CitizenView {
  const r = buildCitizenView(marioRecord(), { subject: SAMPLE_IDS.persona, requester: { kind: 'interessato', codiceFiscale: MARIO_CF }, purpose, asOf: '2026-03-01' });
  if (!r.ok) throw new Error('view');
  return r.value;
}

describe('toJson: the art. 15(3) electronic copy', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(citizenViewJsonSchema);

  test.each(['portal', 'access-request'] as const)('%s: valid against the published JSON Schema, and reads back identical', (purpose) => {
    const view = build(purpose);
    const text = toJson(view);
    const parsed = JSON.parse(text) as unknown;
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(citizenViewSchema.parse(parsed)).toEqual(view);
    expect(toJson(view)).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
  });

  test('the schema is draft 2020-12, frozen, and rejects a tampered copy', () => {
    expect(citizenViewJsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.isFrozen(citizenViewJsonSchema)).toBe(true);
    const copy = JSON.parse(toJson(build('portal'))) as Record<string, unknown>;
    expect(validate({ ...copy, purpose: 'marketing' })).toBe(false);
    expect(validate({ ...copy, extra: 1 })).toBe(false);
  });

  test('a value that is not a view is refused with a typed error', () => {
    let caught: unknown;
    try {
      toJson({ ...build('portal'), coverage: { records: -1, shown: 0, withheld: 0, review: 0 } });
    } catch (e) {
      caught = e;
    }
    expect(isRiusoError(caught)).toBe(true);
    expect((caught as { code: string }).code).toBe('fascicolo.view_invalid');
  });
});
