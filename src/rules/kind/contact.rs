//! Contact block: required items present, and well formed.

use super::super::spec::ContactBlock;
use super::super::{Ctx, Finding};

pub fn run(p: &ContactBlock, ctx: &Ctx) -> Vec<Finding> {
    let doc = ctx.doc;
    let items = &doc.facts.contacts;
    let mut out = Vec::new();
    let missing: Vec<&str> = p
        .required
        .iter()
        .filter(|k| !items.iter().any(|c| c.kind == **k))
        .map(|k| k.zh())
        .collect();
    if !missing.is_empty() {
        let (s, _) = doc.opening_span();
        out.push(Finding::at(s, s).var("items", missing.join("、")));
    }
    for c in items
        .iter()
        .filter(|c| !c.valid && p.required.contains(&c.kind))
    {
        out.push(
            Finding::at(c.start, c.end)
                .variant("malformed")
                .var("item", c.kind.zh())
                .var("value", doc.norm.text[c.start..c.end].to_string()),
        );
    }
    out
}
