#!/usr/bin/env bash
# Runs the whole system: the Aspire AppHost, which starts PostgreSQL, RabbitMQ and smtp4dev
# (scripts/local/*.sh) and the services. Extra arguments go to the AppHost.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

bash scripts/install-infra.sh

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Without an HTTPS development certificate the AppHost refuses to start unless plain HTTP
# is allowed explicitly.
if ! dotnet dev-certs https --check >/dev/null 2>&1; then
  export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
fi

exec dotnet run --project AppHost/Partnership.AppHost.csproj "$@"
