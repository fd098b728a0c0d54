using System.Diagnostics;

namespace EventPlatform.Benchmarks;

/// <summary>An npm package the benchmarks compare with or measure by (installed beside the binaries on first use) and the commands that run it.</summary>
public static class NodeTool
{
    public static async Task<string> InstallAsync(string folder, string package)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, folder);
        if (!Directory.Exists(Path.Combine(directory, "node_modules", package)))
        {
            await RunAsync("npm", "install --no-audit --no-fund --silent", directory, TimeSpan.FromMinutes(5));
        }
        return directory;
    }

    /// <summary>Runs a command and returns what it printed, or null when it ran out of time (it is then killed).</summary>
    public static async Task<string?> RunAsync(string command, string arguments, string directory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {arguments} exited with {process.ExitCode}: {await errors}");
        }
        return await output;
    }
}
