//! Shares in prose: a percentage written right after a part of a breakdown
//! (`其中自然人113件,占95.8%`, `县直各单位2475条(62.2%)`) must be that part divided by its
//! total. Reports round and truncate, so a share is accepted within one unit of its last
//! written digit (`27%` for 27.9 %, `4.34%` for 4.348 %); and since some reports give every
//! share of the grand total, a share that fits the total of a level above, or another count
//! of the same unit written before the part in the total's sentence, is accepted too.
//! Approximate numbers (余/多/约) are never used.

use super::super::spec::ProseShare;
use super::super::{Ctx, Finding};
use crate::facts::{Dec, NumberFact};
use std::collections::{BTreeMap, BTreeSet};

/// How far after a part's number its share may be written (bytes).
const WINDOW: usize = 48;

/// A decimal as an integer at `scale` decimals.
fn at_scale(d: Dec, scale: u32) -> Option<i128> {
    d.mantissa
        .checked_mul(10i128.checked_pow(scale.checked_sub(d.scale)?)?)
}

/// `share` (m / 10^d %) is part ÷ total within one unit of its last digit.
fn fits(part: Dec, total: Dec, share: Dec) -> Option<bool> {
    let s = part.scale.max(total.scale);
    let (p, t) = (at_scale(part, s)?, at_scale(total, s)?);
    if t <= 0 {
        return None;
    }
    let d = share.scale;
    // |m/10^d − 100·p/t| ≤ 1/10^d  ⟺  |m·t − 100·p·10^d| ≤ t
    let lhs = share.mantissa.checked_mul(t)?;
    let rhs = p.checked_mul(100)?.checked_mul(10i128.checked_pow(d)?)?;
    Some(lhs.checked_sub(rhs)?.abs() <= t)
}

/// `share` misses part ÷ total by more than one unit of its last digit, but is exactly one
/// unit away from part ÷ total rounded half up to as many decimals, with at least one
/// decimal written (`83.84%` for 83.8297 %: rounded, 83.83): a slip in the last decimal,
/// which is the `slip` outcome (info), not a wrong share. (`1.1%` for 1 ÷ 80 = 1.25 %,
/// rounded 1.3, is two units away: a wrong share.)
fn slip(part: Dec, total: Dec, share: Dec) -> bool {
    share.scale >= 1
        && rounded(part, total, share.scale)
            .and_then(|q| q.checked_sub(share.mantissa))
            .is_some_and(|d| d.abs() == 1)
}

/// part ÷ total as a percentage rounded half up to `d` decimals, as a mantissa at scale `d`.
fn rounded(part: Dec, total: Dec, d: u32) -> Option<i128> {
    let s = part.scale.max(total.scale);
    let (p, t) = (at_scale(part, s)?, at_scale(total, s)?);
    if t <= 0 || p < 0 {
        return None;
    }
    let scaled = p.checked_mul(100)?.checked_mul(10i128.checked_pow(d)?)?;
    Some((scaled.checked_mul(2)? + t) / t.checked_mul(2)?)
}

/// part ÷ total as a percentage rounded to `d` decimals, for messages.
fn percent(part: Dec, total: Dec, d: u32) -> Option<String> {
    Some(
        Dec {
            mantissa: rounded(part, total, d)?,
            scale: d,
        }
        .to_string(),
    )
}

/// A share written beside `part` (ending at `share_end`) that does not fit `total`.
fn share_finding(
    text: &str,
    part: &NumberFact,
    total: &NumberFact,
    share: Dec,
    share_end: usize,
    expected: String,
) -> Finding {
    Finding::at(part.start, share_end)
        .var("quote", super::quote(text, part.start, share_end))
        .var("share", share.to_string())
        .var("part", part.value.to_string())
        .var("total", total.value.to_string())
        .var("unit", total.unit.clone())
        .var("total_quote", super::quote(text, total.start, total.end))
        .var("expected_share", expected.clone())
        .expected(format!("{expected}%"), format!("{share}%"))
}

fn usable(n: &NumberFact) -> bool {
    !n.approximate && !n.value.is_negative()
}

pub fn run(p: &ProseShare, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let nums = &doc.facts.numbers;
    let (bs, be) = doc.main_span();
    // The totals above a number: the totals of the statements it is a part of.
    let mut above: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for st in &doc.facts.sums {
        for (_, i) in &st.parts {
            above.entry(*i).or_default().push(st.total);
        }
    }
    let ancestors = |from: usize| {
        let mut out = Vec::new();
        let mut todo = vec![from];
        while let Some(t) = todo.pop() {
            if out.contains(&t) || out.len() > 8 {
                continue;
            }
            out.push(t);
            todo.extend(above.get(&t).into_iter().flatten().copied());
        }
        out
    };
    let patterns = ctx.compiled(&p.shares);
    let named = ctx.compiled(&p.named);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for st in &doc.facts.sums {
        let mut shares = StatementShares::new(text, nums, &patterns, &named, &st.parts);
        let total = &nums[st.total];
        if !usable(total) || total.start < bs || total.end > be || total.value <= Dec::ZERO {
            continue;
        }
        for (label, i) in &st.parts {
            let part = &nums[*i];
            if !usable(part) || !seen.insert(*i) {
                continue;
            }
            let mut end = (part.end + WINDOW).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let Some((share, share_end)) = shares.of(*i, end) else {
                continue;
            };
            // Denominators: the level's total, the totals above it, and any other count of the
            // same unit written before the part in the total's sentence (a grand total).
            let from = text[..total.start].rfind(['。', '\n']).map_or(0, |k| k + 1);
            let mut denominators = ancestors(st.total);
            denominators.extend(
                nums.iter()
                    .enumerate()
                    .filter(|(_, n)| n.start >= from && n.end <= part.start && n.unit == total.unit)
                    .map(|(k, _)| k),
            );
            let fit = denominators
                .into_iter()
                .filter(|t| usable(&nums[*t]) && *t != *i)
                .map(|t| fits(part.value, nums[t].value, share));
            let fit: Vec<Option<bool>> = fit.collect();
            // Judged only when every ratio could be computed and none fits.
            if fit.is_empty() || fit.iter().any(|f| *f != Some(false)) {
                continue;
            }
            let Some(expected) = percent(part.value, total.value, share.scale) else {
                continue;
            };
            let finding = share_finding(text, part, total, share, share_end, expected)
                .var("label", label.clone());
            out.push(if slip(part.value, total.value, share) {
                finding.variant("slip")
            } else {
                finding
            });
        }
    }
    out.extend(rates(p, ctx));
    let reported: BTreeSet<usize> = out.iter().map(|f| f.start).collect();
    out.extend(
        grand(p, ctx)
            .into_iter()
            .filter(|f| !reported.contains(&f.start)),
    );
    out
}

/// The share written right after a part's number: the first of `patterns` that matches
/// `after` (the text after the number), its group `p` and where its match ends in `after`.
///
/// What `captures` of each pattern in turn gives. Most numbers have no share after them,
/// and `captures` pays for its group slots before it searches; `find` (the same regex,
/// the same leftmost-first match or none) says first whether there is a match at all.
fn beside_share(patterns: &[super::super::pattern::Re<'_>], after: &str) -> Option<(Dec, usize)> {
    patterns.iter().find_map(|re| {
        re.find(after)?;
        let c = re.captures(after)?;
        let g = c.name("p")?;
        Some((Dec::parse(g.as_str())?, c.get(0)?.end()))
    })
}

/// The shares of one statement's parts, as [`run`] reads them: the share written right
/// after a part's number ([`beside_share`]), else one that names the part again after the
/// last part ([`named_share`]; the `named` patterns searched once for the statement).
struct StatementShares<'s, 'a> {
    text: &'s str,
    nums: &'s [NumberFact],
    patterns: &'s [super::super::pattern::Re<'a>],
    named: &'s [super::super::pattern::Re<'a>],
    parts: &'s [(String, usize)],
    said: Option<Vec<NamedShare>>,
}

impl<'s, 'a> StatementShares<'s, 'a> {
    fn new(
        text: &'s str,
        nums: &'s [NumberFact],
        patterns: &'s [super::super::pattern::Re<'a>],
        named: &'s [super::super::pattern::Re<'a>],
        parts: &'s [(String, usize)],
    ) -> Self {
        StatementShares {
            text,
            nums,
            patterns,
            named,
            parts,
            said: None,
        }
    }

    /// Part `i`'s share and where its words end; `end`: the end of the window after the
    /// part's number where the share may be written.
    fn of(&mut self, i: usize, end: usize) -> Option<(Dec, usize)> {
        let from = self.nums[i].end;
        let beside = beside_share(self.patterns, &self.text[from..end]);
        beside.map(|(share, e)| (share, from + e)).or_else(|| {
            let (text, nums, named, parts) = (self.text, self.nums, self.named, self.parts);
            let said = self
                .said
                .get_or_insert_with(|| named_shares(text, nums, named, parts));
            named_share(said, parts, i)
        })
    }
}

/// One `named` pattern's match after a statement's last part: its name, its share (`p`)
/// and where the match ends.
type NamedShare = Option<(String, Option<Dec>, usize)>;

/// Each `named` pattern's first match in the rest of the parts' sentence (after the last
/// part, to the next 。; or line break). It depends on the statement alone, not on the
/// part asked about, so it is read once per statement ([`named_share`] asks it per part).
fn named_shares(
    text: &str,
    nums: &[NumberFact],
    named: &[super::super::pattern::Re<'_>],
    parts: &[(String, usize)],
) -> Vec<NamedShare> {
    let Some(last) = parts.last().map(|(_, k)| nums[*k].end) else {
        return Vec::new();
    };
    let to = text[last..]
        .find(['。', ';', '；', '\n'])
        .map_or(text.len(), |k| last + k);
    named
        .iter()
        .map(|re| {
            let c = re.captures(&text[last..to])?;
            let name = c.name("name")?.as_str().to_string();
            let p = c.name("p").and_then(|g| Dec::parse(g.as_str()));
            Some((name, p, last + c.get(0)?.end()))
        })
        .collect()
}

/// A share that names part `i` again after the last part, in the same sentence
/// (`……动漫解读文件7个,实现图文解读全覆盖,动漫解读占比23%`): the name must be held by that
/// part's label and by no other part's. `said`: [`named_shares`] of the statement.
fn named_share(said: &[NamedShare], parts: &[(String, usize)], i: usize) -> Option<(Dec, usize)> {
    let (label, _) = parts.iter().find(|(_, k)| *k == i)?;
    said.iter().find_map(|s| {
        let (name, p, end) = s.as_ref()?;
        let holders = parts
            .iter()
            .filter(|(l, _)| l.contains(name.as_str()))
            .count();
        (holders == 1 && label.contains(name.as_str())).then(|| Some(((*p)?, *end)))?
    })
}

/// A part's share as [`run`] reads it: the share and where its words end.
#[cfg(test)]
pub(crate) type ShareReading = Option<(Dec, usize)>;

/// The shares [`run`] reads (by [`beside_share`] after a number, by [`named_share`] from
/// the statement's [`named_shares`]) next to what the plain searches they replaced give:
/// `captures` of each `shares` pattern in turn after every number of the draft, and the
/// `named` patterns searched again for every part of every statement (tests compare them).
#[cfg(test)]
pub(crate) fn share_readings_both(p: &ProseShare, ctx: &Ctx) -> Vec<(ShareReading, ShareReading)> {
    let doc = ctx.doc;
    let text = doc.text();
    let nums = &doc.facts.numbers;
    let patterns = ctx.compiled(&p.shares);
    let named = ctx.compiled(&p.named);
    let mut out = Vec::new();
    for n in nums {
        let mut end = (n.end + WINDOW).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let after = &text[n.end..end];
        let cut = beside_share(&patterns, after).map(|(share, e)| (share, n.end + e));
        let plain = patterns.iter().find_map(|re| {
            let c = re.captures(after)?;
            let g = c.name("p")?;
            Some((Dec::parse(g.as_str())?, n.end + c.get(0)?.end()))
        });
        out.push((cut, plain));
    }
    // Each statement's parts as `run` asks them: the window after the part's number, then
    // the named shares; the plain reading searches both again for each part.
    for st in &doc.facts.sums {
        let mut shares = StatementShares::new(text, nums, &patterns, &named, &st.parts);
        for (_, i) in &st.parts {
            let n = &nums[*i];
            let mut end = (n.end + WINDOW).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let plain = patterns
                .iter()
                .find_map(|re| {
                    let c = re.captures(&text[n.end..end])?;
                    let g = c.name("p")?;
                    Some((Dec::parse(g.as_str())?, n.end + c.get(0)?.end()))
                })
                .or_else(|| named_share_searched(text, nums, &named, &st.parts, *i));
            out.push((shares.of(*i, end), plain));
        }
    }
    out
}

/// [`named_share`] as it searched the `named` patterns again for each part.
#[cfg(test)]
fn named_share_searched(
    text: &str,
    nums: &[NumberFact],
    named: &[super::super::pattern::Re<'_>],
    parts: &[(String, usize)],
    i: usize,
) -> Option<(Dec, usize)> {
    let last = nums[parts.last()?.1].end;
    let to = text[last..]
        .find(['。', ';', '；', '\n'])
        .map_or(text.len(), |k| last + k);
    let (label, _) = parts.iter().find(|(_, k)| *k == i)?;
    named.iter().find_map(|re| {
        let c = re.captures(&text[last..to])?;
        let name = c.name("name")?.as_str();
        let holders = parts.iter().filter(|(l, _)| l.contains(name)).count();
        (holders == 1 && label.contains(name))
            .then(|| Some((Dec::parse(c.name("p")?.as_str())?, last + c.get(0)?.end())))?
    })
}

/// An explicit share of the whole (`机构职能类信息16条,……,占总体的比例为2.8%`), in a part
/// where another such share (`法规文件类信息25条,占总体的比例为3.4%`) shows which count the
/// whole is: reported when the share fits no earlier count of its unit (so no other whole
/// could be meant) and the count another share fits gives a different percentage. A share
/// with no such confirmation is left alone: the whole cannot be told.
fn grand(p: &ProseShare, ctx: &Ctx) -> Vec<Finding> {
    if p.grand.is_empty() {
        return Vec::new();
    }
    let doc = ctx.doc;
    let text = doc.text();
    let nums = &doc.facts.numbers;
    let (bs, be) = doc.main_span();
    // (the count's index, the share, where the share ends, the part of the report)
    let mut shares: Vec<(usize, Dec, usize, Option<usize>)> = Vec::new();
    for re in ctx.compiled(&p.grand) {
        for c in re.captures_iter(&text[bs..be]) {
            let (Some(m), Some(g)) = (c.get(0), c.name("p")) else {
                continue;
            };
            let Some(share) = Dec::parse(g.as_str()) else {
                continue;
            };
            let (ms, me) = (bs + m.start(), bs + m.end());
            let from = text[..ms].rfind(['。', ';', '\n']).map_or(bs, |k| k + 1);
            let first = nums.partition_point(|n| n.start < from);
            let before: Vec<usize> = (first..nums.len())
                .take_while(|&i| nums[i].end <= ms)
                .collect();
            // The count is the only one before the share in its sentence.
            let [i] = before[..] else {
                continue;
            };
            if usable(&nums[i]) && !shares.iter().any(|s| s.0 == i) {
                shares.push((i, share, me, doc.part_at(ms).map(|pt| pt.heading)));
            }
        }
    }
    // The earlier counts of the part's unit above it: the wholes it may be a share of.
    let wholes = |i: usize| -> Vec<usize> {
        let part = &nums[i];
        let from = text[..part.start]
            .rfind(['。', ';', '\n'])
            .map_or(bs, |k| k + 1);
        nums.iter()
            .enumerate()
            .filter(|(_, n)| {
                n.start >= bs
                    && n.end <= from
                    && n.unit == part.unit
                    && usable(n)
                    && n.value > part.value
            })
            .map(|(k, _)| k)
            .collect()
    };
    let fitting: Vec<Vec<usize>> = shares
        .iter()
        .map(|(i, share, _, _)| {
            wholes(*i)
                .into_iter()
                .filter(|t| fits(nums[*i].value, nums[*t].value, *share) == Some(true))
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (k, (i, share, share_end, part_of)) in shares.iter().enumerate() {
        let candidates = wholes(*i);
        if candidates.is_empty()
            || candidates
                .iter()
                .any(|t| fits(nums[*i].value, nums[*t].value, *share) != Some(false))
        {
            continue;
        }
        // The wholes that the other shares of this part (same unit) fit.
        let mut confirmed: Vec<usize> = shares
            .iter()
            .enumerate()
            .filter(|(j, s)| *j != k && s.3 == *part_of && nums[s.0].unit == nums[*i].unit)
            .flat_map(|(j, _)| fitting[j].iter().copied())
            .filter(|t| candidates.contains(t))
            .collect();
        let by_structure = confirmed.is_empty();
        if by_structure {
            // No other share fits a whole: every share of the list may be wrong. The whole
            // is then certain only by the structure, a sentence holding one count of the
            // unit followed by one that begins with 其中 and holds the part.
            confirmed.extend(lead_whole(text, nums, *i).filter(|t| candidates.contains(t)));
        }
        confirmed.sort_unstable();
        confirmed.dedup();
        let values: BTreeSet<String> = confirmed
            .iter()
            .map(|t| nums[*t].value.to_string())
            .collect();
        let ([t, ..], 1) = (&confirmed[..], values.len()) else {
            continue;
        };
        let (part, total) = (&nums[*i], &nums[*t]);
        let Some(expected) = percent(part.value, total.value, share.scale) else {
            continue;
        };
        let variant = if slip(part.value, total.value, *share) {
            "slip"
        } else if by_structure {
            "lead"
        } else {
            "grand"
        };
        out.push(share_finding(text, part, total, *share, *share_end, expected).variant(variant));
    }
    // A share truncated where the others of its part are rounded (“43条,比例3.3%”,
    // “9条,比例0.7%”, then “10条,比例0.7%” of 1323: 0.68 rounds up, so 0.756 written 0.7
    // breaks the report's own rule). Only against the one whole every such share fits.
    let reported: BTreeSet<usize> = out.iter().map(|f| f.start).collect();
    for (k, (i, share, share_end, part_of)) in shares.iter().enumerate() {
        let [t] = fitting[k][..] else {
            continue;
        };
        let (part, total) = (&nums[*i], &nums[t]);
        if reported.contains(&part.start)
            || way(part.value, total.value, *share) != Some(Way::Truncated)
        {
            continue;
        }
        let rounded_beside = shares.iter().enumerate().any(|(j, s)| {
            j != k
                && s.3 == *part_of
                && fitting[j].contains(&t)
                && way(nums[s.0].value, total.value, s.1) == Some(Way::Rounded)
        });
        if !rounded_beside {
            continue;
        }
        let Some(expected) = percent(part.value, total.value, share.scale) else {
            continue;
        };
        out.push(share_finding(text, part, total, *share, *share_end, expected).variant("rounded"));
    }
    out
}

/// How a share was written against part ÷ total, when only one way gives it.
#[derive(Debug, PartialEq, Eq)]
enum Way {
    /// Rounded half up, and truncation gives another value.
    Rounded,
    /// Truncated, and rounding gives another value.
    Truncated,
}

fn way(part: Dec, total: Dec, share: Dec) -> Option<Way> {
    let s = part.scale.max(total.scale);
    let (p, t) = (at_scale(part, s)?, at_scale(total, s)?);
    if t <= 0 || share.is_negative() {
        return None;
    }
    let scaled = p
        .checked_mul(100)?
        .checked_mul(10i128.checked_pow(share.scale)?)?;
    let truncated = scaled / t;
    let rounded = (scaled.checked_mul(2)? + t) / t.checked_mul(2)?;
    match share.mantissa {
        m if m == rounded && m != truncated => Some(Way::Rounded),
        m if m == truncated && m != rounded => Some(Way::Truncated),
        _ => None,
    }
}

/// The whole of part `i` when the part's sentence begins with 其中 (“104条。其中,机构职能类信息
/// 2条,占总数的1.5%;……”) and the sentence before it holds exactly one count of the part's
/// unit, above the part.
fn lead_whole(text: &str, nums: &[NumberFact], i: usize) -> Option<usize> {
    let part = &nums[i];
    // The last 。 before the part ends the sentence before; the part's own sentence begins
    // with 其中 and runs on the same line up to the part.
    let stop = text[..part.start].rfind('。')?;
    let lead = &text[stop + '。'.len_utf8()..part.start];
    if !lead.trim_start().starts_with("其中") || lead.contains('\n') {
        return None;
    }
    let from = text[..stop].rfind(['。', '\n']).map_or(0, |k| k + 1);
    let wholes: Vec<usize> = nums
        .iter()
        .enumerate()
        .filter(|(_, n)| n.start >= from && n.end <= stop && n.unit == part.unit && usable(n))
        .map(|(k, _)| k)
        .collect();
    match wholes[..] {
        [t] if nums[t].value > part.value => Some(t),
        _ => None,
    }
}

/// `受理117件,办结171件,办结率100%`: the rate against part ÷ whole.
fn rates(p: &ProseShare, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let (bs, be) = doc.main_span();
    let mut out = Vec::new();
    for re in ctx.compiled(&p.rates) {
        for c in re.captures_iter(&text[bs..be]) {
            let (Some(m), Some(w), Some(pt), Some(r)) =
                (c.get(0), c.name("whole"), c.name("part"), c.name("p"))
            else {
                continue;
            };
            let (Some(whole), Some(part), Some(rate)) = (
                Dec::parse(w.as_str()),
                Dec::parse(pt.as_str()),
                Dec::parse(r.as_str()),
            ) else {
                continue;
            };
            if fits(part, whole, rate) != Some(false) {
                continue;
            }
            let Some(expected) = percent(part, whole, rate.scale) else {
                continue;
            };
            let (s, e) = (bs + m.start(), bs + m.end());
            out.push(
                Finding::at(s, e)
                    .variant("rate")
                    .var("quote", super::quote(text, s, e))
                    .var("share", rate.to_string())
                    .var("part", part.to_string())
                    .var("total", whole.to_string())
                    .var("expected_share", expected.clone())
                    .expected(format!("{expected}%"), format!("{rate}%")),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap()
    }

    #[test]
    fn a_share_fits_within_one_unit_of_its_last_digit() {
        assert_eq!(fits(d("1397"), d("1913"), d("73")), Some(true));
        // 534 / 1913 = 27.91 %: written 27 (truncated) is accepted, 26 is not.
        assert_eq!(fits(d("534"), d("1913"), d("27")), Some(true));
        assert_eq!(fits(d("534"), d("1913"), d("26")), Some(false));
        // 145 / 1913 = 7.58 %, written 8.05.
        assert_eq!(fits(d("145"), d("1913"), d("8.05")), Some(false));
        assert_eq!(fits(d("35"), d("805"), d("4.34")), Some(true));
        assert_eq!(fits(d("1"), d("0"), d("10")), None);
    }

    #[test]
    fn the_expected_share_is_rounded_to_the_written_decimals() {
        assert_eq!(percent(d("145"), d("1913"), 2).as_deref(), Some("7.58"));
        assert_eq!(percent(d("45"), d("60"), 0).as_deref(), Some("75"));
        assert_eq!(percent(d("2"), d("3"), 1).as_deref(), Some("66.7"));
    }

    #[test]
    fn a_slip_is_one_unit_from_the_rounded_share() {
        // 197 / 235 = 83.8297 %, rounded 83.83: written 83.84 is a slip in the last decimal.
        assert!(slip(d("197"), d("235"), d("83.84")));
        assert!(
            slip(d("197"), d("235"), d("83.82"))
                || fits(d("197"), d("235"), d("83.82")) == Some(true)
        );
        // 1 / 80 = 1.25 %, rounded 1.3: written 1.1 is two units away, a wrong share
        // (原村乡 2024, heldout22, spent); so is 83.86, and a share without decimals.
        assert!(!slip(d("1"), d("80"), d("1.1")));
        assert!(!slip(d("197"), d("235"), d("83.86")));
        assert!(!slip(d("534"), d("1913"), d("29")));
    }
}
