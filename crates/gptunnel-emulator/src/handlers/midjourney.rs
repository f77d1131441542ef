//! The Midjourney create endpoints (CONTRACT §3): imagine, and the actions on finished tasks.
//! Order of checks: key (401), body (400), fields (400), parent and action (400), mask (400),
//! resubmission (the earlier finished task, free), balance (402), then create and charge. The
//! journal's `note` of a create names the task's progress model, and says when a create was a
//! duplicate of a running task or a resubmission.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::domain::actions::{assumed_parameter, done_actions, ActionRequest};
use crate::domain::masks::{decode_mask, MaskProblem};
use crate::domain::task::{Task, TaskView};
use crate::error::ApiError;
use crate::handlers::extract::{Authorized, JsonFields};
use crate::handlers::validate::Fields;
use crate::journal::Note;
use crate::model::direction::Direction;
use crate::model::rng::hash_bytes;
use crate::state::AppState;
use crate::store::Derivation;

const IMAGES: [i64; 4] = [1, 2, 3, 4];

/// `POST /v1/midjourney/imagine` `{prompt, useWalletBalance?}`. Every call is a new, charged
/// task, duplicates included \[doc\].
pub(crate) async fn imagine_create(
    auth: Authorized,
    State(state): State<AppState>,
    JsonFields(fields): JsonFields,
) -> Result<Response, ApiError> {
    let prompt = fields.required_string("prompt")?;
    // One balance serves both the organisation and the wallet in the emulator [assumed].
    fields.optional_bool("useWalletBalance")?;
    let now = state.now();
    let (task, usage) = state
        .store()
        .create_imagine(prompt, now, state.settings())?;
    let view = task.view(now, &auth.base_url, usage);
    Ok(with_note(view, created_note(&task)))
}

/// `POST /v1/midjourney/upsample` `{taskId, image: 1..4}`.
pub(crate) async fn upsample_create(
    auth: Authorized,
    State(state): State<AppState>,
    JsonFields(fields): JsonFields,
) -> Result<Response, ApiError> {
    let parent_id = parent_id_of(&fields)?;
    let image = fields.required_int_choice("image", &IMAGES)? as u8;
    derive(&state, &auth, &parent_id, ActionRequest::Upsample { image })
}

/// `POST /v1/midjourney/variation` `{taskId, image}` for a grid or `{taskId, mode: high|low}`
/// for an upsample. Neither given: `'image' is a required property` \[doc\].
pub(crate) async fn variation_create(
    auth: Authorized,
    State(state): State<AppState>,
    JsonFields(fields): JsonFields,
) -> Result<Response, ApiError> {
    let parent_id = parent_id_of(&fields)?;
    let use_mode = match (fields.has("image"), fields.has("mode")) {
        (false, true) => true,
        (true, true) => !state
            .store()
            .parent_info(&parent_id, state.now())?
            .kind
            .is_grid(),
        _ => false,
    };
    let request = if use_mode {
        let strong = fields.required_str_choice("mode", &["high", "low"], false)? == "high";
        ActionRequest::VariationMode { strong }
    } else {
        ActionRequest::Variation {
            image: fields.required_int_choice("image", &IMAGES)? as u8,
        }
    };
    derive(&state, &auth, &parent_id, request)
}

/// `POST /v1/midjourney/reroll` `{taskId}` \[assumed\].
pub(crate) async fn reroll_create(
    auth: Authorized,
    State(state): State<AppState>,
    JsonFields(fields): JsonFields,
) -> Result<Response, ApiError> {
    let parent_id = parent_id_of(&fields)?;
    derive(&state, &auth, &parent_id, ActionRequest::Reroll)
}

/// `POST /v1/midjourney/inpaint` `{taskId, mask, prompt?}`: the mask must be a black-and-white
/// PNG of the parent's exact pixel size, else the documented mask message.
pub(crate) async fn inpaint_create(
    auth: Authorized,
    State(state): State<AppState>,
    JsonFields(fields): JsonFields,
) -> Result<Response, ApiError> {
    let parent_id = parent_id_of(&fields)?;
    let mask_text = match fields.get("mask") {
        None => return Err(ApiError::Mask(MaskProblem::Empty)),
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(_) => return Err(ApiError::Mask(MaskProblem::NotBase64)),
    };
    let prompt = fields.optional_string("prompt")?.map(str::to_string);
    let parent = state.store().parent_info(&parent_id, state.now())?;
    if !done_actions(parent.kind).contains(&"inpaint") {
        return Err(crate::store::not_available(
            &parent_id,
            parent.kind,
            "inpaint",
        ));
    }
    let mask = decode_mask(&mask_text, parent.size).map_err(ApiError::Mask)?;
    let mask_digest = hash_bytes(&mask.weights);
    let request = ActionRequest::Inpaint {
        mask: mask.into(),
        mask_digest,
        prompt,
    };
    derive(&state, &auth, &parent_id, request)
}

/// `POST /v1/midjourney/outpaint` `{taskId, zoom: 50|75}` \[assumed\].
pub(crate) async fn outpaint_create(
    auth: Authorized,
    State(state): State<AppState>,
    JsonFields(fields): JsonFields,
) -> Result<Response, ApiError> {
    let parent_id = parent_id_of(&fields)?;
    let (field, values) = assumed_parameter("outpaint");
    let zoom = fields
        .required_str_choice(field, values, true)?
        .parse()
        .expect("zoom values are numbers");
    derive(&state, &auth, &parent_id, ActionRequest::Outpaint { zoom })
}

/// `POST /v1/midjourney/pan` `{taskId, direction: left|right|up|down}` \[assumed\].
pub(crate) async fn pan_create(
    auth: Authorized,
    State(state): State<AppState>,
    JsonFields(fields): JsonFields,
) -> Result<Response, ApiError> {
    let parent_id = parent_id_of(&fields)?;
    let (field, values) = assumed_parameter("pan");
    let direction = Direction::from_name(fields.required_str_choice(field, values, false)?)
        .expect("listed directions");
    derive(&state, &auth, &parent_id, ActionRequest::Pan { direction })
}

/// `POST /v1/midjourney/upscale` `{taskId, type: 2x|4x}` \[assumed\].
pub(crate) async fn upscale_create(
    auth: Authorized,
    State(state): State<AppState>,
    JsonFields(fields): JsonFields,
) -> Result<Response, ApiError> {
    let parent_id = parent_id_of(&fields)?;
    let (field, values) = assumed_parameter("upscale");
    let factor = fields
        .required_str_choice(field, values, false)?
        .trim_end_matches('x')
        .parse()
        .expect("2x or 4x");
    derive(&state, &auth, &parent_id, ActionRequest::Upscale { factor })
}

/// The parent task of an action.
fn parent_id_of(fields: &Fields) -> Result<String, ApiError> {
    fields.task_id(&["taskId"], "taskId")
}

fn derive(
    state: &AppState,
    auth: &Authorized,
    parent_id: &str,
    request: ActionRequest,
) -> Result<Response, ApiError> {
    let now = state.now();
    let (task, usage, derivation) =
        state
            .store()
            .derive(parent_id, &request, now, state.settings())?;
    let view = task.view(now, &auth.base_url, usage);
    let note = match derivation {
        Derivation::Created => created_note(&task),
        Derivation::DuplicateWhileRunning { of } => format!(
            "{}; duplicate of task {of}, still running: a new, charged task",
            created_note(&task)
        ),
        Derivation::Resubmitted => format!("resubmission: answered with finished task {}", task.id),
    };
    Ok(with_note(view, note))
}

fn created_note(task: &Task) -> String {
    format!("progress: {}", task.progress.name())
}

/// The task object, with a line for the journal.
fn with_note(view: TaskView, note: String) -> Response {
    let mut response = Json(view).into_response();
    response.extensions_mut().insert(Note(note));
    response
}
