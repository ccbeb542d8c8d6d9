//! The stored and exported form of a workspace: a versioned envelope, decoded
//! through migrations. Anything it cannot read is reported, never guessed at.

use super::compression;
use super::parts::join;
use super::recovery::recover;
use crate::domain::model::integrity::{describe, Problem};
use crate::domain::model::stored_date::NOT_A_DAY;
use crate::domain::support::sorting::btree_map;
use crate::domain::Workspace;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;
use thiserror::Error;

/// The schema this build writes. Bump it with a migration in `migrate`.
/// 2: local storage holds a manifest of parts (see `parts`); the workspace is unchanged.
/// 3: large stored texts are compressed with deflate (`compression`), which builds before
///    it cannot read; the workspace is unchanged.
pub const SCHEMA_VERSION: u32 = 3;
const APP_TAG: &str = "pipewright";

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    app: &'static str,
    schema_version: u32,
    workspace: &'a Workspace,
}

/// What local storage's main key holds: the list of parts and their keys.
#[derive(Serialize)]
struct ManifestOut<'a> {
    app: &'static str,
    schema_version: u32,
    parts: &'a BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    app: Option<String>,
    schema_version: Option<u32>,
    /// Kept as text: the current schema deserialises straight into the model, without
    /// building a `Value` tree (faster, and no second copy of every deserialiser in
    /// the wasm).
    workspace: Option<Box<RawValue>>,
    parts: Option<BTreeMap<String, String>>,
    stored_manifest: Option<String>,
    stored_parts: Option<BTreeMap<String, Option<String>>>,
}

/// Everything in storage as one text, for a backup or download of data this build
/// cannot read: the manifest and every part, so a build that can read it gets it all.
#[derive(Serialize)]
struct BundleOut<'a> {
    app: &'static str,
    stored_manifest: &'a str,
    stored_parts: &'a BTreeMap<String, Option<String>>,
}

pub fn encode_bundle(manifest: &str, parts: &BTreeMap<String, Option<String>>) -> String {
    serde_json::to_string(&BundleOut {
        app: APP_TAG,
        stored_manifest: manifest,
        stored_parts: parts,
    })
    .unwrap_or_default()
}

/// A stored text: a whole workspace (exports, scenarios, schema 1 storage) or a
/// manifest naming the keys of the workspace's parts.
// One value per load, moved straight into the app state: boxing buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Stored {
    Whole(Workspace),
    Parts(BTreeMap<String, String>),
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("it is not JSON ({0})")]
    NotJson(String),
    #[error("it is not a Pipewright workspace (no \"app\": \"pipewright\" field)")]
    Foreign,
    #[error("it was written by a newer Pipewright (schema {found}; this version reads up to {supported}); update the app to open it")]
    NewerSchema { found: u32, supported: u32 },
    #[error("its content does not have the expected shape: {0}")]
    WrongShape(String),
    #[error("it breaks rules every workspace keeps: {0}")]
    BrokenRules(String),
}

pub fn encode(workspace: &Workspace) -> String {
    let envelope = EnvelopeOut {
        app: APP_TAG,
        schema_version: SCHEMA_VERSION,
        workspace,
    };
    // Serialising plain data with string/integer keys cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Stored text longer than this is compressed (`compression`): 10,000 deals are about
/// 10 M characters as JSON, twice what local storage holds, and a tenth of that compressed.
pub const COMPRESS_ABOVE: usize = 1_500_000;

/// A whole workspace in one text (scenarios): JSON, compressed when large.
pub fn encode_for_storage(workspace: &Workspace) -> String {
    let json = encode(workspace);
    let compress = json.len() > COMPRESS_ABOVE;
    pack(json, compress)
}

pub fn encode_manifest(parts: &BTreeMap<String, String>) -> String {
    serde_json::to_string(&ManifestOut {
        app: APP_TAG,
        schema_version: SCHEMA_VERSION,
        parts,
    })
    .unwrap_or_default()
}

/// JSON as stored: as it is, or compressed and tagged.
pub fn pack(json: String, compress: bool) -> String {
    if compress {
        compression::compress(&json)
    } else {
        json
    }
}

/// The JSON inside a stored text, decompressed when it is tagged.
pub fn unpack(text: &str) -> Result<std::borrow::Cow<'_, str>, DecodeError> {
    match compression::decompress(text) {
        None => Ok(std::borrow::Cow::Borrowed(text)),
        Some(Ok(json)) => Ok(std::borrow::Cow::Owned(json)),
        Some(Err(damaged)) => Err(DecodeError::NotJson(damaged.to_string())),
    }
}

/// A whole workspace (an export, a scenario); a storage manifest is refused.
/// A workspace from a file (a backup, a scenario): held to every rule the commands
/// keep, each broken one named.
pub fn decode(text: &str) -> Result<Workspace, DecodeError> {
    match decode_stored(text)? {
        Stored::Whole(workspace) => {
            refuse(workspace.problems())?;
            Ok(workspace)
        }
        Stored::Parts(_) => Err(DecodeError::WrongShape(
            "it lists stored parts, not a workspace; export the workspace from Settings instead"
                .into(),
        )),
    }
}

pub fn decode_stored(text: &str) -> Result<Stored, DecodeError> {
    let text = unpack(text)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let envelope: EnvelopeIn = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            DecodeError::Foreign
        } else {
            DecodeError::NotJson(e.to_string())
        }
    })?;
    if envelope.app.as_deref() != Some(APP_TAG) {
        return Err(DecodeError::Foreign);
    }
    if let Some(manifest) = envelope.stored_manifest {
        return decode_bundle(&manifest, &envelope.stored_parts.unwrap_or_default())
            .map(Stored::Whole);
    }
    let version = envelope
        .schema_version
        .ok_or_else(|| DecodeError::WrongShape("no schema_version".into()))?;
    if version > SCHEMA_VERSION {
        return Err(DecodeError::NewerSchema {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if let Some(parts) = envelope.parts {
        return Ok(Stored::Parts(parts));
    }
    let raw = envelope
        .workspace
        .ok_or_else(|| DecodeError::WrongShape("no workspace".into()))?;
    let json = if version == SCHEMA_VERSION {
        std::borrow::Cow::Borrowed(raw.get())
    } else {
        let old: Value =
            serde_json::from_str(raw.get()).map_err(|e| DecodeError::WrongShape(e.to_string()))?;
        std::borrow::Cow::Owned(migrate(old, version)?.to_string())
    };
    let workspace: Workspace = serde_json::from_str(&json).map_err(|e| shape_error(&json, &e))?;
    validate(&workspace)?;
    Ok(Stored::Whole(workspace))
}

fn decode_bundle(
    manifest: &str,
    stored: &BTreeMap<String, Option<String>>,
) -> Result<Workspace, DecodeError> {
    let keys = match decode_stored(manifest)? {
        Stored::Whole(workspace) => return Ok(workspace),
        Stored::Parts(keys) => keys,
    };
    let texts: Vec<(&str, Option<&str>)> = keys
        .iter()
        .map(|(name, key)| (name.as_str(), stored.get(key).and_then(|t| t.as_deref())))
        .collect();
    // A downloaded copy of damaged storage imports with what can be read.
    let (workspace, _lost) = recover(&texts);
    validate(&workspace)?;
    Ok(workspace)
}

/// The workspace from its stored parts, and each part's JSON length.
pub fn assemble(
    texts: &[(&str, &str)],
) -> Result<(Workspace, BTreeMap<String, usize>), DecodeError> {
    let mut jsons = Vec::with_capacity(texts.len());
    for (name, text) in texts {
        jsons.push((*name, unpack(text)?));
    }
    let sizes = btree_map(
        jsons
            .iter()
            .map(|(name, json)| (name.to_string(), json.len())),
    );
    let workspace = join(jsons.iter().map(|(name, json)| (*name, json.as_ref())))
        .map_err(|e| DecodeError::WrongShape(e.0))?;
    validate(&workspace)?;
    Ok((workspace, sizes))
}

/// serde's error, in the user's terms where it can be: a date that is no day of the
/// calendar names the text it read ("2026-02-30") instead of chrono's "input is out of
/// range at line 1 column 904".
fn shape_error(json: &str, error: &serde_json::Error) -> DecodeError {
    const DATE_ERRORS: [&str; 4] = [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
    ];
    let message = error.to_string();
    // Dates read by `stored_date` say so themselves; serde adds where it was.
    if let Some(end) = message.find(NOT_A_DAY) {
        return DecodeError::WrongShape(message[..end + NOT_A_DAY.len()].to_string());
    }
    if DATE_ERRORS.iter().any(|m| message.starts_with(m)) {
        let read = json
            .lines()
            .nth(error.line().saturating_sub(1))
            .and_then(|line| line.get(..error.column().min(line.len())))
            .and_then(|before| before.rsplit('"').nth(1));
        if let Some(text) = read {
            return DecodeError::WrongShape(format!(
                "“{text}” is not a date of the calendar (dates are written YYYY-MM-DD)"
            ));
        }
    }
    DecodeError::WrongShape(message)
}

/// Brings an older schema up to `SCHEMA_VERSION`, one step at a time.
fn migrate(value: Value, from: u32) -> Result<Value, DecodeError> {
    let mut value = value;
    let mut version = from;
    while version < SCHEMA_VERSION {
        value = match version {
            // Version 0 was never released; kept so the loop has a tested first step.
            0 => value,
            // 2 and 3 changed how local storage is laid out, not the workspace itself.
            1 | 2 => value,
            other => {
                return Err(DecodeError::WrongShape(format!(
                    "no migration from schema {other}"
                )))
            }
        };
        version += 1;
    }
    Ok(value)
}

/// Refuses a workspace the app cannot work with (`Workspace::broken_rules`): serde
/// checks shapes, not references or ranges, and a hand-edited or foreign file must not
/// break the app. Files to import are held to every rule (`decode`).
pub fn validate(ws: &Workspace) -> Result<(), DecodeError> {
    refuse(ws.broken_rules())
}

fn refuse(problems: Vec<Problem>) -> Result<(), DecodeError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DecodeError::BrokenRules(describe(&problems)))
    }
}
