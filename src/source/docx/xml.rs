//! A thin, depth-limited event walk over one OOXML part.
//!
//! It resolves element namespaces (WPS and Word use different extra namespaces, and a
//! few writers use another prefix for WordprocessingML), turns entity references into
//! text, and refuses pathological nesting. It builds nothing itself.
//!
//! Two walkers produce the same steps. The fast one scans the markup itself, tokenizing
//! exactly as quick-xml does, resolves namespaces only where `xmlns` is declared, and
//! borrows everything from the part. Whatever it is not sure of (any error, a DOCTYPE)
//! makes it give up; the part is then walked again from a fresh state by quick-xml's
//! `NsReader`, so that errors read exactly as quick-xml words them.

use crate::source::LoadError;
use quick_xml::events::{BytesRef, BytesStart, BytesText, Event};
use quick_xml::name::{NamespaceResolver, QName, ResolveResult};
use quick_xml::NsReader;
use std::borrow::Cow;

/// Deepest element nesting accepted in a part. Real documents stay below ~40.
#[cfg(test)]
pub const MAX_DEPTH: usize = crate::source::ReaderLimits::DEFAULT.depth;

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
    Text(Text<'a>),
}

/// Character data, decoded only when a reader wants it.
#[derive(Clone, Copy)]
pub enum Text<'a> {
    /// Text as written between markup: line ends are normalized on use.
    Raw(&'a str),
    /// Text used as is: CDATA content, or text without carriage returns.
    Verbatim(&'a str),
    /// The name of an entity or character reference (`amp`, `#20013`).
    Ref(&'a str),
}

impl Text<'_> {
    /// Calls `f` with the text (nothing for an unknown or invalid reference).
    pub fn with(&self, f: impl FnOnce(&str)) {
        match *self {
            // Without a carriage return the normalization would borrow `raw` unchanged.
            Text::Raw(raw) if !raw.as_bytes().contains(&b'\r') => f(raw),
            Text::Raw(raw) => f(&BytesText::from_escaped(raw).xml10_content()),
            Text::Verbatim(s) => f(s),
            Text::Ref(name) => {
                let r = BytesRef::new(name);
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match name {
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
                    f(c.encode_utf8(&mut [0u8; 4]));
                }
            }
        }
    }
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

/// Walk `xml` with a fresh `S`, calling `f` for every step, and return the state with the
/// walk's outcome (the state is kept on error: some readers use what came before it).
/// Malformed XML is a `Corrupt` error naming `part`.
pub fn walk<S: Default>(
    xml: &str,
    part: &str,
    mut f: impl FnMut(&mut S, Step<'_>),
) -> (S, Result<(), LoadError>) {
    let mut state = S::default();
    match fast(xml, &mut state, &mut f) {
        Ok(()) => (state, Ok(())),
        Err(Stop::Err(e)) => (state, Err(e)),
        Err(Stop::Unsure) => {
            let mut state = S::default();
            let r = slow(xml, part, &mut state, &mut f);
            (state, r)
        }
    }
}

/// Why the fast walk stopped early.
enum Stop {
    /// A result that quick-xml's reader would give just the same.
    Err(LoadError),
    /// Something only quick-xml's reader can judge (an error, a DOCTYPE).
    Unsure,
}

/// An element open in the fast walk.
struct Open {
    /// Byte range of its qualified name in the part, and where its local name starts.
    start: usize,
    local: usize,
    end: usize,
    ns: Ns,
    /// Whether it declared namespaces (pushed a scope on the resolver).
    scoped: bool,
}

/// Most prefixes remembered at once by `Names`.
const MAX_CACHED_PREFIXES: usize = 16;

/// Element namespaces, resolved once per prefix while the declarations in scope stay the
/// same.
struct Names {
    resolver: NamespaceResolver,
    /// (prefix key, namespace) seen since the scope last changed.
    cache: Vec<(u64, Ns)>,
}

/// A prefix of up to seven bytes as one number (`u64::MAX` for no prefix); `None` for a
/// longer one, which is resolved every time.
#[inline(always)]
fn prefix_key(prefix: Option<&str>) -> Option<u64> {
    match prefix {
        None => Some(u64::MAX),
        Some(p) if p.len() <= 7 => {
            let mut key = (p.len() as u64) << 56;
            for (i, c) in p.bytes().enumerate() {
                key |= (c as u64) << (8 * i);
            }
            Some(key)
        }
        Some(_) => None,
    }
}

impl Names {
    #[inline(always)]
    fn ns(&mut self, qname: &str, colon: Option<usize>) -> Ns {
        let key = prefix_key(colon.map(|c| &qname[..c]));
        if let Some(key) = key {
            if let Some(&(k, ns)) = self.cache.first() {
                if k == key {
                    return ns;
                }
            }
        }
        self.ns_slow(qname, key)
    }

    #[cold]
    fn ns_slow(&mut self, qname: &str, key: Option<u64>) -> Ns {
        if let Some(key) = key {
            for &(k, ns) in &self.cache {
                if k == key {
                    return ns;
                }
            }
        }
        let ns = classify(&self.resolver.resolve_element(QName(qname)).0);
        // A handful of prefixes is the norm; a part inventing thousands is resolved
        // name by name rather than searched through a long list.
        if let (Some(key), true) = (key, self.cache.len() < MAX_CACHED_PREFIXES) {
            self.cache.push((key, ns));
        }
        ns
    }

    fn push(&mut self, tag: &BytesStart<'_>) -> Result<(), Stop> {
        self.cache.clear();
        self.resolver.push(tag).map_err(|_| Stop::Unsure)
    }

    fn pop(&mut self) {
        self.cache.clear();
        self.resolver.pop();
    }
}

#[inline]
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

// Byte search eight bytes at a time (SWAR). In `zero_bytes(v)` the lowest set bit marks
// the first zero byte of `v` exactly; bits above it may be spurious, which a search for
// the first match never looks at.
const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

#[inline(always)]
fn zero_bytes(v: u64) -> u64 {
    v.wrapping_sub(LO) & !v & HI
}

/// Index of the first byte at or after `i` that is `a`, `b` or `c`.
#[inline(always)]
fn find3(h: &[u8], i: usize, a: u8, b: u8, c: u8) -> Option<usize> {
    memchr::memchr3(a, b, c, h.get(i..)?).map(|k| i + k)
}

/// High bit set in exactly the bytes of `v` that are zero.
#[inline(always)]
fn exact_zero_bytes(v: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((v & LOW7).wrapping_add(LOW7)) | v | LOW7)
}

/// Number of high bits set in a mask of `exact_zero_bytes`.
#[inline(always)]
fn count_marks(m: u64) -> u64 {
    (m >> 7).wrapping_mul(LO) >> 56
}

/// Index of the `>` closing a tag that starts at `h[from]`, skipping quoted values the way
/// quick-xml's element parser does, and whether the tag may hold an `x` (a namespace
/// declaration needs one).
///
/// Eight bytes at a time: with only double quotes before it, the first `>` closes the tag
/// when an even number of quotes precede it. Anything else (single quotes, a `>` inside a
/// value, the last bytes of the part) is left to the byte-wise state machine.
#[inline]
fn tag_end(h: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut i = from;
    let mut quotes = 0u64;
    let mut xs = 0u64;
    while let Some(chunk) = h.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if zero_bytes(v ^ (LO * b'\'' as u64)) != 0 {
            break;
        }
        let dq = exact_zero_bytes(v ^ (LO * b'"' as u64));
        let x = zero_bytes(v ^ (LO * b'x' as u64));
        let gt = zero_bytes(v ^ (LO * b'>' as u64));
        if gt != 0 {
            let bit = gt.trailing_zeros();
            let below = (1u64 << (bit - 7)) - 1;
            if (quotes + count_marks(dq & below)).is_multiple_of(2) {
                return Some((i + (bit / 8) as usize, (xs | (x & below)) != 0));
            }
            break;
        }
        quotes += count_marks(dq);
        xs |= x;
        i += 8;
    }
    tag_end_bytewise(h, from).map(|end| (end, true))
}

/// `tag_end` by quick-xml's state machine: a `>` outside quotes ends the tag.
fn tag_end_bytewise(h: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let k = find3(h, i, b'>', b'"', b'\'')?;
        let q = h[k];
        if q == b'>' {
            return Some(k);
        }
        i = find3(h, k + 1, q, q, q)? + 1;
    }
}

/// Whether the attribute text may declare a namespace (`xmlns` anywhere in it).
#[inline]
fn mentions_xmlns(h: &[u8]) -> bool {
    let mut i = 0;
    while let Some(k) = find3(h, i, b'x', b'x', b'x') {
        if h[k..].starts_with(b"xmlns") {
            return true;
        }
        i = k + 1;
    }
    false
}

/// The fast walk: quick-xml's tokenization (`Reader::from_str`, default configuration
/// with `check_end_names`) and `NsReader`'s namespace resolution, without copying.
fn fast<S>(xml: &str, state: &mut S, f: &mut impl FnMut(&mut S, Step<'_>)) -> Result<(), Stop> {
    let b = xml.as_bytes();
    let mut i = if b.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut open: Vec<Open> = Vec::with_capacity(64);
    let mut names = Names {
        resolver: NamespaceResolver::default(),
        cache: Vec::new(),
    };
    while i < b.len() {
        // Text up to markup or a reference, noting carriage returns (to normalize).
        let mut cr = false;
        let j = if b[i] == b'<' {
            i
        } else {
            let mut k = i;
            loop {
                match find3(b, k, b'<', b'&', b'\r') {
                    Some(p) if b[p] == b'\r' => {
                        cr = true;
                        k = p + 1;
                    }
                    Some(p) => break p,
                    None => break b.len(),
                }
            }
        };
        if j > i {
            let text = &xml[i..j];
            f(
                state,
                Step::Text(if cr {
                    Text::Raw(text)
                } else {
                    Text::Verbatim(text)
                }),
            );
        }
        if j == b.len() {
            break;
        }
        if b[j] == b'&' {
            let k = match find3(b, j + 1, b';', b'&', b'<') {
                Some(k) if b[k] == b';' => k,
                _ => return Err(Stop::Unsure),
            };
            f(state, Step::Text(Text::Ref(&xml[j + 1..k])));
            i = k + 1;
            continue;
        }
        let rest = &b[j..];
        match rest.get(1) {
            None => return Err(Stop::Unsure),
            Some(b'!') => {
                if rest.starts_with(b"<!--") {
                    // The first `>` after at least `<!---` that follows `--`.
                    let end = rest
                        .iter()
                        .enumerate()
                        .skip(6)
                        .find(|&(k, &c)| c == b'>' && rest[k - 2] == b'-' && rest[k - 1] == b'-')
                        .map(|(k, _)| k)
                        .ok_or(Stop::Unsure)?;
                    i = j + end + 1;
                } else if rest.starts_with(b"<![CDATA[") {
                    let end = rest
                        .iter()
                        .enumerate()
                        .skip(2)
                        .find(|&(k, &c)| c == b'>' && rest[k - 2] == b']' && rest[k - 1] == b']')
                        .map(|(k, _)| k)
                        .ok_or(Stop::Unsure)?;
                    f(state, Step::Text(Text::Verbatim(&xml[j + 9..j + end - 2])));
                    i = j + end + 1;
                } else {
                    return Err(Stop::Unsure);
                }
            }
            Some(b'?') => {
                let end = rest
                    .iter()
                    .enumerate()
                    .skip(1)
                    .find(|&(k, &c)| c == b'>' && rest[k - 1] == b'?')
                    .map(|(k, _)| k)
                    .ok_or(Stop::Unsure)?;
                // quick-xml accepts at least `<??>`.
                if end < 3 {
                    return Err(Stop::Unsure);
                }
                i = j + end + 1;
            }
            Some(b'/') => {
                let top = open.pop().ok_or(Stop::Unsure)?;
                let expected = &b[top.start..top.end];
                let at = j + 2;
                let end = if b.get(at + expected.len()) == Some(&b'>')
                    && b[at..at + expected.len()]
                        .iter()
                        .zip(expected)
                        .all(|(x, y)| x == y)
                {
                    // The usual form, `</` and the open name then `>`: names hold no
                    // quotes, `>` or white space, so this is what quick-xml reads too.
                    at + expected.len() - j
                } else {
                    let end = tag_end(b, j).ok_or(Stop::Unsure)?.0 - j;
                    let content = &xml[at..j + end];
                    let name = match content.bytes().rposition(|c| !is_xml_space(c)) {
                        Some(p) => &content[..p + 1],
                        None => content,
                    };
                    if name.as_bytes() != expected {
                        return Err(Stop::Unsure);
                    }
                    end
                };
                f(
                    state,
                    Step::Close {
                        ns: top.ns,
                        name: &xml[top.local..top.end],
                    },
                );
                if top.scoped {
                    names.pop();
                }
                i = j + end + 1;
            }
            Some(_) => {
                // The name byte by byte: many tags end right after it, the others go on
                // with attributes from the first white space.
                let start = j + 1;
                let mut k = start;
                let mut first_colon = None;
                let mut last_colon = None;
                while let Some(&c) = b.get(k) {
                    match c {
                        b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' => break,
                        b':' => {
                            if first_colon.is_none() {
                                first_colon = Some(k - start);
                            }
                            last_colon = Some(k - start);
                        }
                        _ => {}
                    }
                    k += 1;
                }
                let (end, has_x) = match b.get(k) {
                    Some(b'>') => (k, false),
                    Some(b' ' | b'\t' | b'\r' | b'\n') => tag_end(b, k).ok_or(Stop::Unsure)?,
                    // A quote in a name, or the part ends: left to quick-xml.
                    _ => return Err(Stop::Unsure),
                };
                let end = end - j;
                let mut content = &xml[start..j + end];
                let empty = content.ends_with('/');
                if empty {
                    content = &content[..content.len() - 1];
                }
                let cb = content.as_bytes();
                // The name ends at the first white space (if any, it is where the scan
                // stopped), else with the content.
                let name_len = (k - start).min(cb.len());
                let qname = &content[..name_len];
                let tag = BytesStart::from_content(content, name_len);
                let scoped = has_x && mentions_xmlns(&cb[name_len..]);
                if scoped {
                    names.push(&tag)?;
                }
                let ns = names.ns(qname, first_colon);
                let name = match last_colon {
                    Some(c) => &qname[c + 1..],
                    None => qname,
                };
                if empty {
                    empty_element(state, f, ns, name, &tag);
                    if scoped {
                        names.pop();
                    }
                } else {
                    let limit = crate::source::reader_limits().depth;
                    if open.len() >= limit {
                        return Err(Stop::Err(LoadError::TooDeep { limit }));
                    }
                    f(
                        state,
                        Step::Open {
                            ns,
                            name,
                            tag: &tag,
                        },
                    );
                    open.push(Open {
                        start: j + 1,
                        local: j + 1 + last_colon.map_or(0, |c| c + 1),
                        end: j + 1 + name_len,
                        ns,
                        scoped,
                    });
                }
                i = j + end + 1;
            }
        }
    }
    // A part cut short: close what is open so the caller can flush its state.
    while let Some(top) = open.pop() {
        f(
            state,
            Step::Close {
                ns: top.ns,
                name: &xml[top.local..top.end],
            },
        );
    }
    Ok(())
}

/// The reference walk on quick-xml's `NsReader`, used when the fast walk gives up.
fn slow<S>(
    xml: &str,
    part: &str,
    state: &mut S,
    f: &mut impl FnMut(&mut S, Step<'_>),
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
                let limit = crate::source::reader_limits().depth;
                if depth >= limit {
                    return Err(LoadError::TooDeep { limit });
                }
                let qname = tag.name();
                let name = local(qname.as_ref());
                f(
                    state,
                    Step::Open {
                        ns,
                        name,
                        tag: &tag,
                    },
                );
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
                empty_element(state, f, ns, name, &tag);
            }
            Event::End(_) => {
                if depth == 0 {
                    return Err(corrupt(&"多余的结束标签"));
                }
                depth -= 1;
                let (ns, name) = &names[depth];
                f(state, Step::Close { ns: *ns, name });
            }
            Event::Text(t) => f(state, Step::Text(Text::Raw(&t))),
            Event::CData(t) => {
                let s: &str = t.as_ref();
                f(state, Step::Text(Text::Verbatim(s)));
            }
            Event::GeneralRef(r) => f(state, Step::Text(Text::Ref(&r))),
            Event::Eof => break,
            _ => {}
        }
    }
    // A part cut short: close what is open so the caller can flush its state.
    while depth > 0 {
        depth -= 1;
        let (ns, name) = &names[depth];
        f(state, Step::Close { ns: *ns, name });
    }
    Ok(())
}

/// An empty element (`<w:tab/>`) is an open step followed by its close, in both walks.
fn empty_element<S>(
    state: &mut S,
    f: &mut impl FnMut(&mut S, Step<'_>),
    ns: Ns,
    name: &str,
    tag: &BytesStart<'_>,
) {
    f(state, Step::Open { ns, name, tag });
    f(state, Step::Close { ns, name });
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

/// The value of the attribute with this local name (`w:val`, `val`, `r:id` → "id").
pub fn attr<'a>(tag: &'a BytesStart<'_>, name: &str) -> Option<Cow<'a, str>> {
    tag.attributes().with_checks(false).flatten().find_map(|a| {
        if local(a.key.as_ref()) == name {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()
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
        let (out, r) = walk(xml, "t.xml", |out: &mut Vec<String>, s| {
            out.push(match s {
                Step::Open { ns, name, .. } => format!("<{ns:?}:{name}"),
                Step::Close { name, .. } => format!(">{name}"),
                Step::Text(t) => {
                    let mut s = String::new();
                    t.with(|t| s.push_str(t));
                    s
                }
            });
        });
        r.map(|()| out)
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

    /// The steps of one walker as text, with its outcome; `None` if the fast walk gave up.
    fn trace(xml: &str, fast_walk: bool) -> Option<(Vec<String>, Option<String>)> {
        let mut out = Vec::new();
        let mut record = |out: &mut Vec<String>, s: Step<'_>| {
            out.push(match s {
                Step::Open { ns, name, tag } => {
                    let attrs: Vec<String> = tag
                        .attributes()
                        .with_checks(false)
                        .map(|a| match a {
                            Ok(a) => format!("{}={:?}", a.key.as_ref(), a.value),
                            Err(e) => format!("!{e}"),
                        })
                        .collect();
                    format!("<{ns:?}:{name} [{}] {:?}", tag.name().as_ref(), attrs)
                }
                Step::Close { ns, name } => format!(">{ns:?}:{name}"),
                Step::Text(t) => {
                    let mut s = String::from("'");
                    t.with(|t| s.push_str(t));
                    s
                }
            })
        };
        let r = if fast_walk {
            match fast(xml, &mut out, &mut record) {
                Ok(()) => Ok(()),
                Err(Stop::Err(e)) => Err(e),
                Err(Stop::Unsure) => return None,
            }
        } else {
            slow(xml, "t.xml", &mut out, &mut record)
        };
        Some((out, r.err().map(|e| e.to_string())))
    }

    /// Where the fast walk answers, it answers as quick-xml's reader does.
    fn same_as_quick_xml(xml: &str) -> bool {
        match trace(xml, true) {
            Some(fast) => {
                assert_eq!(Some(&fast), trace(xml, false).as_ref(), "{xml:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn fast_walk_reads_as_quick_xml() {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
        let sure = [
            format!("\u{FEFF}<?xml version=\"1.0\"?><w:document {w}><w:body/></w:document>"),
            format!("<w:p {w}><w:r><w:t xml:space=\"preserve\"> a\r\nb\rc </w:t></w:r></w:p>"),
            format!(
                "<w:p {w}><!-- x --><?pi x?><![CDATA[a<b\r\n]]>&lt;&#x4E2D;&#20013;&bad;&;</w:p>"
            ),
            format!("<r {w}><w:p a='>' b=\"'>\" c = \"x\"\t/><w:p/ ><w:q/></w:p/ ></r\n>"),
            format!(
                "<w:p {w}><q:r xmlns:q=\"urn:q\"><w:r xmlns:w=\"urn:other\"/></q:r><w:r/></w:p>"
            ),
            format!("<d xmlns=\"urn:d\"><e/><w:e {w}/><f xmlns=\"\"/><u:x/><a:b:c/><a:/></d>"),
            "<a><b>t</b><>x</></a>".to_string(),
            "<a/>tail<b>".to_string(),
            "text only".to_string(),
        ];
        for xml in &sure {
            assert!(same_as_quick_xml(xml), "the fast walk should read {xml:?}");
        }
        let unsure = [
            "<a><b></a>",
            "<a></b>",
            "</a>",
            "<a b=\"x>",
            "<a",
            "<",
            "a & b",
            "<!DOCTYPE a><a/>",
            "<!-x-><a/>",
            "<?>",
            "<a xmlns:xml=\"urn:x\"/>",
            "<a\"b/>",
        ];
        for xml in unsure {
            same_as_quick_xml(xml);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn fast_walk_agrees_on_fragments(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "<", ">", "</", "/>", "a", "w:", ":", " ", "\t", "\r", "\n", "=", "\"", "'",
                "&amp;", "&", ";", "#", "x", "xmlns", "xmlns:w=\"u\"", "xmlns=\"\"", "<!--",
                "-->", "<![CDATA[", "]]>", "<?", "?>", "中", "<w:t>", "</w:t>", "<a>", "</a>",
                "<w:p/>", "<b c=\"d\">", "</b>",
            ]), 0..16)
        ) {
            same_as_quick_xml(&parts.concat());
        }
    }

    #[test]
    fn depth_and_malformed() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(matches!(events(&deep), Err(LoadError::TooDeep { .. })));
        assert!(matches!(events("<a><b></a>"), Err(LoadError::Corrupt(_))));
    }
}
