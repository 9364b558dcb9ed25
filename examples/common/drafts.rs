//! The drafts a measuring example reads: the `.txt` files of a directory, in name order.

/// Up to `max` drafts of `dir` (exits with a message when there are none).
pub fn read(dir: &str, max: usize) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| {
            eprintln!("{dir}: {e}");
            std::process::exit(2)
        })
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let texts: Vec<String> = names
        .iter()
        .take(max)
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.iter().all(String::is_empty) {
        eprintln!("{dir}: no .txt drafts");
        std::process::exit(2)
    }
    texts
}
