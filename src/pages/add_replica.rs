//! Add replicas to a tenant: pick cluster and tenant, one row per zone, preview the exact body, send once.

use crate::api::{self, Api};
use crate::components::{ApiErrorBanner, FieldError};
use crate::recent;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use ocp_core::error::ApiError;
use ocp_core::model::{Cluster, ReplicaSpec, ReplicaType, Tenant, TenantDetail, UnitSpec};
use ocp_core::routes;
use ocp_core::text::contains_ignore_case;
use ocp_core::validation::{
    apply_replica_sub_errors, replica_type_warning, validate_replicas, ReplicaContext,
    ReplicaFormErrors, ReplicaRow, ReplicaRowErrors,
};
use std::sync::atomic::{AtomicU32, Ordering};

static NEXT_KEY: AtomicU32 = AtomicU32::new(1);

/// One row of the form, each field its own signal.
#[derive(Clone, Copy, Debug)]
struct Row {
    key: u32,
    zone: RwSignal<String>,
    replica_type: RwSignal<String>,
    spec: RwSignal<String>,
    count: RwSignal<String>,
}

impl Row {
    fn new(zone: &str, spec: &str) -> Self {
        Row {
            key: NEXT_KEY.fetch_add(1, Ordering::Relaxed),
            zone: RwSignal::new(zone.into()),
            replica_type: RwSignal::new("FULL".into()),
            spec: RwSignal::new(spec.into()),
            count: RwSignal::new("1".into()),
        }
    }

    fn value(&self) -> ReplicaRow {
        ReplicaRow {
            zone_name: self.zone.get(),
            replica_type: self.replica_type.get(),
            unit_spec: self.spec.get(),
            unit_count: self.count.get(),
        }
    }
}

/// Zones of the cluster that the tenant has no replica in, and the others with why they are taken.
pub fn zone_choices(
    cluster: &Cluster,
    tenant: Option<&TenantDetail>,
) -> (Vec<String>, Vec<(String, String)>) {
    let taken: Vec<(String, String)> = tenant
        .map(|t| {
            t.zones
                .iter()
                .map(|z| {
                    let kind = z
                        .replica_type
                        .as_ref()
                        .map(|r| r.to_string())
                        .unwrap_or_else(|| "a".into());
                    (z.name.clone(), format!("has a {kind} replica"))
                })
                .collect()
        })
        .unwrap_or_default();
    let free = cluster
        .zones
        .iter()
        .map(|z| z.name.clone())
        .filter(|z| !taken.iter().any(|(t, _)| t == z))
        .collect();
    (free, taken)
}

/// Routed at `/add-replica` (`?cluster=1&tenant=2` prefill).
#[component]
pub fn AddReplicaPage() -> impl IntoView {
    let api = expect_context::<Api>();
    let query = use_query_map();
    let navigate = use_navigate();
    let cluster = RwSignal::new(query.with_untracked(|q| q.get("cluster").unwrap_or_default()));
    let tenant = RwSignal::new(query.with_untracked(|q| q.get("tenant").unwrap_or_default()));
    let tenant_search = RwSignal::new(String::new());
    let rows = RwSignal::new(vec![Row::new("", "")]);
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
    let detail = crate::session::resource({
        let api = api.clone();
        move || {
            let api = api.clone();
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
    let tenant_detail = Memo::new(move |_| detail.get().and_then(|r| r.ok()).flatten());
    let spec_list = Memo::new(move |_| specs.get().map(|r| r.ok()));
    let specs_known =
        Memo::new(move |_| matches!(spec_list.get(), Some(Some(ref l)) if !l.is_empty()));
    let choices = Memo::new(move |_| {
        selected_cluster
            .get()
            .map(|c| zone_choices(&c, tenant_detail.get().as_ref()))
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
    let values = Memo::new(move |_| rows.get().iter().map(Row::value).collect::<Vec<_>>());
    let checked = Memo::new(move |_| validate_replicas(&values.get(), &context.get()));
    let cluster_error = Memo::new(move |_| {
        cluster_id
            .get()
            .is_none()
            .then(|| "Choose a cluster.".to_string())
    });
    let tenant_error = Memo::new(move |_| {
        tenant_id
            .get()
            .filter(|t| *t > 0)
            .is_none()
            .then(|| "Choose a tenant.".to_string())
    });

    let row_error = move |i: usize, pick: fn(&ReplicaRowErrors) -> Option<String>| {
        Signal::derive(move || {
            if let Some(e) = server_errors.with(|s| s.rows.get(i).and_then(pick)) {
                return Some(e);
            }
            if !attempted.get() {
                return None;
            }
            checked.with(|c| c.as_ref().err().and_then(|e| e.rows.get(i).and_then(pick)))
        })
    };

    let in_flight = StoredValue::new(false);
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
        in_flight.set_value(false);
        match result {
            Ok(task) => {
                recent::remember(&[task.id]);
                navigate(&routes::task(task.id), Default::default());
            }
            Err(e) => {
                server_errors.set(apply_replica_sub_errors(
                    rows.with_untracked(Vec::len),
                    e.sub_errors(),
                ));
                api_error.set(Some(e));
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if in_flight.get_value() || send.pending().get_untracked() {
            return;
        }
        let (Some(c), Some(t)) = (cluster_id.get_untracked(), tenant_id.get_untracked()) else {
            return;
        };
        let Ok(body) = checked.get_untracked() else {
            return;
        };
        in_flight.set_value(true);
        server_errors.set(ReplicaFormErrors::default());
        api_error.set(None);
        send.dispatch_local((c, t, body));
    };

    let add_row = move |_: leptos::ev::MouseEvent| {
        let used: Vec<String> =
            rows.with_untracked(|r| r.iter().map(|r| r.zone.get_untracked()).collect());
        let next_zone = choices
            .with_untracked(|(free, _)| free.iter().find(|z| !used.contains(z)).cloned())
            .unwrap_or_default();
        let spec = rows
            .with_untracked(|r| r.last().map(|r| r.spec.get_untracked()))
            .unwrap_or_default();
        rows.update(|r| r.push(Row::new(&next_zone, &spec)));
    };
    let max_rows = Memo::new(move |_| choices.with(|(free, _)| free.len()).max(1));

    let tenant_options = move || {
        let needle = tenant_search.get().trim().to_string();
        let list: Vec<Tenant> = tenants.get().and_then(|r| r.ok()).unwrap_or_default();
        list.into_iter()
            .filter(|t| needle.is_empty() || contains_ignore_case(&t.name, &needle) || t.id.to_string().contains(&needle))
            .map(|t| {
                let label = format!("{} ({}, {})", t.name, t.id, t.mode.as_ref().map(|m| m.to_string()).unwrap_or_default());
                view! { <option value=t.id.to_string() selected=tenant.get_untracked() == t.id.to_string()>{label}</option> }
            })
            .collect::<Vec<_>>()
    };

    let row_view = move |row: Row| {
        let index =
            Memo::new(move |_| rows.with(|r| r.iter().position(|x| x.key == row.key).unwrap_or(0)));
        let i = index.get_untracked();
        let id = move |f: &str| format!("{f}-{}", row.key);
        let warn = Memo::new(move |_| {
            replica_type_warning(
                &row.replica_type.get(),
                selected_cluster.get().and_then(|c| c.ob_version).as_deref(),
            )
        });
        let (zid, tid, sid, cid) = (id("zone"), id("type"), id("spec"), id("count"));
        view! {
            <fieldset class="replica-row" data-testid="replica-row">
                <legend>{move || format!("Zone {}", index.get() + 1)}</legend>
                <div class="field">
                    <label for=zid.clone()>"Zone"</label>
                    <select id=zid.clone() name="zoneName" aria-describedby=format!("{zid}-error")
                        on:change:target=move |ev| row.zone.set(ev.target().value())
                        prop:value=move || row.zone.get()>
                        <option value="">"Choose a zone"</option>
                        {move || {
                            let (free, taken) = choices.get();
                            let mut v: Vec<_> = free.into_iter().map(|z| {
                                view! { <option value=z.clone() selected=row.zone.get_untracked() == z>{z.clone()}</option> }.into_any()
                            }).collect();
                            v.extend(taken.into_iter().map(|(z, why)| {
                                view! { <option value=z.clone() disabled=true>{format!("{z} — {why}")}</option> }.into_any()
                            }));
                            v
                        }}
                    </select>
                    <FieldError field_id=zid.clone() message=row_error(i, |e| e.zone_name.clone()) />
                </div>
                <div class="field">
                    <label for=tid.clone()>"Replica type"</label>
                    <select id=tid.clone() name="replicaType" aria-describedby=format!("{tid}-error")
                        on:change:target=move |ev| row.replica_type.set(ev.target().value())
                        prop:value=move || row.replica_type.get()>
                        {ReplicaType::KNOWN.iter().map(|t| {
                            let v = t.as_str().to_string();
                            view! { <option value=v.clone() title=t.explain()>{v.clone()}</option> }
                        }).collect::<Vec<_>>()}
                    </select>
                    <div class="hint">{move || ReplicaType::parse(&row.replica_type.get()).explain()}</div>
                    {move || warn.get().map(|w| view! { <div class="field-warning" role="status">{w}</div> })}
                    <FieldError field_id=tid.clone() message=row_error(i, |e| e.replica_type.clone()) />
                </div>
                <div class="field">
                    <label for=sid.clone()>"Unit spec"</label>
                    {move || {
                        let sid = sid.clone();
                        if specs_known.get() {
                            let list: Vec<UnitSpec> = spec_list.get().flatten().unwrap_or_default();
                            view! {
                                <select id=sid.clone() name="unitSpecName" aria-describedby=format!("{sid}-error")
                                    on:change:target=move |ev| row.spec.set(ev.target().value())
                                    prop:value=move || row.spec.get()>
                                    <option value="">"Choose a unit spec"</option>
                                    {list.into_iter().map(|s| view! {
                                        <option value=s.name.clone() selected=row.spec.get_untracked() == s.name>{s.summary()}</option>
                                    }).collect::<Vec<_>>()}
                                </select>
                            }.into_any()
                        } else {
                            view! {
                                <input id=sid.clone() name="unitSpecName" type="text" placeholder="e.g. S1" aria-describedby=format!("{sid}-error")
                                    prop:value=move || row.spec.get() on:input:target=move |ev| row.spec.set(ev.target().value()) />
                            }.into_any()
                        }
                    }}
                    <FieldError field_id=id("spec") message=row_error(i, |e| e.unit_spec.clone()) />
                </div>
                <div class="field narrow">
                    <label for=cid.clone()>"Unit count"</label>
                    <input id=cid.clone() name="unitCount" type="text" inputmode="numeric" aria-describedby=format!("{cid}-error")
                        prop:value=move || row.count.get() on:input:target=move |ev| row.count.set(ev.target().value()) />
                    <FieldError field_id=cid.clone() message=row_error(i, |e| e.unit_count.clone()) />
                </div>
                <button type="button" class="link" data-action="remove-row" aria-label=move || format!("Remove zone row {}", index.get() + 1)
                    disabled=move || rows.with(|r| r.len() <= 1)
                    on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>"Remove"</button>
            </fieldset>
        }
    };

    let preview = move || match checked.get() {
        Ok(body) => serde_json::to_string_pretty(&body).unwrap_or_default(),
        Err(_) => "Complete the rows above to see the request body.".to_string(),
    };
    let path = move || match (cluster_id.get(), tenant_id.get()) {
        (Some(c), Some(t)) => format!("POST /api/v2/ob/clusters/{c}/tenants/{t}/addReplica"),
        _ => "POST /api/v2/ob/clusters/{clusterId}/tenants/{tenantId}/addReplica".to_string(),
    };

    view! {
        <h1>"Add replicas"</h1>
        <form class="op-form" id="add-replica-form" on:submit=on_submit novalidate>
            <div class="pick">
                <div class="field">
                    <label for="cluster">"Cluster"</label>
                    <select id="cluster" aria-describedby="cluster-error" prop:value=move || cluster.get()
                        on:change:target=move |ev| { cluster.set(ev.target().value()); tenant.set(String::new()); }>
                        <option value="">"Choose a cluster"</option>
                        {move || cluster_list.get().into_iter().map(|c| {
                            let v = c.id.to_string();
                            let label = format!("{} ({}, OceanBase {})", c.name, c.id, c.ob_version.clone().unwrap_or_default());
                            view! { <option value=v.clone() selected=cluster.get_untracked() == v>{label}</option> }
                        }).collect::<Vec<_>>()}
                    </select>
                    <FieldError field_id="cluster" message=Signal::derive(move || if attempted.get() { cluster_error.get() } else { None }) />
                    {move || clusters.get().and_then(|r| r.err()).map(|e| view! { <ApiErrorBanner error=Signal::derive(move || Some(e.clone())) /> })}
                </div>
                <div class="field">
                    <label for="tenant">"Tenant"</label>
                    <input id="tenant-search" type="search" placeholder="Search by name or id" aria-label="Search tenants"
                        prop:value=move || tenant_search.get() on:input:target=move |ev| tenant_search.set(ev.target().value()) />
                    <select id="tenant" aria-describedby="tenant-error" prop:value=move || tenant.get()
                        on:change:target=move |ev| tenant.set(ev.target().value())>
                        <option value="">"Choose a tenant"</option>
                        {tenant_options}
                    </select>
                    <FieldError field_id="tenant" message=Signal::derive(move || if attempted.get() { tenant_error.get() } else { None }) />
                </div>
            </div>
            {move || tenant_detail.get().map(|t| view! {
                <div class="tenant-zones" data-testid="tenant-zones">
                    <strong>{format!("{} has replicas in: ", t.tenant.name)}</strong>
                    {t.zones.iter().map(|z| format!("{} ({})", z.name, z.replica_type.as_ref().map(|r| r.to_string()).unwrap_or_default())).collect::<Vec<_>>().join(", ")}
                </div>
            })}
            {move || detail.get().and_then(|r| r.err()).map(|e| view! { <ApiErrorBanner error=Signal::derive(move || Some(e.clone())) /> })}
            <For each=move || rows.get() key=|r| r.key children=row_view />
            <button type="button" id="add-row" class="secondary" disabled=move || { rows.with(Vec::len) >= max_rows.get() } on:click=add_row>
                "Add another zone"
            </button>
            {move || {
                let form = server_errors.with(|s| s.form.clone()).or_else(|| {
                    attempted.get().then(|| checked.with(|c| c.as_ref().err().and_then(|e| e.form.clone()))).flatten()
                });
                form.map(|f| view! { <div class="field-error" role="alert">{f}</div> })
            }}
            <details class="preview" open>
                <summary>"Request preview"</summary>
                <code class="path">{path}</code>
                <pre data-testid="body-preview">{preview}</pre>
            </details>
            <ApiErrorBanner error=api_error />
            <div class="form-actions">
                <button type="submit" id="submit" class="primary" disabled=move || send.pending().get()>
                    {move || if send.pending().get() { "Sending…" } else { "Add replicas" }}
                </button>
            </div>
        </form>
    }
}
