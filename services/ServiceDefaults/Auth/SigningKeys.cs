using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace EventPlatform.ServiceDefaults.Auth;

/// <summary>
/// The platform's ES256 keys. Only Attendees holds the private key and signs tokens; every other part holds the
/// public key(s) and can verify a token but never mint one. Keys are PEM (PKCS#8 private, SubjectPublicKeyInfo
/// public), identified by their RFC 7638 thumbprint, which tokens carry as <c>kid</c>.
/// </summary>
public static class SigningKeys
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;
    public const string PrivateKeyFileName = "signing-key.pem";
    public const string PublicKeyFileName = "signing-key.pub.pem";

    /// <summary>The private key that signs tokens, from configuration; in Development a generated one when none is set.</summary>
    public static ECDsaSecurityKey LoadSigningKey(AuthOptions options, bool isDevelopment)
    {
        var pem = options.SigningKey is { Length: > 0 } text ? text
            : options.SigningKeyFile is { Length: > 0 } file ? ReadFile(file, "Auth:SigningKeyFile")
            : isDevelopment ? File.ReadAllText(EnsureKeyPair(DevelopmentDirectory(options)).PrivateKeyFile)
            : throw new InvalidOperationException(
                "No token signing key is configured. Set Auth:SigningKeyFile to an ES256 private key in PEM " +
                "(deploy/run.sh and docker compose generate one on first start); only a Development host makes its own.");
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        RequireP256(key, "Auth:SigningKey");
        return WithKeyId(key);
    }

    /// <summary>
    /// The public keys tokens are verified with: the configured ones, else the signing key's own (Attendees), else in
    /// Development the generated pair's; with none of these the service refuses to start.
    /// </summary>
    public static IReadOnlyList<ECDsaSecurityKey> LoadValidationKeys(AuthOptions options, bool isDevelopment)
    {
        var pem = new StringBuilder();
        if (options.PublicKey is { Length: > 0 } text)
        {
            pem.AppendLine(text);
        }
        if (options.PublicKeyFile is { Length: > 0 } file)
        {
            pem.AppendLine(ReadFile(file, "Auth:PublicKeyFile"));
        }
        if (pem.Length > 0)
        {
            return [.. PemBlocks(pem.ToString()).Select(block =>
            {
                var key = ECDsa.Create();
                key.ImportFromPem(block);
                RequireP256(key, "Auth:PublicKey");
                return WithKeyId(key);
            })];
        }
        if (options.SigningKey is { Length: > 0 } || options.SigningKeyFile is { Length: > 0 })
        {
            return [PublicPart(LoadSigningKey(options, isDevelopment))];
        }
        if (isDevelopment)
        {
            var pair = EnsureKeyPair(DevelopmentDirectory(options));
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(pair.PublicKeyFile));
            return [WithKeyId(key)];
        }
        throw new InvalidOperationException(
            "No token verification key is configured. Set Auth:PublicKeyFile to the platform's ES256 public key in PEM " +
            "(deploy/run.sh and docker compose generate the pair on first start); only a Development host makes its own.");
    }

    public sealed record KeyPairFiles(string PrivateKeyFile, string PublicKeyFile, bool Created);

    /// <summary>
    /// Makes a P-256 key pair in <paramref name="privateDirectory"/> (private key readable by its owner only) and
    /// its public half in <paramref name="publicDirectory"/>, unless one is there already. Safe to call from several
    /// processes at once: the first complete pair wins and the others read it.
    /// </summary>
    public static KeyPairFiles EnsureKeyPair(string privateDirectory, string? publicDirectory = null)
    {
        publicDirectory ??= privateDirectory;
        CreateDirectory(privateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        CreateDirectory(publicDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var privateFile = Path.Combine(privateDirectory, PrivateKeyFileName);
        var publicFile = Path.Combine(publicDirectory, PublicKeyFileName);
        var created = false;
        if (!File.Exists(privateFile))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            created = WriteOnce(privateFile, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        // The public half is always derived from the private key on disk, so the two can never disagree.
        using (var key = ECDsa.Create())
        {
            key.ImportFromPem(File.ReadAllText(privateFile));
            var publicPem = key.ExportSubjectPublicKeyInfoPem();
            if (!File.Exists(publicFile) || File.ReadAllText(publicFile).Trim() != publicPem.Trim())
            {
                var temporary = publicFile + "." + Guid.NewGuid().ToString("N");
                File.WriteAllText(temporary, publicPem + "\n");
                File.Move(temporary, publicFile, overwrite: true);
            }
        }
        return new KeyPairFiles(privateFile, publicFile, created);
    }

    private static string DevelopmentDirectory(AuthOptions options) =>
        options.DevelopmentKeyDirectory is { Length: > 0 } directory
            ? directory
            : Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) is { Length: > 0 } data ? data : Path.GetTempPath(),
                "eventplatform", "dev-keys");

    /// <summary>
    /// Writes <paramref name="path"/> unless it exists, whole or not at all. Writers in other processes and threads
    /// take turns on a lock file (flock), so exactly one of them creates the file and the others see it complete.
    /// </summary>
    private static bool WriteOnce(string path, string content, UnixFileMode mode)
    {
        using var turn = TakeTurn(path + ".lock");
        if (File.Exists(path))
        {
            return false;
        }
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Write('\n');
        }
        File.Move(temporary, path, overwrite: false);
        return true;
    }

    private static FileStream TakeTurn(string lockFile)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
        }
    }

    private static void CreateDirectory(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, mode);
        }
    }

    private static string ReadFile(string path, string setting) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new InvalidOperationException($"{setting} points at {path}, which does not exist.");

    private static IEnumerable<string> PemBlocks(string text)
    {
        const string end = "-----END ";
        var start = 0;
        while ((start = text.IndexOf("-----BEGIN ", start, StringComparison.Ordinal)) >= 0)
        {
            var stop = text.IndexOf(end, start, StringComparison.Ordinal);
            var close = stop < 0 ? -1 : text.IndexOf("-----", stop + end.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new InvalidOperationException("A public key PEM block is not terminated.");
            }
            yield return text[start..(close + 5)];
            start = close + 5;
        }
    }

    private static void RequireP256(ECDsa key, string setting)
    {
        if (key.ExportParameters(false).Curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256"))
        {
            throw new InvalidOperationException($"{setting} must be a P-256 (ES256) key.");
        }
    }

    private static ECDsaSecurityKey WithKeyId(ECDsa key)
    {
        var securityKey = new ECDsaSecurityKey(key);
        securityKey.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(securityKey).ComputeJwkThumbprint());
        return securityKey;
    }

    private static ECDsaSecurityKey PublicPart(ECDsaSecurityKey signing)
    {
        var key = ECDsa.Create(signing.ECDsa.ExportParameters(includePrivateParameters: false));
        return WithKeyId(key);
    }
}
