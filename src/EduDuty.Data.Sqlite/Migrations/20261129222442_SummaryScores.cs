using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduDuty.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SummaryScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Grade",
                table: "Summaries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Score",
                table: "Summaries",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Grade",
                table: "Summaries");

            migrationBuilder.DropColumn(
                name: "Score",
                table: "Summaries");
        }
    }
}
