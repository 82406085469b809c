using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduDuty.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PointsAdjustmentVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PointsAdjustments",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "PointsAdjustments");
        }
    }
}
