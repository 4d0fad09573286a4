//! Batch switchover.

use leptos::prelude::*;

#[component]
pub fn SwitchoverPage() -> impl IntoView {
    view! { <h1>"Batch switchover"</h1> }
}
