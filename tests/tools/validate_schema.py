#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Validate JSON documents against one self-contained JSON schema with
python3-jsonschema, an implementation independent of tsunagi, formats
checked: the OpenVEX 0.2.0 schema (draft 2020-12) and the SARIF 2.1.0
schema (draft 4, as Microsoft's SARIF SDK ships it in the npm package
@microsoft/jest-sarif). The validator is the one the schema's $schema
names. (CycloneDX's schemas refer to each other: validate_cdx_json.py.)

Usage: validate_schema.py SCHEMA FILE...
Prints one line per invalid document; exit 1 if any is invalid."""
import json
import sys

import jsonschema


def check_files(validator, files):
    """Each of @files validated: a line for the first error of each
    invalid one; 1 if any is invalid, else 0."""
    bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        error = next(iter(validator.iter_errors(doc)), None)
        if error:
            bad += 1
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: /{where}: {error.message[:200]}")
    return 1 if bad else 0


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return check_files(validator, sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
