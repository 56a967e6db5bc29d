#!/usr/bin/env bash
# The ModelOps runs tab beside the community Tekton plugin, one command (issue 15):
#  1. clones this repository's HEAD into a temporary directory (TEKTON_PORTAL_DIR keeps and
#     reuses it) and adds @backstage-community/plugin-tekton to the copy's packages/app, so the
#     repository's own portal stays without it;
#  2. installs the copy. The plugin asks for an older Backstage release than the repository's
#     (@backstage/frontend-plugin-api ^0.17.0, @backstage/plugin-catalog-react ^3.0.0,
#     @backstage/plugin-kubernetes-react ^0.5.19, against 1.0.0, 4.0.0 and 0.6.2 here): root
#     `resolutions` give it the repository's versions, and the script fails unless every
#     @backstage/* package has the same copies and versions in the copy as in the repository;
#  3. runs tektonSideBySide.browser.ts against the copy's `yarn start:demo` and prints figures.
# Network: the npm registry only (the plugin and its dependencies). Ports 3170, 7170-7172.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../scripts/env.sh"
cd "$REPO_ROOT"

TEKTON_VERSION=3.39.0
work="${TEKTON_PORTAL_DIR:-$(mktemp -d /tmp/modelops-tekton-side.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
case "$work/" in "$REPO_ROOT"/*) echo "error: TEKTON_PORTAL_DIR must be outside the repository" >&2; exit 1 ;; esac
copy="$work/repo"
started=$SECONDS
step() { echo "==> [$((SECONDS - started)) s] $*"; }

if [ ! -f "$copy/node_modules/@backstage-community/plugin-tekton/package.json" ]; then
  step "copy of the repository (HEAD) in $copy, with @backstage-community/plugin-tekton@$TEKTON_VERSION"
  rm -rf "$copy"
  git clone -q "$REPO_ROOT" "$copy"
  node - "$copy" "$TEKTON_VERSION" <<'EOF'
const fs = require('fs');
const [copy, version] = process.argv.slice(2);
const edit = (file, change) => {
  const json = JSON.parse(fs.readFileSync(`${copy}/${file}`, 'utf8'));
  change(json);
  fs.writeFileSync(`${copy}/${file}`, `${JSON.stringify(json, null, 2)}\n`);
};
const installed = name =>
  require(`${process.cwd()}/node_modules/${name}/package.json`).version;
edit('packages/app/package.json', app => {
  app.dependencies['@backstage-community/plugin-tekton'] = version;
});
// The plugin's ranges name the release before this one; give it this release's packages.
edit('package.json', root => {
  for (const [name, range] of [
    ['@backstage/frontend-plugin-api', '^0.17.0'],
    ['@backstage/plugin-catalog-react', '^3.0.0'],
    ['@backstage/plugin-kubernetes-react', '^0.5.19'],
  ])
    root.resolutions[`${name}@npm:${range}`] = `npm:${installed(name)}`;
});
EOF
  step "yarn install in the copy"
  (cd "$copy" && YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install >"$work/install.log" 2>&1) ||
    { grep -E "YN0001|YN0009|YN0035|Error" "$work/install.log" | tail -n 20 >&2; exit 1; }
fi

step "one copy of each @backstage/* package, as in the repository"
copies() { # "count name version" of every installed @backstage/* package under $1
  (cd "$1" && find . -path '*node_modules/@backstage/*/package.json' -not -path '*/dist/*' |
    grep -E 'node_modules/@backstage/[^/]+/package.json$' |
    xargs -n 50 node -e 'for (const f of process.argv.slice(1)) { const p = require(require("path").resolve(f)); console.log(p.name + " " + p.version); }' |
    sort | uniq -c | sort -k2)
}
if ! diff <(copies "$REPO_ROOT") <(copies "$copy") >"$work/copies.diff"; then
  echo "error: the copy's @backstage/* packages differ from the repository's:" >&2
  cat "$work/copies.diff" >&2
  exit 1
fi

step "measure"
cd "$here"
TEKTON_PORTAL_ROOT="$copy" node --expose-gc -r @backstage/cli/config/nodeTransform.cjs tektonSideBySide.browser.ts
