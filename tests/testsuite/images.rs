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
        &format!("{config}\nstrip_image_metadata = false\n"),
    );
    site.build().failure().stderr_contains(
        "content/2023/bakhmut-encirclement/road.jpg: error: this image carries GPS coordinates",
    );
    assert!(!site.exists("output/index.html"), "nothing is published");
    site.file(
        "config.toml",
        &format!(
            "{config}\nstrip_image_metadata = false\nimage_metadata_allow = [\"content/2023/bakhmut-encirclement/road.jpg\", \"static/badge.png\"]\n"
        ),
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
