"""'profiles list', 'profiles show', 'checks list' and 'checks show'."""

from __future__ import annotations

import textwrap
from difflib import get_close_matches

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


def show_check(check_id: str) -> None:
    """A check's severity, rationale, parameters, the fix per platform and the profile
    controls that run it."""
    check = REGISTRY.get(check_id)
    if check is None:
        close = get_close_matches(check_id, REGISTRY, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise click.UsageError(f"no check '{check_id}'{hint}; 'voipscan checks list' "
                               "lists them")
    click.echo(f"{check.id}  {check.title}")
    click.echo(f"severity: {check.severity.value}   category: {check.category}"
               + ("   (opt-in: runs only when a profile names it)" if check.opt_in else ""))
    click.echo(f"\nWhy it matters:\n{_wrap(check.rationale)}")
    if check.params:
        click.echo("\nParameters (a profile may set them):")
        for param in check.params:
            click.echo(f"  {param.name} = {param.default!r}: {param.description}")
    click.echo("\nHow to fix it:")
    for platform, fix in sorted(check.remediation.items(), key=lambda i: i[0] != "default"):
        click.echo(f"  {platform}:\n{_wrap(fix, indent=4)}")
    uses = [(profile, control) for profile in _profiles() for control in profile.controls
            if any(ref.check_id == check.id for ref in control.checks)]
    click.echo("\nUsed by:" if uses else "\nUsed by no built-in profile.")
    for profile, control in uses:
        click.echo(f"  {profile.id} {control.id}: {control.title} ({control.clause})")


def _profiles() -> list[profiles.Profile]:
    found = []
    for path in profiles.available().values():
        try:
            found.append(profiles.load(str(path)))
        except Exception:  # a broken user profile is reported by "profiles list"
            continue
    return found


def _wrap(text: str, indent: int = 2) -> str:
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=" " * indent,
                         subsequent_indent=" " * indent)
