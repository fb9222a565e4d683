#!/usr/bin/env bash
# Photos against Hugo: the same N camera-sized photos (bench/gen_photos.py, one per dispatch,
# reproducible) made by Hugo and by dateline into the same copies (480/800/1200 px WebP q75,
# plus an 800 px JPEG q75, Lanczos), each cold (empty image cache), alternating ROUNDS times
# in one run. Prints wall time, CPU time and peak memory of each run, and the output sizes.
# Everything lives on /dev/shm.
#
#   bench/photos-hugo.sh [COUNT] [SIZE] [ROUNDS]      e.g. bench/photos-hugo.sh 100 3000x2000 3
#
# HUGO_FILTER=Box measures Hugo with its default (faster, blurrier) resampling filter instead.
#
# Needs Pillow (for gen_photos.py), `hugo` (extended, 0.153 or later: WebP) on PATH, and a
# release build of dateline (built if missing).
set -euo pipefail
count=${1:-100}
size=${2:-3000x2000}
rounds=${3:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${DATELINE:-$here/target/release/dateline}
work=/dev/shm/dateline-photos-hugo-$count
[ -x "$bin" ] || (cd "$here" && cargo build --release -q)
command -v hugo >/dev/null || { echo "photos-hugo: hugo is not on PATH" >&2; exit 1; }

if [ ! -f "$work/.generated-$size" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  made=/dev/shm/dateline-photos-$count  # bench/photos.sh's photos, when there: the same bytes
  if [ -f "$made/.generated-$size" ]; then
    mkdir -p "$work/dl"
    cp "$made/site/config.toml" "$work/dl/"
    cp -al "$made/site/content" "$work/dl/content"
    rm -rf "$work/dl/content/2024/zz-new"
  else
    python3 "$here/bench/gen_photos.py" site "$work/dl" --count "$count" --size "$size"
  fi
  cat >>"$work/dl/config.toml" <<'EOF'

[images]
widths = [480, 800, 1200]
fallback_widths = [800]
webp_quality = 75
jpeg_quality = 75
EOF
  # the same bundles for Hugo (hard links: the very same bytes)
  mkdir -p "$work/hugo/content" "$work/hugo/layouts"
  cp -al "$work/dl/content/2024" "$work/hugo/content/posts"
  cat >"$work/hugo/hugo.toml" <<'EOF'
baseURL = "https://bench.example.org/"
title = "Photo bench"
disableKinds = ["taxonomy", "term", "rss", "sitemap"]
[imaging]
resampleFilter = "@FILTER@"
quality = 75
EOF
  cat >"$work/hugo/layouts/single.html" <<'EOF'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1>
{{ with .Resources.GetMatch "photo.jpg" }}
{{ $a := .Resize "480x webp q75" }}{{ $b := .Resize "800x webp q75" }}{{ $c := .Resize "1200x webp q75" }}{{ $j := .Resize "800x jpg q75" }}
<picture><source type="image/webp" srcset="{{ $a.RelPermalink }} 480w, {{ $b.RelPermalink }} 800w, {{ $c.RelPermalink }} 1200w"><img src="{{ $j.RelPermalink }}" width="{{ $j.Width }}" height="{{ $j.Height }}" alt=""></picture>
{{ end }}
{{ .Content }}
</body></html>
EOF
  cat >"$work/hugo/layouts/list.html" <<'EOF'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</body></html>
EOF
  touch "$work/.generated-$size"
fi
du -sh "$work/dl/content" | sed 's/^/photos: /'
uptime | sed 's/^.*load/load at start/'

measure() { # label, then the command; prints wall, CPU (user+sys) and peak RSS
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || {
    cat "$work/out.txt" >&2; exit 1; }
  read -r wall user sys rss <"$work/time.txt"
  printf '%-10s wall %7.2f s  (%.3f s a photo)   cpu %7.2f s   peak %6.1f MiB\n' "$label" \
    "$wall" "$(echo "$wall/$count" | bc -l)" "$(echo "$user+$sys" | bc -l)" "$(echo "$rss/1024" | bc -l)"
}

sed -i "s/^resampleFilter = .*/resampleFilter = \"${HUGO_FILTER:-Lanczos}\"/" "$work/hugo/hugo.toml"
grep resampleFilter "$work/hugo/hugo.toml"
for r in $(seq "$rounds"); do
  rm -rf "$work/hugo/resources" "$work/hugo/public" "$work/hugo-cache"
  measure "hugo" hugo --source "$work/hugo" --cacheDir "$work/hugo-cache" --quiet
  rm -rf "$work/dl/.dateline" "$work/dl/output"
  measure "dateline" "$bin" build --root "$work/dl"
done
tail -1 "$work/out.txt"
uptime | sed 's/^.*load/load at end/'
sizes() { find "$1" -name "*.$2" -printf '%s\n' | awk -v n="$3" -v e="$2" '{s+=$1; c++} END {printf "%s %s: %d files, %.1f MB\n", n, e, c, s/1e6}'; }
sizes "$work/hugo/public" webp hugo
sizes "$work/hugo/public" jpg hugo
sizes "$work/dl/output" webp dateline
sizes "$work/dl/output" jpg dateline
