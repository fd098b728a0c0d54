namespace EventPlatform.Notifications.Delivery;

/// <summary>Where mail goes out (<c>Smtp__Host</c>, <c>Smtp__Port</c>, …): by default the development mail catcher on 127.0.0.1:1025.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1025;

    /// <summary>STARTTLS when the server offers it (Auto), always (StartTls), TLS from the first byte (SslOnConnect) or never (None).</summary>
    public MailKit.Security.SecureSocketOptions Security { get; set; } = MailKit.Security.SecureSocketOptions.Auto;

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "EventPlatform <no-reply@eventplatform.local>";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>How the dispatcher works through the emails due (<c>Notifications__Email__…</c>).</summary>
public sealed class EmailDeliveryOptions
{
    public const string Section = "Notifications:Email";

    /// <summary>How often to look for mail that is due when the last look found none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts at one email (the waits double from 1 s up to it).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Emails sent over one SMTP connection in one transaction.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>The web app's address, for the links in emails and invites.</summary>
    public Uri PublicUrl { get; set; } = new("http://127.0.0.1:8080/");
}
