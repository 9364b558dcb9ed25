//! Rule-pack loading: YAML text → schema check (jsonschema) → typed spec →
//! semantic checks (regexes compile, section references exist, ids unique).
//! Every problem is located at its YAML line and column.

use super::position::PositionIndex;
use super::spec::{PackSpec, RuleSpec};
use miette::{LabeledSpan, NamedSource};
use std::sync::LazyLock;

/// One problem in a rule file, located in its text.
#[derive(Debug, Clone)]
pub struct Problem {
    pub offset: usize,
    pub len: usize,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A rule file that cannot be used. Rendered with miette at its YAML positions.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("规则文件有误：{path}")]
#[diagnostic(
    code(gongkai::rule_file),
    help("按 schemas/rule.schema.json（pack.yaml 按 schemas/pack.schema.json）修改后重试")
)]
pub struct RuleFileError {
    pub path: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label(collection)]
    pub labels: Vec<LabeledSpan>,
    pub problems: Vec<Problem>,
}

impl RuleFileError {
    pub fn new(path: &str, text: &str, mut problems: Vec<Problem>) -> Box<Self> {
        problems.sort_by_key(|p| (p.offset, p.message.clone()));
        drawable(text, &mut problems);
        Box::new(RuleFileError {
            path: path.to_string(),
            src: NamedSource::new(path, text.to_string()),
            labels: labels(&problems),
            problems,
        })
    }
}

/// A problem at the very end of a file (a YAML syntax error in an unclosed last
/// line) is moved onto the last character, where miette can draw its label; its
/// message still names the line and column where the parser stopped.
pub fn drawable(text: &str, problems: &mut [Problem]) {
    let end = text.trim_end().len();
    for p in problems {
        if p.offset >= end {
            if let Some((i, c)) = text[..end].char_indices().next_back() {
                p.offset = i;
                p.len = c.len_utf8();
            }
        }
    }
}

/// miette labels for located problems, each naming its line and column (YAML files of any kind).
pub fn labels(problems: &[Problem]) -> Vec<LabeledSpan> {
    problems
        .iter()
        .map(|p| {
            LabeledSpan::new(
                Some(format!("{}（第{}行第{}列）", p.message, p.line, p.column)),
                p.offset,
                p.len,
            )
        })
        .collect()
}

pub fn problem_at(text: &str, offset: usize, len: usize, message: String) -> Problem {
    let offset = offset.min(text.len());
    let line = text[..offset].matches('\n').count() + 1;
    let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..offset].chars().count() + 1;
    Problem {
        offset,
        len: len.min(text.len() - offset),
        line,
        column,
        message,
    }
}

static RULE_VALIDATOR: LazyLock<Option<jsonschema::Validator>> =
    LazyLock::new(|| jsonschema::validator_for(&super::spec::rule_schema()).ok());
static PACK_VALIDATOR: LazyLock<Option<jsonschema::Validator>> =
    LazyLock::new(|| jsonschema::validator_for(&super::spec::pack_schema()).ok());

/// Which schema a file is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Rule,
    Pack,
}

/// Parse and schema-check one YAML file; on success, the JSON value and the position index.
pub fn parse_checked(
    path: &str,
    text: &str,
    kind: FileKind,
) -> Result<(serde_json::Value, PositionIndex), Box<RuleFileError>> {
    let validator = match kind {
        FileKind::Rule => RULE_VALIDATOR.as_ref(),
        FileKind::Pack => PACK_VALIDATOR.as_ref(),
    };
    parse_checked_against(path, text, validator)
}

/// Parse and check one YAML file against a schema of its own (`gongkai.yaml`: see
/// `crate::config`, which sits above the rules and owns its schema). `None`: the schema
/// did not compile, reported as an internal error after the YAML is parsed.
pub fn parse_checked_against(
    path: &str,
    text: &str,
    validator: Option<&jsonschema::Validator>,
) -> Result<(serde_json::Value, PositionIndex), Box<RuleFileError>> {
    if let Err((line, message)) = super::bounds::check(text) {
        // The snippet is the start of the line at fault: a line may be a megabyte long.
        let head: String = text
            .lines()
            .nth(line - 1)
            .unwrap_or("")
            .chars()
            .take(40)
            .collect();
        let problem = Problem {
            offset: 0,
            len: head.chars().next().map_or(0, char::len_utf8),
            line,
            column: 1,
            message,
        };
        return Err(RuleFileError::new(path, &head, vec![problem]));
    }
    let value: serde_json::Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let (off, msg) = match e.location() {
                Some(l) => (l.index(), format!("YAML 语法错误：{e}")),
                None => (0, format!("YAML 语法错误：{e}")),
            };
            return Err(RuleFileError::new(
                path,
                text,
                vec![problem_at(text, off, 1, msg)],
            ));
        }
    };
    let index = PositionIndex::build(text).unwrap_or_default();
    let Some(validator) = validator else {
        return Err(RuleFileError::new(
            path,
            text,
            vec![problem_at(
                text,
                0,
                0,
                "内部错误：规则 schema 无法编译".into(),
            )],
        ));
    };
    let mut problems = Vec::new();
    for err in validator.iter_errors(&value) {
        let ptr = err.instance_path().as_str().to_string();
        let (span, msg) = describe(&err, &ptr, &index);
        problems.push(problem_at(text, span.0, span.1 - span.0, msg));
    }
    if !problems.is_empty() {
        dedup_nested(&mut problems);
        return Err(RuleFileError::new(path, text, problems));
    }
    Ok((value, index))
}

/// Parse an embedded file without the schema check (see `Trust::Embedded`).
pub fn parse_trusted(path: &str, text: &str) -> Result<serde_json::Value, Box<RuleFileError>> {
    serde_yaml::from_str(text).map_err(|e| {
        RuleFileError::new(
            path,
            text,
            vec![problem_at(text, 0, 1, format!("YAML 语法错误：{e}"))],
        )
    })
}

/// `oneOf` failures repeat the same spot; keep the most specific messages.
fn dedup_nested(problems: &mut Vec<Problem>) {
    problems.sort_by_key(|p| (p.offset, p.len));
    problems.dedup_by(|a, b| a.offset == b.offset && a.message == b.message);
}

fn describe(
    err: &jsonschema::ValidationError,
    ptr: &str,
    index: &PositionIndex,
) -> ((usize, usize), String) {
    use jsonschema::error::ValidationErrorKind as K;
    let pos = index.lookup(ptr);
    let value_span = pos.map(|p| p.value).unwrap_or((0, 1));
    let field = if ptr.is_empty() {
        "文件顶层".to_string()
    } else {
        format!("「{}」", ptr.trim_start_matches('/').replace('/', "."))
    };
    match err.kind() {
        K::AdditionalProperties { unexpected } => {
            let name = unexpected.first().cloned().unwrap_or_default();
            let child = index.lookup(&format!(
                "{ptr}/{}",
                name.replace('~', "~0").replace('/', "~1")
            ));
            let span = child.and_then(|p| p.key).unwrap_or(value_span);
            (
                span,
                format!("未知的键「{}」（{field} 不允许）", unexpected.join("」「")),
            )
        }
        K::Required { property } => {
            let span = pos.and_then(|p| p.key).unwrap_or(value_span);
            (span, format!("{field} 缺少必填的键 {property}"))
        }
        K::Type { kind } => {
            let k = format!("{kind:?}");
            let zh = [
                ("Array", "列表"),
                ("Object", "映射（键: 值）"),
                ("String", "字符串"),
                ("Integer", "整数"),
                ("Number", "数字"),
                ("Boolean", "true/false"),
                ("Null", "空"),
            ]
            .iter()
            .filter(|(en, _)| k.contains(en))
            .map(|(_, zh)| *zh)
            .collect::<Vec<_>>()
            .join(" 或 ");
            (value_span, format!("{field} 的类型不对：应为{zh}"))
        }
        K::Enum { options } => (value_span, format!("{field} 的取值无效，可选：{options}")),
        K::Pattern { pattern } => (value_span, format!("{field} 不符合格式 {pattern}")),
        K::OneOfNotValid { context } | K::AnyOf { context } => {
            // The branch that failed least is the one the author meant (e.g. the rule
            // kind whose key is present): report its first error instead.
            let best = context
                .iter()
                .filter(|b| !b.is_empty())
                .min_by_key(|b| b.len());
            let unknown_kind = best.is_none_or(|b| {
                b.iter().all(|e| {
                    matches!(
                        e.kind(),
                        K::AdditionalProperties { .. } | K::Required { .. }
                    )
                }) && context
                    .iter()
                    .all(|b| b.len() == best.map_or(0, |x| x.len()))
            });
            match best {
                Some(branch) if !unknown_kind => {
                    let e = &branch[0];
                    let p = e.instance_path().as_str().to_string();
                    describe(e, &p, index)
                }
                _ if !ptr.starts_with("/check") => (
                    pos.and_then(|p| p.key).unwrap_or(value_span),
                    format!("{field} 的取值无效"),
                ),
                _ => (
                    pos.and_then(|p| p.key).unwrap_or(value_span),
                    format!(
                        "{field} 不是已知的规则类型（check 下只能有一种规则类型，且参数须完整）"
                    ),
                ),
            }
        }
        K::MinItems { limit } => (value_span, format!("{field} 至少需要 {limit} 项")),
        _ => (value_span, format!("{field}：{err}")),
    }
}

/// Strings in a rule that are regexes, by JSON pointer.
pub fn regex_fields(value: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    fn walk(v: &serde_json::Value, ptr: &str, in_regex: bool, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, c) in m {
                    walk(
                        c,
                        &format!("{ptr}/{k}"),
                        REGEX_KEYS.contains(&k.as_str()),
                        out,
                    );
                }
            }
            serde_json::Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    walk(c, &format!("{ptr}/{i}"), in_regex, out);
                }
            }
            serde_json::Value::String(s) if in_regex => out.push((ptr.to_string(), s.clone())),
            _ => {}
        }
    }
    match value.get("check") {
        Some(check) => walk(check, "/check", false, &mut out),
        None => walk(value, "", false, &mut out),
    }
    out
}

pub use super::regex_keys::regex_strings;
use super::regex_keys::REGEX_KEYS;

/// Section keys a rule refers to, by JSON pointer.
pub fn section_refs(value: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(check) = value.get("check").and_then(|c| c.as_object()) else {
        return out;
    };
    for (kind, params) in check {
        let Some(obj) = params.as_object() else {
            continue;
        };
        for (k, v) in obj {
            let base = format!("/check/{kind}/{k}");
            match (k.as_str(), v) {
                ("section", serde_json::Value::String(s)) => out.push((base, s.clone())),
                ("sections" | "embedded_in", serde_json::Value::Array(a)) => {
                    for (i, s) in a.iter().enumerate() {
                        if let Some(s) = s.as_str() {
                            out.push((format!("{base}/{i}"), s.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

pub fn typed_rule(
    path: &str,
    text: &str,
    value: serde_json::Value,
) -> Result<RuleSpec, Box<RuleFileError>> {
    serde_json::from_value(value).map_err(|e| {
        RuleFileError::new(
            path,
            text,
            vec![problem_at(text, 0, 1, format!("规则内容无法解析：{e}"))],
        )
    })
}

pub fn typed_pack(
    path: &str,
    text: &str,
    value: serde_json::Value,
) -> Result<PackSpec, Box<RuleFileError>> {
    serde_json::from_value(value).map_err(|e| {
        RuleFileError::new(
            path,
            text,
            vec![problem_at(text, 0, 1, format!("规则包内容无法解析：{e}"))],
        )
    })
}
