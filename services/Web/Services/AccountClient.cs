namespace EventPlatform.Web.Services;

/// <summary>Accounts and profiles (the Attendees part of the API).</summary>
public sealed class AccountClient(PlatformApi api)
{
    /// <summary>Signing up mails a link; the account exists once it is used (<see cref="VerifyEmailAsync"/>).</summary>
    public Task<ApiResult<CheckYourEmailDto>> SignUpAsync(string email, string password, string displayName, CancellationToken cancellationToken = default) =>
        api.PostAsync<CheckYourEmailDto>("/api/auth/signup", new { email, password, displayName }, cancellationToken);

    public Task<ApiResult<SignedInDto>> VerifyEmailAsync(string token, CancellationToken cancellationToken = default) =>
        api.PostAsync<SignedInDto>("/api/auth/verify-email", new { token }, cancellationToken);

    public Task<ApiResult<CheckYourEmailDto>> ForgotPasswordAsync(string email, CancellationToken cancellationToken = default) =>
        api.PostAsync<CheckYourEmailDto>("/api/auth/password-reset", new { email }, cancellationToken);

    public Task<ApiResult<SignedInDto>> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken = default) =>
        api.PostAsync<SignedInDto>("/api/auth/password-reset/confirm", new { token, newPassword }, cancellationToken);

    public Task<ApiResult<SignedInDto>> LoginAsync(string email, string password, CancellationToken cancellationToken = default) =>
        api.PostAsync<SignedInDto>("/api/auth/login", new { email, password }, cancellationToken);

    public Task<ApiResult<SignedInDto>> ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken = default) =>
        api.PostAsync<SignedInDto>("/api/auth/password", new { currentPassword, newPassword }, cancellationToken);

    public Task<ApiResult<ProfileDto>> ProfileAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<ProfileDto>("/api/attendees/me", cancellationToken);

    public Task<ApiResult<ProfileDto>> UpdateProfileAsync(object profile, CancellationToken cancellationToken = default) =>
        api.PutAsync<ProfileDto>("/api/attendees/me", profile, cancellationToken);

    public Task<ApiResult<VocabularyDto>> VocabularyAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<VocabularyDto>("/api/attendees/vocabulary", cancellationToken);
}
