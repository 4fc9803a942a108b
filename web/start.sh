#!/usr/bin/env bash
# One command for a newcomer: installs what is missing, builds the WebAssembly core and the
# site (build/site) and the native CLI (build/native-release/bounce-explain), then serves the
# site on a local URL (printed below). Ctrl+C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps
cmake --preset native-release >/dev/null
cmake --build --preset native-release --target bounce-explain
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target site
echo "CLI: build/native-release/bounce-explain --help"
exec node web/serve.mjs --root build/site "$@"
