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

from validate_schema import check_files


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
    return check_files(validator, files)


if __name__ == "__main__":
    sys.exit(main())
