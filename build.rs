//! Embeds the built-in rule packs (`rules/**.yaml`) into the binary, each also as JSON
//! converted here: parsing YAML at every start-up would cost milliseconds, JSON a tenth.
//! A file that does not parse is embedded without JSON; the loader then parses (and
//! reports) its YAML at run time.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/rules/regex_keys.rs"]
mod regex_keys;

#[path = "src/rules/needs.rs"]
mod needs;

fn collect(dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml") {
            out.push(p.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir");
    let rules = Path::new(&root).join("rules");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/rules/regex_keys.rs");
    println!("cargo:rerun-if-changed=src/rules/needs.rs");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    let mut src = String::from("/// Built-in rule files: (path relative to the crate, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    let mut json = String::from(
        "/// The same files as JSON, in the same order (empty when the YAML does not parse).\npub static EMBEDDED_JSON: &[&str] = &[\n",
    );
    let mut examples = String::from(
        "/// Each rule file's `examples` as JSON, in the same order (empty for packs): they are\n/// taken out of `EMBEDDED_JSON` so that a check, which never reads them, does not parse them.\npub static EMBEDDED_EXAMPLES: &[&str] = &[\n",
    );
    let mut patterns = String::from(
        "/// The patterns of each file, in the same order (`regex_keys::regex_strings`).\npub static EMBEDDED_PATTERNS: &[&[&str]] = &[\n",
    );
    let mut needs = String::from(
        "/// For each pattern of `EMBEDDED_PATTERNS`, the literals one of which every match\n/// holds (`needs::needed_literals`), `None` when there is no useful list.\npub static EMBEDDED_NEEDS: &[&[Option<&[&str]>]] = &[\n",
    );
    for f in &files {
        let rel = f
            .strip_prefix(&format!("{}/", root.replace('\\', "/")))
            .unwrap_or(f);
        let _ = writeln!(src, "    ({rel:?}, include_str!({f:?})),");
        let mut value = std::fs::read_to_string(f)
            .ok()
            .and_then(|t| serde_yaml::from_str::<serde_json::Value>(&t).ok());
        // The examples leave the JSON; an empty list stands in their place.
        let taken = value
            .as_mut()
            .and_then(|v| v.as_object_mut())
            .filter(|m| m.contains_key("examples"))
            .and_then(|m| {
                m.insert(
                    "examples".into(),
                    serde_json::json!({"valid": [], "invalid": []}),
                )
            })
            .map(|e| e.to_string())
            .unwrap_or_default();
        let converted = value.as_ref().map(|v| v.to_string()).unwrap_or_default();
        let _ = writeln!(json, "    {converted:?},");
        let _ = writeln!(examples, "    {taken:?},");
        let listed = value
            .as_ref()
            .map(regex_keys::regex_strings)
            .unwrap_or_default();
        let _ = writeln!(patterns, "    &{listed:?},");
        let lists: Vec<Option<Vec<String>>> =
            listed.iter().map(|p| needs::needed_literals(p)).collect();
        let _ = write!(needs, "    &[");
        for l in &lists {
            match l {
                Some(l) => {
                    let _ = write!(needs, "Some(&{l:?}), ");
                }
                None => {
                    let _ = write!(needs, "None, ");
                }
            }
        }
        let _ = writeln!(needs, "],");
    }
    src.push_str("];\n");
    src.push_str(&json);
    src.push_str("];\n");
    src.push_str(&patterns);
    src.push_str("];\n");
    src.push_str(&examples);
    src.push_str("];\n");
    src.push_str(&needs);
    src.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("out dir")).join("embedded_rules.rs");
    std::fs::write(out, src).expect("write embedded rules");
}
