"""The HTML audit report: its sections, self-containment and escaping, in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.reports.browser import Elements, distinct_colours, dom, screenshot
from voipscan import api
from voipscan.reports import RenderOptions, html
from voipscan.reports import render as render_format
from voipscan.result import ScanResult

SAMPLES = ROOT / "samples"
PAYLOADS = ('<script>document.title="pwned"</script>', '"><img src=x onerror="document.title=1">',
            "javascript:alert(1)", "' onmouseover='alert(1)", "<svg onload=alert(1)>")
HOSTILE = """\
format: voipscan-export/1
system:
  name: "{0}"
  platform: asterisk
  version: "{2}"
administrators:
  - name: "{1}"
    interface: web
    mfa: {{supported: false}}
    superuser: true
    password: admin
  - name: "{2}"
    interface: web
    mfa: {{supported: false}}
    superuser: true
    password: admin
sip_transports:
  - name: "{3}"
    protocol: udp
    bind: 0.0.0.0:5060
endpoints:
  - name: "{4}"
    transports: [udp]
    secret: "1234"
"""


def _scan(*paths: Path) -> ScanResult:
    return api.scan([api.config(p) for p in paths], ["baseline", "gdpr"])


def _hostile(tmp_path: Path) -> Path:
    folder = tmp_path / PAYLOADS[1]
    folder.mkdir()
    path = folder / "pbx.yaml"
    quoted = [p.replace("\\", "\\\\").replace('"', '\\"') for p in PAYLOADS]
    path.write_text(HOSTILE.format(quoted[1], quoted[0], *quoted[2:]), encoding="utf-8")
    return path


def test_sections_in_order_and_self_contained() -> None:
    page = render_format("html", _scan(SAMPLES / "export" / "insecure.yaml",
                                       SAMPLES / "asterisk" / "hardened"))
    elements = Elements(page)
    assert {"verdict", "summary"} <= elements.ids()
    assert page.index('id="verdict"') < page.index('id="summary"') < page.index('class="target"')
    assert elements.injected() == []  # no script, no fetch: it works offline
    text = " ".join(elements.text)
    for expected in ("Result: FAILED", "Failed findings by severity", "BL-ENC-1",
                     "credentials.default_or_weak", "Fix:", "Evidence required",
                     "samples/export/insecure.yaml:19"):
        assert expected in text, expected
    assert "admin" in text and "password: admin" not in page  # judged, never printed
    assert "bind: 0.0.0.0:5060" in text  # the configuration line behind the evidence


def test_an_interrupted_scan_is_incomplete() -> None:
    from dataclasses import replace

    from voipscan.engine import Thresholds, reassess

    result = _scan(SAMPLES / "export" / "hardened.yaml")
    assert result.verdict.passed
    interrupted = reassess(replace(result, incomplete=True), Thresholds())
    page = render_format("html", interrupted)
    assert "Result: INCOMPLETE" in page and "Result: PASSED" not in page


def test_hostile_values_are_text(tmp_path: Path) -> None:
    page = render_format("html", _scan(_hostile(tmp_path)))
    assert Elements(page).injected() == []
    text = " ".join(Elements(page).text)
    for payload in PAYLOADS:
        assert payload in text  # shown, as text


def test_the_injection_detector_sees_unescaped_output(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The escaping tests above would fail with autoescaping off."""
    monkeypatch.setattr(html._ENVIRONMENT, "autoescape", False)
    html._ENVIRONMENT.cache = None  # templates compiled with autoescaping must not be reused
    page = html.render(_scan(_hostile(tmp_path)), RenderOptions())
    assert Elements(page).injected()


class TestInChromium:
    def test_rendered_sections_and_a_screenshot_that_is_not_blank(self, tmp_path: Path) -> None:
        page = tmp_path / "report.html"
        page.write_text(render_format("html", _scan(SAMPLES / "export" / "insecure.yaml",
                                                    SAMPLES / "freeswitch" / "insecure")))
        rendered = Elements(dom(page))
        assert {"verdict", "summary"} <= rendered.ids()
        targets = [a for tag, a in rendered.tags if tag == "section" and
                   a.get("class") == "target"]
        assert len(targets) == 2
        assert sum(1 for tag, _ in rendered.tags if tag == "svg") == 2
        assert "Result: FAILED" in " ".join(rendered.text)
        assert distinct_colours(screenshot(page, tmp_path / "shot.png")) > 20

    def test_hostile_configuration_executes_nothing(self, tmp_path: Path) -> None:
        page = tmp_path / "report.html"
        page.write_text(render_format("html", _scan(_hostile(tmp_path))))
        after = dom(page)
        rendered = Elements(after)
        assert rendered.injected() == []
        assert "pwned" not in "".join(t for t in rendered.text if "<script>" not in t)
        title = after.split("<title>", 1)[1].split("</title>", 1)[0]
        assert title.startswith("voipscan audit report")

    def test_unescaped_payloads_would_run(self, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
        """The browser test has teeth: without autoescaping the payload lands in the DOM."""
        monkeypatch.setattr(html._ENVIRONMENT, "autoescape", False)
        html._ENVIRONMENT.cache = None
        page = tmp_path / "report.html"
        page.write_text(html.render(_scan(_hostile(tmp_path)), RenderOptions()))
        assert Elements(dom(page)).injected()


def test_a_trend_from_earlier_scores() -> None:
    import datetime as dt
    from dataclasses import replace

    from voipscan.reports import HistoryPoint

    result = _scan(SAMPLES / "export" / "insecure.yaml")
    result = replace(result, started=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    name = result.targets[0].target.name
    earlier = tuple(HistoryPoint(dt.datetime(2026, 11, day, tzinfo=dt.UTC), profile, 50.0 + day,
                                 "C", 80.0) for day in (1, 15) for profile in ("baseline",))
    page = html.render(result, RenderOptions(history={name: earlier}))
    assert page.count('class="chart trend"') == 1  # baseline only: gdpr has no history
    assert "Trend [baseline], 2026-11-01 to 2026-12-01" in page
    score = page.split('class="line score"')[0].rsplit("points=", 1)[1]
    assert score.count(",") == 3  # two earlier scores and this scan's
    assert 'class="chart trend"' not in html.render(result, RenderOptions())
