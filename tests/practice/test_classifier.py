"""The practice classifier: what kind of line a manager said, on which topics, whether it probes
and which GROW stage it serves; its data; and `careermap practice classify`."""

import csv
import io
import json
import statistics
import subprocess
import sys
import time

import pytest
from django.core.management import CommandError, call_command

from careermap.practice import classifier
from careermap.practice.classifier import KINDS, TOPICS, Classification, classify, classify_many

# --- The data -----------------------------------------------------------------------------------


def _rows():
    with classifier.DATA.open(newline="", encoding="utf-8") as data:
        return list(csv.DictReader(data))


def test_the_utterances_file_is_well_formed():
    rows = _rows()
    assert list(rows[0]) == ["text", "kind", "topics", "split"]
    assert len(rows) >= 480
    for row in rows:
        assert row["text"] == row["text"].strip() and row["text"], row
        assert row["kind"] in KINDS, row
        topics = [topic for topic in row["topics"].split(";") if topic]
        assert topics == [topic for topic in TOPICS if topic in topics], row  # known, in order
        assert row["split"] in {"train", "test"}, row


def test_no_utterance_appears_twice():
    seen = [" ".join(row["text"].lower().split()).rstrip("?.! ") for row in _rows()]
    assert len(seen) == len(set(seen))


def test_the_split_follows_the_documented_rule_and_covers_every_kind():
    rows = _rows()
    for row in rows:
        assert (row["split"] == "test") == classifier.held_out(row["text"]), row
    for kind in KINDS:
        splits = [row["split"] for row in rows if row["kind"] == kind]
        assert splits.count("train") >= 50 and splits.count("test") >= 10, kind
    share = sum(row["split"] == "test" for row in rows) / len(rows)
    assert 0.2 <= share <= 0.3


# --- Kind ---------------------------------------------------------------------------------------


def test_held_out_accuracy_on_kind_is_at_least_90_percent():
    test = [row for row in classifier.utterances() if row.split == "test"]
    found = classify_many(row.text for row in test)
    right = sum(answer.kind == row.kind for answer, row in zip(found, test, strict=True))
    assert right / len(test) >= 0.90, f"{right} of {len(test)}"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Open: the person answers in their own words.
        ("What got you interested in security work in the first place?", "open"),
        ("Walk me through the bits of this quarter you'd happily repeat.", "open"),
        ("How are you feeling about the move to the new team?", "open"),
        ("Could you tell me a bit more about the client you mentioned?", "open"),
        # Closed: yes, no, or one fact.
        ("Do you like working with the design team?", "closed"),
        ("Have you booked the course yet?", "closed"),
        ("Is Tuesday a good day to meet again?", "closed"),
        ("So, are you going to the offsite?", "closed"),
        # Leading: the answer is in the question.
        ("Don't you think the analytics job would suit you?", "leading"),
        ("Surely you're ready to lead the squad by now?", "leading"),
        ("You'd want to stay on the payments team, right?", "leading"),
        ("The new process is much better, isn't it?", "leading"),
        # Statements: information, advice, a proposal.
        ("I'll ask the data team whether they have room for a rotation.", "statement"),
        ("The promotion round closes at the end of March.", "statement"),
        ("I think you should take the Friday workshop.", "statement"),
        # Empathy or acknowledgement.
        ("That sounds really draining.", "empathy"),
        ("Thank you for being honest about that.", "empathy"),
        ("I can see why that upset you.", "empathy"),
        # Summaries: the person's own points played back.
        ("So what I'm hearing is you want more variety and fewer late nights.", "summary"),
        ("Let me recap: the course first, then a stretch project in the summer.", "summary"),
        ("To sum up, you'd like to stay technical and mentor the juniors.", "summary"),
    ],
)
def test_a_line_gets_the_kind_a_coach_would_give_it(text, kind):
    assert classify(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Let me check with finance about the costs.",  # not "Let me check I've got this"
        "Don't worry about the form, I'll fill it in.",  # not "Don't you think…"
        "Have a think over the weekend and let me know.",  # not "Have you…"
        "What stood out in your review was how much people trust you.",  # not "What…?"
    ],
)
def test_statements_that_open_like_other_kinds_stay_statements(text):
    assert classify(text).kind == "statement"


def test_questions_without_a_question_mark_are_still_questions():
    assert classify("what would you change about your role").kind == "open"
    assert classify("do you want to do the course").kind == "closed"


def test_curly_apostrophes_read_like_straight_ones():
    assert classify("Don\u2019t you think you\u2019d enjoy it?") == classify(
        "Don't you think you'd enjoy it?"
    )


# --- Topics, probing, GROW ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("What did you enjoy about your previous job?", ("past",)),
        ("Where do you see your career going in five years?", ("future",)),
        ("Which skills would you like to build this year?", ("skills",)),
        ("Would you be up for a secondment to the Leeds office?", ("opportunities",)),
        ("What support would you need from me?", ("support",)),
        ("How manageable is your workload right now?", ("workload",)),
        (
            "How would a stretch project fit with everything on your plate?",
            ("opportunities", "workload"),
        ),
        ("Thanks for coming.", ()),
    ],
)
def test_topics_are_found_and_listed_in_order(text, topics):
    assert classify(text).topics == topics


@pytest.mark.parametrize(
    "text",
    [
        "Tell me more about that.",
        "What made that project feel so good?",
        "For example?",
        "Can you give me an example?",
        "What do you mean by bored?",
        "How so?",
    ],
)
def test_a_follow_up_asking_for_depth_is_probing(text):
    assert classify(text).probing


@pytest.mark.parametrize(
    "text",
    [
        "What are your goals for next year?",
        "Do you like the project?",
        "That sounds hard.",  # empathy, not a question
        "I'd like more examples in the report.",  # a statement that happens to say "example"
    ],
)
def test_other_lines_are_not_probing(text):
    assert not classify(text).probing


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("What would you like to achieve in the next two years?", "goal"),
        ("What would success look like for you?", "goal"),
        ("What's happening with the certification right now?", "reality"),
        ("What have you tried so far?", "reality"),
        ("What options do you have?", "options"),
        ("If you could do anything here, what would you pick?", "options"),
        ("What will you do first?", "will"),
        ("What's one step you could take this week?", "will"),
        ("Do you like sushi?", None),
        ("So your goal is to lead a team.", None),  # a summary serves no stage
    ],
)
def test_questions_are_placed_in_the_grow_model(text, stage):
    assert classify(text).grow == stage


# --- Determinism and speed ----------------------------------------------------------------------


def test_the_same_line_always_gets_the_same_answer():
    texts = [row.text for row in classifier.utterances()]
    first = classify_many(texts)
    again = classifier.build_model(row for row in classifier.utterances() if row.split == "train")
    assert first == classify_many(texts)
    assert [answer.kind for answer in first] == [
        classifier.kind_of(classifier.normalise(text), model=again) for text in texts
    ]
    assert all(isinstance(answer, Classification) for answer in first)


def test_a_line_is_classified_in_a_few_milliseconds():
    classify("warm up")
    times = []
    for row in classifier.utterances()[:200]:
        start = time.perf_counter()
        classify(row.text)
        times.append(time.perf_counter() - start)
    # Well under the persona's 150 ms budget even on a busy shared machine.
    assert statistics.median(times) < 0.010


# --- The command --------------------------------------------------------------------------------


def test_the_command_prints_one_json_object_per_line(tmp_path):
    lines = tmp_path / "lines.txt"
    lines.write_text(
        "What did you enjoy about the launch?\n\nSurely you want the promotion?\n", "utf-8"
    )
    out = io.StringIO()
    call_command("practice", "classify", str(lines), stdout=out)
    printed = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(answer["text"], answer["kind"]) for answer in printed] == [
        ("What did you enjoy about the launch?", "open"),
        ("Surely you want the promotion?", "leading"),
    ]
    assert printed[0]["topics"] == ["past"] and printed[1]["topics"] == ["opportunities"]


def test_the_command_reads_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("That sounds exhausting.\n"))
    out = io.StringIO()
    call_command("practice", "classify", "-", stdout=out)
    answer = json.loads(out.getvalue())
    assert answer["kind"] == "empathy" and answer["topics"] == ["workload"]


def test_the_command_says_when_it_cannot_read_the_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("practice", "classify", str(tmp_path / "missing.txt"))


def test_careermap_practice_classify_works_from_the_shell():
    result = subprocess.run(
        [sys.executable, "-m", "careermap", "practice", "classify", "-"],
        input="Have you thought about the senior role?\n",
        capture_output=True,
        text=True,
        check=True,
    )
    answer = json.loads(result.stdout)
    assert answer == {
        "text": "Have you thought about the senior role?",
        "kind": "closed",
        "topics": ["opportunities"],
        "probing": False,
        "grow": None,
    }


def test_the_quick_path_answers_what_the_pipeline_answers():
    model = classifier.build_model(row for row in classifier.utterances() if row.split == "train")
    texts = [classifier.normalise(row.text) for row in classifier.utterances()]
    assert [classifier.predict_one(model, text) for text in texts] == list(model.predict(texts))
