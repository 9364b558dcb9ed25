//! `--format github`: GitHub Actions workflow commands (`::error file=…::msg`), which
//! GitHub shows as annotations on the changed files. GitHub caps annotations per
//! step and per job, so [`step_summary`] also renders the whole result as Markdown
//! for `$GITHUB_STEP_SUMMARY` (capped at 1 MiB per step).

use super::{end_line_col, slash_path, FileReport, Summary, LOAD_ERROR};
use crate::diagnostic::Severity;

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=` …) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for f in files {
        let file = escape_property(&slash_path(&f.path));
        if let Some(e) = &f.error {
            out.push_str(&format!(
                "::error file={file},title={LOAD_ERROR}::{}\n",
                escape_data(&format!("无法检查：{e}"))
            ));
        }
        for d in &f.diagnostics {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = format!("file={file},line={},col={}", d.line, d.column);
            if let Some(t) = f.text.as_deref().filter(|_| d.length > 0) {
                let (el, ec) = end_line_col(t, d);
                props.push_str(&format!(",endLine={el},endColumn={ec}"));
            }
            props.push_str(&format!(",title={}", escape_property(&d.rule)));
            let mut msg = d.message.clone();
            if let Some(l) = &d.location {
                msg.push_str(&format!("（{l}）"));
            }
            if !d.help.is_empty() {
                msg.push_str(&format!("\n修改建议：{}", d.help));
            }
            out.push_str(&format!("::{kind} {props}::{}\n", escape_data(&msg)));
        }
    }
    out
}

/// GitHub limits a step summary to 1 MiB; stay well below it.
const SUMMARY_LIMIT: usize = 1000 * 1000;

fn cell(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

/// Markdown for `$GITHUB_STEP_SUMMARY`: totals, a table per file and the findings.
pub fn step_summary(files: &[FileReport]) -> String {
    let files = &*super::escape::reports(files);
    let s = Summary::of(files);
    let failed = Summary::failed(files);
    let mut out = String::from("## gongkai 检查结果\n\n");
    out.push_str(&format!(
        "共 {} 个文件：错误 {} 处，警告 {} 处，提示 {} 处",
        s.files, s.errors, s.warnings, s.infos
    ));
    if s.suppressed > 0 {
        out.push_str(&format!("，已豁免 {} 处", s.suppressed));
    }
    if failed > 0 {
        out.push_str(&format!("；{failed} 个文件无法检查"));
    }
    out.push_str("。\n\n| 文件 | 机关 | 年度 | 错误 | 警告 | 提示 | 已豁免 | 结果 |\n|---|---|---|---:|---:|---:|---:|---|\n");
    for f in files {
        let count = |sev: Severity| f.diagnostics.iter().filter(|d| d.severity == sev).count();
        let result = if f.error.is_some() {
            "✖ 无法检查"
        } else if count(Severity::Error) > 0 {
            "✖ 未通过"
        } else if count(Severity::Warning) > 0 {
            "⚠ 有警告"
        } else {
            "✔ 通过"
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |\n",
            cell(&f.path).replace('`', "'"),
            cell(f.report.agency.as_deref().unwrap_or("")),
            f.report.year.map(|y| y.to_string()).unwrap_or_default(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
            f.suppressed.len(),
            result
        ));
    }
    let total: usize = files
        .iter()
        .map(|f| f.diagnostics.len() + usize::from(f.error.is_some()))
        .sum();
    if total == 0 {
        return out;
    }
    out.push_str("\n### 问题\n\n| 文件 | 位置 | 级别 | 规则 | 说明 |\n|---|---|---|---|---|\n");
    let mut shown = 0;
    'files: for f in files {
        let mut rows: Vec<String> = Vec::new();
        if let Some(e) = &f.error {
            rows.push(format!(
                "| `{}` | | 错误 | `{LOAD_ERROR}` | 无法检查：{} |\n",
                cell(&f.path).replace('`', "'"),
                cell(e)
            ));
        }
        for d in &f.diagnostics {
            let mut place = format!("{}:{}", d.line, d.column);
            if let Some(l) = &d.location {
                place.push_str(&format!(" {}", cell(l)));
            }
            rows.push(format!(
                "| `{}` | {place} | {} | `{}` | {} |\n",
                cell(&f.path).replace('`', "'"),
                d.severity.zh(),
                cell(&d.rule),
                cell(&d.message)
            ));
        }
        for r in rows {
            if out.len() + r.len() > SUMMARY_LIMIT {
                break 'files;
            }
            out.push_str(&r);
            shown += 1;
        }
    }
    if shown < total {
        out.push_str(&format!(
            "\n……另有 {} 处未列出（摘要大小受限），完整结果见其他输出格式。\n",
            total - shown
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50%\n下一行\r"), "50%25%0A下一行%0D");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
