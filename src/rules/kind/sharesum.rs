//! Shares of one whole that do not add up (`share-sum`): a sentence that breaks a whole
//! down (`其中`) and gives each part its share (`网上申请占60%,当面申请占30%,信函申请占20%`).
//! Parts of one whole cannot take more than 100 % together; and a list that closes with
//! its remainder (`其他…占5%`) claims to name every part, so it must reach 100 %. Each share
//! may be off by one unit of its last written digit (reports round and truncate), so the
//! sum is judged only beyond the sum of those units. A list with a level inside it
//! (`其中`/`包括` after the first share) or words that make the shares other ratios is not
//! judged.

use super::super::pattern::ranges_matching;
use super::super::spec::ShareSum;
use super::super::{Ctx, Finding};
use crate::facts::Dec;

/// A decimal as an integer at `scale` decimals.
fn at_scale(d: Dec, scale: u32) -> Option<i128> {
    d.mantissa
        .checked_mul(10i128.checked_pow(scale.checked_sub(d.scale)?)?)
}

/// Sentences of `text[from..to]`, split at `。` and line breaks only (lists of shares are
/// often separated by `;`, which must not split them).
fn sentences(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = from;
    let bytes = &text.as_bytes()[..to];
    // '。' is E3 80 82 in UTF-8: the byte search stops at its first byte and at '\n'.
    let mut i = from;
    while let Some(k) = memchr::memchr2(b'\n', 0xE3, &bytes[i..]) {
        let at = i + k;
        let len = if bytes[at] == b'\n' {
            1
        } else if bytes[at..].starts_with("。".as_bytes()) {
            3
        } else {
            i = at + 1;
            continue;
        };
        if at > s {
            out.push((s, at));
        }
        s = at + len;
        i = s;
    }
    if to > s {
        out.push((s, to));
    }
    out
}

/// Is a part's number (one of `ends`, sorted) written at most 48 bytes before `at`?
fn after_part(ends: &[usize], at: usize) -> bool {
    let i = ends.partition_point(|&e| e <= at);
    i > 0 && at - ends[i - 1] <= 48
}

pub fn run(p: &ShareSum, ctx: &Ctx) -> Vec<Finding> {
    let text = ctx.doc.text();
    let (bs, be) = ctx.doc.main_span();
    let openers = ctx.compiled(&p.openers);
    let exclude = ctx.compiled(&p.exclude);
    let shares = ctx.compiled(&p.shares);
    let nesting = ctx.compiled(&p.nesting);
    let closing = ctx.compiled(&p.closing);
    // Where every part of a breakdown the facts read ends, in order.
    let mut part_ends: Vec<usize> = ctx
        .doc
        .facts
        .sums
        .iter()
        .flat_map(|st| &st.parts)
        .map(|(_, i)| ctx.doc.facts.numbers[*i].end)
        .collect();
    part_ends.sort_unstable();
    let mut out = Vec::new();
    let ranges = sentences(text, bs, be);
    // Only a sentence an opener matches can hold a list: found for all sentences in one
    // pass (exactly the sentences a search of each would find), not searched one by one.
    let opens = ranges_matching(&ctx.compiled(&p.openers), text, (bs, be), &ranges);
    for (k, (ss, se)) in ranges.into_iter().enumerate() {
        if !opens[k] {
            continue;
        }
        let sentence = &text[ss..se];
        if super::any_matches(&exclude, sentence) {
            continue;
        }
        let Some(open) = openers
            .iter()
            .filter_map(|re| re.find(sentence))
            .min_by_key(|m| m.start())
        else {
            continue;
        };
        // Every share after the opener, with the words between it and the share before.
        let mut found: Vec<(usize, usize, Dec)> = Vec::new();
        for re in &shares {
            for c in re.captures_iter(&sentence[open.end()..]) {
                let (Some(m), Some(g)) = (c.get(0), c.name("p")) else {
                    continue;
                };
                let Some(v) = Dec::parse(g.as_str()) else {
                    continue;
                };
                found.push((open.end() + m.start(), open.end() + m.end(), v));
            }
        }
        found.sort_by_key(|f| f.0);
        found.dedup_by_key(|f| f.0);
        if found.len() < 2 {
            continue;
        }
        // (start of the words naming each part, those words).
        let mut labels: Vec<(usize, &str)> = Vec::new();
        let mut prev = open.end();
        // Shares found by two patterns may overlap: such a list is not read.
        if found.windows(2).any(|w| w[1].0 < w[0].1) {
            continue;
        }
        for &(s, e, _) in &found {
            let words = &sentence[prev..s];
            let trimmed = words.trim_start_matches([',', '，', ';', '；', '、', ':', '：', ' ']);
            labels.push((prev + words.len() - trimmed.len(), trimmed));
            prev = e;
        }
        // Every share written right after a part of a breakdown the facts read: `prose-share`
        // checks each of them against part ÷ total.
        if found.iter().all(|f| after_part(&part_ends, ss + f.0)) {
            continue;
        }
        // A level inside the list (a part broken down further): the shares are of two wholes.
        if labels[1..]
            .iter()
            .any(|(_, l)| super::any_matches(&nesting, l))
        {
            continue;
        }
        let scale = found.iter().map(|f| f.2.scale).max().unwrap_or(0);
        let (Some(sum), Some(hundred)) = (
            found
                .iter()
                .try_fold(0i128, |acc, f| acc.checked_add(at_scale(f.2, scale)?)),
            at_scale(Dec::int(100), scale),
        ) else {
            continue;
        };
        // One unit of each share's last digit, at the common scale.
        let slack: i128 = found
            .iter()
            .filter_map(|f| 10i128.checked_pow(scale - f.2.scale))
            .sum();
        let (last_at, last) = labels.last().copied().unwrap_or((0, ""));
        let short = if sum > hundred + slack {
            false
        } else if sum < hundred - slack && super::any_matches(&closing, last) {
            true
        } else {
            continue;
        };
        let (qs, qe) = (ss + open.start(), ss + found[found.len() - 1].1);
        let shown = Dec {
            mantissa: sum,
            scale,
        };
        let listed: Vec<String> = found.iter().map(|f| format!("{}%", f.2)).collect();
        let f = Finding::at(qs, qe);
        let f = if short { f.variant("short") } else { f };
        out.push(
            f.var("quote", super::quote(text, qs, qe))
                .var("shares", listed.join(" + "))
                .var("sum", shown.to_string())
                .var("last", super::quote(text, ss + last_at, qe))
                .expected("100%".to_string(), format!("{shown}%")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sentences;
    use proptest::prelude::*;

    /// The character walk `sentences` replaced: the tests' reference.
    fn by_chars(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut s = from;
        for (i, c) in text[from..to].char_indices() {
            if c == '。' || c == '\n' {
                if from + i > s {
                    out.push((s, from + i));
                }
                s = from + i + c.len_utf8();
            }
        }
        if to > s {
            out.push((s, to));
        }
        out
    }

    #[test]
    fn sentences_are_those_of_the_character_walk_on_every_fixture() {
        for text in crate::facts::test_texts() {
            let ends: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (a, b) in [
                (0, text.len()),
                (ends[ends.len() / 3], ends[ends.len() / 2]),
            ] {
                assert_eq!(sentences(&text, a, b), by_chars(&text, a, b));
            }
        }
    }

    proptest! {
        #[test]
        fn sentences_are_those_of_the_character_walk(
            text in "[。\n、，ぁ〇〃a1中]{0,40}",
            cut in 0usize..200,
        ) {
            let ends: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let a = ends[cut % ends.len()];
            let b = ends[(cut / 2 + ends.len() / 2) % ends.len()].max(a);
            prop_assert_eq!(sentences(&text, a, b), by_chars(&text, a, b));
        }
    }
}
