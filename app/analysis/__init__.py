"""Analysis of free-text answers: theme grouping and code suggestion."""
