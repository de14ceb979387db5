"""The progress bar long commands show: how far along, and how long is left."""

import io

from django.core.management import call_command

from careermap.core.progress import ProgressBar


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_time_left_follows_the_pace_so_far_and_logs_get_a_line_a_tenth():
    out, clock = io.StringIO(), Clock()
    bar = ProgressBar(1000, stream=out, label="Creating people", clock=clock)
    clock.now = 10.0
    bar.advance(250)  # a quarter in 10 s: 30 s to go
    clock.now = 70.0
    bar.advance(250)  # half in 70 s: 70 s to go
    bar.finish()
    lines = out.getvalue().splitlines()
    assert lines[0] == "[#######-----------------------]  25%  about 30 s left  Creating people"
    half = "[###############---------------]  50%  about 1 min 10 s left  Creating people"
    assert lines[1] == half
    assert lines[-1] == "[##############################] 100%  done in 1 min 10 s"
    assert len(lines) == 3  # two tenths passed, then the end: not a line per call


def test_on_a_terminal_the_bar_redraws_one_line():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out, clock = Terminal(), Clock()
    bar = ProgressBar(10, stream=out, clock=clock)
    for _ in range(10):
        clock.now += 1
        bar.advance()
    bar.finish()
    text = out.getvalue()
    assert text.count("\n") == 1 and text.count("\r") >= 10 and "done in 10 s" in text


def test_the_demo_command_shows_progress_with_the_time_left(db):
    out = io.StringIO()
    call_command("demo", "--no-serve", "--people", "200", stdout=out)
    text = out.getvalue()
    assert "Creating 200 people" in text and "left" in text
    assert "Placing people in the career framework" in text and "done in" in text
    assert "Demo organisation ready: 200 people." in text
