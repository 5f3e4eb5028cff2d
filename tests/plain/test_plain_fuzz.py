"""Whatever is typed, the session goes on: no traceback, plain output, a file that parses."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

COMMANDS = st.sampled_from([
    "1", "2", "3", "4", "达标", "不适用", "5分", "2 3分", "99分", "分", "e 佐证", "e", "c 说明", "c",
    "l", "d", "d 1", "d c", "y", "n", "p", "g 2.1", "g 1.1", "g 9", "u", "/公开", "/", "r", "", "s",
    "?", "1 ", "ｇ　２．１．３",
])
NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
LINES = st.lists(st.one_of(COMMANDS, NOISE, COMMANDS.map(lambda c: c + "\x1b[31m")), max_size=25)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=LINES)
def test_any_input_keeps_the_session_sound(plain, mini_path, tmp_path, assert_plain, lines):
    scores = tmp_path / "fuzz.toml"
    scores.unlink(missing_ok=True)
    data = "".join(line.replace("\n", " ").replace("\r", " ") + "\n" for line in lines)
    run = plain(mini_path, data.encode("utf-8", "surrogatepass"), scores=scores)
    assert run.code == 0, run.out
    assert_plain(run.out)
    doc = tomllib.loads(scores.read_text(encoding="utf-8"))
    assert doc["format"] == "zwgk-scores"
    assert not (tmp_path / "fuzz.toml.lock").exists()
