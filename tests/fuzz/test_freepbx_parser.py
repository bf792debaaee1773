"""FreePBX backups: mutated archives, members and SQL dumps give a result with problems or a
clean InputError; the dump reader stays linear in the dump's size and reads values exactly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import freepbx_archive_target, freepbx_backup_target, sql_dump_target
from tests.fuzz.strategies import FUZZ, QUICK, mutated, survives
from voipscan.sources.config.freepbx.backup import _AMP_CONF
from voipscan.sources.config.freepbx.sqldump import parse_dump

BACKUP = freepbx_backup_target()
SQL = sql_dump_target()
ARCHIVE = freepbx_archive_target()


@pytest.fixture(scope="module", autouse=True)
def _scratch_files() -> Iterator[None]:
    yield
    ARCHIVE.close()


@FUZZ
@given(mutated(BACKUP))
def test_mutated_backup_members_give_a_result_or_a_clean_error(data: bytes) -> None:
    survives(BACKUP, data)


@FUZZ
@given(mutated(SQL))
def test_mutated_sql_dumps_never_raise(data: bytes) -> None:
    survives(SQL, data)


@QUICK
@given(mutated(ARCHIVE))
def test_mutated_archives_give_a_result_or_a_clean_error(data: bytes) -> None:
    survives(ARCHIVE, data)


_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
_SQL_VALUES = st.one_of(
    st.none(), st.integers(-(10 ** 30), 10 ** 30),
    st.text(st.characters(blacklist_categories=_SURROGATES), max_size=30),
)


def sql_literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") \
        .replace("\r", "\\r").replace("\0", "\\0").replace("\x1a", "\\Z")
    return f"'{escaped}'"


@FUZZ
@given(st.lists(st.tuples(_SQL_VALUES, _SQL_VALUES), min_size=1, max_size=8))
def test_mysqldump_rows_are_read_exactly(rows: list[tuple[object, object]]) -> None:
    values = ",".join(f"({sql_literal(a)},{sql_literal(b)})" for a, b in rows)
    dump = parse_dump("CREATE TABLE `t` (\n  `a` text,\n  `b` text\n);\n"
                      f"INSERT INTO `t` VALUES {values};\n")
    assert dump.problems == []
    assert [(r.values["a"], r.values["b"]) for r in dump.tables["t"]] == rows


def test_hex_literals_of_odd_length_and_huge_numbers() -> None:
    dump = parse_dump("INSERT INTO t (a, b, c, d) VALUES (0x414, 0x41, "
                      f"{'9' * 400}, 1e999);\n")
    (row,) = dump.tables["t"]
    assert row.values == {"a": "\x04\x14", "b": "A", "c": int("9" * 400), "d": float("inf")}


def test_unclosed_statements_are_read_in_linear_time() -> None:
    # 3,000 unclosed CREATE TABLE took 15 s (each scanned to the end of the dump)
    text = "CREATE TABLE `x` (\n  `a` int,\n" * 3000 + \
        "INSERT INTO `settings` (`k`) VALUES ('v');\n" * 3000
    dump = parse_dump(text)
    assert len(dump.tables["settings"]) == 3000
    assert dump.tables["settings"][-1].line == 3000 * 2 + 3000


@pytest.mark.parametrize(("line", "expected"), [
    ("$amp_conf['AMPDBPASS'] = 'secret';", ("AMPDBPASS", "'secret'")),
    ('$amp_conf["AMPMGRUSER"]="admin" ;', ("AMPMGRUSER", '"admin" ')),
    ("AMPWEBADDRESS=10.0.0.1", None),
    ("$amp_conf['X'] = " + " " * 20_000 + "x", None),  # was minutes of backtracking
])
def test_amportal_lines(line: str, expected: tuple[str, str] | None) -> None:
    match = _AMP_CONF.match(line)
    if expected is None:
        assert match is None or match.group(3) is not None
    else:
        assert match is not None and (match.group(1), match.group(2).strip()) == (
            expected[0], expected[1].strip())
