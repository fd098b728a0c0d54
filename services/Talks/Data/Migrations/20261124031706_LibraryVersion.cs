using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Talks.Data.Migrations
{
    /// <summary>
    /// The library's version: one number every change to the talks table bumps, read by each search to know whether
    /// the in-memory library is current (services/Talks/Search/LibraryIndex.cs). The trigger runs before the statement
    /// changes any row, so a writing transaction takes the version's row lock before any talk's, and two writers
    /// cannot each hold what the other waits for.
    /// </summary>
    public partial class LibraryVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE library_version (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO library_version VALUES (1, 1);
                CREATE FUNCTION bump_library_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE library_version SET version = version + 1 WHERE id = 1;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER talks_bump_library_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON talks
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_library_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER talks_bump_library_version ON talks;
                DROP FUNCTION bump_library_version();
                DROP TABLE library_version;
                """);
        }
    }
}
