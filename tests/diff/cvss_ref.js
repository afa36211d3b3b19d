// SPDX-License-Identifier: Apache-2.0
// Reference for the CVSS differential test: the npm package
// ae-cvss-calculator. Reads one vector a line and prints one JSON line
// each: {"base", "temporal", "environmental", "overall", "impact",
// "exploitability", "baseMetricsOnly"} as the package computes them
// (absent when it leaves them out), or {"error": ...} when it throws.
'use strict';
const path = require('path');
let cvss;
try {
  cvss = require(path.join(__dirname, 'node', 'node_modules',
                           'ae-cvss-calculator'));
} catch (e) {
  process.stderr.write('cvss_ref: ae-cvss-calculator is not installed; ' +
                       'run scripts/deps.sh test\n');
  process.exit(2);
}

const input = require('fs').readFileSync(0, 'utf8');
const lines = input.split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const out = [];
for (const line of lines) {
  try {
    const s = cvss.fromVector(line).calculateScores();
    const o = {};
    for (const k of ['base', 'temporal', 'environmental', 'overall', 'impact',
                     'exploitability', 'baseMetricsOnly', 'threat'])
      if (typeof s[k] === 'number') o[k] = s[k];
    out.push(JSON.stringify(o));
  } catch (e) {
    out.push(JSON.stringify({ error: String(e.message || e) }));
  }
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
