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

/// A seed's lines as document parts: numbered headings, paragraphs, and the flattened
/// `cell |` table lines regrouped into rows of three cells.
enum Part {
    Heading {
        level: usize,
        number: usize,
        title: String,
    },
    Para(String),
    Table(Vec<Vec<String>>),
}

fn chinese_number(s: &str) -> Option<usize> {
    let d = |c: char| "〇一二三四五六七八九".find(c).map(|i| i / 3);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        [a] => d(*a).filter(|n| *n > 0),
        ['十', b] => Some(10 + d(*b)?),
        _ => None,
    }
}

fn heading(line: &str) -> Option<(usize, usize, String)> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix('(').or_else(|| t.strip_prefix('（')) {
        let close = rest.find([')', '）'])?;
        let n = chinese_number(&rest[..close])?;
        let title = rest[close..].chars().skip(1).collect::<String>();
        return Some((1, n, title));
    }
    let idx = t.find('、')?;
    let n = chinese_number(t[..idx].trim())?;
    Some((0, n, t[idx + '、'.len_utf8()..].to_string()))
}

fn parts(seed: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let flush = |cells: &mut Vec<String>, out: &mut Vec<Part>| {
        if !cells.is_empty() {
            let rows = cells.chunks(3).map(|c| c.to_vec()).collect();
            out.push(Part::Table(rows));
            cells.clear();
        }
    };
    for line in seed.lines() {
        if line.trim_end().ends_with('|') {
            let mut split: Vec<&str> = line.trim_end().split('|').collect();
            split.pop();
            cells.extend(split.iter().map(|c| c.trim().to_string()));
            continue;
        }
        flush(&mut cells, &mut out);
        out.push(match heading(line) {
            Some((level, number, title)) => Part::Heading {
                level,
                number,
                title,
            },
            None => Part::Para(line.to_string()),
        });
    }
    flush(&mut cells, &mut out);
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The seed as a Word file: headings numbered by numbering.xml (each heading keeps its
/// own number through a start override), tables as real tables with merged cells.
fn seed_docx(seed: &str) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    let mut nums = String::new();
    let run = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#, esc(t));
    for (i, part) in parts(seed).iter().enumerate() {
        match part {
            Part::Heading {
                level,
                number,
                title,
            } => {
                let id = i + 1;
                nums.push_str(&format!(
                    r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{level}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{number}"/></w:lvlOverride></w:num>"#
                ));
                body.push_str(&format!(
                    r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{id}"/></w:numPr></w:pPr>{}</w:p>"#,
                    run(title)
                ));
            }
            Part::Para(t) => body.push_str(&format!("<w:p>{}</w:p>", run(t))),
            Part::Table(rows) => {
                body.push_str("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>");
                for row in rows {
                    body.push_str("<w:tr>");
                    if row.len() == 3 && !row[0].is_empty() && row[1..].iter().all(String::is_empty)
                    {
                        body.push_str(&format!(
                            r#"<w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p>{}</w:p></w:tc>"#,
                            run(&row[0])
                        ));
                    } else {
                        for c in row {
                            body.push_str(&format!("<w:tc><w:p>{}</w:p></w:tc>", run(c)));
                        }
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let numbering = format!(
        r#"<w:numbering xmlns:w="{w}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>{nums}</w:numbering>"#
    );
    let document = format!(r#"<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>"#);
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, xml) in [
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ] {
        zw.start_file(name, opts).unwrap();
        zw.write_all(xml.as_bytes()).unwrap();
    }
    zw.finish().unwrap().into_inner()
}

fn seed_html(seed: &str) -> String {
    let mut out = String::from(
        "<html><head><meta charset=\"utf-8\"><title>x</title></head><body><nav>首页</nav>",
    );
    for part in parts(seed) {
        match part {
            Part::Heading {
                level,
                number,
                title,
            } => {
                let n = [
                    "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                ][number.min(10)];
                let label = if level == 0 {
                    format!("{n}、")
                } else {
                    format!("（{n}）")
                };
                out.push_str(&format!("<p>{}{}</p>", label, esc(&title)));
            }
            Part::Para(t) => out.push_str(&format!("<p>{}</p>", esc(&t))),
            Part::Table(rows) => {
                out.push_str("<table>");
                for row in rows {
                    out.push_str("<tr>");
                    if row.len() == 3 && !row[0].is_empty() && row[1..].iter().all(String::is_empty)
                    {
                        out.push_str(&format!("<td colspan=\"3\">{}</td>", esc(&row[0])));
                    } else {
                        for c in row {
                            let c = if c.is_empty() {
                                "&nbsp;".to_string()
                            } else {
                                esc(&c)
                            };
                            out.push_str(&format!("<td>{c}</td>"));
                        }
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</table>");
            }
        }
    }
    out + "</body></html>"
}

#[test]
fn seeds_as_docx_and_html_give_the_txt_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut names: Vec<_> = std::fs::read_dir(fixture("seeds"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5);
    for txt in names {
        let seed = std::fs::read_to_string(&txt).unwrap();
        let stem = txt.file_stem().unwrap().to_string_lossy().into_owned();
        let docx = dir.path().join(format!("{stem}.docx"));
        std::fs::write(&docx, seed_docx(&seed)).unwrap();
        let html = dir.path().join(format!("{stem}.html"));
        std::fs::write(&html, seed_html(&seed)).unwrap();
        let (_, want) = check_json(&[txt.to_str().unwrap()]);
        for other in [&docx, &html] {
            let (_, got) = check_json(&[other.to_str().unwrap()]);
            assert!(got["files"][0]["error"].is_null(), "{got}");
            assert_eq!(findings(&got), findings(&want), "{}", other.display());
        }
    }
}
