namespace EventPlatform.Testing.Fuzzing;

public static class FuzzSeed
{
    /// <summary>The seed of every fuzz run: FUZZ_SEED when set (to replay or explore), otherwise a fixed one, so CI is repeatable.</summary>
    public static ulong Value => ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 20261123UL;

    /// <summary>How long a service's run may spend on random values before it keeps to the fixed ones.</summary>
    public static TimeSpan Budget => TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("FUZZ_SECONDS"), out var s) ? s : 45);
}
