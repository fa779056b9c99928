#!/usr/bin/env bash
# Runs docgen's fuzz targets with cargo-fuzz on the stable toolchain.
#
#   fuzz/run.sh [SECONDS] [TARGET...]    each TARGET for SECONDS (default 60; all targets)
#   fuzz/run.sh --smoke                  the CI smoke run: about a minute in all
#
# cargo-fuzz passes nightly-only flags (-Z...) to rustc; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them. `--sanitizer none`: docgen has no `unsafe`, so AddressSanitizer adds
# little and halves the speed (`-s address` also works on stable with RUSTC_BOOTSTRAP=1).
# Debug assertions (and so overflow checks) are on, as cargo-fuzz builds by default.
# A crash stops the run with a non-zero status and leaves the input in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export RUSTC_BOOTSTRAP=1

all=(page pages model json_repair type_text http_lines names)
corpus=corpus
if [ "${1:-}" = "--smoke" ]; then
  # ~60 s in all: most of it on the two whole-pipeline targets. A fresh corpus of the seeds
  # only, so that what earlier runs found does not make the first pass run long.
  plan=(page:15 pages:15 model:10 json_repair:5 type_text:5 http_lines:5 names:5)
  corpus=$(mktemp -d)
  trap 'rm -rf "$corpus"' EXIT
else
  seconds=${1:-60}
  shift || true
  targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
  plan=()
  for target in "${targets[@]}"; do plan+=("$target:$seconds"); done
fi

if ! command -v cargo-fuzz > /dev/null; then
  echo "== installing cargo-fuzz (under a minute with a warm registry, ~2.5 min cold; once)"
  cargo install cargo-fuzz --locked
fi

DOCGEN_FUZZ_CORPUS=$corpus ./seed.sh
cargo fuzz build --sanitizer none

for entry in "${plan[@]}"; do
  target=${entry%%:*}
  seconds=${entry##*:}
  # The whole-pipeline targets run ~70 inputs/s: let them mutate whole pages at once
  # (-len_control=0) rather than grow inputs slowly from a few bytes.
  case $target in
    page) max_len=16384 len_control=0 ;;
    pages | model) max_len=65536 len_control=0 ;;
    *) max_len=4096 len_control=100 ;;
  esac
  echo "== fuzz $target for ${seconds}s"
  mkdir -p "artifacts/$target" "seeds/regressions/$target"
  before=$(ls "artifacts/$target" | sort)
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: one input using 2 GiB is a leak
  # or a blow-up; either is a failure like a panic.
  cargo fuzz run --sanitizer none "$target" "$corpus/$target" "seeds/regressions/$target" -- \
    -max_total_time="$seconds" -max_len="$max_len" -len_control="$len_control" \
    -timeout=10 -rss_limit_mb=2048 \
    -dict=docgen.dict -print_final_stats=1 -artifact_prefix="artifacts/$target/" 2>&1 \
    | grep -E '^(#[0-9]+[[:space:]]+(DONE|INITED)|==|stat::|Done|.*(panicked|ERROR|crash|deadly|timeout|leak|SUMMARY))' \
    || true
  found=$(comm -13 <(echo "$before") <(ls "artifacts/$target" | sort))
  if [ -n "$found" ]; then
    echo "fuzz: $target found a failing input: artifacts/$target/$found" >&2
    echo "fuzz: reproduce with: RUSTC_BOOTSTRAP=1 cargo fuzz run -s none $target artifacts/$target/$found" >&2
    exit 1
  fi
done
