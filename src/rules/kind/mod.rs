//! Rule kinds: one pure function per kind, `(params, ctx) → findings`.
//! They never print and never panic on document content; when an input they
//! need is missing they report "cannot assess" (a variant) instead of guessing.

mod contact;
mod date;
mod doctype;
mod fee;
mod section;
mod sum;
pub mod table;

use super::spec::Check;
use super::{Ctx, Finding};

pub fn run(check: &Check, ctx: &Ctx) -> Vec<Finding> {
    if ctx.doc.unstructured && needs_outline(check) {
        return vec![];
    }
    match check {
        Check::RequiredSection(p) => section::required(p, ctx),
        Check::HeadingNumbering(_) => section::numbering(ctx),
        Check::SectionOrder(_) => section::order(ctx),
        Check::ContactBlock(p) => contact::run(p, ctx),
        Check::Statement(p) => section::statement(p, ctx),
        Check::FeeStatement(p) => fee::run(p, ctx),
        Check::ProseSum(p) => sum::run(p, ctx),
        Check::StatisticalPeriod(p) => date::period(p, ctx),
        Check::PublicationDeadline(p) => date::deadline(p, ctx),
        Check::YearSlip(p) => date::year_slip(p, ctx),
        Check::DocumentType(p) => doctype::run(p, ctx),
        Check::TableSum(p) => table::sum(p, ctx),
        Check::TableCells(p) => table::cells(p, ctx),
        Check::TableStructure(p) => table::structure(p, ctx),
        Check::ProseTable(p) => table::prose(p, ctx),
        Check::RulemakingAuthority(p) => table::authority(p, ctx),
    }
}

/// The table whose cells a rule reads. Such rules follow the template the table was read
/// with; structure rules stay with the report's own format (they report the legacy layout).
pub fn table_of(check: &Check) -> Option<&str> {
    match check {
        Check::TableSum(p) => Some(&p.table),
        Check::TableCells(p) => Some(&p.table),
        Check::ProseTable(p) => Some(&p.table),
        Check::RulemakingAuthority(p) => Some(&p.table),
        _ => None,
    }
}

/// Kinds that read the report's parts: they cannot judge a text without line structure.
fn needs_outline(check: &Check) -> bool {
    match check {
        Check::RequiredSection(_) | Check::SectionOrder(_) => true,
        Check::Statement(p) => p.section.is_some(),
        Check::FeeStatement(p) => !p.anywhere && !p.sections.is_empty(),
        _ => false,
    }
}

/// Sentences (split at 。 ; ! ? and newlines) of a normalized range: (start, end).
pub(crate) fn sentences(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = from;
    for (i, c) in text[from..to].char_indices() {
        if matches!(c, '。' | ';' | '!' | '?' | '\n') {
            let e = from + i;
            if e > s {
                out.push((s, e));
            }
            s = e + c.len_utf8();
        }
    }
    if to > s {
        out.push((s, to));
    }
    out
}

/// A short quotation of normalized text for messages.
pub(crate) fn quote(text: &str, start: usize, end: usize) -> String {
    let s: String = text[start..end].trim().chars().take(30).collect();
    if text[start..end].trim().chars().count() > 30 {
        format!("{s}…")
    } else {
        s
    }
}

/// The line around a normalized range, quoted for messages.
pub(crate) fn quote_line(text: &str, start: usize, end: usize) -> String {
    let ls = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let le = text[end..]
        .find('\n')
        .map(|i| end + i)
        .unwrap_or(text.len());
    let line: String = text[ls..le]
        .replace(['|', '\t'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let short: String = line.chars().take(30).collect();
    if line.chars().count() > 30 {
        format!("{short}…")
    } else {
        short
    }
}
