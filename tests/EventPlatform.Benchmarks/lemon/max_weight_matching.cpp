// LEMON's exact maximum weight matching (MaxWeightedMatching, Edmonds' blossom algorithm with priority queues) on a
// graph read from a file, as a second peer for `deploy/bench.sh matching`. Built by the benchmark from Debian's
// liblemon-dev headers (LEMON itself is not copied here):
//   g++ -O2 -std=c++17 max_weight_matching.cpp -o max_weight_matching
// Input: "n m" then m lines "u v weight" (0-based vertices, integer weights).
// Output (stdout): "milliseconds <time of the matching alone>", "weight <total>", then "mates" and n lines, one mate
// (or -1) per vertex.
#include <chrono>
#include <cstdio>
#include <vector>
#include <lemon/list_graph.h>
#include <lemon/matching.h>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s graph.txt\n", argv[0]);
        return 2;
    }
    FILE* in = std::fopen(argv[1], "r");
    if (!in) {
        std::perror(argv[1]);
        return 2;
    }
    long long n = 0, m = 0;
    if (std::fscanf(in, "%lld %lld", &n, &m) != 2) {
        std::fprintf(stderr, "bad header\n");
        return 2;
    }
    lemon::ListGraph graph;
    graph.reserveNode(static_cast<int>(n));
    graph.reserveEdge(static_cast<int>(m));
    std::vector<lemon::ListGraph::Node> nodes;
    nodes.reserve(n);
    for (long long i = 0; i < n; ++i) nodes.push_back(graph.addNode());
    lemon::ListGraph::EdgeMap<long long> weight(graph);
    for (long long i = 0; i < m; ++i) {
        long long u, v, w;
        if (std::fscanf(in, "%lld %lld %lld", &u, &v, &w) != 3) {
            std::fprintf(stderr, "bad edge %lld\n", i);
            return 2;
        }
        weight[graph.addEdge(nodes[u], nodes[v])] = w;
    }
    std::fclose(in);

    auto started = std::chrono::steady_clock::now();
    lemon::MaxWeightedMatching<lemon::ListGraph, lemon::ListGraph::EdgeMap<long long>> matching(graph, weight);
    matching.run();
    auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

    std::printf("milliseconds %.3f\nweight %lld\nmates\n", elapsed, static_cast<long long>(matching.matchingWeight()));
    for (long long i = 0; i < n; ++i) {
        auto mate = matching.mate(nodes[i]);
        std::printf("%d\n", mate == lemon::INVALID ? -1 : graph.id(mate));
    }
    return 0;
}
