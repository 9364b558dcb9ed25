//! Rule kinds: one pure function per kind, `(params, ctx) → findings`.
//! They never print and never panic on document content; when an input they
//! need is missing they report "cannot assess" (a variant) instead of guessing.

mod bare;
mod consistency;
mod contact;
mod date;
mod doctype;
mod fee;
mod foreign;
mod inferred;
mod periodyear;
mod published;
mod section;
mod share;
mod sharesum;
mod sum;
pub mod table;
mod yearfit;

use super::spec::Check;
use super::{Ctx, Finding};

/// The `statement` kind with and without the shared pass over the body, and `part-count`'s
/// count read both ways (tests compare them).
#[cfg(test)]
pub(crate) use section::{stated_count_both, statement, statement_each};
/// `prose-share`'s shares read by its cuts and by the plain searches (tests compare them).
#[cfg(test)]
pub(crate) use share::share_readings_both;

pub fn run(check: &Check, ctx: &Ctx) -> Vec<Finding> {
    if ctx.doc.unstructured && needs_outline(check) {
        return vec![];
    }
    match check {
        Check::RequiredSection(p) => section::required(p, ctx),
        Check::HeadingNumbering(_) => section::numbering(ctx),
        Check::SectionOrder(_) => section::order(ctx),
        Check::PartCount(p) => section::part_count(p, ctx),
        Check::ContactBlock(p) => contact::run(p, ctx),
        Check::Statement(p) => section::statement(p, ctx),
        Check::FeeStatement(p) => fee::run(p, ctx),
        Check::ProseSum(p) => sum::run(p, ctx),
        Check::StatisticalPeriod(p) => date::period(p, ctx),
        Check::PublicationDeadline(p) => date::deadline(p, ctx),
        Check::YearSlip(p) => date::year_slip(p, ctx),
        Check::DocumentType(p) => doctype::run(p, ctx),
        Check::TableSum(p) => table::sum(p, ctx),
        Check::TableCells(p) => table::cells(p, ctx),
        Check::TableStructure(p) => table::structure(p, ctx),
        Check::ProseTable(p) => table::prose(p, ctx),
        Check::RulemakingAuthority(p) => table::authority(p, ctx),
        Check::InferredSum(_) => inferred::run(ctx),
        // Cross-year kinds need last year's report: `years::cross_check` runs them.
        Check::PreviousReport(_) | Check::PreviousCells(_) | Check::PreviousText(_) => vec![],
        Check::ZeroClaim(p) => consistency::zero_claim(p, ctx),
        Check::RepeatedCount(p) => consistency::repeated(p, ctx),
        Check::ProseShare(p) => share::run(p, ctx),
        Check::ReportYearFit(p) => yearfit::run(p, ctx),
        Check::BareTableParts(p) => bare::run(p, ctx),
        Check::ShareSum(p) => sharesum::run(p, ctx),
        Check::PeriodYear(p) => periodyear::run(p, ctx),
        Check::PublishedZero(p) => published::run(p, ctx),
        Check::ForeignUnit(p) => foreign::run(p, ctx),
        Check::ForeignContact(p) => foreign::contact(p, ctx),
        Check::AnnouncedAgency(p) => foreign::announced(p, ctx),
        Check::ForeignField(p) => foreign::field(p, ctx),
        Check::YearOrder(p) => date::year_order(p, ctx),
    }
}

/// The table whose cells a rule reads. Such rules follow the template the table was read
/// with; structure rules stay with the report's own format (they report the legacy layout).
pub fn table_of(check: &Check) -> Option<&str> {
    match check {
        Check::TableSum(p) => Some(&p.table),
        Check::TableCells(p) => Some(&p.table),
        Check::ProseTable(p) => Some(&p.table),
        Check::RulemakingAuthority(p) => Some(&p.table),
        Check::ZeroClaim(p) => p.table.as_deref(),
        Check::RepeatedCount(p) => p.table.as_deref(),
        Check::PublishedZero(p) => Some(&p.table),
        _ => None,
    }
}

/// Kinds that read the report's parts: they cannot judge a text without line structure.
fn needs_outline(check: &Check) -> bool {
    match check {
        Check::RequiredSection(_)
        | Check::SectionOrder(_)
        | Check::PartCount(_)
        | Check::BareTableParts(_) => true,
        Check::Statement(p) => p.section.is_some(),
        Check::FeeStatement(p) => !p.anywhere && !p.sections.is_empty(),
        _ => false,
    }
}

/// Where sentences end in a normalized text: (offset, byte length) of every 。 ; ! ?
/// and newline, found by bytes (`。` is E3 80 82; the others are ASCII).
#[cfg_attr(not(test), allow(dead_code))] // the oracle of `sentence_stops_in_lines`
pub(crate) fn sentence_stops(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    // Newlines and 。 (vectorized search), then ; ! ? (rare), merged in order. `。` is
    // found by its last byte: 82 ends one CJK character in 64, while E3 leads every
    // CJK punctuation mark (、「」《》…).
    let out: Vec<(usize, usize)> = memchr::memchr2_iter(b'\n', 0x82, b)
        .filter_map(|p| match b[p] {
            b'\n' => Some((p, 1)),
            _ => (p >= 2 && b[p - 2..p] == [0xE3, 0x80]).then(|| (p - 2, 3)),
        })
        .collect();
    with_rare_stops(out, b)
}

/// [`sentence_stops`] of a text `lines` split ([`crate::document::outline::lines`]): the
/// newlines are the ends of every line but the last, so only `。` and `;!?` are searched.
pub(crate) fn sentence_stops_in_lines(
    text: &str,
    lines: &[crate::document::Line],
) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let breaks = lines.split_last().map_or(&[][..], |(_, b)| b);
    let mut newlines = breaks.iter().map(|l| (l.end, 1)).peekable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(breaks.len() + b.len() / 64);
    // `。` by its last byte, as [`sentence_stops`] does; the newlines merged in order.
    for p in memchr::memchr_iter(0x82, b) {
        if p >= 2 && b[p - 2..p] == [0xE3, 0x80] {
            while let Some(n) = newlines.next_if(|&(n, _)| n < p - 2) {
                out.push(n);
            }
            out.push((p - 2, 3));
        }
    }
    out.extend(newlines);
    with_rare_stops(out, b)
}

/// `stops` (newlines and `。`, in text order) with the rare stops `;` `!` `?` of `b` merged
/// in: both lists are in text order and never share a byte.
fn with_rare_stops(stops: Vec<(usize, usize)>, b: &[u8]) -> Vec<(usize, usize)> {
    let mut rare = memchr::memchr3_iter(b';', b'!', b'?', b).peekable();
    if rare.peek().is_none() {
        return stops;
    }
    let mut merged = Vec::with_capacity(stops.len() + 8);
    let mut common = stops.into_iter().peekable();
    loop {
        match (common.peek(), rare.peek()) {
            (Some(&(c, _)), Some(&r)) if r < c => merged.push((rare.next().unwrap_or(r), 1)),
            (Some(_), _) => merged.extend(common.next()),
            (None, Some(_)) => merged.extend(rare.by_ref().map(|p| (p, 1))),
            (None, None) => break,
        }
    }
    merged
}

/// Sentences (split at 。 ; ! ? and newlines) of a normalized range: (start, end),
/// given the stops of the whole text ([`sentence_stops`]).
pub(crate) fn sentences_in(
    stops: &[(usize, usize)],
    from: usize,
    to: usize,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = from;
    let first = stops.partition_point(|&(p, _)| p < from);
    for &(e, len) in stops[first..].iter().take_while(|(p, _)| *p < to) {
        if e > s {
            out.push((s, e));
        }
        s = e + len;
    }
    if to > s {
        out.push((s, to));
    }
    out
}

/// Compile the patterns the rule kinds keep of their own (not in the packs) now, on the
/// thread that compiles ahead.
pub(crate) fn warm() {
    yearfit::warm();
    date::warm();
}

/// Does any of the patterns (already looked up with [`Ctx::compiled`]) match? Stops at
/// the first that does.
pub(crate) fn any_matches(res: &[super::Re<'_>], text: &str) -> bool {
    res.iter().any(|r| r.is_match(text))
}

/// A short quotation of normalized text for messages.
pub(crate) fn quote(text: &str, start: usize, end: usize) -> String {
    let s: String = text[start..end].trim().chars().take(30).collect();
    if text[start..end].trim().chars().count() > 30 {
        format!("{s}…")
    } else {
        s
    }
}

/// The line around a normalized range, quoted for messages.
pub(crate) fn quote_line(text: &str, start: usize, end: usize) -> String {
    let ls = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let le = text[end..]
        .find('\n')
        .map(|i| end + i)
        .unwrap_or(text.len());
    let line: String = text[ls..le]
        .replace(['|', '\t'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let short: String = line.chars().take(30).collect();
    if line.chars().count() > 30 {
        format!("{short}…")
    } else {
        short
    }
}

/// Whether a count (not approximate) lies wholly inside `from..to`. Numbers are in text
/// order: only those that start in the range are looked at.
pub fn count_within(doc: &crate::document::Document, from: usize, to: usize) -> bool {
    let numbers = &doc.facts.numbers;
    numbers[numbers.partition_point(|n| n.start < from)..]
        .iter()
        .take_while(|n| n.start < to)
        .any(|n| n.end <= to && !n.approximate)
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    /// The splitter the stops replaced, character by character: the oracle.
    /// Sentences (split at 。 ; ! ? and newlines) of a normalized range: (start, end).
    fn sentences(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut s = from;
        for (i, c) in text[from..to].char_indices() {
            if matches!(c, '。' | ';' | '!' | '?' | '\n') {
                let e = from + i;
                if e > s {
                    out.push((s, e));
                }
                s = e + c.len_utf8();
            }
        }
        if to > s {
            out.push((s, to));
        }
        out
    }

    /// Sentences from the stops found once agree with splitting the range itself.
    #[test]
    fn stops_give_the_same_sentences() {
        let text =
            "一、总体情况\n本年度新收申请12件。其中自然人10件;商业企业2件!无?结束\n\n。。末尾丂「傂」、。";
        let stops = sentence_stops(text);
        assert_eq!(
            sentence_stops_in_lines(text, &crate::document::outline::lines(text)),
            stops
        );
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &from in &bounds {
            for &to in bounds.iter().filter(|&&t| t >= from) {
                assert_eq!(
                    sentences_in(&stops, from, to),
                    sentences(text, from, to),
                    "{from}..{to}"
                );
            }
        }
    }
}
