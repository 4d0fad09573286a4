//! Batch.

use leptos::prelude::*;

#[component]
pub fn BatchPage() -> impl IntoView {
    view! { <h1>"Batch"</h1> }
}
