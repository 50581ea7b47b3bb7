// SPDX-License-Identifier: BSD-3-Clause
import { adiScale, householdSchema, toScaleHousehold } from '@riuso-sociale/rei-eligibility';
import { makeIsoDate } from '@riuso-sociale/core';

const r = householdSchema.safeParse({
  members: [
    { birthDate: '1984-03-12', relation: 'richiedente', hasCareDuties: true },
    { birthDate: '2023-05-10', relation: 'figlio' },
  ],
  housing: { tenure: 'affitto', annualRentCents: 600_000, registeredLease: true },
  financialAssetsCents: 300_000,
});
if (r.success) {
  // r.data: Household (date validate, IsoDate); le scale restituiscono un Result
  const scala = adiScale(toScaleHousehold(r.data), makeIsoDate(2025, 3, 1)!);
  if (scala.ok) console.log(scala.value.value); // 1.55
  else console.log(scala.issues[0].code);
}
console.log(householdSchema.safeParse({ financialAssetsCents: -1 }).error?.issues[0]?.path); // [ 'financialAssetsCents' ]
