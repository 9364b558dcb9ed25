//! Render stage: the only place that knows output formats.
//!
//! Every renderer takes the sorted reports of a run and returns a string; none
//! of them reads files or the environment (the GitHub step summary is returned
//! as text and written by the caller).

pub mod checkstyle;
pub mod concise;
pub mod escape;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;
pub mod summary;
pub mod trend;
mod xml;

use crate::cli::Format;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{Category, Severity};
use crate::rules::RuleSet;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Rule id of the finding "this waiver matched nothing" (reported at the configuration file).
pub const UNUSED_WAIVER: &str = "unused-waiver";
/// Check name used by formats that need one for a file that could not be read.
pub const LOAD_ERROR: &str = "load-error";

/// The result of checking one input.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FileReport {
    pub path: String,
    pub profile: Option<String>,
    pub report: ReportMeta,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be checked.
    pub error: Option<String>,
    /// Findings waived by a configuration file, each with its reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<Suppressed>,
    #[serde(skip)]
    pub text: Option<Arc<str>>,
    /// Ids of the rules run on this file (JUnit has one test case per rule).
    #[serde(skip)]
    pub rules: Arc<[String]>,
    /// This entry is a configuration file (its unused waivers), not a draft.
    #[serde(skip)]
    pub is_config: bool,
    /// What the checks across years need of this report (None: not a report).
    #[serde(skip)]
    pub snapshot: Option<Arc<crate::years::Snapshot>>,
}

impl FileReport {
    /// Add findings (those across years), keeping the order and dropping duplicates.
    pub fn add_findings(&mut self, diags: Vec<Diagnostic>) {
        self.diagnostics.extend(diags);
        self.diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.diagnostics.dedup();
    }

    /// A file that could not be loaded.
    pub fn failed(path: String, error: String) -> FileReport {
        FileReport {
            path,
            error: Some(error),
            ..Default::default()
        }
    }

    /// Is this a draft that was actually checked?
    pub fn checked(&self) -> bool {
        !self.is_config && self.error.is_none()
    }

    /// Active and suppressed findings together, in document order.
    pub fn all_findings(&self) -> Vec<(&Diagnostic, Option<&Suppressed>)> {
        let mut all: Vec<(&Diagnostic, Option<&Suppressed>)> =
            self.diagnostics.iter().map(|d| (d, None)).collect();
        all.extend(self.suppressed.iter().map(|s| (&s.diagnostic, Some(s))));
        all.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
        all
    }
}

/// A waived finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// The waiver's mandatory justification.
    pub reason: String,
    pub waiver: WaiverRef,
}

/// Where the waiver that suppressed a finding is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaiverRef {
    /// The configuration file.
    pub config: String,
    /// 1-based line of the waiver entry in it.
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approver: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportMeta {
    pub year: Option<i32>,
    pub agency: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Drafts in the run (configuration files excluded).
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub suppressed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    pub fn of(files: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: files.iter().filter(|f| !f.is_config).count(),
            ..Default::default()
        };
        for f in files {
            for d in &f.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
            s.suppressed += f.suppressed.len();
        }
        s
    }

    /// Drafts that could not be loaded.
    pub fn failed(files: &[FileReport]) -> usize {
        files.iter().filter(|f| f.error.is_some()).count()
    }
}

/// What a rule is, for formats that describe rules (SARIF, HTML, statistics).
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// The message template (`{name}` placeholders left in).
    pub message: String,
    pub help: String,
    pub basis: String,
    pub description: Option<String>,
}

impl RuleInfo {
    /// The message template without its placeholders, as a short description.
    pub fn short(&self) -> String {
        let mut out = String::new();
        let mut depth = 0;
        for c in self.message.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        out.push('…');
                    }
                }
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    }

    fn unused_waiver() -> RuleInfo {
        RuleInfo {
            id: UNUSED_WAIVER.into(),
            category: Category::Format,
            severity: Severity::Warning,
            message: "豁免没有匹配任何问题：{waiver}".into(),
            help: "删除这条豁免，或修正它的 rule、file、line、location，使其只匹配要豁免的问题".into(),
            basis: "gongkai 配置：每条豁免都须说明理由并确有所豁免".into(),
            description: Some("配置文件 gongkai.yaml 中的豁免（waivers）在本次检查中没有匹配任何问题：问题已修正或豁免写错了。".into()),
        }
    }
}

/// Run-wide facts renderers need besides the reports.
#[derive(Debug, Clone)]
pub struct Context {
    /// Every rule that may appear, sorted by id, one entry per id.
    pub rules: Vec<RuleInfo>,
    /// Findings at or above this severity fail the run (`None` = `--fail-on never`).
    pub fail_on: Option<Severity>,
    /// Terminal colour for the human format.
    pub color: bool,
    pub width: usize,
    /// Year-over-year figures per agency (batches with paired reports).
    pub trends: Vec<crate::years::trend::AgencyTrend>,
}

impl Context {
    pub fn new(sets: &[&RuleSet], fail_on: Option<Severity>) -> Context {
        let mut by_id: std::collections::BTreeMap<String, RuleInfo> =
            std::collections::BTreeMap::new();
        for rs in sets {
            // The newest format's wording wins when packs share an id.
            let mut rules: Vec<_> = rs.rules.iter().collect();
            rules.sort_by_key(|r| std::cmp::Reverse(profile_rank(&r.profile)));
            for r in rules {
                let s = &r.spec;
                by_id.entry(s.id.clone()).or_insert_with(|| RuleInfo {
                    id: s.id.clone(),
                    category: s.category,
                    severity: s.severity,
                    message: s.message.clone(),
                    help: s.help.clone(),
                    basis: s.basis.clone(),
                    description: s.description.clone(),
                });
            }
        }
        by_id
            .entry(UNUSED_WAIVER.into())
            .or_insert_with(RuleInfo::unused_waiver);
        Context {
            rules: by_id.into_values().collect(),
            fail_on,
            color: false,
            width: 100,
            trends: Vec::new(),
        }
    }

    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        self.rules
            .binary_search_by(|r| r.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.rules[i])
    }

    /// Does a finding of this severity fail the run?
    pub fn fails(&self, s: Severity) -> bool {
        self.fail_on.is_some_and(|t| s >= t)
    }
}

fn profile_rank(p: &str) -> usize {
    match p {
        "2021" => 3,
        "2019-trial" => 2,
        "pre-2019" => 1,
        _ => 0,
    }
}

/// Render the reports in one format.
/// Render into a writer: what [`render`] returns, byte for byte.
pub fn write(
    format: Format,
    files: &[FileReport],
    ctx: &Context,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(files, w),
        _ => w.write_all(render(format, files, ctx).as_bytes()),
    }
}

pub fn render(format: Format, files: &[FileReport], ctx: &Context) -> String {
    // JSON, JSON Lines and SARIF keep the exact text; every other format escapes it.
    let escaped;
    let files = if matches!(format, Format::Json | Format::JsonLines | Format::Sarif) {
        files
    } else {
        escaped = escape::reports(files);
        &escaped[..]
    };
    match format {
        Format::Human => human::render(
            files,
            &human::Style {
                color: ctx.color,
                width: ctx.width,
            },
        ),
        Format::Concise => concise::render(files),
        Format::Json => json::render(files),
        Format::JsonLines => jsonl::render(files),
        Format::Sarif => sarif::render(files, ctx),
        Format::Junit => junit::render(files, ctx),
        Format::Github => github::render(files),
        Format::Gitlab => gitlab::render(files),
        Format::Checkstyle => checkstyle::render(files),
    }
}

/// A path with `/` separators and no leading `./`, as machine formats want it.
/// Off Windows, a `\` that starts an escape of a non-UTF-8 byte or a control
/// character in a name (`\xB1`, `\n`, `\u{202E}`, see [`escape`]) stays.
pub fn slash_path(path: &str) -> String {
    let p = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        separators(path)
    };
    let mut s = p.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

/// `\` as a separator, except where it starts an escape written by gongkai.
fn separators(path: &str) -> String {
    let b = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut last = 0;
    for (i, _) in path.match_indices('\\') {
        let rest = &b[i + 1..];
        let escape = matches!(rest.first(), Some(b'n' | b'r' | b't'))
            || rest.starts_with(b"u{")
            || (rest.first() == Some(&b'x')
                && rest.len() >= 3
                && rest[1..3].iter().all(u8::is_ascii_hexdigit));
        out.push_str(&path[last..i]);
        out.push(if escape { '\\' } else { '/' });
        last = i + 1;
    }
    out.push_str(&path[last..]);
    out
}

/// The quoted text of a finding, clamped to character boundaries.
pub fn quoted<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
    let mut s = d.offset.min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (d.offset + d.length).min(text.len()).max(s);
    while !text.is_char_boundary(e) {
        e += 1;
    }
    &text[s..e]
}

/// End of a finding: 1-based line and column (characters) just past its last character.
pub fn end_line_col(text: &str, d: &Diagnostic) -> (usize, usize) {
    let q = quoted(text, d);
    match q.rfind('\n') {
        Some(i) => (
            d.line + q.matches('\n').count(),
            q[i + 1..].chars().count() + 1,
        ),
        None => (d.line, d.column + q.chars().count()),
    }
}

/// A stable 64-bit FNV-1a hash, hex-encoded: fingerprints must not change between
/// runs, platforms or Rust versions.
pub fn stable_hash(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Fingerprints of a file's findings (active and suppressed, in `all_findings` order).
/// They depend on the path, the rule, the quoted text (or message) and the occurrence
/// of that triple, not on line numbers, so an edit above a finding keeps its identity.
pub fn fingerprints(f: &FileReport) -> Vec<String> {
    let path = slash_path(&f.path);
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    f.all_findings()
        .into_iter()
        .map(|(d, _)| {
            let what = match f.text.as_deref() {
                Some(t) if d.length > 0 => quoted(t, d).to_string(),
                _ => d.message.clone(),
            };
            let n = seen.entry((d.rule.clone(), what.clone())).or_insert(0);
            *n += 1;
            stable_hash(&[&path, &d.rule, &what, &n.to_string()])
        })
        .collect()
}

/// Severity as an English keyword (machine formats).
pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn streamed_json_is_the_rendered_json() {
        let mut r = FileReport {
            path: "a.txt".into(),
            ..Default::default()
        };
        r.diagnostics = vec![diag("联系", "联系", "x", Severity::Warning)];
        let files = [r, FileReport::failed("b.txt".into(), "坏".into())];
        let ctx = Context::new(&[], None);
        let mut streamed = Vec::new();
        write(Format::Json, &files, &ctx, &mut streamed).unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            render(Format::Json, &files, &ctx)
        );
    }

    /// A diagnostic at the first occurrence of `quote` in `text`.
    pub fn diag(text: &str, quote: &str, rule: &str, severity: Severity) -> Diagnostic {
        let offset = text.find(quote).unwrap_or(0);
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map(|i| i + 1).unwrap_or(0)..]
            .chars()
            .count()
            + 1;
        Diagnostic {
            rule: rule.into(),
            category: Category::Contact,
            severity,
            message: format!("问题：{quote}"),
            help: "请修改".into(),
            offset,
            length: quote.len(),
            line,
            column,
            section: None,
            location: None,
            expected: None,
            actual: None,
        }
    }

    #[test]
    fn end_positions_count_characters() {
        let text = "标题\n联系电话：abc\n";
        let d = diag(text, "联系电话", "r", Severity::Error);
        assert_eq!((d.line, d.column), (2, 1));
        assert_eq!(end_line_col(text, &d), (2, 5));
        let d = diag(text, "题\n联", "r", Severity::Error);
        assert_eq!(end_line_col(text, &d), (2, 2));
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(stable_hash(&["a", "b"]), stable_hash(&["a", "b"]));
        assert_ne!(stable_hash(&["ab", ""]), stable_hash(&["a", "b"]));
        assert_eq!(stable_hash(&[]), "cbf29ce484222325");
    }

    #[test]
    fn short_description_drops_placeholders() {
        let mut r = RuleInfo::unused_waiver();
        r.message = "缺少{items}等联系方式".into();
        assert_eq!(r.short(), "缺少…等联系方式");
    }

    /// A report whose text, messages and path contain everything markup fears.
    pub fn nasty() -> (Vec<FileReport>, Context) {
        let text = "标题 <a href=\"x\">&amp;</a>\n第二行\u{1}\u{FFFE}]]>'\"\t表\t格\n";
        let mut d1 = diag(text, "<a href", "r-one", Severity::Error);
        d1.message = "消息 <b>&\"'\u{0}\u{1b}[31m ]]> 😀".into();
        d1.location = Some("表1 第2行 第3列 <x>".into());
        d1.expected = Some("<1>".into());
        d1.actual = Some("&2".into());
        let d2 = diag(text, "]]>", "r-two", Severity::Warning);
        let d3 = diag(text, "格", "r-two", Severity::Info);
        let file = FileReport {
            path: "目录 <&>/\"报告\".txt".into(),
            profile: Some("2021".into()),
            report: ReportMeta {
                year: Some(2024),
                agency: Some("某局<&>".into()),
            },
            diagnostics: vec![d1, d2.clone()],
            suppressed: vec![Suppressed {
                diagnostic: d3,
                reason: "理由 <&> ]]>".into(),
                waiver: WaiverRef {
                    config: "gongkai.yaml".into(),
                    line: 3,
                    approver: None,
                },
            }],
            text: Some(Arc::from(text)),
            rules: Arc::from(vec!["r-one".to_string(), "r-three".to_string()]),
            is_config: false,
            error: None,
            snapshot: None,
        };
        let failed = FileReport::failed("坏<文件>.txt".into(), "无法读取 <&> \u{7}".into());
        (vec![file, failed], Context::new(&[], Some(Severity::Error)))
    }

    /// Strict well-formedness: quick-xml with end-name checks, every entity known.
    fn well_formed(xml: &str) -> usize {
        use quick_xml::events::Event;
        let mut r = quick_xml::Reader::from_str(xml);
        r.config_mut().check_end_names = true;
        let mut elements = 0;
        loop {
            match r.read_event() {
                Ok(Event::Eof) => return elements,
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    elements += 1;
                    for a in e.attributes() {
                        a.expect("attribute")
                            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .expect("attribute value");
                    }
                }
                Ok(Event::GeneralRef(g)) => {
                    let name: &str = g.as_ref();
                    assert!(
                        ["amp", "lt", "gt", "quot", "apos"].contains(&name) || g.is_char_ref(),
                        "&{name};"
                    );
                }
                Ok(_) => {}
                Err(e) => panic!("{e} at {}: {xml}", r.error_position()),
            }
        }
    }

    #[test]
    fn xml_formats_survive_hostile_text() {
        let (files, ctx) = nasty();
        assert!(well_formed(&junit::render(&files, &ctx)) > 5);
        assert!(well_formed(&checkstyle::render(&files)) > 3);
        assert!(well_formed(&html::render(&files, &ctx)) > 20);
        for xml in [
            junit::render(&files, &ctx),
            checkstyle::render(&files),
            html::render(&files, &ctx),
        ] {
            assert!(!xml.contains('\u{1}') && !xml.contains('\u{0}') && !xml.contains('\u{FFFE}'));
        }
    }

    #[test]
    fn json_formats_survive_hostile_text() {
        let (files, ctx) = nasty();
        for s in [
            json::render(&files),
            sarif::render(&files, &ctx),
            gitlab::render(&files),
        ] {
            serde_json::from_str::<serde_json::Value>(&s).expect("valid JSON");
        }
        for line in jsonl::render(&files).lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("valid JSON line");
        }
        let gh = github::render(&files);
        assert_eq!(
            gh.lines().count(),
            3,
            "one command per finding, newlines escaped: {gh}"
        );
        assert_eq!(concise::render(&files).lines().count(), 3);
    }

    #[test]
    fn slash_paths() {
        assert_eq!(slash_path(r".\报告\a.txt"), "报告/a.txt");
        assert_eq!(slash_path("././a.txt"), "a.txt");
        #[cfg(not(windows))]
        assert_eq!(slash_path(r"报告\xB1\a\n.txt"), r"报告\xB1/a\n.txt");
    }
}
