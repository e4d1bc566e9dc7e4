"""Personal data over time: the deletion journal (Art. 17 and retention) and retention periods per project."""
