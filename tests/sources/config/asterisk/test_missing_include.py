"""A missing #include (secrets kept out of version control): one problem at its line, only
what it would set is unknown, and the rest of the including file is judged."""

from __future__ import annotations

from tests.sources.config.asterisk.test_conf import conf_of
from tests.sources.config.asterisk.trees import system_of, verdicts
from voipscan.checks import Status
from voipscan.errors import ProblemLevel
from voipscan.facts import AuthType
from voipscan.sources.config.asterisk.source import scan_tree
from voipscan.sources.config.asterisk.tree import MemoryTree

P, F, U, NA = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE

PJSIP = ("[global]\ntype=global\nuser_agent=PBX\n"
         "[udp]\ntype=transport\nprotocol=udp\nbind=0.0.0.0\n"
         "#include pjsip_secrets.conf\n"
         "[100]\ntype=endpoint\nauth=100-auth\ncontext=internal\n"
         "[door](!)\ntype=endpoint\ncontext=internal\n#include door_auth.conf\n"
         "[101](door)\n")


def test_one_problem_at_the_include_line_and_the_file_stays_judged() -> None:
    tree = MemoryTree("t", {"pjsip.conf": PJSIP.encode()})
    scan = scan_tree(tree, "t")
    assert [(p.message, p.path, p.line, p.level) for p in scan.problems] == [
        ("#include pjsip_secrets.conf: no such file; what it would set is not known",
         "t:pjsip.conf", 8, ProblemLevel.ERROR),
        ("#include door_auth.conf: no such file; what it would set is not known",
         "t:pjsip.conf", 16, ProblemLevel.ERROR)]
    system = scan.system
    assert system.transports_known and system.endpoints_known
    files = {"pjsip.conf": PJSIP}
    assert verdicts("signalling.tls", files)["transport:udp"] is F
    by_name = {e.name: e for e in system.endpoints}
    assert by_name["100"].auth_type.value is AuthType.DIGEST
    assert by_name["100"].secret.value is None  # its auth object was in the missing file
    # [101] inherits a section whose auth= may be in door_auth.conf: unknown, not "none"
    assert by_name["101"].auth_type.value is None
    assert "door_auth.conf" in by_name["101"].auth_type.note
    assert verdicts("sip.endpoint_authentication", files)["endpoint:101"] is U
    assert verdicts("sip.version_disclosure", files)["system"] is P  # user_agent set


def test_what_the_section_sets_stands_and_what_it_leaves_unset_is_unknown() -> None:
    conf = conf_of({"test.conf": "[s]\na=1\n#include gone.conf\nb=2\n[t]\nc=3\n"})
    s, t = conf.sections
    assert s.unset_by("a") is None and s.unset_by("b") is None
    gap = s.unset_by("c")  # not set at all: the missing file may set it
    assert gap is not None and (gap.target, gap.line) == ("gone.conf", 3)
    assert t.unset_by("d") is None  # a later section is not where the include sat
    assert conf.may_define("d", None) is gap  # but an absent section may be in it


def test_settings_after_an_include_stay_in_the_including_section() -> None:
    conf = conf_of({"test.conf": "[a]\nx=1\n#include more.conf\ny=2\n",
                    "more.conf": "[b]\nz=3\n"})
    a = conf.section("a")
    b = conf.section("b")
    assert a is not None and b is not None
    assert (a.value("y"), b.value("y")) == ("2", None)


def test_a_section_that_may_be_in_the_missing_file_is_unknown_not_default() -> None:
    files = {"pjsip.conf": "[udp]\ntype=transport\nprotocol=udp\nbind=0.0.0.0\n"
                           "#include pjsip_global.conf\n"}
    system = system_of(files)
    assert not system.disclosures  # [global] user_agent may be there
    assert verdicts("sip.version_disclosure", files)["system"] is U
    manager = {"manager.conf": "#include manager_general.conf\n[ops]\nsecret=x\nwrite=all\n"}
    system = system_of(manager)
    (ami,) = system.management
    assert ami.enabled.value is None and ami.bind.value is None
    assert not system.admins_known  # more AMI users may be in the missing file


def test_a_dialplan_with_a_missing_include_is_not_judged_clean() -> None:
    files = {"pjsip.conf": "[anonymous]\ntype=endpoint\ncontext=public\n",
             "extensions.conf": "[public]\ninclude => from-outside\n"
                                "exten => 100,1,Dial(PJSIP/100)\n#include custom.conf\n"}
    assert verdicts("dialplan.guest_outbound", files)["endpoint:anonymous"] is U
    files["extensions.conf"] = "[public]\nexten => 100,1,Dial(PJSIP/100)\n"
    assert verdicts("dialplan.guest_outbound", files)["endpoint:anonymous"] is P
