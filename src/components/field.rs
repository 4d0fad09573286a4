//! One form field: label, control and message, with the control's id, `aria-describedby` and
//! `aria-invalid` wired in one place (after thaw's `Field`): controls inside read them from context.

use super::FieldError;
use crate::i18n::{t, tr, tx, Msg};
use leptos::prelude::*;

/// What a control inside a [`Field`] takes from it: its id and its message.
#[derive(Clone)]
struct FieldContext {
    id: String,
    error: Signal<Option<String>>,
}

impl FieldContext {
    fn get() -> Self {
        use_context::<FieldContext>().expect("inside a Field")
    }

    fn described_by(&self) -> String {
        format!("{}-error", self.id)
    }

    fn invalid(&self) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
        let error = self.error;
        move || error.get().map(|_| "true")
    }
}

/// `<div class="field">`: a `<label for=id>`, the `children` (a [`FieldInput`] or [`FieldSelect`], then
/// any hint), the message as `.field-error#{id}-error`, then `after`.
#[component]
pub fn Field(
    /// The control's id; its message gets `{id}-error`.
    #[prop(into)]
    id: String,
    /// The label's text.
    label: Msg,
    /// The message under the field, when there is one.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// A short field (`class="field narrow"`).
    #[prop(optional)]
    narrow: bool,
    /// Shown after the message, inside the field (a loading error).
    #[prop(optional, into)]
    after: ViewFn,
    children: Children,
) -> impl IntoView {
    let context = FieldContext {
        id: id.clone(),
        error,
    };
    // Built once inside its own render effect, whose owner holds the context, so the next field's
    // context does not shadow it.
    let mut children = Some(children);
    let control = move || {
        provide_context(context.clone());
        children.take().map(|c| c())
    };
    view! {
        <div class=if narrow { "field narrow" } else { "field" }>
            <label for=id.clone()>{tr(label)}</label>
            {control}
            <FieldError field_id=id message=error />
            {after.run()}
        </div>
    }
}

/// An `<input>` inside a [`Field`], showing `value` and reporting each edit to `on_input`.
#[component]
pub fn FieldInput(
    /// The `name` attribute (a test hook).
    name: &'static str,
    /// What the input shows.
    value: RwSignal<String>,
    /// Called with the text after each edit.
    #[prop(into)]
    on_input: Callback<String>,
    /// The `type` attribute; none means text.
    #[prop(optional)]
    kind: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] placeholder: Option<Msg>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let field = FieldContext::get();
    view! {
        <input
            id=field.id.clone()
            name=name
            type=kind
            inputmode=inputmode
            placeholder=placeholder.map(tx)
            autocomplete=autocomplete
            list=list
            aria-invalid=field.invalid()
            aria-describedby=field.described_by()
            prop:value=move || value.get()
            on:input:target=move |ev| on_input.run(ev.target().value())
        />
    }
}

/// A `<select>` inside a [`Field`] with `children` as its options, showing `value` and reporting each
/// choice to `on_change`.
#[component]
pub fn FieldSelect(
    /// The `name` attribute (a test hook).
    name: &'static str,
    /// The chosen value.
    value: RwSignal<String>,
    /// Called with the newly chosen value.
    #[prop(into)]
    on_change: Callback<String>,
    children: Children,
) -> impl IntoView {
    let field = FieldContext::get();
    view! {
        <select
            id=field.id.clone()
            name=name
            aria-invalid=field.invalid()
            aria-describedby=field.described_by()
            prop:value=move || value.get()
            on:change:target=move |ev| on_change.run(ev.target().value())
        >
            {children()}
        </select>
    }
}

/// The message of a field that must not be left empty: `m`, once the user tried to send while
/// `missing` holds (the forms' rule: the client's message counts only after an attempt).
pub fn required(
    attempted: RwSignal<bool>,
    missing: impl Fn() -> bool + Send + Sync + 'static,
    m: Msg,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        let client = missing().then(|| t(m).to_string());
        ocp_core::forms::errors::shown(attempted.get(), client.as_ref(), None)
    })
}
