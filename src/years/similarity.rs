//! How much of a text is the same as last year's: character bigrams and the Dice
//! coefficient. Linear in the length of the texts, deterministic, and blind to what
//! a copy typically changes: whitespace, punctuation, and the year numbers (every
//! digit counts as the same character, so `2023年` and `2024年` are alike).
//!
//! The measure, as the rule help states it: both texts keep only letters, digits and
//! Chinese characters (digits all alike); each is cut into its pairs of neighbouring
//! characters; similarity = 2 × shared pairs ÷ (pairs of one + pairs of the other).

use std::collections::HashMap;

/// The characters compared: no whitespace or punctuation, every digit as `0`.
pub fn comparable(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 3);
    for c in text.chars() {
        // The CJK Unified Ideographs block is letters, none numeric: most of a report
        // is decided without the Unicode tables.
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push(if c.is_numeric() { '0' } else { c });
        }
    }
    out
}

/// Dice coefficient of the character bigrams of two texts (already [`comparable`]),
/// as a percentage 0–100 (rounded down). Texts with fewer than two characters: 0.
pub fn percent(a: &[char], b: &[char]) -> u32 {
    if a.len() < 2 || b.len() < 2 {
        return 0;
    }
    let mut counts: HashMap<(char, char), i64> = HashMap::with_capacity(a.len());
    for w in a.windows(2) {
        *counts.entry((w[0], w[1])).or_default() += 1;
    }
    let mut shared = 0u64;
    for w in b.windows(2) {
        if let Some(n) = counts.get_mut(&(w[0], w[1])) {
            if *n > 0 {
                *n -= 1;
                shared += 1;
            }
        }
    }
    let total = (a.len() - 1 + b.len() - 1) as u64;
    (200 * shared / total) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(a: &str, b: &str) -> u32 {
        percent(&comparable(a), &comparable(b))
    }

    #[test]
    fn copies_with_years_moved_on_are_the_same() {
        let a = "一是政策解读质量仍需提升；二是2023年队伍建设还需加强。";
        let b = "一是政策解读质量仍需提升，二是 2024 年队伍建设还需加强";
        assert_eq!(p(a, b), 100);
    }

    #[test]
    fn different_texts_score_low_and_edits_lower_the_score() {
        let a = "一是政策解读质量仍需提升；二是政务公开队伍建设还需进一步加强。";
        let b = "今年依申请公开数量明显增长，答复规范性有待提高，平台互动不足。";
        assert!(p(a, b) < 20, "{}", p(a, b));
        let c = "一是政策解读质量仍需提升；二是基层标准化规范化建设还要加强。";
        let score = p(a, c);
        assert!((40..85).contains(&score), "{score}");
        assert_eq!(p("", a), 0);
        // Repeated pairs are matched once each.
        assert_eq!(p("哈哈哈哈", "哈哈"), 50);
    }
}
