//! Inpaint masks over HTTP: the provider's example mask is accepted, everything that is not a
//! black-and-white PNG of the parent's size is refused with the documented message, and the
//! journal says why.

mod common;

use common::{base64, encode_png, id_of, Harness, DOC_MASK_MESSAGE, SEED_MASK_B64};
use gptunnel_emulator::Settings;
use serde_json::json;

async fn upsample_512() -> (Harness, String) {
    let emulator = Harness::new(Settings {
        image_size: 512,
        ..Settings::fast()
    });
    let up = emulator.done_upsample("a cat", 1).await;
    (emulator, up)
}

async fn refused(emulator: &Harness, up: &str, mask: &str, note_contains: &str) {
    let balance = emulator.balance().await;
    let reply = emulator
        .post(
            "/v1/midjourney/inpaint",
            json!({"taskId": up, "mask": mask}),
        )
        .await;
    assert_eq!(reply.status, 400, "{note_contains}");
    assert_eq!(reply.error_message(), DOC_MASK_MESSAGE);
    assert_eq!(
        emulator.balance().await,
        balance,
        "a refused mask charges nothing"
    );
    let journal = emulator.state.journal();
    let entry = journal
        .iter()
        .rev()
        .find(|entry| entry.path == "/v1/midjourney/inpaint")
        .unwrap();
    let note = entry.note.clone().unwrap_or_default();
    assert!(
        note.contains(note_contains),
        "note {note:?} should contain {note_contains:?}"
    );
}

#[tokio::test]
async fn the_providers_example_mask_is_accepted_with_or_without_a_data_url_prefix() {
    let (emulator, up) = upsample_512().await;
    let mask = SEED_MASK_B64.trim();
    let plain = emulator
        .act("inpaint", json!({"taskId": up, "mask": mask}))
        .await;
    assert_eq!(plain["type"], "inpaint");
    let prefixed = emulator
        .act("inpaint", json!({"taskId": up, "mask": format!("data:image/png;base64,{mask}"), "prompt": "a dog"}))
        .await;
    assert_ne!(
        prefixed["id"], plain["id"],
        "another prompt is another request"
    );
}

#[tokio::test]
async fn the_same_mask_again_after_it_finished_is_a_resubmission() {
    let (emulator, up) = upsample_512().await;
    let first = emulator
        .act(
            "inpaint",
            json!({"taskId": up, "mask": SEED_MASK_B64.trim()}),
        )
        .await;
    emulator.finish();
    let again = emulator
        .act(
            "inpaint",
            json!({"taskId": up, "mask": SEED_MASK_B64.trim()}),
        )
        .await;
    assert_eq!(again["id"], first["id"]);
    assert_eq!(again["usage"]["total_cost"], 0);
}

#[tokio::test]
async fn a_mask_of_another_size_is_refused() {
    let (emulator, up) = upsample_512().await;
    let grey: Vec<u8> = (0..256 * 256)
        .map(|i| if i % 256 < 128 { 0 } else { 255 })
        .collect();
    let mask = base64(&encode_png(256, 256, png::ColorType::Grayscale, &grey));
    refused(&emulator, &up, &mask, "256x256").await;
}

#[tokio::test]
async fn a_colour_image_is_refused() {
    let (emulator, up) = upsample_512().await;
    let rgb: Vec<u8> = (0..512 * 512)
        .flat_map(|i| {
            if i % 2 == 0 {
                [255, 0, 0]
            } else {
                [255, 255, 255]
            }
        })
        .collect();
    let mask = base64(&encode_png(512, 512, png::ColorType::Rgb, &rgb));
    refused(&emulator, &up, &mask, "colour").await;
}

#[tokio::test]
async fn jpeg_bytes_are_refused() {
    let (emulator, up) = upsample_512().await;
    let jpeg = [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00,
    ];
    refused(&emulator, &up, &base64(&jpeg), "not a PNG").await;
}

#[tokio::test]
async fn broken_base64_is_refused() {
    let (emulator, up) = upsample_512().await;
    refused(&emulator, &up, "iVBORw0KGgo!!!not-base64", "base64").await;
}

#[tokio::test]
async fn an_empty_mask_is_refused() {
    let (emulator, up) = upsample_512().await;
    refused(&emulator, &up, "", "empty").await;
}

#[tokio::test]
async fn a_truncated_png_is_refused() {
    let (emulator, up) = upsample_512().await;
    let whole = common::base64(&base64_decode(SEED_MASK_B64.trim())[..200]);
    refused(&emulator, &up, &whole, "could not be decoded").await;
}

#[tokio::test]
async fn a_mask_that_is_not_a_string_is_refused_with_the_mask_message() {
    let (emulator, up) = upsample_512().await;
    let reply = emulator
        .post("/v1/midjourney/inpaint", json!({"taskId": up, "mask": 12}))
        .await;
    assert_eq!(reply.error_message(), DOC_MASK_MESSAGE);
}

#[tokio::test]
async fn a_transparent_png_with_white_strokes_is_a_mask() {
    let (emulator, up) = upsample_512().await;
    let rgba: Vec<u8> = (0..512 * 512)
        .flat_map(|i| {
            if (i / 512) < 100 {
                [255, 255, 255, 255]
            } else {
                [0, 0, 0, 0]
            }
        })
        .collect();
    let mask = base64(&encode_png(512, 512, png::ColorType::Rgba, &rgba));
    let task = emulator
        .act("inpaint", json!({"taskId": up, "mask": mask}))
        .await;
    assert_eq!(id_of(&task).len(), 24);
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}
