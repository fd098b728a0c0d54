using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

public sealed class MatchmakingFactory : ServiceFactory<Program>;
