//! Batch switchover: pick primary/standby tenant pairs, precheck each pair, confirm, send one request.

mod pair_row;
mod precheck_result;

use crate::api::{self, Api};
use crate::batch_store;
use crate::components::{required, ApiErrorBanner, ClusterPicker, ConfirmDialog};
use crate::hub::use_hub;
use crate::i18n::{self, t, tf, tr, Msg};
use crate::recent;
use crate::session::use_session;
use crate::watch::now_ms;
use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use ocp_core::board::{batch_record, Precheck as BoardPrecheck, SentPair};
use ocp_core::error::ApiError;
use ocp_core::forms::errors::{field_message, form_message, PairField};
use ocp_core::forms::pairs::{describe_pair, primary_choices};
use ocp_core::forms::precheck::{current_check, passed, Check, Precheck};
use ocp_core::forms::rows::Rows;
use ocp_core::forms::submit::Submit;
use ocp_core::forms::tenant_load::load_error;
use ocp_core::model::{Cluster, SwitchoverRequest, TaskInstance, TenantPair};
use ocp_core::validation::{apply_pair_sub_errors, validate_pairs, PairFormErrors, PairRow};
use pair_row::{PairRow as PairRowView, PairRowState};

/// Where a pair's precheck result goes, and the pair.
type PrecheckJob = (RwSignal<Option<Precheck>>, TenantPair);

/// Where to go after the switchover started `tasks`.
pub fn after_submit_path(tasks: &[TaskInstance]) -> String {
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    ocp_core::routes::after_submit(&ids)
}

fn cluster_option(c: &Cluster) -> String {
    format!("{} ({})", c.name, c.id)
}

#[component]
pub fn SwitchoverPage() -> impl IntoView {
    let api = expect_context::<Api>();
    crate::title::use_page_title(|| t(Msg::BatchSwitchover).into());
    let navigate = use_navigate();
    let hub = use_hub();
    let operator = use_session().user;
    let initial_cluster = use_query_map()
        .get_untracked()
        .get("cluster")
        .unwrap_or_default();

    let cluster = RwSignal::new(initial_cluster);
    let cluster_id = Memo::new(move |_| cluster.get().trim().parse::<i64>().ok());
    let rows = RwSignal::new(Rows::one(PairRowState::new()));
    let attempted = RwSignal::new(false);
    let server_errors = RwSignal::new(PairFormErrors::default());
    let op_error = RwSignal::new(None::<ApiError>);
    let dialog_open = RwSignal::new(false);
    let submit_state = RwSignal::new(Submit::Idle);
    let sending = Signal::derive(move || submit_state.with(Submit::is_sending));
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
        rows.with(|r| {
            r.iter()
                .map(|r| PairRow {
                    primary: r.primary.get(),
                    standby: r.standby.get(),
                })
                .collect::<Vec<_>>()
        })
    };
    let validation = Memo::new(move |_| validate_pairs(&pair_rows(), i18n::lang()));
    let ready = Memo::new(move |_| {
        let c = cluster_id.get()?;
        let body = validation.get().ok()?;
        let all_passed = rows.with(|r| {
            r.iter()
                .zip(&body.tenant_param_list)
                .all(|(r, pair)| passed(current_check(r.precheck.get(), Some(c), Some(*pair))))
        });
        all_passed.then_some((c, body))
    });
    let cluster_error = required(
        attempted,
        move || cluster_id.get().is_none(),
        Msg::ChooseClusterDot,
    );
    let form_error = Signal::derive(move || {
        form_message(attempted.get(), &validation.read(), &server_errors.read())
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
                            let reason = i18n::current()
                                .fmt(Msg::PrecheckNotRun, &[&e.message_in(i18n::current())]);
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
            let started: Vec<recent::Recent> =
                tasks.iter().map(|t| (t.id, t.name.clone())).collect();
            recent::remember(&started);
            if let Some((c, body)) = to_send.get_value() {
                let name = cluster_list
                    .with_untracked(|l| l.iter().find(|x| x.id == c).map(|x| x.name.clone()));
                let record = tenants.with_untracked(|ts| {
                    let find = |id: i64| ts.iter().find(|t| t.id == id);
                    let sent: Vec<SentPair> = rows.with_untracked(|r| {
                        r.iter()
                            .zip(&body.tenant_param_list)
                            .map(|(row, pair)| SentPair {
                                pair: *pair,
                                precheck: match current_check(
                                    row.precheck.get_untracked(),
                                    Some(c),
                                    Some(*pair),
                                ) {
                                    Some(Check::Done { passed, reasons }) => {
                                        Some(BoardPrecheck { passed, reasons })
                                    }
                                    _ => None,
                                },
                                primary: find(pair.tenant_id),
                                standby: find(pair.standby_tenant_id),
                            })
                            .collect()
                    });
                    batch_record(
                        (c, name.unwrap_or_default()),
                        &sent,
                        &tasks,
                        now_ms(),
                        operator.get_untracked(),
                    )
                });
                batch_store::save(&record);
            }
            if let Some(hub) = hub {
                hub.seed(tasks.clone());
            }
            navigate(&after_submit_path(&tasks), Default::default());
        }
        Some(Err(e)) => {
            let n = rows.with_untracked(Rows::len);
            server_errors.set(apply_pair_sub_errors(n, e.sub_errors()));
            op_error.set(Some(e));
            dialog_open.set(false);
            submit_state.update(Submit::fail);
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
        let jobs: Vec<_> = rows.with_untracked(|r| {
            r.iter()
                .zip(body.tenant_param_list)
                .map(|(r, pair)| {
                    r.precheck.set(Some(Precheck {
                        cluster: c,
                        pair,
                        check: Check::Running,
                    }));
                    (r.precheck, pair)
                })
                .collect()
        });
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
                .map(|p| describe_pair(t, p, i18n::current()))
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
        if !submit_state.try_update(Submit::begin).unwrap_or(false) {
            return;
        }
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
        server_errors.set(PairFormErrors::default());
        rows.update(|r| {
            r.push(PairRowState::new());
        });
    };
    let pair_row = move |index: usize, key: usize, row: PairRowState| {
        let on_edit = Callback::new(move |_| {
            server_errors.update(|s| {
                if let Some(r) = s.rows.get_mut(index) {
                    *r = Default::default();
                }
            })
        });
        let on_remove = Callback::new(move |_| {
            server_errors.set(PairFormErrors::default());
            rows.update(|r| {
                r.remove(key);
            });
        });
        let error = move |field| {
            Signal::derive(move || {
                field_message(
                    attempted.get(),
                    &validation.read(),
                    &server_errors.read(),
                    index,
                    field,
                )
            })
        };
        view! {
            <PairRowView index row roles_known tenants clusters=cluster_list cluster_id
                primary_error=error(PairField::Primary) standby_error=error(PairField::Standby)
                on_edit on_remove />
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
        <h1>{tr(Msg::BatchSwitchover)}</h1>
        <p class="lede">{tr(Msg::SwitchoverLede)}</p>
        <ApiErrorBanner error=banner />
        <form class="switchover-form" novalidate on:submit=open_dialog>
            <ClusterPicker id="cluster" label=Msg::PrimaryCluster placeholder=Msg::ChooseCluster
                clusters=cluster_list option_label=cluster_option value=cluster
                on_change=move |v| cluster.set(v) error=cluster_error free_entry=clusters_failed />
            <datalist id="known-tenants">{tenant_datalist}</datalist>
            <For
                each=move || rows.with(Rows::entries).into_iter().enumerate()
                key=|(i, (k, _))| (*i, *k)
                children=move |(i, (k, r))| pair_row(i, k, r)
            />
            {move || form_error.get().map(|m| view! { <div class="field-error form-error" role="alert">{m}</div> })}
            <div class="actions">
                <button type="button" id="add-pair" class="secondary" on:click=add_pair>
                    {tr(Msg::AddPair)}
                </button>
                <button
                    type="button"
                    id="precheck"
                    class="secondary"
                    disabled=move || checking.get() || sending.get()
                    on:click=run_precheck
                >
                    {move || t(if checking.get() { Msg::Checking } else { Msg::RunPrecheck })}
                </button>
                <button
                    type="submit"
                    id="submit"
                    disabled=move || ready.with(Option::is_none) || sending.get()
                >
                    {tr(Msg::SwitchOverDots)}
                </button>
            </div>
            <p class="hint">
                {move || {
                    t(if ready.with(Option::is_some) {
                        Msg::AllPassed
                    } else {
                        Msg::MustPass
                    })
                }}
            </p>
        </form>
        <ConfirmDialog
            open=dialog_open
            title=Signal::derive(move || {
                let n = confirm_lines.with(Vec::len);
                tf(if n == 1 { Msg::SwitchOverOne } else { Msg::SwitchOverN }, &[&n])
            })
            confirm_label=Signal::derive(move || {
                t(if sending.get() { Msg::SwitchingOver } else { Msg::SwitchOver }).to_string()
            })
            on_confirm=on_confirm
            on_cancel=on_cancel
            busy=sending
        >
            <ul class="confirm-pairs">
                {move || confirm_lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
            <p class="warning">
                <strong>{tr(Msg::MovesTraffic)}</strong>
                " " {tr(Msg::Reconnect)}
            </p>
        </ConfirmDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
