//! The typed OCP client: one fetch helper and one async function per endpoint the console uses.

use crate::i18n::Msg;
use crate::session::{self, Credentials};
use gloo_net::http::{Method, RequestBuilder};
use ocp_core::error::{decode_response, require, ApiError};
use ocp_core::model::{
    Cluster, Page, PrecheckResult, ReplicaSpec, Subtask, SwitchoverRequest, TaskInstance, TaskList,
    Tenant, TenantDetail, TenantPair, UnitSpec, Zone,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;

/// Requests that take longer than this are aborted and reported as a network failure.
const TIMEOUT_MS: u32 = 30_000;

/// An HTTP answer: the status, the `RateLimit-Reset` header and the body text.
type Answer = (u16, Option<String>, String);

/// Where OCP's API lives: by default the page's own origin, behind the reverse proxy.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Api {
    base: String,
}

impl Api {
    pub fn new(base: impl Into<String>) -> Self {
        Api {
            base: base.into().trim_end_matches('/').to_string(),
        }
    }

    /// Same origin: paths start at `/api/v2`.
    pub fn same_origin() -> Self {
        Api::default()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v2{}", self.base, path)
    }

    /// Sends a request, once more when its 401 answered credentials a sign-in has since replaced.
    /// Not generic, and boxed so that the typed calls await it instead of each inlining the request's
    /// state machine: the request code exists once in the wasm whatever the response type.
    fn exchange<'a>(
        &'a self,
        method: Method,
        path: &'a str,
        body: Option<(String, &'a str)>,
    ) -> Pin<Box<dyn Future<Output = Result<Answer, ApiError>> + 'a>> {
        Box::pin(async move {
            let sent_with = session::current();
            let first = self.send(method.clone(), path, body.clone()).await?;
            if first.0 == 401
                && answers_old_credentials(sent_with.as_ref(), session::current().as_ref())
            {
                return self.send(method, path, body).await;
            }
            Ok(first)
        })
    }

    /// Sends one request; answers the HTTP status, the `RateLimit-Reset` header and the body text.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<(String, &str)>,
    ) -> Result<Answer, ApiError> {
        let url = self.url(path);
        let mut rb = RequestBuilder::new(&url)
            .method(method.clone())
            .header("Accept", "application/json")
            .header("Accept-Language", crate::i18n::current().accept_language());
        if let Some(h) = session::authorization_header() {
            rb = rb.header("Authorization", &h);
        }
        if method != Method::GET {
            if let Some(token) = session::xsrf_token() {
                rb = rb.header("X-XSRF-TOKEN", &token);
            }
        }
        let controller = web_sys::AbortController::new().ok();
        if let Some(c) = &controller {
            rb = rb.abort_signal(Some(&c.signal()));
        }
        let timer = controller
            .clone()
            .map(|c| gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || c.abort()));
        let request = match body {
            Some((b, content_type)) => rb.header("Content-Type", content_type).body(b),
            None => rb.build(),
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        let response = request.send().await.map_err(network_error)?;
        let status = response.status();
        let reset = response.headers().get("RateLimit-Reset");
        let text = response.text().await.map_err(network_error)?;
        drop(timer);
        Ok((status, reset, text))
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<(String, &str)>,
    ) -> Result<Option<T>, ApiError> {
        let (status, reset, text) = self.exchange(method, path, body).await?;
        let out = decode_response::<T>(status, reset.as_deref(), &text);
        if let Err(ApiError::Unauthorized { .. }) = &out {
            session::notify_unauthorized();
        }
        out
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        require(self.call(Method::GET, path, None).await?)
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<Option<T>, ApiError> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Network(e.to_string()))?;
        self.call(Method::POST, path, Some((json, "application/json")))
            .await
    }

    async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> Result<Option<T>, ApiError> {
        self.call(Method::POST, path, None).await
    }
}

/// A 401 to credentials that have since been replaced by a sign-in is stale: the request is sent again
/// with the current ones instead of asking to sign in a second time.
pub fn answers_old_credentials(sent: Option<&Credentials>, now: Option<&Credentials>) -> bool {
    now.is_some() && sent != now
}

fn network_error(e: gloo_net::Error) -> ApiError {
    let text = e.to_string();
    if text.contains("AbortError") {
        ApiError::Network(crate::i18n::current().fmt(Msg::NoAnswer, &[&(TIMEOUT_MS / 1000)]))
    } else {
        ApiError::Network(text)
    }
}

/// Filters, paging and sort of the task centre's list.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskQuery {
    pub statuses: Vec<String>,
    pub cluster_id: Option<i64>,
    pub tenant_id: Option<i64>,
    pub name: String,
    pub page: u64,
    pub size: u64,
    /// e.g. `id,desc`.
    pub sort: String,
}

impl TaskQuery {
    /// The query string, percent-encoded.
    pub fn to_query(&self) -> String {
        let mut q = vec![
            format!("page={}", self.page.max(1)),
            format!("size={}", if self.size == 0 { 20 } else { self.size }),
        ];
        if !self.statuses.is_empty() {
            q.push(format!("status={}", encode(&self.statuses.join(","))));
        }
        if let Some(c) = self.cluster_id {
            q.push(format!("clusterId={c}"));
        }
        if let Some(t) = self.tenant_id {
            q.push(format!("tenantId={t}"));
        }
        if !self.name.trim().is_empty() {
            q.push(format!("name={}", encode(self.name.trim())));
        }
        if !self.sort.is_empty() {
            q.push(format!("sort={}", encode(&self.sort)));
        }
        q.join("&")
    }
}

pub use ocp_core::list_query::encode;

#[derive(Deserialize)]
struct LogBody {
    #[serde(default)]
    log: String,
}

/// The signed-in user as OCP reports it.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrentUser {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default, alias = "name")]
    pub username: String,
}

pub async fn list_clusters(api: &Api) -> Result<Page<Cluster>, ApiError> {
    api.get("/ob/clusters?page=1&size=100").await
}

pub async fn list_zones(api: &Api, cluster: i64) -> Result<Vec<Zone>, ApiError> {
    api.get::<Page<Zone>>(&format!("/ob/clusters/{cluster}/zones"))
        .await
        .map(|p| p.contents)
}

pub async fn list_tenants(api: &Api, cluster: i64) -> Result<Page<Tenant>, ApiError> {
    api.get(&format!("/ob/clusters/{cluster}/tenants?page=1&size=500"))
        .await
}

/// Every tenant of every cluster (standbys may live in another cluster than their primary).
pub async fn list_all_tenants(api: &Api) -> Result<Page<Tenant>, ApiError> {
    api.get("/ob/tenants?page=1&size=1000").await
}

pub async fn get_tenant(api: &Api, cluster: i64, tenant: i64) -> Result<TenantDetail, ApiError> {
    api.get(&format!("/ob/clusters/{cluster}/tenants/{tenant}"))
        .await
}

pub async fn list_unit_specs(api: &Api) -> Result<Page<UnitSpec>, ApiError> {
    api.get("/ob/unitSpecs?page=1&size=100").await
}

pub async fn add_replica(
    api: &Api,
    cluster: i64,
    tenant: i64,
    replicas: &[ReplicaSpec],
) -> Result<TaskInstance, ApiError> {
    require(
        api.post(
            &format!("/ob/clusters/{cluster}/tenants/{tenant}/addReplica"),
            &replicas,
        )
        .await?,
    )
}

pub async fn switchover(
    api: &Api,
    cluster: i64,
    body: &SwitchoverRequest,
) -> Result<Vec<TaskInstance>, ApiError> {
    let list: TaskList = require(
        api.post(&format!("/ob/clusters/{cluster}/tenants/switchover"), body)
            .await?,
    )?;
    Ok(list.contents)
}

pub async fn switchover_precheck(
    api: &Api,
    cluster: i64,
    pair: &TenantPair,
) -> Result<PrecheckResult, ApiError> {
    require(
        api.post(
            &format!(
                "/ob/clusters/{cluster}/tenants/{}/switchoverPreCheck",
                pair.tenant_id
            ),
            pair,
        )
        .await?,
    )
}

pub async fn get_task(api: &Api, id: i64) -> Result<TaskInstance, ApiError> {
    api.get(&format!("/tasks/instances/{id}")).await
}

pub async fn list_tasks(api: &Api, query: &TaskQuery) -> Result<TaskList, ApiError> {
    list_tasks_by(api, &query.to_query()).await
}

/// The task list for a query string already built (the watcher's).
pub async fn list_tasks_by(api: &Api, query: &str) -> Result<TaskList, ApiError> {
    api.get(&format!("/tasks/instances?{query}")).await
}

pub async fn retry_task(api: &Api, id: i64) -> Result<Option<TaskInstance>, ApiError> {
    api.post_empty(&format!("/tasks/instances/{id}/retry"))
        .await
}

pub async fn rollback_task(api: &Api, id: i64) -> Result<Option<TaskInstance>, ApiError> {
    api.post_empty(&format!("/tasks/instances/{id}/rollback"))
        .await
}

pub async fn retry_subtask(api: &Api, id: i64, sid: i64) -> Result<Option<Subtask>, ApiError> {
    api.post_empty(&format!("/tasks/instances/{id}/subtasks/{sid}/retry"))
        .await
}

pub async fn skip_subtask(api: &Api, id: i64, sid: i64) -> Result<(), ApiError> {
    api.post_empty::<serde_json::Value>(&format!("/tasks/instances/{id}/subtasks/{sid}/skip"))
        .await
        .map(|_| ())
}

pub async fn cancel_subtask(api: &Api, id: i64, sid: i64) -> Result<(), ApiError> {
    api.post_empty::<serde_json::Value>(&format!("/tasks/instances/{id}/subtasks/{sid}/cancel"))
        .await
        .map(|_| ())
}

pub async fn subtask_log(api: &Api, id: i64, sid: i64) -> Result<String, ApiError> {
    api.get::<LogBody>(&format!("/tasks/instances/{id}/subtasks/{sid}/log"))
        .await
        .map(|l| l.log)
}

pub async fn current_user(api: &Api) -> Result<CurrentUser, ApiError> {
    api.get("/iam/current-user").await
}

/// OCP's session login: a form POST that sets `JSESSIONID` and `XSRF-TOKEN` cookies.
pub async fn login(api: &Api, username: &str, password: &str) -> Result<(), ApiError> {
    let form = format!(
        "username={}&password={}",
        encode(username),
        encode(password)
    );
    api.call::<serde_json::Value>(
        Method::POST,
        "/iam/login",
        Some((form, "application/x-www-form-urlencoded")),
    )
    .await
    .map(|_| ())
}

pub async fn logout(api: &Api) -> Result<(), ApiError> {
    api.post_empty::<serde_json::Value>("/iam/logout")
        .await
        .map(|_| ())
}
