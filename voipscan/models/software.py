"""The software data file shipped with voipscan: products, their release series and support
dates, and known vulnerabilities with the versions that fix them. Every entry names the
public page it was taken from.

    version: 1
    updated: 2026-08-21
    products:
      - id: asterisk
        name: Asterisk
        vendor: Sangoma
        match: [asterisk]
        series_depth: 1
        lifecycle: "LTS: 4 years of fixes + 1 year of security fixes; standard: 1 + 1 years"
        lifecycle_source: https://docs.asterisk.org/About-the-Project/Asterisk-Versions/
        series:
          - {series: "20", kind: lts, released: 2022-10-19, security_only_from: 2026-10-19,
             end_of_support: 2027-10-19, source: https://docs.asterisk.org/...}
        vulnerabilities:
          - id: CVE-2023-49786
            summary: DTLS hello race condition denies DTLS-SRTP calls
            severity: high
            fixed: ["18.20.1", "20.5.1", "21.0.1"]
            source: https://nvd.nist.gov/vuln/detail/CVE-2023-49786
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from voipscan.models.base import Date, InputModel, Items, Text, TextList, problem

_VERSION = re.compile(r"\d+(?:\.\d+){0,3}")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_VULN_ID = re.compile(r"(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|AST-\d{4}-\d{3})")


def _url(value: str) -> str:
    if not value.startswith("https://") or " " in value:
        raise problem(f"a source is an https:// address, got '{value}'")
    return value


def _version(value: str) -> str:
    if not _VERSION.fullmatch(value):
        raise problem(f"expected a version such as 20.5.1, got '{value}'")
    return value


Url = Annotated[Text, AfterValidator(_url)]
Version = Annotated[Text, AfterValidator(_version)]


class Series(InputModel):
    """A release series (``20`` for Asterisk 20.x, ``5.6`` for Kamailio 5.6.x)."""

    series: Version
    kind: Literal["lts", "standard", "stable"] | None = None
    released: Date | None = None
    security_only_from: Date | None = None
    """From this day only security fixes are published."""
    end_of_support: Date | None = None
    """After this day no fixes at all; absent: still supported on the data file's date."""
    source: Url
    note: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Series:
        days = [d for d in (self.released, self.security_only_from, self.end_of_support) if d]
        if days != sorted(days):
            raise problem("released, security_only_from and end_of_support out of order")
        return self


class Vulnerability(InputModel):
    """A published vulnerability and the first version of each series that fixes it."""

    id: Annotated[Text, AfterValidator(lambda v: _checked_id(v))]
    summary: Text
    severity: Literal["critical", "high", "medium", "low"] | None = None
    """As its source rates it (CVSS v3 band); absent when the source gives none."""
    fixed: Annotated[Items[Version], Field(min_length=1)]
    introduced: Version | None = None
    """The first affected version, when older versions are not affected."""
    source: Url


def _checked_id(value: str) -> str:
    if not _VULN_ID.fullmatch(value):
        raise problem(f"expected a CVE, GHSA or AST id, got '{value}'")
    return value


class Product(InputModel):
    id: Annotated[Text, AfterValidator(lambda v: _slug(v))]
    name: Text
    vendor: Text
    match: TextList
    """Lower-case words that name the product in a Server/User-Agent header or a platform."""
    exclude: TextList = ()
    """Words that, in the same header, name another product built on this one."""
    series_depth: Annotated[int, Field(ge=1, le=3)]
    """How many leading numbers of a version name its series (1: ``20``, 2: ``5.6``)."""
    lifecycle: Text
    """How the vendor decides support, in one sentence."""
    lifecycle_source: Url
    series: Items[Series] = ()
    vulnerabilities: Items[Vulnerability] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Product:
        names = [s.series for s in self.series]
        if len(names) != len(set(names)):
            raise problem("a series is listed twice", "series")
        for index, item in enumerate(self.series):
            if item.series.count(".") + 1 != self.series_depth:
                raise problem(f"series '{item.series}' does not have {self.series_depth} "
                              "number(s)", "series", index)
        ids = [v.id for v in self.vulnerabilities]
        if len(ids) != len(set(ids)):
            raise problem("a vulnerability is listed twice", "vulnerabilities")
        return self


def _slug(value: str) -> str:
    if not _ID.fullmatch(value):
        raise problem(f"expected a lower-case id such as 'asterisk', got '{value}'")
    return value


class SoftwareData(InputModel):
    """voipscan/data/software.yaml."""

    version: Literal[1]
    updated: Date
    """The day the data was last checked against its sources."""
    products: Items[Product]

    @model_validator(mode="after")
    def _unique(self) -> SoftwareData:
        ids = [p.id for p in self.products]
        if len(ids) != len(set(ids)):
            raise problem("a product is listed twice", "products")
        return self
