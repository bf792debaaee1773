"""'profiles list', 'profiles show' and 'checks list'."""

from __future__ import annotations

import click

from voipscan import profiles
from voipscan.checks import REGISTRY


def list_profiles() -> None:
    for name, path in profiles.available().items():
        try:
            profile = profiles.load(str(path))
            click.echo(f"{name:<12} {profile.title}  ({len(profile.controls)} controls)")
        except Exception as error:  # a broken user profile must not hide the others
            click.echo(f"{name:<12} BROKEN: {error}")


def show_profile(name: str) -> None:
    profile = profiles.load(name)
    click.echo(f"{profile.title} [{profile.id}]  {profile.path}")
    if profile.extends:
        click.echo(f"extends: {', '.join(profile.extends)}")
    if profile.description:
        click.echo(profile.description)
    for control in profile.controls:
        click.echo(f"\n{control.id}  {control.title}\n  clause: {control.clause}")
        for ref in control.checks:
            params = ", ".join(f"{k}={list(v) if isinstance(v, tuple) else v}"
                               for k, v in ref.params)
            click.echo(f"  - {ref.check_id}" + (f" ({params})" if params else ""))


def list_checks() -> None:
    """Every check; one that no built-in profile runs is marked opt-in."""
    for check in sorted(REGISTRY.values(), key=lambda c: c.id):
        mark = " (opt-in: name it in a profile)" if check.opt_in else ""
        click.echo(f"{check.id:<34} {check.severity.value:<8} {check.title}{mark}")
        for param in check.params:
            click.echo(f"{'':<34} param {param.name} = {param.default!r}: {param.description}")
