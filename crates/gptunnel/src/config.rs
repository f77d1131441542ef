//! Client settings: the API key, where the API lives, and which balance pays.

use std::fmt;

/// The provider's own address. Browsers may need a same-origin relay instead (CORS is not
/// documented), which is why the base URL is a setting and not a constant in the client.
pub const DEFAULT_BASE_URL: &str = "https://gptunnel.ru";

/// Settings for a [`Client`](crate::Client).
///
/// `Debug` never shows the key, so a config can be logged safely.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    /// The API key, sent as the bare `Authorization` header value.
    pub api_key: String,
    /// Scheme, host and optional path prefix, e.g. `https://gptunnel.ru` or a local emulator.
    pub base_url: String,
    /// Pay from the personal wallet instead of the organisation balance (`useWalletBalance`).
    pub use_wallet_balance: bool,
}

impl Config {
    /// Settings for `api_key` against [`DEFAULT_BASE_URL`], paying from the organisation.
    pub fn new(api_key: impl Into<String>) -> Self {
        Self {
            api_key: api_key.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            use_wallet_balance: false,
        }
    }

    /// Talk to another server: a relay, a proxy or the emulator.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Pay from the personal wallet (`true`) or the organisation balance (`false`).
    pub fn with_wallet_balance(mut self, use_wallet_balance: bool) -> Self {
        self.use_wallet_balance = use_wallet_balance;
        self
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = if self.api_key.is_empty() {
            "(empty)"
        } else {
            "(redacted)"
        };
        f.debug_struct("Config")
            .field("api_key", &key)
            .field("base_url", &self.base_url)
            .field("use_wallet_balance", &self.use_wallet_balance)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_uses_the_provider_address_and_the_organisation_balance() {
        let config = Config::new("k");
        assert_eq!(config.base_url, "https://gptunnel.ru");
        assert!(!config.use_wallet_balance);
    }

    #[test]
    fn setters_replace_the_defaults() {
        let config = Config::new("k")
            .with_base_url("http://127.0.0.1:8080")
            .with_wallet_balance(true);
        assert_eq!(config.base_url, "http://127.0.0.1:8080");
        assert!(config.use_wallet_balance);
    }

    #[test]
    fn debug_output_never_contains_the_key() {
        let text = format!("{:?}", Config::new("sk-very-secret-123"));
        assert!(!text.contains("sk-very-secret-123"), "{text}");
        assert!(text.contains("redacted"), "{text}");
    }
}
