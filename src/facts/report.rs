//! Report metadata: the report year, the agency and its level.

use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// Which deadline of 条例 art. 49 binds the agency.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyLevel {
    /// 县级以上地方人民政府 (本级政府报告), also 管委会 acting as one.
    Government,
    /// 乡镇人民政府 / 街道办事处: not named in art. 49.
    Township,
    /// 人民政府部门 (局, 委, 厅, 办公室…).
    Department,
}

impl AgencyLevel {
    pub fn zh(self) -> &'static str {
        match self {
            AgencyLevel::Government => "人民政府",
            AgencyLevel::Township => "乡镇人民政府/街道",
            AgencyLevel::Department => "政府部门",
        }
    }
}

pub fn agency_level(name: &str) -> Option<AgencyLevel> {
    let n = name.trim();
    if n.is_empty() {
        return None;
    }
    if n.ends_with("街道办事处")
        || ((n.ends_with("镇人民政府") || n.ends_with("乡人民政府"))
            && !n.ends_with("城镇人民政府"))
    {
        return Some(AgencyLevel::Township);
    }
    // The township or street itself named without its office (`迎宾路街道`, `银川镇`,
    // `寻召乡`, `达来胡硕苏木`, `公明街道办`), not a word ending so (`城乡`, `城镇`).
    // (`……街道办事处` is taken above.)
    const TOWNSHIP: [&str; 7] = ["街道", "街道办", "镇", "乡", "苏木", "镇政府", "乡政府"];
    if TOWNSHIP.iter().any(|s| n.ends_with(s))
        && !["城乡", "城镇", "城乡政府", "城镇政府"]
            .iter()
            .any(|s| n.ends_with(s))
        && n.chars().count() >= 3
    {
        return Some(AgencyLevel::Township);
    }
    if n.ends_with("人民政府") || n.ends_with("管委会") || n.ends_with("管理委员会") {
        return Some(AgencyLevel::Government);
    }
    const DEPT: [&str; 14] = [
        "局",
        "厅",
        "委",
        "委员会",
        "办公室",
        "办",
        "中心",
        "院",
        "署",
        "部",
        "会",
        "所",
        "处",
        "站",
    ];
    if DEPT.iter().any(|s| n.ends_with(s)) {
        return Some(AgencyLevel::Department);
    }
    None
}

/// Year and agency named in the title line.
pub fn from_title(title: &str) -> (Option<i32>, Option<String>) {
    let found = super::opening::title_year(title)
        .map(|(before, digits)| (before, digits.parse().ok()))
        .or_else(|| super::opening::title_year_zh(title).map(|(b, y)| (b, Some(y))));
    match found {
        Some((before, year)) => {
            let agency = Some(before.trim().to_string())
                .filter(|s| s.chars().count() >= 2)
                .or_else(|| name_after_year(title, before.len()));
            (year, agency)
        }
        None => (None, None),
    }
}

/// A title that opens with its year and names the agency after it
/// (`2021年迎宾路街道政府信息公开工作年度报告`): the words between `年`/`年度` and the
/// report's name, when they are at least two characters and no report word.
fn name_after_year(title: &str, year_at: usize) -> Option<String> {
    let rest = title.get(year_at..)?;
    let after = rest.split_once('年')?.1;
    let after = after.strip_prefix('度').unwrap_or(after);
    let end = ["政府信息公开", "政务公开", "信息公开"]
        .iter()
        .filter_map(|w| after.find(w))
        .min()?;
    let name = after[..end].trim();
    let is_title = after[end..].contains("报告") || after[end..].contains("年报");
    (is_title
        && name.chars().count() >= 2
        && name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !["关于", "本", "我", "全", "各"]
            .iter()
            .any(|w| name.starts_with(w)))
    .then(|| name.to_string())
}

/// Year named in the opening text (`现公布XX2018年政府信息公开工作年度报告`).
pub fn year_in(text: &str) -> Option<(i32, usize)> {
    match super::opening::opening_year(text) {
        Some((digits, at)) => Some((digits.parse().ok()?, at)),
        None => super::opening::opening_year_zh(text),
    }
}

pub fn agency_in(text: &str) -> Option<String> {
    let words = super::opening::opening_agency(text)?;
    let name = words.trim().trim_start_matches("了").to_string();
    if name.contains("本") || name.contains("我") || name.chars().count() < 3 {
        return None;
    }
    Some(name)
}

static PROSE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})年").unwrap());

/// The report year of a draft whose title and opening name none: the one year the work
/// narrative speaks of (`2020年以来……`, `2020年,我局……`). Only when exactly one year is
/// written in `text`; two or more (`2019年修订`, `2021年计划`) leave it unknown.
pub fn only_year_in(text: &str) -> Option<i32> {
    let mut years = PROSE_YEAR
        .captures_iter(text)
        .filter_map(|c| c[1].parse::<i32>().ok());
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(
            agency_level("淮安市洪泽区人民政府"),
            Some(AgencyLevel::Government)
        );
        assert_eq!(agency_level("广东省司法厅"), Some(AgencyLevel::Department));
        assert_eq!(agency_level("息烽县民政局"), Some(AgencyLevel::Department));
        assert_eq!(
            agency_level("上海市人民政府办公厅"),
            Some(AgencyLevel::Department)
        );
        assert_eq!(
            agency_level("衡东县杨林镇人民政府"),
            Some(AgencyLevel::Township)
        );
        assert_eq!(
            agency_level("平潭综合实验区管委会"),
            Some(AgencyLevel::Government)
        );
        assert_eq!(agency_level("雷州"), None);
    }

    #[test]
    fn title_and_opening() {
        assert_eq!(
            from_title("广东省司法厅2020年政府信息公开工作年度报告"),
            (Some(2020), Some("广东省司法厅".into()))
        );
        let t = "现公布广东省戒毒管理局(以下简称省戒毒局)2018年政府信息公开工作年度报告。";
        assert_eq!(agency_in(t), Some("广东省戒毒管理局".into()));
        assert_eq!(year_in(t).map(|y| y.0), Some(2018));
        assert_eq!(
            agency_in("组织开展息烽县民政局2018年度政府信息公开工作。"),
            Some("息烽县民政局".into())
        );
    }

    #[test]
    fn the_only_year_of_an_untitled_narrative() {
        // The opening of a real untitled report (sichuan-gongxian-audit-2020, tuning set).
        let t =
            "一、总体情况\n(一)主动公开情况。2020年以来,坚持把政务公开工作作为……主动公开201条。\n\
                 (二)依申请公开情况。2020年,我局没有依申请公开事项。";
        assert_eq!(only_year_in(t), Some(2020));
        // Two different years: no guess.
        assert_eq!(
            only_year_in("根据《条例》(2019年修订)……2022年,我乡公开信息10条。"),
            None
        );
        assert_eq!(only_year_in("主动公开201条,编号12020年"), None);
        assert_eq!(only_year_in("没有年份"), None);
    }
}
