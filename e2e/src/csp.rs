//! What the Content-Security-Policy must allow for a build: the sha256 of each inline `<script>` of
//! its index.html (Trunk's module loader), computed independently of `deploy/render.sh` so the
//! tests can check the header nginx sends.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The text of every `<script>` element without a `src` attribute, byte for byte.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        let after = &rest[i..];
        let Some(gt) = after.find('>') else { break };
        let tag = &after[..gt];
        let body_and_more = &after[gt + 1..];
        let Some(end) = body_and_more.find("</script>") else {
            break;
        };
        let has_src = tag
            .split(|c: char| c.is_ascii_whitespace())
            .any(|a| a.starts_with("src=") || a == "src");
        if !has_src {
            out.push(&body_and_more[..end]);
        }
        rest = &body_and_more[end + "</script>".len()..];
    }
    out
}

/// `'sha256-…'` source expressions for the inline scripts of `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    inline_scripts(html)
        .into_iter()
        .map(|s| {
            let digest = Sha256::digest(s.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect()
}

/// The source list of `directive` in a CSP header value.
pub fn directive<'a>(csp: &'a str, directive: &str) -> Option<Vec<&'a str>> {
    csp.split(';').map(str::trim).find_map(|d| {
        let mut parts = d.split_ascii_whitespace();
        (parts.next() == Some(directive)).then(|| parts.collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = "<head><script src=\"/a.js\"></script>\n<script type=\"module\">\nimport x;\n</script></head>";
        assert_eq!(inline_scripts(html), vec!["\nimport x;\n"]);
        // `printf '\nimport x;\n' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            inline_script_hashes(html),
            vec!["'sha256-o8qrrgPw3zjsDsTwSjGoK+/LhuGQxgOVjobczd4hE/8='"]
        );
    }

    #[test]
    fn reads_directives() {
        let csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-x'";
        assert_eq!(
            directive(csp, "script-src").unwrap(),
            vec!["'self'", "'wasm-unsafe-eval'", "'sha256-x'"]
        );
        assert!(directive(csp, "style-src").is_none());
    }
}
