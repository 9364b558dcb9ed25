//! Another township's own documents in a township's report (`foreign-unit`): the report of
//! 参内乡 says it “制定和完善黄村乡信息公开目录”. A township keeps only its own disclosure
//! catalogue, guide and report, so another township's name there is text copied from that
//! township's report and not changed.
//!
//! The report's own names are the township names of its title, its opening (the text before
//! the first part, with the page's 发布机构 lines) and its signature. Nothing is reported when
//! the report names no township of its own there (a county's or a bureau's report may rightly
//! speak of one of its townships), nor for a name that is one of its own.

use super::super::spec::{AnnouncedAgency, ForeignContact, ForeignField, ForeignUnit};
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

/// Characters that end a place's name inside a department's name (`吉林市`, `延边州`).
const PLACE_END: &str = "省市县区州旗盟";

/// The place two department names share (`吉林市` of 吉林市交通运输局 and 吉林市文化局),
/// and whether their departments differ from the first two characters on: two names of one
/// department (交通局, 交通运输局) are not two departments.
fn other_department_of_same_place(own: &str, other: &str) -> bool {
    let common: usize = own
        .chars()
        .zip(other.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let place = &own[..common];
    // The shared prefix must end at a place's end; what follows is each one's department.
    let Some(cut) = place.rfind(|c| PLACE_END.contains(c)) else {
        return false;
    };
    let cut = cut + place[cut..].chars().next().map_or(0, char::len_utf8);
    if place[..cut].chars().count() < 2 {
        return false;
    }
    let (a, b) = (&own[cut..], &other[cut..]);
    let head = |s: &str| s.chars().take(2).collect::<String>();
    a.chars().count() >= 2 && b.chars().count() >= 2 && head(a) != head(b)
}

pub fn contact(p: &ForeignContact, ctx: &Ctx) -> Vec<Finding> {
    use crate::facts::AgencyLevel;
    let doc = ctx.doc;
    let text = doc.text();
    if matches!(
        ctx.level(),
        Some(AgencyLevel::Government | AgencyLevel::Township)
    ) {
        return vec![];
    }
    let (Some(department), Some(shared)) = (ctx.re(&p.department_name), ctx.re(&p.shared_offices))
    else {
        return vec![];
    };
    let (bs, be) = doc.body_span();
    // Every contact sentence (from its opening words to the name's end) and its name.
    let mut contacts: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for re in ctx.compiled(&p.contact_name) {
        for c in re.captures_iter(&text[bs..be]) {
            if let (Some(whole), Some(n)) = (c.get(0), c.name("n")) {
                contacts.push((
                    (bs + whole.start(), bs + n.end()),
                    (bs + n.start(), bs + n.end()),
                ));
            }
        }
    }
    if contacts.is_empty() {
        return vec![];
    }
    let named = |s: &str| {
        department
            .captures(s)
            .and_then(|c| c.name("n"))
            .map(|m| m.as_str() == s)
    };
    // The own department: the agency the draft names, when it is a department's name of
    // this shape; else the first such name in the opening that is no contact's.
    let own: Option<String> = match doc.facts.agency.as_deref() {
        Some(a) => named(a).unwrap_or(false).then(|| a.to_string()),
        None => {
            let (os, oe) = doc.opening_span();
            department
                .captures_iter(&text[os..oe])
                .filter_map(|c| c.name("n"))
                .map(|m| (os + m.start(), os + m.end()))
                .find(|&(s, e)| !contacts.iter().any(|&((cs, ce), _)| cs < e && s < ce))
                .map(|(s, e)| text[s..e].to_string())
        }
    };
    let Some(own) = own else {
        return vec![];
    };
    let mut out: Vec<Finding> = Vec::new();
    for &(_, (s, e)) in &contacts {
        let name = &text[s..e];
        if name == own
            || own.ends_with(name)
            || name.ends_with(own.as_str())
            || shared.is_match(name)
            || !other_department_of_same_place(&own, name)
            || out.iter().any(|f| f.start < e && s < f.end)
        {
            continue;
        }
        out.push(
            Finding::at(s, e)
                .var("found", name.to_string())
                .var("own", own.clone()),
        );
    }
    out
}

/// The agency the opening says this is the report of, when it is another agency of the
/// report's own place (`建水县民族宗教事务局` in 建水县面甸镇's report). Names that are one
/// another's end or start (`面甸镇人民政府`, `建水县面甸镇`) are the same agency.
pub fn announced(p: &AnnouncedAgency, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let text = doc.text();
    let Some(own) = doc.facts.agency.as_deref() else {
        return vec![];
    };
    let (os, oe) = doc.opening_span();
    let strip = |s: &str| {
        s.trim_end_matches("人民政府")
            .trim_end_matches("政府")
            .trim_end_matches("办事处")
            .to_string()
    };
    let own_core = strip(own);
    for re in ctx.compiled(&p.patterns) {
        for c in re.captures_iter(&text[os..oe]) {
            let Some(n) = c.name("n") else {
                continue;
            };
            let name = strip(n.as_str());
            // A name, not a run of words (the pattern takes any run of Han before the year).
            if !(2..=24).contains(&n.as_str().chars().count())
                || name.is_empty()
                || own_core.contains(name.as_str())
                || name.contains(own_core.as_str())
                || !other_department_of_same_place(&own_core, &name)
            {
                continue;
            }
            let (s, e) = (os + n.start(), os + n.end());
            return vec![Finding::at(s, e)
                .var("found", n.as_str().to_string())
                .var("own", own.to_string())];
        }
    }
    vec![]
}

/// The field a department's report names as its own work (`群众对人社工作的满意度`), when it
/// is another department's field: the report's agency name holds none of that field's
/// words and does hold another listed field's.
pub fn field(p: &ForeignField, ctx: &Ctx) -> Vec<Finding> {
    use crate::facts::AgencyLevel;
    let doc = ctx.doc;
    let text = doc.text();
    if ctx.level() != Some(AgencyLevel::Department) {
        return vec![];
    }
    let Some(own) = doc.facts.agency.as_deref() else {
        return vec![];
    };
    let owns =
        |f: &super::super::spec::WorkField| f.in_name.iter().any(|w| own.contains(w.as_str()));
    if !p.fields.iter().any(owns) {
        return vec![];
    }
    let (bs, be) = doc.body_span();
    let mut out: Vec<Finding> = Vec::new();
    for re in ctx.compiled(&p.own_work) {
        for c in re.captures_iter(&text[bs..be]) {
            let (Some(whole), Some(f)) = (c.get(0), c.name("f")) else {
                continue;
            };
            let Some(named) = p
                .fields
                .iter()
                .find(|x| x.words.iter().any(|w| w == f.as_str()))
            else {
                continue;
            };
            if owns(named) {
                continue;
            }
            let (s, e) = (bs + whole.start(), bs + whole.end());
            if out.iter().any(|x| x.start < e && s < x.end) {
                continue;
            }
            out.push(
                Finding::at(s, e)
                    .var("found", super::quote(text, s, e))
                    .var("field", f.as_str().to_string())
                    .var("own", own.to_string()),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departments_of_one_place() {
        assert!(other_department_of_same_place(
            "吉林市交通运输局",
            "吉林市文化局"
        ));
        assert!(!other_department_of_same_place(
            "吉林市交通运输局",
            "吉林市交通局"
        ));
        assert!(!other_department_of_same_place(
            "吉林市交通运输局",
            "长春市文化局"
        ));
        assert!(!other_department_of_same_place("市交通运输局", "市文化局"));
        assert!(other_department_of_same_place(
            "永吉县民政局",
            "永吉县财政局"
        ));
    }
}
