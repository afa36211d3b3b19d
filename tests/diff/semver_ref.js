// SPDX-License-Identifier: Apache-2.0
// Reference for the npm differential tests: the npm package semver.
// Usage: node semver_ref.js compare|satisfies|satisfies-pre
// Reads "A<TAB>B" lines (two versions, or a range and a version) and
// prints <, = or > (compare), 1 or 0 (satisfies), or "! refused" when
// semver throws on either side.
'use strict';
const path = require('path');
let semver;
try {
  semver = require(path.join(__dirname, 'node', 'node_modules', 'semver'));
} catch (e) {
  process.stderr.write('semver_ref: npm semver is not installed; ' +
                       'run scripts/deps.sh test\n');
  process.exit(2);
}

const mode = process.argv[2];
const opts = { includePrerelease: mode === 'satisfies-pre' };
const input = require('fs').readFileSync(0, 'utf8');
const lines = input.split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const out = [];
for (const line of lines) {
  const tab = line.indexOf('\t');
  const a = line.slice(0, tab);
  const b = line.slice(tab + 1);
  try {
    if (mode === 'compare') {
      const c = semver.compare(new semver.SemVer(a), new semver.SemVer(b));
      out.push(c < 0 ? '<' : c > 0 ? '>' : '=');
    } else {
      const r = new semver.Range(a, opts);
      out.push(r.test(new semver.SemVer(b)) ? '1' : '0');
    }
  } catch (e) {
    out.push('! refused');
  }
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
