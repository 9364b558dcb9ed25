//! The fee statement (收费及减免 / 信息处理费): present where the format wants it,
//! and no zero-fee claim next to an amount above zero.

use super::super::pattern::ranges_matching;
use super::super::spec::FeeStatement;
use super::super::{Ctx, Finding};

pub fn run(p: &FeeStatement, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let mut regions: Vec<(usize, usize)> = p
        .sections
        .iter()
        .flat_map(|k| ctx.parts_for(k))
        .map(|i| ctx.part_range(i))
        .collect();
    if p.anywhere || p.sections.is_empty() {
        regions.push(doc.body_span());
    }
    let mut topic_sentences = Vec::new();
    let topic = ctx.compiled(&p.topic);
    let placeholders = ctx.compiled(&p.placeholders);
    // The line around a sentence, trimmed: a template's placeholder fills its whole line.
    let line_of = |s: usize| {
        let a = text[..s].rfind('\n').map_or(0, |i| i + 1);
        let b = text[s..].find('\n').map_or(text.len(), |i| s + i);
        text[a..b].trim()
    };
    for &(rs, re) in &regions {
        let sentences = ctx.sentences(rs, re);
        let hit = ranges_matching(&topic, text, (rs, re), &sentences);
        for (&(s, e), hit) in sentences.iter().zip(hit) {
            if hit
                && !super::any_matches(&placeholders, line_of(s))
                && !topic_sentences.contains(&(s, e))
            {
                topic_sentences.push((s, e));
            }
        }
    }
    if topic_sentences.is_empty() {
        if !p.require {
            return vec![];
        }
        let anchor = p
            .sections
            .iter()
            .flat_map(|k| ctx.parts_for(k))
            .next()
            .map(|i| {
                let h = &doc.headings[doc.parts[i].heading];
                (h.start, h.end)
            });
        let (s, e) = anchor.unwrap_or_else(|| {
            let l = doc.lines[doc.title.unwrap_or(doc.body_lines.0)];
            (
                l.start,
                l.start
                    + doc.norm.text[l.start..l.end]
                        .chars()
                        .take(20)
                        .map(|c| c.len_utf8())
                        .sum::<usize>(),
            )
        });
        let where_ = p
            .sections
            .first()
            .map(|k| ctx.section_title(k))
            .unwrap_or_else(|| "报告".into());
        return vec![Finding::at(s, e).var("section", where_)];
    }
    let zero_res = ctx.compiled(&p.zero);
    let zero_any = ctx.compiled(&p.zero_any);
    let general_zero = || {
        regions.iter().find_map(|&(rs, re)| {
            ctx.sentences(rs, re)
                .into_iter()
                .find(|(s, e)| super::any_matches(&zero_any, &text[*s..*e]))
        })
    };
    let zero = topic_sentences
        .iter()
        .find(|(s, e)| super::any_matches(&zero_res, &text[*s..*e]))
        .copied();
    let amount = topic_sentences.iter().find_map(|(s, e)| {
        doc.facts.numbers.iter().find(|n| {
            n.start >= *s
                && n.end <= *e
                && (n.unit == "元" || n.unit == "万元")
                && !n.value.is_zero()
                && !n.approximate
        })
    });
    let mut out = Vec::new();
    let claim = zero.or_else(|| amount.and_then(|_| general_zero()));
    if let (Some((zs, ze)), Some(n)) = (claim, amount) {
        out.push(
            Finding::at(n.start, n.end)
                .variant("conflict")
                .var("zero", super::quote(text, zs, ze))
                .var("amount", text[n.start..n.end].to_string())
                .expected("0", format!("{}{}", n.value, n.unit)),
        );
    }
    // Prose against the table.
    if let Some((cell, name, t)) = p.amount_cell.as_deref().and_then(|c| table_cell(ctx, c)) {
        if let Some(v) = cell.value {
            let (s, e) = (cell.start, cell.end);
            if !v.is_zero() {
                if let Some((zs, ze)) = zero {
                    out.push(
                        Finding::at(zs, ze)
                            .variant("table")
                            .var("zero", super::quote(text, zs, ze))
                            .var("cell", name)
                            .var("value", v.to_string())
                            .var("table", t),
                    );
                }
            } else if let Some(n) = amount {
                out.push(
                    Finding::at(s, e)
                        .variant("table")
                        .var("zero", text[n.start..n.end].to_string())
                        .var("cell", name)
                        .var("value", "0")
                        .var("table", t),
                );
            }
        }
    }
    if let Some((cell, name, _)) = p.notice_cell.as_deref().and_then(|c| table_cell(ctx, c)) {
        if let (Some(v), Some((zs, ze))) = (cell.value, zero) {
            if !v.is_zero() && amount.is_none() {
                out.push(
                    Finding::at(zs, ze)
                        .variant("notice")
                        .var("zero", super::quote(text, zs, ze))
                        .var("cell", name)
                        .var("value", v.to_string()),
                );
            }
        }
    }
    out
}

/// A recovered cell named `table.row.column`, its name for messages, and the table title.
fn table_cell<'a>(
    ctx: &'a Ctx,
    spec: &str,
) -> Option<(&'a crate::document::table::Cell, String, String)> {
    let mut it = spec.splitn(3, '.');
    let (table, row, col) = (it.next()?, it.next()?, it.next()?);
    let t = ctx.tables.get(table)?;
    let tpl = ctx.template(table)?;
    let cell = t.cell(row, col)?;
    Some((
        cell,
        super::table::cell_name(t, tpl, row, col),
        t.title.clone(),
    ))
}
