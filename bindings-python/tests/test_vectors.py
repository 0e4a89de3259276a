"""The shared test vectors in tests/vectors/ (the Rust tests run the same files)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import huying

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


LOADED: list[str] = []


def load(name: str) -> dict[str, Any]:
    LOADED.append(name)
    with open(VECTORS / name, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    assert data["version"] == 1
    return data


CAL = load("calendar.json")
DEADLINES = load("deadlines.json")
HOLIDAYS = load("holidays.json")


def day(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def instant(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def case_id(case: dict[str, Any]) -> str:
    return str(case.get("name") or case.get("date") or f"{case.get('a')}..{case.get('b')}")


def expect(case: dict[str, Any], call: Any) -> Any:
    """Runs `call`, checking the error code when the case expects an error."""
    if "error" in case:
        with pytest.raises(huying.HuyingError) as info:
            call()
        assert info.value.code == case["error"]
        return None
    return call()


@pytest.mark.parametrize("case", CAL["is_working_day"], ids=case_id)
def test_is_working_day(case: dict[str, Any]) -> None:
    cal = huying.Calendar.china()
    got = expect(case, lambda: cal.is_working_day(day(case["date"])))
    if "expected" in case:
        assert got is case["expected"]


@pytest.mark.parametrize("case", CAL["add_working_days"], ids=case_id)
def test_add_working_days(case: dict[str, Any]) -> None:
    cal = huying.Calendar.china()
    got = expect(case, lambda: cal.add_working_days(day(case["date"]), case["n"]))
    if "expected" in case:
        assert got == day(case["expected"])


@pytest.mark.parametrize("case", CAL["working_days_between"], ids=case_id)
def test_working_days_between(case: dict[str, Any]) -> None:
    cal = huying.Calendar.china()
    got = expect(case, lambda: cal.working_days_between(day(case["a"]), day(case["b"])))
    if "expected" in case:
        assert got == case["expected"]


@pytest.mark.parametrize("case", CAL["day_kind"] + HOLIDAYS["day_kind"], ids=case_id)
def test_day_kind(case: dict[str, Any]) -> None:
    cal = huying.Calendar.china()
    got = expect(case, lambda: cal.day_kind(day(case["date"])))
    if "expected" in case:
        assert got.code == case["expected"]
        if "festival_zh" in case:
            assert got.festival is not None
            assert got.festival.name_zh == case["festival_zh"]
            assert got.festival.name_en == case["festival_en"]
        else:
            assert got.festival is None


def test_holiday_boundaries_agree_with_is_working_day() -> None:
    assert HOLIDAYS["periods"] >= 140
    cal = huying.Calendar.china()
    for case in HOLIDAYS["day_kind"]:
        working = case["expected"] in ("working_day", "working_day_in_lieu")
        assert cal.is_working_day(day(case["date"])) is working, case


@pytest.mark.parametrize("case", DEADLINES["cases"], ids=case_id)
def test_deadline(case: dict[str, Any]) -> None:
    cal = huying.Calendar.china()
    if "schedule" in case:
        cal = cal.with_schedule(case["schedule"])
    policy = case.get("policy", "midnight")
    got = expect(case, lambda: cal.deadline(instant(case["start"]), case["limit"], policy))
    if got is None:
        return
    want = instant(case["expected_due"])
    assert got.due == want
    assert got.due.utcoffset() == dt.timedelta(hours=8)
    assert got.due.isoformat() == case["expected_due"]
    assert got.due_text == case["due_text"]
    assert cal.due(instant(case["start"]), case["limit"], policy) == want
    for snippet in case.get("explain_en", []):
        assert snippet in got.explain("en")
    for snippet in case.get("explain_zh", []):
        assert snippet in got.explain("zh")


CATALOG = load("catalog.json")


def _unit_id(u: Any) -> Any:
    return None if u is None else u["id"]


@pytest.mark.parametrize("case", CATALOG["resolve"], ids=case_id)
def test_catalog_resolve(case: dict[str, Any]) -> None:
    c = huying.Catalog.sample()
    got = expect(case, lambda: c.resolve(case["matter"], case["township"], instant(case["at"])))
    if got is None:
        return
    want = case["expected"]
    assert got["edition"] == want["edition"]
    assert got["primary"]["id"] == want["primary"]
    assert _unit_id(got["department"]) == want["department"]
    supporting = [{"unit": s["unit"]["id"], "kinds": s["duty"]["kinds"]} for s in got["supporting"]]
    assert supporting == want["supporting"]


@pytest.mark.parametrize("case", CATALOG["admit"], ids=case_id)
def test_catalog_admit(case: dict[str, Any]) -> None:
    c = huying.Catalog.sample()
    got = expect(
        case,
        lambda: c.admit(case["from"], case["township"], case["duty"], instant(case["at"]), case["matter"]),
    )
    if got is None:
        return
    want = case["expected"]
    reason = got["reason"] if isinstance(got["reason"], str) else next(iter(got["reason"]))
    assert (got["decision"], reason, got["edition"]) == (want["decision"], want["reason"], want["edition"])


@pytest.mark.parametrize("case", CATALOG["accountable"], ids=case_id)
def test_catalog_accountable(case: dict[str, Any]) -> None:
    c = huying.Catalog.sample()
    got = expect(
        case, lambda: c.accountable(case["matter"], case["township"], case["breach"], instant(case["at"]))
    )
    if got is None:
        return
    want = case["expected"]
    assert [u["id"] for u in got["units"]] == want["units"]
    assert _unit_id(got["department"]) == want["department"]
    assert got["edition"] == want["edition"]


def test_every_vector_file_is_run_here() -> None:
    files = sorted(p.name for p in VECTORS.glob("*.json"))
    assert files == sorted(LOADED), f"vector files without a Python runner: {set(files) - set(LOADED)}"


CALLS = load("calls.json")


def _moment(v: Any) -> Any:
    """An instant from the binding (a datetime or an RFC 3339 string) or None."""
    if v is None:
        return None
    return v if isinstance(v, dt.datetime) else instant(v)


@pytest.mark.parametrize("case", CALLS["cases"], ids=case_id)
def test_call_sequence(case: dict[str, Any]) -> None:
    assert CALLS["policy"] == {"command_centre": "U008"}
    cal = huying.Calendar.china()
    policy = huying.CallPolicy(CALLS["policy"]["command_centre"])
    first, *steps = case["steps"]
    call = huying.Call.raise_(cal, first["event"], policy)
    assert call.kind == first["state"]
    for step in steps:
        if "event" in step:
            before = call.at(call.last_event_at) if "error" in step else None
            expect(step, lambda: call.apply(step["event"]))
            if "state" in step:
                assert call.kind == step["state"], step
            else:
                assert call.at(call.last_event_at) == before, "a refusal changed the call"
            continue
        want = step["expected"]
        board = call.at(instant(step["at"]))
        assert board["state"] == want["state"], step
        assert board["alarm"] is want["alarm"], step
        countdowns = {
            c["stage"]: {"light": c["light"], "due": _moment(c["due"]), "round": c["round"]}
            for c in board["countdowns"]
        }
        expected = {
            stage: {"light": c["light"], "due": instant(c["due"]), "round": c["round"]}
            for stage, c in want["countdowns"].items()
        }
        assert countdowns == expected, step
        assert [r["id"] for r in board["reminders"]] == want["reminders"], step
        assert _moment(board["next_wakeup"]) == _moment(want["next_wakeup"]), step


COMPLIANCE = load("compliance.json")


def _at_path(v: Any, path: str) -> Any:
    cur = v
    for key in path.split("."):
        if key == "length" and isinstance(cur, list):
            return len(cur)
        if isinstance(cur, list):
            cur = cur[int(key)]
        elif isinstance(cur, dict):
            cur = cur.get(key)
        else:
            return None
    return cur


def _same_json(got: Any, want: Any, label: str) -> None:
    if isinstance(want, bool) or want is None or isinstance(want, str):
        assert got == want, label
    elif isinstance(want, (int, float)):
        assert isinstance(got, (int, float)) and abs(got - want) < 1e-9, f"{label}: {got} != {want}"
    elif isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), f"{label}: {got}"
        for k, w in want.items():
            _same_json(got[k], w, f"{label}.{k}")
    else:
        assert isinstance(got, list) and len(got) == len(want), label
        for i, (g, w) in enumerate(zip(got, want)):
            _same_json(g, w, f"{label}.{i}")


@pytest.mark.parametrize("case", COMPLIANCE["cases"], ids=case_id)
def test_compliance_report(case: dict[str, Any]) -> None:
    catalog = {"sample": huying.Catalog.sample(), None: None}[case["catalog"]]
    as_of = None if case["as_of"] is None else instant(case["as_of"])
    report = huying.compliance_report(case["log"], catalog, case["by"], as_of=as_of)
    data = json.loads(report.to_json())
    for path, want in case["expected"]:
        _same_json(_at_path(data, path), want, f"{case['name']}: {path}")


ERRORS = load("errors.json")


def _error_case(case: dict[str, Any]) -> None:
    """Does one case of errors.json; it must raise."""
    op = case["op"]
    cal = huying.Calendar.china()
    if op == "is_working_day":
        cal.is_working_day(day(case["date"]))
    elif op == "extend_from_tsv":
        cal.extend_from_tsv(case["text"], "vector")
    elif op == "extend_from_notice":
        cal.extend_from_notice(case["text"])
    elif op == "deadline":
        cal.deadline(instant(case["start"]), case["limit"])
    elif op == "schedule":
        huying.Schedule(case["text"])
    elif op == "limit":
        huying.Limit(case["text"])
    elif op == "catalog_json":
        huying.Catalog.from_json(case["text"])
    elif op == "resolve":
        huying.Catalog.sample().resolve(case["matter"], case["township"], instant(case["at"]))
    elif op == "call":
        huying.Call.from_events(cal, case["events"], huying.CallPolicy(case["policy"]))
    elif op == "call_log":
        huying.Call.replay(cal, case["text"], huying.CallPolicy(case["policy"]))
    elif op == "policy_warning":
        huying.CallPolicy(case["policy"]).with_warning(case["fraction"])
    elif op == "report":
        huying.compliance_report([], None, case["by"])
    else:
        raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("case", ERRORS["cases"], ids=case_id)
def test_error_code_and_class(case: dict[str, Any]) -> None:
    with pytest.raises(huying.HuyingError) as e:
        _error_case(case)
    assert e.value.code == case["code"], str(e.value)
    assert type(e.value).__name__ == case["kind"] + "Error"
    assert getattr(huying, type(e.value).__name__) is type(e.value)
