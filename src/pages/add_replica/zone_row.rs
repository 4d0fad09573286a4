//! One zone row of the add-replica form: zone, replica type, unit spec and unit count, and its remove
//! button.

use crate::components::{ChoiceSelect, Field, FieldInput, FieldSelect};
use crate::i18n::{self, t, tf, tr, tx, Msg};
use leptos::prelude::*;
use ocp_core::forms::errors::ReplicaField;
use ocp_core::forms::rows::Rows;
use ocp_core::forms::Choice;
use ocp_core::model::{Cluster, ReplicaType};
use ocp_core::validation::{replica_type_warning, ReplicaRow};

/// A row's fields, each its own signal.
#[derive(Clone, Copy, Debug)]
pub struct ZoneRowState {
    pub zone: RwSignal<String>,
    pub replica_type: RwSignal<String>,
    pub spec: RwSignal<String>,
    pub count: RwSignal<String>,
}

impl ZoneRowState {
    pub fn new(zone: String, spec: String) -> Self {
        ZoneRowState {
            zone: RwSignal::new(zone),
            replica_type: RwSignal::new("FULL".into()),
            spec: RwSignal::new(spec),
            count: RwSignal::new("1".into()),
        }
    }

    pub fn value(&self) -> ReplicaRow {
        ReplicaRow {
            zone_name: self.zone.get(),
            replica_type: self.replica_type.get(),
            unit_spec: self.spec.get(),
            unit_count: self.count.get(),
        }
    }
}

/// The zone choices of the form: free zones, and taken ones with why.
pub type ZoneChoices = (Vec<String>, Vec<(String, String)>);

/// A `<fieldset data-testid="replica-row">`; its fields' ids end in `-{key}`.
#[component]
pub fn ZoneRow<M>(
    /// The row's key in `rows`.
    key: usize,
    /// The row's fields.
    row: ZoneRowState,
    /// All rows of the form: the row's number, and removing it.
    rows: RwSignal<Rows<ZoneRowState>>,
    /// Zones to offer.
    choices: Memo<ZoneChoices>,
    /// The chosen cluster: its OceanBase version may refuse a replica type.
    cluster: Memo<Option<Cluster>>,
    /// Unit specs as choices; an empty list means a text input.
    #[prop(into)]
    specs: Signal<Vec<Choice>>,
    /// The message a field of the row at an index shows.
    message: M,
) -> impl IntoView
where
    M: Fn(usize, ReplicaField) -> Option<String> + Copy + Send + Sync + 'static,
{
    let index = Memo::new(move |_| rows.with(|r| r.index_of(key).unwrap_or(0)));
    let error = move |f: ReplicaField| Signal::derive(move || message(index.get(), f));
    let warn = Memo::new(move |_| {
        replica_type_warning(
            &row.replica_type.get(),
            cluster.get().and_then(|c| c.ob_version).as_deref(),
            i18n::lang(),
        )
    });
    let zone_options = move || {
        let (free, taken) = choices.get();
        let free = free.into_iter().map(|z| {
            let (current, label) = (z.clone(), z.clone());
            view! { <option value=z prop:selected=move || row.zone.get() == current>{label}</option> }
                .into_any()
        });
        let taken = taken.into_iter().map(|(z, why)| {
            view! { <option value=z.clone() disabled=true>{format!("{z} — {why}")}</option> }
                .into_any()
        });
        free.chain(taken).collect_view()
    };
    let type_options = ReplicaType::KNOWN
        .iter()
        .map(|t| {
            let v = t.as_str();
            view! { <option value=v title=tx(t.explain())>{v}</option> }
        })
        .collect_view();
    let spec_control = move || {
        let options = specs.get();
        if options.is_empty() {
            view! {
                <FieldInput name="unitSpecName" kind="text" placeholder=Msg::SpecExample value=row.spec
                    on_input=move |v| row.spec.set(v) />
            }
            .into_any()
        } else {
            view! {
                <ChoiceSelect name="unitSpecName" value=row.spec on_change=move |v| row.spec.set(v) options />
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="replica-row" data-testid="replica-row">
            <legend>{move || tf(Msg::ZoneN, &[&(index.get() + 1)])}</legend>
            <Field id=format!("zone-{key}") label=Msg::Zone error=error(ReplicaField::Zone)>
                <FieldSelect name="zoneName" value=row.zone on_change=move |v| row.zone.set(v)>
                    <option value="">{tr(Msg::ChooseZone)}</option>
                    {zone_options}
                </FieldSelect>
            </Field>
            <Field id=format!("type-{key}") label=Msg::ReplicaTypeLabel error=error(ReplicaField::Type)>
                <FieldSelect name="replicaType" value=row.replica_type on_change=move |v| row.replica_type.set(v)>
                    {type_options}
                </FieldSelect>
                <div class="hint">{move || t(ReplicaType::parse(&row.replica_type.get()).explain())}</div>
                {move || warn.get().map(|w| view! { <div class="field-warning" role="status">{w}</div> })}
            </Field>
            <Field id=format!("spec-{key}") label=Msg::UnitSpec error=error(ReplicaField::Spec)>
                {spec_control}
            </Field>
            <Field id=format!("count-{key}") label=Msg::UnitCount error=error(ReplicaField::Count) narrow=true>
                <FieldInput name="unitCount" kind="text" inputmode="numeric" value=row.count
                    on_input=move |v| row.count.set(v) />
            </Field>
            <button type="button" class="link" data-action="remove-row"
                aria-label=move || tf(Msg::RemoveZoneRow, &[&(index.get() + 1)])
                disabled=move || rows.with(Rows::len) <= 1
                on:click=move |_| rows.update(|r| { r.remove(key); })>{tr(Msg::Remove)}</button>
        </fieldset>
    }
}
