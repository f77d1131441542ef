//! Bad-input corpus of the Rust API (issue 8): one table of inputs a caller or a server may
//! throw at the client, each with the typed outcome it must get. Natively every row runs on its
//! own thread, under `catch_unwind` and a time limit, so a panic or a hang fails that row by
//! name instead of the whole run. The same table runs in headless Chromium too (`cargo test
//! --target wasm32-unknown-unknown`), where answers are parsed by the engine's `JSON.parse`
//! instead of serde_json; rows whose outcome differs there say so. The
//! emulator's side is crates/gptunnel-emulator/tests/bad_input.rs.
//!
//! Outcomes are written as labels: `ok`, an [`Error::kind`] with the field or status that
//! makes it precise (`invalid_input(prompt)`, `decode(502)`, `insufficient_balance(402)`,
//! `api(media 6)`), or a [`MaskError`] variant (`mask:TooLarge`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use base64::Engine as _;
use gptunnel::mask::{png_dimensions, Mask, MaskError};

#[path = "support/crc32.rs"]
mod crc32;
use crc32::crc32;
use gptunnel::{
    Action, Answer, Balance, Client, Config, Create, Error, HttpResponse, Imagine, Inpaint,
    MediaCreate, MediaTask, Outpaint, Task, Upsample, Variation, VariationMode,
};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// Counts the bytes each thread allocates, for the rows that must refuse without allocating.
struct CountingAllocator;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|n| n.set(n.get() + layout.size()));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// `Ok(())` or the label of the error.
type Got = Result<(), String>;

struct Row {
    input: &'static str,
    expect: &'static str,
    /// The outcome in the browser, when it differs (another JSON parser).
    expect_in_browser: Option<&'static str>,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    /// A bug this row once revealed that crashed the browser run (so the row runs there in its
    /// own test): what went wrong.
    browser_bug: Option<&'static str>,
    /// Longest the row may take (debug build, shared machine: generous, but far below a hang).
    limit: Duration,
    run: fn() -> Got,
}

const QUICK: Duration = Duration::from_secs(2);
const HUGE: Duration = Duration::from_secs(15);
/// A row still running after this is reported as hung (its thread is abandoned).
#[cfg(not(target_arch = "wasm32"))]
const HANG: Duration = Duration::from_secs(30);

fn row(input: &'static str, expect: &'static str, run: fn() -> Got) -> Row {
    Row {
        input,
        expect,
        expect_in_browser: None,
        browser_bug: None,
        limit: QUICK,
        run,
    }
}

impl Row {
    fn in_browser(self, expect: &'static str) -> Row {
        Row {
            expect_in_browser: Some(expect),
            ..self
        }
    }

    fn known_browser_bug(self, what: &'static str) -> Row {
        Row {
            browser_bug: Some(what),
            ..self
        }
    }

    fn expected(&self) -> &'static str {
        if cfg!(target_arch = "wasm32") {
            self.expect_in_browser.unwrap_or(self.expect)
        } else {
            self.expect
        }
    }
}

fn slow_row(input: &'static str, expect: &'static str, run: fn() -> Got) -> Row {
    Row {
        limit: HUGE,
        ..row(input, expect, run)
    }
}

fn label(error: &Error) -> String {
    match error {
        Error::InvalidInput { field, .. } => format!("invalid_input({field})"),
        Error::Media { code, .. } => format!("{}(media {code})", error.kind()),
        Error::Api { status, .. } => format!("{}({status})", error.kind()),
        // A refusal whose body could not be read: its status still gives the kind.
        Error::Decode { status, .. } if !(200..300).contains(status) => {
            format!("{}({status}, unreadable)", error.kind())
        }
        Error::Decode { status, .. } => format!("{}({status})", error.kind()),
        other => other.kind().to_string(),
    }
}

fn mask_label(error: &MaskError) -> String {
    let name = match error {
        MaskError::Empty => "Empty",
        MaskError::Base64 { .. } => "Base64",
        MaskError::NotPng { .. } => "NotPng",
        MaskError::Corrupt { .. } => "Corrupt",
        MaskError::WrongSize { .. } => "WrongSize",
        MaskError::NotBlackAndWhite { .. } => "NotBlackAndWhite",
        MaskError::TooLarge { .. } => "TooLarge",
        MaskError::ZeroSize { .. } => "ZeroSize",
    };
    format!("mask:{name}")
}

/// A client that is never connected: every row here is refused or decoded before any I/O.
fn client() -> Client {
    Client::new(Config::new("k").with_base_url("http://127.0.0.1:9")).unwrap()
}

/// The request a create would send, after the client's checks.
fn create<R: Create>(request: &R) -> Got {
    client()
        .create_request(request)
        .map(drop)
        .map_err(|e| label(&e))
}

/// An async call that must be decided before any I/O (no runtime is running: reaching the
/// network would panic, and the panic fails the row).
fn call<T>(future: impl Future<Output = Result<T, Error>>) -> Got {
    futures::executor::block_on(future)
        .map(drop)
        .map_err(|e| label(&e))
}

fn task_from(status: u16, body: &str) -> Result<Task, Error> {
    Task::from_response(&HttpResponse {
        status,
        retry_after: None,
        body: body.to_owned(),
    })
}

fn decode<T: Answer>(status: u16, body: &str) -> Got {
    decode_with::<T>(status, None, body)
}

fn decode_with<T: Answer>(status: u16, retry_after: Option<u64>, body: &str) -> Got {
    let response = HttpResponse {
        status,
        retry_after: retry_after.map(Duration::from_secs),
        body: body.to_owned(),
    };
    match T::from_response(&response) {
        Ok(_) => Ok(()),
        Err(error) => {
            // Whatever the answer, what is kept of it stays small enough to log.
            if let Error::Decode { body, .. } = &error {
                assert!(body.len() <= gptunnel::error::MAX_KEPT_BODY);
            }
            Err(label(&error))
        }
    }
}

fn mask(result: Result<impl Sized, MaskError>) -> Got {
    result.map(drop).map_err(|e| mask_label(&e))
}

/// The request an action name stands for, on task [`ID`].
fn action(name: &str) -> Got {
    Action::parse(name)
        .request(ID)
        .map(drop)
        .map_err(|e| label(&e))
}

fn new_client(config: Config) -> Got {
    Client::new(config).map(drop).map_err(|e| label(&e))
}

/// `f`'s outcome, or a failure label when it allocated more than `limit` bytes.
fn within_bytes(limit: usize, f: impl FnOnce() -> Got) -> Got {
    let before = ALLOCATED.with(Cell::get);
    let got = f();
    let used = ALLOCATED.with(Cell::get) - before;
    if used > limit {
        return Err(format!("allocated {used} bytes (limit {limit})"));
    }
    got
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const ID: &str = "65589df803761c00010775ae";
const TASK: &str = r#"{"id":"65589df803761c00010775ae","status":"idle","percent":0}"#;
const HTML: &str = include_str!("fixtures/bad_gateway.html");
const PROVIDER_MASK: &str = include_str!("fixtures/provider_mask.b64");

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn png(
    width: u32,
    height: u32,
    colour: png::ColorType,
    depth: png::BitDepth,
    data: &[u8],
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(depth);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(data).unwrap();
    writer.finish().unwrap();
    out
}

fn grey_png(side: u32) -> Vec<u8> {
    png(
        side,
        side,
        png::ColorType::Grayscale,
        png::BitDepth::Eight,
        &vec![0; (side * side) as usize],
    )
}

/// A 64×64 RGB PNG with one red pixel.
fn colour_png() -> Vec<u8> {
    let mut data = vec![255; 64 * 64 * 3];
    data[3 * (10 * 64 + 20)..][..3].copy_from_slice(&[255, 0, 0]);
    png(64, 64, png::ColorType::Rgb, png::BitDepth::Eight, &data)
}

/// Signature and IHDR (with its CRC) of a PNG declaring `width` × `height`, and nothing else.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut header = png(1, 1, png::ColorType::Grayscale, png::BitDepth::Eight, &[0]);
    header.truncate(33);
    header[16..20].copy_from_slice(&width.to_be_bytes());
    header[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&header[12..29]);
    header[29..33].copy_from_slice(&crc.to_be_bytes());
    header
}

#[rustfmt::skip]
const JPEG: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9];
const WEBP: &[u8] =
    b"RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00";

/// A task answer padded to about 50 MB by a long `result`.
fn huge_task() -> String {
    let url = "x".repeat(50 << 20);
    format!(r#"{{"id":"{ID}","status":"done","percent":100,"result":"{url}"}}"#)
}

/// The browser decoder (JSON.parse, then the conversion after it) recursed once per nesting
/// level with no limit, where serde_json stops at 128.
const DEEP_NESTING_BUG: &str =
    "RangeError: Maximum call stack size exceeded in the browser decoder";

/// 100 000 nested arrays as `field` of a task: deeper than any parser's recursion should go.
fn deep_nesting(field: &str) -> String {
    format!(
        r#"{{"id":"{ID}","{field}":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    )
}

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

#[rustfmt::skip] // one row per line: it reads as a table
fn corpus() -> Vec<Row> {
    vec![
        // Prompts.
        row("imagine: empty prompt", "invalid_input(prompt)", || create(&Imagine::new(""))),
        row("imagine: whitespace prompt", "invalid_input(prompt)", || create(&Imagine::new(" \t\n\u{3000} "))),
        row("imagine: 8 000-character prompt (the cap)", "ok", || create(&Imagine::new("я".repeat(8_000)))),
        row("imagine: 8 001-character prompt", "invalid_input(prompt)", || create(&Imagine::new("a".repeat(8_001)))),
        slow_row("imagine: 10 MB prompt", "invalid_input(prompt)", || create(&Imagine::new("a".repeat(10 << 20)))),
        row("imagine: emoji and Cyrillic prompt", "ok", || create(&Imagine::new("🐱‍👤 кот в космосе 🚀 --ar 16:9"))),
        row("imagine: control characters and quotes", "ok", || create(&Imagine::new("\0\u{1b}[31m \"quoted\" \\ back"))),
        row("media: prompt over 32 000 characters", "invalid_input(prompt)", || create(&MediaCreate::new("flux-dev", "a".repeat(32_001)))),
        // Images, ids, modes, directions, zooms.
        row("upsample: image 0", "invalid_input(image)", || create(&Upsample::new(ID, 0))),
        row("upsample: image 5", "invalid_input(image)", || create(&Upsample::new(ID, 5))),
        row("variation: image 255", "invalid_input(image)", || create(&Variation::image(ID, 255))),
        row("variation: both image and mode", "invalid_input(image)", || create(&Variation { mode: Some(VariationMode::High), ..Variation::image(ID, 1) })),
        row("variation: neither image nor mode", "invalid_input(image)", || create(&Variation { image: None, ..Variation::image(ID, 1) })),
        row("upsample: task id too short", "invalid_input(taskId)", || create(&Upsample::new("65589df8", 1))),
        row("upsample: task id in upper case", "invalid_input(taskId)", || create(&Upsample::new(ID.to_uppercase(), 1))),
        row("upsample: task id of 25 characters", "invalid_input(taskId)", || create(&Upsample::new(format!("{ID}0"), 1))),
        row("upsample: 24 bytes of multibyte characters", "invalid_input(taskId)", || create(&Upsample::new("é".repeat(12), 1))),
        row("result: task id with a path and query", "invalid_input(taskId)", || call(client().result("../balance?x=65589df80376"))),
        row("wait: empty task id", "invalid_input(taskId)", || call(client().wait("", &Default::default(), |_| {}))),
        row("media result: unknown-format id", "invalid_input(taskId)", || call(client().media_result("zz"))),
        row("outpaint: zoom 60", "invalid_input(zoom)", || create(&Outpaint::new(ID, 60))),
        row("action: unknown name zoom_out_3x", "invalid_input(action)", || action("zoom_out_3x")),
        row("action: pan_sideways (unknown direction)", "invalid_input(action)", || action("pan_sideways")),
        row("action: upscale_8x (unknown factor)", "invalid_input(action)", || action("upscale_8x")),
        row("action: upsamle_9 (no such quadrant)", "invalid_input(action)", || action("upsamle_9")),
        row("raw: path leaving the API", "invalid_input(path)", || call(client().raw("../balance", &()))),
        // Models and aspect ratios.
        row("media: empty model", "invalid_input(model)", || create(&MediaCreate::new(" ", "a cat"))),
        row("media: unknown model (open list)", "ok", || create(&MediaCreate::new("future-model-9", "a cat"))),
        row("media: 2:1 for google-imagen-3", "invalid_input(aspectRatio)", || create(&MediaCreate::new("google-imagen-3", "a cat").aspect_ratio("2:1"))),
        row("media: 21:9 for gpt-image-1-high", "invalid_input(aspectRatio)", || create(&MediaCreate::new("gpt-image-1-high", "a cat").aspect_ratio("21:9"))),
        row("media: 0:1 for an unknown model", "invalid_input(aspectRatio)", || create(&MediaCreate::new("future-model-9", "a cat").aspect_ratio("0:1"))),
        row("media: 16/9 instead of 16:9", "invalid_input(aspectRatio)", || create(&MediaCreate::new("future-model-9", "a cat").aspect_ratio("16/9"))),
        row("media: empty reference image URL", "invalid_input(images)", || create(&MediaCreate::new("flux-dev", "a cat").images([""]))),
        row("media: data: URL as a reference image", "invalid_input(images)", || create(&MediaCreate::new("gpt-image-1-low", "a cat").images(["https://a.test/1.png", "data:image/png;base64,AAAA"]))),
        row("media: javascript: URL as a reference image", "invalid_input(images)", || create(&MediaCreate::new("gpt-image-1-low", "a cat").images(["javascript:alert(1)"]))),
        row("media: http(s) reference images", "ok", || create(&MediaCreate::new("gpt-image-1-low", "a cat").images(["https://a.test/1.png?x=1&y=2", "http://127.0.0.1/2.jpg"]))),
        // Configuration.
        row("client: empty key", "invalid_input(apiKey)", || new_client(Config::new(""))),
        row("client: key with a line break (header injection)", "invalid_input(apiKey)", || new_client(Config::new("sk\r\nX-Injected: 1"))),
        row("client: ftp base URL", "invalid_input(baseUrl)", || new_client(Config::new("k").with_base_url("ftp://gptunnel.ru"))),
        // Inpaint masks as sent.
        row("inpaint: empty mask", "invalid_input(mask)", || create(&Inpaint::new(ID, ""))),
        row("inpaint: broken base64", "invalid_input(mask)", || create(&Inpaint::new(ID, "iVBORw0KGgo$$$"))),
        row("inpaint: data: URL (the client sends bare base64)", "invalid_input(mask)", || create(&Inpaint::new(ID, format!("data:image/png;base64,{PROVIDER_MASK}")))),
        row("inpaint: the provider's mask", "ok", || create(&Inpaint::new(ID, PROVIDER_MASK.trim()))),
        // Mask import.
        row("mask: the provider's 4-bit palette mask", "ok", || mask(Mask::from_base64_png(PROVIDER_MASK, 512, 512))),
        row("mask: data: URL with a line break", "ok", || mask(Mask::from_base64_png(&format!("data:image/png;base64,{}\n", b64(&grey_png(64))), 64, 64))),
        row("mask: 64×64 for a 512×512 image", "mask:WrongSize", || mask(Mask::from_png(&grey_png(64), 512, 512))),
        row("mask: a red pixel", "mask:NotBlackAndWhite", || mask(Mask::from_png(&colour_png(), 64, 64))),
        row("mask: JPEG", "mask:NotPng", || mask(Mask::from_png(JPEG, 64, 64))),
        row("mask: WebP", "mask:NotPng", || mask(Mask::from_png(WEBP, 64, 64))),
        row("mask: truncated PNG", "mask:Corrupt", || { let full = grey_png(64); mask(Mask::from_png(&full[..full.len() - 20], 64, 64)) }),
        row("mask: broken base64", "mask:Base64", || mask(Mask::from_base64_png("iVBORw0KGgo$$$", 64, 64))),
        row("mask: empty bytes", "mask:Empty", || mask(Mask::from_png(&[], 64, 64))),
        row("mask: 1×1 PNG for a 512×512 image", "mask:WrongSize", || mask(Mask::from_png(&grey_png(1), 512, 512))),
        row("mask: 1×1 PNG for a 1×1 image", "ok", || mask(Mask::from_png(&grey_png(1), 1, 1))),
        row("mask: 16-bit grey PNG", "ok", || mask(Mask::from_png(&png(8, 8, png::ColorType::Grayscale, png::BitDepth::Sixteen, &[0xff; 128]), 8, 8))),
        row("mask: 20000×20000 header, refused within 1 KiB", "mask:TooLarge", || { let header = png_header(20_000, 20_000); within_bytes(1024, || mask(Mask::from_png(&header, 512, 512))) }),
        row("mask: 20000×20000 header as base64 with 12 MB behind it, within 1 KiB", "mask:TooLarge", || {
            let mut big = png_header(20_000, 20_000);
            big.resize(12_000_000, 0);
            let text = b64(&big);
            within_bytes(1024, || mask(Mask::from_base64_png(&text, 512, 512)))
        }),
        row("png_dimensions: 20000×20000 header read without allocating", "ok", || {
            let header = png_header(20_000, 20_000);
            within_bytes(0, || mask(png_dimensions(&header).map(|size| assert_eq!(size, (20_000, 20_000)))))
        }),
        row("mask: 8192×8192 header with no pixel data", "mask:Corrupt", || mask(Mask::from_png(&png_header(8192, 8192), 8192, 8192))),
        row("mask: header declaring 0×5", "mask:ZeroSize", || mask(png_dimensions(&png_header(0, 5)))),
        row("mask: new 9000×10", "mask:TooLarge", || mask(Mask::new(9_000, 10))),
        // Server answers.
        row("task: HTML page with 200", "decode(200)", || decode::<Task>(200, HTML)),
        row("task: HTML page with 502", "api(502, unreadable)", || decode::<Task>(502, HTML)),
        row("task: empty 200", "decode(200)", || decode::<Task>(200, "")),
        row("task: whitespace 200", "decode(200)", || decode::<Task>(200, " \r\n ")),
        row("task: truncated JSON", "decode(200)", || decode::<Task>(200, &TASK[..TASK.len() / 2])),
        row("task: null", "decode(200)", || decode::<Task>(200, "null")),
        row("task: JSON array of tasks", "decode(200)", || decode::<Task>(200, &format!("[{TASK}]"))),
        row("task: a bare string", "decode(200)", || decode::<Task>(200, "\"done\"")),
        row("task: empty object (no id)", "decode(200)", || decode::<Task>(200, "{}")),
        row("task: byte-order mark before the JSON", "decode(200)", || decode::<Task>(200, &format!("\u{feff}{TASK}"))),
        row("task: wrong types in every lenient field", "ok", || decode::<Task>(200, &format!(r#"{{"id":"{ID}","status":7,"percent":"abc","actions":null,"usage":[1],"result":5,"error":{{"message":"x"}},"parentId":false}}"#))),
        row("task: percent 250, -5, \"NaN\", 62.6 are clamped and rounded", "ok", || {
            for (percent, expected) in [("250", 100), ("-5", 0), ("\"NaN\"", 0), ("62.6", 63)] {
                let task = task_from(200, &format!(r#"{{"id":"{ID}","percent":{percent}}}"#)).map_err(|e| label(&e))?;
                assert_eq!(task.percent, expected, "{percent}");
            }
            Ok(())
        }),
        // JSON.parse reads it as Infinity, which the lenient percent turns into 0.
        row("task: percent 1e999 (beyond f64)", "decode(200)", || decode::<Task>(200, &format!(r#"{{"id":"{ID}","percent":1e999}}"#))).in_browser("ok"),
        row("task: actions as a string instead of a list", "decode(200)", || decode::<Task>(200, &format!(r#"{{"id":"{ID}","actions":"upsample_1"}}"#))),
        // Any answer nested deeper than 128 is refused before parsing, on both targets (stack
        // safety in the browser), even when the deep part is a field nobody reads.
        row("task: 100 000 nested arrays in an unknown field", "decode(200)", || decode::<Task>(200, &deep_nesting("x"))),
        row("task: 100 000 nested arrays as the error text", "decode(200)", || decode::<Task>(200, &deep_nesting("error"))).known_browser_bug(DEEP_NESTING_BUG),
        slow_row("task: 50 MB answer", "ok", || decode::<Task>(200, &huge_task())),
        slow_row("task: 50 MB of HTML, kept to 4 KiB", "decode(200)", || decode::<Task>(200, &HTML.repeat((50 << 20) / HTML.len()))),
        row("task: provider's 401 with a trailing comma", "unauthorized(401, unreadable)", || decode::<Task>(401, include_str!("fixtures/error_401_trailing_comma.json"))),
        row("task: provider's 402 with a trailing comma", "insufficient_balance(402, unreadable)", || decode::<Task>(402, include_str!("fixtures/error_402_trailing_comma.json"))),
        row("task: 401 envelope", "unauthorized(401)", || decode::<Task>(401, include_str!("fixtures/error_401_unauthorized.json"))),
        row("task: 400 envelope inside a 200", "invalid_request(200)", || decode::<Task>(200, include_str!("fixtures/error_400_prompt_required.json"))),
        row("task: envelope of an unknown type inside a 200", "api(200)", || decode::<Task>(200, r#"{"error":{"message":"later","type":"queue_error"}}"#)),
        row("task: 429 HTML page with Retry-After", "rate_limited(429, unreadable)", || decode_with::<Task>(429, Some(2), HTML)),
        row("task: 500 with error as a string", "api(500, unreadable)", || decode::<Task>(500, r#"{"error":"boom"}"#)),
        row("task: 400 envelope nested 100 000 deep", "invalid_request(400, unreadable)", || decode::<Task>(400, &deep_nesting("error"))),
        row("task: status 0 with a task body", "api(0, unreadable)", || decode::<Task>(0, TASK)),
        row("media: code 5 (insufficient balance)", "insufficient_balance(media 5)", || decode::<MediaTask>(200, r#"{"code":5,"message":"low"}"#)),
        row("media: code as a string \"3\"", "invalid_request(media 3)", || decode::<MediaTask>(200, r#"{"code":"3"}"#)),
        row("media: code 1e300 (no whole number: no code)", "decode(200)", || decode::<MediaTask>(200, r#"{"code":1e300}"#)),
        row("media: code 6.5 (no whole number: no code)", "decode(200)", || decode::<MediaTask>(200, r#"{"code":6.5}"#)),
        row("media: HTML page", "decode(200)", || decode::<MediaTask>(200, HTML)),
        row("media: code 0 without an id", "decode(200)", || decode::<MediaTask>(200, r#"{"code":0}"#)),
        row("media: null", "decode(200)", || decode::<MediaTask>(200, "null")),
        row("media: truncated JSON", "decode(200)", || decode::<MediaTask>(200, r#"{"code":0,"id":"6880f043e6"#)),
        row("balance: numeric string", "ok", || decode::<Balance>(200, r#"{"object":"balance","balance":"-51.54"}"#)),
        row("balance: JSON array", "decode(200)", || decode::<Balance>(200, "[]")),
        row("balance: empty", "decode(200)", || decode::<Balance>(200, "")),
        row("balance: provider's 402 with a trailing comma", "insufficient_balance(402, unreadable)", || decode::<Balance>(402, include_str!("fixtures/error_402_trailing_comma.json"))),
        row("balance: 401 envelope", "unauthorized(401)", || decode::<Balance>(401, include_str!("fixtures/error_401_unauthorized.json"))),
        row("balance: 402 envelope inside a 200", "insufficient_balance(200)", || decode::<Balance>(200, include_str!("fixtures/error_402_insufficient_balance.json"))),
        row("media: 401 envelope inside a 200", "unauthorized(200)", || decode::<MediaTask>(200, include_str!("fixtures/error_401_unauthorized.json"))),
    ]
}

/// Checks one outcome against its row; `Some(failure)` when it does not match.
fn judge(row: &Row, got: &str, took: Duration) -> Option<String> {
    if got != row.expected() {
        Some(format!(
            "{}: expected {}, got {got}",
            row.input,
            row.expected()
        ))
    } else if took > row.limit {
        Some(format!(
            "{}: took {took:?} (limit {:?})",
            row.input, row.limit
        ))
    } else {
        None
    }
}

fn report(rows: &[Row], table: &[String], failures: &[String], print: impl Fn(&str)) {
    print(&format!(
        "| input | expected | got | ms |\n|---|---|---|---|\n{}",
        table.join("\n")
    ));
    print(&format!(
        "Rust API bad-input corpus: {} rows, {} failed",
        rows.len(),
        failures.len()
    ));
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(rows.len() >= 40);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_bad_input_gets_its_typed_outcome_without_panic_or_hang() {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::mpsc;
    use std::time::Instant;

    let rows = corpus();
    let (mut failures, mut table) = (Vec::new(), Vec::new());
    for row in &rows {
        let (send, receive) = mpsc::channel();
        let run = row.run;
        std::thread::spawn(move || {
            let started = Instant::now();
            let got = catch_unwind(AssertUnwindSafe(run));
            let _ = send.send((got, started.elapsed()));
        });
        let (got, took) = match receive.recv_timeout(HANG) {
            Ok((Ok(got), took)) => (got.err().unwrap_or_else(|| "ok".to_owned()), took),
            Ok((Err(_), took)) => ("PANIC".to_owned(), took),
            Err(_) => ("HUNG".to_owned(), HANG),
        };
        failures.extend(judge(row, &got, took));
        table.push(format!(
            "| {} | {} | {got} | {} |",
            row.input,
            row.expected(),
            took.as_millis()
        ));
    }
    report(&rows, &table, &failures, |text| println!("{text}"));
}

/// The same table in the browser: one thread, so a panic or a trap fails the whole test
/// (wasm-bindgen-test names it) and WASM_BINDGEN_TEST_TIMEOUT bounds a hang.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen_test::wasm_bindgen_test]
fn every_bad_input_gets_its_typed_outcome_in_the_browser() {
    let rows: Vec<Row> = corpus()
        .into_iter()
        .filter(|row| row.browser_bug.is_none())
        .collect();
    let (mut failures, mut table) = (Vec::new(), Vec::new());
    for row in &rows {
        let started = js_sys::Date::now();
        let got = (row.run)().err().unwrap_or_else(|| "ok".to_owned());
        let took = Duration::from_secs_f64((js_sys::Date::now() - started).max(0.0) / 1000.0);
        failures.extend(judge(row, &got, took));
        table.push(format!(
            "| {} | {} | {got} | {} |",
            row.input,
            row.expected(),
            took.as_millis()
        ));
    }
    report(&rows, &table, &failures, |text| {
        wasm_bindgen_test::console_log!("{text}")
    });
}

/// Regression rows for a bug found here (deep nesting overflowed the browser's decoder and
/// poisoned the wasm instance; src/json.rs now limits nesting as serde_json does natively).
/// They run apart so that a regression cannot take the main table down with it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen_test::wasm_bindgen_test]
fn known_browser_bugs_get_their_typed_outcome() {
    for row in corpus().into_iter().filter(|row| row.browser_bug.is_some()) {
        wasm_bindgen_test::console_log!("row: {} ({})", row.input, row.browser_bug.unwrap());
        let got = (row.run)().err().unwrap_or_else(|| "ok".to_owned());
        assert_eq!(got, row.expected(), "{}", row.input);
    }
}
