using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Events.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizersAndTalkOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "co_organizer_ids",
                table: "events",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "talk_changed_at",
                table: "agenda_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_organizer_id",
                table: "events",
                column: "organizer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_organizer_id",
                table: "events");

            migrationBuilder.DropColumn(
                name: "co_organizer_ids",
                table: "events");

            migrationBuilder.DropColumn(
                name: "talk_changed_at",
                table: "agenda_items");
        }
    }
}
