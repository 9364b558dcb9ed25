//! A category the prose says was published while its 表二 row is all zero
//! (`published-zero`): “积极主动公开了行政强制、行政诉讼……等信息” over a 行政强制 row of
//! 0 | 0 | 0. Only rows read with certainty count: every listed cell must be bound and
//! hold the number 0 — a blank, a dash or an unread cell is no evidence of anything.

use super::super::spec::PublishedZero;
use super::super::{Ctx, Finding};
use crate::facts::Dec;

pub fn run(p: &PublishedZero, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let Some(t) = ctx.recovered(&p.table) else {
        return vec![];
    };
    let tpl = t.tpl;
    let (from, to) = doc.main_span();
    let exclude = ctx.compiled(&p.exclude);
    let mut out = Vec::new();
    for cat in &p.categories {
        let cells: Vec<(&str, &str)> = cat
            .cells
            .iter()
            .map(|c| c.split_once('.').unwrap_or((c.as_str(), "")))
            .collect();
        let all_zero = !cells.is_empty()
            && cells.iter().all(|(r, c)| {
                t.cell(r, c)
                    .is_some_and(|cell| cell.blank.is_none() && cell.value == Some(Dec::ZERO))
            });
        if !all_zero {
            continue;
        }
        let claim = ctx.compiled(&cat.patterns).into_iter().find_map(|re| {
            re.find_iter(&text[from..to]).find(|m| {
                let (s, e) = (from + m.start(), from + m.end());
                let ls = text[..s].rfind('\n').map_or(0, |i| i + 1);
                let le = text[e..].find('\n').map_or(text.len(), |i| e + i);
                !crate::document::outline::is_table_line(&text[ls..le])
                    && !super::any_matches(&exclude, m.as_str())
            })
        });
        let Some(m) = claim else { continue };
        let (s, e) = (from + m.start(), from + m.end());
        // Several cells of one row (the 2019 format's three columns) are named as the row.
        let one_row = cells.windows(2).all(|w| w[0].0 == w[1].0);
        let label = tpl.rows.iter().find(|r| r.key == cells[0].0);
        let names: Vec<String> = match label {
            Some(row) if cells.len() > 1 && one_row => {
                vec![format!("{}「{}」行各列", t.title, row.label)]
            }
            _ => cells
                .iter()
                .map(|(r, c)| super::table::cell_name(t, tpl, r, c))
                .collect(),
        };
        out.push(
            Finding::at(s, e)
                .var("name", cat.name.clone())
                .var("quote", super::quote(text, s, e))
                .var("cells", names.join("、"))
                .expected("大于 0".to_string(), "0".to_string()),
        );
    }
    out
}
