//! The serialized form of rule packs: what a YAML file may contain.
//! `schemas/rule.schema.json` and `schemas/pack.schema.json` are generated from
//! these types (see the schema drift test); doc comments become schema descriptions.

use crate::facts::ContactKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::diagnostic::{Category, Severity};

/// Example drafts: every invalid one must fire the rule, no valid one may.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[schemars(length(min = 1))]
    pub valid: Vec<Example>,
    #[schemars(length(min = 1))]
    pub invalid: Vec<Example>,
}

/// One example: a draft, or (for rules that compare years) a draft with last year's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Example {
    Draft(String),
    WithPrevious(ExamplePair),
}

/// A draft and the report of the same agency for the year before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExamplePair {
    /// Last year's report.
    pub previous: String,
    /// This year's draft, checked against it.
    pub draft: String,
}

impl Example {
    /// The draft the example checks.
    pub fn draft(&self) -> &str {
        match self {
            Example::Draft(s) => s,
            Example::WithPrevious(p) => &p.draft,
        }
    }

    /// Last year's report, for examples of cross-year rules.
    pub fn previous(&self) -> Option<&str> {
        match self {
            Example::Draft(_) => None,
            Example::WithPrevious(p) => Some(&p.previous),
        }
    }
}

/// A different message (and optionally severity) for one outcome of a rule kind,
/// e.g. `empty` for a section that exists but has no content.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// One rule: a YAML file named after its id.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "gongkai rule")]
pub struct RuleSpec {
    /// Stable kebab-case id naming the problem, e.g. `missing-contact-block`.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// Chinese message; `{name}` placeholders are filled by the rule kind.
    pub message: String,
    /// Chinese advice on how to fix the draft.
    pub help: String,
    /// The legal basis or format clause the rule enforces.
    pub basis: String,
    /// What the rule checks and why (for `gongkai explain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Messages for the other outcomes of the rule kind.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variants: BTreeMap<String, Variant>,
    pub examples: Examples,
    pub check: Check,
}

/// The typed rule kind (exactly one).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Check {
    RequiredSection(RequiredSection),
    ContactBlock(ContactBlock),
    Statement(Statement),
    FeeStatement(FeeStatement),
    ProseSum(ProseSum),
    StatisticalPeriod(StatisticalPeriod),
    PublicationDeadline(PublicationDeadline),
    YearSlip(YearSlip),
    DocumentType(DocumentType),
    HeadingNumbering(HeadingNumbering),
    SectionOrder(SectionOrder),
    PartCount(PartCount),
    TableSum(TableSum),
    TableCells(TableCells),
    TableStructure(TableStructure),
    ProseTable(ProseTable),
    RulemakingAuthority(RulemakingAuthority),
    InferredSum(InferredSum),
    PreviousReport(PreviousReport),
    PreviousCells(PreviousCells),
    PreviousText(PreviousText),
    ZeroClaim(ZeroClaim),
    RepeatedCount(RepeatedCount),
    ProseShare(ProseShare),
    ReportYearFit(ReportYearFit),
    BareTableParts(BareTableParts),
    ShareSum(ShareSum),
    PeriodYear(PeriodYear),
    PublishedZero(PublishedZero),
    ForeignUnit(ForeignUnit),
    ForeignContact(ForeignContact),
    AnnouncedAgency(AnnouncedAgency),
    YearOrder(YearOrder),
    ForeignField(ForeignField),
}

impl Check {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Check::RequiredSection(_) => "required-section",
            Check::ContactBlock(_) => "contact-block",
            Check::Statement(_) => "statement",
            Check::FeeStatement(_) => "fee-statement",
            Check::ProseSum(_) => "prose-sum",
            Check::StatisticalPeriod(_) => "statistical-period",
            Check::PublicationDeadline(_) => "publication-deadline",
            Check::YearSlip(_) => "year-slip",
            Check::DocumentType(_) => "document-type",
            Check::HeadingNumbering(_) => "heading-numbering",
            Check::SectionOrder(_) => "section-order",
            Check::PartCount(_) => "part-count",
            Check::TableSum(_) => "table-sum",
            Check::TableCells(_) => "table-cells",
            Check::TableStructure(_) => "table-structure",
            Check::ProseTable(_) => "prose-table",
            Check::RulemakingAuthority(_) => "rulemaking-authority",
            Check::InferredSum(_) => "inferred-sum",
            Check::PreviousReport(_) => "previous-report",
            Check::PreviousCells(_) => "previous-cells",
            Check::PreviousText(_) => "previous-text",
            Check::ZeroClaim(_) => "zero-claim",
            Check::RepeatedCount(_) => "repeated-count",
            Check::ProseShare(_) => "prose-share",
            Check::ReportYearFit(_) => "report-year-fit",
            Check::BareTableParts(_) => "bare-table-parts",
            Check::ShareSum(_) => "share-sum",
            Check::PeriodYear(_) => "period-year",
            Check::PublishedZero(_) => "published-zero",
            Check::ForeignUnit(_) => "foreign-unit",
            Check::ForeignContact(_) => "foreign-contact",
            Check::AnnouncedAgency(_) => "announced-agency",
            Check::YearOrder(_) => "year-order",
            Check::ForeignField(_) => "foreign-field",
        }
    }

    /// Kinds that compare a draft with last year's report of the same agency: they
    /// run after a batch is paired (`years::cross_check`), never on one draft alone.
    pub fn is_cross_year(&self) -> bool {
        matches!(
            self,
            Check::PreviousReport(_) | Check::PreviousCells(_) | Check::PreviousText(_)
        )
    }
}

/// A top-level part the report must have. Outcomes: default (missing),
/// `empty` (heading without content), `elsewhere` (its content exists, but not as a part of its own).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequiredSection {
    /// Section key from the pack's `sections`.
    pub section: String,
    /// The part must contain at least `min_chars` characters of content.
    #[serde(default)]
    pub require_body: bool,
    #[serde(default = "one")]
    pub min_chars: usize,
    /// Content that is only `无`/`无。` counts as empty.
    #[serde(default)]
    pub placeholder_is_empty: bool,
    /// Regexes for template placeholders (`（文字描述）`): a part holding only one is empty.
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// Parts (section keys) in which this content may legitimately live instead of a part of its own.
    #[serde(default)]
    pub embedded_in: Vec<String>,
    /// Patterns (regex, on normalized text) that show the content exists.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// A part with its heading and not one character under it, whose table was not
    /// found, is left to `bare-table-parts`: the part is there, its table's cells are blank.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bare_is_blank_table: bool,
}

/// Shares of one whole listed in one sentence (after an opener such as `其中`), each
/// `<part>占X%`: together they cannot exceed 100 % (outcome `over`), and a list whose last
/// part is its remainder (`其他…`) must reach 100 % (outcome `short`); one unit of each
/// share's last digit is allowed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareSum {
    /// Regexes that open the breakdown in the sentence (`其中`); the shares after the first match are read.
    pub openers: Vec<String>,
    /// Regexes of one share, with a named group `p` (the percentage, without `%`).
    pub shares: Vec<String>,
    /// Regexes that, in the words between two shares, open a level inside the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nesting: Vec<String>,
    /// Regexes of a last part that is the remainder (`^其他`): the list claims to be complete.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closing: Vec<String>,
    /// Regexes that make a sentence's percentages other ratios (rates, growth): not judged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
}

/// A year that names the reporting period in so many words and differs from the report
/// year. Outcome: default.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodYear {
    /// Regexes searched in the opening (before the first part), with a named group `y` (the year).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opening: Vec<String>,
    /// Regexes searched in the whole report, with a named group `y`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub everywhere: Vec<String>,
    /// Regexes tried on the start of the first part's text (its first 300 bytes after the
    /// heading, the overview's first sentence: “一、总体情况 2019年,我县……”), with a named
    /// group `y`; anchor them with `^`. Read from the part found by the outline, so they cost
    /// nothing on the rest of the draft.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overview_opening: Vec<String>,
    /// Regexes tried only at the start of each `(一)`-level heading (its first 160 bytes,
    /// heading included): the sub-item that opens on last year (“(二)依申请公开政府信息情况。
    /// 2022年,……” in a 2023 report). Anchor them with `^`; they name the year group `y`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subitem_opening: Vec<String>,
    /// Regexes that, found in a match, make it something else (a notice's title, last
    /// year's problems, a report's name that `report-year-fit` reads).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Report only years after the report year (work of the period dated in the year the
    /// report is written); earlier years are left alone. A match must start at such a year,
    /// written as four digits right before `年` and not inside a longer number.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub later_only: bool,
    /// With `later_only`: how many years after the report year a year must be at least
    /// (1 when not given). A plan for the year the report is written is normal; one for the
    /// year after that (“制定了2011年度政务公开工作计划” in a 2008 report) is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_later: Option<i32>,
    /// Report only years before the report year (a report “按照《2020年政务公开工作要点》
    /// 要求……编制” for 2021: the points of a year before the one reported on).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub earlier_only: bool,
    /// Regexes of part titles (`问题`, `计划`) in which matches are not judged: plans name
    /// the coming year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip_parts: Vec<String>,
    /// `exclude` reads the whole sentence of a match (up to 。; ! ? or a line break), not
    /// only the match: the pattern can start at the year and stay cheap to search.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclude_in_sentence: bool,
}

/// A report named for a year and said to be published on a date of that year or earlier
/// (“完成长通街道2024年政府信息公开年度报告,并于2024年1月15日之前……向社会公布” in a 2024 report):
/// a year's report can only be published after the year ends (条例 art. 49), so one of the two
/// years is wrong. Outcome: default.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearOrder {
    /// Regexes searched in the main text, with the report's year as group `named` and the
    /// year of its publication date as group `on`.
    pub patterns: Vec<String>,
}

/// The opening announces the report of another agency of the same place than the one its
/// title names (`现公布建水县民族宗教事务局2025年度政府信息公开工作年度报告` under the title
/// `建水县面甸镇2025年政府信息公开工作年度报告`): an opening copied from that agency's report
/// and not changed. Outcome: default. Nothing when the report's own agency is not known.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnouncedAgency {
    /// Where the opening names the agency whose report this is, the name as group `n`
    /// (regexes): `现公布(?P<n>…)2025年度政府信息公开工作年度报告`.
    pub patterns: Vec<String>,
}

/// A department's report whose contact sentence names another department of the same
/// place (`请联系吉林市文化局办公室` in 吉林市交通运输局's report): text copied from that
/// department's report and not changed. Outcome: default. Nothing when the report's own
/// department is not known, or when the report is a government's or a township's.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForeignContact {
    /// A department's name with its place (regex, the name as group `n`):
    /// `吉林市交通运输局`. The report's own department is the agency the title or opening
    /// names, or else the first such name in the opening outside a contact sentence.
    pub department_name: String,
    /// Where the report tells readers whom to contact, with the contact's name as group `n`
    /// (regexes): `请联系(?P<n>…)`.
    pub contact_name: Vec<String>,
    /// Names any department may rightly send its readers to (regex): a government's
    /// 政务公开办, 政务服务中心, 数据局.
    pub shared_offices: String,
}

/// A department's report that speaks of its own work as another department's field
/// (`不断提高群众对人社工作的满意度` in 五华县自然资源局's report): text copied from that
/// department's report and not changed. Outcome: default. Nothing when the report is not a
/// department's, when its own field is not one of `fields`, or when the field named is not
/// one of them either.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForeignField {
    /// Fields of work, each one department's.
    pub fields: Vec<WorkField>,
    /// Where a report speaks of its own work, the field's words as group `f` (regexes):
    /// `群众对(?P<f>\p{Han}{2,10}?)工作的满意度`.
    pub own_work: Vec<String>,
}

/// One department's field of work.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkField {
    /// The words for the field's work, each matched whole (plain text): `人社`,
    /// `人力资源和社会保障`.
    pub words: Vec<String>,
    /// Words of the department's own name (plain text, any one found in the report's agency
    /// name): `人力资源`, `人社`.
    pub in_name: Vec<String>,
}

/// Another township's own disclosure documents named in a township's report
/// (`制定和完善黄村乡信息公开目录` in 参内乡's report): text copied from that township's
/// report. Outcome: default. Nothing when the report names no township of its own.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForeignUnit {
    /// The unit words of a township's name (regex): `乡|镇|街道|苏木`.
    pub unit_words: String,
    /// What only the reporting agency keeps, after a unit word captured as `unit`
    /// (regexes): `(?P<unit>乡|镇)信息公开目录`.
    pub owned: Vec<String>,
}

/// A category the prose says was published (`主动公开了行政强制、行政诉讼等信息`) whose table
/// row holds zero in every listed cell, each cell read as a number (never blank, never
/// unread). Outcome: default. One finding per category.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedZero {
    pub table: String,
    pub categories: Vec<PublishedCategory>,
    /// Regexes that, found in a claim's match, make it something else (a list of items, a
    /// negation, another period).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
}

/// One category of 表二 and the prose that says it was published.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedCategory {
    /// The category, for messages (`行政强制`).
    pub name: String,
    /// Regexes of a claim that it was published, searched in the prose of the main text.
    pub patterns: Vec<String>,
    /// Cells as `row.column`: all of them zero contradicts the claim.
    pub cells: Vec<String>,
}

/// Parts that must hold a statistics table (by table id, each placed in its part by the
/// pack) and have only their heading: nothing under it and the table nowhere. One finding
/// lists them all. Outcome: default.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BareTableParts {
    pub tables: Vec<String>,
}

fn one() -> usize {
    1
}

/// Template-free fallback: total/part groups discovered in `|` tables (a total row, then
/// `其中` parts numbered 1. 2. … or （1）（2）…), checked only when no table template of the
/// profile was recovered. Outcomes: default (a total that is not the sum of its parts),
/// `not-assessable` (a group whose extent or cells are uncertain).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InferredSum {}

/// Contact items the report must give. Outcomes: default (missing items), `malformed`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactBlock {
    pub required: Vec<ContactKind>,
}

/// A statement a part must (or must not) contain.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Section key; the rule is skipped when the part is absent (another rule reports that).
    /// Without a section the whole report is searched (every forbidden phrase is reported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub patterns: Vec<String>,
    #[serde(default)]
    pub forbidden: bool,
    /// Only for agencies of these levels (e.g. art. 50(4): 各级人民政府 report 工作考核…);
    /// an agency whose level is unknown is not assessed. Empty = every agency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<crate::facts::AgencyLevel>,
    /// Without a section: search only the opening (the text before the first part), where a
    /// salutation or an announcement stands, not the whole report. Such patterns stay out of
    /// the whole report's shared pass.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opening: bool,
}

/// The fee statement. Outcomes: default (missing), `conflict` (a zero-fee claim next to an amount above zero).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeStatement {
    /// Section keys whose parts are searched. Empty = the whole report.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Also accept a statement anywhere in the report, including attached tables.
    #[serde(default)]
    pub anywhere: bool,
    /// What makes a sentence a fee statement.
    pub topic: Vec<String>,
    /// A claim that nothing was charged.
    pub zero: Vec<String>,
    /// A claim that no fee of any kind was charged (`未收取任何费用`), in a sentence of the
    /// searched parts without the topic's words: not a statement by itself, but a zero claim
    /// against an amount the statement gives (outcome `conflict`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zero_any: Vec<String>,
    /// Report a missing statement (false when a required-section rule already does).
    #[serde(default = "yes")]
    pub require: bool,
    /// A table cell (`table.row.column`) with the fee charged: a zero-fee claim next to a value
    /// above zero, or an amount in prose next to a zero in the table, is a contradiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_cell: Option<String>,
    /// A table cell counting applications ended because a fee notice went unpaid: above zero,
    /// a fee was demanded, so a bare zero-fee claim needs an explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_cell: Option<String>,
    /// Regexes of a template's placeholder line (`（文字描述，收取信息处理费情况在此处报告。）`):
    /// a topic sentence on such a line is no statement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placeholders: Vec<String>,
}

fn yes() -> bool {
    true
}

fn five() -> usize {
    5
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn is_five(n: &usize) -> bool {
    *n == 5
}

/// A named set of labels that together exhaust a total.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelGroup {
    pub name: String,
    pub labels: Vec<String>,
}

/// Total + parts in prose. Outcomes: default (parts exceed the total),
/// `mismatch` (an exhaustive breakdown differs from its total), `incomplete` (a `其中` list of an exhaustive group falls short),
/// `across` (parts read from other sentences than the total exceed it), `concluded-above`
/// (more requests concluded than received, no carry-over mentioned), `each` (`A、B各16件`
/// counted as two items takes the parts above the total), `bare` (parts of a total that
/// has no opener exceed it).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProseSum {
    pub exhaustive: Vec<LabelGroup>,
    /// Parts that may overlap (channels: 网站, 微博 …): never summed.
    #[serde(default)]
    pub overlapping: Vec<String>,
    /// Labels of a last part that closes its list (`其他…`): the list claims to cover its
    /// total, so parts that fall short of it are reported as for an exhaustive group.
    #[serde(default)]
    pub closing: Vec<String>,
    /// Labels of a last part joined by a conjunction (`……应急管理1条和部门文件7条`): a list of at
    /// least `enumeration_min` parts closed so enumerates its total's kinds, and parts that
    /// fall short of it are reported as for an exhaustive group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enumeration_closing: Vec<String>,
    /// The fewest parts of a list that `enumeration_closing` closes (`其中A和B` may name two
    /// of many kinds).
    #[serde(default = "five", skip_serializing_if = "is_five")]
    pub enumeration_min: usize,
    /// The fewest parts of a list in which a part other than the last is labelled as the
    /// rest (`closing`: `……规范计划5条,其他文件4条,政务动态信息0条,……`) for the list to claim
    /// to cover its total. 0 (the default) reads only the last part so.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub residual_min: usize,
    /// The fewest parts of a list, however it ends, for the list to enumerate its total's
    /// kinds (nobody names a dozen kinds and leaves a part of the total out silently): parts
    /// that fall short are reported as for an exhaustive group. Never for parts that may
    /// overlap (`overlapping`). 0 (the default): off.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub enumeration_long_min: usize,
    /// Labels of a last part that closes a list of channels (`其他方式…`, `…公开栏等方式…`):
    /// channels may overlap and are never summed, but a list closed so claims to split its
    /// total by channel, and its channels must add up to it (outcome `channels`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channel_closing: Vec<String>,
    /// Labels of a part carried over to next year (`转接下年度办理`): not a part of a total of
    /// completed requests (one whose clause matches `completed`: `办结`, `答复`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carry_over: Vec<String>,
    /// Words before a total that make it a count of completed requests (see `carry_over`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub completed: Vec<String>,
    /// Words before a total that make it a count of received requests (`受理`, `收到`). A list
    /// under it that turns to completed (`completed`) or carried-over (`carry_over`) parts
    /// (`其中网络申请11件,办结8件,结转下一年办理1件`) holds two breakdowns: only the parts
    /// before the turn are summed as its parts, and the completed and carried-over parts,
    /// when both are given and nothing else, must add up to at least the total (outcome
    /// `outcomes-short`: requests carried in from last year can only add to what must end).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub received: Vec<String>,
    /// Regexes of a count received followed by the count of those concluded
    /// (`受理审批事项117件,办结171件`), with named groups `whole` (received) and `part`
    /// (concluded): outcome `concluded-above` when part > whole and no request carried
    /// over from an earlier year is mentioned (see `carried`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub received_concluded: Vec<String>,
    /// Words that mention requests carried over from an earlier year anywhere in the main
    /// text (`结转`, `以前年度`, `累计` …): with one, concluded may exceed received.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<String>,
    /// Such words that count only in the sentence of the two counts (`上年`, `去年`: also
    /// written in comparisons with last year's figures elsewhere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried_near: Vec<String>,
    /// Regexes of a total with no words but a verb, before a comma (`共计公开114件,`), with
    /// a named group `total` (its digits): the clauses after it to the end of the sentence,
    /// when every one is a label and a count of the same unit, are read as its parts
    /// (outcome `bare` when they exceed it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bare_totals: Vec<String>,
}

/// A percentage written beside a part of a breakdown (`1397条,占73%`) against part ÷ total
/// (or part ÷ the total of a level above, as some reports write shares of the grand total).
/// Outcomes: default (a share beside a part), `rate` (a rate after its two counts).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProseShare {
    /// Regexes matched right after a part's number, with a named group `p` capturing the
    /// percentage (without `%`).
    pub shares: Vec<String>,
    /// Regexes of a rate stated after its two counts (`受理117件,办结171件,办结率100%`), with
    /// named groups `whole`, `part` and `p` (the percentage): outcome `rate` when p ≠ part ÷ whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<String>,
    /// Regexes of a share said to be of the whole (`占总体的比例为2.8%`), with a named group
    /// `p`: the count it belongs to is the only count before it in its sentence. Outcome
    /// `grand` when it fits no earlier count of that unit while another such share in the
    /// same part fits one (which is then the whole they are shares of).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grand: Vec<String>,
    /// Regexes of a share that names its part again later in the parts' sentence
    /// (`其中图片解读文件16个,动漫解读文件7个,……,动漫解读占比23%`), with named groups `name`
    /// and `p`: the part is the only one whose label holds the name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<String>,
}

/// The report year against the report's own name in its text and its 落款 (or page) date.
/// Outcomes: default (the report named with another year), `signed-early` (dated before
/// December of the report year), `signed-in-year` (dated in that December).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportYearFit {
    /// Words right after a year-named report that make it another document
    /// (`有关事项的通知`: a notice about that year's report).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_document: Vec<String>,
    /// Words right before the year that make it another report (`上年度`, `对照`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_document_before: Vec<String>,
}

/// Statistical period = report year 1月1日–12月31日. Outcomes: default (wrong), `missing`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatisticalPeriod {
    /// Words near a date range that make it the statistical period.
    pub context: Vec<String>,
    /// A period written but too garbled to read (`涵盖镇政府201211日至1231日期间`): no
    /// `missing` finding then (`period-date-garbled` reports the garbling).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<String>,
    /// A period whose dates were left blank (`统计数据时限为 起至止`, `统计期限为  年 月 日至  年
    /// 月 日`): a template line never filled in. Outcome `blank`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blank: Vec<String>,
}

/// Publication deadline. Outcomes: default (late), `missing` (no date at all),
/// `metadata` (only a web-page date), `cannot-assess`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationDeadline {
    /// `MM-DD` in the year after the report year, by agency level.
    pub government: String,
    pub department: String,
    /// Deadline for 乡镇/街道 (not named in art. 49; local rules apply).
    pub township: String,
    /// Deadline that applies when the level is unknown (the latest statutory one).
    pub fallback: String,
}

/// Work of the report year narrated under another year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearSlip {
    /// Verbs of completed work that make a sentence a statement about the year.
    pub verbs: Vec<String>,
    /// Words that make a mention of another year a legitimate comparison.
    pub comparisons: Vec<String>,
}

/// Is this file an annual report at all? A failing file gets this finding only.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentType {
    /// Phrases in the title or opening that mark an annual report.
    pub markers: Vec<String>,
    /// A file with at least this many recognised report parts is a report.
    pub min_sections: usize,
    /// Phrases that mark another kind of document (方案, 要点, 通知…), quoted in the message.
    #[serde(default)]
    pub other_kinds: Vec<String>,
    /// Sub-headings only an annual report has (the five of the 2021 format's 总体情况:
    /// 主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障), each a pattern tried on
    /// heading-like lines. A file without a title whose text shows at least
    /// `min_outline` of them is a report that lost its title (a page cut before it), not
    /// another kind of document, unless it names itself as one (`other_kinds`).
    #[serde(default)]
    pub outline: Vec<String>,
    /// How many distinct `outline` patterns must be found; 0 turns the evidence off.
    #[serde(default)]
    pub min_outline: usize,
    /// Headings only a report's first part has (the pre-2019 format's `一、概述`), each a
    /// pattern tried on the text's first line. A file that opens with one is a report that
    /// lost its title and opening (a page cut before them), unless it names itself as
    /// another kind of document (`other_kinds`): plans and notices open with 指导思想,
    /// 总体要求 or 工作目标. (`一、总体情况` is no such heading: `outline` judges those pages.)
    #[serde(default)]
    pub first_part: Vec<String>,
    /// A file in which at least this many rows of the format's statistics tables are
    /// found by their labels (`规章`, `规范性文件`, `行政许可`…) is a report, whatever its
    /// opening: only annual reports carry those tables. 0 turns the evidence off.
    #[serde(default)]
    pub min_table_rows: usize,
}

/// Top-level parts numbered 一、二、三… without gaps or repeats.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadingNumbering {}

/// The number of parts the opening says the report has (“本报告由……等五部分组成”)
/// against the numbered parts found.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartCount {
    /// Patterns of the statement, looked for before the first part (wrapped lines
    /// joined); the named group `n` is the stated count (digits or Chinese numerals).
    pub patterns: Vec<String>,
    /// Words naming a part that is not numbered (the annexed statistics table): when
    /// the statement's words before the count name one, it may count as one more part.
    #[serde(default)]
    pub annexed: Vec<String>,
    /// A pattern that reads the count (group `n`) from the statement's words alone, once
    /// a statement pattern has found them: then the statement is only found (a cheap
    /// search), and its own group `n` is not worked out. It must give the group the
    /// statement pattern gives (a pattern ending in `$`, the count and what follows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
}

/// Recognised parts appear in the order of the pack's `sections`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionOrder {}

/// How two sides of a table relation compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Comparison {
    /// Σ left = Σ right.
    #[default]
    Eq,
    /// Σ left ≤ Σ right.
    Le,
}

/// Which keys `left`/`right` name: rows (checked in every column) or columns (checked in every row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Along {
    Rows,
    Columns,
}

/// An arithmetic relation between cells of one table: Σ left (op) Σ right.
/// Outcomes: default (fails), `not-assessable` (a needed cell is blank, missing or not a number).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSum {
    pub table: String,
    pub along: Along,
    pub left: Vec<String>,
    pub right: Vec<String>,
    #[serde(default)]
    pub op: Comparison,
    /// Restrict to these columns (along rows) or rows (along columns); default all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over: Option<Vec<String>>,
}

/// Cell semantics. Outcomes: default (blank cell), `negative`, `fraction` (non-integer count),
/// `unit` (元 written into a 万元 cell), `text` (words where a number belongs), `blank-many` (many blanks, summarised).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableCells {
    pub table: String,
    /// More blank cells than this are reported as one summary finding.
    #[serde(default = "ten")]
    pub max_listed: usize,
}

fn ten() -> usize {
    10
}

/// Table structure. Outcomes: default (no table where the part needs one), `missing-row`, `label`
/// (a row label that differs from the official one), `subtotal` (a subtotal row the format does not have),
/// `legacy` (the layout of an older format), `unbound` (a table that cannot be read reliably),
/// `cut-off` (the text ends inside the table: the rows after the last one read are not judged).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableStructure {
    pub table: String,
}

/// A number stated in prose must equal the table. Outcome: default (mismatch).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProseTable {
    pub table: String,
    pub statements: Vec<ProseStatement>,
    /// A column that is the sum of its row's other columns (表三 `total`). When such a cell
    /// is blank, the row's filled cells give a lower bound of it, and a prose number below
    /// the bound is reported (outcome `below`); above it nothing can be judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_total: Option<String>,
}

/// One kind of prose statement and the cells it must equal (their sum).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProseStatement {
    /// What the number is, for messages (e.g. `本年新收申请数`).
    pub name: String,
    /// Regexes with a named group `n` capturing the number.
    pub patterns: Vec<String>,
    /// Cells as `row.column`; the statement must equal their sum.
    pub cells: Vec<String>,
    /// The number is a total that must include the cells: it may exceed their sum, not fall below it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
    /// Regexes that, in the clause before the number, make it a part or another scope
    /// (a channel, `其中`, a sub-unit): such a mention is not compared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// A clause before the number that names a year other than the report year
    /// (`2022年公开……` in a 2023 report) puts it in another period: not compared.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub other_years_excluded: bool,
}

/// A claim that nothing happened (`未收到政府信息公开申请`) against a count above zero of the
/// same thing, in prose or in a table. Outcomes: default (a count in prose), `table` (a table cell).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ZeroClaim {
    /// Regexes of the claim.
    pub claims: Vec<String>,
    /// Regexes matched right after a claim that make it about something else (`行政复议`).
    #[serde(default)]
    pub followers: Vec<String>,
    /// Regexes that, anywhere in a sentence, put its claim or count in another period or scope
    /// (`上年`, `季度`, a sub-unit): such a sentence is not compared.
    #[serde(default)]
    pub scope: Vec<String>,
    /// Regexes with a named group `n`: counts of the same thing in prose.
    pub counts: Vec<String>,
    /// The table whose cells count it (skipped when the table was not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Cells as `row.column` whose sum is the count in the table.
    #[serde(default)]
    pub cells: Vec<String>,
}

/// One quantity stated in prose, and where the table has it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// What it is, for messages (`本年收到申请数`).
    pub name: String,
    /// Regexes with a named group `n` capturing the number.
    pub patterns: Vec<String>,
    /// Cells as `row.column` whose sum is the quantity in the table.
    #[serde(default)]
    pub cells: Vec<String>,
    /// Regexes (group `n`) of a part of the quantity (a sub-unit's count): a part above the
    /// one total the prose states is reported (outcome `part-above`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub part_patterns: Vec<String>,
    /// Regexes one of which the sentence of a total must match to be compared with parts
    /// (`全年`, `总数`, a year): a bare `县政府主动公开…` may be the body's own share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub whole_markers: Vec<String>,
}

/// The same quantity stated more than once in prose with different numbers (and the table's, if
/// it is a third). Outcomes: default, `part-above` (a part above the one total stated).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepeatedCount {
    pub quantities: Vec<Quantity>,
    /// Regexes that, in the clause of a mention, make it a part or another scope (`其中`, `下属`):
    /// such a mention is not compared.
    #[serde(default)]
    pub part_markers: Vec<String>,
    /// Regexes that, anywhere in a sentence, put its mentions in another period (`上年`, `同比`).
    #[serde(default)]
    pub scope: Vec<String>,
    /// The table whose cells hold the quantities (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

/// 规章 reported by a body that cannot make 规章 (立法法 arts. 91, 93).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulemakingAuthority {
    pub table: String,
    /// Cells as `row.column` that must be 0 for such a body.
    pub cells: Vec<String>,
    /// Agency names (regex) that may make 规章; an unknown agency is not assessed.
    pub allowed: Vec<String>,
    /// Agency names (regex) that certainly may not (县/区/乡镇/街道 bodies, departments of local governments).
    pub denied: Vec<String>,
}

/// How a draft was paired with last year's report. Outcomes: default (the report given
/// with `--previous` is of another agency or not of the year before: nothing compared),
/// `ambiguous` (several reports of the agency for the year before: nothing compared).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousReport {}

/// A relation between cells of this year's table and last year's: per column (along
/// rows) or per row (along columns), Σ left = Σ previous + Σ plus − Σ minus.
/// Outcomes: default (fails), `not-assessable` (a needed cell is blank or missing).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousCells {
    pub table: String,
    /// Table id in last year's report when it differs (another format's table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_table: Option<String>,
    pub along: Along,
    /// This year's keys (rows along rows, columns along columns).
    pub left: Vec<String>,
    /// Last year's keys, summed on the right.
    pub previous: Vec<String>,
    /// This year's keys added on the right.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plus: Vec<String>,
    /// This year's keys subtracted on the right.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minus: Vec<String>,
    /// Restrict to these columns (along rows) or rows (along columns); default all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over: Option<Vec<String>>,
}

/// Text copied from last year's report. Outcomes: default (a part or passage at least
/// `threshold` % the same), `year` (a sentence of last year's report, its year unchanged).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousText {
    /// Parts (section keys) compared as a whole.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Regexes that start a passage compared on its own (e.g. `下一步`): from the first
    /// match to the end of its part (at most `max_chars` characters).
    #[serde(default)]
    pub passages: Vec<String>,
    /// Percent of shared text from which a part counts as copied (character bigrams,
    /// Dice coefficient; whitespace and punctuation left out, every digit alike).
    #[schemars(range(min = 1, max = 100))]
    pub threshold: u32,
    /// Texts shorter than this (characters compared) are not judged.
    #[serde(default = "forty")]
    pub min_chars: usize,
    #[serde(default = "fifteen_hundred")]
    pub max_chars: usize,
    /// Report sentences of last year's report that still name last year.
    #[serde(default)]
    pub stale_years: bool,
}

fn forty() -> usize {
    40
}

fn fifteen_hundred() -> usize {
    1500
}

/// A part of the report as the format names it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// Key that rules use to refer to the section.
    pub key: String,
    /// Canonical heading, e.g. `六、其他需要报告的事项`.
    pub title: String,
    /// Regexes matched against heading titles (normalized, numbering removed).
    pub patterns: Vec<String>,
}

/// Years a pack applies to (inclusive).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Years {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
}

/// `pack.yaml`: metadata of a rule pack.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "gongkai rule pack")]
pub struct PackSpec {
    /// Profile the pack belongs to: `pre-2019`, `2019-trial`, `2021`, or `common` (all profiles).
    pub profile: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Years>,
    #[serde(default)]
    pub sections: Vec<SectionDef>,
    /// Statistics table templates of this format.
    #[serde(default)]
    pub tables: Vec<TableTemplate>,
    /// Profile whose table templates an outdated draft of this format may still use
    /// (e.g. a 2023 report with the 2019-trial 表三). Its tables are tried too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy: Option<String>,
}

pub use crate::document::template::{ColumnDef, RowDef, TableTemplate, ValueType};

pub fn rule_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(RuleSpec)).unwrap_or_default()
}

pub fn pack_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(PackSpec)).unwrap_or_default()
}
