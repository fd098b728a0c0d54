using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EventPlatform.Attendees.Data;
using EventPlatform.Attendees.Domain;
using EventPlatform.Contracts.Attendees;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.ServiceDefaults.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Attendees.Endpoints;

public sealed record ProfileRequest
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string DisplayName { get; init; } = "";

    [StringLength(200)]
    public string? Headline { get; init; }

    [StringLength(200)]
    public string? Company { get; init; }

    [StringLength(2000)]
    public string? Bio { get; init; }

    [MaxLength(30)]
    public List<string> Interests { get; init; } = [];

    [MaxLength(6)]
    public List<string> Intents { get; init; } = [];

    [Required, StringLength(64)]
    public string TimeZone { get; init; } = "UTC";

    public bool DirectoryVisible { get; init; }

    /// <summary>What the directory shows besides the name (headline, company, interests, intents); left out, the choice stays as it was.</summary>
    [MaxLength(4)]
    public List<string>? DirectoryFields { get; init; }

    public bool NetworkingOptIn { get; init; } = true;
}

public sealed record ProfileResponse(
    Guid Id, string Email, string DisplayName, string? Headline, string? Company, string? Bio,
    IReadOnlyList<string> Interests, IReadOnlyList<string> Intents, string TimeZone, bool DirectoryVisible,
    IReadOnlyList<string> DirectoryFields, bool NetworkingOptIn)
{
    public static ProfileResponse From(Attendee a) => new(a.Id, a.Email, a.DisplayName, a.Headline, a.Company, a.Bio,
        a.Interests, a.Intents, a.TimeZone, a.DirectoryVisible, a.DirectoryFields, a.NetworkingOptIn);
}

public sealed record VocabularyResponse(IReadOnlyList<string> Topics, IReadOnlyList<string> Intents);

public static class AttendeesApi
{
    public static IEndpointRouteBuilder MapAttendeesApi(this IEndpointRouteBuilder app)
    {
        var attendees = app.MapGroup("/api/attendees").WithTags("Attendees");
        attendees.MapGet("/vocabulary", GetVocabulary).WithSummary("The suggested interests and the intents a profile can name");
        var me = attendees.MapGroup("/me").RequireAuthorization(Policies.Attendee);
        me.MapGet("/", GetProfile).WithSummary("Your profile");
        me.MapPut("/", UpdateProfile).WithSummary("Edit your profile, what the directory shows and whether you network");
        return app;
    }

    public static Ok<VocabularyResponse> GetVocabulary() => TypedResults.Ok(new VocabularyResponse(Topics.Suggested, Topics.Intents));

    public static async Task<Ok<ProfileResponse>> GetProfile(ClaimsPrincipal user, AttendeesDbContext db, CancellationToken cancellationToken)
    {
        var attendee = await Find(db, user, cancellationToken);
        return TypedResults.Ok(ProfileResponse.From(attendee));
    }

    public static async Task<Ok<ProfileResponse>> UpdateProfile(ProfileRequest request, ClaimsPrincipal user, HttpContext http,
        AttendeesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var attendee = await Find(db, user, cancellationToken);
        attendee.UpdateProfile(new ProfileChange(request.DisplayName, request.Headline, request.Company, request.Bio,
            request.Interests, request.Intents, request.TimeZone, request.DirectoryVisible, request.NetworkingOptIn, request.DirectoryFields), clock.GetUtcNow());
        db.Publish(new AttendeeProfileUpdated { AttendeeId = attendee.Id, Profile = attendee.ToNetworkingProfile(), OccurredAt = attendee.UpdatedAt });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ProfileResponse.From(attendee));
    }

    private static async Task<Attendee> Find(AttendeesDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = user.AttendeeId();
        return await db.Attendees.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw DomainRuleException.NotFound("Attendee", id);
    }
}
