using EventPlatform.Contracts.Attendees;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;

namespace EventPlatform.Notifications.Consumers;

/// <summary>Mails the links that prove an address: the one that finishes a sign-up and the password reset.</summary>
public sealed class AccountConsumer(NotificationsDbContext db, ILogger<AccountConsumer> logger) :
    IConsumer<EmailVerificationRequested>, IConsumer<PasswordResetRequested>
{
    public Task Consume(ConsumeContext<EmailVerificationRequested> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(AccountConsumer)}.{nameof(EmailVerificationRequested)}", cancellationToken =>
        {
            var m = context.Message;
            // There is no account yet: the sign-up's own id stands for the recipient, and the address travels with the mail.
            return db.NotifyAsync(Notification.Create(m.SignUpId, NotificationKind.EmailConfirmation, m.OccurredAt, details: new NotificationDetails
            {
                Address = m.Email, RecipientName = m.DisplayName, Secret = m.Token, ExpiresAt = m.ExpiresAt,
            }), cancellationToken);
        }, logger);

    public Task Consume(ConsumeContext<PasswordResetRequested> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(AccountConsumer)}.{nameof(PasswordResetRequested)}", cancellationToken =>
        {
            var m = context.Message;
            return db.NotifyAsync(Notification.Create(m.AttendeeId, NotificationKind.PasswordReset, m.OccurredAt, details: new NotificationDetails
            {
                Address = m.Email, RecipientName = m.DisplayName, Secret = m.Token, ExpiresAt = m.ExpiresAt, DuringSignUp = m.DuringSignUp,
            }), cancellationToken);
        }, logger);
}
