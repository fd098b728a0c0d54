using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace EventPlatform.Gateway;

/// <summary>One limit: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>
/// Configuration section "RateLimits". The defaults protect a public install; a load test from one address raises
/// them (deploy/bench.sh does) or sets <see cref="Enabled"/> to false.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Every request, per client address.</summary>
    public RateLimit PerClient { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Sign-in attempts per client address.</summary>
    public RateLimit LoginPerClient { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Sign-in attempts per account (the email in the request), from anywhere.</summary>
    public RateLimit LoginPerAccount { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>New accounts per client address.</summary>
    public RateLimit SignupPerClient { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromHours(1) };

    /// <summary>Password changes, reset requests and uses of mailed links (reset, sign-up confirmation) per client address.</summary>
    public RateLimit PasswordPerClient { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };
}

/// <summary>
/// Rate limits at the edge: per signed-in person or else per client address for everything, stricter ones for signing in (also per account, from
/// the email in the body), signing up and passwords. A refused request gets 429 with Retry-After and a problem body.
/// The client address is the connection's, or what a trusted proxy (Web) forwarded.
/// </summary>
public static class RateLimits
{
    private const string AccountItem = "ratelimit.account";
    private const int MaxInspectedBody = 4096;

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            if (!options.Enabled)
            {
                return;
            }
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Window("client", CallerOf(context), options.PerClient)),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsPost(context, "/api/auth/login") ? Window("login-client", ClientOf(context), options.LoginPerClient) : Unlimited),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsPost(context, "/api/auth/login") && context.Items[AccountItem] is string account
                        ? Window("login-account", account, options.LoginPerAccount)
                        : Unlimited),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsPost(context, "/api/auth/signup") ? Window("signup", ClientOf(context), options.SignupPerClient) : Unlimited),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsPasswordOrLink(context) ? Window("password", ClientOf(context), options.PasswordPerClient) : Unlimited));
        });
        return services;
    }

    /// <summary>Reads the email of a sign-in request (a small JSON body, left in place for the service) so it can be limited per account.</summary>
    public static async Task NoteLoginAccountAsync(HttpContext context, Func<Task> next)
    {
        if (IsPost(context, "/api/auth/login") && context.Request.ContentLength is null or <= MaxInspectedBody)
        {
            context.Request.EnableBuffering(MaxInspectedBody);
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String)
                {
                    context.Items[AccountItem] = email.GetString()!.Trim().ToLowerInvariant();
                }
            }
            catch (JsonException)
            {
                // Not JSON: the service answers 400; only the per-address limit applies.
            }
            catch (IOException)
            {
            }
            context.Request.Body.Position = 0;
        }
        await next();
    }

    private static readonly RateLimitPartition<string> Unlimited = RateLimitPartition.GetNoLimiter("none");

    private static RateLimitPartition<string> Window(string kind, string key, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter($"{kind}:{key}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.PermitLimit),
            Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    /// <summary>
    /// Whose budget a request spends: a signed-in person's own (many people share one address behind a company or
    /// conference network), else the client address's.
    /// </summary>
    private static string CallerOf(HttpContext context) =>
        context.User.FindFirst("sub")?.Value is { Length: > 0 } subject ? $"account:{subject}" : ClientOf(context);

    /// <summary>Changing a password, asking for a reset link and using a mailed link (reset or sign-up confirmation).</summary>
    private static bool IsPasswordOrLink(HttpContext context) =>
        IsPost(context, "/api/auth/password") || IsPost(context, "/api/auth/password-reset") || IsPost(context, "/api/auth/password-reset/confirm")
        || IsPost(context, "/api/auth/verify-email");

    private static bool IsPost(HttpContext context, string path) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase);

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Too many requests from here; try again in {seconds} seconds.",
                Type = "https://eventplatform.dev/problems/rate-limited",
            },
        });
    }
}
