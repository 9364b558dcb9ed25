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
            let parts = collect_parts(text, numbers, i + 1, parts_from, s_end, &n.unit);
            if parts.len() >= 2 {
                let total = i;
                i = parts.last().map(|p| p.1).unwrap_or(i) + 1;
                out.push(SumStatement {
                    total,
                    parts,
                    introducer,
                });
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
        let parts = collect_parts(
            text,
            numbers,
            first,
            pos + "答复意见中".len(),
            s_end,
            &total.unit,
        );
        if parts.len() >= 2 {
            out.push(SumStatement {
                total: ti,
                parts,
                introducer: Introducer::Breakdown,
            });
        }
    }
    out.sort_by_key(|s| numbers[s.total].start);
    out
}

fn collect_parts(
    text: &str,
    numbers: &[NumberFact],
    first: usize,
    from: usize,
    to: usize,
    unit: &str,
) -> Vec<(String, usize)> {
    let mut parts = Vec::new();
    let mut prev_end = from;
    for (j, m) in numbers.iter().enumerate().skip(first) {
        if m.start < from {
            continue;
        }
        if m.end > to {
            break;
        }
        if m.unit != unit {
            prev_end = m.end;
            continue;
        }
        parts.push((label_before(text, prev_end, m.start), j));
        prev_end = m.end;
    }
    parts
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
    fn separate_sentence_is_not_linked() {
        let t =
            "主动公开政府信息395条。一是在主动公开的信息中,政策法规类信息122条,网站公开信息380条。";
        let ns = numbers(t);
        assert!(sum_statements(t, &ns).is_empty());
    }
}
