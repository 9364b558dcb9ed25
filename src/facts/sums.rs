//! "Total + parts" statements in prose:
//! `新收申请118件,其中自然人113件,商业企业2件,法律服务机构3件` and the two-sentence
//! breakdown `对上述118件申请…答复。答复意见中,予以公开40件,部分公开6件…`.

use super::number::NumberFact;

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
    /// (label, index into numbers)
    pub parts: Vec<(String, usize)>,
    pub introducer: Introducer,
}

const BREAKDOWN: [&str; 9] = [
    "答复意见中",
    "答复结果中",
    "办理结果中",
    "办理结果为",
    "处理结果中",
    "分别为",
    "办理情况为",
    "答复情况为",
    "其中:",
];

fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn sentence_bounds(text: &str, at: usize) -> (usize, usize) {
    let at = floor(text, at.min(text.len()));
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

fn label_before(text: &str, from: usize, at: usize) -> String {
    let seg = &text[from..at];
    let cut = seg
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | '、' | ':' | ';' | '，'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    seg[cut..].trim().to_string()
}

pub fn sum_statements(text: &str, numbers: &[NumberFact]) -> Vec<SumStatement> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let n = &numbers[i];
        let (_, s_end) = sentence_bounds(text, n.start);
        let after = &text[n.end..s_end];
        let gap = after.trim_start_matches([',', ' ', ':']);
        let intro = if gap.starts_with("其中") {
            Some((
                n.end + (after.len() - gap.len()) + "其中".len(),
                if gap.starts_with("其中:") {
                    Introducer::Breakdown
                } else {
                    Introducer::Among
                },
            ))
        } else {
            BREAKDOWN.iter().find(|b| gap.starts_with(**b)).map(|b| {
                (
                    n.end + (after.len() - gap.len()) + b.len(),
                    Introducer::Breakdown,
                )
            })
        };
        if let Some((parts_from, introducer)) = intro {
            let (parts, nested) = collect_parts(text, numbers, i + 1, parts_from, s_end, &n.unit);
            if parts.len() >= 2 || !nested.is_empty() {
                let total = i;
                let last = parts
                    .iter()
                    .map(|p| p.1)
                    .chain(nested.iter().flat_map(|s| s.parts.iter().map(|p| p.1)))
                    .max()
                    .unwrap_or(i);
                i = last + 1;
                push_nested(&mut out, total, parts, introducer);
                out.extend(nested);
                continue;
            }
        }
        i += 1;
    }
    // Two-sentence breakdowns: a sentence that opens with a breakdown marker refers to
    // the last count in the sentence before it.
    for (pos, _) in text
        .match_indices("答复意见中")
        .chain(text.match_indices("办理结果中"))
        .chain(text.match_indices("答复结果中"))
    {
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
        let total = &numbers[ti];
        if out.iter().any(|s| s.total == ti) {
            continue;
        }
        let first = numbers.partition_point(|n| n.start < pos);
        let (parts, nested) = collect_parts(
            text,
            numbers,
            first,
            pos + "答复意见中".len(),
            s_end,
            &total.unit,
        );
        push_nested(&mut out, ti, parts, Introducer::Breakdown);
        out.extend(nested);
    }
    out.sort_by_key(|s| numbers[s.total].start);
    out
}

/// Words after a part that open that part's own breakdown (`网站公开100条,包括…`).
const NESTED: [(&str, Introducer); 5] = [
    ("包括", Introducer::Among),
    ("其中", Introducer::Among),
    ("含", Introducer::Among),
    ("分别为", Introducer::Breakdown),
    ("分别是", Introducer::Breakdown),
];

/// The parts of a list, and the lists nested in it: a part followed by parentheses, or by
/// `包括`/`其中`/`含`/`分别为`, has its own parts, which are summed against it and not
/// against the outer total (the rest of the sentence belongs to it).
fn collect_parts(
    text: &str,
    numbers: &[NumberFact],
    first: usize,
    from: usize,
    to: usize,
    unit: &str,
) -> (Vec<(String, usize)>, Vec<SumStatement>) {
    let mut parts = Vec::new();
    let mut nested = Vec::new();
    let mut prev_end = from;
    let mut j = first;
    while j < numbers.len() {
        let m = &numbers[j];
        if m.start < from {
            j += 1;
            continue;
        }
        if m.end > to {
            break;
        }
        if m.unit != unit {
            prev_end = m.end;
            j += 1;
            continue;
        }
        parts.push((label_before(text, prev_end, m.start), j));
        prev_end = m.end;
        let after = &text[m.end..to];
        let gap = after.trim_start_matches([',', ' ']);
        let at = m.end + (after.len() - gap.len());
        // `100条(含政策文件60条、其他40条)`: the parenthesis is the part's own breakdown.
        if let Some(inner) = gap.strip_prefix('(') {
            if let Some(close) = inner.find(')') {
                let inner_to = at + 1 + close;
                let sub_first = numbers.partition_point(|n| n.start < at);
                let (sub, deeper) = collect_parts(text, numbers, sub_first, at + 1, inner_to, unit);
                let last = numbers.partition_point(|n| n.start < inner_to);
                let opener = inner.trim_start();
                let introducer = NESTED
                    .iter()
                    .find(|(w, _)| opener.starts_with(w))
                    .map_or(Introducer::Among, |(_, i)| *i);
                push_nested(&mut nested, j, sub, introducer);
                nested.extend(deeper);
                prev_end = inner_to + 1;
                j = last.max(j + 1);
                continue;
            }
        }
        if let Some((w, introducer)) = NESTED.iter().find(|(w, _)| gap.starts_with(w)) {
            let sub_from = at + w.len();
            let (sub, deeper) = collect_parts(text, numbers, j + 1, sub_from, to, unit);
            push_nested(&mut nested, j, sub, *introducer);
            nested.extend(deeper);
            break;
        }
        j += 1;
    }
    (parts, nested)
}

fn push_nested(
    out: &mut Vec<SumStatement>,
    total: usize,
    parts: Vec<(String, usize)>,
    introducer: Introducer,
) {
    if parts.len() >= 2 {
        out.push(SumStatement {
            total,
            parts,
            introducer,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::number::numbers;
    use super::*;

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
