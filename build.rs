//! Embeds the built-in rule packs (`rules/**.yaml`) into the binary, each also as JSON
//! converted here: parsing YAML at every start-up would cost milliseconds, JSON a tenth.
//! A file that does not parse is embedded without JSON; the loader then parses (and
//! reports) its YAML at run time.

use std::fmt::Write as _;
use std::path::Path;

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
    let mut files = Vec::new();
    collect(&rules, &mut files);
    let mut src = String::from("/// Built-in rule files: (path relative to the crate, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    let mut json = String::from(
        "/// The same files as JSON, in the same order (empty when the YAML does not parse).\npub static EMBEDDED_JSON: &[&str] = &[\n",
    );
    for f in &files {
        let rel = f
            .strip_prefix(&format!("{}/", root.replace('\\', "/")))
            .unwrap_or(f);
        let _ = writeln!(src, "    ({rel:?}, include_str!({f:?})),");
        let converted = std::fs::read_to_string(f)
            .ok()
            .and_then(|t| serde_yaml::from_str::<serde_json::Value>(&t).ok())
            .map(|v| v.to_string())
            .unwrap_or_default();
        let _ = writeln!(json, "    {converted:?},");
    }
    src.push_str("];\n");
    src.push_str(&json);
    src.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("out dir")).join("embedded_rules.rs");
    std::fs::write(out, src).expect("write embedded rules");
}
