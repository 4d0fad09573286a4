//! OCP timestamps: RFC 3339 with 0 to 6 fraction digits and an offset or `Z`.
//! Hand-written because the console needs only epoch milliseconds and the text as sent; a date crate
//! would add tens of KB to the wasm for that.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A timestamp as OCP sent it, with its instant when it parses. Decoding never fails on the text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Timestamp {
    pub raw: String,
    pub epoch_ms: Option<i64>,
}

impl Timestamp {
    pub fn parse(raw: &str) -> Self {
        Timestamp {
            raw: raw.to_string(),
            epoch_ms: parse_rfc3339_ms(raw),
        }
    }

    /// `2021-08-25 15:09:31` in the offset OCP sent, or the raw text when it does not parse.
    pub fn display(&self) -> String {
        if self.epoch_ms.is_some() && self.raw.len() >= 19 {
            format!("{} {}", &self.raw[..10], &self.raw[11..19])
        } else {
            self.raw.clone()
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Ok(Timestamp::parse(&raw))
    }
}

fn digits(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Milliseconds since the Unix epoch, or `None` when the text is not RFC 3339.
pub fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let (h, mi, se) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut i = 19;
    let mut frac_ms = 0i64;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        let mut end = start;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        if end == start || end - start > 9 {
            return None;
        }
        let mut ms = [b'0'; 3];
        for (k, c) in b[start..end.min(start + 3)].iter().enumerate() {
            ms[k] = *c;
        }
        frac_ms = digits(&ms)?;
        i = end;
    }
    let offset_min = match b.get(i) {
        Some(b'Z') | Some(b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let oh = digits(&b[i + 1..i + 3])?;
            let om = digits(&b[i + 4..i + 6])?;
            let m = oh * 60 + om;
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo, d);
    let secs = days * 86_400 + h * 3600 + mi * 60 + se - offset_min * 60;
    Some(secs * 1000 + frac_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_digits_zero_to_six() {
        let base = parse_rfc3339_ms("2021-08-25T15:09:31+08:00").unwrap();
        assert_eq!(base, 1_629_875_371_000);
        assert_eq!(
            parse_rfc3339_ms("2021-08-25T15:09:31.7+08:00"),
            Some(base + 700)
        );
        assert_eq!(
            parse_rfc3339_ms("2021-08-25T15:09:31.74+08:00"),
            Some(base + 740)
        );
        assert_eq!(
            parse_rfc3339_ms("2021-08-25T15:09:31.741+08:00"),
            Some(base + 741)
        );
        assert_eq!(
            parse_rfc3339_ms("2021-08-25T07:09:31.741999Z"),
            Some(base + 741)
        );
    }

    #[test]
    fn rejects_garbage_without_panicking() {
        for s in [
            "",
            "2021",
            "2021-08-25T15:09:31",
            "2021-13-25T15:09:31Z",
            "ééééééééééééééééééééé",
            "2021-08-25T15:09:31.+08:00",
        ] {
            assert_eq!(parse_rfc3339_ms(s), None, "{s}");
        }
        assert_eq!(Timestamp::parse("yesterday").display(), "yesterday");
        assert_eq!(
            Timestamp::parse("2021-08-25T15:09:31.74+08:00").display(),
            "2021-08-25 15:09:31"
        );
    }
}
