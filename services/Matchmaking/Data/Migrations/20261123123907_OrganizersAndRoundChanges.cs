using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Matchmaking.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizersAndRoundChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "scheduled_at",
                table: "networking_rounds",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "'1970-01-01T00:00:00Z'");

            migrationBuilder.Sql("UPDATE networking_rounds SET scheduled_at = created_at");

            migrationBuilder.AddColumn<List<Guid>>(
                name: "organizer_ids",
                table: "networking_events",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "scheduled_at",
                table: "networking_rounds");

            migrationBuilder.DropColumn(
                name: "organizer_ids",
                table: "networking_events");
        }
    }
}
