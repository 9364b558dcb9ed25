//! Table kinds: relations between cells, cell semantics, table structure, prose
//! against table, and 规章 reported by a body that cannot make 规章.
//! A relation that needs a blank, missing or unreadable cell is "not assessable",
//! never a pass or a fail.

use super::super::spec::{
    Along, Comparison, ProseTable, RulemakingAuthority, TableCells, TableStructure, TableSum,
    TableTemplate, ValueType,
};
use super::super::{Ctx, Finding};
use crate::document::table::{Cell, RecoveredTable, Status};
use crate::facts::Dec;

/// The result of one relation instance (one column, or one row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail { left: Dec, right: Dec },
    NotAssessable(Vec<(String, String)>),
}

/// One instance of a relation, with the cells it reads.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The column (along rows) or row (along columns) it is checked in.
    pub at: String,
    pub left: Vec<(String, String)>,
    pub right: Vec<(String, String)>,
    pub outcome: Outcome,
}

pub fn row_label<'a>(tpl: &'a TableTemplate, key: &'a str) -> &'a str {
    tpl.rows
        .iter()
        .find(|r| r.key == key)
        .map(|r| r.label.as_str())
        .unwrap_or(key)
}

pub fn col_label<'a>(tpl: &'a TableTemplate, key: &'a str) -> &'a str {
    tpl.columns
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.label.as_str())
        .unwrap_or(key)
}

/// A cell by template indices: (row, column).
type At = (usize, usize);

/// One evaluated instance, by template indices; names are only made for findings.
struct Eval<'s> {
    /// Index of the column (along rows) or row (along columns) it is checked in.
    at: usize,
    left: &'s [At],
    right: &'s [At],
    outcome: Result<Option<(Dec, Dec)>, &'s [At]>,
}

/// Evaluate every instance of a relation, calling `visit` for each: `Ok(None)` when it
/// holds, `Ok(Some((left, right)))` when it fails, `Err(missing cells)` when a needed
/// cell is blank, missing or not a number. No allocation per instance.
fn evaluate(p: &TableSum, t: &RecoveredTable, mut visit: impl FnMut(Eval)) {
    let tpl = t.tpl;
    let along_rows = p.along == Along::Rows;
    let line = |k: &String| {
        if along_rows {
            t.row_index(k)
        } else {
            t.col_index(k)
        }
    };
    // A key the template does not have defines no instance.
    let Some(lkeys) = p.left.iter().map(line).collect::<Option<Vec<usize>>>() else {
        return;
    };
    let Some(rkeys) = p.right.iter().map(line).collect::<Option<Vec<usize>>>() else {
        return;
    };
    let over: Vec<usize> = match &p.over {
        Some(o) => o
            .iter()
            .filter_map(|k| {
                if along_rows {
                    t.col_index(k)
                } else {
                    t.row_index(k)
                }
            })
            .collect(),
        None if along_rows => (0..tpl.columns.len()).collect(),
        None => (0..tpl.rows.len()).collect(),
    };
    let cell_of = |k: usize, at: usize| if along_rows { (k, at) } else { (at, k) };
    // A table the text ends inside: only a relation within one row (along columns) of
    // the rows read whole is checked; the others have no certain instance.
    let cut = t.status != Status::Recovered && t.cut_rows() > 0;
    if cut && along_rows {
        return;
    }
    // Optional rows the draft does not have are left out.
    let present = |&(r, _): &At| t.row_found_at(r) || !tpl.rows[r].optional;
    let (mut left, mut right, mut missing) = (Vec::new(), Vec::new(), Vec::new());
    for at in over {
        if cut && at >= t.cut_rows() {
            continue;
        }
        // Skip instances the template does not define (表二 rows have different columns).
        if !lkeys
            .iter()
            .chain(&rkeys)
            .all(|&k| t.defined(cell_of(k, at).0, cell_of(k, at).1))
        {
            continue;
        }
        left.clear();
        right.clear();
        missing.clear();
        left.extend(lkeys.iter().map(|&k| cell_of(k, at)).filter(present));
        right.extend(rkeys.iter().map(|&k| cell_of(k, at)).filter(present));
        let mut sum = |cells: &[At]| -> Option<Dec> {
            let mut acc = Dec::ZERO;
            let mut ok = true;
            for &(r, c) in cells {
                match t.certain_at(r, c).and_then(|x| x.value) {
                    Some(v) => acc = acc.checked_add(v).unwrap_or(acc),
                    None => {
                        missing.push((r, c));
                        ok = false;
                    }
                }
            }
            ok.then_some(acc)
        };
        let (l, r) = (sum(&left), sum(&right));
        let outcome = match (l, r) {
            (Some(l), Some(r)) => {
                let ok = match p.op {
                    Comparison::Eq => l == r,
                    Comparison::Le => l <= r,
                };
                Ok((!ok).then_some((l, r)))
            }
            _ => Err(&missing[..]),
        };
        visit(Eval {
            at,
            left: &left,
            right: &right,
            outcome,
        });
    }
}

/// Evaluate every instance of a relation on a recovered table (with keys, for tests and tools).
pub fn instances(p: &TableSum, t: &RecoveredTable) -> Vec<Instance> {
    let tpl = t.tpl;
    let keys = |cells: &[At]| -> Vec<(String, String)> {
        cells
            .iter()
            .map(|&(r, c)| (tpl.rows[r].key.clone(), tpl.columns[c].key.clone()))
            .collect()
    };
    let mut out = Vec::new();
    evaluate(p, t, |e| {
        out.push(Instance {
            at: match p.along {
                Along::Rows => tpl.columns[e.at].key.clone(),
                Along::Columns => tpl.rows[e.at].key.clone(),
            },
            left: keys(e.left),
            right: keys(e.right),
            outcome: match e.outcome {
                Ok(None) => Outcome::Pass,
                Ok(Some((left, right))) => Outcome::Fail { left, right },
                Err(m) => Outcome::NotAssessable(keys(m)),
            },
        })
    });
    out
}

fn formula(cells: &[At], t: &RecoveredTable, along: Along) -> String {
    let tpl = t.tpl;
    cells
        .iter()
        .map(|&(r, c)| {
            let name = match along {
                Along::Rows => &tpl.rows[r].label,
                Along::Columns => &tpl.columns[c].label,
            };
            let v = t
                .certain_at(r, c)
                .and_then(|x| x.value)
                .map(|v| v.to_string())
                .unwrap_or_else(|| "空".into());
            format!("{name} {v}")
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Where a cell is, the way the report names it: 表三「（七）总计」「自然人」列.
pub fn cell_name(t: &RecoveredTable, tpl: &TableTemplate, row: &str, col: &str) -> String {
    match (
        tpl.rows.iter().position(|r| r.key == row),
        tpl.columns.iter().position(|c| c.key == col),
    ) {
        (Some(r), Some(c)) => cell_name_at(t, tpl, r, c),
        _ => format!(
            "{}「{}」「{}」列",
            t.title,
            row_label(tpl, row),
            col_label(tpl, col)
        ),
    }
}

/// [`cell_name`] by template indices.
fn cell_name_at(t: &RecoveredTable, tpl: &TableTemplate, r: usize, c: usize) -> String {
    let row = &tpl.rows[r];
    if tpl.columns.len() == 1 || row.columns.as_ref().is_some_and(|c| c.len() == 1) {
        format!("{}「{}」", t.title, row.label)
    } else {
        format!("{}「{}」「{}」列", t.title, row.label, tpl.columns[c].label)
    }
}

pub fn sum(p: &TableSum, ctx: &Ctx) -> Vec<Finding> {
    let Some(t) = ctx.tables.get(&p.table) else {
        return vec![];
    };
    // A table the text ends inside is read for the relations within its rows read whole.
    if t.status != Status::Recovered && t.cut_rows() == 0 {
        return vec![];
    }
    let tpl = t.tpl;
    let mut out = Vec::new();
    let mut unassessable = Vec::new();
    let where_of = |at: usize| match p.along {
        Along::Rows => format!("「{}」列", tpl.columns[at].label),
        Along::Columns => format!("「{}」行", tpl.rows[at].label),
    };
    evaluate(p, t, |e| match e.outcome {
        Ok(None) => {}
        Ok(Some((left, right))) => {
            let where_ = where_of(e.at);
            let first = e.left.first().copied();
            let (s, end) = first
                .and_then(|(r, c)| t.certain_at(r, c))
                .map(|x| (x.start, x.end))
                .unwrap_or((t.start, t.start));
            let total_cell = match (e.left.len(), first) {
                (1, Some((r, c))) => cell_name_at(t, tpl, r, c),
                _ => format!("{}{}", t.title, where_),
            };
            out.push(
                Finding::at(s, end)
                    .var("table", t.title.clone())
                    .var("where", where_)
                    .var("cell", total_cell)
                    .var("lformula", formula(e.left, t, p.along))
                    .var("rformula", formula(e.right, t, p.along))
                    .var("lsum", left.to_string())
                    .var("rsum", right.to_string())
                    .expected(right.to_string(), left.to_string()),
            );
        }
        Err(_) => unassessable.push(where_of(e.at)),
    });
    if !unassessable.is_empty() {
        let n = unassessable.len();
        let list: Vec<String> = unassessable.into_iter().take(5).collect();
        out.push(
            Finding::at(t.start, t.start)
                .variant("not-assessable")
                .var("table", t.title.clone())
                .var("count", n.to_string())
                .var(
                    "where",
                    format!("{}{}", list.join("、"), if n > 5 { "等" } else { "" }),
                ),
        );
    }
    out
}

pub fn cells(p: &TableCells, ctx: &Ctx) -> Vec<Finding> {
    let Some(t) = ctx.tables.get(&p.table) else {
        return vec![];
    };
    let tpl = t.tpl;
    let text = ctx.doc.text();
    let mut out = Vec::new();
    // Blank cells, listed in the order of their keys.
    let mut blanks: Vec<(usize, usize, &Cell)> = t
        .certain_cells()
        .filter(|(_, _, c)| c.value.is_none())
        .collect();
    blanks.sort_by(|a, b| {
        (&tpl.rows[a.0].key, &tpl.columns[a.1].key)
            .cmp(&(&tpl.rows[b.0].key, &tpl.columns[b.1].key))
    });
    if blanks.len() > p.max_listed {
        let names: Vec<String> = blanks
            .iter()
            .take(5)
            .map(|&(r, c, _)| cell_name_at(t, tpl, r, c))
            .collect();
        out.push(
            Finding::at(blanks[0].2.start, blanks[0].2.end)
                .variant("blank-many")
                .var("table", t.title.clone())
                .var("count", blanks.len().to_string())
                .var(
                    "cells",
                    format!(
                        "{}{}",
                        names.join("、"),
                        if blanks.len() > 5 { "等" } else { "" }
                    ),
                ),
        );
    } else {
        for &(r, c, cell) in &blanks {
            let shown = cell
                .blank
                .clone()
                .filter(|m| !m.is_empty())
                .map(|m| format!("“{m}”"))
                .unwrap_or_else(|| "空白".into());
            out.push(
                Finding::at(cell.start, cell.end)
                    .var("cell", cell_name_at(t, tpl, r, c))
                    .var("marker", shown),
            );
        }
    }
    // Rows of a one-cell-per-line table with fewer numbers than columns (which of their
    // columns is empty is not known, so no cell is named).
    if t.status == Status::Recovered {
        for r in &t.rows {
            let Some(found) = r.short else { continue };
            let n = tpl
                .rows
                .get(r.index)
                .and_then(|x| x.columns.as_ref().map(Vec::len))
                .unwrap_or(tpl.columns.len());
            out.push(
                Finding::at(r.start, r.end)
                    .variant("short")
                    .var("row", format!("{}「{}」", t.title, row_label(tpl, &r.key)))
                    .var("count", found.to_string())
                    .var("expected", n.to_string())
                    .var("missing", n.saturating_sub(found).to_string()),
            );
        }
    }
    for (r, c, cell) in t.certain_cells() {
        let Some(v) = cell.value else { continue };
        let vt = tpl.columns[c]
            .value
            .or(tpl.rows[r].value)
            .unwrap_or(tpl.value);
        let variant = if v.is_negative() && vt != ValueType::Delta {
            "negative"
        } else if vt != ValueType::Money && !v.is_integer() {
            "fraction"
        } else if vt == ValueType::Money && cell.unit.as_deref() == Some("元") {
            "unit"
        } else {
            continue;
        };
        out.push(
            Finding::at(cell.start, cell.end)
                .variant(variant)
                .var("cell", cell_name_at(t, tpl, r, c))
                .var("value", text[cell.start..cell.end].to_string()),
        );
    }
    out
}

/// Is every character of `official` found, in order, in `actual`? (Wrapped labels and
/// stray characters of merged group labels in between are tolerated; missing words are not.)
fn label_matches(official: &str, actual: &str) -> bool {
    let kept = |c: &char| {
        !c.is_whitespace()
            && !matches!(
                c,
                '、' | ','
                    | '.'
                    | '，'
                    | '。'
                    | ':'
                    | ';'
                    | '"'
                    | '\''
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '('
                    | ')'
                    | '（'
                    | '）'
                    | '·'
            )
    };
    let mut it = actual.chars().filter(kept);
    official.chars().filter(kept).all(|w| it.any(|a| a == w))
}

/// The key of the last row read when the text ends with it: every missing row comes
/// after it in the template and nothing but its values and a few header lines (no
/// sentence, no heading) follow it to the end of the text (an excerpt, or a page cut off
/// inside the table). The missing rows are then not known to be missing.
pub(crate) fn cut_off_after<'t>(
    t: &'t crate::rules::RecoveredTable,
    doc: &crate::document::Document,
) -> Option<&'t str> {
    let text = doc.text();
    let last = t.rows.iter().max_by_key(|r| r.end)?;
    let after_last = |k: &String| {
        t.tpl
            .rows
            .iter()
            .position(|x| &x.key == k)
            .is_some_and(|i| i > last.index)
    };
    let tail = text.get(last.end..)?;
    let only_values = tail.chars().count() <= 160
        && tail.lines().filter(|l| !l.trim().is_empty()).count() <= 4
        && !tail.contains(['。', '；', ';'])
        && !doc.headings.iter().any(|h| h.start >= last.end);
    (t.missing_rows.iter().all(after_last)
        && t.rows.iter().all(|r| r.index <= last.index)
        && only_values)
        .then_some(last.key.as_str())
}

/// The part ending at `end` runs to the end of the text, and the text stops inside the
/// part (an excerpt or a page cut there): mid-sentence, or on a row of table cells
/// (`第二十条第（一）项 |`: a table begins and is cut). What is not in it may follow.
fn cut_inside(text: &str, end: usize) -> bool {
    let last = text.trim_end();
    text.get(end..).is_some_and(|t| t.trim().is_empty())
        && (!matches!(
            last.chars().last(),
            None | Some('。' | '.' | '!' | '?' | ')' | '」' | '”' | '"' | '》' | '日' | '|')
        ) || last.lines().last().is_some_and(|l| l.contains(['|', '\t'])))
}

/// The finding that a table is laid out in an older format (`legacy`, a profile).
fn legacy_layout(ctx: &Ctx, own: &TableTemplate, legacy: &str, (s, e): (usize, usize)) -> Finding {
    let name = |profile: &str| ctx.rules.pack(profile).map(|pk| pk.spec.name.clone());
    Finding::at(s, e)
        .variant("legacy")
        .var("table", own.title.clone())
        .var("legacy", name(legacy).unwrap_or_else(|| legacy.to_string()))
        .var("format", name(ctx.profile).unwrap_or_default())
}

/// A table that could not be read, whose region holds at least two column titles of the
/// profile's legacy form that the current form does not have (`对外公开总数量`,
/// `上一年项目数量`, `本年增/减` in a 2021 report), each a whole cell: the old form, known
/// from its header alone. The legacy profile and where the first such title is.
fn old_column_titles<'c>(ctx: &Ctx<'c>, own: &TableTemplate) -> Option<(&'c str, (usize, usize))> {
    let legacy = ctx.rules.pack(ctx.profile)?.spec.legacy.as_deref()?;
    let lt = ctx
        .rules
        .pack(legacy)?
        .spec
        .tables
        .iter()
        .find(|x| x.id == own.id)?;
    let only_old: Vec<&str> = lt
        .columns
        .iter()
        .map(|c| c.label.as_str())
        .filter(|l| !own.columns.iter().any(|c| c.label == *l))
        .collect();
    let text = ctx.doc.text();
    let (s, e) = ctx.table_region(own);
    let mut found: Vec<&str> = Vec::new();
    let mut first = None;
    let mut at = s;
    for line in text[s..e].split_inclusive('\n') {
        let mut from = at;
        for cell in line.split_inclusive(['|', '\t', '\n']) {
            let bare: String = cell
                .trim_end_matches(['|', '\t', '\n'])
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if let Some(l) = only_old.iter().find(|l| **l == bare) {
                if !found.contains(l) {
                    found.push(l);
                }
                first.get_or_insert((from, from + cell.trim_end_matches(['|', '\t', '\n']).len()));
            }
            from += cell.len();
        }
        at += line.len();
    }
    (found.len() >= 2).then_some((legacy, first?))
}

pub fn structure(p: &TableStructure, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let Some(t) = ctx.tables.get(&p.table) else {
        return vec![];
    };
    let Some(own) = ctx
        .rules
        .pack(ctx.profile)
        .and_then(|pk| pk.spec.tables.iter().find(|x| x.id == p.table))
    else {
        return vec![];
    };
    let tpl = ctx.template(&p.table).unwrap_or(own);
    let mut out = Vec::new();
    match &t.status {
        Status::Absent => {
            // Only when the part exists and has content: an empty part is reported by the section rules.
            let Some(i) = own
                .section
                .as_deref()
                .and_then(|k| ctx.parts_for(k).first().copied())
            else {
                return out;
            };
            let part = &doc.parts[i];
            let body = &text[part.body_start..part.end];
            if body.chars().filter(|c| !c.is_whitespace()).count() >= 10 {
                let h = &doc.headings[part.heading];
                out.push(
                    Finding::at(h.start, h.end)
                        .variant(if cut_inside(text, part.end) {
                            "absent-cut"
                        } else {
                            ""
                        })
                        .var("heading", doc.part_label(part))
                        .var("table", format!("{}（{}）", own.title, own.name)),
                );
            }
            return out;
        }
        Status::Unbound(why) => {
            out.push(
                Finding::at(t.start, t.start)
                    .variant("unbound")
                    .var("table", own.title.clone())
                    .var("reason", why.clone()),
            );
            // Its cells are not read, but its column titles may still show the old form.
            if let Some((legacy, anchor)) = old_column_titles(ctx, own) {
                out.push(legacy_layout(ctx, own, legacy, anchor));
            }
            return out;
        }
        Status::Recovered => {}
    }
    if t.profile != ctx.profile {
        let anchor = t
            .rows
            .first()
            .map(|r| (r.start, r.end))
            .unwrap_or((t.start, t.start));
        out.push(legacy_layout(ctx, own, &t.profile, anchor));
    }
    if !t.missing_rows.is_empty() {
        let labels: Vec<&str> = t.missing_rows.iter().map(|k| row_label(tpl, k)).collect();
        let cut = cut_off_after(t, doc);
        out.push(
            Finding::at(t.start, t.start)
                .variant(if cut.is_some() {
                    "cut-off"
                } else {
                    "missing-row"
                })
                .var("last", cut.map(|k| row_label(tpl, k)).unwrap_or_default())
                .var("table", t.title.clone())
                .var("rows", labels.join("」「")),
        );
    }
    for r in &t.rows {
        let official = row_label(tpl, &r.key);
        let check = tpl
            .rows
            .iter()
            .find(|x| x.key == r.key)
            .is_none_or(|x| x.label_check);
        if check && !r.by_position && !label_matches(official, &r.label) {
            out.push(
                Finding::at(r.start, r.end)
                    .variant("label")
                    .var("table", t.title.clone())
                    .var("official", official)
                    .var("actual", text[r.start..r.end].trim().to_string()),
            );
        }
        if r.extra_values > 0 && r.problem.is_none() {
            let n = tpl
                .rows
                .iter()
                .find(|x| x.key == r.key)
                .and_then(|x| x.columns.as_ref().map(Vec::len))
                .unwrap_or(tpl.columns.len());
            out.push(
                Finding::at(r.start, r.end)
                    .variant("columns")
                    .var("table", t.title.clone())
                    .var("row", official)
                    .var("count", (n + r.extra_values).to_string())
                    .var("expected", n.to_string())
                    .expected(n.to_string(), (n + r.extra_values).to_string()),
            );
        }
        // A row with cells left without a number is reported by the cells rule.
        if let Some(problem) = r.problem.as_ref().filter(|_| r.short.is_none()) {
            out.push(
                Finding::at(r.start, r.end)
                    .variant("unreadable-row")
                    .var("table", t.title.clone())
                    .var("row", official)
                    .var("reason", problem.clone()),
            );
        }
    }
    for st in &t.subtotals {
        out.push(
            Finding::at(st.start, st.end)
                .variant("subtotal")
                .var("table", t.title.clone())
                .var("group", st.group.clone()),
        );
        for (ci, col) in tpl.columns.iter().enumerate() {
            let Some(v) = st.values.get(ci).and_then(|c| c.value) else {
                continue;
            };
            let parts: Option<Vec<Dec>> = st
                .members
                .iter()
                .map(|m| t.cell(m, &col.key).and_then(|c| c.value))
                .collect();
            let Some(parts) = parts else { continue };
            let total = parts.iter().try_fold(Dec::ZERO, |a, b| a.checked_add(*b));
            if let Some(total) = total {
                if total != v {
                    let c = &st.values[ci];
                    out.push(
                        Finding::at(c.start, c.end)
                            .variant("subtotal-sum")
                            .var("table", t.title.clone())
                            .var("group", st.group.clone())
                            .var("column", col.label.clone())
                            .expected(total.to_string(), v.to_string()),
                    );
                }
            }
        }
    }
    out
}

fn parse_cell_ref(s: &str) -> (String, String) {
    match s.split_once('.') {
        Some((r, c)) => (r.to_string(), c.to_string()),
        None => (s.to_string(), String::new()),
    }
}

pub fn prose(p: &ProseTable, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let Some(t) = ctx.readable(&p.table) else {
        return vec![];
    };
    let tpl = t.tpl;
    let (bs, be) = doc.body_span();
    let flat = &doc.flat;
    let (ms, me) = (flat.from_norm(bs), flat.from_norm(be));
    let ftext = flat.text.as_str();
    let mut out = Vec::new();
    for st in &p.statements {
        let cells: Vec<(String, String)> = st.cells.iter().map(|c| parse_cell_ref(c)).collect();
        let defined = |(r, c): &(String, String)| {
            t.row_index(r)
                .zip(t.col_index(c))
                .is_some_and(|(r, c)| t.defined(r, c))
        };
        if !cells.iter().all(defined) {
            continue;
        }
        // A blank row total is bounded below by its row's filled cells (`bounded`).
        let mut bounded = false;
        let values: Option<Vec<Dec>> = cells
            .iter()
            .map(|(r, c)| {
                let cell = t.certain_cell(r, c)?;
                if let Some(v) = cell.value {
                    return Some(v);
                }
                let lower = row_lower_bound(t, r, c, p.row_total.as_deref(), cell)?;
                bounded = true;
                Some(lower)
            })
            .collect();
        let Some(values) = values else { continue };
        let Some(target) = values.iter().try_fold(Dec::ZERO, |a, b| a.checked_add(*b)) else {
            continue;
        };
        let mut seen = std::collections::HashSet::new();
        for re in ctx.searched(&st.patterns, &ftext[ms..me]) {
            for c in re.captures_iter(&ftext[ms..me]) {
                let Some(n) = c.name("n") else { continue };
                let (ns, ne) = (
                    flat.to_norm(ms + n.start()),
                    flat.to_norm(ms + n.end() - 1) + 1,
                );
                // Numbers inside the table itself are not prose. Line bounds come from
                // the draft's line index: scanning for them at each match was
                // quadratic on a long line.
                let line = doc.line_at(ns);
                if crate::document::outline::is_table_line(&text[line.start..line.end])
                    || !seen.insert(ns)
                {
                    continue;
                }
                if !st.exclude.is_empty() || st.other_years_excluded {
                    let at = ms + n.start();
                    // The clause is looked for within a bounded window: a long line
                    // without punctuation must not make every match rescan it.
                    let mut window = at.saturating_sub(600);
                    while !ftext.is_char_boundary(window) {
                        window -= 1;
                    }
                    let clause_start = ftext[window..at]
                        .char_indices()
                        .rev()
                        .find(|(_, c)| matches!(c, '。' | ';' | '!' | '?' | ',' | ':' | '、'))
                        .map(|(i, c)| window + i + c.len_utf8())
                        .unwrap_or(window);
                    let clause = &ftext[clause_start..at];
                    if ctx.matches_any(&st.exclude, clause)
                        || (st.other_years_excluded && names_other_year(clause, ctx.year()))
                    {
                        continue;
                    }
                }
                let Some(v) = Dec::parse(n.as_str()) else {
                    continue;
                };
                let wrong = if st.at_least && !bounded {
                    v < target
                } else if bounded {
                    // Only a number below the filled cells is certainly wrong.
                    !st.at_least && v < target
                } else {
                    v != target
                };
                if wrong {
                    let m = c
                        .get(0)
                        .map(|m| (ms + m.start(), ms + m.end()))
                        .unwrap_or((ns, ne));
                    // The separator a pattern matched before the words is not quoted.
                    let lead = ftext[m.0..m.1]
                        .char_indices()
                        .find(|(_, c)| !matches!(c, ',' | ';' | ':' | '、' | '。'))
                        .map_or(0, |(i, _)| i);
                    let quote = super::quote(ftext, m.0 + lead, m.1);
                    let names: Vec<String> =
                        cells.iter().map(|(r, c)| cell_name(t, tpl, r, c)).collect();
                    out.push(
                        Finding::at(ns, ne)
                            .variant(if bounded { "below" } else { "" })
                            .var("name", st.name.clone())
                            .var("quote", quote)
                            .var("value", v.to_string())
                            .var("cells", names.join(" + "))
                            .var("table_value", target.to_string())
                            .expected(target.to_string(), v.to_string()),
                    );
                }
            }
        }
    }
    out
}

/// The sum of the filled cells of row `r` besides `col`, when `col` is the table's row-total
/// column, the cell is blank (not unread), and at least one other cell of the row is filled.
fn row_lower_bound(
    t: &RecoveredTable,
    r: &str,
    col: &str,
    row_total: Option<&str>,
    cell: &Cell,
) -> Option<Dec> {
    if row_total != Some(col) || cell.blank.is_none() {
        return None;
    }
    let ri = t.row_index(r)?;
    let ci = t.col_index(col)?;
    let filled: Vec<Dec> = (0..t.tpl.columns.len())
        .filter(|&c| c != ci)
        .filter_map(|c| t.cell_at(ri, c).and_then(|x| x.value))
        .collect();
    if filled.is_empty() || filled.iter().any(|v| v.is_negative()) {
        return None;
    }
    filled.iter().try_fold(Dec::ZERO, |a, b| a.checked_add(*b))
}

pub fn authority(p: &RulemakingAuthority, ctx: &Ctx) -> Vec<Finding> {
    let (Some(t), Some(tpl)) = (ctx.tables.get(&p.table), ctx.template(&p.table)) else {
        return vec![];
    };
    let Some(agency) = ctx.doc.facts.agency.as_deref() else {
        return vec![];
    };
    let allowed = ctx.matches_any(&p.allowed, agency);
    let denied = ctx.matches_any(&p.denied, agency);
    if allowed || !denied {
        return vec![];
    }
    let mut out = Vec::new();
    for c in &p.cells {
        let (r, col) = parse_cell_ref(c);
        if let Some(cell) = t.cell(&r, &col) {
            if cell.value.is_some_and(|v| v > Dec::ZERO) {
                out.push(
                    Finding::at(cell.start, cell.end)
                        .var("agency", agency.to_string())
                        .var("cell", cell_name(t, tpl, &r, &col))
                        .var(
                            "value",
                            cell.value.map(|v| v.to_string()).unwrap_or_default(),
                        ),
                );
            }
        }
    }
    out
}

/// Whether `clause` names a year (four digits and 年) other than `year` (any year when the
/// report year is unknown).
fn names_other_year(clause: &str, year: Option<i32>) -> bool {
    let b = clause.as_bytes();
    clause.match_indices('年').any(|(i, _)| {
        i >= 4
            && b[i - 4..i].iter().all(u8::is_ascii_digit)
            && !(i >= 5 && b[i - 5].is_ascii_digit())
            && clause[i - 4..i]
                .parse::<i32>()
                .is_ok_and(|y| Some(y) != year)
    })
}
