"""A moment on the monotonic clock by which a piece of work must be over."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Deadline:
    at: float  # time.monotonic() seconds

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        return max(0.0, self.at - time.monotonic())

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def cap(self, timeout: float) -> float:
        """``timeout``, cut to the time left."""
        return min(timeout, self.remaining())

    def whole_seconds(self, timeout: float) -> int:
        """``cap(timeout)`` rounded up, at least 1: for APIs that take whole seconds."""
        return max(1, math.ceil(self.cap(timeout)))
