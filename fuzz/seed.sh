#!/usr/bin/env bash
# Builds the fuzz corpora in fuzz/corpus/<target>/ (or $DOCGEN_FUZZ_CORPUS/<target>/) from pages,
# at run time: the pages written for fuzzing (fuzz/seeds/pages), docs-input/, and, when
# ../shared is there, the seed page and the smallest pages of the v1.0 corpus (those are never
# copied into the repository). Existing corpus files (what earlier runs found) are kept.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
shared=../../shared
small=${DOCGEN_FUZZ_SHARED_PAGES:-300}
corpus=${DOCGEN_FUZZ_CORPUS:-corpus}

pages=$(mktemp)
trap 'rm -f "$pages"' EXIT
find seeds/pages ../docs-input -name '*.md' -type f | sort > "$pages"
if [ -d "$shared/corpus/v1.0" ]; then
  find "$shared/seeds" -type f | sort >> "$pages"
  # The smallest real pages: cheap to run, and between them they hold every page template.
  find "$shared/corpus/v1.0" -name '*.md' -type f -size -4k -printf '%s %p\n' \
    | sort -n | tail -n "$small" | cut -d' ' -f2- >> "$pages"
else
  echo "seed.sh: ../shared not found; seeding from fuzz/seeds and docs-input only" >&2
fi

for target in page pages model json_repair type_text http_lines names; do
  mkdir -p "$corpus/$target"
done

n=0
while read -r page; do
  n=$((n + 1))
  cp "$page" "$corpus/page/seed-$n.md"
  # Each page alone is a set of one page, too (named, so the folder is right).
  { printf '%%%%%% %s\n' "${page#*/}"; cat "$page"; } > "$corpus/pages/seed-$n.md"
  # Code blocks: JSON bodies and annotations for json_repair, request lines for http_lines.
  awk -v out="$corpus/json_repair/seed-$n-" '
    /^```json/ { inside = 1; k++; next }
    /^```/ && inside { inside = 0; next }
    inside { print > (out k ".json") }
    /^<!-- *\{/ { comment = 1; c++; sub(/^<!-- */, "") }
    comment { line = $0; sub(/ *-->.*$/, "", line); print line > (out "a" c ".json") }
    comment && /-->/ { comment = 0 }
  ' "$page"
  awk '/^```http/ { inside = 1; next } /^```/ { inside = 0 } inside' "$page" \
    > "$corpus/http_lines/seed-$n.txt"
  # Table cells: the Type column for type_text, the first column for names.
  awk -F'|' 'NF > 3 && $3 !~ /^[ :-]*$/ { print $3 }' "$page" | head -n 40 \
    | awk -v out="$corpus/type_text/seed-$n-" '{ print > (out NR ".txt") }'
  awk -F'|' 'NF > 3 && $2 !~ /^[ :-]*$/ { print $2 }' "$page" | head -n 40 \
    | awk -v out="$corpus/names/seed-$n-" '{ print > (out NR ".txt") }'
done < "$pages"

# Sets of pages that refer to each other: each resource of docs-input and fuzz/seeds/pages with
# the API pages that name it (at most 7 of them).
for resource in seeds/pages/*.md ../docs-input/resources/*.md; do
  stem=$(basename "$resource" .md)
  out="$corpus/pages/set-$stem.md"
  { printf '%%%%%% resources/%s.md\n' "$stem"; cat "$resource"; } > "$out"
  find seeds/pages ../docs-input/api -name "*$stem-*.md" -type f | sort | head -n 7 \
    | while read -r api; do
        printf '%%%%%% api/%s\n' "$(basename "$api")"
        cat "$api"
      done >> "$out"
done
# The model target reads the same sets of pages.
cp -r "$corpus/pages/." "$corpus/model/"
find "$corpus" -type f -empty -delete
for target in "$corpus"/*; do
  echo "seed.sh: $target: $(find "$target" -type f | wc -l) inputs"
done
