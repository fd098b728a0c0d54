namespace EventPlatform.Web.Services;

/// <summary>Accounts and profiles (the Attendees part of the API).</summary>
public sealed class AccountClient(PlatformApi api)
{
    public Task<ApiResult<SignedInDto>> SignUpAsync(string email, string password, string displayName, CancellationToken cancellationToken = default) =>
        api.PostAsync<SignedInDto>("/api/auth/signup", new { email, password, displayName }, cancellationToken);

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
