//! JSON-pointer → YAML position index for rule files, so that schema errors
//! (which speak JSON pointers) can be shown at their YAML line and column.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use std::collections::HashMap;

/// Byte offsets of a node's value and, for mapping entries, of its key.
#[derive(Debug, Clone, Copy)]
pub struct Pos {
    pub value: (usize, usize),
    pub key: Option<(usize, usize)>,
}

/// Index of every node in a YAML document by JSON pointer.
#[derive(Debug, Default)]
pub struct PositionIndex {
    map: HashMap<String, Pos>,
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

impl PositionIndex {
    /// Build the index; `None` when saphyr cannot parse the text (the YAML parser
    /// used for the values reports that error with its own position).
    pub fn build(src: &str) -> Option<Self> {
        let docs = MarkedYaml::load_from_str(src).ok()?;
        let root = docs.into_iter().next()?;
        // saphyr counts characters; convert to bytes.
        let char_to_byte: Vec<usize> = src
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(src.len()))
            .collect();
        let conv = |c: usize| char_to_byte.get(c).copied().unwrap_or(src.len());
        let mut idx = PositionIndex::default();
        walk(&root, String::new(), None, &conv, &mut idx.map);
        Some(idx)
    }

    /// Closest known position for a pointer (walks up to the parent when unknown).
    pub fn lookup(&self, pointer: &str) -> Option<Pos> {
        let mut p = pointer.to_string();
        loop {
            if let Some(pos) = self.map.get(&p) {
                return Some(*pos);
            }
            let cut = p.rfind('/')?;
            p.truncate(cut);
        }
    }
}

fn walk(
    node: &MarkedYaml,
    ptr: String,
    key: Option<(usize, usize)>,
    conv: &dyn Fn(usize) -> usize,
    out: &mut HashMap<String, Pos>,
) {
    let s = conv(node.span.start.index());
    let mut e = conv(node.span.end.index());
    if e <= s {
        e = s + 1;
    }
    out.insert(ptr.clone(), Pos { value: (s, e), key });
    match &node.data {
        YamlData::Mapping(m) => {
            for (k, v) in m.iter() {
                let name = match &k.data {
                    YamlData::Value(Scalar::String(s)) => s.to_string(),
                    YamlData::Value(Scalar::Integer(i)) => i.to_string(),
                    YamlData::Value(Scalar::Boolean(b)) => b.to_string(),
                    YamlData::Representation(s, _, _) => s.to_string(),
                    _ => continue,
                };
                let ks = conv(k.span.start.index());
                let ke = conv(k.span.end.index()).max(ks + 1);
                walk(
                    v,
                    format!("{ptr}/{}", escape(&name)),
                    Some((ks, ke)),
                    conv,
                    out,
                );
            }
        }
        YamlData::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{ptr}/{i}"), None, conv, out);
            }
        }
        YamlData::Tagged(_, inner) => walk(inner, ptr, key, conv, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_map_to_bytes() {
        let src = "id: 联系方式\ncheck:\n  contact-block:\n    required: [phone, fax]\n";
        let idx = PositionIndex::build(src).unwrap();
        let p = idx.lookup("/check/contact-block/required/1").unwrap();
        assert_eq!(&src[p.value.0..p.value.1], "fax");
        let k = idx.lookup("/id").unwrap();
        assert_eq!(&src[k.key.unwrap().0..k.key.unwrap().1], "id");
        assert_eq!(&src[k.value.0..k.value.1], "联系方式");
    }
}
