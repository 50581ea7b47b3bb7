-- SPDX-License-Identifier: BSD-3-Clause
-- riuso-sociale csi-store, migration 0005: what the person's own view of their record (fascicolo,
-- Designers Italia "area personale", criteria C.SE.1.9 and C.SE.1.10) needs from the cartella.
--
--   * appuntamento: a new table for the csi-model kind Appuntamento (appointments of a person with
--     the service), laid out like the tables of 0001_cartella.sql, with the same Row-Level Security
--     policy and the same grants as every other table of an Ente (0004_security.sql);
--   * accesso.ufficio: the office that manages a request (csi-model Accesso `ufficio`), a typed
--     column with its foreign key to servizio, so that it can only name a servizio of the same Ente.
--
-- The other fields added to Accesso by csi-model (`protocollo`: number and date of the protocol
-- registration; `termineConclusione`: the latest date for the decision, L. 241/1990 art. 2) live in
-- `data` (jsonb), like every field that is not a key: no column is needed for them.

-- ---------------------------------------------------------------------------------------------------
-- Appointments.

CREATE TABLE appuntamento (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid NOT NULL,
  presa_in_carico uuid,
  servizio uuid,
  operatore uuid NOT NULL,
  inizio timestamptz NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, presa_in_carico) REFERENCES presa_in_carico (ente, id),
  FOREIGN KEY (ente, servizio) REFERENCES servizio (ente, id)
);
-- No foreign key on operatore (as in assegnazione): in an Ambito an operator of one Comune may hold
-- an appointment of a case of another.
-- A person's appointments in time order (the person's own view, the cartella); an operator's agenda.
CREATE INDEX appuntamento_persona ON appuntamento (ente, persona, inizio);
CREATE INDEX appuntamento_operatore ON appuntamento (ente, operatore, inizio);
COMMENT ON TABLE appuntamento IS 'Appointments of a person with the service (office, home visit, phone, video): csi-model Appuntamento';

-- Isolation between Comuni, exactly as 0004_security.sql does for every other table: read, create,
-- change (never delete: entered-in-error instead), and only the rows of the Enti of the session.
GRANT SELECT, INSERT, UPDATE ON appuntamento TO riuso_csi;
ALTER TABLE appuntamento ENABLE ROW LEVEL SECURITY;
ALTER TABLE appuntamento FORCE ROW LEVEL SECURITY;
CREATE POLICY appuntamento_by_ente ON appuntamento
  USING (ente = ANY (riuso_enti()))
  WITH CHECK (ente = ANY (riuso_enti()));

-- ---------------------------------------------------------------------------------------------------
-- The office that manages a request.

-- Nullable: most contacts name no office. No backfill: no earlier csi-model wrote `ufficio` (the
-- entity schemas reject unknown fields), so no stored row holds one.
ALTER TABLE accesso ADD COLUMN ufficio uuid;
ALTER TABLE accesso ADD FOREIGN KEY (ente, ufficio) REFERENCES servizio (ente, id);
