#!/usr/bin/env bash
# Exports the four installable ModelOps plugins as Red Hat Developer Hub dynamic plugins with the
# pinned @red-hat-developer-hub/cli, and copies each export to OUT_DIR/<package-dir-name>, the
# layout of a dynamic plugins root (what `dynamicPlugins.rootDirectory` or an OCI image holds).
#
# - Backend packages embed -common and -node (`--embed-package`): they are not on the registry
#   that RHDH's install reads, and embedding keeps one copy of each inside the export.
# - The frontend is exported with Scalprum assets (dist-scalprum/, what RHDH's frontend loads).
#   The CLI deletes and rewrites the package's dist/ while it exports; dist/ as built by
#   `backstage-cli package build` (what `yarn pack` must find) is kept aside and put back.
#
# usage: scripts/export-dynamic.sh [OUT_DIR]   (default: dist-dynamic-plugins/; needs
#        `yarn build:plugins` first; RHDH_CLI_VERSION overrides the pinned CLI)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
RHDH_CLI_VERSION="${RHDH_CLI_VERSION:-1.9.1}"
out="$(mkdir -p "${1:-dist-dynamic-plugins}" && cd "${1:-dist-dynamic-plugins}" && pwd)"
cli=(npx --yes "@red-hat-developer-hub/cli@$RHDH_CLI_VERSION" plugin export)
embed=(--embed-package @private-ai/plugin-modelops-common @private-ai/plugin-modelops-node)

# The CLI embeds -common and -node from their package folders and reads their package.json:
# it must be the source form (exports to src/), not the packed form an interrupted `yarn pack`
# or export leaves behind (seen once in CI: "Exports field value must be a string").
for pkg in plugins/*/package.json; do
  if grep -q '"main": "./dist/' "$pkg"; then
    echo "error: $pkg is in its packed form (dist entry points); restore it (git checkout -- $pkg) and export again" >&2
    exit 1
  fi
done

export_one() {
  local dir="$1"
  shift
  local started=$SECONDS
  echo "==> export $dir"
  (cd "$dir" && "${cli[@]}" --clean "$@" >"$out/$(basename "$dir").log" 2>&1) || {
    tail -n 30 "$out/$(basename "$dir").log" >&2
    echo "error: the export of $dir failed (log: $out/$(basename "$dir").log)" >&2
    return 1
  }
  rm -rf "${out:?}/$(basename "$dir")"
  cp -a "$dir/dist-dynamic" "$out/$(basename "$dir")"
  echo "    $(du -sh "$out/$(basename "$dir")" | cut -f1) in $((SECONDS - started)) s"
}

export_one plugins/modelops-backend "${embed[@]}" --no-build
export_one plugins/catalog-backend-module-modelops "${embed[@]}" --no-build
export_one plugins/scaffolder-backend-module-modelops "${embed[@]}" --no-build
rm -rf plugins/modelops/dist.built && cp -a plugins/modelops/dist plugins/modelops/dist.built
restore_frontend_dist() {
  if [ -d plugins/modelops/dist.built ]; then
    rm -rf plugins/modelops/dist && mv plugins/modelops/dist.built plugins/modelops/dist
  fi
}
trap restore_frontend_dist EXIT
export_one plugins/modelops
echo "==> dynamic plugins in $out"
