"""Run many ``zwgk`` commands in one process, through the same CLI entry the console script
uses (``typer.testing.CliRunner`` on ``zwgk_tui.cli.app``, its command tree built once).

``python bulk.py JOBS.json PROGRESS RESULTS.jsonl``: JOBS is a list of {"args": [...],
"input": "...", "env": {...}}. Before each job its index is written to PROGRESS (so a job that
hangs can be named after the parent kills this process); after it, one JSON line with the
exit code, both outputs (bytes as latin-1 text, lossless), the seconds it took and any
exception other than SystemExit (a traceback is a failure).
"""

from __future__ import annotations

import json
import sys
import time
import traceback


def main() -> None:
    jobs_file, progress_file, results_file = sys.argv[1:4]
    with open(jobs_file, encoding="utf-8") as handle:
        jobs = json.load(handle)
    import typer.main
    import typer.testing

    from zwgk_tui.cli import app

    # The command tree is built once, as the console script builds it once per process;
    # CliRunner would otherwise rebuild it (150 ms of annotation evaluation) for every job.
    command = typer.main.get_command(app)
    typer.testing._get_command = lambda _app: command
    runner = typer.testing.CliRunner()
    with open(progress_file, "w") as progress, open(results_file, "w", encoding="utf-8") as results:
        for index, job in enumerate(jobs):
            progress.write(f"{index}\n")
            progress.flush()
            start = time.monotonic()
            result = runner.invoke(app, job["args"], input=job.get("input", ""), env=job.get("env"))
            elapsed = time.monotonic() - start
            problem = None
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                problem = "".join(traceback.format_exception(result.exception))
            results.write(json.dumps({
                "i": index, "code": result.exit_code, "elapsed": elapsed, "exception": problem,
                "out": result.stdout_bytes.decode("latin-1"),
                "err": result.stderr_bytes.decode("latin-1"),
            }) + "\n")
            results.flush()


if __name__ == "__main__":
    main()
