using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics;
using EventPlatform.Talks.Data;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace EventPlatform.Talks.Search;

/// <summary>
/// Keeps the library in memory for search (<see cref="LibrarySnapshot"/>) and never lets it be stale: every change to
/// the talks table bumps <c>library_version</c> (a statement trigger, so writes from any replica, consumer or seed
/// count), each search reads that one number first, and a newer version is loaded — once, whichever request sees it
/// first; the others wait for it — before the search runs. A search therefore sees every change committed before it,
/// like the SQL search did, at the cost of one indexed single-row read.
/// </summary>
public sealed class LibraryIndex(IServiceScopeFactory scopes, ILogger<LibraryIndex> logger)
{
    /// <summary>How many distinct text queries to keep compiled; the cache starts over when it is full.</summary>
    private const int CachedQueries = 10_000;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<string, TextQuery?> _queries = new(StringComparer.Ordinal);
    private volatile LibrarySnapshot? _current;

    /// <summary>The library as of now: the snapshot in memory, or a newer one loaded first.</summary>
    public async Task<LibrarySnapshot> CurrentAsync(TalksDbContext db, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(db, cancellationToken);
        if (_current is { } current && current.Version >= version)
        {
            return current;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } loaded && loaded.Version >= version)
            {
                return loaded;
            }
            return _current = await LoadAsync(cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// The rewritten search text as PostgreSQL's english configuration parses it (stems, stop words dropped), compiled
    /// for the in-memory search; null when it uses what only SQL evaluates. Parsing depends on the text alone, so each
    /// text is parsed once.
    /// </summary>
    public async Task<TextQuery?> CompileAsync(TalksDbContext db, string text, CancellationToken cancellationToken)
    {
        if (_queries.TryGetValue(text, out var compiled))
        {
            return compiled;
        }
        var parsed = await ScalarAsync<NpgsqlTsQuery>(db, $"SELECT to_tsquery('{TalksDbContext.SearchConfig}', @text)", text, cancellationToken);
        compiled = TextQuery.Compile(parsed);
        if (_queries.Count >= CachedQueries)
        {
            _queries.Clear();
        }
        _queries[text] = compiled;
        return compiled;
    }

    private static Task<long> VersionAsync(TalksDbContext db, CancellationToken cancellationToken) =>
        ScalarAsync<long>(db, "SELECT version FROM library_version", null, cancellationToken);

    private static async Task<T> ScalarAsync<T>(TalksDbContext db, string sql, string? text, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (text is not null)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "text";
                parameter.Value = text;
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return reader.GetFieldValue<T>(0);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Every talk, the version and the collation orders, read in one repeatable-read transaction.</summary>
    private async Task<LibrarySnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TalksDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var version = await VersionAsync(db, cancellationToken);
        var talks = await db.Talks.AsNoTracking()
            .OrderByDescending(t => t.Year).ThenByDescending(t => t.Date).ThenBy(t => t.Title).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var titleOrder = await db.Talks.OrderBy(t => t.Title).ThenBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        var tieOrder = await db.Talks.OrderByDescending(t => t.Year).ThenBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        var tags = await db.Database.SqlQuery<string>(
            $"SELECT DISTINCT tag AS \"Value\" FROM talks, unnest(tags) AS tag ORDER BY 1").ToListAsync(cancellationToken);
        var events = await db.Database.SqlQuery<string>(
            $"SELECT DISTINCT event_name AS \"Value\" FROM talks ORDER BY 1").ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var read = watch.ElapsedMilliseconds;
        var snapshot = new LibrarySnapshot(version, talks, titleOrder, tieOrder, tags, events);
        logger.LogInformation("Loaded the library for search: {Talks} talks at version {Version}, read in {ReadMilliseconds} ms, indexed in {IndexMilliseconds} ms",
            snapshot.Count, version, read, watch.ElapsedMilliseconds - read);
        return snapshot;
    }
}
