using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Matchmaking.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkingRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "matches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: true),
                    attendee_a = table.Column<Guid>(type: "uuid", nullable: false),
                    attendee_b = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    reasons_for_a = table.Column<List<string>>(type: "text[]", nullable: false),
                    reasons_for_b = table.Column<List<string>>(type: "text[]", nullable: false),
                    response_a = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    response_b = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: true),
                    room_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_matches", x => x.id);
                    table.CheckConstraint("ck_matches_pair_ordered", "attendee_a < attendee_b");
                });

            migrationBuilder.CreateTable(
                name: "networking_rounds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pool_size = table.Column<int>(type: "integer", nullable: false),
                    pairs = table.Column<int>(type: "integer", nullable: false),
                    total_score = table.Column<double>(type: "double precision", nullable: false),
                    unmatched = table.Column<List<Guid>>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_networking_rounds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "direct_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    match_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_direct_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_direct_messages_matches_match_id",
                        column: x => x.match_id,
                        principalTable: "matches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_direct_messages_match_id_sent_at",
                table: "direct_messages",
                columns: new[] { "match_id", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_matches_attendee_a",
                table: "matches",
                column: "attendee_a");

            migrationBuilder.CreateIndex(
                name: "ix_matches_attendee_b",
                table: "matches",
                column: "attendee_b");

            migrationBuilder.CreateIndex(
                name: "ix_matches_event_id_attendee_a_attendee_b",
                table: "matches",
                columns: new[] { "event_id", "attendee_a", "attendee_b" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_networking_rounds_event_id_key",
                table: "networking_rounds",
                columns: new[] { "event_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_networking_rounds_status_starts_at",
                table: "networking_rounds",
                columns: new[] { "status", "starts_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "direct_messages");

            migrationBuilder.DropTable(
                name: "networking_rounds");

            migrationBuilder.DropTable(
                name: "matches");
        }
    }
}
