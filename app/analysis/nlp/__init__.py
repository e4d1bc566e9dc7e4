"""Natural-language core: preprocessing, theme grouping and code suggestion (no Flask, no database)."""
