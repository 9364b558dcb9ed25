//! Total + parts in prose: parts never exceed their total; an exhaustive breakdown
//! (applicant types, handling results) equals it. Approximate numbers are never summed.

use super::super::spec::ProseSum;
use super::super::{Ctx, Finding};
use crate::facts::{Dec, Introducer, NumberFact};

pub fn run(p: &ProseSum, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let nums = &doc.facts.numbers;
    let (bs, be) = doc.main_span();
    let mut out = Vec::new();
    // Asked of every part label: one search per label for the whole list.
    let overlapping = ctx.any_of(&p.overlapping);
    for st in &doc.facts.sums {
        let total = &nums[st.total];
        if total.approximate || rounded(text, total) || total.start < bs || total.end > be {
            continue;
        }
        // Parts that are not the total's: those after the list changed separator, and a
        // carry-over under a count of completed requests.
        let listed = list_len(text, nums, &st.parts, st.complete);
        if listed < st.parts.len() || !st.complete {
            out.extend(extended(p, ctx, total, &st.parts[..listed]));
        }
        let completed_total = !p.carry_over.is_empty()
            && ctx.matches_any(&p.completed, clause_before(text, total.start));
        // Under a received count, a list that turns to the requests completed holds two
        // breakdowns: the parts before the turn are the total's, the rest are [`outcomes`]'.
        // (A carried-over part alone turns nothing: it closes a list of handling results.)
        let turn = (!completed_total
            && ctx.matches_any(&p.received, clause_before(text, total.start)))
        .then(|| {
            st.parts[..listed].iter().position(|(l, _)| {
                ctx.matches_any(&p.completed, l) && !ctx.matches_any(&p.carry_over, l)
            })
        })
        .flatten();
        if let Some(k) = turn {
            out.extend(outcomes(
                p,
                ctx,
                st,
                total,
                &st.parts[..k],
                &st.parts[k..listed],
            ));
        }
        let listed = turn.unwrap_or(listed);
        let exact: Vec<&(String, usize)> = st.parts[..listed]
            .iter()
            .filter(|(l, _)| !(completed_total && ctx.matches_any(&p.carry_over, l)))
            .filter(|(_, i)| !nums[*i].approximate && !rounded(text, &nums[*i]))
            .collect();
        let overlapping = exact.iter().any(|(l, _)| overlapping.is_match(l));
        // Parts that may overlap are never summed, but none of them alone can exceed
        // the total it is a part of.
        let mut part_above = false;
        if overlapping {
            if let Some((l, i)) = exact.iter().find(|(_, i)| nums[*i].value > total.value) {
                part_above = true;
                let part = &nums[*i];
                out.push(
                    Finding::at(total.start, part.end)
                        .variant("part-above")
                        .var("total", total.value.to_string())
                        .var("part", format!("{l}{}{}", part.value, part.unit))
                        .var("unit", total.unit.clone())
                        .var("quote", super::quote(text, total.start, total.end)),
                );
            }
        }
        if !part_above {
            out.extend(lower_bound(
                p,
                ctx,
                st,
                total,
                &st.parts[..listed],
                completed_total,
            ));
        }
        if exact.len() < 2 {
            continue;
        }
        let Some(sum) = exact
            .iter()
            .try_fold(Dec::ZERO, |acc, (_, i)| acc.checked_add(nums[*i].value))
        else {
            continue;
        };
        // `A、B各16件` is two items (at least) of 16 each: read once, the sum is too small.
        // An excess that only the second reading reaches is “each” (a warning: the writer
        // may have meant 16 for both); below the total, nothing is judged.
        let each: Vec<&&(String, usize)> =
            exact.iter().filter(|(l, _)| l.ends_with('各')).collect();
        if !each.is_empty() {
            let Some(twice) = each
                .iter()
                .try_fold(sum, |acc, (_, i)| acc.checked_add(nums[*i].value))
            else {
                continue;
            };
            if twice > total.value && sum <= total.value && !overlapping {
                out.push(each_finding(text, nums, total, &exact, twice));
            }
            if sum <= total.value {
                continue;
            }
        }
        let formula = formula(nums, exact.iter().copied());
        // Falling short can only be judged when every reading lists exactly these parts.
        let all_approx_free = exact.len() == st.parts.len() && st.complete;
        let group = p
            .exhaustive
            .iter()
            .find(|g| {
                exact.iter().all(|(l, _)| {
                    g.labels
                        .iter()
                        .any(|pat| ctx.re(pat).is_some_and(|re| re.is_match(l)))
                })
            })
            .map(|g| g.name.clone())
            .or_else(|| {
                // A list whose last part is `其他…` claims to cover its total.
                let (l, _) = exact.last()?;
                ctx.matches_any(&p.closing, l)
                    .then(|| format!("分类（列有“{l}”一项）"))
            })
            .or_else(|| {
                // A list of several kinds with one of them `其他…` (not the last: the kinds
                // after it are of another sort, 动态 after 文件) names every kind too.
                if p.residual_min == 0 || exact.len() < p.residual_min {
                    return None;
                }
                let (l, _) = exact[..exact.len() - 1]
                    .iter()
                    .find(|(l, _)| ctx.matches_any(&p.closing, l))?;
                Some(format!("分类（列有“{l}”一项）"))
            })
            .or_else(|| {
                // A long list whose last part is joined by `和` enumerates its total's kinds.
                let (l, _) = exact.last()?;
                (exact.len() >= p.enumeration_min && ctx.matches_any(&p.enumeration_closing, l))
                    .then(|| {
                        let l = l.trim_start_matches(['和', '以', '及']);
                        format!("分类（逐项列举了{}项，末项为“{l}”）", exact.len())
                    })
            });
        // A list of a dozen kinds or more enumerates its total's kinds; that is read from
        // its length only, so a shortfall is asked about (`incomplete`), never called wrong.
        let long = (group.is_none()
            && p.enumeration_long_min > 0
            && exact.len() >= p.enumeration_long_min
            && !overlapping)
            .then(|| format!("分类（逐项列举了{}项）", exact.len()));
        let last = &nums[exact.last().map(|p| p.1).unwrap_or(st.total)];
        let finding = |variant: &'static str| {
            Finding::at(total.start, last.end)
                .variant(variant)
                .var("total", total.value.to_string())
                .var("sum", sum.to_string())
                .var("formula", formula.clone())
                .var("unit", total.unit.clone())
                .var("quote", super::quote(text, total.start, total.end))
                .expected(total.value.to_string(), sum.to_string())
        };
        // Counts of the same thing stated side by side before the total (`收到申请12件,
        // 上年结转申请1件,其中:…`): the list may break down their sum. Only what every
        // reading agrees on is reported; a sum that exceeds the last count alone but not
        // the run is “无法核对” (info), one that equals a reading is no finding.
        // Two complete breakdowns of one total in one list (`共受理申请15件,其中新收到14件,
        // 结转上年度办理1件,办结13件,结转下年度继续办理2件`: where the requests came from,
        // then how they ended): each half adds up to the total, so nothing is wrong.
        if two_breakdowns(nums, &exact, total.value) {
            continue;
        }
        let joint = joint_totals(text, nums, st.total);
        if joint
            .iter()
            .any(|&(j, k)| j == sum || nums[st.total - k].value == sum)
        {
            continue;
        }
        if let Some((j, k)) = joint.last().filter(|(j, _)| sum > total.value && sum <= *j) {
            let first = &nums[st.total - k];
            out.push(
                Finding::at(first.start, last.end)
                    .variant("joint")
                    .var("total", total.value.to_string())
                    .var("sum", sum.to_string())
                    .var("joint", j.to_string())
                    .var("unit", total.unit.clone())
                    .var("quote", super::quote(text, first.start, total.end)),
            );
            continue;
        }
        let before = out.len();
        if sum > total.value && !overlapping {
            out.push(finding(if st.across { "across" } else { "" }));
        } else if let Some(g) = group {
            if sum != total.value && all_approx_free {
                match st.introducer {
                    Introducer::Breakdown => out.push(finding("mismatch").var("group", g)),
                    Introducer::Among if sum < total.value && !stray_number(text, nums, st) => {
                        out.push(finding("incomplete").var("group", g))
                    }
                    Introducer::Among => {}
                }
            }
        } else if let Some(g) = long {
            if sum < total.value
                && all_approx_free
                && !stray_number(text, nums, st)
                && !list_may_go_on(text, nums, st, &total.unit)
            {
                out.push(finding("incomplete").var("group", g));
            }
        }
        // Channels closed by a catch-all (`其他方式公开130条`, `利用宣传车公开栏等方式公开…453条`)
        // claim to split the total by channel: they must add up to it.
        let closed = overlapping
            && exact
                .last()
                .is_some_and(|(l, _)| ctx.matches_any(&p.channel_closing, l));
        if closed
            && out.len() == before
            && all_approx_free
            && !part_above
            && sum != total.value
            && !(sum < total.value && stray_number(text, nums, st))
        {
            let (l, _) = exact.last().copied().unwrap_or(exact[0]);
            out.push(finding("channels").var("last", l.clone()));
        }
    }
    out.extend(order(p, ctx));
    out.extend(bare(p, ctx));
    out
}

/// The completed and carried-over parts of a received total (`受理…11件,其中网络申请11件,申请办结数8件,
/// 结转下一年办理1件`): what was received this year either ended or was carried over, and
/// requests carried in from last year only add to what must end, so completed plus
/// carried over cannot fall short of the total. Judged only when the run holds both a
/// completed and a carried-over part and nothing else, every count exact, and the list
/// ends there. When the parts before the run add up to the total and one of them is carried
/// in from last year (`其中新收到14件,结转上年度办理1件`), the total holds every request of
/// the year, and the run must equal it: above it is reported too (`outcomes-above`).
fn outcomes(
    p: &ProseSum,
    ctx: &Ctx,
    st: &crate::facts::SumStatement,
    total: &NumberFact,
    head: &[(String, usize)],
    run: &[(String, usize)],
) -> Option<Finding> {
    let text = ctx.doc.text();
    let nums = &ctx.doc.facts.numbers;
    let carried = |l: &str| ctx.matches_any(&p.carry_over, l);
    let done = |l: &str| !carried(l) && ctx.matches_any(&p.completed, l);
    if !st.complete
        || !run.iter().all(|(l, _)| carried(l) || done(l))
        || !run.iter().any(|(l, _)| carried(l))
        || !run.iter().any(|(l, _)| done(l))
        || run
            .iter()
            .any(|(_, i)| nums[*i].approximate || nums[*i].unit != total.unit)
    {
        return None;
    }
    let sum = run
        .iter()
        .try_fold(Dec::ZERO, |acc, (_, i)| acc.checked_add(nums[*i].value))?;
    let whole_year = || {
        head.iter().any(|(l, _)| ctx.matches_any(&p.carried, l))
            && !head.iter().any(|(_, i)| nums[*i].approximate)
            && head
                .iter()
                .try_fold(Dec::ZERO, |acc, (_, i)| acc.checked_add(nums[*i].value))
                == Some(total.value)
    };
    let variant = if sum < total.value {
        "outcomes-short"
    } else if sum > total.value && whole_year() {
        "outcomes-above"
    } else {
        return None;
    };
    let formula = formula(nums, run.iter());
    let last = &nums[run.last()?.1];
    Some(
        Finding::at(total.start, last.end)
            .variant(variant)
            .var("total", total.value.to_string())
            .var("sum", sum.to_string())
            .var("formula", formula)
            .var("unit", total.unit.clone())
            .var("quote", super::quote(text, total.start, total.end)),
    )
}

/// Parts written as lower bounds (`通过新闻媒体公开信息1600余条`, `超过50条`): the count is at
/// least the number written, so the exact parts and these bounds together are at least
/// their sum. When that floor already exceeds an exact total, the parts exceed it whatever
/// the bounds stand for, and the finding says “至少”. Only an excess is judged (a floor says
/// nothing about falling short), only when the exact parts alone do not exceed the total
/// (that is the plain finding), and never for `各` items or counts stated side by side
/// before the total (there the parts may break down their sum). Channels that may overlap
/// are judged only when a catch-all closes them (they claim to split the total).
fn lower_bound(
    p: &ProseSum,
    ctx: &Ctx,
    st: &crate::facts::SumStatement,
    total: &NumberFact,
    listed: &[(String, usize)],
    completed_total: bool,
) -> Option<Finding> {
    let text = ctx.doc.text();
    let nums = &ctx.doc.facts.numbers;
    let parts: Vec<&(String, usize)> = listed
        .iter()
        .filter(|(l, _)| !(completed_total && ctx.matches_any(&p.carry_over, l)))
        .filter(|(_, i)| !nums[*i].approximate || nums[*i].at_least)
        .collect();
    if parts.len() < 2
        || !parts.iter().any(|(_, i)| nums[*i].at_least)
        || parts.iter().any(|(l, _)| l.ends_with('各'))
        || !joint_totals(text, nums, st.total).is_empty()
    {
        return None;
    }
    let floor = |run: &[&(String, usize)], bounds: bool| {
        run.iter()
            .filter(|(_, i)| bounds || !nums[*i].at_least)
            .try_fold(Dec::ZERO, |acc, (_, i)| acc.checked_add(nums[*i].value))
    };
    let (exact, sum) = (floor(&parts, false)?, floor(&parts, true)?);
    if exact > total.value || sum <= total.value {
        return None;
    }
    let channels = ctx.any_of(&p.overlapping);
    let overlapping = parts.iter().any(|(l, _)| channels.is_match(l));
    let closed = parts
        .last()
        .is_some_and(|(l, _)| ctx.matches_any(&p.channel_closing, l));
    if overlapping && !closed {
        return None;
    }
    let formula = parts
        .iter()
        .map(|(l, i)| {
            let n = &nums[*i];
            if n.at_least {
                format!("{l} 至少{}", n.value)
            } else {
                format!("{l} {}", n.value)
            }
        })
        .collect::<Vec<_>>()
        .join(" + ");
    let bounds = parts
        .iter()
        .filter(|(_, i)| nums[*i].at_least)
        .map(|(_, i)| format!("“{}”", &text[nums[*i].start..nums[*i].end]))
        .collect::<Vec<_>>()
        .join("");
    let last = &nums[parts.last()?.1];
    let mut f = Finding::at(total.start, last.end)
        .variant(if overlapping {
            "channels-at-least"
        } else {
            "at-least"
        })
        .var("total", total.value.to_string())
        .var("sum", sum.to_string())
        .var("formula", formula)
        .var("bounds", bounds)
        .var("unit", total.unit.clone())
        .var("quote", super::quote(text, total.start, total.end));
    if overlapping {
        f = f.var("last", parts.last()?.0.clone());
    }
    Some(f)
}

/// Whether `parts` split into a leading and a trailing run that each add up to `total`
/// exactly (both at least one part, no approximate number).
fn two_breakdowns(nums: &[NumberFact], parts: &[&(String, usize)], total: Dec) -> bool {
    if parts.len() < 3 || parts.iter().any(|(_, i)| nums[*i].approximate) {
        return false;
    }
    let sum = |run: &[&(String, usize)]| {
        run.iter()
            .try_fold(Dec::ZERO, |acc, (_, i)| acc.checked_add(nums[*i].value))
    };
    (1..parts.len()).any(|k| sum(&parts[..k]) == Some(total) && sum(&parts[k..]) == Some(total))
}

/// The `each` finding: `parts` (some labelled `…各`, counted twice) sum to `twice`, above
/// `total`.
fn each_finding(
    text: &str,
    nums: &[crate::facts::NumberFact],
    total: &crate::facts::NumberFact,
    parts: &[&(String, usize)],
    twice: Dec,
) -> Finding {
    let formula = parts
        .iter()
        .map(|(l, i)| {
            let v = nums[*i].value;
            if l.ends_with('各') {
                format!("{l}{v} × 2")
            } else {
                format!("{l} {v}")
            }
        })
        .collect::<Vec<_>>()
        .join(" + ");
    let (l, i) = parts
        .iter()
        .find(|(l, _)| l.ends_with('各'))
        .copied()
        .unwrap_or(parts[0]);
    let last = parts
        .iter()
        .map(|p| nums[p.1].end)
        .max()
        .unwrap_or(total.end);
    Finding::at(total.start, last)
        .variant("each")
        .var("total", total.value.to_string())
        .var("sum", twice.to_string())
        .var("formula", formula)
        .var("each", format!("{l}{}{}", nums[*i].value, nums[*i].unit))
        .var("value", nums[*i].value.to_string())
        .var("unit", total.unit.clone())
        .var("quote", super::quote(text, total.start, total.end))
        .expected(total.value.to_string(), twice.to_string())
}

/// A total with no words but a verb (`共计公开114件,`) followed, to the end of its sentence,
/// by nothing but clauses `label + count` in its unit (`建设用地规划许可证信息25件,…,
/// 商品房预售许可证信息预售前及预售后公示各16件`): the clauses are read as its parts. Only an
/// excess is reported (a warning: the link is read, not written); channels (which may
/// overlap), approximate counts and any clause of another shape end the reading.
fn bare(p: &ProseSum, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let nums = &doc.facts.numbers;
    let (bs, be) = doc.main_span();
    let main = &text[bs..be];
    let mut out = Vec::new();
    let overlapping = ctx.any_of(&p.overlapping);
    for re in ctx.compiled(&p.bare_totals) {
        for c in re.captures_iter(main) {
            let (Some(m), Some(t)) = (c.get(0), c.name("total")) else {
                continue;
            };
            let t_at = bs + t.start();
            let Some(ti) = nums.iter().position(|n| n.value_start == t_at) else {
                continue;
            };
            let total = &nums[ti];
            if total.approximate
                || rounded(text, total)
                || doc.facts.sums.iter().any(|st| st.total == ti)
            {
                continue;
            }
            let from = bs + m.end();
            let to = text[from..be]
                .find(['。', ';', '；', '\n'])
                .map_or(be, |i| from + i);
            // Every clause is one count of the total's unit after words without digits.
            let mut parts: Vec<(String, usize)> = Vec::new();
            let mut at = from;
            let mut ok = true;
            for n in nums.iter().enumerate().skip(ti + 1) {
                let (k, n) = n;
                if n.start >= to {
                    break;
                }
                let label = text[at..n.start].trim_start_matches([',', '，', '、', ' ']);
                let sep_ok = at == from || text[at..n.start].starts_with([',', '，', '、']);
                if !sep_ok
                    || n.approximate
                    || n.unit != total.unit
                    || label.chars().count() < 2
                    || label.chars().count() > 40
                    || label.contains(|c: char| c.is_ascii_digit() || ",，、".contains(c))
                {
                    ok = false;
                    break;
                }
                parts.push((label.to_string(), k));
                at = n.end;
            }
            if !ok || parts.len() < 2 || !text[at..to].trim().is_empty() {
                continue;
            }
            // A list with an opener is the breakdown reader's (`doc.facts.sums`).
            // (`分别` also before other verbs: `分别发布…`.)
            let first = &parts[0].0;
            let opened =
                crate::facts::breakdown::opens_breakdown(first) || first.starts_with("分别");
            if opened
                || parts
                    .iter()
                    .any(|(l, _)| overlapping.is_match(l) || ctx.matches_any(&p.completed, l))
            {
                continue;
            }
            let refs: Vec<&(String, usize)> = parts.iter().collect();
            let Some(once) = refs
                .iter()
                .try_fold(Dec::ZERO, |acc, (_, i)| acc.checked_add(nums[*i].value))
            else {
                continue;
            };
            let Some(twice) = refs
                .iter()
                .filter(|(l, _)| l.ends_with('各'))
                .try_fold(once, |acc, (_, i)| acc.checked_add(nums[*i].value))
            else {
                continue;
            };
            if once > total.value {
                let formula = formula(nums, refs.iter().copied());
                let last = &nums[parts[parts.len() - 1].1];
                out.push(
                    Finding::at(total.start, last.end)
                        .variant("bare")
                        .var("total", total.value.to_string())
                        .var("sum", once.to_string())
                        .var("formula", formula)
                        .var("unit", total.unit.clone())
                        .var("quote", super::quote(text, total.start, total.end))
                        .expected(total.value.to_string(), once.to_string()),
                );
            } else if twice > total.value {
                out.push(each_finding(text, nums, total, &refs, twice));
            }
        }
    }
    out
}

/// More requests (or matters) concluded than received, in one run of clauses
/// (`共受理审批事项117件,办结171件`): only possible when some were carried over from an
/// earlier year, so it is reported when the main text never mentions such a carry-over
/// (`p.carried` anywhere, `p.carried_near` in the sentence). A warning: the text may
/// still count them without saying so.
fn order(p: &ProseSum, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let (bs, be) = doc.main_span();
    let main = &text[bs..be];
    let mut out = Vec::new();
    if p.received_concluded.is_empty() || ctx.matches_any(&p.carried, main) {
        return out;
    }
    for re in ctx.compiled(&p.received_concluded) {
        for c in re.captures_iter(main) {
            let (Some(m), Some(w), Some(pt)) = (c.get(0), c.name("whole"), c.name("part")) else {
                continue;
            };
            let (Some(whole), Some(part)) = (Dec::parse(w.as_str()), Dec::parse(pt.as_str()))
            else {
                continue;
            };
            if part <= whole {
                continue;
            }
            let (s, e) = (bs + m.start(), bs + m.end());
            let from = text[..s].rfind(['。', '\n', ';']).map_or(bs, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let to = text[e..].find(['。', '\n', ';']).map_or(be, |i| e + i);
            if ctx.matches_any(&p.carried_near, &text[from.max(bs)..to.min(be)]) {
                continue;
            }
            out.push(
                Finding::at(s, e)
                    .variant("concluded-above")
                    .var("quote", super::quote(text, s, e))
                    .var("whole", whole.to_string())
                    .var("part", part.to_string())
                    .expected(format!("≤ {whole}"), part.to_string()),
            );
        }
    }
    out
}

/// The counts stated side by side right before the total `nums[total]`, in one run of
/// clauses (`共收到政府信息公开申请12件,上年结转政府信息公开申请1件,其中:…`): each one before it
/// of the same unit, exact, joined to the next by one `,` or `、` with no opener (`其中`,
/// `包括`, `含`) or other stop between, and naming the same thing (its words end in the same
/// two characters as the total's, 数/数量/为/共… set aside). Returns, nearest first, the sum
/// of the total with the 1, 2, … counts before it, and how many counts that is (the list may
/// also break down one of those counts alone). Empty when the count before the total is not
/// such a sibling.
fn joint_totals(text: &str, nums: &[crate::facts::NumberFact], total: usize) -> Vec<(Dec, usize)> {
    const OPENERS: [&str; 3] = ["其中", "包括", "含"];
    let head = |s: &str| -> String {
        let t = s.trim_end_matches([
            '为', '了', '共', '计', '达', '数', '量', '总', '合', '累', ' ',
        ]);
        let cs: Vec<char> = t.chars().collect();
        cs[cs.len().saturating_sub(2)..].iter().collect()
    };
    let label = |from: usize, at: usize| -> &str {
        let seg = &text[from.min(at)..at];
        let cut = seg
            .rfind([',', '，', '、', ':', '：', '。', ';', '；', '\n', '(', ')'])
            .map_or(0, |i| i + seg[i..].chars().next().map_or(1, char::len_utf8));
        &seg[cut..]
    };
    let t = &nums[total];
    let mut out = Vec::new();
    let mut acc = t.value;
    let mut k = total;
    while k > 0 {
        let (prev, cur) = (&nums[k - 1], &nums[k]);
        if prev.approximate || prev.unit != t.unit || prev.end >= cur.start {
            break;
        }
        let gap = &text[prev.end..cur.start];
        let seps = gap.matches([',', '，', '、']).count();
        if seps != 1
            || gap.contains(['。', ';', '；', '\n', ':', '：', '(', ')', '（', '）'])
            || OPENERS.iter().any(|w| gap.contains(w))
        {
            break;
        }
        let h = head(label(prev.start, cur.start));
        let from = if k >= 2 { nums[k - 2].end } else { 0 };
        if h.chars().count() < 2 || head(label(from, prev.start)) != h {
            break;
        }
        let Some(a) = acc.checked_add(prev.value) else {
            break;
        };
        acc = a;
        out.push((acc, total - (k - 1)));
        k -= 1;
    }
    out
}

/// Whether the list of `st` may go on after its sentence: the next sentence counts in the
/// total's unit (`……政府采购18条。试点领域信息公开中重大建设项目52条,……`), or the text ends
/// before the next sentence does (an excerpt cut there), so it cannot be known.
fn list_may_go_on(
    text: &str,
    nums: &[crate::facts::NumberFact],
    st: &crate::facts::SumStatement,
    unit: &str,
) -> bool {
    let Some(last) = st.parts.iter().map(|p| nums[p.1].end).max() else {
        return true;
    };
    let Some(end) = text[last..].find(['。', '\n', ';']).map(|i| last + i) else {
        return true;
    };
    let from = end + text[end..].chars().next().map_or(0, char::len_utf8);
    let Some(next_end) = text[from..]
        .trim_start()
        .find(['。', '\n'])
        .map(|i| text.len() - text[from..].trim_start().len() + i)
    else {
        return true;
    };
    let next = &text[from..next_end];
    // The text's last line, not closed by a full stop: cut there.
    if !text[next_end..].starts_with('。') && text[next_end..].trim().is_empty() {
        return true;
    }
    !unit.is_empty()
        && next
            .match_indices(unit)
            .any(|(i, _)| next[..i].ends_with(|c: char| c.is_ascii_digit()))
}

/// A number without a unit among or right after the parts (`不予公开信息数1402。`): it may be
/// a part the list gives without its unit, so a shortfall cannot be judged. Years, dates and
/// percentages do not count.
fn stray_number(
    text: &str,
    nums: &[crate::facts::NumberFact],
    st: &crate::facts::SumStatement,
) -> bool {
    let Some(last) = st.parts.iter().map(|p| nums[p.1].end).max() else {
        return false;
    };
    let from = nums[st.total].end.min(last);
    let stop = text[last..]
        .find(['。', '\n', ';'])
        .map_or(text.len(), |i| last + i);
    let in_part = |i: usize| {
        st.parts
            .iter()
            .any(|p| nums[p.1].start <= i && i < nums[p.1].end)
    };
    let bytes = text.as_bytes();
    let mut i = from;
    while i < stop {
        if bytes[i].is_ascii_digit() && !in_part(i) {
            let mut j = i;
            while j < stop && (bytes[j].is_ascii_digit() || bytes[j] == b'.') {
                j += 1;
            }
            let next = text[j..].chars().next();
            if !matches!(next, Some('%' | '年' | '月' | '日' | '号')) {
                return true;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    false
}

/// Words of a clause that make it a figure of its own, not one more category of a list:
/// what was done with the items, or a measure of them (`公开答复数量1061条`, `回复率`).
const OWN_FIGURE: [&str; 14] = [
    "公开", "答复", "回复", "办理", "受理", "办结", "处理", "转办", "反馈", "数量", "率",
    // `另有转载信息40条`: in addition to the list, by its own words.
    "另", "此外", "还有",
];

/// Ends of a category that is a kind of document: its name may hold a word of
/// [`OWN_FIGURE`] (`政府信息公开年度报告`) and is still one more category of the list.
const DOCUMENT_NAMES: [&str; 4] = ["年度报告", "年报", "指南", "目录"];

/// A list that changed its separator (`A29条、B10条、C6条,D32条,E1条`) read on to the end of
/// its sentence, when every clause after the change is a bare category (two to twenty
/// characters, no digit, no word of [`OWN_FIGURE`]) and one count of the total's unit, and
/// no part is a channel, a count of completed requests or approximate: an excess that only
/// this reading reaches is reported as a warning (`extended`); the list's first run
/// (`first_run`, joined by `、`) alone is checked as before.
fn extended(
    p: &ProseSum,
    ctx: &Ctx,
    total: &crate::facts::NumberFact,
    first_run: &[(String, usize)],
) -> Option<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let nums = &doc.facts.numbers;
    let (first, last) = (first_run.first()?, first_run.last()?);
    // The first two parts joined by `、` (a range read only when the parts are in order).
    let joined = first_run.get(1).is_some_and(|second| {
        text.get(nums[first.1].end..nums[second.1].start)
            .is_some_and(|g| g.contains('、'))
    });
    if !joined {
        return None;
    }
    // A document's name is a category even when it holds such a word
    // (`政府信息公开年度报告1条`, `政府信息公开指南1条`).
    let document = |l: &str| DOCUMENT_NAMES.iter().any(|w| l.ends_with(w));
    let plain = |l: &str| {
        let n = l.chars().count();
        (2..=20).contains(&n)
            && !l.contains(|c: char| c.is_ascii_digit() || ",，、:：".contains(c))
            && (document(l) || !OWN_FIGURE.iter().any(|w| l.contains(w)))
    };
    // The clauses after the first run, to the end of the sentence.
    let from = nums[last.1].end;
    let to = text[from..]
        .find(['。', ';', '；', '\n', '!', '?'])
        .map_or(text.len(), |i| from + i);
    let mut parts: Vec<(String, usize)> = first_run.to_vec();
    let mut at = from;
    for (k, n) in nums.iter().enumerate().skip(last.1 + 1) {
        if n.start >= to {
            break;
        }
        let gap = text.get(at..n.start)?;
        let label = gap.trim_start_matches([',', '，', ' ']).trim();
        if !gap.starts_with([',', '，']) || n.approximate || n.unit != total.unit || !plain(label)
        {
            return None;
        }
        parts.push((label.to_string(), k));
        at = n.end;
    }
    if parts.len() == first_run.len() || !text[at..to].trim().is_empty() {
        return None;
    }
    if parts.iter().any(|(l, i)| {
        nums[*i].approximate
            || nums[*i].unit != total.unit
            || ctx.any_of(&p.overlapping).is_match(l)
            || ctx.matches_any(&p.completed, l)
    }) {
        return None;
    }
    let add = |ps: &[(String, usize)]| {
        ps.iter()
            .try_fold(Dec::ZERO, |acc, (_, i)| acc.checked_add(nums[*i].value))
    };
    let (run, all) = (add(first_run)?, add(&parts)?);
    if all <= total.value || run > total.value {
        return None;
    }
    let formula = formula(nums, parts.iter());
    Some(
        Finding::at(total.start, nums[parts.last()?.1].end)
            .variant("extended")
            .var("total", total.value.to_string())
            .var("sum", all.to_string())
            .var("formula", formula)
            .var("unit", total.unit.clone())
            .var("after", parts[first_run.len()].0.clone())
            .var("quote", super::quote(text, total.start, total.end))
            .expected(total.value.to_string(), all.to_string()),
    )
}

/// A figure given to a decimal of 万 or 亿 (`0.8万元`, `2.3万条`) is rounded: 0.8万 is anything
/// from 7,500 to 8,499, so no sum with it is certain to exceed or fall short; it is not summed.
fn rounded(text: &str, n: &NumberFact) -> bool {
    let t = &text[n.value_start..n.end];
    t.contains('.') && (t.contains('万') || t.contains('亿'))
}

/// How many of `parts` belong to the list. A list whose first two parts are joined by `、`
/// ends before the first later part set off by a comma or semicolon: `其中,局长信箱268条
/// (含投诉建议14条,回复率100%)、咨询交流1379条,公开答复数量1061条` lists two parts, and 1061 is
/// another quantity. Separators inside brackets do not count.
/// A list the facts read as one enumeration to its end (every reading agrees, and its last
/// part is joined by `和`: `……工作动态38条,法律法规8条,……应急管理1条和部门文件7条`) keeps every part.
fn list_len(
    text: &str,
    nums: &[crate::facts::NumberFact],
    parts: &[(String, usize)],
    complete: bool,
) -> usize {
    if complete
        && parts
            .last()
            .is_some_and(|(l, _)| crate::facts::CONJUNCTIONS.iter().any(|c| l.starts_with(c)))
    {
        return parts.len();
    }
    let sep = |k: usize| {
        let (a, b) = (nums[parts[k - 1].1].end, nums[parts[k].1].start);
        if a >= b {
            return None;
        }
        let mut depth = 0i32;
        for c in text[a..b].chars() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => depth -= 1,
                '、' | ',' | '，' | ';' | '；' if depth <= 0 => return Some(c),
                _ => {}
            }
        }
        None
    };
    if parts.len() < 3 || sep(1) != Some('、') {
        return parts.len();
    }
    (2..parts.len())
        .find(|&k| matches!(sep(k), Some(',' | '，' | ';' | '；')))
        .unwrap_or(parts.len())
}

/// The clause before byte `at` (from the last stop or comma): the words that name a total.
fn clause_before(text: &str, at: usize) -> &str {
    let from = text[..at]
        .rfind(['。', '\n', ';', '；', ',', '，', '!', '?'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    &text[from..at]
}

/// `label value + label value …` of parts (index into `nums`), for messages.
fn formula<'a>(nums: &[NumberFact], parts: impl Iterator<Item = &'a (String, usize)>) -> String {
    parts
        .map(|(l, i)| format!("{} {}", l, nums[*i].value))
        .collect::<Vec<_>>()
        .join(" + ")
}
