//! .docx reader tests: packages built in code, plus the real WPS template.

use super::*;
use crate::source::{Grid, Place};
use std::io::Write;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A zip package holding the given parts (deflated).
pub fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        zw.start_file(*name, opts).unwrap();
        zw.write_all(body.as_bytes()).unwrap();
    }
    zw.finish().unwrap().into_inner()
}

/// A .docx with this body XML and optional numbering/styles parts.
pub fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    let mut parts = vec![
        ("[Content_Types].xml", r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.to_string()),
        ("_rels/.rels", r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", doc),
    ];
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", n.to_string()));
    }
    if let Some(s) = styles {
        parts.push(("word/styles.xml", s.to_string()));
    }
    let refs: Vec<(&str, &str)> = parts.iter().map(|(a, b)| (*a, b.as_str())).collect();
    package(&refs)
}

pub fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

fn load(bytes: &[u8]) -> Result<Source, LoadError> {
    read("t.docx".into(), bytes, &Limits::default())
}

fn grid_texts(g: &Grid) -> Vec<Vec<String>> {
    g.rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.clone()).collect())
        .collect()
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#;

#[test]
fn auto_numbered_headings() {
    let numbered = |lvl: u8, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let by_style = |text: &str| {
        format!(r#"<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
    };
    let body = [
        p("2023年政府信息公开工作年度报告"),
        numbered(0, "总体情况"),
        numbered(1, "主动公开"),
        numbered(1, "依申请公开"),
        by_style("主动公开政府信息情况"),
        numbered(1, "规章"),
    ]
    .concat();
    let s = load(&docx(&body, Some(NUMBERING), Some(STYLES))).unwrap();
    assert_eq!(
        s.text,
        "2023年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开\n（二）依申请公开\n二、主动公开政府信息情况\n（一）规章\n"
    );
    let heading_at = s.text.find("二、").unwrap();
    assert_eq!(s.headings, vec![(heading_at, 0)]);
    assert_eq!(s.place(heading_at), Some(&Place::Paragraph(5)));
}

#[test]
fn grid_span_and_vertical_merge() {
    let body = format!(
        "{}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
         <w:tr>{}{}</w:tr>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>{}</w:tr></w:tbl>{}",
        p("前文"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "申请人情况"),
        tc("", "总计"),
        tc(r#"<w:vMerge w:val="restart"/>"#, "三、本年度办理结果"),
        tc("", "1"),
        tc("", "2"),
        tc("<w:vMerge/>", ""),
        tc("", "3"),
        tc("", "4"),
        tc("", "中"),
        p("后文"),
    );
    let s = load(&docx(&body, None, None)).unwrap();
    assert_eq!(
        s.text,
        "前文\n申请人情况\t\t总计\n三、本年度办理结果\t1\t2\n\t3\t4\n\t中\t\n后文\n"
    );
    let g = &s.grids[0];
    assert_eq!(grid_texts(g)[1], ["三、本年度办理结果", "1", "2"]);
    assert_eq!(g.rows[0][1].merged_from, Some((0, 0)));
    assert_eq!(g.rows[2][0].merged_from, Some((1, 0)));
    assert_eq!(g.rows[3][0].merged_from, None);
    let four = s.text.find('4').unwrap();
    assert_eq!(s.place(four).unwrap().to_string(), "表1 第3行 第3列");
    assert_eq!(
        s.place(s.text.find("后文").unwrap()),
        Some(&Place::Paragraph(2))
    );
}

#[test]
fn tracked_changes_hidden_text_and_fields() {
    let body = concat!(
        r#"<w:p><w:r><w:t>收到申请</w:t></w:r><w:del w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>"#,
        r#"<w:ins w:author="a"><w:r><w:t>15</w:t></w:r></w:ins><w:r><w:t>件</w:t></w:r>"#,
        r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的批注</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>段落标记隐藏但文字可见</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>第3页</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        r#"<w:p><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>可见</w:t></w:r></w:p>"#,
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>保留行</w:t></w:r></w:p></w:tc></w:tr>"#,
        r#"<w:tr><w:trPr><w:del w:author="a"/></w:trPr><w:tc><w:p><w:r><w:t>删除行</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
    );
    let s = load(&docx(body, None, None)).unwrap();
    assert_eq!(
        s.text,
        "收到申请15件\n段落标记隐藏但文字可见\n第3页\n可见\n保留行\n"
    );
    assert_eq!(s.grids[0].rows.len(), 1);
}

#[test]
fn containers_are_descended_and_placeholders_skipped() {
    let body = concat!(
        r#"<w:p><w:hyperlink r:id="x" xmlns:r="urn:r"><w:r><w:t>链接</w:t></w:r></w:hyperlink>"#,
        r#"<w:smartTag><w:r><w:t>标签</w:t></w:r></w:smartTag><w:customXml><w:r><w:t>自定义</w:t></w:r></w:customXml></w:p>"#,
        r#"<w:sdt><w:sdtPr><w:alias w:val="a"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>控件内容</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        r#"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击此处输入文字</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        r#"<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>"#,
    );
    let s = load(&docx(body, None, None)).unwrap();
    assert_eq!(s.text, "链接标签自定义\n控件内容\n甲\t乙\n丙\n");
}

#[test]
fn nested_table_becomes_its_own_grid() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc("", "新收"),
        tc("", "5"),
        tc("", "结转"),
        tc("", "1")
    );
    let body = format!(
        "<w:tbl><w:tr><w:tc>{}{inner}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl><w:tbl><w:tr>{}</w:tr></w:tbl>",
        p("三、收到和处理政府信息公开申请情况"),
        p("（表内说明）"),
        p("旁注"),
        tc("", "独立表")
    );
    let s = load(&docx(&body, None, None)).unwrap();
    assert_eq!(
        s.text,
        "三、收到和处理政府信息公开申请情况\n新收\t5\n结转\t1\n（表内说明）\n旁注\n独立表\n"
    );
    assert_eq!(s.grids.len(), 2);
    assert_eq!(grid_texts(&s.grids[0]), [["新收", "5"], ["结转", "1"]]);
    assert_eq!(s.grids[1].number, 2);
    assert_eq!(
        s.place(s.text.find("独立表").unwrap()).unwrap().to_string(),
        "表2 第1行 第1列"
    );
}

#[test]
fn wps_namespaces_and_other_prefixes() {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ns0:document xmlns:ns0="{W}" xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">
<ns0:body><ns0:p w14:paraId="1"><ns0:r><wpsCustomData:x/><ns0:t>一、总体情况</ns0:t></ns0:r>
<mc:AlternateContent><mc:Choice Requires="w14"><ns0:r><ns0:t>新</ns0:t></ns0:r></mc:Choice><mc:Fallback><ns0:r><ns0:t>旧</ns0:t></ns0:r></mc:Fallback></mc:AlternateContent></ns0:p>
</ns0:body></ns0:document>"#
    );
    let bytes = package(&[("word/document.xml", &doc)]);
    let s = load(&bytes).unwrap();
    assert_eq!(s.text, "一、总体情况新\n");
}

#[test]
fn refusals() {
    assert!(matches!(load(b"not a zip at all"), Err(LoadError::NotZip)));
    assert!(matches!(
        load(b"PK\x03\x04garbage garbage garbage"),
        Err(LoadError::Corrupt(_))
    ));
    let good = docx(&p("正文"), None, None);
    assert!(matches!(
        load(&good[..good.len() / 2]),
        Err(LoadError::Corrupt(_))
    ));
    let no_doc = package(&[("content.xml", "<x/>")]);
    let e = load(&no_doc).unwrap_err();
    assert!(e.to_string().contains("word/document.xml"), "{e}");
    let deep = docx(&"<w:customXml>".repeat(600), None, None);
    assert!(matches!(load(&deep), Err(LoadError::TooDeep { .. })));
    let empty = docx(&p("\u{3000}"), None, None);
    assert!(matches!(load(&empty), Err(LoadError::NoText)));
}

#[test]
fn zip_bomb_and_entry_limits() {
    let big = format!("{}{}", p("正文"), "<w:p/>".repeat(200_000));
    let bytes = docx(&big, None, None);
    assert!(bytes.len() < 100_000, "compresses well: {}", bytes.len());
    let tight = Limits {
        max_unpacked: 1024 * 1024,
        max_part: 1 << 26,
        max_entries: 4096,
    };
    assert!(matches!(
        read("b.docx".into(), &bytes, &tight),
        Err(LoadError::ZipBomb { .. })
    ));
    let few = Limits {
        max_unpacked: 1 << 26,
        max_part: 1 << 26,
        max_entries: 2,
    };
    let e = read("m.docx".into(), &docx(&p("正文"), None, None), &few).unwrap_err();
    assert!(
        matches!(e, LoadError::TooManyEntries { count: 3, .. }),
        "{e}"
    );
    // One part over the per-part limit is named, even with room in the total.
    let one_part = Limits {
        max_unpacked: 1 << 26,
        max_part: 1024 * 1024,
        max_entries: 4096,
    };
    let e = read("p.docx".into(), &bytes, &one_part)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("word/document.xml")
            && e.contains("1048576")
            && e.contains("GONGKAI_MAX_STREAM"),
        "{e}"
    );
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub const TEMPLATE: &str = "004_template-2021-format-blank.docx";

#[test]
fn real_wps_template() {
    let s = load(&fixture(TEMPLATE)).unwrap();
    let dims: Vec<(usize, usize)> = s
        .grids
        .iter()
        .map(|g| (g.rows.len(), g.rows[0].len()))
        .collect();
    assert_eq!(dims, [(14, 4), (28, 10), (4, 15)]);
    for g in &s.grids {
        for row in &g.rows {
            assert!(row.iter().all(|c| s.text[c.start..c.end] == c.text));
        }
        let line = &s.text[g.rows[0][0].start..];
        let line = &line[..line.find('\n').unwrap()];
        assert_eq!(line.split('\t').count(), g.rows[0].len());
    }
    let t3 = grid_texts(&s.grids[1]);
    assert!(t3[0][0].starts_with("（本列数据的勾稽关系为"));
    assert_eq!(t3[0][3], "申请人情况");
    assert_eq!(
        t3[1][3..10],
        ["自然人", "法人或其他组织", "", "", "", "", "总计"]
    );
    assert_eq!(
        t3[2][3..10],
        [
            "",
            "商业 企业",
            "科研 机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            ""
        ]
    );
    assert_eq!(s.grids[1].rows[2][3].merged_from, Some((1, 3)));
    assert_eq!(s.grids[1].rows[1][5].merged_from, Some((1, 4)));
    assert_eq!(s.grids[1].rows[5][0].text, "三、本年度办理结果");
    assert_eq!(s.grids[1].rows[10][0].merged_from, Some((5, 0)));
    assert_eq!(t3[26][1], "（七）总计");
    assert_eq!(s.grids[1].rows[26][2].merged_from, Some((26, 1)));
    let t4 = grid_texts(&s.grids[2]);
    assert_eq!(t4[0][0], "行政复议");
    assert_eq!(t4[0][5], "行政诉讼");
    assert_eq!(s.grids[2].rows[0][9].merged_from, Some((0, 5)));
    assert!(t4[3].iter().all(|c| c.is_empty()));
    // Cells holding only U+3000 ideographic spaces are blank cells.
    assert_eq!(grid_texts(&s.grids[0])[2], ["规章", "", "", ""]);
    for heading in [
        "一、总体情况",
        "三、收到和处理政府信息公开申请情况",
        "六、其他需要报告的事项",
    ] {
        assert!(s.text.lines().any(|l| l == heading), "{heading}");
    }
    let cell = s.text.find("行政复议\t").unwrap();
    assert_eq!(s.place(cell).unwrap().to_string(), "表3 第1行 第1列");
}
