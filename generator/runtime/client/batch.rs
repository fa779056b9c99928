//! JSON batching (`POST /$batch`): many operations in few round trips, each answer read back
//! as its operation's typed result.

use super::super::{Error, Operation};
use super::{batch_wire as wire, Client};

/// How many requests Graph takes in one batch; larger batches are split.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// A request's place in a [`Batch`], for `dependsOn`.
#[derive(
    ::core::clone::Clone,
    ::core::marker::Copy,
    ::core::fmt::Debug,
    ::core::cmp::PartialEq,
    ::core::cmp::Eq,
)]
pub struct BatchId(usize);

/// Claims the typed result of one request from the [`BatchAnswers`].
pub struct Handle<R> {
    id: BatchId,
    parse: fn(::http::Response<::std::vec::Vec<u8>>) -> ::core::result::Result<R, Error>,
}

impl<R> Handle<R> {
    pub fn id(&self) -> BatchId {
        self.id
    }
}

/// Operations to send together ([`Client::batch`]). Requests that depend on each other go
/// in the same batch of at most [`MAX_BATCH_REQUESTS`], where Graph runs them in order (and
/// answers 424 for a request whose dependency failed); the rest are split into as few
/// batches as fit, sent one after the other.
pub struct Batch {
    client: Client,
    requests: ::std::vec::Vec<::http::Request<::std::vec::Vec<u8>>>,
    depends_on: ::std::vec::Vec<::std::vec::Vec<usize>>,
    /// Union-find over the requests: those joined by `dependsOn` share a root.
    parent: ::std::vec::Vec<usize>,
    group_size: ::std::vec::Vec<usize>,
}

/// The answers of a sent [`Batch`]; [`BatchAnswers::take`] reads each as its typed result.
#[derive(::core::fmt::Debug)]
pub struct BatchAnswers {
    answers: ::std::vec::Vec<::core::option::Option<wire::Reply>>,
}

impl Client {
    /// An empty batch of this client's service root.
    pub fn batch(&self) -> Batch {
        Batch {
            client: self.clone(),
            requests: ::std::vec::Vec::new(),
            depends_on: ::std::vec::Vec::new(),
            parent: ::std::vec::Vec::new(),
            group_size: ::std::vec::Vec::new(),
        }
    }

    /// Sends operations of one kind in batches; their results come back in their order, a
    /// failed request as its own `Err` (the outer `Err` is for a batch that failed whole).
    pub async fn send_all<O: Operation>(
        &self,
        operations: &[O],
    ) -> ::core::result::Result<::std::vec::Vec<::core::result::Result<O::Response, Error>>, Error>
    {
        let mut batch = self.batch();
        let handles = operations
            .iter()
            .map(|operation| batch.add(operation))
            .collect::<::core::result::Result<::std::vec::Vec<_>, Error>>()?;
        let mut answers = batch.send().await?;
        ::core::result::Result::Ok(
            handles
                .into_iter()
                .map(|handle| answers.take(handle))
                .collect(),
        )
    }
}

impl Batch {
    /// Adds an operation; its result is read back with the handle.
    pub fn add<O: Operation>(
        &mut self,
        operation: &O,
    ) -> ::core::result::Result<Handle<O::Response>, Error> {
        self.add_after(operation, &[])
    }

    /// Adds an operation that runs only after the requests `after` succeeded
    /// (`dependsOn`). Fails when that would make more than [`MAX_BATCH_REQUESTS`]
    /// requests depend on each other, which no batch can carry.
    pub fn add_after<O: Operation>(
        &mut self,
        operation: &O,
        after: &[BatchId],
    ) -> ::core::result::Result<Handle<O::Response>, Error> {
        let index = self.requests.len();
        let mut roots: ::std::vec::Vec<usize> = ::std::vec::Vec::new();
        for id in after {
            if id.0 >= index {
                return ::core::result::Result::Err(Error::Protocol(::std::format!(
                    "request {} depends on request {}, which this batch does not hold",
                    index + 1,
                    id.0 + 1
                )));
            }
            let root = self.root(id.0);
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
        let size = 1 + roots
            .iter()
            .map(|root| self.group_size[*root])
            .sum::<usize>();
        if size > MAX_BATCH_REQUESTS {
            return ::core::result::Result::Err(Error::Protocol(::std::format!(
                "{size} requests would depend on each other; one batch holds {MAX_BATCH_REQUESTS}"
            )));
        }
        let request = operation.to_request_with_base(&self.client.inner.base_url)?;
        self.requests.push(request);
        self.depends_on.push(after.iter().map(|id| id.0).collect());
        self.parent.push(index);
        self.group_size.push(1);
        for root in roots {
            self.parent[root] = index;
            self.group_size[index] += self.group_size[root];
        }
        ::core::result::Result::Ok(Handle {
            id: BatchId(index),
            parse: O::parse_response,
        })
    }

    pub fn len(&self) -> usize {
        self.requests.len()
    }

    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    fn root(&self, mut index: usize) -> usize {
        while self.parent[index] != index {
            index = self.parent[index];
        }
        index
    }

    /// Sends the batches, one after the other. An `Err` is a batch that failed whole (its
    /// status, a transport or decode error); requests of the batches before it ran.
    pub async fn send(self) -> ::core::result::Result<BatchAnswers, Error> {
        let roots: ::std::vec::Vec<usize> =
            (0..self.requests.len()).map(|i| self.root(i)).collect();
        let mut answers: ::std::vec::Vec<_> = (0..self.requests.len())
            .map(|_| ::core::option::Option::None)
            .collect();
        for chunk in pack(&roots) {
            let envelope = self.envelope(&chunk)?;
            let request = ::http::Request::builder()
                .method(::http::Method::POST)
                .uri(::std::format!("{}/$batch", self.client.inner.base_url))
                .header(::http::header::ACCEPT, "application/json")
                .header(::http::header::CONTENT_TYPE, "application/json")
                .body(::serde_json::to_vec(&envelope)?)?;
            let response = self.client.send_http(request).await?;
            let body = super::super::success_body(response)?;
            for (index, answer) in chunk.iter().zip(wire::read_replies(&body, &chunk)?) {
                answers[*index] = ::core::option::Option::Some(answer);
            }
        }
        ::core::result::Result::Ok(BatchAnswers { answers })
    }

    /// The `$batch` body for some of the requests: ids are their places from 1.
    fn envelope(&self, chunk: &[usize]) -> ::core::result::Result<::serde_json::Value, Error> {
        let members = chunk
            .iter()
            .map(|index| {
                let request = &self.requests[*index];
                let after = &self.depends_on[*index];
                wire::member(*index, request, after, &self.client.inner.base_url)
            })
            .collect::<::core::result::Result<::std::vec::Vec<_>, Error>>()?;
        ::core::result::Result::Ok(::serde_json::json!({ "requests": members }))
    }
}

impl BatchAnswers {
    /// The typed result of the request `handle` was given for: its operation's response,
    /// or its own error (Graph's, with the status; 424 when a request it depended on
    /// failed).
    pub fn take<R>(&mut self, handle: Handle<R>) -> ::core::result::Result<R, Error> {
        let answer = self
            .answers
            .get_mut(handle.id.0)
            .and_then(::core::option::Option::take);
        match answer {
            ::core::option::Option::Some(answer) => (handle.parse)(answer?),
            ::core::option::Option::None => {
                ::core::result::Result::Err(Error::Protocol(::std::format!(
                    "no answer for request {} (a handle of another batch, or taken already)",
                    handle.id.0 + 1
                )))
            }
        }
    }
}

/// Splits requests into batches: each group of requests that depend on each other (same
/// root) whole, groups in the order of their first request, as few batches as that fills.
fn pack(roots: &[usize]) -> ::std::vec::Vec<::std::vec::Vec<usize>> {
    let mut group_of_root = ::std::collections::BTreeMap::new();
    let mut groups: ::std::vec::Vec<::std::vec::Vec<usize>> = ::std::vec::Vec::new();
    for (index, root) in roots.iter().enumerate() {
        let group = *group_of_root.entry(*root).or_insert_with(|| {
            groups.push(::std::vec::Vec::new());
            groups.len() - 1
        });
        groups[group].push(index);
    }
    let mut batches: ::std::vec::Vec<::std::vec::Vec<usize>> = ::std::vec::Vec::new();
    for members in groups {
        match batches.last_mut() {
            ::core::option::Option::Some(last)
                if last.len() + members.len() <= MAX_BATCH_REQUESTS =>
            {
                last.extend(members);
            }
            _ => batches.push(members),
        }
    }
    for batch in &mut batches {
        batch.sort_unstable();
    }
    batches
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `GET /things/{id}` answering a JSON number; `POST /things` with a JSON body when
    /// `body` is set; `PUT /things/{id}/content` with bytes when `bytes` is.
    #[derive(Default)]
    struct Thing {
        id: String,
        body: Option<::serde_json::Value>,
        bytes: Option<Vec<u8>>,
    }

    impl Operation for Thing {
        type Response = i64;

        fn to_request_with_base(&self, base: &str) -> Result<::http::Request<Vec<u8>>, Error> {
            let (method, path, body) = match (&self.body, &self.bytes) {
                (Some(json), _) => (
                    "POST",
                    "/things".to_string(),
                    Some(("application/json", ::serde_json::to_vec(json)?)),
                ),
                (_, Some(bytes)) => (
                    "PUT",
                    format!("/things/{}/content", self.id),
                    Some(("image/png", bytes.clone())),
                ),
                _ => ("GET", format!("/things/{}", self.id), None),
            };
            let method = ::http::Method::from_bytes(method.as_bytes()).unwrap_or_default();
            super::super::super::build_request(
                method,
                base,
                &path,
                &[("$select".into(), "id".into())],
                body,
            )
        }

        fn parse_response(response: ::http::Response<Vec<u8>>) -> Result<i64, Error> {
            super::super::super::parse_json(response)
        }
    }

    fn client() -> Client {
        Client::builder()
            .base_url("https://graph.microsoft.com/v1.0")
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn thing(id: &str) -> Thing {
        Thing {
            id: id.to_string(),
            ..Thing::default()
        }
    }

    #[test]
    fn batches_keep_dependent_requests_together_and_hold_twenty_at_most() {
        let singles: Vec<usize> = (0..45).collect();
        let sizes: Vec<usize> = pack(&singles).iter().map(Vec::len).collect();
        assert_eq!(sizes, [20, 20, 5]);
        // 0..=14 alone; 15..=24 one group (root 24): it does not fit after 15 singles.
        let roots: Vec<usize> = (0..15).chain([24; 10]).collect();
        let batches = pack(&roots);
        assert_eq!(batches[0], (0..15).collect::<Vec<_>>());
        assert_eq!(batches[1], (15..25).collect::<Vec<_>>());
        assert!(pack(&[]).is_empty());
    }

    #[test]
    fn more_than_a_batch_of_dependent_requests_is_refused() {
        let mut batch = client().batch();
        let mut last = batch
            .add(&thing("0"))
            .unwrap_or_else(|e| panic!("{e}"))
            .id();
        for n in 1..MAX_BATCH_REQUESTS {
            last = batch
                .add_after(&thing(&n.to_string()), &[last])
                .unwrap_or_else(|e| panic!("{e}"))
                .id();
        }
        let refused = batch.add_after(&thing("x"), &[last]);
        assert!(
            ::core::matches!(&refused, Err(Error::Protocol(m)) if m.contains("21 requests")),
            "{:?}",
            refused.err()
        );
        assert_eq!(batch.len(), MAX_BATCH_REQUESTS);
        // Unrelated requests still fit, in a batch of their own.
        assert!(batch.add(&thing("y")).is_ok());
        let roots: Vec<usize> = (0..batch.len()).map(|i| batch.root(i)).collect();
        assert_eq!(
            pack(&roots).iter().map(Vec::len).collect::<Vec<_>>(),
            [20, 1]
        );
        let stranger = batch.add_after(&thing("z"), &[BatchId(99)]);
        assert!(::core::matches!(stranger, Err(Error::Protocol(_))));
    }

    #[test]
    fn the_envelope_carries_relative_urls_headers_bodies_and_dependencies() {
        let mut batch = client().batch();
        let first = batch.add(&Thing {
            body: Some(::serde_json::json!({"name": "a"})),
            ..Thing::default()
        });
        let first = first.unwrap_or_else(|e| panic!("{e}")).id();
        let second = batch.add_after(
            &Thing {
                id: "7".into(),
                bytes: Some(b"PNG".to_vec()),
                ..Thing::default()
            },
            &[first],
        );
        assert!(second.is_ok());
        let envelope = batch.envelope(&[0, 1]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            envelope,
            ::serde_json::json!({"requests": [
                {"id": "1", "method": "POST", "url": "/things?$select=id",
                 "headers": {"accept": "application/json", "content-type": "application/json"},
                 "body": {"name": "a"}},
                {"id": "2", "method": "PUT", "url": "/things/7/content?$select=id",
                 "headers": {"accept": "application/json", "content-type": "image/png"},
                 "body": "UE5H", "dependsOn": ["1"]}
            ]})
        );
    }

    #[test]
    fn answers_read_as_their_typed_results() {
        // In another order than asked, as the service may answer; request 5 unanswered.
        let body = ::serde_json::json!({"responses": [
            {"id": "4", "status": 429, "headers": {"Retry-After": "9"}},
            {"id": "2", "status": 404,
             "body": {"error": {"code": "Request_ResourceNotFound", "message": "gone"}}},
            {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": 42},
            {"id": "3", "status": 200, "headers": {"content-type": "image/png"}, "body": "UE5H"}
        ]});
        let body = ::serde_json::to_vec(&body).unwrap_or_default();
        let replies = wire::read_replies(&body, &[0, 1, 2, 3, 4]).unwrap_or_else(|e| panic!("{e}"));
        let mut answers = BatchAnswers {
            answers: replies.into_iter().map(Some).collect(),
        };
        let handle = |n: usize| Handle::<i64> {
            id: BatchId(n),
            parse: Thing::parse_response,
        };
        assert_eq!(answers.take(handle(0)).ok(), Some(42));
        let error = answers.take(handle(1)).err();
        assert_eq!(
            error.as_ref().and_then(Error::code),
            Some("Request_ResourceNotFound")
        );
        assert_eq!(
            error.as_ref().and_then(Error::status).map(|s| s.as_u16()),
            Some(404)
        );
        let raw = Handle::<Vec<u8>> {
            id: BatchId(2),
            parse: |r| Ok(r.into_body()),
        };
        assert_eq!(answers.take(raw).ok(), Some(b"PNG".to_vec()));
        let error = answers.take(handle(3)).err();
        assert_eq!(
            error
                .as_ref()
                .and_then(Error::retry_after)
                .map(|d| d.as_secs()),
            Some(9)
        );
        let lost = answers.take(handle(4));
        assert!(
            ::core::matches!(&lost, Err(Error::Protocol(m)) if m.contains("request 5")),
            "{lost:?}"
        );
        assert!(::core::matches!(
            answers.take(handle(0)),
            Err(Error::Protocol(_))
        ));
        assert!(::core::matches!(
            answers.take(handle(50)),
            Err(Error::Protocol(_))
        ));
    }
}
