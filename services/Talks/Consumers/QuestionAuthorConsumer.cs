using EventPlatform.Contracts.Attendees;
using EventPlatform.ServiceDefaults.Messaging;
using EventPlatform.Talks.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Talks.Consumers;

/// <summary>Questions show their author's current name: a profile edit renames every question they asked (newest edit wins).</summary>
public sealed class QuestionAuthorConsumer(TalksDbContext db, ILogger<QuestionAuthorConsumer> logger) : IConsumer<AttendeeProfileUpdated>
{
    public Task Consume(ConsumeContext<AttendeeProfileUpdated> context) =>
        db.ConsumeOnceAsync(context, nameof(QuestionAuthorConsumer), cancellationToken =>
        {
            var m = context.Message;
            var name = m.Profile.DisplayName.Trim();
            name = name.Length > 200 ? name[..200] : name;
            return db.Questions.Where(q => q.AuthorId == m.AttendeeId && q.AuthorNameAt < m.OccurredAt)
                .ExecuteUpdateAsync(set => set.SetProperty(q => q.AuthorName, name).SetProperty(q => q.AuthorNameAt, m.OccurredAt), cancellationToken);
        }, logger);
}
