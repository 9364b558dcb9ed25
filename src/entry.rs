//! Entry points that take arbitrary bytes and run them through a whole stage of the
//! program, exactly as a user's file would go. The fuzz targets (`fuzz/`) call these,
//! and so does the test that replays the inputs they found, so a regression input
//! always exercises the same path. Nothing here prints; every function must return
//! for any input (a panic is a bug).

use crate::cli::Format;
use crate::commands::{check_text, CheckOptions};
use crate::document::Document;
use crate::render::{self, FileReport};
use crate::rules::{self, PackFile, RuleSet, Settings};
use crate::source::{self, Source};
use std::sync::LazyLock;

/// The built-in rule set, loaded once per process.
pub fn builtin_rules() -> &'static RuleSet {
    static RULES: LazyLock<RuleSet> =
        LazyLock::new(|| RuleSet::builtin().expect("the embedded rule packs load"));
    &RULES
}

/// Load bytes as a file named `name` (its extension picks the reader), check the
/// result with the built-in rules and render it as human text and JSON.
/// Returns the report, or the load error's message.
pub fn check_bytes(name: &str, bytes: &[u8]) -> Result<FileReport, String> {
    let src = source::load_bytes(name, bytes).map_err(|e| e.to_string())?;
    Ok(check_source(src, builtin_rules()))
}

/// Check a decoded source and render it in the two main formats.
pub fn check_source(src: Source, rules: &RuleSet) -> FileReport {
    let report = check_text(src, rules, &CheckOptions::default());
    let sets = [rules];
    let ctx = render::Context::new(&sets, None);
    let files = std::slice::from_ref(&report);
    let _ = render::render(Format::Human, files, &ctx);
    let _ = render::render(Format::Json, files, &ctx);
    report
}

/// Structure and table recovery on arbitrary text: the outline, the facts and every
/// profile's table templates (`Ctx::new` recovers them), without evaluating rules.
pub fn recover_tables(text: &str) -> usize {
    let rs = builtin_rules();
    let doc = Document::new(Source::new("-", text.to_string(), "UTF-8"));
    let settings = Settings::default();
    rules::PROFILES
        .iter()
        .map(|p| {
            let ctx = rules::Ctx::new(&doc, rs, p, &settings);
            ctx.tables.values().map(|t| t.cell_count()).sum::<usize>()
        })
        .sum()
}

/// A short draft that the loaded rules are run on in [`load_rule_file`].
const DRAFT: &str = "某某县人民政府2023年政府信息公开工作年度报告\n\
本报告所列数据的统计期限为2023年1月1日至12月31日。如对本报告有疑问，请联系（电话：0517-87290600）。\n\
一、总体情况\n全年新收政府信息公开申请12件，其中自然人10件，商业企业2件。\n\
三、收到和处理政府信息公开申请情况\n本年新收\t10\t2\t0\t0\t0\t0\t12\n\
六、其他需要报告的事项\n本年度未收取信息处理费。\n某某县人民政府\n2024年1月20日\n";

/// The rule-pack loader on arbitrary YAML. The first byte picks the role of the rest:
/// even → a rule file beside a minimal `pack.yaml` (profile 2021); odd → the
/// `pack.yaml` itself, with one ordinary rule file beside it. When the file loads,
/// its rules are run on a short draft. Returns whether the file was accepted.
pub fn load_rule_file(data: &[u8]) -> bool {
    let Some((&mode, rest)) = data.split_first() else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return false;
    };
    const PACK: &str = "profile: '2021'\nname: 模糊测试\n";
    const RULE: &str = "id: needs-email\ncategory: contact\nseverity: warning\n\
message: 报告没有给出{items}\nhelp: 请补充电子邮箱。\nbasis: 测试\n\
examples:\n  valid: ['电子邮箱：gk@example.gov.cn']\n  invalid: ['电话：020-83831691']\n\
check:\n  contact-block:\n    required: [email]\n";
    let (pack, rule) = if mode % 2 == 0 {
        (PACK, text)
    } else {
        (text, RULE)
    };
    let files = vec![
        PackFile {
            path: "fuzz/pack.yaml".into(),
            text: pack.into(),
        },
        PackFile {
            path: "fuzz/rule.yaml".into(),
            text: rule.into(),
        },
    ];
    let mut rs = builtin_rules().clone();
    if rs.add_files(files).is_err() {
        return false;
    }
    check_source(Source::new("-", DRAFT.to_string(), "UTF-8"), &rs);
    true
}
