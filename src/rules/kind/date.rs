//! Dates: the statistical period, the publication deadline (条例 art. 49 / 2007 art. 31)
//! and year slips (本年 work narrated under another year).

use super::super::spec::{PublicationDeadline, StatisticalPeriod, YearOrder, YearSlip};
use super::super::{Ctx, Finding};
use crate::facts::{AgencyLevel, Ymd};
use regex::Regex;
use std::sync::LazyLock;

pub fn period(p: &StatisticalPeriod, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let (bs, be) = doc.body_span();
    let (os, oe) = doc.opening_span();
    let stated = doc.facts.periods.iter().find(|per| {
        if per.start < bs || per.end > be {
            return false;
        }
        let ctx_start = text[..per.start]
            .char_indices()
            .rev()
            .nth(29)
            .map(|(i, _)| i)
            .unwrap_or(0)
            .max(bs);
        (per.start >= os && per.end <= oe) || ctx.matches_any(&p.context, &text[ctx_start..per.end])
    });
    let Some(per) = stated else {
        if let Some(&(s, e)) = doc
            .facts
            .malformed_periods
            .iter()
            .find(|m| m.0 >= bs && m.1 <= be)
        {
            return vec![Finding::at(s, e)
                .variant("malformed")
                .var("actual", &text[s..e])];
        }
        if let Some((s, e)) = ctx.compiled(&p.blank).iter().find_map(|re| {
            re.find(&text[bs..be])
                .map(|m| (bs + m.start(), bs + m.end()))
        }) {
            return vec![Finding::at(s, e)
                .variant("blank")
                .var("actual", text[s..e].trim())];
        }
        if ctx.matches_any(&p.unreadable, &text[bs..be]) {
            return vec![];
        }
        let l = doc.lines[doc.title.unwrap_or(doc.body_lines.0)];
        return vec![Finding::at(l.start, l.start).variant("missing")];
    };
    let Some(y) = ctx.year() else {
        return vec![Finding::at(per.start, per.end).variant("cannot-assess")];
    };
    let from = Ymd { y, m: 1, d: 1 };
    let to = Ymd { y, m: 12, d: 31 };
    if per.from != from || per.to != to {
        let expected = format!("{}至{}", from.zh(), to.zh());
        let actual = format!("{}至{}", per.from.zh(), per.to.zh());
        return vec![Finding::at(per.start, per.end)
            .var("expected", expected.clone())
            .var("actual", actual.clone())
            .var("year", y.to_string())
            .expected(expected, actual)];
    }
    vec![]
}

fn mmdd(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    Some((m.parse().ok()?, d.parse().ok()?))
}

pub fn deadline(p: &PublicationDeadline, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let facts = &doc.facts;
    let (date, from_meta) = match (&facts.signed, &facts.published_meta) {
        (Some(d), _) => (d, false),
        (None, Some(d)) => (d, true),
        (None, None) => {
            let (_, me) = doc.main_span();
            let last = doc
                .lines
                .iter()
                .rev()
                .find(|l| l.end <= me && !doc.norm.text[l.start..l.end].trim().is_empty())
                .copied()
                .unwrap_or(doc.lines[0]);
            return vec![Finding::at(last.end, last.end).variant("missing")];
        }
    };
    let mut out = Vec::new();
    if from_meta {
        out.push(
            Finding::at(date.start, date.end)
                .variant("metadata")
                .var("date", date.date.zh()),
        );
    }
    let Some(y) = ctx.year() else {
        out.push(
            Finding::at(date.start, date.end)
                .variant("cannot-assess")
                .var("date", date.date.zh())
                .var("reason", "无法确定报告年度"),
        );
        return out;
    };
    // The 2019 条例 took effect on 2019-05-15; reports published before then fall under the 2007 条例 (3月31日 for all).
    let new_statute = date.date
        >= Ymd {
            y: 2019,
            m: 5,
            d: 15,
        }
        || y >= 2019;
    let (rule, level_zh, assumed) = if !new_statute {
        (
            "03-31",
            "各级行政机关（2007年《条例》第三十一条）".to_string(),
            false,
        )
    } else {
        match ctx.level() {
            Some(AgencyLevel::Government) => (
                p.government.as_str(),
                "县级以上地方人民政府（《条例》第四十九条第二款）".to_string(),
                false,
            ),
            Some(AgencyLevel::Department) => (
                p.department.as_str(),
                "县级以上人民政府部门（《条例》第四十九条第一款）".to_string(),
                false,
            ),
            Some(AgencyLevel::Township) => {
                (p.township.as_str(), "乡镇人民政府/街道".to_string(), true)
            }
            None => (p.fallback.as_str(), "机关层级不明".to_string(), true),
        }
    };
    // gongkai.yaml `deadline:` (local rules stricter than the statute) and `level:`.
    let local = ctx.level().filter(|_| new_statute);
    let (rule, level_zh) = match local.and_then(|l| ctx.settings.local_deadline(l, rule)) {
        Some(local) => (local, format!("本地规定，严于{level_zh}")),
        None => (rule, level_zh),
    };
    // A 落款 before the last month of the report year: the year cannot have been reported
    // on yet, so the date's year was most likely not updated (a page's time is left alone:
    // it may be a re-post's or the site's). December is left alone too, and so is a year
    // given by the configuration or `--year` (the user said which year the draft is
    // checked as; the draft's own year and 落款 are what this compares).
    if !from_meta && ctx.settings.year.is_none() && date.date < (Ymd { y, m: 12, d: 1 }) {
        out.push(
            Finding::at(date.start, date.end)
                .variant("early")
                .var("date", date.date.zh())
                .var("year", y.to_string())
                .expected(format!("{}年", y + 1), date.date.zh()),
        );
        return out;
    }
    let Some((m, d)) = mmdd(rule) else { return out };
    let limit = Ymd { y: y + 1, m, d };
    if date.date > limit {
        // A page's publication time is not the report's 落款: the report may have been
        // signed in time and posted (or re-posted) later. Said as what it is, as a warning.
        let f = Finding::at(date.start, date.end);
        let f = if from_meta {
            f.variant("late-metadata")
        } else {
            f
        };
        out.push(
            f.var("date", date.date.zh())
                .var("deadline", limit.zh())
                .var("level", level_zh.clone())
                .expected(format!("不晚于{}", limit.zh()), date.date.zh()),
        );
    } else if assumed && new_statute {
        // Level unknown: it may be a department, whose deadline is earlier.
        if let Some((dm, dd)) = mmdd(&p.department) {
            let dept = Ymd {
                y: y + 1,
                m: dm,
                d: dd,
            };
            if date.date > dept {
                out.push(
                    Finding::at(date.start, date.end)
                        .variant("cannot-assess")
                        .var("date", date.date.zh())
                        .var(
                            "reason",
                            format!("{level_zh}：若为政府部门，应于{}前公布", dept.zh()),
                        ),
                );
            }
        }
    }
    out
}

static YEAR_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\([一二三四五六七八九十0-9]+\)|[一二三四五六七八九十]+是|[0-9]+\.)?\s*([0-9]{4})年(?:度|全年|以来|上半年|下半年)?[,:]").unwrap()
});

/// A sentence that opens (after a part's label, `(一)主动公开政府信息情况:`) with the cut-off
/// date of a year: `截至2020年12月31日,`.
static CUTOFF_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\([一二三四五六七八九十0-9]+\)[^,:。\n]*?:\s*)?(?:截至|截止到?)([0-9]{4})年12月31日[,:]").unwrap()
});

/// Words of a count over more than one year: a cut-off date then dates a running total.
const CUMULATIVE: [&str; 5] = ["累计", "历年", "以来", "至今", "总计"];

/// For each sentence (in text order, inside `range`): has it, after its leading
/// whitespace, a `年` with four ASCII digits before it in the sentence? `years`: the
/// offsets of the `年`s inside `range`, ascending ([`Ctx::year_words_in`]), found once per
/// draft, not per sentence.
fn year_words_in(
    text: &str,
    years: &[usize],
    range: (usize, usize),
    sentences: &[(usize, usize)],
) -> Vec<bool> {
    let (from, _) = range;
    let b = text.as_bytes();
    let words: Vec<usize> = years
        .iter()
        .copied()
        .filter(|&i| i >= from + 4 && b[i - 4..i].iter().all(u8::is_ascii_digit))
        .collect();
    let mut next = 0;
    sentences
        .iter()
        .map(|&(s, e)| {
            let lead = s + (text[s..e].len() - text[s..e].trim_start().len());
            while words.get(next).is_some_and(|&w| w < lead + 4) {
                next += 1;
            }
            words.get(next).is_some_and(|&w| w < e)
        })
        .collect()
}

pub fn year_slip(p: &YearSlip, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let Some(y) = ctx.year() else { return vec![] };
    let (_, oe) = doc.opening_span();
    let (_, me) = doc.main_span();
    let mut out = Vec::new();
    let (verbs, comparisons) = (ctx.compiled(&p.verbs), ctx.compiled(&p.comparisons));
    let sentences = ctx.sentences(oe, me);
    let with_year = year_words_in(text, ctx.year_words_in(oe, me), (oe, me), &sentences);
    for ((s, e), _) in sentences.into_iter().zip(with_year).filter(|(_, y)| *y) {
        let sent = text[s..e].trim_start();
        let lead = s + (text[s..e].len() - sent.len());
        // A sentence dated by its year, or by the cut-off of the year before (“截至2020年12月31日,
        // 我办……公布信息1877条” in a 2021 report: last year's figures, not this year's).
        let (c, cutoff) = match YEAR_LEAD.captures(sent) {
            Some(c) => (c, false),
            None => match CUTOFF_LEAD.captures(sent) {
                Some(c) => (c, true),
                None => continue,
            },
        };
        let Some(ym) = c.get(1) else { continue };
        let Ok(found) = ym.as_str().parse::<i32>() else {
            continue;
        };
        if found == y
            || found == y + 1
            || (cutoff && (found != y - 1 || CUMULATIVE.iter().any(|w| sent.contains(w))))
        {
            continue;
        }
        if !super::count_within(doc, s, e)
            || !super::any_matches(&verbs, sent)
            || super::any_matches(&comparisons, sent)
        {
            continue;
        }
        let ys = lead + ym.start();
        out.push(
            Finding::at(ys, ys + ym.len() + "年".len())
                .var("found", found.to_string())
                .var("year", y.to_string())
                .var("quote", super::quote(text, lead, e))
                .expected(format!("{y}年"), format!("{found}年")),
        );
    }
    out
}

/// A report named for a year said to be published in that year or before (`year-order`).
pub fn year_order(p: &YearOrder, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let (bs, be) = doc.main_span();
    let mut out: Vec<Finding> = Vec::new();
    for re in ctx.compiled(&p.patterns) {
        for c in re.captures_iter(&text[bs..be]) {
            let (Some(whole), Some(named), Some(on)) = (c.get(0), c.name("named"), c.name("on"))
            else {
                continue;
            };
            let (Ok(named), Ok(on)) = (named.as_str().parse::<i32>(), on.as_str().parse::<i32>())
            else {
                continue;
            };
            let (s, e) = (bs + whole.start(), bs + whole.end());
            if on > named || out.iter().any(|f| f.start < e && s < f.end) {
                continue;
            }
            out.push(
                Finding::at(s, e)
                    .var("named", named.to_string())
                    .var("on", on.to_string())
                    .var("next", (named + 1).to_string())
                    .var("quote", super::quote(text, s, e)),
            );
        }
    }
    out
}

/// Compile this kind's patterns now (on the thread that compiles ahead).
pub(crate) fn warm() {
    LazyLock::force(&YEAR_LEAD);
    LazyLock::force(&CUTOFF_LEAD);
}
#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The year words found once mark the sentences that the per-sentence test marks.
        #[test]
        fn year_words_found_once_mark_the_same_sentences(
            text in "[0-9年。 \n度a]{0,40}",
            cut in 0usize..10,
        ) {
            let stops = super::super::sentence_stops(&text);
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let from = starts[cut.min(starts.len() - 1)];
            let sentences = super::super::sentences_in(&stops, from, text.len());
            let old: Vec<bool> = sentences
                .iter()
                .map(|&(s, e)| {
                    let sent = text[s..e].trim_start();
                    sent.match_indices('年').any(|(i, _)| {
                        i >= 4 && sent.as_bytes()[i - 4..i].iter().all(u8::is_ascii_digit)
                    })
                })
                .collect();
            let years: Vec<usize> = memchr::memmem::find_iter(&text.as_bytes()[from..], "年")
                .map(|i| from + i)
                .collect();
            prop_assert_eq!(year_words_in(&text, &years, (from, text.len()), &sentences), old);
        }
    }
}
