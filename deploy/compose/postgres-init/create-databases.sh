#!/bin/sh
# One database and one login per service (no service reads another's tables). Run once by the postgres
# image on an empty data directory; each service's Flyway creates its tables at start.
set -eu
for service in intake routing deadline notification; do
  variable=$(echo "QINQING_${service}_DB_PASSWORD" | tr '[:lower:]' '[:upper:]')
  password=$(printenv "$variable" || true)
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE qinqing_${service} LOGIN PASSWORD '${password:-qinqing_${service}}';
CREATE DATABASE qinqing_${service} OWNER qinqing_${service};
REVOKE ALL ON DATABASE qinqing_${service} FROM PUBLIC;
SQL
done
