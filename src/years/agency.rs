//! Agency names as keys for pairing reports across years. The same agency writes
//! its name differently from year to year: `淮安市洪泽区人民政府` / `洪泽区人民政府`,
//! `某市政府` / `某市人民政府`, `平潭综合实验区管委会` / `…管理委员会`, the
//! 办公室 of a 人民政府 that drafts the government's report, stray spaces.
//!
//! A name becomes a [`Name`]: a `key` (the name without the higher-level places in
//! front of it) used as a hash key, and those places (`prefixes`) used to keep apart
//! agencies whose keys collide (`南京市鼓楼区` and `福州市鼓楼区`). It never guesses:
//! two names are the same agency only when their keys are equal and their places
//! do not contradict each other.

/// A normalized agency name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// The name without higher-level places, in its full form: `洪泽区人民政府`.
    pub key: String,
    /// The places in front of `key`, outermost first: `["江苏省", "淮安市"]`.
    pub prefixes: Vec<String>,
}

/// Place-name endings that can stand in front of a lower-level agency.
const PLACE_ENDS: [char; 6] = ['省', '市', '州', '盟', '县', '区'];

/// Short forms and their full forms, applied to the end of the name.
const FULL_FORMS: [(&str, &str); 6] = [
    ("人民政府办公室", "人民政府"),
    ("人民政府办公厅", "人民政府"),
    ("政府办公室", "人民政府"),
    ("政府办公厅", "人民政府"),
    ("管委会", "管理委员会"),
    ("管委会办公室", "管理委员会"),
];

impl Name {
    /// Normalize a name as read from a report or a configuration file.
    /// `None` when nothing usable is left.
    pub fn parse(raw: &str) -> Option<Name> {
        let mut s: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '\u{3000}' | '·' | '•'))
            .collect();
        // `（本级）` and other bracketed remarks are not part of the name.
        for (open, close) in [('(', ')'), ('（', '）')] {
            while let (Some(a), Some(b)) = (s.find(open), s.rfind(close)) {
                if b < a {
                    break;
                }
                s.replace_range(a..b + close.len_utf8(), "");
            }
        }
        s = full_form(&s);
        if s.chars().count() < 2 {
            return None;
        }
        let (prefixes, key) = split_places(&s);
        Some(Name { key, prefixes })
    }

    /// Do two names with the same key name one agency? Their places must agree:
    /// one list of places ends the other (`[江苏省, 淮安市]` and `[淮安市]`), or
    /// one of them names no place.
    pub fn compatible(&self, other: &Name) -> bool {
        if self.key != other.key {
            return false;
        }
        let (short, long) = if self.prefixes.len() <= other.prefixes.len() {
            (&self.prefixes, &other.prefixes)
        } else {
            (&other.prefixes, &self.prefixes)
        };
        long.ends_with(short)
    }

    /// The name as shown: places then key.
    pub fn display(&self) -> String {
        let mut s = self.prefixes.concat();
        s.push_str(&self.key);
        s
    }
}

/// `X政府` → `X人民政府`, `X管委会` → `X管理委员会`, the office of a government → the government.
fn full_form(s: &str) -> String {
    for (short, full) in FULL_FORMS {
        // `人民政府办公室` is tried before `政府办公室`, so `人民` is never doubled.
        if let Some(stem) = s.strip_suffix(short).filter(|stem| !stem.is_empty()) {
            return format!("{stem}{full}");
        }
    }
    if let Some(stem) = s.strip_suffix("政府") {
        if !stem.ends_with("人民") && !stem.is_empty() {
            return format!("{stem}人民政府");
        }
    }
    s.to_string()
}

/// Split leading places off a name while what remains still starts with a place of
/// its own: `淮安市洪泽区人民政府` → (`[淮安市]`, `洪泽区人民政府`); `淮安市人民政府`
/// and `淮安市民政局` stay whole (what follows `市` is not a place).
fn split_places(s: &str) -> (Vec<String>, String) {
    let mut prefixes = Vec::new();
    let mut rest = s;
    while let Some(end) = place_end(rest) {
        let tail = &rest[end..];
        if place_end(tail).is_none() {
            break;
        }
        prefixes.push(rest[..end].to_string());
        rest = tail;
    }
    (prefixes, rest.to_string())
}

/// Byte end of a leading place name: 2–8 characters ending in 省/市/州/盟/县/区.
fn place_end(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().take(8).enumerate().peekable();
    while let Some((n, (i, c))) = chars.next() {
        if n >= 1 && PLACE_ENDS.contains(&c) {
            // `市场监督管理局`, `区域…`, `市委`: 市/区 inside a word, not a place.
            let next = chars.peek().map(|(_, (_, c))| *c);
            if matches!(next, Some('场' | '域' | '委')) {
                return None;
            }
            // `福州市`, `杭州市`: the place goes on.
            if next.is_some_and(|n| PLACE_ENDS.contains(&n)) {
                continue;
            }
            return Some(i + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> (String, Vec<String>) {
        let n = Name::parse(s).unwrap();
        (n.key, n.prefixes)
    }

    #[test]
    fn full_and_short_forms_meet() {
        assert_eq!(key("淮安市洪泽区人民政府").0, key("洪泽区人民政府").0);
        assert_eq!(key("淮安市 人民政府"), key("淮安市人民政府办公室"));
        assert_eq!(key("淮安市政府"), key("淮安市人民政府"));
        assert_eq!(key("平潭综合实验区管委会"), key("平潭综合实验区管理委员会"));
        assert_eq!(key("江苏省淮安市人民政府").0, "淮安市人民政府");
        assert_eq!(key("淮安市民政局"), ("淮安市民政局".into(), vec![]));
        assert_eq!(
            key("淮安市市场监督管理局"),
            ("淮安市市场监督管理局".into(), vec![])
        );
    }

    #[test]
    fn places_keep_namesakes_apart() {
        let a = Name::parse("南京市鼓楼区人民政府").unwrap();
        let b = Name::parse("福州市鼓楼区人民政府").unwrap();
        let c = Name::parse("鼓楼区人民政府").unwrap();
        assert_eq!(a.key, b.key);
        assert!(!a.compatible(&b));
        assert!(a.compatible(&c) && b.compatible(&c));
        let d = Name::parse("江苏省南京市鼓楼区人民政府").unwrap();
        assert!(a.compatible(&d) && !b.compatible(&d));
        assert!(!Name::parse("淮安市民政局")
            .unwrap()
            .compatible(&Name::parse("淮安市人民政府").unwrap()));
    }
}
