//! Corpus generator: realistic drafts of 政府信息公开工作年度报告 for benchmarks and
//! end-to-end tests, deterministic from a seed.
//!
//! ```sh
//! cargo run --release --example corpus -- --out DIR --count N --seed S \
//!     --defects 0.2 --formats txt,docx,html --profiles 2021,2019-trial,pre-2019
//! ```
//!
//! Draft `i` has the same content in every format (so the same findings). Each draft
//! follows its format's official outline and statistics tables (labels as in
//! `rules/*/pack.yaml`), with numbers that add up; a share of the drafts (`--defects`)
//! gets exactly one seeded defect. `DIR/manifest.jsonl` lists every file with its
//! defect and the findings (rule id and severity) gongkai must report for it.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

/// splitmix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.next() as usize % xs.len()]
    }
}

// ---------------------------------------------------------------- options

/// What to generate: `count` drafts, each written in every format.
pub struct Options {
    pub out: PathBuf,
    pub count: usize,
    pub seed: u64,
    /// Share of drafts with one seeded defect (0.0–1.0).
    pub defects: f64,
    pub formats: Vec<String>,
    pub profiles: Vec<String>,
}

fn usage() -> ! {
    eprintln!(
        "用法：corpus --out DIR [--count N] [--seed S] [--defects 0.2] \
         [--formats txt,docx,html] [--profiles 2021,2019-trial,pre-2019]"
    );
    std::process::exit(2)
}

fn options() -> Options {
    let mut o = Options {
        out: PathBuf::new(),
        count: 100,
        seed: 1,
        defects: 0.2,
        formats: vec!["txt".into(), "docx".into(), "html".into()],
        profiles: vec!["2021".into(), "2019-trial".into(), "pre-2019".into()],
    };
    let mut args = std::env::args().skip(1);
    let list = |s: String| s.split(',').map(|x| x.trim().to_string()).collect();
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--out" => o.out = PathBuf::from(val()),
            "--count" => o.count = val().parse().unwrap_or_else(|_| usage()),
            "--seed" => o.seed = val().parse().unwrap_or_else(|_| usage()),
            "--defects" => o.defects = val().parse().unwrap_or_else(|_| usage()),
            "--formats" => o.formats = list(val()),
            "--profiles" => o.profiles = list(val()),
            _ => usage(),
        }
    }
    let formats_ok = o
        .formats
        .iter()
        .all(|f| matches!(f.as_str(), "txt" | "docx" | "html"));
    let profiles_ok = o
        .profiles
        .iter()
        .all(|p| matches!(p.as_str(), "2021" | "2019-trial" | "pre-2019"));
    if o.out.as_os_str().is_empty() || !formats_ok || !profiles_ok || o.profiles.is_empty() {
        usage();
    }
    o
}

// ---------------------------------------------------------------- document model

/// One cell of a table grid: the top-left cell of a (possibly merged) region, or a
/// position covered by a merged region.
#[derive(Clone)]
enum Cell {
    Anchor {
        text: String,
        cols: usize,
        rows: usize,
    },
    Covered {
        /// Column of the anchor: a vertical continuation starts there.
        anchor_col: usize,
        /// Row of the anchor.
        anchor_row: usize,
    },
}

/// A table as a full grid (for .docx and .html) and as the lines a clerk pastes into
/// a plain-text draft.
struct Table {
    ncols: usize,
    grid: Vec<Vec<Cell>>,
    txt: Vec<String>,
}

/// Lays anchors into a grid the way HTML does: each row fills the positions that
/// merged cells from rows above leave free.
struct GridBuilder {
    ncols: usize,
    grid: Vec<Vec<Option<Cell>>>,
    /// Index of the next row to lay (rows below may already hold merged cells).
    next: usize,
}

impl GridBuilder {
    fn new(ncols: usize) -> Self {
        GridBuilder {
            ncols,
            grid: Vec::new(),
            next: 0,
        }
    }

    fn ensure(&mut self, r: usize) {
        while self.grid.len() <= r {
            self.grid.push(vec![None; self.ncols]);
        }
    }

    /// A row of (text, colspan, rowspan).
    fn row(&mut self, cells: &[(&str, usize, usize)]) {
        let r = self.next;
        self.next += 1;
        self.ensure(r);
        let mut c = 0;
        for (text, cs, rs) in cells {
            while c < self.ncols && self.grid[r][c].is_some() {
                c += 1;
            }
            assert!(c + cs <= self.ncols, "row {r} overflows: {text}");
            self.ensure(r + rs - 1);
            for dr in 0..*rs {
                for dc in 0..*cs {
                    self.grid[r + dr][c + dc] = Some(if dr == 0 && dc == 0 {
                        Cell::Anchor {
                            text: text.to_string(),
                            cols: *cs,
                            rows: *rs,
                        }
                    } else {
                        Cell::Covered {
                            anchor_col: c,
                            anchor_row: r,
                        }
                    });
                }
            }
            c += cs;
        }
    }

    fn finish(self, txt: Vec<String>) -> Table {
        let grid = self
            .grid
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|c| {
                        c.unwrap_or(Cell::Anchor {
                            text: String::new(),
                            cols: 1,
                            rows: 1,
                        })
                    })
                    .collect()
            })
            .collect();
        Table {
            ncols: self.ncols,
            grid,
            txt,
        }
    }
}

enum Block {
    /// A plain paragraph.
    Para(String),
    /// A numbered heading: level 0 (一、) or 1 (（一）), its number and title; `body`
    /// follows on the same paragraph (`（一）主动公开。全年……`).
    Heading {
        level: u8,
        number: usize,
        title: String,
        body: String,
    },
    Table(Table),
}

// ---------------------------------------------------------------- drafts

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Defect {
    WrongTotal,
    MissingSection,
    BlankCell,
    MissingFee,
    LateDate,
}

impl Defect {
    fn name(self) -> &'static str {
        match self {
            Defect::WrongTotal => "wrong-total",
            Defect::MissingSection => "missing-section",
            Defect::BlankCell => "blank-cell",
            Defect::MissingFee => "missing-fee-statement",
            Defect::LateDate => "late-date",
        }
    }

    /// The findings gongkai must report for this defect: (rule id, severity).
    fn expected(self, profile: &str) -> Vec<(&'static str, &'static str)> {
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
    fn for_profile(profile: &str) -> &'static [Defect] {
        use Defect::*;
        match profile {
            "2019-trial" => &[WrongTotal, MissingSection, BlankCell, LateDate],
            _ => &[WrongTotal, MissingSection, BlankCell, MissingFee, LateDate],
        }
    }
}

struct Agency {
    name: String,
    /// How the report refers to itself: 我区、我局、我镇.
    we: &'static str,
    /// The office to contact.
    office: String,
}

const CITIES: [&str; 12] = [
    "淮安", "泰州", "遵义", "赣州", "绵阳", "洛阳", "岳阳", "柳州", "宜宾", "湖州", "潍坊", "曲靖",
];
const DISTRICTS: [&str; 10] = [
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
const COUNTIES: [&str; 10] = [
    "洪泽", "兴化", "湄潭", "信丰", "安州", "宜阳", "平江", "鹿寨", "江安", "德清",
];
const TOWNS: [&str; 8] = [
    "高良涧",
    "戴南",
    "永兴",
    "嘉定",
    "秀水",
    "柳泉",
    "梅仙",
    "南溪",
];
const DEPARTMENTS: [&str; 8] = [
    "交通运输局",
    "自然资源和规划局",
    "生态环境局",
    "民政局",
    "司法局",
    "住房和城乡建设局",
    "农业农村局",
    "市场监督管理局",
];

fn agency(rng: &mut Rng) -> Agency {
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
const FILLER: [&str; 12] = [
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

const PROBLEMS: [&str; 4] = [
    "一是政策解读的形式还不够丰富；二是基层政务公开标准化建设有待加强；三是工作人员业务能力有待进一步提升。",
    "一是部分栏目信息更新不够及时；二是依申请公开答复的规范性有待提高；三是公开内容与群众需求的契合度还需提升。",
    "一是公开平台互动功能还不够完善；二是政策文件解读质量参差不齐；三是政务公开工作力量相对薄弱。",
    "一是信息发布审核机制有待细化；二是主动公开的深度和广度还需拓展；三是监督考核机制还需健全。",
];

const IMPROVE: &str =
    "下一步，将加强业务培训，完善工作机制，强化监督检查，推动政务公开工作再上新台阶。";

/// Numbers of the 2021/2019 表三: per applicant type (6 columns), per row.
struct T3 {
    /// Row keys in table order, each with 6 values (the total column is computed).
    rows: Vec<(&'static str, [u64; 6])>,
}

impl T3 {
    fn get(&self, key: &str) -> [u64; 6] {
        self.rows
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .unwrap_or_default()
    }
    fn total(&self, key: &str) -> u64 {
        self.get(key).iter().sum()
    }
}

const RESULTS_2021: [&str; 21] = [
    "r_open",
    "r_partial",
    "r_deny_secret",
    "r_deny_law",
    "r_deny_3s1w",
    "r_deny_third_party",
    "r_deny_internal",
    "r_deny_process",
    "r_deny_case_file",
    "r_deny_query",
    "r_na_not_held",
    "r_na_must_create",
    "r_na_unclear",
    "r_np_petition",
    "r_np_repeat",
    "r_np_publication",
    "r_np_mass",
    "r_np_confirm",
    "r_other_no_correction",
    "r_other_fee_unpaid",
    "r_other_other",
];

/// Relative weight of each result (index as in `RESULTS_2021`).
const RESULT_WEIGHTS: [u64; 21] = [
    40, 10, 1, 2, 1, 2, 1, 2, 1, 3, 18, 2, 1, 4, 2, 0, 0, 1, 5, 0, 4,
];

fn t3_numbers(rng: &mut Rng, trial: bool) -> T3 {
    let mut new = [0u64; 6];
    let scale = *rng.pick(&[8u64, 30, 120, 600]);
    new[0] = rng.range(scale / 2, scale * 2);
    for v in new.iter_mut().skip(1) {
        *v = if rng.chance(0.5) {
            rng.range(0, scale / 4 + 1)
        } else {
            0
        };
    }
    let mut carried_in = [0u64; 6];
    let mut carried_out = [0u64; 6];
    for c in 0..6 {
        carried_in[c] = if rng.chance(0.4) {
            rng.range(0, new[c] / 10 + 1)
        } else {
            0
        };
        carried_out[c] = if rng.chance(0.4) {
            rng.range(0, new[c] / 10)
        } else {
            0
        };
    }
    // Distribute what was closed over the results, by weight.
    let mut results = [[0u64; 6]; 21];
    for c in 0..6 {
        let closed = new[c] + carried_in[c] - carried_out[c];
        for _ in 0..closed {
            let total: u64 = RESULT_WEIGHTS.iter().sum();
            let mut x = rng.range(0, total - 1);
            for (i, w) in RESULT_WEIGHTS.iter().enumerate() {
                if x < *w {
                    results[i][c] += 1;
                    break;
                }
                x -= w;
            }
        }
    }
    let mut rows = vec![("new_received", new), ("carried_in", carried_in)];
    for (i, key) in RESULTS_2021.iter().enumerate() {
        if trial && i >= 18 {
            continue;
        }
        rows.push((key, results[i]));
    }
    if trial {
        let mut other = [0u64; 6];
        for r in &results[18..] {
            for c in 0..6 {
                other[c] += r[c];
            }
        }
        rows.push(("r_other", other));
    }
    let mut total = [0u64; 6];
    for r in &results {
        for c in 0..6 {
            total[c] += r[c];
        }
    }
    rows.push(("r_total", total));
    rows.push(("carried_out", carried_out));
    T3 { rows }
}

/// Official row labels of 表三 (the 2019 trial format has one 其他处理 row).
fn t3_label(key: &str) -> (&'static str, Option<&'static str>) {
    match key {
        "new_received" => ("一、本年新收政府信息公开申请数量", None),
        "carried_in" => ("二、上年结转政府信息公开申请数量", None),
        "r_open" => ("（一）予以公开", None),
        "r_partial" => (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            None,
        ),
        "r_deny_secret" => ("1.属于国家秘密", Some("（三）不予公开")),
        "r_deny_law" => ("2.其他法律行政法规禁止公开", Some("（三）不予公开")),
        "r_deny_3s1w" => ("3.危及“三安全一稳定”", Some("（三）不予公开")),
        "r_deny_third_party" => ("4.保护第三方合法权益", Some("（三）不予公开")),
        "r_deny_internal" => ("5.属于三类内部事务信息", Some("（三）不予公开")),
        "r_deny_process" => ("6.属于四类过程性信息", Some("（三）不予公开")),
        "r_deny_case_file" => ("7.属于行政执法案卷", Some("（三）不予公开")),
        "r_deny_query" => ("8.属于行政查询事项", Some("（三）不予公开")),
        "r_na_not_held" => ("1.本机关不掌握相关政府信息", Some("（四）无法提供")),
        "r_na_must_create" => ("2.没有现成信息需要另行制作", Some("（四）无法提供")),
        "r_na_unclear" => ("3.补正后申请内容仍不明确", Some("（四）无法提供")),
        "r_np_petition" => ("1.信访举报投诉类申请", Some("（五）不予处理")),
        "r_np_repeat" => ("2.重复申请", Some("（五）不予处理")),
        "r_np_publication" => ("3.要求提供公开出版物", Some("（五）不予处理")),
        "r_np_mass" => ("4.无正当理由大量反复申请", Some("（五）不予处理")),
        "r_np_confirm" => (
            "5.要求行政机关确认或重新出具已获取信息",
            Some("（五）不予处理"),
        ),
        "r_other_no_correction" => (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            Some("（六）其他处理"),
        ),
        "r_other_fee_unpaid" => (
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            Some("（六）其他处理"),
        ),
        "r_other_other" => ("3.其他", Some("（六）其他处理")),
        "r_other" => ("（六）其他处理", None),
        "r_total" => ("（七）总计", None),
        "carried_out" => ("四、结转下年度继续办理", None),
        _ => ("", None),
    }
}

const T3_KEY: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const APPLICANTS: [&str; 6] = [
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// 表三 as the official grid (3 label columns + 7 value columns) and as pasted text.
/// `cells` overrides the text of (row key, column index 0..=6).
fn t3_table(t3: &T3, cells: &[(&str, usize, String)]) -> Table {
    let text_of = |key: &str, c: usize| -> String {
        if let Some((_, _, s)) = cells.iter().find(|(k, i, _)| *k == key && *i == c) {
            return s.clone();
        }
        if c == 6 {
            t3.total(key).to_string()
        } else {
            t3.get(key)[c].to_string()
        }
    };
    let mut g = GridBuilder::new(10);
    g.row(&[(T3_KEY, 3, 3), ("申请人情况", 7, 1)]);
    g.row(&[("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)]);
    g.row(
        &APPLICANTS[..5]
            .iter()
            .map(|a| (*a, 1, 1))
            .collect::<Vec<_>>(),
    );
    let mut txt = vec![
        format!("{T3_KEY} | 申请人情况 |"),
        "| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |".to_string(),
    ];
    let result_rows = t3.rows.iter().filter(|(k, _)| k.starts_with("r_")).count();
    let mut group_seen: Vec<&str> = Vec::new();
    let mut first_result = true;
    for (key, _) in &t3.rows {
        let (label, group) = t3_label(key);
        let values: Vec<String> = (0..7).map(|c| text_of(key, c)).collect();
        let mut row: Vec<(String, usize, usize)> = Vec::new();
        if key.starts_with("r_") {
            if first_result {
                row.push(("三、本年度办理结果".to_string(), 1, result_rows));
                first_result = false;
            }
            match group {
                Some(gname) => {
                    if !group_seen.contains(&gname) {
                        let n = t3
                            .rows
                            .iter()
                            .filter(|(k, _)| t3_label(k).1 == Some(gname))
                            .count();
                        row.push((gname.to_string(), 1, n));
                        group_seen.push(gname);
                    }
                    row.push((label.to_string(), 1, 1));
                }
                None => row.push((label.to_string(), 2, 1)),
            }
        } else {
            row.push((label.to_string(), 3, 1));
        }
        for v in &values {
            row.push((v.clone(), 1, 1));
        }
        let refs: Vec<(&str, usize, usize)> =
            row.iter().map(|(t, c, r)| (t.as_str(), *c, *r)).collect();
        g.row(&refs);
        txt.push(format!("{label} | {} |", values.join(" | ")));
    }
    g.finish(txt)
}

/// 表四: 15 numbers (复议 5, 未经复议起诉 5, 复议后起诉 5), each block's total last.
fn t4_numbers(rng: &mut Rng) -> [u64; 15] {
    let mut v = [0u64; 15];
    for b in 0..3 {
        let mut sum = 0;
        for i in 0..4 {
            let x = if rng.chance(0.35) { rng.range(0, 6) } else { 0 };
            v[b * 5 + i] = x;
            sum += x;
        }
        v[b * 5 + 4] = sum;
    }
    v
}

fn t4_table(v: &[u64; 15]) -> Table {
    let heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut g = GridBuilder::new(15);
    g.row(&[("行政复议", 5, 1), ("行政诉讼", 10, 1)]);
    let mut r2: Vec<(&str, usize, usize)> = heads.iter().map(|h| (*h, 1, 2)).collect();
    r2.push(("未经复议直接起诉", 5, 1));
    r2.push(("复议后起诉", 5, 1));
    g.row(&r2);
    let r3: Vec<(&str, usize, usize)> = heads
        .iter()
        .chain(heads.iter())
        .map(|h| (*h, 1, 1))
        .collect();
    g.row(&r3);
    let vals: Vec<String> = v.iter().map(u64::to_string).collect();
    let r4: Vec<(&str, usize, usize)> = vals.iter().map(|s| (s.as_str(), 1, 1)).collect();
    g.row(&r4);
    let txt = vec![
        "行政复议 | 行政诉讼 |".to_string(),
        format!("{} | 未经复议直接起诉 | 复议后起诉 |", heads.join(" | ")),
        format!("{} | {} |", heads.join(" | "), heads.join(" | ")),
        format!("{} |", vals.join(" | ")),
    ];
    g.finish(txt)
}

/// 表二 of the 2021 format.
struct T2 {
    normative: [u64; 3],
    permit: u64,
    penalty: u64,
    coercion: u64,
    fees: String,
}

fn t2_numbers(rng: &mut Rng) -> T2 {
    let made = rng.range(0, 12);
    let repealed = rng.range(0, 6);
    let valid = made + rng.range(0, 60);
    T2 {
        normative: [made, repealed, valid],
        permit: rng.range(0, 5000),
        penalty: rng.range(0, 3000),
        coercion: rng.range(0, 200),
        fees: format!("{}.{:02}", rng.range(0, 900), rng.range(0, 99)),
    }
}

fn t2_table_2021(t: &T2) -> Table {
    let mut g = GridBuilder::new(4);
    let mut txt = Vec::new();
    let n = |x: u64| x.to_string();
    let [m, r, v] = t.normative;
    let (ms, rs, vs) = (n(m), n(r), n(v));
    g.row(&[("第二十条第（一）项", 4, 1)]);
    g.row(&[
        ("信息内容", 1, 1),
        ("本年制发件数", 1, 1),
        ("本年废止件数", 1, 1),
        ("现行有效件数", 1, 1),
    ]);
    g.row(&[("规章", 1, 1), ("0", 1, 1), ("0", 1, 1), ("0", 1, 1)]);
    g.row(&[
        ("行政规范性文件", 1, 1),
        (&ms, 1, 1),
        (&rs, 1, 1),
        (&vs, 1, 1),
    ]);
    txt.push("第二十条第（一）项 |".to_string());
    txt.push("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |".to_string());
    txt.push("规章 | 0 | 0 | 0 |".to_string());
    txt.push(format!("行政规范性文件 | {ms} | {rs} | {vs} |"));
    // (heading, value column, rows of (label, value))
    type Block<'a> = (&'a str, &'a str, Vec<(&'a str, String)>);
    let blocks: [Block; 3] = [
        (
            "第二十条第（五）项",
            "本年处理决定数量",
            vec![("行政许可", n(t.permit))],
        ),
        (
            "第二十条第（六）项",
            "本年处理决定数量",
            vec![("行政处罚", n(t.penalty)), ("行政强制", n(t.coercion))],
        ),
        (
            "第二十条第（八）项",
            "本年收费金额（单位：万元）",
            vec![("行政事业性收费", t.fees.clone())],
        ),
    ];
    for (head, col, rows) in &blocks {
        g.row(&[(head, 4, 1)]);
        g.row(&[("信息内容", 1, 1), (col, 3, 1)]);
        txt.push(format!("{head} |"));
        txt.push(format!("信息内容 | {col} |"));
        for (label, value) in rows {
            g.row(&[(label, 1, 1), (value, 3, 1)]);
            txt.push(format!("{label} | {value} |"));
        }
    }
    g.finish(txt)
}

fn t2_table_2019(rng: &mut Rng, normative_made: u64) -> Table {
    let mut g = GridBuilder::new(4);
    let mut txt = Vec::new();
    let mut push = |g: &mut GridBuilder, cells: Vec<(String, usize)>| {
        let refs: Vec<(&str, usize, usize)> =
            cells.iter().map(|(t, c)| (t.as_str(), *c, 1)).collect();
        g.row(&refs);
        let texts: Vec<&str> = cells.iter().map(|(t, _)| t.as_str()).collect();
        txt.push(format!("{} |", texts.join(" | ")));
    };
    let s = |x: &str| x.to_string();
    push(&mut g, vec![(s("第二十条第（一）项"), 4)]);
    push(
        &mut g,
        vec![
            (s("信息内容"), 1),
            (s("本年新制作数量"), 1),
            (s("本年新公开数量"), 1),
            (s("对外公开总数量"), 1),
        ],
    );
    push(
        &mut g,
        vec![(s("规章"), 1), (s("0"), 1), (s("0"), 1), (s("0"), 1)],
    );
    let total = normative_made + rng.range(0, 40);
    push(
        &mut g,
        vec![
            (s("规范性文件"), 1),
            (normative_made.to_string(), 1),
            (normative_made.to_string(), 1),
            (total.to_string(), 1),
        ],
    );
    for (head, rows) in [
        (
            "第二十条第（五）项",
            vec!["行政许可", "其他对外管理服务事项"],
        ),
        ("第二十条第（六）项", vec!["行政处罚", "行政强制"]),
    ] {
        push(&mut g, vec![(s(head), 4)]);
        push(
            &mut g,
            vec![
                (s("信息内容"), 1),
                (s("上一年项目数量"), 1),
                (s("本年增/减"), 1),
                (s("处理决定数量"), 1),
            ],
        );
        for label in rows {
            let prev = rng.range(0, 80);
            let change = rng.range(0, 6) as i64 - 3;
            // Written `2` / `-1`: gongkai does not read a leading `+` as a number.
            let change = change.to_string();
            push(
                &mut g,
                vec![
                    (s(label), 1),
                    (prev.to_string(), 1),
                    (change, 1),
                    (rng.range(0, 2000).to_string(), 1),
                ],
            );
        }
    }
    push(&mut g, vec![(s("第二十条第（八）项"), 4)]);
    push(
        &mut g,
        vec![
            (s("信息内容"), 1),
            (s("上一年项目数量"), 1),
            (s("本年增/减"), 2),
        ],
    );
    push(
        &mut g,
        vec![
            (s("行政事业性收费"), 1),
            (rng.range(0, 20).to_string(), 1),
            (s("0"), 2),
        ],
    );
    push(&mut g, vec![(s("第二十条第（九）项"), 4)]);
    push(
        &mut g,
        vec![
            (s("信息内容"), 1),
            (s("采购项目数量"), 1),
            (s("采购总金额"), 2),
        ],
    );
    push(
        &mut g,
        vec![
            (s("政府集中采购"), 1),
            (rng.range(0, 60).to_string(), 1),
            (format!("{}.{:02}", rng.range(0, 900), rng.range(0, 99)), 2),
        ],
    );
    g.finish(txt)
}

/// The pre-2019 统计表: (label, unit, value) rows; section rows have no unit.
struct Stat {
    rows: Vec<(&'static str, &'static str, String)>,
}

fn stat_numbers(rng: &mut Rng) -> (Stat, u64, u64) {
    let active = rng.range(60, 900);
    let normative = rng.range(0, active / 10);
    let website = rng.range(active / 2, active);
    let ways: Vec<u64> = (0..6)
        .map(|_| if rng.chance(0.5) { rng.range(0, 12) } else { 0 })
        .collect();
    let received: u64 = ways.iter().sum();
    let delayed = if received > 0 && rng.chance(0.3) {
        1
    } else {
        0
    };
    // 答复: agree most, the rest spread.
    let mut answers = [0u64; 8];
    for _ in 0..received {
        let i = *rng.pick(&[0usize, 1, 1, 1, 1, 2, 4, 5, 6, 7]);
        answers[i] += 1;
    }
    let review = [rng.range(0, 1), 0, 0];
    let suit = [rng.range(0, 1), 0, 0];
    let staff = [rng.range(1, 3), rng.range(1, 6)];
    let v = |x: u64| x.to_string();
    let rows = vec![
        ("一、主动公开情况", "", String::new()),
        (
            "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
            "条",
            v(active),
        ),
        ("其中：主动公开规范性文件数", "条", v(normative)),
        ("制发规范性文件总数", "件", v(normative)),
        (
            "（二）通过不同渠道和方式公开政府信息的情况",
            "",
            String::new(),
        ),
        ("1.政府公报公开政府信息数", "条", v(0)),
        ("2.政府网站公开政府信息数", "条", v(website)),
        ("3.政务微博公开政府信息数", "条", v(0)),
        ("4.政务微信公开政府信息数", "条", v(0)),
        ("5.政务客户端公开政府信息数", "条", v(0)),
        ("6.其他方式公开政府信息数", "条", v(0)),
        ("二、依申请公开情况", "", String::new()),
        ("（一）收到申请数", "件", v(received)),
        ("1.当面申请数", "件", v(ways[0])),
        ("2.传真申请数", "件", v(ways[1])),
        ("电子邮件申请数", "件", v(ways[4])),
        ("3.网络申请数", "件", v(ways[2])),
        ("4.信函申请数", "件", v(ways[3])),
        ("其他形式申请数", "件", v(ways[5])),
        ("（二）申请办结数", "件", v(received)),
        ("1.按时办结数", "件", v(received - delayed)),
        ("2.延期办结数", "件", v(delayed)),
        ("（三）申请答复数", "件", v(received)),
        ("1.属于已主动公开范围数", "件", v(answers[0])),
        ("2.同意公开答复数", "件", v(answers[1])),
        ("3.同意部分公开答复数", "件", v(answers[2])),
        ("4.不同意公开答复数", "件", v(answers[3])),
        ("其中：涉及国家秘密", "件", v(0)),
        ("涉及商业秘密", "件", v(0)),
        ("涉及个人隐私", "件", v(0)),
        ("危及国家安全、公共安全、经济安全和社会稳定", "件", v(0)),
        ("不是《条例》所指政府信息", "件", v(0)),
        ("法律法规规定的其他情形", "件", v(0)),
        ("5.不属于本行政机关公开数", "件", v(answers[4])),
        ("6.申请信息不存在数", "件", v(answers[5])),
        ("7.告知作出更改补充数", "件", v(answers[6])),
        ("8.告知通过其他途径办理数", "件", v(answers[7])),
        ("三、行政复议、行政诉讼和举报投诉情况", "", String::new()),
        ("四、行政复议数量", "件", v(review.iter().sum())),
        ("（一）维持具体行政行为数", "件", v(review[0])),
        ("（二）被依法纠错数", "件", v(review[1])),
        ("（三）其他情形数", "件", v(review[2])),
        ("五、行政诉讼数量", "件", v(suit.iter().sum())),
        (
            "（一）维持具体行政行为或者驳回原告诉讼请求数",
            "件",
            v(suit[0]),
        ),
        ("（二）被依法纠错数", "件", v(suit[1])),
        ("（三）其他情形数", "件", v(suit[2])),
        ("六、举报投诉数量", "件", v(0)),
        ("七、依申请公开信息收取的费用", "万元", v(0)),
        ("八、机构建设和保障经费情况", "", String::new()),
        (
            "（三）从事政府信息公开工作人员数",
            "人",
            v(staff[0] + staff[1]),
        ),
        ("1.专职人员数", "人", v(staff[0])),
        ("2.兼职人员数", "人", v(staff[1])),
    ];
    (Stat { rows }, active, received)
}

fn stat_table(stat: &Stat) -> Table {
    let mut g = GridBuilder::new(3);
    let mut txt = vec!["统计指标 | 单位 | 统计数 |".to_string()];
    g.row(&[("统计指标", 1, 1), ("单位", 1, 1), ("统计数", 1, 1)]);
    for (label, unit, value) in &stat.rows {
        if unit.is_empty() {
            g.row(&[(label, 3, 1)]);
            txt.push(format!("{label} |"));
        } else {
            g.row(&[(label, 1, 1), (unit, 1, 1), (value, 1, 1)]);
            txt.push(format!("{label} | {unit} | {value} |"));
        }
    }
    g.finish(txt)
}

struct Draft {
    file_stem: String,
    profile: String,
    year: i32,
    agency: String,
    defect: Option<Defect>,
    blocks: Vec<Block>,
    /// Title lines (agency, report title), before the blocks.
    title: [String; 2],
}

fn filler(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *rng.pick(&FILLER)).collect()
}

fn draft(seed: u64, i: usize, profile: &str, defect_share: f64) -> Draft {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let year: i32 = match profile {
        "2021" => rng.range(2021, 2024) as i32,
        "2019-trial" => rng.range(2019, 2020) as i32,
        _ => rng.range(2010, 2018) as i32,
    };
    let ag = agency(&mut rng);
    let defect = rng
        .chance(defect_share)
        .then(|| *rng.pick(Defect::for_profile(profile)));
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
    let t3 = (!pre).then(|| t3_numbers(&mut rng, trial));
    let t2 = t2_numbers(&mut rng);
    let t4 = t4_numbers(&mut rng);
    let (stat, active_total, received) = stat_numbers(&mut rng);

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
            "problems" => blocks.push(Block::Para(format!("{}{IMPROVE}", rng.pick(&PROBLEMS)))),
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
    }
}

// ---------------------------------------------------------------- writers

fn zh_number(n: usize) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        _ => n.to_string(),
    }
}

fn heading_text(level: u8, number: usize, title: &str) -> String {
    if level == 0 {
        format!("{}、{title}", zh_number(number))
    } else {
        format!("（{}）{title}", zh_number(number))
    }
}

fn write_txt(d: &Draft) -> Vec<u8> {
    let mut s = format!("{}\n{}\n\n", d.title[0], d.title[1]);
    for b in &d.blocks {
        match b {
            Block::Para(p) => {
                s.push_str(p);
                s.push('\n');
            }
            Block::Heading {
                level,
                number,
                title,
                body,
            } => {
                if *level == 0 {
                    s.push('\n');
                }
                s.push_str(&heading_text(*level, *number, title));
                s.push_str(body);
                s.push('\n');
            }
            Block::Table(t) => {
                for l in &t.txt {
                    s.push_str(l);
                    s.push('\n');
                }
            }
        }
    }
    s.into_bytes()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn write_html(d: &Draft, rng: &mut Rng) -> Vec<u8> {
    let mut s =
        String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    let _ = write!(
        s,
        "<title>{}</title></head><body>\n<div class=\"nav\">首页 &gt; 政府信息公开 &gt; 年度报告</div>\n<div class=\"article\">\n",
        esc(&d.title[1])
    );
    let _ = writeln!(s, "<h1>{}<br>{}</h1>", esc(&d.title[0]), esc(&d.title[1]));
    let headings_as_h = rng.chance(0.5);
    for b in &d.blocks {
        match b {
            Block::Para(p) => {
                let _ = writeln!(s, "<p>{}</p>", esc(p));
            }
            Block::Heading {
                level,
                number,
                title,
                body,
            } => {
                let text = esc(&heading_text(*level, *number, title));
                if *level == 0 && headings_as_h {
                    let _ = writeln!(s, "<h2>{text}</h2>");
                } else if *level == 0 {
                    let _ = writeln!(s, "<p><strong>{text}</strong></p>");
                } else {
                    let _ = writeln!(s, "<p>{text}{}</p>", esc(body));
                }
            }
            Block::Table(t) => {
                s.push_str("<table border=\"1\" cellspacing=\"0\">\n<tbody>\n");
                for row in &t.grid {
                    s.push_str("<tr>");
                    for c in row {
                        if let Cell::Anchor { text, cols, rows } = c {
                            s.push_str("<td");
                            if *cols > 1 {
                                let _ = write!(s, " colspan=\"{cols}\"");
                            }
                            if *rows > 1 {
                                let _ = write!(s, " rowspan=\"{rows}\"");
                            }
                            let _ = write!(s, ">{}</td>", esc(text));
                        }
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</tbody>\n</table>\n");
            }
        }
    }
    s.push_str("</div>\n<div class=\"footer\">主办单位：政府办公室</div>\n</body></html>\n");
    s.into_bytes()
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn w_run(text: &str) -> String {
    format!(
        "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\" w:ascii=\"仿宋_GB2312\" w:hAnsi=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\" w:cs=\"仿宋_GB2312\"/><w:kern w:val=\"0\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(text)
    )
}

fn w_para(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"640\" w:firstLineChars=\"200\"/><w:jc w:val=\"both\"/></w:pPr>{}</w:p>",
        w_run(text)
    )
}

/// A .docx package: document, numbering, styles and the package plumbing.
/// Headings are auto-numbered (numbering.xml) or typed literally, chosen per draft.
fn write_docx(d: &Draft, rng: &mut Rng) -> Vec<u8> {
    let auto = rng.chance(0.5);
    let mut body = String::new();
    for t in &d.title {
        let _ = write!(
            body,
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
            w_run(t)
        );
    }
    for b in &d.blocks {
        match b {
            Block::Para(p) => body.push_str(&w_para(p)),
            Block::Heading {
                level,
                number,
                title,
                body: rest,
            } => {
                if auto {
                    // numId 1: 一、 (level 0) with （一） (level 1) restarting under it.
                    let _ = write!(
                        body,
                        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}{}</w:p>",
                        if *level == 0 { "Heading2" } else { "BodyText" },
                        w_run(title),
                        if rest.is_empty() { String::new() } else { w_run(rest) }
                    );
                } else {
                    let text = format!("{}{rest}", heading_text(*level, *number, title));
                    body.push_str(&w_para(&text));
                }
            }
            Block::Table(t) => body.push_str(&docx_table(t)),
        }
    }
    body.push_str(
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\"/></w:sectPr>",
    );
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\"><w:body>{body}</w:body></w:document>"
    );
    let numbering = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"{W_NS}\">\
         <w:abstractNum w:abstractNumId=\"0\">\
         <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:suff w:val=\"nothing\"/></w:lvl>\
         <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/></w:lvl>\
         </w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W_NS}\">{}\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/><w:basedOn w:val=\"Normal\"/></w:style>\
         </w:styles>",
        latent_styles()
    );
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             <Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
             <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
             </Types>"
                .to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
             </Relationships>"
                .to_string(),
        ),
        (
            "word/_rels/document.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
             </Relationships>"
                .to_string(),
        ),
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
        ("word/styles.xml", styles),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("word/theme/theme1.xml", theme()),
        ("docProps/app.xml", app_props()),
        ("docProps/core.xml", core_props(d)),
    ];
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed timestamp keeps the output byte-identical from run to run.
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, xml) in parts {
        zw.start_file(name, opts).expect("zip entry");
        zw.write_all(xml.as_bytes()).expect("zip write");
    }
    zw.finish().expect("zip finish").into_inner()
}

// The parts every Word/WPS file carries besides the text (gongkai reads none of them);
// they make the generated files the size of real ones.

const FONTS: [(&str, &str); 6] = [
    ("宋体", "SimSun"),
    ("仿宋_GB2312", "FangSong_GB2312"),
    ("黑体", "SimHei"),
    ("楷体_GB2312", "KaiTi_GB2312"),
    ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    ("Times New Roman", "Times New Roman"),
];

fn font_table() -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"{W_NS}\">"
    );
    for (name, alt) in FONTS {
        let _ = write!(
            s,
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/><w:panose1 w:val=\"02010600030101010101\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/><w:sig w:usb0=\"00000003\" w:usb1=\"288F0000\" w:usb2=\"00000016\" w:usb3=\"00000000\" w:csb0=\"00040001\" w:csb1=\"00000000\"/></w:font>"
        );
    }
    s.push_str("</w:fonts>");
    s
}

fn settings() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"{W_NS}\">\
         <w:zoom w:percent=\"100\"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/>\
         <w:defaultTabStop w:val=\"420\"/><w:drawingGridHorizontalSpacing w:val=\"160\"/>\
         <w:drawingGridVerticalSpacing w:val=\"289\"/><w:displayHorizontalDrawingGridEvery w:val=\"0\"/>\
         <w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:spaceForUL/>\
         <w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/>\
         <w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/></w:compat>\
         <w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/><w:decimalSymbol w:val=\".\"/>\
         <w:listSeparator w:val=\",\"/></w:settings>"
    )
}

fn theme() -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office 主题\"><a:themeElements><a:clrScheme name=\"Office\">",
    );
    for (name, rgb) in [
        ("dk2", "1F497D"),
        ("lt2", "EEECE1"),
        ("accent1", "4F81BD"),
        ("accent2", "C0504D"),
        ("accent3", "9BBB59"),
        ("accent4", "8064A2"),
        ("accent5", "4BACC6"),
        ("accent6", "F79646"),
        ("hlink", "0000FF"),
        ("folHlink", "800080"),
    ] {
        let _ = write!(s, "<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>");
    }
    s.push_str("</a:clrScheme><a:fontScheme name=\"Office\">");
    for kind in ["majorFont", "minorFont"] {
        let _ = write!(
            s,
            "<a:{kind}><a:latin typeface=\"Cambria\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
        );
        for (script, face) in [
            ("Jpan", "ＭＳ ゴシック"),
            ("Hang", "맑은 고딕"),
            ("Hans", "宋体"),
            ("Hant", "新細明體"),
            ("Arab", "Times New Roman"),
            ("Hebr", "Times New Roman"),
            ("Thai", "Angsana New"),
            ("Ethi", "Nyala"),
            ("Beng", "Vrinda"),
            ("Gujr", "Shruti"),
            ("Khmr", "MoolBoran"),
            ("Knda", "Tunga"),
        ] {
            let _ = write!(s, "<a:font script=\"{script}\" typeface=\"{face}\"/>");
        }
        let _ = write!(s, "</a:{kind}>");
    }
    s.push_str("</a:fontScheme><a:fmtScheme name=\"Office\"><a:fillStyleLst>");
    for i in 0..3 {
        let _ = write!(
            s,
            "<a:gradFill rotWithShape=\"1\"><a:gsLst><a:gs pos=\"0\"><a:schemeClr val=\"phClr\"><a:tint val=\"{}\"/><a:satMod val=\"300000\"/></a:schemeClr></a:gs><a:gs pos=\"35000\"><a:schemeClr val=\"phClr\"><a:tint val=\"37000\"/><a:satMod val=\"300000\"/></a:schemeClr></a:gs></a:gsLst><a:lin ang=\"16200000\" scaled=\"1\"/></a:gradFill>",
            50000 + i * 1000
        );
    }
    s.push_str("</a:fillStyleLst></a:fmtScheme></a:themeElements></a:theme>");
    s
}

/// The defaults and the latent (built-in) style list every Word/WPS `styles.xml` carries.
fn latent_styles() -> String {
    let mut s = String::from(
        "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/><w:kern w:val=\"2\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults><w:latentStyles w:defLockedState=\"0\" w:defUIPriority=\"99\" w:defSemiHidden=\"0\" w:defUnhideWhenUsed=\"0\" w:defQFormat=\"0\" w:count=\"260\">",
    );
    let mut names: Vec<String> = vec!["Normal".into(), "Title".into(), "Subtitle".into()];
    for base in ["heading", "index", "toc"] {
        names.extend((1..=9).map(|i| format!("{base} {i}")));
    }
    for n in [
        "Normal Indent",
        "footnote text",
        "annotation text",
        "header",
        "footer",
        "index heading",
        "caption",
        "table of figures",
        "envelope address",
        "envelope return",
        "footnote reference",
        "annotation reference",
        "line number",
        "page number",
        "endnote reference",
        "endnote text",
        "table of authorities",
        "macro",
        "toa heading",
        "List",
        "List Bullet",
        "List Number",
        "Closing",
        "Signature",
        "Default Paragraph Font",
        "Body Text",
        "Body Text Indent",
        "Message Header",
        "Salutation",
        "Date",
        "Body Text First Indent",
        "Note Heading",
        "Block Text",
        "Hyperlink",
        "FollowedHyperlink",
        "Strong",
        "Emphasis",
        "Document Map",
        "Plain Text",
        "E-mail Signature",
        "Normal (Web)",
        "HTML Acronym",
        "HTML Address",
        "HTML Cite",
        "HTML Code",
        "HTML Definition",
        "HTML Keyboard",
        "HTML Preformatted",
        "HTML Sample",
        "HTML Typewriter",
        "HTML Variable",
        "Normal Table",
        "annotation subject",
        "No List",
        "Balloon Text",
        "Table Grid",
        "Placeholder Text",
        "No Spacing",
        "List Paragraph",
        "Quote",
        "Intense Quote",
        "Subtle Emphasis",
        "Intense Emphasis",
        "Subtle Reference",
        "Intense Reference",
        "Book Title",
        "Bibliography",
        "TOC Heading",
    ] {
        names.push(n.to_string());
    }
    for kind in [
        "Light Shading",
        "Light List",
        "Light Grid",
        "Medium Shading 1",
        "Medium List 1",
        "Medium Grid 1",
        "Dark List",
        "Colorful Shading",
        "Colorful List",
        "Colorful Grid",
    ] {
        names.push(kind.to_string());
        names.extend((1..=6).map(|a| format!("{kind} Accent {a}")));
    }
    for (i, n) in names.iter().enumerate() {
        let _ = write!(
            s,
            "<w:lsdException w:name=\"{n}\" w:uiPriority=\"{}\"{}/>",
            i % 70,
            if i % 3 == 0 {
                " w:semiHidden=\"1\" w:unhideWhenUsed=\"1\""
            } else {
                ""
            }
        );
    }
    s.push_str("</w:latentStyles>");
    s
}

fn app_props() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Template>Normal.dotm</Template><TotalTime>0</TotalTime><Pages>6</Pages><Application>WPS Office</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>".to_string()
}

fn core_props(d: &Draft) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>办公室</dc:creator><cp:lastModifiedBy>办公室</cp:lastModifiedBy><cp:revision>3</cp:revision><dcterms:created xsi:type=\"dcterms:W3CDTF\">{}-01-05T08:00:00Z</dcterms:created></cp:coreProperties>",
        esc(&d.title[1]),
        d.year + 1
    )
}

fn docx_table(t: &Table) -> String {
    let mut s = String::from(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders><w:top w:val=\"single\"/><w:bottom w:val=\"single\"/><w:insideH w:val=\"single\"/><w:insideV w:val=\"single\"/></w:tblBorders></w:tblPr><w:tblGrid>",
    );
    for _ in 0..t.ncols {
        s.push_str("<w:gridCol w:w=\"600\"/>");
    }
    s.push_str("</w:tblGrid>");
    for (r, row) in t.grid.iter().enumerate() {
        s.push_str("<w:tr>");
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Anchor { text, cols, rows } => {
                    let mut pr = String::new();
                    if *cols > 1 {
                        let _ = write!(pr, "<w:gridSpan w:val=\"{cols}\"/>");
                    }
                    if *rows > 1 {
                        pr.push_str("<w:vMerge w:val=\"restart\"/>");
                    }
                    let _ = write!(
                        s,
                        "<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{}</w:p></w:tc>",
                        if text.is_empty() {
                            String::new()
                        } else {
                            w_run(text)
                        }
                    );
                }
                // A vertical continuation is a cell of its own (vMerge, same span);
                // a horizontal one is part of the gridSpan and has no element.
                Cell::Covered {
                    anchor_col,
                    anchor_row,
                } if *anchor_col == c && *anchor_row != r => {
                    let cols = match &t.grid[*anchor_row][*anchor_col] {
                        Cell::Anchor { cols, .. } => *cols,
                        Cell::Covered { .. } => 1,
                    };
                    let span = if cols > 1 {
                        format!("<w:gridSpan w:val=\"{cols}\"/>")
                    } else {
                        String::new()
                    };
                    let _ = write!(s, "<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>");
                }
                Cell::Covered { .. } => {}
            }
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

// ---------------------------------------------------------------- main

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Write the drafts and `manifest.jsonl` into `o.out`; returns the bytes written.
pub fn generate(o: &Options) -> Result<u64, String> {
    std::fs::create_dir_all(&o.out)
        .map_err(|e| format!("无法创建目录 {}：{e}", o.out.display()))?;
    let mut manifest = String::new();
    let mut bytes_total = 0u64;
    for i in 0..o.count {
        let profile = &o.profiles[i % o.profiles.len()];
        let d = draft(o.seed, i, profile, o.defects);
        let expected: Vec<String> = d
            .defect
            .map(|x| x.expected(&d.profile))
            .unwrap_or_default()
            .iter()
            .map(|(r, s)| format!("{{\"rule\":{},\"severity\":{}}}", json_str(r), json_str(s)))
            .collect();
        for (k, format) in o.formats.iter().enumerate() {
            let mut rng = Rng::new(o.seed ^ ((i as u64) << 8) ^ k as u64);
            let bytes = match format.as_str() {
                "txt" => write_txt(&d),
                "docx" => write_docx(&d, &mut rng),
                _ => write_html(&d, &mut rng),
            };
            let name = format!("{}.{format}", d.file_stem);
            std::fs::write(o.out.join(&name), &bytes)
                .map_err(|e| format!("无法写入 {name}：{e}"))?;
            bytes_total += bytes.len() as u64;
            let _ = writeln!(
                manifest,
                "{{\"file\":{},\"format\":{},\"profile\":{},\"year\":{},\"agency\":{},\"defect\":{},\"bytes\":{},\"expected\":[{}]}}",
                json_str(&name),
                json_str(format),
                json_str(&d.profile),
                d.year,
                json_str(&d.agency),
                d.defect.map(|x| json_str(x.name())).unwrap_or_else(|| "null".into()),
                bytes.len(),
                expected.join(",")
            );
        }
    }
    std::fs::write(o.out.join("manifest.jsonl"), manifest)
        .map_err(|e| format!("无法写入 manifest.jsonl：{e}"))?;
    Ok(bytes_total)
}

#[allow(dead_code)] // the integration test includes this file for `generate` only
fn main() {
    let o = options();
    match generate(&o) {
        Ok(bytes) => eprintln!(
            "已生成 {} 个文件（{bytes} 字节）于 {}",
            o.count * o.formats.len(),
            o.out.display()
        ),
        Err(e) => {
            eprintln!("错误：{e}");
            std::process::exit(2);
        }
    }
}
