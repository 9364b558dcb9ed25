//! What a run writes and prints (issue 15): output files never overwrite an input
//! nor each other and are replaced whole; a `gongkai.yaml` inside a checked folder
//! changes nothing; control characters from drafts and file names reach no terminal
//! or log raw, while JSON keeps the exact text.

use crate::files::{draft, paths, run_in};

#[test]
fn an_output_that_is_an_input_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("年报")).unwrap();
    std::fs::write(root.join("年报/a.txt"), draft()).unwrap();
    let before = std::fs::read(root.join("年报/a.txt")).unwrap();
    for args in [
        &["--html", "年报/a.txt", "年报/a.txt"][..],
        &["--output", "junit:./年报/../年报/a.txt", "年报"],
        &["--summary-csv", "年报/a.txt", "年报/*.txt"],
    ] {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        let (code, out, err) = run_in(root, &all);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("是本次要检查或读取的文件"), "{err}");
        assert_eq!(out, "", "nothing checked");
        assert_eq!(std::fs::read(root.join("年报/a.txt")).unwrap(), before);
    }
    // The configuration in use is an input too.
    std::fs::write(root.join("gongkai.yaml"), "year: 2024\n").unwrap();
    let (code, _, err) = run_in(root, &["check", "-o", "sarif:gongkai.yaml", "年报"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(root.join("gongkai.yaml")).unwrap(),
        "year: 2024\n"
    );
}

#[test]
fn an_output_named_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.txt"), draft()).unwrap();
    let (code, _, err) = run_in(
        root,
        &[
            "check",
            "-o",
            "junit:r.xml",
            "--output",
            "checkstyle:./r.xml",
            "a.txt",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("输出文件 ./r.xml 被指定了两次（--output junit:… 与 --output checkstyle:…）"),
        "{err}"
    );
    assert!(!root.join("r.xml").exists());
}

#[test]
fn outputs_replace_the_old_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.txt"), draft()).unwrap();
    std::fs::write(root.join("报告.html"), "旧报告").unwrap();
    let (code, _, err) = run_in(
        root,
        &[
            "check",
            "--html",
            "报告.html",
            "--summary-csv",
            "汇总.csv",
            "a.txt",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(root.join("报告.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(std::fs::read_to_string(root.join("汇总.csv"))
        .unwrap()
        .contains("a.txt"));
    // No temporary file is left beside them.
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.txt", "报告.html", "汇总.csv"]);
    // An output that cannot be written: the old file stays as it was.
    std::fs::create_dir(root.join("目录.html")).unwrap();
    let (code, _, err) = run_in(root, &["check", "--html", "目录.html", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("无法写入 目录.html"), "{err}");
}

/// A submission's own gongkai.yaml (disabling every rule, excluding itself, broken
/// YAML, another rule pack) changes nothing; the note says it was ignored.
#[test]
fn a_config_inside_the_checked_folder_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("提交/子目录")).unwrap();
    std::fs::write(root.join("提交/a.txt"), draft()).unwrap();
    std::fs::write(root.join("提交/子目录/b.txt"), draft()).unwrap();
    let (code, clean, err) = run_in(root, &["check", "--format", "json", "提交"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(paths(&clean), ["提交/a.txt", "提交/子目录/b.txt"]);
    let v: serde_json::Value = serde_json::from_str(&clean).unwrap();
    assert_eq!(v["summary"]["warnings"], 4, "{clean}");
    for (at, yaml) in [
        ("提交/gongkai.yaml", "rules:\n  enable: [unused-waiver]\n"),
        ("提交/gongkai.yaml", "exclude: [\"**\"]\n"),
        (
            "提交/子目录/gongkai.yml",
            "rules: {severity: {fee-statement: info}}\n",
        ),
        (
            "提交/gongkai.yaml",
            "rule_dirs: [/nonexistent]\nrules: [[[\n",
        ),
    ] {
        std::fs::write(root.join(at), yaml).unwrap();
        let (code, out, err) = run_in(root, &["check", "--format", "json", "提交"]);
        assert_eq!(code, 0, "{at}: {err}");
        assert_eq!(out, clean, "{at}: {yaml}");
        assert!(
            err.contains(&format!("提示：{at}：被检查目录中的配置文件不会读取")),
            "{err}"
        );
        std::fs::remove_file(root.join(at)).unwrap();
    }
}

#[test]
fn isolated_reads_no_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.txt"), draft()).unwrap();
    std::fs::write(root.join("gongkai.yaml"), "rules: [[[\n").unwrap();
    let (code, _, err) = run_in(root, &["check", "a.txt"]);
    assert_eq!(code, 2, "the configuration of the current folder is read");
    assert!(err.contains("配置文件有误：gongkai.yaml"), "{err}");
    let (code, out, err) = run_in(root, &["check", "--isolated", "--format", "json", "a.txt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&out), ["a.txt"]);
    let (code, _, err) = run_in(
        root,
        &["check", "--isolated", "--config", "gongkai.yaml", "a.txt"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("--isolated"), "{err}");
}

/// A file name with a newline forges no finding line; escape sequences of a draft
/// do not reach the terminal; JSON keeps the exact name.
#[test]
fn control_characters_are_escaped_in_text_formats() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let name = "a\nb.txt:1:1: error[fake] 伪造\u{1b}[2J.txt";
    // The heading of part 三 is quoted by a finding, with the rest of its line.
    let heading = "三、依申请公开政府信息、申请行政复议和提起行政诉讼情况";
    let text = String::from_utf8(draft()).unwrap().replacen(
        heading,
        &format!("{heading}\u{3000}\x1b[31m\x1b]0;title\x07"),
        1,
    );
    std::fs::write(root.join(name), &text).unwrap();
    let (_, json, _) = run_in(root, &["check", "--format", "json", "."]);
    assert_eq!(paths(&json), [name]);
    let shown = "a\\nb.txt:1:1: error[fake] 伪造\\x1B[2J.txt";
    // GitLab's report is JSON shown in a merge request: the escaped name, exactly.
    let (_, out, _) = run_in(root, &["check", "--format", "gitlab", "."]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["location"]["path"], shown);
    for format in ["human", "concise", "github", "junit", "checkstyle"] {
        let (_, out, _) = run_in(
            root,
            &["check", "--color", "never", "--format", format, "."],
        );
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{format}: {out}"
        );
        assert!(
            out.contains(shown) || out.contains(&shown.replace(':', "%3A")),
            "{format}: {out}"
        );
        assert!(!out.contains("\nb.txt"), "{format}: {out}");
    }
    let (_, out, _) = run_in(root, &["check", "--format", "concise", "."]);
    assert!(out.lines().all(|l| l.starts_with(shown)), "{out}");
    // The draft's own escape sequences, quoted in the human excerpt.
    let (_, out, _) = run_in(root, &["check", "--color", "never", "--summary", "."]);
    assert!(out.contains("\\x1B[31m\\x1B]0;title\\x07"), "{out}");
    let (_, _, _) = run_in(
        root,
        &["check", "--summary-csv", "s.csv", "--html", "r.html", "."],
    );
    for f in ["s.csv", "r.html"] {
        let s = std::fs::read_to_string(root.join(f)).unwrap();
        assert!(!s.contains('\u{1b}') && s.contains("\\x1B[2J"), "{f}: {s}");
    }
}
