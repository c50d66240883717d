"""Running tcdesk in production: health and readiness probes, request ids and JSON logs, Prometheus
metrics, the shared cache of public pages, backups and restores. See docs/operations.md."""
