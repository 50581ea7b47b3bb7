-- SPDX-License-Identifier: BSD-3-Clause
-- riuso-sociale csi-store, migration 0002: the audit trail.
--
-- One hash chain per Ente. Each event has a per-Ente sequence number (seq, from 1), the id of the key
-- that signed it (key_id), the hash of the previous event (prev_hash) and its own hash: HMAC-SHA256,
-- keyed by a secret that is NEVER stored in the database (the caller passes it to openStore), over the
-- canonical JSON of the event (csi-model auditEventHash). The head row (last seq and hash per Ente) is
-- written in the same transaction as the events, so:
--   * an edited, inserted, deleted or reordered event breaks the chain (hash, prev_hash or seq);
--   * a chain recomputed by someone without the key does not verify;
--   * a truncated tail disagrees with the head row, and — when whoever truncates also rewrites the
--     head — with a head exported earlier (csi-store auditHead, meant to be published elsewhere).
-- The triggers below make the table append-only for ordinary use; the owner can drop them, which is
-- why the chain is keyed and anchored (see the "threat model" in the package README).
-- Events hold identifiers and pseudonymous references, never personal data: erasing a person under
-- the GDPR never requires rewriting the audit.

CREATE TABLE audit_event (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  seq bigint NOT NULL CHECK (seq >= 1),
  id uuid NOT NULL,
  at timestamptz NOT NULL,
  action text NOT NULL,
  entity_kind text NOT NULL,
  entity_id text NOT NULL,
  persona uuid,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied')),
  key_id text NOT NULL,
  prev_hash text CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  event jsonb NOT NULL CHECK (jsonb_typeof(event) = 'object'),
  PRIMARY KEY (ente, seq),
  UNIQUE (ente, id)
);
CREATE INDEX audit_event_entity ON audit_event (ente, entity_kind, entity_id);
CREATE INDEX audit_event_persona ON audit_event (ente, persona) WHERE persona IS NOT NULL;
COMMENT ON TABLE audit_event IS 'Append-only audit trail, one HMAC-SHA256 chain per Ente (csi-model AuditEvent)';

CREATE TABLE audit_head (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  seq bigint NOT NULL CHECK (seq >= 0),
  hash text CHECK (hash ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (ente)
);
COMMENT ON TABLE audit_head IS 'The last sequence number and hash of each Ente''s audit chain, written with the events';

CREATE FUNCTION riuso_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION riuso_audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION riuso_audit_append_only();

-- The head only moves forward; it is never deleted.
CREATE FUNCTION riuso_audit_head_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.ente = OLD.ente
     AND (NEW.seq > OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash IS NOT DISTINCT FROM OLD.hash)) THEN
    RETURN NEW; -- forward, or a no-op that only locks the row (the append takes the lock this way)
  END IF;
  RAISE EXCEPTION 'audit_head only moves forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION riuso_audit_head_forward();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION riuso_audit_append_only();
