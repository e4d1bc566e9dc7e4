"""Staff accounts, roles and authentication events."""
