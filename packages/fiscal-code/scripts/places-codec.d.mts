// SPDX-License-Identifier: BSD-3-Clause
/** Types of `places-codec.mjs` (the encoder of the v1 place table). */

/** One validity period to encode; same shape as `PlaceRow` in `src/places/codec.ts`. */
export interface PlaceRowInput {
  readonly code: string;
  readonly name: string;
  readonly area: string | null;
  /** First valid day `YYYY-MM-DD`, `null` if unknown. */
  readonly from: string | null;
  /** Last valid day `YYYY-MM-DD` (inclusive), `null` if still valid. */
  readonly to: string | null;
}

/** Encodes rows into a v1 table; throws an Error naming the first invalid row. */
export function encodePlaceTable(rows: readonly PlaceRowInput[]): string;

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date (years 0001–9999), otherwise `null`. */
export function dayNumber(iso: string): number | null;
