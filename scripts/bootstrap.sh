#!/usr/bin/env bash
# Makes sure this clone has what it needs: Node 22 (repo-local when the system's is older),
# Yarn from the committed release, and installed dependencies. Sourced by scripts/start and scripts/test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

fail() { echo "error: $*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ ! -x "$NODE_HOME/bin/node" ]; then
  system_node="$(PATH="${PATH#"$NODE_HOME/bin:$REPO_ROOT/.toolchain/bin:"}" command -v node || true)"
  if [ -n "$system_node" ] && [ "$(node_major "$system_node")" -ge 22 ]; then
    mkdir -p "$NODE_HOME/bin"
    ln -sf "$system_node" "$NODE_HOME/bin/node"
    modelops_use_node_headers
  else
    command -v npm >/dev/null || fail "Node 22 or 24 is needed and npm is not available to install it; install Node 22 (https://nodejs.org) and run again"
    echo "==> installing Node 22 into .toolchain/node (the system is not changed)"
    mkdir -p "$REPO_ROOT/.toolchain/node"
    npm install --prefix "$REPO_ROOT/.toolchain/node" --no-audit --no-fund --no-save node@22 >/dev/null 2>"$REPO_ROOT/.toolchain/node-install.log" \
      || fail "could not install Node 22 from the npm registry (see .toolchain/node-install.log); check the registry is reachable or install Node 22 yourself"
    [ -x "$NODE_HOME/bin/node" ] || fail "Node 22 did not install into .toolchain/node (see .toolchain/node-install.log)"
    modelops_use_node_headers
  fi
fi
[ "$(node_major node)" -ge 22 ] || fail "node on PATH is $(node --version), Backstage needs 22 or 24"

mkdir -p "$REPO_ROOT/.toolchain/bin"
if [ ! -x "$REPO_ROOT/.toolchain/bin/yarn" ]; then
  printf '#!/bin/sh\nexec node "%s/.yarn/releases/yarn-4.13.0.cjs" "$@"\n' "$REPO_ROOT" > "$REPO_ROOT/.toolchain/bin/yarn"
  chmod +x "$REPO_ROOT/.toolchain/bin/yarn"
fi

# Install when node_modules is missing or older than the lockfile or a package.json.
stamp="$REPO_ROOT/node_modules/.yarn-state.yml"
if [ ! -f "$stamp" ] || [ -n "$(find "$REPO_ROOT/yarn.lock" "$REPO_ROOT/package.json" "$REPO_ROOT"/packages/*/package.json "$REPO_ROOT"/plugins/*/package.json -newer "$stamp" 2>/dev/null | head -n1)" ]; then
  echo "==> yarn install"
  immutable=""
  [ "${CI:-}" = "true" ] && immutable="--immutable"
  yarn install $immutable || fail "yarn install failed (see above)"
fi
