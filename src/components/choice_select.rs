//! A `<select>` of value/label choices inside a `Field`, the first of them the empty one that says what
//! to do.

use super::FieldSelect;
use leptos::prelude::*;
use ocp_core::forms::Choice;

/// `options` behind an empty choice labelled `placeholder`.
pub fn with_placeholder(placeholder: &str, mut options: Vec<Choice>) -> Vec<Choice> {
    options.insert(0, (String::new(), placeholder.to_string()));
    options
}

/// Each of `options` is selected while `value` equals it. Used for clusters, tenants (add replica's
/// tenant, switchover's primary and standby) and unit specs.
#[component]
pub fn ChoiceSelect(
    /// The `name` attribute (a test hook).
    name: &'static str,
    /// The chosen value; empty for none.
    value: RwSignal<String>,
    /// Called with the newly chosen value.
    #[prop(into)]
    on_change: Callback<String>,
    /// The choices in order, the empty one first (see [`with_placeholder`]).
    #[prop(into)]
    options: Signal<Vec<Choice>>,
) -> impl IntoView {
    view! {
        <FieldSelect name value on_change>
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(v, label)| {
                        let current = v.clone();
                        view! {
                            <option value=v prop:selected=move || value.get() == current>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </FieldSelect>
    }
}
