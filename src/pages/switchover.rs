//! Batch switchover: pick primary/standby tenant pairs, precheck each pair, confirm, send one request.

use crate::api::{self, Api};
use crate::components::{ApiErrorBanner, ConfirmDialog, FieldError};
use crate::recent;
use leptos::either::Either;
use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use ocp_core::error::ApiError;
use ocp_core::model::{Cluster, Page, SwitchoverRequest, TaskInstance, Tenant, TenantPair};
use ocp_core::validation::{apply_pair_sub_errors, validate_pairs, PairFormErrors, PairRow};

/// A precheck's state for the cluster and pair it ran on.
#[derive(Clone, Debug, PartialEq)]
struct Precheck {
    cluster: i64,
    pair: TenantPair,
    check: Check,
}

#[derive(Clone, Debug, PartialEq)]
enum Check {
    Running,
    Done { passed: bool, reasons: Vec<String> },
}

/// Where a pair's precheck result goes, and the pair.
type PrecheckJob = (RwSignal<Option<Precheck>>, TenantPair);

#[derive(Clone, Copy)]
struct Row {
    key: u64,
    primary: RwSignal<String>,
    standby: RwSignal<String>,
    precheck: RwSignal<Option<Precheck>>,
}

impl Row {
    fn new(key: u64) -> Self {
        Row {
            key,
            primary: RwSignal::new(String::new()),
            standby: RwSignal::new(String::new()),
            precheck: RwSignal::new(None),
        }
    }
}

/// The pair a row names, when both ids parse.
fn row_pair(primary: &str, standby: &str) -> Option<TenantPair> {
    let id = |s: &str| s.trim().parse::<i64>().ok().filter(|n| *n > 0);
    Some(TenantPair {
        tenant_id: id(primary)?,
        standby_tenant_id: id(standby)?,
    })
}

/// The precheck that still applies to `pair` on `cluster`; a changed pair or cluster has none.
fn current_check(
    p: Option<Precheck>,
    cluster: Option<i64>,
    pair: Option<TenantPair>,
) -> Option<Check> {
    p.filter(|p| Some(p.cluster) == cluster && Some(p.pair) == pair)
        .map(|p| p.check)
}

fn cluster_name(clusters: &[Cluster], id: Option<i64>) -> Option<String> {
    let id = id?;
    clusters.iter().find(|c| c.id == id).map(|c| c.name.clone())
}

/// "mysql_app (1001) · obcluster-a".
fn tenant_label(t: &Tenant, clusters: &[Cluster]) -> String {
    match t
        .cluster_name
        .clone()
        .or_else(|| cluster_name(clusters, t.cluster_id))
    {
        Some(c) if !c.is_empty() => format!("{} ({}) · {c}", t.name, t.id),
        _ => format!("{} ({})", t.name, t.id),
    }
}

/// Primary tenants of `cluster` that have at least one standby.
fn primary_choices(tenants: &[Tenant], cluster: Option<i64>) -> Vec<Tenant> {
    tenants
        .iter()
        .filter(|t| t.is_primary() && cluster.is_some() && t.cluster_id == cluster)
        .filter(|p| {
            tenants
                .iter()
                .any(|s| s.is_standby() && s.primary_tenant_id == Some(p.id))
        })
        .cloned()
        .collect()
}

/// Standby tenants of `primary`, in any cluster.
fn standby_choices(tenants: &[Tenant], primary: &str) -> Vec<Tenant> {
    let Ok(p) = primary.trim().parse::<i64>() else {
        return Vec::new();
    };
    tenants
        .iter()
        .filter(|t| t.is_standby() && t.primary_tenant_id == Some(p))
        .cloned()
        .collect()
}

fn tenant_name(tenants: &[Tenant], id: i64) -> String {
    match tenants.iter().find(|t| t.id == id) {
        Some(t) if !t.name.is_empty() => t.name.clone(),
        _ => format!("tenant {id}"),
    }
}

/// "mysql_app (1001, primary) becomes standby; mysql_app_dr (1101) becomes primary".
pub fn describe_pair(tenants: &[Tenant], pair: &TenantPair) -> String {
    format!(
        "{} ({}, primary) becomes standby; {} ({}) becomes primary",
        tenant_name(tenants, pair.tenant_id),
        pair.tenant_id,
        tenant_name(tenants, pair.standby_tenant_id),
        pair.standby_tenant_id
    )
}

/// Where to go after the switchover started `tasks`.
pub fn after_submit_path(tasks: &[TaskInstance]) -> String {
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    ocp_core::routes::after_submit(&ids)
}

/// The tenant-loading error worth showing: none while the per-cluster fallback works, and no 404 for
/// the all-tenants list before a cluster is chosen (the fallback has not run yet).
fn load_error(
    all: Option<Result<Page<Tenant>, ApiError>>,
    fallback: Option<Option<Result<Page<Tenant>, ApiError>>>,
    cluster_chosen: bool,
) -> Option<ApiError> {
    match (all, fallback) {
        (Some(Err(_)), Some(Some(Err(e)))) => Some(e),
        (Some(Err(ApiError::Http { status: 404, .. })), _) if !cluster_chosen => None,
        (Some(Err(e)), Some(None) | None) => Some(e),
        _ => None,
    }
}

#[component]
pub fn SwitchoverPage() -> impl IntoView {
    let api = expect_context::<Api>();
    let navigate = use_navigate();
    let initial_cluster = use_query_map()
        .get_untracked()
        .get("cluster")
        .unwrap_or_default();

    let cluster = RwSignal::new(initial_cluster);
    let cluster_id = Memo::new(move |_| cluster.get().trim().parse::<i64>().ok());
    let next_key = StoredValue::new(1u64);
    let rows = RwSignal::new(vec![Row::new(0)]);
    let attempted = RwSignal::new(false);
    let server_errors = RwSignal::new(PairFormErrors::default());
    let op_error = RwSignal::new(None::<ApiError>);
    let dialog_open = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let to_send = StoredValue::new(None::<(i64, SwitchoverRequest)>);
    let confirm_lines = RwSignal::new(Vec::<String>::new());

    let clusters = crate::watch::cluster_list(&api);
    let all_tenants = crate::session::resource({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api::list_all_tenants(&api).await }
        }
    });
    let cluster_tenants = crate::session::resource({
        let api = api.clone();
        move || {
            let api = api.clone();
            let failed = matches!(all_tenants.get(), Some(Err(_)));
            let c = cluster_id.get();
            async move {
                match (failed, c) {
                    (true, Some(c)) => Some(api::list_tenants(&api, c).await),
                    _ => None,
                }
            }
        }
    });
    let cluster_list = Memo::new(move |_| match clusters.get() {
        Some(Ok(p)) => p.contents,
        _ => Vec::new(),
    });
    let clusters_failed = Memo::new(move |_| matches!(clusters.get(), Some(Err(_))));
    let tenants = Memo::new(move |_| match (all_tenants.get(), cluster_tenants.get()) {
        (Some(Ok(p)), _) | (_, Some(Some(Ok(p)))) => p.contents,
        _ => Vec::new(),
    });
    let roles_known = Memo::new(move |_| {
        let all_listed = matches!(all_tenants.get(), Some(Ok(_)));
        tenants.with(|t| {
            t.iter().any(|t| t.tenant_role.is_some())
                && (all_listed || !primary_choices(t, cluster_id.get()).is_empty())
        })
    });
    let banner = Signal::derive(move || {
        op_error.get().or_else(|| {
            clusters.get().and_then(Result::err).or_else(|| {
                load_error(
                    all_tenants.get(),
                    cluster_tenants.get(),
                    cluster_id.get().is_some(),
                )
            })
        })
    });

    let pair_rows = move || {
        rows.get()
            .iter()
            .map(|r| PairRow {
                primary: r.primary.get(),
                standby: r.standby.get(),
            })
            .collect::<Vec<_>>()
    };
    let validation = Memo::new(move |_| validate_pairs(&pair_rows()));
    let ready = Memo::new(move |_| {
        let c = cluster_id.get()?;
        let body = validation.get().ok()?;
        let all_passed = rows
            .get()
            .iter()
            .zip(&body.tenant_param_list)
            .all(|(r, pair)| {
                matches!(
                    current_check(r.precheck.get(), Some(c), Some(*pair)),
                    Some(Check::Done { passed: true, .. })
                )
            });
        all_passed.then_some((c, body))
    });
    let cluster_error = Signal::derive(move || {
        (attempted.get() && cluster_id.get().is_none()).then(|| "Choose a cluster.".to_string())
    });
    let form_error = Signal::derive(move || {
        let client = attempted
            .get()
            .then(|| validation.with(|v| v.as_ref().err().and_then(|e| e.form.clone())))
            .flatten();
        client.or_else(|| server_errors.with(|s| s.form.clone()))
    });

    let precheck = Action::new_local({
        let api = api.clone();
        move |(c, jobs): &(i64, Vec<PrecheckJob>)| {
            let api = api.clone();
            let (c, jobs) = (*c, jobs.clone());
            async move {
                for (slot, pair) in jobs {
                    let result = api::switchover_precheck(&api, c, &pair).await;
                    let check = match result {
                        Ok(r) => Check::Done {
                            passed: r.passed(),
                            reasons: r.reasons(),
                        },
                        Err(e) => {
                            let reason = format!("The precheck could not run: {}", e.message());
                            op_error.try_set(Some(e));
                            Check::Done {
                                passed: false,
                                reasons: vec![reason],
                            }
                        }
                    };
                    slot.try_set(Some(Precheck {
                        cluster: c,
                        pair,
                        check,
                    }));
                }
            }
        }
    });
    let checking = precheck.pending();

    let submit = Action::new_local({
        let api = api.clone();
        move |(c, body): &(i64, SwitchoverRequest)| {
            let api = api.clone();
            let (c, body) = (*c, body.clone());
            async move { api::switchover(&api, c, &body).await }
        }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(tasks)) => {
            dialog_open.set(false);
            let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
            recent::remember(&ids);
            navigate(&after_submit_path(&tasks), Default::default());
        }
        Some(Err(e)) => {
            let n = rows.with_untracked(Vec::len);
            server_errors.set(apply_pair_sub_errors(n, e.sub_errors()));
            op_error.set(Some(e));
            dialog_open.set(false);
            sending.set(false);
        }
        None => {}
    });

    let run_precheck = move |_: MouseEvent| {
        attempted.set(true);
        if checking.get_untracked() || sending.get_untracked() {
            return;
        }
        let (Some(c), Ok(body)) = (cluster_id.get_untracked(), validation.get_untracked()) else {
            return;
        };
        op_error.set(None);
        let jobs: Vec<_> = rows
            .get_untracked()
            .iter()
            .zip(body.tenant_param_list)
            .map(|(r, pair)| {
                r.precheck.set(Some(Precheck {
                    cluster: c,
                    pair,
                    check: Check::Running,
                }));
                (r.precheck, pair)
            })
            .collect();
        precheck.dispatch_local((c, jobs));
    };

    let open_dialog = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if sending.get_untracked() || dialog_open.get_untracked() {
            return;
        }
        let Some((c, body)) = ready.get_untracked() else {
            return;
        };
        let lines = tenants.with_untracked(|t| {
            body.tenant_param_list
                .iter()
                .map(|p| describe_pair(t, p))
                .collect()
        });
        confirm_lines.set(lines);
        to_send.set_value(Some((c, body)));
        dialog_open.set(true);
    };

    let on_confirm = Callback::new(move |_| {
        if sending.get_untracked() {
            return;
        }
        let Some(job) = to_send.get_value() else {
            return;
        };
        if ready.get_untracked().as_ref() != Some(&job) {
            dialog_open.set(false);
            return;
        }
        sending.set(true);
        op_error.set(None);
        server_errors.set(PairFormErrors::default());
        submit.dispatch_local(job);
    });
    let on_cancel = Callback::new(move |_| {
        if !sending.get_untracked() {
            dialog_open.set(false);
        }
    });

    let add_pair = move |_: MouseEvent| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        server_errors.set(PairFormErrors::default());
        rows.update(|r| r.push(Row::new(key)));
    };

    let cluster_field = move || {
        if clusters_failed.get() {
            Either::Left(view! {
                <input
                    id="cluster"
                    name="cluster"
                    type="text"
                    inputmode="numeric"
                    prop:value=move || cluster.get()
                    aria-describedby=move || cluster_error.get().map(|_| "cluster-error")
                    on:input:target=move |ev| cluster.set(ev.target().value())
                />
            })
        } else {
            Either::Right(view! {
                <select
                    id="cluster"
                    name="cluster"
                    aria-describedby=move || cluster_error.get().map(|_| "cluster-error")
                    on:change:target=move |ev| cluster.set(ev.target().value())
                >
                    <option value="" prop:selected=move || cluster.get().is_empty()>
                        "Choose a cluster"
                    </option>
                    {move || {
                        cluster_list
                            .get()
                            .into_iter()
                            .map(|c| {
                                let value = c.id.to_string();
                                let v = value.clone();
                                view! {
                                    <option value=value prop:selected=move || cluster.get() == v>
                                        {format!("{} ({})", c.name, c.id)}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            })
        }
    };

    let pair_row = move |i: usize, row: Row| {
        let pid = format!("primary-{i}");
        let sid = format!("standby-{i}");
        let message = move |primary: bool| {
            let pick = move |e: &ocp_core::validation::PairRowErrors| {
                if primary {
                    e.primary.clone()
                } else {
                    e.standby.clone()
                }
            };
            Signal::derive(move || {
                let client = attempted
                    .get()
                    .then(|| {
                        validation
                            .with(|v| v.as_ref().err().and_then(|e| e.rows.get(i)).and_then(pick))
                    })
                    .flatten();
                client.or_else(|| server_errors.with(|s| s.rows.get(i).and_then(pick)))
            })
        };
        let primary_msg = message(true);
        let standby_msg = message(false);
        let touched = move || {
            server_errors.update(|s| {
                if let Some(r) = s.rows.get_mut(i) {
                    *r = Default::default();
                }
            })
        };
        let described = move |msg: Signal<Option<String>>, id: String| {
            move || msg.get().map(|_| format!("{id}-error"))
        };
        let set_primary = move |v: String| {
            touched();
            if roles_known.get_untracked() {
                let choices = tenants.with_untracked(|t| standby_choices(t, &v));
                let keep = choices
                    .iter()
                    .any(|t| t.id.to_string() == row.standby.get_untracked());
                if !keep {
                    row.standby.set(match choices.as_slice() {
                        [only] => only.id.to_string(),
                        _ => String::new(),
                    });
                }
            }
            row.primary.set(v);
        };
        let set_standby = move |v: String| {
            touched();
            row.standby.set(v);
        };
        let (pid2, sid2) = (pid.clone(), sid.clone());
        let controls = move || {
            let (pid, sid) = (pid2.clone(), sid2.clone());
            if roles_known.get() {
                let primary_options = move || {
                    let current = row.primary.get();
                    let mut opts: Vec<(String, String)> = tenants.with(|t| {
                        let clusters = cluster_list.get();
                        primary_choices(t, cluster_id.get())
                            .iter()
                            .map(|p| (p.id.to_string(), tenant_label(p, &clusters)))
                            .collect()
                    });
                    if !current.is_empty() && !opts.iter().any(|(v, _)| *v == current) {
                        opts.push((
                            current.clone(),
                            format!("{current} (not a primary of this cluster)"),
                        ));
                    }
                    opts.into_iter()
                        .map(|(value, label)| {
                            let v = value.clone();
                            view! { <option value=value prop:selected=move || row.primary.get() == v>{label}</option> }
                        })
                        .collect_view()
                };
                let standby_options = move || {
                    let current = row.standby.get();
                    let mut opts: Vec<(String, String)> = tenants.with(|t| {
                        let clusters = cluster_list.get();
                        standby_choices(t, &row.primary.get())
                            .iter()
                            .map(|s| (s.id.to_string(), tenant_label(s, &clusters)))
                            .collect()
                    });
                    if !current.is_empty() && !opts.iter().any(|(v, _)| *v == current) {
                        opts.push((
                            current.clone(),
                            format!("{current} (not a standby of this primary)"),
                        ));
                    }
                    opts.into_iter()
                        .map(|(value, label)| {
                            let v = value.clone();
                            view! { <option value=value prop:selected=move || row.standby.get() == v>{label}</option> }
                        })
                        .collect_view()
                };
                Either::Left(view! {
                    <div class="field">
                        <label for=pid.clone()>"Primary tenant"</label>
                        <select
                            id=pid.clone()
                            name="primary"
                            aria-invalid=move || primary_msg.get().map(|_| "true")
                            aria-describedby=described(primary_msg, pid.clone())
                            on:change:target=move |ev| set_primary(ev.target().value())
                        >
                            <option value="" prop:selected=move || row.primary.get().is_empty()>
                                {move || {
                                    if cluster_id.get().is_none() {
                                        "Choose the cluster first"
                                    } else if tenants.with(|t| primary_choices(t, cluster_id.get()).is_empty()) {
                                        "No primary tenant with a standby in this cluster"
                                    } else {
                                        "Choose a primary tenant"
                                    }
                                }}
                            </option>
                            {primary_options}
                        </select>
                        <FieldError field_id=pid.clone() message=primary_msg />
                    </div>
                    <div class="field">
                        <label for=sid.clone()>"Standby tenant"</label>
                        <select
                            id=sid.clone()
                            name="standby"
                            aria-invalid=move || standby_msg.get().map(|_| "true")
                            aria-describedby=described(standby_msg, sid.clone())
                            on:change:target=move |ev| set_standby(ev.target().value())
                        >
                            <option value="" prop:selected=move || row.standby.get().is_empty()>
                                {move || if row.primary.get().is_empty() { "Choose the primary first" } else { "Choose a standby tenant" }}
                            </option>
                            {standby_options}
                        </select>
                        <FieldError field_id=sid.clone() message=standby_msg />
                    </div>
                })
            } else {
                Either::Right(view! {
                    <div class="field">
                        <label for=pid.clone()>"Primary tenant id"</label>
                        <input
                            id=pid.clone()
                            name="primary"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            list="known-tenants"
                            prop:value=move || row.primary.get()
                            aria-invalid=move || primary_msg.get().map(|_| "true")
                            aria-describedby=described(primary_msg, pid.clone())
                            on:input:target=move |ev| set_primary(ev.target().value())
                        />
                        <FieldError field_id=pid.clone() message=primary_msg />
                    </div>
                    <div class="field">
                        <label for=sid.clone()>"Standby tenant id"</label>
                        <input
                            id=sid.clone()
                            name="standby"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            list="known-tenants"
                            prop:value=move || row.standby.get()
                            aria-invalid=move || standby_msg.get().map(|_| "true")
                            aria-describedby=described(standby_msg, sid.clone())
                            on:input:target=move |ev| set_standby(ev.target().value())
                        />
                        <FieldError field_id=sid.clone() message=standby_msg />
                    </div>
                })
            }
        };
        let check = move || {
            let pair = row_pair(&row.primary.get(), &row.standby.get());
            current_check(row.precheck.get(), cluster_id.get(), pair)
        };
        let precheck_view = move || {
            check().map(|c| match c {
                Check::Running => view! {
                    <div class="precheck running" data-testid="precheck" role="status">"Checking…"</div>
                }
                .into_any(),
                Check::Done { passed, reasons } => {
                    let head = if passed { "Precheck passed" } else { "Precheck failed" };
                    let reasons = if reasons.is_empty() && !passed {
                        vec!["OCP gave no reason.".to_string()]
                    } else {
                        reasons
                    };
                    view! {
                        <div
                            class=if passed { "precheck passed" } else { "precheck failed" }
                            data-testid="precheck"
                            data-valid=passed.to_string()
                            role="status"
                        >
                            <strong>{head}</strong>
                            <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                        </div>
                    }
                    .into_any()
                }
            })
        };
        let remove = move |_: MouseEvent| {
            server_errors.set(PairFormErrors::default());
            rows.update(|r| r.retain(|x| x.key != row.key));
        };
        view! {
            <fieldset class="pair-row" data-testid="pair-row">
                <legend>{format!("Pair {}", i + 1)}</legend>
                {controls}
                <button
                    type="button"
                    class="secondary"
                    data-action="remove-pair"
                    aria-label=format!("Remove pair {}", i + 1)
                    on:click=remove
                >
                    "Remove"
                </button>
                {precheck_view}
            </fieldset>
        }
    };

    let tenant_datalist = move || {
        tenants
            .get()
            .into_iter()
            .map(|t| view! { <option value=t.id.to_string()>{format!("{} ({})", t.name, t.id)}</option> })
            .collect_view()
    };

    view! {
        <h1>"Batch switchover"</h1>
        <p class="lede">
            "Each pair swaps roles: the primary tenant becomes standby and its standby becomes primary."
        </p>
        <ApiErrorBanner error=banner />
        <form class="switchover-form" novalidate on:submit=open_dialog>
            <div class="field">
                <label for="cluster">"Cluster of the primary tenants"</label>
                {cluster_field}
                <FieldError field_id="cluster" message=cluster_error />
            </div>
            <datalist id="known-tenants">{tenant_datalist}</datalist>
            <For
                each=move || rows.get().into_iter().enumerate()
                key=|(i, r)| (*i, r.key)
                children=move |(i, r)| pair_row(i, r)
            />
            {move || form_error.get().map(|m| view! { <div class="field-error form-error" role="alert">{m}</div> })}
            <div class="actions">
                <button type="button" id="add-pair" class="secondary" on:click=add_pair>
                    "Add pair"
                </button>
                <button
                    type="button"
                    id="precheck"
                    class="secondary"
                    disabled=move || checking.get() || sending.get()
                    on:click=run_precheck
                >
                    {move || if checking.get() { "Checking…" } else { "Run precheck" }}
                </button>
                <button
                    type="submit"
                    id="submit"
                    disabled=move || ready.with(Option::is_none) || sending.get()
                >
                    "Switch over…"
                </button>
            </div>
            <p class="hint">
                {move || {
                    if ready.with(Option::is_some) {
                        "Every pair passed its precheck."
                    } else {
                        "Every pair must pass its precheck before the switchover can be sent."
                    }
                }}
            </p>
        </form>
        <ConfirmDialog
            open=dialog_open
            title=Signal::derive(move || {
                let n = confirm_lines.with(Vec::len);
                if n == 1 { "Switch over 1 pair?".to_string() } else { format!("Switch over {n} pairs?") }
            })
            confirm_label=Signal::derive(move || {
                if sending.get() { "Switching over…".to_string() } else { "Switch over".to_string() }
            })
            on_confirm=on_confirm
            on_cancel=on_cancel
            busy=sending
        >
            <ul class="confirm-pairs">
                {move || confirm_lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
            <p class="warning">
                <strong>"This moves production traffic."</strong>
                " Applications writing to each old primary must reconnect to the new primary."
            </p>
        </ConfirmDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(id: i64, name: &str, cluster: i64, role: &str, primary: Option<i64>) -> Tenant {
        Tenant {
            id,
            name: name.into(),
            cluster_id: Some(cluster),
            tenant_role: Some(role.into()),
            primary_tenant_id: primary,
            ..Default::default()
        }
    }

    #[test]
    fn choices_follow_roles() {
        let t = vec![
            tenant(1001, "app", 1, "PRIMARY", None),
            tenant(1005, "lonely", 1, "PRIMARY", None),
            tenant(2001, "other", 2, "PRIMARY", None),
            tenant(1101, "app_dr", 2, "STANDBY", Some(1001)),
            tenant(2101, "other_dr", 1, "STANDBY", Some(2001)),
        ];
        let ids = |v: Vec<Tenant>| v.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(primary_choices(&t, Some(1))), [1001]);
        assert!(primary_choices(&t, None).is_empty());
        assert_eq!(ids(standby_choices(&t, "1001")), [1101]);
        assert!(standby_choices(&t, "").is_empty());
    }

    #[test]
    fn confirmation_names_both_tenants() {
        let t = vec![
            tenant(1001, "mysql_app", 1, "PRIMARY", None),
            tenant(1101, "mysql_app_dr", 2, "STANDBY", Some(1001)),
        ];
        let pair = TenantPair {
            tenant_id: 1001,
            standby_tenant_id: 1101,
        };
        assert_eq!(
            describe_pair(&t, &pair),
            "mysql_app (1001, primary) becomes standby; mysql_app_dr (1101) becomes primary"
        );
        assert_eq!(
            describe_pair(&[], &pair),
            "tenant 1001 (1001, primary) becomes standby; tenant 1101 (1101) becomes primary"
        );
    }

    #[test]
    fn a_changed_pair_or_cluster_drops_its_precheck() {
        let pair = TenantPair {
            tenant_id: 1,
            standby_tenant_id: 2,
        };
        let p = Precheck {
            cluster: 1,
            pair,
            check: Check::Running,
        };
        assert_eq!(
            current_check(Some(p.clone()), Some(1), Some(pair)),
            Some(Check::Running)
        );
        assert_eq!(current_check(Some(p.clone()), Some(2), Some(pair)), None);
        assert_eq!(current_check(Some(p), Some(1), row_pair("1", "3")), None);
    }

    #[test]
    fn one_task_opens_it_several_open_the_batch() {
        let t = |id| TaskInstance {
            id,
            ..Default::default()
        };
        assert_eq!(after_submit_path(&[t(7)]), "/tasks/7");
        assert_eq!(after_submit_path(&[t(7), t(8)]), "/batch?ids=7,8");
    }
}
