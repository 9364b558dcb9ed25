//! Which files a batch reads (issue 15): regular files only, special files and links
//! out of the tree skipped with a note and never opened, a FIFO on the command line
//! refused at once, non-UTF-8 names checked and shown escaped, each file once, and
//! the unclear cases (loops, deep trees, unreadable folders, broken configurations)
//! named with their cause.

use crate::support::{fixture, gongkai};
use std::path::Path;
use std::time::Duration;

/// Run `gongkai ARGS` in `dir` with a time limit: (exit code, stdout, stderr).
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = gongkai()
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .timeout(Duration::from_secs(60))
        .args(args)
        .output()
        .expect("run gongkai");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

/// A draft with two findings under the built-in rules.
pub fn draft() -> Vec<u8> {
    std::fs::read(fixture("seeds/000_d881b3407b3e046e.txt")).unwrap()
}

fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", p.display());
}

/// Paths of the files in a JSON report.
pub fn paths(out: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_fifo_on_the_command_line_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    mkfifo(&root.join("管道.txt"));
    std::fs::write(root.join("a.txt"), draft()).unwrap();
    let start = std::time::Instant::now();
    let (code, out, err) = run_in(root, &["check", "--format", "concise", "管道.txt"]);
    assert!(start.elapsed() < Duration::from_secs(20));
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("管道.txt:1:1: error[load-error]") && out.contains("命名管道（FIFO）"),
        "{out}"
    );
    let (code, _, err) = run_in(root, &["dump", "管道.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("命名管道（FIFO）"), "{err}");
    // With a draft beside it: the draft is checked, the FIFO is an error.
    let (code, out, _) = run_in(root, &["check", "--format", "json", "管道.txt", "a.txt"]);
    assert_eq!(code, 1);
    assert_eq!(paths(&out), ["a.txt", "管道.txt"]);
}

#[test]
fn special_files_and_links_out_of_the_tree_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let tree = root.join("提交");
    std::fs::create_dir_all(tree.join("子目录")).unwrap();
    std::fs::write(tree.join("a.txt"), draft()).unwrap();
    std::fs::write(root.join("外部.txt"), draft()).unwrap();
    mkfifo(&tree.join("管道.txt"));
    let link =
        |target: &Path, name: &str| std::os::unix::fs::symlink(target, tree.join(name)).unwrap();
    link(&tree.join("管道.txt"), "指向管道.txt");
    link(&root.join("外部.txt"), "指向外部.txt");
    link(root, "子目录/上级");
    link(Path::new("a.txt"), "别名.txt");
    let (code, out, err) = run_in(root, &["check", "--format", "json", "提交"]);
    assert_eq!(code, 0, "skipped files are notes, not errors: {err}");
    // 别名.txt is a.txt under another name: checked once, under the first name met.
    assert_eq!(paths(&out), ["提交/a.txt"]);
    for note in [
        "提交/管道.txt：这是命名管道（FIFO），不是普通文件，已跳过",
        "提交/指向管道.txt：符号链接指向的是命名管道（FIFO），不是普通文件，已跳过",
        "提交/指向外部.txt：符号链接指向被检查的目录之外，已跳过",
        "提交/子目录/上级：符号链接指向被检查的目录之外，已跳过",
    ] {
        assert!(err.contains(&format!("提示：{note}\n")), "{note}\n{err}");
    }
}

#[test]
fn a_file_given_twice_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("年报")).unwrap();
    std::fs::write(root.join("年报/a.txt"), draft()).unwrap();
    let abs = root.join("年报/a.txt");
    let (code, out, err) = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "年报/a.txt",
            "./年报/a.txt",
            "年报/../年报/a.txt",
            abs.to_str().unwrap(),
            "年报",
            "年报/*.txt",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&out), ["年报/a.txt"]);
}

/// A folder given under other spellings (a link to it, a path through `..`) and a file
/// inside it given by its absolute path: each file is checked once, under the first
/// spelling met.
#[test]
fn a_folder_given_under_other_spellings_checks_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("年报/乡镇")).unwrap();
    std::fs::write(root.join("年报/a.txt"), draft()).unwrap();
    std::fs::write(root.join("年报/乡镇/b.txt"), draft()).unwrap();
    std::os::unix::fs::symlink(root.join("年报"), root.join("link")).unwrap();
    let abs = root.join("年报/乡镇/b.txt");
    let (code, out, err) = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "年报",
            "link",
            "./年报/../年报",
            abs.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&out), ["年报/a.txt", "年报/乡镇/b.txt"]);
}

#[test]
fn non_utf8_names_are_checked_and_shown_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("d")).unwrap();
    // 报告.txt and 报表.txt in GBK: lossy decoding would give both the same name.
    for name in [&b"\xb1\xa8\xb8\xe6.txt"[..], b"\xb1\xa8\xb1\xed.txt"] {
        let p = root.join("d").join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(p, draft()).unwrap();
    }
    let (code, out, err) = run_in(root, &["check", "--format", "json", "d"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        paths(&out),
        ["d/\\xB1\\xA8\\xB1\\xED.txt", "d/\\xB1\\xA8\\xB8\\xE6.txt"]
    );
    let (_, out, _) = run_in(root, &["check", "--format", "concise", "d"]);
    assert_eq!(
        out.matches("d/\\xB1\\xA8\\xB8\\xE6.txt:").count(),
        2,
        "{out}"
    );
    let (_, out, _) = run_in(root, &["check", "--format", "checkstyle", "d"]);
    assert!(out.contains("name=\"d/\\xB1\\xA8\\xB1\\xED.txt\""), "{out}");
}

#[test]
fn a_symlink_loop_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("d")).unwrap();
    std::os::unix::fs::symlink("乙.txt", root.join("d/甲.txt")).unwrap();
    std::os::unix::fs::symlink("甲.txt", root.join("d/乙.txt")).unwrap();
    std::fs::write(root.join("d/好.txt"), draft()).unwrap();
    let (code, out, _) = run_in(root, &["check", "--format", "concise", "d/甲.txt"]);
    assert_eq!(code, 2);
    assert!(
        out.contains(
            "d/甲.txt:1:1: error[load-error] 无法检查：符号链接无法解析：符号链接形成循环"
        ),
        "{out}"
    );
    let (code, out, _) = run_in(root, &["check", "--format", "concise", "d"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "d/乙.txt:1:1: error[load-error] 无法检查：符号链接无法解析：符号链接形成循环"
        ),
        "{out}"
    );
    assert!(out.contains("d/好.txt:"), "{out}");
}

#[test]
fn a_very_deep_tree_is_cut_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let deep: Vec<&str> = vec!["d"; 2500];
    let ok = std::process::Command::new("mkdir")
        .current_dir(root)
        .arg("-p")
        .arg(deep.join("/"))
        .status()
        .unwrap()
        .success();
    assert!(ok);
    std::fs::write(root.join("d/a.txt"), draft()).unwrap();
    let (code, out, err) = run_in(root, &["check", "--format", "json", "d"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&out), ["d/a.txt"]);
    assert!(
        err.contains("d/d/d/…（共 101 层）…/d/d/d：目录层级超过 100 层，更深的内容没有检查"),
        "{err}"
    );
    assert!(err.len() < 1000, "{err}");
}

/// The effective user is root when a file it creates belongs to uid 0.
fn running_as_root(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let p = dir.join(".uid");
    std::fs::write(&p, "").unwrap();
    std::fs::metadata(&p).unwrap().uid() == 0
}

#[test]
fn an_unreadable_folder_is_named_with_its_cause() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("d/锁住")).unwrap();
    std::fs::write(root.join("d/a.txt"), draft()).unwrap();
    std::fs::write(root.join("d/锁住/b.txt"), draft()).unwrap();
    std::fs::set_permissions(root.join("d/锁住"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("gongkai");
    // Root reads any folder: run as `nobody` through setpriv. Without setpriv the
    // case cannot be produced and is skipped (said on stderr).
    let mut cmd = if running_as_root(root) {
        if std::process::Command::new("setpriv")
            .arg("--help")
            .output()
            .is_err()
        {
            eprintln!("skipped: running as root and setpriv is not available");
            return;
        }
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    let out = cmd
        .current_dir(root)
        .args(["check", "--format", "concise", "d"])
        .output()
        .unwrap();
    std::fs::set_permissions(root.join("d/锁住"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("d/锁住:1:1: error[load-error] 无法检查：无法读取目录：没有读取权限"),
        "{stdout}"
    );
    assert!(stdout.contains("d/a.txt:"), "{stdout}");
}

#[test]
fn broken_configurations_are_named_with_their_cause() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.txt"), draft()).unwrap();
    let (code, _, err) = run_in(root, &["check", "--config", "没有.yaml", "a.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("无法使用配置文件 没有.yaml：文件不存在"),
        "{err}"
    );
    // A YAML syntax error in the unclosed last line is shown where it is.
    std::fs::write(
        root.join("坏.yaml"),
        "year: 2024\nrules:\n  disable: [fee-statement\n",
    )
    .unwrap();
    let (code, _, err) = run_in(root, &["check", "--config", "坏.yaml", "a.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("配置文件有误：坏.yaml") && err.contains("YAML 语法错误"),
        "{err}"
    );
    assert!(err.contains("[坏.yaml:3:"), "{err}");
    // The same in a rule file.
    std::fs::create_dir(root.join("规则")).unwrap();
    std::fs::write(root.join("规则/pack.yaml"), "profile: '2021'\nname: 本地\n").unwrap();
    std::fs::write(
        root.join("规则/a-b.yaml"),
        "id: a-b\ncategory: contact\nmessage: [未闭合\n",
    )
    .unwrap();
    let (code, _, err) = run_in(root, &["check", "--rules", "规则", "a.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("[规则/a-b.yaml:3:") && err.contains("YAML 语法错误"),
        "{err}"
    );
    // 50 MB: refused from its size, without reading it.
    let f = std::fs::File::create(root.join("大.yaml")).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let (code, _, err) = run_in(root, &["check", "--config", "大.yaml", "a.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("无法使用配置文件 大.yaml：文件过大（52428800 字节"),
        "{err}"
    );
}

#[test]
fn unclear_files_are_named_with_their_cause() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("空.docx"), b"").unwrap();
    std::fs::write(root.join("假.txt"), b"%PDF-1.4\nnot really\n").unwrap();
    let (code, out, _) = run_in(root, &["check", "--format", "concise", "空.docx", "假.txt"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("空.docx:1:1: error[load-error] 无法检查：文件为空"),
        "{out}"
    );
    assert!(
        out.contains("假.txt:1:1: error[load-error] 无法检查：无法读取文件：文件扩展名是 .txt，内容却以 %PDF 开头"),
        "{out}"
    );
}
