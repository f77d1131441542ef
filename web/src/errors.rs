//! How the studio words an error: one sentence per [`ErrorKind`], in the current language, with
//! the server's own text clipped to a readable length. A create whose outcome is unknown (the
//! task may exist and may have been charged) says so first.
use gptunnel::{Error, ErrorKind};

use crate::i18n::Strings;
use crate::model::clip_text;

/// The most of a server's text that an error shows.
pub const MAX_DETAIL_CHARS: usize = 500;

/// A readable sentence for an error (the key is never part of one; the server's text is
/// clipped to [`MAX_DETAIL_CHARS`]). A create whose outcome is unknown starts by saying that
/// the task may exist and may have been charged.
pub fn describe_error(error: &Error, s: &Strings) -> String {
    let detail = match error {
        Error::Api { message, .. } | Error::Media { message, .. } => message.clone(),
        Error::InvalidInput { field, reason } => format!("{field}: {reason}"),
        Error::TaskFailed { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    let detail = clip_text(&detail, MAX_DETAIL_CHARS);
    let text = match error.kind() {
        ErrorKind::Unauthorized => s.err_unauthorized.to_string(),
        ErrorKind::InsufficientBalance => s.err_balance.to_string(),
        ErrorKind::InvalidRequest | ErrorKind::InvalidInput => {
            format!("{} {detail}", s.err_invalid)
        }
        ErrorKind::RateLimited => s.err_rate_limited.to_string(),
        ErrorKind::Network => s.err_network.to_string(),
        ErrorKind::Failed => format!("{} {detail}", s.err_failed),
        ErrorKind::Timeout => s.err_timeout.to_string(),
        _ => format!(
            "{} {}",
            s.err_other,
            clip_text(&error.to_string(), MAX_DETAIL_CHARS)
        ),
    };
    if error.outcome_unknown() {
        format!("{} {text}", s.err_outcome_unknown)
    } else {
        text
    }
}

/// The sentence for a request the browser refused (CORS: the server answers a `no-cors`
/// probe but this page may not read it): what happened and the relay options. A create keeps
/// its "may exist" warning, as the browser may have sent it before refusing the answer.
pub fn describe_refused(error: &Error, s: &Strings) -> String {
    if error.outcome_unknown() {
        format!("{} {}", s.err_outcome_unknown, s.err_cors)
    } else {
        s.err_cors.to_string()
    }
}

#[cfg(test)]
mod tests {
    use gptunnel::{Answer, HttpResponse, Task};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::i18n::Lang;

    fn refusal(status: u16, body: &str) -> Error {
        Task::from_response(&HttpResponse {
            status,
            retry_after: None,
            body: body.to_owned(),
        })
        .unwrap_err()
    }

    #[test]
    fn a_create_lost_in_transit_says_the_task_may_exist_in_both_languages() {
        let lost = Error::Network {
            message: "connection reset".into(),
            create: true,
        };
        let en = describe_error(&lost, Lang::En.strings());
        assert!(
            en.starts_with("This task may exist and may have been charged. Can't reach the API."),
            "{en}"
        );
        let ru = describe_error(&lost, Lang::Ru.strings());
        assert!(ru.starts_with("Эта задача, возможно, создана"), "{ru}");
    }

    #[test]
    fn a_refusal_or_a_read_does_not_say_the_task_may_exist() {
        let poll = Error::Network {
            message: "connection reset".into(),
            create: false,
        };
        let refused = refusal(
            402,
            r#"{"error":{"message":"Organization balance is too low to use API","type":"insufficient_balance_error"}}"#,
        );
        for error in [poll, refused] {
            let text = describe_error(&error, Lang::En.strings());
            assert!(!text.contains("may exist"), "{text}");
        }
    }

    #[test]
    fn a_refused_request_names_cors_the_relays_and_the_deploy_section() {
        let read = Error::Network {
            message: "Failed to fetch".into(),
            create: false,
        };
        let en = describe_refused(&read, Lang::En.strings());
        for part in [
            "CORS",
            "nginx",
            "Cloudflare Worker",
            "gptunnel-relay",
            "#deploy",
        ] {
            assert!(en.contains(part), "{part} in {en}");
        }
        let ru = describe_refused(&read, Lang::Ru.strings());
        assert!(
            ru.contains("gptunnel-relay") && ru.contains("#deploy"),
            "{ru}"
        );
        let create = Error::Network {
            message: "Failed to fetch".into(),
            create: true,
        };
        let text = describe_refused(&create, Lang::En.strings());
        assert!(text.starts_with("This task may exist"), "{text}");
    }

    #[test]
    fn each_kind_has_its_own_wording() {
        let s = Lang::En.strings();
        let limited = refusal(429, r#"{"error":{"message":"slow down"}}"#);
        assert_eq!(limited.kind(), ErrorKind::RateLimited);
        assert!(describe_error(&limited, s).contains("too busy (429)"));
        let comma = refusal(401, "{\"error\":{\"message\":\"Unauthorized\",}}");
        assert_eq!(
            describe_error(&comma, s),
            "The API refused the key (401). Check your API key in Settings."
        );
    }
}
