"""3CX V20 as a source: a folder of configuration API (XAPI) responses saved as JSON
(``ThreeCxSource``, through ``scan config``), or the API itself (``ThreeCxApi``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from voipscan.errors import InputError, Problem
from voipscan.sources.config.evidence import NONE, SPECIFIC, head, is_dir
from voipscan.sources.config.threecx.documents import USERS, read_export
from voipscan.sources.config.threecx.facts import PLATFORM, build
from voipscan.sources.config.threecx.xapi import XapiUrl, fetch_export, read_token
from voipscan.sources.interface import ConfigSource, ScanContext, Source, SourceResult
from voipscan.target import NetworkAddress, Target, TargetKind

ODATA_USERS = b"$metadata#Users"
USER_FIELDS = (b'"Require2FA"', b'"Enable2FA"')
LIKELY = 0.6  # a Users.json with 3CX's 2FA fields but no OData context


class ThreeCxSource(ConfigSource):
    name = PLATFORM
    description = "3CX V20: a folder of configuration API (XAPI) responses saved as JSON"

    def detect(self, path: Path) -> float:
        if not is_dir(path):
            return NONE
        users = head(path / USERS, 65536)
        if ODATA_USERS in users:
            return SPECIFIC
        return LIKELY if any(field in users for field in USER_FIELDS) else NONE

    def load(self, path: Path) -> SourceResult:
        export, problems = read_export(path)
        target = Target.path(path, TargetKind.CONFIG, self.name)
        return SourceResult(target, build(export, str(path)), tuple(problems))


class ThreeCxApi(Source):
    """A live 3CX V20 read through its configuration API (HTTPS, bearer token from a file)."""

    kind = TargetKind.CONFIG

    def __init__(self, url: str, token_file: str | os.PathLike[str],
                 ca_file: str | os.PathLike[str] | None = None) -> None:
        self.url = url
        self.token_file = Path(token_file)
        self.ca_file = Path(ca_file) if ca_file is not None else None

    @property
    def key(self) -> str:
        return f"{PLATFORM}:{self.url.rstrip('/')}"

    @property
    def label(self) -> str:
        return self.url

    def target(self) -> Target:
        try:
            parsed = XapiUrl.parse(self.url)
            address = NetworkAddress("https", parsed.host, parsed.port)
        except InputError:
            address = NetworkAddress("https", "unknown")
        return Target(self.url, TargetKind.CONFIG, PLATFORM, address)

    def scan(self, context: ScanContext) -> Iterator[SourceResult]:
        context.progress.begin(1, "API")
        try:
            with context.cancellation.interruptible():
                url = XapiUrl.parse(self.url)
                export, problems = fetch_export(url, read_token(self.token_file),
                                                self.ca_file)
        except InputError as error:
            yield SourceResult.failed(self.target(), Problem.from_error(error))
            return
        except KeyboardInterrupt:
            context.cancellation.cancel()
            yield from self.skipped("scan interrupted before the API was read")
            return
        context.progress.advance()
        context.progress.end()
        yield SourceResult(self.target(), build(export, self.url), tuple(problems))

    def skipped(self, reason: str) -> list[SourceResult]:
        return [SourceResult.failed(self.target(), Problem(reason, self.url))]
