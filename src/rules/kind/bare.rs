//! Table parts left with only their heading (`bare-table-parts`): a 2019/2021-format part
//! that must hold a statistics table (二、三、四) has its heading and nothing under it.
//! The part is there (its heading is right); what is missing is every cell of its table,
//! so the finding is one of blank cells, reported once for all such parts of the report.
//! A heading that is the last thing in the text (an excerpt or a page cut right after it,
//! often mid-heading) cannot be judged: it is reported on its own, at the `cut-off`
//! variant ("无法核对"), never as a table left blank. A table that is there, rows and
//! headers, with not one value in any cell is reported at the `no-numbers` variant; one
//! with fewer values than half its rows (so most rows hold none) at `few-numbers`.

use super::super::spec::BareTableParts;
use super::super::{Ctx, Finding};
use crate::document::table::Status;

/// The part (index into `doc.parts`) of `section` when it has a heading and not one
/// character under it, and the table the pack places there was not found anywhere.
pub(super) fn bare_part(ctx: &Ctx, section: &str) -> Option<usize> {
    let doc = ctx.doc;
    let &i = ctx.parts_for(section).first()?;
    let part = &doc.parts[i];
    let body = &doc.text()[part.body_start..part.end];
    if body.chars().any(|c| !c.is_whitespace()) {
        return None;
    }
    let pack = ctx.rules.pack(ctx.profile)?;
    let table = pack
        .spec
        .tables
        .iter()
        .find(|t| t.section.as_deref() == Some(section))?;
    match ctx.tables.get(&table.id).map(|t| &t.status) {
        Some(Status::Recovered) | Some(Status::Unbound(_)) => None,
        Some(Status::Absent) | None => Some(i),
    }
}

pub fn run(p: &BareTableParts, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let Some(pack) = ctx.rules.pack(ctx.profile) else {
        return vec![];
    };
    let mut parts = Vec::new();
    let mut tables = Vec::new();
    let mut cut = None;
    for id in &p.tables {
        let Some(tpl) = pack.spec.tables.iter().find(|t| &t.id == id) else {
            continue;
        };
        let Some(section) = tpl.section.as_deref() else {
            continue;
        };
        if let Some(i) = bare_part(ctx, section) {
            if ends_text(ctx, i) {
                cut = Some((i, tpl.title.clone()));
            } else {
                parts.push(i);
                tables.push(tpl.title.clone());
            }
        }
    }
    let mut out = Vec::new();
    // Tables whose rows are all there by their labels with not one value anywhere: every
    // cell left empty (the text goes on after the table, so it was not cut short).
    let valueless: Vec<(&str, usize, usize)> = p
        .tables
        .iter()
        .filter_map(|id| {
            let t = ctx.tables.get(id).filter(|t| t.valueless)?;
            let first = t.rows.first()?;
            Some((t.title.as_str(), first.start, first.end))
        })
        .collect();
    if let Some(&(_, s, e)) = valueless.first() {
        let titles: Vec<&str> = valueless.iter().map(|v| v.0).collect();
        out.push(
            Finding::at(s, e)
                .variant("no-numbers")
                .var("tables", titles.join("、")),
        );
    }
    // Tables with a few values and most rows left without any: reported per table, with
    // the counts (which row a value belongs to is not needed to say that most are empty).
    for id in &p.tables {
        let Some(t) = ctx.tables.get(id) else {
            continue;
        };
        let (Some((values, rows)), Some(first)) = (t.sparse, t.rows.first()) else {
            continue;
        };
        out.push(
            Finding::at(first.start, first.end)
                .variant("few-numbers")
                .var("tables", t.title.clone())
                .var("rows", rows.to_string())
                .var("values", values.to_string())
                .var("empty", (rows - values).to_string()),
        );
    }
    if let Some((i, table)) = cut {
        let h = &doc.headings[doc.parts[i].heading];
        out.push(
            Finding::at(h.start, h.end)
                .variant("cut-off")
                .var("parts", format!("「{}」", doc.part_label(&doc.parts[i])))
                .var("tables", table),
        );
    }
    let Some(&first) = parts.first() else {
        return out;
    };
    let h = &doc.headings[doc.parts[first].heading];
    let labels: Vec<String> = parts
        .iter()
        .map(|&i| format!("「{}」", doc.part_label(&doc.parts[i])))
        .collect();
    out.insert(
        0,
        Finding::at(h.start, h.end)
            .var("parts", labels.join(""))
            .var("tables", tables.join("、"))
            .var("count", parts.len().to_string()),
    );
    out
}

/// Part `i` is the last thing in the text: nothing but whitespace follows its heading.
fn ends_text(ctx: &Ctx, i: usize) -> bool {
    let doc = ctx.doc;
    doc.text()[doc.parts[i].end..].trim().is_empty()
}
