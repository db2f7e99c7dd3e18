// Reads a GEXF file with graphology-gexf (an independent GEXF parser) and prints, as JSON,
// the node and edge counts and the attributes of one node and one edge, for the tests.
import { readFileSync } from "node:fs";
import Graph from "graphology";
import gexf from "graphology-gexf/node/index.js";

const text = readFileSync(process.argv[2], "utf-8");
// Every attribute must be declared; parallel edges (several dated positions of one actor on
// one topic) are kept, so the parser builds a multigraph.
const graph = gexf.parse(Graph, text, { allowUndeclaredAttributes: false });
const node = process.argv[3];
const edges = [];
graph.forEachEdge((edge, attributes, source, target) => edges.push({ source, target, attributes }));
console.log(
  JSON.stringify({
    nodes: graph.order,
    edges: graph.size,
    type: graph.type,
    multi: graph.multi,
    node: node && graph.hasNode(node) ? graph.getNodeAttributes(node) : null,
    edge: edges[0] ?? null,
  }),
);
