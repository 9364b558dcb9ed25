//! Bad input: a clear message, exit 2 only when nothing could be checked, no panic,
//! the other files still checked, and the input never modified.

use crate::support::*;
use std::io::Write;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = gongkai().arg("check").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn empty_binary_and_undecodable_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let (code, out, err) = run(&[empty.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("文件为空"), "{out}");
    assert!(!err.contains("panicked"));

    let bin = dir.path().join("binary.txt");
    std::fs::write(
        &bin,
        (0..5000u32)
            .map(|i| (i * 31 % 256) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let (code, out, _) = run(&[bin.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        out.contains("二进制") || out.contains("无法识别文件编码"),
        "{out}"
    );

    let junk = dir.path().join("junk.txt");
    std::fs::write(
        &junk,
        [0x80u8, 0xFF, 0xFE, 0x81, 0x30, 0xFF, 0x80, 0x80, 0xFF],
    )
    .unwrap();
    let (code, out, _) = run(&[junk.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        out.contains("无法识别文件编码") || out.contains("二进制"),
        "{out}"
    );
}

#[test]
fn missing_path() {
    let (code, out, err) = run(&["/nonexistent/报告.txt"]);
    assert_eq!(code, 2);
    assert!(out.contains("找不到文件"), "{out}{err}");
}

#[test]
fn huge_file_is_refused_with_configurable_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let (code, out, _) = run(&[big.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        out.contains("文件过大") && out.contains("--max-file-size"),
        "{out}"
    );
    // A smaller limit refuses a normal seed too: the limit is really configurable.
    let seed = fixture("seeds/000_d881b3407b3e046e.txt");
    let (code, out, _) = run(&["--max-file-size", "100", seed.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("上限 100 字节"), "{out}");
    // Sizes are written as for `serve --max-upload`; the 100 MB file passes 200MB.
    let (code, out, _) = run(&["--max-file-size", "1KB", seed.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("上限 1024 字节"), "{out}");
    let (code, out, _) = run(&["--max-file-size", "200MB", big.to_str().unwrap()]);
    assert!(!out.contains("文件过大"), "{code} {out}");
}

#[test]
fn thousand_files_with_one_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read(fixture("seeds/000_d881b3407b3e046e.txt")).unwrap();
    for i in 0..1000 {
        if i == 500 {
            // A dangling link: listed, but it cannot be read (root can read any mode bits).
            std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("r0500.txt"))
                .unwrap();
        } else {
            let mut f = std::fs::File::create(dir.path().join(format!("r{i:04}.txt"))).unwrap();
            f.write_all(&seed).unwrap();
        }
    }
    let (code, v) = check_json(&[dir.path().to_str().unwrap()]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1000);
    let failed: Vec<&serde_json::Value> = files.iter().filter(|f| !f["error"].is_null()).collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]["path"].as_str().unwrap().ends_with("r0500.txt"));
    assert!(failed[0]["error"].as_str().unwrap().contains("找不到文件"));
    assert_eq!(
        files
            .iter()
            .filter(|f| f["diagnostics"].as_array().unwrap().len() == 2)
            .count(),
        999
    );
    assert_eq!(
        code, 1,
        "one file could not be checked: not a clean run, but not exit 2"
    );
}

#[test]
fn inputs_are_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("draft.txt");
    std::fs::copy(fixture("seeds/003_c5883498027fb55e.txt"), &p).unwrap();
    let before = std::fs::read(&p).unwrap();
    let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
    let _ = run(&[p.to_str().unwrap()]);
    let _ = run(&["--format", "json", p.to_str().unwrap()]);
    assert_eq!(std::fs::read(&p).unwrap(), before);
    assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), mtime);
}

#[test]
fn unknown_profile_is_a_usage_error() {
    let seed = fixture("seeds/000_d881b3407b3e046e.txt");
    let (code, _, err) = run(&["--profile", "2030", seed.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("未知的 --profile"), "{err}");
}
