"""Hypothesis strategies and the crash rule shared by the fuzz test modules."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.fuzz.harness import GENERIC_TOKENS, FuzzTarget

# Bounded so that the whole fuzz suite stays under a minute on two cores.
FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
QUICK = settings(FUZZ, max_examples=60)


@st.composite
def mutated(draw: st.DrawFn, target: FuzzTarget) -> bytes:
    """A seed of ``target`` with a few edits: flips, deletions, format tokens, repeats."""
    data = bytearray(draw(st.sampled_from(target.seeds)))
    tokens = target.tokens + GENERIC_TOKENS
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            data += draw(st.sampled_from(tokens))
            continue
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "delete", "insert", "insert", "truncate",
                                       "repeat", "run"]))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(tokens))
        elif action == "truncate":
            del data[at:]
        elif action == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 120))] * draw(st.integers(2, 40))
        else:
            data[at:at] = draw(st.sampled_from(b" \t\"'\\<>()[]=;:,#0a")).to_bytes(1, "big") * \
                draw(st.sampled_from([100, 3000]))
    return bytes(data)


def survives(target: FuzzTarget, data: bytes) -> object:
    """Run one input: the parser's own clean error is fine, anything else fails the test."""
    try:
        return target.run(data)
    except target.accepted:
        return None
