"""Write the sample captures from the traffic scenarios the capture tests use.

    python samples/captures/make_captures.py

Every packet is synthetic (documentation addresses, made-up keys and digests): nothing here
was recorded from a real network.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.sources.capture import scenarios, tunnels  # noqa: E402
from tests.sources.capture.packets import write  # noqa: E402


def mirrored() -> list:  # type: ignore[type-arg]
    """The insecure scenario as a switch mirrors it to a monitor over ERSPAN type II."""
    return [tunnels.erspan(packet, 2) for packet in scenarios.insecure()]


EPOCH = 1_764_000_000  # 2025-11-24

CAPTURES = {
    "insecure.pcap": (scenarios.insecure, "cleartext SIP with SDES keys, a cleartext digest "
                      "REGISTER, plain RTP both ways, a TLS 1.2 server, a friendly-scanner "
                      "probe, a REGISTER sweep of 15 users and SIP over TCP"),
    "secure.pcapng": (scenarios.secure, "DTLS-SRTP negotiated with SRTP on the negotiated "
                      "ports and a SIP-TLS server that picks TLS 1.3"),
    "pbx-tls13.pcapng": (scenarios.tls13_signalling, "two phones reach the PBX at 10.0.0.1 "
                         "over SIP-TLS and it picks TLS 1.3 each time (used by the system "
                         "sample)"),
    "erspan-mirror.pcap": (mirrored, "insecure.pcap as a switch's ERSPAN (type II) "
                           "mirror delivers it: GRE to a collector, every frame wrapped"),
}


def main() -> None:
    for name, (scenario, _) in CAPTURES.items():
        packets = scenario()
        for number, packet in enumerate(packets):  # fixed times: the same bytes every run
            packet.time = EPOCH + number / 50
        write(HERE / name, packets, pcapng=name.endswith(".pcapng"))
        print(HERE / name)


if __name__ == "__main__":
    main()
