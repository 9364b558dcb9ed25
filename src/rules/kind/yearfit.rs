//! The report year against what must fit it: the report named in its own text with
//! another year (`现公布2012年度政府信息公开工作年度报告` under a 2013 title), and a 落款 or
//! page date before the report year has ended (a year's report cannot be signed during
//! that year's first eleven months: the year was not updated); a title that names no year.

use super::super::spec::ReportYearFit;
use super::super::{Ctx, Finding};
use crate::facts::Ymd;
use regex::Regex;
use std::sync::LazyLock;

/// A year naming an annual report of government information disclosure.
static REPORT_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})年度?(?:的)?(?:政府信息公开|政务公开|政务信息公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)").unwrap()
});

pub fn run(p: &ReportYearFit, ctx: &Ctx) -> Vec<Finding> {
    let mut out = untitled_year(ctx);
    let Some(y) = ctx.year() else { return out };
    out.extend(named(p, ctx, y));
    out.extend(signed(ctx, y));
    out
}

/// A title that names an annual report but no year (`政府信息公开工作年度报告格式模板`): which
/// year it reports on must be read elsewhere, if at all.
fn untitled_year(ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let Some(t) = doc.title else { return vec![] };
    let l = doc.lines[t];
    let title = doc.text()[l.start..l.end].trim();
    // A whole title line (not a page's column label `栏目:政府信息公开年报`, not the last line of
    // a title split over lines) and no year at all, not even one without its 年.
    if !(title.contains("政府信息公开") && title.contains("年度报告")) || TITLE_YEAR.is_match(title)
    {
        return vec![];
    }
    // The first half of a title broken after its year (`宿州市人民政府2016年` / `政府信息公开
    // 工作年度报告`): the year is there, on the line before.
    let before = doc.lines[..t]
        .iter()
        .rev()
        .map(|l| doc.text()[l.start..l.end].trim())
        .find(|s| !s.is_empty());
    if before.is_some_and(|s| s.chars().count() <= 40 && YEAR_AT_END.is_match(s)) {
        return vec![];
    }
    vec![Finding::at(l.start, l.end)
        .variant("title-without-year")
        .var("found", title.to_string())]
}

/// A year in a title: four digits (with or without 年) or four numerals before 年.
static TITLE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]{4}|[〇○零一二三四五六七八九]{4}\s*年").unwrap());

/// A line ending in a year (`…人民政府2016年`, `…二〇一六年度`): a title's first half.
static YEAR_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:19|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})\s*年度?$").unwrap()
});

/// The report named with another year in the opening, the text before the first part,
/// where a report introduces itself (outside 《》 titles of notices and other documents;
/// later parts may rightly name last year's report: `公布了2019年政府信息公开年度报告`).
fn named(p: &ReportYearFit, ctx: &Ctx, y: i32) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let (bs, be) = doc.opening_span();
    let body = &text[bs..be];
    let mut out = Vec::new();
    for c in REPORT_NAMED.captures_iter(body) {
        let (Some(whole), Some(year)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Ok(found) = year.as_str().parse::<i32>() else {
            continue;
        };
        if found == y || in_book_title(body, year.start()) {
            continue;
        }
        let after = &body[whole.end()..];
        if p.other_document
            .iter()
            .any(|w| after.starts_with(w.as_str()))
        {
            continue;
        }
        let before = line_before(body, year.start());
        if p.other_document_before
            .iter()
            .any(|w| before.ends_with(w.as_str()))
        {
            continue;
        }
        let (s, e) = (bs + year.start(), bs + whole.end());
        out.push(
            Finding::at(s, e)
                .var("found", text[s..e].to_string())
                .var("year", y.to_string())
                .expected(format!("{y}年"), format!("{found}年")),
        );
        // One is enough: the rest of a draft copied from an old report says the same.
        break;
    }
    out
}

/// At most the 300 bytes before `at` (a line may be a whole 8 MB draft joined into one).
fn near_before(body: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(300);
    while !body.is_char_boundary(from) {
        from += 1;
    }
    &body[from..at]
}

/// The text of the line before `at`, up to 12 characters.
fn line_before(body: &str, at: usize) -> &str {
    let head = near_before(body, at);
    let line = head.rsplit('\n').next().unwrap_or(head);
    let start = line
        .char_indices()
        .rev()
        .nth(11)
        .map(|(i, _)| i)
        .unwrap_or(0);
    &line[start..]
}

/// Is `at` inside a 《…》 (a cited notice or document) on its line (within 300 bytes)?
fn in_book_title(body: &str, at: usize) -> bool {
    let head = near_before(body, at);
    let line = head.rsplit('\n').next().unwrap_or(head);
    line.matches('《').count() > line.matches('》').count()
}

/// The 落款 (or, without one, the page's publication date) before the report year ended.
fn signed(ctx: &Ctx, y: i32) -> Vec<Finding> {
    let facts = &ctx.doc.facts;
    let Some(date) = facts.signed.as_ref().or(facts.published_meta.as_ref()) else {
        return vec![];
    };
    let december = Ymd { y, m: 12, d: 1 };
    let variant = if date.date < december {
        "signed-early"
    } else if date.date.y == y {
        "signed-in-year"
    } else {
        return vec![];
    };
    vec![Finding::at(date.start, date.end)
        .variant(variant)
        .var("date", date.date.zh())
        .var("year", y.to_string())
        .expected(format!("{}年1月1日以后", y + 1), date.date.zh())]
}

/// Compile this kind's patterns now (on the thread that compiles ahead).
pub(crate) fn warm() {
    LazyLock::force(&REPORT_NAMED);
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_named_report_is_found_outside_book_titles() {
        let t = "现公布2012年度政府信息公开工作年度报告。根据《关于做好2013年政府信息公开工作年度报告有关事项的通知》";
        let years: Vec<(&str, bool)> = REPORT_NAMED
            .captures_iter(t)
            .map(|c| {
                let m = c.get(1).unwrap();
                (m.as_str(), in_book_title(t, m.start()))
            })
            .collect();
        assert_eq!(years, vec![("2012", false), ("2013", true)]);
    }

    #[test]
    fn the_line_before_is_at_most_twelve_characters() {
        let t = "第一行\n一二三四五六七八九十甲乙丙丁2012";
        let at = t.find("2012").unwrap();
        assert_eq!(line_before(t, at), "三四五六七八九十甲乙丙丁");
    }
}
