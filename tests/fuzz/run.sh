#!/usr/bin/env bash
# Fuzzes the core with libFuzzer (clang, ASan + UBSan): bx::explain, the MIME layer, the DSN
# layer, the charset layer (and the CLI's mbox splitter), Outlook .msg files (fuzz_msg patches a
# .msg built in memory), each for SECONDS (default 60), seeded with the Sisimai corpus and the
# worked-on part of tests/wild, with the tokens of tests/fuzz/bounce.dict; inputs up to 128 KB on
# a smoke run, 1 MB on runs of a minute or more (BX_FUZZ_MAX_LEN).
# Exits non-zero when a target crashes, leaks, hangs or trips a sanitizer.
#
#   tests/fuzz/run.sh [SECONDS]        # e.g. tests/fuzz/run.sh 10 for a smoke run
#   BX_FUZZ_TARGETS="explain mime" tests/fuzz/run.sh 600
#   BX_FUZZ_SAVE=1 tests/fuzz/run.sh   # also copy crashing inputs to tests/fuzz/regressions/
#
# Built by the `fuzz` CMake preset (clang; the whole core instrumented for coverage and checked
# by ASan + UBSan; tests/fuzz/CMakeLists.txt) into build/fuzz/: `cmake --preset fuzz && cmake
# --build --preset fuzz`, which this script runs (ninja rebuilds only what changed). The corpus
# found by runs of 60 s or more is kept in build/fuzz/corpus/ (shorter runs start from the
# seeds); crashing inputs go to build/fuzz/artifacts/. A crash turned into a regression input
# (tests/fuzz/regressions/) is replayed by tests/unit/test_limits.cpp ("fuzzer regressions replay
# without a crash").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"
build="$root/build/fuzz"  # the preset's binaryDir
seeds="${BX_FUZZ_SEEDS:-$root/../shared/corpus/sisimai/eml}"
targets="${BX_FUZZ_TARGETS:-explain mime dsn charset mbox msg}"
jobs="${BX_FUZZ_JOBS:-2}"

if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
(cd "$root" && cmake --preset fuzz >/dev/null && cmake --build --preset fuzz -j "$jobs")
mkdir -p "$build/corpus" "$build/artifacts"

dirs=("$here/regressions")
if [[ -d "$seeds" ]]; then dirs+=("$seeds"); else echo "fuzz: no seed corpus at $seeds (fuzzing from scratch)" >&2; fi
# The corpus is mostly whole DSNs; the worked-on part of tests/wild seeds the decoders it lacks
# (pasted notices and lines, MTA logs and queue listings, sending-service JSON, client
# exceptions). Its holdout part is not read here or anywhere while rules are written.
[[ -d "$root/tests/wild/work" ]] && dirs+=("$root/tests/wild/work")
# Larger inputs on long runs (the shapes that once grew quadratically needed hundreds of KB).
max_len="${BX_FUZZ_MAX_LEN:-$(( seconds >= 60 ? 1048576 : 131072 ))}"

status=0
for t in $targets; do
  bin="$build/fuzz_$t"
  if [[ ! -x "$bin" ]]; then
    echo "fuzz: no target fuzz_$t (tests/fuzz/CMakeLists.txt lists the targets)" >&2
    status=1
    continue
  fi
  # New inputs go to build/fuzz/corpus/<target> (the first directory; the seeds are only read).
  # A short (smoke) run starts from the seeds alone: a corpus grown by long runs would take
  # longer to load than the run lasts.
  corpus="$build/corpus/$t"
  (( seconds < 60 )) && corpus="$build/corpus-smoke/$t" && rm -rf "$corpus"
  mkdir -p "$corpus"
  echo "==== fuzz_$t: ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len="$max_len" \
        -dict="$here/bounce.dict" -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
        "$corpus" "${dirs[@]}" 2>"$build/fuzz_$t.log"; then
    status=1
    echo "fuzz_$t: FAILED (log: $build/fuzz_$t.log)" >&2
    grep -E 'ERROR|SUMMARY|Test unit written|runtime error' "$build/fuzz_$t.log" | head -20 >&2 || true
    if [[ "${BX_FUZZ_SAVE:-0}" == 1 ]]; then
      for a in "$build/artifacts/$t-"*; do
        [[ -f "$a" ]] && cp "$a" "$here/regressions/$t-$(sha1sum "$a" | cut -c1-12)" && echo "saved $a" >&2
      done
    fi
  else
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE' "$build/fuzz_$t.log" | tr '\n' ' ' || true
    echo
  fi
done
exit $status
