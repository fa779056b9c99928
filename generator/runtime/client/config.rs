//! [`Client`] and its settings ([`ClientBuilder`]).

use super::super::{Error, DEFAULT_BASE_URL};
use super::{RetryPolicy, TokenProvider};

/// How the client waits between retries: `tokio::time::sleep` unless told otherwise (tests
/// record the waits instead of sleeping through them).
pub type Sleep = ::std::sync::Arc<
    dyn Fn(
            ::core::time::Duration,
        ) -> ::core::pin::Pin<
            ::std::boxed::Box<dyn ::core::future::Future<Output = ()> + ::core::marker::Send>,
        > + ::core::marker::Send
        + ::core::marker::Sync,
>;

/// Sends operations to the service. Cheap to clone (the clones share one connection pool);
/// build it once with [`Client::builder`] or [`Client::new`].
#[derive(::core::clone::Clone)]
pub struct Client {
    pub(super) inner: ::std::sync::Arc<Settings>,
}

pub(super) struct Settings {
    pub(super) http: ::reqwest::Client,
    /// The service root, without a trailing `/`.
    pub(super) base_url: ::std::string::String,
    pub(super) token: ::core::option::Option<::std::sync::Arc<dyn TokenProvider>>,
    pub(super) retry: RetryPolicy,
    pub(super) max_redirects: usize,
    pub(super) user_agent: ::http::HeaderValue,
    pub(super) sleep: Sleep,
}

impl ::core::fmt::Debug for Client {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("token", &self.inner.token.as_ref().map(|_| ".."))
            .field("retry", &self.inner.retry)
            .field("max_redirects", &self.inner.max_redirects)
            .field("user_agent", &self.inner.user_agent)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for [`DEFAULT_BASE_URL`] with `token`, and the default settings.
    pub fn new(token: impl TokenProvider + 'static) -> ::core::result::Result<Self, Error> {
        Self::builder().token(token).build()
    }

    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The service root requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

/// The settings of a [`Client`]; every one has a default.
pub struct ClientBuilder {
    base_url: ::std::string::String,
    token: ::core::option::Option<::std::sync::Arc<dyn TokenProvider>>,
    retry: RetryPolicy,
    max_redirects: usize,
    timeout: ::core::option::Option<::core::time::Duration>,
    user_agent: ::std::string::String,
    http: ::core::option::Option<::reqwest::Client>,
    sleep: ::core::option::Option<Sleep>,
}

impl ::core::default::Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_string(),
            token: ::core::option::Option::None,
            retry: RetryPolicy::default(),
            max_redirects: 10,
            timeout: ::core::option::Option::Some(::core::time::Duration::from_secs(100)),
            user_agent: ::std::format!(
                "{}/{} (docgen client)",
                ::core::env!("CARGO_PKG_NAME"),
                ::core::env!("CARGO_PKG_VERSION")
            ),
            http: ::core::option::Option::None,
            sleep: ::core::option::Option::None,
        }
    }
}

impl ClientBuilder {
    /// The service root (default [`DEFAULT_BASE_URL`]): another version
    /// (`https://graph.microsoft.com/beta`), a national cloud, or a test server.
    pub fn base_url(mut self, url: impl ::core::convert::Into<::std::string::String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Where the bearer token comes from (default: none, no `Authorization` is sent).
    pub fn token(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.token = ::core::option::Option::Some(::std::sync::Arc::new(provider));
        self
    }

    /// When to retry (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// How many redirects one request may follow (default 10; 0 hands every redirect to
    /// the operation).
    pub fn max_redirects(mut self, redirects: usize) -> Self {
        self.max_redirects = redirects;
        self
    }

    /// The limit on each attempt, from connecting to the last byte (default 100 s, as in
    /// the official SDKs); `None` waits as long as it takes. Ignored with
    /// [`ClientBuilder::http_client`], whose own setting applies.
    pub fn timeout(mut self, timeout: ::core::option::Option<::core::time::Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `<crate>/<version> (docgen client)`).
    pub fn user_agent(mut self, agent: impl ::core::convert::Into<::std::string::String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// A `reqwest::Client` of your own (proxies, root certificates, HTTP/2, ...). It must
    /// not follow redirects itself (`reqwest::redirect::Policy::none()`), or the client
    /// cannot keep the token from other hosts; [`ClientBuilder::build`] cannot check this.
    pub fn http_client(mut self, client: ::reqwest::Client) -> Self {
        self.http = ::core::option::Option::Some(client);
        self
    }

    /// How to wait between retries (default `tokio::time::sleep`).
    pub fn sleep_with(mut self, sleep: Sleep) -> Self {
        self.sleep = ::core::option::Option::Some(sleep);
        self
    }

    /// The client; fails only when the TLS setup does (or the user agent is not a valid
    /// header value).
    pub fn build(self) -> ::core::result::Result<Client, Error> {
        let user_agent = ::http::HeaderValue::from_str(&self.user_agent)
            .map_err(|error| Error::Http(::http::Error::from(error)))?;
        let http = match self.http {
            ::core::option::Option::Some(client) => client,
            ::core::option::Option::None => default_http_client(self.timeout)?,
        };
        let sleep = self.sleep.unwrap_or_else(|| {
            ::std::sync::Arc::new(|wait| ::std::boxed::Box::pin(::tokio::time::sleep(wait)))
        });
        let settings = Settings {
            http,
            base_url: self.base_url.trim_end_matches('/').to_string(),
            token: self.token,
            retry: self.retry,
            max_redirects: self.max_redirects,
            user_agent,
            sleep,
        };
        ::core::result::Result::Ok(Client {
            inner: ::std::sync::Arc::new(settings),
        })
    }
}

/// reqwest over rustls (its default crypto provider, the system's root certificates), gzip,
/// and no redirects of its own: the client follows them itself.
fn default_http_client(
    timeout: ::core::option::Option<::core::time::Duration>,
) -> ::core::result::Result<::reqwest::Client, Error> {
    let mut builder = ::reqwest::Client::builder().redirect(::reqwest::redirect::Policy::none());
    if let ::core::option::Option::Some(timeout) = timeout {
        builder = builder.timeout(timeout);
    }
    builder
        .build()
        .map_err(|error| Error::Transport(::std::boxed::Box::new(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_settings() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:9/v1.0/")
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(client.base_url(), "http://127.0.0.1:9/v1.0");
        let text = format!("{client:?}");
        assert!(
            text.contains("token: None") && text.contains("max_redirects: 10"),
            "{text}"
        );
        assert!(
            text.contains("(docgen client)"),
            "the default user agent names the crate: {text}"
        );
        let client =
            Client::new(super::super::StaticToken::new("secret")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(client.base_url(), DEFAULT_BASE_URL);
        let text = format!("{client:?}");
        assert!(
            text.contains("token: Some(\"..\")") && !text.contains("secret"),
            "{text}"
        );
        let bad = Client::builder().user_agent("line\nbreak").build();
        assert!(::core::matches!(bad, Err(Error::Http(_))));
    }
}
