//! Logs: `text` (human-readable, `key=value` fields) or `json` (one object per line, for log
//! collectors). Verbosity follows `RUST_LOG`, `info` by default.

use std::fmt;

use serde_json::{Map, Value};
use tracing::{field::Field, Event, Subscriber};
use tracing_subscriber::{
	fmt::{format::Writer, FmtContext, FormatEvent, FormatFields},
	registry::LookupSpan,
	EnvFilter,
};

use crate::config::LogFormat;

/// Installs the global logger.
pub fn init(format: LogFormat) {
	let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
	let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
	let _ = match format {
		LogFormat::Text => builder.try_init(),
		LogFormat::Json => builder.event_format(JsonLines).try_init(),
	};
}

/// Formats each event as one JSON object: time, level, target, message and every field.
struct JsonLines;

struct Fields(Map<String, Value>);

impl tracing::field::Visit for Fields {
	fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
		self.0.insert(field.name().into(), Value::String(format!("{value:?}")));
	}
	fn record_str(&mut self, field: &Field, value: &str) {
		self.0.insert(field.name().into(), Value::String(value.into()));
	}
	fn record_i64(&mut self, field: &Field, value: i64) {
		self.0.insert(field.name().into(), value.into());
	}
	fn record_u64(&mut self, field: &Field, value: u64) {
		self.0.insert(field.name().into(), value.into());
	}
	fn record_bool(&mut self, field: &Field, value: bool) {
		self.0.insert(field.name().into(), value.into());
	}
}

impl<S, N> FormatEvent<S, N> for JsonLines
where
	S: Subscriber + for<'a> LookupSpan<'a>,
	N: for<'a> FormatFields<'a> + 'static,
{
	fn format_event(
		&self,
		_: &FmtContext<'_, S, N>,
		mut writer: Writer<'_>,
		event: &Event<'_>,
	) -> fmt::Result {
		let mut fields = Fields(Map::new());
		event.record(&mut fields);
		let mut line = Map::new();
		line.insert("time".into(), crate::fhir::instant(crate::gateway::now_ms()).into());
		line.insert("level".into(), event.metadata().level().as_str().into());
		line.insert("target".into(), event.metadata().target().into());
		line.append(&mut fields.0);
		writeln!(writer, "{}", Value::Object(line))
	}
}
