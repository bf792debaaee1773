"""A worker's rules without a broker: the allow list (addresses and files), refusals
recorded, a job run once, a malformed job refused, broker URLs and Celery settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.sources.host.responders import reply, responder
from voipscan.errors import InputError
from voipscan.fleet.allow import Allowed, folders, parse_networks, pinned_resolver
from voipscan.fleet.broker import app, broker
from voipscan.fleet.job import Job
from voipscan.fleet.worker import Outcome, WorkerContext, execute
from voipscan.models.inventory import System
from voipscan.store import JobState, Store

SAMPLES = ROOT / "samples"
INVENTORY = SAMPLES / "system" / "inventory.yaml"


def system(**fields: object) -> System:
    return System.model_validate({"name": "pbx", **fields})


def test_addresses_outside_the_allow_list_are_refused() -> None:
    allowed = Allowed(parse_networks("127.0.0.0/8, 2001:db8::/32,192.0.2.7"),
                      resolver=lambda name: {"in.test": ["127.0.0.9"],
                                             "out.test": ["127.0.0.9", "198.51.100.1"]}[name])
    base = Path("/inventory.yaml")
    assert allowed.refusals(system(hosts=["127.0.0.1:5060", "sips:192.0.2.7",
                                          "[2001:db8::5]:5061", "127.0.0.0/28",
                                          "in.test"]), base) == []
    refused = allowed.refusals(system(hosts=["192.0.2.8", "10.0.0.0/8", "126.0.0.0/7",
                                             "out.test", "[2001:db9::1]:5060"]), base)
    assert len(refused) == 5
    assert refused[0] == "192.0.2.8 is outside --allow"
    assert "198.51.100.1" in refused[3] and "outside --allow" in refused[3]


def test_files_only_inside_the_files_folders() -> None:
    config = {"configs": ["../asterisk/hardened"], "captures": ["../captures/insecure.pcap"]}
    assert Allowed(parse_networks("127.0.0.1")).refusals(system(**config), INVENTORY) == [
        "../asterisk/hardened: this worker reads no files (start it with --files DIR)",
        "../captures/insecure.pcap: this worker reads no files (start it with --files DIR)"]
    inside = Allowed(parse_networks("127.0.0.1"), folders([SAMPLES]))
    assert inside.refusals(system(**config), INVENTORY) == []
    narrow = Allowed(parse_networks("127.0.0.1"), folders([SAMPLES / "asterisk"]))
    assert narrow.refusals(system(**config), INVENTORY) == [
        "../captures/insecure.pcap: outside --files"]
    assert narrow.refusals(system(configs=["../asterisk/../../README.md"]), INVENTORY) == [
        "../asterisk/../../README.md: outside --files"]


def test_allow_list_syntax() -> None:
    with pytest.raises(InputError, match="not an address or CIDR"):
        parse_networks("127.0.0.1,nonsense")
    with pytest.raises(InputError, match="at least one"):
        parse_networks(" , ")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'f.sqlite'}") as opened:
        yield opened


def job(fleet: str, entry: System) -> dict[str, object]:
    return Job(fleet_id=fleet, site="ams", inventory=str(INVENTORY), system=entry,
               profiles=("baseline",)).model_dump(mode="json")


def test_a_job_runs_once_and_a_refused_job_is_reported(store: Store) -> None:
    ok = system(configs=[{"path": "../asterisk/hardened", "pbx": "asterisk"}])
    out = System.model_validate({"name": "far", "hosts": ["192.0.2.10"]})
    store.create_fleet("0123abcd", str(INVENTORY), ["baseline"], [("pbx", "ams"),
                                                                    ("far", "ams")])
    context = WorkerContext("w1", store, Allowed(parse_networks("127.0.0.0/8"),
                                                 folders([SAMPLES])))
    assert execute(job("0123abcd", ok), context) is Outcome.DONE
    assert execute(job("0123abcd", ok), context) is Outcome.ALREADY
    assert execute(job("0123abcd", out), context) is Outcome.REFUSED
    assert execute({"fleet_id": "0123abcd", "evil": True}, context) is Outcome.INVALID
    status = store.fleet("0123abcd")
    assert status is not None and status.finished
    states = {j.system: (j.state, j.attempts, j.message) for j in status.jobs}
    assert states["pbx"] == (JobState.DONE, 1, "")
    assert states["far"][0] is JobState.REFUSED
    assert "192.0.2.10 is outside --allow" in states["far"][2]
    assert len(store.summaries()) == 1


def test_broker_urls_tls_and_passwords(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOIPSCAN_BROKER", raising=False)
    with pytest.raises(InputError, match="no broker"):
        broker(None)
    with pytest.raises(InputError, match="unsupported broker 'amqp://u:\\*\\*\\*@"):
        broker("amqp://u:pw@127.0.0.1//")
    with pytest.raises(InputError, match="needs a rediss://"):
        broker("redis://127.0.0.1:6379/0", tmp_path / "ca.pem")
    secret = tmp_path / "pw"
    secret.write_text("p@ss/w:rd\n")
    monkeypatch.setenv("VOIPSCAN_BROKER_PASSWORD_FILE", str(secret))
    monkeypatch.setenv("VOIPSCAN_BROKER", "rediss://127.0.0.1:6380/0")
    found = broker(None, tmp_path / "ca.pem", 30)
    assert found.url == "rediss://:p%40ss%2Fw%3Ard@127.0.0.1:6380/0"
    assert found.shown == "rediss://:***@127.0.0.1:6380/0"
    conf = app(found).conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1 and conf.accept_content == ["json"]
    assert conf.broker_transport_options["visibility_timeout"] == 30
    assert conf.broker_use_ssl["ssl_ca_certs"] == str(tmp_path / "ca.pem")


def test_a_name_is_scanned_at_the_address_the_allow_check_saw(store: Store) -> None:
    answers = iter([["127.0.0.1"]])  # a second lookup (a rebinding) would raise StopIteration
    with responder(reply(200, "OK")) as server:
        entry = system(hosts=[f"sip:pbx.rebind.test:{server.port};transport=udp"])
        allowed = Allowed(parse_networks("127.0.0.1/32"), resolver=lambda name: next(answers))
        store.create_fleet("0badcafe", str(INVENTORY), ["baseline"], [("pbx", "ams")])
        payload = Job(fleet_id="0badcafe", site="ams", inventory=str(INVENTORY), system=entry,
                      profiles=("baseline",), transports="udp", timeout=1.0
                      ).model_dump(mode="json")
        outcome = execute(payload, WorkerContext("w1", store, allowed))
    assert outcome is Outcome.DONE
    assert [r.method for r in server.requests] == ["OPTIONS"]  # at the pinned 127.0.0.1


def test_pinned_names_only() -> None:
    pinned: dict[str, str] = {}
    allowed = Allowed(parse_networks("127.0.0.0/8"), resolver=lambda name: ["127.0.0.5"])
    assert allowed.refusals(system(hosts=["PBX.test", "127.0.0.1"]), INVENTORY, pinned) == []
    resolve = pinned_resolver(pinned)
    assert resolve("pbx.TEST") == "127.0.0.5"
    with pytest.raises(OSError, match="not resolved when the job was checked"):
        resolve("other.test")
