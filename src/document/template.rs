//! Table templates: the statistics tables of a report format, as rule packs declare
//! them (`tables:`). The structure stage recovers tables against them; `rules::spec`
//! re-exports them as part of the pack format (schemas are generated from these types).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

fn yes() -> bool {
    true
}

/// Value type of a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ValueType {
    /// A non-negative integer (件).
    #[default]
    Count,
    /// Money in 万元, decimals allowed.
    Money,
    /// A change (本年增/减): an integer that may be negative.
    Delta,
}

/// A column of a statistics table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    pub key: String,
    /// The official label.
    pub label: String,
    /// Regex that finds the label in the table header (normalized, whitespace removed).
    #[serde(rename = "match")]
    pub pattern: String,
    /// Value type of the column when it differs from the table's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueType>,
    /// Regex of the merged header above this column (表四's `未经复议`): columns sharing
    /// it form a group, whose values a text rendering may print as a block of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// A data row of a statistics table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowDef {
    pub key: String,
    /// The exact official label (compared after normalization for label findings).
    pub label: String,
    /// Regex that finds the row label (normalized, whitespace removed); short and distinctive.
    #[serde(rename = "match")]
    pub pattern: String,
    /// Columns this row has (default: all columns of the table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueType>,
    /// The row may be absent without a finding (local variants).
    #[serde(default)]
    pub optional: bool,
    /// Compare the written label with `label` (off for a row that has no label cell, like 表四's numbers).
    #[serde(default = "yes")]
    pub label_check: bool,
    /// Regex of the merged group label above this row (e.g. `(三)不予公开`); a draft that
    /// puts numbers on the group label has added a subtotal row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// A statistics table of a report format.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableTemplate {
    /// Key used by rules, e.g. `t3`.
    pub id: String,
    /// How reports name it, e.g. `表三`.
    pub title: String,
    pub name: String,
    /// Section key whose part holds the table (searched first; the whole report if absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Regexes that show the table is present (e.g. its header); none found = no table.
    pub presence: Vec<String>,
    /// Regexes that show another form is there (e.g. a province's header with a 累计
    /// column): any found = this template does not apply (the table is `absent` for it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absence: Vec<String>,
    pub columns: Vec<ColumnDef>,
    pub rows: Vec<RowDef>,
    #[serde(default)]
    pub value: ValueType,
    /// Made from the fields above when first asked for (not part of the pack format).
    #[serde(skip)]
    pub made: Made,
}

/// What is made once per template and shared by every draft read with it.
#[derive(Debug, Clone, Default)]
pub struct Made {
    labels: OnceLock<Arc<Labels>>,
    /// The table reader's compiled plan (`document::table`), kept here untyped: this
    /// module sits below the reader.
    pub plan: OnceLock<Arc<dyn std::any::Any + Send + Sync>>,
}

/// A template's rows and columns as (key, label), in template order.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub rows: Vec<(String, String)>,
    pub columns: Vec<(String, String)>,
}

impl TableTemplate {
    /// Its rows and columns as (key, label), made once.
    pub fn labels(&self) -> Arc<Labels> {
        self.made
            .labels
            .get_or_init(|| {
                Arc::new(Labels {
                    rows: self
                        .rows
                        .iter()
                        .map(|r| (r.key.clone(), r.label.clone()))
                        .collect(),
                    columns: self
                        .columns
                        .iter()
                        .map(|c| (c.key.clone(), c.label.clone()))
                        .collect(),
                })
            })
            .clone()
    }
}
