//! A year that names the reporting period in so many words and is not the report year
//! (`period-year`): the opening's “现将我镇2013年度政府信息公开工作情况报告如下” in a 2014
//! report, or “本年度（2013年）” anywhere. Years in other sentences are left alone: last
//! year's figures are rightly named in comparisons and in the 问题 part.
//!
//! With `later_only` the same mechanism reports only years after the report year: work of
//! the period dated in the year the report is written (“此外，2010年我镇通过门户网站公开
//! ……” in a 2009 report); with `min_later` only years at least that far after it (a plan
//! “2011年度政务公开工作计划” in a 2008 report); with `earlier_only` only years before it
//! (the work points of an earlier year named as what the report was written by). A pattern may name the quoted and located part `q` (from the
//! year on); the rest of its match is context read by `exclude`. `overview_opening` patterns
//! are tried only on the start of the first part's text: the overview that opens on last
//! year (“一、总体情况 2019年,我县坚持……” in a 2020 report) kept last year's text;
//! `subitem_opening` patterns only at the start of each `(一)`-level heading (“(二)依申请公开
//! 政府信息情况。2022年,……” in a 2023 report).

use super::super::spec::PeriodYear;
use super::super::{Ctx, Finding};

pub fn run(p: &PeriodYear, ctx: &Ctx) -> Vec<Finding> {
    let Some(year) = ctx.year() else {
        return vec![];
    };
    let doc = ctx.doc;
    let text = doc.text();
    let exclude = ctx.compiled(&p.exclude);
    let skip = ctx.compiled(&p.skip_parts);
    let mut out = Vec::new();
    // Only a sub-item window with a four-digit year (`2022年`) can match: the others (most
    // are table rows, `(一)予以公开 | 5 |…`) are not searched.
    let subitems = if p.subitem_opening.is_empty() {
        vec![]
    } else {
        let b = text.as_bytes();
        subitem_starts(doc)
            .into_iter()
            .filter(|&(from, to)| {
                ctx.year_words_in(from, to)
                    .iter()
                    .any(|&i| i >= from + 4 && b[i - 4..i].iter().all(u8::is_ascii_digit))
            })
            .collect()
    };
    // The openings (of the overview, of a sub-item) are sentences that begin with their
    // year: one that also gives a count is `year-slip`'s, which quotes it whole.
    for (patterns, spans, leaves_counts) in [
        (&p.opening, vec![doc.opening_span()], false),
        (&p.everywhere, vec![doc.main_span()], false),
        (&p.overview_opening, vec![first_part_start(doc)], true),
        (&p.subitem_opening, subitems, true),
    ] {
        if patterns.is_empty() {
            continue;
        }
        // With `later_only`, a match starts at a year after the report year: the regex is
        // tried once at each such year (most reports name none), not across the whole span.
        let windows: Vec<(usize, usize)> = if p.later_only {
            spans
                .into_iter()
                .flat_map(|(from, to)| {
                    later_years(text, ctx.year_words_in(from, to), from, to, year)
                })
                .collect()
        } else {
            spans
        };
        for re in ctx.compiled(patterns) {
            let found_in = windows.iter().flat_map(|&(from, to)| {
                let hay = &text[from..to];
                let all: Box<dyn Iterator<Item = regex::Captures>> = if p.later_only {
                    Box::new(
                        re.captures(hay)
                            .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
                            .into_iter(),
                    )
                } else {
                    Box::new(re.captures_iter(hay))
                };
                all.map(move |c| (from, c))
            });
            for (from, c) in found_in {
                let (Some(m), Some(y)) = (c.get(0), c.name("y")) else {
                    continue;
                };
                let Ok(found) = y.as_str().parse::<i32>() else {
                    continue;
                };
                let (ms, me) = (from + m.start(), from + m.end());
                let context = if p.exclude_in_sentence {
                    sentence_around(text, ms, me)
                } else {
                    m.as_str()
                };
                if found == year
                    || (p.later_only && found < year + p.min_later.unwrap_or(1).max(1))
                    || (p.earlier_only && found > year)
                    || super::any_matches(&exclude, context)
                {
                    continue;
                }
                let at = c.name("q").unwrap_or(m);
                let (s, e) = (from + at.start(), from + at.end());
                if leaves_counts && counts_in_sentence(doc, e) {
                    continue;
                }
                if !skip.is_empty()
                    && doc
                        .part_at(s)
                        .is_some_and(|part| super::any_matches(&skip, &doc.part_label(part)))
                {
                    continue;
                }
                if out.iter().any(|f: &(usize, usize, i32)| f.0 < e && s < f.1) {
                    continue;
                }
                out.push((s, e, found));
                if out.len() >= 3 {
                    break;
                }
            }
        }
    }
    out.sort();
    out.into_iter()
        .take(3)
        .map(|(s, e, found)| {
            Finding::at(s, e)
                .var("quote", super::quote(text, s, e))
                .var("found", found.to_string())
                .var("year", year.to_string())
                .expected(format!("{year}年"), format!("{found}年"))
        })
        .collect()
}

/// The first 300 bytes of the first part's text (after its heading), or an empty span
/// when the outline found no part.
fn first_part_start(doc: &crate::document::Document) -> (usize, usize) {
    let Some(part) = doc.parts.first() else {
        return (0, 0);
    };
    let text = doc.text();
    let from = part.body_start.min(text.len());
    let mut to = (from + 300).min(part.end.max(from)).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    (from, to)
}

/// Whether the sentence going on from `at` (to its 。; ! ? or line break) gives a count.
fn counts_in_sentence(doc: &crate::document::Document, at: usize) -> bool {
    let text = doc.text();
    let end = text[at..]
        .find(['。', ';', '!', '?', '\n'])
        .map_or(text.len(), |i| at + i);
    super::count_within(doc, at, end)
}

/// The first 160 bytes from the start of each `(一)`-level heading of the main text (the
/// heading itself included, so that a pattern can read the title before the year).
fn subitem_starts(doc: &crate::document::Document) -> Vec<(usize, usize)> {
    let text = doc.text();
    let (_, main_end) = doc.main_span();
    doc.headings
        .iter()
        .filter(|h| h.level == 2 && h.start < main_end)
        .map(|h| {
            let mut to = (h.start + 160).min(main_end).min(text.len());
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            (h.start, to)
        })
        .collect()
}

/// The sentence around a normalized range: back to the previous and on to the next 。; ! ?
/// or line break, at most 300 bytes each way (a long unpunctuated line stays cheap).
fn sentence_around(text: &str, s: usize, e: usize) -> &str {
    let stop = |c: char| matches!(c, '。' | ';' | '!' | '?' | '\n');
    let mut lo = s.saturating_sub(300);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (e + 300).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let start = text[lo..s]
        .char_indices()
        .rev()
        .find(|(_, c)| stop(*c))
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let end = text[e..hi].find(stop).map_or(hi, |i| e + i);
    &text[start..end]
}

/// Windows of at most 400 bytes (a match of a `later_only` pattern is far shorter), each
/// starting at a year after `year` written as four digits right before `年` and not inside
/// a longer number, within `from..to`. `years`: the offsets of the `年`s inside `from..to`,
/// ascending ([`Ctx::year_words_in`](crate::rules::Ctx::year_words_in)).
fn later_years(
    text: &str,
    years: &[usize],
    from: usize,
    to: usize,
    year: i32,
) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    years
        .iter()
        .copied()
        .filter(|&i| i >= from + 4 && b[i - 4..i].iter().all(u8::is_ascii_digit))
        .filter(|&i| i == from + 4 || !b[i - 5].is_ascii_digit())
        .filter(|&i| text[i - 4..i].parse::<i32>().is_ok_and(|y| y > year))
        .map(|i| {
            let mut end = (i + 400).min(to);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            (i - 4, end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_at_later_years_only() {
        let t = "2009年共公开14条。此外,2010年我镇公开24条。编号12010年。2011年";
        let years: Vec<usize> = memchr::memmem::find_iter(t.as_bytes(), "年").collect();
        let w = later_years(t, &years, 0, t.len(), 2009);
        let starts: Vec<&str> = w.iter().map(|&(s, e)| &t[s..e.min(s + 7)]).collect();
        assert_eq!(starts, ["2010年", "2011年"]);
        assert!(w.iter().all(|&(_, e)| e <= t.len()));
        assert!(later_years(t, &years, 0, t.len(), 2011).is_empty());
    }
}
