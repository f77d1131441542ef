//! What the gallery looks for: the words of a prompt (stored with each record and indexed, so
//! a search reads only the matching records) and the filters a record must pass.
use crate::model::{Engine, Phase, TaskRecord};

/// The searchable words of a prompt, each once: lowercase runs of letters and digits, without
/// the Midjourney flags (`--ar 16:9`, `--no text`: a flag and the value after it) and URLs.
pub fn prompt_words(prompt: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in words_in_order(prompt) {
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// The words of a prompt as [`prompt_words`] finds them, in order, repeats kept.
pub fn words_in_order(prompt: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut skip_value = false;
    for token in prompt.split_whitespace() {
        if token.starts_with("--") {
            skip_value = true;
            continue;
        }
        if std::mem::take(&mut skip_value) || token.contains("://") {
            continue;
        }
        words.extend(
            token
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    words
}

/// The gallery's search and filters; the default shows every finished image.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GalleryQuery {
    /// Words the prompt must contain (each as a word prefix), as typed.
    pub text: String,
    /// `midjourney` or a media model id; `None`: any.
    pub model: Option<String>,
    /// The task type as the server names it (`imagine`, `upsample`…); `None`: any.
    pub kind: Option<String>,
    /// `None`: finished with an image (the gallery's own view).
    pub phase: Option<Phase>,
    /// Starred only.
    pub favourites: bool,
    /// Created at or after (epoch ms).
    pub from: Option<f64>,
    /// Created before (epoch ms).
    pub to: Option<f64>,
}

impl GalleryQuery {
    /// The searched words, lowercase.
    pub fn words(&self) -> Vec<String> {
        prompt_words(&self.text)
    }

    /// Whether `rec` is one of the results.
    pub fn matches(&self, rec: &TaskRecord) -> bool {
        let phase_ok = match self.phase {
            None => rec.phase == Phase::Done && rec.image.is_some(),
            Some(p) => rec.phase == p,
        };
        let model_ok = self.model.as_deref().is_none_or(|m| match &rec.engine {
            Engine::Midjourney => m == crate::model::MIDJOURNEY,
            Engine::Media(id) => id == m,
        });
        let kind_ok = self.kind.as_deref().is_none_or(|k| rec.kind == k);
        let words = self.words();
        let text_ok = words.is_empty() || {
            let have = prompt_words(&rec.prompt);
            words.iter().all(|w| have.iter().any(|h| h.starts_with(w)))
        };
        phase_ok
            && model_ok
            && kind_ok
            && text_ok
            && (!self.favourites || rec.favourite)
            && self.from.is_none_or(|f| rec.created_at >= f)
            && self.to.is_none_or(|t| rec.created_at < t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn words_leave_out_flags_urls_and_case() {
        assert_eq!(
            prompt_words("https://x.test/a.png A Red fox, in SNOW --ar 16:9 --no text --raw"),
            ["a", "red", "fox", "in", "snow"]
        );
        assert_eq!(prompt_words("Кот в сапогах, кот"), ["кот", "в", "сапогах"]);
    }

    #[test]
    fn filters_combine() {
        let rec = TaskRecord {
            id: "1".into(),
            kind: "upsample".into(),
            prompt: "a lighthouse at dusk --ar 3:2".into(),
            phase: Phase::Done,
            image: Some("https://x.test/1.png".into()),
            created_at: 1_000.0,
            ..Default::default()
        };
        let q = |f: fn(&mut GalleryQuery)| {
            let mut q = GalleryQuery::default();
            f(&mut q);
            q.matches(&rec)
        };
        assert!(q(|_| {}));
        assert!(q(|q| q.text = "LIGHT dus".into()));
        assert!(!q(|q| q.text = "house".into()));
        assert!(!q(|q| q.text = "3".into()), "flag values are not searched");
        assert!(q(|q| q.model = Some("midjourney".into())));
        assert!(!q(|q| q.model = Some("flux-dev".into())));
        assert!(!q(|q| q.kind = Some("imagine".into())));
        assert!(!q(|q| q.favourites = true));
        assert!(!q(|q| q.phase = Some(Phase::Failed)));
        assert!(q(|q| (q.from, q.to) = (Some(1_000.0), Some(1_001.0))));
        assert!(!q(|q| q.to = Some(1_000.0)));
    }
}
