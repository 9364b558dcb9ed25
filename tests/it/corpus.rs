//! Generated drafts (examples/corpus/) of every format and profile: gongkai reports
//! exactly the defects the generator seeded, and nothing on the clean drafts.

use crate::support::*;
use std::collections::BTreeMap;

#[allow(dead_code)]
#[path = "../../examples/corpus/main.rs"]
pub mod generator;

type Findings = Vec<(String, String)>;

fn generate(dir: &std::path::Path, seed: u64, defects: f64) -> BTreeMap<String, Findings> {
    let o = generator::Options {
        out: dir.to_path_buf(),
        count: 30,
        seed,
        defects,
        formats: vec!["txt".into(), "docx".into(), "html".into()],
        profiles: vec!["2021".into(), "2019-trial".into(), "pre-2019".into()],
    };
    generator::generate(&o).expect("generate");
    let manifest = std::fs::read_to_string(dir.join("manifest.jsonl")).unwrap();
    manifest
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let mut want: Findings = v["expected"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["severity"].as_str().unwrap().to_string(),
                        e["rule"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            want.sort();
            (v["file"].as_str().unwrap().to_string(), want)
        })
        .collect()
}

fn check_all(dir: &std::path::Path, want: &BTreeMap<String, Findings>) -> i32 {
    let (code, v) = check_json(&[dir.to_str().unwrap()]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), want.len());
    for f in files {
        let path = f["path"].as_str().unwrap();
        let name = path.rsplit(['/', '\\']).next().unwrap();
        assert!(f["error"].is_null(), "{name}: {}", f["error"]);
        assert_eq!(&findings_of(f), &want[name], "{name}");
    }
    code
}

#[test]
fn seeded_defects_are_reported_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let want = generate(dir.path(), 1, 0.6);
    assert_eq!(want.len(), 90);
    let seeded = want.values().filter(|w| !w.is_empty()).count();
    assert!(seeded >= 30, "{seeded} drafts with a defect");
    // Every kind of defect is in the sample, and the same draft gives the same
    // findings in every format.
    for kind in [
        "t3-results-total",
        "stat-answered-total",
        "missing-section-problems",
        "t3-cells",
        "fee-statement",
        "missing-section-fee",
        "late-publication",
    ] {
        assert!(
            want.values().flatten().any(|(_, r)| r == kind),
            "no draft seeded for {kind}"
        );
    }
    assert_eq!(check_all(dir.path(), &want), 1);
}

#[test]
fn clean_drafts_have_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let want = generate(dir.path(), 7, 0.0);
    assert!(want.values().all(Vec::is_empty));
    assert_eq!(check_all(dir.path(), &want), 0);
}

#[test]
fn generation_is_deterministic() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate(a.path(), 5, 0.3);
    generate(b.path(), 5, 0.3);
    let mut names: Vec<_> = std::fs::read_dir(a.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 91);
    for n in names {
        assert_eq!(
            std::fs::read(a.path().join(&n)).unwrap(),
            std::fs::read(b.path().join(&n)).unwrap(),
            "{n:?}"
        );
    }
}
