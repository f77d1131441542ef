//! Saving an image under a meaningful name: fetch it (the studio's CSP allows any http(s)
//! host), make an object URL of the bytes and click a `<a download=NAME>`; when the image's
//! server refuses the fetch (no CORS headers, network), open it in a new tab instead.
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::model::TaskRecord;
use crate::search::words_in_order;

/// The longest slug, in characters: enough for the first few words of a prompt.
const MAX_SLUG: usize = 40;

/// A file-name slug of a prompt: its words (no flags, no URLs), lowercase, Cyrillic
/// transliterated, other characters dropped, joined by `-`, at most 40 characters cut at a
/// word. Empty prompt: `image`.
pub fn slug(prompt: &str) -> String {
    let mut out = String::new();
    for word in words_in_order(prompt) {
        let ascii: String = word.chars().flat_map(translit).collect();
        if ascii.is_empty() {
            continue;
        }
        let extra = usize::from(!out.is_empty()) + ascii.len();
        if out.len() + extra > MAX_SLUG {
            if out.is_empty() {
                out = ascii.chars().take(MAX_SLUG).collect();
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&ascii);
    }
    if out.is_empty() {
        "image".into()
    } else {
        out
    }
}

/// One lowercase character as ASCII: letters and digits kept, Russian letters transliterated
/// (the common passport scheme), anything else dropped.
fn translit(c: char) -> Vec<char> {
    if c.is_ascii_alphanumeric() {
        return vec![c];
    }
    let s = match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "iu",
        'я' => "ia",
        _ => "",
    };
    s.chars().collect()
}

/// The file extension for an image's `Content-Type` (`png` when it says nothing usable).
pub fn extension(content_type: &str) -> &'static str {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    match essence.to_ascii_lowercase().as_str() {
        "image/jpeg" | "image/jpg" => "jpg",
        "image/webp" => "webp",
        "image/gif" => "gif",
        "image/avif" => "avif",
        "image/svg+xml" => "svg",
        _ => "png",
    }
}

/// `<prompt-slug>-<task id>[-<quadrant>].<ext>`: the quadrant is the picked image of an
/// upscale (`upsample_3` → `-3`). Task ids are hex, but anything else is dropped anyway.
pub fn file_name(rec: &TaskRecord, content_type: &str) -> String {
    let id: String = rec
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let quadrant = quadrant(&rec.label)
        .map(|q| format!("-{q}"))
        .unwrap_or_default();
    format!(
        "{}-{id}{quadrant}.{}",
        slug(&rec.prompt),
        extension(content_type)
    )
}

/// The quadrant an upscale picked, from its action's wire name (`upsample_2`, `upsamle_2`).
fn quadrant(label: &str) -> Option<u8> {
    let n = label
        .strip_prefix("upsample_")
        .or_else(|| label.strip_prefix("upsamle_"))?;
    n.parse().ok().filter(|q| (1..=4).contains(q))
}

/// How a download went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Saved as a file.
    File,
    /// The fetch was refused: the image was opened in a new tab.
    Tab,
}

/// Downloads `url` as a file named from `rec`; opens it in a new tab when the fetch is
/// refused (or answers with an error status).
pub async fn save_image(rec: &TaskRecord, url: &str) -> Saved {
    match fetch_blob(url).await {
        Some((blob, content_type)) => {
            click_download(&blob, &file_name(rec, &content_type));
            Saved::File
        }
        None => {
            if let Some(w) = web_sys::window() {
                let _ = w.open_with_url_and_target_and_features(url, "_blank", "noopener");
            }
            Saved::Tab
        }
    }
}

/// The image's bytes and Content-Type, or `None` when the browser or server refuses.
async fn fetch_blob(url: &str) -> Option<(web_sys::Blob, String)> {
    let window = web_sys::window()?;
    let answer = JsFuture::from(window.fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = answer.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    let blob = JsFuture::from(response.blob().ok()?).await.ok()?;
    Some((blob.dyn_into().ok()?, content_type))
}

/// Saves `blob` as `name` through a temporary object URL. The URL is revoked a minute later,
/// not at once: a browser may still be reading it when `click()` returns (FileSaver.js waits 40 s
/// for the same reason), and a revoked URL makes the download fail silently.
pub fn click_download(blob: &web_sys::Blob, name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Some(anchor) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
    {
        let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn slugs_from_real_prompts() {
        assert_eq!(
            slug("A cat in a spacesuit, floating --ar 16:9 --v 6.1"),
            "a-cat-in-a-spacesuit-floating"
        );
        assert_eq!(slug("Кот в сапогах"), "kot-v-sapogakh");
        assert_eq!(slug("https://s.mj.run/abc portrait --iw 2"), "portrait");
        assert_eq!(slug("   --ar 1:1"), "image");
        assert_eq!(slug("日本の猫"), "image");
        assert_eq!(
            slug("an extremely detailed matte painting of a forgotten city under the sea"),
            "an-extremely-detailed-matte-painting-of"
        );
        assert_eq!(slug(&"x".repeat(60)), "x".repeat(40));
    }

    #[test]
    fn names_carry_id_quadrant_and_type() {
        let rec = TaskRecord {
            id: "65f0c0ffee0123456789abcd".into(),
            prompt: "red fox --ar 3:2".into(),
            label: "upsample_3".into(),
            ..Default::default()
        };
        assert_eq!(
            file_name(&rec, "image/jpeg"),
            "red-fox-65f0c0ffee0123456789abcd-3.jpg"
        );
        let grid = TaskRecord {
            label: String::new(),
            ..rec
        };
        assert_eq!(
            file_name(&grid, "image/png; charset=binary"),
            "red-fox-65f0c0ffee0123456789abcd.png"
        );
        assert_eq!(extension("IMAGE/WEBP"), "webp");
        assert_eq!(extension(""), "png");
    }
}
