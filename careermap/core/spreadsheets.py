"""Cells of the CSV files Careermap writes, made safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with "=", "+", "-" or "@" as a formula (and a tab or a
carriage return can hide one), so a name such as `=HYPERLINK("http://…","Click")` in an
export would become a live link or worse (OWASP, "CSV Injection"). Such a cell is written with
a leading apostrophe, which spreadsheets read as "this is text" and do not show. Every CSV
writer puts its cells through `for_spreadsheet`; every CSV reader puts them through
`from_spreadsheet`, so an exported file imports back unchanged.
"""

import re

# A cell a spreadsheet would run, possibly behind apostrophes that were already part of the
# text: those get one more, so that reading back removes exactly the one added.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_MARKED = re.compile(r"'+[=+\-@\t\r]")


def for_spreadsheet(value: str) -> str:
    """The cell as written to a CSV file: text in any spreadsheet."""
    return f"'{value}" if _FORMULA.match(value) else value


def from_spreadsheet(value: str) -> str:
    """The cell as read from a CSV file: the apostrophe `for_spreadsheet` (or someone using a
    spreadsheet) put in front of a formula character is not part of the text."""
    return value[1:] if _MARKED.match(value) else value
