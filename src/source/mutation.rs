//! Robustness: the .docx and .html readers survive 10,000 randomly corrupted variants of
//! their fixtures (bit flips, truncations, insertions, deletions, duplicated ranges),
//! both of the raw file and, for .docx, of the XML inside a well-formed zip.
//!
//! A small deterministic PRNG keeps every run identical; a failure names the variant.

use super::{docx, html, LoadError, Source};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// SplitMix64: tiny, deterministic, good enough to pick positions and bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Bytes that make parsers take unusual paths.
const SPICE: &[&[u8]] = &[
    b"<",
    b">",
    b"</w:tc>",
    b"<w:tbl>",
    b"<table>",
    b"rowspan=\"9999\"",
    b"&#0;",
    b"\xFF\xFE",
    b"\"",
    b"<w:vMerge/>",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..=rng.below(3) {
        let len = b.len();
        match rng.below(6) {
            0 => {
                for _ in 0..=rng.below(8) {
                    if len > 0 {
                        let i = rng.below(len);
                        b[i] ^= 1 << rng.below(8);
                    }
                }
            }
            1 => b.truncate(rng.below(len + 1)),
            2 => {
                let at = rng.below(len + 1);
                let n = 1 + rng.below(16);
                let junk: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                b.splice(at..at, junk);
            }
            3 => {
                let at = rng.below(len + 1);
                let end = (at + 1 + rng.below(64)).min(len);
                b.drain(at..end);
            }
            4 => {
                let at = rng.below(len + 1);
                let end = (at + rng.below(256)).min(len);
                let copy = b[at..end].to_vec();
                let to = rng.below(b.len() + 1);
                b.splice(to..to, copy);
            }
            _ => {
                let at = rng.below(len + 1);
                b.splice(at..at, SPICE[rng.below(SPICE.len())].iter().copied());
            }
        }
    }
    b
}

/// Run `read` on `count` variants of each input; panics are collected, not propagated.
fn survive(
    seed: u64,
    inputs: &[Vec<u8>],
    count: usize,
    read: impl Fn(&[u8]) -> Result<Source, LoadError>,
) -> usize {
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    let mut loaded = 0;
    for i in 0..count {
        let input = &inputs[i % inputs.len()];
        let variant = mutate(&mut rng, input);
        match catch_unwind(AssertUnwindSafe(|| read(&variant))) {
            Ok(Ok(s)) => {
                loaded += 1;
                check_invariants(&s);
            }
            Ok(Err(_)) => {}
            Err(_) => failures.push(i),
        }
    }
    assert!(
        failures.is_empty(),
        "seed {seed}: variants {failures:?} panicked"
    );
    loaded
}

/// What every loaded source must satisfy, however broken its file was.
fn check_invariants(s: &Source) {
    assert!(s.origins.windows(2).all(|w| w[0].0 <= w[1].0));
    for g in &s.grids {
        let width = g.rows.first().map_or(0, Vec::len);
        for cell in g.rows.iter().flatten() {
            assert_eq!(s.text.get(cell.start..cell.end), Some(cell.text.as_str()));
        }
        assert!(g.rows.iter().all(|r| r.len() == width));
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const SMALL_BODY: &str = concat!(
    r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p>"#,
    r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>申请人情况</w:t></w:r></w:p></w:tc></w:tr>"#,
    r#"<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>结果</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"#,
    r#"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"#,
    r#"<w:p><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:ins><w:r><w:t>新</w:t></w:r></w:ins></w:p>"#,
);
const SMALL_NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

fn read_docx(b: &[u8]) -> Result<Source, LoadError> {
    docx::read("f.docx".into(), b, &docx::Limits::default())
}

fn read_html(b: &[u8]) -> Result<Source, LoadError> {
    html::read("f.html".into(), b)
}

#[test]
fn docx_files_corrupted_at_the_byte_level() {
    let small = docx::build_docx(SMALL_BODY, Some(SMALL_NUMBERING), None);
    survive(1, &[fixture(docx::tests::TEMPLATE)], 1000, read_docx);
    let loaded = survive(2, &[small], 2000, read_docx);
    assert!(loaded > 0);
}

#[test]
fn docx_xml_corrupted_inside_a_valid_zip() {
    let doc = format!(
        r#"<w:document xmlns:w="{}"><w:body>{SMALL_BODY}</w:body></w:document>"#,
        docx::tests::W
    );
    let mut rng = Rng(3);
    let mut failures = Vec::new();
    let mut loaded = 0;
    for i in 0..2000 {
        let xml = mutate(&mut rng, doc.as_bytes());
        let numbering = if i % 2 == 0 {
            mutate(&mut rng, SMALL_NUMBERING.as_bytes())
        } else {
            SMALL_NUMBERING.as_bytes().to_vec()
        };
        let xml = String::from_utf8_lossy(&xml).into_owned();
        let numbering = String::from_utf8_lossy(&numbering).into_owned();
        let bytes = docx::build_package(&[
            ("word/document.xml", &xml),
            ("word/numbering.xml", &numbering),
        ]);
        match catch_unwind(AssertUnwindSafe(|| read_docx(&bytes))) {
            Ok(Ok(s)) => {
                loaded += 1;
                check_invariants(&s);
            }
            Ok(Err(_)) => {}
            Err(_) => failures.push(i),
        }
    }
    assert!(failures.is_empty(), "variants {failures:?} panicked");
    assert!(loaded > 100, "{loaded}");
}

#[test]
fn html_files_corrupted() {
    let real = [
        fixture(html::tests::SHANGHAI),
        fixture(html::tests::PINGTAN),
    ];
    survive(4, &real, 600, read_html);
    let small = concat!(
        "<meta charset=\"gb2312\"><p>一、总体情况</p><table><tr><td rowspan=\"2\">三、本年度办理结果</td>",
        "<td colspan=\"2\">（一）予以公开</td></tr><tr><td>&nbsp;</td><td>5<br/>件</td></tr></table>",
        "<table><tr><td><table><tr><td>内</td></tr></table></td></tr></table><script>x</script>"
    );
    let loaded = survive(5, &[small.as_bytes().to_vec()], 4400, read_html);
    assert!(loaded > 0);
}
