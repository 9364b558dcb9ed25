//! `--html FILE`: one self-contained HTML report for people — no scripts, no
//! external assets, inline CSS with print styles, so it opens offline and prints
//! cleanly to PDF. For a batch it starts with an overview (per file, and agencies ×
//! rules); then per file every finding with the quoted text highlighted (a table
//! row shown as cells, the cell of the finding marked). The output is well-formed
//! XML as well as HTML, so tests can parse it back.

use super::escape as hygiene;
use super::summary::verdict;
use super::xml::escape;
use super::{quoted, Context, FileReport, Summary};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use std::collections::BTreeMap;

const CSS: &str = r#"
:root { --err: #b42318; --warn: #b54708; --info: #175cd3; --ok: #067647; --line: #d0d5dd; --muted: #475467; }
* { box-sizing: border-box; }
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; color: #101828; margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.6; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
.meta, .where { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.matrix td.n { text-align: center; }
.matrix th.rule { writing-mode: vertical-rl; white-space: nowrap; font-weight: normal; font-family: monospace; }
.sev-error { color: var(--err); font-weight: bold; }
.sev-warning { color: var(--warn); font-weight: bold; }
.sev-info { color: var(--info); }
td.sev-error { background: #fef3f2; }
td.sev-warning { background: #fffaeb; }
.pass { color: var(--ok); font-weight: bold; }
.fail { color: var(--err); font-weight: bold; }
ol.findings { padding-left: 24px; }
ol.findings li { margin: 0 0 14px; padding: 8px 12px; border-left: 4px solid var(--line); background: #fcfcfd; }
ol.findings li.error { border-left-color: var(--err); }
ol.findings li.warning { border-left-color: var(--warn); }
ol.findings li.info { border-left-color: var(--info); }
ol.findings li.waived { border-left-style: dashed; opacity: 0.85; }
.msg { margin: 4px 0; font-weight: bold; }
.quote { margin: 6px 0; padding: 6px 10px; background: #f9fafb; border: 1px solid #eaecf0; white-space: pre-wrap; font-size: 14px; }
.quote table { margin: 0; }
mark { background: #fedf89; padding: 0 2px; }
td.hit { background: #fedf89; font-weight: bold; }
.help { margin: 4px 0; }
.expect { margin: 4px 0; font-family: monospace; }
td code { white-space: nowrap; }
code { font-family: Consolas, "Courier New", monospace; background: #f2f4f7; padding: 0 3px; }
.reason { color: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  #overview ~ section.file, section.file ~ section.file { break-before: page; }
  ol.findings li { break-inside: avoid; }
  tr { break-inside: avoid; }
  .matrix th.rule { writing-mode: horizontal-tb; }
}
"#;

fn sev_class(s: Severity) -> &'static str {
    super::severity_word(s)
}

/// The line around a finding: (text before, the finding, text after), each clipped.
fn context(text: &str, d: &Diagnostic) -> (String, String, String) {
    let q = quoted(text, d);
    let start = q.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + q.len();
    let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[end..]
        .find('\n')
        .map(|i| end + i)
        .unwrap_or(text.len());
    const CONTEXT: usize = 40;
    let before: String = {
        let b = &text[line_start..start];
        let n = b.chars().count();
        let s: String = b.chars().skip(n.saturating_sub(CONTEXT)).collect();
        if n > CONTEXT {
            format!("…{s}")
        } else {
            s
        }
    };
    let after: String = {
        let a = &text[end..line_end];
        let s: String = a.chars().take(CONTEXT).collect();
        if a.chars().count() > CONTEXT {
            format!("{s}…")
        } else {
            s
        }
    };
    let mid: String = if q.chars().count() > 300 {
        format!("{}…", q.chars().take(300).collect::<String>())
    } else {
        q.to_string()
    };
    let clean = |s: String| hygiene::text(&s).into_owned();
    (clean(before), clean(mid), clean(after))
}

/// A finding inside a table row (cells separated by tabs): the row as cells, the hit marked.
fn row_cells(text: &str, d: &Diagnostic) -> Option<String> {
    let q = quoted(text, d);
    let start = q.as_ptr() as usize - text.as_ptr() as usize;
    let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(text.len());
    let line = &text[line_start..line_end];
    if !line.contains('\t') || q.contains('\n') {
        return None;
    }
    let mut out = String::from("<table><tr>");
    let mut pos = line_start;
    for cell in line.split('\t') {
        let (cs, ce) = (pos, pos + cell.len());
        let hit = start >= cs && start <= ce && (d.length == 0 || start < ce || cs == ce);
        out.push_str(if hit { "<td class=\"hit\">" } else { "<td>" });
        out.push_str(&escape(&hygiene::line(cell)));
        out.push_str("</td>");
        pos = ce + 1;
    }
    out.push_str("</tr></table>");
    Some(out)
}

fn finding(out: &mut String, f: &FileReport, d: &Diagnostic, reason: Option<&str>) {
    let class = if reason.is_some() {
        format!("{} waived", sev_class(d.severity))
    } else {
        sev_class(d.severity).to_string()
    };
    out.push_str(&format!("<li class=\"{class}\">"));
    let mut where_ = format!("第{}行第{}列", d.line, d.column);
    if let Some(s) = &d.section {
        where_.push_str(&format!(" · {s}"));
    }
    if let Some(l) = &d.location {
        where_.push_str(&format!(" · {l}"));
    }
    out.push_str(&format!(
        "<div><span class=\"sev-{}\">{}</span> <code>{}</code> <span class=\"where\">{}</span></div>",
        sev_class(d.severity),
        d.severity.zh(),
        escape(&d.rule),
        escape(&where_)
    ));
    out.push_str(&format!("<p class=\"msg\">{}</p>", escape(&d.message)));
    if let Some(text) = f.text.as_deref() {
        if let Some(cells) = row_cells(text, d) {
            out.push_str(&format!("<div class=\"quote\">{cells}</div>"));
        } else if d.length > 0 || !text.is_empty() {
            let (b, m, a) = context(text, d);
            out.push_str(&format!(
                "<div class=\"quote\">{}<mark>{}</mark>{}</div>",
                escape(&b),
                escape(&m),
                escape(&a)
            ));
        }
    }
    if let (Some(e), Some(a)) = (&d.expected, &d.actual) {
        out.push_str(&format!(
            "<p class=\"expect\">应为 {}，实为 {}</p>",
            escape(e),
            escape(a)
        ));
    }
    if !d.help.is_empty() {
        out.push_str(&format!(
            "<p class=\"help\">修改建议：{}</p>",
            escape(&d.help)
        ));
    }
    if let Some(r) = reason {
        out.push_str(&format!(
            "<p class=\"reason\">已豁免，理由：{}</p>",
            escape(r)
        ));
    }
    out.push_str("</li>\n");
}

fn count(f: &FileReport, s: Severity) -> usize {
    f.diagnostics.iter().filter(|d| d.severity == s).count()
}

fn verdict_cell(f: &FileReport, ctx: &Context) -> String {
    let v = verdict(f, ctx);
    format!(
        "<td class=\"{}\">{v}</td>",
        if v == "通过" { "pass" } else { "fail" }
    )
}

/// Per rule: how many findings, and the worst severity among them.
type RuleCounts<'a> = BTreeMap<&'a str, (usize, Severity)>;

fn overview(out: &mut String, files: &[FileReport], ctx: &Context) {
    out.push_str("<section id=\"overview\">\n<h2>总览</h2>\n<table class=\"files\">\n<tr><th>文件</th><th>机关</th><th>年度</th><th>格式</th><th>错误</th><th>警告</th><th>提示</th><th>已豁免</th><th>结果</th></tr>\n");
    for (i, f) in files.iter().enumerate() {
        out.push_str(&format!(
            "<tr><td><a href=\"#file-{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}</tr>\n",
            i + 1,
            escape(&f.path),
            escape(f.report.agency.as_deref().unwrap_or("—")),
            f.report.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into()),
            escape(f.profile.as_deref().unwrap_or("—")),
            count(f, Severity::Error),
            count(f, Severity::Warning),
            count(f, Severity::Info),
            f.suppressed.len(),
            verdict_cell(f, ctx)
        ));
    }
    out.push_str("</table>\n");
    // Agencies × rules: how often each rule fired for each agency.
    let mut matrix: BTreeMap<String, (usize, RuleCounts)> = BTreeMap::new();
    let mut rules: BTreeMap<&str, ()> = BTreeMap::new();
    for f in files.iter().filter(|f| !f.is_config) {
        let who = f
            .report
            .agency
            .clone()
            .unwrap_or_else(|| format!("（未识别机关）{}", f.path));
        let (files, row) = matrix.entry(who).or_default();
        *files += 1;
        for d in &f.diagnostics {
            let e = row.entry(d.rule.as_str()).or_insert((0, d.severity));
            e.0 += 1;
            e.1 = e.1.max(d.severity);
            rules.insert(d.rule.as_str(), ());
        }
    }
    out.push_str("<h2>机关 × 规则</h2>\n");
    if rules.is_empty() {
        out.push_str("<p>所有机关均未发现问题。</p>\n</section>\n");
        return;
    }
    out.push_str("<table class=\"matrix\">\n<tr><th>机关</th><th>文件数</th>");
    for r in rules.keys() {
        let title = ctx.rule(r).map(|i| i.short()).unwrap_or_default();
        out.push_str(&format!(
            "<th class=\"rule\" title=\"{}\">{}</th>",
            escape(&title),
            escape(r)
        ));
    }
    out.push_str("<th>合计</th></tr>\n");
    for (who, (files, row)) in &matrix {
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{files}</td>",
            escape(who)
        ));
        let mut total = 0;
        for r in rules.keys() {
            match row.get(r) {
                Some((n, s)) => {
                    total += n;
                    out.push_str(&format!("<td class=\"n sev-{}\">{n}</td>", sev_class(*s)));
                }
                None => out.push_str("<td class=\"n\"></td>"),
            }
        }
        out.push_str(&format!("<td class=\"n\">{total}</td></tr>\n"));
    }
    out.push_str("</table>\n</section>\n");
}

fn rules_used(out: &mut String, files: &[FileReport], ctx: &Context) {
    let mut ids: Vec<&str> = files
        .iter()
        .flat_map(|f| f.all_findings())
        .map(|(d, _)| d.rule.as_str())
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return;
    }
    out.push_str("<section id=\"rules\">\n<h2>规则说明</h2>\n<table>\n<tr><th>规则</th><th>说明</th><th>依据</th></tr>\n");
    for id in ids {
        if let Some(r) = ctx.rule(id) {
            let what = r.description.clone().unwrap_or_else(|| r.short());
            out.push_str(&format!(
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
                escape(id),
                escape(&what),
                escape(&r.basis)
            ));
        }
    }
    out.push_str("</table>\n</section>\n");
}

pub fn render(files: &[FileReport], ctx: &Context) -> String {
    let files = &*super::escape::reports(files);
    let s = Summary::of(files);
    let failed = Summary::failed(files);
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>政府信息公开工作年度报告检查结果</title>\n<style>");
    out.push_str(CSS);
    if !ctx.trends.is_empty() {
        out.push_str(super::trend::CSS);
    }
    out.push_str(
        "</style>\n</head>\n<body>\n<header>\n<h1>政府信息公开工作年度报告检查结果</h1>\n",
    );
    let mut line = format!(
        "共 {} 个文件：错误 {} 处，警告 {} 处，提示 {} 处",
        s.files, s.errors, s.warnings, s.infos
    );
    if s.suppressed > 0 {
        line.push_str(&format!("，已豁免 {} 处", s.suppressed));
    }
    if failed > 0 {
        line.push_str(&format!("；{failed} 个文件无法检查"));
    }
    out.push_str(&format!(
        "<p class=\"meta\">{}</p>\n</header>\n",
        escape(&line)
    ));
    if files.len() > 1 {
        overview(&mut out, files, ctx);
    }
    out.push_str(&super::trend::html(&ctx.trends));
    for (i, f) in files.iter().enumerate() {
        out.push_str(&format!(
            "<section class=\"file\" id=\"file-{}\">\n<h2>{}</h2>\n",
            i + 1,
            escape(&f.path)
        ));
        let mut meta = Vec::new();
        if let Some(a) = &f.report.agency {
            meta.push(a.clone());
        }
        if let Some(y) = f.report.year {
            meta.push(format!("{y}年度"));
        }
        if let Some(p) = &f.profile {
            meta.push(format!("格式 {p}"));
        }
        meta.push(format!(
            "错误 {} 处，警告 {} 处，提示 {} 处",
            count(f, Severity::Error),
            count(f, Severity::Warning),
            count(f, Severity::Info)
        ));
        out.push_str(&format!(
            "<p class=\"meta\">{}</p>\n",
            escape(&meta.join(" · "))
        ));
        if let Some(e) = &f.error {
            out.push_str(&format!(
                "<p class=\"fail\">无法检查：{}</p>\n</section>\n",
                escape(e)
            ));
            continue;
        }
        if f.diagnostics.is_empty() {
            out.push_str("<p class=\"pass\">未发现问题。</p>\n");
        } else {
            out.push_str("<ol class=\"findings\">\n");
            for d in &f.diagnostics {
                finding(&mut out, f, d, None);
            }
            out.push_str("</ol>\n");
        }
        if !f.suppressed.is_empty() {
            out.push_str(&format!(
                "<details open=\"open\"><summary>已豁免 {} 处</summary>\n<ol class=\"findings\">\n",
                f.suppressed.len()
            ));
            for sup in &f.suppressed {
                finding(&mut out, f, &sup.diagnostic, Some(&sup.reason));
            }
            out.push_str("</ol>\n</details>\n");
        }
        out.push_str("</section>\n");
    }
    rules_used(&mut out, files, ctx);
    out.push_str(&format!("<footer>由 gongkai {} 生成。本报告为自动检查结果，仅供修改草稿参考。</footer>\n</body>\n</html>\n", env!("CARGO_PKG_VERSION")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::diag;

    #[test]
    fn table_row_cell_is_marked() {
        let text = "项目\t本年新收\t总计\n申请\t12\t<15>\n";
        let d = diag(text, "<15>", "sum", Severity::Error);
        let html = row_cells(text, &d).unwrap();
        assert_eq!(
            html,
            "<table><tr><td>申请</td><td>12</td><td class=\"hit\">&lt;15&gt;</td></tr></table>"
        );
    }

    #[test]
    fn context_is_clipped_to_the_line() {
        let text = "第一行\n前文联系电话后文\n第三行";
        let d = diag(text, "联系电话", "c", Severity::Warning);
        assert_eq!(
            context(text, &d),
            ("前文".into(), "联系电话".into(), "后文".into())
        );
    }
}
