-- SPDX-License-Identifier: BSD-3-Clause
-- riuso-sociale csi-store, migration 0001: the tables of the Cartella Sociale Informatizzata.
--
-- This file is the reference schema of the cartella for every vendor, with or without TypeScript.
-- One table per entity kind of @riuso-sociale/csi-model. Each row holds:
--   * typed key columns: ente (Belfiore code of the Comune that holds the record), id, the foreign keys
--     of the model, status (lifecycle kinds), version (optimistic concurrency), timestamps;
--   * data: the whole entity as validated by csi-model (jsonb), with schema_version telling which
--     version of the model wrote it, so that a later model can migrate stored JSON.
-- Every primary, unique and foreign key includes `ente`, so the schema can be distributed by Comune
-- (e.g. Citus, with `ente` as distribution column) without change: all rows of one Comune co-locate.
-- Nothing is ever deleted: a wrong record is marked `entered-in-error` through its lifecycle.
-- Row-Level Security and the role the store runs as: 0004_security.sql.

CREATE TABLE ente (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id)
);
COMMENT ON TABLE ente IS 'Enti (Comuni, Ambiti, providers) known to the holder Ente: csi-model Ente';

CREATE TABLE servizio (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id)
);
COMMENT ON TABLE servizio IS 'Offices and services of the Ente: csi-model Servizio';

CREATE TABLE operatore (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id)
);
COMMENT ON TABLE operatore IS 'Staff accounts (role, active flag): csi-model Operatore; a session acts as one of them';

CREATE TABLE persona (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id)
);
COMMENT ON TABLE persona IS 'People the Ente cares for: csi-model Persona';

CREATE TABLE nucleo_familiare (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id)
);
-- The members (data.componenti[].persona) are a list: no column. Access goes through the applicant
-- ("richiedente"): the household is read by whoever cares for the applicant.
COMMENT ON TABLE nucleo_familiare IS 'Households (registry or ISEE) with economic data: csi-model NucleoFamiliare';

CREATE TABLE rete_sociale (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id)
);
COMMENT ON TABLE rete_sociale IS 'The social network of a person: csi-model ReteSociale';

CREATE TABLE cartella (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id)
);
COMMENT ON TABLE cartella IS 'The social-care record of a person: csi-model Cartella';

CREATE TABLE presa_in_carico (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  cartella uuid NOT NULL,
  persona uuid NOT NULL,
  servizio uuid NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, cartella) REFERENCES cartella (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, servizio) REFERENCES servizio (ente, id)
);
COMMENT ON TABLE presa_in_carico IS 'A case taken in charge by a service: csi-model PresaInCarico';

CREATE TABLE accesso (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid,
  presa_in_carico uuid,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, presa_in_carico) REFERENCES presa_in_carico (ente, id)
);
COMMENT ON TABLE accesso IS 'Front-desk contacts and referrals: csi-model Accesso';

CREATE TABLE assegnazione (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  operatore uuid NOT NULL,
  presa_in_carico uuid NOT NULL,
  persona uuid NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, presa_in_carico) REFERENCES presa_in_carico (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id)
);
-- No foreign key on operatore: in an Ambito an operator of one Comune may be assigned to a case of another.
CREATE INDEX assegnazione_operatore ON assegnazione (ente, operatore, status);
COMMENT ON TABLE assegnazione IS 'Which operator cares for which presa in carico, and when: grants access (csi-model Assegnazione)';

CREATE TABLE valutazione (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid NOT NULL,
  presa_in_carico uuid,
  tipo text NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, presa_in_carico) REFERENCES presa_in_carico (ente, id)
);
COMMENT ON TABLE valutazione IS 'Multidimensional assessments (SINA, SINBA, others): csi-model Valutazione';

CREATE TABLE progetto (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid NOT NULL,
  presa_in_carico uuid NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, presa_in_carico) REFERENCES presa_in_carico (ente, id)
);
COMMENT ON TABLE progetto IS 'Care plans (PAI, progetto personalizzato): csi-model Progetto';

CREATE TABLE obiettivo (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  progetto uuid NOT NULL,
  persona uuid NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, progetto) REFERENCES progetto (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id)
);
COMMENT ON TABLE obiettivo IS 'Goals of a care plan: csi-model Obiettivo';

CREATE TABLE intervento (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid NOT NULL,
  presa_in_carico uuid,
  progetto uuid,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, presa_in_carico) REFERENCES presa_in_carico (ente, id),
  FOREIGN KEY (ente, progetto) REFERENCES progetto (ente, id)
);
CREATE INDEX intervento_presa_in_carico ON intervento (ente, presa_in_carico);
COMMENT ON TABLE intervento IS 'Interventions (services and benefits) decided for a person: csi-model Intervento';

CREATE TABLE flusso_siuss (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  nome text NOT NULL,
  tipo text NOT NULL CHECK (tipo IN ('PS_PSA_SINA', 'SINBA')),
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  UNIQUE (ente, nome)
);
COMMENT ON TABLE flusso_siuss IS 'SIUSS flows generated for INPS, with their state and esito: csi-model FlussoSiuss (queue columns: 0003_siuss_queue.sql)';

CREATE TABLE erogazione (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  intervento uuid NOT NULL,
  persona uuid NOT NULL,
  valutazione uuid,
  flusso uuid,
  dal date NOT NULL,
  al date,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, intervento) REFERENCES intervento (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, valutazione) REFERENCES valutazione (ente, id),
  FOREIGN KEY (ente, flusso) REFERENCES flusso_siuss (ente, id)
);
-- The SIUSS export queue reads erogazioni by state.
CREATE INDEX erogazione_status ON erogazione (ente, status, dal);
COMMENT ON TABLE erogazione IS 'What an intervention delivered in a period (SIUSS PrestazioniSociali): csi-model Erogazione';

CREATE TABLE diario (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid NOT NULL,
  presa_in_carico uuid,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, presa_in_carico) REFERENCES presa_in_carico (ente, id)
);
COMMENT ON TABLE diario IS 'Professional diary notes (confidentiality levels): csi-model Diario';

CREATE TABLE documento (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid,
  cartella uuid,
  presa_in_carico uuid,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, cartella) REFERENCES cartella (ente, id),
  FOREIGN KEY (ente, presa_in_carico) REFERENCES presa_in_carico (ente, id)
);
COMMENT ON TABLE documento IS 'Document metadata (protocol, retention); the content stays in the document system: csi-model Documento';

CREATE TABLE provvedimento (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid NOT NULL,
  presa_in_carico uuid,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id),
  FOREIGN KEY (ente, presa_in_carico) REFERENCES presa_in_carico (ente, id)
);
COMMENT ON TABLE provvedimento IS 'Judicial measures concerning a person (judicial data, GDPR art. 10): csi-model Provvedimento';

CREATE TABLE consenso (
  ente text NOT NULL CHECK (ente ~ '^[A-Z][0-9]{3}$'),
  id uuid NOT NULL,
  persona uuid NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (ente, id),
  FOREIGN KEY (ente, persona) REFERENCES persona (ente, id)
);
COMMENT ON TABLE consenso IS 'Consents and information notices: csi-model Consenso';
