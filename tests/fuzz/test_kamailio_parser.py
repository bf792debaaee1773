"""kamailio.cfg (pre-processor, includes, statements) and tls.cfg: mutated files give a
result with problems or a clean InputError, in time linear in their size."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import kamailio_target, tls_cfg_target
from tests.fuzz.strategies import FUZZ, QUICK, mutated, survives
from voipscan.sources.config.kamailio.cfg import _INCLUDE, read_config
from voipscan.sources.config.kamailio.script import parse_script
from voipscan.sources.config.kamailio.tlscfg import parse_tls_cfg

KAMAILIO = kamailio_target()
TLS_CFG = tls_cfg_target()


@pytest.fixture(scope="module", autouse=True)
def _scratch_files() -> Iterator[None]:
    yield
    KAMAILIO.close()


@QUICK
@given(mutated(KAMAILIO))
def test_mutated_configs_give_a_result_or_a_clean_error(data: bytes) -> None:
    survives(KAMAILIO, data)


@FUZZ
@given(mutated(TLS_CFG))
def test_mutated_tls_cfg_never_raises(data: bytes) -> None:
    survives(TLS_CFG, data)


_NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True)


@FUZZ
@given(st.lists(st.tuples(_NAMES, st.from_regex(r"[A-Za-z0-9.:]{1,12}", fullmatch=True),
                          st.sampled_from([" ", "  ", "\t"]), st.sampled_from(["", ";", " ;"])),
                min_size=1, max_size=8))
def test_global_parameters_are_read_as_written(items: list[tuple[str, str, str, str]]) -> None:
    text = "".join(f"{name}{blank}={blank}{value}{end}\n" for name, value, blank, end in items)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        (directory / "kamailio.cfg").write_text(text)
        script = parse_script(read_config(directory / "kamailio.cfg", directory, tmp))
    for name, _, _, _ in items:
        if name.lower() not in ("listen", "socket"):
            last = [v for n, v, _, _ in items if n.lower() == name.lower()][-1]
            assert script.params[name.lower()].text == last


def test_long_blank_runs_are_read_in_linear_time(tmp_path: Path) -> None:
    blanks = " " * 20_000  # each of these lines took seconds to minutes of backtracking
    (tmp_path / "kamailio.cfg").write_text(
        f"children = 4{blanks};{blanks}\n"
        f"{blanks}include_file \"missing.cfg\"{blanks}x\n"
        f"debug = 2 {blanks}x\n"
        "request_route {\n" + "  xlog(\"x\");\n" * 3000 + "}\n"
        "modparam(\"tls\",\n" + "  \"a\"\n" * 3000 + ")\n")
    config = read_config(tmp_path / "kamailio.cfg", tmp_path, str(tmp_path))
    script = parse_script(config)
    assert script.params["children"].text == "4"
    assert script.params["debug"].text == f"2 {blanks}x".strip()
    assert [b.name for b in config.blocks] == ["request_route"]
    tls = parse_tls_cfg(f"[server:default{blanks}]\nmethod = TLSv1.2+{blanks}\n"
                        f"method{blanks}\n", "tls.cfg")
    (profile,) = tls.profiles
    assert (profile.address, profile.options["method"].value) == ("default", "TLSv1.2+")
    assert len(tls.problems) == 1


@pytest.mark.parametrize(("line", "found"), [
    ('include_file "a.cfg"', ("include_file", "a.cfg")),
    ('  #!import_file "b.cfg" ;  ', ("import_file", "b.cfg")),
    ('!! include_file "c.cfg";', ("include_file", "c.cfg")),
    ('include_file "d.cfg" x', None),
    ('include_filex "e.cfg"', None),
])
def test_include_lines(line: str, found: tuple[str, str] | None) -> None:
    match = _INCLUDE.match(line)
    assert (match.groups() if match else None) == found
