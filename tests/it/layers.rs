//! The house has no import circle: the top-level modules of `src/` (files and folders
//! directly under it) import one another only downward. Edges are read from the source
//! text, comments stripped: every `crate::NAME` path and every name in a
//! `use crate::{…}` group. A strongly connected component of more than one module is a
//! circle; the test names it and the files behind each of its edges.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// module → imported module → files that import it.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Names a file refers to: `crate::NAME` paths and the words of `use crate::{…}` groups.
fn referenced(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if end > 0 {
            names.insert(rest[..end].to_string());
        }
    }
    for (i, _) in text.match_indices("use crate::{") {
        let rest = &text[i + "use crate::{".len()..];
        let group = &rest[..rest.find(';').unwrap_or(rest.len())];
        names.extend(
            group
                .split(|c: char| !is_ident(c))
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
    }
    names
}

fn graph(src: &Path) -> Graph {
    let mut modules = BTreeSet::new();
    for e in fs::read_dir(src).expect("src/ is readable").flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if e.path().is_dir() {
            modules.insert(name);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            if stem != "lib" && stem != "main" {
                modules.insert(stem.to_string());
            }
        }
    }
    let mut g: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeMap::new()))
        .collect();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    for f in files {
        let rel = f.strip_prefix(src).expect("under src/");
        let first = rel.components().next().expect("a path");
        let first = first.as_os_str().to_string_lossy();
        let from = first.strip_suffix(".rs").unwrap_or(&first).to_string();
        if !modules.contains(&from) {
            continue;
        }
        let text = strip_comments(&fs::read_to_string(&f).expect("source is UTF-8"));
        for to in referenced(&text) {
            if to != from && modules.contains(&to) {
                g.get_mut(&from)
                    .expect("a module")
                    .entry(to)
                    .or_default()
                    .insert(format!("src/{}", rel.to_string_lossy()));
            }
        }
    }
    g
}

fn reachable(g: &Graph, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(m) = stack.pop() {
        for to in g[&m].keys() {
            if seen.insert(to.clone()) {
                stack.push(to.clone());
            }
        }
    }
    seen
}

/// Every strongly connected component of more than one module, with its edges.
fn circles(g: &Graph) -> Vec<String> {
    let reach: BTreeMap<&String, BTreeSet<String>> =
        g.keys().map(|m| (m, reachable(g, m))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for m in g.keys() {
        if done.contains(m) {
            continue;
        }
        let scc: BTreeSet<&String> = g
            .keys()
            .filter(|o| *o == m || (reach[m].contains(*o) && reach[*o].contains(m)))
            .collect();
        done.extend(scc.iter().map(|s| s.to_string()));
        if scc.len() < 2 {
            continue;
        }
        let mut text = format!(
            "circle: {}",
            scc.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        for a in &scc {
            for (b, files) in &g[*a] {
                if scc.contains(b) {
                    let files: Vec<&str> = files.iter().map(String::as_str).collect();
                    text.push_str(&format!("\n  {a} -> {b}: {}", files.join(", ")));
                }
            }
        }
        out.push(text);
    }
    out
}

#[test]
fn no_import_circle_in_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    // The reader must see the house: a graph without edges would pass vacuously.
    assert!(g["batch"].contains_key("render") && g["document"].contains_key("facts"));
    let found = circles(&g);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_back_edge_is_a_circle() {
    let mut g = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    g.get_mut("diagnostic")
        .expect("diagnostic")
        .entry("render".into())
        .or_default()
        .insert("src/diagnostic.rs".into());
    let found = circles(&g);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("diagnostic -> render: src/diagnostic.rs"));
}
