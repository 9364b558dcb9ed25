//! Structured inputs end to end: .docx/.html/.pdf are checked with locations in the
//! original file; refusals are per file, clear, and never bring the run down.

use crate::support::*;

fn real(name: &str) -> String {
    fixture(&format!("real/{name}")).display().to_string()
}

#[test]
fn structured_files_are_checked_with_places() {
    let docx = real("004_template-2021-format-blank.docx");
    let html = real("006_pingtan-2024-article-excerpt.html");
    let (_, v) = check_json(&[&docx, &html]);
    assert_eq!(v["summary"]["files"], 2, "{v}");
    for f in v["files"].as_array().unwrap() {
        assert!(f["error"].is_null(), "{f}");
        for d in f["diagnostics"].as_array().unwrap() {
            // A table row is never taken for a numbered heading.
            assert_ne!(d["rule"], "heading-numbering", "{d}");
            let loc = d["location"].as_str().unwrap_or("");
            assert!(loc.contains('段') || loc.contains('表'), "{d}");
        }
    }
}

#[test]
fn refusals_are_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("旧格式.doc");
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.resize(1024, 0);
    std::fs::write(&doc, &cfb).unwrap();
    let fake = dir.path().join("假的.docx");
    std::fs::write(&fake, "一、总体情况").unwrap();
    let html = real("005_shanghai-govoffice-2019-fragment.html");
    let out = gongkai()
        .args([
            "check",
            doc.to_str().unwrap(),
            fake.to_str().unwrap(),
            &html,
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("请在 WPS/Word 中另存为 .docx 后再检查"),
        "{stdout}"
    );
    assert!(stdout.contains("不是 .docx（zip）格式"), "{stdout}");
    assert!(stdout.contains("共检查 1 个文件"), "{stdout}");
    let only = gongkai()
        .args(["check", doc.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(only.status.code(), Some(2));
}

#[test]
fn broken_pdfs_never_panic_loudly() {
    let good = std::fs::read(fixture("real/001_huaian-hongze-district-2023.pdf")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut x: u64 = 7;
    let mut paths = Vec::new();
    for i in 0..6 {
        let mut b = good.clone();
        for _ in 0..20 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = (x >> 33) as usize % b.len();
            b[at] ^= (x >> 20) as u8 | 1;
        }
        let p = dir.path().join(format!("坏{i}.pdf"));
        std::fs::write(&p, b).unwrap();
        paths.push(p.display().to_string());
    }
    let args: Vec<&str> = std::iter::once("check")
        .chain(paths.iter().map(String::as_str))
        .collect();
    let out = gongkai().args(&args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // At least one variant makes the extractor panic; the panic stays silent.
    assert!(stdout.contains("PDF 解析器无法处理这个文件"), "{stdout}");
    assert!(
        stdout.contains("请改用 .docx 原稿或网页版再检查"),
        "{stdout}"
    );
}
