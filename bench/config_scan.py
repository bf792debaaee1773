"""Benchmark: scan generated Asterisk trees through the real source and engine.

    python bench/config_scan.py [FILES ...] [--per-file N]   (default: 500 2000, 1)

Each tree has pjsip.conf including pjsip.d/*.conf (by default one phone per file: endpoint,
auth and aor, as provisioning tools write them), extensions.conf including dialplan.d/*.conf,
and the usual manager/logger/cdr files. Prints files/s for the whole pipeline: read, parse,
facts, and the checks of the baseline profile.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from voipscan import profiles
from voipscan.engine import evaluate
from voipscan.sources.config.asterisk import AsteriskSource

ENDPOINTS_PER_FILE = 1  # --per-file N for denser files

STATIC = {
    "asterisk.conf": "[options]\nrunuser = asterisk\n",
    "manager.conf": "[general]\nenabled=yes\nbindaddr=127.0.0.1\n"
                    "[monitor]\nsecret=Xq7#mT2!vR9zLp4w\ndeny=0.0.0.0/0.0.0.0\n"
                    "permit=127.0.0.1/255.255.255.255\nread=call\nwrite=reporting\n",
    "logger.conf": "[logfiles]\nsecurity => security\nsyslog.local0 => security,error\n",
    "cdr.conf": "[general]\nenable=yes\n[csv]\nusegmtime=yes\n",
    "pjsip.conf": "[global]\ntype=global\nuser_agent=PBX\n"
                  "[transport-tls]\ntype=transport\nprotocol=tls\nbind=0.0.0.0:5061\n"
                  "method=tlsv1_2\nverify_server=yes\n"
                  "[phone](!)\ntype=endpoint\ncontext=internal\ntransport=transport-tls\n"
                  "media_encryption=dtls\ndisallow=all\nallow=opus\n"
                  "#include pjsip.d/*.conf\n",
    "extensions.conf": "[general]\nstatic=yes\n#include dialplan.d/*.conf\n"
                       "[internal]\ninclude => site-0\n"
                       "exten => _00X.,1,Dial(PJSIP/${EXTEN}@trunk)\n",
}


def endpoint_file(index: int, per_file: int) -> str:
    lines = []
    for n in range(per_file):
        name = f"{1000 + index * per_file + n}"
        lines += [f"[{name}](phone)", f"auth={name}-auth", f"aors={name}", "",
                  f"[{name}-auth]", "type=auth", "auth_type=userpass", f"username={name}",
                  f"password=S{index:04d}x{n}#Kq9!vLm2", "",
                  f"[{name}]", "type=aor", "max_contacts=1", ""]
    return "\n".join(lines)


def dialplan_file(index: int) -> str:
    return (f"[site-{index}]\ninclude => site-{index + 1}\n"
            f"exten => _{index:03d}X,1,Dial(PJSIP/${{EXTEN}},30)\n"
            " same => n,VoiceMail(${EXTEN})\n")


def generate(root: Path, files: int, per_file: int = ENDPOINTS_PER_FILE) -> int:
    for name, text in STATIC.items():
        (root / name).write_text(text)
    (root / "pjsip.d").mkdir()
    (root / "dialplan.d").mkdir()
    remaining = files - len(STATIC)
    pjsip = remaining * 3 // 4
    for i in range(pjsip):
        (root / "pjsip.d" / f"ep{i:05d}.conf").write_text(endpoint_file(i, per_file))
    for i in range(remaining - pjsip):
        (root / "dialplan.d" / f"site{i:05d}.conf").write_text(dialplan_file(i))
    return sum(1 for p in root.rglob("*.conf"))


def run(files: int, per_file: int, repeat: int = 3) -> tuple[int, int, float]:
    baseline = profiles.load("baseline")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        count = generate(root, files, per_file)
        best = float("inf")
        endpoints = 0
        for _ in range(repeat):
            start = time.perf_counter()
            result = AsteriskSource().load(root)
            evaluate([result], [baseline])
            best = min(best, time.perf_counter() - start)
            assert not result.problems, result.problems[:3]
            endpoints = len(result.system.endpoints)
        return count, endpoints, best


def main(sizes: list[int], per_file: int) -> None:
    print(f"{'files':>6} {'endpoints':>9} {'seconds':>8} {'files/s':>8}")
    for size in sizes:
        count, endpoints, seconds = run(size, per_file)
        print(f"{count:>6} {endpoints:>9} {seconds:>8.3f} {count / seconds:>8.0f}")


if __name__ == "__main__":
    args = sys.argv[1:]
    per = ENDPOINTS_PER_FILE
    if "--per-file" in args:
        at = args.index("--per-file")
        per = int(args[at + 1])
        del args[at:at + 2]
    main([int(a) for a in args] or [500, 2000], per)
