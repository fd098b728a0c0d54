using EventPlatform.ServiceDefaults.Auth;

namespace EventPlatform.ServiceDefaults.Tests;

public sealed class SigningKeyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ep-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Outside_development_a_service_without_a_configured_key_refuses_to_start()
    {
        var validate = Assert.Throws<InvalidOperationException>(() => SigningKeys.LoadValidationKeys(new AuthOptions(), isDevelopment: false));
        Assert.Contains("Auth:PublicKeyFile", validate.Message, StringComparison.Ordinal);
        var sign = Assert.Throws<InvalidOperationException>(() => SigningKeys.LoadSigningKey(new AuthOptions(), isDevelopment: false));
        Assert.Contains("Auth:SigningKeyFile", sign.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validator_given_only_the_public_key_cannot_sign()
    {
        var pair = SigningKeys.EnsureKeyPair(_directory);
        var options = new AuthOptions { PublicKeyFile = pair.PublicKeyFile };
        Assert.Single(SigningKeys.LoadValidationKeys(options, isDevelopment: false));
        Assert.Throws<InvalidOperationException>(() => SigningKeys.LoadSigningKey(options, isDevelopment: false));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Generated_keys_are_readable_by_their_owner_only_and_generating_again_keeps_them()
    {
        var first = SigningKeys.EnsureKeyPair(Path.Combine(_directory, "private"), Path.Combine(_directory, "public"));
        Assert.True(first.Created);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.PrivateKeyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_directory, "private")));
        Assert.Contains("PUBLIC KEY", File.ReadAllText(first.PublicKeyFile), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", File.ReadAllText(first.PublicKeyFile), StringComparison.Ordinal);

        var privateKey = File.ReadAllText(first.PrivateKeyFile);
        var second = SigningKeys.EnsureKeyPair(Path.Combine(_directory, "private"), Path.Combine(_directory, "public"));
        Assert.False(second.Created);
        Assert.Equal(privateKey, File.ReadAllText(second.PrivateKeyFile));
    }

    [Fact]
    public async Task Processes_generating_at_once_end_up_with_one_key_pair()
    {
        var pairs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SigningKeys.EnsureKeyPair(_directory))));
        Assert.Single(pairs, p => p.Created);
        var signing = SigningKeys.LoadSigningKey(new AuthOptions { SigningKeyFile = pairs[0].PrivateKeyFile }, isDevelopment: false);
        var validating = SigningKeys.LoadValidationKeys(new AuthOptions { PublicKeyFile = pairs[0].PublicKeyFile }, isDevelopment: false);
        Assert.Equal(signing.KeyId, Assert.Single(validating).KeyId);
    }

    [Fact]
    public void A_development_host_without_keys_makes_and_reuses_its_own()
    {
        var options = new AuthOptions { DevelopmentKeyDirectory = _directory };
        var signing = SigningKeys.LoadSigningKey(options, isDevelopment: true);
        var validating = SigningKeys.LoadValidationKeys(options, isDevelopment: true);
        Assert.Equal(signing.KeyId, Assert.Single(validating).KeyId);
        Assert.True(File.Exists(Path.Combine(_directory, SigningKeys.PrivateKeyFileName)));
    }

    [Fact]
    public void Access_tokens_longer_than_fifteen_minutes_are_refused_by_configuration()
    {
        Assert.Throws<InvalidOperationException>(() => new AuthOptions { AccessTokenLifetime = TimeSpan.FromHours(8) }.Validate());
        new AuthOptions { AccessTokenLifetime = TimeSpan.FromMinutes(15) }.Validate();
    }
}
