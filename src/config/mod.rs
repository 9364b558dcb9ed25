//! `gongkai.yaml`: settings for a directory of drafts (a province, a review
//! pipeline). Found upward from each checked file, or given with `--config`.
//!
//! A configuration goes through the same flow as a rule pack: YAML → schema check
//! (`schemas/config.schema.json`, generated from [`Config`]) → typed → semantic
//! checks, every problem located at its YAML line and column. It never reads the
//! drafts and never prints.

pub mod waiver;

use crate::diagnostic::Severity;
use crate::rules::load::{self, problem_at, Problem};
use crate::rules::position::PositionIndex;
use crate::rules::{month_day, LocalDeadlines, RuleSet, PROFILES};
use miette::{LabeledSpan, NamedSource};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Largest configuration file read (bytes).
pub const MAX_BYTES: u64 = 1024 * 1024;

/// File names searched for, in order, in each directory.
pub const FILE_NAMES: [&str; 2] = ["gongkai.yaml", "gongkai.yml"];

/// `gongkai.yaml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "gongkai configuration (gongkai.yaml)")]
pub struct Config {
    /// Report format to check against: `pre-2019`, `2019-trial` or `2021`
    /// (default: chosen from the report year). `--profile` wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ProfileValue")]
    pub profile: Option<ProfileValue>,
    /// Report year to assume when a draft does not state it clearly. `--year` wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 2000, max = 2100))]
    pub year: Option<i32>,
    /// Agency level of the drafts, when it cannot be read from them reliably.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Level")]
    pub level: Option<Level>,
    /// Local publication deadlines, stricter than the statute (条例 art. 49).
    #[serde(default, skip_serializing_if = "Deadlines::is_empty")]
    pub deadline: Deadlines,
    /// Which rules run, and at which severity.
    #[serde(default, skip_serializing_if = "RuleSettings::is_empty")]
    pub rules: RuleSettings,
    /// Extra rule-pack directories (relative to this file), like `--rules`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rule_dirs: Vec<String>,
    /// Globs (relative to this file, `/` separators, `**` for any depth): when given,
    /// only files found in directories that match one of them are checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Globs of files or directories (relative to this file) never checked when
    /// found in a directory. Files named on the command line are always checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Accepted findings. Each needs a reason; a waiver that matches nothing is reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
    /// Agencies whose reports name them differently from year to year (or not at all):
    /// the checks across years pair only reports of one agency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<AgencyEntry>,
}

/// One agency, for pairing its reports across years.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyEntry {
    /// The agency's name.
    #[schemars(length(min = 2))]
    pub name: String,
    /// Other names its reports give (compared after normalization: spaces, 政府 and
    /// 人民政府, the 办公室 of a 人民政府, the places in front of a district's name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Globs of its report files, relative to this file (`平潭/*.txt`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
}

/// A profile name; YAML reads `2021` as a number, so both forms are accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ProfileValue {
    Name(String),
    Year(i64),
}

impl ProfileValue {
    pub fn name(&self) -> String {
        match self {
            ProfileValue::Name(s) => s.clone(),
            ProfileValue::Year(y) => y.to_string(),
        }
    }
}

/// Which deadline of 条例 art. 49 binds the agency: `government` (县级以上地方人民政府),
/// `department` (县级以上人民政府部门) or `township` (乡镇人民政府、街道办事处).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    // 县级以上地方人民政府 (the 本级政府 report). Plain comments keep the schema a
    // simple `enum`, so a typo is reported with the accepted values.
    Government,
    // 县级以上人民政府部门.
    Department,
    // 乡镇人民政府 / 街道办事处.
    Township,
}

impl RuleSettings {
    fn is_empty(&self) -> bool {
        self.enable.is_empty() && self.disable.is_empty() && self.severity.is_empty()
    }
}

impl Deadlines {
    fn is_empty(&self) -> bool {
        self.government.is_none() && self.department.is_none() && self.township.is_none()
    }
}

impl Level {
    pub fn agency_level(self) -> crate::facts::AgencyLevel {
        match self {
            Level::Government => crate::facts::AgencyLevel::Government,
            Level::Department => crate::facts::AgencyLevel::Department,
            Level::Township => crate::facts::AgencyLevel::Township,
        }
    }
}

/// `MM-DD` in the year after the report year, by agency level.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    /// Statute: 03-31.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{2}-[0-9]{2}$"))]
    pub government: Option<String>,
    /// Statute: 01-31.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{2}-[0-9]{2}$"))]
    pub department: Option<String>,
    /// Not named in the statute; at most 03-31.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{2}-[0-9]{2}$"))]
    pub township: Option<String>,
}

/// The latest deadline the statute allows per level (`MM-DD`).
pub const STATUTE: [(&str, &str, &str); 3] = [
    (
        "government",
        "03-31",
        "《条例》第四十九条第二款：县级以上地方人民政府 3月31日前",
    ),
    (
        "department",
        "01-31",
        "《条例》第四十九条第一款：县级以上人民政府部门 1月31日前",
    ),
    (
        "township",
        "03-31",
        "乡镇人民政府、街道不晚于本级政府报告的 3月31日",
    ),
];

/// Rules to run and their severities. `unused-waiver` runs unless disabled.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSettings {
    /// When given, only these rule ids run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enable: Vec<String>,
    /// Rule ids that never run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disable: Vec<String>,
    /// A different severity for a rule id (every outcome of the rule).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Severity>,
}

/// An accepted finding: rule + file glob (+ line or location) + the reason.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// Rule id of the finding.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub rule: String,
    /// Glob of the files, relative to this configuration file (`2024/*.docx`, `**/民政局*`).
    #[schemars(length(min = 1))]
    pub file: String,
    /// Only the finding on this line (1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub line: Option<usize>,
    /// Only findings whose location or section contains this text (`表三`, `第5行`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub location: Option<String>,
    /// Why the finding is accepted (mandatory; shown in every report).
    #[schemars(length(min = 1))]
    pub reason: String,
    /// Who accepted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<String>,
}

pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Config)).unwrap_or_default()
}

static CONFIG_VALIDATOR: std::sync::LazyLock<Option<jsonschema::Validator>> =
    std::sync::LazyLock::new(|| jsonschema::validator_for(&schema()).ok());

/// A configuration file that cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{title}")]
#[diagnostic(
    code(gongkai::config),
    help("按 schemas/config.schema.json 修改后重试")
)]
pub struct ConfigError {
    /// `配置文件有误：PATH`, or with the cause when there is no text to point into.
    pub title: String,
    pub path: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label(collection)]
    pub labels: Vec<LabeledSpan>,
    pub problems: Vec<Problem>,
}

impl ConfigError {
    pub fn new(path: &str, text: &str, mut problems: Vec<Problem>) -> Box<Self> {
        problems.sort_by_key(|p| (p.offset, p.message.clone()));
        let shown = crate::render::escape::line(path).into_owned();
        let title = if text.trim().is_empty() && !problems.is_empty() {
            // Nothing to point into (the file could not be read, or is empty): the
            // cause goes in the title, or it would not be shown at all.
            let causes: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
            format!("无法使用配置文件 {shown}：{}", causes.join("；"))
        } else {
            format!("配置文件有误：{shown}")
        };
        crate::rules::load::drawable(text, &mut problems);
        Box::new(ConfigError {
            title,
            path: path.to_string(),
            src: NamedSource::new(path, text.to_string()),
            labels: if text.trim().is_empty() {
                Vec::new()
            } else {
                crate::rules::load::labels(&problems)
            },
            problems,
        })
    }
}

/// A configuration file, checked, with what is needed to locate its entries.
#[derive(Debug)]
pub struct Loaded {
    /// Path as shown to the user.
    pub display: String,
    /// Absolute directory the file's relative globs and paths start from.
    pub dir: PathBuf,
    pub text: String,
    pub config: Config,
    index: PositionIndex,
    include: Vec<glob::Pattern>,
    exclude: Vec<glob::Pattern>,
    pub(crate) waivers: Vec<waiver::Compiled>,
    /// `agencies[i].files`, compiled.
    agency_files: Vec<Vec<glob::Pattern>>,
}

/// Glob matching: `*` stays within a directory, `**` crosses them.
pub(crate) const MATCH: glob::MatchOptions = glob::MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};

impl Loaded {
    /// Read and check a configuration file (rule ids are checked later, against the rule set).
    pub fn read(path: &Path, display: String) -> Result<Loaded, Box<ConfigError>> {
        let io = |m: String| ConfigError::new(&display, "", vec![problem_at("", 0, 0, m)]);
        let cause = |e: std::io::Error| match e.kind() {
            std::io::ErrorKind::NotFound => io("文件不存在，请检查路径".into()),
            std::io::ErrorKind::InvalidData => io("文件不是 UTF-8 编码的文本".into()),
            _ => io(format!("无法读取：{}", crate::input::io_cause(&e))),
        };
        let meta = std::fs::metadata(path).map_err(cause)?;
        if !meta.is_file() {
            return Err(io("这不是普通文件".into()));
        }
        if meta.len() > MAX_BYTES {
            return Err(io(format!(
                "文件过大（{} 字节，上限 {MAX_BYTES} 字节），不像正常的配置文件",
                meta.len()
            )));
        }
        let text = std::fs::read_to_string(path).map_err(cause)?;
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        Loaded::parse(display, dir, text)
    }

    /// Check a configuration text; `dir` is where its relative paths start.
    pub fn parse(display: String, dir: PathBuf, text: String) -> Result<Loaded, Box<ConfigError>> {
        let (value, index) =
            load::parse_checked_against(&display, &text, CONFIG_VALIDATOR.as_ref())
                // The rule-file error's source: a refused text keeps only its start.
                .map_err(|e| ConfigError::new(&display, e.src.inner(), e.problems))?;
        let config: Config = serde_json::from_value(value).map_err(|e| {
            ConfigError::new(
                &display,
                &text,
                vec![problem_at(&text, 0, 1, format!("配置内容无法解析：{e}"))],
            )
        })?;
        let mut problems = Vec::new();
        let at = |ptr: &str, msg: String| {
            let span = index.lookup(ptr).map(|p| p.value).unwrap_or((0, 1));
            problem_at(&text, span.0, span.1 - span.0, msg)
        };
        if let Some(p) = &config.profile {
            if !PROFILES.contains(&p.name().as_str()) {
                problems.push(at(
                    "/profile",
                    format!(
                        "未知的 profile「{}」：可选 pre-2019、2019-trial、2021",
                        p.name()
                    ),
                ));
            }
        }
        {
            let d = &config.deadline;
            for (key, value) in [
                ("government", &d.government),
                ("department", &d.department),
                ("township", &d.township),
            ] {
                let Some(v) = value else { continue };
                let ptr = format!("/deadline/{key}");
                let Some((_, statute, basis)) = STATUTE.iter().find(|s| s.0 == key) else {
                    continue;
                };
                match month_day(v).filter(|&(m, d)| valid_day(m, d)) {
                    None => problems.push(at(&ptr, format!("「{v}」不是有效的日期：应为 月-日，例如 01-26"))),
                    Some(md) if Some(md) > month_day(statute) => {
                        problems.push(at(&ptr, format!("本地期限 {v} 晚于法定期限 {statute}（{basis}）：本地规定只能比法定期限更早")))
                    }
                    Some(_) => {}
                }
            }
        }
        let mut compile = |ptr: String, g: &str| match glob::Pattern::new(g) {
            Ok(p) => Some(p),
            Err(e) => {
                problems.push(at(&ptr, format!("无效的通配符「{g}」：{}", e.msg)));
                None
            }
        };
        let include: Vec<glob::Pattern> = config
            .include
            .iter()
            .enumerate()
            .filter_map(|(i, g)| compile(format!("/include/{i}"), g))
            .collect();
        let exclude: Vec<glob::Pattern> = config
            .exclude
            .iter()
            .enumerate()
            .filter_map(|(i, g)| compile(format!("/exclude/{i}"), g))
            .collect();
        let agency_files: Vec<Vec<glob::Pattern>> = config
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| {
                a.files
                    .iter()
                    .enumerate()
                    .filter_map(|(j, g)| compile(format!("/agencies/{i}/files/{j}"), g))
                    .collect()
            })
            .collect();
        let mut waivers = Vec::new();
        let mut reasons = Vec::new();
        for (i, w) in config.waivers.iter().enumerate() {
            let pattern = compile(format!("/waivers/{i}/file"), &w.file);
            if w.reason.trim().is_empty() {
                reasons.push(at(
                    &format!("/waivers/{i}/reason"),
                    "豁免必须写明理由（reason 不能为空）".into(),
                ));
            }
            // The entry's first line locates it (an `unused-waiver` finding points there).
            let pos = index
                .lookup(&format!("/waivers/{i}"))
                .map(|p| p.value)
                .unwrap_or((0, 1));
            let pos = (
                pos.0,
                text[pos.0.min(text.len())..]
                    .find('\n')
                    .map(|n| pos.0 + n)
                    .unwrap_or(pos.1)
                    .min(pos.1)
                    .max(pos.0 + 1),
            );
            if let Some(pattern) = pattern {
                waivers.push(waiver::Compiled::new(
                    w,
                    pattern,
                    problem_at(&text, pos.0, pos.1 - pos.0, String::new()),
                ));
            }
        }
        problems.extend(reasons);
        if !problems.is_empty() {
            return Err(ConfigError::new(&display, &text, problems));
        }
        Ok(Loaded {
            display,
            dir,
            text,
            config,
            index,
            include,
            exclude,
            waivers,
            agency_files,
        })
    }

    /// The agency a report is filed under by `agencies:`: the entry whose `files`
    /// match the file, else the one whose name or aliases equal the name the report
    /// gives (both normalized). `None` when no entry applies.
    pub fn agency_for(&self, file: &Path, read: Option<&str>) -> Option<String> {
        let agencies = &self.config.agencies;
        if let Some(rel) = self.relative(file) {
            for (a, globs) in agencies.iter().zip(&self.agency_files) {
                if globs.iter().any(|g| g.matches_with(&rel, MATCH)) {
                    return Some(a.name.clone());
                }
            }
        }
        let read = crate::years::agency::Name::parse(read?)?;
        agencies
            .iter()
            .find(|a| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .filter_map(|n| crate::years::agency::Name::parse(n))
                    .any(|n| n == read)
            })
            .map(|a| a.name.clone())
    }

    /// Rule ids named in the configuration must exist: a typo would silently do nothing.
    pub fn check_rule_ids(&self, rs: &RuleSet) -> Result<(), Box<ConfigError>> {
        let known = |id: &str| {
            id == crate::render::UNUSED_WAIVER || rs.rules.iter().any(|r| r.spec.id == id)
        };
        let mut problems = Vec::new();
        let mut check = |ptr: String, id: &str, key_span: bool| {
            if known(id) {
                return;
            }
            let pos = self.index.lookup(&ptr);
            let span = pos
                .and_then(|p| if key_span { p.key } else { None })
                .or(pos.map(|p| p.value))
                .unwrap_or((0, 1));
            problems.push(problem_at(
                &self.text,
                span.0,
                span.1 - span.0,
                format!("未知的规则 id「{id}」：用 gongkai rules list 查看全部规则"),
            ));
        };
        {
            let r = &self.config.rules;
            for (i, id) in r.enable.iter().enumerate() {
                check(format!("/rules/enable/{i}"), id, false);
            }
            for (i, id) in r.disable.iter().enumerate() {
                check(format!("/rules/disable/{i}"), id, false);
            }
            for id in r.severity.keys() {
                check(
                    format!(
                        "/rules/severity/{}",
                        id.replace('~', "~0").replace('/', "~1")
                    ),
                    id,
                    true,
                );
            }
        }
        for (i, w) in self.config.waivers.iter().enumerate() {
            check(format!("/waivers/{i}/rule"), &w.rule, false);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ConfigError::new(&self.display, &self.text, problems))
        }
    }

    /// Rule directories, resolved against the configuration's directory.
    pub fn rule_dirs(&self) -> Vec<PathBuf> {
        self.config
            .rule_dirs
            .iter()
            .map(|d| self.dir.join(d))
            .collect()
    }

    /// Path of a file relative to the configuration's directory, with `/`
    /// (`None` when the file is outside it).
    pub fn relative(&self, file: &Path) -> Option<String> {
        let abs = std::path::absolute(file).ok()?;
        let rel = abs.strip_prefix(&self.dir).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// Is a file found while walking a directory to be checked (include/exclude)?
    pub fn selects(&self, file: &Path) -> bool {
        let Some(rel) = self.relative(file) else {
            return true;
        };
        // A pattern matches the file or one of its directories (`旧稿` excludes `旧稿/a.txt`).
        let hits = |patterns: &[glob::Pattern]| {
            let mut prefix = rel.as_str();
            loop {
                if patterns.iter().any(|p| p.matches_with(prefix, MATCH)) {
                    return true;
                }
                match prefix.rfind('/') {
                    Some(i) => prefix = &prefix[..i],
                    None => return false,
                }
            }
        };
        if !self.include.is_empty() && !self.include.iter().any(|p| p.matches_with(&rel, MATCH)) {
            return false;
        }
        !hits(&self.exclude)
    }

    /// Settings for the rules, with command-line values winning.
    pub fn settings(&self, cli_year: Option<i32>) -> crate::rules::Settings {
        let d = self.config.deadline.clone();
        crate::rules::Settings {
            year: cli_year.or(self.config.year),
            level: self.config.level.map(Level::agency_level),
            deadlines: LocalDeadlines {
                government: d.government,
                department: d.department,
                township: d.township,
            },
        }
    }

    /// Remove disabled rules (and all but the enabled ones, when `enable` is given).
    pub fn select_rules(&self, rs: &mut RuleSet) {
        let r = &self.config.rules;
        rs.rules.retain(|rule| {
            (r.enable.is_empty() || r.enable.contains(&rule.spec.id))
                && !r.disable.contains(&rule.spec.id)
        });
    }

    /// The severity a finding of a rule gets under this configuration.
    pub fn severity_of(&self, rule: &str) -> Option<Severity> {
        self.config.rules.severity.get(rule).copied()
    }

    /// Is `unused-waiver` (or another meta-rule) switched off? Only `disable` does
    /// that: `enable` selects the rules run on drafts.
    pub fn disabled(&self, rule: &str) -> bool {
        self.config.rules.disable.iter().any(|d| d == rule)
    }
}

fn valid_day(m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The configuration file for a directory: the nearest `gongkai.yaml` in it or above.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let mut dir = Some(abs.as_path());
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Loaded, Box<ConfigError>> {
        Loaded::parse("gongkai.yaml".into(), PathBuf::from("/base"), text.into())
    }

    #[test]
    fn unknown_key_is_located() {
        let e = parse("year: 2024\nwaivers: []\nlevle: department\n").unwrap_err();
        assert_eq!((e.problems[0].line, e.problems[0].column), (3, 1));
        assert!(
            e.problems[0].message.contains("levle"),
            "{}",
            e.problems[0].message
        );
    }

    #[test]
    fn deadlines_must_be_stricter() {
        assert!(parse("deadline:\n  department: \"01-26\"\n").is_ok());
        let e = parse("deadline:\n  department: \"02-10\"\n  government: \"02-30\"\n").unwrap_err();
        assert_eq!(e.problems.len(), 2);
        assert!(e
            .problems
            .iter()
            .any(|p| p.line == 2 && p.message.contains("晚于法定期限")));
        assert!(e
            .problems
            .iter()
            .any(|p| p.line == 3 && p.message.contains("不是有效的日期")));
    }

    #[test]
    fn waiver_needs_a_reason() {
        let e = parse("waivers:\n  - rule: missing-contact-block\n    file: a.txt\n").unwrap_err();
        assert!(
            e.problems[0].message.contains("reason"),
            "{}",
            e.problems[0].message
        );
        let e = parse(
            "waivers:\n  - rule: missing-contact-block\n    file: a.txt\n    reason: \"  \"\n",
        )
        .unwrap_err();
        assert_eq!(e.problems[0].line, 4);
    }

    #[test]
    fn level_typo_lists_the_values() {
        let e = parse("level: departmnet\n").unwrap_err();
        assert!(
            e.problems[0].message.contains("department"),
            "{}",
            e.problems[0].message
        );
    }

    #[test]
    fn profile_accepts_numbers() {
        assert_eq!(
            parse("profile: 2021\n")
                .unwrap()
                .config
                .profile
                .unwrap()
                .name(),
            "2021"
        );
        assert!(parse("profile: 2020\n").is_err());
    }

    #[test]
    fn include_and_exclude() {
        let c = parse("include: [\"**/*.txt\"]\nexclude: [\"旧稿\", \"**/草稿*\"]\n").unwrap();
        assert!(c.selects(Path::new("/base/2024/a.txt")));
        assert!(!c.selects(Path::new("/base/旧稿/a.txt")));
        assert!(!c.selects(Path::new("/base/2024/草稿1.txt")));
        assert!(!c.selects(Path::new("/base/a.md")));
        assert!(c.selects(Path::new("/elsewhere/a.md")));
    }

    #[test]
    fn agencies_by_file_and_by_name() {
        let c = parse(
            "agencies:\n  - name: 平潭综合实验区管委会\n    aliases: [平潭县人民政府]\n    files: [\"平潭/*.txt\"]\n",
        )
        .unwrap();
        let named = |f: &str, read: Option<&str>| c.agency_for(Path::new(f), read);
        assert_eq!(
            named("/base/平潭/2018.txt", None).as_deref(),
            Some("平潭综合实验区管委会")
        );
        assert_eq!(
            named("/base/其他/a.txt", Some("平潭县 政府")).as_deref(),
            Some("平潭综合实验区管委会")
        );
        assert_eq!(named("/base/其他/a.txt", Some("淮安市人民政府")), None);
        assert!(parse("agencies:\n  - name: 某局\n    files: [\"[\"]\n").is_err());
    }

    #[test]
    fn settings_carry_level_and_deadlines() {
        let c =
            parse("level: department\nyear: 2023\ndeadline: {department: \"01-26\"}\n").unwrap();
        let s = c.settings(None);
        assert_eq!(s.year, Some(2023));
        assert_eq!(s.level, Some(crate::facts::AgencyLevel::Department));
        assert_eq!(
            s.local_deadline(crate::facts::AgencyLevel::Department, "01-31"),
            Some("01-26")
        );
        assert_eq!(
            s.local_deadline(crate::facts::AgencyLevel::Department, "01-20"),
            None
        );
        assert_eq!(
            s.local_deadline(crate::facts::AgencyLevel::Government, "03-31"),
            None
        );
        assert_eq!(c.settings(Some(2024)).year, Some(2024));
    }
}
