//! The service's upload sessions (`/upload/<id>`): `GET` tells the next expected byte, `PUT`
//! with `Content-Range` appends a chunk that starts there, and the last chunk answers the
//! created item. Faults make chosen `PUT`s lose their chunk.

use std::collections::BTreeMap;

use crate::script::Reply;
use crate::server::{Incoming, ServiceState};

/// How chosen chunk uploads (`PUT`s, counted from 1 in the order they arrive) fail; their
/// bytes are not kept.
#[derive(Clone, Debug, Default)]
pub struct UploadFaults {
    lost: BTreeMap<usize, Option<u16>>,
}

impl UploadFaults {
    pub fn none() -> UploadFaults {
        UploadFaults::default()
    }

    /// The `put`-th chunk upload answers `status` (a Graph error body) and is not kept.
    pub fn fail_with(mut self, put: usize, status: u16) -> UploadFaults {
        self.lost.insert(put, Some(status));
        self
    }

    /// The `put`-th chunk upload loses its connection before its answer is whole, and is
    /// not kept.
    pub fn disconnect(mut self, put: usize) -> UploadFaults {
        self.lost.insert(put, None);
        self
    }
}

/// One session: the size it was created for and the bytes kept so far.
#[derive(Debug)]
pub(crate) struct UploadSession {
    size: u64,
    pub(crate) received: Vec<u8>,
    faults: UploadFaults,
    puts: usize,
}

impl UploadSession {
    pub(crate) fn new(size: u64, faults: UploadFaults) -> UploadSession {
        UploadSession {
            size,
            received: Vec::new(),
            faults,
            puts: 0,
        }
    }

    fn expected(&self) -> Reply {
        Reply::json(
            202,
            serde_json::json!({
                "expirationDateTime": "2030-01-01T00:00:00Z",
                "nextExpectedRanges": [format!("{}-", self.received.len())]
            }),
        )
    }
}

pub(crate) fn answer(state: &mut ServiceState, id: &str, incoming: &Incoming) -> Reply {
    let Some(session) = state.uploads.get_mut(id) else {
        return Reply::graph_error(404, "itemNotFound", "No such upload session.");
    };
    match incoming.method.as_str() {
        "GET" => match session.expected() {
            Reply::Answer { headers, body, .. } => Reply::Answer {
                status: 200,
                headers,
                body,
                gzip: false,
            },
            other => other,
        },
        "PUT" => put(session, incoming),
        _ => Reply::graph_error(405, "invalidRequest", "Upload sessions take GET and PUT."),
    }
}

fn put(session: &mut UploadSession, incoming: &Incoming) -> Reply {
    session.puts += 1;
    let Some((first, last, total)) = content_range(&incoming.headers) else {
        return Reply::graph_error(400, "invalidRequest", "Missing or bad Content-Range.");
    };
    if total != session.size || last + 1 - first != incoming.body.len() as u64 {
        return Reply::graph_error(400, "invalidRequest", "Content-Range does not fit.");
    }
    if first != session.received.len() as u64 {
        return Reply::graph_error(416, "invalidRange", "Not the range the session expects.");
    }
    if let Some(fault) = session.faults.lost.get(&session.puts) {
        return match fault {
            Some(status) => Reply::graph_error(*status, "serviceNotAvailable", "Chunk lost."),
            None => session.expected().cut_off_after(10),
        };
    }
    session.received.extend_from_slice(&incoming.body);
    if session.received.len() as u64 == session.size {
        Reply::json(
            201,
            serde_json::json!({"id": "01UPLOADEDITEM", "name": "big.bin", "size": session.size}),
        )
    } else {
        session.expected()
    }
}

/// `bytes 0-327679/1000000`.
fn content_range(headers: &http::HeaderMap) -> Option<(u64, u64, u64)> {
    let value = headers.get(http::header::CONTENT_RANGE)?.to_str().ok()?;
    let (range, total) = value.strip_prefix("bytes ")?.split_once('/')?;
    let (first, last) = range.split_once('-')?;
    let (first, last) = (first.parse().ok()?, last.parse::<u64>().ok()?);
    (last >= first).then_some((first, last, total.parse().ok()?))
}
