//! Prometheus metrics, served at `/metrics`.

use prometheus::{
	Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder,
};

/// Every metric the gateway exports. Cheap to clone: the metrics are shared handles.
#[derive(Clone)]
pub struct Metrics {
	registry: Registry,
	/// Requests by route and HTTP status.
	pub requests: IntCounterVec,
	/// Request latency by route.
	pub request_seconds: HistogramVec,
	/// Access decisions by operation and outcome (`allowed`, or the reason for a refusal).
	pub decisions: IntCounterVec,
	/// Latency of runtime API calls to the node, by method.
	pub chain_call_seconds: HistogramVec,
	/// The latest finalized block number the gateway decides at.
	pub finalized_number: IntGauge,
	/// The node's best block number.
	pub best_number: IntGauge,
	/// How many blocks the finalized head is behind the best head.
	pub chain_lag_blocks: IntGauge,
	/// 1 while connected to the node.
	pub chain_connected: IntGauge,
	/// Stored bytes served or refused because their hash no longer matched the chain's.
	pub integrity_failures: IntGauge,
}

impl Metrics {
	/// A fresh set of metrics in its own registry.
	pub fn new() -> Self {
		let registry = Registry::new();
		let latency_buckets =
			vec![0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];
		let requests = IntCounterVec::new(
			Opts::new("healthchain_gateway_requests_total", "HTTP requests by route and status"),
			&["route", "status"],
		)
		.expect("static metric definition");
		let request_seconds = HistogramVec::new(
			HistogramOpts::new("healthchain_gateway_request_seconds", "HTTP request latency")
				.buckets(latency_buckets.clone()),
			&["route"],
		)
		.expect("static metric definition");
		let decisions = IntCounterVec::new(
			Opts::new(
				"healthchain_gateway_decisions_total",
				"Access decisions by operation and outcome",
			),
			&["operation", "outcome"],
		)
		.expect("static metric definition");
		let chain_call_seconds = HistogramVec::new(
			HistogramOpts::new(
				"healthchain_gateway_chain_call_seconds",
				"Latency of runtime API calls to the node",
			)
			.buckets(latency_buckets),
			&["method"],
		)
		.expect("static metric definition");
		let gauge =
			|name: &str, help: &str| IntGauge::new(name, help).expect("static metric definition");
		let finalized_number =
			gauge("healthchain_gateway_finalized_block", "Finalized block the gateway decides at");
		let best_number = gauge("healthchain_gateway_best_block", "The node's best block");
		let chain_lag_blocks = gauge(
			"healthchain_gateway_chain_lag_blocks",
			"Blocks between the best and the finalized head",
		);
		let chain_connected =
			gauge("healthchain_gateway_chain_connected", "1 while connected to the node");
		let integrity_failures = gauge(
			"healthchain_gateway_integrity_failures",
			"Stored documents whose bytes no longer match the chain's hash",
		);
		for collector in [
			Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
			Box::new(request_seconds.clone()),
			Box::new(decisions.clone()),
			Box::new(chain_call_seconds.clone()),
			Box::new(finalized_number.clone()),
			Box::new(best_number.clone()),
			Box::new(chain_lag_blocks.clone()),
			Box::new(chain_connected.clone()),
			Box::new(integrity_failures.clone()),
		] {
			registry.register(collector).expect("each metric is registered once");
		}
		Self {
			registry,
			requests,
			request_seconds,
			decisions,
			chain_call_seconds,
			finalized_number,
			best_number,
			chain_lag_blocks,
			chain_connected,
			integrity_failures,
		}
	}

	/// The metrics in Prometheus' text exposition format.
	pub fn render(&self) -> String {
		let mut buffer = Vec::new();
		// Encoding into a Vec cannot fail for the text format.
		let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buffer);
		String::from_utf8(buffer).unwrap_or_default()
	}
}

impl Default for Metrics {
	fn default() -> Self {
		Self::new()
	}
}
