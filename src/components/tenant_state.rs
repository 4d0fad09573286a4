//! Where a picked tenant stands before anything is sent: status, locality and primary zone; when it
//! is not NORMAL, why nothing can be sent and the task that holds it, with a link to act on it.

use crate::api::{self, Api};
use crate::hub::{use_hub, BUSY_INTERVAL_MS};
use crate::i18n::{self, tf, tr, Msg};
use leptos::prelude::*;
use leptos_router::components::A;
use ocp_core::model::{DerivedState, ReplicaType, Tenant};
use ocp_core::routes;
use ocp_core::tenant_rules::{holding_tasks_query, leader_warning, locality_after, replica_block};

/// The tenant's facts and, while `adds` names new zones, the locality before → after this request.
#[component]
pub fn TenantState(
    /// The tenant as last read (its detail); nothing is shown while unknown.
    #[prop(into)]
    tenant: Signal<Option<Tenant>>,
    /// The zones this request adds, with their replica type.
    #[prop(into)]
    adds: Signal<Vec<(String, ReplicaType)>>,
) -> impl IntoView {
    move || {
        let t = tenant.get()?;
        let lang = i18n::lang();
        let block = replica_block(&t, lang);
        let class = if block.is_some() {
            "tenant-state blocked"
        } else {
            "tenant-state"
        };
        let status = t
            .status
            .clone()
            .unwrap_or_else(|| lang.text(Msg::Unknown).into());
        let locality = t.locality.clone().unwrap_or_default();
        let pz = t.primary_zone.clone();
        let preview = {
            let locality = locality.clone();
            let pz = pz.clone();
            move || {
                let adds = adds.get();
                let after = locality_after(&locality, &adds);
                (after != locality).then(|| {
                    let warn = leader_warning(pz.as_deref(), &adds, i18n::lang());
                    view! {
                        <div class="locality-preview" data-testid="locality-preview">
                            <div><strong>{tr(Msg::LocalityAfter)}" "</strong><code data-testid="locality-after">{after}</code></div>
                            {warn.map(|w| view! { <div class="field-warning" role="status" data-testid="leader-warning">{w}</div> })}
                        </div>
                    }
                })
            }
        };
        Some(view! {
            <div class=class data-testid="tenant-state">
                <dl class="facts">
                    <div><dt>{tr(Msg::Status)}</dt><dd data-testid="tenant-status">{status}</dd></div>
                    <div><dt>{tr(Msg::Locality)}</dt><dd><code data-testid="locality-now">{if locality.is_empty() { lang.text(Msg::NotReported).to_string() } else { locality.clone() }}</code></dd></div>
                    <div><dt>{tr(Msg::PrimaryZone)}</dt><dd>{pz.clone().unwrap_or_else(|| lang.text(Msg::NotReported).into())}</dd></div>
                </dl>
                {block.map(|why| view! { <Blocked why=why tenant_id=t.id /> })}
                {preview}
            </div>
        })
    }
}

/// Why the tenant takes no replica change, and the task holding it, looked up while shown; the shared
/// watcher reads OCP's list every second meanwhile, so the form notices when that task ends.
#[component]
fn Blocked(why: String, tenant_id: i64) -> impl IntoView {
    let api = expect_context::<Api>();
    if let Some(hub) = use_hub() {
        hub.demand(BUSY_INTERVAL_MS);
    }
    let holder = crate::session::resource(move || {
        let api = api.clone();
        async move {
            api::list_tasks_by(&api, &holding_tasks_query(tenant_id))
                .await
                .ok()
                .and_then(|p| p.contents.into_iter().next())
        }
    });
    view! {
        <div class="blocked-reason" role="alert" data-testid="tenant-blocked">
            <strong>{why}</strong>
            {move || holder.get().flatten().map(|t| {
                let state = t.derived_state();
                let step = t.current_step().and_then(|sid| t.subtasks.iter().find(|s| s.id == sid).map(|s| s.name.clone()));
                view! {
                    <div data-testid="holding-task">
                        {tr(Msg::HeldBy)}" " <A href=routes::task(t.id)>{format!("{} #{}", t.name, t.id)}</A>
                        {let s = state.clone(); move || format!(" · {}", s.title(i18n::lang()))}
                        {step.map(|s| move || tf(Msg::HeldAt, &[&s]))}
                        {(!matches!(state, DerivedState::Successful | DerivedState::RolledBack)).then(|| tr(Msg::HeldHint))}
                    </div>
                }
            })}
        </div>
    }
}
