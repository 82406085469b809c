using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduDuty.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SummaryVerifiedScore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VerifiedGrade",
                table: "Summaries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "VerifiedScore",
                table: "Summaries",
                type: "numeric",
                nullable: true);

            // Summaries of evaluations already reviewed are recomputed on start (a summary whose scheme hash differs is stale),
            // so their verified score is in the lists at once.
            migrationBuilder.Sql("UPDATE \"Summaries\" SET \"SchemeHash\" = 'stale' WHERE \"EvaluationId\" IN (SELECT \"EvaluationId\" FROM \"BonusClaims\" WHERE \"Granted\" IS NOT NULL UNION SELECT \"EvaluationId\" FROM \"PointsAdjustments\")");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VerifiedGrade",
                table: "Summaries");

            migrationBuilder.DropColumn(
                name: "VerifiedScore",
                table: "Summaries");
        }
    }
}
