//! Collections page by page as `futures` streams, and delta rounds with the link that
//! resumes them.

use super::super::{link_request, Collection, Error, Operation};
use super::send::into_reqwest;
use super::transport::Credentials;
use super::Client;

// Boxed streams: they are `Unpin`, so `stream.next().await` works without pinning.
use ::futures_util::stream::{BoxStream, Stream, StreamExt, TryStreamExt};

/// One round of a delta query: every change the service reported, and the link that asks
/// for the changes after them. Store `delta_link` and give it to
/// [`Client::delta_from_link`] to resume, now or in another process.
#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
pub struct Delta<T> {
    /// Created, changed and deleted items (a deleted one carries `@removed` in its
    /// `additional_properties`), in the order the service sent them.
    pub items: ::std::vec::Vec<T>,
    pub delta_link: ::std::string::String,
}

impl Client {
    /// Every page of the collection `operation` lists, following `@odata.nextLink`; a
    /// next link to another scheme, host or port than the service root ends the stream
    /// with [`Error::UntrustedNextLink`] before anything is sent there.
    pub fn pages<O, T>(
        &self,
        operation: &O,
    ) -> BoxStream<'static, ::core::result::Result<Collection<T>, Error>>
    where
        O: Operation<Response = Collection<T>>,
        T: ::serde::de::DeserializeOwned + ::core::marker::Send + 'static,
    {
        self.pages_from(operation.to_request_with_base(&self.inner.base_url))
    }

    /// Every item of the collection `operation` lists, page after page.
    pub fn items<O, T>(&self, operation: &O) -> BoxStream<'static, ::core::result::Result<T, Error>>
    where
        O: Operation<Response = Collection<T>>,
        T: ::serde::de::DeserializeOwned + ::core::marker::Send + 'static,
    {
        self.pages(operation)
            .map_ok(|page| {
                ::futures_util::stream::iter(
                    page.value
                        .into_iter()
                        .map(::core::result::Result::Ok::<T, Error>),
                )
            })
            .try_flatten()
            .boxed()
    }

    /// The pages a link the service gave leads to: a saved `@odata.nextLink`, or a saved
    /// `@odata.deltaLink` (the changes since its round). Refused unless the link goes to
    /// the service root.
    pub fn pages_from_link<T>(
        &self,
        link: &str,
    ) -> BoxStream<'static, ::core::result::Result<Collection<T>, Error>>
    where
        T: ::serde::de::DeserializeOwned + ::core::marker::Send + 'static,
    {
        self.pages_from(link_request(link, &self.inner.base_url))
    }

    /// A whole delta round from its first request (`UserDelta::default()`, with `$select`
    /// or `$filter` if wanted): every page until the one with `@odata.deltaLink`.
    pub async fn delta<O, T>(&self, operation: &O) -> ::core::result::Result<Delta<T>, Error>
    where
        O: Operation<Response = Collection<T>>,
        T: ::serde::de::DeserializeOwned + ::core::marker::Send + 'static,
    {
        collect_round(self.pages(operation)).await
    }

    /// The next delta round, from the `delta_link` an earlier round ended with: only what
    /// changed since.
    pub async fn delta_from_link<T>(
        &self,
        delta_link: &str,
    ) -> ::core::result::Result<Delta<T>, Error>
    where
        T: ::serde::de::DeserializeOwned + ::core::marker::Send + 'static,
    {
        collect_round(self.pages_from_link(delta_link)).await
    }

    fn pages_from<T>(
        &self,
        first: ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error>,
    ) -> BoxStream<'static, ::core::result::Result<Collection<T>, Error>>
    where
        T: ::serde::de::DeserializeOwned + ::core::marker::Send + 'static,
    {
        let client = self.clone();
        let state = ::core::option::Option::Some(first);
        ::futures_util::stream::try_unfold(state, move |state| {
            let client = client.clone();
            async move {
                let ::core::option::Option::Some(request) = state else {
                    return ::core::result::Result::Ok(::core::option::Option::None);
                };
                let answer = client
                    .call(into_reqwest(request?)?, Credentials::Service)
                    .await?;
                let page = Collection::<T>::parse_response(answer.response)?;
                let next = page.next_request_with_base(&client.inner.base_url);
                ::core::result::Result::Ok(::core::option::Option::Some((page, next)))
            }
        })
        .boxed()
    }
}

/// Reads a round's pages to the end; the last must carry the delta link.
async fn collect_round<T>(
    pages: impl Stream<Item = ::core::result::Result<Collection<T>, Error>>,
) -> ::core::result::Result<Delta<T>, Error> {
    let mut pages = ::core::pin::pin!(pages);
    let mut items = ::std::vec::Vec::new();
    let mut delta_link = ::core::option::Option::None;
    while let ::core::option::Option::Some(page) = pages.next().await {
        let page = page?;
        items.extend(page.value);
        delta_link = page.delta_link;
    }
    match delta_link {
        ::core::option::Option::Some(delta_link) => {
            ::core::result::Result::Ok(Delta { items, delta_link })
        }
        ::core::option::Option::None => ::core::result::Result::Err(Error::Protocol(
            "the delta round's last page has no @odata.deltaLink".to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(items: &[i32], next: Option<&str>, delta: Option<&str>) -> Collection<i32> {
        Collection {
            value: items.to_vec(),
            next_link: next.map(str::to_string),
            delta_link: delta.map(str::to_string),
            ..Collection::default()
        }
    }

    fn collect(pages: Vec<Result<Collection<i32>, Error>>) -> Result<Delta<i32>, Error> {
        let runtime = ::tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        runtime.block_on(collect_round(::futures_util::stream::iter(pages)))
    }

    #[test]
    fn a_round_gathers_its_items_and_keeps_the_last_delta_link() {
        let round = collect(vec![
            Ok(page(&[1, 2], Some("n"), None)),
            Ok(page(&[3], None, Some("d"))),
        ]);
        assert_eq!(
            round.ok(),
            Some(Delta {
                items: vec![1, 2, 3],
                delta_link: "d".to_string()
            })
        );
        let unfinished = collect(vec![Ok(page(&[1], None, None))]);
        assert!(::core::matches!(unfinished, Err(Error::Protocol(_))));
        let failed = collect(vec![
            Ok(page(&[1], Some("n"), None)),
            Err(Error::Protocol("cut".to_string())),
        ]);
        assert!(::core::matches!(failed, Err(Error::Protocol(m)) if m == "cut"));
    }
}
