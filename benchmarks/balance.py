"""How evenly `careermap serve`'s workers share connections that arrive together.

Serves the bare Django page (benchmarks/bare/) the way Careermap is served (2 workers) and
measures it with wrk at 16 connections, --runs times: with the connections spread over both
workers each run answers about the same; with one worker taking them all, a run answers about
half. Prints each run's req/s (2xx answers only).

    python benchmarks/balance.py --runs 8 --duration 3
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import ROOT, STATUS_COUNTER, start, stop, wrk
from ratio import BARE_PATH, bare_sign_in, free_port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--duration", type=int, default=3)
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="careermap-balance-"))
    script = data / "count_statuses.lua"
    script.write_text(STATUS_COUNTER)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, str(ROOT / "benchmarks" / "bare" / "serve.py")]
    command += ["--port", str(port), "--data-dir", str(data / "bare")]
    server = start(command, dict(os.environ), base)
    try:
        cookie = bare_sign_in(base)
        runs = [
            wrk(base + BARE_PATH, cookie, 16, args.duration, script)["rps"]
            for _ in range(args.runs)
        ]
    finally:
        stop(server)
    print("req/s per run:", " ".join(f"{rps:.0f}" for rps in runs))
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
