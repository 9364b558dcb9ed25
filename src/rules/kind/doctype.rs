//! Is the file an annual report at all? A work plan or a notice gets one clear
//! error instead of a flood of "missing section" findings.

use super::super::spec::DocumentType;
use super::super::{Ctx, Finding};

pub fn run(p: &DocumentType, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let (ms, me) = doc.main_span();
    let (_, oe) = doc.opening_span();
    let head_end = oe.max((ms + 600).min(me)).min(me);
    let mut head_end_b = head_end;
    while !text.is_char_boundary(head_end_b) {
        head_end_b -= 1;
    }
    let head = &text[ms..head_end_b];
    let marked = ctx.matches_any(&p.markers, head);
    let mut keys: Vec<&String> = ctx.bindings.iter().flatten().collect();
    keys.sort();
    keys.dedup();
    if marked || keys.len() >= p.min_sections {
        return vec![];
    }
    let table_rows: usize = ctx.tables.values().map(|t| t.rows.len()).sum();
    if p.min_table_rows > 0 && table_rows >= p.min_table_rows {
        return vec![];
    }
    let l = doc.lines[doc.body_lines.0];
    let e = l.start
        + text[l.start..l.end]
            .chars()
            .take(30)
            .map(|c| c.len_utf8())
            .sum::<usize>();
    let kind = ctx
        .any_match(&p.other_kinds, &text[ms..me])
        .map(|(s, e)| text[ms + s..ms + e].to_string());
    if kind.is_none() && p.min_outline > 0 && outline_found(p, ctx, &text[ms..me]) {
        return vec![];
    }
    let first_line = text[ms..me].lines().map(str::trim).find(|l| !l.is_empty());
    if kind.is_none() && first_line.is_some_and(|l| ctx.matches_any(&p.first_part, l)) {
        return vec![];
    }
    let mut f = Finding::at(l.start, e).var("sections", keys.len().to_string());
    f = f.var(
        "kind",
        kind.map(|k| format!("（文中自称「{k}」）"))
            .unwrap_or_default(),
    );
    vec![f]
}

/// At least `min_outline` distinct `outline` patterns (anchored with `^` in the pack) match
/// a short line or a line's short first sentence: a sub-heading, not a phrase inside a
/// sentence. A heading run into its paragraph (“(一)主动公开方面。2023年,……”) is one.
fn outline_found(p: &DocumentType, ctx: &Ctx, body: &str) -> bool {
    let patterns = ctx.compiled(&p.outline);
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .map(|l| l.split_once('。').map_or(l, |(head, _)| head))
        .filter(|l| !l.is_empty() && l.chars().count() <= 40)
        .collect();
    let found = patterns
        .iter()
        .filter(|re| lines.iter().any(|l| re.is_match(l)))
        .count();
    found >= p.min_outline
}
