//! Load benchmark: authorised downloads from the gateway against the same files from a plain
//! static file server, side by side in one run. Not a timed test: `scripts/gateway-bench.sh`
//! prepares the chain (records, a grant, logged accesses, a session) and runs this with
//!
//! ```text
//! GATEWAY_BENCH_GATEWAY=http://127.0.0.1:PORT   the gateway under test
//! GATEWAY_BENCH_TOKEN=...                       a session token for the reader
//! GATEWAY_BENCH_RECORDS=1,2,3                   record ids the reader may download
//! GATEWAY_BENCH_FILES=/dir                      the same ciphertexts, one file per record id
//! GATEWAY_BENCH_GATEWAY_PID=1234                the gateway's process, to read its CPU time
//! GATEWAY_BENCH_SECONDS=10  GATEWAY_BENCH_CONCURRENCY=16  GATEWAY_BENCH_ROUNDS=3
//! ```
//!
//! Each round loads the gateway, then the static server, as fast as each answers, then the
//! static server again held to the gateway's rate, for GATEWAY_BENCH_SECONDS each. CPU time per
//! request falls as the request rate rises (more work per wake-up, fewer idle spins), so the
//! same-rate run is the like-for-like cost of the gateway's traffic; both ratios are reported.
//! The summary is the median round of each, since the node's block production and the kernel
//! share the same two cores and move single runs by ±20 %.
//!
//! The static server runs in a process of its own (this binary, re-run with `--serve-static
//! DIR`) on the same runtime stack (tokio, hyper via axum) and reads each file from disk per
//! request, as a web server without a cache would. Both servers share the two cores with the
//! client and the node, so besides throughput the report gives each server's own CPU time per
//! request (from `/proc/PID/stat`): the cost a request puts on the machine that serves it.

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

/// Serves `dir/<id>` at `/files/<id>` until killed, after printing its address.
async fn serve_static(dir: PathBuf) {
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
	println!("{}", listener.local_addr().expect("bound"));
	axum::serve(listener, app).await.expect("static server");
}

/// The static server in its own process, and its address.
fn spawn_static_server(dir: &std::path::Path) -> (std::process::Child, SocketAddr) {
	let mut child = std::process::Command::new(std::env::current_exe().expect("this binary"))
		.arg("--serve-static")
		.arg(dir)
		.stdout(std::process::Stdio::piped())
		.spawn()
		.expect("the static server starts");
	let mut line = String::new();
	std::io::BufRead::read_line(
		&mut std::io::BufReader::new(child.stdout.take().expect("its stdout")),
		&mut line,
	)
	.expect("its address");
	(child, line.trim().parse().expect("an address"))
}

/// A process's CPU time (user and system) so far, from `/proc/PID/stat`, whose clock ticks
/// are USER_HZ, 100 a second on Linux.
fn cpu_time(pid: u32) -> Duration {
	let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the process runs");
	// Fields after the parenthesised command name; utime and stime are the 14th and 15th.
	let fields: Vec<&str> =
		stat.rsplit_once(')').expect("a stat line").1.split_whitespace().collect();
	let ticks: u64 =
		fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
	Duration::from_millis(ticks * 10)
}

/// Result of one load run.
struct Run {
	requests: usize,
	failures: usize,
	elapsed: Duration,
	latencies: Vec<Duration>,
	/// The server process's CPU time during the run.
	server_cpu: Duration,
}

impl Run {
	fn cpu_per_request(&self) -> Duration {
		self.server_cpu / u32::try_from(self.requests.max(1)).unwrap_or(u32::MAX)
	}
	fn per_second(&self) -> f64 {
		self.requests as f64 / self.elapsed.as_secs_f64()
	}
	fn percentile(&self, p: f64) -> Duration {
		let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
		self.latencies.get(index).copied().unwrap_or_default()
	}
}

/// The header a gateway download carries the requester's wrapped data key in.
const WRAPPED_KEY: &str = "x-healthchain-wrapped-key";

/// `concurrency` workers fetch `urls` round-robin for `seconds`, each checking the body size
/// (and, from the gateway, that the requester's wrapped key came with it): as fast as the
/// server answers, or at `rate` requests a second in all.
async fn load(
	urls: Vec<String>,
	auth: Option<String>,
	server: u32,
	expected_len: usize,
	seconds: u64,
	concurrency: usize,
	rate: Option<f64>,
) -> Run {
	let cpu_before = cpu_time(server);
	let wrapped_key = auth.is_some();
	let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
	let urls = Arc::new(urls);
	let deadline = Instant::now() + Duration::from_secs(seconds);
	let started = Instant::now();
	let mut workers = Vec::new();
	for worker in 0..concurrency {
		let (client, urls, auth) = (client.clone(), urls.clone(), auth.clone());
		// Paced workers take turns: each sends every `concurrency / rate` seconds, offset by
		// its number, and catches up in a burst when the timer fell behind.
		let mut pace = rate.filter(|rate| *rate > 0.0).map(|rate| {
			let mut interval = tokio::time::interval_at(
				tokio::time::Instant::now() + Duration::from_secs_f64(worker as f64 / rate),
				Duration::from_secs_f64(concurrency as f64 / rate),
			);
			interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
			interval
		});
		workers.push(tokio::spawn(async move {
			let (mut latencies, mut failures, mut n) = (Vec::new(), 0usize, worker);
			while Instant::now() < deadline {
				if let Some(pace) = pace.as_mut() {
					pace.tick().await;
				}
				let url = &urls[n % urls.len()];
				n += 1;
				let mut request = hyper::Request::get(url.as_str());
				if let Some(auth) = &auth {
					request = request.header("authorization", auth.as_str());
				}
				let sent = Instant::now();
				let ok = match client.request(request.body(Empty::new()).expect("request")).await {
					Ok(response)
						if response.status().is_success()
							&& (!wrapped_key || response.headers().contains_key(WRAPPED_KEY)) =>
					{
						response
							.into_body()
							.collect()
							.await
							.map(|body| body.to_bytes().len() == expected_len)
							.unwrap_or(false)
					},
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
	let mut run = Run {
		requests: 0,
		failures: 0,
		elapsed: Duration::ZERO,
		latencies: Vec::new(),
		server_cpu: Duration::ZERO,
	};
	for worker in workers {
		let (latencies, failures) = worker.await.expect("worker");
		run.requests += latencies.len();
		run.failures += failures;
		run.latencies.extend(latencies);
	}
	run.elapsed = started.elapsed();
	run.server_cpu = cpu_time(server).saturating_sub(cpu_before);
	run.latencies.sort();
	run
}

fn report(name: &str, run: &Run) {
	println!(
		"{name:<22} {:>8.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  server CPU {:>6.1} µs/req  ({} requests, {} failed)",
		run.per_second(),
		run.percentile(0.50).as_secs_f64() * 1e3,
		run.percentile(0.99).as_secs_f64() * 1e3,
		run.cpu_per_request().as_secs_f64() * 1e6,
		run.requests,
		run.failures,
	);
}

#[tokio::main]
async fn main() {
	// `cargo bench` passes `--bench`; the only other argument is the static server's own.
	let args: Vec<String> = std::env::args().collect();
	if let Some(at) = args.iter().position(|arg| arg == "--serve-static") {
		serve_static(PathBuf::from(&args[at + 1])).await;
		return;
	}
	let gateway = env("GATEWAY_BENCH_GATEWAY");
	let gateway_pid: u32 = env("GATEWAY_BENCH_GATEWAY_PID").parse().expect("a process id");
	let token = env("GATEWAY_BENCH_TOKEN");
	let records: Vec<u64> = env("GATEWAY_BENCH_RECORDS")
		.split(',')
		.map(|id| id.trim().parse().expect("record ids are numbers"))
		.collect();
	let files = PathBuf::from(env("GATEWAY_BENCH_FILES"));
	let seconds: u64 = std::env::var("GATEWAY_BENCH_SECONDS")
		.ok()
		.and_then(|s| s.parse().ok())
		.unwrap_or(10);
	let rounds: usize = std::env::var("GATEWAY_BENCH_ROUNDS")
		.ok()
		.and_then(|s| s.parse().ok())
		.filter(|&n| n > 0)
		.unwrap_or(3);
	let concurrency: usize = std::env::var("GATEWAY_BENCH_CONCURRENCY")
		.ok()
		.and_then(|s| s.parse().ok())
		.unwrap_or(16);
	let expected_len = std::fs::metadata(files.join(records[0].to_string()))
		.expect("the first file")
		.len() as usize;

	let (mut static_server, static_address) = spawn_static_server(&files);
	let static_pid = static_server.id();
	let gateway_urls = records.iter().map(|id| format!("{gateway}/records/{id}/content")).collect();
	let static_urls =
		records.iter().map(|id| format!("http://{static_address}/files/{id}")).collect();

	println!(
		"authorised downloads of {} KiB documents, {} records, {concurrency} concurrent, \
		 {rounds} rounds of {seconds} s each",
		expected_len / 1024,
		records.len()
	);
	// A short warm-up fills the gateway's per-block decision cache and the page cache.
	let bearer = Some(format!("Bearer {token}"));
	load(
		Vec::clone(&gateway_urls),
		bearer.clone(),
		gateway_pid,
		expected_len,
		2,
		concurrency,
		None,
	)
	.await;
	let mut saturated = Vec::new();
	let mut at_equal_rate = Vec::new();
	for round in 1..=rounds {
		let through_gateway = load(
			Vec::clone(&gateway_urls),
			bearer.clone(),
			gateway_pid,
			expected_len,
			seconds,
			concurrency,
			None,
		)
		.await;
		let from_static = load(
			Vec::clone(&static_urls),
			None,
			static_pid,
			expected_len,
			seconds,
			concurrency,
			None,
		)
		.await;
		// CPU per request falls as load rises (more work per wake-up), so the static server
		// is also held to the gateway's own rate: the cost of the same traffic.
		let paced_static = load(
			Vec::clone(&static_urls),
			None,
			static_pid,
			expected_len,
			seconds,
			concurrency,
			Some(through_gateway.per_second()),
		)
		.await;
		println!("round {round}");
		report("  healthchain-gateway", &through_gateway);
		report("  static file server", &from_static);
		report("  static, gateway's rate", &paced_static);
		let ratio = |other: &Run| {
			through_gateway.cpu_per_request().as_secs_f64() / other.cpu_per_request().as_secs_f64()
		};
		let (cpu_ratio, equal_rate_ratio) = (ratio(&from_static), ratio(&paced_static));
		let throughput_ratio = from_static.per_second() / through_gateway.per_second();
		println!(
			"  cost per request, gateway / static: {cpu_ratio:.2}x in server CPU time at each \
			 one's full speed ({throughput_ratio:.2}x in throughput on the shared cores); \
			 {equal_rate_ratio:.2}x at the same rate"
		);
		assert_eq!(
			through_gateway.failures, 0,
			"every gateway download was authorised and complete"
		);
		saturated.push((cpu_ratio, through_gateway, from_static));
		at_equal_rate.push((equal_rate_ratio, paced_static));
	}
	let _ = static_server.kill();
	// The median round by each ratio, reported whole.
	saturated.sort_by(|a, b| a.0.total_cmp(&b.0));
	at_equal_rate.sort_by(|a, b| a.0.total_cmp(&b.0));
	let (cpu_ratio, through_gateway, from_static) = &saturated[saturated.len() / 2];
	let (equal_rate_ratio, paced_static) = &at_equal_rate[at_equal_rate.len() / 2];
	println!("median round, each server at full speed");
	report("  healthchain-gateway", through_gateway);
	report("  static file server", from_static);
	println!(
		"  cost per request, gateway / static: {cpu_ratio:.2}x in server CPU time; {:.2}x in \
		 throughput on the shared cores",
		from_static.per_second() / through_gateway.per_second(),
	);
	println!("median round, the static server at the gateway's rate");
	report("  static, gateway's rate", paced_static);
	println!("  cost per request, gateway / static: {equal_rate_ratio:.2}x in server CPU time");
}
