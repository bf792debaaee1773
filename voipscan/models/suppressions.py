"""The suppressions file: accepted risks, each with a reason and an expiry day."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Annotated

from pydantic import AfterValidator, Field

from voipscan.models.base import Date, InputModel, Items, Text, problem
from voipscan.suppressions import REGEX_PREFIX, resource_regex


def _known_checks(pattern: str) -> str:
    from voipscan.checks import REGISTRY

    if not any(fnmatchcase(check_id, pattern) for check_id in REGISTRY):
        raise problem(f"'{pattern}' matches no check id (see 'voipscan checks list')")
    return pattern


def _compiles(pattern: str) -> str:
    if pattern.startswith(REGEX_PREFIX):
        try:
            resource_regex(pattern)
        except re.error as error:
            raise problem(f"invalid regular expression: {error}") from None
    return pattern


class Suppression(InputModel):
    """One accepted risk: the findings it hides, why, until when, and who owns it."""

    check: Annotated[Text, AfterValidator(_known_checks)] = Field(
        description="Check id; a shell-style glob ('credentials.*') matches several.")
    resource: Annotated[Text, AfterValidator(_compiles)] = Field(
        default="*",
        description="Glob on the finding's resource, or 're:<regex>' matched against the whole of "
                    "it.")
    target: Text = Field(
        default="*",
        description="Glob on the target's name (the path or address scanned), or a target id.")
    reason: Text = Field(description="Why the risk is accepted.")
    expires: Date = Field(
        description="Last day (YYYY-MM-DD) the entry suppresses anything; after it, the findings "
                    "count.")
    owner: Text | None = Field(default=None, description="Who answers for the risk.")


class SuppressionsFile(InputModel):
    """A YAML file given with '--suppressions'."""

    suppressions: Items[Suppression] | None = Field(
        description="The entries, in order: the first active entry that matches a finding "
                    "suppresses it.")
