"""Import of customer spreadsheets exported as CSV."""

import csv
import io
import re

CANDIDATE_DELIMITERS = [",", ";", "\t", "|"]


def detect_delimiter(sample):
    """Pick the separator that splits every line of the sample into the same number of fields."""
    lines = [line for line in sample.splitlines() if line.strip()][:20]
    best, best_fields = ",", 1
    for d in CANDIDATE_DELIMITERS:
        counts = {len(line.split(d)) for line in lines}
        if len(counts) == 1:
            fields = counts.pop()
            if fields > best_fields:
                best, best_fields = d, fields
    return best


def normalize_header(name):
    """'Customer Name ' -> 'customer_name'."""
    name = re.sub(r"[^0-9a-zA-Z]+", "_", name.strip()).strip("_")
    return name.lower()


def parse_rows(text):
    """Rows as dicts keyed by normalised header; blank lines are skipped."""
    delimiter = detect_delimiter(text[:4096])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [normalize_header(h) for h in next(reader)]
    return [dict(zip(header, row)) for row in reader if any(cell.strip() for cell in row)]
