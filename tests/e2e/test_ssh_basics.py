"""The installed command over a real SSH connection: plain mode and the CLI."""

from __future__ import annotations

import subprocess
import tomllib


def test_plain_assessment_over_ssh_from_a_pipe(sshd, tmp_path, mini_path, zwgk_bin, remote_env):
    data = tmp_path / "data"
    scores = tmp_path / "s.toml"
    remote = (
        remote_env(data)
        + f" {zwgk_bin} assess {mini_path} --unit 远程单位 --assessor 王五 --plain --scores {scores}"
    )
    result = subprocess.run(
        sshd.command(remote, tty=False), shell=True, input="1\n2\ne\n国办发〔2019〕14号\nq\n",
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    doc = tomllib.loads(scores.read_text("utf-8"))
    assert doc["unit"] == "远程单位"
    assert doc["items"]["1.1"]["status"] == "met"
    assert doc["items"]["1.2"]["status"] == "partial"
    assert b"\x1b" not in result.stdout.encode()
