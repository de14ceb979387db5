"""Write people out in the same CSV format the import reads, so a file can round-trip."""

import csv
from typing import TextIO

from careermap.core.spreadsheets import for_spreadsheet

from .imports import COLUMNS
from .models import Person


def export_people(out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    # Erased people are nobody: a file made from this must not bring them back.
    people = Person.objects.filter(erased_at__isnull=True).select_related("team", "manager")
    people = people.order_by("pk")
    for p in people.iterator(chunk_size=2000):
        row = [
            p.email,
            p.name,
            p.job_title,
            p.team.name if p.team else "",
            p.manager.email if p.manager else "",
            p.start_date.isoformat() if p.start_date else "",
            "yes" if p.is_hr_admin else "no",
        ]
        # Names and titles come from people and HR systems: never a formula in a spreadsheet.
        writer.writerow([for_spreadsheet(cell) for cell in row])
        count += 1
    return count
