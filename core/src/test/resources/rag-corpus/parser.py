import csv


class RowError(Exception):
    """A row of the spreadsheet export could not be read."""


def read_rows(path, delimiter=","):
    """Read a CSV export (comma separated values) and return every row as a dict."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        return [dict(row) for row in reader]
