#!/bin/sh
# Runs once, when the PostgreSQL volume is first created (docker-entrypoint-initdb.d). The app connects
# as `tradepulse`, an ordinary role that owns its database: superusers bypass row-level security, so the
# app must not be one for the policies (db/migrations/0003_rls.sql) to apply.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app_password="$APP_DB_PASSWORD" <<'EOSQL'
CREATE ROLE tradepulse LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_password';
CREATE DATABASE tradepulse OWNER tradepulse;
EOSQL
