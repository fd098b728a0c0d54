using EventPlatform.Testing;

namespace EventPlatform.Talks.Tests;

public sealed class TalksFactory : ServiceFactory<Program>;
