//! Cross-year kinds: a draft against last year's report of the same agency.
//! They read two [`Snapshot`]s, never a document: the batch pairs its reports
//! first (`years::pairing`), then runs these on every pair. Like every kind they
//! are pure, and a cell that is blank or missing on either side makes the relation
//! "not assessable", never a pass or a fail.

use super::similarity::percent;
use super::snapshot::{passage_key, section_key, Snapshot, TableSnap};
use crate::facts::Dec;
use crate::rules::spec::{Along, PreviousCells, PreviousText};
use crate::rules::{Anchor, Finding};

/// The two reports of a pair, and how to name them in messages.
pub struct Pair<'a> {
    pub current: &'a Snapshot,
    pub previous: &'a Snapshot,
    /// Last year's report as the user named it (its path).
    pub previous_path: &'a str,
}

impl Pair<'_> {
    fn years(&self, f: Finding) -> Finding {
        let y = |s: &Snapshot| s.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
        f.var("previous", self.previous_path.to_string())
            .var("previous_year", y(self.previous))
            .var("year", y(self.current))
    }
}

/// A cross-year finding: the finding and where it points in this year's draft.
pub type Anchored = (Finding, Anchor);

/// One side's terms of an instance: (table, row, column).
type Term<'t> = (&'t TableSnap, String, String);

fn label<'a>(list: &'a [(String, String)], key: &'a str) -> &'a str {
    list.iter()
        .find(|(k, _)| k == key)
        .map(|(_, l)| l.as_str())
        .unwrap_or(key)
}

/// Σ this year's left = Σ last year's `previous` + Σ `plus` − Σ `minus`, per column
/// (along rows) or per row (along columns).
pub fn cells(p: &PreviousCells, pair: &Pair) -> Vec<Anchored> {
    let Some(t) = pair.current.tables.get(&p.table) else {
        return vec![];
    };
    let prev_id = p.previous_table.as_deref().unwrap_or(&p.table);
    // Last year's format has no such table (or it could not be read): nothing to compare.
    let Some(pt) = pair.previous.tables.get(prev_id) else {
        return vec![];
    };
    let rows = p.along == Along::Rows;
    let over: Vec<String> = match &p.over {
        Some(o) => o.clone(),
        None if rows => t.columns().iter().map(|(k, _)| k.clone()).collect(),
        None => t.rows().iter().map(|(k, _)| k.clone()).collect(),
    };
    let cell = |k: &str, at: &str| -> (String, String) {
        if rows {
            (k.to_string(), at.to_string())
        } else {
            (at.to_string(), k.to_string())
        }
    };
    let name_of = |tab: &TableSnap, (r, c): &(String, String)| -> String {
        let many_columns = tab.row_cells(r) > 1;
        if many_columns {
            format!(
                "「{}」「{}」列",
                label(tab.rows(), r),
                label(tab.columns(), c)
            )
        } else {
            format!("「{}」", label(tab.rows(), r))
        }
    };
    let mut out = Vec::new();
    let mut unassessable = Vec::new();
    for at in &over {
        let side = |keys: &[String]| -> Vec<(String, String)> {
            keys.iter().map(|k| cell(k, at)).collect()
        };
        let (left, prev) = (side(&p.left), side(&p.previous));
        let (plus, minus) = (side(&p.plus), side(&p.minus));
        // An instance the templates do not define (表二 rows have different columns).
        let defined = |tab: &TableSnap, cells: &[(String, String)]| {
            cells.iter().all(|(r, c)| tab.defined(r, c))
        };
        if !(defined(t, &left) && defined(pt, &prev) && defined(t, &plus) && defined(t, &minus)) {
            continue;
        }
        let terms: Vec<Term> = left
            .iter()
            .map(|(r, c)| (t, r.clone(), c.clone()))
            .chain(prev.iter().map(|(r, c)| (pt, r.clone(), c.clone())))
            .chain(plus.iter().map(|(r, c)| (t, r.clone(), c.clone())))
            .chain(minus.iter().map(|(r, c)| (t, r.clone(), c.clone())))
            .collect();
        if terms.iter().any(|(tab, r, c)| tab.value(r, c).is_none()) {
            unassessable.push(if rows {
                format!("「{}」列", label(t.columns(), at))
            } else {
                format!("「{}」行", label(t.rows(), at))
            });
            continue;
        }
        let sum = |tab: &TableSnap, cells: &[(String, String)]| -> Dec {
            cells.iter().fold(Dec::ZERO, |acc, (r, c)| {
                let v = tab.value(r, c).unwrap_or(Dec::ZERO);
                acc.checked_add(v).unwrap_or(acc)
            })
        };
        let l = sum(t, &left);
        let r = {
            let base = sum(pt, &prev).checked_add(sum(t, &plus));
            base.and_then(|b| b.checked_add(sum(t, &minus).checked_mul_int(-1)?))
                .unwrap_or(Dec::ZERO)
        };
        if l.cmp(&r) == std::cmp::Ordering::Equal {
            continue;
        }
        let term = |tab: &TableSnap, cells: &[(String, String)], who: &str| -> Vec<String> {
            cells
                .iter()
                .map(|x| {
                    let v = tab.value(&x.0, &x.1).unwrap_or(Dec::ZERO);
                    format!("{who}{} {v}", name_of(tab, x))
                })
                .collect()
        };
        let mut formula = term(pt, &prev, &format!("上年{}", pt.title)).join(" + ");
        for s in term(t, &plus, "本年") {
            formula.push_str(&format!(" + {s}"));
        }
        for s in term(t, &minus, "本年") {
            formula.push_str(&format!(" − {s}"));
        }
        let first = &left[0];
        let anchor = t
            .cell(&first.0, &first.1)
            .and_then(|c| c.at.clone())
            .unwrap_or_else(|| t.at.clone());
        let f = Finding::default()
            .var("table", t.title.clone())
            .var(
                "where",
                if rows {
                    format!("「{}」列", label(t.columns(), at))
                } else {
                    format!("「{}」行", label(t.rows(), at))
                },
            )
            .var("cell", format!("{}{}", t.title, name_of(t, first)))
            .var(
                "previous_cell",
                prev.first()
                    .map(|x| format!("{}{}", pt.title, name_of(pt, x)))
                    .unwrap_or_default(),
            )
            .var("value", l.to_string())
            .var("expected", r.to_string())
            .var("formula", formula)
            .expected(r.to_string(), l.to_string());
        out.push((pair.years(f), anchor));
    }
    if !unassessable.is_empty() {
        let f = Finding::default()
            .variant("not-assessable")
            .var("table", t.title.clone())
            .var("count", unassessable.len().to_string())
            .var("where", unassessable.join("、"));
        out.push((pair.years(f), t.at.clone()));
    }
    out
}

/// Parts and passages at least `threshold` % the same as last year's, and sentences
/// of last year's report left with last year's number.
pub fn text(p: &PreviousText, pair: &Pair) -> Vec<Anchored> {
    let (cur, prev) = (pair.current, pair.previous);
    let mut out = Vec::new();
    let mut reported: Vec<(usize, usize)> = Vec::new();
    let keys = p
        .sections
        .iter()
        .map(|k| section_key(k))
        .chain(p.passages.iter().map(|k| passage_key(k)));
    for key in keys {
        let (Some(a), Some(b)) = (cur.texts.get(&key), prev.texts.get(&key)) else {
            continue;
        };
        if a.chars().len() < p.min_chars || b.chars().len() < p.min_chars {
            continue;
        }
        // A passage inside a part already reported as copied is not reported again.
        if reported
            .iter()
            .any(|&(s, e)| a.range.0 >= s && a.range.0 < e)
        {
            continue;
        }
        let pct = percent(a.chars(), b.chars());
        if pct < p.threshold {
            continue;
        }
        reported.push(a.range);
        let f = Finding::default()
            .var("what", a.title.clone())
            .var("percent", pct.to_string())
            .var("threshold", p.threshold.to_string());
        out.push((pair.years(f), a.at.clone()));
    }
    if p.stale_years {
        for s in &cur.prior_year {
            if prev.own_year.contains(&s.hash) {
                let f = Finding::default()
                    .variant("year")
                    .var("quote", s.quote.clone());
                out.push((pair.years(f), s.at.clone()));
            }
        }
    }
    out
}
