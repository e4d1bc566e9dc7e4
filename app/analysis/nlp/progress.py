"""Progress reporting for long analyses, so the app can show a progress bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: Called with a fraction in [0, 1] and a short message describing the current step.
ProgressCallback = Callable[[float, str], None]


@dataclass(frozen=True)
class ProgressSpan:
    """A slice [start, end] of an overall progress bar that one step reports into."""

    callback: ProgressCallback | None
    start: float = 0.0
    end: float = 1.0

    def report(self, fraction: float, message: str) -> None:
        """Report progress within this span (fraction of the span, 0..1)."""
        if self.callback is None:
            return
        fraction = min(max(fraction, 0.0), 1.0)
        self.callback(self.start + (self.end - self.start) * fraction, message)

    def part(self, start: float, end: float) -> ProgressSpan:
        """Return the sub-span covering [start, end] of this span."""
        width = self.end - self.start
        return ProgressSpan(self.callback, self.start + width * start, self.start + width * end)
