//! Add replicas.

use leptos::prelude::*;

#[component]
pub fn AddReplicaPage() -> impl IntoView {
    view! { <h1>"Add replicas"</h1> }
}
