//! Multi-year corpora (`--years N`): chains of N consecutive reports of one agency,
//! each agency's name unique in the corpus. In a clean chain every year agrees with
//! the year before: 二、上年结转 is last year's 四、结转下年度继续办理, 现行有效 follows
//! from last year's plus 本年制发 minus 本年废止, and the 问题 part and 下一步 text are
//! new. A share of the reports (`--defects`) gets one cross-year defect instead.

use super::draft::{draft_with, Agency, Draft, Overrides, CITIES, DEPARTMENTS, DISTRICTS};
use super::draft::{COUNTIES, TOWNS};
use super::Rng;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum CrossDefect {
    /// 二、上年结转 differs from last year's 结转下年度 (自然人 column).
    CarryOver,
    /// 现行有效 does not follow from last year's.
    Continuity,
    /// The 问题 part copied from last year.
    Copied,
    /// A sentence of last year's report, its year unchanged.
    StaleYear,
}

impl CrossDefect {
    pub(crate) fn name(self) -> &'static str {
        match self {
            CrossDefect::CarryOver => "carry-over",
            CrossDefect::Continuity => "valid-continuity",
            CrossDefect::Copied => "copied-problems",
            CrossDefect::StaleYear => "stale-year",
        }
    }

    /// The findings gongkai must report: (rule id, severity).
    pub(crate) fn expected(self) -> Vec<(&'static str, &'static str)> {
        match self {
            // The 自然人 column and the 总计 column.
            CrossDefect::CarryOver => vec![
                ("carry-over-previous", "error"),
                ("carry-over-previous", "error"),
            ],
            CrossDefect::Continuity => vec![("t2-valid-continuity", "warning")],
            CrossDefect::Copied => vec![("copied-from-previous", "warning")],
            // The sentence also narrates last year's work under last year's number.
            CrossDefect::StaleYear => vec![
                ("copied-from-previous", "warning"),
                ("year-slip", "warning"),
            ],
        }
    }
}

/// 存在的主要问题 and 下一步 texts, different every year of a chain.
const PROBLEMS: [&str; 5] = [
    "一是政策解读的形式还不够丰富，图解和视频解读偏少；二是基层政务公开标准化建设有待加强。",
    "一是部分栏目信息更新不够及时，专栏内容维护存在滞后；二是依申请公开答复文书的规范性有待提高。",
    "一是政务新媒体互动回应不够充分，留言办理时效参差；二是重点领域信息公开的深度还需拓展。",
    "一是信息发布审核流程有待细化，个别信息要素不全；二是工作人员培训覆盖面还不够广。",
    "一是政府信息管理动态调整不够及时，失效文件清理滞后；二是公开平台检索功能有待完善。",
];
const NEXT: [&str; 5] = [
    "下一步，将编制政策解读图解模板，每季度开展一次基层标准目录核查。",
    "下一步，将建立栏目更新台账，制定答复文书范本并组织案例评查。",
    "下一步，将实行留言办理月度通报，围绕教育医疗等领域细化公开清单。",
    "下一步，将修订信息发布审核细则，分批组织全员业务轮训。",
    "下一步，将开展规范性文件集中清理，升级门户网站站内搜索。",
];

/// An agency whose name no other chain of the corpus uses (for fewer than 480 chains).
pub(crate) fn unique_agency(chain: usize) -> Agency {
    let j = chain / 4;
    let city = CITIES[j % CITIES.len()];
    match chain % 4 {
        0 => {
            let d = DISTRICTS[(j / CITIES.len()) % DISTRICTS.len()];
            Agency {
                name: format!("{city}市{d}区人民政府"),
                we: "我区",
                office: format!("{d}区人民政府办公室"),
            }
        }
        k @ (1 | 2) => {
            let j = j * 2 + (k - 1);
            let dept = DEPARTMENTS[(j / CITIES.len()) % DEPARTMENTS.len()];
            let d = DISTRICTS[(j / (CITIES.len() * DEPARTMENTS.len())) % DISTRICTS.len()];
            Agency {
                name: format!("{}市{d}区{dept}", CITIES[j % CITIES.len()]),
                we: "我局",
                office: format!("{d}区{dept}办公室"),
            }
        }
        _ => {
            let c = COUNTIES[(j / CITIES.len()) % COUNTIES.len()];
            let t = TOWNS[(j / (CITIES.len() * COUNTIES.len())) % TOWNS.len()];
            Agency {
                name: format!("{city}市{c}县{t}镇人民政府"),
                we: "我镇",
                office: format!("{t}镇党政办公室"),
            }
        }
    }
}

fn training(year: i32, we: &str, n: u64) -> String {
    format!("{year}年，{we}组织政务公开专题培训{n}次，覆盖全体工作人员。")
}

/// The report format of a year.
pub(crate) fn profile_of(year: i32) -> &'static str {
    if year >= 2021 {
        "2021"
    } else {
        "2019-trial"
    }
}

/// Chain `c` of `years` consecutive reports, ending in 2025 (starting no earlier than
/// 2019). Draft indices `first..first + years` keep every draft's numbers distinct.
pub(crate) fn chain(
    seed: u64,
    c: usize,
    first: usize,
    years: usize,
    defects: f64,
) -> Vec<(Draft, Option<CrossDefect>)> {
    let mut rng = Rng::new(seed ^ 0x5EED_0000 ^ ((c as u64) << 20));
    let start = (2025 - years as i32 + 1).max(2019);
    let base = rng.range(0, 4) as usize;
    // Training sessions per year: a stale sentence repeats last year's exactly.
    let sessions: Vec<u64> = (0..years).map(|_| rng.range(2, 9)).collect();
    let mut out: Vec<(Draft, Option<CrossDefect>)> = Vec::new();
    for k in 0..years {
        let year = start + k as i32;
        let profile = profile_of(year);
        let prev = out.last().map(|(d, _)| d);
        let ag = unique_agency(c);
        let we = ag.we;
        let prev_defect = out.last().and_then(|(_, x)| *x);
        let defect = prev.filter(|_| rng.chance(defects)).map(|p| {
            let mut choices = vec![CrossDefect::CarryOver, CrossDefect::Copied];
            // Last year's own sentence is there to be copied only if last year wrote one.
            if prev_defect != Some(CrossDefect::StaleYear) {
                choices.push(CrossDefect::StaleYear);
            }
            if profile == "2021" && p.profile == "2021" {
                choices.push(CrossDefect::Continuity);
            }
            *rng.pick(&choices)
        });
        let mut carried_in = prev.map(|p| p.carried_out);
        if defect == Some(CrossDefect::CarryOver) {
            if let Some(ci) = &mut carried_in {
                ci[0] += rng.range(1, 5);
            }
        }
        let made = rng.range(0, 12);
        let before = prev.map(|p| p.normative[2]).unwrap_or(rng.range(10, 60));
        let repealed = rng.range(0, before.min(6));
        let mut valid = before + made - repealed;
        if defect == Some(CrossDefect::Continuity) {
            valid += rng.range(3, 9);
        }
        let problems = match (defect, prev) {
            (Some(CrossDefect::Copied), Some(p)) => p.problems.clone(),
            _ => format!(
                "{}{}",
                PROBLEMS[(base + k) % PROBLEMS.len()],
                NEXT[(base + k) % NEXT.len()]
            ),
        };
        let overview_extra = match defect {
            Some(CrossDefect::StaleYear) => training(year - 1, we, sessions[k - 1]),
            _ => training(year, we, sessions[k]),
        };
        let ov = Overrides {
            year: Some(year),
            agency: Some(ag),
            carried_in,
            normative: Some([made, repealed, valid]),
            problems: Some(problems),
            overview_extra: Some(overview_extra),
            no_defect: true,
        };
        let mut d = draft_with(seed, first + k, profile, 0.0, ov);
        d.file_stem = format!("{c:04}-{year}");
        out.push((d, defect));
    }
    out
}
