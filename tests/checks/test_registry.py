"""Every registered check is complete, lives in the module of its id prefix, declares what it
runs over, and every check module is covered by a test."""

from __future__ import annotations

import inspect
import pkgutil
import re
from pathlib import Path

import voipscan.checks
from voipscan.checks import REGISTRY, ResourceSet, resources
from voipscan.checks.base import check

PACKAGE = "voipscan.checks"
# what checks are made of, rather than checks
FRAMEWORK = {f"{PACKAGE}.base", f"{PACKAGE}.findings", f"{PACKAGE}.resources",
             f"{PACKAGE}.supply",
             # data of signalling.tls_weak_ciphers (tested in tests/sources/host/)
             f"{PACKAGE}.signalling.cipher_policy"}
TESTS = Path(__file__).resolve().parent


def check_modules() -> set[str]:
    found = {m.name for m in pkgutil.walk_packages(voipscan.checks.__path__, f"{PACKAGE}.")
             if not m.ispkg}
    return found - FRAMEWORK


def test_ids_are_stable_dotted_names_with_metadata() -> None:
    assert len(REGISTRY) >= 27
    for check_id, item in REGISTRY.items():
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", check_id), check_id
        assert item.title and item.rationale and item.remediation["default"]
        for param in item.params:
            assert param.description


def test_each_check_lives_in_the_module_named_by_its_id_prefix() -> None:
    """signalling.* in checks/signalling.py, or in the subpackage checks/signalling/."""
    by_module: dict[str, set[str]] = {}
    for check_id, item in REGISTRY.items():
        module = item.run.__module__
        prefix = check_id.split(".")[0]
        home = f"{PACKAGE}.{prefix}"
        assert module == home or module.startswith(f"{home}."), (check_id, module)
        by_module.setdefault(module, set()).add(prefix)
    assert all(len(prefixes) == 1 for prefixes in by_module.values()), by_module
    assert set(by_module) == check_modules(), "a module under checks/ holds no check"


def test_every_check_declares_what_it_runs_over() -> None:
    over = inspect.signature(check).parameters["over"]
    assert over.kind is inspect.Parameter.KEYWORD_ONLY
    assert over.default is inspect.Parameter.empty  # no check runs over an implied set
    declared = {name: value for name, value in vars(resources).items()
                if isinstance(value, ResourceSet)}
    used = {id(item.over) for item in REGISTRY.values()}
    for item in REGISTRY.values():
        assert any(item.over is value for value in declared.values()), item.id
    unused = [name for name, value in declared.items() if id(value) not in used]
    assert not unused, f"resource sets no check runs over: {unused}"


def test_every_check_module_has_a_test_module() -> None:
    for module in check_modules():
        *package, name = module.removeprefix(f"{PACKAGE}.").split(".")
        assert TESTS.joinpath(*package, f"test_{name}.py").is_file(), module
