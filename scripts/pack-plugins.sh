#!/usr/bin/env bash
# Builds the six plugin packages and packs each into a tarball a registry (or `yarn add
# file:...`) takes: `yarn pack` runs `backstage-cli package prepack`, which points main, module,
# types and exports at dist, and rewrites `workspace:^` to the packages' versions.
# Then checks every tarball: no `private`, no `workspace:` range, every entry point it names is
# in it, migrations/schemas/config schema where the package has them.
#
# usage: scripts/pack-plugins.sh [OUT_DIR]     (default: dist-packs/; SKIP_BUILD=1 to reuse dist)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
out="$(mkdir -p "${1:-dist-packs}" && cd "${1:-dist-packs}" && pwd)"

PLUGINS=(
  plugins/modelops-common
  plugins/modelops-node
  plugins/modelops
  plugins/modelops-backend
  plugins/catalog-backend-module-modelops
  plugins/scaffolder-backend-module-modelops
)

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "==> yarn build:plugins"
  yarn build:plugins >/dev/null
fi

rm -f "$out"/*.tgz
for dir in "${PLUGINS[@]}"; do
  name="$(node -p "require('./$dir/package.json').name")"
  file="$out/$(echo "${name#@}" | tr / -).tgz"
  (cd "$dir" && yarn pack --out "$file" >/dev/null)
  node scripts/check-packed.js "$file"
done
echo "==> packed into $out"
