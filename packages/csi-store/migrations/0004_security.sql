-- SPDX-License-Identifier: BSD-3-Clause
-- riuso-sociale csi-store, migration 0004: isolation between Comuni in the database itself.
--
-- Every query of a session runs under `SET LOCAL ROLE riuso_csi` (a role that is neither the tables'
-- owner, nor a superuser, nor BYPASSRLS: openStore checks it), with the Enti the session may see in
-- the transaction-local setting `riuso.enti` (a comma-separated list of Belfiore codes: one Comune, or
-- the Comuni an Ambito serves). Row-Level Security is FORCEd, so it applies to the owner too.
-- An unset or empty setting sees nothing: a comparison with NULL is never true (fails closed).
--
-- Threat model: these policies guard against mistakes — the vendor's own SQL run inside a session
-- that forgets `WHERE ente = …` never reads or changes a row of another Comune. They do not guard
-- against someone who can run arbitrary SQL as the owner or a superuser (who may drop a policy, a
-- trigger, or `RESET ROLE`): that is what the keyed, anchored audit chain is for.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'riuso_csi') THEN
    BEGIN
      CREATE ROLE riuso_csi NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- created meanwhile by another database of the same cluster
    END;
  END IF;
  -- The connecting user must be able to SET ROLE riuso_csi (a superuser always can).
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'riuso_csi', 'MEMBER') THEN
    EXECUTE format('GRANT riuso_csi TO %I', current_user);
  END IF;
END
$$;

-- The Enti visible in this transaction (NULL when unset: nothing is visible).
CREATE FUNCTION riuso_enti() RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT string_to_array(nullif(current_setting('riuso.enti', true), ''), ',')
$$;

-- An Ambito territoriale and the Comuni it serves (written by the store's administrator, read by sessions).
CREATE TABLE ambito (
  codice text NOT NULL CHECK (codice ~ '^[A-Za-z0-9._-]{1,40}$'),
  comune text NOT NULL CHECK (comune ~ '^[A-Z][0-9]{3}$'),
  PRIMARY KEY (codice, comune)
);
COMMENT ON TABLE ambito IS 'Which Comuni an Ambito territoriale serves: an Ambito session sees these and nothing else';

GRANT USAGE ON SCHEMA public TO riuso_csi;
GRANT EXECUTE ON FUNCTION riuso_enti() TO riuso_csi;
GRANT SELECT ON ambito TO riuso_csi;
-- Entities: read, create, change. Never delete (entered-in-error instead).
GRANT SELECT, INSERT, UPDATE ON ente, servizio, operatore, persona, nucleo_familiare, rete_sociale, cartella,
  presa_in_carico, accesso, assegnazione, valutazione, progetto, obiettivo, intervento, flusso_siuss, erogazione,
  diario, documento, provvedimento, consenso TO riuso_csi;
-- Audit: append only.
GRANT SELECT, INSERT ON audit_event TO riuso_csi;
GRANT SELECT, INSERT, UPDATE ON audit_head, siuss_clock TO riuso_csi;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ente', 'servizio', 'operatore', 'persona', 'nucleo_familiare', 'rete_sociale', 'cartella',
    'presa_in_carico', 'accesso', 'assegnazione', 'valutazione', 'progetto', 'obiettivo', 'intervento', 'flusso_siuss',
    'erogazione', 'diario', 'documento', 'provvedimento', 'consenso', 'audit_event', 'audit_head', 'siuss_clock']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (ente = ANY (riuso_enti())) WITH CHECK (ente = ANY (riuso_enti()))', t || '_by_ente', t);
  END LOOP;
END
$$;
