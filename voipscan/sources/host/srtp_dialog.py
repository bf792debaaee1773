"""One INVITE with an SDP offer, ended cleanly whatever the peer does (RFC 3261).

- 100 Trying: keep waiting (hop-by-hop, nothing rings yet).
- Any other provisional: CANCEL at once (same Request-URI, Call-ID, From, CSeq number and
  top Via branch, untagged To), then ACK the 487.
- Non-2xx final: ACK on the INVITE's branch with the response's To tag.
- 2xx (also when it races our CANCEL, and once per forked To tag): ACK on a new branch to the
  Contact with the reversed Record-Route as Route set, then BYE with CSeq + 1.
- 401/407: ACK, then resend with CSeq + 1 and (Proxy-)Authorization when credentials exist.

``timeout`` bounds waiting for the INVITE's outcome (authentication retries included); the
clean-up (CANCEL and its 487, ACK and BYE) gets ``cleanup`` more, so an exchange never lasts
longer than ``timeout + cleanup`` (plus ``linger``: with the media check, the first answered
dialog stays up that long before its BYE; an interruption sends the BYE at once).
In-dialog requests and retransmissions go over the channel the INVITE used (the next hop),
UDP retransmissions follow timers A/E (T1 doubling).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from voipscan.sip import digest
from voipscan.sip.message import (
    DEFAULT_USER_AGENT,
    Dialog,
    Local,
    SipParseError,
    SipRequest,
    SipResponse,
    ack_for_failure,
    build_request,
    cancel_for,
    header_params,
    new_branch,
    response_to,
)
from voipscan.sip.sdp import looks_like_sdp
from voipscan.sources.host.srtp_offers import AnswerSignal
from voipscan.sources.host.transport import T1, T2, Channel, Pacer, PeerError

ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS"
MAX_DIALOGS = 4  # forked 2xx answered with ACK + BYE; more To tags are ignored
MAX_AUTH_ATTEMPTS = 2
MAX_SENDS = 7
STOP_GRACE = 2.0  # after an interruption: time left to see a CANCEL or BYE through


@dataclass(frozen=True)
class CallSetup:
    """Who calls whom: the Request-URI and the From identity of the probe's INVITEs."""

    request_uri: str
    to_uri: str
    from_uri: str = ""
    display_name: str = "voipscan"
    user_agent: str = DEFAULT_USER_AGENT


@dataclass(frozen=True)
class Exchange:
    """How one INVITE went (``signal``) and how it was ended (``cleanup``)."""

    signal: AnswerSignal
    cleanup: tuple[str, ...]
    invites: int
    authenticated: bool
    elapsed: float
    in_call: tuple[float, float] | None = None
    """Monotonic times the first answered dialog was up: its ACK, and its BYE (the media
    check's window); None when no call was answered."""


@dataclass
class _Outgoing:
    """A request we may have to retransmit over UDP until it is answered."""

    data: bytes
    next_send: float
    interval: float
    cap: float
    sends: int = 1


@dataclass
class _State:
    final: SipResponse | None = None
    ringing: SipResponse | None = None
    answer: SipResponse | None = None
    trying: bool = False
    cancel_sent: bool = False
    cancel_answered: bool = False
    auth_problem: str | None = None
    error: str | None = None
    steps: list[str] = field(default_factory=list)
    dialogs: dict[str, _Confirmed] = field(default_factory=dict)


@dataclass
class _Confirmed:
    """A dialog set up by a 2xx: its ACK (resent on 2xx retransmissions) and BYE."""

    ack: bytes
    bye: SipRequest
    closed: bool = False
    bye_auth_tried: bool = False
    bye_at: float | None = None
    """When the BYE is due (None: sent)."""


class InviteExchange:
    def __init__(self, channel: Channel, setup: CallSetup, offer: bytes, *,
                 credentials: digest.Credentials | None = None, pacer: Pacer | None = None,
                 timeout: float = 3.0, cleanup: float | None = None, t1: float = T1,
                 stop: asyncio.Event | None = None, linger: float = 0.0) -> None:
        self.channel = channel
        self.setup = setup
        self.offer = offer
        self.credentials = credentials
        self.pacer = pacer
        self.timeout = timeout
        self.cleanup_time = cleanup if cleanup is not None else max(timeout, 1.0)
        self.t1 = t1
        self.stop = stop
        self.linger = linger
        self.in_call: list[float] = []
        self.dialog = Dialog(from_uri=setup.from_uri, to_uri=setup.to_uri,
                             display_name=setup.display_name)
        self.local: Local = channel.local
        self.cseq = 1
        self.invites = 0
        self.auth_attempts = 0
        self.auth_header: tuple[str, str] | None = None
        self.invite = self._invite()
        self.acks: dict[int, bytes] = {}  # non-2xx ACK per INVITE CSeq, resent on retransmits
        self.outgoing: dict[tuple[int, str], _Outgoing] = {}
        self.state = _State()
        self.waiting = True  # for the INVITE's outcome, until the deadline

    # --- the run -------------------------------------------------------------------------

    async def run(self) -> Exchange:
        started = time.monotonic()
        deadline = started + self.timeout
        hard_deadline = deadline + self.cleanup_time + self.linger
        stop_seen = False
        if self.invite.call_id:
            self.channel.expect(self.invite.call_id)
        try:
            await self._send_invite()
            while not self._finished():
                now = time.monotonic()
                if self._stopping() and not stop_seen:
                    stop_seen = True  # interrupted: end what is open, but do not linger
                    hard_deadline = min(hard_deadline, now + STOP_GRACE)
                if now >= hard_deadline:
                    self._step("clean-up deadline reached")
                    break
                if self.waiting and (now >= deadline or self._stopping()):
                    await self._end_wait()
                await self._hang_up_due(now)
                wake = min(deadline if self.waiting else hard_deadline, self._next_retransmit(),
                           self._next_hang_up())
                if self.stop is not None:
                    wake = min(wake, now + 0.25)  # notice an interruption soon
                await self._receive_one(wake)
        except PeerError as error:
            self.state.error = f"{error.kind}: {error.detail}"
            self._step(f"peer error: {error.detail}")
        except SipParseError as error:  # a stream that is no longer SIP
            self.state.error = f"reply is not SIP: {error}"
        if len(self.in_call) == 1:
            self.in_call.append(time.monotonic())
        in_call = (self.in_call[0], self.in_call[1]) if self.in_call else None
        return Exchange(self._signal(), tuple(self.state.steps), self.invites,
                        self.auth_attempts > 0, time.monotonic() - started, in_call)

    def _stopping(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def _finished(self) -> bool:
        state = self.state
        if state.error is not None:
            return True
        if state.final is None:
            return False
        return all(d.closed for d in state.dialogs.values())

    def _provisional_seen(self) -> bool:
        return self.state.trying or self.state.ringing is not None

    async def _end_wait(self) -> None:
        """The INVITE's time is up: CANCEL if we may, else listen out the clean-up time for a
        late reply to end (a CANCEL needs a provisional first, RFC 3261 sec. 9.1)."""
        self.waiting = False
        if self.state.cancel_sent:
            return
        if self._provisional_seen():
            await self._send_cancel("no final response in time")
        else:
            self.outgoing.pop((self.cseq, "INVITE"), None)
            self._step("no reply in time; listening for a late one to end it")

    # --- receiving -----------------------------------------------------------------------

    async def _receive_one(self, wake: float) -> None:
        try:
            item = await self.channel.receive(wake)
        except SipParseError:
            if self.channel.reliable:
                raise
            return
        if item is None:
            if not self.channel.pending():
                await self._retransmit_due()
            return
        message = item.message
        if message.call_id != self.invite.call_id:
            return  # a late reply of an earlier offer
        if isinstance(message, SipRequest):
            await self._answer_request(message)
        else:
            await self._on_response(message)

    async def _on_response(self, response: SipResponse) -> None:
        cseq = response.cseq
        if cseq is None:
            return
        number, method = cseq
        if method == "INVITE":
            if number == self.cseq:
                await self._on_invite_response(response)
            elif number in self.acks and response.final:
                await self.channel.send(self.acks[number])  # retransmitted final of a retry
        elif method == "CANCEL" and response.final:
            self.outgoing.pop((number, "CANCEL"), None)
            if not self.state.cancel_answered:
                self.state.cancel_answered = True
                self._step(f"CANCEL -> {response.status} {response.reason}".strip())
        elif method == "BYE" and response.final:
            await self._on_bye_response(response)

    async def _on_invite_response(self, response: SipResponse) -> None:
        state = self.state
        if response.provisional:
            self.outgoing.pop((self.cseq, "INVITE"), None)
            if response.status == 100:
                state.trying = True
                return
            if state.ringing is None:
                state.ringing = response
            self._keep_answer(response)
            self.waiting = False
            if not state.cancel_sent:
                await self._send_cancel(f"{response.status} {response.reason}".strip())
            return
        self.outgoing.pop((self.cseq, "INVITE"), None)
        self.waiting = False
        if 200 <= response.status < 300:
            await self._on_success(response)
            return
        if self.cseq in self.acks:  # retransmission: our ACK was lost
            await self.channel.send(self.acks[self.cseq])
            return
        ack = ack_for_failure(self.invite, response).encode()
        self.acks[self.cseq] = ack
        await self.channel.send(ack)
        self._step(f"{response.status} {response.reason} -> ACK".strip())
        if response.status in (401, 407) and await self._authenticate(response):
            return
        if state.final is None:
            state.final = response

    async def _on_success(self, response: SipResponse) -> None:
        state = self.state
        tag = header_params(response.headers.get("To") or "").get("tag", "")
        if tag in state.dialogs:
            await self.channel.send(state.dialogs[tag].ack)  # 2xx retransmission
            return
        if state.final is None:
            state.final = response
        self._keep_answer(response)
        if len(state.dialogs) >= MAX_DIALOGS:
            return
        ack, bye = self._in_dialog(response, tag)
        confirmed = state.dialogs[tag] = _Confirmed(ack.encode(), bye)
        await self.channel.send(confirmed.ack)
        self._step(f"{response.status} {response.reason} -> ACK".strip())
        if self.linger > 0 and not self.in_call and not self._stopping():
            self.in_call.append(time.monotonic())
            confirmed.bye_at = self.in_call[0] + self.linger
            self._step(f"staying in the call {self.linger:g} s (media check)")
            return
        await self._send(bye)
        self._step("BYE sent")

    def _next_hang_up(self) -> float:
        return min((d.bye_at for d in self.state.dialogs.values()
                    if d.bye_at is not None and not d.closed), default=float("inf"))

    async def _hang_up_due(self, now: float) -> None:
        """Send the BYE of a dialog kept up for the media check once its time is up (at once
        when the scan is interrupted)."""
        for confirmed in self.state.dialogs.values():
            due = confirmed.bye_at
            if due is None or (now < due and not self._stopping()):
                continue
            confirmed.bye_at = None
            if len(self.in_call) == 1:
                self.in_call.append(now)
            if not confirmed.closed:
                await self._send(confirmed.bye)
                self._step("BYE sent")

    async def _on_bye_response(self, response: SipResponse) -> None:
        for confirmed in self.state.dialogs.values():
            bye = confirmed.bye
            if bye.cseq is None or response.cseq is None or bye.cseq[0] != response.cseq[0]:
                continue
            self.outgoing.pop((bye.cseq[0], "BYE"), None)
            if response.status in (401, 407) and not confirmed.bye_auth_tried and \
                    self._bye_with_credentials(confirmed, response):
                await self._send(confirmed.bye)
                self._step("BYE challenged -> resent with credentials")
                return
            confirmed.closed = True
            self._step(f"BYE -> {response.status} {response.reason}".strip())

    def _bye_with_credentials(self, confirmed: _Confirmed, response: SipResponse) -> bool:
        confirmed.bye_auth_tried = True
        challenge = digest.choose(digest.challenges(response))
        if self.credentials is None or challenge is None or confirmed.bye.cseq is None:
            return False
        number = confirmed.bye.cseq[0] + 1
        header = digest.authorization(challenge, self.credentials, "BYE", confirmed.bye.uri)
        headers = confirmed.bye.headers.replaced("CSeq", f"{number} BYE").replaced(
            "Via", self._via()).without("Authorization").without("Proxy-Authorization")
        confirmed.bye = SipRequest(headers.with_(*header), b"", method="BYE",
                                   uri=confirmed.bye.uri)
        return True

    async def _answer_request(self, request: SipRequest) -> None:
        """Requests from the peer within our call: BYE ends it, others are declined."""
        if request.method == "ACK":
            return
        status, reason = (200, "OK") if request.method == "BYE" else (501, "Not Implemented")
        await self.channel.send(response_to(request, status, reason).encode())
        if request.method == "BYE":
            tag = header_params(request.headers.get("From") or "").get("tag", "")
            if tag in self.state.dialogs:
                self.state.dialogs[tag].closed = True
            self._step("BYE from the peer -> 200")

    def _keep_answer(self, response: SipResponse) -> None:
        """The first SDP answer (183 early media or 2xx); later ones do not change it."""
        if self.state.answer is None and response.body and looks_like_sdp(
                response.headers.get("Content-Type"), response.body):
            self.state.answer = response

    # --- sending -------------------------------------------------------------------------

    def _via(self) -> str:
        return (f"SIP/2.0/{self.local.transport} {_sent_by(self.local)};branch={new_branch()}"
                ";rport")

    def _invite(self) -> SipRequest:
        extra: list[tuple[str, str]] = [("Allow", ALLOW)]
        if self.auth_header is not None:
            extra.append(self.auth_header)
        return build_request("INVITE", self.setup.request_uri, local=self.local,
                             dialog=self.dialog, cseq=self.cseq, user_agent=self.setup.user_agent,
                             extra=extra, body=self.offer, content_type="application/sdp")

    async def _send_invite(self) -> None:
        if self.pacer is not None:
            await self.pacer.wait()
        self.invites += 1
        await self._send(self.invite)

    async def _send(self, request: SipRequest) -> None:
        data = request.encode()
        await self.channel.send(data)
        if not self.channel.reliable and request.cseq is not None:
            cap = float("inf") if request.method == "INVITE" else T2
            self.outgoing[request.cseq] = _Outgoing(data, time.monotonic() + self.t1,
                                                    self.t1, cap)

    async def _send_cancel(self, why: str) -> None:
        self.state.cancel_sent = True
        self.outgoing.pop((self.cseq, "INVITE"), None)
        await self._send(cancel_for(self.invite))
        self._step(f"{why} -> CANCEL")

    def _next_retransmit(self) -> float:
        return min((o.next_send for o in self.outgoing.values()), default=float("inf"))

    async def _retransmit_due(self) -> None:
        now = time.monotonic()
        for key, outgoing in list(self.outgoing.items()):
            if outgoing.next_send > now + 0.0005:
                continue
            if outgoing.sends >= MAX_SENDS:
                del self.outgoing[key]
                continue
            await self.channel.send(outgoing.data)
            outgoing.sends += 1
            outgoing.interval = min(outgoing.interval * 2, outgoing.cap)
            outgoing.next_send = now + outgoing.interval

    async def _authenticate(self, response: SipResponse) -> bool:
        """Resend the INVITE with credentials; False when we cannot or should not."""
        challenge = digest.choose(digest.challenges(response))
        state = self.state
        if self.credentials is None:
            state.auth_problem = "authentication required; no credentials given"
            return False
        if challenge is None:
            state.auth_problem = "no supported digest challenge"
            return False
        if self.auth_attempts and not challenge.stale:
            state.auth_problem = "credentials rejected"
            return False
        if self.auth_attempts >= MAX_AUTH_ATTEMPTS or self._stopping() or state.cancel_sent:
            state.auth_problem = "authentication not completed"
            return False
        self.auth_attempts += 1
        self.cseq += 1
        self.auth_header = digest.authorization(challenge, self.credentials, "INVITE",
                                                self.setup.request_uri, body=self.offer)
        self.invite = self._invite()
        state.trying = False
        self.waiting = True
        await self._send_invite()
        self._step("resent with credentials")
        return True

    def _in_dialog(self, response: SipResponse, tag: str) -> tuple[SipRequest, SipRequest]:
        """ACK (CSeq of the INVITE) and BYE (CSeq + 1) of the dialog a 2xx set up."""
        target = _contact_uri(response) or self.setup.request_uri
        routes = [("Route", r) for r in reversed(response.headers.values("Record-Route"))]
        dialog = Dialog(call_id=self.dialog.call_id, from_tag=self.dialog.from_tag,
                        from_uri=self.dialog.from_uri, to_uri=self.dialog.to_uri, to_tag=tag,
                        display_name=self.dialog.display_name)
        ack_extra = [*routes, *([self.auth_header] if self.auth_header else [])]
        ack = build_request("ACK", target, local=self.local, dialog=dialog, cseq=self.cseq,
                            user_agent=self.setup.user_agent, extra=ack_extra, contact=False)
        bye = build_request("BYE", target, local=self.local, dialog=dialog, cseq=self.cseq + 1,
                            user_agent=self.setup.user_agent, extra=routes, contact=False)
        return ack, bye

    def _step(self, text: str) -> None:
        if len(self.state.steps) < 16:
            self.state.steps.append(text)

    # --- the result ----------------------------------------------------------------------

    def _signal(self) -> AnswerSignal:
        state = self.state
        final = _status(state.final)
        error = state.error
        if final is None and error is None:
            error = "no reply" if not self._provisional_seen() else "no final response"
        answer = state.answer
        warning = state.final.headers.get("Warning") if state.final is not None else None
        return AnswerSignal(
            final=final,
            warning=warning[:200] if warning else None,
            answer_body=answer.body if answer is not None else None,
            answer_status=_status(answer),
            ringing=_status(state.ringing),
            auth_problem=state.auth_problem,
            error=error,
            cancelled=state.cancel_sent,
        )


def _status(response: SipResponse | None) -> tuple[int, str] | None:
    return (response.status, response.reason[:80]) if response is not None else None


def _sent_by(local: Local) -> str:
    host = f"[{local.host}]" if ":" in local.host else local.host
    return f"{host}:{local.port}"


def _contact_uri(response: SipResponse) -> str | None:
    """The remote target: the URI of the 2xx's Contact (RFC 3261 sec. 12.1.2)."""
    values = response.headers.values("Contact")
    if not values:
        return None
    value = values[0]
    if "<" in value:
        start = value.index("<") + 1
        end = value.find(">", start)
        uri = value[start:end if end > 0 else None]
    else:
        uri = value.split(";", 1)[0]
    uri = uri.strip()
    if not uri.lower().startswith(("sip:", "sips:")) or len(uri) > 512 or not uri.isprintable() \
            or " " in uri:
        return None
    return uri
