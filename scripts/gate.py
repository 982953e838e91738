"""Accuracy gate: F1 on spread-out slices of the bench's dev files must not fall below the floors.

    python scripts/gate.py                 # check against scripts/gate-floors.json (CI runs this)
    python scripts/gate.py --measure       # print today's figures, to set new floors by hand

Runs only where the bench (../shared/bench) is present; elsewhere it says so and passes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
FLOORS = Path(__file__).with_name("gate-floors.json")


def measure(name: str, spec: dict) -> dict:
    extractor = spec.get("extractor", "boilerstrip:clean")
    args = [sys.executable, str(BENCH / "evaluate.py"), "--mode", spec["mode"], "--extractor", extractor,
            "--every", str(spec["every"]), "--data", str(BENCH / "data" / spec["data"]), "--quiet"]  # fmt: skip
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measure", action="store_true")
    args = ap.parse_args()
    if not (BENCH / "evaluate.py").exists():
        print(f"gate: no bench at {BENCH}; skipped")
        return 0
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    failed = 0
    for name, spec in floors.items():
        if name.startswith("_"):
            continue
        got = measure(name, spec)
        ok = got["F1"] >= spec["f1_floor"] and got["errors"] == 0
        failed += not ok
        print(f"gate {name}: F1 {got['F1']:.3f} (floor {spec['f1_floor']:.3f}) P {got['P']:.3f} R {got['R']:.3f} "
              f"errors {got['errors']} {got['MB_s']:.1f} MB/s  {'ok' if ok or args.measure else 'FAILED'}")  # fmt: skip
    if failed and not args.measure:
        print(f"gate: {failed} slice(s) below their floor")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
