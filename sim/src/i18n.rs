//! English and Chinese: the request's `Accept-Language` (any `zh*` first tag) picks the language of
//! task names, subtask names and error messages, translated per request as OCP does.

use axum::http::{header, HeaderMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

tokio::task_local! {
    pub static LANG: Lang;
}

/// The language of the first tag of `Accept-Language`; English when absent or not `zh*`.
pub fn from_headers(headers: &HeaderMap) -> Lang {
    let first = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if first.starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The current request's language (English outside a request).
pub fn lang() -> Lang {
    LANG.try_with(|l| *l).unwrap_or(Lang::En)
}

/// `en` or `zh` by the current request's language.
pub fn tr(en: impl Into<String>, zh: impl Into<String>) -> String {
    match lang() {
        Lang::En => en.into(),
        Lang::Zh => zh.into(),
    }
}

const NAMES: [(&str, &str); 31] = [
    ("Add tenant replica", "添加副本"),
    ("Modify tenant replica", "修改副本"),
    ("Delete tenant replica", "删除副本"),
    ("Switchover ob tenant for network mode", "租户主备切换"),
    ("Failover ob tenant", "租户主备失败切换"),
    ("Prepare alter tenant", "准备修改租户"),
    ("Create resource pool", "创建资源池"),
    ("Modify resource pool", "修改资源池"),
    ("Prepare resource pool", "准备资源池"),
    ("Delete resource pool", "删除资源池"),
    ("Wait alter locality", "等待 Locality 变更完成"),
    ("Sync tenant information", "同步租户信息"),
    ("Update tenant status", "更新租户状态"),
    ("Prepare switchover tenant", "准备租户主备切换"),
    ("Create standby tenant read only user", "创建备租户只读用户"),
    (
        "Wait all relation tenants accessible",
        "等待所有关联租户可访问",
    ),
    ("Switch primary tenant to standby", "将主租户切换为备租户"),
    (
        "Switchover standby tenant to primary",
        "将备租户切换为主租户",
    ),
    ("Reset log restore source", "重置日志恢复源"),
    ("Update log restore source", "更新日志恢复源"),
    (
        "Restart tenant service name if started",
        "重启已启动的租户服务名",
    ),
    ("Update tenant role in meta", "更新元数据中的租户角色"),
    ("Reset switchover tenant info", "重置租户主备切换信息"),
    ("Prepare failover tenant", "准备租户失败切换"),
    (
        "Failover standby tenant to primary",
        "将备租户失败切换为主租户",
    ),
    ("Reset failover tenant info", "重置租户失败切换信息"),
    ("Check host resource", "检查主机资源"),
    ("Create resource unit", "创建资源单元"),
    ("Check replica status", "检查副本状态"),
    ("Refresh meta cache", "刷新元数据缓存"),
    ("Check tenant status", "检查租户状态"),
];

fn zh_of(en: &str) -> Option<&'static str> {
    NAMES.iter().find(|(e, _)| *e == en).map(|(_, z)| *z)
}

/// A task or subtask name (or description) in `lang`; a known name followed by ` (zone3)` or
/// ` #12` keeps its suffix, anything unknown stays as it is.
pub fn name_in(en: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return en.to_string();
    }
    if let Some(z) = zh_of(en) {
        return z.to_string();
    }
    for sep in [" (", " #"] {
        if let Some((head, tail)) = en.split_once(sep) {
            if let Some(z) = zh_of(head) {
                let tail = if sep == " (" {
                    format!("（{}", tail.replace(')', "）"))
                } else {
                    format!(" #{tail}")
                };
                return format!("{z}{tail}");
            }
        }
    }
    en.to_string()
}

/// A name in the current request's language.
pub fn name(en: &str) -> String {
    name_in(en, lang())
}

/// Whether `name` (English) or its Chinese form is `query`, for matching a subtask by name.
pub fn same_name(en: &str, query: &str) -> bool {
    en == query || name_in(en, Lang::Zh) == query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_translate_with_suffixes() {
        assert_eq!(name_in("Add tenant replica", Lang::Zh), "添加副本");
        assert_eq!(
            name_in("Create resource pool (zone3)", Lang::Zh),
            "创建资源池（zone3）"
        );
        assert_eq!(
            name_in("Check host resource #3", Lang::Zh),
            "检查主机资源 #3"
        );
        assert_eq!(name_in("Something else", Lang::Zh), "Something else");
        assert_eq!(
            name_in("Add tenant replica", Lang::En),
            "Add tenant replica"
        );
        assert!(same_name("Update tenant status", "更新租户状态"));
    }

    #[test]
    fn first_tag_decides() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_LANGUAGE, v.parse().unwrap());
            from_headers(&m)
        };
        assert_eq!(h("zh-CN,zh;q=0.9"), Lang::Zh);
        assert_eq!(h("ZH"), Lang::Zh);
        assert_eq!(h("en-US,zh;q=0.5"), Lang::En);
        assert_eq!(from_headers(&HeaderMap::new()), Lang::En);
    }
}
