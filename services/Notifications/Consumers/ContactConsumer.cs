using EventPlatform.Contracts.Attendees;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;

namespace EventPlatform.Notifications.Consumers;

/// <summary>Keeps each person's address (from the sign-up), name and time zone (from every profile edit).</summary>
public sealed class ContactConsumer(NotificationsDbContext db, ILogger<ContactConsumer> logger) :
    IConsumer<AttendeeSignedUp>, IConsumer<AttendeeProfileUpdated>
{
    public Task Consume(ConsumeContext<AttendeeSignedUp> context) =>
        Apply(context, context.Message.AttendeeId, context.Message.Email, context.Message.DisplayName, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<AttendeeProfileUpdated> context) =>
        Apply(context, context.Message.AttendeeId, null, context.Message.Profile.DisplayName, context.Message.OccurredAt, context.Message.Profile.TimeZone);

    private Task Apply<T>(ConsumeContext<T> context, Guid attendeeId, string? email, string displayName, DateTimeOffset at, string? timeZone = null)
        where T : class =>
        db.ConsumeOnceAsync(context, $"{nameof(ContactConsumer)}.{typeof(T).Name}", async cancellationToken =>
        {
            await db.LockReplicaAsync(attendeeId, cancellationToken);
            var contact = await db.Contacts.FindAsync([attendeeId], cancellationToken);
            if (contact is null)
            {
                // An edit can arrive before the sign-up it follows: the name is kept and the address comes with the sign-up.
                contact = Contact.Create(attendeeId, email ?? "", displayName, at);
                contact.Apply(null, displayName, at, timeZone);
                db.Contacts.Add(contact);
            }
            else
            {
                contact.Apply(email, displayName, at, timeZone);
            }
        }, logger);
}
