using System.Security.Cryptography;
using EventPlatform.ServiceDefaults.Auth;

namespace EventPlatform.Testing;

/// <summary>
/// The token key pair of a test run: generated once per process, as a fresh install generates its own. Services
/// under test get the public key; Attendees (and tests standing in for it) get the private key.
/// </summary>
public static class TestKeys
{
    private static readonly Lazy<(string Private, string Public)> Pair = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    });

    public static string PrivateKeyPem => Pair.Value.Private;
    public static string PublicKeyPem => Pair.Value.Public;

    /// <summary>Signs tokens as Attendees would.</summary>
    public static TokenIssuer Issuer(AuthOptions? options = null)
    {
        var auth = options ?? new AuthOptions();
        auth.SigningKey = PrivateKeyPem;
        return new TokenIssuer(auth, SigningKeys.LoadSigningKey(auth, isDevelopment: false), TimeProvider.System);
    }

    /// <summary>Writes the pair as files (for services started as processes) and returns their paths.</summary>
    public static (string PrivateKeyFile, string PublicKeyFile) WriteFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        var privateFile = Path.Combine(directory, SigningKeys.PrivateKeyFileName);
        var publicFile = Path.Combine(directory, SigningKeys.PublicKeyFileName);
        File.WriteAllText(privateFile, PrivateKeyPem);
        File.WriteAllText(publicFile, PublicKeyPem);
        return (privateFile, publicFile);
    }
}
