using System.Security.Cryptography;
using System.Text.Json;

namespace EventPlatform.Demo;

/// <summary>
/// The demo's passwords: made at random on the first run and kept in a file only its owner can read, so the demo
/// accounts of one install are not the demo accounts of every install, and a second run can sign in again.
/// </summary>
public sealed record DemoCredentials(string OrganizerEmail, string OrganizerPassword, string AttendeePassword)
{
    public static DemoCredentials LoadOrCreate(string path, string organizerEmail)
    {
        if (File.Exists(path))
        {
            var saved = JsonSerializer.Deserialize<DemoCredentials>(File.ReadAllText(path), DemoApi.Json)
                ?? throw new DemoException($"{path} is not a credentials file; remove it to start over.");
            return saved with { OrganizerEmail = organizerEmail };
        }
        var made = new DemoCredentials(organizerEmail, NewPassword(), NewPassword());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, file))
        {
            JsonSerializer.Serialize(stream, made, DemoApi.Json);
        }
        return made;
    }

    /// <summary>Four groups of five letters and digits: long enough for the password policy, easy to type from the terminal.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(alphabet, 5)));
    }
}
