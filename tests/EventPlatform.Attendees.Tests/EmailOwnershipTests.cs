using System.Net;
using System.Text.Json;
using EventPlatform.Attendees.Data;
using EventPlatform.Attendees.Domain;
using EventPlatform.Attendees.Endpoints;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.Attendees.Tests;

/// <summary>
/// An address is someone's only once they prove they read it: sign-up mails the link that makes the account, a reset
/// link sets a new password and ends every session, the organizer role needs a proven address, and neither sign-up nor
/// "forgot password" tells a stranger whether an address has an account.
/// </summary>
public sealed class EmailOwnershipTests(AttendeesFactory factory) : IClassFixture<AttendeesFactory>
{
    private static string NewEmail() => $"{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task Sign_up_answers_the_same_for_a_new_and_a_taken_address_and_the_mail_says_which()
    {
        var taken = NewEmail();
        await factory.SignUpAsync(taken, name: "First Owner");
        var fresh = NewEmail();
        using var client = factory.CreateClient();

        async Task<(HttpStatusCode, string)> SignUp(string email)
        {
            using var response = await client.PostJsonAsync("/api/auth/signup", new SignUpRequest { Email = email, Password = "a-newcomer-password-9", DisplayName = "Newcomer" });
            return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Replace(email, "EMAIL", StringComparison.Ordinal));
        }
        var forFresh = await SignUp(fresh);
        var forTaken = await SignUp(taken);

        Assert.Equal(HttpStatusCode.Accepted, forFresh.Item1);
        Assert.Equal(forFresh, forTaken);
        var link = await factory.VerificationLinkAsync(fresh);
        Assert.Equal("Newcomer", link.DisplayName);
        var reset = Assert.Single(await factory.ResetLinksAsync(taken));
        Assert.True(reset.DuringSignUp);
        // The taken address got no second sign-up link (only the one its account was made with), and its owner's password still works.
        Assert.Single(factory.Mail.All<EmailVerificationRequested>(m => m.Email == taken));
        (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = taken, Password = AttendeesFactory.Password })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task No_account_exists_until_the_link_is_used_and_the_link_works_once()
    {
        var email = NewEmail();
        using var client = factory.CreateClient();
        (await client.PostJsonAsync("/api/auth/signup", new SignUpRequest { Email = email, Password = "a-pending-password-3", DisplayName = "Pending Person" }))
            .EnsureSuccessStatusCode();
        var link = await factory.VerificationLinkAsync(email);
        Assert.True(link.ExpiresAt > DateTimeOffset.UtcNow.AddHours(23));
        await (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = "a-pending-password-3" })).ProblemAsync(401);

        await using var probe = await factory.Probe().Observe<AttendeeSignedUp>().StartAsync();
        var session = await (await client.PostJsonAsync("/api/auth/verify-email", new VerifyEmailRequest { Token = link.Token })).ReadJsonAsync<SignedIn>();
        Assert.Equal(["attendee"], session.Roles);
        var announced = await probe.WaitForAsync<AttendeeSignedUp>(m => m.AttendeeId == session.AttendeeId);
        Assert.Equal(email, announced.Email);

        // The spent link keeps no copy of the password hash.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var spent = scope.ServiceProvider.GetRequiredService<AttendeesDbContext>().AccountTokens.Single(t => t.Email == email);
            Assert.Equal((true, null), (spent.UsedAt is not null, spent.PasswordHash));
        }
        var again = await (await client.PostJsonAsync("/api/auth/verify-email", new VerifyEmailRequest { Token = link.Token })).ProblemAsync(422);
        Assert.EndsWith("account-link-unusable", again.GetProperty("type").GetString());
        await (await client.PostJsonAsync("/api/auth/verify-email", new VerifyEmailRequest { Token = "forged-" + link.Token })).ProblemAsync(422);
        (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = "a-pending-password-3" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Each_link_makes_the_account_it_was_mailed_for_and_only_the_first_one_used_counts()
    {
        var email = NewEmail();
        using var client = factory.CreateClient();
        (await client.PostJsonAsync("/api/auth/signup", new SignUpRequest { Email = email, Password = "the-first-password-1", DisplayName = "First" })).EnsureSuccessStatusCode();
        var first = await factory.VerificationLinkAsync(email);
        (await client.PostJsonAsync("/api/auth/signup", new SignUpRequest { Email = email, Password = "the-second-password-2", DisplayName = "Second" })).EnsureSuccessStatusCode();
        var second = await factory.VerificationLinkAsync(email, skip: 1);

        var session = await (await client.PostJsonAsync("/api/auth/verify-email", new VerifyEmailRequest { Token = second.Token })).ReadJsonAsync<SignedIn>();
        await (await client.PostJsonAsync("/api/auth/verify-email", new VerifyEmailRequest { Token = first.Token })).ProblemAsync(409);

        await (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = "the-first-password-1" })).ProblemAsync(401);
        var login = await (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = "the-second-password-2" })).ReadJsonAsync<SignedIn>();
        Assert.Equal(session.AttendeeId, login.AttendeeId);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_either_way_and_mails_only_an_account()
    {
        var known = NewEmail();
        await factory.SignUpAsync(known);
        var unknown = NewEmail();
        using var client = factory.CreateClient();

        async Task<string> Forgot(string email)
        {
            using var response = await client.PostJsonAsync("/api/auth/password-reset", new ForgotPasswordRequest { Email = email });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadAsStringAsync()).Replace(email, "EMAIL", StringComparison.Ordinal);
        }
        Assert.Equal(await Forgot(unknown), await Forgot(known));
        var link = Assert.Single(await factory.ResetLinksAsync(known));
        Assert.False(link.DuringSignUp);
        Assert.InRange(link.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        await Task.Delay(300);
        Assert.Empty(factory.Mail.All<PasswordResetRequested>(m => m.Email == unknown));
        await (await client.PostJsonAsync("/api/auth/password-reset", new { email = "not an address" })).ProblemAsync(400);
    }

    [Fact]
    public async Task A_reset_link_sets_the_password_once_and_ends_every_session()
    {
        var email = NewEmail();
        var old = await factory.SignUpAsync(email);
        using var client = factory.CreateClient();
        (await client.PostJsonAsync("/api/auth/password-reset", new ForgotPasswordRequest { Email = email })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync("/api/auth/password-reset", new ForgotPasswordRequest { Email = email })).EnsureSuccessStatusCode();
        var links = await factory.ResetLinksAsync(email, 2);

        // A password the policy refuses is 400 and the link stays usable.
        await (await client.PostJsonAsync("/api/auth/password-reset/confirm", new ResetPasswordRequest { Token = links[1].Token, NewPassword = "password1234" }))
            .ProblemAsync(400);
        var session = await (await client.PostJsonAsync("/api/auth/password-reset/confirm",
            new ResetPasswordRequest { Token = links[1].Token, NewPassword = "a-brand-new-secret-7" })).ReadJsonAsync<SignedIn>();
        Assert.Equal(old.AttendeeId, session.AttendeeId);

        await (await client.PostJsonAsync("/api/auth/refresh", new RefreshRequest { RefreshToken = old.RefreshToken })).ProblemAsync(401);
        (await client.PostJsonAsync("/api/auth/refresh", new RefreshRequest { RefreshToken = session.RefreshToken })).EnsureSuccessStatusCode();
        await (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = AttendeesFactory.Password })).ProblemAsync(401);
        (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = "a-brand-new-secret-7" })).EnsureSuccessStatusCode();

        // Used, and the older link mailed before it, are both spent.
        await (await client.PostJsonAsync("/api/auth/password-reset/confirm", new ResetPasswordRequest { Token = links[1].Token, NewPassword = "yet-another-secret-8" }))
            .ProblemAsync(422);
        await (await client.PostJsonAsync("/api/auth/password-reset/confirm", new ResetPasswordRequest { Token = links[0].Token, NewPassword = "yet-another-secret-8" }))
            .ProblemAsync(422);
        await (await client.PostJsonAsync("/api/auth/password-reset/confirm", new ResetPasswordRequest { Token = "made-up", NewPassword = "yet-another-secret-8" }))
            .ProblemAsync(422);
        // A sign-up link is not a reset link.
        var other = NewEmail();
        (await client.PostJsonAsync("/api/auth/signup", new SignUpRequest { Email = other, Password = "a-pending-password-3", DisplayName = "Other" })).EnsureSuccessStatusCode();
        var signUpLink = await factory.VerificationLinkAsync(other);
        await (await client.PostJsonAsync("/api/auth/password-reset/confirm", new ResetPasswordRequest { Token = signUpLink.Token, NewPassword = "yet-another-secret-8" }))
            .ProblemAsync(422);
    }

    [Fact]
    public async Task Changing_the_password_withdraws_reset_links_not_used_yet()
    {
        var email = NewEmail();
        var me = await factory.SignUpAsync(email);
        using var client = factory.ClientWithToken(me.Token);
        (await client.PostJsonAsync("/api/auth/password-reset", new ForgotPasswordRequest { Email = email })).EnsureSuccessStatusCode();
        var link = Assert.Single(await factory.ResetLinksAsync(email));
        (await client.PostJsonAsync("/api/auth/password", new ChangePasswordRequest { CurrentPassword = AttendeesFactory.Password, NewPassword = "a-changed-secret-5" }))
            .EnsureSuccessStatusCode();
        await (await client.PostJsonAsync("/api/auth/password-reset/confirm", new ResetPasswordRequest { Token = link.Token, NewPassword = "a-stolen-secret-66" }))
            .ProblemAsync(422);
    }

    [Fact]
    public async Task The_organizer_role_needs_a_confirmed_address_and_a_reset_confirms_an_older_account()
    {
        // An account from before links were mailed: on the organizer list, address never confirmed.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttendeesDbContext>();
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Attendee>>();
            db.Attendees.Add(Attendee.SignUp(AttendeesFactory.OrganizerEmail, "Old Organizer", a => hasher.HashPassword(a, AttendeesFactory.Password), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        using var client = factory.CreateClient();
        var before = await (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = AttendeesFactory.OrganizerEmail, Password = AttendeesFactory.Password }))
            .ReadJsonAsync<SignedIn>();
        Assert.Equal(["attendee"], before.Roles);

        (await client.PostJsonAsync("/api/auth/password-reset", new ForgotPasswordRequest { Email = AttendeesFactory.OrganizerEmail })).EnsureSuccessStatusCode();
        var link = Assert.Single(await factory.ResetLinksAsync(AttendeesFactory.OrganizerEmail));
        var after = await (await client.PostJsonAsync("/api/auth/password-reset/confirm",
            new ResetPasswordRequest { Token = link.Token, NewPassword = "a-fresh-passphrase-4" })).ReadJsonAsync<SignedIn>();
        Assert.Equal(["attendee", "organizer"], after.Roles);
    }

    [Fact]
    public async Task An_address_is_mailed_a_few_links_an_hour_whatever_is_asked()
    {
        var email = NewEmail();
        await factory.SignUpAsync(email);
        using var client = factory.CreateClient();
        for (var i = 0; i < AccountToken.MailsPerAddressPerHour + 3; i++)
        {
            using var response = await client.PostJsonAsync("/api/auth/password-reset", new ForgotPasswordRequest { Email = email });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        // The sign-up link counts too.
        await factory.ResetLinksAsync(email, AccountToken.MailsPerAddressPerHour - 1);
        await Task.Delay(1500);
        Assert.Equal(AccountToken.MailsPerAddressPerHour - 1, factory.Mail.All<PasswordResetRequested>(m => m.Email == email).Count);
    }
}
