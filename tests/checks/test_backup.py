"""backup.*: backups configured and restores tested."""

from __future__ import annotations

import datetime as dt

from tests.checks.helpers import f, run
from voipscan.checks import Status
from voipscan.facts import Backup, System


def test_backup_configured() -> None:
    assert run("backup.configured", System("pbx", backup=Backup(configured=f(True)))) == {
        "backup": Status.PASS}
    assert run("backup.configured", System("pbx", backup=Backup(configured=f(False)))) == {
        "backup": Status.FAIL}


def test_restore_tested() -> None:
    def tested(day: dt.date | None, configured: bool = True) -> System:
        return System("pbx", backup=Backup(configured=f(configured),
                                           last_restore_test=f(day)))

    assert run("backup.restore_tested", tested(dt.date(2026, 6, 1))) == {"backup": Status.PASS}
    assert run("backup.restore_tested", tested(dt.date(2024, 6, 1))) == {"backup": Status.FAIL}
    assert run("backup.restore_tested", tested(dt.date(2026, 6, 1)), max_age_days=90) == {
        "backup": Status.FAIL}
    assert run("backup.restore_tested", tested(None)) == {"backup": Status.UNKNOWN}
    assert run("backup.restore_tested", tested(None, configured=False)) == {
        "backup": Status.FAIL}
