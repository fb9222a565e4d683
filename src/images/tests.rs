//! Tests of image cleaning: what each format keeps and drops, refused and broken files, hostile
//! EXIF, formats by their bytes whatever the name, GPS in compressed PNG text and XMP.

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

/// A 1x1 GIF89a with a graphic control and a looping extension (kept), a comment and an XMP
/// application extension with GPS (dropped), and bytes after the trailer (dropped).
fn gif_fixture() -> Vec<u8> {
    let mut v = b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff".to_vec();
    v.extend_from_slice(b"\x21\xf9\x04\0\x0a\0\0\0");
    v.extend_from_slice(b"\x21\xff\x0bNETSCAPE2.0\x03\x01\0\0\0");
    v.extend_from_slice(b"\x21\xfe\x07Kharkiv\0");
    // XMP in GIF: raw packet bytes read as sub-blocks, then a terminator
    v.extend_from_slice(b"\x21\xff\x0bXMP DataXMP\x1d<x exif:GPSLatitude='50,0N'/>\0");
    v.extend_from_slice(&gif_frame());
    v.extend_from_slice(b"\x3bappended");
    v
}

/// An image descriptor for one pixel and its LZW data.
fn gif_frame() -> Vec<u8> {
    b"\x2c\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0".to_vec()
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
    assert!(has_gps(&input));
    assert_eq!(dimensions(&input), Some((1, 2)));

    let (out, report) = clean(Kind::Jpeg, input.clone()).unwrap();
    assert_eq!(report, ALL);
    assert!(!has_gps(&out));
    let parsed = Jpeg::from_bytes(out.clone().into()).unwrap();
    assert_eq!(parsed.exif(), Some(orientation_exif(6)));
    assert_eq!(orientation(&parsed.exif().unwrap()), Some(6));
    let kept: Vec<u8> = parsed.segments().iter().map(JpegSegment::marker).collect();
    assert_eq!(kept, [0xE0, 0xE1, 0xDB, 0xC0, 0xC4, 0xC4, 0xDA]);
    assert_eq!(scan(&out), scan(&input));
    for gone in [&b"Kharkiv"[..], b"xap/1.0", b"Photoshop", b"II*\0"] {
        assert!(find(&out, gone).next().is_none());
    }
    assert_eq!(dimensions(&out), Some((1, 2)));
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
    assert!(has_gps(&input));
    let (out, report) = clean(Kind::Png, input).unwrap();
    assert_eq!(report, ALL);
    assert!(!has_gps(&out));
    let parsed = Png::from_bytes(out.clone().into()).unwrap();
    let kinds: Vec<[u8; 4]> = parsed.chunks().iter().map(PngChunk::kind).collect();
    assert_eq!(kinds, [*b"IHDR", *b"IDAT", *b"IEND"]);
    assert_eq!(parsed.chunk_by_type(*b"IDAT").unwrap().contents(), IDAT_2X1);
    assert_eq!(dimensions(&out), Some((2, 1)));

    let (out, _) = clean(Kind::Png, png_fixture(&gps_exif(8))).unwrap();
    let exif = Png::from_bytes(out.clone().into()).unwrap().exif();
    assert_eq!(exif, Some(orientation_exif(8)));
    assert_eq!(dimensions(&out), Some((1, 2)));
}

#[test]
fn webp_drops_exif_xmp_and_their_flags() {
    let input = webp_fixture();
    assert!(has_gps(&input));
    let (out, report) = clean(Kind::Webp, input).unwrap();
    assert_eq!(report, ALL);
    assert!(!has_gps(&out));
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
fn broken_files_are_rejected_without_panic() {
    let kinds = [Kind::Jpeg, Kind::Png, Kind::Webp, Kind::Gif];
    let gif = gif_fixture();
    let gif = gif[..gif.len() - b"appended".len()].to_vec();
    let fixtures = [jpeg(&[]), png_fixture(b""), webp_fixture(), gif];
    for (kind, full) in kinds.into_iter().zip(fixtures) {
        for n in 0..full.len() {
            let err = clean(kind, full[..n].to_vec()).unwrap_err();
            assert!(err.starts_with("not a valid") && err.ends_with("; re-export it"));
            dimensions(&full[..n]);
            identify(&full[..n]);
            has_gps(&full[..n]);
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
        b"GIF89a",
        b"\x89PNG\r\n\x1a\n\0\0\0\x40zTXtRaw profile type exif\0\0",
    ] {
        for n in (0..garbage.len()).step_by(13) {
            let bytes = [prefix, &garbage[..n]].concat();
            assert!(!has_gps(&bytes));
            for kind in kinds {
                assert!(clean(kind, bytes.clone()).is_err());
            }
            dimensions(&bytes);
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
fn gif_drops_comments_xmp_and_trailing_bytes() {
    let input = gif_fixture();
    assert_eq!(identify(&input), Some(Kind::Gif));
    assert!(has_gps(&input));
    assert_eq!(dimensions(&input), Some((1, 1)));
    let (out, report) = clean(Kind::Gif, input).unwrap();
    assert_eq!(report, ALL);
    let header = b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff";
    let expected = [
        &header[..],
        b"\x21\xf9\x04\0\x0a\0\0\0",
        b"\x21\xff\x0bNETSCAPE2.0\x03\x01\0\0\0",
        &gif_frame(),
        b"\x3b",
    ]
    .concat();
    assert_eq!(out, expected);
    assert_eq!(
        clean(Kind::Gif, out.clone()).unwrap().1,
        ImageReport::default()
    );
    // a looping extension with extra sub-blocks could hide data: dropped
    let sneaky = [
        &header[..],
        b"\x21\xff\x0bNETSCAPE2.0\x03\x01\0\0\x05hello\0",
        &gif_frame(),
        b"\x3b",
    ]
    .concat();
    let (out, report) = clean(Kind::Gif, sneaky).unwrap();
    assert!(report.had_metadata && find(&out, b"hello").next().is_none());
}

/// A GPS-tagged JPEG is a JPEG whatever it is called: identification never sees the name, so
/// this checks the bytes that `.jfif`, `.jpe`, `.txt` or extension-less files hold.
#[test]
fn formats_are_known_by_their_bytes() {
    let photo = jpeg(&[app1_exif(1)]);
    assert_eq!(identify(&photo), Some(Kind::Jpeg));
    assert_eq!(identify(&png_fixture(b"")), Some(Kind::Png));
    assert_eq!(identify(&webp_fixture()), Some(Kind::Webp));
    let unstrippable = [
        (&b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"[..], "AVIF"),
        (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "HEIC/HEIF"),
        (b"\0\0\0\x18ftypmif1\0\0\0\0mif1miaf", "HEIC/HEIF"),
        (b"\0\0\0\x18ftypcrx \0\0\0\x01crx isom", "TIFF/camera raw"),
        (b"II*\0\x08\0\0\0\x01\0\xfe\0\x04\0", "TIFF/camera raw"), // DNG/NEF/ARW: TIFF
        (b"MM\0*\0\0\0\x08", "TIFF/camera raw"),
        (b"II*\0\x10\0\0\0CR\x02\0", "TIFF/camera raw"),
        (b"IIRO\x08\0\0\0\x18\0", "TIFF/camera raw"),
        (b"IIRS\x08\0\0\0", "TIFF/camera raw"),
        (b"IIU\0\x08\0\0\0", "TIFF/camera raw"),
        (b"FUJIFILMCCD-RAW 0201", "TIFF/camera raw"),
        (b"\0\0\0\x0cJXL \r\n\x87\n", "JPEG XL"),
        (b"\xff\n\xfa\x7f", "JPEG XL"),
        (b"8BPS\0\x01\0\0\0\0\0\0", "Photoshop (PSD)"),
    ];
    for (bytes, name) in unstrippable {
        let kind = identify(bytes);
        assert!(matches!(kind, Some(Kind::Unstrippable(_))), "{bytes:?}");
        assert_eq!(kind.map(Kind::name).as_deref(), Some(name), "{bytes:?}");
    }
    for plain in [
        &b"body { color: red }"[..],
        b"<!doctype html>",
        b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0",
        b"\0\0\x01\0\x01\0",
        b"",
        b"II",
    ] {
        assert_eq!(identify(plain), None, "{plain:?}");
    }
}

#[test]
fn prepare_cleans_refuses_or_passes_by_content() {
    let strip = Policy {
        strip: true,
        allowed: false,
    };
    let (out, cleaned) = prepare(jpeg(&[app1_exif(1)]), strip).unwrap();
    assert!(cleaned && !has_gps(&out));
    assert_eq!(
        prepare(b"a { }".to_vec(), strip).unwrap(),
        (b"a { }".to_vec(), false)
    );
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    let err = prepare(heic.clone(), strip).unwrap_err();
    assert!(
        err.starts_with("this file is in HEIC/HEIF format, which can carry GPS"),
        "{err}"
    );
    let allowed = Policy {
        allowed: true,
        ..strip
    };
    assert_eq!(prepare(heic.clone(), allowed).unwrap(), (heic, false));
    let keep = Policy {
        strip: false,
        allowed: false,
    };
    let err = prepare(jpeg(&[app1_exif(1)]), keep).unwrap_err();
    assert!(err.contains("carries GPS coordinates"), "{err}");
    let photo = jpeg(&[app1_exif(1)]);
    let allowed = Policy {
        allowed: true,
        ..keep
    };
    assert_eq!(prepare(photo.clone(), allowed).unwrap(), (photo, false));
}

/// A PNG with one text chunk after IHDR and IDAT.
fn png_with(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut png = Png::from_bytes(Bytes::from_static(PNG_SIGNATURE)).unwrap();
    for (kind, data) in [
        (b"IHDR", IHDR_2X1),
        (kind, data),
        (b"IDAT", IDAT_2X1),
        (b"IEND", b""),
    ] {
        png.chunks_mut()
            .push(PngChunk::new(*kind, Bytes::copy_from_slice(data)));
    }
    png.encoder().bytes().to_vec()
}

fn zlib(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

#[test]
fn gps_in_compressed_png_text_is_found() {
    // with the padding XMP packets carry, so zlib compresses rather than stores the text
    let xmp = format!(
        "<x:xmpmeta><rdf:Description exif:GPSLongitude='36,15E'/></x:xmpmeta>{}",
        " ".repeat(2048)
    );
    let xmp = xmp.as_bytes();
    let ztxt = [&b"XML:com.adobe.xmp\0\0"[..], &zlib(xmp)].concat();
    let itxt = [&b"XML:com.adobe.xmp\0\x01\0\0\0"[..], &zlib(xmp)].concat();
    // ImageMagick keeps a whole EXIF block as hex text
    let hex: String = [EXIF_PREFIX, &gps_exif(1)]
        .concat()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let profile = format!(
        "\nexif\n      {}\n{hex}\n{}",
        hex.len() / 2,
        " ".repeat(2048)
    );
    let raw = [&b"Raw profile type exif\0\0"[..], &zlib(profile.as_bytes())].concat();
    let plain_raw = [&b"Raw profile type exif\0"[..], profile.as_bytes()].concat();
    for png in [
        png_with(b"zTXt", &ztxt),
        png_with(b"iTXt", &itxt),
        png_with(b"zTXt", &raw),
        png_with(b"tEXt", &plain_raw),
    ] {
        // nothing to see without inflating or hex-decoding
        assert!(find(&png, b"GPS").next().is_none(), "{png:?}");
        assert!(find(&png, b"Exif").next().is_none(), "{png:?}");
        assert!(has_gps(&png));
        let (out, report) = clean(Kind::Png, png).unwrap();
        assert!(report.had_gps && !has_gps(&out));
    }
    let harmless = [&b"Comment\0\0"[..], &zlib(b"taken near the river")].concat();
    assert!(!has_gps(&png_with(b"zTXt", &harmless)));
    let no_gps_exif = profile.replace("2588", "0000");
    let raw = [
        &b"Raw profile type exif\0\0"[..],
        &zlib(no_gps_exif.as_bytes()),
    ]
    .concat();
    assert!(!has_gps(&png_with(b"zTXt", &raw)));
}

#[test]
fn a_text_chunk_inflating_past_the_cap_counts_as_gps() {
    let bomb = [
        &b"Comment\0\0"[..],
        &zlib(&vec![b' '; MAX_TEST_INFLATED + 1]),
    ]
    .concat();
    assert!(bomb.len() < 64 * 1024, "a bomb is small: {}", bomb.len());
    assert!(has_gps(&png_with(b"zTXt", &bomb)));
    let big = [
        &b"Comment\0\0"[..],
        &zlib(&vec![b' '; MAX_TEST_INFLATED - 1]),
    ]
    .concat();
    assert!(!has_gps(&png_with(b"zTXt", &big)));
}

const MAX_TEST_INFLATED: usize = gps::MAX_INFLATED;

#[test]
fn tiff_and_heic_are_refused() {
    let tiff_file = gps_exif(1);
    assert!(has_gps(&tiff_file));
    let tiff = identify(&tiff_file).unwrap();
    assert_eq!(tiff.name(), "TIFF/camera raw");
    let heic = Kind::Unstrippable(FileFormat::HighEfficiencyImageCoding);
    for kind in [tiff, heic] {
        let err = clean(kind, tiff_file.clone()).unwrap_err();
        let what_to_do = "export it as JPEG, PNG or WebP, or list it in `image_metadata_allow`";
        assert!(err.ends_with(what_to_do), "{err}");
    }
    assert_eq!(dimensions(&tiff_file), None);
}
