//! A thin, depth-limited event walk over one OOXML part.
//!
//! It resolves element namespaces (WPS and Word use different extra namespaces, and a
//! few writers use another prefix for WordprocessingML), turns entity references into
//! text, and refuses pathological nesting. It builds nothing itself.

use crate::source::LoadError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// Deepest element nesting accepted in a part. Real documents stay below ~40.
pub const MAX_DEPTH: usize = 512;

const W_NS: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The namespaces the readers care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML (`w:`).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Package relationships (`.rels` parts).
    Rel,
    Other,
}

/// One step of the walk. `Open` is followed by a matching `Close`, also for empty elements.
pub enum Step<'a> {
    Open {
        ns: Ns,
        name: &'a str,
        tag: &'a BytesStart<'a>,
    },
    Close {
        ns: Ns,
        name: &'a str,
    },
    Text(&'a str),
}

fn classify(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => match ns.as_ref() {
            u if W_NS.contains(&u) => Ns::W,
            MC_NS => Ns::Mc,
            REL_NS => Ns::Rel,
            _ => Ns::Other,
        },
        _ => Ns::Other,
    }
}

/// Walk `xml`, calling `f` for every step. Malformed XML is a `Corrupt` error naming `part`.
pub fn walk(
    xml: &str,
    part: &str,
    mut f: impl FnMut(Step<'_>) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().check_end_names = true;
    // The open elements: `names[..depth]`. Entries above `depth` are kept and overwritten,
    // so that a part's thousands of elements do not each allocate a name.
    let mut names: Vec<(Ns, String)> = Vec::new();
    let mut depth = 0usize;
    let corrupt =
        |e: &dyn std::fmt::Display| LoadError::Corrupt(format!("{part} 不是有效的 XML（{e}）"));
    loop {
        let (res, ev) = reader.read_resolved_event().map_err(|e| corrupt(&e))?;
        let ns = classify(&res);
        match ev {
            Event::Start(tag) => {
                if depth >= MAX_DEPTH {
                    return Err(LoadError::TooDeep { limit: MAX_DEPTH });
                }
                let qname = tag.name();
                let name = local(qname.as_ref());
                f(Step::Open {
                    ns,
                    name,
                    tag: &tag,
                })?;
                match names.get_mut(depth) {
                    Some(slot) => {
                        slot.0 = ns;
                        slot.1.clear();
                        slot.1.push_str(name);
                    }
                    None => names.push((ns, name.to_string())),
                }
                depth += 1;
            }
            Event::Empty(tag) => {
                let qname = tag.name();
                let name = local(qname.as_ref());
                f(Step::Open {
                    ns,
                    name,
                    tag: &tag,
                })?;
                f(Step::Close { ns, name })?;
            }
            Event::End(_) => {
                if depth == 0 {
                    return Err(corrupt(&"多余的结束标签"));
                }
                depth -= 1;
                let (ns, name) = &names[depth];
                f(Step::Close { ns: *ns, name })?;
            }
            Event::Text(t) => f(Step::Text(&t.xml10_content()))?,
            Event::CData(t) => {
                let s: &str = t.as_ref();
                f(Step::Text(s))?;
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let Some(c) = c {
                    let mut buf = [0u8; 4];
                    f(Step::Text(c.encode_utf8(&mut buf)))?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A part cut short: close what is open so the caller can flush its state.
    while depth > 0 {
        depth -= 1;
        let (ns, name) = &names[depth];
        f(Step::Close { ns: *ns, name })?;
    }
    Ok(())
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

/// The value of the attribute with this local name (`w:val`, `val`, `r:id` → "id").
pub fn attr(tag: &BytesStart<'_>, name: &str) -> Option<String> {
    tag.attributes().with_checks(false).flatten().find_map(|a| {
        if local(a.key.as_ref()) == name {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        } else {
            None
        }
    })
}

/// A numeric attribute, if present and a number.
pub fn attr_num(tag: &BytesStart<'_>, name: &str) -> Option<i64> {
    attr(tag, name).and_then(|v| v.trim().parse().ok())
}

/// OOXML on/off properties: present means on unless `val` says otherwise.
pub fn is_on(tag: &BytesStart<'_>) -> bool {
    !matches!(
        attr(tag, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Result<Vec<String>, LoadError> {
        let mut out = Vec::new();
        walk(xml, "t.xml", |s| {
            out.push(match s {
                Step::Open { ns, name, .. } => format!("<{ns:?}:{name}"),
                Step::Close { name, .. } => format!(">{name}"),
                Step::Text(t) => t.to_string(),
            });
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn namespaces_entities_and_empty_elements() {
        let x = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:o="urn:other"><x:t>a&amp;b&#20013;</x:t><o:z/></x:document>"#;
        let ev = events(x).unwrap();
        assert_eq!(
            ev,
            vec![
                "<W:document",
                "<W:t",
                "a",
                "&",
                "b",
                "中",
                ">t",
                "<Other:z",
                ">z",
                ">document"
            ]
        );
    }

    #[test]
    fn depth_and_malformed() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(matches!(events(&deep), Err(LoadError::TooDeep { .. })));
        assert!(matches!(events("<a><b></a>"), Err(LoadError::Corrupt(_))));
    }
}
