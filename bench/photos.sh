#!/usr/bin/env bash
# Photo pipeline benchmark: N generated camera-sized photos (default 100 at 3000×2000, one per
# dispatch, reproducible from their seeds), built with the default [images] settings
# (480/800/1200/1600 px, WebP q70 + JPEG q75). Reports the first build (empty image cache),
# a warm rebuild after adding one dispatch, and peak memory (/usr/bin/time -v). Everything
# lives on /dev/shm.
#
#   bench/photos.sh [COUNT] [SIZE]      e.g. bench/photos.sh 100 3000x2000
#
# Needs Pillow (pip install pillow) for bench/gen_photos.py, and a release build.
set -euo pipefail
count=${1:-100}
size=${2:-3000x2000}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${DATELINE:-$here/target/release/dateline}
work=/dev/shm/dateline-photos-$count
[ -x "$bin" ] || (cd "$here" && cargo build --release -q)
if [ ! -f "$work/.generated-$size" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  python3 "$here/bench/gen_photos.py" site "$work/site" --count "$count" --size "$size"
  touch "$work/.generated-$size"
fi
site=$work/site
rm -rf "$site/.dateline" "$site/output" "$site/content/2024/zz-new"
du -sh "$site/content" | sed 's/^/photos: /'

measure() { # label, then the command; prints wall seconds and peak RSS
  local label=$1; shift
  /usr/bin/time -v "$@" >"$work/out.txt" 2>"$work/time.txt"
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
  printf '%-28s wall %8s   peak %6.1f MiB   %s\n' "$label" "$wall" "$(echo "$rss/1024" | bc -l)" "$(tail -1 "$work/out.txt")"
}

measure "first build (cold cache)" "$bin" build --root "$site"
mkdir -p "$site/content/2024/zz-new"
printf '+++\ntitle = "One more"\ndate = 2024-03-30T10:00:00+02:00\n+++\n\nA new dispatch, no photo.\n' >"$site/content/2024/zz-new/index.md"
measure "rebuild + 1 new dispatch" "$bin" build --root "$site"
rm -rf "$site/output"
measure "rebuild, output deleted" "$bin" build --root "$site"
du -sh "$site/output" | sed 's/^/output: /'
du -sh "$site/.dateline/images" | sed 's/^/image cache: /'
