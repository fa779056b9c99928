//! Access tokens: the [`TokenProvider`] trait, a static token and a closure, and the rule for
//! where a token may go.

use super::super::BoxError;

/// What [`TokenProvider::token`] returns: a future of the token (without `Bearer `).
pub type TokenFuture<'a> = ::core::pin::Pin<
    ::std::boxed::Box<
        dyn ::core::future::Future<Output = ::core::result::Result<::std::string::String, BoxError>>
            + ::core::marker::Send
            + 'a,
    >,
>;

/// Where the client gets its bearer token. It is asked before every request to the service
/// root (retries included), so a provider that caches and refreshes tokens keeps them
/// fresh; it is never asked for requests to other hosts.
///
/// An `azure_identity` credential (or any `TokenCredential` of `azure_core`) plugs in with a
/// few lines, since its `get_token` already caches and refreshes:
///
/// ```text
/// struct Azure(std::sync::Arc<dyn azure_core::credentials::TokenCredential>);
///
/// impl TokenProvider for Azure {
///     fn token(&self) -> TokenFuture<'_> {
///         Box::pin(async move {
///             let token = self.0.get_token(&["https://graph.microsoft.com/.default"], None).await?;
///             Ok(token.token.secret().to_string())
///         })
///     }
/// }
///
/// let credential = azure_identity::DeveloperToolsCredential::new(None)?;
/// let client = Client::builder().token(Azure(credential)).build()?;
/// ```
pub trait TokenProvider: ::core::marker::Send + ::core::marker::Sync {
    /// A bearer token for the service, without the `Bearer ` prefix.
    fn token(&self) -> TokenFuture<'_>;
}

/// A token that does not change: fine for tests and short scripts (Graph tokens expire
/// after about an hour).
#[derive(::core::clone::Clone)]
pub struct StaticToken(::std::string::String);

impl StaticToken {
    pub fn new(token: impl ::core::convert::Into<::std::string::String>) -> Self {
        Self(token.into())
    }
}

impl ::core::fmt::Debug for StaticToken {
    // Never print the token itself.
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        ::std::boxed::Box::pin(async move { ::core::result::Result::Ok(token) })
    }
}

/// A token from an async closure, e.g. one that asks your own token cache:
/// `TokenFn::new(move || { let cache = cache.clone(); async move { cache.token().await } })`.
pub struct TokenFn<F>(F);

impl<F> TokenFn<F> {
    pub fn new(function: F) -> Self {
        Self(function)
    }
}

impl<F, Fut, E> TokenProvider for TokenFn<F>
where
    F: Fn() -> Fut + ::core::marker::Send + ::core::marker::Sync,
    Fut: ::core::future::Future<Output = ::core::result::Result<::std::string::String, E>>
        + ::core::marker::Send
        + 'static,
    E: ::core::convert::Into<BoxError>,
{
    fn token(&self) -> TokenFuture<'_> {
        let future = (self.0)();
        ::std::boxed::Box::pin(async move { future.await.map_err(::core::convert::Into::into) })
    }
}

/// Whether a token may be sent to `url`: over HTTPS, or over plain HTTP only to this machine
/// (a test server), never in clear text across a network.
pub(super) fn may_carry_token(url: &::reqwest::Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => url.host_str().is_some_and(is_loopback),
        _ => false,
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<::std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_of(provider: &dyn TokenProvider) -> Result<String, String> {
        let runtime = ::tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        runtime
            .block_on(provider.token())
            .map_err(|error| error.to_string())
    }

    #[test]
    fn static_tokens_and_closures_give_their_token() {
        assert_eq!(token_of(&StaticToken::new("abc")), Ok("abc".to_string()));
        assert_eq!(
            format!("{:?}", StaticToken::new("secret")),
            "StaticToken(..)"
        );
        let counter = ::std::sync::Arc::new(::std::sync::atomic::AtomicUsize::new(0));
        let calls = counter.clone();
        let provider = TokenFn::new(move || {
            let n = calls.fetch_add(1, ::std::sync::atomic::Ordering::SeqCst);
            async move { Ok::<_, ::std::io::Error>(format!("token-{n}")) }
        });
        assert_eq!(token_of(&provider), Ok("token-0".to_string()));
        assert_eq!(token_of(&provider), Ok("token-1".to_string()));
        let failing = TokenFn::new(|| async { Err::<String, _>("no credential") });
        assert_eq!(token_of(&failing), Err("no credential".to_string()));
    }

    #[test]
    fn tokens_travel_over_https_or_to_this_machine_only() {
        let may = |url: &str| {
            ::reqwest::Url::parse(url)
                .map(|url| may_carry_token(&url))
                .unwrap_or_else(|e| panic!("{url}: {e}"))
        };
        assert!(may("https://graph.microsoft.com/v1.0/me"));
        assert!(may("http://127.0.0.1:8080/v1.0/me"));
        assert!(may("http://127.8.9.1/v1.0/me"));
        assert!(may("http://localhost:1/v1.0"));
        assert!(may("http://[::1]:9/v1.0"));
        assert!(!may("http://graph.microsoft.com/v1.0/me"));
        assert!(!may("http://10.0.0.1/v1.0/me"));
        assert!(!may("http://localhost.example.net/v1.0"));
        assert!(!may("ftp://localhost/v1.0"));
    }
}
