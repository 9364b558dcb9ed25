//! Breakdowns that span sentences, linked by what they restate:
//!
//! - `…主动公开政府信息1913条。其中,区直各单位主动公开政府信息1397条,占73%。各乡镇主动公开政府信息534条,占27%。`
//!   A sentence that opens with `其中` breaks down the last count of the sentence before.
//!   Each following sentence that gives exactly one count of the total's unit, after the
//!   same quantity words as the total (`主动公开政府信息`), is one more part — only when the
//!   `其中` sentence's last part restates those words too (a list written as parallel
//!   sentences).
//! - `2014年主动公开政府信息2543条。…主动公开政府信息的主要类别有:机构职能类信息594条,…`
//!   A list introduced by `<quantity words>的主要类别有:` (类别/类型/分类/构成) breaks down
//!   the nearest count before it that is stated after the same quantity words and is not
//!   itself a part of another breakdown.
//!
//! Such statements are marked `across`: the link is read from the wording, not written, so
//! rules report them with less certainty. This module reads structure only; it never looks
//! at whether the sums hold.

use super::breakdown::{levels, Level, SureLevel};
use super::number::NumberFact;
use super::sums::{floor, sentence_bounds, statement, Introducer, SumStatement};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Quantity words shared by a total and a part restating it: at least this many characters.
const MIN_SHARED: usize = 5;

/// How far back (bytes) a category list looks for the count it breaks down.
const LOOK_BACK: usize = 1200;

/// `<quantity words>的主要类别有:` and its variants; `q` is the quantity words.
static CATEGORY_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<q>[^,。:;\n、()]{2,40}?)的(?:主要)?(?:类别|类型|分类|构成)(?:主要)?(?:有|为|是|包括|如下)?:",
    )
    .unwrap()
});

/// The words before a number, back to the last separator (or the sentence start).
fn words_before(text: &str, from: usize, at: usize) -> &str {
    let seg = &text[from.min(at)..at];
    let cut = seg
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | '、' | ':' | ';' | '(' | ')' | '。' | '\n'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    seg[cut..].trim()
}

/// Characters two phrases share at their ends (spaces ignored), counting only CJK text.
fn shared_suffix(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().filter(|c| !c.is_whitespace()).collect();
    let b: Vec<char> = b.chars().filter(|c| !c.is_whitespace()).collect();
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y && !x.is_ascii())
        .count()
}

/// The counts (non-approximate or not) within `[from, to)`.
fn counts_in(numbers: &[NumberFact], from: usize, to: usize) -> &[NumberFact] {
    let a = numbers.partition_point(|n| n.start < from);
    let b = numbers.partition_point(|n| n.start < to);
    &numbers[a..b.max(a)]
}

/// A statement from a root level read across sentences.
fn across(
    text: &str,
    numbers: &[NumberFact],
    total: usize,
    items: Vec<(String, usize)>,
    complete: bool,
) -> Option<SumStatement> {
    let sure = SureLevel {
        level: Level {
            total,
            introducer: Introducer::Among,
            items,
        },
        complete,
    };
    statement(text, numbers, sure).map(|mut st| {
        st.across = true;
        st
    })
}

/// The root level of `text[from..to]` as the items of the count `total`.
fn root_items(
    text: &str,
    numbers: &[NumberFact],
    from: usize,
    to: usize,
    total: usize,
) -> Option<(Vec<(String, usize)>, bool)> {
    levels(text, numbers, from, to, Some((total, Introducer::Among)))
        .into_iter()
        .find(|s| s.level.total == total)
        .map(|s| (s.level.items, s.complete))
}

/// `…N条。其中,…` and the parallel sentences after it.
fn among_sentences(text: &str, numbers: &[NumberFact], among: &[usize]) -> Vec<SumStatement> {
    let mut out = Vec::new();
    for &pos in among {
        let (s_start, s_end) = sentence_bounds(text, pos);
        let Some((ti, p_start)) = previous_total(text, numbers, pos) else {
            continue;
        };
        let Some((mut items, complete)) = root_items(text, numbers, pos + "其中".len(), s_end, ti)
        else {
            continue;
        };
        let total = &numbers[ti];
        let quantity = words_before(text, p_start, total.start);
        let restated = |i: usize, from: usize| {
            shared_suffix(words_before(text, from, numbers[i].start), quantity) >= MIN_SHARED
        };
        // Parallel sentences continue the list only when the `其中` sentence's last part
        // restates the total's quantity words.
        let mut end = s_end;
        let mut parallel = items.last().is_some_and(|(_, i)| restated(*i, s_start));
        while parallel {
            let Some(stop) = text[end..].chars().next() else {
                break;
            };
            if stop != '。' && stop != ';' {
                break;
            }
            let (n_start, n_end) = sentence_bounds(text, end + stop.len_utf8());
            let same_unit: Vec<usize> = counts_in(numbers, n_start, n_end)
                .iter()
                .enumerate()
                .filter(|(_, n)| n.unit == total.unit)
                .map(|(k, _)| numbers.partition_point(|n| n.start < n_start) + k)
                .collect();
            match same_unit.as_slice() {
                [m] if !numbers[*m].approximate && restated(*m, n_start) => {
                    items.push((
                        words_before(text, n_start, numbers[*m].start).to_string(),
                        *m,
                    ));
                    end = n_end;
                }
                _ => parallel = false,
            }
        }
        if let Some(st) = across(text, numbers, ti, items, complete) {
            out.push(st);
        }
    }
    out
}

/// Words that make a clause after `;` a statement of its own, not one more category of a
/// list: what was done. A clause with one of them still continues the list when it is
/// written like the list's first item (`通过政府网站公开政府信息1600条;利用微信公众号公开政府
/// 信息450条`): its words end in the first item's last [`PARALLEL`] characters or more.
const CLAUSE_VERBS: [&str; 10] = [
    "发布", "公开", "推送", "报送", "收到", "受理", "办理", "答复", "通过", "利用",
];

/// Words of a clause's own time (`全年`, `本年度`): never one more item of a list.
const CLAUSE_TIMES: [&str; 4] = ["全年", "本年", "今年", "年度"];

/// Characters a clause with a verb shares with the end of the first item's words.
const PARALLEL: usize = 4;

/// A label without a trailing `共计`/`合计`/`累计`/`共`/`计` (`……其他信息共计2004条`).
fn bare_label(label: &str) -> &str {
    let mut l = label.trim();
    for w in ["共计", "合计", "累计", "总计", "共", "计"] {
        if let Some(x) = l.strip_suffix(w) {
            l = x.trim_end();
            break;
        }
    }
    l
}

/// What may follow an item's count in a list clause: nothing, or its share of the total
/// (`,占比1.1%`, `,占5%`, `(占50%)`). `Some(true)` when a share is written.
fn item_tail(s: &str) -> Option<bool> {
    let t = s.trim();
    if t.is_empty() {
        return Some(false);
    }
    let inner = t
        .strip_prefix(',')
        .or_else(|| t.strip_prefix('(').and_then(|x| x.strip_suffix(')')))?;
    super::breakdown::is_share(inner).then_some(true)
}

/// The count a sentence opening with `其中` at `pos` breaks down, with the start of its
/// sentence: the last count (not approximate) of the sentence before, when it is neither a
/// change against another year (`较上年增加5件。其中…`) nor itself a part of a list in its
/// sentence (`受理21件,包括信函申请2件、网络申请19件。其中予以公开10件,…`: the `其中` may break
/// down that list's total or the whole sentence, not the part). Only the previous
/// sentence's numbers are looked at (no scan back to the start).
fn previous_total(text: &str, numbers: &[NumberFact], pos: usize) -> Option<(usize, usize)> {
    let (s_start, _) = sentence_bounds(text, pos);
    if s_start == 0 || !text[s_start..pos].trim().is_empty() {
        return None;
    }
    let prev_end = floor(text, s_start.saturating_sub(1));
    let (p_start, p_end) = sentence_bounds(text, floor(text, prev_end.saturating_sub(1)));
    let first = numbers.partition_point(|n| n.start < p_start);
    let ti = counts_in(numbers, p_start, s_start)
        .iter()
        .rposition(|n| n.end <= s_start && !n.approximate)
        .map(|k| first + k)?;
    let part_of_list = || {
        levels(text, numbers, p_start, p_end.min(s_start), None)
            .iter()
            .any(|l| l.level.items.iter().any(|(_, i)| *i == ti))
    };
    (!super::breakdown::is_change(words_before(text, p_start, numbers[ti].start))
        && !part_of_list())
    .then_some((ti, p_start))
}

/// [`previous_total`] when that sentence ends with `。` right after its total (only `,` `:`
/// or spaces between): `…主动公开80条。其中,…`.
fn total_before_sentence(text: &str, numbers: &[NumberFact], pos: usize) -> Option<usize> {
    let (s_start, _) = sentence_bounds(text, pos);
    let stop = s_start.checked_sub('。'.len_utf8())?;
    if !text[..s_start].ends_with('。') {
        return None;
    }
    let (ti, _) = previous_total(text, numbers, pos)?;
    text.get(numbers[ti].end..stop)
        .is_some_and(|gap| gap.chars().all(|c| matches!(c, ',' | ':' | ' ')))
        .then_some(ti)
}

/// `…6391条,其中概况类信息1105条;政务动态类信息2896条;……其他信息共计2004条。`: a `其中`
/// list whose categories are set off by `;`. The clauses after the `其中` one continue the
/// list when each is nothing but a category and one count of the total's unit, with its
/// share at most (no verb or time of its own, its name ending like the first category's;
/// or every item, the first one too, followed by its share: `信息公开年报1条,占比1.1%;
/// 部门工作动态信息54条,占比67.5%;…`), and the list closes with `。` or the line's end; one
/// clause of another shape and nothing is read. The total is the count right before `其中`,
/// or, when `其中` opens its sentence, the last count of the sentence before.
fn semicolon_lists(text: &str, numbers: &[NumberFact], among: &[usize]) -> Vec<SumStatement> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for &pos in among {
        // Cheap first: the sentence must end with `;` (the first stop after `其中`).
        let mut from = pos;
        let stop = loop {
            let Some(k) = memchr::memchr3(b'\n', b';', 0x82, &b[from..]) else {
                break None;
            };
            let j = from + k;
            if b[j] == 0x82 && !(j >= 2 && b[j - 1] == 0x80 && b[j - 2] == 0xE3) {
                from = j + 1;
                continue;
            }
            break Some(j);
        };
        let Some(s_end) = stop.filter(|&j| b[j] == b';') else {
            continue;
        };
        if memchr::memchr2(b'!', b'?', &b[pos..s_end]).is_some() {
            continue;
        }
        // The clauses after it: each one category and one count, no time of its own (a
        // verb only in a clause written like the first item, checked below); the list
        // closes with `。` or the line's end.
        let mut clauses: Vec<(usize, usize, bool)> = Vec::new();
        let mut shares = true;
        let mut end = s_end;
        let closed = loop {
            if !text[end..].starts_with(';') {
                break matches!(text[end..].chars().next(), None | Some('。' | '\n'));
            }
            let (n_start, n_end) = sentence_bounds(text, end + 1);
            let first = numbers.partition_point(|n| n.start < n_start);
            let [n] = counts_in(numbers, n_start, n_end) else {
                break false;
            };
            let words = &text[n_start..n.start];
            let tail = if n.end > n_end {
                None
            } else {
                item_tail(&text[n.end..n_end])
            };
            let Some(share) = tail else {
                break false;
            };
            if n.approximate || CLAUSE_TIMES.iter().any(|w| words.contains(w)) {
                break false;
            }
            shares &= share;
            let verb = CLAUSE_VERBS.iter().any(|w| words.contains(w));
            clauses.push((n_start, first, verb));
            end = n_end;
        };
        if !closed || clauses.is_empty() {
            continue;
        }
        let (s_start, _) = sentence_bounds(text, pos);
        // The total: the count right before `其中` (only `,` `:` or spaces between), or
        // the last count of the sentence before one that `其中` opens.
        let first = numbers.partition_point(|n| n.start < s_start);
        let Some(ti) = counts_in(numbers, s_start, pos)
            .iter()
            .rposition(|n| n.end <= pos)
            .map(|k| first + k)
            .or_else(|| total_before_sentence(text, numbers, pos))
        else {
            continue;
        };
        let total = &numbers[ti];
        if total.approximate
            || (total.end <= pos
                && total.start >= s_start
                && !text[total.end..pos]
                    .chars()
                    .all(|c| matches!(c, ',' | ':' | ' ')))
            || clauses
                .iter()
                .any(|&(_, k, _)| numbers[k].unit != total.unit)
        {
            continue;
        }
        let Some((mut items, complete)) = root_items(text, numbers, pos + "其中".len(), s_end, ti)
        else {
            continue;
        };
        let Some((first_label, last)) = items.last().map(|(l, i)| (bare_label(l).to_string(), *i))
        else {
            continue;
        };
        let Some(first_share) = item_tail(&text[numbers[last].end..s_end]) else {
            continue;
        };
        if !complete || items.iter().any(|(_, i)| numbers[*i].unit != total.unit) {
            continue;
        }
        // Every item followed by its share: the list is written as one pattern throughout.
        let all_shares = shares && first_share;
        let mut like = true;
        for &(n_start, k, verb) in &clauses {
            let label = words_before(text, n_start, numbers[k].start);
            let need = if verb { PARALLEL } else { 2 };
            like &= all_shares || shared_suffix(bare_label(label), &first_label) >= need;
            items.push((label.to_string(), k));
        }
        if like {
            if let Some(st) = across(text, numbers, ti, items, true) {
                out.push(st);
            }
        }
    }
    out
}

/// `<quantity words>的主要类别有:<list>` under the nearest earlier count of those words.
fn category_lists(
    text: &str,
    numbers: &[NumberFact],
    taken: &BTreeSet<usize>,
) -> Vec<SumStatement> {
    let mut out = Vec::new();
    for m in CATEGORY_LIST.captures_iter(text) {
        let (Some(whole), Some(q)) = (m.get(0), m.name("q")) else {
            continue;
        };
        let colon = whole.end();
        let (s_start, s_end) = sentence_bounds(text, whole.start());
        if !counts_in(numbers, s_start, colon).is_empty() {
            continue;
        }
        let back = floor(text, s_start.saturating_sub(LOOK_BACK));
        let first = numbers.partition_point(|n| n.start < back);
        let Some(ti) = counts_in(numbers, back, s_start)
            .iter()
            .enumerate()
            .rev()
            .map(|(k, n)| (first + k, n))
            .find(|(i, n)| {
                let (ns, _) = sentence_bounds(text, n.start);
                !taken.contains(i)
                    && shared_suffix(words_before(text, ns, n.start), q.as_str()) >= MIN_SHARED
            })
            .filter(|(_, n)| !n.approximate)
            .map(|(i, _)| i)
        else {
            continue;
        };
        let Some((items, complete)) = root_items(text, numbers, colon, s_end, ti) else {
            continue;
        };
        if let Some(st) = across(text, numbers, ti, items, complete) {
            out.push(st);
        }
    }
    out
}

/// Every breakdown read across sentences. `taken`: numbers that are parts of a breakdown
/// within one sentence (never the total of a category list); `among`: every place of
/// `其中` in `text`, ascending.
pub fn linked_statements(
    text: &str,
    numbers: &[NumberFact],
    taken: &BTreeSet<usize>,
    among: &[usize],
) -> Vec<SumStatement> {
    let mut out = among_sentences(text, numbers, among);
    out.extend(semicolon_lists(text, numbers, among));
    let mut taken = taken.clone();
    taken.extend(out.iter().flat_map(|s| s.parts.iter().map(|p| p.1)));
    out.extend(category_lists(text, numbers, &taken));
    out
}

/// Compile this module's patterns now (on the thread that compiles ahead).
pub(crate) fn warm() {
    LazyLock::force(&CATEGORY_LIST);
}
#[cfg(test)]
mod tests {
    use super::super::number::numbers;
    use super::super::sums::sum_statements;

    /// (total, [parts], across) of every statement, as values.
    fn sums(t: &str) -> Vec<(String, Vec<String>, bool)> {
        let ns = numbers(t);
        sum_statements(t, &ns)
            .into_iter()
            .map(|s| {
                (
                    ns[s.total].value.to_string(),
                    s.parts
                        .iter()
                        .map(|(_, i)| ns[*i].value.to_string())
                        .collect(),
                    s.across,
                )
            })
            .collect()
    }

    fn st(total: &str, parts: &[&str]) -> (String, Vec<String>, bool) {
        (
            total.into(),
            parts.iter().map(|p| p.to_string()).collect(),
            true,
        )
    }

    #[test]
    fn a_total_broken_down_in_the_next_sentences() {
        let t = "2012年主动公开政府信息1913条。其中,区直、县直各单位主动公开政府信息1397条,占73%。各乡镇主动公开政府信息534条,占27%。(二)主要类别";
        assert_eq!(sums(t), vec![st("1913", &["1397", "534"])]);
    }

    #[test]
    fn parallel_sentences_must_restate_the_quantity() {
        // The second sentence gives another quantity (办结), not one more part.
        let t = "全年收到申请20件。其中,自然人提出申请15件。办结申请18件。";
        assert!(sums(t).is_empty());
        // The 其中 sentence alone, with two parts, is one statement.
        let t = "全年收到申请20件。其中,自然人15件,法人5件。办结申请18件。";
        assert_eq!(sums(t), vec![st("20", &["15", "5"])]);
    }

    #[test]
    fn a_category_list_breaks_down_the_count_it_names() {
        let t = "2014年主动公开政府信息 2543条。其中,区直各部门主动公开政府信息1687条,占66%。各乡镇主动公开政府信息856条,占34%。\n(二)主要类别\n2014年,我区各工作部门主动公开政府信息的主要类别有:机构职能类信息594条,政策、规范性文件类信息281条,其他应主动公开的信息946条。";
        assert_eq!(
            sums(t),
            vec![
                st("2543", &["1687", "856"]),
                st("2543", &["594", "281", "946"])
            ]
        );
    }

    #[test]
    fn a_list_set_off_by_semicolons_is_one_breakdown() {
        // 山阳县 2020 (tuning, audit F2).
        let t = "主动公开政府信息6391条,其中概况类信息1105条;政务动态类信息2896条;政府文件、重大事件等民众关心的其他信息共计2004条。";
        assert_eq!(sums(t), vec![st("6391", &["1105", "2896", "2004"])]);
        // A clause with a verb or time of its own, with a second count, of another unit or
        // naming another kind of thing: the clauses are not read as one list.
        for t in [
            "主动公开政府信息500条,其中规范性文件类信息20条;全年发布工作动态类信息600条。",
            "主动公开政府信息500条,其中规范性文件类信息20条;工作动态类信息60条,较上年增加5条。",
            "主动公开政府信息500条,其中规范性文件类信息20条;工作动态类信息60条;收到申请5件。",
            "主动公开政府信息500条,其中规范性文件类信息20条;新闻稿件60条。",
        ] {
            assert!(sums(t).is_empty(), "{t}: {:?}", sums(t));
        }
    }

    #[test]
    fn a_semicolon_list_of_items_with_their_shares_is_one_breakdown() {
        // 原村乡 2024 (heldout22, spent, audit F1): the total ends the sentence before the
        // `其中` one, and every item, of unlike names, is followed by its share.
        let t = "累计公开信息80条,主动公开80条。其中,信息公开年报1条,占比1.1%;部门工作动态信息54条,占比67.5%;领导信息11条,占比13.8%;财政信息7条,占比8.8%;政策文件信息4条,占比5%;政策文件解读3条,占比3.8%。";
        assert_eq!(sums(t), vec![st("80", &["1", "54", "11", "7", "4", "3"])]);
        // The same within one sentence, with shares in parentheses.
        let t = "主动公开信息80条,其中信息公开年报1条(占1.3%);部门工作动态信息54条(占67.5%);领导信息25条(占31.3%)。";
        assert_eq!(sums(t), vec![st("80", &["1", "54", "25"])]);
        // Not read: one item without its share (names unlike), a clause with more after its
        // share, a total that is a change against last year, a total not at its sentence's end.
        for t in [
            "主动公开80条。其中,信息公开年报1条,占比1.1%;部门工作动态信息54条;领导信息25条,占比31.3%。",
            "主动公开80条。其中,信息公开年报1条,占比1.1%;部门工作动态信息54条,占比67.5%,较上年增加;领导信息25条,占比31.3%。",
            "主动公开信息较上年增加80条。其中,信息公开年报1条,占比1.1%;工作动态信息54条,占比67.5%;领导信息25条,占比31.3%。",
            "主动公开80条,均已按时发布。其中,信息公开年报1条,占比1.1%;工作动态信息54条,占比67.5%;领导信息25条,占比31.3%。",
        ] {
            assert!(sums(t).iter().all(|s| s.1.len() < 3), "{t}: {:?}", sums(t));
        }
    }

    #[test]
    fn a_category_list_without_a_named_count_is_no_statement() {
        let t = "今年共召开会议3次。我局主动公开政府信息的主要类别有:机构职能类信息594条,政策文件类信息281条。";
        assert!(sums(t).is_empty());
    }
}
