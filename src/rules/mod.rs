//! Rule packs: loading (embedded and from `--rules DIR`), profile selection and
//! evaluation. Domain knowledge lives in the YAML; the mechanisms live in `kind/`.

mod bounds;
pub mod group;
pub mod kind;
pub mod load;
mod needs;
/// For measuring (`examples/word_index`); the embedded packs' lists are worked out by
/// `build.rs`.
pub use needs::needed_literals;
pub mod pattern;
pub mod position;
mod regex_keys;
pub mod spec;

use crate::diagnostic::Diagnostic;
use crate::document::table::{self, RecoveredTable};
use crate::document::Document;
use load::{problem_at, FileKind, RuleFileError};
use pattern::{Pattern, Re, Slot};
use regex::Regex;
use regex_automata::util::prefilter::Prefilter;
use spec::{Check, PackSpec, RuleSpec, Severity};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, OnceLock};

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// Report formats, one rule pack each.
pub const PROFILES: [&str; 3] = ["pre-2019", "2019-trial", "2021"];

/// A loaded rule with where it came from.
#[derive(Debug, Clone)]
pub struct Rule {
    pub spec: RuleSpec,
    pub profile: String,
    pub origin: String,
}

#[derive(Debug, Clone)]
pub struct Pack {
    pub spec: PackSpec,
    pub origin: String,
}

/// All loaded packs and rules with their patterns.
#[derive(Debug, Default, Clone)]
pub struct RuleSet {
    pub packs: Vec<Pack>,
    pub rules: Vec<Rule>,
    /// Patterns by source. Those of files read from disk are compiled when loaded (to
    /// report a bad regex at its line); the built-in ones on first use, since start-up
    /// time matters and a test proves they all compile. Clones share compiled patterns.
    regexes: HashMap<String, Arc<Slot>, FastHash>,
    /// Sorted rule ids per profile, shared by every report of a batch.
    ids: ProfileCache<Arc<[String]>>,
    /// What table patterns need to match ([`table::Needs`]), by pattern.
    needs: NeedsCache,
    /// Patterns searched together ([`group::Group`]), by their list.
    groups: GroupCache,
    /// The section keys a part title binds to, per profile and title.
    titles: TitleCache,
    /// The whole-report statement patterns of a profile, searched as one group.
    plans: ProfileCache<Arc<BodyPlan>>,
    /// The places where a profile's prose patterns can match ([`ProsePlan`]).
    prose_plans: ProfileCache<Arc<ProsePlan>>,
    /// What the pattern-compiling thread is told of the first draft.
    warm: Arc<Warm>,
}

/// The first draft of a run, as the thread compiling patterns ahead learns it: the
/// patterns that draft can match are compiled first.
#[derive(Debug, Default)]
struct Warm {
    first: OnceLock<(Box<str>, String)>,
    thread: OnceLock<std::thread::Thread>,
    /// The thread is still compiling.
    busy: std::sync::atomic::AtomicBool,
    /// Set (under its lock) when the thread has compiled every pattern, for
    /// [`RuleSet::wait_for_patterns`].
    done: std::sync::Mutex<bool>,
    finished: std::sync::Condvar,
    /// The caller waits for every pattern before its first draft: no draft is coming.
    waited: std::sync::atomic::AtomicBool,
}

impl Warm {
    /// The thread has compiled everything (or never started): wake whoever waits.
    fn finish(&self) {
        let done = self.done.lock();
        self.busy.store(false, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut done) = done {
            *done = true;
        }
        self.finished.notify_all();
    }
}

/// Patterns are looked up by their text thousands of times per draft: a multiply-rotate
/// hash over 8-byte words instead of SipHash (the keys are the rule authors' own
/// patterns, not attacker-chosen, so flooding resistance buys nothing here).
#[derive(Debug, Default, Clone, Copy)]
struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = WordHasher;
    fn build_hasher(&self) -> WordHasher {
        WordHasher(0)
    }
}

struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Values by profile (the rule ids, the [`BodyPlan`], the [`ProsePlan`]), filled on first
/// use; a clone starts empty, since its rules may then be changed (a configuration selects
/// rules on its own copy).
#[derive(Debug)]
struct ProfileCache<T>(std::sync::Mutex<HashMap<String, T>>);

impl<T> Default for ProfileCache<T> {
    fn default() -> Self {
        ProfileCache(std::sync::Mutex::new(HashMap::new()))
    }
}

impl<T> Clone for ProfileCache<T> {
    fn clone(&self) -> Self {
        ProfileCache::default()
    }
}

impl<T: Clone> ProfileCache<T> {
    /// The value of `profile`, built by `build` on first use (and every time, should the
    /// lock be poisoned).
    fn get_or_build(&self, profile: &str, build: impl FnOnce() -> T) -> T {
        let Ok(mut cache) = self.0.lock() else {
            return build();
        };
        cache
            .entry(profile.to_string())
            .or_insert_with(build)
            .clone()
    }
}

/// Filled on first use; a pure function of each pattern's text.
#[derive(Debug, Default)]
struct NeedsCache(std::sync::Mutex<HashMap<String, Arc<table::Needs>, FastHash>>);

impl Clone for NeedsCache {
    fn clone(&self) -> Self {
        NeedsCache::default()
    }
}

/// The section keys a part title binds to ([`Ctx::bindings`]), by profile and title: a
/// pure function of the pack's section patterns and the title. Titles repeat from draft
/// to draft (`二、主动公开政府信息情况`), and matching each against every section's
/// patterns, looked up by their text, was about 3 % of a seed draft's instructions
/// (BENCHMARKS.md «Stop 21»). Filled on first use; a clone starts empty, since its packs
/// may then be changed. At most [`TITLE_CACHE_MAX`] titles a profile are kept.
#[derive(Debug, Default)]
struct TitleCache(std::sync::Mutex<TitleMap>);

/// Section keys by title, by profile.
type TitleMap = HashMap<String, HashMap<String, Arc<[String]>, FastHash>>;

impl Clone for TitleCache {
    fn clone(&self) -> Self {
        TitleCache::default()
    }
}

/// The most titles a profile's [`TitleCache`] keeps (a batch of drafts has a few dozen
/// distinct ones; crawled pages may have more).
const TITLE_CACHE_MAX: usize = 4096;

/// Filled on first use (or by the thread that compiles ahead); a pure function of each
/// list of patterns, so clones share it.
#[derive(Debug, Default, Clone)]
struct GroupCache(Arc<std::sync::Mutex<GroupMap>>);

type GroupMap = HashMap<Vec<String>, Arc<Option<group::Group>>, FastHash>;

impl GroupCache {
    fn get(&self, patterns: &[String]) -> Arc<Option<group::Group>> {
        let Ok(mut cache) = self.0.lock() else {
            return Arc::new(None);
        };
        if let Some(g) = cache.get(patterns) {
            return g.clone();
        }
        let g = Arc::new(group::Group::new(patterns));
        cache.insert(patterns.to_vec(), g.clone());
        g
    }
}

/// The patterns of every whole-report `statement` rule of a profile that forbids a phrase
/// (its own pack's and the common pack's), each once, in rule order: one region (the
/// body), one pass for all of them ([`Ctx::body_matching`]), instead of one pass (or
/// group) per rule.
#[derive(Debug)]
struct BodyPlan {
    patterns: Vec<String>,
    index: HashMap<String, usize, FastHash>,
}

/// The prose mention patterns of a profile, searched over the flat body (`repeated-count`
/// quantities, `zero-claim` counts): one literal pass per draft finds every place where a
/// match of any of them can start ([`pattern::Starts`]), instead of one pass of each
/// pattern's own prefilter over the whole body. (`prose-table` statements were tried in
/// the same plan and cost more than they saved: BENCHMARKS.md «Stop 23 (helper)».)
#[derive(Debug)]
struct ProsePlan {
    /// For each pattern searched from the places (those with a finite prefix set): which
    /// of `literals` its matches start with (a bit per literal).
    masks: HashMap<String, ProseBits, FastHash>,
    /// Every such pattern's prefixes, each once (their bits are their order, longest first).
    literals: HashMap<Vec<u8>, PlaceLiteral, FastHash>,
    /// All of `literals`, at most [`PROSE_MAX_PASS`] to a search (Teddy): one search, or
    /// two when there are more; empty when they cannot be searched.
    searches: Vec<Prefilter>,
    /// The prose patterns left to their own search over the whole flat body whatever the
    /// draft, each with why (none of them silently: the test
    /// `no_pattern_of_a_grouped_search_is_searched_alone_unlisted` lists them).
    alone: Vec<(String, ProseAlone)>,
}

impl ProsePlan {
    /// The places of `b` where one of the plan's literals starts, ascending, one per
    /// offset, each with the bits of every literal starting there; `None` when the plan
    /// has no search.
    fn places(&self, b: &[u8]) -> Option<Places> {
        if self.searches.is_empty() {
            return None;
        }
        let mut out: Places = Vec::new();
        for pre in &self.searches {
            let mut at = 0;
            while let Some(sp) = pre.find(b, regex_automata::Span::from(at..b.len())) {
                // A span that is no literal (never, with a literal search) is a place for
                // every pattern: the anchored search decides.
                let bits = match self.literals.get(&b[sp.start..sp.end]) {
                    Some(l) => l
                        .longer
                        .iter()
                        .filter(|(x, _)| b[sp.start..].starts_with(x))
                        .fold(l.prefixes, |m, (_, bit)| m | bit),
                    None => ProseBits::MAX,
                };
                out.push((sp.start, bits));
                at = sp.start + 1;
            }
        }
        // Two searches: their places merged, ascending, one per offset.
        if self.searches.len() > 1 {
            out.sort_unstable_by_key(|(at, _)| *at);
            out.dedup_by(|(a, ba), (b, bb)| {
                if a == b {
                    *bb |= *ba;
                }
                a == b
            });
        }
        Some(out)
    }
}

/// Why a prose pattern is not in its profile's [`ProsePlan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProseAlone {
    /// Its matches begin with no finite set of literals (or it does not compile).
    NoPrefixes,
    /// More than [`PROSE_MAX_PREFIXES`] prefixes.
    ManyPrefixes,
    /// A prefix shorter than [`PROSE_MIN_PREFIX_BYTES`] (a digit, a separator).
    ShortPrefix,
    /// Its prefixes would make the plan's literals more than [`PROSE_MAX_ALL`].
    Capped,
    /// The literals cannot be searched together at all.
    NoSearch,
}

/// A set of a [`ProsePlan`]'s literals: literal `i` is bit `i`.
type ProseBits = u128;

/// The places of a draft's flat body where a [`ProsePlan`] literal starts, ascending, each
/// with the bits of the literals that start there.
type Places = Vec<(usize, ProseBits)>;

/// A literal of a [`ProsePlan`] found at a place: which literals start there too.
#[derive(Debug)]
struct PlaceLiteral {
    /// The bits of the literals it starts with (its own among them).
    prefixes: ProseBits,
    /// The longer literals that start with it, with their bits: each may start there too.
    longer: Vec<(Vec<u8>, ProseBits)>,
}

/// At most this many literals to a search of a [`ProsePlan`] (Teddy's limit), at most
/// this many in all (the bits of [`ProseBits`]: two searches). Past `PROSE_MAX_PASS` a
/// second search is made rather than the plan given up (BENCHMARKS.md «Stop 28 (second
/// helper)»).
const PROSE_MAX_PASS: usize = 64;
const PROSE_MAX_ALL: usize = 128;

/// At most this many prefixes, of at least this many bytes, for a pattern of a
/// [`ProsePlan`].
const PROSE_MAX_PREFIXES: usize = 10;
const PROSE_MIN_PREFIX_BYTES: usize = 4;

/// A pattern with more places than this in a draft is searched by its own pass there.
const PROSE_MAX_PLACES: usize = 8;

/// A YAML file to load: display path and text.
pub struct PackFile {
    pub path: String,
    pub text: String,
}

impl RuleSet {
    /// The built-in packs only.
    pub fn builtin() -> Result<Self, Box<RuleFileError>> {
        let mut rs = RuleSet::default();
        rs.add_embedded(embedded_parsed()?, true)?;
        Ok(rs)
    }

    /// The built-in packs without their rules' examples, for checking drafts: a check
    /// never reads the examples, and they are two thirds of the packs' text.
    pub fn builtin_to_check() -> Result<Self, Box<RuleFileError>> {
        let mut rs = RuleSet::default();
        rs.add_embedded(embedded_parsed()?, false)?;
        Ok(rs)
    }

    /// Read a directory of packs (`DIR/pack.yaml` or `DIR/*/pack.yaml` with rule files beside).
    pub fn read_dir(dir: &Path) -> Result<Vec<PackFile>, String> {
        let mut files = Vec::new();
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .max_depth(3)
            .sort_by_file_name();
        for entry in walker {
            let entry = entry.map_err(|e| format!("无法读取规则目录 {}：{e}", dir.display()))?;
            let p = entry.path();
            if entry.file_type().is_file()
                && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
            {
                let meta = std::fs::metadata(p).map_err(|e| format!("{}：{e}", p.display()))?;
                if meta.len() > 1024 * 1024 {
                    return Err(format!("规则文件过大（超过 1 MB）：{}", p.display()));
                }
                let text = std::fs::read_to_string(p)
                    .map_err(|e| format!("无法读取规则文件 {}：{e}", p.display()))?;
                files.push(PackFile {
                    path: p.to_string_lossy().into_owned(),
                    text,
                });
            }
        }
        if files.is_empty() {
            return Err(format!("规则目录中没有 YAML 文件：{}", dir.display()));
        }
        Ok(files)
    }

    /// Add packs: every `pack.yaml` first, then the rule files beside it.
    /// A rule with the id of an existing rule of the same profile replaces it.
    pub fn add_files(&mut self, files: Vec<PackFile>) -> Result<(), Box<RuleFileError>> {
        let dir_of = |p: &str| {
            Path::new(p)
                .parent()
                .map(|d| d.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let mut profiles: BTreeMap<String, String> = BTreeMap::new();
        for f in files
            .iter()
            .filter(|f| f.path.ends_with("pack.yaml") || f.path.ends_with("pack.yml"))
        {
            let (value, index) = load::parse_checked(&f.path, &f.text, FileKind::Pack)?;
            let value_copy = value.clone();
            let spec = load::typed_pack(&f.path, &f.text, value)?;
            let mut problems = Vec::new();
            if !(PROFILES.contains(&spec.profile.as_str()) || spec.profile == "common") {
                let span = index.lookup("/profile").map(|p| p.value).unwrap_or((0, 1));
                problems.push(problem_at(
                    &f.text,
                    span.0,
                    span.1 - span.0,
                    format!(
                        "未知的 profile「{}」：可选 pre-2019、2019-trial、2021、common",
                        spec.profile
                    ),
                ));
            }
            for (ptr, pat) in load::regex_fields(&value_copy) {
                if let Err(e) = self.compile(&pat) {
                    let span = index.lookup(&ptr).map(|p| p.value).unwrap_or((0, 1));
                    problems.push(problem_at(&f.text, span.0, span.1 - span.0, e));
                }
            }
            problems.extend(table_template_problems(&spec, &index, &f.text));
            if !problems.is_empty() {
                return Err(RuleFileError::new(&f.path, &f.text, problems));
            }
            profiles.insert(dir_of(&f.path), spec.profile.clone());
            self.merge_pack(Pack {
                spec,
                origin: f.path.clone(),
            });
        }
        let mut seen: HashMap<(String, String), String> = HashMap::new();
        for f in files
            .iter()
            .filter(|f| !(f.path.ends_with("pack.yaml") || f.path.ends_with("pack.yml")))
        {
            let Some(profile) = profiles.get(&dir_of(&f.path)).cloned() else {
                return Err(RuleFileError::new(
                    &f.path,
                    &f.text,
                    vec![problem_at(
                        &f.text,
                        0,
                        0,
                        "规则文件所在目录没有 pack.yaml，无法确定它属于哪个规则包".into(),
                    )],
                ));
            };
            let (value, index) = load::parse_checked(&f.path, &f.text, FileKind::Rule)?;
            let mut problems = Vec::new();
            for (ptr, pat) in load::regex_fields(&value) {
                if let Err(e) = self.compile(&pat) {
                    let span = index.lookup(&ptr).map(|p| p.value).unwrap_or((0, 1));
                    problems.push(problem_at(&f.text, span.0, span.1 - span.0, e));
                }
            }
            for (ptr, key) in load::section_refs(&value) {
                if !self.section_known(&profile, &key) {
                    let span = index.lookup(&ptr).map(|p| p.value).unwrap_or((0, 1));
                    problems.push(problem_at(
                        &f.text,
                        span.0,
                        span.1 - span.0,
                        format!("未知的部分「{key}」：规则包 {profile} 的 sections 中没有这个 key"),
                    ));
                }
            }
            for (ptr, msg) in self.table_ref_problems(&profile, &value) {
                let span = index.lookup(&ptr).map(|p| p.value).unwrap_or((0, 1));
                problems.push(problem_at(&f.text, span.0, span.1 - span.0, msg));
            }
            let id = value
                .get("id")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            if let Some(first) = seen.get(&(profile.clone(), id.clone())) {
                let span = index.lookup("/id").map(|p| p.value).unwrap_or((0, 1));
                problems.push(problem_at(
                    &f.text,
                    span.0,
                    span.1 - span.0,
                    format!("规则 id「{id}」重复（已在 {first} 中定义）"),
                ));
            }
            if !problems.is_empty() {
                return Err(RuleFileError::new(&f.path, &f.text, problems));
            }
            seen.insert((profile.clone(), id), f.path.clone());
            let spec = load::typed_rule(&f.path, &f.text, value)?;
            self.insert_rule(Rule {
                spec,
                profile: profile.clone(),
                origin: f.path.clone(),
            });
        }
        Ok(())
    }

    /// The embedded packs, already parsed: deserialized directly, without the schema and
    /// semantic checks of [`RuleSet::add_files`] (the test `embedded_packs_pass_every_check`
    /// runs them through those on every CI run). Same order: packs, then their rules.
    fn add_embedded(
        &mut self,
        files: Vec<EmbeddedFile>,
        examples: bool,
    ) -> Result<(), Box<RuleFileError>> {
        let is_pack = |f: &EmbeddedFile| f.file.path.ends_with("pack.yaml");
        let dir_of = |p: &str| {
            p.rsplit_once('/')
                .map(|(d, _)| d.to_string())
                .unwrap_or_default()
        };
        let (packs, rules): (Vec<_>, Vec<_>) = files.into_iter().partition(is_pack);
        let mut profiles: HashMap<String, String> = HashMap::new();
        for e in packs {
            let spec: PackSpec = e.typed("规则包内容无法解析")?;
            for (i, pat) in e.patterns.iter().enumerate() {
                self.register(pat, e.needs.get(i).copied().flatten(), &spec.profile);
            }
            profiles.insert(dir_of(&e.file.path), spec.profile.clone());
            self.merge_pack(Pack {
                spec,
                origin: e.file.path,
            });
        }
        for e in rules {
            let profile = profiles
                .get(&dir_of(&e.file.path))
                .cloned()
                .unwrap_or_default();
            for (i, pat) in e.patterns.iter().enumerate() {
                self.register(pat, e.needs.get(i).copied().flatten(), &profile);
            }
            let mut spec: RuleSpec = e.typed("规则内容无法解析")?;
            if examples && !e.examples.is_empty() {
                spec.examples = e.examples_typed()?;
            }
            self.insert_rule(Rule {
                spec,
                profile,
                origin: e.file.path,
            });
        }
        Ok(())
    }

    /// Add a rule, replacing one with the same id in the same profile.
    fn insert_rule(&mut self, rule: Rule) {
        match self
            .rules
            .iter_mut()
            .find(|r| r.profile == rule.profile && r.spec.id == rule.spec.id)
        {
            Some(existing) => *existing = rule,
            None => self.rules.push(rule),
        }
    }

    fn merge_pack(&mut self, pack: Pack) {
        match self
            .packs
            .iter_mut()
            .find(|p| p.spec.profile == pack.spec.profile)
        {
            Some(existing) => {
                for s in pack.spec.sections {
                    match existing.spec.sections.iter_mut().find(|e| e.key == s.key) {
                        Some(e) => *e = s,
                        None => existing.spec.sections.push(s),
                    }
                }
                // A province's table variant replaces the template of the same id, or adds one.
                for t in pack.spec.tables {
                    match existing.spec.tables.iter_mut().find(|e| e.id == t.id) {
                        Some(e) => *e = t,
                        None => existing.spec.tables.push(t),
                    }
                }
                if pack.spec.years.is_some() {
                    existing.spec.years = pack.spec.years;
                }
                if pack.spec.legacy.is_some() {
                    existing.spec.legacy = pack.spec.legacy;
                }
            }
            None => self.packs.push(pack),
        }
    }

    /// Table, row and column keys a rule names must exist in its profile's templates.
    fn table_ref_problems(
        &self,
        profile: &str,
        value: &serde_json::Value,
    ) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let Some((kind, params)) = value
            .get("check")
            .and_then(|c| c.as_object())
            .and_then(|o| o.iter().next())
        else {
            return out;
        };
        let Some(table) = params.get("table").and_then(|t| t.as_str()) else {
            return out;
        };
        let base = format!("/check/{kind}");
        let Some(tpl) = self
            .pack(profile)
            .and_then(|p| p.spec.tables.iter().find(|t| t.id == table))
        else {
            out.push((
                format!("{base}/table"),
                format!("未知的表格「{table}」：规则包 {profile} 的 tables 中没有这个 id"),
            ));
            return out;
        };
        let row = |k: &str| tpl.rows.iter().any(|r| r.key == k);
        let col = |k: &str| tpl.columns.iter().any(|c| c.key == k);
        let along_rows = params.get("along").and_then(|a| a.as_str()) != Some("columns");
        let strs = |key: &str| -> Vec<(usize, String)> {
            params
                .get(key)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .enumerate()
                        .filter_map(|(i, v)| Some((i, v.as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default()
        };
        // `previous-cells`: last year's keys are checked here too, unless they name
        // another table (`previous_table`, another format's template).
        let previous = if params.get("previous_table").is_some() {
            None
        } else {
            Some("previous")
        };
        for key in ["left", "right", "plus", "minus"]
            .into_iter()
            .chain(previous)
        {
            for (i, k) in strs(key) {
                if !(if along_rows { row(&k) } else { col(&k) }) {
                    out.push((
                        format!("{base}/{key}/{i}"),
                        format!(
                            "表格「{table}」没有{}「{k}」",
                            if along_rows { "行" } else { "列" }
                        ),
                    ));
                }
            }
        }
        for (i, k) in strs("over") {
            if !(if along_rows { col(&k) } else { row(&k) }) {
                out.push((
                    format!("{base}/over/{i}"),
                    format!(
                        "表格「{table}」没有{}「{k}」",
                        if along_rows { "列" } else { "行" }
                    ),
                ));
            }
        }
        let cell_ok = |c: &str| c.split_once('.').is_some_and(|(r, k)| row(r) && col(k));
        for (i, c) in strs("cells") {
            if !cell_ok(&c) {
                out.push((
                    format!("{base}/cells/{i}"),
                    format!("表格「{table}」没有单元格「{c}」（写作 行key.列key）"),
                ));
            }
        }
        for list in ["statements", "quantities"] {
            let Some(sts) = params.get(list).and_then(|v| v.as_array()) else {
                continue;
            };
            for (j, st) in sts.iter().enumerate() {
                if let Some(cells) = st.get("cells").and_then(|v| v.as_array()) {
                    for (i, c) in cells.iter().enumerate() {
                        let c = c.as_str().unwrap_or("");
                        if !cell_ok(c) {
                            out.push((
                                format!("{base}/{list}/{j}/cells/{i}"),
                                format!("表格「{table}」没有单元格「{c}」（写作 行key.列key）"),
                            ));
                        }
                    }
                }
            }
        }
        out
    }

    fn section_known(&self, profile: &str, key: &str) -> bool {
        let has = |p: &str| {
            self.packs
                .iter()
                .any(|pk| pk.spec.profile == p && pk.spec.sections.iter().any(|s| s.key == key))
        };
        if profile == "common" {
            PROFILES.iter().all(|p| has(p))
        } else {
            has(profile)
        }
    }

    /// Compile a pattern of a checked file now, so that an invalid one is reported.
    fn compile(&mut self, pattern: &str) -> Result<(), String> {
        if self.regexes.get(pattern).is_some_and(|c| c.is_compiled()) {
            return Ok(());
        }
        let re = Pattern::new(pattern).map_err(|e| {
            format!(
                "无效的正则表达式：{}",
                e.to_string().lines().last().unwrap_or("")
            )
        })?;
        self.regexes
            .insert(pattern.to_string(), Arc::new(Slot::compiled(pattern, re)));
        Ok(())
    }

    /// Record a pattern of an embedded file, compiled on first use, with the words every
    /// match needs when known.
    fn register(&mut self, pattern: &str, needs: Option<&'static [&'static str]>, profile: &str) {
        match self.regexes.get(pattern) {
            Some(slot) => slot.used_by(profile),
            None => {
                let slot = Slot::new(pattern, needs);
                slot.used_by(profile);
                self.regexes.insert(pattern.to_string(), Arc::new(slot));
            }
        }
    }

    /// Compile every pattern not compiled yet on another thread, while the caller goes
    /// on reading its first file: on a small run the patterns are most of the work, and
    /// a second core halves the wait. Whichever thread reaches a pattern first compiles
    /// it; the other waits for it (never compiled twice).
    ///
    /// The order (the code's own patterns come before, while the packs load:
    /// [`RuleSet::warm_code_patterns`]): first the patterns any draft may search (those
    /// without needed words), until the caller tells the first draft ([`RuleSet::first_draft`]); then those that
    /// draft can match (its profile's, with their words in its text); then the rest. Each
    /// group costliest first (a counted repetition of a large class, `[^。]{0,200}`, is
    /// thousands of automaton states), so that the caller, which compiles what it needs
    /// as it goes, rarely builds an expensive one itself.
    pub fn warm_in_background(&self) {
        let mut pending: Vec<Arc<Slot>> = self
            .regexes
            .values()
            .filter(|c| !c.is_compiled())
            .map(Arc::clone)
            .collect();
        if pending.is_empty() {
            return;
        }
        pending.sort_by_cached_key(|c| {
            (
                std::cmp::Reverse(compile_cost(c.src())),
                c.src().to_string(),
            )
        });
        // The lists a rule kind searches as one group ([`Ctx::matching`]: every
        // whole-report statement pattern of a profile, [`BodyPlan`]), with their profile.
        let lists: Vec<(Vec<String>, String)> = self
            .packs
            .iter()
            .map(|p| p.spec.profile.clone())
            .filter(|p| p != "common")
            .map(|p| (self.body_statement_patterns(&p), p))
            .filter(|(l, _)| l.len() >= MIN_GROUP)
            .collect();
        let groups = self.groups.clone();
        let warm = Arc::clone(&self.warm);
        self.warm
            .busy
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let job = move || {
            for c in pending.iter().filter(|c| !c.has_needs()) {
                if warm.first.get().is_some() {
                    break;
                }
                c.get();
            }
            let until = std::time::Instant::now() + WAIT_FOR_FIRST_DRAFT;
            while warm.first.get().is_none()
                && !warm.waited.load(std::sync::atomic::Ordering::Relaxed)
            {
                let now = std::time::Instant::now();
                if now >= until {
                    break;
                }
                std::thread::park_timeout(until - now);
            }
            if let Some((text, profile)) = warm.first.get() {
                for c in &pending {
                    if !c.is_compiled() && c.used_for(profile) && !c.lacks_needs(text) {
                        c.get();
                    }
                }
                for (list, of) in &lists {
                    if of == profile {
                        groups.get(list);
                    }
                }
            }
            for (list, _) in &lists {
                groups.get(list);
            }
            for c in &pending {
                c.get();
            }
            warm.finish();
        };
        // On the thread started early, when there is one; the job records the thread
        // that runs it, to be woken when the first draft is known.
        let warm_thread = Arc::clone(&self.warm);
        let job = move || {
            let _ = warm_thread.thread.set(std::thread::current());
            job();
        };
        let mut job: WarmJob = Box::new(job);
        if let Some(early) = EARLY.get().and_then(|m| m.lock().ok()) {
            match early.send(job) {
                Ok(()) => return,
                Err(back) => job = back.0,
            }
        }
        if std::thread::Builder::new()
            .name("gongkai-regex".into())
            .spawn(job)
            .is_err()
        {
            self.warm.finish();
        }
    }

    /// Block until the thread compiling ahead ([`RuleSet::warm_in_background`]) has
    /// compiled every pattern. Only for measuring: with the environment variable
    /// `GONGKAI_WAIT_FOR_PATTERNS` set, `check` waits here before its first draft, so that
    /// an instruction count of a run holds every compile once and no draft takes the
    /// paths meant for a run still starting (BENCHMARKS.md «Stop 27 (helper)»).
    pub fn wait_for_patterns(&self) {
        // The first draft will not be told before the patterns are compiled: the thread
        // need not wait for it.
        self.warm
            .waited
            .store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(thread) = self.warm.thread.get() {
            thread.unpark();
        }
        let Ok(mut done) = self.warm.done.lock() else {
            return;
        };
        while self.warming() && !*done {
            match self.warm.finished.wait(done) {
                Ok(d) => done = d,
                Err(_) => return,
            }
        }
    }

    /// Start the thread that compiles patterns ahead, now, with the patterns of the code
    /// itself that every draft uses (the facts', then the rule kinds'): they need no rule
    /// set, so a run compiles them while its rule
    /// packs load. [`RuleSet::warm_in_background`] then hands this thread the packs'
    /// patterns instead of starting another.
    pub fn warm_code_patterns() {
        let (tx, rx) = std::sync::mpsc::channel::<WarmJob>();
        let spawned = std::thread::Builder::new()
            .name("gongkai-regex".into())
            .spawn(move || {
                crate::facts::warm();
                kind::warm();
                while let Ok(job) = rx.recv() {
                    job();
                }
            });
        if spawned.is_ok() {
            let _ = EARLY.set(std::sync::Mutex::new(tx));
        }
    }

    /// Tell the pattern-compiling thread ([`RuleSet::warm_in_background`]) the first
    /// draft of the run: its texts (normalized and flat, the two that rule kinds search)
    /// and profile. Later calls do nothing.
    pub fn first_draft(&self, doc: &Document, profile: &str) {
        if !self.warming() || self.warm.first.get().is_some() {
            return;
        }
        let texts = [doc.text(), doc.flat.text.as_str()].join("\n");
        let _ = self.warm.first.set((texts.into(), profile.to_string()));
        if let Some(thread) = self.warm.thread.get() {
            thread.unpark();
        }
    }

    /// A compiled pattern (every pattern field is registered at load time).
    pub fn re(&self, pattern: &str) -> Option<&Regex> {
        self.pattern(pattern).map(|p| &p.re)
    }

    /// A compiled pattern with what is known of it ([`Pattern`]).
    pub fn pattern(&self, pattern: &str) -> Option<&Pattern> {
        self.slot(pattern)?.get()
    }

    /// Every registered pattern's source, in no particular order (for measuring them:
    /// `examples/pattern_census`).
    pub fn pattern_sources(&self) -> impl Iterator<Item = &str> + '_ {
        self.regexes.keys().map(String::as_str)
    }

    /// A pattern, compiled when first searched ([`Re`]).
    pub fn lazy(&self, pattern: &str) -> Option<Re<'_>> {
        self.slot(pattern).map(Re::new)
    }

    fn slot(&self, pattern: &str) -> Option<&Slot> {
        let found = self.regexes.get(pattern);
        // Every pattern field must be listed in `load::regex_fields`; debug builds (the tests)
        // stop here when one is not, instead of silently never matching.
        debug_assert!(
            found.is_some(),
            "pattern not registered at load time: {pattern}"
        );
        found.map(|s| &**s)
    }

    /// Is the thread that compiles ahead still at work (the run is starting)?
    fn warming(&self) -> bool {
        self.warm.busy.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Has the group of these patterns been built already?
    fn group_built(&self, patterns: &[String]) -> bool {
        self.groups
            .0
            .lock()
            .is_ok_and(|cache| cache.contains_key(patterns))
    }

    /// The patterns of a list compiled together ([`group::Group`]); `None` when they
    /// cannot be (each is then asked on its own).
    pub fn group(&self, patterns: &[String]) -> Arc<Option<group::Group>> {
        self.groups.get(patterns)
    }

    /// Packs in load order.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    pub fn pack(&self, profile: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.spec.profile == profile)
    }

    /// The keys of the sections (of `profile`'s pack: `sections`) whose patterns match a
    /// part's title, in the sections' order; remembered per title ([`TitleCache`]).
    fn title_keys(
        &self,
        profile: &str,
        sections: &[spec::SectionDef],
        title: &str,
    ) -> Arc<[String]> {
        if let Ok(cache) = self.titles.0.lock() {
            if let Some(keys) = cache.get(profile).and_then(|t| t.get(title)) {
                return keys.clone();
            }
        }
        let keys: Arc<[String]> = sections
            .iter()
            .filter(|s| {
                s.patterns
                    .iter()
                    .filter_map(|p| self.lazy(p))
                    .any(|re| re.is_match(title))
            })
            .map(|s| s.key.clone())
            .collect();
        if let Ok(mut cache) = self.titles.0.lock() {
            let titles = cache.entry(profile.to_string()).or_default();
            if titles.len() < TITLE_CACHE_MAX {
                titles.insert(title.to_string(), keys.clone());
            }
        }
        keys
    }

    /// Sorted, distinct ids of the rules run on a file of a profile (or the one rule
    /// `only`). The list is built once per profile and shared.
    pub fn rule_ids(&self, profile: &str, only: Option<&str>) -> Arc<[String]> {
        let build = || -> Arc<[String]> {
            let mut ids: Vec<String> = self
                .rules_for(profile)
                .filter(|r| only.is_none_or(|o| o == r.spec.id))
                .map(|r| r.spec.id.clone())
                .collect();
            ids.sort();
            ids.dedup();
            ids.into()
        };
        if only.is_some() {
            return build();
        }
        self.ids.get_or_build(profile, build)
    }

    /// Rules that apply to a profile (its own pack and the common pack).
    pub fn rules_for<'a>(&'a self, profile: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules
            .iter()
            .filter(move |r| r.profile == profile || r.profile == "common")
    }

    /// The patterns of the profile's whole-report `statement` rules that forbid a phrase
    /// ([`BodyPlan`]). A required phrase is not asked there: its own search stops at its
    /// first match, and one of them (`active-count-missing`'s count, whose first words are
    /// in every sentence) made a union of all of them fall back from the lazy DFA to the
    /// PikeVM (BENCHMARKS.md «Stop 22»).
    pub fn body_statement_patterns(&self, profile: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self.rules_for(profile) {
            if let Check::Statement(p) = &r.spec.check {
                if p.forbidden && p.section.is_none() && !p.opening {
                    for x in &p.patterns {
                        if !out.contains(x) {
                            out.push(x.clone());
                        }
                    }
                }
            }
        }
        out
    }

    /// The prose mention patterns of a profile, searched over the flat body: every
    /// `repeated-count` quantity's patterns and part patterns, every `zero-claim` rule's
    /// counts, each once.
    pub fn prose_patterns(&self, profile: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self.rules_for(profile) {
            let lists: Vec<&Vec<String>> = match &r.spec.check {
                Check::RepeatedCount(p) => p
                    .quantities
                    .iter()
                    .flat_map(|q| [&q.patterns, &q.part_patterns])
                    .collect(),
                Check::ZeroClaim(p) => vec![&p.counts],
                _ => continue,
            };
            for x in lists.into_iter().flatten() {
                if !out.contains(x) {
                    out.push(x.clone());
                }
            }
        }
        out
    }

    fn prose_plan(&self, profile: &str) -> Arc<ProsePlan> {
        let build = || {
            let mut plan = ProsePlan {
                masks: HashMap::default(),
                literals: HashMap::default(),
                searches: Vec::new(),
                alone: Vec::new(),
            };
            let mut all: Vec<Vec<u8>> = Vec::new();
            let mut kept: Vec<(String, &pattern::Starts)> = Vec::new();
            for p in self.prose_patterns(profile) {
                let Some(st) = self.pattern(&p).and_then(Pattern::starts) else {
                    plan.alone.push((p, ProseAlone::NoPrefixes));
                    continue;
                };
                // Patterns that may start with a digit or a separator (`(?:^|[,;、。])…`)
                // would make places of most of the body; they keep their own search.
                if st.literals.len() > PROSE_MAX_PREFIXES {
                    plan.alone.push((p, ProseAlone::ManyPrefixes));
                    continue;
                }
                if st.literals.iter().any(|l| l.len() < PROSE_MIN_PREFIX_BYTES) {
                    plan.alone.push((p, ProseAlone::ShortPrefix));
                    continue;
                }
                // Past the cap, the pattern keeps its own search, and says so.
                let new = st.literals.iter().filter(|l| !all.contains(l)).count();
                if all.len() + new > PROSE_MAX_ALL {
                    plan.alone.push((p, ProseAlone::Capped));
                    continue;
                }
                all.extend(
                    st.literals
                        .iter()
                        .filter(|l| !all.contains(l))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
                kept.push((p, st));
            }
            // Longest first: a search reports, of its literals that start at a place, the
            // first listed; the others there are its prefixes or checked.
            all.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            all.dedup();
            // As many searches as `PROSE_MAX_PASS` needs, the literals shared evenly
            // (each chunk still longest first).
            let passes = all.len().div_ceil(PROSE_MAX_PASS);
            let searches = (!all.is_empty())
                .then(|| {
                    all.chunks(all.len().div_ceil(passes))
                        .map(|ls| Prefilter::new(regex_automata::MatchKind::LeftmostFirst, ls))
                        .collect::<Option<Vec<_>>>()
                })
                .flatten();
            let Some(searches) = searches else {
                plan.alone
                    .extend(kept.into_iter().map(|(p, _)| (p, ProseAlone::NoSearch)));
                return Arc::new(plan);
            };
            let bit = |i: usize| (1 as ProseBits) << i;
            plan.literals = all
                .iter()
                .map(|l| {
                    let prefixes = (0..all.len())
                        .filter(|&j| l.starts_with(&all[j]))
                        .fold(0, |m, j| m | bit(j));
                    let longer = (0..all.len())
                        .filter(|&j| all[j].len() > l.len() && all[j].starts_with(l))
                        .map(|j| (all[j].clone(), bit(j)))
                        .collect();
                    (l.clone(), PlaceLiteral { prefixes, longer })
                })
                .collect();
            let index: HashMap<&[u8], usize> = all
                .iter()
                .enumerate()
                .map(|(i, l)| (l.as_slice(), i))
                .collect();
            for (p, st) in kept {
                let mask = st
                    .literals
                    .iter()
                    .map(|l| bit(index[l.as_slice()]))
                    .fold(0, |a, b| a | b);
                plan.masks.insert(p, mask);
            }
            plan.searches = searches;
            Arc::new(plan)
        };
        self.prose_plans.get_or_build(profile, build)
    }

    fn body_plan(&self, profile: &str) -> Arc<BodyPlan> {
        let build = || {
            let patterns = self.body_statement_patterns(profile);
            let index = patterns
                .iter()
                .enumerate()
                .map(|(i, p)| (p.clone(), i))
                .collect();
            Arc::new(BodyPlan { patterns, index })
        };
        self.plans.get_or_build(profile, build)
    }

    pub fn find(&self, id: &str) -> Vec<&Rule> {
        self.rules.iter().filter(|r| r.spec.id == id).collect()
    }

    /// The profile whose pack covers a report year.
    pub fn profile_for_year(&self, year: i32) -> Option<&str> {
        self.packs
            .iter()
            .filter(|p| p.spec.profile != "common")
            .find_map(|p| {
                let y = p.spec.years.as_ref()?;
                (y.from.is_none_or(|f| year >= f) && y.to.is_none_or(|t| year <= t))
                    .then_some(p.spec.profile.as_str())
            })
    }
}

/// An embedded rule file with what was found in it at build time.
struct EmbeddedFile {
    file: PackFile,
    /// Its JSON (converted at build time) or, when the YAML did not convert, its YAML parsed now.
    content: Content,
    patterns: Vec<String>,
    /// Per pattern, the words every match needs (from build time; empty when the YAML
    /// was parsed at run time).
    needs: &'static [Option<&'static [&'static str]>],
    /// The examples taken out of the JSON at build time (`""` when they were not).
    examples: &'static str,
}

enum Content {
    Json(&'static str),
    Value(serde_json::Value),
}

impl EmbeddedFile {
    /// The typed spec, read straight from the JSON (no intermediate `Value`).
    fn typed<T: serde::de::DeserializeOwned>(&self, what: &str) -> Result<T, Box<RuleFileError>> {
        let parsed = match &self.content {
            Content::Json(json) => serde_json::from_str(json),
            Content::Value(v) => T::deserialize(v),
        };
        parsed.map_err(|e| self.error(what, &e))
    }

    fn examples_typed(&self) -> Result<spec::Examples, Box<RuleFileError>> {
        serde_json::from_str(self.examples).map_err(|e| self.error("规则内容无法解析", &e))
    }

    fn error(&self, what: &str, e: &serde_json::Error) -> Box<RuleFileError> {
        let text = &self.file.text;
        RuleFileError::new(
            &self.file.path,
            text,
            vec![problem_at(text, 0, 1, format!("{what}：{e}"))],
        )
    }
}

/// The embedded rule files: their JSON and patterns from build time, else their YAML
/// parsed (and its errors reported) now.
fn embedded_parsed() -> Result<Vec<EmbeddedFile>, Box<RuleFileError>> {
    embedded_files()
        .into_iter()
        .zip(EMBEDDED_JSON.iter().zip(EMBEDDED_PATTERNS))
        .zip(EMBEDDED_EXAMPLES.iter().zip(EMBEDDED_NEEDS))
        .map(|((file, (json, patterns)), (examples, needs))| {
            if !json.is_empty() {
                return Ok(EmbeddedFile {
                    file,
                    content: Content::Json(json),
                    patterns: patterns.iter().map(|p| p.to_string()).collect(),
                    needs,
                    examples,
                });
            }
            let value = load::parse_trusted(&file.path, &file.text)?;
            let patterns = load::regex_strings(&value)
                .into_iter()
                .map(str::to_string)
                .collect();
            Ok(EmbeddedFile {
                file,
                content: Content::Value(value),
                patterns,
                needs: &[],
                examples: "",
            })
        })
        .collect()
}

/// The embedded rule files.
fn embedded_files() -> Vec<PackFile> {
    EMBEDDED
        .iter()
        .map(|(p, t)| PackFile {
            path: p.to_string(),
            text: t.to_string(),
        })
        .collect()
}

/// The thread started by [`RuleSet::warm_code_patterns`], to which later compiling is
/// handed.
static EARLY: OnceLock<std::sync::Mutex<std::sync::mpsc::Sender<WarmJob>>> = OnceLock::new();

/// Work handed to the thread that compiles ahead.
type WarmJob = Box<dyn FnOnce() + Send>;

/// How long the pattern-compiling thread waits to learn the first draft before it
/// compiles in its own order.
const WAIT_FOR_FIRST_DRAFT: std::time::Duration = std::time::Duration::from_millis(50);

/// A rough compile cost of a pattern: its length, plus the upper bound of every counted
/// repetition (`{m,n}` copies its subpattern n times).
fn compile_cost(pattern: &str) -> usize {
    let mut cost = pattern.len();
    for (i, _) in pattern.match_indices('{') {
        let rest = &pattern[i + 1..];
        let Some(end) = rest.find('}') else { continue };
        let bound = rest[..end].rsplit(',').next().unwrap_or("");
        if let Ok(n) = bound.trim().parse::<usize>() {
            cost += 20 * n.min(10_000);
        }
    }
    cost
}

/// A finding from a rule kind, before messages and coordinates are filled in.
#[derive(Debug, Clone, Default)]
pub struct Finding {
    /// Which outcome (`""` = the rule's main message).
    pub variant: &'static str,
    /// Normalized byte range.
    pub start: usize,
    pub end: usize,
    pub vars: Vec<(&'static str, String)>,
    pub expected: Option<String>,
    pub actual: Option<String>,
}

impl Finding {
    pub fn at(start: usize, end: usize) -> Self {
        Finding {
            start,
            end,
            ..Default::default()
        }
    }
    pub fn variant(mut self, v: &'static str) -> Self {
        self.variant = v;
        self
    }
    pub fn var(mut self, k: &'static str, v: impl Into<String>) -> Self {
        self.vars.push((k, v.into()));
        self
    }
    pub fn expected(mut self, e: impl Into<String>, a: impl Into<String>) -> Self {
        self.expected = Some(e.into());
        self.actual = Some(a.into());
        self
    }
}

/// Everything a rule kind may read.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub rules: &'a RuleSet,
    pub profile: &'a str,
    pub sections: Vec<spec::SectionDef>,
    /// For each part (index into doc.parts), the section keys its heading matches.
    pub bindings: Vec<Vec<String>>,
    pub settings: &'a Settings,
    /// Statistics tables recovered with the profile's templates (or a legacy profile's).
    pub tables: BTreeMap<String, RecoveredTable<'a>>,
    /// Sentence ends in the normalized text (offset, byte length), found once.
    stops: std::cell::OnceCell<Vec<(usize, usize)>>,
    /// Offsets of every `年` of the normalized text, found once ([`Ctx::year_words`]).
    year_words: std::cell::OnceCell<Vec<usize>>,
    /// Which of the profile's whole-report statement patterns match the body
    /// ([`Ctx::body_matching`]), found once.
    body_hits: std::cell::OnceCell<(Arc<BodyPlan>, Vec<bool>)>,
    /// The places of the flat body where a prose pattern can start to match, each with
    /// the bit of the literal there ([`Ctx::body_captures`]), found once.
    prose_places: std::cell::OnceCell<(Arc<ProsePlan>, Option<Places>)>,
}

/// Per-run settings that affect rules.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--year`: the report year when the draft does not say it clearly.
    pub year: Option<i32>,
    /// Agency level from `gongkai.yaml` (`level:`); wins over the level read from the draft.
    pub level: Option<crate::facts::AgencyLevel>,
    /// Local publication deadlines from `gongkai.yaml` (`deadline:`).
    pub deadlines: LocalDeadlines,
}

/// Local publication deadlines (`MM-DD` in the year after the report year), by
/// agency level. Configuration only accepts dates no later than the statute's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalDeadlines {
    pub government: Option<String>,
    pub department: Option<String>,
    pub township: Option<String>,
}

/// `MM-DD` → (month, day).
pub fn month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    Some((m.parse().ok()?, d.parse().ok()?))
}

impl Settings {
    /// The local deadline for a level when it is stricter (earlier) than `pack_deadline`;
    /// `None` when there is none, so the pack's deadline applies.
    pub fn local_deadline(
        &self,
        level: crate::facts::AgencyLevel,
        pack_deadline: &str,
    ) -> Option<&str> {
        use crate::facts::AgencyLevel::*;
        let local = match level {
            Government => self.deadlines.government.as_deref(),
            Department => self.deadlines.department.as_deref(),
            Township => self.deadlines.township.as_deref(),
        }?;
        (month_day(local)? < month_day(pack_deadline)?).then_some(local)
    }
}

impl<'a> Ctx<'a> {
    pub fn new(
        doc: &'a Document,
        rules: &'a RuleSet,
        profile: &'a str,
        settings: &'a Settings,
    ) -> Self {
        let sections = rules
            .pack(profile)
            .map(|p| p.spec.sections.clone())
            .unwrap_or_default();
        let bindings = doc
            .parts
            .iter()
            .map(|p| {
                let title = &doc.headings[p.heading].title;
                rules.title_keys(profile, &sections, title).to_vec()
            })
            .collect();
        let mut ctx = Ctx {
            doc,
            rules,
            profile,
            sections,
            bindings,
            settings,
            tables: BTreeMap::new(),
            stops: std::cell::OnceCell::new(),
            year_words: std::cell::OnceCell::new(),
            body_hits: std::cell::OnceCell::new(),
            prose_places: std::cell::OnceCell::new(),
        };
        ctx.tables = ctx.recover_tables();
        ctx
    }

    /// Recover every table template of the profile; a legacy layout is used when it fits better.
    fn recover_tables(&self) -> BTreeMap<String, RecoveredTable<'a>> {
        let mut out = BTreeMap::new();
        let rules: &'a RuleSet = self.rules;
        let Some(pack) = rules.pack(self.profile) else {
            return out;
        };
        let legacy = pack.spec.legacy.as_deref().and_then(|l| rules.pack(l));
        let compacted = table::Compacted::default();
        for tpl in &pack.spec.tables {
            let (s, e) = self.table_region(tpl);
            let merged = |off: usize| self.doc.merged_cells.contains(&off);
            let own = table::recover(
                self.doc.text(),
                s,
                e,
                tpl,
                self.profile,
                self.rules,
                &merged,
                &compacted,
            );
            let score = |t: &RecoveredTable| {
                (
                    t.status == table::Status::Recovered,
                    t.rows.iter().filter(|r| r.complete).count(),
                    std::cmp::Reverse(t.missing_rows.len()),
                )
            };
            // The legacy layout is only used when it scores higher: skip reading it when
            // even a perfect reading (every row complete) could not.
            let best_possible = |lp: &Pack| {
                lp.spec
                    .tables
                    .iter()
                    .find(|t| t.id == tpl.id)
                    .map_or(0, |t| t.rows.len())
            };
            // A table the text stops inside (an excerpt, a page cut off) lacks its last rows
            // for that reason alone: they do not make the older layout fit better.
            let cut = kind::table::cut_off_after(&own, self.doc).is_some();
            let legacy = legacy
                .filter(|lp| !cut && score(&own) < (true, best_possible(lp), std::cmp::Reverse(0)));
            let alt = legacy.and_then(|lp| {
                let lt = lp.spec.tables.iter().find(|t| t.id == tpl.id)?;
                let (s, e) = self.table_region(lt);
                Some(table::recover(
                    self.doc.text(),
                    s,
                    e,
                    lt,
                    &lp.spec.profile,
                    self.rules,
                    &merged,
                    &compacted,
                ))
            });
            let best = match alt {
                Some(a) if score(&a) > score(&own) => a,
                _ => own,
            };
            out.insert(tpl.id.clone(), best);
        }
        out
    }

    /// The part that holds a table (its section), else the whole report.
    pub fn table_region(&self, tpl: &spec::TableTemplate) -> (usize, usize) {
        if let Some(i) = tpl
            .section
            .as_deref()
            .and_then(|k| self.parts_for(k).first().copied())
        {
            return self.part_range(i);
        }
        self.doc.body_span()
    }

    /// The template a recovered table was read with.
    pub fn template(&self, table: &str) -> Option<&'a spec::TableTemplate> {
        Some(self.tables.get(table)?.tpl)
    }

    /// A table whose cells were all bound by its template (status `Recovered`): the only
    /// tables whose cells a prose comparison may read.
    pub fn recovered(&self, table: &str) -> Option<&RecoveredTable<'a>> {
        self.tables
            .get(table)
            .filter(|t| t.status == table::Status::Recovered)
    }

    /// A table some of whose cells a prose comparison may read ([`RecoveredTable::readable`]):
    /// a recovered one, or one the text ends inside, through
    /// [`RecoveredTable::certain_cell`].
    pub fn readable(&self, table: &str) -> Option<&RecoveredTable<'a>> {
        self.tables.get(table).filter(|t| t.readable())
    }

    pub fn year(&self) -> Option<i32> {
        self.settings.year.or(self.doc.facts.year.map(|y| y.0))
    }

    /// The agency level: configuration first, then what the draft says.
    pub fn level(&self) -> Option<crate::facts::AgencyLevel> {
        self.settings.level.or(self.doc.facts.level)
    }

    /// Indices of parts bound to a section key.
    pub fn parts_for(&self, key: &str) -> Vec<usize> {
        self.bindings
            .iter()
            .enumerate()
            .filter(|(_, b)| b.iter().any(|k| k == key))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn section_title(&self, key: &str) -> String {
        self.sections
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| key.to_string())
    }

    /// Normalized range of a part's whole text (heading included).
    pub fn part_range(&self, i: usize) -> (usize, usize) {
        let p = &self.doc.parts[i];
        (
            self.doc.lines[self.doc.headings[p.heading].line].start,
            p.end,
        )
    }

    /// A pattern of the rule set, compiled when first searched where it can match.
    pub fn re(&self, pattern: &str) -> Option<Re<'a>> {
        let rules: &'a RuleSet = self.rules;
        rules.lazy(pattern)
    }

    /// Sentences of a normalized range, as [`kind::sentences`] splits them, from the
    /// sentence ends of the whole text found once per draft.
    pub fn sentences(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        kind::sentences_in(self.stops(), from, to)
    }

    /// The sentence ends of the whole normalized text ([`kind::sentence_stops`]): (offset,
    /// byte length), in text order, found once per draft.
    pub fn stops(&self) -> &[(usize, usize)] {
        self.stops
            .get_or_init(|| kind::sentence_stops_in_lines(self.doc.text(), &self.doc.lines))
    }

    /// The offsets of the `年`s that lie wholly inside the normalized range `from..to`,
    /// ascending: what `memmem::find_iter` of `年` over `text[from..to]` finds (plus
    /// `from`), from the `年`s of the whole text found once per draft and shared by the
    /// readers of years (`year-slip`, `period-year`'s later years, the years snapshot).
    /// The same: `年`'s bytes (E5 B9 B4) start with a lead byte, so they occur only as the
    /// character, and a search of a range finds exactly the occurrences inside it.
    pub fn year_words_in(&self, from: usize, to: usize) -> &[usize] {
        let words = self
            .year_words
            .get_or_init(|| YEAR_WORD.find_iter(self.doc.text().as_bytes()).collect());
        let a = words.partition_point(|&w| w < from);
        let b = words.partition_point(|&w| w + YEAR_WORD_LEN <= to);
        &words[a..b.max(a)]
    }

    /// The patterns of a list, looked up once for a loop over many texts.
    pub fn compiled(&self, patterns: &[String]) -> Vec<Re<'a>> {
        patterns.iter().filter_map(|p| self.re(p)).collect()
    }

    /// For each pattern of the list: can it match anywhere in `hay`? One literal pass over
    /// `hay` for the whole list finds the places of every pattern's words, and a pattern
    /// is asked only there ([`group::Group::matching_at_places`]); `false` only for a
    /// pattern that certainly matches nowhere in `hay`. `true` for a pattern whose words
    /// are too frequent or unknown, and for every pattern when the list cannot be
    /// grouped, so that each is then searched on its own (its own search is the one pass
    /// over `hay`).
    pub fn matching(&self, patterns: &[String], hay: &str) -> Vec<bool> {
        // A list of one or two patterns is searched pattern by pattern: its own pass is
        // the one pass, and a group would be compiled and run besides.
        if patterns.len() < MIN_GROUP {
            return vec![true; patterns.len()];
        }
        // While the run starts (patterns are still being compiled ahead) and the group is
        // not built: a pattern whose words `hay` lacks matches nowhere in it; when fewer
        // than a group's worth of the others are left, those are searched one by one and
        // the group is not built for this text. Later drafts build it: one pass of the
        // group costs less than looking for every pattern's words.
        if self.rules.warming() && !self.rules.group_built(patterns) {
            let may: Vec<bool> = patterns
                .iter()
                .map(|p| !self.rules.slot(p).is_some_and(|s| s.lacks_needs(hay)))
                .collect();
            if may.iter().filter(|m| **m).count() < MIN_GROUP {
                return may;
            }
        }
        match &*self.rules.group(patterns) {
            Some(g) => g
                .matching_at_places(hay)
                .into_iter()
                .map(|m| m.unwrap_or(true))
                .collect(),
            None => vec![true; patterns.len()],
        }
    }

    /// For each pattern of a whole-report `statement` rule that forbids a phrase: can it
    /// match anywhere in the body? Every such pattern of the profile's rules is asked in
    /// one pass over the body, once per draft ([`Ctx::matching`] of the profile's
    /// [`BodyPlan`]); each rule reads its own answers. `false` only for a pattern that
    /// certainly matches nowhere in the body; a pattern outside the plan is `true`
    /// (searched on its own, as before).
    pub fn body_matching(&self, patterns: &[String]) -> Vec<bool> {
        let (plan, hits) = self.body_hits.get_or_init(|| {
            let plan = self.rules.body_plan(self.profile);
            let (bs, be) = self.doc.body_span();
            let hay = &self.doc.text()[bs..be];
            // While the run starts and the thread compiling ahead has not built the group
            // yet, it is not built here (a few milliseconds of start-up: BENCHMARKS.md
            // «Stop 22»). A pattern whose words the body lacks matches nowhere in it; the
            // others are searched one by one, as a list too short to group is.
            let hits = if self.rules.warming() && !self.rules.group_built(&plan.patterns) {
                plan.patterns
                    .iter()
                    .map(|p| !self.rules.slot(p).is_some_and(|s| s.lacks_needs(hay)))
                    .collect()
            } else {
                self.matching(&plan.patterns, hay)
            };
            (plan, hits)
        });
        patterns
            .iter()
            .map(|p| plan.index.get(p).is_none_or(|&i| hits[i]))
            .collect()
    }

    /// The body in the flat view (line breaks removed): its flat range.
    pub fn flat_body(&self) -> (usize, usize) {
        let (bs, be) = self.doc.body_span();
        let flat = &self.doc.flat;
        (flat.from_norm(bs), flat.from_norm(be))
    }

    /// What `captures_iter` of `pattern` over the flat body ([`Ctx::flat_body`]) reports:
    /// each match and its group `group`, relative to the body. A prose mention pattern of
    /// the profile ([`RuleSet::prose_patterns`]) is searched only from the places where its
    /// literals occur, which one literal pass per draft found for all of them
    /// ([`pattern::Starts::captures_from`]); any other pattern by `captures_iter` itself.
    pub fn body_captures(&self, pattern: &str, group: &str) -> Vec<pattern::Captured> {
        let (from, to) = self.flat_body();
        let hay = &self.doc.flat.text[from..to];
        let (plan, places) = self.prose_places.get_or_init(|| {
            let plan = self.rules.prose_plan(self.profile);
            let places = plan.places(hay.as_bytes());
            (plan, places)
        });
        if let (Some(places), Some(&mask)) = (places, plan.masks.get(pattern)) {
            let at: Vec<usize> = places
                .iter()
                .filter(|(_, bit)| bit & mask != 0)
                .map(|(at, _)| *at)
                .collect();
            // Where its words are frequent, the pattern's own pass (its lazy DFA tried at
            // each place) costs less than an anchored search at each.
            if at.len() <= PROSE_MAX_PLACES {
                if let Some(starts) = self.rules.pattern(pattern).and_then(Pattern::starts) {
                    return starts.captures_from(hay, at, group);
                }
            }
        }
        // As [`Ctx::searched`]: a pattern that certainly matches nowhere in the body is not run.
        let Some(re) = self
            .re(pattern)
            .filter(|r| !r.absent(hay))
            .and_then(Re::pattern)
            .filter(|p| p.may_match(hay))
        else {
            return Vec::new();
        };
        re.re
            .captures_iter(hay)
            .filter_map(|c| {
                let m = c.get(0)?;
                Some((
                    (m.start(), m.end()),
                    c.name(group).map(|n| (n.start(), n.end())),
                ))
            })
            .collect()
    }

    /// The compiled patterns of a list that may match `hay` ([`Pattern::may_match`]):
    /// those left out certainly find nothing there.
    pub fn searched(&self, patterns: &[String], hay: &str) -> Vec<&'a Regex> {
        patterns
            .iter()
            .filter_map(|p| self.re(p))
            .filter(|r| !r.absent(hay))
            .filter_map(Re::pattern)
            .filter(|p| p.may_match(hay))
            .map(|p| &p.re)
            .collect()
    }

    /// Does any of the patterns match? Stops at the first that does (no position needed).
    pub fn matches_any(&self, patterns: &[String], text: &str) -> bool {
        patterns
            .iter()
            .any(|p| self.re(p).is_some_and(|re| re.is_match(text)))
    }

    /// A list of patterns asked of many short texts (a sum's part labels): whether any
    /// of them matches a text ([`AnyOf::is_match`], what [`Ctx::matches_any`] answers), by
    /// one search of the list compiled together ([`group::Group::any`]) instead of one
    /// search per pattern. A list too short to group, one that cannot be grouped, and,
    /// while the run starts, one whose group is not built yet (it is not built on the
    /// checking thread then, as [`Ctx::matching`]'s are not) are asked pattern by pattern.
    pub fn any_of<'p>(&self, patterns: &'p [String]) -> AnyOf<'_, 'a, 'p> {
        let group = (patterns.len() >= MIN_GROUP
            && (!self.rules.warming() || self.rules.group_built(patterns)))
        .then(|| self.rules.group(patterns));
        AnyOf {
            ctx: self,
            patterns,
            group,
        }
    }

    pub fn any_match(&self, patterns: &[String], text: &str) -> Option<(usize, usize)> {
        patterns
            .iter()
            .filter_map(|p| self.re(p)?.find(text))
            .map(|m| (m.start(), m.end()))
            .min()
    }
}

/// Built once: `memmem::find_iter` builds its searcher again at every call.
static YEAR_WORD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("年"));

/// The byte length of `年`.
const YEAR_WORD_LEN: usize = "年".len();

/// A list of patterns looked up once for many questions ([`Ctx::any_of`]).
pub struct AnyOf<'c, 'a, 'p> {
    ctx: &'c Ctx<'a>,
    patterns: &'p [String],
    group: Option<Arc<Option<group::Group>>>,
}

impl AnyOf<'_, '_, '_> {
    /// Does any of the patterns match `text`? ([`Ctx::matches_any`].)
    pub fn is_match(&self, text: &str) -> bool {
        match self.group.as_deref() {
            Some(Some(g)) => g.any(text),
            _ => self.ctx.matches_any(self.patterns, text),
        }
    }
}

/// The fewest patterns [`Ctx::matching`] searches as one group (measured: BENCHMARKS.md,
/// stop 13).
const MIN_GROUP: usize = 3;

/// Fill a message template: `{name}` → value.
///
/// One pass over the template. It says what replacing each `{name}` in turn says
/// ([`fill_in_turn`]) when no brace can make a new placeholder: no value or name holds a
/// brace, and no `{` of the template comes before another `{` with no `}` between them.
/// Then the only brace pairs ever present are the template's own, each `{…}` with no
/// brace inside, and a replacement takes a whole pair away without touching the others.
/// Any other template is filled in turn.
pub fn fill(template: &str, vars: &[(&'static str, String)]) -> String {
    let braced = |s: &str| s.contains(['{', '}']);
    if vars.iter().any(|(k, v)| braced(k) || braced(v)) || nested_braces(template) {
        return fill_in_turn(template, vars);
    }
    let mut out =
        String::with_capacity(template.len() + vars.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let value = after.find('}').and_then(|j| {
            let name = &after[..j];
            vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (j, v))
        });
        match value {
            Some((j, v)) => {
                out.push_str(v);
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Does a `{` come before another `{` with no `}` between them?
fn nested_braces(template: &str) -> bool {
    let mut open = false;
    for b in template.bytes() {
        match b {
            b'{' if open => return true,
            b'{' => open = true,
            b'}' => open = false,
            _ => {}
        }
    }
    false
}

/// Each `{name}` replaced in turn, in the order of `vars`: what [`fill`] must say.
fn fill_in_turn(template: &str, vars: &[(&'static str, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Where a finding is, in source coordinates, as diagnostics report it. Cross-year
/// findings are made after the document is gone, from anchors taken while it was here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchor {
    pub offset: usize,
    pub length: usize,
    pub line: usize,
    pub column: usize,
    pub section: Option<String>,
    pub location: Option<String>,
}

impl Anchor {
    /// The anchor of a normalized range of a document.
    pub fn of(doc: &Document, start: usize, end: usize) -> Anchor {
        let (offset, length) = doc.norm.span(start, end.max(start));
        let (line, column) = doc.source.line_col(offset);
        Anchor {
            offset,
            length,
            line,
            column,
            section: doc.section_name(start),
            location: doc.source.place(offset).map(|p| p.to_string()),
        }
    }
}

/// Turn a finding into a diagnostic: message, severity, source coordinates.
pub fn diagnose(rule: &Rule, f: &Finding, doc: &Document) -> Diagnostic {
    diagnose_at(rule, f, Anchor::of(doc, f.start, f.end))
}

/// [`diagnose`] at a known anchor (the finding's own range is not read).
pub fn diagnose_at(rule: &Rule, f: &Finding, at: Anchor) -> Diagnostic {
    let variant = rule.spec.variants.get(f.variant);
    let severity: Severity = variant
        .and_then(|v| v.severity)
        .unwrap_or(rule.spec.severity);
    let message = fill(
        variant
            .map(|v| v.message.as_str())
            .unwrap_or(&rule.spec.message),
        &f.vars,
    );
    let help = fill(
        variant
            .and_then(|v| v.help.as_deref())
            .unwrap_or(&rule.spec.help),
        &f.vars,
    );
    Diagnostic {
        rule: rule.spec.id.clone(),
        category: rule.spec.category,
        severity,
        message,
        help,
        offset: at.offset,
        length: at.length,
        line: at.line,
        column: at.column,
        section: at.section,
        location: at.location,
        expected: f.expected.clone(),
        actual: f.actual.clone(),
    }
}

/// Run every rule of a profile on a document. Document-type rules run first:
/// a file that is not an annual report gets only that finding.
pub fn evaluate(
    doc: &Document,
    rules: &RuleSet,
    profile: &str,
    settings: &Settings,
    only: Option<&str>,
) -> Vec<Diagnostic> {
    let ctx = Ctx::new(doc, rules, profile, settings);
    evaluate_ctx(&ctx, only)
}

/// [`evaluate`] with the tables already recovered.
pub fn evaluate_ctx(ctx: &Ctx, only: Option<&str>) -> Vec<Diagnostic> {
    let (doc, rules, profile) = (ctx.doc, ctx.rules, ctx.profile);
    let selected: Vec<&Rule> = rules
        .rules_for(profile)
        .filter(|r| only.is_none_or(|id| r.spec.id == id))
        .collect();
    let mut out = Vec::new();
    for r in selected
        .iter()
        .filter(|r| matches!(r.spec.check, Check::DocumentType(_)))
    {
        for f in kind::run(&r.spec.check, ctx) {
            out.push(diagnose(r, &f, doc));
        }
    }
    if !out.is_empty() {
        return out;
    }
    for r in selected
        .iter()
        .filter(|r| !matches!(r.spec.check, Check::DocumentType(_)))
    {
        for f in kind::run(&r.spec.check, ctx) {
            out.push(diagnose(r, &f, doc));
        }
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup();
    out
}

impl table::Patterns for RuleSet {
    fn get(&self, pattern: &str) -> Option<&Regex> {
        self.re(pattern)
    }
    fn needs(&self, pattern: &str) -> Arc<table::Needs> {
        let Ok(mut cache) = self.needs.0.lock() else {
            return Arc::new(table::Needs::of(pattern));
        };
        if let Some(n) = cache.get(pattern) {
            return n.clone();
        }
        let n = Arc::new(table::Needs::of(pattern));
        cache.insert(pattern.to_string(), n.clone());
        n
    }
}

/// Row and column keys of table templates are unique, and row columns exist.
fn table_template_problems(
    spec: &PackSpec,
    index: &position::PositionIndex,
    text: &str,
) -> Vec<load::Problem> {
    let mut out = Vec::new();
    for (ti, t) in spec.tables.iter().enumerate() {
        let mut seen = std::collections::HashSet::new();
        for (ri, r) in t.rows.iter().enumerate() {
            let at = |p: &str| index.lookup(p).map(|p| p.value).unwrap_or((0, 1));
            if !seen.insert(r.key.as_str()) {
                let span = at(&format!("/tables/{ti}/rows/{ri}/key"));
                out.push(problem_at(
                    text,
                    span.0,
                    span.1 - span.0,
                    format!("表格「{}」的行 key「{}」重复", t.id, r.key),
                ));
            }
            for (ci, c) in r.columns.iter().flatten().enumerate() {
                if !t.columns.iter().any(|x| &x.key == c) {
                    let span = at(&format!("/tables/{ti}/rows/{ri}/columns/{ci}"));
                    out.push(problem_at(
                        text,
                        span.0,
                        span.1 - span.0,
                        format!("表格「{}」没有列「{c}」", t.id),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10000))]
        /// One pass fills a template as replacing each name in turn does, braces in the
        /// template, the names or the values included.
        #[test]
        fn filling_in_one_pass_is_filling_in_turn(
            template in proptest::collection::vec(proptest::sample::select(vec![
                "{", "}", "{a}", "{b}", "中",
            ]), 0..8),
            vars in proptest::collection::vec((
                proptest::sample::select(vec!["a", "b", "a}"]),
                proptest::collection::vec(proptest::sample::select(vec!["", "{", "b"]), 0..2),
            ), 1..4),
        ) {
            let template = template.concat();
            let vars: Vec<(&'static str, String)> =
                vars.into_iter().map(|(k, v)| (k, v.concat())).collect();
            proptest::prop_assert_eq!(fill(&template, &vars), fill_in_turn(&template, &vars));
        }
    }

    #[test]
    fn a_value_that_makes_a_placeholder_is_filled_in_turn() {
        let vars = [("a", "b".to_string()), ("b", "x".to_string())];
        assert_eq!(fill("{{a}}", &vars), "x");
        assert_eq!(fill("{a}{b}", &vars), "bx");
    }

    /// The rule set a check loads differs from the full one only in the examples it
    /// leaves out (every rule has them in the full set), and registers the same patterns.
    #[test]
    fn the_set_to_check_is_the_full_set_without_examples() {
        let full = RuleSet::builtin().unwrap();
        let lean = RuleSet::builtin_to_check().unwrap();
        assert!(full.rules.len() > 50);
        assert!(full
            .rules
            .iter()
            .all(|r| !r.spec.examples.valid.is_empty() && !r.spec.examples.invalid.is_empty()));
        assert!(lean
            .rules
            .iter()
            .all(|r| r.spec.examples.valid.is_empty() && r.spec.examples.invalid.is_empty()));
        let mut stripped = full.rules.clone();
        for r in &mut stripped {
            r.spec.examples.valid.clear();
            r.spec.examples.invalid.clear();
        }
        assert_eq!(format!("{stripped:?}"), format!("{:?}", lean.rules));
        assert_eq!(format!("{:?}", full.packs), format!("{:?}", lean.packs));
        let mut a: Vec<&String> = full.regexes.keys().collect();
        let mut b: Vec<&String> = lean.regexes.keys().collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }

    /// The embedded packs skip the schema and semantic checks at start-up: this test
    /// runs them through every check and proves both paths load the same rule set,
    /// with every pattern compiling.
    #[test]
    fn embedded_packs_pass_every_check() {
        let mut checked = RuleSet::default();
        if let Err(e) = checked.add_files(embedded_files()) {
            panic!("embedded packs fail their checks: {:?}", e.problems);
        }
        let fast = RuleSet::builtin().unwrap();
        assert_eq!(format!("{:?}", checked.packs), format!("{:?}", fast.packs));
        assert_eq!(format!("{:?}", checked.rules), format!("{:?}", fast.rules));
        let mut a: Vec<&String> = checked.regexes.keys().collect();
        let mut b: Vec<&String> = fast.regexes.keys().collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        for p in b {
            assert!(fast.re(p).is_some(), "{p}");
        }
    }
}

#[cfg(test)]
mod table_start_tests {
    use super::spec::Check;
    use crate::document::table;
    use regex::Regex;

    /// Every list of patterns a rule kind searches together answers, on every fixture
    /// text, what asking each pattern answers (the one-pass path against the old way).
    #[test]
    fn grouped_patterns_answer_what_each_pattern_answers_on_every_fixture() {
        let rs = super::RuleSet::builtin().unwrap();
        let mut lists: Vec<Vec<String>> = Vec::new();
        for r in &rs.rules {
            match &r.spec.check {
                Check::Statement(p) => lists.push(p.patterns.clone()),
                Check::ProseTable(p) => lists.push(
                    p.statements
                        .iter()
                        .flat_map(|s| s.patterns.iter().cloned())
                        .collect(),
                ),
                Check::RepeatedCount(p) => {
                    lists.extend(p.quantities.iter().map(|q| q.patterns.clone()))
                }
                Check::ZeroClaim(p) => lists.push(p.claims.clone()),
                _ => {}
            }
        }
        lists.sort();
        lists.dedup();
        let lists: Vec<(Vec<Regex>, super::group::Group)> = lists
            .iter()
            .filter(|l| l.len() > 1)
            .map(|l| {
                let res = l.iter().map(|p| Regex::new(p).unwrap()).collect();
                (
                    res,
                    super::group::Group::new(l).expect("a rule's patterns group"),
                )
            })
            .collect();
        assert!(lists.len() > 10, "lists: {}", lists.len());
        let bodies = fixture_bodies();
        assert!(bodies.len() > 50, "fixture files: {}", bodies.len());
        let mut found = 0;
        for (f, hays) in &bodies {
            for hay in hays {
                for (res, g) in &lists {
                    let each: Vec<bool> = res.iter().map(|r| r.is_match(hay)).collect();
                    found += each.iter().filter(|m| **m).count();
                    assert_eq!(g.matching(hay), each, "{}", f.display());
                }
            }
        }
        assert!(found > 100, "matches: {found}");
    }

    /// A gate that finds none of its literals ([`Pattern::may_match`]) means no match:
    /// every pattern of every pack on the body of every fixture draft, normalized and flat.
    #[test]
    fn closed_gates_mean_no_match_on_every_fixture() {
        let rs = super::RuleSet::builtin().unwrap();
        let mut pats: Vec<&super::Pattern> =
            rs.regexes.keys().filter_map(|p| rs.pattern(p)).collect();
        pats.retain(|p| super::pattern::gate_literals(p.re.as_str()).is_some());
        assert!(pats.len() >= 5, "gated patterns: {}", pats.len());
        let (mut closed, mut matched) = (0, 0);
        for (f, hays) in &fixture_bodies() {
            for hay in hays {
                for p in &pats {
                    let m = p.re.is_match(hay);
                    matched += usize::from(m);
                    if !p.may_match(hay) {
                        closed += 1;
                        assert!(!m, "{} {}", p.re.as_str(), f.display());
                    }
                }
            }
        }
        assert!(
            closed > 100 && matched > 100,
            "closed {closed}, matched {matched}"
        );
    }

    /// The words worked out at build time are those `needs::needed_literals` finds now.
    #[test]
    fn build_time_words_are_the_needed_literals() {
        let mut with = 0;
        for (pats, needs) in super::EMBEDDED_PATTERNS.iter().zip(super::EMBEDDED_NEEDS) {
            assert_eq!(pats.len(), needs.len());
            for (p, n) in pats.iter().zip(needs.iter()) {
                let now = super::needs::needed_literals(p);
                let then = n.map(|l| l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
                assert_eq!(now, then, "{p}");
                with += usize::from(n.is_some());
            }
        }
        assert!(with > 300, "patterns with words: {with}");
    }

    /// A text without a pattern's words has no match of it ([`pattern::Slot::absent`]):
    /// every pattern of every pack on the body of every fixture draft, normalized and
    /// flat.
    #[test]
    fn a_body_without_the_words_has_no_match_on_every_fixture() {
        let rs = super::RuleSet::builtin().unwrap();
        let slots: Vec<&super::Slot> = rs.regexes.values().map(|s| &**s).collect();
        let (mut lacking, mut kept) = (0, 0);
        for (f, hays) in &fixture_bodies() {
            for hay in hays {
                for s in &slots {
                    if s.lacks_needs(hay) {
                        lacking += 1;
                        let re = &s.get().unwrap().re;
                        assert!(!re.is_match(hay), "{} {}", s.src(), f.display());
                    } else {
                        kept += 1;
                    }
                }
            }
        }
        assert!(
            lacking > 10_000 && kept > 10_000,
            "lacking {lacking}, kept {kept}"
        );
    }

    /// Patterns know which profiles use them: the compiling thread's order.
    #[test]
    fn patterns_know_their_profiles() {
        let rs = super::RuleSet::builtin().unwrap();
        let used = |p: &str, profile: &str| rs.regexes[p].used_for(profile);
        // A label of the pre-2019 tables only.
        let old = "本期实际.{0,3}本年累计";
        assert!(used(old, "pre-2019") && !used(old, "2021") && !used(old, "2019-trial"));
        // A pattern of a common rule serves every profile.
        let at = super::EMBEDDED
            .iter()
            .position(|(p, _)| p.ends_with("common/notice-year.yaml"))
            .unwrap();
        let common = super::EMBEDDED_PATTERNS[at][0];
        assert!(
            super::PROFILES.iter().all(|pr| used(common, pr)),
            "{common}"
        );
    }

    fn fixture_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                fixture_files(&p, out);
            } else if p
                .extension()
                .is_some_and(|x| x == "txt" || x == "docx" || x == "html")
            {
                out.push(p);
            }
        }
    }

    /// Every fixture draft that loads, structured.
    fn fixture_docs() -> Vec<(std::path::PathBuf, crate::document::Document)> {
        fixture_drafts(crate::document::Document::structure, true)
    }

    /// Every fixture draft that loads, read by `read` (`Document::structure`, or
    /// `Document::new` for the facts too); the held-out sets only when `held_out`.
    fn fixture_drafts(
        read: fn(crate::source::Source) -> crate::document::Document,
        held_out: bool,
    ) -> Vec<(std::path::PathBuf, crate::document::Document)> {
        let mut files = Vec::new();
        fixture_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &mut files,
        );
        files
            .into_iter()
            .filter(|f| held_out || !f.to_string_lossy().contains("heldout"))
            .filter_map(|f| {
                let b = std::fs::read(&f).ok()?;
                let src = crate::source::load_bytes(&f.to_string_lossy(), &b).ok()?;
                Some((f, read(src)))
            })
            .collect()
    }

    /// What the draft's line index ([`crate::document::Document::lines`]) gives is what the
    /// searches of `\n` it replaced found, on every fixture draft that loads (held-out
    /// sets left out): the flat view ([`crate::document::Flat::from_lines`] against
    /// [`crate::document::Flat::new`]), the sentence stops
    /// ([`kind::sentence_stops_in_lines`] against [`kind::sentence_stops`]) and the line
    /// around every character (`Document::line_at` against an index of the newlines, as
    /// `prose-table` searched it).
    #[test]
    fn flat_and_stops_from_the_lines_are_those_searched() {
        let (mut drafts, mut breaks, mut stops, mut offsets) = (0, 0, 0, 0);
        for (path, doc) in fixture_drafts(crate::document::Document::structure, false) {
            let text = doc.text();
            let want = crate::document::Flat::new(text);
            let got = crate::document::Flat::from_lines(text, &doc.lines);
            assert_eq!(got.text, want.text, "{}", path.display());
            assert_eq!(got.removed(), want.removed(), "{}", path.display());
            assert_eq!(doc.flat.text, want.text, "{}", path.display());
            breaks += want.removed().len();
            let want = super::kind::sentence_stops(text);
            assert_eq!(
                super::kind::sentence_stops_in_lines(text, &doc.lines),
                want,
                "{}",
                path.display()
            );
            stops += want.len();
            let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
            for (ns, _) in text.char_indices() {
                let i = newlines.partition_point(|b| *b < ns);
                let line_start = if i == 0 { 0 } else { newlines[i - 1] + 1 };
                let line_end = newlines.get(i).copied().unwrap_or(text.len());
                let l = doc.line_at(ns);
                assert_eq!(
                    (l.start, l.end),
                    (line_start, line_end),
                    "{} {ns}",
                    path.display()
                );
                offsets += 1;
            }
            drafts += 1;
        }
        assert!(drafts > 50, "drafts: {drafts}");
        assert!(
            breaks > 10_000 && stops > 10_000 && offsets > 100_000,
            "{breaks} breaks, {stops} stops, {offsets} offsets"
        );
    }

    /// The body of every fixture draft that loads, normalized and flat.
    fn fixture_bodies() -> Vec<(std::path::PathBuf, [String; 2])> {
        fixture_docs()
            .into_iter()
            .map(|(f, doc)| {
                let (bs, be) = doc.body_span();
                let (fs, fe) = (doc.flat.from_norm(bs), doc.flat.from_norm(be));
                let hays = [
                    doc.text()[bs..be].to_string(),
                    doc.flat.text[fs..fe].to_string(),
                ];
                (f, hays)
            })
            .collect()
    }

    /// The remembered title bindings are what matching each title against the sections'
    /// patterns says, for every fixture draft and profile, with one rule set shared by all
    /// of them (as a batch shares it), read twice over: the second time every title is
    /// remembered.
    #[test]
    fn remembered_title_bindings_are_those_the_patterns_give() {
        let rs = super::RuleSet::builtin().unwrap();
        let settings = super::Settings::default();
        let docs = fixture_docs();
        assert!(docs.len() > 50, "fixture files: {}", docs.len());
        let mut bound = 0;
        for round in 0..2 {
            for (f, doc) in &docs {
                for profile in ["2021", "2019-trial", "pre-2019"] {
                    let sections = &rs.pack(profile).unwrap().spec.sections;
                    let direct: Vec<Vec<String>> = doc
                        .parts
                        .iter()
                        .map(|p| {
                            let title = &doc.headings[p.heading].title;
                            sections
                                .iter()
                                .filter(|s| {
                                    s.patterns
                                        .iter()
                                        .any(|p| rs.re(p).is_some_and(|re| re.is_match(title)))
                                })
                                .map(|s| s.key.clone())
                                .collect()
                        })
                        .collect();
                    let ctx = super::Ctx::new(doc, &rs, profile, &settings);
                    assert_eq!(
                        ctx.bindings,
                        direct,
                        "{} {profile} round {round}",
                        f.display()
                    );
                    bound += direct.iter().filter(|k| !k.is_empty()).count();
                }
            }
        }
        assert!(bound > 500, "bound parts: {bound}");
    }

    /// Every pattern of the embedded packs' grouped searches is searched through its
    /// group's one literal pass, but the few listed here: none is left to a search of its
    /// own over the whole text unnoticed. The grouped searches: each profile's statement
    /// group (its whole-report plan, [`super::BodyPlan`]: a pattern loses its key for the
    /// cap on the group's literals, `Capped`, which pattern changes when a pattern is
    /// added, or never had one, `NoLiterals`), each profile's prose plan
    /// ([`super::ProsePlan`]: `NoPrefixes`, `ManyPrefixes`, `ShortPrefix`, `Capped`,
    /// `NoSearch`), and the lists `prose-sum` asks of each label as one union
    /// ([`super::Ctx::any_of`]: such a list that does not compile as a group is asked
    /// pattern by pattern). A pattern searched alone is silent in the output and costs
    /// seconds on a big draft when it is slow (BENCHMARKS.md «Stop 27»): a new one fails
    /// here, and is either given words the pass can find or timed on the big files and
    /// listed. A listed one that is no longer searched alone fails too (the list stays
    /// exact).
    #[test]
    fn no_pattern_of_a_grouped_search_is_searched_alone_unlisted() {
        // (plan, profiles, why, the pattern's start); the statement ones timed on the big
        // files in BENCHMARKS.md «Stop 28 (helper)», the prose ones in «Stop 28 (second
        // helper)».
        const ALL: &[&str] = &["pre-2019", "2019-trial", "2021"];
        const LISTED: &[(&str, &[&str], &str, &str)] = &[
            // One-character words only (占 / 自, 从, 为), too frequent for the pass.
            ("statement", ALL, "NoLiterals", r"占[^。；;，,\n0-9]{0,10}"),
            (
                "statement",
                ALL,
                "NoLiterals",
                r"(?:自|从|为)[ \t　]*(?:19|20)",
            ),
            // A template's number left to fill in (`××件`): its marks (×, Ｘ, X) are rare
            // but shorter than a key; the regex's own prefilter finds them (timed on the
            // big files in BENCHMARKS.md «Stop 29 (lead)»).
            ("statement", ALL, "NoLiterals", r"(?:××|XX|ＸＸ)"),
        ];
        let rs = super::RuleSet::builtin().unwrap();
        let (mut patterns, mut unlisted, mut literals) = (0, Vec::new(), Vec::new());
        let mut seen: Vec<(usize, &str)> = Vec::new();
        let mut check = |plan: &str, profile: &'static str, why: String, p: &str| match LISTED
            .iter()
            .position(|(pl, ps, w, start)| {
                *pl == plan && ps.contains(&profile) && *w == why && p.starts_with(start)
            }) {
            Some(k) => seen.push((k, profile)),
            None => unlisted.push(format!("{plan} {profile} {why}: {p}")),
        };
        let (mut prose, mut unions) = (0, 0);
        for profile in super::PROFILES {
            let plan = rs.body_statement_patterns(profile);
            assert!(plan.len() >= super::MIN_GROUP, "{profile}: {}", plan.len());
            let group = rs.group(&plan);
            let Some(g) = &*group else {
                panic!("{profile}: the statement patterns do not compile as one group");
            };
            for (i, why) in g.searched_alone() {
                check("statement", profile, format!("{why:?}"), &plan[i]);
            }
            literals.push(format!("statement {profile} {}", g.key_literals()));
            patterns += plan.len();
            let pp = rs.prose_plan(profile);
            for (p, why) in &pp.alone {
                check("prose", profile, format!("{why:?}"), p);
            }
            let planned = rs.prose_patterns(profile);
            assert_eq!(
                pp.masks.len() + pp.alone.len(),
                planned.len(),
                "{profile}: a prose pattern neither planned nor listed"
            );
            literals.push(format!("prose {profile} {}", pp.literals.len()));
            prose += pp.masks.len();
            for r in rs.rules_for(profile) {
                let Check::ProseSum(p) = &r.spec.check else {
                    continue;
                };
                if p.overlapping.len() >= super::MIN_GROUP {
                    if rs.group(&p.overlapping).is_none() {
                        check("union", profile, "NoGroup".into(), &p.overlapping.join("|"));
                    }
                    unions += 1;
                }
            }
        }
        assert!(
            unlisted.is_empty(),
            "patterns searched alone (literals in each pass: {literals:?}):\n{}",
            unlisted.join("\n")
        );
        for (k, (plan, ps, why, p)) in LISTED.iter().enumerate() {
            for profile in *ps {
                assert!(
                    seen.contains(&(k, profile)),
                    "listed, not searched alone any more: {plan} {profile} {why} {p}"
                );
            }
        }
        assert!(patterns > 50, "patterns: {patterns}");
        assert!(prose > 20, "prose patterns planned: {prose}");
        assert!(unions >= 3, "prose-sum unions: {unions}");
    }

    /// No key of a grouped search is a frequent word of a report, but the few listed here.
    /// A key's places are where its group's one literal pass stops: a statement group asks
    /// the group's patterns, anchored, at each place (and past a few per KB gives up and
    /// runs the whole group over the body), the prose plan tries a pattern's search from
    /// each of its places (past [`super::PROSE_MAX_PLACES`], its own pass). A key as
    /// common as 公开 or 收到 passes every other test and the big-file timings, and costs
    /// millions of instructions per hundred drafts (BENCHMARKS.md «Stop 28»). The census:
    /// on the seed drafts and the sample draft, every key literal of every profile's
    /// statement group ([`super::BodyPlan`]) and prose plan ([`super::ProsePlan`]), the
    /// most places it yields in one draft; more than `MAX_PLACES` fails unless the key is
    /// listed, and a listed key that no longer does (or is no longer a key) fails too.
    #[test]
    #[allow(clippy::print_stderr)] // the census, with GONGKAI_CENSUS set
    fn no_key_of_a_grouped_search_yields_many_places_unlisted() {
        // The most places of one key in one seed draft: the prose plan's own limit for a
        // pattern (`PROSE_MAX_PLACES`). Measured (BENCHMARKS.md «Stop 29 (helper)»): two
        // keys above it (listed), then 8, 8, 7, 7, 6 and below; 公开 gives 93.
        const MAX_PLACES: usize = 8;
        // (plan, key, why it is kept).
        const LISTED: &[(&str, &str, &str)] = &[
            // The first words of the counts every report states (主动公开…条, 各部门…): the
            // quantity patterns have no rarer word before their count, and past
            // `PROSE_MAX_PLACES` in a draft the pattern's own pass serves it.
            ("prose", "主动", "11 places: 主动公开…信息…条"),
            ("prose", "各部", "10 places: 各部门…"),
        ];
        let rs = super::RuleSet::builtin().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files = Vec::new();
        for dir in ["seeds", "sample"] {
            fixture_files(&root.join(dir), &mut files);
        }
        files.sort();
        let docs: Vec<(String, crate::document::Document)> = files
            .iter()
            .filter_map(|f| {
                let b = std::fs::read(f).ok()?;
                let src = crate::source::load_bytes(&f.to_string_lossy(), &b).ok()?;
                let name = f.file_name()?.to_string_lossy().into_owned();
                Some((name, crate::document::Document::structure(src)))
            })
            .collect();
        assert_eq!(docs.len(), 6, "seed and sample drafts");
        let mut over = Vec::new();
        // (plan, key) -> the most places in one draft, where.
        let mut most: std::collections::BTreeMap<(&str, String), (usize, String)> =
            std::collections::BTreeMap::new();
        let mut note = |plan: &'static str, key: String, n: usize, at: String| {
            let e = most.entry((plan, key)).or_insert((0, String::new()));
            if n > e.0 || e.1.is_empty() {
                *e = (n, at);
            }
        };
        for profile in super::PROFILES {
            let plan = rs.body_statement_patterns(profile);
            let group = rs.group(&plan);
            let Some(g) = &*group else {
                panic!("{profile}: the statement patterns do not compile as one group");
            };
            let pp = rs.prose_plan(profile);
            for (name, doc) in &docs {
                let (bs, be) = doc.body_span();
                let body = &doc.text()[bs..be];
                let census = g.key_census(body);
                // Past this many places in all, the group gives the places up for its
                // whole pass over the body: no seed draft comes near.
                let total: usize = census.iter().map(|(_, n)| n).sum();
                if super::group::dense(total, body.len()) {
                    over.push(format!(
                        "{profile} {name}: {total} statement places, past the group's limit"
                    ));
                }
                assert!(!census.is_empty(), "{profile}: no literal pass");
                for (k, n) in census {
                    note("statement", k, n, format!("{profile} {name}"));
                }
                let flat = &doc.flat;
                let hay = &flat.text.as_bytes()[flat.from_norm(bs)..flat.from_norm(be)];
                let places = pp.places(hay).expect("a prose plan with a search");
                for l in pp.literals.keys() {
                    let n = places
                        .iter()
                        .filter(|(at, _)| hay[*at..].starts_with(l))
                        .count();
                    let k = String::from_utf8_lossy(l).into_owned();
                    note("prose", k, n, format!("{profile} {name}"));
                }
            }
        }
        if std::env::var_os("GONGKAI_CENSUS").is_some() {
            let mut all: Vec<_> = most.iter().collect();
            all.sort_by_key(|(_, (n, _))| std::cmp::Reverse(*n));
            for ((plan, k), (n, at)) in all {
                eprintln!("{n:5} {plan:9} {k} ({at})");
            }
        }
        for ((plan, k), (n, at)) in &most {
            let listed = LISTED.iter().any(|(p, l, _)| p == plan && l == k);
            if *n > MAX_PLACES && !listed {
                over.push(format!("{plan} key «{k}»: {n} places in one draft ({at})"));
            }
        }
        assert!(
            over.is_empty(),
            "keys that yield more than {MAX_PLACES} places in a seed draft, or drafts with \
             too many places (give the pattern a rarer word to begin with, or list the \
             key with why):\n{}",
            over.join("\n")
        );
        for (plan, k, _) in LISTED {
            let n = most.get(&(*plan, k.to_string())).map(|(n, _)| *n);
            assert!(
                n.is_some_and(|n| n > MAX_PLACES),
                "listed, no longer a key over {MAX_PLACES} places: {plan} «{k}» ({n:?})"
            );
        }
        assert!(most.len() > 100, "keys: {}", most.len());
    }

    /// The shared pass over the body ([`super::Ctx::body_matching`]) answers what searching
    /// each pattern does: on every fixture draft (held-out sets aside) and with every
    /// profile, each whole-report statement pattern's answer is its own `is_match`, and
    /// every whole-report `statement` rule finds exactly what it finds with each of its
    /// patterns searched on its own.
    #[test]
    fn the_shared_body_pass_answers_what_each_pattern_answers() {
        let rs = super::RuleSet::builtin().unwrap();
        let settings = super::Settings::default();
        let docs = fixture_drafts(crate::document::Document::structure, false);
        assert!(docs.len() > 50, "fixture files: {}", docs.len());
        let (mut hits, mut findings, mut known) = (0, 0, 0);
        for (f, doc) in &docs {
            for profile in ["2021", "2019-trial", "pre-2019"] {
                let ctx = super::Ctx::new(doc, &rs, profile, &settings);
                let plan = rs.body_statement_patterns(profile);
                assert!(plan.len() >= super::MIN_GROUP, "{profile}: {}", plan.len());
                let (bs, be) = doc.body_span();
                let body = &doc.text()[bs..be];
                let each: Vec<bool> = plan
                    .iter()
                    .map(|p| rs.re(p).unwrap().is_match(body))
                    .collect();
                hits += each.iter().filter(|h| **h).count();
                // Never `false` for a pattern that matches.
                let shared = ctx.body_matching(&plan);
                for (i, (s, e)) in shared.iter().zip(&each).enumerate() {
                    assert!(*s || !*e, "{} {profile} {}", f.display(), plan[i]);
                }
                // Where the places answer, they answer what the pattern does.
                if let Some(g) = &*rs.group(&plan) {
                    for (i, m) in g.matching_at_places(body).into_iter().enumerate() {
                        if let Some(m) = m {
                            known += 1;
                            assert_eq!(m, each[i], "{} {profile} {}", f.display(), plan[i]);
                        }
                    }
                }
                for r in rs.rules_for(profile) {
                    let Check::Statement(p) = &r.spec.check else {
                        continue;
                    };
                    if p.section.is_some() {
                        continue;
                    }
                    let shared = format!("{:?}", super::kind::statement(p, &ctx));
                    let own = format!("{:?}", super::kind::statement_each(p, &ctx));
                    findings += usize::from(own != "[]");
                    assert_eq!(shared, own, "{} {profile} {}", f.display(), r.spec.id);
                }
            }
        }
        assert!(hits > 100, "patterns matched: {hits}");
        assert!(findings > 20, "rules with findings: {findings}");
        assert!(known > 10_000, "answers from the places: {known}");
    }

    /// A list asked as one group ([`super::Ctx::any_of`]) answers what asking pattern by
    /// pattern ([`super::Ctx::matches_any`]) answers: every label list of every `prose-sum`
    /// rule of every profile, asked of every part label the facts read, every sentence of
    /// the body and every clause of those, on every fixture draft (the held-out sets are not
    /// read).
    #[test]
    fn a_list_asked_as_one_group_answers_what_each_pattern_answers() {
        let rs = super::RuleSet::builtin().unwrap();
        let settings = super::Settings::default();
        let (mut drafts, mut asked, mut matched, mut grouped) = (0, 0, 0, 0);
        for (f, doc) in fixture_drafts(crate::document::Document::new, false) {
            drafts += 1;
            let text = doc.text();
            let (bs, be) = doc.body_span();
            for profile in ["2021", "2019-trial", "pre-2019"] {
                let ctx = super::Ctx::new(&doc, &rs, profile, &settings);
                let mut texts: Vec<&str> = doc
                    .facts
                    .sums
                    .iter()
                    .flat_map(|s| s.parts.iter().map(|(l, _)| l.as_str()))
                    .collect();
                for (s, e) in ctx.sentences(bs, be) {
                    texts.push(&text[s..e]);
                    texts.extend(text[s..e].split([',', '、', ':']));
                }
                for r in rs.rules_for(profile) {
                    let Check::ProseSum(p) = &r.spec.check else {
                        continue;
                    };
                    for list in [
                        &p.overlapping,
                        &p.completed,
                        &p.closing,
                        &p.channel_closing,
                        &p.carry_over,
                        &p.carried,
                    ] {
                        let any = ctx.any_of(list);
                        grouped += usize::from(matches!(any.group.as_deref(), Some(Some(_))));
                        for t in &texts {
                            let want = ctx.matches_any(list, t);
                            assert_eq!(any.is_match(t), want, "{} {profile} {t}", f.display());
                            asked += 1;
                            matched += usize::from(want);
                        }
                    }
                }
            }
        }
        assert!(drafts > 50, "drafts: {drafts}");
        assert!(grouped > 100, "lists asked as a group: {grouped}");
        assert!(
            asked > 100_000 && matched > 1_000,
            "{asked} texts asked, {matched} matched"
        );
    }

    /// The prose mention patterns searched from the places of one literal pass
    /// ([`super::Ctx::body_captures`]) find what `captures_iter` over the flat body finds:
    /// every match and its `n` group, for every mention pattern of every profile, on every
    /// fixture draft (the held-out sets are not read).
    #[test]
    fn prose_patterns_from_the_places_find_what_captures_iter_finds() {
        let rs = super::RuleSet::builtin().unwrap();
        let settings = super::Settings::default();
        let (mut drafts, mut planned, mut found) = (0, 0, 0);
        for (f, doc) in fixture_drafts(crate::document::Document::structure, false) {
            drafts += 1;
            for profile in ["2021", "2019-trial", "pre-2019"] {
                let ctx = super::Ctx::new(&doc, &rs, profile, &settings);
                let plan = rs.prose_plan(profile);
                let (from, to) = ctx.flat_body();
                let hay = &doc.flat.text[from..to];
                for p in rs.prose_patterns(profile) {
                    let own: Vec<super::pattern::Captured> = rs
                        .re(&p)
                        .unwrap()
                        .captures_iter(hay)
                        .map(|c| {
                            let m = c.get(0).unwrap();
                            (
                                (m.start(), m.end()),
                                c.name("n").map(|n| (n.start(), n.end())),
                            )
                        })
                        .collect();
                    if plan.masks.contains_key(&p) {
                        planned += 1;
                        found += own.len();
                    }
                    assert_eq!(
                        ctx.body_captures(&p, "n"),
                        own,
                        "{} {profile} {p}",
                        f.display()
                    );
                }
            }
        }
        assert!(drafts > 50, "drafts: {drafts}");
        assert!(planned > 1000, "planned pattern searches: {planned}");
        assert!(found > 200, "matches of planned patterns: {found}");
    }

    /// Leaving the lines before the table unread changes nothing: every fixture draft,
    /// read with each profile's templates, recovers the same tables as when each region
    /// is read whole.
    #[test]
    fn tables_from_the_table_start_are_those_of_the_whole_region() {
        let rs = super::RuleSet::builtin().unwrap();
        let settings = super::Settings::default();
        let docs = fixture_docs();
        assert!(docs.len() > 50, "fixture files: {}", docs.len());
        let mut rows = 0;
        for (f, doc) in &docs {
            for profile in ["2021", "2019-trial", "pre-2019"] {
                let mut read = |whole: bool| {
                    table::read_regions_whole(whole);
                    let ctx = super::Ctx::new(doc, &rs, profile, &settings);
                    table::read_regions_whole(false);
                    ctx.tables
                        .values()
                        .map(|t| {
                            rows += t.rows.len();
                            format!(
                                "{:?} {:?} {:?} {:?} {:?}",
                                t.status,
                                t.rows,
                                t.cells().collect::<Vec<_>>(),
                                t.subtotals,
                                t.missing_rows
                            )
                        })
                        .collect::<Vec<_>>()
                };
                let (cut, whole) = (read(false), read(true));
                assert_eq!(cut, whole, "{} with {profile}", f.display());
            }
        }
        assert!(rows > 1000, "rows compared: {rows}");
    }

    use super::{kind, spec, Ctx, RuleSet, Settings};

    /// The `part-count` rules that read their count by a `count` pattern, of every profile.
    fn part_counts(rs: &RuleSet) -> Vec<(&'static str, spec::PartCount)> {
        checks_of(rs, |c| match c {
            Check::PartCount(p) if p.count.is_some() => Some(p),
            _ => None,
        })
    }

    /// The checks `pick` takes, of every rule of every profile, with their profile.
    fn checks_of<T: Clone>(
        rs: &RuleSet,
        pick: impl Fn(&Check) -> Option<&T>,
    ) -> Vec<(&'static str, T)> {
        let mut out = Vec::new();
        for profile in ["2021", "2019-trial", "pre-2019"] {
            for r in rs.rules_for(profile) {
                if let Some(p) = pick(&r.spec.check) {
                    out.push((profile, p.clone()));
                }
            }
        }
        out
    }

    /// `part-count`'s count read by its `count` pattern from the statement's words is the
    /// statement pattern's own group `n`, with the same match: on the opening, the whole
    /// flat text and every line of every fixture draft (held-out sets not read).
    #[test]
    fn the_count_read_from_the_statement_is_its_group() {
        let rs = RuleSet::builtin().unwrap();
        let settings = Settings::default();
        let specs = part_counts(&rs);
        assert!(!specs.is_empty(), "no part-count rule reads a count");
        let (mut asked, mut found) = (0, 0);
        for (f, doc) in fixture_drafts(crate::document::Document::structure, false) {
            for (profile, p) in &specs {
                let ctx = Ctx::new(&doc, &rs, profile, &settings);
                let flat = &doc.flat;
                let (os, oe) = doc.opening_span();
                let opening = &flat.text[flat.from_norm(os)..flat.from_norm(oe)];
                for hay in [opening, flat.text.as_str()]
                    .into_iter()
                    .chain(doc.text().lines())
                {
                    let (read, own) = kind::stated_count_both(p, &ctx, hay);
                    asked += 1;
                    found += usize::from(own.is_some());
                    assert_eq!(read, own, "{} {profile}: {hay}", f.display());
                }
            }
        }
        assert!(asked > 10_000, "texts asked: {asked}");
        assert!(found > 100, "statements found: {found}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The same over texts made of the statement's words, numerals, stops and gaps
        /// long enough to pass the pattern's 200-character bound.
        #[test]
        fn the_count_read_from_any_text_is_its_group(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "由", "分为", "共分", "包括", "等", "共", "三", "十", "二", "5", "12", "个",
                "部分", "部", "分", "。", "；", ";", "、", "概述", "统计表",
                "甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲",
            ]), 0..30),
        ) {
            static RS: std::sync::LazyLock<RuleSet> =
                std::sync::LazyLock::new(|| RuleSet::builtin().unwrap());
            let text = words.concat();
            let src = crate::source::load_bytes("t.txt", "一、概述\n二、其他\n".as_bytes()).unwrap();
            let doc = crate::document::Document::structure(src);
            let settings = Settings::default();
            for (profile, p) in part_counts(&RS) {
                let ctx = Ctx::new(&doc, &RS, profile, &settings);
                let (read, own) = kind::stated_count_both(&p, &ctx, &text);
                proptest::prop_assert_eq!(read, own, "{}", text);
            }
        }
    }

    /// The `prose-share` rules of every profile.
    fn prose_shares(rs: &RuleSet) -> Vec<(&'static str, spec::ProseShare)> {
        checks_of(rs, |c| match c {
            Check::ProseShare(p) => Some(p),
            _ => None,
        })
    }

    /// `prose-share` reads the share after every number (its `find` first) and each
    /// statement's named shares (once per statement) as the plain searches did: `captures`
    /// of each pattern in turn after the number, the `named` patterns again for each part.
    /// Every fixture draft (held-out sets not read), every profile.
    #[test]
    fn the_shares_read_by_the_cuts_are_those_searched() {
        let rs = RuleSet::builtin().unwrap();
        let settings = Settings::default();
        let specs = prose_shares(&rs);
        assert!(!specs.is_empty(), "no prose-share rule");
        let (mut asked, mut found) = (0, 0);
        for (f, doc) in fixture_drafts(crate::document::Document::new, false) {
            for (profile, p) in &specs {
                let ctx = Ctx::new(&doc, &rs, profile, &settings);
                for (cut, plain) in kind::share_readings_both(p, &ctx) {
                    asked += 1;
                    found += usize::from(plain.is_some());
                    assert_eq!(cut, plain, "{} {profile}", f.display());
                }
            }
        }
        assert!(asked > 10_000, "readings compared: {asked}");
        assert!(found > 100, "shares found: {found}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The same over drafts whose one statement is made of a breakdown's words, shares
        /// written after the parts and named again after the last part.
        #[test]
        fn the_shares_read_from_any_statement_are_those_searched(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "图片解读文件16个", "动漫解读文件7个", "政策解读文件3个", "图片解读", "动漫解读",
                ",占95.8%", ",占比 23 %", "(23%)", "(占 1.5%)", ",所占比例为 为 69.6%",
                ",动漫解读占比30.4%", ",图片解读所占比例为70%", "16个", "7个", "5条", ",",
                "，", "、", "占", "占比", "所占比例为", "比例为", "为", "(", ")", "%", "23",
                "1.5", "95.8", " ", "。", ";",
            ]), 0..24),
        ) {
            static RS: std::sync::LazyLock<RuleSet> =
                std::sync::LazyLock::new(|| RuleSet::builtin().unwrap());
            let text = format!(
                "某某县2022年政府信息公开工作年度报告\n一、总体情况\n共发布解读文件23个,其中{}\n二、其他\n",
                words.concat()
            );
            let src = crate::source::load_bytes("t.txt", text.as_bytes()).unwrap();
            let doc = crate::document::Document::new(src);
            let settings = Settings::default();
            for (profile, p) in prose_shares(&RS) {
                let ctx = Ctx::new(&doc, &RS, profile, &settings);
                for (cut, plain) in kind::share_readings_both(&p, &ctx) {
                    proptest::prop_assert_eq!(cut, plain, "{}", text);
                }
            }
        }
    }
}
