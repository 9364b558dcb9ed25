//! The three file formats of a draft: plain text, an HTML page, a Word package.

use super::docx_parts::*;
use super::draft::Draft;
use super::grid::{Block, Cell};
use super::Rng;
use std::fmt::Write as _;
use std::io::Write as _;

pub(crate) fn zh_number(n: usize) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        _ => n.to_string(),
    }
}

pub(crate) fn heading_text(level: u8, number: usize, title: &str) -> String {
    if level == 0 {
        format!("{}、{title}", zh_number(number))
    } else {
        format!("（{}）{title}", zh_number(number))
    }
}

pub(crate) fn write_txt(d: &Draft) -> Vec<u8> {
    let mut s = format!("{}\n{}\n\n", d.title[0], d.title[1]);
    for b in &d.blocks {
        match b {
            Block::Para(p) => {
                s.push_str(p);
                s.push('\n');
            }
            Block::Heading {
                level,
                number,
                title,
                body,
            } => {
                if *level == 0 {
                    s.push('\n');
                }
                s.push_str(&heading_text(*level, *number, title));
                s.push_str(body);
                s.push('\n');
            }
            Block::Table(t) => {
                for l in &t.txt {
                    s.push_str(l);
                    s.push('\n');
                }
            }
        }
    }
    s.into_bytes()
}

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(crate) fn write_html(d: &Draft, rng: &mut Rng) -> Vec<u8> {
    let mut s =
        String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    let _ = write!(
        s,
        "<title>{}</title></head><body>\n<div class=\"nav\">首页 &gt; 政府信息公开 &gt; 年度报告</div>\n<div class=\"article\">\n",
        esc(&d.title[1])
    );
    let _ = writeln!(s, "<h1>{}<br>{}</h1>", esc(&d.title[0]), esc(&d.title[1]));
    let headings_as_h = rng.chance(0.5);
    for b in &d.blocks {
        match b {
            Block::Para(p) => {
                let _ = writeln!(s, "<p>{}</p>", esc(p));
            }
            Block::Heading {
                level,
                number,
                title,
                body,
            } => {
                let text = esc(&heading_text(*level, *number, title));
                if *level == 0 && headings_as_h {
                    let _ = writeln!(s, "<h2>{text}</h2>");
                } else if *level == 0 {
                    let _ = writeln!(s, "<p><strong>{text}</strong></p>");
                } else {
                    let _ = writeln!(s, "<p>{text}{}</p>", esc(body));
                }
            }
            Block::Table(t) => {
                s.push_str("<table border=\"1\" cellspacing=\"0\">\n<tbody>\n");
                for row in &t.grid {
                    s.push_str("<tr>");
                    for c in row {
                        if let Cell::Anchor { text, cols, rows } = c {
                            s.push_str("<td");
                            if *cols > 1 {
                                let _ = write!(s, " colspan=\"{cols}\"");
                            }
                            if *rows > 1 {
                                let _ = write!(s, " rowspan=\"{rows}\"");
                            }
                            let _ = write!(s, ">{}</td>", esc(text));
                        }
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</tbody>\n</table>\n");
            }
        }
    }
    s.push_str("</div>\n<div class=\"footer\">主办单位：政府办公室</div>\n</body></html>\n");
    s.into_bytes()
}

pub(crate) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub(crate) fn w_run(text: &str) -> String {
    format!(
        "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\" w:ascii=\"仿宋_GB2312\" w:hAnsi=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\" w:cs=\"仿宋_GB2312\"/><w:kern w:val=\"0\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(text)
    )
}

pub(crate) fn w_para(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"640\" w:firstLineChars=\"200\"/><w:jc w:val=\"both\"/></w:pPr>{}</w:p>",
        w_run(text)
    )
}

/// A .docx package: document, numbering, styles and the package plumbing.
/// Headings are auto-numbered (numbering.xml) or typed literally, chosen per draft.
pub(crate) fn write_docx(d: &Draft, rng: &mut Rng) -> Vec<u8> {
    let auto = rng.chance(0.5);
    let mut body = String::new();
    for t in &d.title {
        let _ = write!(
            body,
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
            w_run(t)
        );
    }
    for b in &d.blocks {
        match b {
            Block::Para(p) => body.push_str(&w_para(p)),
            Block::Heading {
                level,
                number,
                title,
                body: rest,
            } => {
                if auto {
                    // numId 1: 一、 (level 0) with （一） (level 1) restarting under it.
                    let _ = write!(
                        body,
                        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}{}</w:p>",
                        if *level == 0 { "Heading2" } else { "BodyText" },
                        w_run(title),
                        if rest.is_empty() { String::new() } else { w_run(rest) }
                    );
                } else {
                    let text = format!("{}{rest}", heading_text(*level, *number, title));
                    body.push_str(&w_para(&text));
                }
            }
            Block::Table(t) => body.push_str(&docx_table(t)),
        }
    }
    body.push_str(
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\"/></w:sectPr>",
    );
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\"><w:body>{body}</w:body></w:document>"
    );
    let numbering = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"{W_NS}\">\
         <w:abstractNum w:abstractNumId=\"0\">\
         <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:suff w:val=\"nothing\"/></w:lvl>\
         <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/></w:lvl>\
         </w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W_NS}\">{}\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/><w:basedOn w:val=\"Normal\"/></w:style>\
         </w:styles>",
        latent_styles()
    );
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             <Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
             <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
             </Types>"
                .to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
             </Relationships>"
                .to_string(),
        ),
        (
            "word/_rels/document.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
             </Relationships>"
                .to_string(),
        ),
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
        ("word/styles.xml", styles),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("word/theme/theme1.xml", theme()),
        ("docProps/app.xml", app_props()),
        ("docProps/core.xml", core_props(d)),
    ];
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed timestamp keeps the output byte-identical from run to run.
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, xml) in parts {
        zw.start_file(name, opts).expect("zip entry");
        zw.write_all(xml.as_bytes()).expect("zip write");
    }
    zw.finish().expect("zip finish").into_inner()
}

// The parts every Word/WPS file carries besides the text (gongkai reads none of them);
// they make the generated files the size of real ones.
