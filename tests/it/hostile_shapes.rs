//! Hostile drafts that look like reports: the 2021 format's table labels (表二, 表三,
//! 表四) or bare numbers repeated until they match everywhere (issue 15). Built on the
//! fly for `hostile.rs` (memory) and `tests/scaling.rs` (time); nothing big is committed.

use std::io::Write;

/// A report's title and opening sections, so that every rule runs on what follows.
const HEAD: &str = "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n\
本机关全年主动公开政府信息。\n三、收到和处理政府信息公开申请情况\n\
本年新收政府信息公开申请数量 自然人 商业企业 科研机构 总计\n";

/// Row labels of 表二, 表三 and 表四 of the 2021 format, and its outline headings.
const LABELS: &[&str] = &[
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "（六）其他处理",
    "（七）总计",
    "四、结转下年度继续办理",
    "本年制发件数",
    "现行有效件数",
    "行政许可",
    "行政处罚",
    "行政复议、行政诉讼",
];

/// The `i`-th line: a label and seven small values.
fn label_line(i: usize) -> String {
    let values: Vec<String> = (0..7).map(|j| ((i + j) % 9).to_string()).collect();
    format!("{} {}", LABELS[i % LABELS.len()], values.join(" "))
}

/// About `n` bytes of text: the head, then label lines.
pub fn labels_txt(n: usize) -> Vec<u8> {
    let mut out = HEAD.to_string();
    let mut i = 0;
    while out.len() < n {
        out.push_str(&label_line(i));
        out.push('\n');
        i += 1;
    }
    out.into_bytes()
}

/// About `n` bytes of text: the head, then lines of bare numbers.
pub fn numbers_txt(n: usize) -> Vec<u8> {
    let mut out = HEAD.to_string().into_bytes();
    while out.len() < n {
        out.extend_from_slice(b"1 2 3 4 5 6 7 8 9\n");
    }
    out
}

/// A .docx whose body is the head and `lines` label lines, one paragraph each
/// (250,000 lines make a file of about 1 MB).
pub fn labels_docx(lines: usize) -> Vec<u8> {
    let para = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let mut body: String = HEAD.lines().map(para).collect();
    for i in 0..lines {
        body.push_str(&para(&label_line(i)));
    }
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let document = format!(r#"<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>"#);
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zw.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zw.write_all(document.as_bytes()).unwrap();
    zw.finish().unwrap().into_inner()
}

/// About `n` bytes on one line: the sample draft (tables, numbers, contacts) with its
/// line breaks turned into spaces, repeated.
pub fn one_line_txt(n: usize) -> Vec<u8> {
    // By its path from the manifest, not `crate::support`: `tests/scaling.rs` includes
    // this file in a test binary of its own.
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sample/2023年度政府信息公开工作年度报告（草稿）.txt"
    ))
    .unwrap()
    .replace('\n', " ");
    sample.repeat(n / sample.len() + 1).into_bytes()
}
