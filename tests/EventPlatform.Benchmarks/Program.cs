using EventPlatform.Benchmarks;

// dotnet run -c Release --project tests/EventPlatform.Benchmarks -- <benchmark> [--option value ...]
var options = Options.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "registration" => await RegistrationBenchmark.RunAsync(options),
    "talks-search" => await TalkSearchBenchmark.RunAsync(options),
    "matching" => await MatchingBenchmark.RunAsync(options),
    "groups" => await GroupsBenchmark.RunAsync(options),
    "round" => await RoundBenchmark.RunAsync(options),
    "replication-lag" => await ReplicationLagBenchmark.RunAsync(options),
    "web" => await WebBenchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/EventPlatform.Benchmarks -- <benchmark> [options]
          registration  --attendees 500 --concurrency 16 --capacity 50 [--gateway http://127.0.0.1:8080] [--pgbench-seconds 10]
          talks-search  --talks 2000 --searches 2000 --concurrency 16 [--gateway http://127.0.0.1:8080]
          round         --attendees 10000 --rounds 3 [--gateway http://127.0.0.1:8080]
          replication-lag  --samples 40 --concurrency 16 [--gateway http://127.0.0.1:8080]
          web           --users 16 --requests 400 [--lighthouse false] [--gateway http://127.0.0.1:8080]   (needs a published event: deploy/run.sh demo)
          groups        [--candidates 30 --small-pool 1000 --attendees 10000 --small-pools 30]   (library signals and small groups; no platform needed)
          matching      [--candidates 30 --attendees 10000 --complete 1000 --peer-timeout 600 --skip-peer]   (no platform needed)
        The platform must be running (deploy/run.sh start); deploy/bench.sh does both.
        """);
    return 2;
}
