//! Hostile files built on the fly (issue 15): PDFs that crash, exhaust or hang the PDF
//! reader, and the checks that such a file ends only itself (contained readers) while
//! good files come out byte-identical to an in-process read.

use crate::bad_inputs::deflate_spaces;
use crate::support::*;

/// A PDF file from numbered object bodies (object i + 1 is `objs[i]`), with a correct
/// cross-reference table; object 1 must be the catalog.
fn pdf(objs: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// A one-page PDF: `content` is the page's content stream (with its filter), the page's
/// resources name font /F1 and, when given, Form XObject /Fm1 = object 5.
fn one_page(content: Vec<u8>, form: Option<Vec<u8>>) -> Vec<u8> {
    let xobject = if form.is_some() {
        "/XObject << /Fm1 5 0 R >> "
    } else {
        ""
    };
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << {xobject}/Font << /F1 4 0 R >> >> /Contents 6 0 R >>"
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        form.unwrap_or_else(|| b"null".to_vec()),
    ];
    objs.push(content);
    pdf(&objs)
}

/// A page that draws Form XObject /Fm1, which draws itself: unbounded recursion.
pub fn pdf_self_drawing_form() -> Vec<u8> {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm1 5 0 R >> >>",
        b"/Fm1 Do",
    );
    one_page(
        stream("", b"BT /F1 12 Tf (Hello) Tj ET /Fm1 Do"),
        Some(form),
    )
}

/// A page whose content stream inflates to `n` bytes (spaces) from about n / 160 bytes.
pub fn pdf_inflating_to(n: usize) -> Vec<u8> {
    // zlib header (deflate, no dictionary); the checksum is never reached.
    let mut z = vec![0x78, 0x01];
    z.extend_from_slice(&deflate_spaces(n));
    one_page(stream("/Filter /FlateDecode", &z), None)
}

/// Like [`pdf_inflating_to`], the deflate data wrapped in ASCII85: the stream limits
/// (which count FlateDecode data only) pass it, and the reader's memory limit stops it.
pub fn pdf_inflating_to_a85(n: usize) -> Vec<u8> {
    let mut z = vec![0x78, 0x01];
    z.extend_from_slice(&deflate_spaces(n));
    one_page(
        stream("/Filter [/ASCII85Decode /FlateDecode]", &ascii85(&z)),
        None,
    )
}

/// ASCII85 (Adobe) encoding with its `~>` end marker.
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 5 / 4 + 8);
    for chunk in data.chunks(4) {
        let mut group = [0u8; 4];
        group[..chunk.len()].copy_from_slice(chunk);
        let mut v = u32::from_be_bytes(group);
        if chunk.len() == 4 && v == 0 {
            out.push(b'z');
            continue;
        }
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = (v % 85) as u8 + b'!';
            v /= 85;
        }
        out.extend_from_slice(&digits[..chunk.len() + 1]);
    }
    out.extend_from_slice(b"~>");
    out
}

/// A PDF of `pages` pages that all show the same content stream of `ops` text-showing
/// operators: the reader works for a time proportional to pages × ops, while the file
/// stays small and the reader's memory stays that of one page.
pub fn pdf_with_text_ops(pages: usize, ops: usize) -> Vec<u8> {
    let mut body = b"BT /F1 12 Tf ".to_vec();
    for _ in 0..ops {
        body.extend_from_slice(b"(a) Tj ");
    }
    body.extend_from_slice(b"ET");
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 5)).collect();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        stream("", &body),
    ];
    for _ in 0..pages {
        objs.push(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
              /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
                .to_vec(),
        );
    }
    pdf(&objs)
}

/// Good PDF, .docx and HTML files give byte-identical output in a worker process and
/// in-process, with one job and with several.
#[test]
fn contained_output_is_identical() {
    let files: Vec<String> = [
        "real/001_huaian-hongze-district-2023.pdf",
        "real/003_huaian-city-2024.pdf",
        "real/004_template-2021-format-blank.docx",
        "real/005_shanghai-govoffice-2019-fragment.html",
        "real/006_pingtan-2024-article-excerpt.html",
        "sample/2023年度政府信息公开工作年度报告（草稿）.txt",
    ]
    .iter()
    .map(|f| fixture(f).to_string_lossy().into_owned())
    .collect();
    let run = |extra: &[&str]| {
        let out = gongkai()
            .arg("check")
            .args(extra)
            .args(&files)
            .output()
            .unwrap();
        (out.status.code(), out.stdout, out.stderr)
    };
    let inproc = run(&["--in-process", "--jobs", "1"]);
    assert!(!inproc.1.is_empty());
    for extra in [&["--jobs", "1"][..], &["--jobs", "3"][..]] {
        let got = run(extra);
        assert_eq!(got.0, inproc.0, "{extra:?}");
        assert_eq!(
            String::from_utf8_lossy(&got.1),
            String::from_utf8_lossy(&inproc.1),
            "{extra:?}"
        );
        assert_eq!(got.2, inproc.2, "{extra:?}");
    }
}

/// Several hostile PDFs in one batch with good files: each gets its own cause, every
/// good file is checked, the run ends in time with exit 1.
#[test]
fn hostile_pdfs_end_only_themselves() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("a-self.pdf"), pdf_self_drawing_form()).unwrap();
    std::fs::write(d.join("b-bomb.pdf"), pdf_inflating_to_a85(1 << 30)).unwrap();
    std::fs::write(d.join("c-slow.pdf"), pdf_with_text_ops(3_000, 40_000)).unwrap();
    let sample = std::fs::read(fixture(
        "sample/2023年度政府信息公开工作年度报告（草稿）.txt",
    ))
    .unwrap();
    for i in 0..3 {
        std::fs::write(d.join(format!("good{i}.txt")), &sample).unwrap();
    }
    let start = std::time::Instant::now();
    let out = gongkai()
        .current_dir(d)
        // A low memory limit ends the bomb early, well before the time limit even on
        // a machine busy with the other tests (a 5 s limit once ended a bomb by time in
        // CI); the endless file needs far longer than the time limit.
        .args(["check", "--format", "json", "--jobs", "2"])
        .args(["--timeout", "20", "--max-memory", "256"])
        .arg(".")
        .output()
        .unwrap();
    assert!(start.elapsed() < std::time::Duration::from_secs(60));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    let error = |name: &str| {
        files
            .iter()
            .find(|f| f["path"] == name)
            .map(|f| f["error"].as_str().unwrap_or("").to_string())
            .unwrap_or_else(|| panic!("{name} missing: {v}"))
    };
    assert!(error("a-self.pdf").contains("读取器崩溃"), "{v}");
    assert!(error("b-bomb.pdf").contains("内存超限"), "{v}");
    assert!(error("c-slow.pdf").contains("读取超时"), "{v}");
    for i in 0..3 {
        let f = files
            .iter()
            .find(|f| f["path"] == format!("good{i}.txt"))
            .unwrap();
        assert!(f["error"].is_null() && !findings_of(f).is_empty(), "{f}");
    }
    assert_eq!(out.status.code(), Some(1));
}

/// PDFs whose streams inflate to 2 GiB, or to 48 MB in each of three streams, are
/// refused by the stream limits before the reader inflates anything: a message that
/// names the cause, the object and the variable that raises the limit — in a worker and
/// in-process alike — and raising the limit lets the reader go on.
#[test]
fn pdf_stream_bombs_are_refused_by_their_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("big.pdf"), pdf_inflating_to(1 << 31)).unwrap();
    let mut z = vec![0x78, 0x01];
    z.extend_from_slice(&deflate_spaces(48 << 20));
    let part = stream("/Filter /FlateDecode", &z);
    let mut three = one_page(part.clone(), Some(part.clone()));
    // A third copy as an unreferenced object: the reader may never need it, the limit
    // counts it all the same (object streams are inflated at load).
    let tail = three.len();
    three.extend_from_slice(b"9 0 obj\n");
    three.extend_from_slice(&part);
    three.extend_from_slice(b"\nendobj\n");
    assert!(three.len() > tail);
    std::fs::write(d.join("many.pdf"), three).unwrap();
    std::fs::copy(
        fixture("sample/2023年度政府信息公开工作年度报告（草稿）.txt"),
        d.join("good.txt"),
    )
    .unwrap();
    let run = |extra: &[&str], env: &[(&str, &str)]| {
        let start = std::time::Instant::now();
        let mut c = gongkai();
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c
            .current_dir(d)
            .args(["check", "--format", "json", "--max-memory", "256"])
            .args(extra)
            .args(["big.pdf", "many.pdf", "good.txt"])
            .output()
            .unwrap();
        assert!(start.elapsed() < std::time::Duration::from_secs(60));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(1), "{v}");
        let files = v["files"].as_array().unwrap();
        let file = |name: &str| files.iter().find(|f| f["path"] == name).unwrap().clone();
        let good = file("good.txt");
        assert!(
            good["error"].is_null() && !findings_of(&good).is_empty(),
            "{v}"
        );
        ["big.pdf", "many.pdf"].map(|n| file(n)["error"].as_str().unwrap_or("").to_string())
    };
    for extra in [&[][..], &["--in-process"][..]] {
        let errors = run(extra, &[]);
        assert!(
            errors[0].contains("PDF 的数据流（对象 6 0）解压后超过 67108864 字节")
                && errors[0].contains("GONGKAI_MAX_STREAM"),
            "{errors:?}"
        );
        assert!(
            errors[1].contains("合计超过 67108864 字节")
                && errors[1].contains("GONGKAI_MAX_UNPACKED"),
            "{errors:?}"
        );
    }
    // Raised limits: the 2 GiB stream now meets the worker's memory limit instead.
    let errors = run(
        &[],
        &[
            ("GONGKAI_MAX_STREAM", "4294967296"),
            ("GONGKAI_MAX_UNPACKED", "4294967296"),
        ],
    );
    assert!(errors[0].contains("内存超限"), "{errors:?}");
}

/// A configuration of 1 MB of nested flow collections (`[[[[…`) is refused at once with
/// the limit and how to raise it, and the error does not echo the megabyte line.
#[test]
fn nested_flow_yaml_config_fails_fast() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("cfg.yaml");
    std::fs::write(&cfg, "[".repeat(1_000_000)).unwrap();
    let start = std::time::Instant::now();
    let out = gongkai()
        .arg("check")
        .arg("--config")
        .arg(&cfg)
        .arg(fixture(
            "sample/2023年度政府信息公开工作年度报告（草稿）.txt",
        ))
        .output()
        .unwrap();
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("YAML 嵌套超过 64 层"), "{stderr}");
    assert!(stderr.contains("GONGKAI_MAX_YAML_DEPTH"), "{stderr}");
    assert!(stderr.len() < 4000, "{} bytes of stderr", stderr.len());
}

/// A reader limit names the variable that raises it, and raising it lets the file
/// through — also in the contained reader, which inherits the environment.
#[test]
fn reader_limits_can_be_raised() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("deep.html");
    let sample = std::fs::read_to_string(fixture(
        "sample/2023年度政府信息公开工作年度报告（草稿）.txt",
    ))
    .unwrap();
    let body: String = sample.lines().map(|l| format!("<p>{l}</p>")).collect();
    std::fs::write(&page, format!("{}{body}", "<div>".repeat(600))).unwrap();
    let run = |depth: Option<&str>| {
        let mut c = gongkai();
        if let Some(d) = depth {
            c.env("GONGKAI_MAX_DEPTH", d);
        }
        let out = c
            .args(["check", "--format", "json"])
            .arg(&page)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["files"][0].clone()
    };
    let refused = run(None);
    let err = refused["error"].as_str().unwrap_or("");
    assert!(
        err.contains("嵌套超过 512 层") && err.contains("GONGKAI_MAX_DEPTH"),
        "{refused}"
    );
    let read = run(Some("2000"));
    assert!(read["error"].is_null(), "{read}");
    assert!(!findings_of(&read).is_empty(), "{read}");
}

/// Run `gongkai check --format json FILE` and return its report and its peak resident
/// memory in MB (`wait4` of that one child: its own peak, or its worker's).
///
/// The child is not started from this test process: a child started by `posix_spawn`
/// (which `Command` uses) shares its parent's memory until `exec`, and Linux counts the
/// parent's lifetime peak into the child's `ru_maxrss` — the peak of every test that ran
/// before in this binary (207 MB for an 8 MB draft that holds 109 MB). A fresh, small
/// copy of this test binary (`peak_launcher`) starts the child and reports its peak.
#[cfg(target_os = "linux")]
fn check_with_peak(file: &std::path::Path) -> (serde_json::Value, u64) {
    let out = tempfile::NamedTempFile::new().unwrap();
    let launched = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "hostile::peak_launcher",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .args(["--test-threads", "1"])
        .env("GONGKAI_PEAK_FILE", file)
        .env("GONGKAI_PEAK_OUT", out.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&launched.stdout);
    // The harness prints the test's name on the same line, before the launcher's words.
    let peak_kb: u64 = said
        .split_once("peak_kb=")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the launcher gave no peak: {said}"));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(out.path()).unwrap()).unwrap();
    (v, peak_kb / 1024)
}

/// Not a test of its own: `check_with_peak` runs it in a fresh copy of this binary,
/// which starts `gongkai check --format json $GONGKAI_PEAK_FILE` with its output in
/// `$GONGKAI_PEAK_OUT`, reaps it with `wait4` and prints its peak as `peak_kb=N`.
#[cfg(target_os = "linux")]
#[test]
#[ignore = "a launcher for check_with_peak, not a test"]
// The child is reaped by `wait4`, which `Child::wait` cannot replace (no rusage).
#[allow(clippy::zombie_processes)]
fn peak_launcher() {
    let (Some(file), Some(out)) = (
        std::env::var_os("GONGKAI_PEAK_FILE"),
        std::env::var_os("GONGKAI_PEAK_OUT"),
    ) else {
        return;
    };
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
        .args(["check", "--format", "json"])
        .arg(file)
        .env_remove("GONGKAI_PEAK_FILE")
        .env_remove("GONGKAI_PEAK_OUT")
        // Freed memory is returned at once: the peak is what the check holds, not what
        // the allocator keeps around on a busy machine.
        .env("MIMALLOC_PURGE_DELAY", "0")
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: rusage is plain data, zeroed is a valid value; wait4 fills it and reaps
    // exactly this child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    println!("peak_kb={}", usage.ru_maxrss);
}

/// Drafts whose table labels (表二/表三/表四) or numbers repeat until they match
/// everywhere — an 8 MB .txt of each and a 1 MB .docx — and a draft joined into one 8 MB
/// line are checked in bounded memory: table recovery reads a bounded number of tokens
/// per table (once about fifty bytes of tokens per byte of text: 2.3 GB for 32 MB of
/// numbers; the .docx took 465 MB, the 8 MB line 318 MB).
#[cfg(target_os = "linux")]
#[test]
fn repeated_labels_and_numbers_are_checked_in_bounded_memory() {
    use crate::hostile_shapes::{labels_docx, labels_txt, numbers_txt, one_line_txt};
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let cases = [
        ("labels.txt", labels_txt(8 << 20), 200),
        ("numbers.txt", numbers_txt(8 << 20), 200),
        ("one-line.txt", one_line_txt(8 << 20), 200),
        ("labels.docx", labels_docx(250_000), 300),
    ];
    for (name, bytes, limit_mb) in cases {
        let path = d.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let start = std::time::Instant::now();
        let (v, peak_mb) = check_with_peak(&path);
        let file = &v["files"][0];
        assert!(file["error"].is_null(), "{name}: {file}");
        assert!(!findings_of(file).is_empty(), "{name}");
        assert!(
            peak_mb < limit_mb,
            "{name} ({} bytes): peak {peak_mb} MB, limit {limit_mb} MB",
            bytes.len()
        );
        assert!(
            start.elapsed() < std::time::Duration::from_secs(120),
            "{name}"
        );
    }
}

/// One worker reads the files of a thread in turn: good files read after a crash, a
/// memory exhaustion and a timeout in the same thread give exactly what they give alone
/// (in-process), and each bad file gives its own cause.
#[test]
fn a_reused_worker_never_carries_one_file_into_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let docx = std::fs::read(fixture("real/004_template-2021-format-blank.docx")).unwrap();
    let html = std::fs::read(fixture("real/005_shanghai-govoffice-2019-fragment.html")).unwrap();
    std::fs::write(d.join("a-good.docx"), &docx).unwrap();
    std::fs::write(d.join("b-self.pdf"), pdf_self_drawing_form()).unwrap();
    std::fs::write(d.join("c-good.html"), &html).unwrap();
    std::fs::write(d.join("d-bomb.pdf"), pdf_inflating_to_a85(1 << 30)).unwrap();
    std::fs::write(d.join("e-good.docx"), &docx).unwrap();
    // Ten times the text operations of the other endless files: it must outlast a time
    // limit long enough that the bomb reaches the memory limit first even on a machine
    // busy with the other tests (a 5 s limit once ended the bomb by time in CI).
    std::fs::write(d.join("f-slow.pdf"), pdf_with_text_ops(3_000, 40_000)).unwrap();
    std::fs::write(d.join("g-good.html"), &html).unwrap();
    let run = |extra: &[&str], paths: &[&str]| {
        let out = gongkai()
            .current_dir(d)
            .args(["check", "--format", "json", "--jobs", "1"])
            .args(["--timeout", "20", "--max-memory", "256"])
            .args(extra)
            .args(paths)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["files"].as_array().unwrap().clone()
    };
    let batch = run(&[], &["."]);
    let of = |files: &[serde_json::Value], name: &str| {
        files
            .iter()
            .find(|f| f["path"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    for good in ["a-good.docx", "c-good.html", "e-good.docx", "g-good.html"] {
        let alone = run(&["--in-process"], &[good]);
        assert_eq!(of(&batch, good), alone[0], "{good}");
        assert!(of(&batch, good)["error"].is_null());
    }
    let error = |name: &str| of(&batch, name)["error"].as_str().unwrap_or("").to_string();
    assert!(error("b-self.pdf").contains("读取器崩溃"), "{batch:?}");
    assert!(error("d-bomb.pdf").contains("内存超限"), "{batch:?}");
    assert!(error("f-slow.pdf").contains("读取超时"), "{batch:?}");
}

/// A page made of one sentence of 100,000 listed parts (1.8 MB) overflowed the stack of
/// the breakdown parser, which aborts the whole process (no error a batch could catch):
/// it is now read as a sentence too long to read, and the run goes on with the file's
/// other findings and the next file.
#[test]
fn one_endless_sentence_ends_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let endless = format!(
        "某某局2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开信息共100000条,其中{}。\n",
        "甲1条、乙2条,".repeat(100_000)
    );
    std::fs::write(d.join("a-endless.txt"), endless).unwrap();
    let sample = std::fs::read(fixture(
        "sample/2023年度政府信息公开工作年度报告（草稿）.txt",
    ))
    .unwrap();
    std::fs::write(d.join("b-good.txt"), &sample).unwrap();
    let out = gongkai()
        .current_dir(d)
        .args(["check", "--format", "json", "--jobs", "1", "."])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{v}");
    for f in files {
        assert!(f["error"].is_null() && !findings_of(f).is_empty(), "{f}");
    }
}
