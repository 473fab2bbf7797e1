//! Load benchmark: authorised downloads from the gateway against the same files from a plain
//! static file server, side by side in one run. Not a timed test: `scripts/gateway-bench.sh`
//! prepares the chain (records, a grant, logged accesses, a session) and runs this with
//!
//! ```text
//! GATEWAY_BENCH_GATEWAY=http://127.0.0.1:PORT   the gateway under test
//! GATEWAY_BENCH_TOKEN=...                       a session token for the reader
//! GATEWAY_BENCH_RECORDS=1,2,3                   record ids the reader may download
//! GATEWAY_BENCH_FILES=/dir                      the same ciphertexts, one file per record id
//! GATEWAY_BENCH_SECONDS=15  GATEWAY_BENCH_CONCURRENCY=16
//! ```
//!
//! The static server is started here on the same runtime stack (tokio, hyper via axum) and
//! reads each file from disk per request, as a web server without a cache would.

use std::{
	net::SocketAddr,
	path::PathBuf,
	sync::Arc,
	time::{Duration, Instant},
};

use axum::{extract::Path, http::StatusCode, routing::get, Router};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::{client::legacy::Client, rt::TokioExecutor};

fn env(name: &str) -> String {
	std::env::var(name)
		.unwrap_or_else(|_| panic!("set {name} (see the doc comment of benches/downloads.rs)"))
}

/// Serves `dir/<id>` at `/files/<id>`.
async fn static_server(dir: PathBuf) -> SocketAddr {
	let dir = Arc::new(dir);
	let app = Router::new().route(
		"/files/{id}",
		get(move |Path(id): Path<u64>| {
			let dir = dir.clone();
			async move {
				tokio::fs::read(dir.join(id.to_string()))
					.await
					.map_err(|_| StatusCode::NOT_FOUND)
			}
		}),
	);
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
	let address = listener.local_addr().expect("bound");
	tokio::spawn(async move { axum::serve(listener, app).await.expect("static server") });
	address
}

/// Result of one load run.
struct Run {
	requests: usize,
	failures: usize,
	elapsed: Duration,
	latencies: Vec<Duration>,
}

impl Run {
	fn per_second(&self) -> f64 {
		self.requests as f64 / self.elapsed.as_secs_f64()
	}
	fn percentile(&self, p: f64) -> Duration {
		let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
		self.latencies.get(index).copied().unwrap_or_default()
	}
}

/// `concurrency` workers fetch `urls` round-robin for `seconds`, each checking the body size.
async fn load(
	urls: Vec<String>,
	auth: Option<String>,
	expected_len: usize,
	seconds: u64,
	concurrency: usize,
) -> Run {
	let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
	let urls = Arc::new(urls);
	let deadline = Instant::now() + Duration::from_secs(seconds);
	let started = Instant::now();
	let mut workers = Vec::new();
	for worker in 0..concurrency {
		let (client, urls, auth) = (client.clone(), urls.clone(), auth.clone());
		workers.push(tokio::spawn(async move {
			let (mut latencies, mut failures, mut n) = (Vec::new(), 0usize, worker);
			while Instant::now() < deadline {
				let url = &urls[n % urls.len()];
				n += 1;
				let mut request = hyper::Request::get(url.as_str());
				if let Some(auth) = &auth {
					request = request.header("authorization", auth.as_str());
				}
				let sent = Instant::now();
				let ok = match client.request(request.body(Empty::new()).expect("request")).await {
					Ok(response) if response.status().is_success() => response
						.into_body()
						.collect()
						.await
						.map(|body| body.to_bytes().len() == expected_len)
						.unwrap_or(false),
					_ => false,
				};
				latencies.push(sent.elapsed());
				if !ok {
					failures += 1;
				}
			}
			(latencies, failures)
		}));
	}
	let mut run = Run { requests: 0, failures: 0, elapsed: Duration::ZERO, latencies: Vec::new() };
	for worker in workers {
		let (latencies, failures) = worker.await.expect("worker");
		run.requests += latencies.len();
		run.failures += failures;
		run.latencies.extend(latencies);
	}
	run.elapsed = started.elapsed();
	run.latencies.sort();
	run
}

fn report(name: &str, run: &Run) {
	println!(
		"{name:<22} {:>8.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  ({} requests, {} failed)",
		run.per_second(),
		run.percentile(0.50).as_secs_f64() * 1e3,
		run.percentile(0.99).as_secs_f64() * 1e3,
		run.requests,
		run.failures,
	);
}

#[tokio::main]
async fn main() {
	// `cargo bench` passes `--bench`; there is nothing else to parse.
	let gateway = env("GATEWAY_BENCH_GATEWAY");
	let token = env("GATEWAY_BENCH_TOKEN");
	let records: Vec<u64> = env("GATEWAY_BENCH_RECORDS")
		.split(',')
		.map(|id| id.trim().parse().expect("record ids are numbers"))
		.collect();
	let files = PathBuf::from(env("GATEWAY_BENCH_FILES"));
	let seconds: u64 = std::env::var("GATEWAY_BENCH_SECONDS")
		.ok()
		.and_then(|s| s.parse().ok())
		.unwrap_or(15);
	let concurrency: usize = std::env::var("GATEWAY_BENCH_CONCURRENCY")
		.ok()
		.and_then(|s| s.parse().ok())
		.unwrap_or(16);
	let expected_len = std::fs::metadata(files.join(records[0].to_string()))
		.expect("the first file")
		.len() as usize;

	let static_address = static_server(files).await;
	let gateway_urls = records.iter().map(|id| format!("{gateway}/records/{id}/content")).collect();
	let static_urls =
		records.iter().map(|id| format!("http://{static_address}/files/{id}")).collect();

	println!(
		"authorised downloads of {} KiB documents, {} records, {concurrency} concurrent, {seconds} s each",
		expected_len / 1024,
		records.len()
	);
	// A short warm-up fills the gateway's per-block decision cache and the page cache.
	load(Vec::clone(&gateway_urls), Some(format!("Bearer {token}")), expected_len, 2, concurrency)
		.await;
	let through_gateway =
		load(gateway_urls, Some(format!("Bearer {token}")), expected_len, seconds, concurrency)
			.await;
	let from_static = load(static_urls, None, expected_len, seconds, concurrency).await;
	report("healthchain-gateway", &through_gateway);
	report("static file server", &from_static);
	println!(
		"cost per request, gateway / static: {:.2}x (throughput ratio {:.2})",
		from_static.per_second() / through_gateway.per_second(),
		through_gateway.per_second() / from_static.per_second(),
	);
	assert_eq!(through_gateway.failures, 0, "every gateway download was authorised and complete");
}
