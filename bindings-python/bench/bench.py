"""Benchmark (not a test): Huying's numpy batch functions against
numpy.busday_offset, in one run.

    python bindings-python/bench/bench.py [--n 1000000] [--repeat 5]

1. "+3 working days" on 1M dates (datetime64[D]):
   ``cal.add_working_days_array(d, 3)`` vs ``np.busday_offset(d, 3, ...)``.
2. "+3 working days" as a deadline on 1M UTC timestamps (datetime64[s]):
   ``cal.deadline_array(t, "3wd")`` (24:00 China time of the 3rd working day
   after the day of receipt) vs the same computed with numpy (shift to China
   time, floor to days, busday_offset, +1 day, shift back).
3. "+4 working hours with a lunch break" (08:30-12:00, 14:00-17:30) on 1M
   timestamps: ``office.add_working_time_array(t, 4h)`` and
   ``office.deadline_array(t, "4wh")``. numpy has no working-hours function.

numpy's calendar is the exact seven-day-weekmask encoding of Huying's: the
weekmask "1111111" (every weekday a business day) and, as holidays, every
rest day of 2004-2026 — weekends and statutory holidays, but not the
weekend days worked in lieu (调休上班), which a Monday-Friday weekmask plus
holidays cannot express. The script asserts that numpy and Huying agree on
every element, and also shows how many answers the naive encoding
(weekmask "1111100" + statutory holidays) gets wrong.

Targets (issue 6): Huying's day batch at least 5x faster than numpy per
element; at most 40 ns per element for working hours. Single-threaded
(Huying releases the GIL but does not spread one call over threads).

busday_offset uses no BLAS, so OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on
some machines here) do not affect these figures; the script reports them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from typing import Callable

import numpy as np

import huying

FIRST, LAST = np.datetime64("2004-01-01"), np.datetime64("2026-12-31")


def best_ns_per_element(f: Callable[[], object], n: int, repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU time (this thread) per element, in ns.

    The CPU time is what the work costs even when other processes share the
    machine; on an idle machine the two agree.
    """
    f()  # warm up
    wall = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        f()
        c1, t1 = time.thread_time_ns(), time.perf_counter_ns()
        wall, cpu = min(wall, t1 - t0), min(cpu, c1 - c0)
    return wall / n, cpu / n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="elements per batch (default 1M)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs; the best is reported")
    args = ap.parse_args()
    n, repeat = args.n, args.repeat

    cal = huying.Calendar.china()
    office = cal.with_schedule("08:30-12:00,14:00-17:30")

    # The same calendar for numpy: the exact seven-day-weekmask encoding.
    all_days = np.arange(FIRST, LAST + 1, dtype="datetime64[D]")
    working = cal.is_working_day_array(all_days)
    exact = np.busdaycalendar(weekmask="1111111", holidays=all_days[~working])
    # The naive encoding, for comparison: Monday-Friday and statutory holidays.
    statutory = np.array(
        [d for y in range(2004, 2027) for d, k in cal.special_days(y) if k.code == "holiday"],
        dtype="datetime64[D]",
    )
    naive = np.busdaycalendar(weekmask="1111100", holidays=statutory)

    # 1M instants from 2005 to 2025 (so that +3 working days stays covered),
    # at any second of the day.
    rng = np.random.default_rng(2025)
    lo = np.datetime64("2005-01-01T00:00:00", "s").astype(np.int64)
    hi = np.datetime64("2025-12-01T00:00:00", "s").astype(np.int64)
    stamps = rng.integers(lo, hi, size=n).astype("datetime64[s]")
    eight = np.timedelta64(8, "h")
    days = (stamps + eight).astype("datetime64[D]")  # their China dates

    print(f"huying {huying.__version__} | numpy {np.__version__} | Python {platform.python_version()} | {platform.machine()}")
    blas_env = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    print(f"elements per batch: {n:,}; best of {repeat} runs; OpenBLAS env: {blas_env or 'not set'} (unused by busday_offset)")
    print()

    # ---- 1. +3 working days on dates ----
    hy_days = cal.add_working_days_array(days, 3)
    np_days = np.busday_offset(days, 3, roll="backward", busdaycal=exact)
    assert np.array_equal(hy_days, np_days), "numpy (exact encoding) and Huying disagree on +3 working days"
    wrong = int(np.count_nonzero(np.busday_offset(days, 3, roll="backward", busdaycal=naive) != hy_days))
    t_hy = best_ns_per_element(lambda: cal.add_working_days_array(days, 3), n, repeat)
    t_np = best_ns_per_element(lambda: np.busday_offset(days, 3, roll="backward", busdaycal=exact), n, repeat)

    # ---- 2. +3 working days as a deadline on timestamps ----
    def numpy_deadline() -> np.ndarray:
        local_day = (stamps + eight).astype("datetime64[D]")
        last = np.busday_offset(local_day, 3, roll="backward", busdaycal=exact)
        return (last + np.timedelta64(1, "D")).astype("datetime64[s]") - eight

    hy_dl = cal.deadline_array(stamps, "3wd")
    assert hy_dl.dtype == stamps.dtype
    assert np.array_equal(hy_dl, numpy_deadline()), "numpy and Huying disagree on 3wd deadlines"
    t_hy_dl = best_ns_per_element(lambda: cal.deadline_array(stamps, "3wd"), n, repeat)
    t_np_dl = best_ns_per_element(numpy_deadline, n, repeat)

    # ---- 3. +4 working hours with a lunch break ----
    four = dt.timedelta(hours=4)
    hy_wh = office.add_working_time_array(stamps, four)
    assert np.array_equal(hy_wh, office.deadline_array(stamps, "4wh"))
    for i in rng.integers(0, n, size=2000):  # agrees with the scalar function
        start = stamps[i].item().replace(tzinfo=dt.timezone.utc)
        assert hy_wh[i].item().replace(tzinfo=dt.timezone.utc) == office.add_working_time(start, four)
    t_wh = best_ns_per_element(lambda: office.add_working_time_array(stamps, four), n, repeat)
    t_wh_dl = best_ns_per_element(lambda: office.deadline_array(stamps, "4wh"), n, repeat)

    rows = [
        ("+3 working days, datetime64[D]", t_hy, t_np),
        ("3wd deadline, datetime64[s] (China time)", t_hy_dl, t_np_dl),
        ("+4 working hours (lunch break), add_working_time_array", t_wh, None),
        ("4wh deadline, deadline_array", t_wh_dl, None),
    ]
    print(f"{'task':<56} {'huying ns/el':>19} {'numpy ns/el':>19} {'speed-up':>9}")
    print(f"{'':<56} {'wall':>9} {'cpu':>9} {'wall':>9} {'cpu':>9} {'(cpu)':>9}")
    for name, hy, npy in rows:
        np_cols = f"{npy[0]:9.1f} {npy[1]:9.1f}" if npy else f"{'-':>9} {'-':>9}"
        ratio = f"{npy[1] / hy[1]:8.1f}x" if npy else f"{'-':>9}"
        print(f"{name:<56} {hy[0]:9.1f} {hy[1]:9.1f} {np_cols} {ratio}")
    print()
    print(f"agreement: numpy (exact 7-day-weekmask encoding) == Huying on all {n:,} elements, both day tasks")
    print(f"naive encoding (weekmask 1111100 + statutory holidays): {wrong:,} of {n:,} answers wrong ({100 * wrong / n:.2f}%)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average during the run: {load:.2f} on {os.cpu_count()} CPUs")
    ok_days = t_np[1] / t_hy[1] >= 5 and t_np_dl[1] / t_hy_dl[1] >= 5
    ok_hours = max(t_wh[1], t_wh_dl[1]) <= 40
    print(f"target days >= 5x numpy (cpu): {'met' if ok_days else 'NOT met'}; target hours <= 40 ns/el (cpu): {'met' if ok_hours else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
