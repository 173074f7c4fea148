#!/usr/bin/env bash
# Runs the whole system: the Aspire AppHost, which starts PostgreSQL, RabbitMQ and smtp4dev
# (scripts/local/*.sh) and the services. Extra arguments go to the AppHost.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

bash scripts/install-infra.sh

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Without a trusted HTTPS development certificate the dashboard warns on every page. On Linux `dotnet dev-certs https
# --trust` creates one and trusts it without a prompt for .NET's own store; OpenSSL clients (the AppHost and the
# dashboard among them) trust it once its directory is in SSL_CERT_DIR, which is set here for the AppHost and
# everything it starts (with OpenSSL's own directory, which SSL_CERT_DIR replaces). Elsewhere trusting needs a prompt
# (macOS asks for a password, Windows shows a dialog): run `dotnet dev-certs https --trust` once yourself.
if [ "$(uname -s)" = Linux ]; then
  openssl_certs="$(openssl version -d 2>/dev/null | sed -n 's/^OPENSSLDIR: "\(.*\)"$/\1/p')"
  export SSL_CERT_DIR="$HOME/.aspnet/dev-certs/trust:${SSL_CERT_DIR:-${openssl_certs:-/usr/lib/ssl}/certs}"
  if ! dotnet dev-certs https --check --trust >/dev/null 2>&1; then
    # Exit code 4 is "trusted by .NET, OpenSSL needs SSL_CERT_DIR": the line above.
    dotnet dev-certs https --trust >/dev/null 2>&1 || true
    dotnet dev-certs https --check --trust >/dev/null 2>&1 \
      || echo "run.sh: could not trust a development certificate; the dashboard will warn about it (see README)" >&2
  fi
fi
# Without any development certificate the AppHost refuses to start unless plain HTTP is allowed explicitly.
if ! dotnet dev-certs https --check >/dev/null 2>&1; then
  export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
fi

# A build that has nothing to do still costs 15-40 s here (restore and up-to-date checks of a dozen projects), most of a
# warm start: build only when a file the AppHost's build reads (its projects, the services, ServiceDefaults, the
# contracts, the repository's build settings) is newer than the last successful build's stamp. Files changed during
# a build are newer than its stamp (taken when it started), so the next run builds again. RUN_BUILD=always builds
# anyway (e.g. after changing a file elsewhere that the build reads).
STAMP="$REPO/AppHost/obj/run-sh.built"
sources_changed() {
  [ -f "$STAMP" ] || return 0
  [ -n "$(find AppHost ServiceDefaults services contracts Directory.Build.props Directory.Packages.props \
    $(ls global.json NuGet.config nuget.config 2>/dev/null) \
    \( -name bin -o -name obj \) -prune -o -newer "$STAMP" -print -quit)" ]
}
if [ "${RUN_BUILD:-}" = always ] || sources_changed; then
  echo "Building the AppHost and the services..."
  started="$(mktemp)"
  dotnet build AppHost/Partnership.AppHost.csproj -nologo -v quiet -clp:ErrorsOnly
  touch -r "$started" "$STAMP"
  rm -f "$started"
fi

# Even with --no-build, dotnet run evaluates the project with MSBuild (about 2 s of CPU) and stays as a launcher beside
# the AppHost: run the built AppHost itself, with what dotnet run takes from the launch profile (its
# environmentVariables and applicationUrl). A profile this cannot read leaves dotnet run to do it.
APPHOST_DLL="$REPO/AppHost/bin/Debug/net10.0/Partnership.AppHost.dll"
PROFILE="$REPO/AppHost/Properties/launchSettings.json"
profile_env="$(sed -n '/"environmentVariables": {/,/}/s/^ *"\([A-Z_][A-Z0-9_]*\)": "\([^"]*\)",\{0,1\}$/\1=\2/p' "$PROFILE")"
application_url="$(sed -n 's/^ *"applicationUrl": "\([^"]*\)",\{0,1\}$/\1/p' "$PROFILE" | head -n 1)"
if [ -f "$APPHOST_DLL" ] && [ -n "$profile_env" ] && [ -n "$application_url" ]; then
  while IFS= read -r variable; do export "${variable?}"; done <<<"$profile_env"
  export ASPNETCORE_URLS="$application_url"
  exec dotnet "$APPHOST_DLL" "$@"
fi
exec dotnet run --no-build --project AppHost/Partnership.AppHost.csproj "$@"
