#!/usr/bin/env bash
# Sisimai and this explainer on the same files, in turns (issue 13: README's speed claim measured
# side by side in one run, reproducible by anyone). Sisimai is Debian's libsisimai-perl (Perl,
# 4.25 in bookworm), installed here when missing; the explainer is the release CLI with one
# thread. Each run is a whole process over the whole directory (start-up included), RUNS times
# each, alternating (tests/bench/compare.py), so a slow phase of a shared machine hits both.
#
#   tests/bench/vs-sisimai.sh [RUNS] [DIR]      # defaults: 10, ../shared/corpus/sisimai/eml
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-10}"
dir="$(cd "${2:-$root/../shared/corpus/sisimai/eml}" && pwd)"
cli="$root/build/native-release/bounce-explain"

if ! perl -MSisimai -e1 2>/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q libsisimai-perl >/dev/null
  else
    echo "vs-sisimai: Sisimai for Perl is missing: sudo apt-get install libsisimai-perl" >&2
    exit 2
  fi
fi
if [[ ! -x "$cli" ]]; then
  cmake --preset native-release >/dev/null && cmake --build --preset native-release --target bounce-explain >/dev/null
fi

files=$(find "$dir" -maxdepth 1 -type f | wc -l)
sisimai_version=$(perl -MSisimai -e 'print $Sisimai::VERSION')
# Sisimai->make reads every file of a directory as a Maildir does; delivered => 1 keeps the
# success reports too, as the explainer does.
sisimai="perl -MSisimai -e 'Sisimai->make(\$ARGV[0], delivered => 1)' ."
ours="$cli --jobs 1 ."
echo "$files files in $dir; Sisimai $sisimai_version (Perl) and $(basename "$cli") (--jobs 1), $runs runs each, in turns"
python3 "$root/tests/bench/compare.py" "$runs" "$dir" "$sisimai" "$ours" | tee /dev/stderr |
  awk -v files="$files" '{ median[NR] = $6 } END {
    printf "Sisimai: %.0f emails/s, explainer: %.0f emails/s (median runs): %.1fx\n",
           files * 1000 / median[1], files * 1000 / median[2], median[1] / median[2] }'
