#!/usr/bin/env python3
"""Makes plausible camera photos (sky, horizon, ruined buildings, smoke, sensor noise) with an
EXIF block holding a camera model and a GPS position, reproducibly from a seed.

    gen_photos.py photo OUT.jpg --seed 1 [--size 2400x1600] [--quality 80] [--orientation 1]
    gen_photos.py site DIR --count 100 [--size 3000x2000]   # a site: one dispatch per photo

Needs Pillow (pip install pillow). Used for the bundled blog's photos and by bench/photos.sh.
"""
import argparse
import os
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter


def photo(seed, w, h):
    rnd = random.Random(seed)
    horizon = int(h * rnd.uniform(0.45, 0.65))
    sky_top = tuple(rnd.randint(90, 150) for _ in range(3))
    sky_low = tuple(min(255, c + rnd.randint(40, 90)) for c in sky_top)
    ground = (rnd.randint(70, 110), rnd.randint(60, 90), rnd.randint(40, 70))
    # vertical gradient, drawn at a tenth of the size and scaled up (smooth, fast)
    small = Image.new("RGB", (max(1, w // 10), max(1, h // 10)))
    d = ImageDraw.Draw(small)
    sh, hz = small.size[1], horizon // 10
    for y in range(sh):
        if y < hz:
            t = y / max(1, hz)
            c = tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_low))
        else:
            t = (y - hz) / max(1, sh - hz)
            c = tuple(int(g * (1 - 0.4 * t)) for g in ground)
        d.line([(0, y), (small.size[0], y)], fill=c)
    img = small.resize((w, h), Image.BILINEAR)
    d = ImageDraw.Draw(img)
    # buildings along the horizon, some broken
    x = 0
    while x < w:
        bw = rnd.randint(w // 40, w // 10)
        bh = rnd.randint(h // 20, h // 4)
        shade = rnd.randint(35, 80)
        top = horizon - bh
        pts = [(x, horizon), (x, top), (x + bw, top + rnd.randint(0, bh // 2)), (x + bw, horizon)]
        d.polygon(pts, fill=(shade, shade - 5, shade - 10))
        for _ in range(rnd.randint(0, 8)):
            wx, wy = rnd.randint(x, x + bw), rnd.randint(top, horizon)
            d.rectangle([wx, wy, wx + w // 200, wy + h // 150], fill=(20, 18, 16))
        x += bw + rnd.randint(0, w // 30)
    # smoke
    smoke = Image.new("L", (w // 8, h // 8), 0)
    sd = ImageDraw.Draw(smoke)
    cx = rnd.randint(0, smoke.size[0])
    for i in range(40):
        r = rnd.randint(3, smoke.size[1] // 6)
        y = horizon // 8 - i * smoke.size[1] // 60
        cx += rnd.randint(-4, 6)
        sd.ellipse([cx - r, y - r, cx + r, y + r], fill=rnd.randint(80, 200))
    smoke = smoke.filter(ImageFilter.GaussianBlur(6)).resize((w, h), Image.BILINEAR)
    img = Image.composite(Image.new("RGB", (w, h), (120, 118, 115)), img, smoke)
    # road
    d = ImageDraw.Draw(img)
    d.polygon([(w * 0.45, horizon), (w * 0.55, horizon), (w * 0.9, h), (w * 0.1, h)], fill=(68, 66, 62))
    # sensor noise: fine grain, as a camera at ISO 800 gives
    noise = Image.effect_noise((w, h), 14).convert("RGB")
    img = ImageChops.add(img, noise, scale=1.0, offset=-128)
    return img


def exif_for(img, seed, orientation):
    rnd = random.Random(seed)
    exif = img.getexif()
    exif[0x010F] = "FieldCam"  # Make
    exif[0x0110] = "FC-24 Mark II"  # Model
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    lat, lon = 48.0 + rnd.random(), 37.0 + rnd.random()

    def dms(v):
        deg = int(v)
        mins = (v - deg) * 60
        return (float(deg), float(int(mins)), round((mins - int(mins)) * 60, 2))

    gps[1], gps[2] = "N", dms(lat)
    gps[3], gps[4] = "E", dms(lon)
    return exif


def save(path, seed, w, h, quality, orientation=1):
    img = photo(seed, w, h)
    img.save(path, "JPEG", quality=quality, exif=exif_for(img, seed, orientation))


def site(root, count, w, h, quality):
    content = os.path.join(root, "content")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "config.toml"), "w") as f:
        f.write('title = "Photo bench"\nbase_url = "https://bench.example.org"\n')
    for i in range(count):
        folder = os.path.join(content, "2024", f"photo-{i:04d}")
        os.makedirs(folder, exist_ok=True)
        save(os.path.join(folder, "photo.jpg"), i, w, h, quality)
        day = 1 + i % 28
        with open(os.path.join(folder, "index.md"), "w") as f:
            f.write(
                f'+++\ntitle = "Photo dispatch {i}"\ndate = 2024-03-{day:02d}T10:00:00+02:00\n'
                f'cities = ["Kharkiv"]\n+++\n\nThe shelling went on through the night.\n\n'
                f'![Smoke over the city, view {i}](photo.jpg "Smoke over the city — Photo: Bench/Dateline")\n'
            )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["photo", "site"])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--size", default="3000x2000")
    ap.add_argument("--quality", type=int, default=88)
    ap.add_argument("--orientation", type=int, default=1)
    a = ap.parse_args()
    w, h = (int(v) for v in a.size.split("x"))
    if a.mode == "photo":
        save(a.out, a.seed, w, h, a.quality, a.orientation)
    else:
        site(a.out, a.count, w, h, a.quality)


if __name__ == "__main__":
    main()
