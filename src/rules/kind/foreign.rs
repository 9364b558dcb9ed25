//! Another township's own documents in a township's report (`foreign-unit`): the report of
//! 参内乡 says it “制定和完善黄村乡信息公开目录”. A township keeps only its own disclosure
//! catalogue, guide and report, so another township's name there is text copied from that
//! township's report and not changed.
//!
//! The report's own names are the township names of its title, its opening (the text before
//! the first part, with the page's 发布机构 lines) and its signature. Nothing is reported when
//! the report names no township of its own there (a county's or a bureau's report may rightly
//! speak of one of its townships), nor for a name that is one of its own.

use super::super::spec::ForeignUnit;
use super::super::{Ctx, Finding};

/// Characters that, right before a unit word, make it no name: `本乡`, `全镇`, `各乡镇`, `城乡`
/// is kept out by the second list.
const NOT_NAME_END: &str =
    "本我全该各所其此等乡镇县市区省旗州的和与及在对为将把向按由是、，,。；;：: ";

/// Two characters before a unit word that are a verb or a word of the sentence, not a
/// township's name: `完善乡信息公开目录` is no township called 完善乡.
const NOT_NAMES: [&str; 51] = [
    "完善", "更新", "编制", "制定", "修订", "健全", "规范", "梳理", "做好", "落实", "加强", "推进",
    "通过", "公布", "公开", "及时", "统筹", "城乡", "全面", "认真", "进一", "一步", "建立", "细化",
    "调整", "成立", "充实", "设立", "组建", "印发", "发布", "优化", "编写", "编印", "补充", "维护",
    "动态", "定期", "编辑", "汇编", "整理", "形成", "重新", "明确", "指导", "督促", "协助", "召开",
    "本级", "所属", "辖区",
];

/// The two characters before the unit word at byte `at`, when they can be a name's end.
fn name_key(text: &str, at: usize) -> Option<&str> {
    let before = &text[..at];
    let mut it = before.char_indices().rev();
    let (_, c2) = it.next()?;
    let (i1, c1) = it.next()?;
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    if !han(c1) || !han(c2) || NOT_NAME_END.contains(c2) {
        return None;
    }
    let key = &before[i1..];
    (!NOT_NAMES.contains(&key)).then_some(key)
}

pub fn run(p: &ForeignUnit, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let Some(unit) = ctx.re(&p.unit_words) else {
        return vec![];
    };
    // Where the report names itself: everything before the first part (page lines, title,
    // opening) and the signature with the line above it.
    let (_, opening_end) = doc.opening_span();
    let mut own_spans = vec![(0, opening_end)];
    if let Some(d) = doc.date_line {
        let from = doc.lines[d.saturating_sub(2)].start;
        own_spans.push((from, doc.lines[d].end));
    }
    let mut own: Vec<String> = Vec::new();
    for &(s, e) in &own_spans {
        for m in unit.find_iter(&text[s..e]) {
            if let Some(k) = name_key(text, s + m.start()) {
                own.push(format!("{k}{}", m.as_str()));
            }
        }
    }
    if own.is_empty() {
        return vec![];
    }
    let own_name = own[0].clone();
    let (from, to) = doc.main_span();
    let from = from.max(opening_end);
    let mut out: Vec<Finding> = Vec::new();
    for re in ctx.compiled(&p.owned) {
        for c in re.captures_iter(&text[from..to]) {
            let (Some(whole), Some(u)) = (c.get(0), c.name("unit")) else {
                continue;
            };
            let at = from + u.start();
            let Some(k) = name_key(text, at) else {
                continue;
            };
            let name = format!("{k}{}", u.as_str());
            if own.contains(&name) {
                continue;
            }
            let s = at - k.len();
            let e = from + whole.end();
            if out.iter().any(|f| f.start < e && s < f.end) {
                continue;
            }
            out.push(
                Finding::at(s, e)
                    .var("found", super::quote(text, s, e))
                    .var("own", own_name.clone()),
            );
        }
    }
    out
}
