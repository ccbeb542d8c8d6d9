//! CouchDB over the browser's fetch: cookie sign-in (`_session`) and the few database
//! calls sync needs. Requests carry credentials so the session cookie goes along; the
//! password is sent once, to `_session`, and kept nowhere.

use super::config::TeamConfig;
use super::protocol::{self, json_body, BulkRow, Change, ChangesBatch, DatabaseInfo, SyncError};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long the server holds a long-poll open when nothing changes.
pub const LONGPOLL_MS: u32 = 25_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Remote {
    pub config: TeamConfig,
}

fn js_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "network error".into())
}

/// Sends one request; any answer (whatever its status) comes back with its JSON body.
async fn send(
    method: &str,
    url: &str,
    body: Option<&Value>,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<(u16, Value), SyncError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::Include);
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some(signal) = signal {
        init.set_signal(Some(signal));
    }
    let headers = web_sys::Headers::new().map_err(|e| SyncError::Unreachable(js_error(e)))?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(&body.to_string()));
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(|e| {
        SyncError::NotCouchDb(format!("the address cannot be used: {}", js_error(e)))
    })?;
    let window = web_sys::window().ok_or_else(|| SyncError::Unreachable("no window".into()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|e| SyncError::Unreachable(js_error(e)))?
        .dyn_into()
        .map_err(|_| SyncError::Unreachable("no response".into()))?;
    let text = JsFuture::from(
        response
            .text()
            .map_err(|e| SyncError::Unreachable(js_error(e)))?,
    )
    .await
    .map_err(|e| SyncError::Unreachable(js_error(e)))?
    .as_string()
    .unwrap_or_default();
    Ok((response.status(), json_body(&text)?))
}

fn ok(status: u16) -> bool {
    (200..300).contains(&status)
}

fn encode(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}

impl Remote {
    pub fn new(config: TeamConfig) -> Remote {
        Remote { config }
    }

    fn db(&self, path: &str) -> String {
        format!("{}/{path}", self.config.database_url())
    }

    fn refused(&self, status: u16, body: &Value) -> SyncError {
        protocol::database_error(status, body, &self.config.database)
    }

    /// Signs in with CouchDB's cookie session; the answer names the user.
    pub async fn sign_in(&self, password: &str) -> Result<String, SyncError> {
        let url = format!("{}/_session", self.config.server);
        let body = json!({"name": self.config.user, "password": password});
        match send("POST", &url, Some(&body), None).await? {
            (status, _) if status == 401 || status == 403 => Err(SyncError::WrongPassword),
            (status, body) if ok(status) => Ok(body
                .get("name")
                .and_then(Value::as_str)
                .map_or_else(|| self.config.user.clone(), String::from)),
            (status, body) => Err(self.refused(status, &body)),
        }
    }

    /// The user the server's session cookie names, if still signed in.
    pub async fn session(&self) -> Result<Option<String>, SyncError> {
        let url = format!("{}/_session", self.config.server);
        match send("GET", &url, None, None).await? {
            (status, body) if ok(status) => protocol::session_user(body),
            (status, body) => Err(self.refused(status, &body)),
        }
    }

    pub async fn sign_out(&self) -> Result<(), SyncError> {
        let url = format!("{}/_session", self.config.server);
        send("DELETE", &url, None, None).await.map(|_| ())
    }

    pub async fn info(&self) -> Result<DatabaseInfo, SyncError> {
        match send("GET", &self.config.database_url(), None, None).await? {
            (status, body) if ok(status) => protocol::database_info(body),
            (status, body) => Err(self.refused(status, &body)),
        }
    }

    /// Writes one document; `Ok(None)` when someone wrote it first (a conflict).
    pub async fn put(&self, id: &str, doc: &Value) -> Result<Option<String>, SyncError> {
        match send("PUT", &self.db(&encode(id)), Some(doc), None).await? {
            (409, _) => Ok(None),
            (status, body) if ok(status) => {
                Ok(body.get("rev").and_then(Value::as_str).map(String::from))
            }
            (status, body) => Err(self.refused(status, &body)),
        }
    }

    /// One document; `None` when it does not exist or was deleted.
    pub async fn get(&self, id: &str) -> Result<Option<Map<String, Value>>, SyncError> {
        match send("GET", &self.db(&encode(id)), None, None).await? {
            (404, body) if body.get("error").and_then(Value::as_str) == Some("not_found") => {
                // A missing database answers 404 too, with reason "missing" or
                // "Database does not exist."; a document with "missing" or "deleted".
                match self.info().await {
                    Ok(_) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            (status, Value::Object(doc)) if ok(status) => Ok(Some(doc)),
            (status, body) => Err(self.refused(status, &body)),
        }
    }

    pub async fn bulk_docs(&self, docs: Vec<Value>) -> Result<Vec<BulkRow>, SyncError> {
        match send(
            "POST",
            &self.db("_bulk_docs"),
            Some(&json!({"docs": docs})),
            None,
        )
        .await?
        {
            (status, body) if ok(status) => protocol::bulk_rows(body),
            (status, body) => Err(self.refused(status, &body)),
        }
    }

    /// Changes after `since`. With `wait`, a long-poll: the server answers as soon as
    /// something changes, or after `LONGPOLL_MS` with nothing.
    pub async fn changes(
        &self,
        since: &str,
        limit: u32,
        wait: bool,
        signal: Option<&web_sys::AbortSignal>,
    ) -> Result<ChangesBatch, SyncError> {
        let feed = if wait {
            format!("feed=longpoll&timeout={LONGPOLL_MS}&")
        } else {
            String::new()
        };
        let url = self.db(&format!(
            "_changes?{feed}include_docs=true&limit={limit}&since={}",
            encode(since)
        ));
        match send("GET", &url, None, signal).await? {
            (status, body) if ok(status) => protocol::changes(body),
            (status, body) => Err(self.refused(status, &body)),
        }
    }

    /// Up to `limit` documents with ids from `start` (after it, with `skip_first`) to
    /// `end`, in id order: a join reads what is there this way, kind by kind.
    pub async fn documents_in_range(
        &self,
        start: &str,
        skip_first: bool,
        end: &str,
        limit: u32,
    ) -> Result<Vec<Change>, SyncError> {
        let key = |k: &str| encode(&Value::String(k.into()).to_string());
        let url = self.db(&format!(
            "_all_docs?include_docs=true&limit={limit}&skip={}&startkey={}&endkey={}",
            u8::from(skip_first),
            key(start),
            key(end)
        ));
        match send("GET", &url, None, None).await? {
            (status, body) if ok(status) => protocol::all_docs(body),
            (status, body) => Err(self.refused(status, &body)),
        }
    }

    /// The current revision of each of `ids` that exists on the server.
    pub async fn current_revisions(
        &self,
        ids: &[String],
    ) -> Result<HashMap<String, String>, SyncError> {
        match send(
            "POST",
            &self.db("_all_docs"),
            Some(&json!({"keys": ids})),
            None,
        )
        .await?
        {
            (status, body) if ok(status) => protocol::current_revisions(body),
            (status, body) => Err(self.refused(status, &body)),
        }
    }
}
