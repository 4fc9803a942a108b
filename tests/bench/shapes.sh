#!/usr/bin/env bash
# Times the CLI on the hostile shapes of issue 13 (tests/unit/hostile_shapes.hpp) at the sizes of
# the issue's table: wall time, peak RSS (/usr/bin/time -v) and output bytes. Figures, not
# assertions (tests/unit/test_scaling.cpp asserts the counts).
#   tests/bench/shapes.sh [CLI] [SHAPES_TOOL]
#   CLI          default build/native-release/bounce-explain
#   SHAPES_TOOL  default: bx_shapes next to the CLI's build (tests/bench/bx_shapes)
set -euo pipefail
cli=${1:-build/native-release/bounce-explain}
tool=${2:-$(dirname "$cli")/tests/bench/bx_shapes}
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
shared-subject 400"
printf '%-26s %10s %9s %10s %12s\n' shape bytes wall_s rss_MB output_bytes
while read -r shape kb; do
  probe=$("$tool" "$shape" 1000 | wc -c)
  n=$(( kb * 1024 * 1000 / probe ))
  [ "$n" -lt 1 ] && n=1
  "$tool" "$shape" "$n" > "$work/in"
  bytes=$(wc -c < "$work/in")
  /usr/bin/time -v -o "$work/time" timeout 300 "$cli" --jobs 1 "$work/in" > "$work/out" 2>/dev/null || true
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time")
  printf '%-26s %10d %9s %10s %12d\n' "$shape" "$bytes" "$wall" "$rss" "$(wc -c < "$work/out")"
done <<< "$targets"
