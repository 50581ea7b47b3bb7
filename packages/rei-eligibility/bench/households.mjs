// SPDX-License-Identifier: BSD-3-Clause
/**
 * Deterministic generator of realistic ADI households for the benchmark (bench/run.mjs). Seeded PRNG
 * (mulberry32), never Math.random: the same seed gives the same households on every machine and in
 * every time zone (dates are computed with Date.UTC only).
 *
 * Every fact the ADI rules read is given, so no household is `needs-info`: members with birth dates
 * (ages 0–90 on the evaluation date), relation, disability, certified care programme; applicant citizenship (with a permit for
 * non-EU citizens) and residence dates; ISEE; household income; financial assets; real estate (and the
 * IMU value of an owned home); housing tenure with rent and lease registration; vehicles; boats and
 * aircraft. The data are invented: no real person is described.
 */

const DAY = 86_400_000;

/**
 * mulberry32: a small, fast, seeded PRNG returning floats in [0, 1).
 *
 * @example
 * ```js
 * const rand = mulberry32(42);
 * rand(); // 0.6011037519201636 (always the same for seed 42)
 * ```
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates `count` ADI households for the evaluation date `date` (`YYYY-MM-DD`), deterministically from `seed`.
 *
 * @example
 * ```js
 * const households = generateHouseholds(1000, { seed: 1, date: '2025-03-01' });
 * households[0].members[0].relation; // 'richiedente'
 * ```
 */
export function generateHouseholds(count, { seed = 0xad1, date = '2025-03-01' } = {}) {
  const rand = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const chance = (p) => rand() < p;
  const weighted = (values, weights) => {
    const total = weights.reduce((s, w) => s + w, 0);
    let x = rand() * total;
    for (let i = 0; i < values.length; i++) {
      x -= weights[i];
      if (x < 0) return values[i];
    }
    return values[values.length - 1];
  };
  const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

  const [oy, om, od] = date.split('-').map(Number);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  /** A date on which someone born then has exactly `years` completed years on `date` (uniform over that year). */
  const yearsAgo = (years) => {
    const start = Date.UTC(oy - years - 1, om - 1, od) + DAY; // the day after the (years+1)-th anniversary
    const end = Date.UTC(oy - years, om - 1, od); // the years-th anniversary itself
    return iso(start + int(0, Math.round((end - start) / DAY)) * DAY);
  };
  const betweenDates = (from, to) => iso(from + int(0, Math.round((to - from) / DAY)) * DAY);
  const firstRegFrom = Date.UTC(2000, 0, 1);
  const firstRegTo = Date.UTC(oy, om - 1, od) - DAY;

  const disabilityFor = (age) => {
    const media = age >= 65 ? 0.12 : 0.05;
    const grave = age >= 75 ? 0.08 : 0.025;
    const nonAuto = age >= 80 ? 0.04 : 0.003;
    const x = rand();
    return x < nonAuto ? 'non-autosufficienza' : x < nonAuto + grave ? 'grave' : x < nonAuto + grave + media ? 'media' : 'none';
  };

  const out = new Array(count);
  for (let k = 0; k < count; k++) {
    const n = weighted([1, 2, 3, 4, 5, 6], [24, 26, 20, 17, 9, 4]);
    // Applicant: an adult; about a third of applicants are 60 or more.
    const applicantAge = chance(0.33) ? int(60, 90) : int(18, 59);
    const applicantBirth = yearsAgo(applicantAge);
    const member = (age, relation) => {
      const disability = disabilityFor(age);
      // About 2 % of the adults under 60 without a disability follow a certified care programme (ADI +0,3).
      const certifiedCareProgramme = age >= 18 && age < 60 && disability === 'none' && chance(0.02);
      return { birthDate: age === applicantAge && relation === 'richiedente' ? applicantBirth : yearsAgo(age), relation, disability, certifiedCareProgramme };
    };
    const members = [member(applicantAge, 'richiedente')];
    let hasSpouse = false;
    for (let i = 1; i < n; i++) {
      let relation;
      let age;
      if (!hasSpouse && chance(i === 1 ? 0.6 : 0.15)) {
        relation = 'coniuge';
        hasSpouse = true;
        age = clamp(applicantAge + int(-8, 8), 18, 90);
      } else {
        const x = rand();
        if (x < 0.78) {
          relation = 'figlio';
          age = int(Math.max(0, applicantAge - 45), clamp(applicantAge - 16, 0, 60));
        } else if (x < 0.88 && applicantAge <= 60) {
          relation = 'genitore';
          age = clamp(applicantAge + int(20, 35), 38, 90);
        } else {
          relation = 'altro';
          age = int(0, 90);
        }
      }
      members.push(member(age, relation));
    }

    const citizenship = weighted(['italiana', 'ue', 'familiare-ue', 'extra-ue'], [80, 7, 3, 10]);
    const applicant = { citizenship };
    if (citizenship === 'extra-ue') {
      applicant.permit = weighted(['soggiornante-lungo-periodo', 'protezione-internazionale', 'altro'], [75, 15, 10]);
    }
    // Residence: Italians mostly since birth; others 1–40 years (about 1 in 12 below the 5 years required).
    const residentYears = citizenship === 'italiana' && chance(0.7) ? applicantAge : int(chance(0.08) ? 1 : 5, Math.min(applicantAge, 40));
    const since = residentYears >= applicantAge ? applicantBirth : yearsAgo(residentYears);
    const continuousYears = chance(0.85) ? residentYears : int(0, residentYears);
    const continuousSince = continuousYears >= residentYears ? since : yearsAgo(continuousYears);
    applicant.residence = { since, continuousSince };

    const h = {
      members,
      applicant,
      isee: { valueCents: int(0, 1_500_000) },
      householdIncomeCents: chance(0.2) ? 0 : int(0, 1_500_000),
      financialAssetsCents: chance(0.9) ? int(0, 600_000) : int(0, 2_500_000),
      realEstateExcludingHomeCents: chance(0.85) ? 0 : int(0, 5_000_000),
    };
    const tenure = weighted(['affitto', 'proprieta', 'mutuo', 'altro'], [45, 30, 12, 13]);
    if (tenure === 'affitto') {
      h.housing = { tenure, annualRentCents: int(1_200, 9_600) * 100, registeredLease: chance(0.85) };
    } else if (tenure === 'proprieta') {
      h.housing = { tenure };
      h.homeImuValueCents = int(20_000, 180_000) * 100;
    } else if (tenure === 'mutuo') {
      h.housing = { tenure, annualMortgageInstalmentCents: int(2_400, 9_600) * 100 };
      h.homeImuValueCents = int(40_000, 180_000) * 100;
    } else {
      h.housing = { tenure };
    }
    const nVehicles = weighted([0, 1, 2], [45, 40, 15]);
    const vehicles = [];
    for (let v = 0; v < nVehicles; v++) {
      const kind = weighted(['auto', 'moto', 'altro'], [75, 20, 5]);
      vehicles.push({
        kind,
        engineCc: kind === 'moto' ? int(50, 1_200) : int(800, 2_500),
        firstRegistration: betweenDates(firstRegFrom, firstRegTo),
        disabilityConcession: chance(0.05),
      });
    }
    h.vehicles = vehicles;
    h.ownsBoats = chance(0.005);
    h.ownsAircraft = chance(0.001);
    out[k] = h;
  }
  return out;
}
