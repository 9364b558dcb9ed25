//! The fee statement (收费及减免 / 信息处理费): present where the format wants it,
//! and no zero-fee claim next to an amount above zero.

use super::super::spec::FeeStatement;
use super::super::{Ctx, Finding};
use super::sentences;

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
    for (rs, re) in &regions {
        for (s, e) in sentences(text, *rs, *re) {
            if ctx.any_match(&p.topic, &text[s..e]).is_some() && !topic_sentences.contains(&(s, e))
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
    let zero = topic_sentences
        .iter()
        .find(|(s, e)| ctx.any_match(&p.zero, &text[*s..*e]).is_some());
    let amount = topic_sentences.iter().find_map(|(s, e)| {
        doc.facts.numbers.iter().find(|n| {
            n.start >= *s
                && n.end <= *e
                && (n.unit == "元" || n.unit == "万元")
                && !n.value.is_zero()
                && !n.approximate
        })
    });
    match (zero, amount) {
        (Some((zs, ze)), Some(n)) => vec![Finding::at(n.start, n.end)
            .variant("conflict")
            .var("zero", super::quote(text, *zs, *ze))
            .var("amount", text[n.start..n.end].to_string())
            .expected("0", format!("{}{}", n.value, n.unit))],
        _ => vec![],
    }
}
