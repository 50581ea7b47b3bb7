-- SPDX-License-Identifier: BSD-3-Clause
-- riuso-sociale csi-store, migration 0006: review decisions of the citizen view (@riuso-sociale/fascicolo).
--
-- When the view of a person's record puts an item in review (a diary note, a report to the judicial
-- authority, a referrer's identity…), an operator allowed to decide (csi-store: `responsabile-servizio`
-- or `coordinatore`; the DPO advises and reads them, GDPR art. 38–39) records a decision with its
-- ground: `release`, `withhold`, or `delay` until a date (D.Lgs. 196/2003 art. 2-undecies c.3).
--
-- Append-only, like the audit trail: a decision is never changed nor deleted; a later decision on
-- the same item (`ref`) supersedes the earlier ones (`n`, the order of insertion, decides which is
-- later). The whole history stays, and each decision also has its audit event with its ground.
-- Row-Level Security by Ente as every other table (migration 0004): a session sees the decisions of
-- its own Enti only.

CREATE TABLE review_decision (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  n bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  persona uuid NOT NULL,
  ref text NOT NULL CHECK (ref ~ '^[a-z-]{1,40}:[0-9a-f-]{36}(#[a-z][a-z0-9-]{0,40})?$'),
  decision text NOT NULL CHECK (decision IN ('release', 'withhold', 'delay')),
  ground text NOT NULL CHECK (length(btrim(ground)) BETWEEN 1 AND 1500),
  until date,
  decided_by uuid NOT NULL,
  decided_role text NOT NULL CHECK (decided_role IN ('responsabile-servizio', 'coordinatore')),
  decided_at timestamptz NOT NULL,
  CHECK ((decision = 'delay') = (until IS NOT NULL)),
  PRIMARY KEY (ente, id),
  UNIQUE (ente, n),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id)
);
CREATE INDEX review_decision_by_ref ON review_decision (ente, persona, ref, n);
COMMENT ON TABLE review_decision IS 'Decisions on the items of a citizen view put in review (release, withhold, delay), append-only: the latest per ref holds';

CREATE FUNCTION riuso_review_decision_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'review_decision is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER review_decision_no_update_delete BEFORE UPDATE OR DELETE ON review_decision
  FOR EACH ROW EXECUTE FUNCTION riuso_review_decision_append_only();
CREATE TRIGGER review_decision_no_truncate BEFORE TRUNCATE ON review_decision
  FOR EACH STATEMENT EXECUTE FUNCTION riuso_review_decision_append_only();

-- Sessions read and append; never change or delete.
GRANT SELECT, INSERT ON review_decision TO riuso_csi;
ALTER TABLE review_decision ENABLE ROW LEVEL SECURITY;
ALTER TABLE review_decision FORCE ROW LEVEL SECURITY;
CREATE POLICY review_decision_by_ente ON review_decision
  USING (ente = ANY (riuso_enti())) WITH CHECK (ente = ANY (riuso_enti()));
