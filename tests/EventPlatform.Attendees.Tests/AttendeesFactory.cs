using EventPlatform.Attendees.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Attendees.Tests;

public sealed class AttendeesFactory : ServiceFactory<Program>
{
    // Password hashing is deliberately slow in production; tests sign up hundreds of people.
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Auth:PasswordHasher:IterationCount", "1000"),
        new("Auth:SigningKey", TestKeys.PrivateKeyPem),
    ];

    public const string Password = "a-long-password-1";

    public async Task<SignedIn> SignUpAsync(string? email = null, string password = Password, string? name = null)
    {
        using var client = CreateClient();
        var response = await client.PostJsonAsync("/api/auth/signup", new SignUpRequest
        {
            Email = email ?? $"{Guid.NewGuid():N}@example.org",
            Password = password,
            DisplayName = name ?? "Ana Practitioner",
        });
        return await response.ReadJsonAsync<SignedIn>();
    }
}
