//! Placeholders, durations in each language, and text shortened by display width (a CJK character
//! takes two columns), never mid-character.

use super::{Lang, Msg};
use std::fmt::{Display, Write};

/// `template` with each `{n}` replaced by `args[n]`; a placeholder without an argument stays.
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        match arg.and_then(|(i, close)| Some((args.get(i)?, close))) {
            Some((a, close)) => {
                let _ = write!(out, "{a}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "250 ms", "12.3 s", "3m 05s", "1h 02m" in English; "250 毫秒", "12.3 秒", "3分05秒", "1小时02分" in
/// Chinese. Tenths are computed in integers, so no float formatting code reaches the wasm.
pub fn duration(lang: Lang, ms: i64) -> String {
    let ms = ms.max(0);
    let (m, args): (Msg, [i64; 2]) = if ms < 1000 {
        (Msg::DurMs, [ms, 0])
    } else if ms < 60_000 {
        (Msg::DurSecs, [ms / 1000, (ms / 100) % 10])
    } else if ms < 3_600_000 {
        (Msg::DurMins, [ms / 60_000, (ms / 1000) % 60])
    } else {
        (Msg::DurHours, [ms / 3_600_000, (ms / 60_000) % 60])
    };
    let second = if m == Msg::DurSecs {
        args[1].to_string()
    } else {
        format!("{:02}", args[1])
    };
    lang.fmt(m, &[&args[0], &second])
}

/// Columns a character takes in a monospace or CJK-aware layout: 2 for East Asian wide and
/// fullwidth characters, 1 otherwise. The ranges are the wide blocks the console meets (CJK
/// ideographs, kana, Hangul, fullwidth forms, CJK punctuation); a table crate would cover rarer
/// ones at a few KB of wasm.
fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// Display width of `s` in columns (a Latin letter is 1, a CJK character 2).
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// The longest prefix of `s` that fits in `max` columns, ending on a character boundary.
pub fn prefix_within(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += char_width(c);
        if used > max {
            return &s[..i];
        }
    }
    s
}

/// `s` unchanged when it fits in `max` columns, else cut at a character boundary so that the text
/// plus "…" fits.
pub fn shorten_to_width(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut out = prefix_within(s, max.saturating_sub(1))
        .trim_end()
        .to_string();
    out.push('…');
    out
}
