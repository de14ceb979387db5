"""The practice classifier, measured: held-out accuracy per kind (with and without the rules),
the confusion matrix, topic precision and recall, and classify() latency.

    python benchmarks/practice_classifier.py          # prints Markdown for docs/practice.md

The model is trained on the `train` rows of careermap/practice/data/utterances.csv and measured
on the `test` rows, which nothing in the classifier was tuned on. A 5-fold cross-validation on
the train rows alone is printed too: that is the figure to look at while changing the model,
the data or the rules, so that the held-out rows stay unseen.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careermap.practice import classifier  # noqa: E402
from careermap.practice.classifier import KINDS, TOPICS  # noqa: E402


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    import sklearn

    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.platform(terse=True)}, "
        f"Python {platform.python_version()}, scikit-learn {sklearn.__version__}"
    )


# What the rules add, one kind of rule at a time (the last column is what the product runs).
RULE_SETS = {
    "model alone": frozenset(),
    "+ leading rule": frozenset({"leading"}),
    "+ closed rule": frozenset({"leading", "closed"}),
    "+ open rule": frozenset({"leading", "closed", "open"}),
    "+ summary rule": frozenset({"leading", "closed", "open", "summary"}),
    "+ empathy rule (all)": classifier.RULED_KINDS,
}


def kinds_predicted(model, rows, rules: frozenset[str]) -> list[str]:
    texts = [classifier.normalise(row.text) for row in rows]
    return [classifier.kind_of(text, rules=rules, model=model) for text in texts]


def accuracy_table(rows, predictions: dict[str, list[str]]) -> None:
    """Accuracy per kind (the share of that kind's rows given the right kind), then overall."""
    names = list(predictions)
    print("| kind | rows | " + " | ".join(names) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in names) + " |")
    for kind in KINDS:
        picked = [i for i, row in enumerate(rows) if row.kind == kind]
        cells = [
            f"{sum(predictions[name][i] == kind for i in picked) / len(picked):.1%}"
            for name in names
        ]
        print(f"| {kind} | {len(picked)} | " + " | ".join(cells) + " |")
    cells = []
    for name in names:
        right = sum(guess == row.kind for guess, row in zip(predictions[name], rows, strict=True))
        cells.append(f"**{right / len(rows):.1%}**")
    print(f"| **all** | {len(rows)} | " + " | ".join(cells) + " |")


def confusion(rows, predicted: list[str]) -> None:
    counts = Counter((row.kind, guess) for row, guess in zip(rows, predicted, strict=True))
    print("| said \\ found | " + " | ".join(KINDS) + " |")
    print("| --- | " + " | ".join("---:" for _ in KINDS) + " |")
    for kind in KINDS:
        cells = [str(counts[kind, guess] or "·") for guess in KINDS]
        print(f"| {kind} | " + " | ".join(cells) + " |")


def cross_validation(rows, folds: int = 5) -> dict[str, list[str]]:
    """Each train row predicted by a model that did not see it (row i is in fold i % folds)."""
    answers = {name: [""] * len(rows) for name in RULE_SETS}
    for fold in range(folds):
        model = classifier.build_model(row for i, row in enumerate(rows) if i % folds != fold)
        for i, row in enumerate(rows):
            if i % folds == fold:
                text = classifier.normalise(row.text)
                for name, rules in RULE_SETS.items():
                    answers[name][i] = classifier.kind_of(text, rules=rules, model=model)
    return answers


def topic_table(rows) -> None:
    print("| topic | rows with it | precision | recall |")
    print("| --- | ---: | ---: | ---: |")
    found = [classifier.topics_of(classifier.normalise(row.text)) for row in rows]
    pairs = list(zip(found, [row.topics for row in rows], strict=True))
    all_tp = all_fp = all_fn = 0
    for topic in TOPICS:
        tp = sum(topic in got and topic in wanted for got, wanted in pairs)
        fp = sum(topic in got and topic not in wanted for got, wanted in pairs)
        fn = sum(topic not in got and topic in wanted for got, wanted in pairs)
        all_tp, all_fp, all_fn = all_tp + tp, all_fp + fp, all_fn + fn
        print(f"| {topic} | {tp + fn} | {_share(tp, tp + fp)} | {_share(tp, tp + fn)} |")
    print(
        f"| **all (micro)** | {all_tp + all_fn} | {_share(all_tp, all_tp + all_fp)} | "
        f"{_share(all_tp, all_tp + all_fn)} |"
    )
    exact = sum(set(got) == set(wanted) for got, wanted in pairs)
    share = _share(exact, len(rows))
    print(f"\nExactly the right set of topics: {exact} of {len(rows)} lines ({share}).")


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


def latency(texts: list[str], *, rules: bool, rounds: int = 5) -> tuple[float, float]:
    """p50 and p95 of one classify() call, in milliseconds, after a warm-up."""
    for text in texts[:20]:
        classifier.classify(text, rules=rules)
    times = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            classifier.classify(text, rules=rules)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def main() -> None:
    rows = classifier.utterances()
    train = [row for row in rows if row.split == "train"]
    test = [row for row in rows if row.split == "test"]
    print(f"`python benchmarks/practice_classifier.py` on {machine()}, {dt.date.today():%Y-%m-%d}")
    print(f"load average at the start: {os.getloadavg()[0]:.2f} (the machine may be shared)\n")
    print(f"{len(rows)} utterances: {len(train)} train, {len(test)} held out (test).\n")

    start = time.perf_counter()
    model = classifier.build_model(train)
    trained_ms = (time.perf_counter() - start) * 1000
    print(f"Training on the train rows: {trained_ms:,.0f} ms (once per process).\n")

    print("### Kind, held out (test rows)\n")
    predictions = {name: kinds_predicted(model, test, rules) for name, rules in RULE_SETS.items()}
    accuracy_table(test, predictions)
    print("\nConfusion matrix, model + rules (rows: the label; columns: what was found):\n")
    confusion(test, predictions["+ empathy rule (all)"])

    print("\n### Kind, 5-fold cross-validation on the train rows (for development)\n")
    accuracy_table(train, cross_validation(train))

    ruled = [row for row in test if classifier.rule_kind(classifier.normalise(row.text))]
    right = sum(classifier.rule_kind(classifier.normalise(row.text)) == row.kind for row in ruled)
    print(f"\nThe rules decided {len(ruled)} of {len(test)} held-out lines, {right} of them right.")

    print("\n### Topics, held out (test rows)\n")
    topic_table(test)

    print("\n### classify() latency (every utterance, 5 rounds, after a warm-up)\n")
    texts = [row.text for row in rows]
    print("| kind decided by | p50 | p95 |")
    print("| --- | ---: | ---: |")
    for name, rules in (("model + rules", True), ("model alone", False)):
        p50, p95 = latency(texts, rules=rules)
        print(f"| {name} | {p50:.2f} ms | {p95:.2f} ms |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
