//! One draft: its agency, format, prose, tables and the defect seeded into it.

use super::apply_tables::*;
use super::grid::Block;
use super::other_tables::*;
use super::Rng;
use std::fmt::Write as _;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Defect {
    WrongTotal,
    MissingSection,
    BlankCell,
    MissingFee,
    LateDate,
}

impl Defect {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Defect::WrongTotal => "wrong-total",
            Defect::MissingSection => "missing-section",
            Defect::BlankCell => "blank-cell",
            Defect::MissingFee => "missing-fee-statement",
            Defect::LateDate => "late-date",
        }
    }

    /// The findings gongkai must report for this defect: (rule id, severity).
    pub(crate) fn expected(self, profile: &str) -> Vec<(&'static str, &'static str)> {
        match (self, profile) {
            (Defect::WrongTotal, "pre-2019") => vec![("stat-answered-total", "error")],
            (Defect::WrongTotal, _) => vec![
                ("t3-applicants-total", "error"),
                ("t3-results-total", "error"),
            ],
            (Defect::MissingSection, "pre-2019") => vec![("missing-section-problems", "warning")],
            (Defect::MissingSection, _) => vec![("missing-section-problems", "error")],
            (Defect::BlankCell, "pre-2019") => vec![("stat-cells", "warning")],
            // The blank cell also leaves its row and column sums not assessable.
            (Defect::BlankCell, _) => vec![
                ("t3-applicants-total", "info"),
                ("t3-cells", "warning"),
                ("t3-results-total", "info"),
            ],
            (Defect::MissingFee, "pre-2019") => vec![("missing-section-fee", "warning")],
            (Defect::MissingFee, _) => vec![("fee-statement", "warning")],
            (Defect::LateDate, _) => vec![("late-publication", "error")],
        }
    }

    /// Defects that apply to a profile (the 2019 trial format has no fee rule).
    pub(crate) fn for_profile(profile: &str) -> &'static [Defect] {
        use Defect::*;
        match profile {
            "2019-trial" => &[WrongTotal, MissingSection, BlankCell, LateDate],
            _ => &[WrongTotal, MissingSection, BlankCell, MissingFee, LateDate],
        }
    }
}

pub(crate) struct Agency {
    pub(crate) name: String,
    /// How the report refers to itself: 我区、我局、我镇.
    pub(crate) we: &'static str,
    /// The office to contact.
    pub(crate) office: String,
}

pub(crate) const CITIES: [&str; 12] = [
    "淮安", "泰州", "遵义", "赣州", "绵阳", "洛阳", "岳阳", "柳州", "宜宾", "湖州", "潍坊", "曲靖",
];
pub(crate) const DISTRICTS: [&str; 10] = [
    "清江浦",
    "海陵",
    "汇川",
    "章贡",
    "涪城",
    "西工",
    "岳阳楼",
    "城中",
    "翠屏",
    "吴兴",
];
pub(crate) const COUNTIES: [&str; 10] = [
    "洪泽", "兴化", "湄潭", "信丰", "安州", "宜阳", "平江", "鹿寨", "江安", "德清",
];
pub(crate) const TOWNS: [&str; 8] = [
    "高良涧",
    "戴南",
    "永兴",
    "嘉定",
    "秀水",
    "柳泉",
    "梅仙",
    "南溪",
];
pub(crate) const DEPARTMENTS: [&str; 8] = [
    "交通运输局",
    "自然资源和规划局",
    "生态环境局",
    "民政局",
    "司法局",
    "住房和城乡建设局",
    "农业农村局",
    "市场监督管理局",
];

pub(crate) fn agency(rng: &mut Rng) -> Agency {
    let city = rng.pick(&CITIES);
    match rng.range(0, 2) {
        0 => {
            let d = rng.pick(&DISTRICTS);
            Agency {
                name: format!("{city}市{d}区人民政府"),
                we: "我区",
                office: format!("{d}区人民政府办公室"),
            }
        }
        1 => {
            let dept = rng.pick(&DEPARTMENTS);
            Agency {
                name: format!("{city}市{dept}"),
                we: "我局",
                office: format!("{city}市{dept}办公室"),
            }
        }
        _ => {
            let (c, t) = (rng.pick(&COUNTIES), rng.pick(&TOWNS));
            Agency {
                name: format!("{c}县{t}镇人民政府"),
                we: "我镇",
                office: format!("{t}镇党政办公室"),
            }
        }
    }
}

/// Prose that pads a part to a realistic length without numbers that rules read.
pub(crate) const FILLER: [&str; 12] = [
    "坚持以公开为常态、不公开为例外，围绕中心工作，全面推进决策、执行、管理、服务、结果公开，不断提升政务公开质量和实效。",
    "严格落实政府信息公开属性源头认定机制，公文在起草阶段即明确公开属性，对不予公开的说明理由，切实做到应公开尽公开。",
    "持续加强政策解读，坚持政策性文件与解读方案、解读材料同步组织、同步审签、同步部署，通过图文、视频、问答等形式提高解读的可读性。",
    "进一步规范依申请公开办理流程，完善登记、审核、办理、答复、归档各环节，严格按照法定时限答复，确保答复内容准确、形式规范、依据充分。",
    "加强政府网站和政务新媒体管理，落实内容发布审核制度，定期开展栏目更新情况自查，及时整改空白栏目和更新不及时的问题。",
    "围绕群众关心关注的教育、医疗、就业、社会保障等重点领域，细化公开清单，提升公开内容的针对性和实用性。",
    "健全政府信息管理动态调整机制，对已公开的政府信息定期评估审查，及时清理失效文件，确保公开信息准确有效。",
    "将政务公开工作纳入年度绩效考核，组织开展业务培训，提高工作人员的公开意识和业务能力。",
    "完善政策咨询回应机制，通过热线电话、网上留言、在线访谈等渠道，及时回应社会关切，解答群众疑问。",
    "推进基层政务公开标准化规范化建设，统一公开事项和公开标准，方便群众查阅和监督。",
    "严格执行保密审查制度，坚持先审查、后公开，一事一审、全面审查，防止泄露国家秘密和敏感信息。",
    "加强公开平台建设，优化政府信息公开专栏，完善检索功能，方便公众获取所需信息。",
];

pub(crate) const PROBLEMS: [&str; 4] = [
    "一是政策解读的形式还不够丰富；二是基层政务公开标准化建设有待加强；三是工作人员业务能力有待进一步提升。",
    "一是部分栏目信息更新不够及时；二是依申请公开答复的规范性有待提高；三是公开内容与群众需求的契合度还需提升。",
    "一是公开平台互动功能还不够完善；二是政策文件解读质量参差不齐；三是政务公开工作力量相对薄弱。",
    "一是信息发布审核机制有待细化；二是主动公开的深度和广度还需拓展；三是监督考核机制还需健全。",
];

pub(crate) const IMPROVE: &str =
    "下一步，将加强业务培训，完善工作机制，强化监督检查，推动政务公开工作再上新台阶。";

/// What a multi-year chain fixes in a draft (`years.rs`); all `None` for a single year.
#[derive(Default)]
pub(crate) struct Overrides {
    pub(crate) year: Option<i32>,
    pub(crate) agency: Option<Agency>,
    /// 表三 二、上年结转, per applicant type.
    pub(crate) carried_in: Option<[u64; 6]>,
    /// 表二 行政规范性文件: 本年制发, 本年废止, 现行有效.
    pub(crate) normative: Option<[u64; 3]>,
    /// The whole 存在的主要问题及改进情况 paragraph.
    pub(crate) problems: Option<String>,
    /// A sentence added to the end of the 总体情况 paragraph.
    pub(crate) overview_extra: Option<String>,
    /// Seed none of the single-year defects.
    pub(crate) no_defect: bool,
}

/// A draft: its content as blocks, and the defect seeded into it.
pub(crate) struct Draft {
    pub(crate) file_stem: String,
    pub(crate) profile: String,
    pub(crate) year: i32,
    pub(crate) agency: String,
    pub(crate) defect: Option<Defect>,
    pub(crate) blocks: Vec<Block>,
    /// Title lines (agency, report title), before the blocks.
    pub(crate) title: [String; 2],
    /// 表三 四、结转下年度继续办理 (zeros for the pre-2019 format).
    pub(crate) carried_out: [u64; 6],
    /// 表二 行政规范性文件: 本年制发, 本年废止, 现行有效.
    pub(crate) normative: [u64; 3],
    pub(crate) problems: String,
}

pub(crate) fn filler(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *rng.pick(&FILLER)).collect()
}

pub(crate) fn draft(seed: u64, i: usize, profile: &str, defect_share: f64) -> Draft {
    draft_with(seed, i, profile, defect_share, Overrides::default())
}

/// [`draft`] with what a multi-year chain fixes. The random numbers are drawn the same
/// way either way, so a single-year corpus does not change.
pub(crate) fn draft_with(
    seed: u64,
    i: usize,
    profile: &str,
    defect_share: f64,
    ov: Overrides,
) -> Draft {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let year: i32 = match profile {
        "2021" => rng.range(2021, 2024) as i32,
        "2019-trial" => rng.range(2019, 2020) as i32,
        _ => rng.range(2010, 2018) as i32,
    };
    let year = ov.year.unwrap_or(year);
    let ag = agency(&mut rng);
    let ag = ov.agency.unwrap_or(ag);
    let defect = rng
        .chance(defect_share)
        .then(|| *rng.pick(Defect::for_profile(profile)))
        .filter(|_| !ov.no_defect);
    let has = |d: Defect| defect == Some(d);
    let we = ag.we;
    let mut blocks = Vec::new();
    let phone = format!(
        "0{}-{}",
        rng.range(510, 599),
        rng.range(8_000_000, 8_999_999)
    );
    let zip = rng.range(100_000, 899_999);
    blocks.push(Block::Para(format!(
        "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制。本报告所列数据的统计期限为{year}年1月1日至12月31日。\
         如对本报告有疑问，请与{}联系（地址：{}人民路{}号，邮编：{zip}，电话：{phone}）。",
        ag.office,
        &ag.name[..ag.name.find('市').map(|i| i + '市'.len_utf8()).unwrap_or(0)],
        rng.range(1, 300),
    )));

    // Sections in order: (key, heading title). The missing-section defect drops `problems`.
    let pre = profile == "pre-2019";
    let titles: Vec<(&str, &str)> = if pre {
        vec![
            ("overview", "概述"),
            ("active", "主动公开政府信息情况"),
            ("apply", "依申请公开政府信息情况"),
            ("fee", "政府信息公开的收费及减免情况"),
            ("review", "因政府信息公开申请行政复议、提起行政诉讼的情况"),
            ("problems", "政府信息公开工作存在的主要问题及改进情况"),
            ("other", "其他需要报告的事项"),
        ]
    } else {
        vec![
            ("overview", "总体情况"),
            ("active", "主动公开政府信息情况"),
            ("apply", "收到和处理政府信息公开申请情况"),
            ("review", "政府信息公开行政复议、行政诉讼情况"),
            ("problems", "存在的主要问题及改进情况"),
            ("other", "其他需要报告的事项"),
        ]
    };
    let titles: Vec<(&str, &str)> = titles
        .into_iter()
        .filter(|(k, _)| !(has(Defect::MissingSection) && *k == "problems"))
        .filter(|(k, _)| !(pre && has(Defect::MissingFee) && *k == "fee"))
        .collect();

    let trial = profile == "2019-trial";
    let t3 = (!pre).then(|| t3_numbers(&mut rng, trial, ov.carried_in));
    let mut t2 = t2_numbers(&mut rng);
    if let Some(n) = ov.normative {
        t2.normative = n;
    }
    let t4 = t4_numbers(&mut rng);
    let (stat, active_total, received) = stat_numbers(&mut rng);

    let mut problems = String::new();
    for (n, (key, title)) in titles.iter().enumerate() {
        let heading = |title: &str| Block::Heading {
            level: 0,
            number: n + 1,
            title: title.to_string(),
            body: String::new(),
        };
        blocks.push(heading(title));
        let sub = |k: usize, title: &str, body: String| Block::Heading {
            level: 1,
            number: k,
            title: title.to_string(),
            body,
        };
        match *key {
            "overview" => {
                if let Some(t3) = &t3 {
                    let new = t3.get("new_received");
                    let names = [
                        "自然人",
                        "商业企业",
                        "科研机构",
                        "社会公益组织",
                        "法律服务机构",
                        "其他",
                    ];
                    let parts: Vec<String> = names
                        .iter()
                        .zip(new.iter())
                        .filter(|(_, v)| **v > 0)
                        .map(|(n, v)| format!("{n}{v}件"))
                        .collect();
                    let mut p = format!(
                        "{year}年，{we}{}全年新收政府信息公开申请{}件",
                        filler(&mut rng, 1),
                        t3.total("new_received")
                    );
                    if parts.len() > 1 {
                        let _ = write!(p, "，其中{}", parts.join("，"));
                    }
                    p.push('。');
                    // 《条例》第五十条第（四）项: 各级人民政府 report 工作考核、社会评议、责任追究.
                    p.push_str("将政务公开纳入绩效考核，开展社会评议，未发生责任追究情况。");
                    if let Some(x) = &ov.overview_extra {
                        p.push_str(x);
                    }
                    blocks.push(Block::Para(p));
                } else {
                    blocks.push(Block::Para(format!(
                        "{year}年，{we}认真贯彻落实《条例》，将政务公开纳入绩效考核，{}",
                        filler(&mut rng, 2)
                    )));
                }
                let made = t2.normative[0];
                let subs = [
                    (
                        "主动公开",
                        if pre {
                            format!(
                                "全年主动公开政府信息{active_total}条。{}",
                                filler(&mut rng, 2)
                            )
                        } else {
                            format!(
                                "{year}年，{we}共制发行政规范性文件{made}件。{}",
                                filler(&mut rng, 2)
                            )
                        },
                    ),
                    ("依申请公开", filler(&mut rng, 2)),
                    ("政府信息管理", filler(&mut rng, 2)),
                    ("平台建设", filler(&mut rng, 2)),
                    ("监督保障", filler(&mut rng, 2)),
                ];
                for (k, (t, body)) in subs.into_iter().enumerate() {
                    blocks.push(sub(k + 1, t, format!("。{body}")));
                }
            }
            "active" => {
                if pre {
                    blocks.push(Block::Para(format!(
                        "{we}通过政府网站、政务新媒体等渠道主动公开政府信息。{}",
                        filler(&mut rng, 3)
                    )));
                } else if trial {
                    blocks.push(Block::Table(t2_table_2019(&mut rng, t2.normative[0])));
                } else {
                    blocks.push(Block::Table(t2_table_2021(&t2)));
                }
            }
            "apply" => {
                if let Some(t3) = &t3 {
                    let mut cells = Vec::new();
                    if has(Defect::WrongTotal) {
                        let bump = rng.range(1, 9);
                        cells.push(("r_open", 6, (t3.total("r_open") + bump).to_string()));
                    }
                    if has(Defect::BlankCell) {
                        cells.push(("r_np_publication", 2, String::new()));
                    }
                    blocks.push(Block::Table(t3_table(t3, &cells)));
                } else {
                    blocks.push(Block::Para(format!(
                        "{year}年，{we}共收到政府信息公开申请{received}件，均已按期答复。{}",
                        filler(&mut rng, 1)
                    )));
                    if !has(Defect::MissingFee) {
                        blocks.push(Block::Para(
                            "办理政府信息公开申请过程中，未向申请人收取任何费用。".into(),
                        ));
                    }
                }
            }
            "fee" => blocks.push(Block::Para(
                "本年度未收取政府信息公开相关费用，也未发生减免情况。".into(),
            )),
            "review" => {
                if pre {
                    blocks.push(Block::Para(
                        "本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。".into(),
                    ));
                } else {
                    blocks.push(Block::Table(t4_table(&t4)));
                }
            }
            "problems" => {
                let random = format!("{}{IMPROVE}", rng.pick(&PROBLEMS));
                problems = ov.problems.clone().unwrap_or(random);
                blocks.push(Block::Para(problems.clone()));
            }
            "other" => {
                let mut p = String::new();
                if profile == "2021" && !has(Defect::MissingFee) {
                    p.push_str("本年度未收取信息处理费。");
                }
                p.push_str("本年度无其他需要报告的事项。");
                blocks.push(Block::Para(p));
            }
            _ => {}
        }
    }
    // 落款: in time (January) or late (April, after every deadline).
    let (month, day) = if has(Defect::LateDate) {
        (4, rng.range(5, 28))
    } else {
        (1, rng.range(8, 25))
    };
    blocks.push(Block::Para(ag.name.clone()));
    blocks.push(Block::Para(format!("{}年{month}月{day}日", year + 1)));
    if pre {
        let mut s = stat;
        if has(Defect::WrongTotal) {
            if let Some(r) = s.rows.iter_mut().find(|r| r.0 == "（三）申请答复数") {
                r.2 = (received + rng.range(1, 9)).to_string();
            }
        }
        if has(Defect::BlankCell) {
            if let Some(r) = s
                .rows
                .iter_mut()
                .find(|r| r.0 == "1.政府公报公开政府信息数")
            {
                r.2 = String::new();
            }
        }
        if has(Defect::MissingFee) {
            s.rows.retain(|r| !r.0.contains("收取的费用"));
        }
        blocks.push(Block::Para(format!("附件：{year}年政府信息公开情况统计表")));
        blocks.push(Block::Table(stat_table(&s)));
    }
    Draft {
        file_stem: format!("{i:05}-{profile}"),
        profile: profile.to_string(),
        year,
        agency: ag.name.clone(),
        defect,
        blocks,
        title: [ag.name, format!("{year}年政府信息公开工作年度报告")],
        carried_out: t3
            .as_ref()
            .map(|t| t.get("carried_out"))
            .unwrap_or_default(),
        normative: t2.normative,
        problems,
    }
}
