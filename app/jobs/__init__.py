"""Background jobs with a progress bar: in-process threads by default, RQ workers on Redis when configured."""
