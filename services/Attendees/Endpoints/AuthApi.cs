using System.ComponentModel.DataAnnotations;
using EventPlatform.Attendees.Data;
using EventPlatform.Attendees.Domain;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventPlatform.Attendees.Endpoints;

public sealed record SignUpRequest
{
    [Required, EmailAddress, StringLength(320)]
    public string Email { get; init; } = "";

    [Required, StringLength(128, MinimumLength = 10)]
    public string Password { get; init; } = "";

    [Required, StringLength(100, MinimumLength = 1)]
    public string DisplayName { get; init; } = "";
}

public sealed record LoginRequest
{
    [Required, StringLength(320)]
    public string Email { get; init; } = "";

    [Required, StringLength(128)]
    public string Password { get; init; } = "";
}

public sealed record SignedIn(Guid AttendeeId, string Token, IReadOnlyList<string> Roles);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/signup", SignUp);
        auth.MapPost("/login", Login);
        return app;
    }

    public static async Task<Created<SignedIn>> SignUp(SignUpRequest request, AttendeesDbContext db, IPasswordHasher<Attendee> hasher,
        AuthOptions auth, TimeProvider clock, CancellationToken cancellationToken)
    {
        var attendee = Attendee.SignUp(request.Email, request.DisplayName, a => hasher.HashPassword(a, request.Password), clock.GetUtcNow());
        db.Attendees.Add(attendee);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new DomainRuleException("email-taken", "An account with this email already exists; log in instead.");
        }
        return TypedResults.Created("/api/attendees/me", Issue(attendee, auth));
    }

    public static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> Login(LoginRequest request, AttendeesDbContext db,
        IPasswordHasher<Attendee> hasher, AuthOptions auth, CancellationToken cancellationToken)
    {
        var email = Attendee.NormalizeEmail(request.Email);
        var attendee = await db.Attendees.FirstOrDefaultAsync(a => a.Email == email, cancellationToken);
        var verdict = attendee is null
            ? VerifyAgainstDecoy(hasher, request.Password)
            : hasher.VerifyHashedPassword(attendee, attendee.PasswordHash, request.Password);

        if (attendee is null || verdict == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "The email or password is not correct.");
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            attendee.RehashPassword(hasher.HashPassword(attendee, request.Password));
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(Issue(attendee, auth));
    }

    private static SignedIn Issue(Attendee attendee, AuthOptions auth)
    {
        List<string> roles = auth.OrganizerEmails.Any(e => Attendee.NormalizeEmail(e) == attendee.Email)
            ? [Roles.Attendee, Roles.Organizer]
            : [Roles.Attendee];
        return new SignedIn(attendee.Id, PlatformAuth.IssueToken(auth, attendee.Id, attendee.Email, attendee.DisplayName, roles), roles);
    }

    // An unknown email costs the same hashing work as a wrong password, so timing does not reveal accounts.
    private static readonly Lazy<(Attendee Attendee, string Hash)> Decoy = new(() =>
    {
        var hasher = new PasswordHasher<Attendee>();
        var decoy = Attendee.SignUp("decoy@invalid", "decoy", a => hasher.HashPassword(a, Guid.NewGuid().ToString()), DateTimeOffset.UnixEpoch);
        return (decoy, decoy.PasswordHash);
    });

    private static PasswordVerificationResult VerifyAgainstDecoy(IPasswordHasher<Attendee> hasher, string password)
    {
        hasher.VerifyHashedPassword(Decoy.Value.Attendee, Decoy.Value.Hash, password);
        return PasswordVerificationResult.Failed;
    }
}
