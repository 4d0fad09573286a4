//! Page not found.

use crate::i18n::{t, tr, Msg};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::title::use_page_title(|| t(Msg::PageNotFound).into());
    view! { <h1>{tr(Msg::PageNotFound)}</h1> }
}
