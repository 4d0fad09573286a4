//! One primary/standby pair of the switchover form, one row: primary → standby (two tenant lists, or
//! id inputs in free entry), its precheck result and its remove button.

use super::precheck_result::precheck_result;
use crate::components::{with_placeholder, ChoiceSelect, Field, FieldInput};
use crate::i18n::{self, t, tf, tr, Msg};
use leptos::prelude::*;
use ocp_core::forms::pairs::{
    primary_options, primary_placeholder, row_pair, standby_after, standby_options,
};
use ocp_core::forms::precheck::{current_check, Precheck};
use ocp_core::model::{Cluster, Tenant};

/// A pair's fields, each its own signal, and its last precheck.
#[derive(Clone, Copy)]
pub struct PairRowState {
    pub primary: RwSignal<String>,
    pub standby: RwSignal<String>,
    pub precheck: RwSignal<Option<Precheck>>,
}

impl PairRowState {
    pub fn new() -> Self {
        PairRowState {
            primary: RwSignal::new(String::new()),
            standby: RwSignal::new(String::new()),
            precheck: RwSignal::new(None),
        }
    }
}

/// A `<fieldset data-testid="pair-row">` whose fields are `#primary-{index}` and `#standby-{index}`.
#[component]
pub fn PairRow(
    /// The row's place in the form, from 0.
    index: usize,
    /// The row's fields.
    row: PairRowState,
    /// Lists of tenants by role (else free entry of ids).
    roles_known: Memo<bool>,
    /// Every tenant known.
    tenants: Memo<Vec<Tenant>>,
    /// Every cluster known, for the tenants' labels.
    clusters: Memo<Vec<Cluster>>,
    /// The chosen cluster.
    cluster_id: Memo<Option<i64>>,
    /// The primary's message.
    #[prop(into)]
    primary_error: Signal<Option<String>>,
    /// The standby's message.
    #[prop(into)]
    standby_error: Signal<Option<String>>,
    /// Called when the user edits the row (OCP's messages for it no longer apply).
    on_edit: Callback<()>,
    /// Called when the user removes the row.
    on_remove: Callback<()>,
) -> impl IntoView {
    let (pid, sid) = (format!("primary-{index}"), format!("standby-{index}"));
    let set_primary = Callback::new(move |v: String| {
        on_edit.run(());
        if roles_known.get_untracked() {
            let standby = row.standby.get_untracked();
            if let Some(s) = tenants.with_untracked(|t| standby_after(t, &v, &standby)) {
                row.standby.set(s);
            }
        }
        row.primary.set(v);
    });
    let set_standby = Callback::new(move |v: String| {
        on_edit.run(());
        row.standby.set(v);
    });
    let controls = move || {
        let (pid, sid) = (pid.clone(), sid.clone());
        if roles_known.get() {
            let primaries = Signal::derive(move || {
                let (t, c, cluster) = (tenants.get(), clusters.get(), cluster_id.get());
                let lang = i18n::lang();
                let options = primary_options(&t, &c, cluster, &row.primary.get(), lang);
                with_placeholder(lang.text(primary_placeholder(&t, cluster)), options)
            });
            let standbys = Signal::derive(move || {
                let primary = row.primary.get();
                let options = standby_options(
                    &tenants.get(),
                    &clusters.get(),
                    &primary,
                    &row.standby.get(),
                    i18n::lang(),
                );
                let hint = if primary.is_empty() {
                    Msg::ChoosePrimaryFirst
                } else {
                    Msg::ChooseStandby
                };
                with_placeholder(t(hint), options)
            });
            view! {
                <Field id=pid label=Msg::PrimaryTenant error=primary_error>
                    <ChoiceSelect name="primary" value=row.primary on_change=set_primary
                        options=primaries />
                </Field>
                <span class="pair-arrow" aria-hidden="true">"→"</span>
                <Field id=sid label=Msg::StandbyTenant error=standby_error>
                    <ChoiceSelect name="standby" value=row.standby on_change=set_standby
                        options=standbys />
                </Field>
            }
            .into_any()
        } else {
            view! {
                <Field id=pid label=Msg::PrimaryTenantId error=primary_error>
                    <FieldInput name="primary" kind="text" inputmode="numeric" autocomplete="off"
                        list="known-tenants" value=row.primary on_input=set_primary />
                </Field>
                <span class="pair-arrow" aria-hidden="true">"→"</span>
                <Field id=sid label=Msg::StandbyTenantId error=standby_error>
                    <FieldInput name="standby" kind="text" inputmode="numeric" autocomplete="off"
                        list="known-tenants" value=row.standby on_input=set_standby />
                </Field>
            }
            .into_any()
        }
    };
    let check = move || {
        let pair = row_pair(&row.primary.get(), &row.standby.get());
        current_check(row.precheck.get(), cluster_id.get(), pair)
    };
    view! {
        <fieldset class="pair-row" data-testid="pair-row">
            <legend>{move || tf(Msg::PairN, &[&(index + 1)])}</legend>
            {controls}
            <div class="pair-check">{move || precheck_result(check())}</div>
            <button
                type="button"
                class="secondary remove"
                data-action="remove-pair"
                aria-label=move || tf(Msg::RemovePairN, &[&(index + 1)])
                on:click=move |_| on_remove.run(())
            >
                {tr(Msg::Remove)}
            </button>
        </fieldset>
    }
}
