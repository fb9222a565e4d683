#!/bin/sh
# Runs the whole mention evaluation (see data/eval/RESULTS.md). From the crate root:
#   sh data/eval/run.sh [OUT_DIR]        (default /tmp/dateline-eval)
set -eu
out=${1:-/tmp/dateline-eval}
mkdir -p "$out"
cargo build --release --example eval_mentions --example gen_corpus
ex=${CARGO_TARGET_DIR:-target}/release/examples/eval_mentions
gen=${CARGO_TARGET_DIR:-target}/release/examples/gen_corpus
$gen --list-cities > "$out/cities.txt"

echo "== (a) bundled blog"
$ex . --json > "$out/bundled.jsonl"
python3 data/eval/score.py bundled data/eval/bundled-labels.toml . "$out/bundled.jsonl"
echo "== (a') bundled blog with the draft"
$ex . --json --drafts > "$out/bundled-drafts.jsonl"
python3 data/eval/score.py bundled data/eval/bundled-labels.toml . "$out/bundled-drafts.jsonl" \
    | grep -E '^[a-z].*precision|dispatches'


echo "== (b) generated corpus, 200 articles"
"$gen" --engine dateline --articles 200 --out "$out/corpus" --force > /dev/null
$ex "$out/corpus" --json > "$out/corpus.jsonl"
python3 data/eval/score.py corpus "$out/corpus" "$out/corpus.jsonl" --cities "$out/cities.txt"

echo "== (b') same corpus, front matter cut to one city: the rest must be found as mentions"
python3 data/eval/score.py one-city "$out/corpus" "$out/corpus-one"
$ex "$out/corpus-one" --json > "$out/corpus-one.jsonl"
python3 data/eval/score.py corpus "$out/corpus-one" "$out/corpus-one.jsonl" --cities "$out/cities.txt" --mentions \
    --resolved "$out/corpus.jsonl"

echo "== (c) real text, the development sets (data/eval/real: labels, heldout, heldout2, heldout3)"
cargo build --release --bin dateline
for set in labels heldout heldout2 heldout3; do
    echo "-- $set.toml"
    python3 data/eval/real/score.py "${CARGO_TARGET_DIR:-target}/release/dateline" "$set.toml" | tail -4
done
