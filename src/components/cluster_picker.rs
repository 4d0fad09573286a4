//! Picks one of OCP's clusters by id: a `<select>` of the list, or a text input for the id when the list
//! could not load.

use super::{with_placeholder, ChoiceSelect, Field, FieldInput};
use crate::i18n::{t, Msg};
use leptos::prelude::*;
use ocp_core::model::Cluster;

/// One cluster field, labelled `label`, whose control has id `id` and name `cluster`.
#[component]
pub fn ClusterPicker(
    /// The control's id ("cluster", "filter-cluster").
    id: &'static str,
    /// The label's text.
    label: Msg,
    /// The empty option's text ("Choose a cluster", "All clusters").
    placeholder: Msg,
    /// The clusters to offer.
    clusters: Memo<Vec<Cluster>>,
    /// How a cluster's option reads.
    option_label: fn(&Cluster) -> String,
    /// The chosen cluster id as text; empty for none.
    value: RwSignal<String>,
    /// Called with the newly chosen id as text.
    #[prop(into)]
    on_change: Callback<String>,
    /// The message under the picker.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// A text input for the id instead of the list (the list failed to load).
    #[prop(optional, into)]
    free_entry: Signal<bool>,
    /// Shown after the message (the list's loading error).
    #[prop(optional, into)]
    after: ViewFn,
) -> impl IntoView {
    let options = Signal::derive(move || {
        let list = clusters.get();
        with_placeholder(
            t(placeholder),
            list.iter()
                .map(|c| (c.id.to_string(), option_label(c)))
                .collect(),
        )
    });
    view! {
        <Field id=id label error after>
            {move || {
                if free_entry.get() {
                    view! { <FieldInput name="cluster" kind="text" inputmode="numeric" value on_input=on_change /> }
                        .into_any()
                } else {
                    view! { <ChoiceSelect name="cluster" value on_change options /> }.into_any()
                }
            }}
        </Field>
    }
}
