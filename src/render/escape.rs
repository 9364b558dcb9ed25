//! Output hygiene for the text formats. A draft or a file name can carry terminal
//! escape sequences, carriage returns, newlines or bidirectional overrides; printed
//! raw they recolour or rewrite a terminal, or forge a finding line in a log that is
//! read line by line. Every text format (human, concise, github, gitlab, junit,
//! checkstyle, the summaries and CSV, the HTML report) shows them as visible escapes
//! (`\x1B`, `\n`, `\u{202E}`); JSON, JSON Lines and SARIF keep the exact text (their
//! own string escaping is safe).

use super::{FileReport, Suppressed};
use crate::diagnostic::Diagnostic;
use std::borrow::Cow;

/// Does a character need escaping in a one-line field?
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escaped(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| unsafe_char(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !unsafe_char(c) || keep(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// A one-line field (a path, a location, a quoted value): every control character escaped.
pub fn line(s: &str) -> Cow<'_, str> {
    escaped(s, |_| false)
}

/// Text that may span lines (a message, a help text, document text with table cells):
/// line breaks and tabs kept, every other control character escaped.
pub fn text(s: &str) -> Cow<'_, str> {
    escaped(s, |c| matches!(c, '\n' | '\t'))
}

fn set(field: &mut String, f: fn(&str) -> Cow<'_, str>) {
    if let Cow::Owned(s) = f(field) {
        *field = s;
    }
}

fn set_opt(field: &mut Option<String>, f: fn(&str) -> Cow<'_, str>) {
    if let Some(v) = field {
        set(v, f);
    }
}

fn clean_diagnostic(d: &mut Diagnostic) {
    set(&mut d.message, text);
    set(&mut d.help, text);
    set_opt(&mut d.section, line);
    set_opt(&mut d.location, line);
    set_opt(&mut d.expected, line);
    set_opt(&mut d.actual, line);
}

fn dirty_diagnostic(d: &Diagnostic) -> bool {
    let one = |s: &str| matches!(line(s), Cow::Owned(_));
    let many = |s: &str| matches!(text(s), Cow::Owned(_));
    many(&d.message)
        || many(&d.help)
        || [&d.section, &d.location, &d.expected, &d.actual]
            .iter()
            .any(|v| v.as_deref().is_some_and(one))
}

fn dirty(f: &FileReport) -> bool {
    matches!(line(&f.path), Cow::Owned(_))
        || f.error
            .as_deref()
            .is_some_and(|e| matches!(text(e), Cow::Owned(_)))
        || f.report
            .agency
            .as_deref()
            .is_some_and(|a| matches!(line(a), Cow::Owned(_)))
        || f.diagnostics.iter().any(dirty_diagnostic)
        || f.suppressed.iter().any(|s| {
            dirty_diagnostic(&s.diagnostic)
                || matches!(text(&s.reason), Cow::Owned(_))
                || matches!(line(&s.waiver.config), Cow::Owned(_))
        })
}

/// The reports with every field a text format prints escaped. Borrowed (no copy)
/// in the usual case where nothing needs it. The document text itself is left as
/// it is (offsets point into it): renderers escape the excerpts they cut from it.
pub fn reports(files: &[FileReport]) -> Cow<'_, [FileReport]> {
    if !files.iter().any(dirty) {
        return Cow::Borrowed(files);
    }
    let mut out = files.to_vec();
    for f in &mut out {
        set(&mut f.path, line);
        set_opt(&mut f.error, text);
        set_opt(&mut f.report.agency, line);
        f.diagnostics.iter_mut().for_each(clean_diagnostic);
        for Suppressed {
            diagnostic,
            reason,
            waiver,
        } in &mut f.suppressed
        {
            clean_diagnostic(diagnostic);
            set(reason, text);
            set(&mut waiver.config, line);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible() {
        assert_eq!(line("a\nb\u{1b}[31m\r\t"), "a\\nb\\x1B[31m\\r\\t");
        assert_eq!(text("一\n二\t\u{7}\u{202E}"), "一\n二\t\\x07\\u{202E}");
        assert!(matches!(line("年报/甲.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn reports_are_copied_only_when_needed() {
        let clean = [FileReport::failed("a.txt".into(), "坏".into())];
        assert!(matches!(reports(&clean), Cow::Borrowed(_)));
        let dirty = [FileReport::failed("a\nb.txt".into(), "坏\u{1b}".into())];
        let r = reports(&dirty);
        assert_eq!(r[0].path, "a\\nb.txt");
        assert_eq!(r[0].error.as_deref(), Some("坏\\x1B"));
    }
}
