namespace EventPlatform.Testing;

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> if it never does.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var started = DateTime.UtcNow;
        var deadline = started + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return DateTime.UtcNow - started;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"Timed out after {timeout ?? TimeSpan.FromSeconds(15)} waiting until {what}.");
    }

    /// <summary>Polls <paramref name="find"/> until it finds something, and returns it; fails the test with <paramref name="what"/> if it never does.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> find, string what, TimeSpan? timeout = null) where T : class
    {
        T? found = null;
        await HoldsAsync(async () => (found = await find()) is not null, what, timeout);
        return found!;
    }
}
