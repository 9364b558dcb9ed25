//! `--format checkstyle`: Checkstyle XML, the lint exchange format Jenkins'
//! Warnings NG plugin (`recordIssues(tools: [checkStyle(...)])`) reads.

use super::xml::attr;
use super::{severity_word, FileReport, LOAD_ERROR};

pub fn render(files: &[FileReport]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for f in files {
        out.push_str(&format!("  <file name=\"{}\">\n", attr(&f.path)));
        if let Some(e) = &f.error {
            out.push_str(&format!("    <error line=\"1\" severity=\"error\" message=\"{}\" source=\"gongkai.{LOAD_ERROR}\"/>\n", attr(&format!("无法检查：{e}"))));
        }
        for d in &f.diagnostics {
            out.push_str(&format!(
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"gongkai.{}\"/>\n",
                d.line,
                d.column,
                severity_word(d.severity),
                attr(&d.message),
                attr(&d.rule)
            ));
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
