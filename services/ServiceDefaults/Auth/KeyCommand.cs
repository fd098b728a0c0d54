namespace EventPlatform.ServiceDefaults.Auth;

/// <summary>
/// <c>generate-keys PRIVATE_DIR [PUBLIC_DIR]</c>: makes the platform's token key pair on first install (deploy/run.sh,
/// the compose "keys" service) and leaves an existing one alone.
/// </summary>
public static class KeyCommand
{
    public const string Name = "generate-keys";

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }
        if (args.Length is < 2 or > 3)
        {
            Console.Error.WriteLine($"usage: {Name} PRIVATE_DIR [PUBLIC_DIR]");
            exitCode = 2;
            return true;
        }
        var pair = SigningKeys.EnsureKeyPair(args[1], args.Length == 3 ? args[2] : null);
        Console.WriteLine(pair.Created
            ? $"Generated the token signing key {pair.PrivateKeyFile} (owner-only) and its public key {pair.PublicKeyFile}"
            : $"Kept the existing token signing key {pair.PrivateKeyFile}; public key {pair.PublicKeyFile}");
        return true;
    }
}
