//! Structure kinds: required sections, heading numbering, section order, required statements.

use super::super::spec::{PartCount, RequiredSection, Statement};
use super::super::{Ctx, Finding};

/// Where to point when something is missing: the title line, else the first line of the report.
fn missing_anchor(ctx: &Ctx) -> (usize, usize) {
    let doc = ctx.doc;
    let l = doc.lines[doc.title.unwrap_or(doc.body_lines.0)];
    (l.start, l.start)
}

/// Has the text fewer than `min` characters of content? Counts no further than `min`
/// (a part is often thousands of characters; the minimum is a few).
fn fewer_content_chars(text: &str, min: usize) -> bool {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '|'))
        .take(min)
        .count()
        < min
}

pub fn required(p: &RequiredSection, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let title = ctx.section_title(&p.section);
    let parts = ctx.parts_for(&p.section);
    if let Some(&i) = parts.first() {
        if !p.require_body {
            return vec![];
        }
        let part = &doc.parts[i];
        let body = &text[part.body_start..part.end];
        let placeholders = ctx.compiled(&p.placeholders);
        let template_text = !p.placeholders.is_empty()
            && body
                .trim()
                .lines()
                .all(|l| l.trim().is_empty() || super::any_matches(&placeholders, l.trim()));
        let placeholder = template_text
            || p.placeholder_is_empty
                && matches!(
                    body.trim().trim_end_matches(['。', '.']),
                    "无" | "暂无" | "没有"
                );
        if p.bare_is_blank_table && super::bare::bare_part(ctx, &p.section) == Some(i) {
            return vec![];
        }
        if fewer_content_chars(body, p.min_chars) || placeholder {
            let h = &doc.headings[part.heading];
            return vec![Finding::at(h.start, h.end)
                .variant("empty")
                .var("title", title)
                .var("heading", doc.part_label(part))];
        }
        return vec![];
    }
    // No part of its own: is the content embedded where the format allows it?
    let (ms, me) = doc.main_span();
    let (bs, be) = doc.body_span();
    let hosts: Vec<usize> = p
        .embedded_in
        .iter()
        .flat_map(|k| ctx.parts_for(k))
        .collect();
    for h in hosts {
        let (s, e) = ctx.part_range(h);
        if ctx.matches_any(&p.evidence, &text[s..e]) {
            return vec![];
        }
    }
    if !p.evidence.is_empty() {
        if let Some((s, e)) = ctx.any_match(&p.evidence, &text[bs..be]) {
            let _ = (ms, me);
            return vec![Finding::at(bs + s, bs + e)
                .variant("elsewhere")
                .var("title", title)
                .var("found", super::quote_line(text, bs + s, bs + e))];
        }
    }
    let (s, e) = missing_anchor(ctx);
    vec![Finding::at(s, e).var("title", title)]
}

pub fn numbering(ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    if doc.unstructured {
        let l = doc.lines[doc.body_lines.0];
        return vec![Finding::at(l.start, l.start).variant("unstructured")];
    }
    let mut out = Vec::new();
    let mut expected = 1;
    for part in &doc.parts {
        let h = &doc.headings[part.heading];
        if h.number != expected {
            out.push(
                Finding::at(h.start, h.end)
                    .var("heading", doc.part_label(part))
                    .var("expected", crate::document::outline::zh_ordinal(expected))
                    .expected(
                        crate::document::outline::zh_ordinal(expected),
                        crate::document::outline::zh_ordinal(h.number),
                    ),
            );
        }
        expected = h.number + 1;
    }
    out
}

/// The stated number of parts against the parts found. Not judged when the outline has
/// a gap or a repeat (`heading-numbering` reports that) or fewer than two parts.
pub fn part_count(p: &PartCount, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let numbers: Vec<u32> = doc
        .parts
        .iter()
        .map(|part| doc.headings[part.heading].number)
        .collect();
    if numbers.len() < 2
        || numbers
            .iter()
            .enumerate()
            .any(|(i, n)| *n as usize != i + 1)
    {
        return vec![];
    }
    let (os, oe) = doc.opening_span();
    let flat = &doc.flat;
    let (fs, fe) = (flat.from_norm(os), flat.from_norm(oe));
    let opening = &flat.text[fs..fe];
    let Some((m, n)) = stated_count(p, ctx, opening) else {
        return vec![];
    };
    let n_text = &opening[n.0..n.1];
    let stated = if n_text.bytes().all(|b| b.is_ascii_digit()) {
        n_text.parse::<usize>().ok()
    } else {
        crate::facts::number::chinese_value(n_text).and_then(|v| usize::try_from(v).ok())
    };
    let Some(stated) = stated else { return vec![] };
    let found = numbers.len();
    let annexed = ctx.matches_any(&p.annexed, &opening[m.0..n.0]);
    if stated == found || (annexed && stated == found + 1) {
        return vec![];
    }
    let (ns, ne) = (flat.to_norm(fs + m.0), flat.to_norm(fs + m.1 - 1) + 1);
    let labels: Vec<String> = doc.parts.iter().map(|x| doc.part_label(x)).collect();
    vec![Finding::at(ns, ne)
        .var("stated", stated.to_string())
        .var("found", found.to_string())
        .var("quote", super::quote(&flat.text, fs + m.0, fs + m.1))
        .var("parts", labels.join("、"))
        .expected(found.to_string(), stated.to_string())]
}

/// The first statement of the part count in `opening`: the range of its match and of its
/// group `n`, as the first statement pattern that matches gives them.
///
/// With `count`, the statement is found (`find`: the lazy DFA alone) and the count read
/// by `count` from the matched words. Working out a group inside the statement pattern's
/// bounded gap (`[^。；;]{0,200}?`) costs a capture engine over the whole match (about
/// 130,000 instructions for one statement of 100 characters); the count pattern, anchored at
/// the match's end, reads a few characters. That both give the same group is the rule's
/// own claim, held by the test `the_count_read_from_the_statement_is_its_group`.
fn stated_count(
    p: &PartCount,
    ctx: &Ctx,
    opening: &str,
) -> Option<((usize, usize), (usize, usize))> {
    let Some(count) = p.count.as_deref() else {
        return statement_group(p, ctx, opening);
    };
    let m = ctx
        .compiled(&p.patterns)
        .into_iter()
        .find_map(|re| re.find(opening))?;
    let c = ctx.re(count)?.captures(m.as_str())?;
    let n = c.name("n")?;
    Some((
        (m.start(), m.end()),
        (m.start() + n.start(), m.start() + n.end()),
    ))
}

/// [`stated_count`] read from the statement pattern's own group `n`.
fn statement_group(
    p: &PartCount,
    ctx: &Ctx,
    opening: &str,
) -> Option<((usize, usize), (usize, usize))> {
    let c = ctx
        .compiled(&p.patterns)
        .into_iter()
        .find_map(|re| re.captures(opening))?;
    let (m, n) = (c.get(0)?, c.name("n")?);
    Some(((m.start(), m.end()), (n.start(), n.end())))
}

/// The part count as [`stated_count`] reads it, and as the statement pattern's own group
/// gives it (tests compare them).
#[cfg(test)]
pub(crate) type StatedCount = Option<((usize, usize), (usize, usize))>;

#[cfg(test)]
pub(crate) fn stated_count_both(
    p: &PartCount,
    ctx: &Ctx,
    opening: &str,
) -> (StatedCount, StatedCount) {
    (
        stated_count(p, ctx, opening),
        statement_group(p, ctx, opening),
    )
}

pub fn order(ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let rank = |key: &str| ctx.sections.iter().position(|s| s.key == key);
    let mut last: Option<(usize, String)> = None;
    let mut out = Vec::new();
    for (i, keys) in ctx.bindings.iter().enumerate() {
        let Some(r) = keys.iter().filter_map(|k| rank(k)).min() else {
            continue;
        };
        if let Some((lr, ltitle)) = &last {
            if r < *lr {
                let h = &doc.headings[doc.parts[i].heading];
                out.push(
                    Finding::at(h.start, h.end)
                        .var("heading", doc.part_label(&doc.parts[i]))
                        .var("before", ltitle.clone()),
                );
            }
        }
        if last.as_ref().is_none_or(|(lr, _)| r > *lr) {
            last = Some((r, doc.part_label(&doc.parts[i])));
        }
    }
    out
}

pub fn statement(p: &Statement, ctx: &Ctx) -> Vec<Finding> {
    statement_with(p, ctx, &|ps| ctx.body_matching(ps))
}

/// [`statement`] with every pattern searched on its own over the body (no shared pass):
/// what the shared pass must answer the same as.
#[cfg(test)]
pub(crate) fn statement_each(p: &Statement, ctx: &Ctx) -> Vec<Finding> {
    statement_with(p, ctx, &|ps| vec![true; ps.len()])
}

/// [`statement`], told by `body` which of a list of patterns can match the body (`false`
/// only for those that certainly do not).
fn statement_with(p: &Statement, ctx: &Ctx, body: &dyn Fn(&[String]) -> Vec<bool>) -> Vec<Finding> {
    let doc = ctx.doc;
    if !p.levels.is_empty() && !ctx.level().is_some_and(|l| p.levels.contains(&l)) {
        return vec![];
    }
    let text = doc.text();
    let mut out = Vec::new();
    let Some(section) = &p.section else {
        // The whole report: every forbidden phrase is a finding; a required one must appear once.
        let (bs, be) = if p.opening {
            let (bs, _) = doc.body_span();
            let (os, oe) = doc.opening_span();
            (os.max(bs), oe)
        } else {
            doc.body_span()
        };
        if p.forbidden {
            // One pass over the body, shared by every whole-report forbidden phrase of the
            // profile's rules, finds which occur at all (most drafts have none). The opening
            // is short: its patterns are searched there on their own.
            let can = if p.opening {
                vec![true; p.patterns.len()]
            } else {
                body(&p.patterns)
            };
            for (pat, _) in p.patterns.iter().zip(can).filter(|(_, c)| *c) {
                let Some(re) = ctx.re(pat) else { continue };
                for m in re.find_iter(&text[bs..be]) {
                    let (fs, fe) = (bs + m.start(), bs + m.end());
                    let heading = doc.section_name(fs).unwrap_or_default();
                    out.push(
                        Finding::at(fs, fe)
                            .var("heading", heading)
                            .var("found", text[fs..fe].to_string()),
                    );
                }
            }
        } else if !ctx.matches_any(&p.patterns, &text[bs..be]) {
            out.push(Finding::at(bs, bs).var("heading", "报告"));
        }
        out.sort_by_key(|f| f.start);
        // Two patterns that find the same wording (a garbled start and a garbled end of
        // one period) make one finding: the first, and no other that overlaps it.
        let mut end = 0;
        out.retain(|f| {
            let keep = f.start >= end || f.start == f.end;
            if keep {
                end = end.max(f.end);
            }
            keep
        });
        return out;
    };
    // One bound part is enough to judge.
    if let Some(&i) = ctx.parts_for(section).first() {
        let (s, e) = ctx.part_range(i);
        // Where a forbidden phrase is matters; a required one only has to be there.
        let found = if p.forbidden {
            ctx.any_match(&p.patterns, &text[s..e])
        } else {
            ctx.matches_any(&p.patterns, &text[s..e]).then_some((0, 0))
        };
        let h = &doc.headings[doc.parts[i].heading];
        match (found, p.forbidden) {
            (None, false) => {
                out.push(Finding::at(h.start, h.end).var("heading", doc.part_label(&doc.parts[i])))
            }
            (Some((fs, fe)), true) => out.push(
                Finding::at(s + fs, s + fe)
                    .var("heading", doc.part_label(&doc.parts[i]))
                    .var("found", super::quote(text, s + fs, s + fe)),
            ),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Counting stops at the minimum, and says what the full count says.
        #[test]
        fn the_bounded_count_says_what_the_full_count_says(
            text in "[公开 。.|\n\u{3000}a]{0,40}",
            min in 0usize..30,
        ) {
            let full = text
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '|'))
                .count();
            prop_assert_eq!(fewer_content_chars(&text, min), full < min);
        }
    }
}
