//! Schemas: the rule/pack schemas match the Rust types (drift test), and the
//! JSON output of every fixture validates against schemas/diagnostics.schema.json.

use crate::support::*;

fn schema_file(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(name)
}

fn drift(name: &str, generated: serde_json::Value) {
    let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
    let path = schema_file(name);
    if std::env::var_os("GONGKAI_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{name} is out of date: run GONGKAI_UPDATE_SCHEMAS=1 cargo test schema_drift"
    );
}

#[test]
fn schema_drift() {
    drift("rule.schema.json", gongkai::rules::spec::rule_schema());
    drift("pack.schema.json", gongkai::rules::spec::pack_schema());
}

#[test]
fn json_output_validates() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(schema_file("diagnostics.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = fixture("");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let (_, v) = check_json(&[entry.path().to_str().unwrap()]);
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", entry.path().display());
        checked += 1;
    }
    assert!(checked >= 5);
    // An error entry (file not checkable) validates too.
    let (_, v) = check_json(&["/nonexistent.txt"]);
    assert!(validator.is_valid(&v));
}
