// Runs the npm edmonds-blossom package on a graph file written by the matching benchmark:
//   node run.js graph.json  →  {"milliseconds": …, "mates": […]}
// graph.json: {"vertices": n, "edges": [[u, v, weight], …]}
'use strict';
const fs = require('fs');
const blossom = require('edmonds-blossom');

const graph = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const started = process.hrtime.bigint();
const mates = blossom(graph.edges);
const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
while (mates.length < graph.vertices) mates.push(-1);
process.stdout.write(JSON.stringify({ milliseconds, mates }));
