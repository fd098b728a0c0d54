using EventPlatform.ServiceDefaults.Data;
using EventPlatform.Web.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Web.Data;

/// <summary>
/// Web keeps no domain data: only what lets any of its replicas serve a signed-in person after a restart — the data
/// protection keys its cookies are sealed with, and each session's API tokens (themselves sealed with those keys).
/// </summary>
public sealed class WebDbContext(DbContextOptions<WebDbContext> options) : ServiceDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<WebSession> Sessions => Set<WebSession>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.Entity<WebSession>(session =>
        {
            session.ToTable("web_sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasMaxLength(64);
            session.Property(s => s.AccessToken).HasMaxLength(4000);
            session.Property(s => s.RefreshToken).HasMaxLength(1000);
            session.HasIndex(s => s.AttendeeId);
            session.HasIndex(s => s.RefreshExpiresAt);
        });
    }
}
