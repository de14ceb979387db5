"""`careermap practice classify FILE`: what the practice engine makes of your own sentences.

One utterance per line in FILE (or `-` for standard input); one JSON object per line out:
{"text": ..., "kind": ..., "topics": [...], "probing": ..., "grow": ...}. Blank lines are skipped.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from careermap.practice.classifier import classify


class Command(BaseCommand):
    help = (
        "`careermap practice classify FILE` (or `-` for stdin): the kind of each line (open, "
        "closed, leading, statement, empathy, summary) and its topics, as one JSON object a line."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        check = actions.add_parser("classify", help="Classify one utterance per line.")
        check.add_argument("file", help="A text file, one utterance a line, or - for stdin.")

    def handle(self, *args, action, file, **options):
        if file == "-":
            lines = sys.stdin.read().splitlines()
        else:
            try:
                with open(file, encoding="utf-8") as text:
                    lines = text.read().splitlines()
            except OSError as error:
                raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        for line in lines:
            if not line.strip():
                continue
            answer = classify(line)
            self.stdout.write(
                json.dumps(
                    {
                        "text": line.strip(),
                        "kind": answer.kind,
                        "topics": list(answer.topics),
                        "probing": answer.probing,
                        "grow": answer.grow,
                    },
                    ensure_ascii=False,
                )
            )
