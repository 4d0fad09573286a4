//! The two UI languages and how one is chosen: the operator's last choice, else the browser's
//! preferred languages, else English.

use super::Msg;
use std::fmt::Display;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag: `lang` of the page, local storage, Intl.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Zh => "zh-CN",
        }
    }

    /// The `Accept-Language` header sent to OCP, so its names and messages come in this language.
    pub fn accept_language(self) -> &'static str {
        match self {
            Lang::En => "en-US,en;q=0.9",
            Lang::Zh => "zh-CN,zh;q=0.9",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// The UI language for a BCP 47 tag: any `zh*` is Chinese, any `en*` English, else none.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The stored choice when it names a language, else the first of the browser's preferred
    /// languages that the console has, else English.
    pub fn choose<S: AsRef<str>>(stored: Option<&str>, preferred: &[S]) -> Lang {
        stored
            .and_then(Lang::parse)
            .or_else(|| preferred.iter().find_map(|t| Lang::parse(t.as_ref())))
            .unwrap_or_default()
    }

    pub fn text(self, m: Msg) -> &'static str {
        match self {
            Lang::En => m.en(),
            Lang::Zh => m.zh(),
        }
    }

    /// The message with `{0}`, `{1}`… replaced by `args`.
    pub fn fmt(self, m: Msg, args: &[&dyn Display]) -> String {
        super::fill(self.text(m), args)
    }
}
