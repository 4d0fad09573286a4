//! Every string a person sees goes through the catalog: the console's `view!` markup holds no text
//! node with letters and no visible attribute (`aria-label`, `title`, `placeholder`, `alt`) with a
//! literal value; such text comes from `tr(Msg::…)`/`tx(Msg::…)` instead.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The literal starting at `at` (a `"`), and the index after it.
fn literal(src: &[u8], at: usize) -> (String, usize) {
    let mut i = at + 1;
    let mut out = Vec::new();
    while i < src.len() && src[i] != b'"' {
        if src[i] == b'\\' {
            i += 1;
        }
        out.push(src[i]);
        i += 1;
    }
    (String::from_utf8_lossy(&out).into_owned(), i + 1)
}

fn has_word(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic())
}

const VISIBLE_ATTRS: [&str; 4] = ["aria-label", "title", "placeholder", "alt"];

/// Text nodes and visible attribute literals with words inside the `view!` blocks of `text`.
fn offenders(text: &str) -> Vec<String> {
    let src = text.as_bytes();
    let mut found = Vec::new();
    let mut search = 0;
    while let Some(pos) = text[search..].find("view! {") {
        let start = search + pos + "view! {".len();
        // Depth 1 outside parentheses is markup; deeper braces and parentheses are Rust
        // expressions, except a nested view! block, which the outer loop visits on its own.
        let mut depth = 1;
        let mut parens = 0i32;
        let mut i = start;
        let mut prev_sig = b'{';
        while i < src.len() && depth > 0 {
            match src[i] {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                b'(' | b'[' => parens += 1,
                b')' | b']' => parens -= 1,
                b'/' if src.get(i + 1) == Some(&b'/') => {
                    while i < src.len() && src[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'"' => {
                    let (lit, next) = literal(src, i);
                    let before = text[..i].trim_end();
                    let attr = before.strip_suffix('=').map(|b| {
                        b.rsplit(|c: char| c.is_whitespace() || c == '<')
                            .next()
                            .unwrap_or("")
                    });
                    let markup = depth == 1 && parens == 0;
                    let is_text_node = markup && prev_sig != b'=';
                    let is_visible_attr = markup
                        && attr.is_some_and(|a| {
                            VISIBLE_ATTRS.contains(&a.trim_start_matches("attr:"))
                        });
                    if (is_text_node || is_visible_attr) && has_word(&lit) {
                        let line = text[..i].matches('\n').count() + 1;
                        found.push(format!("line {line}: \"{lit}\""));
                    }
                    i = next;
                    prev_sig = b'"';
                    continue;
                }
                _ => {}
            }
            if !src[i].is_ascii_whitespace() {
                prev_sig = src[i];
            }
            i += 1;
        }
        search = start;
    }
    found
}

#[test]
fn the_check_catches_a_literal() {
    let bad = r#"fn v() { view! { <h1>"Tasks"</h1> <p title="Sort by id">{tr(Msg::Name)}</p> } }"#;
    assert_eq!(offenders(bad).len(), 2, "{:?}", offenders(bad));
    let good =
        r#"fn v() { view! { <h1 class="big" data-testid="x">{tr(Msg::Name)} " · " "→"</h1> } }"#;
    assert!(offenders(good).is_empty(), "{:?}", offenders(good));
}

#[test]
fn console_views_take_their_words_from_the_catalog() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(
        files.len() > 20,
        "found only {} files under {root:?}",
        files.len()
    );
    let mut report = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for o in offenders(&text) {
            report.push(format!("{}: {o}", f.display()));
        }
    }
    assert!(
        report.is_empty(),
        "English literals outside the catalog:\n{}",
        report.join("\n")
    );
}
