//! "Total + parts" statements in prose:
//! `新收申请118件,其中自然人113件,商业企业2件,法律服务机构3件` and the two-sentence
//! breakdown `对上述118件申请…答复。答复意见中,予以公开40件,部分公开6件…`.
//! Nested breakdowns are read as a tree ([`super::breakdown`]): a statement's parts are the
//! direct items of its level, so a part broken down further is summed once, as itself.

use super::breakdown::{levels, may_head_level, SureLevel};
use super::number::NumberFact;
use std::collections::BTreeMap;

/// How the parts were introduced: `其中` lists may be partial; a breakdown
/// (`答复意见中`, `分别为`, `办理结果为`) claims to cover the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Introducer {
    Among,
    Breakdown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumStatement {
    /// Index into the document's numbers.
    pub total: usize,
    /// (label, index into numbers): the direct items of the total's level that every reading
    /// of the sentence agrees on (a part broken down further is one item).
    pub parts: Vec<(String, usize)>,
    pub introducer: Introducer,
    /// Every reading lists exactly these parts. When false, `parts` are only the ones every
    /// reading starts with: enough to see that they exceed the total, not that they fall short.
    pub complete: bool,
    /// The parts are in other sentences than the total (`…1913条。其中,…1397条。…534条`, or
    /// a `主要类别有:` list under a count stated before): the link is read, not written.
    pub across: bool,
}

/// Markers that open a sentence breaking down the last count of the sentence before.
const CARRIED: [&str; 3] = ["答复意见中", "办理结果中", "答复结果中"];

/// Every marker the statement readers look for: [`CARRIED`], then `其中` (the linked
/// statements' opener, [`super::linked`]). Each ends with `中`.
const MARKERS: [&str; 4] = ["答复意见中", "办理结果中", "答复结果中", "其中"];

/// The searcher of `中`, built once.
static ZHONG: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("中"));

/// Where each of [`MARKERS`] starts in `text`, ascending: `places[k]` for `MARKERS[k]`.
/// One pass finds every `中`; a marker ends at one, so each is read back from there
/// (a `memmem` pass per marker cost five passes; one Teddy search of the four cost as much).
/// Every occurrence is listed, as `memmem::find_iter` of each marker finds them: no
/// marker can overlap itself.
pub(super) fn marker_places(text: &str) -> [Vec<usize>; 4] {
    let b = text.as_bytes();
    let mut places: [Vec<usize>; 4] = Default::default();
    for q in ZHONG.find_iter(b) {
        let end = q + "中".len();
        for (k, m) in MARKERS.iter().enumerate() {
            if b[..end].ends_with(m.as_bytes()) {
                places[k].push(end - m.len());
            }
        }
    }
    places
}

pub(super) fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The sentence around `at`: from after the last stop (`。`, a line break, `;`, `!`, `?`)
/// before it to the next stop at or after it. Bytes are searched: the ASCII stops are
/// single bytes, and `。` is E3 80 82, found by its last byte (which ends other characters
/// too, so the two before are checked). `\n`, `;` and that byte are found by one `memchr3`
/// search; `!` and `?` (rare) only between `at` and that hit
/// (`tests::sentence_bounds_by_bytes_are_by_chars`).
pub(super) fn sentence_bounds(text: &str, at: usize) -> (usize, usize) {
    let at = floor(text, at.min(text.len()));
    let b = text.as_bytes();
    let full_stop = |j: usize| j >= 2 && b[j - 1] == 0x80 && b[j - 2] == 0xE3;
    // Backwards: the last stop before `at`; the sentence starts after it.
    let mut start = 0;
    let mut to = at;
    while let Some(j) = memchr::memrchr3(b'\n', b';', 0x82, &b[..to]) {
        if b[j] != 0x82 || full_stop(j) {
            start = j + 1;
            break;
        }
        to = j;
    }
    if let Some(j) = memchr::memrchr2(b'!', b'?', &b[start..at]) {
        start += j + 1;
    }
    // Forwards: the first stop at or after `at`.
    let mut end = text.len();
    let mut from = at;
    while let Some(k) = memchr::memchr3(b'\n', b';', 0x82, &b[from..]) {
        let j = from + k;
        if b[j] != 0x82 {
            end = j;
            break;
        }
        // `。` must start at or after `at` (it cannot straddle it: `at` is a boundary).
        if j >= at + 2 && full_stop(j) {
            end = j - 2;
            break;
        }
        from = j + 1;
    }
    if let Some(k) = memchr::memchr2(b'!', b'?', &b[at..end]) {
        end = at + k;
    }
    (start, end)
}

/// Units that count documents or pieces of information: a list in one of them may hold
/// items in another (`其中规范性文件12件、工作动态300条`).
const ITEM_UNITS: [&str; 4] = ["条", "件", "篇", "份"];

/// Words of a count over more than the report's year (`历年累计发布政府信息1189条`,
/// `建站以来`, `截至目前`): such an item is no part of the year's total.
const OVER_YEARS: [&str; 5] = ["历年", "以来", "至今", "迄今", "截至"];

/// Units of published pieces (`条`, `篇`) one list of information may mix: under a total
/// counted in one of them, an item counted in the other is one more kind of item
/// (`公开信息59条,其中工作动态44条、营商环境2篇`). `件` and `份` count documents or requests and
/// are kept apart.
fn pieces(a: &str, b: &str) -> bool {
    matches!((a, b), ("条", "篇") | ("篇", "条"))
}

fn over_years(label: &str) -> bool {
    OVER_YEARS.iter().any(|w| label.contains(w))
}

/// Words of a measure of the item before (`微信公众平台公开信息数为2464条,年度阅读量为29.4万次`):
/// such a figure in another unit is that item's attribute, not another kind of item, so it
/// does not end the list.
const ATTRIBUTES: [&str; 6] = ["阅读量", "浏览量", "访问量", "点击量", "阅读数", "浏览次数"];

fn attribute(label: &str) -> bool {
    ATTRIBUTES.iter().any(|w| label.contains(w))
}

/// A level as a statement: its items of the total's unit, when there are at least two.
/// An item that counts something else (`新开设专栏6个`, `回应热点1次` in a list of 条) ends
/// what is sure to be the list: the items after it may be other figures of the sentence
/// (`累计主动公开政府信息10220条,其中政务动态4792条,信息公开目录5403条,新开设专栏6个,发布解读信息44条`),
/// so they are left out and the statement is not complete. So does a count over more than
/// the year ([`over_years`]); a measure of the item before ([`attribute`]) does not.
pub(super) fn statement(
    text: &str,
    numbers: &[NumberFact],
    sure: SureLevel,
) -> Option<SumStatement> {
    let level = sure.level;
    let unit = &numbers.get(level.total)?.unit;
    let unit_of = |i: usize| numbers.get(i).map(|n| n.unit.as_str());
    let kin =
        |u: &str| u == unit || (ITEM_UNITS.contains(&u) && ITEM_UNITS.contains(&unit.as_str()));
    let cut = level
        .items
        .iter()
        .position(|(label, i)| {
            (!unit_of(*i).is_some_and(kin) && !attribute(label)) || over_years(label)
        })
        .unwrap_or(level.items.len());
    // Items joined by `、` alone, from the first to the last kept: one run of kinds, where
    // a piece counted in `篇` under a total in `条` is one more kind. After a comma it may be
    // another figure of the sentence (`……其他信息2084条,主动公开文件597份,发布政策解读14篇`).
    let one_run = level.items[..cut].windows(2).all(|w| {
        let (a, b) = (numbers[w[0].1].end, numbers[w[1].1].start);
        a < b && {
            let between = &text[a..b];
            between.contains('、')
                && !between.contains([',', '，', ';', '；', ':', '：', '(', '。', '\n'])
        }
    });
    // Every item counted in the other piece unit (`公开政府信息60条,其中,概况信息2篇,公文1篇,
    // 政务动态45篇`): the list counts its pieces so, whatever joins it.
    let all_pieces = level.items[..cut]
        .iter()
        .all(|(_, i)| unit_of(*i).is_some_and(|u| pieces(u, unit)));
    let dropped = level.items[cut..]
        .iter()
        .any(|(_, i)| unit_of(*i) == Some(unit.as_str()));
    let parts: Vec<(String, usize)> = level
        .items
        .into_iter()
        .take(cut)
        .filter(|(_, i)| {
            unit_of(*i).is_some_and(|u| u == unit || ((one_run || all_pieces) && pieces(u, unit)))
        })
        .collect();
    (parts.len() >= 2).then_some(SumStatement {
        total: level.total,
        parts,
        introducer: level.introducer,
        complete: sure.complete && !dropped,
        across: false,
    })
}

pub fn sum_statements(text: &str, numbers: &[NumberFact]) -> Vec<SumStatement> {
    statements(text, numbers, true)
}

/// `shortcut`: skip sentences with fewer than three numbers, and those where no number is
/// followed by an opener ([`may_head_level`]); the tests compare with not.
fn statements(text: &str, numbers: &[NumberFact], shortcut: bool) -> Vec<SumStatement> {
    let mut found: BTreeMap<usize, SumStatement> = BTreeMap::new();
    // Statements whose parts are in other sentences: keyed by (total, first part), since a
    // total may be broken down twice (by unit, then by category).
    let mut across: BTreeMap<(usize, usize), SumStatement> = BTreeMap::new();
    let mut done = 0;
    for n in numbers {
        if n.start < done {
            continue;
        }
        let (s_start, s_end) = sentence_bounds(text, n.start);
        done = s_end.max(n.end);
        // A statement is a total and at least two parts: a sentence holding fewer than
        // three numbers has none (its levels need not be read).
        let first = numbers.partition_point(|m| m.start < s_start);
        let held = numbers[first..]
            .iter()
            .take_while(|m| m.start < s_end)
            .filter(|m| m.end <= s_end)
            .take(3)
            .count();
        if shortcut && (held < 3 || !may_head_level(text, numbers, s_start, s_end)) {
            continue;
        }
        for sure in levels(text, numbers, s_start, s_end, None) {
            if let Some(st) = statement(text, numbers, sure) {
                found.entry(st.total).or_insert(st);
            }
        }
    }
    // Two-sentence breakdowns: a sentence that opens with a breakdown marker refers to
    // the last count in the sentence before it.
    let places = marker_places(text);
    for (marker, found_at) in CARRIED.iter().zip(&places) {
        for &pos in found_at {
            let (s_start, s_end) = sentence_bounds(text, pos);
            if text[s_start..pos].trim().len() > 6 || s_start == 0 {
                continue;
            }
            let prev_end = floor(text, s_start.saturating_sub(1));
            let (p_start, _) = sentence_bounds(text, floor(text, prev_end.saturating_sub(1)));
            let Some(ti) = numbers
                .iter()
                .rposition(|n| n.start >= p_start && n.end <= s_start && !n.approximate)
            else {
                continue;
            };
            if found.contains_key(&ti) {
                continue;
            }
            let root = levels(
                text,
                numbers,
                pos + marker.len(),
                s_end,
                Some((ti, Introducer::Breakdown)),
            )
            .into_iter()
            .find(|s| s.level.total == ti);
            if let Some(st) = root.and_then(|s| statement(text, numbers, s)) {
                found.insert(ti, st);
            }
        }
    }
    let taken: std::collections::BTreeSet<usize> = found
        .values()
        .flat_map(|s| s.parts.iter().map(|p| p.1))
        .collect();
    for st in super::linked::linked_statements(text, numbers, &taken, &places[3]) {
        if found.contains_key(&st.total) {
            continue;
        }
        if let Some(first) = st.parts.first() {
            across.entry((st.total, first.1)).or_insert(st);
        }
    }
    let mut out: Vec<SumStatement> = found.into_values().chain(across.into_values()).collect();
    out.sort_by_key(|s| (numbers[s.total].start, s.parts.first().map(|p| p.1)));
    out
}

#[cfg(test)]
mod tests {

    /// [`sentence_bounds`](super::sentence_bounds) as first written, by characters.
    fn sentence_bounds_by_chars(text: &str, at: usize) -> (usize, usize) {
        let at = super::floor(text, at.min(text.len()));
        let is_stop = |c: char| c == '。' || c == '\n' || c == ';' || c == '!' || c == '?';
        let start = text[..at]
            .rfind(is_stop)
            .map(|i| i + text[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1))
            .unwrap_or(0);
        let end = text[at..]
            .find(is_stop)
            .map(|i| at + i)
            .unwrap_or(text.len());
        (start, end)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn sentence_bounds_by_bytes_are_by_chars(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "。", "\n", ";", "!", "?", "、", "〇", "\u{3003}", "\u{1302}", "\u{2002}", "a", "中", "12",
                "，", "é",
            ]), 0..20),
            at in 0usize..80,
        ) {
            let text = v.concat();
            prop_assert_eq!(
                super::sentence_bounds(&text, at),
                sentence_bounds_by_chars(&text, at),
                "{:?} at {}", text, at
            );
        }
    }
    use super::super::number::numbers;
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Sentences with fewer than three numbers are skipped without changing what is
        /// found: random mixes of counts, openers, separators and stops.
        #[test]
        fn skipping_short_sentences_finds_the_same(
            parts in proptest::collection::vec(
                "申请12件|其中|包括|自然人3件|企业9件|、|,|。|\\(|\\)|答复意见中|分别为|共5条|1件|\n",
                0..24,
            ),
        ) {
            let t = parts.concat();
            let ns = numbers(&t);
            prop_assert_eq!(statements(&t, &ns, true), statements(&t, &ns, false));
        }
    }

    /// The skipped sentences (fewer than three numbers, or no number an opener follows)
    /// hold no statement: every fixture text outside the held-out sets reads the same with
    /// every sentence read.
    #[test]
    fn skipping_sentences_finds_the_same_on_the_fixtures() {
        let mut statements_seen = 0;
        for t in crate::facts::test_texts_without_heldout() {
            let ns = numbers(&t);
            let fast = statements(&t, &ns, true);
            assert_eq!(fast, statements(&t, &ns, false), "{t}");
            statements_seen += fast.len();
        }
        assert!(statements_seen > 100, "{statements_seen}");
    }

    /// One search for every marker finds what a `memmem` pass of each marker finds: every
    /// fixture text, and texts made of the markers and their pieces.
    #[test]
    fn marker_places_are_each_markers_occurrences() {
        let each = |t: &str| -> Vec<Vec<usize>> {
            MARKERS
                .iter()
                .map(|m| memchr::memmem::find_iter(t.as_bytes(), m).collect())
                .collect()
        };
        let mut texts = crate::facts::test_texts_without_heldout();
        texts.push("答复意见中其中答复结果中办理结果中,答复意见其中中答复答复意见中。其中".into());
        let mut seen = 0;
        for t in &texts {
            let got = marker_places(t);
            assert_eq!(got.to_vec(), each(t), "{t}");
            seen += got.iter().map(Vec::len).sum::<usize>();
        }
        assert!(seen > 100, "{seen}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn marker_places_in_made_texts(
            parts in proptest::collection::vec(
                "答复意见中|办理结果中|答复结果中|其中|答复|意见|结果中|其|中|办理|,|。|a",
                0..16,
            ),
        ) {
            let t = parts.concat();
            let each: Vec<Vec<usize>> = MARKERS
                .iter()
                .map(|m| memchr::memmem::find_iter(t.as_bytes(), m).collect())
                .collect();
            prop_assert_eq!(marker_places(&t).to_vec(), each);
        }
    }

    #[test]
    fn among_list() {
        let t = "2020年新收政府信息公开申请数量118件,其中自然人113件,商业企业2件,法律服务机构3件。";
        let ns = numbers(t);
        let ss = sum_statements(t, &ns);
        assert_eq!(ss.len(), 1);
        assert_eq!(ns[ss[0].total].value.to_string(), "118");
        let labels: Vec<&str> = ss[0].parts.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(labels, vec!["自然人", "商业企业", "法律服务机构"]);
        assert_eq!(ss[0].introducer, Introducer::Among);
    }

    #[test]
    fn two_sentence_breakdown() {
        let t = "我厅对上述118件政府信息公开申请全部依法按时答复,答复率100%。答复意见中,予以公开40件,部分公开6件,其他答复处理36件。";
        let ns = numbers(t);
        let ss = sum_statements(t, &ns);
        assert_eq!(ss.len(), 1);
        assert_eq!(ns[ss[0].total].value.to_string(), "118");
        assert_eq!(ss[0].parts.len(), 3);
        assert_eq!(ss[0].parts[0].0, "予以公开");
        assert_eq!(ss[0].introducer, Introducer::Breakdown);
    }

    #[test]
    fn nested_lists_sum_within_their_level() {
        let t =
            "主动公开政府信息120条,其中网站公开100条,包括政策文件60条、规划计划30条、其他10条。";
        let ns = numbers(t);
        let ss = sum_statements(t, &ns);
        let v = |i: usize| ns[i].value.to_string();
        let got: Vec<(String, Vec<String>)> = ss
            .iter()
            .map(|s| (v(s.total), s.parts.iter().map(|p| v(p.1)).collect()))
            .collect();
        // The outer list has one part (no sum to check); the 包括 list belongs to the 100.
        assert_eq!(
            got,
            vec![(
                "100".to_string(),
                vec!["60".into(), "30".into(), "10".into()]
            )]
        );
        // Parentheses: 100 = 60 + 40 inside, and 120 = 100 + 20 outside.
        let t =
            "主动公开政府信息120条,其中网站公开100条(含政策文件60条、其他40条),政府公报公开20条。";
        let ns = numbers(t);
        let ss = sum_statements(t, &ns);
        let v = |i: usize| ns[i].value.to_string();
        let mut got: Vec<(String, Vec<String>)> = ss
            .iter()
            .map(|s| (v(s.total), s.parts.iter().map(|p| v(p.1)).collect()))
            .collect();
        got.sort();
        assert_eq!(
            got,
            vec![
                ("100".to_string(), vec!["60".into(), "40".into()]),
                ("120".to_string(), vec!["100".into(), "20".into()]),
            ]
        );
    }

    #[test]
    fn separate_sentence_is_not_linked() {
        let t =
            "主动公开政府信息395条。一是在主动公开的信息中,政策法规类信息122条,网站公开信息380条。";
        let ns = numbers(t);
        assert!(sum_statements(t, &ns).is_empty());
    }
}
