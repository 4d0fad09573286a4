//! A `<select>` of value/label choices inside a `Field`, with an empty first option that says what to do.

use super::FieldSelect;
use leptos::prelude::*;
use ocp_core::forms::pairs::Choice;

/// The empty option reads `placeholder`; each of `options` is selected while `value` equals it. Used for
/// clusters, tenants (add replica's tenant, switchover's primary and standby) and unit specs.
#[component]
pub fn ChoiceSelect(
    /// The `name` attribute (a test hook).
    name: &'static str,
    /// The chosen value; empty for none.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the newly chosen value.
    #[prop(into)]
    on_change: Callback<String>,
    /// The empty option's text.
    #[prop(into)]
    placeholder: Signal<String>,
    /// The choices, in order.
    #[prop(into)]
    options: Signal<Vec<Choice>>,
) -> impl IntoView {
    view! {
        <FieldSelect name value on_change>
            <option value="" prop:selected=move || value.get().is_empty()>
                {move || placeholder.get()}
            </option>
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
