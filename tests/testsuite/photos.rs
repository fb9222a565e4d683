//! Responsive photos through the whole build: variants and `<picture>` markup, orientation,
//! formats, captions and credits, the image cache, and bad input.
//!
//! Photos are made here with the `image` and `jpeg-encoder` crates (gradients, so encoders
//! have something to do), with EXIF spliced in by hand where a test needs it.

use std::io::Cursor;

use crate::support::SiteTest;

const PAGE: &str = "output/2023/02/bakhmut-encirclement/index.html";
const BUNDLE: &str = "content/2023/bakhmut-encirclement";
const OUT: &str = "output/2023/02/bakhmut-encirclement";

/// An RGB gradient photo: red grows to the right, blue downwards.
fn rgb(w: u32, h: u32) -> image::RgbImage {
    image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, 90, (y * 255 / h) as u8])
    })
}

pub(crate) fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut buf = Vec::new();
    jpeg_encoder::Encoder::new(&mut buf, 85)
        .encode(
            rgb(w, h).as_raw(),
            w as u16,
            h as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    buf
}

fn encode(img: image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    img.write_to(&mut buf, format).unwrap();
    buf.into_inner()
}

/// `jpeg` with an EXIF block holding the orientation `o` right after SOI.
fn with_orientation(jpeg: &[u8], o: u8) -> Vec<u8> {
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
    exif.extend_from_slice(&[o, 0, 0, 0, 0, 0, 0, 0]);
    let len = (exif.len() as u16 + 2).to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE1], &len[..], &exif, &jpeg[2..]].concat()
}

/// Makes the bakhmut dispatch's body `body`.
fn dispatch(site: &mut SiteTest, body: &str) {
    site.file(
        &format!("{BUNDLE}/index.md"),
        &format!("+++\ntitle = \"Bakhmut under siege\"\ndate = 2023-02-05T10:00:00+02:00\ncities = [\"Bakhmut\"]\n+++\n\n{body}\n"),
    );
}

fn decoded(site: &SiteTest, rel: &str) -> image::DynamicImage {
    image::load_from_memory(&std::fs::read(site.path(rel)).unwrap())
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The first `<figure>…</figure>` of a page.
fn figure(html: &str) -> &str {
    let start = html.find("<figure>").expect("a figure");
    let end = html[start..].find("</figure>").unwrap() + start + "</figure>".len();
    &html[start..end]
}

#[test]
fn a_photo_becomes_webp_and_jpeg_variants_in_a_picture() {
    let mut site = SiteTest::fixture("basic");
    site.file_bytes(&format!("{BUNDLE}/photo.jpg"), &jpeg(2000, 1000));
    dispatch(
        &mut site,
        "![Smoke over the road](photo.jpg \"Smoke over the Bakhmut road — Photo: Olena K./Dateline\")",
    );
    site.build()
        .success()
        .stdout_contains("1 photos resized (1 processed, 0 from the cache)");
    // WebP at every width; the JPEG fallback at 800 and 1200 only (`fallback_widths`)
    for (w, ext) in [480, 800, 1200, 1600]
        .map(|w| (w, "webp"))
        .into_iter()
        .chain([(800, "jpg"), (1200, "jpg")])
    {
        let img = decoded(&site, &format!("{OUT}/photo.{w}.{ext}"));
        assert_eq!((img.width(), img.height()), (w, w / 2), "photo.{w}.{ext}");
    }
    site.file_missing(&format!("{OUT}/photo.480.jpg"))
        .file_missing(&format!("{OUT}/photo.1600.jpg"));
    site.file_missing(&format!("{OUT}/photo.jpg"));
    site.file_missing(&format!("{OUT}/photo.2000.webp"));
    let html = site.read(PAGE);
    insta::assert_snapshot!("photo_figure", figure(&html));
    // the text-only edition shows the alt text, and no picture at all
    let lite = site.read("output/lite/2023/02/bakhmut-encirclement/index.html");
    assert!(lite.contains("[Image: Smoke over the road]"), "{lite}");
    assert!(!lite.contains("<picture") && !lite.contains("<source") && !lite.contains("<img"));
    // feeds link the 800 px fallback by its absolute URL, without srcset
    let atom = site.read("output/atom.xml");
    assert!(
        atom.contains("https://dateline.example.org/2023/02/bakhmut-encirclement/photo.800.jpg"),
        "{atom}"
    );
    assert!(!atom.contains("srcset") && !atom.contains("&lt;source"));
}

#[test]
fn originals_are_published_when_asked_and_never_upscaled() {
    let mut site = SiteTest::fixture("basic");
    site.file_bytes(&format!("{BUNDLE}/small.jpg"), &jpeg(600, 400));
    dispatch(&mut site, "Text ![A small photo](small.jpg) inline.");
    let config = site.read("config.toml");
    site.file(
        "config.toml",
        &format!("{config}\n[images]\nwidths = [480, 800]\npublish_originals = true\n"),
    );
    site.build().success();
    site.file_exists(&format!("{OUT}/small.jpg"))
        .file_exists(&format!("{OUT}/small.480.webp"))
        .file_exists(&format!("{OUT}/small.600.jpg"))
        .file_missing(&format!("{OUT}/small.800.jpg"));
    let html = site.read(PAGE);
    assert!(
        html.contains("srcset=\"small.480.webp 480w, small.600.webp 600w\""),
        "{html}"
    );
    assert!(!html.contains("<figure>"), "an inline image is no figure");
}

#[test]
fn exif_orientation_turns_the_pixels() {
    let mut site = SiteTest::fixture("basic");
    // 300×200 stored, shown rotated 90° clockwise: 200×300
    site.file_bytes(
        &format!("{BUNDLE}/turned.jpg"),
        &with_orientation(&jpeg(300, 200), 6),
    );
    dispatch(&mut site, "![A turned photo](turned.jpg)");
    site.build().success();
    let img = decoded(&site, &format!("{OUT}/turned.200.jpg")).to_rgb8();
    assert_eq!(img.dimensions(), (200, 300));
    // the stored top row (blue 0) becomes the right column; the stored left (red 0) the top
    let top_right = img.get_pixel(195, 5);
    let top_left = img.get_pixel(5, 5);
    assert!(
        top_left[2] > 200 && top_right[2] < 60,
        "{top_left:?} {top_right:?}"
    );
    assert!(top_left[0] < 60, "{top_left:?}");
    site.file_contains(PAGE, "width=\"200\" height=\"300\"");
    let variant = std::fs::read(site.path(&format!("{OUT}/turned.200.jpg"))).unwrap();
    assert!(
        !variant.windows(4).any(|w| w == b"Exif"),
        "variants carry no metadata"
    );
}

#[test]
fn png_webp_and_16_bit_sources_by_their_bytes() {
    let mut site = SiteTest::fixture("basic");
    let alpha =
        image::RgbaImage::from_fn(500, 250, |x, _| image::Rgba([200, 10, 10, (x % 256) as u8]));
    site.file_bytes(
        &format!("{BUNDLE}/map.png"),
        &encode(alpha.into(), image::ImageFormat::Png),
    );
    let deep = image::DynamicImage::ImageRgb8(rgb(500, 250)).into_rgb16();
    site.file_bytes(
        &format!("{BUNDLE}/deep.dat"),
        &encode(deep.into(), image::ImageFormat::Png),
    );
    site.file_bytes(
        &format!("{BUNDLE}/lossless.webp"),
        &encode(rgb(500, 250).into(), image::ImageFormat::WebP),
    );
    dispatch(
        &mut site,
        "![A map](map.png)\n\n![Deep](deep.dat)\n\n![Lossless](lossless.webp)",
    );
    site.build().success().stdout_contains("3 photos resized");
    // 500 px wide: the fallback is made at the width nearest 800 and 1200, its own
    let map = decoded(&site, &format!("{OUT}/map.500.png"));
    assert!(map.color().has_alpha(), "transparency keeps a PNG fallback");
    assert!(
        decoded(&site, &format!("{OUT}/map.480.webp"))
            .color()
            .has_alpha()
    );
    assert_eq!(decoded(&site, &format!("{OUT}/deep.500.jpg")).width(), 500);
    assert_eq!(
        decoded(&site, &format!("{OUT}/lossless.500.jpg")).width(),
        500
    );
    site.file_missing(&format!("{OUT}/map.500.jpg"))
        .file_missing(&format!("{OUT}/lossless.480.jpg"));
}

#[test]
fn a_rebuild_or_a_new_dispatch_encodes_nothing() {
    let mut site = SiteTest::fixture("basic");
    let photo = jpeg(1000, 600);
    site.file_bytes(&format!("{BUNDLE}/photo.jpg"), &photo);
    dispatch(&mut site, "![Smoke](photo.jpg)");
    site.build()
        .success()
        .stdout_contains("(1 processed, 0 from the cache)");
    let cache = site.path(".dateline/images");
    let entries = || std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(entries(), 1);
    // the same bytes under another name in a new dispatch come from the cache
    site.file_bytes("content/2024/lviv/same.jpg", &photo);
    site.file(
        "content/2024/lviv/index.md",
        "+++\ntitle = \"Lviv station\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Lviv\"]\n+++\n\n![The same smoke](same.jpg)\n",
    );
    site.build()
        .success()
        .stdout_contains("2 photos resized (0 processed, 2 from the cache)");
    site.file_exists("output/2024/03/lviv/same.800.webp");
    // a setting the pixels depend on makes new variants; the old entry is pruned
    let config = site.read("config.toml");
    site.file(
        "config.toml",
        &format!("{config}\n[images]\nwebp_quality = 50\n"),
    );
    site.build()
        .success()
        .stdout_contains("(1 processed, 1 from the cache)");
    assert_eq!(entries(), 1);
}

/// Builds a good site, then adds `name` with `bytes` shown by the dispatch: the build must
/// fail naming the file and leave the output as it was.
fn refused(name: &str, bytes: &[u8], message: &str) {
    let mut site = SiteTest::fixture("basic");
    site.build().success();
    let before = site.snapshot_of_output_dir();
    site.file_bytes(&format!("{BUNDLE}/{name}"), bytes);
    dispatch(&mut site, &format!("![Bad input]({name})"));
    site.build()
        .failure()
        .stderr_contains(&format!("{BUNDLE}/{name}: error: {message}"));
    assert!(
        before == site.snapshot_of_output_dir(),
        "{name}: the output must be untouched"
    );
}

#[test]
fn bad_images_are_errors_that_leave_the_output_untouched() {
    let good = jpeg(400, 300);
    refused("empty.jpg", b"", "this image is empty (0 bytes)");
    refused(
        "cut.jpg",
        &good[..good.len() / 2],
        "not a valid JPEG: the file is cut short",
    );
    let mut garbage = good[..200].to_vec();
    garbage.extend(std::iter::repeat_n(0x55, 4000));
    refused("garbage.jpg", &garbage, "this JPEG cannot be read");
    let mut bomb = jpeg(16, 16);
    let sof = bomb.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bomb[sof + 5..sof + 9].copy_from_slice(&[0xC3, 0x50, 0xC3, 0x50]);
    refused(
        "bomb.jpg",
        &bomb,
        "this image declares a size of 50000×50000 pixels",
    );
}

#[test]
fn cmyk_jpegs_become_rgb_variants() {
    let mut site = SiteTest::fixture("basic");
    let mut cmyk = Vec::new();
    let px: Vec<u8> = (0..400 * 300)
        .flat_map(|i| [(i % 200) as u8, 40, 0, 10])
        .collect();
    jpeg_encoder::Encoder::new(&mut cmyk, 85)
        .encode(&px, 400, 300, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    site.file_bytes(&format!("{BUNDLE}/print.jpg"), &cmyk);
    dispatch(&mut site, "![From the print desk](print.jpg)");
    site.build().success();
    let img = decoded(&site, &format!("{OUT}/print.400.jpg"));
    assert_eq!((img.width(), img.height()), (400, 300));
}

/// A 2×1 animated GIF (two frames).
fn animated_gif() -> Vec<u8> {
    let mut v = b"GIF89a\x02\0\x01\0\x80\0\0\0\0\0\xff\xff\xff".to_vec();
    v.extend_from_slice(b"\x21\xff\x0bNETSCAPE2.0\x03\x01\0\0\0");
    for _ in 0..2 {
        v.extend_from_slice(b"\x21\xf9\x04\0\x0a\0\0\0");
        v.extend_from_slice(b"\x2c\0\0\0\0\x02\0\x01\0\0\x02\x02\x44\x01\0");
    }
    v.push(0x3b);
    v
}

/// A 1×1 animated WebP: VP8X with the animation flag, ANIM, one ANMF frame (lossless).
fn animated_webp() -> Vec<u8> {
    let chunk = |id: &[u8], data: &[u8]| {
        let mut c = id.to_vec();
        c.extend_from_slice(&(data.len() as u32).to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let vp8l = chunk(b"VP8L", b"\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07");
    let anmf = [&[0u8; 12][..], &[100, 0, 0, 0], &vp8l].concat();
    let body = [
        &b"WEBP"[..],
        &chunk(b"VP8X", &[0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        &chunk(b"ANIM", &[0, 0, 0, 0, 0, 0]),
        &chunk(b"ANMF", &anmf),
    ]
    .concat();
    [&b"RIFF"[..], &(body.len() as u32).to_le_bytes(), &body].concat()
}

#[test]
fn animations_are_published_as_they_are() {
    let mut site = SiteTest::fixture("basic");
    site.file_bytes(&format!("{BUNDLE}/loop.gif"), &animated_gif());
    site.file_bytes(&format!("{BUNDLE}/loop.webp"), &animated_webp());
    dispatch(&mut site, "![A loop](loop.gif)\n\n![Another](loop.webp)");
    site.build().success();
    site.file_exists(&format!("{OUT}/loop.gif"))
        .file_exists(&format!("{OUT}/loop.webp"))
        .file_missing(&format!("{OUT}/loop.2.webp"))
        .file_contains(PAGE, "<img src=\"loop.gif\" width=\"2\" height=\"1\"")
        .file_contains(PAGE, "<img src=\"loop.webp\" width=\"1\" height=\"1\"");
}

#[test]
fn captions_and_credits() {
    let mut site = SiteTest::fixture("basic");
    site.file_bytes(&format!("{BUNDLE}/a.jpg"), &jpeg(300, 200));
    dispatch(
        &mut site,
        "![One](a.jpg \"Just a caption\")\n\n![Two](a.jpg \"— Photo: Only/Credit\")\n\n![Three](a.jpg)",
    );
    site.build().success();
    let html = site.read(PAGE);
    assert!(
        html.contains("<figcaption>Just a caption</figcaption>"),
        "{html}"
    );
    assert!(
        html.contains("<figcaption><span class=\"credit\">Photo: Only/Credit</span></figcaption>"),
        "{html}"
    );
    assert!(
        html.contains("alt=\"Three\" loading=\"lazy\" decoding=\"async\"></picture></figure>"),
        "{html}"
    );
    let css = site.read(&format!("output/{}", site.stylesheet()));
    assert!(css.contains(".credit{"), "the theme styles credits");
}

#[test]
fn a_lead_photo_leads_the_page_and_is_shared_at_1200_px() {
    let mut site = SiteTest::fixture("basic");
    site.file_bytes(&format!("{BUNDLE}/lead.jpg"), &jpeg(2400, 1600));
    site.file(
        &format!("{BUNDLE}/index.md"),
        "+++\ntitle = \"Bakhmut under siege\"\ndate = 2023-02-05T10:00:00+02:00\ncities = [\"Bakhmut\"]\nimage = \"lead.jpg\"\nimage_alt = \"The road into Bakhmut\"\nimage_caption = \"The last road in — Photo: Olena K./Dateline\"\n+++\n\nThe town is quiet.\n",
    );
    site.build().success();
    let html = site.read(PAGE);
    let url = "https://dateline.example.org/2023/02/bakhmut-encirclement/lead.1200.jpg";
    assert!(
        html.contains(&format!("<meta property=\"og:image\" content=\"{url}\">")),
        "{html}"
    );
    assert!(html.contains(&format!("<meta name=\"twitter:image\" content=\"{url}\">")));
    assert!(
        html.contains(&format!("\"image\":\"{url}\"")),
        "JSON-LD image"
    );
    let body = &html[html.find("<div class=\"body\">").unwrap()..];
    assert!(body.contains("<figure class=\"lead\"><picture>"), "{body}");
    let lead = body.find("<figure class=\"lead\">").unwrap();
    assert!(
        lead < body.find("The town is quiet").unwrap(),
        "the lead photo comes first"
    );
    assert!(html.contains("<span class=\"credit\">Photo: Olena K./Dateline</span>"));
    let atom = site.read("output/atom.xml");
    assert!(
        atom.contains("https://dateline.example.org/2023/02/bakhmut-encirclement/lead.800.jpg")
    );
    let lite = site.read("output/lite/2023/02/bakhmut-encirclement/index.html");
    assert!(
        !lite.contains("lead.") && !lite.contains("<img"),
        "the lite edition has no photo"
    );
    // alt text and caption need the photo
    site.file(
        &format!("{BUNDLE}/index.md"),
        "+++\ntitle = \"Bakhmut under siege\"\ndate = 2023-02-05T10:00:00+02:00\nimage_alt = \"x\"\n+++\n\nText.\n",
    );
    site.build()
        .failure()
        .stderr_contains("`image_alt` and `image_caption` describe the lead photo");
}
