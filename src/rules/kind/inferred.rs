//! Inferred sums: the template-free fallback for statistics tables no template covers.

use super::super::{Ctx, Finding};
use crate::document::inferred::{infer, rows, Group};
use crate::document::table::Status;

pub fn run(ctx: &Ctx) -> Vec<Finding> {
    // A table a template reads is checked exactly by the template's rules.
    if ctx.tables.values().any(|t| t.status != Status::Absent) {
        return vec![];
    }
    let (s, e) = ctx.doc.body_span();
    let Some(body) = ctx.doc.text().get(s..e) else {
        return vec![];
    };
    let rows = rows(body);
    let mut out = Vec::new();
    for g in infer(&rows) {
        match g {
            Group::Sum { total, parts } => {
                let t = &rows[total];
                for c in 0..t.cells.len() {
                    let (Some(tv), Some(sum)) = (
                        t.cells[c],
                        parts
                            .iter()
                            .map(|&p| rows[p].cells[c])
                            .try_fold(0i64, |a, v| a.checked_add(v?)),
                    ) else {
                        continue;
                    };
                    if tv != sum {
                        let formula = parts
                            .iter()
                            .map(|&p| {
                                format!("{} {}", rows[p].label, rows[p].cells[c].unwrap_or(0))
                            })
                            .collect::<Vec<_>>()
                            .join(" + ");
                        let mut f = Finding::at(s + t.start, s + t.end)
                            .var("label", t.label.clone())
                            .var("column", (c + 1).to_string())
                            .var("rsum", sum.to_string())
                            .var("lsum", tv.to_string())
                            .var("rformula", formula);
                        f.expected = Some(sum.to_string());
                        f.actual = Some(tv.to_string());
                        out.push(f);
                    }
                }
            }
            Group::Ambiguous { total, why } => {
                let t = &rows[total];
                out.push(
                    Finding::at(s + t.start, s + t.end)
                        .variant("not-assessable")
                        .var("label", t.label.clone())
                        .var("why", why),
                );
            }
        }
    }
    out
}
