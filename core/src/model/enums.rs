//! OCP's enums as open sets: a value the console does not know decodes as `Other` and shows as itself.

use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            /// A value this console does not know yet, kept as sent.
            Other(String),
        }

        impl $name {
            /// Every known value, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as OCP spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(s) => s,
                }
            }

            /// Parses OCP's spelling, case-insensitively; anything else becomes `Other`.
            pub fn parse(s: &str) -> Self {
                $(if s.eq_ignore_ascii_case($wire) { return $name::$variant; })+
                $name::Other(s.to_string())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok($name::parse(&s))
            }
        }
    };
}

open_enum!(
    /// A task's status.
    TaskStatus { Running => "RUNNING", Failed => "FAILED", Successful => "SUCCESSFUL" }
);

open_enum!(
    /// A subtask's status.
    SubtaskStatus {
        Pending => "PENDING", Ready => "READY", Running => "RUNNING",
        Canceling => "CANCELING", Failed => "FAILED", Successful => "SUCCESSFUL",
    }
);

open_enum!(
    /// What a task or subtask is doing: its first run, a retry, a rollback, ...
    Operation {
        Execute => "EXECUTE", Retry => "RETRY", Rollback => "ROLLBACK", Skip => "SKIP",
        RollbackSkip => "ROLLBACK_SKIP", Cancel => "CANCEL",
    }
);

open_enum!(
    /// How a task was started.
    TaskType {
        Manual => "MANUAL", Scheduled => "SCHEDULED", SysScheduled => "SYS_SCHEDULED",
        SysOnece => "SYS_ONECE",
    }
);

open_enum!(
    /// A subtask's node type.
    NodeType { JavaTask => "JAVA_TASK" }
);

open_enum!(
    /// A tenant's compatibility mode (OCP sends both `ORACLE` and `Oracle`).
    TenantMode { Mysql => "MYSQL", Oracle => "ORACLE" }
);

open_enum!(
    /// A replica's type.
    ReplicaType { Full => "FULL", Logonly => "LOGONLY", Readonly => "READONLY" }
);

impl Default for SubtaskStatus {
    fn default() -> Self {
        SubtaskStatus::Other(String::new())
    }
}

impl Default for TaskStatus {
    fn default() -> Self {
        TaskStatus::Other(String::new())
    }
}

// The macro's variants cannot carry `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Operation {
    fn default() -> Self {
        Operation::Execute
    }
}

impl SubtaskStatus {
    /// Lower-case name used for CSS classes and accessible labels.
    pub fn label(&self) -> String {
        match self {
            SubtaskStatus::Other(s) if s.is_empty() => "unknown".into(),
            other => other.as_str().to_ascii_lowercase(),
        }
    }

    /// The status as shown: "Running", "运行中"; a status the console does not know reads as
    /// itself in sentence case ("Paused").
    pub fn title(&self, lang: Lang) -> String {
        let m = match self {
            SubtaskStatus::Pending => Msg::StPending,
            SubtaskStatus::Ready => Msg::StReady,
            SubtaskStatus::Running => Msg::StRunning,
            SubtaskStatus::Canceling => Msg::StCanceling,
            SubtaskStatus::Failed => Msg::StFailed,
            SubtaskStatus::Successful => Msg::StSuccessful,
            SubtaskStatus::Other(s) if s.is_empty() => Msg::Unknown,
            SubtaskStatus::Other(_) => {
                let mut s = self.label();
                if let Some(first) = s.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                return s;
            }
        };
        lang.text(m).to_string()
    }
}

impl ReplicaType {
    /// One line that tells an operator what the replica type is for.
    pub fn explain(&self) -> Msg {
        match self {
            ReplicaType::Full => Msg::RtFull,
            ReplicaType::Logonly => Msg::RtLogonly,
            ReplicaType::Readonly => Msg::RtReadonly,
            ReplicaType::Other(_) => Msg::RtOther,
        }
    }

    /// Whether an OceanBase version (e.g. "4.2.1.0") accepts this replica type:
    /// 4.0–4.1 accept FULL only, 4.2+ FULL or READONLY, 3.x all three.
    pub fn accepted_by(&self, ob_version: &str) -> bool {
        let mut parts = ob_version.split('.').map(|p| p.trim().parse::<u32>().ok());
        let major = parts.next().flatten();
        let minor = parts.next().flatten().unwrap_or(0);
        match (self, major) {
            (ReplicaType::Full, _) => true,
            (_, None) => true,
            (ReplicaType::Logonly, Some(m)) => m < 4,
            (ReplicaType::Readonly, Some(m)) => m < 4 || (m == 4 && minor >= 2) || m > 4,
            (ReplicaType::Other(_), _) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_kept() {
        let s: SubtaskStatus = serde_json::from_str("\"PAUSED\"").unwrap();
        assert_eq!(s, SubtaskStatus::Other("PAUSED".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"PAUSED\"");
        let m: TenantMode = serde_json::from_str("\"Oracle\"").unwrap();
        assert_eq!(m, TenantMode::Oracle);
    }

    #[test]
    fn statuses_read_in_sentence_case() {
        assert_eq!(SubtaskStatus::Running.title(Lang::En), "Running");
        assert_eq!(SubtaskStatus::Running.title(Lang::Zh), "运行中");
        assert_eq!(SubtaskStatus::Successful.label(), "successful");
        assert_eq!(
            SubtaskStatus::Other("PAUSED".into()).title(Lang::Zh),
            "Paused"
        );
        assert_eq!(
            SubtaskStatus::Other(String::new()).title(Lang::En),
            "Unknown"
        );
    }

    #[test]
    fn replica_types_by_version() {
        assert!(ReplicaType::Full.accepted_by("4.0.0.0"));
        assert!(!ReplicaType::Readonly.accepted_by("4.1.0.2"));
        assert!(ReplicaType::Readonly.accepted_by("4.2.1.0"));
        assert!(!ReplicaType::Logonly.accepted_by("4.2.1.0"));
        assert!(ReplicaType::Logonly.accepted_by("3.1.0"));
    }
}
