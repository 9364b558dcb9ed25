//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`,
//! for grep, editors' quickfix lists and quick looks in CI logs.

use super::{severity_word, FileReport, LOAD_ERROR};

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for f in files {
        if let Some(e) = &f.error {
            out.push_str(&format!(
                "{}:1:1: error[{LOAD_ERROR}] 无法检查：{}\n",
                f.path,
                one_line(e)
            ));
        }
        for d in &f.diagnostics {
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                f.path,
                d.line,
                d.column,
                severity_word(d.severity),
                d.rule,
                one_line(&d.message)
            ));
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}
