using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EventPlatform.Attendees.Data.Migrations
{
    /// <inheritdoc />
    public partial class Registrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "confirmed_count",
                table: "event_replicas",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "waitlisted_count",
                table: "event_replicas",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attendee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    promoted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_registrations_attendees_attendee_id",
                        column: x => x.attendee_id,
                        principalTable: "attendees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_registrations_event_replicas_event_id",
                        column: x => x.event_id,
                        principalTable: "event_replicas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_event_replicas_seats",
                table: "event_replicas",
                sql: "confirmed_count >= 0 AND confirmed_count <= capacity");

            migrationBuilder.AddCheckConstraint(
                name: "ck_event_replicas_waitlist",
                table: "event_replicas",
                sql: "waitlisted_count >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_attendee_id",
                table: "registrations",
                column: "attendee_id");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_event_id_attendee_id",
                table: "registrations",
                columns: new[] { "event_id", "attendee_id" },
                unique: true,
                filter: "status <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_event_id_status_sequence",
                table: "registrations",
                columns: new[] { "event_id", "status", "sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_event_replicas_seats",
                table: "event_replicas");

            migrationBuilder.DropCheckConstraint(
                name: "ck_event_replicas_waitlist",
                table: "event_replicas");

            migrationBuilder.DropColumn(
                name: "confirmed_count",
                table: "event_replicas");

            migrationBuilder.DropColumn(
                name: "waitlisted_count",
                table: "event_replicas");
        }
    }
}
