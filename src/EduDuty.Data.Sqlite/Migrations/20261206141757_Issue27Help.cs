using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduDuty.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue27Help : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DocumentFileName",
                table: "Schemes",
                type: "TEXT",
                maxLength: 260,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DocumentHash",
                table: "Schemes",
                type: "TEXT",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DocumentLength",
                table: "Schemes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DocumentUploadedAtUtc",
                table: "Schemes",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DocumentFileName",
                table: "Schemes");

            migrationBuilder.DropColumn(
                name: "DocumentHash",
                table: "Schemes");

            migrationBuilder.DropColumn(
                name: "DocumentLength",
                table: "Schemes");

            migrationBuilder.DropColumn(
                name: "DocumentUploadedAtUtc",
                table: "Schemes");
        }
    }
}
