//! What the service answers: [`Reply`], and the scripts of replies tests put in front of the
//! docs' examples.

use std::collections::{BTreeMap, VecDeque};

use crate::docs::{decode, request_key, RequestKey};

/// One answer of the service.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// A status, headers and body; gzipped when asked and the request accepts gzip.
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        gzip: bool,
    },
    /// The status and headers, `Content-Length` of the whole body, then only the first
    /// `sent` bytes of it before the connection drops.
    CutOff {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        sent: usize,
    },
}

impl Reply {
    /// A status with no body.
    pub fn status(status: u16) -> Reply {
        Reply::Answer {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            gzip: false,
        }
    }

    /// A JSON body.
    pub fn json(status: u16, value: serde_json::Value) -> Reply {
        Reply::text(status, "application/json", &value.to_string())
    }

    /// A body of some content type.
    pub fn text(status: u16, content_type: &str, body: &str) -> Reply {
        Reply::Answer {
            status,
            headers: vec![("Content-Type".to_string(), content_type.to_string())],
            body: body.as_bytes().to_vec(),
            gzip: false,
        }
    }

    /// Graph's error body, with an inner error holding a request id.
    pub fn graph_error(status: u16, code: &str, message: &str) -> Reply {
        Reply::json(
            status,
            serde_json::json!({"error": {
                "code": code,
                "message": message,
                "innerError": {"request-id": format!("loopback-{code}"), "date": "2024-05-01T10:00:00"}
            }}),
        )
    }

    /// The same reply with one more header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        match &mut self {
            Reply::Answer { headers, .. } | Reply::CutOff { headers, .. } => {
                headers.push((name.to_string(), value.to_string()));
            }
        }
        self
    }

    /// The same reply, gzipped for a client that accepts it.
    pub fn gzipped(mut self) -> Reply {
        if let Reply::Answer { gzip, .. } = &mut self {
            *gzip = true;
        }
        self
    }

    /// The same reply cut off after `sent` bytes of its body.
    pub fn cut_off_after(self, sent: usize) -> Reply {
        match self {
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
            } => Reply::CutOff {
                status,
                headers,
                body,
                sent,
            },
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            Reply::Answer { status, .. } | Reply::CutOff { status, .. } => *status,
        }
    }

    /// The same reply with every occurrence of `from` in its body replaced by `to`.
    pub fn with_body_replaced(mut self, from: &str, to: &str) -> Reply {
        match &mut self {
            Reply::Answer { body, .. } | Reply::CutOff { body, .. } => {
                let text = String::from_utf8_lossy(body).replace(from, to);
                *body = text.into_bytes();
            }
        }
        self
    }
}

/// Replies scripted for requests, used up in order before the docs answer.
#[derive(Debug, Default)]
pub struct Scripts {
    queues: BTreeMap<RequestKey, VecDeque<Reply>>,
}

impl Scripts {
    /// Queues `replies` for `request`: `"GET /v1.0/users?$top=2"` (method, path below the
    /// server's origin, query in any order).
    pub fn push(&mut self, request: &str, replies: impl IntoIterator<Item = Reply>) {
        let key = parse_request_line(request);
        self.queues.entry(key).or_default().extend(replies);
    }

    /// The next scripted reply for a request, if any is left.
    pub fn take(&mut self, key: &RequestKey) -> Option<Reply> {
        self.queues.get_mut(key).and_then(VecDeque::pop_front)
    }
}

/// `"GET /v1.0/users?$top=2"` as a request key.
pub fn parse_request_line(line: &str) -> RequestKey {
    let (method, target) = line.split_once(' ').unwrap_or(("GET", line));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    request_key(method, &decode(path), parse_query(query))
}

/// Decoded query pairs.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}
