namespace EventPlatform.ServiceDefaults;

public static class HealthTags
{
    /// <summary>Checks that must pass before the service takes traffic: its database and the bus.</summary>
    public const string Ready = "ready";
}
