//! A modal confirmation: names what will happen, confirm or cancel, Escape closes.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;

/// Shown while `open` is true. `on_confirm` runs once per click on the confirm button.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] open: Signal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] confirm_label: Signal<String>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let confirm_ref = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(b) = confirm_ref.get() {
                let _ = b.focus();
            }
        }
    });
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_cancel.run(());
        }
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
                            <button type="button" id="cancel" class="secondary" on:click=move |_| on_cancel.run(())>
                                "Cancel"
                            </button>
                            <button
                                type="button"
                                id="confirm"
                                class="danger"
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
