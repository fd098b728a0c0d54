namespace EventPlatform.Demo;

/// <summary>A demo attendee: who they are and what they come for. Names and companies are invented.</summary>
public sealed record DemoPerson(string Name, string Headline, string Company, string[] Interests, string[] Intents, string TimeZone, bool Listed = true, bool Networking = true);

/// <summary>A talk on the demo programme (a new session on a theme the library's talks cover), minutes after the start.</summary>
public sealed record DemoTalk(int StartMinute, int Minutes, string Title, string Abstract, string Speaker, string Format, string[] Tags);

/// <summary>What the demo puts on a platform: one upcoming online conference and the people coming to it.</summary>
public static class DemoCast
{
    public const string EventTitle = "MLOps Community Online: Production ML Day (demo)";

    public const string EventDescription =
        "A demo event: a half day on running machine learning in production, on the themes the talk library covers: " +
        "serving and scaling models, monitoring them once they are live, feature stores and data validation, and how teams work together.\n\n" +
        "Networking is open now: set your interests and what you are here for in your profile, and the next round pairs you with a peer.";

    public static readonly string[] Topics = ["mlops", "ml-in-production", "model-serving", "model-monitoring", "feature-stores", "distributed-computing"];

    public static readonly DemoTalk[] Programme =
    [
        new(0, 30, "What five years of MLOps taught us about shipping models",
            "A look back at what changed between the first production ML talks in the library and today: which practices stuck, which tools faded, and what still goes wrong.",
            "Maya Lindqvist", "keynote", ["mlops", "ml-in-production"]),
        new(40, 30, "Watching models after launch: drift, data quality and alerts people act on",
            "How to notice that a model has quietly stopped working: input and prediction drift, data validation at the boundaries, and alerting that does not cry wolf.",
            "Tomás Ferreira", "talk", ["model-monitoring", "data-validation"]),
        new(110, 30, "Serving at scale: batching, autoscaling and cost on Kubernetes",
            "Patterns for serving many models to many users: dynamic batching, scaling on the right signal, and keeping GPU bills in check.",
            "Priya Raman", "talk", ["model-serving", "kubernetes", "distributed-computing"]),
        new(150, 40, "Panel: feature stores, two years in",
            "Three teams who adopted a feature store compare what it solved, what it cost, and what they would do differently.",
            "Chen Wei", "panel", ["feature-stores", "data-engineering"]),
    ];

    /// <summary>The networking break: minutes after the start, and how long.</summary>
    public const int BreakStartMinute = 75;
    public const int BreakMinutes = 30;

    public static readonly DemoPerson[] People =
    [
        new("Amara Okafor", "ML platform lead", "Northwind Analytics", ["mlops", "kubernetes", "model-serving"], ["hiring", "mentoring"], "Europe/London"),
        new("Lukas Becker", "Data engineer moving into MLOps", "Baltic Freight", ["data-engineering", "feature-stores", "streaming"], ["job-seeking", "learning"], "Europe/Berlin"),
        new("Sofia Marino", "Senior data scientist", "Vela Health", ["model-monitoring", "data-validation", "python"], ["collaborating"], "Europe/Rome"),
        new("Daniel Kim", "MLOps engineer", "Harbor Retail", ["mlops", "devops", "kubernetes"], ["learning", "collaborating"], "America/New_York"),
        new("Aisha Rahman", "Head of ML engineering", "Lumen Bank", ["model-governance", "ml-in-production", "team-collaboration"], ["hiring"], "Asia/Dubai"),
        new("Mateo García", "ML engineer", "Pampa Logistics", ["model-serving", "distributed-computing", "python"], ["seeking-mentor", "learning"], "America/Argentina/Buenos_Aires"),
        new("Hannah Schulz", "Research engineer, NLP", "Kettle Labs", ["nlp", "deep-learning", "reproducibility"], ["collaborating"], "Europe/Berlin"),
        new("Kwame Mensah", "Freelance MLOps consultant", "Independent", ["mlops", "data-versioning", "reproducibility"], ["collaborating", "mentoring"], "Africa/Accra"),
        new("Yuki Tanaka", "Computer vision engineer", "Sakura Robotics", ["computer-vision", "model-serving", "deep-learning"], ["learning"], "Asia/Tokyo"),
        new("Olivia Brown", "Engineering manager, data platform", "Maple Insurance", ["team-collaboration", "data-engineering", "mlops"], ["hiring"], "America/Toronto"),
        new("Rahul Verma", "Data scientist", "Indigo Payments", ["model-monitoring", "python", "testing"], ["job-seeking"], "Asia/Kolkata"),
        new("Elena Petrova", "ML infrastructure engineer", "Aurora Cloud", ["distributed-computing", "kubernetes", "model-serving"], ["collaborating"], "Europe/Amsterdam"),
        new("Samuel Adeyemi", "Student, MSc in machine learning", "University of Lagos", ["deep-learning", "python", "career"], ["seeking-mentor", "job-seeking"], "Africa/Lagos"),
        new("Claire Dubois", "Staff engineer, ML platform", "Rivage Media", ["feature-stores", "streaming", "ml-in-production"], ["mentoring"], "Europe/Paris"),
        new("Noah Williams", "Site reliability engineer", "Summit Games", ["devops", "kubernetes", "model-monitoring"], ["learning"], "America/Los_Angeles"),
        new("Fatima Zahra", "Data quality lead", "Atlas Energy", ["data-validation", "testing", "data-engineering"], ["collaborating", "hiring"], "Africa/Casablanca"),
        new("Jonas Nilsson", "ML engineer, recommendations", "Fjord Music", ["model-serving", "streaming", "feature-stores"], ["job-seeking"], "Europe/Stockholm"),
        new("Isabela Costa", "Analytics engineer", "Ipê Retail", ["data-engineering", "python", "data-versioning"], ["seeking-mentor"], "America/Sao_Paulo"),
        new("Arjun Nair", "Principal data scientist", "Coral Telecom", ["ml-in-production", "model-governance", "nlp"], ["mentoring", "hiring"], "Asia/Singapore"),
        new("Grace Liu", "MLOps engineer", "Bamboo Fintech", ["mlops", "model-monitoring", "reproducibility"], ["collaborating"], "Asia/Shanghai"),
        new("Tom Hughes", "Product manager, ML", "Granite Software", ["team-collaboration", "ml-in-production", "career"], ["learning"], "Europe/London", Listed: false),
        new("Zanele Dlamini", "Machine learning engineer", "Protea Mining", ["computer-vision", "distributed-computing", "mlops"], ["job-seeking", "collaborating"], "Africa/Johannesburg"),
        new("Marco Rossi", "CTO", "Lagoon AI", ["mlops", "model-serving", "team-collaboration"], ["hiring"], "Europe/Rome"),
        new("Leila Haddad", "Data scientist, fraud", "Cedar Payments", ["model-monitoring", "data-validation", "ml-in-production"], ["collaborating", "learning"], "Asia/Beirut"),
        new("Ben Carter", "Platform engineer", "Redwood Health", ["kubernetes", "devops", "model-serving"], ["learning"], "America/Chicago"),
        new("Nina Horvat", "Research scientist", "Adria Labs", ["deep-learning", "reproducibility", "data-versioning"], ["mentoring"], "Europe/Zagreb"),
        new("Diego Hernández", "ML engineer", "Sierra Mobility", ["feature-stores", "python", "streaming"], ["seeking-mentor", "collaborating"], "America/Mexico_City"),
        new("Chloe Martin", "Data engineer", "Brise Energie", ["data-engineering", "streaming", "testing"], ["job-seeking"], "Europe/Paris", Networking: false),
        new("Omar Farouk", "Senior ML engineer", "Nile Commerce", ["model-serving", "ml-in-production", "kubernetes"], ["mentoring", "collaborating"], "Africa/Cairo"),
        new("Emma Johansson", "Junior MLOps engineer", "Nordlys Bank", ["mlops", "devops", "career"], ["seeking-mentor", "learning"], "Europe/Oslo"),
    ];

    public static string EmailOf(int index) => $"demo-{index + 1:00}@demo.eventplatform.local";
}
