//! The same seed saved as GBK, UTF-16 (with BOM) and with full-width digits gives the same findings.

use crate::support::*;

fn located(v: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    let mut out: Vec<(String, String, u64, u64)> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn fullwidth_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn encodings_and_widths_give_identical_findings() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "000_d881b3407b3e046e.txt",
        "002_2dedae3f3a0bdb4a.txt",
        "003_c5883498027fb55e.txt",
        "004_92ab342e01c50e26.txt",
    ] {
        let path = fixture(&format!("seeds/{name}"));
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, base) = check_json(&[path.to_str().unwrap()]);
        let base = located(&base);
        assert!(!base.is_empty());

        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable);
        let p = dir.path().join(format!("gbk-{name}"));
        std::fs::write(&p, &gbk).unwrap();
        let (_, v) = check_json(&[p.to_str().unwrap()]);
        assert_eq!(located(&v), base, "GBK {name}");

        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let p = dir.path().join(format!("utf16-{name}"));
        std::fs::write(&p, &utf16).unwrap();
        let (_, v) = check_json(&[p.to_str().unwrap()]);
        assert_eq!(located(&v), base, "UTF-16 {name}");

        let p = dir.path().join(format!("fw-{name}"));
        std::fs::write(&p, fullwidth_digits(&text)).unwrap();
        let (_, v) = check_json(&[p.to_str().unwrap()]);
        assert_eq!(located(&v), base, "full-width digits {name}");
    }
}

#[test]
fn stdin_is_checked() {
    let text = std::fs::read(fixture("seeds/000_d881b3407b3e046e.txt")).unwrap();
    let out = gongkai()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "-");
    assert_eq!(
        findings(&v),
        pairs(&[
            ("warning", "missing-section-other"),
            ("warning", "apply-count-missing")
        ])
    );
}
