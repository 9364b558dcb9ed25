//! The bad-input catalogue (issue 6): each kind of hostile or broken input is generated
//! here in a temporary directory and checked next to a clean draft. For every kind:
//! no panic, the expected Chinese message (or the expected findings when the input is
//! readable after all), the expected exit code, the clean draft still checked, and
//! every input file byte-identical afterwards.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SAMPLE: &str = "sample/2023年度政府信息公开工作年度报告（草稿）.txt";

/// What must happen to the bad input.
enum Expect {
    /// Not checked: this message, the run's exit code is 1 (the clean draft was checked).
    Refused(&'static str),
    /// Checked; the findings are those of the sample draft read as UTF-8 text.
    SameAsSample,
    /// Checked; these rules are among the findings.
    Checked(&'static [&'static str]),
}

struct Case {
    name: &'static str,
    /// Files and directories to create; returns the path to pass to gongkai.
    make: fn(&Path) -> PathBuf,
    expect: Expect,
    /// Extra arguments (before the paths).
    args: &'static [&'static str],
}

fn sample() -> Vec<u8> {
    std::fs::read(fixture(SAMPLE)).unwrap()
}

fn sample_str() -> String {
    String::from_utf8(sample()).unwrap()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// A deflate stream (RFC 1951, one fixed-Huffman block) that inflates to `n` spaces
/// (n ≥ 1): one literal, then copies of 258 bytes at distance 1 — 13 bits each.
pub(crate) fn deflate_spaces(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.len;
            self.len += bits;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes are sent most significant bit first.
        fn code(&mut self, code: u64, bits: u32) {
            let mut rev = 0;
            for i in 0..bits {
                rev |= ((code >> i) & 1) << (bits - 1 - i);
            }
            self.put(rev, bits);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // BFINAL
    b.put(1, 2); // BTYPE = fixed Huffman
    b.code(0x30 + 0x20, 8); // literal ' '
    let mut left = n - 1;
    while left >= 258 {
        b.code(0b1100_0101, 8); // length code 285 = 258
        b.code(0, 5); // distance code 0 = 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0x30 + 0x20, 8);
    }
    b.code(0, 7); // end of block
    b.put(0, 7); // flush
    b.out
}

/// A zip package with one deflated part whose header declares `declared` bytes.
fn zip_with_part(name: &str, data: &[u8], declared: u32) -> Vec<u8> {
    let mut z = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    le32(&mut z, 0x0403_4b50);
    for x in [20u16, 0, 8, 0, 0] {
        le16(&mut z, x);
    }
    le32(&mut z, 0); // crc (never reached: the reader stops at the cap)
    le32(&mut z, data.len() as u32);
    le32(&mut z, declared);
    le16(&mut z, name.len() as u16);
    le16(&mut z, 0);
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(data);
    let cd = z.len();
    le32(&mut z, 0x0201_4b50);
    for x in [20u16, 20, 0, 8, 0, 0] {
        le16(&mut z, x);
    }
    le32(&mut z, 0);
    le32(&mut z, data.len() as u32);
    le32(&mut z, declared);
    le16(&mut z, name.len() as u16);
    for x in [0u16, 0, 0, 0] {
        le16(&mut z, x);
    }
    le32(&mut z, 0);
    le32(&mut z, 0); // local header offset
    z.extend_from_slice(name.as_bytes());
    let cd_len = z.len() - cd;
    le32(&mut z, 0x0605_4b50);
    for x in [0u16, 0, 1, 1] {
        le16(&mut z, x);
    }
    le32(&mut z, cd_len as u32);
    le32(&mut z, cd as u32);
    le16(&mut z, 0);
    z
}

fn cfb(extra: &[u8]) -> Vec<u8> {
    let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    b.extend_from_slice(&[0u8; 504]);
    b.extend_from_slice(extra);
    b
}

fn rules_dir(dir: &Path, rule: &str) -> PathBuf {
    let r = dir.join("rules");
    std::fs::create_dir_all(&r).unwrap();
    write(&r, "pack.yaml", "profile: '2021'\nname: 测试\n");
    write(&r, "rule.yaml", rule);
    r
}

const RULE_HEAD: &str =
    "id: probe\ncategory: format\nseverity: warning\nmessage: 探测\nhelp: 无\nbasis: 测试\n\
examples:\n  valid: ['甲']\n  invalid: ['乙']\n";

fn cases() -> Vec<Case> {
    use crate::hostile::*;
    use Expect::*;
    vec![
        Case {
            name: "PDF Form XObject that draws itself (stack overflow)",
            make: |d| write(d, "self-drawing.pdf", pdf_self_drawing_form()),
            expect: Refused("读取器崩溃"),
            args: &[],
        },
        Case {
            name: "PDF stream inflating to 2 GiB",
            make: |d| write(d, "inflate-bomb.pdf", pdf_inflating_to_a85(2 << 30)),
            expect: Refused("内存超限"),
            args: &[],
        },
        Case {
            name: "PDF FlateDecode stream inflating to 2 GiB",
            make: |d| write(d, "flate-bomb.pdf", pdf_inflating_to(2 << 30)),
            expect: Refused("解压后超过 67108864 字节"),
            args: &[],
        },
        Case {
            name: "rule file of 1 MB of nested flow collections",
            make: |d| {
                rules_dir(d, &format!("{RULE_HEAD}check: {}", "[".repeat(1_000_000)));
                write(d, "draft.txt", sample())
            },
            expect: Refused("YAML 嵌套超过 64 层"),
            args: &["--rules", "rules"],
        },
        Case {
            name: "a million self-closing <div/>",
            make: |d| write(d, "divs.html", "<div/>".repeat(1_000_000)),
            expect: Refused("嵌套超过"),
            args: &[],
        },
        Case {
            name: "<div> followed by a million stray </div>",
            make: |d| {
                write(
                    d,
                    "stray.html",
                    format!("<div>{}", "</div>".repeat(1_000_000)),
                )
            },
            expect: Refused("没有可检查的文字"),
            args: &[],
        },
        Case {
            name: "4 MB of phone numbers",
            make: |d| write(d, "phones.txt", "电话：0517-87290600 ".repeat(160_000)),
            expect: Checked(&[]),
            args: &[],
        },
        Case {
            name: "2 MB of e-mail addresses and web sites",
            make: |d| {
                let unit = "邮箱 gk@example.gov.cn 网站 www.example.gov.cn\n";
                write(d, "emails.txt", unit.repeat(40_000))
            },
            expect: Checked(&[]),
            args: &[],
        },
        Case {
            name: "a single 4 MB line",
            make: |d| write(d, "line.txt", sample_str().replace('\n', " ").repeat(1000)),
            expect: Checked(&[]),
            args: &[],
        },
        Case {
            name: "3 MB of numbered sections",
            make: |d| {
                let s: String = (1..200_000).map(|i| format!("{i}. 第{i}项\n")).collect();
                write(d, "sections.txt", s)
            },
            expect: Checked(&[]),
            args: &[],
        },
        Case {
            name: "PDF the reader works on for ever",
            make: |d| write(d, "endless.pdf", pdf_with_text_ops(3_000, 1_000)),
            expect: Refused("读取超时"),
            args: &["--timeout", "1"],
        },
        Case {
            name: "empty file",
            make: |d| write(d, "empty.txt", b""),
            expect: Refused("文件为空"),
            args: &[],
        },
        Case {
            name: "whitespace only",
            make: |d| write(d, "blank.txt", b"  \n\t\r\n\xe3\x80\x80\n"),
            expect: Refused("文件为空"),
            args: &[],
        },
        Case {
            name: "UTF-8 BOM only",
            make: |d| write(d, "bom.txt", b"\xef\xbb\xbf"),
            expect: Refused("文件为空"),
            args: &[],
        },
        Case {
            name: "binary data",
            make: |d| {
                let bytes: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
                write(d, "binary.txt", bytes)
            },
            expect: Refused("二进制"),
            args: &[],
        },
        Case {
            name: "NUL bytes in text",
            make: |d| {
                let mut b = sample();
                let at = b.iter().position(|c| *c == b'\n').unwrap() + 1;
                b.splice(at..at, [0u8, 0, 0, 0]);
                write(d, "nul.txt", b)
            },
            expect: Refused("含有二进制数据"),
            args: &[],
        },
        Case {
            name: "invalid UTF-8 inside UTF-8 text",
            make: |d| {
                let mut b = sample();
                b.splice(2000..2000, [0xFFu8, 0xFE, 0x80]);
                write(d, "bad-utf8.txt", b)
            },
            expect: Refused("无法识别文件编码"),
            args: &[],
        },
        Case {
            name: "GBK without any hint",
            make: |d| {
                let text = sample_str();
                let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
                assert!(!bad);
                write(d, "gbk.txt", gbk)
            },
            expect: SameAsSample,
            args: &[],
        },
        Case {
            name: "UTF-16LE without BOM",
            make: |d| {
                let b: Vec<u8> = sample_str()
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect();
                write(d, "utf16le.txt", b)
            },
            expect: SameAsSample,
            args: &[],
        },
        Case {
            name: "UTF-16BE without BOM",
            make: |d| {
                let b: Vec<u8> = sample_str()
                    .encode_utf16()
                    .flat_map(u16::to_be_bytes)
                    .collect();
                write(d, "utf16be.txt", b)
            },
            expect: SameAsSample,
            args: &[],
        },
        Case {
            name: "CRLF line endings",
            make: |d| write(d, "crlf.txt", sample_str().replace('\n', "\r\n")),
            expect: SameAsSample,
            args: &[],
        },
        Case {
            name: "CR line endings",
            make: |d| write(d, "cr.txt", sample_str().replace('\n', "\r")),
            expect: SameAsSample,
            args: &[],
        },
        Case {
            name: "extremely long single line (10 MB)",
            make: |d| {
                let unit = "本年度我区认真贯彻落实条例，";
                let mut s = unit.repeat(10 * 1024 * 1024 / unit.len());
                s.push('\n');
                write(d, "long-line.txt", s)
            },
            expect: Checked(&["not-an-annual-report"]),
            args: &[],
        },
        Case {
            name: "10^30 in a table cell",
            make: |d| {
                let s = sample_str()
                    .replace("| 3001 | 53 |", "| 1000000000000000000000000000000 | 53 |");
                write(d, "huge-number.txt", s)
            },
            expect: Checked(&["t3-applicants-total"]),
            args: &[],
        },
        Case {
            name: "negative counts in 表三",
            make: |d| {
                let s = sample_str().replace(
                    "二、上年结转政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34 |",
                    "二、上年结转政府信息公开申请数量 | -34 | 0 | 0 | 0 | 0 | 0 | -34 |",
                );
                write(d, "negative.txt", s)
            },
            expect: Checked(&["t3-balance"]),
            args: &[],
        },
        Case {
            name: "a table with 10,000 rows",
            make: |d| {
                let rows: String = (0..10_000)
                    .map(|i| format!("{i}.其他事项{i} | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"))
                    .collect();
                let s = sample_str().replace("（七）总计", &format!("{rows}（七）总计"));
                write(d, "rows.txt", s)
            },
            expect: Checked(&["t3-results-total"]),
            args: &[],
        },
        Case {
            name: "truncated zip named .docx",
            make: |d| {
                let z = zip_with_part("word/document.xml", &deflate_spaces(5000), 5000);
                write(d, "truncated.docx", &z[..z.len() / 2])
            },
            expect: Refused("无法读取 .docx"),
            args: &[],
        },
        Case {
            name: "text renamed to .docx",
            make: |d| write(d, "renamed.docx", sample()),
            expect: Refused("内容不是 .docx"),
            args: &[],
        },
        Case {
            name: "zip bomb .docx (declared size)",
            make: |d| {
                let n = 80 << 20;
                let z = zip_with_part("word/document.xml", &deflate_spaces(n), n as u32);
                write(d, "bomb.docx", z)
            },
            expect: Refused("压缩炸弹"),
            args: &[],
        },
        Case {
            name: "zip bomb .docx (size in the header understated)",
            make: |d| {
                let z = zip_with_part("word/document.xml", &deflate_spaces(80 << 20), 1000);
                write(d, "bomb-lying.docx", z)
            },
            expect: Refused("无法读取 .docx"),
            args: &[],
        },
        Case {
            name: "legacy .doc (CFB)",
            make: |d| write(d, "legacy.doc", cfb(b"WordDocument")),
            expect: Refused("旧版 Word/WPS 二进制格式"),
            args: &[],
        },
        Case {
            name: "encrypted .docx (CFB)",
            make: |d| {
                let enc: Vec<u8> = "EncryptedPackage"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect();
                write(d, "encrypted.docx", cfb(&enc))
            },
            expect: Refused("文档已加密"),
            args: &[],
        },
        Case {
            name: ".pdf that is not a PDF",
            make: |d| write(d, "fake.pdf", sample()),
            expect: Refused("无法读取 PDF"),
            args: &[],
        },
        Case {
            name: "deeply nested HTML (100,000 levels)",
            make: |d| {
                let s = format!(
                    "<html><body>{}x{}</body></html>",
                    "<div>".repeat(100_000),
                    "</div>".repeat(100_000)
                );
                write(d, "nested.html", s)
            },
            expect: Refused("嵌套超过"),
            args: &[],
        },
        Case {
            name: "gb2312 HTML with meta charset",
            make: |d| {
                let body: String = sample_str()
                    .lines()
                    .map(|l| format!("<p>{}</p>\n", l.replace('<', "&lt;")))
                    .collect();
                let page = format!(
                    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>{body}</body></html>"
                );
                let (bytes, _, bad) = encoding_rs::GBK.encode(&page);
                assert!(!bad);
                write(d, "gb2312.html", bytes)
            },
            expect: Checked(&["t3-results-total", "year-slip"]),
            args: &[],
        },
        Case {
            name: "1 GB sparse file",
            make: |d| {
                let p = d.join("sparse.txt");
                std::fs::File::create(&p).unwrap().set_len(1 << 30).unwrap();
                p
            },
            expect: Refused("文件过大"),
            args: &[],
        },
        Case {
            name: "dangling symlink",
            make: |d| {
                let p = d.join("dangling.txt");
                std::os::unix::fs::symlink(d.join("gone.txt"), &p).unwrap();
                p
            },
            expect: Refused("找不到文件"),
            args: &[],
        },
        Case {
            name: "unreadable file (mode 000)",
            make: |d| {
                use std::os::unix::fs::PermissionsExt;
                let p = write(d, "secret.txt", sample());
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
                p
            },
            // Root reads it anyway; anyone else gets the permission message.
            expect: Refused("没有读取权限"),
            args: &[],
        },
        Case {
            name: "directory named x.txt",
            make: |d| {
                let p = d.join("x.txt");
                std::fs::create_dir(&p).unwrap();
                p
            },
            expect: Refused("目录中没有可检查的"),
            args: &[],
        },
        Case {
            name: "symlink loop in a directory",
            make: |d| {
                let dir = d.join("loop");
                std::fs::create_dir_all(dir.join("sub")).unwrap();
                std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
                std::os::unix::fs::symlink(".", dir.join("self")).unwrap();
                write(&dir.join("sub"), "draft.txt", sample());
                dir
            },
            expect: SameAsSample,
            args: &[],
        },
        Case {
            name: "YAML billion laughs as a rule file",
            make: |d| {
                let mut y = String::from("a0: &a0 [\"哈哈哈哈哈哈哈哈\"]\n");
                for i in 1..=30 {
                    let p = i - 1;
                    y.push_str(&format!(
                        "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
                    ));
                }
                let dir = rules_dir(
                    d,
                    &format!("{RULE_HEAD}{y}check:\n  heading-numbering: {{}}\n"),
                );
                let _ = dir;
                write(d, "draft.txt", sample())
            },
            expect: Refused("规则文件有误"),
            args: &["--rules", "rules"],
        },
        Case {
            name: "regex that backtracking engines take exponential time on",
            make: |d| {
                let rule = format!(
                    "{RULE_HEAD}check:\n  statement:\n    section: overview\n    forbidden: true\n    patterns: ['(?m)^(a+)+$', '(x+x+)+y', '(?:a|aa)+b']\n"
                );
                rules_dir(d, &rule);
                let s = sample_str().replace(
                    "一、总体情况\n",
                    &format!(
                        "一、总体情况\n{}\n{}\n",
                        "a".repeat(50_000),
                        "x".repeat(50_000)
                    ),
                );
                write(d, "draft.txt", s)
            },
            expect: Checked(&["probe"]),
            args: &["--rules", "rules"],
        },
    ]
}

fn hashes(dir: &Path) -> BTreeMap<PathBuf, u64> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
    {
        if !e.file_type().is_file() {
            continue;
        }
        let Ok(mut f) = std::fs::File::open(e.path()) else {
            continue;
        };
        // FNV-1a over the content, streamed (the sparse file is 1 GB of zeros).
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = std::io::Read::read(&mut f, &mut buf).unwrap();
            if n == 0 {
                break;
            }
            for b in &buf[..n] {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        out.insert(e.path().to_path_buf(), h ^ e.metadata().unwrap().len());
    }
    out
}

fn sample_findings() -> Vec<(String, String)> {
    let (_, v) = check_json(&[fixture(SAMPLE).to_str().unwrap()]);
    findings(&v)
}

/// Run one case; returns a description of what went wrong, if anything.
fn run_case(case: &Case, clean: &[u8], sample: &[(String, String)]) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let bad = (case.make)(dir);
    let good = write(dir, "clean.txt", clean);
    let before = hashes(dir);
    let start = Instant::now();
    let out = gongkai()
        .current_dir(dir)
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(case.args)
        .arg(&bad)
        .arg(&good)
        .output()
        .unwrap();
    let took = start.elapsed();
    let code = out.status.code().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fail = |why: String| {
        Err(format!(
            "{why}\nexit {code}\nstdout: {stdout}\nstderr: {stderr}"
        ))
    };
    if stderr.contains("panicked") {
        return fail("panicked".into());
    }
    if took > Duration::from_secs(60) {
        return fail(format!("took {took:?}"));
    }
    if hashes(dir) != before {
        return fail("an input file changed".into());
    }
    if case.args.contains(&"--rules") {
        // A rule-pack problem stops the run before any file: exit 2 with the reason.
        if let Expect::Refused(msg) = case.expect {
            return if code == 2 && stderr.contains(msg) {
                Ok(())
            } else {
                fail(format!("expected exit 2 and「{msg}」on stderr"))
            };
        }
    }
    let v: serde_json::Value = match serde_json::from_str(&stdout) {
        Ok(v) => v,
        Err(e) => return fail(format!("bad JSON: {e}")),
    };
    let files = v["files"].as_array().cloned().unwrap_or_default();
    let by_name = |name: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .cloned()
    };
    let Some(clean_report) = by_name("clean.txt") else {
        return fail("the clean draft is missing from the report".into());
    };
    if !clean_report["error"].is_null() || !findings_of(&clean_report).is_empty() {
        return fail("the clean draft was not checked cleanly".into());
    }
    let bad_name = bad.file_name().unwrap().to_string_lossy().into_owned();
    let reports: Vec<serde_json::Value> = files
        .iter()
        .filter(|f| !f["path"].as_str().unwrap_or("").ends_with("clean.txt"))
        .cloned()
        .collect();
    let first = reports.first().cloned().unwrap_or_default();
    match &case.expect {
        Expect::Refused(msg) => {
            let readable_anyway = bad_name == "secret.txt" && first["error"].is_null();
            if readable_anyway {
                // Running as root: mode 000 does not stop reading.
                return (code == 1 && findings_of(&first) == sample)
                    .then_some(())
                    .ok_or(())
                    .or_else(|_| fail("root read the file, findings differ".into()));
            }
            let err = first["error"].as_str().unwrap_or("");
            if !err.contains(msg) {
                return fail(format!("expected「{msg}」, got「{err}」"));
            }
            if code != 1 {
                return fail("expected exit 1".into());
            }
        }
        Expect::SameAsSample => {
            if reports.len() != 1 || !first["error"].is_null() {
                return fail("expected one checked file".into());
            }
            if findings_of(&first) != sample {
                return fail(format!("findings differ from the sample: {sample:?}"));
            }
            if code != 1 {
                return fail("expected exit 1 (the sample has errors)".into());
            }
        }
        Expect::Checked(rules) => {
            if !first["error"].is_null() {
                return fail("expected the file to be checked".into());
            }
            let got = findings_of(&first);
            for r in *rules {
                if !got.iter().any(|(_, id)| id == r) {
                    return fail(format!("expected a finding of {r}, got {got:?}"));
                }
            }
            let worst_error = got.iter().any(|(s, _)| s == "error");
            if code != if worst_error { 1 } else { 0 } {
                return fail("unexpected exit code".into());
            }
        }
    }
    Ok(())
}

#[test]
fn catalogue_of_bad_inputs() {
    let cases = cases();
    assert!(cases.len() >= 25, "{} kinds", cases.len());
    // A clean draft (no findings at all) to check beside each bad input.
    let gen = tempfile::tempdir().unwrap();
    crate::corpus::generator::generate(&crate::corpus::generator::Options {
        out: gen.path().to_path_buf(),
        count: 1,
        seed: 3,
        defects: 0.0,
        formats: vec!["txt".into()],
        profiles: vec!["2021".into()],
    })
    .unwrap();
    let clean = std::fs::read(gen.path().join("00000-2021.txt")).unwrap();
    let sample = sample_findings();
    assert!(!sample.is_empty());
    // Two workers: the machine (and CI) has two cores.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(case) = cases.get(i) else { break };
                if let Err(why) = run_case(case, &clean, &sample) {
                    failures
                        .lock()
                        .unwrap()
                        .push(format!("[{}] {why}", case.name));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} failing kinds:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
