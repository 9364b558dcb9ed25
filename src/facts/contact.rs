//! Contact items: phone (area code or mobile), address, postcode, e-mail, website.
//! A phone or postcode written after its label but in a malformed way is kept as
//! an item with `valid: false`, so a rule can point at it.

use super::lex::{Lex, Run, DIGIT};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ContactKind {
    Phone,
    Address,
    Postcode,
    Email,
    Website,
}

impl ContactKind {
    pub fn zh(self) -> &'static str {
        match self {
            ContactKind::Phone => "联系电话",
            ContactKind::Address => "地址",
            ContactKind::Postcode => "邮编",
            ContactKind::Email => "电子邮箱",
            ContactKind::Website => "网址",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactItem {
    pub kind: ContactKind,
    pub start: usize,
    pub end: usize,
    pub value: String,
    pub valid: bool,
}

/// A phone number after its label; searched only at the labels ([`at_labels`]).
const PHONE_LABELED: &str = r"(?:联系电话|咨询电话|办公电话|电话号码|电话|联系方式|热线)\s*[:]?\s*([0-9][0-9()\-—–~ ]{4,}[0-9])";
static PHONE_OK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(?0[0-9]{2,3}\)?-?[0-9]{7,8}(?:-[0-9]{1,5})?|1[3-9][0-9]{9}|400-?[0-9]{3}-?[0-9]{4}|12[0-9]{3}|[0-9]{7,8})$").unwrap()
});
#[cfg_attr(not(test), allow(dead_code))] // the oracle of `scan::bare_phone`
pub(super) static PHONE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])(0[0-9]{2,3}-[0-9]{7,8}|1[3-9][0-9]{9})(?:[^0-9]|$)").unwrap()
});
const POSTCODE: &str = r"(?:邮编|邮政编码)\s*[:]?\s*([0-9]+)";
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+").unwrap()
});
const WEBSITE: &str = r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+";

/// A bare number is eleven or more digits and dashes (`0xx-xxxxxxx`, a mobile number).
pub(super) fn may_hold_phone(r: &Run) -> bool {
    r.classes & DIGIT != 0 && r.end - r.start >= 11
}

pub fn contacts(text: &str) -> Vec<ContactItem> {
    contacts_in(text, &Lex::new(text))
}

/// [`contacts`] with the text's runs already found.
pub fn contacts_in(text: &str, lex: &Lex) -> Vec<ContactItem> {
    let mut out = Vec::new();
    let places = label_places(text);
    for c in at_labels(&places, Label::Phone, text) {
        let Some(m) = c.get_group(1) else { continue };
        let raw = text[m.start..m.end].trim();
        let compact: String = raw.chars().filter(|c| *c != ' ').collect();
        // Several numbers may be listed: "020-1234567 020-7654321".
        let valid = raw
            .split([' ', '、', '/'])
            .filter(|p| !p.is_empty())
            .all(|p| PHONE_OK.is_match(p))
            || PHONE_OK.is_match(&compact);
        out.push(ContactItem {
            kind: ContactKind::Phone,
            start: m.start,
            end: m.start + raw.len(),
            value: raw.to_string(),
            valid,
        });
    }
    // Labeled numbers, in order and without overlap: the one that may cover a bare
    // number is the last to start at or before it (a binary search keeps this linear).
    let labeled: Vec<(usize, usize)> = out.iter().map(|o| (o.start, o.end)).collect();
    lex.scan(super::scan::bare_phone, text, may_hold_phone, |c| {
        let Some(m) = c.get(1) else { return };
        if in_table_row(text, m.start(), m.end()) {
            return;
        }
        if last_at_or_before(&labeled, m.start()).is_none_or(|(_, end)| m.end() > end + 1) {
            out.push(ContactItem {
                kind: ContactKind::Phone,
                start: m.start(),
                end: m.end(),
                value: m.as_str().to_string(),
                valid: true,
            });
        }
    });
    for c in at_labels(&places, Label::Postcode, text) {
        let Some(m) = c.get_group(1) else { continue };
        let value = &text[m.start..m.end];
        out.push(ContactItem {
            kind: ContactKind::Postcode,
            start: m.start,
            end: m.end,
            value: value.to_string(),
            valid: value.len() == 6,
        });
    }
    for (start, end) in addresses(text) {
        out.push(ContactItem {
            kind: ContactKind::Address,
            start,
            end,
            value: text[start..end].to_string(),
            valid: true,
        });
    }
    // Every address has an `@`: the pattern's scan is skipped when the text has none.
    let emails_found = if memchr::memchr(b'@', text.as_bytes()).is_some() {
        EMAIL.find_iter(text).collect()
    } else {
        Vec::new()
    };
    for m in emails_found {
        out.push(ContactItem {
            kind: ContactKind::Email,
            start: m.start(),
            end: m.end(),
            value: m.as_str().to_string(),
            valid: true,
        });
    }
    let emails: Vec<(usize, usize)> = out
        .iter()
        .filter(|o| o.kind == ContactKind::Email)
        .map(|o| (o.start, o.end))
        .collect();
    for c in at_labels(&places, Label::Website, text) {
        let Some(m) = c.get_match() else { continue };
        if last_at_or_before(&emails, m.start()).is_some_and(|(_, end)| m.start() < end) {
            continue;
        }
        out.push(ContactItem {
            kind: ContactKind::Website,
            start: m.start(),
            end: m.end(),
            value: text[m.start()..m.end()].to_string(),
            valid: true,
        });
    }
    out.sort_by_key(|c| (c.start, c.kind));
    out
}

/// The contact patterns that start at a label: a labelled phone number ([`PHONE_LABELED`]),
/// a postcode ([`POSTCODE`]) and a website ([`WEBSITE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Phone = 0,
    Postcode = 1,
    Website = 2,
}

/// Every label the three patterns' matches start with (their prefix sets, a longer
/// prefix left out when a shorter one here begins it: `电话号码` starts with `电话`). The
/// first character tells the pattern (`邮` a postcode; `h`, `w` a website; any other a
/// phone): [`label_of`]. `labels_are_the_patterns_prefixes` checks them against the
/// patterns. The labels ending in `电话` are not searched: they are read back from the
/// `电话`s found ([`PHONE_WORDS`]).
#[cfg(test)]
const LABELS: [&str; 11] = [
    "联系电话",
    "咨询电话",
    "办公电话",
    "电话",
    "联系方式",
    "热线",
    "邮编",
    "邮政编码",
    "http://",
    "https://",
    "www.",
];

/// The labels searched: [`LABELS`] but those ending in `电话`, whose places are read back
/// from their `电话` ([`label_places`]).
const SEARCHED: [&str; 8] = [
    "电话",
    "联系方式",
    "热线",
    "邮编",
    "邮政编码",
    "http://",
    "https://",
    "www.",
];

/// The words before `电话` that make the longer labels of [`LABELS`] (`联系电话` …), each
/// two characters (six bytes).
const PHONE_WORDS: [&str; 3] = ["联系", "咨询", "办公"];

fn label_of(first: u8, second: u8) -> Label {
    match (first, second) {
        (b'h' | b'w', _) => Label::Website,
        // `邮` is E9 82 AE: no phone label starts with E9 82.
        (0xE9, 0x82) => Label::Postcode,
        _ => Label::Phone,
    }
}

/// One search for all of [`SEARCHED`].
static LABEL_SEARCH: LazyLock<Option<regex_automata::util::prefilter::Prefilter>> =
    LazyLock::new(|| {
        regex_automata::util::prefilter::Prefilter::new(
            regex_automata::MatchKind::LeftmostFirst,
            &SEARCHED,
        )
    });

/// The three patterns (searched anchored at a label).
static ANCHORED: LazyLock<[regex_automata::meta::Regex; 3]> = LazyLock::new(|| {
    [PHONE_LABELED, POSTCODE, WEBSITE]
        .map(|p| regex_automata::meta::Regex::new(p).expect("the contact patterns compile"))
});

/// Every offset of `text` where one of [`LABELS`] starts, ascending, with its pattern;
/// `None` when the labels cannot be searched together (never: they are eight literals).
///
/// Why it is every start of [`LABELS`]: one search lists every offset where one of
/// [`SEARCHED`] starts (again from one byte after each, as a label may start inside
/// another); a `联系电话`, `咨询电话` or `办公电话` starts exactly six bytes before a `电话`
/// preceded by its word, so that offset is put before the `电话`'s. It is still ascending:
/// no label starts inside the word's six bytes (no label starts with `系`, `询` or `公`,
/// nor inside a character), so the offset before it in the list is smaller.
fn label_places(text: &str) -> Option<Vec<(usize, Label)>> {
    let pre = LABEL_SEARCH.as_ref()?;
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(sp) = pre.find(b, regex_automata::Span::from(at..b.len())) {
        let second = b.get(sp.start + 1).copied().unwrap_or(0);
        let label = label_of(b[sp.start], second);
        // `电话` (E7 94 B5 E8 AF 9D): the only searched label starting with E7 94.
        if b[sp.start] == 0xE7
            && second == 0x94
            && PHONE_WORDS
                .iter()
                .any(|w| b[..sp.start].ends_with(w.as_bytes()))
        {
            out.push((sp.start - 6, Label::Phone));
        }
        out.push((sp.start, label));
        // From the next byte: a label may start inside another (`联系方式`, `电话`).
        at = sp.start + 1;
    }
    Some(out)
}

/// What `captures_iter` of the label's pattern over `text` finds, searched only at the
/// places its matches can start. Every match starts with one of its labels, so the
/// leftmost match at or after a position starts at the first place there where the
/// pattern matches anchored, and the leftmost-first match starting there is the anchored
/// search's; matches are never empty, so the next starts at or after the last one's end,
/// as `captures_iter`'s does. Without places (no search), the pattern's own pass.
fn at_labels(
    places: &Option<Vec<(usize, Label)>>,
    label: Label,
    text: &str,
) -> Vec<regex_automata::util::captures::Captures> {
    use regex_automata::{Anchored, Input};
    let re = &ANCHORED[label as usize];
    let Some(places) = places else {
        return re.captures_iter(text).collect();
    };
    let mut out = Vec::new();
    let mut pos = 0;
    let mut caps = re.create_captures();
    for &(at, l) in places {
        if l != label || at < pos {
            continue;
        }
        re.search_captures(
            &Input::new(text)
                .span(at..text.len())
                .anchored(Anchored::Yes),
            &mut caps,
        );
        if let Some(m) = caps.get_match() {
            pos = m.end();
            out.push(std::mem::replace(&mut caps, re.create_captures()));
        }
    }
    out
}

/// Of spans sorted by start and not overlapping, the last that starts at or before `at`.
/// A bare number that is a statistics-table row's cells run together (a crawled page:
/// `…申请数量15130000154二、上年结转…`): right after a row label's count word, or right
/// before the next row's outline number. No phone number is written that way.
fn in_table_row(text: &str, start: usize, end: usize) -> bool {
    const COUNT_WORDS: [&str; 5] = ["数量", "总计", "合计", "小计", "数"];
    let before = &text[..start];
    let after = &text[end..];
    let next_row = {
        let mut cs = after.chars();
        let first = cs.next();
        let second = cs.next();
        matches!(
            first,
            Some('一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
        ) && matches!(second, Some('、'))
            || first == Some('(')
                && matches!(second, Some('一' | '二' | '三' | '四' | '五' | '六' | '七'))
    };
    COUNT_WORDS.iter().any(|w| before.ends_with(w)) || next_row
}

fn last_at_or_before(spans: &[(usize, usize)], at: usize) -> Option<(usize, usize)> {
    let i = spans.partition_point(|(start, _)| *start <= at);
    i.checked_sub(1).map(|i| spans[i])
}

/// The addresses of a text, as `(?:地址|地点|办公地址|通讯地址)\s*[:]\s*([^,;)\n]{4,60})`
/// finds them one after another (the byte range of the address). Read by hand: that
/// pattern was the costliest of the contact readers to build (a class repeated up to 60
/// times), and every draft builds it.
fn addresses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((start, end)) = next_address(text, from) {
        out.push((start, end));
        from = end;
    }
    out
}

/// Built once: `memmem::find_iter` builds its searcher again at every call.
static ADDRESS_WORD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("地"));

/// The first address after `from`. Every label ends in `地址` or `地点`, and a longer label
/// (`办公地址`) is followed by the same text as the `地址` it ends with: so the labels'
/// ends, found with `memmem`, decide (the first one followed by an address wins, as the
/// leftmost match of the pattern does).
fn next_address(text: &str, from: usize) -> Option<(usize, usize)> {
    let in_address = |c: char| !matches!(c, ',' | ';' | ')' | '\n');
    let b = text.as_bytes();
    for k in ADDRESS_WORD.find_iter(&b[from..]) {
        let p = from + k;
        let label_end = p + "地".len();
        if !(text[label_end..].starts_with('址') || text[label_end..].starts_with('点')) {
            continue;
        }
        // `址` and `点` are three bytes each, as `地` is.
        let after = text[label_end + 3..].trim_start_matches(char::is_whitespace);
        let Some(rest) = after.strip_prefix(':') else {
            continue;
        };
        let at = text.len() - rest.len();
        // `\s*` gives back spaces, last first, until four address characters follow.
        let spaces: Vec<usize> = std::iter::once(at)
            .chain(
                rest.char_indices()
                    .take_while(|&(_, c)| c.is_whitespace())
                    .map(|(k, c)| at + k + c.len_utf8()),
            )
            .collect();
        for &s in spaces.iter().rev() {
            let mut n = 0;
            let mut end = s;
            for c in text[s..].chars().take(60) {
                if !in_address(c) {
                    break;
                }
                n += 1;
                end += c.len_utf8();
            }
            if n >= 4 {
                return Some((s, end));
            }
        }
    }
    None
}

/// Compile the patterns every draft's contact block is read with now (on the thread
/// that compiles ahead).
pub(crate) fn warm() {
    LazyLock::force(&PHONE_OK);
    LazyLock::force(&LABEL_SEARCH);
    LazyLock::force(&ANCHORED);
}
#[cfg(test)]
mod tests {

    /// The pattern [`addresses`] replaces: the reference.
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:地址|地点|办公地址|通讯地址)\s*[:]\s*([^,;)\n]{4,60})").unwrap()
    });

    fn addresses_by_pattern(text: &str) -> Vec<(usize, usize)> {
        ADDRESS
            .captures_iter(text)
            .filter_map(|c| c.get(1).map(|m| (m.start(), m.end())))
            .collect()
    }

    #[test]
    fn addresses_are_what_the_pattern_finds() {
        let mut n = 0;
        for t in crate::facts::test_texts() {
            assert_eq!(addresses(&t), addresses_by_pattern(&t), "{t}");
            n += addresses(&t).len();
        }
        assert!(n > 20, "addresses: {n}");
        for k in 0..=65 {
            let words = "路".repeat(k);
            for t in [
                format!("地址:{words},邮编"),
                format!("办公地址 : \u{3000}  {words}"),
                format!("通讯地址:  {}", &words[..words.len().min(9)]),
                format!("地点:\n {words}"),
            ] {
                assert_eq!(addresses(&t), addresses_by_pattern(&t), "{t:?}");
            }
        }
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20000))]
        #[test]
        fn addresses_agree_with_the_pattern(
            s in proptest::collection::vec(proptest::sample::select(vec![
                "地址", "地点", "办公地址", "通讯地址", "办公", "地", ":", " ", "\u{3000}", "\n", ",",
                ";", ")", "某某路1号", "路", "路路路路路路路路路路路路路路路路路路路路", "邮编",
            ]), 0..14).prop_map(|v| v.concat())
        ) {
            prop_assert_eq!(addresses(&s), addresses_by_pattern(&s), "{:?}", s);
        }
    }
    use super::*;

    /// Each labelled pattern searched at the labels ([`at_labels`]) finds what its own
    /// `captures_iter` over the whole text finds (every group), on every fixture text.
    #[test]
    fn labelled_patterns_from_the_labels_find_what_captures_iter_finds() {
        let spans = |c: &regex_automata::util::captures::Captures| -> Vec<Option<(usize, usize)>> {
            (0..c.group_len())
                .map(|g| c.get_group(g).map(|m| (m.start, m.end)))
                .collect()
        };
        let mut found = [0usize; 3];
        let mut texts = crate::facts::test_texts();
        texts.push("办公电话:0851-1234567,电话号码 13800138000;热线12345 邮政编码:550001 https://a.gov.cn/x www.b.cn".into());
        for (k, t) in texts.iter().enumerate() {
            let places = label_places(t);
            assert!(places.is_some());
            for (label, src) in [
                (Label::Phone, PHONE_LABELED),
                (Label::Postcode, POSTCODE),
                (Label::Website, WEBSITE),
            ] {
                let got: Vec<_> = at_labels(&places, label, t).iter().map(spans).collect();
                let re = Regex::new(src).unwrap();
                let want: Vec<Vec<Option<(usize, usize)>>> = re
                    .captures_iter(t)
                    .map(|c| {
                        (0..c.len())
                            .map(|g| c.get(g).map(|m| (m.start(), m.end())))
                            .collect()
                    })
                    .collect();
                // Positions only: a fixture's text is not printed (held-out sets).
                assert_eq!(got, want, "text {k}, {label:?}");
                found[label as usize] += got.len();
            }
        }
        assert!(found.iter().all(|n| *n > 20), "matches: {found:?}");
    }

    /// [`label_places`] as first written: one search for all eleven [`LABELS`].
    fn label_places_by_all_labels(text: &str) -> Vec<(usize, Label)> {
        let pre = regex_automata::util::prefilter::Prefilter::new(
            regex_automata::MatchKind::LeftmostFirst,
            &LABELS,
        )
        .unwrap();
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(sp) = pre.find(b, regex_automata::Span::from(at..b.len())) {
            let second = b.get(sp.start + 1).copied().unwrap_or(0);
            out.push((sp.start, label_of(b[sp.start], second)));
            at = sp.start + 1;
        }
        out
    }

    /// The places read back from `电话` are those of the search for every label, on
    /// every fixture text (positions only are compared).
    #[test]
    fn label_places_are_those_of_every_label() {
        let mut n = 0;
        for (k, t) in crate::facts::test_texts_without_heldout()
            .iter()
            .enumerate()
        {
            let got = label_places(t).unwrap();
            assert_eq!(got, label_places_by_all_labels(t), "text {k}");
            n += got.len();
        }
        assert!(n > 100, "places: {n}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Made texts of labels, their pieces and their neighbours.
        #[test]
        fn label_places_in_made_texts(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "联系", "咨询", "办公", "电话", "电", "话", "号码", "联系方式", "方式", "热线",
                "邮编", "邮政编码", "邮", "http://", "https://", "http", "www.", "w", ":",
                "0851-1234567", "中心", "系", "公", " ", "\n",
            ]), 0..30),
        ) {
            let t = pieces.concat();
            proptest::prop_assert_eq!(label_places(&t).unwrap(), label_places_by_all_labels(&t), "{:?}", t);
        }
    }

    /// Every match of each labelled pattern starts with one of [`LABELS`] that
    /// [`label_of`] gives to that pattern.
    #[test]
    fn labels_are_the_patterns_prefixes() {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        for (label, src) in [
            (Label::Phone, PHONE_LABELED),
            (Label::Postcode, POSTCODE),
            (Label::Website, WEBSITE),
        ] {
            let hir = regex_syntax::parse(src).unwrap();
            let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
            let lits = seq.literals().expect("a finite prefix set");
            assert!(!lits.is_empty());
            for l in lits {
                let b = l.as_bytes();
                assert!(!b.is_empty());
                assert!(
                    LABELS.iter().any(|x| b.starts_with(x.as_bytes())
                        && label_of(x.as_bytes()[0], x.as_bytes()[1]) == label),
                    "{src}: {:?}",
                    String::from_utf8_lossy(b)
                );
            }
        }
    }

    #[test]
    fn finds_items() {
        let t = "(地址:广东省广州市越秀区黄华路3号,邮编:510050,电话:020-83831691)。邮箱 gk@gd.gov.cn,网址 http://www.leizhou.gov.cn";
        let kinds: Vec<(ContactKind, bool)> =
            contacts(t).into_iter().map(|c| (c.kind, c.valid)).collect();
        assert_eq!(
            kinds,
            vec![
                (ContactKind::Address, true),
                (ContactKind::Postcode, true),
                (ContactKind::Phone, true),
                (ContactKind::Email, true),
                (ContactKind::Website, true)
            ]
        );
    }

    #[test]
    fn table_cells_run_together_are_no_phone() {
        let t = "一、本年新收政府信息公开申请数量15130000154二、上年结转政府信息公开申请数量0000000(七)总计14710000148四、结转";
        assert!(contacts(t).iter().all(|c| c.kind != ContactKind::Phone));
        let t = "联系人:张三13912345678,地址:某路1号。";
        assert!(contacts(t).iter().any(|c| c.kind == ContactKind::Phone));
    }

    #[test]
    fn malformed_phone_and_postcode() {
        let cs = contacts("联系电话: 0851——87721339 邮编:51005");
        assert_eq!(cs[0].kind, ContactKind::Phone);
        assert_eq!(cs[0].value, "0851——87721339");
        assert!(!cs[0].valid);
        assert!(!cs[1].valid);
        assert!(contacts("联系电话:0759-8812886")[0].valid);
        assert!(contacts("电话:13800138000")[0].valid);
    }
}
