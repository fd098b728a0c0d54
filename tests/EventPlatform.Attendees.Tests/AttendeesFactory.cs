using EventPlatform.Attendees.Endpoints;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Testing;

namespace EventPlatform.Attendees.Tests;

/// <summary>
/// Attendees on its own database and virtual host. A probe on the bus stands where Notifications would: it reads the
/// links Attendees asks to be mailed (their secrets travel only in those messages), so a test uses them as a person
/// would use the mail.
/// </summary>
public sealed class AttendeesFactory : ServiceFactory<Program>
{
    // Password hashing is deliberately slow in production; tests sign up hundreds of people.
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Auth:PasswordHasher:IterationCount", "1000"),
        new("Auth:SigningKey", TestKeys.PrivateKeyPem),
    ];

    public const string Password = "a-long-password-1";

    public MessageProbe Mail { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Mail = await Probe().Observe<EmailVerificationRequested>().Observe<PasswordResetRequested>().StartAsync();
    }

    protected override async Task DisposeOwnAsync() => await Mail.DisposeAsync();

    /// <summary>Signs up and uses the link mailed for it: the account exists from then on, and its session is returned.</summary>
    public async Task<SignedIn> SignUpAsync(string? email = null, string password = Password, string? name = null)
    {
        email ??= $"{Guid.NewGuid():N}@example.org";
        using var client = CreateClient();
        (await client.PostJsonAsync("/api/auth/signup", new SignUpRequest { Email = email, Password = password, DisplayName = name ?? "Ana Practitioner" }))
            .EnsureSuccessStatusCode();
        var link = await VerificationLinkAsync(email);
        return await (await client.PostJsonAsync("/api/auth/verify-email", new VerifyEmailRequest { Token = link.Token })).ReadJsonAsync<SignedIn>();
    }

    /// <summary>The sign-up link mailed to <paramref name="email"/> after <paramref name="skip"/> earlier ones.</summary>
    public async Task<EmailVerificationRequested> VerificationLinkAsync(string email, int skip = 0) => (await MailedAsync<EmailVerificationRequested>(email, skip + 1))[skip];

    /// <summary>The reset links mailed to <paramref name="email"/> so far, oldest first, once there are at least <paramref name="count"/>.</summary>
    public Task<IReadOnlyList<PasswordResetRequested>> ResetLinksAsync(string email, int count = 1) => MailedAsync<PasswordResetRequested>(email, count);

    private async Task<IReadOnlyList<T>> MailedAsync<T>(string email, int count) where T : class
    {
        var address = email.ToLowerInvariant();
        bool To(T m) => m is EmailVerificationRequested v ? v.Email == address : m is PasswordResetRequested r && r.Email == address;
        await Eventually.HoldsAsync(() => Task.FromResult(Mail.All<T>(To).Count >= count), $"{count} {typeof(T).Name} mailed to {email}");
        return [.. Mail.All<T>(To).Select(r => (T)r.Message)];
    }
}
