-- Row-level security on user-owned tables: the second wall behind the data-access layer's own filters.
-- The acting user is the transaction-local setting app.user_id, which db/client.ts sets for every
-- statement of a request that acts for a user. Unset (or empty) = system work: scheduled jobs, the
-- market feed, sign-in lookups by email, administrators. Superusers and roles with BYPASSRLS skip
-- policies altogether; FORCE makes the tables' owner subject to them. Run the app as a non-superuser
-- (e.g. a LOGIN role granted tradepulse_app) for the policies to apply. Policies call
-- (SELECT app_acting_user_id()) so that it is evaluated once per statement, not once per row.
CREATE OR REPLACE FUNCTION app_acting_user_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
-- Portfolios the user owns or that were shared with them. Runs with app.user_id cleared so that its
-- own reads of portfolios and portfolio_shares pass their policies without recursing.
CREATE OR REPLACE FUNCTION app_visible_portfolio_ids(acting uuid) RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE
  SET app.user_id = ''
  AS $$
BEGIN
  IF acting IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT p.id FROM portfolios p WHERE p.user_id = acting
    UNION
    SELECT s.portfolio_id FROM portfolio_shares s WHERE s.user_id = acting;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  -- Rows carrying their owner's id.
  FOREACH t IN ARRAY ARRAY[
    'sessions', 'refresh_tokens', 'email_verification_tokens', 'password_reset_tokens', 'totp_secrets',
    'backup_codes', 'exchange_keys', 'alerts', 'notifications', 'notification_preferences',
    'push_subscriptions', 'ai_usage', 'robot_configs', 'trades', 'robot_events'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_acting_user', t);
    EXECUTE format(
      'CREATE POLICY %I ON %I USING ((SELECT app_acting_user_id()) IS NULL OR user_id = (SELECT app_acting_user_id())) '
      'WITH CHECK ((SELECT app_acting_user_id()) IS NULL OR user_id = (SELECT app_acting_user_id()))',
      t || '_acting_user', t);
  END LOOP;
  -- Rows owned through their portfolio, which its owner may share.
  FOREACH t IN ARRAY ARRAY['transactions', 'portfolio_snapshots', 'portfolio_activities'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_acting_user', t);
    EXECUTE format(
      'CREATE POLICY %I ON %I USING ((SELECT app_acting_user_id()) IS NULL OR portfolio_id IN (SELECT app_visible_portfolio_ids((SELECT app_acting_user_id())))) '
      'WITH CHECK ((SELECT app_acting_user_id()) IS NULL OR portfolio_id IN (SELECT app_visible_portfolio_ids((SELECT app_acting_user_id()))))',
      t || '_acting_user', t);
  END LOOP;
END
$$;
--> statement-breakpoint
-- A portfolio: its owner and the users it is shared with see it; only its owner can create it.
ALTER TABLE portfolios ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE portfolios FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY portfolios_acting_user ON portfolios
  USING ((SELECT app_acting_user_id()) IS NULL OR user_id = (SELECT app_acting_user_id()) OR id IN (SELECT app_visible_portfolio_ids((SELECT app_acting_user_id()))))
  WITH CHECK ((SELECT app_acting_user_id()) IS NULL OR user_id = (SELECT app_acting_user_id()) OR id IN (SELECT app_visible_portfolio_ids((SELECT app_acting_user_id()))));
--> statement-breakpoint
-- A share: the user it names, and everyone who can see the portfolio (its owner, its admins).
ALTER TABLE portfolio_shares ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE portfolio_shares FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY portfolio_shares_acting_user ON portfolio_shares
  USING ((SELECT app_acting_user_id()) IS NULL OR user_id = (SELECT app_acting_user_id()) OR portfolio_id IN (SELECT app_visible_portfolio_ids((SELECT app_acting_user_id()))))
  WITH CHECK ((SELECT app_acting_user_id()) IS NULL OR portfolio_id IN (SELECT app_visible_portfolio_ids((SELECT app_acting_user_id()))));
--> statement-breakpoint
-- The security trail: a user reads their own entries; a user's request may add entries about itself or
-- about no one (a failed sign-in for an unknown address), never about someone else.
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_logs_acting_user ON audit_logs
  USING ((SELECT app_acting_user_id()) IS NULL OR user_id = (SELECT app_acting_user_id()))
  WITH CHECK ((SELECT app_acting_user_id()) IS NULL OR user_id IS NULL OR user_id = (SELECT app_acting_user_id()));
--> statement-breakpoint
-- tradepulse_app: a role without superuser or BYPASSRLS for the application to run as (grant it to the
-- LOGIN role in DATABASE_URL, or SET ROLE to it). Skipped where the migrating role may not create roles.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradepulse_app') THEN
    BEGIN
      CREATE ROLE tradepulse_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN
      RAISE NOTICE 'role tradepulse_app not created: %', SQLERRM;
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradepulse_app') THEN
    BEGIN
      GRANT USAGE ON SCHEMA public TO tradepulse_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tradepulse_app;
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO tradepulse_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tradepulse_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO tradepulse_app;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'grants to tradepulse_app skipped: %', SQLERRM;
    END;
  END IF;
END
$$;
