//! The task engine: task instances with subtask DAGs that advance on a clock, OCP's state rules for
//! retry, rollback, subtask retry/skip/cancel, and failure injection.

use crate::envelope::{fmt_ts, now, ApiError};
use crate::i18n::{same_name, tr};
use crate::world::World;
use chrono::{DateTime, FixedOffset};
use ocp_core::rng::Rng;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

pub const EXECUTOR: &str = "127.0.0.1";

#[derive(Debug, Clone)]
pub enum Effect {
    None,
    AddReplica {
        tenant_id: u64,
        replicas: Vec<crate::world::Replica>,
    },
    DeleteReplica {
        tenant_id: u64,
        zones: Vec<String>,
    },
    ModifyReplica {
        tenant_id: u64,
        replicas: Vec<crate::world::Replica>,
    },
    Switchover {
        primary: u64,
        standby: u64,
    },
    Failover {
        tenant_id: u64,
    },
}

impl Effect {
    pub fn tenants(&self) -> Vec<u64> {
        match self {
            Effect::None => vec![],
            Effect::AddReplica { tenant_id, .. }
            | Effect::DeleteReplica { tenant_id, .. }
            | Effect::ModifyReplica { tenant_id, .. }
            | Effect::Failover { tenant_id } => vec![*tenant_id],
            Effect::Switchover { primary, standby } => vec![*primary, *standby],
        }
    }
}

/// The template of one subtask; `upstreams` index into the same list.
#[derive(Debug, Clone)]
pub struct SubSpec {
    pub name: String,
    pub description: String,
    pub class_name: Option<String>,
    pub timeout: u64,
    pub series_id: i64,
    pub parallel_idx: i64,
    pub prohibit_rollback: bool,
    pub upstreams: Vec<usize>,
    pub id_offset: Option<u64>,
}

impl SubSpec {
    pub fn new(
        name: &str,
        class: Option<&str>,
        timeout: u64,
        series_id: i64,
        upstreams: Vec<usize>,
    ) -> Self {
        SubSpec {
            name: name.into(),
            description: name.into(),
            class_name: class.map(|c| c.to_string()),
            timeout,
            series_id,
            parallel_idx: -1,
            prohibit_rollback: false,
            upstreams,
            id_offset: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct TaskSpec {
    pub name: String,
    pub cluster_id: Option<u64>,
    pub tenant_id: Option<u64>,
    pub creator: String,
    pub prohibit_rollback: bool,
    pub context: Option<Value>,
    pub effect: Effect,
    pub subs: Vec<SubSpec>,
    pub frozen: bool,
}

#[derive(Debug, Clone)]
pub struct Subtask {
    pub id: u64,
    pub spec: SubSpec,
    pub upstreams: Vec<u64>,
    pub downstreams: Vec<u64>,
    pub status: &'static str,
    pub operation: &'static str,
    pub run_time: u64,
    pub create_time: DateTime<FixedOffset>,
    pub start_time: Option<DateTime<FixedOffset>>,
    pub finish_time: Option<DateTime<FixedOffset>>,
    pub deadline: Option<Instant>,
    pub fail_once: bool,
    pub rollback_todo: bool,
    pub log: String,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: u64,
    pub name: String,
    pub cluster_id: Option<u64>,
    pub tenant_id: Option<u64>,
    pub creator: String,
    pub status: &'static str,
    pub operation: &'static str,
    pub prohibit_rollback: bool,
    pub context: Option<Value>,
    pub effect: Effect,
    pub frozen: bool,
    pub create_time: DateTime<FixedOffset>,
    pub start_time: Option<DateTime<FixedOffset>>,
    pub finish_time: Option<DateTime<FixedOffset>>,
    pub subtasks: Vec<Subtask>,
    pub index: HashMap<u64, usize>,
}

/// Which subtask of the next created task (of a tenant, if given) fails on its first run: the one
/// named `subtask_name` (English or Chinese), else the first.
#[derive(Debug, Clone, Default)]
pub struct NextFailure {
    pub subtask_name: Option<String>,
    pub tenant_id: Option<u64>,
}

#[derive(Debug)]
pub struct Engine {
    pub tasks: BTreeMap<u64, Task>,
    pub next_task_id: u64,
    pub next_subtask_id: u64,
    pub rng: Rng,
    pub fail_rate: f64,
    pub armed: Vec<NextFailure>,
    pub step_ms: u64,
}

fn log_time(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M:%S%.3f").to_string()
}

impl Engine {
    pub fn new(seed: u64, step_ms: u64, fail_rate: f64) -> Self {
        Engine {
            tasks: BTreeMap::new(),
            next_task_id: 2_000_001,
            next_subtask_id: 3_000_001,
            rng: Rng::new(seed ^ 0x005e_ed0f_7a5c),
            fail_rate,
            armed: Vec::new(),
            step_ms,
        }
    }

    pub fn arm(&mut self, f: NextFailure) {
        self.armed.push(f);
    }

    /// Takes the first armed failure meant for a task touching `tenants`.
    fn take_armed(&mut self, tenants: &[u64]) -> Option<NextFailure> {
        let i = self
            .armed
            .iter()
            .position(|f| f.tenant_id.is_none_or(|t| tenants.contains(&t)))?;
        Some(self.armed.remove(i))
    }

    pub fn create(&mut self, spec: TaskSpec) -> u64 {
        let t = now();
        let id = self.next_task_id;
        self.next_task_id += 1;
        let base = self.next_subtask_id;
        let n = spec.subs.len() as u64;
        self.next_subtask_id += n.max(1);
        let ids: Vec<u64> = spec
            .subs
            .iter()
            .enumerate()
            .map(|(i, s)| base + s.id_offset.unwrap_or(i as u64))
            .collect();
        let mut downs: Vec<Vec<u64>> = vec![Vec::new(); spec.subs.len()];
        for (i, s) in spec.subs.iter().enumerate() {
            for &u in &s.upstreams {
                downs[u].push(ids[i]);
            }
        }
        let fail_name = self
            .take_armed(&spec.effect.tenants())
            .map(|f| f.subtask_name);
        let mut fail_assigned = false;
        let mut subtasks = Vec::with_capacity(spec.subs.len());
        for (i, s) in spec.subs.into_iter().enumerate() {
            let fail_once = match &fail_name {
                Some(Some(name)) => !fail_assigned && same_name(&s.name, name),
                Some(None) => !fail_assigned && ids[i] == *ids.iter().min().unwrap_or(&0),
                None => false,
            };
            fail_assigned |= fail_once;
            subtasks.push(Subtask {
                id: ids[i],
                upstreams: s.upstreams.iter().map(|&u| ids[u]).collect(),
                downstreams: std::mem::take(&mut downs[i]),
                status: if s.upstreams.is_empty() {
                    "READY"
                } else {
                    "PENDING"
                },
                operation: "EXECUTE",
                run_time: 1,
                create_time: t,
                start_time: None,
                finish_time: None,
                deadline: None,
                fail_once,
                rollback_todo: false,
                log: String::new(),
                spec: s,
            });
        }
        let index = subtasks
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        self.tasks.insert(
            id,
            Task {
                id,
                name: spec.name,
                cluster_id: spec.cluster_id,
                tenant_id: spec.tenant_id,
                creator: spec.creator,
                status: "RUNNING",
                operation: "EXECUTE",
                prohibit_rollback: spec.prohibit_rollback,
                context: spec.context,
                effect: spec.effect,
                frozen: spec.frozen,
                create_time: t,
                start_time: Some(t),
                finish_time: None,
                subtasks,
                index,
            },
        );
        id
    }

    pub fn task(&self, id: u64) -> Result<&Task, ApiError> {
        self.tasks
            .get(&id)
            .ok_or_else(|| ApiError::task_not_found(id))
    }

    fn task_mut(&mut self, id: u64) -> Result<&mut Task, ApiError> {
        self.tasks
            .get_mut(&id)
            .ok_or_else(|| ApiError::task_not_found(id))
    }

    pub fn busy_tenant(&self, tenant_id: u64) -> bool {
        self.tasks
            .values()
            .any(|t| t.status != "SUCCESSFUL" && t.effect.tenants().contains(&tenant_id))
    }

    /// Advances every running task by one tick; finished tasks hand their effect to the world.
    pub fn tick(&mut self, world: &mut World) {
        let step = self.step_ms;
        let fail_rate = self.fail_rate;
        let ids: Vec<u64> = self
            .tasks
            .values()
            .filter(|t| t.status == "RUNNING" && !t.frozen)
            .map(|t| t.id)
            .collect();
        for id in ids {
            let mut task = self.tasks.remove(&id).expect("task present");
            if task.operation == "ROLLBACK" {
                self.tick_rollback(&mut task, step, world);
            } else {
                self.tick_forward(&mut task, step, fail_rate, world);
            }
            self.tasks.insert(id, task);
        }
    }

    fn run_duration(&mut self, step: u64) -> Duration {
        let jitter = 0.75 + 0.5 * self.rng.unit();
        Duration::from_micros(((step as f64) * 1000.0 * jitter) as u64)
    }

    fn start_run(&mut self, task: &Task, sub: &mut Subtask, op: &'static str, step: u64) {
        let t = now();
        sub.status = "RUNNING";
        sub.operation = op;
        sub.start_time = Some(t);
        sub.finish_time = None;
        sub.deadline = Some(Instant::now() + self.run_duration(step));
        let class = sub
            .spec
            .class_name
            .clone()
            .unwrap_or_else(|| "SimulatedTask".into());
        let short = class.rsplit('.').next().unwrap_or(&class).to_string();
        let thread = format!(
            "pool-subtask-executor-thread-{},{:012x}",
            sub.id % 64,
            self.rng.next_u64() >> 16
        );
        sub.log.push_str(&format!(
            "############{{{op}}}{{{}}}############\n",
            fmt_ts(&t)
        ));
        sub.log.push_str(&format!(
            "{}  INFO 57200 --- [{thread}] c.a.o.c.m.t.model.SubtaskInstanceEntity  : Run subtask, id={}, context=Context(parallelIdx={}, stringMap={{task_instance_id={}, sub_task_instance_id={}, task_operation={}}}, listMap={{}}), executor={EXECUTOR}\n\n",
            log_time(&t), sub.id, sub.spec.parallel_idx, task.id, sub.id, op.to_lowercase()
        ));
        sub.log.push_str(&format!(
            "{}  INFO 57200 --- [{thread}] a.o.s.t.b.t.{short:<24} : [{short}] begin {}\n\n",
            log_time(&t),
            if op == "ROLLBACK" {
                "rollback"
            } else {
                "execute"
            }
        ));
    }

    fn finish_run(sub: &mut Subtask, new_state: &'static str, error: Option<&str>) {
        let t = now();
        let class = sub
            .spec
            .class_name
            .clone()
            .unwrap_or_else(|| "SimulatedTask".into());
        let short = class.rsplit('.').next().unwrap_or(&class).to_string();
        let prev = sub.status;
        sub.status = new_state;
        sub.finish_time = Some(t);
        sub.deadline = None;
        if let Some(e) = error {
            sub.log.push_str(&format!(
                "{} ERROR 57200 --- [pool-subtask-executor-thread-{}] c.a.o.c.m.t.model.SubtaskInstanceEntity  : Execute subtask failed, id={}, error: {e}\n\n",
                log_time(&t), sub.id % 64, sub.id
            ));
        } else {
            sub.log.push_str(&format!(
                "{}  INFO 57200 --- [pool-subtask-executor-thread-{}] a.o.s.t.b.t.{short:<24} : [{short}] end\n\n",
                log_time(&t), sub.id % 64
            ));
        }
        sub.log.push_str(&format!(
            "{}  INFO 57200 --- [pool-subtask-executor-thread-{}] c.a.o.c.m.t.model.SubtaskInstanceEntity  : Set state for subtask: {}, current state: {prev}, new state: {new_state}\n",
            log_time(&t), sub.id % 64, sub.id
        ));
    }

    fn tick_forward(&mut self, task: &mut Task, step: u64, fail_rate: f64, world: &mut World) {
        let now_i = Instant::now();
        for i in 0..task.subtasks.len() {
            let sub = &mut task.subtasks[i];
            if sub.status == "CANCELING" {
                Self::finish_run(sub, "FAILED", Some("subtask canceled by user"));
            } else if sub.status == "RUNNING" && sub.deadline.is_some_and(|d| d <= now_i) {
                let fail = if sub.fail_once {
                    sub.fail_once = false;
                    true
                } else {
                    self.rng.chance(fail_rate)
                };
                let sub = &mut task.subtasks[i];
                if fail {
                    let msg = format!(
                        "{} failed: simulated failure (timeout {}s not reached, errorCode=OB_ERR_UNEXPECTED)",
                        sub.spec.name, sub.spec.timeout
                    );
                    Self::finish_run(sub, "FAILED", Some(&msg));
                } else {
                    Self::finish_run(sub, "SUCCESSFUL", None);
                }
            }
        }
        let ready: Vec<usize> = (0..task.subtasks.len())
            .filter(|&i| task.subtasks[i].status == "READY")
            .collect();
        for i in ready {
            let mut sub = task.subtasks[i].clone();
            let op = if sub.operation == "RETRY" {
                "RETRY"
            } else {
                "EXECUTE"
            };
            self.start_run(task, &mut sub, op, step);
            task.subtasks[i] = sub;
        }
        let promote: Vec<usize> = (0..task.subtasks.len())
            .filter(|&i| {
                let s = &task.subtasks[i];
                s.status == "PENDING"
                    && s.upstreams.iter().all(|u| {
                        task.index
                            .get(u)
                            .is_some_and(|&j| task.subtasks[j].status == "SUCCESSFUL")
                    })
            })
            .collect();
        for i in promote {
            task.subtasks[i].status = "READY";
        }
        let active = task
            .subtasks
            .iter()
            .any(|s| matches!(s.status, "READY" | "RUNNING" | "CANCELING"));
        if !active {
            if task.subtasks.iter().any(|s| s.status == "FAILED") {
                task.status = "FAILED";
                task.finish_time = Some(now());
            } else if task.subtasks.iter().all(|s| s.status == "SUCCESSFUL") {
                task.status = "SUCCESSFUL";
                task.finish_time = Some(now());
                crate::ops::apply_effect(world, &task.effect, true);
            }
        }
    }

    fn tick_rollback(&mut self, task: &mut Task, step: u64, world: &mut World) {
        let now_i = Instant::now();
        for sub in task.subtasks.iter_mut() {
            if sub.status == "RUNNING" && sub.deadline.is_some_and(|d| d <= now_i) {
                Self::finish_run(sub, "PENDING", None);
                sub.rollback_todo = false;
            }
        }
        let todo: Vec<usize> = (0..task.subtasks.len())
            .filter(|&i| {
                let s = &task.subtasks[i];
                s.rollback_todo
                    && s.status != "RUNNING"
                    && s.downstreams.iter().all(|d| {
                        task.index
                            .get(d)
                            .is_none_or(|&j| !task.subtasks[j].rollback_todo)
                    })
            })
            .collect();
        for i in todo {
            let mut sub = task.subtasks[i].clone();
            self.start_run(task, &mut sub, "ROLLBACK", step);
            task.subtasks[i] = sub;
        }
        if !task.subtasks.iter().any(|s| s.rollback_todo) {
            task.status = "SUCCESSFUL";
            task.finish_time = Some(now());
            crate::ops::apply_effect(world, &task.effect, false);
        }
    }

    pub fn retry_task(&mut self, id: u64) -> Result<(), ApiError> {
        let task = self.task_mut(id)?;
        if task.status != "FAILED" {
            let (st, op) = (task.status, task.operation);
            return Err(ApiError::state(tr(
                format!("Task {id} is {st} with operation {op}, only a FAILED task can be retried"),
                format!("任务 {id} 的状态为 {st}（操作 {op}），只有失败的任务可以重试"),
            )));
        }
        task.status = "RUNNING";
        task.operation = "RETRY";
        task.finish_time = None;
        for s in task.subtasks.iter_mut().filter(|s| s.status == "FAILED") {
            s.status = "READY";
            s.operation = "RETRY";
            s.run_time += 1;
        }
        Ok(())
    }

    pub fn rollback_task(&mut self, id: u64) -> Result<(), ApiError> {
        let task = self.task_mut(id)?;
        if task.status != "FAILED" {
            let st = task.status;
            return Err(ApiError::state(tr(
                format!("Task {id} is {st}, only a FAILED task can be rolled back"),
                format!("任务 {id} 的状态为 {st}，只有失败的任务可以回滚"),
            )));
        }
        if task.prohibit_rollback {
            return Err(ApiError::rollback_prohibited(tr(
                format!("Task {id} prohibits rollback"),
                format!("任务 {id} 禁止回滚"),
            )));
        }
        if let Some(s) = task
            .subtasks
            .iter()
            .find(|s| s.spec.prohibit_rollback && s.status == "SUCCESSFUL")
        {
            let (sid, en, zh) = (
                s.id,
                &s.spec.name,
                crate::i18n::name_in(&s.spec.name, crate::i18n::Lang::Zh),
            );
            return Err(ApiError::rollback_prohibited(tr(
                format!("Subtask {sid} ({en}) has succeeded and prohibits rollback"),
                format!("子任务 {sid}（{zh}）已成功且禁止回滚"),
            )));
        }
        task.status = "RUNNING";
        task.operation = "ROLLBACK";
        task.finish_time = None;
        for s in task.subtasks.iter_mut() {
            if matches!(s.status, "SUCCESSFUL" | "FAILED") {
                s.rollback_todo = true;
            } else {
                s.status = "PENDING";
            }
        }
        Ok(())
    }

    fn sub_mut(&mut self, id: u64, sid: u64) -> Result<(&mut Task, usize), ApiError> {
        let task = self.task_mut(id)?;
        let i = *task
            .index
            .get(&sid)
            .ok_or_else(|| ApiError::subtask_not_found(sid))?;
        Ok((task, i))
    }

    pub fn retry_subtask(&mut self, id: u64, sid: u64) -> Result<(), ApiError> {
        let (task, i) = self.sub_mut(id, sid)?;
        if task.operation == "ROLLBACK" || task.subtasks[i].status != "FAILED" {
            let st = task.subtasks[i].status;
            return Err(ApiError::state(tr(
                format!("Subtask {sid} is {st}, only a FAILED subtask can be retried"),
                format!("子任务 {sid} 的状态为 {st}，只有失败的子任务可以重试"),
            )));
        }
        let s = &mut task.subtasks[i];
        s.status = "READY";
        s.operation = "RETRY";
        s.run_time += 1;
        task.status = "RUNNING";
        task.operation = "RETRY";
        task.finish_time = None;
        Ok(())
    }

    pub fn skip_subtask(&mut self, id: u64, sid: u64) -> Result<(), ApiError> {
        let (task, i) = self.sub_mut(id, sid)?;
        if task.operation == "ROLLBACK" || task.subtasks[i].status != "FAILED" {
            let st = task.subtasks[i].status;
            return Err(ApiError::state(tr(
                format!("Subtask {sid} is {st}, only a FAILED subtask can be skipped"),
                format!("子任务 {sid} 的状态为 {st}，只有失败的子任务可以跳过"),
            )));
        }
        let t = now();
        let s = &mut task.subtasks[i];
        s.status = "SUCCESSFUL";
        s.operation = "SKIP";
        s.finish_time = Some(t);
        s.log.push_str(&format!(
            "{}  INFO 57200 --- [http-nio-8080-exec-1] c.a.o.c.m.t.model.SubtaskInstanceEntity  : Skip subtask {sid}, set state to SUCCESSFUL by admin\n",
            log_time(&t)
        ));
        task.status = "RUNNING";
        task.finish_time = None;
        Ok(())
    }

    pub fn cancel_subtask(&mut self, id: u64, sid: u64) -> Result<(), ApiError> {
        let (task, i) = self.sub_mut(id, sid)?;
        if task.subtasks[i].status != "RUNNING" {
            let st = task.subtasks[i].status;
            return Err(ApiError::state(tr(
                format!("Subtask {sid} is {st}, only a RUNNING subtask can be canceled"),
                format!("子任务 {sid} 的状态为 {st}，只有运行中的子任务可以取消"),
            )));
        }
        let s = &mut task.subtasks[i];
        s.status = "CANCELING";
        s.operation = "CANCEL";
        Ok(())
    }
}
