#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Validate SARIF logs against the SARIF 2.1.0 JSON schema (draft 4, as
Microsoft's SARIF SDK ships it in the npm package @microsoft/jest-sarif)
with python3-jsonschema, an implementation independent of tsunagi.

Usage: validate_sarif.py SCHEMA FILE...
Prints one line per invalid log; exit 1 if any is invalid."""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    bad = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        error = next(iter(validator.iter_errors(doc)), None)
        if error:
            bad += 1
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: /{where}: {error.message[:200]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
