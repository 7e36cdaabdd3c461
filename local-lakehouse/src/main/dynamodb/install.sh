#!/usr/bin/env bash
# Installs the local DynamoDB-compatible server (dynalite, MIT) into the folder given, from the npm
# registry, exactly as pinned by package-lock.json. Skips the install when that folder already holds
# the same lock file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$1"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "The local DynamoDB server needs Node.js 18 or newer with npm on the PATH (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
  echo "The local DynamoDB server needs Node.js 18 or newer; found $(node --version)." >&2
  exit 1
fi
if [ -f "$target/package-lock.json" ] && cmp -s "$here/package-lock.json" "$target/package-lock.json" \
  && [ -f "$target/node_modules/dynalite/cli.js" ]; then
  exit 0
fi
mkdir -p "$target"
cp "$here/package.json" "$here/package-lock.json" "$target/"
cd "$target"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
