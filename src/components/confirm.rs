//! A modal confirmation: names what will happen, confirm or cancel; Escape closes, Tab stays inside,
//! and focus returns to what opened it.

use crate::i18n::{tr, Msg};
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Shown while `open` is true. `on_confirm` runs once per click on the confirm button, which is drawn
/// red only when `danger` (an action that undoes or gives up work).
#[component]
pub fn ConfirmDialog(
    #[prop(into)] open: Signal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] confirm_label: Signal<String>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
    #[prop(optional, into)] danger: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let confirm_ref = NodeRef::<html::Button>::new();
    let cancel_ref = NodeRef::<html::Button>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open && was_open != Some(true) {
            let active = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
            if let Some(b) = confirm_ref.get() {
                let _ = b.focus();
            }
        } else if !is_open && was_open == Some(true) {
            if let Some(el) = opener.get_value() {
                if el.is_connected() {
                    let _ = el.focus();
                }
            }
        }
        is_open
    });
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_cancel.run(());
        }
        "Tab" => {
            let (Some(first), Some(last)) = (cancel_ref.get(), confirm_ref.get()) else {
                return;
            };
            let active = document().active_element();
            let at = |b: &web_sys::HtmlButtonElement| {
                active.as_ref() == Some(b.unchecked_ref::<web_sys::Element>())
            };
            let last_enabled = !last.disabled();
            if ev.shift_key() && at(&first) && last_enabled {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && (at(&last) || (at(&first) && !last_enabled)) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    let children = StoredValue::new(children);
    move || {
        open.get().then(|| {
            view! {
                <div class="modal-backdrop" on:keydown=on_key>
                    <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
                        <h2 id="confirm-title">{move || title.get()}</h2>
                        <div class="modal-body">{children.with_value(|c| c())}</div>
                        <div class="modal-actions">
                            <button type="button" id="cancel" class="secondary" node_ref=cancel_ref on:click=move |_| on_cancel.run(())>
                                {tr(Msg::Cancel)}
                            </button>
                            <button
                                type="button"
                                id="confirm"
                                class=move || if danger.get() { "danger" } else { "primary" }
                                node_ref=confirm_ref
                                disabled=move || busy.get()
                                on:click=move |_| {
                                    if !busy.get_untracked() {
                                        on_confirm.run(())
                                    }
                                }
                            >
                                {move || confirm_label.get()}
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
