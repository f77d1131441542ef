//! The record of requests received, in arrival order, for tests to assert on (wiremock's
//! `received_requests()`). Never holds an API key: keys travel in a header, and headers are
//! not recorded. The request log line is built here too, so it has one shape everywhere.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Entries kept; the oldest are dropped beyond this.
pub(crate) const JOURNAL_CAPACITY: usize = 100_000;
/// Bodies longer than this are cut (with a marker) in the journal.
pub(crate) const JOURNAL_BODY_LIMIT: usize = 1 << 20;

/// A detail about a request for the journal only (why a mask was refused, an internal error),
/// carried from a handler to the journal as a response extension.
#[derive(Debug, Clone)]
pub(crate) struct Note(pub(crate) String);

/// One request as the emulator received and answered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// Arrival number, from 1, never reused (not even after a reset).
    pub seq: u64,
    /// Emulator clock when the request arrived, in milliseconds.
    pub at_ms: u64,
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    /// The request body as text (lossy UTF-8).
    pub body: String,
    /// Status answered; 0 when the connection was dropped without an answer (or still running).
    pub status: u16,
    /// The injected fault, by its `Faults` field name (`error_500`, `too_many_requests`,
    /// `drop_connection`, `slow`, `malformed_body`).
    pub fault: Option<String>,
    /// Why the request was refused, when the answer does not say it (e.g. the mask's problem).
    pub note: Option<String>,
}

/// A request as it arrives, before it is answered.
#[derive(Debug, Clone)]
pub(crate) struct Arrival {
    pub(crate) at: Duration,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: Option<String>,
    pub(crate) body: String,
}

#[derive(Debug, Default)]
struct Entries {
    list: VecDeque<JournalEntry>,
    next_seq: u64,
}

/// Thread-safe journal.
#[derive(Debug, Default)]
pub(crate) struct Journal {
    entries: Mutex<Entries>,
}

impl Journal {
    /// Records an arrival and returns its sequence number, to finish it later.
    pub(crate) fn begin(&self, arrival: Arrival) -> u64 {
        let mut entries = self.entries.lock().expect("journal lock");
        entries.next_seq += 1;
        let seq = entries.next_seq;
        let mut body = arrival.body;
        if body.len() > JOURNAL_BODY_LIMIT {
            let mut cut = JOURNAL_BODY_LIMIT;
            while !body.is_char_boundary(cut) {
                cut -= 1;
            }
            body.truncate(cut);
            body.push_str("…[truncated]");
        }
        entries.list.push_back(JournalEntry {
            seq,
            at_ms: arrival.at.as_millis() as u64,
            method: arrival.method,
            path: arrival.path,
            query: arrival.query,
            body,
            status: 0,
            fault: None,
            note: None,
        });
        while entries.list.len() > JOURNAL_CAPACITY {
            entries.list.pop_front();
        }
        seq
    }

    /// Fills in how a request was answered. Does nothing if it was cleared meanwhile.
    pub(crate) fn finish(&self, seq: u64, status: u16, fault: Option<&str>, note: Option<String>) {
        let mut entries = self.entries.lock().expect("journal lock");
        if let Some(entry) = entries.list.iter_mut().rev().find(|entry| entry.seq == seq) {
            entry.status = status;
            entry.fault = fault.map(str::to_string);
            entry.note = note;
        }
    }

    pub(crate) fn snapshot(&self) -> Vec<JournalEntry> {
        self.entries
            .lock()
            .expect("journal lock")
            .list
            .iter()
            .cloned()
            .collect()
    }

    pub(crate) fn clear(&self) {
        self.entries.lock().expect("journal lock").list.clear();
    }
}

/// The one-line request log: method, path, status, fault, time. No headers, no body, no query.
pub(crate) fn log_line(
    method: &str,
    path: &str,
    status: u16,
    fault: Option<&str>,
    took: Duration,
) -> String {
    let status = if status == 0 {
        "---".to_string()
    } else {
        status.to_string()
    };
    let fault = fault
        .map(|fault| format!(" fault={fault}"))
        .unwrap_or_default();
    format!("{method} {path} {status} {}ms{fault}", took.as_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrival(path: &str) -> Arrival {
        Arrival {
            at: Duration::from_millis(5),
            method: "GET".into(),
            path: path.into(),
            query: None,
            body: String::new(),
        }
    }

    #[test]
    fn entries_keep_arrival_order_even_when_finished_out_of_order() {
        let journal = Journal::default();
        let first = journal.begin(arrival("/a"));
        let second = journal.begin(arrival("/b"));
        journal.finish(second, 200, None, None);
        journal.finish(first, 500, Some("error_500"), None);
        let entries = journal.snapshot();
        assert_eq!(entries[0].path, "/a");
        assert_eq!(entries[0].status, 500);
        assert_eq!(entries[0].fault.as_deref(), Some("error_500"));
        assert_eq!(entries[1].status, 200);
    }

    #[test]
    fn the_log_line_has_no_query_or_body() {
        let line = log_line(
            "POST",
            "/v1/midjourney/imagine",
            200,
            Some("slow"),
            Duration::from_millis(12),
        );
        assert_eq!(line, "POST /v1/midjourney/imagine 200 12ms fault=slow");
    }
}
