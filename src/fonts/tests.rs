use super::*;
use crate::assets::FONTS;

fn bundled_bytes(file: &str) -> Vec<u8> {
    FONTS
        .iter()
        .find(|f| f.file == file)
        .unwrap()
        .bytes
        .to_vec()
}

#[test]
fn a_bundled_font_passes_the_checks() {
    let faces = parse_font_file(bundled_bytes("NotoSans-Bold.ttf"), "x.ttf").unwrap();
    assert_eq!(faces.len(), 1);
    assert_eq!(faces[0].family, "Noto Sans");
    assert!(faces[0].bold);
    assert!(faces[0].answers_to("noto-sans"));
}

#[test]
fn hostile_bytes_are_refused_without_a_panic() {
    let good = bundled_bytes("NotoSans-Regular.ttf");
    // Wrong magic, a web font, truncated anywhere, nothing at all.
    assert!(
        parse_font_file(b"PK\x03\x04rest".to_vec(), "a")
            .unwrap_err()
            .0
            .contains("not a font file")
    );
    assert!(
        parse_font_file(b"wOF2\0\0\0\0".to_vec(), "a")
            .unwrap_err()
            .0
            .contains("web font")
    );
    assert!(parse_font_file(Vec::new(), "a").is_err());
    for cut in [4, 12, 100, 1000, good.len() / 2] {
        assert!(
            parse_font_file(good[..cut].to_vec(), "a").is_err(),
            "cut at {cut}"
        );
    }
    // A collection header claiming 10 000 faces.
    let mut ttc = b"ttcf\0\x01\0\0".to_vec();
    ttc.extend_from_slice(&10_000u32.to_be_bytes());
    for i in 0..10_000u32 {
        ttc.extend_from_slice(&(12 + 4 * 10_000 + i).to_be_bytes());
    }
    let e = parse_font_file(ttc, "a").unwrap_err();
    assert!(e.0.contains("10000 faces"), "{e:?}");
}

#[test]
fn embedding_restrictions_are_reported() {
    let mut bytes = bundled_bytes("NotoSans-Regular.ttf");
    let font = FontRef::new(&bytes).unwrap();
    let os2 = font
        .table_directory
        .table_records()
        .iter()
        .find(|r| r.tag() == skrifa::raw::types::Tag::new(b"OS/2"))
        .unwrap()
        .offset() as usize;
    // fsType is the OS/2 table's fifth field (offset 8); 0x0002: restricted.
    bytes[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
    let e = parse_font_file(bytes, "a").unwrap_err();
    assert!(e.0.contains("forbid embedding"), "{e:?}");
}

#[test]
fn cjk_advice_names_the_font_for_the_language() {
    assert!(
        cjk_advice(&['希'], "zh-Hans")
            .unwrap()
            .contains("Noto Sans CJK SC")
    );
    assert!(
        cjk_advice(&['希'], "zh-Hant")
            .unwrap()
            .contains("Noto Sans CJK TC")
    );
    assert!(
        cjk_advice(&['ひ'], "ja")
            .unwrap()
            .contains("Noto Sans CJK JP")
    );
    assert!(
        cjk_advice(&['한'], "ko")
            .unwrap()
            .contains("Noto Sans CJK KR")
    );
    assert!(cjk_advice(&['ก'], "th").is_none());
}
