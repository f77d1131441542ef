//! A bounded loopback load test: 1,000 concurrent Midjourney tasks, each polled until done,
//! through real sockets with at most `IN_FLIGHT` requests at a time. No server error may
//! appear (no faults are configured), every task must finish, and the whole run must stay
//! within `TIME_LIMIT`. Prints requests per second.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use gptunnel_emulator::{Emulator, Settings};
use reqwest::Client;
use serde_json::Value;
use tokio::sync::Semaphore;

const TASKS: usize = 1_000;
const IN_FLIGHT: usize = 64;
const POLL_INTERVAL: Duration = Duration::from_millis(20);
const TIME_LIMIT: Duration = Duration::from_secs(120);

#[derive(Default)]
struct Tally {
    requests: AtomicUsize,
    failures: AtomicUsize,
}

async fn exchange(
    gate: &Semaphore,
    tally: &Tally,
    request: reqwest::RequestBuilder,
) -> Option<Value> {
    let _permit = gate.acquire().await.expect("gate open");
    tally.requests.fetch_add(1, Ordering::Relaxed);
    let outcome = async {
        let response = request.send().await.map_err(|error| error.to_string())?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|error| error.to_string())?;
        if !status.is_success() {
            return Err(format!("{status}: {}", String::from_utf8_lossy(&bytes)));
        }
        serde_json::from_slice::<Value>(&bytes).map_err(|error| error.to_string())
    }
    .await;
    match outcome {
        Ok(value) => Some(value),
        Err(error) => {
            if tally.failures.fetch_add(1, Ordering::Relaxed) < 5 {
                eprintln!("load: request failed: {error}");
            }
            None
        }
    }
}

async fn one_task(
    base: Arc<String>,
    client: Client,
    gate: Arc<Semaphore>,
    tally: Arc<Tally>,
    n: usize,
) -> bool {
    let create = client
        .post(format!("{base}/v1/midjourney/imagine"))
        .header("authorization", "load-test")
        .body(format!(r#"{{"prompt":"load test {n}"}}"#));
    let Some(task) = exchange(&gate, &tally, create).await else {
        return false;
    };
    let Some(id) = task["id"].as_str().map(str::to_string) else {
        return false;
    };
    loop {
        tokio::time::sleep(POLL_INTERVAL).await;
        let poll = client
            .get(format!("{base}/v1/midjourney/result?taskId={id}"))
            .header("authorization", "load-test");
        match exchange(&gate, &tally, poll).await {
            Some(task) if task["status"] == "done" => return true,
            Some(task) if task["status"] == "idle" || task["status"] == "processing" => continue,
            _ => return false,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_tasks_polled_until_done_meet_no_server_error() {
    let settings = Settings {
        starting_balance: 1e9,
        ..Settings::fast()
    };
    let emulator = Emulator::start(settings).await.unwrap();
    let base = Arc::new(emulator.base_url());
    let client = Client::builder()
        .pool_max_idle_per_host(IN_FLIGHT)
        .build()
        .unwrap();
    let gate = Arc::new(Semaphore::new(IN_FLIGHT));
    let tally = Arc::new(Tally::default());

    let started = Instant::now();
    let runs: Vec<_> = (0..TASKS)
        .map(|n| {
            tokio::spawn(one_task(
                base.clone(),
                client.clone(),
                gate.clone(),
                tally.clone(),
                n,
            ))
        })
        .collect();
    let finished = tokio::time::timeout(TIME_LIMIT, futures::future::join_all(runs))
        .await
        .unwrap_or_else(|_| panic!("the load test took longer than {TIME_LIMIT:?}"));
    let elapsed = started.elapsed();

    let done = finished
        .into_iter()
        .filter(|run| matches!(run, Ok(true)))
        .count();
    let requests = tally.requests.load(Ordering::Relaxed);
    let rate = requests as f64 / elapsed.as_secs_f64();
    println!("load: {TASKS} tasks, {requests} requests in {:.2} s = {rate:.0} requests/s ({IN_FLIGHT} in flight)", elapsed.as_secs_f64());

    assert_eq!(tally.failures.load(Ordering::Relaxed), 0, "requests failed");
    assert_eq!(done, TASKS, "tasks that reached done");
    let journal = emulator.journal();
    assert_eq!(journal.len(), requests, "every request journaled");
    assert!(
        journal
            .iter()
            .all(|entry| entry.status == 200 && entry.fault.is_none()),
        "a non-200 answer was journaled"
    );
    assert!(
        requests >= TASKS * 2,
        "each task was created and polled at least once"
    );
}
