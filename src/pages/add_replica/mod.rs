//! Add replicas to a tenant: pick cluster and tenant, one row per zone, preview the exact body, send once.

mod zone_row;

use crate::api::{self, Api};
use crate::components::{
    required, with_placeholder, ApiErrorBanner, ChoiceSelect, ClusterPicker, Field, TenantState,
};
use crate::hub::use_hub;
use crate::i18n::{self, t, tf, tr, tx, Msg};
use crate::recent;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use ocp_core::error::ApiError;
use ocp_core::forms::errors::{field_message, form_message, ReplicaField};
use ocp_core::forms::rows::Rows;
use ocp_core::forms::submit::Submit;
use ocp_core::forms::zones::{next_zone, zone_choices};
use ocp_core::model::{Cluster, ReplicaSpec, ReplicaType, Tenant, TenantDetail};
use ocp_core::routes;
use ocp_core::tenant_rules::replica_block;
use ocp_core::text::contains_ignore_case;
use ocp_core::validation::{
    apply_replica_sub_errors, validate_replicas, ReplicaContext, ReplicaFormErrors,
};
use zone_row::{ZoneRow, ZoneRowState};

fn cluster_option(c: &Cluster) -> String {
    format!(
        "{} ({}, OceanBase {})",
        c.name,
        c.id,
        c.ob_version.clone().unwrap_or_default()
    )
}

fn tenant_option(t: &Tenant) -> (String, String) {
    let mode = t.mode.as_ref().map(|m| m.to_string()).unwrap_or_default();
    (t.id.to_string(), format!("{} ({}, {mode})", t.name, t.id))
}

/// Routed at `/add-replica` (`?cluster=1&tenant=2` prefill).
#[component]
pub fn AddReplicaPage() -> impl IntoView {
    let api = expect_context::<Api>();
    crate::title::use_page_title(|| t(Msg::AddReplicas).into());
    let query = use_query_map();
    let navigate = use_navigate();
    let cluster = RwSignal::new(query.with_untracked(|q| q.get("cluster").unwrap_or_default()));
    let tenant = RwSignal::new(query.with_untracked(|q| q.get("tenant").unwrap_or_default()));
    let tenant_search = RwSignal::new(String::new());
    let rows = RwSignal::new(Rows::one(ZoneRowState::new(String::new(), String::new())));
    let submit = RwSignal::new(Submit::Idle);
    let attempted = RwSignal::new(false);
    let server_errors = RwSignal::new(ReplicaFormErrors::default());
    let api_error = RwSignal::new(None::<ApiError>);

    let clusters = crate::watch::cluster_list(&api);
    let cluster_id = Memo::new(move |_| cluster.get().trim().parse::<i64>().ok());
    let tenant_id = Memo::new(move |_| tenant.get().trim().parse::<i64>().ok());
    let tenants = crate::session::resource({
        let api = api.clone();
        move || {
            let api = api.clone();
            let c = cluster_id.get();
            async move {
                match c {
                    Some(c) => api::list_tenants(&api, c).await.map(|p| p.contents),
                    None => Ok(Vec::new()),
                }
            }
        }
    });
    let hub = use_hub();
    let detail = crate::session::resource({
        let api = api.clone();
        move || {
            let api = api.clone();
            if let Some(h) = hub {
                h.revision.track();
            }
            let (c, t) = (cluster_id.get(), tenant_id.get());
            async move {
                match (c, t) {
                    (Some(c), Some(t)) => api::get_tenant(&api, c, t).await.map(Some),
                    _ => Ok(None),
                }
            }
        }
    });
    let specs = crate::session::resource({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api::list_unit_specs(&api).await.map(|p| p.contents) }
        }
    });

    let cluster_list = Memo::new(move |_| {
        clusters
            .get()
            .and_then(|r| r.ok())
            .map(|p| p.contents)
            .unwrap_or_default()
    });
    let selected_cluster = Memo::new(move |_| {
        let id = cluster_id.get()?;
        cluster_list.with(|l| l.iter().find(|c| c.id == id).cloned())
    });
    // A re-read (after tasks changed) keeps showing the tenant until its answer is in.
    let tenant_detail = Memo::new(
        move |prev: Option<&Option<TenantDetail>>| match detail.get() {
            Some(r) => r.ok().flatten(),
            None => prev.cloned().flatten(),
        },
    );
    let blocked = Memo::new(move |_| {
        tenant_detail.with(|t| {
            t.as_ref()
                .and_then(|t| replica_block(&t.tenant, i18n::lang()))
        })
    });
    Effect::new(move |_| {
        let current = tenant_detail.with(|t| {
            t.as_ref()?
                .zones
                .iter()
                .find_map(|z| z.resource_pool.as_ref()?.unit_config.as_ref()?.name.clone())
        });
        if let Some(spec) = current {
            rows.with_untracked(|r| {
                for row in r.iter() {
                    if row.spec.get_untracked().is_empty() {
                        row.spec.set(spec.clone());
                    }
                }
            });
        }
    });
    let spec_list = Memo::new(move |_| specs.get().map(|r| r.ok()));
    let choices = Memo::new(move |_| {
        selected_cluster
            .get()
            .map(|c| zone_choices(&c, tenant_detail.get().as_ref(), i18n::lang()))
            .unwrap_or_default()
    });

    let context = Memo::new(move |_| ReplicaContext {
        cluster_zones: selected_cluster
            .get()
            .filter(|c| !c.zones.is_empty())
            .map(|c| c.zones.iter().map(|z| z.name.clone()).collect()),
        tenant_zones: tenant_detail
            .get()
            .map(|t| t.zones.iter().map(|z| z.name.clone()).collect())
            .unwrap_or_default(),
        unit_specs: match spec_list.get() {
            Some(Some(l)) if !l.is_empty() => Some(l.iter().map(|s| s.name.clone()).collect()),
            _ => None,
        },
    });
    let values =
        Memo::new(move |_| rows.with(|r| r.iter().map(ZoneRowState::value).collect::<Vec<_>>()));
    let checked =
        Memo::new(move |_| validate_replicas(&values.get(), &context.get(), i18n::lang()));
    let cluster_error = required(
        attempted,
        move || cluster_id.get().is_none(),
        Msg::ChooseClusterDot,
    );
    let tenant_error = required(
        attempted,
        move || tenant_id.get().filter(|t| *t > 0).is_none(),
        Msg::VChooseTenant,
    );
    let row_message = move |i: usize, field: ReplicaField| {
        field_message(
            attempted.get(),
            &checked.read(),
            &server_errors.read(),
            i,
            field,
        )
    };
    let form_error = move || form_message(attempted.get(), &checked.read(), &server_errors.read());

    let send = Action::new_local({
        let api = api.clone();
        move |(c, t, body): &(i64, i64, Vec<ReplicaSpec>)| {
            let api = api.clone();
            let (c, t, body) = (*c, *t, body.clone());
            async move { api::add_replica(&api, c, t, &body).await }
        }
    });
    Effect::new(move |_| {
        let Some(result) = send.value().get() else {
            return;
        };
        match result {
            Ok(task) => {
                recent::remember(&[(task.id, task.name.clone())]);
                navigate(&routes::task(task.id), Default::default());
            }
            Err(e) => {
                submit.update(Submit::fail);
                server_errors.set(apply_replica_sub_errors(
                    rows.with_untracked(Rows::len),
                    e.sub_errors(),
                ));
                api_error.set(Some(e));
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let (Some(c), Some(t)) = (cluster_id.get_untracked(), tenant_id.get_untracked()) else {
            return;
        };
        let Ok(body) = checked.get_untracked() else {
            return;
        };
        if blocked.with_untracked(Option::is_some) {
            return;
        }
        if !submit.try_update(Submit::begin).unwrap_or(false) {
            return;
        }
        server_errors.set(ReplicaFormErrors::default());
        api_error.set(None);
        send.dispatch_local((c, t, body));
    };

    let add_row = move |_| {
        let used: Vec<String> =
            rows.with_untracked(|r| r.iter().map(|r| r.zone.get_untracked()).collect());
        let zone = choices.with_untracked(|(free, _)| next_zone(free, &used));
        let spec = rows
            .with_untracked(|r| r.last().map(|r| r.spec.get_untracked()))
            .unwrap_or_default();
        rows.update(|r| {
            r.push(ZoneRowState::new(zone, spec));
        });
    };
    let max_rows = Memo::new(move |_| choices.with(|(free, _)| free.len()).max(1));

    let tenants_error = Signal::derive(move || tenants.get().and_then(Result::err));
    let tenant_options = Signal::derive(move || {
        let needle = tenant_search.get().trim().to_string();
        let list: Vec<Tenant> = tenants.get().and_then(|r| r.ok()).unwrap_or_default();
        let options = list
            .iter()
            .filter(|t| {
                needle.is_empty()
                    || contains_ignore_case(&t.name, &needle)
                    || t.id.to_string().contains(&needle)
            })
            .map(tenant_option)
            .collect();
        with_placeholder(t(Msg::ChooseTenantPh), options)
    });
    let spec_choices = Signal::derive(move || {
        spec_list
            .get()
            .flatten()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let specs = l.iter().map(|s| (s.name.clone(), s.summary())).collect();
                with_placeholder(t(Msg::ChooseSpec), specs)
            })
            .unwrap_or_default()
    });

    let preview = move || match checked.get() {
        Ok(body) => serde_json::to_string_pretty(&body).unwrap_or_default(),
        Err(_) => t(Msg::CompleteRows).to_string(),
    };
    let path = move || match (cluster_id.get(), tenant_id.get()) {
        (Some(c), Some(t)) => format!("POST /api/v2/ob/clusters/{c}/tenants/{t}/addReplica"),
        _ => "POST /api/v2/ob/clusters/{clusterId}/tenants/{tenantId}/addReplica".to_string(),
    };
    let sending = move || submit.with(Submit::is_sending);
    let adds = Signal::derive(move || {
        values.with(|v| {
            v.iter()
                .map(|r| (r.zone_name.clone(), ReplicaType::parse(&r.replica_type)))
                .collect::<Vec<_>>()
        })
    });

    view! {
        <h1>{tr(Msg::AddReplicas)}</h1>
        <form class="op-form" id="add-replica-form" on:submit=on_submit novalidate>
            <div class="pick">
                <ClusterPicker id="cluster" label=Msg::Cluster placeholder=Msg::ChooseCluster
                    clusters=cluster_list option_label=cluster_option value=cluster
                    on_change=move |v| { cluster.set(v); tenant.set(String::new()); }
                    error=cluster_error
                    after=move || view! { <ApiErrorBanner error=Signal::derive(move || clusters.get().and_then(|r| r.err())) /> } />
                <Field id="tenant" label=Msg::Tenant error=tenant_error>
                    <input id="tenant-search" type="search" placeholder=tx(Msg::SearchTenantsPh) aria-label=tx(Msg::SearchTenants)
                        prop:value=move || tenant_search.get() on:input:target=move |ev| tenant_search.set(ev.target().value()) />
                    <ChoiceSelect name="tenant" value=tenant on_change=move |v| tenant.set(v)
                        options=tenant_options />
                </Field>
                {move || tenants_error.get().map(|_| view! {
                    <div class="load-failed" data-testid="tenants-error">
                        <ApiErrorBanner error=tenants_error />
                        <button type="button" id="retry-tenants" class="secondary" on:click=move |_| tenants.refetch()>{tr(Msg::RetryLoad)}</button>
                    </div>
                })}
            </div>
            {move || tenant_detail.get().map(|t| view! {
                <div class="tenant-zones" data-testid="tenant-zones">
                    <strong>{tf(Msg::HasReplicasIn, &[&t.tenant.name])}" "</strong>
                    {t.zones.iter().map(|z| format!("{} ({})", z.name, z.replica_type.as_ref().map(|r| r.to_string()).unwrap_or_default())).collect::<Vec<_>>().join(i18n::current().text(Msg::ListSeparator))}
                </div>
            })}
            <TenantState tenant=Signal::derive(move || tenant_detail.get().map(|d| d.tenant)) adds=adds />
            <ApiErrorBanner error=Signal::derive(move || detail.get().and_then(|r| r.err())) />
            <For each=move || rows.with(Rows::entries) key=|(k, _)| *k children=move |(key, row)| view! {
                <ZoneRow key row rows choices cluster=selected_cluster specs=spec_choices message=row_message />
            } />
            <button type="button" id="add-row" class="secondary" disabled=move || { rows.with(Rows::len) >= max_rows.get() } on:click=add_row>
                {tr(Msg::AddAnotherZone)}
            </button>
            {move || form_error().map(|f| view! { <div class="field-error" role="alert">{f}</div> })}
            <details class="preview" open>
                <summary>{tr(Msg::RequestPreview)}</summary>
                <code class="path">{path}</code>
                <pre data-testid="body-preview">{preview}</pre>
            </details>
            <ApiErrorBanner error=api_error />
            <div class="form-actions">
                <button type="submit" id="submit" class="primary" disabled=move || sending() || blocked.with(Option::is_some)>
                    {move || t(if sending() { Msg::Sending } else { Msg::AddReplicas })}
                </button>
            </div>
        </form>
    }
}
