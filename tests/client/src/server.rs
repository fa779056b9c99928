//! [`GraphServer`]: the loopback service, its request log and its scripts.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::response::Response;

use crate::docs::{request_key, DocsExamples, DOCS_SERVICE_ROOT};
use crate::script::{parse_query, Reply, Scripts};
use crate::upload::{UploadFaults, UploadSession};

/// A request as the service received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// The path and query, as sent.
    pub target: String,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
    /// Whether it came as a member of a `$batch` request.
    pub in_batch: bool,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

/// A Graph service on `127.0.0.1` (a port of its own), serving the docs' examples under
/// `/v1.0`, `$batch`, and upload sessions under `/upload/`. Stops when dropped.
pub struct GraphServer {
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

pub(crate) struct Shared {
    pub(crate) origin: String,
    docs: &'static DocsExamples,
    state: Mutex<ServiceState>,
}

#[derive(Default)]
pub(crate) struct ServiceState {
    scripts: Scripts,
    log: Vec<Recorded>,
    pub(crate) uploads: BTreeMap<String, UploadSession>,
}

/// A request on its way through the service.
pub(crate) struct Incoming {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: String,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl GraphServer {
    /// Starts a service on a free port of 127.0.0.1, in the current tokio runtime.
    pub async fn start() -> GraphServer {
        static DOCS: OnceLock<DocsExamples> = OnceLock::new();
        let docs = DOCS.get_or_init(DocsExamples::load);
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .unwrap_or_else(|error| panic!("binding 127.0.0.1: {error}"));
        let port = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("{error}"))
            .port();
        let shared = Arc::new(Shared {
            origin: format!("http://127.0.0.1:{port}"),
            docs,
            state: Mutex::new(ServiceState::default()),
        });
        let router = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        let task = tokio::spawn(async move {
            // Ends with the runtime, or when the server is dropped (aborted).
            let _ = axum::serve(listener, router).await;
        });
        GraphServer { shared, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> &str {
        &self.shared.origin
    }

    /// The service root: `http://127.0.0.1:<port>/v1.0`.
    pub fn base_url(&self) -> String {
        format!("{}/v1.0", self.shared.origin)
    }

    /// The docs' example pairs this service answers.
    pub fn docs(&self) -> &DocsExamples {
        self.shared.docs
    }

    /// Queues replies for a request (`"GET /v1.0/users"`): they are answered, in order,
    /// before anything else answers it.
    pub fn script(&self, request: &str, replies: impl IntoIterator<Item = Reply>) {
        self.shared.state().scripts.push(request, replies);
    }

    /// Every request received so far, batch members included, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.state().log.clone()
    }

    /// A new upload session of `size` bytes with scripted faults; its upload URL.
    pub fn upload_session(&self, size: u64, faults: UploadFaults) -> String {
        let mut state = self.shared.state();
        let id = format!("session-{}", state.uploads.len() + 1);
        state
            .uploads
            .insert(id.clone(), UploadSession::new(size, faults));
        format!("{}/upload/{id}", self.shared.origin)
    }

    /// The bytes an upload session kept, in order.
    pub fn uploaded(&self, upload_url: &str) -> Option<Vec<u8>> {
        let id = upload_url.rsplit('/').next()?;
        let state = self.shared.state();
        state
            .uploads
            .get(id)
            .map(|session| session.received.clone())
    }
}

impl Drop for GraphServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Shared {
    pub(crate) fn state(&self) -> MutexGuard<'_, ServiceState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn record(&self, incoming: &Incoming, in_batch: bool) {
        let target = if incoming.query.is_empty() {
            incoming.path.clone()
        } else {
            format!("{}?{}", incoming.path, incoming.query)
        };
        self.state().log.push(Recorded {
            method: incoming.method.clone(),
            target,
            headers: incoming.headers.clone(),
            body: incoming.body.clone(),
            in_batch,
        });
    }

    /// The answer to a request: a scripted reply first, then `$batch`, an upload session,
    /// the docs' example for it (its links pointed at this service), or Graph's not-found.
    pub(crate) fn answer(&self, incoming: &Incoming) -> Reply {
        let key = request_key(
            &incoming.method,
            &crate::docs::decode(&incoming.path),
            parse_query(&incoming.query),
        );
        if let Some(reply) = self.state().scripts.take(&key) {
            return reply;
        }
        if incoming.method == "POST" && incoming.path == "/v1.0/$batch" {
            return crate::batch::answer(self, incoming);
        }
        if let Some(id) = incoming.path.strip_prefix("/upload/") {
            return crate::upload::answer(&mut self.state(), id, incoming);
        }
        let docs_key = match key.1.strip_prefix("/v1.0") {
            Some(path) => (key.0.clone(), path.to_string(), key.2.clone()),
            None => key.clone(),
        };
        match self.docs.answer(&docs_key) {
            Some(reply) => reply
                .clone()
                .with_body_replaced(DOCS_SERVICE_ROOT, &format!("{}/v1.0", self.origin)),
            None => Reply::graph_error(
                404,
                "Request_ResourceNotFound",
                &format!("No example answers {} {}", incoming.method, incoming.path),
            ),
        }
    }
}

async fn handle(State(shared): State<Arc<Shared>>, request: axum::extract::Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 256 << 20)
        .await
        .map(|bytes| bytes.to_vec())
        .unwrap_or_default();
    let incoming = Incoming {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or_default().to_string(),
        headers: parts.headers,
        body,
    };
    shared.record(&incoming, false);
    let accepts_gzip = incoming
        .headers
        .get_all(http::header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.contains("gzip"));
    render(shared.answer(&incoming), accepts_gzip)
}

/// The HTTP response of a reply.
fn render(reply: Reply, accepts_gzip: bool) -> Response {
    let (status, headers, body) = match &reply {
        Reply::Answer {
            status,
            headers,
            body,
            ..
        }
        | Reply::CutOff {
            status,
            headers,
            body,
            ..
        } => (*status, headers, body),
    };
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let response = match reply {
        Reply::Answer { gzip: true, .. } if accepts_gzip => builder
            .header(http::header::CONTENT_ENCODING, "gzip")
            .body(Body::from(gzip(body))),
        Reply::Answer { .. } => builder.body(Body::from(body.clone())),
        Reply::CutOff { sent, .. } => {
            let head = Bytes::from(body[..sent.min(body.len())].to_vec());
            let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                Ok(head),
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "scripted disconnect",
                )),
            ];
            builder
                .header(http::header::CONTENT_LENGTH, body.len())
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
        }
    };
    response.unwrap_or_else(|error| panic!("a scripted reply is not a response: {error}"))
}

fn gzip(body: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let written = encoder.write_all(body).and_then(|()| encoder.finish());
    written.unwrap_or_else(|error| panic!("gzip: {error}"))
}
