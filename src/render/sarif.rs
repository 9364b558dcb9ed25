//! `--format sarif`: SARIF 2.1.0 for code-scanning services (GitHub
//! `upload-sarif`, Jenkins Warnings NG, …). Hand-written structs cover what we emit.
//! Pitfalls handled here: columns count code points and say so (`columnKind`),
//! URIs are relative with `/` and percent-encoded (Chinese file names), every rule
//! is described in `tool.driver.rules`, results carry our own stable
//! `partialFingerprints`, and waived findings are kept with `suppressions`.

use super::{end_line_col, fingerprints, quoted, slash_path, Context, FileReport, RuleInfo};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use serde::Serialize;
use std::collections::BTreeMap;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const FINGERPRINT_KEY: &str = "gongkaiFinding/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<ResultItem>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Markdown {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    short_description: Text,
    full_description: Text,
    help: Markdown,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: String,
    basis: String,
    tags: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultItem {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    properties: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
    location: Location,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encode a path for a URI: everything but unreserved characters and `/`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The artifact location of a path: relative (to `%SRCROOT%`) when the path is
/// relative, a `file:` URI otherwise.
fn artifact(path: &str) -> ArtifactLocation {
    let p = slash_path(path);
    let bytes = p.as_bytes();
    if bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/' {
        return ArtifactLocation {
            uri: format!("file:///{}:{}", &p[..1], encode_path(&p[2..])),
            uri_base_id: None,
        };
    }
    if p.starts_with('/') {
        return ArtifactLocation {
            uri: format!("file://{}", encode_path(&p)),
            uri_base_id: None,
        };
    }
    ArtifactLocation {
        uri: encode_path(&p),
        uri_base_id: Some("%SRCROOT%"),
    }
}

fn region(d: &Diagnostic, text: Option<&str>) -> Region {
    let mut r = Region {
        start_line: d.line.max(1),
        start_column: d.column.max(1),
        end_line: None,
        end_column: None,
        snippet: None,
    };
    if let Some(t) = text.filter(|_| d.length > 0) {
        let (el, ec) = end_line_col(t, d);
        r.end_line = Some(el);
        r.end_column = Some(ec);
        r.snippet = Some(Text {
            text: quoted(t, d).to_string(),
        });
    }
    r
}

/// Text for a Markdown field: markup characters are shown as themselves.
fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn descriptor(r: &RuleInfo) -> Descriptor {
    let category = format!("{:?}", r.category).to_lowercase();
    Descriptor {
        id: r.id.clone(),
        short_description: Text { text: r.short() },
        full_description: Text {
            text: r.description.clone().unwrap_or_else(|| r.short()),
        },
        help: Markdown {
            text: format!("{}\n依据：{}", r.help, r.basis),
            markdown: format!(
                "**修改建议**：{}\n\n**依据**：{}",
                markdown(&r.help),
                markdown(&r.basis)
            ),
        },
        default_configuration: Configuration {
            level: level(r.severity),
        },
        properties: RuleProperties {
            category: category.clone(),
            basis: r.basis.clone(),
            tags: vec![category],
        },
    }
}

pub fn render(files: &[FileReport], ctx: &Context) -> String {
    let index: BTreeMap<&str, usize> = ctx
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for f in files {
        if let Some(e) = &f.error {
            notifications.push(Notification {
                level: "error",
                message: Text {
                    text: format!("无法检查 {}：{e}", f.path),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact(&f.path),
                        region: None,
                    },
                }],
            });
        }
        let text = f.text.as_deref();
        for ((d, sup), fp) in f.all_findings().into_iter().zip(fingerprints(f)) {
            let mut properties = BTreeMap::new();
            properties.insert("category", format!("{:?}", d.category).to_lowercase());
            for (k, v) in [
                ("section", &d.section),
                ("location", &d.location),
                ("expected", &d.expected),
                ("actual", &d.actual),
            ] {
                if let Some(v) = v {
                    properties.insert(k, v.clone());
                }
            }
            let suppressions = sup
                .map(|s| {
                    vec![Suppression {
                        kind: "external",
                        status: "accepted",
                        justification: s.reason.clone(),
                        location: Location {
                            physical_location: PhysicalLocation {
                                artifact_location: artifact(&s.waiver.config),
                                region: Some(Region {
                                    start_line: s.waiver.line.max(1),
                                    start_column: 1,
                                    end_line: None,
                                    end_column: None,
                                    snippet: None,
                                }),
                            },
                        },
                    }]
                })
                .unwrap_or_default();
            results.push(ResultItem {
                rule_id: d.rule.clone(),
                rule_index: index.get(d.rule.as_str()).copied(),
                level: level(d.severity),
                message: Text {
                    text: d.message.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact(&f.path),
                        region: Some(region(d, text)),
                    },
                }],
                partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fp)]),
                suppressions,
                properties,
            });
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "gongkai",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: ctx.rules.iter().map(descriptor).collect(),
                },
            },
            invocations: vec![Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(
            artifact("报告/2024年 年报.txt").uri,
            "%E6%8A%A5%E5%91%8A/2024%E5%B9%B4%20%E5%B9%B4%E6%8A%A5.txt"
        );
        assert_eq!(artifact("./a b.txt").uri_base_id, Some("%SRCROOT%"));
        assert_eq!(
            artifact("/年报/年.txt").uri,
            "file:///%E5%B9%B4%E6%8A%A5/%E5%B9%B4.txt"
        );
        assert_eq!(
            artifact(r"C:\报告\a.txt").uri,
            "file:///C:/%E6%8A%A5%E5%91%8A/a.txt"
        );
    }
}
