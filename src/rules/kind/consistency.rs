//! Contradictions inside one report: a claim that nothing happened (`未收到政府信息公开申请`)
//! against a count above zero, and one quantity stated with different numbers.
//!
//! Only sentences about the whole report year are compared: a sentence that names another
//! year or period, or a clause that names a part (`其中`, a channel, a sub-unit), is left
//! alone — a contradiction is reported only when both sides are certainly the same quantity.
//! Table values are read only from a recovered table whose cells all hold numbers.

use super::super::spec::{RepeatedCount, ZeroClaim};
use super::super::{Ctx, Finding};
use super::table::cell_name;
use crate::facts::Dec;

/// A number stated in prose: normalized range of the digits, the value and a quotation.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    value: Dec,
    quote: String,
    /// Flat range of its sentence.
    sentence: (usize, usize),
}

fn is_stop(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?')
}

fn is_clause_stop(c: char) -> bool {
    is_stop(c) || matches!(c, ',' | ':' | '、' | '，')
}

/// `(start, end)` of the span around `at` delimited by `stop` characters.
fn span_around(text: &str, at: usize, stop: fn(char) -> bool) -> (usize, usize) {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| stop(*c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| stop(*c))
        .map(|(i, _)| at + i)
        .unwrap_or(text.len());
    (start, end)
}

/// Does the text name a year other than the report's (`2022年`)?
fn other_year(s: &str, year: Option<i32>) -> bool {
    let Some(year) = year else { return false };
    s.match_indices('年').any(|(i, _)| {
        let b = &s.as_bytes()[..i];
        b.len() >= 4
            && b[b.len() - 4..].iter().all(u8::is_ascii_digit)
            && (b.len() == 4 || !b[b.len() - 5].is_ascii_digit())
            && std::str::from_utf8(&b[b.len() - 4..])
                .ok()
                .and_then(|y| y.parse::<i32>().ok())
                .is_some_and(|y| y != year)
    })
}

/// The text without its parenthesized remarks (an unclosed parenthesis hides the rest).
fn outside_parentheses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The content of a parenthesis that starts at `at` (after optional spaces).
fn remark_after(text: &str, at: usize) -> Option<&str> {
    let rest = text.get(at..)?.trim_start_matches(' ');
    let inner = rest.strip_prefix('(')?;
    Some(&inner[..inner.find(')').unwrap_or(inner.len())])
}

/// Prose of the report body in the flat view (line breaks removed), with the way back.
struct Body<'a> {
    ctx: &'a Ctx<'a>,
    ftext: &'a str,
    from: usize,
    to: usize,
}

impl<'a> Body<'a> {
    fn new(ctx: &'a Ctx<'a>) -> Self {
        let (bs, be) = ctx.doc.body_span();
        let flat = &ctx.doc.flat;
        Body {
            ctx,
            ftext: flat.text.as_str(),
            from: flat.from_norm(bs),
            to: flat.from_norm(be),
        }
    }

    /// Normalized range of a flat range.
    fn norm(&self, s: usize, e: usize) -> (usize, usize) {
        let flat = &self.ctx.doc.flat;
        (flat.to_norm(s), flat.to_norm(e.max(s + 1) - 1) + 1)
    }

    /// Is the normalized offset on a line of a table?
    fn in_table(&self, ns: usize) -> bool {
        let text = self.ctx.doc.text();
        let ls = text[..ns].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let le = text[ns..].find('\n').map(|i| ns + i).unwrap_or(text.len());
        crate::document::outline::is_table_line(&text[ls..le])
    }

    /// Is the sentence around the flat offset about another period or scope? Remarks in
    /// parentheses (`(含上年度结转申请34件)`) qualify one number, not the sentence: they are left out.
    fn scoped(&self, at: usize, scope: &[String]) -> bool {
        let (s, e) = span_around(self.ftext, at, is_stop);
        let sentence = outside_parentheses(&self.ftext[s..e]);
        self.ctx.matches_any(scope, &sentence) || other_year(&sentence, self.ctx.year())
    }

    /// Does the clause before the flat offset name a part?
    fn part(&self, at: usize, markers: &[String]) -> bool {
        let (s, _) = span_around(self.ftext, at, is_clause_stop);
        self.ctx.matches_any(markers, &self.ftext[s..at])
    }

    /// Exact numbers (`n` groups) the patterns find in prose outside tables, in text order,
    /// except in scoped sentences and in clauses that name a part.
    fn mentions(&self, patterns: &[String], scope: &[String], parts: &[String]) -> Vec<Mention> {
        let body = &self.ftext[self.from..self.to];
        let mut out: Vec<Mention> = Vec::new();
        for pattern in patterns {
            // Each match of the pattern over the body, as `captures_iter` reports it.
            for (m, n) in self.ctx.body_captures(pattern, "n") {
                let Some(n) = n else { continue };
                let (fs, fe) = (self.from + n.0, self.from + n.1);
                let (ns, ne) = self.norm(fs, fe);
                if out.iter().any(|x| x.start == ns) || self.in_table(ns) {
                    continue;
                }
                // Approximate numbers (约/近/余/多) state no exact count.
                let before = &self.ftext[..fs];
                let after = &self.ftext[fe..];
                if ["约", "近", "超过", "逾"]
                    .iter()
                    .any(|w| before.ends_with(w))
                    || after.starts_with(['余', '多'])
                {
                    continue;
                }
                if self.scoped(fs, scope) || self.part(fs, parts) {
                    continue;
                }
                // A remark right after the count that widens or narrows it
                // (`收到申请15件(含上年结转3件)`): not the plain quantity.
                let me = self.from + m.1;
                if let Some(remark) = remark_after(self.ftext, me) {
                    if self.ctx.matches_any(scope, remark) || self.ctx.matches_any(parts, remark) {
                        continue;
                    }
                }
                let Some(value) = Dec::parse(&body[n.0..n.1]) else {
                    continue;
                };
                out.push(Mention {
                    start: ns,
                    end: ne,
                    value,
                    quote: super::quote(self.ftext, self.from + m.0, me),
                    sentence: span_around(self.ftext, fs, is_stop),
                });
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }
}

/// One cell named in a rule (`row.column`) of a recovered table.
struct BoundCell {
    /// `None`: blank or unreadable.
    value: Option<Dec>,
    blank: bool,
    name: String,
}

/// The cells of `table` named by `cells`, when the table was recovered and every cell is
/// bound.
fn bound_cells(ctx: &Ctx, table: Option<&str>, cells: &[String]) -> Option<Vec<BoundCell>> {
    let table = table?;
    let t = ctx.tables.get(table)?;
    let tpl = ctx.template(table)?;
    if !t.readable() || cells.is_empty() {
        return None;
    }
    cells
        .iter()
        .map(|c| {
            let (r, k) = c.split_once('.')?;
            let (ri, ci) = (t.row_index(r)?, t.col_index(k)?);
            if !t.defined(ri, ci) {
                return None;
            }
            let cell = t.certain_cell(r, k)?;
            Some(BoundCell {
                value: cell.value,
                blank: cell.blank.is_some(),
                name: cell_name(t, tpl, r, k),
            })
        })
        .collect()
}

/// The sum of table cells (`row.column`) and their names, when the table was recovered and
/// every cell holds a number.
fn table_value(ctx: &Ctx, table: Option<&str>, cells: &[String]) -> Option<(Dec, String)> {
    let cells = bound_cells(ctx, table, cells)?;
    let mut sum = Dec::ZERO;
    for c in &cells {
        sum = sum.checked_add(c.value?)?;
    }
    let names: Vec<&str> = cells.iter().map(|c| c.name.as_str()).collect();
    Some((sum, names.join(" + ")))
}

/// The filled cells above zero among `cells` (`row.column`), their sum and names, when the
/// table was recovered and every cell is bound. Blank cells are left out: a claim that nothing
/// happened is contradicted by any count above zero, whatever the blanks hold.
fn table_positive(ctx: &Ctx, table: Option<&str>, cells: &[String]) -> Option<(Dec, String)> {
    let mut sum = Dec::ZERO;
    let mut names = Vec::new();
    for c in bound_cells(ctx, table, cells)? {
        match c.value {
            Some(v) if v > Dec::ZERO => {
                sum = sum.checked_add(v)?;
                names.push(c.name);
            }
            Some(_) => {}
            None if c.blank => {}
            None => return None,
        }
    }
    Some((sum, names.join(" + ")))
}

pub fn zero_claim(p: &ZeroClaim, ctx: &Ctx) -> Vec<Finding> {
    let body = Body::new(ctx);
    let text = &body.ftext[body.from..body.to];
    let followers = ctx.compiled(&p.followers);
    let table = table_positive(ctx, p.table.as_deref(), &p.cells);
    let mut counts: Option<Vec<Mention>> = None;
    let mut out = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for re in ctx.compiled(&p.claims) {
        for m in re.find_iter(text) {
            let (fs, fe) = (body.from + m.start(), body.from + m.end());
            let (ns, ne) = body.norm(fs, fe);
            if seen.contains(&ns) || body.in_table(ns) {
                continue;
            }
            seen.push(ns);
            let after = &body.ftext[fe..];
            if followers
                .iter()
                .any(|f| f.find(after).is_some_and(|x| x.start() == 0))
            {
                continue;
            }
            if body.scoped(fs, &p.scope) {
                continue;
            }
            let claim = super::quote(body.ftext, fs, fe);
            let counts = counts.get_or_insert_with(|| body.mentions(&p.counts, &p.scope, &[]));
            // A claim next to a count in the same sentence contrasts two subjects
            // (`本部门未收到申请,全区共收到申请12件`): not a contradiction of its own.
            let sentence = span_around(body.ftext, fs, is_stop);
            if counts.iter().any(|c| c.sentence == sentence) {
                continue;
            }
            if let Some((v, cells)) = &table {
                if *v > Dec::ZERO {
                    out.push(
                        Finding::at(ns, ne)
                            .variant("table")
                            .var("claim", claim)
                            .var("cells", cells.clone())
                            .var("value", v.to_string())
                            .expected("0", v.to_string()),
                    );
                    continue;
                }
            }
            if let Some(c) = counts.iter().find(|c| c.value > Dec::ZERO) {
                out.push(
                    Finding::at(ns, ne)
                        .var("claim", claim)
                        .var("quote", c.quote.clone())
                        .var("value", c.value.to_string())
                        .expected("0", c.value.to_string()),
                );
            }
        }
    }
    out
}

pub fn repeated(p: &RepeatedCount, ctx: &Ctx) -> Vec<Finding> {
    let body = Body::new(ctx);
    let mut out = Vec::new();
    for q in &p.quantities {
        let ms = body.mentions(&q.patterns, &p.scope, &p.part_markers);
        if !q.part_patterns.is_empty() {
            out.extend(part_above(&body, q, &p.scope, &ms));
        }
        let Some(first) = ms.first() else { continue };
        // The first mention of each distinct value, in text order.
        let mut distinct: Vec<&Mention> = Vec::new();
        for m in &ms {
            if !distinct.iter().any(|d| d.value == m.value) {
                distinct.push(m);
            }
        }
        // Two numbers in one sentence (`收到申请15件,受理12件`) are told apart on purpose:
        // only numbers from different sentences contradict each other.
        let across = ms.iter().any(|a| {
            ms.iter()
                .any(|b| a.value != b.value && a.sentence != b.sentence)
        });
        if distinct.len() < 2 || !across {
            continue;
        }
        let table = table_value(ctx, p.table.as_deref(), &q.cells);
        let list = distinct
            .iter()
            .map(|m| format!("“{}”为 {}", m.quote, m.value))
            .collect::<Vec<_>>()
            .join("，");
        let table_part = match &table {
            Some((v, cells)) => format!("；{cells}为 {v}"),
            None => String::new(),
        };
        // Measured against the table when it has the quantity, else against the first mention.
        let reference = table.as_ref().map(|t| t.0).unwrap_or(first.value);
        let Some(odd) = distinct
            .iter()
            .find(|m| m.value != reference)
            .or(distinct.get(1))
        else {
            continue;
        };
        out.push(
            Finding::at(odd.start, odd.end)
                .var("name", q.name.clone())
                .var("list", list)
                .var("table", table_part)
                .var("count", distinct.len().to_string())
                .expected(reference.to_string(), odd.value.to_string()),
        );
    }
    out
}

/// A part of the quantity (`各乡镇主动公开政府信息1503条`) above the one total the prose
/// states in a sentence that names the whole (`2012年…其中主动公开政府信息1026条`). Nothing is
/// computed: both numbers are as written. Totals that disagree are the default outcome's.
fn part_above(
    body: &Body,
    q: &super::super::spec::Quantity,
    scope: &[String],
    totals: &[Mention],
) -> Option<Finding> {
    let whole: Vec<&Mention> = totals
        .iter()
        .filter(|m| {
            // The sentence up to the number, on the number's own line: a title or heading
            // without a full stop must not lend the sentence its year.
            let text = body.ctx.doc.text();
            let ls = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
            let lead = &text[ls..m.start];
            let from = lead.rfind(['。', ';', '!', '?']).map_or(0, |i| {
                i + lead[i..].chars().next().map_or(1, char::len_utf8)
            });
            body.ctx.matches_any(&q.whole_markers, &lead[from..])
        })
        .collect();
    let total = whole.first()?;
    if whole.iter().any(|m| m.value != total.value) {
        return None;
    }
    let parts = body.mentions(&q.part_patterns, scope, &[]);
    let part = parts
        .iter()
        .find(|m| m.value > total.value && !totals.iter().any(|t| t.start == m.start))?;
    Some(
        Finding::at(part.start, part.end)
            .variant("part-above")
            .var("name", q.name.clone())
            .var("quote", part.quote.clone())
            .var("value", part.value.to_string())
            .var("total_quote", total.quote.clone())
            .var("total", total.value.to_string())
            .expected(format!("不大于 {}", total.value), part.value.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_other_than_the_report_year() {
        assert!(other_year("2022年收到申请12件", Some(2023)));
        assert!(!other_year("2023年收到申请12件", Some(2023)));
        assert!(!other_year("收到申请12件", Some(2023)));
        assert!(!other_year("2022年收到申请12件", None));
        // Five digits are no year.
        assert!(!other_year("编号120221年", Some(2023)));
    }

    #[test]
    fn remarks_in_parentheses_are_left_out() {
        assert_eq!(
            outside_parentheses("共受理申请3119件,答复3050件(含上年度结转申请34件),均已答复"),
            "共受理申请3119件,答复3050件,均已答复"
        );
        assert_eq!(outside_parentheses("未闭合(上年"), "未闭合");
    }

    #[test]
    fn spans() {
        let t = "共收到申请12件,其中网上5件。办结10件";
        let at = t.find("网上").unwrap_or(0);
        let (s, e) = span_around(t, at, is_clause_stop);
        assert_eq!(&t[s..e], "其中网上5件");
        let (s, e) = span_around(t, at, is_stop);
        assert_eq!(&t[s..e], "共收到申请12件,其中网上5件");
    }
}
