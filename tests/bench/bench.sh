#!/usr/bin/env bash
# Throughput and memory figures for Bounce Explainer; prints a table and writes RESULTS.md.
#
#   tests/bench/bench.sh [REPS]     (default 5; BX_BENCH_CORPUS=DIR to use other e-mails)
#
#  * the native CLI, whole process (start-up included), all files in one process: emails/s,
#    MB/s, peak RSS; with --jobs 1 and with the default (one thread per core); and over one big
#    mbox (the corpus x 20) to show that memory stays flat however large the input (streaming,
#    one message at a time);
#  * in process (tests/bench/bench.cpp, linked with bx::core): bx::explain over the files loaded
#    in memory, and the hot stages one by one (MIME parse, decoders, classify, ...);
#  * the wasm module under node (build/wasm, if built): explain() with its JSON report;
#  * the Catch2 micro-benchmarks of the hot stages (tests/bench/micro.cpp, bx_microbench).
# Builds what it needs in build/native-release (cmake --preset native-release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reps="${1:-5}"
corpus="${BX_BENCH_CORPUS:-$root/../shared/corpus/sisimai/eml}"
release="$root/build/native-release"
sisimai_rate=900  # Go Sisimai on this machine, same corpus (emails/s)
cd "$root"

[[ -f "$release/build.ninja" ]] || cmake --preset native-release >/dev/null
cmake --build --preset native-release --target bounce-explain -j 2 >/dev/null
cli="$release/bounce-explain"
if cmake --build --preset native-release --target bx_bench -j 2 >/dev/null 2>&1; then
  bench="$release/tests/bench/bx_bench"
else  # tests/bench not added to the CMake tree (yet): build the same program by hand
  bench="$release/bx_bench_standalone"
  cmake --build --preset native-release --target bx_core -j 2 >/dev/null
  ${CXX:-c++} -std=c++17 -O2 -DNDEBUG -I"$root/core/include" -I"$root/core/src" "$here/bench.cpp" \
    "$release/core/libbx_core.a" -o "$bench"
fi

mapfile -t files < <(find "$corpus" -maxdepth 1 -type f | sort)
count=${#files[@]}
# The CLI is given the folder, as a person would give it (it lists it itself: no stat per file);
# the file list only when the folder has sub-folders, which the CLI would read too.
if [[ -z "$(find "$corpus" -mindepth 1 -type d | head -1)" ]]; then inputs=("$corpus"); else inputs=("${files[@]}"); fi
bytes=$(cat "${files[@]}" | wc -c)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }')

# Wall time of REPS runs of a command (output discarded), timed with bash's microsecond clock
# ($EPOCHREALTIME; `time` rounds to milliseconds, a tenth of a corpus run): sets T_WALL (best),
# T_MED (median) and T_CPU (best user + sys, the steadier figure on a shared, loaded machine).
tfile="$(mktemp)"
trap 'rm -f "$tfile"' EXIT
best_time() {
  local walls=() cpus=()
  for ((i = 0; i < reps; i++)); do
    local TIMEFORMAT='%3U %3S'
    local start=$EPOCHREALTIME
    { time "$@" >/dev/null 2>&1 || true; } 2>"$tfile"
    local end=$EPOCHREALTIME
    read -r u s < <(tail -1 "$tfile")
    walls+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')")
  done
  T_WALL=$(printf '%s\n' "${walls[@]}" | sort -g | head -1)
  T_MED=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  T_CPU=$(printf '%s\n' "${cpus[@]}" | sort -g | awk 'NR == 1 { printf "%.3f", ($1 < 0.001 ? 0.001 : $1) }')
}
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
mbps() { awk -v m="$1" -v t="$2" 'BEGIN { printf "%.2f", m / t }'; }
mult() { awk -v r="$1" -v s="$sisimai_rate" 'BEGIN { printf "%.1fx", r / s }'; }

echo "bench: $count files, $mb MB, $reps repetitions; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

cores=$(nproc)
# A corpus run takes ~10-20 ms, and a threaded one is at the mercy of the other vCPU: more runs
# for a steady median.
reps_saved=$reps; reps=$(( reps * 4 ))
best_time "$cli" --jobs 1 --format jsonl "${inputs[@]}"; t_cli=$T_WALL; m_cli=$T_MED; c_cli=$T_CPU
rss_cli=$(peak_kb "$cli" --jobs 1 --format jsonl "${inputs[@]}")
best_time "$cli" --format jsonl "${inputs[@]}"; t_cli2=$T_WALL; m_cli2=$T_MED; c_cli2=$T_CPU
rss_cli2=$(peak_kb "$cli" --format jsonl "${inputs[@]}")
reps=$reps_saved

# The corpus x 20 as one mbox (mboxrd escaping), to check that memory does not grow with volume.
mbox="$release/bench-corpus-x20.mbox"
if [[ ! -f "$mbox" ]]; then
  tmp="$mbox.tmp"; : > "$tmp"
  for f in "${files[@]}"; do
    printf 'From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n'
    sed -e '1{/^From /d}' -e 's/^\(>*From \)/>\1/' "$f"
    printf '\n'
  done > "$tmp.one"
  for ((i = 0; i < 20; i++)); do cat "$tmp.one" >> "$tmp"; done
  rm -f "$tmp.one"; mv "$tmp" "$mbox"
fi
mbox_count=$((count * 20))
mbox_mb=$(awk -v b="$(wc -c < "$mbox")" 'BEGIN { printf "%.1f", b / 1048576 }')
reps_saved=$reps; reps=$(( reps > 3 ? 3 : reps ))
best_time "$cli" --jobs 1 "$mbox"; t_mbox=$T_WALL; m_mbox=$T_MED; c_mbox=$T_CPU
best_time "$cli" "$mbox"; t_mbox2=$T_WALL; m_mbox2=$T_MED
reps=$reps_saved
rss_mbox=$(peak_kb "$cli" --jobs 1 "$mbox")
rss_mbox2=$(peak_kb "$cli" "$mbox")

# In process.
declare -A B
while read -r k v; do B[$k]=$v; done < <("$bench" "$corpus" $((reps * 4)))

# wasm under node.
wasm_dir="${BX_WASM_DIR:-$root/build/wasm/wasm}"
declare -A W
if [[ -f "$wasm_dir/bounce-explainer.wasm" ]]; then
  while read -r k v; do W[$k]=$v; done < <(BX_WASM_DIR="$wasm_dir" NODE_PATH=/usr/share/nodejs node "$here/wasm-bench.mjs" "$corpus" "$reps")
fi

r_cli=$(rate "$count" "$t_cli"); r_cli2=$(rate "$count" "$t_cli2"); r_mbox=$(rate "$mbox_count" "$t_mbox")
r_mbox2=$(rate "$mbox_count" "$t_mbox2")
rm_cli=$(rate "$count" "$m_cli"); rm_cli2=$(rate "$count" "$m_cli2"); rm_mbox=$(rate "$mbox_count" "$m_mbox")
rm_mbox2=$(rate "$mbox_count" "$m_mbox2")
rc_cli=$(rate "$count" "$c_cli"); rc_mbox=$(rate "$mbox_count" "$c_mbox")
r_in=${B[explain_emails_per_s]%.*}
rc_in=${B[explain_cpu_emails_per_s]%.*}
table=$(
  printf '| Measure | emails/s (best wall) | emails/s (median wall) | MB/s (best) | emails per CPU-second | peak RSS | vs Sisimai (%s/s), best / median |\n' "$sisimai_rate"
  printf '|---|---:|---:|---:|---:|---:|---:|\n'
  printf '| CLI, whole process, %s files, --jobs 1 | %s | %s | %s | %s | %s MB | %s / %s |\n' "$count" "$r_cli" "$rm_cli" "$(mbps "$mb" "$t_cli")" "$rc_cli" "$((rss_cli / 1024))" "$(mult "$r_cli")" "$(mult "$rm_cli")"
  printf '| CLI, whole process, %s files, default (%s threads, one per core) | %s | %s | %s | | %s MB | %s / %s |\n' "$count" "$cores" "$r_cli2" "$rm_cli2" "$(mbps "$mb" "$t_cli2")" "$((rss_cli2 / 1024))" "$(mult "$r_cli2")" "$(mult "$rm_cli2")"
  printf '| CLI, one %s MB mbox (%s messages), --jobs 1 | %s | %s | %s | %s | %s MB | %s / %s |\n' "$mbox_mb" "$mbox_count" "$r_mbox" "$rm_mbox" "$(mbps "$mbox_mb" "$t_mbox")" "$rc_mbox" "$((rss_mbox / 1024))" "$(mult "$r_mbox")" "$(mult "$rm_mbox")"
  printf '| CLI, the same mbox, default (%s threads) | %s | %s | %s | | %s MB | %s / %s |\n' "$cores" "$r_mbox2" "$rm_mbox2" "$(mbps "$mbox_mb" "$t_mbox2")" "$((rss_mbox2 / 1024))" "$(mult "$r_mbox2")" "$(mult "$rm_mbox2")"
  rm_in=${B[explain_median_emails_per_s]%.*}
  printf '| in process, bx::explain (files in memory), 1 thread | %s | %s | %s | %s | | %s / %s |\n' "$r_in" "$rm_in" "${B[explain_mb_per_s]}" "$rc_in" "$(mult "$r_in")" "$(mult "$rm_in")"
  if [[ -n "${W[wasm_emails_per_s]:-}" ]]; then
    r_w=${W[wasm_emails_per_s]%.*}
    printf '| wasm under node, explain() incl. JSON | %s | | %s | %s | %s MB | %s |\n' "$r_w" "${W[wasm_mb_per_s]}" "${W[wasm_cpu_emails_per_s]%.*}" "${W[wasm_peak_rss_mb]%.*}" "$(mult "$r_w")"
    r_wr=${W[wasm_whole_run_emails_per_s]%.*}
    printf '| wasm under node, one pass with the module load (%s ms) in front | %s | | | | | %s |\n' "${W[wasm_load_ms]}" "$r_wr" "$(mult "$r_wr")"
  else
    printf '| wasm under node | (not built: cmake --build --preset wasm) | | | | | |\n'
  fi
  printf '\nHot stages, in process, one pass over the %s files (%s candidates), best of %s:\n\n' "$count" "${B[candidates]}" "$((reps * 4))"
  printf '| Stage | ms per pass | us per email |\n|---|---:|---:|\n'
  for s in normalize mime_parse dsn_parse decoders classify find_knowledge to_json; do
    ms=${B[stage_${s}_ms]}
    printf '| %s | %s | %s |\n' "$s" "$ms" "$(awk -v m="$ms" -v n="$count" 'BEGIN { printf "%.1f", m * 1000 / n }')"
  done
  printf '| whole bx::explain | %s | %s |\n' "${B[explain_pass_ms]}" "$(awk -v m="${B[explain_pass_ms]}" -v n="$count" 'BEGIN { printf "%.1f", m * 1000 / n }')"
)
echo "$table"

# Catch2 micro-benchmarks of the same stages (tests/bench/micro.cpp): mean, spread and per e-mail.
cmake --build --preset native-release --target bx_microbench -j 2 >/dev/null
echo "micro-benchmarks (Catch2, tests/bench/micro.cpp):" >&2
micro=$(BX_BENCH_CORPUS="$corpus" "$release/tests/bench/bx_microbench" --benchmark-samples 50 --benchmark-warmup-time 50)
echo "$micro"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
# The browser figures (web-bench.mjs, written by hand) are kept as they are.
web_section=$(sed -n '/^## The page in Chromium/,$p' "$here/RESULTS.md" 2>/dev/null || true)
{
  echo "# Benchmark results"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`tests/bench/bench.sh $reps\` on $(nproc) cores ($cpu),"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: figures are lower bounds)."
  echo "Corpus: $count files, $mb MB ($(realpath --relative-to="$root" "$corpus")); native build: native-release preset; Sisimai (Go): ~$sisimai_rate emails/s here."
  echo
  echo "$table"
  echo
  echo "Catch2 micro-benchmarks (\`bx_microbench\`, tests/bench/micro.cpp), one pass over the same files each:"
  echo
  echo '```'
  echo "$micro"
  echo '```'
  if [ -n "$web_section" ]; then
    echo
    echo "$web_section"
  fi
} > "$here/RESULTS.md"
echo "written: tests/bench/RESULTS.md" >&2
