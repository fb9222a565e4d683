//! Tests of image cleaning: what each format keeps and drops, refused and broken files, hostile
//! EXIF, kinds by extension.

use super::*;
use img_parts::riff::RiffChunk;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const IHDR_2X1: &[u8] = b"\0\0\0\x02\0\0\0\x01\x08\0\0\0\0";
/// zlib stream of one unfiltered row of two black greyscale pixels.
const IDAT_2X1: &[u8] = b"\x78\x01\x01\x03\0\xfc\xff\0\0\0\0\x03\0\x01";
/// A 1x1 lossless WebP bitstream.
const VP8L: &[u8] = b"\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07";
const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta exif:GPSLatitude='50,0N'/>";
const ALL: ImageReport = ImageReport {
    had_gps: true,
    had_metadata: true,
    stripped: true,
};

/// A little-endian TIFF block with an orientation and a GPS IFD pointer in IFD0.
fn gps_exif(orientation: u8) -> Vec<u8> {
    let mut v = b"II*\0\x08\0\0\0\x02\0\x12\x01\x03\0\x01\0\0\0".to_vec();
    v.extend_from_slice(&[orientation, 0, 0, 0]);
    v.extend_from_slice(b"\x25\x88\x04\0\x01\0\0\0\x26\0\0\0\0\0\0\0\0\0");
    v
}

fn seg(marker: u8, contents: &[u8]) -> Vec<u8> {
    let len = (contents.len() as u16 + 2).to_be_bytes();
    [&[0xFF, marker], &len[..], contents].concat()
}

/// A valid baseline 2x1 greyscale JPEG (one 8x8 block) with `extra` segments after JFIF.
fn jpeg(extra: &[Vec<u8>]) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8];
    v.extend(seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    extra.iter().for_each(|s| v.extend_from_slice(s));
    v.extend(seg(0xDB, &[[0u8].as_slice(), &[1; 64]].concat()));
    v.extend(seg(0xC0, &[8, 0, 1, 0, 2, 1, 1, 0x11, 0]));
    // DC and AC tables with a single 1-bit code each: category 0 and end-of-block
    v.extend(seg(0xC4, &[&[0x00, 1][..], &[0; 16]].concat()));
    v.extend(seg(0xC4, &[&[0x10, 1][..], &[0; 16]].concat()));
    v.extend(seg(0xDA, &[1, 1, 0, 0, 63, 0]));
    v.extend_from_slice(&[0x3F, 0xFF, 0xD9]);
    v
}

fn app1_exif(orientation: u8) -> Vec<u8> {
    seg(0xE1, &[EXIF_PREFIX, &gps_exif(orientation)].concat())
}

/// The bytes from the last SOS marker to the end.
fn scan(b: &[u8]) -> &[u8] {
    &b[b.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap()..]
}

fn png_fixture(exif: &[u8]) -> Vec<u8> {
    let itxt = [b"XML:com.adobe.xmp\0\0\0\0\0", XMP].concat();
    let chunks = [
        (b"IHDR", IHDR_2X1),
        (b"eXIf", exif),
        (b"tEXt", b"Comment\0Kharkiv"),
    ];
    let chunks = chunks
        .into_iter()
        .chain([(b"iTXt", &itxt[..]), (b"IDAT", IDAT_2X1)]);
    let mut png = Png::from_bytes(Bytes::from_static(PNG_SIGNATURE)).unwrap();
    for (kind, data) in chunks.chain([(b"IEND", &b""[..])]) {
        png.chunks_mut()
            .push(PngChunk::new(*kind, Bytes::copy_from_slice(data)));
    }
    png.encoder().bytes().to_vec()
}

fn webp_fixture() -> Vec<u8> {
    let flags = b"\x3c\0\0\0\0\0\0\0\0\0"; // ICC, alpha, EXIF, XMP; 1x1 canvas
    let chunks = [(b"VP8X", &flags[..]), (b"ICCP", b"icc"), (b"VP8L", VP8L)];
    let exif = gps_exif(1);
    let chunks = chunks
        .into_iter()
        .chain([(b"EXIF", &exif[..]), (b"XMP ", XMP)]);
    let data = |d: &[u8]| RiffContent::Data(Bytes::copy_from_slice(d));
    let subchunks = chunks.map(|(id, d)| RiffChunk::new(*id, data(d))).collect();
    let list = RiffContent::List {
        kind: Some(*b"WEBP"),
        subchunks,
    };
    RiffChunk::new(*b"RIFF", list).encoder().bytes().to_vec()
}

#[test]
fn jpeg_keeps_orientation_and_scan_drops_the_rest() {
    let app13 = seg(0xED, b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\0");
    let input = jpeg(&[app1_exif(6), seg(0xE1, XMP), app13, seg(0xFE, b"Kharkiv")]);
    assert!(has_gps(Kind::Jpeg, &input));
    assert_eq!(dimensions(Kind::Jpeg, &input), Some((1, 2)));

    let (out, report) = clean(Kind::Jpeg, input.clone()).unwrap();
    assert_eq!(report, ALL);
    assert!(!has_gps(Kind::Jpeg, &out));
    let parsed = Jpeg::from_bytes(out.clone().into()).unwrap();
    assert_eq!(parsed.exif(), Some(orientation_exif(6)));
    assert_eq!(orientation(&parsed.exif().unwrap()), Some(6));
    let kept: Vec<u8> = parsed.segments().iter().map(JpegSegment::marker).collect();
    assert_eq!(kept, [0xE0, 0xE1, 0xDB, 0xC0, 0xC4, 0xC4, 0xDA]);
    assert_eq!(scan(&out), scan(&input));
    for gone in [&b"Kharkiv"[..], b"xap/1.0", b"Photoshop", b"II*\0"] {
        assert!(find(&out, gone).next().is_none());
    }
    assert_eq!(dimensions(Kind::Jpeg, &out), Some((1, 2)));
}

#[test]
fn jpeg_orientation_1_drops_exif_and_trailing_images() {
    let first = jpeg(&[app1_exif(1)]);
    // a second image after EOI, as in MPF files, with its own GPS
    let input = [first.clone(), jpeg(&[app1_exif(3)])].concat();
    let (out, report) = clean(Kind::Jpeg, input).unwrap();
    assert_eq!(report, ALL);
    assert_eq!(out, jpeg(&[]));
    assert_eq!(scan(&out), scan(&first));
    let clean_again = clean(Kind::Jpeg, out.clone()).unwrap();
    assert_eq!(clean_again, (out, ImageReport::default()));
}

#[test]
fn jpeg_drops_jfif_thumbnail_and_segments_between_scans() {
    let base = jpeg(&[]);
    let thumb = seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\x01\x01\x10\x20\x30");
    let (head, eoi) = (&base[20..base.len() - 2], &base[base.len() - 2..]);
    let input = [&base[..2], &thumb, head, &seg(0xFE, b"later"), eoi].concat();
    let (out, report) = clean(Kind::Jpeg, input).unwrap();
    assert!(report.had_metadata && report.stripped && !report.had_gps);
    assert_eq!(out, base);
}

#[test]
fn png_drops_text_and_exif_keeps_idat() {
    let input = png_fixture(&gps_exif(1));
    assert!(has_gps(Kind::Png, &input));
    let (out, report) = clean(Kind::Png, input).unwrap();
    assert_eq!(report, ALL);
    assert!(!has_gps(Kind::Png, &out));
    let parsed = Png::from_bytes(out.clone().into()).unwrap();
    let kinds: Vec<[u8; 4]> = parsed.chunks().iter().map(PngChunk::kind).collect();
    assert_eq!(kinds, [*b"IHDR", *b"IDAT", *b"IEND"]);
    assert_eq!(parsed.chunk_by_type(*b"IDAT").unwrap().contents(), IDAT_2X1);
    assert_eq!(dimensions(Kind::Png, &out), Some((2, 1)));

    let (out, _) = clean(Kind::Png, png_fixture(&gps_exif(8))).unwrap();
    let exif = Png::from_bytes(out.clone().into()).unwrap().exif();
    assert_eq!(exif, Some(orientation_exif(8)));
    assert_eq!(dimensions(Kind::Png, &out), Some((1, 2)));
}

#[test]
fn webp_drops_exif_xmp_and_their_flags() {
    let input = webp_fixture();
    assert!(has_gps(Kind::Webp, &input));
    let (out, report) = clean(Kind::Webp, input).unwrap();
    assert_eq!(report, ALL);
    assert!(!has_gps(Kind::Webp, &out));
    let parsed = WebP::from_bytes(out.into()).unwrap();
    let ids: Vec<[u8; 4]> = parsed.chunks().iter().map(|c| c.id()).collect();
    assert_eq!(ids, [*b"VP8X", *b"ICCP", *b"VP8L"]);
    let data = |id| {
        parsed
            .chunk_by_id(id)
            .unwrap()
            .content()
            .data()
            .unwrap()
            .clone()
    };
    assert_eq!(
        data(*b"VP8X")[0],
        0x30,
        "only the ICC and alpha flags are left"
    );
    assert_eq!(data(*b"VP8L"), VP8L);
}

#[test]
fn tiff_and_heic_are_refused() {
    let tiff_file = gps_exif(1);
    assert!(has_gps(Kind::Tiff, &tiff_file));
    for kind in [Kind::Tiff, Kind::Heic] {
        let err = clean(kind, tiff_file.clone()).unwrap_err();
        assert!(
            err.contains("export the photo as JPEG, PNG or WebP"),
            "{err}"
        );
        assert_eq!(dimensions(kind, &tiff_file), None);
    }
}

#[test]
fn broken_files_are_rejected_without_panic() {
    let kinds = [Kind::Jpeg, Kind::Png, Kind::Webp, Kind::Tiff, Kind::Heic];
    let fixtures = [jpeg(&[]), png_fixture(b""), webp_fixture()];
    for (kind, full) in kinds.into_iter().zip(fixtures) {
        for n in 0..full.len() {
            let err = clean(kind, full[..n].to_vec()).unwrap_err();
            assert!(err.starts_with("not a valid") && err.ends_with("; re-export it"));
            dimensions(kind, &full[..n]);
        }
    }
    let garbage: Vec<u8> = (0..3000u64)
        .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8)
        .collect();
    for prefix in [
        &b""[..],
        b"\xFF\xD8\xFF",
        PNG_SIGNATURE,
        b"RIFF\x10\0\0\0WEBP",
        b"Exif\0\0MM\0*",
    ] {
        for n in (0..garbage.len()).step_by(13) {
            let bytes = [prefix, &garbage[..n]].concat();
            for kind in kinds {
                assert!(!has_gps(kind, &bytes));
                assert!(clean(kind, bytes.clone()).is_err());
                dimensions(kind, &bytes);
            }
        }
    }
}

#[test]
fn hostile_exif_is_bounded() {
    let cases: [(&[u8], Option<u16>, bool); 8] = [
        (b"II*\0\xff\xff\xff\xff", None, false),
        (b"MM\0*\x7f\xff\xff\xf8\0\0", None, false),
        (b"MM\0*\0\0\0\0", None, false),
        (b"MM\0*\0\0\0\x08\xff\xff\x88\x25", None, true),
        (b"Exif\0\0II*\0\x08\0\0\0\x01\0\x25\x88", None, true),
        (
            b"II*\0\x08\0\0\0\xff\xff\x12\x01\x03\0\x01\0\0\0\x06\0",
            Some(6),
            false,
        ),
        (
            b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x09\0",
            None,
            false,
        ),
        (
            b"II*\0\x08\0\0\0\x01\0\x12\x01\x04\0\x01\0\0\0\x06\0",
            None,
            false,
        ),
    ];
    for (bytes, rotation, gps) in cases {
        assert_eq!(
            (orientation(bytes), tiff_has_gps(bytes)),
            (rotation, gps),
            "{bytes:?}"
        );
    }
    assert_eq!(orientation(&orientation_exif(3)), Some(3));
}

#[test]
fn kind_by_extension() {
    let kinds = |names: &[&str]| names.iter().map(|n| kind(Path::new(n))).collect::<Vec<_>>();
    assert_eq!(kinds(&["a/B.JPG", "b.jpeg"]), [Some(Kind::Jpeg); 2]);
    assert_eq!(
        kinds(&["c.Png", "d.webp"]),
        [Some(Kind::Png), Some(Kind::Webp)]
    );
    assert_eq!(kinds(&["e.tif", "f.TIFF"]), [Some(Kind::Tiff); 2]);
    assert_eq!(kinds(&["g.heic", "h.HEIF"]), [Some(Kind::Heic); 2]);
    assert_eq!(kinds(&["i.css", "jpg", "k"]), [None; 3]);
}
