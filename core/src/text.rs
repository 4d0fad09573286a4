//! Case-insensitive matching for the search boxes. ASCII letters only: `to_lowercase` would bring
//! Unicode's case tables (11 KB) into the wasm, and OCP's names and log keywords are ASCII.

/// Whether `haystack` contains `needle`, ASCII letters compared without case.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::contains_ignore_case;

    #[test]
    fn matches_ascii_without_case() {
        assert!(contains_ignore_case("Task FAILED: timeout", "failed: TIME"));
        assert!(contains_ignore_case("mysql_app", ""));
        assert!(!contains_ignore_case("mysql_app", "oracle"));
        assert!(!contains_ignore_case("ab", "abc"));
    }

    #[test]
    fn other_scripts_match_exactly() {
        assert!(contains_ignore_case("任务失败: 超时", "失败"));
        assert!(!contains_ignore_case("任务失败", "成功"));
    }
}
