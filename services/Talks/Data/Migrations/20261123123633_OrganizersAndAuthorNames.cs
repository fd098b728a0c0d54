using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Talks.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizersAndAuthorNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "organizer_ids",
                table: "talk_events",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "author_name_at",
                table: "questions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "'1970-01-01T00:00:00Z'");

            migrationBuilder.Sql("UPDATE questions SET author_name_at = created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "organizer_ids",
                table: "talk_events");

            migrationBuilder.DropColumn(
                name: "author_name_at",
                table: "questions");
        }
    }
}
