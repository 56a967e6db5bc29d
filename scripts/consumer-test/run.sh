#!/usr/bin/env bash
# The consumer test: installs the ModelOps plugins into a portal that is not this repository,
# the way a portal team would, and checks what a user sees.
#
#  1. builds and packs the six plugins (scripts/pack-plugins.sh: checks every packed package.json);
#  2. generates a portal with a pinned @backstage/create-app outside the repository, aligns its
#     @backstage/* versions to this repository's release, installs the tarballs and adds the
#     READMEs' lines (backend.add; the new frontend system discovers the plugin with
#     `app.packages: all`; the legacy snippet is type-checked);
#  3. type-checks and builds the portal;
#  4. starts the standalone demo environment (Kubernetes API :7181, Model Registry :7182) and the
#     portal's backend serving its built app on :7107, and checks in Chromium that a model page
#     shows the runs card and the versions, a version its lineage and evaluation;
#  5. exports the four dynamic plugins with the pinned Red Hat Developer Hub CLI
#     (scripts/export-dynamic.sh) and loads the three backend exports in a plain backend through
#     @backstage/backend-dynamic-feature-service (:7108).
#
# Network: the npm registry only (create-app, the RHDH CLI and packages missing from the yarn
# cache). Ports 7107, 7108, 7181, 7182 (none of the e2e tests' ports).
# usage: scripts/consumer-test/run.sh      CONSUMER_TEST_DIR=<dir> keeps the portal there
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$REPO_ROOT"

CREATE_APP_VERSION=0.9.2 # Backstage 1.55.0 (its backstage.json)
PORTAL_PORT=7107 # the three ports are also in app-config.consumer.yaml
DYNAMIC_PORT=7108
K8S_PORT=7181
REGISTRY_PORT=7182
here="$REPO_ROOT/scripts/consumer-test"
work="${CONSUMER_TEST_DIR:-$(mktemp -d /tmp/modelops-consumer.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
case "$work/" in "$REPO_ROOT"/*) echo "error: CONSUMER_TEST_DIR must be outside the repository" >&2; exit 1 ;; esac
portal="$work/portal"
started=$SECONDS
pids=()
cleanup() { # each server runs in its own process group (setsid): end the group
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
step() { echo "==> [$((SECONDS - started)) s] $*"; }
wait_for() { # url seconds log
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if [ $SECONDS -gt $deadline ]; then
      echo "error: $1 did not answer within $2 s; last lines of $3:" >&2
      tail -n 40 "$3" >&2
      exit 1
    fi
    sleep 2
  done
}

node scripts/check-ports.js $PORTAL_PORT $DYNAMIC_PORT $K8S_PORT $REGISTRY_PORT || exit 1

step "build and pack the plugins"
./scripts/pack-plugins.sh "$work/packs"

step "create a portal with @backstage/create-app@$CREATE_APP_VERSION in $portal"
rm -rf "$portal"
BACKSTAGE_APP_NAME=portal npx --yes "@backstage/create-app@$CREATE_APP_VERSION" \
  --path "$portal" --skip-install </dev/null >"$work/create-app.log" 2>&1 ||
  { tail -n 20 "$work/create-app.log" >&2; exit 1; }
node "$here/prepare-portal.js" "$portal" "$work/packs"
cp "$here/app-config.consumer.yaml" "$portal/app-config.consumer.yaml"

step "yarn install in the portal"
(cd "$portal" && YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install >"$work/install.log" 2>&1) ||
  { grep -E "YN0001|YN0009|YN0035|Error" "$work/install.log" | grep -v keytar | tail -n 20 >&2; exit 1; }
copies=$(find "$portal/node_modules" -path '*/@backstage/frontend-plugin-api/package.json' | wc -l)
[ "$copies" = 1 ] || { echo "error: $copies copies of @backstage/frontend-plugin-api (version skew)" >&2; exit 1; }

step "type-check the portal (with the README's legacy snippet)"
(cd "$portal" && yarn tsc)

step "build the portal (app and backend)"
(cd "$portal" && yarn build:all >"$work/build.log" 2>&1) || { tail -n 40 "$work/build.log" >&2; exit 1; }

step "start the demo environment (:$K8S_PORT, :$REGISTRY_PORT) and the portal (:$PORTAL_PORT)"
setsid node packages/demo-environment/bin/demo-environment --kubernetes-port $K8S_PORT \
  --registry-port $REGISTRY_PORT >"$work/demo.log" 2>&1 &
pids+=($!)
(cd "$portal/packages/backend" && exec setsid yarn backstage-cli package start \
  --config ../../app-config.yaml --config ../../app-config.consumer.yaml) >"$work/portal.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$PORTAL_PORT/.backstage/health/v1/readiness" 240 "$work/portal.log"

step "check the model pages in Chromium"
node "$here/check-portal.js" "http://localhost:$PORTAL_PORT" "$work"

step "export the dynamic plugins (Red Hat Developer Hub CLI)"
./scripts/export-dynamic.sh "$work/dynamic-plugins"
rm -f "$work"/dynamic-plugins/*.log

step "load the backend exports through @backstage/backend-dynamic-feature-service (:$DYNAMIC_PORT)"
# Inside the portal, as in RHDH: the loader needs the host's @backstage modules above the root.
root="$portal/dynamic-plugins-root"
mkdir -p "$root"
for p in modelops-backend catalog-backend-module-modelops scaffolder-backend-module-modelops; do
  rm -rf "${root:?}/$p" && cp -a "$work/dynamic-plugins/$p" "$root/$p"
done
cp "$here/dynamic-check.js" "$portal/packages/backend/dynamic-check.js"
cat >"$work/app-config.dynamic.yaml" <<YAML
backend:
  baseUrl: http://localhost:$DYNAMIC_PORT
  listen: { port: $DYNAMIC_PORT }
dynamicPlugins:
  rootDirectory: $root
YAML
(cd "$portal/packages/backend" && exec setsid node dynamic-check.js --config ../../app-config.yaml \
  --config ../../app-config.consumer.yaml --config "$work/app-config.dynamic.yaml") >"$work/dynamic.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$DYNAMIC_PORT/.backstage/health/v1/readiness" 120 "$work/dynamic.log"
for p in plugin-modelops-backend plugin-catalog-backend-module-modelops plugin-scaffolder-backend-module-modelops; do
  grep -q "loaded dynamic backend plugin '@private-ai/$p-dynamic'" "$work/dynamic.log" ||
    { echo "error: $p was not loaded; log: $work/dynamic.log" >&2; grep -i "dynamic" "$work/dynamic.log" | tail -n 20 >&2; exit 1; }
  echo "    ok: @private-ai/$p loaded"
done
code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$DYNAMIC_PORT/api/modelops/clusters")
[ "$code" = 401 ] || { echo "error: /api/modelops/clusters answered $code, expected 401 (mounted, needs auth)" >&2; exit 1; }
echo "    ok: /api/modelops is mounted (401 without a token; an unknown plugin's path is 404)"

step "consumer test passed in $((SECONDS - started)) s (portal and logs in $work)"
