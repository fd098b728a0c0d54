using EventPlatform.Contracts.Attendees;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EventPlatform.Attendees.Data;
using EventPlatform.Attendees.Domain;
using EventPlatform.Attendees.Domain.Passwords;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventPlatform.Attendees.Endpoints;

public sealed record SignUpRequest
{
    [Required, StrictEmail]
    public string Email { get; init; } = "";

    [Required, StringLength(PasswordPolicy.MaxLength, MinimumLength = PasswordPolicy.MinLength)]
    public string Password { get; init; } = "";

    [Required, PersonName]
    public string DisplayName { get; init; } = "";
}

public sealed record LoginRequest
{
    [Required, StringLength(320)]
    public string Email { get; init; } = "";

    [Required, StringLength(PasswordPolicy.MaxLength)]
    public string Password { get; init; } = "";
}

public sealed record RefreshRequest
{
    [Required, StringLength(200)]
    public string RefreshToken { get; init; } = "";
}

public sealed record ChangePasswordRequest
{
    [Required, StringLength(PasswordPolicy.MaxLength)]
    public string CurrentPassword { get; init; } = "";

    [Required, StringLength(PasswordPolicy.MaxLength, MinimumLength = PasswordPolicy.MinLength)]
    public string NewPassword { get; init; } = "";
}

public sealed record VerifyEmailRequest
{
    [Required, StringLength(200)]
    public string Token { get; init; } = "";
}

public sealed record ForgotPasswordRequest
{
    [Required, StrictEmail]
    public string Email { get; init; } = "";
}

public sealed record ResetPasswordRequest
{
    [Required, StringLength(200)]
    public string Token { get; init; } = "";

    [Required, StringLength(PasswordPolicy.MaxLength, MinimumLength = PasswordPolicy.MinLength)]
    public string NewPassword { get; init; } = "";
}

/// <summary>
/// The answer to a sign-up or a password reset request, the same whether or not the address has an account: what
/// happens next is in the mail sent to <c>email</c>.
/// </summary>
public sealed record CheckYourEmail(string Email, string Message);

/// <summary>
/// A session: <c>token</c> is the access token (a bearer token for every API, valid until <c>expiresAt</c>, 15 minutes
/// at most); <c>refreshToken</c> gets a new pair from <c>POST /api/auth/refresh</c> and is rotated each time.
/// </summary>
public sealed record SignedIn(Guid AttendeeId, string Token, DateTimeOffset ExpiresAt, string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt, IReadOnlyList<string> Roles);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/signup", SignUp)
            .WithSummary("Sign up: a link that creates the account is mailed to the address (202, the same answer when the address already has an account)");
        auth.MapPost("/verify-email", VerifyEmail).WithSummary("Use the link mailed at sign-up: the account is made and a session starts");
        auth.MapPost("/password-reset", ForgotPassword)
            .WithSummary("Forgot password: a single-use reset link, valid one hour, is mailed to the account's address (202 either way)");
        auth.MapPost("/password-reset/confirm", ResetPassword)
            .WithSummary("Use a reset link: sets the new password, confirms the address, ends every session and starts a new one");
        auth.MapPost("/login", Login).WithSummary("Start a session; repeated wrong passwords lock the email for a growing delay (429)");
        auth.MapPost("/refresh", Refresh).WithSummary("Exchange a refresh token for a new access token and refresh token");
        auth.MapPost("/logout", Logout).WithSummary("End the session the refresh token belongs to");
        auth.MapPost("/password", ChangePassword).RequireAuthorization(Policies.Attendee)
            .WithSummary("Change the password; every session of the account ends and a new one starts");
        return app;
    }

    public static async Task<Results<Accepted<CheckYourEmail>, ValidationProblem>> SignUp(SignUpRequest request, HttpContext http, AttendeesDbContext db,
        AccountLinks links, IPasswordHasher<Attendee> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        if (PasswordPolicy.Problem(request.Password, request.Email, request.DisplayName) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [problem] });
        }
        // Hashed whether or not the address has an account, so the answer takes as long either way.
        var pending = Attendee.SignUp(request.Email, request.DisplayName, a => hasher.HashPassword(a, request.Password), clock.GetUtcNow());
        await links.SignUpAsync(pending, cancellationToken);
        return TypedResults.Accepted((string?)null, new CheckYourEmail(pending.Email,
            "Check your email: we sent a link to finish signing up. It works once, for 24 hours."));
    }

    [ProblemResponses(409, 422)]
    public static async Task<Results<Created<SignedIn>, ProblemHttpResult>> VerifyEmail(VerifyEmailRequest request, HttpContext http,
        AttendeesDbContext db, AccountLinks links, Sessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await links.RedeemAsync(request.Token, AccountTokenPurpose.SignUp, cancellationToken) is not { } signUp)
        {
            return LinkUnusable("Sign up again to get a new link.");
        }
        var now = clock.GetUtcNow();
        if (await db.Attendees.AnyAsync(a => a.Email == signUp.Email, cancellationToken))
        {
            // Two sign-ups with one address and both links used: the first made the account.
            signUp.Use(now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            throw EmailTaken();
        }
        var attendee = Attendee.FromSignUp(signUp, now);
        signUp.Use(now);
        db.Attendees.Add(attendee);
        db.Publish(new AttendeeSignedUp { AttendeeId = attendee.Id, Email = attendee.Email, DisplayName = attendee.DisplayName, OccurredAt = attendee.CreatedAt });
        SessionTokens tokens;
        try
        {
            tokens = await sessions.StartAsync(attendee, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw EmailTaken();
        }
        return TypedResults.Created("/api/attendees/me", Describe(attendee, tokens, sessions));
    }

    public static async Task<Accepted<CheckYourEmail>> ForgotPassword(ForgotPasswordRequest request, HttpContext http, AttendeesDbContext db,
        AccountLinks links, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        await links.ForgotPasswordAsync(request.Email, cancellationToken);
        return TypedResults.Accepted((string?)null, new CheckYourEmail(Attendee.NormalizeEmail(request.Email),
            "If an account uses this address, we sent it a link to choose a new password. It works once, for one hour."));
    }

    [ProblemResponses(422)]
    public static async Task<Results<Ok<SignedIn>, ValidationProblem, ProblemHttpResult>> ResetPassword(ResetPasswordRequest request,
        AttendeesDbContext db, IPasswordHasher<Attendee> hasher, AccountLinks links, LoginGuard guard, Sessions sessions, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reset = await links.RedeemAsync(request.Token, AccountTokenPurpose.PasswordReset, cancellationToken);
        var attendee = reset?.AttendeeId is { } id ? await db.Attendees.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
        if (reset is null || attendee is null)
        {
            return LinkUnusable("Ask for a new one from \"Forgot your password?\" on the sign-in page.");
        }
        if (PasswordPolicy.Problem(request.NewPassword, attendee.Email, attendee.DisplayName) is { } problem)
        {
            // The link stays usable: the person chooses another password.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [problem] });
        }
        var now = clock.GetUtcNow();
        reset.Use(now);
        attendee.ChangePassword(hasher.HashPassword(attendee, request.NewPassword));
        // Only the owner of the mailbox could use the link.
        attendee.ConfirmEmail(now);
        await db.SaveChangesAsync(cancellationToken);
        // The account's other reset links stop working too.
        await links.WithdrawResetsAsync(attendee.Id, cancellationToken);
        await sessions.RevokeAllAsync(attendee.Id, RevokeReasons.PasswordReset, cancellationToken);
        await guard.ClearAsync(attendee.Email, cancellationToken);
        var tokens = await sessions.StartAsync(attendee, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(Describe(attendee, tokens, sessions));
    }

    private static ProblemHttpResult LinkUnusable(string next) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "This link cannot be used",
            detail: $"The link is unknown, has expired or was already used. {next}", type: ProblemExceptionHandler.TypeBase + "account-link-unusable");

    private static DomainRuleException EmailTaken() => new("email-taken", "An account with this email already exists; log in instead.");

    [ProblemResponses(401, 429)]
    public static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> Login(LoginRequest request, HttpContext http, AttendeesDbContext db,
        IPasswordHasher<Attendee> hasher, LoginGuard guard, Sessions sessions, CancellationToken cancellationToken)
    {
        var email = Attendee.NormalizeEmail(request.Email);
        if (await guard.RetryAfterAsync(email, cancellationToken) is { } wait)
        {
            return TooManyAttempts(http, wait);
        }
        var attendee = await db.Attendees.FirstOrDefaultAsync(a => a.Email == email, cancellationToken);
        var verdict = attendee is null
            ? VerifyAgainstDecoy(hasher, request.Password)
            : hasher.VerifyHashedPassword(attendee, attendee.PasswordHash, request.Password);

        if (attendee is null || verdict == PasswordVerificationResult.Failed)
        {
            await guard.RecordFailureAsync(email, cancellationToken);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "The email or password is not correct.");
        }
        await guard.ClearAsync(email, cancellationToken);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            attendee.ChangePassword(hasher.HashPassword(attendee, request.Password));
        }
        return TypedResults.Ok(Describe(attendee, await sessions.StartAsync(attendee, cancellationToken), sessions));
    }

    [ProblemResponses(401)]
    public static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> Refresh(RefreshRequest request, Sessions sessions,
        CancellationToken cancellationToken)
    {
        if (await sessions.RefreshAsync(request.RefreshToken, cancellationToken) is not var (attendee, tokens))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Session ended",
                detail: "This refresh token is unknown, expired or was already used; sign in again.");
        }
        return TypedResults.Ok(Describe(attendee, tokens, sessions));
    }

    public static async Task<NoContent> Logout(RefreshRequest request, Sessions sessions, CancellationToken cancellationToken)
    {
        await sessions.LogoutAsync(request.RefreshToken, cancellationToken);
        return TypedResults.NoContent();
    }

    [ProblemResponses(429)]
    public static async Task<Results<Ok<SignedIn>, ValidationProblem, ProblemHttpResult>> ChangePassword(ChangePasswordRequest request,
        ClaimsPrincipal user, HttpContext http, AttendeesDbContext db, IPasswordHasher<Attendee> hasher, LoginGuard guard, Sessions sessions,
        AccountLinks links, CancellationToken cancellationToken)
    {
        var id = user.AttendeeId();
        var attendee = await db.Attendees.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw DomainRuleException.NotFound("Attendee", id);
        if (await guard.RetryAfterAsync(attendee.Email, cancellationToken) is { } wait)
        {
            return TooManyAttempts(http, wait);
        }
        if (hasher.VerifyHashedPassword(attendee, attendee.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            await guard.RecordFailureAsync(attendee.Email, cancellationToken);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["This is not your current password."] });
        }
        if (PasswordPolicy.Problem(request.NewPassword, attendee.Email, attendee.DisplayName) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [problem] });
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        attendee.ChangePassword(hasher.HashPassword(attendee, request.NewPassword));
        await links.WithdrawResetsAsync(attendee.Id, cancellationToken);
        await sessions.RevokeAllAsync(attendee.Id, RevokeReasons.PasswordChanged, cancellationToken);
        var tokens = await sessions.StartAsync(attendee, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(Describe(attendee, tokens, sessions));
    }

    private static SignedIn Describe(Attendee attendee, SessionTokens tokens, Sessions sessions) =>
        new(attendee.Id, tokens.Access.Token, tokens.Access.ExpiresAt, tokens.RefreshToken, tokens.RefreshTokenExpiresAt, sessions.RolesOf(attendee));

    private static ProblemHttpResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts",
            detail: $"Too many wrong passwords for this email; try again in {seconds} seconds.",
            type: ProblemExceptionHandler.TypeBase + "sign-in-locked");
    }

    // An unknown email costs the same hashing work as a wrong password (same hasher, same settings), so timing does not
    // reveal who has an account.
    private static Attendee? _decoy;

    private static PasswordVerificationResult VerifyAgainstDecoy(IPasswordHasher<Attendee> hasher, string password)
    {
        var decoy = _decoy ??= Attendee.SignUp("decoy@invalid", "decoy", a => hasher.HashPassword(a, Guid.NewGuid().ToString()), DateTimeOffset.UnixEpoch);
        hasher.VerifyHashedPassword(decoy, decoy.PasswordHash, password);
        return PasswordVerificationResult.Failed;
    }
}
