#!/bin/sh
# Time and peak memory of `figcheck check` as the input doubles, for
# BENCHMARKS.md. Usage: benches/scale.sh GENERATOR [WORKDIR]
#   GENERATOR: a corpus generator taking `dir BYTES SEED OUTDIR` and
#   `file BYTES SEED OUT.md` (the issue's figures used gen_news_corpus.py).
# Needs GNU time (/usr/bin/time) and a release build.
set -eu
gen=$1
work=${2:-/tmp/figcheck-scale}
bin=$(pwd)/target/release/figcheck
mkdir -p "$work"
echo "| input | files | time (s) | peak RSS (MB) | JSON out (MB) |"
echo "|---|---:|---:|---:|---:|"
for mb in 10 20 40 80 160; do
  dir=$work/corpus-$mb
  [ -d "$dir" ] || python3 "$gen" dir $((mb * 1000000)) 7 "$dir" > /dev/null
  files=$(find "$dir" -name '*.md' | wc -l)
  ( cd "$dir" && /usr/bin/time -f "%e %M" -o "$work/time" "$bin" check --format json . > "$work/out.json" ) || true
  set -- $(tail -n 1 "$work/time")
  echo "| $mb MB corpus | $files | $1 | $(( $2 / 1024 )) | $(( $(stat -c %s "$work/out.json") / 1000000 )) |"
done
for mb in 1 2 4 8; do
  f=$work/long-$mb.md
  [ -f "$f" ] || python3 "$gen" file $((mb * 1000000)) 7 "$f" > /dev/null
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" check --format json "$f" > "$work/out.json" || true
  set -- $(tail -n 1 "$work/time")
  echo "| $mb MB, one file | 1 | $1 | $(( $2 / 1024 )) | $(( $(stat -c %s "$work/out.json") / 1000000 )) |"
  tr '\n' ' ' < "$f" > "$work/line-$mb.md"
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" check --format json "$work/line-$mb.md" > "$work/out.json" || true
  set -- $(tail -n 1 "$work/time")
  echo "| $mb MB, one line | 1 | $1 | $(( $2 / 1024 )) | $(( $(stat -c %s "$work/out.json") / 1000000 )) |"
done
