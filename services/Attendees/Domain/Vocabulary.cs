namespace EventPlatform.Attendees.Domain;

/// <summary>The words attendees describe themselves with; topics are shared with talk tags.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<string> Intents =
        ["hiring", "job-seeking", "mentoring", "seeking-mentor", "collaborating", "learning"];

    /// <summary>Suggested interests (talk tags use the same words); free tags are allowed too.</summary>
    public static readonly IReadOnlyList<string> Topics =
    [
        "mlops", "model-serving", "model-monitoring", "testing", "data-validation", "streaming",
        "distributed-computing", "reproducibility", "team-collaboration", "feature-stores", "data-engineering",
        "deep-learning", "nlp", "computer-vision", "python", "kubernetes", "career",
    ];

    public static string NormalizeTag(string tag) =>
        string.Join('-', tag.Trim().ToLowerInvariant().Split([' ', '_'], StringSplitOptions.RemoveEmptyEntries));
}
