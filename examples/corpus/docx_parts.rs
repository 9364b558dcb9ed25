//! The parts of a .docx besides the body text, and its tables as `w:tbl`.

use super::draft::Draft;
use super::grid::{Cell, Table};
use super::write::{esc, w_run, W_NS};
use std::fmt::Write as _;

pub(crate) const FONTS: [(&str, &str); 6] = [
    ("宋体", "SimSun"),
    ("仿宋_GB2312", "FangSong_GB2312"),
    ("黑体", "SimHei"),
    ("楷体_GB2312", "KaiTi_GB2312"),
    ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    ("Times New Roman", "Times New Roman"),
];

pub(crate) fn font_table() -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"{W_NS}\">"
    );
    for (name, alt) in FONTS {
        let _ = write!(
            s,
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/><w:panose1 w:val=\"02010600030101010101\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/><w:sig w:usb0=\"00000003\" w:usb1=\"288F0000\" w:usb2=\"00000016\" w:usb3=\"00000000\" w:csb0=\"00040001\" w:csb1=\"00000000\"/></w:font>"
        );
    }
    s.push_str("</w:fonts>");
    s
}

pub(crate) fn settings() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"{W_NS}\">\
         <w:zoom w:percent=\"100\"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/>\
         <w:defaultTabStop w:val=\"420\"/><w:drawingGridHorizontalSpacing w:val=\"160\"/>\
         <w:drawingGridVerticalSpacing w:val=\"289\"/><w:displayHorizontalDrawingGridEvery w:val=\"0\"/>\
         <w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:spaceForUL/>\
         <w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/>\
         <w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/></w:compat>\
         <w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/><w:decimalSymbol w:val=\".\"/>\
         <w:listSeparator w:val=\",\"/></w:settings>"
    )
}

pub(crate) fn theme() -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office 主题\"><a:themeElements><a:clrScheme name=\"Office\">",
    );
    for (name, rgb) in [
        ("dk2", "1F497D"),
        ("lt2", "EEECE1"),
        ("accent1", "4F81BD"),
        ("accent2", "C0504D"),
        ("accent3", "9BBB59"),
        ("accent4", "8064A2"),
        ("accent5", "4BACC6"),
        ("accent6", "F79646"),
        ("hlink", "0000FF"),
        ("folHlink", "800080"),
    ] {
        let _ = write!(s, "<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>");
    }
    s.push_str("</a:clrScheme><a:fontScheme name=\"Office\">");
    for kind in ["majorFont", "minorFont"] {
        let _ = write!(
            s,
            "<a:{kind}><a:latin typeface=\"Cambria\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
        );
        for (script, face) in [
            ("Jpan", "ＭＳ ゴシック"),
            ("Hang", "맑은 고딕"),
            ("Hans", "宋体"),
            ("Hant", "新細明體"),
            ("Arab", "Times New Roman"),
            ("Hebr", "Times New Roman"),
            ("Thai", "Angsana New"),
            ("Ethi", "Nyala"),
            ("Beng", "Vrinda"),
            ("Gujr", "Shruti"),
            ("Khmr", "MoolBoran"),
            ("Knda", "Tunga"),
        ] {
            let _ = write!(s, "<a:font script=\"{script}\" typeface=\"{face}\"/>");
        }
        let _ = write!(s, "</a:{kind}>");
    }
    s.push_str("</a:fontScheme><a:fmtScheme name=\"Office\"><a:fillStyleLst>");
    for i in 0..3 {
        let _ = write!(
            s,
            "<a:gradFill rotWithShape=\"1\"><a:gsLst><a:gs pos=\"0\"><a:schemeClr val=\"phClr\"><a:tint val=\"{}\"/><a:satMod val=\"300000\"/></a:schemeClr></a:gs><a:gs pos=\"35000\"><a:schemeClr val=\"phClr\"><a:tint val=\"37000\"/><a:satMod val=\"300000\"/></a:schemeClr></a:gs></a:gsLst><a:lin ang=\"16200000\" scaled=\"1\"/></a:gradFill>",
            50000 + i * 1000
        );
    }
    s.push_str("</a:fillStyleLst></a:fmtScheme></a:themeElements></a:theme>");
    s
}

/// The defaults and the latent (built-in) style list every Word/WPS `styles.xml` carries.
pub(crate) fn latent_styles() -> String {
    let mut s = String::from(
        "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/><w:kern w:val=\"2\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults><w:latentStyles w:defLockedState=\"0\" w:defUIPriority=\"99\" w:defSemiHidden=\"0\" w:defUnhideWhenUsed=\"0\" w:defQFormat=\"0\" w:count=\"260\">",
    );
    let mut names: Vec<String> = vec!["Normal".into(), "Title".into(), "Subtitle".into()];
    for base in ["heading", "index", "toc"] {
        names.extend((1..=9).map(|i| format!("{base} {i}")));
    }
    for n in [
        "Normal Indent",
        "footnote text",
        "annotation text",
        "header",
        "footer",
        "index heading",
        "caption",
        "table of figures",
        "envelope address",
        "envelope return",
        "footnote reference",
        "annotation reference",
        "line number",
        "page number",
        "endnote reference",
        "endnote text",
        "table of authorities",
        "macro",
        "toa heading",
        "List",
        "List Bullet",
        "List Number",
        "Closing",
        "Signature",
        "Default Paragraph Font",
        "Body Text",
        "Body Text Indent",
        "Message Header",
        "Salutation",
        "Date",
        "Body Text First Indent",
        "Note Heading",
        "Block Text",
        "Hyperlink",
        "FollowedHyperlink",
        "Strong",
        "Emphasis",
        "Document Map",
        "Plain Text",
        "E-mail Signature",
        "Normal (Web)",
        "HTML Acronym",
        "HTML Address",
        "HTML Cite",
        "HTML Code",
        "HTML Definition",
        "HTML Keyboard",
        "HTML Preformatted",
        "HTML Sample",
        "HTML Typewriter",
        "HTML Variable",
        "Normal Table",
        "annotation subject",
        "No List",
        "Balloon Text",
        "Table Grid",
        "Placeholder Text",
        "No Spacing",
        "List Paragraph",
        "Quote",
        "Intense Quote",
        "Subtle Emphasis",
        "Intense Emphasis",
        "Subtle Reference",
        "Intense Reference",
        "Book Title",
        "Bibliography",
        "TOC Heading",
    ] {
        names.push(n.to_string());
    }
    for kind in [
        "Light Shading",
        "Light List",
        "Light Grid",
        "Medium Shading 1",
        "Medium List 1",
        "Medium Grid 1",
        "Dark List",
        "Colorful Shading",
        "Colorful List",
        "Colorful Grid",
    ] {
        names.push(kind.to_string());
        names.extend((1..=6).map(|a| format!("{kind} Accent {a}")));
    }
    for (i, n) in names.iter().enumerate() {
        let _ = write!(
            s,
            "<w:lsdException w:name=\"{n}\" w:uiPriority=\"{}\"{}/>",
            i % 70,
            if i % 3 == 0 {
                " w:semiHidden=\"1\" w:unhideWhenUsed=\"1\""
            } else {
                ""
            }
        );
    }
    s.push_str("</w:latentStyles>");
    s
}

pub(crate) fn app_props() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Template>Normal.dotm</Template><TotalTime>0</TotalTime><Pages>6</Pages><Application>WPS Office</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>".to_string()
}

pub(crate) fn core_props(d: &Draft) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>办公室</dc:creator><cp:lastModifiedBy>办公室</cp:lastModifiedBy><cp:revision>3</cp:revision><dcterms:created xsi:type=\"dcterms:W3CDTF\">{}-01-05T08:00:00Z</dcterms:created></cp:coreProperties>",
        esc(&d.title[1]),
        d.year + 1
    )
}

pub(crate) fn docx_table(t: &Table) -> String {
    let mut s = String::from(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders><w:top w:val=\"single\"/><w:bottom w:val=\"single\"/><w:insideH w:val=\"single\"/><w:insideV w:val=\"single\"/></w:tblBorders></w:tblPr><w:tblGrid>",
    );
    for _ in 0..t.ncols {
        s.push_str("<w:gridCol w:w=\"600\"/>");
    }
    s.push_str("</w:tblGrid>");
    for (r, row) in t.grid.iter().enumerate() {
        s.push_str("<w:tr>");
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Anchor { text, cols, rows } => {
                    let mut pr = String::new();
                    if *cols > 1 {
                        let _ = write!(pr, "<w:gridSpan w:val=\"{cols}\"/>");
                    }
                    if *rows > 1 {
                        pr.push_str("<w:vMerge w:val=\"restart\"/>");
                    }
                    let _ = write!(
                        s,
                        "<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{}</w:p></w:tc>",
                        if text.is_empty() {
                            String::new()
                        } else {
                            w_run(text)
                        }
                    );
                }
                // A vertical continuation is a cell of its own (vMerge, same span);
                // a horizontal one is part of the gridSpan and has no element.
                Cell::Covered {
                    anchor_col,
                    anchor_row,
                } if *anchor_col == c && *anchor_row != r => {
                    let cols = match &t.grid[*anchor_row][*anchor_col] {
                        Cell::Anchor { cols, .. } => *cols,
                        Cell::Covered { .. } => 1,
                    };
                    let span = if cols > 1 {
                        format!("<w:gridSpan w:val=\"{cols}\"/>")
                    } else {
                        String::new()
                    };
                    let _ = write!(s, "<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>");
                }
                Cell::Covered { .. } => {}
            }
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}
