"""What an analyst shows their office: the on-time rate of each department,
month by month, over a year of township calls.

    python examples/python/on_time_by_department.py [LOG] [--out chart.png]

LOG is a call log (JSON lines, or CSV ending in .csv) as the platform
exports it; without one, a realistic year of calls on the sample list is
generated. Writes a PNG chart with matplotlib and prints the report's
department ranking.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Optional

import huying


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("log", nargs="?", help="a call log (.jsonl or .csv); default: a generated year")
    ap.add_argument("--out", default="on_time_by_department.png", help="the chart to write (PNG)")
    ap.add_argument("--calls", type=int, default=3000, help="calls to generate when no log is given")
    ap.add_argument("--top", type=int, default=8, help="departments to draw (most calls first)")
    args = ap.parse_args(argv)

    catalog = huying.Catalog.sample()
    source: Any = args.log if args.log else huying.generate_log(catalog, calls=args.calls).splitlines()
    report = huying.compliance_report(source, catalog=catalog, by=["department", "month"])
    print(f"{report.total['calls']} calls, on-time rate {report.total['on_time_rate']:.1%} (as of {report.as_of:%Y-%m-%d})")

    # One line per department: the on-time rate per month (None when nothing was due).
    rows = [r for r in report.to_records("en") if r["row"] == "group"]
    months = sorted({r["month"] for r in rows})
    calls: dict[str, int] = {}
    rate: dict[str, dict[str, Optional[float]]] = {}
    for r in rows:
        name = r["department_name"]
        calls[name] = calls.get(name, 0) + r["calls"]
        rate.setdefault(name, {})[r["month"]] = r["on_time_rate"]
    shown = sorted(calls, key=lambda d: -calls[d])[: args.top]

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=110)
    for name in shown:
        ys = [rate[name].get(m) for m in months]
        ax.plot(months, [float("nan") if y is None else 100 * y for y in ys], marker="o", label=name)
    ax.set_ylim(0, 105)
    ax.set_ylabel("on-time rate (%)")
    ax.set_title("On-time rate by department and month (stages due: dispatch 30 min, arrival 3 h, reply 3 working days)")
    ax.grid(alpha=0.3)
    ax.tick_params(axis="x", rotation=45)
    ax.legend(fontsize="small", loc="lower left", ncol=2)
    fig.tight_layout()
    out = Path(args.out)
    fig.savefig(out)
    print(f"chart: {out}")
    print()
    print(report.ranking_csv("en"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
