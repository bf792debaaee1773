"""The .conf dialect: includes, templates, appends, comments and object keys."""

from __future__ import annotations

from voipscan.errors import ProblemLevel
from voipscan.sources.config.asterisk.conf import (
    ConfFile,
    load_conf,
    resolve_include,
    strip_comment,
)
from voipscan.sources.config.asterisk.tree import MemoryTree


def conf_of(files: dict[str, str], root: str = "test.conf") -> ConfFile:
    tree = MemoryTree("t", {k: v.encode() for k, v in files.items()})
    return load_conf(tree, [root])


def test_a_rule_line_is_not_a_block_comment() -> None:
    """Asterisk opens a block only on ';--' not followed by another '-' (main/config.c)."""
    assert strip_comment(";-----------------------", 0) == ("", 0)
    assert strip_comment("a=1 ;--- note", 0) == ("a=1 ", 0)
    assert strip_comment(";-- a --; b=2", 0) == (" b=2", 0)
    conf = conf_of({"test.conf": ";---- transports ----\n[udp]\ntype=transport\n"})
    assert conf.section("udp") is not None


def test_comments_escapes_and_block_comments() -> None:
    assert strip_comment("key = a\\;b ; note", 0) == ("key = a;b ", 0)
    assert strip_comment("x ;-- start", 0) == ("x ", 1)
    assert strip_comment("still comment --; y=1", 1) == (" y=1", 0)
    conf = conf_of({"test.conf": "[s]\na=1 ; c\n;-- b=2\nc=3 --;\nd=4\ne = x\\;y\n"})
    section = conf.sections[0]
    assert [(s.key, s.value) for s in section.settings] == [("a", "1"), ("d", "4"),
                                                            ("e", "x;y")]


def test_arrow_is_equals_and_lines_are_kept() -> None:
    conf = conf_of({"test.conf": "\n[general]\nbindaddr => 0.0.0.0\n  port = 5038\n"})
    section = conf.section("general")
    assert section is not None
    bind = section.get("bindaddr")
    assert bind is not None and bind.value == "0.0.0.0" and bind.line == 3
    assert bind.path == "t:test.conf"
    assert section.value("port") == "5038"


def test_include_relative_to_including_file_then_root() -> None:
    conf = conf_of({
        "test.conf": "[a]\nx=1\n#include sub/part.conf\n#include \"glob.d/*.conf\"\n",
        "sub/part.conf": "y=2\n#include <other.conf>\n",  # continues section [a]
        "sub/other.conf": "z=3\n",
        "glob.d/1.conf": "[b]\nk=1\n",
        "glob.d/2.conf": "[c]\nk=2\n",
    })
    assert not conf.problems
    a = conf.section("a")
    assert a is not None
    assert [(s.key, s.value, s.path, s.line) for s in a.settings] == [
        ("x", "1", "t:test.conf", 2), ("y", "2", "t:sub/part.conf", 1),
        ("z", "3", "t:sub/other.conf", 1)]
    assert [s.name for s in conf.sections] == ["a", "b", "c"]
    assert conf.files == ["test.conf", "sub/part.conf", "sub/other.conf", "glob.d/1.conf",
                          "glob.d/2.conf"]


def test_missing_include_is_a_problem_but_tryinclude_is_not() -> None:
    conf = conf_of({"test.conf": "[a]\n#tryinclude optional.conf\n#include gone.conf\nx=1\n"})
    assert [(p.message, p.path, p.line, p.level) for p in conf.problems] == [
        ("#include gone.conf: no such file; what it would set is not known", "t:test.conf",
         3, ProblemLevel.ERROR)]
    assert conf.section("a") is not None and conf.section("a").value("x") == "1"  # type: ignore[union-attr]
    assert conf.complete  # judged; what gone.conf would set is marked by its gap
    assert [(g.target, g.line) for g in conf.gaps] == [("gone.conf", 3)]


def test_include_cycle_is_stopped_and_reported() -> None:
    conf = conf_of({"test.conf": "[a]\nx=1\n#include b.conf\n",
                    "b.conf": "y=2\n#include test.conf\n"})
    assert len(conf.problems) == 1
    problem = conf.problems[0]
    assert problem.message == "include cycle stopped: test.conf -> b.conf -> test.conf"
    assert (problem.path, problem.line) == ("t:b.conf", 2)
    assert [s.key for s in conf.sections[0].settings] == ["x", "y"]


def test_includes_outside_the_tree_are_refused() -> None:
    tree = MemoryTree("t", {"a.conf": b"", "etc.conf": b""})
    assert resolve_include(tree, "a.conf", "/etc/passwd") == \
        "outside the scanned tree; not followed"
    assert resolve_include(tree, "a.conf", "../x.conf") == "outside the scanned tree; not followed"
    assert resolve_include(tree, "sub/a.conf", "/etc/asterisk/etc.conf") == ["etc.conf"]


def test_templates_and_multiple_inheritance_in_order() -> None:
    conf = conf_of({"test.conf": (
        "[base](!)\ncontext=from-office\ntype=friend\n"
        "[codecs](!)\nallow=ulaw\ncontext=codec-ctx\n"
        "[natted](!,base)\nhost=dynamic\n"
        "[2133](natted,codecs)\nsecret=peekaboo\n")})
    objects = list(conf.objects())
    assert [s.name for s in objects] == ["2133"]
    phone = objects[0]
    assert phone.parents == ("natted", "codecs")
    assert [s.key for s in phone.settings] == ["context", "type", "host", "allow", "context",
                                               "secret"]
    context = phone.get("context")
    assert context is not None and context.value == "codec-ctx"  # later parent wins
    assert (context.section, context.line) == ("codecs", 6)  # provenance: the template line
    assert phone.type == "friend"


def test_unknown_parent_is_reported() -> None:
    conf = conf_of({"test.conf": "[x](nope)\na=1\n"})
    assert conf.problems[0].message == "[x] inherits from [nope], which is not defined before it"


def test_plus_equals_appends_to_the_last_value_including_inherited() -> None:
    conf = conf_of({"test.conf": "[t](!)\nallow=ulaw\n[e](t)\nallow+=,alaw\ndeny=1\n"
                                 "permit += 10.0.0.0/8\n[e](+)\nallow += ,g722\n"})
    endpoint = conf.section("e")
    assert endpoint is not None
    # raw concatenation, like Asterisk's config loader (the blank after += is kept)
    assert endpoint.value("allow") == "ulaw,alaw ,g722"
    assert endpoint.value("permit") == "10.0.0.0/8"  # nothing to append to: plain set
    allow = endpoint.get("allow")
    assert allow is not None and allow.line == 8


def test_same_name_different_types_are_separate_objects() -> None:
    conf = conf_of({"test.conf": "[6001]\ntype=endpoint\nauth=6001\n[6001]\ntype=auth\n"
                                 "password=x\n[6001]\ntype=aor\nmax_contacts=1\n"})
    endpoint = conf.section("6001", "endpoint")
    auth = conf.section("6001", "auth")
    aor = conf.section("6001", "aor")
    assert endpoint is not None and auth is not None and aor is not None
    assert endpoint.value("auth") == "6001" and auth.value("password") == "x"
    assert aor.value("max_contacts") == "1" and endpoint.value("password") is None
    assert [s.type for s in conf.objects()] == ["endpoint", "auth", "aor"]


def test_exec_and_junk_lines_are_warnings() -> None:
    conf = conf_of({"test.conf": "stray=1\n[a]\n#exec /bin/gen\nno equals here\nb=2\n"})
    assert [(p.line, p.level) for p in conf.problems] == [
        (1, ProblemLevel.ERROR), (3, ProblemLevel.WARNING), (4, ProblemLevel.WARNING)]
    assert conf.section("a").value("b") == "2"  # type: ignore[union-attr]


def test_implicit_section_for_fragments() -> None:
    tree = MemoryTree("t", {"sip_general_custom.conf": b"allowguest=no\n[peer]\ntype=peer\n"})
    conf = load_conf(tree, ["sip_general_custom.conf"], implicit_section="general")
    assert conf.section("general").value("allowguest") == "no"  # type: ignore[union-attr]
    assert conf.section("peer") is not None and not conf.problems
