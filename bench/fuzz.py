"""Long fuzz run of every parser: SIP replies, SDP bodies and config files.

Each case is a seed input (tests/fuzz/harness.py) with 1-8 random mutations: byte flips,
deletions, insertions of format tokens, duplicated and repeated slices (up to megabytes),
splices of two seeds, truncation. A crash is any exception other than the parser's clean
error; a hang is a case over --hang seconds plus 20 us per input byte (interrupted by a
timer). Crashing and slow
inputs are saved under --out for replay (``--replay FILE``). Prints cases/s, crashes,
hangs, the slowest case and peak RSS per family.

    python bench/fuzz.py                         # >= 100,000 cases per family
    python bench/fuzz.py --cases 2000 --family sip
    python bench/fuzz.py --replay /tmp/voipscan-fuzz/sip-reply-ValueError-1.bin
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz.harness import GENERIC_TOKENS, FuzzTarget, all_targets  # noqa: E402

MAX_INPUT = 4 * 1024 * 1024
BIG_SHARE = 0.03
MEMORY_MB = 400  # the bound for hostile input (targets.md); the first case past it is kept
PER_BYTE = 20e-6

# Long runs of these are what backtracking regular expressions choke on.
RUN_BYTES = b" \t\"'\\<>()[]{}=;:,./#*-_0a\r"


class Hang(BaseException):
    """Raised by the interval timer inside a case that runs too long."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


class Mutator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def mutate(self, target: FuzzTarget) -> bytes:
        rng = self.rng
        data = bytearray(rng.choice(target.seeds))
        tokens = target.tokens + GENERIC_TOKENS
        big = rng.random() < BIG_SHARE  # sizes that find quadratic time and memory bombs
        for _ in range(rng.randint(1, 8)):
            action = rng.random()
            at = rng.randint(0, len(data)) if data else 0
            if action < 0.2 and data:
                data[min(at, len(data) - 1)] = rng.randrange(256)
            elif action < 0.35 and data:
                del data[at:at + rng.choice((1, 2, 8, 64, 512))]
            elif action < 0.6:
                data[at:at] = rng.choice(tokens)
            elif action < 0.7:
                piece = bytes(data[at:at + rng.choice((1, 16, 80, 400))])
                data[at:at] = piece * _repeats(rng.choice((1000, 5000) if big else (1, 2, 10)),
                                               piece)
            elif action < 0.8:
                other = rng.choice(target.seeds)
                cut = rng.randint(0, len(other))
                data[at:] = other[cut:]
            elif action < 0.87:
                del data[at:]
            elif action < 0.93:
                run = rng.choice(RUN_BYTES) if rng.random() < 0.7 else rng.randrange(256)
                data[at:at] = bytes([run]) * rng.choice((100_000, 1_000_000) if big
                                                        else (10, 100, 1000))
            else:
                line_start = data.rfind(b"\n", 0, at) + 1
                line_end = data.find(b"\n", at)
                line = bytes(data[line_start:line_end + 1 if line_end >= 0 else len(data)])
                data[line_start:line_start] = line * _repeats(
                    rng.choice((3000, 30_000) if big else (2, 10, 50)), line)
            if len(data) > MAX_INPUT:
                del data[MAX_INPUT:]
        return bytes(data)


def _repeats(wanted: int, piece: bytes) -> int:
    """At most ``wanted`` copies, and never more than MAX_INPUT bytes of them."""
    return min(wanted, MAX_INPUT // max(len(piece), 1))


@dataclass
class Tally:
    cases: int = 0
    seconds: float = 0.0
    clean_errors: int = 0
    crashes: Counter[str] = field(default_factory=Counter)
    hangs: int = 0
    slowest: float = 0.0
    slowest_target: str = ""
    biggest: int = 0
    memory: Counter[str] = field(default_factory=Counter)  # cases raising peak RSS past MEMORY


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _signature(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames)
                  if "voipscan" in f.filename), "?")
    return f"{type(error).__name__} at {where}"


def _save(out: Path, target: FuzzTarget, kind: str, data: bytes) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:10]
    path = out / f"{target.name}-{kind}-{digest}.bin"
    path.write_bytes(data)
    return path


def budget(hang: float, data: bytes) -> float:
    """Seconds a case may take: ``hang`` plus 20 us per input byte (linear parsers, even
    PyYAML at ~5 us/byte, stay far below; quadratic ones overshoot at modest sizes)."""
    return hang + len(data) * PER_BYTE


def run_case(target: FuzzTarget, data: bytes, hang: float) -> tuple[str, float]:
    """('ok' | 'clean' | 'hang' | crash signature, seconds)."""
    signal.setitimer(signal.ITIMER_REAL, budget(hang, data))
    start = time.perf_counter()
    try:
        target.run(data)
        outcome = "ok"
    except Hang:
        outcome = "hang"
    except target.accepted:
        outcome = "clean"
    except Exception as error:  # counting crashes is the point
        outcome = _signature(error)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return outcome, time.perf_counter() - start


def fuzz(targets: list[FuzzTarget], family: str, cases: int, rng: random.Random,
         hang: float, out: Path, verbose: bool) -> Tally:
    tally = Tally()
    mutator = Mutator(rng)
    mine = [t for t in targets if t.family == family]
    for index in range(cases):
        target = mine[index % len(mine)]
        data = mutator.mutate(target)
        tally.biggest = max(tally.biggest, len(data))
        before = peak_mb()
        outcome, seconds = run_case(target, data, hang)
        if peak_mb() > MEMORY_MB >= before:  # this case took the process past the bound
            saved = _save(out, target, "memory", data)
            print(f"    MEMORY: peak RSS {peak_mb():.0f} MB after a {target.name} case of "
                  f"{len(data) / 1e6:.1f} MB: {saved}", flush=True)
            tally.memory[target.name] += 1
        tally.cases += 1
        tally.seconds += seconds
        if seconds > tally.slowest:
            tally.slowest, tally.slowest_target = seconds, target.name
        if outcome == "clean":
            tally.clean_errors += 1
        elif outcome == "hang":
            tally.hangs += 1
            saved = _save(out, target, "hang", data)
            print(f"    HANG in {target.name} (> {budget(hang, data):.1f} s): {saved}",
                  flush=True)
        elif outcome != "ok":
            first = not tally.crashes[f"{target.name}: {outcome}"]
            tally.crashes[f"{target.name}: {outcome}"] += 1
            if first or verbose:
                saved = _save(out, target, outcome.split()[0], data)
                print(f"    CRASH {target.name}: {outcome}: {saved}", flush=True)
    return tally


def replay(path: Path) -> None:
    name = path.name.split("-")[0]
    for target in all_targets():
        if path.name.startswith(target.name + "-"):
            print(f"replaying {path} on {target.name}")
            target.run(path.read_bytes())  # the traceback is the point
            print("no crash")
            return
    raise SystemExit(f"no target for {path.name} ({name}...)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="per family (100000)")
    parser.add_argument("--family", choices=("sip", "sdp", "config"), action="append")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--hang", type=float, default=5.0,
                        help="seconds for a hang, plus 20 us per input byte (5)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/voipscan-fuzz"))
    parser.add_argument("--replay", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="save every crash")
    args = parser.parse_args()
    if args.replay:
        replay(args.replay)
        return
    signal.signal(signal.SIGALRM, _on_alarm)
    targets = all_targets()
    total_crashes = total_hangs = 0
    try:
        families = args.family or ["sip", "sdp", "config"]
        print(f"fuzzing {', '.join(families)}: {args.cases} cases each, seed {args.seed}")
        for family in families:
            names = ", ".join(t.name for t in targets if t.family == family)
            print(f"  {family} ({names})", flush=True)
            tally = fuzz(targets, family, args.cases, random.Random(args.seed), args.hang,
                         args.out, args.verbose)
            crashes = sum(tally.crashes.values())
            total_crashes += crashes
            total_hangs += tally.hangs
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  {family:<6} {tally.cases:>7} cases in {tally.seconds:6.1f} s "
                  f"({tally.cases / max(tally.seconds, 1e-9):,.0f} cases/s): "
                  f"{crashes} crashes, {tally.hangs} hangs, {tally.clean_errors} clean "
                  f"parse errors; slowest case {tally.slowest * 1000:.0f} ms "
                  f"({tally.slowest_target}); largest input {tally.biggest / 1e6:.1f} MB; "
                  f"peak RSS so far {rss:.0f} MB", flush=True)
            for signature, count in tally.crashes.most_common():
                print(f"      {count:>6} x {signature}")
            for name in tally.memory:
                print(f"      peak RSS passed {MEMORY_MB} MB during a {name} case")
    finally:
        for target in targets:
            target.close()
    print(f"total: {total_crashes} crashes, {total_hangs} hangs")
    sys.exit(1 if total_crashes or total_hangs else 0)


if __name__ == "__main__":
    main()
