//! Which message a form field shows, one rule for both forms: the client's message for the current input
//! once the user has tried to send, else OCP's sub-error mapped onto the field, else none.

use crate::validation::{PairFormErrors, ReplicaFormErrors};

/// A field of an add-replica row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplicaField {
    Zone,
    Type,
    Spec,
    Count,
}

/// A field of a switchover pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairField {
    Primary,
    Standby,
}

/// A form's messages, by row and field, and for the form as a whole.
pub trait FormErrors {
    type Field: Copy;
    fn form(&self) -> Option<&String>;
    fn field(&self, row: usize, field: Self::Field) -> Option<&String>;
}

impl FormErrors for ReplicaFormErrors {
    type Field = ReplicaField;
    fn form(&self) -> Option<&String> {
        self.form.as_ref()
    }
    fn field(&self, row: usize, field: ReplicaField) -> Option<&String> {
        let r = self.rows.get(row)?;
        match field {
            ReplicaField::Zone => r.zone_name.as_ref(),
            ReplicaField::Type => r.replica_type.as_ref(),
            ReplicaField::Spec => r.unit_spec.as_ref(),
            ReplicaField::Count => r.unit_count.as_ref(),
        }
    }
}

impl FormErrors for PairFormErrors {
    type Field = PairField;
    fn form(&self) -> Option<&String> {
        self.form.as_ref()
    }
    fn field(&self, row: usize, field: PairField) -> Option<&String> {
        let r = self.rows.get(row)?;
        match field {
            PairField::Primary => r.primary.as_ref(),
            PairField::Standby => r.standby.as_ref(),
        }
    }
}

/// The rule itself: `client` counts only once the user has tried to send.
pub fn shown(attempted: bool, client: Option<&String>, server: Option<&String>) -> Option<String> {
    attempted.then_some(client).flatten().or(server).cloned()
}

/// The message under `field` of row `row`: `client` is the validation of the current input, `server`
/// what OCP's last answer mapped onto the fields.
pub fn field_message<E: FormErrors, T>(
    attempted: bool,
    client: &Result<T, E>,
    server: &E,
    row: usize,
    field: E::Field,
) -> Option<String> {
    let client = client.as_ref().err().and_then(|e| e.field(row, field));
    shown(attempted, client, server.field(row, field))
}

/// The message for the form as a whole, by the same rule.
pub fn form_message<E: FormErrors, T>(
    attempted: bool,
    client: &Result<T, E>,
    server: &E,
) -> Option<String> {
    shown(
        attempted,
        client.as_ref().err().and_then(E::form),
        server.form(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::{PairRowErrors, ReplicaRowErrors};

    fn pair_errors(primary: Option<&str>, form: Option<&str>) -> PairFormErrors {
        PairFormErrors {
            form: form.map(Into::into),
            rows: vec![PairRowErrors {
                primary: primary.map(Into::into),
                standby: None,
            }],
        }
    }

    #[test]
    fn the_client_wins_once_the_user_tried_to_send() {
        let client: Result<(), _> = Err(pair_errors(Some("Choose a tenant."), Some("client")));
        let server = pair_errors(Some("not its primary"), Some("server"));
        let msg = |attempted| field_message(attempted, &client, &server, 0, PairField::Primary);
        assert_eq!(msg(true).as_deref(), Some("Choose a tenant."));
        assert_eq!(msg(false).as_deref(), Some("not its primary"));
        assert_eq!(
            form_message(true, &client, &server).as_deref(),
            Some("client")
        );
        assert_eq!(
            form_message(false, &client, &server).as_deref(),
            Some("server")
        );
    }

    #[test]
    fn the_server_shows_while_the_input_is_valid() {
        let server = ReplicaFormErrors {
            form: None,
            rows: vec![ReplicaRowErrors {
                unit_count: Some("not enough servers".into()),
                ..Default::default()
            }],
        };
        let valid: Result<(), ReplicaFormErrors> = Ok(());
        let msg = |f| field_message(true, &valid, &server, 0, f);
        assert_eq!(
            msg(ReplicaField::Count).as_deref(),
            Some("not enough servers")
        );
        assert_eq!(msg(ReplicaField::Zone), None);
        assert_eq!(
            field_message(true, &valid, &server, 3, ReplicaField::Count),
            None
        );
        assert_eq!(form_message(true, &valid, &server), None);
    }

    #[test]
    fn nothing_before_an_attempt_without_a_server_answer() {
        assert_eq!(shown(false, Some(&"x".to_string()), None), None);
        assert_eq!(shown(true, None, None), None);
    }
}
