//! Facts stage, collection: runs the fact readers of `crate::facts` (numbers, dates,
//! periods, contacts, sums, report year and agency) once over a structured document.
//! It lives here, above the readers, because a [`Document`] holds its [`Facts`].

use super::Document;
use crate::facts::lex::Lex;
use crate::facts::{contact, date, number, report, sums, Facts, Period, YearSource};

/// Read every fact of a structured document (see [`Document::structure`]), with the
/// lexer's runs the normalize pass classed (copied: [`Document::new`] moves them).
pub fn collect(doc: &Document) -> Facts {
    let lex = Lex {
        runs: doc.norm.runs.clone(),
    };
    collect_lexed(doc, &lex)
}

/// [`collect`] with the lexer's runs of the normalized text (what `Lex::new(doc.text())`
/// finds).
pub fn collect_lexed(doc: &Document, lex: &Lex) -> Facts {
    let text = doc.text();
    let numbers = number::numbers_in(text, lex);
    let dates = date::dates_in(text, lex);
    // Periods and the opening are read on the flat view: PDF text wraps them over lines.
    let periods: Vec<Period> = date::periods(&doc.flat.text)
        .into_iter()
        .map(|mut p| {
            p.start = doc.flat.to_norm(p.start);
            p.end = doc.flat.to_norm(p.end.saturating_sub(1)) + 1;
            p
        })
        .collect();
    let malformed_periods = date::malformed_periods_in(text, lex);
    let (bs, be) = doc.body_span();
    let contacts = contact::contacts_in(text, lex)
        .into_iter()
        .filter(|c| c.start >= bs && c.end <= be)
        .collect();
    let sums = sums::sum_statements(text, &numbers);

    let title = doc.title.map(|t| doc.line_text(t).to_string());
    let (title_year, title_agency) = title
        .as_deref()
        .map(report::from_title)
        .unwrap_or((None, None));
    let (os, oe) = doc.opening_span();
    let (fos, foe) = (doc.flat.from_norm(os), doc.flat.from_norm(oe));
    let opening = &doc.flat.text[fos..foe];
    let year = if let Some(y) = title_year {
        Some((y, YearSource::Title))
    } else if let Some((y, _)) = report::year_in(opening) {
        Some((y, YearSource::Opening))
    } else if let Some(p) = periods.iter().find(|p| p.from.y == p.to.y) {
        Some((p.from.y, YearSource::Period))
    } else {
        let (ms, me) = doc.main_span();
        // The first 3000 bytes, cut at a character boundary.
        let mut end = me.min(ms + 3000);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // The overview's opening year (“一、总体情况 2025年,伊州区民政局……”) before a report
        // named further on, which is often last year's, published this year (“主动公开……2024年
        // 政府信息公开工作年度报告”).
        overview_year(doc)
            .or_else(|| report::year_in(&text[ms..end]).map(|(y, _)| y))
            .or_else(|| report::only_year_in(&text[ms..end]))
            .map(|y| (y, YearSource::Opening))
    };

    let signed = doc.date_line.and_then(|l| {
        let line = doc.lines[l];
        dates
            .iter()
            .rev()
            .find(|d| d.start >= line.start && d.end <= line.end)
            .cloned()
    });
    let signature_agency = doc.date_line.and_then(|l| {
        let s = doc.line_text(l);
        let before = s
            .split(|c: char| c.is_ascii_digit() || "〇零一二三四五六七八九".contains(c))
            .next()
            .unwrap_or("")
            .trim();
        if before.chars().count() >= 3 {
            return Some(before.to_string());
        }
        (l > 0)
            .then(|| doc.line_text(l - 1).trim().to_string())
            .filter(|p| {
                let n = p.chars().count();
                (3..=30).contains(&n)
                    && !p.contains(['。', ',', ':', ';', '|'])
                    && report::agency_level(p).is_some()
            })
    });
    // A title split over two lines: the agency alone on the line above "2024年…年度报告".
    let title_agency = title_agency.or_else(|| {
        let t = doc.title?;
        let prev = (doc.body_lines.0..t)
            .rev()
            .map(|i| doc.line_text(i).trim())
            .find(|s| !s.is_empty())?;
        (prev.chars().count() <= 30 && report::agency_level(prev).is_some())
            .then(|| prev.to_string())
    });
    let agency = title_agency
        .or_else(|| report::agency_in(opening))
        .or(signature_agency);
    let level = agency.as_deref().and_then(report::agency_level);

    let published_meta = {
        let head = &text[..bs];
        let tail = &text[be.min(text.len())..];
        let pick = |region: &str, base: usize| {
            region.find("发布").and_then(|i| {
                date::dates(&region[i..]).into_iter().next().map(|mut d| {
                    d.start += base + i;
                    d.end += base + i;
                    d
                })
            })
        };
        // A page may put its 发布时间 line right under the report's title, inside the body
        // (`2012年泾县人民政府信息公开年度报告` / `发布时间:2013-01-24 00:00 来源:……`): a chrome
        // line among the body's first eight (blank lines and a 您的位置 line may come first),
        // within its first 800 bytes.
        let under_title = || {
            let mut at = bs.min(text.len());
            for line in text[at..].split('\n').take(8) {
                if at > bs + 800 {
                    break;
                }
                if line.contains("发布") && super::line_forms::is_chrome(line.trim()) {
                    if let Some(d) = pick(line, at) {
                        return Some(d);
                    }
                }
                at += line.len() + 1;
            }
            None
        };
        pick(head, 0)
            .or_else(under_title)
            .or_else(|| pick(tail, be))
    };

    Facts {
        numbers,
        dates,
        periods,
        malformed_periods,
        contacts,
        sums,
        year,
        agency,
        level,
        signed,
        published_meta,
    }
}

/// The year the first part's text opens with, followed directly by its comma
/// (`2025年,` or `2025年度，`, after at most a few spaces): the overview's own year.
fn overview_year(doc: &Document) -> Option<i32> {
    let part = doc.parts.first()?;
    let text = doc.text();
    let from = part.body_start.min(text.len());
    let seg = &text[from..part.end.max(from).min(text.len())];
    let rest = seg.trim_start();
    if seg.len() - rest.len() > 12 {
        return None;
    }
    let digits = rest.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let after = rest[4..].strip_prefix('年')?;
    let after = after.strip_prefix('度').unwrap_or(after);
    (after.starts_with(',') || after.starts_with('，'))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}
