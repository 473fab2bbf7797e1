//! HealthChain record gateway: the document repository that serves health documents only under
//! on-chain consent (IHE Secure Retrieve: the chain decides, the gateway enforces).
//!
//! - [`chain`]: the questions asked of the chain, at the finalized block.
//! - [`auth`]: sr25519-signed single-use challenges and sessions.
//! - [`gateway`]: the operations and their rules.
//! - [`http`]: the HTTP API; [`fhir_api`] the FHIR R4 API; [`audit`] and [`fhir`] their
//!   FHIR resources.
//! - [`db`] and [`store`]: metadata and the audit trail in SQL; encrypted bytes in an object store.

pub mod audit;
pub mod auth;
pub mod chain;
pub mod config;
pub mod db;
pub mod error;
pub mod fhir;
pub mod fhir_api;
pub mod gateway;
pub mod http;
pub mod logging;
pub mod metrics;
pub mod store;

use config::Config;

/// Starts the gateway and serves until Ctrl-C or SIGTERM, then finishes the requests under way.
pub async fn run(config: Config) -> Result<(), String> {
	let metrics = metrics::Metrics::new();
	let db = db::Database::connect(&config.database_url)
		.await
		.map_err(|e| format!("{e} (database {})", config::redact_password(&config.database_url)))?;
	let store = async {
		let store = store::DocumentStore::open(&config.object_store)?;
		store.check().await?;
		Ok::<_, store::StoreError>(store)
	}
	.await
	.map_err(|e| format!("{e} (store {})", config.object_store))?;
	let chain = chain::RpcRegistry::new(config.node.clone(), metrics.clone());
	let finalized = chain.subscribe_finalized();
	tokio::spawn(chain.clone().follow());
	let listener = tokio::net::TcpListener::bind(config.listen)
		.await
		.map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
	let address = listener.local_addr().map_err(|e| e.to_string())?;
	tracing::info!(
		listen = %address,
		node = %config.node,
		database = ?db.backend(),
		store = %config.object_store,
		gateway_id = %config.gateway_id,
		"healthchain-gateway started"
	);
	let gateway = gateway::Gateway::new(config, chain, db, store, metrics);
	tokio::spawn(gateway::housekeeping(gateway.clone(), finalized));
	let app = http::router(gateway).into_make_service_with_connect_info::<std::net::SocketAddr>();
	axum::serve(listener, app)
		.with_graceful_shutdown(shutdown_signal())
		.await
		.map_err(|e| format!("server: {e}"))?;
	tracing::info!("healthchain-gateway stopped");
	Ok(())
}

async fn shutdown_signal() {
	let interrupt = async {
		let _ = tokio::signal::ctrl_c().await;
	};
	let terminate = async {
		match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(mut signal) => {
				signal.recv().await;
			},
			Err(_) => std::future::pending::<()>().await,
		}
	};
	tokio::select! {
		_ = interrupt => {},
		_ = terminate => {},
	}
	tracing::info!("shutting down: finishing the requests under way");
}

pub use gateway::Gateway;
