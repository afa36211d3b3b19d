#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Validate CycloneDX JSON documents against the official JSON schema with
python3-jsonschema (an implementation independent of tsunagi).

Usage: validate_cdx_json.py SCHEMA_DIR VERSION FILE...
Prints one line per invalid document; exit 1 if any is invalid."""
import json
import os
import sys

import jsonschema
import jsonschema._validators


def _extras_msg(extras):
    # jsonschema 4.10 (Debian 12) sorts the extra items to format this
    # message and fails with TypeError when they are objects, which happens
    # while it evaluates CycloneDX's licence oneOf on perfectly valid
    # documents. The same message, unsorted.
    return ", ".join(repr(e) for e in extras), "was" if len(extras) == 1 else "were"


jsonschema._validators.extras_msg = _extras_msg


def main():
    schema_dir, version, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    store = {}
    for name in os.listdir(schema_dir):
        if name.endswith(".json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                doc = json.load(f)
            if "$id" in doc:
                store[doc["$id"]] = doc
    with open(os.path.join(schema_dir, f"bom-{version}.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    validator = jsonschema.Draft7Validator(schema, resolver=resolver)
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


if __name__ == "__main__":
    sys.exit(main())
