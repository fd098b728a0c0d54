namespace EventPlatform.ServiceDefaults.Messaging;

public static class CorrelationHeaders
{
    /// <summary>HTTP header and message header that carry one user action through gateway, services and messages.</summary>
    public const string CorrelationId = "X-Correlation-Id";
}
