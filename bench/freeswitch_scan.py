"""Benchmark: scan generated FreeSWITCH conf trees (and a Kamailio config) end to end.

    python bench/freeswitch_scan.py [USERS ...]   (default: 500 2000)

Each FreeSWITCH tree has the stock layout: vars.xml, autoload_configs/, two sofia profiles, a
public context with a guest that can dial out, one dialplan file per 50 users, and one
directory file per user. Prints files/s for the whole pipeline: pre-processor, safe XML parse,
facts (including the dialplan walk for the guest) and the checks of the baseline profile.
The Kamailio line scans a kamailio.cfg with N modparam/route lines and its tls.cfg.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from voipscan import profiles
from voipscan.engine import evaluate
from voipscan.sources.config.freeswitch import FreeswitchSource
from voipscan.sources.config.freeswitch.preprocess import STOCK_ROOT
from voipscan.sources.config.kamailio import KamailioSource

ROOT_XML = STOCK_ROOT
STATIC = {
    "freeswitch.xml": ROOT_XML,
    "vars.xml": '<include>\n<X-PRE-PROCESS cmd="set" data="default_password=1234"/>\n'
                '<X-PRE-PROCESS cmd="set" data="domain=pbx.example.net"/>\n</include>\n',
    "autoload_configs/modules.conf.xml": (
        '<configuration name="modules.conf"><modules>\n<load module="mod_event_socket"/>\n'
        '<load module="mod_sofia"/>\n<load module="mod_cdr_csv"/>\n</modules></configuration>\n'),
    "autoload_configs/event_socket.conf.xml": (
        '<configuration name="event_socket.conf"><settings>\n'
        '<param name="listen-ip" value="127.0.0.1"/>\n<param name="password" value="ClueCon"/>\n'
        "</settings></configuration>\n"),
    "autoload_configs/sofia.conf.xml": (
        '<configuration name="sofia.conf"><profiles>\n'
        '<X-PRE-PROCESS cmd="include" data="../sip_profiles/*.xml"/>\n'
        "</profiles></configuration>\n"),
    "sip_profiles/internal.xml": (
        '<profile name="internal"><settings>\n<param name="auth-calls" value="true"/>\n'
        '<param name="tls" value="true"/>\n<param name="tls-version" value="tlsv1.2,tlsv1.3"/>\n'
        '<param name="sip-ip" value="10.0.0.10"/>\n</settings></profile>\n'),
    "sip_profiles/external.xml": (
        '<profile name="external"><settings>\n<param name="auth-calls" value="false"/>\n'
        '<param name="context" value="public"/>\n</settings></profile>\n'),
    "dialplan/public.xml": (
        '<include>\n<context name="public">\n'
        '<extension name="did"><condition field="destination_number" expression="^(1\\d{3})$">'
        '<action application="transfer" data="$1 XML default"/></condition></extension>\n'
        "</context>\n</include>\n"),
}


def build(root: Path, users: int) -> int:
    files = dict(STATIC)
    files["directory/default.xml"] = (
        '<include>\n<domain name="$${domain}"><groups><group name="default"><users>\n'
        '<X-PRE-PROCESS cmd="include" data="default/*.xml"/>\n'
        "</users></group></groups></domain>\n</include>\n")
    for n in range(users):
        files[f"directory/default/{1000 + n}.xml"] = (
            f'<include>\n  <user id="{1000 + n}">\n    <params>\n'
            f'      <param name="password" value="Pw-{n:06d}-x7Q!long"/>\n    </params>\n'
            '    <variables>\n      <variable name="user_context" value="default"/>\n'
            "    </variables>\n  </user>\n</include>\n")
    for block in range(0, users, 50):
        extensions = "".join(
            f'<extension name="u{n}"><condition field="destination_number" '
            f'expression="^({1000 + n})$"><action application="bridge" '
            f'data="user/$1@${{domain_name}}"/></condition></extension>\n'
            for n in range(block, min(block + 50, users)))
        files[f"dialplan/default-{block:05d}.xml"] = (
            f'<include>\n<context name="default{"" if block == 0 else block}">\n'
            f"{extensions}"
            '<extension name="out"><condition field="destination_number" '
            'expression="^(00\\d+)$"><action application="bridge" '
            'data="sofia/gateway/provider/$1"/></condition></extension>\n'
            "</context>\n</include>\n")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return len(files)


def kamailio(root: Path, lines: int) -> None:
    body = ["#!KAMAILIO", "#!define WITH_TLS", 'loadmodule "tls.so"', "enable_tls=yes",
            "listen=tls:192.0.2.10:5061", 'modparam("tls", "config", "tls.cfg")']
    body += [f'modparam("htable", "htable", "t{n}=>size=8;")' for n in range(lines // 2)]
    body.append("request_route {")
    body += [f'    if ($rU == "{n}") {{ xlog("L_INFO", "{n}\\n"); }}' for n in range(lines // 2)]
    body.append("}")
    (root / "kamailio.cfg").write_text("\n".join(body) + "\n")
    (root / "tls.cfg").write_text("[server:default]\nmethod = TLSv1.2+\n")
    start = time.perf_counter()
    result = KamailioSource().load(root / "kamailio.cfg")
    elapsed = time.perf_counter() - start
    print(f"kamailio.cfg {len(body):6d} lines: {elapsed * 1000:7.1f} ms "
          f"({len(body) / elapsed:,.0f} lines/s), {len(result.system.transports)} transport")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [500, 2000]
    baseline = profiles.load("baseline")
    for users in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            files = build(Path(tmp), users)
            start = time.perf_counter()
            source = FreeswitchSource().load(Path(tmp))
            loaded = time.perf_counter()
            evaluate([source], [baseline])
            done = time.perf_counter()
            assert not source.problems, source.problems[:3]
            print(f"freeswitch {files:6d} files: load {loaded - start:6.2f} s, checks "
                  f"{done - loaded:5.2f} s, total {done - start:6.2f} s "
                  f"({files / (done - start):,.0f} files/s, "
                  f"{len(source.system.endpoints)} endpoints)")
    with tempfile.TemporaryDirectory() as tmp:
        kamailio(Path(tmp), 20_000)


if __name__ == "__main__":
    main()
