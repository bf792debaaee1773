from voipscan.target import NetworkAddress


def test_ip_literals_are_normalised_and_names_are_not_ips() -> None:
    assert NetworkAddress("sip", "2001:DB8:0:0::5", 5060).ip == "2001:db8::5"
    assert NetworkAddress("sip", "fe80::1%eth0").ip == "fe80::1"  # the zone is not the address
    assert NetworkAddress("sip", "pbx.example.net").ip is None
    assert NetworkAddress("sip", "PBX.example.net.", 5061, "tls").canonical == \
        "sip:pbx.example.net:5061;transport=tls"
    assert NetworkAddress("sips", "2001:db8::0005", 5061).canonical == "sips:[2001:db8::5]:5061"


def test_the_same_host_asked_again_gives_the_same_answer() -> None:
    first = [NetworkAddress("sip", h).ip for h in ("127.0.0.1", "::1", "name", "::1")]
    again = [NetworkAddress("sip", h).ip for h in ("127.0.0.1", "::1", "name", "::1")]
    assert first == again == ["127.0.0.1", "::1", None, "::1"]
