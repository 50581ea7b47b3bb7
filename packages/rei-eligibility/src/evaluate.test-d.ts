// SPDX-License-Identifier: BSD-3-Clause
import { expectTypeOf, test } from 'vitest';
import { evaluate, type Evaluation, type HouseholdInput } from './index.js';

test('a household written as a literal (dates as strings) type-checks; wrong use does not', () => {
  const household: HouseholdInput = {
    members: [{ birthDate: '1990-04-02', relation: 'richiedente', disability: 'none' }],
    housing: { tenure: 'affitto', annualRentCents: 480_000, registeredLease: true },
  };
  const r = evaluate({ measure: 'adi', date: '2025-03-01', household });
  if (r.ok) expectTypeOf(r.value).toEqualTypeOf<Evaluation>();
  // @ts-expect-error — not a measure
  evaluate({ measure: 'rdc2', date: '2025-03-01', household });
  // @ts-expect-error — money is integer cents, not a string
  evaluate({ measure: 'adi', date: '2025-03-01', household: { householdIncomeCents: '3000' } });
  // @ts-expect-error — unknown relation
  evaluate({ measure: 'adi', date: '2025-03-01', household: { members: [{ relation: 'cugino' }] } });
});
