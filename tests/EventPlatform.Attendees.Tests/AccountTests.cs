using EventPlatform.Attendees.Endpoints;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Testing;

namespace EventPlatform.Attendees.Tests;

public sealed class AccountTests(AttendeesFactory factory) : IClassFixture<AttendeesFactory>
{
    [Fact]
    public async Task Sign_up_returns_a_token_that_opens_the_profile_and_login_works_with_any_email_case()
    {
        var email = $"{Guid.NewGuid():N}@Example.org";
        var signedUp = await factory.SignUpAsync(email, name: "Ana");
        Assert.Equal(["attendee"], signedUp.Roles);

        using var client = factory.ClientWithToken(signedUp.Token);
        var profile = await (await client.GetAsync("/api/attendees/me")).ReadJsonAsync<ProfileResponse>();
        Assert.Equal(signedUp.AttendeeId, profile.Id);
        Assert.Equal(email.ToLowerInvariant(), profile.Email);

        using var anonymous = factory.CreateClient();
        var login = await (await anonymous.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email.ToUpperInvariant(), Password = "a-long-password-1" }))
            .ReadJsonAsync<SignedIn>();
        Assert.Equal(signedUp.AttendeeId, login.AttendeeId);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_both_get_the_same_401()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await factory.SignUpAsync(email);
        using var client = factory.CreateClient();
        var wrong = await (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = "not-the-password" })).ProblemAsync(401);
        var unknown = await (await client.PostJsonAsync("/api/auth/login", new LoginRequest { Email = $"{Guid.NewGuid():N}@example.org", Password = "whatever-password" })).ProblemAsync(401);
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("not-an-email", "a-long-password-1", "Ana")]
    [InlineData("ana@localhost", "a-long-password-1", "Ana")]
    [InlineData("Ana <ana@example.org>", "a-long-password-1", "Ana")]
    [InlineData("ana@example.org", "a-long-password-1", "\u202Eana")]
    [InlineData("ana@example.org", "a-long-password-1", "Ana\u0000")]
    [InlineData("ana@example.org", "a-long-password-1", "--")]
    [InlineData("ana@example.org", "short", "Ana")]
    [InlineData("ana@example.org", "a-long-password-1", "")]
    public async Task Invalid_sign_up_is_400(string email, string password, string name)
    {
        using var client = factory.CreateClient();
        await (await client.PostJsonAsync("/api/auth/signup", new SignUpRequest { Email = email, Password = password, DisplayName = name })).ProblemAsync(400);
    }

    [Fact]
    public async Task Confirmed_organizer_emails_from_configuration_get_the_organizer_role()
    {
        var organizer = await factory.SignUpAsync(AttendeesFactory.OrganizerEmail);
        Assert.Contains("organizer", organizer.Roles);
    }

    [Fact]
    public async Task Profile_without_a_token_is_401()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync("/api/attendees/me")).ProblemAsync(401);
    }

    [Fact]
    public async Task Editing_the_profile_normalises_interests_and_announces_the_networking_profile()
    {
        await using var probe = await factory.Probe().Observe<AttendeeProfileUpdated>().StartAsync();
        var me = await factory.SignUpAsync();
        using var client = factory.ClientWithToken(me.Token);
        var profile = await (await client.PutJsonAsync("/api/attendees/me", new ProfileRequest
        {
            DisplayName = "Ana",
            Headline = "ML platform lead",
            Company = "Acme",
            Interests = ["Model Monitoring", "mlops", "MLOps", "feature_stores"],
            Intents = ["hiring", "mentoring"],
            TimeZone = "Europe/Lisbon",
            DirectoryVisible = true,
            NetworkingOptIn = true,
        })).ReadJsonAsync<ProfileResponse>();
        Assert.Equal(["model-monitoring", "mlops", "feature-stores"], profile.Interests);

        var message = await probe.WaitForAsync<AttendeeProfileUpdated>(m => m.AttendeeId == me.AttendeeId);
        Assert.Equal(["hiring", "mentoring"], message.Profile.Intents);
        Assert.True(message.Profile.DirectoryVisible);
        Assert.Equal(DirectoryField.All, message.Profile.DirectoryFields);
        Assert.Equal("Europe/Lisbon", message.Profile.TimeZone);
    }

    [Fact]
    public async Task The_directory_shows_the_fields_the_attendee_chose_and_a_profile_edit_without_a_choice_keeps_it()
    {
        await using var probe = await factory.Probe().Observe<AttendeeProfileUpdated>().StartAsync();
        var me = await factory.SignUpAsync();
        using var client = factory.ClientWithToken(me.Token);
        var chosen = await (await client.PutJsonAsync("/api/attendees/me", new ProfileRequest
        {
            DisplayName = "Ana", DirectoryVisible = true, DirectoryFields = ["intents", "interests", "interests"],
        })).ReadJsonAsync<ProfileResponse>();
        Assert.Equal(["interests", "intents"], chosen.DirectoryFields);
        Assert.Equal(["interests", "intents"],
            (await probe.WaitForAsync<AttendeeProfileUpdated>(m => m.AttendeeId == me.AttendeeId)).Profile.DirectoryFields);

        var kept = await (await client.PutJsonAsync("/api/attendees/me", new ProfileRequest { DisplayName = "Ana B." })).ReadJsonAsync<ProfileResponse>();
        Assert.Equal(["interests", "intents"], kept.DirectoryFields);
        var none = await (await client.PutJsonAsync("/api/attendees/me", new ProfileRequest { DisplayName = "Ana", DirectoryFields = [] })).ReadJsonAsync<ProfileResponse>();
        Assert.Empty(none.DirectoryFields);

        await (await client.PutJsonAsync("/api/attendees/me", new ProfileRequest { DisplayName = "A", DirectoryFields = ["salary"] })).ProblemAsync(422);
        Assert.Empty((await (await client.GetAsync("/api/attendees/me")).ReadJsonAsync<ProfileResponse>()).DirectoryFields);
    }

    [Fact]
    public async Task Unknown_intents_and_time_zones_are_422()
    {
        var me = await factory.SignUpAsync();
        using var client = factory.ClientWithToken(me.Token);
        await (await client.PutJsonAsync("/api/attendees/me", new ProfileRequest { DisplayName = "A", Intents = ["world-domination"] })).ProblemAsync(422);
        await (await client.PutJsonAsync("/api/attendees/me", new ProfileRequest { DisplayName = "A", TimeZone = "Nowhere/Land" })).ProblemAsync(422);
    }
}
