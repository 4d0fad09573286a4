//! The message next to a form field.

use leptos::prelude::*;

/// Renders `message` under the field whose id is `field_id` (the field points to it with
/// `aria-describedby="{field_id}-error"`).
#[component]
pub fn FieldError(
    #[prop(into)] field_id: String,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("{field_id}-error");
    move || {
        message
            .get()
            .map(|m| view! { <div class="field-error" id=id.clone() role="alert">{m}</div> })
    }
}
