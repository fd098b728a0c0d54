using System.Net;
using EventPlatform.Attendees.Endpoints;
using EventPlatform.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EventPlatform.Attendees.Tests;

public sealed class SessionTests(AttendeesFactory factory) : IClassFixture<AttendeesFactory>
{
    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = factory.CreateClient();
        return await client.PostJsonAsync("/api/auth/refresh", new RefreshRequest { RefreshToken = refreshToken });
    }

    [Fact]
    public async Task Access_tokens_live_fifteen_minutes_at_most_and_are_signed_with_es256()
    {
        var session = await factory.SignUpAsync();
        var token = new JsonWebToken(session.Token);
        Assert.Equal("ES256", token.Alg);
        Assert.False(string.IsNullOrEmpty(token.Kid));
        Assert.True(token.ValidTo - token.IssuedAt <= TimeSpan.FromMinutes(15), $"lifetime {token.ValidTo - token.IssuedAt}");
        Assert.True(session.ExpiresAt <= DateTimeOffset.UtcNow.AddMinutes(15).AddSeconds(5));
        Assert.True(session.RefreshTokenExpiresAt > DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public async Task A_refresh_token_is_rotated_on_use_and_the_new_pair_works()
    {
        var session = await factory.SignUpAsync();
        var renewed = await (await RefreshAsync(session.RefreshToken)).ReadJsonAsync<SignedIn>();
        Assert.Equal(session.AttendeeId, renewed.AttendeeId);
        Assert.NotEqual(session.RefreshToken, renewed.RefreshToken);
        using var client = factory.ClientWithToken(renewed.Token);
        (await client.GetAsync("/api/attendees/me")).EnsureSuccessStatusCode();
        var again = await (await RefreshAsync(renewed.RefreshToken)).ReadJsonAsync<SignedIn>();
        Assert.NotEqual(renewed.RefreshToken, again.RefreshToken);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_ends_the_whole_session()
    {
        var session = await factory.SignUpAsync();
        var renewed = await (await RefreshAsync(session.RefreshToken)).ReadJsonAsync<SignedIn>();

        // Someone replays the first token (stolen before it was rotated): refused, and the family is revoked with it.
        await (await RefreshAsync(session.RefreshToken)).ProblemAsync(401);
        await (await RefreshAsync(renewed.RefreshToken)).ProblemAsync(401);
    }

    [Fact]
    public async Task Logout_revokes_the_session_and_leaves_other_sessions_alone()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var first = await factory.SignUpAsync(email);
        using var anonymous = factory.CreateClient();
        var second = await (await anonymous.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = AttendeesFactory.Password }))
            .ReadJsonAsync<SignedIn>();

        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostJsonAsync("/api/auth/logout", new RefreshRequest { RefreshToken = first.RefreshToken })).StatusCode);
        await (await RefreshAsync(first.RefreshToken)).ProblemAsync(401);
        (await RefreshAsync(second.RefreshToken)).EnsureSuccessStatusCode();
        // Logging out twice, or with a token nobody knows, is not an error.
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostJsonAsync("/api/auth/logout", new RefreshRequest { RefreshToken = first.RefreshToken })).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_session_and_starts_a_new_one()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var first = await factory.SignUpAsync(email);
        using var anonymous = factory.CreateClient();
        var second = await (await anonymous.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = AttendeesFactory.Password }))
            .ReadJsonAsync<SignedIn>();

        using var client = factory.ClientWithToken(first.Token);
        var wrong = await (await client.PostJsonAsync("/api/auth/password",
            new ChangePasswordRequest { CurrentPassword = "not-my-password-at-all", NewPassword = "a-brand-new-passphrase" })).ProblemAsync(400);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("currentPassword", out _), wrong.ToString());
        var weak = await (await client.PostJsonAsync("/api/auth/password",
            new ChangePasswordRequest { CurrentPassword = AttendeesFactory.Password, NewPassword = "password1234" })).ProblemAsync(400);
        Assert.True(weak.GetProperty("errors").TryGetProperty("newPassword", out _), weak.ToString());

        var changed = await (await client.PostJsonAsync("/api/auth/password",
            new ChangePasswordRequest { CurrentPassword = AttendeesFactory.Password, NewPassword = "a-brand-new-passphrase" })).ReadJsonAsync<SignedIn>();

        await (await RefreshAsync(first.RefreshToken)).ProblemAsync(401);
        await (await RefreshAsync(second.RefreshToken)).ProblemAsync(401);
        (await RefreshAsync(changed.RefreshToken)).EnsureSuccessStatusCode();
        await (await anonymous.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = AttendeesFactory.Password })).ProblemAsync(401);
        (await anonymous.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = "a-brand-new-passphrase" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_email_with_retry_after_known_or_not()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await factory.SignUpAsync(email);
        var unknown = $"{Guid.NewGuid():N}@example.org";
        using var client = factory.CreateClient();
        foreach (var target in new[] { email, unknown })
        {
            for (var i = 0; i < 5; i++)
            {
                await (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = target, Password = $"wrong-password-{i}" })).ProblemAsync(401);
            }
            // Locked now, even for the right password; an unknown email is locked the same way, so a lock reveals nothing.
            var locked = await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = target, Password = AttendeesFactory.Password });
            var problem = await locked.ProblemAsync(429);
            Assert.EndsWith("sign-in-locked", problem.GetProperty("type").GetString());
            var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 1, 30);
        }
    }

    [Fact]
    public async Task A_successful_sign_in_clears_earlier_failures()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await factory.SignUpAsync(email);
        using var client = factory.CreateClient();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                await (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = "wrong-password-00" })).ProblemAsync(401);
            }
            (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = AttendeesFactory.Password })).EnsureSuccessStatusCode();
        }
    }

    [Theory]
    [InlineData("short-pass1")]
    [InlineData("password1234")]
    [InlineData("1QAZ2WSX3EDC")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    public async Task Short_common_or_trivial_passwords_are_refused_at_sign_up(string password)
    {
        using var client = factory.CreateClient();
        var problem = await (await client.PostJsonAsync("/api/auth/signup", new SignUpRequest
        {
            Email = $"{Guid.NewGuid():N}@example.org",
            Password = password,
            DisplayName = "Ana",
        })).ProblemAsync(400);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("password", out _) || errors.TryGetProperty("Password", out _), errors.ToString());
    }

    [Fact]
    public async Task A_password_that_is_the_email_is_refused()
    {
        var email = $"ana.{Guid.NewGuid():N}@example.org";
        using var client = factory.CreateClient();
        var problem = await (await client.PostJsonAsync("/api/auth/signup", new SignUpRequest { Email = email, Password = email, DisplayName = "Ana" }))
            .ProblemAsync(400);
        Assert.Contains("email", problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_name_the_session_and_the_roles()
    {
        var session = await factory.SignUpAsync();
        var token = new JsonWebToken(session.Token);
        Assert.True(Guid.TryParse(token.GetClaim("sid").Value, out _));
        Assert.Equal(["attendee"], token.Claims.Where(c => c.Type == "role").Select(c => c.Value));
    }
}
