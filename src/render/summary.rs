//! Run summaries for people: `--statistics` (findings per rule), `--summary`
//! (one row per file) and `--summary-csv` (one row per file, one column per rule,
//! for spreadsheets).

use super::{Context, FileReport, LOAD_ERROR};
use crate::diagnostic::Severity;
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

/// Pad to a display width (CJK characters count two columns).
fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn pad_left(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

/// Cut to at most `width` display columns, marking the cut with `…`.
fn clip(s: &str, width: usize) -> String {
    if UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if UnicodeWidthStr::width(out.as_str())
            + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
            + 1
            > width
        {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The profile column; a configuration file (listed for its unused waivers) says so.
fn profile(f: &FileReport) -> Option<String> {
    if f.is_config {
        Some("配置文件".into())
    } else {
        f.profile.clone()
    }
}

fn count(f: &FileReport, s: Severity) -> usize {
    f.diagnostics.iter().filter(|d| d.severity == s).count()
}

/// The verdict on one file under the run's `--fail-on`.
pub fn verdict(f: &FileReport, ctx: &Context) -> &'static str {
    if f.error.is_some() {
        "无法检查"
    } else if f.diagnostics.iter().any(|d| ctx.fails(d.severity)) {
        "未通过"
    } else {
        "通过"
    }
}

/// Table of a run laid out with display widths.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| UnicodeWidthStr::width(*h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(UnicodeWidthStr::width(c.as_str()));
        }
    }
    let line = |cells: Vec<String>| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if right[i] {
                    pad_left(c, widths[i])
                } else {
                    pad(c, widths[i])
                }
            })
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    out.push_str(&line(widths.iter().map(|w| "─".repeat(*w)).collect()));
    for r in rows {
        out.push_str(&line(r.clone()));
    }
    out
}

/// `--statistics`: findings per rule, most frequent first.
pub fn statistics(files: &[FileReport], ctx: &Context) -> String {
    let files = &*super::escape::reports(files);
    #[derive(Default)]
    struct Row {
        count: usize,
        files: usize,
        suppressed: usize,
        severity: Option<Severity>,
    }
    let mut rows: BTreeMap<&str, Row> = BTreeMap::new();
    for f in files {
        let mut seen: Vec<&str> = Vec::new();
        if f.error.is_some() {
            let r = rows.entry(LOAD_ERROR).or_default();
            r.count += 1;
            r.files += 1;
            r.severity = Some(Severity::Error);
        }
        for d in &f.diagnostics {
            let r = rows.entry(d.rule.as_str()).or_default();
            r.count += 1;
            r.severity = r.severity.max(Some(d.severity));
            if !seen.contains(&d.rule.as_str()) {
                seen.push(d.rule.as_str());
                r.files += 1;
            }
        }
        for s in &f.suppressed {
            rows.entry(s.diagnostic.rule.as_str())
                .or_default()
                .suppressed += 1;
        }
    }
    if rows.is_empty() {
        return "规则统计：没有发现问题\n".into();
    }
    let mut sorted: Vec<(&str, Row)> = rows.into_iter().collect();
    sorted.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
    let total: usize = sorted.iter().map(|r| r.1.count).sum();
    let body: Vec<Vec<String>> = sorted
        .iter()
        .map(|(id, r)| {
            let what = if *id == LOAD_ERROR {
                "文件无法读取或解码".to_string()
            } else {
                ctx.rule(id).map(|i| i.short()).unwrap_or_default()
            };
            vec![
                r.count.to_string(),
                r.files.to_string(),
                r.suppressed.to_string(),
                r.severity.map(|s| s.zh()).unwrap_or("—").to_string(),
                id.to_string(),
                clip(&what, 40),
            ]
        })
        .collect();
    let mut out = String::from("规则统计：\n");
    out.push_str(&table(
        &["次数", "文件数", "已豁免", "级别", "规则", "说明"],
        &body,
        &[true, true, true, false, false, false],
    ));
    out.push_str(&format!("合计 {total} 处，涉及 {} 条规则\n", sorted.len()));
    out
}

/// `--summary`: one row per file.
pub fn files_table(files: &[FileReport], ctx: &Context) -> String {
    let files = &*super::escape::reports(files);
    let body: Vec<Vec<String>> = files
        .iter()
        .map(|f| {
            vec![
                f.path.clone(),
                clip(f.report.agency.as_deref().unwrap_or("—"), 30),
                f.report
                    .year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "—".into()),
                profile(f).unwrap_or_else(|| "—".into()),
                count(f, Severity::Error).to_string(),
                count(f, Severity::Warning).to_string(),
                f.suppressed.len().to_string(),
                verdict(f, ctx).to_string(),
            ]
        })
        .collect();
    let passed = files.iter().filter(|f| verdict(f, ctx) == "通过").count();
    let mut out = String::from("文件汇总：\n");
    out.push_str(&table(
        &[
            "文件",
            "机关",
            "年度",
            "格式",
            "错误",
            "警告",
            "已豁免",
            "结果",
        ],
        &body,
        &[false, false, false, false, true, true, true, false],
    ));
    out.push_str(&format!(
        "通过 {passed} 个，未通过或无法检查 {} 个\n",
        files.len() - passed
    ));
    let trends = super::trend::text(&ctx.trends);
    if !trends.is_empty() {
        out.push('\n');
        out.push_str(&trends);
    }
    out
}

/// Quote a CSV field (RFC 4180) and defuse spreadsheet formulas.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `--summary-csv`: UTF-8 with a BOM so that Excel reads the Chinese correctly.
pub fn csv(files: &[FileReport], ctx: &Context) -> String {
    let files = &*super::escape::reports(files);
    let rule_ids: Vec<&str> = ctx.rules.iter().map(|r| r.id.as_str()).collect();
    let mut out = String::from("\u{FEFF}");
    let mut header: Vec<String> = [
        "文件",
        "机关",
        "年度",
        "格式",
        "错误",
        "警告",
        "提示",
        "已豁免",
        "结果",
        LOAD_ERROR,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(rule_ids.iter().map(|s| s.to_string()));
    // Year-over-year figures, when the run has agencies with consecutive years.
    let (trend_header, trend_cells) = super::trend::csv_columns(&ctx.trends);
    header.extend(trend_header.iter().cloned());
    out.push_str(
        &header
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for f in files {
        let mut row = vec![
            f.path.clone(),
            f.report.agency.clone().unwrap_or_default(),
            f.report.year.map(|y| y.to_string()).unwrap_or_default(),
            profile(f).unwrap_or_default(),
            count(f, Severity::Error).to_string(),
            count(f, Severity::Warning).to_string(),
            count(f, Severity::Info).to_string(),
            f.suppressed.len().to_string(),
            verdict(f, ctx).to_string(),
            usize::from(f.error.is_some()).to_string(),
        ];
        for id in &rule_ids {
            row.push(
                f.diagnostics
                    .iter()
                    .filter(|d| d.rule == *id)
                    .count()
                    .to_string(),
            );
        }
        if !trend_header.is_empty() {
            match trend_cells.get(f.path.as_str()) {
                Some(cells) => row.extend(cells.iter().cloned()),
                None => row.extend(trend_header.iter().map(|_| String::new())),
            }
        }
        out.push_str(
            &row.iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting_and_formulas() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("市民政局"), "市民政局");
    }

    #[test]
    fn widths() {
        assert_eq!(pad("民政", 6), "民政  ");
        assert_eq!(pad_left("3", 3), "  3");
        assert_eq!(clip("一二三四五", 6), "一二…");
    }
}
