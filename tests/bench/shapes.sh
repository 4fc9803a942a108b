#!/usr/bin/env bash
# Times the CLI on the hostile shapes of issue 13 (tests/unit/hostile_shapes.hpp) at the sizes of
# the issue's table: wall time, CPU time (user + system: what a loaded machine inflates least),
# CPU seconds per MB of input, peak RSS (/usr/bin/time -v) and output bytes, then the whole
# table's seconds per MB. Figures, not assertions
# (tests/unit/test_scaling.cpp asserts the counts).
#   tests/bench/shapes.sh [CLI] [SHAPES_TOOL]
#   CLI          default build/native-release/bounce-explain
#   SHAPES_TOOL  default: bx_shapes next to the CLI's build (tests/bench/bx_shapes)
#   BX_SHAPES_SCALE=0.25 tests/bench/shapes.sh   # a quarter of each size (the issue's 1x column)
set -euo pipefail
cli=${1:-build/native-release/bounce-explain}
tool=${2:-$(dirname "$cli")/tests/bench/bx_shapes}
scale=${BX_SHAPES_SCALE:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shape, target size in KB (the issue's 4n column, or its largest where it gives one size)
targets="encoded-words 80
domino 126
biglobe 188
x3 165
rfc3464-prose-line 362
rfc3464-empty-recipient 312
mbox-content-length 2600
exim-generated-text 4500
exim-address-lines 2100
nested-quoted-printable 30000
shared-subject 400
received-chain 210
dsn-folded-diagnostics 150"
printf '%-26s %10s %7s %7s %9s %8s %12s\n' shape bytes wall_s cpu_s cpu_s/MB rss_MB output_bytes
total_bytes=0
total_wall=0
total_cpu=0
while read -r shape kb; do
  probe=$("$tool" "$shape" 1000 | wc -c)
  n=$(awk -v kb="$kb" -v s="$scale" -v p="$probe" 'BEGIN { n = int(kb * s * 1024 * 1000 / p); print (n < 1 ? 1 : n) }')
  "$tool" "$shape" "$n" > "$work/in"
  bytes=$(wc -c < "$work/in")
  /usr/bin/time -v -o "$work/time" timeout 300 "$cli" --jobs 1 "$work/in" > "$work/out" 2>/dev/null || true
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time")
  per_mb=$(awk -v c="$cpu" -v b="$bytes" 'BEGIN { printf "%.2f", c / (b / 1048576) }')
  printf '%-26s %10d %7s %7s %9s %8s %12d\n' "$shape" "$bytes" "$wall" "$cpu" "$per_mb" "$rss" "$(wc -c < "$work/out")"
  total_bytes=$(( total_bytes + bytes ))
  total_wall=$(awk -v a="$total_wall" -v b="$wall" 'BEGIN { print a + b }')
  total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN { print a + b }')
done <<< "$targets"
awk -v w="$total_wall" -v c="$total_cpu" -v b="$total_bytes" \
  'BEGIN { printf "%-26s %10d %7.2f %7.2f %9.2f\n", "whole table", b, w, c, c / (b / 1048576) }'
