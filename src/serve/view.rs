//! What the page shows beside the findings: the text the checker read (the offsets of
//! the findings point into it) and the statistics tables as recovered, cell by cell, with
//! each cell's place in that text.

use crate::commands::CheckOptions;
use crate::document::Document;
use crate::rules::{Ctx, RuleSet};
use serde_json::{json, Value};

/// `{path, text, tables: [{id, title, status, columns, rows: [{label, cells: [...]}]}]}`, or
/// `{path, error}` when the file cannot be read.
pub fn view(
    rules: &RuleSet,
    name: &str,
    loaded: Result<crate::source::Source, crate::source::LoadError>,
    opts: &CheckOptions,
) -> Value {
    let src = match loaded {
        Ok(s) => s,
        Err(e) => return json!({"path": name, "error": e.to_string()}),
    };
    let text = src.text.clone();
    let doc = Document::new(src);
    let (_, profile) = crate::commands::year_and_profile(&doc, rules, opts);
    let ctx = Ctx::new(&doc, rules, &profile, &opts.settings);
    let mut tables = Vec::new();
    for (id, t) in &ctx.tables {
        let tpl = t.tpl;
        let status = match &t.status {
            crate::document::table::Status::Recovered => "recovered",
            crate::document::table::Status::Absent => continue,
            crate::document::table::Status::Unbound(_) => "unbound",
        };
        let rows: Vec<Value> = tpl
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let cells: Vec<Value> = (0..tpl.columns.len())
                    .map(|c| {
                        if !t.defined(r, c) {
                            return json!({"kind": "none"});
                        }
                        match t.cell_at(r, c) {
                            Some(cell) => {
                                let (s, e) = doc.norm.span(cell.start, cell.end);
                                match (cell.value, &cell.blank) {
                                    (Some(v), _) => {
                                        json!({"kind": "number", "value": v.to_string(), "start": s, "end": e})
                                    }
                                    (None, Some(m)) => {
                                        json!({"kind": "blank", "marker": m, "start": s, "end": e})
                                    }
                                    (None, None) => json!({"kind": "unread"}),
                                }
                            }
                            None => json!({"kind": "unread"}),
                        }
                    })
                    .collect();
                json!({"key": row.key, "label": row.label, "found": t.row_found_at(r), "cells": cells})
            })
            .collect();
        tables.push(json!({
            "id": id,
            "title": t.title,
            "template": t.profile,
            "status": status,
            "columns": tpl.columns.iter().map(|c| c.label.clone()).collect::<Vec<_>>(),
            "rows": rows,
        }));
    }
    json!({"path": name, "profile": profile, "text": text, "tables": tables})
}
