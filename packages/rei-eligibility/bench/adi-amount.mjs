// SPDX-License-Identifier: BSD-3-Clause
/**
 * THE PEER of the benchmark: a hand-written, plain-JavaScript function that computes only the ADI
 * amount (Assegno di inclusione, values from 1-01-2025) — what a developer would write without
 * @riuso-sociale/rei-eligibility. It is meant to be a fair, straightforward implementation: one pass
 * over the members, no caching between calls, no messages, no legal references, no validation,
 * nothing deliberately slow and no micro-optimisation tricks.
 *
 * It checks only what determines the amount: ISEE ≤ 10.140 € and the income test; it does NOT check
 * citizenship, residence, assets, vehicles, boats or the categorical requirement (the library does).
 * So compare it with `evaluate` only on households `evaluate` finds eligible, or on the income/ISEE
 * decision alone.
 *
 * Rules (D.L. 48/2023 artt. 2–3, 2025 values of L. 207/2024 art. 1 c.198), amounts in integer cents:
 * - age: completed years on the date, from the `YYYY-MM-DD` birth date (string parsing);
 * - scale: 1 for one adult (the adult whose own increment is lowest holds it), then for each other
 *   member the highest increment that applies: +0,5 disabled (any level), +0,4 aged ≥ 60, +0,3 adult
 *   in a certified care programme, +0,15 per non-disabled minor up to two, +0,10 after the second; +0,4 once for care duties when there is a
 *   child under 3, three or more minors, or a disabled member; cap 2,2, or 2,3 with a severe disability
 *   ('grave' or 'non-autosufficienza');
 * - elderly household (art. 3 c.1: every member ≥ 67, or ≥ 67 with all others severely disabled):
 *   thresholds 8.190 € instead of 6.500 €, rent cap 1.950 € instead of 3.640 €;
 * - income test: income < 6.500 € × scale (8.190 € elderly), or < 10.140 € × scale when renting;
 * - amount: annual = max(0, 6.500 € × scale − income) (8.190 € elderly) + min(rent, 3.640 €) with a
 *   registered lease (1.950 € elderly), at least 480 € a year; monthly = annual ÷ 12 rounded to the cent.
 *
 * Not modelled (the generator never produces them): members in a public institution or abroad,
 * declared care duties (`hasCareDuties`: derived from the composition here), a household without an adult.
 */

const ISEE_MAX = 1_014_000;
const BASE = 650_000; // 6.500 € (threshold and integration)
const ELDERLY_BASE = 819_000; // 8.190 €
const RENT_THRESHOLD = 1_014_000; // 10.140 € × scale for renters
const RENT_CAP = 364_000; // 3.640 €
const ELDERLY_RENT_CAP = 195_000; // 1.950 €
const FLOOR = 48_000; // 480 € a year

/**
 * Completed years of age on `on` (both `YYYY-MM-DD`).
 *
 * @example
 * ```js
 * ageOn('1990-04-02', '2025-03-01'); // 34
 * ```
 */
export function ageOn(birthDate, on) {
  const by = Number(birthDate.slice(0, 4));
  const bm = Number(birthDate.slice(5, 7));
  const bd = Number(birthDate.slice(8, 10));
  const oy = Number(on.slice(0, 4));
  const om = Number(on.slice(5, 7));
  const od = Number(on.slice(8, 10));
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age -= 1;
  return age;
}

/**
 * The ADI amount of a household on a date (the peer of the benchmark): `{ annualCents, monthlyCents,
 * scaleHundredths }`, or `null` when the ISEE or the income test fails.
 *
 * @example
 * ```js
 * adiAmount({
 *   members: [
 *     { birthDate: '1990-04-02', relation: 'richiedente', disability: 'none' },
 *     { birthDate: '2023-05-10', relation: 'figlio', disability: 'none' },
 *   ],
 *   isee: { valueCents: 500_000 },
 *   householdIncomeCents: 300_000,
 *   housing: { tenure: 'affitto', annualRentCents: 480_000, registeredLease: true },
 * }, '2025-03-01'); // { annualCents: 1_071_500, monthlyCents: 89_292, scaleHundredths: 155 }
 * ```
 */
export function adiAmount(household, date) {
  if (household.isee.valueCents > ISEE_MAX) return null;

  // Scale, in hundredths.
  let increments = 0; // every member's own increment, as if nobody held the 1
  let lowestAdultIncrement = Infinity; // the adult holding the 1 gives up their own increment
  let minors = 0;
  let nonDisabledMinors = 0;
  let childUnder3 = false;
  let anyDisabled = false;
  let anySevere = false;
  let everyoneElderlyOrSevere = true;
  let anyElderly = false;
  for (const m of household.members) {
    const age = ageOn(m.birthDate, date);
    const disabled = m.disability !== 'none';
    const severe = m.disability === 'grave' || m.disability === 'non-autosufficienza';
    let increment = 0;
    if (disabled) increment = 50;
    else if (age >= 60) increment = 40;
    else if (age >= 18 && m.certifiedCareProgramme === true) increment = 30;
    else if (age < 18) increment = ++nonDisabledMinors <= 2 ? 15 : 10;
    if (age >= 18 && increment < lowestAdultIncrement) lowestAdultIncrement = increment;
    increments += increment;
    if (age < 18) {
      minors++;
      if (age < 3) childUnder3 = true;
    }
    if (disabled) anyDisabled = true;
    if (severe) anySevere = true;
    if (age >= 67) anyElderly = true;
    else if (!severe) everyoneElderlyOrSevere = false;
  }
  if (lowestAdultIncrement === Infinity) return null; // no adult: not modelled
  let scale = 100 + increments - lowestAdultIncrement;
  if (childUnder3 || minors >= 3 || anyDisabled) scale += 40; // care duties, once
  scale = Math.min(scale, anySevere ? 230 : 220);

  // Income test.
  const elderly = anyElderly && everyoneElderlyOrSevere;
  const base = elderly ? ELDERLY_BASE : BASE;
  const income = household.householdIncomeCents;
  const housing = household.housing;
  const renting = housing.tenure === 'affitto';
  const limit = ((renting ? Math.max(base, RENT_THRESHOLD) : base) / 100) * scale;
  if (income >= limit) return null;

  // Amount.
  const integration = Math.max(0, (base / 100) * scale - income);
  const rent = renting && housing.registeredLease === true ? Math.min(housing.annualRentCents, elderly ? ELDERLY_RENT_CAP : RENT_CAP) : 0;
  const annualCents = Math.max(integration + rent, FLOOR);
  return { annualCents, monthlyCents: Math.round(annualCents / 12), scaleHundredths: scale };
}
