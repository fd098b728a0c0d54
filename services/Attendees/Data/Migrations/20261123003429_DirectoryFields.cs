using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Attendees.Data.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "directory_fields",
                table: "attendees",
                type: "text[]",
                nullable: false,
                // Everyone listed before this choice existed showed every field; they keep doing so.
                defaultValueSql: "ARRAY['headline', 'company', 'interests', 'intents']");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "directory_fields",
                table: "attendees");
        }
    }
}
