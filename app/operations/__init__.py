"""Running Konzeptwerk: access log, health endpoints, deployment checks, backup and restore."""
