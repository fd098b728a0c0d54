using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Matchmaking.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReadMarkersAndTableRooms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "room_url",
                table: "topic_tables",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            // Tables hosted before rooms existed get one under the default room address.
            migrationBuilder.Sql("UPDATE topic_tables SET room_url = 'https://meet.eventplatform.dev/rooms/table-' || replace(id::text, '-', '') WHERE room_url = ''");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "read_by_a_at",
                table: "matches",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "read_by_b_at",
                table: "matches",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "room_url",
                table: "topic_tables");

            migrationBuilder.DropColumn(
                name: "read_by_a_at",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "read_by_b_at",
                table: "matches");
        }
    }
}
