//! Configuration: command line, then environment, then a TOML file, then defaults.
//!
//! Every option can be given in all three places; the command line wins. `--help` lists each
//! option with its environment variable and file key.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use clap::Parser;
use serde::Deserialize;

use crate::store::StoreLocation;

/// What the gateway needs to start, resolved and checked.
#[derive(Clone, Debug)]
pub struct Config {
	/// WebSocket RPC endpoint of a HealthChain node.
	pub node: String,
	/// Address the HTTP API listens on.
	pub listen: SocketAddr,
	/// Directory for the embedded defaults: the SQLite database and the document store.
	pub data_dir: PathBuf,
	/// SQL database URL (`sqlite://…` or `postgres://…`).
	pub database_url: String,
	/// Where document bytes live: a directory (the default, under the data directory) or an
	/// S3-compatible bucket.
	pub object_store: StoreLocation,
	/// The name this gateway signs challenges with, so a challenge for one gateway is useless at
	/// another.
	pub gateway_id: String,
	/// How long a challenge may be answered.
	pub challenge_ttl: Duration,
	/// How long a session token lasts.
	pub session_ttl: Duration,
	/// How recent the requester's logged access on chain must be for a download.
	pub access_window: Duration,
	/// Largest document accepted, in bytes.
	pub max_document_bytes: u64,
	/// Requests each account may make per second, on average.
	pub rate_limit_per_second: u32,
	/// Requests each account may make in a burst.
	pub rate_limit_burst: u32,
	/// Log format: `text` or `json`.
	pub log_format: LogFormat,
	/// Web origins whose pages may call the API from a browser (CORS).
	pub allowed_origins: AllowedOrigins,
}

/// Which web pages may call the gateway from a browser. Requests carry no cookies (every one is
/// authorised by a signed challenge or a bearer token), so this guards against nothing a
/// signature does not; it keeps other sites from driving a person's browser at the API.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AllowedOrigins {
	/// No browser page from another origin (the default).
	#[default]
	None,
	/// Any page (`*`): a public gateway that patients reach from any app.
	Any,
	/// These origins only, e.g. `https://app.hospital.example`.
	List(Vec<String>),
}

impl AllowedOrigins {
	/// Whether a page from `origin` (as its `Origin` header names it) may call the API.
	pub fn allows(&self, origin: &str) -> bool {
		match self {
			AllowedOrigins::None => false,
			AllowedOrigins::Any => true,
			AllowedOrigins::List(origins) => origins.iter().any(|o| o == origin),
		}
	}
}

impl std::str::FromStr for AllowedOrigins {
	type Err = String;
	/// `*`, or a comma-separated list of `http(s)://host[:port]` origins (no path).
	fn from_str(text: &str) -> Result<Self, Self::Err> {
		let text = text.trim();
		if text.is_empty() {
			return Ok(AllowedOrigins::None);
		}
		if text == "*" {
			return Ok(AllowedOrigins::Any);
		}
		let origins = text
			.split(',')
			.map(|origin| {
				let origin = origin.trim();
				let rest = origin
					.strip_prefix("https://")
					.or_else(|| origin.strip_prefix("http://"))
					.ok_or_else(|| format!("`{origin}` is not an http:// or https:// origin"))?;
				if rest.is_empty()
					|| rest.contains(['/', '?', '#', '@', ' '])
					|| rest.ends_with(':')
				{
					return Err(format!(
						"`{origin}` is not an origin: scheme://host[:port], without a path"
					));
				}
				Ok(origin.to_string())
			})
			.collect::<Result<Vec<_>, _>>()?;
		Ok(AllowedOrigins::List(origins))
	}
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
	/// Human-readable lines with `key=value` fields.
	Text,
	/// One JSON object per line.
	Json,
}

/// HealthChain record gateway: stores encrypted health documents and serves them only when, at
/// the finalized block, the chain's consent allows the requester and holds their logged access.
///
/// Each option may also be set by the environment variable named in its help, or by the key of
/// the same name (with `_` for `-`) in the `--config` TOML file. The command line wins over the
/// environment, which wins over the file.
#[derive(Debug, Default, Parser)]
#[command(name = "healthchain-gateway", version, about, long_about)]
pub struct Cli {
	/// TOML file with any of the options below. [env: HEALTHCHAIN_GATEWAY_CONFIG]
	#[arg(long, value_name = "FILE")]
	pub config: Option<PathBuf>,
	/// WebSocket RPC endpoint of a HealthChain node. [env: HEALTHCHAIN_GATEWAY_NODE]
	/// [default: ws://127.0.0.1:9944]
	#[arg(long, value_name = "WS_URL")]
	pub node: Option<String>,
	/// Address and port the HTTP API listens on. [env: HEALTHCHAIN_GATEWAY_LISTEN]
	/// [default: 127.0.0.1:8088]
	#[arg(long, value_name = "ADDR:PORT")]
	pub listen: Option<String>,
	/// Directory for the embedded defaults (SQLite database `gateway.sqlite` and the document
	/// store `documents/`); created if missing. [env: HEALTHCHAIN_GATEWAY_DATA_DIR]
	/// [default: ./gateway-data]
	#[arg(long, value_name = "DIR")]
	pub data_dir: Option<PathBuf>,
	/// SQL database: `sqlite://PATH` or `postgres://USER@HOST:PORT/DB` (PostgreSQL for
	/// production). [env: HEALTHCHAIN_GATEWAY_DATABASE_URL]
	/// [default: sqlite://DATA_DIR/gateway.sqlite]
	#[arg(long, value_name = "URL")]
	pub database_url: Option<String>,
	/// The content-addressed document store: a directory, or `s3://BUCKET[/PREFIX]` for an
	/// S3-compatible bucket, configured by the standard AWS variables (AWS_ACCESS_KEY_ID,
	/// AWS_SECRET_ACCESS_KEY, AWS_REGION, and AWS_ENDPOINT with AWS_ALLOW_HTTP=true for a
	/// non-Amazon server on plain HTTP). [env: HEALTHCHAIN_GATEWAY_OBJECT_STORE]
	/// [default: DATA_DIR/documents]
	#[arg(long, value_name = "DIR|s3://BUCKET[/PREFIX]")]
	pub object_store: Option<String>,
	/// This gateway's name in the challenges requesters sign. [env: HEALTHCHAIN_GATEWAY_ID]
	/// [default: healthchain-gateway]
	#[arg(long, value_name = "NAME")]
	pub gateway_id: Option<String>,
	/// Seconds a challenge may be answered. [env: HEALTHCHAIN_GATEWAY_CHALLENGE_TTL] [default: 120]
	#[arg(long, value_name = "SECONDS")]
	pub challenge_ttl: Option<u64>,
	/// Seconds a session token lasts. [env: HEALTHCHAIN_GATEWAY_SESSION_TTL] [default: 900]
	#[arg(long, value_name = "SECONDS")]
	pub session_ttl: Option<u64>,
	/// Seconds within which the requester's access must have been logged on chain before a
	/// download. [env: HEALTHCHAIN_GATEWAY_ACCESS_WINDOW] [default: 900]
	#[arg(long, value_name = "SECONDS")]
	pub access_window: Option<u64>,
	/// Largest document accepted, in bytes. [env: HEALTHCHAIN_GATEWAY_MAX_DOCUMENT_BYTES]
	/// [default: 33554432 (32 MiB)]
	#[arg(long, value_name = "BYTES")]
	pub max_document_bytes: Option<u64>,
	/// Requests per second each account may make on average.
	/// [env: HEALTHCHAIN_GATEWAY_RATE_LIMIT] [default: 50]
	#[arg(long, value_name = "N")]
	pub rate_limit: Option<u32>,
	/// Requests each account may make in a burst. [env: HEALTHCHAIN_GATEWAY_RATE_BURST]
	/// [default: 100]
	#[arg(long, value_name = "N")]
	pub rate_burst: Option<u32>,
	/// Log format. Verbosity follows RUST_LOG (default `info`). [env: HEALTHCHAIN_GATEWAY_LOG_FORMAT]
	/// [default: text]
	#[arg(long, value_name = "FORMAT")]
	pub log_format: Option<LogFormat>,
	/// Web origins whose pages may call the API from a browser: `*` for any, or a
	/// comma-separated list such as `https://app.hospital.example,http://127.0.0.1:8090`.
	/// [env: HEALTHCHAIN_GATEWAY_ALLOWED_ORIGINS] [default: none]
	#[arg(long, value_name = "ORIGINS")]
	pub allowed_origins: Option<String>,
}

/// The `--config` file: the same options, every one optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
	node: Option<String>,
	listen: Option<String>,
	data_dir: Option<PathBuf>,
	database_url: Option<String>,
	object_store: Option<String>,
	gateway_id: Option<String>,
	challenge_ttl: Option<u64>,
	session_ttl: Option<u64>,
	access_window: Option<u64>,
	max_document_bytes: Option<u64>,
	rate_limit: Option<u32>,
	rate_burst: Option<u32>,
	log_format: Option<LogFormat>,
	allowed_origins: Option<String>,
}

/// A configuration that cannot be used, with what to change.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
	/// The config file could not be read or parsed.
	#[error("config file {path}: {reason}")]
	File { path: PathBuf, reason: String },
	/// An environment variable holds something that is not a value of its option.
	#[error("environment variable {name}={value:?}: {reason}")]
	Env { name: &'static str, value: String, reason: String },
	/// An option's value is out of range or malformed.
	#[error("--{option}: {reason}")]
	Invalid { option: &'static str, reason: String },
}

/// Reads an environment variable, parsed; `Ok(None)` when unset or empty.
fn env<T: std::str::FromStr>(
	lookup: &impl Fn(&str) -> Option<String>,
	name: &'static str,
) -> Result<Option<T>, ConfigError>
where
	T::Err: std::fmt::Display,
{
	match lookup(name).filter(|value| !value.is_empty()) {
		None => Ok(None),
		Some(value) => value.parse().map(Some).map_err(|e: T::Err| ConfigError::Env {
			name,
			value,
			reason: e.to_string(),
		}),
	}
}

impl std::str::FromStr for LogFormat {
	type Err = String;
	fn from_str(s: &str) -> Result<Self, Self::Err> {
		match s {
			"text" => Ok(LogFormat::Text),
			"json" => Ok(LogFormat::Json),
			other => Err(format!("expected `text` or `json`, got `{other}`")),
		}
	}
}

impl Config {
	/// Resolves the options from the command line, the process environment and the config file.
	pub fn load(cli: Cli) -> Result<Self, ConfigError> {
		Self::resolve(cli, |name| std::env::var(name).ok())
	}

	/// Resolves the options with `lookup` standing for the environment (tests pass a map).
	pub fn resolve(cli: Cli, lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
		let config_path = match cli.config.clone() {
			Some(path) => Some(path),
			None => env::<PathBuf>(&lookup, "HEALTHCHAIN_GATEWAY_CONFIG")?,
		};
		let file = match config_path {
			None => FileConfig::default(),
			Some(path) => {
				let text = std::fs::read_to_string(&path)
					.map_err(|e| ConfigError::File { path: path.clone(), reason: e.to_string() })?;
				toml::from_str(&text)
					.map_err(|e| ConfigError::File { path, reason: e.to_string() })?
			},
		};
		macro_rules! pick {
			($field:ident, $var:literal) => {
				match cli.$field.clone() {
					Some(value) => Some(value),
					None => match env(&lookup, $var)? {
						Some(value) => Some(value),
						None => file.$field.clone(),
					},
				}
			};
		}

		let node: String =
			pick!(node, "HEALTHCHAIN_GATEWAY_NODE").unwrap_or_else(|| "ws://127.0.0.1:9944".into());
		if !(node.starts_with("ws://") || node.starts_with("wss://")) {
			return Err(ConfigError::Invalid {
				option: "node",
				reason: format!("`{node}` is not a ws:// or wss:// URL of a node's RPC"),
			});
		}
		let listen_text: String =
			pick!(listen, "HEALTHCHAIN_GATEWAY_LISTEN").unwrap_or_else(|| "127.0.0.1:8088".into());
		let listen = listen_text.parse().map_err(|_| ConfigError::Invalid {
			option: "listen",
			reason: format!("`{listen_text}` is not an address:port such as 127.0.0.1:8088"),
		})?;
		let data_dir: PathBuf = pick!(data_dir, "HEALTHCHAIN_GATEWAY_DATA_DIR")
			.unwrap_or_else(|| "gateway-data".into());
		let database_url: String = pick!(database_url, "HEALTHCHAIN_GATEWAY_DATABASE_URL")
			.unwrap_or_else(|| format!("sqlite://{}", data_dir.join("gateway.sqlite").display()));
		if !(database_url.starts_with("sqlite:")
			|| database_url.starts_with("postgres://")
			|| database_url.starts_with("postgresql://"))
		{
			return Err(ConfigError::Invalid {
				option: "database-url",
				reason: format!(
					"`{}` is neither sqlite://PATH nor postgres://…",
					redact_password(&database_url)
				),
			});
		}
		let object_store = match pick!(object_store, "HEALTHCHAIN_GATEWAY_OBJECT_STORE") {
			None => StoreLocation::Directory(data_dir.join("documents")),
			Some(text) => text
				.parse()
				.map_err(|reason| ConfigError::Invalid { option: "object-store", reason })?,
		};
		let gateway_id: String = pick!(gateway_id, "HEALTHCHAIN_GATEWAY_ID")
			.unwrap_or_else(|| "healthchain-gateway".into());
		if gateway_id.is_empty()
			|| gateway_id.len() > 64
			|| !gateway_id.chars().all(|c| c.is_ascii_alphanumeric() || "-._:".contains(c))
		{
			return Err(ConfigError::Invalid {
				option: "gateway-id",
				reason: "1 to 64 characters of letters, digits and - . _ :".into(),
			});
		}
		let seconds = |option: &'static str, value: Option<u64>, default: u64, max: u64| {
			let value = value.unwrap_or(default);
			if value == 0 || value > max {
				Err(ConfigError::Invalid {
					option,
					reason: format!("{value} is not in 1..={max} seconds"),
				})
			} else {
				Ok(Duration::from_secs(value))
			}
		};
		let challenge_ttl = seconds(
			"challenge-ttl",
			pick!(challenge_ttl, "HEALTHCHAIN_GATEWAY_CHALLENGE_TTL"),
			120,
			3_600,
		)?;
		let session_ttl = seconds(
			"session-ttl",
			pick!(session_ttl, "HEALTHCHAIN_GATEWAY_SESSION_TTL"),
			900,
			86_400,
		)?;
		let access_window = seconds(
			"access-window",
			pick!(access_window, "HEALTHCHAIN_GATEWAY_ACCESS_WINDOW"),
			900,
			7 * 86_400,
		)?;
		let max_document_bytes: u64 =
			pick!(max_document_bytes, "HEALTHCHAIN_GATEWAY_MAX_DOCUMENT_BYTES")
				.unwrap_or(32 * 1024 * 1024);
		if max_document_bytes == 0 || max_document_bytes > 4 * 1024 * 1024 * 1024 {
			return Err(ConfigError::Invalid {
				option: "max-document-bytes",
				reason: format!("{max_document_bytes} is not in 1..=4 GiB"),
			});
		}
		let rate_limit_per_second: u32 =
			pick!(rate_limit, "HEALTHCHAIN_GATEWAY_RATE_LIMIT").unwrap_or(50);
		let rate_limit_burst: u32 =
			pick!(rate_burst, "HEALTHCHAIN_GATEWAY_RATE_BURST").unwrap_or(100);
		if rate_limit_per_second == 0 || rate_limit_burst == 0 {
			return Err(ConfigError::Invalid {
				option: "rate-limit",
				reason: "the rate and the burst must both be at least 1".into(),
			});
		}
		let log_format =
			pick!(log_format, "HEALTHCHAIN_GATEWAY_LOG_FORMAT").unwrap_or(LogFormat::Text);

		let allowed_origins = pick!(allowed_origins, "HEALTHCHAIN_GATEWAY_ALLOWED_ORIGINS")
			.unwrap_or_default()
			.parse()
			.map_err(|reason| ConfigError::Invalid { option: "allowed-origins", reason })?;

		Ok(Config {
			node,
			listen,
			data_dir,
			database_url,
			object_store,
			gateway_id,
			challenge_ttl,
			session_ttl,
			access_window,
			max_document_bytes,
			rate_limit_per_second,
			rate_limit_burst,
			log_format,
			allowed_origins,
		})
	}
}

/// The URL with any password replaced, for logs and error messages.
pub fn redact_password(url: &str) -> String {
	match (url.find("://"), url.rfind('@')) {
		(Some(scheme_end), Some(at)) if at > scheme_end => {
			let credentials = &url[scheme_end + 3..at];
			match credentials.find(':') {
				Some(colon) => {
					format!("{}{}:***{}", &url[..scheme_end + 3], &credentials[..colon], &url[at..])
				},
				None => url.to_string(),
			}
		},
		_ => url.to_string(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::collections::HashMap;

	fn resolve(cli: Cli, env: &[(&str, &str)]) -> Result<Config, ConfigError> {
		let env: HashMap<String, String> =
			env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
		Config::resolve(cli, move |name| env.get(name).cloned())
	}

	#[test]
	fn defaults_need_nothing_but_a_directory() {
		let config = resolve(Cli::default(), &[]).unwrap();
		assert_eq!(config.node, "ws://127.0.0.1:9944");
		assert_eq!(config.database_url, "sqlite://gateway-data/gateway.sqlite");
		assert_eq!(
			config.object_store,
			StoreLocation::Directory(PathBuf::from("gateway-data/documents"))
		);
		assert_eq!(config.access_window, Duration::from_secs(900));
	}

	#[test]
	fn the_command_line_wins_over_the_environment_which_wins_over_the_file() {
		let dir = std::env::temp_dir().join(format!("gw-config-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let file = dir.join("gateway.toml");
		std::fs::write(&file, "node = \"ws://file:1\"\nlisten = \"0.0.0.0:1\"\nsession_ttl = 60\n")
			.unwrap();
		let cli = Cli { config: Some(file), node: Some("ws://cli:3".into()), ..Default::default() };
		let config = resolve(
			cli,
			&[
				("HEALTHCHAIN_GATEWAY_NODE", "ws://env:2"),
				("HEALTHCHAIN_GATEWAY_LISTEN", "127.0.0.1:2"),
			],
		)
		.unwrap();
		assert_eq!(config.node, "ws://cli:3");
		assert_eq!(config.listen, "127.0.0.1:2".parse().unwrap());
		assert_eq!(config.session_ttl, Duration::from_secs(60));
		std::fs::remove_dir_all(dir).unwrap();
	}

	#[test]
	fn bad_values_are_named_with_what_to_change() {
		let bad = |cli: Cli, env: &[(&str, &str)]| resolve(cli, env).unwrap_err().to_string();
		assert!(bad(Cli { node: Some("http://x".into()), ..Default::default() }, &[])
			.contains("--node"));
		assert!(bad(Cli { listen: Some("nowhere".into()), ..Default::default() }, &[])
			.contains("--listen"));
		assert!(bad(Cli::default(), &[("HEALTHCHAIN_GATEWAY_SESSION_TTL", "soon")])
			.contains("HEALTHCHAIN_GATEWAY_SESSION_TTL"));
		assert!(bad(Cli { challenge_ttl: Some(0), ..Default::default() }, &[])
			.contains("--challenge-ttl"));
		assert!(bad(Cli::default(), &[("HEALTHCHAIN_GATEWAY_OBJECT_STORE", "gs://bucket")])
			.contains("--object-store"));
		assert!(bad(
			Cli { database_url: Some("mysql://u:secret@h/db".into()), ..Default::default() },
			&[]
		)
		.contains("u:***@h/db"));
		assert!(bad(
			Cli { config: Some("/nonexistent/gw.toml".into()), ..Default::default() },
			&[]
		)
		.contains("/nonexistent/gw.toml"));
		assert!(bad(
			Cli { allowed_origins: Some("https://app.example/path".into()), ..Default::default() },
			&[]
		)
		.contains("--allowed-origins"));
		assert!(bad(Cli::default(), &[("HEALTHCHAIN_GATEWAY_ALLOWED_ORIGINS", "app.example")])
			.contains("--allowed-origins"));
	}

	#[test]
	fn browser_origins_are_none_unless_named() {
		let origins = |text: &str| {
			resolve(Cli { allowed_origins: Some(text.into()), ..Default::default() }, &[])
				.unwrap()
				.allowed_origins
		};
		assert_eq!(resolve(Cli::default(), &[]).unwrap().allowed_origins, AllowedOrigins::None);
		assert!(!AllowedOrigins::None.allows("http://127.0.0.1:8090"));
		assert!(origins("*").allows("https://anywhere.example"));
		let list = origins("https://app.hospital.example, http://127.0.0.1:8090");
		assert!(list.allows("http://127.0.0.1:8090"));
		assert!(list.allows("https://app.hospital.example"));
		assert!(!list.allows("https://evil.example"));
		assert!(!list.allows("http://app.hospital.example"));
	}
}
