use super::*;

fn placeholders(s: &str) -> Vec<usize> {
    let mut out: Vec<usize> = s
        .split('{')
        .skip(1)
        .filter_map(|p| p.split('}').next()?.parse().ok())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[test]
fn every_message_has_both_texts_with_the_same_placeholders() {
    for &m in Msg::ALL {
        assert!(!m.en().trim().is_empty(), "{m:?} has no English text");
        assert!(!m.zh().trim().is_empty(), "{m:?} has no Chinese text");
        assert_eq!(
            placeholders(m.en()),
            placeholders(m.zh()),
            "{m:?}: placeholders differ"
        );
        let n = placeholders(m.en()).len();
        assert_eq!(placeholders(m.en()), (0..n).collect::<Vec<_>>(), "{m:?}");
    }
}

#[test]
fn chinese_texts_are_chinese() {
    let latin_only: Vec<Msg> = Msg::ALL
        .iter()
        .copied()
        .filter(|m| m.en() == m.zh() && display_width(m.zh()) == m.zh().chars().count())
        .filter(|m| {
            !matches!(
                m,
                Msg::TraceIdLabel | Msg::DurMs | Msg::Locality | Msg::Zone | Msg::ZoneN | Msg::Id
            )
        })
        .collect();
    assert!(
        latin_only.len() <= 2,
        "messages not translated: {latin_only:?}"
    );
}

#[test]
fn language_follows_choice_then_browser_then_english() {
    assert_eq!(Lang::choose(Some("zh-CN"), &["en-US"]), Lang::Zh);
    assert_eq!(Lang::choose(Some("en-US"), &["zh-CN"]), Lang::En);
    assert_eq!(Lang::choose(None, &["fr-FR", "zh-TW", "en"]), Lang::Zh);
    assert_eq!(Lang::choose(Some("garbage"), &["zh_Hans"]), Lang::Zh);
    assert_eq!(Lang::choose::<&str>(None, &[]), Lang::En);
    assert_eq!(Lang::choose(None, &["de", "fr"]), Lang::En);
    assert_eq!(Lang::parse(Lang::Zh.tag()), Some(Lang::Zh));
    assert_eq!(Lang::parse(Lang::En.tag()), Some(Lang::En));
}

#[test]
fn fill_replaces_numbered_placeholders_only() {
    assert_eq!(fill("{1} then {0}", &[&"a", &2]), "2 then a");
    assert_eq!(fill("FULL{1}@z {0}", &[&"x"]), "FULL{1}@z x");
    assert_eq!(fill("{x} {", &[&1]), "{x} {");
    assert_eq!(
        Lang::Zh.fmt(Msg::AlertFailedAt, &[&7, &"切换角色"]),
        "任务 7 在“切换角色”失败"
    );
}

#[test]
fn durations_in_both_languages() {
    assert_eq!(duration(Lang::En, 250), "250 ms");
    assert_eq!(duration(Lang::En, 12_345), "12.3 s");
    assert_eq!(duration(Lang::En, 185_000), "3m 05s");
    assert_eq!(duration(Lang::En, 3_720_000), "1h 02m");
    assert_eq!(duration(Lang::Zh, 185_000), "3分05秒");
    assert_eq!(duration(Lang::Zh, 3_720_000), "1小时02分");
    assert_eq!(duration(Lang::Zh, -5), "0 毫秒");
}

#[test]
fn width_counts_cjk_twice_and_cuts_on_characters() {
    assert_eq!(display_width("abc"), 3);
    assert_eq!(display_width("切换ab"), 6);
    assert_eq!(display_width("（全角）"), 8);
    assert_eq!(shorten_to_width("short", 10), "short");
    let cut = shorten_to_width("切换主租户为备租户并检查同步", 12);
    assert!(display_width(&cut) <= 12, "{cut}");
    assert_eq!(cut, "切换主租户…");
    let cut = shorten_to_width("Switch primary tenant to standby", 12);
    assert_eq!(cut, "Switch prim…");
    assert_eq!(prefix_within("ab切换", 3), "ab");
    assert_eq!(prefix_within("ab切换", 4), "ab切");
    for max in 1..20 {
        let s = shorten_to_width("a切b换c主d租", max);
        assert!(display_width(&s) <= max.max(1), "{max}: {s}");
    }
}
