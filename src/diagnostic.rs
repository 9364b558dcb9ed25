//! A finding in a draft, in source coordinates, ready for any renderer; with its
//! `Severity` and `Category`. The bottom layer: this module imports nothing of the crate.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Kind of problem a rule finds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Structure,
    Contact,
    Arithmetic,
    Fee,
    Date,
    Consistency,
    Format,
    Document,
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Category {
    pub fn zh(self) -> &'static str {
        match self {
            Category::Structure => "结构",
            Category::Contact => "联系方式",
            Category::Arithmetic => "数字加总",
            Category::Fee => "收费",
            Category::Date => "日期",
            Category::Consistency => "前后一致",
            Category::Format => "格式",
            Category::Document => "文件类型",
        }
    }
}

impl Severity {
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    /// Byte offset and length in the decoded source text.
    pub offset: usize,
    pub length: usize,
    pub line: usize,
    pub column: usize,
    /// The report part the finding is in (heading text), if any.
    pub section: Option<String>,
    /// The human place in the original file (段落/表格单元格/页).
    pub location: Option<String>,
    pub expected: Option<String>,
    pub actual: Option<String>,
}

impl Diagnostic {
    pub fn sort_key(&self) -> (usize, &str, usize) {
        (self.offset, self.rule.as_str(), self.length)
    }
}
