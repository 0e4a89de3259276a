"""A township call's lifecycle: events in the log form, refusals, board,
reminders, verdicts, replay."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import huying
from conftest import CHINA

LOG = "\n".join(
    [
        '{"type":"raised","v":1,"id":"E1","call":"C1","at":"2025-06-03T09:00:00+08:00","actor":{"role":"township","unit":"U068"},"township":"U068","matter":"M001","channel":"video"}',
        '{"type":"acknowledged","v":1,"id":"E2","call":"C1","at":"2025-06-03T09:02:00+08:00","actor":{"role":"command_centre","unit":"U008"}}',
        '{"type":"dispatched","v":1,"id":"E3","call":"C1","at":"2025-06-03T09:10:00+08:00","actor":{"role":"command_centre","unit":"U008"},"department":"U010","supporting":["U068"]}',
        '{"type":"signed","v":1,"id":"E4","call":"C1","at":"2025-06-03T09:30:00+08:00","actor":{"role":"department","unit":"U010"}}',
    ]
)


def ev(kind: str, at: dt.datetime, role: str, unit: str, **facts: Any) -> dict[str, Any]:
    return {"type": kind, "v": 1, "call": "C7", "at": at, "actor": {"role": role, "unit": unit}, **facts}


def t(h: int, m: int = 0, day: int = 26) -> dt.datetime:
    return dt.datetime(2025, 9, day, h, m, tzinfo=CHINA)


@pytest.fixture
def policy() -> huying.CallPolicy:
    return huying.CallPolicy("U008")


def test_policy(policy: huying.CallPolicy) -> None:
    assert policy.command_centre == "U008"
    assert policy.limit("dispatch") == huying.Limit("30m")
    assert policy.limit("reply") == huying.Limit("3wd")
    p = policy.with_limit("arrival", "2h").with_day_end("close_of_business").with_warning(0.5)
    p = p.with_reminders([50]).with_breach_reminder(False).with_command_centre("CC")
    assert p.limit("arrival") == huying.Limit("2h") and p.limit_for("M001", "arrival") == huying.Limit("2h")
    assert (p.day_end, p.warning, p.reminders, p.breach_reminder, p.command_centre) == (
        "close_of_business", 0.5, [50], False, "CC"
    )
    assert "CallPolicy(" in repr(p) and huying.CallPolicy.trust_everyone().command_centre is None
    assert huying.CallPolicy.trust_everyone().trusts_everyone and not policy.trusts_everyone
    with pytest.raises(huying.CallPolicyError) as e:
        policy.with_warning(2.0)
    assert e.value.code == "call.bad_policy" and isinstance(e.value, ValueError)
    with pytest.raises(ValueError, match="stage"):
        policy.limit("lunch")  # type: ignore[arg-type]


def test_lifecycle(cal: huying.Calendar, policy: huying.CallPolicy) -> None:
    call = huying.Call.raise_(
        cal, ev("raised", t(16), "township", "U068", township="U068", matter="M001", channel="video"), policy
    )
    assert call.alarm and call.is_open and call.kind == "raised" and call.state["state"] == "raised"
    assert (call.id, call.township, call.matter, call.channel) == ("C7", "U068", "M001", "video")
    assert call.raised_at == t(16) and call.event_count == 1 and "Call(" in repr(call)
    board = call.at(t(16, 25))
    assert board["countdowns"][0]["light"] == "yellow"
    wake = call.next_wakeup(t(16, 1))
    assert wake is not None and wake.utcoffset() == dt.timedelta(hours=8)
    reminders = call.poll_reminders(t(16, 25))
    assert len(reminders) == 1 and call.poll_reminders(t(16, 25)) == []
    call.apply(ev("dispatched", t(16, 26), "command_centre", "U008", department="U053@U068", supporting=["U068"]))
    assert call.department == "U053@U068" and call.supporting == ["U068"] and call.command_centre == "U008"
    reply = [c for c in call.at(t(17))["countdowns"] if c["stage"] == "reply"][0]
    assert reply["due"] == "2025-10-01T00:00:00+08:00"
    assert call.limit_of("reply") == huying.Limit("3wd")
    # Only the department it was dispatched to may sign; a refusal changes nothing.
    with pytest.raises(huying.NotAuthorizedError) as e:
        call.apply(ev("signed", t(16, 40), "department", "U010"))
    assert e.value.code == "call.not_authorized" and isinstance(e.value, PermissionError)
    count = call.event_count
    with pytest.raises(huying.TransitionError) as e2:
        call.apply(ev("closed", t(16, 41), "command_centre", "U008"))
    assert e2.value.code == "call.invalid_transition" and call.event_count == count
    with pytest.raises(huying.TransitionError) as e3:
        call.apply(ev("signed", t(15), "department", "U053@U068"))
    assert e3.value.code == "call.time_backwards"
    call.apply(ev("signed", dt.datetime(2025, 9, 26, 16, 40), "department", "U053@U068"))  # naive = China
    assert call.kind == "signed" and call.last_event_at == t(16, 40)
    verdicts = call.verdicts()
    assert verdicts[0]["outcome"] == "met" and verdicts[0]["stage"] == "dispatch"
    assert call.pending_extension is None


def test_replay_and_log_errors(cal: huying.Calendar, policy: huying.CallPolicy) -> None:
    call = huying.Call.replay(cal, LOG, policy)
    assert call.kind == "signed" and call.event_count == 4
    again = huying.Call.from_events(cal, LOG.splitlines(), policy)
    assert again.kind == "signed"
    bad = LOG.replace('"type":"signed"', '"type":"sined"')
    with pytest.raises(huying.LogLineError) as e:
        huying.Call.replay(cal, bad, policy)
    assert e.value.code == "call.bad_event" and e.value.line == 4  # type: ignore[attr-defined]
    refused = LOG.replace('"unit":"U010"}}', '"unit":"U011"}}')
    with pytest.raises(huying.NotAuthorizedError) as e2:
        huying.Call.replay(cal, refused, policy)
    assert e2.value.line == 4  # type: ignore[attr-defined]
    with pytest.raises(huying.TransitionError) as e3:
        huying.Call.replay(cal, "", policy)
    assert e3.value.code == "call.empty"
    with pytest.raises(huying.LogLineError):
        huying.Call.raise_(cal, "{not json", policy)
    with pytest.raises(TypeError):
        huying.Call.raise_(cal, 42, policy)  # type: ignore[arg-type]


def test_policy_from_catalog_and_dispatch_by_the_list(cal: huying.Calendar) -> None:
    sample = huying.Catalog.sample()
    at = dt.datetime(2025, 10, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    policy = huying.CallPolicy.from_catalog(sample, at)
    assert policy.command_centre == "U008"
    assert str(policy.limit_for("M059", "arrival")) == "1h"  # the list's own limit for M059
    with pytest.raises(huying.HuyingError) as info:
        huying.CallPolicy.from_catalog(sample, dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    assert info.value.code == "catalog.before_list"
    p = huying.CallPolicy("U008").with_matter("M001", {"reply": "5wd", "arrival": "1h"})
    assert (str(p.limit_for("M001", "reply")), str(p.limit_for("M001", "arrival"))) == ("5wd", "1h")
    assert str(p.with_matter("M001", {}).limit_for("M001", "reply")) == "3wd"
    with pytest.raises(ValueError):
        p.with_matter("M001", {"lunch": "1h"})

    raised = {
        "type": "raised", "v": 1, "call": "C9", "at": "2025-10-09T09:00:00+08:00",
        "actor": {"role": "township", "unit": "U068"}, "township": "U068", "matter": "M001", "channel": "video",
    }
    call = huying.Call.raise_(cal, raised, policy)
    unit = call.responsible_unit(sample, at)
    assert unit == "U053@U068"
    ack = {"type": "acknowledged", "v": 1, "call": "C9", "at": "2025-10-09T09:05:00+08:00",
           "actor": {"role": "command_centre", "unit": "U008"}}
    call.apply(ack)
    event = call.dispatch_event(at, "U008", unit, sample)
    assert (event["type"], event["department"], event["supporting"]) == ("dispatched", unit, ["U068"])
    call.apply(event)
    assert call.kind == "dispatched"
    lights = {c["stage"]: c["light"] for c in call.countdowns(at)}
    assert lights == {"arrival": "green", "reply": "green"}


def test_identities_are_checked_against_the_list(cal: huying.Calendar) -> None:
    sample = huying.Catalog.sample()
    at = dt.datetime(2025, 12, 1, 9, 0)
    listed = huying.CallPolicy.from_catalog(sample, at)
    assert listed.checks_list and not listed.trusts_everyone
    as_dept = ev("raised", at, "township", "U010", township="U010", matter="M001", channel="text")
    with pytest.raises(huying.NotAuthorizedError) as e:
        huying.Call.raise_(cal, as_dept, listed)
    assert e.value.code == "call.wrong_role"
    unknown = ev("raised", at, "township", "XYZ", township="XYZ", matter="M001", channel="text")
    with pytest.raises(huying.NotAuthorizedError) as e:
        huying.Call.raise_(cal, unknown, listed)
    assert e.value.code == "call.unknown_unit"
    off_list = ev("raised", at, "township", "U068", township="U068", matter="M999", channel="text")
    with pytest.raises(huying.CatalogLookupError) as e3:
        huying.Call.raise_(cal, off_list, listed)
    assert e3.value.code == "call.unknown_matter"
    # Only a policy that says so believes everyone.
    assert huying.Call.raise_(cal, as_dept, huying.CallPolicy.trust_everyone()).kind == "raised"
    # A policy that names its command centre keeps it from raising calls itself.
    as_cc = ev("raised", at, "township", "U008", township="U008", matter="M001", channel="text")
    with pytest.raises(huying.NotAuthorizedError):
        huying.Call.raise_(cal, as_cc, huying.CallPolicy("U008"))
    with pytest.raises(TypeError):
        huying.CallPolicy()  # type: ignore[call-arg]
