//! Escaping for the XML-based formats (JUnit, Checkstyle) and the HTML report.
//! Drafts can contain anything, so characters that XML 1.0 forbids are dropped.

/// Text or attribute value, escaped for XML and HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// An attribute value: like [`escape`], with line breaks and tabs kept as character references.
pub fn attr(s: &str) -> String {
    escape(s)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

/// XML 1.0 `Char` production (control characters, surrogates and U+FFFE/U+FFFF excluded).
fn allowed(c: char) -> bool {
    matches!(c as u32, 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{FFFE}"),
            "a&lt;b&gt;&amp;&quot;c&#39;"
        );
        assert_eq!(attr("一\n二"), "一&#10;二");
    }
}
