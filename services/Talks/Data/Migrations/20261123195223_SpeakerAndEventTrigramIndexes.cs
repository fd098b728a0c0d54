using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Talks.Data.Migrations
{
    /// <inheritdoc />
    public partial class SpeakerAndEventTrigramIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_talks_event_name",
                table: "talks",
                column: "event_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_talks_speaker_names",
                table: "talks",
                column: "speaker_names")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_talks_event_name",
                table: "talks");

            migrationBuilder.DropIndex(
                name: "ix_talks_speaker_names",
                table: "talks");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
