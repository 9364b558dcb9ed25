//! Table parts left with only their heading (`bare-table-parts`): a 2019/2021-format part
//! that must hold a statistics table (二、三、四) has its heading and nothing under it.
//! The part is there (its heading is right); what is missing is every cell of its table,
//! so the finding is one of blank cells, reported once for all such parts of the report.

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
    for id in &p.tables {
        let Some(tpl) = pack.spec.tables.iter().find(|t| &t.id == id) else {
            continue;
        };
        let Some(section) = tpl.section.as_deref() else {
            continue;
        };
        if let Some(i) = bare_part(ctx, section) {
            parts.push(i);
            tables.push(tpl.title.clone());
        }
    }
    let Some(&first) = parts.first() else {
        return vec![];
    };
    let h = &doc.headings[doc.parts[first].heading];
    let labels: Vec<String> = parts
        .iter()
        .map(|&i| format!("「{}」", doc.part_label(&doc.parts[i])))
        .collect();
    vec![Finding::at(h.start, h.end)
        .var("parts", labels.join(""))
        .var("tables", tables.join("、"))
        .var("count", parts.len().to_string())]
}
