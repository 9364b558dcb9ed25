//! Bounds on YAML text before it reaches the YAML parser: rule files, pack files and
//! `gongkai.yaml` may come from anyone (a province's pack, a folder of submissions), and
//! a parser fed 1 MB of `[[[[…` or a deeply indented tree spends its time (and stack) on
//! nesting no real file has. One linear scan refuses such a text with a clear message.
//!
//! Limits can be raised with the environment variables `GONGKAI_MAX_YAML_BYTES` and
//! `GONGKAI_MAX_YAML_DEPTH` (they apply to every subcommand). This module never prints.

/// Largest YAML file read (bytes). Real rule files are a few KB.
pub const DEFAULT_MAX_BYTES: usize = 1024 * 1024;
/// Deepest nesting accepted (flow collections plus block indentation levels).
/// Real packs nest fewer than 10 levels.
pub const DEFAULT_MAX_DEPTH: usize = 64;

fn env_limit(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|v| *v > 0)
        .unwrap_or(default)
}

/// The size and depth limits in force.
pub fn limits() -> (usize, usize) {
    (
        env_limit("GONGKAI_MAX_YAML_BYTES", DEFAULT_MAX_BYTES),
        env_limit("GONGKAI_MAX_YAML_DEPTH", DEFAULT_MAX_DEPTH),
    )
}

/// Refuse a YAML text that is too large or nested too deeply: the 1-based line at
/// fault and a Chinese message.
pub fn check(text: &str) -> Result<(), (usize, String)> {
    let (max_bytes, max_depth) = limits();
    if text.len() > max_bytes {
        return Err((
            1,
            format!(
                "YAML 文件过大（{} 字节，上限 {max_bytes} 字节）；如确需更大的文件，可设置环境变量 GONGKAI_MAX_YAML_BYTES",
                text.len()
            ),
        ));
    }
    let (deepest, line) = depth(text);
    if deepest > max_depth {
        return Err((
            line,
            format!(
                "YAML 嵌套超过 {max_depth} 层，文件可能已损坏或是恶意构造的；如确需更深的嵌套，可设置环境变量 GONGKAI_MAX_YAML_DEPTH"
            ),
        ));
    }
    Ok(())
}

/// The deepest nesting of the text and the 1-based line where it is first reached:
/// open flow collections (`[`, `{`) outside quotes and comments, plus, at the start of
/// each line, the indentation (two columns a level) and the `- ` entries that open
/// nested sequences. An upper bound of what the parser nests, in one pass.
fn depth(text: &str) -> (usize, usize) {
    let (mut flow, mut max, mut max_line) = (0usize, 0usize, 1usize);
    for (n, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let mut rest = &line[indent..];
        let mut dashes = 0;
        while let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("? ")) {
            dashes += 1;
            rest = r.trim_start_matches(' ');
        }
        let block = indent / 2 + dashes;
        let mut quote: Option<u8> = None;
        let bytes = line.as_bytes();
        let mut i = 0;
        let mut deepest = flow;
        while i < bytes.len() {
            let c = bytes[i];
            match quote {
                Some(b'"') if c == b'\\' => i += 1,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    b'"' | b'\'' => quote = Some(c),
                    b'#' if i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' => break,
                    b'[' | b'{' => {
                        flow += 1;
                        deepest = deepest.max(flow);
                    }
                    b']' | b'}' => flow = flow.saturating_sub(1),
                    _ => {}
                },
            }
            i += 1;
        }
        if block + deepest > max {
            max = block + deepest;
            max_line = n + 1;
        }
    }
    (max, max_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_flow_and_block_nesting() {
        assert_eq!(depth("a: 1\nb: [1, [2, {c: 3}]]\n").0, 3);
        assert_eq!(depth("a:\n  b:\n    c:\n      - - - x\n").0, 6);
        // Brackets in quotes and comments do not nest.
        assert_eq!(depth("a: '[[[['\nb: \"{{\\\"[[\" # [[[[\n").0, 0);
        assert_eq!(depth(&"[".repeat(1000)), (1000, 1));
        assert_eq!(depth("x: 1\n\n  y: [[[\n"), (4, 3));
    }

    #[test]
    fn nested_flow_megabyte_is_refused_at_once() {
        let text = "[".repeat(1_000_000);
        let start = std::time::Instant::now();
        let (line, e) = check(&text).unwrap_err();
        assert_eq!(line, 1);
        assert!(e.contains("YAML 嵌套超过 64 层"), "{e}");
        assert!(e.contains("GONGKAI_MAX_YAML_DEPTH"), "{e}");
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        let (_, e) = check(&"a".repeat(DEFAULT_MAX_BYTES + 1)).unwrap_err();
        assert!(e.contains("YAML 文件过大"), "{e}");
        assert!(check("id: x\nexamples:\n  valid: ['a', \"b\"]\n").is_ok());
    }
}
