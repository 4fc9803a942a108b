#!/usr/bin/env bash
# Fuzzes the core with libFuzzer (clang, ASan + UBSan): bx::explain, the MIME layer, the DSN
# layer, the charset layer (and the CLI's mbox splitter), Outlook .msg files (fuzz_msg patches a
# .msg built in memory), each for SECONDS (default 60), seeded with the Sisimai corpus.
# Exits non-zero when a target crashes, leaks, hangs or trips a sanitizer.
#
#   tests/fuzz/run.sh [SECONDS]        # e.g. tests/fuzz/run.sh 10 for a smoke run
#   BX_FUZZ_TARGETS="explain mime" tests/fuzz/run.sh 600
#   BX_FUZZ_SAVE=1 tests/fuzz/run.sh   # also copy crashing inputs to tests/fuzz/regressions/
#
# Built standalone with clang++ straight from core/src (no CMake preset needed) into
# build/fuzz/ (override with BX_FUZZ_BUILD). The corpus found by runs of 60 s or more is kept
# in build/fuzz/corpus/ (shorter runs start from the seeds); crashing inputs go to
# build/fuzz/artifacts/. A crash turned into a regression input (tests/fuzz/regressions/) is
# replayed by tests/unit/test_limits.cpp ("fuzzer regressions replay without a crash").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"
build="${BX_FUZZ_BUILD:-$root/build/fuzz}"
seeds="${BX_FUZZ_SEEDS:-$root/../shared/corpus/sisimai/eml}"
targets="${BX_FUZZ_TARGETS:-explain mime dsn charset mbox msg}"
jobs="${BX_FUZZ_JOBS:-2}"
cxx="${CXX_FUZZ:-clang++}"

if ! command -v "$cxx" >/dev/null; then
  echo "fuzz: $cxx not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
flags=(-std=c++17 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
       -I"$root/core/include" -I"$root/core/src")
mkdir -p "$build/obj" "$build/corpus" "$build/artifacts"

# The knowledge base, embedded and packed exactly as the CMake build does it (BxEmbedKb.cmake,
# then bx_kb_compile); the packed copy is rewritten only when it changed.
cmake -DKB_DIR="$root/kb" -DOUT="$build/kb_data.cpp" -P "$root/core/cmake/BxEmbedKb.cmake"
kb_tool="$build/bx_kb_compile"
if [[ ! -f "$kb_tool" || -n "$(find "$build/kb_data.cpp" "$root/core/src/kb" "$root/core/src/text/text.cpp" "$root/core/cli/kb_compile.cpp" -newer "$kb_tool" | head -1)" ]]; then
  "$cxx" -std=c++17 -O1 -I"$root/core/include" -I"$root/core/src" "$root/core/cli/kb_compile.cpp" \
    "$root/core/src/kb/load.cpp" "$root/core/src/kb/kb.cpp" "$root/core/src/kb/serialize.cpp" "$root/core/src/text/text.cpp" \
    "$build/kb_data.cpp" -o "$kb_tool"
fi
"$kb_tool" "$build/kb_blob.cpp.new"
cmp -s "$build/kb_blob.cpp.new" "$build/kb_blob.cpp" 2>/dev/null || mv "$build/kb_blob.cpp.new" "$build/kb_blob.cpp"
rm -f "$build/kb_blob.cpp.new"

# The core, instrumented for coverage (fuzzer-no-link); rebuilt when a source or header changed.
newest_header=$(find "$root/core/src" "$root/core/include" -name '*.hpp' -o -name '*.def' | xargs stat -c %Y | sort -n | tail -1)
sources=("$build/kb_data.cpp" "$build/kb_blob.cpp")
while IFS= read -r f; do sources+=("$f"); done < <(find "$root/core/src" -name '*.cpp' | sort)
objects=()
pids=()
for src in "${sources[@]}"; do
  rel="${src#"$root"/}"
  obj="$build/obj/$(echo "$rel" | tr '/' '_').o"
  objects+=("$obj")
  if [[ ! -f "$obj" || "$src" -nt "$obj" || "$newest_header" -gt "$(stat -c %Y "$obj")" ]]; then
    "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj" &
    pids+=($!)
    if (( ${#pids[@]} >= jobs )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
  fi
done
for p in "${pids[@]}"; do wait "$p"; done
# Objects of sources that no longer exist must not be linked.
for obj in "$build"/obj/*.o; do
  keep=0
  for o in "${objects[@]}"; do [[ "$o" == "$obj" ]] && keep=1 && break; done
  (( keep )) || rm -f "$obj"
done

dirs=("$here/regressions")
if [[ -d "$seeds" ]]; then dirs+=("$seeds"); else echo "fuzz: no seed corpus at $seeds (fuzzing from scratch)" >&2; fi

status=0
for t in $targets; do
  bin="$build/fuzz_$t"
  extra=()
  [[ "$t" == mbox ]] && extra=("$root/core/cli/reader.cpp")  # the CLI's mbox splitter
  if [[ ! -f "$bin" || "$here/fuzz_$t.cpp" -nt "$bin" || -n "$(find "$build/obj" "${extra[@]}" -newer "$bin" -name '*.[co]*' | head -1)" ]]; then
    "$cxx" "${flags[@]}" -fsanitize=fuzzer "$here/fuzz_$t.cpp" "${extra[@]}" "${objects[@]}" -o "$bin"
  fi
  # New inputs go to build/fuzz/corpus/<target> (the first directory; the seeds are only read).
  # A short (smoke) run starts from the seeds alone: a corpus grown by long runs would take
  # longer to load than the run lasts.
  corpus="$build/corpus/$t"
  (( seconds < 60 )) && corpus="$build/corpus-smoke/$t" && rm -rf "$corpus"
  mkdir -p "$corpus"
  echo "==== fuzz_$t: ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len=131072 \
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
