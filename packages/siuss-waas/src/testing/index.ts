// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/siuss-waas/testing`: a TEST PDND authority (vouchers and forged attacks) and a
 * simulated INPS (the WaaS client side). For tests and local checks only: never use them in
 * production.
 * @module
 */
export {
  createTestAuthority,
  TEST_AUTHORITY_AUDIENCE, TEST_AUTHORITY_ISSUER, TEST_CLIENT_ID, TEST_CONSUMER_ID, TEST_KID, TEST_PURPOSE_ID, TEST_VOUCHER_LIFETIME_SEC,
  type TestAuthority, type TestAuthorityOptions, type TestVoucherForge, type VoucherOverrides,
} from './authority.js';
export {
  simulateInps,
  type DecodedWaasEntry, type InpsSimulationReport, type SimulateInpsOptions, type SimulatedEsitoDecision, type SimulatedFlow,
} from './simulator.js';
