"""The Asterisk .conf dialect on mutated sample trees: a result with problems, never an
exception; bounded memory however templates are abused; what a well-formed file sets is
what the parser reads."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from tests.fuzz.harness import asterisk_target
from tests.fuzz.strategies import FUZZ, mutated, survives
from voipscan.sources.config.asterisk.conf import MAX_INHERITED_SETTINGS, load_conf, strip_comment
from voipscan.sources.config.asterisk.tree import MemoryTree

ASTERISK = asterisk_target()


@FUZZ
@given(mutated(ASTERISK))
def test_mutated_trees_give_a_result_or_a_clean_error(data: bytes) -> None:
    survives(ASTERISK, data)


_WORDS = st.text("abcdefghijklmnopqrstuvwxyz0123456789_-.", min_size=1, max_size=10)
_VALUES = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
                                blacklist_characters=";\\\x85"), max_size=20).map(str.strip)


@FUZZ
@given(st.dictionaries(_WORDS, st.lists(st.tuples(_WORDS, _VALUES), min_size=1, max_size=6),
                       min_size=1, max_size=6))
def test_sections_and_settings_are_read_as_written(sections: dict[str, list[tuple[str, str]]]
                                                   ) -> None:
    text = "".join(f"[{name}] ; comment\n" + "".join(f"{key} = {value} ;c\n"
                                                    for key, value in pairs)
                   for name, pairs in sections.items())
    conf = load_conf(MemoryTree("m", {"x.conf": text.encode()}), ["x.conf"])
    assert conf.problems == []
    for name, pairs in sections.items():
        section = conf.section(name)
        assert section is not None
        for key, _ in pairs:
            last = [v for k, v in pairs if k.lower() == key.lower()][-1]
            assert section.value(key) == last


@FUZZ
@given(st.text(st.sampled_from(";\\-ab ="), max_size=40))
def test_a_semicolon_ends_the_code_unless_escaped(line: str) -> None:
    assume(";--" not in line)
    expected, index = [], 0
    while index < len(line) and line[index] != ";":
        escaped = line.startswith("\\;", index)
        expected.append(";" if escaped else line[index])
        index += 2 if escaped else 1
    assert strip_comment(line, 0) == ("".join(expected), 0)


@FUZZ
@given(st.text(max_size=80), st.integers(0, 3))
def test_block_comment_depth_never_goes_negative(line: str, depth: int) -> None:
    assert strip_comment(line, depth)[1] >= 0


def test_template_inheritance_is_bounded_and_reported_once() -> None:
    count = 3000  # 3,000 settings copied into 3,000 sections: 9 million without a bound
    text = "[t](!)\n" + "a=b\n" * count + "[x](t)\n" * count
    conf = load_conf(MemoryTree("m", {"pjsip.conf": text.encode()}), ["pjsip.conf"])
    assert sum(len(s.settings) for s in conf.sections) <= MAX_INHERITED_SETTINGS + count
    (problem,) = conf.problems
    assert problem.message == (f"[x] inherits from [t]: more than {MAX_INHERITED_SETTINGS} "
                               "inherited settings in this configuration; inheritance not "
                               "followed from here on")
    assert not conf.complete


def test_the_last_template_of_a_name_is_the_parent() -> None:
    text = ("[t](!)\nx=1\n[t]\nx=object\n[t](!)\nx=2\n[t]\nx=object2\n[e](t)\n")
    conf = load_conf(MemoryTree("m", {"a.conf": text.encode()}), ["a.conf"])
    assert conf.section("e") is not None and conf.section("e").value("x") == "2"  # type: ignore[union-attr]
    lone = load_conf(MemoryTree("m", {"a.conf": b"[t]\nx=3\n[e](t)\n"}), ["a.conf"])
    assert lone.section("e").value("x") == "3"  # type: ignore[union-attr]
