namespace EventPlatform.ServiceDefaults.Problems;

/// <summary>A request the service cannot read (400, 415): the message is written for the caller.</summary>
public sealed class RequestRejectedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
