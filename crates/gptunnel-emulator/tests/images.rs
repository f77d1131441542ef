//! The pictures: deterministic, with the right geometry per action, visibly related to their
//! parents, and an inpaint that changes only the mask's white area.

mod common;

use common::{base64, encode_png, id_of, Harness};
use gptunnel_emulator::{Progress, ProgressModel, Settings};
use serde_json::json;

struct Image {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Image {
    fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        let at = ((y * self.width + x) * 3) as usize;
        [self.rgb[at], self.rgb[at + 1], self.rgb[at + 2]]
    }

    fn crop(&self, left: u32, top: u32, width: u32, height: u32) -> Image {
        let rgb = (top..top + height)
            .flat_map(|y| (left..left + width).flat_map(move |x| self.pixel(x, y)))
            .collect();
        Image { width, height, rgb }
    }

    /// Quadrant `n` (1 top-left … 4 bottom-right) of a grid.
    fn quadrant(&self, n: u32) -> Image {
        let (w, h) = (self.width / 2, self.height / 2);
        self.crop((n - 1) % 2 * w, (n - 1) / 2 * h, w, h)
    }

    /// Half the size, averaging 2x2 blocks.
    fn halved(&self) -> Image {
        let (width, height) = (self.width / 2, self.height / 2);
        let mut rgb = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height {
            for x in 0..width {
                for c in 0..3 {
                    let sum: u32 = [(0, 0), (1, 0), (0, 1), (1, 1)]
                        .iter()
                        .map(|(dx, dy)| u32::from(self.pixel(2 * x + dx, 2 * y + dy)[c]))
                        .sum();
                    rgb.push((sum / 4) as u8);
                }
            }
        }
        Image { width, height, rgb }
    }

    /// Mean absolute difference per channel, 0..255.
    fn distance(&self, other: &Image) -> f64 {
        assert_eq!((self.width, self.height), (other.width, other.height));
        let total: u64 = self
            .rgb
            .iter()
            .zip(&other.rgb)
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        total as f64 / self.rgb.len() as f64
    }

    /// Share of pixels equal to their right neighbour (flat areas, blockiness).
    fn flatness(&self) -> f64 {
        let mut same = 0;
        for y in 0..self.height {
            for x in 0..self.width - 1 {
                same += usize::from(self.pixel(x, y) == self.pixel(x + 1, y));
            }
        }
        same as f64 / f64::from(self.height * (self.width - 1))
    }
}

async fn fetch(emulator: &Harness, task: &serde_json::Value) -> Image {
    let url = task["result"]
        .as_str()
        .unwrap_or_else(|| panic!("no result URL: {task}"));
    let (width, height, rgb) = emulator.image(url).await;
    Image { width, height, rgb }
}

async fn done(emulator: &Harness, task: serde_json::Value) -> serde_json::Value {
    emulator.finish();
    emulator.result(&id_of(&task)).await
}

fn small() -> Harness {
    Harness::new(Settings {
        image_size: 128,
        ..Settings::fast()
    })
}

#[tokio::test]
async fn a_grid_holds_four_visibly_different_candidates() {
    let emulator = small();
    let grid = fetch(
        &emulator,
        &done(&emulator, emulator.imagine("a red bicycle").await).await,
    )
    .await;
    assert_eq!((grid.width, grid.height), (128, 128));
    for a in 1..=4 {
        for b in (a + 1)..=4 {
            let distance = grid.quadrant(a).distance(&grid.quadrant(b));
            assert!(
                distance > 8.0,
                "candidates {a} and {b} look alike ({distance:.1})"
            );
        }
    }
}

#[tokio::test]
async fn the_same_prompt_draws_the_same_picture_and_another_prompt_another() {
    let emulator = small();
    let first = fetch(
        &emulator,
        &done(&emulator, emulator.imagine("a red bicycle").await).await,
    )
    .await;
    let second = fetch(
        &emulator,
        &done(&emulator, emulator.imagine("a red bicycle").await).await,
    )
    .await;
    let other = fetch(
        &emulator,
        &done(&emulator, emulator.imagine("a blue train").await).await,
    )
    .await;
    assert_eq!(first.rgb, second.rgb);
    assert!(first.distance(&other) > 8.0);
}

#[tokio::test]
async fn an_upsample_is_the_chosen_quadrant_at_full_size() {
    let emulator = small();
    let grid_task = done(&emulator, emulator.imagine("a red bicycle").await).await;
    let grid = fetch(&emulator, &grid_task).await;
    let up_task = emulator
        .act("upsample", json!({"taskId": grid_task["id"], "image": 3}))
        .await;
    let up = fetch(&emulator, &done(&emulator, up_task).await).await;
    assert_eq!((up.width, up.height), (128, 128));
    let chosen = up.halved().distance(&grid.quadrant(3));
    for other in [1, 2, 4] {
        assert!(
            chosen * 3.0 < up.halved().distance(&grid.quadrant(other)),
            "quadrant 3 {chosen:.1} vs {other}"
        );
    }
    assert!(chosen < 6.0, "{chosen}");
}

#[tokio::test]
async fn previews_look_unfinished_and_never_run_ahead_of_the_task() {
    // A ladder task is past its first step at 70 % of its time whatever its seed.
    let emulator = Harness::new(Settings {
        image_size: 128,
        progress: Progress::Only(ProgressModel::Ladder),
        ..Settings::fast()
    });
    let id = id_of(&emulator.imagine("a red bicycle").await);
    emulator.clock.advance(emulator.task_duration() * 70 / 100);
    let running = emulator.result(&id).await;
    let percent = running["percent"].as_u64().unwrap();
    assert!(percent > 0 && percent < 100, "{running}");
    let preview = fetch(&emulator, &running).await;
    let ahead = emulator
        .raw(
            axum::http::Method::GET,
            &format!("/task/image/{id}?cache=100"),
            axum::body::Body::empty(),
            None,
        )
        .await;
    let (_, _, ahead_rgb) = common::decode_png(&ahead.bytes);
    assert_eq!(
        ahead_rgb, preview.rgb,
        "cache=100 of an unfinished task shows the current preview"
    );
    let final_image = fetch(&emulator, &done(&emulator, running).await).await;
    assert!(preview.distance(&final_image) > 3.0);
    assert!(
        preview.flatness() > final_image.flatness() + 0.2,
        "{} vs {}",
        preview.flatness(),
        final_image.flatness()
    );
}

#[tokio::test]
async fn images_of_unknown_or_unstarted_tasks_are_404() {
    let emulator = small();
    let unknown = emulator
        .get("/task/image/65589df803761c00010775ae?cache=100")
        .await;
    assert_eq!(unknown.status, 404);
    unknown.error_message();
    let id = id_of(&emulator.imagine("cat").await);
    assert_eq!(
        emulator
            .get(&format!("/task/image/{id}?cache=0"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn pans_extend_the_canvas_and_keep_the_parent_pixels() {
    let emulator = small();
    let up_id = emulator.done_upsample("a lighthouse", 2).await;
    let parent = fetch(&emulator, &emulator.result(&up_id).await).await;
    for (direction, size, keep_left, keep_top) in [
        ("left", (192, 128), 64, 0),
        ("right", (192, 128), 0, 0),
        ("up", (128, 192), 0, 64),
        ("down", (128, 192), 0, 0),
    ] {
        let pan = done(
            &emulator,
            emulator
                .act("pan", json!({"taskId": up_id, "direction": direction}))
                .await,
        )
        .await;
        let grid = fetch(&emulator, &pan).await;
        assert_eq!((grid.width, grid.height), size, "{direction}");
        let chosen = done(
            &emulator,
            emulator
                .act("upsample", json!({"taskId": pan["id"], "image": 1}))
                .await,
        )
        .await;
        let image = fetch(&emulator, &chosen).await;
        assert_eq!((image.width, image.height), size, "{direction}");
        assert_eq!(
            image.crop(keep_left, keep_top, 128, 128).rgb,
            parent.rgb,
            "{direction}: the parent is kept as it was"
        );
    }
}

#[tokio::test]
async fn an_outpaint_shrinks_the_parent_into_the_middle() {
    let emulator = small();
    let up_id = emulator.done_upsample("a lighthouse", 1).await;
    let parent = fetch(&emulator, &emulator.result(&up_id).await).await;
    let zoomed = done(
        &emulator,
        emulator
            .act("outpaint", json!({"taskId": up_id, "zoom": 50}))
            .await,
    )
    .await;
    let chosen = done(
        &emulator,
        emulator
            .act("upsample", json!({"taskId": zoomed["id"], "image": 4}))
            .await,
    )
    .await;
    let image = fetch(&emulator, &chosen).await;
    assert_eq!((image.width, image.height), (128, 128));
    let middle = image.crop(32, 32, 64, 64);
    assert!(
        middle.distance(&parent.halved()) < 8.0,
        "{}",
        middle.distance(&parent.halved())
    );
    assert!(image.distance(&parent) > 8.0);
}

#[tokio::test]
async fn upscales_double_or_quadruple_the_pixel_size_of_the_same_picture() {
    let emulator = small();
    let up_id = emulator.done_upsample("a lighthouse", 1).await;
    let parent = fetch(&emulator, &emulator.result(&up_id).await).await;
    let twice = fetch(
        &emulator,
        &done(
            &emulator,
            emulator
                .act("upscale", json!({"taskId": up_id, "type": "2x"}))
                .await,
        )
        .await,
    )
    .await;
    assert_eq!((twice.width, twice.height), (256, 256));
    assert!(twice.halved().distance(&parent) < 6.0);
    let four = fetch(
        &emulator,
        &done(
            &emulator,
            emulator
                .act("upscale", json!({"taskId": up_id, "type": "4x"}))
                .await,
        )
        .await,
    )
    .await;
    assert_eq!((four.width, four.height), (512, 512));
}

#[tokio::test]
async fn variations_are_related_to_their_source_but_not_equal() {
    let emulator = small();
    let grid_task = done(&emulator, emulator.imagine("a lighthouse").await).await;
    let source = fetch(&emulator, &grid_task).await.quadrant(2);
    let variation = fetch(
        &emulator,
        &done(
            &emulator,
            emulator
                .act("variation", json!({"taskId": grid_task["id"], "image": 2}))
                .await,
        )
        .await,
    )
    .await;
    let unrelated = fetch(
        &emulator,
        &done(&emulator, emulator.imagine("a submarine").await).await,
    )
    .await;
    for n in 1..=4 {
        let candidate = variation.quadrant(n);
        assert!(
            candidate.distance(&source) > 0.5,
            "variation {n} equals its source"
        );
        assert!(
            candidate.distance(&source) < unrelated.quadrant(n).distance(&source),
            "variation {n} unrelated"
        );
    }
    let reroll = fetch(
        &emulator,
        &done(
            &emulator,
            emulator
                .act("reroll", json!({"taskId": grid_task["id"]}))
                .await,
        )
        .await,
    )
    .await;
    assert!(reroll.quadrant(2).distance(&source) > 3.0);
}

#[tokio::test]
async fn an_inpaint_changes_only_the_white_area_of_the_mask() {
    let emulator = small();
    let up_id = emulator.done_upsample("a lighthouse", 1).await;
    let parent = fetch(&emulator, &emulator.result(&up_id).await).await;
    // White (regenerate) in the right half, black (keep) in the left half.
    let mask: Vec<u8> = (0..128 * 128)
        .map(|i| if i % 128 >= 64 { 255 } else { 0 })
        .collect();
    let mask = base64(&encode_png(128, 128, png::ColorType::Grayscale, &mask));
    let inpaint = done(
        &emulator,
        emulator
            .act(
                "inpaint",
                json!({"taskId": up_id, "mask": mask, "prompt": "fireworks"}),
            )
            .await,
    )
    .await;
    let grid = fetch(&emulator, &inpaint).await;
    assert_eq!(
        (grid.width, grid.height),
        (128, 128),
        "an inpaint is a grid the parent's size"
    );
    let chosen = done(
        &emulator,
        emulator
            .act("upsample", json!({"taskId": inpaint["id"], "image": 1}))
            .await,
    )
    .await;
    let image = fetch(&emulator, &chosen).await;
    assert_eq!(
        image.crop(0, 0, 64, 128).rgb,
        parent.crop(0, 0, 64, 128).rgb,
        "black area kept pixel for pixel"
    );
    let (kept, changed) = (image.crop(64, 0, 64, 128), parent.crop(64, 0, 64, 128));
    let differing = (0..64 * 128)
        .filter(|i| kept.rgb[i * 3..i * 3 + 3] != changed.rgb[i * 3..i * 3 + 3])
        .count();
    assert!(
        differing > 64 * 128 * 3 / 4,
        "only {differing} pixels of the white area changed"
    );
}
