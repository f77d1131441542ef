//! What a relay is configured with, checked once at start.

use std::time::Duration;

/// Largest request body forwarded by default: an inpaint mask of a big image is a few MB.
pub const DEFAULT_BODY_LIMIT: usize = 8 << 20;
/// How long one upstream call may take.
pub(crate) const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(120);

/// Where to forward, who may call, how much may be sent.
#[derive(Debug, Clone, PartialEq)]
pub struct RelayConfig {
    /// Base URL of the API, e.g. `https://gptunnel.ru` (no trailing slash needed).
    pub upstream: String,
    /// Origins (`scheme://host[:port]`) whose pages may read the answers. Empty: none.
    pub allowed_origins: Vec<String>,
    /// Largest request body in bytes; larger ones are refused with 413.
    pub body_limit: usize,
    /// Print one line per request on stderr (method, path, status, time; never keys).
    pub log_requests: bool,
}

impl RelayConfig {
    /// A relay to `upstream` for pages of `origins`, with the default body cap, not logging.
    pub fn new<O: Into<String>>(
        upstream: impl Into<String>,
        origins: impl IntoIterator<Item = O>,
    ) -> RelayConfig {
        RelayConfig {
            upstream: upstream.into(),
            allowed_origins: origins.into_iter().map(Into::into).collect(),
            body_limit: DEFAULT_BODY_LIMIT,
            log_requests: false,
        }
    }

    /// The upstream without a trailing slash, or why it is not usable.
    pub(crate) fn checked_upstream(&self) -> Result<String, String> {
        let upstream = self.upstream.trim().trim_end_matches('/');
        if !(upstream.starts_with("http://") || upstream.starts_with("https://")) {
            return Err(format!(
                "upstream must be an http:// or https:// URL, got '{upstream}'"
            ));
        }
        Ok(upstream.to_string())
    }

    /// The allowed origins, each checked to be a bare `scheme://host[:port]` (a `*` or a path
    /// would silently match nothing in browsers, so it is refused here).
    pub(crate) fn checked_origins(&self) -> Result<Vec<String>, String> {
        self.allowed_origins
            .iter()
            .map(|origin| {
                let origin = origin.trim().trim_end_matches('/');
                let rest = origin
                    .strip_prefix("https://")
                    .or_else(|| origin.strip_prefix("http://"));
                match rest {
                    Some(host) if !host.is_empty() && !host.contains(['/', '*', ' ']) => {
                        Ok(origin.to_string())
                    }
                    _ => Err(format!(
                        "an allowed origin is scheme://host[:port], got '{origin}'"
                    )),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upstream_must_be_an_http_url() {
        let config = RelayConfig::new("gptunnel.ru", ["https://a.example"]);
        assert!(config.checked_upstream().is_err());
        let config = RelayConfig::new("https://gptunnel.ru/", ["https://a.example"]);
        assert_eq!(config.checked_upstream().unwrap(), "https://gptunnel.ru");
    }

    #[test]
    fn a_wildcard_or_a_path_is_not_an_origin() {
        for bad in [
            "*",
            "https://*.example",
            "https://a.example/studio",
            "a.example",
        ] {
            let config = RelayConfig::new("https://gptunnel.ru", [bad]);
            assert!(config.checked_origins().is_err(), "{bad}");
        }
        let config = RelayConfig::new("https://gptunnel.ru", ["http://127.0.0.1:8080/"]);
        assert_eq!(config.checked_origins().unwrap(), ["http://127.0.0.1:8080"]);
    }
}
