//! Page not found.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::title::use_page_title(|| "Page not found".into());
    view! { <h1>"Page not found"</h1> }
}
