//! .html (published report pages and CMS fragments) → virtual text.
//!
//! Decoding follows the browser order in short: BOM, then a `<meta charset>` prescan of
//! the first 1024 bytes (government sites often declare `gb2312`, decoded as GB18030),
//! then detection. Scripts, styles, navigation, page headers/footers and hidden
//! elements are dropped; block elements start new lines; `<br>` breaks a line (a space
//! inside a table cell); `&nbsp;` becomes a plain space. Tables are expanded with their
//! `rowspan`/`colspan`. A table that contains another table is page layout: its cells
//! are read as text, and the inner tables become grids (see `docx/emit.rs`).

use crate::source::encoding;
use crate::source::layout::{CellBudget, Layout, Slot};
use crate::source::{LoadError, Source};
use ego_tree::NodeRef;
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use scraper::{Html, Node};

/// Deepest nesting the source may show before parsing (see [`tag_depth`]): looser than
/// the depth limit, since the count cannot know every element the parser closes implicitly.
const PRESCAN_FACTOR: usize = 2;
/// Largest `colspan`/`rowspan` honoured (the HTML limit for colspan).
const MAX_SPAN: usize = 1000;

#[cfg(test)]
pub(crate) mod tests;

const SKIP: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "iframe",
    "object", "embed", "svg", "math", "canvas", "select", "button", "textarea", "audio", "video",
    "title",
];
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

pub fn read(path: String, bytes: &[u8]) -> Result<Source, LoadError> {
    let (text, enc) = decode(bytes)?;
    // The HTML parser scans its stack of open elements for many tags: deep nesting makes
    // it quadratic (100,000 nested <div> took half a minute). Refuse before parsing.
    let limit = crate::source::reader_limits().depth;
    if tag_depth(&text) > PRESCAN_FACTOR.saturating_mul(limit) {
        return Err(LoadError::TooDeep { limit });
    }
    let html = Html::parse_document(&text);
    let mut flow = Flow {
        layout: Layout::new(),
        line: String::new(),
        heading: None,
        budget: CellBudget::default(),
    };
    flow.walk(html.tree.root())?;
    flow.flush();
    flow.layout.finish(path, enc)
}

/// Decoded text and the encoding's name.
fn decode(bytes: &[u8]) -> Result<(String, &'static str), LoadError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), enc.name()));
    }
    if let Some(mut enc) = prescan_charset(&bytes[..bytes.len().min(1024)]) {
        if enc == GBK {
            enc = GB18030;
        }
        if enc == UTF_16LE || enc == UTF_16BE {
            enc = UTF_8;
        }
        // A page mislabelled by its CMS falls through to detection.
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return Ok((text.into_owned(), enc.name()));
        }
    }
    let d = encoding::decode(bytes)?;
    Ok((d.text, d.encoding))
}

/// The label of the first `<meta charset=…>` or `<meta http-equiv … content="…charset=…">`.
fn prescan_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut rest = &lower[..];
    while let Some(i) = find(rest, b"<meta") {
        let tag = &rest[i..];
        let end = tag.iter().position(|b| *b == b'>').unwrap_or(tag.len());
        let tag = &tag[..end];
        if let Some(j) = find(tag, b"charset") {
            let v = &tag[j + 7..];
            let v = v.strip_prefix(b" ").unwrap_or(v);
            if let Some(v) = v.strip_prefix(b"=") {
                let v: Vec<u8> = v
                    .iter()
                    .copied()
                    .skip_while(|b| matches!(b, b' ' | b'"' | b'\''))
                    .take_while(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')
                    })
                    .collect();
                if let Some(enc) = Encoding::for_label(&v) {
                    return Some(enc);
                }
            }
        }
        rest = &rest[i + 5..];
    }
    None
}

/// Elements without content, and elements whose end tag is usually left out: neither
/// deepens the nesting the parser builds.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
    "option", "optgroup", "rb", "rt", "rp", "html", "head", "body",
];

/// The deepest nesting of start tags over end tags in the source, in one linear pass
/// (comments, declarations and the content of script/style skipped). An upper bound,
/// for practical pages, of the depth of the parsed tree.
fn tag_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut i, mut depth, mut max) = (0, 0usize, 0usize);
    // Open <svg>/<math> elements: only inside them (and on them) does `/>` close a tag;
    // on an HTML element such as `<div/>` the parser ignores it, and the div nests.
    let mut foreign = 0usize;
    let is_foreign = |name: &[u8]| name == b"svg" || name == b"math";
    let name_at = |from: usize| -> &[u8] {
        let end = b[from..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |n| from + n);
        &b[from..end]
    };
    let skip_past = |from: usize, needle: &[u8]| -> usize {
        find(&b[from..], needle).map_or(b.len(), |n| from + n + needle.len())
    };
    while let Some(n) = b[i..].iter().position(|c| *c == b'<') {
        i += n + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => i = skip_past(i, b"-->"),
            Some(b'!' | b'?') => i = skip_past(i, b">"),
            Some(b'/') => {
                let name = name_at(i + 1).to_ascii_lowercase();
                if !name.is_empty() && !FLAT.iter().any(|f| f.as_bytes() == name) {
                    depth = depth.saturating_sub(1);
                }
                if is_foreign(&name) {
                    foreign = foreign.saturating_sub(1);
                }
                i = skip_past(i, b">");
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = name_at(i).to_ascii_lowercase();
                let end = skip_past(i, b">");
                let self_closing =
                    end >= 2 && b[end - 2] == b'/' && (foreign > 0 || is_foreign(&name));
                if is_foreign(&name) && !self_closing {
                    foreign += 1;
                }
                if name == b"script" || name == b"style" {
                    let close: &[u8] = if name == b"script" {
                        b"</script"
                    } else {
                        b"</style"
                    };
                    let rest = &b[end.min(b.len())..];
                    i = rest
                        .windows(close.len())
                        .position(|w| w.eq_ignore_ascii_case(close))
                        .map_or(b.len(), |n| end + n);
                    continue;
                }
                if !self_closing && !FLAT.iter().any(|f| f.as_bytes() == name) {
                    depth += 1;
                    max = max.max(depth);
                }
                i = end;
            }
            _ => {}
        }
        if i >= b.len() {
            break;
        }
    }
    max
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn element_name(node: NodeRef<'_, Node>) -> Option<&str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn hidden(node: NodeRef<'_, Node>) -> bool {
    let Node::Element(e) = node.value() else {
        return false;
    };
    if e.attr("hidden").is_some() {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

fn skipped(node: NodeRef<'_, Node>) -> bool {
    matches!(
        node.value(),
        Node::Comment(_) | Node::ProcessingInstruction(_) | Node::Doctype(_)
    ) || element_name(node).is_some_and(|n| SKIP.contains(&n))
        || hidden(node)
}

/// Text with HTML whitespace collapsed; `&nbsp;` (already U+00A0) kept as a plain space.
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            ' ' | '\t' | '\n' | '\r' | '\u{c}' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\u{a0}' => out.push(' '),
            c => out.push(c),
        }
    }
}

enum Visit<'a> {
    Enter(NodeRef<'a, Node>, usize),
    Exit(NodeRef<'a, Node>),
}

struct Flow {
    layout: Layout,
    line: String,
    heading: Option<u8>,
    budget: CellBudget,
}

impl Flow {
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.layout
            .paragraph(line.trim_matches(' '), self.heading.take());
    }

    fn walk(&mut self, root: NodeRef<'_, Node>) -> Result<(), LoadError> {
        let mut stack = vec![Visit::Enter(root, 0)];
        while let Some(v) = stack.pop() {
            let (node, depth) = match v {
                Visit::Exit(node) => {
                    if element_name(node).is_some_and(|n| BLOCK.contains(&n)) {
                        self.flush();
                    }
                    continue;
                }
                Visit::Enter(node, depth) => (node, depth),
            };
            if depth > crate::source::reader_limits().depth {
                return Err(LoadError::TooDeep {
                    limit: crate::source::reader_limits().depth,
                });
            }
            if skipped(node) {
                continue;
            }
            if let Node::Text(t) = node.value() {
                push_collapsed(&mut self.line, t);
                continue;
            }
            match element_name(node) {
                Some("br") => {
                    self.flush();
                    continue;
                }
                Some("table")
                    if !node
                        .descendants()
                        .skip(1)
                        .any(|d| element_name(d) == Some("table")) =>
                {
                    self.flush();
                    self.table(node)?;
                    continue;
                }
                Some(n) if BLOCK.contains(&n) => {
                    self.flush();
                    if let [b'h', d @ b'1'..=b'6'] = n.as_bytes() {
                        self.heading = Some(d - b'1');
                    }
                }
                _ => {}
            }
            stack.push(Visit::Exit(node));
            let children: Vec<_> = node.children().collect();
            stack.extend(
                children
                    .into_iter()
                    .rev()
                    .map(|c| Visit::Enter(c, depth + 1)),
            );
        }
        Ok(())
    }

    fn table(&mut self, table: NodeRef<'_, Node>) -> Result<(), LoadError> {
        let mut rows: Vec<Vec<(String, usize, usize)>> = Vec::new();
        for node in table.descendants() {
            match element_name(node) {
                Some("caption") if !skipped(node) => {
                    self.layout.paragraph(cell_text(node).trim(), None)
                }
                Some("tr") if !skipped(node) => {
                    let cells = node
                        .children()
                        .filter(|c| matches!(element_name(*c), Some("td" | "th")) && !hidden(*c))
                        .map(|c| (cell_text(c), span(c, "rowspan"), span(c, "colspan")))
                        .collect();
                    rows.push(cells);
                }
                _ => {}
            }
        }
        let n = rows.len();
        let mut grid: Vec<Vec<Option<Slot>>> = vec![Vec::new(); n];
        for (r, cells) in rows.into_iter().enumerate() {
            let mut c = 0;
            for (text, rs, cs) in cells {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                // rowspan="0" spans the rest of the table; spans never leave the table.
                let rs = if rs == 0 { n - r } else { rs.min(n - r) };
                let cs = cs.max(1);
                self.budget.take(rs.saturating_mul(cs))?;
                let mut text = Some(text);
                for (dr, row) in grid[r..r + rs].iter_mut().enumerate() {
                    if row.len() < c + cs {
                        row.resize(c + cs, None);
                    }
                    for (dc, slot) in row[c..c + cs].iter_mut().enumerate() {
                        if slot.is_none() {
                            *slot = Some(match (dr, dc, text.take()) {
                                (0, 0, Some(t)) => Slot::Text(t),
                                _ => Slot::Merged(r, c),
                            });
                        }
                    }
                }
                c += cs;
            }
        }
        let rows: Vec<Vec<Slot>> = grid
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|s| s.unwrap_or(Slot::Text(String::new())))
                    .collect()
            })
            .collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        self.budget.take(width.saturating_mul(rows.len()))?;
        self.layout.table(rows);
        Ok(())
    }
}

fn span(cell: NodeRef<'_, Node>, name: &str) -> usize {
    let Node::Element(e) = cell.value() else {
        return 1;
    };
    let v = e.attr(name).map(|v| v.trim()).and_then(|v| {
        let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<usize>().ok()
    });
    match v {
        Some(v) => v.min(MAX_SPAN),
        None => 1,
    }
}

/// A cell's text on one line: blocks and `<br>` become spaces, runs of spaces collapse.
fn cell_text(cell: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    let mut stack = vec![cell];
    while let Some(node) = stack.pop() {
        if skipped(node) {
            continue;
        }
        match node.value() {
            Node::Text(t) => push_collapsed(&mut out, t),
            Node::Element(e)
                if (e.name() == "br" || BLOCK.contains(&e.name())) && !out.ends_with(' ') =>
            {
                out.push(' ')
            }
            _ => {}
        }
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev());
    }
    let mut folded = String::with_capacity(out.len());
    for c in out.trim_matches(' ').chars() {
        if c != ' ' || !folded.ends_with(' ') {
            folded.push(c);
        }
    }
    folded
}

#[cfg(test)]
mod depth_tests {
    use super::tag_depth;

    #[test]
    fn tag_depth_counts_what_the_parser_nests() {
        assert_eq!(tag_depth("<div><div><span>x</span></div></div>"), 3);
        // Void and implicitly closed elements, comments and scripts do not nest.
        assert_eq!(
            tag_depth("<p>a<p>b<br><img src=x><li>c<!-- <div><div> -->"),
            0
        );
        assert_eq!(
            tag_depth("<script>if (a<b) { '<div><div>' }</SCRIPT><br/>"),
            0
        );
        // `/>` closes only foreign (SVG/MathML) elements; `<div/>` opens a div.
        assert_eq!(tag_depth(&"<div/>".repeat(1000)), 1000);
        assert_eq!(
            tag_depth(&format!("<svg>{}</svg><math/>", "<path d=x/>".repeat(1000))),
            1
        );
        assert_eq!(tag_depth("<svg><g><rect/></g></svg><div>"), 2);
        assert_eq!(tag_depth("</div></div><div>"), 1);
        assert_eq!(tag_depth(&"<div>".repeat(100_000)), 100_000);
        assert_eq!(tag_depth("<div"), 1);
        assert_eq!(tag_depth("<"), 0);
    }
}
