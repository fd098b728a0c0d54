using System.Text.Json;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Talks.Seeding;

/// <summary>
/// Loads seeds/talks.json into the library at start-up (after the migrations) as an idempotent upsert by id:
/// a new entry is added, an edited one updates its talk, an unchanged one is not written, nothing is duplicated.
/// Replicas starting together take turns on an advisory lock.
/// </summary>
public sealed partial class TalkSeedLoader(
    IServiceScopeFactory scopes, IOptions<TalkSeedOptions> options, TimeProvider clock, ILogger<TalkSeedLoader> logger) : IHostedService
{
    private const long AdvisoryLockKey = 0x7A1C5EED;

    public sealed record Result(int Added, int Updated, int Unchanged, int Rejected);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.LoadOnStartup)
        {
            await LoadAsync(cancellationToken);
        }
    }

    public async Task<Result> LoadAsync(CancellationToken cancellationToken)
    {
        var path = System.IO.Path.IsPathRooted(options.Value.Path)
            ? options.Value.Path
            : System.IO.Path.Combine(AppContext.BaseDirectory, options.Value.Path);
        if (!File.Exists(path))
        {
            LogMissing(path);
            return new Result(0, 0, 0, 0);
        }
        SeedFile file;
        await using (var stream = File.OpenRead(path))
        {
            file = await JsonSerializer.DeserializeAsync<SeedFile>(stream, TalkSeed.Json, cancellationToken)
                ?? throw new InvalidDataException($"{path} holds no talks");
        }

        var valid = new List<TalkSeed>();
        foreach (var seed in file.Talks)
        {
            var problems = seed.Problems().ToList();
            if (problems.Count > 0)
            {
                LogRejected(seed.Slug, string.Join("; ", problems));
            }
            else
            {
                valid.Add(seed);
            }
        }
        var duplicates = valid.GroupBy(s => s.Slug).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var slug in duplicates)
        {
            LogRejected(slug, "the slug is used by more than one entry");
        }
        valid.RemoveAll(s => duplicates.Contains(s.Slug));

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TalksDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);

        var ids = valid.Select(s => s.Id).ToList();
        var existing = await db.Talks.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var slugs = valid.Select(s => s.Slug).ToList();
        var slugOwners = await db.Talks.Where(t => slugs.Contains(t.Slug)).Select(t => new { t.Slug, t.Id }).ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        var now = clock.GetUtcNow();
        int added = 0, updated = 0, unchanged = 0, rejected = file.Talks.Count - valid.Count;
        foreach (var seed in valid)
        {
            if (slugOwners.TryGetValue(seed.Slug, out var owner) && owner != seed.Id)
            {
                LogRejected(seed.Slug, $"the slug belongs to talk {owner}");
                rejected++;
                continue;
            }
            if (!existing.TryGetValue(seed.Id, out var talk))
            {
                talk = Talk.ForLibrary(seed.Id, seed.Slug, now);
                seed.ApplyTo(talk, now);
                db.Talks.Add(talk);
                added++;
            }
            else if (talk.SeedHash != seed.Fingerprint())
            {
                seed.ApplyTo(talk, now);
                updated++;
            }
            else
            {
                unchanged++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var result = new Result(added, updated, unchanged, rejected);
        LogLoaded(path, result.Added, result.Updated, result.Unchanged, result.Rejected);
        return result;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "No seed talks at {Path}; the library starts empty")]
    private partial void LogMissing(string path);

    [LoggerMessage(LogLevel.Error, "Seed talk {Slug} was not loaded: {Problems}")]
    private partial void LogRejected(string? slug, string problems);

    [LoggerMessage(LogLevel.Information, "Seed talks from {Path}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected")]
    private partial void LogLoaded(string path, int added, int updated, int unchanged, int rejected);
}
