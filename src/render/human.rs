//! Human output: miette reports in Chinese, one per finding, with the quoted
//! text underlined. The snippet is cropped around the span (report paragraphs are
//! long lines) and the location header counts columns in characters.

use super::{escape, FileReport, Summary};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, Report, SourceCode, SourceSpan, SpanContents,
};

/// A one-line excerpt of the draft that keeps the real line number in the gutter.
struct Excerpt {
    name: String,
    text: String,
    line: usize,
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.line.saturating_sub(1),
            inner.column(),
            inner.line_count(),
        )))
    }
}

pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// A window of the line around the span: (excerpt, span offset within it, span length).
fn excerpt(text: &str, offset: usize, len: usize) -> (String, usize, usize) {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let mut line_end = text[offset..]
        .find('\n')
        .map(|i| offset + i)
        .unwrap_or(text.len());
    // A CRLF line ends before its carriage return.
    if line_end > offset && text.as_bytes()[line_end - 1] == b'\r' {
        line_end -= 1;
    }
    let span_end = (offset + len).min(line_end).max(offset);
    const CONTEXT: usize = 24;
    let start = text[line_start..offset]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map(|(i, _)| line_start + i)
        .unwrap_or(line_start);
    let end = text[span_end..line_end]
        .char_indices()
        .nth(CONTEXT)
        .map(|(i, _)| span_end + i)
        .unwrap_or(line_end);
    let mut s = String::new();
    let mut shift = 0;
    if start > line_start {
        s.push('…');
        shift = '…'.len_utf8();
    }
    // Control characters of the draft are shown escaped; the span moves with them.
    let before = escape::text(&text[start..offset]);
    let span = escape::text(&text[offset..span_end]);
    s.push_str(&before);
    s.push_str(&span);
    s.push_str(&escape::text(&text[span_end..end]));
    if end < line_end {
        s.push('…');
    }
    (s, before.len() + shift, span.len())
}

fn one(d: &Diagnostic, path: &str, text: Option<&str>, handler: &GraphicalReportHandler) -> String {
    let sev = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut where_ = format!("{path}:{}:{}", d.line, d.column);
    if let Some(sec) = &d.section {
        where_.push_str(&format!("  〔{sec}〕"));
    }
    if let Some(loc) = &d.location {
        where_.push_str(&format!("  〔{loc}〕"));
    }
    let mut diag = MietteDiagnostic::new(format!("[{}] {}", d.rule, d.message)).with_severity(sev);
    if !d.help.is_empty() {
        diag = diag.with_help(d.help.clone());
    }
    let mut out = String::new();
    match text {
        Some(t) if d.length > 0 => {
            let (snippet, off, len) = excerpt(t, d.offset, d.length);
            let label = match (&d.expected, &d.actual) {
                (Some(e), Some(a)) => format!("应为 {e}，实为 {a}"),
                _ => "此处".to_string(),
            };
            diag = diag.with_label(LabeledSpan::new(Some(label), off, len.max(1)));
            let report = Report::new(diag).with_source_code(Excerpt {
                name: where_,
                text: snippet,
                line: d.line,
            });
            let _ = handler.render_report(&mut out, report.as_ref());
        }
        _ => {
            let report = Report::new(diag);
            let _ = handler.render_report(&mut out, report.as_ref());
            out.push_str(&format!("   ╰─ {where_}\n"));
        }
    }
    out
}

pub fn render(files: &[FileReport], style: &Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .without_primary_span_start()
        .with_context_lines(1);
    let mut out = String::new();
    for f in files {
        let mut head = format!("■ {}", f.path);
        let mut meta = Vec::new();
        if let Some(p) = &f.profile {
            meta.push(format!("格式 {p}"));
        }
        if let Some(y) = f.report.year {
            meta.push(format!("{y}年度"));
        }
        if let Some(a) = &f.report.agency {
            meta.push(a.clone());
        }
        if !meta.is_empty() {
            head.push_str(&format!("（{}）", meta.join("，")));
        }
        out.push_str(&head);
        out.push('\n');
        if let Some(e) = &f.error {
            out.push_str(&format!("  ✖ 无法检查：{e}\n\n"));
            continue;
        }
        let waived = if f.suppressed.is_empty() {
            String::new()
        } else {
            format!("  （已豁免 {} 处）\n", f.suppressed.len())
        };
        if f.diagnostics.is_empty() {
            out.push_str(&format!("  ✔ 未发现问题\n{waived}\n"));
            continue;
        }
        for d in &f.diagnostics {
            out.push_str(&one(d, &f.path, f.text.as_deref(), &handler));
            out.push('\n');
        }
        if !waived.is_empty() {
            out.push_str(&waived);
            out.push('\n');
        }
    }
    let s = Summary::of(files);
    let failed = Summary::failed(files);
    out.push_str(&format!(
        "共检查 {} 个文件：错误 {} 处，警告 {} 处，提示 {} 处",
        s.files - failed,
        s.errors,
        s.warnings,
        s.infos
    ));
    if s.suppressed > 0 {
        out.push_str(&format!("，已豁免 {} 处", s.suppressed));
    }
    if failed > 0 {
        out.push_str(&format!("；{failed} 个文件无法检查"));
    }
    out.push('\n');
    out
}
