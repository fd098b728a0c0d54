using EventPlatform.Contracts.Attendees;
using EventPlatform.Notifications.Data;
using EventPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.Notifications.Tests;

/// <summary>The links that prove an address: mailed once each, to the address they were asked for, and forgotten once sent.</summary>
public sealed class AccountMailTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task A_sign_up_link_is_mailed_once_to_an_address_without_an_account_and_its_secret_is_not_kept()
    {
        var email = $"{Guid.NewGuid():N}@newcomers.example.org";
        var request = new EmailVerificationRequested
        {
            SignUpId = Guid.NewGuid(), Email = email, DisplayName = "Nia Newcomer", Token = "secret-Token_1", ExpiresAt = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        var messageId = Guid.NewGuid();
        await factory.Bus.PublishAsync(request, messageId);
        await factory.Bus.PublishAsync(request, messageId);

        var mail = Assert.Single(await factory.Mail.WaitForAsync(email));
        Assert.Equal("Confirm your email to finish signing up", mail.Subject);
        Assert.Contains("Hi Nia Newcomer", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Confirm my address: https://events.example.org/account/verify?token=secret-Token_1", mail.Text, StringComparison.Ordinal);
        Assert.Contains("until Tue 1 Dec 2026, 09:30 (UTC)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://events.example.org/account/verify?token=secret-Token_1\"", mail.Html, StringComparison.Ordinal);
        // Nothing to unsubscribe from: it was asked for just now.
        Assert.False(mail.Headers!.ContainsKey("list-unsubscribe"));
        Assert.DoesNotContain("Stop emails like this", mail.Text, StringComparison.Ordinal);

        await Eventually.HoldsAsync(async () => !(await DetailsAsync(request.SignUpId)).Contains("secret-Token_1", StringComparison.Ordinal),
            "the link's secret is removed once sent");
        await Task.Delay(1000);
        Assert.Single(await factory.Mail.ForAsync(email));
    }

    [Theory]
    [InlineData(false, "Choose a new password", "asked to reset the password")]
    [InlineData(true, "You already have an EventPlatform account", "tried to sign up with this address")]
    public async Task A_reset_link_is_mailed_to_the_account_and_never_shows_in_the_feed(bool duringSignUp, string subject, string says)
    {
        var person = await factory.PersonAsync("Rosa Reset");
        await factory.Bus.PublishAsync(new PasswordResetRequested
        {
            RequestId = Guid.NewGuid(), AttendeeId = person.Id, Email = person.Email, DisplayName = person.Name, Token = "reset-secret-2",
            ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), DuringSignUp = duringSignUp, OccurredAt = DateTimeOffset.UtcNow,
        });

        var mail = Assert.Single(await factory.Mail.WaitForAsync(person.Email));
        Assert.Equal(subject, mail.Subject);
        Assert.Contains(says, mail.Text, StringComparison.Ordinal);
        Assert.Contains("Choose a new password: https://events.example.org/account/reset-password?token=reset-secret-2", mail.Text, StringComparison.Ordinal);
        Assert.False(mail.Headers!.ContainsKey("list-unsubscribe"));
        var feed = await factory.FeedAsync(person.Id);
        Assert.Empty(feed.Items);
        Assert.Equal(0, feed.Unread);
    }

    [Fact]
    public async Task Turning_every_email_off_does_not_stop_a_reset_link()
    {
        var person = await factory.PersonAsync("Otto Optout");
        using var client = factory.ClientWithToken(factory.AttendeeToken(person.Id));
        var settings = await (await client.GetAsync("/api/notifications/preferences")).ReadJsonAsync<System.Text.Json.JsonElement>();
        var off = settings.GetProperty("items").EnumerateArray().Select(i => new { kind = i.GetProperty("kind").GetString(), email = false, inApp = true }).ToList();
        Assert.DoesNotContain(off, i => i.kind is "password-reset" or "email-confirmation");
        (await client.PutAsync("/api/notifications/preferences", System.Net.Http.Json.JsonContent.Create(new { items = off }))).EnsureSuccessStatusCode();

        await factory.Bus.PublishAsync(new PasswordResetRequested
        {
            RequestId = Guid.NewGuid(), AttendeeId = person.Id, Email = person.Email, DisplayName = person.Name, Token = "reset-secret-3",
            ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), OccurredAt = DateTimeOffset.UtcNow,
        });
        Assert.Equal("Choose a new password", Assert.Single(await factory.Mail.WaitForAsync(person.Email)).Subject);
    }

    private async Task<string> DetailsAsync(Guid recipientId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var sent = await db.Emails.AsNoTracking().AnyAsync(e => e.SentAt != null && db.Notifications.Any(n => n.Id == e.Id && n.RecipientId == recipientId));
        return sent
            ? await db.Database.SqlQuery<string>($"SELECT details::text AS \"Value\" FROM notifications WHERE recipient_id = {recipientId}").SingleAsync()
            : "secret-Token_1";
    }
}
