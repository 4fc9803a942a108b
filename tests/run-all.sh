#!/usr/bin/env bash
# Every test: installs what is missing, then builds and tests the native core and CLI (unit,
# golden, hostile inputs, corpus accuracy), a libFuzzer smoke run, the same suite under ASan +
# UBSan, then the WebAssembly build (the same unit tests under node, the JS module, the site in
# Chromium). The README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps

step() { printf '\n==== %s\n' "$*"; }

step "native: configure, build (warnings are errors), test"
cmake --preset native -DBX_REQUIRE_CORPUS="${BX_REQUIRE_CORPUS:-ON}" >/dev/null
cmake --build --preset native
ctest --preset native

step "fuzz: libFuzzer smoke run, 10 s per target (the fuzz preset: clang, ASan + UBSan), seeded with the corpus"
tests/fuzz/run.sh 10

step "native-asan: the same suite under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset native-asan -DBX_REQUIRE_CORPUS="${BX_REQUIRE_CORPUS:-ON}" >/dev/null
cmake --build --preset native-asan
ctest --preset native-asan

step "wasm: configure, build (core, module, site), test under node and Chromium"
cmake --preset wasm >/dev/null
cmake --build --preset wasm
ctest --preset wasm
