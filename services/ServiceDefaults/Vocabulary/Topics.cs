namespace EventPlatform.ServiceDefaults.Vocabulary;

/// <summary>The words events, talks and attendees are described with: one vocabulary, so interests match tags.</summary>
public static class Topics
{
    /// <summary>Why someone wants to meet people: matched in complementary pairs.</summary>
    public static readonly IReadOnlyList<string> Intents =
        ["hiring", "job-seeking", "mentoring", "seeking-mentor", "collaborating", "learning"];

    /// <summary>Suggested interests (talk tags use the same words); free tags are allowed too.</summary>
    public static readonly IReadOnlyList<string> Suggested =
    [
        "mlops", "model-serving", "model-monitoring", "testing", "data-validation", "streaming",
        "distributed-computing", "reproducibility", "team-collaboration", "feature-stores", "data-engineering",
        "deep-learning", "nlp", "computer-vision", "python", "kubernetes", "career", "ml-in-production",
        "model-governance", "data-versioning", "devops", "drift-detection",
    ];

    /// <summary>"Model Serving" and "model_serving" are the tag "model-serving".</summary>
    public static string Normalize(string tag) =>
        string.Join('-', tag.Trim().ToLowerInvariant().Split([' ', '_'], StringSplitOptions.RemoveEmptyEntries));
}
