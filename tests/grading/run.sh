#!/usr/bin/env bash
# Prints the explanation of each of the 40 graded cases (cases.tsv), one after the other, so the
# grading in README.md can be repeated: bash tests/grading/run.sh [CLI] > /tmp/graded.txt
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${1:-$here/../../build/native/bounce-explain}
corpus=${CORPUS:-/work/shared/corpus/sisimai/eml}
grep -v '^#' "$here/cases.tsv" | while IFS=$'\t' read -r id input; do
  case $input in
    corpus:*) path=$corpus/${input#corpus:} ;;
    *) path=$here/$input ;;
  esac
  echo "######## $id $input"
  "$cli" --format text "$path" || true
done
